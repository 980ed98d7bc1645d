//! What an authentication session remembers between requests (neon's
//! auth_session): the protocol in use, the credentials or values derived
//! from them, and the Digest nonce state.

use super::Class;
use super::challenge::{Challenge, Failures, Protocol};
use super::credentials::{BUFSIZE, Buffer, Secret, buffer_str};
use crate::http::{Session, ZStr};

pub struct AuthSession {
    /// The protocol whose challenge was accepted; None until then.
    pub protocol: Option<Protocol>,
    /// The username buffer handed to callbacks, kept between calls.
    pub username: Buffer,
    /// Base64 of "username:password".
    pub basic: Option<Secret>,
    pub realm: Option<ZStr>,
    pub nonce: Option<Vec<u8>>,
    pub cnonce: Option<Vec<u8>>,
    pub opaque: Option<Vec<u8>>,
    /// Path prefixes the credentials are sent to; empty means everywhere.
    pub domains: Vec<Vec<u8>>,
    /// RFC 7616 hashed username, sent instead of the username.
    pub userhash: Option<Vec<u8>>,
    /// RFC 7616 `username*` (RFC 5987 encoding) for non-ASCII usernames.
    pub username_star: Option<Vec<u8>>,
    /// qop=auth in use (RFC 2617/7616), rather than RFC 2069 Digest.
    pub qop_auth: bool,
    /// Digest algorithm (index in `digest::ALGORITHMS`).
    pub alg: Option<usize>,
    pub nonce_count: u32,
    /// Hex H(A1).
    pub h_a1: Option<Secret>,
    /// "nonce:nc:cnonce:qop" of the last request, needed again to check
    /// the server's rspauth.
    pub response_rhs: Option<Vec<u8>>,
}

impl Default for AuthSession {
    fn default() -> Self {
        AuthSession {
            protocol: None,
            username: [0; BUFSIZE],
            basic: None,
            realm: None,
            nonce: None,
            cnonce: None,
            opaque: None,
            domains: Vec::new(),
            userhash: None,
            username_star: None,
            qop_auth: false,
            alg: None,
            nonce_count: 0,
            h_a1: None,
            response_rhs: None,
        }
    }
}

/// The request and class a challenge is being handled for.
pub struct Attempt<'a> {
    /// How many times the request was retried for authentication.
    pub number: i32,
    /// The request-target.
    pub uri: &'a [u8],
    pub class: Class,
    pub sess: &'a Session,
    pub failures: &'a mut Failures,
}

impl AuthSession {
    /// Forgets the credentials and everything derived from them (neon's
    /// clean_session). The username buffer, algorithm, qop and nonce count
    /// stay, as in neon.
    pub fn clean(&mut self) {
        self.basic = None;
        self.nonce = None;
        self.cnonce = None;
        self.opaque = None;
        self.realm = None;
        self.userhash = None;
        self.username_star = None;
        self.response_rhs = None;
        self.h_a1 = None;
        self.domains.clear();
        self.protocol = None;
    }

    pub fn username(&self) -> &[u8] {
        buffer_str(&self.username)
    }

    /// Asks the challenge's callback for credentials for the current realm;
    /// the password, or None (noted as "rejected") if the callback declined.
    pub fn credentials(&mut self, ch: &Challenge, cx: &mut Attempt<'_>) -> Option<Secret> {
        let mask = ch.protocol.id() | cx.class.protomask();
        let realm = self.realm.clone().unwrap_or_else(|| ZStr::new(b""));
        let password = ch.handler.ask(cx.number, mask, &realm, &mut self.username);
        if password.is_none() {
            let name = ch.protocol.name();
            cx.failures
                .add(format!("rejected {name} challenge").as_bytes());
        }
        password
    }
}
