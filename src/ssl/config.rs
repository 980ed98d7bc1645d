//! The configuration part of an `SSL_CTX`: the [`Settings`] each `SSL`
//! copies, the key pair, the trust store, the servername callback and the
//! application's ex_data, behind locks (contexts are shared between
//! threads), with OpenSSL 3.0's rules for each setter.

pub mod alpn;
pub mod consts;
pub mod groups;
pub mod settings;
pub mod sigalgs;
pub mod suites;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use rustls::SupportedProtocolVersion;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::sign::CertifiedKey;

use super::conn::SslConn;
use super::ctx::Role;
use crate::tls::cert::Certificate;
use crate::tls::keypair::{self, KeyPair};
use crate::tls::verify::TrustStore;

pub use settings::Settings;

/// The servername (SNI) callback, run on the server once the ClientHello
/// is read, with the argument set by `SSL_CTX_set_tlsext_servername_arg`;
/// returns an `SSL_TLSEXT_ERR_*` value.
/// Its answer (`SSL_TLSEXT_ERR_*`) and the alert it chose for a fatal one.
pub type ServernameCallback = Arc<dyn Fn(&Arc<SslConn>, usize) -> (i32, u8) + Send + Sync>;

/// A server's ALPN selection (`SSL_CTX_set_alpn_select_cb`), run once the
/// ClientHello is read, with the client's list in wire form.
pub type AlpnSelect = Arc<dyn Fn(&Arc<SslConn>, &[u8]) -> alpn::Verdict + Send + Sync>;

/// How a key or certificate file is encoded (`SSL_FILETYPE_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileType {
    Pem,
    /// DER: one key or one certificate.
    Asn1,
}

pub struct CtxConfig {
    state: RwLock<State>,
    /// The trusted issuers of a context without a
    /// [`super::peer::PeerVerifier`] (the libssl face installs one, with
    /// libcrypto's `X509_STORE`).
    trust: Arc<RwLock<TrustStore>>,
}

#[derive(Default)]
struct State {
    settings: Settings,
    keypair: KeyPair,
    default_verify_paths: bool,
    servername: Option<ServernameCallback>,
    servername_arg: usize,
    /// `SSL_CTX_set_ex_data`: index → the application's pointer.
    ex_data: HashMap<i32, usize>,
    /// `SSL_CTX_set_cert_verify_callback` (callback and argument addresses),
    /// which replaces the chain verification: the libssl face calls it.
    cert_verify_callback: Option<(usize, usize)>,
    /// `SSL_CTX_set_alpn_select_cb`.
    alpn_select: Option<AlpnSelect>,
    /// A key-log callback is set: connections log their secrets.
    keylog: bool,
    /// `SSL_CTX_set_client_CA_list`: the names a server's certificate
    /// request lists (DER).
    ca_names: Vec<Vec<u8>>,
}

impl CtxConfig {
    /// The configuration of `SSL_CTX_new`: the same for every method.
    pub fn new(_role: Role) -> CtxConfig {
        CtxConfig {
            state: RwLock::new(State::default()),
            trust: Arc::new(RwLock::new(TrustStore::new())),
        }
    }

    // A panic under the lock (caught at the C boundary) must not make the
    // context unusable: poisoning is ignored, as each update is complete.
    fn read_state(&self) -> RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write_state(&self) -> RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of the settings, for `SSL_new`.
    pub fn connection_defaults(&self) -> Settings {
        self.read_state().settings.clone()
    }

    /// Reads the settings under the lock.
    pub fn read<R>(&self, f: impl FnOnce(&Settings) -> R) -> R {
        f(&self.read_state().settings)
    }

    /// Changes the settings under the lock.
    pub fn update<R>(&self, f: impl FnOnce(&mut Settings) -> R) -> R {
        f(&mut self.write_state().settings)
    }

    pub fn options(&self) -> u64 {
        self.read(Settings::options)
    }

    /// `SSL_OP_NO_TICKET`: TLS ≤ 1.2 uses session ids, TLS 1.3 stateful tickets.
    pub fn no_ticket(&self) -> bool {
        self.options() & consts::SSL_OP_NO_TICKET != 0
    }

