//! Certificates and private keys as libcrypto objects: `SSL_CTX_use_certificate`,
//! `SSL_CTX_use_PrivateKey` and their `SSL_`, DER, RSA and file forms, the
//! chain commands (`SSL_CTX_add0_chain_cert`, `SSL_CTX_add_extra_chain_cert`,
//! `SSL_CTX_build_cert_chain`…), the getters that return those objects, and
//! the password callback of encrypted PEM keys.
//!
//! The objects are kept as OpenSSL keeps them (see `CertObjects`); after
//! each change the core gets the DER chain and the key in PKCS#8, the
//! forms rustls signs with. OpenSSL 3.0's rules: a key must match the
//! certificate already set (else 0, the certificate stays); a certificate
//! that does not match the key drops the key. A connection's objects are a
//! copy of its context's made by its first `SSL_use_*` call.

use std::ffi::{c_char, c_int, c_long, c_uchar, c_void};
use std::ptr::null_mut;

use openssl_sys as ffi_ssl;

use super::cert_stores::Which;
use super::crypto::err::{self, reasons};
use super::crypto::pkey::{self, EVP_PKEY_RSA, PKey};
use super::crypto::{X509, X509Stack};
use super::handles::{self, SSL, SSL_CTX};
use super::objects::{self, CertObjects, ConnCrypto, CtxCrypto};
use crate::ffi;
use crate::ssl::config::consts::{SSL_FILETYPE_ASN1, SSL_FILETYPE_PEM};
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::SslCtx;

type RawX509 = ffi_ssl::X509;
type RawPKey = ffi_ssl::EVP_PKEY;

/// `pem_password_cb`.
pub type PasswdCb = ffi_ssl::pem_password_cb;

/// Where certificates go: a context, or a connection (with its context).
pub enum Target<'a> {
    Ctx(&'a SslCtx, &'a CtxCrypto),
    Conn(&'a SslConn, &'a ConnCrypto),
}

impl Target<'_> {
    /// Changes the objects and hands the result to the core.
    pub fn update<R>(&self, f: impl FnOnce(&mut CertObjects) -> R) -> R {
        match self {
            Target::Ctx(ctx, crypto) => {
                let mut certs = lock(&crypto.certs);
                let r = f(&mut certs);
                let kp = certs.keypair();
                ctx.config.update_keypair(|k| *k = kp);
                r
            }
            Target::Conn(conn, crypto) => {
                let mut own = lock(&crypto.certs);
                if own.is_none() {
                    let ctx = conn.ctx();
                    *own = Some(
                        objects::of_ctx(&ctx)
                            .map(|c| lock(&c.certs).clone())
                            .unwrap_or_default(),
                    );
                }
                let certs = own.as_mut().expect("set above");
                let r = f(certs);
                conn.extra().keypair = Some(certs.keypair());
                r
            }
        }
    }

    /// Reads the objects (a connection without its own: its context's).
    pub fn read<R>(&self, f: impl FnOnce(&CertObjects) -> R) -> R {
        match self {
            Target::Ctx(_, crypto) => f(&lock(&crypto.certs)),
            Target::Conn(conn, crypto) => {
                if let Some(own) = lock(&crypto.certs).as_ref() {
                    return f(own);
                }
                let ctx = conn.ctx();
                match objects::of_ctx(&ctx) {
                    Some(c) => f(&lock(&c.certs)),
                    None => f(&CertObjects::default()),
                }
            }
        }
    }

    /// The password callback and its userdata.
    fn passwd(&self) -> (PasswdCb, *mut c_void) {
        let (cb, u) = match self {
            Target::Ctx(_, c) => *lock(&c.passwd),
            Target::Conn(_, c) => *lock(&c.passwd),
        };
        // SAFETY: a non-zero address is a pem_password_cb the program set.
        let cb = (cb != 0).then(|| unsafe {
            std::mem::transmute::<
                usize,
                unsafe extern "C" fn(*mut c_char, c_int, c_int, *mut c_void) -> c_int,
            >(cb)
        });
        (cb, u as *mut c_void)
    }
}

fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `f` on a context's target; `fallback` for NULL.
fn with_ctx<T>(ctx: *const SSL_CTX, fallback: T, f: impl FnOnce(Target<'_>) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        Some(f(Target::Ctx(c, objects::of_ctx(c)?)))
    })
}

/// Runs `f` on a connection's target; `fallback` for NULL.
fn with_ssl<T>(s: *const SSL, fallback: T, f: impl FnOnce(Target<'_>) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        Some(f(Target::Conn(c, objects::of_conn(c)?)))
    })
}

// ---- the rules ----------------------------------------------------------------

/// OpenSSL's `ssl_set_cert`: a key the certificate does not match goes.
fn set_cert(t: &Target<'_>, x: X509) -> c_int {
    t.update(|c| {
        if let Some(k) = &c.key {
            if !k.matches(&x) {
                c.key = None;
                err::clear();
            }
        }
        c.leaf = Some(x);
    });
    1
}

/// OpenSSL's `ssl_set_pkey`: refused (0, the error of the check left on
/// the queue) if it does not match the certificate.
///
/// OpenSSL keeps one certificate and key per key type: a key of another
/// type than the certificate goes to another slot (1, and the certificate
/// keeps its key). This library has one slot, so such a key is accepted
/// and not used.
fn set_key(t: &Target<'_>, k: PKey) -> c_int {
    t.update(|c| {
        if let Some(x) = &c.leaf {
            if x.key_type() != Some(k.base_id()) {
                return 1;
            }
            if !k.matches(x) {
                return 0;
            }
        }
        c.key = Some(k);
        1
    })
}

/// # Safety
/// `x` must be NULL or a live certificate.
unsafe fn use_cert_ptr(t: Target<'_>, x: *mut RawX509) -> c_int {
    // SAFETY: per the contract above.
    match unsafe { X509::from_borrowed_ptr(x) } {
        Some(x) => set_cert(&t, x),
        None => {
            err::raise(reasons::PASSED_NULL_PARAMETER, c"SSL_CTX_use_certificate");
            0
        }
    }
}

/// # Safety
/// `k` must be NULL or a live key.
unsafe fn use_key_ptr(t: Target<'_>, k: *mut RawPKey) -> c_int {
    // SAFETY: per the contract above.
    match unsafe { PKey::from_borrowed_ptr(k) } {
        Some(k) => set_key(&t, k),
        None => {
            err::raise(reasons::PASSED_NULL_PARAMETER, c"SSL_CTX_use_PrivateKey");
            0
        }
    }
}

/// The bytes of a file named by C; `None` (with an error queued) if it
/// cannot be read.
///
/// # Safety
/// `file` must be NULL or a C string.
unsafe fn read_file(file: *const c_char) -> Option<Vec<u8>> {
    // SAFETY: per the contract above.
    let path = unsafe { ffi::path_arg(file) };
    match path.and_then(|p| std::fs::read(p).ok()) {
        Some(b) => Some(b),
        None => {
            err::raise(reasons::SYS_LIB, c"SSL_CTX_use_certificate_file");
            None
        }
    }
}

/// # Safety
/// `file` must be NULL or a C string.
unsafe fn cert_file(t: Target<'_>, file: *const c_char, kind: c_int) -> c_int {
    if kind != SSL_FILETYPE_PEM && kind != SSL_FILETYPE_ASN1 {
        err::raise(reasons::BAD_SSL_FILETYPE, c"SSL_CTX_use_certificate_file");
        return 0;
    }
    // SAFETY: per the contract above.
    let Some(bytes) = (unsafe { read_file(file) }) else {
        return 0;
    };
    let x = if kind == SSL_FILETYPE_PEM {
        let (cb, u) = t.passwd();
        // SAFETY: the program's callback and argument.
        unsafe { pkey::certs_from_pem(&bytes, cb, u) }
            .into_iter()
            .next()
    } else {
        X509::from_der(&bytes)
    };
    match x {
        Some(x) => set_cert(&t, x),
        None => {
            err::raise(
                if kind == SSL_FILETYPE_PEM {
                    reasons::PEM_LIB
                } else {
                    reasons::ASN1_LIB
                },
                c"SSL_CTX_use_certificate_file",
            );
            0
        }
    }
}

