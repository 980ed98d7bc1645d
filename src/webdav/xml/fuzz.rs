//! The fuzz entry point: any document, cut any way, gives the same events.

use std::cell::RefCell;
use std::rc::Rc;

use super::attrs::{Attrs, ZStr};
use super::context::Context;
use super::document::{Handler, Parser};

/// Records every callback as a line of text (accepting every element).
pub(crate) struct Recorder(pub Rc<RefCell<Vec<String>>>);

impl Handler for Recorder {
    fn start_element(
        &mut self,
        cx: &Context,
        parent: i32,
        nspace: ZStr<'_>,
        name: ZStr<'_>,
        attrs: &Attrs<'_>,
    ) -> i32 {
        let mut s = format!("start L{} {parent} {{{}}}{}", cx.line(), &*nspace, &*name);
        for (n, v) in attrs.iter() {
            s.push_str(&format!(" [{}={}]", &*n, &*v));
        }
        self.0.borrow_mut().push(s);
        parent + 1
    }

    fn char_data(&mut self, cx: &Context, state: i32, text: &str) -> i32 {
        self.0
            .borrow_mut()
            .push(format!("text L{} {state} [{text}]", cx.line()));
        0
    }

    fn end_element(&mut self, cx: &Context, state: i32, nspace: ZStr<'_>, name: ZStr<'_>) -> i32 {
        self.0.borrow_mut().push(format!(
            "end L{} {state} {{{}}}{}",
            cx.line(),
            &*nspace,
            &*name
        ));
        0
    }
}

/// Parses `data` in chunks of `size` bytes (0: whole) and returns the
/// callbacks, the result and the error string.
pub(crate) fn events(data: &[u8], size: usize) -> Vec<String> {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut p = Parser::new();
    p.push_handler(Box::new(Recorder(log.clone())));
    let size = if size == 0 { data.len().max(1) } else { size };
    for chunk in data.chunks(size) {
        if p.parse(chunk) != 0 {
            break;
        }
    }
    let r = p.finish();
    let cx = p.context();
    let mut out = log.take();
    out.push(format!(
        "result {r} line {} error [{}] encoding {:?}",
        cx.line(),
        String::from_utf8_lossy(&cx.error()),
        cx.encoding().map(|e| e.as_str().to_string())
    ));
    out
}

/// Parses `data` whole and in chunks of several sizes, and panics if the
/// events, result or error differ.
pub fn fuzz_parse(data: &[u8]) {
    let whole = without_bytes(events(data, 0));
    for size in [1, 2, 7, 64, 4096] {
        let cut = without_bytes(events(data, size));
        assert_eq!(whole, cut, "chunks of {size} bytes differ from one block");
    }
}

/// The events with the bytes an encoding error lists cut off: they are
/// what the buffer held at the error, which depends on the chunks (as in
/// libxml2).
fn without_bytes(mut ev: Vec<String>) -> Vec<String> {
    if let Some(last) = ev.last_mut() {
        if let (Some(a), Some(b)) = (last.find("\nBytes:"), last.rfind("] encoding")) {
            last.replace_range(a..b, "");
        }
    }
    ev
}
