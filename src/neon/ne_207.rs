//! C face of `ne_207.h`: the multistatus parser
//! ([`crate::webdav::multistatus`]) on an `ne_xml_parser`, with C
//! callbacks, and `ne_simple_request`.

use std::cell::Cell;
use std::ffi::{c_char, c_int, c_uint, c_void};
use std::rc::Rc;

use super::ne_request::{NE_ERROR, ne_request};
use super::ne_session::{ne_session, session, session_rc};
use super::ne_uri::ne_uri;
use super::ne_utils::ne_status;
use super::ne_xml::{ne_xml_parser, xml_parser};
use crate::ffi;
use crate::http::Request;
use crate::uri::Uri;
use crate::webdav::multistatus::{self, Abort, Callbacks, Multistatus, Status};
use crate::webdav::xml::{Context, ZStr};

/// A multistatus parser.
pub struct ne_207_parser_s {
    _private: [u8; 0],
}
pub type ne_207_parser = ne_207_parser_s;

/// The state of `{DAV:}prop`, the parent state handlers of property
/// values see.
pub const NE_207_STATE_PROP: c_int = 50;
/// The parser uses the states 0 < x < NE_207_STATE_TOP.
pub const NE_207_STATE_TOP: c_int = 100;
/// Flag: escape hrefs before parsing them (SharePoint sends them raw).
pub const NE_207_MSSP_ESCAPING: c_uint = 0x0001;

const _: () = {
    assert!(NE_207_STATE_PROP == multistatus::STATE_PROP);
    assert!(NE_207_STATE_TOP == multistatus::STATE_TOP);
    assert!(NE_207_MSSP_ESCAPING == multistatus::MSSP_ESCAPING);
};

// The callback types are C function types, which cbindgen cannot write;
// they are in tools/headergen/extras/ne_207.h.before and the parameters
// below, of these names, mean pointers to them.
/// cbindgen:ignore
pub type ne_207_start_response =
    Option<unsafe extern "C" fn(userdata: *mut c_void, uri: *const ne_uri) -> *mut c_void>;
/// cbindgen:ignore
pub type ne_207_end_response = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        response: *mut c_void,
        status: *const ne_status,
        description: *const c_char,
    ),
>;
/// cbindgen:ignore
pub type ne_207_start_propstat =
    Option<unsafe extern "C" fn(userdata: *mut c_void, response: *mut c_void) -> *mut c_void>;
/// cbindgen:ignore
pub type ne_207_end_propstat = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        propstat: *mut c_void,
        status: *const ne_status,
        description: *const c_char,
    ),
>;

/// A URI as a C `ne_uri` whose strings lie in one buffer, rebuilt in place
/// for each URI (no allocation once the buffer is large enough).
pub(crate) struct CUri {
    buf: Vec<u8>,
    uri: ne_uri,
}

impl CUri {
    pub(crate) fn new() -> CUri {
        CUri {
            buf: Vec::new(),
            uri: ne_uri::default(),
        }
    }

    /// Makes this the C form of `u`.
    pub(crate) fn fill(&mut self, u: &Uri) {
        let fields = [
            &u.scheme,
            &u.host,
            &u.userinfo,
            &u.path,
            &u.query,
            &u.fragment,
        ];
        let mut at = [None; 6];
        self.buf.clear();
        for (i, f) in fields.iter().enumerate() {
            if let Some(bytes) = f {
                at[i] = Some(self.buf.len());
                self.buf.extend_from_slice(bytes);
                self.buf.push(0);
            }
        }
        // The buffer no longer changes: the addresses stay valid.
        let ptr = |a: Option<usize>| {
            a.map_or(std::ptr::null_mut(), |a| {
                self.buf[a..].as_ptr() as *mut c_char
            })
        };
        self.uri = ne_uri {
            scheme: ptr(at[0]),
            host: ptr(at[1]),
            userinfo: ptr(at[2]),
            port: u.port,
            path: ptr(at[3]),
            query: ptr(at[4]),
            fragment: ptr(at[5]),
        };
    }

