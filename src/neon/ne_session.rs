//! C face of `ne_session.h` (the `ne_ssl_*` functions come with TLS support).

use std::ffi::{c_char, c_int, c_uint, c_void};
use std::rc::Rc;

use super::ne_defs::ne_off_t;
use super::ne_socket::ne_inet_addr;
use super::ne_ssl::{ne_ssl_certificate, ne_ssl_dname};
use super::ne_uri::ne_uri;
use crate::ffi;
use crate::http::{Event, Session};
use crate::net::InetAddr;
use crate::net::socks::SocksVersion;

/// An HTTP session with one server.
pub struct ne_session_s {
    _private: [u8; 0],
}
pub type ne_session = ne_session_s;

/// Session flags for ne_set_session_flag / ne_get_session_flag.
pub type ne_session_flag = c_uint;
/// Persistent connections (on by default).
pub const NE_SESSFLAG_PERSIST: ne_session_flag = 0;
/// Accept "ICY" status lines (ShoutCast servers).
pub const NE_SESSFLAG_ICYPROTO: ne_session_flag = 1;
/// SSLv2 support (never used).
pub const NE_SESSFLAG_SSLv2: ne_session_flag = 2;
/// RFC 4918 (WebDAV) behaviour.
pub const NE_SESSFLAG_RFC4918: ne_session_flag = 3;
/// The server uses connection-based authentication.
pub const NE_SESSFLAG_CONNAUTH: ne_session_flag = 4;
/// Send the TLS SNI extension (on by default for https host names).
pub const NE_SESSFLAG_TLS_SNI: ne_session_flag = 5;
/// Send "Expect: 100-continue" with request bodies by default.
pub const NE_SESSFLAG_EXPECT100: ne_session_flag = 6;
/// Workarounds for Microsoft SharePoint.
pub const NE_SESSFLAG_SHAREPOINT: ne_session_flag = 7;
/// Number of session flags.
pub const NE_SESSFLAG_LAST: ne_session_flag = 8;

/// Events reported to a ne_notify_status callback.
pub type ne_session_status = c_uint;
pub const ne_status_lookup: ne_session_status = 0;
pub const ne_status_connecting: ne_session_status = 1;
pub const ne_status_connected: ne_session_status = 2;
pub const ne_status_sending: ne_session_status = 3;
pub const ne_status_recving: ne_session_status = 4;
pub const ne_status_disconnected: ne_session_status = 5;

/// ne_status_lookup: the host name being resolved.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ne_status_lookup_info {
    pub hostname: *const c_char,
}

/// ne_status_connecting: the host and the address being tried.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ne_status_connecting_info {
    pub hostname: *const c_char,
    pub address: *const ne_inet_addr,
}

/// ne_status_connected and ne_status_disconnected: the host.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ne_status_connected_info {
    pub hostname: *const c_char,
}

/// ne_status_sending and ne_status_recving: bytes so far, and the total
/// (-1 if unknown).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ne_status_transfer_info {
    pub progress: ne_off_t,
    pub total: ne_off_t,
}

/// The details of a notifier event; read the member for the event.
#[repr(C)]
#[derive(Clone, Copy)]
pub union ne_session_status_info {
    pub lu: ne_status_lookup_info,
    pub ci: ne_status_connecting_info,
    pub cd: ne_status_connected_info,
    pub sr: ne_status_transfer_info,
}

/// Certificate verification failures (bits of the `failures` argument of
/// ne_ssl_verify_fn).
pub const NE_SSL_NOTYETVALID: c_int = 0x01;
pub const NE_SSL_EXPIRED: c_int = 0x02;
pub const NE_SSL_IDMISMATCH: c_int = 0x04;
pub const NE_SSL_UNTRUSTED: c_int = 0x08;
pub const NE_SSL_BADCHAIN: c_int = 0x10;
pub const NE_SSL_REVOKED: c_int = 0x40;
pub const NE_SSL_FAILMASK: c_int = 0x5f;

