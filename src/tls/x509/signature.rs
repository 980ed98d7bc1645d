//! Certificate signatures as OpenSSL 3.0 handles them: which key type an
//! algorithm needs (`OBJ_find_sigid_algs`), its strength in bits of
//! security (`X509_get_signature_info`, with SHA-1 and MD5 rated 63 and 39)
//! and the check itself (`X509_verify`), with the error-queue entries a
//! failure leaves. RSA (PKCS#1 v1.5 with every digest OpenSSL accepts,
//! RSA-PSS, any key size it takes) is checked by [`rsa_verify`]; ECDSA and
//! Ed25519 with rustls-webpki's aws-lc-rs algorithms.

use md5::Md5;
use rustls::pki_types::SignatureVerificationAlgorithm;
use sha1::{Digest, Sha1};
use sha2::{Sha224, Sha256, Sha384, Sha512};

use super::errqueue::{self as q, ErrEntry};
use super::keys::{KeyKind, PublicKey, oid_text};
use super::rsa;
pub use super::rsa::Padding;
use crate::tls::der;

/// The digests of PKCS#1 v1.5 signatures checked here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// What a signature algorithm identifier names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigAlg {
    /// The key type it needs; `None` for an algorithm OpenSSL does not know.
    pub family: Option<KeyKind>,
    /// Bits of security of its digest; `None` when OpenSSL cannot tell
    /// (then the signature fails every security level).
    pub security_bits: Option<u32>,
    /// The PKCS#1 v1.5 digest, for RSA signatures.
    pub pkcs1: Option<Hash>,
}

/// Reads the contents of a signature AlgorithmIdentifier.
pub fn algorithm(alg: &[u8]) -> SigAlg {
    let unknown = SigAlg {
        family: None,
        security_bits: None,
        pkcs1: None,
    };
    let Some((oid, params)) = der::expect(alg, der::OID) else {
        return unknown;
    };
    let rsa = |hash: Hash, bits: u32| SigAlg {
        family: Some(KeyKind::Rsa),
        security_bits: Some(bits),
        pkcs1: Some(hash),
    };
    let other = |family: KeyKind, bits: Option<u32>| SigAlg {
        family: Some(family),
        security_bits: bits,
        pkcs1: None,
    };
    match oid_text(oid.content).as_str() {
        "1.2.840.113549.1.1.4" => rsa(Hash::Md5, 39),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => rsa(Hash::Sha1, 63),
        "1.2.840.113549.1.1.14" => rsa(Hash::Sha224, 112),
        "1.2.840.113549.1.1.11" => rsa(Hash::Sha256, 128),
        "1.2.840.113549.1.1.12" => rsa(Hash::Sha384, 192),
        "1.2.840.113549.1.1.13" => rsa(Hash::Sha512, 256),
        "1.2.840.113549.1.1.3" => other(KeyKind::Rsa, Some(64)), // MD4
        "1.2.840.113549.1.1.10" => other(KeyKind::RsaPss, pss_security(params)),
        "1.2.840.10045.4.1" => other(KeyKind::Ec, Some(63)),
        "1.2.840.10045.4.3.1" => other(KeyKind::Ec, Some(112)),
        "1.2.840.10045.4.3.2" => other(KeyKind::Ec, Some(128)),
        "1.2.840.10045.4.3.3" => other(KeyKind::Ec, Some(192)),
        "1.2.840.10045.4.3.4" => other(KeyKind::Ec, Some(256)),
        "1.2.840.10040.4.3" => other(KeyKind::Dsa, Some(63)),
        "2.16.840.1.101.3.4.3.1" => other(KeyKind::Dsa, Some(112)),
        "2.16.840.1.101.3.4.3.2" => other(KeyKind::Dsa, Some(128)),
        "1.3.101.112" => other(KeyKind::Ed25519, Some(128)),
        "1.3.101.113" => other(KeyKind::Ed448, Some(224)),
        _ => unknown,
    }
}

