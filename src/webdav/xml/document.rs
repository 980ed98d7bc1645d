//! neon's `ne_xml_parser`: namespaces and the handler stack on top of the
//! tokenizer.

use std::rc::Rc;

use super::attrs::{Attrs, ZStr};
use super::context::{Context, NsError, Uri, invalid_ncname};
use super::decl;
use super::error::{ErrorKind, SyntaxError};
use super::tokenizer::{Sink, Tokenizer};
use crate::debug::{XML, XMLPARSE, put, put_fmt};

/// A start-element result: decline the element (and so its subtree).
pub const DECLINE: i32 = 0;
/// A start-element result: abort the parse.
pub const ABORT: i32 = -1;

/// One set of callbacks on the parser's stack (neon's handler).
pub trait Handler {
    /// An element starts. `parent` is the state its parent's handler
    /// returned (0 at the root). Returns > 0 to accept the element (the
    /// value is its state), [`DECLINE`] to let the next handler up the
    /// stack try, < 0 to abort the parse.
    fn start_element(
        &mut self,
        cx: &Context,
        parent: i32,
        nspace: ZStr<'_>,
        name: ZStr<'_>,
        attrs: &Attrs<'_>,
    ) -> i32;

    /// Character data inside an element this handler accepted; non-zero
    /// aborts the parse.
    fn char_data(&mut self, _cx: &Context, _state: i32, _text: &str) -> i32 {
        0
    }

    /// The end of an element this handler accepted; non-zero aborts.
    fn end_element(
        &mut self,
        _cx: &Context,
        _state: i32,
        _nspace: ZStr<'_>,
        _name: ZStr<'_>,
    ) -> i32 {
        0
    }

    /// Whether the handler takes character data at all (neon's handler
    /// without a cdata callback); only such calls are traced.
    fn takes_char_data(&self) -> bool {
        true
    }
}

struct Elem {
    /// Name in `names`: qualified from `start`, local from `local`, NUL at `end`.
    start: usize,
    local: usize,
    end: usize,
    ns: Uri,
    state: i32,
    handler: usize,
}

/// neon's XML parser.
pub struct Parser {
    tok: Tokenizer,
    handlers: Vec<Box<dyn Handler>>,
    elems: Vec<Elem>,
    names: String,
    /// Depth inside a declined branch (0: none).
    prune: usize,
    /// The encoding was forced (`set_encoding`).
    forced: bool,
    cx: Rc<Context>,
}

impl Default for Parser {
    fn default() -> Self {
        Self::new()
    }
}

impl Parser {
    pub fn new() -> Parser {
        Parser {
            tok: Tokenizer::new(),
            handlers: Vec::new(),
            // The document level, as neon's root placeholder.
            elems: vec![Elem {
                start: 0,
                local: 0,
                end: 0,
                ns: Uri::new(""),
                state: 0,
                handler: 0,
            }],
            names: String::from("\0"),
            prune: 0,
            forced: false,
            cx: Rc::new(Context::new()),
        }
    }

    /// The state handlers consult; stays valid (and answers) during a parse.
    pub fn context(&self) -> &Rc<Context> {
        &self.cx
    }

    /// Pushes a handler on top of the stack.
    pub fn push_handler(&mut self, h: Box<dyn Handler>) {
        self.handlers.push(h);
    }

    /// Parses a chunk. Returns 0, 1 after a syntax error, or the non-zero
    /// result of the callback that aborted; once non-zero, stays so.
    pub fn parse(&mut self, data: &[u8]) -> i32 {
        self.run(Some(data))
    }

    /// The end of the document (neon's zero-length parse).
    pub fn finish(&mut self) -> i32 {
        self.run(None)
    }

