//! OpenSSL 3.0's `X509_check_host`, `X509_check_ip` and `X509_check_email`
//! (crypto/x509/v3_utl.c) on a parsed certificate, and `a2i_ipadd`.
//!
//! The subjectAltName entries of the kind checked come first; the subject's
//! commonName (host names) or emailAddress (e-mail) attributes, all of them
//! in order, only when no such entry exists or with
//! [`ALWAYS_CHECK_SUBJECT`], never with [`NEVER_CHECK_SUBJECT`]. IP
//! addresses are only ever compared with iPAddress entries.

mod altnames;
mod ber;
mod ipaddr;
mod pattern;
mod strings;
#[cfg(test)]
mod vectors;

use super::super::cert::Certificate;
use altnames::AltName;
use pattern::{DOT_SUBDOMAINS, Equal};
use strings::{Asn1String, IA5_STRING};

/// `X509_CHECK_FLAG_*` (x509v3.h).
pub const ALWAYS_CHECK_SUBJECT: u32 = 0x1;
pub const NO_WILDCARDS: u32 = 0x2;
pub const NO_PARTIAL_WILDCARDS: u32 = 0x4;
pub const MULTI_LABEL_WILDCARDS: u32 = 0x8;
pub const SINGLE_LABEL_SUBDOMAINS: u32 = 0x10;
pub const NEVER_CHECK_SUBJECT: u32 = 0x20;

/// The result of a check, as OpenSSL's return values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// 1; for host checks, the name in the certificate that matched.
    Yes(Option<Vec<u8>>),
    /// 0.
    No,
    /// -1: the certificate could not be read.
    Error,
    /// -2: the name to check is malformed (e.g. an embedded NUL).
    Invalid,
}

impl Match {
    /// OpenSSL's return value.
    pub fn code(&self) -> i32 {
        match self {
            Match::Yes(_) => 1,
            Match::No => 0,
            Match::Error => -1,
            Match::Invalid => -2,
        }
    }
}

/// commonName (2.5.4.3) and pkcs9 emailAddress (1.2.840.113549.1.9.1), as
/// OID contents.
const COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];
const EMAIL_ADDRESS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];

/// What is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Host,
    Email,
    Ip,
}

/// `X509_check_host(x, host, host.len(), flags, &peername)`. An empty
/// `host` is an empty C string (a face given a length of 0 passes the bytes
/// up to the NUL).
pub fn check_host(cert: &Certificate, host: &[u8], flags: u32) -> Match {
    match text_argument(host) {
        Some(host) => check(cert, host, flags, Kind::Host),
        None => Match::Invalid,
    }
}

/// `X509_check_ip(x, ip, ip.len(), flags)` with a 4- or 16-byte address.
pub fn check_ip(cert: &Certificate, ip: &[u8], flags: u32) -> Match {
    check(cert, ip, flags, Kind::Ip)
}

/// `X509_check_ip_asc(x, text, flags)`: [`check_ip`] of the address
/// [`parse_ip`] reads, [`Match::Invalid`] if it reads none.
pub fn check_ip_asc(cert: &Certificate, text: &[u8], flags: u32) -> Match {
    match parse_ip(text) {
        Some(ip) => check_ip(cert, &ip, flags),
        None => Match::Invalid,
    }
}

/// `X509_check_email(x, email, email.len(), flags)`; an empty `email` as
/// for [`check_host`].
pub fn check_email(cert: &Certificate, email: &[u8], flags: u32) -> Match {
    match text_argument(email) {
        Some(email) => check(cert, email, flags, Kind::Email),
        None => Match::Invalid,
    }
}

/// `a2i_ipadd`: a textual IPv4 or IPv6 address as 4 or 16 bytes; `None`
/// if it is not one (then `SSL_set1_host` takes it as a host name).
/// The text ends at a NUL, as in C.
pub fn parse_ip(text: &[u8]) -> Option<Vec<u8>> {
    ipaddr::parse(text)
}

/// A host name or e-mail address to check: no NUL, except that one final
/// NUL after at least one byte is dropped (callers that count the C
/// string's terminator).
fn text_argument(text: &[u8]) -> Option<&[u8]> {
    let text = match text {
        [body @ .., 0] if !body.is_empty() => body,
        _ => text,
    };
    (!text.contains(&0)).then_some(text)
}

