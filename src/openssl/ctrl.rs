//! `SSL_CTX_ctrl` and `SSL_CTX_callback_ctrl`: the numbered commands
//! behind OpenSSL's macros (`SSL_CTX_set_mode`, `SSL_CTX_sess_number`,
//! `SSL_CTX_set_min_proto_version`, …). The same number can mean different
//! things to `*_ctrl` and `*_callback_ctrl` (76, 79), so each entry point
//! has its own dispatch; numbers nothing here handles return 0, as
//! OpenSSL's do.

use std::ffi::{c_int, c_long, c_void};
use std::sync::Arc;

use super::handles::{self, SSL, SSL_CTX};
use crate::ffi;
use crate::ssl::config::Settings;
use crate::ssl::config::consts::SSL_AD_UNRECOGNIZED_NAME;
use crate::ssl::conn::SslConn;

pub const SSL_CTRL_SET_TMP_DH: c_int = 3;
pub const SSL_CTRL_SET_TMP_ECDH: c_int = 4;
pub const SSL_CTRL_SET_TMP_DH_CB: c_int = 6;
pub const SSL_CTRL_GET_CLIENT_CERT_REQUEST: c_int = 9;
pub const SSL_CTRL_GET_NUM_RENEGOTIATIONS: c_int = 10;
pub const SSL_CTRL_CLEAR_NUM_RENEGOTIATIONS: c_int = 11;
pub const SSL_CTRL_GET_TOTAL_RENEGOTIATIONS: c_int = 12;
pub const SSL_CTRL_GET_FLAGS: c_int = 13;
pub const SSL_CTRL_EXTRA_CHAIN_CERT: c_int = 14;
pub const SSL_CTRL_SET_MSG_CALLBACK: c_int = 15;
pub const SSL_CTRL_SET_MSG_CALLBACK_ARG: c_int = 16;
pub const SSL_CTRL_SET_MTU: c_int = 17;
pub const SSL_CTRL_SESS_NUMBER: c_int = 20;
pub const SSL_CTRL_SESS_CONNECT: c_int = 21;
pub const SSL_CTRL_SESS_CONNECT_GOOD: c_int = 22;
pub const SSL_CTRL_SESS_CONNECT_RENEGOTIATE: c_int = 23;
pub const SSL_CTRL_SESS_ACCEPT: c_int = 24;
pub const SSL_CTRL_SESS_ACCEPT_GOOD: c_int = 25;
pub const SSL_CTRL_SESS_ACCEPT_RENEGOTIATE: c_int = 26;
pub const SSL_CTRL_SESS_HIT: c_int = 27;
pub const SSL_CTRL_SESS_CB_HIT: c_int = 28;
pub const SSL_CTRL_SESS_MISSES: c_int = 29;
pub const SSL_CTRL_SESS_TIMEOUTS: c_int = 30;
pub const SSL_CTRL_SESS_CACHE_FULL: c_int = 31;
pub const SSL_CTRL_MODE: c_int = 33;
pub const SSL_CTRL_GET_READ_AHEAD: c_int = 40;
pub const SSL_CTRL_SET_READ_AHEAD: c_int = 41;
pub const SSL_CTRL_SET_SESS_CACHE_SIZE: c_int = 42;
pub const SSL_CTRL_GET_SESS_CACHE_SIZE: c_int = 43;
pub const SSL_CTRL_SET_SESS_CACHE_MODE: c_int = 44;
pub const SSL_CTRL_GET_SESS_CACHE_MODE: c_int = 45;
pub const SSL_CTRL_GET_MAX_CERT_LIST: c_int = 50;
pub const SSL_CTRL_SET_MAX_CERT_LIST: c_int = 51;
pub const SSL_CTRL_SET_MAX_SEND_FRAGMENT: c_int = 52;
pub const SSL_CTRL_SET_TLSEXT_SERVERNAME_CB: c_int = 53;
pub const SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG: c_int = 54;
pub const SSL_CTRL_SET_TLSEXT_HOSTNAME: c_int = 55;
pub const SSL_CTRL_SET_TLSEXT_DEBUG_CB: c_int = 56;
pub const SSL_CTRL_SET_TLSEXT_DEBUG_ARG: c_int = 57;
pub const SSL_CTRL_GET_TLSEXT_TICKET_KEYS: c_int = 58;
pub const SSL_CTRL_SET_TLSEXT_TICKET_KEYS: c_int = 59;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_CB: c_int = 63;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_CB_ARG: c_int = 64;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_TYPE: c_int = 65;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_EXTS: c_int = 66;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_EXTS: c_int = 67;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_IDS: c_int = 68;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_IDS: c_int = 69;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_OCSP_RESP: c_int = 70;
pub const SSL_CTRL_SET_TLSEXT_STATUS_REQ_OCSP_RESP: c_int = 71;
pub const SSL_CTRL_SET_TLSEXT_TICKET_KEY_CB: c_int = 72;
pub const DTLS_CTRL_GET_TIMEOUT: c_int = 73;
pub const DTLS_CTRL_HANDLE_TIMEOUT: c_int = 74;
pub const SSL_CTRL_SET_TLS_EXT_SRP_USERNAME_CB: c_int = 75;
/// `SSL_ctrl`: renegotiation info support; `SSL_CTX_callback_ctrl`:
/// SRP_VERIFY_PARAM_CB.
pub const SSL_CTRL_GET_RI_SUPPORT: c_int = 76;
pub const SSL_CTRL_SET_SRP_VERIFY_PARAM_CB: c_int = 76;
pub const SSL_CTRL_SET_SRP_GIVE_CLIENT_PWD_CB: c_int = 77;
/// `SSL_CTX_ctrl` handles 78 as CLEAR_MODE, so SET_SRP_ARG is internal only.
pub const SSL_CTRL_CLEAR_MODE: c_int = 78;
pub const SSL_CTRL_SET_SRP_ARG: c_int = 78;
/// `SSL_CTX_ctrl`: SRP user name; `*_callback_ctrl`: NOT_RESUMABLE_SESS_CB.
pub const SSL_CTRL_SET_TLS_EXT_SRP_USERNAME: c_int = 79;
pub const SSL_CTRL_SET_NOT_RESUMABLE_SESS_CB: c_int = 79;
pub const SSL_CTRL_SET_TLS_EXT_SRP_STRENGTH: c_int = 80;
pub const SSL_CTRL_SET_TLS_EXT_SRP_PASSWORD: c_int = 81;
pub const SSL_CTRL_GET_EXTRA_CHAIN_CERTS: c_int = 82;
pub const SSL_CTRL_CLEAR_EXTRA_CHAIN_CERTS: c_int = 83;
pub const SSL_CTRL_CHAIN: c_int = 88;
pub const SSL_CTRL_CHAIN_CERT: c_int = 89;
pub const SSL_CTRL_GET_GROUPS: c_int = 90;
pub const SSL_CTRL_SET_GROUPS: c_int = 91;
pub const SSL_CTRL_SET_GROUPS_LIST: c_int = 92;
pub const SSL_CTRL_GET_SHARED_GROUP: c_int = 93;
pub const SSL_CTRL_SET_SIGALGS: c_int = 97;
pub const SSL_CTRL_SET_SIGALGS_LIST: c_int = 98;
pub const SSL_CTRL_CERT_FLAGS: c_int = 99;
pub const SSL_CTRL_CLEAR_CERT_FLAGS: c_int = 100;
pub const SSL_CTRL_SET_CLIENT_SIGALGS: c_int = 101;
pub const SSL_CTRL_SET_CLIENT_SIGALGS_LIST: c_int = 102;
pub const SSL_CTRL_GET_CLIENT_CERT_TYPES: c_int = 103;
pub const SSL_CTRL_SET_CLIENT_CERT_TYPES: c_int = 104;
pub const SSL_CTRL_BUILD_CERT_CHAIN: c_int = 105;
pub const SSL_CTRL_SET_VERIFY_CERT_STORE: c_int = 106;
pub const SSL_CTRL_SET_CHAIN_CERT_STORE: c_int = 107;
pub const SSL_CTRL_GET_PEER_SIGNATURE_NID: c_int = 108;
pub const SSL_CTRL_GET_PEER_TMP_KEY: c_int = 109;
pub const SSL_CTRL_GET_RAW_CIPHERLIST: c_int = 110;
pub const SSL_CTRL_GET_EC_POINT_FORMATS: c_int = 111;
pub const SSL_CTRL_GET_CHAIN_CERTS: c_int = 115;
pub const SSL_CTRL_SELECT_CURRENT_CERT: c_int = 116;
pub const SSL_CTRL_SET_CURRENT_CERT: c_int = 117;
pub const SSL_CTRL_SET_DH_AUTO: c_int = 118;
pub const DTLS_CTRL_SET_LINK_MTU: c_int = 120;
pub const DTLS_CTRL_GET_LINK_MIN_MTU: c_int = 121;
pub const SSL_CTRL_GET_EXTMS_SUPPORT: c_int = 122;
pub const SSL_CTRL_SET_MIN_PROTO_VERSION: c_int = 123;
pub const SSL_CTRL_SET_MAX_PROTO_VERSION: c_int = 124;
pub const SSL_CTRL_SET_SPLIT_SEND_FRAGMENT: c_int = 125;
pub const SSL_CTRL_SET_MAX_PIPELINES: c_int = 126;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_TYPE: c_int = 127;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_CB: c_int = 128;
pub const SSL_CTRL_GET_TLSEXT_STATUS_REQ_CB_ARG: c_int = 129;
pub const SSL_CTRL_GET_MIN_PROTO_VERSION: c_int = 130;
pub const SSL_CTRL_GET_MAX_PROTO_VERSION: c_int = 131;
pub const SSL_CTRL_GET_SIGNATURE_NID: c_int = 132;
pub const SSL_CTRL_GET_TMP_KEY: c_int = 133;
pub const SSL_CTRL_GET_NEGOTIATED_GROUP: c_int = 134;
pub const SSL_CTRL_SET_RETRY_VERIFY: c_int = 136;
pub const SSL_CTRL_GET_VERIFY_CERT_STORE: c_int = 137;
pub const SSL_CTRL_GET_CHAIN_CERT_STORE: c_int = 138;

