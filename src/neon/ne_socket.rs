//! C face of `ne_socket.h`: library initialisation, name resolution and
//! network addresses, buffered sockets, TLS on sockets (client and server)
//! and the SOCKS client handshake.
//!
//! Handles: `ne_socket` is a boxed `net::Socket`, `ne_sock_addr` a boxed
//! `net::AddrList` and `ne_inet_addr` a `net::InetAddr` — boxed when C owns
//! it (`ne_iaddr_make`, `ne_iaddr_parse`, `ne_sock_peer`; freed by
//! `ne_iaddr_free`), or an element of its `AddrList` (`ne_addr_first`/`next`).

use std::ffi::{c_char, c_int, c_uchar, c_uint, c_void};
use std::os::fd::BorrowedFd;
use std::sync::Mutex;

use libc::ssize_t;

use crate::ffi;
use crate::net::socks::{self, SocksVersion};
use crate::net::{AddrList, InetAddr, SockError, Socket};

/// A TCP socket.
pub struct ne_socket_s {
    _private: [u8; 0],
}
pub type ne_socket = ne_socket_s;

/// The result of a host name lookup: a list of network addresses.
pub struct ne_sock_addr_s {
    _private: [u8; 0],
}
pub type ne_sock_addr = ne_sock_addr_s;

/// One network address (IPv4 or IPv6).
pub struct ne_inet_addr_s {
    _private: [u8; 0],
}
pub type ne_inet_addr = ne_inet_addr_s;

/// Generic failure; `ne_sock_error` tells why.
pub const NE_SOCK_ERROR: c_int = -1;
/// A read or connect timed out.
pub const NE_SOCK_TIMEOUT: c_int = -2;
/// The peer closed the connection.
pub const NE_SOCK_CLOSED: c_int = -3;
/// The connection was reset.
pub const NE_SOCK_RESET: c_int = -4;
/// A secure connection was closed without a TLS closure.
pub const NE_SOCK_TRUNC: c_int = -5;
/// Retry the operation later.
pub const NE_SOCK_RETRY: c_int = -6;

/// `ne_addr_resolve` flag: also determine the host's canonical name.
pub const NE_ADDR_CANON: c_int = 0x01;

/// `ne_sock_shutdown` flag: stop reading.
pub const NE_SOCK_RECV: c_uint = 1;
/// `ne_sock_shutdown` flag: stop writing (the peer sees end of file).
pub const NE_SOCK_SEND: c_uint = 2;
/// `ne_sock_shutdown` flag: stop reading and writing.
pub const NE_SOCK_BOTH: c_uint = 3;

/// Network address type (an unsigned int, so that any value from C is
/// defined behaviour).
pub type ne_iaddr_type = c_uint;
/// An IPv4 address (4 bytes).
pub const ne_iaddr_ipv4: ne_iaddr_type = 0;
/// An IPv6 address (16 bytes).
pub const ne_iaddr_ipv6: ne_iaddr_type = 1;

/// One block of data for `ne_sock_fullwritev`.
// neon declares this type by its struct tag only, which cbindgen (style
// "type") cannot express: `cfg_attr` gives Rust the C layout while cbindgen,
// not seeing the repr, declares the tag (`typedef struct ne_iovec ne_iovec;`).
// The C definition is in tools/headergen/extras/ne_socket.h.before.
#[cfg_attr(all(), repr(C))]
pub struct ne_iovec {
    pub base: *mut c_void,
    pub len: usize,
}

/// SOCKS protocol version, for `ne_sock_proxy` (which takes it as an
/// unsigned int, so that any value from C is defined behaviour).
/// cbindgen:ignore
// cbindgen cannot emit the enum's tag either; the C definition is in
// tools/headergen/extras/ne_socket.h.before.
#[repr(C)]
pub enum ne_sock_sversion {
    NE_SOCK_SOCKSV4 = 0,
    NE_SOCK_SOCKSV4A = 1,
    NE_SOCK_SOCKSV5 = 2,
}

/// How many times `ne_sock_init` has been called without `ne_sock_exit`.
static INIT_COUNT: Mutex<u32> = Mutex::new(0);

/// Process-wide initialisation, reference counted: a call while the count is
/// 0 makes the process ignore SIGPIPE. Returns 0.
#[unsafe(no_mangle)]
pub extern "C" fn ne_sock_init() -> c_int {
    ffi::guard(-1, || {
        let mut count = INIT_COUNT.lock().unwrap_or_else(|e| e.into_inner());
        if *count == 0 {
            ffi::sys::ignore_sigpipe();
        }
        *count += 1;
        Some(0)
    })
}

/// Undoes one `ne_sock_init`.
#[unsafe(no_mangle)]
pub extern "C" fn ne_sock_exit() {
    ffi::guard((), || {
        let mut count = INIT_COUNT.lock().unwrap_or_else(|e| e.into_inner());
        *count = count.saturating_sub(1);
        Some(())
    })
}

// ---- handles and buffers ----------------------------------------------------

/// The socket behind a handle; `None` for NULL.
unsafe fn sock<'a>(p: *mut ne_socket) -> Option<&'a mut Socket> {
    // SAFETY: a non-NULL ne_socket is a live Box<Socket> from ne_sock_create.
    unsafe { (p as *mut Socket).as_mut() }
}

/// The address list behind a handle; `None` for NULL.
unsafe fn addr_list<'a>(p: *mut ne_sock_addr) -> Option<&'a mut AddrList> {
    // SAFETY: a non-NULL ne_sock_addr is a live Box<AddrList> from ne_addr_resolve.
    unsafe { (p as *mut AddrList).as_mut() }
}

