//! Opening the connection for a session: name lookup on first use, trying
//! each address, proxies and SOCKS (neon's open_connection / do_connect).

use super::codes::{CONNECT, ERROR, LOOKUP, OK, TIMEOUT};
use super::session::{Event, Hop, HopKind, Session};
use crate::debug;
use crate::net::socks::{self, SocksVersion};
use crate::net::{AddrList, InetAddr, SockError, Socket};

impl Session {
    /// Resolves the host's name, notifying the lookup; NE_LOOKUP on failure.
    fn lookup(&self, hop: Hop) -> i32 {
        let hostname = self.state.borrow().host(hop).hostname.clone();
        crate::debug!(debug::HTTP, |o| debug::put(
            o,
            &[
                b"Doing DNS lookup on ",
                hostname.as_ref().map_or(&b"(null)"[..], |h| h.bytes()),
                b"...\n"
            ]
        ));
        self.notify(&Event::Lookup {
            hostname: hostname.as_ref(),
        });
        let name = hostname.as_ref().map_or(&b""[..], |h| h.bytes());
        let list = AddrList::resolve(name, false);
        if list.result() != 0 {
            self.set_error(&[
                b"Could not resolve hostname `",
                name,
                b"': ",
                &list.error_message(),
            ]);
            return LOOKUP;
        }
        let mut st = self.state.borrow_mut();
        let host = st.host_mut(hop);
        host.addrs = Some(list.addrs().to_vec());
        host.cursor = 0;
        host.current = None;
        OK
    }

    /// The address to try first: the last one that worked, else the first.
    fn first_address(&self, hop: Hop) -> Option<InetAddr> {
        let mut st = self.state.borrow_mut();
        let host = st.host_mut(hop);
        if let Some(fixed) = host.network {
            host.current = Some(0);
            return Some(fixed);
        }
        let addrs = host.addrs.as_ref()?;
        let idx = match host.current {
            Some(i) => i,
            None => {
                host.cursor = 1;
                0
            }
        };
        host.current = Some(idx);
        addrs.get(idx).copied()
    }

    /// The resolver list's next address (neon advances its own cursor, not
    /// from the current address).
    fn next_address(&self, hop: Hop) -> Option<InetAddr> {
        let mut st = self.state.borrow_mut();
        let host = st.host_mut(hop);
        let next = match (&host.addrs, host.network) {
            (Some(addrs), None) => addrs.get(host.cursor).copied().map(|a| (host.cursor, a)),
            _ => None,
        };
        match next {
            Some((i, a)) => {
                host.cursor += 1;
                host.current = Some(i);
                Some(a)
            }
            None => {
                host.current = None;
                None
            }
        }
    }

    /// Connects to one host (server or proxy), trying its addresses in turn.
    fn do_connect(&self, hop: Hop) -> i32 {
        let needs_lookup = {
            let st = self.state.borrow();
            let h = st.host(hop);
            h.addrs.is_none() && h.network.is_none()
        };
        if needs_lookup {
            let ret = self.lookup(hop);
            if ret != OK {
                return ret;
            }
        }
        let mut sock = Socket::new();
        let (hostname, port, kind, read_timeout) = {
            let st = self.state.borrow();
            if st.connect_timeout != 0 {
                sock.set_connect_timeout_ms(st.connect_timeout);
            }
            if st.send_timeout != 0 {
                sock.set_send_timeout_ms(st.send_timeout);
            }
            if let Some(local) = st.local_addr {
                sock.prebind(Some(local), 0);
            }
            let h = st.host(hop);
            (h.hostname.clone(), h.port, h.kind, st.read_timeout)
        };
        let mut addr = self.first_address(hop);
        let mut result = Err(SockError::Error);
        while let Some(a) = addr {
            self.notify(&Event::Connecting {
                hostname: hostname.as_ref(),
                addr: &a,
            });
            crate::debug!(debug::HTTP, |o| {
                debug::put(o, &[b"req: Connecting to ", &a.print()]);
                debug::put_fmt(o, format_args!(":{port}\n"));
            });
            // neon passes the port through htons(): only 16 bits count.
            result = sock.connect(&a, port as u16);
            if result.is_ok() {
                break;
            }
            addr = self.next_address(hop);
        }
        if let Err(e) = result {
            let what: &[u8] = if kind == HopKind::Direct {
                b"Could not connect to server"
            } else {
                b"Could not connect to proxy server"
            };
            self.set_error(&[what, b": ", sock.error()]);
            return if e == SockError::Timeout {
                TIMEOUT
            } else {
                CONNECT
            };
        }
        if read_timeout != 0 {
            sock.set_read_timeout_ms(read_timeout);
        }
        {
            let mut st = self.state.borrow_mut();
            st.socket = Some(sock);
        }
        self.notify(&Event::Connected {
            hostname: hostname.as_ref(),
        });
        let mut st = self.state.borrow_mut();
        st.nexthop = Some(hop);
        st.connected = true;
        st.persisted = false;
        st.switched = false;
        OK
    }

