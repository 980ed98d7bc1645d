//! An HTTP session: the origin server, proxies, settings, hooks, the error
//! string and the persistent connection (neon's `ne_session`).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Arc;

use rustls::pki_types::CertificateDer;

use super::codes::sessflag;
use super::hooks::HookList;
use super::request::Request;
use super::status::StatusCell;
use super::zstr::ZStr;
use crate::debug;
use crate::net::socks::SocksVersion;
use crate::net::{InetAddr, Socket};

/// neon's session error buffer: 511 bytes and a NUL.
pub const ERROR_SIZE: usize = 512;
/// The version neon reports in its User-Agent suffix.
pub const NEON_VERSION: &str = "0.32.5";

/// What kind of next hop a host is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HopKind {
    Direct,
    HttpProxy,
    SocksProxy,
}

/// A server, proxy, or fixed address to connect to (neon's host_info).
pub struct Host {
    pub kind: HopKind,
    /// None for a fixed address given by ne_set_addrlist.
    pub hostname: Option<ZStr>,
    pub port: u32,
    /// Resolved addresses (lazily, at the first connection).
    pub addrs: Option<Vec<InetAddr>>,
    /// The resolver list's iteration cursor (neon's ne_addr_next state).
    pub cursor: usize,
    /// A fixed address instead of a name (ne_set_addrlist).
    pub network: Option<InetAddr>,
    /// The address last used (index in `addrs`, or 0 for `network`); tried
    /// first next time.
    pub current: Option<usize>,
}

impl Host {
    fn new(kind: HopKind, hostname: &[u8], port: u32) -> Host {
        Host {
            kind,
            hostname: Some(ZStr::new(hostname)),
            port,
            addrs: None,
            cursor: 0,
            network: None,
            current: None,
        }
    }
}

/// Which host the open connection goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hop {
    Server,
    Proxy(usize),
}

/// A notifier event (neon's ne_session_status with its info).
#[derive(Debug)]
pub enum Event<'a> {
    Lookup {
        hostname: Option<&'a ZStr>,
    },
    Connecting {
        hostname: Option<&'a ZStr>,
        addr: &'a InetAddr,
    },
    Connected {
        hostname: Option<&'a ZStr>,
    },
    Sending {
        progress: i64,
        total: i64,
    },
    Recving {
        progress: i64,
        total: i64,
    },
    Disconnected {
        hostname: Option<&'a ZStr>,
    },
}