/// RSA-PSS: half the digest's bits, SHA-1 rated 64 and MD5 39 (the RSA
/// method's own rating); `None` for parameters it cannot read.
fn pss_security(params: &[u8]) -> Option<u32> {
    let hash = match der::expect(params, der::SEQUENCE) {
        None if params.is_empty() => return Some(64),
        None => return None,
        Some((seq, _)) => der::children(seq.content)?
            .into_iter()
            .find(|f| f.tag == 0xa0),
    };
    let Some(hash) = hash else {
        return Some(64);
    };
    let (alg, _) = der::expect(hash.content, der::SEQUENCE)?;
    let (oid, _) = der::expect(alg.content, der::OID)?;
    Some(match oid_text(oid.content).as_str() {
        "1.3.14.3.2.26" => 64,
        "1.2.840.113549.2.5" => 39,
        "2.16.840.1.101.3.4.2.4" => 112,
        "2.16.840.1.101.3.4.2.1" => 128,
        "2.16.840.1.101.3.4.2.2" => 192,
        "2.16.840.1.101.3.4.2.3" => 256,
        _ => return None,
    })
}

/// `check_sig_alg_match`: the issuer's key is of the type the subject's
/// signature algorithm needs (an RSA key also makes RSA-PSS signatures).
pub fn key_fits(key: &PublicKey, alg: &SigAlg) -> bool {
    match (key.kind, alg.family) {
        (Some(k), Some(f)) => k == f || (f == KeyKind::RsaPss && k == KeyKind::Rsa),
        _ => false,
    }
}

/// `X509_verify`'s signature check: whether `signature` (over `tbs`, with
/// the algorithm whose identifier contents are `alg_der`) verifies with
/// `key`; if not, the error-queue entries OpenSSL leaves. RSA goes through
/// [`rsa_verify`]; the other types through rustls-webpki's algorithms,
/// whose failures OpenSSL reports with `ASN1_item_verify`'s entry alone
/// (an ECDSA mismatch raises nothing below it; a malformed ECDSA
/// signature's decoding errors are not reproduced).
pub fn verify(
    key: &PublicKey,
    alg_der: &[u8],
    tbs: &[u8],
    signature: &[u8],
) -> Result<(), Vec<ErrEntry>> {
    let alg = algorithm(alg_der);
    if alg.family.is_none() {
        return Err(vec![q::UNKNOWN_SIGNATURE_ALGORITHM]);
    }
    if !key_fits(key, &alg) {
        return Err(vec![q::WRONG_PUBLIC_KEY_TYPE]);
    }
    let padding = match (alg.pkcs1, alg.family) {
        (Some(hash), _) => Some(Padding::Pkcs1(hash)),
        (None, Some(KeyKind::RsaPss)) => {
            // Parameters OpenSSL cannot use fail in ossl_rsa_pss_to_ctx
            // (its own entries are not reproduced).
            let params = der::expect(alg_der, der::OID).map(|(_, p)| p);
            Some(params.and_then(pss_params).ok_or_else(Vec::new)?)
        }
        _ => None,
    };
    if let Some(padding) = padding {
        return rsa_verify(key, padding, tbs, signature).map_err(|mut e| {
            e.extend([q::PROV_RSA_LIB, q::ASN1_EVP_LIB]);
            e
        });
    }
    let verified = webpki::ALL_VERIFICATION_ALGS
        .iter()
        .filter(|a| {
            a.signature_alg_id().as_ref() == alg_der && a.public_key_alg_id().as_ref() == key.alg
        })
        .any(|a| a.verify_signature(&key.bits, tbs, signature).is_ok());
    if verified {
        Ok(())
    } else {
        Err(vec![q::ASN1_EVP_LIB])
    }
}

