//! Library initialisation. rustls needs none and libcrypto initialises
//! itself; what is left is registering libssl's error texts with libcrypto.

use std::ffi::c_int;

/// `OPENSSL_init_ssl` option: do not load libssl's error strings.
pub const OPENSSL_INIT_NO_LOAD_SSL_STRINGS: u64 = 0x00100000;
/// `OPENSSL_init_ssl` option: load libssl's error strings.
pub const OPENSSL_INIT_LOAD_SSL_STRINGS: u64 = 0x00200000;

/// libcrypto's initialisation settings (unused).
pub struct ossl_init_settings_st {
    _private: [u8; 0],
}
pub type OPENSSL_INIT_SETTINGS = ossl_init_settings_st;

/// Initialises the library (`SSL_library_init` and `SSL_load_error_strings`
/// are macros for it): libssl's error texts unless asked not to; 1.
#[unsafe(no_mangle)]
pub extern "C" fn OPENSSL_init_ssl(opts: u64, settings: *const OPENSSL_INIT_SETTINGS) -> c_int {
    let _ = settings; // libcrypto's configuration is its own
    crate::ffi::guard(0, || {
        if opts & OPENSSL_INIT_NO_LOAD_SSL_STRINGS == 0 {
            super::crypto::err::load_ssl_strings();
        }
        Some(1)
    })
}

/// Loads libssl's error strings (deprecated); 1.
#[unsafe(no_mangle)]
pub extern "C" fn ERR_load_SSL_strings() -> c_int {
    crate::ffi::guard(0, || {
        super::crypto::err::load_ssl_strings();
        Some(1)
    })
}
