//! `X509_VERIFY_PARAM`: what a verification checks (flags, depth, time,
//! purpose and trust, security level, host names, e-mail, IP address).

use std::ffi::{CStr, c_int};
use std::marker::PhantomData;
use std::ptr::NonNull;

use openssl_sys as ffi;

use super::{sys, take_string};

/// An owned parameter set (`X509_VERIFY_PARAM_new`/`_free`).
pub struct Param(NonNull<ffi::X509_VERIFY_PARAM>);

// SAFETY: libcrypto reads a parameter set from any thread; changes come
// from the program through C (as with OpenSSL, it must not change one that
// a handshake is reading) or from `&self` setters under the same rule.
unsafe impl Send for Param {}
// SAFETY: as above.
unsafe impl Sync for Param {}

impl Param {
    /// Empty parameters: every value unset, so that inheriting takes the
    /// other side's.
    pub fn new() -> Option<Param> {
        // SAFETY: plain allocation.
        NonNull::new(unsafe { ffi::X509_VERIFY_PARAM_new() }).map(Param)
    }

    pub fn view(&self) -> ParamRef<'_> {
        ParamRef {
            ptr: self.0,
            _life: PhantomData,
        }
    }

    pub fn as_ptr(&self) -> *mut ffi::X509_VERIFY_PARAM {
        self.0.as_ptr()
    }
}

impl Drop for Param {
    fn drop(&mut self) {
        // SAFETY: the parameters are ours.
        unsafe { ffi::X509_VERIFY_PARAM_free(self.0.as_ptr()) };
    }
}

/// Parameters owned by something else (a store, a context, a `Param`).
#[derive(Clone, Copy)]
pub struct ParamRef<'a> {
    ptr: NonNull<ffi::X509_VERIFY_PARAM>,
    _life: PhantomData<&'a ()>,
}

