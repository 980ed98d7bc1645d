//! C face of `ne_session.h` (being written).
