//! C face of `ne_locks.h`: WebDAV locks on the locking core
//! ([`crate::webdav::locks`]).
//!
//! `struct ne_lock` belongs to the application: it makes and changes them
//! (`ne_lock_create`, or its own memory), and a store holds pointers to
//! them, whose fields are read whenever a request needs them, as neon does.

use std::ffi::{c_char, c_int, c_long, c_uint, c_void};
use std::ptr::null_mut;
use std::rc::Rc;

use super::ne_207::CUri;
use super::ne_request::{NE_ERROR, ne_request, request};
use super::ne_session::{ne_session, session, session_rc};
use super::ne_uri::ne_uri;
use super::ne_utils::ne_status;
use crate::ffi;
use crate::ffi::alloc::{free, malloc, malloc_opt_str};
use crate::uri::Uri;
use crate::webdav::locks::{self, Found, Held, Lock, Store};
use crate::webdav::{self as dav};

/// `timeout`: no expiry.
pub const NE_TIMEOUT_INFINITE: c_int = -1;
/// `timeout`: none, or not understood.
pub const NE_TIMEOUT_INVALID: c_int = -2;
const _: () = assert!(NE_TIMEOUT_INFINITE as i64 == locks::TIMEOUT_INFINITE);
const _: () = assert!(NE_TIMEOUT_INVALID as i64 == locks::TIMEOUT_INVALID);

/// A lock. `type` is an enum ne_lock_type, `scope` an enum ne_lock_scope;
/// the string fields are malloc'd or NULL.
/// cbindgen:ignore
// C knows it by its tag only (`struct ne_lock`, since ne_lock is also a
// function): cbindgen.toml renames the type, and its definition is in
// tools/headergen/extras/ne_locks.h.before.
#[repr(C)]
pub struct ne_lock {
    pub uri: ne_uri,
    pub depth: c_int,
    pub r#type: c_uint,
    pub scope: c_uint,
    pub token: *mut c_char,
    pub owner: *mut c_char,
    pub timeout: c_long,
}

// The layout of neon's struct ne_lock on LP64 (the ABI check does not see
// the definition, which is C text).
#[cfg(target_pointer_width = "64")]
const _: () = {
    use std::mem::{offset_of, size_of};
    assert!(size_of::<ne_lock>() == 96);
    assert!(offset_of!(ne_lock, depth) == 56);
    assert!(offset_of!(ne_lock, scope) == 64);
    assert!(offset_of!(ne_lock, token) == 72);
    assert!(offset_of!(ne_lock, timeout) == 88);
};

/// A set of locks.
pub struct ne_lock_store_s {
    _private: [u8; 0],
}
pub type ne_lock_store = ne_lock_store_s;

/// Called by ne_lock_discover for each resource: with its lock (`status`
/// NULL), or with `lock` NULL and the failure status.
pub type ne_lock_result = Option<
    unsafe extern "C" fn(
        userdata: *mut c_void,
        lock: *const ne_lock,
        uri: *const ne_uri,
        status: *const ne_status,
    ),
>;

/// A stored lock: the application's record.
#[derive(Clone, Copy)]
struct CLock(*mut ne_lock);

impl CLock {
    fn get(&self) -> &ne_lock {
        // SAFETY: a store holds only non-NULL records the application gave
        // it and keeps alive while they are stored (ne_lockstore_add's
        // contract); a submission reads only those still stored.
        unsafe { &*self.0 }
    }
}

impl Held for CLock {
    fn uri(&self) -> Uri {
        // SAFETY: a live record's URI fields are NULL or C strings.
        unsafe { self.get().uri.to_uri() }
    }

    fn path(&self) -> Vec<u8> {
        // SAFETY: NULL or a C string.
        unsafe { ffi::cstr_arg(self.get().uri.path) }
            .unwrap_or_default()
            .to_vec()
    }

    fn depth(&self) -> i32 {
        self.get().depth
    }

