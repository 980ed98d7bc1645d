//! The SSL filter BIO (`BIO_f_ssl`), a BIO method of libssl's own: reads
//! and writes through it are `SSL_read`/`SSL_write` on its `SSL`, with the
//! connection's retry reasons copied into the BIO's flags;
//! `BIO_do_handshake` runs the handshake. Pushed onto another BIO, it
//! makes that BIO the connection's transport (`SSL_set_bio`). With
//! `BIO_CLOSE` it shuts the connection down and frees it when it is freed.
//! Also the constructors `BIO_new_ssl`, `BIO_new_ssl_connect` and
//! `BIO_new_buffer_ssl_connect`, and `BIO_ssl_copy_session_id`,
//! `BIO_ssl_shutdown`.

use std::ffi::{CStr, c_char, c_int, c_long, c_ulong, c_void};
use std::ptr::null_mut;
use std::sync::OnceLock;

use openssl_sys as ffi;

use super::bio::{SSL_get_rbio, SSL_get_wbio, SSL_set_bio};
use super::crypto::bio::{
    BIO_FLAGS_IO_SPECIAL, BIO_FLAGS_READ, BIO_FLAGS_RWS, BIO_FLAGS_SHOULD_RETRY, BIO_FLAGS_WRITE,
    BIO_RR_ACCEPT, BIO_RR_CONNECT,
};
use super::crypto::sys::{self, BioInfoCb};
use super::handles::{self, BIO, BIO_METHOD, SSL, SSL_CTX};
use super::ssl::{
    SSL_clear, SSL_copy_session_id, SSL_do_handshake, SSL_free, SSL_get_error, SSL_in_init,
    SSL_new, SSL_pending, SSL_read, SSL_set_accept_state, SSL_set_connect_state, SSL_shutdown,
    SSL_write,
};
use crate::ffi::guard;
use crate::ssl::conn::{ERROR_WANT_READ, ERROR_WANT_WRITE};
use crate::ssl::ctx::Role;

/// `BIO_TYPE_SSL`.
const BIO_TYPE_SSL: c_int = 7 | 0x0200;
const BIO_CLOSE: c_long = 1;
const BIO_CTRL_RESET: c_int = 1;
const BIO_CTRL_INFO: c_int = 3;
const BIO_CTRL_PUSH: c_int = 6;
const BIO_CTRL_POP: c_int = 7;
const BIO_CTRL_GET_CLOSE: c_int = 8;
const BIO_CTRL_SET_CLOSE: c_int = 9;
const BIO_CTRL_PENDING: c_int = 10;
const BIO_CTRL_FLUSH: c_int = 11;
const BIO_CTRL_DUP: c_int = 12;
const BIO_CTRL_WPENDING: c_int = 13;
const BIO_CTRL_SET_CALLBACK: c_int = 14;
const BIO_C_DO_STATE_MACHINE: c_int = 101;
const BIO_C_SET_SSL: c_int = 109;
const BIO_C_GET_SSL: c_int = 110;
const BIO_C_SSL_MODE: c_int = 119;
const BIO_C_SET_SSL_RENEGOTIATE_BYTES: c_int = 125;
const BIO_C_GET_SSL_NUM_RENEGOTIATES: c_int = 126;
const BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT: c_int = 127;
const BIO_RR_SSL_X509_LOOKUP: c_int = 0x01;
const SSL_ERROR_WANT_X509_LOOKUP: c_int = 4;
const SSL_ERROR_WANT_CONNECT: c_int = 7;
const SSL_ERROR_WANT_ACCEPT: c_int = 8;

/// The filter's state (the BIO's data).
struct SslFilter {
    ssl: *mut SSL,
    /// Renegotiation settings: kept and reported, never acted on
    /// (renegotiation is not offered).
    renegotiate_bytes: c_ulong,
    renegotiate_timeout: c_ulong,
}

impl SslFilter {
    fn new_raw() -> *mut c_void {
        Box::into_raw(Box::new(SslFilter {
            ssl: null_mut(),
            renegotiate_bytes: 0,
            renegotiate_timeout: 0,
        }))
        .cast()
    }
}

/// A BIO as libcrypto's type.
fn raw<T>(b: *mut T) -> *mut ffi::BIO {
    b.cast()
}

/// # Safety
/// `b` must be a live SSL filter BIO.
unsafe fn filter<'a>(b: *mut ffi::BIO) -> Option<&'a mut SslFilter> {
    // SAFETY: the data of a filter BIO is its SslFilter (or NULL).
    unsafe { (ffi::BIO_get_data(raw(b)) as *mut SslFilter).as_mut() }
}

