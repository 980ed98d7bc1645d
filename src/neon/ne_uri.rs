//! C face of `ne_uri.h`: URI parsing, unparsing, resolution and comparison,
//! and the path helpers. The logic is in [`crate::uri`].

use std::ffi::{c_char, c_int, c_uint};
use std::ptr::null_mut;

use crate::ffi;
use crate::uri::{self, Uri};

/// `ne_path_escapef` flag: percent-encode anything other than "unreserved"
/// characters and "/" (what `ne_path_escape` does).
pub const NE_PATH_NONRES: c_uint = 0x0001;
/// `ne_path_escapef` flag: percent-encode characters not allowed in URIs.
pub const NE_PATH_NONURI: c_uint = 0x0002;

/// A parsed URI. Each string field is NULL or a malloc-allocated
/// NUL-terminated string; `port` is 0 when none was given.
#[repr(C)]
pub struct ne_uri {
    pub scheme: *mut c_char,
    pub host: *mut c_char,
    pub userinfo: *mut c_char,
    pub port: c_uint,
    pub path: *mut c_char,
    pub query: *mut c_char,
    pub fragment: *mut c_char,
}

/// All fields NULL / 0, as after neon's `memset`.
impl Default for ne_uri {
    fn default() -> Self {
        ne_uri {
            scheme: null_mut(),
            host: null_mut(),
            userinfo: null_mut(),
            port: 0,
            path: null_mut(),
            query: null_mut(),
            fragment: null_mut(),
        }
    }
}

impl ne_uri {
    /// A copy of the C structure's components.
    ///
    /// # Safety
    /// Every non-NULL field must point to a NUL-terminated string.
    pub unsafe fn to_uri(&self) -> Uri {
        // SAFETY: per the contract above.
        let field = |p: *mut c_char| unsafe { ffi::cstr_arg(p) }.map(<[u8]>::to_vec);
        Uri {
            scheme: field(self.scheme),
            host: field(self.host),
            userinfo: field(self.userinfo),
            port: self.port,
            path: field(self.path),
            query: field(self.query),
            fragment: field(self.fragment),
        }
    }

    /// A C structure holding malloc'd copies of the components; the caller
    /// frees it with `ne_uri_free`.
    pub fn from_uri(uri: &Uri) -> ne_uri {
        let field = |f: &Option<Vec<u8>>| ffi::alloc::malloc_opt_str(f.as_deref());
        ne_uri {
            scheme: field(&uri.scheme),
            host: field(&uri.host),
            userinfo: field(&uri.userinfo),
            port: uri.port,
            path: field(&uri.path),
            query: field(&uri.query),
            fragment: field(&uri.fragment),
        }
    }
}

/// Returns a malloc-allocated copy of `path` with anything other than
/// "unreserved" characters and "/" percent-encoded (lower-case hex).
/// NULL only if `path` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_path_escape(path: *const c_char) -> *mut c_char {
    // SAFETY: forwarded contract.
    unsafe { ne_path_escapef(path, NE_PATH_NONRES) }
}

/// Returns a malloc-allocated copy of `path` with the characters selected by
/// `flags` (`NE_PATH_NONRES`, `NE_PATH_NONURI`) percent-encoded.
/// NULL only if `path` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_path_escapef(path: *const c_char, flags: c_uint) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: `path` is NULL or a C string.
        let path = unsafe { ffi::cstr_arg(path) }?;
        Some(ffi::malloc_str(&uri::path_escape(path, flags)))
    })
}

/// Returns a malloc-allocated decoded copy of a percent-encoded path, or NULL
/// if it holds an invalid "%" sequence (or `epath` is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_path_unescape(epath: *const c_char) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: `epath` is NULL or a C string.
        let epath = unsafe { ffi::cstr_arg(epath) }?;
        uri::path_unescape(epath).map(|p| ffi::malloc_str(&p))
    })
}

/// Returns the malloc-allocated parent of `path` (with a trailing slash), or
/// NULL if it has none (such as "/").
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_path_parent(path: *const c_char) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: `path` is NULL or a C string.
        let path = unsafe { ffi::cstr_arg(path) }?;
        uri::path_parent(path).map(|p| ffi::malloc_str(&p))
    })
}

/// Compares two paths like `strcasecmp`, ignoring a trailing slash on the
/// longer one. (A NULL path sorts after any other.)
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_path_compare(p1: *const c_char, p2: *const c_char) -> c_int {
    ffi::guard(0, || {
        // SAFETY: each is NULL or a C string.
        let (a, b) = unsafe { (ffi::cstr_arg(p1), ffi::cstr_arg(p2)) };
        Some(match (a, b) {
            (Some(a), Some(b)) => uri::path_compare(a, b),
            (a, b) => null_order(a.is_some(), b.is_some()),
        })
    })
}

