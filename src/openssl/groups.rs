//! Key exchange: groups (`SSL_CTX_set1_groups_list`, `SSL_CTX_set1_groups`,
//! curves, `SSL_get_shared_group`, `SSL_get_negotiated_group`,
//! `SSL_group_to_name`), signature algorithm lists, and the finite-field
//! DH settings (`SSL_CTX_set_tmp_dh`, `SSL_CTX_set_dh_auto`,
//! `SSL_CTX_set0_tmp_dh_pkey`, the callback). rustls has no finite-field
//! DH: those settings are checked and accepted as OpenSSL accepts them, and
//! the handshakes use elliptic-curve groups.

use std::ffi::{CStr, c_char, c_int, c_long, c_void};
use std::ptr::null;

use super::crypto::err::{self, reasons};
use super::crypto::sys;
use super::handles::{self, SSL, SSL_CTX};
use crate::ffi;
use crate::ssl::config::Settings;
use crate::ssl::config::{groups, sigalgs};
use crate::ssl::conn::SslConn;

pub const SSL_CTRL_SET_TMP_DH: c_int = 3;
pub const SSL_CTRL_SET_TMP_ECDH: c_int = 4;
pub const SSL_CTRL_SET_TMP_DH_CB: c_int = 6;
pub const SSL_CTRL_GET_GROUPS: c_int = 90;
pub const SSL_CTRL_SET_GROUPS: c_int = 91;
pub const SSL_CTRL_SET_GROUPS_LIST: c_int = 92;
pub const SSL_CTRL_GET_SHARED_GROUP: c_int = 93;
pub const SSL_CTRL_SET_SIGALGS: c_int = 97;
pub const SSL_CTRL_SET_SIGALGS_LIST: c_int = 98;
pub const SSL_CTRL_SET_CLIENT_SIGALGS: c_int = 101;
pub const SSL_CTRL_SET_CLIENT_SIGALGS_LIST: c_int = 102;
pub const SSL_CTRL_SET_DH_AUTO: c_int = 118;
pub const SSL_CTRL_GET_NEGOTIATED_GROUP: c_int = 134;

/// The minimum security bits of each security level (0..=5).
fn min_bits(level: i32) -> i32 {
    match level {
        i32::MIN..=0 => 0,
        1 => 80,
        2 => 112,
        3 => 128,
        4 => 192,
        _ => 256,
    }
}

/// OpenSSL's check of a temporary DH key against the security level (at
/// level 0, keys under 80 bits are refused too).
fn dh_allowed(level: i32, bits: c_int) -> bool {
    if level <= 0 {
        return bits >= 80;
    }
    bits >= min_bits(level)
}