/// Decides on a server certificate that failed verification: return 0 to
/// accept it, non-zero to fail the request.
pub type ne_ssl_verify_fn = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        failures: c_int,
        cert: *const ne_ssl_certificate,
    ) -> c_int,
>;

/// Called when the server asks for a client certificate and none is set;
/// `dnames` lists the `dncount` CAs the server accepts.
pub type ne_ssl_provide_fn = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        sess: *mut ne_session,
        dnames: *const *const ne_ssl_dname,
        dncount: c_int,
    ),
>;

/// Progress callback: bytes transferred so far and the total (-1 if unknown).
pub type ne_progress =
    Option<unsafe extern "C" fn(userdata: *mut c_void, progress: ne_off_t, total: ne_off_t)>;

/// Status notification callback.
pub type ne_notify_status = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        status: ne_session_status,
        info: *const ne_session_status_info,
    ),
>;

/// The session behind a handle.
///
/// # Safety
/// `p` must be NULL or a live handle from ne_session_create.
pub(crate) unsafe fn session<'a>(p: *const ne_session) -> Option<&'a Session> {
    // SAFETY: forwarded contract.
    unsafe { ffi::handle(p) }
}

/// A new counted reference to the session behind a handle.
///
/// # Safety
/// As for [`session`], and `p` must not be NULL.
pub(crate) unsafe fn session_rc(p: *const ne_session) -> Rc<Session> {
    let p = p as *const Session;
    // SAFETY: handles are Rc::into_raw pointers; taking one more count.
    unsafe {
        Rc::increment_strong_count(p);
        Rc::from_raw(p)
    }
}

/// Creates a session with `hostname:port` over `scheme` ("http" or
/// "https"); never returns NULL for valid arguments. Nothing is resolved or
/// connected until the first request.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_session_create(
    scheme: *const c_char,
    hostname: *const c_char,
    port: c_uint,
) -> *mut ne_session {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: C strings from the caller.
        let (scheme, host) = unsafe { (ffi::cstr_arg(scheme)?, ffi::cstr_arg(hostname)?) };
        let sess = Session::create(scheme, host, port);
        let p = Rc::into_raw(sess);
        // SAFETY: p was just created.
        unsafe { (*p).set_handle(p as *const ()) };
        Some(p as *mut ne_session)
    })
}

/// Runs the destroy hooks, closes the connection and frees the session.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_session_destroy(sess: *mut ne_session) {
    ffi::guard((), || {
        if sess.is_null() {
            return None;
        }
        // SAFETY: handle from ne_session_create, given back by its owner.
        let s = unsafe { Rc::from_raw(sess as *const Session) };
        s.destroy();
        Some(())
    })
}

/// Closes the connection, if one is open; the next request reconnects.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_close_connection(sess: *mut ne_session) {
    // SAFETY: handle or NULL.
    ffi::guard((), || {
        unsafe { session(sess) }.map(Session::close_connection)
    })
}

/// Uses an HTTP proxy for the session.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_session_proxy(
    sess: *mut ne_session,
    hostname: *const c_char,
    port: c_uint,
) {
    ffi::guard((), || {
        // SAFETY: handle and C string from the caller.
        let (s, host) = unsafe { (session(sess)?, ffi::cstr_arg(hostname)?) };
        s.set_proxy(host, port);
        Some(())
    })
}

/// Uses a SOCKS proxy of version `vers` (an enum ne_sock_sversion).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_session_socks_proxy(
    sess: *mut ne_session,
    vers: c_uint,
    hostname: *const c_char,
    port: c_uint,
    username: *const c_char,
    password: *const c_char,
) {
    ffi::guard((), || {
        // SAFETY: handle and C strings (or NULL) from the caller.
        let (s, host, user, pass) = unsafe {
            (
                session(sess)?,
                ffi::cstr_arg(hostname)?,
                ffi::cstr_arg(username),
                ffi::cstr_arg(password),
            )
        };
        let version = match vers {
            0 => SocksVersion::V4,
            1 => SocksVersion::V4a,
            _ => SocksVersion::V5,
        };
        s.set_socks_proxy(version, host, port, user, pass);
        Some(())
    })
}