/// The address behind a handle; `None` for NULL.
unsafe fn inet_addr<'a>(p: *const ne_inet_addr) -> Option<&'a InetAddr> {
    // SAFETY: a non-NULL ne_inet_addr is a live InetAddr handed out here.
    unsafe { ffi::handle(p) }
}

/// The handle of an address that stays owned by its list (made from a
/// unique borrow: C may set a scope through it).
fn addr_handle(a: &mut InetAddr) -> *const ne_inet_addr {
    a as *mut InetAddr as *const ne_inet_addr
}

/// The address behind a handle, to modify; `None` for NULL.
///
/// # Safety
/// `p` must be NULL or a live address handed out here, not otherwise in
/// use during the borrow.
unsafe fn inet_addr_mut<'a>(p: *mut ne_inet_addr) -> Option<&'a mut InetAddr> {
    // SAFETY: per the contract above.
    unsafe { (p as *mut InetAddr).as_mut() }
}

/// The caller's writable buffer of `len` bytes; NULL only with length 0.
unsafe fn out_buf<'a, T>(p: *mut T, len: usize) -> Option<&'a mut [u8]> {
    if len == 0 {
        Some(&mut [])
    } else if p.is_null() {
        None
    } else {
        // SAFETY: the caller passes a buffer writable for len bytes.
        Some(unsafe { std::slice::from_raw_parts_mut(p as *mut u8, len) })
    }
}

/// A byte count or neon's NE_SOCK_* code.
fn sock_result(r: Result<usize, SockError>) -> ssize_t {
    match r {
        Ok(n) => n as ssize_t,
        Err(e) => e.code() as ssize_t,
    }
}

/// 0 or neon's NE_SOCK_* code.
fn sock_status(r: Result<(), SockError>) -> c_int {
    r.map_or_else(SockError::code, |()| 0)
}

// ---- name resolution --------------------------------------------------------

/// Resolves `hostname`; a bracketed IPv6 literal such as `[::1]` is parsed
/// as one. With `NE_ADDR_CANON` in `flags` the canonical name is determined
/// too. Check the result with `ne_addr_result`; free it with
/// `ne_addr_destroy`. Returns NULL only when `hostname` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_addr_resolve(
    hostname: *const c_char,
    flags: c_int,
) -> *mut ne_sock_addr {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: hostname is NULL or a C string.
        let host = unsafe { ffi::cstr_arg(hostname) }?;
        let list = AddrList::resolve(host, flags & NE_ADDR_CANON != 0);
        Some(ffi::into_handle(list))
    })
}

/// 0 if the lookup succeeded, else the resolver's (non-zero) error code;
/// non-zero for NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_addr_result(addr: *const ne_sock_addr) -> c_int {
    ffi::guard(libc::EAI_FAIL, || {
        // SAFETY: addr is NULL or a live list.
        let list: &AddrList = unsafe { ffi::handle(addr) }?;
        Some(list.result())
    })
}

/// The first address of a successful lookup (NULL if there is none). The
/// address belongs to `addr`: do not pass it to `ne_iaddr_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_addr_first(addr: *mut ne_sock_addr) -> *const ne_inet_addr {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: addr is NULL or a live list.
        let list = unsafe { addr_list(addr) }?;
        list.first().map(addr_handle)
    })
}

/// The address after the one last returned by `ne_addr_first` or
/// `ne_addr_next`, or NULL when there are no more.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_addr_next(addr: *mut ne_sock_addr) -> *const ne_inet_addr {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: addr is NULL or a live list.
        let list = unsafe { addr_list(addr) }?;
        list.next().map(addr_handle)
    })
}

/// Copies the lookup's error message (truncated, NUL-terminated) into
/// `buffer` of `bufsiz` bytes and returns `buffer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_addr_error(
    addr: *const ne_sock_addr,
    buffer: *mut c_char,
    bufsiz: usize,
) -> *mut c_char {
    ffi::guard(buffer, || {
        // SAFETY: addr is NULL or a live list.
        let list: &AddrList = unsafe { ffi::handle(addr) }?;
        // SAFETY: buffer is writable for bufsiz bytes.
        unsafe { ffi::write_cbuf(buffer, bufsiz, &list.error_message()) };
        Some(buffer)
    })
}

/// The canonical host name if `NE_ADDR_CANON` was given and the lookup
/// succeeded, else NULL. It lives as long as `addr`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_addr_canonical(addr: *const ne_sock_addr) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: addr is NULL or a live list.
        let list: &AddrList = unsafe { ffi::handle(addr) }?;
        list.canonical_cstr().map(|c| c.as_ptr())
    })
}

/// Frees a lookup result and the addresses it holds.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_addr_destroy(addr: *mut ne_sock_addr) {
    ffi::guard((), || {
        // SAFETY: addr is NULL or a list from ne_addr_resolve, freed once.
        drop(unsafe { ffi::from_handle::<AddrList, _>(addr) }?);
        Some(())
    })
}

// ---- network addresses --------------------------------------------------------

/// A new address from its raw network-order bytes: 4 for `ne_iaddr_ipv4`,
/// 16 otherwise. Free it with `ne_iaddr_free`. NULL if `raw` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_make(
    type_: ne_iaddr_type,
    raw: *const c_uchar,
) -> *mut ne_inet_addr {
    ffi::guard(std::ptr::null_mut(), || {
        let v6 = type_ != ne_iaddr_ipv4;
        // SAFETY: raw holds the 4 or 16 bytes of an address.
        let bytes = unsafe { ffi::bytes_arg(raw, if v6 { 16 } else { 4 }) }?;
        InetAddr::from_raw(v6, bytes).map(ffi::into_handle)
    })
}

