//! The application's observation callbacks: info (`SSL_CTX_set_info_callback`,
//! `SSL_set_info_callback`), message (`SSL_CTX_set_msg_callback`,
//! `SSL_set_msg_callback`) and key log (`SSL_CTX_set_keylog_callback`).
//!
//! The core records what a call observed (see `crate::ssl::observe`); after
//! each call [`deliver`] hands it to the callbacks, with no lock held, so
//! they may use any function on the `SSL`. What rustls does not expose —
//! its state transitions and the handshake messages and record headers —
//! is not reported: the info callback sees the handshake start, one loop
//! event, each call's exit value, the end of the handshake and the alerts;
//! the message callback sees the alerts only.

use std::ffi::{CString, c_char, c_int, c_void};
use std::sync::Mutex;

use super::handles::{self, SSL, SSL_CTX};
use super::objects;
use crate::ffi;
use crate::ssl::conn::SslConn;
use crate::ssl::observe::Event;

/// `void (*cb)(const SSL *ssl, int where, int ret)`.
pub type InfoCb = Option<unsafe extern "C" fn(*const SSL, c_int, c_int)>;
/// `void (*cb)(int write_p, int version, int content_type, const void *buf,
/// size_t len, SSL *ssl, void *arg)`.
pub type MsgCb =
    Option<unsafe extern "C" fn(c_int, c_int, c_int, *const c_void, usize, *mut SSL, *mut c_void)>;
/// `void (*cb)(const SSL *ssl, const char *line)`.
pub type KeylogCb = Option<unsafe extern "C" fn(*const SSL, *const c_char)>;

const SSL_CB_LOOP: c_int = 0x01;
const SSL_CB_EXIT: c_int = 0x02;
const SSL_CB_READ: c_int = 0x04;
const SSL_CB_WRITE: c_int = 0x08;
const SSL_CB_ALERT: c_int = 0x4000;
const SSL_ST_CONNECT: c_int = 0x1000;
const SSL_ST_ACCEPT: c_int = 0x2000;
const SSL_CB_HANDSHAKE_START: c_int = 0x10;
const SSL_CB_HANDSHAKE_DONE: c_int = 0x20;
const SSL3_RT_ALERT: c_int = 21;

/// Callbacks as addresses (0: none), with their arguments.
#[derive(Default, Clone, Copy)]
pub struct Set {
    pub info: usize,
    pub msg: usize,
    pub msg_arg: usize,
    pub keylog: usize,
}

/// A context's or a connection's callbacks.
#[derive(Default)]
pub struct Callbacks(Mutex<Set>);

