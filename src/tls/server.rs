//! A server TLS context with the semantics of neon's
//! `ne_ssl_context_create(NE_SSL_CTX_SERVER)` on OpenSSL: a keypair,
//! client-certificate requests with the CA names to send and the anchors
//! to verify against, and no session resumption at all (neon 0.32.5's
//! server context caches nothing and sends no tickets).
//!
//! The rustls configuration is built on first use and rebuilt after a
//! setting changes.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::server::{NoServerSessionStorage, WebPkiClientVerifier};
use rustls::sign::{CertifiedKey, SingleCertAndKey};
use rustls::{CertificateError, DistinguishedName, RootCertStore, ServerConfig};

use super::cert::Certificate;
use super::keypair::{self, KeyPair, LoadError};
use super::verify::TrustStore;
use super::versions::VersionRange;
use super::x509::{self, VerifyParams};
use super::{TlsStream, provider};
use crate::net::{SockError, Socket};

/// Whether client certificates are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuth {
    /// Not requested (neon's default).
    #[default]
    None,
    /// Requested; a client without one is let in, one with a certificate
    /// that does not verify is not (OpenSSL's SSL_VERIFY_PEER alone).
    Optional,
    /// Requested and required (neon's `ne_ssl_context_set_verify(required)`).
    Required,
}

/// Why no configuration could be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The key or the certificate is missing.
    NoKeyPair,
    /// rustls refused the settings.
    Rejected(String),
}

impl ConfigError {
    /// The socket error text, OpenSSL's reason after neon's prefix.
    pub fn message(&self) -> Vec<u8> {
        match self {
            ConfigError::NoKeyPair => b"SSL error: no certificate assigned".to_vec(),
            ConfigError::Rejected(why) => format!("SSL error: {why}").into_bytes(),
        }
    }
}

#[derive(Debug, Default)]
pub struct ServerContext {
    keypair: KeyPair,
    client_auth: ClientAuth,
    /// Sent in the CertificateRequest (DER Names).
    ca_names: Vec<DistinguishedName>,
    /// What client certificates are verified against.
    anchors: Vec<CertificateDer<'static>>,
    versions: VersionRange,
    config: Mutex<Option<Arc<ServerConfig>>>,
}

impl ServerContext {
    pub fn new() -> ServerContext {
        ServerContext::default()
    }

