//! ALPN (`SSL_CTX_set_alpn_protos`, `SSL_CTX_set_alpn_select_cb`,
//! `SSL_get0_alpn_selected`, `SSL_select_next_proto`, the session's
//! protocol) and NPN, which rustls does not have: its setters are accepted
//! and its getters say no protocol was negotiated.

use std::ffi::{c_int, c_uchar, c_uint, c_void};
use std::ptr::null;
use std::sync::Arc;

use super::handles::{self, SSL, SSL_CTX, SSL_SESSION};
use crate::ffi;
use crate::ssl::config::alpn::{self, Selected, Verdict};
use crate::ssl::conn::SslConn;

const SSL_TLSEXT_ERR_OK: c_int = 0;
const SSL_TLSEXT_ERR_NOACK: c_int = 3;
const OPENSSL_NPN_NEGOTIATED: c_int = 1;
const OPENSSL_NPN_NO_OVERLAP: c_int = 2;

/// `int (*cb)(SSL *ssl, const unsigned char **out, unsigned char *outlen,
/// const unsigned char *in, unsigned int inlen, void *arg)`.
pub type SelectCb = Option<
    unsafe extern "C" fn(
        *mut SSL,
        *mut *const c_uchar,
        *mut c_uchar,
        *const c_uchar,
        c_uint,
        *mut c_void,
    ) -> c_int,
>;

/// # Safety
/// `protos` must point to `len` bytes (or be NULL).
unsafe fn list_arg<'a>(protos: *const c_uchar, len: c_uint) -> &'a [u8] {
    // SAFETY: per the contract above.
    unsafe { ffi::bytes_arg(protos, len as usize) }.unwrap_or(&[])
}

/// The protocols a client offers, in wire form. OpenSSL's inverted
/// result: 0 on success (NULL or an empty list removes ALPN), 1 for an
/// invalid list (nothing changes) and for a NULL context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_alpn_protos(
    ctx: *mut SSL_CTX,
    protos: *const c_uchar,
    len: c_uint,
) -> c_int {
    ffi::guard(1, || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        // SAFETY: protos points to len bytes.
        let list = unsafe { list_arg(protos, len) };
        Some(c_int::from(!c.config.update(|s| s.set_alpn(list))))
    })
}

/// As `SSL_CTX_set_alpn_protos`, for one connection.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_alpn_protos(
    s: *mut SSL,
    protos: *const c_uchar,
    len: c_uint,
) -> c_int {
    ffi::guard(1, || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        // SAFETY: protos points to len bytes.
        let list = unsafe { list_arg(protos, len) };
        Some(c_int::from(!c.update_settings(|st| st.set_alpn(list))))
    })
}

/// The server's choice among the client's protocols, asked once the
/// ClientHello is read (before the servername callback, unlike OpenSSL):
/// `SSL_TLSEXT_ERR_OK` selects `*out`, `SSL_TLSEXT_ERR_NOACK` selects
/// none, anything else fails the handshake with no_application_protocol.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_alpn_select_cb(
    ctx: *mut SSL_CTX,
    cb: SelectCb,
    arg: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        let arg = arg as usize;
        c.config.set_alpn_select(cb.map(|f| {
            Arc::new(move |conn: &Arc<SslConn>, offered: &[u8]| select(f, conn, offered, arg))
                as crate::ssl::config::AlpnSelect
        }));
        Some(())
    })
}

/// Calls the application's selection callback.
fn select(
    f: unsafe extern "C" fn(
        *mut SSL,
        *mut *const c_uchar,
        *mut c_uchar,
        *const c_uchar,
        c_uint,
        *mut c_void,
    ) -> c_int,
    conn: &Arc<SslConn>,
    offered: &[u8],
    arg: usize,
) -> Verdict {
    let mut out: *const c_uchar = null();
    let mut out_len: c_uchar = 0;
    // SAFETY: the callback is the program's; the buffers live for the call.
    let r = unsafe {
        f(
            handles::ssl_ptr(conn),
            &mut out,
            &mut out_len,
            offered.as_ptr(),
            offered.len() as c_uint,
            arg as *mut c_void,
        )
    };
    match r {
        SSL_TLSEXT_ERR_OK => {
            // SAFETY: the callback points to out_len bytes (in the list it
            // was given, or its own).
            let p = unsafe { ffi::bytes_arg(out, usize::from(out_len)) }.unwrap_or(&[]);
            Verdict::Select(p.to_vec())
        }
        SSL_TLSEXT_ERR_NOACK => Verdict::NoAck,
        _ => Verdict::Fatal,
    }
}

