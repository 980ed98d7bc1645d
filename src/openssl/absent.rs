//! Features this library does not offer (DANE, Certificate Transparency
//! checks, early data, key updates and renegotiation, post-handshake
//! authentication, SRTP, SRP, compression, record padding, max fragment
//! length, PSK hints, configuration modules, ClientHello callbacks,
//! asynchronous jobs), answered as OpenSSL answers when the feature is
//! unused: its "none" values (every out-parameter written), the objects
//! it never leaves NULL, its failure values and the errors it queues.
//! Setting a feature up fails (0, or the function's failure value) where
//! OpenSSL would have turned it on, so programs report it instead of
//! believing it works; the few things that are real here (the CT log
//! store, the read-ahead flag, buffer and SRP bookkeeping) are.

use std::ffi::{c_char, c_int, c_uint, c_void};
use std::ptr::{null, null_mut};
use std::sync::atomic::{AtomicPtr, Ordering};

use super::crypto::ctlog::{CTLOG_STORE, CtLogStore};
use super::crypto::err::{self, reasons};
use super::crypto::ptr_stack::PtrStack;
use super::handles::{self, SSL, SSL_CTX};
use super::objects;
use crate::ffi;
use crate::ssl::conn::SslConn;

/// libssl reasons these functions queue (sslerr.h).
const INVALID_CONFIGURATION_NAME: i32 = 113;
const STILL_IN_INIT: i32 = 121;
const CONTEXT_NOT_DANE_ENABLED: i32 = 167;
const DANE_NOT_ENABLED: i32 = 175;
const READ_BIO_NOT_SET: i32 = 211;
const SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH: i32 = 232;
const WRONG_SSL_VERSION: i32 = 266;
const UNINITIALIZED: i32 = 276;
const EXTENSION_NOT_RECEIVED: i32 = 279;
const NOT_SERVER: i32 = 284;
const NO_RENEGOTIATION: i32 = 339;
const SRTP_UNKNOWN_PROTECTION_PROFILE: i32 = 364;
/// `ERR_R_SHOULD_NOT_HAVE_BEEN_CALLED` (common, fatal).
const SHOULD_NOT_HAVE_BEEN_CALLED: i32 = 257 | (1 << 18) | (2 << 18);

const TLS1_3_VERSION: u16 = 0x0304;

fn with_ctx<T>(
    ctx: *const SSL_CTX,
    fallback: T,
    f: impl FnOnce(&crate::ssl::ctx::SslCtx) -> T,
) -> T {
    // SAFETY: every SSL_CTX handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::ctx(ctx) }?)))
}

fn with_conn<T>(s: *const SSL, fallback: T, f: impl FnOnce(&SslConn) -> T) -> T {
    // SAFETY: every SSL handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::ssl(s) }?)))
}

/// Writes `v` through `p` unless NULL.
///
/// # Safety
/// `p` must be NULL or writable.
unsafe fn put<T>(p: *mut T, v: T) {
    if !p.is_null() {
        // SAFETY: per the contract above.
        unsafe { p.write(v) };
    }
}

// ---- DANE -------------------------------------------------------------------

/// `SSL_get0_dane`'s answer: an `SSL_DANE` with no records (OpenSSL's own
/// state when DANE is not enabled: libcrypto's `X509_STORE_CTX_set0_dane`
/// finds no TLSA records in it). Larger than OpenSSL's structure, all
/// zeros, never written.
#[repr(C, align(16))]
pub struct NoDane([u8; 256]);
static NO_DANE: NoDane = NoDane([0; 256]);

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get0_dane(s: *mut SSL) -> *const NoDane {
    with_conn(s, null(), |_| &NO_DANE as *const NoDane)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_dane_enable(s: *mut SSL, _basedomain: *const c_char) -> c_int {
    with_conn(s, 0, |_| {
        err::raise(CONTEXT_NOT_DANE_ENABLED, c"SSL_dane_enable");
        0
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_dane_tlsa_add(
    s: *mut SSL,
    _usage: u8,
    _selector: u8,
    _mtype: u8,
    _data: *const u8,
    _dlen: usize,
) -> c_int {
    with_conn(s, -1, |_| {
        err::raise(DANE_NOT_ENABLED, c"SSL_dane_tlsa_add");
        -1
    })
}

/// -1: DANE is not enabled; no matching certificate or key.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get0_dane_authority(
    _s: *mut SSL,
    mcert: *mut *mut c_void,
    mspki: *mut *mut c_void,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(mcert, null_mut());
        put(mspki, null_mut());
    }
    -1
}

/// -1: DANE is not enabled; no matching record.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get0_dane_tlsa(
    _s: *mut SSL,
    usage: *mut u8,
    selector: *mut u8,
    mtype: *mut u8,
    data: *mut *const u8,
    dlen: *mut usize,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(usage, 0);
        put(selector, 0);
        put(mtype, 0);
        put(data, null());
        put(dlen, 0);
    }
    -1
}

