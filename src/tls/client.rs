//! A client TLS context with neon's semantics: nothing trusted unless asked,
//! verification failures collected as neon's bits (the application decides
//! after the handshake), a client certificate slot with a provider
//! callback, and the session cache of one `ne_session`.
//!
//! rustls resumes only when a session's verifier and client-certificate
//! resolver are the same objects as the new connection's, so both live as
//! long as the context and take their settings through locks.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use rustls::client::danger::{ServerCertVerified, ServerCertVerifier};
use rustls::client::{ResolvesClientCert, Resumption};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::sign::CertifiedKey;
use rustls::{ClientConfig, NamedGroup, SignatureScheme};

use super::provider;
use super::session::TlsSession;
use super::store::ConnStore;
use super::stream::TlsStream;
use super::verify::{self, TrustStore};
use super::versions::VersionRange;

/// Lifetime given to sessions this client establishes (OpenSSL's default).
pub const SESSION_TIMEOUT: i64 = 7200;

/// How the last handshake's certificate check went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No certificate was checked (no handshake yet).
    None,
    /// neon's failure bits (0: verified).
    Failures(u32),
    /// A problem neon cannot map to a bit; the handshake was refused.
    Unhandled(String),
}

/// Verifies server certificates into a [`Verdict`] instead of failing the
/// handshake (except for unmappable problems, as neon does).
#[derive(Debug)]
pub struct Verifier {
    trust: Arc<RwLock<TrustStore>>,
    verdict: Mutex<Verdict>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl Verifier {
    fn lock(&self) -> MutexGuard<'_, Verdict> {
        self.verdict.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The verdict of the last handshake, resetting it.
    pub fn take(&self) -> Verdict {
        std::mem::replace(&mut *self.lock(), Verdict::None)
    }
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut chain = Vec::with_capacity(1 + intermediates.len());
        chain.push(end_entity.clone());
        chain.extend(intermediates.iter().cloned());
        let result = {
            let trust = self.trust.read().unwrap_or_else(|e| e.into_inner());
            verify::chain_verdict(&chain, &trust, now)
        };
        match result {
            Ok(bits) => {
                *self.lock() = Verdict::Failures(bits);
                Ok(ServerCertVerified::assertion())
            }
            Err(refused) => {
                *self.lock() = Verdict::Unhandled(refused.description.clone());
                Err(rustls::Error::InvalidCertificate(
                    rustls::CertificateError::Other(rustls::OtherError(Arc::new(refused))),
                ))
            }
        }
    }

    super::handshake_signature_checks!();
}

/// Asked for a certificate when the server requests one and none is set;
/// gets the DER subjects of the CAs the server accepts.
pub type CertProvider = dyn Fn(&[&[u8]]) + Send + Sync;

/// The client certificate to present, if any.
#[derive(Default)]
pub struct ClientCertSlot {
    key: Mutex<Option<Arc<CertifiedKey>>>,
    provider: Mutex<Option<Arc<CertProvider>>>,
    requested: AtomicBool,
}

impl std::fmt::Debug for ClientCertSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ClientCertSlot")
    }
}

impl ClientCertSlot {
    pub fn set(&self, key: Option<Arc<CertifiedKey>>) {
        *self.key.lock().unwrap_or_else(|e| e.into_inner()) = key;
    }

    fn get(&self) -> Option<Arc<CertifiedKey>> {
        self.key.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_provider(&self, p: Option<Arc<CertProvider>>) {
        *self.provider.lock().unwrap_or_else(|e| e.into_inner()) = p;
    }

    /// Whether the last handshake asked for a certificate none could give.
    pub fn take_requested(&self) -> bool {
        self.requested.swap(false, Ordering::Relaxed)
    }
}

impl ResolvesClientCert for ClientCertSlot {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<CertifiedKey>> {
        if self.get().is_none() {
            // No lock held: the provider typically sets the certificate.
            let provider = self
                .provider
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            if let Some(p) = provider {
                crate::debug!(
                    crate::debug::SSL,
                    "Calling client certificate provider...\n"
                );
                p(root_hint_subjects);
            }
        }
        let key = self.get();
        if key.is_none() {
            self.requested.store(true, Ordering::Relaxed);
            crate::debug!(crate::debug::SSL, "No client certificate supplied.\n");
        } else {
            crate::debug!(crate::debug::SSL, "Supplying client certificate.\n");
        }
        key
    }

