//! PROPFIND: the request, and the handlers that turn its 207 response into
//! one [`ResultSet`] per resource, handed to the caller and freed as each
//! response ends.
//!
//! Two handlers share the state: the multistatus parser at the bottom of
//! the XML parser's stack, and, pushed when the request is dispatched (so
//! above any the caller pushed for structured properties), the handler of
//! "flat" properties, which takes every child of `prop` no other handler
//! took and keeps its content as text, nested elements written back as
//! `<{nspace}name attr='value'>…</{nspace}name>`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::body::{self, PropName};
use super::results::ResultSet;
use super::value::ValueBuf;
use crate::http::codes::{ERROR, OK, sessflag};
use crate::http::{Request, Session};
use crate::uri::Uri;
use crate::webdav::multistatus::{
    Abort, Callbacks, MSSP_ESCAPING, Multistatus, STATE_PROP, STATE_TOP, Status, keeps_text,
};
use crate::webdav::request::{
    Failed, XML_MEDIA_TYPE, accept_207, new_request, outcome, set_body, xml_reader,
};
use crate::webdav::xml::{ABORT, Attrs, Context, DECLINE, Handler, Parser, ZStr};

/// The state of a flat property and of the elements inside it.
pub const STATE_FLATPROP: i32 = STATE_TOP - 1;
/// States below this are the PROPFIND handlers' (NE_PROPS_STATE_TOP).
pub const STATE_PROPS_TOP: i32 = STATE_TOP + 100;

/// neon's limit on propstats and properties per resource, against a
/// server that would exhaust memory.
const MAX_PROPS: u32 = 1024;
const TOO_MANY: &[u8] = b"Response exceeds maximum property count";

/// What the caller of a PROPFIND is told.
pub trait Results: 'static {
    /// The caller's value kept with each resource's results.
    type Private: Clone + 'static;

    /// A resource starts (neon's creator): its private value, if any.
    fn create(&mut self, _uri: &Uri) -> Option<Self::Private> {
        None
    }

    /// A resource's results are freed (neon's destructor).
    fn destroy(&mut self, _private: Self::Private) {}

    /// The results for one resource, if it had at least one propstat.
    fn results(&mut self, set: &ResultSet<Self::Private>);
}

/// The multistatus callbacks of a PROPFIND and the flat-property state.
struct Builder<R: Results> {
    results: R,
    value: ValueBuf,
    /// Nesting depth inside the current flat property.
    depth: u32,
    /// The storage of the last set, for the next one.
    spare: Option<Box<ResultSet<R::Private>>>,
    /// The current resource's private value (neon's
    /// ne_propfind_current_private), readable during callbacks.
    current: Rc<RefCell<Option<R::Private>>>,
    flags: u32,
}

type Shared<R> = Rc<RefCell<Multistatus<Builder<R>>>>;

impl<R: Results> Callbacks for Builder<R> {
    type Response = Box<ResultSet<R::Private>>;
    type Propstat = u32;

    fn start_response(&mut self, _cx: &Context, uri: &Uri) -> Option<Self::Response> {
        let mut set = self.spare.take().unwrap_or_default();
        set.reset(uri);
        set.private = self.results.create(set.uri());
        *self.current.borrow_mut() = set.private.clone();
        Some(set)
    }

    fn end_response(
        &mut self,
        _cx: &Context,
        mut set: Self::Response,
        _status: Option<&Status>,
        _description: Option<ZStr<'_>>,
    ) {
        set.finish();
        if set.propstats() > 0 {
            self.results.results(&set);
        }
        if let Some(p) = set.private.take() {
            self.results.destroy(p);
        }
        *self.current.borrow_mut() = None;
        self.spare = Some(set);
    }

    fn start_propstat(
        &mut self,
        cx: &Context,
        set: &mut Self::Response,
    ) -> Result<Option<u32>, Abort> {
        set.counter += 1;
        if set.counter == MAX_PROPS {
            cx.set_error(TOO_MANY);
            return Err(Abort);
        }
        Ok(Some(set.add_propstat()))
    }

    fn end_propstat(
        &mut self,
        _cx: &Context,
        set: Option<&mut Self::Response>,
        pstat: Option<u32>,
        status: Option<&Status>,
        _description: Option<ZStr<'_>>,
    ) {
        // Without a status the properties keep their values and the
        // propstat's status stays zero.
        if let (Some(set), Some(pstat), Some(st)) = (set, pstat, status) {
            set.end_propstat(pstat, st);
        }
    }

    fn flags(&self) -> u32 {
        self.flags
    }
}

/// The multistatus parser's place on the stack.
struct MultistatusEntry<R: Results>(Shared<R>);

impl<R: Results> Handler for MultistatusEntry<R> {
    fn start_element(
        &mut self,
        cx: &Context,
        parent: i32,
        nspace: ZStr<'_>,
        name: ZStr<'_>,
        attrs: &Attrs<'_>,
    ) -> i32 {
        self.0
            .borrow_mut()
            .start_element(cx, parent, nspace, name, attrs)
    }

