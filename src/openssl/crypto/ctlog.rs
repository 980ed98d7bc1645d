//! A context's store of Certificate Transparency logs (`CTLOG_STORE`), a
//! libcrypto object as OpenSSL's `SSL_CTX` has one: programs load log
//! lists into it. Certificate Transparency itself is not checked.

use std::ffi::{c_char, c_int};
use std::ptr::NonNull;

#[repr(C)]
pub struct CTLOG_STORE {
    _private: [u8; 0],
}

unsafe extern "C" {
    fn CTLOG_STORE_new() -> *mut CTLOG_STORE;
    fn CTLOG_STORE_free(store: *mut CTLOG_STORE);
    fn CTLOG_STORE_load_file(store: *mut CTLOG_STORE, file: *const c_char) -> c_int;
    fn CTLOG_STORE_load_default_file(store: *mut CTLOG_STORE) -> c_int;
}

pub struct CtLogStore(NonNull<CTLOG_STORE>);

// SAFETY: libcrypto's store is only read or loaded through this owner,
// behind the context's lock.
unsafe impl Send for CtLogStore {}
// SAFETY: shared access only hands out the pointer.
unsafe impl Sync for CtLogStore {}

impl CtLogStore {
    pub fn new() -> Option<CtLogStore> {
        // SAFETY: plain allocation.
        NonNull::new(unsafe { CTLOG_STORE_new() }).map(CtLogStore)
    }

    /// Takes over a store the caller hands over (`SSL_CTX_set0_ctlog_store`).
    ///
    /// # Safety
    /// `p` must be NULL or a `CTLOG_STORE` whose ownership passes here.
    pub unsafe fn from_owned_ptr(p: *mut CTLOG_STORE) -> Option<CtLogStore> {
        NonNull::new(p).map(CtLogStore)
    }

    pub fn as_ptr(&self) -> *mut CTLOG_STORE {
        self.0.as_ptr()
    }

    /// Adds the logs of a file (libcrypto's errors on the queue); false on
    /// failure.
    pub fn load_file(&self, file: &std::ffi::CStr) -> bool {
        // SAFETY: a live store and a NUL-terminated path.
        unsafe { CTLOG_STORE_load_file(self.as_ptr(), file.as_ptr()) == 1 }
    }

    /// Adds the logs of libcrypto's default file (`CTLOG_FILE` or
    /// OpenSSL's ct_log_list.cnf).
    pub fn load_default_file(&self) -> bool {
        // SAFETY: a live store.
        unsafe { CTLOG_STORE_load_default_file(self.as_ptr()) == 1 }
    }
}

impl Drop for CtLogStore {
    fn drop(&mut self) {
        // SAFETY: the store is ours.
        unsafe { CTLOG_STORE_free(self.0.as_ptr()) };
    }
}
