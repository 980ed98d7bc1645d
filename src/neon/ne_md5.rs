//! C face of `ne_md5.h` (being written).
