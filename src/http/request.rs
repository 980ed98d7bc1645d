//! A request (neon's `ne_request`): created with its fixed headers, given
//! headers, a body and body readers, then run by `send.rs`/`response.rs`.

use std::cell::{Cell, RefCell};
use std::io::{Read, Seek, SeekFrom};
use std::rc::Rc;

use super::arena::Arena;
use super::codes::{reqflag, sessflag};
use super::headers::ResponseHeaders;
use super::session::{Extensions, Privates, Session, get_private, set_private};
use super::status::StatusCell;
use super::zstr::ZStr;

/// A request body, with neon's provider contract.
pub trait BodySource {
    /// With an empty `buf`: rewind to the start, returning 0 on success.
    /// Otherwise fill `buf`: the byte count, 0 at the end, negative on error
    /// (having set the session error if it wants a message).
    fn provide(&mut self, sess: &Session, buf: &mut [u8]) -> isize;
}

/// Accepts or declines a response for a body reader.
pub type Acceptor = dyn Fn(&Request, &StatusCell) -> bool;
/// Receives response body blocks (a final empty one at the end); non-zero aborts.
pub type BlockReader = dyn Fn(&[u8]) -> i32;
/// Called for each interim (1xx) response, its header fields readable
/// (neon 0.33's ne_add_interim_handler).
pub type InterimHandler = dyn Fn(&Request, &StatusCell);

pub(crate) struct Reader {
    pub accept: Rc<Acceptor>,
    pub read: Rc<BlockReader>,
    pub used: Cell<bool>,
}

/// How the response body is delimited (RFC 9112 §6.3, as neon decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    TillEof,
    NoBody,
    Chunked,
    Length,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Resp {
    pub mode: Mode,
    /// Bytes left in the current chunk, or of the Content-Length.
    pub remain: u64,
    pub total: i64,
}

/// Per-request storage recycled through the session's pool, so a request
/// on a warm session allocates almost nothing.
#[derive(Default)]
pub struct Buffers {
    pub(crate) headers: Vec<u8>,
    pub(crate) out: Vec<u8>,
    pub(crate) line: Vec<u8>,
    pub(crate) resp: ResponseHeaders,
    pub(crate) trailers: ResponseHeaders,
    pub(crate) reasons: Arena,
    /// Scratch for discarded body blocks.
    pub(crate) block: Vec<u8>,
}

impl Buffers {
    fn clear(&mut self) {
        self.headers.clear();
        self.out.clear();
        self.line.clear();
        self.resp.clear();
        self.trailers.clear();
        self.reasons.clear();
    }
}

pub struct Request {
    pub(crate) sess: Rc<Session>,
    method: ZStr,
    target: ZStr,
    pub(crate) method_is_head: bool,
    pub(crate) method_is_connect: bool,
    pub status: StatusCell,
    flags: [Cell<i32>; reqflag::LAST as usize],
    /// Fixed and user headers ("Name: value\r\n" lines).
    pub(crate) headers: RefCell<Vec<u8>>,
    /// The serialised request of the current attempt.
    pub(crate) out: RefCell<Vec<u8>>,
    /// Scratch for status, header and chunk-size lines.
    pub(crate) line: RefCell<Vec<u8>>,
    pub(crate) resp_headers: RefCell<ResponseHeaders>,
    /// The trailer fields of a chunked response, parsed as neon 0.37 does
    /// (neon 0.32.5 merges them into the header fields, which
    /// `resp_headers` still does).
    pub(crate) trailers: RefCell<ResponseHeaders>,
    /// The header fields as they were before trailers were merged into
    /// them, if a trailer was (what neon 0.37's functions read).
    pub(crate) head_only: RefCell<Option<ResponseHeaders>>,
    pub(crate) interim: RefCell<Vec<Rc<InterimHandler>>>,
    pub(crate) reasons: RefCell<Arena>,
    pub(crate) block: RefCell<Vec<u8>>,
    pub(crate) body: RefCell<Option<Box<dyn BodySource>>>,
    pub(crate) body_length: Cell<i64>,
    pub(crate) resp: Cell<Resp>,
    pub(crate) can_persist: Cell<bool>,
    /// The response switched the connection to another protocol (a 101 the
    /// request asked for, or a 2xx to CONNECT).
    pub(crate) switching: Cell<bool>,
    /// Body bytes received so far (for the notifier).
    pub(crate) progress: Cell<i64>,
    /// Where the current status line's reason phrase is stored.
    pub(crate) reason: Cell<Option<super::arena::Span>>,
    pub(crate) readers: RefCell<Vec<Reader>>,
    privates: Privates,
    extensions: Extensions,
    handle: Cell<*const ()>,
}

