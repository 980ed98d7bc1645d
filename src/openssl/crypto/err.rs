//! The thread's libcrypto error queue, which programs read with
//! `ERR_get_error` after a libssl call fails, and libssl's reason texts.

use std::ffi::{CStr, c_int, c_ulong};
use std::sync::OnceLock;

use openssl_sys as ffi;

use super::super::reasons::SSL_REASON_TEXTS;
use crate::tls::x509::errqueue::ErrEntry;

/// `ERR_LIB_SYS` and `ERR_LIB_SSL`.
pub const ERR_LIB_SYS: c_int = 2;
pub const ERR_LIB_SSL: c_int = 20;

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

/// libssl's table for libcrypto: one entry per reason, then a zero one.
struct Table(Vec<ffi::ERR_STRING_DATA>);

// SAFETY: immutable once made; the pointers are to static strings.
unsafe impl Sync for Table {}
// SAFETY: as above.
unsafe impl Send for Table {}

/// Registers libssl's reason texts with libcrypto (once), as
/// `OPENSSL_init_ssl` does, for `ERR_reason_error_string`.
pub fn load_ssl_strings() {
    static TABLE: OnceLock<Table> = OnceLock::new();
    let mut first = false;
    let table = TABLE.get_or_init(|| {
        first = true;
        let mut entries: Vec<ffi::ERR_STRING_DATA> = SSL_REASON_TEXTS
            .iter()
            .map(|(reason, text)| ffi::ERR_STRING_DATA {
                error: ssl_code(*reason),
                string: text.as_ptr(),
            })
            .collect();
        entries.push(ffi::ERR_STRING_DATA {
            error: 0,
            string: std::ptr::null(),
        });
        Table(entries)
    });
    if first {
        // SAFETY: a table ending with a zero entry, kept for the life of
        // the process (libcrypto keeps the pointers).
        unsafe { ERR_load_strings_const(table.0.as_ptr()) };
    }
}

/// Pushes a libssl error (`SSL_R_*` reason, or a common `ERR_R_*` one) as
/// OpenSSL's `SSLfatal`/`ERR_raise` do, recording the OpenSSL source file
/// and function where it arises; `alert` adds OpenSSL's data text for an
/// alert the peer sent ("SSL alert number 40").
pub fn push_ssl(reason: i32, file: &CStr, func: &CStr, alert: Option<u8>) {
    // SAFETY: ERR_new starts a record that the two calls complete; the
    // strings are static C strings (libcrypto keeps the pointers), and the
    // format takes the one int given.
    unsafe {
        ffi::ERR_new();
        ffi::ERR_set_debug(file.as_ptr(), 0, func.as_ptr());
        match alert {
            Some(n) => ffi::ERR_set_error(
                ERR_LIB_SSL,
                reason,
                c"SSL alert number %d".as_ptr(),
                c_int::from(n),
            ),
            None => ffi::ERR_set_error(ERR_LIB_SSL, reason, std::ptr::null()),
        }
    }
}

/// Pushes a libssl error raised outside a handshake (`ERR_raise`), in
/// OpenSSL's function `func`.
pub fn raise(reason: i32, func: &CStr) {
    push_ssl(reason, c"ssl/ssl_lib.c", func, None);
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

/// `ERR_peek_error`: the oldest error queued, 0 if none.
pub fn peek() -> c_ulong {
    // SAFETY: no arguments.
    unsafe { super::sys::ERR_peek_error() }
}

/// `ERR_GET_LIB`.
pub fn lib_of(e: c_ulong) -> c_int {
    // A system error has ERR_SYSTEM_FLAG (INT_MAX + 1) set.
    if e & 0x8000_0000 != 0 {
        return ERR_LIB_SYS;
    }
    ((e >> 23) & 0xff) as c_int
}

/// `ERR_clear_error`.
pub fn clear() {
    // SAFETY: no arguments.
    unsafe { ffi::ERR_clear_error() }
}

/// `ERR_clear_error` when something is queued (looking is cheaper than
/// clearing, and the queue is usually empty).
pub fn clear_if_any() {
    if peek() != 0 {
        clear();
    }
}
