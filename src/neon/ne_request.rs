//! C face of `ne_request.h`.

use std::ffi::{c_char, c_int, c_uint, c_void};
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::Rc;

use super::ne_defs::ne_off_t;
use super::ne_session::{ne_session, session, session_rc};
use super::ne_string::ne_buffer;
use super::ne_utils::ne_status;
use crate::ffi;
use crate::http::hooks::HookList;
use crate::http::request::{Acceptor, BlockReader};
use crate::http::session::{
    CloseConnHook, CreateRequestHook, DestroyRequestHook, DestroySessionHook, PostHeadersHook,
    PostSendHook, PreSendHook,
};
use crate::http::{BodySource, FileBody, Request, Session, StatusCell, ZStr};

/// An HTTP request.
pub struct ne_request_s {
    _private: [u8; 0],
}
pub type ne_request = ne_request_s;

/// Success.
pub const NE_OK: c_int = 0;
/// Generic error; ne_get_error() says why.
pub const NE_ERROR: c_int = 1;
/// Server or proxy host name lookup failed.
pub const NE_LOOKUP: c_int = 2;
/// Authentication with the server failed.
pub const NE_AUTH: c_int = 3;
/// Authentication with the proxy failed.
pub const NE_PROXYAUTH: c_int = 4;
/// Could not connect to the server.
pub const NE_CONNECT: c_int = 5;
/// The connection timed out.
pub const NE_TIMEOUT: c_int = 6;
/// A precondition failed.
pub const NE_FAILED: c_int = 7;
/// Retry the request (from ne_end_request only).
pub const NE_RETRY: c_int = 8;
/// Redirected (see ne_redirect.h).
pub const NE_REDIRECT: c_int = 9;

/// Request flags for ne_set_request_flag / ne_get_request_flag.
pub type ne_request_flag = c_uint;
/// Send "Expect: 100-continue" with the body.
pub const NE_REQFLAG_EXPECT100: ne_request_flag = 0;
/// The method is idempotent (on by default): it may be sent again on a new
/// connection if a persistent one turns out to be closed.
pub const NE_REQFLAG_IDEMPOTENT: ne_request_flag = 1;
/// Number of request flags.
pub const NE_REQFLAG_LAST: ne_request_flag = 2;

/// Request body callback: with `buflen` 0, rewind (return 0 on success);
/// else fill `buffer` and return the byte count, 0 at the end, or < 0 on error.
pub type ne_provide_body = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        buffer: *mut c_char,
        buflen: usize,
    ) -> libc::ssize_t,
>;
/// Returns non-zero to give the response body to the reader.
pub type ne_accept_response = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        req: *mut ne_request,
        st: *const ne_status,
    ) -> c_int,
>;
/// Receives a block of the response body (len 0 at the end); non-zero aborts.
pub type ne_block_reader =
    Option<unsafe extern "C" fn(userdata: *mut c_void, buf: *const c_char, len: usize) -> c_int>;
pub type ne_create_request_fn = Option<
    unsafe extern "C" fn(
        req: *mut ne_request,
        userdata: *mut c_void,
        method: *const c_char,
        target: *const c_char,
    ),
>;
pub type ne_pre_send_fn = Option<
    unsafe extern "C" fn(req: *mut ne_request, userdata: *mut c_void, header: *mut ne_buffer),
>;
pub type ne_post_headers_fn = Option<
    unsafe extern "C" fn(req: *mut ne_request, userdata: *mut c_void, status: *const ne_status),
>;
pub type ne_post_send_fn = Option<
    unsafe extern "C" fn(
        req: *mut ne_request,
        userdata: *mut c_void,
        status: *const ne_status,
    ) -> c_int,
>;
pub type ne_destroy_req_fn =
    Option<unsafe extern "C" fn(req: *mut ne_request, userdata: *mut c_void)>;
