//! `ne_uri_cmp` and the C-style string comparisons it is built on. The exact
//! non-zero values are part of the behaviour (callers see them), so they are
//! those of glibc's `strcmp` and neon's `ne_strcasecmp`.

use super::Uri;

/// `strcmp` as glibc's x86-64 implementations return it: the difference of
/// the first differing bytes (as unsigned), 0 if equal.
pub fn byte_cmp(a: &[u8], b: &[u8]) -> i32 {
    first_difference(a, b, |c| c)
}

/// neon's `ne_strcasecmp`: like [`byte_cmp`] after folding ASCII letters to
/// lower case.
pub fn ascii_casecmp(a: &[u8], b: &[u8]) -> i32 {
    first_difference(a, b, |c| c.to_ascii_lowercase())
}

/// Compares as C does over NUL-terminated strings: a shorter string compares
/// as if followed by a NUL.
fn first_difference(a: &[u8], b: &[u8], fold: fn(u8) -> u8) -> i32 {
    let len = a.len().max(b.len());
    (0..len)
        .map(|i| {
            let x = fold(a.get(i).copied().unwrap_or(0));
            let y = fold(b.get(i).copied().unwrap_or(0));
            i32::from(x) - i32::from(y)
        })
        .find(|&d| d != 0)
        .unwrap_or(0)
}

/// Compares two URIs (RFC 2616 §3.2.3): path, then host and scheme ignoring
/// case, then query, fragment and userinfo, then port. Returns 0 when equal;
/// an absent component sorts after a present one.
pub fn cmp(u1: &Uri, u2: &Uri) -> i32 {
    [
        compare_field(&u1.path, &u2.path, byte_cmp),
        compare_field(&u1.host, &u2.host, ascii_casecmp),
        compare_field(&u1.scheme, &u2.scheme, ascii_casecmp),
        compare_field(&u1.query, &u2.query, byte_cmp),
        compare_field(&u1.fragment, &u2.fragment, byte_cmp),
        compare_field(&u1.userinfo, &u2.userinfo, byte_cmp),
    ]
    .into_iter()
    .find(|&n| n != 0)
    // neon subtracts the unsigned ports and returns the result as int.
    .unwrap_or_else(|| u2.port.wrapping_sub(u1.port) as i32)
}

fn compare_field(
    a: &Option<Vec<u8>>,
    b: &Option<Vec<u8>>,
    compare: fn(&[u8], &[u8]) -> i32,
) -> i32 {
    match (a, b) {
        (Some(a), Some(b)) => compare(a, b),
        (Some(_), None) => -1,
        (None, Some(_)) => 1,
        (None, None) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    fn uri(s: &str) -> Uri {
        parse(s.as_bytes()).unwrap()
    }

    #[test]
    fn c_string_comparisons() {
        assert_eq!(byte_cmp(b"abc", b"abc"), 0);
        assert_eq!(byte_cmp(b"abd", b"abc"), 1);
        assert_eq!(byte_cmp(b"ab", b"abc"), -99);
        assert_eq!(byte_cmp(b"\xff", b"a"), 0xff - 0x61);
        assert_eq!(ascii_casecmp(b"ABC", b"abc"), 0);
        assert_eq!(ascii_casecmp(b"B", b"a"), 1);
        assert_eq!(ascii_casecmp(b"", b"A"), -97);
        assert_eq!(ascii_casecmp(b"\xc4", b"\xe4"), 0xc4 - 0xe4);
    }

    #[test]
    fn equal_uris() {
        for (a, b) in [
            ("http://example.com/alpha", "http://example.com/alpha"),
            ("//example.com/alpha", "//example.com/alpha"),
            (
                "http://example.com/alpha#foo",
                "http://example.com/alpha#foo",
            ),
            (
                "http://example.com/alpha?bar",
                "http://example.com/alpha?bar",
            ),
            (
                "http://jim@example.com/alpha",
                "http://jim@example.com/alpha",
            ),
            ("HTTP://example.com/alpha", "http://example.com/alpha"),
            ("http://example.com/", "http://example.com"),
            ("http://Example.Com/", "http://example.com"),
        ] {
            assert_eq!(cmp(&uri(a), &uri(b)), 0, "{a} {b}");
            assert_eq!(cmp(&uri(b), &uri(a)), 0, "{b} {a}");
        }
    }

    #[test]
    fn different_uris_compare_antisymmetrically() {
        for (a, b) in [
            ("http://example.com/alpha", "http://example.com/beta"),
            ("http://example.com/alpha", "https://example.com/alpha"),
            ("http://example.com/alpha", "http://www.example.com/alpha"),
            (
                "http://example.com:443/alpha",
                "http://example.com:8080/alpha",
            ),
            ("http://example.com/alpha", "http://jim@example.com/alpha"),
            (
                "http://bob@example.com/alpha",
                "http://jim@example.com/alpha",
            ),
            ("http://example.com/alpha", "http://example.com/alpha?fish"),
            (
                "http://example.com/alpha?fish",
                "http://example.com/alpha?food",
            ),
            ("http://example.com/alpha", "http://example.com/alpha#foo"),
            (
                "http://example.com/alpha#bar",
                "http://example.com/alpha#foo",
            ),
            ("http://example.com/alpha", "//example.com/alpha"),
            ("http://example.com/alpha", "///alpha"),
        ] {
            let (r1, r2) = (cmp(&uri(a), &uri(b)), cmp(&uri(b), &uri(a)));
            assert_ne!(r1, 0, "{a} {b}");
            assert_eq!(r1.signum(), -r2.signum(), "{a} {b}");
        }
    }

    #[test]
    fn exact_values() {
        assert_eq!(cmp(&uri("/a"), &uri("/c")), -2);
        assert_eq!(cmp(&uri("//H/"), &uri("//i/")), -1);
        assert_eq!(cmp(&uri("http://a/"), &uri("//a/")), -1);
        assert_eq!(cmp(&uri("//a/"), &uri("http://a/")), 1);
        assert_eq!(cmp(&uri("//a:80/"), &uri("//a:8080/")), 8000);
        assert_eq!(cmp(&uri("//a:1/"), &uri("//a/")), -1);
        let mut big = uri("//a/");
        big.port = u32::MAX;
        assert_eq!(cmp(&uri("//a/"), &big), -1);
        assert_eq!(cmp(&Uri::default(), &Uri::default()), 0);
    }
}
