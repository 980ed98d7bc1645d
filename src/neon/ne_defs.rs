//! C face of `ne_defs.h`: the types and constants every neon header shares.

use std::ffi::c_int;

/// File offsets and lengths (64-bit on LP64 Linux either way).
pub type ne_off_t = libc::off_t;

/// neon's I/O block size.
pub const NE_BUFSIZ: c_int = 8192;
