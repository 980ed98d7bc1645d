//! The cache's entries: found by key in a hash map, ordered by expiry in a
//! B-tree, so that every operation is O(log n) where OpenSSL's linked list
//! is O(n) for sessions not expiring last.
//!
//! The B-tree reproduces OpenSSL's list exactly: its head is the latest
//! expiry and a session (re)inserted goes before every session expiring at
//! the same time (`SSL_SESSION_list_add`), so among equal expiries the most
//! recently placed is nearest the head. Positions are therefore ordered by
//! (expiry, placement sequence); the tail, evicted and flushed first, is the
//! smallest.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::expiry::Expiry;
use crate::tls::TlsSession;
use crate::tls::session::MAX_ID_LEN;

/// OpenSSL's cache key: protocol version and session id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionKey {
    version: u16,
    len: u8,
    id: [u8; MAX_ID_LEN],
}

impl SessionKey {
    /// `None` for ids longer than OpenSSL's sessions can hold.
    pub fn new(version: u16, id: &[u8]) -> Option<SessionKey> {
        let mut key = SessionKey {
            version,
            len: id.len() as u8,
            id: [0; MAX_ID_LEN],
        };
        key.id.get_mut(..id.len())?.copy_from_slice(id);
        Some(key)
    }

    pub fn id_is_empty(&self) -> bool {
        self.len == 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Position {
    expiry: Expiry,
    seq: u64,
}

struct Entry {
    session: Arc<TlsSession>,
    at: Position,
}

#[derive(Default)]
pub struct Store {
    entries: HashMap<SessionKey, Entry>,
    order: BTreeMap<Position, SessionKey>,
    next_seq: u64,
}

impl Store {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn get(&self, key: &SessionKey) -> Option<&Arc<TlsSession>> {
        self.entries.get(key).map(|e| &e.session)
    }

    /// Puts `session` under `key`, as the newest of its expiry. Returns the
    /// session that was under `key` before (possibly the same one).
    pub fn place(
        &mut self,
        key: SessionKey,
        session: Arc<TlsSession>,
        expiry: Expiry,
    ) -> Option<Arc<TlsSession>> {
        let at = Position {
            expiry,
            seq: self.next_seq,
        };
        self.next_seq += 1;
        self.order.insert(at, key);
        let old = self.entries.insert(key, Entry { session, at })?;
        self.order.remove(&old.at);
        Some(old.session)
    }

    /// Moves the entry under `key` to a new expiry, if it holds `session`.
    pub fn reposition(&mut self, key: &SessionKey, session: &TlsSession, expiry: Expiry) {
        let held = self.get(key).cloned();
        if let Some(held) = held.filter(|h| std::ptr::eq(Arc::as_ptr(h), session)) {
            self.place(*key, held, expiry);
        }
    }

    pub fn remove(&mut self, key: &SessionKey) -> Option<Arc<TlsSession>> {
        let e = self.entries.remove(key)?;
        self.order.remove(&e.at);
        Some(e.session)
    }

    /// The entry expiring first (OpenSSL's list tail).
    pub fn tail(&self) -> Option<(&SessionKey, Expiry)> {
        self.order
            .first_key_value()
            .map(|(at, key)| (key, at.expiry))
    }

    pub fn pop_tail(&mut self) -> Option<Arc<TlsSession>> {
        let (_, key) = self.order.pop_first()?;
        self.entries.remove(&key).map(|e| e.session)
    }

    /// The sessions from the head (latest expiry) to the tail.
    #[cfg(test)]
    pub fn iter_from_head(&self) -> impl Iterator<Item = &Arc<TlsSession>> {
        self.order.values().rev().filter_map(|k| self.get(k))
    }

    pub fn drain(&mut self) -> Vec<Arc<TlsSession>> {
        self.order.clear();
        self.entries.drain().map(|(_, e)| e.session).collect()
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
    fn keys() {
        assert!(SessionKey::new(0x303, &[0; 33]).is_none());
        assert!(SessionKey::new(0x303, &[]).unwrap().id_is_empty());
        // The length is part of the key: a shorter id is another key.
        assert_ne!(
            SessionKey::new(0x303, &[0; 2]),
            SessionKey::new(0x303, &[0; 3])
        );
        assert_ne!(SessionKey::new(0x303, &[1]), SessionKey::new(0x304, &[1]));
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
        assert!(Arc::ptr_eq(
            &st.place(key(0), s[0].clone(), Expiry::of(100, 0)).unwrap(),
            &s[0]
        ));
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
        assert_eq!(st.drain().len(), 2);
        assert_eq!(st.len(), 0);
        assert!(st.tail().is_none());
    }
}
