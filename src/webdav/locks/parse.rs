//! activelock elements, in LOCK responses and in lockdiscovery
//! properties, read into [`Lock`] records as neon's handlers read them.

use std::cell::RefCell;
use std::rc::Rc;

use super::lock::{Lock, SCOPE_EXCLUSIVE, SCOPE_SHARED, TIMEOUT_INVALID, TYPE_WRITE};
use super::values::{parse_depth, parse_timeout};
use crate::debug::{LOCKS, put};
use crate::webdav::multistatus::STATE_PROP;
use crate::webdav::props::STATE_PROPS_TOP;
use crate::webdav::xml::{ABORT, Attrs, Context, DECLINE, Handler, ZStr, map_id};

// Element states, in the application range above the PROPFIND handlers'.
const FIRST: i32 = STATE_PROPS_TOP + 66;
const LOCKDISCOVERY: i32 = FIRST;
const ACTIVELOCK: i32 = FIRST + 1;
const LOCKSCOPE: i32 = FIRST + 2;
const LOCKTYPE: i32 = FIRST + 3;
const DEPTH: i32 = FIRST + 4;
const OWNER: i32 = FIRST + 5;
const TIMEOUT: i32 = FIRST + 6;
const LOCKTOKEN: i32 = FIRST + 7;
const LOCKINFO: i32 = FIRST + 8;
const WRITE: i32 = FIRST + 9;
const EXCLUSIVE: i32 = FIRST + 10;
const SHARED: i32 = FIRST + 11;
const HREF: i32 = FIRST + 12;
const PROP: i32 = STATE_PROP;

const ELEMENTS: &[(&str, &str, i32)] = &[
    ("DAV:", "lockdiscovery", LOCKDISCOVERY),
    ("DAV:", "activelock", ACTIVELOCK),
    ("DAV:", "prop", PROP),
    ("DAV:", "lockscope", LOCKSCOPE),
    ("DAV:", "locktype", LOCKTYPE),
    ("DAV:", "depth", DEPTH),
    ("DAV:", "owner", OWNER),
    ("DAV:", "timeout", TIMEOUT),
    ("DAV:", "locktoken", LOCKTOKEN),
    ("DAV:", "lockinfo", LOCKINFO),
    ("DAV:", "write", WRITE),
    ("DAV:", "exclusive", EXCLUSIVE),
    ("DAV:", "shared", SHARED),
    ("DAV:", "href", HREF),
];

/// The elements read, each under its parent (prop at the root).
fn can_accept(parent: i32, id: i32) -> bool {
    matches!(
        (parent, id),
        (0, PROP)
            | (PROP, LOCKDISCOVERY)
            | (LOCKDISCOVERY, ACTIVELOCK)
            | (
                ACTIVELOCK,
                LOCKSCOPE | LOCKTYPE | DEPTH | OWNER | TIMEOUT | LOCKTOKEN
            )
            | (LOCKSCOPE, EXCLUSIVE | SHARED)
            | (LOCKTYPE, WRITE)
            | (LOCKTOKEN, HREF)
    )
}

/// Character data of the current element, up to neon's 255 bytes: a
/// piece that would go beyond is dropped (later, smaller ones are not).
#[derive(Default)]
struct Cdata(Vec<u8>);

impl Cdata {
    const MAX: usize = 256;

    fn push(&mut self, text: &str) {
        // neon counts the buffer's NUL.
        if self.0.len() + 1 + text.len() < Self::MAX {
            self.0.extend_from_slice(text.as_bytes());
        }
    }
}

/// An element of an activelock ends: its content goes into the lock.
/// Err for a depth or timeout neon cannot read (the parse then fails).
fn end_common(l: &mut Lock, state: i32, cdata: &[u8]) -> Result<(), ()> {
    match state {
        WRITE => l.kind = TYPE_WRITE,
        EXCLUSIVE => l.scope = SCOPE_EXCLUSIVE,
        SHARED => l.scope = SCOPE_SHARED,
        DEPTH => {
            crate::debug!(LOCKS, |o| put(o, &[b"Got depth: ", cdata, b"\n"]));
            l.depth = parse_depth(cdata);
            if l.depth == -1 {
                return Err(());
            }
        }
        TIMEOUT => {
            crate::debug!(LOCKS, |o| put(o, &[b"Got timeout: ", cdata, b"\n"]));
            l.timeout = parse_timeout(cdata);
            if l.timeout == TIMEOUT_INVALID {
                return Err(());
            }
        }
        OWNER => l.owner = Some(cdata.to_vec()),
        HREF => l.token = Some(cdata.to_vec()),
        _ => {}
    }
    Ok(())
}

/// The state of a LOCK response's parse.
pub struct LockResponse {
    /// The Lock-Token header of the response, once its head is read.
    pub header: Option<Vec<u8>>,
    /// The token whose activelock is wanted: the refreshed lock's, or
    /// (for a new lock) the Lock-Token header's, read at the root element.
    pub token: Option<Vec<u8>>,
    /// The activelock being read, then the one found.
    pub active: Lock,
    pub found: bool,
    cdata: Cdata,
}

