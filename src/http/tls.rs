//! TLS for https sessions (neon's ne__negotiate_ssl and proxy_tunnel): the
//! handshake on the new connection, neon's verification decision with the
//! application's callback, and the session cache that makes the next
//! connection resume (TLS 1.2 and 1.3).

use std::sync::Arc;

use rustls::pki_types::{CertificateDer, ServerName};

use super::codes::{ERROR, OK, sessflag};
use super::request::Request;
use super::session::Session;
use crate::debug;
use crate::tls::cert::{self, Certificate, Identity};
use crate::tls::client::{ClientContext, Verdict};
use crate::tls::verify::IDMISMATCH;
use crate::tls::{TlsStream, names};

/// Decides on a certificate that did not verify; returns 0 to accept it
/// (neon's ne_ssl_verify_fn contract).
pub type VerifyFn = dyn Fn(u32, &[CertificateDer<'static>]) -> i32;

/// The name to verify and to send as SNI: a DNS name, or an IP address.
fn server_name(host: &[u8]) -> Option<ServerName<'static>> {
    let host = std::str::from_utf8(host).ok()?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    ServerName::try_from(host.to_string()).ok()
}

/// The SSL debug channel's account of a new server chain, as neon's
/// make_chain gives it: the depth, then each certificate's identity lines
/// and a short description (neon prints OpenSSL's full text dump).
fn trace_chain(chain: &[CertificateDer<'static>]) {
    if !debug::enabled(debug::SSL) {
        return;
    }
    crate::debug!(debug::SSL, "Chain depth: {}\n", chain.len());
    for (n, der) in chain.iter().enumerate() {
        let Some(cert) = Certificate::from_der(der) else {
            continue;
        };
        crate::tls::identity::trace_identity(&cert);
        crate::debug!(debug::SSL, |o| {
            debug::put_fmt(
                o,
                format_args!("Cert #{n}:\nCertificate:\n        Subject: "),
            );
            debug::put(o, &[&cert.subject().readable(), b"\n        Issuer: "]);
            debug::put(o, &[&cert.issuer().readable(), b"\n"]);
        });
    }
}

impl Session {
    /// "Server certificate verification failed: <reasons>".
    fn set_verify_error(&self, failures: u32) {
        self.set_error(&[crate::tls::verify::failure_message(failures).as_bytes()]);
    }

    /// Negotiates TLS on the open connection (neon's ne__negotiate_ssl).
    pub(crate) fn negotiate_tls(&self) -> i32 {
        crate::debug!(debug::SSL, "Doing SSL negotiation.\n");
        let Some(ctx) = self.tls_context() else {
            return ERROR;
        };
        let (host, port, sni) = {
            let st = self.state.borrow();
            let host = st
                .server
                .hostname
                .as_ref()
                .map(|h| h.bytes().to_vec())
                .unwrap_or_default();
            (host, st.server.port, st.flag(sessflag::TLS_SNI))
        };
        let Some(name) = server_name(&host) else {
            self.set_error(&[b"SSL handshake failed: invalid server name"]);
            return ERROR;
        };
        ctx.client_cert.take_requested();
        let (config, store) = match ctx.connection(sni) {
            Ok(c) => c,
            Err(why) => {
                self.set_error_fmt(format_args!("SSL handshake failed: SSL error: {why}"));
                return ERROR;
            }
        };
        // The socket leaves the session state during the handshake: the
        // client-certificate provider may re-enter the session.
        let Some(mut sock) = self.state.borrow_mut().socket.take() else {
            return ERROR;
        };
        let started = TlsStream::client(config, name, Some(store.clone()))
            .map_err(|(_, msg)| msg)
            .and_then(|stream| sock.start_tls(stream).map_err(|_| sock.error().to_vec()));
        self.state.borrow_mut().socket = Some(sock);
        if let Err(detail) = started {
            ctx.handshake_failed();
            let what: &[u8] = if ctx.client_cert.take_requested() {
                b"SSL handshake failed, client certificate was requested: "
            } else {
                b"SSL handshake failed: "
            };
            self.set_error(&[what, &detail]);
            return ERROR;
        }
        let chain = {
            let st = self.state.borrow();
            st.socket
                .as_ref()
                .and_then(|s| s.tls())
                .map(|t| t.peer_chain().to_vec())
                .unwrap_or_default()
        };
        let verdict = ctx.verifier.take();
        let Some(leaf) = chain.first() else {
            self.set_error(&[b"SSL server did not present certificate"]);
            return ERROR;
        };
        let known = self
            .server_cert
            .borrow()
            .as_ref()
            .is_some_and(|c| c.as_ref() == leaf.as_ref());
        if !known {
            trace_chain(&chain);
            let ret = self.check_certificate(verdict, &chain, &host, port);
            if ret != OK {
                crate::debug!(debug::SSL, |o| debug::put(
                    o,
                    &[b"SSL certificate checks failed: ", &self.error(), b"\n"]
                ));
                return ret;
            }
            *self.server_cert.borrow_mut() = Some(leaf.clone());
        }
        let st = self.state.borrow();
        if let Some(tls) = st.socket.as_ref().and_then(|s| s.tls()) {
            ctx.finish(&store, tls, sni.then_some(host));
        }
        OK
    }

    /// neon's check_certificate: the failure bits, the identity, then the
    /// application's verdict.
    fn check_certificate(
        &self,
        verdict: Verdict,
        chain: &[CertificateDer<'static>],
        host: &[u8],
        port: u32,
    ) -> i32 {
        let mut failures = match verdict {
            Verdict::Failures(bits) => bits,
            Verdict::Unhandled(why) => {
                self.set_error_fmt(format_args!("Certificate verification error: {why}"));
                return ERROR;
            }
            Verdict::None => 0,
        };
        let Some(leaf) = Certificate::from_der(&chain[0]) else {
            self.set_error(&[
                b"Server certificate was missing commonName attribute in subject name",
            ]);
            return ERROR;
        };
        match cert::check_identity(&leaf, host, self.scheme().bytes(), port) {
            Identity::Match => {}
            Identity::Mismatch => failures |= IDMISMATCH,
            Identity::NoCommonName => {
                self.set_error(&[
                    b"Server certificate was missing commonName attribute in subject name",
                ]);
                return ERROR;
            }
        }
        if failures == 0 {
            return OK;
        }
        self.set_verify_error(failures);
        let callback = self.verify_fn.borrow().clone();
        match callback {
            Some(f) if f(failures, chain) == 0 => OK,
            _ => ERROR,
        }
    }

    /// The TLS context of an https session.
    pub fn tls_context(&self) -> Option<Arc<ClientContext>> {
        self.tls.clone()
    }

    /// The cipher of the open TLS connection, in OpenSSL's naming.
    pub fn tls_cipher(&self) -> Option<&'static str> {
        let st = self.state.borrow();
        st.socket.as_ref()?.tls()?.cipher_name()
    }

    /// The protocol of the open TLS connection ("TLSv1.3").
    pub fn tls_version(&self) -> Option<&'static str> {
        let st = self.state.borrow();
        Some(names::version_name(st.socket.as_ref()?.tls()?.version()))
    }

    /// Sets up the CONNECT tunnel through an HTTP proxy (neon's proxy_tunnel).
    pub(crate) fn proxy_tunnel(&self) -> i32 {
        let Some(me) = self.me.upgrade() else {
            return ERROR;
        };
        let target = {
            let st = self.state.borrow();
            let host = st
                .server
                .hostname
                .as_ref()
                .map(|h| h.bytes().to_vec())
                .unwrap_or_default();
            let mut t = host;
            t.extend_from_slice(format!(":{}", st.server.port).as_bytes());
            t
        };
        let req = Request::new(me, b"CONNECT", &target);
        req.run_create_hooks();
        self.state.borrow_mut().in_connect = true;
        let mut ret = req.dispatch();
        let connected = {
            let mut st = self.state.borrow_mut();
            st.in_connect = false;
            // Never treat the tunnel as a persistent connection.
            st.persisted = false;
            st.connected
        };
        if ret != OK || !connected || req.status.klass.get() != 2 {
            let err = String::from_utf8_lossy(&self.error()).into_owned();
            self.set_error_fmt(format_args!(
                "Could not create SSL connection through proxy server: {err}"
            ));
            if ret == OK {
                ret = ERROR;
            }
        }
        req.destroy();
        ret
    }
}
