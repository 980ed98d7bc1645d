//! C face of `ne_props.h`: PROPFIND and PROPPATCH on the properties core
//! ([`crate::webdav::props`]).

use std::ffi::{c_char, c_int, c_uint, c_void};

use super::ne_207::CUri;
use super::ne_request::{NE_ERROR, ne_request};
use super::ne_session::{ne_session, session, session_rc};
use super::ne_uri::ne_uri;
use super::ne_utils::ne_status;
use super::ne_xml::{self, ne_xml_parser};
use crate::ffi;
use crate::uri::Uri;
use crate::webdav::props::{self, PatchOp, PropName, Propfind, ResultSet, Results, StatusRecord};
use crate::webdav::{self as dav, Failed};

/// The name of a WebDAV property; `nspace` may be NULL.
#[repr(C)]
pub struct ne_propname {
    pub nspace: *const c_char,
    pub name: *const c_char,
}

/// The properties of one resource.
pub struct ne_prop_result_set_s {
    _private: [u8; 0],
}
pub type ne_prop_result_set = ne_prop_result_set_s;

/// A PROPFIND in progress.
pub struct ne_propfind_handler_s {
    _private: [u8; 0],
}
pub type ne_propfind_handler = ne_propfind_handler_s;

/// The state range 0 < x < NE_PROPS_STATE_TOP is the PROPFIND handlers'.
pub const NE_PROPS_STATE_TOP: c_int = 200;
const _: () = assert!(NE_PROPS_STATE_TOP == props::STATE_PROPS_TOP);

/// Called for each property of a set; non-zero stops the iteration.
pub type ne_propset_iterator = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        pname: *const ne_propname,
        value: *const c_char,
        status: *const ne_status,
    ) -> c_int,
>;

/// Called with the results of each resource.
pub type ne_props_result = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        uri: *const ne_uri,
        results: *const ne_prop_result_set,
    ),
>;

/// Makes the private value of a resource.
pub type ne_props_create_complex =
    Option<unsafe extern "C" fn(userdata: *mut c_void, uri: *const ne_uri) -> *mut c_void>;
/// Frees the private value of a resource.
pub type ne_props_destroy_complex =
    Option<unsafe extern "C" fn(userdata: *mut c_void, complex: *mut c_void)>;

/// ne_proppatch_operation's `type`: set the property.
/// cbindgen:ignore
// The enum's tag is in tools/headergen/extras/ne_props.h.before.
pub const ne_propset: c_uint = 0;

/// One PROPPATCH operation. `type` is an enum ne_proppatch_optype
/// (ne_propset or ne_propremove); `value` is used by ne_propset only.
#[repr(C)]
pub struct ne_proppatch_operation {
    pub name: *const ne_propname,
    pub r#type: c_uint,
    pub value: *const c_char,
}

/// The C callbacks of a PROPFIND.
struct CResults {
    creator: ne_props_create_complex,
    destructor: ne_props_destroy_complex,
    cd_userdata: *mut c_void,
    results: ne_props_result,
    userdata: *mut c_void,
    /// The current resource's URI, as creator and results see it.
    uri: CUri,
}

impl CResults {
    fn new() -> CResults {
        CResults {
            creator: None,
            destructor: None,
            cd_userdata: std::ptr::null_mut(),
            results: None,
            userdata: std::ptr::null_mut(),
            uri: CUri::new(),
        }
    }
}

impl Results for CResults {
    type Private = *mut c_void;

    fn create(&mut self, uri: &Uri) -> Option<*mut c_void> {
        self.uri.fill(uri);
        let f = self.creator?;
        // SAFETY: the application's callback; the URI lives with the set.
        let p = unsafe { f(self.cd_userdata, self.uri.as_ptr()) };
        (!p.is_null()).then_some(p)
    }

    fn destroy(&mut self, private: *mut c_void) {
        if let Some(f) = self.destructor {
            // SAFETY: the application's callback with its own value.
            unsafe { f(self.cd_userdata, private) };
        }
    }

