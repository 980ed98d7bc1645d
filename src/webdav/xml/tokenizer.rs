//! The push tokenizer: bytes in, in chunks of any size; start tags, text
//! and end tags out, through a [`Sink`].
//!
//! Markup boundaries are found with quick-xml's incremental scanners
//! (`quick_xml::parser`), which keep their state between chunks; a token
//! is handled only once it is complete, so the events and their lines do
//! not depend on how the input was cut. Memory is the open-element names
//! plus the one token being read.

use quick_xml::parser::{ElementParser, Parser as _, PiParser};

use super::attrs::{AttrSpan, Attrs};
use super::chars::{BadChar, check_text, count_lines, is_space, name_len};
use super::error::{ErrorKind, SyntaxError};
use super::{decl, fast, refs, tag};

/// Receives the tokenizer's events. Each returns false to stop the parse
/// (the tokenizer then reads no further).
pub trait Sink {
    /// A start tag: its qualified name and attributes as written. `line`
    /// is the line the tag ends on. An empty tag (`<a/>`) is followed by
    /// [`Sink::end`].
    fn start(&mut self, name: &str, attrs: &Attrs<'_>, line: u32) -> bool;
    /// Character data (line ends normalized to LF); one text run may come
    /// in several pieces (references and line ends split it).
    fn text(&mut self, text: &str, line: u32) -> bool;
    /// An end tag.
    fn end(&mut self, name: &str, line: u32) -> bool;
    /// The encoding named by the XML declaration.
    fn declaration(&mut self, _encoding: &str) {}
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Before anything: a byte order mark may come.
    Bom,
    /// At the start of the document: an XML declaration may come.
    Decl,
    /// Before the root element.
    Prolog,
    /// Inside the root element.
    Content,
    /// After the root element.
    Epilog,
}

/// What the token at the read position is, and its scanner's state.
#[derive(Clone, Copy, Debug)]
enum Scan {
    None,
    StartTag(ElementParser),
    EndTag(ElementParser),
    Comment,
    Pi(PiParser),
    CData,
    Doctype(Dtd),
    Text,
    Ref,
}

/// The scanner for `<!DOCTYPE …>`: quoted strings and the internal subset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dtd {
    Out,
    Quoted(u8),
    Subset,
    SubsetQuoted(u8),
}

enum Step {
    /// A token was handled; go on.
    Next,
    /// The token is not complete yet.
    More,
    /// The sink asked to stop.
    Stop,
}

type Res = Result<Step, SyntaxError>;

/// neon's XML tokenizer (what libxml2 is to the C library).
pub struct Tokenizer {
    buf: Vec<u8>,
    /// Read position in `buf`.
    pos: usize,
    /// Bytes after `pos` already fed to the scanner of `scan`.
    scanned: usize,
    scan: Scan,
    phase: Phase,
    /// Line at `pos` (1-based).
    line: u32,
    /// Names of the open elements, one after another; `open` holds where
    /// each starts.
    names: String,
    open: Vec<usize>,
    attr_buf: String,
    attr_spans: Vec<AttrSpan>,
    /// Scratch for the fast lane's attribute positions.
    fast_ranges: Vec<[usize; 4]>,
    /// Names and texts met before, already checked.
    strings: fast::StrCache,
    /// The document is ISO-8859-1: input bytes are converted to UTF-8.
    latin1: bool,
    /// Markup other than white space came before the root.
    seen_markup: bool,
    error: Option<SyntaxError>,
    stopped: bool,
    finished: bool,
}

impl Default for Tokenizer {
    fn default() -> Self {
        Self::new()
    }
}

/// Compact the buffer only when the consumed part is large and at least
/// half of it, so that a long token fed byte by byte costs linear time.
const COMPACT_AT: usize = 4096;

impl Tokenizer {
    pub fn new() -> Tokenizer {
        Tokenizer {
            buf: Vec::new(),
            pos: 0,
            scanned: 0,
            scan: Scan::None,
            phase: Phase::Bom,
            line: 1,
            names: String::new(),
            open: Vec::new(),
            attr_buf: String::new(),
            attr_spans: Vec::new(),
            fast_ranges: Vec::new(),
            strings: fast::StrCache::default(),
            latin1: false,
            seen_markup: false,
            error: None,
            stopped: false,
            finished: false,
        }
    }

