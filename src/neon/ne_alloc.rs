//! C face of `ne_alloc.h` (being written).
