//! C face of an `SSL_CTX`'s session cache: adding, removing and flushing
//! sessions, the three session callbacks with OpenSSL's reference
//! transfers, the session id context and the session timeout. The rules
//! are in [`crate::ssl::cache`]; the `SSL_CTX_sess_*` macros go through
//! `SSL_CTX_ctrl` (`ctrl.rs`) to `SessionCache::ctrl`.

use std::ffi::{c_int, c_long, c_uint};
use std::ptr::null_mut;
use std::sync::Arc;

use super::handles::{self, SSL, SSL_CTX, SSL_SESSION};
use crate::ffi::{self, arc};
use crate::ssl::cache::Callback;
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::SslCtx;
use crate::tls::TlsSession;

/// libcrypto's hash table of sessions, which this library does not have.
pub struct lhash_st_SSL_SESSION {
    _private: [u8; 0],
}

/// Runs `f` on the context behind `ctx`, or returns `fallback` for NULL.
fn with<T>(ctx: *const SSL_CTX, fallback: T, f: impl FnOnce(&SslCtx) -> T) -> T {
    // SAFETY: every SSL_CTX handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::ctx(ctx) }?)))
}

/// Runs `f` on the context's cache and the session (NULL: `fallback`).
fn with_session<T>(
    ctx: *const SSL_CTX,
    s: *const SSL_SESSION,
    fallback: T,
    f: impl FnOnce(&SslCtx, &Arc<TlsSession>) -> T,
) -> T {
    ffi::guard(fallback, || {
        // SAFETY: ctx and s are NULL or live handles.
        let (ctx, s) = unsafe { (handles::ctx(ctx)?, handles::session_arc(s)?) };
        Some(f(ctx, &s))
    })
}

/// Adds a session to the cache (the cache takes a reference). 1 if it was
/// not cached (a cached object with the same id and version is replaced);
/// 0 if it already was, or for NULL. May evict the sessions expiring first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_add_session(
    ctx: *mut SSL_CTX,
    session: *mut SSL_SESSION,
) -> c_int {
    with_session(ctx, session, 0, |ctx, s| {
        c_int::from(ctx.sessions.add(ctx, s))
    })
}

/// Removes the cached session with `session`'s id and version: 1 if there
/// was one. Unless its id is empty, `session` becomes non-resumable and the
/// remove callback sees it, cached or not.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_remove_session(
    ctx: *mut SSL_CTX,
    session: *mut SSL_SESSION,
) -> c_int {
    with_session(ctx, session, 0, |ctx, s| {
        c_int::from(ctx.sessions.remove(ctx, s))
    })
}

/// Removes the sessions expired at time `tm` (all for 0), each made
/// non-resumable and passed to the remove callback.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_flush_sessions(ctx: *mut SSL_CTX, tm: c_long) {
    with(ctx, (), |ctx| ctx.sessions.flush(ctx, tm))
}

/// Sets the callback told of each new session (NULL: none). It gets a
/// reference of its own: returning 1 keeps it (the application frees it
/// later), returning 0 gives it back.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_sess_set_new_cb(
    ctx: *mut SSL_CTX,
    new_session_cb: Option<unsafe extern "C" fn(*mut SSL, *mut SSL_SESSION) -> c_int>,
) {
    with(ctx, (), |ctx| {
        let cb = new_session_cb.map(|f| Callback {
            call: Arc::new(move |conn: &Arc<SslConn>, s: &Arc<TlsSession>| {
                let given = arc::into_raw::<_, SSL_SESSION>(s.clone());
                // SAFETY: a C callback set by the application, called with
                // live handles.
                let kept = unsafe { f(handles::ssl_ptr(conn), given) } != 0;
                if !kept {
                    // SAFETY: the reference given above, handed back.
                    drop(unsafe { arc::take::<TlsSession, SSL_SESSION>(given) });
                }
                kept
            }) as Arc<_>,
            origin: f as usize,
        });
        ctx.sessions.callbacks().new_session.set(cb);
    })
}

/// The callback set with SSL_CTX_sess_set_new_cb, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_sess_get_new_cb(
    ctx: *mut SSL_CTX,
) -> Option<unsafe extern "C" fn(*mut SSL, *mut SSL_SESSION) -> c_int> {
    let origin = with(ctx, 0, |ctx| {
        origin(ctx.sessions.callbacks().new_session.get())
    });
    // SAFETY: a non-zero origin is the function pointer stored by the setter.
    (origin != 0).then(|| unsafe { std::mem::transmute(origin) })
}

/// Sets the callback told of each session leaving the cache or made
/// non-resumable (NULL: none). The session is only lent for the call.
/// Unlike OpenSSL's, it always runs with no lock held, after the cache
/// changed (also for evictions and flushes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_sess_set_remove_cb(
    ctx: *mut SSL_CTX,
    remove_session_cb: Option<unsafe extern "C" fn(*mut SSL_CTX, *mut SSL_SESSION)>,
) {
    with(ctx, (), |ctx| {
        let cb = remove_session_cb.map(|f| Callback {
            call: Arc::new(move |ctx: &SslCtx, s: &Arc<TlsSession>| {
                // SAFETY: a C callback set by the application; the context
                // is a live handle (an SslCtx is only ever in an Arc) and
                // the session is lent.
                unsafe { f(ffi::as_handle(ctx), arc::as_ptr(s)) }
            }) as Arc<_>,
            origin: f as usize,
        });
        ctx.sessions.callbacks().remove_session.set(cb);
    })
}

