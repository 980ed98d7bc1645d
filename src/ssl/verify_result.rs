//! OpenSSL's certificate verification results (`SSL_get_verify_result`)
//! and the alert a failed verification sends (`ssl_x509err2alert`).
//!
//! [`check`] is the fallback of contexts without a
//! [`super::peer::PeerVerifier`]: `X509_verify_cert` ([`x509::verify`])
//! with libssl's settings for a client (SSL server purpose, the security
//! level as auth level) and the default verify callback, which stops at
//! the first problem.

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, UnixTime};
use rustls::{AlertDescription, CertificateError, OtherError};

use crate::tls::cert::Certificate;
use crate::tls::verify::TrustStore;
use crate::tls::x509::codes::*;
use crate::tls::x509::{self, VerifyParams};

pub const X509_V_OK: i64 = 0;

/// libssl's default security level on Debian 12.
const SECURITY_LEVEL: i32 = 2;

/// The verification result of `chain` (leaf first) against `trust`.
pub fn check(trust: &TrustStore, chain: &[CertificateDer<'_>], now: UnixTime) -> i64 {
    let Some(certs) = chain
        .iter()
        .map(|d| Certificate::from_der(d))
        .collect::<Option<Vec<_>>>()
    else {
        return i64::from(X509_V_ERR_UNSPECIFIED);
    };
    let now = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
    let params = VerifyParams::ssl_server(now, SECURITY_LEVEL);
    let outcome = x509::verify(&certs, trust, &params, &mut |e| e.ok);
    i64::from(outcome.error)
}

/// OpenSSL's `ssl_x509err2alert` (statem_lib.c): the alert a failed
/// verification sends; certificate_unknown for codes it does not list.
pub fn alert_for(result: i64) -> AlertDescription {
    use AlertDescription as A;
    let Ok(code) = i32::try_from(result) else {
        return A::CertificateUnknown;
    };
    match code {
        X509_V_ERR_APPLICATION_VERIFICATION => A::HandshakeFailure,
        X509_V_ERR_CERT_HAS_EXPIRED | X509_V_ERR_CRL_HAS_EXPIRED => A::CertificateExpired,
        X509_V_ERR_CERT_REVOKED => A::CertificateRevoked,
        X509_V_ERR_CERT_SIGNATURE_FAILURE | X509_V_ERR_CRL_SIGNATURE_FAILURE => A::DecryptError,
        X509_V_ERR_INVALID_PURPOSE => A::UnsupportedCertificate,
        X509_V_ERR_INVALID_CALL
        | X509_V_ERR_OUT_OF_MEM
        | X509_V_ERR_STORE_LOOKUP
        | X509_V_ERR_UNSPECIFIED => A::InternalError,
        X509_V_ERR_CERT_CHAIN_TOO_LONG
        | X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        | X509_V_ERR_INVALID_CA
        | X509_V_ERR_PATH_LENGTH_EXCEEDED
        | X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        | X509_V_ERR_UNABLE_TO_GET_CRL
        | X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER
        | X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
        | X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        | X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE => A::UnknownCA,
        X509_V_ERR_CA_KEY_TOO_SMALL
        | X509_V_ERR_EC_KEY_EXPLICIT_PARAMS
        | X509_V_ERR_CA_MD_TOO_WEAK
        | X509_V_ERR_CERT_NOT_YET_VALID
        | X509_V_ERR_CERT_REJECTED
        | X509_V_ERR_CERT_UNTRUSTED
        | X509_V_ERR_CRL_NOT_YET_VALID
        | X509_V_ERR_DANE_NO_MATCH
        | X509_V_ERR_EE_KEY_TOO_SMALL
        | X509_V_ERR_EMAIL_MISMATCH
        | X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD
        | X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD
        | X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD
        | X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD
        | X509_V_ERR_HOSTNAME_MISMATCH
        | X509_V_ERR_IP_ADDRESS_MISMATCH
        | X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY
        | X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE
        | X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE => A::BadCertificate,
        _ => A::CertificateUnknown,
    }
}

#[derive(Debug)]
struct Unknown;

impl std::fmt::Display for Unknown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("certificate verify failed")
    }
}

impl std::error::Error for Unknown {}

/// The rustls error that makes rustls send [`alert_for`]`(result)`.
/// rustls sends handshake_failure for errors that are not about the
/// certificate, so internal_error becomes handshake_failure.
pub fn rustls_error(result: i64) -> rustls::Error {
    use AlertDescription as A;
    let e = match alert_for(result) {
        A::CertificateExpired => CertificateError::Expired,
        A::CertificateRevoked => CertificateError::Revoked,
        A::DecryptError => CertificateError::BadSignature,
        A::UnsupportedCertificate => CertificateError::InvalidPurpose,
        A::UnknownCA => CertificateError::UnknownIssuer,
        A::BadCertificate => CertificateError::BadEncoding,
        A::CertificateUnknown => CertificateError::Other(OtherError(Arc::new(Unknown))),
        _ => return rustls::Error::General("certificate verify failed".into()),
    };
    rustls::Error::InvalidCertificate(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The alert rustls sends for each error is the one OpenSSL sends.
    #[test]
    fn alerts_as_openssl_sends_them() {
        for (code, alert) in [
            (
                X509_V_ERR_CERT_HAS_EXPIRED,
                AlertDescription::CertificateExpired,
            ),
            (
                X509_V_ERR_CERT_NOT_YET_VALID,
                AlertDescription::BadCertificate,
            ),
            (
                X509_V_ERR_HOSTNAME_MISMATCH,
                AlertDescription::BadCertificate,
            ),
            (
                X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
                AlertDescription::UnknownCA,
            ),
            (
                X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                AlertDescription::UnknownCA,
            ),
            (
                X509_V_ERR_CERT_SIGNATURE_FAILURE,
                AlertDescription::DecryptError,
            ),
            (
                X509_V_ERR_INVALID_PURPOSE,
                AlertDescription::UnsupportedCertificate,
            ),
            (
                X509_V_ERR_CERT_REVOKED,
                AlertDescription::CertificateRevoked,
            ),
            (
                X509_V_ERR_SUBJECT_ISSUER_MISMATCH,
                AlertDescription::CertificateUnknown,
            ),
        ] {
            assert_eq!(alert_for(i64::from(code)), alert, "{code}");
            match rustls_error(i64::from(code)) {
                rustls::Error::InvalidCertificate(e) => {
                    assert_eq!(AlertDescription::from(e), alert, "{code}")
                }
                other => panic!("{code}: {other:?}"),
            }
        }
        assert_eq!(
            alert_for(i64::from(X509_V_ERR_APPLICATION_VERIFICATION)),
            AlertDescription::HandshakeFailure
        );
        assert!(matches!(
            rustls_error(i64::from(X509_V_ERR_APPLICATION_VERIFICATION)),
            rustls::Error::General(_)
        ));
    }
}
