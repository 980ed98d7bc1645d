//! WebDAV 207 (Multi-Status) responses (neon's `ne_207.h`): a handler for
//! the XML parser's stack that follows `multistatus`/`response`/`propstat`,
//! resolves each response's `href` against a base URI and reports the
//! responses and propstats, with their status lines and descriptions, to
//! [`Callbacks`].
//!
//! neon's rules, kept here: nothing inside a `response` counts until its
//! `href` has been read (and only if the caller follows responses); an
//! `href`, `status` or `responsedescription` keeps at most 2046 bytes of
//! text, then shaved of white space; a response and its propstats share
//! one status and one description, each handed to the next `propstat` or
//! `response` end and then forgotten; an unparsable status line aborts the
//! parse with a message naming the line.
//!
//! Memory: one response's text, whatever the document's size.

mod fuzz;
mod simple;
mod status;

#[cfg(test)]
mod tests;

use crate::uri::{self, Uri};
#[cfg(test)]
use crate::webdav::request::Failed;
use crate::webdav::xml::{ABORT, Attrs, Context, DECLINE, Handler, ZStr};

pub use fuzz::fuzz_multistatus;
pub use simple::{ErrorList, simple_request};
pub use status::{BadStatusLine, Status};

/// The state of `{DAV:}prop` (NE_207_STATE_PROP): handlers of property
/// values see it as their parent.
pub const STATE_PROP: i32 = 50;
/// States below this are the multistatus parser's (NE_207_STATE_TOP).
pub const STATE_TOP: i32 = 100;
/// Flag: escape hrefs before parsing them, for SharePoint's unescaped
/// ones (NE_207_MSSP_ESCAPING).
pub const MSSP_ESCAPING: u32 = 0x0001;

const MULTISTATUS: i32 = 1;
const RESPONSE: i32 = 2;
const RESPONSEDESCRIPTION: i32 = 3;
const HREF: i32 = 4;
const PROP: i32 = STATE_PROP;
const STATUS: i32 = 6;
const PROPSTAT: i32 = 7;

/// The state of a `DAV:` element the parser knows (neon's id map), or 0.
fn element(name: &str) -> i32 {
    match name {
        "multistatus" => MULTISTATUS,
        "response" => RESPONSE,
        "responsedescription" => RESPONSEDESCRIPTION,
        "href" => HREF,
        "propstat" => PROPSTAT,
        "prop" => PROP,
        "status" => STATUS,
        _ => 0,
    }
}

/// neon's text buffer for these elements: what is kept, its NUL
/// included, stays below this; a piece that would reach it is dropped.
const TEXT_LIMIT: usize = 2048;

/// A propstat start that must abort the parse (the callback has set the
/// parser's error).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Abort;

/// What the caller of a multistatus parse is told.
pub trait Callbacks {
    /// The caller's object for one response.
    type Response;
    /// The caller's object for one propstat.
    type Propstat;

    /// A response's `href`, resolved. `None` means the caller does not
    /// follow responses (neon's NULL start callback): the response's
    /// contents are then skipped.
    fn start_response(&mut self, cx: &Context, uri: &Uri) -> Option<Self::Response>;

    /// The end of a response that was started.
    fn end_response(
        &mut self,
        cx: &Context,
        response: Self::Response,
        status: Option<&Status>,
        description: Option<ZStr<'_>>,
    );

    /// A propstat starts: `Ok(None)` if the caller keeps no object for
    /// propstats, `Err(Abort)` to abort the parse.
    fn start_propstat(
        &mut self,
        cx: &Context,
        response: &mut Self::Response,
    ) -> Result<Option<Self::Propstat>, Abort>;

    /// The end of a propstat (its object, if the start gave one), in
    /// `response`.
    fn end_propstat(
        &mut self,
        cx: &Context,
        response: Option<&mut Self::Response>,
        propstat: Option<Self::Propstat>,
        status: Option<&Status>,
        description: Option<ZStr<'_>>,
    );

    /// MSSP_ESCAPING or 0; read at each href.
    fn flags(&self) -> u32 {
        0
    }
}

