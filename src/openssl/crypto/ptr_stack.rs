//! An `OPENSSL_STACK` of pointers the stack does not own (`STACK_OF(SSL_CIPHER)`
//! of static cipher descriptions, `STACK_OF(SSL_COMP)`), for the getters
//! whose callers walk it with libcrypto's `sk_*` functions.

use std::ffi::c_void;
use std::ptr::NonNull;

use openssl_sys as ffi;

pub struct PtrStack(NonNull<ffi::OPENSSL_STACK>);

// SAFETY: the stack is only changed through `&mut self`; its elements are
// static data.
unsafe impl Send for PtrStack {}
// SAFETY: shared access only reads.
unsafe impl Sync for PtrStack {}

impl PtrStack {
    /// A stack of `items`, in order; `None` if libcrypto cannot allocate.
    pub fn of<T>(items: impl IntoIterator<Item = *const T>) -> Option<PtrStack> {
        // SAFETY: plain allocation.
        let stack = PtrStack(NonNull::new(unsafe { ffi::OPENSSL_sk_new_null() })?);
        for p in items {
            // SAFETY: the stack is ours; it stores the pointer only.
            if unsafe { ffi::OPENSSL_sk_push(stack.0.as_ptr(), p as *const c_void) } <= 0 {
                return None;
            }
        }
        Some(stack)
    }

    pub fn as_ptr<S>(&self) -> *mut S {
        self.0.as_ptr().cast()
    }

    /// Hands the stack to C, which frees it with `sk_*_free` (not the
    /// elements).
    pub fn into_ptr<S>(self) -> *mut S {
        let p = self.as_ptr();
        std::mem::forget(self);
        p
    }
}

impl Drop for PtrStack {
    fn drop(&mut self) {
        // SAFETY: the stack is ours; the elements are not.
        unsafe { ffi::OPENSSL_sk_free(self.0.as_ptr()) };
    }
}
