//! C face of `ne_string.h` (being written).
