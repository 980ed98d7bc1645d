//! The two extra certificate stores OpenSSL keeps with a context's or
//! connection's certificates: the verify store, which replaces the
//! context's trust store when peers are verified, and the chain store,
//! from which `SSL_CTX_build_cert_chain` builds the chain (the `SSL_CONF`
//! commands VerifyCAFile/Path/Store and ChainCAFile/Path/Store fill them).
//! A connection starts with its context's (the same objects, as OpenSSL's
//! copy of the certificates shares them) until it loads its own.

use std::ffi::CStr;
use std::sync::Mutex;

use super::crypto::Store;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Which of the two stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Verify,
    Chain,
}

/// What to load into a store.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    File(&'a CStr),
    Dir(&'a CStr),
    Uri(&'a CStr),
}

#[derive(Default)]
pub struct CertStores {
    verify: Mutex<Option<Store>>,
    chain: Mutex<Option<Store>>,
}

impl CertStores {
    fn slot(&self, which: Which) -> &Mutex<Option<Store>> {
        match which {
            Which::Verify => &self.verify,
            Which::Chain => &self.chain,
        }
    }

    /// A reference to the store, if there is one.
    pub fn get(&self, which: Which) -> Option<Store> {
        lock(self.slot(which)).clone()
    }

    /// Loads `source` into the store, made first if there is none (from
    /// `inherit`, a connection's context's, else new); false if the store
    /// cannot be made or the source not loaded.
    pub fn load(&self, which: Which, inherit: Option<&CertStores>, source: Source<'_>) -> bool {
        let store = {
            let mut slot = lock(self.slot(which));
            if slot.is_none() {
                *slot = inherit.and_then(|i| i.get(which)).or_else(Store::new);
            }
            slot.clone()
        };
        let Some(store) = store else {
            return false;
        };
        match source {
            Source::File(f) => store.load_file(f),
            Source::Dir(d) => store.load_path(d),
            Source::Uri(u) => store.load_store(u),
        }
    }
}
