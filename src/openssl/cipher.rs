//! C face of `SSL_CIPHER`: one static object per suite rustls implements
//! (`crate::ssl::config::suites`), which `SSL_get_current_cipher` and
//! `SSL_CIPHER_find` hand out, and its accessors. Suites OpenSSL has and
//! rustls does not (CBC, CCM, RSA key exchange…) have no object: looking
//! one up gives NULL / "(NONE)".

use std::ffi::{CStr, CString, c_char, c_int};
use std::ptr::{null, null_mut};
use std::sync::LazyLock;

use rustls::CipherSuite;

use super::handles::{SSL, SSL_CIPHER};
use crate::ffi;
use crate::ssl::config::suites::{self, Auth, Enc, Kx, SUITES, Suite};

/// libcrypto's object ids (obj_mac.h) the NID accessors report.
const NID_UNDEF: c_int = 0;
const NID_AES_128_GCM: c_int = 895;
const NID_AES_256_GCM: c_int = 901;
const NID_CHACHA20_POLY1305: c_int = 1018;
const NID_KX_ECDHE: c_int = 1038;
const NID_KX_ANY: c_int = 1063;
const NID_AUTH_RSA: c_int = 1046;
const NID_AUTH_ECDSA: c_int = 1047;
const NID_AUTH_ANY: c_int = 1064;

/// What OpenSSL returns for a NULL or unknown cipher.
const NONE: &CStr = c"(NONE)";

/// `SSL_CIPHER_description` needs a buffer of at least this size.
const DESCRIPTION_BUFFER: c_int = 128;

/// The NUL-terminated names of each suite, in `SUITES` order, made once:
/// their pointers stay valid for the life of the process.
static C_NAMES: LazyLock<Vec<(CString, CString)>> = LazyLock::new(|| {
    SUITES
        .iter()
        .map(|s| {
            let c = |n: &str| CString::new(n).unwrap_or_default();
            (c(s.name), c(s.std_name))
        })
        .collect()
});

fn c_names(s: &Suite) -> &'static (CString, CString) {
    let i = SUITES
        .iter()
        .position(|t| std::ptr::eq(t, s))
        .unwrap_or_default();
    &C_NAMES[i]
}

fn handle(s: Option<&'static Suite>) -> *const SSL_CIPHER {
    s.map_or(null(), |s| s as *const Suite as *const SSL_CIPHER)
}

/// The `SSL_CIPHER` of a suite, NULL if rustls does not implement it.
pub fn cipher_ptr(suite: CipherSuite) -> *const SSL_CIPHER {
    handle(suites::by_suite(suite))
}

/// The `SSL_CIPHER` of a suite by its two protocol bytes (0: none yet).
pub fn by_number(id: u16) -> *const SSL_CIPHER {
    cipher_ptr(CipherSuite::from(id))
}

/// # Safety
/// `p` must be NULL or a pointer from [`cipher_ptr`].
unsafe fn suite<'a>(p: *const SSL_CIPHER) -> Option<&'a Suite> {
    // SAFETY: per the contract above, p is NULL or points into SUITES.
    unsafe { (p as *const Suite).as_ref() }
}

/// Runs `f` on the suite behind `c`, or returns `fallback` for NULL.
fn with<T>(c: *const SSL_CIPHER, fallback: T, f: impl FnOnce(&Suite) -> T) -> T {
    // SAFETY: every SSL_CIPHER C has came from this library.
    ffi::guard(fallback, || Some(f(unsafe { suite(c) }?)))
}

/// OpenSSL's name ("ECDHE-RSA-AES128-GCM-SHA256"); "(NONE)" for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_name(c: *const SSL_CIPHER) -> *const c_char {
    with(c, NONE.as_ptr(), |s| c_names(s).0.as_ptr())
}

/// The IANA name ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"); "(NONE)" for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_standard_name(c: *const SSL_CIPHER) -> *const c_char {
    with(c, NONE.as_ptr(), |s| c_names(s).1.as_ptr())
}

