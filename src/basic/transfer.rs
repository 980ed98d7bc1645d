//! Moving resource bodies: GET (whole or a byte range), PUT, POST, and the
//! modification time from HEAD.

use std::io::{Cursor, Read, Seek, Write};
use std::rc::Rc;

use super::{destroy, new_request, require_2xx};
use crate::dates;
use crate::http::codes::{ERROR, OK, RETRY, reqflag};
use crate::http::{FileBody, Request, Session};
use crate::webdav::locks::{self, DEPTH_ZERO};

/// Whether a 206's Content-Range answers the "bytes=..." range asked for:
/// same unit and start (and end, for a closed range) as neon compares them.
fn range_matches(range: &[u8], content_range: Option<&[u8]>) -> bool {
    let spec = &range[b"bytes=".len()..];
    let Some(value) = content_range else {
        return false;
    };
    let Some(rest) = value.strip_prefix(b"bytes ") else {
        return false;
    };
    // An open range ("5-") is satisfied by any end; a closed one must be
    // followed by the total.
    rest.starts_with(spec) && (spec.last() == Some(&b'-') || rest.get(spec.len()) == Some(&b'/'))
}

/// Dispatches a GET, writing the body of a 2xx response (of a 206 when a
/// range was asked for) to `out`; other bodies are discarded.
fn dispatch_to(req: &Request, out: &mut dyn Write, range: Option<&[u8]>) -> i32 {
    loop {
        let mut ret = req.begin();
        if ret != OK {
            return ret;
        }
        let code = req.status.code.get();
        if let Some(range) = range {
            let value = req.response_header(b"Content-Range");
            if code == 206 && !range_matches(range, value.as_deref()) {
                req.session()
                    .set_error(&[b"Response did not include requested range"]);
                // As in neon, the response is abandoned where it stands.
                return ERROR;
            }
        }
        let wanted = match range {
            Some(_) => code == 206,
            None => req.status.klass.get() == 2,
        };
        ret = if wanted {
            req.read_to(out)
        } else {
            req.discard()
        };
        if ret == OK {
            ret = req.end();
        }
        if ret != RETRY {
            return ret;
        }
    }
}

/// GET `path`, writing the body to `out` (neon's ne_get).
pub fn get(sess: &Rc<Session>, path: &[u8], out: &mut dyn Write) -> i32 {
    let req = new_request(sess, b"GET", path);
    let ret = dispatch_to(&req, out, None);
    let ret = require_2xx(&req, ret);
    destroy(req);
    ret
}

/// POST `body` to `path`, writing the response body to `out` (ne_post).
/// POST is not idempotent, so it is never sent on a reused connection
/// that may have timed out.
pub fn post(sess: &Rc<Session>, path: &[u8], out: &mut dyn Write, body: &[u8]) -> i32 {
    let req = new_request(sess, b"POST", path);
    req.set_flag(reqflag::IDEMPOTENT, 0);
    let len = body.len() as i64;
    req.set_body(
        Box::new(FileBody::new(Cursor::new(body.to_vec()), 0, len)),
        len,
    );
    let ret = dispatch_to(&req, out, None);
    let ret = require_2xx(&req, ret);
    destroy(req);
    ret
}

/// PUT the contents of `file` to `path` (ne_put); `size` is the file's
/// size, or why it could not be determined.
pub fn put<F: Read + Seek + 'static>(
    sess: &Rc<Session>,
    path: &[u8],
    file: F,
    size: std::io::Result<i64>,
) -> i32 {
    let size = match size {
        Ok(n) => n,
        Err(e) => {
            let why = crate::net::error::message(&e);
            sess.set_error(&[b"Could not determine file size: ", &why]);
            return ERROR;
        }
    };
    let req = new_request(sess, b"PUT", path);
    locks::using_resource(&req, path, DEPTH_ZERO);
    locks::using_parent(&req, path);
    req.set_body(Box::new(FileBody::new(file, 0, size)), size);
    let ret = req.dispatch();
    let ret = require_2xx(&req, ret);
    destroy(req);
    ret
}