    /// Opens the connection if none is open (neon's open_connection).
    pub(crate) fn open_connection(&self) -> i32 {
        let (connected, nproxies, prev) = {
            let st = self.state.borrow();
            (st.connected, st.proxies.len(), st.prev_proxy)
        };
        if connected {
            return OK;
        }
        let mut ret;
        if nproxies == 0 {
            ret = self.do_connect(Hop::Server);
            if ret != OK {
                self.state.borrow_mut().nexthop = None;
                return ret;
            }
        } else {
            ret = match prev {
                Some(p) => self.do_connect(Hop::Proxy(p)),
                None => ERROR,
            };
            // neon then walks the list; the proxy it remembers for next time
            // is the one *after* the one that worked (or the first, when the
            // remembered one worked). Kept for identical connection order.
            let mut next = 0;
            while next < nproxies && ret != OK {
                if Some(next) != prev {
                    ret = self.do_connect(Hop::Proxy(next));
                }
                next += 1;
            }
            if ret == OK && self.nexthop_kind() == Some(HopKind::SocksProxy) {
                ret = self.socks_handshake();
            }
            let mut st = self.state.borrow_mut();
            if ret != OK {
                st.nexthop = None;
                st.prev_proxy = None;
                return ret;
            }
            st.prev_proxy = if next < nproxies { Some(next) } else { None };
        }
        if self.use_ssl() && !self.state.borrow().in_connect {
            if self.nexthop_kind() == Some(HopKind::HttpProxy) {
                ret = self.proxy_tunnel();
            }
            if ret == OK {
                ret = self.negotiate_tls();
                if ret != OK {
                    self.close_connection();
                }
            }
        }
        ret
    }

    fn nexthop_kind(&self) -> Option<HopKind> {
        let st = self.state.borrow();
        st.nexthop.map(|h| st.host(h).kind)
    }

    /// Asks the SOCKS proxy to connect to the origin server; for SOCKS v4
    /// the origin's IPv4 address is looked up here first.
    fn socks_handshake(&self) -> i32 {
        let version = self.state.borrow().socks_version;
        let mut origin = None;
        if version == SocksVersion::V4 {
            let ret = self.lookup(Hop::Server);
            if ret != OK {
                self.close_connection();
                return ret;
            }
            let v4 = {
                let st = self.state.borrow();
                st.server
                    .addrs
                    .as_ref()
                    .and_then(|a| a.iter().find(|x| !x.is_v6()).copied())
            };
            match v4 {
                Some(a) => origin = Some(a),
                None => {
                    let name = self.state.borrow().server.hostname.clone();
                    let name = name.as_ref().map_or(&b""[..], |n| n.bytes());
                    self.set_error(&[
                        b"Could not find IPv4 address of hostname ",
                        name,
                        b" for SOCKS v4 proxy",
                    ]);
                    self.close_connection();
                    return LOOKUP;
                }
            }
        }
        let result = {
            let mut st = self.state.borrow_mut();
            let st = &mut *st;
            let server_name = st.server.hostname.clone();
            let port = st.server.port as u16;
            let (user, pass) = (st.socks_user.clone(), st.socks_password.clone());
            match st.socket.as_mut() {
                Some(sock) => socks::handshake(
                    sock,
                    version,
                    origin.as_ref(),
                    server_name.as_ref().map_or(&b""[..], |n| n.bytes()),
                    port,
                    user.as_deref(),
                    pass.as_deref(),
                )
                .map_err(|_| sock.error().to_vec()),
                None => Err(Vec::new()),
            }
        };
        if let Err(detail) = result {
            let (proxy, pport) = {
                let st = self.state.borrow();
                let h = st.nexthop.map(|h| st.host(h));
                (h.and_then(|h| h.hostname.clone()), h.map_or(0, |h| h.port))
            };
            let proxy = proxy.as_ref().map_or(&b""[..], |p| p.bytes()).to_vec();
            self.set_error_fmt(format_args!(
                "Could not establish connection from SOCKS proxy ({}:{}): {}",
                String::from_utf8_lossy(&proxy),
                pport,
                String::from_utf8_lossy(&detail)
            ));
            self.close_connection();
            return ERROR;
        }
        OK
    }
}
