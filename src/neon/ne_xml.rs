//! C face of `ne_xml.h`. The parser is [`crate::webdav::xml::Parser`];
//! C callbacks sit on its handler stack like Rust handlers do.

use std::cell::RefCell;
use std::ffi::{CStr, c_char, c_int, c_void};
use std::rc::Rc;

use crate::ffi;
use crate::webdav::xml::{Attrs, Context, DECLINE, Handler, Parser, ZStr};

/// An XML parser.
pub struct ne_xml_parser_s {
    _private: [u8; 0],
}
pub type ne_xml_parser = ne_xml_parser_s;

/// A start-element result: decline the element.
pub const NE_XML_DECLINE: c_int = 0;
/// A start-element result: abort the parse.
pub const NE_XML_ABORT: c_int = -1;
/// The parent state passed for the root element.
pub const NE_XML_STATEROOT: c_int = 0;

// The callback types are C function types (`typedef int ne_xml_startelm_cb(…)`),
// which cbindgen cannot write; they are in tools/headergen/extras/ne_xml.h.before
// and the parameters below, of these names, mean pointers to them.
/// cbindgen:ignore
pub type ne_xml_startelm_cb = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        parent: c_int,
        nspace: *const c_char,
        name: *const c_char,
        atts: *mut *const c_char,
    ) -> c_int,
>;
/// cbindgen:ignore
pub type ne_xml_cdata_cb = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        state: c_int,
        cdata: *const c_char,
        len: usize,
    ) -> c_int,
>;
/// cbindgen:ignore
pub type ne_xml_endelm_cb = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        state: c_int,
        nspace: *const c_char,
        name: *const c_char,
    ) -> c_int,
>;

/// One {namespace, name} → id mapping for `ne_xml_mapid`.
// neon declares this type by its struct tag only, which cbindgen (style
// "type") cannot express: `cfg_attr` gives Rust the C layout while cbindgen,
// not seeing the repr, declares the tag. The C definition is in
// tools/headergen/extras/ne_xml.h.before.
#[cfg_attr(all(), repr(C))]
pub struct ne_xml_idmap {
    pub nspace: *const c_char,
    pub name: *const c_char,
    pub id: c_int,
}

/// The object behind an `ne_xml_parser` handle: the parser (shared with a
/// core that parses into it, such as a PROPFIND's), and its context,
/// reachable while a parse holds the parser.
pub(crate) struct XmlParser {
    pub parser: Rc<RefCell<Parser>>,
    pub cx: Rc<Context>,
}

/// A handle for a parser a core owns; free it with `free_handle`.
pub(crate) fn shared_handle(parser: &Rc<RefCell<Parser>>) -> *mut ne_xml_parser {
    let cx = parser.borrow().context().clone();
    ffi::into_handle(XmlParser {
        parser: parser.clone(),
        cx,
    })
}

/// Frees a handle from `shared_handle`.
///
/// # Safety
/// `p` must be NULL or a handle from `shared_handle`, not used afterwards.
pub(crate) unsafe fn free_handle(p: *mut ne_xml_parser) {
    // SAFETY: per the contract above.
    drop(unsafe { ffi::from_handle::<XmlParser, _>(p) });
}

/// The parser behind a handle.
///
/// # Safety
/// `p` must be NULL or a live handle from `ne_xml_create`.
pub(crate) unsafe fn xml_parser<'a>(p: *const ne_xml_parser) -> Option<&'a XmlParser> {
    // SAFETY: per the contract above.
    unsafe { ffi::handle::<XmlParser, _>(p) }
}

/// A handler pushed from C.
struct CHandler {
    startelm: ne_xml_startelm_cb,
    cdata: ne_xml_cdata_cb,
    endelm: ne_xml_endelm_cb,
    userdata: *mut c_void,
    /// The attribute array handed to startelm (reused).
    atts: Vec<*const c_char>,
}

fn cptr(z: ZStr<'_>) -> *const c_char {
    z.with_nul().as_ptr() as *const c_char
}

impl Handler for CHandler {
    fn start_element(
        &mut self,
        _cx: &Context,
        parent: i32,
        nspace: ZStr<'_>,
        name: ZStr<'_>,
        attrs: &Attrs<'_>,
    ) -> i32 {
        let Some(f) = self.startelm else {
            return DECLINE;
        };
        self.atts.clear();
        for (n, v) in attrs.iter() {
            self.atts.push(cptr(n));
            self.atts.push(cptr(v));
        }
        self.atts.push(std::ptr::null());
        self.atts.push(std::ptr::null());
        // SAFETY: the application's callback with its userdata; the strings
        // and the array stay valid for the call.
        unsafe {
            f(
                self.userdata,
                parent,
                cptr(nspace),
                cptr(name),
                self.atts.as_mut_ptr(),
            )
        }
    }

