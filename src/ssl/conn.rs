//! `SSL`: one TLS connection with OpenSSL's behaviour — handshakes on a
//! blocking or non-blocking descriptor (`SSL_ERROR_WANT_READ/WRITE`),
//! application data, close_notify and `SSL_get_error`, and OpenSSL's
//! session life: the session a client offers (`SSL_set_session`), the one
//! each handshake and each TLS 1.3 ticket produces, the "bad session" rule,
//! and automatic caching with its callbacks and statistics.
//!
//! Records travel over a descriptor or the application's channels
//! ([`super::transport`]). The rustls connection (`io`) is locked only
//! while the connection does I/O; the endpoints (`wire`) and the rest
//! (`meta`) only briefly and never while the application runs: callbacks
//! that rustls runs during I/O (verify, get-session, servername) and the
//! application's channels may use every other SSL function, and
//! new-session/remove-session callbacks run after the I/O, with no lock
//! held. Re-entering I/O on the same `SSL` from a callback fails instead of
//! deadlocking.

use std::any::Any;
use std::collections::BTreeMap;
use std::ffi::{CStr, CString};
use std::io::{BufRead, ErrorKind};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};

use rustls::pki_types::ServerName;
use rustls::{ClientConnection, Connection, HandshakeKind, ServerConnection};

use super::cache::{Handshake, MODE_CLIENT, resumption};
use super::config::Settings;
use super::config::consts::{
    SSL_MODE_AUTO_RETRY, SSL_OP_IGNORE_UNEXPECTED_EOF, SSL_OP_NO_TICKET, SSL_OP_NO_TLSv1,
    SSL_OP_NO_TLSv1_1, SSL_OP_NO_TLSv1_2, SSL_OP_NO_TLSv1_3,
    SSL_R_ATTEMPT_TO_REUSE_SESSION_IN_DIFFERENT_CONTEXT, SSL_R_BAD_LENGTH, SSL_R_CALLBACK_FAILED,
    SSL_R_CONNECTION_TYPE_NOT_SET, SSL_R_NO_PROTOCOLS_AVAILABLE, SSL_R_PROTOCOL_IS_SHUTDOWN,
    SSL_R_READ_BIO_NOT_SET, SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED, SSL_R_SHUTDOWN_WHILE_IN_INIT,
    SSL_R_SSL_SESSION_VERSION_MISMATCH, SSL_R_UNEXPECTED_EOF_WHILE_READING, SSL_R_UNINITIALIZED,
    SSL_VERIFY_PEER,
};
use super::ctx::{ConnConfig, Role, SslCtx};
use super::extra::ConnExtra;
use super::observe::{Event, KeyLines};
use super::reason::{self, ERR_R_INTERNAL_ERROR, ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED};
pub use super::reason::{Failure, Origin};
use super::scratch::{self, Current, Scratch, Shared};
use super::transport::{Endpoint, Head, Link, NO_ENDPOINT, NOT_EOF, Wire, hello_offers_ticket};
use super::verify_result::X509_V_OK;
use crate::ffi::sys::clear_errno;
use crate::tls::TlsSession;
use crate::tls::hidden::Hidden;
use crate::tls::session::{Resumption, SessionData, TLS1_3, now};
use crate::tls::store::ConnStore;

/// A fatal internal_error alert record (TLS 1.0 record version, as a first
/// record is sent).
const INTERNAL_ERROR_ALERT: [u8; 7] = [0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x50];

/// A fatal protocol_version alert record.
const PROTOCOL_VERSION_ALERT: [u8; 7] = fatal_alert(0x46);

/// A fatal alert record with this description, unencrypted (sent during
/// the hello exchange), with the TLS 1.2 record version.
const fn fatal_alert(description: u8) -> [u8; 7] {
    [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, description]
}

/// SSL_get_shutdown bits.
pub const SENT_SHUTDOWN: i32 = 1;
pub const RECEIVED_SHUTDOWN: i32 = 2;

/// SSL_get_error results.
pub const ERROR_NONE: i32 = 0;
pub const ERROR_SSL: i32 = 1;
pub const ERROR_WANT_READ: i32 = 2;
pub const ERROR_WANT_WRITE: i32 = 3;
pub const ERROR_SYSCALL: i32 = 5;
pub const ERROR_ZERO_RETURN: i32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Before,
    Handshaking,
    Done,
    Failed,
}

/// How the last operation ended, for SSL_get_error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Ok,
    WantRead,
    WantWrite,
    ZeroReturn,
    Syscall,
    Ssl,
}

impl Last {
    fn code(self) -> i32 {
        match self {
            Last::Ok => ERROR_NONE,
            Last::WantRead => ERROR_WANT_READ,
            Last::WantWrite => ERROR_WANT_WRITE,
            Last::ZeroReturn => ERROR_ZERO_RETURN,
            Last::Syscall => ERROR_SYSCALL,
            Last::Ssl => ERROR_SSL,
        }
    }
}

/// What only the connection's I/O touches.
struct Io {
    tls: Option<Connection>,
    /// A server whose ALPN callback needs the ClientHello before rustls's
    /// configuration can be made reads it here first.
    accepting: Option<Box<rustls::server::Acceptor>>,
    store: Option<Arc<ConnStore>>,
    /// The first record header received.
    head: Head,
    /// Bytes of the caller's buffer rustls took in an SSL_write that could
    /// not send them all: the retry (with the same buffer, as OpenSSL
    /// requires) goes on after them.
    write_taken: usize,
}

/// What a finished handshake produced, read while `io` was held.
struct Finished {
    client: bool,
    resumed: bool,
    version: u16,
    cipher: u16,
    peer: Option<Vec<u8>>,
    peer_chain: Option<Arc<[Vec<u8>]>>,
    /// A server resumed from a ticket: OpenSSL's session then has the
    /// client's certificate but not the chain it came with.
    chain_unknown: bool,
}

struct Meta {
    ctx: Arc<SslCtx>,
    /// The context the connection was created with: its cache and mode
    /// govern caching (OpenSSL's session_ctx).
    session_ctx: Arc<SslCtx>,
    /// Set by SSL_connect/SSL_accept/SSL_set_*_state; a handshake before
    /// that fails ("connection type not set").
    role: Option<Role>,
    /// The connection's session (SSL_get_session); for a client before the
    /// handshake, the one to offer.
    session: Option<Arc<TlsSession>>,
    hit: bool,
    verify_result: i64,
    /// Options, modes, verify mode, versions, suites… copied from the
    /// context at SSL_new.
    settings: Settings,
    /// SNI: the name a client sends, or the one a server received.
    servername: Option<CString>,
    /// The peer's certificates (DER, leaf first) of the last handshake,
    /// also of a resumed one; empty when a server asked for a certificate
    /// and got none.
    peer_chain: Option<Arc<[Vec<u8>]>>,
    /// See `Finished::chain_unknown`.
    peer_chain_unknown: bool,
    phase: Phase,
    /// SSL_get_shutdown's bits.
    shutdown: i32,
    /// The peer closed cleanly (close_notify, or an EOF taken for one).
    closed_cleanly: bool,
    /// After an unexpected EOF OpenSSL sends an alert; when the transport
    /// refused it, it stays pending and a later one-byte SSL_write fails
    /// with "bad length".
    alert_unsent: bool,
    /// Callbacks OpenSSL runs inside its handshake state machine (new
    /// sessions, TLS 1.3 tickets) are running: SSL_in_init says 1.
    in_callbacks: u32,
    /// Why the last operation failed, for the error queue.
    failures: Vec<Failure>,
    id_context: Vec<u8>,
    ex_data: BTreeMap<i32, usize>,
    last: Last,
    version: u16,
    cipher: u16,
}

pub struct SslConn {
    me: Weak<SslConn>,
    io: Mutex<Io>,
    /// The endpoints (read once per operation).
    wire: Mutex<Wire>,
    meta: Mutex<Meta>,
    scratch: Shared,
    /// The face's objects of this connection (set once, at creation).
    extension: OnceLock<Arc<dyn Any + Send + Sync>>,
    /// Own key pair and CA names, events and what was negotiated.
    extra: Mutex<ConnExtra>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The result of driving rustls.
enum Drive {
    Done,
    Want(Last),
    Failed(Last),
}

impl SslConn {
    /// SSL_new: settings are copied from the context.
    pub fn new(ctx: &Arc<SslCtx>) -> Arc<SslConn> {
        let id_context = ctx.sessions.id_context();
        Arc::new_cyclic(|me| SslConn {
            me: me.clone(),
            io: Mutex::new(Io {
                tls: None,
                accepting: None,
                store: None,
                head: Head::default(),
                write_taken: 0,
            }),
            wire: Mutex::new(Wire::default()),
            meta: Mutex::new(Meta {
                ctx: ctx.clone(),
                session_ctx: ctx.clone(),
                role: None,
                session: None,
                hit: false,
                verify_result: X509_V_OK,
                settings: ctx.config.connection_defaults(),
                servername: None,
                peer_chain: None,
                peer_chain_unknown: false,
                phase: Phase::Before,
                shutdown: 0,
                closed_cleanly: false,
                alert_unsent: false,
                in_callbacks: 0,
                failures: Vec::new(),
                id_context,
                ex_data: BTreeMap::new(),
                last: Last::Ok,
                version: 0,
                cipher: 0,
            }),
            scratch: Arc::new(Mutex::new(Scratch {
                conn: me.clone(),
                ..Scratch::default()
            })),
            extension: OnceLock::new(),
            extra: Mutex::new(ConnExtra::default()),
        })
    }