/// 0 if the addresses are equal. Otherwise non-zero: the difference of the
/// families (AF_INET6 - AF_INET) if they differ, else the sign of the first
/// differing byte. Non-zero if either is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_cmp(i1: *const ne_inet_addr, i2: *const ne_inet_addr) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: both are NULL or live addresses.
        let (a, b) = unsafe { (inet_addr(i1)?, inet_addr(i2)?) };
        Some(a.compare(b))
    })
}

/// The address's type (`ne_iaddr_ipv4` for NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_typeof(ia: *const ne_inet_addr) -> ne_iaddr_type {
    ffi::guard(ne_iaddr_ipv4, || {
        // SAFETY: ia is NULL or a live address.
        let a = unsafe { inet_addr(ia) }?;
        Some(if a.is_v6() {
            ne_iaddr_ipv6
        } else {
            ne_iaddr_ipv4
        })
    })
}

/// Prints the address in its numeric form into `buffer` of `bufsiz` bytes
/// (`[IP address]`, truncated, if it does not fit) and returns `buffer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_print(
    ia: *const ne_inet_addr,
    buffer: *mut c_char,
    bufsiz: usize,
) -> *mut c_char {
    ffi::guard(buffer, || {
        // SAFETY: ia is NULL or a live address.
        let a = unsafe { inet_addr(ia) }?;
        let text = a.print();
        let shown: &[u8] = if text.len() < bufsiz {
            &text
        } else {
            b"[IP address]"
        };
        // SAFETY: buffer is writable for bufsiz bytes.
        unsafe { ffi::write_cbuf(buffer, bufsiz, shown) };
        Some(buffer)
    })
}

/// Copies the address's raw network-order bytes (4 or 16) into `buffer` and
/// returns it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_raw(
    ia: *const ne_inet_addr,
    buffer: *mut c_uchar,
) -> *mut c_uchar {
    ffi::guard(buffer, || {
        // SAFETY: ia is NULL or a live address.
        let raw = unsafe { inet_addr(ia) }?.raw();
        // SAFETY: buffer has room for the 4 or 16 bytes of this address type.
        unsafe { out_buf(buffer, raw.len()) }?.copy_from_slice(&raw);
        Some(buffer)
    })
}

/// Looks up the address's host name into `buf` of `bufsiz` bytes. Returns 0
/// on success, else a resolver error code (EAI_OVERFLOW if the name does not
/// fit; non-zero for NULL arguments).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_reverse(
    ia: *const ne_inet_addr,
    buf: *mut c_char,
    bufsiz: usize,
) -> c_int {
    ffi::guard(libc::EAI_FAIL, || {
        // SAFETY: ia is NULL or a live address.
        let a = unsafe { inet_addr(ia) }?;
        if buf.is_null() {
            return None;
        }
        Some(match a.reverse() {
            Ok(name) if name.len() < bufsiz => {
                // SAFETY: buf is writable for bufsiz bytes.
                unsafe { ffi::write_cbuf(buf, bufsiz, &name) };
                0
            }
            Ok(_) => libc::EAI_OVERFLOW,
            Err(code) => code,
        })
    })
}

/// Parses a numeric address such as "127.0.0.1" (`ne_iaddr_ipv4`) or "::1"
/// (`ne_iaddr_ipv6`). NULL if it does not parse; else free it with
/// `ne_iaddr_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_parse(
    addr: *const c_char,
    type_: ne_iaddr_type,
) -> *mut ne_inet_addr {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: addr is NULL or a C string.
        let text = unsafe { ffi::cstr_arg(addr) }?;
        InetAddr::parse(text, type_ == ne_iaddr_ipv6).map(ffi::into_handle)
    })
}

/// Sets the scope (zone) of an IPv6 address to the network interface named
/// `scope`, as in "fe80::1%eth0". Returns 0, EINVAL for an IPv4 address,
/// or the errno of the interface lookup (ENODEV if there is no such
/// interface).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_set_scope(ia: *mut ne_inet_addr, scope: *const c_char) -> c_int {
    ffi::guard(libc::EINVAL, || {
        // SAFETY: ia is NULL or a live address; scope NULL or a C string.
        let (a, name) = unsafe { (inet_addr_mut(ia)?, ffi::cstr_arg(scope)?) };
        Some(a.set_scope(name).err().unwrap_or(0))
    })
}

/// The name of the network interface of an IPv6 address's scope,
/// malloc-allocated; NULL if the address has no scope (or is IPv4).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_get_scope(ia: *const ne_inet_addr) -> *mut c_char {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: ia is NULL or a live address.
        let a = unsafe { inet_addr(ia) }?;
        a.scope_name().map(|n| ffi::malloc_str(&n))
    })
}

/// Overwrites `ia` with the address of type `type_` whose raw
/// network-order bytes are at `raw` (4 for `ne_iaddr_ipv4`, 16 otherwise);
/// any scope is dropped. Returns `ia` (NULL if an argument is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_put(
    ia: *mut ne_inet_addr,
    type_: ne_iaddr_type,
    raw: *const c_uchar,
) -> *mut ne_inet_addr {
    ffi::guard(std::ptr::null_mut(), || {
        let v6 = type_ != ne_iaddr_ipv4;
        // SAFETY: ia is NULL or a live address; raw holds 4 or 16 bytes.
        let (a, bytes) = unsafe {
            (
                inet_addr_mut(ia)?,
                ffi::bytes_arg(raw, if v6 { 16 } else { 4 })?,
            )
        };
        *a = InetAddr::from_raw(v6, bytes)?;
        Some(ia)
    })
}

