//! The security callback (`SSL_CTX_set_security_callback`…): a context
//! starts with OpenSSL's default policy, a function programs fetch with
//! `SSL_CTX_get_security_callback` to wrap and call (openssl s_client
//! -debug does), so the getter never returns NULL until a program sets
//! NULL. Handshakes do not consult it: rustls offers only suites, versions
//! and groups that pass level 2, and the security level is applied to
//! certificate verification.

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

use super::extras::{Extras, SecurityCb};
use super::handles::{self, SSL, SSL_CTX};
use super::objects;
use super::verify_param::{SSL_CTX_get_security_level, SSL_get_security_level};
use crate::ffi;

/// `SSL_SECOP_*` operations the default policy treats apart (ssl.h).
const SECOP_OTHER_CIPHER: c_int = 1 << 16;
const SECOP_CIPHER_SUPPORTED: c_int = 1 | SECOP_OTHER_CIPHER;
const SECOP_CIPHER_SHARED: c_int = 2 | SECOP_OTHER_CIPHER;
const SECOP_CIPHER_CHECK: c_int = 3 | SECOP_OTHER_CIPHER;
const SECOP_TMP_DH: c_int = 7 | (4 << 16);
const SECOP_VERSION: c_int = 9;
const SECOP_TICKET: c_int = 10;
const SECOP_COMPRESSION: c_int = 15;

/// OpenSSL's default policy: at level N (1..5) nothing weaker than
/// 80/112/128/192/256 bits; TLS 1.0 and older refused from level 3, TLS
/// 1.1 from level 4; no compression from level 2, no tickets from level 3.
fn default_policy(level: c_int, op: c_int, bits: c_int, nid: c_int) -> bool {
    if level <= 0 {
        return !(op == SECOP_TMP_DH && bits < 80);
    }
    let min_bits = [80, 112, 128, 192, 256][level.min(5) as usize - 1];
    match op {
        SECOP_CIPHER_SUPPORTED | SECOP_CIPHER_SHARED | SECOP_CIPHER_CHECK => bits >= min_bits,
        SECOP_VERSION => {
            // `nid` is the protocol version (0x0300 SSL 3.0 … 0x0304).
            let refused = (nid <= 0x0300 && level >= 2)
                || (nid <= 0x0301 && level >= 3)
                || (nid <= 0x0302 && level >= 4);
            !refused
        }
        SECOP_COMPRESSION => level < 2,
        SECOP_TICKET => level < 3,
        _ => bits >= min_bits,
    }
}

/// The default security callback: the context's level (else the
/// connection's, as OpenSSL reads them) under OpenSSL's default policy.
pub unsafe extern "C" fn default_cb(
    s: *const SSL,
    ctx: *const SSL_CTX,
    op: c_int,
    bits: c_int,
    nid: c_int,
    _other: *mut c_void,
    _ex: *mut c_void,
) -> c_int {
    let level = if ctx.is_null() {
        SSL_get_security_level(s)
    } else {
        SSL_CTX_get_security_level(ctx)
    };
    c_int::from(default_policy(level, op, bits, nid))
}

fn ctx_extras<T>(ctx: *const SSL_CTX, fallback: T, f: impl FnOnce(&Extras) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL_CTX handle C passes is NULL or live.
        let c = unsafe { handles::ctx(ctx) }?;
        Some(f(&objects::of_ctx(c)?.extras))
    })
}

fn conn_extras<T>(s: *const SSL, fallback: T, f: impl FnOnce(&Extras) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL handle C passes is NULL or live.
        let c = unsafe { handles::ssl(s) }?;
        Some(f(&objects::of_conn(c)?.extras))
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_security_callback(ctx: *mut SSL_CTX, cb: Option<SecurityCb>) {
    ctx_extras(ctx, (), |e| e.set_security_cb(cb))
}

/// The callback set, or the default policy; NULL only if a program set
/// NULL (or for a NULL context).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_security_callback(ctx: *const SSL_CTX) -> Option<SecurityCb> {
    ctx_extras(ctx, None, Extras::security_cb)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_security_callback(s: *mut SSL, cb: Option<SecurityCb>) {
    conn_extras(s, (), |e| e.set_security_cb(cb))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_security_callback(s: *const SSL) -> Option<SecurityCb> {
    conn_extras(s, None, Extras::security_cb)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set0_security_ex_data(ctx: *mut SSL_CTX, ex: *mut c_void) {
    ctx_extras(ctx, (), |e| e.set_security_ex(ex as usize))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get0_security_ex_data(ctx: *const SSL_CTX) -> *mut c_void {
    ctx_extras(ctx, null_mut(), |e| e.security_ex() as *mut c_void)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set0_security_ex_data(s: *mut SSL, ex: *mut c_void) {
    conn_extras(s, (), |e| e.set_security_ex(ex as usize))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get0_security_ex_data(s: *const SSL) -> *mut c_void {
    conn_extras(s, null_mut(), |e| e.security_ex() as *mut c_void)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy_follows_levels() {
        assert!(default_policy(0, SECOP_CIPHER_CHECK, 0, 0));
        assert!(!default_policy(0, SECOP_TMP_DH, 64, 0));
        assert!(default_policy(1, SECOP_CIPHER_CHECK, 80, 0));
        assert!(!default_policy(2, SECOP_CIPHER_CHECK, 80, 0));
        assert!(default_policy(2, SECOP_VERSION, 0, 0x0301));
        assert!(!default_policy(3, SECOP_VERSION, 0, 0x0301));
        assert!(default_policy(3, SECOP_VERSION, 0, 0x0303));
        assert!(!default_policy(2, SECOP_COMPRESSION, 0, 0));
        assert!(!default_policy(3, SECOP_TICKET, 0, 0));
        assert!(default_policy(9, SECOP_CIPHER_CHECK, 256, 0));
        assert!(!default_policy(9, SECOP_CIPHER_CHECK, 255, 0));
    }
}
