//! neon-rs: a memory-safe drop-in for libneon (neon's HTTP/WebDAV client
//! library) and for the TLS session API of OpenSSL 3.0's libssl, on rustls.
//!
//! The core modules are safe Rust and know nothing of C; the faces (`neon`,
//! `openssl`) and `ffi` convert between C and the core. Only they may use
//! `unsafe`.
#![deny(unsafe_code)]

pub mod auth;
pub mod basic;
pub mod compress;
pub mod dates;
pub mod debug;
pub mod fuzzing;
pub mod http;
pub mod md5;
pub mod net;
pub mod redirect;
pub mod ssl;
pub mod text;
pub mod tls;
pub mod uri;
pub mod webdav;

#[allow(unsafe_code)]
pub mod ffi;
#[allow(unsafe_code)]
pub mod neon;
#[allow(unsafe_code)]
pub mod openssl;
