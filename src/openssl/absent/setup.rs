//! SRP, buffers and read-ahead, configuration modules, extension types,
//! SRTP, max fragment length, block padding, PSK hints and server info.

use std::ffi::{c_char, c_int, c_uint};

use super::*;
use crate::openssl::crypto::err::{self, reasons};

/// `SSL3_AL_FATAL` with `SSL_AD_INTERNAL_ERROR`: no SRP parameters.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_srp_server_param_with_username(_s: *mut SSL, ad: *mut c_int) -> c_int {
    // SAFETY: ad is NULL or writable.
    unsafe { put(ad, 80) };
    2
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_SRP_CTX_init(ctx: *mut SSL_CTX) -> c_int {
    with_ctx(ctx, 0, |_| 1)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_SRP_CTX_free(ctx: *mut SSL_CTX) -> c_int {
    SSL_CTX_SRP_CTX_init(ctx)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_SRP_CTX_init(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| 1)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_SRP_CTX_free(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| 1)
}

/// 1: rustls manages the buffers itself (nothing to allocate or free).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_alloc_buffers(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| 1)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_free_buffers(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| 1)
}

/// The read-ahead flag, kept as OpenSSL keeps it (rustls always reads
/// what the socket has).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_read_ahead(s: *mut SSL, yes: c_int) {
    with_conn(s, (), |c| {
        c.update_settings(|st| st.set_read_ahead(yes));
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_read_ahead(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| c.settings(|st| st.read_ahead()))
}

/// The extension types libssl handles itself (which custom extensions may
/// not use): OpenSSL's list.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_extension_supported(ext_type: c_uint) -> c_int {
    c_int::from(matches!(
        ext_type,
        0 | 1
            | 5
            | 10
            | 11
            | 12
            | 13
            | 14
            | 16
            | 18
            | 21
            | 22
            | 23
            | 35
            | 41
            | 42
            | 43
            | 44
            | 45
            | 47
            | 49
            | 51
            | 13172
            | 0xff01
    ))
}

/// SRTP profiles: none is known, so every list fails as one of unknown
/// names does (1 is failure here).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_tlsext_use_srtp(
    _ctx: *mut SSL_CTX,
    _profiles: *const c_char,
) -> c_int {
    err::raise(SRTP_UNKNOWN_PROTECTION_PROFILE, c"ssl_ctx_make_profiles");
    1
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_tlsext_use_srtp(_s: *mut SSL, _profiles: *const c_char) -> c_int {
    err::raise(SRTP_UNKNOWN_PROTECTION_PROFILE, c"ssl_ctx_make_profiles");
    1
}

/// `TLSEXT_max_fragment_length_DISABLED` (0) is what a connection has: 1;
/// the lengths 1..4 are not offered: 0; other values are invalid as in
/// OpenSSL.
fn max_fragment_length(mode: u8, func: &std::ffi::CStr) -> c_int {
    match mode {
        0 => 1,
        1..=4 => 0,
        _ => {
            err::raise(SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH, func);
            0
        }
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_tlsext_max_fragment_length(ctx: *mut SSL_CTX, mode: u8) -> c_int {
    with_ctx(ctx, 0, |_| {
        max_fragment_length(mode, c"SSL_CTX_set_tlsext_max_fragment_length")
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_tlsext_max_fragment_length(s: *mut SSL, mode: u8) -> c_int {
    with_conn(s, 0, |_| {
        max_fragment_length(mode, c"SSL_set_tlsext_max_fragment_length")
    })
}

/// Block padding: 0 or 1 (no padding) is what records have: 1; padding to
/// a block is not offered: 0.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_block_padding(ctx: *mut SSL_CTX, block_size: usize) -> c_int {
    with_ctx(ctx, 0, |_| c_int::from(block_size <= 1))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_block_padding(s: *mut SSL, block_size: usize) -> c_int {
    with_conn(s, 0, |_| c_int::from(block_size <= 1))
}

/// Removing the PSK identity hint (NULL) succeeds: there is none; setting
/// one fails (PSK is not offered).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_use_psk_identity_hint(ctx: *mut SSL_CTX, hint: *const c_char) -> c_int {
    with_ctx(ctx, 0, |_| c_int::from(hint.is_null()))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_use_psk_identity_hint(s: *mut SSL, hint: *const c_char) -> c_int {
    with_conn(s, 0, |_| c_int::from(hint.is_null()))
}

/// Server info for extensions: none is sent. Empty data is refused as
/// OpenSSL refuses it; real data fails (custom extensions are not offered).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_use_serverinfo_ex(
    ctx: *mut SSL_CTX,
    _version: c_uint,
    serverinfo: *const u8,
    len: usize,
) -> c_int {
    if serverinfo.is_null() || len == 0 || with_ctx(ctx, true, |_| false) {
        err::raise(reasons::PASSED_NULL_PARAMETER, c"SSL_CTX_use_serverinfo_ex");
    }
    0
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_use_serverinfo(
    ctx: *mut SSL_CTX,
    serverinfo: *const u8,
    len: usize,
) -> c_int {
    SSL_CTX_use_serverinfo_ex(ctx, 1, serverinfo, len)
}