impl ParamRef<'_> {
    /// # Safety
    /// `p` must be NULL or parameters that live as long as the result.
    pub unsafe fn from_ptr<'a>(p: *mut ffi::X509_VERIFY_PARAM) -> Option<ParamRef<'a>> {
        NonNull::new(p).map(|ptr| ParamRef {
            ptr,
            _life: PhantomData,
        })
    }

    pub fn as_ptr(&self) -> *mut ffi::X509_VERIFY_PARAM {
        self.ptr.as_ptr()
    }

    /// `X509_VERIFY_PARAM_set1`: every value `from` has set overwrites ours.
    pub fn set1(&self, from: ParamRef<'_>) -> bool {
        // SAFETY: both live.
        unsafe { sys::X509_VERIFY_PARAM_set1(self.as_ptr(), from.as_ptr()) == 1 }
    }

    /// `X509_VERIFY_PARAM_inherit`: `from`'s values fill those we left unset.
    pub fn inherit(&self, from: ParamRef<'_>) -> bool {
        // SAFETY: both live.
        unsafe { sys::X509_VERIFY_PARAM_inherit(self.as_ptr(), from.as_ptr()) == 1 }
    }

    /// `X509_V_FLAG_*`.
    pub fn flags(&self) -> u64 {
        // SAFETY: live parameters.
        unsafe { ffi::X509_VERIFY_PARAM_get_flags(self.as_ptr()) }
    }

    /// -1: unset.
    pub fn depth(&self) -> i32 {
        // SAFETY: live parameters.
        unsafe { sys::X509_VERIFY_PARAM_get_depth(self.as_ptr()) }
    }

    pub fn set_depth(&self, depth: i32) {
        // SAFETY: live parameters.
        unsafe { ffi::X509_VERIFY_PARAM_set_depth(self.as_ptr(), depth) }
    }

    /// -1: unset.
    pub fn auth_level(&self) -> i32 {
        // SAFETY: live parameters.
        unsafe { ffi::X509_VERIFY_PARAM_get_auth_level(self.as_ptr()) }
    }

    pub fn set_auth_level(&self, level: i32) {
        // SAFETY: live parameters.
        unsafe { ffi::X509_VERIFY_PARAM_set_auth_level(self.as_ptr(), level) }
    }

    /// The check time (seconds since the epoch), used with
    /// `X509_V_FLAG_USE_CHECK_TIME`.
    pub fn time(&self) -> i64 {
        // SAFETY: live parameters.
        unsafe { sys::X509_VERIFY_PARAM_get_time(self.as_ptr()) }
    }

    /// `X509_VERIFY_PARAM_set_purpose`: false for an unknown purpose.
    pub fn set_purpose(&self, purpose: i32) -> bool {
        // SAFETY: live parameters.
        unsafe { ffi::X509_VERIFY_PARAM_set_purpose(self.as_ptr(), purpose) == 1 }
    }

    /// `X509_VERIFY_PARAM_set_trust`: false for an unknown trust id.
    pub fn set_trust(&self, trust: i32) -> bool {
        // SAFETY: live parameters.
        unsafe { sys::X509_VERIFY_PARAM_set_trust(self.as_ptr(), trust) == 1 }
    }

    /// The names the peer must match, in order.
    pub fn hosts(&self) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for idx in 0..c_int::MAX {
            // SAFETY: live parameters; an index past the end gives NULL.
            let p = unsafe { sys::X509_VERIFY_PARAM_get0_host(self.as_ptr(), idx) };
            if p.is_null() {
                break;
            }
            // SAFETY: a NUL-terminated string owned by the parameters.
            out.push(unsafe { CStr::from_ptr(p) }.to_bytes().to_vec());
        }
        out
    }

    /// `X509_VERIFY_PARAM_set1_host` (NULL clears the list).
    pub fn set1_host(&self, host: Option<&CStr>) -> bool {
        let p = host.map_or(std::ptr::null(), CStr::as_ptr);
        // SAFETY: live parameters; NULL or a C string (length 0: strlen).
        unsafe { ffi::X509_VERIFY_PARAM_set1_host(self.as_ptr(), p, 0) == 1 }
    }

    /// `X509_VERIFY_PARAM_add1_host`.
    pub fn add1_host(&self, host: Option<&CStr>) -> bool {
        let p = host.map_or(std::ptr::null(), CStr::as_ptr);
        // SAFETY: as above.
        unsafe { sys::X509_VERIFY_PARAM_add1_host(self.as_ptr(), p, 0) == 1 }
    }

    /// `X509_CHECK_FLAG_*` for the host names.
    pub fn hostflags(&self) -> u32 {
        // SAFETY: live parameters.
        unsafe { sys::X509_VERIFY_PARAM_get_hostflags(self.as_ptr()) }
    }

    pub fn set_hostflags(&self, flags: u32) {
        // SAFETY: live parameters.
        unsafe { ffi::X509_VERIFY_PARAM_set_hostflags(self.as_ptr(), flags) }
    }

    pub fn email(&self) -> Option<Vec<u8>> {
        // SAFETY: live parameters; the string is theirs.
        let p = unsafe { sys::X509_VERIFY_PARAM_get0_email(self.as_ptr()) };
        // SAFETY: NULL or a NUL-terminated string.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_bytes().to_vec())
    }

    /// The IP address the peer must match, as 4 or 16 bytes.
    pub fn ip(&self) -> Option<Vec<u8>> {
        // libcrypto queues an error when there is none: the mark drops it.
        // SAFETY: no arguments.
        unsafe { sys::ERR_set_mark() };
        // SAFETY: live parameters; the text is a new allocation for us.
        let text = unsafe { take_string(sys::X509_VERIFY_PARAM_get1_ip_asc(self.as_ptr())) };
        // SAFETY: the mark set above.
        unsafe { sys::ERR_pop_to_mark() };
        let text = text?;
        let addr: std::net::IpAddr = std::str::from_utf8(&text).ok()?.parse().ok()?;
        Some(match addr {
            std::net::IpAddr::V4(a) => a.octets().to_vec(),
            std::net::IpAddr::V6(a) => a.octets().to_vec(),
        })
    }

    /// `X509_VERIFY_PARAM_set1_ip_asc`: false if `text` is no IP address.
    pub fn set1_ip_asc(&self, text: &CStr) -> bool {
        // SAFETY: live parameters, C string.
        unsafe { sys::X509_VERIFY_PARAM_set1_ip_asc(self.as_ptr(), text.as_ptr()) == 1 }
    }

    /// The name that matched in the last verification with these parameters.
    pub fn peername(&self) -> Option<Vec<u8>> {
        // SAFETY: live parameters.
        let p = unsafe { sys::X509_VERIFY_PARAM_get0_peername(self.as_ptr()) };
        // SAFETY: NULL or a NUL-terminated string.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_bytes().to_vec())
    }
}

/// Whether libcrypto reads `text` as an IP address (`a2i_IPADDRESS`), as
/// `SSL_add1_host` asks.
pub fn is_ip_address(text: &CStr) -> bool {
    // SAFETY: a C string; the result is ours to free.
    let ip = unsafe { sys::a2i_IPADDRESS(text.as_ptr()) };
    if ip.is_null() {
        return false;
    }
    // SAFETY: as above.
    unsafe { ffi::ASN1_OCTET_STRING_free(ip) };
    true
}