    /// Starts the document again, read as ISO-8859-1 or UTF-8 whatever
    /// its first bytes are (libxml2's xmlCtxtResetPush with an encoding):
    /// a byte order mark is then content, and a declaration of UTF-8 does
    /// not switch ISO-8859-1 back.
    pub fn restart(&mut self, latin1: bool) {
        *self = Tokenizer::new();
        self.phase = Phase::Decl;
        self.latin1 = latin1;
    }

    /// The line the parse is at (of the last event during a callback).
    pub fn line(&self) -> u32 {
        self.line
    }

    /// The error that ended the parse, if any.
    pub fn error(&self) -> Option<&SyntaxError> {
        self.error.as_ref()
    }

    /// Open elements (the nesting depth).
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Parses the next chunk. Returns the error that ended the parse, if
    /// any (also on later calls).
    pub fn feed(&mut self, data: &[u8], sink: &mut dyn Sink) -> Result<(), SyntaxError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if self.stopped || self.finished {
            return Ok(());
        }
        if self.latin1 {
            push_latin1(&mut self.buf, data);
        } else {
            self.buf.extend_from_slice(data);
        }
        self.run(sink, false)
    }

    /// The end of the document: what is still open is an error.
    pub fn finish(&mut self, sink: &mut dyn Sink) -> Result<(), SyntaxError> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if self.stopped || self.finished {
            return Ok(());
        }
        let r = self.run(sink, true);
        self.finished = true;
        r
    }

    fn run(&mut self, sink: &mut dyn Sink, fin: bool) -> Result<(), SyntaxError> {
        let r = self.steps(sink, fin);
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        } else if self.pos >= COMPACT_AT && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        if let Err(e) = &r {
            self.error = Some(e.clone());
        }
        r
    }

    fn steps(&mut self, sink: &mut dyn Sink, fin: bool) -> Result<(), SyntaxError> {
        loop {
            let step = if self.pos == self.buf.len() {
                if fin {
                    return match self.phase {
                        Phase::Epilog => Ok(()),
                        _ => Err(self.err_here(ErrorKind::ExtraContent)),
                    };
                }
                Step::More
            } else {
                self.step(sink, fin)?
            };
            match step {
                Step::Next => {}
                Step::More => {
                    if fin {
                        return Err(self.eof_error(sink));
                    }
                    return Ok(());
                }
                Step::Stop => {
                    self.stopped = true;
                    return Ok(());
                }
            }
        }
    }

    fn err_here(&self, kind: ErrorKind) -> SyntaxError {
        SyntaxError {
            kind,
            line: self.line,
        }
    }

    /// An error at byte `at` of the token at the read position.
    fn err_at(&self, at: usize, kind: ErrorKind) -> SyntaxError {
        let end = (self.pos + at).min(self.buf.len());
        SyntaxError {
            kind,
            line: self.line + count_lines(&self.buf[self.pos..end]),
        }
    }

    /// Consumes `len` bytes, counting their lines.
    fn consume(&mut self, len: usize) {
        self.line += count_lines(&self.buf[self.pos..self.pos + len]);
        self.pos += len;
        self.scan = Scan::None;
        self.scanned = 0;
    }

    fn step(&mut self, sink: &mut dyn Sink, fin: bool) -> Res {
        let rest = &self.buf[self.pos..];
        match self.phase {
            Phase::Bom => {
                // libxml2 reads nothing before it has 4 bytes to guess the
                // encoding from.
                if rest.len() < 4 {
                    if fin {
                        return Err(self.err_here(ErrorKind::ExtraContent));
                    }
                    return Ok(Step::More);
                }
                if rest.starts_with(b"\xEF\xBB\xBF") {
                    self.pos += 3;
                }
                self.phase = Phase::Decl;
                Ok(Step::Next)
            }
            // libxml2 wants 5 bytes of a PI at the start before it looks.
            Phase::Decl if rest.len() < 5 && rest.starts_with(b"<?") => {
                if fin {
                    return Err(self.err_here(ErrorKind::ExtraContent));
                }
                Ok(Step::More)
            }
            Phase::Decl => {
                const DECL: &[u8] = b"<?xml";
                let n = rest.len().min(6);
                if n < 6 && rest[..n.min(5)] == DECL[..n.min(5)] && !fin {
                    return Ok(Step::More);
                }
                if rest.starts_with(DECL) && rest.get(5).is_some_and(|&b| is_space(b)) {
                    return self.xml_decl(sink, fin);
                }
                self.phase = Phase::Prolog;
                Ok(Step::Next)
            }
            Phase::Prolog | Phase::Epilog => {
                let ws = rest.iter().take_while(|&&b| is_space(b)).count();
                if ws > 0 {
                    // A CR at the end may be the first half of CR LF.
                    let hold = !fin && ws == rest.len() && rest[ws - 1] == b'\r';
                    self.consume(ws - hold as usize);
                    return Ok(if hold { Step::More } else { Step::Next });
                }
                if rest[0] == b'<' {
                    return self.markup(sink, fin);
                }
                Err(self.err_here(match self.phase {
                    Phase::Epilog => ErrorKind::ExtraContent,
                    _ if self.seen_markup => ErrorKind::StartTagExpected,
                    _ => ErrorKind::DocumentEmpty,
                }))
            }
            // libxml2 leaves a last single byte of content unread.
            Phase::Content if fin && rest.len() < 2 => Err(self.err_here(ErrorKind::ExtraContent)),
            Phase::Content => {
                if let Scan::None = self.scan {
                    if let Some(step) = self.fast_lane(sink) {
                        return Ok(step);
                    }
                }
                match self.buf[self.pos] {
                    b'<' => self.markup(sink, fin),
                    b'&' => self.reference(sink, fin),
                    _ => self.text(sink, fin),
                }
            }
        }
    }

    /// Feeds the rest of the data to the token's scanner; the token's
    /// length once its end is found.
    fn scan_end(&mut self, skip: usize) -> Option<usize> {
        let at = skip.max(self.scanned);
        let from = self.pos + at;
        let data = &self.buf[from..];
        if data.is_empty() {
            // Nothing new: some scanners forget their state on empty input.
            return None;
        }
        // Each scanner's answer, as the token's length.
        let found = match &mut self.scan {
            // These give the index of the closing '>'.
            Scan::StartTag(p) | Scan::EndTag(p) => p.feed(data).map(|i| at + i + 1),
            Scan::Pi(p) => p.feed(data).map(|i| at + i + 1),
            // "-->" searched for directly (it may straddle the previous
            // scan's end): quick-xml's comment scanner can take a "-" that
            // ended one chunk and "->" starting the next for the close.
            Scan::Comment => {
                // Never back before the end of "<!--".
                let back = at.saturating_sub(4).min(2);
                memchr::memmem::find(&self.buf[from - back..], b"-->").map(|i| at - back + i + 3)
            }
            Scan::CData => {
                // "]]>" may straddle the previous scan's end.
                let back = (at - skip).min(2);
                memchr::memmem::find(&self.buf[from - back..], b"]]>").map(|i| at - back + i + 3)
            }
            Scan::Doctype(state) => scan_doctype(state, data).map(|i| at + i),
            Scan::Text | Scan::Ref | Scan::None => None,
        };
        if found.is_none() {
            self.scanned = self.buf.len() - self.pos;
        }
        found
    }

    fn markup(&mut self, sink: &mut dyn Sink, fin: bool) -> Res {
        let rest = &self.buf[self.pos..];
        let skip = match self.scan {
            Scan::None => {
                let Some(&second) = rest.get(1) else {
                    return Ok(Step::More);
                };
                let (scan, skip) = match second {
                    b'/' => (Scan::EndTag(ElementParser::default()), 2),
                    b'?' => (Scan::Pi(PiParser::default()), 2),
                    b'!' => {
                        const KINDS: [&[u8]; 3] = [b"<!--", b"<![CDATA[", b"<!DOCTYPE"];
                        let mut found = None;
                        for k in KINDS {
                            let n = rest.len().min(k.len());
                            if rest[..n] == k[..n] {
                                if n < k.len() {
                                    return Ok(Step::More);
                                }
                                found = Some(k);
                            }
                        }
                        match found {
                            Some(b"<!--") => (Scan::Comment, 4),
                            Some(b"<![CDATA[") => (Scan::CData, 9),
                            Some(_) => (Scan::Doctype(Dtd::Out), 9),
                            None => return Err(self.err_at(1, self.markup_error())),
                        }
                    }
                    _ => (Scan::StartTag(ElementParser::default()), 1),
                };
                self.scan = scan;
                self.scanned = skip;
                skip
            }
            Scan::StartTag(_) | Scan::Pi(_) => 1,
            Scan::EndTag(_) | Scan::Comment => 2,
            Scan::CData | Scan::Doctype(_) => 9,
            Scan::Text | Scan::Ref => 0,
        };
        // Comments end at "-->": the scanner starts after "<!--", and
        // looks for "--" then ">", so "<!-->" is not taken for a close.
        let Some(len) = self.scan_end(skip) else {
            return Ok(Step::More);
        };
        let _ = fin;
        self.seen_markup = true;
        match self.scan {
            Scan::StartTag(_) => self.start_tag(sink, len),
            // Before the root libxml2 reads "</" as a start tag without a name.
            Scan::EndTag(_) if self.phase == Phase::Prolog => {
                Err(self.err_at(1, ErrorKind::InvalidElementName))
            }
            Scan::EndTag(_) => self.end_tag(sink, len),
            Scan::Comment => {
                let body = &self.buf[self.pos + 4..self.pos + len - 3];
                if let Some(i) = memchr::memmem::find(body, b"--") {
                    return Err(self.err_at(4 + i, ErrorKind::DoubleHyphen));
                }
                if body.ends_with(b"-") {
                    return Err(self.err_at(len - 3, ErrorKind::DoubleHyphen));
                }
                if let Err((at, bad)) = check_text(body) {
                    return Err(self.err_at(4 + at, tag::bad_char(body, at, bad, false)));
                }
                self.consume(len);
                Ok(Step::Next)
            }
            Scan::Pi(_) => {
                let body = &self.buf[self.pos + 2..self.pos + len - 2];
                if let Some((at, kind)) = pi_error(body, true) {
                    return Err(self.err_at(2 + at, kind));
                }
                self.consume(len);
                Ok(Step::Next)
            }
            Scan::CData => {
                if self.phase != Phase::Content {
                    return Err(self.err_at(0, self.markup_error()));
                }
                let (a, b) = (self.pos + 9, self.pos + len - 3);
                if let Err((at, bad)) = check_text(&self.buf[a..b]) {
                    return Err(self.err_at(9 + at, tag::bad_char(&self.buf[a..], at, bad, false)));
                }
                let line = self.line;
                self.consume(len);
                let text = std::str::from_utf8(&self.buf[a..b]).unwrap_or("");
                // libxml2's push parser hands a whole section on as it is
                // (line ends untouched), even an empty one.
                Ok(if sink.text(text, line) {
                    Step::Next
                } else {
                    Step::Stop
                })
            }
            Scan::Doctype(_) => {
                if self.phase != Phase::Prolog {
                    return Err(self.err_at(0, self.markup_error()));
                }
                self.consume(len);
                Ok(Step::Next)
            }
            _ => Ok(Step::Next),
        }
    }

    fn markup_error(&self) -> ErrorKind {
        match self.phase {
            Phase::Epilog => ErrorKind::ExtraContent,
            Phase::Prolog => ErrorKind::StartTagExpected,
            _ => ErrorKind::Markup,
        }
    }

    /// The common tokens of content in one pass each (see `fast`); None
    /// leaves the token to the general path.
    fn fast_lane(&mut self, sink: &mut dyn Sink) -> Option<Step> {
        let rest = &self.buf[self.pos..];
        let ok = |go: bool| if go { Step::Next } else { Step::Stop };
        if rest[0] != b'<' {
            let (len, lines, newlines) = fast::text(rest)?;
            if len == 0 {
                return None;
            }
            let text = match newlines {
                Some(t) => t,
                None => self.strings.get(&rest[..len])?,
            };
            self.line += lines;
            self.pos += len;
            return Some(ok(sink.text(text, self.line)));
        }
        if *rest.get(1)? == b'/' {
            let top = *self.open.last()?;
            let (len, lines) = fast::end_tag(rest, &self.names[top..])?;
            self.line += lines;
            self.pos += len;
            self.open.pop();
            if self.open.is_empty() {
                self.phase = Phase::Epilog;
            }
            let go = sink.end(&self.names[top..], self.line);
            self.names.truncate(top);
            return Some(ok(go));
        }
        let t = fast::start_tag(
            rest,
            &mut self.attr_buf,
            &mut self.attr_spans,
            &mut self.fast_ranges,
        )?;
        let name = match t.text {
            Some(text) => &text[1..t.name_end],
            None => self.strings.get(&rest[1..t.name_end])?,
        };
        self.line += t.lines;
        self.pos += t.len;
        let attrs = Attrs {
            buf: &self.attr_buf,
            spans: &self.attr_spans,
        };
        if !sink.start(name, &attrs, self.line) {
            return Some(Step::Stop);
        }
        if t.empty {
            return Some(ok(sink.end(name, self.line)));
        }
        self.open.push(self.names.len());
        self.names.push_str(name);
        Some(Step::Next)
    }

    fn start_tag(&mut self, sink: &mut dyn Sink, len: usize) -> Res {
        if self.phase == Phase::Epilog {
            return Err(self.err_at(0, ErrorKind::ExtraContent));
        }
        let (a, b) = (self.pos + 1, self.pos + len - 1);
        let (name_len, empty) = tag::start(
            &self.buf[a..b],
            true,
            &mut self.attr_buf,
            &mut self.attr_spans,
        )
        .map_err(|(at, kind)| self.tag_error(1 + at, kind))?;
        self.consume(len);
        let name = std::str::from_utf8(&self.buf[a..a + name_len]).unwrap_or("");
        let attrs = Attrs {
            buf: &self.attr_buf,
            spans: &self.attr_spans,
        };
        if !sink.start(name, &attrs, self.line) {
            return Ok(Step::Stop);
        }
        if empty {
            if self.phase == Phase::Prolog {
                self.phase = Phase::Epilog;
            }
            return Ok(if sink.end(name, self.line) {
                Step::Next
            } else {
                Step::Stop
            });
        }
        self.open.push(self.names.len());
        self.names.push_str(name);
        self.phase = Phase::Content;
        Ok(Step::Next)
    }

    /// An error in a tag; the bytes shown for bad UTF-8 are the document's.
    fn tag_error(&self, at: usize, kind: ErrorKind) -> SyntaxError {
        let kind = match kind {
            ErrorKind::NotUtf8(_) => tag::bad_char(&self.buf[self.pos..], at, BadChar::Utf8, true),
            k => k,
        };
        self.err_at(at, kind)
    }

    fn end_tag(&mut self, sink: &mut dyn Sink, len: usize) -> Res {
        let (a, b) = (self.pos + 2, self.pos + len - 1);
        let Some(&top) = self.open.last() else {
            return Err(self.err_at(0, self.markup_error()));
        };
        let name = tag::end(&self.buf[a..b]).map_err(|(at, kind)| self.err_at(2 + at, kind))?;
        if name != &self.names[top..] {
            let shown = if name.is_empty() { "unparsable" } else { name };
            let kind = ErrorKind::TagMismatch(self.names[top..].to_string(), shown.to_string());
            return Err(self.err_at(2 + name.len(), kind));
        }
        self.consume(len);
        self.open.pop();
        if self.open.is_empty() {
            self.phase = Phase::Epilog;
        }
        let ok = sink.end(&self.names[top..], self.line);
        self.names.truncate(top);
        Ok(if ok { Step::Next } else { Step::Stop })
    }

    fn reference(&mut self, sink: &mut dyn Sink, fin: bool) -> Res {
        let rest = &self.buf[self.pos..];
        match refs::parse(rest, !fin) {
            Ok(None) => {
                self.scan = Scan::Ref;
                Ok(Step::More)
            }
            Ok(Some((len, c))) => {
                self.consume(len);
                let mut tmp = [0u8; 4];
                let s = c.encode_utf8(&mut tmp);
                Ok(if sink.text(s, self.line) {
                    Step::Next
                } else {
                    Step::Stop
                })
            }
            Err((at, kind)) => Err(self.err_at(at, kind)),
        }
    }

    fn text(&mut self, sink: &mut dyn Sink, fin: bool) -> Res {
        let from = self.pos + self.scanned;
        let end = match memchr::memchr2(b'<', b'&', &self.buf[from..]) {
            Some(i) => from + i,
            None if fin => self.buf.len(),
            None => {
                self.scan = Scan::Text;
                self.scanned = self.buf.len() - self.pos;
                return Ok(Step::More);
            }
        };
        let run = &self.buf[self.pos..end];
        if let Err((at, bad)) = check_text(run) {
            if bad == BadChar::Truncated && end == self.buf.len() {
                // A character cut by the end of the document: libxml2
                // leaves one byte unread, and stalls on more.
                let kind = if run.len() - at >= 2 {
                    ErrorKind::ContentStalled
                } else {
                    ErrorKind::ExtraContent
                };
                return Err(self.err_at(run.len(), kind));
            }
            // Past ASCII, libxml2's decoder fails first: its slow path
            // then hands nothing more on.
            let (kind, flush) = match bad {
                BadChar::Char(c) if c >= 0x80 => (ErrorKind::CharOutOfRange(c), false),
                BadChar::Char(_) => (tag::bad_char(&self.buf[self.pos..], at, bad, false), true),
                _ => (tag::bad_char(&self.buf[self.pos..], at, bad, false), false),
            };
            let err = self.err_at(at, kind);
            // libxml2 delivers the text before the bad character first.
            let (a, line) = (self.pos, self.line);
            let prefix = std::str::from_utf8(&self.buf[a..a + at]).unwrap_or("");
            let _ = emit_char_data(sink, prefix, line, true, flush);
            return Err(err);
        }
        if let Some(i) = memchr::memmem::find(run, b"]]>") {
            return Err(self.err_at(i, ErrorKind::CdataEndInContent));
        }
        let (a, line) = (self.pos, self.line);
        self.consume(end - a);
        let text = std::str::from_utf8(&self.buf[a..end]).unwrap_or("");
        Ok(emit_char_data(sink, text, line, false, true))
    }

    fn xml_decl(&mut self, sink: &mut dyn Sink, fin: bool) -> Res {
        if let Scan::None = self.scan {
            self.scan = Scan::Pi(PiParser::default());
            self.scanned = 2;
        }
        let Some(len) = self.scan_end(2) else {
            if fin {
                // libxml2 reads what there is of the declaration.
                let (at, kind) = decl::parse(&self.buf[self.pos..])
                    .err()
                    .unwrap_or((self.buf.len() - self.pos, ErrorKind::ExtraContent));
                if let ErrorKind::Utf16Labelled(name) = &kind {
                    sink.declaration(name);
                }
                return Err(self.err_at(at, kind));
            }
            return Ok(Step::More);
        };
        let decl = &self.buf[self.pos..self.pos + len];
        let d = decl::parse(decl).map_err(|(at, k)| {
            // libxml2 has taken the name before it finds the content UTF-8.
            if let ErrorKind::Utf16Labelled(name) = &k {
                sink.declaration(name);
            }
            self.err_at(at, k)
        })?;
        self.consume(len);
        self.phase = Phase::Prolog;
        self.seen_markup = true;
        if let Some(enc) = d.encoding {
            if decl::is_latin1(&enc) && !self.latin1 {
                // The rest is ISO-8859-1: convert what is already here.
                let tail = self.buf.split_off(self.pos);
                push_latin1(&mut self.buf, &tail);
                self.latin1 = true;
            }
            sink.declaration(&enc);
        }
        Ok(Step::Next)
    }

    /// The error for a document that ends inside the token at the read
    /// position (libxml2's message for each kind of token).
    fn eof_error(&mut self, sink: &mut dyn Sink) -> SyntaxError {
        let rest_len = self.buf.len() - self.pos;
        match self.scan {
            Scan::StartTag(_) if self.phase != Phase::Epilog => {
                let tag_text = &self.buf[self.pos + 1..];
                match tag::start(tag_text, false, &mut self.attr_buf, &mut self.attr_spans) {
                    Ok((n, _)) => {
                        let name = std::str::from_utf8(&tag_text[..n])
                            .unwrap_or("")
                            .to_string();
                        let attrs = Attrs {
                            buf: &self.attr_buf,
                            spans: &self.attr_spans,
                        };
                        let line = self.line + count_lines(&self.buf[self.pos..]);
                        // libxml2 reports the element before it finds no '>'.
                        sink.start(&name, &attrs, line);
                        SyntaxError {
                            kind: ErrorKind::StartTagUnfinished(name),
                            line,
                        }
                    }
                    Err((at, kind)) => self.tag_error(1 + at, kind),
                }
            }
            Scan::EndTag(_) if self.phase == Phase::Content => {
                self.err_at(rest_len, ErrorKind::EndTagGt)
            }
            Scan::Comment => {
                // libxml2 meets a "--" not followed by '>' first.
                let body = &self.buf[self.pos + 4..];
                match memchr::memmem::find(body, b"--") {
                    Some(i) => self.err_at(4 + i, ErrorKind::DoubleHyphen),
                    None => self.err_at(rest_len, ErrorKind::CommentUnfinished),
                }
            }
            Scan::Pi(_) => {
                let (at, kind) = pi_error(&self.buf[self.pos + 2..], false)
                    .unwrap_or((rest_len - 2, ErrorKind::ExtraContent));
                self.err_at(2 + at, kind)
            }
            Scan::Doctype(_) => {
                let (at, kind) = doctype_eof_error(&self.buf[self.pos + 9..]);
                self.err_at(9 + at, kind)
            }
            Scan::Ref => match refs::parse(&self.buf[self.pos..], false) {
                Err((at, kind)) => self.err_at(at, kind),
                _ => self.err_at(rest_len, ErrorKind::ExtraContent),
            },
            _ => self.err_at(rest_len, ErrorKind::ExtraContent),
        }
    }
}