/// The multistatus parser: a [`Handler`] for the XML parser's stack.
pub struct Multistatus<C: Callbacks> {
    cb: C,
    base: Uri,
    /// The current href, resolved (its storage is reused).
    resolved: Uri,
    /// Text of the current href, status or responsedescription.
    text: String,
    /// In a response whose href was taken.
    in_response: bool,
    response: Option<C::Response>,
    propstat: Option<C::Propstat>,
    /// The shared status of the current response or propstat, and whether
    /// one is set (its storage is reused).
    status: Status,
    has_status: bool,
    /// The shared description, with a trailing NUL.
    description: Option<String>,
}

impl<C: Callbacks> Multistatus<C> {
    /// A parser resolving hrefs against `base`.
    pub fn new(base: Uri, cb: C) -> Multistatus<C> {
        Multistatus {
            cb,
            base,
            resolved: Uri::default(),
            text: String::new(),
            in_response: false,
            response: None,
            propstat: None,
            status: Status::default(),
            has_status: false,
            description: None,
        }
    }

    pub fn callbacks(&self) -> &C {
        &self.cb
    }

    pub fn callbacks_mut(&mut self) -> &mut C {
        &mut self.cb
    }

    /// The current response's object (neon's ne_207_get_current_response).
    pub fn current_response(&self) -> Option<&C::Response> {
        self.response.as_ref()
    }

    /// The current propstat's object (ne_207_get_current_propstat).
    pub fn current_propstat(&self) -> Option<&C::Propstat> {
        self.propstat.as_ref()
    }

    /// The current response's object and the callbacks, both mutable.
    pub fn response_and_callbacks(&mut self) -> (Option<&mut C::Response>, &mut C) {
        (self.response.as_mut(), &mut self.cb)
    }

    /// Takes the current response's object (for a caller that stops
    /// before the response ends and must release it).
    pub fn take_response(&mut self) -> Option<C::Response> {
        self.in_response = false;
        self.response.take()
    }

    fn forget_status(&mut self) {
        self.description = None;
        self.has_status = false;
    }

    fn end_href(&mut self, cx: &Context) {
        let range = crate::text::token::shave(self.text.as_bytes(), b"\r\n\t ");
        let href = &self.text.as_bytes()[range];
        let escaped;
        let href = if self.cb.flags() & MSSP_ESCAPING != 0 {
            escaped = uri::path_escape(href, uri::ESCAPE_NONURI);
            &escaped[..]
        } else {
            href
        };
        if plain_path(href) {
            // The usual href: resolution gives the base's scheme and
            // authority with this path.
            let (r, b) = (&mut self.resolved, &self.base);
            r.scheme.clone_from(&b.scheme);
            r.host.clone_from(&b.host);
            r.userinfo.clone_from(&b.userinfo);
            r.port = b.port;
            let path = r.path.get_or_insert_with(Vec::new);
            path.clear();
            path.extend_from_slice(href);
            r.query = None;
            r.fragment = None;
            if let Some(r) = self.cb.start_response(cx, &self.resolved) {
                self.response = Some(r);
                self.in_response = true;
            }
            return;
        }
        // An href neon cannot parse is ignored: the response is skipped.
        let Ok(reference) = uri::parse(href) else {
            return;
        };
        let plain_path = reference.scheme.is_none()
            && reference.host.is_none()
            && reference.query.is_none()
            && reference.fragment.is_none()
            && reference.path().starts_with(b"/")
            && !reference.path().windows(2).any(|w| w == b"/.");
        if plain_path {
            // What resolution gives for an absolute path without dot
            // segments (the usual href), built in place.
            let (r, b) = (&mut self.resolved, &self.base);
            r.scheme.clone_from(&b.scheme);
            r.host.clone_from(&b.host);
            r.userinfo.clone_from(&b.userinfo);
            r.port = b.port;
            r.path = reference.path;
            r.query = None;
            r.fragment = None;
        } else {
            self.resolved = uri::resolve(&self.base, &reference);
        }
        if let Some(r) = self.cb.start_response(cx, &self.resolved) {
            self.response = Some(r);
            self.in_response = true;
        }
    }

    fn end_status(&mut self, cx: &Context) -> i32 {
        let range = crate::text::token::shave(self.text.as_bytes(), b"\r\n\t ");
        let line = &self.text.as_bytes()[range];
        // The previous status is dropped before the new one is parsed.
        self.has_status = false;
        if self.status.parse_into(line).is_ok() {
            self.has_status = true;
            return 0;
        }
        let mut msg = format!(
            "Invalid HTTP status line in status element at line {} of response:\nStatus line was: ",
            cx.line()
        )
        .into_bytes();
        msg.extend_from_slice(line);
        // neon formats into a 500-byte buffer.
        msg.truncate(499);
        cx.set_error(&msg);
        -1
    }
}

