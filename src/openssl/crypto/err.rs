//! The thread's libcrypto error queue, which programs read with
//! `ERR_get_error` after a libssl call fails.

use std::ffi::{CStr, c_int, c_ulong};
use std::sync::Once;

use openssl_sys as ffi;

use crate::ssl::config::consts::{
    SSL_R_CERTIFICATE_VERIFY_FAILED, SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE,
};

/// `ERR_LIB_SSL`.
const ERR_LIB_SSL: c_int = 20;

unsafe extern "C" {
    fn ERR_load_strings_const(table: *const ffi::ERR_STRING_DATA) -> c_int;
}

/// `ERR_PACK(ERR_LIB_SSL, 0, reason)`.
const fn ssl_code(reason: i32) -> c_ulong {
    ((ERR_LIB_SSL as c_ulong) << 23) | reason as c_ulong
}

/// libssl reasons (`SSL_R_*`) this library puts on the queue besides
/// those of `consts`.
pub mod reasons {
    pub const BAD_VALUE: i32 = 384;
    pub const DH_KEY_TOO_SMALL: i32 = 394;
    pub const INVALID_NULL_CMD_NAME: i32 = 385;
    pub const NO_APPLICATION_PROTOCOL: i32 = 235;
    pub const NO_CERTIFICATE_ASSIGNED: i32 = 177;
    pub const NO_PRIVATE_KEY_ASSIGNED: i32 = 190;
    pub const UNKNOWN_CMD_NAME: i32 = 386;
    pub const BAD_SSL_FILETYPE: i32 = 124;
    pub const NOT_REPLACING_CERTIFICATE: i32 = 289;
    pub const PRIVATE_KEY_MISMATCH: i32 = 288;
    pub const NO_CERTIFICATE_SET: i32 = 179;
    pub const UNSUPPORTED_SSL_VERSION: i32 = 259;
    /// Common reasons (`ERR_R_*`, with their flag bits).
    pub const PASSED_NULL_PARAMETER: i32 = 258 | (1 << 18) | (2 << 18);
    pub const PASSED_INVALID_ARGUMENT: i32 = 262 | (2 << 18);
    pub const SYS_LIB: i32 = 2 | (2 << 18);
    pub const PEM_LIB: i32 = 9 | (2 << 18);
    pub const ASN1_LIB: i32 = 13 | (2 << 18);
}

/// The texts of the libssl reasons this library puts on the queue.
struct Table([ffi::ERR_STRING_DATA; 28]);

// SAFETY: immutable static data (pointers to static strings).
unsafe impl Sync for Table {}

const fn text(reason: i32, s: &'static CStr) -> ffi::ERR_STRING_DATA {
    ffi::ERR_STRING_DATA {
        error: ssl_code(reason),
        string: s.as_ptr(),
    }
}

static SSL_REASONS: Table = Table([
    text(
        SSL_R_CERTIFICATE_VERIFY_FAILED,
        c"certificate verify failed",
    ),
    text(
        SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE,
        c"peer did not return a certificate",
    ),
    text(reasons::BAD_VALUE, c"bad value"),
    text(reasons::DH_KEY_TOO_SMALL, c"dh key too small"),
    text(reasons::INVALID_NULL_CMD_NAME, c"invalid null cmd name"),
    text(reasons::NO_APPLICATION_PROTOCOL, c"no application protocol"),
    text(reasons::NO_CERTIFICATE_ASSIGNED, c"no certificate assigned"),
    text(reasons::NO_PRIVATE_KEY_ASSIGNED, c"no private key assigned"),
    text(reasons::UNKNOWN_CMD_NAME, c"unknown cmd name"),
    text(reasons::BAD_SSL_FILETYPE, c"bad ssl filetype"),
    text(
        reasons::NOT_REPLACING_CERTIFICATE,
        c"not replacing certificate",
    ),
    text(reasons::PRIVATE_KEY_MISMATCH, c"private key mismatch"),
    text(reasons::NO_CERTIFICATE_SET, c"no certificate set"),
    text(reasons::UNSUPPORTED_SSL_VERSION, c"unsupported ssl version"),
    // Reasons of absent.rs and cipher_stacks.rs.
    text(113, c"invalid configuration name"),
    text(121, c"still in init"),
    text(167, c"context not dane enabled"),
    text(175, c"dane not enabled"),
    text(185, c"no cipher match"),
    text(211, c"read bio not set"),
    text(232, c"ssl3 ext invalid max fragment length"),
    text(266, c"wrong ssl version"),
    text(276, c"uninitialized"),
    text(279, c"extension not received"),
    text(284, c"not server"),
    text(339, c"no renegotiation"),
    text(364, c"srtp unknown protection profile"),
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

/// Pushes a libssl error raised outside a handshake (`ERR_raise`), in
/// OpenSSL's function `func`.
pub fn raise(reason: i32, func: &CStr) {
    push_ssl(reason, c"ssl/ssl_lib.c", func);
}

/// As [`raise`], with a text for `ERR_get_error_all`'s data
/// (`ERR_raise_data`).
pub fn raise_data(reason: i32, func: &CStr, data: &str) {
    let data = std::ffi::CString::new(data).unwrap_or_default();
    // SAFETY: as in push_ssl; "%s" takes the one string argument, which
    // libcrypto copies.
    unsafe {
        ffi::ERR_new();
        ffi::ERR_set_debug(c"ssl/ssl_lib.c".as_ptr(), 0, func.as_ptr());
        ffi::ERR_set_error(ERR_LIB_SSL, reason, c"%s".as_ptr(), data.as_ptr());
    }
}

/// Whether the thread's queue holds an error.
pub fn pending() -> bool {
    // SAFETY: no arguments.
    unsafe { super::sys::ERR_peek_error() != 0 }
}

/// `ERR_clear_error`.
pub fn clear() {
    // SAFETY: no arguments.
    unsafe { ffi::ERR_clear_error() }
}
