//! Digest authentication: RFC 7616 (MD5, SHA-256, SHA-512-256 and their
//! -sess variants, qop=auth, userhash, username*), RFC 2617, and RFC 2069
//! when the application allows it; mutual authentication through
//! Authentication-Info. Computations and messages follow neon 0.32.5.

use crate::debug::{HTTPAUTH, put};
use std::io::Read;

use super::challenge::{Challenge, UserHash};
use super::credentials::Secret;
use super::scope;
use super::state::{Attempt, AuthSession};
use super::{Class, LEGACY_DIGEST};
use crate::http::ZStr;
use crate::text::base64;
use crate::text::case::casecmp;
use crate::text::hash::{self, StrHash};
use crate::text::param;

pub struct Algorithm {
    pub name: &'static str,
    /// A `text::hash` algorithm.
    pub hash: u32,
    /// A -sess variant: H(A1) also covers the nonces.
    pub sess: bool,
}

/// In neon's order, which ranks algorithms of competing challenges (later
/// is preferred).
pub const ALGORITHMS: [Algorithm; 6] = [
    Algorithm {
        name: "MD5",
        hash: hash::MD5,
        sess: false,
    },
    Algorithm {
        name: "MD5-sess",
        hash: hash::MD5,
        sess: true,
    },
    Algorithm {
        name: "SHA-256",
        hash: hash::SHA256,
        sess: false,
    },
    Algorithm {
        name: "SHA-256-sess",
        hash: hash::SHA256,
        sess: true,
    },
    Algorithm {
        name: "SHA-512-256",
        hash: hash::SHA512_256,
        sess: false,
    },
    Algorithm {
        name: "SHA-512-256-sess",
        hash: hash::SHA512_256,
        sess: true,
    },
];

/// The algorithm an `algorithm` parameter names (any case).
pub fn algorithm_by_name(name: &[u8]) -> Option<usize> {
    ALGORITHMS
        .iter()
        .position(|a| casecmp(name, a.name.as_bytes()) == 0)
}

/// Lower-case hex digest of the concatenated parts.
fn digest(alg: &Algorithm, parts: &[&[u8]]) -> Vec<u8> {
    // Every algorithm in the table is supported (checked on acceptance).
    let Some(mut h) = StrHash::new(alg.hash) else {
        return Vec::new();
    };
    for p in parts {
        h.update(p);
    }
    h.finish()
}

/// Usernames that cannot go in a quoted-string as they are: controls other
/// than tab, '"', '\\', DEL and non-ASCII bytes.
fn unsafe_username(name: &[u8]) -> bool {
    name.iter()
        .any(|&c| (c < 0x20 && c != b'\t') || matches!(c, b'"' | b'\\' | 0x7f) || c >= 0x80)
}

/// 32 random bytes in base64; the time and process id if the system has
/// no random source (neon's fallback).
fn client_nonce() -> Vec<u8> {
    let mut data = [0u8; 32];
    let random = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut data));
    if random.is_ok() {
        return base64::encode(&data).into_bytes();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let seed = format!(
        "{}.{}{}",
        now.as_secs(),
        now.subsec_micros(),
        std::process::id()
    );
    digest(&ALGORITHMS[0], &[seed.as_bytes()])
}

