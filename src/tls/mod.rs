//! TLS on rustls, in safe Rust: the session type shared by both faces,
//! connections over neon sockets, contexts and verification.

/// The handshake-signature checks every certificate verifier here makes
/// the same way (OpenSSL's, [`handshake_sig`], offering the schemes of the
/// verifier's `algorithms` field): the trait methods rustls requires of
/// server and client verifiers alike.
macro_rules! handshake_signature_checks {
    () => {
        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &rustls::pki_types::CertificateDer<'_>,
            dss: &rustls::DigitallySignedStruct,
        ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
            $crate::tls::handshake_sig::verify(message, cert, dss, false, &self.algorithms)
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &rustls::pki_types::CertificateDer<'_>,
            dss: &rustls::DigitallySignedStruct,
        ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
            $crate::tls::handshake_sig::verify(message, cert, dss, true, &self.algorithms)
        }

        fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
            self.algorithms.supported_schemes()
        }
    };
}
pub(crate) use handshake_signature_checks;

pub mod cert;
pub mod clicert;
pub mod client;
pub mod der;
pub mod dname;
pub mod errors;
pub mod filestore;
pub mod handshake_sig;
pub mod hidden;
pub mod identity;
pub mod keypair;
pub mod names;
pub mod pkcs12;
pub mod provider;
pub mod server;
pub mod session;
pub mod store;
pub mod stream;
pub mod verify;
pub mod versions;
pub mod x509;

pub use session::TlsSession;
pub use stream::TlsStream;