    /// A new reference to this connection (`None` while it is dropped).
    pub fn me(&self) -> Option<Arc<SslConn>> {
        self.me.upgrade()
    }

    /// The connection's own key pair, CA names and observations.
    pub fn extra(&self) -> MutexGuard<'_, ConnExtra> {
        lock(&self.extra)
    }

    /// Events not yet delivered to the application, oldest first.
    pub fn take_events(&self) -> Vec<Event> {
        std::mem::take(&mut self.extra().observed.events)
    }

    /// The key pair a handshake uses: the connection's own, else its
    /// context's.
    pub fn certified_key(&self) -> Option<Arc<rustls::sign::CertifiedKey>> {
        if let Some(kp) = &self.extra().keypair {
            return kp.certified();
        }
        self.ctx().config.certified_key()
    }

    /// Attaches the face's objects (once; false if already set).
    pub fn set_extension(&self, ext: Arc<dyn Any + Send + Sync>) -> bool {
        self.extension.set(ext).is_ok()
    }

    pub fn extension(&self) -> Option<&Arc<dyn Any + Send + Sync>> {
        self.extension.get()
    }

    /// The peer's certificates (DER, leaf first) of the last handshake;
    /// empty when a server asked for a certificate and got none.
    pub fn peer_chain(&self) -> Option<Arc<[Vec<u8>]>> {
        self.meta().peer_chain.clone()
    }

    /// Whether the chain behind the peer's certificate is unknown: a
    /// server resumed a session from a ticket, which (as OpenSSL's) keeps
    /// the client's certificate only.
    pub fn peer_chain_unknown(&self) -> bool {
        self.meta().peer_chain_unknown
    }

    /// The reasons of the last failures, oldest first, for the error
    /// queue (each is reported once).
    pub fn take_failures(&self) -> Vec<Failure> {
        let mut m = self.meta();
        if m.failures.is_empty() {
            return Vec::new();
        }
        std::mem::take(&mut m.failures)
    }

