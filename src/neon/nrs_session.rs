//! C face of `nrs_session.h`: neon-rs's extensions of neon's sessions with
//! what Poco's HTTPSession offers and neon lacks (is the connection open,
//! detach it after a protocol switch with what the engine buffered, attach
//! a socket the application connected, separate connect/send/receive
//! timeouts). Exported unversioned from libneonrs.so and libneon.so.27.

use std::ffi::c_int;

use libc::ssize_t;

use super::ne_request::{NE_ERROR, NE_OK};
use super::ne_session::{ne_session, session};
use super::ne_socket::{NE_SOCK_ERROR, ne_socket};
use crate::ffi;
use crate::http::ConnError;
use crate::net::Socket;

/// NE_OK, or the NE_* code of a failed hand-over.
fn conn_status(r: Result<(), ConnError>) -> c_int {
    match r {
        Ok(()) => NE_OK,
        Err(ConnError::Failed(code)) => code,
        Err(_) => NE_ERROR,
    }
}

/// 1 if the session holds an open connection now, else 0 (also for NULL).
///
/// A connection is open from the moment a request opened it (or
/// nrs_session_attach_socket gave it) until it is closed:
/// ne_close_connection, a response the connection cannot outlive
/// (`Connection: close`, HTTP/1.0 without keep-alive, a body delimited
/// by the close), an error, nrs_session_detach_socket, or the peer. A
/// peer's close not yet read is seen without waiting and without
/// consuming anything: poll() with a zero timeout for POLLRDHUP (the
/// peer's FIN has arrived, even if unread bytes precede it), POLLHUP or
/// POLLERR (reset), and on https a close_notify already read. A peer that
/// vanished without FIN or RST is not seen. The call changes nothing: a
/// connection found closed stays with the session until the next request
/// (which reconnects) or ne_close_connection.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nrs_session_connected(sess: *mut ne_session) -> c_int {
    ffi::guard(0, || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        Some(c_int::from(s.connected()))
    })
}

/// Takes the session's connection: `*sock` becomes a socket for neon's
/// ne_sock_* functions (ne_sock_read, ne_sock_fullwrite, ne_sock_readline,
/// ne_sock_block, ..., freed by ne_sock_close), TLS state intact on https.
/// Its first reads return the bytes the engine had already read past the
/// last response head (nrs_sock_pending counts them); nothing is lost.
///
/// Made for the response that switches the connection to another protocol:
/// a `101 Switching Protocols` answering a request with an `Upgrade` field,
/// or a 2xx answering a CONNECT request. neon-rs reads such a response as
/// final and without a body, and keeps its connection after the request
/// ends, so the socket can be detached after ne_request_dispatch, after
/// ne_end_request, or between ne_begin_request and ne_end_request. Left
/// attached, that connection is closed by the session's next request.
/// Any other open connection may be detached too (a request still being
/// read then fails).
///
/// The session forgets the connection as ne_close_connection would (the
/// notifier sees ne_status_disconnected and close-connection hooks run)
/// but does not close it; its next request connects anew.
///
/// Returns NE_OK, or NE_ERROR if the session has no connection (error
/// string set) or an argument is NULL. `*sock` is always written (NULL on
/// failure) when `sock` is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nrs_session_detach_socket(
    sess: *mut ne_session,
    sock: *mut *mut ne_socket,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: sock is NULL or writable.
        let out = unsafe { sock.as_mut() }?;
        *out = std::ptr::null_mut();
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        Some(match s.detach_connection() {
            Ok(socket) => {
                *out = ffi::into_handle(socket);
                NE_OK
            }
            Err(e) => conn_status(Err(e)),
        })
    })
}