/// Would configure proxies from the system settings; like Debian's neon
/// (built without libproxy), this does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_session_system_proxy(sess: *mut ne_session, flags: c_uint) {
    ffi::guard((), || {
        let _ = (sess, flags);
        Some(())
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_session_flag(
    sess: *mut ne_session,
    flag: ne_session_flag,
    value: c_int,
) {
    // SAFETY: handle or NULL.
    ffi::guard((), || {
        unsafe { session(sess) }.map(|s| s.set_flag(flag, value))
    })
}

/// The flag's value, or -1 for an unknown flag.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_session_flag(
    sess: *mut ne_session,
    flag: ne_session_flag,
) -> c_int {
    // SAFETY: handle or NULL.
    ffi::guard(-1, || unsafe { session(sess) }.map(|s| s.flag(flag)))
}

/// The addresses behind `n` handles (NULL entries are skipped).
///
/// # Safety
/// `addrs` must be NULL or point to `n` readable entries.
unsafe fn addr_list(addrs: *mut *const ne_inet_addr, n: usize) -> Option<Vec<InetAddr>> {
    if n == 0 {
        return Some(Vec::new());
    }
    if addrs.is_null() {
        return None;
    }
    // SAFETY: per the contract above; each entry is NULL or a live address handle.
    let list = unsafe { std::slice::from_raw_parts(addrs, n) };
    Some(
        list.iter()
            .filter_map(|a| unsafe { ffi::handle::<InetAddr, _>(*a) }.copied())
            .collect(),
    )
}

/// Connects to these addresses, in order, instead of resolving the server.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_addrlist(
    sess: *mut ne_session,
    addrs: *mut *const ne_inet_addr,
    n: usize,
) {
    ffi::guard((), || {
        // SAFETY: handle and array from the caller.
        let (s, list) = unsafe { (session(sess)?, addr_list(addrs, n)?) };
        s.set_addrlist(None, &list);
        Some(())
    })
}

/// As ne_set_addrlist, connecting to `port`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_addrlist2(
    sess: *mut ne_session,
    port: c_uint,
    addrs: *mut *const ne_inet_addr,
    n: usize,
) {
    ffi::guard((), || {
        // SAFETY: handle and array from the caller.
        let (s, list) = unsafe { (session(sess)?, addr_list(addrs, n)?) };
        s.set_addrlist(Some(port), &list);
        Some(())
    })
}

/// Binds connections to this local address (NULL: any).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_localaddr(sess: *mut ne_session, addr: *const ne_inet_addr) {
    ffi::guard((), || {
        // SAFETY: handles or NULL from the caller.
        let (s, a) = unsafe { (session(sess)?, ffi::handle::<InetAddr, _>(addr).copied()) };
        s.set_local_addr(a);
        Some(())
    })
}

/// Calls `progress` as request and response bodies are transferred;
/// replaces any notifier (NULL removes it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_progress(
    sess: *mut ne_session,
    progress: ne_progress,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        let notifier = progress.map(|f| -> Rc<crate::http::session::Notifier> {
            Rc::new(move |ev: &Event<'_>| {
                if let Event::Sending { progress, total } | Event::Recving { progress, total } = *ev
                {
                    // SAFETY: calling the application's callback as neon does.
                    unsafe { f(userdata, progress, total) };
                }
            })
        });
        s.set_notifier(notifier);
        Some(())
    })
}

/// Calls `status` with connection and transfer events; NULL removes it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_notifier(
    sess: *mut ne_session,
    status: ne_notify_status,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        let notifier = status.map(|f| -> Rc<crate::http::session::Notifier> {
            Rc::new(move |ev: &Event<'_>| {
                let (code, info) = event_info(ev);
                // SAFETY: calling the application's callback; info outlives the call.
                unsafe { f(userdata, code, &info) };
            })
        });
        s.set_notifier(notifier);
        Some(())
    })
}

