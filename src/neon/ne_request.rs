//! C face of `ne_request.h` (being written).
