//! OpenSSL's certificate verification result (`SSL_get_verify_result`):
//! `X509_verify_cert` ([`x509::verify`]) with libssl's settings for a
//! client (SSL server purpose, the security level as auth level, the host
//! of `SSL_set1_host`) and the default verify callback, which stops at the
//! first problem.

use rustls::CertificateError;
use rustls::pki_types::{CertificateDer, UnixTime};

use crate::tls::cert::Certificate;
use crate::tls::verify::TrustStore;
use crate::tls::x509::{self, VerifyParams, codes};

pub const X509_V_OK: i64 = 0;

/// libssl's default security level on Debian 12.
const SECURITY_LEVEL: i32 = 2;

/// The verification result of `chain` (leaf first) against `trust`, with
/// the leaf also checked against `host` if given.
pub fn check(
    trust: &TrustStore,
    chain: &[CertificateDer<'_>],
    host: Option<&str>,
    now: UnixTime,
) -> i64 {
    let Some(certs) = chain
        .iter()
        .map(|d| Certificate::from_der(d))
        .collect::<Option<Vec<_>>>()
    else {
        return i64::from(codes::X509_V_ERR_UNSPECIFIED);
    };
    let now = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
    let mut params = VerifyParams::ssl_server(now, SECURITY_LEVEL);
    params.hosts = host.map(|h| h.as_bytes().to_vec()).into_iter().collect();
    let outcome = x509::verify(&certs, trust, &params, &mut |e| e.ok);
    i64::from(outcome.error)
}

/// What rustls reports (and alerts the peer with) when a failure aborts
/// the handshake.
pub fn rustls_error(result: i64) -> CertificateError {
    match i32::try_from(result).unwrap_or(codes::X509_V_ERR_UNSPECIFIED) {
        codes::X509_V_ERR_CERT_HAS_EXPIRED => CertificateError::Expired,
        codes::X509_V_ERR_CERT_NOT_YET_VALID => CertificateError::NotValidYet,
        codes::X509_V_ERR_HOSTNAME_MISMATCH => CertificateError::NotValidForName,
        codes::X509_V_ERR_CERT_SIGNATURE_FAILURE => CertificateError::BadSignature,
        codes::X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        | codes::X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        | codes::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
        | codes::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY => CertificateError::UnknownIssuer,
        _ => CertificateError::BadEncoding,
    }
}
