//! Whom a certificate was issued to, by neon 0.32.5's rules (RFC 2818 as
//! neon reads it): the subjectAltName dNSName, iPAddress and URI entries,
//! else the last commonName.

use super::cert::{AltName, Certificate};
use crate::debug;
use crate::net::InetAddr;
use crate::text::quote;
use crate::uri::{self, Uri};

/// The outcome of checking a server certificate against the server's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    Match,
    /// neon's `NE_SSL_IDMISMATCH`.
    Mismatch,
    /// No usable subjectAltName and no readable commonName: neon fails with
    /// "Server certificate was missing commonName attribute in subject name".
    NoCommonName,
}

/// The server a certificate is checked against, as neon's session names it.
struct Server<'a> {
    host: &'a [u8],
    scheme: &'a [u8],
    port: u32,
}

/// Checks `cert` for the server `scheme://host:port`.
///
/// The subjectAltName entries are tried in order until one matches:
/// a dNSName by [`match_hostname`], an iPAddress by its printed form equal to
/// `host`, a URI (with scheme and host) by scheme, host and port as
/// `ne_uri_cmp` compares them. Any such entry rules out the commonName;
/// without one, the last commonName is matched like a dNSName. The SSL
/// debug channel shows each name tried and the outcome, as neon's does.
pub fn check_identity(cert: &Certificate, host: &[u8], scheme: &[u8], port: u32) -> Identity {
    let server = Server { host, scheme, port };
    match examine(cert, Some(&server), true).matched {
        Some(true) => Identity::Match,
        Some(false) => Identity::Mismatch,
        None => Identity::NoCommonName,
    }
}

/// Checks `cert` by neon 0.37's rules (`ne_ssl_check_certificate`, RFC
/// 9110 §4.3.4 / RFC 6125): with `address` (a server named by an IP
/// literal) only iPAddress entries count and compare as addresses; without
/// it only dNSName entries count, matched with `host` by
/// [`match_hostname_037`]. URI entries are ignored. Without counted
/// entries the last commonName is used (matching only when there is no
/// `address`).
pub fn check_identity_037(cert: &Certificate, host: &[u8], address: Option<&InetAddr>) -> Identity {
    let mut matched = false;
    let mut found = false;
    for name in cert.alt_names().unwrap_or_default() {
        if matched {
            break;
        }
        match (name, address) {
            (AltName::Dns(raw), None) => {
                matched = match_hostname_037(&quote::escape(raw), host);
                found = true;
            }
            (AltName::Dns(_), Some(_)) => found = true,
            (AltName::Ip(raw), Some(want)) => {
                let addr = match raw.len() {
                    4 => InetAddr::from_raw(false, raw),
                    16 => InetAddr::from_raw(true, raw),
                    _ => None,
                };
                if let Some(addr) = addr {
                    matched = addr.compare(want) == 0;
                    found = true;
                }
            }
            _ => {}
        }
    }
    if !found {
        let Some(cn) = cert.subject().last_common_name().and_then(|a| a.readable()) else {
            return Identity::NoCommonName;
        };
        matched = address.is_none() && match_hostname_037(&cn, host);
    }
    if matched {
        Identity::Match
    } else {
        Identity::Mismatch
    }
}

/// neon 0.37's `ne__ssl_match_hostname`: as [`match_hostname`] but a
/// wildcard is not refused for an IP-address-like host (0.37 never matches
/// names against addresses).
pub fn match_hostname_037(name: &[u8], host: &[u8]) -> bool {
    let (mut name, mut host) = (name, host);
    if name.len() > 2 && name.starts_with(b"*.") {
        if let Some(dot) = host.iter().position(|&b| b == b'.') {
            host = &host[dot + 1..];
            name = &name[2..];
        }
    }
    name.eq_ignore_ascii_case(host)
}

/// The identity neon reports for a certificate (`ne_ssl_cert_identity`):
/// the first subjectAltName entry if it is a dNSName or a URI with scheme
/// and host, else nothing if an iPAddress came first; without such entries
/// the last commonName. Non-printable bytes of alternative names are
/// escaped as `\xHH`.
pub fn identity(cert: &Certificate) -> Option<Vec<u8>> {
    examine(cert, None, false).identity
}

/// What neon's SSL debug channel shows when it takes in a certificate (its
/// `populate_cert` looks for the identity by matching the names against
/// ""): nothing is done unless the channel is on.
pub fn trace_identity(cert: &Certificate) {
    if debug::enabled(debug::SSL) {
        examine(cert, None, true);
    }
}

struct Outcome {
    /// `None` when the certificate names nobody.
    matched: Option<bool>,
    identity: Option<Vec<u8>>,
}

