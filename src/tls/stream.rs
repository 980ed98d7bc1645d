//! A TLS connection over a connected socket: handshake, reads and writes
//! with neon's error classes, close_notify, and what the connection
//! negotiated (protocol, cipher, peer chain, resumption).

use std::io::{self, IoSlice, Read, Write};
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{
    ClientConfig, ClientConnection, Connection, HandshakeKind, ServerConfig, ServerConnection,
};

use super::client::Verdict;
use super::errors;
use super::names;
use super::store::ConnStore;
use crate::net::SockError;
use crate::net::error::{Failure, read_failure, write_failure};

/// The socket as rustls's transport: recv(), and send() with MSG_NOSIGNAL
/// so a closed peer never raises SIGPIPE.
struct Io<'a>(&'a socket2::Socket);

impl Read for Io<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        (&*self.0).read(buf)
    }
}

impl Write for Io<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.send_with_flags(buf, libc::MSG_NOSIGNAL)
    }

    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        self.0.send_vectored_with_flags(bufs, libc::MSG_NOSIGNAL)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn truncated() -> Failure {
    (SockError::Trunc, b"Secure connection truncated".to_vec())
}

pub struct TlsStream {
    conn: Connection,
    store: Option<Arc<ConnStore>>,
    sent_close: bool,
    peer_closed: bool,
    /// A server connection's session id (such servers never resume).
    server_id: Vec<u8>,
    /// A client connection's verdict on the server's certificate, for
    /// neon 0.37's ne_ssl_check_certificate.
    verdict: Verdict,
}

impl TlsStream {
    /// A client connection; `store` offers and collects sessions.
    pub fn client(
        config: Arc<ClientConfig>,
        name: ServerName<'static>,
        store: Option<Arc<ConnStore>>,
    ) -> Result<TlsStream, Failure> {
        let conn = ClientConnection::new(config, name)
            .map_err(|e| (SockError::Error, errors::message(&e)))?;
        Ok(TlsStream {
            conn: conn.into(),
            store,
            sent_close: false,
            peer_closed: false,
            server_id: Vec::new(),
            verdict: Verdict::None,
        })
    }

    /// A server connection.
    pub fn server(config: Arc<ServerConfig>) -> Result<TlsStream, Failure> {
        let conn =
            ServerConnection::new(config).map_err(|e| (SockError::Error, errors::message(&e)))?;
        Ok(TlsStream {
            conn: conn.into(),
            store: None,
            sent_close: false,
            peer_closed: false,
            server_id: Vec::new(),
            verdict: Verdict::None,
        })
    }