/// An RSA signature as OpenSSL checks it (any key size it takes, every
/// digest): rustls-webpki's aws-lc-rs algorithm where one exists for the
/// padding (2048-8192 bit keys, SHA-2), else, and to tell why it failed,
/// the exact check of [`rsa::verify`]. The key may be an RSA or an
/// RSA-PSS key (the caller has checked which the padding allows).
pub fn rsa_verify(
    key: &PublicKey,
    padding: Padding,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Vec<ErrEntry>> {
    use webpki::aws_lc_rs as alg;
    let fast: Option<&dyn SignatureVerificationAlgorithm> = match padding {
        _ if key.kind != Some(KeyKind::Rsa) => None,
        Padding::Pkcs1(Hash::Sha256) => Some(alg::RSA_PKCS1_2048_8192_SHA256),
        Padding::Pkcs1(Hash::Sha384) => Some(alg::RSA_PKCS1_2048_8192_SHA384),
        Padding::Pkcs1(Hash::Sha512) => Some(alg::RSA_PKCS1_2048_8192_SHA512),
        Padding::Pss {
            hash: Hash::Sha256,
            mgf1: Hash::Sha256,
            salt: 32,
        } => Some(alg::RSA_PSS_2048_8192_SHA256_LEGACY_KEY),
        Padding::Pss {
            hash: Hash::Sha384,
            mgf1: Hash::Sha384,
            salt: 48,
        } => Some(alg::RSA_PSS_2048_8192_SHA384_LEGACY_KEY),
        Padding::Pss {
            hash: Hash::Sha512,
            mgf1: Hash::Sha512,
            salt: 64,
        } => Some(alg::RSA_PSS_2048_8192_SHA512_LEGACY_KEY),
        _ => None,
    };
    if fast.is_some_and(|a| a.verify_signature(&key.bits, message, signature).is_ok()) {
        return Ok(());
    }
    let Some((n, e)) = key.rsa_components() else {
        return Err(Vec::new());
    };
    rsa::verify(n, e, padding, message, signature)
}

/// RSASSA-PSS-params (RFC 4055) as `ossl_rsa_pss_get_param` reads them:
/// SHA-1, MGF1 with SHA-1 and a 20-byte salt unless given; the trailer
/// field must be 1. `None` for parameters OpenSSL refuses.
fn pss_params(params: &[u8]) -> Option<Padding> {
    let (mut hash, mut mgf1, mut salt) = (Hash::Sha1, None, 20usize);
    if !params.is_empty() {
        let (seq, rest) = der::expect(params, der::SEQUENCE)?;
        if !rest.is_empty() {
            return None;
        }
        for field in der::children(seq.content)? {
            match field.tag {
                0xa0 => hash = hash_alg(field.content)?,
                0xa1 => {
                    // MaskGenAlgorithm: id-mgf1 with a hash AlgorithmIdentifier.
                    let (mga, _) = der::expect(field.content, der::SEQUENCE)?;
                    let (oid, inner) = der::expect(mga.content, der::OID)?;
                    if oid_text(oid.content) != "1.2.840.113549.1.1.8" {
                        return None;
                    }
                    mgf1 = Some(hash_alg(inner)?);
                }
                0xa2 => {
                    let (n, _) = der::expect(field.content, der::INTEGER)?;
                    if n.content.len() > 4 || n.content.first()? & 0x80 != 0 {
                        return None;
                    }
                    salt = n.content.iter().fold(0, |a, &b| a << 8 | usize::from(b));
                }
                0xa3 => {
                    let (n, _) = der::expect(field.content, der::INTEGER)?;
                    if n.content != [1] {
                        return None;
                    }
                }
                _ => return None,
            }
        }
    }
    Some(Padding::Pss {
        hash,
        mgf1: mgf1.unwrap_or(Hash::Sha1),
        salt,
    })
}

/// A digest's AlgorithmIdentifier (NULL or absent parameters).
fn hash_alg(alg: &[u8]) -> Option<Hash> {
    let (seq, _) = der::expect(alg, der::SEQUENCE)?;
    let (oid, params) = der::expect(seq.content, der::OID)?;
    if !(params.is_empty() || params == [0x05, 0x00]) {
        return None;
    }
    Some(match oid_text(oid.content).as_str() {
        "1.2.840.113549.2.5" => Hash::Md5,
        "1.3.14.3.2.26" => Hash::Sha1,
        "2.16.840.1.101.3.4.2.4" => Hash::Sha224,
        "2.16.840.1.101.3.4.2.1" => Hash::Sha256,
        "2.16.840.1.101.3.4.2.2" => Hash::Sha384,
        "2.16.840.1.101.3.4.2.3" => Hash::Sha512,
        _ => return None,
    })
}

impl Hash {
    /// The digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Hash::Md5 => Md5::digest(data).to_vec(),
            Hash::Sha1 => Sha1::digest(data).to_vec(),
            Hash::Sha224 => Sha224::digest(data).to_vec(),
            Hash::Sha256 => Sha256::digest(data).to_vec(),
            Hash::Sha384 => Sha384::digest(data).to_vec(),
            Hash::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    /// Its length in bytes.
    pub fn size(self) -> usize {
        match self {
            Hash::Md5 => 16,
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}
