//! C face of a session's serialised forms and secrets: `i2d_SSL_SESSION`,
//! `d2i_SSL_SESSION` and the PEM functions over them, the master key,
//! ticket and ticket application data, and `SSL_SESSION_print`. The
//! encoding and what resumes where are `crate::ssl::session_der`'s.
//!
//! OpenSSL's conventions: i2d with a NULL `pp` gives the length, with
//! `*pp` NULL allocates (`OPENSSL_malloc`), else writes at `*pp` and
//! advances it; d2i reads into a new session or into `*a`, advances `*pp`
//! past what it read, and leaves an error on the queue when it fails.

use std::ffi::{CStr, c_int, c_long, c_void};
use std::ptr::null_mut;

use super::crypto::pem_io::{self, D2i, I2d, Out};
use super::handles::{self, SSL_SESSION};
use crate::ffi::{self, arc};
use crate::ssl::session_der::{self, DerError, server_state};
use crate::tls::TlsSession;
use crate::tls::session::{Resumption, TLS1_3};

/// The PEM label (`PEM_STRING_SSL_SESSION`).
const PEM_NAME: &CStr = c"SSL SESSION PARAMETERS";
/// `ERR_LIB_*` and reasons of d2i's errors.
const ERR_LIB_SSL: c_int = 20;
const ERR_LIB_ASN1: c_int = 13;
const ASN1_R_NESTED_ASN1_ERROR: c_int = 58;
const SSL_R_UNKNOWN_SSL_VERSION: c_int = 254;
const SSL_R_UNSUPPORTED_SSL_VERSION: c_int = 259;
const SSL_R_CIPHER_CODE_WRONG_LENGTH: c_int = 137;
const SSL_R_BAD_LENGTH: c_int = 271;
const SSL_R_BAD_DATA: c_int = 390;
/// The longest master key a session holds (TLS13_MAX_RESUMPTION_PSK_LENGTH).
const MAX_MASTER_KEY: usize = 512;

fn with<T>(s: *const SSL_SESSION, fallback: T, f: impl FnOnce(&TlsSession) -> T) -> T {
    // SAFETY: every SSL_SESSION handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::session(s) }?)))
}

// ---- DER ---------------------------------------------------------------------

/// The DER of a session: its length with `pp` NULL; else written at `*pp`
/// (advanced past it) or, with `*pp` NULL, into a new `OPENSSL_malloc`
/// buffer stored in `*pp`. 0 for NULL or a session without a cipher.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn i2d_SSL_SESSION(s: *const SSL_SESSION, pp: *mut *mut u8) -> c_int {
    with(s, 0, |s| {
        let Some(der) = session_der::encode(s) else {
            return 0;
        };
        let Ok(len) = c_int::try_from(der.len()) else {
            return 0;
        };
        if pp.is_null() {
            return len;
        }
        // SAFETY: pp points to a pointer the caller gave: NULL, or a buffer
        // of at least the length an earlier call returned.
        unsafe {
            if (*pp).is_null() {
                let p = pem_io::openssl_alloc(&der);
                if p.is_null() {
                    return 0;
                }
                *pp = p;
            } else {
                std::ptr::copy_nonoverlapping(der.as_ptr(), *pp, der.len());
                *pp = (*pp).add(der.len());
            }
        }
        len
    })
}

fn raise(e: DerError) {
    let (lib, reason) = match e {
        DerError::Asn1 => (ERR_LIB_ASN1, ASN1_R_NESTED_ASN1_ERROR),
        DerError::UnknownVersion => (ERR_LIB_SSL, SSL_R_UNKNOWN_SSL_VERSION),
        DerError::UnsupportedVersion => (ERR_LIB_SSL, SSL_R_UNSUPPORTED_SSL_VERSION),
        DerError::CipherLength => (ERR_LIB_SSL, SSL_R_CIPHER_CODE_WRONG_LENGTH),
        // OpenSSL raises nothing for a suite it does not know.
        DerError::UnknownCipher => return,
        DerError::BadLength => (ERR_LIB_SSL, SSL_R_BAD_LENGTH),
        DerError::Format => (ERR_LIB_SSL, SSL_R_BAD_DATA),
    };
    pem_io::raise(lib, reason, c"ssl/ssl_asn1.c", c"d2i_SSL_SESSION");
}

