//! C face of `ne_dates.h` (being written).
