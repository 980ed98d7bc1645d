//! WebDAV methods: COPY, MOVE, DELETE, MKCOL, and the capabilities an
//! OPTIONS response advertises in its DAV header.

use std::rc::Rc;

use super::{destroy, new_request, require_2xx, simple_request};
use crate::http::codes::sessflag;
use crate::http::{Request, Session};
use crate::text::token::{QToken, qtoken, shave};
use crate::uri;
use crate::webdav::locks;

/// Depth header values (NE_DEPTH_*).
pub const DEPTH_ZERO: i32 = 0;
pub const DEPTH_ONE: i32 = 1;
pub const DEPTH_INFINITE: i32 = 2;

/// Adds "Depth: 0", "Depth: 1", or "Depth: infinity" for anything else.
pub fn add_depth_header(req: &Request, depth: i32) {
    let value: &[u8] = match depth {
        DEPTH_ZERO => b"0",
        DEPTH_ONE => b"1",
        _ => b"infinity",
    };
    req.add_header(b"Depth", value);
}

fn copy_or_move(
    sess: &Rc<Session>,
    is_move: bool,
    overwrite: bool,
    depth: i32,
    src: &[u8],
    dest: &[u8],
) -> i32 {
    let req = new_request(sess, if is_move { b"MOVE" } else { b"COPY" }, src);
    // RFC 2518 §8.9.2: a MOVE is always Depth: infinity, so none is sent.
    if !is_move {
        add_depth_header(&req, depth);
    }
    if is_move {
        locks::using_resource(&req, src, DEPTH_INFINITE);
    }
    locks::using_resource(&req, dest, DEPTH_INFINITE);
    // Members are added to the destination's collection.
    locks::using_parent(&req, dest);
    if sess.flag(sessflag::RFC4918) != 0 {
        req.add_header(b"Destination", dest);
    } else {
        // RFC 2518 wants an absolute URI.
        let absolute = [sess.scheme().bytes(), b"://", sess.hostport().bytes(), dest].concat();
        req.add_header(b"Destination", &absolute);
    }
    req.add_header(b"Overwrite", if overwrite { b"T" } else { b"F" });
    simple_request(req)
}

/// COPY `src` to `dest` with the given depth (ne_copy).
pub fn copy(sess: &Rc<Session>, overwrite: bool, depth: i32, src: &[u8], dest: &[u8]) -> i32 {
    copy_or_move(sess, false, overwrite, depth, src, dest)
}

/// MOVE `src` to `dest` (ne_move).
pub fn move_resource(sess: &Rc<Session>, overwrite: bool, src: &[u8], dest: &[u8]) -> i32 {
    copy_or_move(sess, true, overwrite, DEPTH_ZERO, src, dest)
}

/// DELETE `path` (ne_delete).
pub fn delete(sess: &Rc<Session>, path: &[u8]) -> i32 {
    let req = new_request(sess, b"DELETE", path);
    locks::using_resource(&req, path, DEPTH_INFINITE);
    locks::using_parent(&req, path);
    simple_request(req)
}

/// MKCOL `path`, with a trailing slash added if missing (ne_mkcol).
pub fn mkcol(sess: &Rc<Session>, path: &[u8]) -> i32 {
    let path = if uri::path_has_trailing_slash(path) {
        path.to_vec()
    } else {
        [path, b"/"].concat()
    };
    let req = new_request(sess, b"MKCOL", &path);
    locks::using_resource(&req, &path, DEPTH_ZERO);
    locks::using_parent(&req, &path);
    simple_request(req)
}

/// NE_CAP_* bits for the compliance classes and extensions a DAV header
/// may list (exact, case-sensitive tokens).
const CAPABILITIES: [(&[u8], u32); 16] = [
    (b"1", 0x0001),
    (b"2", 0x0002),
    (b"3", 0x0004),
    (b"<http://apache.org/dav/propset/fs/1>", 0x0008),
    (b"access-control", 0x0010),
    (b"version-control", 0x0020),
    (b"checkout-in-place", 0x0040),
    (b"version-history", 0x0080),
    (b"workspace", 0x0100),
    (b"update", 0x0200),
    (b"label", 0x0400),
    (b"working-resource", 0x0800),
    (b"merge", 0x1000),
    (b"baseline", 0x2000),
    (b"version-controlled-collection", 0x8000),
    (b"extended-mkcol", 0x10000),
];

/// The NE_CAP_* bits of a DAV header value: comma-separated tokens
/// (quotes protect commas); parsing stops at an unterminated quote.
pub fn dav_capabilities(value: &[u8]) -> u32 {
    let mut caps = 0;
    let mut rest = Some(value);
    while let Some(s) = rest {
        let token = match qtoken(s, b',', b"\"'") {
            QToken::Split(i) => {
                rest = Some(&s[i + 1..]);
                &s[..i]
            }
            QToken::Whole => {
                rest = None;
                s
            }
            QToken::Unterminated => break,
        };
        let token = &token[shave(token, b" \r\t\n")];
        caps |= CAPABILITIES
            .iter()
            .filter(|(name, _)| *name == token)
            .fold(0, |acc, (_, bit)| acc | bit);
    }
    caps
}

/// OPTIONS `path` (ne_options2): the NE_* code, and the capabilities if
/// the response had a DAV header.
pub fn options(sess: &Rc<Session>, path: &[u8]) -> (i32, Option<u32>) {
    let req = new_request(sess, b"OPTIONS", path);
    let ret = req.dispatch();
    let caps = req.response_header(b"DAV").map(|v| dav_capabilities(&v));
    let ret = require_2xx(&req, ret);
    destroy(req);
    (ret, caps)
}

#[cfg(test)]
mod tests {
    use super::dav_capabilities;

    #[test]
    fn dav_header_tokens() {
        assert_eq!(dav_capabilities(b"1,2"), 3);
        assert_eq!(dav_capabilities(b"1 2"), 0);
        assert_eq!(dav_capabilities(b" 1, 2  "), 3);
        assert_eq!(dav_capabilities(b"1, 2, extended-mkcol"), 0x10003);
        assert_eq!(
            dav_capabilities(b"1,3, <http://apache.org/dav/propset/fs/1>, access-control, version-controlled-collection"),
            0x801d
        );
        assert_eq!(dav_capabilities(b"1, \"2,3\", 2"), 3);
        assert_eq!(dav_capabilities(b"1, '2, 3"), 1);
        assert_eq!(dav_capabilities(b"Version-Control, activity"), 0);
        assert_eq!(dav_capabilities(b""), 0);
    }
}