pub type Notifier = dyn Fn(&Event<'_>);
pub type CreateRequestHook = dyn Fn(&Request, &ZStr, &ZStr);
pub type PreSendHook = dyn Fn(&Request, &mut Vec<u8>);
pub type PostHeadersHook = dyn Fn(&Request, &StatusCell);
pub type PostSendHook = dyn Fn(&Request, &StatusCell) -> i32;
pub type DestroyRequestHook = dyn Fn(&Request);
pub type DestroySessionHook = dyn Fn();
pub type CloseConnHook = dyn Fn();

#[derive(Default)]
pub struct Hooks {
    pub create_request: HookList<CreateRequestHook>,
    pub pre_send: HookList<PreSendHook>,
    pub post_headers: HookList<PostHeadersHook>,
    pub post_send: HookList<PostSendHook>,
    pub destroy_request: HookList<DestroyRequestHook>,
    pub destroy_session: HookList<DestroySessionHook>,
    pub close_conn: HookList<CloseConnHook>,
}

/// Settings and connection state, borrowed only between callbacks.
pub(crate) struct State {
    pub flags: [i32; sessflag::LAST as usize],
    pub is_http11: bool,
    pub connected: bool,
    pub persisted: bool,
    pub in_connect: bool,
    pub server: Host,
    pub proxies: Vec<Host>,
    pub any_proxy_http: bool,
    pub prev_proxy: Option<usize>,
    pub nexthop: Option<Hop>,
    pub local_addr: Option<InetAddr>,
    pub socks_version: SocksVersion,
    pub socks_user: Option<Vec<u8>>,
    pub socks_password: Option<Vec<u8>>,
    /// Timeouts of new connections in milliseconds (0: the default; see
    /// `Timeouts`).
    pub read_timeout: i32,
    pub connect_timeout: i32,
    pub send_timeout: i32,
    /// The connection switched protocols (a 101 the request asked for, or
    /// a CONNECT tunnel): kept for detaching, never reused for HTTP.
    pub switched: bool,
    /// The whole "User-Agent: ...\r\n" line, if set.
    pub user_agent: Option<Vec<u8>>,
    pub socket: Option<Socket>,
}

impl State {
    pub fn host(&self, hop: Hop) -> &Host {
        match hop {
            Hop::Server => &self.server,
            Hop::Proxy(i) => &self.proxies[i],
        }
    }

    pub fn host_mut(&mut self, hop: Hop) -> &mut Host {
        match hop {
            Hop::Server => &mut self.server,
            Hop::Proxy(i) => &mut self.proxies[i],
        }
    }

    pub fn flag(&self, f: u32) -> bool {
        self.flags[f as usize] != 0
    }
}

/// Opaque user pointers kept by id (neon's session/request privates).
pub type Privates = RefCell<Vec<(Box<[u8]>, *mut ())>>;

pub fn get_private(p: &Privates, id: &[u8]) -> *mut () {
    p.borrow()
        .iter()
        .find(|(k, _)| &**k == id)
        .map_or(std::ptr::null_mut(), |(_, v)| *v)
}

pub fn set_private(p: &Privates, id: &[u8], value: *mut ()) {
    p.borrow_mut().push((id.into(), value));
}

/// Typed state that add-on modules (authentication, redirects) keep with a
/// session or a request, found by key: the Rust counterpart of neon's
/// privates, which those modules use to find their state. As with privates,
/// the first value stored under a key is the one found.
#[derive(Default)]
pub struct Extensions(RefCell<Vec<(&'static str, Rc<dyn Any>)>>);

impl Extensions {
    /// The first value stored under `key`, if it is a `T`.
    pub fn get<T: Any>(&self, key: &'static str) -> Option<Rc<T>> {
        let found = self.0.borrow().iter().find(|(k, _)| *k == key)?.1.clone();
        found.downcast().ok()
    }

    pub fn insert<T: Any>(&self, key: &'static str, value: Rc<T>) {
        self.0.borrow_mut().push((key, value));
    }
}

pub struct Session {
    /// This session's own Rc (a CONNECT tunnel is a request on it).
    pub(crate) me: Weak<Session>,
    scheme: ZStr,
    hostport: ZStr,
    use_ssl: bool,
    pub(crate) state: RefCell<State>,
    error: RefCell<[u8; ERROR_SIZE]>,
    pub hooks: Hooks,
    notifier: RefCell<Option<Rc<Notifier>>>,
    privates: Privates,
    extensions: Extensions,
    /// The handle the C face gave out for this session.
    handle: Cell<*const ()>,
    /// Buffers of destroyed requests, reused by the next ones.
    pub(crate) pool: RefCell<Vec<super::request::Buffers>>,
    /// The method of the last request, shared by the next one with the
    /// same method (programs use a handful), saving an allocation.
    last_method: RefCell<Option<ZStr>>,
    /// TLS settings and the session cache (https only).
    pub(crate) tls: Option<Arc<crate::tls::client::ClientContext>>,
    /// Decides on server certificates that fail verification.
    pub(crate) verify_fn: RefCell<Option<Rc<super::tls::VerifyFn>>>,
    /// The accepted server certificate: the same leaf is not verified again.
    pub(crate) server_cert: RefCell<Option<CertificateDer<'static>>>,
}

impl Session {
    /// `method` as a NUL-terminated string, the last one's if equal.
    pub(crate) fn method_zstr(&self, method: &[u8]) -> ZStr {
        let mut last = self.last_method.borrow_mut();
        match &*last {
            Some(m) if m.bytes() == method => m.clone(),
            _ => last.insert(ZStr::new(method)).clone(),
        }
    }

    /// neon's `ne_session_create`: nothing is resolved or connected yet.
    pub fn create(scheme: &[u8], hostname: &[u8], port: u32) -> Rc<Session> {
        Rc::new_cyclic(|me| Session::with_self(me.clone(), scheme, hostname, port))
    }

    fn with_self(me: Weak<Session>, scheme: &[u8], hostname: &[u8], port: u32) -> Session {
        crate::debug!(debug::HTTP, |o| {
            debug::put(o, &[b"HTTP session to ", scheme, b"://", hostname]);
            debug::put_fmt(o, format_args!(":{} begins.\n", port as i32));
        });
        let use_ssl = scheme == b"https";
        let default_port = if use_ssl { 443 } else { 80 };
        let mut hostport = hostname.to_vec();
        if port != default_port {
            // neon prints ":%u" into 9 bytes: at most 8 characters.
            let suffix = format!(":{port}");
            hostport.extend_from_slice(&suffix.as_bytes()[..suffix.len().min(8)]);
        }
        let mut flags = [0; sessflag::LAST as usize];
        flags[sessflag::PERSIST as usize] = 1;
        if use_ssl {
            flags[sessflag::SSLV2 as usize] = 1;
            let literal = InetAddr::parse(hostname, false).is_some()
                || InetAddr::parse(hostname, true).is_some();
            if !literal {
                flags[sessflag::TLS_SNI as usize] = 1;
            }
            crate::debug!(
                debug::SSL,
                "ssl: SNI {} by default.\n",
                if literal { "disabled" } else { "enabled" }
            );
        }
        let mut error = [0u8; ERROR_SIZE];
        let initial = b"Unknown error.";
        error[..initial.len()].copy_from_slice(initial);
        Session {
            me,
            tls: use_ssl.then(|| Arc::new(crate::tls::client::ClientContext::new())),
            verify_fn: RefCell::new(None),
            server_cert: RefCell::new(None),
            scheme: ZStr::new(scheme),
            hostport: ZStr::new(&hostport),
            use_ssl,
            state: RefCell::new(State {
                flags,
                is_http11: false,
                connected: false,
                persisted: false,
                in_connect: false,
                server: Host::new(HopKind::Direct, hostname, port),
                proxies: Vec::new(),
                any_proxy_http: false,
                prev_proxy: None,
                nexthop: None,
                local_addr: None,
                socks_version: SocksVersion::V5,
                socks_user: None,
                socks_password: None,
                read_timeout: 0,
                connect_timeout: 0,
                send_timeout: 0,
                switched: false,
                user_agent: None,
                socket: None,
            }),
            error: RefCell::new(error),
            hooks: Hooks::default(),
            notifier: RefCell::new(None),
            privates: RefCell::new(Vec::new()),
            extensions: Extensions::default(),
            handle: Cell::new(std::ptr::null()),
            pool: RefCell::new(Vec::new()),
            last_method: RefCell::new(None),
        }
    }

    pub fn handle(&self) -> *const () {
        self.handle.get()
    }

    pub fn set_handle(&self, h: *const ()) {
        self.handle.set(h);
    }

    pub fn scheme(&self) -> &ZStr {
        &self.scheme
    }

    pub fn hostport(&self) -> &ZStr {
        &self.hostport
    }

    pub fn use_ssl(&self) -> bool {
        self.use_ssl
    }

    pub fn server_host(&self) -> (Option<ZStr>, u32) {
        let st = self.state.borrow();
        (st.server.hostname.clone(), st.server.port)
    }

    /// The HTTP proxy to report in ne_fill_proxy_uri: the one in use, else the first.
    pub fn http_proxy(&self) -> Option<(Option<ZStr>, u32)> {
        let st = self.state.borrow();
        if st.proxies.is_empty() {
            return None;
        }
        let h = match st.nexthop {
            Some(hop) => st.host(hop),
            None => &st.proxies[0],
        };
        (h.kind == HopKind::HttpProxy).then(|| (h.hostname.clone(), h.port))
    }

    // ---- error string ----

    /// Sets the error string from parts, truncated to 511 bytes.
    pub fn set_error(&self, parts: &[&[u8]]) {
        let mut e = self.error.borrow_mut();
        let mut n = 0;
        for p in parts {
            let take = p.len().min(ERROR_SIZE - 1 - n);
            e[n..n + take].copy_from_slice(&p[..take]);
            n += take;
        }
        e[n] = 0;
    }

    /// Sets the error string with formatting, truncated to 511 bytes.
    pub fn set_error_fmt(&self, args: std::fmt::Arguments<'_>) {
        use std::io::Write;
        let mut e = self.error.borrow_mut();
        let mut cur = std::io::Cursor::new(&mut e[..ERROR_SIZE - 1]);
        let _ = cur.write_fmt(args);
        let n = cur.position() as usize;
        e[n] = 0;
    }

    /// The error string, without its NUL.
    pub fn error(&self) -> Vec<u8> {
        let e = self.error.borrow();
        let n = e.iter().position(|&b| b == 0).unwrap_or(ERROR_SIZE - 1);
        e[..n].to_vec()
    }

    /// Address of the NUL-terminated error buffer (stable for the session's life).
    pub fn error_ptr(&self) -> *const u8 {
        self.error.as_ptr() as *const u8
    }

    // ---- settings ----

    pub fn set_flag(&self, flag: u32, value: i32) {
        if flag < sessflag::LAST {
            self.state.borrow_mut().flags[flag as usize] = value;
        }
    }

    /// The flag's value, or -1 for an unknown flag.
    pub fn flag(&self, flag: u32) -> i32 {
        if flag < sessflag::LAST {
            self.state.borrow().flags[flag as usize]
        } else {
            -1
        }
    }

    /// neon's read timeout, in seconds, for new connections.
    pub fn set_read_timeout(&self, secs: i32) {
        self.state.borrow_mut().read_timeout = secs.saturating_mul(1000);
    }

    /// neon's connect timeout, in seconds.
    pub fn set_connect_timeout(&self, secs: i32) {
        self.state.borrow_mut().connect_timeout = secs.saturating_mul(1000);
    }

    /// "User-Agent: <product> neon/0.32.5" on every later request.
    pub fn set_useragent(&self, product: &[u8]) {
        let mut line = b"User-Agent: ".to_vec();
        line.extend_from_slice(product);
        line.extend_from_slice(b" neon/");
        line.extend_from_slice(NEON_VERSION.as_bytes());
        line.extend_from_slice(b"\r\n");
        self.state.borrow_mut().user_agent = Some(line);
    }

    pub fn is_http11(&self) -> bool {
        self.state.borrow().is_http11
    }

    pub fn set_local_addr(&self, addr: Option<InetAddr>) {
        self.state.borrow_mut().local_addr = addr;
    }

    fn replace_proxies(&self, proxies: Vec<Host>, any_http: bool) {
        let mut st = self.state.borrow_mut();
        st.proxies = proxies;
        st.any_proxy_http = any_http;
        st.prev_proxy = None;
        if matches!(st.nexthop, Some(Hop::Proxy(_))) && !st.connected {
            st.nexthop = None;
        }
    }

    /// Sends requests through an HTTP proxy.
    pub fn set_proxy(&self, hostname: &[u8], port: u32) {
        self.replace_proxies(vec![Host::new(HopKind::HttpProxy, hostname, port)], true);
    }

    /// Connects through a SOCKS proxy. Credentials are kept when not given,
    /// as neon does.
    pub fn set_socks_proxy(
        &self,
        version: SocksVersion,
        hostname: &[u8],
        port: u32,
        user: Option<&[u8]>,
        password: Option<&[u8]>,
    ) {
        self.replace_proxies(vec![Host::new(HopKind::SocksProxy, hostname, port)], false);
        let mut st = self.state.borrow_mut();
        st.socks_version = version;
        if let Some(u) = user {
            st.socks_user = Some(u.to_vec());
        }
        if let Some(p) = password {
            st.socks_password = Some(p.to_vec());
        }
    }

    /// Connects to these addresses (in order) instead of resolving the server.
    pub fn set_addrlist(&self, port: Option<u32>, addrs: &[InetAddr]) {
        let port = port.unwrap_or_else(|| self.state.borrow().server.port);
        let hosts = addrs
            .iter()
            .map(|a| Host {
                kind: HopKind::Direct,
                hostname: None,
                port,
                addrs: None,
                cursor: 0,
                network: Some(*a),
                current: None,
            })
            .collect();
        self.replace_proxies(hosts, false);
    }

    /// Sets the callback that decides on certificates failing verification.
    pub fn set_verify(&self, f: Option<Rc<super::tls::VerifyFn>>) {
        *self.verify_fn.borrow_mut() = f;
    }

    // ---- notifier, privates ----

    pub fn set_notifier(&self, n: Option<Rc<Notifier>>) {
        *self.notifier.borrow_mut() = n;
    }

    /// Calls the notifier, if any, with no borrow held.
    pub fn notify(&self, ev: &Event<'_>) {
        let n = self.notifier.borrow().clone();
        if let Some(n) = n {
            n(ev);
        }
    }

    pub fn has_notifier(&self) -> bool {
        self.notifier.borrow().is_some()
    }

    pub fn private(&self, id: &[u8]) -> *mut () {
        get_private(&self.privates, id)
    }

    pub fn set_private(&self, id: &[u8], value: *mut ()) {
        set_private(&self.privates, id, value);
    }

    /// An add-on module's state for this session (see [`Extensions`]).
    pub fn extension<T: Any>(&self, key: &'static str) -> Option<Rc<T>> {
        self.extensions.get(key)
    }

    pub fn set_extension<T: Any>(&self, key: &'static str, value: Rc<T>) {
        self.extensions.insert(key, value);
    }

    /// The origin server as a URI: scheme, host and port, no path (what
    /// neon's `ne_fill_server_uri` fills in).
    pub fn server_uri(&self) -> crate::uri::Uri {
        let (host, port) = self.server_host();
        crate::uri::Uri {
            scheme: Some(self.scheme.bytes().to_vec()),
            host: host.map(|h| h.bytes().to_vec()),
            port,
            ..Default::default()
        }
    }

    // ---- connection ----

    /// Closes the connection if one is open: notifier, close_conn hooks, then
    /// the socket (neon's `ne_close_connection`).
    pub fn close_connection(&self) {
        let (connected, hostname) = {
            let st = self.state.borrow();
            let host = st.nexthop.and_then(|h| st.host(h).hostname.clone());
            (st.connected, host)
        };
        if connected {
            crate::debug!(debug::SOCKET, "sess: Closing connection.\n");
            self.notify(&Event::Disconnected {
                hostname: hostname.as_ref(),
            });
            self.hooks.close_conn.run(|h| h());
            let sock = self.state.borrow_mut().socket.take();
            if let Some(mut s) = sock {
                s.close();
            }
            crate::debug!(debug::SOCKET, "sess: Connection closed.\n");
        } else {
            crate::debug!(debug::SOCKET, "sess: Not closing closed connection.\n");
        }
        let mut st = self.state.borrow_mut();
        st.connected = false;
        st.switched = false;
    }

    /// Runs the destroy_session hooks, then closes the connection (neon's
    /// order in `ne_session_destroy`).
    pub fn destroy(&self) {
        crate::debug!(debug::HTTP, "sess: Destroying session.\n");
        self.hooks.destroy_session.run(|h| h());
        if self.state.borrow().connected {
            self.close_connection();
        }
    }
}