/// Reads a session from the DER at `*pp` (at most `length` bytes): into
/// `*a` if `a` and `*a` are set (that session is returned), else into a
/// new one (also stored in `*a` if `a` is set). `*pp` is advanced past
/// the session. NULL, with an error queued, for bytes that are not one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn d2i_SSL_SESSION(
    a: *mut *mut SSL_SESSION,
    pp: *mut *const u8,
    length: c_long,
) -> *mut SSL_SESSION {
    ffi::guard(null_mut(), || {
        if pp.is_null() {
            return None;
        }
        // SAFETY: pp points to the caller's pointer, NULL or readable for
        // length bytes.
        let input = unsafe { ffi::bytes_arg(*pp, usize::try_from(length).unwrap_or(0)) };
        let decoded = match input.map(session_der::decode) {
            Some(Ok(d)) => d,
            Some(Err(e)) => {
                raise(e);
                return None;
            }
            None => {
                raise(DerError::Asn1);
                return None;
            }
        };
        let (fields, used) = decoded;
        // SAFETY: a is NULL or points to NULL or a live session handle.
        let existing = if a.is_null() {
            null_mut()
        } else {
            unsafe { *a }
        };
        let out = if existing.is_null() {
            let s = TlsSession::new(0);
            session_der::apply(fields, &s);
            let p: *mut SSL_SESSION = arc::into_raw(s);
            if !a.is_null() {
                // SAFETY: a is writable.
                unsafe { *a = p };
            }
            p
        } else {
            // SAFETY: a live handle the caller passes to be overwritten.
            session_der::apply(fields, unsafe { handles::session(existing) }?);
            existing
        };
        // SAFETY: used ≤ length bytes were readable at *pp.
        unsafe { *pp = (*pp).add(used) };
        Some(out)
    })
}

unsafe extern "C" fn d2i_void(
    a: *mut *mut c_void,
    pp: *mut *const u8,
    length: c_long,
) -> *mut c_void {
    // SAFETY: libcrypto's PEM reader passes d2i's arguments through.
    unsafe { d2i_SSL_SESSION(a.cast(), pp, length) }.cast()
}

unsafe extern "C" fn i2d_void(s: *const c_void, pp: *mut *mut u8) -> c_int {
    // SAFETY: as above, for the session passed to the PEM writer.
    unsafe { i2d_SSL_SESSION(s.cast(), pp) }
}

const D2I: D2i = d2i_void;
const I2D: I2d = i2d_void;

// ---- PEM -----------------------------------------------------------------------

/// A session from PEM ("SSL SESSION PARAMETERS") on a BIO; see d2i for `x`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PEM_read_bio_SSL_SESSION(
    bp: *mut c_void,
    x: *mut *mut SSL_SESSION,
    cb: openssl_sys::pem_password_cb,
    u: *mut c_void,
) -> *mut SSL_SESSION {
    // SAFETY: the caller's BIO, object pointer and callback.
    ffi::guard(null_mut(), || {
        Some(unsafe { pem_io::read_bio(D2I, PEM_NAME, bp, x.cast(), cb, u) }.cast())
    })
}

/// Writes a session as PEM to a BIO: 1, or 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PEM_write_bio_SSL_SESSION(
    bp: *mut c_void,
    x: *const SSL_SESSION,
) -> c_int {
    // SAFETY: the caller's BIO and session.
    ffi::guard(0, || {
        Some(unsafe { pem_io::write_bio(I2D, PEM_NAME, bp, x.cast()) })
    })
}

/// A session from PEM on a stdio stream.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PEM_read_SSL_SESSION(
    fp: *mut c_void,
    x: *mut *mut SSL_SESSION,
    cb: openssl_sys::pem_password_cb,
    u: *mut c_void,
) -> *mut SSL_SESSION {
    ffi::guard(null_mut(), || {
        if fp.is_null() {
            return None;
        }
        // SAFETY: the caller's stream, object pointer and callback.
        Some(unsafe { pem_io::read_fp(D2I, PEM_NAME, fp, x.cast(), cb, u) }.cast())
    })
}

