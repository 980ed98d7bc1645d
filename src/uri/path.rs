//! The path helpers of `ne_uri.h`: percent-encoding, parents, and neon's
//! trailing-slash-tolerant comparison.

use super::chars::{is_non_uri, is_unreserved};
use super::cmp::ascii_casecmp;

/// Escape flag: encode everything but unreserved bytes and "/"
/// (`NE_PATH_NONRES`, what `ne_path_escape` does).
pub const ESCAPE_NONRES: u32 = 0x1;
/// Escape flag: encode bytes that may not appear in a URI (`NE_PATH_NONURI`).
pub const ESCAPE_NONURI: u32 = 0x2;

/// Percent-encodes (with lower-case hex digits) the bytes selected by
/// `flags`, a combination of [`ESCAPE_NONRES`] and [`ESCAPE_NONURI`]; other
/// flag bits are ignored.
pub fn path_escape(path: &[u8], flags: u32) -> Vec<u8> {
    let escape = |b: u8| {
        (flags & ESCAPE_NONRES != 0 && !(is_unreserved(b) || b == b'/'))
            || (flags & ESCAPE_NONURI != 0 && is_non_uri(b))
    };
    let mut out = Vec::with_capacity(path.len());
    for &b in path {
        if escape(b) {
            out.extend_from_slice(format!("%{b:02x}").as_bytes());
        } else {
            out.push(b);
        }
    }
    out
}

/// Decodes every `%XX`; `None` if a "%" is not followed by two hex digits.
/// The result may contain NUL bytes (from "%00").
pub fn path_unescape(path: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(path.len());
    let mut rest = path;
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = tail.get(..2)?;
            let value = std::str::from_utf8(hex)
                .ok()
                .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
                .and_then(|h| u8::from_str_radix(h, 16).ok())?;
            out.push(value);
            rest = &tail[2..];
        } else {
            out.push(b);
            rest = tail;
        }
    }
    Some(out)
}

/// The parent collection of a path, with its trailing slash ("/a/b/" for
/// "/a/b/c" and "/a/b/c/"); `None` if the path has none (such as "/", "" or
/// "norman").
pub fn path_parent(path: &[u8]) -> Option<Vec<u8>> {
    // Ignore one trailing slash, then keep everything up to the slash before.
    let trimmed = path.strip_suffix(b"/").unwrap_or(path);
    let slash = trimmed.iter().rposition(|&b| b == b'/')?;
    Some(path[..=slash].to_vec())
}

/// Whether the path ends with "/".
pub fn path_has_trailing_slash(path: &[u8]) -> bool {
    path.last() == Some(&b'/')
}

/// Compares paths case-insensitively, treating them as equal when they differ
/// only by a trailing slash on the longer one. Non-zero values are those of
/// neon's `ne_strcasecmp`.
pub fn path_compare(a: &[u8], b: &[u8]) -> i32 {
    let ret = ascii_casecmp(a, b);
    if ret == 0 {
        return 0;
    }
    let (longer, shorter) = if a.len() > b.len() { (a, b) } else { (b, a) };
    let only_slash_differs = longer.len() == shorter.len() + 1
        && path_has_trailing_slash(longer)
        && !path_has_trailing_slash(shorter)
        && longer[..shorter.len()].eq_ignore_ascii_case(shorter);
    if only_slash_differs { 0 } else { ret }
}