/// The callback set with SSL_CTX_sess_set_remove_cb, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_sess_get_remove_cb(
    ctx: *mut SSL_CTX,
) -> Option<unsafe extern "C" fn(*mut SSL_CTX, *mut SSL_SESSION)> {
    let origin = with(ctx, 0, |ctx| {
        origin(ctx.sessions.callbacks().remove_session.get())
    });
    // SAFETY: a non-zero origin is the function pointer stored by the setter.
    (origin != 0).then(|| unsafe { std::mem::transmute(origin) })
}

/// Sets the callback a server asks for a session id its cache does not
/// hold (NULL: none). `*copy` is 1 on entry: left at 1, the library takes
/// a reference of its own to the session returned; set to 0, the library
/// takes over the reference returned. Non-resumable sessions are ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_sess_set_get_cb(
    ctx: *mut SSL_CTX,
    get_session_cb: Option<
        unsafe extern "C" fn(*mut SSL, *const u8, c_int, *mut c_int) -> *mut SSL_SESSION,
    >,
) {
    with(ctx, (), |ctx| {
        let cb = get_session_cb.map(|f| Callback {
            call: Arc::new(move |conn: &Arc<SslConn>, id: &[u8]| {
                let mut copy: c_int = 1;
                // SAFETY: a C callback set by the application; id is at
                // most 32 bytes.
                let got = unsafe {
                    f(
                        handles::ssl_ptr(conn),
                        id.as_ptr(),
                        id.len() as c_int,
                        &mut copy,
                    )
                };
                if got.is_null() {
                    // A miss means a full handshake, and OpenSSL clears the
                    // queue when it then builds the certificate chain it
                    // sends: what the callback left there (a failed
                    // d2i_SSL_SESSION, as in nginx's shared cache) never
                    // reaches SSL_get_error.
                    super::crypto::err::clear_if_any();
                }
                if copy != 0 {
                    // SAFETY: got is NULL or a live session the application
                    // keeps its reference to.
                    unsafe { handles::session_arc(got) }
                } else {
                    // SAFETY: got is NULL or a live session whose reference
                    // the application hands over.
                    unsafe { arc::take::<TlsSession, SSL_SESSION>(got) }
                }
            }) as Arc<_>,
            origin: f as usize,
        });
        ctx.sessions.callbacks().get_session.set(cb);
    })
}

/// The callback set with SSL_CTX_sess_set_get_cb, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_sess_get_get_cb(
    ctx: *mut SSL_CTX,
) -> Option<unsafe extern "C" fn(*mut SSL, *const u8, c_int, *mut c_int) -> *mut SSL_SESSION> {
    let origin = with(ctx, 0, |ctx| {
        origin(ctx.sessions.callbacks().get_session.get())
    });
    // SAFETY: a non-zero origin is the function pointer stored by the setter.
    (origin != 0).then(|| unsafe { std::mem::transmute(origin) })
}

/// The C function pointer behind a callback (0: none, or a Rust callback).
fn origin<F: ?Sized>(cb: Option<Callback<F>>) -> usize {
    cb.map_or(0, |c| c.origin)
}

/// Sets the session id context given to new sessions: 1, or 0 if longer
/// than 32 bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_session_id_context(
    ctx: *mut SSL_CTX,
    sid_ctx: *const u8,
    sid_ctx_len: c_uint,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: ctx is NULL or live; sid_ctx is readable for sid_ctx_len
        // bytes, per the API.
        let (ctx, id) = unsafe {
            (
                handles::ctx(ctx)?,
                ffi::bytes_arg(sid_ctx, sid_ctx_len as usize)?,
            )
        };
        Some(c_int::from(ctx.sessions.set_id_context(id)))
    })
}

/// Sets the lifetime of the sessions handshakes make (0: the default,
/// 7200 seconds); returns the previous value (0 for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_set_timeout(ctx: *mut SSL_CTX, t: c_long) -> c_long {
    with(ctx, 0, |ctx| ctx.sessions.set_timeout(t))
}

/// The lifetime of the sessions handshakes make (7200 by default; 0 for
/// NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_get_timeout(ctx: *const SSL_CTX) -> c_long {
    with(ctx, 0, |ctx| ctx.sessions.timeout())
}

/// An empty libcrypto LHASH owned by the context (NULL only for NULL):
/// the cache is not kept in one (use the SSL_CTX_sess_* macros and
/// callbacks instead), but `lh_*` functions need a real table.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_CTX_sessions(ctx: *mut SSL_CTX) -> *mut lhash_st_SSL_SESSION {
    ffi::guard(null_mut(), || {
        // SAFETY: ctx is NULL or a live handle.
        let c = unsafe { handles::ctx(ctx) }?;
        Some(super::objects::of_ctx(c)?.extras.sessions_table())
    })
}