    fn meta(&self) -> MutexGuard<'_, Meta> {
        lock(&self.meta)
    }

    fn set_last(&self, last: Last) {
        self.meta().last = last;
    }

    /// Records a reason for the error queue.
    fn fail(&self, reason: i32, origin: Origin) {
        let mut m = self.meta();
        let client = m.role == Some(Role::Client);
        m.failures.push(Failure {
            reason,
            origin,
            client,
            alert: None,
        });
    }

    /// Fails an operation with a reason on the error queue: -1.
    fn refuse(&self, reason: i32, origin: Origin) -> i32 {
        self.fail(reason, origin);
        self.set_last(Last::Ssl);
        -1
    }

    // ---- endpoints, role, settings -------------------------------------

    /// Reads or changes the endpoints. The lock is held while `f` runs, so
    /// `f` must not call into the application; what it replaces it should
    /// return, for the caller to drop afterwards.
    pub fn update_wire<R>(&self, f: impl FnOnce(&mut Wire) -> R) -> R {
        f(&mut lock(&self.wire))
    }

    /// `SSL_set_fd`: one descriptor for both directions; the old endpoints
    /// are returned.
    pub fn set_fd(&self, fd: i32) -> Wire {
        self.update_wire(|w| {
            std::mem::replace(
                w,
                Wire {
                    read: Endpoint::Fd(fd),
                    write: Endpoint::Fd(fd),
                },
            )
        })
    }

    /// The descriptor records are read from; -1 if none.
    pub fn fd(&self) -> i32 {
        self.update_wire(|w| w.read.fd()).unwrap_or(-1)
    }

    /// A handshake step would run now (`SSL_do_handshake`, or a read or
    /// write before the handshake completed): OpenSSL's state machine
    /// clears the error queue first.
    pub fn handshake_step_pending(&self) -> bool {
        let m = self.meta();
        m.role.is_some() && matches!(m.phase, Phase::Before | Phase::Handshaking)
    }

    /// The transport for one operation.
    fn link<'a>(&self, head: &'a mut Head) -> Link<'a> {
        Link::new(&lock(&self.wire), head)
    }

    /// The role set by SSL_connect/SSL_accept/SSL_set_*_state, if any.
    pub fn role(&self) -> Option<Role> {
        self.meta().role
    }

    /// The role of the next handshake (SSL_connect, SSL_accept).
    pub fn set_role(&self, role: Role) {
        self.meta().role = Some(role);
    }

    /// SSL_set_connect_state/SSL_set_accept_state. As OpenSSL's, on a
    /// connection past its start they begin anew (shutdown state cleared,
    /// the session kept to be offered again), as `openssl s_client
    /// -reconnect` relies on.
    pub fn set_state(&self, role: Role) {
        let started = self.meta().phase != Phase::Before;
        if started {
            self.reset(false);
        }
        self.set_role(role);
    }

    /// Whether the role set is one the method cannot take (a client
    /// method's connection made a server, or the reverse): OpenSSL's
    /// handshake function is then `ssl_undefined_function`, which returns 0.
    pub fn role_refused(&self) -> bool {
        let m = self.meta();
        m.role
            .is_some_and(|r| m.ctx.role != Role::Any && m.ctx.role != r)
    }

    /// Whether the connection acts as the server (before a role is set,
    /// any but a client method's connection counts as one, as in OpenSSL).
    pub fn is_server(&self) -> bool {
        let m = self.meta();
        match m.role {
            Some(role) => role == Role::Server,
            None => m.ctx.role != Role::Client,
        }
    }

    /// The context whose cache the connection uses (the one it was made with).
    pub fn session_ctx(&self) -> Arc<SslCtx> {
        self.meta().session_ctx.clone()
    }

    /// SSL_set_SSL_CTX: later certificate choices use `ctx`; the session id
    /// context follows it if it was the old context's.
    pub fn switch_ctx(&self, ctx: Arc<SslCtx>) {
        let mut m = self.meta();
        if Arc::ptr_eq(&m.ctx, &ctx) {
            return;
        }
        if m.id_context == m.ctx.sessions.id_context() {
            m.id_context = ctx.sessions.id_context();
        }
        m.ctx = ctx;
    }

    /// A server's servername callback ran (or would have, had one been
    /// set): see `move_accept_count`.
    pub fn servername_done(&self) {
        scratch::lock(&self.scratch).servername_done = true;
    }

    /// A connection now on another context than its original one
    /// (SSL_set_SSL_CTX, in the servername callback or before the
    /// handshake) counts its handshake there, as OpenSSL moves the `accept`
    /// count after the callback. OpenSSL looks the session up before, and
    /// fails there without moving it: so this runs once the ClientHello
    /// passed that lookup (rustls runs the callback first).
    fn move_accept_count(&self) {
        let (ctx, session_ctx) = {
            let m = self.meta();
            (m.ctx.clone(), m.session_ctx.clone())
        };
        if !Arc::ptr_eq(&ctx, &session_ctx) {
            ctx.sessions.stats().accept.inc();
            session_ctx.sessions.stats().accept.dec();
        }
    }

    pub fn id_context(&self) -> Vec<u8> {
        self.meta().id_context.clone()
    }

    pub fn verify_mode(&self) -> i32 {
        self.meta().settings.verify_mode()
    }

    /// SSL_has_matching_session_id: the cache holds `id` for this version.
    pub fn has_matching_session_id(&self, id: &[u8]) -> bool {
        let ctx = self.meta().session_ctx.clone();
        let version = self.version();
        ctx.sessions.contains(version, id)
    }

    pub fn ctx(&self) -> Arc<SslCtx> {
        self.meta().ctx.clone()
    }

    /// Reads the connection's settings.
    pub fn settings<R>(&self, f: impl FnOnce(&Settings) -> R) -> R {
        f(&self.meta().settings)
    }

    /// Changes the connection's settings (used by its next handshake).
    pub fn update_settings<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> R {
        f(&mut self.meta().settings)
    }

    pub fn verify_result(&self) -> i64 {
        self.meta().verify_result
    }

    pub fn set_verify_result(&self, r: i64) {
        self.meta().verify_result = r;
    }

    /// SSL_set_tlsext_host_name (a client's SNI), or the name a server
    /// received. A name containing NUL is no name.
    pub fn set_servername(&self, name: Option<&str>) {
        self.meta().servername = name.and_then(|n| CString::new(n).ok());
    }

    pub fn servername(&self) -> Option<String> {
        self.meta()
            .servername
            .as_ref()
            .and_then(|n| n.to_str().ok())
            .map(str::to_owned)
    }

    /// Runs `f` on the server name, borrowed (SSL_get_servername's pointer
    /// stays valid until the name changes).
    pub fn with_servername<R>(&self, f: impl FnOnce(Option<&CStr>) -> R) -> R {
        f(self.meta().servername.as_deref())
    }

    /// SSL_set_session_id_context: false if longer than 32 bytes.
    pub fn set_id_context(&self, id: &[u8]) -> bool {
        if id.len() > 32 {
            return false;
        }
        self.meta().id_context = id.to_vec();
        true
    }

    /// `SSL_set_ex_data`: false for a negative index, as OpenSSL's
    /// CRYPTO_set_ex_data refuses it.
    pub fn set_ex_data(&self, idx: i32, value: usize) -> bool {
        if idx < 0 {
            return false;
        }
        self.meta().ex_data.insert(idx, value);
        true
    }

    pub fn ex_data(&self, idx: i32) -> usize {
        self.meta().ex_data.get(&idx).copied().unwrap_or(0)
    }

    /// The protocol version: the negotiated one, or before a handshake (and
    /// after `SSL_clear`) the highest the TLS methods know, TLS 1.3, as
    /// OpenSSL reports it; cache lookups by id use it too.
    pub fn version(&self) -> u16 {
        match self.meta().version {
            0 => TLS1_3,
            v => v,
        }
    }

    /// The negotiated version, if a handshake has negotiated one.
    pub fn negotiated_version(&self) -> Option<u16> {
        Some(self.meta().version).filter(|v| *v != 0)
    }

    /// The negotiated cipher suite's IANA number (0 before a handshake).
    pub fn cipher(&self) -> u16 {
        self.meta().cipher
    }

    pub fn session_reused(&self) -> bool {
        self.meta().hit
    }

    pub fn shutdown_state(&self) -> i32 {
        self.meta().shutdown
    }

    pub fn set_shutdown_state(&self, bits: i32) {
        self.meta().shutdown = bits;
    }

    /// The handshake completed and no callback of its end is running.
    pub fn is_init_finished(&self) -> bool {
        let m = self.meta();
        m.phase == Phase::Done && m.in_callbacks == 0
    }

    /// No handshake started yet (SSL_in_before).
    pub fn in_before(&self) -> bool {
        self.meta().phase == Phase::Before
    }

    /// `SSL_want`: the last operation waits for the transport to be
    /// readable (`Some(true)`) or writable (`Some(false)`).
    pub fn wants(&self) -> Option<bool> {
        match self.meta().last {
            Last::WantRead => Some(true),
            Last::WantWrite => Some(false),
            _ => None,
        }
    }

    // ---- sessions --------------------------------------------------------

    pub fn session(&self) -> Option<Arc<TlsSession>> {
        self.meta().session.clone()
    }

    /// Runs `f` on the session, borrowed (SSL_get_session's pointer stays
    /// valid while the connection holds the session).
    pub fn with_session<R>(&self, f: impl FnOnce(Option<&Arc<TlsSession>>) -> R) -> R {
        f(self.meta().session.as_ref())
    }

    /// SSL_set_session: the bad-session rule applies to the previous one,
    /// then the connection holds `session` (its verify result is copied).
    pub fn set_session(&self, session: Option<Arc<TlsSession>>) {
        self.bad_session_rule();
        let mut m = self.meta();
        if let Some(s) = &session {
            m.verify_result = s.lock().verify_result;
        }
        m.session = session;
    }

    /// OpenSSL's "bad session" rule: a connection whose handshake completed
    /// and which has not sent close_notify makes its session unusable.
    fn bad_session_rule(&self) {
        let lost = {
            let m = self.meta();
            let bad = m.phase == Phase::Done && m.shutdown & SENT_SHUTDOWN == 0;
            bad.then(|| (m.session_ctx.clone(), m.session.clone()))
        };
        if let Some((ctx, Some(s))) = lost {
            ctx.sessions.remove(&ctx, &s);
        }
    }

    /// SSL_clear: ready for a new handshake on the same object, keeping the
    /// session so that a cleanly shut down connection resumes. False when
    /// called during the connection's own I/O (from a callback).
    pub fn clear(&self) -> bool {
        self.reset(true)
    }

    /// Ready for a new handshake; `bad_rule`: a session of a connection not
    /// shut down leaves the cache (SSL_clear's rule).
    fn reset(&self, bad_rule: bool) -> bool {
        let Ok(mut io) = self.io.try_lock() else {
            return false;
        };
        let lost = {
            let mut m = self.meta();
            let bad = bad_rule && m.phase == Phase::Done && m.shutdown & SENT_SHUTDOWN == 0;
            bad.then(|| (m.session_ctx.clone(), m.session.take()))
        };
        io.tls = None;
        io.accepting = None;
        io.store = None;
        io.head = Head::default();
        io.write_taken = 0;
        drop(io);
        if let Some((ctx, Some(s))) = lost {
            ctx.sessions.remove(&ctx, &s);
        }
        self.extra().observed.reset();
        let mut m = self.meta();
        m.phase = Phase::Before;
        m.shutdown = 0;
        m.closed_cleanly = false;
        m.alert_unsent = false;
        m.hit = false;
        m.last = Last::Ok;
        m.version = 0;
        m.cipher = 0;
        m.verify_result = X509_V_OK;
        m.peer_chain = None;
        m.peer_chain_unknown = false;
        m.failures.clear();
        true
    }

    // ---- handshake --------------------------------------------------------

    /// Creates the rustls connection for this role.
    fn start(&self, io: &mut Io) -> Result<(), Last> {
        let (role, ctx, offer, servername, settings, id_context) = {
            let m = self.meta();
            (
                m.role,
                m.ctx.clone(),
                m.session.clone(),
                m.servername
                    .as_ref()
                    .and_then(|n| n.to_str().ok())
                    .map(str::to_owned),
                m.settings.clone(),
                m.id_context.clone(),
            )
        };
        // No role yet, or one the method cannot take.
        let Some(role) = role.filter(|r| ctx.role == Role::Any || ctx.role == *r) else {
            self.fail(ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED, Origin::State);
            return Err(Last::Ssl);
        };
        {
            let mut s = scratch::lock(&self.scratch);
            let conn = s.conn.clone();
            *s = Scratch {
                conn,
                ..Scratch::default()
            };
            s.verify_mode = settings.verify_mode();
            s.no_ticket = settings.options() & SSL_OP_NO_TICKET != 0;
            s.id_context = id_context;
            s.ticket_limit = u32::try_from(settings.num_tickets()).unwrap_or(u32::MAX);
        }
        {
            let mut x = self.extra();
            x.observed.reset();
            x.observed.push(Event::HandshakeStart);
            x.observed.push(Event::Loop);
        }
        let extra = ConnConfig {
            key_log: self.key_log(&ctx),
            ..ConnConfig::default()
        };
        let _current = Current::enter(&self.scratch);
        match role {
            Role::Client => {
                ctx.sessions.stats().connect.inc();
                let sink_to = self.scratch.clone();
                // OpenSSL offers only a resumable session of an allowed version.
                let offer = offer
                    .filter(|s| s.may_resume() && openssl_supports(&settings, s.lock().version));
                let too_old = offer.as_ref().is_some_and(|s| ticket_too_old(&s.lock()));
                let store = ConnStore::with_ticket_sink(
                    offer,
                    Box::new(move |t| scratch::lock(&sink_to).tickets.push(t)),
                );
                if too_old {
                    store.withhold_tls13_ticket();
                }
                let sni = servername
                    .as_deref()
                    .and_then(|n| ServerName::try_from(n.to_string()).ok());
                let Some(config) =
                    ctx.client_config(&settings, store.clone(), sni.is_some(), &extra)
                else {
                    // No version or suite to offer: OpenSSL's client says so
                    // with a fatal internal_error alert instead of a hello.
                    let _ =
                        std::io::Write::write(&mut self.link(&mut io.head), &INTERNAL_ERROR_ALERT);
                    self.extra().observed.sent_fatal(INTERNAL_ERROR_ALERT[6]);
                    self.fail(SSL_R_NO_PROTOCOLS_AVAILABLE, Origin::Handshake);
                    return Err(Last::Ssl);
                };
                let name = sni.unwrap_or(ServerName::IpAddress(
                    std::net::Ipv4Addr::UNSPECIFIED.into(),
                ));
                let conn = ClientConnection::new(config, name).map_err(|_| {
                    self.fail(ERR_R_INTERNAL_ERROR, Origin::Handshake);
                    Last::Ssl
                })?;
                io.tls = Some(conn.into());
                io.store = Some(store);
            }
            Role::Server => {
                // Tickets, cached sessions and the count of handshakes
                // started are the original context's, also after
                // SSL_set_SSL_CTX (OpenSSL's session_ctx); see
                // `move_accept_count` for the count.
                let session_ctx = self.session_ctx();
                session_ctx.sessions.stats().accept.inc();
                if ctx.config.alpn_select().is_some() {
                    // The configuration waits for the client's protocols.
                    io.accepting = Some(Box::default());
                } else {
                    let extra = self.server_extra(&ctx, extra);
                    let config = session_ctx
                        .server_config(&settings, &extra)
                        .ok_or_else(|| {
                            self.fail(SSL_R_NO_PROTOCOLS_AVAILABLE, Origin::Handshake);
                            Last::Ssl
                        })?;
                    let conn = ServerConnection::new(config).map_err(|_| {
                        self.fail(ERR_R_INTERNAL_ERROR, Origin::Handshake);
                        Last::Ssl
                    })?;
                    io.tls = Some(conn.into());
                }
            }
            Role::Any => return Err(Last::Ssl),
        }
        io.head = Head::default();
        io.write_taken = 0;
        self.meta().phase = Phase::Handshaking;
        Ok(())
    }

    /// The key log of a connection whose context has a key-log callback.
    fn key_log(&self, ctx: &SslCtx) -> Option<Arc<dyn rustls::KeyLog>> {
        if !ctx.config.keylog() {
            return None;
        }
        let me = self.me.clone();
        Some(Arc::new(KeyLines(Arc::new(move |line| {
            if let Some(conn) = me.upgrade() {
                conn.extra().observed.push(Event::KeyLog(line));
            }
        }))))
    }

    /// A server connection's additions: the CA names to request (its own
    /// list, else its context's).
    fn server_extra(&self, ctx: &SslCtx, mut extra: ConnConfig) -> ConnConfig {
        let names = self
            .extra()
            .ca_names
            .clone()
            .unwrap_or_else(|| ctx.config.ca_names());
        extra.ca_names = names
            .into_iter()
            .map(rustls::DistinguishedName::from)
            .collect();
        extra
    }

    /// A server with an ALPN callback: reads the ClientHello, asks the
    /// callback, and makes the rustls connection that selects its answer
    /// (none for `SSL_TLSEXT_ERR_NOACK`; a fatal no_application_protocol
    /// alert otherwise). `None` once the connection exists.
    fn accept_hello(&self, io: &mut Io) -> Option<Drive> {
        let acceptor = io.accepting.as_mut()?;
        let ignore_eof = self.ignores_eof();
        let mut link = self.link(&mut io.head);
        let accepted = loop {
            match acceptor.accept() {
                Ok(Some(a)) => break a,
                Ok(None) => {}
                Err((e, mut alert)) => {
                    self.note_failure(&e, false, link.head());
                    let _ = alert.write_all(&mut link);
                    let _ = link.flush_flight();
                    self.extra().observed.error_alert(&e, true);
                    return Some(Drive::Failed(Last::Ssl));
                }
            }
            let got = acceptor.read_tls(&mut link);
            match self.transport_read(got, ignore_eof) {
                Ok(()) => {}
                Err(Last::WantRead) => return Some(Drive::Want(Last::WantRead)),
                Err(last) => return Some(Drive::Failed(last)),
            }
            self.note_hello(&link);
        };
        io.accepting = None;
        let (ctx, settings) = {
            let m = self.meta();
            (m.ctx.clone(), m.settings.clone())
        };
        let offered: Option<Vec<Vec<u8>>> = accepted
            .client_hello()
            .alpn()
            .map(|names| names.map(<[u8]>::to_vec).collect());
        let mut extra = ConnConfig {
            key_log: self.key_log(&ctx),
            ..ConnConfig::default()
        };
        if let (Some(offered), Some(select), Some(me)) =
            (offered, ctx.config.alpn_select(), self.me.upgrade())
        {
            let wire = super::config::alpn::encode(offered.iter().map(Vec::as_slice));
            extra.alpn_server = match select(&me, &wire) {
                super::config::alpn::Verdict::Select(p) => vec![p],
                super::config::alpn::Verdict::NoAck => Vec::new(),
                super::config::alpn::Verdict::Fatal => {
                    vec![super::config::alpn::absent_from(&offered)]
                }
            };
        }
        let extra = self.server_extra(&ctx, extra);
        let Some(config) = self.session_ctx().server_config(&settings, &extra) else {
            self.fail(SSL_R_NO_PROTOCOLS_AVAILABLE, Origin::Handshake);
            return Some(Drive::Failed(Last::Ssl));
        };
        match accepted.into_connection(config) {
            Ok(conn) => {
                io.tls = Some(conn.into());
                None
            }
            Err((e, mut alert)) => {
                self.note_failure(&e, false, link.head());
                let _ = alert.write_all(&mut link);
                let _ = link.flush_flight();
                self.extra().observed.error_alert(&e, true);
                Some(Drive::Failed(Last::Ssl))
            }
        }
    }

    /// Writes what rustls has queued, then flushes the flight.
    fn send_flight(tls: &mut Connection, link: &mut Link<'_>) -> Result<(), Last> {
        while tls.wants_write() {
            match tls.write_tls(link) {
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Err(Last::WantWrite),
                Err(_) => return Err(Last::Syscall),
            }
        }
        match link.flush_flight() {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::WouldBlock => Err(Last::WantWrite),
            Err(_) => Err(Last::Syscall),
        }
    }

    /// What a read from the transport that brought nothing means: `Ok`
    /// for data, else how the operation ends. An EOF is OpenSSL's
    /// "unexpected eof while reading" (with SSL_OP_IGNORE_UNEXPECTED_EOF a
    /// close); a read without an endpoint is "read bio not set" on a
    /// server; other failures are system errors.
    fn transport_read(&self, got: std::io::Result<usize>, ignore_eof: bool) -> Result<(), Last> {
        match got {
            Ok(0) if ignore_eof => {
                self.closed();
                Err(Last::ZeroReturn)
            }
            Ok(0) => {
                self.fail(SSL_R_UNEXPECTED_EOF_WHILE_READING, Origin::Record);
                Err(Last::Ssl)
            }
            Ok(_) => Ok(()),
            Err(e) if e.kind() == ErrorKind::WouldBlock => Err(Last::WantRead),
            Err(e) if e.kind() == NO_ENDPOINT && self.is_server() => {
                self.fail(SSL_R_READ_BIO_NOT_SET, Origin::Record);
                Err(Last::Ssl)
            }
            Err(_) => Err(Last::Syscall),
        }
    }

    /// Runs the handshake as far as the transport allows.
    fn drive_handshake(&self, io: &mut Io) -> Drive {
        let _current = Current::enter(&self.scratch);
        if let Some(d) = self.accept_hello(io) {
            return d;
        }
        let ignore_eof = self.ignores_eof();
        // The protocol version and id context of the session a client offers.
        let offered = io.store.as_ref().and_then(|st| st.offered()).map(|o| {
            let d = o.lock();
            (d.version, d.id_context.clone())
        });
        let Some(tls) = io.tls.as_mut() else {
            return Drive::Failed(Last::Ssl);
        };
        let mut link = self.link(&mut io.head);
        loop {
            match Self::send_flight(tls, &mut link) {
                Ok(()) => {}
                Err(Last::WantWrite) => return Drive::Want(Last::WantWrite),
                Err(last) => return Drive::Failed(last),
            }
            if !tls.is_handshaking() {
                return Drive::Done;
            }
            let got = tls.read_tls(&mut link);
            match self.transport_read(got, ignore_eof) {
                Ok(()) => {}
                Err(Last::WantRead) => return Drive::Want(Last::WantRead),
                Err(last) => return Drive::Failed(last),
            }
            self.note_negotiated(tls);
            if matches!(tls, Connection::Server(_)) {
                self.note_hello(&link);
            }
            let was_resumed = tls.handshake_kind() == Some(HandshakeKind::Resumed);
            let processed = tls.process_new_packets();
            if let Some(alert) = self.server_hello_checks(tls, was_resumed) {
                // Sent instead of rustls's answer, which is dropped.
                let _ = std::io::Write::write(&mut link, &alert);
                self.extra().observed.sent_fatal(alert[6]);
                return Drive::Failed(Last::Ssl);
            }
            if let Err(e) = processed {
                let client = matches!(tls, Connection::Client(_));
                if client {
                    // OpenSSL's client has its cipher from the ServerHello
                    // on, also when a later message fails the handshake.
                    if let Some(suite) = tls.negotiated_cipher_suite() {
                        self.meta().cipher = u16::from(suite.suite());
                    }
                }
                if let Some(alert) = reason::alert_instead(&e) {
                    // OpenSSL's alert instead of rustls's, which is dropped.
                    self.note_failure(&e, client, link.head());
                    let _ = std::io::Write::write(&mut link, &fatal_alert(alert));
                } else if self.note_failure(&e, client, link.head()) {
                    // Send the alert if possible; the connection is dead.
                    let _ = Self::send_flight(tls, &mut link);
                }
                self.extra().observed.error_alert(&e, !client);
                return Drive::Failed(Last::Ssl);
            }
            if let Some(alert) = self.client_servername_callback(tls) {
                let _ = std::io::Write::write(&mut link, &alert);
                self.extra().observed.sent_fatal(alert[6]);
                return Drive::Failed(Last::Ssl);
            }
            if let Some(alert) = self.client_resumption_checks(tls, offered.as_ref()) {
                // Instead of the client's Finished, which is not sent.
                let _ = std::io::Write::write(&mut link, &alert);
                self.extra().observed.sent_fatal(alert[6]);
                return Drive::Failed(Last::Ssl);
            }
        }
    }

    /// A server's checks once rustls has read a ClientHello: a fatal error
    /// found while looking the session up (OpenSSL's ssl_get_prev_session),
    /// and the resumption rustls chose (refused, or counted in `hits` as
    /// OpenSSL counts it, before the handshake completes). The alert record
    /// to send, if the handshake fails.
    fn server_hello_checks(&self, tls: &Connection, was_resumed: bool) -> Option<[u8; 7]> {
        if !matches!(tls, Connection::Server(_)) {
            return None;
        }
        let newly_resumed = !was_resumed && tls.handshake_kind() == Some(HandshakeKind::Resumed);
        let (refused, servername_done) = {
            let mut s = scratch::lock(&self.scratch);
            if let Some(description) = s.fatal_alert.take() {
                // A session found where the server verifies clients without
                // an id context, unless a callback's failure says otherwise.
                let reason = s
                    .fatal_reason
                    .take()
                    .unwrap_or(SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED);
                drop(s);
                self.fail(reason, Origin::Handshake);
                return Some(fatal_alert(description));
            }
            (
                newly_resumed && s.refuse_resumption,
                std::mem::take(&mut s.servername_done),
            )
        };
        if servername_done {
            self.move_accept_count();
        }
        if refused {
            self.fail(SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED, Origin::Handshake);
            return Some(fatal_alert(resumption::INTERNAL_ERROR));
        }
        if newly_resumed {
            self.session_ctx().sessions.stats().hits.inc();
        }
        None
    }

    /// OpenSSL's client checks of a resumption: the server must resume the
    /// offered session's protocol version (else a protocol_version alert)
    /// and the session must have the connection's id context (else an
    /// illegal_parameter alert). The alert record to send, if one fails.
    /// OpenSSL's client runs the servername callback too, once the
    /// server's extensions are in (whether or not it sent a name), before
    /// the server's certificate is checked: the verifier runs it, and so
    /// does the handshake for a resumption (no certificate). A fatal answer
    /// fails the handshake with the callback's alert. The alert record to
    /// send, if it does.
    fn client_servername_callback(&self, tls: &Connection) -> Option<[u8; 7]> {
        if !matches!(tls, Connection::Client(_)) || tls.handshake_kind().is_none() {
            return None;
        }
        let alert = self.client_servername_once().err()?;
        self.fail(SSL_R_CALLBACK_FAILED, Origin::Handshake);
        Some(fatal_alert(alert))
    }

    /// Client: runs the servername callback unless it ran in this
    /// handshake; the alert if it asked for a fatal one.
    pub(super) fn client_servername_once(&self) -> Result<(), u8> {
        let conn = {
            let mut s = scratch::lock(&self.scratch);
            if std::mem::replace(&mut s.client_servername_ran, true) {
                return Ok(());
            }
            match s.conn.upgrade() {
                Some(c) => c,
                None => return Ok(()),
            }
        };
        conn.ctx().config.run_servername_callback(&conn)
    }

    fn client_resumption_checks(
        &self,
        tls: &Connection,
        offered: Option<&(u16, Vec<u8>)>,
    ) -> Option<[u8; 7]> {
        let (version, id_context) = offered?;
        if tls.handshake_kind() != Some(HandshakeKind::Resumed) {
            return None;
        }
        if tls.protocol_version().map(u16::from) != Some(*version) {
            self.fail(SSL_R_SSL_SESSION_VERSION_MISMATCH, Origin::Handshake);
            return Some(PROTOCOL_VERSION_ALERT);
        }
        let may =
            resumption::client_may_resume(id_context, &scratch::lock(&self.scratch).id_context);
        if !may {
            self.fail(
                SSL_R_ATTEMPT_TO_REUSE_SESSION_IN_DIFFERENT_CONTEXT,
                Origin::Handshake,
            );
            return Some(fatal_alert(resumption::ILLEGAL_PARAMETER));
        }
        None
    }

    /// Keeps OpenSSL's reason for a failure rustls detected: the one a
    /// callback set (a failed verification), or the one of rustls's error
    /// (`first`: the first record's header). A fatal alert from the peer
    /// also counts as its close. Whether rustls's alert is to be sent.
    fn note_failure(&self, error: &rustls::Error, client: bool, first: Option<&[u8; 5]>) -> bool {
        let decided = scratch::lock(&self.scratch).failure.take();
        let (reason, origin, alert) = match decided {
            Some(reason) => (reason, Origin::PeerCertificate, None),
            None => reason::of_rustls(error, first),
        };
        let mut m = self.meta();
        if alert.is_some() {
            m.shutdown |= RECEIVED_SHUTDOWN;
        }
        m.failures.push(Failure {
            reason,
            origin,
            client,
            alert,
        });
        reason::sends_alert(error, first)
    }

    /// Server: whether the ClientHello offers tickets, once its record
    /// is in (rustls does not say; see `Storage::can_cache`).
    fn note_hello(&self, link: &Link<'_>) {
        let mut s = scratch::lock(&self.scratch);
        if s.client_offers_ticket.is_none() {
            s.client_offers_ticket = link.first_record().and_then(hello_offers_ticket);
        }
    }

    /// Tells the shared callbacks what was negotiated so far.
    fn note_negotiated(&self, tls: &Connection) {
        let mut s = scratch::lock(&self.scratch);
        s.version = tls.protocol_version().map_or(0, u16::from);
        s.cipher = tls
            .negotiated_cipher_suite()
            .map_or(0, |c| u16::from(c.suite()));
    }

    /// SSL_do_handshake (and SSL_connect/SSL_accept once the role is set):
    /// 1 when done, -1 otherwise (see SSL_get_error).
    pub fn handshake(&self) -> i32 {
        self.run_handshake(SSL_R_CONNECTION_TYPE_NOT_SET)
    }

    /// The handshake; `no_role` is the reason when no role is set yet.
    fn run_handshake(&self, no_role: i32) -> i32 {
        let Ok(mut io) = self.io.try_lock() else {
            // Called from a callback of this connection's own I/O.
            self.set_last(Last::Syscall);
            return -1;
        };
        let (phase, role_set) = {
            let mut m = self.meta();
            m.last = Last::Ok;
            (m.phase, m.role.is_some())
        };
        match phase {
            Phase::Done => return 1,
            // OpenSSL's state machine refuses to run again after a fatal
            // error, adding nothing to the queue.
            Phase::Failed => {
                drop(io);
                self.set_last(Last::Syscall);
                return -1;
            }
            // A later SSL_connect or SSL_accept works.
            Phase::Before if !role_set => {
                drop(io);
                return self.refuse(no_role, Origin::State);
            }
            Phase::Before => {
                clear_errno();
                if let Err(last) = self.start(&mut io) {
                    drop(io);
                    let mut m = self.meta();
                    m.phase = Phase::Failed;
                    m.last = last;
                    return -1;
                }
            }
            Phase::Handshaking => clear_errno(),
        }
        let outcome = self.drive_handshake(&mut io);
        let finished = match outcome {
            Drive::Done => {
                {
                    // In SSL_in_init until the callbacks of the end ran.
                    let mut m = self.meta();
                    m.phase = Phase::Done;
                    m.in_callbacks += 1;
                }
                io.head.read_exactly();
                let tls = io.tls.as_ref().expect("handshake done");
                {
                    let mut x = self.extra();
                    x.observed.alpn = tls.alpn_protocol().map(<[u8]>::to_vec);
                    x.observed.group = tls
                        .negotiated_key_exchange_group()
                        .map(|g| u16::from(g.name()));
                    x.observed.push(Event::HandshakeDone);
                }
                let client = matches!(tls, Connection::Client(_));
                let resumed = tls.handshake_kind() == Some(HandshakeKind::Resumed);
                // A server that asked for a certificate and got none keeps
                // an empty chain, as OpenSSL does.
                let asked = !client && !resumed && self.verify_mode() & SSL_VERIFY_PEER != 0;
                Some(Finished {
                    client,
                    resumed,
                    chain_unknown: !client
                        && resumed
                        && scratch::lock(&self.scratch).resumed_by_ticket,
                    version: tls.protocol_version().map_or(0, u16::from),
                    cipher: tls
                        .negotiated_cipher_suite()
                        .map_or(0, |c| u16::from(c.suite())),
                    peer: tls
                        .peer_certificates()
                        .and_then(|c| c.first())
                        .map(|c| c.to_vec()),
                    peer_chain: tls
                        .peer_certificates()
                        .map(|c| c.iter().map(|d| d.to_vec()).collect())
                        .or_else(|| asked.then(|| Arc::from(Vec::new()))),
                })
            }
            Drive::Want(_) => None,
            Drive::Failed(_) => {
                self.meta().phase = Phase::Failed;
                None
            }
        };
        // A client's fatal alert, sent or received, before the server chose
        // a full handshake: the offered session is still the connection's,
        // and OpenSSL removes it from the cache.
        let offer_lost = matches!(outcome, Drive::Failed(Last::Ssl))
            && io.tls.as_ref().is_some_and(|t| {
                matches!(t, Connection::Client(_))
                    && matches!(t.handshake_kind(), None | Some(HandshakeKind::Resumed))
            });
        // Likewise a server's, after it chose to resume a cached session.
        let resumption_lost = matches!(outcome, Drive::Failed(Last::Ssl))
            && io.tls.as_ref().is_some_and(|t| {
                matches!(t, Connection::Server(_))
                    && t.handshake_kind() == Some(HandshakeKind::Resumed)
            });
        let store = io.store.clone();
        drop(io);
        let lost = if offer_lost {
            store.as_ref().and_then(|st| st.offered())
        } else if resumption_lost {
            scratch::lock(&self.scratch).resumed.take()
        } else {
            None
        };
        if let Some(session) = lost {
            let ctx = self.session_ctx();
            ctx.sessions.remove(&ctx, &session);
        }
        match (outcome, finished) {
            (Drive::Done, Some(f)) => {
                self.finish(f, store.as_deref());
                self.after_io();
                {
                    let mut m = self.meta();
                    m.in_callbacks -= 1;
                    m.last = Last::Ok;
                }
                self.extra().observed.push(Event::Exit(1));
                1
            }
            (Drive::Want(last), _) | (Drive::Failed(last), _) => {
                self.after_io();
                self.set_last(last);
                self.extra().observed.push(Event::Exit(-1));
                -1
            }
            (Drive::Done, None) => unreachable!("a finished handshake has a record"),
        }
    }

    /// OpenSSL's end-of-handshake bookkeeping: the connection's session,
    /// statistics, and (ssl_update_cache) caching with the callbacks.
    fn finish(&self, f: Finished, store: Option<&ConnStore>) {
        let (session_ctx, ctx) = {
            let m = self.meta();
            (m.session_ctx.clone(), m.ctx.clone())
        };
        let (verified, peer_verify_result) = {
            let mut s = scratch::lock(&self.scratch);
            let result = s.peer_verify_result();
            (s.verified.take(), result)
        };
        let stats = session_ctx.sessions.stats();
        // Server sessions to cache, once the connection shows the outcome.
        let mut to_cache = Vec::new();
        let session = if f.client {
            let offered = store.and_then(ConnStore::offered);
            if f.resumed {
                stats.hits.inc();
            } else if offered.is_some() {
                stats.misses.inc();
            }
            let session = match offered.filter(|_| f.resumed) {
                Some(s) => s,
                None => {
                    let s = ctx.new_client_session(f.version, f.cipher, f.peer.clone());
                    {
                        let mut d = s.lock();
                        d.hostname = self
                            .meta()
                            .servername
                            .as_ref()
                            .map(|n| n.to_bytes().to_vec());
                        d.id_context = self.meta().id_context.clone();
                        d.alpn = self.extra().observed.alpn.clone();
                        if let Some(v) = &verified {
                            d.verify_result = v.result;
                        }
                    }
                    s
                }
            };
            if let Some(st) = store {
                st.bind(session.clone());
            }
            // A new TLS 1.2 session is named as OpenSSL's client names it:
            // by the server's session id, or the SHA-256 of its ticket.
            if f.version != TLS1_3 && !f.resumed {
                if let Some(v) = session.tls12_offer() {
                    let h = Hidden::of_tls12(&v);
                    let mut d = session.lock();
                    d.set_id(&h.openssl_id());
                    if !h.ticket.is_empty() {
                        d.ticket_lifetime_hint = h.lifetime;
                    }
                    d.ticket = h.ticket;
                }
            }
            session
        } else {
            // `hits` was counted when rustls chose to resume.
            let (resumed_session, created, id_context) = {
                let mut s = scratch::lock(&self.scratch);
                (
                    s.resumed.take(),
                    std::mem::take(&mut s.created),
                    s.id_context.clone(),
                )
            };
            // OpenSSL's server session: the last ticket's (TLS 1.3), else
            // the resumed one, else a new one. A TLS 1.2 session resumed by
            // ticket carries the id the client sent, which rustls does not
            // show: a random one stands for it.
            let resumed_session = resumed_session.filter(|_| f.resumed);
            let session = match (created.last(), resumed_session) {
                (Some(s), _) if f.version == TLS1_3 => s.clone(),
                (_, Some(s)) => s,
                (Some(s), None) => s.clone(),
                (None, None) => {
                    let id = if f.resumed {
                        crate::tls::session::random_id()
                    } else {
                        Vec::new()
                    };
                    // Made as the sessions of tickets and of the cache: with
                    // the id context the handshake began with (OpenSSL makes
                    // the session before the servername callback) and the
                    // original context's timeout.
                    let s = session_ctx.new_server_session(
                        f.version,
                        f.cipher,
                        id,
                        &id_context,
                        peer_verify_result,
                    );
                    // A TLS 1.2 ticket's session: rustls's state (its
                    // master key).
                    if let Some(state) = scratch::lock(&self.scratch).ticket_state.take() {
                        s.lock().resumption = Resumption::Server(state);
                    }
                    s
                }
            };
            // The protocol selected now, for sessions that lack one (a
            // resumed session's ticket does not carry it).
            let alpn = self.extra().observed.alpn.clone();
            for s in created.iter().chain(std::iter::once(&session)) {
                let mut d = s.lock();
                if d.alpn.is_none() {
                    d.alpn.clone_from(&alpn);
                }
            }
            // TLS 1.3: each ticket's session (OpenSSL caches them as it
            // sends them); TLS 1.2: the connection's session, resumed or not
            // (the automatic flush is checked on every handshake).
            if f.version == TLS1_3 {
                to_cache = created;
            } else {
                to_cache.push(session.clone());
            }
            session
        };
        {
            let mut m = self.meta();
            m.hit = f.resumed;
            m.version = f.version;
            m.cipher = f.cipher;
            m.session = Some(session.clone());
            m.peer_chain = f.peer_chain.clone();
            m.peer_chain_unknown = f.chain_unknown;
            if let Some(v) = verified {
                m.verify_result = v.result;
            } else if f.resumed {
                m.verify_result = session.lock().verify_result;
            }
        }
        for s in &to_cache {
            self.update_cache(s, false, f.resumed, f.version);
        }
        if f.client {
            if f.version != TLS1_3 {
                self.update_cache(&session, true, f.resumed, f.version);
            } else if session_ctx.sessions.mode() & MODE_CLIENT != 0 {
                // TLS 1.3 tickets are single use: the resumed session goes.
                session_ctx.sessions.remove(&session_ctx, &session);
            }
        }
        // Counted after caching, as OpenSSL does: its automatic flush runs
        // when the count *before* this handshake ends in 0xff. A server's
        // count is its current context's.
        if f.client {
            stats.connect_good.inc();
        } else {
            ctx.sessions.stats().accept_good.inc();
        }
    }

    /// OpenSSL's ssl_update_cache for a new session of this connection.
    fn update_cache(&self, session: &Arc<TlsSession>, client: bool, hit: bool, version: u16) {
        let Some(me) = self.me.upgrade() else { return };
        let (session_ctx, hs) = {
            let m = self.meta();
            let hs = Handshake {
                server: !client,
                tls13: version == TLS1_3,
                resumed: hit,
                verify_peer: m.settings.verify_mode() & SSL_VERIFY_PEER != 0,
                stateful_tickets: m.settings.options() & SSL_OP_NO_TICKET != 0,
            };
            (m.session_ctx.clone(), hs)
        };
        session_ctx
            .sessions
            .update_cache(&session_ctx, &me, session, &hs);
    }

    /// Work queued by rustls's callbacks during the last I/O: client TLS 1.3
    /// tickets become sessions (each cached and announced as OpenSSL does).
    fn after_io(&self) {
        let tickets = std::mem::take(&mut scratch::lock(&self.scratch).tickets);
        if tickets.is_empty() {
            return;
        }
        // OpenSSL processes tickets in its state machine: SSL_in_init
        // says 1 meanwhile.
        self.meta().in_callbacks += 1;
        for ticket in tickets {
            let Some(current) = self.session() else {
                continue;
            };
            let next = current.successor();
            let h = Hidden::of_tls13(&ticket);
            {
                let mut d = next.lock();
                d.set_id(&h.openssl_id());
                d.ticket_lifetime_hint = h.lifetime;
                d.ticket = h.ticket;
            }
            next.add_tls13_ticket(ticket);
            self.meta().session = Some(next.clone());
            self.update_cache(&next, true, false, TLS1_3);
        }
        self.meta().in_callbacks -= 1;
    }

    // ---- application data ---------------------------------------------------

    /// Runs the handshake first if needed; Err(ret) is the value to return.
    fn ensure_handshake(&self) -> Result<(), i32> {
        if self.meta().phase == Phase::Done {
            return Ok(());
        }
        match self.run_handshake(SSL_R_UNINITIALIZED) {
            1 => Ok(()),
            r => Err(r),
        }
    }

    /// SSL_OP_IGNORE_UNEXPECTED_EOF: a peer closing without close_notify
    /// counts as a clean close.
    fn ignores_eof(&self) -> bool {
        self.settings(|s| s.options() & SSL_OP_IGNORE_UNEXPECTED_EOF != 0)
    }

    /// The peer closed cleanly.
    fn closed(&self) {
        let mut m = self.meta();
        m.shutdown |= RECEIVED_SHUTDOWN;
        m.closed_cleanly = true;
    }

    /// SSL_read / SSL_peek: bytes read (> 0), or <= 0 (see SSL_get_error).
    /// A zero-length read waits for data like any other. A read returns
    /// data of one record at most, as OpenSSL's.
    pub fn read(&self, buf: &mut [u8], peek: bool) -> i32 {
        {
            let mut m = self.meta();
            if m.role.is_none() {
                drop(m);
                return self.refuse(SSL_R_UNINITIALIZED, Origin::State);
            }
            if m.shutdown & RECEIVED_SHUTDOWN != 0 {
                // OpenSSL reads nothing once the peer closed (or sent a
                // fatal alert).
                m.last = if m.closed_cleanly {
                    Last::ZeroReturn
                } else {
                    Last::Syscall
                };
                return 0;
            }
        }
        if let Err(r) = self.ensure_handshake() {
            return r;
        }
        let ignore_eof = self.ignores_eof();
        let Ok(mut io) = self.io.try_lock() else {
            self.set_last(Last::Syscall);
            return -1;
        };
        self.set_last(Last::Ok);
        clear_errno();
        let result = self.read_locked(&mut io, buf, peek, ignore_eof);
        drop(io);
        self.after_io();
        if result.is_err() && self.meta().phase == Phase::Failed {
            self.fatal_error();
        }
        match result {
            Ok(n) => {
                self.set_last(Last::Ok);
                n as i32
            }
            Err((last, ret)) => {
                self.set_last(last);
                ret
            }
        }
    }

    /// Reads application data; `Err((last, ret))` otherwise. A fatal error
    /// (bad record, EOF without close_notify) leaves the phase `Failed`.
    fn read_locked(
        &self,
        io: &mut Io,
        buf: &mut [u8],
        peek: bool,
        ignore_eof: bool,
    ) -> Result<usize, (Last, i32)> {
        let _current = Current::enter(&self.scratch);
        let Some(tls) = io.tls.as_mut() else {
            return Err((Last::Syscall, -1));
        };
        let mut link = self.link(&mut io.head);
        loop {
            // Some(n): n bytes; None: the peer's close_notify.
            let got = read_plaintext(tls, buf, peek);
            match got {
                Ok(Some(n)) => return Ok(n),
                Ok(None) => {
                    if self.meta().shutdown & RECEIVED_SHUTDOWN == 0 {
                        self.extra().observed.push(Event::Alert {
                            sent: false,
                            level: 1,
                            desc: 0,
                        });
                    }
                    self.closed();
                    return Err((Last::ZeroReturn, 0));
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == ErrorKind::UnexpectedEof && ignore_eof => {
                    self.closed();
                    return Err((Last::ZeroReturn, 0));
                }
                Err(_) => {
                    // The transport's EOF without close_notify.
                    self.fail(SSL_R_UNEXPECTED_EOF_WHILE_READING, Origin::Record);
                    let unsent = !link.alert_would_go();
                    let mut m = self.meta();
                    m.phase = Phase::Failed;
                    m.alert_unsent = unsent;
                    return Err((Last::Ssl, 0));
                }
            }
            match Self::send_flight(tls, &mut link) {
                Ok(()) => {}
                Err(last) => return Err((last, -1)),
            }
            match tls.read_tls(&mut link) {
                // rustls notes the EOF: the plaintext reader reports it.
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Err((Last::WantRead, -1)),
                // A channel's read that got nothing and is no EOF: 0, as
                // OpenSSL returns what its BIO returned.
                Err(e) if e.kind() == NOT_EOF => return Err((Last::Syscall, 0)),
                Err(_) => return Err((Last::Syscall, -1)),
            }
            let tickets_before = scratch::lock(&self.scratch).tickets.len();
            if let Err(e) = tls.process_new_packets() {
                let client = matches!(tls, Connection::Client(_));
                self.extra().observed.error_alert(&e, !client);
                if self.note_failure(&e, client, link.head()) {
                    // Send the alert if possible; the connection is dead.
                    let _ = Self::send_flight(tls, &mut link);
                }
                self.meta().phase = Phase::Failed;
                // A fatal alert from the peer ends the read as a close.
                let ret = if matches!(e, rustls::Error::AlertReceived(_)) {
                    0
                } else {
                    -1
                };
                return Err((Last::Ssl, ret));
            }
            // Without SSL_MODE_AUTO_RETRY OpenSSL's read returns after a
            // post-handshake message (a TLS 1.3 ticket) that brought no
            // data, as if it would block, so that a program waiting in
            // select(2) is not stuck in the read.
            let ticket_came = scratch::lock(&self.scratch).tickets.len() > tickets_before;
            if ticket_came
                && !self.auto_retry()
                && tls
                    .process_new_packets()
                    .is_ok_and(|st| st.plaintext_bytes_to_read() == 0)
            {
                link.set_retry_read();
                return Err((Last::WantRead, -1));
            }
        }
    }

    fn auto_retry(&self) -> bool {
        self.meta().settings.mode() & SSL_MODE_AUTO_RETRY != 0
    }

    /// A fatal alert was sent or received after the handshake: as in
    /// OpenSSL, the session can no longer be resumed.
    fn fatal_error(&self) {
        let (ctx, session) = {
            let m = self.meta();
            (m.session_ctx.clone(), m.session.clone())
        };
        if let Some(s) = session {
            ctx.sessions.remove(&ctx, &s);
        }
    }

    /// SSL_write: all of `buf` (> 0), or <= 0 (see SSL_get_error).
    pub fn write(&self, buf: &[u8]) -> i32 {
        {
            let m = self.meta();
            let refused = if m.role.is_none() {
                Some(SSL_R_UNINITIALIZED)
            } else if m.shutdown & SENT_SHUTDOWN != 0 {
                Some(SSL_R_PROTOCOL_IS_SHUTDOWN)
            } else if m.alert_unsent && buf.len() < 2 {
                Some(SSL_R_BAD_LENGTH)
            } else {
                None
            };
            if let Some(reason) = refused {
                drop(m);
                return self.refuse(reason, Origin::Write);
            }
        }
        if let Err(r) = self.ensure_handshake() {
            return r;
        }
        let Ok(mut io) = self.io.try_lock() else {
            self.set_last(Last::Syscall);
            return -1;
        };
        self.set_last(Last::Ok);
        clear_errno();
        let io = &mut *io;
        let Some(tls) = io.tls.as_mut() else {
            self.set_last(Last::Syscall);
            return -1;
        };
        let mut link = self.link(&mut io.head);
        let mut rest = &buf[io.write_taken.min(buf.len())..];
        let mut result = Ok(());
        while result.is_ok() {
            if !rest.is_empty() {
                match std::io::Write::write(&mut tls.writer(), rest) {
                    Ok(n) => rest = &rest[n..],
                    Err(_) => result = Err(Last::Syscall),
                }
            }
            while result.is_ok() && tls.wants_write() {
                match tls.write_tls(&mut link) {
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::WouldBlock => result = Err(Last::WantWrite),
                    Err(_) => result = Err(Last::Syscall),
                }
            }
            if rest.is_empty() {
                break;
            }
        }
        drop(link);
        // As OpenSSL's: all of `buf` is sent before the call succeeds; one
        // that would block returns -1 and its retry goes on.
        io.write_taken = match result {
            Err(Last::WantWrite) => buf.len() - rest.len(),
            _ => 0,
        };
        match result {
            Ok(()) => {
                self.set_last(Last::Ok);
                buf.len() as i32
            }
            Err(last) => {
                self.set_last(last);
                -1
            }
        }
    }

    /// Plaintext bytes decrypted and waiting (SSL_pending); 0 while the
    /// connection does I/O.
    pub fn pending(&self) -> usize {
        let Ok(mut io) = self.io.try_lock() else {
            return 0;
        };
        let Some(tls) = io.tls.as_mut() else { return 0 };
        tls.process_new_packets()
            .map_or(0, |st| st.plaintext_bytes_to_read())
    }

    /// Data waiting, decrypted or not (SSL_has_pending). A close_notify
    /// rustls took in with the last data counts: OpenSSL reads a record at
    /// a time and would still have it on the transport, where select(2)
    /// finds it; here only a read reports it.
    pub fn has_pending(&self) -> bool {
        let closed_unread = self.meta().shutdown & RECEIVED_SHUTDOWN == 0;
        let Ok(mut io) = self.io.try_lock() else {
            return false;
        };
        let Some(tls) = io.tls.as_mut() else {
            return false;
        };
        tls.process_new_packets().is_ok_and(|st| {
            st.plaintext_bytes_to_read() > 0 || (st.peer_has_closed() && closed_unread)
        })
    }

    // ---- shutdown ------------------------------------------------------------

    /// SSL_shutdown: sends close_notify (0), then waits for the peer's (1);
    /// -1 when the transport would block or fails, or the connection is
    /// not (or no longer) established (see SSL_get_error).
    pub fn shutdown(&self) -> i32 {
        let ignore_eof = self.ignores_eof();
        let Ok(mut io) = self.io.try_lock() else {
            self.set_last(Last::Syscall);
            return -1;
        };
        let (phase, role, shutdown) = {
            let mut m = self.meta();
            m.last = Last::Ok;
            (m.phase, m.role, m.shutdown)
        };
        if phase != Phase::Done {
            drop(io);
            // A new connection's, or one whose handshake has not completed
            // (or failed: OpenSSL's state machine is then in its error
            // state, which counts as in the handshake).
            let reason = if role.is_none() {
                SSL_R_UNINITIALIZED
            } else {
                SSL_R_SHUTDOWN_WHILE_IN_INIT
            };
            return self.refuse(reason, Origin::Shutdown);
        }
        if self.settings(Settings::quiet_shutdown) {
            // SSL_set_quiet_shutdown: nothing is sent or awaited.
            drop(io);
            self.meta().shutdown = SENT_SHUTDOWN | RECEIVED_SHUTDOWN;
            self.set_last(Last::Ok);
            return 1;
        }
        clear_errno();
        let first = shutdown & SENT_SHUTDOWN == 0;
        if first {
            self.meta().shutdown |= SENT_SHUTDOWN;
            if let Some(tls) = io.tls.as_mut() {
                tls.send_close_notify();
                self.extra().observed.push(Event::Alert {
                    sent: true,
                    level: 1,
                    desc: 0,
                });
            }
        }
        let mut result = Ok(());
        {
            let io = &mut *io;
            if let Some(tls) = io.tls.as_mut() {
                result = Self::send_flight(tls, &mut self.link(&mut io.head));
            }
        }
        let received = self.shutdown_state() & RECEIVED_SHUTDOWN != 0;
        if result.is_ok() && first {
            drop(io);
            // Nothing failed and nothing is wanted: OpenSSL's SSL_get_error
            // says SSL_ERROR_SYSCALL after a 0.
            self.set_last(if received { Last::Ok } else { Last::Syscall });
            return if received { 1 } else { 0 };
        }
        if result.is_ok() && !received {
            // Wait for the peer's close_notify, dropping any data before it.
            let mut sink = [0u8; 4096];
            loop {
                match self.read_locked(&mut io, &mut sink, false, ignore_eof) {
                    Ok(_) => continue,
                    Err((Last::ZeroReturn, _)) => break,
                    Err((last, _)) => {
                        result = Err(last);
                        break;
                    }
                }
            }
        }
        let received = self.shutdown_state() & RECEIVED_SHUTDOWN != 0;
        drop(io);
        self.after_io();
        match result {
            Ok(()) => {
                self.set_last(Last::Ok);
                1
            }
            // With the peer's close_notify in, OpenSSL reports a failed
            // send as SSL_ERROR_ZERO_RETURN.
            Err(Last::Syscall) if received => {
                self.set_last(Last::ZeroReturn);
                -1
            }
            Err(last) => {
                self.set_last(last);
                -1
            }
        }
    }

    /// SSL_get_error for an operation that returned `ret`, from how it
    /// ended (the error queue, which comes first, is the face's).
    /// Whether the last call ended without error (SSL_write_ex of
    /// nothing tells success from failure by it).
    pub fn last_call_ok(&self) -> bool {
        self.meta().last == Last::Ok
    }

    pub fn get_error(&self, ret: i32) -> i32 {
        if ret > 0 {
            return ERROR_NONE;
        }
        let m = self.meta();
        match m.last {
            // A call that did what it was asked but returned 0 (SSL_write of
            // no bytes): OpenSSL finds no reason and answers as for EOF.
            Last::Ok if m.shutdown & RECEIVED_SHUTDOWN != 0 => ERROR_ZERO_RETURN,
            Last::Ok => ERROR_SYSCALL,
            last => last.code(),
        }
    }
}

