//! `X509_STORE`: trusted certificates, CRLs and lookup methods (files,
//! hashed directories, URIs), with their own verification parameters.

use std::ffi::{CStr, c_int};
use std::ptr::{NonNull, null};

use openssl_sys as ffi;

use super::param::ParamRef;
use super::sys;
use super::x509::X509;

/// One reference to a libcrypto trust store.
pub struct Store(NonNull<ffi::X509_STORE>);

// SAFETY: X509_STORE is reference counted atomically and locks itself for
// additions and lookups.
unsafe impl Send for Store {}
// SAFETY: as above.
unsafe impl Sync for Store {}

/// `X509_L_FILE_LOAD`, `X509_L_ADD_DIR`, `X509_L_ADD_STORE`, `X509_FILETYPE_DEFAULT`.
const X509_L_FILE_LOAD: c_int = 1;
const X509_L_ADD_DIR: c_int = 2;
const X509_L_ADD_STORE: c_int = 4;
const X509_FILETYPE_DEFAULT: i64 = 3;

impl Store {
    /// An empty store (`X509_STORE_new`).
    pub fn new() -> Option<Store> {
        // SAFETY: plain allocation.
        NonNull::new(unsafe { ffi::X509_STORE_new() }).map(Store)
    }

    /// Takes over one reference the caller owns.
    ///
    /// # Safety
    /// `p` must be NULL or a store whose reference is handed over.
    pub unsafe fn from_owned_ptr(p: *mut ffi::X509_STORE) -> Option<Store> {
        NonNull::new(p).map(Store)
    }

    /// A new reference to a store the caller only borrows.
    ///
    /// # Safety
    /// `p` must be NULL or a live store.
    pub unsafe fn from_borrowed_ptr(p: *mut ffi::X509_STORE) -> Option<Store> {
        let p = NonNull::new(p)?;
        // SAFETY: p is live; the new reference is ours.
        unsafe { sys::X509_STORE_up_ref(p.as_ptr()) };
        Some(Store(p))
    }

    pub fn as_ptr(&self) -> *mut ffi::X509_STORE {
        self.0.as_ptr()
    }

    /// `X509_STORE_add_cert` (the store takes its own reference).
    pub fn add_cert(&self, cert: &X509) -> bool {
        // SAFETY: both are live.
        unsafe { ffi::X509_STORE_add_cert(self.as_ptr(), cert.as_ptr()) == 1 }
    }

    /// `X509_STORE_load_file`: the certificates and CRLs of a PEM file.
    pub fn load_file(&self, file: &CStr) -> bool {
        // SAFETY: live store, C string.
        unsafe { sys::X509_STORE_load_file(self.as_ptr(), file.as_ptr()) == 1 }
    }

    /// `X509_STORE_load_path`: a hashed directory list, looked up on demand.
    pub fn load_path(&self, path: &CStr) -> bool {
        // SAFETY: live store, C string.
        unsafe { sys::X509_STORE_load_path(self.as_ptr(), path.as_ptr()) == 1 }
    }

    /// `X509_STORE_load_store`: an OSSL_STORE URI.
    pub fn load_store(&self, uri: &CStr) -> bool {
        // SAFETY: live store, C string.
        unsafe { sys::X509_STORE_load_store(self.as_ptr(), uri.as_ptr()) == 1 }
    }

    /// `X509_STORE_set_default_paths`: libcrypto's default file, directory
    /// and store (or $SSL_CERT_FILE, $SSL_CERT_DIR).
    pub fn set_default_paths(&self) -> bool {
        // SAFETY: live store.
        unsafe { ffi::X509_STORE_set_default_paths(self.as_ptr()) == 1 }
    }

    /// The default CA file alone (`SSL_CTX_set_default_verify_file`);
    /// a missing file is no error, as in libssl.
    pub fn add_default_file(&self) -> bool {
        // SAFETY: live store; the lookup method is static.
        self.default_lookup(
            unsafe { ffi::X509_LOOKUP_file() },
            X509_L_FILE_LOAD,
            X509_FILETYPE_DEFAULT,
        )
    }

    /// The default CA directory alone (`SSL_CTX_set_default_verify_dir`).
    pub fn add_default_dir(&self) -> bool {
        // SAFETY: as above.
        self.default_lookup(
            unsafe { ffi::X509_LOOKUP_hash_dir() },
            X509_L_ADD_DIR,
            X509_FILETYPE_DEFAULT,
        )
    }

    /// The default OSSL_STORE URI alone (`SSL_CTX_set_default_verify_store`).
    pub fn add_default_store(&self) -> bool {
        // SAFETY: as above.
        self.default_lookup(unsafe { sys::X509_LOOKUP_store() }, X509_L_ADD_STORE, 0)
    }

    /// Adds a lookup method and points it at its default location; errors
    /// of a missing location are dropped from the queue.
    fn default_lookup(&self, method: *mut ffi::X509_LOOKUP_METHOD, cmd: c_int, arg: i64) -> bool {
        // SAFETY: live store and a libcrypto lookup method.
        let lookup = unsafe { ffi::X509_STORE_add_lookup(self.as_ptr(), method) };
        if lookup.is_null() {
            return false;
        }
        // SAFETY: the mark brackets the errors of the one call below.
        unsafe { sys::ERR_set_mark() };
        // SAFETY: lookup is the store's; NULL asks for the default location.
        unsafe { ffi::X509_LOOKUP_ctrl(lookup, cmd, null(), arg as _, std::ptr::null_mut()) };
        // SAFETY: the mark set above.
        unsafe { sys::ERR_pop_to_mark() };
        true
    }

    /// The store's own verification parameters (`X509_STORE_get0_param`).
    pub fn param(&self) -> Option<ParamRef<'_>> {
        // SAFETY: the store is live for the borrow.
        unsafe { ParamRef::from_ptr(sys::X509_STORE_get0_param(self.as_ptr())) }
    }
}

impl Clone for Store {
    fn clone(&self) -> Store {
        // SAFETY: self holds a reference.
        unsafe { sys::X509_STORE_up_ref(self.as_ptr()) };
        Store(self.0)
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // SAFETY: one reference is ours.
        unsafe { ffi::X509_STORE_free(self.as_ptr()) };
    }
}
