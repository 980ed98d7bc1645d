//! neon's basic HTTP and WebDAV methods (ne_basic.c), written as a client
//! of the engine: each makes a request, dispatches it and turns the
//! response into an NE_* code and the session error.

mod content_type;
mod dav;
mod transfer;

use std::rc::Rc;

use crate::http::codes::{ERROR, OK};
use crate::http::{Request, Session};

pub use content_type::{Charset, ContentType};
pub use dav::{
    DEPTH_INFINITE, DEPTH_ONE, DEPTH_ZERO, add_depth_header, copy, dav_capabilities, delete, mkcol,
    move_resource, options,
};
pub use transfer::{get, get_range, getbuf, getmodtime, post, put, putbuf};

/// A request made the way the C face makes one: boxed, so that its address
/// is the handle C hooks are given, and with the create_request hooks run.
fn new_request(sess: &Rc<Session>, method: &[u8], path: &[u8]) -> Box<Request> {
    let req = Box::new(Request::new(sess.clone(), method, path));
    req.set_handle(std::ptr::from_ref::<Request>(&req).cast());
    req.run_create_hooks();
    req
}

/// Runs the destroy_request hooks and frees the request.
fn destroy(req: Box<Request>) {
    req.destroy();
}

/// NE_ERROR for a response other than 2xx, as the basic methods report it
/// (the session error then holds its status line).
fn require_2xx(req: &Request, ret: i32) -> i32 {
    if ret == OK && req.status.klass.get() != 2 {
        ERROR
    } else {
        ret
    }
}

/// neon's ne_simple_request: dispatches the request, then frees it. A 2xx
/// response succeeds, or a 207 whose body lists no failure.
pub fn simple_request(req: Box<Request>) -> i32 {
    let sess = req.session().clone();
    crate::webdav::code(crate::webdav::multistatus::simple_request(&sess, req))
}
