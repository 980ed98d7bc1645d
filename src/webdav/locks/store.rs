//! A set of locks (neon's `ne_lock_store`) and which of them a request
//! must submit.
//!
//! The store does not own lock records: it holds handles ([`Held`]) whose
//! fields are read when needed, since neon's applications change a stored
//! lock's fields in place. Newest first, as neon's list.

use std::cell::{Cell, RefCell};

use super::lock::DEPTH_INFINITE;
use crate::uri::{self, Uri, path_childof, path_compare};

/// A handle on a lock record.
pub trait Held: Clone + 'static {
    fn uri(&self) -> Uri;
    fn path(&self) -> Vec<u8>;
    fn depth(&self) -> i32;
    fn token(&self) -> Option<Vec<u8>>;
    /// Whether both handles designate the same record.
    fn same(&self, other: &Self) -> bool;
}

/// The locks, newest first, with neon's iteration cursor.
pub struct Store<L: Held> {
    locks: RefCell<Vec<L>>,
    /// The index ne_lockstore_next returns next (None before the first
    /// call to `first`).
    next: Cell<Option<usize>>,
}

impl<L: Held> Default for Store<L> {
    fn default() -> Self {
        Store {
            locks: RefCell::new(Vec::new()),
            next: Cell::new(None),
        }
    }
}

impl<L: Held> Store<L> {
    /// Adds a lock in front.
    pub fn add(&self, lock: L) {
        self.locks.borrow_mut().insert(0, lock);
        if let Some(n) = self.next.get() {
            self.next.set(Some(n + 1));
        }
    }

    /// Removes the lock; false if it is not in the store. An iteration
    /// in progress goes on with the lock that followed it.
    pub fn remove(&self, lock: &L) -> bool {
        let mut locks = self.locks.borrow_mut();
        let Some(i) = locks.iter().position(|l| l.same(lock)) else {
            return false;
        };
        locks.remove(i);
        if let Some(n) = self.next.get() {
            if n > i {
                self.next.set(Some(n - 1));
            }
        }
        true
    }

    /// Whether the lock is in the store.
    pub fn contains(&self, lock: &L) -> bool {
        self.locks.borrow().iter().any(|l| l.same(lock))
    }

    /// Starts an iteration: the newest lock.
    pub fn first(&self) -> Option<L> {
        self.next.set(Some(1));
        self.locks.borrow().first().cloned()
    }

    /// The next lock of the iteration; None at its end (and afterwards).
    pub fn next(&self) -> Option<L> {
        let i = self.next.get()?;
        let got = self.locks.borrow().get(i).cloned();
        self.next.set(got.as_ref().map(|_| i + 1));
        got
    }

    /// The first lock whose URI equals `u` (as ne_uri_cmp compares).
    pub fn find_by_uri(&self, u: &Uri) -> Option<L> {
        self.locks
            .borrow()
            .iter()
            .find(|l| uri::cmp(&l.uri(), u) == 0)
            .cloned()
    }

    /// Empties the store, handing back its locks.
    pub fn take_all(&self) -> Vec<L> {
        self.next.set(None);
        std::mem::take(&mut *self.locks.borrow_mut())
    }

    /// A snapshot of the locks, newest first.
    pub fn locks(&self) -> Vec<L> {
        self.locks.borrow().clone()
    }
}

/// Whether a request of `depth` on `path` needs `lock`: it changes the
/// locked resource, or something inside a lock it covers (depth
/// infinity), or a resource an infinite-depth lock covers.
pub fn covers_resource<L: Held>(lock: &L, path: &[u8], depth: i32) -> bool {
    let lpath = lock.path();
    if depth == DEPTH_INFINITE && path_childof(path, &lpath) {
        crate::debug!(crate::debug::LOCKS, |o| crate::debug::put(
            o,
            &[b"Has child: ", &tok(lock), b"\n"]
        ));
        true
    } else if path_compare(path, &lpath) == 0 {
        crate::debug!(crate::debug::LOCKS, |o| crate::debug::put(
            o,
            &[b"Has direct lock: ", &tok(lock), b"\n"]
        ));
        true
    } else if lock.depth() == DEPTH_INFINITE && path_childof(&lpath, path) {
        crate::debug!(crate::debug::LOCKS, |o| crate::debug::put(
            o,
            &[b"Is child of: ", &tok(lock), b"\n"]
        ));
        true
    } else {
        false
    }
}

/// Whether changing the members of collection `parent` on `server` needs
/// `lock`: a lock of that server on the collection itself, or an
/// infinite-depth one above it.
pub fn covers_parent<L: Held>(lock: &L, server: &Uri, parent: &[u8]) -> bool {
    let luri = lock.uri();
    let mut u = server.clone();
    u.path = luri.path.clone();
    if uri::cmp(&u, &luri) != 0 {
        return false;
    }
    let lpath = luri.path();
    let hit = (lock.depth() == DEPTH_INFINITE && path_childof(lpath, parent))
        || path_compare(lpath, parent) == 0;
    if hit {
        crate::debug!(crate::debug::LOCKS, |o| crate::debug::put(
            o,
            &[b"Locked parent, ", &tok(lock), b" on ", lpath, b"\n"]
        ));
    }
    hit
}

/// A token as C's %s prints it.
fn tok<L: Held>(lock: &L) -> Vec<u8> {
    lock.token().unwrap_or_else(|| b"(null)".to_vec())
}
