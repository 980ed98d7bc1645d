//! C face of the peer's certificates as libcrypto `X509` objects: the
//! leaf, the chain as sent, and the chain the verification built. They are
//! the objects the verify callback saw, kept by the connection until its
//! next handshake (or `SSL_clear`/`SSL_free`).

use std::ptr::null_mut;

use super::handles::{self, SSL, X509, stack_st_X509};
use super::objects::{self, ConnCrypto};
use crate::ffi;
use crate::ssl::conn::SslConn;

fn with<T>(s: *const SSL, fallback: T, f: impl FnOnce(&SslConn, &ConnCrypto) -> Option<T>) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL handle C passes is NULL or live.
        let c = unsafe { handles::ssl(s) }?;
        f(c, objects::of_conn(c)?)
    })
}

/// The peer's certificate, with a new reference for the caller; NULL if
/// the peer sent none (or before a handshake).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get1_peer_certificate(s: *const SSL) -> *mut X509 {
    with(s, null_mut(), |conn, c| {
        Some(c.peer_certs(conn)?.certs.first()?.clone().into_ptr().cast())
    })
}

/// The peer's certificate, borrowed from the connection.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get0_peer_certificate(s: *const SSL) -> *mut X509 {
    with(s, null_mut(), |conn, c| {
        Some(c.peer_certs(conn)?.certs.first()?.as_ptr().cast())
    })
}

/// The peer's chain as sent, borrowed: on a client with the server's
/// certificate first, on a server without the client's certificate (as
/// OpenSSL keeps them; empty if the client sent none, NULL after resuming
/// from a ticket).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_peer_cert_chain(s: *const SSL) -> *mut stack_st_X509 {
    with(s, null_mut(), |conn, c| {
        if conn.peer_chain_unknown() {
            return None;
        }
        let peer = c.peer_certs(conn)?;
        let stack = if conn.is_server() {
            &peer.without_leaf
        } else {
            &peer.with_leaf
        };
        Some(stack.as_ptr().cast())
    })
}

/// The chain the last verification built, leaf first up to the trust
/// anchor, borrowed; NULL if no chain was verified on this connection
/// (e.g. a resumed session).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get0_verified_chain(s: *const SSL) -> *mut stack_st_X509 {
    with(s, null_mut(), |_, c| {
        c.with_verified_chain(|chain| chain.map(|st| st.as_ptr().cast()))
    })
}
