//! C face of `ne_redirect.h`. The logic is in [`crate::redirect`].

use std::cell::RefCell;
use std::rc::Rc;

use super::ne_session::{ne_session, session};
use super::ne_uri::{ne_uri, ne_uri_free};
use crate::ffi;
use crate::redirect;
use crate::uri::Uri;

/// Extension key of the C copy of a session's redirect location.
const VIEW: &str = "neonrs: ne_redirect_location";

/// The `ne_uri` ne_redirect_location hands out: one per session at a
/// fixed address (as in neon), rewritten when the location changes, freed
/// with the session.
struct LocationView {
    shown: RefCell<Option<Uri>>,
    c: RefCell<Box<ne_uri>>,
}

impl LocationView {
    fn show(&self, location: &Uri) -> *const ne_uri {
        let mut c = self.c.borrow_mut();
        if self.shown.borrow().as_ref() != Some(location) {
            // SAFETY: the fields are NULL or malloc'd by ne_uri::from_uri.
            unsafe { ne_uri_free(&mut **c) };
            **c = ne_uri::from_uri(location);
            *self.shown.borrow_mut() = Some(location.clone());
        }
        &**c
    }
}

impl Drop for LocationView {
    fn drop(&mut self) {
        // SAFETY: as in `show`.
        unsafe { ne_uri_free(&mut **self.c.get_mut()) };
    }
}

/// Handles redirects for the session: a request answered with a 301, 302,
/// 303 or 307 and a Location then fails with NE_REDIRECT, and
/// ne_redirect_location() gives the destination.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_redirect_register(sess: *mut ne_session) {
    ffi::guard((), || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        redirect::register(s);
        Some(())
    })
}

/// The destination of the session's last redirect, or NULL if there was
/// none, it could not be parsed, or redirects are not handled. The URI
/// belongs to the session; it changes with the next redirect.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_redirect_location(sess: *mut ne_session) -> *const ne_uri {
    ffi::guard(std::ptr::null(), || {
        // SAFETY: handle or NULL.
        let s = unsafe { session(sess) }?;
        let Some(location) = redirect::state(s).and_then(|r| r.location()) else {
            return Some(std::ptr::null());
        };
        let view = s.extension::<LocationView>(VIEW).unwrap_or_else(|| {
            let v = Rc::new(LocationView {
                shown: RefCell::new(None),
                c: RefCell::new(Box::default()),
            });
            s.set_extension(VIEW, v.clone());
            v
        });
        Some(view.show(&location))
    })
}
