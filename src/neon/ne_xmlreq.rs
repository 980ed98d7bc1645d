//! C face of `ne_xmlreq.h`: XML response bodies through an XML parser.

use std::ffi::{c_char, c_int, c_void};

use super::ne_basic::{ne_content_type, ne_get_content_type};
use super::ne_request::{
    NE_ERROR, NE_OK, NE_RETRY, ne_accept_response, ne_begin_request, ne_discard_response,
    ne_end_request, ne_get_session, ne_get_status, ne_read_response_block, ne_request,
};
use super::ne_session::{ne_close_connection, session};
use super::ne_utils::ne_status;
use super::ne_xml::{ne_xml_get_error, ne_xml_parse, ne_xml_parser, ne_xml_set_encoding};
use crate::debug::XML;
use crate::ffi;
use crate::text::case::casecmp;

/// Sets the session error for a parse failure and closes the connection.
unsafe fn parse_error(req: *mut ne_request, parser: *mut ne_xml_parser) -> c_int {
    // SAFETY: live handles (checked by the caller).
    unsafe {
        let sess = ne_get_session(req);
        if let Some(s) = session(sess) {
            let msg = ffi::cstr_arg(ne_xml_get_error(parser)).unwrap_or_default();
            s.set_error(&[b"Could not parse response: ", msg]);
        }
        ne_close_connection(sess);
    }
    NE_ERROR
}

/// Reads the response body into the parser. NE_OK, or NE_ERROR with the
/// session error set ("Could not parse response: …" for a parse failure).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_parse_response(
    req: *mut ne_request,
    parser: *mut ne_xml_parser,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        if req.is_null() || parser.is_null() {
            return None;
        }
        let mut buf = [0u8; 8000];
        let bytes = loop {
            // SAFETY: live request handle; buf has room for its length.
            let n =
                unsafe { ne_read_response_block(req, buf.as_mut_ptr() as *mut c_char, buf.len()) };
            if n <= 0 {
                break n;
            }
            // SAFETY: live parser handle; n bytes were read into buf.
            if unsafe { ne_xml_parse(parser, buf.as_ptr() as *const c_char, n as usize) } != 0 {
                // SAFETY: live handles.
                return Some(unsafe { parse_error(req, parser) });
            }
        };
        if bytes < 0 {
            return Some(NE_ERROR);
        }
        // SAFETY: live parser handle; length 0 ends the document.
        if unsafe { ne_xml_parse(parser, std::ptr::null(), 0) } == 0 {
            Some(NE_OK)
        } else {
            // SAFETY: live handles.
            Some(unsafe { parse_error(req, parser) })
        }
    })
}

/// An XML media type by RFC 3023's rules: text/xml, application/xml, */*+xml.
fn is_xml(r#type: &[u8], subtype: &[u8]) -> bool {
    let eq = |a: &[u8], b: &[u8]| casecmp(a, b) == 0;
    ((eq(r#type, b"text") || eq(r#type, b"application")) && eq(subtype, b"xml"))
        || (subtype.len() > 4 && eq(&subtype[subtype.len() - 4..], b"+xml"))
}

/// Dispatches the request (again while it returns NE_RETRY), parsing a 2xx
/// response with an XML content type into the parser and discarding any
/// other body. (neon 0.32.5's: a charset parameter is not applied.)
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_dispatch_request(
    req: *mut ne_request,
    parser: *mut ne_xml_parser,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        if req.is_null() {
            return None;
        }
        // SAFETY: live request handle (and parser handle or NULL).
        Some(unsafe { dispatch(req, parser, &mut |s| s.klass == 2, false) })
    })
}

/// neon 0.36: as ne_xml_dispatch_request, but the body is parsed when
/// `acpt` accepts the response (and its media type is XML); the charset
/// parameter of its Content-Type is applied with ne_xml_set_encoding, an
/// encoding the parser cannot read failing with NE_ERROR before the body
/// is read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_dispatchif_request(
    req: *mut ne_request,
    parser: *mut ne_xml_parser,
    acpt: ne_accept_response,
    userdata: *mut c_void,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        if req.is_null() || parser.is_null() {
            return None;
        }
        let acpt = acpt?;
        let mut accept = |s: &ne_status| {
            // SAFETY: the application's acceptor with its userdata, given
            // the live request and its status.
            unsafe { acpt(userdata, req, s) != 0 }
        };
        // SAFETY: live handles.
        Some(unsafe { dispatch(req, parser, &mut accept, true) })
    })
}

/// The dispatch loop of both: `accept` decides from the status whether an
/// XML body is parsed; `charset` applies the Content-Type's charset.
///
/// # Safety
/// `req` must be a live request, `parser` a live parser handle (or NULL
/// when no body is accepted).
unsafe fn dispatch(
    req: *mut ne_request,
    parser: *mut ne_xml_parser,
    accept: &mut dyn FnMut(&ne_status) -> bool,
    charset: bool,
) -> c_int {
    loop {
        // SAFETY: live request handle.
        let mut ret = unsafe { ne_begin_request(req) };
        if ret != NE_OK {
            return ret;
        }
        let mut parseit = false;
        // SAFETY: live request handle.
        let status = unsafe { ne_get_status(req).as_ref() };
        if let Some(st) = status.filter(|s| accept(s)) {
            let mut ct = ne_content_type {
                r#type: std::ptr::null(),
                subtype: std::ptr::null(),
                charset: std::ptr::null(),
                value: std::ptr::null_mut(),
            };
            // SAFETY: live request; ct is written on success and its value
            // is then freed with free().
            unsafe {
                if ne_get_content_type(req, &mut ct) == 0 {
                    let t = ffi::cstr_arg(ct.r#type).unwrap_or_default();
                    let sub = ffi::cstr_arg(ct.subtype).unwrap_or_default();
                    parseit = is_xml(t, sub);
                    let enc = ffi::cstr_arg(ct.charset).filter(|_| charset && parseit);
                    if let Some(enc) = enc {
                        crate::debug!(
                            XML,
                            "xmlreq: Using charset '{}'\n",
                            String::from_utf8_lossy(enc)
                        );
                        if ne_xml_set_encoding(parser, ct.charset) != 0 {
                            ffi::alloc::free(ct.value);
                            return parse_error(req, parser);
                        }
                    }
                    ffi::alloc::free(ct.value);
                }
            }
            if charset {
                crate::debug!(
                    XML,
                    "xmlreq: Accepted response status {}, will{} parse.\n",
                    st.code,
                    if parseit { "" } else { " not" }
                );
            }
        }
        ret = if parseit {
            // SAFETY: live handles.
            unsafe { ne_xml_parse_response(req, parser) }
        } else {
            // SAFETY: live request handle.
            unsafe { ne_discard_response(req) }
        };
        if ret == NE_OK {
            // SAFETY: live request handle.
            ret = unsafe { ne_end_request(req) };
        }
        if ret != NE_RETRY {
            return ret;
        }
    }
}
