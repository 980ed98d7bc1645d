//! What ClientHello callbacks, signature and async queries find: nothing,
//! every out-parameter written.

use std::ffi::{c_int, c_uint, c_void};
use std::ptr::{null, null_mut};

use super::*;

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
