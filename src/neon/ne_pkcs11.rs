//! C face of `ne_pkcs11.h`: PKCS#11 providers of client certificates.
//!
//! neon-rs has no PKCS#11 support, and behaves as a neon built without it
//! (Debian's is one): no provider can be created, and the functions that
//! take one do nothing.

use std::ffi::{c_char, c_int, c_uint, c_void};

use super::ne_session::ne_session;
use crate::ffi;

/// A PKCS#11 provider; none can be created by this library.
pub struct ne_ssl_pkcs11_provider_s {
    _private: [u8; 0],
}
pub type ne_ssl_pkcs11_provider = ne_ssl_pkcs11_provider_s;

/// The provider was initialised.
pub const NE_PK11_OK: c_int = 0;
/// PKCS#11 is not supported by this library.
pub const NE_PK11_NOTIMPL: c_int = -1;
/// The provider could not be initialised.
pub const NE_PK11_FAILED: c_int = -2;

/// PIN entry flag: an incorrect PIN has been entered.
pub const NE_SSL_P11PIN_COUNT_LOW: c_uint = 0x01;
/// PIN entry flag: the token will become locked if this PIN is incorrect.
pub const NE_SSL_P11PIN_FINAL_TRY: c_uint = 0x02;
/// Size of the buffer given to an ne_ssl_pkcs11_pin_fn callback.
pub const NE_SSL_P11PINLEN: c_int = 256;

/// Called to enter the PIN of a token: writes it NUL-terminated into `pin`
/// (NE_SSL_P11PINLEN bytes) and returns 0, or returns non-zero to give up.
pub type ne_ssl_pkcs11_pin_fn = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        attempt: c_int,
        slot_descr: *const c_char,
        token_label: *const c_char,
        flags: c_uint,
        pin: *mut c_char,
    ) -> c_int,
>;

/// Writes NULL through `provider`, so that no caller is left with an
/// uninitialised provider pointer.
unsafe fn no_provider(provider: *mut *mut ne_ssl_pkcs11_provider) {
    if !provider.is_null() {
        // SAFETY: the caller passes NULL or a writable provider pointer.
        unsafe { provider.write(std::ptr::null_mut()) };
    }
}

/// Would load the PKCS#11 module `name`; returns NE_PK11_NOTIMPL and sets
/// `*provider` (if `provider` is not NULL) to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_pkcs11_provider_init(
    provider: *mut *mut ne_ssl_pkcs11_provider,
    name: *const c_char,
) -> c_int {
    ffi::guard(NE_PK11_NOTIMPL, || {
        let _ = name;
        // SAFETY: forwarded contract.
        unsafe { no_provider(provider) };
        Some(NE_PK11_NOTIMPL)
    })
}

/// Would load NSS's softoken as a PKCS#11 provider; returns
/// NE_PK11_NOTIMPL and sets `*provider` (if `provider` is not NULL) to NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_pkcs11_nss_provider_init(
    provider: *mut *mut ne_ssl_pkcs11_provider,
    name: *const c_char,
    directory: *const c_char,
    cert_prefix: *const c_char,
    key_prefix: *const c_char,
    secmod_db: *const c_char,
) -> c_int {
    ffi::guard(NE_PK11_NOTIMPL, || {
        let _ = (name, directory, cert_prefix, key_prefix, secmod_db);
        // SAFETY: forwarded contract.
        unsafe { no_provider(provider) };
        Some(NE_PK11_NOTIMPL)
    })
}

/// Destroys a provider; there are none, so this does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_pkcs11_provider_destroy(provider: *mut ne_ssl_pkcs11_provider) {
    ffi::guard((), || {
        let _ = provider;
        Some(())
    })
}

/// Sets a provider's PIN callback; there are no providers, so this does
/// nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_pkcs11_provider_pin(
    provider: *mut ne_ssl_pkcs11_provider,
    func: ne_ssl_pkcs11_pin_fn,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        let _ = (provider, func, userdata);
        Some(())
    })
}

/// Would make the session take client certificates from a provider; there
/// are no providers, so this does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_set_pkcs11_provider(
    sess: *mut ne_session,
    provider: *mut ne_ssl_pkcs11_provider,
) {
    ffi::guard((), || {
        let _ = (sess, provider);
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr::{null, null_mut};

    #[test]
    fn no_provider_is_ever_made() {
        // A pointer the caller left pointing somewhere is reset.
        let mut dangling = std::ptr::NonNull::<ne_ssl_pkcs11_provider>::dangling().as_ptr();
        let name = c"p11-kit-proxy.so";
        unsafe {
            assert_eq!(
                ne_ssl_pkcs11_provider_init(&mut dangling, name.as_ptr()),
                NE_PK11_NOTIMPL
            );
            assert!(dangling.is_null());
            assert_eq!(
                ne_ssl_pkcs11_provider_init(null_mut(), null()),
                NE_PK11_NOTIMPL
            );
            let mut p = std::ptr::NonNull::dangling().as_ptr();
            assert_eq!(
                ne_ssl_pkcs11_nss_provider_init(&mut p, null(), null(), null(), null(), null()),
                NE_PK11_NOTIMPL
            );
            assert!(p.is_null());
            ne_ssl_pkcs11_provider_pin(null_mut(), None, null_mut());
            ne_ssl_set_pkcs11_provider(null_mut(), null_mut());
            ne_ssl_pkcs11_provider_destroy(null_mut());
        }
    }
}
