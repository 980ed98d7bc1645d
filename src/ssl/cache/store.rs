//! The cache's entries: found by key through a hash index, ordered by
//! expiry so that every operation is O(1) or O(log e), e the number of
//! distinct expiries, where OpenSSL's linked list is O(n) for sessions not
//! expiring last.
//!
//! The order reproduces OpenSSL's list exactly: its head is the latest
//! expiry and a session (re)inserted goes before every session expiring at
//! the same time (`SSL_SESSION_list_add`), so among equal expiries the most
//! recently placed is nearest the head. The sessions of one expiry form a
//! doubly linked list through their slots, newest first; a B-tree maps each
//! expiry to its list's ends. Sessions made in the same second share an
//! expiry, so the tree stays small and placing a session is a link at the
//! front of its list, not a search among all of them.
//!
//! Entries live in a slab of reused slots: the hash index and the lists
//! name slot numbers, so both stay small (a million sessions scale like
//! OpenSSL's hash table of pointers), and slots are allocated in insertion
//! order, so recent sessions stay close together in memory.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::sync::Arc;

use super::expiry::Expiry;
use super::index::Index;
use super::key::SessionKey;
use crate::tls::TlsSession;

/// No slot: the end of a list.
const NIL: u32 = u32::MAX;

struct Slot {
    key: SessionKey,
    session: Arc<TlsSession>,
    expiry: Expiry,
    /// The neighbours among the sessions of the same expiry.
    newer: u32,
    older: u32,
}

/// The ends of one expiry's list.
struct Group {
    newest: u32,
    oldest: u32,
}

#[derive(Default)]
pub struct Store {
    index: Index,
    groups: BTreeMap<Expiry, Group>,
    slots: Vec<Option<Slot>>,
    free: Vec<u32>,
    len: usize,
}

impl Store {
    pub fn len(&self) -> usize {
        self.len
    }

    fn slot(&self, i: u32) -> &Slot {
        self.slots[i as usize]
            .as_ref()
            .expect("index and order name live slots")
    }

    fn slot_mut(&mut self, i: u32) -> &mut Slot {
        self.slots[i as usize]
            .as_mut()
            .expect("index and order name live slots")
    }

    fn find(&self, key: &SessionKey) -> Option<u32> {
        self.index.find(key.hash(), |i| self.slot(i).key == *key)
    }

    pub fn get(&self, key: &SessionKey) -> Option<&Arc<TlsSession>> {
        self.find(key).map(|i| &self.slot(i).session)
    }

    /// Links slot `i` as the newest of `expiry`.
    fn link(&mut self, i: u32, expiry: Expiry) {
        let older = match self.groups.entry(expiry) {
            Entry::Vacant(v) => {
                v.insert(Group {
                    newest: i,
                    oldest: i,
                });
                NIL
            }
            Entry::Occupied(mut o) => std::mem::replace(&mut o.get_mut().newest, i),
        };
        let s = self.slot_mut(i);
        s.expiry = expiry;
        s.newer = NIL;
        s.older = older;
        if older != NIL {
            self.slot_mut(older).newer = i;
        }
    }

    /// Takes slot `i` out of its expiry's list.
    fn unlink_order(&mut self, i: u32) {
        let (expiry, newer, older) = {
            let s = self.slot(i);
            (s.expiry, s.newer, s.older)
        };
        if newer != NIL {
            self.slot_mut(newer).older = older;
        }
        if older != NIL {
            self.slot_mut(older).newer = newer;
        }
        let g = self
            .groups
            .get_mut(&expiry)
            .expect("a linked slot's expiry has a list");
        if g.newest == i {
            g.newest = older;
        }
        if g.oldest == i {
            g.oldest = newer;
        }
        if g.newest == NIL {
            self.groups.remove(&expiry);
        }
    }

    /// Puts `session` under `key`, as the newest of its expiry. Returns the
    /// session that was under `key` before (possibly the same one).
    pub fn place(
        &mut self,
        key: SessionKey,
        session: Arc<TlsSession>,
        expiry: Expiry,
    ) -> Option<Arc<TlsSession>> {
        if let Some(i) = self.find(&key) {
            self.unlink_order(i);
            self.link(i, expiry);
            return Some(std::mem::replace(&mut self.slot_mut(i).session, session));
        }
        self.insert(key, session, expiry);
        None
    }

    /// Adds `session` under `key`, which must not be in the store, as the
    /// newest of its expiry.
    pub fn insert(&mut self, key: SessionKey, session: Arc<TlsSession>, expiry: Expiry) {
        debug_assert!(self.find(&key).is_none());
        let slot = Slot {
            key,
            session,
            expiry,
            newer: NIL,
            older: NIL,
        };
        let i = match self.free.pop() {
            Some(i) => {
                self.slots[i as usize] = Some(slot);
                i
            }
            None => {
                self.slots.push(Some(slot));
                (self.slots.len() - 1) as u32
            }
        };
        self.index.insert(key.hash(), i);
        self.link(i, expiry);
        self.len += 1;
    }

    /// Moves the entry under `key` to a new expiry, if it holds `session`.
    pub fn reposition(&mut self, key: &SessionKey, session: &TlsSession, expiry: Expiry) {
        if let Some(i) = self.find(key) {
            if std::ptr::eq(Arc::as_ptr(&self.slot(i).session), session) {
                self.unlink_order(i);
                self.link(i, expiry);
            }
        }
    }

    /// Takes slot `i` out of the index, the order and the slab.
    fn unlink(&mut self, i: u32) -> Arc<TlsSession> {
        self.unlink_order(i);
        let slot = self.slots[i as usize]
            .take()
            .expect("index and order name live slots");
        self.free.push(i);
        self.len -= 1;
        self.index.remove(slot.key.hash(), i);
        slot.session
    }