/// libxml2's XML_PARSER_BIG_BUFFER_SIZE: the piece size of its slow path.
const BIG_BUFFER: usize = 300;

/// Hands a run of character data to the sink in the pieces libxml2's
/// xmlParseCharData makes. Its fast path takes ASCII, split before each CR
/// (as `emit_text`); it ends at a byte past ASCII, a lone CR, or a CR
/// right after a CR LF (and at a bad character: `slow_end`), its slow path
/// then starting there or, after a CR LF, at that LF. The slow path takes
/// the rest with line ends turned into LF, handing it on each time 300
/// bytes are gathered and at the end. `flush`: whether that end is handed
/// on — libxml2's decoder fails without it at a byte that is not UTF-8.
fn emit_char_data(sink: &mut dyn Sink, text: &str, line: u32, slow_end: bool, flush: bool) -> Step {
    let b = text.as_bytes();
    let crlf_before = |i: usize| i >= 2 && &b[i - 2..i] == b"\r\n";
    let found = (0..b.len()).find(|&i| {
        b[i] >= 0x80 || (b[i] == b'\r' && (b.get(i + 1) != Some(&b'\n') || crlf_before(i)))
    });
    let mut head = match found {
        Some(i) => i,
        None if slow_end => b.len(),
        None => return emit_text(sink, text, line),
    };
    let fast_end = head;
    let fast_end = if crlf_before(head) {
        head -= 1;
        fast_end - 2
    } else {
        fast_end
    };
    if let Step::Stop = emit_text(sink, &text[..fast_end], line) {
        return Step::Stop;
    }
    let mut line = line + count_lines(&b[..head]);
    let mut piece = String::with_capacity(BIG_BUFFER + 4);
    let mut chars = text[head..].chars().peekable();
    while let Some(c) = chars.next() {
        // A lone CR is no line end for libxml2's line count.
        let (c, newline) = match c {
            '\r' => ('\n', chars.next_if_eq(&'\n').is_some()),
            '\n' => ('\n', true),
            c => (c, false),
        };
        piece.push(c);
        if piece.len() >= BIG_BUFFER {
            // Handed on before the line count passes this character.
            if !sink.text(&piece, line) {
                return Step::Stop;
            }
            piece.clear();
        }
        line += newline as u32;
    }
    if flush && !piece.is_empty() && !sink.text(&piece, line) {
        return Step::Stop;
    }
    Step::Next
}

