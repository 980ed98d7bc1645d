//! C face of `ne_utils.h`: version, features, debugging, status lines.

use std::ffi::{c_char, c_int};

use crate::ffi;
use crate::http::status;

/// Response status, as filled by `ne_parse_statusline` and returned by `ne_get_status`.
#[repr(C)]
pub struct ne_status {
    pub major_version: c_int,
    pub minor_version: c_int,
    pub code: c_int,
    /// Class of the status code (1–5).
    pub klass: c_int,
    pub reason_phrase: *mut c_char,
}

pub const NE_FEATURE_SSL: c_int = 1;
pub const NE_FEATURE_ZLIB: c_int = 2;
pub const NE_FEATURE_IPV6: c_int = 3;
pub const NE_FEATURE_LFS: c_int = 4;
pub const NE_FEATURE_SOCKS: c_int = 5;
pub const NE_FEATURE_TS_SSL: c_int = 6;
pub const NE_FEATURE_I18N: c_int = 7;
pub const NE_FEATURE_SSPI: c_int = 8;
/// GSSAPI (Negotiate/Kerberos) authentication (neon 0.34).
pub const NE_FEATURE_GSSAPI: c_int = 9;
/// System proxy settings through libproxy (neon 0.34).
pub const NE_FEATURE_LIBPXY: c_int = 10;
/// NTLM authentication through Libntlm (neon 0.37).
pub const NE_FEATURE_NTLM: c_int = 11;

pub const NE_DBG_SOCKET: c_int = 1 << 0;
pub const NE_DBG_HTTP: c_int = 1 << 1;
pub const NE_DBG_XML: c_int = 1 << 2;
pub const NE_DBG_HTTPAUTH: c_int = 1 << 3;
pub const NE_DBG_HTTPPLAIN: c_int = 1 << 4;
pub const NE_DBG_LOCKS: c_int = 1 << 5;
pub const NE_DBG_XMLPARSE: c_int = 1 << 6;
pub const NE_DBG_HTTPBODY: c_int = 1 << 7;
pub const NE_DBG_SSL: c_int = 1 << 8;
pub const NE_DBG_FLUSH: c_int = 1 << 30;

/// Debug channels enabled by `ne_debug_init` (read by `ne_debug` in the C shim).
#[unsafe(no_mangle)]
pub static mut ne_debug_mask: c_int = 0;

/// Debug stream set by `ne_debug_init`.
#[unsafe(no_mangle)]
pub static mut ne_debug_stream: *mut libc::FILE = std::ptr::null_mut();

/// The newest neon release whose API this library provides: 0.32.5's
/// behaviour, plus the functions neon added up to 0.37 (see README.md,
/// "One library for 0.32.5 and 0.37 programs").
const NEON_MAJOR: c_int = 0;
const NEON_MINOR: c_int = 37;
/// What `ne_version_library` reports.
static LIBRARY_VERSION: &str = "0.37.1\0";
/// Oldest 0.x minor release that is API-compatible with this one.
const OLDEST_COMPAT_MINOR: c_int = 27;

static VERSION_STRING: &str = concat!(
    "neon 0.32.5: Library build, IPv6, zlib-rs 0.6, neon-rs ",
    env!("CARGO_PKG_VERSION"),
    ", rustls 0.23 (aws-lc-rs) (thread-safe).\0"
);

#[unsafe(no_mangle)]
pub extern "C" fn ne_version_string() -> *const c_char {
    VERSION_STRING.as_ptr() as *const c_char
}

/// The version of the neon API the library provides ("0.37.1").
#[unsafe(no_mangle)]
pub extern "C" fn ne_version_library() -> *const c_char {
    LIBRARY_VERSION.as_ptr() as *const c_char
}

/// Returns 0 when the library is compatible with `major.minor`: any minor
/// version from 27 to 37. As neon 0.32.5 does, `major` is ignored.
#[unsafe(no_mangle)]
pub extern "C" fn ne_version_match(major: c_int, minor: c_int) -> c_int {
    let _ = major;
    let compatible = NEON_MAJOR == 0 && (OLDEST_COMPAT_MINOR..=NEON_MINOR).contains(&minor);
    c_int::from(!compatible)
}

/// 1 for what this library has, else 0. Present: TLS (`NE_FEATURE_SSL`),
/// gzip responses (`ZLIB`), IPv6 addresses (`IPV6`), TLS from several
/// threads (`TS_SSL`). Absent: translated messages (`I18N`: English only),
/// SSPI, GSSAPI and NTLM authentication, libproxy (`ne_session_system_proxy`
/// does nothing). `LFS` is 0 as in neon wherever `off_t` already has 64 bits
/// (files of any size work), and `SOCKS` is 0 as in every neon since 0.29,
/// which made that code obsolete and never present although SOCKS proxies
/// (`ne_session_socks_proxy`) are built in, here too.
#[unsafe(no_mangle)]
pub extern "C" fn ne_has_support(feature: c_int) -> c_int {
    c_int::from(matches!(
        feature,
        NE_FEATURE_SSL | NE_FEATURE_ZLIB | NE_FEATURE_IPV6 | NE_FEATURE_TS_SSL
    ))
}

/// The core's debug sink: each line to the program's stream, as neon's
/// `ne_debug` writes it.
fn debug_sink(line: &[u8], flush: bool) {
    crate::ffi::sys::debug_write(line, flush)
}

/// Sets the debug stream and channel mask; a non-NULL stream is made
/// unbuffered. The core's trace points (`crate::debug`) follow the same mask;
/// with a NULL stream they are all off.
///
/// # Safety
/// `stream` must be NULL or a valid `FILE*`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_debug_init(stream: *mut libc::FILE, mask: c_int) {
    ffi::guard((), || {
        // SAFETY: plain stores to the exported data symbols, as neon does.
        unsafe {
            ne_debug_stream = stream;
            ne_debug_mask = mask;
        }
        if !stream.is_null() {
            // SAFETY: the caller passes a valid FILE*.
            unsafe { libc::setvbuf(stream, std::ptr::null_mut(), libc::_IONBF, 0) };
        }
        let sink: Option<std::sync::Arc<crate::debug::Sink>> =
            (!stream.is_null()).then(|| std::sync::Arc::new(debug_sink) as _);
        crate::debug::init(mask, sink);
        Some(())
    })
}

/// Parses a status line into `st`; the reason phrase is malloc'd and cleaned of
/// non-printable bytes. Returns 0 on success, -1 on a malformed line.
///
/// # Safety
/// `status_line` must be a C string and `st` writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_parse_statusline(
    status_line: *const c_char,
    st: *mut ne_status,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: forwarded contract.
        let line = unsafe { ffi::cstr_arg(status_line) }?;
        // SAFETY: checked for NULL by as_mut.
        let st = unsafe { st.as_mut() }?;
        let Some(parsed) = status::parse(line) else {
            return Some(-1);
        };
        let reason = ffi::malloc_str(parsed.reason);
        // SAFETY: reason is a fresh NUL-terminated malloc'd copy.
        crate::text::clean(unsafe {
            std::slice::from_raw_parts_mut(reason as *mut u8, parsed.reason.len())
        });
        st.major_version = parsed.major;
        st.minor_version = parsed.minor;
        st.code = parsed.code;
        st.klass = parsed.klass;
        st.reason_phrase = reason;
        Some(0)
    })
}
