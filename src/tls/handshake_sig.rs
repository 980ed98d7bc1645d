//! The peer's handshake signature (TLS 1.2 ServerKeyExchange, TLS 1.3 and
//! client CertificateVerify) checked as OpenSSL 3.0 checks it: with the key
//! of the peer's certificate whatever its verification said (a program
//! may accept any chain), the key read by our own certificate parsing (a
//! certificate with an unknown critical extension still has a key), and
//! RSA keys of any size OpenSSL's RSA code takes, since
//! `tls12_check_peer_sigalg` rates only the scheme's digest, never the key.
//! The schemes are the ones offered (the verifier's mapping); as in
//! OpenSSL, the key must be of the scheme's type, and in TLS 1.3 an ECDSA
//! key on the scheme's curve.

use rustls::client::danger::HandshakeSignatureValid;
use rustls::crypto::WebPkiSupportedAlgorithms;
use rustls::pki_types::CertificateDer;
use rustls::{CertificateError, DigitallySignedStruct, Error, PeerMisbehaved, SignatureScheme};

use super::x509::keys::{KeyKind, PublicKey};
use super::x509::signature::{self, Hash, Padding};

/// Verifies `dss` over `message` with `cert`'s key.
pub fn verify(
    message: &[u8],
    cert: &CertificateDer<'_>,
    dss: &DigitallySignedStruct,
    tls13: bool,
    algorithms: &WebPkiSupportedAlgorithms,
) -> Result<HandshakeSignatureValid, Error> {
    let scheme = dss.scheme;
    let unadvertised =
        || Error::PeerMisbehaved(PeerMisbehaved::SignedHandshakeWithUnadvertisedSigScheme);
    if tls13 && !in_tls13(scheme) {
        return Err(unadvertised());
    }
    let Some((_, candidates)) = algorithms.mapping.iter().find(|(s, _)| *s == scheme) else {
        return Err(unadvertised());
    };
    let key = PublicKey::of_certificate(cert)
        .filter(|k| k.kind.is_some())
        .ok_or(Error::InvalidCertificate(CertificateError::BadEncoding))?;
    let bad_signature = Error::InvalidCertificate(CertificateError::BadSignature);
    if let Some(padding) = rsa_padding(scheme) {
        // rsa_pkcs1_* and rsa_pss_rsae_* need an rsaEncryption key.
        if key.kind != Some(KeyKind::Rsa) {
            return Err(unadvertised());
        }
        return signature::rsa_verify(&key, padding, message, dss.signature())
            .map(|()| HandshakeSignatureValid::assertion())
            .map_err(|_| bad_signature);
    }
    // ECDSA and EdDSA: the algorithm for the key's type (and curve); TLS 1.3
    // takes only the scheme's own curve, the first algorithm.
    let candidates = if tls13 {
        &candidates[..candidates.len().min(1)]
    } else {
        candidates
    };
    let alg = candidates
        .iter()
        .find(|a| a.public_key_alg_id().as_ref() == key.alg)
        .ok_or_else(unadvertised)?;
    alg.verify_signature(&key.bits, message, dss.signature())
        .map(|()| HandshakeSignatureValid::assertion())
        .map_err(|_| bad_signature)
}

/// The RSA schemes, checked by our RSA code (keys under 2048 bits too).
fn rsa_padding(scheme: SignatureScheme) -> Option<Padding> {
    let pss = |hash: Hash| Padding::Pss {
        hash,
        mgf1: hash,
        salt: hash.size(),
    };
    Some(match scheme {
        SignatureScheme::RSA_PKCS1_SHA1 => Padding::Pkcs1(Hash::Sha1),
        SignatureScheme::RSA_PKCS1_SHA256 => Padding::Pkcs1(Hash::Sha256),
        SignatureScheme::RSA_PKCS1_SHA384 => Padding::Pkcs1(Hash::Sha384),
        SignatureScheme::RSA_PKCS1_SHA512 => Padding::Pkcs1(Hash::Sha512),
        SignatureScheme::RSA_PSS_SHA256 => pss(Hash::Sha256),
        SignatureScheme::RSA_PSS_SHA384 => pss(Hash::Sha384),
        SignatureScheme::RSA_PSS_SHA512 => pss(Hash::Sha512),
        _ => return None,
    })
}

/// TLS 1.3 takes no PKCS#1 v1.5 and no SHA-1 signatures (OpenSSL: the key
/// counts as RSA-PSS; SHA-1 and SHA-224 are refused).
fn in_tls13(scheme: SignatureScheme) -> bool {
    use SignatureScheme as S;
    matches!(
        scheme,
        S::ECDSA_NISTP256_SHA256
            | S::ECDSA_NISTP384_SHA384
            | S::ECDSA_NISTP521_SHA512
            | S::RSA_PSS_SHA256
            | S::RSA_PSS_SHA384
            | S::RSA_PSS_SHA512
            | S::ED25519
            | S::ED448
    )
}
