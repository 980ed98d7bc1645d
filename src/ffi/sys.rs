//! Safe wrappers over the few libc calls the core needs that std does not
//! expose with neon's exact semantics: getaddrinfo (for gai error codes and
//! canonical names), getnameinfo, strerror texts, and ignoring SIGPIPE.

use std::ffi::{CStr, CString, c_int};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One address from a resolver result (IPv6 keeps its scope id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub ip: IpAddr,
    pub scope_id: u32,
}

/// Which address families a lookup may return.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Any,
    V6Only,
}

/// `getaddrinfo(host, NULL, {SOCK_STREAM, family, flags})`.
/// `numeric` adds AI_NUMERICHOST, `canon` AI_CANONNAME, `addrconfig` AI_ADDRCONFIG.
/// On failure returns the EAI_* code.
pub fn getaddrinfo(
    host: &[u8],
    family: Family,
    numeric: bool,
    canon: bool,
    addrconfig: bool,
) -> Result<(Vec<Resolved>, Option<Vec<u8>>), c_int> {
    let host = CString::new(host).map_err(|_| libc::EAI_NONAME)?;
    // SAFETY: an all-zero addrinfo is a valid "no hints" value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_socktype = libc::SOCK_STREAM;
    hints.ai_family = match family {
        Family::Any => libc::AF_UNSPEC,
        Family::V6Only => libc::AF_INET6,
    };
    if numeric {
        hints.ai_flags |= libc::AI_NUMERICHOST;
    }
    if canon {
        hints.ai_flags |= libc::AI_CANONNAME;
    }
    if addrconfig {
        hints.ai_flags |= libc::AI_ADDRCONFIG;
    }
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid C string, hints and out-pointer.
    let rc = unsafe { libc::getaddrinfo(host.as_ptr(), std::ptr::null(), &hints, &mut res) };
    if rc != 0 {
        return Err(rc);
    }
    let mut out = Vec::new();
    let mut canonical = None;
    let mut cur = res;
    while !cur.is_null() {
        // SAFETY: cur walks the list getaddrinfo returned, freed below.
        let ai = unsafe { &*cur };
        if canonical.is_none() && !ai.ai_canonname.is_null() {
            // SAFETY: ai_canonname is a C string owned by the list.
            canonical = Some(
                unsafe { CStr::from_ptr(ai.ai_canonname) }
                    .to_bytes()
                    .to_vec(),
            );
        }
        // SAFETY: ai_addr points to ai_addrlen bytes of a sockaddr of ai_family.
        if let Some(r) = unsafe { sockaddr_to_resolved(ai.ai_addr, ai.ai_family) } {
            out.push(r);
        }
        cur = ai.ai_next;
    }
    // SAFETY: res came from a successful getaddrinfo.
    unsafe { libc::freeaddrinfo(res) };
    Ok((out, canonical))
}

/// # Safety
/// `sa` must point to a sockaddr of family `family` (or be NULL).
unsafe fn sockaddr_to_resolved(sa: *const libc::sockaddr, family: c_int) -> Option<Resolved> {
    if sa.is_null() {
        return None;
    }
    match family {
        libc::AF_INET => {
            // SAFETY: per the contract, sa is a sockaddr_in.
            let sin = unsafe { &*(sa as *const libc::sockaddr_in) };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            Some(Resolved {
                ip: IpAddr::V4(ip),
                scope_id: 0,
            })
        }
        libc::AF_INET6 => {
            // SAFETY: per the contract, sa is a sockaddr_in6.
            let sin6 = unsafe { &*(sa as *const libc::sockaddr_in6) };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            Some(Resolved {
                ip: IpAddr::V6(ip),
                scope_id: sin6.sin6_scope_id,
            })
        }
        _ => None,
    }
}

/// The resolver's message for an EAI_* code.
pub fn gai_strerror(code: c_int) -> Vec<u8> {
    // SAFETY: gai_strerror returns a static string for any code.
    unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_bytes()
        .to_vec()
}