/// `do_x509_check`.
fn check(cert: &Certificate, chk: &[u8], flags: u32, kind: Kind) -> Match {
    let mut flags = flags & !DOT_SUBDOMAINS;
    let equal: Equal = match kind {
        Kind::Email => pattern::equal_email,
        Kind::Host => {
            if chk.len() > 1 && chk[0] == b'.' {
                flags |= DOT_SUBDOMAINS;
            }
            if flags & NO_WILDCARDS != 0 {
                pattern::equal_nocase
            } else {
                pattern::equal_wildcard
            }
        }
        // Addresses are compared byte for byte (`Comparison::typed`).
        Kind::Ip => |a, b, _| a == b,
    };
    let cmp = Comparison {
        equal,
        flags,
        chk,
        peername: kind == Kind::Host,
    };

    if let Some(names) = altnames::read(cert) {
        let mut present = false;
        // After an SmtpUTF8Mailbox entry, OpenSSL compares all further
        // entries converted to UTF-8.
        let mut convert = false;
        for name in &names {
            let relevant = match (kind, name) {
                (Kind::Host, AltName::Dns(_)) | (Kind::Ip, AltName::Ip(_)) => true,
                (Kind::Email, AltName::Email(_)) => true,
                (Kind::Email, AltName::SmtpUtf8Mailbox(_)) => {
                    convert = true;
                    true
                }
                _ => false,
            };
            let Some(value) = name.string().filter(|_| relevant) else {
                continue;
            };
            present = true;
            let result = if convert {
                cmp.converted(&value)
            } else {
                cmp.typed(&value)
            };
            if result != Match::No {
                return result;
            }
        }
        if present && flags & ALWAYS_CHECK_SUBJECT == 0 {
            return Match::No;
        }
    }

    let oid = match kind {
        Kind::Host => COMMON_NAME,
        Kind::Email => EMAIL_ADDRESS,
        Kind::Ip => return Match::No,
    };
    if flags & NEVER_CHECK_SUBJECT != 0 {
        return Match::No;
    }
    for attr in cert.subject().attributes().iter().filter(|a| a.oid == oid) {
        let result = match strings::attribute_value(attr) {
            Some(value) => cmp.converted(&value),
            None => Match::Error,
        };
        if result != Match::No {
            return result;
        }
    }
    Match::No
}

/// One check's comparison of certificate strings (`do_check_string`).
struct Comparison<'a> {
    equal: Equal,
    flags: u32,
    chk: &'a [u8],
    /// Whether the name that matched is returned.
    peername: bool,
}