/// Frees an address from `ne_iaddr_make`, `ne_iaddr_parse` or `ne_sock_peer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iaddr_free(addr: *mut ne_inet_addr) {
    ffi::guard((), || {
        // SAFETY: addr is NULL or an address C owns, freed once.
        drop(unsafe { ffi::from_handle::<InetAddr, _>(addr) }?);
        Some(())
    })
}

// ---- sockets -------------------------------------------------------------------

/// A new, unconnected socket (read timeout 120 s, no connect timeout).
#[unsafe(no_mangle)]
pub extern "C" fn ne_sock_create() -> *mut ne_socket {
    ffi::guard(std::ptr::null_mut(), || {
        Some(ffi::into_handle(Socket::new()))
    })
}

/// Makes the next `ne_sock_connect` bind the local end to `addr` (NULL: any
/// address) and `port` (0: any port) first. An `addr` of the other family
/// than the peer's is ignored. The address is copied.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_prebind(
    sock: *mut ne_socket,
    addr: *const ne_inet_addr,
    port: c_uint,
) {
    ffi::guard((), || {
        // SAFETY: sock and addr are NULL or live handles.
        let (s, local) = unsafe { (self::sock(sock)?, inet_addr(addr).copied()) };
        // Like neon, only the low 16 bits of the port count.
        s.prebind(local, port as u16);
        Some(())
    })
}

/// Connects to `addr` on `port`. Returns 0, NE_SOCK_TIMEOUT if a connect
/// timeout is set and expires, or NE_SOCK_ERROR.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_connect(
    sock: *mut ne_socket,
    addr: *const ne_inet_addr,
    port: c_uint,
) -> c_int {
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock and addr are NULL or live handles.
        let (s, a) = unsafe { (self::sock(sock)?, inet_addr(addr)?) };
        Some(sock_status(s.connect(a, port as u16)))
    })
}

/// Reads up to `count` bytes into `buffer`. Returns the number read (> 0,
/// or 0 if `count` is 0) or a NE_SOCK_* code; NE_SOCK_CLOSED at end of file.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_read(
    sock: *mut ne_socket,
    buffer: *mut c_char,
    count: usize,
) -> ssize_t {
    ffi::guard(NE_SOCK_ERROR as ssize_t, || {
        // SAFETY: sock is NULL or live; buffer is writable for count bytes.
        let (s, dst) = unsafe { (self::sock(sock)?, out_buf(buffer, count)?) };
        Some(sock_result(s.read(dst)))
    })
}

/// Like `ne_sock_read`, but leaves the data in the socket's buffer for the
/// next read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_peek(
    sock: *mut ne_socket,
    buffer: *mut c_char,
    count: usize,
) -> ssize_t {
    ffi::guard(NE_SOCK_ERROR as ssize_t, || {
        // SAFETY: sock is NULL or live; buffer is writable for count bytes.
        let (s, dst) = unsafe { (self::sock(sock)?, out_buf(buffer, count)?) };
        Some(sock_result(s.peek(dst)))
    })
}

/// Waits up to `n` seconds (0: forever) for data to read. Returns 0 when
/// there is some, NE_SOCK_TIMEOUT, or another NE_SOCK_* code.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_block(sock: *mut ne_socket, n: c_int) -> c_int {
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock is NULL or live.
        let s = unsafe { self::sock(sock) }?;
        Some(sock_status(s.block(n)))
    })
}

/// Writes all `count` bytes of `data`. Returns 0 or a NE_SOCK_* code.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_fullwrite(
    sock: *mut ne_socket,
    data: *const c_char,
    count: usize,
) -> c_int {
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock is NULL or live; data is readable for count bytes.
        let (s, bytes) = unsafe { (self::sock(sock)?, ffi::bytes_arg(data, count)?) };
        Some(sock_status(s.fullwrite(bytes)))
    })
}

/// Writes all `count` blocks of `vector`, in order. Returns 0 or a
/// NE_SOCK_* code (NE_SOCK_ERROR for a negative count).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_fullwritev(
    sock: *mut ne_socket,
    vector: *const ne_iovec,
    count: c_int,
) -> c_int {
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock is NULL or live.
        let s = unsafe { self::sock(sock) }?;
        let count = usize::try_from(count).ok()?;
        let iovecs: &[ne_iovec] = if count == 0 {
            &[]
        } else if vector.is_null() {
            return None;
        } else {
            // SAFETY: vector holds count blocks.
            unsafe { std::slice::from_raw_parts(vector, count) }
        };
        let blocks = iovecs
            .iter()
            // SAFETY: each block's base is readable for its len bytes.
            .map(|v| unsafe { ffi::bytes_arg(v.base as *const u8, v.len) })
            .collect::<Option<Vec<&[u8]>>>()?;
        Some(sock_status(s.fullwritev(&blocks)))
    })
}

