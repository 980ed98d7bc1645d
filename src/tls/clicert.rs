//! A client certificate as neon handles it (`ne_ssl_client_cert`): read
//! from a PKCS#12 file, either usable at once (it opens without a
//! password) or encrypted until decrypted with one; or (neon 0.35) found
//! through a URI, encrypted when its key needs a password. Its name, its
//! certificate, and the key rustls presents.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::sign::CertifiedKey;

use super::cert::Certificate;
use super::filestore::{self, StoreError};
use super::keypair;
use super::pkcs12::{Contents, OpenError, Pkcs12};

/// Why decryption failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecryptError {
    /// Already decrypted (neon keeps no PKCS#12 data after decryption).
    NotEncrypted,
    /// Wrong password.
    Password,
    /// Malformed contents or unsupported algorithms.
    Malformed,
    /// No private key, or no certificate that matches it.
    NoKeyPair,
}

/// A decrypted client certificate: the certificate and the key that
/// signs for it. Cheap to clone.
#[derive(Clone)]
pub struct Identity {
    pub owner: Certificate,
    pub key: Arc<CertifiedKey>,
}

#[derive(Clone)]
enum State {
    Encrypted(Pkcs12),
    /// A certificate from a store whose key is still to be read with a
    /// password: the URI to read again, and the certificate found.
    Store(Vec<u8>, Box<Certificate>),
    Decrypted(Box<Identity>),
}

#[derive(Clone)]
pub struct ClientCert {
    name: Option<String>,
    state: State,
}

impl std::fmt::Debug for ClientCert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCert")
            .field("name", &self.name)
            .field("encrypted", &self.is_encrypted())
            .finish()
    }
}

/// What OpenSSL's PKCS12_parse takes from a file: the first private key,
/// and the first certificate that key matches (the others are CA
/// certificates neon ignores); with that certificate's friendly name.
fn identity(contents: Contents) -> Option<(Identity, Option<String>)> {
    let der = contents.keys.into_iter().next()?;
    let key = keypair::signing_key(PrivateKeyDer::Pkcs8(der)).ok()?;
    let bag = contents
        .certs
        .into_iter()
        .find(|c| keypair::matches(&key, &c.der))?;
    let owner = Certificate::from_der(&bag.der)?;
    let key = Arc::new(CertifiedKey::new(vec![bag.der], key));
    Some((Identity { owner, key }, bag.friendly_name))
}

/// A certificate and key from a store as an identity (the key must match,
/// which the store checked).
fn store_identity(cert: &CertificateDer<'static>, key: PrivateKeyDer<'static>) -> Option<Identity> {
    let key = keypair::signing_key(key).ok()?;
    let owner = Certificate::from_der(cert)?;
    Some(Identity {
        owner,
        key: Arc::new(CertifiedKey::new(vec![cert.clone()], key)),
    })
}

impl ClientCert {
    /// A client certificate found through `uri` (neon 0.35's
    /// `ne_ssl_clicert_fromuri`): decrypted if the store gave its key,
    /// encrypted if it gave only the certificate. Its name is the URI.
    pub fn from_uri(uri: &[u8]) -> Result<ClientCert, StoreError> {
        let found = filestore::load(uri, None)?;
        let name = Some(String::from_utf8_lossy(uri).into_owned());
        let state = match found.key {
            Some(key) => State::Decrypted(Box::new(
                store_identity(&found.cert, key).ok_or(StoreError::Mismatch)?,
            )),
            None => State::Store(
                uri.to_vec(),
                Box::new(Certificate::from_der(&found.cert).ok_or(StoreError::NoCertificate)?),
            ),
        };
        Ok(ClientCert { name, state })
    }

    /// Reads a PKCS#12 file (`ne_ssl_clicert_read`).
    pub fn read(path: &Path) -> Option<ClientCert> {
        ClientCert::import(&std::fs::read(path).ok()?)
    }

    /// Parses a PKCS#12 structure (`ne_ssl_clicert_import`). One that opens
    /// without a password must hold a key and its certificate; one that
    /// needs a password is kept encrypted, named by what is visible
    /// without decrypting. `None` for anything else.
    pub fn import(der: &[u8]) -> Option<ClientCert> {
        let p12 = Pkcs12::parse(der)?;
        match p12.open(b"") {
            Ok(contents) => {
                let (id, name) = identity(contents)?;
                Some(ClientCert {
                    name,
                    state: State::Decrypted(Box::new(id)),
                })
            }
            Err(OpenError::Password) => Some(ClientCert {
                name: p12.visible_friendly_name(),
                state: State::Encrypted(p12),
            }),
            Err(OpenError::Malformed) => None,
        }
    }

