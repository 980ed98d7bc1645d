//! HTTP authentication (neon's ne_auth.c) as an add-on to the engine: per
//! session and per class (server or proxy) it keeps the application's
//! credential callbacks and the accepted challenge's state, and works
//! through the session's hooks: create_request notes the request,
//! pre_send adds the credentials, post_send answers challenges (asking for
//! a retry) and checks Digest's Authentication-Info.
//!
//! Basic and Digest are supported. Negotiate (GSSAPI, SSPI) and NTLM are
//! not: their challenges are ignored like any unknown scheme.

mod basic;
mod challenge;
mod credentials;
mod digest;
mod params;
mod scope;
mod state;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::debug::{HTTPAUTH, put, put_fmt};
use crate::http::codes::{AUTH, ERROR, OK, PROXYAUTH, RETRY, sessflag};
use crate::http::{Request, Session, StatusCell, ZStr};
use challenge::{Failures, Protocol};
use credentials::Handler;
pub use credentials::{BUFSIZE, Buffer, CredsFn, ProvideFn, Provider};
use state::{Attempt, AuthSession};

/// NE_AUTH_* protocol bits and modifiers (ne_auth.h).
pub const BASIC: u32 = challenge::BASIC;
pub const LEGACY_DIGEST: u32 = 0x0002;
pub const NEGOTIATE: u32 = 0x0004;
pub const GSSAPI: u32 = 0x0008;
pub const NTLM: u32 = 0x0010;
pub const SSPI: u32 = 0x0020;
pub const GSSAPI_ONLY: u32 = 0x0040;
pub const DIGEST: u32 = challenge::DIGEST;
pub const DEFAULT: u32 = 0x1000;
pub const ALL: u32 = 0x2000;
pub const PROXY: u32 = 0x4000;

/// Authentication with the origin server or with the HTTP proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Server,
    Proxy,
}

impl Class {
    /// neon's session/request private ids, also our extension keys.
    pub fn id(self) -> &'static str {
        match self {
            Class::Server => "http://webdav.org/neon/hooks/server-auth",
            Class::Proxy => "http://webdav.org/neon/hooks/proxy-auth",
        }
    }

    fn request_header(self) -> &'static [u8] {
        match self {
            Class::Server => b"Authorization",
            Class::Proxy => b"Proxy-Authorization",
        }
    }

    fn challenge_header(self) -> &'static [u8] {
        match self {
            Class::Server => b"WWW-Authenticate",
            Class::Proxy => b"Proxy-Authenticate",
        }
    }

    fn info_header(self) -> &'static [u8] {
        match self {
            Class::Server => b"Authentication-Info",
            Class::Proxy => b"Proxy-Authentication-Info",
        }
    }

    fn status(self) -> i32 {
        match self {
            Class::Server => 401,
            Class::Proxy => 407,
        }
    }

    fn fail_code(self) -> i32 {
        match self {
            Class::Server => AUTH,
            Class::Proxy => PROXYAUTH,
        }
    }

    /// Added to the protocol given to credential callbacks.
    fn protomask(self) -> u32 {
        match self {
            Class::Server => 0,
            Class::Proxy => PROXY,
        }
    }

    fn error_prefix(self) -> &'static [u8] {
        match self {
            Class::Server => b"Could not authenticate to server: ",
            Class::Proxy => b"Could not authenticate to proxy server: ",
        }
    }
}

/// Which requests challenges are taken from. Over TLS, proxy challenges
/// only come for the CONNECT request and server ones for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Any,
    Connect,
    NotConnect,
}

/// One class's authentication in a session.
struct Auth {
    class: Class,
    context: Context,
    /// Callbacks in registration order.
    handlers: RefCell<Vec<Rc<Handler>>>,
    /// Set aside (left at its default) while a challenge is handled, so no
    /// borrow is held while the application's callbacks run.
    state: RefCell<AuthSession>,
}

/// What a request needs: its method and target as created, and how often
/// it was retried for authentication (neon's auth_request).
struct AuthRequest {
    method: ZStr,
    uri: ZStr,
    attempt: Cell<i32>,
}

