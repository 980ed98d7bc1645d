//! The libcrypto objects each `SSL_CTX` and `SSL` owns, as OpenSSL's do:
//! a context's trust store and verification parameters, a connection's
//! parameters and the certificates of its last verification. They hang
//! on the core objects: a context's as its [`PeerVerifier`] (see
//! `verify.rs`), a connection's as its extension.

use std::ffi::CString;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use super::callbacks::Callbacks;
use super::crypto::{NameStack, PKey, Param, ParamRef, Store, X509, X509Stack};
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::SslCtx;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The purpose and trust set through libssl (`SSL_CTX_set_purpose`…).
/// libcrypto 3.0 has no getters for them, so they are also kept here for
/// the verification to read; 0: unset.
#[derive(Default)]
pub struct PurposeTrust {
    purpose: AtomicI32,
    trust: AtomicI32,
}

impl PurposeTrust {
    pub fn purpose(&self) -> i32 {
        self.purpose.load(Ordering::Relaxed)
    }

    pub fn trust(&self) -> i32 {
        self.trust.load(Ordering::Relaxed)
    }

    pub fn set_purpose(&self, purpose: i32) {
        self.purpose.store(purpose, Ordering::Relaxed)
    }

    pub fn set_trust(&self, trust: i32) {
        self.trust.store(trust, Ordering::Relaxed)
    }

    /// `X509_VERIFY_PARAM_inherit`'s rule: unset values come from `from`.
    fn inherit(&self, from: &PurposeTrust) {
        if self.purpose() == 0 {
            self.set_purpose(from.purpose());
        }
        if self.trust() == 0 {
            self.set_trust(from.trust());
        }
    }
}

/// An `SSL_CTX`'s libcrypto objects.
pub struct CtxCrypto {
    /// `SSL_CTX_get_cert_store` (NULL after `SSL_CTX_set_cert_store(ctx,
    /// NULL)`, as in OpenSSL).
    store: RwLock<Option<Store>>,
    /// `SSL_CTX_get0_param`.
    param: Param,
    pub purpose_trust: PurposeTrust,
    /// Info, message and key-log callbacks.
    pub callbacks: Callbacks,
    /// `SSL_CTX_set_default_passwd_cb` and its userdata (addresses).
    pub passwd: Mutex<(usize, usize)>,
    /// The certificate, key and chains as objects.
    pub certs: Mutex<CertObjects>,
    /// `SSL_CTX_set_client_CA_list` and `SSL_CTX_set0_CA_list`.
    pub client_ca: Mutex<Option<NameStack>>,
    pub ca_list: Mutex<Option<NameStack>>,
    /// The verify and chain stores.
    pub stores: super::cert_stores::CertStores,
    /// The method the context was made with.
    pub method: &'static super::handles::Method,
    pub extras: super::extras::Extras,
}

/// A context's or connection's certificate and key as libcrypto objects,
/// as OpenSSL keeps them: the certificate, its key, its chain
/// (`SSL_CTX_add0_chain_cert`…) and the context's extra chain
/// certificates (`SSL_CTX_add_extra_chain_cert`), sent when the chain is
/// empty.
#[derive(Default, Clone)]
pub struct CertObjects {
    pub leaf: Option<X509>,
    pub key: Option<PKey>,
    pub chain: Option<X509Stack>,
    pub extra: Option<X509Stack>,
}

impl CertObjects {
    /// The core's key pair for these objects: the leaf, then the chain
    /// (else the extra certificates), and the key.
    pub fn keypair(&self) -> crate::tls::keypair::KeyPair {
        let mut kp = crate::tls::keypair::KeyPair::default();
        if let Some(key) = self.key.as_ref().and_then(PKey::to_pkcs8).and_then(|der| {
            crate::tls::keypair::signing_key(rustls::pki_types::PrivateKeyDer::Pkcs8(der.into()))
                .ok()
        }) {
            kp.use_key(key);
        }
        if let Some(leaf) = &self.leaf {
            let rest = match (&self.chain, &self.extra) {
                (Some(c), _) if !c.is_empty() => c.to_vec(),
                (_, Some(e)) => e.to_vec(),
                _ => Vec::new(),
            };
            let chain = std::iter::once(leaf.clone())
                .chain(rest)
                .map(|x| rustls::pki_types::CertificateDer::from(x.to_der()))
                .collect();
            kp.use_chain(chain);
        }
        kp
    }
}

impl CtxCrypto {
    /// A new, empty store and unset parameters (`SSL_CTX_new`).
    pub fn new(method: &'static super::handles::Method) -> Option<CtxCrypto> {
        Some(CtxCrypto {
            store: RwLock::new(Some(Store::new()?)),
            param: Param::new()?,
            purpose_trust: PurposeTrust::default(),
            callbacks: Callbacks::default(),
            passwd: Mutex::new((0, 0)),
            certs: Mutex::new(CertObjects::default()),
            client_ca: Mutex::new(None),
            ca_list: Mutex::new(None),
            stores: Default::default(),
            method,
            extras: super::extras::Extras::for_ctx()?,
        })
    }