    /// Any change makes the next connection rebuild the configuration.
    fn changed(&mut self) {
        *self.config.get_mut().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The keypair, for changes.
    pub fn keypair_mut(&mut self) -> &mut KeyPair {
        self.changed();
        &mut self.keypair
    }

    pub fn keypair(&self) -> &KeyPair {
        &self.keypair
    }

    /// Reads the key file, then the chain file (`ne_ssl_context_keypair`);
    /// see [`KeyPair::load_files`].
    pub fn load_keypair(&mut self, chain: &Path, key: &Path) -> Result<(), LoadError> {
        self.keypair_mut().load_files(chain, key)
    }

    pub fn client_auth(&self) -> ClientAuth {
        self.client_auth
    }

    pub fn set_client_auth(&mut self, auth: ClientAuth) {
        self.changed();
        self.client_auth = auth;
    }

    pub fn ca_names(&self) -> &[DistinguishedName] {
        &self.ca_names
    }

    pub fn set_ca_names(&mut self, names: Vec<DistinguishedName>) {
        self.changed();
        self.ca_names = names;
    }

    /// The CA names to send: the distinct subjects of the certificates of a
    /// PEM file, in order (OpenSSL's SSL_load_client_CA_file): up to the
    /// first block that cannot be read; none if the file cannot be read.
    pub fn set_ca_names_file(&mut self, path: &Path) {
        let text = std::fs::read(path).unwrap_or_default();
        let certs = CertificateDer::pem_slice_iter(&text)
            .map_while(|c| c.ok().and_then(|c| Certificate::from_der(&c)));
        let mut subjects: Vec<Certificate> = Vec::new();
        for cert in certs {
            if !subjects
                .iter()
                .any(|s| s.subject().compare(cert.subject()) == 0)
            {
                subjects.push(cert);
            }
        }
        self.set_ca_names(
            subjects
                .iter()
                .map(|c| DistinguishedName::from(c.subject().der().to_vec()))
                .collect(),
        );
    }

    /// Limits the protocol versions accepted (neon 0.34's
    /// `ne_ssl_context_set_versions`); with none left, handshakes fail.
    pub fn set_versions(&mut self, range: VersionRange) {
        self.changed();
        self.versions = range;
    }

    /// Trusts `cert` as an issuer of client certificates.
    pub fn add_trust_anchor(&mut self, cert: CertificateDer<'static>) {
        self.changed();
        self.anchors.push(cert);
    }

    /// Trusts every certificate of a PEM file (OpenSSL's
    /// SSL_CTX_load_verify_locations); returns how many.
    pub fn load_trust_file(&mut self, path: &Path) -> Result<usize, LoadError> {
        let certs = keypair::read_certificates(path)?;
        let n = certs.len();
        for c in certs {
            self.add_trust_anchor(c);
        }
        Ok(n)
    }

    /// The rustls configuration for the current settings.
    pub fn config(&self) -> Result<Arc<ServerConfig>, ConfigError> {
        let mut cached = self.config.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = cached.as_ref() {
            return Ok(c.clone());
        }
        let config = Arc::new(self.build()?);
        *cached = Some(config.clone());
        Ok(config)
    }

    /// The certificates sent to clients, leaf first. As OpenSSL does (neon
    /// never sets SSL_MODE_NO_AUTO_CHAIN), a chain file that lists no
    /// issuers is completed from the trust store, as far as
    /// `X509_verify_cert` with the store's default parameters builds it,
    /// trust anchor included; a file that lists issuers is sent as it is.
    /// The trust store is what verifies client certificates: the CA file of
    /// `ne_ssl_context_set_verify`, `ne_ssl_context_trustcert`,
    /// `ne_ssl_context_trustdefca`.
    pub fn chain_to_send(&self) -> Vec<CertificateDer<'static>> {
        let listed = self.keypair.chain();
        let leaf = match listed {
            [only] => Certificate::from_der(only),
            _ => None,
        };
        let Some(leaf) = leaf.filter(|_| !self.anchors.is_empty()) else {
            return listed.to_vec();
        };
        let mut store = TrustStore::new();
        for der in &self.anchors {
            store.add_der(der);
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        // X509_STORE_CTX_init's "default" parameters: trusted issuers first,
        // no purpose, no security level; the chain is kept whatever the
        // verdict (OpenSSL ignores it here).
        let params = VerifyParams {
            purpose: x509::purpose::NONE,
            auth_level: -1,
            ..VerifyParams::ssl_server(now, -1)
        };
        let built = x509::verify(&[leaf], &store, &params, &mut |e| e.ok).chain;
        if built.is_empty() {
            return listed.to_vec();
        }
        built
            .iter()
            .map(|c| CertificateDer::from(c.der().to_vec()))
            .collect()
    }

    fn build(&self) -> Result<ServerConfig, ConfigError> {
        let certified = self.keypair.certified().ok_or(ConfigError::NoKeyPair)?;
        let certified = Arc::new(CertifiedKey {
            cert: self.chain_to_send(),
            ..(*certified).clone()
        });
        let provider = provider::get();
        let rejected = |e: &dyn std::fmt::Display| ConfigError::Rejected(e.to_string());
        let versions = self.versions.versions();
        if versions.is_empty() {
            return Err(ConfigError::Rejected("no protocols available".into()));
        }
        let mut config = ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&versions)
            .map_err(|e| rejected(&e))?
            .with_client_cert_verifier(self.verifier()?)
            .with_cert_resolver(Arc::new(SingleCertAndKey::from(certified)));
        // No resumption: nothing stored, no TLS 1.3 tickets, and the
        // default ticketer produces no TLS 1.2 tickets.
        config.session_storage = Arc::new(NoServerSessionStorage {});
        config.send_tls13_tickets = 0;
        provider::enable_keylog(&mut config.key_log);
        Ok(config)
    }

