//! The rustls objects an `SSL_CTX` shares between its connections, giving
//! rustls OpenSSL's behaviour: certificate verification with OpenSSL's
//! result codes and verify modes, the server's session-id cache and stateful
//! tickets backed by the `SSL_CTX` cache (with the get-session callback), and
//! stateless tickets that count as new sessions (new-session callback) with
//! OpenSSL's ticket numbers. Each reaches its connection through
//! [`Current`]; all are created once per context so that rustls, which only
//! resumes sessions made with the same verifier and resolvers, resumes.

use std::sync::{Arc, LazyLock, Weak};

use rustls::DistinguishedName;
use rustls::SignatureScheme;
use rustls::client::ResolvesClientCert;
use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::{ClientHello, ProducesTickets, ResolvesServerCert, StoresServerSessions};
use rustls::sign::CertifiedKey;

use super::cache::resumption::{self, Verdict};
use super::cache::{DEFAULT_TIMEOUT, Expiry, MODE_SERVER};
use super::config::consts::{
    SSL_R_CALLBACK_FAILED, SSL_R_CERTIFICATE_VERIFY_FAILED, SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
    SSL_VERIFY_NONE, SSL_VERIFY_PEER,
};
use super::ctx::SslCtx;
use super::peer::{Peer, PeerCheck};
use super::scratch::{self, Current, Verified};
use super::verify_result;
use crate::tls::provider;
use crate::tls::session::{Resumption, TLS1_2, TLS1_3, now};

/// Checks the peer's chain of the connection being driven, with the
/// context's [`PeerVerifier`] or, without one, its own trust store; keeps
/// the result, and fails the handshake as OpenSSL does (on a client any
/// verify mode but none, on a server always) with OpenSSL's alert.
fn check_peer(
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    peer: Peer,
    now: UnixTime,
) -> Result<(), rustls::Error> {
    let Some(current) = Current::get() else {
        return Err(rustls::Error::General("no connection".into()));
    };
    let (mode, conn) = {
        let s = scratch::lock(&current);
        (s.verify_mode, s.conn.upgrade())
    };
    let Some(conn) = conn else {
        return Err(rustls::Error::General("connection freed".into()));
    };
    let mut chain = Vec::with_capacity(1 + intermediates.len());
    chain.push(end_entity.clone());
    chain.extend(intermediates.iter().cloned());
    // No lock is held: the verifier calls the application's callbacks.
    let ctx = conn.ctx();
    let check = match ctx.peer_verifier() {
        Some(v) => v.verify_peer(&conn, &chain, peer),
        None => {
            let result = verify_result::check(&ctx.config.trust(), &chain, now);
            PeerCheck {
                verified: result == verify_result::X509_V_OK,
                result,
            }
        }
    };
    // OpenSSL sets the result as soon as the chain is checked, also when
    // the handshake then fails.
    conn.set_verify_result(check.result);
    let abort = !check.verified && (peer == Peer::Client || mode != SSL_VERIFY_NONE);
    let mut s = scratch::lock(&current);
    s.verified = Some(Verified {
        result: check.result,
        peer: end_entity.to_vec(),
    });
    if abort {
        s.failure = Some(SSL_R_CERTIFICATE_VERIFY_FAILED);
        return Err(verify_result::rustls_error(check.result));
    }
    Ok(())
}

/// Verifies the server's chain for a client connection (OpenSSL: the
/// verify mode decides whether a failure aborts the handshake; the result
/// is kept for SSL_get_verify_result either way).
#[derive(Debug)]
pub struct Verifier {
    algorithms: WebPkiSupportedAlgorithms,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // OpenSSL's client has run the servername callback by now (on the
        // server's extensions). rustls has no alert for a callback's
        // refusal: it sends internal_error where OpenSSL says
        // unrecognized_name; the reason is OpenSSL's.
        if let Some(current) = Current::get() {
            let conn = scratch::lock(&current).conn.upgrade();
            if let Some(conn) = conn.filter(|c| c.client_servername_once().is_err()) {
                drop(conn);
                scratch::lock(&current).failure = Some(SSL_R_CALLBACK_FAILED);
                return Err(rustls::Error::General("servername callback failed".into()));
            }
        }
        check_peer(end_entity, intermediates, Peer::Server, now)?;
        Ok(ServerCertVerified::assertion())
    }

    crate::tls::handshake_signature_checks!();
}

