//! A connection's own cipher choice (`SSL_set_cipher_list`,
//! `SSL_set_ciphersuites`), with the rules of the context's setters; the
//! next handshake uses it.

use std::ffi::{c_char, c_int};

use super::handles::{self, SSL};
use crate::ffi;
use crate::ssl::conn::SslConn;

fn with_str(s: *const SSL, v: *const c_char, f: impl FnOnce(&SslConn, &str) -> bool) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle; v NULL or a C string.
        let (c, v) = unsafe { (handles::ssl(s)?, ffi::str_arg(v)?) };
        Some(c_int::from(f(c, v)))
    })
}

/// As `SSL_CTX_set_cipher_list`, for this connection.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_cipher_list(s: *mut SSL, str: *const c_char) -> c_int {
    with_str(s, str, |c, v| c.update_settings(|st| st.set_cipher_list(v)))
}

/// As `SSL_CTX_set_ciphersuites`, for this connection.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_ciphersuites(s: *mut SSL, str: *const c_char) -> c_int {
    with_str(s, str, |c, v| {
        c.update_settings(|st| st.set_ciphersuites(v))
    })
}