/// Returns non-zero if `child` is a child of `parent`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_path_childof(parent: *const c_char, child: *const c_char) -> c_int {
    ffi::guard(0, || {
        // SAFETY: each is NULL or a C string.
        let (parent, child) = unsafe { (ffi::cstr_arg(parent)?, ffi::cstr_arg(child)?) };
        Some(c_int::from(uri::path_childof(parent, child)))
    })
}

/// Returns non-zero if `path` ends with "/".
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_path_has_trailing_slash(path: *const c_char) -> c_int {
    ffi::guard(0, || {
        // SAFETY: `path` is NULL or a C string.
        let path = unsafe { ffi::cstr_arg(path) }?;
        Some(c_int::from(uri::path_has_trailing_slash(path)))
    })
}

/// Returns the default port of `scheme` (80 for http, 443 for https, matched
/// case-insensitively), or 0 if none is known.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_uri_defaultport(scheme: *const c_char) -> c_uint {
    ffi::guard(0, || {
        // SAFETY: `scheme` is NULL or a C string.
        let scheme = unsafe { ffi::cstr_arg(scheme) }?;
        Some(uri::default_port(scheme))
    })
}

/// Parses the URI-reference `uri` into `*parsed`, which is first cleared
/// (without freeing). Returns 0 on success, non-zero on a parse error. Either
/// way, every string field is NULL or malloc-allocated (free them with
/// `ne_uri_free`); on success `path` is non-NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_uri_parse(uri: *const c_char, parsed: *mut ne_uri) -> c_int {
    ffi::guard(-1, || {
        // SAFETY: `parsed` is NULL or a writable ne_uri.
        let parsed = unsafe { parsed.as_mut() }?;
        *parsed = ne_uri::default();
        // SAFETY: `uri` is NULL or a C string.
        let input = unsafe { ffi::cstr_arg(uri) }?;
        Some(match uri::parse(input) {
            Ok(u) => {
                *parsed = ne_uri::from_uri(&u);
                0
            }
            Err(e) => {
                *parsed = ne_uri::from_uri(&e.partial);
                -1
            }
        })
    })
}

/// Returns the URI as a malloc-allocated string. The port is omitted when 0
/// or the scheme's default.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_uri_unparse(uri: *const ne_uri) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: `uri` is NULL or a valid ne_uri.
        let uri = unsafe { uri.as_ref()?.to_uri() };
        Some(ffi::malloc_str(&uri::unparse(&uri)))
    })
}

/// Resolves `relative` against `base` (RFC 3986 §5.2) into `*result`, which
/// is first cleared (without freeing); its path is non-NULL. Free it with
/// `ne_uri_free`. Returns `result` (NULL if any argument is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_uri_resolve(
    base: *const ne_uri,
    relative: *const ne_uri,
    result: *mut ne_uri,
) -> *mut ne_uri {
    ffi::guard(null_mut(), || {
        // Read both inputs before writing: `result` may alias one of them.
        // SAFETY: each pointer is NULL or a valid ne_uri.
        let inputs = unsafe { base.as_ref().zip(relative.as_ref()) }
            .map(|(b, r)| unsafe { (b.to_uri(), r.to_uri()) });
        // SAFETY: `result` is NULL or a writable ne_uri.
        let out = unsafe { result.as_mut() }?;
        *out = ne_uri::default();
        let (base, relative) = inputs?;
        *out = ne_uri::from_uri(&uri::resolve(&base, &relative));
        Some(result)
    })
}

/// Compares two URIs; returns 0 if equal, else a value whose sign orders them.
/// Host and scheme compare case-insensitively.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_uri_cmp(u1: *const ne_uri, u2: *const ne_uri) -> c_int {
    ffi::guard(0, || {
        // SAFETY: each pointer is NULL or a valid ne_uri.
        let (a, b) = unsafe { (u1.as_ref(), u2.as_ref()) };
        Some(match (a, b) {
            // SAFETY: valid ne_uri structures.
            (Some(a), Some(b)) => unsafe { uri::cmp(&a.to_uri(), &b.to_uri()) },
            (a, b) => null_order(a.is_some(), b.is_some()),
        })
    })
}

/// Copies the components of `src` into `*dest` (first cleared, without
/// freeing) as malloc-allocated strings. Returns `dest`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_uri_copy(dest: *mut ne_uri, src: *const ne_uri) -> *mut ne_uri {
    ffi::guard(null_mut(), || {
        // SAFETY: `src` is NULL or a valid ne_uri, read before `dest` is written.
        let copy = unsafe { src.as_ref().map(|s| s.to_uri()) };
        // SAFETY: `dest` is NULL or a writable ne_uri.
        let out = unsafe { dest.as_mut() }?;
        *out = copy.as_ref().map_or_else(ne_uri::default, ne_uri::from_uri);
        Some(dest)
    })
}

