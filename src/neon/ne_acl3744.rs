//! C face of `ne_acl3744.h`: ACL requests ([`crate::webdav::acl`]).

use std::ffi::{c_char, c_int, c_uint};

use super::ne_request::NE_ERROR;
use super::ne_session::{ne_session, session, session_rc};
use crate::ffi;
use crate::webdav::acl::{self, Ace, Principal};

pub const NE_ACL_READ: c_uint = 0x0001;
pub const NE_ACL_WRITE: c_uint = 0x0002;
pub const NE_ACL_WRITE_PROPERTIES: c_uint = 0x0004;
pub const NE_ACL_WRITE_CONTENT: c_uint = 0x0008;
pub const NE_ACL_UNLOCK: c_uint = 0x0010;
pub const NE_ACL_READ_ACL: c_uint = 0x0020;
pub const NE_ACL_READ_CUPRIVSET: c_uint = 0x0040;
pub const NE_ACL_WRITE_ACL: c_uint = 0x0080;
pub const NE_ACL_BIND: c_uint = 0x0100;
pub const NE_ACL_UNBIND: c_uint = 0x0200;
pub const NE_ACL_ALL: c_uint = 0x0400;

/// The principals an entry may target (enum ne_acl_target).
/// cbindgen:ignore
// The C definition (with its tag) is in tools/headergen/extras/ne_acl3744.h.before.
#[repr(C)]
pub enum ne_acl_target {
    ne_acl_href = 0,
    ne_acl_property = 1,
    ne_acl_all = 2,
    ne_acl_authenticated = 3,
    ne_acl_unauthenticated = 4,
    ne_acl_self = 5,
}

/// Grant or deny (enum ne_acl_optype).
/// cbindgen:ignore
#[repr(C)]
pub enum ne_acl_optype {
    ne_acl_grant = 0,
    ne_acl_deny = 1,
}

/// An access control entry. `target` is an enum ne_acl_target and `type`
/// an enum ne_acl_optype; `tname` is the principal URL (ne_acl_href) or
/// property (ne_acl_property); `privileges` a mask of NE_ACL_*.
#[repr(C)]
pub struct ne_acl_entry {
    pub target: c_uint,
    pub r#type: c_uint,
    pub tname: *mut c_char,
    pub privileges: c_uint,
}

/// Sets the ACL of `path` to the `numentries` entries. NE_ERROR without a
/// request for an href or property entry whose `tname` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_acl3744_set(
    sess: *mut ne_session,
    path: *const c_char,
    entries: *const ne_acl_entry,
    numentries: c_int,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handle and C string (or NULL) from the caller.
        let (_, path) = unsafe { (session(sess)?, ffi::cstr_arg(path)?) };
        let n = usize::try_from(numentries).unwrap_or(0);
        if n > 0 && entries.is_null() {
            return None;
        }
        let mut aces = Vec::with_capacity(n);
        for i in 0..n {
            // SAFETY: the caller's array of numentries entries.
            let e = unsafe { &*entries.add(i) };
            // SAFETY: a C string or NULL.
            let tname = unsafe { ffi::cstr_arg(e.tname) };
            let principal = match e.target {
                t if t == ne_acl_target::ne_acl_href as c_uint => Principal::Href(tname?),
                t if t == ne_acl_target::ne_acl_property as c_uint => Principal::Property(tname?),
                t if t == ne_acl_target::ne_acl_all as c_uint => Principal::All,
                t if t == ne_acl_target::ne_acl_authenticated as c_uint => Principal::Authenticated,
                t if t == ne_acl_target::ne_acl_unauthenticated as c_uint => {
                    Principal::Unauthenticated
                }
                t if t == ne_acl_target::ne_acl_self as c_uint => Principal::Myself,
                _ => Principal::Unknown,
            };
            aces.push(Ace {
                principal,
                grant: e.r#type == ne_acl_optype::ne_acl_grant as c_uint,
                privileges: acl::privileges(e.privileges),
            });
        }
        // SAFETY: a live, non-NULL session handle.
        let s = unsafe { session_rc(sess) };
        Some(crate::webdav::code(acl::set(&s, path, &aces)))
    })
}
