//! OpenSSL 3.0's rules for resuming a session, as far as the session id
//! context decides them: the server's checks of the session a client's
//! session id or ticket found (`ssl_get_prev_session`), the client's check
//! of the session a server resumed (`tls_process_server_hello`), and which
//! server sessions are cached at all (`ssl_update_cache`).
//!
//! The id context names the application context a session belongs to
//! (`SSL_CTX_set_session_id_context`, `SSL_set_session_id_context`), so
//! that a session made where clients were not authenticated is not resumed
//! where they must be.

use super::Expiry;

/// The alert descriptions of these failures: internal_error for
/// [`Verdict::Uninitialized`] (and for a resumption the server must refuse
/// once rustls has chosen it), illegal_parameter for a client refusing a
/// resumption ([`client_may_resume`]).
pub const INTERNAL_ERROR: u8 = 80;
pub const ILLEGAL_PARAMETER: u8 = 47;

/// The session a server found for a client's session id or ticket.
#[derive(Debug, Clone, Copy)]
pub struct Found<'a> {
    pub version: u16,
    pub id_context: &'a [u8],
    pub expiry: Expiry,
}

/// The server connection looking: its protocol version and id context (the
/// ones in force before the servername callback, as OpenSSL looks sessions
/// up first), and whether it verifies clients (SSL_VERIFY_PEER).
#[derive(Debug, Clone, Copy)]
pub struct Server<'a> {
    pub version: u16,
    pub id_context: &'a [u8],
    pub verify_peer: bool,
}

/// What the server does with the session it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Resume,
    /// Another version or id context: a full handshake, as for a cache miss
    /// (not counted in `misses`).
    Miss,
    /// Expired: counted in `timeouts`, then a full handshake.
    Expired,
    /// The server verifies clients but has no id context, so it cannot tell
    /// whose session this is: the handshake fails with an internal_error
    /// alert (SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED) rather than silently
    /// missing, so that the mistake shows.
    Uninitialized,
}

impl Server<'_> {
    /// `ssl_get_prev_session`'s checks, in its order: version, id context,
    /// the uninitialized id context, expiry at `now`.
    pub fn verdict(&self, found: &Found<'_>, now: i64) -> Verdict {
        if found.version != self.version || found.id_context != self.id_context {
            Verdict::Miss
        } else if self.verify_peer && self.id_context.is_empty() {
            Verdict::Uninitialized
        } else if found.expiry.passed_at(now) {
            Verdict::Expired
        } else {
            Verdict::Resume
        }
    }
}

/// `ssl_update_cache`: a server that verifies clients neither caches nor
/// reports (new-session callback) a session without id context: resuming
/// it would fail the handshake.
pub fn server_may_cache(session_id_context: &[u8], verify_peer: bool) -> bool {
    !(verify_peer && session_id_context.is_empty())
}

/// A client whose server resumed `session_id_context`'s session: OpenSSL
/// fails the handshake with an illegal_parameter alert unless the
/// connection has the same id context
/// (SSL_R_ATTEMPT_TO_REUSE_SESSION_IN_DIFFERENT_CONTEXT).
pub fn client_may_resume(session_id_context: &[u8], conn_id_context: &[u8]) -> bool {
    session_id_context == conn_id_context
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::session::{TLS1_2, TLS1_3};

    const NOW: i64 = 1_000_000;

    fn found(version: u16, id_context: &[u8], expired: bool) -> Found<'_> {
        let time = if expired { NOW - 7300 } else { NOW - 10 };
        Found {
            version,
            id_context,
            expiry: Expiry::of(time, 7200),
        }
    }

    fn server(version: u16, id_context: &[u8], verify_peer: bool) -> Server<'_> {
        Server {
            version,
            id_context,
            verify_peer,
        }
    }

    #[test]
    fn equal_contexts_resume_with_or_without_verification() {
        for verify in [false, true] {
            for v in [TLS1_2, TLS1_3] {
                let s = server(v, b"A", verify);
                assert_eq!(s.verdict(&found(v, b"A", false), NOW), Verdict::Resume);
            }
        }
        // Without verification an unset context is a context like another.
        let s = server(TLS1_3, b"", false);
        assert_eq!(s.verdict(&found(TLS1_3, b"", false), NOW), Verdict::Resume);
    }

    #[test]
    fn another_context_or_version_is_a_miss() {
        let s = server(TLS1_2, b"A", false);
        assert_eq!(s.verdict(&found(TLS1_2, b"B", false), NOW), Verdict::Miss);
        assert_eq!(s.verdict(&found(TLS1_2, b"", false), NOW), Verdict::Miss);
        assert_eq!(s.verdict(&found(TLS1_3, b"A", false), NOW), Verdict::Miss);
        // A prefix is another context.
        assert_eq!(s.verdict(&found(TLS1_2, b"AB", false), NOW), Verdict::Miss);
        // An unset context does not match a set one, even when verifying:
        // the mismatch is checked first.
        let s = server(TLS1_2, b"", true);
        assert_eq!(s.verdict(&found(TLS1_2, b"A", false), NOW), Verdict::Miss);
        let s = server(TLS1_2, b"A", true);
        assert_eq!(s.verdict(&found(TLS1_2, b"", false), NOW), Verdict::Miss);
    }

    #[test]
    fn verifying_without_context_fails_before_expiry_is_looked_at() {
        for v in [TLS1_2, TLS1_3] {
            let s = server(v, b"", true);
            assert_eq!(
                s.verdict(&found(v, b"", false), NOW),
                Verdict::Uninitialized
            );
            assert_eq!(s.verdict(&found(v, b"", true), NOW), Verdict::Uninitialized);
        }
    }

    #[test]
    fn expiry_comes_last() {
        let s = server(TLS1_2, b"A", true);
        assert_eq!(s.verdict(&found(TLS1_2, b"A", true), NOW), Verdict::Expired);
        assert_eq!(s.verdict(&found(TLS1_2, b"B", true), NOW), Verdict::Miss);
    }

    #[test]
    fn caching_and_client_rules() {
        assert!(server_may_cache(b"", false));
        assert!(server_may_cache(b"A", true));
        assert!(!server_may_cache(b"", true));
        assert!(client_may_resume(b"", b""));
        assert!(client_may_resume(b"C", b"C"));
        assert!(!client_may_resume(b"C", b"D"));
        assert!(!client_may_resume(b"C", b""));
        assert!(!client_may_resume(b"", b"C"));
    }
}
