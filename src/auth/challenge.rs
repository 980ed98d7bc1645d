//! Challenge headers (`WWW-Authenticate`, `Proxy-Authenticate`): the
//! challenges they hold, paired with the first callback registered for
//! their protocol, strongest first, as neon orders them.

use std::rc::Rc;

use super::credentials::Handler;
use super::digest;
use super::params::{Token, Tokenizer, shave};
use crate::debug::{HTTPAUTH, put};
use crate::text::case::casecmp;

/// NE_AUTH_BASIC and NE_AUTH_DIGEST.
pub const BASIC: u32 = 0x0001;
pub const DIGEST: u32 = 0x0080;

/// The protocols this library speaks. Negotiate (GSSAPI/SSPI) and NTLM are
/// not among them: their challenges are "ignored" like any unknown scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    Basic,
    Digest,
}

impl Protocol {
    /// In the order neon searches its protocol table.
    const ALL: [Protocol; 2] = [Protocol::Basic, Protocol::Digest];

    /// The NE_AUTH_* bit.
    pub fn id(self) -> u32 {
        match self {
            Protocol::Basic => BASIC,
            Protocol::Digest => DIGEST,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Protocol::Basic => "Basic",
            Protocol::Digest => "Digest",
        }
    }

    fn strength(self) -> u32 {
        match self {
            Protocol::Basic => 10,
            Protocol::Digest => 20,
        }
    }
}

/// Digest's `userhash` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UserHash {
    #[default]
    Absent,
    True,
    False,
}

/// One challenge with its parameters (quotes removed).
pub struct Challenge {
    pub protocol: Protocol,
    /// The callback that will be asked for credentials.
    pub handler: Rc<Handler>,
    pub realm: Option<Vec<u8>>,
    pub nonce: Option<Vec<u8>>,
    pub opaque: Option<Vec<u8>>,
    pub domain: Option<Vec<u8>>,
    pub stale: bool,
    /// A `qop` parameter listing "auth" (RFC 2617 and later).
    pub got_qop: bool,
    pub userhash: UserHash,
    /// Index in [`digest::ALGORITHMS`]; None for an unknown algorithm.
    pub alg: Option<usize>,
}

impl Challenge {
    fn new(protocol: Protocol, handler: Rc<Handler>) -> Self {
        Challenge {
            protocol,
            handler,
            realm: None,
            nonce: None,
            opaque: None,
            domain: None,
            stale: false,
            got_qop: false,
            userhash: UserHash::Absent,
            // RFC 7616: MD5 when not given.
            alg: Some(0),
        }
    }

    fn set(&mut self, key: &[u8], value: &[u8]) {
        let value = shave(value, b"\"'");
        let is = |name: &[u8]| casecmp(key, name) == 0;
        if is(b"realm") {
            self.realm = Some(value.to_vec());
        } else if is(b"nonce") {
            self.nonce = Some(value.to_vec());
        } else if is(b"opaque") {
            self.opaque = Some(value.to_vec());
        } else if is(b"stale") {
            self.stale = casecmp(value, b"true") == 0;
        } else if is(b"algorithm") {
            self.alg = digest::algorithm_by_name(value);
            crate::debug!(HTTPAUTH, |o| {
                let name = self.alg.map_or("[unknown]", |a| digest::ALGORITHMS[a].name);
                put(o, &[b"auth: Mapped '", value, b"' to algorithm "]);
                put(o, &[name.as_bytes(), b"\n"]);
            });
        } else if is(b"qop") {
            // Once a qop parameter has listed "auth", it stays listed.
            self.got_qop |= value
                .split(|&c| c == b',')
                .any(|t| casecmp(shave(t, b" \t"), b"auth") == 0);
        } else if is(b"domain") {
            self.domain = Some(value.to_vec());
        } else if is(b"userhash") {
            // Compared case-sensitively, unlike the other values.
            match value {
                b"true" => self.userhash = UserHash::True,
                b"false" => self.userhash = UserHash::False,
                _ => crate::debug!(HTTPAUTH, |o| put(
                    o,
                    &[b"auth: Ignored bogus userhash value '", value, b"'\n"]
                )),
            }
        }
    }

    /// neon's insertion rule: before the first weaker challenge, or before
    /// a Digest one with an earlier algorithm in the table.
    fn goes_before(&self, other: &Challenge) -> bool {
        self.protocol.strength() > other.protocol.strength()
            || (self.protocol == Protocol::Digest
                && other.protocol == Protocol::Digest
                && self.alg > other.alg)
    }
}

/// The reasons collected while challenges are turned down, joined with
/// ", " (e.g. "ignored NTLM challenge, rejected Basic challenge").
#[derive(Default)]
pub struct Failures(Option<Vec<u8>>);

impl Failures {
    /// neon formats each reason into 128 bytes: at most 127 are kept.
    pub fn add(&mut self, reason: &[u8]) {
        let reason = &reason[..reason.len().min(127)];
        match &mut self.0 {
            None => self.0 = Some(reason.to_vec()),
            Some(all) => {
                all.extend_from_slice(b", ");
                all.extend_from_slice(reason);
            }
        }
    }

    pub fn text(&self) -> Option<&[u8]> {
        self.0.as_deref()
    }
}