impl Request {
    /// neon's `ne_request_create` up to the create_request hooks, which the
    /// caller runs with [`Request::run_create_hooks`] once the request has its
    /// final address (hooks receive its handle).
    pub fn new(sess: Rc<Session>, method: &[u8], path: &[u8]) -> Request {
        let mut bufs = sess.pool.borrow_mut().pop().unwrap_or_default();
        let (expect100, any_proxy_http) = {
            let st = sess.state.borrow();
            initial_headers(&st, sess.hostport().bytes(), &mut bufs.headers);
            (st.flags[sessflag::EXPECT100 as usize], st.any_proxy_http)
        };
        // An absolute URI only when a proxy may be used without TLS: some
        // servers cannot parse them.
        let target = if any_proxy_http && !sess.use_ssl() && path.first() == Some(&b'/') {
            let mut t = sess.scheme().bytes().to_vec();
            t.extend_from_slice(b"://");
            t.extend_from_slice(sess.hostport().bytes());
            t.extend_from_slice(path);
            ZStr::new(&t)
        } else {
            ZStr::new(path)
        };
        let Buffers {
            headers,
            out,
            line,
            resp,
            trailers,
            reasons,
            block,
        } = bufs;
        Request {
            method_is_head: method == b"HEAD",
            method_is_connect: method == b"CONNECT",
            method: sess.method_zstr(method),
            target,
            status: StatusCell::default(),
            flags: [Cell::new(expect100), Cell::new(1)],
            headers: RefCell::new(headers),
            out: RefCell::new(out),
            line: RefCell::new(line),
            resp_headers: RefCell::new(resp),
            trailers: RefCell::new(trailers),
            head_only: RefCell::new(None),
            interim: RefCell::new(Vec::new()),
            reasons: RefCell::new(reasons),
            block: RefCell::new(block),
            body: RefCell::new(None),
            body_length: Cell::new(0),
            resp: Cell::new(Resp {
                mode: Mode::NoBody,
                remain: 0,
                total: -1,
            }),
            can_persist: Cell::new(false),
            switching: Cell::new(false),
            progress: Cell::new(0),
            reason: Cell::new(None),
            readers: RefCell::new(Vec::new()),
            privates: RefCell::new(Vec::new()),
            extensions: Extensions::default(),
            handle: Cell::new(std::ptr::null()),
            sess,
        }
    }

    pub fn run_create_hooks(&self) {
        self.sess
            .hooks
            .create_request
            .run(|h| h(self, &self.method, &self.target));
    }

    pub fn handle(&self) -> *const () {
        self.handle.get()
    }

    pub fn set_handle(&self, h: *const ()) {
        self.handle.set(h);
    }

    pub fn session(&self) -> &Rc<Session> {
        &self.sess
    }

    pub fn method(&self) -> &ZStr {
        &self.method
    }

    pub fn target(&self) -> &ZStr {
        &self.target
    }

    pub fn set_flag(&self, flag: u32, value: i32) {
        if let Some(f) = self.flags.get(flag as usize) {
            f.set(value);
        }
    }

    /// The flag's value, or -1 for an unknown flag.
    pub fn flag(&self, flag: u32) -> i32 {
        self.flags.get(flag as usize).map_or(-1, Cell::get)
    }