/// Reads a line up to and including its LF into `buffer` of `len` bytes and
/// NUL-terminates it. Returns the line's length (without the NUL) or a
/// NE_SOCK_* code; NE_SOCK_ERROR ("Line too long") if the line and its NUL
/// do not fit in `len` bytes or the line exceeds 4095 bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_readline(
    sock: *mut ne_socket,
    buffer: *mut c_char,
    len: usize,
) -> ssize_t {
    ffi::guard(NE_SOCK_ERROR as ssize_t, || {
        // SAFETY: sock is NULL or live; buffer is writable for len bytes.
        let (s, dst) = unsafe { (self::sock(sock)?, out_buf(buffer, len)?) };
        Some(match s.readline(len) {
            Ok(line) => {
                // readline only returns lines that fit with their NUL.
                dst[..line.len()].copy_from_slice(line);
                dst[line.len()] = 0;
                line.len() as ssize_t
            }
            Err(e) => e.code() as ssize_t,
        })
    })
}

/// Reads exactly `len` bytes into `buffer`. Returns 0 or a NE_SOCK_* code.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_fullread(
    sock: *mut ne_socket,
    buffer: *mut c_char,
    len: usize,
) -> ssize_t {
    ffi::guard(NE_SOCK_ERROR as ssize_t, || {
        // SAFETY: sock is NULL or live; buffer is writable for len bytes.
        let (s, dst) = unsafe { (self::sock(sock)?, out_buf(buffer, len)?) };
        Some(sock_status(s.fullread(dst)) as ssize_t)
    })
}

/// Accepts a connection on the listening socket `fd` into `sock`. Returns 0,
/// or -1 with the reason in `ne_sock_error`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_accept(sock: *mut ne_socket, fd: c_int) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: sock is NULL or live.
        let s = unsafe { self::sock(sock) }?;
        if fd < 0 {
            s.set_error(&crate::net::error::message(
                &std::io::Error::from_raw_os_error(libc::EBADF),
            ));
            return Some(-1);
        }
        // SAFETY: fd is a descriptor of the caller's, open for this call.
        let listener = unsafe { BorrowedFd::borrow_raw(fd) };
        Some(if s.accept(listener).is_ok() { 0 } else { -1 })
    })
}

/// The socket's file descriptor, or -1 if it is not connected.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_fd(sock: *const ne_socket) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: sock is NULL or live.
        let s: &Socket = unsafe { ffi::handle(sock) }?;
        Some(s.fd())
    })
}

/// The peer's address (free it with `ne_iaddr_free`), storing its port in
/// `*port` if `port` is not NULL; NULL on error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_peer(
    sock: *mut ne_socket,
    port: *mut c_uint,
) -> *mut ne_inet_addr {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: sock is NULL or live.
        let s = unsafe { self::sock(sock) }?;
        let (addr, p) = s.peer().ok()?;
        // SAFETY: port is NULL or writable.
        if let Some(out) = unsafe { port.as_mut() } {
            *out = c_uint::from(p);
        }
        Some(ffi::into_handle(addr))
    })
}

/// Shuts down reading (`NE_SOCK_RECV`), writing (`NE_SOCK_SEND`) or both
/// (`NE_SOCK_BOTH`) without closing the socket. Returns 0 or a NE_SOCK_*
/// code; NE_SOCK_ERROR if `flags` is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_shutdown(sock: *mut ne_socket, flags: c_uint) -> c_int {
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock is NULL or live.
        let s = unsafe { self::sock(sock) }?;
        Some(sock_status(s.shutdown(flags)))
    })
}

/// Closes the connection, if any, and frees the socket. Returns 0 (-1 for
/// NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_close(sock: *mut ne_socket) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: sock is NULL or a socket from ne_sock_create, freed once.
        let mut s = unsafe { ffi::from_handle::<Socket, _>(sock) }?;
        s.close();
        Some(0)
    })
}

/// The socket's last error message ("" initially; NULL for NULL). The string
/// belongs to the socket and changes with its next failing operation.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_error(sock: *const ne_socket) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: sock is NULL or live.
        let s: &Socket = unsafe { ffi::handle(sock) }?;
        Some(s.error_cstr().as_ptr())
    })
}

/// Sets the error message of `ne_sock_set_error` (C shim), already formatted.
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn neonrs__sock_set_error(sock: *mut ne_socket, message: *const c_char) {
    ffi::guard((), || {
        // SAFETY: sock is NULL or live; message is NULL or a C string.
        let (s, msg) = unsafe { (self::sock(sock)?, ffi::cstr_arg(message)?) };
        s.set_error(msg);
        Some(())
    })
}

/// Sets the read timeout in seconds (0 or less: wait forever).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_read_timeout(sock: *mut ne_socket, timeout: c_int) {
    ffi::guard((), || {
        // SAFETY: sock is NULL or live.
        unsafe { self::sock(sock) }?.set_read_timeout(timeout);
        Some(())
    })
}

/// Sets the connect timeout in seconds; 0 leaves it to the TCP stack.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_connect_timeout(sock: *mut ne_socket, timeout: c_int) {
    ffi::guard((), || {
        // SAFETY: sock is NULL or live.
        unsafe { self::sock(sock) }?.set_connect_timeout(timeout);
        Some(())
    })
}