pub type ne_destroy_sess_fn = Option<unsafe extern "C" fn(userdata: *mut c_void)>;
pub type ne_close_conn_fn = Option<unsafe extern "C" fn(userdata: *mut c_void)>;

// The engine's status is handed out as a `const ne_status *`.
const _: () = {
    use std::mem::{align_of, offset_of, size_of};
    assert!(size_of::<StatusCell>() == size_of::<ne_status>());
    assert!(align_of::<StatusCell>() == align_of::<ne_status>());
    assert!(offset_of!(StatusCell, code) == offset_of!(ne_status, code));
    assert!(offset_of!(StatusCell, klass) == offset_of!(ne_status, klass));
    assert!(offset_of!(StatusCell, reason) == offset_of!(ne_status, reason_phrase));
};

/// # Safety
/// `p` must be NULL or a live handle from ne_request_create.
pub(super) unsafe fn request<'a>(p: *const ne_request) -> Option<&'a Request> {
    // SAFETY: forwarded contract.
    unsafe { ffi::handle(p) }
}

fn req_handle(r: &Request) -> *mut ne_request {
    r.handle() as *mut ne_request
}

fn status_ptr(st: &StatusCell) -> *const ne_status {
    st as *const StatusCell as *const ne_status
}

fn c_str(z: &ZStr) -> *const c_char {
    z.with_nul().as_ptr() as *const c_char
}

/// Creates a request `method path` in the session; runs the create_request hooks.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_request_create(
    sess: *mut ne_session,
    method: *const c_char,
    path: *const c_char,
) -> *mut ne_request {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle and C strings from the caller.
        let (_, method, path) =
            unsafe { (session(sess)?, ffi::cstr_arg(method)?, ffi::cstr_arg(path)?) };
        // SAFETY: sess is a live, non-NULL session handle.
        let rc = unsafe { session_rc(sess) };
        let p = ffi::into_handle::<_, ne_request>(Request::new(rc, method, path));
        // SAFETY: p was just created.
        let r = unsafe { request(p) }?;
        r.set_handle(p as *const ());
        r.run_create_hooks();
        Some(p)
    })
}

/// Runs the destroy_request hooks and frees the request.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_request_destroy(req: *mut ne_request) {
    ffi::guard((), || {
        // SAFETY: handle from ne_request_create, given back by its owner.
        let r = unsafe { ffi::from_handle::<Request, _>(req) }?;
        r.destroy();
        Some(())
    })
}

/// Adds "name: value" to the request headers.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_add_request_header(
    req: *mut ne_request,
    name: *const c_char,
    value: *const c_char,
) {
    ffi::guard((), || {
        // SAFETY: handle and C strings from the caller.
        let (r, n, v) = unsafe { (request(req)?, ffi::cstr_arg(name)?, ffi::cstr_arg(value)?) };
        r.add_header(n, v);
        Some(())
    })
}

/// A body in the caller's memory, which must stay valid until the request is sent.
struct CallerBuffer {
    ptr: *const u8,
    len: usize,
    pos: usize,
}

impl BodySource for CallerBuffer {
    fn provide(&mut self, _sess: &Session, buf: &mut [u8]) -> isize {
        if buf.is_empty() {
            self.pos = 0;
            return 0;
        }
        let n = buf.len().min(self.len - self.pos);
        // SAFETY: the caller keeps [ptr, ptr+len) valid while the request lives.
        let src = unsafe { std::slice::from_raw_parts(self.ptr.add(self.pos), n) };
        buf[..n].copy_from_slice(src);
        self.pos += n;
        n as isize
    }
}

/// Sends `size` bytes at `buffer` as the body (not copied: keep it valid).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_request_body_buffer(
    req: *mut ne_request,
    buffer: *const c_char,
    size: usize,
) {
    ffi::guard((), || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        if buffer.is_null() && size > 0 {
            return None;
        }
        r.set_body(
            Box::new(CallerBuffer {
                ptr: buffer as *const u8,
                len: size,
                pos: 0,
            }),
            size as i64,
        );
        Some(())
    })
}