// ---- Certificate Transparency: the log store is real, checks are not offered -----

fn with_ctlog<T>(
    ctx: *const SSL_CTX,
    fallback: T,
    f: impl FnOnce(&mut Option<CtLogStore>) -> T,
) -> T {
    ffi::guard(fallback, || {
        // SAFETY: every SSL_CTX handle C passes is NULL or live.
        let c = unsafe { handles::ctx(ctx) }?;
        let crypto = objects::of_ctx(c)?;
        let mut store = crypto
            .extras
            .ctlog
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        Some(f(&mut store))
    })
}

/// The context's CT log store (NULL only after `SSL_CTX_set0_ctlog_store`
/// with NULL).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get0_ctlog_store(ctx: *const SSL_CTX) -> *const CTLOG_STORE {
    with_ctlog(ctx, null(), |s| s.as_ref().map_or(null(), |s| s.as_ptr()))
}

/// Replaces the store; the context takes `logs` over (freed with it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set0_ctlog_store(ctx: *mut SSL_CTX, logs: *mut CTLOG_STORE) {
    // SAFETY: the caller hands `logs` over (NULL or a CTLOG_STORE).
    let logs = unsafe { CtLogStore::from_owned_ptr(logs) };
    with_ctlog(ctx, (), |s| *s = logs);
}

/// Loads logs from `path` into the store (libcrypto's errors queued).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_ctlog_list_file(
    ctx: *mut SSL_CTX,
    path: *const c_char,
) -> c_int {
    with_ctlog(ctx, 0, |s| {
        // SAFETY: path is NULL or a NUL-terminated string.
        let path = (!path.is_null()).then(|| unsafe { std::ffi::CStr::from_ptr(path) });
        match (s.as_ref(), path) {
            (Some(store), Some(path)) => c_int::from(store.load_file(path)),
            _ => 0,
        }
    })
}

/// Loads libcrypto's default log list into the store.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_default_ctlog_list_file(ctx: *mut SSL_CTX) -> c_int {
    with_ctlog(ctx, 0, |s| {
        s.as_ref()
            .map_or(0, |st| c_int::from(st.load_default_file()))
    })
}

// ---- early data, key updates, renegotiation, post-handshake authentication ----

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

// ---- what ClientHello callbacks, signature and async queries find: nothing ----

/// Out-parameters of the ClientHello getters (only valid inside a
/// ClientHello callback, which is never called): NULL, 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_client_hello_get0_random(_s: *mut SSL, out: *mut *const u8) -> usize {
    // SAFETY: out is NULL or writable.
    unsafe { put(out, null()) };
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_client_hello_get0_session_id(
    _s: *mut SSL,
    out: *mut *const u8,
) -> usize {
    // SAFETY: out is NULL or writable.
    unsafe { put(out, null()) };
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_client_hello_get0_ciphers(_s: *mut SSL, out: *mut *const u8) -> usize {
    // SAFETY: out is NULL or writable.
    unsafe { put(out, null()) };
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_client_hello_get0_compression_methods(
    _s: *mut SSL,
    out: *mut *const u8,
) -> usize {
    // SAFETY: out is NULL or writable.
    unsafe { put(out, null()) };
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_client_hello_get0_ext(
    _s: *mut SSL,
    _type: c_uint,
    out: *mut *const u8,
    outlen: *mut usize,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(out, null());
        put(outlen, 0);
    }
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_client_hello_get1_extensions_present(
    _s: *mut SSL,
    out: *mut *mut c_int,
    outlen: *mut usize,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(out, null_mut());
        put(outlen, 0);
    }
    0
}

/// Decoding a ClientHello's cipher list is not offered (it serves the
/// ClientHello callback, which is never called): 0, both stacks NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_bytes_to_cipher_list(
    _s: *mut SSL,
    _bytes: *const u8,
    _len: usize,
    _isv2format: c_int,
    sk: *mut *mut c_void,
    scsvs: *mut *mut c_void,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(sk, null_mut());
        put(scsvs, null_mut());
    }
    0
}