/// # Safety
/// `file` must be NULL or a C string.
unsafe fn key_file(t: Target<'_>, file: *const c_char, kind: c_int, rsa_only: bool) -> c_int {
    if kind != SSL_FILETYPE_PEM && kind != SSL_FILETYPE_ASN1 {
        err::raise(reasons::BAD_SSL_FILETYPE, c"SSL_CTX_use_PrivateKey_file");
        return 0;
    }
    // SAFETY: per the contract above.
    let Some(bytes) = (unsafe { read_file(file) }) else {
        return 0;
    };
    let k = if kind == SSL_FILETYPE_PEM {
        let (cb, u) = t.passwd();
        // SAFETY: the program's callback and argument.
        unsafe { PKey::from_pem(&bytes, cb, u) }
    } else if rsa_only {
        PKey::from_der_typed(EVP_PKEY_RSA, &bytes)
    } else {
        PKey::from_der(&bytes)
    };
    match k.filter(|k| !rsa_only || k.base_id() == EVP_PKEY_RSA) {
        Some(k) => set_key(&t, k),
        None => {
            err::raise(
                if kind == SSL_FILETYPE_PEM {
                    reasons::PEM_LIB
                } else {
                    reasons::ASN1_LIB
                },
                c"SSL_CTX_use_PrivateKey_file",
            );
            0
        }
    }
}

/// OpenSSL's `use_certificate_chain_file`: the first certificate, then
/// the others as the chain (replacing it).
///
/// # Safety
/// `file` must be NULL or a C string.
unsafe fn chain_file(t: Target<'_>, file: *const c_char) -> c_int {
    // SAFETY: per the contract above.
    let Some(bytes) = (unsafe { read_file(file) }) else {
        return 0;
    };
    let (cb, u) = t.passwd();
    // SAFETY: the program's callback and argument.
    let mut certs = unsafe { pkey::certs_from_pem(&bytes, cb, u) }.into_iter();
    let Some(leaf) = certs.next() else {
        err::raise(reasons::PEM_LIB, c"use_certificate_chain_file");
        return 0;
    };
    set_cert(&t, leaf);
    let rest: Vec<X509> = certs.collect();
    t.update(|c| c.chain = X509Stack::from_certs(&rest));
    1
}

/// 1 if both halves are set and match; 0 otherwise, with OpenSSL's error.
fn check_key(t: &Target<'_>) -> c_int {
    t.read(|c| match (&c.leaf, &c.key) {
        (None, _) => {
            err::raise(
                reasons::NO_CERTIFICATE_ASSIGNED,
                c"SSL_CTX_check_private_key",
            );
            0
        }
        (_, None) => {
            err::raise(
                reasons::NO_PRIVATE_KEY_ASSIGNED,
                c"SSL_CTX_check_private_key",
            );
            0
        }
        (Some(x), Some(k)) => c_int::from(k.matches(x)),
    })
}

