//! A buffered stream socket with neon's semantics (`ne_socket`).
//!
//! Reads go through a 4096-byte buffer as in neon (its size bounds
//! `readline`), except that a read of at least a whole buffer with nothing
//! buffered goes straight into the caller's memory. Read and send timeouts
//! use SO_RCVTIMEO/SO_SNDTIMEO, set only when they change, rather than a
//! poll() before every recv() or send(), so a keep-alive exchange costs one
//! send and one recv. Timeouts are kept in milliseconds; neon's setters
//! give seconds.

use std::ffi::CStr;
use std::io::{self, IoSlice, Read};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::time::Duration;

use socket2::{Domain, Protocol, SockAddr, Type};

use super::addr::InetAddr;
use super::error::{self, Failure, SockError, write_failure};
use crate::tls::TlsStream;

/// neon's read buffer size; lines longer than this cannot be read.
pub const READ_BUFFER: usize = 4096;
/// neon's socket error buffer holds 191 bytes plus a NUL.
const ERROR_MAX: usize = 191;
/// Buffers passed to one sendmsg() by `fullwritev`.
const IOV_BATCH: usize = 64;
/// Default read timeout of a new socket, in seconds.
pub const DEFAULT_READ_TIMEOUT: i32 = 120;

/// Shutdown directions (neon's NE_SOCK_RECV / SEND / BOTH).
pub const SHUT_RECV: u32 = 1;
pub const SHUT_SEND: u32 = 2;
pub const SHUT_BOTH: u32 = 3;

pub struct Socket {
    fd: Option<socket2::Socket>,
    buf: Box<[u8; READ_BUFFER]>,
    pos: usize,
    avail: usize,
    /// Read timeout in milliseconds; 0 or less waits forever.
    read_timeout: i32,
    /// The SO_RCVTIMEO currently set on the descriptor, if known.
    applied_timeout: Option<i32>,
    /// Send timeout in milliseconds; 0 or less waits forever.
    send_timeout: i32,
    /// The SO_SNDTIMEO currently set on the descriptor, if known.
    applied_send: Option<i32>,
    /// Connect timeout in milliseconds; 0 or less leaves it to the system.
    connect_timeout: i32,
    /// Local address and port to bind before connecting (ne_sock_prebind).
    prebind: Option<(Option<InetAddr>, u16)>,
    /// The last error message, kept NUL-terminated in place like neon's
    /// buffer so that C can borrow it (see `error_cstr`).
    error: [u8; ERROR_MAX + 1],
    error_len: usize,
    /// The TLS layer, once negotiated (ne_sock_connect_ssl / accept_ssl).
    tls: Option<Box<TlsStream>>,
}

impl Default for Socket {
    fn default() -> Self {
        Socket::new()
    }
}

impl Socket {
    pub fn new() -> Socket {
        Socket {
            fd: None,
            buf: Box::new([0; READ_BUFFER]),
            pos: 0,
            avail: 0,
            read_timeout: DEFAULT_READ_TIMEOUT * 1000,
            applied_timeout: None,
            send_timeout: 0,
            applied_send: None,
            connect_timeout: 0,
            prebind: None,
            error: [0; ERROR_MAX + 1],
            error_len: 0,
            tls: None,
        }
    }

    /// The last error message.
    pub fn error(&self) -> &[u8] {
        &self.error[..self.error_len]
    }

    /// The last error message as a C string. It lives inside the socket, so
    /// its address stays the same for as long as the socket does not move.
    pub fn error_cstr(&self) -> &CStr {
        CStr::from_bytes_until_nul(&self.error).unwrap_or_default()
    }

    /// Sets the error message, up to a NUL and truncated to neon's 191 bytes.
    pub fn set_error(&mut self, msg: &[u8]) {
        let msg = msg.split(|&b| b == 0).next().unwrap_or_default();
        let n = msg.len().min(ERROR_MAX);
        self.error[..n].copy_from_slice(&msg[..n]);
        self.error[n] = 0;
        self.error_len = n;
    }