    fn takes_char_data(&self) -> bool {
        self.cdata.is_some()
    }

    fn char_data(&mut self, _cx: &Context, state: i32, text: &str) -> i32 {
        match self.cdata {
            // SAFETY: as above.
            Some(f) => unsafe {
                f(
                    self.userdata,
                    state,
                    text.as_ptr() as *const c_char,
                    text.len(),
                )
            },
            None => 0,
        }
    }

    fn end_element(&mut self, _cx: &Context, state: i32, nspace: ZStr<'_>, name: ZStr<'_>) -> i32 {
        match self.endelm {
            // SAFETY: as above.
            Some(f) => unsafe { f(self.userdata, state, cptr(nspace), cptr(name)) },
            None => 0,
        }
    }
}

/// Creates an XML parser.
#[unsafe(no_mangle)]
pub extern "C" fn ne_xml_create() -> *mut ne_xml_parser {
    ffi::guard(std::ptr::null_mut(), || {
        let parser = Parser::new();
        let cx = parser.context().clone();
        Some(ffi::into_handle(XmlParser {
            parser: Rc::new(RefCell::new(parser)),
            cx,
        }))
    })
}

/// Pushes a handler on the parser's stack. Each start-element event goes
/// to the handlers from the one that accepted the parent element upwards
/// until one accepts it; that handler gets its character data and end.
/// `cdata` and `endelm` may be NULL (a NULL `startelm` declines everything).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_push_handler(
    p: *mut ne_xml_parser,
    startelm: ne_xml_startelm_cb,
    cdata: ne_xml_cdata_cb,
    endelm: ne_xml_endelm_cb,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let x = unsafe { xml_parser(p) }?;
        x.parser
            .try_borrow_mut()
            .ok()?
            .push_handler(Box::new(CHandler {
                startelm,
                cdata,
                endelm,
                userdata,
                atts: Vec::new(),
            }));
        Some(())
    })
}

/// Non-zero if the parse failed: the value of the last ne_xml_parse.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_failed(p: *mut ne_xml_parser) -> c_int {
    ffi::guard(1, || {
        // SAFETY: handle or NULL.
        Some(unsafe { xml_parser(p) }?.cx.failure())
    })
}

/// Sets the parser's error string (cut to 2047 bytes).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_set_error(p: *mut ne_xml_parser, msg: *const c_char) {
    ffi::guard((), || {
        // SAFETY: handle or NULL; NUL-terminated string or NULL.
        let (x, msg) = unsafe { (xml_parser(p)?, ffi::cstr_arg(msg)?) };
        x.cx.set_error(msg);
        Some(())
    })
}

/// The error string (never NULL): the parse error after a failure,
/// "Unknown error" before any.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_get_error(p: *mut ne_xml_parser) -> *const c_char {
    const UNKNOWN: &CStr = c"Unknown error";
    ffi::guard(UNKNOWN.as_ptr(), || {
        // SAFETY: handle or NULL.
        Some(unsafe { xml_parser(p) }?.cx.error_ptr() as *const c_char)
    })
}

/// Parses a block of the document; `len` 0 ends the document. Returns 0,
/// a positive number after a syntax error, or the non-zero value of the
/// callback that aborted the parse (then every later call returns it).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_parse(
    p: *mut ne_xml_parser,
    block: *const c_char,
    len: usize,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: handle or NULL.
        let x = unsafe { xml_parser(p) }?;
        if x.cx.failure() != 0 {
            crate::debug!(
                crate::debug::XMLPARSE,
                "XML: Failed; ignoring {len} bytes.\n"
            );
            return Some(x.cx.failure());
        }
        let mut parser = x.parser.try_borrow_mut().ok()?;
        if len == 0 {
            return Some(parser.finish());
        }
        // SAFETY: the caller's block of len bytes.
        let data = unsafe { ffi::bytes_arg(block, len) }?;
        Some(parser.parse(data))
    })
}

/// ne_xml_parse with the parser as userdata (an `ne_block_reader`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_parse_v(
    userdata: *mut c_void,
    block: *const c_char,
    len: usize,
) -> c_int {
    // SAFETY: forwarded; userdata is the parser handle.
    unsafe { ne_xml_parse(userdata as *mut ne_xml_parser, block, len) }
}

/// The current line of the document (during a callback: of that event).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_currentline(p: *mut ne_xml_parser) -> c_int {
    ffi::guard(0, || {
        // SAFETY: handle or NULL.
        Some(unsafe { xml_parser(p) }?.cx.line().min(c_int::MAX as u32) as c_int)
    })
}

