//! C face of `SSL_SESSION`: creation, reference counts, copies and the
//! accessors, over [`crate::tls::TlsSession`] (an `Arc`; the reference
//! count is its strong count).
//!
//! OpenSSL checks few arguments here; where it would crash on NULL these
//! return 0 (NULL).

use std::ffi::{CStr, c_char, c_int, c_long, c_uint, c_ulong};
use std::ptr::{null, null_mut};

use super::handles::{self, SSL_CIPHER, SSL_SESSION};
use crate::ffi::{self, arc};
use crate::tls::TlsSession;
use crate::tls::session::{MAX_ID_LEN, SessionData};

/// The timeout of a session made by SSL_SESSION_new (OpenSSL's 60 * 5 + 4).
const NEW_SESSION_TIMEOUT: i64 = 304;

/// Where an empty id or id context points (OpenSSL's fixed arrays are
/// never NULL).
static EMPTY: [u8; 1] = [0];

/// Runs `f` on the session behind `s`, or returns `fallback` for NULL.
fn with<T>(s: *const SSL_SESSION, fallback: T, f: impl FnOnce(&TlsSession) -> T) -> T {
    // SAFETY: every SSL_SESSION handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::session(s) }?)))
}

/// Runs `f` on the locked fields of the session behind `s`.
fn with_data<T>(s: *const SSL_SESSION, fallback: T, f: impl FnOnce(&mut SessionData) -> T) -> T {
    with(s, fallback, |s| f(&mut s.lock()))
}

/// A byte field for C, with its length stored in `len` (if not NULL).
///
/// # Safety
/// `len` must be NULL or valid for a write.
unsafe fn bytes_out(v: &[u8], len: *mut c_uint) -> *const u8 {
    if !len.is_null() {
        // SAFETY: per the contract above.
        unsafe { *len = v.len() as c_uint };
    }
    if v.is_empty() {
        EMPTY.as_ptr()
    } else {
        v.as_ptr()
    }
}

/// Reads a (pointer, length) field argument of at most 32 bytes.
///
/// # Safety
/// `p` must be NULL or valid for reads of `len` bytes.
unsafe fn bounded_arg<'a>(p: *const u8, len: c_uint) -> Option<&'a [u8]> {
    if len as usize > MAX_ID_LEN {
        return None;
    }
    // SAFETY: per the contract above.
    unsafe { ffi::bytes_arg(p, len as usize) }
}

/// A new, empty session: no id, version or cipher, not resumable; its time
/// is now and its timeout 304 seconds. The caller owns the reference.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_new() -> *mut SSL_SESSION {
    ffi::guard(null_mut(), || {
        Some(arc::into_raw(TlsSession::new(NEW_SESSION_TIMEOUT)))
    })
}

/// Drops a reference (NULL is allowed); the last one frees the session.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_free(s: *mut SSL_SESSION) {
    ffi::guard((), || {
        // SAFETY: s is NULL or a live handle whose reference C gives up.
        drop(unsafe { arc::take::<TlsSession, SSL_SESSION>(s) });
        Some(())
    })
}

/// Adds a reference; 1 (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_up_ref(s: *mut SSL_SESSION) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle; the new reference goes to C.
        std::mem::forget(unsafe { handles::session_arc(s) }?);
        Some(1)
    })
}

/// A copy in no cache, owned by the caller, with the same fields and
/// non-resumable mark. TLS 1.3 tickets are single-use here and cannot be
/// copied: a TLS 1.3 copy shares the original's unused tickets, so a
/// ticket one of them offers is gone for the other.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_dup(src: *const SSL_SESSION) -> *mut SSL_SESSION {
    with(src, null_mut(), |s| arc::into_raw(s.duplicate()))
}

/// The session id (valid while the session lives and its id is not
/// changed); its length goes to `*len` when `len` is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_id(s: *const SSL_SESSION, len: *mut c_uint) -> *const u8 {
    // SAFETY: len is NULL or writable, per the API.
    with_data(s, null(), |d| unsafe { bytes_out(&d.id, len) })
}

/// Sets the session id: 1, or 0 if longer than 32 bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set1_id(
    s: *mut SSL_SESSION,
    sid: *const u8,
    sid_len: c_uint,
) -> c_int {
    // SAFETY: sid is readable for sid_len bytes, per the API.
    let Some(id) = (unsafe { bounded_arg(sid, sid_len) }) else {
        return 0;
    };
    with_data(s, 0, |d| c_int::from(d.set_id(id)))
}

