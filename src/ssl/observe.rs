//! What a connection lets the application observe beyond its data: the
//! events OpenSSL reports to info, message and key-log callbacks, and what
//! the handshake negotiated (ALPN protocol, key-exchange group, the
//! client's groups, the CA names a server asked for).
//!
//! rustls reports no state transitions or messages, so the events are
//! those the connection can see itself: a handshake starting, each call
//! that drives it ending, the handshake completing, alerts it sent or
//! received (close_notify, and fatal alerts whose description is known:
//! those rustls names in its error, those this library sends itself), and
//! the secrets rustls's `KeyLog` hands out. The face delivers them to the
//! application's callbacks after each call, when no lock is held.

use std::sync::Arc;

use rustls::{AlertDescription, Error};

/// One event, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// `SSL_CB_HANDSHAKE_START`.
    HandshakeStart,
    /// `SSL_CB_CONNECT_LOOP`/`SSL_CB_ACCEPT_LOOP`: the handshake moved on
    /// (reported once, when it starts).
    Loop,
    /// `SSL_CB_CONNECT_EXIT`/`SSL_CB_ACCEPT_EXIT`: a call driving the
    /// handshake returns this value.
    Exit(i32),
    /// `SSL_CB_HANDSHAKE_DONE`.
    HandshakeDone,
    /// `SSL_CB_READ_ALERT`/`SSL_CB_WRITE_ALERT`: level 1 (warning) or 2
    /// (fatal), and the description.
    Alert { sent: bool, level: u8, desc: u8 },
    /// One NSS key log line (`LABEL <client random> <secret>`, in hex).
    KeyLog(String),
}

/// What a connection observed; reset for each handshake.
#[derive(Debug, Default, Clone)]
pub struct Observed {
    /// Not yet delivered to the application.
    pub events: Vec<Event>,
    /// The ALPN protocol the handshake selected.
    pub alpn: Option<Vec<u8>>,
    /// The key-exchange group's TLS id.
    pub group: Option<u16>,
    /// Server: the groups the client supports, in its order.
    pub peer_groups: Vec<u16>,
    /// Client: the CA names of the server's certificate request (DER).
    pub peer_ca_names: Option<Vec<Vec<u8>>>,
}

impl Observed {
    /// A new handshake: nothing negotiated yet; undelivered events stay.
    pub fn reset(&mut self) {
        let events = std::mem::take(&mut self.events);
        *self = Observed {
            events,
            ..Observed::default()
        };
    }

    pub fn push(&mut self, e: Event) {
        // Bounded: a program without callbacks still drains them, but a
        // connection used only through calls that do not must not grow.
        if self.events.len() < 256 {
            self.events.push(e);
        }
    }

    /// A fatal alert sent with this description.
    pub fn sent_fatal(&mut self, desc: u8) {
        self.push(Event::Alert {
            sent: true,
            level: 2,
            desc,
        });
    }

    /// The alert behind a failed `process_new_packets`: one received, or
    /// the one rustls sent for the error when its description is known.
    pub fn error_alert(&mut self, error: &Error, server: bool) {
        if let Error::AlertReceived(desc) = error {
            self.push(Event::Alert {
                sent: false,
                level: if *desc == AlertDescription::CloseNotify {
                    1
                } else {
                    2
                },
                desc: u8::from(*desc),
            });
            return;
        }
        let desc = match error {
            Error::InvalidCertificate(e) => AlertDescription::from(e.clone()),
            Error::InvalidMessage(e) => AlertDescription::from(*e),
            Error::NoApplicationProtocol => AlertDescription::NoApplicationProtocol,
            Error::DecryptError => AlertDescription::BadRecordMac,
            Error::NoCertificatesPresented if server => AlertDescription::CertificateRequired,
            Error::InappropriateMessage { .. } | Error::InappropriateHandshakeMessage { .. } => {
                AlertDescription::UnexpectedMessage
            }
            Error::PeerIncompatible(_) => AlertDescription::HandshakeFailure,
            _ => return,
        };
        self.sent_fatal(u8::from(desc));
    }
}

/// rustls's key log, for a connection whose context has a key-log
/// callback: each secret becomes an NSS key log line for that callback.
pub struct KeyLines(pub Arc<dyn Fn(String) + Send + Sync>);

impl std::fmt::Debug for KeyLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyLines")
    }
}

impl rustls::KeyLog for KeyLines {
    fn log(&self, label: &str, client_random: &[u8], secret: &[u8]) {
        (self.0)(line(label, client_random, secret));
    }
}

/// `LABEL <client random> <secret>`, lower-case hex, as OpenSSL writes it.
pub fn line(label: &str, client_random: &[u8], secret: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(label.len() + 2 + 2 * (client_random.len() + secret.len()));
    s.push_str(label);
    s.push(' ');
    for b in client_random {
        let _ = write!(s, "{b:02x}");
    }
    s.push(' ');
    for b in secret {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_of_errors() {
        let mut o = Observed::default();
        o.error_alert(
            &Error::AlertReceived(AlertDescription::HandshakeFailure),
            false,
        );
        o.error_alert(&Error::NoApplicationProtocol, true);
        o.error_alert(&Error::General("x".into()), true);
        assert_eq!(
            o.events,
            vec![
                Event::Alert {
                    sent: false,
                    level: 2,
                    desc: 40
                },
                Event::Alert {
                    sent: true,
                    level: 2,
                    desc: 120
                },
            ]
        );
        o.alpn = Some(b"h2".to_vec());
        o.reset();
        assert_eq!(o.events.len(), 2);
        assert!(o.alpn.is_none());
        assert_eq!(
            line("CLIENT_RANDOM", &[1, 0xab], &[0xff]),
            "CLIENT_RANDOM 01ab ff"
        );
    }
}
