//! What the WebDAV methods share: making a request as the C face does,
//! sending an XML body, and feeding a 207 response body to an XML parser.

use std::cell::RefCell;
use std::io::Cursor;
use std::rc::Rc;

use crate::http::codes::OK;
use crate::http::request::{Acceptor, BlockReader};
use crate::http::{FileBody, Request, Session};
use crate::webdav::xml::Parser;

/// A WebDAV operation that did not succeed: its NE_* code (the session
/// error says why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failed(pub i32);

/// `Ok` for NE_OK, else the code as [`Failed`].
pub fn outcome(code: i32) -> Result<(), Failed> {
    if code == OK {
        Ok(())
    } else {
        Err(Failed(code))
    }
}

/// The NE_* code of an outcome.
pub fn code(r: Result<(), Failed>) -> i32 {
    match r {
        Ok(()) => OK,
        Err(Failed(c)) => c,
    }
}

/// The media type of the XML bodies neon sends (NE_XML_MEDIA_TYPE).
pub const XML_MEDIA_TYPE: &[u8] = b"application/xml";

/// A request made as `ne_request_create` makes one: boxed, so that its
/// address is the handle C hooks see, with the create_request hooks run.
pub fn new_request(sess: &Rc<Session>, method: &[u8], path: &[u8]) -> Box<Request> {
    let req = Box::new(Request::new(sess.clone(), method, path));
    req.set_handle(std::ptr::from_ref::<Request>(&req).cast());
    req.run_create_hooks();
    req
}

/// Sets `body` as the request body, as `ne_set_request_body_buffer` does.
pub fn set_body(req: &Request, body: Vec<u8>) {
    let len = body.len() as i64;
    req.set_body(Box::new(FileBody::new(Cursor::new(body), 0, len)), len);
}

/// neon's ne_accept_207: only a 207 response's body is read.
pub fn accept_207() -> Rc<Acceptor> {
    Rc::new(|_req, st| st.code.get() == 207)
}

/// A body reader feeding `parser` (neon's ne_xml_parse_v): each block is
/// parsed, the final empty one ends the document; a failed parse stops the
/// response.
pub fn xml_reader(parser: &Rc<RefCell<Parser>>) -> Rc<BlockReader> {
    let parser = parser.clone();
    Rc::new(move |block: &[u8]| {
        // A callback parsing into the same parser cannot re-enter it.
        let Ok(mut p) = parser.try_borrow_mut() else {
            return -1;
        };
        if block.is_empty() {
            p.finish()
        } else {
            p.parse(block)
        }
    })
}