/// Hands a run of text to the sink, with CR LF and lone CR turned into LF.
/// As libxml2 does, a piece ends before each CR: after CR LF the next one
/// starts at the LF, after a lone CR with an LF in its place (the only
/// case that copies). The line of each piece is the line it ends on; a
/// lone CR does not count as a line end.
fn emit_text(sink: &mut dyn Sink, text: &str, mut line: u32) -> Step {
    let b = text.as_bytes();
    let mut emit = |sink: &mut dyn Sink, s: &str, lone_cr: bool| {
        if s.is_empty() && !lone_cr {
            return true;
        }
        line += memchr::memchr_iter(b'\n', s.as_bytes()).count() as u32;
        if lone_cr {
            let mut t = String::with_capacity(s.len() + 1);
            t.push('\n');
            t.push_str(s);
            sink.text(&t, line)
        } else {
            sink.text(s, line)
        }
    };
    let (mut start, mut lone_cr) = (0, false);
    for cr in memchr::memchr_iter(b'\r', b) {
        if !emit(sink, &text[start..cr], lone_cr) {
            return Step::Stop;
        }
        lone_cr = b.get(cr + 1) != Some(&b'\n');
        start = cr + 1;
    }
    if emit(sink, &text[start..], lone_cr) {
        Step::Next
    } else {
        Step::Stop
    }
}