    fn token(&self) -> Option<Vec<u8>> {
        // SAFETY: NULL or a C string.
        unsafe { ffi::cstr_arg(self.get().token) }.map(<[u8]>::to_vec)
    }

    fn same(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

type CStore = Store<CLock>;

/// # Safety
/// `p` must be NULL or a live handle from `ne_lockstore_create`.
unsafe fn store<'a>(p: *const ne_lock_store) -> Option<&'a CStore> {
    // SAFETY: forwarded contract.
    unsafe { ffi::handle(p) }
}

/// The core's copy of a C lock.
///
/// # Safety
/// The record's string fields must be NULL or C strings.
unsafe fn to_core(l: &ne_lock) -> Lock {
    // SAFETY: per the contract above.
    unsafe {
        Lock {
            uri: l.uri.to_uri(),
            depth: l.depth,
            kind: l.r#type,
            scope: l.scope,
            token: ffi::cstr_arg(l.token).map(<[u8]>::to_vec),
            owner: ffi::cstr_arg(l.owner).map(<[u8]>::to_vec),
            timeout: l.timeout,
        }
    }
}

/// Replaces a malloc'd string field.
///
/// # Safety
/// `*field` must be NULL or malloc'd.
unsafe fn replace(field: &mut *mut c_char, value: Option<&[u8]>) {
    // SAFETY: per the contract above.
    unsafe { free(*field) };
    *field = malloc_opt_str(value);
}

/// Creates a depth-0 exclusive write lock with no timeout (the server
/// chooses); URI, token and owner unset.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock_create() -> *mut ne_lock {
    ffi::guard(null_mut(), || {
        let d = Lock::default();
        let p = malloc(std::mem::size_of::<ne_lock>()) as *mut ne_lock;
        // SAFETY: a fresh allocation of the record's size (malloc aligns
        // for any type).
        unsafe {
            p.write(ne_lock {
                uri: ne_uri::default(),
                depth: d.depth,
                r#type: d.kind,
                scope: d.scope,
                token: null_mut(),
                owner: null_mut(),
                timeout: d.timeout as c_long,
            })
        };
        Some(p)
    })
}

/// A deep copy of the lock (malloc'd strings; NULL fields stay NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock_copy(lock: *const ne_lock) -> *mut ne_lock {
    ffi::guard(null_mut(), || {
        // SAFETY: NULL or a lock record.
        let l = unsafe { lock.as_ref() }?;
        // SAFETY: its strings are NULL or C strings.
        let core = unsafe { to_core(l) };
        let p = malloc(std::mem::size_of::<ne_lock>()) as *mut ne_lock;
        // SAFETY: a fresh allocation of the record's size.
        unsafe {
            p.write(ne_lock {
                uri: ne_uri::from_uri(&core.uri),
                depth: l.depth,
                r#type: l.r#type,
                scope: l.scope,
                token: malloc_opt_str(core.token.as_deref()),
                owner: malloc_opt_str(core.owner.as_deref()),
                timeout: l.timeout,
            })
        };
        Some(p)
    })
}

/// Frees the lock's URI, token and owner (set to NULL), not the record.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock_free(lock: *mut ne_lock) {
    ffi::guard((), || {
        // SAFETY: NULL or a lock record whose strings are malloc'd.
        let l = unsafe { lock.as_mut() }?;
        // SAFETY: as above.
        unsafe {
            super::ne_uri::ne_uri_free(&mut l.uri);
            replace(&mut l.owner, None);
            replace(&mut l.token, None);
        }
        Some(())
    })
}

/// Frees the lock's fields and the record.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock_destroy(lock: *mut ne_lock) {
    if lock.is_null() {
        return;
    }
    // SAFETY: a malloc'd lock record.
    unsafe {
        ne_lock_free(lock);
        free(lock);
    }
}

/// Creates an empty lock store.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lockstore_create() -> *mut ne_lock_store {
    ffi::guard(null_mut(), || {
        Some(Rc::into_raw(Rc::new(CStore::default())) as *mut ne_lock_store)
    })
}

