//! C face of `ne_ssl.h`'s TLS contexts, which programs use with the socket
//! API (`ne_sock_connect_ssl`, `ne_sock_accept_ssl`).
//!
//! Handle: `ne_ssl_context` is a boxed [`SslContext`]: a client context
//! ([`ClientContext`], as an HTTP session has) or a server context
//! ([`ServerContext`]).

use std::ffi::{c_char, c_int};
use std::net::{IpAddr, Ipv4Addr};
use std::ptr::null_mut;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

use super::ne_ssl::{
    self, NE_SSL_CTX_CLIENT, NE_SSL_CTX_SERVER, NE_SSL_CTX_SSLv2, ne_ssl_certificate,
    ne_ssl_context,
};
use crate::ffi;
use crate::net::{SockError, Socket};
use crate::tls::TlsStream;
use crate::tls::client::{ClientContext, Verdict, Verifier};
use crate::tls::keypair::{self, KeyPair};
use crate::tls::server::{ClientAuth, ServerContext};
use crate::tls::verify;

/// A client context created by `ne_ssl_context_create`.
pub(crate) struct ClientSide {
    tls: Arc<ClientContext>,
    /// Set by `ne_ssl_context_set_verify(required)`: OpenSSL's own
    /// verification then replaces neon's callback, so a server certificate
    /// that does not verify fails the handshake. One object for the
    /// context's life, as rustls resumes only with the same verifier.
    strict: Option<Arc<Strict>>,
    /// Set by `ne_ssl_context_keypair`: presented when a server asks.
    keypair: KeyPair,
}

/// Fails the handshake when the context's verifier records any failure.
#[derive(Debug)]
struct Strict(Arc<Verifier>);

impl ServerCertVerifier for Strict {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        self.0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)?;
        let failure = match self.0.take() {
            Verdict::Failures(bits) if bits & verify::UNTRUSTED != 0 => {
                CertificateError::UnknownIssuer
            }
            Verdict::Failures(bits) if bits & (verify::EXPIRED | verify::BADCHAIN) != 0 => {
                CertificateError::Expired
            }
            Verdict::Failures(bits) if bits != 0 => CertificateError::NotValidYet,
            _ => return Ok(ServerCertVerified::assertion()),
        };
        Err(rustls::Error::InvalidCertificate(failure))
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// The object behind an `ne_ssl_context *`.
pub(crate) enum SslContext {
    Client(ClientSide),
    Server(ServerContext),
}

impl SslContext {
    /// A client handshake on a connected socket (`ne_sock_connect_ssl`,
    /// and neon 0.37's `ne_sock_handshake`, which sends `sni` as server
    /// name). The certificate is accepted whether it verifies or not unless
    /// the context is strict; the failures found are kept with the
    /// connection for `ne_ssl_check_certificate`, and its session for the
    /// next connection with this context.
    pub(crate) fn connect(&self, sock: &mut Socket, sni: Option<&[u8]>) -> Result<(), SockError> {
        let SslContext::Client(client) = self else {
            sock.set_error(b"SSL error: not a client context");
            return Err(SockError::Error);
        };
        let ctx = &client.tls;
        // A name that is no DNS name is not sent (OpenSSL would send it).
        let dns = sni
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| ServerName::try_from(h.to_string()).ok())
            .filter(|n| matches!(n, ServerName::DnsName(_)));
        let (mut config, store) = ctx.connection(dns.is_some()).map_err(|why| {
            sock.set_error(format!("SSL error: {why}").as_bytes());
            SockError::Error
        })?;
        if let Some(strict) = &client.strict {
            let mut c = (*config).clone();
            c.dangerous().set_certificate_verifier(strict.clone());
            config = Arc::new(c);
        }
        // rustls needs a name; an address is never sent as SNI, and the
        // verifier ignores it.
        let name =
            dns.unwrap_or_else(|| ServerName::IpAddress(IpAddr::V4(Ipv4Addr::UNSPECIFIED).into()));
        let stream =
            TlsStream::client(config, name, Some(store.clone())).map_err(|(kind, msg)| {
                sock.set_error(&msg);
                kind
            })?;
        let res = sock.start_tls(stream);
        let verdict = ctx.verifier.take();
        if let Err(e) = res {
            sock.drop_tls();
            ctx.handshake_failed();
            return Err(e);
        }
        if let Some(tls) = sock.tls_mut() {
            tls.set_verdict(verdict);
        }
        if let Some(tls) = sock.tls() {
            ctx.finish(&store, tls, None);
        }
        Ok(())
    }

    /// A server handshake on an accepted socket (`ne_sock_accept_ssl`).
    pub(crate) fn accept(&self, sock: &mut Socket) -> Result<(), SockError> {
        match self {
            SslContext::Server(server) => server.accept(sock),
            SslContext::Client(_) => {
                sock.set_error(b"SSL error: not a server context");
                Err(SockError::Error)
            }
        }
    }
}

