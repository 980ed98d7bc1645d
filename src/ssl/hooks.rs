//! The rustls objects an `SSL_CTX` shares between its connections, giving
//! rustls OpenSSL's behaviour: certificate verification with OpenSSL's
//! result codes and verify modes, the server's session-id cache and stateful
//! tickets backed by the `SSL_CTX` cache (with the get-session callback), and
//! stateless tickets that count as new sessions (new-session callback) with
//! OpenSSL's ticket numbers. Each reaches its connection through
//! [`Current`]; all are created once per context so that rustls, which only
//! resumes sessions made with the same verifier and resolvers, resumes.

use std::sync::{Arc, LazyLock, Weak};

use rustls::SignatureScheme;
use rustls::client::ResolvesClientCert;
use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::server::{ClientHello, ProducesTickets, ResolvesServerCert, StoresServerSessions};
use rustls::sign::CertifiedKey;

use super::cache::{DEFAULT_TIMEOUT, Expiry, MODE_SERVER};
use super::config::consts::SSL_VERIFY_PEER;
use super::ctx::SslCtx;
use super::scratch::{self, Current, Verified};
use super::verify_result;
use crate::tls::provider;
use crate::tls::session::{Resumption, TLS1_2, TLS1_3, now};

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
        let Some(current) = Current::get() else {
            return Err(rustls::Error::General("no connection".into()));
        };
        let (host, mode, conn) = {
            let s = scratch::lock(&current);
            (s.check_host.clone(), s.verify_mode, s.conn.upgrade())
        };
        let Some(ctx) = conn.map(|c| c.ctx()) else {
            return Err(rustls::Error::General("connection freed".into()));
        };
        let mut chain = Vec::with_capacity(1 + intermediates.len());
        chain.push(end_entity.clone());
        chain.extend(intermediates.iter().cloned());
        let result = verify_result::check(&ctx.config.trust(), &chain, host.as_deref(), now);
        scratch::lock(&current).verified = Some(Verified {
            result,
            peer: end_entity.to_vec(),
        });
        if result != verify_result::X509_V_OK && mode & SSL_VERIFY_PEER != 0 {
            return Err(rustls::Error::InvalidCertificate(
                verify_result::rustls_error(result),
            ));
        }
        Ok(ServerCertVerified::assertion())
    }

    crate::tls::handshake_signature_checks!();
}

/// The context's key pair, for clients asked for a certificate and for
/// servers; the server side also reports the client's SNI and runs the
/// servername callback first.
#[derive(Debug)]
pub struct Certs;

impl Certs {
    /// The key pair of the context the connection now uses.
    fn key(&self) -> Option<Arc<CertifiedKey>> {
        let current = Current::get()?;
        let conn = scratch::lock(&current).conn.upgrade()?;
        conn.ctx().config.certified_key()
    }
}

impl ResolvesClientCert for Certs {
    fn resolve(&self, _hints: &[&[u8]], _schemes: &[SignatureScheme]) -> Option<Arc<CertifiedKey>> {
        self.key()
    }

    fn has_certs(&self) -> bool {
        true
    }
}

impl ResolvesServerCert for Certs {
    fn resolve(&self, hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let conn = Current::get().and_then(|current| scratch::lock(&current).conn.upgrade())?;
        conn.set_servername(hello.server_name());
        // The callback may look at the connection or switch its context
        // (SSL_set_SSL_CTX): no lock is held, and the key comes from the
        // context the connection has afterwards.
        if !conn.ctx().config.run_servername_callback(&conn) {
            return None;
        }
        conn.ctx().config.certified_key()
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
        let id_context = scratch::lock(&current).id_context.clone();
        let mut sealed = TicketPrefix {
            id_context,
            time: now(),
            timeout,
        }
        .encode();
        sealed.extend_from_slice(plain);
        let ticket = self.inner.encrypt(&sealed)?;
        let mut s = scratch::lock(&current);
        // A TLS 1.2 ticket session has no server-side id (OpenSSL does not
        // cache it); each TLS 1.3 ticket is a session of its own.
        if s.version == TLS1_3 {
            if let Some(ctx) = self.ctx.upgrade() {
                let session = ctx.new_server_session(
                    TLS1_3,
                    s.cipher,
                    crate::tls::session::random_id(),
                    &s.id_context,
                );
                s.created.push(session);
            }
        }
        Some(ticket)
    }

