//! C face of `ne_basic.h`: GET/PUT/POST to and from file descriptors,
//! ranged GET, HEAD for the modification time, OPTIONS capabilities,
//! Content-Type parsing and the WebDAV COPY, MOVE, DELETE and MKCOL. The
//! logic is in [`crate::basic`].

use std::ffi::{c_char, c_int, c_uint};

use super::ne_defs::ne_off_t;
use super::ne_request::{CallerFd, NE_ERROR, ne_request};
use super::ne_session::{ne_session, session, session_rc};
use crate::basic::{self, Charset, ContentType};
use crate::ffi;
use crate::http::Request;

/// Depth 0: the resource only.
pub const NE_DEPTH_ZERO: c_int = 0;
/// Depth 1: the resource and its members.
pub const NE_DEPTH_ONE: c_int = 1;
/// Depth infinity: the resource and everything below it.
pub const NE_DEPTH_INFINITE: c_int = 2;

/// Class 1 WebDAV (RFC 2518).
pub const NE_CAP_DAV_CLASS1: c_uint = 0x0001;
/// Class 2 WebDAV (RFC 2518).
pub const NE_CAP_DAV_CLASS2: c_uint = 0x0002;
/// Class 3 WebDAV (RFC 4918).
pub const NE_CAP_DAV_CLASS3: c_uint = 0x0004;
/// mod_dav's "executable" property.
pub const NE_CAP_MODDAV_EXEC: c_uint = 0x0008;
/// WebDAV ACL (RFC 3744).
pub const NE_CAP_DAV_ACL: c_uint = 0x0010;
/// DeltaV version-control.
pub const NE_CAP_VER_CONTROL: c_uint = 0x0020;
/// DeltaV checkout-in-place.
pub const NE_CAP_CO_IN_PLACE: c_uint = 0x0040;
/// DeltaV version-history.
pub const NE_CAP_VER_HISTORY: c_uint = 0x0080;
/// DeltaV workspace.
pub const NE_CAP_WORKSPACE: c_uint = 0x0100;
/// DeltaV update.
pub const NE_CAP_UPDATE: c_uint = 0x0200;
/// DeltaV label.
pub const NE_CAP_LABEL: c_uint = 0x0400;
/// DeltaV working-resource.
pub const NE_CAP_WORK_RESOURCE: c_uint = 0x0800;
/// DeltaV merge.
pub const NE_CAP_MERGE: c_uint = 0x1000;
/// DeltaV baseline.
pub const NE_CAP_BASELINE: c_uint = 0x2000;
/// DeltaV activity (never reported by ne_options2, as in neon).
pub const NE_CAP_ACTIVITY: c_uint = 0x4000;
/// DeltaV version-controlled-collection.
pub const NE_CAP_VC_COLLECTION: c_uint = 0x8000;
/// extended-mkcol (RFC 5689).
pub const NE_CAP_EXT_MKCOL: c_uint = 0x10000;

const _: () = assert!(NE_DEPTH_INFINITE == basic::DEPTH_INFINITE);

/// A parsed Content-Type: `type`, `subtype` and `charset` (NULL if none
/// given and none implied) point into `value` or to static strings;
/// free `value` when done.
#[repr(C)]
pub struct ne_content_type {
    pub r#type: *const c_char,
    pub subtype: *const c_char,
    pub charset: *const c_char,
    pub value: *mut c_char,
}

/// DEPRECATED (use ne_options2): WebDAV compliance of a server.
#[repr(C)]
pub struct ne_server_capabilities {
    /// True if a Class 1 WebDAV server.
    pub dav_class1: c_uint,
    /// True if a Class 2 WebDAV server.
    pub dav_class2: c_uint,
    /// True if mod_dav's "executable" property is supported.
    pub dav_executable: c_uint,
}

/// A byte range: `start` to `end` inclusive; `total` is not used.
#[repr(C)]
pub struct ne_content_range {
    pub start: ne_off_t,
    pub end: ne_off_t,
    pub total: ne_off_t,
}

/// The size of the file behind `fd`, as fstat() gives it.
fn file_size(fd: c_int) -> std::io::Result<i64> {
    // SAFETY: an all-zero stat is a valid buffer for fstat to fill.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: fstat on a caller's descriptor; failures are reported.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(st.st_size)
}