/// Over `sock`, connected to a SOCKS proxy, asks the proxy to connect to
/// the destination on `port`:
/// - `NE_SOCK_SOCKSV4`: to `addr` (IPv4), sending `username` (may be NULL)
///   as the user id; `hostname` and `password` are ignored.
/// - `NE_SOCK_SOCKSV4A`: to `hostname`, resolved by the proxy; `addr` and
///   `password` are ignored.
/// - `NE_SOCK_SOCKSV5`: to `addr` if not NULL, else to `hostname`; logs in
///   with `username` and `password` if the proxy asks.
///
/// Any other `vers` is taken as `NE_SOCK_SOCKSV4`. Returns 0, or
/// NE_SOCK_ERROR with the reason in `ne_sock_error`; the caller must then
/// close the socket.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_proxy(
    sock: *mut ne_socket,
    vers: c_uint,
    addr: *const ne_inet_addr,
    hostname: *const c_char,
    port: c_uint,
    username: *const c_char,
    password: *const c_char,
) -> c_int {
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock and addr are NULL or live; the strings are NULL or C strings.
        let (s, a, host, user, pass) = unsafe {
            (
                self::sock(sock)?,
                inet_addr(addr),
                ffi::cstr_arg(hostname),
                ffi::cstr_arg(username),
                ffi::cstr_arg(password),
            )
        };
        let version = if vers == ne_sock_sversion::NE_SOCK_SOCKSV5 as c_uint {
            SocksVersion::V5
        } else if vers == ne_sock_sversion::NE_SOCK_SOCKSV4A as c_uint {
            SocksVersion::V4a
        } else {
            SocksVersion::V4
        };
        let r = socks::handshake(
            s,
            version,
            a,
            host.unwrap_or_default(),
            port as u16,
            user,
            pass,
        );
        Some(sock_status(r))
    })
}

// ---- TLS (neon-rs TLS support; contexts are in ne_ssl_context.rs) ----------

use super::ne_ssl::ne_ssl_context;
use super::ne_ssl_context::context as ssl_context;

/// Negotiates TLS as a client on the connected socket, with a client
/// context from `ne_ssl_context_create`. Returns 0, or NE_SOCK_ERROR with
/// the reason in `ne_sock_error`. As in neon, no server name is sent and the
/// server's certificate is accepted whether it verifies or not, unless the
/// context was made strict with `ne_ssl_context_set_verify`; `userdata` is
/// not used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_connect_ssl(
    sock: *mut ne_socket,
    ctx: *mut ne_ssl_context,
    userdata: *mut c_void,
) -> c_int {
    let _ = userdata;
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock and ctx are NULL or live handles.
        let (s, ctx) = unsafe { (self::sock(sock)?, ssl_context(ctx)?) };
        Some(if ctx.connect(s, None).is_ok() {
            0
        } else {
            NE_SOCK_ERROR
        })
    })
}

/// Negotiates TLS as a server on an accepted socket, with a server context
/// from `ne_ssl_context_create`. Returns 0, or a NE_SOCK_* code with the
/// reason in `ne_sock_error` (for instance when a required client
/// certificate is missing or does not verify).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_accept_ssl(
    sock: *mut ne_socket,
    ctx: *mut ne_ssl_context,
) -> c_int {
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock and ctx are NULL or live handles.
        let (s, ctx) = unsafe { (self::sock(sock)?, ssl_context(ctx)?) };
        Some(sock_status(ctx.accept(s)))
    })
}

/// Copies the identifier of the TLS session of the connection to `buf` and
/// stores its length in `*buflen`, which holds the buffer's size on entry;
/// with `buf` NULL only the length is stored. Returns 0, or -1 if the
/// buffer is too small or the socket has no TLS. The identifier may be
/// empty: neon's own TLS server does not give its sessions one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_sessid(
    sock: *mut ne_socket,
    buf: *mut c_uchar,
    buflen: *mut usize,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: sock is NULL or live; buflen NULL or writable.
        let (s, len) = unsafe { (self::sock(sock)?, buflen.as_mut()?) };
        let id = s.tls()?.session_id();
        if !buf.is_null() {
            if *len < id.len() {
                return Some(-1);
            }
            // SAFETY: buf holds *len >= id.len() writable bytes.
            unsafe { out_buf(buf, id.len()) }?.copy_from_slice(&id);
        }
        *len = id.len();
        Some(0)
    })
}

/// Returns the name of the TLS connection's cipher suite as OpenSSL names
/// it (e.g. "TLS_AES_256_GCM_SHA384", "ECDHE-RSA-AES128-GCM-SHA256"),
/// malloc-allocated; NULL if the socket has no TLS.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_cipher(sock: *mut ne_socket) -> *mut c_char {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: sock is NULL or live.
        let s = unsafe { self::sock(sock) }?;
        let name = s.tls()?.cipher_name()?;
        Some(ffi::malloc_str(name.as_bytes()))
    })
}

// ---- neon 0.34 and 0.37 additions: TLS on sockets -----------------------------

use super::ne_ssl::{certificate, chain_to_handles, ne_ssl_certificate};
use crate::tls::client::Verdict;
use crate::tls::identity::{Identity, check_identity_037};
use crate::tls::{verify, versions};

/// The protocol version negotiated on the socket (an `enum
/// ne_ssl_protocol` value), or `NE_SSL_PROTO_UNSPEC` without TLS.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_getproto(sock: *mut ne_socket) -> c_uint {
    ffi::guard(versions::PROTO_UNSPEC, || {
        // SAFETY: sock is NULL or live.
        let s = unsafe { self::sock(sock) }?;
        Some(
            s.tls()
                .map_or(versions::PROTO_UNSPEC, |t| versions::from_wire(t.version())),
        )
    })
}

/// Negotiates TLS as a client on the connected socket with a client
/// context, sending `hostname` (if not NULL) as the server name. `flags`
/// must be 0. Returns 0, or NE_SOCK_ERROR with the reason in
/// `ne_sock_error`. The server's certificate is not judged here: check it
/// with `ne_sock_getcert` and `ne_ssl_check_certificate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_handshake(
    sock: *mut ne_socket,
    ctx: *mut ne_ssl_context,
    hostname: *const c_char,
    flags: c_uint,
) -> c_int {
    let _ = flags;
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: sock and ctx are NULL or live handles; hostname NULL or a C string.
        let (s, ctx, host) = unsafe {
            (
                self::sock(sock)?,
                ssl_context(ctx)?,
                ffi::cstr_arg(hostname),
            )
        };
        Some(if ctx.connect(s, host).is_ok() {
            0
        } else {
            NE_SOCK_ERROR
        })
    })
}