/// Writes a session as PEM to a stdio stream: 1, or 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn PEM_write_SSL_SESSION(fp: *mut c_void, x: *const SSL_SESSION) -> c_int {
    ffi::guard(0, || {
        if fp.is_null() {
            return None;
        }
        // SAFETY: the caller's stream and session.
        Some(unsafe { pem_io::write_fp(I2D, PEM_NAME, fp, x.cast()) })
    })
}

// ---- secrets, ticket, application data ---------------------------------------------

/// The master key (TLS 1.3: the resumption PSK): its length with
/// `outlen` 0, else up to `outlen` bytes copied to `out` and their
/// number. A server session's comes from its rustls state; a client's
/// stays inside rustls, so it is empty unless the program set one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_master_key(
    s: *const SSL_SESSION,
    out: *mut u8,
    outlen: usize,
) -> usize {
    with(s, 0, |s| {
        let key = session_der::master_key(&s.lock());
        if outlen == 0 {
            return key.len();
        }
        if out.is_null() {
            return 0;
        }
        let n = outlen.min(key.len());
        // SAFETY: out has room for outlen bytes.
        unsafe { std::ptr::copy_nonoverlapping(key.as_ptr(), out, n) };
        n
    })
}

/// Sets the master key (at most 512 bytes): 1, or 0. A server session's
/// rustls state takes it (so resumption uses it; at most 255 bytes there).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set1_master_key(
    s: *mut SSL_SESSION,
    key: *const u8,
    len: usize,
) -> c_int {
    if len > MAX_MASTER_KEY {
        return 0;
    }
    // SAFETY: key is readable for len bytes.
    let Some(key) = (unsafe { ffi::bytes_arg(key, len) }) else {
        return 0;
    };
    with(s, 0, |s| {
        let mut d = s.lock();
        if let Resumption::Server(state) = &d.resumption {
            let Some(new) = server_state::with_secret(state, key) else {
                return 0;
            };
            d.resumption = Resumption::Server(new);
        } else {
            d.master_key = key.to_vec();
        }
        1
    })
}

/// A client session's ticket from the server (`*tick` NULL and `*len` 0
/// without one); valid while the session lives.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get0_ticket(
    s: *const SSL_SESSION,
    tick: *mut *const u8,
    len: *mut usize,
) {
    let (p, n) = with(s, (std::ptr::null(), 0), |s| {
        let d = s.lock();
        if d.ticket.is_empty() {
            (std::ptr::null(), 0)
        } else {
            (d.ticket.as_ptr(), d.ticket.len())
        }
    });
    // SAFETY: each out-parameter is NULL or writable.
    unsafe {
        if !tick.is_null() {
            *tick = p;
        }
        if !len.is_null() {
            *len = n;
        }
    }
}

/// The application data set on the session (`*data` NULL, `*len` 0 if
/// none): 1 (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get0_ticket_appdata(
    s: *mut SSL_SESSION,
    data: *mut *mut c_void,
    len: *mut usize,
) -> c_int {
    let (p, n, ok) = with(s, (null_mut(), 0, 0), |s| {
        let d = s.lock();
        match &d.ticket_appdata {
            Some(v) => (v.as_ptr() as *mut c_void, v.len(), 1),
            None => (null_mut(), 0, 1),
        }
    });
    // SAFETY: each out-parameter is NULL or writable.
    unsafe {
        if !data.is_null() {
            *data = p;
        }
        if !len.is_null() {
            *len = n;
        }
    }
    ok
}

/// Copies application data into the session (NULL or 0 bytes clear it);
/// returns 1. It is kept with the session and its DER; rustls's tickets
/// do not carry it (that needs the session-ticket callback, not offered).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set1_ticket_appdata(
    s: *mut SSL_SESSION,
    data: *const c_void,
    len: usize,
) -> c_int {
    // SAFETY: data is readable for len bytes when not NULL.
    let value = unsafe { ffi::bytes_arg(data.cast::<u8>(), len) }
        .filter(|v| !v.is_empty())
        .map(<[u8]>::to_vec);
    with(s, 0, |s| {
        s.lock().ticket_appdata = value;
        1
    })
}