/// GET `path` into `buf` (neon 0.36's ne_getbuf): the code and, on
/// success, the body's length. A body that does not fit gives NE_FAILED;
/// a response other than 2xx gives NE_ERROR; on any failure the connection
/// is closed.
pub fn getbuf(sess: &Rc<Session>, path: &[u8], buf: &mut [u8]) -> (i32, Option<usize>) {
    let req = new_request(sess, b"GET", path);
    let mut got = None;
    let mut is_2xx = false;
    let mut ret;
    loop {
        ret = req.begin();
        if ret != OK {
            break;
        }
        is_2xx = req.status.klass.get() == 2;
        if is_2xx {
            // As in neon, the length found replaces the size for a retry.
            let cap = got.unwrap_or(buf.len());
            let (r, n) = req.read_to_buffer(&mut buf[..cap]);
            ret = r;
            got = n.or(got);
        } else {
            ret = req.discard();
        }
        if ret == OK {
            ret = req.end();
        }
        if ret != RETRY {
            break;
        }
    }
    if ret != OK {
        sess.close_connection();
    } else if !is_2xx {
        ret = ERROR;
    }
    destroy(req);
    (ret, got)
}

/// PUT the `body` bytes to `path` (neon 0.33's ne_putbuf).
pub fn putbuf(sess: &Rc<Session>, path: &[u8], body: &[u8]) -> i32 {
    let req = new_request(sess, b"PUT", path);
    locks::using_resource(&req, path, DEPTH_ZERO);
    locks::using_parent(&req, path);
    let len = body.len() as i64;
    req.set_body(
        Box::new(FileBody::new(Cursor::new(body.to_vec()), 0, len)),
        len,
    );
    let ret = req.dispatch();
    let ret = require_2xx(&req, ret);
    destroy(req);
    ret
}

/// GET bytes `start` to `end` of `path` (to the end if `end` is -1),
/// writing them to `out` (ne_get_range). Only a 206 answering the range
/// succeeds.
pub fn get_range(
    sess: &Rc<Session>,
    path: &[u8],
    start: i64,
    end: i64,
    out: &mut dyn Write,
) -> i32 {
    let range = if end == -1 {
        format!("bytes={start}-")
    } else {
        format!("bytes={start}-{end}")
    };
    let req = new_request(sess, b"GET", path);
    req.add_header(b"Range", range.as_bytes());
    req.add_header(b"Accept-Ranges", b"bytes");
    let mut ret = dispatch_to(&req, out, Some(range.as_bytes()));
    let (code, klass) = (req.status.code.get(), req.status.klass.get());
    if ret == OK && code == 416 {
        sess.set_error(&[b"Range is not satisfiable"]);
        ret = ERROR;
    } else if ret == OK && klass == 2 && code != 206 {
        sess.set_error(&[b"Resource does not support ranged GET requests"]);
        ret = ERROR;
    } else if ret == OK && klass != 2 {
        ret = ERROR;
    }
    destroy(req);
    ret
}

/// The Last-Modified time of `path` from a HEAD request (ne_getmodtime):
/// the NE_* code and the time, -1 if absent, unparseable or not 2xx.
pub fn getmodtime(sess: &Rc<Session>, path: &[u8]) -> (i32, i64) {
    let req = new_request(sess, b"HEAD", path);
    let mut ret = req.dispatch();
    let value = req.response_header(b"Last-Modified");
    let modtime = if ret == OK && req.status.klass.get() != 2 {
        ret = ERROR;
        -1
    } else {
        value.map_or(-1, |v| dates::httpdate_parse(&v))
    };
    destroy(req);
    (ret, modtime)
}

#[cfg(test)]
mod tests {
    use super::range_matches;

    #[test]
    fn content_range_checks() {
        let ok = |r: &str, v: &str| range_matches(r.as_bytes(), Some(v.as_bytes()));
        assert!(ok("bytes=1-10", "bytes 1-10/10"));
        assert!(ok("bytes=1-10", "bytes 1-10/*"));
        assert!(ok("bytes=1-", "bytes 1-10/10"));
        assert!(!ok("bytes=1-10", "bytes 1-2/2"));
        assert!(!ok("bytes=1-2", "fish 1-2/2"));
        assert!(!ok("bytes=1-2", "bytes 1-20/20"));
        assert!(!ok("bytes=1-2", "bytes 1-2"));
        assert!(!ok("bytes=10-", "bytes 1-10/10"));
        assert!(!range_matches(b"bytes=1-2", None));
    }
}