/// The C form of an event.
fn event_info(ev: &Event<'_>) -> (ne_session_status, ne_session_status_info) {
    let name = |h: Option<&crate::http::ZStr>| {
        h.map_or(std::ptr::null(), |z| z.with_nul().as_ptr() as *const c_char)
    };
    match *ev {
        Event::Lookup { hostname } => (
            ne_status_lookup,
            ne_session_status_info {
                lu: ne_status_lookup_info {
                    hostname: name(hostname),
                },
            },
        ),
        Event::Connecting { hostname, addr } => (
            ne_status_connecting,
            ne_session_status_info {
                ci: ne_status_connecting_info {
                    hostname: name(hostname),
                    address: addr as *const InetAddr as *const ne_inet_addr,
                },
            },
        ),
        Event::Connected { hostname } => (
            ne_status_connected,
            ne_session_status_info {
                cd: ne_status_connected_info {
                    hostname: name(hostname),
                },
            },
        ),
        Event::Disconnected { hostname } => (
            ne_status_disconnected,
            ne_session_status_info {
                cd: ne_status_connected_info {
                    hostname: name(hostname),
                },
            },
        ),
        Event::Sending { progress, total } => (
            ne_status_sending,
            ne_session_status_info {
                sr: ne_status_transfer_info { progress, total },
            },
        ),
        Event::Recving { progress, total } => (
            ne_status_recving,
            ne_session_status_info {
                sr: ne_status_transfer_info { progress, total },
            },
        ),
    }
}

/// Stores `priv` under `id`; the first value stored for an id is the one
/// ne_get_session_private returns.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_session_private(
    sess: *mut ne_session,
    id: *const c_char,
    r#priv: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle and C string from the caller.
        let (s, id) = unsafe { (session(sess)?, ffi::cstr_arg(id)?) };
        s.set_private(id, r#priv as *mut ());
        Some(())
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_session_private(
    sess: *mut ne_session,
    id: *const c_char,
) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle and C string from the caller.
        let (s, id) = unsafe { (session(sess)?, ffi::cstr_arg(id)?) };
        Some(s.private(id) as *mut c_void)
    })
}

/// Read timeout in seconds for new connections (0: the default, 120).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_read_timeout(sess: *mut ne_session, timeout: c_int) {
    // SAFETY: handle or NULL.
    ffi::guard((), || {
        unsafe { session(sess) }.map(|s| s.set_read_timeout(timeout))
    })
}

/// Connect timeout in seconds (0: the system's).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_connect_timeout(sess: *mut ne_session, timeout: c_int) {
    // SAFETY: handle or NULL.
    ffi::guard((), || {
        unsafe { session(sess) }.map(|s| s.set_connect_timeout(timeout))
    })
}

/// Sends "User-Agent: <product> neon/0.32.5" with later requests.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_useragent(sess: *mut ne_session, product: *const c_char) {
    ffi::guard((), || {
        // SAFETY: handle and C string from the caller.
        let (s, p) = unsafe { (session(sess)?, ffi::cstr_arg(product)?) };
        s.set_useragent(p);
        Some(())
    })
}

/// Non-zero if the server is not known to speak HTTP/1.1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_version_pre_http11(sess: *mut ne_session) -> c_int {
    // SAFETY: handle or NULL.
    ffi::guard(1, || {
        unsafe { session(sess) }.map(|s| c_int::from(!s.is_http11()))
    })
}

/// "host" or "host:port" (when not the scheme's default port).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_server_hostport(sess: *mut ne_session) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle or NULL.
        unsafe { session(sess) }.map(|s| s.hostport().with_nul().as_ptr() as *const c_char)
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_scheme(sess: *mut ne_session) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle or NULL.
        unsafe { session(sess) }.map(|s| s.scheme().with_nul().as_ptr() as *const c_char)
    })
}