    /// Appends "name: value\r\n" to the request headers.
    pub fn add_header(&self, name: &[u8], value: &[u8]) {
        let mut h = self.headers.borrow_mut();
        h.extend_from_slice(name);
        h.extend_from_slice(b": ");
        h.extend_from_slice(value);
        h.extend_from_slice(b"\r\n");
    }

    /// Sets the body and announces its length: Content-Length, or chunked
    /// transfer-coding for a negative length.
    pub fn set_body(&self, source: Box<dyn BodySource>, length: i64) {
        *self.body.borrow_mut() = Some(source);
        self.body_length.set(length);
        if length >= 0 {
            self.add_header(b"Content-Length", length.to_string().as_bytes());
        } else {
            self.add_header(b"Transfer-Encoding", b"chunked");
        }
    }

    /// Adds a body reader; readers run most recently added first.
    pub fn add_reader(&self, accept: Rc<Acceptor>, read: Rc<BlockReader>) {
        self.readers.borrow_mut().insert(
            0,
            Reader {
                accept,
                read,
                used: Cell::new(false),
            },
        );
    }

    /// Adds an interim-response handler; handlers run most recently added
    /// first.
    pub fn add_interim_handler(&self, h: Rc<InterimHandler>) {
        self.interim.borrow_mut().insert(0, h);
    }

    /// Pointer to the NUL-terminated value of a trailer field, or NULL.
    /// Valid until the request is destroyed.
    pub fn response_trailer_ptr(&self, name: &[u8]) -> *const u8 {
        let t = self.trailers.borrow();
        t.get_span(name)
            .map_or(std::ptr::null(), |s| t.arena().ptr(s))
    }

    /// Next trailer field in neon's order, as [`Request::response_header_next`].
    pub fn response_trailer_next(&self, cursor: usize) -> Option<(usize, *const u8, *const u8)> {
        let t = self.trailers.borrow();
        let (next, name, value) = t.next(cursor)?;
        Some((next, t.arena().ptr(name), t.arena().ptr(value)))
    }

    /// Runs `f` on the value of a header field of the response head,
    /// leaving out trailer fields (neon 0.37's view).
    pub fn with_head_header<R>(&self, name: &[u8], f: impl FnOnce(&[u8]) -> R) -> Option<R> {
        match &*self.head_only.borrow() {
            Some(h) => h.get(name).map(f),
            None => self.resp_headers.borrow().get(name).map(f),
        }
    }

    /// Pointer to the NUL-terminated value of a response header, or NULL.
    /// Valid until the request is destroyed.
    pub fn response_header_ptr(&self, name: &[u8]) -> *const u8 {
        let h = self.resp_headers.borrow();
        h.get_span(name)
            .map_or(std::ptr::null(), |s| h.arena().ptr(s))
    }

    /// The value of a response header.
    pub fn response_header(&self, name: &[u8]) -> Option<Vec<u8>> {
        self.with_response_header(name, <[u8]>::to_vec)
    }

    /// Runs `f` on the value of a response header, without copying it.
    pub fn with_response_header<R>(&self, name: &[u8], f: impl FnOnce(&[u8]) -> R) -> Option<R> {
        self.resp_headers.borrow().get(name).map(f)
    }

    /// Next response header in neon's order: `cursor` 0 starts; returns the
    /// next cursor and pointers to NUL-terminated name and value.
    pub fn response_header_next(&self, cursor: usize) -> Option<(usize, *const u8, *const u8)> {
        let h = self.resp_headers.borrow();
        let (next, name, value) = h.next(cursor)?;
        Some((next, h.arena().ptr(name), h.arena().ptr(value)))
    }

    pub fn private(&self, id: &[u8]) -> *mut () {
        get_private(&self.privates, id)
    }

    pub fn set_private(&self, id: &[u8], value: *mut ()) {
        set_private(&self.privates, id, value);
    }

    /// An add-on module's state for this request (see [`Extensions`]).
    pub fn extension<T: std::any::Any>(&self, key: &'static str) -> Option<Rc<T>> {
        self.extensions.get(key)
    }

