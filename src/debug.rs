//! neon's debug channels (`ne_debug_init`): one global mask, tested before
//! anything is formatted, and one sink that receives each finished line.
//!
//! The core writes trace lines with [`debug!`]; the C face registers the
//! sink (a writer to the program's `FILE *`), so this module knows nothing
//! of C. With a channel off, a trace point costs one relaxed load and a
//! branch; the formatting lives in cold functions.

use std::fmt;
use std::io::Write;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, RwLock};

pub const SOCKET: i32 = 1 << 0;
pub const HTTP: i32 = 1 << 1;
pub const XML: i32 = 1 << 2;
pub const HTTPAUTH: i32 = 1 << 3;
pub const HTTPPLAIN: i32 = 1 << 4;
pub const LOCKS: i32 = 1 << 5;
pub const XMLPARSE: i32 = 1 << 6;
pub const HTTPBODY: i32 = 1 << 7;
pub const SSL: i32 = 1 << 8;
/// Flush the stream after this line.
pub const FLUSH: i32 = 1 << 30;

/// Receives each trace line (raw bytes, as neon's printf would write them)
/// and whether the stream must be flushed afterwards.
pub type Sink = dyn Fn(&[u8], bool) + Send + Sync;

static MASK: AtomicI32 = AtomicI32::new(0);
static SINK: RwLock<Option<Arc<Sink>>> = RwLock::new(None);

/// Whether any of the channels `ch` is on.
#[inline(always)]
pub fn enabled(ch: i32) -> bool {
    MASK.load(Ordering::Relaxed) & ch != 0
}

/// The channels on.
pub fn mask() -> i32 {
    MASK.load(Ordering::Relaxed)
}

/// Sets the channels on and where lines go (None: nowhere, and every
/// channel is then off).
pub fn init(mask: i32, sink: Option<Arc<Sink>>) {
    let on = if sink.is_some() { mask } else { 0 };
    *SINK.write().unwrap_or_else(|e| e.into_inner()) = sink;
    MASK.store(on, Ordering::Relaxed);
}

fn deliver(ch: i32, line: &[u8]) {
    let sink = SINK.read().unwrap_or_else(|e| e.into_inner()).clone();
    if let Some(sink) = sink {
        sink(line, ch & FLUSH == FLUSH);
    }
}

/// Formats and writes one line; [`debug!`] calls it once the mask allows.
#[cold]
#[inline(never)]
pub fn emit(ch: i32, args: fmt::Arguments<'_>) {
    match args.as_str() {
        Some(s) => deliver(ch, s.as_bytes()),
        None => deliver(ch, fmt::format(args).as_bytes()),
    }
}

/// Builds a line of raw bytes with `build`, then writes it.
#[cold]
#[inline(never)]
pub fn emit_with(ch: i32, build: impl FnOnce(&mut Vec<u8>)) {
    let mut line = Vec::new();
    build(&mut line);
    deliver(ch, &line);
}

/// What C's `%s` prints of a byte string: up to its first NUL.
pub fn c_str(b: &[u8]) -> &[u8] {
    match memchr::memchr(0, b) {
        Some(n) => &b[..n],
        None => b,
    }
}

/// Writes `parts` one after the other, each as `%s` prints it.
pub fn put(out: &mut Vec<u8>, parts: &[&[u8]]) {
    for p in parts {
        out.extend_from_slice(c_str(p));
    }
}

/// Writes formatted text (for use inside `debug!(ch, |o| ...)`).
pub fn put_fmt(out: &mut Vec<u8>, args: fmt::Arguments<'_>) {
    let _ = out.write_fmt(args);
}

/// A trace line on channel(s) `ch`, formatted only if one of them is on:
/// `debug!(HTTP, "Got {} bytes.\n", n)`, or with raw bytes
/// `debug!(HTTP, |o| put(o, &[b"[hdr] ", line]))`.
#[macro_export]
macro_rules! debug {
    ($ch:expr, |$o:ident| $body:expr) => {
        if $crate::debug::enabled($ch) {
            $crate::debug::emit_with($ch, |$o: &mut Vec<u8>| {
                $body;
            })
        }
    };
    ($ch:expr, $($arg:tt)+) => {
        if $crate::debug::enabled($ch) {
            $crate::debug::emit($ch, format_args!($($arg)+))
        }
    };
}

/// A request as the HTTP channel shows it: the value of every
/// `Authorization` or `Proxy-Authorization` field replaced by as many `x`
/// characters (neon's rule). With `keep_scheme` (the HTTPPLAIN channel,
/// where neon shows everything) the scheme name stays readable; the
/// credentials are blanked on every channel.
pub fn blank_credentials(request: &[u8], keep_scheme: bool) -> Vec<u8> {
    const KEY: &[u8] = b"Authorization: ";
    let mut out = c_str(request).to_vec();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&out[at..], KEY) {
        let mut p = at + i + KEY.len();
        if keep_scheme {
            while p < out.len() && !matches!(out[p], b'\r' | b' ') {
                p += 1;
            }
            if out.get(p) == Some(&b' ') {
                p += 1;
            }
        }
        while p < out.len() && out[p] != b'\r' {
            out[p] = b'x';
            p += 1;
        }
        at = p;
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::sync::Mutex;

    // The mask is global: tests that set it run one at a time.
    pub(crate) static SERIAL: Mutex<()> = Mutex::new(());

    #[test]
    fn off_means_nothing_is_formatted() {
        let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let seen = Arc::new(Mutex::new(Vec::<u8>::new()));
        let s2 = seen.clone();
        init(
            HTTP | FLUSH,
            Some(Arc::new(move |b: &[u8], _| {
                s2.lock().unwrap().extend_from_slice(b)
            })),
        );
        struct Panics;
        impl fmt::Display for Panics {
            fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
                panic!("formatted with the channel off")
            }
        }
        debug!(SOCKET, "{}", Panics);
        debug!(HTTP, "Got {} bytes.\n", 5);
        debug!(HTTP | SOCKET, |o| put(
            o,
            &[b"[hdr] ", b"A: b\0hidden", b"\n"]
        ));
        init(0, None);
        debug!(HTTP, "{}", Panics);
        assert_eq!(&*seen.lock().unwrap(), b"Got 5 bytes.\n[hdr] A: b\n");
    }

    #[test]
    fn credentials_are_blanked() {
        let req: &[u8] = b"GET / HTTP/1.1\r\nAuthorization: Basic YWxhZGRpbjpvcGVu\r\n\
              Proxy-Authorization: Basic eA==\r\nX: Authorization: \r\n\r\n";
        assert_eq!(
            blank_credentials(req, false),
            b"GET / HTTP/1.1\r\nAuthorization: xxxxxxxxxxxxxxxxxxxxxx\r\n\
              Proxy-Authorization: xxxxxxxxxx\r\nX: Authorization: \r\n\r\n"
                .to_vec()
        );
        assert_eq!(
            blank_credentials(req, true),
            b"GET / HTTP/1.1\r\nAuthorization: Basic xxxxxxxxxxxxxxxx\r\n\
              Proxy-Authorization: Basic xxxx\r\nX: Authorization: \r\n\r\n"
                .to_vec()
        );
    }
}