/// # Safety
/// `b` must be a live BIO.
unsafe fn clear_retry(b: *mut ffi::BIO) {
    // SAFETY: per the contract above.
    unsafe { ffi::BIO_clear_flags(raw(b), BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY) }
}

/// Copies the connection's reason to wait into the BIO's retry flags.
///
/// # Safety
/// `b` must be a live BIO.
unsafe fn set_retry(b: *mut ffi::BIO, code: c_int) {
    let (flags, reason) = match code {
        ERROR_WANT_READ => (BIO_FLAGS_READ, 0),
        ERROR_WANT_WRITE => (BIO_FLAGS_WRITE, 0),
        SSL_ERROR_WANT_X509_LOOKUP => (BIO_FLAGS_IO_SPECIAL, BIO_RR_SSL_X509_LOOKUP),
        SSL_ERROR_WANT_ACCEPT => (BIO_FLAGS_IO_SPECIAL, BIO_RR_ACCEPT),
        SSL_ERROR_WANT_CONNECT => (BIO_FLAGS_IO_SPECIAL, BIO_RR_CONNECT),
        _ => (0, 0),
    };
    // SAFETY: per the contract above.
    unsafe {
        if flags != 0 {
            ffi::BIO_set_flags(raw(b), flags | BIO_FLAGS_SHOULD_RETRY);
        }
        sys::BIO_set_retry_reason(raw(b), reason);
    }
}

unsafe extern "C" fn filter_read(
    b: *mut ffi::BIO,
    buf: *mut c_char,
    size: usize,
    got: *mut usize,
) -> c_int {
    guard(0, || {
        // SAFETY: libcrypto calls this with its live filter BIO.
        let f = unsafe { filter(b) }?;
        if buf.is_null() || f.ssl.is_null() {
            return Some(0);
        }
        // SAFETY: as above.
        unsafe { clear_retry(b) };
        let len = c_int::try_from(size).unwrap_or(c_int::MAX);
        // SAFETY: buf has room for size bytes; f.ssl is the filter's SSL.
        let n = unsafe { SSL_read(f.ssl, buf.cast(), len) };
        let code = SSL_get_error(f.ssl, n);
        // SAFETY: as above.
        unsafe { set_retry(b, code) };
        if n > 0 && !got.is_null() {
            // SAFETY: got is libcrypto's out-parameter.
            unsafe { *got = n as usize };
        }
        Some(if n > 0 { 1 } else { n })
    })
}

unsafe extern "C" fn filter_write(
    b: *mut ffi::BIO,
    buf: *const c_char,
    size: usize,
    written: *mut usize,
) -> c_int {
    guard(0, || {
        // SAFETY: libcrypto calls this with its live filter BIO.
        let f = unsafe { filter(b) }?;
        if buf.is_null() || f.ssl.is_null() {
            return Some(0);
        }
        // SAFETY: as above.
        unsafe { clear_retry(b) };
        let len = c_int::try_from(size).unwrap_or(c_int::MAX);
        // SAFETY: buf holds size bytes; f.ssl is the filter's SSL.
        let n = unsafe { SSL_write(f.ssl, buf.cast(), len) };
        let code = SSL_get_error(f.ssl, n);
        // OpenSSL's filter does not flag a wanted accept on a write.
        if code != SSL_ERROR_WANT_ACCEPT {
            // SAFETY: as above.
            unsafe { set_retry(b, code) };
        }
        if n > 0 && !written.is_null() {
            // SAFETY: written is libcrypto's out-parameter.
            unsafe { *written = n as usize };
        }
        Some(if n > 0 { 1 } else { n })
    })
}

unsafe extern "C" fn filter_puts(b: *mut ffi::BIO, s: *const c_char) -> c_int {
    guard(-1, || {
        if s.is_null() {
            return Some(-1);
        }
        // SAFETY: s is a C string.
        let len = unsafe { CStr::from_ptr(s) }.to_bytes().len();
        let len = c_int::try_from(len).unwrap_or(c_int::MAX);
        // SAFETY: the BIO is live and s holds len bytes.
        Some(unsafe { ffi::BIO_write(raw(b), s.cast(), len) })
    })
}