    fn set_io_error(&mut self, e: &io::Error) {
        let msg = error::message(e);
        self.set_error(&msg);
    }

    /// Read timeout in seconds; 0 waits forever.
    pub fn set_read_timeout(&mut self, secs: i32) {
        self.read_timeout = secs.saturating_mul(1000);
    }

    /// Read timeout in milliseconds; 0 waits forever.
    pub fn set_read_timeout_ms(&mut self, ms: i32) {
        self.read_timeout = ms;
    }

    /// Bounds each send() that makes no progress (the peer stopped reading
    /// and the buffers are full), in milliseconds; 0 waits forever. A send
    /// that times out fails with `Timeout`.
    pub fn set_send_timeout_ms(&mut self, ms: i32) {
        self.send_timeout = ms;
    }

    /// Connect timeout in seconds; 0 uses the system's.
    pub fn set_connect_timeout(&mut self, secs: i32) {
        self.connect_timeout = secs.saturating_mul(1000);
    }

    /// Connect timeout in milliseconds; 0 uses the system's.
    pub fn set_connect_timeout_ms(&mut self, ms: i32) {
        self.connect_timeout = ms;
    }

    /// Binds to `addr` (or the wildcard address) and `port` before connecting.
    pub fn prebind(&mut self, addr: Option<InetAddr>, port: u16) {
        self.prebind = Some((addr, port));
    }

    /// The descriptor, or -1 when not connected.
    pub fn fd(&self) -> RawFd {
        self.fd.as_ref().map_or(-1, |s| s.as_raw_fd())
    }

    pub fn is_connected(&self) -> bool {
        self.fd.is_some()
    }

    /// Bytes already read from the network and not yet consumed.
    pub fn buffered(&self) -> usize {
        self.avail
    }

    /// Bytes the next reads return without touching the network: those
    /// buffered here and, on TLS, plaintext already decrypted.
    pub fn pending(&mut self) -> usize {
        let tls = self.tls.as_mut().map_or(0, |t| t.pending_bytes());
        self.avail + tls
    }

    /// Whether the peer has closed its side (or reset, or the socket has no
    /// connection), asked without waiting and without consuming anything:
    /// poll() for POLLRDHUP, which the peer's FIN sets even when unread
    /// bytes precede it, and on TLS a close_notify already read. A peer
    /// that vanished without FIN or RST is not seen.
    pub fn peer_closed(&self) -> bool {
        let Some(s) = &self.fd else {
            return true;
        };
        if self.tls.as_ref().is_some_and(|t| t.peer_closed()) {
            return true;
        }
        crate::ffi::sys::peer_hung_up(s.as_fd()).unwrap_or(true)
    }

    /// Connects to `addr:port` (neon's `ne_sock_connect`).
    pub fn connect(&mut self, addr: &InetAddr, port: u16) -> Result<(), SockError> {
        let domain = if addr.is_v6() {
            Domain::IPV6
        } else {
            Domain::IPV4
        };
        let sock = match socket2::Socket::new(domain, Type::STREAM, Some(Protocol::TCP)) {
            Ok(s) => s,
            Err(e) => {
                self.set_io_error(&e);
                return Err(SockError::Error);
            }
        };
        if let Some((local, lport)) = self.prebind {
            // neon binds only to a local address of the peer's family.
            if local.is_none_or(|l| l.is_v6() == addr.is_v6()) {
                let _ = sock.set_reuse_address(true);
                let ip = match local {
                    Some(l) => l.ip,
                    None if addr.is_v6() => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
                    None => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
                };
                if let Err(e) = sock.bind(&SockAddr::from(SocketAddr::new(ip, lport))) {
                    self.set_io_error(&e);
                    return Err(SockError::Error);
                }
            }
        }
        let _ = sock.set_tcp_nodelay(true);
        let target = SockAddr::from(socket_addr(addr, port));
        let result = if self.connect_timeout > 0 {
            sock.connect_timeout(&target, millis(self.connect_timeout))
        } else {
            loop {
                match sock.connect(&target) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            }
        };
        match result {
            Ok(()) => {
                self.attach(sock, true);
                Ok(())
            }
            // Only the wait for the connect timeout is NE_SOCK_TIMEOUT; the
            // kernel's own ETIMEDOUT is an ordinary error, as in neon.
            Err(e) if e.kind() == io::ErrorKind::TimedOut && e.raw_os_error().is_none() => {
                self.set_error(b"Connection timed out");
                Err(SockError::Timeout)
            }
            Err(e) => {
                self.set_io_error(&e);
                Err(SockError::Error)
            }
        }
    }

