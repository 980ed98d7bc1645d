//! The session cache of an `SSL_CTX`, with OpenSSL 3.0's rules
//! (`ssl/ssl_sess.c`): sessions keyed by (protocol version, session id),
//! ordered by expiry for eviction and flushing, with OpenSSL's mode bits,
//! size limit (and its off-by-one), timeouts, callbacks and statistics.
//!
//! The cache holds one reference (`Arc`) per entry. The connection code
//! calls [`SessionCache::update_cache`] when a handshake or TLS 1.3 ticket
//! made a session, [`SessionCache::server_lookup`] for a server's session
//! id or stateful ticket, [`SessionCache::remove`] for OpenSSL's "bad
//! session" and fatal-alert rules, and counts handshakes with
//! [`SessionCache::stats`].
//!
//! One difference from OpenSSL, by design (see `ssl` module): the remove
//! callback runs after the cache lock is released, also for evictions and
//! flushes, where OpenSSL calls it with the lock held. The cache is then
//! already in its final state when the callback runs, and a callback may
//! call back into the cache.

mod callbacks;
mod ctrl;
mod expiry;
mod index;
mod key;
pub mod resumption;
mod stats;
mod store;
#[cfg(test)]
mod tests;
mod update;

use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

pub use callbacks::{Callback, Callbacks, GetSessionCb, NewSessionCb, RemoveSessionCb};
pub use expiry::Expiry;
pub use stats::{Counter, Stats};

// The cache mode bits (OpenSSL's SSL_SESS_CACHE_*).
pub const MODE_OFF: u32 = 0x0000;
/// Cache and report (new-session callback) client sessions.
pub const MODE_CLIENT: u32 = 0x0001;
/// Cache and report server sessions: the default of every `SSL_CTX`.
pub const MODE_SERVER: u32 = 0x0002;
pub const MODE_BOTH: u32 = MODE_CLIENT | MODE_SERVER;
/// No flush of expired sessions every 255 handshakes.
pub const MODE_NO_AUTO_CLEAR: u32 = 0x0080;
/// Servers do not look sessions up in the internal cache.
pub const MODE_NO_INTERNAL_LOOKUP: u32 = 0x0100;
/// The library does not store sessions in the internal cache.
pub const MODE_NO_INTERNAL_STORE: u32 = 0x0200;
pub const MODE_NO_INTERNAL: u32 = MODE_NO_INTERNAL_LOOKUP | MODE_NO_INTERNAL_STORE;
/// SSL_CTX_add_session sets the session's time to now.
pub const MODE_UPDATE_TIME: u32 = 0x0400;
pub use update::Handshake;

use super::ctx::SslCtx;
use crate::tls::TlsSession;
use crate::tls::session::{MAX_ID_LEN, SessionData, SessionOwner, now};
use key::SessionKey;
use store::Store;

/// OpenSSL's SSL_SESSION_CACHE_MAX_SIZE_DEFAULT.
pub const DEFAULT_SIZE: i64 = 1024 * 20;
/// The lifetime of sessions a handshake makes, by default (the TLS
/// methods' `get_timeout`).
pub const DEFAULT_TIMEOUT: i64 = 7200;

pub struct SessionCache {
    /// The entries, shared with the sessions' `owner` links (a `Weak`), so
    /// that a cached session's new time or timeout re-sorts it.
    shared: Arc<Shared>,
    mode: AtomicU32,
    /// Always >= 0; 0 is unlimited.
    size: AtomicI64,
    timeout: AtomicI64,
    id_context: Mutex<Vec<u8>>,
    stats: Stats,
    callbacks: Callbacks,
}

