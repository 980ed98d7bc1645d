//! Reference-counted C handles (OpenSSL's `*_up_ref` / `*_free` objects):
//! the handle is the pointer to the `Arc`'s payload, the reference count is
//! the strong count.

use std::sync::Arc;

/// Gives one reference to C.
pub fn into_raw<T, C>(a: Arc<T>) -> *mut C {
    Arc::into_raw(a) as *mut C
}

/// The object behind a handle, borrowed for the call.
///
/// # Safety
/// `p` must be NULL or a live handle of type `T` from [`into_raw`].
pub unsafe fn borrow<'a, T, C>(p: *const C) -> Option<&'a T> {
    // SAFETY: per the contract above.
    unsafe { (p as *const T).as_ref() }
}

/// A new counted reference to the object behind a handle (`up_ref`).
///
/// # Safety
/// As for [`borrow`].
pub unsafe fn clone<T, C>(p: *const C) -> Option<Arc<T>> {
    if p.is_null() {
        return None;
    }
    let p = p as *const T;
    // SAFETY: p is a live Arc payload pointer; we add the reference we take.
    unsafe {
        Arc::increment_strong_count(p);
        Some(Arc::from_raw(p))
    }
}

/// Takes back the reference C held (`free`).
///
/// # Safety
/// As for [`borrow`]; the caller's reference is consumed.
pub unsafe fn take<T, C>(p: *const C) -> Option<Arc<T>> {
    if p.is_null() {
        None
    } else {
        // SAFETY: per the contract above.
        Some(unsafe { Arc::from_raw(p as *const T) })
    }
}

/// The handle of an object C already holds a reference to (borrowed).
pub fn as_ptr<T, C>(a: &Arc<T>) -> *mut C {
    Arc::as_ptr(a) as *mut C
}
