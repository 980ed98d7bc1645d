//! neon's ne_xml_dispatch_request in the core: a 2xx response with an XML
//! media type is parsed, any other body discarded.

use std::cell::RefCell;
use std::rc::Rc;

use crate::basic::ContentType;
use crate::http::Request;
use crate::http::codes::{ERROR, OK, RETRY};
use crate::text::case::casecmp;
use crate::webdav::xml::Parser;

/// An XML media type by RFC 3023's rules: text/xml, application/xml,
/// anything/...+xml.
fn is_xml(ty: &[u8], subtype: &[u8]) -> bool {
    let eq = |a: &[u8], b: &[u8]| casecmp(a, b) == 0;
    ((eq(ty, b"text") || eq(ty, b"application")) && eq(subtype, b"xml"))
        || (subtype.len() > 4 && eq(&subtype[subtype.len() - 4..], b"+xml"))
}

/// Dispatches `req` (again while it asks for a retry); `head` sees each
/// response's head before its body is read.
pub fn xml_dispatch(
    req: &Request,
    parser: &Rc<RefCell<Parser>>,
    mut head: impl FnMut(&Request),
) -> i32 {
    loop {
        let mut ret = req.begin();
        if ret != OK {
            return ret;
        }
        head(req);
        let parse_it = req.status.klass.get() == 2
            && req
                .response_header(b"Content-Type")
                .and_then(|v| ContentType::parse(&v))
                .is_some_and(|ct| is_xml(ct.str_at(0), ct.str_at(ct.subtype)));
        ret = if parse_it {
            parse_response(req, parser)
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

/// Reads the body into the parser; a parse failure sets the session error
/// and closes the connection.
fn parse_response(req: &Request, parser: &Rc<RefCell<Parser>>) -> i32 {
    let mut buf = vec![0u8; 8000];
    loop {
        let n = req.read_block(&mut buf);
        let failed = match n {
            n if n > 0 => parser.borrow_mut().parse(&buf[..n as usize]) != 0,
            0 => parser.borrow_mut().finish() != 0,
            _ => return ERROR,
        };
        if failed {
            let sess = req.session();
            let msg = parser.borrow().context().error();
            sess.set_error(&[b"Could not parse response: ", &msg]);
            sess.close_connection();
            return ERROR;
        }
        if n == 0 {
            return OK;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_xml;

    #[test]
    fn xml_types() {
        assert!(is_xml(b"text", b"XML"));
        assert!(is_xml(b"Application", b"xml"));
        assert!(is_xml(b"application", b"atom+xml"));
        assert!(!is_xml(b"application", b"+xml"));
        assert!(!is_xml(b"text", b"plain"));
        assert!(!is_xml(b"image", b"xml"));
    }
}
