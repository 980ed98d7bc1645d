//! Objects OpenSSL always has that stand for features not offered: the
//! (empty) compression list, a session's ticket data, `SSL_dup`, and
//! `BIO_f_ssl` until SSL BIOs exist.

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

use super::*;
use std::sync::atomic::{AtomicPtr, Ordering};

use crate::openssl::crypto::ptr_stack::PtrStack;

/// The compression methods (`STACK_OF(SSL_COMP)`): an empty stack made
/// once, or what `SSL_COMP_set0_compression_methods` put in its place.
static COMP_METHODS: AtomicPtr<c_void> = AtomicPtr::new(null_mut());
static COMP_INIT: std::sync::Once = std::sync::Once::new();

#[unsafe(no_mangle)]
pub extern "C" fn SSL_COMP_get_compression_methods() -> *mut c_void {
    COMP_INIT.call_once(|| {
        if let Some(empty) = PtrStack::of::<c_void>([]) {
            COMP_METHODS.store(empty.into_ptr(), Ordering::Release);
        }
    });
    COMP_METHODS.load(Ordering::Acquire)
}

/// Replaces the list, returning the old one (the caller's, as in OpenSSL);
/// compression is never used.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_COMP_set0_compression_methods(meths: *mut c_void) -> *mut c_void {
    SSL_COMP_get_compression_methods();
    COMP_METHODS.swap(meths, Ordering::AcqRel)
}

/// 1 (failure: nothing added), OpenSSL's answer for a method it cannot
/// use; no compression is offered.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_COMP_add_compression_method(_id: c_int, _cm: *mut c_void) -> c_int {
    1
}

/// A connection in use is shared, as OpenSSL's `SSL_dup` does (a new
/// reference to the same object); copying a fresh one is not offered
/// (NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_dup(s: *mut SSL) -> *mut SSL {
    with_conn(s, null_mut(), |c| {
        if c.in_before() && !c.is_init_finished() {
            return null_mut();
        }
        // SAFETY: s is live; the new reference goes to the caller.
        match unsafe { handles::ssl_arc(s) } {
            Some(a) => {
                let p = handles::ssl_ptr(&a);
                std::mem::forget(a);
                p
            }
            None => null_mut(),
        }
    })
}