/// The groups list commands and the others shared by `SSL_CTX_ctrl` and
/// `SSL_ctrl` on settings; `None` for other commands.
///
/// # Safety
/// `parg` must be what the command takes.
pub unsafe fn settings_ctrl(
    s: &mut Settings,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Option<c_long> {
    Some(match cmd {
        SSL_CTRL_SET_GROUPS_LIST => {
            // SAFETY: parg is NULL or a C string.
            let list = unsafe { str_arg(parg) };
            match list.map(groups::parse_list) {
                Some(Ok(ids)) => {
                    s.set_groups(ids);
                    1
                }
                Some(Err(Some(name))) => {
                    err::raise_data(
                        reasons::PASSED_INVALID_ARGUMENT,
                        c"gid_cb",
                        &format!("group '{name}' cannot be set"),
                    );
                    0
                }
                _ => 0,
            }
        }
        SSL_CTRL_SET_GROUPS => {
            let Ok(n) = usize::try_from(larg) else {
                return Some(0);
            };
            if parg.is_null() || n == 0 {
                return Some(0);
            }
            // SAFETY: parg points to larg ints.
            let nids = unsafe { std::slice::from_raw_parts(parg as *const c_int, n) };
            match groups::from_nids(nids) {
                Some(ids) if !ids.is_empty() => {
                    s.set_groups(ids);
                    1
                }
                _ => 0,
            }
        }
        SSL_CTRL_SET_SIGALGS_LIST | SSL_CTRL_SET_CLIENT_SIGALGS_LIST => {
            // SAFETY: parg is NULL or a C string.
            let list = unsafe { str_arg(parg) };
            c_long::from(list.and_then(sigalgs::parse_list).is_some())
        }
        SSL_CTRL_SET_SIGALGS | SSL_CTRL_SET_CLIENT_SIGALGS => {
            // (hash NID, signature NID) pairs: accepted when paired.
            c_long::from(!parg.is_null() && larg > 0 && larg % 2 == 0)
        }
        SSL_CTRL_SET_DH_AUTO => 1,
        SSL_CTRL_SET_TMP_DH => {
            if parg.is_null() {
                err::raise(reasons::PASSED_NULL_PARAMETER, c"ssl3_ctrl");
                return Some(0);
            }
            // SAFETY: parg is a DH.
            let bits = unsafe { sys::DH_security_bits(parg as *const openssl_sys::DH) };
            if !dh_allowed(s.security_level(), bits) {
                err::raise(reasons::DH_KEY_TOO_SMALL, c"SSL_CTX_set0_tmp_dh_pkey");
                return Some(0);
            }
            1
        }
        SSL_CTRL_SET_TMP_ECDH => {
            if parg.is_null() {
                err::raise(reasons::PASSED_NULL_PARAMETER, c"ssl3_ctrl");
                return Some(0);
            }
            // OpenSSL restricts the groups to the key's curve.
            // SAFETY: parg is an EC_KEY.
            let nid = unsafe {
                sys::EC_GROUP_get_curve_name(sys::EC_KEY_get0_group(
                    parg as *const openssl_sys::EC_KEY,
                ))
            };
            match groups::from_nids(&[nid]) {
                Some(ids) => {
                    s.set_groups(ids);
                    1
                }
                None => 0,
            }
        }
        SSL_CTRL_SET_TMP_DH_CB => 0,
        _ => return None,
    })
}

/// The commands only a connection answers: the negotiated group and the
/// groups shared with the client.
///
/// # Safety
/// `parg` must be what the command takes.
pub unsafe fn conn_ctrl(
    c: &SslConn,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> Option<c_long> {
    Some(match cmd {
        SSL_CTRL_GET_NEGOTIATED_GROUP => {
            let g = c.extra().observed.group;
            g.map_or(0, |id| c_long::from(groups::nid_of_id(id)))
        }
        SSL_CTRL_GET_SHARED_GROUP => shared_group(c, larg),
        SSL_CTRL_GET_GROUPS => {
            // The peer's groups: their number; with a buffer, their NIDs.
            let ids = c.extra().observed.peer_groups.clone();
            if !parg.is_null() {
                let out = parg as *mut c_int;
                for (i, id) in ids.iter().enumerate() {
                    // SAFETY: the caller's buffer holds as many ints as the
                    // count it asked for first.
                    unsafe { *out.add(i) = groups::nid_of_id(*id) };
                }
            }
            ids.len() as c_long
        }
        _ => return None,
    })
}

/// `SSL_get_shared_group`: on a server, the groups of both sides in the
/// server's order (n = -1: how many; else the n-th's NID, 0 past the
/// end); 0 on a client.
fn shared_group(c: &SslConn, n: c_long) -> c_long {
    if !c.is_server() {
        return 0;
    }
    let ours = c.settings(|s| s.groups().to_vec());
    let ours = if ours.is_empty() {
        groups::DEFAULT.to_vec()
    } else {
        ours
    };
    let theirs = c.extra().observed.peer_groups.clone();
    // In the client's order, unless the server prefers its own.
    let server_pref = c.settings(|s| s.options())
        & crate::ssl::config::consts::SSL_OP_CIPHER_SERVER_PREFERENCE
        != 0;
    let shared: Vec<u16> = if server_pref {
        ours.into_iter().filter(|g| theirs.contains(g)).collect()
    } else {
        theirs.into_iter().filter(|g| ours.contains(g)).collect()
    };
    if n == -1 {
        return shared.len() as c_long;
    }
    usize::try_from(n)
        .ok()
        .and_then(|i| shared.get(i))
        .map_or(0, |id| c_long::from(groups::nid_of_id(*id)))
}

/// # Safety
/// `p` must be NULL or a C string.
unsafe fn str_arg<'a>(p: *mut c_void) -> Option<&'a str> {
    // SAFETY: per the contract above.
    unsafe { ffi::str_arg(p as *const c_char) }
}

/// OpenSSL's TLS name of a group NID (`SSL_group_to_name`); NULL if none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_group_to_name(s: *mut SSL, nid: c_int) -> *const c_char {
    ffi::guard(null(), || {
        // SAFETY: s is NULL or a live handle.
        unsafe { handles::ssl(s) }?;
        let id = if nid & groups::NID_UNKNOWN_GROUP != 0 {
            (nid & 0xffff) as u16
        } else {
            groups::id_of_nid(nid)?
        };
        let name = groups::name_of_id(id)?;
        Some(static_cstr(name).as_ptr())
    })
}

/// The group names as C strings, made once.
fn static_cstr(name: &'static str) -> &'static CStr {
    static NAMES: std::sync::OnceLock<Vec<(&'static str, std::ffi::CString)>> =
        std::sync::OnceLock::new();
    let all = NAMES.get_or_init(|| {
        [
            "secp256r1",
            "secp384r1",
            "secp521r1",
            "x25519",
            "x448",
            "ffdhe2048",
            "ffdhe3072",
            "ffdhe4096",
            "ffdhe6144",
            "ffdhe8192",
        ]
        .iter()
        .filter_map(|n| Some((*n, std::ffi::CString::new(*n).ok()?)))
        .collect()
    });
    all.iter()
        .find(|(n, _)| *n == name)
        .map_or(c"", |(_, c)| c.as_c_str())
}

/// A temporary DH key (`EVP_PKEY`, taken over on success): 1 if strong
/// enough for the security level, else 0 (`SSL_R_DH_KEY_TOO_SMALL`; the
/// key stays the caller's).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set0_tmp_dh_pkey(
    ctx: *mut SSL_CTX,
    pkey: *mut openssl_sys::EVP_PKEY,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        let level = c.config.read(Settings::security_level);
        // SAFETY: pkey is NULL or a live key.
        Some(unsafe { take_dh_pkey(level, pkey) })
    })
}

