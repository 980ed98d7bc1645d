//! What programs attach to or change in an `SSL_SESSION` besides the
//! session family's accessors (`ssl_session.rs`): their own pointers
//! (`SSL_SESSION_set_ex_data`), the recorded cipher suite, and its printed
//! form (`SSL_SESSION_print`).

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

use super::handles::{self, SSL_CIPHER, SSL_SESSION};
use crate::ffi;

/// Stores the application's pointer at `idx`; 1, or 0 for a NULL
/// session or a negative index (which libcrypto's ex_data refuses).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set_ex_data(
    s: *mut SSL_SESSION,
    idx: c_int,
    data: *mut c_void,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        if idx < 0 {
            return Some(0);
        }
        sess.lock().ex_data.insert(idx, data as usize);
        Some(1)
    })
}

/// The pointer stored at `idx`, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_ex_data(s: *const SSL_SESSION, idx: c_int) -> *mut c_void {
    ffi::guard(null_mut(), || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        let v = sess.lock().ex_data.get(&idx).copied().unwrap_or(0);
        Some(v as *mut c_void)
    })
}

/// Sets the suite a session records (what `SSL_SESSION_get0_cipher`
/// reports; a client resumes only with it); 1, or 0 for a NULL session.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set_cipher(
    s: *mut SSL_SESSION,
    cipher: *const SSL_CIPHER,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        let id = if cipher.is_null() {
            0
        } else {
            super::cipher::SSL_CIPHER_get_protocol_id(cipher)
        };
        sess.lock().cipher = id;
        Some(1)
    })
}