/// Whether the parser keeps the text of elements in this state (so a
/// handler sharing its state may skip handing it text otherwise).
pub fn keeps_text(state: i32) -> bool {
    matches!(state, HREF | RESPONSEDESCRIPTION | STATUS)
}

/// RFC 3986 path bytes as neon's URI parser takes them (unreserved,
/// sub-delims, '%', ':', '@', '/').
const PATH: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'%'
                    | b':'
                    | b'@'
                    | b'/'
            );
        c += 1;
    }
    t
};

/// Whether `href` is an absolute path that parses as just that path and
/// that resolution leaves unchanged (no "." or ".." segment).
fn plain_path(href: &[u8]) -> bool {
    href.first() == Some(&b'/')
        && href.get(1) != Some(&b'/')
        && href.iter().all(|&b| PATH[b as usize])
        && !href.windows(2).any(|w| w == b"/.")
}

/// Whether the multistatus parser takes `child` under `parent`.
fn can_handle(parent: i32, child: i32) -> bool {
    matches!(
        (parent, child),
        (0, MULTISTATUS)
            | (MULTISTATUS, RESPONSE)
            | (RESPONSE, HREF | STATUS | PROPSTAT | RESPONSEDESCRIPTION)
            | (PROPSTAT, PROP | STATUS | RESPONSEDESCRIPTION)
    )
}

impl<C: Callbacks> Handler for Multistatus<C> {
    fn start_element(
        &mut self,
        cx: &Context,
        parent: i32,
        nspace: ZStr<'_>,
        name: ZStr<'_>,
        _attrs: &Attrs<'_>,
    ) -> i32 {
        // Only these parents have children the parser takes (checked first:
        // property elements, most of a response, end here).
        if !matches!(parent, 0 | MULTISTATUS | RESPONSE | PROPSTAT) || nspace.as_str() != "DAV:" {
            return DECLINE;
        }
        let state = element(&name);
        if !can_handle(parent, state) {
            return DECLINE;
        }
        // Outside a response whose href was taken, only these count.
        if !self.in_response && !matches!(state, RESPONSE | MULTISTATUS | HREF) {
            return DECLINE;
        }
        if state == PROPSTAT {
            if let Some(r) = self.response.as_mut() {
                match self.cb.start_propstat(cx, r) {
                    Ok(p) => self.propstat = p,
                    Err(Abort) => return ABORT,
                }
            }
        }
        self.text.clear();
        state
    }

    fn char_data(&mut self, _cx: &Context, state: i32, text: &str) -> i32 {
        if keeps_text(state) && self.text.len() + 1 + text.len() < TEXT_LIMIT {
            self.text.push_str(text);
        }
        0
    }

    fn end_element(&mut self, cx: &Context, state: i32, _ns: ZStr<'_>, _name: ZStr<'_>) -> i32 {
        match state {
            RESPONSEDESCRIPTION if !self.text.is_empty() => {
                let range = crate::text::token::shave(self.text.as_bytes(), b"\r\n\t ");
                let mut d = String::with_capacity(range.len() + 1);
                d.push_str(&self.text[range]);
                d.push('\0');
                self.description = Some(d);
            }
            HREF if !self.text.is_empty() => self.end_href(cx),
            STATUS if !self.text.is_empty() => return self.end_status(cx),
            PROPSTAT => {
                let propstat = self.propstat.take();
                let status = self.has_status.then_some(&self.status);
                let desc = self.description.as_deref().map(ZStr::new);
                self.cb
                    .end_propstat(cx, self.response.as_mut(), propstat, status, desc);
                self.forget_status();
            }
            RESPONSE if self.in_response => {
                self.in_response = false;
                if let Some(r) = self.response.take() {
                    let status = self.has_status.then_some(&self.status);
                    let desc = self.description.as_deref().map(ZStr::new);
                    self.cb.end_response(cx, r, status, desc);
                }
                self.forget_status();
            }
            _ => {}
        }
        0
    }
}
