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
    default_ns: Option<Uri>,
}

#[derive(Default)]
struct Scopes {
    bindings: Vec<(Box<str>, Uri)>,
    frames: Vec<Frame>,
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
            default_ns: Some(Uri::new("")),
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

    pub(crate) fn set_encoding(&self, enc: &str) {
        *self.encoding.borrow_mut() = Some(Uri::new(enc));
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
        s.frames
            .iter()
            .rev()
            .find_map(|f| f.default_ns.clone())
            .unwrap_or_else(|| Uri::new(""))
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

    /// Opens an element's scope with the declarations among its attributes.
    /// Err(()) for a declaration neon refuses (a prefix that is empty or
    /// starts with '-', '.' or a digit, or an empty URI).
    pub(crate) fn open(&self, attrs: &Attrs<'_>) -> Result<(), ()> {
        let mut s = self.scopes.borrow_mut();
        let first = s.bindings.len();
        s.frames.push(Frame {
            first,
            default_ns: None,
        });
        for (n, v) in attrs.iter() {
            if n.as_str() == "xmlns" {
                s.frames.last_mut().expect("frame").default_ns = Some(Uri::new(&v));
            } else if let Some(prefix) = n.strip_prefix("xmlns:") {
                if invalid_ncname(prefix) || v.is_empty() {
                    return Err(());
                }
                s.bindings.push((prefix.into(), Uri::new(&v)));
            }
        }
        Ok(())
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

/// neon's partial NCName check: refuses an empty name and the start
/// characters '-', '.' and digits.
pub(crate) fn invalid_ncname(s: &str) -> bool {
    matches!(s.as_bytes().first(), None | Some(b'-' | b'.' | b'0'..=b'9'))
}
