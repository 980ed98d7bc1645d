//! `X509`: one certificate, reference counted by libcrypto.

use std::ffi::c_long;
use std::ptr::{NonNull, null_mut};

use openssl_sys as ffi;

/// One reference to a libcrypto certificate.
pub struct X509(NonNull<ffi::X509>);

// SAFETY: libcrypto's certificates are reference counted atomically and not
// changed after parsing by anything this face does; OpenSSL shares them
// between threads the same way.
unsafe impl Send for X509 {}
// SAFETY: as above.
unsafe impl Sync for X509 {}

impl X509 {
    /// Parses a DER certificate (`d2i_X509`); `None` if libcrypto rejects it.
    pub fn from_der(der: &[u8]) -> Option<X509> {
        let len = c_long::try_from(der.len()).ok()?;
        let mut p = der.as_ptr();
        // SAFETY: p points to len readable bytes; a new object or NULL comes back.
        let x = unsafe { ffi::d2i_X509(null_mut(), &mut p, len) };
        NonNull::new(x).map(X509)
    }

    /// Takes over one reference the caller owns.
    ///
    /// # Safety
    /// `p` must be NULL or a certificate whose reference is handed over.
    pub unsafe fn from_owned_ptr(p: *mut ffi::X509) -> Option<X509> {
        NonNull::new(p).map(X509)
    }

    /// A new reference to a certificate the caller only borrows.
    ///
    /// # Safety
    /// `p` must be NULL or a live certificate.
    pub unsafe fn from_borrowed_ptr(p: *mut ffi::X509) -> Option<X509> {
        let p = NonNull::new(p)?;
        // SAFETY: p is live; the new reference is ours.
        unsafe { ffi::X509_up_ref(p.as_ptr()) };
        Some(X509(p))
    }

    /// The DER encoding (`i2d_X509`).
    pub fn to_der(&self) -> Vec<u8> {
        // SAFETY: a NULL buffer asks for the length only.
        let len = unsafe { ffi::i2d_X509(self.0.as_ptr(), null_mut()) };
        let Ok(n) = usize::try_from(len) else {
            return Vec::new();
        };
        let mut out = vec![0u8; n];
        let mut p = out.as_mut_ptr();
        // SAFETY: out has room for the len bytes just announced.
        let written = unsafe { ffi::i2d_X509(self.0.as_ptr(), &mut p) };
        out.truncate(usize::try_from(written).unwrap_or(0));
        out
    }

    /// The `EVP_PKEY_*` type of the certificate's public key.
    pub fn key_type(&self) -> Option<std::ffi::c_int> {
        // SAFETY: a live certificate; the key is borrowed from it.
        let k = unsafe { super::sys::X509_get0_pubkey(self.0.as_ptr()) };
        // SAFETY: a live key.
        (!k.is_null()).then(|| unsafe { super::sys::EVP_PKEY_get_base_id(k) })
    }

    /// Whether the certificate is self-signed (`X509_self_signed`).
    pub fn self_signed(&self) -> bool {
        // SAFETY: a live certificate; no signature check.
        unsafe { super::sys::X509_self_signed(self.0.as_ptr(), 0) == 1 }
    }

    /// The pointer, still owned by this value.
    pub fn as_ptr(&self) -> *mut ffi::X509 {
        self.0.as_ptr()
    }

    /// Hands this reference to C.
    pub fn into_ptr(self) -> *mut ffi::X509 {
        let p = self.0.as_ptr();
        std::mem::forget(self);
        p
    }
}

impl Clone for X509 {
    fn clone(&self) -> X509 {
        // SAFETY: self holds a reference, so the certificate is live.
        unsafe { ffi::X509_up_ref(self.0.as_ptr()) };
        X509(self.0)
    }
}

impl Drop for X509 {
    fn drop(&mut self) {
        // SAFETY: this value owns one reference.
        unsafe { ffi::X509_free(self.0.as_ptr()) };
    }
}

impl std::fmt::Debug for X509 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "X509({:p})", self.0)
    }
}

/// An `X509_NAME` parsed from its DER, for lookups by subject.
pub struct Name(NonNull<ffi::X509_NAME>);

impl Name {
    pub fn from_der(der: &[u8]) -> Option<Name> {
        let len = c_long::try_from(der.len()).ok()?;
        let mut p = der.as_ptr();
        // SAFETY: p points to len readable bytes.
        let n = unsafe { ffi::d2i_X509_NAME(null_mut(), &mut p, len) };
        NonNull::new(n).map(Name)
    }

    pub fn as_ptr(&self) -> *mut ffi::X509_NAME {
        self.0.as_ptr()
    }
}

impl Drop for Name {
    fn drop(&mut self) {
        // SAFETY: the name is ours.
        unsafe { ffi::X509_NAME_free(self.0.as_ptr()) };
    }
}