    /// neon 0.36's ne_xml_set_encoding (on libxml2): the document starts
    /// again in `enc` (None: as if nothing had been read), the elements
    /// handlers accepted staying open. Returns 0, or non-zero if the parse
    /// had failed or `enc` is an encoding the tokenizer cannot read (the
    /// parse then fails with libxml2's "Unsupported encoding").
    pub fn set_encoding(&mut self, enc: Option<&str>) -> i32 {
        let latin1 = enc.and_then(decl::forced);
        self.tok.restart(latin1 == Some(true));
        self.forced = enc.is_some();
        self.cx.set_encoding(enc);
        self.cx.set_line(1);
        if let (Some(e), None) = (enc, latin1) {
            if self.cx.failure() == 0 {
                let err = SyntaxError {
                    kind: ErrorKind::UnsupportedEncoding(e.to_string()),
                    line: 1,
                };
                self.cx.set_error(err.to_string().as_bytes());
                self.cx.set_failure(1);
            }
        }
        self.cx.failure()
    }

    /// neon's ne_xml_failed.
    pub fn failed(&self) -> i32 {
        self.cx.failure()
    }

    fn run(&mut self, data: Option<&[u8]>) -> i32 {
        let len = data.map_or(0, <[u8]>::len);
        if self.cx.failure() != 0 {
            crate::debug!(XMLPARSE, "XML: Failed; ignoring {len} bytes.\n");
            return self.cx.failure();
        }
        match data {
            None => crate::debug!(XMLPARSE, "XML: End of document.\n"),
            Some(_) => crate::debug!(XMLPARSE, "XML: Parsing {len} bytes.\n"),
        }
        let mut d = Dispatch {
            handlers: &mut self.handlers,
            elems: &mut self.elems,
            names: &mut self.names,
            prune: &mut self.prune,
            forced: self.forced,
            cx: &self.cx,
        };
        let r = match data {
            Some(data) => self.tok.feed(data, &mut d),
            None => self.tok.finish(&mut d),
        };
        // libxml2's xmlParseChunk result, as Debian's neon traces it.
        crate::debug!(
            XMLPARSE,
            "XML: xmlParseChunk returned {}\n",
            r.as_ref().err().map_or(0, |e| e.kind.libxml2_code())
        );
        if let Err(e) = r {
            self.cx.set_line(e.line);
            if self.cx.failure() == 0 {
                self.cx.set_error(e.to_string().as_bytes());
                self.cx.set_failure(1);
            }
        } else if self.cx.failure() == 0 {
            self.cx.set_line(self.tok.line());
        }
        self.cx.failure()
    }
}

struct Dispatch<'p> {
    handlers: &'p mut Vec<Box<dyn Handler>>,
    elems: &'p mut Vec<Elem>,
    names: &'p mut String,
    prune: &'p mut usize,
    forced: bool,
    cx: &'p Context,
}

impl Dispatch<'_> {
    fn fail(&self, what: &str) -> bool {
        let msg = format!("XML parse error at line {}: {what}", self.cx.line());
        self.cx.set_error(msg.as_bytes());
        self.cx.set_failure(1);
        false
    }

    fn pop(&mut self) {
        if let Some(e) = self.elems.pop() {
            self.names.truncate(e.start);
        }
        self.cx.close();
    }
}

fn zstr(names: &str, from: usize, end: usize) -> ZStr<'_> {
    ZStr::new(&names[from..end + 1])
}

