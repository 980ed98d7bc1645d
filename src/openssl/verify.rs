//! Verification of the peer's chain as libssl's `ssl_verify_cert_chain`
//! does it: an `X509_STORE_CTX` on the context's `X509_STORE` with the
//! peer's leaf and chain, the `SSL` at `SSL_get_ex_data_X509_STORE_CTX_idx`,
//! the "ssl_server" or "ssl_client" defaults under the connection's
//! `X509_VERIFY_PARAM`, the security level as auth level, and the verify
//! callback. The application's `SSL_CTX_set_cert_verify_callback` function
//! gets that context and decides; otherwise the core's `tls::x509::verify`
//! verifies, and each of its reports reaches the verify callback through
//! the same context (error, depth, current certificate, chain so far).

use std::cell::RefCell;
use std::ffi::{c_int, c_void};
use std::sync::{Arc, OnceLock};

use rustls::pki_types::CertificateDer;

use super::cert_stores::Which;
use super::crypto::types::VerifyCb;
use super::crypto::{Store, StoreCtx, X509, X509Stack, err};
use super::handles;
use super::objects::{ConnCrypto, CtxCrypto};
use crate::ssl::config::consts::SSL_VERIFY_NONE;
use crate::ssl::conn::SslConn;
use crate::ssl::peer::{Peer, PeerCheck, PeerVerifier};
use crate::tls::cert::Certificate;
use crate::tls::x509::{self, Event, TrustedIssuers, VerifyParams, codes, flags, purpose};

/// `CRYPTO_EX_INDEX_X509_STORE_CTX`.
const CRYPTO_EX_INDEX_X509_STORE_CTX: c_int = 5;

/// The `X509_STORE_CTX` ex_data index where the `SSL` is found, allocated
/// once from libcrypto as OpenSSL does; -1 if that fails.
pub fn ex_index() -> c_int {
    static INDEX: OnceLock<c_int> = OnceLock::new();
    *INDEX.get_or_init(|| {
        // SAFETY: a static description string and no callbacks.
        unsafe {
            openssl_sys::CRYPTO_get_ex_new_index(
                CRYPTO_EX_INDEX_X509_STORE_CTX,
                0,
                c"SSL for verify callback".as_ptr() as *mut c_void,
                None,
                None,
                None,
            )
        }
    })
}

/// The certificates one verification works with, as `X509` objects, so
/// that the callback sees the same object for the same certificate.
struct Objects {
    known: RefCell<Vec<(Vec<u8>, X509)>>,
}

impl Objects {
    fn get(&self, der: &[u8]) -> Option<X509> {
        if let Some((_, x)) = self.known.borrow().iter().find(|(d, _)| d == der) {
            return Some(x.clone());
        }
        let x = X509::from_der(der)?;
        self.known.borrow_mut().push((der.to_vec(), x.clone()));
        Some(x)
    }

    fn stack(&self, certs: &[Certificate]) -> Option<X509Stack> {
        let mut stack = X509Stack::new()?;
        for c in certs {
            stack.push(self.get(c.der())?)?;
        }
        Some(stack)
    }
}

/// The context's store as the core's source of trusted issuers
/// (`X509_STORE_CTX_get1_certs`, so hashed directories are searched).
struct StoreIssuers<'a> {
    lookup: Option<StoreCtx>,
    objects: &'a Objects,
}

impl TrustedIssuers for StoreIssuers<'_> {
    fn by_subject(&self, subject: &[u8]) -> Vec<Certificate> {
        let Some(lookup) = &self.lookup else {
            return Vec::new();
        };
        lookup
            .certs_by_subject(subject)
            .into_iter()
            .filter_map(|x| {
                let der = x.to_der();
                let cert = Certificate::from_der(&der)?;
                self.objects.known.borrow_mut().push((der, x));
                Some(cert)
            })
            .collect()
    }
}

