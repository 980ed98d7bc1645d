//! OpenSSL's certificate verification result (`SSL_get_verify_result`)
//! from the chain checks of `tls::verify`, which follow X509_verify_cert.
//!
//! OpenSSL reports the last error its checks hit, in its order: building
//! the chain (trust), the host name (SSL_set1_host), then signatures and
//! validity times from the top of the chain down.

use rustls::CertificateError;
use rustls::pki_types::{CertificateDer, UnixTime};

use crate::tls::cert::{self, Certificate, Identity};
use crate::tls::verify::{self, TrustStore};

pub const X509_V_OK: i64 = 0;
const X509_V_ERR_UNSPECIFIED: i64 = 1;
const X509_V_ERR_CERT_SIGNATURE_FAILURE: i64 = 7;
const X509_V_ERR_CERT_NOT_YET_VALID: i64 = 9;
const X509_V_ERR_CERT_HAS_EXPIRED: i64 = 10;
const X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: i64 = 18;
const X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: i64 = 19;
const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: i64 = 20;
const X509_V_ERR_INVALID_CA: i64 = 24;
const X509_V_ERR_INVALID_PURPOSE: i64 = 26;
const X509_V_ERR_HOSTNAME_MISMATCH: i64 = 62;

fn self_signed(c: &Certificate) -> bool {
    c.subject().compare(c.issuer()) == 0
}

/// The verification result of `chain` (leaf first) against `trust`, with
/// the leaf also checked against `host` if given.
pub fn check(
    trust: &TrustStore,
    chain: &[CertificateDer<'_>],
    host: Option<&str>,
    now: UnixTime,
) -> i64 {
    let bits = match verify::chain_failures(chain, trust, now) {
        Ok(bits) => bits,
        Err(why) => return unhandled_code(&why),
    };
    let certs: Vec<Certificate> = chain
        .iter()
        .filter_map(|d| Certificate::from_der(d))
        .collect();
    let Some(leaf) = certs.first() else {
        return X509_V_ERR_UNSPECIFIED;
    };
    let mut result = X509_V_OK;
    if bits & verify::UNTRUSTED != 0 {
        result = if certs.len() == 1 && self_signed(leaf) {
            X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        } else if certs.last().is_some_and(self_signed) {
            X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        } else {
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        };
    }
    if let Some(h) = host {
        if cert::check_identity(leaf, h.as_bytes(), b"https", 443) != Identity::Match {
            result = X509_V_ERR_HOSTNAME_MISMATCH;
        }
    }
    if bits & verify::BADCHAIN != 0 {
        result = X509_V_ERR_CERT_HAS_EXPIRED;
    }
    if bits & verify::NOTYETVALID != 0 {
        result = X509_V_ERR_CERT_NOT_YET_VALID;
    }
    if bits & verify::EXPIRED != 0 {
        result = X509_V_ERR_CERT_HAS_EXPIRED;
    }
    result
}

/// The code of a failure neon does not map (from OpenSSL's message text).
fn unhandled_code(why: &str) -> i64 {
    match why {
        "certificate signature failure" => X509_V_ERR_CERT_SIGNATURE_FAILURE,
        "unsuitable certificate purpose" => X509_V_ERR_INVALID_PURPOSE,
        "invalid CA certificate" => X509_V_ERR_INVALID_CA,
        _ => X509_V_ERR_UNSPECIFIED,
    }
}

/// What rustls reports (and alerts the peer with) when a failure aborts
/// the handshake.
pub fn rustls_error(result: i64) -> CertificateError {
    match result {
        X509_V_ERR_CERT_HAS_EXPIRED => CertificateError::Expired,
        X509_V_ERR_CERT_NOT_YET_VALID => CertificateError::NotValidYet,
        X509_V_ERR_HOSTNAME_MISMATCH => CertificateError::NotValidForName,
        X509_V_ERR_CERT_SIGNATURE_FAILURE => CertificateError::BadSignature,
        X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        | X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        | X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY => CertificateError::UnknownIssuer,
        _ => CertificateError::BadEncoding,
    }
}