/// The challenges in a header value that some registered callback handles,
/// strongest first. Schemes nobody handles are noted in `failures`.
pub fn parse(value: &[u8], handlers: &[Rc<Handler>], failures: &mut Failures) -> Vec<Challenge> {
    let mut list: Vec<Challenge> = Vec::new();
    let mut current: Option<Challenge> = None;
    let mut tokens = Tokenizer::new(value);
    while let Some(token) = tokens.next_token(true) {
        match token {
            Token::Scheme { name, .. } => {
                if let Some(done) = current.take() {
                    insert(&mut list, done);
                }
                let found = handlers.iter().find_map(|h| {
                    Protocol::ALL
                        .into_iter()
                        .find(|p| {
                            p.id() & h.protomask != 0 && casecmp(&name, p.name().as_bytes()) == 0
                        })
                        .map(|p| (p, h.clone()))
                });
                match found {
                    Some((protocol, handler)) => {
                        crate::debug!(HTTPAUTH, "auth: Got '{}' challenge.\n", protocol.name());
                        current = Some(Challenge::new(protocol, handler))
                    }
                    None => failures.add(&[b"ignored ", &name[..], b" challenge"].concat()),
                }
            }
            // Parameters of an ignored challenge are dropped.
            Token::Pair { key, value } => match current.as_mut() {
                Some(ch) => ch.set(&key, &value),
                None => crate::debug!(HTTPAUTH, |o| put(
                    o,
                    &[b"auth: Ignored parameter: ", &key, b" = ", &value, b"\n"]
                )),
            },
            Token::Bare { .. } => {}
        }
    }
    if let Some(done) = current {
        insert(&mut list, done);
    }
    list
}

fn insert(list: &mut Vec<Challenge>, ch: Challenge) {
    let at = list
        .iter()
        .position(|cur| ch.goes_before(cur))
        .unwrap_or(list.len());
    list.insert(at, ch);
}

#[cfg(test)]
mod tests {
    use super::super::credentials::Provider;
    use super::*;

    fn handler(mask: u32) -> Rc<Handler> {
        Rc::new(Handler::new(
            mask,
            Provider::Creds(Box::new(|_, _, _, _| -1)),
        ))
    }

    fn summary(list: &[Challenge]) -> Vec<(Protocol, Option<Vec<u8>>, Option<usize>)> {
        list.iter()
            .map(|c| (c.protocol, c.realm.clone(), c.alg))
            .collect()
    }

    #[test]
    fn orders_by_strength_then_algorithm() {
        let mut f = Failures::default();
        let list = parse(
            b"Digest realm='a', algorithm=SHA-512-256, qop=auth, nonce=x, Basic realm='b', \
              Digest realm='c', algorithm=MD5, Digest realm='d', algorithm=SHA-256, \
              Digest realm='e', algorithm=bogus",
            &[handler(BASIC | DIGEST)],
            &mut f,
        );
        assert_eq!(
            summary(&list),
            vec![
                (Protocol::Digest, Some(b"a".to_vec()), Some(4)),
                (Protocol::Digest, Some(b"d".to_vec()), Some(2)),
                (Protocol::Digest, Some(b"c".to_vec()), Some(0)),
                (Protocol::Digest, Some(b"e".to_vec()), None),
                (Protocol::Basic, Some(b"b".to_vec()), Some(0)),
            ]
        );
        assert_eq!(f.text(), None);
    }

    #[test]
    fn unknown_and_unhandled_schemes_are_ignored() {
        let mut f = Failures::default();
        let list = parse(
            b"Negotiate abc==, NTLM, Digest realm=x, Basic realm=\"y\"",
            &[handler(BASIC)],
            &mut f,
        );
        assert_eq!(
            summary(&list),
            vec![(Protocol::Basic, Some(b"y".to_vec()), Some(0))]
        );
        assert_eq!(
            f.text().unwrap(),
            b"ignored Negotiate challenge, ignored NTLM challenge, ignored Digest challenge"
        );
    }

    #[test]
    fn first_handler_for_the_protocol_wins() {
        let (b, d) = (handler(BASIC), handler(BASIC | DIGEST));
        let list = parse(
            b"basic realm=r, DIGEST realm=s",
            &[b.clone(), d.clone()],
            &mut Failures::default(),
        );
        assert!(Rc::ptr_eq(&list[0].handler, &d));
        assert!(Rc::ptr_eq(&list[1].handler, &b));
    }

    #[test]
    fn parameters() {
        let list = parse(
            b"Digest Realm=\"r\", NONCE='n', opaque=\"o\", stale=TRUE, qop=\"auth-int, auth\", \
              domain=\"/a /b\", userhash=true",
            &[handler(DIGEST)],
            &mut Failures::default(),
        );
        let c = &list[0];
        assert_eq!(c.realm.as_deref(), Some(&b"r"[..]));
        assert_eq!(c.nonce.as_deref(), Some(&b"n"[..]));
        assert_eq!(c.opaque.as_deref(), Some(&b"o"[..]));
        assert_eq!(c.domain.as_deref(), Some(&b"/a /b"[..]));
        assert!(c.stale && c.got_qop);
        assert_eq!(c.userhash, UserHash::True);
        let list = parse(
            b"Digest qop=auth-int, userhash=TRUE, stale=1",
            &[handler(DIGEST)],
            &mut Failures::default(),
        );
        assert!(!list[0].got_qop && !list[0].stale);
        let list = parse(
            b"Digest qop=auth, qop=auth-int",
            &[handler(DIGEST)],
            &mut Failures::default(),
        );
        assert!(list[0].got_qop);
        assert_eq!(list[0].userhash, UserHash::Absent);
    }

    #[test]
    fn failures_join_and_truncate() {
        let mut f = Failures::default();
        f.add(b"one");
        f.add(&[b'x'; 200]);
        let t = f.text().unwrap();
        assert!(t.starts_with(b"one, xxx"));
        assert_eq!(t.len(), 3 + 2 + 127);
    }
}
