//! Memory handed to C that C releases with `free()` (neon's `ne_free` is `free`):
//! it must come from libc's malloc, never from the Rust allocator.

use std::ffi::c_char;
use std::sync::atomic::{AtomicPtr, Ordering};

/// The callback set by `ne_oom_callback`, run before aborting on exhaustion.
static OOM_CALLBACK: AtomicPtr<()> = AtomicPtr::new(std::ptr::null_mut());

pub fn set_oom_callback(cb: Option<unsafe extern "C" fn()>) {
    let p = cb.map_or(std::ptr::null_mut(), |f| f as *mut ());
    OOM_CALLBACK.store(p, Ordering::Release);
}

/// neon's allocators never return NULL: they run the OOM callback, then abort.
#[cold]
pub fn out_of_memory() -> ! {
    let p = OOM_CALLBACK.load(Ordering::Acquire);
    if !p.is_null() {
        // SAFETY: only `set_oom_callback` stores here, from a valid function pointer.
        let f: unsafe extern "C" fn() = unsafe { std::mem::transmute(p) };
        // SAFETY: calling the application's callback as neon does.
        unsafe { f() };
    }
    std::process::abort();
}

/// `malloc(size)` that never returns NULL (size 0 allocates one byte, as neon's
/// callers always get a pointer they can free).
pub fn malloc(size: usize) -> *mut u8 {
    // SAFETY: plain libc allocation.
    let p = unsafe { libc::malloc(size.max(1)) } as *mut u8;
    if p.is_null() {
        out_of_memory();
    }
    p
}

/// `realloc` with the same never-NULL contract.
///
/// # Safety
/// `ptr` must be NULL or a live libc allocation.
pub unsafe fn realloc(ptr: *mut u8, size: usize) -> *mut u8 {
    // SAFETY: per the contract above.
    let p = unsafe { libc::realloc(ptr as *mut libc::c_void, size.max(1)) } as *mut u8;
    if p.is_null() {
        out_of_memory();
    }
    p
}

/// Copies `bytes` into a new malloc'd block (no terminator added).
pub fn malloc_bytes(bytes: &[u8]) -> *mut u8 {
    let p = malloc(bytes.len());
    // SAFETY: p has room for bytes.len() bytes and does not overlap them.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
    p
}

/// Copies `bytes` into a new malloc'd NUL-terminated C string.
pub fn malloc_str(bytes: &[u8]) -> *mut c_char {
    let p = malloc(bytes.len() + 1);
    // SAFETY: p has room for bytes.len() + 1 bytes.
    unsafe {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len());
        *p.add(bytes.len()) = 0;
    }
    p as *mut c_char
}

/// Same as [`malloc_str`] but NULL for `None`.
pub fn malloc_opt_str(bytes: Option<&[u8]>) -> *mut c_char {
    bytes.map_or(std::ptr::null_mut(), malloc_str)
}

/// `free()` for memory from libc's allocator.
///
/// # Safety
/// `p` must be NULL or a live libc allocation.
pub unsafe fn free<T>(p: *mut T) {
    // SAFETY: per the contract above.
    unsafe { libc::free(p as *mut libc::c_void) }
}