// ---- text ------------------------------------------------------------------------------

/// OpenSSL's names of protocol versions (`ssl_protocol_to_string`).
fn protocol_name(v: u16) -> &'static str {
    match v {
        0x0304 => "TLSv1.3",
        0x0303 => "TLSv1.2",
        0x0302 => "TLSv1.1",
        0x0301 => "TLSv1",
        0x0300 => "SSLv3",
        0xFEFF => "DTLSv1",
        0xFEFD => "DTLSv1.2",
        0x0100 => "DTLSv0.9",
        _ => "unknown",
    }
}

fn hex(v: &[u8]) -> String {
    v.iter().map(|b| format!("{b:02X}")).collect()
}

/// `SSL_SESSION_print`'s text, in OpenSSL's layout, to `out`.
fn print(out: &Out, s: &TlsSession) -> bool {
    let d = s.lock();
    let tls13 = d.version == TLS1_3;
    let cipher = crate::ssl::config::suites::by_protocol_id(d.cipher)
        .map_or_else(|| format!("{:04X}", d.cipher), |s| s.name.to_string());
    let mut t = format!(
        "SSL-Session:\n    Protocol  : {}\n    Cipher    : {}\n    Session-ID: {}\n    Session-ID-ctx: {}\n    {}: {}\n    PSK identity: None\n    PSK identity hint: None\n    SRP username: None",
        protocol_name(d.version),
        cipher,
        hex(&d.id),
        hex(&d.id_context),
        if tls13 {
            "Resumption PSK"
        } else {
            "Master-Key"
        },
        hex(&session_der::master_key(&d)),
    );
    if d.ticket_lifetime_hint != 0 {
        t += &format!(
            "\n    TLS session ticket lifetime hint: {} (seconds)",
            d.ticket_lifetime_hint
        );
    }
    if !d.ticket.is_empty() {
        t += "\n    TLS session ticket:\n";
        if !out.put(t.as_bytes()) || !out.dump(&d.ticket, 4) {
            return false;
        }
        t.clear();
    }
    if d.time != 0 {
        t += &format!("\n    Start Time: {}", d.time);
    }
    if d.timeout != 0 {
        t += &format!("\n    Timeout   : {} (sec)", d.timeout);
    }
    t += &format!(
        "\n    Verify return code: {} ({})\n    Extended master secret: {}\n",
        d.verify_result,
        pem_io::verify_error_string(d.verify_result),
        if session_der::extended_ms(&d) {
            "yes"
        } else {
            "no"
        },
    );
    if tls13 {
        t += &format!("    Max Early Data: {}\n", d.max_early_data());
    }
    out.put(t.as_bytes())
}

/// Prints the session as OpenSSL does (`openssl sess_id -text`): 1, or 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_print(bp: *mut c_void, s: *const SSL_SESSION) -> c_int {
    with(s, 0, |s| {
        // SAFETY: bp is NULL or the caller's live BIO.
        unsafe { Out::borrowed(bp) }.map_or(0, |out| c_int::from(print(&out, s)))
    })
}

/// As `SSL_SESSION_print`, to a stdio stream.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_print_fp(fp: *mut c_void, s: *const SSL_SESSION) -> c_int {
    with(s, 0, |s| {
        // SAFETY: fp is NULL or the caller's live stream.
        unsafe { pem_io::with_fp(fp, |out| c_int::from(print(out, s))) }.unwrap_or(0)
    })
}

/// "RSA Session-ID:<hex> Master-Key:<hex>\n" (NSS key log): 1, or 0 when
/// the session has no id or no master key known here.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_print_keylog(bp: *mut c_void, s: *const SSL_SESSION) -> c_int {
    with(s, 0, |s| {
        let d = s.lock();
        let key = session_der::master_key(&d);
        if d.id.is_empty() || key.is_empty() {
            return 0;
        }
        let line = format!("RSA Session-ID:{} Master-Key:{}\n", hex(&d.id), hex(&key));
        // SAFETY: bp is NULL or the caller's live BIO.
        unsafe { Out::borrowed(bp) }.map_or(0, |out| c_int::from(out.put(line.as_bytes())))
    })
}
