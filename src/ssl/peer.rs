//! Who checks the peer's certificate chain. The owner of an `SSL_CTX` may
//! install a [`PeerVerifier`] (the libssl face installs one that runs
//! OpenSSL's verification on the context's `X509_STORE` and calls the
//! application's callbacks); without one, the chain is checked against the
//! context's own [`crate::tls::verify::TrustStore`].
//!
//! Either way the connection keeps the `X509_V_*` result, and OpenSSL's
//! verify mode decides whether a failure ends the handshake: on a client
//! any mode but `SSL_VERIFY_NONE`, on a server always (it only asks for a
//! certificate with `SSL_VERIFY_PEER`).

use std::any::Any;
use std::sync::Arc;

use rustls::pki_types::CertificateDer;

use super::conn::SslConn;

/// The role of the peer whose chain is checked: a client checks a server's
/// chain (purpose "ssl_server"), a server a client's ("ssl_client").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Peer {
    Server,
    Client,
}

/// The result of checking a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerCheck {
    /// The chain is accepted (`X509_verify_cert`, or the application's
    /// replacement, returned 1).
    pub verified: bool,
    /// The `X509_V_*` code left at the end, for `SSL_get_verify_result`.
    pub result: i64,
}

/// Checks a peer's chain for a connection. It is called during the
/// handshake with no lock of the connection held except its I/O, so it
/// may call back into the connection's accessors.
pub trait PeerVerifier: Send + Sync {
    /// `chain`: the peer's certificates as sent, leaf first (never empty).
    fn verify_peer(
        &self,
        conn: &Arc<SslConn>,
        chain: &[CertificateDer<'_>],
        peer: Peer,
    ) -> PeerCheck;

    /// The verifier itself, for its owner to reach its own state.
    fn as_any(&self) -> &dyn Any;
}
