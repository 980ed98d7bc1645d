//! C face of the `SSL` object: creation and reference counts, the
//! descriptor, handshakes, application data, shutdown and errors, the
//! connection's session, and its per-connection settings. The logic is in
//! [`crate::ssl::conn`].

use super::crypto::err;
use super::ctrl::{SSL_CTRL_SET_TLSEXT_HOSTNAME, settings_ctrl};
use super::handles::{self, SSL, SSL_CTX, SSL_SESSION, X509_STORE_CTX};
use super::objects::{self, ConnCrypto};
use super::ssl_ctx::SSL_verify_cb;
use crate::ffi::{self, arc};
use crate::ssl::conn::{Origin, SslConn};
use crate::ssl::ctx::Role;
use std::ffi::{CStr, c_char, c_int, c_long, c_uint, c_void};
use std::ptr::{null, null_mut};
use std::sync::Arc;

/// `SSL_want` results.
const SSL_NOTHING: c_int = 1;
const SSL_WRITING: c_int = 2;
const SSL_READING: c_int = 3;

/// `TLSEXT_NAMETYPE_host_name`: the only server name type.
const TLSEXT_NAMETYPE_HOST_NAME: c_int = 0;

/// What `SSL_version` reports before a version is negotiated
/// (OpenSSL's TLS_ANY_VERSION).
const TLS_ANY_VERSION: c_int = 0x10000;

/// `SSL_get_default_timeout`: OpenSSL's TLS methods use two hours.
const DEFAULT_TIMEOUT: c_long = 7200;

// ---- creation and reference counts ---------------------------------------

/// A new connection with the context's settings (options, modes, verify
/// mode and callback, versions…) and a copy of its `X509_VERIFY_PARAM`,
/// or NULL for a NULL context; the caller owns the reference. Its role is
/// set later, e.g. by `SSL_connect`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_new(ctx: *mut SSL_CTX) -> *mut SSL {
    ffi::guard(null_mut(), || {
        // SAFETY: ctx is NULL or a live SSL_CTX handle.
        let ctx = unsafe { handles::ctx_arc(ctx) }?;
        let crypto = ConnCrypto::new(objects::of_ctx(&ctx)?)?;
        let conn = SslConn::new(&ctx);
        conn.set_extension(Arc::new(crypto));
        Some(arc::into_raw(conn))
    })
}

/// Adds a reference; 1, or 0 for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_up_ref(s: *mut SSL) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s is NULL or a live SSL handle; the reference goes to C.
        let conn = unsafe { handles::ssl_arc(s) }?;
        std::mem::forget(conn);
        Some(1)
    })
}

/// Drops C's reference; the last one applies the bad-session rule (see
/// `SslConn`'s `Drop`) and releases the session and the context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_free(s: *mut SSL) {
    ffi::guard((), || {
        // SAFETY: s is NULL or a live SSL handle whose reference C gives up.
        drop(unsafe { arc::take::<SslConn, SSL>(s) }?);
        Some(())
    })
}

/// Runs `f` on the connection behind `s`, or returns `fallback` for NULL.
fn with<T>(s: *const SSL, fallback: T, f: impl FnOnce(&SslConn) -> T) -> T {
    // SAFETY: every SSL handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::ssl(s) }?)))
}

/// As [`with`], for calls that do I/O: a handshake step starts with an
/// empty error queue (OpenSSL's state machine clears it), and why the
/// call failed goes on the queue, as OpenSSL's `SSLfatal` puts it there.
fn with_io<T>(s: *const SSL, fallback: T, f: impl FnOnce(&SslConn) -> T) -> T {
    with(s, fallback, |c| {
        if c.handshake_step_pending() {
            err::clear_if_any();
        }
        let r = f(c);
        push_failures(c);
        super::callbacks::deliver(c);
        r
    })
}