    fn char_data(&mut self, cx: &Context, state: i32, text: &str) -> i32 {
        // Most text here is white space between elements, in states that
        // keep none: not worth a borrow.
        if !keeps_text(state) {
            return 0;
        }
        self.0.borrow_mut().char_data(cx, state, text)
    }

    fn end_element(&mut self, cx: &Context, state: i32, nspace: ZStr<'_>, name: ZStr<'_>) -> i32 {
        self.0.borrow_mut().end_element(cx, state, nspace, name)
    }
}

/// The flat-property handler's place on the stack.
struct FlatEntry<R: Results>(Shared<R>);

impl<R: Results> Handler for FlatEntry<R> {
    fn start_element(
        &mut self,
        cx: &Context,
        parent: i32,
        nspace: ZStr<'_>,
        name: ZStr<'_>,
        attrs: &Attrs<'_>,
    ) -> i32 {
        let mut ms = self.0.borrow_mut();
        // Only children of prop (and what they hold) inside a propstat.
        let Some(&pstat) = ms.current_propstat() else {
            return DECLINE;
        };
        if parent != STATE_PROP && parent != STATE_FLATPROP {
            return DECLINE;
        }
        let (set, b) = ms.response_and_callbacks();
        if parent == STATE_FLATPROP {
            b.depth += 1;
            nested_start(cx, &mut b.value, &nspace, &name, attrs);
            return STATE_FLATPROP;
        }
        let Some(set) = set else {
            return DECLINE;
        };
        set.counter += 1;
        if set.counter == MAX_PROPS {
            cx.set_error(TOO_MANY);
            return ABORT;
        }
        // neon asks for an unprefixed attribute named "xml:lang", which
        // cannot exist; the lookup is kept for fidelity.
        let lang = cx.attr(attrs, None, "xml:lang");
        let ns = (!nspace.is_empty()).then(|| nspace.as_bytes());
        set.add_prop(
            pstat,
            ns,
            name.as_bytes(),
            lang.map(|l| l.as_str().as_bytes()),
        );
        b.depth = 0;
        STATE_FLATPROP
    }

    fn char_data(&mut self, _cx: &Context, state: i32, text: &str) -> i32 {
        if state != STATE_FLATPROP {
            return 0;
        }
        let mut ms = self.0.borrow_mut();
        let b = ms.callbacks_mut();
        if state == STATE_FLATPROP && b.value.takes_text() {
            b.value.concat(&[text.as_bytes()]);
        }
        0
    }

    fn end_element(&mut self, _cx: &Context, _state: i32, nspace: ZStr<'_>, name: ZStr<'_>) -> i32 {
        let mut ms = self.0.borrow_mut();
        let (set, b) = ms.response_and_callbacks();
        if b.depth > 0 {
            if b.value.takes_markup() {
                b.value
                    .concat(&[b"</", nspace.as_bytes(), name.as_bytes(), b">"]);
            }
            b.depth -= 1;
        } else {
            if let Some(set) = set {
                set.set_last_value(b.value.as_bytes());
            }
            b.value.reset();
        }
        0
    }
}

/// A start tag inside a flat property, written into its value as neon
/// writes it: the namespace URI glued to the name, attributes with their
/// prefix replaced by its URI (kept when it does not resolve), values
/// single-quoted as they are.
fn nested_start(cx: &Context, v: &mut ValueBuf, nspace: &str, name: &str, attrs: &Attrs<'_>) {
    if !v.takes_markup() {
        return;
    }
    v.concat(&[b"<", nspace.as_bytes(), name.as_bytes()]);
    for (n, val) in attrs.iter() {
        if !v.takes_markup() {
            break;
        }
        let resolved = n
            .find(':')
            .and_then(|c| cx.resolve(&n.as_bytes()[..c]).map(|u| (u, c)));
        match resolved {
            Some((uri, c)) => v.concat(&[
                b" ",
                uri.as_str().as_bytes(),
                &n.as_bytes()[c + 1..],
                b"='",
                val.as_bytes(),
                b"'",
            ]),
            None => v.concat(&[b" ", n.as_bytes(), b"='", val.as_bytes(), b"'"]),
        }
    }
    v.concat(&[b">"]);
}

/// A PROPFIND of a resource or a tree (neon's ne_propfind_handler).
pub struct Propfind<R: Results> {
    sess: Rc<Session>,
    req: Option<Box<Request>>,
    parser: Rc<RefCell<Parser>>,
    shared: Shared<R>,
    current: Rc<RefCell<Option<R::Private>>>,
    body: RefCell<Vec<u8>>,
    has_props: Cell<bool>,
}

