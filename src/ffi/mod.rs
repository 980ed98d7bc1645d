//! FFI support shared by the C faces: the panic/argument boundary every export
//! goes through, pointer and string conversions, and libc-malloc'd results.
//!
//! This and the faces are the only places with `unsafe`; the core is safe Rust.

pub mod alloc;
pub mod arc;
pub mod boundary;
pub mod cstr;
pub mod sys;

pub use alloc::{malloc_bytes, malloc_str};
pub use boundary::guard;
pub use cstr::{bytes_arg, cstr_arg, path_arg, str_arg, write_cbuf};

/// Reborrows an opaque C handle as the Rust object behind it.
///
/// Every handle given to C is a pointer to a live Rust object created by the
/// face (`Box::into_raw`/`Rc::into_raw`/`Arc::into_raw`). Returns `None` for NULL,
/// so that `guard` turns it into the function's error value.
///
/// # Safety
/// `p` must be NULL or a handle of type `T` handed out by a face and not yet freed.
pub unsafe fn handle<'a, T, C>(p: *const C) -> Option<&'a T> {
    // SAFETY: per the contract above the pointer is NULL or points to a live T.
    unsafe { (p as *const T).as_ref() }
}

/// The C handle for a Rust object (the inverse of [`handle`]).
pub fn as_handle<T, C>(r: &T) -> *mut C {
    r as *const T as *mut C
}

/// Moves a Rust object to the heap and hands its pointer to C.
pub fn into_handle<T, C>(v: T) -> *mut C {
    Box::into_raw(Box::new(v)) as *mut C
}

/// Takes back ownership of an object created by [`into_handle`].
///
/// # Safety
/// `p` must be NULL or a pointer returned by `into_handle::<T, _>` and not yet freed.
pub unsafe fn from_handle<T, C>(p: *mut C) -> Option<Box<T>> {
    if p.is_null() {
        None
    } else {
        // SAFETY: per the contract above.
        Some(unsafe { Box::from_raw(p as *mut T) })
    }
}
