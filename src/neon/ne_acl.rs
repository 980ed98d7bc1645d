//! C face of the deprecated `ne_acl.h` (ne_acl_set), on the ACL core
//! ([`crate::webdav::acl`]). It cannot be included with ne_acl3744.h: both
//! define ne_acl_entry.

use std::ffi::{c_char, c_int, c_uint};

use super::ne_request::NE_ERROR;
use super::ne_session::{ne_session, session, session_rc};
use crate::ffi;
use crate::webdav::acl::{self, Ace, Principal};

/// `apply`: a principal URL.
pub const ne_acl_href: c_uint = 0;
/// `apply`: a property.
pub const ne_acl_property: c_uint = 1;
/// `apply`: all principals.
pub const ne_acl_all: c_uint = 2;
/// `type`: grant.
pub const ne_acl_grant: c_uint = 0;
/// `type`: deny.
pub const ne_acl_deny: c_uint = 1;

/// An access control entry. Each privilege field that is **zero** puts the
/// privilege in the entry (neon's inverted test, kept).
#[repr(C)]
pub struct ne_acl_entry {
    pub apply: c_uint,
    pub r#type: c_uint,
    pub principal: *mut c_char,
    pub read: c_int,
    pub read_acl: c_int,
    pub write: c_int,
    pub write_acl: c_int,
    pub read_cuprivset: c_int,
}

/// Sets the ACL of `uri` to the `numentries` entries. NE_ERROR without a
/// request for an href or property entry whose `principal` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_acl_set(
    sess: *mut ne_session,
    uri: *const c_char,
    entries: *const ne_acl_entry,
    numentries: c_int,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handle and C string (or NULL) from the caller.
        let (_, path) = unsafe { (session(sess)?, ffi::cstr_arg(uri)?) };
        let n = usize::try_from(numentries).unwrap_or(0);
        if n > 0 && entries.is_null() {
            return None;
        }
        let mut aces = Vec::with_capacity(n);
        for i in 0..n {
            // SAFETY: the caller's array of numentries entries.
            let e = unsafe { &*entries.add(i) };
            // SAFETY: a C string or NULL.
            let name = unsafe { ffi::cstr_arg(e.principal) };
            let principal = match e.apply {
                ne_acl_href => Principal::Href(name?),
                ne_acl_property => Principal::Property(name?),
                ne_acl_all => Principal::All,
                _ => Principal::Unknown,
            };
            aces.push(Ace {
                principal,
                grant: e.r#type == ne_acl_grant,
                privileges: acl::old_privileges(
                    e.read == 0,
                    e.read_acl == 0,
                    e.write == 0,
                    e.write_acl == 0,
                    e.read_cuprivset == 0,
                ),
            });
        }
        // SAFETY: a live, non-NULL session handle.
        let s = unsafe { session_rc(sess) };
        Some(crate::webdav::code(acl::set(&s, path, &aces)))
    })
}
