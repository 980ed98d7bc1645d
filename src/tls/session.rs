//! The TLS session: what a client needs to resume a connection.
//!
//! This one type backs neon's per-session TLS cache and the libssl face's
//! `SSL_SESSION`. It is shared by `Arc` (an `SSL_SESSION` reference count is
//! the strong count) and mutated under a lock: rustls hands new TLS 1.3
//! tickets to it while the application reads, possibly from another thread
//! than the one that set it up.
//!
//! rustls keeps its resumption state opaque: a TLS 1.2 session can be offered
//! again and again, but each TLS 1.3 ticket only once (it is not `Clone`).
//! So TLS 1.3 tickets go to a [`TicketPool`] that a session shares with its
//! copies and with the sessions later tickets of its connections make
//! (OpenSSL makes a new session object per ticket): any of them offers the
//! newest unused ticket of the lineage, and since a resumed connection
//! brings new tickets, a session keeps resuming as OpenSSL's do.

use std::collections::{BTreeMap, VecDeque};
use std::ffi::{CStr, CString};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{SystemTime, UNIX_EPOCH};

use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};

use super::hidden::Hidden;

/// TLS protocol versions as on the wire.
pub const TLS1_2: u16 = 0x0303;
pub const TLS1_3: u16 = 0x0304;

/// At most this many unused TLS 1.3 tickets are kept per session.
const MAX_TICKETS: usize = 8;

/// The longest session id and id context OpenSSL stores
/// (SSL_MAX_SSL_SESSION_ID_LENGTH, SSL_MAX_SID_CTX_LENGTH).
pub const MAX_ID_LEN: usize = 32;

/// A cache keeping its sessions in expiry order (the `SSL_CTX` session
/// cache): told when a member's time or timeout changes, so that it can
/// re-sort it as OpenSSL's SSL_SESSION_set_time/set_timeout do.
pub trait SessionOwner: Send + Sync {
    /// Called with no lock of `session` held.
    fn expiry_changed(&self, session: &TlsSession);
}

/// Unused TLS 1.3 tickets from one server, shared by the sessions of a
/// lineage (see the module documentation).
#[derive(Clone, Default)]
pub struct TicketPool(Arc<Mutex<VecDeque<Tls13ClientSessionValue>>>);

impl TicketPool {
    fn lock(&self) -> MutexGuard<'_, VecDeque<Tls13ClientSessionValue>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// Adds a ticket; the oldest go beyond a few.
    fn push(&self, ticket: Tls13ClientSessionValue) {
        let mut q = self.lock();
        if q.len() == MAX_TICKETS {
            q.pop_front();
        }
        q.push_back(ticket);
    }

    /// The newest ticket, removed (tickets are single-use).
    fn take(&self) -> Option<Tls13ClientSessionValue> {
        self.lock().pop_back()
    }

    fn max_early_data(&self) -> u32 {
        self.lock().back().map_or(0, |t| t.max_early_data_size())
    }
}