/// `getnameinfo` without flags (reverse lookup); the EAI_* code on failure.
pub fn getnameinfo(ip: IpAddr, scope_id: u32) -> Result<Vec<u8>, c_int> {
    let mut host = [0 as libc::c_char; 1025];
    let rc = match ip {
        IpAddr::V4(v4) => {
            // SAFETY: zeroed sockaddr_in is valid; fields set below.
            let mut sin: libc::sockaddr_in = unsafe { std::mem::zeroed() };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_addr.s_addr = u32::from(v4).to_be();
            // SAFETY: valid sockaddr and output buffer.
            unsafe {
                libc::getnameinfo(
                    &sin as *const _ as *const libc::sockaddr,
                    std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t,
                    host.as_mut_ptr(),
                    host.len() as libc::socklen_t,
                    std::ptr::null_mut(),
                    0,
                    0,
                )
            }
        }
        IpAddr::V6(v6) => {
            // SAFETY: zeroed sockaddr_in6 is valid; fields set below.
            let mut sin6: libc::sockaddr_in6 = unsafe { std::mem::zeroed() };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_addr.s6_addr = v6.octets();
            sin6.sin6_scope_id = scope_id;
            // SAFETY: valid sockaddr and output buffer.
            unsafe {
                libc::getnameinfo(
                    &sin6 as *const _ as *const libc::sockaddr,
                    std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t,
                    host.as_mut_ptr(),
                    host.len() as libc::socklen_t,
                    std::ptr::null_mut(),
                    0,
                    0,
                )
            }
        }
    };
    if rc != 0 {
        return Err(rc);
    }
    // SAFETY: getnameinfo NUL-terminated the buffer.
    Ok(unsafe { CStr::from_ptr(host.as_ptr()) }.to_bytes().to_vec())
}