/// In a start-element callback: the value of the attribute `name` in
/// namespace `nspace` (NULL: an unprefixed attribute), or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_get_attr(
    p: *mut ne_xml_parser,
    attrs: *mut *const c_char,
    nspace: *const c_char,
    name: *const c_char,
) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle or NULL; NUL-terminated strings or NULL.
        let (x, name) = unsafe { (xml_parser(p)?, ffi::cstr_arg(name)?) };
        // SAFETY: as above.
        let nspace = unsafe { ffi::cstr_arg(nspace) };
        if attrs.is_null() {
            return None;
        }
        let mut n = 0;
        loop {
            // SAFETY: the array holds name/value pairs up to a NULL name.
            let (an, av) = unsafe { (*attrs.add(n), *attrs.add(n + 1)) };
            if an.is_null() {
                return Some(std::ptr::null());
            }
            // SAFETY: a NUL-terminated attribute name.
            let an_b = unsafe { CStr::from_ptr(an) }.to_bytes();
            let colon = an_b.iter().position(|&c| c == b':');
            match (nspace, colon) {
                (None, None) if an_b == name => return Some(av),
                (Some(ns), Some(c))
                    if &an_b[c + 1..] == name
                        && x.cx
                            .resolve(&an_b[..c])
                            .is_some_and(|u| u.as_str().as_bytes() == ns) =>
                {
                    return Some(av);
                }
                _ => {}
            }
            n += 2;
        }
    })
}

/// In a callback: the namespace URI bound to the prefix (`length` bytes),
/// or NULL; for a NULL prefix, the default namespace ("" if none).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_resolve_nspace(
    p: *mut ne_xml_parser,
    prefix: *const c_char,
    length: usize,
) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle or NULL.
        let x = unsafe { xml_parser(p) }?;
        // The URI's storage stays with the scope that declared it, so the
        // address outlives this clone.
        let uri = if prefix.is_null() {
            Some(x.cx.default_namespace())
        } else {
            // SAFETY: the caller's prefix of `length` bytes.
            x.cx.resolve(unsafe { ffi::bytes_arg(prefix, length) }?)
        };
        Some(uri.map_or(std::ptr::null(), |u| cptr(u.as_zstr())))
    })
}

/// neon 0.36: reads the document in `encoding` (UTF-8, US-ASCII or
/// ISO-8859-1 under libxml2's names), starting it again. Returns 0, or
/// non-zero for an encoding the parser cannot read (the parse has then
/// failed with "Unsupported encoding …") or if the parse had failed.
/// NULL `encoding` only starts the document again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_set_encoding(
    p: *mut ne_xml_parser,
    encoding: *const c_char,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: handle or NULL.
        let x = unsafe { xml_parser(p) }?;
        // SAFETY: the caller's string or NULL.
        let enc = unsafe { ffi::cstr_arg(encoding) }.map(String::from_utf8_lossy);
        let mut parser = x.parser.try_borrow_mut().ok()?;
        Some(parser.set_encoding(enc.as_deref()))
    })
}

/// The encoding the document's XML declaration names, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_doc_encoding(p: *const ne_xml_parser) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle or NULL.
        let x = unsafe { xml_parser(p) }?;
        // Kept by the context until the parser is destroyed.
        Some(
            x.cx.encoding()
                .map_or(std::ptr::null(), |e| cptr(e.as_zstr())),
        )
    })
}

/// Destroys the parser.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_destroy(p: *mut ne_xml_parser) {
    ffi::guard((), || {
        // SAFETY: handle or NULL, not used afterwards.
        drop(unsafe { ffi::from_handle::<XmlParser, _>(p) }?);
        Some(())
    })
}

/// The id of the first entry of `map` (`maplen` entries) matching
/// {nspace, name}, or 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_xml_mapid(
    map: *const ne_xml_idmap,
    maplen: usize,
    nspace: *const c_char,
    name: *const c_char,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: NUL-terminated strings or NULL.
        let (nspace, name) = unsafe { (ffi::cstr_arg(nspace)?, ffi::cstr_arg(name)?) };
        if map.is_null() {
            return Some(0);
        }
        // SAFETY: the caller's array of maplen entries.
        let entries = unsafe { std::slice::from_raw_parts(map, maplen) };
        for e in entries {
            // SAFETY: NUL-terminated strings or NULL.
            let (ens, en) = unsafe { (ffi::cstr_arg(e.nspace), ffi::cstr_arg(e.name)) };
            if en == Some(name) && ens == Some(nspace) {
                return Some(e.id);
            }
        }
        Some(0)
    })
}