/// `SSL_CTX_use_cert_and_key`: all three at once; 0 if the key does not
/// match, or without `override_` when a certificate or key is set.
///
/// # Safety
/// The pointers must be NULL or live objects.
unsafe fn cert_and_key(
    t: Target<'_>,
    x: *mut RawX509,
    k: *mut RawPKey,
    chain: *mut ffi_ssl::stack_st_X509,
    override_: c_int,
) -> c_int {
    // SAFETY: per the contract above.
    let (Some(x), Some(k)) = (unsafe { X509::from_borrowed_ptr(x) }, unsafe {
        PKey::from_borrowed_ptr(k)
    }) else {
        err::raise(reasons::PASSED_NULL_PARAMETER, c"ssl_set_cert_and_key");
        return 0;
    };
    if !k.matches(&x) {
        err::raise(reasons::PRIVATE_KEY_MISMATCH, c"ssl_set_cert_and_key");
        return 0;
    }
    // SAFETY: chain is NULL or a live stack.
    let chain_certs = unsafe { super::crypto::stack::certs_of(chain) };
    t.update(|c| {
        if override_ == 0 && (c.leaf.is_some() || c.key.is_some()) {
            err::raise(reasons::NOT_REPLACING_CERTIFICATE, c"ssl_set_cert_and_key");
            return 0;
        }
        c.leaf = Some(x);
        c.key = Some(k);
        c.chain = X509Stack::from_certs(&chain_certs);
        1
    })
}

// ---- the chain commands ---------------------------------------------------------

pub const SSL_CTRL_EXTRA_CHAIN_CERT: c_int = 14;
pub const SSL_CTRL_GET_EXTRA_CHAIN_CERTS: c_int = 82;
pub const SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS: c_int = 83;
pub const SSL_CTRL_CHAIN: c_int = 88;
pub const SSL_CTRL_CHAIN_CERT: c_int = 89;
pub const SSL_CTRL_BUILD_CERT_CHAIN: c_int = 105;
pub const SSL_CTRL_GET_CHAIN_CERTS: c_int = 115;

const SSL_BUILD_CHAIN_FLAG_UNTRUSTED: c_long = 0x1;
const SSL_BUILD_CHAIN_FLAG_NO_ROOT: c_long = 0x2;
const SSL_BUILD_CHAIN_FLAG_IGNORE_ERROR: c_long = 0x8;

/// Writes a borrowed stack pointer to `parg` (a `STACK_OF(X509) **`).
///
/// # Safety
/// `parg` must be NULL or point to a writable pointer.
unsafe fn put_stack(parg: *mut c_void, s: Option<&X509Stack>) {
    if !parg.is_null() {
        // SAFETY: per the contract above.
        unsafe {
            *(parg as *mut *mut ffi_ssl::stack_st_X509) = s.map_or(null_mut(), X509Stack::as_ptr)
        };
    }
}

/// The chain commands of `SSL_CTX_ctrl` and `SSL_ctrl` (the extra chain
/// ones are the context's only); `None` for other commands.
///
/// # Safety
/// `parg` must be what the command takes.
pub unsafe fn chain_ctrl(
    t: &Target<'_>,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Option<c_long> {
    let is_ctx = matches!(t, Target::Ctx(..));
    Some(match cmd {
        SSL_CTRL_EXTRA_CHAIN_CERT if is_ctx => {
            // SAFETY: parg is the certificate the context takes over.
            let Some(x) = (unsafe { X509::from_owned_ptr(parg.cast()) }) else {
                return Some(0);
            };
            t.update(|c| {
                let extra = c
                    .extra
                    .get_or_insert_with(|| X509Stack::new().expect("stack"));
                c_long::from(extra.push(x).is_some())
            })
        }
        SSL_CTRL_GET_EXTRA_CHAIN_CERTS if is_ctx => {
            // OpenSSL: with none and larg 0, the chain of the certificate.
            t.read(|c| match (&c.extra, larg) {
                // SAFETY: parg is a STACK_OF(X509) **.
                (None, 0) => unsafe { put_stack(parg, c.chain.as_ref()) },
                // SAFETY: as above.
                (e, _) => unsafe { put_stack(parg, e.as_ref()) },
            });
            1
        }
        SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS if is_ctx => {
            t.update(|c| c.extra = None);
            1
        }
        SSL_CTRL_CHAIN => {
            // SAFETY: parg is NULL or a STACK_OF(X509); set0 takes it.
            let chain = if larg != 0 {
                X509Stack::from_certs(&unsafe { super::crypto::stack::certs_of(parg.cast()) })
            } else {
                unsafe { X509Stack::from_owned_ptr(parg.cast()) }
            };
            t.update(|c| c.chain = chain);
            1
        }
        SSL_CTRL_CHAIN_CERT => {
            // SAFETY: parg is NULL or a certificate (taken over by add0).
            let x = if larg != 0 {
                unsafe { X509::from_borrowed_ptr(parg.cast()) }
            } else {
                unsafe { X509::from_owned_ptr(parg.cast()) }
            };
            let Some(x) = x else { return Some(0) };
            t.update(|c| {
                let chain = c
                    .chain
                    .get_or_insert_with(|| X509Stack::new().expect("stack"));
                c_long::from(chain.push(x).is_some())
            })
        }
        SSL_CTRL_GET_CHAIN_CERTS => {
            // SAFETY: parg is a STACK_OF(X509) **.
            t.read(|c| unsafe { put_stack(parg, c.chain.as_ref()) });
            1
        }
        SSL_CTRL_BUILD_CERT_CHAIN => build_chain(t, larg),
        _ => return None,
    })
}

