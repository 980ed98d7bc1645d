//! `ne_uri_unparse`: a URI's components joined back into a string.

use super::{Uri, default_port};

/// Joins the components: `scheme:`, then `//userinfo@host:port` if there is a
/// host (the port only if non-zero and not the scheme's default), the path,
/// `?query` and `#fragment`.
pub fn unparse(uri: &Uri) -> Vec<u8> {
    let mut out = Vec::new();
    if let Some(scheme) = &uri.scheme {
        out.extend_from_slice(scheme);
        out.push(b':');
    }
    if let Some(host) = &uri.host {
        out.extend_from_slice(b"//");
        if let Some(userinfo) = &uri.userinfo {
            out.extend_from_slice(userinfo);
            out.push(b'@');
        }
        out.extend_from_slice(host);
        let is_default = uri
            .scheme
            .as_deref()
            .is_some_and(|s| default_port(s) == uri.port);
        if uri.port > 0 && !is_default {
            // neon prints the unsigned port with "%d".
            out.extend_from_slice(format!(":{}", uri.port as i32).as_bytes());
        }
    }
    out.extend_from_slice(uri.path());
    for (mark, part) in [(b'?', &uri.query), (b'#', &uri.fragment)] {
        if let Some(part) = part {
            out.push(mark);
            out.extend_from_slice(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn round_trips_with_default_ports_filled_in() {
        for s in [
            "http://foo.com/bar",
            "https://bar.com/foo/wishbone",
            "http://www.random.com:8000/",
            "http://[::1]:8080/",
            "ftp://ftp.foo.bar/abc/def",
            "ftp://joe@bar.com/abc/def",
            "http://a/b?c#d",
            "http://a/b?c",
            "http://a/b#d",
            "mailto:foo@bar.com",
            "//foo.com/bar",
            "//foo.com:8080/bar",
        ] {
            let mut u = parse(s.as_bytes()).unwrap();
            if u.port == 0 {
                u.port = u.effective_port();
            }
            assert_eq!(String::from_utf8(unparse(&u)).unwrap(), s);
        }
    }

    #[test]
    fn ports_and_missing_components() {
        let mut u = parse(b"HTTPS://h/").unwrap();
        u.port = 443;
        assert_eq!(unparse(&u), b"HTTPS://h/");
        u.port = 80;
        assert_eq!(unparse(&u), b"HTTPS://h:80/");
        u.port = u32::MAX;
        assert_eq!(unparse(&u), b"HTTPS://h:-1/");
        let bare = Uri {
            host: Some(b"h".to_vec()),
            port: 80,
            userinfo: Some(Vec::new()),
            ..Uri::default()
        };
        assert_eq!(unparse(&bare), b"//@h:80");
        let only_userinfo = Uri {
            userinfo: Some(b"u".to_vec()),
            query: Some(Vec::new()),
            fragment: Some(Vec::new()),
            ..Uri::default()
        };
        assert_eq!(unparse(&only_userinfo), b"?#");
        assert_eq!(unparse(&Uri::default()), b"");
    }
}