/// A server's request for the client's certificate (`SSL_VERIFY_PEER`),
/// made for each connection with its verify mode.
#[derive(Debug)]
pub struct ClientVerifier {
    algorithms: WebPkiSupportedAlgorithms,
    /// `SSL_VERIFY_FAIL_IF_NO_PEER_CERT`: a client without a certificate
    /// fails the handshake.
    mandatory: bool,
    /// The CA names the request lists (`SSL_CTX_set_client_CA_list`).
    names: Vec<DistinguishedName>,
}

impl ClientVerifier {
    /// The verifier for a server connection with this verify mode; `None`
    /// without `SSL_VERIFY_PEER` (no certificate is asked for).
    pub fn for_mode(mode: i32, names: Vec<DistinguishedName>) -> Option<Arc<ClientVerifier>> {
        (mode & SSL_VERIFY_PEER != 0).then(|| {
            Arc::new(ClientVerifier {
                algorithms: provider::get().signature_verification_algorithms,
                mandatory: mode & SSL_VERIFY_FAIL_IF_NO_PEER_CERT != 0,
                names,
            })
        })
    }
}

impl ClientCertVerifier for ClientVerifier {
    fn offer_client_auth(&self) -> bool {
        true
    }

    fn client_auth_mandatory(&self) -> bool {
        self.mandatory
    }

    /// OpenSSL's server lists the names of `SSL_CTX_set_client_CA_list`,
    /// none by default.
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &self.names
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        check_peer(end_entity, intermediates, Peer::Client, now)?;
        Ok(ClientCertVerified::assertion())
    }

    crate::tls::handshake_signature_checks!();
}

/// The context's key pair, for clients asked for a certificate and for
/// servers; the server side also reports the client's SNI and runs the
/// servername callback first.
#[derive(Debug)]
pub struct Certs;

impl Certs {
    fn conn() -> Option<Arc<super::conn::SslConn>> {
        let current = Current::get()?;
        scratch::lock(&current).conn.upgrade()
    }
}

impl ResolvesClientCert for Certs {
    /// The connection's key pair (its own, else its context's); the CA
    /// names of the request are kept for `SSL_get_client_CA_list`.
    fn resolve(&self, hints: &[&[u8]], _schemes: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        let conn = Self::conn()?;
        conn.extra().observed.peer_ca_names = Some(hints.iter().map(|h| h.to_vec()).collect());
        conn.certified_key()
    }

    fn has_certs(&self) -> bool {
        true
    }
}

impl ResolvesServerCert for Certs {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let conn = Self::conn()?;
        conn.set_servername(hello.server_name());
        conn.extra().observed.peer_groups = hello
            .named_groups()
            .map(|g| g.iter().map(|n| u16::from(*n)).collect())
            .unwrap_or_default();
        // The callback may look at the connection or switch its context
        // (SSL_set_SSL_CTX): no lock is held, and the key comes from the
        // context the connection has afterwards.
        let answer = conn.ctx().config.run_servername_callback(&conn);
        conn.servername_done();
        if let Err(alert) = answer {
            // OpenSSL sends the alert the callback chose.
            let current = Current::get()?;
            let mut s = scratch::lock(&current);
            s.fatal_alert = Some(alert);
            s.fatal_reason = Some(SSL_R_CALLBACK_FAILED);
            return None;
        }
        conn.certified_key()
    }
}

/// Stateless session tickets (aws-lc) that also produce OpenSSL's server
/// sessions: one per TLS 1.3 ticket, handed to the cache logic and the
/// new-session callback; at most the context's number of tickets after a
/// full handshake and one after a resumption, as OpenSSL sends.
pub struct Tickets {
    ctx: Weak<SslCtx>,
    inner: Arc<dyn ProducesTickets>,
}

