//! Why a connection failed, as OpenSSL says it on the error queue: its
//! `SSL_R_*` reason for what rustls (or the connection) detected, or
//! `SSL_AD_REASON_OFFSET` + the alert the peer sent.

use rustls::{AlertDescription, Error, InvalidMessage, PeerIncompatible, PeerMisbehaved};

use super::config::consts::*;

/// libcrypto's fatal common reasons `ERR_R_INTERNAL_ERROR` and
/// `ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED` (`ERR_R_FATAL` is `3 << 18`).
pub const ERR_R_INTERNAL_ERROR: i32 = 259 | (3 << 18);
pub const ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED: i32 = 257 | (3 << 18);

/// Where OpenSSL detects a failure (the face names OpenSSL's source file
/// and function for `ERR_set_debug`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Reading records (ssl3_get_record, ssl3_read_n).
    Record,
    /// A fatal alert from the peer (ssl3_read_bytes).
    Alert,
    /// The peer's certificate chain.
    PeerCertificate,
    /// A handshake message.
    Handshake,
    /// `SSL_do_handshake` without a role, `SSL_read`/`SSL_write` without one.
    State,
    /// `SSL_write` after close_notify.
    Write,
    /// `SSL_shutdown` in the wrong state.
    Shutdown,
}

/// A reason to put on the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    /// `SSL_R_*` (or a common `ERR_R_*` reason).
    pub reason: i32,
    pub origin: Origin,
    /// The connection acted as the client.
    pub client: bool,
    /// The number of the alert the peer sent ("SSL alert number N").
    pub alert: Option<u8>,
}

/// OpenSSL's verdict on a stream whose first record header is not TLS's:
/// the reason, if the header is not a TLS record header. Such a peer gets
/// no alert.
pub fn not_tls(head: &[u8; 5]) -> Option<i32> {
    if head[1] == 3 {
        return None;
    }
    let http = [&b"GET "[..], b"POST ", b"HEAD ", b"PUT "];
    Some(if http.iter().any(|m| head.starts_with(m)) {
        SSL_R_HTTP_REQUEST
    } else if head.starts_with(b"CONNE") {
        SSL_R_HTTPS_PROXY_REQUEST
    } else {
        SSL_R_WRONG_VERSION_NUMBER
    })
}

/// The reason and origin for an error rustls reported; `first` is the
/// header of the first record received, when the error is about it.
pub fn of_rustls(error: &Error, first: Option<&[u8; 5]>) -> (i32, Origin, Option<u8>) {
    use Origin::*;
    let (reason, origin) = match error {
        Error::AlertReceived(alert) => {
            let n = u8::from(*alert);
            return (SSL_AD_REASON_OFFSET + i32::from(n), Alert, Some(n));
        }
        Error::InvalidMessage(m) => match m {
            InvalidMessage::InvalidContentType | InvalidMessage::UnknownProtocolVersion => (
                first
                    .and_then(not_tls)
                    .unwrap_or(SSL_R_WRONG_VERSION_NUMBER),
                Record,
            ),
            InvalidMessage::MessageTooLarge => (SSL_R_PACKET_LENGTH_TOO_LONG, Record),
            InvalidMessage::InvalidEmptyPayload => (SSL_R_BAD_LENGTH, Record),
            InvalidMessage::MissingData(_)
            | InvalidMessage::TrailingData(_)
            | InvalidMessage::MessageTooShort
            | InvalidMessage::HandshakePayloadTooLarge
            | InvalidMessage::CertificatePayloadTooLarge => (SSL_R_LENGTH_MISMATCH, Handshake),
            InvalidMessage::DuplicateExtension(_)
            | InvalidMessage::UnknownHelloRetryRequestExtension
            | InvalidMessage::UnknownCertificateExtension
            | InvalidMessage::PreSharedKeyIsNotFinalExtension
            | InvalidMessage::InvalidServerName => (SSL_R_BAD_EXTENSION, Handshake),
            _ => (SSL_R_BAD_PACKET, Handshake),
        },
        Error::InappropriateMessage { .. } | Error::InappropriateHandshakeMessage { .. } => {
            (SSL_R_UNEXPECTED_MESSAGE, Handshake)
        }
        Error::NoCertificatesPresented => {
            (SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE, PeerCertificate)
        }
        Error::DecryptError => (SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC, Record),
        Error::PeerSentOversizedRecord => (SSL_R_DATA_LENGTH_TOO_LONG, Record),
        Error::PeerIncompatible(p) => (incompatible(p), Handshake),
        Error::PeerMisbehaved(p) => (misbehaved(p), Handshake),
        Error::InvalidCertificate(rustls::CertificateError::BadSignature) => {
            (SSL_R_BAD_SIGNATURE, PeerCertificate)
        }
        Error::InvalidCertificate(_) => (SSL_R_CERTIFICATE_VERIFY_FAILED, PeerCertificate),
        Error::UnsupportedNameType => (SSL_R_BAD_EXTENSION, Handshake),
        Error::NoApplicationProtocol => (SSL_R_NO_APPLICATION_PROTOCOL, Handshake),
        _ => (ERR_R_INTERNAL_ERROR, Handshake),
    };
    (reason, origin, None)
}

