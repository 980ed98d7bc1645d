//! Sending a request: serialisation, the body, interim responses, and the
//! single transparent retry on a persistent connection that turned out to be
//! closed (neon's build_request / send_request / send_request_body).

use super::codes::{ERROR, OK, RETRY, reqflag};
use super::request::Request;
use super::session::{Event, HopKind};
use crate::debug;
use crate::net::SockError;

/// neon's NE_BUFSIZ: the block size handed to body providers.
pub const BLOCK: usize = 8192;
/// Room kept before each chunk for "\r\n%04x\r\n".
const CHUNK_OFFSET: usize = 8;
/// neon 0.32.5's limit on interim (1xx) responses.
const MAX_INTERIM: u32 = 128;

/// neon's RETRY_RET: an EOF or reset while `retry` is set means the
/// persistent connection had timed out; the request is sent again.
pub(crate) fn retry_ret(retry: bool, e: SockError, aborted: i32) -> i32 {
    if retry && matches!(e, SockError::Closed | SockError::Reset | SockError::Trunc) {
        RETRY
    } else {
        aborted
    }
}

impl Request {
    /// Abandons the request after a protocol or transport error while
    /// `doing`: sets the error string, closes the connection (neon's aborted()).
    pub(crate) fn aborted(&self, doing: &[u8], e: Option<SockError>) -> i32 {
        crate::debug!(debug::HTTP, |o| {
            let code = e.map_or(0, SockError::code);
            debug::put_fmt(o, format_args!("Aborted request ({code}): "));
            debug::put(o, &[doing, b"\n"]);
        });
        let sess = &self.sess;
        let mut ret = ERROR;
        match e {
            Some(SockError::Closed) => {
                let via_proxy = {
                    let st = sess.state.borrow();
                    st.nexthop
                        .is_some_and(|h| st.host(h).kind != HopKind::Direct)
                };
                let who: &[u8] = if via_proxy {
                    b"proxy server"
                } else {
                    b"server"
                };
                sess.set_error(&[doing, b": connection was closed by ", who]);
            }
            Some(SockError::Timeout) => {
                sess.set_error(&[doing, b": connection timed out"]);
                ret = super::codes::TIMEOUT;
            }
            Some(SockError::Error | SockError::Reset | SockError::Trunc) => {
                let detail = self.with_socket(|s| s.error().to_vec()).unwrap_or_default();
                sess.set_error(&[doing, b": ", &detail]);
            }
            Some(SockError::Retry) => {}
            None => sess.set_error(&[doing]),
        }
        sess.close_connection();
        ret
    }

    /// Runs `f` on the connection's socket, if there is one.
    pub(crate) fn with_socket<T>(&self, f: impl FnOnce(&mut crate::net::Socket) -> T) -> Option<T> {
        let mut st = self.sess.state.borrow_mut();
        st.socket.as_mut().map(f)
    }

    /// Serialises the request line, headers, Expect, pre_send hook output and
    /// the final CRLF into `self.out`.
    fn build(&self) {
        let mut out = std::mem::take(&mut *self.out.borrow_mut());
        out.clear();
        out.extend_from_slice(self.method().bytes());
        out.push(b' ');
        out.extend_from_slice(self.target().bytes());
        out.extend_from_slice(b" HTTP/1.1\r\n");
        out.extend_from_slice(&self.headers.borrow());
        if self.body_length.get() != 0 && self.flag(reqflag::EXPECT100) != 0 {
            out.extend_from_slice(b"Expect: 100-continue\r\n");
        }
        crate::debug!(debug::HTTP, "Running pre_send hooks\n");
        self.sess.hooks.pre_send.run(|h| h(self, &mut out));
        out.extend_from_slice(b"\r\n");
        crate::debug!(debug::HTTP, |o| {
            o.extend_from_slice(b"Sending request headers:\n");
            let plain = debug::enabled(debug::HTTPPLAIN);
            o.extend_from_slice(&debug::blank_credentials(&out, plain));
        });
        *self.out.borrow_mut() = out;
    }

    /// Sends the request and reads the final status line: neon's
    /// send_request, run at most twice by begin_request.
    fn send_once(&self) -> i32 {
        crate::debug!(debug::HTTP, "Sending request-line and headers:\n");
        let ret = self.sess.open_connection();
        if ret != OK {
            return ret;
        }
        let mut retry = self.sess.state.borrow().persisted;
        let sent = {
            let out = self.out.borrow();
            self.with_socket(|s| s.fullwrite(&out))
                .unwrap_or(Err(SockError::Error))
        };
        if let Err(e) = sent {
            let aret = self.aborted(b"Could not send request", Some(e));
            return retry_ret(retry, e, aret);
        }
        let has_body = self.body_length.get() != 0;
        let expect100 = self.flag(reqflag::EXPECT100) != 0;
        if !expect100 && has_body {
            let ret = self.send_body(retry);
            if ret != OK {
                return ret;
            }
        }
        crate::debug!(
            debug::HTTP,
            "Request sent; retry is {}.\n",
            i32::from(retry)
        );
        let mut sent_body = false;
        let mut count = 0;
        let mut ret;
        loop {
            if count >= MAX_INTERIM {
                return self.aborted(b"Too many interim responses", None);
            }
            ret = self.read_status_line(retry);
            if ret != OK || self.status.klass.get() != 1 {
                break;
            }
            if self.status.code.get() == 101 && self.asks_upgrade() {
                // The protocol switch the request asked for: final.
                break;
            }
            crate::debug!(
                debug::HTTP,
                "[req] Interim {} response {}.\n",
                self.status.code.get(),
                count
            );
            // Something was read: never retry from here on.
            retry = false;
            ret = self.interim_response();
            if ret != OK {
                break;
            }
            if expect100 && self.status.code.get() == 100 && has_body && !sent_body {
                ret = self.send_body(false);
                if ret != OK {
                    break;
                }
                sent_body = true;
            }
            count += 1;
        }
        ret
    }