/// Runs `f` with the session behind `sess` and the C string `path`;
/// NE_ERROR if either is NULL.
///
/// # Safety
/// `sess` must be NULL or a live session handle, `path` NULL or a C string.
unsafe fn with_path(
    sess: *mut ne_session,
    path: *const c_char,
    f: impl FnOnce(&std::rc::Rc<crate::http::Session>, &[u8]) -> c_int,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: forwarded contract.
        let (_, path) = unsafe { (session(sess)?, ffi::cstr_arg(path)?) };
        // SAFETY: `sess` is a live, non-NULL handle.
        let rc = unsafe { session_rc(sess) };
        Some(f(&rc, path))
    })
}

/// GETs `path`, writing the response body to file descriptor `fd`.
/// Returns NE_ERROR for a response other than 2xx (ne_get_error() then
/// gives its status code and reason).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get(sess: *mut ne_session, path: *const c_char, fd: c_int) -> c_int {
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe { with_path(sess, path, |s, p| basic::get(s, p, &mut CallerFd(fd))) }
}

/// PUTs the contents of file descriptor `fd` (from offset 0, its size as
/// fstat() gives it) to `path`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_put(sess: *mut ne_session, path: *const c_char, fd: c_int) -> c_int {
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_path(sess, path, |s, p| {
            basic::put(s, p, CallerFd(fd), file_size(fd))
        })
    }
}

/// POSTs the NUL-terminated `buffer` to `path`, writing the response body
/// to file descriptor `fd`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_post(
    sess: *mut ne_session,
    path: *const c_char,
    fd: c_int,
    buffer: *const c_char,
) -> c_int {
    // SAFETY: C string (or NULL) from the caller.
    let Some(body) = (unsafe { ffi::cstr_arg(buffer) }) else {
        return NE_ERROR;
    };
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_path(sess, path, |s, p| {
            basic::post(s, p, &mut CallerFd(fd), body)
        })
    }
}

/// Retrieves the modification time of `path` with a HEAD request into
/// `*modtime`: -1 if the response had no Last-Modified header, or one
/// that could not be parsed, or was not 2xx.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_getmodtime(
    sess: *mut ne_session,
    path: *const c_char,
    modtime: *mut libc::time_t,
) -> c_int {
    if modtime.is_null() {
        return NE_ERROR;
    }
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_path(sess, path, |s, p| {
            let (ret, t) = basic::getmodtime(s, p);
            // SAFETY: checked non-NULL above; the caller's time_t.
            *modtime = t;
            ret
        })
    }
}

/// GETs bytes `range->start` to `range->end` of `path` (to the end if
/// `range->end` is -1), writing them to file descriptor `fd`. Fails
/// unless the server answers with that range (206).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_range(
    sess: *mut ne_session,
    path: *const c_char,
    range: *mut ne_content_range,
    fd: c_int,
) -> c_int {
    // SAFETY: NULL or the caller's range.
    let Some(range) = (unsafe { range.as_ref() }) else {
        return NE_ERROR;
    };
    let (start, end) = (range.start, range.end);
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_path(sess, path, |s, p| {
            basic::get_range(s, p, start, end, &mut CallerFd(fd))
        })
    }
}

/// Sends OPTIONS for `path` and sets `*caps` to the NE_CAP_* bits its DAV
/// header lists (`*caps` is left alone if there is no DAV header).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_options2(
    sess: *mut ne_session,
    path: *const c_char,
    caps: *mut c_uint,
) -> c_int {
    if caps.is_null() {
        return NE_ERROR;
    }
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_path(sess, path, |s, p| {
            let (ret, found) = basic::options(s, p);
            if let Some(found) = found {
                // SAFETY: checked non-NULL above.
                *caps = found;
            }
            ret
        })
    }
}

/// DEPRECATED (use ne_options2): sends OPTIONS for `path` and fills in
/// `*caps` from the DAV header.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_options(
    sess: *mut ne_session,
    path: *const c_char,
    caps: *mut ne_server_capabilities,
) -> c_int {
    // SAFETY: NULL or the caller's structure.
    let Some(caps) = (unsafe { caps.as_mut() }) else {
        return NE_ERROR;
    };
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_path(sess, path, |s, p| {
            let (ret, found) = basic::options(s, p);
            let mask = found.unwrap_or(0);
            let has = |bit: c_uint| c_uint::from(mask & bit != 0);
            *caps = ne_server_capabilities {
                dav_class1: has(NE_CAP_DAV_CLASS1),
                dav_class2: has(NE_CAP_DAV_CLASS2),
                dav_executable: has(NE_CAP_MODDAV_EXEC),
            };
            ret
        })
    }
}