/// What a client offers to resume the session.
#[derive(Default)]
pub enum Resumption {
    #[default]
    None,
    Tls12(Tls12ClientSessionValue),
    Tls13(TicketPool),
    /// A server's session: rustls's encoded state, handed back to rustls
    /// when a client resumes it by session id or stateful ticket.
    Server(Vec<u8>),
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
    /// The ticket lifetime the server announced, in seconds; 0 when
    /// unknown (rustls keeps a client ticket's lifetime to itself).
    pub ticket_lifetime_hint: u32,
    /// OpenSSL's X509_V_* result of the peer's certificate check (a new
    /// empty session has 1, X509_V_ERR_UNSPECIFIED, as in OpenSSL).
    pub verify_result: i64,
    /// The ALPN protocol the session was made with, if any.
    pub alpn: Option<Vec<u8>>,
    /// The application's pointers by index (`SSL_SESSION_set_ex_data`);
    /// copies keep them, as OpenSSL's `SSL_SESSION_dup` does.
    pub ex_data: BTreeMap<i32, usize>,
    /// A client's ticket from the server (TLS 1.2, or the TLS 1.3 ticket
    /// the session was made for), as OpenSSL's `SSL_SESSION_get0_ticket`
    /// shows it; empty without one.
    pub ticket: Vec<u8>,
    /// A master key set by the application or read from a serialised
    /// session whose resumption state is not known (a server's is read
    /// from its state instead).
    pub master_key: Vec<u8>,
    /// OpenSSL's `SSL_SESSION_set1_ticket_appdata`.
    pub ticket_appdata: Option<Vec<u8>>,
    /// Whether the session used the extended master secret, as recorded
    /// by a serialised session that brought no resumption state.
    pub extended_ms: bool,
    /// The cache that holds the session, if any (OpenSSL's `owner`).
    owner: Option<Weak<dyn SessionOwner>>,
    /// `hostname` with a NUL for C, rebuilt when `hostname` changed.
    hostname_c: Option<CString>,
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
                ticket_lifetime_hint: 0,
                verify_result: 1,
                alpn: None,
                ex_data: BTreeMap::new(),
                ticket: Vec::new(),
                master_key: Vec::new(),
                ticket_appdata: None,
                extended_ms: false,
                owner: None,
                hostname_c: None,
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
                Resumption::Tls12(_) | Resumption::Server(_) => true,
                Resumption::Tls13(pool) => !pool.is_empty(),
            }
    }

    /// Stores the state rustls gave for a TLS 1.2 session.
    pub fn set_tls12(&self, value: Tls12ClientSessionValue) {
        let mut d = self.lock();
        d.resumption = Resumption::Tls12(value);
        d.not_resumable = false;
    }

    /// Adds a TLS 1.3 ticket to the session's pool.
    pub fn add_tls13_ticket(&self, ticket: Tls13ClientSessionValue) {
        let mut d = self.lock();
        d.time = now();
        d.not_resumable = false;
        if !matches!(d.resumption, Resumption::Tls13(_)) {
            d.resumption = Resumption::Tls13(TicketPool::default());
        }
        if let Resumption::Tls13(pool) = &d.resumption {
            pool.push(ticket);
        }
        drop(d);
        self.expiry_changed();
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
        let d = self.lock();
        if d.not_resumable {
            return None;
        }
        match &d.resumption {
            Resumption::Tls13(pool) => pool.take(),
            _ => None,
        }
    }

    /// OpenSSL's SSL_SESSION_dup: same fields; a TLS 1.3 copy shares the
    /// ticket pool.
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
                    Resumption::Server(v) => Resumption::Server(v.clone()),
                    Resumption::Tls13(pool) => Resumption::Tls13(pool.clone()),
                    Resumption::None => Resumption::None,
                },
                ticket_lifetime_hint: d.ticket_lifetime_hint,
                verify_result: d.verify_result,
                alpn: d.alpn.clone(),
                ex_data: d.ex_data.clone(),
                ticket: d.ticket.clone(),
                master_key: d.master_key.clone(),
                ticket_appdata: d.ticket_appdata.clone(),
                extended_ms: d.extended_ms,
                // A copy is in no cache.
                owner: None,
                hostname_c: None,
            }),
        })
    }

    /// The session a client makes for a newly received TLS 1.3 ticket
    /// (OpenSSL duplicates the current one): the same fields, made now,
    /// resumable again, in no cache, sharing the ticket pool (a new one if
    /// the current session has none) that the caller adds the ticket to.
    pub fn successor(&self) -> Arc<TlsSession> {
        let next = self.duplicate();
        {
            let mut d = next.lock();
            if !matches!(d.resumption, Resumption::Tls13(_)) {
                d.resumption = Resumption::Tls13(TicketPool::default());
            }
            d.time = now();
            d.not_resumable = false;
        }
        next
    }

    /// OpenSSL's SSL_SESSION_set_time: a cached session is re-sorted.
    pub fn set_time(&self, time: i64) {
        self.lock().time = time;
        self.expiry_changed();
    }

    /// OpenSSL's SSL_SESSION_set_timeout: a cached session is re-sorted.
    pub fn set_timeout(&self, timeout: i64) {
        self.lock().timeout = timeout;
        self.expiry_changed();
    }

    /// Tells the owning cache, if any, that the time or timeout changed.
    fn expiry_changed(&self) {
        let owner = self.lock().owner.as_ref().and_then(Weak::upgrade);
        if let Some(owner) = owner {
            owner.expiry_changed(self);
        }
    }

    /// OpenSSL's SSL_SESSION_is_resumable (see [`SessionData::may_resume`]).
    pub fn may_resume(&self) -> bool {
        self.lock().may_resume()
    }
}

impl SessionData {
    /// OpenSSL's SSL_SESSION_is_resumable: not marked non-resumable, and
    /// identified by an id or a ticket. A TLS 1.3 client session counts
    /// only while its pool holds a ticket (tickets are single-use).
    pub fn may_resume(&self) -> bool {
        !self.not_resumable
            && match &self.resumption {
                Resumption::Tls13(pool) => !pool.is_empty(),
                _ => !self.id.is_empty(),
            }
    }

    /// OpenSSL's SSL_SESSION_has_ticket: a TLS 1.3 session with a ticket
    /// left in its pool, or a TLS 1.2 session the server gave a ticket.
    pub fn has_ticket(&self) -> bool {
        match &self.resumption {
            Resumption::Tls13(pool) => !pool.is_empty(),
            Resumption::Tls12(v) => !Hidden::of_tls12(v).ticket.is_empty(),
            _ => false,
        }
    }

    /// The early data the newest TLS 1.3 ticket allows, else 0.
    pub fn max_early_data(&self) -> u32 {
        match &self.resumption {
            Resumption::Tls13(pool) => pool.max_early_data(),
            _ => 0,
        }
    }