/// The C library's message for an errno value (what neon's ne_strerror gives).
pub fn strerror(errnum: c_int) -> Vec<u8> {
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: buffer and length are valid; the XSI strerror_r (libc crate binds
    // __xpg_strerror_r) writes a NUL-terminated message or returns an error.
    let rc = unsafe { libc::strerror_r(errnum, buf.as_mut_ptr(), buf.len()) };
    if rc != 0 {
        return format!("Unknown error {errnum}").into_bytes();
    }
    // SAFETY: strerror_r NUL-terminated the buffer.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes().to_vec()
}

/// Sets the calling thread's errno (functions neon documents as setting it).
pub fn set_errno(value: c_int) {
    // SAFETY: __errno_location returns the thread's errno slot.
    unsafe { *libc::__errno_location() = value };
}

/// `if_nametoindex`: the index of the network interface `name`, or the
/// errno it fails with (ENODEV for an unknown or over-long name).
pub fn if_nametoindex(name: &[u8]) -> Result<u32, c_int> {
    let Ok(c) = std::ffi::CString::new(name) else {
        return Err(libc::ENODEV);
    };
    set_errno(0);
    // SAFETY: c is a NUL-terminated string.
    let idx = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if idx != 0 {
        return Ok(idx);
    }
    // SAFETY: reading the thread's errno slot.
    Err(unsafe { *libc::__errno_location() })
}

/// `if_indextoname`: the name of interface `index`, if there is one.
pub fn if_indextoname(index: u32) -> Option<Vec<u8>> {
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: buf has the IF_NAMESIZE bytes if_indextoname may write.
    let p = unsafe { libc::if_indextoname(index, buf.as_mut_ptr()) };
    if p.is_null() {
        return None;
    }
    // SAFETY: if_indextoname NUL-terminated the buffer.
    Some(unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes().to_vec())
}

unsafe extern "C" {
    // Not bound by the libc crate.
    #[link_name = "inet_ntop"]
    fn c_inet_ntop(
        af: c_int,
        src: *const libc::c_void,
        dst: *mut libc::c_char,
        size: libc::socklen_t,
    ) -> *const libc::c_char;
}

/// `inet_ntop`: the C library's text form of an address (it differs from
/// Rust's Display for IPv4-compatible IPv6 addresses such as `::1.2.3.4`).
pub fn inet_ntop(ip: IpAddr) -> Vec<u8> {
    let mut buf = [0 as libc::c_char; 64];
    let (af, octets): (c_int, Vec<u8>) = match ip {
        IpAddr::V4(v4) => (libc::AF_INET, v4.octets().to_vec()),
        IpAddr::V6(v6) => (libc::AF_INET6, v6.octets().to_vec()),
    };
    // SAFETY: src holds an address of family af; buf is large enough for any.
    let p = unsafe {
        c_inet_ntop(
            af,
            octets.as_ptr() as *const libc::c_void,
            buf.as_mut_ptr(),
            buf.len() as libc::socklen_t,
        )
    };
    if p.is_null() {
        return b"[IP address]".to_vec();
    }
    // SAFETY: inet_ntop NUL-terminated the buffer.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes().to_vec()
}

/// Waits until `fd` is readable (or has hit EOF/error) for up to `timeout_ms`
/// (negative = forever). Returns Ok(false) on timeout; retries on EINTR.
pub fn poll_readable(fd: std::os::fd::BorrowedFd<'_>, timeout_ms: c_int) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    let mut p = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    loop {
        // SAFETY: one valid pollfd.
        let r = unsafe { libc::poll(&mut p, 1, timeout_ms) };
        if r >= 0 {
            return Ok(r > 0);
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// Whether the peer of the connected socket `fd` has shut down its side or
/// reset the connection (POLLRDHUP, POLLHUP or POLLERR), asked with a poll()
/// that does not wait; retries on EINTR.
pub fn peer_hung_up(fd: std::os::fd::BorrowedFd<'_>) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    let mut p = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: libc::POLLRDHUP,
        revents: 0,
    };
    loop {
        // SAFETY: one valid pollfd.
        let r = unsafe { libc::poll(&mut p, 1, 0) };
        if r >= 0 {
            return Ok(p.revents & (libc::POLLRDHUP | libc::POLLHUP | libc::POLLERR) != 0);
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// neon's `ne_sock_init` ignores SIGPIPE for the whole process.
pub fn ignore_sigpipe() {
    // SAFETY: setting a signal disposition to SIG_IGN is always valid.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strerror_matches_libc_texts() {
        assert_eq!(strerror(libc::ECONNREFUSED), b"Connection refused");
        assert_eq!(strerror(libc::ETIMEDOUT), b"Connection timed out");
    }

    #[test]
    fn resolves_numeric_hosts() {
        let (addrs, _) = getaddrinfo(b"127.0.0.1", Family::Any, true, false, false).unwrap();
        assert_eq!(addrs[0].ip, IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(
            getaddrinfo(b"not an address", Family::Any, true, false, false),
            Err(libc::EAI_NONAME)
        );
        assert!(!gai_strerror(libc::EAI_NONAME).is_empty());
    }
}

/// I/O on a descriptor the application owns (libssl's `SSL_set_fd`): reads
/// with recv()/read(), writes with send(MSG_NOSIGNAL) — falling back to
/// write() for descriptors that are not sockets — so a closed peer never
/// raises SIGPIPE. An invalid descriptor just fails with EBADF.
#[derive(Debug, Clone, Copy)]
pub struct FdIo(pub c_int);

impl std::io::Read for FdIo {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            // SAFETY: buf is valid for writes of buf.len() bytes.
            let r = unsafe { libc::read(self.0, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
            if r >= 0 {
                return Ok(r as usize);
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
}

impl std::io::Write for FdIo {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        loop {
            // SAFETY: buf is valid for reads of buf.len() bytes.
            let mut r = unsafe {
                libc::send(
                    self.0,
                    buf.as_ptr() as *const libc::c_void,
                    buf.len(),
                    libc::MSG_NOSIGNAL,
                )
            };
            if r < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ENOTSOCK) {
                // SAFETY: as above.
                r = unsafe { libc::write(self.0, buf.as_ptr() as *const libc::c_void, buf.len()) };
            }
            if r >= 0 {
                return Ok(r as usize);
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }

    /// One sendmsg (writev on a non-socket) for all of rustls's queued
    /// records: a handshake flight costs one system call, not one per record.
    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        let iov = bufs.as_ptr() as *mut libc::iovec;
        let n = bufs.len().min(libc::UIO_MAXIOV as usize);
        loop {
            // SAFETY: IoSlice is ABI-compatible with iovec; the kernel only
            // reads the n slices, which outlive the call.
            let mut r = unsafe {
                let mut msg: libc::msghdr = std::mem::zeroed();
                msg.msg_iov = iov;
                msg.msg_iovlen = n as _;
                libc::sendmsg(self.0, &msg, libc::MSG_NOSIGNAL)
            };
            if r < 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ENOTSOCK) {
                // SAFETY: as above.
                r = unsafe { libc::writev(self.0, iov, n as c_int) };
            }
            if r >= 0 {
                return Ok(r as usize);
            }
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Sets `errno` to 0. OpenSSL clears it before each handshake step, read
/// and write, so that after `SSL_ERROR_SYSCALL` a program finds the
/// failing call's `errno`, or 0 for an EOF.
pub fn clear_errno() {
    // SAFETY: __errno_location returns the calling thread's errno.
    unsafe { *libc::__errno_location() = 0 }
}

unsafe extern "C" {
    /// Writes a debug line to `ne_debug_stream` (src/shim/variadic.c).
    fn neonrs__debug_write(line: *const std::ffi::c_char, len: usize, flush: std::ffi::c_int);
}

/// Writes one of neon's debug lines to the stream the program set with
/// `ne_debug_init` (the shim owns the stream variable, which is C data).
pub fn debug_write(line: &[u8], flush: bool) {
    // SAFETY: line is valid for len bytes; the shim reads the stream the
    // program set.
    unsafe {
        neonrs__debug_write(
            line.as_ptr().cast(),
            line.len(),
            std::ffi::c_int::from(flush),
        )
    }
}
