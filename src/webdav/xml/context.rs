//! What handlers may consult during a parse (neon's functions that take
//! the parser inside callbacks): the line, the namespaces in scope,
//! attribute lookup, and the error string. Shared by reference count, so a
//! C face can answer these calls while the parser itself is busy.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::attrs::{Attrs, ZStr};

/// neon's error buffer size: messages are cut to 2047 bytes.
pub const ERROR_SIZE: usize = 2048;

/// A namespace URI kept with a trailing NUL at a fixed address while the
/// element that declared it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uri(Rc<str>);

impl Uri {
    pub(crate) fn new(s: &str) -> Uri {
        let mut owned = String::with_capacity(s.len() + 1);
        owned.push_str(s);
        owned.push('\0');
        Uri(Rc::from(owned))
    }

    pub fn as_str(&self) -> &str {
        &self.0[..self.0.len() - 1]
    }

    pub fn as_zstr(&self) -> ZStr<'_> {
        ZStr::new(&self.0)
    }
}

struct Frame {
    /// Where this element's prefix bindings start in `Scopes::bindings`.
    first: usize,
    /// The default namespace in effect (declared here or inherited).
    default_ns: Uri,
}

/// Recent strings kept shared, so that the declarations every response of
/// a multistatus repeats cost no allocation.
const INTERNED: usize = 16;

#[derive(Default)]
struct Scopes {
    bindings: Vec<(Rc<str>, Uri)>,
    frames: Vec<Frame>,
    uris: Vec<Uri>,
    prefixes: Vec<Rc<str>>,
}

impl Scopes {
    fn uri(&mut self, v: &str) -> Uri {
        if let Some(u) = self.uris.iter().find(|u| u.as_str() == v) {
            return u.clone();
        }
        let u = Uri::new(v);
        if self.uris.len() == INTERNED {
            self.uris.remove(0);
        }
        self.uris.push(u.clone());
        u
    }

    /// Opens an element's scope with the declarations among its
    /// attributes. Err(()) for a declaration neon refuses (a prefix that
    /// is empty or starts with '-', '.' or a digit, or an empty URI).
    fn open(&mut self, attrs: &Attrs<'_>) -> Result<(), ()> {
        let first = self.bindings.len();
        let default_ns = self
            .frames
            .last()
            .expect("document frame")
            .default_ns
            .clone();
        self.frames.push(Frame { first, default_ns });
        if attrs.is_empty() {
            return Ok(());
        }
        for (n, v) in attrs.iter() {
            if !n.starts_with("xmlns") {
                continue;
            }
            if n.as_str() == "xmlns" {
                let u = self.uri(&v);
                self.frames.last_mut().expect("frame").default_ns = u;
            } else if let Some(prefix) = n.strip_prefix("xmlns:") {
                if invalid_ncname(prefix) || v.is_empty() {
                    return Err(());
                }
                let (p, u) = (self.prefix(prefix), self.uri(&v));
                self.bindings.push((p, u));
            }
        }
        Ok(())
    }

    fn prefix(&mut self, p: &str) -> Rc<str> {
        if let Some(r) = self.prefixes.iter().find(|r| &***r == p) {
            return r.clone();
        }
        let r: Rc<str> = Rc::from(p);
        if self.prefixes.len() == INTERNED {
            self.prefixes.remove(0);
        }
        self.prefixes.push(r.clone());
        r
    }
}

pub struct Context {
    line: Cell<u32>,
    failure: Cell<i32>,
    error: RefCell<Box<[u8]>>,
    encoding: RefCell<Option<Uri>>,
    scopes: RefCell<Scopes>,
}

impl Context {
    pub(crate) fn new() -> Context {
        let cx = Context {
            line: Cell::new(1),
            failure: Cell::new(0),
            error: RefCell::new(vec![0u8; ERROR_SIZE].into_boxed_slice()),
            encoding: RefCell::new(None),
            scopes: RefCell::new(Scopes::default()),
        };
        cx.set_error(b"Unknown error");
        // The document level: default namespace "" (neon's root placeholder).
        cx.scopes.borrow_mut().frames.push(Frame {
            first: 0,
            default_ns: Uri::new(""),
        });
        cx
    }

    /// The current line of the document.
    pub fn line(&self) -> u32 {
        self.line.get()
    }

