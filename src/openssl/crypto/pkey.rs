//! `EVP_PKEY`: a private key, reference counted by libcrypto, and the PEM
//! and DER readers of keys and certificates (with the program's password
//! callback for encrypted PEM keys).

use std::ffi::{c_int, c_long, c_void};
use std::ptr::{NonNull, null_mut};

use openssl_sys as ffi;

use super::sys;
use super::x509::X509;

/// `int (*cb)(char *buf, int size, int rwflag, void *u)`.
pub type PasswordCb = ffi::pem_password_cb;

/// `EVP_PKEY_RSA`.
pub const EVP_PKEY_RSA: c_int = 6;

/// One reference to a libcrypto key.
pub struct PKey(NonNull<ffi::EVP_PKEY>);

// SAFETY: libcrypto's keys are reference counted atomically; nothing here
// changes a key after it is made, as OpenSSL shares them between threads.
unsafe impl Send for PKey {}
// SAFETY: as above.
unsafe impl Sync for PKey {}

/// A read-only memory BIO over `bytes`, freed on drop.
struct MemBio(NonNull<ffi::BIO>);

impl MemBio {
    fn new(bytes: &[u8]) -> Option<MemBio> {
        let len = c_int::try_from(bytes.len()).ok()?;
        // SAFETY: the BIO reads `bytes`, which outlives it (dropped first).
        NonNull::new(unsafe { ffi::BIO_new_mem_buf(bytes.as_ptr().cast(), len) }).map(MemBio)
    }
}

impl Drop for MemBio {
    fn drop(&mut self) {
        // SAFETY: the BIO is ours.
        unsafe { ffi::BIO_free_all(self.0.as_ptr()) };
    }
}

impl PKey {
    /// Takes over one reference the caller owns.
    ///
    /// # Safety
    /// `p` must be NULL or a key whose reference is handed over.
    pub unsafe fn from_owned_ptr(p: *mut ffi::EVP_PKEY) -> Option<PKey> {
        NonNull::new(p).map(PKey)
    }

    /// A new reference to a key the caller only borrows.
    ///
    /// # Safety
    /// `p` must be NULL or a live key.
    pub unsafe fn from_borrowed_ptr(p: *mut ffi::EVP_PKEY) -> Option<PKey> {
        let p = NonNull::new(p)?;
        // SAFETY: p is live; the new reference is ours.
        unsafe { ffi::EVP_PKEY_up_ref(p.as_ptr()) };
        Some(PKey(p))
    }

    /// The first private key of PEM text, decrypted with `cb`/`u` if it is
    /// encrypted (NULL `cb`: libcrypto's default prompt), as
    /// `PEM_read_bio_PrivateKey` reads it.
    ///
    /// # Safety
    /// `cb` and `u` must be a password callback and its argument (or NULL).
    pub unsafe fn from_pem(pem: &[u8], cb: PasswordCb, u: *mut c_void) -> Option<PKey> {
        let bio = MemBio::new(pem)?;
        // SAFETY: a live BIO; the callback and its argument are the program's.
        let k = unsafe { ffi::PEM_read_bio_PrivateKey(bio.0.as_ptr(), null_mut(), cb, u) };
        NonNull::new(k).map(PKey)
    }

    /// A DER private key of any type (PKCS#8 or the key's own form).
    pub fn from_der(der: &[u8]) -> Option<PKey> {
        let len = c_long::try_from(der.len()).ok()?;
        let mut p = der.as_ptr();
        // SAFETY: p points to len readable bytes.
        let k = unsafe { ffi::d2i_AutoPrivateKey(null_mut(), &mut p, len) };
        NonNull::new(k).map(PKey)
    }

    /// A DER private key of the given `EVP_PKEY_*` type.
    pub fn from_der_typed(kind: c_int, der: &[u8]) -> Option<PKey> {
        let len = c_long::try_from(der.len()).ok()?;
        let mut p = der.as_ptr();
        // SAFETY: p points to len readable bytes.
        let k = unsafe { sys::d2i_PrivateKey(kind, null_mut(), &mut p, len) };
        NonNull::new(k).map(PKey)
    }