/// Puts the connection's failures on the thread's error queue, with
/// OpenSSL's source file and function for each.
pub fn push_failures(c: &SslConn) {
    for failure in c.take_failures() {
        let (file, func) = match (failure.origin, failure.client) {
            (Origin::Record, _) => (c"ssl/record/ssl3_record.c", c"ssl3_get_record"),
            (Origin::Alert, _) => (c"ssl/record/rec_layer_s3.c", c"ssl3_read_bytes"),
            (Origin::PeerCertificate, true) => (
                c"ssl/statem/statem_clnt.c",
                c"tls_post_process_server_certificate",
            ),
            (Origin::PeerCertificate, false) => (
                c"ssl/statem/statem_srvr.c",
                c"tls_process_client_certificate",
            ),
            (Origin::Handshake, true) => (c"ssl/statem/statem_clnt.c", c"tls_process_server_hello"),
            (Origin::Handshake, false) => (
                c"ssl/statem/statem_srvr.c",
                c"tls_early_post_process_client_hello",
            ),
            (Origin::State, _) => (c"ssl/ssl_lib.c", c"SSL_do_handshake"),
            (Origin::Write, _) => (c"ssl/ssl_lib.c", c"ssl_write_internal"),
            (Origin::Shutdown, _) => (c"ssl/ssl_lib.c", c"SSL_shutdown"),
        };
        err::push_ssl(failure.reason, file, func, failure.alert);
    }
}

/// The connection's current context (see `SSL_set_SSL_CTX`), borrowed; NULL
/// for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_SSL_CTX(s: *const SSL) -> *mut SSL_CTX {
    with(s, null_mut(), |c| handles::ctx_ptr(&c.ctx()))
}

/// Switches the connection to another context (servername callbacks do,
/// to present another certificate); the session cache stays the original
/// context's. NULL means the connection's original context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_SSL_CTX(s: *mut SSL, ctx: *mut SSL_CTX) -> *mut SSL_CTX {
    with(s, null_mut(), |c| {
        // SAFETY: ctx is NULL or a live SSL_CTX handle.
        let new = unsafe { handles::ctx_arc(ctx) }.unwrap_or_else(|| c.session_ctx());
        c.switch_ctx(new.clone());
        handles::ctx_ptr(&new)
    })
}

// ---- role ------------------------------------------------------------------

/// Makes the connection a client for its next handshake; one already begun
/// or done starts anew, keeping its session (as OpenSSL's).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_connect_state(s: *mut SSL) {
    with(s, (), |c| c.set_state(Role::Client))
}

/// Makes the connection a server for its next handshake; one already begun
/// or done starts anew, keeping its session (as OpenSSL's).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_accept_state(s: *mut SSL) {
    with(s, (), |c| c.set_state(Role::Server))
}

/// 1 if the connection acts as a server (before a role is set: unless its
/// method is a client method); 0 otherwise and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_is_server(s: *const SSL) -> c_int {
    with(s, 0, |c| c_int::from(c.is_server()))
}

// ---- handshake -------------------------------------------------------------

/// Makes the connection a client and runs the handshake as far as the
/// descriptor allows, as `SSL_do_handshake`. A method that cannot be a
/// client fails the handshake (0).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_connect(s: *mut SSL) -> c_int {
    with(s, (), |c| c.set_role(Role::Client));
    SSL_do_handshake(s)
}

/// Makes the connection a server and runs the handshake as far as the
/// descriptor allows, as `SSL_do_handshake`. A method that cannot be a
/// server fails the handshake (0).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_accept(s: *mut SSL) -> c_int {
    with(s, (), |c| c.set_role(Role::Server));
    SSL_do_handshake(s)
}

/// Runs the handshake as far as the descriptor allows: 1 when done, else
/// -1 (see `SSL_get_error`), also for NULL, before a role is set
/// ("connection type not set") and after a failed handshake; 0 when the
/// role is one the method cannot take, as OpenSSL's undefined handshake
/// function answers.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_do_handshake(s: *mut SSL) -> c_int {
    let r = with_io(s, -1, SslConn::handshake);
    if r == -1 && with(s, false, |c| c.role_refused()) {
        return 0;
    }
    r
}

/// 1 once the handshake has completed (until `SSL_clear`); 0 otherwise
/// and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_is_init_finished(s: *const SSL) -> c_int {
    with(s, 0, |c| c_int::from(c.is_init_finished()))
}

/// 1 while the handshake has not completed (before it starts and after it
/// fails too); 0 once it has, and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_in_init(s: *const SSL) -> c_int {
    with(s, 0, |c| c_int::from(!c.is_init_finished()))
}

