//! Network addresses and name resolution (neon's ne_inet_addr / ne_sock_addr).

use std::ffi::{CStr, CString};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::ffi::sys::{self, Family};

/// One network address (neon's `ne_inet_addr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InetAddr {
    pub ip: IpAddr,
    /// IPv6 zone, as returned by the resolver (0 otherwise).
    pub scope_id: u32,
}

impl InetAddr {
    pub fn new(ip: IpAddr) -> InetAddr {
        InetAddr { ip, scope_id: 0 }
    }

    /// From raw network-order bytes: 4 for IPv4, 16 for IPv6.
    pub fn from_raw(v6: bool, raw: &[u8]) -> Option<InetAddr> {
        let ip = if v6 {
            IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(raw.get(..16)?).ok()?))
        } else {
            IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(raw.get(..4)?).ok()?))
        };
        Some(InetAddr::new(ip))
    }

    /// Parses a numeric address of the given family (neon's `ne_iaddr_parse`).
    pub fn parse(text: &[u8], v6: bool) -> Option<InetAddr> {
        let text = std::str::from_utf8(text).ok()?;
        let ip = if v6 {
            IpAddr::V6(text.parse::<Ipv6Addr>().ok()?)
        } else {
            // Like inet_pton, Rust's parser takes exactly four decimal parts
            // without leading zeros.
            IpAddr::V4(text.parse::<Ipv4Addr>().ok()?)
        };
        Some(InetAddr::new(ip))
    }

    pub fn is_v6(&self) -> bool {
        self.ip.is_ipv6()
    }

    /// Network-order bytes (4 or 16).
    pub fn raw(&self) -> Vec<u8> {
        match self.ip {
            IpAddr::V4(v4) => v4.octets().to_vec(),
            IpAddr::V6(v6) => v6.octets().to_vec(),
        }
    }

    /// Text form as the C library prints it (inet_ntop).
    pub fn print(&self) -> Vec<u8> {
        sys::inet_ntop(self.ip)
    }

    /// neon's `ne_iaddr_cmp`: different families compare by family number
    /// (AF_INET6 - AF_INET), same families by address bytes.
    pub fn compare(&self, other: &InetAddr) -> i32 {
        let family = |a: &InetAddr| {
            if a.is_v6() {
                libc::AF_INET6
            } else {
                libc::AF_INET
            }
        };
        if self.is_v6() != other.is_v6() {
            return family(other) - family(self);
        }
        match self.raw().cmp(&other.raw()) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        }
    }

    /// Reverse lookup; the EAI_* code on failure.
    pub fn reverse(&self) -> Result<Vec<u8>, i32> {
        sys::getnameinfo(self.ip, self.scope_id)
    }

    /// Sets the IPv6 scope (zone) to network interface `name` (neon 0.34's
    /// `ne_iaddr_set_scope`); the errno value on failure: EINVAL for an IPv4
    /// address, ENODEV (or another if_nametoindex error) for no such
    /// interface.
    pub fn set_scope(&mut self, name: &[u8]) -> Result<(), i32> {
        if !self.is_v6() {
            return Err(libc::EINVAL);
        }
        self.scope_id = sys::if_nametoindex(name)?;
        Ok(())
    }

    /// The name of the interface of the IPv6 scope, if one is set and the
    /// interface exists (neon 0.34's `ne_iaddr_get_scope`).
    pub fn scope_name(&self) -> Option<Vec<u8>> {
        if !self.is_v6() || self.scope_id == 0 {
            return None;
        }
        sys::if_indextoname(self.scope_id)
    }
}

/// The result of resolving a host name (neon's `ne_sock_addr`).
#[derive(Debug, Clone)]
pub struct AddrList {
    addrs: Vec<InetAddr>,
    /// NUL-terminated so that C can borrow it.
    canonical: Option<CString>,
    /// The resolver's EAI_* code; 0 on success.
    errnum: i32,
    /// Index of the address `next` returns; `NOT_STARTED` until `first`.
    cursor: usize,
}

/// Before `first`, `next` finds nothing (as in neon).
const NOT_STARTED: usize = usize::MAX;