/// The servername callback as C passes it to `SSL_CTX_callback_ctrl`.
type ServernameFn = unsafe extern "C" fn(*mut SSL, *mut c_int, *mut c_void) -> c_int;

/// The commands `SSL_ctrl` and `SSL_CTX_ctrl` share, on the settings of a
/// context or of a connection: modes (33, 78), read-ahead (40, 41),
/// certificate list limit (50, 51), send fragments (52, 125) and protocol
/// bounds (123, 124, 130, 131). `None` for any other command.
pub(crate) fn settings_ctrl(s: &mut Settings, cmd: c_int, larg: c_long) -> Option<c_long> {
    // OpenSSL's fields are narrower than `long`: modes uint32_t, read_ahead
    // and versions int; the casts truncate as its assignments do.
    Some(match cmd {
        SSL_CTRL_MODE => c_long::from(s.set_mode(larg as u32)),
        SSL_CTRL_CLEAR_MODE => c_long::from(s.clear_mode(larg as u32)),
        SSL_CTRL_GET_READ_AHEAD => c_long::from(s.read_ahead()),
        SSL_CTRL_SET_READ_AHEAD => c_long::from(s.set_read_ahead(larg as c_int)),
        SSL_CTRL_GET_MAX_CERT_LIST => s.max_cert_list(),
        SSL_CTRL_SET_MAX_CERT_LIST => s.set_max_cert_list(larg).unwrap_or(0),
        SSL_CTRL_SET_MAX_SEND_FRAGMENT => c_long::from(s.set_max_send_fragment(larg)),
        SSL_CTRL_SET_SPLIT_SEND_FRAGMENT => c_long::from(s.set_split_send_fragment(larg)),
        SSL_CTRL_SET_MIN_PROTO_VERSION => c_long::from(s.set_min_version(larg as c_int)),
        SSL_CTRL_SET_MAX_PROTO_VERSION => c_long::from(s.set_max_version(larg as c_int)),
        SSL_CTRL_GET_MIN_PROTO_VERSION => c_long::from(s.min_version()),
        SSL_CTRL_GET_MAX_PROTO_VERSION => c_long::from(s.max_version()),
        _ => return None,
    })
}