    /// Accepts a connection from `listener` (neon's `ne_sock_accept`).
    pub fn accept(&mut self, listener: BorrowedFd<'_>) -> Result<(), SockError> {
        let l = socket2::SockRef::from(&listener);
        loop {
            match l.accept() {
                Ok((s, _)) => {
                    self.attach(s, true);
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.set_io_error(&e);
                    return Err(SockError::Error);
                }
            }
        }
    }

    /// Adopts an already connected descriptor.
    pub fn adopt(&mut self, fd: OwnedFd) {
        self.attach(socket2::Socket::from(fd), false);
    }

    /// `fresh`: a socket made here, whose SO_SNDTIMEO is the system's
    /// default (none), so that no send timeout costs no system call.
    fn attach(&mut self, s: socket2::Socket, fresh: bool) {
        self.fd = Some(s);
        self.tls = None;
        self.applied_timeout = None;
        self.applied_send = fresh.then_some(0);
        self.pos = 0;
        self.avail = 0;
    }

    /// The peer's address and port.
    pub fn peer(&mut self) -> Result<(InetAddr, u16), SockError> {
        let Some(s) = &self.fd else {
            self.set_io_error(&io::Error::from_raw_os_error(libc::EBADF));
            return Err(SockError::Error);
        };
        match s.peer_addr().map(|a| a.as_socket()) {
            Ok(Some(sa)) => {
                let scope = match sa {
                    SocketAddr::V6(v6) => v6.scope_id(),
                    SocketAddr::V4(_) => 0,
                };
                Ok((
                    InetAddr {
                        ip: sa.ip(),
                        scope_id: scope,
                    },
                    sa.port(),
                ))
            }
            Ok(None) => {
                self.set_error(b"Socket family not supported");
                Err(SockError::Error)
            }
            Err(e) => {
                self.set_io_error(&e);
                Err(SockError::Error)
            }
        }
    }

    /// One read from the network (through TLS if negotiated) into
    /// `self.buf[start..]`; EOF is `Closed`.
    fn recv_at(&mut self, start: usize) -> Result<usize, SockError> {
        let Socket {
            fd,
            tls,
            buf,
            read_timeout,
            applied_timeout,
            ..
        } = self;
        let res = transport_read(fd, tls, *read_timeout, applied_timeout, &mut buf[start..]);
        self.finish(res)
    }

    /// One read straight into the caller's memory.
    fn recv_into(&mut self, dst: &mut [u8]) -> Result<usize, SockError> {
        let Socket {
            fd,
            tls,
            read_timeout,
            applied_timeout,
            ..
        } = self;
        let res = transport_read(fd, tls, *read_timeout, applied_timeout, dst);
        self.finish(res)
    }

    /// Records a failure's message (if it has one) and returns its class.
    fn finish<T>(&mut self, res: Result<T, Failure>) -> Result<T, SockError> {
        res.map_err(|(kind, msg)| {
            if !msg.is_empty() {
                self.set_error(&msg);
            }
            kind
        })
    }

    /// Refills the whole buffer (it must be empty).
    fn fill(&mut self) -> Result<usize, SockError> {
        let n = self.recv_at(0)?;
        self.pos = 0;
        self.avail = n;
        Ok(n)
    }

    /// Reads up to `dst.len()` bytes (neon's `ne_sock_read`); never 0 bytes
    /// unless `dst` is empty: EOF is `Err(Closed)`. Like neon, an empty read
    /// with nothing buffered still waits for data and buffers it.
    pub fn read(&mut self, dst: &mut [u8]) -> Result<usize, SockError> {
        if dst.is_empty() {
            return self.peek(dst);
        }
        if self.avail > 0 {
            return Ok(self.take_buffered(dst));
        }
        if dst.len() >= READ_BUFFER {
            return self.recv_into(dst);
        }
        self.fill()?;
        Ok(self.take_buffered(dst))
    }

