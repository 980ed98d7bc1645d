//! An empty libcrypto hash table (`OPENSSL_LHASH`), what `SSL_CTX_sessions`
//! hands out: the session cache is not kept in one, and libcrypto's `lh_*`
//! functions need a real table (some dereference NULL). It holds only what
//! a program puts in it, without owning it.

use std::ffi::{c_int, c_ulong, c_void};
use std::ptr::NonNull;

#[repr(C)]
pub struct OPENSSL_LHASH {
    _private: [u8; 0],
}

type HashFn = unsafe extern "C" fn(*const c_void) -> c_ulong;
type CmpFn = unsafe extern "C" fn(*const c_void, *const c_void) -> c_int;

unsafe extern "C" {
    fn OPENSSL_LH_new(h: HashFn, c: CmpFn) -> *mut OPENSSL_LHASH;
    fn OPENSSL_LH_free(lh: *mut OPENSSL_LHASH);
}

/// Entries are compared by address.
unsafe extern "C" fn hash(p: *const c_void) -> c_ulong {
    p as usize as c_ulong
}

unsafe extern "C" fn cmp(a: *const c_void, b: *const c_void) -> c_int {
    c_int::from(a != b)
}

pub struct EmptyLhash(NonNull<OPENSSL_LHASH>);

// SAFETY: the table is only read or changed by libcrypto on behalf of the
// program, as OpenSSL's own would be.
unsafe impl Send for EmptyLhash {}
// SAFETY: as above.
unsafe impl Sync for EmptyLhash {}

impl EmptyLhash {
    pub fn new() -> Option<EmptyLhash> {
        // SAFETY: plain allocation with valid callbacks.
        NonNull::new(unsafe { OPENSSL_LH_new(hash, cmp) }).map(EmptyLhash)
    }

    pub fn as_ptr<T>(&self) -> *mut T {
        self.0.as_ptr().cast()
    }
}

impl Drop for EmptyLhash {
    fn drop(&mut self) {
        // SAFETY: the table is ours; its entries are not.
        unsafe { OPENSSL_LH_free(self.0.as_ptr()) };
    }
}
