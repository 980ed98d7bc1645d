//! Safe wrappers over the system libcrypto's objects that the libssl face
//! hands to programs or receives from them: certificates ([`X509`]),
//! certificate stacks ([`X509Stack`]), trust stores ([`Store`]),
//! verification contexts ([`StoreCtx`]), verification parameters
//! ([`Param`]) and the thread's error queue ([`err`]).
//!
//! libcrypto.so.3 is always loaded beside libssl.so.3, and programs use its
//! functions on the objects we give them (`X509_STORE_add_cert` on
//! `SSL_CTX_get_cert_store`, `X509_VERIFY_PARAM_set1_host` on
//! `SSL_get0_param`…), so these are the real objects, made and freed by
//! libcrypto. Every owning wrapper holds one reference and drops it.
//!
//! All `unsafe` of the binding stays in this module.

pub mod err;
pub mod param;
pub mod stack;
pub mod store;
pub mod store_ctx;
mod sys;
pub mod x509;

pub use param::{Param, ParamRef};
pub use stack::X509Stack;
pub use store::Store;
pub use store_ctx::StoreCtx;
pub use x509::X509;

/// The C types, for the face's signatures.
pub mod types {
    pub use openssl_sys::{
        X509 as X509_raw, X509_STORE, X509_STORE_CTX, X509_VERIFY_PARAM, stack_st_X509,
    };
    /// `int (*verify_cb)(int preverify_ok, X509_STORE_CTX *ctx)`.
    pub type VerifyCb =
        Option<unsafe extern "C" fn(std::ffi::c_int, *mut X509_STORE_CTX) -> std::ffi::c_int>;
}

/// A libcrypto string (`OPENSSL_free`'d) copied out.
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string allocated by libcrypto that
/// the caller owns.
unsafe fn take_string(p: *mut std::ffi::c_char) -> Option<Vec<u8>> {
    if p.is_null() {
        return None;
    }
    // SAFETY: per the contract above.
    let bytes = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes().to_vec();
    // SAFETY: the string is libcrypto's and ours to free.
    unsafe { openssl_sys::CRYPTO_free(p.cast(), c"crypto".as_ptr(), 0) };
    Some(bytes)
}