    fn verifier(&self) -> Result<Arc<dyn ClientCertVerifier>, ConfigError> {
        if self.client_auth == ClientAuth::None {
            return Ok(WebPkiClientVerifier::no_client_auth());
        }
        let provider = provider::get();
        let mut roots = RootCertStore::empty();
        // Certificates that cannot be anchors are ignored, as OpenSSL
        // would never find them as issuers.
        let _ = roots.add_parsable_certificates(self.anchors.iter().cloned());
        if roots.is_empty() {
            return Ok(Arc::new(NoAnchors {
                mandatory: self.client_auth == ClientAuth::Required,
                hints: self.ca_names.clone(),
                algorithms: provider.signature_verification_algorithms,
            }));
        }
        let mut builder = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
            .clear_root_hint_subjects()
            .add_root_hint_subjects(self.ca_names.iter().cloned());
        if self.client_auth == ClientAuth::Optional {
            builder = builder.allow_unauthenticated();
        }
        builder
            .build()
            .map_err(|e| ConfigError::Rejected(e.to_string()))
    }

    /// Runs the server handshake on an accepted socket
    /// (`ne_sock_accept_ssl`); on failure the socket's error says why and
    /// the socket stays a plain one.
    pub fn accept(&self, sock: &mut Socket) -> Result<(), SockError> {
        let started = self
            .config()
            .map_err(|e| e.message())
            .and_then(|config| TlsStream::server(config).map_err(|(_, msg)| msg));
        let stream = match started {
            Ok(s) => s,
            Err(msg) => {
                sock.set_error(&msg);
                return Err(SockError::Error);
            }
        };
        sock.start_tls(stream).inspect_err(|_| sock.drop_tls())
    }
}

/// Client authentication with nothing trusted: certificates are requested
/// (with the configured CA names) and every one is refused as of an
/// unknown issuer, as OpenSSL does with an empty store. rustls's own
/// verifier cannot be built without anchors.
#[derive(Debug)]
struct NoAnchors {
    mandatory: bool,
    hints: Vec<DistinguishedName>,
    algorithms: WebPkiSupportedAlgorithms,
}

impl ClientCertVerifier for NoAnchors {
    fn client_auth_mandatory(&self) -> bool {
        self.mandatory
    }

    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        &self.hints
    }

    fn verify_client_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        Err(rustls::Error::InvalidCertificate(
            CertificateError::UnknownIssuer,
        ))
    }

    super::handshake_signature_checks!();
}

#[cfg(test)]
mod tests {
    use std::net::{TcpListener, TcpStream};
    use std::os::fd::OwnedFd;
    use std::sync::Mutex;

    use rustls::pki_types::ServerName;

    use super::*;
    use crate::tls::clicert::ClientCert;
    use crate::tls::client::ClientContext;
    use crate::tls::keypair::tests::{temp_dir, write_pair};
    use crate::tls::pkcs12::tests::fixture;

    fn fixture_path(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/tls/testdata/pkcs12")
            .join(name)
    }

    /// A server context with a fresh self-signed keypair.
    fn server(tag: &str) -> ServerContext {
        let dir = temp_dir(tag);
        let (cert, key) = write_pair(&dir, "localhost");
        let mut ctx = ServerContext::new();
        ctx.load_keypair(&cert, &key).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        ctx
    }

    /// The fixtures' client certificate (issued by testdata/pkcs12/ca.pem).
    fn client_cert() -> Arc<rustls::sign::CertifiedKey> {
        let mut cc = ClientCert::import(&fixture("aes.p12")).unwrap();
        cc.decrypt(b"s3cret").unwrap();
        cc.identity().unwrap().key.clone()
    }