impl std::fmt::Debug for Tickets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tickets")
    }
}

impl ProducesTickets for Tickets {
    fn enabled(&self) -> bool {
        true
    }

    /// OpenSSL's ticket lifetime hint: the session timeout, at most a week
    /// (RFC 8446).
    fn lifetime(&self) -> u32 {
        let timeout = self
            .ctx
            .upgrade()
            .map_or(DEFAULT_TIMEOUT, |c| c.sessions.new_session_timeout());
        timeout.clamp(0, 7 * 24 * 3600) as u32
    }

    fn encrypt(&self, plain: &[u8]) -> Option<Vec<u8>> {
        let current = Current::get()?;
        {
            let mut s = scratch::lock(&current);
            if s.tickets_issued >= s.ticket_limit {
                return None;
            }
            s.tickets_issued += 1;
        }
        let timeout = self
            .ctx
            .upgrade()
            .map_or(DEFAULT_TIMEOUT, |c| c.sessions.new_session_timeout());
        let (id_context, verify_result) = {
            let s = scratch::lock(&current);
            (s.id_context.clone(), s.peer_verify_result())
        };
        let mut sealed = TicketPrefix {
            id_context,
            time: now(),
            timeout,
            verify_result,
        }
        .encode();
        sealed.extend_from_slice(plain);
        let ticket = self.inner.encrypt(&sealed)?;
        let mut s = scratch::lock(&current);
        // A TLS 1.2 ticket session has no server-side id (OpenSSL does not
        // cache it); each TLS 1.3 ticket is a session of its own. Both keep
        // rustls's state, as OpenSSL's sessions keep their master key.
        if s.version == TLS1_3 {
            if let Some(ctx) = self.ctx.upgrade() {
                let session = ctx.new_server_session(
                    TLS1_3,
                    s.cipher,
                    crate::tls::session::random_id(),
                    &s.id_context,
                    s.peer_verify_result(),
                );
                session.lock().resumption = Resumption::Server(plain.to_vec());
                s.created.push(session);
            }
        } else {
            s.ticket_state = Some(plain.to_vec());
        }
        Some(ticket)
    }

    /// OpenSSL's checks of a ticket's session (ssl_get_prev_session, see
    /// [`resumption`]): another id context is a miss, a server verifying
    /// clients without one fails the handshake, an expired session counts
    /// in `timeouts`; the ticket is used only if all pass.
    fn decrypt(&self, ticket: &[u8]) -> Option<Vec<u8>> {
        let sealed = self.inner.decrypt(ticket)?;
        let (prefix, plain) = TicketPrefix::decode(&sealed)?;
        let current = Current::get()?;
        let mut s = scratch::lock(&current);
        let server = resumption::Server {
            version: s.version,
            id_context: &s.id_context,
            verify_peer: s.verify_mode & SSL_VERIFY_PEER != 0,
        };
        // rustls checks the version of the state it sealed.
        let found = resumption::Found {
            version: server.version,
            id_context: &prefix.id_context,
            expiry: Expiry::of(prefix.time, prefix.timeout),
        };
        match server.verdict(&found, now()) {
            Verdict::Resume => {}
            Verdict::Miss => return None,
            Verdict::Uninitialized => {
                s.fatal_alert = Some(resumption::INTERNAL_ERROR);
                return None;
            }
            Verdict::Expired => {
                if let Some(conn) = s.conn.upgrade() {
                    drop(s);
                    conn.session_ctx().sessions.stats().timeouts.inc();
                }
                return None;
            }
        }
        s.resumed_by_ticket = true;
        s.resumed_verify_result = Some(prefix.verify_result);
        if s.version != TLS1_3 {
            s.ticket_state = Some(plain.to_vec());
        }
        // After a resumption OpenSSL sends one ticket.
        s.ticket_limit = s.ticket_limit.min(1);
        Some(plain.to_vec())
    }
}