    fn results(&mut self, set: &ResultSet<*mut c_void>) {
        if let Some(f) = self.results {
            let handle = set as *const ResultSet<*mut c_void> as *const ne_prop_result_set;
            // SAFETY: the application's callback; the set and URI live for the call.
            unsafe { f(self.userdata, self.uri.as_ptr(), handle) };
        }
    }
}

type CSet = ResultSet<*mut c_void>;

/// The object behind an `ne_propfind_handler` handle.
struct Handler {
    pf: Propfind<CResults>,
    /// The XML parser's handle (ne_propfind_get_parser).
    parser: *mut ne_xml_parser,
}

impl Drop for Handler {
    fn drop(&mut self) {
        // SAFETY: made by shared_handle for this handler alone.
        unsafe { ne_xml::free_handle(self.parser) };
    }
}

/// # Safety
/// `p` must be NULL or a live handle from `ne_propfind_create`.
unsafe fn handler<'a>(p: *const ne_propfind_handler) -> Option<&'a Handler> {
    // SAFETY: forwarded contract.
    unsafe { ffi::handle(p) }
}

/// # Safety
/// `p` must be NULL or a set handed to a results callback, during it.
unsafe fn set<'a>(p: *const ne_prop_result_set) -> Option<&'a CSet> {
    // SAFETY: forwarded contract.
    unsafe { ffi::handle(p) }
}

/// A property name from C; None if it or its name is NULL.
///
/// # Safety
/// `p` must be NULL or point to an ne_propname of C strings.
unsafe fn prop_name<'a>(p: *const ne_propname) -> Option<PropName<'a>> {
    // SAFETY: per the contract above.
    unsafe {
        let p = p.as_ref()?;
        Some(PropName {
            nspace: ffi::cstr_arg(p.nspace),
            name: ffi::cstr_arg(p.name)?,
        })
    }
}

/// The names of a C array ending with a NULL name; None if one is unusable.
///
/// # Safety
/// `names` must point to such an array.
unsafe fn prop_names<'a>(names: *const ne_propname) -> Vec<PropName<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // SAFETY: the array runs up to an entry with a NULL name.
        let (ns, name) = unsafe {
            let e = &*names.add(i);
            (ffi::cstr_arg(e.nspace), ffi::cstr_arg(e.name))
        };
        let Some(name) = name else { break };
        out.push(PropName { nspace: ns, name });
        i += 1;
    }
    out
}

fn cptr(b: Option<&[u8]>) -> *const c_char {
    b.map_or(std::ptr::null(), |b| b.as_ptr() as *const c_char)
}

/// The value of the property in the set, or NULL (not there, or its
/// status was not 2xx).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propset_value(
    set: *const ne_prop_result_set,
    propname: *const ne_propname,
) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: set handle or NULL; a property name or NULL.
        let (s, n) = unsafe { (self::set(set)?, prop_name(propname)?) };
        Some(cptr(s.find(n.nspace, n.name)?.value_with_nul()))
    })
}

/// The status given for the property, or NULL if the server did not
/// return it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propset_status(
    set: *const ne_prop_result_set,
    propname: *const ne_propname,
) -> *const ne_status {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: set handle or NULL; a property name or NULL.
        let (s, n) = unsafe { (self::set(set)?, prop_name(propname)?) };
        Some(status_ptr(s.find(n.nspace, n.name)?.status()))
    })
}

// A status record is laid out as C's ne_status.
const _: () = {
    use std::mem::{align_of, offset_of, size_of};
    assert!(size_of::<StatusRecord>() == size_of::<ne_status>());
    assert!(align_of::<StatusRecord>() == align_of::<ne_status>());
    assert!(offset_of!(StatusRecord, code) == offset_of!(ne_status, code));
    assert!(offset_of!(StatusRecord, klass) == offset_of!(ne_status, klass));
    assert!(offset_of!(StatusRecord, reason) == offset_of!(ne_status, reason_phrase));
};

fn status_ptr(st: &StatusRecord) -> *const ne_status {
    st as *const StatusRecord as *const ne_status
}

/// The set's private value (from the creator callback), or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propset_private(set: *const ne_prop_result_set) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: set handle or NULL.
        Some(
            unsafe { self::set(set) }?
                .private()
                .copied()
                .unwrap_or(std::ptr::null_mut()),
        )
    })
}