    pub fn set_extension<T: std::any::Any>(&self, key: &'static str, value: Rc<T>) {
        self.extensions.insert(key, value);
    }

    /// Runs the destroy_request hooks; the request is freed when dropped.
    pub fn destroy(&self) {
        crate::debug!(crate::debug::HTTP, "Running destroy hooks.\n");
        self.sess.hooks.destroy_request.run(|h| h(self));
        crate::debug!(crate::debug::HTTP, "Request ends.\n");
    }
}

impl Drop for Request {
    fn drop(&mut self) {
        let mut bufs = Buffers {
            headers: std::mem::take(self.headers.get_mut()),
            out: std::mem::take(self.out.get_mut()),
            line: std::mem::take(self.line.get_mut()),
            resp: std::mem::take(self.resp_headers.get_mut()),
            trailers: std::mem::take(self.trailers.get_mut()),
            reasons: std::mem::take(self.reasons.get_mut()),
            block: std::mem::take(self.block.get_mut()),
        };
        bufs.clear();
        let mut pool = self.sess.pool.borrow_mut();
        if pool.len() < 4 {
            pool.push(bufs);
        }
    }
}

/// neon's fixed headers, built at request creation from the session state:
/// User-Agent, the Connection block, TE and Host.
fn initial_headers(st: &super::session::State, hostport: &[u8], out: &mut Vec<u8>) {
    if let Some(ua) = &st.user_agent {
        out.extend_from_slice(ua);
    }
    if !st.flag(sessflag::PERSIST) {
        out.extend_from_slice(b"Connection: TE, close\r\n");
    } else if !st.is_http11 && !st.any_proxy_http {
        // Ask pre-1.1 servers harder for a persistent connection; every
        // session's first request says this, as neon does.
        out.extend_from_slice(b"Keep-Alive: \r\nConnection: TE, Keep-Alive\r\n");
    } else {
        out.extend_from_slice(b"Connection: TE\r\n");
    }
    out.extend_from_slice(b"TE: trailers\r\nHost: ");
    out.extend_from_slice(hostport);
    out.extend_from_slice(b"\r\n");
}

/// A body read from a file between `offset` and `offset + length` (neon's
/// ne_set_request_body_fd), with neon's error messages.
pub struct FileBody<F: Read + Seek> {
    file: F,
    offset: i64,
    length: i64,
    remain: i64,
}

impl<F: Read + Seek> FileBody<F> {
    pub fn new(file: F, offset: i64, length: i64) -> Self {
        FileBody {
            file,
            offset,
            length,
            remain: 0,
        }
    }
}

impl<F: Read + Seek> BodySource for FileBody<F> {
    fn provide(&mut self, sess: &Session, buf: &mut [u8]) -> isize {
        if buf.is_empty() {
            let pos = if self.offset < 0 {
                Err(std::io::Error::from_raw_os_error(libc::EINVAL))
            } else {
                self.file.seek(SeekFrom::Start(self.offset as u64))
            };
            return match pos {
                Ok(p) if p == self.offset as u64 => {
                    self.remain = self.length;
                    0
                }
                other => {
                    let why = match other {
                        Err(e) => crate::net::error::message(&e),
                        Ok(_) => b"offset invalid".to_vec(),
                    };
                    sess.set_error_fmt(format_args!(
                        "Could not seek to offset {} of request body file: {}",
                        self.offset,
                        String::from_utf8_lossy(&why)
                    ));
                    -1
                }
            };
        }
        if self.remain <= 0 {
            return 0;
        }
        let want = buf
            .len()
            .min(usize::try_from(self.remain).unwrap_or(usize::MAX));
        loop {
            match self.file.read(&mut buf[..want]) {
                Ok(0) => {
                    sess.set_error(&[b"Premature EOF in request body file"]);
                    return -1;
                }
                Ok(n) => {
                    self.remain -= n as i64;
                    return n as isize;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let why = crate::net::error::message(&e);
                    sess.set_error(&[b"Failed reading request body file: ", &why]);
                    return -1;
                }
            }
        }
    }
}
