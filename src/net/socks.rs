//! The client side of a SOCKS v4, v4a or v5 handshake (neon's `ne_sock_proxy`),
//! run over a socket already connected to the proxy.
//!
//! Protocols: SOCKS 4 and its 4A extension (destination by name), RFC 1928
//! (v5) and RFC 1929 (v5 username/password). Every failure is
//! `SockError::Error` with the socket's error message set to neon's text;
//! the caller then closes the socket.

use super::addr::InetAddr;
use super::error::SockError;
use super::socket::Socket;

/// The SOCKS protocol version spoken to the proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocksVersion {
    /// Destination by IPv4 address.
    V4,
    /// Destination by host name, resolved by the proxy.
    V4a,
    /// Destination by address (IPv4 or IPv6) or by name, with optional login.
    V5,
}

const V4_VERSION: u8 = 4;
const V4_CMD_CONNECT: u8 = 1;
const V4_GRANTED: u8 = 0x5a;
/// SOCKS 4A's marker address 0.0.0.x (x != 0): "the host name follows".
const V4A_MARKER: [u8; 4] = [0, 0, 0, 0xff];

const V5_VERSION: u8 = 5;
const V5_CMD_CONNECT: u8 = 1;
const V5_AUTH_NONE: u8 = 0;
const V5_AUTH_LOGIN: u8 = 2;
const V5_AUTH_NO_METHOD: u8 = 0xff;
const V5_LOGIN_VERSION: u8 = 1;
const V5_ADDR_IPV4: u8 = 1;
const V5_ADDR_NAME: u8 = 3;
const V5_ADDR_IPV6: u8 = 4;

/// Asks the proxy behind `sock` to connect to the destination at `port`.
///
/// * V4: `addr` is the destination (only its first four bytes are sent, as
///   neon does for an IPv6 address); without one the handshake fails before
///   any I/O with "Missing address for SOCKS v4 proxy".
/// * V4a: `hostname` is the destination; `addr` is ignored.
/// * V5: `addr` if given, else `hostname`.
///
/// `username` is sent by v4 and v4a as the user id, and by v5 (with
/// `password`) when the proxy asks for a login; v5 always offers both "no
/// authentication" and "username/password". Names, user names and passwords
/// are cut to 255 bytes as neon does (their length modulo 256).
pub fn handshake(
    sock: &mut Socket,
    version: SocksVersion,
    addr: Option<&InetAddr>,
    hostname: &[u8],
    port: u16,
    username: Option<&[u8]>,
    password: Option<&[u8]>,
) -> Result<(), SockError> {
    match version {
        SocksVersion::V5 => v5(sock, addr, hostname, port, username, password),
        SocksVersion::V4a => v4(sock, V4A_MARKER, Some(hostname), port, username),
        SocksVersion::V4 => {
            let Some(addr) = addr else {
                return fail(sock, "Missing address for SOCKS v4 proxy");
            };
            let raw = addr.raw();
            v4(sock, [raw[0], raw[1], raw[2], raw[3]], None, port, username)
        }
    }
}

/// Fails with a fixed message.
fn fail(sock: &mut Socket, msg: &str) -> Result<(), SockError> {
    sock.set_error(msg.as_bytes());
    Err(SockError::Error)
}

/// Fails with `context: <the socket's current error>` (the I/O failure's
/// text; unchanged by a read timeout, as in neon).
fn fail_io(sock: &mut Socket, context: &str) -> Result<(), SockError> {
    let msg = [context.as_bytes(), b": ", sock.error()].concat();
    sock.set_error(&msg);
    Err(SockError::Error)
}

/// `bytes` cut to the length neon sends: its length modulo 256.
fn short(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len() & 0xff]
}

/// Appends a length-prefixed string (RFC 1928 names, RFC 1929 credentials).
fn push_counted(msg: &mut Vec<u8>, bytes: &[u8]) {
    let bytes = short(bytes);
    msg.push(bytes.len() as u8);
    msg.extend_from_slice(bytes);
}