/// Makes `sock`, a connected socket without TLS (from ne_sock_connect, or
/// one detached from a session), the session's connection to its server,
/// for the following requests; an open connection is closed first.
///
/// The session takes `sock` in every case, success or failure: the caller
/// must not use or close it afterwards; the session closes it when the
/// connection ends (ne_close_connection, `Connection: close`, an error,
/// ne_session_destroy) or gives it back through nrs_session_detach_socket.
/// The first request on it is not retried on another connection if it
/// turns out closed; once it has closed, the next request connects to the
/// session's server as usual. On an https session TLS is negotiated over
/// the socket now, with the session's settings and verification (e.g.
/// through a tunnel the application opened). The session's send timeout,
/// and its receive timeout if one was set, apply to the socket. The
/// notifier sees ne_status_connected.
///
/// Returns NE_OK; NE_ERROR (error string set, socket closed) if `sock` is
/// not connected or already carries TLS, or if either argument is NULL (a
/// non-NULL socket is then closed); the handshake's NE_* code on an https
/// session if TLS fails (socket closed).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nrs_session_attach_socket(
    sess: *mut ne_session,
    sock: *mut ne_socket,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: sock is NULL or a socket from ne_sock_create or a
        // detach, given up by the caller.
        let mut socket = unsafe { ffi::from_handle::<Socket, _>(sock) }?;
        // SAFETY: handle or NULL.
        let Some(s) = (unsafe { session(sess) }) else {
            socket.close();
            return None;
        };
        Some(conn_status(s.attach_connection(*socket)))
    })
}

/// The number of bytes ne_sock_read will return from `sock` without
/// reading the network: bytes already buffered (after
/// nrs_session_detach_socket, those the engine read past the response
/// head) and, on TLS, plaintext already decrypted. An application that
/// waits on the descriptor (ne_sock_fd) with poll() must read these first.
/// NE_SOCK_ERROR for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nrs_sock_pending(sock: *mut ne_socket) -> ssize_t {
    ffi::guard(NE_SOCK_ERROR as ssize_t, || {
        // SAFETY: sock is NULL or a live socket.
        let s = unsafe { (sock as *mut Socket).as_mut() }?;
        Some(s.pending() as ssize_t)
    })
}

/// Sets the session's timeouts, in milliseconds (Poco's
/// setTimeout(connect, send, receive)); a negative value leaves that
/// timeout unchanged, 0 restores its default:
/// - `connect_ms` bounds each TCP connect (default: the system's);
/// - `send_ms` bounds each send that makes no progress because the peer
///   stopped reading and the buffers are full (SO_SNDTIMEO; default: none);
/// - `receive_ms` bounds each wait for data (SO_RCVTIMEO; default: 120 s).
///
/// An expiry fails the request with NE_TIMEOUT (a send: "Could not send
/// request: connection timed out" or "... request body ..."; a socket's
/// ne_sock_fullwrite gives NE_SOCK_TIMEOUT). They apply to new connections
/// and, send and receive, to the open one. neon's setters write the same
/// values in seconds: ne_set_connect_timeout(sess, s) is
/// nrs_set_timeouts(sess, s * 1000, -1, -1), ne_set_read_timeout(sess, s)
/// sets the receive timeout for new connections only (as in neon); the
/// last call wins. Returns NE_OK, or NE_ERROR for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nrs_set_timeouts(
    sess: *mut ne_session,
    connect_ms: c_int,
    send_ms: c_int,
    receive_ms: c_int,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        let given = |ms: c_int| (ms >= 0).then_some(ms);
        s.set_timeouts(given(connect_ms), given(send_ms), given(receive_ms));
        Some(NE_OK)
    })
}

/// Stores the session's timeouts in milliseconds (as nrs_set_timeouts or
/// neon's setters left them; 0: the default; -1: a receive timeout that
/// waits forever, from ne_set_read_timeout with a negative value) in the
/// non-NULL pointers. Returns NE_OK, or NE_ERROR for a NULL session (each
/// non-NULL pointer then gets 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn nrs_get_timeouts(
    sess: *mut ne_session,
    connect_ms: *mut c_int,
    send_ms: *mut c_int,
    receive_ms: *mut c_int,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) };
        let t = s.map(|s| s.timeouts()).unwrap_or_default();
        for (p, v) in [
            (connect_ms, t.connect),
            (send_ms, t.send),
            (receive_ms, t.receive.max(-1)),
        ] {
            // SAFETY: each pointer is NULL or writable.
            if let Some(out) = unsafe { p.as_mut() } {
                *out = v;
            }
        }
        s.map(|_| NE_OK)
    })
}