/// neon's `check_identity`; without a server the host is "" and URIs are
/// not compared. With `trace`, its SSL debug lines.
fn examine(cert: &Certificate, server: Option<&Server<'_>>, trace: bool) -> Outcome {
    let host = server.map_or(&b""[..], |s| s.host);
    let mut matched = false;
    let mut found = false;
    let mut identity = None;
    for name in cert.alt_names().unwrap_or_default() {
        if matched {
            break;
        }
        match name {
            AltName::Dns(raw) => {
                let name = quote::escape(raw);
                matched = match_traced(&name, host, trace);
                if !found {
                    identity = Some(name);
                }
                found = true;
            }
            AltName::Ip(raw) => {
                let addr = match raw.len() {
                    4 => InetAddr::from_raw(false, raw),
                    16 => InetAddr::from_raw(true, raw),
                    _ => None,
                };
                if let Some(addr) = addr {
                    matched = addr.print() == host;
                    found = true;
                } else if trace {
                    crate::debug!(
                        debug::SSL,
                        "iPAddress name with unsupported address type (length {}), skipped.\n",
                        raw.len()
                    );
                }
            }
            AltName::Uri(raw) => {
                let name = quote::escape(raw);
                let Ok(parsed) = uri::parse(&name) else {
                    continue;
                };
                if parsed.host.is_none() || parsed.scheme.is_none() {
                    continue;
                }
                if let Some(server) = server {
                    // Only scheme, host and port take part.
                    let theirs = Uri {
                        scheme: parsed.scheme,
                        host: parsed.host,
                        port: parsed.port,
                        ..Uri::default()
                    };
                    let ours = Uri {
                        scheme: Some(server.scheme.to_vec()),
                        host: Some(server.host.to_vec()),
                        port: server.port,
                        ..Uri::default()
                    };
                    matched = uri::cmp(&ours, &theirs) == 0;
                }
                if !found {
                    identity = Some(name);
                }
                found = true;
            }
            AltName::Other => {}
        }
    }
    if !found {
        let Some(cn) = cert.subject().last_common_name().and_then(|a| a.readable()) else {
            return Outcome {
                matched: None,
                identity: None,
            };
        };
        matched = match_traced(&cn, host, trace);
        identity = Some(cn);
    }
    if trace {
        crate::debug!(debug::SSL, |o| {
            debug::put(o, &[b"Identity match for '", host, b"': "]);
            o.extend_from_slice(if matched { b"good\n" } else { b"bad\n" });
        });
    }
    Outcome {
        matched: Some(matched),
        identity,
    }
}

/// [`match_hostname`], with neon's SSL debug lines when `trace` is set.
fn match_traced(name: &[u8], host: &[u8], trace: bool) -> bool {
    if trace {
        crate::debug!(debug::SSL, |o| debug::put(
            o,
            &[
                b"ssl: Match common name '",
                name,
                b"' against '",
                host,
                b"'\n"
            ]
        ));
        if debug::enabled(debug::SSL) && wildcard_denied(name, host) {
            crate::debug!(
                debug::SSL,
                "ssl: Denying wildcard match for numeric IP address.\n"
            );
        }
    }
    match_hostname(name, host)
}

/// Whether [`match_hostname`] refuses a wildcard because `host` is an IP
/// address.
fn wildcard_denied(name: &[u8], host: &[u8]) -> bool {
    name.len() > 2
        && name.starts_with(b"*.")
        && host.contains(&b'.')
        && (InetAddr::parse(host, false).is_some() || InetAddr::parse(host, true).is_some())
}