    pub(crate) fn as_ptr(&self) -> *const ne_uri {
        &self.uri
    }
}

/// A status for a C callback; its reason points into `st`.
pub(crate) fn c_status(st: &Status) -> ne_status {
    ne_status {
        major_version: st.major,
        minor_version: st.minor,
        code: st.code,
        klass: st.klass,
        reason_phrase: st.reason_with_nul().as_ptr() as *mut c_char,
    }
}

/// The callbacks and state a handle shares with its handler on the parser.
struct Face {
    start_response: Cell<ne_207_start_response>,
    end_response: Cell<ne_207_end_response>,
    start_propstat: Cell<ne_207_start_propstat>,
    end_propstat: Cell<ne_207_end_propstat>,
    userdata: *mut c_void,
    flags: Cell<c_uint>,
    /// What the C callbacks returned for the current response and propstat.
    response: Cell<*mut c_void>,
    propstat: Cell<*mut c_void>,
}

struct CCallbacks {
    face: Rc<Face>,
    uri: CUri,
}

/// The end callbacks' arguments.
fn end_args(
    status: Option<&Status>,
    description: Option<ZStr<'_>>,
) -> (Option<ne_status>, *const c_char) {
    (
        status.map(c_status),
        description.map_or(std::ptr::null(), |d| d.with_nul().as_ptr() as *const c_char),
    )
}

impl Callbacks for CCallbacks {
    type Response = *mut c_void;
    type Propstat = *mut c_void;

    fn start_response(&mut self, _cx: &Context, uri: &Uri) -> Option<*mut c_void> {
        let f = self.face.start_response.get()?;
        self.uri.fill(uri);
        // SAFETY: the application's callback; the URI lives for the call.
        let r = unsafe { f(self.face.userdata, self.uri.as_ptr()) };
        self.face.response.set(r);
        Some(r)
    }

    fn end_response(
        &mut self,
        _cx: &Context,
        response: *mut c_void,
        status: Option<&Status>,
        description: Option<ZStr<'_>>,
    ) {
        if let Some(f) = self.face.end_response.get() {
            let (st, desc) = end_args(status, description);
            let stp = st
                .as_ref()
                .map_or(std::ptr::null(), |s| s as *const ne_status);
            // SAFETY: the application's callback; the arguments live for the call.
            unsafe { f(self.face.userdata, response, stp, desc) };
        }
        self.face.response.set(std::ptr::null_mut());
    }

    fn start_propstat(
        &mut self,
        _cx: &Context,
        response: &mut *mut c_void,
    ) -> Result<Option<*mut c_void>, Abort> {
        let Some(f) = self.face.start_propstat.get() else {
            return Ok(None);
        };
        // SAFETY: the application's callback.
        let p = unsafe { f(self.face.userdata, *response) };
        if p.is_null() {
            return Err(Abort);
        }
        self.face.propstat.set(p);
        Ok(Some(p))
    }

    fn end_propstat(
        &mut self,
        _cx: &Context,
        _response: Option<&mut *mut c_void>,
        propstat: Option<*mut c_void>,
        status: Option<&Status>,
        description: Option<ZStr<'_>>,
    ) {
        if let Some(f) = self.face.end_propstat.get() {
            let (st, desc) = end_args(status, description);
            let stp = st
                .as_ref()
                .map_or(std::ptr::null(), |s| s as *const ne_status);
            let p = propstat.unwrap_or(std::ptr::null_mut());
            // SAFETY: the application's callback; the arguments live for the call.
            unsafe { f(self.face.userdata, p, stp, desc) };
        }
        self.face.propstat.set(std::ptr::null_mut());
    }

    fn flags(&self) -> u32 {
        self.face.flags.get()
    }
}

/// # Safety
/// `p` must be NULL or a live handle from `ne_207_create`.
unsafe fn face<'a>(p: *const ne_207_parser) -> Option<&'a Rc<Face>> {
    // SAFETY: forwarded contract.
    unsafe { ffi::handle(p) }
}