    /// An RSA key (`RSA *`, borrowed) as an `EVP_PKEY`.
    ///
    /// # Safety
    /// `rsa` must be a live `RSA`.
    pub unsafe fn from_rsa(rsa: *mut ffi::RSA) -> Option<PKey> {
        if rsa.is_null() {
            return None;
        }
        // SAFETY: plain allocation.
        let k = PKey(NonNull::new(unsafe { ffi::EVP_PKEY_new() })?);
        // SAFETY: both live; the key takes its own reference to rsa.
        (unsafe { ffi::EVP_PKEY_set1_RSA(k.as_ptr(), rsa) } == 1).then_some(k)
    }

    /// The key in PKCS#8 DER, the form rustls loads every key type from.
    pub fn to_pkcs8(&self) -> Option<Vec<u8>> {
        // SAFETY: a live key; a new PKCS8_PRIV_KEY_INFO or NULL comes back.
        let info = unsafe { ffi::EVP_PKEY2PKCS8(self.as_ptr()) };
        if info.is_null() {
            return None;
        }
        // SAFETY: info is live; a NULL buffer asks for the length.
        let len = unsafe { sys::i2d_PKCS8_PRIV_KEY_INFO(info, null_mut()) };
        let out = usize::try_from(len).ok().map(|n| {
            let mut out = vec![0u8; n];
            let mut p = out.as_mut_ptr();
            // SAFETY: out has room for the len bytes announced.
            let w = unsafe { sys::i2d_PKCS8_PRIV_KEY_INFO(info, &mut p) };
            out.truncate(usize::try_from(w).unwrap_or(0));
            out
        });
        // SAFETY: info is ours.
        unsafe { ffi::PKCS8_PRIV_KEY_INFO_free(info) };
        out.filter(|o| !o.is_empty())
    }

    /// `EVP_PKEY_get_base_id`.
    pub fn base_id(&self) -> c_int {
        // SAFETY: a live key.
        unsafe { sys::EVP_PKEY_get_base_id(self.as_ptr()) }
    }

    /// Whether `cert`'s public key is this key's (`X509_check_private_key`,
    /// which leaves an error on the queue when not).
    pub fn matches(&self, cert: &X509) -> bool {
        // SAFETY: both live.
        unsafe { sys::X509_check_private_key(cert.as_ptr(), self.as_ptr()) == 1 }
    }

    pub fn as_ptr(&self) -> *mut ffi::EVP_PKEY {
        self.0.as_ptr()
    }
}

impl Clone for PKey {
    fn clone(&self) -> PKey {
        // SAFETY: self holds a reference.
        unsafe { ffi::EVP_PKEY_up_ref(self.0.as_ptr()) };
        PKey(self.0)
    }
}

impl Drop for PKey {
    fn drop(&mut self) {
        // SAFETY: this value owns one reference.
        unsafe { ffi::EVP_PKEY_free(self.0.as_ptr()) };
    }
}

/// The certificates of PEM text, in order, as `PEM_read_bio_X509` reads
/// them (the first may be a "TRUSTED CERTIFICATE", as
/// `PEM_read_bio_X509_AUX` allows); stops at the first that is not one.
///
/// # Safety
/// `cb` and `u` must be a password callback and its argument (or NULL).
pub unsafe fn certs_from_pem(pem: &[u8], cb: PasswordCb, u: *mut c_void) -> Vec<X509> {
    let Some(bio) = MemBio::new(pem) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    loop {
        // SAFETY: a live BIO; the callback and argument are the program's.
        let x = unsafe {
            if out.is_empty() {
                sys::PEM_read_bio_X509_AUX(bio.0.as_ptr(), null_mut(), cb, u)
            } else {
                ffi::PEM_read_bio_X509(bio.0.as_ptr(), null_mut(), cb, u)
            }
        };
        // SAFETY: a new certificate or NULL.
        match unsafe { X509::from_owned_ptr(x) } {
            Some(x) => out.push(x),
            None => break,
        }
    }
    if !out.is_empty() {
        // The end of the file leaves a "no start line" error, as in
        // OpenSSL's chain loader, which removes it.
        // SAFETY: no arguments.
        unsafe { ffi::ERR_clear_error() };
    }
    out
}