/// Parses the response's Content-Type header into `*ctype`; returns 0 on
/// success (free `ctype->value` afterwards), non-zero if there is no
/// valid Content-Type (`*ctype` is then untouched). A text type without a
/// charset gets "ISO-8859-1" ("us-ascii" for text/xml).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_get_content_type(
    req: *mut ne_request,
    ctype: *mut ne_content_type,
) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: NULL or a live request handle; NULL or the caller's struct.
        let (r, out) = unsafe { (ffi::handle::<Request, _>(req)?, ctype.as_mut()?) };
        let Some(ct) = r
            .response_header(b"Content-Type")
            .and_then(|v| ContentType::parse(&v))
        else {
            return Some(-1);
        };
        let value = ffi::malloc_bytes(&ct.buf);
        // SAFETY: the offsets are within the copied buffer.
        let at = |offset: usize| unsafe { value.add(offset) } as *const c_char;
        *out = ne_content_type {
            r#type: at(0),
            subtype: at(ct.subtype),
            charset: match ct.charset {
                Charset::None => std::ptr::null(),
                Charset::At(offset) => at(offset),
                Charset::Default(s) => s.as_ptr(),
            },
            value: value as *mut c_char,
        };
        Some(0)
    })
}

/// Adds a Depth header: "0" for NE_DEPTH_ZERO, "1" for NE_DEPTH_ONE,
/// "infinity" for anything else.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_add_depth_header(req: *mut ne_request, depth: c_int) {
    ffi::guard((), || {
        // SAFETY: NULL or a live request handle.
        let r = unsafe { ffi::handle::<Request, _>(req) }?;
        basic::add_depth_header(r, depth);
        Some(())
    })
}

/// Copies `src` to `dest` (both paths on the server); `depth` is
/// NE_DEPTH_ZERO or NE_DEPTH_INFINITE for a collection. With `overwrite`
/// zero, fails if `dest` exists.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_copy(
    sess: *mut ne_session,
    overwrite: c_int,
    depth: c_int,
    src: *const c_char,
    dest: *const c_char,
) -> c_int {
    // SAFETY: C string (or NULL) from the caller.
    let Some(dest) = (unsafe { ffi::cstr_arg(dest) }) else {
        return NE_ERROR;
    };
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_path(sess, src, |s, src| {
            basic::copy(s, overwrite != 0, depth, src, dest)
        })
    }
}

/// Moves `src` to `dest` (both paths on the server). With `overwrite`
/// zero, fails if `dest` exists.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_move(
    sess: *mut ne_session,
    overwrite: c_int,
    src: *const c_char,
    dest: *const c_char,
) -> c_int {
    // SAFETY: C string (or NULL) from the caller.
    let Some(dest) = (unsafe { ffi::cstr_arg(dest) }) else {
        return NE_ERROR;
    };
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe {
        with_path(sess, src, |s, src| {
            basic::move_resource(s, overwrite != 0, src, dest)
        })
    }
}

/// Deletes the resource at `path`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_delete(sess: *mut ne_session, path: *const c_char) -> c_int {
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe { with_path(sess, path, basic::delete) }
}

/// Creates a collection at `path` (a trailing slash is added if missing).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_mkcol(sess: *mut ne_session, path: *const c_char) -> c_int {
    // SAFETY: handle and C string (or NULL) from the caller.
    unsafe { with_path(sess, path, basic::mkcol) }
}

// ---- neon 0.33 and 0.36 additions ---------------------------------------------

/// PUTs the `buflen` bytes at `buf` to `path`. Returns NE_ERROR for a
/// response other than 2xx.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_putbuf(
    sess: *mut ne_session,
    path: *const c_char,
    buf: *const c_char,
    buflen: usize,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: buf is valid for buflen bytes (NULL only if 0).
        let body = unsafe { ffi::bytes_arg(buf, buflen) }?;
        // SAFETY: handle and C string (or NULL) from the caller.
        Some(unsafe { with_path(sess, path, |s, p| basic::putbuf(s, p, body)) })
    })
}

/// GETs `path` into `buf`, whose size is `*buflen`; on success `*buflen`
/// is set to the body's length. Returns NE_ERROR for a response other than
/// 2xx, NE_FAILED if the body does not fit ("Response buffer size too
/// small").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_getbuf(
    sess: *mut ne_session,
    path: *const c_char,
    buf: *mut c_char,
    buflen: *mut usize,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: buflen is NULL or writable.
        let len = unsafe { buflen.as_mut() }?;
        let out = super::ne_request::caller_buffer(buf, *len)?;
        let mut got = None;
        // SAFETY: handle and C string (or NULL) from the caller.
        let ret = unsafe {
            with_path(sess, path, |s, p| {
                let (ret, n) = basic::getbuf(s, p, out);
                got = n;
                ret
            })
        };
        if let Some(n) = got {
            *len = n;
        }
        Some(ret)
    })
}