/// Registers the store on the session: its locks are submitted by the
/// session's requests that change the resources they cover.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lockstore_register(store: *mut ne_lock_store, sess: *mut ne_session) {
    ffi::guard((), || {
        // SAFETY: handles or NULL.
        let (_, s) = unsafe { (self::store(store)?, session(sess)?) };
        let p = store as *const CStore;
        // SAFETY: a live Rc::into_raw handle; one more count for the hooks.
        let rc = unsafe {
            Rc::increment_strong_count(p);
            Rc::from_raw(p)
        };
        locks::register(s, &rc);
        Some(())
    })
}

/// Destroys the store and the locks in it. Requests of a session it was
/// registered on submit nothing from then on.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lockstore_destroy(store: *mut ne_lock_store) {
    ffi::guard((), || {
        if store.is_null() {
            return None;
        }
        // SAFETY: a live Rc::into_raw handle, not used by the caller again.
        let rc = unsafe { Rc::from_raw(store as *const CStore) };
        for l in rc.take_all() {
            // SAFETY: stored records belong to the store.
            unsafe { ne_lock_destroy(l.0) };
        }
        Some(())
    })
}

/// Adds the lock; the store owns it from now on.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lockstore_add(store: *mut ne_lock_store, lock: *mut ne_lock) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let s = unsafe { self::store(store) }?;
        if lock.is_null() {
            return None;
        }
        s.add(CLock(lock));
        Some(())
    })
}

/// Takes the lock out of the store (not freed); nothing if it is not there.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lockstore_remove(store: *mut ne_lock_store, lock: *mut ne_lock) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let s = unsafe { self::store(store) }?;
        s.remove(&CLock(lock));
        Some(())
    })
}

fn ptr(l: Option<CLock>) -> *mut ne_lock {
    l.map_or(null_mut(), |l| l.0)
}

/// The newest lock of the store (starting an iteration), or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lockstore_first(store: *mut ne_lock_store) -> *mut ne_lock {
    ffi::guard(null_mut(), || {
        // SAFETY: handle or NULL.
        Some(ptr(unsafe { self::store(store) }?.first()))
    })
}

/// The next lock of the iteration, or NULL at its end.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lockstore_next(store: *mut ne_lock_store) -> *mut ne_lock {
    ffi::guard(null_mut(), || {
        // SAFETY: handle or NULL.
        Some(ptr(unsafe { self::store(store) }?.next()))
    })
}

/// The first lock whose URI equals `uri`, or NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lockstore_findbyuri(
    store: *mut ne_lock_store,
    uri: *const ne_uri,
) -> *mut ne_lock {
    ffi::guard(null_mut(), || {
        // SAFETY: handle or NULL; NULL or a URI of C strings.
        let (s, u) = unsafe { (self::store(store)?, uri.as_ref()?.to_uri()) };
        Some(ptr(s.find_by_uri(&u)))
    })
}

/// The session and a copy of the lock, for the methods.
///
/// # Safety
/// Handles or NULL; `lock` NULL or a record of C strings.
unsafe fn args(
    sess: *mut ne_session,
    lock: *const ne_lock,
) -> Option<(Rc<crate::http::Session>, Lock)> {
    // SAFETY: per the contract above.
    unsafe {
        session(sess)?;
        let l = lock.as_ref()?;
        // neon would make a request without a path; none is made.
        l.uri.path.as_ref()?;
        Some((session_rc(sess), to_core(l)))
    }
}