/// 1 if no handshake has started yet (a new connection, or after
/// `SSL_clear`); 0 otherwise and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_in_before(s: *const SSL) -> c_int {
    with(s, 0, |c| c_int::from(c.in_before()))
}

/// Makes the connection ready for a new handshake, keeping its descriptor,
/// settings and session (unless the bad-session rule drops it); 1, or 0
/// for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_clear(s: *mut SSL) -> c_int {
    with(s, 0, |c| {
        if let Some(crypto) = objects::of_conn(c) {
            crypto.clear();
        }
        c_int::from(c.clear())
    })
}

// ---- application data --------------------------------------------------------

/// The C buffer as a slice (an empty one for a zero length).
///
/// # Safety
/// `buf` must be valid for `len` bytes (or `len` 0).
unsafe fn buf_mut<'a>(buf: *mut c_void, len: usize) -> Option<&'a mut [u8]> {
    if len == 0 {
        return Some(&mut []);
    }
    if buf.is_null() {
        return None;
    }
    // SAFETY: per the contract above.
    Some(unsafe { std::slice::from_raw_parts_mut(buf as *mut u8, len) })
}

/// `SSL_read`/`SSL_peek`: a negative length fails as in OpenSSL.
unsafe fn read_int(s: *mut SSL, buf: *mut c_void, num: c_int, peek: bool) -> c_int {
    with_io(s, -1, |c| {
        let Ok(len) = usize::try_from(num) else {
            return -1;
        };
        // SAFETY: C passes a buffer of num bytes.
        match unsafe { buf_mut(buf, len) } {
            Some(b) => c.read(b, peek),
            None => -1,
        }
    })
}

/// `SSL_read_ex`/`SSL_peek_ex`: 1 with the count in `*got`, else 0.
unsafe fn read_ex(s: *mut SSL, buf: *mut c_void, num: usize, got: *mut usize, peek: bool) -> c_int {
    with_io(s, 0, |c| {
        // A single call returns at most what fits in an int, as OpenSSL's do.
        let len = num.min(c_int::MAX as usize);
        // SAFETY: C passes a buffer of num bytes.
        let n = match unsafe { buf_mut(buf, len) } {
            Some(b) => c.read(b, peek),
            None => -1,
        };
        // As OpenSSL, the count is written only on success.
        let ok = n > 0;
        if ok && !got.is_null() {
            // SAFETY: got is a valid out-pointer.
            unsafe { *got = n as usize };
        }
        c_int::from(ok)
    })
}

/// Reads up to `num` bytes of application data, handshaking first if
/// needed: the count, else <= 0 (see `SSL_get_error`): 0 at the peer's
/// close_notify (or an EOF without it); -1 for NULL or a negative `num`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_read(s: *mut SSL, buf: *mut c_void, num: c_int) -> c_int {
    // SAFETY: forwarded C arguments.
    unsafe { read_int(s, buf, num, false) }
}

/// As `SSL_read`, but the data stays to be read again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_peek(s: *mut SSL, buf: *mut c_void, num: c_int) -> c_int {
    // SAFETY: forwarded C arguments.
    unsafe { read_int(s, buf, num, true) }
}

/// As `SSL_read`: 1 with the count in `*readbytes` (if not NULL), else 0
/// (also for NULL). A call reads at most `INT_MAX` bytes, as OpenSSL's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_read_ex(
    s: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    // SAFETY: forwarded C arguments.
    unsafe { read_ex(s, buf, num, readbytes, false) }
}

/// As `SSL_read_ex`, but the data stays to be read again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_peek_ex(
    s: *mut SSL,
    buf: *mut c_void,
    num: usize,
    readbytes: *mut usize,
) -> c_int {
    // SAFETY: forwarded C arguments.
    unsafe { read_ex(s, buf, num, readbytes, true) }
}

/// The C buffer as a slice (an empty one for a zero length).
///
/// # Safety
/// `buf` must be valid for `len` bytes (or `len` 0).
unsafe fn buf_ref<'a>(buf: *const c_void, len: usize) -> Option<&'a [u8]> {
    // SAFETY: per the contract above.
    unsafe { ffi::bytes_arg(buf as *const u8, len) }.or(if len == 0 { Some(&[]) } else { None })
}

