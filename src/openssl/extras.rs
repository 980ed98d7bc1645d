//! What an `SSL_CTX` or `SSL` keeps for functions outside the core's
//! configuration: the cipher stack handed out by `SSL_get_ciphers`, the
//! security callback and its data, the context's CT log store and its
//! `SSL_CTX_sessions` table. They
//! hang on the face's objects (`objects.rs`).

use std::ffi::c_int;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

use super::crypto::ctlog::CtLogStore;
use super::crypto::lhash::EmptyLhash;
use super::crypto::ptr_stack::PtrStack;
use super::handles::{SSL, SSL_CTX};

/// `int (*cb)(const SSL *, const SSL_CTX *, int op, int bits, int nid,
/// void *other, void *ex)`.
pub type SecurityCb = unsafe extern "C" fn(
    *const SSL,
    *const SSL_CTX,
    c_int,
    c_int,
    c_int,
    *mut std::ffi::c_void,
    *mut std::ffi::c_void,
) -> c_int;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub struct Extras {
    /// The stack last handed out and the suite ids it was made from.
    ciphers: Mutex<Option<(Vec<u16>, PtrStack)>>,
    /// The security callback's address (0: none), OpenSSL's default
    /// policy until a program sets its own.
    security_cb: AtomicUsize,
    security_ex: AtomicUsize,
    /// A context's `CTLOG_STORE` (connections have none).
    pub ctlog: Mutex<Option<CtLogStore>>,
    /// A context's `SSL_CTX_sessions` table, made on first use.
    sessions: OnceLock<Option<EmptyLhash>>,
}

impl Extras {
    /// A context's: a new CT log store, the default security callback.
    pub fn for_ctx() -> Option<Extras> {
        Some(Extras {
            ciphers: Mutex::new(None),
            security_cb: AtomicUsize::new(super::security::default_cb as SecurityCb as usize),
            security_ex: AtomicUsize::new(0),
            ctlog: Mutex::new(Some(CtLogStore::new()?)),
            sessions: OnceLock::new(),
        })
    }

    /// A connection's: the context's security callback and data, as
    /// `SSL_new` copies them.
    pub fn for_conn(ctx: &Extras) -> Extras {
        Extras {
            ciphers: Mutex::new(None),
            security_cb: AtomicUsize::new(ctx.security_cb.load(Ordering::Relaxed)),
            security_ex: AtomicUsize::new(ctx.security_ex.load(Ordering::Relaxed)),
            ctlog: Mutex::new(None),
            sessions: OnceLock::new(),
        }
    }

    /// A stack of the suites `ids` (as `SSL_CIPHER` handles), the same
    /// one as long as the list does not change; NULL if none can be made.
    pub fn cipher_stack<S>(&self, ids: Vec<u16>) -> *mut S {
        let mut cached = lock(&self.ciphers);
        if cached.as_ref().is_none_or(|(old, _)| *old != ids) {
            let stack = PtrStack::of(ids.iter().map(|&id| super::cipher::by_number(id)));
            *cached = stack.map(|s| (ids, s));
        }
        cached
            .as_ref()
            .map_or(std::ptr::null_mut(), |(_, s)| s.as_ptr())
    }

    /// An empty hash table that lives as long as the context.
    pub fn sessions_table<T>(&self) -> *mut T {
        self.sessions
            .get_or_init(EmptyLhash::new)
            .as_ref()
            .map_or(std::ptr::null_mut(), EmptyLhash::as_ptr)
    }

    pub fn security_cb(&self) -> Option<SecurityCb> {
        let p = self.security_cb.load(Ordering::Relaxed);
        // SAFETY: 0 or the address of a function of this type, stored by
        // `set_security_cb` or `for_ctx`.
        (p != 0).then(|| unsafe { std::mem::transmute::<usize, SecurityCb>(p) })
    }

    pub fn set_security_cb(&self, cb: Option<SecurityCb>) {
        self.security_cb
            .store(cb.map_or(0, |f| f as usize), Ordering::Relaxed);
    }

    pub fn security_ex(&self) -> usize {
        self.security_ex.load(Ordering::Relaxed)
    }

    pub fn set_security_ex(&self, ex: usize) {
        self.security_ex.store(ex, Ordering::Relaxed);
    }
}