impl Callbacks {
    pub fn get(&self) -> Set {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn update(&self, f: impl FnOnce(&mut Set)) {
        f(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

fn info_fn(addr: usize) -> InfoCb {
    // SAFETY: a non-zero address is an info callback the program set.
    (addr != 0).then(|| unsafe {
        std::mem::transmute::<usize, unsafe extern "C" fn(*const SSL, c_int, c_int)>(addr)
    })
}

fn msg_fn(addr: usize) -> MsgCb {
    // SAFETY: a non-zero address is a message callback the program set.
    (addr != 0).then(|| unsafe {
        std::mem::transmute::<
            usize,
            unsafe extern "C" fn(c_int, c_int, c_int, *const c_void, usize, *mut SSL, *mut c_void),
        >(addr)
    })
}

fn keylog_fn(addr: usize) -> KeylogCb {
    // SAFETY: a non-zero address is a key-log callback the program set.
    (addr != 0).then(|| unsafe {
        std::mem::transmute::<usize, unsafe extern "C" fn(*const SSL, *const c_char)>(addr)
    })
}

/// Hands the events `conn` observed to its callbacks: the connection's
/// info callback, else its current context's; its message callback; its
/// context's key-log callback.
pub fn deliver(conn: &SslConn) {
    let events = conn.take_events();
    if events.is_empty() {
        return;
    }
    let ctx = conn.ctx();
    let ctx_set = objects::of_ctx(&ctx)
        .map(|c| c.callbacks.get())
        .unwrap_or_default();
    let own = objects::of_conn(conn)
        .map(|c| c.callbacks.get())
        .unwrap_or_default();
    let info = info_fn(if own.info != 0 {
        own.info
    } else {
        ctx_set.info
    });
    let msg = msg_fn(own.msg);
    let keylog = keylog_fn(ctx_set.keylog);
    let Some(me) = conn.me() else { return };
    let ssl = handles::ssl_ptr(&me);
    let side = if conn.is_server() {
        SSL_ST_ACCEPT
    } else {
        SSL_ST_CONNECT
    };
    let version = c_int::from(conn.version());
    for e in events {
        // SAFETY: the callbacks are the program's, of these types; the
        // connection is alive for the call.
        unsafe {
            match e {
                Event::HandshakeStart => info.map(|f| f(ssl, SSL_CB_HANDSHAKE_START, 1)),
                Event::Loop => info.map(|f| f(ssl, side | SSL_CB_LOOP, 1)),
                Event::Exit(r) => info.map(|f| f(ssl, side | SSL_CB_EXIT, r)),
                Event::HandshakeDone => info.map(|f| f(ssl, SSL_CB_HANDSHAKE_DONE, 1)),
                Event::Alert { sent, level, desc } => {
                    let dir = if sent { SSL_CB_WRITE } else { SSL_CB_READ };
                    let bytes = [level, desc];
                    if let Some(f) = msg {
                        f(
                            c_int::from(sent),
                            version,
                            SSL3_RT_ALERT,
                            bytes.as_ptr().cast(),
                            2,
                            ssl,
                            own.msg_arg as *mut c_void,
                        );
                    }
                    info.map(|f| {
                        f(
                            ssl,
                            SSL_CB_ALERT | dir,
                            (c_int::from(level) << 8) | c_int::from(desc),
                        )
                    })
                }
                Event::KeyLog(line) => keylog.and_then(|f| {
                    let c = CString::new(line).ok()?;
                    f(ssl, c.as_ptr());
                    Some(())
                }),
            };
        }
    }
}

/// Runs `f` on a context's callbacks; `fallback` for NULL.
fn with_ctx<T>(ctx: *const SSL_CTX, fallback: T, f: impl FnOnce(&Callbacks) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        Some(f(&objects::of_ctx(c)?.callbacks))
    })
}

/// Runs `f` on a connection's callbacks; `fallback` for NULL.
fn with_ssl<T>(s: *const SSL, fallback: T, f: impl FnOnce(&Callbacks) -> T) -> T {
    ffi::guard(fallback, || {
        // SAFETY: s is NULL or a live handle.
        let c = unsafe { handles::ssl(s) }?;
        Some(f(&objects::of_conn(c)?.callbacks))
    })
}

/// The info callback of the context's connections that have none of
/// their own (NULL: none).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_info_callback(ctx: *mut SSL_CTX, cb: InfoCb) {
    with_ctx(ctx, (), |c| {
        c.update(|s| s.info = cb.map_or(0, |f| f as usize))
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_info_callback(ctx: *mut SSL_CTX) -> InfoCb {
    with_ctx(ctx, None, |c| info_fn(c.get().info))
}

/// The connection's own info callback (NULL: its context's).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_info_callback(s: *mut SSL, cb: InfoCb) {
    with_ssl(s, (), |c| {
        c.update(|st| st.info = cb.map_or(0, |f| f as usize))
    })
}

/// The connection's own info callback only (not its context's), as
/// OpenSSL's.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_info_callback(s: *const SSL) -> InfoCb {
    with_ssl(s, None, |c| info_fn(c.get().info))
}

/// The message callback copied to connections made afterwards.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_set_msg_callback(ctx: *mut SSL_CTX, cb: MsgCb) {
    with_ctx(ctx, (), |c| {
        c.update(|s| s.msg = cb.map_or(0, |f| f as usize))
    })
}

/// The connection's message callback (its argument: `SSL_set_msg_callback_arg`).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_msg_callback(s: *mut SSL, cb: MsgCb) {
    with_ssl(s, (), |c| {
        c.update(|st| st.msg = cb.map_or(0, |f| f as usize))
    })
}

/// `SSL_CTRL_SET_MSG_CALLBACK_ARG` of a context: 1.
pub fn set_ctx_msg_arg(ctx: &crate::ssl::ctx::SslCtx, arg: usize) -> Option<i64> {
    objects::of_ctx(ctx)?.callbacks.update(|s| s.msg_arg = arg);
    Some(1)
}

/// `SSL_CTRL_SET_MSG_CALLBACK_ARG` of a connection: 1.
pub fn set_ssl_msg_arg(conn: &SslConn, arg: usize) -> Option<i64> {
    objects::of_conn(conn)?
        .callbacks
        .update(|s| s.msg_arg = arg);
    Some(1)
}

/// The key-log callback: each secret of the context's connections, as an
/// NSS key log line (NULL: none).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_keylog_callback(ctx: *mut SSL_CTX, cb: KeylogCb) {
    ffi::guard((), || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        objects::of_ctx(c)?
            .callbacks
            .update(|s| s.keylog = cb.map_or(0, |f| f as usize));
        c.config.set_keylog(cb.is_some());
        Some(())
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_CTX_get_keylog_callback(ctx: *const SSL_CTX) -> KeylogCb {
    with_ctx(ctx, None, |c| keylog_fn(c.get().keylog))
}