/// The context behind a handle; `None` for NULL.
///
/// # Safety
/// `p` must be NULL or a live handle from `ne_ssl_context_create`.
pub(crate) unsafe fn context<'a>(p: *const ne_ssl_context) -> Option<&'a SslContext> {
    // SAFETY: per the contract above.
    unsafe { ffi::handle(p) }
}

/// # Safety
/// As for [`context`], and no other reference to the context is in use.
unsafe fn context_mut<'a>(p: *mut ne_ssl_context) -> Option<&'a mut SslContext> {
    // SAFETY: per the contract above.
    unsafe { (p as *mut SslContext).as_mut() }
}

/// A file name argument; `None` for NULL.
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string.
pub(crate) use crate::ffi::path_arg;

/// Creates a TLS context: `NE_SSL_CTX_CLIENT` for `ne_sock_connect_ssl`,
/// `NE_SSL_CTX_SERVER` for `ne_sock_accept_ssl`. Returns NULL for any
/// other mode (SSLv2 servers are not supported). A client context trusts
/// nothing until told to; a server context needs `ne_ssl_context_keypair`.
/// Free it with `ne_ssl_context_destroy`.
#[unsafe(no_mangle)]
pub extern "C" fn ne_ssl_context_create(mode: c_int) -> *mut ne_ssl_context {
    ffi::guard(null_mut(), || {
        let ctx = match mode {
            NE_SSL_CTX_CLIENT => SslContext::Client(ClientSide {
                tls: Arc::new(ClientContext::new()),
                strict: None,
                keypair: KeyPair::default(),
            }),
            NE_SSL_CTX_SERVER => SslContext::Server(ServerContext::new()),
            _ => return None,
        };
        Some(ffi::into_handle(ctx))
    })
}

/// Frees a context. Connections made with it stay usable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_destroy(ctx: *mut ne_ssl_context) {
    ffi::guard((), || {
        // SAFETY: ctx is NULL or a context C owns, freed once.
        drop(unsafe { ffi::from_handle::<SslContext, _>(ctx) }?);
        Some(())
    })
}

/// Trusts `cert`: as an issuer of server certificates for a client
/// context, of client certificates for a server context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_trustcert(
    ctx: *mut ne_ssl_context,
    cert: *const ne_ssl_certificate,
) {
    ffi::guard((), || {
        // SAFETY: handles from the caller, each NULL or live.
        let (ctx, cert) = unsafe { (context_mut(ctx)?, ne_ssl::certificate(cert)?) };
        match ctx {
            SslContext::Client(c) => c
                .tls
                .trust
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .add(cert),
            SslContext::Server(s) => s.add_trust_anchor(CertificateDer::from(cert.der().to_vec())),
        }
        Some(())
    })
}

/// Sets how a server context asks for client certificates: if `required`
/// is non-zero, clients must present one that verifies; `ca_names`, if not
/// NULL, is a PEM file whose certificates' subjects are sent as the CAs the
/// server accepts (replacing earlier ones); `verify_cas`, if not NULL, is a
/// PEM file of CA certificates to verify client certificates against. On a
/// client context, `required` makes connections fail when the server's
/// certificate does not verify, and `verify_cas` adds trusted CAs. Returns
/// 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_set_verify(
    ctx: *mut ne_ssl_context,
    required: c_int,
    ca_names: *const c_char,
    verify_cas: *const c_char,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: handle and C strings from the caller, each NULL or live.
        let (ctx, ca_names, verify_cas) =
            unsafe { (context_mut(ctx)?, path_arg(ca_names), path_arg(verify_cas)) };
        match ctx {
            SslContext::Server(s) => {
                if required != 0 {
                    s.set_client_auth(ClientAuth::Required);
                }
                if let Some(path) = ca_names {
                    s.set_ca_names_file(path);
                }
                if let Some(path) = verify_cas {
                    // As in neon, a file that cannot be read is ignored.
                    let _ = s.load_trust_file(path);
                }
            }
            SslContext::Client(c) => {
                if required != 0 && c.strict.is_none() {
                    c.strict = Some(Arc::new(Strict(c.tls.verifier.clone())));
                }
                let certs = verify_cas
                    .and_then(|p| keypair::read_certificates(p).ok())
                    .unwrap_or_default();
                let mut trust = c.tls.trust.write().unwrap_or_else(|e| e.into_inner());
                for der in certs {
                    trust.add_der(&der);
                }
            }
        }
        Some(0)
    })
}