impl LockResponse {
    pub fn new(token: Option<Vec<u8>>) -> LockResponse {
        LockResponse {
            header: None,
            token,
            // neon's zeroed context: a timeout of 0 until an activelock.
            active: Lock {
                timeout: 0,
                ..Lock::default()
            },
            found: false,
            cdata: Cdata::default(),
        }
    }
}

/// The handler of a LOCK response (neon's lk_* callbacks).
pub struct LockHandler(pub Rc<RefCell<LockResponse>>);

/// A Lock-Token header's value as neon takes it: one leading '<' dropped,
/// then every leading and trailing '>'.
fn header_token(v: &[u8]) -> Vec<u8> {
    let v = v.strip_prefix(b"<").unwrap_or(v);
    let start = v.iter().position(|&c| c != b'>').unwrap_or(v.len());
    let end = v.iter().rposition(|&c| c != b'>').map_or(start, |e| e + 1);
    v[start..end.max(start)].to_vec()
}

impl Handler for LockHandler {
    fn start_element(
        &mut self,
        cx: &Context,
        parent: i32,
        nspace: ZStr<'_>,
        name: ZStr<'_>,
        _attrs: &Attrs<'_>,
    ) -> i32 {
        let mut ctx = self.0.borrow_mut();
        let id = map_id(ELEMENTS, &nspace, &name);
        crate::debug!(LOCKS, "lk_startelm: {} => {}\n", &*name, id);
        if id == 0 {
            return DECLINE;
        }
        if parent == 0 && ctx.token.is_none() {
            let Some(h) = ctx.header.as_deref() else {
                cx.set_error(b"LOCK response missing Lock-Token header");
                return ABORT;
            };
            let t = header_token(h);
            crate::debug!(LOCKS, |o| put(
                o,
                &[b"lk_startelm: Finding token ", &t, b"\n"]
            ));
            ctx.token = Some(t);
        }
        if !can_accept(parent, id) {
            return DECLINE;
        }
        if id == ACTIVELOCK && !ctx.found {
            ctx.active = Lock {
                depth: 0,
                ..Lock::default()
            };
        }
        ctx.cdata.0.clear();
        id
    }

    fn char_data(&mut self, _cx: &Context, _state: i32, text: &str) -> i32 {
        self.0.borrow_mut().cdata.push(text);
        0
    }

    fn end_element(&mut self, _cx: &Context, state: i32, _ns: ZStr<'_>, _name: ZStr<'_>) -> i32 {
        let mut guard = self.0.borrow_mut();
        let ctx = &mut *guard;
        if ctx.found {
            return 0;
        }
        if end_common(&mut ctx.active, state, &ctx.cdata.0).is_err() {
            return -1;
        }
        if state == ACTIVELOCK && ctx.active.token.is_some() && ctx.active.token == ctx.token {
            ctx.found = true;
        }
        0
    }
}

/// The lock being read for the current resource of a lockdiscovery
/// PROPFIND, shared with the results receiver that makes it.
pub type Current = Rc<RefCell<Option<Rc<RefCell<Lock>>>>>;

/// The handler of lockdiscovery properties (neon's ld_* callbacks).
pub struct DiscoveryHandler {
    pub current: Current,
    cdata: Cdata,
}

impl DiscoveryHandler {
    pub fn new(current: Current) -> DiscoveryHandler {
        DiscoveryHandler {
            current,
            cdata: Cdata::default(),
        }
    }
}

impl Handler for DiscoveryHandler {
    fn start_element(
        &mut self,
        _cx: &Context,
        parent: i32,
        nspace: ZStr<'_>,
        name: ZStr<'_>,
        _attrs: &Attrs<'_>,
    ) -> i32 {
        let id = map_id(ELEMENTS, &nspace, &name);
        // neon clears the text for every element it is offered.
        self.cdata.0.clear();
        if can_accept(parent, id) { id } else { DECLINE }
    }

    fn char_data(&mut self, _cx: &Context, _state: i32, text: &str) -> i32 {
        self.cdata.push(text);
        0
    }

    fn end_element(&mut self, _cx: &Context, state: i32, _ns: ZStr<'_>, _name: ZStr<'_>) -> i32 {
        let Some(lock) = self.current.borrow().clone() else {
            return 0;
        };
        match end_common(&mut lock.borrow_mut(), state, &self.cdata.0) {
            Ok(()) => 0,
            Err(()) => -1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::header_token;

    #[test]
    fn lock_token_headers() {
        assert_eq!(header_token(b"<opaquelocktoken:a>"), b"opaquelocktoken:a");
        assert_eq!(header_token(b"opaquelocktoken:a"), b"opaquelocktoken:a");
        assert_eq!(header_token(b"<<x>>"), b"<x");
        assert_eq!(header_token(b">>x>"), b"x");
        assert_eq!(header_token(b"<>"), b"");
        assert_eq!(header_token(b""), b"");
    }
}