/// A file descriptor the application owns (any value, even an invalid
/// one: errors then come from the system calls, as in neon).
pub(crate) struct CallerFd(pub(crate) c_int);

fn os_result(r: isize) -> std::io::Result<usize> {
    if r < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(r as usize)
    }
}

impl Read for CallerFd {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // SAFETY: buf is valid for writes of buf.len() bytes.
        os_result(unsafe { libc::read(self.0, buf.as_mut_ptr() as *mut c_void, buf.len()) })
    }
}

impl Write for CallerFd {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // SAFETY: buf is valid for reads of buf.len() bytes.
        os_result(unsafe { libc::write(self.0, buf.as_ptr() as *const c_void, buf.len()) })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Seek for CallerFd {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        let (off, whence) = match pos {
            SeekFrom::Start(o) => (o as i64, libc::SEEK_SET),
            SeekFrom::Current(o) => (o, libc::SEEK_CUR),
            SeekFrom::End(o) => (o, libc::SEEK_END),
        };
        // SAFETY: lseek on a caller-supplied descriptor; errors are reported.
        let r = unsafe { libc::lseek(self.0, off, whence) };
        if r < 0 {
            Err(std::io::Error::last_os_error())
        } else {
            Ok(r as u64)
        }
    }
}

/// Sends `length` bytes of file `fd` from `offset` as the body.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_request_body_fd(
    req: *mut ne_request,
    fd: c_int,
    offset: ne_off_t,
    length: ne_off_t,
) {
    ffi::guard((), || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        r.set_body(
            Box::new(FileBody::new(CallerFd(fd), offset, length)),
            length,
        );
        Some(())
    })
}

/// A body produced by the application's callback.
struct Provider {
    f: unsafe extern "C" fn(*mut c_void, *mut c_char, usize) -> libc::ssize_t,
    userdata: *mut c_void,
}

impl BodySource for Provider {
    fn provide(&mut self, _sess: &Session, buf: &mut [u8]) -> isize {
        let ptr = if buf.is_empty() {
            std::ptr::null_mut()
        } else {
            buf.as_mut_ptr() as *mut c_char
        };
        // SAFETY: calling the application's provider with our buffer, as neon does.
        unsafe { (self.f)(self.userdata, ptr, buf.len()) }
    }
}

/// Sends a body produced by `provider`: `length` bytes, or chunked if -1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_request_body_provider(
    req: *mut ne_request,
    length: ne_off_t,
    provider: ne_provide_body,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        r.set_body(
            Box::new(Provider {
                f: provider?,
                userdata,
            }),
            length,
        );
        Some(())
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_request_flag(
    req: *mut ne_request,
    flag: ne_request_flag,
    value: c_int,
) {
    // SAFETY: handle or NULL.
    ffi::guard((), || {
        unsafe { request(req) }.map(|r| r.set_flag(flag, value))
    })
}

/// The flag's value, or -1 for an unknown flag.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_request_flag(req: *mut ne_request, flag: ne_request_flag) -> c_int {
    // SAFETY: handle or NULL.
    ffi::guard(-1, || unsafe { request(req) }.map(|r| r.flag(flag)))
}

/// Accepts responses with a 2xx status.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_accept_2xx(
    userdata: *mut c_void,
    req: *mut ne_request,
    st: *const ne_status,
) -> c_int {
    let _ = (userdata, req);
    // SAFETY: st is NULL or a status from the caller.
    ffi::guard(0, || {
        unsafe { st.as_ref() }.map(|s| c_int::from(s.klass == 2))
    })
}

/// Accepts every response.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_accept_always(
    userdata: *mut c_void,
    req: *mut ne_request,
    st: *const ne_status,
) -> c_int {
    let _ = (userdata, req, st);
    ffi::guard(0, || Some(1))
}

