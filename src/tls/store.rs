//! rustls's client session store, for one connection.
//!
//! It offers the session the connection was given (neon's cached session,
//! or the one set with `SSL_set_session`), and collects what the handshake
//! and the server's later NewSessionTicket messages produce into the
//! connection's current session. State that arrives during the handshake is
//! held until [`ConnStore::bind`] says which session object it belongs to
//! (the offered one when resumed, a new one otherwise); tickets arriving
//! afterwards go straight to that session and `on_update` is told.

use std::sync::{Arc, Mutex, MutexGuard};

use rustls::NamedGroup;
use rustls::client::{ClientSessionStore, Tls12ClientSessionValue, Tls13ClientSessionValue};
use rustls::pki_types::ServerName;

use super::session::TlsSession;

/// Called when the connection's session gains resumption state.
pub type OnUpdate = Box<dyn Fn(&Arc<TlsSession>) + Send + Sync>;

/// Takes each TLS 1.3 ticket as it arrives, instead of adding it to the
/// bound session (libssl makes a new session per ticket).
pub type TicketSink = Box<dyn Fn(Tls13ClientSessionValue) + Send + Sync>;

#[derive(Default)]
struct State {
    offer: Option<Arc<TlsSession>>,
    withhold_tls13: bool,
    bound: Option<Arc<TlsSession>>,
    pending12: Option<Tls12ClientSessionValue>,
    pending13: Vec<Tls13ClientSessionValue>,
    kx_hint: Option<NamedGroup>,
    /// rustls dropped the offered TLS 1.2 session (the server refused it).
    offer_refused: bool,
}

pub struct ConnStore {
    state: Mutex<State>,
    on_update: Option<OnUpdate>,
    ticket_sink: Option<TicketSink>,
}

impl std::fmt::Debug for ConnStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConnStore")
    }
}

impl ConnStore {
    /// A store offering `offer` (if resumable) and remembering `kx_hint`.
    pub fn new(
        offer: Option<Arc<TlsSession>>,
        kx_hint: Option<NamedGroup>,
        on_update: Option<OnUpdate>,
    ) -> Arc<ConnStore> {
        Arc::new(ConnStore {
            state: Mutex::new(State {
                offer,
                kx_hint,
                ..State::default()
            }),
            on_update,
            ticket_sink: None,
        })
    }

    /// A store whose TLS 1.3 tickets go to `sink` as they arrive.
    pub fn with_ticket_sink(offer: Option<Arc<TlsSession>>, sink: TicketSink) -> Arc<ConnStore> {
        Arc::new(ConnStore {
            state: Mutex::new(State {
                offer,
                ..State::default()
            }),
            on_update: None,
            ticket_sink: Some(sink),
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps the offered session's TLS 1.3 tickets back (OpenSSL's client
    /// does not send a ticket older than its lifetime), while the session
    /// still counts as offered.
    pub fn withhold_tls13_ticket(&self) {
        self.lock().withhold_tls13 = true;
    }

    /// The session offered for resumption.
    pub fn offered(&self) -> Option<Arc<TlsSession>> {
        self.lock().offer.clone()
    }

    /// The key exchange group the server chose, for the next connection.
    pub fn kx_hint(&self) -> Option<NamedGroup> {
        self.lock().kx_hint
    }

    /// Whether the server refused the offered TLS 1.2 session.
    pub fn offer_refused(&self) -> bool {
        self.lock().offer_refused
    }

    /// After the handshake: makes `session` the connection's session and
    /// gives it what the handshake produced.
    pub fn bind(&self, session: Arc<TlsSession>) {
        let (updated, session) = {
            let mut st = self.lock();
            let mut updated = false;
            if let Some(v) = st.pending12.take() {
                session.set_tls12(v);
                updated = true;
            }
            for t in st.pending13.drain(..) {
                session.add_tls13_ticket(t);
                updated = true;
            }
            st.bound = Some(session.clone());
            (updated, session)
        };
        if updated {
            self.updated(&session);
        }
    }

    /// The connection's session, once bound.
    pub fn bound(&self) -> Option<Arc<TlsSession>> {
        self.lock().bound.clone()
    }

    fn updated(&self, s: &Arc<TlsSession>) {
        if let Some(f) = &self.on_update {
            f(s);
        }
    }
}

impl ClientSessionStore for ConnStore {
    fn set_kx_hint(&self, _: ServerName<'static>, group: NamedGroup) {
        self.lock().kx_hint = Some(group);
    }

    fn kx_hint(&self, _: &ServerName<'_>) -> Option<NamedGroup> {
        self.lock().kx_hint
    }

    fn set_tls12_session(&self, _: ServerName<'static>, value: Tls12ClientSessionValue) {
        let bound = {
            let mut st = self.lock();
            match st.bound.clone() {
                Some(b) => Some((b, value)),
                None => {
                    st.pending12 = Some(value);
                    None
                }
            }
        };
        if let Some((b, v)) = bound {
            b.set_tls12(v);
            self.updated(&b);
        }
    }

    fn tls12_session(&self, _: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        self.lock().offer.as_ref()?.tls12_offer()
    }

    fn remove_tls12_session(&self, _: &ServerName<'static>) {
        self.lock().offer_refused = true;
    }

    fn insert_tls13_ticket(&self, _: ServerName<'static>, value: Tls13ClientSessionValue) {
        if let Some(sink) = &self.ticket_sink {
            sink(value);
            return;
        }
        let bound = {
            let mut st = self.lock();
            match st.bound.clone() {
                Some(b) => Some((b, value)),
                None => {
                    st.pending13.push(value);
                    None
                }
            }
        };
        if let Some((b, v)) = bound {
            b.add_tls13_ticket(v);
            self.updated(&b);
        }
    }

    fn take_tls13_ticket(&self, _: &ServerName<'static>) -> Option<Tls13ClientSessionValue> {
        let st = self.lock();
        if st.withhold_tls13 {
            return None;
        }
        st.offer.as_ref()?.take_tls13_offer()
    }
}
