//! Client certificates named by a URI (neon 0.35's
//! `ne_ssl_clicert_fromuri`), read the way OpenSSL's file store
//! (`OSSL_STORE` with the "file" scheme) reads them: a `file:` URI or a
//! plain path; PEM files with certificates and keys (PKCS#8, PKCS#1,
//! SEC1, and encrypted PKCS#8 once a password is given), a DER
//! certificate or key, or a PKCS#12 file. The first certificate and the
//! first key found are used.

use std::path::PathBuf;

use rustls::pki_types::{
    CertificateDer, PrivateKeyDer, PrivatePkcs1KeyDer, PrivatePkcs8KeyDer, PrivateSec1KeyDer,
};

use super::cert::Certificate;
use super::der;
use super::pkcs12::Pkcs12;
use crate::text::base64;

/// Why nothing usable was found; the errno neon reports for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreError {
    /// The URI names no readable file (or another scheme): ENODEV.
    NoDevice,
    /// No certificate in it: ENOENT.
    NoCertificate,
    /// A certificate and a key that do not belong together: EINVAL.
    Mismatch,
}

impl StoreError {
    pub fn errno(self) -> i32 {
        match self {
            StoreError::NoDevice => libc::ENODEV,
            StoreError::NoCertificate => libc::ENOENT,
            StoreError::Mismatch => libc::EINVAL,
        }
    }
}

/// What a store holds: the first certificate, and the first key if one
/// could be read.
#[derive(Debug)]
pub struct Found {
    pub cert: CertificateDer<'static>,
    pub key: Option<PrivateKeyDer<'static>>,
}

/// The file a URI names: `file:/path`, `file:///path`,
/// `file://localhost/path`, or a path without a scheme. Other `file:`
/// forms name nothing.
fn path_of(uri: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let path = match uri.strip_prefix(b"file:") {
        None => uri,
        Some(rest) => match rest.strip_prefix(b"//") {
            Some(auth) if auth.starts_with(b"/") => auth,
            Some(auth) => auth
                .strip_prefix(b"localhost")
                .filter(|p| p.starts_with(b"/"))?,
            None if rest.starts_with(b"/") => rest,
            None => return None,
        },
    };
    (!path.is_empty()).then(|| PathBuf::from(std::ffi::OsStr::from_bytes(path)))
}

/// Reads the store named by `uri`; `password` decrypts encrypted keys
/// (and PKCS#12 files), none tries an empty one for PKCS#12 only. A key
/// that does not match the certificate is an error.
pub fn load(uri: &[u8], password: Option<&[u8]>) -> Result<Found, StoreError> {
    let path = path_of(uri).ok_or(StoreError::NoDevice)?;
    let data = std::fs::read(path).map_err(|_| StoreError::NoDevice)?;
    let (certs, keys) = if memchr::memmem::find(&data, b"-----BEGIN ").is_some() {
        pem_items(&data, password)
    } else {
        der_items(&data, password)
    };
    let cert = certs.into_iter().next().ok_or(StoreError::NoCertificate)?;
    let key = keys.into_iter().next();
    if let Some(k) = &key {
        let signer =
            super::keypair::signing_key(k.clone_key()).map_err(|_| StoreError::Mismatch)?;
        if !super::keypair::matches(&signer, &cert) {
            return Err(StoreError::Mismatch);
        }
    }
    Ok(Found { cert, key })
}

type Items = (Vec<CertificateDer<'static>>, Vec<PrivateKeyDer<'static>>);

/// The certificates and keys of a PEM file, in order; blocks that do not
/// decode are skipped.
fn pem_items(data: &[u8], password: Option<&[u8]>) -> Items {
    let (mut certs, mut keys) = (Vec::new(), Vec::new());
    for (label, der) in pem_sections(data) {
        match label.as_slice() {
            b"CERTIFICATE" if Certificate::from_der(&der).is_some() => {
                certs.push(CertificateDer::from(der));
            }
            b"PRIVATE KEY" => keys.push(PrivatePkcs8KeyDer::from(der).into()),
            b"RSA PRIVATE KEY" => keys.push(PrivatePkcs1KeyDer::from(der).into()),
            b"EC PRIVATE KEY" => keys.push(PrivateSec1KeyDer::from(der).into()),
            b"ENCRYPTED PRIVATE KEY" => {
                if let Some(k) = password.and_then(|pw| decrypt_pkcs8(&der, pw)) {
                    keys.push(PrivatePkcs8KeyDer::from(k).into());
                }
            }
            _ => {}
        }
    }
    (certs, keys)
}

