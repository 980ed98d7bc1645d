//! WebDAV properties (neon's `ne_props.h`): PROPFIND with its results per
//! resource, and PROPPATCH.
//!
//! A PROPFIND response is parsed as it arrives: each resource's results
//! are built while its `response` element is read, handed to the caller
//! when it ends, then freed, so memory follows the largest response, not
//! the document (a collection of 100,000 members costs what one member
//! costs).

mod body;
mod propfind;
mod results;
mod value;

#[cfg(test)]
mod tests;

use std::rc::Rc;

use crate::http::Session;
use crate::webdav::multistatus::simple_request;
use crate::webdav::request::{Failed, XML_MEDIA_TYPE, new_request, set_body};

pub use body::{PatchOp, PropName};
pub use propfind::{
    Propfind, Results, STATE_FLATPROP, STATE_PROPS_TOP, propnames, simple_propfind,
};
pub use results::{Prop, ResultSet, StatusRecord};

/// PROPPATCH `path` with the operations `ops`, in one request (all or
/// nothing on the server). Succeeds as ne_simple_request does.
pub fn proppatch(sess: &Rc<Session>, path: &[u8], ops: &[PatchOp<'_>]) -> Result<(), Failed> {
    let req = new_request(sess, b"PROPPATCH", path);
    set_body(&req, body::proppatch(ops));
    req.add_header(b"Content-Type", XML_MEDIA_TYPE);
    crate::webdav::locks::using_resource(&req, path, crate::basic::DEPTH_ZERO);
    simple_request(sess, req)
}
