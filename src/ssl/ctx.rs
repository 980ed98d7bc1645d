//! `SSL_CTX`: the shared configuration of connections, the rustls objects
//! built from it, and the session cache of the connections created from it.

use std::sync::{Arc, OnceLock};

use rustls::client::Resumption as ClientResumption;
use rustls::client::Tls12Resumption;
use rustls::crypto::CryptoProvider;
use rustls::{ClientConfig, ServerConfig};

use super::cache::SessionCache;
use super::config::consts::SSL_OP_NO_TICKET;
use super::config::{CtxConfig, Settings, alpn, groups};
use super::hooks::{ClientVerifier, CtxHooks};
use super::peer::PeerVerifier;
use crate::tls::TlsSession;
use crate::tls::provider;
use crate::tls::store::ConnStore;

/// Which handshakes a method allows (TLS_method, TLS_client_method,
/// TLS_server_method).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Any,
    Client,
    Server,
}

/// What one connection adds to its context's rustls configuration.
#[derive(Default, Clone)]
pub struct ConnConfig {
    /// Server: the protocols it may select (the one its ALPN callback
    /// chose, or one the client lacks to refuse them all).
    pub alpn_server: Vec<Vec<u8>>,
    /// The key log, when the context has a key-log callback.
    pub key_log: Option<Arc<dyn rustls::KeyLog>>,
    /// Server: the CA names its certificate request lists (DER).
    pub ca_names: Vec<rustls::DistinguishedName>,
}

pub struct SslCtx {
    pub role: Role,
    /// Options, modes, verification, certificates, versions, timeouts…
    pub config: CtxConfig,
    /// The session cache, its mode, size, callbacks and statistics.
    pub sessions: SessionCache,
    /// The verifier, resolvers and ticket/session stores every connection
    /// of the context shares.
    hooks: CtxHooks,
    /// Checks peers' chains, if the context's owner installed a verifier.
    peer_verifier: OnceLock<Arc<dyn PeerVerifier>>,
}

impl SslCtx {
    pub fn new(role: Role) -> Arc<SslCtx> {
        Arc::new_cyclic(|me| SslCtx {
            role,
            config: CtxConfig::new(role),
            sessions: SessionCache::new(),
            hooks: CtxHooks::new(me),
            peer_verifier: OnceLock::new(),
        })
    }

    /// Installs the verifier of peers' chains (once; false if one is
    /// already installed).
    pub fn set_peer_verifier(&self, verifier: Arc<dyn PeerVerifier>) -> bool {
        self.peer_verifier.set(verifier).is_ok()
    }

    pub fn peer_verifier(&self) -> Option<&Arc<dyn PeerVerifier>> {
        self.peer_verifier.get()
    }

    /// The provider restricted to the connection's cipher suites and
    /// key-exchange groups.
    fn provider(settings: &Settings) -> Arc<CryptoProvider> {
        let base = provider::get();
        Arc::new(CryptoProvider {
            cipher_suites: settings.cipher_suites(),
            kx_groups: groups::kx_groups(settings.groups(), &base.kx_groups),
            ..(*base).clone()
        })
    }

    /// A client connection's rustls configuration: the connection's
    /// versions and suites, this context's verifier and certificate, and
    /// `store` for the session it offers and the ones it receives. `None`
    /// when no protocol version is left (the handshake fails).
    pub fn client_config(
        &self,
        settings: &Settings,
        store: Arc<ConnStore>,
        sni: bool,
        extra: &ConnConfig,
    ) -> Option<Arc<ClientConfig>> {
        let versions = settings.client_versions();
        if versions.is_empty() {
            return None;
        }
        let mut config = ClientConfig::builder_with_provider(Self::provider(settings))
            .with_protocol_versions(&versions)
            .ok()?
            .dangerous()
            .with_custom_certificate_verifier(self.hooks.verifier.clone())
            .with_client_cert_resolver(self.hooks.certs.clone());
        let tls12 = if settings.options() & SSL_OP_NO_TICKET != 0 {
            Tls12Resumption::SessionIdOnly
        } else {
            Tls12Resumption::SessionIdOrTickets
        };
        config.resumption = ClientResumption::store(store).tls12_resumption(tls12);
        config.enable_sni = sni;
        config.max_fragment_size = Some(settings.max_send_fragment() + 5);
        config.alpn_protocols = alpn::names(settings.alpn())
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect();
        if let Some(k) = &extra.key_log {
            config.key_log = k.clone();
        }
        Some(Arc::new(config))
    }

    /// A server connection's rustls configuration: stateless tickets, or
    /// with `SSL_OP_NO_TICKET` session ids (TLS 1.2) and stateful tickets
    /// (TLS 1.3) kept in this context's cache; with `SSL_VERIFY_PEER` a
    /// request for the client's certificate. rustls asks for it in full
    /// handshakes only, which is `SSL_VERIFY_CLIENT_ONCE`'s rule too.
    pub fn server_config(
        &self,
        settings: &Settings,
        extra: &ConnConfig,
    ) -> Option<Arc<ServerConfig>> {
        let versions = settings.versions();
        if versions.is_empty() {
            return None;
        }
        let builder = ServerConfig::builder_with_provider(Self::provider(settings))
            .with_protocol_versions(&versions)
            .ok()?;
        let builder = match ClientVerifier::for_mode(settings.verify_mode(), extra.ca_names.clone())
        {
            Some(v) => builder.with_client_cert_verifier(v),
            None => builder.with_no_client_auth(),
        };
        let mut config = builder.with_cert_resolver(self.hooks.certs.clone());
        config.session_storage = self.hooks.storage.clone();
        if settings.options() & SSL_OP_NO_TICKET == 0 {
            config.ticketer = self.hooks.tickets.clone();
        }
        config.send_tls13_tickets = settings.num_tickets();
        config.max_fragment_size = Some(settings.max_send_fragment() + 5);
        // OpenSSL's server picks by its own preference only when asked.
        config.ignore_client_order =
            settings.options() & super::config::consts::SSL_OP_CIPHER_SERVER_PREFERENCE != 0;
        config.alpn_protocols = extra.alpn_server.clone();
        if let Some(k) = &extra.key_log {
            config.key_log = k.clone();
        }
        Some(Arc::new(config))
    }

    /// The session a client's full handshake made. Its id stays empty for
    /// TLS 1.3 (each ticket makes a session with an id); the caller gives
    /// a TLS 1.2 session one when it can be resumed.
    pub fn new_client_session(
        &self,
        version: u16,
        cipher: u16,
        peer: Option<Vec<u8>>,
    ) -> Arc<TlsSession> {
        let s = TlsSession::new(self.sessions.new_session_timeout());
        {
            let mut d = s.lock();
            d.version = version;
            d.cipher = cipher;
            d.peer = peer;
        }
        s
    }

    /// A session a server made: `id` is its session id or stateful
    /// ticket (empty for stateless tickets); `verify_result` that of the
    /// client's certificate.
    pub fn new_server_session(
        &self,
        version: u16,
        cipher: u16,
        id: Vec<u8>,
        id_context: &[u8],
        verify_result: i64,
    ) -> Arc<TlsSession> {
        let s = TlsSession::new(self.sessions.new_session_timeout());
        {
            let mut d = s.lock();
            d.version = version;
            d.cipher = cipher;
            d.set_id(&id);
            d.set_id_context(id_context);
            d.verify_result = verify_result;
        }
        s
    }
}

impl Drop for SslCtx {
    /// SSL_CTX_free's last reference: every cached session is flushed
    /// (non-resumable, remove callback).
    fn drop(&mut self) {
        self.sessions.on_ctx_free(self);
    }
}
