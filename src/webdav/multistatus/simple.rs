//! neon's ne_simple_request: dispatch a request whose success is a 2xx
//! response, or a 207 whose every status is 2xx; the failures a 207 lists
//! become the session error.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Abort, Callbacks, Multistatus, Status};
use crate::http::codes::{ERROR, OK};
use crate::http::{Request, Session};
use crate::uri::{self, Uri};
use crate::webdav::request::{Failed, accept_207, outcome, xml_reader};
use crate::webdav::xml::{Context, Parser, ZStr};

/// The failures of a multistatus, as neon words them for the session
/// error: "<href>: <code> <reason>\n", then " -> <description>\n" if there
/// is one, for each response or propstat whose status is not 2xx. 424
/// (Failed Dependency) is skipped: the failure it depends on is listed.
#[derive(Default, Debug)]
pub struct ErrorList {
    href: Vec<u8>,
    text: Vec<u8>,
    is_error: bool,
}

impl ErrorList {
    /// Whether a failure was listed.
    pub fn is_error(&self) -> bool {
        self.is_error
    }

    /// The list.
    pub fn text(&self) -> &[u8] {
        &self.text
    }

    /// The href the next notes are for.
    pub fn set_href(&mut self, href: Vec<u8>) {
        self.href = href;
    }

    /// Lists the status if it is a failure (with the description).
    pub fn note(&mut self, status: Option<&Status>, description: Option<ZStr<'_>>) {
        let Some(st) = status else { return };
        if st.klass == 2 || st.code == 424 {
            return;
        }
        self.is_error = true;
        let t = &mut self.text;
        t.extend_from_slice(&self.href);
        t.extend_from_slice(format!(": {} ", st.code).as_bytes());
        t.extend_from_slice(st.reason());
        t.push(b'\n');
        if let Some(d) = description {
            t.extend_from_slice(b" -> ");
            t.extend_from_slice(d.as_bytes());
            t.push(b'\n');
        }
    }
}

/// The list filled in by a parse, shared with the caller.
struct Collector(Rc<RefCell<ErrorList>>);

impl Callbacks for Collector {
    type Response = ();
    type Propstat = ();

    fn start_response(&mut self, _cx: &Context, uri: &Uri) -> Option<()> {
        self.0.borrow_mut().href = uri::unparse(uri);
        Some(())
    }

    fn end_response(
        &mut self,
        _cx: &Context,
        _r: (),
        status: Option<&Status>,
        description: Option<ZStr<'_>>,
    ) {
        self.0.borrow_mut().note(status, description);
    }

    fn start_propstat(&mut self, _cx: &Context, _r: &mut ()) -> Result<Option<()>, Abort> {
        Ok(None)
    }

    fn end_propstat(
        &mut self,
        _cx: &Context,
        _r: Option<&mut ()>,
        _p: Option<()>,
        status: Option<&Status>,
        description: Option<ZStr<'_>>,
    ) {
        self.0.borrow_mut().note(status, description);
    }
}

/// Dispatches `req`, reading a 207 response's body for failures, then
/// frees it. Fails for a dispatch error, a response other than 2xx, or a
/// 207 whose body is malformed or lists a failure (the session error is
/// then that list). Hrefs are resolved against the server's root, as
/// neon does.
pub fn simple_request(sess: &Rc<Session>, req: Box<Request>) -> Result<(), Failed> {
    let mut base = sess.server_uri();
    base.path = Some(b"/".to_vec());
    let list = Rc::new(RefCell::new(ErrorList::default()));
    let parser = Rc::new(RefCell::new(Parser::new()));
    parser
        .borrow_mut()
        .push_handler(Box::new(Multistatus::new(base, Collector(list.clone()))));
    req.add_reader(accept_207(), xml_reader(&parser));

    let mut ret = req.dispatch();
    if ret == OK {
        if req.status.code.get() == 207 {
            let p = parser.borrow();
            if p.failed() != 0 {
                sess.set_error(&[&p.context().error()]);
                ret = ERROR;
            } else if list.borrow().is_error {
                sess.set_error(&[list.borrow().text()]);
                ret = ERROR;
            }
        } else if req.status.klass.get() != 2 {
            ret = ERROR;
        }
    }
    req.destroy();
    drop(req);
    outcome(ret)
}