/// neon's `ne__ssl_match_hostname`: equal ignoring ASCII case, where a
/// leading "*." stands for exactly the first label of `host` — but never
/// when `host` is an IP address.
pub fn match_hostname(name: &[u8], host: &[u8]) -> bool {
    let (mut name, mut host) = (name, host);
    if name.len() > 2 && name.starts_with(b"*.") {
        if let Some(dot) = host.iter().position(|&b| b == b'.') {
            if InetAddr::parse(host, false).is_some() || InetAddr::parse(host, true).is_some() {
                return false;
            }
            host = &host[dot + 1..];
            name = &name[2..];
        }
    }
    name.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::cert::tests::self_signed;
    use rcgen::{CertificateParams, DnType, DnValue, SanType};

    fn cert(cns: &[&str], sans: Vec<SanType>) -> Certificate {
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(DnType::OrganizationName, "Org");
        for (i, cn) in cns.iter().enumerate() {
            // rcgen keeps one value per type: further commonNames by OID.
            let ty = if i == 0 {
                DnType::CommonName
            } else {
                DnType::CustomDnType(vec![2, 5, 4, 3])
            };
            p.distinguished_name.push(ty, *cn);
        }
        p.subject_alt_names = sans;
        self_signed(p)
    }

    fn dns(s: &str) -> SanType {
        SanType::DnsName(s.try_into().unwrap())
    }

    fn ip(s: &str) -> SanType {
        SanType::IpAddress(s.parse().unwrap())
    }

    fn https(c: &Certificate, host: &str) -> Identity {
        check_identity(c, host.as_bytes(), b"https", 443)
    }

    fn id(c: &Certificate) -> Option<String> {
        identity(c).map(|v| String::from_utf8(v).unwrap())
    }

    #[test]
    fn hostname_matching() {
        assert!(match_hostname(b"localhost", b"LocalHost"));
        assert!(match_hostname(b"*.example.com", b"www.example.com"));
        assert!(match_hostname(b"*.EXAMPLE.com", b"www.example.COM"));
        assert!(!match_hostname(b"*.example.com", b"a.b.example.com"));
        assert!(!match_hostname(b"*.example.com", b"example.com"));
        assert!(!match_hostname(b"*.", b"a."));
        assert!(match_hostname(b"*.", b"*."));
        assert!(!match_hostname(b"*.1.1.1", b"8.1.1.1"));
        assert!(!match_hostname(b"*.0.0.1", b"127.0.0.1"));
        assert!(!match_hostname(b"*.com", b"localhost"));
        assert!(match_hostname(b"*.com", b"*.com"));
        assert!(!match_hostname(b"www.example.com", b"www.example.co"));
        assert!(!match_hostname(b"f*.example.com", b"foo.example.com"));
        // An IPv6 literal has no dot, so no wildcard applies.
        assert!(!match_hostname(b"*.1", b"::1"));
        assert!(match_hostname(b"", b""));
    }

    #[test]
    fn common_name_rules() {
        let c = cert(&["localhost"], vec![]);
        assert_eq!(https(&c, "localhost"), Identity::Match);
        assert_eq!(https(&c, "LOCALHOST"), Identity::Match);
        assert_eq!(https(&c, "other"), Identity::Mismatch);
        assert_eq!(id(&c).as_deref(), Some("localhost"));

        // The last commonName counts.
        let two = cert(&["first.example", "localhost"], vec![]);
        assert_eq!(id(&two).as_deref(), Some("localhost"));
        assert_eq!(https(&two, "localhost"), Identity::Match);
        assert_eq!(https(&two, "first.example"), Identity::Mismatch);

        let wild = cert(&["*.example.com"], vec![]);
        assert_eq!(https(&wild, "www.example.com"), Identity::Match);
        assert_eq!(https(&wild, "example.com"), Identity::Mismatch);

        let none = cert(&[], vec![]);
        assert_eq!(https(&none, "localhost"), Identity::NoCommonName);
        assert_eq!(id(&none), None);
        // Other kinds of alternative name do not count.
        let mail = cert(
            &[],
            vec![SanType::Rfc822Name("a@example.com".try_into().unwrap())],
        );
        assert_eq!(https(&mail, "example.com"), Identity::NoCommonName);
        let mail_cn = cert(
            &["localhost"],
            vec![SanType::Rfc822Name("a@b".try_into().unwrap())],
        );
        assert_eq!(https(&mail_cn, "localhost"), Identity::Match);
    }

    #[test]
    fn unreadable_common_name_is_no_name() {
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name
            .push(DnType::CommonName, DnValue::Utf8String("a\0b".into()));
        let c = self_signed(p);
        assert_eq!(https(&c, "a"), Identity::NoCommonName);
        assert_eq!(id(&c), None);

        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(
            DnType::CommonName,
            DnValue::BmpString("h\u{e8}llo".try_into().unwrap()),
        );
        let c = self_signed(p);
        assert_eq!(id(&c).as_deref(), Some("h\u{e8}llo"));
        assert_eq!(https(&c, "h\u{e8}llo"), Identity::Match);
    }

    #[test]
    fn dns_alt_names_replace_common_name() {
        let c = cert(
            &["localhost"],
            vec![dns("nohost.example.com"), dns("*.example.org")],
        );
        assert_eq!(id(&c).as_deref(), Some("nohost.example.com"));
        assert_eq!(https(&c, "localhost"), Identity::Mismatch);
        assert_eq!(https(&c, "NOHOST.example.com"), Identity::Match);
        assert_eq!(https(&c, "www.example.org"), Identity::Match);
        assert_eq!(https(&c, "a.www.example.org"), Identity::Mismatch);

        // A DNS name that looks like an address matches textually only.
        let c = cert(&["x"], vec![dns("127.0.0.1")]);
        assert_eq!(https(&c, "127.0.0.1"), Identity::Match);
    }

    #[test]
    fn ip_alt_names() {
        let c = cert(&["localhost"], vec![ip("127.0.0.1"), dns("example.com")]);
        assert_eq!(https(&c, "127.0.0.1"), Identity::Match);
        assert_eq!(https(&c, "127.0.0.2"), Identity::Mismatch);
        // Any alternative name rules out the commonName.
        assert_eq!(https(&c, "localhost"), Identity::Mismatch);
        assert_eq!(https(&c, "example.com"), Identity::Match);
        // An iPAddress first means no identity at all.
        assert_eq!(id(&c), None);

        let v6 = cert(&["x"], vec![ip("::1"), ip("2001:db8::10")]);
        assert_eq!(https(&v6, "::1"), Identity::Match);
        assert_eq!(https(&v6, "2001:db8::10"), Identity::Match);
        assert_eq!(https(&v6, "2001:DB8::10"), Identity::Mismatch);
        assert_eq!(https(&v6, "x"), Identity::Mismatch);

        // Wildcard DNS names never match an address.
        let wild = cert(&["x"], vec![dns("*.0.0.1")]);
        assert_eq!(https(&wild, "127.0.0.1"), Identity::Mismatch);
    }

    #[test]
    fn uri_alt_names() {
        let uri = |s: &str| SanType::URI(s.try_into().unwrap());
        let c = cert(
            &["localhost"],
            vec![uri("https://www.example.com:8443/path?q")],
        );
        assert_eq!(
            id(&c).as_deref(),
            Some("https://www.example.com:8443/path?q")
        );
        let check =
            |host: &str, scheme: &[u8], port| check_identity(&c, host.as_bytes(), scheme, port);
        assert_eq!(check("www.example.com", b"https", 8443), Identity::Match);
        assert_eq!(check("WWW.example.com", b"HTTPS", 8443), Identity::Match);
        assert_eq!(check("www.example.com", b"https", 443), Identity::Mismatch);
        assert_eq!(check("www.example.com", b"http", 8443), Identity::Mismatch);
        assert_eq!(check("localhost", b"https", 8443), Identity::Mismatch);

        // Without a port in the URI, neon compares against port 0.
        let c = cert(&["x"], vec![uri("http://nohost.example.com/")]);
        assert_eq!(id(&c).as_deref(), Some("http://nohost.example.com/"));
        assert_eq!(
            check_identity(&c, b"nohost.example.com", b"http", 80),
            Identity::Mismatch
        );

        // A URI without a host is not an identity: the commonName is used.
        let c = cert(&["localhost"], vec![uri("urn:isbn:123")]);
        assert_eq!(id(&c).as_deref(), Some("localhost"));
        assert_eq!(https(&c, "localhost"), Identity::Match);
    }

    #[test]
    fn escaped_alt_names() {
        // rcgen refuses odd DNS names: build the SAN through an IA5 URI-less DNS entry.
        let c = cert(&["x"], vec![dns("www.bank.com")]);
        let mut der = c.der().to_vec();
        let at = der.windows(12).position(|w| w == b"www.bank.com").unwrap();
        der[at + 3] = 0; // "www\0bank.com" (the signature no longer matters here)
        let c = Certificate::from_der(&der).unwrap();
        assert_eq!(id(&c).as_deref(), Some("www\\x00bank.com"));
        assert_eq!(https(&c, "www"), Identity::Mismatch);
    }

    /// The SSL channel's lines, neon's: each name tried, a wildcard refused
    /// for an address, the outcome; nothing when the channel is off or for
    /// `identity` alone.
    #[test]
    fn debug_lines() {
        use crate::debug;
        use std::sync::{Arc, Mutex};
        let _g = debug::tests::SERIAL
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let seen = Arc::new(Mutex::new(Vec::<u8>::new()));
        let s2 = seen.clone();
        let sink: Arc<debug::Sink> =
            Arc::new(move |b: &[u8], _| s2.lock().unwrap().extend_from_slice(b));
        let c = cert(&["cn.example"], vec![dns("*.0.0.1"), ip("10.0.0.1")]);
        let cn_only = cert(&["cn.example"], vec![]);
        debug::init(debug::HTTP, Some(sink.clone()));
        check_identity(&c, b"127.0.0.1", b"https", 443);
        trace_identity(&c);
        debug::init(debug::SSL, Some(sink));
        identity(&c);
        check_identity(&c, b"127.0.0.1", b"https", 443);
        trace_identity(&cn_only);
        debug::init(0, None);
        assert_eq!(
            String::from_utf8_lossy(&seen.lock().unwrap()),
            "ssl: Match common name '*.0.0.1' against '127.0.0.1'\n\
             ssl: Denying wildcard match for numeric IP address.\n\
             Identity match for '127.0.0.1': bad\n\
             ssl: Match common name 'cn.example' against ''\n\
             Identity match for '': bad\n"
        );
    }
}