/// `SSL_CTX_build_cert_chain`: the chain the context's store (and, with
/// `SSL_BUILD_CHAIN_FLAG_UNTRUSTED`, the current chain) gives the
/// certificate, without the certificate and, with
/// `SSL_BUILD_CHAIN_FLAG_NO_ROOT`, without the self-signed root. 1; 2 if
/// verification failed under `SSL_BUILD_CHAIN_FLAG_IGNORE_ERROR`; else 0.
fn build_chain(t: &Target<'_>, flags: c_long) -> c_long {
    // The chain store (the connection's, else the context's), else the
    // trust store.
    let of_ctx = |x: &CtxCrypto| x.stores.get(Which::Chain).or_else(|| x.store());
    let store = match t {
        Target::Ctx(_, crypto) => of_ctx(crypto),
        Target::Conn(c, cc) => cc
            .stores
            .get(Which::Chain)
            .or_else(|| objects::of_ctx(&c.ctx()).and_then(of_ctx)),
    };
    let Some(store) = store else {
        return 0;
    };
    let (leaf, untrusted) = t.read(|c| {
        (
            c.leaf.clone(),
            if flags & SSL_BUILD_CHAIN_FLAG_UNTRUSTED != 0 {
                c.chain.clone()
            } else {
                None
            },
        )
    });
    let Some(leaf) = leaf else {
        err::raise(reasons::NO_CERTIFICATE_SET, c"ssl_build_cert_chain");
        return 0;
    };
    let Some(sctx) = super::crypto::StoreCtx::new(store, Some(leaf), untrusted) else {
        return 0;
    };
    let ok = sctx.verify();
    let mut built = sctx.chain().unwrap_or_default();
    if !ok {
        if flags & SSL_BUILD_CHAIN_FLAG_IGNORE_ERROR == 0 {
            return 0;
        }
        err::clear();
    }
    if !built.is_empty() {
        built.remove(0);
    }
    if flags & SSL_BUILD_CHAIN_FLAG_NO_ROOT != 0 && built.last().is_some_and(X509::self_signed) {
        built.pop();
    }
    t.update(|c| c.chain = X509Stack::from_certs(&built));
    if ok { 1 } else { 2 }
}