/// Accepts a Digest challenge, asking for credentials unless it only
/// refreshes a stale nonce. On refusal the reason is noted and false
/// returned.
pub fn accept(st: &mut AuthSession, ch: &Challenge, cx: &mut Attempt<'_>) -> bool {
    let Some(alg_index) = ch.alg else {
        cx.failures.add(b"unknown algorithm in Digest challenge");
        return false;
    };
    let alg = &ALGORITHMS[alg_index];
    let refusal: Option<&[u8]> = if !ch.got_qop && ch.handler.protomask & LEGACY_DIGEST == 0 {
        Some(b"legacy Digest challenge not supported")
    } else if alg.sess && !ch.got_qop {
        Some(b"incompatible algorithm in Digest challenge")
    } else if ch.realm.is_none() || ch.nonce.is_none() {
        Some(b"missing parameter in Digest challenge")
    } else if ch.stale && st.realm.is_none() {
        Some(b"initial Digest challenge was stale")
    } else if ch.stale
        && (st.alg != ch.alg || st.realm.as_ref().map(ZStr::bytes) != ch.realm.as_deref())
    {
        // A new realm or algorithm means a new H(A1): not a stale nonce.
        Some(b"stale Digest challenge with new algorithm or realm")
    } else {
        None
    };
    if let Some(reason) = refusal {
        cx.failures.add(reason);
        return false;
    }
    if StrHash::new(alg.hash).is_none() {
        let name = alg.name;
        cx.failures
            .add(format!("{name} algorithm in Digest challenge not supported").as_bytes());
        return false;
    }
    let (realm, nonce) = (
        ch.realm.as_deref().unwrap_or_default(),
        ch.nonce.as_deref().unwrap_or_default(),
    );

    let mut h_urp = None;
    if !ch.stale {
        st.clean();
        // A proxy's domain parameter means nothing.
        if let (Some(domain), Class::Server) = (&ch.domain, cx.class) {
            match scope::parse_domain(&cx.sess.server_uri(), domain) {
                Ok(paths) => st.domains = paths,
                Err(()) => {
                    cx.failures
                        .add(b"could not parse domain in Digest challenge");
                    return false;
                }
            }
        }
        st.realm = Some(ZStr::new(realm));
        st.alg = Some(alg_index);
        st.cnonce = Some(client_nonce());
        match user_realm_password(st, ch, alg, cx) {
            Some(h) => h_urp = Some(h),
            None => return false,
        }
    }
    st.nonce = Some(nonce.to_vec());
    if let Some(opaque) = &ch.opaque {
        st.opaque = Some(opaque.clone());
    }
    st.qop_auth = ch.got_qop;
    if ch.got_qop {
        crate::debug!(HTTPAUTH, "auth: Got qop, using 2617-style.\n");
        st.nonce_count = 0;
    }
    if let Some(h_urp) = h_urp {
        // neon prints H(A1) here; it is as good as the password, so the
        // trace only says that it was computed.
        st.h_a1 = Some(if alg.sess {
            let cnonce = st.cnonce.as_deref().unwrap_or_default();
            crate::debug!(HTTPAUTH, "auth: Session H(A1) is [withheld]\n");
            Secret(digest(alg, &[&h_urp.0, b":", nonce, b":", cnonce]))
        } else {
            crate::debug!(HTTPAUTH, "auth: H(A1) is [withheld]\n");
            h_urp
        });
    }
    crate::debug!(HTTPAUTH, "auth: Accepting digest challenge.\n");
    true
}

/// Gets credentials and returns H(username:realm:password); sets up the
/// userhash or username* to send.
fn user_realm_password(
    st: &mut AuthSession,
    ch: &Challenge,
    alg: &Algorithm,
    cx: &mut Attempt<'_>,
) -> Option<Secret> {
    let password = st.credentials(ch, cx)?;
    let realm = st.realm.clone().unwrap_or_else(|| ZStr::new(b""));
    let username = st.username().to_vec();
    if ch.userhash == UserHash::True {
        st.userhash = Some(digest(alg, &[&username, b":", realm.bytes()]));
    } else if unsafe_username(&username) {
        // username* needs a server that knows it (userhash=false says so)
        // and a UTF-8 username (only ne_auth_provide callbacks promise one).
        if ch.userhash == UserHash::Absent || !ch.handler.is_provide() {
            cx.failures
                .add(b"could not handle non-ASCII username in Digest challenge");
            return None;
        }
        st.username_star = param::ext_value(b"UTF-8", None, &username);
        crate::debug!(HTTPAUTH, |o| put(
            o,
            &[
                b"auth: Using username* => ",
                st.username_star.as_deref().unwrap_or_default(),
                b"\n"
            ]
        ));
    }
    Some(Secret(digest(
        alg,
        &[&username, b":", realm.bytes(), b":", &password.0],
    )))
}