/// The certificate chain the server presented on the socket, leaf first
/// (free it with `ne_ssl_cert_free`); NULL with an error in
/// `ne_sock_error` if there is none. `ctx` is not used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_sock_getcert(
    sock: *mut ne_socket,
    ctx: *mut ne_ssl_context,
) -> *mut ne_ssl_certificate {
    let _ = ctx;
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: sock is NULL or live.
        let s = unsafe { self::sock(sock) }?;
        let chain = s.tls().map(|t| t.peer_chain().to_vec()).unwrap_or_default();
        let head = chain_to_handles(&chain);
        if head.is_null() {
            s.set_error(b"SSL server did not present certificate");
        }
        Some(head)
    })
}

/// Judges the server certificate `cert` of the TLS connection on `sock`:
/// the verification failures found during the handshake plus the identity
/// check against `address` (a server named by an IP literal) or else
/// `hostname`. Returns 0 if it is good; NE_SOCK_ERROR with the NE_SSL_*
/// failure bits in `*failures` and the reasons in `ne_sock_error`; or
/// NE_SOCK_ERROR leaving `*failures` alone for a certificate that names
/// nobody. `ctx` and `flags` are not used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ssl_check_certificate(
    ctx: *mut ne_ssl_context,
    sock: *mut ne_socket,
    hostname: *const c_char,
    address: *const ne_inet_addr,
    cert: *const ne_ssl_certificate,
    flags: c_uint,
    failures: *mut c_int,
) -> c_int {
    let _ = (ctx, flags);
    ffi::guard(NE_SOCK_ERROR, || {
        // SAFETY: handles NULL or live; hostname NULL or a C string.
        let (s, cert, host, addr) = unsafe {
            (
                self::sock(sock)?,
                certificate(cert)?,
                ffi::cstr_arg(hostname),
                inet_addr(address),
            )
        };
        let mut bits = match s.tls().map(|t| t.verdict().clone()) {
            Some(Verdict::Unhandled(why)) => {
                s.set_error(format!("Certificate verification error: {why}").as_bytes());
                return Some(NE_SOCK_ERROR);
            }
            Some(Verdict::Failures(bits)) => bits,
            Some(Verdict::None) | None => 0,
        };
        match check_identity_037(cert, host.unwrap_or_default(), addr) {
            Identity::Match => {}
            Identity::Mismatch => bits |= verify::IDMISMATCH,
            Identity::NoCommonName => {
                s.set_error(b"Server certificate was missing commonName attribute in subject name");
                return Some(NE_SOCK_ERROR);
            }
        }
        if bits == 0 {
            return Some(0);
        }
        s.set_error(verify::failure_message(bits).as_bytes());
        // SAFETY: failures is NULL or writable.
        if let Some(f) = unsafe { failures.as_mut() } {
            *f = bits as c_int;
        }
        Some(NE_SOCK_ERROR)
    })
}

#[cfg(test)]
mod tests {
    //! NULL and invalid arguments that neon would crash on; the behaviour
    //! itself is compared with neon by c-tests/neon/socket*.c and socks.c.
    use super::*;
    use std::ffi::CStr;
    use std::ptr::{null, null_mut};

    fn c(s: &CStr) -> *const c_char {
        s.as_ptr()
    }

