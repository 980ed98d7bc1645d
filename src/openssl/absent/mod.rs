//! Features this library does not offer (DANE, Certificate Transparency
//! checks, early data, key updates and renegotiation, post-handshake
//! authentication, SRTP, SRP, compression, record padding, max fragment
//! length, PSK hints, configuration modules, ClientHello callbacks,
//! asynchronous jobs), answered as OpenSSL answers when the feature is
//! unused: its "none" values (every out-parameter written), the objects
//! it never leaves NULL, its failure values and the errors it queues.
//! Setting a feature up fails (0, or the function's failure value) where
//! OpenSSL would have turned it on, so programs report it instead of
//! believing it works; the few things that are real here (the CT log
//! store, the read-ahead flag, buffer and SRP bookkeeping) are.

mod dane_ct;
mod placeholders;
mod post_handshake;
mod queries;
mod setup;

use super::handles::{self, SSL, SSL_CTX};
use crate::ffi;
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::SslCtx;

/// libssl reasons these functions queue (sslerr.h).
const STILL_IN_INIT: i32 = 121;
const CONTEXT_NOT_DANE_ENABLED: i32 = 167;
const DANE_NOT_ENABLED: i32 = 175;
const READ_BIO_NOT_SET: i32 = 211;
const SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH: i32 = 232;
const WRONG_SSL_VERSION: i32 = 266;
const UNINITIALIZED: i32 = 276;
const EXTENSION_NOT_RECEIVED: i32 = 279;
const NOT_SERVER: i32 = 284;
const NO_RENEGOTIATION: i32 = 339;
const SRTP_UNKNOWN_PROTECTION_PROFILE: i32 = 364;
/// `ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED` (common, fatal).
const SHOULD_NOT_HAVE_BEEN_CALLED: i32 = 257 | (1 << 18) | (2 << 18);

const TLS1_3_VERSION: u16 = 0x0304;

fn with_ctx<T>(ctx: *const SSL_CTX, fallback: T, f: impl FnOnce(&SslCtx) -> T) -> T {
    // SAFETY: every SSL_CTX handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::ctx(ctx) }?)))
}

fn with_conn<T>(s: *const SSL, fallback: T, f: impl FnOnce(&SslConn) -> T) -> T {
    // SAFETY: every SSL handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::ssl(s) }?)))
}

/// Writes `v` through `p` unless NULL.
///
/// # Safety
/// `p` must be NULL or writable.
unsafe fn put<T>(p: *mut T, v: T) {
    if !p.is_null() {
        // SAFETY: per the contract above.
        unsafe { p.write(v) };
    }
}