/// LOCK the lock's path with its scope, owner, depth and timeout. On
/// success the token is set, with the timeout, depth, scope, type and
/// owner the server returned.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock(sess: *mut ne_session, lock: *mut ne_lock) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handles or NULL.
        let (s, mut core) = unsafe { args(sess, lock) }?;
        let granted = match locks::lock(&s, &core) {
            Ok(g) => g,
            Err(e) => return Some(e.0),
        };
        let owner_changed = granted.active.owner.is_some();
        core.apply(granted);
        // SAFETY: a live record (checked by args) with malloc'd strings.
        let l = unsafe { &mut *lock };
        // SAFETY: as above.
        unsafe {
            replace(&mut l.token, core.token.as_deref());
            if owner_changed {
                replace(&mut l.owner, core.owner.as_deref());
            }
        }
        l.timeout = core.timeout as c_long;
        l.scope = core.scope;
        l.r#type = core.kind;
        l.depth = core.depth;
        Some(dav::code(Ok(())))
    })
}

/// UNLOCK the lock.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unlock(sess: *mut ne_session, lock: *const ne_lock) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handles or NULL.
        let (s, core) = unsafe { args(sess, lock) }?;
        Some(dav::code(locks::unlock(&s, &core)))
    })
}

/// Refreshes the lock, asking for its timeout if non-zero; on success
/// the timeout is the server's.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock_refresh(sess: *mut ne_session, lock: *mut ne_lock) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handles or NULL.
        let (s, core) = unsafe { args(sess, lock) }?;
        Some(match locks::refresh(&s, &core) {
            Ok(t) => {
                // SAFETY: a live record (checked by args).
                unsafe { (*lock).timeout = t as c_long };
                dav::code(Ok(()))
            }
            Err(e) => e.0,
        })
    })
}

/// A lock as the discovery callback sees it: strings in buffers of ours,
/// valid during the call.
struct CLockView {
    uri: CUri,
    token: Option<Vec<u8>>,
    owner: Option<Vec<u8>>,
    lock: ne_lock,
}

impl CLockView {
    fn new(l: &Lock) -> Box<CLockView> {
        let z = |s: &Option<Vec<u8>>| s.as_ref().map(|s| [&s[..], b"\0"].concat());
        let mut v = Box::new(CLockView {
            uri: CUri::new(),
            token: z(&l.token),
            owner: z(&l.owner),
            lock: ne_lock {
                uri: ne_uri::default(),
                depth: l.depth,
                r#type: l.kind,
                scope: l.scope,
                token: null_mut(),
                owner: null_mut(),
                timeout: l.timeout as c_long,
            },
        });
        v.uri.fill(&l.uri);
        // SAFETY: a copy of the filled URI's pointers into v.uri's buffer,
        // which lives (unmoved) as long as v.
        v.lock.uri = unsafe { std::ptr::read(v.uri.as_ptr()) };
        let p = |s: &Option<Vec<u8>>| s.as_ref().map_or(null_mut(), |s| s.as_ptr() as *mut c_char);
        v.lock.token = p(&v.token);
        v.lock.owner = p(&v.owner);
        v
    }
}

/// Discovers the locks on `path` (PROPFIND of lockdiscovery, depth 0),
/// calling `result` (if not NULL) for each resource.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock_discover(
    sess: *mut ne_session,
    path: *const c_char,
    result: ne_lock_result,
    userdata: *mut c_void,
) -> c_int {
    ffi::guard(NE_ERROR, || {
        // SAFETY: handle and C string, or NULL.
        let (_, path) = unsafe { (session(sess)?, ffi::cstr_arg(path)?) };
        // SAFETY: a live, non-NULL session handle.
        let s = unsafe { session_rc(sess) };
        let mut uri = CUri::new();
        // Without a callback the PROPFIND is still made, as neon makes it
        // (neon would then call NULL for a resource with a lock).
        let found = move |what: Found<'_>, u: &Uri| {
            let Some(f) = result else { return };
            uri.fill(u);
            match what {
                Ok(lock) => {
                    let view = CLockView::new(lock);
                    // SAFETY: the application's callback; the arguments
                    // live for the call.
                    unsafe { f(userdata, &view.lock, uri.as_ptr(), std::ptr::null()) };
                }
                Err(st) => {
                    let st = st as *const _ as *const ne_status;
                    // SAFETY: as above; a status record is laid out as ne_status.
                    unsafe { f(userdata, std::ptr::null(), uri.as_ptr(), st) };
                }
            }
        };
        Some(dav::code(locks::discover(&s, path, found)))
    })
}