/// The `Authorization` value (with CRLF) for a request, or None if the
/// request is outside the challenge's domain.
pub fn response(st: &mut AuthSession, method: &[u8], uri: &[u8]) -> Option<Vec<u8>> {
    if !st.domains.is_empty() && !scope::inside(&st.domains, uri) {
        return None;
    }
    let alg = &ALGORITHMS[st.alg?];
    let h_a1 = st.h_a1.as_ref().map(|h| h.0.clone()).unwrap_or_default();
    let nonce = st.nonce.clone().unwrap_or_default();
    let h_a2 = digest(alg, &[method, b":", uri]);
    crate::debug!(HTTPAUTH, |o| put(o, &[b"auth: H(A2): ", &h_a2, b"\n"]));
    let mut nc = String::new();
    let response = if st.qop_auth {
        st.nonce_count = st.nonce_count.wrapping_add(1);
        nc = format!("{:08x}", st.nonce_count);
        let cnonce = st.cnonce.as_deref().unwrap_or_default();
        let rhs = [&nonce[..], b":", nc.as_bytes(), b":", cnonce, b":auth"].concat();
        let r = digest(alg, &[&h_a1, b":", &rhs, b":", &h_a2]);
        st.response_rhs = Some(rhs);
        r
    } else {
        digest(alg, &[&h_a1, b":", &nonce, b":", &h_a2])
    };

    let realm = st.realm.as_ref().map_or(&b""[..], ZStr::bytes);
    let mut out: Vec<u8> = Vec::with_capacity(256);
    for part in [
        &b"Digest realm=\""[..],
        realm,
        b"\", nonce=\"",
        &nonce,
        b"\", uri=\"",
        uri,
        b"\", response=\"",
        &response,
        b"\", algorithm=\"",
        alg.name.as_bytes(),
        b"\"",
    ] {
        out.extend_from_slice(part);
    }
    if let Some(star) = &st.username_star {
        out.extend_from_slice(b", username*=");
        out.extend_from_slice(star);
    } else {
        out.extend_from_slice(b", username=\"");
        out.extend_from_slice(st.userhash.as_deref().unwrap_or(st.username()));
        out.push(b'"');
    }
    if let Some(opaque) = &st.opaque {
        out.extend_from_slice(b", opaque=\"");
        out.extend_from_slice(opaque);
        out.push(b'"');
    }
    if st.qop_auth {
        out.extend_from_slice(b", cnonce=\"");
        out.extend_from_slice(st.cnonce.as_deref().unwrap_or_default());
        out.extend_from_slice(b"\", nc=");
        out.extend_from_slice(nc.as_bytes());
        out.extend_from_slice(b", qop=\"auth\"");
    }
    if st.userhash.is_some() {
        out.extend_from_slice(b", userhash=true");
    }
    out.extend_from_slice(b"\r\n");
    Some(out)
}

