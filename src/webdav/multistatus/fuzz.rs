//! The fuzz entry point: any body, cut any way, gives the same callbacks,
//! and responses and propstats end as they start.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Abort, Callbacks, Multistatus, Status, TEXT_LIMIT};
use crate::uri::{self, Uri};
use crate::webdav::xml::{Context, Parser, ZStr};

/// Records every callback as a line (following every response).
struct Log {
    lines: Rc<RefCell<Vec<String>>>,
    n: u32,
}

fn status(st: Option<&Status>) -> String {
    st.map_or("-".into(), |s| {
        format!(
            "{}.{} {} {} [{}]",
            s.major,
            s.minor,
            s.code,
            s.klass,
            String::from_utf8_lossy(s.reason())
        )
    })
}

fn desc(d: Option<ZStr<'_>>) -> String {
    d.map_or("-".into(), |d| format!("({})", d.as_str()))
}

impl Callbacks for Log {
    type Response = u32;
    type Propstat = u32;

    fn start_response(&mut self, cx: &Context, uri: &Uri) -> Option<u32> {
        self.n += 1;
        let u = String::from_utf8_lossy(&uri::unparse(uri)).into_owned();
        let line = format!("L{} response {} {u}", cx.line(), self.n);
        self.lines.borrow_mut().push(line);
        Some(self.n)
    }

    fn end_response(&mut self, cx: &Context, r: u32, st: Option<&Status>, d: Option<ZStr<'_>>) {
        let line = format!("L{} end response {r} {} {}", cx.line(), status(st), desc(d));
        self.lines.borrow_mut().push(line);
    }

    fn start_propstat(&mut self, cx: &Context, r: &mut u32) -> Result<Option<u32>, Abort> {
        self.n += 1;
        let line = format!("L{} propstat {} in {r}", cx.line(), self.n);
        self.lines.borrow_mut().push(line);
        Ok(Some(self.n))
    }

    fn end_propstat(
        &mut self,
        cx: &Context,
        r: Option<&mut u32>,
        p: Option<u32>,
        st: Option<&Status>,
        d: Option<ZStr<'_>>,
    ) {
        let line = format!(
            "L{} end propstat {p:?} in {r:?} {} {}",
            cx.line(),
            status(st),
            desc(d)
        );
        self.lines.borrow_mut().push(line);
    }
}

/// Parses `data` in pieces of `size` bytes (0: whole): the callbacks, then
/// the result and error.
fn callbacks(data: &[u8], size: usize) -> Vec<String> {
    let lines = Rc::new(RefCell::new(Vec::new()));
    let log = Log {
        lines: lines.clone(),
        n: 0,
    };
    let base = uri::parse(b"http://h.example/dav/coll/").expect("base");
    let mut p = Parser::new();
    p.push_handler(Box::new(Multistatus::new(base, log)));
    let size = if size == 0 { data.len().max(1) } else { size };
    for piece in data.chunks(size) {
        if p.parse(piece) != 0 {
            break;
        }
    }
    let r = p.finish();
    let mut out = lines.take();
    let mut err = String::from_utf8_lossy(&p.context().error()).into_owned();
    // The bytes after an encoding error are what the buffer held then, as
    // in libxml2: they depend on where the body was cut.
    if let Some(i) = err.find("\nBytes:") {
        err.truncate(i);
    }
    out.push(format!("result {r} error [{err}]"));
    out
}

/// Parses `data` as a 207 body whole and in pieces of several sizes; panics
/// if the callbacks differ, or if a response or propstat ends that did not
/// start (or, after a complete parse, one that started does not end).
pub fn fuzz_multistatus(data: &[u8]) {
    let whole = callbacks(data, 0);
    // What follows a callback line's "L<n> ".
    let count = |w: &str| {
        whole
            .iter()
            .filter(|l| {
                l.split_once(' ')
                    .is_some_and(|(_, rest)| rest.starts_with(w))
            })
            .count()
    };
    let (responses, propstats) = (count("response "), count("propstat "));
    let (ended_r, ended_p) = (count("end response "), count("end propstat "));
    assert!(ended_r <= responses && ended_p <= propstats);
    if whole.last().is_some_and(|l| l.starts_with("result 0 ")) {
        assert_eq!(ended_r, responses, "every response ends");
    }
    // Texts that reach neon's limit are kept by the piece, as neon keeps
    // them: only shorter bodies must give the same callbacks however cut.
    if data.len() < TEXT_LIMIT {
        for size in [1, 2, 7, 64] {
            assert_eq!(whole, callbacks(data, size), "pieces of {size} bytes");
        }
    }
}