/// What OpenSSL keeps in a ticket's session and rustls's ticket lacks,
/// sealed in front of rustls's state: the session id context, the
/// session's time and timeout, and the verify result of the client's
/// certificate.
pub(crate) struct TicketPrefix {
    id_context: Vec<u8>,
    time: i64,
    timeout: i64,
    verify_result: i64,
}

impl TicketPrefix {
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(25 + self.id_context.len());
        out.push(self.id_context.len() as u8);
        out.extend_from_slice(&self.id_context);
        out.extend_from_slice(&self.time.to_be_bytes());
        out.extend_from_slice(&self.timeout.to_be_bytes());
        out.extend_from_slice(&self.verify_result.to_be_bytes());
        out
    }

    pub(crate) fn decode(sealed: &[u8]) -> Option<(TicketPrefix, &[u8])> {
        let (&len, rest) = sealed.split_first()?;
        let len = usize::from(len);
        if rest.len() < len + 24 {
            return None;
        }
        let (id_context, rest) = rest.split_at(len);
        let (time, rest) = rest.split_at(8);
        let (timeout, rest) = rest.split_at(8);
        let (verify_result, plain) = rest.split_at(8);
        let prefix = TicketPrefix {
            id_context: id_context.to_vec(),
            time: i64::from_be_bytes(time.try_into().ok()?),
            timeout: i64::from_be_bytes(timeout.try_into().ok()?),
            verify_result: i64::from_be_bytes(verify_result.try_into().ok()?),
        };
        Some((prefix, plain))
    }
}

/// The server's session-id cache and stateful tickets, kept in the
/// `SSL_CTX` cache with OpenSSL's lookup rules and statistics.
#[derive(Debug)]
pub struct Storage {
    ctx: Weak<SslCtx>,
}

impl Storage {
    /// OpenSSL's lookup_sess_in_cache and the checks of ssl_get_prev_session
    /// (see [`resumption`]) for a TLS 1.2 session id or a TLS 1.3 stateful
    /// ticket. The session stays cached: without early data OpenSSL does
    /// not make stateful tickets single-use.
    fn find(&self, id: &[u8], version: u16) -> Option<Vec<u8>> {
        let current = Current::get()?;
        let (id_context, verify_peer, conn) = {
            let s = scratch::lock(&current);
            (
                s.id_context.clone(),
                s.verify_mode & SSL_VERIFY_PEER != 0,
                s.conn.upgrade()?,
            )
        };
        // The cache of the context the connection was made with.
        let ctx = conn.session_ctx();
        let session = ctx.sessions.server_lookup(&ctx, &conn, version, id)?;
        let server = resumption::Server {
            version,
            id_context: &id_context,
            verify_peer,
        };
        let (verdict, value, other_key) = {
            let d = session.lock();
            let found = resumption::Found {
                version: d.version,
                id_context: &d.id_context,
                expiry: Expiry::of(d.time, d.timeout),
            };
            let value = match &d.resumption {
                Resumption::Server(v) => Some(v.clone()),
                _ => None,
            };
            (server.verdict(&found, now()), value, d.id != id)
        };
        if version == TLS1_3 && other_key {
            // A session the get-session callback returned for another
            // ticket: OpenSSL checks the binder first, which fails unless
            // the session has the client's key. rustls checks it; the
            // connection refuses the resumption if the binder passes but
            // OpenSSL's checks would not.
            let value = value?;
            let mut s = scratch::lock(&current);
            s.refuse_resumption = verdict != Verdict::Resume;
            if verdict == Verdict::Resume {
                s.resumed_verify_result = Some(session.lock().verify_result);
                s.resumed = Some(session);
                s.ticket_limit = s.ticket_limit.min(1);
            }
            return Some(value);
        }
        match verdict {
            Verdict::Resume => {}
            Verdict::Miss => return None,
            Verdict::Uninitialized => {
                // OpenSSL's fatal alert removes the connection's session
                // from the cache: in TLS 1.3 already this one, in TLS 1.2
                // not yet.
                if version == TLS1_3 {
                    ctx.sessions.remove(&ctx, &session);
                }
                scratch::lock(&current).fatal_alert = Some(resumption::INTERNAL_ERROR);
                return None;
            }
            Verdict::Expired => {
                ctx.sessions.stats().timeouts.inc();
                // OpenSSL removes an expired session found by id (TLS 1.2),
                // not one found by a stateful TLS 1.3 ticket.
                if version != TLS1_3 {
                    ctx.sessions.remove(&ctx, &session);
                }
                return None;
            }
        }
        let value = value?;
        let verify_result = session.lock().verify_result;
        let mut s = scratch::lock(&current);
        s.resumed = Some(session);
        s.resumed_verify_result = Some(verify_result);
        // After a resumption OpenSSL sends one ticket.
        s.ticket_limit = s.ticket_limit.min(1);
        Some(value)
    }
}