impl Comparison<'_> {
    fn result(&self, matched: bool, name: &[u8]) -> Match {
        match matched {
            true => Match::Yes(self.peername.then(|| name.to_vec())),
            false => Match::No,
        }
    }

    /// A subjectAltName entry of the expected type: IA5 strings through the
    /// comparison, addresses byte for byte. Empty entries never match.
    fn typed(&self, s: &Asn1String) -> Match {
        if s.data.is_empty() {
            return Match::No;
        }
        let matched = if s.kind == IA5_STRING {
            (self.equal)(&s.data, self.chk, self.flags)
        } else {
            s.data == self.chk
        };
        self.result(matched, &s.data)
    }

    /// A string converted to UTF-8 first; [`Match::Error`] if it cannot be.
    fn converted(&self, s: &Asn1String) -> Match {
        if s.data.is_empty() {
            return Match::No;
        }
        match strings::to_utf8(s) {
            Some(text) => self.result((self.equal)(&text, self.chk, self.flags), &text),
            None => Match::Error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::cert::tests::self_signed;
    use rcgen::{CertificateParams, DnType, DnValue, SanType};

    /// A certificate of testdata/hostmatch (see tools/hostmatch-vectors.py).
    fn fixture(label: &str) -> Certificate {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/tls/x509/testdata/hostmatch")
            .join(format!("{label}.pem"));
        Certificate::read_pem_file(&path).unwrap()
    }

    fn made(cn: &[DnValue], sans: &[&str]) -> Certificate {
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        for value in cn {
            p.distinguished_name.push(DnType::CommonName, value.clone());
        }
        p.subject_alt_names = sans
            .iter()
            .map(|s| match s.split_once(':').unwrap() {
                ("DNS", v) => SanType::DnsName(v.try_into().unwrap()),
                ("IP", v) => SanType::IpAddress(v.parse().unwrap()),
                ("email", v) => SanType::Rfc822Name(v.try_into().unwrap()),
                other => panic!("{other:?}"),
            })
            .collect();
        self_signed(p)
    }

    fn yes(name: &str) -> Match {
        Match::Yes(Some(name.as_bytes().to_vec()))
    }

    const YES: Match = Match::Yes(None);

    #[test]
    fn san_first_subject_as_fallback() {
        let cn = |s: &str| DnValue::Utf8String(s.into());
        let cert = made(
            &[cn("cn.example")],
            &["DNS:*.example.com", "DNS:exact.example"],
        );
        assert_eq!(
            check_host(&cert, b"www.EXAMPLE.com", 0),
            yes("*.example.com")
        );
        assert_eq!(check_host(&cert, b"Exact.Example", 0), yes("exact.example"));
        assert_eq!(check_host(&cert, b"cn.example", 0), Match::No);
        assert_eq!(
            check_host(&cert, b"cn.example", ALWAYS_CHECK_SUBJECT),
            yes("cn.example")
        );
        // Without a dNSName (an iPAddress does not count) the commonName is used...
        let ip_only = made(&[cn("cn.example")], &["IP:127.0.0.1"]);
        assert_eq!(check_host(&ip_only, b"cn.example", 0), yes("cn.example"));
        // ... unless told never to.
        assert_eq!(
            check_host(&ip_only, b"cn.example", NEVER_CHECK_SUBJECT),
            Match::No
        );
        let none = made(&[cn("cn.example")], &[]);
        assert_eq!(check_host(&none, b"CN.example", 0), yes("cn.example"));
        assert_eq!(
            check_host(&none, b"cn.example", NEVER_CHECK_SUBJECT),
            Match::No
        );
        // Both "always" and "never": never.
        let both = ALWAYS_CHECK_SUBJECT | NEVER_CHECK_SUBJECT;
        assert_eq!(check_host(&cert, b"cn.example", both), Match::No);
    }

    #[test]
    fn wildcard_flags() {
        let cert = made(&[], &["DNS:*.example.com", "DNS:f*.partial.test"]);
        assert_eq!(check_host(&cert, b"a.b.example.com", 0), Match::No);
        assert_eq!(
            check_host(&cert, b"a.b.example.com", MULTI_LABEL_WILDCARDS),
            yes("*.example.com")
        );
        assert_eq!(
            check_host(&cert, b"foo.partial.test", 0),
            yes("f*.partial.test")
        );
        assert_eq!(
            check_host(&cert, b"foo.partial.test", NO_PARTIAL_WILDCARDS),
            Match::No
        );
        assert_eq!(
            check_host(&cert, b"www.example.com", NO_WILDCARDS),
            Match::No
        );
        assert_eq!(
            check_host(&cert, b"*.example.com", NO_WILDCARDS),
            yes("*.example.com")
        );
    }

    #[test]
    fn leading_dot_matches_subdomains() {
        let cert = made(&[], &["DNS:www.example.com", "DNS:a.b.example.net"]);
        assert_eq!(
            check_host(&cert, b".example.com", 0),
            yes("www.example.com")
        );
        assert_eq!(
            check_host(&cert, b".example.net", 0),
            yes("a.b.example.net")
        );
        assert_eq!(
            check_host(&cert, b".example.net", SINGLE_LABEL_SUBDOMAINS),
            Match::No
        );
        assert_eq!(
            check_host(&cert, b".b.example.net", SINGLE_LABEL_SUBDOMAINS),
            yes("a.b.example.net")
        );
        assert_eq!(check_host(&cert, b".", 0), Match::No);
        // The internal flag cannot be passed in.
        assert_eq!(check_host(&cert, b"example.com", DOT_SUBDOMAINS), Match::No);
    }

    #[test]
    fn trailing_dots_are_not_folded() {
        let cert = made(&[], &["DNS:www.example.com", "DNS:*.example.org"]);
        assert_eq!(check_host(&cert, b"www.example.com.", 0), Match::No);
        assert_eq!(check_host(&cert, b"www.example.org.", 0), Match::No);
        let dotted = made(&[], &["DNS:www.example.com."]);
        assert_eq!(
            check_host(&dotted, b"www.example.com.", 0),
            yes("www.example.com.")
        );
        assert_eq!(check_host(&dotted, b"www.example.com", 0), Match::No);
    }

    #[test]
    fn nul_in_the_name_checked() {
        let cert = made(&[], &["DNS:ok.example.com"]);
        assert_eq!(
            check_host(&cert, b"ok.example.com\0", 0),
            yes("ok.example.com")
        );
        assert_eq!(check_host(&cert, b"ok.example.com\0\0", 0), Match::Invalid);
        assert_eq!(check_host(&cert, b"ok\0.example.com", 0), Match::Invalid);
        assert_eq!(check_host(&cert, b"\0", 0), Match::Invalid);
        assert_eq!(check_host(&cert, b"", 0), Match::No);
        assert_eq!(check_email(&cert, b"a@b\0", 0), Match::No);
        assert_eq!(check_email(&cert, b"a\0@b", 0), Match::Invalid);
        // Addresses are bytes: NUL is fine.
        assert_eq!(check_ip(&cert, &[0, 0, 0, 0], 0), Match::No);
    }

    #[test]
    fn nul_in_the_certificate_never_matches() {
        let cn = fixture("cn-nul");
        assert_eq!(check_host(&cn, b"www.example.com", 0), Match::No);
        assert_eq!(check_host(&cn, b"bmp.example.com", 0), Match::No);
        assert_eq!(check_host(&cn, b"x.wild", 0), Match::No);
        assert_eq!(check_host(&cn, b"ok.example.com", 0), yes("ok.example.com"));
        let san = fixture("san-nul");
        assert_eq!(check_host(&san, b"nul.example.com", 0), Match::No);
        assert_eq!(check_host(&san, b"x.ok.example.com", 0), Match::No);
        assert_eq!(check_email(&san, b"user@example.com", 0), Match::No);
        assert_eq!(check_email(&san, b"fine@example.com", 0), YES);
    }

    #[test]
    fn every_common_name_in_order() {
        let cert = fixture("cn-multi");
        for name in [
            "first.example",
            "second.example",
            "rdn-a.example",
            "rdn-b.example",
        ] {
            assert_eq!(check_host(&cert, name.as_bytes(), 0), yes(name));
        }
        assert_eq!(
            check_host(&cert, b"www.wild.example", 0),
            yes("*.wild.example")
        );
        // A value OpenSSL cannot convert is an error, when reached.
        let late = fixture("cn-unconvertible-late");
        assert_eq!(check_host(&late, b"first.example", 0), yes("first.example"));
        assert_eq!(check_host(&late, b"last.example", 0), Match::Error);
        assert_eq!(
            check_host(&fixture("cn-unconvertible"), b"after.example", 0),
            Match::Error
        );
    }

    #[test]
    fn common_name_string_types() {
        let cn = fixture("cn-types");
        // BMPString, UniversalString, T61String and IA5String become UTF-8.
        assert_eq!(check_host(&cn, b"BMP.example", 0), yes("bmp.example"));
        assert_eq!(
            check_host(&cn, "b\u{fc}cher.example".as_bytes(), 0),
            yes("b\u{fc}cher.example")
        );
        assert_eq!(check_host(&cn, b"b\xfccher.example", 0), Match::No);
        assert_eq!(
            check_host(&cn, b"x.bmpwild.example", 0),
            yes("*.bmpwild.example")
        );
        assert_eq!(
            check_host(&cn, "t61-\u{e9}.example".as_bytes(), 0),
            yes("t61-\u{e9}.example")
        );
        assert_eq!(check_host(&cn, b"t61-\xe9.example", 0), Match::No);
        assert_eq!(
            check_host(&cn, "ia5-\u{e9}.example".as_bytes(), 0),
            yes("ia5-\u{e9}.example")
        );
        // Case folds for ASCII only.
        assert_eq!(
            check_host(&cn, "utf8-\u{c9}.example".as_bytes(), 0),
            Match::No
        );
        // The same through rcgen's encoder.
        let bmp = made(
            &[DnValue::BmpString("bmp.example".try_into().unwrap())],
            &[],
        );
        assert_eq!(check_host(&bmp, b"bmp.example", 0), yes("bmp.example"));
    }

    #[test]
    fn addresses() {
        let cert = fixture("ip");
        assert_eq!(check_ip(&cert, &[127, 0, 0, 1], 0), YES);
        assert_eq!(check_ip(&cert, &[127, 0, 0, 2], 0), Match::No);
        // The commonName is never an address, even when told to look.
        assert_eq!(
            check_ip(&cert, &[192, 0, 2, 1], ALWAYS_CHECK_SUBJECT),
            Match::No
        );
        assert_eq!(check_ip_asc(&cert, b"::1", 0), YES);
        assert_eq!(check_ip_asc(&cert, b"2001:DB8:0::1", 0), YES);
        assert_eq!(check_ip_asc(&cert, b"localhost", 0), Match::Invalid);
        // A dNSName "127.0.0.1" is a host name, not an address.
        assert_eq!(check_host(&cert, b"127.0.0.1", 0), yes("127.0.0.1"));
        assert_eq!(check_host(&cert, b"10.0.0.1", 0), Match::No);
        assert_eq!(
            check_ip(&fixture("ip-in-cn"), &[127, 0, 0, 1], 0),
            Match::No
        );
        assert_eq!(
            check_host(&fixture("ip-in-cn"), b"127.0.0.1", 0),
            yes("127.0.0.1")
        );
        let made = made(&[], &["IP:::1", "DNS:127.0.0.1"]);
        assert_eq!(check_ip(&made, &parse_ip(b"::1").unwrap(), 0), YES);
        assert_eq!(check_ip(&made, &[127, 0, 0, 1], 0), Match::No);
    }

    #[test]
    fn email_addresses() {
        let cert = made(&[], &["email:User@Example.COM"]);
        assert_eq!(check_email(&cert, b"User@example.com", 0), YES);
        assert_eq!(check_email(&cert, b"user@example.com", 0), Match::No);
        let subject = fixture("cn-only");
        assert_eq!(check_email(&subject, b"Admin@example.com", 0), YES);
        assert_eq!(
            check_email(&subject, b"Admin@example.com", NEVER_CHECK_SUBJECT),
            Match::No
        );
        // emailAddress values are converted: ISO-8859-1 IA5 bytes become UTF-8.
        let latin1 = fixture("email-subject");
        assert_eq!(
            check_email(&latin1, "caf\u{e9}@latin1.example".as_bytes(), 0),
            YES
        );
        assert_eq!(
            check_email(&latin1, b"caf\xe9@latin1.example", 0),
            Match::No
        );
        // After an SmtpUTF8Mailbox entry, rfc822Names are converted too.
        let smtp = fixture("smtputf8");
        assert_eq!(
            check_email(&smtp, "\u{fc}ser@EXAMPLE.com".as_bytes(), 0),
            YES
        );
        assert_eq!(check_email(&smtp, b"caf\xe9@before.example", 0), YES);
        assert_eq!(
            check_email(&smtp, "caf\u{e9}@after.example".as_bytes(), 0),
            YES
        );
        assert_eq!(check_email(&smtp, b"caf\xe9@after.example", 0), Match::No);
        // ... and one that is not UTF-8 is an error.
        let bad = fixture("smtputf8-bad");
        assert_eq!(check_email(&bad, b"first@example.com", 0), YES);
        assert_eq!(check_email(&bad, b"ok@example.com", 0), Match::Error);
    }

    #[test]
    fn unusable_alt_names_count_as_none() {
        for label in ["dup-san", "bad-san", "empty-san", "ber-too-deep"] {
            let cert = fixture(label);
            assert_eq!(
                check_host(&cert, b"cn.example", 0),
                yes("cn.example"),
                "{label}"
            );
        }
        // Empty entries are present, and match nothing.
        let empty = fixture("empty-entries");
        assert_eq!(check_host(&empty, b"cn.example", 0), Match::No);
        assert_eq!(check_email(&empty, b"cn@example.com", 0), Match::No);
        // BER forms OpenSSL reads.
        let ber = fixture("ber-san");
        for name in ["ber.example", "deep.example", "long.example"] {
            assert_eq!(check_host(&ber, name.as_bytes(), 0), yes(name));
        }
    }

    #[test]
    fn result_codes() {
        let codes = [Match::Yes(None), Match::No, Match::Error, Match::Invalid].map(|m| m.code());
        assert_eq!(codes, [1, 0, -1, -2]);
    }
}