/// Sets `uri`'s scheme, host (both malloc'd) and port to the server's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_fill_server_uri(sess: *mut ne_session, uri: *mut ne_uri) {
    ffi::guard((), || {
        // SAFETY: handle and writable struct from the caller.
        let (s, u) = unsafe { (session(sess)?, uri.as_mut()?) };
        let (host, port) = s.server_host();
        u.host = ffi::alloc::malloc_opt_str(host.as_ref().map(|h| h.bytes()));
        u.port = port;
        u.scheme = ffi::malloc_str(s.scheme().bytes());
        Some(())
    })
}

/// Sets `uri`'s host (malloc'd) and port to the HTTP proxy's, if one is used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_fill_proxy_uri(sess: *mut ne_session, uri: *mut ne_uri) {
    ffi::guard((), || {
        // SAFETY: handle and writable struct from the caller.
        let (s, u) = unsafe { (session(sess)?, uri.as_mut()?) };
        if let Some((host, port)) = s.http_proxy() {
            u.host = ffi::alloc::malloc_opt_str(host.as_ref().map(|h| h.bytes()));
            u.port = port;
        }
        Some(())
    })
}

/// The session's error string: why the last request failed, or the last
/// response's "code reason".
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_error(sess: *mut ne_session) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle or NULL.
        unsafe { session(sess) }.map(|s| s.error_ptr() as *const c_char)
    })
}

/// Sets the error string to `message` (used by ne_set_error in the C shim).
///
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn neonrs__session_set_error(sess: *mut ne_session, message: *const c_char) {
    ffi::guard((), || {
        // SAFETY: handle and C string from the shim.
        let (s, m) = unsafe { (session(sess)?, ffi::cstr_arg(message)?) };
        s.set_error(&[m]);
        Some(())
    })
}

// ---- TLS settings of https sessions ------------------------------------

/// A server chain handed to the verify callback, kept until the next
/// verification or the end of the session (neon keeps the accepted one as
/// the session's server certificate, so C may still hold it).
struct ChainHandle(*mut ne_ssl_certificate);

impl Drop for ChainHandle {
    fn drop(&mut self) {
        // SAFETY: the chain came from chain_to_handles and is freed once, here.
        unsafe { super::ne_ssl::ne_ssl_cert_free(self.0) };
    }
}

/// Calls `fn` when the server's certificate fails verification; it gets
/// the NE_SSL_* failure bits and the server's chain, and returns 0 to
/// accept the certificate. NULL removes the callback.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_set_verify(
    sess: *mut ne_session,
    func: ne_ssl_verify_fn,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        let verify = func.map(|f| -> Rc<crate::http::VerifyFn> {
            let kept = std::cell::RefCell::new(None::<ChainHandle>);
            Rc::new(
                move |failures: u32, chain: &[rustls::pki_types::CertificateDer<'static>]| {
                    let head = ChainHandle(super::ne_ssl::chain_to_handles(chain));
                    // SAFETY: calling the application's callback as neon does.
                    let verdict = unsafe { f(userdata, failures as c_int, head.0) };
                    *kept.borrow_mut() = Some(head);
                    verdict
                },
            )
        });
        s.set_verify(verify);
        Some(())
    })
}

/// Trusts `cert` as a certificate authority for this session's server
/// (no effect on http sessions).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_trust_cert(sess: *mut ne_session, cert: *const ne_ssl_certificate) {
    ffi::guard((), || {
        // SAFETY: handles or NULL from the caller.
        let (s, c) = unsafe { (session(sess)?, super::ne_ssl::certificate(cert)?) };
        if let Some(ctx) = s.tls_context() {
            ctx.trust.write().unwrap_or_else(|e| e.into_inner()).add(c);
        }
        Some(())
    })
}

/// Trusts the system's default certificate authorities (no effect on http
/// sessions).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_trust_default_ca(sess: *mut ne_session) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        if let Some(ctx) = s.tls_context() {
            ctx.trust
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .add_system_roots();
        }
        Some(())
    })
}

// ---- client certificates (neon-rs TLS support: contexts and certificates
// ---- are in ne_ssl_context.rs and ne_ssl_clicert.rs) -----------------------

use std::sync::Arc;

use super::ne_ssl::dname_ptr;
use super::ne_ssl::ne_ssl_client_cert;
use super::ne_ssl_clicert::client_cert;
use crate::tls::dname::DistinguishedName;