/// Writes all `num` bytes, handshaking first if needed: `num` once rustls
/// holds them (a blocked flush completes later), else <= 0 (see
/// `SSL_get_error`): -1 for NULL, a negative `num`, or after close_notify.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_write(s: *mut SSL, buf: *const c_void, num: c_int) -> c_int {
    with_io(s, -1, |c| {
        let Ok(len) = usize::try_from(num) else {
            return -1;
        };
        // SAFETY: C passes a buffer of num bytes.
        match unsafe { buf_ref(buf, len) } {
            Some(b) => c.write(b),
            None => -1,
        }
    })
}

/// As `SSL_write`: 1 with the count in `*written` (if not NULL), else 0
/// (also for NULL). A call writes at most `INT_MAX` bytes, unlike OpenSSL's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_write_ex(
    s: *mut SSL,
    buf: *const c_void,
    num: usize,
    written: *mut usize,
) -> c_int {
    with_io(s, 0, |c| {
        let len = num.min(c_int::MAX as usize);
        // SAFETY: C passes a buffer of num bytes.
        let n = match unsafe { buf_ref(buf, len) } {
            Some(b) => c.write(b),
            None => -1,
        };
        // Writing nothing succeeds (once the handshake is done), as
        // OpenSSL's: 1 with 0 written.
        let ok = n > 0 || (len == 0 && n == 0 && c.last_call_ok());
        if ok && !written.is_null() {
            // SAFETY: written is a valid out-pointer.
            unsafe { *written = n as usize };
        }
        c_int::from(ok)
    })
}

/// The bytes of decrypted application data waiting to be read (records
/// already read from the transport are decrypted to tell); 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_pending(s: *const SSL) -> c_int {
    with(s, 0, |c| c.pending().min(c_int::MAX as usize) as c_int)
}

/// 1 if `SSL_pending` is not 0: a partial record read from the transport
/// counts as nothing, unlike OpenSSL's; 0 otherwise and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_has_pending(s: *const SSL) -> c_int {
    with(s, 0, |c| c_int::from(c.has_pending()))
}

// ---- shutdown and errors ---------------------------------------------------------

/// Sends close_notify (first call: 1 if the peer's came already, else 0),
/// then waits for the peer's, dropping data before it (1); -1 for NULL, if
/// not (or no longer) established ("uninitialized", "shutdown while in
/// init"), or if the transport blocks or fails.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_shutdown(s: *mut SSL) -> c_int {
    with_io(s, -1, SslConn::shutdown)
}

/// The `SSL_SENT_SHUTDOWN` (1) and `SSL_RECEIVED_SHUTDOWN` (2) bits; 0 for
/// NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_shutdown(s: *const SSL) -> c_int {
    with(s, 0, SslConn::shutdown_state)
}

/// Replaces the shutdown bits: `SSL_SENT_SHUTDOWN` spares the session from
/// the bad-session rule without sending close_notify.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_shutdown(s: *mut SSL, mode: c_int) {
    with(s, (), |c| c.set_shutdown_state(mode))
}

/// The `SSL_ERROR_*` code for `ret`, the result of the connection's last
/// I/O call, found as OpenSSL finds it: `SSL_ERROR_NONE` for `ret` > 0
/// (even with NULL); else any error on the thread's queue makes it
/// `SSL_ERROR_SSL` (`SSL_ERROR_SYSCALL` for a system error); else what the
/// call waited for (a BIO's retry flags refine it: `SSL_ERROR_WANT_CONNECT`
/// for a connect in progress), the peer's close (`SSL_ERROR_ZERO_RETURN`),
/// or `SSL_ERROR_SYSCALL`. `SSL_ERROR_SSL` for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_error(s: *const SSL, ret: c_int) -> c_int {
    use crate::ssl::conn::{ERROR_NONE, ERROR_SSL, ERROR_SYSCALL};
    // A successful call needs no connection to say so (OpenSSL looks at
    // `ret` first); otherwise NULL gets SSL_ERROR_SSL.
    if ret > 0 {
        return ERROR_NONE;
    }
    with(s, ERROR_SSL, |c| {
        let queued = err::peek();
        if queued != 0 {
            return if err::lib_of(queued) == err::ERR_LIB_SYS {
                ERROR_SYSCALL
            } else {
                ERROR_SSL
            };
        }
        match c.get_error(ret) {
            // The reason was taken off the queue: nothing says why.
            ERROR_SSL => ERROR_SYSCALL,
            code => super::bio::refine_want(c, code),
        }
    })
}

