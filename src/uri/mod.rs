//! URI references as neon 0.32.5 handles them: parsing (RFC 3986 with neon's
//! leniencies), unparsing, reference resolution (RFC 3986 §5.2), comparison,
//! and the path helpers of `ne_uri.h` (escaping, parents, comparison).
//!
//! Components are bytes, not `String`: neon passes whatever bytes a URI holds
//! (e.g. a host of `webdav.org\xFF`) through unchanged. No component may hold a
//! NUL byte (the C face never produces one from a C string).

mod chars;
mod cmp;
mod parse;
mod path;
mod resolve;
mod unparse;

pub use cmp::cmp;
pub use parse::{ParseError, parse};
pub use path::{
    ESCAPE_NONRES, ESCAPE_NONURI, path_childof, path_compare, path_escape, path_has_trailing_slash,
    path_parent, path_unescape,
};
pub use resolve::{remove_dot_segments, resolve};
pub use unparse::unparse;

/// A URI reference split into components, mirroring neon's `ne_uri`: each
/// component is either absent (`None`, a NULL field in C) or present, possibly
/// empty. `port` 0 means "not given".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Uri {
    pub scheme: Option<Vec<u8>>,
    pub host: Option<Vec<u8>>,
    pub userinfo: Option<Vec<u8>>,
    pub port: u32,
    /// Always present after [`parse`] and [`resolve`]; only a hand-built (or
    /// C-built) `Uri` can lack it, which the functions here treat as empty.
    pub path: Option<Vec<u8>>,
    pub query: Option<Vec<u8>>,
    pub fragment: Option<Vec<u8>>,
}

impl Uri {
    /// The path, empty when absent.
    pub fn path(&self) -> &[u8] {
        self.path.as_deref().unwrap_or_default()
    }

    /// The port to connect to: the explicit one, else the scheme's default
    /// (0 if neither is known).
    pub fn effective_port(&self) -> u32 {
        match (self.port, &self.scheme) {
            (0, Some(scheme)) => default_port(scheme),
            (port, _) => port,
        }
    }
}

/// The default port of a scheme (matched case-insensitively, RFC 3986 §3.1):
/// 80 for http, 443 for https, 0 for any other.
pub fn default_port(scheme: &[u8]) -> u32 {
    if scheme.eq_ignore_ascii_case(b"http") {
        80
    } else if scheme.eq_ignore_ascii_case(b"https") {
        443
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ports() {
        assert_eq!(default_port(b"http"), 80);
        assert_eq!(default_port(b"HTTP"), 80);
        assert_eq!(default_port(b"hTtPs"), 443);
        assert_eq!(default_port(b"ldap"), 0);
        assert_eq!(default_port(b""), 0);
        assert_eq!(default_port(b"http "), 0);
    }

    #[test]
    fn effective_port() {
        let mut u = parse(b"https://h/").unwrap();
        assert_eq!(u.effective_port(), 443);
        u.port = 8443;
        assert_eq!(u.effective_port(), 8443);
        assert_eq!(parse(b"//h/").unwrap().effective_port(), 0);
    }

    #[test]
    fn path_accessor() {
        assert_eq!(Uri::default().path(), b"");
        assert_eq!(parse(b"/a").unwrap().path(), b"/a");
    }
}
