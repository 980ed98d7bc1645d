//! `STACK_OF(X509_NAME)`: the CA names of client CA lists, each name owned
//! by the stack.

use std::ffi::{c_int, c_long, c_void};
use std::ptr::{NonNull, null_mut};

use openssl_sys as ffi;

use super::sys;
use super::x509::X509;

pub struct NameStack(NonNull<ffi::OPENSSL_STACK>);

// SAFETY: only changed through `&mut self`; names are plain data.
unsafe impl Send for NameStack {}
// SAFETY: shared access only reads.
unsafe impl Sync for NameStack {}

unsafe extern "C" fn free_name(p: *mut c_void) {
    // SAFETY: every element is a name owned by the stack.
    unsafe { ffi::X509_NAME_free(p.cast()) };
}

impl NameStack {
    pub fn new() -> Option<NameStack> {
        // SAFETY: plain allocation.
        NonNull::new(unsafe { ffi::OPENSSL_sk_new_null() }).map(NameStack)
    }

    /// Takes over a stack (and its names) the caller owns.
    ///
    /// # Safety
    /// `p` must be NULL or a `STACK_OF(X509_NAME)` handed over.
    pub unsafe fn from_owned_ptr(p: *mut c_void) -> Option<NameStack> {
        NonNull::new(p.cast()).map(NameStack)
    }

    /// A copy of a borrowed stack (each name duplicated).
    ///
    /// # Safety
    /// `p` must be NULL or a live `STACK_OF(X509_NAME)`.
    pub unsafe fn copy_of(p: *const c_void) -> Option<NameStack> {
        let mut out = NameStack::new()?;
        if p.is_null() {
            return Some(out);
        }
        let raw = p as *const ffi::OPENSSL_STACK;
        // SAFETY: per the contract above.
        let n = unsafe { ffi::OPENSSL_sk_num(raw) };
        for i in 0..n.max(0) {
            // SAFETY: i < n; the element is a live name.
            let name = unsafe { ffi::OPENSSL_sk_value(raw, i) } as *const ffi::X509_NAME;
            // SAFETY: as above.
            unsafe { out.push_copy(name) }?;
        }
        Some(out)
    }

    /// Appends a copy of `name`.
    ///
    /// # Safety
    /// `name` must be a live `X509_NAME`.
    pub unsafe fn push_copy(&mut self, name: *const ffi::X509_NAME) -> Option<()> {
        // SAFETY: per the contract above.
        let dup = unsafe { sys::X509_NAME_dup(name) };
        if dup.is_null() {
            return None;
        }
        // SAFETY: the stack is ours and takes the copy.
        if unsafe { ffi::OPENSSL_sk_push(self.0.as_ptr(), dup.cast()) } <= 0 {
            // SAFETY: not taken: ours to free.
            unsafe { ffi::X509_NAME_free(dup) };
            return None;
        }
        Some(())
    }

    /// Appends the subject of `cert` unless an equal name is there
    /// (`SSL_load_client_CA_file`'s rule); true if added.
    pub fn add_subject(&mut self, cert: &X509) -> bool {
        // SAFETY: a live certificate; the name is borrowed from it.
        let name = unsafe { ffi::X509_get_subject_name(cert.as_ptr()) };
        if name.is_null() {
            return false;
        }
        let der = name_der(name);
        if self.ders().contains(&der) {
            return false;
        }
        // SAFETY: a live name.
        unsafe { self.push_copy(name) }.is_some()
    }

    /// A stack of the names given in DER.
    pub fn from_ders(ders: &[Vec<u8>]) -> Option<NameStack> {
        let out = NameStack::new()?;
        for d in ders {
            let len = c_long::try_from(d.len()).ok()?;
            let mut p = d.as_ptr();
            // SAFETY: p points to len bytes; a new name or NULL comes back.
            let n = unsafe { ffi::d2i_X509_NAME(null_mut(), &mut p, len) };
            if n.is_null() {
                continue;
            }
            // SAFETY: the stack takes the new name.
            if unsafe { ffi::OPENSSL_sk_push(out.0.as_ptr(), n.cast()) } <= 0 {
                // SAFETY: not taken.
                unsafe { ffi::X509_NAME_free(n) };
            }
        }
        Some(out)
    }

    /// The DER of each name, in order.
    pub fn ders(&self) -> Vec<Vec<u8>> {
        // SAFETY: the stack is live.
        let n = unsafe { ffi::OPENSSL_sk_num(self.0.as_ptr()) };
        (0..n.max(0) as c_int)
            .map(|i| {
                // SAFETY: i < n.
                name_der(unsafe { ffi::OPENSSL_sk_value(self.0.as_ptr(), i) }.cast())
            })
            .collect()
    }

    pub fn as_ptr(&self) -> *mut c_void {
        self.0.as_ptr().cast()
    }
}

/// The DER encoding of a name (empty if it cannot be encoded).
fn name_der(name: *const ffi::X509_NAME) -> Vec<u8> {
    // SAFETY: a live name; NULL asks for the length.
    let len = unsafe { sys::i2d_X509_NAME(name, null_mut()) };
    let Ok(n) = usize::try_from(len) else {
        return Vec::new();
    };
    let mut out = vec![0u8; n];
    let mut p = out.as_mut_ptr();
    // SAFETY: out has room for n bytes.
    let w = unsafe { sys::i2d_X509_NAME(name, &mut p) };
    out.truncate(usize::try_from(w).unwrap_or(0));
    out
}

impl Drop for NameStack {
    fn drop(&mut self) {
        // SAFETY: the stack and its names are ours.
        unsafe { ffi::OPENSSL_sk_pop_free(self.0.as_ptr(), Some(free_name)) };
    }
}
