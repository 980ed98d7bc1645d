//! DANE (never enabled) and Certificate Transparency (a real log store;
//! no checks).

use std::ffi::{c_char, c_int, c_void};
use std::ptr::{null, null_mut};

use super::*;
use crate::openssl::crypto::ctlog::{CTLOG_STORE, CtLogStore};
use crate::openssl::crypto::err;
use crate::openssl::objects;

/// `SSL_get0_dane`'s answer: an `SSL_DANE` with no records (OpenSSL's own
/// state when DANE is not enabled: libcrypto's `X509_STORE_CTX_set0_dane`
/// finds no TLSA records in it). Larger than OpenSSL's structure, all
/// zeros, never written.
#[repr(C, align(16))]
pub struct NoDane([u8; 256]);
static NO_DANE: NoDane = NoDane([0; 256]);

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get0_dane(s: *mut SSL) -> *const NoDane {
    with_conn(s, null(), |_| &NO_DANE as *const NoDane)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_dane_enable(s: *mut SSL, _basedomain: *const c_char) -> c_int {
    with_conn(s, 0, |_| {
        err::raise(CONTEXT_NOT_DANE_ENABLED, c"SSL_dane_enable");
        0
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_dane_tlsa_add(
    s: *mut SSL,
    _usage: u8,
    _selector: u8,
    _mtype: u8,
    _data: *const u8,
    _dlen: usize,
) -> c_int {
    with_conn(s, -1, |_| {
        err::raise(DANE_NOT_ENABLED, c"SSL_dane_tlsa_add");
        -1
    })
}

/// -1: DANE is not enabled; no matching certificate or key.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get0_dane_authority(
    _s: *mut SSL,
    mcert: *mut *mut c_void,
    mspki: *mut *mut c_void,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(mcert, null_mut());
        put(mspki, null_mut());
    }
    -1
}

/// -1: DANE is not enabled; no matching record.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get0_dane_tlsa(
    _s: *mut SSL,
    usage: *mut u8,
    selector: *mut u8,
    mtype: *mut u8,
    data: *mut *const u8,
    dlen: *mut usize,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(usage, 0);
        put(selector, 0);
        put(mtype, 0);
        put(data, null());
        put(dlen, 0);
    }
    -1
}

fn with_ctlog<T>(
    ctx: *const SSL_CTX,
    fallback: T,
    f: impl FnOnce(&mut Option<CtLogStore>) -> T,
) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL_CTX handle C passes is NULL or live.
        let c = unsafe { handles::ctx(ctx) }?;
        let crypto = objects::of_ctx(c)?;
        let mut store = crypto
            .extras
            .ctlog
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        Some(f(&mut store))
    })
}

/// The context's CT log store (NULL only after `SSL_CTX_set0_ctlog_store`
/// with NULL).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get0_ctlog_store(ctx: *const SSL_CTX) -> *const CTLOG_STORE {
    with_ctlog(ctx, null(), |s| s.as_ref().map_or(null(), |s| s.as_ptr()))
}

/// Replaces the store; the context takes `logs` over (freed with it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set0_ctlog_store(ctx: *mut SSL_CTX, logs: *mut CTLOG_STORE) {
    // SAFETY: the caller hands `logs` over (NULL or a CTLOG_STORE).
    let logs = unsafe { CtLogStore::from_owned_ptr(logs) };
    with_ctlog(ctx, (), |s| *s = logs);
}

/// Loads logs from `path` into the store (libcrypto's errors queued).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_ctlog_list_file(
    ctx: *mut SSL_CTX,
    path: *const c_char,
) -> c_int {
    with_ctlog(ctx, 0, |s| {
        // SAFETY: path is NULL or a NUL-terminated string.
        let path = (!path.is_null()).then(|| unsafe { std::ffi::CStr::from_ptr(path) });
        match (s.as_ref(), path) {
            (Some(store), Some(path)) => c_int::from(store.load_file(path)),
            _ => 0,
        }
    })
}

/// Loads libcrypto's default log list into the store.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_default_ctlog_list_file(ctx: *mut SSL_CTX) -> c_int {
    with_ctlog(ctx, 0, |s| {
        s.as_ref()
            .map_or(0, |st| c_int::from(st.load_default_file()))
    })
}
