//! neon's ne_decompress_reader as an engine add-on: a body reader that
//! inflates gzip responses for the application's reader and passes every
//! other response through, attached with the engine's public pieces only
//! (a request header, a body reader and a session pre_send hook).
//!
//! As neon 0.32.5 does:
//! * "Accept-Encoding: gzip" is added to the request when the reader is;
//! * only a response whose Content-Encoding is exactly "gzip" (any case)
//!   is decoded; "deflate", "x-gzip", lists, etc. pass through untouched;
//! * a gzip response without a body (HEAD, 304, empty) is "truncated";
//! * the state is reset each time the request is sent (pre_send), so a
//!   retried or re-dispatched request decodes its new response afresh;
//! * a reader's non-zero return is passed back to the engine as it is,
//!   leaving the session error alone; a decoding error sets the session
//!   error and returns NE_ERROR.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use super::gunzip::{Gunzip, GzError, Stop};
use crate::http::codes::ERROR;
use crate::http::hooks::HookKey;
use crate::http::request::{Acceptor, BlockReader};
use crate::http::{Request, Session, StatusCell};

/// Second half of the pre_send hook key (the first is the context's address).
const HOOK_TAG: usize = 0x6e65_677a; // "negz"

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// No body block of this response yet.
    Before,
    /// Not gzip: blocks go to the reader as they are.
    Passthrough,
    Gzip,
}

struct State {
    phase: Phase,
    /// Made at the first gzip response, reused for later ones.
    gunzip: Option<Box<Gunzip>>,
}

/// The decompression context of one request.
pub struct Decompress {
    /// Address of the request it reads for (pre_send hooks are per session).
    request: usize,
    session: Weak<Session>,
    /// Whether the current response's Content-Encoding is gzip, noted when
    /// the response is accepted (its headers are complete then).
    gzip: Cell<bool>,
    state: RefCell<State>,
    reader: Rc<BlockReader>,
}

/// Adds a body reader to `req` that gives `read` the decompressed body of
/// responses `accept` accepts. Call [`Decompress::detach`] when done.
pub fn attach(req: &Request, accept: Rc<Acceptor>, read: Rc<BlockReader>) -> Rc<Decompress> {
    req.add_header(b"Accept-Encoding", b"gzip");
    let ctx = Rc::new(Decompress {
        request: req as *const Request as usize,
        session: Rc::downgrade(req.session()),
        gzip: Cell::new(false),
        state: RefCell::new(State {
            phase: Phase::Before,
            gunzip: None,
        }),
        reader: read,
    });
    let (c1, c2, c3) = (ctx.clone(), ctx.clone(), ctx.clone());
    req.add_reader(
        Rc::new(move |r: &Request, st: &StatusCell| {
            c1.note_encoding(r);
            accept(r, st)
        }),
        Rc::new(move |block: &[u8]| c2.block(block)),
    );
    req.session().hooks.pre_send.add(
        ctx.hook_key(),
        Rc::new(move |r: &Request, _: &mut Vec<u8>| {
            if r as *const Request as usize == c3.request {
                c3.reset();
            }
        }),
    );
    ctx
}

impl Decompress {
    /// Unhooks from the session (neon's ne_decompress_destroy, after which
    /// neon's reader would use freed memory). The request's body reader
    /// keeps the context, decoder included, until the request is destroyed;
    /// it still decodes, but is no longer reset between responses.
    pub fn detach(&self) {
        if let Some(s) = self.session.upgrade() {
            s.hooks.pre_send.remove(self.hook_key());
        }
    }

    fn hook_key(&self) -> HookKey {
        (self as *const Decompress as usize, HOOK_TAG)
    }

    fn note_encoding(&self, r: &Request) {
        let gzip = r
            .with_response_header(b"Content-Encoding", |v| v.eq_ignore_ascii_case(b"gzip"))
            .unwrap_or(false);
        self.gzip.set(gzip);
    }

    /// A new response is coming (the request is being sent).
    fn reset(&self) {
        // Busy only if the application re-sent the request from inside its
        // own reader; that response then finds the old state.
        if let Ok(mut st) = self.state.try_borrow_mut() {
            st.phase = Phase::Before;
            if let Some(g) = st.gunzip.as_mut() {
                g.reset();
            }
        }
    }

    fn fail(&self, e: &GzError) -> i32 {
        if let Some(s) = self.session.upgrade() {
            s.set_error_fmt(format_args!("{e}"));
        }
        ERROR
    }

    /// One block of the response body; empty at its end.
    fn block(&self, buf: &[u8]) -> i32 {
        let Ok(mut st) = self.state.try_borrow_mut() else {
            // Re-entered from the application's reader: refuse.
            return -1;
        };
        if st.phase == Phase::Before {
            if !self.gzip.get() {
                st.phase = Phase::Passthrough;
            } else if !buf.is_empty() {
                st.phase = Phase::Gzip;
                match st.gunzip.as_mut() {
                    Some(g) => g.reset(),
                    None => st.gunzip = Some(Box::new(Gunzip::new())),
                }
            }
        }
        let gunzip = match (st.phase, st.gunzip.as_mut()) {
            (Phase::Passthrough, _) => {
                drop(st);
                return (self.reader)(buf);
            }
            (Phase::Gzip, Some(g)) => g,
            // A gzip response that ended before its first byte.
            _ => return self.fail(&GzError::Truncated),
        };
        if buf.is_empty() {
            let end = gunzip.finish();
            drop(st);
            return match end {
                Ok(()) => (self.reader)(buf),
                Err(e) => self.fail(&e),
            };
        }
        let reader = &self.reader;
        let fed = gunzip.feed(buf, &mut |block: &[u8]| match reader(block) {
            0 => Ok(()),
            stop => Err(stop),
        });
        drop(st);
        match fed {
            Ok(()) => 0,
            Err(Stop::Sink(code)) => code,
            Err(Stop::Gz(e)) => self.fail(&e),
        }
    }
}