    pub fn remove(&mut self, key: &SessionKey) -> Option<Arc<TlsSession>> {
        let i = self.find(key)?;
        Some(self.unlink(i))
    }

    /// Removes `session` wherever it is, by a scan: for a cached session
    /// whose version was changed in place, which OpenSSL (hashing the id
    /// alone, comparing the object with itself) still finds.
    pub fn remove_object(&mut self, session: &TlsSession) -> Option<Arc<TlsSession>> {
        let i = self.slots.iter().position(|s| {
            s.as_ref()
                .is_some_and(|s| std::ptr::eq(Arc::as_ptr(&s.session), session))
        })?;
        Some(self.unlink(i as u32))
    }

    /// The entry expiring first (OpenSSL's list tail).
    pub fn tail(&self) -> Option<(&SessionKey, Expiry)> {
        let (expiry, g) = self.groups.first_key_value()?;
        Some((&self.slot(g.oldest).key, *expiry))
    }

    pub fn pop_tail(&mut self) -> Option<Arc<TlsSession>> {
        let i = self.groups.first_key_value()?.1.oldest;
        Some(self.unlink(i))
    }

    /// The sessions from the head (latest expiry) to the tail.
    #[cfg(test)]
    pub fn iter_from_head(&self) -> impl Iterator<Item = &Arc<TlsSession>> {
        let mut order = Vec::with_capacity(self.len);
        for g in self.groups.values().rev() {
            let mut i = g.newest;
            while i != NIL {
                order.push(i);
                i = self.slot(i).older;
            }
        }
        order.into_iter().map(|i| &self.slot(i).session)
    }

    pub fn drain(&mut self) -> Vec<Arc<TlsSession>> {
        let sessions = self.slots.drain(..).flatten().map(|s| s.session).collect();
        *self = Store::default();
        sessions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> SessionKey {
        SessionKey::new(0x303, &[n; 4]).unwrap()
    }

    fn order(st: &Store, all: &[Arc<TlsSession>]) -> Vec<usize> {
        st.iter_from_head()
            .map(|s| all.iter().position(|a| Arc::ptr_eq(a, s)).unwrap())
            .collect()
    }

    #[test]
    fn head_is_latest_and_ties_go_to_the_head() {
        let s: Vec<_> = (0..4).map(|_| TlsSession::new(0)).collect();
        let mut st = Store::default();
        st.place(key(0), s[0].clone(), Expiry::of(100, 0));
        st.place(key(1), s[1].clone(), Expiry::of(50, 0));
        st.place(key(2), s[2].clone(), Expiry::of(100, 0));
        st.place(key(3), s[3].clone(), Expiry::of(75, 0));
        assert_eq!(order(&st, &s), [2, 0, 3, 1]);
        assert_eq!(st.tail().map(|(k, _)| *k), Some(key(1)));
        // Re-placing the same session makes it the newest of its expiry.
        let old = st.place(key(0), s[0].clone(), Expiry::of(100, 0));
        assert!(Arc::ptr_eq(&old.unwrap(), &s[0]));
        assert_eq!(order(&st, &s), [0, 2, 3, 1]);
        st.reposition(&key(1), &s[1], Expiry::of(200, 0));
        assert_eq!(order(&st, &s), [1, 0, 2, 3]);
        // Not the session under that key: nothing moves.
        st.reposition(&key(3), &s[1], Expiry::of(300, 0));
        assert_eq!(order(&st, &s), [1, 0, 2, 3]);
        assert!(Arc::ptr_eq(&st.pop_tail().unwrap(), &s[3]));
        assert!(Arc::ptr_eq(&st.remove(&key(0)).unwrap(), &s[0]));
        assert_eq!(order(&st, &s), [1, 2]);
        assert_eq!(st.len(), 2);
        // Freed slots are reused.
        st.place(key(9), s[3].clone(), Expiry::of(1, 0));
        assert_eq!(st.slots.len(), 4);
        assert_eq!(st.drain().len(), 3);
        assert_eq!(st.len(), 0);
        assert!(st.tail().is_none() && st.get(&key(1)).is_none());
    }

    /// Keys whose hashes collide: forge some by rewriting the hash.
    #[test]
    fn colliding_hashes() {
        let s: Vec<_> = (0..4).map(|_| TlsSession::new(0)).collect();
        let keys: Vec<_> = (0..4).map(|n| forged(key(n))).collect();
        let mut st = Store::default();
        for (k, sess) in keys.iter().zip(&s) {
            assert!(st.place(*k, sess.clone(), Expiry::of(10, 0)).is_none());
        }
        for (k, sess) in keys.iter().zip(&s) {
            assert!(Arc::ptr_eq(st.get(k).unwrap(), sess));
        }
        assert!(Arc::ptr_eq(&st.remove(&keys[1]).unwrap(), &s[1]));
        assert!(st.get(&keys[1]).is_none());
        assert!(Arc::ptr_eq(&st.remove(&keys[3]).unwrap(), &s[3]));
        assert!(Arc::ptr_eq(st.get(&keys[0]).unwrap(), &s[0]));
        assert!(Arc::ptr_eq(st.get(&keys[2]).unwrap(), &s[2]));
        assert!(Arc::ptr_eq(&st.pop_tail().unwrap(), &s[0]));
        assert!(Arc::ptr_eq(&st.pop_tail().unwrap(), &s[2]));
        assert!(st.index.len() == 0 && st.len() == 0);
    }

    fn forged(k: SessionKey) -> SessionKey {
        let mut f = k;
        f.set_hash_for_tests(42);
        f
    }
}