    #[test]
    fn null_handles_give_error_values() {
        let mut buf = [0 as c_char; 16];
        let b = buf.as_mut_ptr();
        unsafe {
            assert!(ne_addr_resolve(null(), 0).is_null());
            assert_ne!(ne_addr_result(null()), 0);
            assert!(ne_addr_first(null_mut()).is_null());
            assert!(ne_addr_next(null_mut()).is_null());
            assert_eq!(ne_addr_error(null(), b, 16), b);
            assert!(ne_addr_canonical(null()).is_null());
            ne_addr_destroy(null_mut());
            assert!(ne_iaddr_make(ne_iaddr_ipv4, null()).is_null());
            assert!(ne_iaddr_parse(null(), ne_iaddr_ipv4).is_null());
            assert_ne!(ne_iaddr_cmp(null(), null()), 0);
            assert_eq!(ne_iaddr_typeof(null()), ne_iaddr_ipv4);
            assert_eq!(ne_iaddr_print(null(), b, 16), b);
            assert_ne!(ne_iaddr_reverse(null(), b, 16), 0);
            ne_iaddr_free(null_mut());
            assert_eq!(ne_sock_read(null_mut(), b, 16), -1);
            assert_eq!(ne_sock_peek(null_mut(), b, 16), -1);
            assert_eq!(ne_sock_readline(null_mut(), b, 16), -1);
            assert_eq!(ne_sock_fullread(null_mut(), b, 16), -1);
            assert_eq!(ne_sock_fullwrite(null_mut(), b, 16), -1);
            assert_eq!(ne_sock_fullwritev(null_mut(), null(), 0), -1);
            assert_eq!(ne_sock_block(null_mut(), 1), -1);
            assert_eq!(ne_sock_connect(null_mut(), null(), 80), -1);
            assert_eq!(ne_sock_accept(null_mut(), 0), -1);
            assert_eq!(ne_sock_fd(null()), -1);
            assert!(ne_sock_peer(null_mut(), null_mut()).is_null());
            assert_eq!(ne_sock_shutdown(null_mut(), NE_SOCK_BOTH), -1);
            assert!(ne_sock_error(null()).is_null());
            assert_eq!(ne_sock_close(null_mut()), -1);
            assert_eq!(
                ne_sock_proxy(null_mut(), 2, null(), null(), 1, null(), null()),
                -1
            );
            ne_sock_prebind(null_mut(), null(), 0);
            ne_sock_read_timeout(null_mut(), 1);
            ne_sock_connect_timeout(null_mut(), 1);
            neonrs__sock_set_error(null_mut(), c(c"x"));
            // neon 0.34-0.37 additions.
            assert_eq!(ne_iaddr_set_scope(null_mut(), c(c"lo")), libc::EINVAL);
            assert!(ne_iaddr_get_scope(null()).is_null());
            assert!(ne_iaddr_put(null_mut(), ne_iaddr_ipv4, b as *const c_uchar).is_null());
            assert_eq!(ne_sock_getproto(null_mut()), 0);
            assert_eq!(ne_sock_handshake(null_mut(), null_mut(), null(), 0), -1);
            assert!(ne_sock_getcert(null_mut(), null_mut()).is_null());
            let mut failures = -7;
            let ret = ne_ssl_check_certificate(
                null_mut(),
                null_mut(),
                null(),
                null(),
                null(),
                0,
                &mut failures,
            );
            assert_eq!((ret, failures), (-1, -7));
            let ia = ne_iaddr_parse(c(c"127.0.0.1"), ne_iaddr_ipv4);
            assert_eq!(ne_iaddr_set_scope(ia, null()), libc::EINVAL);
            assert!(ne_iaddr_put(ia, ne_iaddr_ipv6, null()).is_null());
            assert_eq!(ne_iaddr_typeof(ia), ne_iaddr_ipv4);
            ne_iaddr_free(ia);
        }
    }

    #[test]
    fn invalid_buffers_on_a_socket() {
        unsafe {
            let s = ne_sock_create();
            assert_eq!(ne_sock_read(s, null_mut(), 4), -1);
            assert_eq!(ne_sock_readline(s, null_mut(), 4), -1);
            assert_eq!(ne_sock_fullwrite(s, null(), 4), -1);
            assert_eq!(ne_sock_fullwritev(s, null(), 2), -1);
            assert_eq!(ne_sock_fullwritev(s, null(), -1), -1);
            let bad = [ne_iovec {
                base: null_mut(),
                len: 3,
            }];
            assert_eq!(ne_sock_fullwritev(s, bad.as_ptr(), 1), -1);
            assert_eq!(ne_sock_connect(s, null(), 80), -1);
            // no message set: the error is still the empty string
            neonrs__sock_set_error(s, null());
            assert_eq!(CStr::from_ptr(ne_sock_error(s)).to_bytes(), b"");
            assert_eq!(ne_sock_close(s), 0);
        }
    }

    #[test]
    fn error_pointer_stays_put() {
        unsafe {
            let s = ne_sock_create();
            let before = ne_sock_error(s);
            neonrs__sock_set_error(s, c(c"first"));
            assert_eq!(ne_sock_error(s), before);
            assert_eq!(CStr::from_ptr(before).to_bytes(), b"first");
            ne_sock_close(s);
        }
    }

    #[test]
    fn socks_v4_without_address_and_v4a_without_name() {
        use std::io::Read;
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        unsafe {
            let lo = ne_iaddr_parse(c(c"127.0.0.1"), ne_iaddr_ipv4);
            let s = ne_sock_create();
            assert_eq!(ne_sock_connect(s, lo, c_uint::from(port)), 0);
            let (mut peer, _) = l.accept().unwrap();
            assert_eq!(ne_sock_proxy(s, 0, null(), null(), 1, null(), null()), -1);
            assert_eq!(
                CStr::from_ptr(ne_sock_error(s)).to_bytes(),
                b"Missing address for SOCKS v4 proxy"
            );
            // v4a with a NULL host name sends an empty one (the reply read
            // then ends at once: reading was shut down)
            assert_eq!(ne_sock_shutdown(s, NE_SOCK_RECV), 0);
            let r = ne_sock_proxy(s, 1, null(), null(), 1, null(), null());
            assert_eq!(r, -1);
            let mut got = [0u8; 10];
            peer.read_exact(&mut got).unwrap();
            assert_eq!(&got, b"\x04\x01\x00\x01\x00\x00\x00\xff\x00\x00");
            ne_sock_close(s);
            ne_iaddr_free(lo);
        }
    }

    #[test]
    fn peer_without_port_pointer() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        unsafe {
            let lo = ne_iaddr_parse(c(c"127.0.0.1"), ne_iaddr_ipv4);
            let s = ne_sock_create();
            assert_eq!(ne_sock_connect(s, lo, c_uint::from(port)), 0);
            let p = ne_sock_peer(s, null_mut());
            assert_eq!(ne_iaddr_cmp(p, lo), 0);
            ne_iaddr_free(p);
            ne_sock_close(s);
            ne_iaddr_free(lo);
        }
    }

    #[test]
    fn empty_lookup_has_no_first_address() {
        unsafe {
            let a = ne_addr_resolve(c(c"no-such-host.invalid"), 0);
            assert_ne!(ne_addr_result(a), 0);
            assert!(ne_addr_first(a).is_null());
            ne_addr_destroy(a);
        }
    }
}