/// C `strtoul(s, &end, 16)` required to consume all of `s`, as neon reads
/// the nonce count; None where neon reports it unparseable (trailing
/// bytes, overflow). The result is truncated to `unsigned int` as in neon.
fn parse_nonce_count(s: &[u8]) -> Option<u32> {
    let mut i = s
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        .count();
    let negative = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    if s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
    {
        i += 2;
    }
    let digits = s[i..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
    if digits == 0 {
        // No number: the end pointer is the start of the string.
        return s.is_empty().then_some(0);
    }
    if i + digits != s.len() {
        return None;
    }
    let value = u64::from_str_radix(std::str::from_utf8(&s[i..i + digits]).ok()?, 16).ok()?;
    let value = if negative {
        value.wrapping_neg()
    } else {
        value
    };
    Some(value as u32)
}

/// Checks an Authentication-Info header against the last request (RFC
/// 7616 §3.5) and takes up a `nextnonce`. Err holds the session error.
pub fn verify(st: &mut AuthSession, uri: &[u8], value: &[u8]) -> Result<(), Vec<u8>> {
    use super::params::{Token, Tokenizer, shave};
    let (mut qop_auth, mut nextnonce, mut rspauth, mut cnonce, mut nc) =
        (false, None, None, None, None);
    crate::debug!(HTTPAUTH, |o| put(
        o,
        &[b"auth: Got Auth-Info header: ", value, b"\n"]
    ));
    let mut tokens = Tokenizer::new(value);
    // A key without a value reuses the previous value, as in neon.
    let mut last = Vec::new();
    while let Some(token) = tokens.next_token(false) {
        let key = match token {
            Token::Pair { key, value } => {
                last = shave(&value, b"\"").to_vec();
                key
            }
            Token::Bare { key } | Token::Scheme { name: key, .. } => key,
        };
        let val = last.clone();
        if casecmp(&key, b"qop") == 0 {
            qop_auth = casecmp(&val, b"auth") == 0;
        } else if casecmp(&key, b"nextnonce") == 0 {
            nextnonce = Some(val);
        } else if casecmp(&key, b"rspauth") == 0 {
            rspauth = Some(val);
        } else if casecmp(&key, b"cnonce") == 0 {
            cnonce = Some(val);
        } else if casecmp(&key, b"nc") == 0 {
            nc = Some(val);
        }
    }

    const FAILURE: &str = "Digest mutual authentication failure: ";
    let mut result = Ok(());
    if qop_auth {
        result = match (&rspauth, &cnonce, &nc) {
            (Some(_), Some(cnonce), Some(nc)) => {
                if Some(&cnonce[..]) != st.cnonce.as_deref() {
                    Err(format!("{FAILURE}client nonce mismatch").into_bytes())
                } else {
                    match parse_nonce_count(nc) {
                        None => Err(format!("{FAILURE}could not parse nonce count").into_bytes()),
                        Some(n) if n != st.nonce_count => Err(format!(
                            "{FAILURE}nonce count mismatch ({n} not {})",
                            st.nonce_count
                        )
                        .into_bytes()),
                        Some(_) => Ok(()),
                    }
                }
            }
            _ => Err(format!("{FAILURE}missing parameters").into_bytes()),
        };
    } else {
        crate::debug!(HTTPAUTH, "auth: 2069-style A-I header.\n");
    }
    if qop_auth {
        if result.is_ok() {
            let alg = &ALGORITHMS[st.alg.unwrap_or(0)];
            let h_a1 = st.h_a1.as_ref().map(|h| h.0.clone()).unwrap_or_default();
            let rhs = st.response_rhs.take().unwrap_or_default();
            let h_a2 = digest(alg, &[b":", uri]);
            let expected = digest(alg, &[&h_a1, b":", &rhs, b":", &h_a2]);
            let matched = casecmp(&expected, rspauth.as_deref().unwrap_or_default()) == 0;
            crate::debug!(HTTPAUTH, |o| put(
                o,
                &[
                    b"auth: response-digest match: ",
                    if matched { b"yes" } else { b"no" },
                    b" (expected [",
                    &expected,
                    b"] vs actual [",
                    rspauth.as_deref().unwrap_or_default(),
                    b"])\n"
                ]
            ));
            if !matched {
                result = Err(format!("{FAILURE}request-digest mismatch").into_bytes());
            }
        }
    }
    if let Some(next) = nextnonce {
        crate::debug!(HTTPAUTH, |o| put(
            o,
            &[b"auth: Found nextnonce of [", &next, b"].\n"]
        ));
        st.nonce = Some(next);
        st.nonce_count = 0;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The session state after accepting RFC 2617's example challenge.
    fn rfc2617(alg: usize, qop_auth: bool) -> AuthSession {
        let mut st = AuthSession::default();
        st.username[..6].copy_from_slice(b"Mufasa");
        st.realm = Some(ZStr::new(b"testrealm@host.com"));
        st.alg = Some(alg);
        st.qop_auth = qop_auth;
        st.nonce = Some(b"dcd98b7102dd2f0e8b11d0f600bfb0c093".to_vec());
        st.cnonce = Some(b"0a4f113b".to_vec());
        st.opaque = Some(b"5ccc069c403ebaf9f0171e9517f40e41".to_vec());
        let a = &ALGORITHMS[alg];
        let h_urp = digest(a, &[b"Mufasa:testrealm@host.com:Circle Of Life"]);
        st.h_a1 = Some(Secret(if a.sess {
            digest(
                a,
                &[&h_urp, b":dcd98b7102dd2f0e8b11d0f600bfb0c093:0a4f113b"],
            )
        } else {
            h_urp
        }));
        st
    }

    fn field<'a>(header: &'a str, name: &str) -> &'a str {
        let start = header.find(&format!(" {name}=")).unwrap() + name.len() + 2;
        header[start..]
            .split(", ")
            .next()
            .unwrap()
            .trim_end()
            .trim_matches('"')
    }

    #[test]
    fn rfc2617_example() {
        let mut st = rfc2617(0, true);
        let h = String::from_utf8(response(&mut st, b"GET", b"/dir/index.html").unwrap()).unwrap();
        assert_eq!(
            h,
            "Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", \
             uri=\"/dir/index.html\", response=\"6629fae49393a05397450978507c4ef1\", \
             algorithm=\"MD5\", username=\"Mufasa\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", \
             cnonce=\"0a4f113b\", nc=00000001, qop=\"auth\"\r\n"
        );
        // The nonce count goes up with every request.
        let h = String::from_utf8(response(&mut st, b"GET", b"/dir/index.html").unwrap()).unwrap();
        assert_eq!(field(&h, "nc"), "00000002");
    }

    #[test]
    fn sess_and_legacy_variants() {
        // Expected values computed independently (Python hashlib).
        let mut st = rfc2617(1, true);
        let h = String::from_utf8(response(&mut st, b"GET", b"/dir/index.html").unwrap()).unwrap();
        assert_eq!(field(&h, "response"), "8e3825c57e897f5a0dec6c2d4e5059d0");
        assert_eq!(field(&h, "algorithm"), "MD5-sess");

        let mut st = rfc2617(0, false);
        let h = String::from_utf8(response(&mut st, b"GET", b"/dir/index.html").unwrap()).unwrap();
        assert_eq!(field(&h, "response"), "670fd8c2df070c60b045671b8b24ff02");
        assert!(!h.contains("cnonce") && !h.contains("nc=") && !h.contains("qop"));
    }

    #[test]
    fn rfc7616_examples() {
        for (alg, expected) in [
            (0, "8ca523f5e9506fed4657c9700eebdbec"),
            (
                2,
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
            ),
        ] {
            let a = &ALGORITHMS[alg];
            let mut st = AuthSession::default();
            st.username[..6].copy_from_slice(b"Mufasa");
            st.realm = Some(ZStr::new(b"http-auth@example.org"));
            st.alg = Some(alg);
            st.qop_auth = true;
            st.nonce = Some(b"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v".to_vec());
            st.cnonce = Some(b"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ".to_vec());
            st.h_a1 = Some(Secret(digest(
                a,
                &[b"Mufasa:http-auth@example.org:Circle of Life"],
            )));
            let h =
                String::from_utf8(response(&mut st, b"GET", b"/dir/index.html").unwrap()).unwrap();
            assert_eq!(field(&h, "response"), expected, "{}", a.name);
        }
        // SHA-512/256 (value from Python hashlib).
        let a = &ALGORITHMS[4];
        assert_eq!(
            digest(a, &["J\u{e4}s\u{f8}n Doe:api@example.org".as_bytes()]),
            b"793263caabb707a56211940d90411ea4a575adeccb7e360aeb624ed06ece9b0b"
        );
    }

    #[test]
    fn userhash_and_username_star_in_header() {
        let mut st = rfc2617(0, true);
        st.userhash = Some(b"abc".to_vec());
        let h = String::from_utf8(response(&mut st, b"GET", b"/").unwrap()).unwrap();
        assert!(h.contains(", username=\"abc\", ") && h.ends_with(", userhash=true\r\n"));
        let mut st = rfc2617(0, false);
        st.username_star = Some(b"UTF-8''J%c3%a4".to_vec());
        st.opaque = None;
        let h = String::from_utf8(response(&mut st, b"GET", b"/").unwrap()).unwrap();
        assert!(
            h.ends_with("algorithm=\"MD5\", username*=UTF-8''J%c3%a4\r\n"),
            "{h}"
        );
    }

    #[test]
    fn domains_limit_responses() {
        let mut st = rfc2617(0, true);
        st.domains = vec![b"/dir/".to_vec()];
        assert!(response(&mut st, b"GET", b"/dir/x").is_some());
        assert!(response(&mut st, b"GET", b"/other").is_none());
        assert!(response(&mut st, b"OPTIONS", b"*").is_none());
        assert_eq!(st.nonce_count, 1);
    }

    #[test]
    fn authentication_info() {
        let mut st = rfc2617(0, true);
        response(&mut st, b"GET", b"/dir/index.html").unwrap();
        // rspauth computed independently (Python hashlib).
        let good = b"rspauth=\"376602cfd2f4e8e5e78b948a85263e85\", cnonce=\"0a4f113b\", nc=00000001, qop=auth";
        assert_eq!(verify(&mut st, b"/dir/index.html", good), Ok(()));
        // The cached part is used once.
        assert!(st.response_rhs.is_none());

        let fail = |info: &[u8]| {
            let mut st = rfc2617(0, true);
            response(&mut st, b"GET", b"/dir/index.html").unwrap();
            String::from_utf8(verify(&mut st, b"/dir/index.html", info).unwrap_err()).unwrap()
        };
        let p = "Digest mutual authentication failure: ";
        assert_eq!(
            fail(b"cnonce=\"0a4f113b\", nc=00000001, qop=auth"),
            format!("{p}missing parameters")
        );
        assert_eq!(
            fail(b"rspauth=x, cnonce=\"other\", nc=1, qop=\"auth\""),
            format!("{p}client nonce mismatch")
        );
        assert_eq!(
            fail(b"rspauth=x, cnonce=\"0a4f113b\", nc=zztop, qop=auth"),
            format!("{p}could not parse nonce count")
        );
        assert_eq!(
            fail(b"rspauth=x, cnonce=\"0a4f113b\", nc=999, qop=auth"),
            format!("{p}nonce count mismatch (2457 not 1)")
        );
        assert_eq!(
            fail(b"rspauth=fish, cnonce=\"0a4f113b\", nc=1, qop=auth"),
            format!("{p}request-digest mismatch")
        );
        // Without qop=auth (RFC 2069 style) nothing is checked.
        assert_eq!(
            verify(&mut rfc2617(0, true), b"/", b"rspauth=\"x\""),
            Ok(())
        );
    }

    #[test]
    fn nextnonce_restarts_the_count() {
        let mut st = rfc2617(0, true);
        response(&mut st, b"GET", b"/").unwrap();
        assert!(verify(&mut st, b"/", b"nextnonce=\"n2\", rspauth=bad, qop=auth").is_err());
        assert_eq!(st.nonce.as_deref(), Some(&b"n2"[..]));
        assert_eq!(st.nonce_count, 0);
    }

    #[test]
    fn nonce_count_like_strtoul() {
        assert_eq!(parse_nonce_count(b"00000001"), Some(1));
        assert_eq!(parse_nonce_count(b" 0x1F"), Some(31));
        assert_eq!(parse_nonce_count(b""), Some(0));
        assert_eq!(parse_nonce_count(b"-1"), Some(u32::MAX));
        assert_eq!(parse_nonce_count(b"100000002"), Some(2));
        assert_eq!(parse_nonce_count(b"0x"), None);
        assert_eq!(parse_nonce_count(b" "), None);
        assert_eq!(parse_nonce_count(b"1 "), None);
        assert_eq!(parse_nonce_count(b"11111111111111111"), None);
    }

    #[test]
    fn usernames_needing_escapes() {
        assert!(!unsafe_username(b"aladdin@cave.example.com"));
        assert!(!unsafe_username(b"foo bar\tbaz"));
        for bad in [
            &b"foo\"bar"[..],
            b"a\\b",
            b"\x01",
            b"\x7f",
            "J\u{e4}".as_bytes(),
        ] {
            assert!(unsafe_username(bad));
        }
    }

    #[test]
    fn algorithm_names() {
        assert_eq!(algorithm_by_name(b"md5"), Some(0));
        assert_eq!(algorithm_by_name(b"SHA-512-256-SESS"), Some(5));
        assert_eq!(algorithm_by_name(b"SHA-512"), None);
        assert_eq!(client_nonce().len(), 44);
        assert_ne!(client_nonce(), client_nonce());
    }
}
