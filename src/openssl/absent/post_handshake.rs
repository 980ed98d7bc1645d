//! Early data, key updates, renegotiation, post-handshake authentication,
//! stateless retries, sendfile, DTLS listening and keying material
//! exporters: none offered.

use std::ffi::{c_char, c_int, c_void};

use super::*;
use crate::openssl::crypto::err;

/// What OpenSSL reports as the most early data a server would accept when
/// none is configured (`SSL3_RT_MAX_PLAIN_LENGTH`); the server accepts
/// none (`SSL_get_max_early_data` is 0).
const DEFAULT_RECV_MAX_EARLY_DATA: u32 = 16384;

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_recv_max_early_data(ctx: *const SSL_CTX) -> u32 {
    with_ctx(ctx, 0, |_| DEFAULT_RECV_MAX_EARLY_DATA)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_recv_max_early_data(s: *const SSL) -> u32 {
    with_conn(s, 0, |_| DEFAULT_RECV_MAX_EARLY_DATA)
}

/// `SSL_READ_EARLY_DATA_ERROR` (0): a client must not call it, a server
/// has no early data to read. `readbytes` is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_read_early_data(
    s: *mut SSL,
    _buf: *mut c_void,
    _num: usize,
    readbytes: *mut usize,
) -> c_int {
    // SAFETY: readbytes is NULL or writable.
    unsafe { put(readbytes, 0) };
    with_conn(s, 0, |c| {
        if c.is_server() {
            err::raise(READ_BIO_NOT_SET, c"SSL_read_early_data");
        } else {
            err::raise(SHOULD_NOT_HAVE_BEEN_CALLED, c"SSL_read_early_data");
        }
        0
    })
}

/// 0: no early data is sent (`written` is 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_write_early_data(
    s: *mut SSL,
    _buf: *const c_void,
    _num: usize,
    written: *mut usize,
) -> c_int {
    // SAFETY: written is NULL or writable.
    unsafe { put(written, 0) };
    with_conn(s, 0, |_| {
        err::raise(SHOULD_NOT_HAVE_BEEN_CALLED, c"SSL_write_early_data");
        0
    })
}

/// -1: stateless HelloRetryRequest handling is not offered.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_stateless(s: *mut SSL) -> c_int {
    with_conn(s, -1, |c| {
        let reason = if c.is_server() {
            READ_BIO_NOT_SET
        } else {
            SHOULD_NOT_HAVE_BEEN_CALLED
        };
        err::raise(reason, c"SSL_stateless");
        -1
    })
}

/// `SSL_KEY_UPDATE_NONE`: no key update is pending.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_key_update_type(_s: *const SSL) -> c_int {
    -1
}

/// Why a TLS 1.3 post-handshake operation cannot run now, as OpenSSL
/// checks it: the version, then the handshake's completion.
fn tls13_ready(c: &SslConn, func: &std::ffi::CStr) -> bool {
    if c.negotiated_version() != Some(TLS1_3_VERSION) {
        err::raise(WRONG_SSL_VERSION, func);
        false
    } else if !c.is_init_finished() {
        err::raise(STILL_IN_INIT, func);
        false
    } else {
        true
    }
}

/// 0: key updates are not offered (after a TLS 1.3 handshake too).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_key_update(s: *mut SSL, _updatetype: c_int) -> c_int {
    with_conn(s, 0, |c| {
        tls13_ready(c, c"SSL_key_update");
        0
    })
}

/// 0: a server that never offers post-handshake authentication finds the
/// client's extension missing, as OpenSSL does for a client without it.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_verify_client_post_handshake(s: *mut SSL) -> c_int {
    with_conn(s, 0, |c| {
        let func = c"SSL_verify_client_post_handshake";
        if tls13_ready(c, func) {
            let reason = if c.is_server() {
                EXTENSION_NOT_RECEIVED
            } else {
                NOT_SERVER
            };
            err::raise(reason, func);
        }
        0
    })
}

/// 0 and "no renegotiation": renegotiation is not offered.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_renegotiate(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| {
        err::raise(NO_RENEGOTIATION, c"SSL_renegotiate");
        0
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_renegotiate_abbreviated(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| {
        err::raise(NO_RENEGOTIATION, c"SSL_renegotiate_abbreviated");
        0
    })
}

/// -1 and "uninitialized", as OpenSSL answers without kernel TLS (which
/// this library never has).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_sendfile(
    s: *mut SSL,
    _fd: c_int,
    _offset: i64,
    _size: usize,
    _flags: c_int,
) -> isize {
    with_conn(s, -1, |_| {
        err::raise(UNINITIALIZED, c"SSL_sendfile");
        -1
    })
}

/// -1 (a fatal error): datagram connections are not made here, so there
/// is never a ClientHello to wait for.
#[unsafe(no_mangle)]
pub extern "C" fn DTLSv1_listen(_s: *mut SSL, _client: *mut c_void) -> c_int {
    -1
}

/// -1: keying material exporters are not offered (OpenSSL's failure value
/// before a handshake too); `out` is left as it is.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn SSL_export_keying_material(
    _s: *mut SSL,
    _out: *mut u8,
    _olen: usize,
    _label: *const c_char,
    _llen: usize,
    _context: *const u8,
    _contextlen: usize,
    _use_context: c_int,
) -> c_int {
    -1
}
