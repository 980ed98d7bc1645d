//! The application's session callbacks, as core closures (the C face wraps
//! the C function pointers and converts references, see
//! `openssl::ctx_sessions`).

use std::sync::{Arc, RwLock};

use crate::ssl::conn::SslConn;
use crate::ssl::ctx::SslCtx;
use crate::tls::TlsSession;

/// A new session to keep (OpenSSL's new_session_cb). Returns true when the
/// application took the reference it was given (the C face gives one and
/// takes it back on false).
pub type NewSessionCb = dyn Fn(&Arc<SslConn>, &Arc<TlsSession>) -> bool + Send + Sync;

/// A session left the cache or was made non-resumable (remove_session_cb);
/// the session is only borrowed for the call.
pub type RemoveSessionCb = dyn Fn(&SslCtx, &Arc<TlsSession>) + Send + Sync;

/// A server looks up a session id the internal cache does not hold
/// (get_session_cb). The C face applies OpenSSL's `*copy` protocol and
/// returns a reference of the library's own.
pub type GetSessionCb = dyn Fn(&Arc<SslConn>, &[u8]) -> Option<Arc<TlsSession>> + Send + Sync;

/// A callback and where it came from.
pub struct Callback<F: ?Sized> {
    pub call: Arc<F>,
    /// Opaque to the core: the C face keeps the C function pointer here, to
    /// return it from SSL_CTX_sess_get_*_cb.
    pub origin: usize,
}

impl<F: ?Sized> Clone for Callback<F> {
    fn clone(&self) -> Self {
        Callback {
            call: self.call.clone(),
            origin: self.origin,
        }
    }
}

/// One settable callback. Setting is a plain store, as in OpenSSL; callers
/// take a clone and call it with no lock held (callbacks may re-enter).
pub struct Slot<F: ?Sized>(RwLock<Option<Callback<F>>>);

impl<F: ?Sized> Default for Slot<F> {
    fn default() -> Self {
        Slot(RwLock::new(None))
    }
}

impl<F: ?Sized> Slot<F> {
    pub fn set(&self, cb: Option<Callback<F>>) {
        *self.0.write().unwrap_or_else(|e| e.into_inner()) = cb;
    }

    pub fn get(&self) -> Option<Callback<F>> {
        self.0.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn is_set(&self) -> bool {
        self.0.read().unwrap_or_else(|e| e.into_inner()).is_some()
    }
}

/// The three session callbacks of a context.
#[derive(Default)]
pub struct Callbacks {
    pub new_session: Slot<NewSessionCb>,
    pub remove_session: Slot<RemoveSessionCb>,
    pub get_session: Slot<GetSessionCb>,
}