/// A DER file: a certificate, a key, or a PKCS#12 structure.
fn der_items(data: &[u8], password: Option<&[u8]>) -> Items {
    if Certificate::from_der(data).is_some() {
        return (vec![CertificateDer::from(data.to_vec())], Vec::new());
    }
    // PKCS#12 before keys: the key-type guess takes a PFX for a key.
    let Some(p12) = Pkcs12::parse(data) else {
        let keys = PrivateKeyDer::try_from(data).map(|k| k.clone_key());
        return (Vec::new(), keys.into_iter().collect());
    };
    let Ok(contents) = p12.open(password.unwrap_or_default()) else {
        return (Vec::new(), Vec::new());
    };
    let keys: Vec<PrivateKeyDer<'static>> = contents
        .keys
        .into_iter()
        .map(PrivateKeyDer::Pkcs8)
        .collect();
    // The certificate that goes with the first key comes first, as
    // PKCS12_parse hands it out.
    let mut certs: Vec<CertificateDer<'static>> =
        contents.certs.into_iter().map(|b| b.der).collect();
    if let Some(k) = keys.first() {
        if let Ok(signer) = super::keypair::signing_key(k.clone_key()) {
            if let Some(i) = certs
                .iter()
                .position(|c| super::keypair::matches(&signer, c))
            {
                let c = certs.remove(i);
                certs.insert(0, c);
            }
        }
    }
    (certs, keys)
}

/// An EncryptedPrivateKeyInfo decrypted with `password` (PBES2), if it
/// decrypts to something shaped like a PKCS#8 key.
fn decrypt_pkcs8(der: &[u8], password: &[u8]) -> Option<Vec<u8>> {
    let (info, _) = der::expect(der, der::SEQUENCE)?;
    let parts = der::children(info.content)?;
    let [alg, data] = parts.as_slice() else {
        return None;
    };
    if alg.tag != der::SEQUENCE || data.tag != der::OCTET_STRING {
        return None;
    }
    let scheme = pkcs5::EncryptionScheme::try_from(alg.raw).ok()?;
    let plain = scheme.decrypt(password, data.content).ok()?;
    der::expect(&plain, der::SEQUENCE)?;
    Some(plain)
}

/// The labelled blocks of a PEM text, decoded; blocks with headers
/// (legacy encryption) or bad base64 are left out.
fn pem_sections(data: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    let mut lines = data
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix(b"-----BEGIN ")
            .and_then(|l| l.strip_suffix(b"-----"))
        else {
            continue;
        };
        let end = [b"-----END ", label, b"-----"].concat();
        let mut body = Vec::new();
        let mut ok = false;
        let mut headers = false;
        for l in lines.by_ref() {
            if l == end.as_slice() {
                ok = true;
                break;
            }
            if l.contains(&b':') {
                headers = true;
            }
            body.extend(l.iter().filter(|b| !b.is_ascii_whitespace()));
        }
        if !ok || headers {
            continue;
        }
        if let Ok(der) = base64::decode(&body) {
            out.push((label.to_vec(), der));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_forms() {
        let p = |u: &[u8]| path_of(u).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(p(b"/a/b.pem").as_deref(), Some("/a/b.pem"));
        assert_eq!(p(b"rel.pem").as_deref(), Some("rel.pem"));
        assert_eq!(p(b"file:/a/b.pem").as_deref(), Some("/a/b.pem"));
        assert_eq!(p(b"file:///a/b.pem").as_deref(), Some("/a/b.pem"));
        assert_eq!(p(b"file://localhost/a").as_deref(), Some("/a"));
        assert_eq!(p(b"file://host/a"), None);
        assert_eq!(p(b"file:rel"), None);
        assert_eq!(p(b"pkcs11:token=x").as_deref(), Some("pkcs11:token=x"));
        assert_eq!(p(b""), None);
    }

    #[test]
    fn pem_blocks_in_order() {
        let text = b"junk\n-----BEGIN A-----\nYWJj\n-----END A-----\n\
            -----BEGIN B-----\nProc-Type: 4,ENCRYPTED\n\nYWJj\n-----END B-----\n\
            -----BEGIN C-----\r\nYW\r\nJj\r\n-----END C-----\r\n-----BEGIN D-----\nYWJj\n";
        let s = pem_sections(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0], (b"A".to_vec(), b"abc".to_vec()));
        assert_eq!(s[1], (b"C".to_vec(), b"abc".to_vec()));
    }

    #[test]
    fn pkcs12_without_password() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/tls/testdata/pkcs12/empty.p12"
        );
        let found = load(path.as_bytes(), None).unwrap();
        assert!(found.key.is_some());
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/tls/testdata/pkcs12/aes.p12"
        );
        assert_eq!(
            load(path.as_bytes(), None).unwrap_err(),
            StoreError::NoCertificate
        );
        assert!(
            load(path.as_bytes(), Some(b"s3cret"))
                .unwrap()
                .key
                .is_some()
        );
    }

    #[test]
    fn missing_files_and_other_schemes() {
        assert_eq!(
            load(b"/nonexistent/x.pem", None).unwrap_err(),
            StoreError::NoDevice
        );
        assert_eq!(load(b"http://x/y", None).unwrap_err(), StoreError::NoDevice);
        assert_eq!(StoreError::NoCertificate.errno(), libc::ENOENT);
    }
}