/// OpenSSL's name for an IANA name; "(NONE)" if unknown or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn OPENSSL_cipher_name(rfc_name: *const c_char) -> *const c_char {
    ffi::guard(NONE.as_ptr(), || {
        // SAFETY: rfc_name is NULL or a NUL-terminated string.
        let name = unsafe { ffi::str_arg(rfc_name) }?;
        Some(c_names(suites::by_std_name(name)?).0.as_ptr())
    })
}

/// The symmetric key bits (also stored in `*alg_bits` unless NULL); 0 for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CIPHER_get_bits(c: *const SSL_CIPHER, alg_bits: *mut c_int) -> c_int {
    with(c, 0, |s| {
        if !alg_bits.is_null() {
            // SAFETY: the caller passes a valid int pointer or NULL.
            unsafe { *alg_bits = s.bits };
        }
        s.bits
    })
}

/// The lowest protocol version using it ("TLSv1.2", "TLSv1.3"); "(NONE)"
/// for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_version(c: *const SSL_CIPHER) -> *const c_char {
    with(c, NONE.as_ptr(), |s| {
        if s.is_tls13() { c"TLSv1.3" } else { c"TLSv1.2" }.as_ptr()
    })
}

/// 0x0300 followed by the two protocol bytes (e.g. 0x0300C02F).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_id(c: *const SSL_CIPHER) -> u32 {
    with(c, 0, Suite::id)
}

/// The two protocol bytes (e.g. 0xC02F).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_protocol_id(c: *const SSL_CIPHER) -> u16 {
    with(c, 0, |s| u16::from(s.suite))
}

/// The suite whose two protocol bytes `ptr` points to; NULL if rustls
/// does not implement it. (`ssl` only names the method: TLS here.)
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CIPHER_find(_ssl: *mut SSL, ptr: *const u8) -> *const SSL_CIPHER {
    ffi::guard(null(), || {
        // SAFETY: ptr is NULL or points to two bytes.
        let bytes = unsafe { ffi::bytes_arg(ptr, 2) }?;
        Some(handle(suites::by_protocol_id(u16::from_be_bytes([
            bytes[0], bytes[1],
        ]))))
    })
}

/// The key exchange's NID (`NID_kx_ecdhe`, or `NID_kx_any` for TLS 1.3).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_kx_nid(c: *const SSL_CIPHER) -> c_int {
    with(c, NID_UNDEF, |s| match s.kx {
        Kx::Ecdhe => NID_KX_ECDHE,
        Kx::Any => NID_KX_ANY,
    })
}

/// The authentication's NID (`NID_auth_rsa`, `NID_auth_ecdsa`, `NID_auth_any`).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_auth_nid(c: *const SSL_CIPHER) -> c_int {
    with(c, NID_UNDEF, |s| match s.auth {
        Auth::Rsa => NID_AUTH_RSA,
        Auth::Ecdsa => NID_AUTH_ECDSA,
        Auth::Any => NID_AUTH_ANY,
    })
}

/// The bulk cipher's NID; `NID_undef` (0) for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_cipher_nid(c: *const SSL_CIPHER) -> c_int {
    with(c, NID_UNDEF, |s| match s.enc {
        Enc::Aes128Gcm => NID_AES_128_GCM,
        Enc::Aes256Gcm => NID_AES_256_GCM,
        Enc::Chacha20Poly1305 => NID_CHACHA20_POLY1305,
    })
}

/// The record MAC's NID: `NID_undef` (0), every suite being an AEAD.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_get_digest_nid(c: *const SSL_CIPHER) -> c_int {
    with(c, NID_UNDEF, |_| NID_UNDEF)
}

/// 1: every suite is an AEAD; 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CIPHER_is_aead(c: *const SSL_CIPHER) -> c_int {
    with(c, 0, |_| 1)
}