/// As `SSL_CTX_set0_tmp_dh_pkey`, for one connection.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set0_tmp_dh_pkey(
    s: *mut SSL,
    pkey: *mut openssl_sys::EVP_PKEY,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        let level = c.settings(Settings::security_level);
        // SAFETY: pkey is NULL or a live key.
        Some(unsafe { take_dh_pkey(level, pkey) })
    })
}

/// # Safety
/// `pkey` must be NULL or a live key the caller hands over on success.
unsafe fn take_dh_pkey(level: i32, pkey: *mut openssl_sys::EVP_PKEY) -> c_int {
    // SAFETY: per the contract above (NULL has 0 bits).
    let bits = if pkey.is_null() {
        0
    } else {
        unsafe { sys::EVP_PKEY_get_security_bits(pkey) }
    };
    if !dh_allowed(level, bits) {
        err::raise(reasons::DH_KEY_TOO_SMALL, c"SSL_CTX_set0_tmp_dh_pkey");
        return 0;
    }
    // SAFETY: the key is ours now; rustls has no use for it.
    unsafe { openssl_sys::EVP_PKEY_free(pkey) };
    1
}

/// The DH parameter callback: accepted, never called (no finite-field DH).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_tmp_dh_callback(ctx: *mut SSL_CTX, cb: *const c_void) {
    let _ = (ctx, cb);
}

/// As `SSL_CTX_set_tmp_dh_callback`.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_tmp_dh_callback(s: *mut SSL, cb: *const c_void) {
    let _ = (s, cb);
}