    fn has_certs(&self) -> bool {
        true
    }
}

/// The TLS side of one neon session.
pub struct ClientContext {
    pub trust: Arc<RwLock<TrustStore>>,
    pub verifier: Arc<Verifier>,
    pub client_cert: Arc<ClientCertSlot>,
    /// The configuration connections start from; None when the version
    /// bounds leave no protocol to offer.
    base: RwLock<Option<Arc<ClientConfig>>>,
    /// The session the next connection offers (neon keeps only the latest).
    cache: Mutex<Option<Arc<TlsSession>>>,
    kx_hint: Mutex<Option<NamedGroup>>,
}

impl ClientContext {
    pub fn new() -> ClientContext {
        let provider: Arc<CryptoProvider> = provider::get();
        let trust = Arc::new(RwLock::new(TrustStore::default()));
        let verifier = Arc::new(Verifier {
            trust: trust.clone(),
            verdict: Mutex::new(Verdict::None),
            algorithms: provider.signature_verification_algorithms,
        });
        let client_cert = Arc::new(ClientCertSlot::default());
        let base = build_config(
            provider,
            rustls::ALL_VERSIONS,
            verifier.clone(),
            client_cert.clone(),
        )
        .expect("TLS 1.2 and 1.3 are supported by the provider");
        ClientContext {
            trust,
            verifier,
            client_cert,
            base: RwLock::new(Some(base)),
            cache: Mutex::new(None),
            kx_hint: Mutex::new(None),
        }
    }

    /// The cached session, if any.
    pub fn cached(&self) -> Option<Arc<TlsSession>> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_cached(&self, s: Option<Arc<TlsSession>>) {
        *self.cache.lock().unwrap_or_else(|e| e.into_inner()) = s;
    }

    /// Limits the protocol versions offered (neon 0.34's
    /// `ne_ssl_context_set_versions`). Bounds that leave nothing make every
    /// later handshake fail. The verifier and certificate resolver stay the
    /// same objects, so sessions still resume.
    pub fn set_versions(&self, range: VersionRange) {
        let config = build_config(
            provider::get(),
            &range.versions(),
            self.verifier.clone(),
            self.client_cert.clone(),
        );
        *self.base.write().unwrap_or_else(|e| e.into_inner()) = config;
    }

    /// A config and session store for one connection: offers the cached
    /// session, and whatever session the connection ends up with (including
    /// TLS 1.3 tickets that arrive later) becomes the cached one. Err (with
    /// OpenSSL's reason) if the version bounds leave no protocol.
    pub fn connection(
        self: &Arc<Self>,
        sni: bool,
    ) -> Result<(Arc<ClientConfig>, Arc<ConnStore>), &'static str> {
        let base = self
            .base
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .ok_or("no protocols available")?;
        let me = Arc::downgrade(self);
        let kx = *self.kx_hint.lock().unwrap_or_else(|e| e.into_inner());
        let store = ConnStore::new(
            self.cached(),
            kx,
            Some(Box::new(move |s: &Arc<TlsSession>| {
                if let Some(ctx) = me.upgrade() {
                    ctx.set_cached(Some(s.clone()));
                }
            })),
        );
        let mut config = (*base).clone();
        config.resumption = Resumption::store(store.clone());
        config.enable_sni = sni;
        Ok((Arc::new(config), store))
    }

    /// After a successful handshake: the connection's session is the
    /// offered one if it was resumed, else a new one; it becomes the cached
    /// session (later TLS 1.3 tickets land in it), and the key exchange the
    /// server chose is remembered to save a round trip next time.
    pub fn finish(
        &self,
        store: &ConnStore,
        tls: &TlsStream,
        sni_host: Option<Vec<u8>>,
    ) -> Arc<TlsSession> {
        let session = match store.offered().filter(|_| tls.resumed()) {
            Some(s) => s,
            None => {
                let s = TlsSession::established(tls.version(), tls.cipher(), SESSION_TIMEOUT);
                {
                    let mut d = s.lock();
                    d.peer = tls.peer_chain().first().map(|c| c.to_vec());
                    d.hostname = sni_host;
                }
                s
            }
        };
        store.bind(session.clone());
        self.set_cached(Some(session.clone()));
        if let Some(k) = store.kx_hint() {
            *self.kx_hint.lock().unwrap_or_else(|e| e.into_inner()) = Some(k);
        }
        session
    }

    /// After a failed handshake: the cached session is not offered again.
    pub fn handshake_failed(&self) {
        self.set_cached(None);
    }
}

/// A client configuration with neon's verifier and certificate slot; None
/// if `versions` leaves nothing to offer.
fn build_config(
    provider: Arc<CryptoProvider>,
    versions: &[&'static rustls::SupportedProtocolVersion],
    verifier: Arc<Verifier>,
    client_cert: Arc<ClientCertSlot>,
) -> Option<Arc<ClientConfig>> {
    if versions.is_empty() {
        return None;
    }
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .ok()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_client_cert_resolver(client_cert);
    provider::enable_keylog(&mut config.key_log);
    Some(Arc::new(config))
}

impl Default for ClientContext {
    fn default() -> Self {
        ClientContext::new()
    }
}