// ---- exports: contexts -----------------------------------------------------------

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_certificate(ctx: *mut SSL_CTX, x: *mut RawX509) -> c_int {
    // SAFETY: x is NULL or a live certificate.
    with_ctx(ctx, 0, |t| unsafe { use_cert_ptr(t, x) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_PrivateKey(ctx: *mut SSL_CTX, k: *mut RawPKey) -> c_int {
    // SAFETY: k is NULL or a live key.
    with_ctx(ctx, 0, |t| unsafe { use_key_ptr(t, k) })
}

/// A DER certificate of `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_certificate_ASN1(
    ctx: *mut SSL_CTX,
    len: c_int,
    d: *const c_uchar,
) -> c_int {
    with_ctx(ctx, 0, |t| {
        // SAFETY: d points to len bytes.
        match unsafe { der_arg(d, len as c_long) }.and_then(X509::from_der) {
            Some(x) => set_cert(&t, x),
            None => {
                err::raise(reasons::ASN1_LIB, c"SSL_CTX_use_certificate_ASN1");
                0
            }
        }
    })
}

/// A DER private key of the `EVP_PKEY_*` type `kind`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_PrivateKey_ASN1(
    kind: c_int,
    ctx: *mut SSL_CTX,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    // SAFETY: d points to len bytes.
    with_ctx(ctx, 0, |t| unsafe { key_der(t, kind, d, len) })
}

/// A DER RSA private key (PKCS#1).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_RSAPrivateKey_ASN1(
    ctx: *mut SSL_CTX,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    // SAFETY: d points to len bytes.
    with_ctx(ctx, 0, |t| unsafe { key_der(t, EVP_PKEY_RSA, d, len) })
}