/// A context's control commands: the session cache's (20–31, 42–45), the
/// shared settings ones (see `settings_ctrl`) and the servername argument
/// (54); 0 for others and for a NULL context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> c_long {
    ffi::guard(0, || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        if let Some(r) = c.sessions.ctrl(cmd, larg) {
            return Some(r);
        }
        if let Some(r) = c.config.update(|s| settings_ctrl(s, cmd, larg)) {
            return Some(r);
        }
        // SAFETY: parg is what the command takes.
        if let Some(r) = c
            .config
            .update(|s| unsafe { super::groups::settings_ctrl(s, cmd, larg, parg) })
        {
            return Some(r);
        }
        if let Some(x) = super::objects::of_ctx(c) {
            let t = super::keys::Target::Ctx(c, x);
            // SAFETY: parg is what the command takes.
            if let Some(r) = unsafe { super::keys::chain_ctrl(&t, cmd, larg, parg) } {
                return Some(r);
            }
        }
        Some(match cmd {
            SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG => {
                c.config.set_servername_arg(parg as usize);
                1
            }
            SSL_CTRL_SET_MSG_CALLBACK_ARG => {
                super::callbacks::set_ctx_msg_arg(c, parg as usize).unwrap_or(0)
            }
            _ => 0,
        })
    })
}