/// Loads the private key from the PEM file `key`, then the certificate
/// chain (the certificate first, then its issuers) from the PEM file
/// `cert`. Returns 0 on success, non-zero if a file cannot be read or
/// holds no key or certificate. A certificate that does not match the key
/// replaces it and still returns 0, as with OpenSSL: the context then has
/// no usable key. On a client context the pair is presented to servers
/// that ask for a certificate.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_keypair(
    ctx: *mut ne_ssl_context,
    cert: *const c_char,
    key: *const c_char,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: handle and C strings from the caller, each NULL or live.
        let (ctx, cert, key) = unsafe { (context_mut(ctx)?, path_arg(cert)?, path_arg(key)?) };
        let res = match ctx {
            SslContext::Server(s) => s.load_keypair(cert, key),
            SslContext::Client(c) => {
                let res = c.keypair.load_files(cert, key);
                c.tls.client_cert.set(c.keypair.certified());
                res
            }
        };
        Some(if res.is_ok() { 0 } else { -1 })
    })
}

/// Sets a context flag. The only flag, `NE_SSL_CTX_SSLv2`, has no effect:
/// SSLv2 is never used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_set_flag(
    ctx: *mut ne_ssl_context,
    flag: c_int,
    value: c_int,
) {
    let _ = (flag, value);
    ffi::guard((), || {
        // SAFETY: ctx is NULL or a live context.
        unsafe { context(ctx) }?;
        Some(())
    })
}

/// Returns the value of a context flag: 1 for `NE_SSL_CTX_SSLv2` (what neon
/// built with OpenSSL 1.1 or later reports, whatever was set), 0 for any
/// other flag.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_get_flag(ctx: *mut ne_ssl_context, flag: c_int) -> c_int {
    ffi::guard(0, || {
        // SAFETY: ctx is NULL or a live context.
        unsafe { context(ctx) }?;
        Some(c_int::from(flag == NE_SSL_CTX_SSLv2))
    })
}

// ---- neon 0.34 and 0.37 additions ---------------------------------------------

use std::ffi::{c_uint, c_void};

use super::ne_ssl::{dname_ptr, ne_ssl_client_cert, ne_ssl_dname};
use super::ne_ssl_clicert::client_cert;
use crate::tls::dname::DistinguishedName;
use crate::tls::versions::VersionRange;

/// Called during a handshake when the server asks for a client
/// certificate and the context has none, with the names of the CAs the
/// server accepts (`dncount` of them; `dnames` NULL when there are none).
/// It may call `ne_ssl_context_set_clicert`.
pub type ne_ssl_ccprovide_fn = Option<
    unsafe extern "C" fn(userdata: *mut c_void, dnames: *const *const ne_ssl_dname, dncount: c_int),
>;

/// Limits the protocol versions of the context's connections to `min`
/// .. `max` (`enum ne_ssl_protocol` values; `NE_SSL_PROTO_UNSPEC` leaves
/// that end open). Returns 0, or NE_SOCK_ERROR (-1) for a value that is not
/// a protocol. Only TLS 1.2 and 1.3 are ever negotiated: bounds that
/// exclude both make handshakes fail.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_set_versions(
    ctx: *mut ne_ssl_context,
    min: c_uint,
    max: c_uint,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: ctx is NULL or a live context, not otherwise in use.
        let ctx = unsafe { context_mut(ctx) }?;
        let Some(range) = VersionRange::from_neon(min, max) else {
            return Some(-1);
        };
        match ctx {
            SslContext::Client(c) => c.tls.set_versions(range),
            SslContext::Server(s) => s.set_versions(range),
        }
        Some(0)
    })
}

/// Gives a client context a client certificate to present when a server
/// asks for one; the context keeps its own copy. `cc` must be decrypted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_set_clicert(
    ctx: *mut ne_ssl_context,
    cc: *const ne_ssl_client_cert,
) {
    ffi::guard((), || {
        // SAFETY: handles from the caller, each NULL or live. Shared access
        // only: the provider may call this during a handshake.
        let (ctx, cc) = unsafe { (context(ctx)?, client_cert(cc)?) };
        let key = cc.identity()?.key.clone();
        if let SslContext::Client(c) = ctx {
            c.tls.client_cert.set(Some(key));
        }
        Some(())
    })
}

/// The application's ne_ssl_ccprovide_fn with its userdata.
struct CcProvider {
    f: unsafe extern "C" fn(*mut c_void, *const *const ne_ssl_dname, c_int),
    userdata: *mut c_void,
}

// SAFETY: rustls requires its certificate resolver to be Send + Sync; a
// context's handshakes (which call the provider) run on the thread that
// started them, and the pointers only go back to the application there.
unsafe impl Send for CcProvider {}
// SAFETY: as above.
unsafe impl Sync for CcProvider {}

impl CcProvider {
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
        // SAFETY: the application's callback with its userdata; the names
        // live until it returns, and no lock is held meanwhile.
        unsafe { (self.f)(self.userdata, list, count) };
    }
}

