//! Library initialisation. rustls needs none and libcrypto initialises
//! itself, so these only report success, as OpenSSL's do once it is set up.

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
/// are macros for it); 1.
#[unsafe(no_mangle)]
pub extern "C" fn OPENSSL_init_ssl(opts: u64, settings: *const OPENSSL_INIT_SETTINGS) -> c_int {
    let _ = (opts, settings); // nothing depends on them
    1
}

/// Loads libssl's error strings (deprecated); 1.
#[unsafe(no_mangle)]
pub extern "C" fn ERR_load_SSL_strings() -> c_int {
    1
}