    /// A reference to the store, for one verification or load.
    pub fn store(&self) -> Option<Store> {
        self.store.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces the store (the context takes `store`'s reference).
    pub fn set_store(&self, store: Option<Store>) {
        let old = std::mem::replace(
            &mut *self.store.write().unwrap_or_else(|e| e.into_inner()),
            store,
        );
        drop(old);
    }

    pub fn param(&self) -> ParamRef<'_> {
        self.param.view()
    }
}

/// The peer's certificates as `X509` objects, for the DER chain they were
/// made from (the connection's last handshake).
pub struct PeerCerts {
    ders: Arc<[Vec<u8>]>,
    pub certs: Vec<X509>,
    /// `SSL_get_peer_cert_chain`: with the leaf on a client, without it on
    /// a server (as OpenSSL keeps them).
    pub with_leaf: X509Stack,
    pub without_leaf: X509Stack,
}

impl PeerCerts {
    fn new(ders: Arc<[Vec<u8>]>, certs: Vec<X509>) -> Option<PeerCerts> {
        Some(PeerCerts {
            with_leaf: X509Stack::from_certs(&certs)?,
            without_leaf: X509Stack::from_certs(certs.iter().skip(1))?,
            ders,
            certs,
        })
    }
}

/// An `SSL`'s libcrypto objects.
pub struct ConnCrypto {
    /// `SSL_get0_param`: inherits the context's at `SSL_new`.
    param: Param,
    pub purpose_trust: PurposeTrust,
    /// `SSL_get0_verified_chain`: the chain the last verification built.
    verified_chain: Mutex<Option<X509Stack>>,
    /// `SSL_get0_peername`: the name that matched.
    peername: Mutex<Option<CString>>,
    peer: Mutex<Option<Arc<PeerCerts>>>,
    /// Its own info callback; message callback copied from the context.
    pub callbacks: Callbacks,
    /// `SSL_set_default_passwd_cb` (copied from the context at `SSL_new`).
    pub passwd: Mutex<(usize, usize)>,
    /// Its own certificate objects once an `SSL_use_*` call made them (a
    /// copy of the context's, then changed).
    pub certs: Mutex<Option<CertObjects>>,
    /// `SSL_set_client_CA_list`, `SSL_set0_CA_list`.
    pub client_ca: Mutex<Option<NameStack>>,
    pub ca_list: Mutex<Option<NameStack>>,
    /// A client's copy of the CA names the server asked for.
    pub peer_ca: Mutex<Option<(Vec<Vec<u8>>, NameStack)>>,
    pub extras: super::extras::Extras,
    /// Its own verify and chain stores, once loaded.
    pub stores: super::cert_stores::CertStores,
}

impl ConnCrypto {
    /// `SSL_new`'s parameters: the context's inherited.
    pub fn new(ctx: &CtxCrypto) -> Option<ConnCrypto> {
        let param = Param::new()?;
        param.view().inherit(ctx.param());
        let purpose_trust = PurposeTrust::default();
        purpose_trust.inherit(&ctx.purpose_trust);
        let callbacks = Callbacks::default();
        let from = ctx.callbacks.get();
        callbacks.update(|s| {
            s.msg = from.msg;
            s.msg_arg = from.msg_arg;
        });
        Some(ConnCrypto {
            param,
            purpose_trust,
            verified_chain: Mutex::new(None),
            peername: Mutex::new(None),
            peer: Mutex::new(None),
            callbacks,
            passwd: Mutex::new(*lock(&ctx.passwd)),
            certs: Mutex::new(None),
            client_ca: Mutex::new(None),
            ca_list: Mutex::new(None),
            peer_ca: Mutex::new(None),
            extras: super::extras::Extras::for_conn(&ctx.extras),
            stores: Default::default(),
        })
    }

    pub fn param(&self) -> ParamRef<'_> {
        self.param.view()
    }

    /// Runs `f` on the verified chain, borrowed.
    pub fn with_verified_chain<R>(&self, f: impl FnOnce(Option<&X509Stack>) -> R) -> R {
        f(lock(&self.verified_chain).as_ref())
    }

    pub fn set_verified_chain(&self, chain: Option<X509Stack>) {
        let old = std::mem::replace(&mut *lock(&self.verified_chain), chain);
        drop(old);
    }

    pub fn with_peername<R>(&self, f: impl FnOnce(Option<&CString>) -> R) -> R {
        f(lock(&self.peername).as_ref())
    }

    pub fn set_peername(&self, name: Option<Vec<u8>>) {
        *lock(&self.peername) = name.and_then(|n| CString::new(n).ok());
    }

    /// Keeps the `X509` objects of a chain being verified, so that the
    /// peer's certificates are the very objects the callbacks saw.
    pub fn set_peer_certs(&self, ders: Arc<[Vec<u8>]>, certs: Vec<X509>) {
        *lock(&self.peer) = PeerCerts::new(ders, certs).map(Arc::new);
    }

    /// The peer's certificates of `conn`'s last handshake, made on first
    /// use (a resumed session's chain was not verified here).
    pub fn peer_certs(&self, conn: &SslConn) -> Option<Arc<PeerCerts>> {
        let ders = conn.peer_chain()?;
        let mut peer = lock(&self.peer);
        if let Some(p) = peer.as_ref().filter(|p| p.ders == ders) {
            return Some(p.clone());
        }
        let certs = ders
            .iter()
            .map(|d| X509::from_der(d))
            .collect::<Option<Vec<_>>>()?;
        let made = Arc::new(PeerCerts::new(ders, certs)?);
        *peer = Some(made.clone());
        Some(made)
    }

    /// `SSL_clear`: nothing of the last handshake stays.
    pub fn clear(&self) {
        self.set_verified_chain(None);
        self.set_peername(None);
        *lock(&self.peer) = None;
        *lock(&self.peer_ca) = None;
    }
}

/// The libcrypto objects of a context made by `SSL_CTX_new`.
pub fn of_ctx(ctx: &SslCtx) -> Option<&CtxCrypto> {
    ctx.peer_verifier()?.as_any().downcast_ref()
}

/// The libcrypto objects of a connection made by `SSL_new`.
pub fn of_conn(conn: &SslConn) -> Option<&ConnCrypto> {
    (**conn.extension()?).downcast_ref()
}