impl AddrList {
    /// Resolves `host` as neon does: `[v6-literal]` numerically as IPv6,
    /// anything else with AI_ADDRCONFIG over both families.
    pub fn resolve(host: &[u8], canonical: bool) -> AddrList {
        let result = match bracketed(host) {
            Some(inner) => sys::getaddrinfo(inner, Family::V6Only, true, canonical, false),
            None => sys::getaddrinfo(host, Family::Any, false, canonical, true),
        };
        match result {
            Ok((found, canon)) => AddrList {
                addrs: found
                    .into_iter()
                    .map(|r| InetAddr {
                        ip: r.ip,
                        scope_id: r.scope_id,
                    })
                    .collect(),
                // A resolver's name never holds a NUL.
                canonical: canon.and_then(|c| CString::new(c).ok()),
                errnum: 0,
                cursor: NOT_STARTED,
            },
            Err(code) => AddrList {
                addrs: Vec::new(),
                canonical: None,
                errnum: code,
                cursor: NOT_STARTED,
            },
        }
    }

    /// A list of known addresses (no lookup).
    pub fn from_addrs(addrs: Vec<InetAddr>) -> AddrList {
        AddrList {
            addrs,
            canonical: None,
            errnum: 0,
            cursor: NOT_STARTED,
        }
    }

    /// 0 on success, else the resolver's error code.
    pub fn result(&self) -> i32 {
        self.errnum
    }

    /// The message neon reports for a failed lookup.
    pub fn error_message(&self) -> Vec<u8> {
        if self.errnum == libc::EAI_NONAME {
            b"Host not found".to_vec()
        } else {
            sys::gai_strerror(self.errnum)
        }
    }

    pub fn canonical(&self) -> Option<&[u8]> {
        self.canonical.as_deref().map(CStr::to_bytes)
    }

    /// The canonical name as a C string (it lives as long as the list).
    pub fn canonical_cstr(&self) -> Option<&CStr> {
        self.canonical.as_deref()
    }

    pub fn addrs(&self) -> &[InetAddr] {
        &self.addrs
    }

    /// Restarts iteration; returns the first address (mutable: neon lets
    /// its caller set an IPv6 scope on it).
    pub fn first(&mut self) -> Option<&mut InetAddr> {
        self.cursor = 1;
        self.addrs.first_mut()
    }

    /// The next address after the last one returned; `None` before `first`.
    // neon's cursor API (ne_addr_next), not an Iterator: it restarts at `first`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<&mut InetAddr> {
        let a = self.addrs.get_mut(self.cursor)?;
        self.cursor += 1;
        Some(a)
    }
}

/// The host inside `[...]`, if `host` starts with a bracketed literal.
fn bracketed(host: &[u8]) -> Option<&[u8]> {
    let rest = host.strip_prefix(b"[")?;
    let end = rest.iter().position(|&b| b == b']')?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        let a = InetAddr::parse(b"127.0.0.1", false).unwrap();
        assert_eq!(a.print(), b"127.0.0.1");
        assert!(InetAddr::parse(b"127.1", false).is_none());
        assert!(InetAddr::parse(b"::1", false).is_none());
        let b = InetAddr::parse(b"::1.2.3.4", true).unwrap();
        assert_eq!(b.print(), b"::1.2.3.4");
        assert_eq!(a.compare(&b), libc::AF_INET6 - libc::AF_INET);
        assert_eq!(b.compare(&a), libc::AF_INET - libc::AF_INET6);
        assert_eq!(a.compare(&a), 0);
    }

    #[test]
    fn iteration_starts_with_first() {
        let a = InetAddr::parse(b"10.0.0.1", false).unwrap();
        let b = InetAddr::parse(b"10.0.0.2", false).unwrap();
        let mut l = AddrList::from_addrs(vec![a, b]);
        assert_eq!(l.next().copied(), None);
        assert_eq!(l.first().copied(), Some(a));
        assert_eq!(l.next().copied(), Some(b));
        assert_eq!(l.next().copied(), None);
        assert_eq!(l.first().copied(), Some(a));
    }

    #[test]
    fn canonical_name_as_c_string() {
        let l = AddrList::resolve(b"127.0.0.1", true);
        assert_eq!(l.canonical(), Some(&b"127.0.0.1"[..]));
        assert_eq!(l.canonical_cstr().unwrap().to_bytes(), b"127.0.0.1");
        assert!(
            AddrList::resolve(b"127.0.0.1", false)
                .canonical_cstr()
                .is_none()
        );
    }

    #[test]
    fn resolve_literals_and_failures() {
        let mut l = AddrList::resolve(b"127.0.0.1", false);
        assert_eq!(l.result(), 0);
        assert_eq!(l.first().unwrap().print(), b"127.0.0.1");
        assert!(l.next().is_none());
        let mut v6 = AddrList::resolve(b"[::1]", false);
        assert_eq!(v6.first().unwrap().print(), b"::1");
        let bad = AddrList::resolve(b"no-such-host.invalid", false);
        assert_ne!(bad.result(), 0);
        assert!(!bad.error_message().is_empty());
    }
}