/// One line as `openssl ciphers -v` prints it, into `buf` (at least 128
/// bytes, else NULL) or, if `buf` is NULL, into a new buffer the caller
/// frees with `OPENSSL_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CIPHER_description(
    c: *const SSL_CIPHER,
    buf: *mut c_char,
    size: c_int,
) -> *mut c_char {
    with(c, null_mut(), |s| {
        let text = s.description();
        if buf.is_null() {
            return ffi::malloc_str(text.as_bytes());
        }
        if size < DESCRIPTION_BUFFER {
            return null_mut();
        }
        // SAFETY: buf has room for size bytes.
        unsafe { ffi::write_cbuf(buf, size as usize, text.as_bytes()) };
        buf
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(p: *const c_char) -> &'static str {
        // SAFETY: the accessors return static NUL-terminated strings.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    /// Values read from Debian 12's libssl with SSL_CIPHER_find.
    #[test]
    fn accessors_match_openssl() {
        let c = unsafe { SSL_CIPHER_find(null_mut(), [0xcc, 0xa9].as_ptr()) };
        assert_eq!(
            c,
            cipher_ptr(CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)
        );
        assert_eq!(
            text(SSL_CIPHER_get_name(c)),
            "ECDHE-ECDSA-CHACHA20-POLY1305"
        );
        assert_eq!(
            text(SSL_CIPHER_standard_name(c)),
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"
        );
        assert_eq!(SSL_CIPHER_get_id(c), 0x0300_cca9);
        assert_eq!(SSL_CIPHER_get_protocol_id(c), 0xcca9);
        let mut alg = -1;
        assert_eq!(unsafe { SSL_CIPHER_get_bits(c, &mut alg) }, 256);
        assert_eq!(alg, 256);
        assert_eq!(text(SSL_CIPHER_get_version(c)), "TLSv1.2");
        assert_eq!(
            (
                SSL_CIPHER_get_kx_nid(c),
                SSL_CIPHER_get_auth_nid(c),
                SSL_CIPHER_get_cipher_nid(c),
                SSL_CIPHER_get_digest_nid(c),
                SSL_CIPHER_is_aead(c)
            ),
            (1038, 1047, 1018, 0, 1)
        );
        let t = by_number(0x1301);
        assert_eq!(text(SSL_CIPHER_get_version(t)), "TLSv1.3");
        assert_eq!(
            (SSL_CIPHER_get_kx_nid(t), SSL_CIPHER_get_auth_nid(t)),
            (1063, 1064)
        );
        assert_eq!(SSL_CIPHER_get_cipher_nid(t), 895);
        assert_eq!(
            text(unsafe { OPENSSL_cipher_name(c"TLS_AES_128_GCM_SHA256".as_ptr()) }),
            "TLS_AES_128_GCM_SHA256"
        );
        assert_eq!(
            text(unsafe { OPENSSL_cipher_name(c"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256".as_ptr()) }),
            "ECDHE-RSA-AES128-GCM-SHA256"
        );
    }

    #[test]
    fn null_and_unknown() {
        assert!(by_number(0).is_null());
        assert!(unsafe { SSL_CIPHER_find(null_mut(), [0x00, 0x2f].as_ptr()) }.is_null());
        assert!(unsafe { SSL_CIPHER_find(null_mut(), null()) }.is_null());
        assert_eq!(text(SSL_CIPHER_get_name(null())), "(NONE)");
        assert_eq!(text(SSL_CIPHER_standard_name(null())), "(NONE)");
        assert_eq!(text(SSL_CIPHER_get_version(null())), "(NONE)");
        assert_eq!(unsafe { SSL_CIPHER_get_bits(null(), null_mut()) }, 0);
        assert_eq!(text(unsafe { OPENSSL_cipher_name(null()) }), "(NONE)");
        assert_eq!(
            text(unsafe { OPENSSL_cipher_name(c"nope".as_ptr()) }),
            "(NONE)"
        );
    }

    #[test]
    fn description_buffers() {
        let c = by_number(0xc02f);
        let mut small = [0 as c_char; 127];
        assert!(unsafe { SSL_CIPHER_description(c, small.as_mut_ptr(), 127) }.is_null());
        let mut buf = [0 as c_char; 128];
        let p = unsafe { SSL_CIPHER_description(c, buf.as_mut_ptr(), 128) };
        assert_eq!(p, buf.as_mut_ptr());
        assert!(text(p).starts_with("ECDHE-RSA-AES128-GCM-SHA256    TLSv1.2 Kx=ECDH"));
        let owned = unsafe { SSL_CIPHER_description(c, null_mut(), 0) };
        assert_eq!(text(owned), text(p));
        // SAFETY: malloc'd by the call.
        unsafe { libc::free(owned as *mut libc::c_void) };
    }
}
