//! Reading a response with neon 0.32.5's rules: status line (lenient, ICY
//! optional), header fields with folding and merging, the message-length
//! decision, body blocks for the readers, trailers, and persistence.

use std::io::Write;

use super::codes::{ERROR, FAILED, OK, RETRY, sessflag};
use super::request::{Mode, Request, Resp};
use super::send::{BLOCK, retry_ret};
use super::session::{Event, HopKind};
use super::status;
use crate::debug;
use crate::net::SockError;

/// neon's response line buffer (NE_BUFSIZ) and header limits.
const LINE_MAX: usize = 8192;
const MAX_HEADER_LEN: usize = 8192;
const MAX_HEADER_FIELDS: usize = 100;

/// Which header section is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Head,
    Interim,
    Trailers,
}

/// Outcome of reading one (possibly folded) header field.
enum Field {
    Header,
    End,
}

/// Drops trailing CR and LF characters (neon's strip_eol).
fn strip_eol(line: &mut Vec<u8>) {
    while matches!(line.last(), Some(b'\r' | b'\n')) {
        line.pop();
    }
}

/// The C-string view of a line: up to its first NUL.
fn c_str(b: &[u8]) -> &[u8] {
    match memchr::memchr(0, b) {
        Some(n) => &b[..n],
        None => b,
    }
}

fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// C's atoi(): optional blanks and sign, then digits, wrapping on overflow.
fn atoi(s: &[u8]) -> i32 {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut v: i32 = 0;
    while let Some(d) = s.get(i).filter(|c| c.is_ascii_digit()) {
        v = v.wrapping_mul(10).wrapping_add(i32::from(d - b'0'));
        i += 1;
    }
    if neg { v.wrapping_neg() } else { v }
}

/// C's strtoul-family scan of an unsigned number in `radix` (16 accepts a
/// 0x prefix): blanks, sign, digits. Returns the value (saturated to
/// u64::MAX on overflow, negated modulo 2^64 for '-') and whether any digit
/// was read.
fn strtou(s: &[u8], radix: u32) -> (u64, bool, usize) {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    if radix == 16
        && s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit())
    {
        i += 2;
    }
    let start = i;
    let mut v: u64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(i).and_then(|c| (*c as char).to_digit(radix)) {
        match v
            .checked_mul(u64::from(radix))
            .and_then(|x| x.checked_add(u64::from(d)))
        {
            Some(x) => v = x,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return (0, false, 0);
    }
    let v = if overflow {
        u64::MAX
    } else if neg {
        v.wrapping_neg()
    } else {
        v
    };
    (v, true, i)
}