/// The language of the property (neon never finds one: always NULL for
/// properties that exist).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propset_lang(
    set: *const ne_prop_result_set,
    pname: *const ne_propname,
) -> *const c_char {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: set handle or NULL; a property name or NULL.
        let (s, n) = unsafe { (self::set(set)?, prop_name(pname)?) };
        Some(cptr(s.find(n.nspace, n.name)?.lang_with_nul()))
    })
}

/// Calls `iterator` for each property of the set (name, value or NULL,
/// status); returns the first non-zero value it returns, else 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propset_iterate(
    set: *const ne_prop_result_set,
    iterator: ne_propset_iterator,
    userdata: *mut c_void,
) -> c_int {
    ffi::guard(0, || {
        // SAFETY: set handle or NULL.
        let s = unsafe { self::set(set) }?;
        let f = iterator?;
        for p in s.iter() {
            let name = ne_propname {
                nspace: cptr(p.nspace_with_nul()),
                name: cptr(Some(p.name_with_nul())),
            };
            // SAFETY: the application's callback; the arguments live for the call.
            let r = unsafe {
                f(
                    userdata,
                    &name,
                    cptr(p.value_with_nul()),
                    status_ptr(p.status()),
                )
            };
            if r != 0 {
                return Some(r);
            }
        }
        Some(0)
    })
}

/// Runs `f` with the session of a handle and a C string argument.
///
/// # Safety
/// `sess` must be NULL or a live session handle; `path` NULL or a C string.
unsafe fn with_session(
    sess: *mut ne_session,
    path: *const c_char,
    f: impl FnOnce(&std::rc::Rc<crate::http::Session>, &[u8]) -> Result<(), Failed>,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: per the contract above.
        let (_, path) = unsafe { (session(sess)?, ffi::cstr_arg(path)?) };
        // SAFETY: a live, non-NULL session handle.
        let s = unsafe { session_rc(sess) };
        Some(dav::code(f(&s, path)))
    })
}

/// PROPFIND `path` with the given depth for the named properties (an array
/// ending with a NULL name), or all of them if `props` is NULL; `results`
/// is called for each resource as the response arrives.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_simple_propfind(
    sess: *mut ne_session,
    path: *const c_char,
    depth: c_int,
    props: *const ne_propname,
    results: ne_props_result,
    userdata: *mut c_void,
) -> c_int {
    // SAFETY: a NULL-terminated array from the caller, or NULL.
    let names = (!props.is_null()).then(|| unsafe { prop_names(props) });
    let mut cb = CResults::new();
    cb.results = results;
    cb.userdata = userdata;
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_session(sess, path, |s, p| {
            props::simple_propfind(s, p, depth, names.as_deref(), cb)
        })
    }
}

/// PROPFIND `path` for the names of the properties; `results` is called
/// for each resource.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propnames(
    sess: *mut ne_session,
    path: *const c_char,
    depth: c_int,
    results: ne_props_result,
    userdata: *mut c_void,
) -> c_int {
    let mut cb = CResults::new();
    cb.results = results;
    cb.userdata = userdata;
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe { with_session(sess, path, |s, p| props::propnames(s, p, depth, cb)) }
}

/// PROPPATCH `path` with the operations of `ops` (an array ending with a
/// NULL `name`). NE_ERROR without a request for a name whose `name` is
/// NULL (neon would send a garbled body).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_proppatch(
    sess: *mut ne_session,
    path: *const c_char,
    ops: *const ne_proppatch_operation,
) -> c_int {
    if ops.is_null() {
        return NE_ERROR;
    }
    let mut list = Vec::new();
    let mut i = 0;
    loop {
        // SAFETY: the array runs up to an entry with a NULL name.
        let op = unsafe { &*ops.add(i) };
        if op.name.is_null() {
            break;
        }
        // SAFETY: a property name of C strings.
        let Some(name) = (unsafe { prop_name(op.name) }) else {
            return NE_ERROR;
        };
        list.push(if op.r#type == ne_propset {
            // SAFETY: a C string or NULL (nothing is sent for NULL).
            PatchOp::Set(name, unsafe { ffi::cstr_arg(op.value) }.unwrap_or_default())
        } else {
            PatchOp::Remove(name)
        });
        i += 1;
    }
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe { with_session(sess, path, |s, p| props::proppatch(s, p, &list)) }
}