    pub(crate) fn set_line(&self, line: u32) {
        self.line.set(line);
    }

    /// Non-zero once the parse failed: 1 for a syntax error, else what the
    /// callback that aborted returned.
    pub fn failure(&self) -> i32 {
        self.failure.get()
    }

    pub(crate) fn set_failure(&self, f: i32) {
        self.failure.set(f);
    }

    /// Sets the error string (cut to 2047 bytes).
    pub fn set_error(&self, msg: &[u8]) {
        let mut e = self.error.borrow_mut();
        let n = msg.len().min(ERROR_SIZE - 1);
        e[..n].copy_from_slice(&msg[..n]);
        e[n] = 0;
    }

    /// The error string.
    pub fn error(&self) -> Vec<u8> {
        let e = self.error.borrow();
        let n = e.iter().position(|&b| b == 0).unwrap_or(0);
        e[..n].to_vec()
    }

    /// Address of the NUL-terminated error string (fixed for the parser's life).
    pub fn error_ptr(&self) -> *const u8 {
        self.error.borrow().as_ptr()
    }

    /// The encoding the XML declaration named, if any.
    pub fn encoding(&self) -> Option<Uri> {
        self.encoding.borrow().clone()
    }

    pub(crate) fn set_encoding(&self, enc: Option<&str>) {
        *self.encoding.borrow_mut() = enc.map(Uri::new);
    }

    /// The namespace URI bound to `prefix` in the current element, or None.
    pub fn resolve(&self, prefix: &[u8]) -> Option<Uri> {
        let s = self.scopes.borrow();
        s.bindings
            .iter()
            .rev()
            .find(|(p, _)| p.as_bytes() == prefix)
            .map(|(_, u)| u.clone())
    }

    /// The default namespace of the current element ("" if none).
    pub fn default_namespace(&self) -> Uri {
        let s = self.scopes.borrow();
        s.frames.last().expect("document frame").default_ns.clone()
    }

    /// neon's attribute lookup: without `nspace`, the unprefixed attribute
    /// `name`; with it, a prefixed attribute whose local part is `name`
    /// and whose prefix resolves to `nspace`.
    pub fn attr<'a>(
        &self,
        attrs: &Attrs<'a>,
        nspace: Option<&str>,
        name: &str,
    ) -> Option<ZStr<'a>> {
        for (n, v) in attrs.iter() {
            let colon = n.find(':');
            match (nspace, colon) {
                (None, None) if n.as_str() == name => return Some(v),
                (Some(ns), Some(c))
                    if &n[c + 1..] == name
                        && self
                            .resolve(&n.as_bytes()[..c])
                            .is_some_and(|u| u.as_str() == ns) =>
                {
                    return Some(v);
                }
                _ => {}
            }
        }
        None
    }

    /// Opens an element's scope (as `open`) and gives the element's
    /// namespace: the URI its prefix is bound to, or the default one.
    pub(crate) fn enter(&self, attrs: &Attrs<'_>, prefix: Option<&str>) -> Result<Uri, NsError> {
        let mut s = self.scopes.borrow_mut();
        s.open(attrs).map_err(|()| NsError::Declaration)?;
        match prefix {
            None => Ok(s.frames.last().expect("frame").default_ns.clone()),
            Some(p) => s
                .bindings
                .iter()
                .rev()
                // The first byte settles most comparisons cheaply.
                .find(|(b, _)| b.as_bytes().first() == p.as_bytes().first() && &**b == p)
                .map(|(_, u)| u.clone())
                .ok_or(NsError::Undeclared),
        }
    }

    /// Closes the innermost element's scope.
    pub(crate) fn close(&self) {
        let mut s = self.scopes.borrow_mut();
        if s.frames.len() > 1 {
            let f = s.frames.pop().expect("frame");
            s.bindings.truncate(f.first);
        }
    }
}

/// Why an element's namespace cannot be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NsError {
    /// A declaration neon refuses.
    Declaration,
    /// A prefix no declaration binds.
    Undeclared,
}

/// neon's partial NCName check: refuses an empty name and the start
/// characters '-', '.' and digits.
pub(crate) fn invalid_ncname(s: &str) -> bool {
    matches!(s.as_bytes().first(), None | Some(b'-' | b'.' | b'0'..=b'9'))
}