fn v4(
    sock: &mut Socket,
    dest: [u8; 4],
    hostname: Option<&[u8]>,
    port: u16,
    username: Option<&[u8]>,
) -> Result<(), SockError> {
    let mut msg = vec![V4_VERSION, V4_CMD_CONNECT];
    msg.extend_from_slice(&port.to_be_bytes());
    msg.extend_from_slice(&dest);
    msg.extend_from_slice(short(username.unwrap_or_default()));
    msg.push(0);
    if let Some(host) = hostname {
        msg.extend_from_slice(short(host));
        msg.push(0);
    }
    if sock.fullwrite(&msg).is_err() {
        return fail_io(sock, "Could not send message to proxy");
    }
    let mut reply = [0u8; 8];
    if sock.fullread(&mut reply).is_err() {
        return fail_io(sock, "Could not read response from proxy");
    }
    if reply[1] != V4_GRANTED {
        // neon 0.32.5 hands its last write status (always 0 here) rather than
        // the reply code to its error table, so every refusal reads the same.
        return fail(sock, "Could not connect: unrecognized failure (0)");
    }
    Ok(())
}

fn v5(
    sock: &mut Socket,
    addr: Option<&InetAddr>,
    hostname: &[u8],
    port: u16,
    username: Option<&[u8]>,
    password: Option<&[u8]>,
) -> Result<(), SockError> {
    let hello = [V5_VERSION, 2, V5_AUTH_NONE, V5_AUTH_LOGIN];
    if sock.fullwrite(&hello).is_err() {
        return fail_io(sock, "Could not send message to proxy");
    }
    let mut reply = [0u8; 4];
    if sock.fullread(&mut reply[..2]).is_err() {
        return fail_io(sock, "Could not read initial response from proxy");
    }
    if reply[0] != V5_VERSION {
        return fail(sock, "Invalid version in proxy response");
    }
    match reply[1] {
        V5_AUTH_NONE => {}
        V5_AUTH_LOGIN => login(
            sock,
            username.unwrap_or_default(),
            password.unwrap_or_default(),
        )?,
        V5_AUTH_NO_METHOD => return fail(sock, "No acceptable authentication method"),
        _ => return fail(sock, "Unexpected authentication method chosen"),
    }

    let mut msg = vec![V5_VERSION, V5_CMD_CONNECT, 0];
    match addr {
        Some(a) => {
            msg.push(if a.is_v6() {
                V5_ADDR_IPV6
            } else {
                V5_ADDR_IPV4
            });
            msg.extend_from_slice(&a.raw());
        }
        None => {
            msg.push(V5_ADDR_NAME);
            push_counted(&mut msg, hostname);
        }
    }
    msg.extend_from_slice(&port.to_be_bytes());
    if sock.fullwrite(&msg).is_err() {
        return fail_io(sock, "Could not send connect request");
    }
    if sock.fullread(&mut reply).is_err() {
        return fail_io(sock, "Could not read connect reply");
    }
    if reply[0] != V5_VERSION {
        return fail(sock, "Invalid version in connect reply");
    }
    if reply[1] != 0 {
        let msg = match v5_reply_text(reply[1]) {
            Some(text) => format!("Could not connect: {text}"),
            None => format!("Could not connect: unrecognized error ({})", reply[1]),
        };
        return fail(sock, &msg);
    }
    // The reply ends with the address the proxy bound, and its port.
    let bound = match reply[3] {
        V5_ADDR_IPV4 => 4,
        V5_ADDR_IPV6 => 16,
        V5_ADDR_NAME => {
            let mut len = [0u8; 1];
            if sock.read(&mut len).is_err() {
                return fail_io(sock, "Could not read FQDN length in connect reply");
            }
            usize::from(len[0])
        }
        _ => return fail(sock, "Unknown address type in connect reply"),
    };
    let mut rest = [0u8; 255 + 2];
    if sock.fullread(&mut rest[..bound + 2]).is_err() {
        return fail_io(sock, "Could not read address in connect reply");
    }
    Ok(())
}

