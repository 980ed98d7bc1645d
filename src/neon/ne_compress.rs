//! C face of `ne_compress.h`. The logic is in [`crate::compress`].

use std::ffi::c_void;
use std::rc::Rc;

use super::ne_request::{
    c_acceptor, c_block_reader, ne_accept_response, ne_block_reader, ne_request, request,
};
use crate::compress::{self, Decompress};
use crate::ffi;

/// Decompression state of one request (ne_decompress_reader).
pub struct ne_decompress_s {
    _private: [u8; 0],
}
pub type ne_decompress = ne_decompress_s;

/// Adds a body reader that passes `rdr` the response body of responses
/// `accpt` accepts, inflated if the response is gzip-encoded, and asks for
/// gzip with "Accept-Encoding: gzip". A decoding error aborts the request
/// with the session error set. Free the context with
/// ne_decompress_destroy once the request has been dispatched. NULL if an
/// argument is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_decompress_reader(
    req: *mut ne_request,
    accpt: ne_accept_response,
    rdr: ne_block_reader,
    userdata: *mut c_void,
) -> *mut ne_decompress {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        let (accept, read) = (c_acceptor(accpt?, userdata), c_block_reader(rdr?, userdata));
        let ctx = compress::attach(r, accept, read);
        Some(ffi::into_handle::<Rc<Decompress>, ne_decompress>(ctx))
    })
}

/// Frees the context (NULL is ignored). The request's reader stays safe
/// to use, but is no longer reset for new responses.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_decompress_destroy(ctx: *mut ne_decompress) {
    ffi::guard((), || {
        // SAFETY: a handle from ne_decompress_reader, given back by its owner.
        let ctx = unsafe { ffi::from_handle::<Rc<Decompress>, _>(ctx) }?;
        ctx.detach();
        Some(())
    })
}