/// Adds a body reader: `accpt` decides per response, then `reader` gets
/// each block. Readers added later run first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_add_response_body_reader(
    req: *mut ne_request,
    accpt: ne_accept_response,
    reader: ne_block_reader,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        r.add_reader(
            c_acceptor(accpt?, userdata),
            c_block_reader(reader?, userdata),
        );
        Some(())
    })
}

/// The application's acceptor as the engine calls it.
pub(super) fn c_acceptor(
    accept: unsafe extern "C" fn(*mut c_void, *mut ne_request, *const ne_status) -> c_int,
    userdata: *mut c_void,
) -> Rc<Acceptor> {
    Rc::new(move |r: &Request, st: &StatusCell| {
        // SAFETY: calling the application's acceptor as neon does.
        unsafe { accept(userdata, req_handle(r), status_ptr(st)) != 0 }
    })
}

/// The application's body reader as the engine calls it.
pub(super) fn c_block_reader(
    read: unsafe extern "C" fn(*mut c_void, *const c_char, usize) -> c_int,
    userdata: *mut c_void,
) -> Rc<BlockReader> {
    Rc::new(move |block: &[u8]| {
        // SAFETY: calling the application's reader with a block that outlives the call.
        unsafe { read(userdata, block.as_ptr() as *const c_char, block.len()) }
    })
}

/// The value of a response header (any case), or NULL. Valid until the
/// request is destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_response_header(
    req: *mut ne_request,
    name: *const c_char,
) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle and C string from the caller.
        let (r, n) = unsafe { (request(req)?, ffi::cstr_arg(name)?) };
        Some(r.response_header_ptr(n) as *const c_char)
    })
}

/// Iterates over the response headers: pass NULL first, then the returned
/// cursor; returns NULL after the last header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_response_header_iterate(
    req: *mut ne_request,
    cursor: *mut c_void,
    name: *mut *const c_char,
    value: *mut *const c_char,
) -> *mut c_void {
    // SAFETY: as iterate_fields requires, from the caller.
    unsafe { iterate_fields(req, cursor, name, value, Request::response_header_next) }
}

/// One step of a field iteration (`next` gives the field after a cursor):
/// writes the field's name and value, returns the next cursor, or NULL
/// after the last field; NULL for NULL arguments.
///
/// # Safety
/// `req` is NULL or a live request; `name` and `value` NULL or writable.
unsafe fn iterate_fields(
    req: *mut ne_request,
    cursor: *mut c_void,
    name: *mut *const c_char,
    value: *mut *const c_char,
    next: fn(&Request, usize) -> Option<(usize, *const u8, *const u8)>,
) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        if name.is_null() || value.is_null() {
            return None;
        }
        let Some((after, n, v)) = next(r, cursor as usize) else {
            return Some(std::ptr::null_mut());
        };
        // SAFETY: out-pointers checked above.
        unsafe {
            *name = n as *const c_char;
            *value = v as *const c_char;
        }
        Some(after as *mut c_void)
    })
}

/// Sends the request and reads the whole response.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_request_dispatch(req: *mut ne_request) -> c_int {
    // SAFETY: handle or NULL.
    ffi::guard(NE_ERROR, || unsafe { request(req) }.map(Request::dispatch))
}

/// The status of the response (updated as responses arrive); valid for the
/// request's life.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_status(req: *const ne_request) -> *const ne_status {
    // SAFETY: handle or NULL.
    ffi::guard(std::ptr::null(), || {
        unsafe { request(req) }.map(|r| status_ptr(&r.status))
    })
}

/// The session the request belongs to.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_session(req: *const ne_request) -> *mut ne_session {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle or NULL.
        unsafe { request(req) }.map(|r| Rc::as_ptr(r.session()) as *mut ne_session)
    })
}

/// Sends the request and reads the response head.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_begin_request(req: *mut ne_request) -> c_int {
    // SAFETY: handle or NULL.
    ffi::guard(NE_ERROR, || unsafe { request(req) }.map(Request::begin))
}