/// `SSL_READING` (3) or `SSL_WRITING` (2) if the last I/O call would have
/// blocked reading or writing, else `SSL_NOTHING` (1), also for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_want(s: *const SSL) -> c_int {
    with(s, SSL_NOTHING, |c| match c.wants() {
        Some(true) => SSL_READING,
        Some(false) => SSL_WRITING,
        None => SSL_NOTHING,
    })
}

// ---- settings --------------------------------------------------------------------

/// Adds `SSL_OP_*` bits (the next handshake uses them); returns the new
/// options, 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_options(s: *mut SSL, options: u64) -> u64 {
    with(s, 0, |c| c.update_settings(|st| st.set_options(options)))
}

/// Removes `SSL_OP_*` bits; returns the new options, 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_clear_options(s: *mut SSL, options: u64) -> u64 {
    with(s, 0, |c| c.update_settings(|st| st.clear_options(options)))
}

/// The connection's `SSL_OP_*` bits; 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_options(s: *const SSL) -> u64 {
    with(s, 0, |c| c.settings(|st| st.options()))
}

/// The TLS 1.3 tickets a server sends after a full handshake.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_num_tickets(s: *mut SSL, n: usize) -> c_int {
    with(s, 0, |c| {
        c.update_settings(|st| st.set_num_tickets(n));
        1
    })
}

/// The TLS 1.3 tickets a server sends after a full handshake (the
/// context's number unless set); 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_num_tickets(s: *const SSL) -> usize {
    with(s, 0, |c| c.settings(|st| st.num_tickets()))
}

/// A connection's control commands: the server name a client sends (55),
/// and those shared with `SSL_CTX_ctrl` (modes, protocol bounds…); the
/// session cache's commands are the context's, so 0 here, as for unknown
/// commands.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_ctrl(
    s: *mut SSL,
    cmd: c_int,
    larg: c_long,
    parg: *mut c_void,
) -> c_long {
    with(s, 0, |c| {
        if cmd == SSL_CTRL_SET_TLSEXT_HOSTNAME {
            // SAFETY: parg is NULL or a C string.
            return unsafe { set_host_name(c, larg, parg as *const c_char) };
        }
        if cmd == super::ctrl::SSL_CTRL_SET_MSG_CALLBACK_ARG {
            return super::callbacks::set_ssl_msg_arg(c, parg as usize).unwrap_or(0);
        }
        // SAFETY: parg is what each command takes.
        if let Some(r) = unsafe { super::groups::conn_ctrl(c, cmd, larg, parg) } {
            return r;
        }
        if let Some(r) = c.update_settings(|st| settings_ctrl(st, cmd, larg)) {
            return r;
        }
        // SAFETY: as above.
        if let Some(r) =
            c.update_settings(|st| unsafe { super::groups::settings_ctrl(st, cmd, larg, parg) })
        {
            return r;
        }
        if let Some(x) = objects::of_conn(c) {
            let t = super::keys::Target::Conn(c, x);
            // SAFETY: as above.
            if let Some(r) = unsafe { super::keys::chain_ctrl(&t, cmd, larg, parg) } {
                return r;
            }
        }
        0
    })
}

/// `SSL_set_tlsext_host_name`: the host-name type only; NULL clears; a
/// name must have 1 to 255 bytes.
///
/// # Safety
/// `name` must be NULL or a C string.
unsafe fn set_host_name(c: &SslConn, kind: c_long, name: *const c_char) -> c_long {
    if kind != c_long::from(TLSEXT_NAMETYPE_HOST_NAME) {
        return 0;
    }
    if name.is_null() {
        c.set_servername(None);
        return 1;
    }
    // SAFETY: per the contract above.
    let bytes = unsafe { CStr::from_ptr(name) }.to_bytes();
    match std::str::from_utf8(bytes) {
        Ok(n) if !n.is_empty() && n.len() <= 255 => {
            c.set_servername(Some(n));
            1
        }
        _ => 0,
    }
}

/// No connection-level callback commands are supported: 0.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_callback_ctrl(
    s: *mut SSL,
    _cmd: c_int,
    _fp: Option<unsafe extern "C" fn()>,
) -> c_long {
    with(s, 0, |_| 0)
}

