//! What rustls's callbacks learn during one connection's I/O.
//!
//! rustls's session store, ticketer, certificate resolvers and verifier are
//! shared by every connection of an `SSL_CTX` and carry no connection
//! identity. rustls calls them synchronously inside the connection's I/O, on
//! the caller's thread, so the connection publishes its scratch area in a
//! thread-local for the duration of each rustls call ([`Current::enter`]).
//! Events that call back into the application (new-session callbacks) are
//! queued here and run after the call, with no lock held.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use rustls::client::Tls13ClientSessionValue;

use super::conn::SslConn;
use crate::tls::TlsSession;

/// The result of checking the peer's certificate chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// OpenSSL's X509_V_* result (0: X509_V_OK).
    pub result: i64,
    /// The peer's certificate (DER).
    pub peer: Vec<u8>,
}

#[derive(Default)]
pub struct Scratch {
    /// The connection (for callbacks that take its `SSL *`).
    pub conn: Weak<SslConn>,
    /// The negotiated protocol version and cipher suite, as soon as known
    /// (the callbacks of a handshake's later messages need them).
    pub version: u16,
    pub cipher: u16,
    /// The verify mode (`SSL_VERIFY_*`; a server's SSL_VERIFY_PEER also
    /// decides which sessions it resumes).
    pub verify_mode: i32,
    /// Server: tickets issued in this handshake, and how many may be.
    pub tickets_issued: u32,
    pub ticket_limit: u32,
    /// Server: SSL_OP_NO_TICKET (session ids and stateful tickets).
    pub no_ticket: bool,
    /// Server: the client resumed with a stateless ticket.
    pub resumed_by_ticket: bool,
    /// Server: the session a resumption used.
    pub resumed: Option<Arc<TlsSession>>,
    /// Server: the servername callback ran; the connection's context
    /// switch, if any, is not counted yet.
    pub servername_done: bool,
    /// Client: the servername callback ran on the server's answer.
    pub client_servername_ran: bool,
    /// Server: a check made in a rustls callback failed the handshake with
    /// this alert (OpenSSL's SSLfatal); the connection sends it instead of
    /// what rustls answered.
    pub fatal_alert: Option<u8>,
    /// Server: whether the ClientHello offered session tickets (None:
    /// not known).
    pub client_offers_ticket: Option<bool>,
    /// Server: the reason of that failure when not the id context's.
    pub fatal_reason: Option<i32>,
    /// Server: the session handed to rustls must not be resumed. OpenSSL
    /// checks a TLS 1.3 session's binder before its id context, so a session
    /// whose key is not the client's fails on the binder whatever its
    /// context: rustls makes that check, and the connection refuses what
    /// rustls would resume despite a failed id context check.
    pub refuse_resumption: bool,
    /// Server: sessions the handshake created (a TLS 1.2 session id or one
    /// per TLS 1.3 ticket), for the cache and the new-session callback.
    pub created: Vec<Arc<TlsSession>>,
    /// Server: rustls's state in the TLS 1.2 ticket this handshake issued
    /// or resumed, for the connection's session (its master key).
    pub ticket_state: Option<Vec<u8>>,
    /// Client: TLS 1.3 tickets received, each to become a session.
    pub tickets: Vec<Tls13ClientSessionValue>,
    /// The peer certificate check of this handshake.
    pub verified: Option<Verified>,
    /// Server: the verify result of the session a resumption used (the
    /// sessions it creates carry it on).
    pub resumed_verify_result: Option<i64>,
    /// Why the handshake failed, as OpenSSL's `SSL_R_*` reason, when a
    /// callback decided it (e.g. a failed verification).
    pub failure: Option<i32>,
    /// The session id context of the connection (server lookups match it).
    pub id_context: Vec<u8>,
}

impl Scratch {
    /// The verify result a session made now records: this handshake's
    /// check, else that of the session it resumed, else `X509_V_OK` (no
    /// certificate was checked, as OpenSSL's new sessions say).
    pub fn peer_verify_result(&self) -> i64 {
        self.verified
            .as_ref()
            .map(|v| v.result)
            .or(self.resumed_verify_result)
            .unwrap_or(0)
    }
}

pub type Shared = Arc<Mutex<Scratch>>;

pub fn lock(s: &Shared) -> MutexGuard<'_, Scratch> {
    s.lock().unwrap_or_else(|e| e.into_inner())
}

thread_local! {
    static CURRENT: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// Publishes a connection's scratch area while it lives.
pub struct Current {
    previous: Option<Shared>,
}

impl Current {
    pub fn enter(s: &Shared) -> Current {
        let previous = CURRENT.with(|c| c.borrow_mut().replace(s.clone()));
        Current { previous }
    }

    /// The scratch area of the connection being driven on this thread.
    pub fn get() -> Option<Shared> {
        CURRENT.with(|c| c.borrow().clone())
    }
}

impl Drop for Current {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}
