//! `ne_uri_parse`: splitting a URI reference into components.
//!
//! neon 0.32.5 is lenient in ways callers may rely on, and this parser keeps
//! them: the authority runs up to the first "/" only (so "?" and "#" there
//! belong to the host), the host and port are not validated, the port is read
//! with C's `atoi` from the byte after the colon to the end of the input (so
//! "foo:80bar" gives port 80), a missing path after an authority becomes "/",
//! and bytes after a fragment's valid prefix are ignored.

use super::Uri;
use super::chars::{is_path, is_query, is_scheme, is_userinfo};

/// A failed parse, with the components neon had already filled in (a C caller
/// sees them in its `ne_uri` and must free them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub partial: Box<Uri>,
}

/// Parses a URI reference. On success the path is always present.
pub fn parse(input: &[u8]) -> Result<Uri, ParseError> {
    let mut uri = Uri::default();
    let fail = |uri: Uri| {
        Err(ParseError {
            partial: Box::new(uri),
        })
    };
    let mut s = 0;

    if input.first().is_some_and(u8::is_ascii_alphabetic) {
        let end = scan(input, 0, is_scheme);
        if input.get(end) == Some(&b':') {
            uri.scheme = Some(input[..end].to_vec());
            s = end + 1;
        }
    }

    if input[s..].starts_with(b"//") {
        match parse_authority(input, s + 2, &mut uri) {
            Some(path_start) if path_start < input.len() => s = path_start,
            // An authority with no path: the path is "/".
            Some(_) => {
                uri.path = Some(b"/".to_vec());
                return Ok(uri);
            }
            None => return fail(uri),
        }
    }

    let p = scan(input, s, is_path);
    uri.path = Some(input[s..p].to_vec());
    if p == input.len() {
        return Ok(uri);
    }

    // `mark` is the "?" or "#" (or stray byte) that ended the previous part.
    let mut mark = p;
    let mut p = scan(input, p + 1, is_query);
    if input[mark] == b'?' {
        uri.query = Some(input[mark + 1..p].to_vec());
        if p < input.len() {
            mark = p;
            p = scan(input, p + 1, is_query);
        }
    }
    if input[mark] == b'#' {
        // neon accepts whatever follows the fragment's valid prefix.
        uri.fragment = Some(input[mark + 1..p].to_vec());
        Ok(uri)
    } else if p < input.len() || input[mark] != b'?' {
        fail(uri)
    } else {
        Ok(uri)
    }
}

/// Parses `[ userinfo "@" ] host [ ":" port ]` starting at `start` (after the
/// "//"), filling `uri`. Returns where the path starts (the first "/" or the
/// end of input), or `None` for an ill-formed IP literal.
fn parse_authority(input: &[u8], start: usize, uri: &mut Uri) -> Option<usize> {
    let end = input[start..]
        .iter()
        .position(|&b| b == b'/')
        .map_or(input.len(), |i| start + i);

    let mut host = start;
    let ui_end = scan(&input[..end], start, is_userinfo);
    if input.get(ui_end) == Some(&b'@') {
        uri.userinfo = Some(input[start..ui_end].to_vec());
        host = ui_end + 1;
    }

    // `colon`: where the host ends; the port (if any) follows it.
    let colon = if input.get(host) == Some(&b'[') {
        let close = input[host + 1..end]
            .iter()
            .position(|&b| b == b']')
            .map(|i| host + 1 + i)?;
        if close + 1 != end && input[close + 1] != b':' {
            return None;
        }
        close + 1
    } else {
        // The last colon after the host's first byte (a leading colon is
        // part of the host).
        let from = (host + 1).min(end);
        input[from..end]
            .iter()
            .rposition(|&b| b == b':')
            .map_or(host, |i| from + i)
    };

    let host_end = if colon == host {
        end
    } else {
        // neon reads the port from just past the colon whenever that is not
        // the end of the authority; for an IP literal followed directly by the
        // path, that is the byte after the "/" (or past the end of input,
        // which reads as no digits here).
        if colon + 1 != end {
            uri.port = atoi(input.get(colon + 1..).unwrap_or_default()) as u32;
        }
        colon
    };
    uri.host = Some(input[host..host_end].to_vec());
    Some(end)
}

/// The index of the first byte from `from` on that is not in the class.
fn scan(input: &[u8], from: usize, class: fn(u8) -> bool) -> usize {
    input
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| !class(b)))
        .map_or(input.len(), |i| from + i)
}

