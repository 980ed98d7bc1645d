//! The thread's libcrypto error queue, which programs read with
//! `ERR_get_error` after a libssl call fails.

use std::ffi::{CStr, c_int, c_ulong};
use std::sync::Once;

use openssl_sys as ffi;

use crate::ssl::config::consts::{
    SSL_R_CERTIFICATE_VERIFY_FAILED, SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE,
};
use crate::tls::x509::errqueue::ErrEntry;

/// `ERR_LIB_SSL`.
const ERR_LIB_SSL: c_int = 20;

unsafe extern "C" {
    fn ERR_load_strings_const(table: *const ffi::ERR_STRING_DATA) -> c_int;
}

/// `ERR_PACK(ERR_LIB_SSL, 0, reason)`.
const fn ssl_code(reason: i32) -> c_ulong {
    ((ERR_LIB_SSL as c_ulong) << 23) | reason as c_ulong
}

/// The texts of the libssl reasons this library puts on the queue.
struct Table([ffi::ERR_STRING_DATA; 3]);

// SAFETY: immutable static data (pointers to static strings).
unsafe impl Sync for Table {}

static SSL_REASONS: Table = Table([
    ffi::ERR_STRING_DATA {
        error: ssl_code(SSL_R_CERTIFICATE_VERIFY_FAILED),
        string: c"certificate verify failed".as_ptr(),
    },
    ffi::ERR_STRING_DATA {
        error: ssl_code(SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE),
        string: c"peer did not return a certificate".as_ptr(),
    },
    ffi::ERR_STRING_DATA {
        error: 0,
        string: std::ptr::null(),
    },
]);

/// Registers libssl's reason texts with libcrypto (once), as
/// `OPENSSL_init_ssl` does, for `ERR_reason_error_string`.
pub fn load_ssl_strings() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: a static table ending with a zero entry.
        unsafe { ERR_load_strings_const(SSL_REASONS.0.as_ptr()) };
    });
}

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

/// Pushes an entry verification leaves (a failed signature's), as the
/// OpenSSL code that raises it would.
pub fn push_entry(e: &ErrEntry) {
    // SAFETY: as in push_ssl; file and func are static C strings.
    unsafe {
        ffi::ERR_new();
        ffi::ERR_set_debug(e.file.as_ptr(), 0, e.func.as_ptr());
        ffi::ERR_set_error(e.lib, e.reason, std::ptr::null());
    }
}

/// `ERR_clear_error`.
pub fn clear() {
    // SAFETY: no arguments.
    unsafe { ffi::ERR_clear_error() }
}
