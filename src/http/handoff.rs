//! Handing connections between the session and the application, and the
//! session's timeouts (what Poco's HTTPSession offers beyond neon):
//! whether the connection is open, detaching it after a protocol switch
//! (with whatever the engine has buffered), attaching a socket the
//! application connected, and separate connect, send and receive timeouts.

use super::codes::OK;
use super::session::{Event, Hop, Session};
use crate::net::Socket;

/// Why a connection could not be handed over. The session's error string
/// says it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnError {
    /// The session holds no connection.
    NoConnection,
    /// The socket given has no connection.
    NotConnected,
    /// The socket given already carries TLS.
    HasTls,
    /// Setting up the attached connection failed with this NE_* code (the
    /// TLS handshake of an https session).
    Failed(i32),
}

/// The session's timeouts in milliseconds. 0 is the default: for connect,
/// the system's; for send, none; for receive, the socket's 120 s. A
/// negative receive timeout (neon's setter given one) waits forever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Timeouts {
    pub connect: i32,
    pub send: i32,
    pub receive: i32,
}

impl Session {
    /// Whether the session holds a connection whose peer has not closed it
    /// (see `Socket::peer_closed`). Asks without waiting and changes
    /// nothing: a connection found closed stays with the session until the
    /// next request replaces it or it is closed.
    pub fn connected(&self) -> bool {
        let st = self.state.borrow();
        st.connected && st.socket.as_ref().is_some_and(|s| !s.peer_closed())
    }

    /// Takes the connection from the session, TLS and buffered bytes
    /// included: the socket's next reads return what the engine read past
    /// the last response head. The session then has no connection, as
    /// after `close_connection` (notifier and close-connection hooks
    /// included), but the socket stays open; the next request connects
    /// anew.
    pub fn detach_connection(&self) -> Result<Socket, ConnError> {
        let taken = {
            let mut st = self.state.borrow_mut();
            let sock = if st.connected { st.socket.take() } else { None };
            sock.map(|s| {
                st.connected = false;
                st.persisted = false;
                st.switched = false;
                (s, st.nexthop.and_then(|h| st.host(h).hostname.clone()))
            })
        };
        let Some((sock, hostname)) = taken else {
            self.set_error(&[b"No connection to detach"]);
            return Err(ConnError::NoConnection);
        };
        self.notify(&Event::Disconnected {
            hostname: hostname.as_ref(),
        });
        self.hooks.close_conn.run(|h| h());
        Ok(sock)
    }

    /// Makes `sock`, connected by the application, the session's connection
    /// to the origin server, replacing (closing) any open one. The session
    /// owns the socket in every case: on failure it is closed. On an https
    /// session TLS is negotiated over it as over the session's own
    /// connections. The session's send timeout, and its receive timeout if
    /// set, apply to it. Once it closes, the next request connects to the
    /// session's server as usual.
    pub fn attach_connection(&self, mut sock: Socket) -> Result<(), ConnError> {
        let refused = if !sock.is_connected() {
            Some((ConnError::NotConnected, &b"Socket is not connected"[..]))
        } else if sock.tls().is_some() {
            Some((ConnError::HasTls, &b"Socket already carries TLS"[..]))
        } else {
            None
        };
        if let Some((e, why)) = refused {
            sock.close();
            self.set_error(&[why]);
            return Err(e);
        }
        self.close_connection();
        let hostname = {
            let mut st = self.state.borrow_mut();
            if st.send_timeout != 0 {
                sock.set_send_timeout_ms(st.send_timeout);
            }
            if st.read_timeout != 0 {
                sock.set_read_timeout_ms(st.read_timeout);
            }
            st.socket = Some(sock);
            st.nexthop = Some(Hop::Server);
            st.connected = true;
            st.persisted = false;
            st.switched = false;
            st.server.hostname.clone()
        };
        self.notify(&Event::Connected {
            hostname: hostname.as_ref(),
        });
        if self.use_ssl() {
            let ret = self.negotiate_tls();
            if ret != OK {
                self.close_connection();
                return Err(ConnError::Failed(ret));
            }
        }
        Ok(())
    }

    /// Sets the timeouts given (`None` leaves one as it is), for new
    /// connections and for the open one. neon's two setters write the
    /// same values, in seconds.
    pub fn set_timeouts(&self, connect: Option<i32>, send: Option<i32>, receive: Option<i32>) {
        let mut st = self.state.borrow_mut();
        let st = &mut *st;
        if let Some(ms) = connect {
            st.connect_timeout = ms;
        }
        if let Some(ms) = send {
            st.send_timeout = ms;
        }
        if let Some(ms) = receive {
            st.read_timeout = ms;
        }
        if let Some(sock) = st.socket.as_mut() {
            if send.is_some() {
                sock.set_send_timeout_ms(st.send_timeout);
            }
            if receive.is_some() {
                // 0 is the default a new connection would get.
                sock.set_read_timeout_ms(match st.read_timeout {
                    0 => crate::net::socket::DEFAULT_READ_TIMEOUT * 1000,
                    ms => ms,
                });
            }
        }
    }

    /// The timeouts as set.
    pub fn timeouts(&self) -> Timeouts {
        let st = self.state.borrow();
        Timeouts {
            connect: st.connect_timeout,
            send: st.send_timeout,
            receive: st.read_timeout,
        }
    }
}