#[derive(Default)]
struct Shared {
    store: Mutex<Store>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Store> {
        // The store is consistent after every operation: keep using it.
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SessionOwner for Shared {
    fn expiry_changed(&self, session: &TlsSession) {
        let mut store = self.lock();
        let (key, expiry) = {
            let d = session.lock();
            (SessionKey::new(d.version, &d.id), expiry_of(&d))
        };
        if let Some(key) = key {
            store.reposition(&key, session, expiry);
        }
    }
}

fn expiry_of(d: &SessionData) -> Expiry {
    Expiry::of(d.time, d.timeout)
}

impl SessionCache {
    pub fn new() -> SessionCache {
        SessionCache {
            shared: Arc::default(),
            mode: AtomicU32::new(MODE_SERVER),
            size: AtomicI64::new(DEFAULT_SIZE),
            timeout: AtomicI64::new(DEFAULT_TIMEOUT),
            id_context: Mutex::default(),
            stats: Stats::default(),
            callbacks: Callbacks::default(),
        }
    }

    /// The number of cached sessions (`SSL_CTX_sess_number`).
    pub fn len(&self) -> usize {
        self.shared.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cache mode (`MODE_*` bits).
    pub fn mode(&self) -> u32 {
        self.mode.load(Ordering::Relaxed)
    }

    /// Stores any value; returns the previous mode.
    pub fn set_mode(&self, mode: u32) -> u32 {
        self.mode.swap(mode, Ordering::Relaxed)
    }

    /// The size limit; 0 is unlimited. After an addition the cache holds at
    /// most `size - 1` sessions (1 for size 1), as OpenSSL's.
    pub fn size(&self) -> i64 {
        self.size.load(Ordering::Relaxed)
    }

    /// Returns the previous size; a negative size is refused (returns 0,
    /// changes nothing). Shrinking evicts nothing until the next addition.
    pub fn set_size(&self, size: i64) -> i64 {
        if size < 0 {
            return 0;
        }
        self.size.swap(size, Ordering::Relaxed)
    }

    /// The lifetime given to sessions handshakes make
    /// (`SSL_CTX_get_timeout`), stored as set.
    pub fn timeout(&self) -> i64 {
        self.timeout.load(Ordering::Relaxed)
    }

    /// Stores `timeout` unchecked; returns the previous value.
    pub fn set_timeout(&self, timeout: i64) -> i64 {
        self.timeout.swap(timeout, Ordering::Relaxed)
    }

    /// The timeout for a session a handshake makes now: the context's, or
    /// the default when it is 0 (`ssl_get_new_session`).
    pub fn new_session_timeout(&self) -> i64 {
        match self.timeout() {
            0 => DEFAULT_TIMEOUT,
            t => t,
        }
    }

    /// The session id context new sessions get (`SSL_CTX_set_session_id_context`).
    pub fn id_context(&self) -> Vec<u8> {
        self.id_context
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// False (and unchanged) beyond 32 bytes.
    pub fn set_id_context(&self, id_context: &[u8]) -> bool {
        if id_context.len() > MAX_ID_LEN {
            return false;
        }
        *self.id_context.lock().unwrap_or_else(|e| e.into_inner()) = id_context.to_vec();
        true
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The new/remove/get session callbacks.
    pub fn callbacks(&self) -> &Callbacks {
        &self.callbacks
    }

    /// The cached session with this key, with a new reference; no
    /// statistics (OpenSSL's `lh_SSL_SESSION_retrieve` plus `up_ref`).
    pub fn lookup(&self, version: u16, id: &[u8]) -> Option<Arc<TlsSession>> {
        let key = SessionKey::new(version, id)?;
        self.shared.lock().get(&key).cloned()
    }

    /// Whether a session with this key is cached (`SSL_has_matching_session_id`).
    pub fn contains(&self, version: u16, id: &[u8]) -> bool {
        SessionKey::new(version, id).is_some_and(|k| self.shared.lock().get(&k).is_some())
    }

    /// OpenSSL's SSL_CTX_add_session. Returns true when `session` was not
    /// cached before, including when it replaced another object with the
    /// same key; false when it already was (it is then re-sorted).
    ///
    /// A replaced object is dropped from the cache silently (not marked
    /// non-resumable, no remove callback). A new entry first evicts from
    /// the tail while the cache, counting the newcomer, holds `size` or
    /// more sessions; the eviction stops at a tail with an empty id (OpenSSL
    /// cannot remove it). Each victim is marked non-resumable, counted in
    /// `cache_full` and passed to the remove callback. With
    /// `MODE_UPDATE_TIME` the session's time becomes now. Sessions with an
    /// empty id are cached; ids longer than 32 bytes (impossible through
    /// OpenSSL's API) are not: false.
    pub fn add(&self, ctx: &SslCtx, session: &Arc<TlsSession>) -> bool {
        let mut victims = Vec::new();
        let replaced;
        let inserted;
        {
            let mut store = self.shared.lock();
            let (key, expiry) = {
                let mut d = session.lock();
                let Some(key) = SessionKey::new(d.version, &d.id) else {
                    return false;
                };
                if self.mode() & MODE_UPDATE_TIME != 0 {
                    d.time = now();
                }
                d.set_owner(Some(self.owner_link()));
                (key, expiry_of(&d))
            };
            let held = store.get(&key).map(|h| Arc::ptr_eq(h, session));
            inserted = held != Some(true);
            replaced = if held == Some(false) {
                store.remove(&key)
            } else {
                None
            };
            if let Some(r) = &replaced {
                self.disown(&mut r.lock());
            }
            if inserted {
                self.evict_for_one_more(&mut store, &mut victims);
                store.insert(key, session.clone(), expiry);
            } else {
                store.place(key, session.clone(), expiry);
            }
        }
        self.report_removed(ctx, &victims);
        drop(replaced);
        inserted
    }

    /// Evicts from the tail while the store plus the newcomer is at the limit.
    fn evict_for_one_more(&self, store: &mut Store, victims: &mut Vec<Arc<TlsSession>>) {
        let size = self.size();
        if size <= 0 {
            return;
        }
        while store.len() as i64 + 1 >= size {
            match store.tail() {
                Some((key, _)) if !key.id_is_empty() => {}
                _ => break,
            }
            let Some(victim) = store.pop_tail() else {
                break;
            };
            self.retire(&victim);
            self.stats.cache_full.inc();
            victims.push(victim);
        }
    }

    /// OpenSSL's SSL_CTX_remove_session. A session with an empty id: false,
    /// nothing else happens. Otherwise the entry with the session's key, if
    /// any (possibly another object), leaves the cache (true); `session`
    /// itself is always marked non-resumable and passed to the remove
    /// callback, even when nothing was cached.
    pub fn remove(&self, ctx: &SslCtx, session: &Arc<TlsSession>) -> bool {
        let key = {
            let d = session.lock();
            if d.id.is_empty() {
                return false;
            }
            SessionKey::new(d.version, &d.id)
        };
        let found = {
            let mut store = self.shared.lock();
            let mut found = key.and_then(|k| store.remove(&k));
            if found.is_none() && self.owns(&session.lock()) {
                // Cached under a key its fields no longer give.
                found = store.remove_object(session);
            }
            if let Some(f) = &found {
                self.disown(&mut f.lock());
            }
            session.lock().not_resumable = true;
            found
        };
        self.report_removed(ctx, std::slice::from_ref(session));
        found.is_some()
    }

    /// OpenSSL's SSL_CTX_flush_sessions: removes from the tail every session
    /// expired at `tm` (all of them if `tm` is 0), stopping at the first that
    /// is not; each is marked non-resumable and passed to the remove callback.
    pub fn flush(&self, ctx: &SslCtx, tm: i64) {
        let mut removed = Vec::new();
        {
            let mut store = self.shared.lock();
            while let Some((_, expiry)) = store.tail() {
                if tm != 0 && !expiry.passed_at(tm) {
                    break;
                }
                let Some(s) = store.pop_tail() else { break };
                self.retire(&s);
                removed.push(s);
            }
        }
        self.report_removed(ctx, &removed);
    }

    /// What SSL_CTX_free does when the last reference goes: `flush(ctx, 0)`,
    /// so every cached session becomes non-resumable and the remove callback
    /// sees each. To be called once the context is unreachable but still
    /// intact, e.g. from `SslCtx`'s `Drop`. Without it, dropping the cache
    /// still marks its sessions non-resumable, without callbacks.
    pub fn on_ctx_free(&self, ctx: &SslCtx) {
        self.flush(ctx, 0);
    }

    /// The processing of the session control commands 20–31 and 42–45 of
    /// `SSL_CTX_ctrl`; `None` for other commands.
    pub fn ctrl(&self, cmd: i32, larg: i64) -> Option<i64> {
        ctrl::run(self, cmd, larg)
    }

    fn owner_link(&self) -> Weak<dyn SessionOwner> {
        let weak: Weak<Shared> = Arc::downgrade(&self.shared);
        weak
    }

    /// Whether this cache holds the session, as far as the session knows.
    fn owns(&self, d: &SessionData) -> bool {
        let ours = Arc::as_ptr(&self.shared) as *const ();
        d.owner()
            .is_some_and(|o| Weak::as_ptr(o) as *const () == ours)
    }

    /// Forgets that this cache holds the session (if it still thinks so:
    /// the application may have added it to another cache since).
    fn disown(&self, d: &mut SessionData) {
        if self.owns(d) {
            d.set_owner(None);
        }
    }

    /// A session evicted or flushed: no longer cached, not resumable.
    fn retire(&self, s: &TlsSession) {
        let mut d = s.lock();
        d.not_resumable = true;
        self.disown(&mut d);
    }

    fn report_removed(&self, ctx: &SslCtx, sessions: &[Arc<TlsSession>]) {
        if sessions.is_empty() {
            return;
        }
        if let Some(cb) = self.callbacks.remove_session.get() {
            for s in sessions {
                (cb.call)(ctx, s);
            }
        }
    }
}

impl Default for SessionCache {
    fn default() -> Self {
        SessionCache::new()
    }
}

impl Drop for SessionCache {
    /// Sessions outliving the cache are no longer resumable, as after
    /// OpenSSL's final flush (no callbacks here: the context is gone).
    fn drop(&mut self) {
        let sessions = self.shared.lock().drain();
        for s in &sessions {
            self.retire(s);
        }
    }
}
