//! `STACK_OF(X509)`: an owned stack holding one reference to each
//! certificate.

use std::ffi::{c_int, c_void};
use std::ptr::NonNull;

use openssl_sys as ffi;

use super::x509::X509;

pub struct X509Stack(NonNull<ffi::OPENSSL_STACK>);

// SAFETY: the stack is only read or changed through `&mut self` or by the
// single owner; its certificates are Send + Sync.
unsafe impl Send for X509Stack {}
// SAFETY: shared access only reads.
unsafe impl Sync for X509Stack {}

unsafe extern "C" fn free_x509(p: *mut c_void) {
    // SAFETY: every element is a certificate reference owned by the stack.
    unsafe { ffi::X509_free(p.cast()) };
}

impl X509Stack {
    /// An empty stack; `None` if libcrypto cannot allocate one.
    pub fn new() -> Option<X509Stack> {
        // SAFETY: plain allocation.
        NonNull::new(unsafe { ffi::OPENSSL_sk_new_null() }).map(X509Stack)
    }

    /// A stack holding new references to `certs`, in order.
    pub fn from_certs<'a>(certs: impl IntoIterator<Item = &'a X509>) -> Option<X509Stack> {
        let mut stack = X509Stack::new()?;
        for c in certs {
            stack.push(c.clone())?;
        }
        Some(stack)
    }

    /// Takes over a stack (and its references) the caller owns.
    ///
    /// # Safety
    /// `p` must be NULL or a `STACK_OF(X509)` handed over with its elements.
    pub unsafe fn from_owned_ptr(p: *mut ffi::stack_st_X509) -> Option<X509Stack> {
        NonNull::new(p.cast()).map(X509Stack)
    }

    /// Adds `cert` at the end; `None` (dropping it) if allocation fails.
    pub fn push(&mut self, cert: X509) -> Option<()> {
        // SAFETY: the stack is ours; on success it takes the reference.
        let n = unsafe { ffi::OPENSSL_sk_push(self.0.as_ptr(), cert.as_ptr().cast()) };
        if n <= 0 {
            return None;
        }
        std::mem::forget(cert);
        Some(())
    }

    pub fn len(&self) -> usize {
        // SAFETY: the stack is live.
        usize::try_from(unsafe { ffi::OPENSSL_sk_num(self.0.as_ptr()) }).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// New references to the certificates, in order.
    pub fn to_vec(&self) -> Vec<X509> {
        // SAFETY: the stack is a live STACK_OF(X509).
        unsafe { certs_of(self.as_ptr()) }
    }

    pub fn as_ptr(&self) -> *mut ffi::stack_st_X509 {
        self.0.as_ptr().cast()
    }

    /// Hands the stack (and its references) to C.
    pub fn into_ptr(self) -> *mut ffi::stack_st_X509 {
        let p = self.as_ptr();
        std::mem::forget(self);
        p
    }
}

/// New references to the certificates of a borrowed stack (none for NULL).
///
/// # Safety
/// `p` must be NULL or a live `STACK_OF(X509)`.
pub unsafe fn certs_of(p: *const ffi::stack_st_X509) -> Vec<X509> {
    if p.is_null() {
        return Vec::new();
    }
    let raw = p as *const ffi::OPENSSL_STACK;
    // SAFETY: per the contract above.
    let n = unsafe { ffi::OPENSSL_sk_num(raw) };
    (0..n.max(0) as c_int)
        .filter_map(|i| {
            // SAFETY: i < n; the element is a live certificate.
            unsafe { X509::from_borrowed_ptr(ffi::OPENSSL_sk_value(raw, i).cast()) }
        })
        .collect()
}

impl Drop for X509Stack {
    fn drop(&mut self) {
        // SAFETY: the stack and one reference per element are ours.
        unsafe { ffi::OPENSSL_sk_pop_free(self.0.as_ptr(), Some(free_x509)) };
    }
}

impl Clone for X509Stack {
    /// A new stack with new references to the same certificates (as
    /// `X509_chain_up_ref`); an empty one if allocation fails.
    fn clone(&self) -> X509Stack {
        X509Stack::from_certs(&self.to_vec())
            .or_else(X509Stack::new)
            .expect("stack allocation")
    }
}