    /// OpenSSL's checks of a ticket's session (ssl_get_prev_session): the
    /// session id context must match, and an expired one counts in
    /// `timeouts`; either way the ticket is not used.
    fn decrypt(&self, ticket: &[u8]) -> Option<Vec<u8>> {
        let sealed = self.inner.decrypt(ticket)?;
        let (prefix, plain) = TicketPrefix::decode(&sealed)?;
        let current = Current::get()?;
        let mut s = scratch::lock(&current);
        if prefix.id_context != s.id_context {
            return None;
        }
        if Expiry::of(prefix.time, prefix.timeout).passed_at(now()) {
            if let Some(conn) = s.conn.upgrade() {
                drop(s);
                conn.session_ctx().sessions.stats().timeouts.inc();
            }
            return None;
        }
        s.resumed_by_ticket = true;
        // After a resumption OpenSSL sends one ticket.
        s.ticket_limit = s.ticket_limit.min(1);
        Some(plain.to_vec())
    }
}

/// What OpenSSL keeps in a ticket's session and rustls's ticket lacks,
/// sealed in front of rustls's state: the session id context, and the
/// session's time and timeout.
pub(crate) struct TicketPrefix {
    id_context: Vec<u8>,
    time: i64,
    timeout: i64,
}

impl TicketPrefix {
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(17 + self.id_context.len());
        out.push(self.id_context.len() as u8);
        out.extend_from_slice(&self.id_context);
        out.extend_from_slice(&self.time.to_be_bytes());
        out.extend_from_slice(&self.timeout.to_be_bytes());
        out
    }

    pub(crate) fn decode(sealed: &[u8]) -> Option<(TicketPrefix, &[u8])> {
        let (&len, rest) = sealed.split_first()?;
        let len = usize::from(len);
        if rest.len() < len + 16 {
            return None;
        }
        let (id_context, rest) = rest.split_at(len);
        let (time, rest) = rest.split_at(8);
        let (timeout, plain) = rest.split_at(8);
        let prefix = TicketPrefix {
            id_context: id_context.to_vec(),
            time: i64::from_be_bytes(time.try_into().ok()?),
            timeout: i64::from_be_bytes(timeout.try_into().ok()?),
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
    /// for a TLS 1.2 session id or a TLS 1.3 stateful ticket. The session
    /// stays cached: without early data OpenSSL does not make stateful
    /// tickets single-use.
    fn find(&self, id: &[u8], version: u16) -> Option<Vec<u8>> {
        let current = Current::get()?;
        let (id_context, verify_mode, conn) = {
            let s = scratch::lock(&current);
            (s.id_context.clone(), s.verify_mode, s.conn.upgrade()?)
        };
        // The cache of the context the connection was made with.
        let ctx = conn.session_ctx();
        let session = ctx.sessions.server_lookup(&ctx, &conn, version, id)?;
        let (matches, expiry) = {
            let d = session.lock();
            (
                d.version == version && d.id_context == id_context,
                Expiry::of(d.time, d.timeout),
            )
        };
        // A peer-verifying server without an id context cannot tell whose
        // session it is: OpenSSL fails the handshake, here it is a miss.
        if !matches || (verify_mode & SSL_VERIFY_PEER != 0 && id_context.is_empty()) {
            return None;
        }
        if expiry.passed_at(now()) {
            ctx.sessions.stats().timeouts.inc();
            // OpenSSL removes an expired session found by id (TLS 1.2), not
            // one found by a stateful TLS 1.3 ticket.
            if version != TLS1_3 {
                ctx.sessions.remove(&ctx, &session);
            }
            return None;
        }
        let value = match &session.lock().resumption {
            Resumption::Server(v) => v.clone(),
            _ => return None,
        };
        let mut s = scratch::lock(&current);
        s.resumed = Some(session);
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
        let session = ctx.new_server_session(s.version, s.cipher, key, &s.id_context);
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
        // OpenSSL's server gives a TLS 1.2 session an id only without
        // tickets, and when its context caches server sessions.
        let server_mode = self
            .ctx
            .upgrade()
            .is_some_and(|c| c.sessions.mode() & MODE_SERVER != 0);
        server_mode && Current::get().is_some_and(|c| scratch::lock(&c).no_ticket)
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