/// Finishes the response: trailers, post_send hooks, persistence.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_end_request(req: *mut ne_request) -> c_int {
    // SAFETY: handle or NULL.
    ffi::guard(NE_ERROR, || unsafe { request(req) }.map(Request::end))
}

/// Reads the next block of the body into `buffer`: the byte count, 0 at the
/// end, or -1 on error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_read_response_block(
    req: *mut ne_request,
    buffer: *mut c_char,
    buflen: usize,
) -> libc::ssize_t {
    ffi::guard(-1, || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        if buffer.is_null() && buflen > 0 {
            return None;
        }
        let buf: &mut [u8] = if buflen == 0 {
            &mut []
        } else {
            // SAFETY: the caller's buffer of buflen bytes.
            unsafe { std::slice::from_raw_parts_mut(buffer as *mut u8, buflen) }
        };
        Some(r.read_block(buf))
    })
}

/// Reads and discards the rest of the body.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_discard_response(req: *mut ne_request) -> c_int {
    // SAFETY: handle or NULL.
    ffi::guard(NE_ERROR, || unsafe { request(req) }.map(Request::discard))
}

/// Writes the rest of the body to file descriptor `fd`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_read_response_to_fd(req: *mut ne_request, fd: c_int) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        Some(r.read_to(&mut CallerFd(fd)))
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_set_request_private(
    req: *mut ne_request,
    id: *const c_char,
    r#priv: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle and C string from the caller.
        let (r, id) = unsafe { (request(req)?, ffi::cstr_arg(id)?) };
        r.set_private(id, r#priv as *mut ());
        Some(())
    })
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_request_private(
    req: *mut ne_request,
    id: *const c_char,
) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle and C string from the caller.
        let (r, id) = unsafe { (request(req)?, ffi::cstr_arg(id)?) };
        Some(r.private(id) as *mut c_void)
    })
}

/// The identity neon unhooks by: function and userdata.
fn key<F: Copy>(f: F, ud: *mut c_void) -> (usize, usize) {
    // Only ever called with function pointers, which are address-sized.
    assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<usize>());
    // SAFETY: F is a function pointer of the size of usize (checked above).
    let addr: usize = unsafe { std::mem::transmute_copy(&f) };
    (addr, ud as usize)
}

/// Hands the headers built so far to a C pre_send hook as an ne_buffer.
fn with_ne_buffer(out: &mut Vec<u8>, call: impl FnOnce(*mut ne_buffer)) {
    let data = ffi::malloc_str(out);
    let mut nb = ne_buffer {
        data,
        used: out.len() + 1,
        length: out.len() + 1,
    };
    call(&mut nb);
    out.clear();
    if !nb.data.is_null() && nb.used > 0 {
        // SAFETY: the hook keeps `data` a live malloc'd block with `used` valid bytes.
        out.extend_from_slice(unsafe {
            std::slice::from_raw_parts(nb.data as *const u8, nb.used - 1)
        });
    }
    // SAFETY: data is (still) our malloc'd block, possibly reallocated by the hook.
    unsafe { ffi::alloc::free(nb.data) };
}

/// Registers a C hook on one of the session's lists.
///
/// # Safety
/// `sess` must be NULL or a live session handle.
unsafe fn hook<F: Copy, H: ?Sized>(
    sess: *mut ne_session,
    func: Option<F>,
    userdata: *mut c_void,
    list: impl FnOnce(&Session) -> &HookList<H>,
    make: impl FnOnce(F, *mut c_void) -> Rc<H>,
) {
    ffi::guard((), || {
        // SAFETY: forwarded contract.
        let s = unsafe { session(sess) }?;
        let f = func?;
        list(s).add(key(f, userdata), make(f, userdata));
        Some(())
    })
}