/// C's `atoi` as glibc implements it: `(int)strtol(s, NULL, 10)`, i.e. leading
/// white space, an optional sign, decimal digits saturating at the limits of
/// a 64-bit long, then truncated to 32 bits.
fn atoi(s: &[u8]) -> i32 {
    let s = &s[s.iter().position(|&b| !is_c_space(b)).unwrap_or(s.len())..];
    let (negative, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let limit = if negative {
        i64::MIN.unsigned_abs()
    } else {
        i64::MAX as u64
    };
    let mut magnitude: u64 = 0;
    for &d in digits.iter().take_while(|b| b.is_ascii_digit()) {
        magnitude = magnitude
            .saturating_mul(10)
            .saturating_add(u64::from(d - b'0'))
            .min(limit);
    }
    let long = if negative {
        0i64.wrapping_sub_unsigned(magnitude)
    } else {
        magnitude as i64
    };
    long as i32
}

/// `isspace` in the C locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "scheme|host|userinfo|port|path|query|fragment", "-" for absent parts.
    fn show(u: &Uri) -> String {
        let f = |p: &Option<Vec<u8>>| {
            p.as_deref()
                .map_or("-".into(), |v| String::from_utf8_lossy(v).into_owned())
        };
        let (scheme, host, userinfo) = (f(&u.scheme), f(&u.host), f(&u.userinfo));
        let (path, query, fragment) = (f(&u.path), f(&u.query), f(&u.fragment));
        format!(
            "{scheme}|{host}|{userinfo}|{}|{path}|{query}|{fragment}",
            u.port
        )
    }

    fn check(cases: &[(&str, &str)]) {
        for (input, want) in cases {
            let got = parse(input.as_bytes()).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            assert_eq!(show(&got), *want, "{input}");
        }
    }

    #[test]
    fn absolute_uris() {
        check(&[
            (
                "http://webdav.org/norman",
                "http|webdav.org|-|0|/norman|-|-",
            ),
            (
                "http://webdav.org:/norman",
                "http|webdav.org|-|0|/norman|-|-",
            ),
            (
                "http://webdav.org:8080/bar",
                "http|webdav.org|-|8080|/bar|-|-",
            ),
            ("http://a/b", "http|a|-|0|/b|-|-"),
            (
                "http://webdav.org/bar:fish",
                "http|webdav.org|-|0|/bar:fish|-|-",
            ),
            ("http://webdav.org", "http|webdav.org|-|0|/|-|-"),
            (
                "http://webdav.org/fish@food",
                "http|webdav.org|-|0|/fish@food|-|-",
            ),
            ("https://webdav.org/foo", "https|webdav.org|-|0|/foo|-|-"),
            ("DAV:", "DAV|-|-|0||-|-"),
            (
                "mailto:John.Doe@example.com",
                "mailto|-|-|0|John.Doe@example.com|-|-",
            ),
            ("tel:+1-816-555-1212", "tel|-|-|0|+1-816-555-1212|-|-"),
            ("telnet://192.0.2.16:80/", "telnet|192.0.2.16|-|80|/|-|-"),
            (
                "urn:oasis:names:docbook:4.1.2",
                "urn|-|-|0|oasis:names:docbook:4.1.2|-|-",
            ),
            (
                "ldap://[2001:db8::7]/c=GB?objectClass?one",
                "ldap|[2001:db8::7]|-|0|/c=GB|objectClass?one|-",
            ),
        ]);
        // CVE-2007-0157: a non-ASCII byte ends up in the host.
        let u = parse(b"http://webdav.org\xFF").unwrap();
        assert_eq!(u.host.as_deref(), Some(&b"webdav.org\xFF"[..]));
        assert_eq!(u.path(), b"/");
    }

    #[test]
    fn query_and_fragment() {
        check(&[
            ("http://foo/bar?alpha", "http|foo|-|0|/bar|alpha|-"),
            ("http://foo/bar?alpha#beta", "http|foo|-|0|/bar|alpha|beta"),
            (
                "http://foo/bar#alpha?beta",
                "http|foo|-|0|/bar|-|alpha?beta",
            ),
            ("http://foo/bar#beta", "http|foo|-|0|/bar|-|beta"),
            ("http://foo/bar?#beta", "http|foo|-|0|/bar||beta"),
            (
                "http://foo/bar?alpha?beta",
                "http|foo|-|0|/bar|alpha?beta|-",
            ),
            ("http://foo/bar#", "http|foo|-|0|/bar|-|"),
            // Only the fragment's valid prefix is kept; the rest is ignored.
            ("/a#b c", "-|-|-|0|/a|-|b"),
            ("/a?q#f g", "-|-|-|0|/a|q|f"),
            ("/a#b#c", "-|-|-|0|/a|-|b"),
        ]);
    }

    #[test]
    fn userinfo_and_ip_literals() {
        check(&[
            ("ftp://jim:bob@jim.com", "ftp|jim.com|jim:bob|0|/|-|-"),
            (
                "ldap://fred:bloggs@fish.com/foobar",
                "ldap|fish.com|fred:bloggs|0|/foobar|-|-",
            ),
            ("http://[::1]/foo", "http|[::1]|-|0|/foo|-|-"),
            ("http://[a:a:a:a::0]/foo", "http|[a:a:a:a::0]|-|0|/foo|-|-"),
            ("http://[::1]:8080/bar", "http|[::1]|-|8080|/bar|-|-"),
            ("ftp://[feed::cafe]:555", "ftp|[feed::cafe]|-|555|/|-|-"),
            ("ftp://[feed::cafe]:", "ftp|[feed::cafe]|-|0|/|-|-"),
            ("ftp://[feed::cafe]:/", "ftp|[feed::cafe]|-|0|/|-|-"),
            ("//[::1]/foo", "-|[::1]|-|0|/foo|-|-"),
            ("http://u@[::1]:81/", "http|[::1]|u|81|/|-|-"),
            // neon reads the port past the "/" after an IP literal.
            ("http://[::1]/8080", "http|[::1]|-|8080|/8080|-|-"),
            ("http://[::1]", "http|[::1]|-|0|/|-|-"),
            // "@" after a non-userinfo byte is part of the host.
            ("http://a b@c/", "http|a b@c|-|0|/|-|-"),
        ]);
    }

    #[test]
    fn relative_references() {
        check(&[
            ("foo:///", "foo||-|0|/|-|-"),
            ("///", "-||-|0|/|-|-"),
            ("http://foo:/", "http|foo|-|0|/|-|-"),
            ("//foo.com/bar", "-|foo.com|-|0|/bar|-|-"),
            ("//foo.com", "-|foo.com|-|0|/|-|-"),
            ("/bar", "-|-|-|0|/bar|-|-"),
            ("foo/bar", "-|-|-|0|foo/bar|-|-"),
            ("", "-|-|-|0||-|-"),
            ("?q", "-|-|-|0||q|-"),
            ("#f", "-|-|-|0||-|f"),
            // Not a scheme: starts with a digit, or holds a non-scheme byte.
            ("1a:b", "-|-|-|0|1a:b|-|-"),
            ("a_b:c", "-|-|-|0|a_b:c|-|-"),
            ("a+b.c-d:e", "a+b.c-d|-|-|0|e|-|-"),
        ]);
    }

    #[test]
    fn lenient_authority_and_ports() {
        // 0.32.5: the authority ends only at "/", and the port is atoi().
        check(&[
            ("http://foo:80bar", "http|foo|-|80|/|-|-"),
            ("http://foo?alpha", "http|foo?alpha|-|0|/|-|-"),
            ("http://foo#frag", "http|foo#frag|-|0|/|-|-"),
            ("http://foo:8/0", "http|foo|-|8|/0|-|-"),
            ("http://foo: 12/", "http|foo|-|12|/|-|-"),
            ("http://foo:-1/", "http|foo|-|4294967295|/|-|-"),
            ("http://foo:+7/", "http|foo|-|7|/|-|-"),
            ("http://foo:4294967297/", "http|foo|-|1|/|-|-"),
            (
                "http://foo:99999999999999999999/",
                "http|foo|-|4294967295|/|-|-",
            ),
            ("http://foo:-99999999999999999999/", "http|foo|-|0|/|-|-"),
            ("http://:80/", "http|:80|-|0|/|-|-"),
            ("http://a:b:8/", "http|a:b|-|8|/|-|-"),
            ("http://u:p@h/", "http|h|u:p|0|/|-|-"),
            ("http://@h/", "http|h||0|/|-|-"),
            ("http://u@/", "http||u|0|/|-|-"),
        ]);
    }

    fn partial(input: &str) -> String {
        show(&parse(input.as_bytes()).expect_err(input).partial)
    }

    #[test]
    fn failures_keep_partial_components() {
        for (bad, want) in [
            ("http://[::1/", "http|-|-|0|-|-|-"),
            ("http://[::1]f:80/", "http|-|-|0|-|-|-"),
            ("http://[::1]]:80/", "http|-|-|0|-|-|-"),
            ("http://u@[::1/x", "http|-|u|0|-|-|-"),
            ("http://foo/bar asda", "http|foo|-|0|/bar|-|-"),
            ("http://fish/[foo]/bar", "http|fish|-|0|/|-|-"),
            ("http://h:81/a?q r", "http|h|-|81|/a|q|-"),
            ("/a b", "-|-|-|0|/a|-|-"),
            ("/a\x7f", "-|-|-|0|/a|-|-"),
        ] {
            assert_eq!(partial(bad), want, "{bad}");
        }
    }

    #[test]
    fn c_atoi() {
        assert_eq!(atoi(b""), 0);
        assert_eq!(atoi(b"  \t\n-42x"), -42);
        assert_eq!(atoi(b"+"), 0);
        assert_eq!(atoi(b"- 1"), 0);
        assert_eq!(atoi(b"2147483648"), i32::MIN);
        assert_eq!(atoi(b"9223372036854775807"), -1);
        assert_eq!(atoi(b"9223372036854775808"), -1);
        assert_eq!(atoi(b"-9223372036854775808"), 0);
        assert_eq!(atoi(b"99999999999"), 99_999_999_999_i64 as i32);
    }
}
