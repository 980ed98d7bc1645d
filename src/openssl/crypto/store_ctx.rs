//! `X509_STORE_CTX`: one verification — the store, the certificate, the
//! untrusted chain, the parameters, the callback, and the state a verify
//! callback reads (error, depth, current certificate, chain so far).

use std::cell::RefCell;
use std::ffi::{CStr, c_int, c_void};
use std::ptr::{NonNull, null_mut};

use openssl_sys as ffi;

use super::param::ParamRef;
use super::stack::{self, X509Stack};
use super::store::Store;
use super::sys;
use super::types::VerifyCb;
use super::x509::{Name, X509};

/// An owned verification context. It keeps what `X509_STORE_CTX_init`
/// only points to (store, certificate, untrusted chain, current
/// certificate) alive until it is freed.
pub struct StoreCtx {
    ptr: NonNull<ffi::X509_STORE_CTX>,
    store: Option<Store>,
    leaf: Option<X509>,
    untrusted: Option<X509Stack>,
    current: RefCell<Option<X509>>,
}

impl StoreCtx {
    /// A context initialised with `store`, the certificate to verify and
    /// the peer's chain (`X509_STORE_CTX_new` + `X509_STORE_CTX_init`).
    pub fn new(store: Store, leaf: Option<X509>, untrusted: Option<X509Stack>) -> Option<StoreCtx> {
        // SAFETY: plain allocation.
        let ptr = NonNull::new(unsafe { ffi::X509_STORE_CTX_new() })?;
        let ctx = StoreCtx {
            ptr,
            store: Some(store),
            leaf,
            untrusted,
            current: RefCell::new(None),
        };
        let leaf = ctx.leaf.as_ref().map_or(null_mut(), X509::as_ptr);
        let chain = ctx.untrusted.as_ref().map_or(null_mut(), X509Stack::as_ptr);
        let store = ctx.store.as_ref().map_or(null_mut(), Store::as_ptr);
        // SAFETY: all pointers live as long as ctx (it owns them).
        let ok = unsafe { ffi::X509_STORE_CTX_init(ctx.as_ptr(), store, leaf, chain) } == 1;
        ok.then_some(ctx)
    }

    pub fn as_ptr(&self) -> *mut ffi::X509_STORE_CTX {
        self.ptr.as_ptr()
    }

    /// libcrypto's own verification (`X509_verify_cert`): true if it
    /// succeeds; the chain it built is then `chain`.
    pub fn verify(&self) -> bool {
        // SAFETY: an initialised context.
        unsafe { ffi::X509_verify_cert(self.as_ptr()) == 1 }
    }

    /// Stores a pointer at an ex_data index, for callbacks to read.
    ///
    /// # Safety
    /// `data` must stay valid as long as callbacks may use it.
    pub unsafe fn set_ex_data(&self, idx: c_int, data: *mut c_void) -> bool {
        // SAFETY: live context.
        unsafe { sys::X509_STORE_CTX_set_ex_data(self.as_ptr(), idx, data) == 1 }
    }

    /// `X509_STORE_CTX_set_default`: the named parameter set's values
    /// ("ssl_server", "ssl_client") fill those not yet set.
    pub fn set_default(&self, name: &CStr) -> bool {
        // SAFETY: live context, C string.
        unsafe { sys::X509_STORE_CTX_set_default(self.as_ptr(), name.as_ptr()) == 1 }
    }

    /// The context's own parameters.
    pub fn param(&self) -> Option<ParamRef<'_>> {
        // SAFETY: they live as long as the context.
        unsafe { ParamRef::from_ptr(sys::X509_STORE_CTX_get0_param(self.as_ptr())) }
    }

    pub fn set_verify_cb(&self, cb: VerifyCb) {
        // SAFETY: live context.
        unsafe { sys::X509_STORE_CTX_set_verify_cb(self.as_ptr(), cb) }
    }

    /// The callback a verification calls: the one set, the store's, or
    /// libcrypto's default (which returns `preverify_ok`).
    pub fn verify_cb(&self) -> VerifyCb {
        // SAFETY: live context.
        unsafe { sys::X509_STORE_CTX_get_verify_cb(self.as_ptr()) }
    }

    pub fn error(&self) -> i32 {
        // SAFETY: live context.
        unsafe { ffi::X509_STORE_CTX_get_error(self.as_ptr()) }
    }

    pub fn set_error(&self, error: i32) {
        // SAFETY: live context.
        unsafe { ffi::X509_STORE_CTX_set_error(self.as_ptr(), error) }
    }

    pub fn error_depth(&self) -> i32 {
        // SAFETY: live context.
        unsafe { ffi::X509_STORE_CTX_get_error_depth(self.as_ptr()) }
    }

    pub fn set_error_depth(&self, depth: i32) {
        // SAFETY: live context.
        unsafe { sys::X509_STORE_CTX_set_error_depth(self.as_ptr(), depth) }
    }

    /// The certificate the callback is told about; the context keeps a
    /// reference (libcrypto only points to it).
    pub fn set_current_cert(&self, cert: &X509) {
        let cert = cert.clone();
        // SAFETY: live context; the certificate lives in `current` until
        // replaced or the context is freed.
        unsafe { ffi::X509_STORE_CTX_set_current_cert(self.as_ptr(), cert.as_ptr()) };
        *self.current.borrow_mut() = Some(cert);
    }

    /// Replaces the chain built so far (`X509_STORE_CTX_set0_verified_chain`).
    pub fn set_verified_chain(&self, chain: X509Stack) {
        // SAFETY: live context; it takes the stack and frees the old one.
        unsafe { sys::X509_STORE_CTX_set0_verified_chain(self.as_ptr(), chain.into_ptr()) }
    }

    /// The chain built, leaf first (`X509_STORE_CTX_get0_chain`), if any.
    pub fn chain(&self) -> Option<Vec<X509>> {
        // SAFETY: live context.
        let p = unsafe { ffi::X509_STORE_CTX_get0_chain(self.as_ptr()) };
        // SAFETY: NULL or the context's live stack.
        (!p.is_null()).then(|| unsafe { stack::certs_of(p) })
    }

    /// The trusted certificates whose subject has this DER encoding
    /// (`X509_STORE_CTX_get1_certs`: certificates already in the store, and
    /// those its lookups, e.g. hashed directories, find).
    pub fn certs_by_subject(&self, subject_der: &[u8]) -> Vec<X509> {
        let Some(name) = Name::from_der(subject_der) else {
            return Vec::new();
        };
        // SAFETY: live context and name; the stack returned is ours.
        let found = unsafe { sys::X509_STORE_CTX_get1_certs(self.as_ptr(), name.as_ptr()) };
        // SAFETY: NULL or a stack handed over with its references.
        unsafe { X509Stack::from_owned_ptr(found) }.map_or_else(Vec::new, |s| s.to_vec())
    }
}

impl Drop for StoreCtx {
    fn drop(&mut self) {
        // SAFETY: the context is ours; what it points to is freed after it
        // (fields drop after this).
        unsafe { ffi::X509_STORE_CTX_free(self.ptr.as_ptr()) };
    }
}
