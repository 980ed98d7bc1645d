//! What programs attach to or change in an `SSL_SESSION` besides the
//! session family's accessors (`ssl_session.rs`): their own pointers
//! (`SSL_SESSION_set_ex_data`), the recorded cipher suite, and its printed
//! form (`SSL_SESSION_print`).

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

use super::handles::{self, SSL_CIPHER, SSL_SESSION};
use crate::ffi;

/// Stores the application's pointer at `idx`; 1, or 0 for a NULL
/// session or a negative index (which libcrypto's ex_data refuses).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set_ex_data(
    s: *mut SSL_SESSION,
    idx: c_int,
    data: *mut c_void,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        if idx < 0 {
            return Some(0);
        }
        sess.lock().ex_data.insert(idx, data as usize);
        Some(1)
    })
}

/// The pointer stored at `idx`, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get_ex_data(s: *const SSL_SESSION, idx: c_int) -> *mut c_void {
    ffi::guard(null_mut(), || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        let v = sess.lock().ex_data.get(&idx).copied().unwrap_or(0);
        Some(v as *mut c_void)
    })
}

/// Sets the suite a session records (what `SSL_SESSION_get0_cipher`
/// reports; a client resumes only with it); 1, or 0 for a NULL session.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set_cipher(
    s: *mut SSL_SESSION,
    cipher: *const SSL_CIPHER,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        let id = if cipher.is_null() {
            0
        } else {
            super::cipher::SSL_CIPHER_get_protocol_id(cipher)
        };
        sess.lock().cipher = id;
        Some(1)
    })
}

/// OpenSSL's name of a protocol version.
fn protocol_name(version: u16) -> &'static str {
    match version {
        0x0304 => "TLSv1.3",
        0x0303 => "TLSv1.2",
        0x0302 => "TLSv1.1",
        0x0301 => "TLSv1",
        0x0300 => "SSLv3",
        _ => "unknown",
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// The text of `SSL_SESSION_print`, in OpenSSL's layout. The master key
/// (or TLS 1.3 resumption secret) and ticket bytes stay with rustls and
/// are printed empty and left out; PSK and SRP are never used.
fn session_text(sess: &crate::tls::TlsSession) -> String {
    let d = sess.lock();
    let tls13 = d.version == 0x0304;
    let suite = super::cipher::by_number(d.cipher);
    let cipher = if suite.is_null() {
        format!("{:04X}", d.cipher)
    } else {
        // SAFETY: SSL_CIPHER_get_name returns a static C string.
        unsafe { std::ffi::CStr::from_ptr(super::cipher::SSL_CIPHER_get_name(suite)) }
            .to_string_lossy()
            .into_owned()
    };
    let mut t = format!(
        "SSL-Session:\n    Protocol  : {}\n    Cipher    : {cipher}\n    Session-ID: {}\n    \
         Session-ID-ctx: {}\n    {}: \n    PSK identity: None\n    PSK identity hint: None\n    \
         SRP username: None",
        protocol_name(d.version),
        hex(&d.id),
        hex(&d.id_context),
        if tls13 {
            "Resumption PSK"
        } else {
            "Master-Key"
        },
    );
    if d.ticket_lifetime_hint != 0 {
        t += &format!(
            "\n    TLS session ticket lifetime hint: {} (seconds)",
            d.ticket_lifetime_hint
        );
    }
    if d.time != 0 {
        t += &format!("\n    Start Time: {}", d.time);
    }
    if d.timeout != 0 {
        t += &format!("\n    Timeout   : {} (sec)", d.timeout);
    }
    // SAFETY: libcrypto returns a static C string for any code.
    let reason = unsafe {
        std::ffi::CStr::from_ptr(openssl_sys::X509_verify_cert_error_string(
            d.verify_result as _,
        ))
    };
    t += &format!(
        "\n    Verify return code: {} ({})\n    Extended master secret: no\n",
        d.verify_result,
        reason.to_string_lossy()
    );
    if tls13 {
        t += "    Max Early Data: 0\n";
    }
    t
}

/// Prints the session as OpenSSL does into `bp`; 1, or 0 on a write
/// failure or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_print(
    bp: *mut openssl_sys::BIO,
    s: *const SSL_SESSION,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        if bp.is_null() {
            return Some(0);
        }
        let text = session_text(sess);
        let len = c_int::try_from(text.len()).ok()?;
        // SAFETY: bp is the caller's BIO; the text is len bytes.
        let n = unsafe { openssl_sys::BIO_write(bp, text.as_ptr().cast(), len) };
        Some(c_int::from(n == len))
    })
}

/// As `SSL_SESSION_print`, to a stdio stream.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_print_fp(fp: *mut libc::FILE, s: *const SSL_SESSION) -> c_int {
    if fp.is_null() {
        return 0;
    }
    // SAFETY: fp is the caller's stream, left open (BIO_NOCLOSE).
    let bio = unsafe { openssl_sys::BIO_new_fp(fp.cast(), 0) };
    if bio.is_null() {
        return 0;
    }
    // SAFETY: a live BIO, freed after.
    let r = unsafe { SSL_SESSION_print(bio, s) };
    // SAFETY: the BIO is ours.
    unsafe { openssl_sys::BIO_free_all(bio) };
    r
}