/// RFC 1929 username/password sub-negotiation.
fn login(sock: &mut Socket, username: &[u8], password: &[u8]) -> Result<(), SockError> {
    let mut msg = vec![V5_LOGIN_VERSION];
    push_counted(&mut msg, username);
    push_counted(&mut msg, password);
    if sock.fullwrite(&msg).is_err() {
        return fail_io(sock, "Could not send login message");
    }
    let mut reply = [0u8; 2];
    if sock.fullread(&mut reply).is_err() {
        return fail_io(sock, "Could not read login reply");
    }
    if reply[0] != V5_LOGIN_VERSION {
        return fail(sock, "Invalid version in login reply");
    }
    if reply[1] != 0 {
        return fail(sock, "Authentication failed");
    }
    Ok(())
}

/// neon's texts for RFC 1928 reply codes. It has none for 5 ("connection
/// refused"), which therefore reads as an unrecognized error.
fn v5_reply_text(code: u8) -> Option<&'static str> {
    Some(match code {
        1 => "failure",
        2 => "connection not permitted",
        3 => "network unreachable",
        4 => "host unreachable",
        6 => "TTL expired",
        7 => "command not supported",
        8 => "address type not supported",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::thread::JoinHandle;

    /// One step of a scripted proxy.
    enum Step {
        /// Read exactly this many bytes from the client.
        Read(usize),
        Write(&'static [u8]),
    }
    use Step::{Read as R, Write as W};

    /// A socket connected to a proxy that follows `script`, then closes; the
    /// thread returns everything it read.
    fn proxy(script: Vec<Step>) -> (Socket, JoinHandle<Vec<u8>>) {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let peer = std::thread::spawn(move || {
            let (mut c, _) = l.accept().unwrap();
            let mut got = Vec::new();
            for step in script {
                match step {
                    R(n) => {
                        let mut b = vec![0; n];
                        c.read_exact(&mut b).unwrap();
                        got.extend_from_slice(&b);
                    }
                    W(bytes) => c.write_all(bytes).unwrap(),
                }
            }
            got
        });
        let mut s = Socket::new();
        s.set_read_timeout(5);
        s.connect(&InetAddr::parse(b"127.0.0.1", false).unwrap(), port)
            .unwrap();
        (s, peer)
    }

    fn v4addr() -> InetAddr {
        InetAddr::parse(b"10.1.2.3", false).unwrap()
    }

    #[test]
    fn v4_sends_address_and_user() {
        let (mut s, peer) = proxy(vec![R(13), W(b"\x00\x5a\x00\x00\x00\x00\x00\x00ok")]);
        let r = handshake(
            &mut s,
            SocksVersion::V4,
            Some(&v4addr()),
            b"",
            8080,
            Some(b"fred"),
            None,
        );
        assert_eq!(r, Ok(()));
        let mut b = [0u8; 2];
        s.fullread(&mut b).unwrap();
        assert_eq!(&b, b"ok");
        assert_eq!(
            peer.join().unwrap(),
            b"\x04\x01\x1f\x90\x0a\x01\x02\x03fred\x00"
        );
    }

    #[test]
    fn v4_refusal_reads_as_neon_reports_it() {
        let (mut s, peer) = proxy(vec![R(9), W(b"\x00\x5b\x00\x00\x00\x00\x00\x00")]);
        let r = handshake(
            &mut s,
            SocksVersion::V4,
            Some(&v4addr()),
            b"",
            1,
            None,
            None,
        );
        assert_eq!(r, Err(SockError::Error));
        assert_eq!(s.error(), b"Could not connect: unrecognized failure (0)");
        assert_eq!(
            peer.join().unwrap(),
            b"\x04\x01\x00\x01\x0a\x01\x02\x03\x00"
        );
    }

    #[test]
    fn v4_needs_an_address() {
        let (mut s, peer) = proxy(vec![]);
        let r = handshake(&mut s, SocksVersion::V4, None, b"host", 1, None, None);
        assert_eq!(r, Err(SockError::Error));
        assert_eq!(s.error(), b"Missing address for SOCKS v4 proxy");
        assert!(peer.join().unwrap().is_empty());
    }

    #[test]
    fn v4a_sends_marker_and_name() {
        let (mut s, peer) = proxy(vec![R(21), W(b"\x00\x5a\x00\x00\x00\x00\x00\x00")]);
        let r = handshake(
            &mut s,
            SocksVersion::V4a,
            Some(&v4addr()),
            b"example.com",
            80,
            None,
            None,
        );
        assert_eq!(r, Ok(()));
        assert_eq!(
            peer.join().unwrap(),
            b"\x04\x01\x00\x50\x00\x00\x00\xff\x00example.com\x00"
        );
    }

    #[test]
    fn v4_read_failure_keeps_socket_text() {
        let (mut s, peer) = proxy(vec![R(9), W(b"\x00\x5a")]);
        let r = handshake(
            &mut s,
            SocksVersion::V4,
            Some(&v4addr()),
            b"",
            1,
            None,
            None,
        );
        assert_eq!(r, Err(SockError::Error));
        assert_eq!(
            s.error(),
            b"Could not read response from proxy: Connection closed"
        );
        peer.join().unwrap();
    }

    #[test]
    fn v5_by_name_without_login() {
        let (mut s, peer) = proxy(vec![
            R(4),
            W(b"\x05\x00"),
            R(18),
            // bound address given as a name, then the tunnel's first bytes
            W(b"\x05\x00\x00\x03\x04host\x01\x02hi"),
        ]);
        let r = handshake(
            &mut s,
            SocksVersion::V5,
            None,
            b"www.example",
            443,
            None,
            None,
        );
        assert_eq!(r, Ok(()));
        let mut b = [0u8; 2];
        s.fullread(&mut b).unwrap();
        assert_eq!(&b, b"hi");
        assert_eq!(
            peer.join().unwrap(),
            b"\x05\x02\x00\x02\x05\x01\x00\x03\x0bwww.example\x01\xbb"
        );
    }

    #[test]
    fn v5_by_ipv6_address_with_login() {
        let a = InetAddr::parse(b"2001:db8::1", true).unwrap();
        let (mut s, peer) = proxy(vec![
            R(4),
            W(b"\x05\x02"),
            R(10),
            W(b"\x01\x00"),
            R(22),
            W(b"\x05\x00\x00\x04\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01\x00\x50"),
        ]);
        let r = handshake(
            &mut s,
            SocksVersion::V5,
            Some(&a),
            b"ignored",
            80,
            Some(b"bob"),
            Some(b"pass"),
        );
        assert_eq!(r, Ok(()));
        let mut want = b"\x05\x02\x00\x02\x01\x03bob\x04pass\x05\x01\x00\x04".to_vec();
        want.extend_from_slice(&a.raw());
        want.extend_from_slice(b"\x00\x50");
        assert_eq!(peer.join().unwrap(), want);
    }

    #[test]
    fn v5_login_without_credentials_sends_empty_ones() {
        let (mut s, peer) = proxy(vec![R(4), W(b"\x05\x02"), R(3), W(b"\x01\x01")]);
        let r = handshake(&mut s, SocksVersion::V5, None, b"h", 1, None, None);
        assert_eq!(r, Err(SockError::Error));
        assert_eq!(s.error(), b"Authentication failed");
        assert_eq!(&peer.join().unwrap()[4..], b"\x01\x00\x00");
    }

    #[test]
    fn long_names_are_cut_as_neon_does() {
        let user = [b'u'; 300];
        let host = [b'h'; 256];
        let (mut s, peer) = proxy(vec![
            R(4),
            W(b"\x05\x02"),
            R(1 + 1 + 44 + 1),
            W(b"\x01\x00"),
            R(5 + 2),
        ]);
        let r = handshake(&mut s, SocksVersion::V5, None, &host, 1, Some(&user), None);
        // The proxy closes after the request: no reply.
        assert_eq!(r, Err(SockError::Error));
        assert_eq!(
            s.error(),
            b"Could not read connect reply: Connection closed"
        );
        let got = peer.join().unwrap();
        assert_eq!(&got[4..6], b"\x01\x2c");
        assert_eq!(&got[6 + 44..], b"\x00\x05\x01\x00\x03\x00\x00\x01");
    }

    /// Runs a v5 handshake by name against a proxy that chose no
    /// authentication and then answers the request with `reply`.
    fn v5_failure(reply: &'static [u8]) -> Vec<u8> {
        let (mut s, peer) = proxy(vec![R(4), W(b"\x05\x00"), R(10), W(reply)]);
        let r = handshake(&mut s, SocksVersion::V5, None, b"abc", 1, None, None);
        assert_eq!(r, Err(SockError::Error));
        peer.join().unwrap();
        s.error().to_vec()
    }

    #[test]
    fn v5_reply_failures() {
        assert_eq!(
            v5_failure(b"\x05\x02\x00\x01"),
            b"Could not connect: connection not permitted"
        );
        assert_eq!(
            v5_failure(b"\x05\x05\x00\x01"),
            b"Could not connect: unrecognized error (5)"
        );
        assert_eq!(
            v5_failure(b"\x05\x08\x00\x01"),
            b"Could not connect: address type not supported"
        );
        assert_eq!(
            v5_failure(b"\x05\x63\x00\x01"),
            b"Could not connect: unrecognized error (99)"
        );
        assert_eq!(
            v5_failure(b"\x04\x00\x00\x01"),
            b"Invalid version in connect reply"
        );
        assert_eq!(
            v5_failure(b"\x05\x00\x00\x07"),
            b"Unknown address type in connect reply"
        );
        assert_eq!(
            v5_failure(b"\x05\x00\x00\x01\x7f"),
            b"Could not read address in connect reply: Connection closed"
        );
        assert_eq!(
            v5_failure(b"\x05\x00\x00\x03"),
            b"Could not read FQDN length in connect reply: Connection closed"
        );
    }

    fn v5_greeting(answer: &'static [u8]) -> Vec<u8> {
        let mut script = vec![R(4), W(answer)];
        if answer == b"\x05\x02" {
            // Take the login request before closing: closing with it unread
            // would reset the connection instead (a race with the reply).
            script.push(R(5));
        }
        let (mut s, peer) = proxy(script);
        let r = handshake(
            &mut s,
            SocksVersion::V5,
            None,
            b"abc",
            1,
            Some(b"u"),
            Some(b"p"),
        );
        assert_eq!(r, Err(SockError::Error));
        peer.join().unwrap();
        s.error().to_vec()
    }

    #[test]
    fn v5_greeting_failures() {
        assert_eq!(
            v5_greeting(b"\x04\x00"),
            b"Invalid version in proxy response"
        );
        assert_eq!(
            v5_greeting(b"\x05\xff"),
            b"No acceptable authentication method"
        );
        assert_eq!(
            v5_greeting(b"\x05\x01"),
            b"Unexpected authentication method chosen"
        );
        assert_eq!(
            v5_greeting(b"\x05"),
            b"Could not read initial response from proxy: Connection closed"
        );
        assert_eq!(
            v5_greeting(b"\x05\x02"),
            b"Could not read login reply: Connection closed"
        );
    }

    #[test]
    fn v5_login_reply_version() {
        let (mut s, peer) = proxy(vec![R(4), W(b"\x05\x02"), R(5), W(b"\x05\x00")]);
        let r = handshake(
            &mut s,
            SocksVersion::V5,
            None,
            b"h",
            1,
            Some(b"u"),
            Some(b"p"),
        );
        assert_eq!(r, Err(SockError::Error));
        assert_eq!(s.error(), b"Invalid version in login reply");
        peer.join().unwrap();
    }
}