unsafe extern "C" fn filter_create(b: *mut ffi::BIO) -> c_int {
    guard(0, || {
        // SAFETY: libcrypto's new BIO; its data becomes ours.
        unsafe {
            ffi::BIO_set_init(raw(b), 0);
            ffi::BIO_set_data(raw(b), SslFilter::new_raw());
            ffi::BIO_clear_flags(raw(b), !0);
        }
        Some(1)
    })
}

/// Frees the filter's state; with `BIO_CLOSE`, shuts an established
/// connection down and frees it first.
///
/// # Safety
/// `b` must be a live filter BIO.
unsafe fn release(b: *mut ffi::BIO) {
    // SAFETY: per the contract above.
    unsafe {
        let data = ffi::BIO_get_data(raw(b)) as *mut SslFilter;
        if data.is_null() {
            return;
        }
        let ssl = (*data).ssl;
        if sys::BIO_get_shutdown(raw(b)) != 0 {
            if !ssl.is_null() && SSL_in_init(ssl) == 0 {
                SSL_shutdown(ssl);
            }
            if sys::BIO_get_init(raw(b)) != 0 {
                SSL_free(ssl);
            }
            ffi::BIO_clear_flags(raw(b), !0);
            ffi::BIO_set_init(raw(b), 0);
        }
        ffi::BIO_set_data(raw(b), null_mut());
        drop(Box::from_raw(data));
    }
}

unsafe extern "C" fn filter_destroy(b: *mut ffi::BIO) -> c_int {
    guard(0, || {
        if b.is_null() {
            return Some(0);
        }
        // SAFETY: libcrypto frees its live filter BIO.
        unsafe { release(b) };
        Some(1)
    })
}

unsafe extern "C" fn filter_ctrl(
    b: *mut ffi::BIO,
    cmd: c_int,
    num: c_long,
    ptr: *mut c_void,
) -> c_long {
    // SAFETY: libcrypto calls this with its live filter BIO.
    guard(0, || Some(unsafe { ctrl(b, cmd, num, ptr) }))
}