/// Creates a multistatus parser and pushes its handler on `parser`'s
/// stack; hrefs are resolved against `base`. NULL if an argument is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_207_create(
    parser: *mut ne_xml_parser,
    base: *const ne_uri,
    userdata: *mut c_void,
) -> *mut ne_207_parser {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle or NULL; a valid ne_uri or NULL.
        let (x, base) = unsafe { (xml_parser(parser)?, base.as_ref()?) };
        // SAFETY: the fields of a C ne_uri are NULL or C strings.
        let base = unsafe { base.to_uri() };
        let face = Rc::new(Face {
            start_response: Cell::new(None),
            end_response: Cell::new(None),
            start_propstat: Cell::new(None),
            end_propstat: Cell::new(None),
            userdata,
            flags: Cell::new(0),
            response: Cell::new(std::ptr::null_mut()),
            propstat: Cell::new(std::ptr::null_mut()),
        });
        let cb = CCallbacks {
            face: face.clone(),
            uri: CUri::new(),
        };
        x.parser
            .try_borrow_mut()
            .ok()?
            .push_handler(Box::new(Multistatus::new(base, cb)));
        Some(ffi::into_handle(face))
    })
}

/// Sets the parser's flags (NE_207_MSSP_ESCAPING).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_207_set_flags(p: *mut ne_207_parser, flags: c_uint) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        unsafe { face(p) }?.flags.set(flags);
        Some(())
    })
}

/// Sets the callbacks for the start and end of each response (either may
/// be NULL; without a start callback responses are skipped).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_207_set_response_handlers(
    p: *mut ne_207_parser,
    start: ne_207_start_response,
    end: ne_207_end_response,
) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let f = unsafe { face(p) }?;
        f.start_response.set(start);
        f.end_response.set(end);
        Some(())
    })
}

/// Sets the callbacks for the start and end of each propstat; a start
/// callback returning NULL aborts the parse.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_207_set_propstat_handlers(
    p: *mut ne_207_parser,
    start: ne_207_start_propstat,
    end: ne_207_end_propstat,
) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let f = unsafe { face(p) }?;
        f.start_propstat.set(start);
        f.end_propstat.set(end);
        Some(())
    })
}

/// Destroys the handle; its handler stays on the XML parser, inert once
/// the document ends.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_207_destroy(p: *mut ne_207_parser) {
    ffi::guard((), || {
        // SAFETY: handle or NULL, not used afterwards.
        drop(unsafe { ffi::from_handle::<Rc<Face>, _>(p) }?);
        Some(())
    })
}

/// An acceptor for ne_add_response_body_reader: only 207 responses.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_accept_207(
    userdata: *mut c_void,
    req: *mut ne_request,
    status: *const ne_status,
) -> c_int {
    let _ = (userdata, req);
    ffi::guard(0, || {
        // SAFETY: a valid ne_status or NULL.
        let st = unsafe { status.as_ref() }?;
        Some((st.code == 207) as c_int)
    })
}

/// What the current propstat's start callback returned, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_207_get_current_propstat(p: *mut ne_207_parser) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle or NULL.
        Some(unsafe { face(p) }?.propstat.get())
    })
}

/// What the current response's start callback returned, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_207_get_current_response(p: *mut ne_207_parser) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle or NULL.
        Some(unsafe { face(p) }?.response.get())
    })
}

/// Dispatches `req` and destroys it. NE_ERROR for a dispatch error, a
/// response other than 2xx, or a 207 listing a status other than 2xx (the
/// session error lists them: "<href>: <code> <reason>", one per line);
/// NE_OK for a 2xx response or a 207 with only 2xx statuses.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_simple_request(sess: *mut ne_session, req: *mut ne_request) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: a request handle given up by the caller, or NULL.
        let r = unsafe { ffi::from_handle::<Request, _>(req) }?;
        // SAFETY: handle or NULL.
        if unsafe { session(sess) }.is_none() {
            r.destroy();
            return Some(NE_ERROR);
        }
        // SAFETY: a live, non-NULL session handle.
        let s = unsafe { session_rc(sess) };
        Some(crate::webdav::code(multistatus::simple_request(&s, r)))
    })
}