/// Removes the first registration of `func` with `userdata`.
///
/// # Safety
/// `sess` must be NULL or a live session handle.
unsafe fn unhook<F: Copy, H: ?Sized>(
    sess: *mut ne_session,
    func: Option<F>,
    userdata: *mut c_void,
    list: impl FnOnce(&Session) -> &HookList<H>,
) {
    ffi::guard((), || {
        // SAFETY: forwarded contract.
        let s = unsafe { session(sess) }?;
        list(s).remove(key(func?, userdata));
        Some(())
    })
}

/// Calls `func` for each new request, with its method and target.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_hook_create_request(
    sess: *mut ne_session,
    func: ne_create_request_fn,
    userdata: *mut c_void,
) {
    let make =
        |f: unsafe extern "C" fn(*mut ne_request, *mut c_void, *const c_char, *const c_char),
         ud| {
            Rc::new(move |r: &Request, m: &ZStr, t: &ZStr| {
                // SAFETY: calling the application's hook as neon does.
                unsafe { f(req_handle(r), ud, c_str(m), c_str(t)) }
            }) as Rc<CreateRequestHook>
        };
    // SAFETY: handle or NULL.
    unsafe { hook(sess, func, userdata, |s| &s.hooks.create_request, make) }
}

/// Calls `func` before each request is sent; it may append headers.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_hook_pre_send(
    sess: *mut ne_session,
    func: ne_pre_send_fn,
    userdata: *mut c_void,
) {
    let make = |f: unsafe extern "C" fn(*mut ne_request, *mut c_void, *mut ne_buffer), ud| {
        Rc::new(move |r: &Request, out: &mut Vec<u8>| {
            // SAFETY: calling the application's hook with a live ne_buffer.
            with_ne_buffer(out, |nb| unsafe { f(req_handle(r), ud, nb) })
        }) as Rc<PreSendHook>
    };
    // SAFETY: handle or NULL.
    unsafe { hook(sess, func, userdata, |s| &s.hooks.pre_send, make) }
}

/// Calls `func` once the response headers are read.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_hook_post_headers(
    sess: *mut ne_session,
    func: ne_post_headers_fn,
    userdata: *mut c_void,
) {
    let make = |f: unsafe extern "C" fn(*mut ne_request, *mut c_void, *const ne_status), ud| {
        Rc::new(move |r: &Request, st: &StatusCell| {
            // SAFETY: calling the application's hook as neon does.
            unsafe { f(req_handle(r), ud, status_ptr(st)) }
        }) as Rc<PostHeadersHook>
    };
    // SAFETY: handle or NULL.
    unsafe { hook(sess, func, userdata, |s| &s.hooks.post_headers, make) }
}

/// Calls `func` after the response; a result other than NE_OK (e.g.
/// NE_RETRY) becomes the request's result.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_hook_post_send(
    sess: *mut ne_session,
    func: ne_post_send_fn,
    userdata: *mut c_void,
) {
    let make =
        |f: unsafe extern "C" fn(*mut ne_request, *mut c_void, *const ne_status) -> c_int, ud| {
            Rc::new(move |r: &Request, st: &StatusCell| {
                // SAFETY: calling the application's hook as neon does.
                unsafe { f(req_handle(r), ud, status_ptr(st)) }
            }) as Rc<PostSendHook>
        };
    // SAFETY: handle or NULL.
    unsafe { hook(sess, func, userdata, |s| &s.hooks.post_send, make) }
}

/// Calls `func` when a request is destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_hook_destroy_request(
    sess: *mut ne_session,
    func: ne_destroy_req_fn,
    userdata: *mut c_void,
) {
    let make = |f: unsafe extern "C" fn(*mut ne_request, *mut c_void), ud| {
        Rc::new(move |r: &Request| {
            // SAFETY: calling the application's hook as neon does.
            unsafe { f(req_handle(r), ud) }
        }) as Rc<DestroyRequestHook>
    };
    // SAFETY: handle or NULL.
    unsafe { hook(sess, func, userdata, |s| &s.hooks.destroy_request, make) }
}

