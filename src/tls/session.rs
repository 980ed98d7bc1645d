//! The TLS session: what a client needs to resume a connection.
//!
//! This one type backs neon's per-session TLS cache and the libssl face's
//! `SSL_SESSION`. It is shared by `Arc` (an `SSL_SESSION` reference count is
//! the strong count) and mutated under a lock: rustls hands new TLS 1.3
//! tickets to it while the application reads, possibly from another thread
//! than the one that set it up.
//!
//! rustls keeps its resumption state opaque: a TLS 1.2 session can be offered
//! again and again, but each TLS 1.3 ticket only once (it is not `Clone`), so
//! a session keeps every ticket the server sent and offers the newest unused.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};

/// TLS protocol versions as on the wire.
pub const TLS1_2: u16 = 0x0303;
pub const TLS1_3: u16 = 0x0304;

/// At most this many unused TLS 1.3 tickets are kept per session.
const MAX_TICKETS: usize = 8;

/// What a client offers to resume the session.
#[derive(Default)]
pub enum Resumption {
    #[default]
    None,
    Tls12(Tls12ClientSessionValue),
    Tls13(VecDeque<Tls13ClientSessionValue>),
}

/// Session fields (OpenSSL's SSL_SESSION accessors read and set these).
pub struct SessionData {
    /// Identifies the session: random for sessions made by this library.
    pub id: Vec<u8>,
    pub id_context: Vec<u8>,
    /// Protocol version (TLS1_2 or TLS1_3), 0 when unknown.
    pub version: u16,
    /// IANA cipher suite number, 0 when unknown.
    pub cipher: u16,
    /// Creation time and lifetime, in seconds.
    pub time: i64,
    pub timeout: i64,
    /// The server name the session was made with (SNI), if any.
    pub hostname: Option<Vec<u8>>,
    /// The server's certificate (DER), if known.
    pub peer: Option<Vec<u8>>,
    /// Once set, the session is never offered again.
    pub not_resumable: bool,
    pub resumption: Resumption,
}

pub struct TlsSession {
    data: Mutex<SessionData>,
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A fresh random session id (32 bytes, as TLS uses).
pub fn random_id() -> Vec<u8> {
    let mut id = vec![0u8; 32];
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    if provider.secure_random.fill(&mut id).is_err() {
        // The id only has to be distinct between this library's sessions.
        id[..8].copy_from_slice(&now().to_le_bytes());
    }
    id
}

impl TlsSession {
    /// An empty session (OpenSSL's SSL_SESSION_new): not resumable.
    pub fn new(timeout: i64) -> Arc<TlsSession> {
        Arc::new(TlsSession {
            data: Mutex::new(SessionData {
                id: Vec::new(),
                id_context: Vec::new(),
                version: 0,
                cipher: 0,
                time: now(),
                timeout,
                hostname: None,
                peer: None,
                not_resumable: false,
                resumption: Resumption::None,
            }),
        })
    }

    /// A session established by a full handshake, with a new random id.
    pub fn established(version: u16, cipher: u16, timeout: i64) -> Arc<TlsSession> {
        let s = TlsSession::new(timeout);
        {
            let mut d = s.lock();
            d.id = random_id();
            d.version = version;
            d.cipher = cipher;
        }
        s
    }

    pub fn lock(&self) -> MutexGuard<'_, SessionData> {
        // A panic while holding the lock leaves plain data behind: keep using it.
        self.data.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// OpenSSL's SSL_SESSION_is_resumable: has something to offer and was
    /// not marked otherwise.
    pub fn is_resumable(&self) -> bool {
        let d = self.lock();
        !d.not_resumable
            && match &d.resumption {
                Resumption::None => false,
                Resumption::Tls12(_) => true,
                Resumption::Tls13(t) => !t.is_empty(),
            }
    }

    /// Stores the state rustls gave for a TLS 1.2 session.
    pub fn set_tls12(&self, value: Tls12ClientSessionValue) {
        let mut d = self.lock();
        d.resumption = Resumption::Tls12(value);
        d.not_resumable = false;
    }

    /// Adds a TLS 1.3 ticket; the oldest are dropped beyond a few.
    pub fn add_tls13_ticket(&self, ticket: Tls13ClientSessionValue) {
        let mut d = self.lock();
        d.time = now();
        d.not_resumable = false;
        if !matches!(d.resumption, Resumption::Tls13(_)) {
            d.resumption = Resumption::Tls13(VecDeque::new());
        }
        if let Resumption::Tls13(q) = &mut d.resumption {
            if q.len() == MAX_TICKETS {
                q.pop_front();
            }
            q.push_back(ticket);
        }
    }

    /// The TLS 1.2 state to offer, if resumable.
    pub fn tls12_offer(&self) -> Option<Tls12ClientSessionValue> {
        let d = self.lock();
        match &d.resumption {
            Resumption::Tls12(v) if !d.not_resumable => Some(v.clone()),
            _ => None,
        }
    }

    /// Takes the newest TLS 1.3 ticket to offer, if resumable.
    pub fn take_tls13_offer(&self) -> Option<Tls13ClientSessionValue> {
        let mut d = self.lock();
        if d.not_resumable {
            return None;
        }
        match &mut d.resumption {
            Resumption::Tls13(q) => q.pop_back(),
            _ => None,
        }
    }

    /// OpenSSL's SSL_SESSION_dup: same fields; TLS 1.3 tickets cannot be
    /// copied, so the copy of a TLS 1.3 session has none.
    pub fn duplicate(&self) -> Arc<TlsSession> {
        let d = self.lock();
        Arc::new(TlsSession {
            data: Mutex::new(SessionData {
                id: d.id.clone(),
                id_context: d.id_context.clone(),
                version: d.version,
                cipher: d.cipher,
                time: d.time,
                timeout: d.timeout,
                hostname: d.hostname.clone(),
                peer: d.peer.clone(),
                not_resumable: d.not_resumable,
                resumption: match &d.resumption {
                    Resumption::Tls12(v) => Resumption::Tls12(v.clone()),
                    _ => Resumption::None,
                },
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_sessions_are_not_resumable() {
        let s = TlsSession::new(304);
        assert!(!s.is_resumable());
        assert_eq!(s.lock().timeout, 304);
        let e = TlsSession::established(TLS1_3, 0x1302, 7200);
        assert_eq!(e.lock().id.len(), 32);
        assert_ne!(
            e.lock().id,
            TlsSession::established(TLS1_3, 0x1302, 7200).lock().id
        );
        assert!(!e.is_resumable());
        assert!(e.take_tls13_offer().is_none());
    }
}