fn incompatible(p: &PeerIncompatible) -> i32 {
    use PeerIncompatible::*;
    match p {
        NoCipherSuitesInCommon => SSL_R_NO_SHARED_CIPHER,
        ServerDoesNotSupportTls12Or13
        | ServerTlsVersionIsDisabledByOurConfig
        | SupportedVersionsExtensionRequired
        | Tls12NotOffered
        | Tls12NotOfferedOrEnabled => SSL_R_UNSUPPORTED_PROTOCOL,
        NoKxGroupsInCommon => SSL_R_NO_SUITABLE_KEY_SHARE,
        NoSignatureSchemesInCommon | NoCertificateRequestSignatureSchemesInCommon => {
            SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM
        }
        KeyShareExtensionRequired => SSL_R_BAD_KEY_SHARE,
        _ => SSL_R_BAD_EXTENSION,
    }
}

fn misbehaved(p: &PeerMisbehaved) -> i32 {
    use PeerMisbehaved::*;
    match p {
        WrongGroupForKeyShare
        | InvalidKeyShare
        | MissingKeyShare
        | OfferedDuplicateKeyShares
        | SelectedUnofferedKxGroup
        | IllegalHelloRetryRequestWithOfferedGroup
        | IllegalHelloRetryRequestWithUnofferedNamedGroup => SSL_R_BAD_KEY_SHARE,
        SelectedUnofferedCipherSuite
        | SelectedUnusableCipherSuiteForVersion
        | SelectedDifferentCipherSuiteAfterRetry
        | IllegalHelloRetryRequestWithUnofferedCipherSuite => SSL_R_WRONG_CIPHER_RETURNED,
        AttemptedDowngradeToTls12WhenTls13IsSupported => SSL_R_INAPPROPRIATE_FALLBACK,
        SelectedTls12UsingTls13VersionExtension
        | IllegalHelloRetryRequestWithUnsupportedVersion => SSL_R_UNSUPPORTED_PROTOCOL,
        IncorrectBinder => SSL_R_BINDER_DOES_NOT_VERIFY,
        TooManyKeyUpdateRequests => SSL_R_TOO_MANY_KEY_UPDATES,
        TooManyWarningAlertsReceived => SSL_R_TOO_MANY_WARN_ALERTS,
        IllegalTlsInnerPlaintext | IllegalMiddleboxChangeCipherSpec => SSL_R_BAD_RECORD_TYPE,
        SignedHandshakeWithUnadvertisedSigScheme | SignedKxWithWrongAlgorithm => {
            SSL_R_BAD_SIGNATURE
        }
        _ => SSL_R_UNEXPECTED_MESSAGE,
    }
}

/// The fatal alert `error` makes rustls send (none for a peer that does
/// not speak TLS, as OpenSSL).
pub fn sends_alert(error: &Error, first: Option<&[u8; 5]>) -> bool {
    match error {
        Error::AlertReceived(_) => false,
        Error::InvalidMessage(
            InvalidMessage::InvalidContentType | InvalidMessage::UnknownProtocolVersion,
        ) => first.and_then(not_tls).is_none(),
        _ => true,
    }
}

/// The alert OpenSSL sends where rustls sends another, for failures
/// found before either side encrypts (a TLS 1.3 server refusing a
/// ClientHello's binder: illegal_parameter, not decrypt_error).
pub fn alert_instead(error: &Error) -> Option<u8> {
    match error {
        Error::PeerMisbehaved(PeerMisbehaved::IncorrectBinder) => {
            Some(u8::from(AlertDescription::IllegalParameter))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_records_that_are_not_tls() {
        assert_eq!(not_tls(b"GET /"), Some(SSL_R_HTTP_REQUEST));
        assert_eq!(not_tls(b"POST "), Some(SSL_R_HTTP_REQUEST));
        assert_eq!(not_tls(b"HEAD "), Some(SSL_R_HTTP_REQUEST));
        assert_eq!(not_tls(b"PUT /"), Some(SSL_R_HTTP_REQUEST));
        assert_eq!(not_tls(b"CONNE"), Some(SSL_R_HTTPS_PROXY_REQUEST));
        assert_eq!(not_tls(b"HTTP/"), Some(SSL_R_WRONG_VERSION_NUMBER));
        assert_eq!(not_tls(b"SSH-2"), Some(SSL_R_WRONG_VERSION_NUMBER));
        assert_eq!(not_tls(&[0x16, 3, 1, 0, 5]), None);
        // "PUT" with a major version byte of 3 is not an HTTP request.
        assert_eq!(not_tls(&[b'P', 3, b'T', b' ', b'/']), None);
    }

    #[test]
    fn rustls_errors() {
        let e = Error::AlertReceived(AlertDescription::HandshakeFailure);
        assert_eq!(of_rustls(&e, None), (1040, Origin::Alert, Some(40)));
        let e = Error::InvalidMessage(InvalidMessage::InvalidContentType);
        assert_eq!(of_rustls(&e, Some(b"GET /")).0, SSL_R_HTTP_REQUEST);
        assert!(!sends_alert(&e, Some(b"GET /")));
        assert_eq!(
            of_rustls(&e, Some(&[0x16, 3, 3, 0, 1])).0,
            SSL_R_WRONG_VERSION_NUMBER
        );
        assert!(sends_alert(&e, Some(&[0x16, 3, 3, 0, 1])));
        let e = Error::PeerIncompatible(PeerIncompatible::NoCipherSuitesInCommon);
        assert_eq!(of_rustls(&e, None).0, SSL_R_NO_SHARED_CIPHER);
        let e = Error::PeerMisbehaved(PeerMisbehaved::WrongGroupForKeyShare);
        assert_eq!(of_rustls(&e, None).0, SSL_R_BAD_KEY_SHARE);
        let e = Error::General("x".into());
        assert_eq!(of_rustls(&e, None).0, ERR_R_INTERNAL_ERROR);
    }
}