    /// Decrypts with `password`; the friendly name stays the one found
    /// before decryption, as in neon.
    pub fn decrypt(&mut self, password: &[u8]) -> Result<(), DecryptError> {
        if let State::Store(uri, _) = &self.state {
            let found =
                filestore::load(uri, Some(password)).map_err(|_| DecryptError::NoKeyPair)?;
            let key = found.key.ok_or(DecryptError::Password)?;
            let id = store_identity(&found.cert, key).ok_or(DecryptError::NoKeyPair)?;
            self.state = State::Decrypted(Box::new(id));
            return Ok(());
        }
        let State::Encrypted(p12) = &self.state else {
            return Err(DecryptError::NotEncrypted);
        };
        let contents = p12.open(password).map_err(|e| match e {
            OpenError::Password => DecryptError::Password,
            OpenError::Malformed => DecryptError::Malformed,
        })?;
        let (id, _) = identity(contents).ok_or(DecryptError::NoKeyPair)?;
        self.state = State::Decrypted(Box::new(id));
        Ok(())
    }

    pub fn is_encrypted(&self) -> bool {
        !matches!(self.state, State::Decrypted(_))
    }

    /// The certificate: once decrypted, or from a store before (a
    /// PKCS#12 file shows none before).
    pub fn owner(&self) -> Option<&Certificate> {
        match &self.state {
            State::Decrypted(id) => Some(&id.owner),
            State::Store(_, cert) => Some(cert),
            State::Encrypted(_) => None,
        }
    }

    /// The friendly name, if the file gave one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The certificate and key, once decrypted.
    pub fn identity(&self) -> Option<&Identity> {
        match &self.state {
            State::Decrypted(id) => Some(id),
            State::Encrypted(_) | State::Store(..) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::pkcs12::tests::fixture;

    fn cn(c: &ClientCert) -> String {
        let owner = &c.identity().expect("decrypted").owner;
        let cn = owner
            .subject()
            .last_common_name()
            .unwrap()
            .readable()
            .unwrap();
        String::from_utf8(cn).unwrap()
    }

    /// What the system libneon (OpenSSL 3) says about each fixture:
    /// encrypted at first, friendly name, and the decryption result.
    #[test]
    fn states_and_names_as_neon() {
        // (file, encrypted when read, friendly name, decryption with "s3cret")
        type Case = (
            &'static str,
            bool,
            Option<&'static str>,
            Result<(), DecryptError>,
        );
        let cases: [Case; 9] = [
            ("aes.p12", true, Some("AES client"), Ok(())),
            ("3des.p12", true, Some("3DES client"), Ok(())),
            ("certplain.p12", true, Some("Visible client"), Ok(())),
            ("withca.p12", true, Some("With CA"), Ok(())),
            ("noname.p12", true, None, Ok(())),
            // OpenSSL 3 without its legacy provider cannot decrypt RC2.
            ("legacy.p12", true, Some("Legacy client"), Ok(())),
            ("nokey.p12", true, None, Err(DecryptError::NoKeyPair)),
            (
                "empty.p12",
                false,
                Some("Empty client"),
                Err(DecryptError::NotEncrypted),
            ),
            (
                "nomac.p12",
                false,
                Some("Plain client"),
                Err(DecryptError::NotEncrypted),
            ),
        ];
        for (file, encrypted, name, decrypted) in cases {
            let mut c = ClientCert::import(&fixture(file)).unwrap_or_else(|| panic!("{file}"));
            assert_eq!(c.is_encrypted(), encrypted, "{file}");
            assert_eq!(c.name(), name, "{file}");
            assert_eq!(c.identity().is_none(), encrypted, "{file}");
            if encrypted {
                assert_eq!(
                    c.decrypt(b"").unwrap_err(),
                    DecryptError::Password,
                    "{file}"
                );
                assert_eq!(
                    c.decrypt(b"wrong-password").unwrap_err(),
                    DecryptError::Password,
                    "{file}"
                );
                assert!(c.is_encrypted());
            }
            assert_eq!(c.decrypt(b"s3cret"), decrypted, "{file}");
            if decrypted.is_ok() {
                assert!(!c.is_encrypted(), "{file}");
                // Decrypting twice fails; the name is the one found before.
                assert_eq!(
                    c.decrypt(b"s3cret").unwrap_err(),
                    DecryptError::NotEncrypted
                );
                assert_eq!(c.name(), name, "{file}");
            }
            if !c.is_encrypted() {
                assert_eq!(cn(&c), "pkcs12 client", "{file}");
                let id = c.identity().unwrap();
                assert!(id.key.keys_match().is_ok(), "{file}");
                assert_eq!(id.key.cert.len(), 1, "{file}: only the leaf is presented");
                assert_eq!(id.key.cert[0].as_ref(), id.owner.der(), "{file}");
            }
        }
    }

    #[test]
    fn rsa_keys_and_bad_input() {
        let c = ClientCert::import(&fixture("rsa.p12")).unwrap();
        assert_eq!(c.name(), Some("RSA client"));
        assert_eq!(cn(&c), "pkcs12 rsa client");
        // Opens without a password but holds no key: refused, as by neon.
        assert!(ClientCert::import(&fixture("nokey-empty.p12")).is_none());
        assert!(ClientCert::import(b"").is_none());
        assert!(ClientCert::import(&fixture("ca.pem")).is_none());
        let aes = fixture("aes.p12");
        assert!(ClientCert::import(&aes[..aes.len() - 1]).is_none());
        assert!(ClientCert::read(Path::new("/nonexistent/client.p12")).is_none());
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tls/testdata/pkcs12/aes.p12");
        assert!(ClientCert::read(&path).unwrap().is_encrypted());
    }
}
