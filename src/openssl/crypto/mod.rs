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

pub mod bio;
pub mod ctlog;
pub mod err;
pub mod lhash;
pub mod names;
pub mod param;
pub mod pem_io;
pub mod pkey;
pub mod ptr_stack;
pub mod stack;
pub mod store;
pub mod store_ctx;
pub mod sys;
pub mod x509;

pub use names::NameStack;
pub use param::{Param, ParamRef};
pub use pkey::PKey;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::cert::tests::self_signed;

    fn cert(cn: &str) -> crate::tls::cert::Certificate {
        let mut p = rcgen::CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(rcgen::DnType::CommonName, cn);
        self_signed(p)
    }

    #[test]
    fn certificates_stacks_and_stores() {
        let (a, b) = (cert("a"), cert("b"));
        let xa = X509::from_der(a.der()).expect("parsed by libcrypto");
        assert_eq!(xa.to_der(), a.der());
        assert!(X509::from_der(b"not a certificate").is_none());
        let xb = X509::from_der(b.der()).unwrap();
        let stack = X509Stack::from_certs([&xa, &xb]).unwrap();
        assert_eq!(stack.len(), 2);
        let back = stack.to_vec();
        assert_eq!(back[0].as_ptr(), xa.as_ptr());
        assert_eq!(back[1].to_der(), b.der());

        // The store finds what was added by subject, through a context.
        let store = Store::new().unwrap();
        assert!(store.add_cert(&xa));
        let lookup = StoreCtx::new(store.clone(), None, None).unwrap();
        let found = lookup.certs_by_subject(a.subject().der());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].to_der(), a.der());
        assert!(lookup.certs_by_subject(b.subject().der()).is_empty());
        assert!(lookup.certs_by_subject(b"garbage").is_empty());
    }

    #[test]
    fn parameters_inherit_and_overwrite() {
        let ctx = Param::new().unwrap();
        let conn = Param::new().unwrap();
        let (c, s) = (ctx.view(), conn.view());
        assert_eq!((c.depth(), c.auth_level(), c.flags()), (-1, -1, 0));
        c.set_depth(5);
        assert!(c.set1_host(Some(c"example.org")));
        assert!(s.inherit(c));
        assert_eq!(s.depth(), 5);
        assert_eq!(s.hosts(), vec![b"example.org".to_vec()]);
        s.set_depth(2);
        assert!(s.inherit(c));
        assert_eq!(s.depth(), 2, "inherit keeps what is set");
        assert!(s.set1(c));
        assert_eq!(s.depth(), 5, "set1 overwrites");
        assert!(s.add1_host(Some(c"www.example.org")));
        assert_eq!(s.hosts().len(), 2);
        assert!(s.ip().is_none());
        assert!(s.set1_ip_asc(c"::1"));
        assert_eq!(s.ip().unwrap().len(), 16);
        assert!(!s.set1_ip_asc(c"not an address"));
        assert!(param::is_ip_address(c"127.0.0.1"));
        assert!(!param::is_ip_address(c"localhost"));
        assert!(s.set_purpose(1) && !s.set_purpose(999));
        s.set_hostflags(4);
        assert_eq!(s.hostflags(), 4);
        assert!(s.peername().is_none());
    }
}
