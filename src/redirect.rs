//! Redirect handling (neon's ne_redirect.c) as an engine add-on: once
//! registered, a 301, 302, 303 or 307 response with a Location makes the
//! request fail with NE_REDIRECT, and the destination is kept for the
//! application. (neon 0.32.5 does not treat 308 as a redirect.)

use std::cell::RefCell;
use std::rc::Rc;

use crate::http::codes::{ERROR, OK, REDIRECT};
use crate::http::{Request, Session, StatusCell, ZStr};
use crate::uri::{self, Uri};

/// neon's private id for the module, also our extension key.
pub const ID: &str = "http://www.webdav.org/neon/hooks/http-redirect";

/// A session's redirect state.
#[derive(Default)]
pub struct Redirect {
    /// The target of the last request created.
    requri: RefCell<Option<ZStr>>,
    /// The last redirect's destination, if it could be parsed.
    location: RefCell<Option<Uri>>,
}

impl Redirect {
    /// The last redirect's destination: None if there was none or it
    /// could not be parsed. It stays until the next redirect response.
    pub fn location(&self) -> Option<Uri> {
        self.location.borrow().clone()
    }

    fn post_send(&self, req: &Request, status: &StatusCell) -> i32 {
        let code = status.code.get();
        let Some(location) = req.response_header(b"Location") else {
            return OK;
        };
        if !matches!(code, 301 | 302 | 303 | 307) {
            return OK;
        }
        let sess = req.session();
        let requri = self.requri.borrow().clone();
        let dest = destination(requri.as_ref().map_or(&b""[..], ZStr::bytes), &location);
        match uri::parse(&dest) {
            Ok(mut u) => {
                if u.host.is_none() {
                    // Not an absolute URI, against RFC 2616, but common.
                    let server = sess.server_uri();
                    u.scheme = server.scheme;
                    u.host = server.host;
                    u.port = server.port;
                }
                *self.location.borrow_mut() = Some(u);
                REDIRECT
            }
            Err(_) => {
                *self.location.borrow_mut() = None;
                sess.set_error(&[b"Could not parse redirect destination URL"]);
                ERROR
            }
        }
    }
}

/// The Location as neon reads it: a value without "://" that does not
/// start with "/" is taken relative to the directory of the request-target.
fn destination(requri: &[u8], location: &[u8]) -> Vec<u8> {
    let absolute = location.windows(3).any(|w| w == b"://");
    if absolute || location.first() == Some(&b'/') {
        return location.to_vec();
    }
    let mut path = requri.to_vec();
    if let Some(slash) = path.iter().rposition(|&c| c == b'/') {
        path.truncate(slash + 1);
    }
    path.extend_from_slice(location);
    path
}

/// Registers redirect handling on the session. Registering twice adds a
/// second handler, of which only the first is consulted, as in neon.
pub fn register(sess: &Session) {
    let red = Rc::new(Redirect::default());
    let id = Rc::as_ptr(&red) as usize;
    let r = red.clone();
    sess.hooks.create_request.add(
        (id, 1),
        Rc::new(move |_: &Request, _: &ZStr, target: &ZStr| {
            *r.requri.borrow_mut() = Some(target.clone());
        }),
    );
    let r = red.clone();
    sess.hooks.post_send.add(
        (id, 2),
        Rc::new(move |req: &Request, st: &StatusCell| r.post_send(req, st)),
    );
    sess.set_private(ID.as_bytes(), Rc::as_ptr(&red) as *mut ());
    sess.set_extension(ID, red);
}