/// # Safety
/// `b` must be a live filter BIO; `ptr` what `cmd` takes.
unsafe fn ctrl(b: *mut ffi::BIO, cmd: c_int, num: c_long, ptr: *mut c_void) -> c_long {
    // SAFETY: per the contract above; every SSL used is the filter's.
    unsafe {
        let Some(f) = filter(b) else { return 0 };
        let next = sys::BIO_next(raw(b));
        let ssl = f.ssl;
        if ssl.is_null() && cmd != BIO_C_SET_SSL {
            return 0;
        }
        let rbio = || raw(SSL_get_rbio(ssl));
        match cmd {
            BIO_CTRL_RESET => {
                SSL_shutdown(ssl);
                match handles::ssl(ssl).and_then(|c| c.role()) {
                    Some(Role::Client) => SSL_set_connect_state(ssl),
                    Some(Role::Server) => SSL_set_accept_state(ssl),
                    _ => {}
                }
                if SSL_clear(ssl) == 0 {
                    return 0;
                }
                if !next.is_null() {
                    ffi::BIO_ctrl(next, cmd, num, ptr)
                } else if !rbio().is_null() {
                    ffi::BIO_ctrl(rbio(), cmd, num, ptr)
                } else {
                    1
                }
            }
            BIO_CTRL_INFO => 0,
            BIO_C_SSL_MODE => {
                if num != 0 {
                    SSL_set_connect_state(ssl);
                } else {
                    SSL_set_accept_state(ssl);
                }
                1
            }
            BIO_C_SET_SSL_RENEGOTIATE_TIMEOUT => {
                let old = f.renegotiate_timeout as c_long;
                f.renegotiate_timeout = if num < 60 { 5 } else { num as c_ulong };
                old
            }
            BIO_C_SET_SSL_RENEGOTIATE_BYTES => {
                let old = f.renegotiate_bytes as c_long;
                if num >= 512 {
                    f.renegotiate_bytes = num as c_ulong;
                }
                old
            }
            BIO_C_GET_SSL_NUM_RENEGOTIATES => 0,
            BIO_C_SET_SSL => {
                if !ssl.is_null() {
                    release(b);
                    ffi::BIO_set_data(raw(b), SslFilter::new_raw());
                }
                let Some(f) = filter(b) else { return 0 };
                sys::BIO_set_shutdown(raw(b), num as c_int);
                f.ssl = ptr.cast();
                let r = raw(SSL_get_rbio(f.ssl));
                if !r.is_null() {
                    if !next.is_null() {
                        sys::BIO_push(r, next);
                    }
                    sys::BIO_set_next(raw(b), r);
                    sys::BIO_up_ref(r);
                }
                ffi::BIO_set_init(raw(b), 1);
                1
            }
            BIO_C_GET_SSL => {
                if ptr.is_null() {
                    return 0;
                }
                *(ptr as *mut *mut SSL) = ssl;
                1
            }
            BIO_CTRL_GET_CLOSE => c_long::from(sys::BIO_get_shutdown(raw(b))),
            BIO_CTRL_SET_CLOSE => {
                sys::BIO_set_shutdown(raw(b), num as c_int);
                1
            }
            BIO_CTRL_WPENDING => ffi::BIO_ctrl(raw(SSL_get_wbio(ssl)), cmd, num, ptr),
            BIO_CTRL_PENDING => match SSL_pending(ssl) {
                0 => ffi::BIO_ctrl(rbio(), cmd, 0, null_mut()),
                n => c_long::from(n),
            },
            BIO_CTRL_FLUSH => {
                clear_retry(b);
                let r = ffi::BIO_ctrl(raw(SSL_get_wbio(ssl)), cmd, num, ptr);
                sys::BIO_copy_next_retry(raw(b));
                r
            }
            BIO_CTRL_PUSH => {
                if !next.is_null() && next != rbio() {
                    // The connection takes a reference of its own.
                    sys::BIO_up_ref(next);
                    SSL_set_bio(ssl, next.cast(), next.cast());
                }
                1
            }
            BIO_CTRL_POP => {
                // Only when this BIO itself is popped.
                if ptr.cast::<ffi::BIO>() == b {
                    SSL_set_bio(ssl, null_mut(), null_mut());
                }
                1
            }
            BIO_C_DO_STATE_MACHINE => {
                clear_retry(b);
                sys::BIO_set_retry_reason(raw(b), 0);
                let r = SSL_do_handshake(ssl);
                match SSL_get_error(ssl, r) {
                    ERROR_WANT_READ => {
                        ffi::BIO_set_flags(raw(b), BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY)
                    }
                    ERROR_WANT_WRITE => {
                        ffi::BIO_set_flags(raw(b), BIO_FLAGS_WRITE | BIO_FLAGS_SHOULD_RETRY)
                    }
                    SSL_ERROR_WANT_CONNECT => {
                        ffi::BIO_set_flags(raw(b), BIO_FLAGS_IO_SPECIAL | BIO_FLAGS_SHOULD_RETRY);
                        sys::BIO_set_retry_reason(raw(b), sys::BIO_get_retry_reason(next));
                    }
                    SSL_ERROR_WANT_X509_LOOKUP => set_retry(b, SSL_ERROR_WANT_X509_LOOKUP),
                    _ => {}
                }
                c_long::from(r)
            }
            // SSL_dup is not offered: a chain with this filter cannot be
            // duplicated.
            BIO_CTRL_DUP => 0,
            BIO_CTRL_SET_CALLBACK => 0,
            _ => ffi::BIO_ctrl(rbio(), cmd, num, ptr),
        }
    }
}

unsafe extern "C" fn filter_callback_ctrl(b: *mut ffi::BIO, cmd: c_int, fp: BioInfoCb) -> c_long {
    guard(0, || {
        // SAFETY: libcrypto calls this with its live filter BIO.
        let f = unsafe { filter(b) }?;
        if cmd != BIO_CTRL_SET_CALLBACK || f.ssl.is_null() {
            return Some(0);
        }
        // SAFETY: the connection's read BIO is live (or NULL).
        Some(unsafe { sys::BIO_callback_ctrl(raw(SSL_get_rbio(f.ssl)), cmd, fp) })
    })
}

/// The filter's method, made once (libssl's is static too).
fn method() -> *const ffi::BIO_METHOD {
    static METHOD: OnceLock<usize> = OnceLock::new();
    *METHOD.get_or_init(|| {
        // SAFETY: a new method, filled with this module's callbacks, never
        // freed (BIOs may use it until the process ends).
        unsafe {
            let m = ffi::BIO_meth_new(BIO_TYPE_SSL, c"ssl".as_ptr());
            if m.is_null() {
                return 0;
            }
            sys::BIO_meth_set_write_ex(m, filter_write);
            sys::BIO_meth_set_read_ex(m, filter_read);
            sys::BIO_meth_set_puts(m, filter_puts);
            sys::BIO_meth_set_ctrl(m, filter_ctrl);
            sys::BIO_meth_set_create(m, filter_create);
            sys::BIO_meth_set_destroy(m, filter_destroy);
            sys::BIO_meth_set_callback_ctrl(m, filter_callback_ctrl);
            m as usize
        }
    }) as *const ffi::BIO_METHOD
}