/// Calls `func` when the session is destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_hook_destroy_session(
    sess: *mut ne_session,
    func: ne_destroy_sess_fn,
    userdata: *mut c_void,
) {
    let make = |f: unsafe extern "C" fn(*mut c_void), ud| {
        Rc::new(move || {
            // SAFETY: calling the application's hook as neon does.
            unsafe { f(ud) }
        }) as Rc<DestroySessionHook>
    };
    // SAFETY: handle or NULL.
    unsafe { hook(sess, func, userdata, |s| &s.hooks.destroy_session, make) }
}

/// Calls `func` when the connection is closed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_hook_close_conn(
    sess: *mut ne_session,
    func: ne_close_conn_fn,
    userdata: *mut c_void,
) {
    let make = |f: unsafe extern "C" fn(*mut c_void), ud| {
        Rc::new(move || {
            // SAFETY: calling the application's hook as neon does.
            unsafe { f(ud) }
        }) as Rc<CloseConnHook>
    };
    // SAFETY: handle or NULL.
    unsafe { hook(sess, func, userdata, |s| &s.hooks.close_conn, make) }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unhook_create_request(
    sess: *mut ne_session,
    func: ne_create_request_fn,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe { unhook(sess, func, userdata, |s| &s.hooks.create_request) }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unhook_pre_send(
    sess: *mut ne_session,
    func: ne_pre_send_fn,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe { unhook(sess, func, userdata, |s| &s.hooks.pre_send) }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unhook_post_headers(
    sess: *mut ne_session,
    func: ne_post_headers_fn,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe { unhook(sess, func, userdata, |s| &s.hooks.post_headers) }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unhook_post_send(
    sess: *mut ne_session,
    func: ne_post_send_fn,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe { unhook(sess, func, userdata, |s| &s.hooks.post_send) }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unhook_destroy_request(
    sess: *mut ne_session,
    func: ne_destroy_req_fn,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe { unhook(sess, func, userdata, |s| &s.hooks.destroy_request) }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unhook_destroy_session(
    sess: *mut ne_session,
    func: ne_destroy_sess_fn,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe { unhook(sess, func, userdata, |s| &s.hooks.destroy_session) }
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unhook_close_conn(
    sess: *mut ne_session,
    func: ne_close_conn_fn,
    userdata: *mut c_void,
) {
    // SAFETY: handle or NULL.
    unsafe { unhook(sess, func, userdata, |s| &s.hooks.close_conn) }
}

// ---- neon 0.33–0.37 additions -------------------------------------------------

use super::ne_uri::{ne_uri, ne_uri_free};
use crate::http::LocationError;

/// Called for each interim (1xx) response with its status; its header
/// fields can be read with ne_get_response_header during the call.
pub type ne_interim_response_fn = Option<
    unsafe extern "C" fn(userdata: *mut c_void, req: *mut ne_request, status: *const ne_status),
>;

/// Adds a handler for interim (1xx) responses; handlers added later run
/// first.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_add_interim_handler(
    req: *mut ne_request,
    func: ne_interim_response_fn,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        let f = func?;
        r.add_interim_handler(Rc::new(move |r: &Request, st: &StatusCell| {
            // SAFETY: calling the application's handler as neon does.
            unsafe { f(userdata, req_handle(r), status_ptr(st)) }
        }));
        Some(())
    })
}

/// The request target as an `ne_uri` kept with the request (neon frees it
/// with the request, so C must not).
struct TargetUri(ne_uri);

impl Drop for TargetUri {
    fn drop(&mut self) {
        // SAFETY: the fields are NULL or malloc'd by ne_uri::from_uri.
        unsafe { ne_uri_free(&mut self.0) };
    }
}

const TARGET_URI: &str = "neonrs: ne_get_request_target";

/// The request target as an absolute URI: the server's scheme, host and
/// port with the target as path, or the target itself when it is an
/// absolute URI. NULL if the target does not parse. Valid until the
/// request is destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_request_target(req: *mut ne_request) -> *const ne_uri {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        if let Some(t) = r.extension::<TargetUri>(TARGET_URI) {
            return Some(&t.0 as *const ne_uri);
        }
        let uri = r.target_uri()?;
        let t = Rc::new(TargetUri(ne_uri::from_uri(&uri)));
        let p = &t.0 as *const ne_uri;
        r.set_extension(TARGET_URI, t);
        Some(p)
    })
}

