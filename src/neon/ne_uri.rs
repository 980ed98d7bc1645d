//! C face of `ne_uri.h` (being written).