impl Sink for Dispatch<'_> {
    fn start(&mut self, qname: &str, attrs: &Attrs<'_>, line: u32) -> bool {
        self.cx.set_line(line);
        if self.cx.failure() != 0 {
            return false;
        }
        if *self.prune > 0 {
            *self.prune += 1;
            return true;
        }
        let parent = self.elems.last().expect("root");
        let (parent_state, first_handler) = (parent.state, parent.handler);
        // The element joins the tree before its names are checked, as in neon.
        let start = self.names.len();
        self.names.push_str(qname);
        let end = self.names.len();
        self.names.push('\0');
        let colon = qname.find(':');
        let (ns, err) = match self.cx.enter(attrs, colon.map(|c| &qname[..c])) {
            Ok(u) => (u, None),
            Err(e) => (self.cx.default_namespace(), Some(e)),
        };
        self.elems.push(Elem {
            start,
            local: start + colon.map_or(0, |c| c + 1),
            end,
            ns,
            state: 0,
            handler: first_handler,
        });
        if err == Some(NsError::Declaration) {
            return self.fail("invalid namespace declaration");
        }
        if let Some(c) = colon {
            if c == 0 || invalid_ncname(&qname[c + 1..]) {
                return self.fail("invalid element name");
            }
        }
        if err == Some(NsError::Undeclared) {
            return self.fail("undeclared namespace prefix");
        }
        let e = self.elems.last_mut().expect("elem");
        let mut state = DECLINE;
        for (i, h) in self.handlers.iter_mut().enumerate().skip(first_handler) {
            e.handler = i;
            state = h.start_element(
                self.cx,
                parent_state,
                e.ns.as_zstr(),
                zstr(self.names, e.local, e.end),
                attrs,
            );
            if state != DECLINE {
                break;
            }
        }
        crate::debug!(XML, |o| {
            put_fmt(o, format_args!("XML: start-element ({parent_state}, {{"));
            put(o, &[e.ns.as_str().as_bytes(), b", "]);
            put(o, &[&self.names.as_bytes()[e.local..e.end]]);
            put_fmt(o, format_args!("}}) => {state}\n"));
        });
        if state > 0 {
            e.state = state;
        } else if state == DECLINE {
            *self.prune = 1;
        } else {
            self.cx.set_failure(state);
            return false;
        }
        true
    }

    fn text(&mut self, text: &str, line: u32) -> bool {
        self.cx.set_line(line);
        if self.cx.failure() != 0 {
            return false;
        }
        if *self.prune > 0 {
            return true;
        }
        let e = self.elems.last().expect("elem");
        if self.elems.len() == 1 {
            return true;
        }
        let Some(h) = self.handlers.get_mut(e.handler) else {
            return true;
        };
        let r = h.char_data(self.cx, e.state, text);
        if h.takes_char_data() {
            crate::debug!(XML, "XML: char-data ({}) returns {r}\n", e.state);
        }
        if r != 0 {
            self.cx.set_failure(r);
            return false;
        }
        true
    }

    fn end(&mut self, _name: &str, line: u32) -> bool {
        self.cx.set_line(line);
        if self.cx.failure() != 0 {
            return false;
        }
        if *self.prune > 1 {
            *self.prune -= 1;
            return true;
        }
        let mut ok = true;
        if *self.prune == 1 {
            *self.prune = 0;
        } else if self.elems.len() > 1 {
            let e = self.elems.last().expect("elem");
            if let Some(h) = self.handlers.get_mut(e.handler) {
                let r = h.end_element(
                    self.cx,
                    e.state,
                    e.ns.as_zstr(),
                    zstr(self.names, e.local, e.end),
                );
                if r != 0 {
                    crate::debug!(XML, "XML: end-element for {} failed with {r}.\n", e.state);
                    self.cx.set_failure(r);
                    ok = false;
                }
            }
        }
        if let Some(e) = self.elems.last().filter(|_| self.elems.len() > 1) {
            crate::debug!(XML, |o| {
                put_fmt(o, format_args!("XML: end-element ({}, {{", e.state));
                put(o, &[e.ns.as_str().as_bytes(), b", "]);
                put(o, &[&self.names.as_bytes()[e.local..e.end], b"})\n"]);
            });
        }
        self.pop();
        ok
    }

    fn declaration(&mut self, encoding: &str) {
        // libxml2 keeps a forced encoding's name unless UTF-8 is declared.
        let utf8 = encoding.eq_ignore_ascii_case("utf-8") || encoding.eq_ignore_ascii_case("utf8");
        if !self.forced || utf8 {
            self.cx.set_encoding(Some(encoding));
        }
    }
}