/// The private value of the resource being parsed (from the creator
/// callback), or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propfind_current_private(
    handler: *mut ne_propfind_handler,
) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle or NULL.
        let h = unsafe { self::handler(handler) }?;
        Some(h.pf.current_private().unwrap_or(std::ptr::null_mut()))
    })
}

/// Creates a PROPFIND of `path` with the given depth (NE_DEPTH_*); the
/// request is created now (its create hooks run).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propfind_create(
    sess: *mut ne_session,
    path: *const c_char,
    depth: c_int,
) -> *mut ne_propfind_handler {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle and C string (or NULL) from the caller.
        let (_, path) = unsafe { (session(sess)?, ffi::cstr_arg(path)?) };
        // SAFETY: a live, non-NULL session handle.
        let s = unsafe { session_rc(sess) };
        let pf = Propfind::new(&s, path, depth, CResults::new());
        let parser = ne_xml::shared_handle(pf.parser());
        Some(ffi::into_handle(Handler { pf, parser }))
    })
}

/// The XML parser of the PROPFIND, for handlers of structured properties.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propfind_get_parser(
    handler: *mut ne_propfind_handler,
) -> *mut ne_xml_parser {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle or NULL.
        Some(unsafe { self::handler(handler) }?.parser)
    })
}

/// The PROPFIND request (for headers; its body is the handler's).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propfind_get_request(
    handler: *mut ne_propfind_handler,
) -> *mut ne_request {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: handle or NULL.
        let h = unsafe { self::handler(handler) }?;
        Some(h.pf.request().handle() as *mut ne_request)
    })
}

/// Sets the callbacks making and freeing each resource's private value.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propfind_set_private(
    handler: *mut ne_propfind_handler,
    creator: ne_props_create_complex,
    destructor: ne_props_destroy_complex,
    userdata: *mut c_void,
) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let h = unsafe { self::handler(handler) }?;
        h.pf.with_results(|r| {
            r.creator = creator;
            r.destructor = destructor;
            r.cd_userdata = userdata;
        })
    })
}

/// Runs a PROPFIND with the results callback set.
///
/// # Safety
/// `handler` must be NULL or a live handle.
unsafe fn run(
    handler: *mut ne_propfind_handler,
    results: ne_props_result,
    userdata: *mut c_void,
    go: impl FnOnce(&Propfind<CResults>) -> Result<(), Failed>,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: per the contract above.
        let h = unsafe { self::handler(handler) }?;
        h.pf.with_results(|r| {
            r.results = results;
            r.userdata = userdata;
        })?;
        Some(dav::code(go(&h.pf)))
    })
}

/// Fetches all properties; `result` is called for each resource.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propfind_allprop(
    handler: *mut ne_propfind_handler,
    result: ne_props_result,
    userdata: *mut c_void,
) -> c_int {
    // SAFETY: forwarded.
    unsafe { run(handler, result, userdata, Propfind::allprop) }
}

/// Fetches the properties named in `names` (ending with a NULL name).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propfind_named(
    handler: *mut ne_propfind_handler,
    names: *const ne_propname,
    result: ne_props_result,
    userdata: *mut c_void,
) -> c_int {
    if names.is_null() {
        return NE_ERROR;
    }
    // SAFETY: a NULL-terminated array from the caller.
    let list = unsafe { prop_names(names) };
    // SAFETY: forwarded.
    unsafe { run(handler, result, userdata, |pf| pf.named(&list)) }
}

/// Destroys the handler: frees the results of a resource whose response
/// did not end (its destructor runs), then the request.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_propfind_destroy(handler: *mut ne_propfind_handler) {
    ffi::guard((), || {
        // SAFETY: handle or NULL, not used afterwards.
        drop(unsafe { ffi::from_handle::<Handler, _>(handler) }?);
        Some(())
    })
}