/// Whether `child` lies below `parent`: it is longer and its first
/// `parent.len()` bytes compare equal to `parent` by [`path_compare`].
pub fn path_childof(parent: &[u8], child: &[u8]) -> bool {
    parent.len() < child.len() && path_compare(parent, &child[..parent.len()]) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(path: &[u8], flags: u32) -> String {
        String::from_utf8(path_escape(path, flags)).unwrap()
    }

    #[test]
    fn escaping() {
        assert_eq!(esc(b"/foo%", ESCAPE_NONRES), "/foo%25");
        assert_eq!(esc(b"/foo bar", ESCAPE_NONRES), "/foo%20bar");
        assert_eq!(esc(b"/foo_bar", ESCAPE_NONRES), "/foo_bar");
        assert_eq!(
            esc(b"/a\xb9\xb2\xb3\xbc\xbd/", ESCAPE_NONRES),
            "/a%b9%b2%b3%bc%bd/"
        );
        assert_eq!(
            esc(b"/foo%20\xb9\xb2\xb3\xbc\xbd/", ESCAPE_NONURI),
            "/foo%20%b9%b2%b3%bc%bd/"
        );
        assert_eq!(esc(b"/foo bar/", ESCAPE_NONURI), "/foo%20bar/");
        assert_eq!(
            esc(b"a:b@c?d#e[f]g!$&'()*+,;=h~-._", ESCAPE_NONRES),
            "a%3ab%40c%3fd%23e%5bf%5dg%21%24%26%27%28%29%2a%2b%2c%3b%3dh~-._"
        );
        assert_eq!(
            esc(
                b"a:b@c?d#e[f]g!$&'()*+,;=h\"<>\\^`{|}\x7f\x01",
                ESCAPE_NONURI
            ),
            "a:b@c?d#e[f]g!$&'()*+,;=h%22%3c%3e%5c%5e%60%7b%7c%7d%7f%01"
        );
        assert_eq!(esc(b"a b%", 0), "a b%");
        assert_eq!(esc(b"a b%", ESCAPE_NONRES | ESCAPE_NONURI), "a%20b%25");
        assert_eq!(esc(b"a b", 0x4), "a b");
        assert_eq!(esc(b"", ESCAPE_NONRES), "");
    }

    #[test]
    fn unescaping() {
        assert_eq!(path_unescape(b"/foo%20bar").unwrap(), b"/foo bar");
        assert_eq!(path_unescape(b"%b9%B2%aF").unwrap(), b"\xb9\xb2\xaf");
        assert_eq!(path_unescape(b"a%00b").unwrap(), b"a\0b");
        assert_eq!(path_unescape(b"").unwrap(), b"");
        assert_eq!(path_unescape(b"+plus").unwrap(), b"+plus");
        for bad in [
            &b"/foo%zzbar"[..],
            b"/foo%1zbar",
            b"%",
            b"%1",
            b"a%+1",
            b"%-1",
            b"% 1",
        ] {
            assert_eq!(path_unescape(bad), None, "{bad:?}");
        }
        for s in [&b"/a\xb9 b%/"[..], b"x\x01?#"] {
            assert_eq!(path_unescape(&path_escape(s, ESCAPE_NONRES)).unwrap(), s);
        }
    }

    #[test]
    fn parents() {
        let parent = |p: &str| path_parent(p.as_bytes()).map(|v| String::from_utf8(v).unwrap());
        assert_eq!(parent("/a/b/c").as_deref(), Some("/a/b/"));
        assert_eq!(parent("/a/b/c/").as_deref(), Some("/a/b/"));
        assert_eq!(parent("/alpha/beta").as_deref(), Some("/alpha/"));
        assert_eq!(parent("/foo").as_deref(), Some("/"));
        assert_eq!(parent("/foo/").as_deref(), Some("/"));
        assert_eq!(parent("a/b").as_deref(), Some("a/"));
        assert_eq!(parent("a/b/").as_deref(), Some("a/"));
        assert_eq!(parent("//").as_deref(), Some("/"));
        assert_eq!(parent("a//").as_deref(), Some("a/"));
        assert_eq!(parent("///").as_deref(), Some("//"));
        assert_eq!(parent("norman"), None);
        assert_eq!(parent("norman/"), None);
        assert_eq!(parent("/"), None);
        assert_eq!(parent(""), None);
    }

    #[test]
    fn comparisons() {
        let cmp = |a: &str, b: &str| path_compare(a.as_bytes(), b.as_bytes());
        assert_eq!(cmp("/a", "/a/"), 0);
        assert_eq!(cmp("/a/", "/a"), 0);
        assert_ne!(cmp("/ab", "/a/"), 0);
        assert_ne!(cmp("/a/", "/ab"), 0);
        assert_eq!(cmp("/a/", "/a/"), 0);
        assert_ne!(cmp("/alpha/", "/beta/"), 0);
        assert_ne!(cmp("/alpha", "/b"), 0);
        assert_ne!(cmp("/alpha/", "/alphash"), 0);
        assert_ne!(cmp("/fish/", "/food"), 0);
        assert_eq!(cmp("/alpha", "/alpha"), 0);
        assert_ne!(cmp("/a/b/c/d", "/a/b/c/"), 0);
        assert_eq!(cmp("/A/B", "/a/b/"), 0);
        assert_eq!(cmp("/a", "/b"), -1);
        assert_eq!(cmp("/a//", "/a"), 47);
        assert_eq!(cmp("", "/"), 0);
        assert_eq!(cmp("a", "a//"), -47);
    }

    #[test]
    fn children() {
        let childof = |p: &str, c: &str| path_childof(p.as_bytes(), c.as_bytes());
        assert!(childof("/a", "/a/b"));
        assert!(childof("/a/", "/a/b"));
        assert!(!childof("/aa/b/c", "/a/b/c/d/e"));
        assert!(!childof("////", "/a"));
        assert!(!childof("/a", "/a"));
        assert!(!childof("/a/", "/a"));
        assert!(childof("/A", "/a/b"));
        assert!(childof("/a", "/ab"));
        assert!(childof("", "x"));
        assert!(childof("/a/", "/a//"));
    }

    #[test]
    fn trailing_slash() {
        assert!(path_has_trailing_slash(b"/a/"));
        assert!(!path_has_trailing_slash(b"/a"));
        assert!(!path_has_trailing_slash(b""));
    }
}
