//! Certificate signatures as OpenSSL 3.0 handles them: which key type an
//! algorithm needs (`OBJ_find_sigid_algs`), its strength in bits of
//! security (`X509_get_signature_info`, with SHA-1 and MD5 rated 63 and 39)
//! and the check itself (`X509_verify`). RSA PKCS#1 v1.5 is checked here
//! for every digest OpenSSL accepts (also MD5, SHA-1, SHA-224 and keys
//! under 2048 bits); RSA-PSS, ECDSA and Ed25519 with rustls-webpki's
//! aws-lc-rs algorithms.

use md5::Md5;
use num_bigint::BigUint;
use sha1::{Digest, Sha1};
use sha2::{Sha224, Sha256, Sha384, Sha512};

use super::keys::{KeyKind, PublicKey, bit_length, oid_text};
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

/// Whether `signature` (over `tbs`, with the algorithm whose identifier
/// contents are `alg_der`) verifies with `key`.
pub fn verify(key: &PublicKey, alg_der: &[u8], tbs: &[u8], signature: &[u8]) -> bool {
    let alg = algorithm(alg_der);
    if !key_fits(key, &alg) {
        return false;
    }
    if let (Some(hash), Some(KeyKind::Rsa)) = (alg.pkcs1, key.kind) {
        // rustls-webpki (aws-lc) takes SHA-2 with keys of 2048 to 8192 bits.
        let modulus_bits = key.rsa_components().map_or(0, |(n, _)| bit_length(n));
        let webpki_has_it = matches!(hash, Hash::Sha256 | Hash::Sha384 | Hash::Sha512)
            && (2048..=8192).contains(&modulus_bits);
        if !webpki_has_it {
            return pkcs1_verify(key, hash, tbs, signature);
        }
    }
    webpki::ALL_VERIFICATION_ALGS
        .iter()
        .filter(|a| {
            a.signature_alg_id().as_ref() == alg_der && a.public_key_alg_id().as_ref() == key.alg
        })
        .any(|a| a.verify_signature(&key.bits, tbs, signature).is_ok())
}

/// RSASSA-PKCS1-v1_5 verification (RFC 8017 section 8.2.2) as OpenSSL does
/// it: a signature no longer than the modulus and below it, block type 1
/// with at least eight 0xff bytes, and exactly the DigestInfo encoding.
fn pkcs1_verify(key: &PublicKey, hash: Hash, tbs: &[u8], signature: &[u8]) -> bool {
    let Some((n, e)) = key.rsa_components() else {
        return false;
    };
    let k = n.len();
    if signature.len() > k || k < 11 {
        return false;
    }
    let modulus = BigUint::from_bytes_be(n);
    let s = BigUint::from_bytes_be(signature);
    if s >= modulus {
        return false;
    }
    let m = power(&s, e, &modulus).to_bytes_be();
    if m.len() > k - 1 {
        return false;
    }
    // The encoded message is 0x00 || m (left-padded to k bytes).
    let mut em = vec![0u8; k - m.len()];
    em.extend_from_slice(&m);
    let expected = digest_info(hash, tbs);
    if em.len() < expected.len() + 11 {
        return false;
    }
    let pad_end = em.len() - expected.len() - 1;
    em[0] == 0
        && em[1] == 1
        && em[2..pad_end].iter().all(|&b| b == 0xff)
        && em[pad_end] == 0
        && em[pad_end + 1..] == expected[..]
}

/// `base`^`exponent` mod `modulus` by square-and-multiply over the
/// exponent's bits: public exponents are short, and this is several times
/// cheaper for them than a windowed Montgomery exponentiation.
fn power(base: &BigUint, exponent: &[u8], modulus: &BigUint) -> BigUint {
    let mut acc = BigUint::from(1u32);
    for byte in exponent {
        for bit in (0..8).rev() {
            acc = (&acc * &acc) % modulus;
            if byte >> bit & 1 == 1 {
                acc = (&acc * base) % modulus;
            }
        }
    }
    acc
}

/// DER DigestInfo of `data` with `hash`.
fn digest_info(hash: Hash, data: &[u8]) -> Vec<u8> {
    let (oid, digest): (&[u8], Vec<u8>) = match hash {
        Hash::Md5 => (
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05],
            Md5::digest(data).to_vec(),
        ),
        Hash::Sha1 => (&[0x2b, 0x0e, 0x03, 0x02, 0x1a], Sha1::digest(data).to_vec()),
        Hash::Sha224 => (&NIST_HASH(4), Sha224::digest(data).to_vec()),
        Hash::Sha256 => (&NIST_HASH(1), Sha256::digest(data).to_vec()),
        Hash::Sha384 => (&NIST_HASH(2), Sha384::digest(data).to_vec()),
        Hash::Sha512 => (&NIST_HASH(3), Sha512::digest(data).to_vec()),
    };
    let mut alg = Vec::new();
    der::write(&mut alg, der::OID, oid);
    alg.extend_from_slice(&[0x05, 0x00]);
    let mut body = Vec::new();
    der::write(&mut body, der::SEQUENCE, &alg);
    der::write(&mut body, der::OCTET_STRING, &digest);
    let mut out = Vec::new();
    der::write(&mut out, der::SEQUENCE, &body);
    out
}

/// 2.16.840.1.101.3.4.2.`last` (the SHA-2 family).
#[allow(non_snake_case)]
const fn NIST_HASH(last: u8) -> [u8; 9] {
    [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, last]
}
