//! Where credentials may be sent: the protection space of a Basic
//! challenge (RFC 7617 §2.2: the request's directory) or the `domain` list
//! of a Digest one, as path prefixes on the origin server.

use crate::debug::{HTTPAUTH, put};
use crate::uri::{self, Uri};

/// The directory of the request-target, "/" if it cannot be parsed.
pub fn scope_path(target: &[u8]) -> Vec<u8> {
    match uri::parse(target) {
        Ok(base) => {
            let dot = Uri {
                path: Some(b".".to_vec()),
                ..Default::default()
            };
            uri::resolve(&base, &dot).path.unwrap_or_default()
        }
        Err(_) => b"/".to_vec(),
    }
}

/// Whether the request-target's path starts with one of the prefixes.
/// "*" and unparseable targets are outside.
pub fn inside(domains: &[Vec<u8>], target: &[u8]) -> bool {
    if target == b"*" {
        return false;
    }
    match uri::parse(target) {
        Ok(u) => {
            let inside = domains.iter().any(|d| u.path().starts_with(d));
            crate::debug!(HTTPAUTH, |o| {
                put(o, &[b"auth: '", u.path(), b"' is inside auth domain: "]);
                put(o, &[if inside { b"1" } else { b"0" }, b".\n"]);
            });
            inside
        }
        Err(_) => false,
    }
}

/// The paths of a Digest `domain` parameter (space-separated URIs,
/// resolved against the server's root) that are on `server`; URIs of other
/// servers are left out. Err if one cannot be parsed.
pub fn parse_domain(server: &Uri, domain: &[u8]) -> Result<Vec<Vec<u8>>, ()> {
    let root = Uri {
        path: Some(b"/".to_vec()),
        ..server.clone()
    };
    let mut paths = Vec::new();
    for token in domain.split(|&c| c == b' ') {
        let rel = uri::parse(token).map_err(|_| ())?;
        let absolute = uri::resolve(&root, &rel);
        let same_server = Uri {
            path: absolute.path.clone(),
            ..server.clone()
        };
        if uri::cmp(&absolute, &same_server) == 0 {
            let path = absolute.path.unwrap_or_default();
            crate::debug!(HTTPAUTH, |o| put(
                o,
                &[b"auth: Using domain ", &path, b" from ", token, b"\n"]
            ));
            paths.push(path);
        } else {
            crate::debug!(HTTPAUTH, |o| put(
                o,
                &[b"auth: Ignoring domain ", token, b"\n"]
            ));
        }
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_scope_is_the_directory() {
        assert_eq!(scope_path(b"/fish/0.txt"), b"/fish/");
        assert_eq!(scope_path(b"/fish/"), b"/fish/");
        assert_eq!(scope_path(b"/top"), b"/");
        assert_eq!(scope_path(b"http://h:8080/a/b?q"), b"/a/");
        assert_eq!(scope_path(b"http://[::1/x"), b"/");
    }

    #[test]
    fn prefixes() {
        let d = vec![b"/fish/".to_vec(), b"/other".to_vec()];
        assert!(inside(&d, b"/fish/0"));
        assert!(inside(&d, b"/others"));
        assert!(inside(&d, b"http://proxied.example/fish/x"));
        assert!(!inside(&d, b"/fish"));
        assert!(!inside(&d, b"*"));
        assert!(!inside(&d, b"http://[::1/fish/"));
    }

    #[test]
    fn domain_list() {
        let server = uri::parse(b"http://localhost:4242").unwrap();
        assert_eq!(
            parse_domain(
                &server,
                b"http://localhost:4242/fish/ https://example.com /agaor /other"
            )
            .unwrap(),
            vec![b"/fish/".to_vec(), b"/agaor".to_vec(), b"/other".to_vec()]
        );
        // Relative references resolve against the root; empty tokens too.
        assert_eq!(
            parse_domain(&server, b"foo  x/../y").unwrap(),
            vec![b"/foo".to_vec(), b"/".to_vec(), b"/y".to_vec()]
        );
        // Another port, or a query, is another resource.
        assert_eq!(
            parse_domain(&server, b"http://localhost/a /b?q").unwrap(),
            Vec::<Vec<u8>>::new()
        );
        assert!(parse_domain(&server, b"/ok http://[::1/").is_err());
    }
}
