//! C face of `ne_ssl.h`. The certificate and context API arrives with TLS
//! support (issue 3); the opaque types are declared now because the session
//! and socket headers refer to them.

use std::ffi::c_int;

/// A distinguished name of a certificate.
pub struct ne_ssl_dname_s {
    _private: [u8; 0],
}
pub type ne_ssl_dname = ne_ssl_dname_s;

/// An X.509 certificate.
pub struct ne_ssl_certificate_s {
    _private: [u8; 0],
}
pub type ne_ssl_certificate = ne_ssl_certificate_s;

/// A client certificate and its private key.
pub struct ne_ssl_client_cert_s {
    _private: [u8; 0],
}
pub type ne_ssl_client_cert = ne_ssl_client_cert_s;

/// An SSL/TLS context (client or server).
pub struct ne_ssl_context_s {
    _private: [u8; 0],
}
pub type ne_ssl_context = ne_ssl_context_s;

pub const NE_SSL_DIGESTLEN: c_int = 60;
pub const NE_SSL_VDATELEN: c_int = 30;
pub const NE_SSL_CTX_CLIENT: c_int = 0;
pub const NE_SSL_CTX_SERVER: c_int = 1;
pub const NE_SSL_CTX_SERVERv2: c_int = 2;
pub const NE_SSL_CTX_SSLv2: c_int = 0;