    /// See [`Settings::versions`].
    pub fn versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        self.read(Settings::versions)
    }

    /// See [`Settings::client_versions`].
    pub fn client_versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        self.read(Settings::client_versions)
    }

    /// See [`Settings::allows_version`].
    pub fn allows_version(&self, version: u16) -> bool {
        self.read(|s| s.allows_version(version))
    }

    /// TLS 1.3 tickets a server sends after a full handshake.
    pub fn num_tickets(&self) -> usize {
        self.read(Settings::num_tickets)
    }

    // --- key pair -----------------------------------------------------------

    /// A copy of the key pair (either half may be missing).
    pub fn keypair(&self) -> KeyPair {
        self.read_state().keypair.clone()
    }

    /// The complete key pair for rustls; `None` while a half is missing.
    pub fn certified_key(&self) -> Option<Arc<CertifiedKey>> {
        self.read_state().keypair.certified()
    }

    /// `SSL_CTX_use_PrivateKey_file`. OpenSSL 3.0 refuses a key that does
    /// not match the installed certificate, keeping both as they were.
    pub fn use_private_key_file(&self, path: &Path, filetype: FileType) -> bool {
        let Some(key) = read_key(path, filetype).and_then(|der| keypair::signing_key(der).ok())
        else {
            return false;
        };
        let mut state = self.write_state();
        let kp = &mut state.keypair;
        if kp
            .chain()
            .first()
            .is_some_and(|leaf| !keypair::matches(&key, leaf))
        {
            return false;
        }
        kp.use_key(key);
        true
    }

    /// `SSL_CTX_use_certificate_file`: the file's first certificate becomes
    /// the leaf, the rest of the chain stays. A key it does not match is
    /// dropped (OpenSSL: "switching to a different cert & key").
    pub fn use_certificate_file(&self, path: &Path, filetype: FileType) -> bool {
        let Some(leaf) = read_leaf(path, filetype) else {
            return false;
        };
        let mut state = self.write_state();
        let kp = &mut state.keypair;
        let chain = std::iter::once(leaf)
            .chain(kp.chain().iter().skip(1).cloned())
            .collect();
        kp.use_chain(chain);
        true
    }

    /// `SSL_CTX_use_certificate_chain_file`: leaf then chain, PEM; a key
    /// the leaf does not match is dropped.
    pub fn use_certificate_chain_file(&self, path: &Path) -> bool {
        match keypair::read_certificates(path) {
            Ok(chain) => {
                self.write_state().keypair.use_chain(chain);
                true
            }
            Err(_) => false,
        }
    }

    /// Changes the key pair under the lock (the libssl face installs the
    /// certificates and keys of its `X509`/`EVP_PKEY` objects).
    pub fn update_keypair<R>(&self, f: impl FnOnce(&mut KeyPair) -> R) -> R {
        f(&mut self.write_state().keypair)
    }

    /// `SSL_CTX_check_private_key`: both halves present and matching.
    pub fn check_private_key(&self) -> bool {
        let state = self.read_state();
        match (state.keypair.key(), state.keypair.chain().first()) {
            (Some(key), Some(leaf)) => keypair::matches(key, leaf),
            _ => false,
        }
    }

    // --- trust --------------------------------------------------------------

    /// The trusted issuers, read-locked for a verification.
    pub fn trust(&self) -> RwLockReadGuard<'_, TrustStore> {
        self.trust.read().unwrap_or_else(|e| e.into_inner())
    }

    /// The trust store itself, for verifiers that outlive a call.
    pub fn trust_store(&self) -> Arc<RwLock<TrustStore>> {
        self.trust.clone()
    }

    fn trust_mut(&self) -> RwLockWriteGuard<'_, TrustStore> {
        self.trust.write().unwrap_or_else(|e| e.into_inner())
    }

    /// `SSL_CTX_load_verify_file`: every certificate of a PEM file; false
    /// (nothing added) if it cannot be read, has none or a bad one.
    pub fn load_verify_file(&self, path: &Path) -> bool {
        match keypair::read_certificates(path) {
            Ok(certs) => {
                let mut trust = self.trust_mut();
                certs.iter().all(|der| trust.add_der(der))
            }
            Err(_) => false,
        }
    }

    /// `SSL_CTX_load_verify_dir`: the certificates of each directory of a
    /// colon-separated list, from files named as `c_rehash` names them
    /// (hash.N) or ending in .pem/.crt; unreadable files and directories
    /// are skipped. OpenSSL looks certificates up there lazily, by subject
    /// hash, and accepts any non-empty list; this reads them now, so files
    /// added later are not seen.
    pub fn load_verify_dir(&self, dirs: &Path) -> bool {
        let Some(list) = dirs.to_str() else {
            return false;
        };
        if list.is_empty() {
            return false;
        }
        let mut trust = self.trust_mut();
        for dir in list.split(':').filter(|d| !d.is_empty()) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut files: Vec<_> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_ca_file_name(p))
                .collect();
            files.sort();
            for file in files {
                if let Ok(certs) = keypair::read_certificates(&file) {
                    for der in &certs {
                        trust.add_der(der);
                    }
                }
            }
        }
        true
    }

    /// `SSL_CTX_set_default_verify_paths`: the system's CA certificates
    /// (as OpenSSL, $SSL_CERT_FILE and $SSL_CERT_DIR override the
    /// locations). Always succeeds, as OpenSSL's does.
    pub fn set_default_verify_paths(&self) -> bool {
        self.trust_mut().add_system_roots();
        self.write_state().default_verify_paths = true;
        true
    }

    /// Whether the system's CA certificates were added.
    pub fn default_verify_paths(&self) -> bool {
        self.read_state().default_verify_paths
    }

    // --- callbacks and application data -------------------------------------

    /// `SSL_CTX_set_tlsext_servername_callback` (None: removed).
    pub fn set_servername_callback(&self, cb: Option<ServernameCallback>) {
        self.write_state().servername = cb;
    }

    /// `SSL_CTX_set_tlsext_servername_arg`.
    pub fn set_servername_arg(&self, arg: usize) {
        self.write_state().servername_arg = arg;
    }

    pub fn servername_arg(&self) -> usize {
        self.read_state().servername_arg
    }

    pub fn has_servername_callback(&self) -> bool {
        self.read_state().servername.is_some()
    }

    /// Runs the servername callback, if any, for `conn` with no lock held
    /// (it may call back into the context, e.g. `SSL_set_SSL_CTX`). The
    /// alert it chose when it asks for a fatal one: the handshake must fail.
    /// Its other answers (OK, warning, no acknowledgement) let it go on, as
    /// in OpenSSL.
    pub fn run_servername_callback(&self, conn: &Arc<SslConn>) -> Result<(), u8> {
        let (cb, arg) = {
            let state = self.read_state();
            match &state.servername {
                Some(cb) => (cb.clone(), state.servername_arg),
                None => return Ok(()),
            }
        };
        match cb(conn, arg) {
            (consts::SSL_TLSEXT_ERR_ALERT_FATAL, alert) => Err(alert),
            _ => Ok(()),
        }
    }

    /// `SSL_CTX_set_alpn_select_cb` (None: removed).
    pub fn set_alpn_select(&self, cb: Option<AlpnSelect>) {
        self.write_state().alpn_select = cb;
    }

    pub fn alpn_select(&self) -> Option<AlpnSelect> {
        self.read_state().alpn_select.clone()
    }

    /// Whether connections hand their secrets to a key-log callback.
    pub fn set_keylog(&self, on: bool) {
        self.write_state().keylog = on;
    }

    pub fn keylog(&self) -> bool {
        self.read_state().keylog
    }

    /// `SSL_CTX_set_client_CA_list` (DER names, in order).
    pub fn set_ca_names(&self, names: Vec<Vec<u8>>) {
        self.write_state().ca_names = names;
    }

    pub fn ca_names(&self) -> Vec<Vec<u8>> {
        self.read_state().ca_names.clone()
    }

    /// `SSL_CTX_set_ex_data`: false for a negative index.
    pub fn set_ex_data(&self, idx: i32, value: usize) -> bool {
        if idx < 0 {
            return false;
        }
        self.write_state().ex_data.insert(idx, value);
        true
    }

    /// `SSL_CTX_get_ex_data`: 0 (NULL) when never set.
    pub fn ex_data(&self, idx: i32) -> usize {
        self.read_state().ex_data.get(&idx).copied().unwrap_or(0)
    }

    /// `SSL_CTX_set_cert_verify_callback` (see the field).
    pub fn set_cert_verify_callback(&self, cb: Option<(usize, usize)>) {
        self.write_state().cert_verify_callback = cb;
    }

    /// The callback and argument addresses, if one is set.
    pub fn cert_verify_callback(&self) -> Option<(usize, usize)> {
        self.read_state().cert_verify_callback
    }
}