/// neon's expansion of NE_AUTH_ALL, NE_AUTH_DEFAULT and the umbrella bits.
fn expand_mask(mut mask: u32, https: bool, isproxy: bool) -> u32 {
    if mask & ALL == ALL {
        mask |= BASIC | DIGEST | NEGOTIATE;
    } else if mask & DEFAULT == DEFAULT {
        mask |= BASIC | DIGEST;
        if https || isproxy {
            mask |= NEGOTIATE;
        }
    }
    // LEGACY_DIGEST alone once meant the weakest Digest, so it implies DIGEST.
    if mask & (LEGACY_DIGEST | DIGEST) == LEGACY_DIGEST {
        crate::debug!(
            HTTPAUTH,
            "auth: Legacy Digest support compatibility mode.\n"
        );
        mask |= DIGEST;
    }
    if mask & NEGOTIATE == NEGOTIATE {
        mask |= GSSAPI | NTLM;
    }
    if mask & GSSAPI == GSSAPI {
        mask |= GSSAPI_ONLY | SSPI;
    }
    mask
}

/// Adds a credentials callback for `protomask` (NE_AUTH_* bits) to the
/// session's `class` authentication, setting that up (hooks included) the
/// first time. `isproxy` is neon's flag for mask defaults and the TLS
/// context: ne_add_auth registers both classes with it false.
pub fn register(sess: &Session, class: Class, isproxy: bool, protomask: u32, provider: Provider) {
    let https = sess.scheme().bytes() == b"https";
    let mask = expand_mask(protomask, https, isproxy);
    let auth = sess.extension::<Auth>(class.id()).unwrap_or_else(|| {
        let context = match (https, isproxy) {
            (false, _) => Context::Any,
            (true, true) => Context::Connect,
            (true, false) => Context::NotConnect,
        };
        let auth = Rc::new(Auth {
            class,
            context,
            handlers: RefCell::new(Vec::new()),
            state: RefCell::new(AuthSession::default()),
        });
        install_hooks(sess, &auth);
        // C code may look the module up by its private id, as in neon.
        sess.set_private(class.id().as_bytes(), Rc::as_ptr(&auth) as *mut ());
        sess.set_extension(class.id(), auth.clone());
        auth
    });
    auth.handlers
        .borrow_mut()
        .push(Rc::new(Handler::new(mask, provider)));
}

/// Forgets the credentials of both classes (neon's ne_forget_auth); the
/// callbacks stay registered.
pub fn forget(sess: &Session) {
    for class in [Class::Server, Class::Proxy] {
        if let Some(auth) = sess.extension::<Auth>(class.id()) {
            auth.state.borrow_mut().clean();
        }
    }
}

fn install_hooks(sess: &Session, auth: &Rc<Auth>) {
    let id = Rc::as_ptr(auth) as usize;
    let a = auth.clone();
    sess.hooks.create_request.add(
        (id, 1),
        Rc::new(move |req: &Request, method: &ZStr, target: &ZStr| a.create(req, method, target)),
    );
    let a = auth.clone();
    sess.hooks.pre_send.add(
        (id, 2),
        Rc::new(move |req: &Request, out: &mut Vec<u8>| a.pre_send(req, out)),
    );
    let a = auth.clone();
    sess.hooks.post_send.add(
        (id, 3),
        Rc::new(move |req: &Request, status: &StatusCell| a.post_send(req, status)),
    );
    // The per-request state is owned by the request; the session's is
    // wiped when the session goes.
    let a = auth.clone();
    sess.hooks.destroy_session.add(
        (id, 5),
        Rc::new(move || {
            a.handlers.borrow_mut().clear();
            *a.state.borrow_mut() = AuthSession::default();
        }),
    );
}

impl Auth {
    fn create(&self, req: &Request, method: &ZStr, target: &ZStr) {
        let is_connect = method.bytes() == b"CONNECT";
        let wanted = match self.context {
            Context::Any => true,
            Context::Connect => is_connect,
            Context::NotConnect => !is_connect,
        };
        if !wanted {
            return;
        }
        crate::debug!(HTTPAUTH, |o| put(
            o,
            &[b"auth: Create for ", self.class.challenge_header(), b"\n"]
        ));
        let areq = Rc::new(AuthRequest {
            method: method.clone(),
            uri: target.clone(),
            attempt: Cell::new(0),
        });
        req.set_private(self.class.id().as_bytes(), Rc::as_ptr(&areq) as *mut ());
        req.set_extension(self.class.id(), areq);
        for h in self.handlers.borrow().iter() {
            h.calls.set(0);
        }
    }