/// A Content-Length value as neon accepts it: strtoll() consuming the whole
/// non-empty value, non-negative and not saturated.
fn parse_content_length(v: &[u8]) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    let mut i = 0;
    while i < v.len() && is_c_space(v[i]) {
        i += 1;
    }
    let neg = v.get(i) == Some(&b'-');
    if matches!(v.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let digits = &v[i..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mag = digits.iter().try_fold(0i64, |a, d| {
        a.checked_mul(10)?.checked_add(i64::from(d - b'0'))
    });
    match (mag, neg) {
        (Some(m), false) if m != i64::MAX => Some(m),
        (Some(0), true) => Some(0),
        _ => None,
    }
}

impl Request {
    /// Appends one line (with its line end) to `out`, within the socket's
    /// limits; returns its length.
    fn read_line_into(&self, max: usize, out: &mut Vec<u8>) -> Result<usize, SockError> {
        let r = self.with_socket(|s| {
            s.readline(max).map(|l| {
                out.extend_from_slice(l);
                l.len()
            })
        });
        r.unwrap_or(Err(SockError::Error))
    }

    /// Reads a line into the scratch buffer.
    fn read_line(&self, max: usize) -> Result<(), SockError> {
        let mut line = self.line.borrow_mut();
        line.clear();
        self.read_line_into(max, &mut line).map(|_| ())
    }

    /// Reads and parses a status line into `self.status` (neon's
    /// read_status_line); `retry` allows NE_RETRY on EOF.
    pub(crate) fn read_status_line(&self, retry: bool) -> i32 {
        if let Err(e) = self.read_line(LINE_MAX) {
            let aret = self.aborted(b"Could not read status line", Some(e));
            return retry_ret(retry, e, aret);
        }
        let mut line = self.line.borrow_mut();
        crate::debug!(debug::HTTP, |o| debug::put(
            o,
            &[b"[status-line] < ", &line]
        ));
        strip_eol(&mut line);
        let st = &self.status;
        st.reset();
        self.reason.set(None);
        let text = c_str(&line);
        let icy = self.sess.flag(sessflag::ICYPROTO) != 0
            && text.starts_with(b"ICY ")
            && text.len() > 8
            && text[7] == b' ';
        let (reason, ok) = if icy {
            st.code.set(atoi(&text[4..]));
            st.major.set(1);
            st.minor.set(0);
            st.klass.set(i32::from(text[4]) - i32::from(b'0'));
            crate::debug!(
                debug::HTTP,
                "[status-line] ICY protocol; code {}\n",
                st.code.get()
            );
            (&text[8..], true)
        } else if let Some(p) = status::parse(text) {
            st.major.set(p.major);
            st.minor.set(p.minor);
            st.code.set(p.code);
            st.klass.set(p.klass);
            (p.reason, true)
        } else {
            (&text[..0], false)
        };
        if !ok {
            drop(line);
            return self.aborted(b"Could not parse response status line", None);
        }
        let mut reasons = self.reasons.borrow_mut();
        let span = reasons.push(&[reason]);
        reasons.clean(span);
        st.reason.set(reasons.ptr(span));
        self.reason.set(Some(span));
        OK
    }

    /// Skips the header section of an interim response.
    pub(crate) fn discard_headers(&self) -> i32 {
        loop {
            if let Err(e) = self.read_line(LINE_MAX) {
                return self.aborted(b"Could not read interim response headers", Some(e));
            }
            crate::debug!(debug::HTTP, |o| debug::put(
                o,
                &[b"[discard] < ", &self.line.borrow()]
            ));
            if c_str(&self.line.borrow()) == b"\r\n" {
                return OK;
            }
        }
    }

    /// Reads one header field with its continuation lines into `hdr`
    /// (neon's read_message_header).
    fn read_field(&self, hdr: &mut Vec<u8>) -> Result<Field, i32> {
        const DOING: &[u8] = b"Error reading response headers";
        hdr.clear();
        if let Err(e) = self.read_line_into(MAX_HEADER_LEN, hdr) {
            return Err(self.aborted(DOING, Some(e)));
        }
        crate::debug!(debug::HTTP, |o| debug::put(o, &[b"[hdr] ", hdr]));
        strip_eol(hdr);
        if hdr.is_empty() {
            crate::debug!(debug::HTTP, "End of headers.\n");
            return Ok(Field::End);
        }
        while hdr.len() < MAX_HEADER_LEN {
            let next = self
                .with_socket(|s| s.peek_byte())
                .unwrap_or(Err(SockError::Error));
            match next {
                Err(e) => return Err(self.aborted(DOING, Some(e))),
                Ok(b' ' | b'\t') => {}
                Ok(_) => return Ok(Field::Header),
            }
            // A continuation line: joined with its first blank made a space.
            let start = hdr.len();
            if let Err(e) = self.read_line_into(MAX_HEADER_LEN - start, hdr) {
                return Err(self.aborted(DOING, Some(e)));
            }
            crate::debug!(debug::HTTP, |o| debug::put(o, &[b"[cont] ", &hdr[start..]]));
            strip_eol(hdr);
            if hdr.len() > start {
                hdr[start] = b' ';
            }
        }
        // neon returns here without closing the connection.
        self.sess.set_error(&[b"Response header too long"]);
        Err(ERROR)
    }

    /// Reads header fields into the response table: neon 0.32.5's
    /// parsing for the response head and for trailers (which 0.32.5 merges
    /// into the head's fields; they are also kept apart, parsed as neon 0.37
    /// does), neon 0.37's for interim responses whose fields a handler may
    /// read.
    pub(crate) fn read_headers(&self, section: Section) -> i32 {
        // The line scratch is free here (status and chunk lines are done):
        // borrowed out so that a warm request allocates nothing.
        let mut hdr = std::mem::take(&mut *self.line.borrow_mut());
        let mut count = 0;
        let ret = loop {
            match self.read_field(&mut hdr) {
                Err(code) => break code,
                Ok(Field::End) => break OK,
                Ok(Field::Header) => {}
            }
            count += 1;
            if count >= MAX_HEADER_FIELDS {
                break self.aborted(b"Response exceeded maximum number of header fields", None);
            }
            let line = c_str(&hdr);
            match section {
                Section::Head => self.store_field(line),
                Section::Interim => self.resp_headers.borrow_mut().add_strict(line),
                Section::Trailers => {
                    let mut head_only = self.head_only.borrow_mut();
                    if head_only.is_none() {
                        *head_only = Some(self.resp_headers.borrow().clone());
                    }
                    drop(head_only);
                    self.trailers.borrow_mut().add_strict(line);
                    self.store_field(line);
                }
            }
        };
        hdr.clear();
        *self.line.borrow_mut() = hdr;
        ret
    }

    /// Forgets the fields of an earlier response (or attempt): the head's
    /// and the trailers.
    pub(crate) fn clear_fields(&self) {
        self.resp_headers.borrow_mut().clear();
        self.trailers.borrow_mut().clear();
        *self.head_only.borrow_mut() = None;
    }

    /// Splits "Name : value" as neon does and stores it; lines without a
    /// colon after the name are ignored.
    fn store_field(&self, line: &[u8]) {
        let mut end = line.len();
        while end > 1 && matches!(line[end - 1], b' ' | b'\t') {
            end -= 1;
        }
        let line = &line[..end];
        let name_end = line
            .iter()
            .position(|&c| matches!(c, b':' | b' ' | b'\t'))
            .unwrap_or(line.len());
        let mut p = name_end;
        while p < line.len() && matches!(line[p], b' ' | b'\t') {
            p += 1;
        }
        if line.get(p) != Some(&b':') {
            return;
        }
        p += 1;
        while p < line.len() && matches!(line[p], b' ' | b'\t') {
            p += 1;
        }
        crate::debug!(debug::HTTP, |o| debug::put(
            o,
            &[
                b"Header Name: [",
                &line[..name_end].to_ascii_lowercase(),
                b"], Value: [",
                &line[p..],
                b"]\n"
            ]
        ));
        self.resp_headers
            .borrow_mut()
            .add_any_case(&line[..name_end], &line[p..]);
    }

    /// Applies the Connection (and Proxy-Connection) response headers to
    /// persistence; for HTTP/1.0, drops the fields Connection lists.
    fn apply_connection_headers(&self) {
        let is_http11 = self.sess.is_http11();
        let mut forced_close = false;
        let listed = self.with_response_header(b"connection", |value| {
            let mut listed = Vec::new();
            for token in value.split(|&c| c == b',') {
                let t = shave(token);
                if t.eq_ignore_ascii_case(b"close") {
                    self.can_persist.set(false);
                    forced_close = true;
                } else if t.eq_ignore_ascii_case(b"keep-alive") {
                    self.can_persist.set(true);
                } else if !is_http11 && !t.eq_ignore_ascii_case(b"connection") {
                    listed.push(t.to_ascii_lowercase());
                }
            }
            listed
        });
        for name in listed.unwrap_or_default() {
            self.resp_headers.borrow_mut().remove(&name);
        }
        let via_http_proxy = {
            let st = self.sess.state.borrow();
            st.nexthop
                .is_some_and(|h| st.host(h).kind == HopKind::HttpProxy)
        };
        if via_http_proxy && !is_http11 && !forced_close && self.sess.flag(sessflag::CONNAUTH) != 0
        {
            let keep = self.with_response_header(b"proxy-connection", |v| {
                v.eq_ignore_ascii_case(b"keep-alive")
            });
            if keep == Some(true) {
                crate::debug!(
                    debug::HTTP,
                    "req: Using persistent connection for HTTP/1.0 proxy requiring conn-auth hack.\n"
                );
                self.can_persist.set(true);
            }
        }
    }

    /// Decides how the body is delimited; NE_* code.
    fn decide_length(&self) -> i32 {
        let code = self.status.code.get();
        let in_connect = self.sess.state.borrow().in_connect;
        let mut resp = Resp {
            mode: Mode::TillEof,
            remain: 0,
            total: -1,
        };
        if in_connect && self.status.klass.get() == 2 {
            resp.mode = Mode::NoBody;
            self.can_persist.set(true);
        } else if code == 101 || (self.method_is_connect && self.status.klass.get() == 2) {
            // The connection now speaks another protocol (the upgrade the
            // request asked for, or a tunnel, RFC 9110 §9.3.6): no body;
            // the session keeps it for detaching and never reuses it.
            resp.mode = Mode::NoBody;
            self.switching.set(true);
            self.sess.state.borrow_mut().switched = true;
        } else if self.method_is_head || code == 204 || code == 304 {
            resp.mode = Mode::NoBody;
        } else if let Some(chunked) = self
            .with_response_header(b"transfer-encoding", |v| {
                (!v.eq_ignore_ascii_case(b"identity")).then(|| v.eq_ignore_ascii_case(b"chunked"))
            })
            .flatten()
        {
            if !chunked {
                return self.aborted(b"Unknown transfer-coding in response", None);
            }
            resp.mode = Mode::Chunked;
        } else if let Some(cl) = self.with_response_header(b"content-length", parse_content_length)
        {
            let Some(len) = cl else {
                return self.aborted(b"Invalid Content-Length in response", None);
            };
            resp.mode = Mode::Length;
            resp.remain = len as u64;
            resp.total = len;
        }
        self.resp.set(resp);
        OK
    }

    /// neon's `ne_begin_request`: sends the request and reads the response
    /// head; the body is then read with [`Request::read_block`].
    pub fn begin(&self) -> i32 {
        self.reasons.borrow_mut().clear();
        let ret = self.send();
        if ret != OK {
            return ret;
        }
        let (major, minor) = (self.status.major.get(), self.status.minor.get());
        let is_http11 = (major == 1 && minor > 0) || major > 1;
        self.sess.state.borrow_mut().is_http11 = is_http11;
        if is_http11 {
            self.can_persist.set(true);
        }
        self.set_status_error();
        self.clear_fields();
        let ret = self.read_headers(Section::Head);
        if ret != OK {
            return ret;
        }
        self.apply_connection_headers();
        let ret = self.decide_length();
        if ret != OK {
            return ret;
        }
        crate::debug!(debug::HTTP, "Running post_headers hooks\n");
        self.sess.hooks.post_headers.run(|h| h(self, &self.status));
        // Ask each reader (no borrow held: acceptors may re-enter).
        let mut i = 0;
        loop {
            let Some(accept) = self.readers.borrow().get(i).map(|r| r.accept.clone()) else {
                break;
            };
            let used = accept(self, &self.status);
            if let Some(r) = self.readers.borrow().get(i) {
                r.used.set(used);
            }
            i += 1;
        }
        let total = if self.resp.get().mode == Mode::Length {
            self.resp.get().total
        } else {
            -1
        };
        self.progress.set(0);
        self.sess.notify(&Event::Recving { progress: 0, total });
        OK
    }

    /// "<code> <reason>" as the session error after any response.
    fn set_status_error(&self) {
        let reasons = self.reasons.borrow();
        // Cleaned reasons are printable ASCII.
        let reason = self.reason.get().map_or(&b""[..], |s| reasons.get(s));
        let reason = std::str::from_utf8(reason).unwrap_or("");
        self.sess
            .set_error_fmt(format_args!("{} {}", self.status.code.get(), reason));
    }

    /// Reads the next block of the body into `buf` (neon's
    /// read_response_block); Ok(0) at the end.
    fn read_raw_block(&self, buf: &mut [u8]) -> Result<usize, i32> {
        let mut resp = self.resp.get();
        let willread = match resp.mode {
            Mode::Chunked => {
                if resp.remain == 0 {
                    if let Err(e) = self.read_line(LINE_MAX) {
                        return Err(self.aborted(b"Could not read chunk size", Some(e)));
                    }
                    crate::debug!(debug::HTTP, |o| debug::put(
                        o,
                        &[b"[chunk] < ", &self.line.borrow()]
                    ));
                    let (size, any, _) = strtou(c_str(&self.line.borrow()), 16);
                    if !any || size == u64::MAX || size > u64::from(u32::MAX) {
                        return Err(self.aborted(b"Could not parse chunk size", None));
                    }
                    crate::debug!(debug::HTTP, "Got chunk size: {size}\n");
                    resp.remain = size;
                    self.resp.set(resp);
                }
                buf.len()
                    .min(usize::try_from(resp.remain).unwrap_or(usize::MAX))
            }
            Mode::Length => buf
                .len()
                .min(usize::try_from(resp.remain).unwrap_or(usize::MAX)),
            Mode::TillEof => buf.len(),
            Mode::NoBody => 0,
        };
        if willread == 0 {
            return Ok(0);
        }
        crate::debug!(debug::HTTP, "Reading {willread} bytes of response body.\n");
        let got = self
            .with_socket(|s| s.read(&mut buf[..willread]))
            .unwrap_or(Err(SockError::Error));
        let n = match got {
            Ok(n) => {
                crate::debug!(debug::HTTP, "Got {n} bytes.\n");
                n
            }
            Err(SockError::Closed | SockError::Trunc) if resp.mode == Mode::TillEof => {
                crate::debug!(debug::HTTP, "Got EOF.\n");
                self.can_persist.set(false);
                0
            }
            Err(e) => return Err(self.aborted(b"Could not read response body", Some(e))),
        };
        crate::debug!(debug::HTTPBODY, |o| {
            debug::put_fmt(o, format_args!("Read block ({n} bytes):\n["));
            debug::put(o, &[&buf[..n], b"]\n"]);
        });
        match resp.mode {
            Mode::Chunked => {
                resp.remain -= n as u64;
                self.resp.set(resp);
                if resp.remain == 0 {
                    let mut crlf = [0u8; 2];
                    let r = self
                        .with_socket(|s| s.fullread(&mut crlf))
                        .unwrap_or(Err(SockError::Error));
                    if let Err(e) = r {
                        return Err(self.aborted(b"Could not read chunk delimiter", Some(e)));
                    }
                    if crlf != *b"\r\n" {
                        return Err(self.aborted(b"Chunk delimiter was invalid", None));
                    }
                }
            }
            Mode::Length => {
                resp.remain -= n as u64;
                self.resp.set(resp);
            }
            _ => {}
        }
        Ok(n)
    }

    /// neon's `ne_read_response_block`: a block for the caller and every
    /// accepted reader. Returns the length (0 at the end) or -1 on error.
    pub fn read_block(&self, buf: &mut [u8]) -> isize {
        let n = match self.read_raw_block(buf) {
            Ok(n) => n,
            Err(_) => return -1,
        };
        if n > 0 {
            let progress = self.progress.get() + n as i64;
            self.progress.set(progress);
            let total = if self.resp.get().mode == Mode::Length {
                self.resp.get().total
            } else {
                -1
            };
            self.sess.notify(&Event::Recving { progress, total });
        }
        let mut i = 0;
        loop {
            let reader = self
                .readers
                .borrow()
                .get(i)
                .map(|r| (r.used.get(), r.read.clone()));
            let Some((used, read)) = reader else { break };
            if used && read(&buf[..n]) != 0 {
                self.sess.close_connection();
                return -1;
            }
            i += 1;
        }
        n as isize
    }

    /// neon's `ne_end_request`: trailers, post_send hooks, persistence.
    pub fn end(&self) -> i32 {
        let mut ret = OK;
        if self.resp.get().mode == Mode::Chunked {
            ret = self.read_headers(Section::Trailers);
            if ret != OK {
                return ret;
            }
        }
        crate::debug!(debug::HTTP, "Running post_send hooks\n");
        self.sess.hooks.post_send.run_while(|h| {
            ret = h(self, &self.status);
            ret == OK
        });
        let persist = self.sess.flag(sessflag::PERSIST) != 0;
        if self.switching.get() {
            // Kept for nrs_session_detach_socket; the next request closes it.
        } else if !persist || !self.can_persist.get() {
            self.sess.close_connection();
        } else {
            self.sess.state.borrow_mut().persisted = true;
        }
        ret
    }

    /// Reads and drops the rest of the body.
    pub fn discard(&self) -> i32 {
        // A pooled block: zeroing 8 KiB per request cost a third of a
        // keep-alive request's instructions.
        let mut buf = std::mem::take(&mut *self.block.borrow_mut());
        buf.resize(BLOCK, 0);
        let ret = loop {
            match self.read_block(&mut buf) {
                0 => break OK,
                n if n < 0 => break ERROR,
                _ => {}
            }
        };
        *self.block.borrow_mut() = buf;
        ret
    }

    /// Copies the rest of the body to `out` (neon's ne_read_response_to_fd).
    pub fn read_to(&self, out: &mut dyn Write) -> i32 {
        let mut buf = [0u8; BLOCK];
        loop {
            let n = self.read_block(&mut buf);
            if n <= 0 {
                return if n == 0 { OK } else { ERROR };
            }
            if let Err(e) = out.write_all(&buf[..n as usize]) {
                let why = crate::net::error::message(&e);
                self.sess.set_error(&[b"Could not write to file: ", &why]);
                return ERROR;
            }
        }
    }

    /// neon 0.36's `ne_read_response_to_buffer`: reads the rest of the body
    /// into `buf`. Returns the code and, on success, the body's length;
    /// NE_FAILED ("Response buffer size too small") if the body does not
    /// fit. An empty `buf` reads nothing and succeeds.
    pub fn read_to_buffer(&self, buf: &mut [u8]) -> (i32, Option<usize>) {
        let mut filled = 0;
        let mut last = -1;
        while filled < buf.len() {
            last = self.read_block(&mut buf[filled..]);
            match last {
                0 => return (OK, Some(filled)),
                n if n < 0 => return (ERROR, None),
                n => filled += n as usize,
            }
        }
        if filled == 0 || last <= 0 {
            return (OK, None);
        }
        // Full: the body must end here.
        let mut probe = [0u8; 1];
        match self.read_block(&mut probe) {
            0 => (OK, Some(filled)),
            n if n < 0 => (ERROR, None),
            _ => {
                self.sess.set_error(&[b"Response buffer size too small"]);
                (FAILED, None)
            }
        }
    }

    /// neon's `ne_request_dispatch`: begin, discard, end, again while a hook
    /// asks for a retry (authentication, for instance).
    pub fn dispatch(&self) -> i32 {
        loop {
            let mut ret = self.begin();
            if ret == OK {
                ret = self.discard();
            }
            if ret == OK {
                ret = self.end();
            }
            if ret != RETRY {
                crate::debug!(debug::HTTP | debug::FLUSH, |o| {
                    debug::put_fmt(
                        o,
                        format_args!(
                            "Request ends, status {} class {}xx, error line:\n",
                            self.status.code.get(),
                            self.status.klass.get()
                        ),
                    );
                    debug::put(o, &[&self.sess.error(), b"\n"]);
                });
                return ret;
            }
        }
    }
}

/// Strips spaces and tabs at both ends (neon's ne_shave with " \t").
pub(crate) fn shave(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|c| !matches!(c, b' ' | b'\t'))
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|c| !matches!(c, b' ' | b'\t'))
        .map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_length_like_strtoll() {
        assert_eq!(parse_content_length(b"5"), Some(5));
        assert_eq!(parse_content_length(b"+7"), Some(7));
        assert_eq!(parse_content_length(b"-0"), Some(0));
        assert_eq!(parse_content_length(b"\x0b3"), Some(3));
        for bad in [
            &b""[..],
            b"-1",
            b"5 5",
            b"5, 5",
            b"x",
            b"9223372036854775807",
            b"99999999999999999999",
        ] {
            assert_eq!(parse_content_length(bad), None, "{:?}", bad);
        }
    }

    #[test]
    fn chunk_size_like_strtoul() {
        assert_eq!(strtou(b"1a\r\n", 16).0, 0x1a);
        assert_eq!(strtou(b"0x1A;ext", 16).0, 0x1a);
        assert_eq!(strtou(b"  ff", 16).0, 0xff);
        assert!(!strtou(b"zz", 16).1);
        assert_eq!(strtou(b"0x", 16), (0, true, 1));
        assert_eq!(strtou(b"-1", 16).0, u64::MAX);
        assert_eq!(strtou(b"ffffffffffffffffff", 16).0, u64::MAX);
    }

    #[test]
    fn atoi_and_shave() {
        assert_eq!(atoi(b"200 OK"), 200);
        assert_eq!(atoi(b" -12x"), -12);
        assert_eq!(atoi(b"x"), 0);
        assert_eq!(shave(b" \tkeep-alive \t"), b"keep-alive");
        assert_eq!(shave(b"   "), b"");
    }
}
