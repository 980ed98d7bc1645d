//! The libssl face: OpenSSL 3.0's TLS session API and the `SSL_CTX`/`SSL`
//! lifecycle that gives it meaning, converting C arguments and calling the
//! safe core (`crate::ssl`, `crate::tls`).
//!
//! Every function of OpenSSL 3.0's libssl.so.3 is exported: features not
//! offered answer as OpenSSL does when they are unused (`absent.rs`, and
//! the 0/NULL stubs of `unsupported.rs`), so a program calling one gets
//! OpenSSL's "none" or error value, never a crash.
#![allow(
    non_camel_case_types,
    non_snake_case,
    non_upper_case_globals,
    clippy::missing_safety_doc
)]

pub mod absent;
pub mod alpn;
pub mod bio;
pub mod bio_ssl;
pub mod callbacks;
pub mod cert_store;
pub mod cert_stores;
pub mod cipher;
pub mod cipher_stacks;
pub mod client_ca;
pub mod conf;
pub mod crypto;
pub mod ctrl;
pub mod ctx_sessions;
pub mod extras;
pub mod groups;
pub mod handles;
pub mod init;
pub mod keys;
pub mod objects;
pub mod peer_cert;
pub mod reasons;
pub mod security;
pub mod session_data;
pub mod session_io;
pub mod ssl;
pub mod ssl_ctx;
pub mod ssl_session;
pub mod strings;
mod unsupported;
pub mod verify;
pub mod verify_param;
