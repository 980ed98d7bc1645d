//! `ne_uri_resolve`: RFC 3986 §5.2 reference resolution, as neon does it.

use super::Uri;

/// Resolves `relative` against `base` (RFC 3986 §5.2.2, "Transform
/// References"). An absent path in either is taken as empty. The result's
/// path is always present.
pub fn resolve(base: &Uri, relative: &Uri) -> Uri {
    let mut target = Uri::default();
    if relative.scheme.is_some() || relative.host.is_some() {
        // The reference carries its own authority (and maybe scheme).
        copy_authority(&mut target, relative);
        target.path = Some(remove_dot_segments(relative.path()));
        target.query.clone_from(&relative.query);
        target.scheme = relative.scheme.clone().or_else(|| base.scheme.clone());
    } else {
        if relative.path().is_empty() {
            target.path = Some(base.path().to_vec());
            target.query = relative.query.clone().or_else(|| base.query.clone());
        } else {
            let path = if relative.path().starts_with(b"/") {
                remove_dot_segments(relative.path())
            } else {
                remove_dot_segments(&merge_paths(base, relative.path()))
            };
            target.path = Some(path);
            target.query.clone_from(&relative.query);
        }
        copy_authority(&mut target, base);
        target.scheme.clone_from(&base.scheme);
    }
    target.fragment.clone_from(&relative.fragment);
    target
}

fn copy_authority(dest: &mut Uri, src: &Uri) {
    dest.host.clone_from(&src.host);
    dest.port = src.port;
    dest.userinfo.clone_from(&src.userinfo);
}

/// RFC 3986 §5.2.3, "Merge Paths".
fn merge_paths(base: &Uri, path: &[u8]) -> Vec<u8> {
    let base_path = base.path();
    if base.host.is_some() && base_path.is_empty() {
        return [b"/", path].concat();
    }
    match base_path.iter().rposition(|&b| b == b'/') {
        Some(slash) => [&base_path[..=slash], path].concat(),
        None => path.to_vec(),
    }
}

/// RFC 3986 §5.2.4, "Remove Dot Segments": interprets "." and ".." segments.
pub fn remove_dot_segments(path: &[u8]) -> Vec<u8> {
    let mut input = path.to_vec();
    let mut i = 0;
    let mut out = Vec::with_capacity(path.len());
    while i < input.len() {
        let rest = &input[i..];
        if rest.starts_with(b"../") {
            i += 3; // 2.A
        } else if rest.starts_with(b"./") || rest.starts_with(b"/./") {
            i += 2; // 2.A, 2.B
        } else if rest == b"/." {
            input.truncate(i + 1); // 2.B: the input becomes "/"
        } else if rest.starts_with(b"/../") || rest == b"/.." {
            // 2.C: drop the last output segment; the input continues at "/".
            if rest.len() == 3 {
                input.truncate(i + 1);
            } else {
                i += 3;
            }
            let keep = out.iter().rposition(|&b| b == b'/').unwrap_or(0);
            out.truncate(keep);
        } else if rest == b"." || rest == b".." {
            break; // 2.D
        } else {
            // 2.E: move the first segment (with its leading "/") to the output.
            let start = usize::from(rest[0] == b'/');
            let end = rest[start..]
                .iter()
                .position(|&b| b == b'/')
                .map_or(rest.len(), |n| start + n);
            out.extend_from_slice(&rest[..end]);
            i += end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{parse, unparse};
    use super::*;

    fn resolved(base: &str, rel: &str) -> String {
        let base = parse(base.as_bytes()).unwrap();
        let rel = parse(rel.as_bytes()).unwrap();
        String::from_utf8(unparse(&resolve(&base, &rel))).unwrap()
    }

    const BASE: &str = "http://a/b/c/d;p?q";

    #[test]
    fn rfc3986_normal_and_abnormal_examples() {
        for (rel, want) in [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g/"), // neon gives "//g" the path "/"
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"),
            ("g;x", "http://a/b/c/g;x"),
            ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../", "http://a/"),
            ("../../g", "http://a/g"),
            ("../../../g", "http://a/g"),
            ("../../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            (".g", "http://a/b/c/.g"),
            ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"),
            ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g?y/../x", "http://a/b/c/g?y/../x"),
            ("g#s/./x", "http://a/b/c/g#s/./x"),
            ("g#s/../x", "http://a/b/c/g#s/../x"),
            ("http:g", "http:g"),
        ] {
            assert_eq!(resolved(BASE, rel), want, "{rel}");
        }
    }

    #[test]
    fn other_bases() {
        for (base, rel, want) in [
            (
                "http://foo.com/alpha/beta",
                "../gamma",
                "http://foo.com/gamma",
            ),
            (
                "http://foo.com/alpha//beta",
                "../gamma",
                "http://foo.com/alpha/gamma",
            ),
            ("http://foo.com", "../gamma", "http://foo.com/gamma"),
            ("", "zzz:.", "zzz:"),
            ("", "zzz:./foo", "zzz:foo"),
            ("", "zzz:../foo", "zzz:foo"),
            ("", "zzz:/./foo", "zzz:/foo"),
            ("", "zzz:/.", "zzz:/"),
            ("", "zzz:/../", "zzz:/"),
            ("", "zzz:..", "zzz:"),
            ("", "zzz://foo@bar/", "zzz://foo@bar/"),
            ("", "zzz://foo/?bar", "zzz://foo/?bar"),
            ("zzz://foo/?bar", "//baz/?jam", "zzz://baz/?jam"),
            ("zzz://foo/baz?biz", "", "zzz://foo/baz?biz"),
            ("zzz://foo/baz", "", "zzz://foo/baz"),
            ("//foo/baz", "", "//foo/baz"),
            ("a", "b", "b"),
            ("x:a/b", "c", "x:a/c"),
            ("http://u@h:81/a?q#f", "#g", "http://u@h:81/a?q#g"),
            ("http://u@h:81/a", "//v@i/b", "http://v@i/b"),
        ] {
            assert_eq!(resolved(base, rel), want, "{base} + {rel}");
        }
    }

    #[test]
    fn empty_base_path_with_host() {
        // Only a hand-built URI has a host with an empty path.
        let base = Uri {
            host: Some(b"h".to_vec()),
            path: Some(Vec::new()),
            ..Uri::default()
        };
        let rel = parse(b"g").unwrap();
        assert_eq!(resolve(&base, &rel).path(), b"/g");
        // Absent paths are treated as empty.
        let t = resolve(&Uri::default(), &Uri::default());
        assert_eq!(t.path.as_deref(), Some(&b""[..]));
    }

    #[test]
    fn dot_segments() {
        let rds = |p: &str| String::from_utf8(remove_dot_segments(p.as_bytes())).unwrap();
        assert_eq!(rds("/a/b/c/./../../g"), "/a/g");
        assert_eq!(rds("mid/content=5/../6"), "mid/6");
        assert_eq!(rds("/.."), "/");
        assert_eq!(rds("/."), "/");
        assert_eq!(rds("a/.."), "/");
        assert_eq!(rds("a/../b"), "/b");
        assert_eq!(rds("../../x"), "x");
        assert_eq!(rds("..."), "...");
        assert_eq!(rds("//a/../b"), "//b");
        assert_eq!(rds(""), "");
    }
}
