//! C face of the verification parameters: the `X509_VERIFY_PARAM` each
//! `SSL_CTX` and `SSL` owns (an `SSL` inherits its context's at
//! `SSL_new`), and the libssl functions that set it: depth, host names
//! (an IP address given to `SSL_set1_host` is taken as one, as OpenSSL
//! 3.0 does), host flags, purpose, trust; the name that matched; the
//! security level, which verification uses as its auth level.

use std::ffi::{CStr, c_char, c_int, c_uint};
use std::ptr::{null, null_mut};

use super::crypto::ParamRef;
use super::crypto::param::is_ip_address;
use super::handles::{self, SSL, SSL_CTX, X509_VERIFY_PARAM};
use super::objects::{self, ConnCrypto, CtxCrypto};
use crate::ffi;
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::SslCtx;

fn with_ctx<T>(ctx: *const SSL_CTX, fallback: T, f: impl FnOnce(&SslCtx, &CtxCrypto) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL_CTX handle C passes is NULL or live.
        let c = unsafe { handles::ctx(ctx) }?;
        Some(f(c, objects::of_ctx(c)?))
    })
}

fn with_ssl<T>(s: *const SSL, fallback: T, f: impl FnOnce(&SslConn, &ConnCrypto) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL handle C passes is NULL or live.
        let c = unsafe { handles::ssl(s) }?;
        Some(f(c, objects::of_conn(c)?))
    })
}

/// A C string argument: `None` for NULL.
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string.
unsafe fn opt_cstr<'a>(p: *const c_char) -> Option<&'a CStr> {
    // SAFETY: per the contract above.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) })
}

/// `X509_VERIFY_PARAM_set1(to, from)`; NULL `from` changes nothing (1).
fn set1(to: ParamRef<'_>, from: *mut X509_VERIFY_PARAM) -> c_int {
    // SAFETY: from is NULL or live parameters of the caller.
    match unsafe { ParamRef::from_ptr(from.cast()) } {
        Some(from) => c_int::from(to.set1(from)),
        None => 1,
    }
}

// ---- the parameter sets -------------------------------------------------------

/// The context's parameters, borrowed; NULL for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get0_param(ctx: *mut SSL_CTX) -> *mut X509_VERIFY_PARAM {
    with_ctx(ctx, null_mut(), |_, c| c.param().as_ptr().cast())
}

/// The connection's parameters, borrowed; NULL for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get0_param(s: *mut SSL) -> *mut X509_VERIFY_PARAM {
    with_ssl(s, null_mut(), |_, c| c.param().as_ptr().cast())
}

/// Copies the values `vpm` has set into the context's parameters.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set1_param(
    ctx: *mut SSL_CTX,
    vpm: *mut X509_VERIFY_PARAM,
) -> c_int {
    with_ctx(ctx, 0, |_, c| set1(c.param(), vpm))
}

/// Copies the values `vpm` has set into the connection's parameters.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set1_param(s: *mut SSL, vpm: *mut X509_VERIFY_PARAM) -> c_int {
    with_ssl(s, 0, |_, c| set1(c.param(), vpm))
}

// ---- depth ---------------------------------------------------------------------------

/// The most intermediates a chain may have (-1, the default: libcrypto's
/// limit of 100).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_verify_depth(ctx: *mut SSL_CTX, depth: c_int) {
    with_ctx(ctx, (), |_, c| c.param().set_depth(depth))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_verify_depth(ctx: *const SSL_CTX) -> c_int {
    with_ctx(ctx, 0, |_, c| c.param().depth())
}

/// As `SSL_CTX_set_verify_depth`, for one connection.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_verify_depth(s: *mut SSL, depth: c_int) {
    with_ssl(s, (), |_, c| c.param().set_depth(depth))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_verify_depth(s: *const SSL) -> c_int {
    with_ssl(s, 0, |_, c| c.param().depth())
}

// ---- names -----------------------------------------------------------------------------