fn failed(result: i32) -> PeerCheck {
    PeerCheck {
        verified: false,
        result: i64::from(result),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

impl PeerVerifier for CtxCrypto {
    fn verify_peer(
        &self,
        conn: &Arc<SslConn>,
        chain: &[CertificateDer<'_>],
        peer: Peer,
    ) -> PeerCheck {
        let Some(cc) = super::objects::of_conn(conn) else {
            return failed(codes::X509_V_ERR_UNSPECIFIED);
        };
        let ders: Arc<[Vec<u8>]> = chain.iter().map(|d| d.to_vec()).collect();
        // OpenSSL decodes the chain before verifying it.
        let Some(presented) = ders
            .iter()
            .map(|d| X509::from_der(d))
            .collect::<Option<Vec<_>>>()
        else {
            return failed(codes::X509_V_ERR_UNSPECIFIED);
        };
        cc.set_peer_certs(ders.clone(), presented.clone());
        let check = self.verify_with(conn, cc, &ders, &presented, peer);
        // A client that goes on clears the queue, keeping only the result
        // (tls_post_process_server_certificate).
        if peer == Peer::Server && (check.verified || conn.verify_mode() == SSL_VERIFY_NONE) {
            err::clear();
        }
        check
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl CtxCrypto {
    fn verify_with(
        &self,
        conn: &Arc<SslConn>,
        cc: &ConnCrypto,
        ders: &[Vec<u8>],
        presented: &[X509],
        peer: Peer,
    ) -> PeerCheck {
        // The verify store (the connection's, else the context's), else
        // the trust store.
        let verify_store = |s: &super::cert_stores::CertStores| s.get(Which::Verify);
        let Some(store) = verify_store(&cc.stores)
            .or_else(|| verify_store(&self.stores))
            .or_else(|| self.store())
            .or_else(Store::new)
        else {
            return failed(codes::X509_V_ERR_OUT_OF_MEM);
        };
        let ctx = X509Stack::from_certs(presented).and_then(|untrusted| {
            StoreCtx::new(store.clone(), presented.first().cloned(), Some(untrusted))
        });
        let Some(ctx) = ctx else {
            return failed(codes::X509_V_ERR_OUT_OF_MEM);
        };
        let Some(param) = ctx.param() else {
            return failed(codes::X509_V_ERR_OUT_OF_MEM);
        };
        let (security_level, callback) =
            conn.settings(|s| (s.security_level(), s.verify_callback()));
        param.set_auth_level(security_level);
        // SAFETY: the connection outlives its verification.
        if !unsafe { ctx.set_ex_data(ex_index(), handles::ssl_ptr(conn).cast()) } {
            return failed(codes::X509_V_ERR_OUT_OF_MEM);
        }
        ctx.set_default(match peer {
            Peer::Server => c"ssl_server",
            Peer::Client => c"ssl_client",
        });
        param.set1(cc.param());
        if callback != 0 {
            // SAFETY: a non-zero address is the verify callback the program
            // set, a function of this type.
            ctx.set_verify_cb(Some(unsafe {
                std::mem::transmute::<usize, unsafe extern "C" fn(c_int, *mut _) -> c_int>(callback)
            }));
        }
        if let Some((cb, arg)) = conn.ctx().config.cert_verify_callback() {
            // SAFETY: the address is the program's cert_verify_callback.
            let cb = unsafe {
                std::mem::transmute::<usize, unsafe extern "C" fn(*mut _, *mut c_void) -> c_int>(cb)
            };
            // SAFETY: a fully set up context and the program's argument.
            let ok = unsafe { cb(ctx.as_ptr(), arg as *mut c_void) } > 0;
            cc.set_verified_chain(ctx.chain().and_then(|c| X509Stack::from_certs(&c)));
            cc.set_peername(param.peername());
            return PeerCheck {
                verified: ok,
                result: i64::from(ctx.error()),
            };
        }

        let Some(certs) = ders
            .iter()
            .map(|d| Certificate::from_der(d))
            .collect::<Option<Vec<_>>>()
        else {
            return failed(codes::X509_V_ERR_UNSPECIFIED);
        };
        let pt = &cc.purpose_trust;
        let flags = param.flags();
        let params = VerifyParams {
            time: if flags & flags::USE_CHECK_TIME != 0 {
                param.time()
            } else {
                now()
            },
            flags,
            depth: param.depth(),
            purpose: match (pt.purpose(), peer) {
                (0, Peer::Server) => purpose::SSL_SERVER,
                (0, Peer::Client) => purpose::SSL_CLIENT,
                (p, _) => p,
            },
            trust: pt.trust(),
            auth_level: param.auth_level(),
            hosts: param.hosts(),
            hostflags: param.hostflags(),
            email: param.email(),
            ip: param.ip(),
        };
        let objects = Objects {
            known: RefCell::new(
                ders.iter()
                    .cloned()
                    .zip(presented.iter().cloned())
                    .collect(),
            ),
        };
        let issuers = StoreIssuers {
            lookup: StoreCtx::new(store, None, None),
            objects: &objects,
        };
        let verify_cb: VerifyCb = ctx.verify_cb();
        let mut pushed = 0;
        let outcome = x509::verify(&certs, &issuers, &params, &mut |event: &mut Event<'_>| {
            pushed += event.new_errors.len();
            report(&ctx, &objects, verify_cb, event)
        });
        outcome.errors[pushed..].iter().for_each(err::push_entry);
        ctx.set_error(outcome.error);
        cc.set_verified_chain(objects.stack(&outcome.chain));
        cc.set_peername(outcome.peername.clone());
        PeerCheck {
            verified: outcome.verified,
            result: i64::from(outcome.error),
        }
    }
}

/// One report of the verification to the verify callback, through the
/// context: what it reads is the event's, and the error it leaves is kept.
/// What the checks put on the error queue since the last report goes
/// there first.
fn report(ctx: &StoreCtx, objects: &Objects, cb: VerifyCb, event: &mut Event<'_>) -> bool {
    event.new_errors.iter().for_each(err::push_entry);
    ctx.set_error(event.error);
    ctx.set_error_depth(i32::try_from(event.depth).unwrap_or(i32::MAX));
    if let Some(cert) = objects.get(event.cert.der()) {
        ctx.set_current_cert(&cert);
    }
    if let Some(chain) = objects.stack(event.chain) {
        ctx.set_verified_chain(chain);
    }
    let ok = match cb {
        // SAFETY: the program's callback (or libcrypto's default) with a
        // live, fully set up context.
        Some(f) => (unsafe { f(c_int::from(event.ok), ctx.as_ptr()) }) != 0,
        None => event.ok,
    };
    event.error = ctx.error();
    ok
}

/// The `X509_STORE_CTX` ex_data index where a verify callback finds the
/// `SSL` (`X509_STORE_CTX_get_ex_data(ctx, idx)`); -1 if libcrypto could
/// not allocate it.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_ex_data_X509_STORE_CTX_idx() -> c_int {
    crate::ffi::guard(-1, || Some(ex_index()))
}