/// An `RSA *` key (borrowed).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_RSAPrivateKey(
    ctx: *mut SSL_CTX,
    rsa: *mut ffi_ssl::RSA,
) -> c_int {
    // SAFETY: rsa is NULL or a live RSA.
    with_ctx(ctx, 0, |t| unsafe { rsa_key(t, rsa) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_certificate_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    kind: c_int,
) -> c_int {
    // SAFETY: file is NULL or a C string.
    with_ctx(ctx, 0, |t| unsafe { cert_file(t, file, kind) })
}

/// A PEM key is decrypted with the password callback if encrypted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_PrivateKey_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    kind: c_int,
) -> c_int {
    // SAFETY: file is NULL or a C string.
    with_ctx(ctx, 0, |t| unsafe { key_file(t, file, kind, false) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_RSAPrivateKey_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
    kind: c_int,
) -> c_int {
    // SAFETY: file is NULL or a C string.
    with_ctx(ctx, 0, |t| unsafe { key_file(t, file, kind, true) })
}

/// The first certificate of a PEM file, the others as its chain.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_certificate_chain_file(
    ctx: *mut SSL_CTX,
    file: *const c_char,
) -> c_int {
    // SAFETY: file is NULL or a C string.
    with_ctx(ctx, 0, |t| unsafe { chain_file(t, file) })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_check_private_key(ctx: *const SSL_CTX) -> c_int {
    with_ctx(ctx, 0, |t| check_key(&t))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_use_cert_and_key(
    ctx: *mut SSL_CTX,
    x: *mut RawX509,
    k: *mut RawPKey,
    chain: *mut ffi_ssl::stack_st_X509,
    override_: c_int,
) -> c_int {
    // SAFETY: the pointers are NULL or live objects.
    with_ctx(ctx, 0, |t| unsafe {
        cert_and_key(t, x, k, chain, override_)
    })
}

/// The context's certificate, owned by it; NULL if none.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get0_certificate(ctx: *const SSL_CTX) -> *mut RawX509 {
    with_ctx(ctx, null_mut(), |t| {
        t.read(|c| c.leaf.as_ref().map_or(null_mut(), X509::as_ptr))
    })
}

/// The context's private key, owned by it; NULL if none.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get0_privatekey(ctx: *const SSL_CTX) -> *mut RawPKey {
    with_ctx(ctx, null_mut(), |t| {
        t.read(|c| c.key.as_ref().map_or(null_mut(), PKey::as_ptr))
    })
}

// ---- exports: connections ----------------------------------------------------------

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_certificate(s: *mut SSL, x: *mut RawX509) -> c_int {
    // SAFETY: x is NULL or a live certificate.
    with_ssl(s, 0, |t| unsafe { use_cert_ptr(t, x) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_PrivateKey(s: *mut SSL, k: *mut RawPKey) -> c_int {
    // SAFETY: k is NULL or a live key.
    with_ssl(s, 0, |t| unsafe { use_key_ptr(t, k) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_certificate_ASN1(
    s: *mut SSL,
    d: *const c_uchar,
    len: c_int,
) -> c_int {
    with_ssl(s, 0, |t| {
        // SAFETY: d points to len bytes.
        match unsafe { der_arg(d, len as c_long) }.and_then(X509::from_der) {
            Some(x) => set_cert(&t, x),
            None => {
                err::raise(reasons::ASN1_LIB, c"SSL_use_certificate_ASN1");
                0
            }
        }
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_PrivateKey_ASN1(
    kind: c_int,
    s: *mut SSL,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    // SAFETY: d points to len bytes.
    with_ssl(s, 0, |t| unsafe { key_der(t, kind, d, len) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_RSAPrivateKey_ASN1(
    s: *mut SSL,
    d: *const c_uchar,
    len: c_long,
) -> c_int {
    // SAFETY: d points to len bytes.
    with_ssl(s, 0, |t| unsafe { key_der(t, EVP_PKEY_RSA, d, len) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_RSAPrivateKey(s: *mut SSL, rsa: *mut ffi_ssl::RSA) -> c_int {
    // SAFETY: rsa is NULL or a live RSA.
    with_ssl(s, 0, |t| unsafe { rsa_key(t, rsa) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_certificate_file(
    s: *mut SSL,
    file: *const c_char,
    kind: c_int,
) -> c_int {
    // SAFETY: file is NULL or a C string.
    with_ssl(s, 0, |t| unsafe { cert_file(t, file, kind) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_PrivateKey_file(
    s: *mut SSL,
    file: *const c_char,
    kind: c_int,
) -> c_int {
    // SAFETY: file is NULL or a C string.
    with_ssl(s, 0, |t| unsafe { key_file(t, file, kind, false) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_RSAPrivateKey_file(
    s: *mut SSL,
    file: *const c_char,
    kind: c_int,
) -> c_int {
    // SAFETY: file is NULL or a C string.
    with_ssl(s, 0, |t| unsafe { key_file(t, file, kind, true) })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_certificate_chain_file(s: *mut SSL, file: *const c_char) -> c_int {
    // SAFETY: file is NULL or a C string.
    with_ssl(s, 0, |t| unsafe { chain_file(t, file) })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_check_private_key(s: *const SSL) -> c_int {
    with_ssl(s, 0, |t| check_key(&t))
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_use_cert_and_key(
    s: *mut SSL,
    x: *mut RawX509,
    k: *mut RawPKey,
    chain: *mut ffi_ssl::stack_st_X509,
    override_: c_int,
) -> c_int {
    // SAFETY: the pointers are NULL or live objects.
    with_ssl(s, 0, |t| unsafe { cert_and_key(t, x, k, chain, override_) })
}

/// The connection's certificate (its own, else its context's); NULL if none.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_certificate(s: *const SSL) -> *mut RawX509 {
    with_ssl(s, null_mut(), |t| {
        t.read(|c| c.leaf.as_ref().map_or(null_mut(), X509::as_ptr))
    })
}

/// The connection's private key (its own, else its context's); NULL if none.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_privatekey(s: *const SSL) -> *mut RawPKey {
    with_ssl(s, null_mut(), |t| {
        t.read(|c| c.key.as_ref().map_or(null_mut(), PKey::as_ptr))
    })
}

// ---- password callbacks -----------------------------------------------------------

fn set_passwd(slot: &std::sync::Mutex<(usize, usize)>, cb: Option<usize>, u: Option<usize>) {
    let mut s = lock(slot);
    if let Some(cb) = cb {
        s.0 = cb;
    }
    if let Some(u) = u {
        s.1 = u;
    }
}

fn passwd_fn(addr: usize) -> PasswdCb {
    // SAFETY: a non-zero address is a pem_password_cb the program set.
    (addr != 0).then(|| unsafe {
        std::mem::transmute::<
            usize,
            unsafe extern "C" fn(*mut c_char, c_int, c_int, *mut c_void) -> c_int,
        >(addr)
    })
}

fn ctx_passwd<T>(
    ctx: *const SSL_CTX,
    fallback: T,
    f: impl FnOnce(&std::sync::Mutex<(usize, usize)>) -> T,
) -> T {
    ffi::guard(fallback, || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        Some(f(&objects::of_ctx(c)?.passwd))
    })
}

fn ssl_passwd<T>(
    s: *const SSL,
    fallback: T,
    f: impl FnOnce(&std::sync::Mutex<(usize, usize)>) -> T,
) -> T {
    ffi::guard(fallback, || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        Some(f(&objects::of_conn(c)?.passwd))
    })
}

/// The callback that gives the password of encrypted PEM keys (NULL:
/// libcrypto's prompt); copied to connections made afterwards.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_default_passwd_cb(ctx: *mut SSL_CTX, cb: PasswdCb) {
    ctx_passwd(ctx, (), |p| {
        set_passwd(p, Some(cb.map_or(0, |f| f as usize)), None)
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_default_passwd_cb_userdata(ctx: *mut SSL_CTX, u: *mut c_void) {
    ctx_passwd(ctx, (), |p| set_passwd(p, None, Some(u as usize)))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_default_passwd_cb(ctx: *mut SSL_CTX) -> PasswdCb {
    ctx_passwd(ctx, None, |p| passwd_fn(lock(p).0))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_default_passwd_cb_userdata(ctx: *mut SSL_CTX) -> *mut c_void {
    ctx_passwd(ctx, null_mut(), |p| lock(p).1 as *mut c_void)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_default_passwd_cb(s: *mut SSL, cb: PasswdCb) {
    ssl_passwd(s, (), |p| {
        set_passwd(p, Some(cb.map_or(0, |f| f as usize)), None)
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_default_passwd_cb_userdata(s: *mut SSL, u: *mut c_void) {
    ssl_passwd(s, (), |p| set_passwd(p, None, Some(u as usize)))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_default_passwd_cb(s: *mut SSL) -> PasswdCb {
    ssl_passwd(s, None, |p| passwd_fn(lock(p).0))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_default_passwd_cb_userdata(s: *mut SSL) -> *mut c_void {
    ssl_passwd(s, null_mut(), |p| lock(p).1 as *mut c_void)
}

// ---- helpers ---------------------------------------------------------------------

/// # Safety
/// `d` must point to `len` bytes (or be NULL).
unsafe fn der_arg<'a>(d: *const c_uchar, len: c_long) -> Option<&'a [u8]> {
    let len = usize::try_from(len).ok()?;
    // SAFETY: per the contract above.
    unsafe { ffi::bytes_arg(d, len) }
}

/// # Safety
/// `d` must point to `len` bytes (or be NULL).
unsafe fn key_der(t: Target<'_>, kind: c_int, d: *const c_uchar, len: c_long) -> c_int {
    // SAFETY: per the contract above.
    match unsafe { der_arg(d, len) }.and_then(|b| PKey::from_der_typed(kind, b)) {
        Some(k) => set_key(&t, k),
        None => {
            err::raise(reasons::ASN1_LIB, c"SSL_CTX_use_PrivateKey_ASN1");
            0
        }
    }
}

/// # Safety
/// `rsa` must be NULL or a live RSA.
unsafe fn rsa_key(t: Target<'_>, rsa: *mut ffi_ssl::RSA) -> c_int {
    // SAFETY: per the contract above.
    match unsafe { PKey::from_rsa(rsa) } {
        Some(k) => set_key(&t, k),
        None => {
            err::raise(reasons::PASSED_NULL_PARAMETER, c"SSL_CTX_use_RSAPrivateKey");
            0
        }
    }
}

/// Removes the connection's certificate, key and chain (its context keeps
/// its own): the connection then has none, as after OpenSSL's
/// `SSL_certs_clear`.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_certs_clear(s: *mut SSL) {
    with_ssl(s, (), |t| t.update(|c| *c = CertObjects::default()))
}