impl StoresServerSessions for Storage {
    fn put(&self, key: Vec<u8>, value: Vec<u8>) -> bool {
        let (Some(ctx), Some(current)) = (self.ctx.upgrade(), Current::get()) else {
            return false;
        };
        let mut s = scratch::lock(&current);
        if s.version == TLS1_3 {
            // A stateful TLS 1.3 ticket: counted like stateless ones.
            if s.tickets_issued >= s.ticket_limit {
                return false;
            }
            s.tickets_issued += 1;
        }
        let session = ctx.new_server_session(
            s.version,
            s.cipher,
            key,
            &s.id_context,
            s.peer_verify_result(),
        );
        session.lock().resumption = Resumption::Server(value);
        s.created.push(session);
        true
    }

    /// rustls looks TLS 1.2 session ids up with `get`…
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.find(key, TLS1_2)
    }

    /// … and TLS 1.3 stateful tickets with `take`.
    fn take(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.find(key, TLS1_3)
    }

    fn can_cache(&self) -> bool {
        // OpenSSL's server gives a TLS 1.2 session an id only when no
        // ticket is to be sent (tickets off, or the client offers none),
        // and when its context caches server sessions.
        let server_mode = self
            .ctx
            .upgrade()
            .is_some_and(|c| c.sessions.mode() & MODE_SERVER != 0);
        server_mode
            && Current::get().is_some_and(|c| {
                let s = scratch::lock(&c);
                s.no_ticket || s.client_offers_ticket == Some(false)
            })
    }
}

/// The context's rustls objects.
pub struct CtxHooks {
    pub verifier: Arc<Verifier>,
    pub certs: Arc<Certs>,
    pub tickets: Arc<Tickets>,
    pub storage: Arc<Storage>,
}

/// rustls resumes a client session only with the verifier and certificate
/// resolver it was made with; OpenSSL resumes a session made by another
/// context. So these two are shared by all contexts: they find the
/// connection's context through [`Current`].
static VERIFIER: LazyLock<Arc<Verifier>> = LazyLock::new(|| {
    Arc::new(Verifier {
        algorithms: provider::get().signature_verification_algorithms,
    })
});
static CERTS: LazyLock<Arc<Certs>> = LazyLock::new(|| Arc::new(Certs));

impl CtxHooks {
    pub fn new(ctx: &Weak<SslCtx>) -> CtxHooks {
        let ticketer = rustls::crypto::aws_lc_rs::Ticketer::new()
            .unwrap_or_else(|_| Arc::new(NoTickets) as Arc<dyn ProducesTickets>);
        CtxHooks {
            verifier: VERIFIER.clone(),
            certs: CERTS.clone(),
            tickets: Arc::new(Tickets {
                ctx: ctx.clone(),
                inner: ticketer,
            }),
            storage: Arc::new(Storage { ctx: ctx.clone() }),
        }
    }
}

/// Used only if the ticketer cannot be created (no randomness).
#[derive(Debug)]
struct NoTickets;

impl ProducesTickets for NoTickets {
    fn enabled(&self) -> bool {
        false
    }

    fn lifetime(&self) -> u32 {
        0
    }

    fn encrypt(&self, _: &[u8]) -> Option<Vec<u8>> {
        None
    }

    fn decrypt(&self, _: &[u8]) -> Option<Vec<u8>> {
        None
    }
}
