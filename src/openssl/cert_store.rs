//! C face of a context's trust store: the `X509_STORE` every `SSL_CTX`
//! owns (`SSL_CTX_get_cert_store`), replaced or shared with
//! `SSL_CTX_set_cert_store`/`SSL_CTX_set1_cert_store`, and loaded as
//! OpenSSL loads it (`X509_STORE_load_file`, `_load_path`, `_load_store`,
//! the default lookups). What a program adds to the store itself, at any
//! time, is trusted from the next handshake on.

use std::ffi::{CStr, c_char, c_int};
use std::ptr::null_mut;

use super::crypto::Store;
use super::handles::{self, SSL_CTX, X509_STORE};
use super::objects::{self, CtxCrypto};
use crate::ffi;

/// Runs `f` on the context's libcrypto objects, or returns `fallback` for
/// NULL.
fn with<T>(ctx: *const SSL_CTX, fallback: T, f: impl FnOnce(&CtxCrypto) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL_CTX handle C passes is NULL or live.
        let c = unsafe { handles::ctx(ctx) }?;
        Some(f(objects::of_ctx(c)?))
    })
}

/// Runs `f` on the context's store and a C string argument; 0 when either
/// is missing.
fn with_store_arg(
    ctx: *const SSL_CTX,
    arg: *const c_char,
    f: impl FnOnce(&Store, &CStr) -> bool,
) -> c_int {
    with(ctx, 0, |c| {
        if arg.is_null() {
            return 0;
        }
        // SAFETY: a non-NULL argument is a NUL-terminated string.
        let arg = unsafe { CStr::from_ptr(arg) };
        c.store().map_or(0, |s| c_int::from(f(&s, arg)))
    })
}

/// The context's store, borrowed (valid until replaced or the context is
/// freed); NULL for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_cert_store(ctx: *const SSL_CTX) -> *mut X509_STORE {
    with(ctx, null_mut(), |c| {
        c.store().map_or(null_mut(), |s| s.as_ptr().cast())
    })
}

/// Replaces the context's store; the context takes the caller's reference
/// to `store` (NULL leaves it without one, as in OpenSSL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_cert_store(ctx: *mut SSL_CTX, store: *mut X509_STORE) {
    with(ctx, (), |c| {
        // SAFETY: store is NULL or a store whose reference C hands over.
        c.set_store(unsafe { Store::from_owned_ptr(store.cast()) })
    })
}

/// As `SSL_CTX_set_cert_store`, but the context takes a reference of its
/// own (the caller keeps its).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set1_cert_store(ctx: *mut SSL_CTX, store: *mut X509_STORE) {
    with(ctx, (), |c| {
        // SAFETY: store is NULL or a live store.
        c.set_store(unsafe { Store::from_borrowed_ptr(store.cast()) })
    })
}

/// Trusts the certificates (and CRLs) of a PEM file (`X509_STORE_load_file`);
/// 0 if it cannot be read or holds none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_load_verify_file(
    ctx: *mut SSL_CTX,
    ca_file: *const c_char,
) -> c_int {
    with_store_arg(ctx, ca_file, |s, f| s.load_file(f))
}

/// Looks trusted certificates up in hashed directories (a colon-separated
/// list; `X509_STORE_load_path`), when a verification needs them.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_load_verify_dir(
    ctx: *mut SSL_CTX,
    ca_path: *const c_char,
) -> c_int {
    with_store_arg(ctx, ca_path, |s, p| s.load_path(p))
}

/// Trusts the certificates of an OSSL_STORE URI (`X509_STORE_load_store`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_load_verify_store(
    ctx: *mut SSL_CTX,
    ca_store: *const c_char,
) -> c_int {
    with_store_arg(ctx, ca_store, |s, u| s.load_store(u))
}

/// `SSL_CTX_load_verify_file` and/or `SSL_CTX_load_verify_dir`; 0 if both
/// are NULL or one fails.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_load_verify_locations(
    ctx: *mut SSL_CTX,
    ca_file: *const c_char,
    ca_path: *const c_char,
) -> c_int {
    if ca_file.is_null() && ca_path.is_null() {
        return 0;
    }
    // SAFETY: forwarded contracts.
    if !ca_file.is_null() && unsafe { SSL_CTX_load_verify_file(ctx, ca_file) } != 1 {
        return 0;
    }
    // SAFETY: forwarded contracts.
    if !ca_path.is_null() && unsafe { SSL_CTX_load_verify_dir(ctx, ca_path) } != 1 {
        return 0;
    }
    1
}

/// Trusts libcrypto's default CA file, directory and store (or
/// $SSL_CERT_FILE and $SSL_CERT_DIR); 1.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_default_verify_paths(ctx: *mut SSL_CTX) -> c_int {
    with(ctx, 0, |c| {
        c.store().map_or(0, |s| c_int::from(s.set_default_paths()))
    })
}

/// Trusts libcrypto's default CA file alone; 1 even if it is missing.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_default_verify_file(ctx: *mut SSL_CTX) -> c_int {
    with(ctx, 0, |c| {
        c.store().map_or(0, |s| c_int::from(s.add_default_file()))
    })
}

/// Looks trusted certificates up in libcrypto's default CA directory; 1
/// even if it is missing.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_default_verify_dir(ctx: *mut SSL_CTX) -> c_int {
    with(ctx, 0, |c| {
        c.store().map_or(0, |s| c_int::from(s.add_default_dir()))
    })
}

/// Trusts libcrypto's default OSSL_STORE URI; 1 even if it is missing.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_default_verify_store(ctx: *mut SSL_CTX) -> c_int {
    with(ctx, 0, |c| {
        c.store().map_or(0, |s| c_int::from(s.add_default_store()))
    })
}