/// The name the peer's certificate must match: an IP address (as
/// `X509_VERIFY_PARAM_set1_ip_asc` reads it) or a DNS name; NULL clears the
/// names. 1, or 0 if refused.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set1_host(s: *mut SSL, hostname: *const c_char) -> c_int {
    with_ssl(s, 0, |_, c| {
        // SAFETY: hostname is NULL or a C string.
        let host = unsafe { opt_cstr(hostname) };
        if host.is_some_and(|h| c.param().set1_ip_asc(h)) {
            return 1;
        }
        c_int::from(c.param().set1_host(host))
    })
}

/// Adds a name the peer's certificate may match; an IP address replaces
/// none (there is one at most: 0 if one is set).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_add1_host(s: *mut SSL, hostname: *const c_char) -> c_int {
    with_ssl(s, 0, |_, c| {
        // SAFETY: hostname is NULL or a C string.
        let host = unsafe { opt_cstr(hostname) };
        if let Some(h) = host.filter(|h| is_ip_address(h)) {
            if c.param().ip().is_some() {
                return 0;
            }
            return c_int::from(c.param().set1_ip_asc(h));
        }
        c_int::from(c.param().add1_host(host))
    })
}

/// `X509_CHECK_FLAG_*` for matching the names.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_hostflags(s: *mut SSL, flags: c_uint) {
    with_ssl(s, (), |_, c| c.param().set_hostflags(flags))
}

/// The name of the peer's certificate that matched in the last
/// verification, or NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get0_peername(s: *mut SSL) -> *const c_char {
    with_ssl(s, null(), |_, c| {
        c.with_peername(|n| n.map_or(null(), |n| n.as_ptr()))
    })
}

// ---- purpose and trust -----------------------------------------------------------------

/// The `X509_PURPOSE_*` the peer's certificate is checked for (by default
/// the peer's role); 0 for an unknown one.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_purpose(ctx: *mut SSL_CTX, purpose: c_int) -> c_int {
    with_ctx(ctx, 0, |_, c| {
        let ok = c.param().set_purpose(purpose);
        if ok {
            c.purpose_trust.set_purpose(purpose);
        }
        c_int::from(ok)
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_purpose(s: *mut SSL, purpose: c_int) -> c_int {
    with_ssl(s, 0, |_, c| {
        let ok = c.param().set_purpose(purpose);
        if ok {
            c.purpose_trust.set_purpose(purpose);
        }
        c_int::from(ok)
    })
}

/// The `X509_TRUST_*` setting trust anchors are checked for; 0 for an
/// unknown one.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_trust(ctx: *mut SSL_CTX, trust: c_int) -> c_int {
    with_ctx(ctx, 0, |_, c| {
        let ok = c.param().set_trust(trust);
        if ok {
            c.purpose_trust.set_trust(trust);
        }
        c_int::from(ok)
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_trust(s: *mut SSL, trust: c_int) -> c_int {
    with_ssl(s, 0, |_, c| {
        let ok = c.param().set_trust(trust);
        if ok {
            c.purpose_trust.set_trust(trust);
        }
        c_int::from(ok)
    })
}

// ---- security level ------------------------------------------------------------------------

/// The security level: 2 by default, as Debian's system configuration
/// makes it; verification requires it of keys and digests. Any value is
/// stored.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_security_level(ctx: *mut SSL_CTX, level: c_int) {
    with_ctx(ctx, (), |c, _| {
        c.config.update(|s| s.set_security_level(level))
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_security_level(ctx: *const SSL_CTX) -> c_int {
    with_ctx(ctx, 0, |c, _| c.config.read(|s| s.security_level()))
}

/// As `SSL_CTX_set_security_level`, for one connection (the context's
/// level until set).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_security_level(s: *mut SSL, level: c_int) {
    with_ssl(s, (), |c, _| {
        c.update_settings(|st| st.set_security_level(level))
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_security_level(s: *const SSL) -> c_int {
    with_ssl(s, 0, |c, _| c.settings(|st| st.security_level()))
}