/// The SSL filter BIO method (NULL if libcrypto could not make it).
#[unsafe(no_mangle)]
pub extern "C" fn BIO_f_ssl() -> *const BIO_METHOD {
    guard(std::ptr::null(), || Some(method().cast()))
}

/// A filter BIO with a new connection of `ctx`, a client if `client` is
/// non-zero, else a server, freed with the BIO (`BIO_CLOSE`); NULL if
/// either cannot be made.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn BIO_new_ssl(ctx: *mut SSL_CTX, client: c_int) -> *mut BIO {
    guard(null_mut(), || {
        // SAFETY: the method is live; ctx is NULL or a live SSL_CTX.
        unsafe {
            let b = ffi::BIO_new(method());
            if b.is_null() {
                return None;
            }
            let ssl = SSL_new(ctx);
            if ssl.is_null() {
                sys::BIO_free(b);
                return None;
            }
            if client != 0 {
                SSL_set_connect_state(ssl);
            } else {
                SSL_set_accept_state(ssl);
            }
            ffi::BIO_ctrl(b, BIO_C_SET_SSL, BIO_CLOSE, ssl.cast());
            Some(b.cast())
        }
    })
}

/// A client filter BIO pushed onto a connect BIO (`BIO_s_connect`; the
/// program sets its address), or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn BIO_new_ssl_connect(ctx: *mut SSL_CTX) -> *mut BIO {
    guard(null_mut(), || {
        // SAFETY: libcrypto's connect method; ctx is NULL or live.
        unsafe {
            let con = ffi::BIO_new(sys::BIO_s_connect());
            if con.is_null() {
                return None;
            }
            let ssl = raw(BIO_new_ssl(ctx, 1));
            if ssl.is_null() {
                sys::BIO_free(con);
                return None;
            }
            Some(sys::BIO_push(ssl, con).cast())
        }
    })
}

/// `BIO_new_ssl_connect` under a buffering BIO (`BIO_f_buffer`), or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn BIO_new_buffer_ssl_connect(ctx: *mut SSL_CTX) -> *mut BIO {
    guard(null_mut(), || {
        // SAFETY: libcrypto's buffer method; ctx is NULL or live.
        unsafe {
            let buf = ffi::BIO_new(sys::BIO_f_buffer());
            if buf.is_null() {
                return None;
            }
            let ssl = raw(BIO_new_ssl_connect(ctx));
            if ssl.is_null() {
                sys::BIO_free(buf);
                return None;
            }
            Some(sys::BIO_push(buf, ssl).cast())
        }
    })
}

/// The filter BIO of a chain.
///
/// # Safety
/// `b` must be NULL or a live BIO.
unsafe fn find_filter(b: *mut BIO) -> *mut BIO {
    if b.is_null() {
        return null_mut();
    }
    // SAFETY: per the contract above.
    unsafe { sys::BIO_find_type(raw(b), BIO_TYPE_SSL).cast() }
}

/// Gives the connection of `t`'s filter the session (and session id
/// context) of `f`'s: 1, or 0 if either chain has no filter with a
/// connection.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn BIO_ssl_copy_session_id(t: *mut BIO, f: *mut BIO) -> c_int {
    guard(0, || {
        // SAFETY: t and f are NULL or live BIOs; filters have our data.
        unsafe {
            let (t, f) = (find_filter(t), find_filter(f));
            if t.is_null() || f.is_null() {
                return Some(0);
            }
            let (to, from) = (filter(raw(t))?.ssl, filter(raw(f))?.ssl);
            if to.is_null() || from.is_null() {
                return Some(0);
            }
            Some(c_int::from(SSL_copy_session_id(to, from) != 0))
        }
    })
}

/// `SSL_shutdown` on the connection of every filter in the chain.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn BIO_ssl_shutdown(b: *mut BIO) {
    guard((), || {
        let mut cur = raw(b);
        // SAFETY: cur walks a live chain; filters have our data.
        unsafe {
            while !cur.is_null() {
                if sys::BIO_method_type(cur) == BIO_TYPE_SSL {
                    if let Some(f) = filter(cur).filter(|f| !f.ssl.is_null()) {
                        SSL_shutdown(f.ssl);
                    }
                }
                cur = sys::BIO_next(cur);
            }
        }
        Some(())
    })
}
