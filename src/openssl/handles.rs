//! The opaque C types of the libssl face and their Rust objects.
//!
//! `SSL_CTX`, `SSL` and `SSL_SESSION` are reference counted: each handle is
//! an `Arc` payload pointer (see `ffi::arc`), `*_up_ref` adds a strong
//! reference and `*_free` drops one. `SSL_METHOD` and `SSL_CIPHER` point to
//! static descriptions.

use std::sync::Arc;

use crate::ffi::arc;
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::{Role, SslCtx};
use crate::tls::TlsSession;

/// A TLS context.
pub struct ssl_ctx_st {
    _private: [u8; 0],
}
pub type SSL_CTX = ssl_ctx_st;

/// A TLS connection.
pub struct ssl_st {
    _private: [u8; 0],
}
pub type SSL = ssl_st;

/// A TLS session, for resumption.
pub struct ssl_session_st {
    _private: [u8; 0],
}
pub type SSL_SESSION = ssl_session_st;

/// A certificate (libcrypto's).
pub struct x509_st {
    _private: [u8; 0],
}
pub type X509 = x509_st;

/// A store of trusted certificates (libcrypto's).
pub struct x509_store_st {
    _private: [u8; 0],
}
pub type X509_STORE = x509_store_st;

/// A certificate chain being verified (libcrypto's).
pub struct x509_store_ctx_st {
    _private: [u8; 0],
}
pub type X509_STORE_CTX = x509_store_ctx_st;

/// Verification parameters (libcrypto's).
pub struct X509_VERIFY_PARAM_st {
    _private: [u8; 0],
}
pub type X509_VERIFY_PARAM = X509_VERIFY_PARAM_st;

/// An I/O object (libcrypto's).
pub struct bio_st {
    _private: [u8; 0],
}
pub type BIO = bio_st;

/// The callbacks of a kind of BIO (libcrypto's).
pub struct bio_method_st {
    _private: [u8; 0],
}
pub type BIO_METHOD = bio_method_st;

/// `STACK_OF(X509)` (libcrypto's).
pub struct stack_st_X509 {
    _private: [u8; 0],
}

/// The kind of connection a context makes (TLS_method and friends).
pub struct ssl_method_st {
    _private: [u8; 0],
}
pub type SSL_METHOD = ssl_method_st;

/// A cipher suite.
pub struct ssl_cipher_st {
    _private: [u8; 0],
}
pub type SSL_CIPHER = ssl_cipher_st;

/// What an `SSL_METHOD` handle points to: the roles it allows, its only
/// protocol version (0: any), and whether it is datagram TLS (which
/// contexts refuse).
pub struct Method {
    pub role: Role,
    pub version: i32,
    pub dtls: bool,
}

const fn m(role: Role, version: i32, dtls: bool) -> Method {
    Method {
        role,
        version,
        dtls,
    }
}

pub static TLS_ANY: Method = m(Role::Any, 0, false);
pub static TLS_CLIENT: Method = m(Role::Client, 0, false);
pub static TLS_SERVER: Method = m(Role::Server, 0, false);
pub static TLS1_2_ANY: Method = m(Role::Any, 0x0303, false);
pub static TLS1_2_CLIENT: Method = m(Role::Client, 0x0303, false);
pub static TLS1_2_SERVER: Method = m(Role::Server, 0x0303, false);
pub static TLS1_1_ANY: Method = m(Role::Any, 0x0302, false);
pub static TLS1_1_CLIENT: Method = m(Role::Client, 0x0302, false);
pub static TLS1_1_SERVER: Method = m(Role::Server, 0x0302, false);
pub static TLS1_ANY: Method = m(Role::Any, 0x0301, false);
pub static TLS1_CLIENT: Method = m(Role::Client, 0x0301, false);
pub static TLS1_SERVER: Method = m(Role::Server, 0x0301, false);
pub static DTLS_ANY: Method = m(Role::Any, 0, true);
pub static DTLS_CLIENT: Method = m(Role::Client, 0, true);
pub static DTLS_SERVER: Method = m(Role::Server, 0, true);

pub fn method_ptr(m: &'static Method) -> *const SSL_METHOD {
    m as *const Method as *const SSL_METHOD
}

/// # Safety
/// `p` must be NULL or a pointer from [`method_ptr`].
pub unsafe fn method<'a>(p: *const SSL_METHOD) -> Option<&'a Method> {
    // SAFETY: per the contract above.
    unsafe { (p as *const Method).as_ref() }
}

/// # Safety
/// `p` must be NULL or a live `SSL_CTX` handle.
pub unsafe fn ctx<'a>(p: *const SSL_CTX) -> Option<&'a SslCtx> {
    // SAFETY: per the contract above.
    unsafe { arc::borrow(p) }
}

/// # Safety
/// As for [`ctx`].
pub unsafe fn ctx_arc(p: *const SSL_CTX) -> Option<Arc<SslCtx>> {
    // SAFETY: per the contract above.
    unsafe { arc::clone(p) }
}

pub fn ctx_ptr(c: &Arc<SslCtx>) -> *mut SSL_CTX {
    arc::as_ptr(c)
}

/// # Safety
/// `p` must be NULL or a live `SSL` handle.
pub unsafe fn ssl<'a>(p: *const SSL) -> Option<&'a SslConn> {
    // SAFETY: per the contract above.
    unsafe { arc::borrow(p) }
}

/// # Safety
/// As for [`ssl`].
pub unsafe fn ssl_arc(p: *const SSL) -> Option<Arc<SslConn>> {
    // SAFETY: per the contract above.
    unsafe { arc::clone(p) }
}

pub fn ssl_ptr(s: &Arc<SslConn>) -> *mut SSL {
    arc::as_ptr(s)
}

/// # Safety
/// `p` must be NULL or a live `SSL_SESSION` handle.
pub unsafe fn session<'a>(p: *const SSL_SESSION) -> Option<&'a TlsSession> {
    // SAFETY: per the contract above.
    unsafe { arc::borrow(p) }
}

/// # Safety
/// As for [`session`].
pub unsafe fn session_arc(p: *const SSL_SESSION) -> Option<Arc<TlsSession>> {
    // SAFETY: per the contract above.
    unsafe { arc::clone(p) }
}

pub fn session_ptr(s: &Arc<TlsSession>) -> *mut SSL_SESSION {
    arc::as_ptr(s)
}