/// Writes a borrowed protocol (NULL and 0 for none).
///
/// # Safety
/// `data` and `len` must be NULL or writable.
unsafe fn put(data: *mut *const c_uchar, len: *mut c_uint, p: Option<&[u8]>) {
    // SAFETY: per the contract above.
    unsafe {
        if !data.is_null() {
            *data = p.map_or(null(), <[u8]>::as_ptr);
        }
        if !len.is_null() {
            *len = p.map_or(0, |p| p.len() as c_uint);
        }
    }
}

/// The protocol the last handshake selected (valid until the next one);
/// NULL and 0 if none, also for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get0_alpn_selected(
    s: *const SSL,
    data: *mut *const c_uchar,
    len: *mut c_uint,
) {
    // SAFETY: out-parameters written for every outcome.
    unsafe { put(data, len, None) };
    ffi::guard((), || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        let x = c.extra();
        // SAFETY: the bytes stay in the connection until its next handshake.
        unsafe { put(data, len, x.observed.alpn.as_deref()) };
        Some(())
    })
}

/// NPN is not offered: always NULL and 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get0_next_proto_negotiated(
    s: *const SSL,
    data: *mut *const c_uchar,
    len: *mut c_uint,
) {
    let _ = s;
    // SAFETY: out-parameters written.
    unsafe { put(data, len, None) };
}

/// NPN is not offered: the callback is accepted and never called.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_next_proto_select_cb(
    ctx: *mut SSL_CTX,
    cb: *const c_void,
    arg: *mut c_void,
) {
    let _ = (ctx, cb, arg);
}

/// NPN is not offered: the callback is accepted and never called.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_next_protos_advertised_cb(
    ctx: *mut SSL_CTX,
    cb: *const c_void,
    arg: *mut c_void,
) {
    let _ = (ctx, cb, arg);
}

/// OpenSSL's helper for selection callbacks: the first of the server's
/// protocols the client lists (`OPENSSL_NPN_NEGOTIATED`), else the
/// client's first (`OPENSSL_NPN_NO_OVERLAP`); `*out` points into the lists.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_select_next_proto(
    out: *mut *mut c_uchar,
    outlen: *mut c_uchar,
    server: *const c_uchar,
    server_len: c_uint,
    client: *const c_uchar,
    client_len: c_uint,
) -> c_int {
    let write = |p: *mut c_uchar, n: usize| {
        // SAFETY: out-parameters, if given, are writable.
        unsafe {
            if !out.is_null() {
                *out = p;
            }
            if !outlen.is_null() {
                *outlen = n as c_uchar;
            }
        }
    };
    write(std::ptr::null_mut(), 0);
    ffi::guard(OPENSSL_NPN_NO_OVERLAP, || {
        // SAFETY: the lists point to their lengths.
        let (s, c) = unsafe { (list_arg(server, server_len), list_arg(client, client_len)) };
        Some(match alpn::select_next(s, c) {
            Selected::Server(off, n) => {
                write(server.wrapping_add(off) as *mut c_uchar, n);
                OPENSSL_NPN_NEGOTIATED
            }
            Selected::ClientFirst(off, n) => {
                write(client.wrapping_add(off) as *mut c_uchar, n);
                OPENSSL_NPN_NO_OVERLAP
            }
            Selected::Nothing => OPENSSL_NPN_NO_OVERLAP,
        })
    })
}

/// The protocol the session was made with; NULL and 0 if none. `len` is a
/// `size_t` here (an `unsigned int` for the connection's).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get0_alpn_selected(
    s: *const SSL_SESSION,
    data: *mut *const c_uchar,
    len: *mut usize,
) {
    // SAFETY: `data` and `len` are NULL or writable (every outcome writes
    // them); the bytes live as long as the session keeps them.
    let put = |p: Option<&[u8]>| unsafe {
        if !data.is_null() {
            *data = p.map_or(null(), <[u8]>::as_ptr);
        }
        if !len.is_null() {
            *len = p.map_or(0, <[u8]>::len);
        }
    };
    put(None);
    ffi::guard((), || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        let d = sess.lock();
        put(d.alpn.as_deref());
        Some(())
    })
}

/// Sets the session's protocol (NULL or 0 bytes: none); 1, or 0 for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_set1_alpn_selected(
    s: *mut SSL_SESSION,
    alpn: *const c_uchar,
    len: usize,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle.
        let sess = unsafe { handles::session(s) }?;
        // SAFETY: alpn points to len bytes.
        let p = unsafe { ffi::bytes_arg(alpn, len) }.filter(|p| !p.is_empty());
        sess.lock().alpn = p.map(<[u8]>::to_vec);
        Some(1)
    })
}
