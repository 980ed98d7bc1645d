//! What rustls 0.23 keeps private in a client's session values and OpenSSL
//! shows: the server's session id, the ticket and its lifetime hint, and
//! whether a TLS 1.2 session used the extended master secret.
//! OpenSSL's client names a ticket session by the SHA-256 of its ticket
//! (`SSL_SESSION_get_id`) and reports `SSL_SESSION_has_ticket` and the
//! lifetime hint; rustls has no accessor for these, only its `Debug` form,
//! which prints them as hex and decimal. The unit tests below pin that form
//! so that a rustls upgrade that changes it fails here, not silently.

use rustls::client::{Tls12ClientSessionValue, Tls13ClientSessionValue};
use sha2::{Digest, Sha256};

/// The fields read from a session value.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// The session id the server gave (TLS 1.2; empty with tickets).
    pub session_id: Vec<u8>,
    pub ticket: Vec<u8>,
    pub lifetime: u32,
    /// TLS 1.2: the extended master secret was used.
    pub extended_ms: bool,
}

impl Hidden {
    pub fn of_tls12(v: &Tls12ClientSessionValue) -> Hidden {
        parse(&format!("{v:?}"))
    }

    pub fn of_tls13(v: &Tls13ClientSessionValue) -> Hidden {
        parse(&format!("{v:?}"))
    }

    /// The session id OpenSSL's client gives the session: SHA-256 of the
    /// ticket when there is one, else the server's id.
    pub fn openssl_id(&self) -> Vec<u8> {
        if self.ticket.is_empty() {
            self.session_id.clone()
        } else {
            Sha256::digest(&self.ticket).to_vec()
        }
    }
}

/// Reads `session_id: <hex>`, `ticket: <hex>`, `lifetime_secs: <n>` and
/// `extended_ms: <bool>`.
pub(crate) fn parse(debug: &str) -> Hidden {
    Hidden {
        session_id: field(debug, "session_id: ").map(hex).unwrap_or_default(),
        ticket: field(debug, "ClientSessionCommon { ticket: ")
            .map(hex)
            .unwrap_or_default(),
        lifetime: field(debug, "lifetime_secs: ")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        extended_ms: field(debug, "extended_ms: ") == Some("true"),
    }
}

/// The value after `name`, up to the next separator.
fn field<'a>(debug: &'a str, name: &str) -> Option<&'a str> {
    let start = debug.find(name)? + name.len();
    let rest = &debug[start..];
    let end = rest.find([',', ' ', '}']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Decodes hex digits; stops at the first pair that is not hex.
fn hex(s: &str) -> Vec<u8> {
    s.as_bytes()
        .chunks_exact(2)
        .map_while(|p| {
            std::str::from_utf8(p)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_debug_form() {
        let d = "Tls12ClientSessionValue { suite: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, \
                 session_id: 0a0b0c, extended_ms: true, common: ClientSessionCommon { \
                 ticket: ff01, epoch: 17, lifetime_secs: 7200, server_cert_chain: [], .. } }";
        let h = parse(d);
        assert_eq!(h.session_id, vec![0x0a, 0x0b, 0x0c]);
        assert_eq!(h.ticket, vec![0xff, 0x01]);
        assert_eq!(h.lifetime, 7200);
        assert!(h.extended_ms);
        assert_eq!(h.openssl_id(), Sha256::digest([0xff, 0x01]).to_vec());
    }

    #[test]
    fn empty_fields() {
        let d = "Tls12ClientSessionValue { session_id: , common: ClientSessionCommon { ticket: , \
                 epoch: 1, lifetime_secs: 0, .. } }";
        let h = parse(d);
        assert!(h.session_id.is_empty() && h.ticket.is_empty() && !h.extended_ms);
        assert!(h.openssl_id().is_empty());
    }
}