/// No peer signature algorithms are known: 0, the out-parameters zero.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get_sigalgs(
    _s: *mut SSL,
    _idx: c_int,
    psign: *mut c_int,
    phash: *mut c_int,
    psignhash: *mut c_int,
    rsig: *mut u8,
    rhash: *mut u8,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe { sigalg_none(psign, phash, psignhash, rsig, rhash) };
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get_shared_sigalgs(
    _s: *mut SSL,
    _idx: c_int,
    psign: *mut c_int,
    phash: *mut c_int,
    psignhash: *mut c_int,
    rsig: *mut u8,
    rhash: *mut u8,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe { sigalg_none(psign, phash, psignhash, rsig, rhash) };
    0
}

/// # Safety
/// Each pointer must be NULL or writable.
unsafe fn sigalg_none(
    psign: *mut c_int,
    phash: *mut c_int,
    both: *mut c_int,
    rsig: *mut u8,
    rhash: *mut u8,
) {
    // SAFETY: per the contract above (NID_undef is 0).
    unsafe {
        put(psign, 0);
        put(phash, 0);
        put(both, 0);
        put(rsig, 0);
        put(rhash, 0);
    }
}

/// 0: the signature type is not known (`pnid` is `NID_undef`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get_peer_signature_type_nid(
    _s: *const SSL,
    pnid: *mut c_int,
) -> c_int {
    // SAFETY: pnid is NULL or writable.
    unsafe { put(pnid, 0) };
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get_signature_type_nid(_s: *const SSL, pnid: *mut c_int) -> c_int {
    // SAFETY: pnid is NULL or writable.
    unsafe { put(pnid, 0) };
    0
}

/// No asynchronous job runs: no descriptors, status `ASYNC_STATUS_UNSUPPORTED`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get_all_async_fds(
    _s: *mut SSL,
    _fds: *mut c_int,
    numfds: *mut usize,
) -> c_int {
    // SAFETY: numfds is NULL or writable.
    unsafe { put(numfds, 0) };
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get_changed_async_fds(
    _s: *mut SSL,
    _addfd: *mut c_int,
    numaddfds: *mut usize,
    _delfd: *mut c_int,
    numdelfds: *mut usize,
) -> c_int {
    // SAFETY: the counts are NULL or writable.
    unsafe {
        put(numaddfds, 0);
        put(numdelfds, 0);
    }
    0
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_get_async_status(_s: *mut SSL, status: *mut c_int) -> c_int {
    // SAFETY: status is NULL or writable.
    unsafe { put(status, 0) };
    0
}

// ---- SRP: no user is ever found; its bookkeeping has nothing to do ------------

/// `SSL3_AL_FATAL` with `SSL_AD_INTERNAL_ERROR`: no SRP parameters.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_srp_server_param_with_username(_s: *mut SSL, ad: *mut c_int) -> c_int {
    // SAFETY: ad is NULL or writable.
    unsafe { put(ad, 80) };
    2
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_SRP_CTX_init(ctx: *mut SSL_CTX) -> c_int {
    with_ctx(ctx, 0, |_| 1)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_SRP_CTX_free(ctx: *mut SSL_CTX) -> c_int {
    SSL_CTX_SRP_CTX_init(ctx)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_SRP_CTX_init(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| 1)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_SRP_CTX_free(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| 1)
}

// ---- buffers and read-ahead -------------------------------------------------------

/// 1: rustls manages the buffers itself (nothing to allocate or free).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_alloc_buffers(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| 1)
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_free_buffers(s: *mut SSL) -> c_int {
    with_conn(s, 0, |_| 1)
}

/// The read-ahead flag, kept as OpenSSL keeps it (rustls always reads
/// what the socket has).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_read_ahead(s: *mut SSL, yes: c_int) {
    with_conn(s, (), |c| {
        c.update_settings(|st| st.set_read_ahead(yes));
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_read_ahead(s: *const SSL) -> c_int {
    with_conn(s, 0, |c| c.settings(|st| st.read_ahead()))
}

// ---- configuration modules, extensions, SRTP, fragment length, padding --------

/// No `ssl_conf` section is ever loaded: every name is unknown.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_config(ctx: *mut SSL_CTX, _name: *const c_char) -> c_int {
    with_ctx(ctx, 0, |_| {
        err::raise(INVALID_CONFIGURATION_NAME, c"ssl_do_config");
        0
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_config(s: *mut SSL, _name: *const c_char) -> c_int {
    with_conn(s, 0, |_| {
        err::raise(INVALID_CONFIGURATION_NAME, c"ssl_do_config");
        0
    })
}

/// The extension types libssl handles itself (which custom extensions may
/// not use): OpenSSL's list.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_extension_supported(ext_type: c_uint) -> c_int {
    c_int::from(matches!(
        ext_type,
        0 | 1
            | 5
            | 10
            | 11
            | 12
            | 13
            | 14
            | 16
            | 18
            | 21
            | 22
            | 23
            | 35
            | 41
            | 42
            | 43
            | 44
            | 45
            | 47
            | 49
            | 51
            | 13172
            | 0xff01
    ))
}

/// SRTP profiles: none is known, so every list fails as one of unknown
/// names does (1 is failure here).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_tlsext_use_srtp(
    _ctx: *mut SSL_CTX,
    _profiles: *const c_char,
) -> c_int {
    err::raise(SRTP_UNKNOWN_PROTECTION_PROFILE, c"ssl_ctx_make_profiles");
    1
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_tlsext_use_srtp(_s: *mut SSL, _profiles: *const c_char) -> c_int {
    err::raise(SRTP_UNKNOWN_PROTECTION_PROFILE, c"ssl_ctx_make_profiles");
    1
}

/// `TLSEXT_max_fragment_length_DISABLED` (0) is what a connection has: 1;
/// the lengths 1..4 are not offered: 0; other values are invalid as in
/// OpenSSL.
fn max_fragment_length(mode: u8, func: &std::ffi::CStr) -> c_int {
    match mode {
        0 => 1,
        1..=4 => 0,
        _ => {
            err::raise(SSL3_EXT_INVALID_MAX_FRAGMENT_LENGTH, func);
            0
        }
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_tlsext_max_fragment_length(ctx: *mut SSL_CTX, mode: u8) -> c_int {
    with_ctx(ctx, 0, |_| {
        max_fragment_length(mode, c"SSL_CTX_set_tlsext_max_fragment_length")
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_tlsext_max_fragment_length(s: *mut SSL, mode: u8) -> c_int {
    with_conn(s, 0, |_| {
        max_fragment_length(mode, c"SSL_set_tlsext_max_fragment_length")
    })
}

/// Block padding: 0 or 1 (no padding) is what records have: 1; padding to
/// a block is not offered: 0.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_block_padding(ctx: *mut SSL_CTX, block_size: usize) -> c_int {
    with_ctx(ctx, 0, |_| c_int::from(block_size <= 1))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_block_padding(s: *mut SSL, block_size: usize) -> c_int {
    with_conn(s, 0, |_| c_int::from(block_size <= 1))
}

/// Removing the PSK identity hint (NULL) succeeds: there is none; setting
/// one fails (PSK is not offered).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_use_psk_identity_hint(ctx: *mut SSL_CTX, hint: *const c_char) -> c_int {
    with_ctx(ctx, 0, |_| c_int::from(hint.is_null()))
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_use_psk_identity_hint(s: *mut SSL, hint: *const c_char) -> c_int {
    with_conn(s, 0, |_| c_int::from(hint.is_null()))
}

/// Server info for extensions: none is sent. Empty data is refused as
/// OpenSSL refuses it; real data fails (custom extensions are not offered).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_use_serverinfo_ex(
    ctx: *mut SSL_CTX,
    _version: c_uint,
    serverinfo: *const u8,
    len: usize,
) -> c_int {
    if serverinfo.is_null() || len == 0 || with_ctx(ctx, true, |_| false) {
        err::raise(reasons::PASSED_NULL_PARAMETER, c"SSL_CTX_use_serverinfo_ex");
    }
    0
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_use_serverinfo(
    ctx: *mut SSL_CTX,
    serverinfo: *const u8,
    len: usize,
) -> c_int {
    SSL_CTX_use_serverinfo_ex(ctx, 1, serverinfo, len)
}

// ---- compression: none ----------------------------------------------------------

/// The compression methods (`STACK_OF(SSL_COMP)`): an empty stack made
/// once, or what `SSL_COMP_set0_compression_methods` put in its place.
static COMP_METHODS: AtomicPtr<c_void> = AtomicPtr::new(null_mut());
static COMP_INIT: std::sync::Once = std::sync::Once::new();

#[unsafe(no_mangle)]
pub extern "C" fn SSL_COMP_get_compression_methods() -> *mut c_void {
    COMP_INIT.call_once(|| {
        if let Some(empty) = PtrStack::of::<c_void>([]) {
            COMP_METHODS.store(empty.into_ptr(), Ordering::Release);
        }
    });
    COMP_METHODS.load(Ordering::Acquire)
}

/// Replaces the list, returning the old one (the caller's, as in OpenSSL);
/// compression is never used.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_COMP_set0_compression_methods(meths: *mut c_void) -> *mut c_void {
    SSL_COMP_get_compression_methods();
    COMP_METHODS.swap(meths, Ordering::AcqRel)
}

/// 1 (failure: nothing added), OpenSSL's answer for a method it cannot
/// use; no compression is offered.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_COMP_add_compression_method(_id: c_int, _cm: *mut c_void) -> c_int {
    1
}

// ---- sessions' ticket data --------------------------------------------------------

/// The ticket's bytes stay with rustls: NULL and 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get0_ticket(
    _s: *const c_void,
    tick: *mut *const u8,
    len: *mut usize,
) {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(tick, null());
        put(len, 0);
    }
}

/// 1 with no application data (none can be set).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_SESSION_get0_ticket_appdata(
    s: *mut c_void,
    data: *mut *mut c_void,
    len: *mut usize,
) -> c_int {
    // SAFETY: out-parameters are NULL or writable.
    unsafe {
        put(data, null_mut());
        put(len, 0);
    }
    c_int::from(!s.is_null())
}

// ---- SSL_dup ----------------------------------------------------------------------

/// A connection in use is shared, as OpenSSL's `SSL_dup` does (a new
/// reference to the same object); copying a fresh one is not offered
/// (NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_dup(s: *mut SSL) -> *mut SSL {
    with_conn(s, null_mut(), |c| {
        if c.in_before() && !c.is_init_finished() {
            return null_mut();
        }
        // SAFETY: s is live; the new reference goes to the caller.
        match unsafe { handles::ssl_arc(s) } {
            Some(a) => {
                let p = handles::ssl_ptr(&a);
                std::mem::forget(a);
                p
            }
            None => null_mut(),
        }
    })
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

// ---- SSL BIOs: until they exist, a method whose BIOs cannot be made -------------

/// `BIO_TYPE_SSL` (7 | `BIO_TYPE_FILTER`).
const BIO_TYPE_SSL: c_int = 7 | 0x0200;

unsafe extern "C" fn refuse_create(_bio: *mut openssl_sys::BIO) -> c_int {
    0
}

struct Method(*mut openssl_sys::BIO_METHOD);
// SAFETY: made once, never changed or freed; libcrypto only reads it.
unsafe impl Send for Method {}
// SAFETY: as above.
unsafe impl Sync for Method {}

/// A real `BIO_METHOD` named "ssl" whose create step fails, so that
/// `BIO_new(BIO_f_ssl())` returns NULL with libcrypto's "init fail" error
/// (BIO_new dereferences the method: NULL here would crash the caller).
#[unsafe(no_mangle)]
pub extern "C" fn BIO_f_ssl() -> *const openssl_sys::BIO_METHOD {
    static METHOD: std::sync::OnceLock<Method> = std::sync::OnceLock::new();
    METHOD
        .get_or_init(|| {
            // SAFETY: plain allocation and a function of the create type.
            unsafe {
                let m = openssl_sys::BIO_meth_new(BIO_TYPE_SSL, c"ssl".as_ptr());
                if !m.is_null() {
                    openssl_sys::BIO_meth_set_create__fixed_rust(m, Some(refuse_create));
                }
                Method(m)
            }
        })
        .0
}
