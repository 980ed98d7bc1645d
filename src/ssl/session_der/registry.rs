//! The resumption state of client sessions that were serialised, by
//! session id, for this process's `d2i_SSL_SESSION`.
//!
//! rustls 0.23 keeps a client session's secret inside its
//! `Tls12ClientSessionValue` / `Tls13ClientSessionValue`, with neither an
//! encoder nor a constructor: the bytes of a serialised client session
//! cannot carry it. So `i2d_SSL_SESSION` leaves the live value here and
//! `d2i_SSL_SESSION` takes it back when it reads the same id, version and
//! suite in the same process (or a child forked after the `i2d`); anywhere
//! else the session parses but has nothing to offer. A TLS 1.3 session
//! shares its ticket pool with the one it was read from, as copies do.
//!
//! The registry keeps the newest entries only ([`CAPACITY`]), so it cannot
//! grow without bound; an entry is replaced when the same id is written
//! again.

use std::collections::{HashMap, VecDeque};
use std::sync::{LazyLock, Mutex, MutexGuard};

use rustls::client::Tls12ClientSessionValue;

use crate::tls::session::TicketPool;

/// Entries kept; the oldest go first.
pub const CAPACITY: usize = 256;

/// A client session's resumption state.
#[derive(Clone)]
pub enum State {
    Tls12(Tls12ClientSessionValue),
    Tls13(TicketPool),
}

struct Entry {
    version: u16,
    cipher: u16,
    state: State,
}

#[derive(Default)]
struct Registry {
    entries: HashMap<Vec<u8>, Entry>,
    /// Ids, oldest first.
    order: VecDeque<Vec<u8>>,
}

static REGISTRY: LazyLock<Mutex<Registry>> = LazyLock::new(Mutex::default);

fn lock() -> MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Keeps `state` for a session with this id, version and suite (an empty
/// id is not kept: nothing could find it).
pub fn remember(id: &[u8], version: u16, cipher: u16, state: State) {
    if id.is_empty() {
        return;
    }
    let mut r = lock();
    let entry = Entry {
        version,
        cipher,
        state,
    };
    if r.entries.insert(id.to_vec(), entry).is_some() {
        r.order.retain(|k| k != id);
    }
    r.order.push_back(id.to_vec());
    while r.order.len() > CAPACITY {
        if let Some(old) = r.order.pop_front() {
            r.entries.remove(&old);
        }
    }
}

/// The state kept for this id, if the version and suite match.
pub fn recall(id: &[u8], version: u16, cipher: u16) -> Option<State> {
    let r = lock();
    let e = r.entries.get(id)?;
    (e.version == version && e.cipher == cipher).then(|| e.state.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> State {
        State::Tls13(TicketPool::default())
    }

    #[test]
    fn finds_by_id_version_and_suite_and_keeps_the_newest() {
        remember(b"registry-test-a", 0x0304, 0x1301, pool());
        assert!(recall(b"registry-test-a", 0x0304, 0x1301).is_some());
        assert!(recall(b"registry-test-a", 0x0303, 0x1301).is_none());
        assert!(recall(b"registry-test-a", 0x0304, 0x1302).is_none());
        assert!(recall(b"registry-test-b", 0x0304, 0x1301).is_none());
        remember(b"", 0x0304, 0x1301, pool());
        assert!(recall(b"", 0x0304, 0x1301).is_none());

        // Only the newest are kept (one test: the registry is global).
        let id = |i: usize| format!("registry-test-n{i}").into_bytes();
        for i in 0..CAPACITY + 10 {
            remember(&id(i), 0x0304, 0x1301, pool());
        }
        // Written again: moves to the back.
        remember(&id(CAPACITY + 9), 0x0304, 0x1301, pool());
        let r = lock();
        assert!(r.entries.len() <= CAPACITY && r.order.len() == r.entries.len());
        assert!(!r.entries.contains_key(&id(0)));
        assert_eq!(r.order.back(), Some(&id(CAPACITY + 9)));
        assert_eq!(
            r.order.iter().filter(|k| **k == id(CAPACITY + 9)).count(),
            1
        );
    }
}