    /// OpenSSL's SSL_SESSION_set1_id: at most [`MAX_ID_LEN`] bytes. The
    /// buffer is reused, so that the pointer C got from SSL_SESSION_get_id
    /// stays valid, as OpenSSL's fixed array does.
    pub fn set_id(&mut self, id: &[u8]) -> bool {
        set_bounded(&mut self.id, id)
    }

    /// OpenSSL's SSL_SESSION_set1_id_context (at most [`MAX_ID_LEN`] bytes).
    pub fn set_id_context(&mut self, id_context: &[u8]) -> bool {
        set_bounded(&mut self.id_context, id_context)
    }

    /// The host name as a C string (OpenSSL's SSL_SESSION_get0_hostname);
    /// `None` without one, or if it contains a NUL. Stays valid until the
    /// host name changes.
    pub fn hostname_cstr(&mut self) -> Option<&CStr> {
        let host = self.hostname.as_deref()?;
        if self
            .hostname_c
            .as_ref()
            .is_none_or(|c| c.as_bytes() != host)
        {
            self.hostname_c = Some(CString::new(host).ok()?);
        }
        self.hostname_c.as_deref()
    }

    /// The cache holding the session, if any.
    pub fn owner(&self) -> Option<&Weak<dyn SessionOwner>> {
        self.owner.as_ref()
    }

    /// Records the cache now holding the session (`None`: no cache).
    pub fn set_owner(&mut self, owner: Option<Weak<dyn SessionOwner>>) {
        self.owner = owner;
    }
}

/// Replaces `buf` by `value` within its allocation when it fits;
/// false (unchanged) beyond [`MAX_ID_LEN`] bytes.
fn set_bounded(buf: &mut Vec<u8>, value: &[u8]) -> bool {
    if value.len() > MAX_ID_LEN {
        return false;
    }
    buf.clear();
    buf.reserve_exact(MAX_ID_LEN);
    buf.extend_from_slice(value);
    true
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

    #[test]
    fn openssl_fields() {
        let s = TlsSession::new(304);
        assert!(!s.may_resume());
        {
            let mut d = s.lock();
            assert!(!d.set_id(&[1; 33]) && d.id.is_empty());
            assert!(d.set_id(&[1; 32]));
            let at = d.id.as_ptr();
            // The buffer is reused: pointers handed to C stay valid.
            assert!(d.set_id(b"short") && d.id == b"short" && d.id.as_ptr() == at);
            assert!(!d.set_id_context(&[2; 33]) && d.set_id_context(b"ctx"));
            assert_eq!(d.id_context, b"ctx");
            assert!(!d.has_ticket() && d.max_early_data() == 0);
            assert!(d.hostname_cstr().is_none());
            d.hostname = Some(b"a.example".to_vec());
            assert_eq!(d.hostname_cstr().unwrap().to_bytes(), b"a.example");
            d.hostname = Some(b"b.example".to_vec());
            assert_eq!(d.hostname_cstr().unwrap().to_bytes(), b"b.example");
            d.hostname = Some(b"nul\0inside".to_vec());
            assert!(d.hostname_cstr().is_none());
        }
        // An id makes it resumable in OpenSSL's sense, until marked.
        assert!(s.may_resume());
        s.lock().not_resumable = true;
        assert!(!s.may_resume());
        // Copies keep the mark and are in no cache.
        let c = s.duplicate();
        assert!(!c.may_resume() && c.lock().id == b"short" && c.lock().owner().is_none());
        // A TLS 1.3 session without tickets is not resumable, id or not.
        s.lock().not_resumable = false;
        s.lock().resumption = Resumption::Tls13(TicketPool::default());
        assert!(!s.may_resume());
        // A copy shares the (empty) pool.
        let c = s.duplicate();
        assert!(matches!((&s.lock().resumption, &c.lock().resumption),
            (Resumption::Tls13(a), Resumption::Tls13(b)) if Arc::ptr_eq(&a.0, &b.0)));
    }

    struct Recorder(Mutex<Vec<(i64, i64)>>);

    impl SessionOwner for Recorder {
        fn expiry_changed(&self, s: &TlsSession) {
            let d = s.lock();
            self.0.lock().unwrap().push((d.time, d.timeout));
        }
    }

    #[test]
    fn owner_is_told_of_time_changes() {
        let owner = Arc::new(Recorder(Mutex::new(Vec::new())));
        let s = TlsSession::new(304);
        s.set_time(10);
        let weak: Weak<Recorder> = Arc::downgrade(&owner);
        s.lock().set_owner(Some(weak));
        s.set_time(20);
        s.set_timeout(30);
        assert_eq!(*owner.0.lock().unwrap(), [(20, 304), (20, 30)]);
        s.lock().set_owner(None);
        s.set_time(40);
        assert_eq!(owner.0.lock().unwrap().len(), 2);
        let d = s.lock();
        assert_eq!((d.time, d.timeout), (40, 30));
    }
}