/// libxml2's error for a processing instruction's body (after `<?`, before
/// `?>`, or to the end of the document when it has no end), if any.
fn pi_error(body: &[u8], complete: bool) -> Option<(usize, ErrorKind)> {
    let valid = match std::str::from_utf8(body) {
        Ok(v) => v,
        Err(e) => std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or(""),
    };
    let n = name_len(valid);
    if n == 0 {
        return Some((0, ErrorKind::PiTarget));
    }
    let target = &valid[..n];
    if target == "xml" {
        return Some((0, ErrorKind::XmlDeclMisplaced));
    }
    if target.eq_ignore_ascii_case("xml") {
        return Some((0, ErrorKind::PiName));
    }
    match body.get(n) {
        None if complete => None,
        Some(&b) if is_space(b) => {
            (!complete).then(|| (body.len(), ErrorKind::PiNeverEnd(target.to_string())))
        }
        _ => Some((n, ErrorKind::PiSpace(target.to_string()))),
    }
}

/// libxml2's error for a document type declaration the document ends in
/// (`rest` follows `<!DOCTYPE`).
fn doctype_eof_error(rest: &[u8]) -> (usize, ErrorKind) {
    let skip = |mut i: usize| {
        while rest.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        i
    };
    let i = skip(0);
    let valid = std::str::from_utf8(&rest[i..]).unwrap_or("");
    let n = name_len(valid);
    if n == 0 {
        return (i, ErrorKind::DoctypeNoName);
    }
    let j = skip(i + n);
    let tail = &rest[j..];
    if tail.is_empty() {
        return (j, ErrorKind::Doctype);
    }
    if let Some(after) = tail.strip_prefix(b"SYSTEM") {
        if !after.first().is_some_and(|&b| is_space(b)) {
            return (j + 6, ErrorKind::SpaceAfterSystem);
        }
        let k = skip(j + 6);
        if matches!(rest.get(k), Some(b'"' | b'\'')) {
            return (rest.len(), ErrorKind::SystemIdUnfinished);
        }
    }
    (rest.len(), ErrorKind::ExtraContent)
}

/// Advances the DOCTYPE scanner over `data`; the end (after `>`) if found.
fn scan_doctype(state: &mut Dtd, data: &[u8]) -> Option<usize> {
    for (i, &b) in data.iter().enumerate() {
        *state = match (*state, b) {
            (Dtd::Out, b'>') => return Some(i + 1),
            (Dtd::Out, q @ (b'"' | b'\'')) => Dtd::Quoted(q),
            (Dtd::Out, b'[') => Dtd::Subset,
            (Dtd::Quoted(q), c) if c == q => Dtd::Out,
            (Dtd::Subset, q @ (b'"' | b'\'')) => Dtd::SubsetQuoted(q),
            (Dtd::Subset, b']') => Dtd::Out,
            (Dtd::SubsetQuoted(q), c) if c == q => Dtd::Subset,
            (s, _) => s,
        };
    }
    None
}

/// ISO-8859-1 to UTF-8.
fn push_latin1(out: &mut Vec<u8>, data: &[u8]) {
    out.reserve(data.len());
    for &b in data {
        if b < 0x80 {
            out.push(b);
        } else {
            out.push(0xC0 | (b >> 6));
            out.push(0x80 | (b & 0x3F));
        }
    }
}