// ---- the connection's session ------------------------------------------------------

/// The session a client offers (if resumable and of an allowed version;
/// NULL: none), with its verify result; the connection takes a reference
/// and the bad-session rule applies to the previous one. 1, or 0 for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_session(s: *mut SSL, session: *mut SSL_SESSION) -> c_int {
    with(s, 0, |c| {
        // SAFETY: session is NULL or a live SSL_SESSION handle; the
        // connection takes its own reference.
        c.set_session(unsafe { handles::session_arc(session) });
        1
    })
}

/// Borrowed: valid while the connection holds the session.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_session(s: *const SSL) -> *mut SSL_SESSION {
    with(s, null_mut(), |c| {
        c.with_session(|s| s.map_or(null_mut(), handles::session_ptr))
    })
}

/// A new reference for the caller.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get1_session(s: *mut SSL) -> *mut SSL_SESSION {
    with(s, null_mut(), |c| {
        c.session().map_or(null_mut(), arc::into_raw)
    })
}

/// 1 if the last handshake resumed a session; 0 otherwise and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_session_reused(s: *const SSL) -> c_int {
    with(s, 0, |c| c_int::from(c.session_reused()))
}

/// Gives `to` the session and session id context of `from`.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_copy_session_id(to: *mut SSL, from: *const SSL) -> c_int {
    with(from, 0, |f| {
        let (session, id_context) = (f.session(), f.id_context());
        with(to, 0, |t| {
            t.set_session(session);
            c_int::from(t.set_id_context(&id_context))
        })
    })
}

/// Sets the connection's session id context (the context's at first): 1,
/// or 0 if longer than 32 bytes, and for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_session_id_context(
    s: *mut SSL,
    sid_ctx: *const u8,
    len: c_uint,
) -> c_int {
    with(s, 0, |c| {
        // SAFETY: sid_ctx points to len bytes.
        match unsafe { buf_ref(sid_ctx as *const c_void, len as usize) } {
            Some(id) => c_int::from(c.set_id_context(id)),
            None => 0,
        }
    })
}

/// Whether the connection's session cache holds a session with this id
/// for the connection's protocol version.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_has_matching_session_id(
    s: *const SSL,
    id: *const u8,
    len: c_uint,
) -> c_int {
    with(s, 0, |c| {
        if len as usize > crate::tls::session::MAX_ID_LEN {
            return 0;
        }
        // SAFETY: id points to len bytes.
        match unsafe { buf_ref(id as *const c_void, len as usize) } {
            Some(id) => c_int::from(c.has_matching_session_id(id)),
            None => 0,
        }
    })
}

/// The lifetime of new sessions: 7200 seconds, as OpenSSL's TLS methods;
/// 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_default_timeout(s: *const SSL) -> c_long {
    with(s, 0, |_| DEFAULT_TIMEOUT)
}

// ---- verification ------------------------------------------------------------------

/// The `X509_V_*` result of verifying the peer's certificate (also under
/// `SSL_VERIFY_NONE`; of a resumed session: the stored one); `X509_V_OK`
/// (0) before that, and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_verify_result(s: *const SSL) -> c_long {
    with(s, 0, |c| c.verify_result() as c_long)
}

/// Overrides the result `SSL_get_verify_result` reports.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_verify_result(s: *mut SSL, result: c_long) {
    with(s, (), |c| c.set_verify_result(result))
}

/// Sets the connection's `SSL_VERIFY_*` mode, and its verify callback
/// unless `callback` is NULL (then the context's stays, as in OpenSSL).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_verify(s: *mut SSL, mode: c_int, callback: SSL_verify_cb) {
    with(s, (), |c| {
        c.update_settings(|st| {
            let cb = callback.map_or(st.verify_callback(), |f| f as usize);
            st.set_verify(mode, cb)
        })
    })
}

/// The `SSL_VERIFY_*` mode; 0 (`SSL_VERIFY_NONE`) for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_verify_mode(s: *const SSL) -> c_int {
    with(s, 0, SslConn::verify_mode)
}