    fn take_buffered(&mut self, dst: &mut [u8]) -> usize {
        let n = dst.len().min(self.avail);
        dst[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        self.avail -= n;
        n
    }

    /// Returns buffered bytes without consuming them, reading if none are
    /// buffered (neon's `ne_sock_peek`).
    pub fn peek(&mut self, dst: &mut [u8]) -> Result<usize, SockError> {
        if self.avail == 0 {
            self.fill()?;
        }
        let n = dst.len().min(self.avail);
        dst[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        Ok(n)
    }

    /// The next buffered byte, reading if needed, without consuming it.
    pub fn peek_byte(&mut self) -> Result<u8, SockError> {
        if self.avail == 0 {
            self.fill()?;
        }
        Ok(self.buf[self.pos])
    }

    /// Reads one line including its LF (neon's `ne_sock_readline`); the line
    /// plus a NUL must fit in `max` bytes and the line must end within the
    /// 4096-byte buffer, else "Line too long". The slice borrows the buffer.
    pub fn readline(&mut self, max: usize) -> Result<&[u8], SockError> {
        let mut lf = find_lf(&self.buf[self.pos..self.pos + self.avail]);
        if lf.is_none() && self.avail < READ_BUFFER {
            // Move the partial line to the front and read more after it.
            self.buf.copy_within(self.pos..self.pos + self.avail, 0);
            self.pos = 0;
            while lf.is_none() && self.avail < READ_BUFFER {
                let n = self.recv_at(self.avail)?;
                let old = self.avail;
                self.avail += n;
                lf = find_lf(&self.buf[old..self.avail]).map(|i| i + old);
            }
        }
        let len = match lf {
            Some(i) => i + 1,
            None => max,
        };
        if len + 1 > max {
            self.set_error(b"Line too long");
            return Err(SockError::Error);
        }
        let start = self.pos;
        self.pos += len;
        self.avail -= len;
        Ok(&self.buf[start..start + len])
    }

    /// Reads exactly `dst.len()` bytes (neon's `ne_sock_fullread`).
    pub fn fullread(&mut self, mut dst: &mut [u8]) -> Result<(), SockError> {
        while !dst.is_empty() {
            let n = self.read(dst)?;
            dst = &mut dst[n..];
        }
        Ok(())
    }

    /// Waits up to `secs` seconds (0: forever) until data can be read
    /// (neon's `ne_sock_block`).
    pub fn block(&mut self, secs: i32) -> Result<(), SockError> {
        if self.avail > 0 || self.tls.as_mut().is_some_and(|t| t.pending()) {
            return Ok(());
        }
        let Some(s) = &self.fd else {
            self.set_io_error(&io::Error::from_raw_os_error(libc::EBADF));
            return Err(SockError::Error);
        };
        let ms = if secs > 0 {
            secs.saturating_mul(1000)
        } else {
            -1
        };
        match crate::ffi::sys::poll_readable(s.as_fd(), ms) {
            Ok(true) => Ok(()),
            Ok(false) => Err(SockError::Timeout),
            Err(e) => {
                self.set_io_error(&e);
                Err(SockError::Error)
            }
        }
    }

    /// Writes all of `data` (neon's `ne_sock_fullwrite`).
    pub fn fullwrite(&mut self, data: &[u8]) -> Result<(), SockError> {
        self.fullwritev(&[data])
    }

    /// Writes all the buffers, in order, with as few syscalls as possible
    /// (neon's `ne_sock_fullwritev`). Uses MSG_NOSIGNAL, never raising SIGPIPE.
    pub fn fullwritev(&mut self, bufs: &[&[u8]]) -> Result<(), SockError> {
        if let Some(s) = &self.fd {
            apply_send_timeout(s, self.send_timeout, &mut self.applied_send);
        }
        let res = match (&self.fd, &mut self.tls) {
            (Some(s), Some(t)) => t.write_all(s, bufs),
            (Some(s), None) => write_all_vectored(s, bufs).map_err(|e| write_failure(&e)),
            (None, _) => Err(write_failure(&io::Error::from_raw_os_error(libc::EBADF))),
        };
        self.finish(res)
    }

    /// Shuts down one or both directions (neon's `ne_sock_shutdown`). On a
    /// TLS connection the send side sends close_notify, and the call
    /// reports "Incomplete TLS closure" (NE_SOCK_RETRY) until the peer's
    /// close_notify has been received.
    pub fn shutdown(&mut self, how: u32) -> Result<(), SockError> {
        let dir = match how {
            0 => {
                self.set_error(b"Missing flags for socket shutdown");
                return Err(SockError::Error);
            }
            SHUT_RECV => std::net::Shutdown::Read,
            SHUT_SEND => std::net::Shutdown::Write,
            _ => std::net::Shutdown::Both,
        };
        if let (Some(s), Some(t)) = (&self.fd, &mut self.tls) {
            let incomplete = (SockError::Retry, b"Incomplete TLS closure".to_vec());
            trace_shutdown(t, how != SHUT_RECV);
            let res = if how != SHUT_RECV && !t.sent_close() {
                t.close_notify(s).and_then(|()| {
                    if t.peer_closed() {
                        Ok(())
                    } else {
                        Err(incomplete)
                    }
                })
            } else if how != SHUT_SEND && !t.peer_closed() {
                Err(incomplete)
            } else {
                Ok(())
            };
            self.finish(res)?;
            if how == SHUT_RECV {
                // No TCP shutdown before the TLS one is complete.
                return Ok(());
            }
        }
        let res = match &self.fd {
            Some(s) => s.shutdown(dir).map_err(|e| write_failure(&e)),
            None => Err(write_failure(&io::Error::from_raw_os_error(libc::EBADF))),
        };
        self.finish(res)
    }

    /// Closes the connection as neon does: on TLS, one close_notify (never
    /// waiting for the peer's); otherwise a FIN; then close().
    pub fn close(&mut self) {
        if let Some(s) = self.fd.take() {
            match self.tls.take() {
                Some(mut t) => {
                    trace_shutdown(&t, true);
                    let _ = t.close_notify(&s);
                }
                None => {
                    let _ = s.shutdown(std::net::Shutdown::Write);
                }
            }
        }
        self.tls = None;
        self.pos = 0;
        self.avail = 0;
    }

    /// Runs a TLS handshake on the connected socket; the socket then reads
    /// and writes through TLS. On failure the message says why.
    pub fn start_tls(&mut self, mut stream: TlsStream) -> Result<(), SockError> {
        let Some(s) = &self.fd else {
            self.set_io_error(&io::Error::from_raw_os_error(libc::EBADF));
            return Err(SockError::Error);
        };
        apply_timeout(s, self.read_timeout, &mut self.applied_timeout);
        apply_send_timeout(s, self.send_timeout, &mut self.applied_send);
        let res = stream.handshake(s);
        self.tls = Some(Box::new(stream));
        self.finish(res)
    }

    /// The TLS layer, if one was negotiated.
    pub fn tls(&self) -> Option<&TlsStream> {
        self.tls.as_deref()
    }

    pub fn tls_mut(&mut self) -> Option<&mut TlsStream> {
        self.tls.as_deref_mut()
    }

    /// Drops a TLS layer whose handshake failed (the socket stays open).
    pub fn drop_tls(&mut self) {
        self.tls = None;
    }
}

/// One read from the transport: TLS if negotiated, else recv().
fn transport_read(
    fd: &Option<socket2::Socket>,
    tls: &mut Option<Box<TlsStream>>,
    timeout: i32,
    applied: &mut Option<i32>,
    dst: &mut [u8],
) -> Result<usize, Failure> {
    let Some(s) = fd else {
        return Err(error::read_failure(&io::Error::from_raw_os_error(
            libc::EBADF,
        )));
    };
    apply_timeout(s, timeout, applied);
    match tls {
        Some(t) => t.read(s, dst),
        None => match recv_retry(s, dst) {
            Ok(0) => Err((SockError::Closed, b"Connection closed".to_vec())),
            Ok(n) => Ok(n),
            Err(e) => Err(error::read_failure(&e)),
        },
    }
}

fn millis(ms: i32) -> Duration {
    Duration::from_millis(u64::from(ms.unsigned_abs()))
}

/// Sets SO_RCVTIMEO when the wanted timeout (ms) differs from what is applied.
fn apply_timeout(s: &socket2::Socket, ms: i32, applied: &mut Option<i32>) {
    let ms = ms.max(0);
    if *applied != Some(ms) {
        let _ = s.set_read_timeout((ms > 0).then(|| millis(ms)));
        *applied = Some(ms);
    }
}

/// Sets SO_SNDTIMEO when the wanted timeout (ms) differs from what is applied.
fn apply_send_timeout(s: &socket2::Socket, ms: i32, applied: &mut Option<i32>) {
    let ms = ms.max(0);
    if *applied != Some(ms) {
        let _ = s.set_write_timeout((ms > 0).then(|| millis(ms)));
        *applied = Some(ms);
    }
}

fn recv_retry(s: &socket2::Socket, dst: &mut [u8]) -> io::Result<usize> {
    loop {
        match (&*s).read(dst) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn find_lf(b: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', b)
}

fn socket_addr(addr: &InetAddr, port: u16) -> SocketAddr {
    match addr.ip {
        IpAddr::V4(v4) => SocketAddr::new(IpAddr::V4(v4), port),
        IpAddr::V6(v6) => SocketAddr::V6(std::net::SocketAddrV6::new(v6, port, 0, addr.scope_id)),
    }
}

/// sendmsg(MSG_NOSIGNAL) until every buffer is written.
fn write_all_vectored(s: &socket2::Socket, bufs: &[&[u8]]) -> io::Result<()> {
    let mut idx = 0;
    let mut off = 0;
    while idx < bufs.len() {
        if bufs[idx].len() == off {
            idx += 1;
            off = 0;
            continue;
        }
        let mut slices = [IoSlice::new(&[]); IOV_BATCH];
        let mut n = 0;
        for (i, b) in bufs[idx..].iter().take(slices.len()).enumerate() {
            slices[i] = IoSlice::new(if i == 0 { &b[off..] } else { b });
            n = i + 1;
        }
        let written = match s.send_vectored_with_flags(&slices[..n], libc::MSG_NOSIGNAL) {
            Ok(w) => w,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut left = written;
        while left > 0 && idx < bufs.len() {
            let rest = bufs[idx].len() - off;
            if left >= rest {
                left -= rest;
                idx += 1;
                off = 0;
            } else {
                off += left;
                left = 0;
            }
        }
    }
    Ok(())
}

/// The SSL debug channel's lines as a TLS connection is shut down (neon's
/// ne_sock_shutdown, which its ne_sock_close calls for the send side): the
/// close_notify state, and whether one is sent now.
fn trace_shutdown(t: &TlsStream, send: bool) {
    crate::debug!(
        crate::debug::SSL,
        "ssl: Shutdown state: {}sent | {}received.\n",
        if t.sent_close() { "" } else { "not " },
        if t.peer_closed() { "" } else { "not " }
    );
    if send && !t.sent_close() {
        crate::debug!(crate::debug::SSL, "ssl: Sending closure.\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::TcpListener;

    fn pair() -> (Socket, std::net::TcpStream) {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let mut s = Socket::new();
        s.connect(&InetAddr::parse(b"127.0.0.1", false).unwrap(), port)
            .unwrap();
        let (peer, _) = l.accept().unwrap();
        (s, peer)
    }

    #[test]
    fn readline_peek_read() {
        let (mut s, mut peer) = pair();
        peer.write_all(b"HTTP/1.1 200 OK\r\nX: y\r\n\r\nbody")
            .unwrap();
        assert_eq!(s.readline(8192).unwrap(), b"HTTP/1.1 200 OK\r\n");
        assert_eq!(s.peek_byte().unwrap(), b'X');
        assert_eq!(s.readline(8192).unwrap(), b"X: y\r\n");
        assert_eq!(s.readline(8192).unwrap(), b"\r\n");
        let mut b = [0u8; 10];
        assert_eq!(s.read(&mut b).unwrap(), 4);
        assert_eq!(&b[..4], b"body");
        drop(peer);
        assert_eq!(s.read(&mut b), Err(SockError::Closed));
        assert_eq!(s.error(), b"Connection closed");
    }

    #[test]
    fn line_too_long() {
        let (mut s, mut peer) = pair();
        peer.write_all(&[b'a'; 5000]).unwrap();
        assert_eq!(s.readline(8192), Err(SockError::Error));
        assert_eq!(s.error(), b"Line too long");
        let (mut s, mut peer) = pair();
        peer.write_all(b"abcdef\n").unwrap();
        assert_eq!(s.readline(7), Err(SockError::Error));
    }

    #[test]
    fn timeout_and_refused() {
        let (mut s, _peer) = pair();
        s.set_read_timeout(1);
        let mut b = [0u8; 1];
        assert_eq!(s.read(&mut b), Err(SockError::Timeout));
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        let mut c = Socket::new();
        assert_eq!(
            c.connect(&InetAddr::parse(b"127.0.0.1", false).unwrap(), port),
            Err(SockError::Error)
        );
        assert_eq!(c.error(), b"Connection refused");
    }

    #[test]
    fn error_is_a_bounded_c_string_in_place() {
        let mut s = Socket::new();
        assert_eq!(s.error_cstr().to_bytes(), b"");
        let at = s.error_cstr().as_ptr();
        s.set_error(&[b'e'; 300]);
        assert_eq!(s.error().len(), 191);
        assert_eq!(s.error_cstr().to_bytes(), s.error());
        assert_eq!(s.error_cstr().as_ptr(), at);
        s.set_error(b"cut\0here");
        assert_eq!(s.error(), b"cut");
    }

    #[test]
    fn empty_read_waits_and_buffers() {
        let (mut s, mut peer) = pair();
        peer.write_all(b"abc").unwrap();
        assert_eq!(s.read(&mut []), Ok(0));
        assert_eq!(s.buffered(), 3);
        drop(peer);
        let mut b = [0u8; 8];
        assert_eq!(s.read(&mut b), Ok(3));
        assert_eq!(s.read(&mut []), Err(SockError::Closed));
    }

    #[test]
    fn connect_timeout_is_timeout() {
        // A listener with a full backlog drops further connection attempts.
        let l = socket2::Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
        l.bind(&SockAddr::from(SocketAddr::from(([127, 0, 0, 1], 0))))
            .unwrap();
        l.listen(0).unwrap();
        let target = l.local_addr().unwrap();
        let fillers: Vec<_> = (0..8)
            .map(|_| {
                let f = socket2::Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
                f.set_nonblocking(true).unwrap();
                let _ = f.connect(&target);
                f
            })
            .collect();
        std::thread::sleep(Duration::from_millis(100));
        let port = target.as_socket().unwrap().port();
        let mut s = Socket::new();
        s.set_connect_timeout(1);
        let lo = InetAddr::parse(b"127.0.0.1", false).unwrap();
        assert_eq!(s.connect(&lo, port), Err(SockError::Timeout));
        assert_eq!(s.error(), b"Connection timed out");
        assert!(!s.is_connected());
        drop(fillers);
    }

    #[test]
    fn vectored_write_reaches_peer() {
        let (mut s, mut peer) = pair();
        let big = vec![b'z'; 1 << 20];
        let t = std::thread::spawn(move || {
            let mut got = Vec::new();
            peer.read_to_end(&mut got).unwrap();
            got.len()
        });
        s.fullwritev(&[b"head", &big, b"", b"tail"]).unwrap();
        s.close();
        assert_eq!(t.join().unwrap(), 8 + (1 << 20));
    }
}
