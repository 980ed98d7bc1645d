//! The locking methods: LOCK (new and refresh), UNLOCK, and lock
//! discovery through PROPFIND.

use std::cell::RefCell;
use std::rc::Rc;

use super::attach::{using_parent, using_resource};
use super::body::lockinfo;
use super::dispatch::xml_dispatch;
use super::lock::{DEPTH_ZERO, Granted, Lock};
use super::parse::{Current, DiscoveryHandler, LockHandler, LockResponse};
use super::values::timeout_header;
use crate::http::Session;
use crate::http::codes::{ERROR, OK, reqflag};
use crate::uri::Uri;
use crate::webdav::props::{PropName, Propfind, ResultSet, Results, StatusRecord};
use crate::webdav::request::{Failed, XML_MEDIA_TYPE, new_request, outcome, set_body};
use crate::webdav::xml::Parser;

/// A token as C's %s prints it.
fn shown(t: Option<&[u8]>) -> &[u8] {
    t.unwrap_or(b"(null)")
}

/// LOCK `lk.uri`'s path with the lock's scope, owner, depth and timeout,
/// submitting the locks of a registered store that cover the resource
/// and its parent. Succeeds with the activelock the Lock-Token header
/// names; a 207 or a response without that activelock fails.
pub fn lock(sess: &Rc<Session>, lk: &Lock) -> Result<Granted, Failed> {
    let path = lk.path();
    let req = new_request(sess, b"LOCK", path);
    req.set_flag(reqflag::IDEMPOTENT, 0);
    let ctx = Rc::new(RefCell::new(LockResponse::new(None)));
    let parser = Rc::new(RefCell::new(Parser::new()));
    parser
        .borrow_mut()
        .push_handler(Box::new(LockHandler(ctx.clone())));
    set_body(&req, lockinfo(lk.scope, lk.owner.as_deref()));
    req.add_header(b"Content-Type", XML_MEDIA_TYPE);
    crate::basic::add_depth_header(&req, lk.depth);
    if let Some(t) = timeout_header(lk.timeout) {
        req.add_header(b"Timeout", &t);
    }
    // The parent only matters for a new (lock-null) resource, but whether
    // it is one is not known.
    using_parent(&req, path);
    using_resource(&req, path, lk.depth);
    let ret = xml_dispatch(&req, &parser, |r| {
        ctx.borrow_mut().header = r.response_header(b"Lock-Token");
    });
    let (code, klass) = (req.status.code.get(), req.status.klass.get());
    req.destroy();
    drop(req);
    if ret != OK {
        return Err(Failed(ret));
    }
    if klass != 2 || code == 207 {
        return Err(Failed(ERROR));
    }
    let mut ctx = ctx.borrow_mut();
    match (ctx.found, ctx.token.take()) {
        (true, Some(token)) => Ok(Granted {
            token,
            active: std::mem::take(&mut ctx.active),
        }),
        (_, token) => {
            sess.set_error(&[b"Response missing activelock for ", shown(token.as_deref())]);
            Err(Failed(ERROR))
        }
    }
}

/// Refreshes the lock (LOCK with only its token in an If header, and its
/// timeout if any): the new timeout the server gives.
pub fn refresh(sess: &Rc<Session>, lk: &Lock) -> Result<i64, Failed> {
    let req = new_request(sess, b"LOCK", lk.path());
    let ctx = Rc::new(RefCell::new(LockResponse::new(lk.token.clone())));
    let parser = Rc::new(RefCell::new(Parser::new()));
    parser
        .borrow_mut()
        .push_handler(Box::new(LockHandler(ctx.clone())));
    let token = shown(lk.token.as_deref());
    req.add_header(b"If", &[b"(<", token, b">)"].concat());
    if let Some(t) = timeout_header(lk.timeout) {
        req.add_header(b"Timeout", &t);
    }
    let ret = xml_dispatch(&req, &parser, |r| {
        ctx.borrow_mut().header = r.response_header(b"Lock-Token");
    });
    let klass = req.status.klass.get();
    req.destroy();
    drop(req);
    if ret != OK {
        return Err(Failed(ret));
    }
    if klass != 2 {
        return Err(Failed(ERROR));
    }
    let ctx = ctx.borrow();
    if !ctx.found {
        sess.set_error(&[
            b"No activelock for <",
            token,
            b"> returned in LOCK refresh response",
        ]);
        return Err(Failed(ERROR));
    }
    Ok(ctx.active.timeout)
}

/// UNLOCK the lock. An UNLOCK of a lock-null resource removes it from its
/// collection, so the parent's locks are submitted.
pub fn unlock(sess: &Rc<Session>, lk: &Lock) -> Result<(), Failed> {
    let path = lk.path();
    let req = new_request(sess, b"UNLOCK", path);
    req.add_header(
        b"Lock-Token",
        &[b"<", shown(lk.token.as_deref()), b">"].concat(),
    );
    using_parent(&req, path);
    let mut ret = req.dispatch();
    if ret == OK && req.status.klass.get() != 2 {
        ret = ERROR;
    }
    req.destroy();
    outcome(ret)
}

/// What lock discovery reports for one resource: its lock (token, at
/// least, filled in), or the failure status of its lockdiscovery.
pub type Found<'a> = Result<&'a Lock, &'a StatusRecord>;

/// The results receiver of a discovery PROPFIND.
struct Discovery<F> {
    current: Current,
    found: F,
}

impl<F: FnMut(Found<'_>, &Uri) + 'static> Results for Discovery<F> {
    type Private = Rc<RefCell<Lock>>;

    fn create(&mut self, uri: &Uri) -> Option<Self::Private> {
        let lock = Rc::new(RefCell::new(Lock {
            uri: uri.clone(),
            ..Lock::default()
        }));
        *self.current.borrow_mut() = Some(lock.clone());
        Some(lock)
    }

    fn destroy(&mut self, _private: Self::Private) {
        *self.current.borrow_mut() = None;
    }

    fn results(&mut self, set: &ResultSet<Self::Private>) {
        let status = set
            .find(Some(b"DAV:"), b"lockdiscovery")
            .map(|p| *p.status());
        if let Some(lock) = set.private() {
            let lock = lock.borrow();
            // At least a token is required.
            if lock.token.is_some() {
                match status {
                    Some(st) if st.klass != 2 => (self.found)(Err(&st), set.uri()),
                    _ => (self.found)(Ok(&lock), set.uri()),
                }
            } else if let Some(st) = status {
                (self.found)(Err(&st), set.uri());
            }
        }
        crate::debug!(crate::debug::LOCKS, |o| crate::debug::put(
            o,
            &[b"End of response for ", set.uri().path(), b"\n"]
        ));
    }
}

/// Discovers the locks on `path` (PROPFIND of lockdiscovery, depth 0):
/// `found` is called for each resource of the response with its lock or
/// the failure status.
pub fn discover<F: FnMut(Found<'_>, &Uri) + 'static>(
    sess: &Rc<Session>,
    path: &[u8],
    found: F,
) -> Result<(), Failed> {
    let current: Current = Rc::new(RefCell::new(None));
    let pf = Propfind::new(
        sess,
        path,
        DEPTH_ZERO,
        Discovery {
            current: current.clone(),
            found,
        },
    );
    pf.parser()
        .borrow_mut()
        .push_handler(Box::new(DiscoveryHandler::new(current)));
    pf.named(&[PropName {
        nspace: Some(b"DAV:"),
        name: b"lockdiscovery",
    }])
}