    fn pre_send(&self, req: &Request, out: &mut Vec<u8>) {
        let Some(areq) = req.extension::<AuthRequest>(self.class.id()) else {
            return;
        };
        let mut st = self.state.borrow_mut();
        if let Some(p) = st.protocol {
            crate::debug!(HTTPAUTH, "auth: Sending '{}' response.\n", p.name());
        }
        let value = match st.protocol {
            Some(Protocol::Basic) => basic::response(&st, areq.uri.bytes()),
            Some(Protocol::Digest) => {
                digest::response(&mut st, areq.method.bytes(), areq.uri.bytes())
            }
            None => None,
        };
        if let Some(value) = value {
            out.extend_from_slice(self.class.request_header());
            out.extend_from_slice(b": ");
            out.extend_from_slice(&value);
        }
    }

    fn post_send(&self, req: &Request, status: &StatusCell) -> i32 {
        let Some(areq) = req.extension::<AuthRequest>(self.class.id()) else {
            return OK;
        };
        let sess = req.session();
        let code = status.code.get();
        let mut challenge = req.response_header(self.class.challenge_header());
        let mut info = req.response_header(self.class.info_header());
        let connect = self.context == Context::Connect;
        if connect && code == 401 && challenge.is_none() {
            // Some proxies challenge a CONNECT with a 401.
            challenge = req.response_header(b"WWW-Authenticate");
            info = None;
        }
        crate::debug!(HTTPAUTH, |o| {
            put_fmt(
                o,
                format_args!(
                    "auth: Post-send (#{}), code is {} (want {}), ",
                    areq.attempt.get(),
                    code,
                    self.class.status()
                ),
            );
            put(o, &[self.class.challenge_header(), b" is "]);
            put(o, &[challenge.as_deref().unwrap_or(b"(none)"), b"\n"]);
        });
        let protocol = self.state.borrow().protocol;
        if let (Some(info), Some(Protocol::Digest)) = (&info, protocol) {
            let checked = digest::verify(&mut self.state.borrow_mut(), areq.uri.bytes(), info);
            return match checked {
                Ok(()) => OK,
                Err(message) => {
                    sess.set_error(&[&message]);
                    ERROR
                }
            };
        }
        let Some(challenge) = challenge else {
            return OK;
        };
        if code != self.class.status() && !(code == 401 && connect) {
            return OK;
        }
        crate::debug!(HTTPAUTH, "auth: Got challenge (code {code}).\n");
        let attempt = areq.attempt.get();
        areq.attempt.set(attempt + 1);
        let ret = if self.accept(sess, attempt, areq.uri.bytes(), &challenge) {
            RETRY
        } else {
            self.state.borrow_mut().clean();
            self.class.fail_code()
        };
        // Only connection-based protocols (not supported here) set it.
        sess.set_flag(sessflag::CONNAUTH, 0);
        ret
    }

    /// Tries the challenges of a header, strongest first, until one is
    /// accepted; otherwise sets the session error. (neon's auth_challenge)
    fn accept(&self, sess: &Session, attempt: i32, uri: &[u8], header: &[u8]) -> bool {
        let handlers = self.handlers.borrow().clone();
        let mut failures = Failures::default();
        let challenges = challenge::parse(header, &handlers, &mut failures);
        let mut st = self.state.take();
        st.protocol = None;
        for ch in &challenges {
            crate::debug!(
                HTTPAUTH,
                "auth: Trying {} challenge...\n",
                ch.protocol.name()
            );
            let mut cx = Attempt {
                number: attempt,
                uri,
                class: self.class,
                sess,
                failures: &mut failures,
            };
            let accepted = match ch.protocol {
                Protocol::Basic => basic::accept(&mut st, ch, &mut cx),
                Protocol::Digest => digest::accept(&mut st, ch, &mut cx),
            };
            if accepted {
                crate::debug!(
                    HTTPAUTH,
                    "auth: Accepted {} challenge.\n",
                    ch.protocol.name()
                );
                st.protocol = Some(ch.protocol);
                break;
            }
        }
        let accepted = st.protocol.is_some();
        *self.state.borrow_mut() = st;
        if !accepted {
            crate::debug!(HTTPAUTH, "auth: No challenges accepted.\n");
            let detail = failures.text().unwrap_or(b"could not parse challenge");
            sess.set_error(&[self.class.error_prefix(), detail]);
        }
        accepted
    }
}

#[cfg(test)]
mod tests;