/// The session's redirect state, if redirects are handled.
pub fn state(sess: &Session) -> Option<Rc<Redirect>> {
    sess.extension(ID)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn respond(req: &Request, code: i32, location: Option<&str>) -> i32 {
        req.status.code.set(code);
        {
            let mut h = req.resp_headers.borrow_mut();
            h.clear();
            if let Some(l) = location {
                h.add(b"location", l.as_bytes());
            }
        }
        req.end()
    }

    fn setup() -> Rc<Session> {
        let sess = Session::create(b"http", b"localhost", 7777);
        register(&sess);
        sess
    }

    fn redirect(sess: &Rc<Session>, target: &str, code: i32, location: Option<&str>) -> i32 {
        let req = Request::new(sess.clone(), b"GET", target.as_bytes());
        req.run_create_hooks();
        respond(&req, code, location)
    }

    fn location(sess: &Session) -> Option<String> {
        let u = state(sess)?.location()?;
        Some(String::from_utf8(uri::unparse(&u)).unwrap())
    }

    #[test]
    fn redirect_codes() {
        for code in [301, 302, 303, 307] {
            let sess = setup();
            assert_eq!(
                redirect(
                    &sess,
                    "/redir/me",
                    code,
                    Some("http://foo.com/blah/blah/bar")
                ),
                REDIRECT
            );
            assert_eq!(location(&sess).unwrap(), "http://foo.com/blah/blah/bar");
        }
        for code in [200, 300, 304, 305, 308, 404] {
            let sess = setup();
            assert_eq!(redirect(&sess, "/redir/me", code, Some("/x")), OK);
            assert_eq!(location(&sess), None);
        }
        let sess = setup();
        assert_eq!(redirect(&sess, "/redir/me", 302, None), OK);
    }

    #[test]
    fn relative_locations() {
        let sess = setup();
        let cases = [
            (
                "/redir/me",
                "/foo/bar/blah",
                "http://localhost:7777/foo/bar/blah",
            ),
            ("/foo/bar", "norman", "http://localhost:7777/foo/norman"),
            (
                "/foo/bar/",
                "wishbone",
                "http://localhost:7777/foo/bar/wishbone",
            ),
            ("/a/b", "../c?q=1#f", "http://localhost:7777/a/../c?q=1#f"),
            ("*", "x", "http://localhost:7777*x"),
            ("/a", "?u=http://x", "http://localhost:7777?u=http://x"),
        ];
        for (target, loc, expected) in cases {
            assert_eq!(redirect(&sess, target, 302, Some(loc)), REDIRECT, "{loc}");
            assert_eq!(location(&sess).unwrap(), expected, "{target} + {loc}");
        }
    }

    #[test]
    fn unparseable_location_and_persistence() {
        let sess = setup();
        assert!(state(&sess).unwrap().location().is_none());
        assert_eq!(redirect(&sess, "/", 301, Some("/first")), REDIRECT);
        // Later requests keep the last location.
        assert_eq!(redirect(&sess, "/", 200, None), OK);
        assert_eq!(location(&sess).unwrap(), "http://localhost:7777/first");
        assert_eq!(redirect(&sess, "/", 302, Some("http://[::1/")), ERROR);
        assert_eq!(sess.error(), b"Could not parse redirect destination URL");
        assert_eq!(location(&sess), None);
        assert_eq!(redirect(&sess, "/", 307, Some("/second")), REDIRECT);
        assert_eq!(location(&sess).unwrap(), "http://localhost:7777/second");
    }

    #[test]
    fn second_registration_is_not_consulted() {
        let sess = setup();
        register(&sess);
        assert_eq!(redirect(&sess, "/a/b", 302, Some("c")), REDIRECT);
        assert_eq!(location(&sess).unwrap(), "http://localhost:7777/a/c");
        assert!(!sess.private(ID.as_bytes()).is_null());
    }

    #[test]
    fn destination_rules() {
        assert_eq!(destination(b"/a/b", b"c"), b"/a/c");
        assert_eq!(destination(b"/a/", b"c"), b"/a/c");
        assert_eq!(destination(b"noslash", b"c"), b"noslashc");
        assert_eq!(destination(b"/a/b", b"/abs"), b"/abs");
        assert_eq!(destination(b"/a/b", b"ftp://h/x"), b"ftp://h/x");
    }
}