impl Drop for SslConn {
    /// SSL_free's last reference: the bad-session rule first.
    fn drop(&mut self) {
        self.bad_session_rule();
    }
}

/// Whether OpenSSL's client would offer a session of this version: TLS 1.0
/// to 1.3 within the bounds and not switched off (a session rustls cannot
/// resume that way then fails as OpenSSL's does, see `drive_handshake`).
fn openssl_supports(settings: &Settings, version: u16) -> bool {
    let v = i32::from(version);
    let off = match version {
        0x0301 => SSL_OP_NO_TLSv1,
        0x0302 => SSL_OP_NO_TLSv1_1,
        0x0303 => SSL_OP_NO_TLSv1_2,
        0x0304 => SSL_OP_NO_TLSv1_3,
        _ => return false,
    };
    settings.options() & off == 0
        && (settings.min_version() == 0 || v >= settings.min_version())
        && (settings.max_version() == 0 || v <= settings.max_version())
}

/// OpenSSL's client does not offer a TLS 1.3 ticket whose age (a second
/// less, as servers may count in milliseconds) exceeds its lifetime hint;
/// the age is taken modulo 2^32 as OpenSSL's `uint32_t`.
fn ticket_too_old(d: &SessionData) -> bool {
    if d.version != TLS1_3 {
        return false;
    }
    let mut age = now().wrapping_sub(d.time) as u32;
    age = age.saturating_sub(1);
    d.ticket_lifetime_hint < age
}

/// Copies decrypted data, consumed unless `peek`: `Some(n)`, or `None` at
/// the peer's close_notify; a zero-length `buf` gets `Some(0)` once data
/// is there. A read takes what all decrypted records hold (records are
/// read from the transport ahead, so leaving them would leave data the
/// transport no longer signals); a peek shows the current record.
fn read_plaintext(
    tls: &mut Connection,
    buf: &mut [u8],
    peek: bool,
) -> std::io::Result<Option<usize>> {
    let mut reader = tls.reader();
    if !peek && !buf.is_empty() {
        return match std::io::Read::read(&mut reader, buf)? {
            0 => Ok(None),
            n => Ok(Some(n)),
        };
    }
    let available = reader.fill_buf()?;
    if available.is_empty() {
        return Ok(None);
    }
    let n = available.len().min(buf.len());
    buf[..n].copy_from_slice(&available[..n]);
    Ok(Some(n))
}