/// Frees the non-NULL fields of `*parsed` and clears the structure.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_uri_free(parsed: *mut ne_uri) {
    ffi::guard((), || {
        // SAFETY: `parsed` is NULL or a valid ne_uri whose fields C lets us free.
        let u = unsafe { parsed.as_mut() }?;
        for p in [u.scheme, u.host, u.userinfo, u.path, u.query, u.fragment] {
            // SAFETY: each field is NULL or malloc'd.
            unsafe { ffi::alloc::free(p) };
        }
        *u = ne_uri::default();
        Some(())
    })
}

/// Order for NULL arguments neon would crash on: NULL after non-NULL.
fn null_order(a_present: bool, b_present: bool) -> c_int {
    match (a_present, b_present) {
        (true, false) => -1,
        (false, true) => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr::null;

    unsafe fn take(p: *mut c_char) -> Option<String> {
        if p.is_null() {
            return None;
        }
        let s = unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
        unsafe { ffi::alloc::free(p) };
        Some(s)
    }

    #[test]
    fn flags_match_the_core() {
        assert_eq!(NE_PATH_NONRES, uri::ESCAPE_NONRES);
        assert_eq!(NE_PATH_NONURI, uri::ESCAPE_NONURI);
        assert_eq!(std::mem::size_of::<ne_uri>(), 56);
    }

    #[test]
    fn null_arguments_are_safe() {
        unsafe {
            assert!(ne_path_escape(null()).is_null());
            assert!(ne_path_escapef(null(), 3).is_null());
            assert!(ne_path_unescape(null()).is_null());
            assert!(ne_path_parent(null()).is_null());
            assert_eq!(ne_path_compare(null(), null()), 0);
            assert_eq!(ne_path_compare(c"/a".as_ptr(), null()), -1);
            assert_eq!(ne_path_compare(null(), c"/a".as_ptr()), 1);
            assert_eq!(ne_path_childof(null(), c"/a".as_ptr()), 0);
            assert_eq!(ne_path_childof(c"/a".as_ptr(), null()), 0);
            assert_eq!(ne_path_has_trailing_slash(null()), 0);
            assert_eq!(ne_uri_defaultport(null()), 0);
            assert_eq!(ne_uri_parse(c"http://h/".as_ptr(), null_mut()), -1);
            assert!(ne_uri_unparse(null()).is_null());
            assert_eq!(ne_uri_cmp(null(), null()), 0);
            ne_uri_free(null_mut());
            assert!(ne_uri_copy(null_mut(), null()).is_null());
            assert!(ne_uri_resolve(null(), null(), null_mut()).is_null());

            let mut u = ne_uri {
                port: 7,
                ..ne_uri::default()
            };
            assert_eq!(ne_uri_parse(null(), &mut u), -1);
            assert!(u.path.is_null() && u.port == 0);
            assert_eq!(ne_uri_cmp(&u, null()), -1);
            assert_eq!(ne_uri_cmp(null(), &u), 1);
            let mut r = ne_uri {
                port: 7,
                ..ne_uri::default()
            };
            assert!(ne_uri_resolve(&u, null(), &mut r).is_null());
            assert_eq!(r.port, 0);
            assert_eq!(ne_uri_copy(&mut r, null()), &mut r as *mut ne_uri);
            assert!(r.path.is_null());
            // NULL paths (neon would crash) are treated as empty.
            assert_eq!(take(ne_uri_unparse(&u)).as_deref(), Some(""));
            assert_eq!(ne_uri_resolve(&u, &u, &mut r), &mut r as *mut ne_uri);
            assert_eq!(CStr::from_ptr(r.path).to_bytes(), b"");
            ne_uri_free(&mut r);
        }
    }

    #[test]
    fn parse_fills_and_free_clears() {
        unsafe {
            let mut u = ne_uri::default();
            assert_eq!(ne_uri_parse(c"http://u@h:8/p?q#f".as_ptr(), &mut u), 0);
            assert_eq!(u.port, 8);
            let mut copy = ne_uri::default();
            ne_uri_copy(&mut copy, &u);
            assert_eq!(ne_uri_cmp(&u, &copy), 0);
            assert_eq!(
                take(ne_uri_unparse(&copy)).as_deref(),
                Some("http://u@h:8/p?q#f")
            );
            // Resolving into one of the inputs reads it first.
            let mut rel = ne_uri::default();
            assert_eq!(ne_uri_parse(c"../x".as_ptr(), &mut rel), 0);
            let mut old = std::ptr::read(&u); // overwritten without freeing, as neon does
            let p = &mut u as *mut ne_uri;
            assert_eq!(ne_uri_resolve(p, &rel, p), p);
            ne_uri_free(&mut old);
            assert_eq!(take(ne_uri_unparse(&u)).as_deref(), Some("http://u@h:8/x"));
            for v in [&mut u, &mut copy, &mut rel] {
                ne_uri_free(v);
                assert!(v.scheme.is_null() && v.path.is_null() && v.port == 0);
            }
            assert_ne!(ne_uri_parse(c"http://[::1/".as_ptr(), &mut u), 0);
            assert!(!u.scheme.is_null() && u.path.is_null());
            ne_uri_free(&mut u);
        }
    }
}