/// Gives the session a client certificate to present when a server asks
/// for one. The session keeps its own copy, so `cc` may be freed at once.
/// `cc` must be decrypted; an encrypted one is ignored. Has no effect on
/// an http session.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_set_clicert(sess: *mut ne_session, cc: *const ne_ssl_client_cert) {
    ffi::guard((), || {
        // SAFETY: handles from the caller, each NULL or live.
        let (s, cc) = unsafe { (session(sess)?, client_cert(cc)?) };
        let key = cc.identity()?.key.clone();
        cc.trace_copy();
        s.tls_context()?.client_cert.set(Some(key));
        Some(())
    })
}

/// Limits the TLS protocol versions of an https session to `min` .. `max`
/// (`enum ne_ssl_protocol` values; `NE_SSL_PROTO_UNSPEC` leaves that end
/// open). Returns NE_OK, or NE_ERROR with the session error set for an
/// http session ("SSL/TLS not enabled for the session") or a value that is
/// not a protocol ("Could not set minimum/maximum SSL/TLS versions").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_set_protovers(
    sess: *mut ne_session,
    min: c_uint,
    max: c_uint,
) -> c_int {
    ffi::guard(1, || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        let Some(ctx) = s.tls_context() else {
            s.set_error(&[b"SSL/TLS not enabled for the session"]);
            return Some(1);
        };
        let Some(range) = crate::tls::versions::VersionRange::from_neon(min, max) else {
            s.set_error(&[b"Could not set minimum/maximum SSL/TLS versions"]);
            return Some(1);
        };
        ctx.set_versions(range);
        Some(0)
    })
}

/// The application's ne_ssl_provide_fn with its arguments.
struct CertProvider {
    f: unsafe extern "C" fn(*mut c_void, *mut ne_session, *const *const ne_ssl_dname, c_int),
    userdata: *mut c_void,
    sess: *mut ne_session,
}

// SAFETY: rustls requires its certificate resolver to be Send + Sync, but a
// neon session (and so its handshakes, which call the provider) is used by
// one thread at a time; the pointers are only passed back to the
// application from that thread.
unsafe impl Send for CertProvider {}
// SAFETY: as above.
unsafe impl Sync for CertProvider {}

impl CertProvider {
    /// Calls the provider with the CA names the server sent (DER); names
    /// that do not parse are left out. With no names it gets NULL and 0.
    fn call(&self, names: &[&[u8]]) {
        let names: Vec<DistinguishedName> = names
            .iter()
            .filter_map(|n| DistinguishedName::from_der(n))
            .collect();
        let ptrs: Vec<*const ne_ssl_dname> = names.iter().map(dname_ptr).collect();
        let list = if ptrs.is_empty() {
            std::ptr::null()
        } else {
            ptrs.as_ptr()
        };
        let count = c_int::try_from(ptrs.len()).unwrap_or(c_int::MAX);
        // SAFETY: the application's callback with its own userdata and
        // session; the names live until it returns. It may call
        // ne_ssl_set_clicert: no lock is held meanwhile.
        unsafe { (self.f)(self.userdata, self.sess, list, count) };
    }
}

/// Registers `func`, called during a handshake when the server asks for a
/// client certificate and none is set, with the names of the CAs the server
/// accepts (`dncount` of them; `dnames` is NULL when there are none). It
/// may call `ne_ssl_set_clicert`; if it does not, the handshake goes on
/// without a certificate. NULL `func` removes the provider. Has no effect on
/// an http session.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_provide_clicert(
    sess: *mut ne_session,
    func: ne_ssl_provide_fn,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: sess is NULL or live.
        let s = unsafe { session(sess) }?;
        let provider = func.map(|f| {
            let p = CertProvider { f, userdata, sess };
            Arc::new(move |names: &[&[u8]]| p.call(names)) as Arc<crate::tls::client::CertProvider>
        });
        s.tls_context()?.client_cert.set_provider(provider);
        Some(())
    })
}