/// Registers `provider` on a client context: called during a handshake
/// when the server asks for a client certificate and the context has
/// none. NULL removes it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_set_ccprovide(
    ctx: *mut ne_ssl_context,
    provider: ne_ssl_ccprovide_fn,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: ctx is NULL or a live context.
        let ctx = unsafe { context(ctx) }?;
        let p = provider.map(|f| {
            let p = CcProvider { f, userdata };
            Arc::new(move |names: &[&[u8]]| p.call(names)) as Arc<crate::tls::client::CertProvider>
        });
        if let SslContext::Client(c) = ctx {
            c.tls.client_cert.set_provider(p);
        }
        Some(())
    })
}

/// Trusts the system's default certificate authorities: as issuers of
/// server certificates for a client context, of client certificates for a
/// server context. SSL_CERT_FILE and SSL_CERT_DIR name other ones, as
/// with OpenSSL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_context_trustdefca(ctx: *mut ne_ssl_context) {
    ffi::guard((), || {
        // SAFETY: ctx is NULL or a live context, not otherwise in use.
        match unsafe { context_mut(ctx) }? {
            SslContext::Client(c) => {
                c.tls
                    .trust
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .add_system_roots();
            }
            SslContext::Server(s) => {
                for der in crate::tls::verify::system_roots() {
                    s.add_trust_anchor(der);
                }
            }
        }
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use std::ffi::CString;
    use std::ptr::null;

    use super::*;
    use crate::tls::keypair::tests::{temp_dir, write_pair};
    use std::os::unix::ffi::OsStrExt;

    fn c(p: &std::path::Path) -> CString {
        CString::new(p.as_os_str().as_bytes()).unwrap()
    }

    #[test]
    fn modes_flags_and_null_contexts() {
        // SAFETY: handles from this face, destroyed once.
        unsafe {
            for mode in [NE_SSL_CTX_CLIENT, NE_SSL_CTX_SERVER] {
                let ctx = ne_ssl_context_create(mode);
                assert!(!ctx.is_null());
                assert_eq!(ne_ssl_context_get_flag(ctx, NE_SSL_CTX_SSLv2), 1);
                ne_ssl_context_set_flag(ctx, NE_SSL_CTX_SSLv2, 0);
                assert_eq!(ne_ssl_context_get_flag(ctx, NE_SSL_CTX_SSLv2), 1);
                assert_eq!(ne_ssl_context_get_flag(ctx, 7), 0);
                assert_eq!(ne_ssl_context_set_verify(ctx, 1, null(), null()), 0);
                ne_ssl_context_destroy(ctx);
            }
            for mode in [super::ne_ssl::NE_SSL_CTX_SERVERv2, 3, -1] {
                assert!(ne_ssl_context_create(mode).is_null());
            }
            assert_eq!(ne_ssl_context_get_flag(null_mut(), NE_SSL_CTX_SSLv2), 0);
            assert_eq!(ne_ssl_context_set_verify(null_mut(), 1, null(), null()), -1);
            assert_eq!(ne_ssl_context_keypair(null_mut(), null(), null()), -1);
            ne_ssl_context_trustcert(null_mut(), null());
            ne_ssl_context_destroy(null_mut());
        }
    }

    #[test]
    fn keypairs_on_both_sides() {
        let dir = temp_dir("face-keypair");
        let (cert, key) = write_pair(&dir, "pair");
        let (other, _) = write_pair(&dir, "other");
        // SAFETY: as above; C strings live for the calls.
        unsafe {
            let server = ne_ssl_context_create(NE_SSL_CTX_SERVER);
            assert_eq!(
                ne_ssl_context_keypair(server, c(&cert).as_ptr(), c(&key).as_ptr()),
                0
            );
            let SslContext::Server(s) = context(server).unwrap() else {
                panic!("server")
            };
            assert!(s.config().is_ok());
            // A mismatching certificate is accepted and leaves no usable key.
            assert_eq!(
                ne_ssl_context_keypair(server, c(&other).as_ptr(), c(&key).as_ptr()),
                0
            );
            let SslContext::Server(s) = context(server).unwrap() else {
                panic!("server")
            };
            assert!(s.config().is_err());
            assert_eq!(
                ne_ssl_context_keypair(server, c(&key).as_ptr(), c(&key).as_ptr()),
                -1
            );
            assert_eq!(
                ne_ssl_context_keypair(server, c(&cert).as_ptr(), null()),
                -1
            );
            ne_ssl_context_destroy(server);

            let client = ne_ssl_context_create(NE_SSL_CTX_CLIENT);
            assert_eq!(
                ne_ssl_context_keypair(client, c(&cert).as_ptr(), c(&key).as_ptr()),
                0
            );
            let SslContext::Client(cl) = context(client).unwrap() else {
                panic!("client")
            };
            assert!(cl.keypair.certified().is_some());
            ne_ssl_context_destroy(client);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