/// The connection's verify callback (the context's unless
/// `SSL_set_verify` gave one); NULL if none, and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_verify_callback(s: *const SSL) -> SSL_verify_cb {
    with(s, None, |c| {
        let addr = c.settings(|st| st.verify_callback());
        // SAFETY: a non-zero address is a verify callback the program set,
        // a function of this type.
        (addr != 0).then(|| unsafe {
            std::mem::transmute::<usize, unsafe extern "C" fn(c_int, *mut X509_STORE_CTX) -> c_int>(
                addr,
            )
        })
    })
}

// ---- what was negotiated --------------------------------------------------------------

/// OpenSSL's names of protocol versions.
pub fn version_name(version: u16) -> &'static CStr {
    match version {
        0x0300 => c"SSLv3",
        0x0301 => c"TLSv1",
        0x0302 => c"TLSv1.1",
        0x0303 => c"TLSv1.2",
        0x0304 => c"TLSv1.3",
        _ => c"unknown",
    }
}

/// OpenSSL's name of the protocol version ("TLSv1.2", "TLSv1.3"…): before
/// a handshake "TLSv1.3", as OpenSSL's TLS methods report; NULL for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_version(s: *const SSL) -> *const c_char {
    with(s, null(), |c| version_name(c.version()).as_ptr())
}

/// The protocol version (e.g. 0x0304 for TLS 1.3, also before a
/// handshake, as in OpenSSL); 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_version(s: *const SSL) -> c_int {
    with(s, 0, |c| c_int::from(c.version()))
}

/// The negotiated version; before a handshake the method's, "any".
#[unsafe(no_mangle)]
pub extern "C" fn SSL_client_version(s: *const SSL) -> c_int {
    with(s, 0, |c| {
        c.negotiated_version().map_or(TLS_ANY_VERSION, c_int::from)
    })
}

/// The negotiated cipher suite; NULL until a handshake completes, after
/// `SSL_clear`, and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_current_cipher(s: *const SSL) -> *const handles::SSL_CIPHER {
    with(s, null(), |c| super::cipher::by_number(c.cipher()))
}

/// The server name: the one a client will send or sent, or the one a
/// server received (available from the servername callback on).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_servername(s: *const SSL, kind: c_int) -> *const c_char {
    with(s, null(), |c| {
        if kind != TLSEXT_NAMETYPE_HOST_NAME {
            return null();
        }
        c.with_servername(|n| n.map_or(null(), CStr::as_ptr))
    })
}

/// `TLSEXT_NAMETYPE_host_name` (0) if `SSL_get_servername` has a name,
/// else -1, also for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_servername_type(s: *const SSL) -> c_int {
    with(s, -1, |c| {
        c.with_servername(|n| {
            if n.is_some() {
                TLSEXT_NAMETYPE_HOST_NAME
            } else {
                -1
            }
        })
    })
}

// ---- application data slots -------------------------------------------------------------

/// Stores the application's pointer at `idx` (`SSL_set_app_data` is index
/// 0); 1, or 0 for a negative index or NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_ex_data(s: *mut SSL, idx: c_int, data: *mut c_void) -> c_int {
    with(s, 0, |c| c_int::from(c.set_ex_data(idx, data as usize)))
}

/// The pointer stored at `idx`, or NULL (also for NULL).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_ex_data(s: *const SSL, idx: c_int) -> *mut c_void {
    with(s, null_mut(), |c| c.ex_data(idx) as *mut c_void)
}

// ---- quiet shutdown -----------------------------------------------------------------

/// With a non-zero `mode`, `SSL_shutdown` sends no close_notify and
/// returns 1 at once.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_quiet_shutdown(s: *mut SSL, mode: c_int) {
    with(s, (), |c| {
        c.update_settings(|st| st.set_quiet_shutdown(mode != 0))
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_quiet_shutdown(s: *const SSL) -> c_int {
    with(s, 0, |c| c_int::from(c.settings(|st| st.quiet_shutdown())))
}

/// Not datagram TLS: 0.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_is_dtls(s: *const SSL) -> c_int {
    with(s, 0, |_| 0)
}

/// The method of the connection's context.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_ssl_method(s: *const SSL) -> *const handles::SSL_METHOD {
    with(s, null(), |c| {
        objects::of_ctx(&c.ctx()).map_or(null(), |x| handles::method_ptr(x.method))
    })
}
