//! OpenSSL 3.0's libssl semantics on rustls, in safe Rust: contexts
//! (`SSL_CTX`), connections (`SSL`) and the session cache, with OpenSSL's
//! rules for reference counts, caching, callbacks and statistics. The C face
//! is `crate::openssl`; sessions are `crate::tls::TlsSession`, the same
//! objects neon's cache uses.
//!
//! Locks are never held while calling back into the application: callbacks
//! (new/remove/get session, SNI) may re-enter the API.

pub mod cache;
pub mod conf;
pub mod config;
pub mod conn;
pub mod ctx;
pub mod extra;
pub mod hooks;
pub mod observe;
pub mod peer;
pub mod reason;
pub mod scratch;
pub mod session_der;
pub mod transport;
pub mod verify_result;
