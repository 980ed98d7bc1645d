//! C face of `ne_alloc.h`: allocators that never return NULL.
//!
//! Everything they return comes from the C library's malloc, so C releases it
//! with `free()` (`ne_free`). On exhaustion they call the callback registered
//! with `ne_oom_callback`, then abort.

use std::ffi::{c_char, c_void};

use crate::ffi::{self, alloc};

/// Called when memory is exhausted, just before the process aborts.
pub type ne_oom_callback_fn = Option<unsafe extern "C" fn()>;

/// Sets the function called when an allocation fails (NULL for none); the
/// process aborts once it returns.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_oom_callback(callback: ne_oom_callback_fn) {
    ffi::guard((), || {
        alloc::set_oom_callback(callback);
        Some(())
    })
}

/// Allocates `size` bytes (never NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_malloc(size: usize) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || Some(alloc::malloc(size).cast()))
}

/// Allocates `size` zeroed bytes (never NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_calloc(size: usize) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        let p = alloc::malloc(size);
        // SAFETY: p is a fresh block of at least `size` bytes.
        unsafe { std::ptr::write_bytes(p, 0, size) };
        Some(p.cast())
    })
}

/// Resizes the block `ptr` (NULL allocates) to `size` bytes (never NULL; a
/// size of 0 gives a minimal block rather than freeing `ptr`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_realloc(ptr: *mut c_void, size: usize) -> *mut c_void {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: the caller passes NULL or a block from the malloc family.
        Some(unsafe { alloc::realloc(ptr.cast(), size) }.cast())
    })
}

/// Returns a malloc'd copy of the string `s`; NULL if `s` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strdup(s: *const c_char) -> *mut c_char {
    ffi::guard(std::ptr::null_mut(), || {
        // SAFETY: the caller passes NULL or a C string.
        let s = unsafe { ffi::cstr_arg(s) }?;
        Some(ffi::malloc_str(s))
    })
}

/// Returns a malloc'd copy of exactly `n` bytes of `s` (which may include NUL
/// bytes), followed by a NUL terminator; NULL if `s` is NULL and `n` is not 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strndup(s: *const c_char, n: usize) -> *mut c_char {
    ffi::guard(std::ptr::null_mut(), || {
        if n >= isize::MAX as usize {
            // No block of n + 1 bytes can exist: neon's malloc fails here too.
            alloc::out_of_memory();
        }
        // SAFETY: the caller passes `n` readable bytes at `s`.
        let bytes = unsafe { ffi::bytes_arg(s, n) }?;
        Some(ffi::malloc_str(bytes))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    #[test]
    fn null_strings_give_null() {
        unsafe {
            assert!(ne_strdup(std::ptr::null()).is_null());
            assert!(ne_strndup(std::ptr::null(), 3).is_null());
        }
    }

    #[test]
    fn strndup_copies_n_bytes() {
        unsafe {
            let p = ne_strndup(b"ab\0cd".as_ptr().cast(), 5);
            assert_eq!(std::slice::from_raw_parts(p as *const u8, 6), b"ab\0cd\0");
            ffi::alloc::free(p);
            let p = ne_strndup(std::ptr::null(), 0);
            assert_eq!(CStr::from_ptr(p).to_bytes(), b"");
            ffi::alloc::free(p);
        }
    }

    #[test]
    fn calloc_zeroes_and_realloc_keeps() {
        unsafe {
            let p = ne_calloc(64) as *mut u8;
            assert!(std::slice::from_raw_parts(p, 64).iter().all(|&b| b == 0));
            *p = 7;
            let p = ne_realloc(p.cast(), 4096) as *mut u8;
            assert_eq!(*p, 7);
            let p = ne_realloc(p.cast(), 0);
            assert!(!p.is_null());
            ffi::alloc::free(p);
        }
    }
}