    /// The header section of an interim response, then the interim
    /// handlers. Without handlers the fields are skipped, as neon 0.32.5
    /// does; with handlers they are read as neon 0.37 reads them, so that
    /// the handlers can look at them. Trailers of an earlier response are
    /// forgotten either way (neon 0.37 does).
    fn interim_response(&self) -> i32 {
        self.trailers.borrow_mut().clear();
        let handlers: Vec<_> = self.interim.borrow().clone();
        if handlers.is_empty() {
            return self.discard_headers();
        }
        self.clear_fields();
        let ret = self.read_headers(super::response::Section::Interim);
        if ret != OK {
            return ret;
        }
        for h in handlers {
            h(self, &self.status);
        }
        OK
    }

    /// Whether the request carries an Upgrade field (RFC 9110 §7.8): a 101
    /// answering it is the final response, where neon 0.32.5 takes every
    /// 1xx as interim.
    fn asks_upgrade(&self) -> bool {
        let out = self.out.borrow();
        out.split(|&b| b == b'\n')
            .skip(1)
            .any(|l| l.len() > 8 && l[..8].eq_ignore_ascii_case(b"upgrade:"))
    }

    /// Builds and sends the request, retrying once after a persistent
    /// connection timeout; leaves the final status in `self.status`.
    pub(crate) fn send(&self) -> i32 {
        let (idempotent, (persisted, switched), connauth) = (
            self.flag(reqflag::IDEMPOTENT) != 0,
            {
                let st = self.sess.state.borrow();
                (st.persisted, st.switched)
            },
            self.sess.flag(super::codes::sessflag::CONNAUTH) != 0,
        );
        // A non-idempotent request must not be retried, so it must not ride
        // on a connection that may have timed out; a connection that
        // switched protocols no longer speaks HTTP.
        if !idempotent && persisted && !connauth {
            crate::debug!(
                debug::HTTP,
                "req: Closing connection for non-idempotent request.\n"
            );
            self.sess.close_connection();
        } else if switched {
            self.sess.close_connection();
        }
        self.build();
        let mut ret = self.send_once();
        if ret == RETRY {
            crate::debug!(debug::HTTP, "Persistent connection timed out, retrying.\n");
            ret = self.send_once();
        }
        if ret == RETRY { ERROR } else { ret }
    }

    /// Sends the body from its source in blocks, chunked if the length is
    /// unknown (neon's send_request_body).
    fn send_body(&self, retry: bool) -> i32 {
        let length = self.body_length.get();
        let chunked = length < 0;
        let mut buf = [0u8; BLOCK];
        let start = if chunked { CHUNK_OFFSET } else { 0 };
        let mut progress: i64 = 0;
        let total = if chunked { -1 } else { length };
        crate::debug!(debug::HTTP, "Sending request body:\n");
        self.sess.notify(&Event::Sending { progress: 0, total });

        let mut body = self.body.borrow_mut();
        let Some(source) = body.as_mut() else {
            self.sess.close_connection();
            return ERROR;
        };
        if source.provide(&self.sess, &mut []) != 0 {
            drop(body);
            self.sess.close_connection();
            return ERROR;
        }
        let mut chunks = 0;
        loop {
            let n = source.provide(&self.sess, &mut buf[start..]);
            if n <= 0 {
                drop(body);
                if n < 0 {
                    crate::debug!(debug::HTTP, "Request body provider failed with {n}\n");
                    self.sess.close_connection();
                    return ERROR;
                }
                break;
            }
            let n = (n as usize).min(BLOCK - start);
            progress += n as i64;
            let block = if chunked {
                // First chunk "%06x\r\n", later ones "\r\n%04x\r\n": 8 bytes either way.
                let prefix = if chunks == 0 {
                    format!("{n:06x}\r\n")
                } else {
                    format!("\r\n{n:04x}\r\n")
                };
                buf[..CHUNK_OFFSET].copy_from_slice(&prefix.as_bytes()[..CHUNK_OFFSET]);
                chunks += 1;
                &buf[..CHUNK_OFFSET + n]
            } else {
                &buf[..n]
            };
            if let Err(e) = self
                .with_socket(|s| s.fullwrite(block))
                .unwrap_or(Err(SockError::Error))
            {
                drop(body);
                let aret = self.aborted(b"Could not send request body", Some(e));
                return retry_ret(retry, e, aret);
            }
            crate::debug!(debug::HTTPBODY, |o| {
                debug::put_fmt(o, format_args!("Body block ({} bytes):\n[", block.len()));
                debug::put(o, &[block, b"]\n"]);
            });
            self.sess.notify(&Event::Sending { progress, total });
        }
        if chunked {
            let term: &[u8] = if chunks == 0 {
                b"0\r\n\r\n"
            } else {
                b"\r\n0\r\n\r\n"
            };
            if let Err(e) = self
                .with_socket(|s| s.fullwrite(term))
                .unwrap_or(Err(SockError::Error))
            {
                let aret = self.aborted(b"Could not send chunked request terminator", Some(e));
                return retry_ret(retry, e, aret);
            }
        }
        OK
    }
}