/// The response's Location header resolved against the request target, as
/// a malloc'd `ne_uri` (free it with ne_uri_free, then free); `fragment`,
/// if not NULL, becomes its fragment when the header has none. NULL if
/// there is no Location header, or if it (or the request target) does not
/// parse, which sets the session error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_response_location(
    req: *mut ne_request,
    fragment: *const c_char,
) -> *mut ne_uri {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle and C string (or NULL) from the caller.
        let (r, fragment) = unsafe { (request(req)?, ffi::cstr_arg(fragment)) };
        match r.response_location(fragment) {
            Ok(uri) => {
                let p = ffi::alloc::malloc(std::mem::size_of::<ne_uri>()) as *mut ne_uri;
                // SAFETY: p is a fresh malloc'd block of the right size and alignment.
                unsafe { p.write(ne_uri::from_uri(&uri)) };
                Some(p)
            }
            Err(LocationError::Missing | LocationError::Invalid) => Some(std::ptr::null_mut()),
        }
    })
}

/// The time the response's Retry-After header asks to retry at: the
/// current time plus the seconds given, or the HTTP date given; 0 if there
/// is no such header or it is neither.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_response_retry_after(req: *mut ne_request) -> libc::time_t {
    ffi::guard(0, || {
        // SAFETY: handle from the caller.
        let r = unsafe { request(req) }?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Some(r.retry_after(now))
    })
}

/// The value of a trailer field of a chunked response (any case), or
/// NULL. Valid until the request is destroyed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_response_trailer(
    req: *mut ne_request,
    name: *const c_char,
) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle and C string from the caller.
        let (r, n) = unsafe { (request(req)?, ffi::cstr_arg(name)?) };
        Some(r.response_trailer_ptr(n) as *const c_char)
    })
}

/// Iterates over the trailer fields as ne_response_header_iterate does over
/// the header fields.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_response_trailer_iterate(
    req: *mut ne_request,
    cursor: *mut c_void,
    name: *mut *const c_char,
    value: *mut *const c_char,
) -> *mut c_void {
    // SAFETY: as iterate_fields requires, from the caller.
    unsafe { iterate_fields(req, cursor, name, value, Request::response_trailer_next) }
}

/// Reads the rest of the response body into `buf`, whose size is
/// `*buflen`; on success `*buflen` is set to the body's length. Returns
/// NE_OK, NE_FAILED if the body does not fit ("Response buffer size too
/// small"; `*buflen` unchanged), or NE_ERROR if reading fails. A size of 0
/// reads nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_read_response_to_buffer(
    req: *mut ne_request,
    buf: *mut c_char,
    buflen: *mut usize,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handle and length pointer from the caller.
        let (r, len) = unsafe { (request(req)?, buflen.as_mut()?) };
        let out = caller_buffer(buf, *len)?;
        let (ret, got) = r.read_to_buffer(out);
        if let Some(n) = got {
            *len = n;
        }
        Some(ret)
    })
}

/// The caller's writable buffer of `len` bytes; NULL only with length 0.
pub(crate) fn caller_buffer<'a>(buf: *mut c_char, len: usize) -> Option<&'a mut [u8]> {
    if len == 0 {
        Some(&mut [])
    } else if buf.is_null() {
        None
    } else {
        // SAFETY: the caller's buffer is writable for len bytes.
        Some(unsafe { std::slice::from_raw_parts_mut(buf as *mut u8, len) })
    }
}
