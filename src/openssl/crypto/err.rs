//! The thread's libcrypto error queue, which programs read with
//! `ERR_get_error` after a libssl call fails.

use std::ffi::{CStr, c_int};

use openssl_sys as ffi;

/// `ERR_LIB_SSL`.
const ERR_LIB_SSL: c_int = 20;

/// Pushes a libssl error (`SSL_R_*` reason) as OpenSSL's `SSLfatal` does,
/// recording the OpenSSL source file and function where it arises.
pub fn push_ssl(reason: i32, file: &CStr, func: &CStr) {
    // SAFETY: ERR_new starts a record that the two calls complete; the
    // strings are static C strings (libcrypto keeps the pointers).
    unsafe {
        ffi::ERR_new();
        ffi::ERR_set_debug(file.as_ptr(), 0, func.as_ptr());
        ffi::ERR_set_error(ERR_LIB_SSL, reason, std::ptr::null());
    }
}

/// `ERR_clear_error`.
pub fn clear() {
    // SAFETY: no arguments.
    unsafe { ffi::ERR_clear_error() }
}