impl<R: Results> Propfind<R> {
    /// A PROPFIND of `path` with the given Depth (NE_DEPTH_*), whose
    /// results go to `results`. Hrefs are resolved against the server's
    /// URI with `path`.
    pub fn new(sess: &Rc<Session>, path: &[u8], depth: i32, results: R) -> Propfind<R> {
        let mut base = sess.server_uri();
        base.path = Some(path.to_vec());
        let current = Rc::new(RefCell::new(None));
        let builder = Builder {
            results,
            value: ValueBuf::default(),
            depth: 0,
            spare: None,
            current: current.clone(),
            flags: if sess.flag(sessflag::SHAREPOINT) != 0 {
                MSSP_ESCAPING
            } else {
                0
            },
        };
        let shared = Rc::new(RefCell::new(Multistatus::new(base, builder)));
        let parser = Rc::new(RefCell::new(Parser::new()));
        parser
            .borrow_mut()
            .push_handler(Box::new(MultistatusEntry(shared.clone())));
        let req = new_request(sess, b"PROPFIND", path);
        crate::basic::add_depth_header(&req, depth);
        Propfind {
            sess: sess.clone(),
            req: Some(req),
            parser,
            shared,
            current,
            body: RefCell::new(body::PROPFIND_HEAD.to_vec()),
            has_props: Cell::new(false),
        }
    }

    /// The XML parser, for handlers of structured properties.
    pub fn parser(&self) -> &Rc<RefCell<Parser>> {
        &self.parser
    }

    /// The request (for extra headers; not for its body).
    pub fn request(&self) -> &Request {
        self.req.as_deref().expect("request lives until drop")
    }

    /// The private value of the resource being parsed, if any.
    pub fn current_private(&self) -> Option<R::Private> {
        self.current.try_borrow().ok()?.clone()
    }

    /// Runs `f` on the results receiver (None while a callback of this
    /// PROPFIND is running).
    pub fn with_results<T>(&self, f: impl FnOnce(&mut R) -> T) -> Option<T> {
        let mut ms = self.shared.try_borrow_mut().ok()?;
        Some(f(&mut ms.callbacks_mut().results))
    }

    /// Fetches every property (allprop).
    pub fn allprop(&self) -> Result<(), Failed> {
        self.body.borrow_mut().extend_from_slice(body::ALLPROP_TAIL);
        self.run()
    }

    /// Fetches the named properties.
    pub fn named(&self, names: &[PropName<'_>]) -> Result<(), Failed> {
        let mut has = self.has_props.get();
        body::push_names(&mut self.body.borrow_mut(), &mut has, names);
        self.has_props.set(has);
        self.body.borrow_mut().extend_from_slice(body::NAMED_TAIL);
        self.run()
    }

    /// Fetches the names of the properties (propname).
    pub fn propnames(&self) -> Result<(), Failed> {
        self.body
            .borrow_mut()
            .extend_from_slice(body::PROPNAME_TAIL);
        self.run()
    }

    /// Pushes the flat-property handler (above the caller's handlers).
    pub(super) fn push_flat_handler(&self) -> Result<(), Failed> {
        self.parser
            .try_borrow_mut()
            .map_err(|_| Failed(ERROR))?
            .push_handler(Box::new(FlatEntry(self.shared.clone())));
        Ok(())
    }

    fn run(&self) -> Result<(), Failed> {
        let req = self.req.as_deref().expect("request lives until drop");
        self.push_flat_handler()?;
        set_body(req, self.body.borrow().clone());
        req.add_header(b"Content-Type", XML_MEDIA_TYPE);
        req.add_reader(accept_207(), xml_reader(&self.parser));
        let ret = req.dispatch();
        if ret == OK && req.status.klass.get() != 2 {
            return Err(Failed(ERROR));
        }
        let failed = self.parser.try_borrow().map_or(0, |p| p.failed());
        if failed != 0 {
            let msg = self.parser.borrow().context().error();
            self.sess.set_error(&[&msg]);
            return Err(Failed(ERROR));
        }
        outcome(ret)
    }
}

impl<R: Results> Drop for Propfind<R> {
    fn drop(&mut self) {
        // A resource whose response did not end is freed as neon frees it.
        if let Ok(mut ms) = self.shared.try_borrow_mut() {
            if let Some(mut set) = ms.take_response() {
                if let Some(p) = set.private.take() {
                    ms.callbacks_mut().results.destroy(p);
                }
            }
        }
        *self.current.borrow_mut() = None;
        if let Some(req) = self.req.take() {
            req.destroy();
        }
    }
}

/// PROPFIND `path` for the named properties, or all (`names` None), and
/// hand each resource's results to `results` (ne_simple_propfind).
pub fn simple_propfind<R: Results>(
    sess: &Rc<Session>,
    path: &[u8],
    depth: i32,
    names: Option<&[PropName<'_>]>,
    results: R,
) -> Result<(), Failed> {
    let pf = Propfind::new(sess, path, depth, results);
    match names {
        Some(n) => pf.named(n),
        None => pf.allprop(),
    }
}

/// PROPFIND `path` for the names of its properties (ne_propnames).
pub fn propnames<R: Results>(
    sess: &Rc<Session>,
    path: &[u8],
    depth: i32,
    results: R,
) -> Result<(), Failed> {
    Propfind::new(sess, path, depth, results).propnames()
}
