//! Cipher lists as programs read them: `STACK_OF(SSL_CIPHER)` of a context
//! or connection (TLS 1.3 suites first, as OpenSSL orders them), names by
//! position, a connection's own cipher lists, and a suite's handshake
//! digest. The stacks hold the static `SSL_CIPHER` objects of `cipher.rs`.

use std::ffi::{c_char, c_int};
use std::ptr::{null, null_mut};

use openssl_sys::EVP_MD;

use super::cipher::SSL_CIPHER_get_name;
use super::crypto::err;
use super::crypto::ptr_stack::PtrStack;
use super::extras::Extras;
use super::handles::{self, SSL, SSL_CIPHER, SSL_CTX};
use super::objects;
use crate::ffi;
use crate::ssl::config::settings::Settings;
use crate::ssl::config::suites;
use crate::ssl::conn::SslConn;

/// `STACK_OF(SSL_CIPHER)`, opaque here.
pub struct stack_st_SSL_CIPHER {
    _private: [u8; 0],
}

/// `SSL_R_NO_CIPHER_MATCH`.
const NO_CIPHER_MATCH: i32 = 185;

/// The suite ids of a configuration, TLS 1.3 first.
fn ids(st: &Settings) -> Vec<u16> {
    st.tls13_suites()
        .iter()
        .chain(st.tls12_suites())
        .map(|&s| u16::from(s))
        .collect()
}

/// The context's ciphers (owned by the context, valid until its list
/// changes); NULL only for a NULL context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_get_ciphers(ctx: *const SSL_CTX) -> *mut stack_st_SSL_CIPHER {
    ffi::guard(null_mut(), || {
        // SAFETY: every SSL_CTX handle C passes is NULL or live.
        let c = unsafe { handles::ctx(ctx) }?;
        let extras = &objects::of_ctx(c)?.extras;
        Some(extras.cipher_stack(c.config.read(ids)))
    })
}

fn with_conn<T>(s: *const SSL, fallback: T, f: impl FnOnce(&SslConn, &Extras) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL handle C passes is NULL or live.
        let c = unsafe { handles::ssl(s) }?;
        Some(f(c, &objects::of_conn(c)?.extras))
    })
}

/// The connection's ciphers (its own list, inherited from the context at
/// `SSL_new`); NULL only for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_ciphers(s: *const SSL) -> *mut stack_st_SSL_CIPHER {
    with_conn(s, null_mut(), |c, e| e.cipher_stack(c.settings(ids)))
}

/// The name of the `n`th cipher of `SSL_get_ciphers`; NULL past the end.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_cipher_list(s: *const SSL, n: c_int) -> *const c_char {
    with_conn(s, null(), |c, _| {
        let id = usize::try_from(n)
            .ok()
            .and_then(|n| c.settings(ids).get(n).copied());
        id.map_or(null(), |id| {
            SSL_CIPHER_get_name(super::cipher::by_number(id))
        })
    })
}

/// The ciphers the connection could use with its protocol versions, in a
/// new stack the caller frees with `sk_SSL_CIPHER_free`; NULL if none.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get1_supported_ciphers(s: *mut SSL) -> *mut stack_st_SSL_CIPHER {
    with_conn(s, null_mut(), |c, _| {
        let list: Vec<u16> = c.settings(|st| {
            let allowed = |v: i32, off: u64| {
                st.options() & off == 0
                    && (st.min_version() == 0 || v >= st.min_version())
                    && (st.max_version() == 0 || v <= st.max_version())
            };
            let (tls13, tls12) = (allowed(0x0304, 1 << 29), allowed(0x0303, 1 << 27));
            ids(st)
                .into_iter()
                .filter(|&id| {
                    suites::by_protocol_id(id)
                        .is_some_and(|s| if s.is_tls13() { tls13 } else { tls12 })
                })
                .collect()
        });
        if list.is_empty() {
            return null_mut();
        }
        PtrStack::of(list.into_iter().map(super::cipher::by_number))
            .map_or(null_mut(), PtrStack::into_ptr)
    })
}

/// As `SSL_CTX_set_cipher_list`, for this connection only; 0 and
/// "no cipher match" on the error queue if no suite is selected.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_cipher_list(s: *mut SSL, str: *const c_char) -> c_int {
    set_list(s, str, c"SSL_set_cipher_list", Settings::set_cipher_list)
}

/// As `SSL_CTX_set_ciphersuites`, for this connection only.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_ciphersuites(s: *mut SSL, str: *const c_char) -> c_int {
    set_list(s, str, c"SSL_set_ciphersuites", Settings::set_ciphersuites)
}

fn set_list(
    s: *mut SSL,
    str: *const c_char,
    func: &std::ffi::CStr,
    set: fn(&mut Settings, &str) -> bool,
) -> c_int {
    with_conn(s, 0, |c, _| {
        // SAFETY: str is NULL or a NUL-terminated string.
        let Some(rules) = (unsafe { ffi::str_arg(str) }) else {
            return 0;
        };
        if c.update_settings(|st| set(st, rules)) {
            1
        } else {
            err::raise(NO_CIPHER_MATCH, func);
            0
        }
    })
}

/// The digest of the suite's handshake and PRF: SHA-384 for the suites
/// named so, else SHA-256 (libcrypto's static objects); NULL for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_handshake_digest(c: *const SSL_CIPHER) -> *const EVP_MD {
    ffi::guard(null(), || {
        let id = (!c.is_null()).then(|| super::cipher::SSL_CIPHER_get_protocol_id(c))?;
        let suite = suites::by_protocol_id(id)?;
        // SAFETY: libcrypto's digests are static objects.
        Some(unsafe {
            if suite.std_name.ends_with("SHA384") {
                openssl_sys::EVP_sha384()
            } else {
                openssl_sys::EVP_sha256()
            }
        })
    })
}