/// A name `c_rehash` gives (8 hex digits, '.', a number) or a .pem/.crt file.
fn is_ca_file_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if let Some((hash, n)) = name.split_once('.') {
        if hash.len() == 8
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            return true;
        }
    }
    name.ends_with(".pem") || name.ends_with(".crt")
}

fn read_key(path: &Path, filetype: FileType) -> Option<rustls::pki_types::PrivateKeyDer<'static>> {
    match filetype {
        FileType::Pem => keypair::read_private_key(path).ok(),
        FileType::Asn1 => std::fs::read(path)
            .ok()
            .and_then(|der| rustls::pki_types::PrivateKeyDer::try_from(der).ok()),
    }
}

fn read_leaf(path: &Path, filetype: FileType) -> Option<CertificateDer<'static>> {
    let text = std::fs::read(path).ok()?;
    let der = match filetype {
        FileType::Pem => CertificateDer::from_pem_slice(&text).ok()?,
        FileType::Asn1 => CertificateDer::from(text),
    };
    Certificate::from_der(&der).map(|_| der)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::keypair::tests::{temp_dir, write_pair};

    #[test]
    fn key_pair_rules_of_openssl_3() {
        let dir = temp_dir("ctxconfig-keys");
        let (a_cert, a_key) = write_pair(&dir, "a");
        let (b_cert, b_key) = write_pair(&dir, "b");
        let cfg = CtxConfig::new(Role::Any);
        assert!(!cfg.check_private_key());
        assert!(cfg.use_certificate_chain_file(&a_cert));
        assert!(!cfg.check_private_key());
        // A key that does not match the certificate is refused.
        assert!(!cfg.use_private_key_file(&b_key, FileType::Pem));
        assert!(cfg.keypair().key().is_none());
        assert!(cfg.use_private_key_file(&a_key, FileType::Pem));
        assert!(cfg.check_private_key());
        assert!(cfg.certified_key().is_some());
        // A certificate that does not match the key drops the key.
        assert!(cfg.use_certificate_file(&b_cert, FileType::Pem));
        assert!(cfg.keypair().key().is_none());
        assert!(!cfg.check_private_key());
        assert!(cfg.use_private_key_file(&b_key, FileType::Pem));
        assert!(cfg.check_private_key());
        // Wrong kinds of file.
        assert!(!cfg.use_private_key_file(&b_cert, FileType::Pem));
        assert!(!cfg.use_certificate_file(&b_key, FileType::Pem));
        assert!(!cfg.use_certificate_chain_file(&dir.join("missing")));
        assert!(!cfg.use_certificate_file(&b_cert, FileType::Asn1));
        // DER forms.
        let der = dir.join("b.der");
        std::fs::write(
            &der,
            keypair::read_certificates(&b_cert).unwrap()[0].as_ref(),
        )
        .unwrap();
        assert!(cfg.use_certificate_file(&der, FileType::Asn1));
        assert!(cfg.check_private_key());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn trust_from_files_and_directories() {
        let dir = temp_dir("ctxconfig-trust");
        let (a_cert, a_key) = write_pair(&dir, "a");
        let cfg = CtxConfig::new(Role::Client);
        assert!(cfg.load_verify_file(&a_cert));
        assert!(!cfg.load_verify_file(&a_key));
        assert!(!cfg.load_verify_file(&dir.join("missing")));
        assert_eq!(cfg.trust().len(), 1);

        let hashed = temp_dir("ctxconfig-trust-dir");
        write_pair(&hashed, "b");
        write_pair(&hashed, "c");
        std::fs::rename(hashed.join("c.pem"), hashed.join("0123abcd.0")).unwrap();
        write_pair(&hashed, "ignored");
        std::fs::rename(hashed.join("ignored.pem"), hashed.join("ignored.txt")).unwrap();
        let list = format!("/nonexistent:{}", hashed.display());
        assert!(cfg.load_verify_dir(Path::new(&list)));
        assert_eq!(cfg.trust().len(), 3);
        assert!(cfg.load_verify_dir(Path::new("/nonexistent")));
        assert!(!cfg.load_verify_dir(Path::new("")));
        assert!(!cfg.default_verify_paths());
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(&hashed);
    }

    #[test]
    fn ex_data_and_callbacks() {
        let cfg = CtxConfig::new(Role::Server);
        assert_eq!(cfg.ex_data(0), 0);
        assert!(cfg.set_ex_data(0, 42));
        assert!(cfg.set_ex_data(7, 43));
        assert!(!cfg.set_ex_data(-1, 44));
        assert_eq!(
            (cfg.ex_data(0), cfg.ex_data(7), cfg.ex_data(-1)),
            (42, 43, 0)
        );
        assert!(!cfg.has_servername_callback());
        cfg.set_servername_arg(5);
        cfg.set_servername_callback(Some(Arc::new(|_, arg| (arg as i32, 0))));
        assert!(cfg.has_servername_callback());
        assert_eq!(cfg.servername_arg(), 5);
        assert!(cfg.cert_verify_callback().is_none());
        cfg.set_cert_verify_callback(Some((1, 2)));
        assert_eq!(cfg.cert_verify_callback(), Some((1, 2)));
        assert_eq!(cfg.update(|s| s.set_mode(0x10)), 0x14);
        assert_eq!(cfg.connection_defaults().mode(), 0x14);
        assert!(!cfg.no_ticket());
        cfg.update(|s| s.set_options(consts::SSL_OP_NO_TICKET));
        assert!(cfg.no_ticket());
    }
}