    /// Sends whatever rustls has queued.
    fn flush(&mut self, s: &socket2::Socket) -> Result<(), Failure> {
        let mut io = Io(s);
        while self.conn.wants_write() {
            match self.conn.write_tls(&mut io) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(write_failure(&e)),
            }
        }
        Ok(())
    }

    /// Reads records from the socket and processes them; true at EOF.
    fn pump(&mut self, s: &socket2::Socket) -> Result<bool, Failure> {
        let mut io = Io(s);
        let eof = loop {
            match self.conn.read_tls(&mut io) {
                Ok(n) => break n == 0,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(read_failure(&e)),
            }
        };
        if let Err(e) = self.conn.process_new_packets() {
            // Let the peer know why, if we can.
            let _ = self.flush(s);
            return Err((SockError::Error, errors::message(&e)));
        }
        Ok(eof)
    }

    /// Runs the handshake to completion.
    pub fn handshake(&mut self, s: &socket2::Socket) -> Result<(), Failure> {
        while self.conn.is_handshaking() {
            self.flush(s)?;
            if !self.conn.is_handshaking() {
                break;
            }
            if self.pump(s)? && self.conn.is_handshaking() {
                return Err(truncated());
            }
        }
        // Like OpenSSL without a server session cache: TLS 1.3 sessions get
        // a random id, TLS 1.2 ones none.
        if self.store.is_none()
            && matches!(self.conn, Connection::Server(_))
            && self.version() == super::session::TLS1_3
        {
            self.server_id = super::session::random_id();
        }
        self.flush(s)
    }

    /// The session id: a client connection's session's, or the server's.
    pub fn session_id(&self) -> Vec<u8> {
        match &self.store {
            Some(st) => st
                .bound()
                .map(|sess| sess.lock().id.clone())
                .unwrap_or_default(),
            None => self.server_id.clone(),
        }
    }

    /// Reads application data: at least one byte, or a failure (clean
    /// close_notify is `Closed`, EOF without it `Trunc`).
    pub fn read(&mut self, s: &socket2::Socket, buf: &mut [u8]) -> Result<usize, Failure> {
        loop {
            match self.conn.reader().read(buf) {
                Ok(0) if !buf.is_empty() => {
                    self.peer_closed = true;
                    crate::debug!(crate::debug::SSL, "ssl: Got TLS closure.\n");
                    return Err((SockError::Closed, b"Connection closed".to_vec()));
                }
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(truncated()),
                Err(e) => return Err((SockError::Error, format!("SSL error: {e}").into_bytes())),
            }
            self.flush(s)?;
            self.pump(s)?;
        }
    }

    /// Plaintext already decrypted and waiting to be read.
    pub fn pending(&mut self) -> bool {
        self.pending_bytes() > 0
    }

    /// How many bytes of plaintext are decrypted and waiting to be read.
    pub fn pending_bytes(&mut self) -> usize {
        self.conn
            .process_new_packets()
            .map_or(0, |st| st.plaintext_bytes_to_read())
    }

    /// Writes all of `bufs` as application data and sends it.
    pub fn write_all(&mut self, s: &socket2::Socket, bufs: &[&[u8]]) -> Result<(), Failure> {
        for b in bufs {
            let mut rest = *b;
            while !rest.is_empty() {
                let n = self
                    .conn
                    .writer()
                    .write(rest)
                    .map_err(|e| (SockError::Error, format!("SSL error: {e}").into_bytes()))?;
                rest = &rest[n..];
                if n == 0 || self.conn.wants_write() && !rest.is_empty() {
                    self.flush(s)?;
                }
            }
        }
        self.flush(s)
    }

    /// Sends close_notify once (neon never waits for the peer's).
    pub fn close_notify(&mut self, s: &socket2::Socket) -> Result<(), Failure> {
        if !self.sent_close {
            self.sent_close = true;
            self.conn.send_close_notify();
        }
        self.flush(s)
    }

    pub fn sent_close(&self) -> bool {
        self.sent_close
    }

    pub fn peer_closed(&self) -> bool {
        self.peer_closed
    }

    /// The negotiated protocol version (0x0303, 0x0304), 0 before the handshake.
    pub fn version(&self) -> u16 {
        self.conn.protocol_version().map_or(0, u16::from)
    }

    /// The IANA number of the negotiated cipher suite, 0 if none.
    pub fn cipher(&self) -> u16 {
        self.conn
            .negotiated_cipher_suite()
            .map_or(0, |c| u16::from(c.suite()))
    }

    /// OpenSSL's name for the negotiated cipher suite.
    pub fn cipher_name(&self) -> Option<&'static str> {
        self.conn
            .negotiated_cipher_suite()
            .map(|c| names::openssl_cipher_name(c.suite()))
    }

    /// The peer's chain, leaf first.
    /// Keeps the verdict of the handshake's certificate check.
    pub fn set_verdict(&mut self, v: Verdict) {
        self.verdict = v;
    }

    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }

    pub fn peer_chain(&self) -> &[CertificateDer<'static>] {
        self.conn.peer_certificates().unwrap_or(&[])
    }

    pub fn resumed(&self) -> bool {
        self.conn.handshake_kind() == Some(HandshakeKind::Resumed)
    }

    /// The client session store of this connection.
    pub fn store(&self) -> Option<&Arc<ConnStore>> {
        self.store.as_ref()
    }
}