    /// A client certificate from an issuer nobody trusts.
    fn foreign_cert() -> Arc<rustls::sign::CertifiedKey> {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(vec!["client.example".into()]).unwrap();
        p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
        let cert = p.self_signed(&key).unwrap();
        let der = rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap();
        Arc::new(rustls::sign::CertifiedKey::new(
            vec![cert.der().clone()],
            keypair::signing_key(der).unwrap(),
        ))
    }

    struct Outcome {
        /// The server's handshake result, and the client certificate it saw.
        server: Result<Option<CertificateDer<'static>>, String>,
        /// The client's handshake and first read.
        client: Result<Vec<u8>, String>,
        client_resumed: bool,
    }

    /// One connection over loopback: the server handshakes, reads a line
    /// and answers; the client handshakes, writes and reads the answer.
    fn connect(server: &Arc<ServerContext>, client: &Arc<ClientContext>) -> Outcome {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        let srv = server.clone();
        let thread = std::thread::spawn(move || {
            let mut sock = Socket::new();
            sock.set_read_timeout(10);
            sock.adopt(OwnedFd::from(s));
            let res = srv
                .accept(&mut sock)
                .map_err(|_| String::from_utf8_lossy(sock.error()).into_owned());
            let peer = res.map(|()| sock.tls().unwrap().peer_chain().first().cloned());
            if peer.is_ok() {
                let mut buf = [0u8; 5];
                if sock.fullread(&mut buf).is_ok() {
                    let _ = sock.fullwrite(b"pong");
                }
            }
            sock.close();
            peer
        });
        let mut sock = Socket::new();
        sock.set_read_timeout(10);
        sock.adopt(OwnedFd::from(c));
        let (config, store) = client.connection(false).unwrap();
        let name = ServerName::try_from("localhost").unwrap();
        let stream = TlsStream::client(config, name, Some(store)).unwrap();
        let mut resumed = false;
        let client_res = sock
            .start_tls(stream)
            .and_then(|()| {
                resumed = sock.tls().unwrap().resumed();
                sock.fullwrite(b"ping\n")
            })
            .and_then(|()| {
                let mut buf = [0u8; 4];
                sock.fullread(&mut buf).map(|()| buf.to_vec())
            })
            .map_err(|_| String::from_utf8_lossy(sock.error()).into_owned());
        sock.close();
        Outcome {
            server: thread.join().unwrap(),
            client: client_res,
            client_resumed: resumed,
        }
    }

    #[test]
    fn plain_server_never_resumes() {
        let server = Arc::new(server("server-plain"));
        let client = Arc::new(ClientContext::new());
        for _ in 0..2 {
            let o = connect(&server, &client);
            assert_eq!(o.server, Ok(None));
            assert_eq!(o.client, Ok(b"pong".to_vec()));
            assert!(!o.client_resumed);
        }
        assert!(
            !client.client_cert.take_requested(),
            "no certificate was requested"
        );
    }

    #[test]
    fn required_client_certificate() {
        let mut ctx = server("server-required");
        ctx.set_client_auth(ClientAuth::Required);
        assert_eq!(ctx.load_trust_file(&fixture_path("ca.pem")), Ok(1));
        ctx.set_ca_names_file(&fixture_path("ca.pem"));
        let server = Arc::new(ctx);

        // With the right certificate.
        let client = Arc::new(ClientContext::new());
        let cert = client_cert();
        client.client_cert.set(Some(cert.clone()));
        let o = connect(&server, &client);
        assert_eq!(o.server, Ok(Some(cert.cert[0].clone())));
        assert_eq!(o.client, Ok(b"pong".to_vec()));

        // Without one: the server refuses, the client is told.
        let client = Arc::new(ClientContext::new());
        let o = connect(&server, &client);
        assert_eq!(
            o.server,
            Err("SSL error: peer did not return a certificate".into())
        );
        assert!(o.client.is_err());
        assert!(client.client_cert.take_requested());

        // With one from an unknown issuer.
        let client = Arc::new(ClientContext::new());
        client.client_cert.set(Some(foreign_cert()));
        let o = connect(&server, &client);
        assert!(o.server.is_err());
        assert!(o.client.is_err());
    }