/// The session's creation time (seconds since the epoch); 0 for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_time(s: *const SSL_SESSION) -> c_long {
    with_data(s, 0, |d| d.time)
}

/// Sets the creation time (a cached session is re-sorted); returns `t`
/// (0 for NULL), as OpenSSL does although its manual says 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set_time(s: *mut SSL_SESSION, t: c_long) -> c_long {
    with(s, 0, |s| {
        s.set_time(t);
        t
    })
}

/// The session's lifetime in seconds; 0 for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_timeout(s: *const SSL_SESSION) -> c_long {
    with_data(s, 0, |d| d.timeout)
}

/// Sets the lifetime (a cached session is re-sorted): 1, or 0 for NULL or
/// a negative `t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set_timeout(s: *mut SSL_SESSION, t: c_long) -> c_long {
    if t < 0 {
        return 0;
    }
    with(s, 0, |s| {
        s.set_timeout(t);
        1
    })
}

/// 1 if the session could be resumed: not marked non-resumable, and with
/// an id or a ticket to offer (a TLS 1.3 client session needs an unused
/// ticket).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_is_resumable(s: *const SSL_SESSION) -> c_int {
    with(s, 0, |s| c_int::from(s.may_resume()))
}

/// The protocol version (e.g. 0x0304 for TLS 1.3; 0 when unknown).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_protocol_version(s: *const SSL_SESSION) -> c_int {
    with_data(s, 0, |d| c_int::from(d.version))
}

/// Sets the protocol version (kept as 16 bits, as on the wire); 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set_protocol_version(
    s: *mut SSL_SESSION,
    version: c_int,
) -> c_int {
    with_data(s, 0, |d| {
        d.version = version as u16;
        1
    })
}

/// The server name the session was made for, or NULL; valid until the
/// name changes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get0_hostname(s: *const SSL_SESSION) -> *const c_char {
    with_data(s, null(), |d| {
        d.hostname_cstr().map_or(null(), CStr::as_ptr)
    })
}

/// Sets the server name (copied); NULL clears it. 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set1_hostname(
    s: *mut SSL_SESSION,
    hostname: *const c_char,
) -> c_int {
    // SAFETY: hostname is NULL or a C string, per the API.
    let host = unsafe { ffi::cstr_arg(hostname) }.map(<[u8]>::to_vec);
    with_data(s, 0, |d| {
        d.hostname = host;
        1
    })
}

/// The session id context; its length goes to `*len` when `len` is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get0_id_context(
    s: *const SSL_SESSION,
    len: *mut c_uint,
) -> *const u8 {
    // SAFETY: len is NULL or writable, per the API.
    with_data(s, null(), |d| unsafe { bytes_out(&d.id_context, len) })
}

/// Sets the session id context: 1, or 0 if longer than 32 bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set1_id_context(
    s: *mut SSL_SESSION,
    sid_ctx: *const u8,
    sid_ctx_len: c_uint,
) -> c_int {
    // SAFETY: sid_ctx is readable for sid_ctx_len bytes, per the API.
    let Some(id_context) = (unsafe { bounded_arg(sid_ctx, sid_ctx_len) }) else {
        return 0;
    };
    with_data(s, 0, |d| c_int::from(d.set_id_context(id_context)))
}

/// 1 if the session has a ticket: a TLS 1.2 session the server gave one,
/// or a TLS 1.3 session with an unused ticket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_has_ticket(s: *const SSL_SESSION) -> c_int {
    with_data(s, 0, |d| c_int::from(d.has_ticket()))
}

/// The ticket lifetime the server announced, in seconds; 0 when unknown.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_ticket_lifetime_hint(s: *const SSL_SESSION) -> c_ulong {
    with_data(s, 0, |d| c_ulong::from(d.ticket_lifetime_hint))
}

/// The session's cipher suite, or NULL when unknown.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get0_cipher(s: *const SSL_SESSION) -> *const SSL_CIPHER {
    with_data(s, null(), |d| super::cipher::by_number(d.cipher))
}

/// The compression method: always 0 (none).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_compress_id(s: *const SSL_SESSION) -> c_uint {
    with(s, 0, |_| 0)
}

/// The early data the session's newest TLS 1.3 ticket allows, else 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_max_early_data(s: *const SSL_SESSION) -> u32 {
    with_data(s, 0, |d| d.max_early_data())
}
