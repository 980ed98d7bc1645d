//! TLS failures as neon reports them.
//!
//! neon prints OpenSSL's reason string after "SSL error: "; programs and
//! users see texts like "SSL error: wrong version number". The common
//! failures are given the same reason text here; the rest fall back to
//! rustls's own description.

use rustls::{AlertDescription, CertificateError, Error, InvalidMessage, PeerMisbehaved};

use super::verify::Refused;

/// The reason text for a rustls error, OpenSSL-style where one exists.
pub fn reason(e: &Error) -> String {
    match e {
        Error::InvalidMessage(
            InvalidMessage::InvalidContentType | InvalidMessage::UnknownProtocolVersion,
        ) => "wrong version number".into(),
        Error::InvalidMessage(_) => "record layer failure".into(),
        Error::AlertReceived(a) => alert_text(*a),
        Error::InvalidCertificate(CertificateError::Other(other)) => {
            // neon prints the oldest error-queue entry: a failed
            // signature's reason when verification left one.
            match other.0.downcast_ref::<Refused>() {
                Some(Refused {
                    queue_text: Some(text),
                    ..
                }) => (*text).into(),
                _ => "certificate verify failed".into(),
            }
        }
        Error::InvalidCertificate(_) => "certificate verify failed".into(),
        Error::NoCertificatesPresented => "peer did not return a certificate".into(),
        Error::PeerIncompatible(_) => "no shared cipher".into(),
        Error::PeerMisbehaved(PeerMisbehaved::ServerNameMustContainOneHostName) => {
            "bad extension".into()
        }
        Error::DecryptError => "decryption failed or bad record mac".into(),
        Error::HandshakeNotComplete => "protocol is shutdown".into(),
        other => other.to_string(),
    }
}

/// OpenSSL's text for a received alert ("sslv3 alert handshake failure").
fn alert_text(a: AlertDescription) -> String {
    let (prefix, name) = match a {
        AlertDescription::CloseNotify => ("sslv3", "close notify"),
        AlertDescription::UnexpectedMessage => ("sslv3", "unexpected message"),
        AlertDescription::BadRecordMac => ("sslv3", "bad record mac"),
        AlertDescription::HandshakeFailure => ("sslv3", "handshake failure"),
        AlertDescription::BadCertificate => ("sslv3", "bad certificate"),
        AlertDescription::UnsupportedCertificate => ("sslv3", "unsupported certificate"),
        AlertDescription::CertificateRevoked => ("sslv3", "certificate revoked"),
        AlertDescription::CertificateExpired => ("sslv3", "certificate expired"),
        AlertDescription::CertificateUnknown => ("sslv3", "certificate unknown"),
        AlertDescription::IllegalParameter => ("sslv3", "illegal parameter"),
        AlertDescription::UnknownCA => ("tlsv1", "unknown ca"),
        AlertDescription::AccessDenied => ("tlsv1", "access denied"),
        AlertDescription::DecodeError => ("tlsv1", "decode error"),
        AlertDescription::DecryptError => ("tlsv1", "decrypt error"),
        AlertDescription::ProtocolVersion => ("tlsv1", "protocol version"),
        AlertDescription::InsufficientSecurity => ("tlsv1", "insufficient security"),
        AlertDescription::InternalError => ("tlsv1", "internal error"),
        AlertDescription::UserCanceled => ("tlsv1", "user cancelled"),
        AlertDescription::NoRenegotiation => ("tlsv1", "no renegotiation"),
        AlertDescription::UnrecognisedName => ("tlsv1", "unrecognized name"),
        AlertDescription::CertificateRequired => ("tlsv13", "certificate required"),
        AlertDescription::NoApplicationProtocol => ("tlsv1", "no application protocol"),
        other => return format!("tlsv1 alert {other:?}"),
    };
    format!("{prefix} alert {name}")
}

/// neon's socket message for a TLS failure: "SSL error: <reason>".
pub fn message(e: &Error) -> Vec<u8> {
    format!("SSL error: {}", reason(e)).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openssl_style_texts() {
        assert_eq!(
            message(&Error::InvalidMessage(InvalidMessage::InvalidContentType)),
            b"SSL error: wrong version number"
        );
        assert_eq!(
            reason(&Error::AlertReceived(AlertDescription::HandshakeFailure)),
            "sslv3 alert handshake failure"
        );
        assert_eq!(
            reason(&Error::AlertReceived(AlertDescription::CertificateRequired)),
            "tlsv13 alert certificate required"
        );
    }
}