/// The request will change the resource at `path` with an operation of
/// `depth`: the locks of the session's store covering it are submitted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock_using_resource(
    req: *mut ne_request,
    path: *const c_char,
    depth: c_int,
) {
    ffi::guard((), || {
        // SAFETY: handle and C string, or NULL.
        let (r, p) = unsafe { (request(req)?, ffi::cstr_arg(path)?) };
        locks::using_resource(r, p, depth);
        Some(())
    })
}

/// The request will change the collection holding `path`: the locks
/// covering that collection are submitted.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_lock_using_parent(req: *mut ne_request, path: *const c_char) {
    ffi::guard((), || {
        // SAFETY: handle and C string, or NULL.
        let (r, p) = unsafe { (request(req)?, ffi::cstr_arg(path)?) };
        locks::using_parent(r, p);
        Some(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr::null;

    #[test]
    fn null_arguments_are_safe() {
        // SAFETY: NULL handles and records, which every export refuses.
        unsafe {
            assert!(ne_lock_copy(null()).is_null());
            ne_lock_free(null_mut());
            ne_lock_destroy(null_mut());
            ne_lockstore_destroy(null_mut());
            ne_lockstore_register(null_mut(), null_mut());
            ne_lockstore_add(null_mut(), null_mut());
            ne_lockstore_remove(null_mut(), null_mut());
            assert!(ne_lockstore_first(null_mut()).is_null());
            assert!(ne_lockstore_next(null_mut()).is_null());
            assert!(ne_lockstore_findbyuri(null_mut(), null()).is_null());
            assert_eq!(ne_lock(null_mut(), null_mut()), NE_ERROR);
            assert_eq!(ne_unlock(null_mut(), null()), NE_ERROR);
            assert_eq!(ne_lock_refresh(null_mut(), null_mut()), NE_ERROR);
            assert_eq!(
                ne_lock_discover(null_mut(), null(), None, null_mut()),
                NE_ERROR
            );
            ne_lock_using_resource(null_mut(), null(), 0);
            ne_lock_using_parent(null_mut(), null());

            // A live store: NULL locks and URIs, a lock it does not hold,
            // next before first and past the end.
            let s = ne_lockstore_create();
            assert!(ne_lockstore_next(s).is_null());
            ne_lockstore_add(s, null_mut());
            assert!(ne_lockstore_first(s).is_null());
            assert!(ne_lockstore_findbyuri(s, null()).is_null());
            let stranger = ne_lock_create();
            ne_lockstore_remove(s, stranger);
            let held = ne_lock_create();
            ne_lockstore_add(s, held);
            assert_eq!(ne_lockstore_first(s), held);
            assert!(ne_lockstore_next(s).is_null());
            assert!(ne_lockstore_next(s).is_null());
            // A lock without a URI path: no request is made.
            let sess = crate::neon::ne_session::ne_session_create(
                c"http".as_ptr(),
                c"127.0.0.1".as_ptr(),
                1,
            );
            assert_eq!(ne_lock(sess, stranger), NE_ERROR);
            assert_eq!(ne_unlock(sess, stranger), NE_ERROR);
            assert_eq!(ne_lock_refresh(sess, stranger), NE_ERROR);
            // No callback: the PROPFIND is still made (nothing listens).
            assert_eq!(
                ne_lock_discover(sess, c"/".as_ptr(), None, null_mut()),
                crate::neon::ne_request::NE_CONNECT
            );
            ne_lockstore_register(s, sess);
            ne_lockstore_destroy(s);
            crate::neon::ne_session::ne_session_destroy(sess);
            ne_lock_destroy(stranger);
        }
    }
}
