//! A lock store on a session (neon's ne_lockstore_register): each request
//! gets a list of the locks it must submit, filled by
//! [`using_resource`]/[`using_parent`] before it is sent, and written as an
//! If header by the pre_send hook. The engine knows nothing of locks: this
//! is all hooks and request extensions.

use std::cell::RefCell;
use std::rc::Rc;

use super::store::{Held, Store, covers_parent, covers_resource};
use crate::http::codes::sessflag;
use crate::http::{Request, Session, ZStr};
use crate::text::case::casecmp;
use crate::uri;

/// neon's hook id, also our extension key.
pub const HOOK_ID: &str = "http://webdav.org/neon/hooks/webdav-locking";

/// What a request needs of its store, whatever the lock handles are.
trait Submit {
    fn resource(&self, path: &[u8], depth: i32);
    fn parent(&self, sess: &Session, path: &[u8]);
    fn write_if(&self, no_tag_list: bool, out: &mut Vec<u8>);
}

struct Submission<L: Held> {
    store: Rc<Store<L>>,
    /// Newest first, as neon's list (so the If header lists them in the
    /// reverse order of their submission).
    submit: RefCell<Vec<L>>,
}

impl<L: Held> Submission<L> {
    /// Submits the lock unless one with the same token (compared without
    /// case) already is.
    fn submit(&self, lock: L) {
        let token = lock.token();
        let mut list = self.submit.borrow_mut();
        let dup = list.iter().any(|l| match (l.token(), &token) {
            (Some(a), Some(b)) => casecmp(&a, b) == 0,
            (a, b) => a.is_none() && b.is_none(),
        });
        if !dup {
            list.insert(0, lock);
        }
    }
}

impl<L: Held> Submit for Submission<L> {
    fn resource(&self, path: &[u8], depth: i32) {
        for lock in self.store.locks() {
            if covers_resource(&lock, path, depth) {
                self.submit(lock);
            }
        }
    }

    fn parent(&self, sess: &Session, path: &[u8]) {
        let Some(parent) = uri::path_parent(path) else {
            return;
        };
        let server = sess.server_uri();
        for lock in self.store.locks() {
            if covers_parent(&lock, &server, &parent) {
                self.submit(lock);
            }
        }
    }

    fn write_if(&self, no_tag_list: bool, out: &mut Vec<u8>) {
        // A lock taken out of the store since it was submitted is left out
        // (its record may be gone).
        let list: Vec<(Vec<u8>, Option<Vec<u8>>)> = self
            .submit
            .borrow()
            .iter()
            .filter(|l| self.store.contains(l))
            .map(|l| (uri::unparse(&l.uri()), l.token()))
            .collect();
        if list.is_empty() {
            return;
        }
        if no_tag_list {
            crate::debug!(
                crate::debug::LOCKS,
                "lock: Using no-tag-list If: header construction\n"
            );
        }
        if_header(&list, no_tag_list, out);
    }
}

/// Appends the If header for the locks (URI, token): the tagged-list form
/// `If: <uri> (<token>) ...`, or with `no_tag_list` (SharePoint) the
/// no-tag-list form `If: (<token> <token>)`. A lock without a token ends
/// its entry after the "<", as neon's string concatenation stops at it.
pub fn if_header(list: &[(Vec<u8>, Option<Vec<u8>>)], no_tag_list: bool, out: &mut Vec<u8>) {
    out.extend_from_slice(if no_tag_list { b"If: (" } else { b"If:" });
    for (i, (u, token)) in list.iter().enumerate() {
        let last = i + 1 == list.len();
        if no_tag_list {
            out.push(b'<');
            if let Some(t) = token {
                out.extend_from_slice(t);
                out.extend_from_slice(if last { b">" } else { b"> " });
            }
        } else {
            for part in [&b" <"[..], u, b"> (<"] {
                out.extend_from_slice(part);
            }
            if let Some(t) = token {
                out.extend_from_slice(t);
                out.extend_from_slice(b">)");
            }
        }
    }
    out.extend_from_slice(if no_tag_list { b")\r\n" } else { b"\r\n" });
}

/// The request's lock list (the extension the create hook adds).
pub struct RequestLocks(Box<dyn Submit>);

/// Registers `store` on the session: requests created from now on can
/// submit its locks. Registering twice is as in neon: the second
/// registration's lists are never used, but the If header is written once
/// per registration.
pub fn register<L: Held>(sess: &Session, store: &Rc<Store<L>>) {
    let id = Rc::as_ptr(store) as *const () as usize;
    let s = store.clone();
    sess.hooks.create_request.add(
        (id, 1),
        Rc::new(move |req: &Request, _: &ZStr, _: &ZStr| {
            let sub = Submission {
                store: s.clone(),
                submit: RefCell::new(Vec::new()),
            };
            req.set_extension(HOOK_ID, Rc::new(RequestLocks(Box::new(sub))));
        }),
    );
    sess.hooks.pre_send.add(
        (id, 2),
        Rc::new(|req: &Request, out: &mut Vec<u8>| {
            if let Some(rl) = req.extension::<RequestLocks>(HOOK_ID) {
                let ntl = req.session().flag(sessflag::SHAREPOINT) != 0;
                rl.0.write_if(ntl, out);
            }
        }),
    );
}

/// The request will change the resource at `path` with an operation of
/// `depth` (NE_DEPTH_*): the locks covering it are submitted. Nothing
/// without a registered store.
pub fn using_resource(req: &Request, path: &[u8], depth: i32) {
    if let Some(rl) = req.extension::<RequestLocks>(HOOK_ID) {
        rl.0.resource(path, depth);
    }
}

/// The request will change the collection holding `path` (add or remove
/// a member): the locks covering that collection are submitted.
pub fn using_parent(req: &Request, path: &[u8]) {
    if let Some(rl) = req.extension::<RequestLocks>(HOOK_ID) {
        rl.0.parent(req.session(), path);
    }
}