    #[test]
    fn ca_names_are_sent_not_the_anchors() {
        let mut ctx = server("server-names");
        ctx.set_client_auth(ClientAuth::Required);
        ctx.load_trust_file(&fixture_path("ca.pem")).unwrap();
        // Names from a file of two certificates, one of them twice.
        let dir = temp_dir("server-names-file");
        let (a, _) = write_pair(&dir, "first-ca");
        let (b, _) = write_pair(&dir, "second-ca");
        let list = dir.join("list.pem");
        let text = [
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            std::fs::read(&a).unwrap(),
        ]
        .concat();
        std::fs::write(&list, text).unwrap();
        ctx.set_ca_names_file(&list);
        assert_eq!(ctx.ca_names().len(), 2);
        let expected: Vec<Vec<u8>> = [&a, &b]
            .iter()
            .map(|p| {
                Certificate::read_pem_file(p)
                    .unwrap()
                    .subject()
                    .der()
                    .to_vec()
            })
            .collect();
        let server = Arc::new(ctx);

        let client = Arc::new(ClientContext::new());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (s, cert) = (seen.clone(), client_cert());
        let slot = Arc::downgrade(&client.client_cert);
        client
            .client_cert
            .set_provider(Some(Arc::new(move |names: &[&[u8]]| {
                *s.lock().unwrap() = names.iter().map(|n| n.to_vec()).collect();
                // Providers set the certificate from inside the callback.
                if let Some(slot) = slot.upgrade() {
                    slot.set(Some(cert.clone()));
                }
            })));
        let o = connect(&server, &client);
        assert_eq!(o.client, Ok(b"pong".to_vec()));
        assert_eq!(*seen.lock().unwrap(), expected);

        // An unreadable file clears the list.
        let mut ctx = ServerContext::new();
        ctx.set_ca_names(vec![DistinguishedName::from(expected[0].clone())]);
        ctx.set_ca_names_file(&dir.join("missing.pem"));
        assert!(ctx.ca_names().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn optional_client_certificate() {
        let mut ctx = server("server-optional");
        ctx.set_client_auth(ClientAuth::Optional);
        ctx.add_trust_anchor(
            rustls::pki_types::pem::PemObject::from_pem_slice(&fixture("ca.pem")).unwrap(),
        );
        let server = Arc::new(ctx);
        let client = Arc::new(ClientContext::new());
        let o = connect(&server, &client);
        assert_eq!(o.server, Ok(None));
        assert_eq!(o.client, Ok(b"pong".to_vec()));
        let cert = client_cert();
        client.client_cert.set(Some(cert.clone()));
        let o = connect(&server, &client);
        assert_eq!(o.server, Ok(Some(cert.cert[0].clone())));
        // A certificate that does not verify is refused even so.
        client.client_cert.set(Some(foreign_cert()));
        assert!(connect(&server, &client).server.is_err());
    }

    #[test]
    fn required_with_nothing_trusted() {
        let mut ctx = server("server-untrusting");
        ctx.set_client_auth(ClientAuth::Required);
        let server = Arc::new(ctx);
        let client = Arc::new(ClientContext::new());
        client.client_cert.set(Some(client_cert()));
        let o = connect(&server, &client);
        assert!(o.server.is_err());
        assert!(o.client.is_err());
    }

    /// A CA hierarchy: root, intermediate, and a leaf of the intermediate
    /// with its key.
    fn hierarchy() -> [(CertificateDer<'static>, rcgen::KeyPair); 3] {
        use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer};
        let params = |cn: &str, ca: bool| {
            let mut p = CertificateParams::new(vec![cn.to_string()]).unwrap();
            p.distinguished_name = rcgen::DistinguishedName::new();
            p.distinguished_name.push(DnType::CommonName, cn);
            if ca {
                p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            }
            p.use_authority_key_identifier_extension = true;
            p
        };
        let (rp, rk) = (
            params("chain root", true),
            rcgen::KeyPair::generate().unwrap(),
        );
        let root = rp.self_signed(&rk).unwrap().der().clone();
        let (ip, ik) = (
            params("chain int", true),
            rcgen::KeyPair::generate().unwrap(),
        );
        let int = ip.signed_by(&ik, &Issuer::from_params(&rp, &rk)).unwrap();
        let lk = rcgen::KeyPair::generate().unwrap();
        let leaf = params("localhost", false)
            .signed_by(&lk, &Issuer::from_params(&ip, &ik))
            .unwrap();
        [
            (root, rk),
            (int.der().clone(), ik),
            (leaf.der().clone(), lk),
        ]
    }

    #[test]
    fn chain_completed_from_the_trust_store() {
        let [(root, _), (int, _), (leaf, key)] = hierarchy();
        let with = |listed: &[&CertificateDer<'static>], anchors: &[&CertificateDer<'static>]| {
            let mut ctx = ServerContext::new();
            let der = rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap();
            ctx.keypair_mut()
                .use_key(keypair::signing_key(der).unwrap());
            ctx.keypair_mut()
                .use_chain(listed.iter().map(|c| (*c).clone()).collect());
            for a in anchors {
                ctx.add_trust_anchor((*a).clone());
            }
            let sent = ctx.chain_to_send();
            // What is sent is what the configuration serves.
            assert!(ctx.config().is_ok());
            sent
        };
        // Nothing trusted, or only the root: the leaf alone.
        assert_eq!(with(&[&leaf], &[]), vec![leaf.clone()]);
        assert_eq!(with(&[&leaf], &[&root]), vec![leaf.clone()]);
        // Intermediate and root trusted: both follow the leaf, in order,
        // whatever the order of the store.
        let full = vec![leaf.clone(), int.clone(), root.clone()];
        assert_eq!(with(&[&leaf], &[&root, &int]), full);
        assert_eq!(with(&[&leaf], &[&int, &root]), full);
        // Only the intermediate: as far as the store goes.
        assert_eq!(with(&[&leaf], &[&int]), vec![leaf.clone(), int.clone()]);
        // A file that lists issuers is sent as it is.
        let listed = vec![leaf.clone(), int.clone()];
        assert_eq!(with(&[&leaf, &int], &[&root, &int]), listed);
    }

    #[test]
    fn configuration_cached_until_changed() {
        let mut ctx = ServerContext::new();
        assert_eq!(ctx.config().unwrap_err(), ConfigError::NoKeyPair);
        assert_eq!(
            ConfigError::NoKeyPair.message(),
            b"SSL error: no certificate assigned"
        );
        let mut ctx2 = server("server-config");
        let a = ctx2.config().unwrap();
        assert!(Arc::ptr_eq(&a, &ctx2.config().unwrap()));
        assert!(!a.session_storage.can_cache() && a.send_tls13_tickets == 0);
        ctx2.set_client_auth(ClientAuth::Required);
        assert!(!Arc::ptr_eq(&a, &ctx2.config().unwrap()));
        // Without a key the handshake is refused with a reason.
        ctx.set_client_auth(ClientAuth::None);
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let _c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let mut sock = Socket::new();
        sock.adopt(OwnedFd::from(l.accept().unwrap().0));
        assert_eq!(ctx.accept(&mut sock), Err(SockError::Error));
        assert_eq!(sock.error(), b"SSL error: no certificate assigned");
        assert!(sock.tls().is_none());
    }
}
