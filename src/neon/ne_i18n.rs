//! C face of `ne_i18n.h`.

use std::ffi::c_char;

use crate::ffi;

/// Sets up translation of neon's messages. neon-rs reports its messages in
/// English only (as in the C locale), so this does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_i18n_init(encoding: *const c_char) {
    ffi::guard((), || {
        let _ = encoding;
        Some(())
    })
}
