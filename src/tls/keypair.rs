//! A private key and the certificate chain that goes with it, as OpenSSL's
//! `SSL_CTX_use_PrivateKey_file` / `SSL_CTX_use_certificate_chain_file`
//! install them (neon's `ne_ssl_context_keypair`, and later the libssl
//! face): PEM files, signing keys through the provider, and the key/leaf
//! match OpenSSL checks when either half is replaced.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::{CertifiedKey, SigningKey};
use rustls::{Error, InconsistentKeys};

use super::cert::Certificate;
use super::provider;

/// Why a key or certificate file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read.
    Io,
    /// No usable PEM block of the wanted kind, or a malformed one.
    NoPem,
    /// A key the provider cannot sign with, or a certificate that does not parse.
    Unsupported,
}

/// The first private key (PKCS#8, PKCS#1 or SEC1 PEM block) of a file.
pub fn read_private_key(path: &Path) -> Result<PrivateKeyDer<'static>, LoadError> {
    let text = std::fs::read(path).map_err(|_| LoadError::Io)?;
    PrivateKeyDer::from_pem_slice(&text).map_err(|_| LoadError::NoPem)
}

/// Every certificate of a PEM file, in order; fails on a malformed block or
/// a certificate that does not parse, and when there is none.
pub fn read_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, LoadError> {
    let text = std::fs::read(path).map_err(|_| LoadError::Io)?;
    let certs = CertificateDer::pem_slice_iter(&text)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| LoadError::NoPem)?;
    if certs.is_empty() {
        return Err(LoadError::NoPem);
    }
    if !certs.iter().all(|c| Certificate::from_der(c).is_some()) {
        return Err(LoadError::Unsupported);
    }
    Ok(certs)
}

/// A signing key for `der` from the shared provider.
pub fn signing_key(der: PrivateKeyDer<'static>) -> Result<Arc<dyn SigningKey>, LoadError> {
    provider::get()
        .key_provider
        .load_private_key(der)
        .map_err(|_| LoadError::Unsupported)
}

/// Whether `key` is the private half of `cert`'s public key (OpenSSL's
/// X509_check_private_key). A key that cannot tell its public half is
/// taken to match, as rustls does.
pub fn matches(key: &Arc<dyn SigningKey>, cert: &CertificateDer<'static>) -> bool {
    match CertifiedKey::new(vec![cert.clone()], key.clone()).keys_match() {
        Ok(()) | Err(Error::InconsistentKeys(InconsistentKeys::Unknown)) => true,
        Err(_) => false,
    }
}

/// A key and a chain (leaf first), either possibly missing. Like OpenSSL's
/// certificate slot: installing one half drops the other if they do not
/// match, so a complete pair always matches.
#[derive(Clone, Default)]
pub struct KeyPair {
    key: Option<Arc<dyn SigningKey>>,
    chain: Vec<CertificateDer<'static>>,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyPair")
            .field("key", &self.key.is_some())
            .field("chain", &self.chain.len())
            .finish()
    }
}

impl KeyPair {
    /// Installs the private key; a certificate it does not match is dropped.
    pub fn use_key(&mut self, key: Arc<dyn SigningKey>) {
        if self.chain.first().is_some_and(|leaf| !matches(&key, leaf)) {
            self.chain.clear();
        }
        self.key = Some(key);
    }

    /// Installs the chain (leaf first, not empty); a key the leaf does not
    /// match is dropped.
    pub fn use_chain(&mut self, chain: Vec<CertificateDer<'static>>) {
        if let (Some(key), Some(leaf)) = (&self.key, chain.first()) {
            if !matches(key, leaf) {
                self.key = None;
            }
        }
        self.chain = chain;
    }

    /// Reads the key file, then the chain file (`ne_ssl_context_keypair`).
    pub fn load_files(&mut self, chain: &Path, key: &Path) -> Result<(), LoadError> {
        self.use_key(signing_key(read_private_key(key)?)?);
        self.use_chain(read_certificates(chain)?);
        Ok(())
    }

    pub fn key(&self) -> Option<&Arc<dyn SigningKey>> {
        self.key.as_ref()
    }

    pub fn chain(&self) -> &[CertificateDer<'static>] {
        &self.chain
    }

    /// Both halves, ready for rustls; `None` while one is missing.
    pub fn certified(&self) -> Option<Arc<CertifiedKey>> {
        let key = self.key.clone()?;
        (!self.chain.is_empty()).then(|| Arc::new(CertifiedKey::new(self.chain.clone(), key)))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A self-signed certificate for `name` (commonName and DNS name) and
    /// its key, as PEM files NAME.pem and NAME.key in `dir`.
    pub(crate) fn write_pair(dir: &Path, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec![name.to_string()]).unwrap();
        params.distinguished_name = rcgen::DistinguishedName::new();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        let cert = params.self_signed(&key).unwrap();
        let (c, k) = (
            dir.join(format!("{name}.pem")),
            dir.join(format!("{name}.key")),
        );
        std::fs::write(&c, cert.pem()).unwrap();
        std::fs::write(&k, key.serialize_pem()).unwrap();
        (c, k)
    }

    /// A fresh directory for one test (the test removes it).
    pub(crate) fn temp_dir(tag: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("neonrs-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn pair_from_files_and_mismatch_rules() {
        let dir = temp_dir("keypair");
        let (a_cert, a_key) = write_pair(&dir, "a");
        let (b_cert, b_key) = write_pair(&dir, "b");

        let mut kp = KeyPair::default();
        assert!(kp.certified().is_none());
        kp.load_files(&a_cert, &a_key).unwrap();
        let ck = kp.certified().expect("complete pair");
        assert_eq!(ck.cert.len(), 1);
        assert!(ck.keys_match().is_ok());

        // A certificate that does not match drops the key (OpenSSL returns
        // success, and the context cannot be used until a key is added).
        kp.use_chain(read_certificates(&b_cert).unwrap());
        assert!(kp.key().is_none());
        assert!(kp.certified().is_none());
        // Then its key completes it.
        kp.use_key(signing_key(read_private_key(&b_key).unwrap()).unwrap());
        assert!(kp.certified().is_some());
        // Another key drops the certificate.
        kp.use_key(signing_key(read_private_key(&a_key).unwrap()).unwrap());
        assert!(kp.chain().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_files() {
        let dir = temp_dir("keypair-bad");
        let (cert, key) = write_pair(&dir, "c");
        let garbage = dir.join("garbage");
        std::fs::write(&garbage, b"not PEM at all").unwrap();
        assert_eq!(
            read_private_key(&dir.join("missing")).unwrap_err(),
            LoadError::Io
        );
        assert_eq!(read_private_key(&garbage).unwrap_err(), LoadError::NoPem);
        assert_eq!(read_private_key(&cert).unwrap_err(), LoadError::NoPem);
        assert_eq!(read_certificates(&key).unwrap_err(), LoadError::NoPem);
        assert_eq!(read_certificates(&garbage).unwrap_err(), LoadError::NoPem);
        let bogus = dir.join("bogus.pem");
        std::fs::write(
            &bogus,
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        assert_eq!(
            read_certificates(&bogus).unwrap_err(),
            LoadError::Unsupported
        );
        let mut kp = KeyPair::default();
        assert!(kp.load_files(&key, &key).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