/// A context's callback commands: the servername callback (53), run on the
/// server when the ClientHello arrives (`int cb(SSL *, int *al, void *arg)`;
/// `SSL_TLSEXT_ERR_ALERT_FATAL` fails the handshake; `*al` is not used); 0
/// for other commands and for a NULL context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_callback_ctrl(
    ctx: *mut SSL_CTX,
    cmd: c_int,
    fp: Option<unsafe extern "C" fn()>,
) -> c_long {
    ffi::guard(0, || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        Some(match cmd {
            SSL_CTRL_SET_TLSEXT_SERVERNAME_CB => {
                c.config
                    .set_servername_callback(fp.map(servername_callback));
                1
            }
            _ => 0,
        })
    })
}

/// The core's form of a C servername callback.
fn servername_callback(fp: unsafe extern "C" fn()) -> crate::ssl::config::ServernameCallback {
    // SAFETY: the application passed its servername callback, cast to
    // `void (*)(void)` as SSL_CTX_set_tlsext_servername_callback does.
    let cb = unsafe { std::mem::transmute::<unsafe extern "C" fn(), ServernameFn>(fp) };
    Arc::new(move |conn: &Arc<SslConn>, arg: usize| {
        let mut alert: c_int = SSL_AD_UNRECOGNIZED_NAME;
        // SAFETY: the connection is alive for the call; the argument is
        // the application's.
        let ret = unsafe { cb(handles::ssl_ptr(conn), &mut alert, arg as *mut c_void) };
        (
            ret,
            u8::try_from(alert).unwrap_or(SSL_AD_UNRECOGNIZED_NAME as u8),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssl::config::consts::*;
    use crate::ssl::ctx::{Role, SslCtx};
    use std::ptr::null_mut;

    fn ctrl(ctx: &Arc<SslCtx>, cmd: c_int, larg: c_long) -> c_long {
        ctrl_p(ctx, cmd, larg, null_mut())
    }

    fn ctrl_p(ctx: &Arc<SslCtx>, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        // SAFETY: a live context.
        unsafe { SSL_CTX_ctrl(handles::ctx_ptr(ctx), cmd, larg, parg) }
    }

    fn callback_ctrl(p: *mut SSL_CTX, cmd: c_int, fp: Option<unsafe extern "C" fn()>) -> c_long {
        // SAFETY: a live context or NULL.
        unsafe { SSL_CTX_callback_ctrl(p, cmd, fp) }
    }

    #[test]
    fn each_number() {
        let ctx = SslCtx::new(Role::Any);
        // modes
        assert_eq!(ctrl(&ctx, SSL_CTRL_MODE, 0), 4);
        assert_eq!(ctrl(&ctx, SSL_CTRL_MODE, 0x11), 0x15);
        assert_eq!(ctrl(&ctx, SSL_CTRL_CLEAR_MODE, 0x5), 0x10);
        assert_eq!(ctrl(&ctx, SSL_CTRL_MODE, -1), 0xffff_ffff);
        // read ahead
        assert_eq!(ctrl(&ctx, SSL_CTRL_GET_READ_AHEAD, 0), 0);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_READ_AHEAD, 1), 0);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_READ_AHEAD, 0), 1);
        // certificate list
        assert_eq!(ctrl(&ctx, SSL_CTRL_GET_MAX_CERT_LIST, 0), 102400);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_MAX_CERT_LIST, 100), 102400);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_MAX_CERT_LIST, -1), 0);
        assert_eq!(ctrl(&ctx, SSL_CTRL_GET_MAX_CERT_LIST, 0), 100);
        // fragments
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_MAX_SEND_FRAGMENT, 511), 0);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_MAX_SEND_FRAGMENT, 4096), 1);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_SPLIT_SEND_FRAGMENT, 4097), 0);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_SPLIT_SEND_FRAGMENT, 4096), 1);
        // protocol bounds
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, 0x303), 1);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_MAX_PROTO_VERSION, 0x305), 0);
        assert_eq!(ctrl(&ctx, SSL_CTRL_GET_MIN_PROTO_VERSION, 0), 0x303);
        assert_eq!(ctrl(&ctx, SSL_CTRL_GET_MAX_PROTO_VERSION, 0), 0);
        // a long larger than int is truncated as OpenSSL's int parameter
        assert_eq!(ctrl(&ctx, SSL_CTRL_SET_MAX_PROTO_VERSION, 0x1_0000_0304), 1);
        assert_eq!(ctrl(&ctx, SSL_CTRL_GET_MAX_PROTO_VERSION, 0), 0x304);
        // session cache numbers go to the cache
        assert_eq!(ctrl(&ctx, SSL_CTRL_GET_SESS_CACHE_MODE, 0), 2);
        assert_eq!(ctrl(&ctx, SSL_CTRL_GET_SESS_CACHE_SIZE, 0), 20480);
        assert_eq!(ctrl(&ctx, SSL_CTRL_SESS_NUMBER, 0), 0);
        // servername argument
        let arg = 0x1234 as *mut c_void;
        assert_eq!(ctrl_p(&ctx, SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG, 0, arg), 1);
        assert_eq!(ctx.config.servername_arg(), 0x1234);
        // unknown, or meant for SSL_ctrl / callback_ctrl only
        for cmd in [
            0,
            32,
            SSL_CTRL_SET_TLSEXT_HOSTNAME,
            SSL_CTRL_GET_RI_SUPPORT,
            999,
            -1,
        ] {
            assert_eq!(ctrl(&ctx, cmd, 1), 0, "{cmd}");
        }
        // SAFETY: NULL is allowed.
        assert_eq!(
            unsafe { SSL_CTX_ctrl(null_mut(), SSL_CTRL_MODE, 0, null_mut()) },
            0
        );
    }

    unsafe extern "C" fn fatal(_: *mut SSL, al: *mut c_int, arg: *mut c_void) -> c_int {
        // SAFETY: al points to the alert.
        assert_eq!(unsafe { *al }, SSL_AD_UNRECOGNIZED_NAME);
        assert_eq!(arg as usize, 77);
        SSL_TLSEXT_ERR_ALERT_FATAL
    }

    #[test]
    fn callbacks() {
        let ctx = SslCtx::new(Role::Server);
        let p = handles::ctx_ptr(&ctx);
        // SAFETY: a function pointer cast as the OpenSSL macro casts it.
        let fp = unsafe { std::mem::transmute::<ServernameFn, unsafe extern "C" fn()>(fatal) };
        assert_eq!(
            callback_ctrl(p, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, Some(fp)),
            1
        );
        assert!(ctx.config.has_servername_callback());
        assert_eq!(
            ctrl_p(
                &ctx,
                SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG,
                0,
                77 as *mut c_void
            ),
            1
        );
        // The callback's fatal alert stops the handshake.
        let conn = SslConn::new(&ctx);
        assert!(ctx.config.run_servername_callback(&conn).is_err());
        // 54 and 79 mean nothing to callback_ctrl
        assert_eq!(
            callback_ctrl(p, SSL_CTRL_SET_TLSEXT_SERVERNAME_ARG, Some(fp)),
            0
        );
        assert_eq!(
            callback_ctrl(p, SSL_CTRL_SET_NOT_RESUMABLE_SESS_CB, Some(fp)),
            0
        );
        assert_eq!(callback_ctrl(p, SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, None), 1);
        assert!(!ctx.config.has_servername_callback());
        assert_eq!(
            callback_ctrl(null_mut(), SSL_CTRL_SET_TLSEXT_SERVERNAME_CB, Some(fp)),
            0
        );
    }
}
