//! Conversions of C string and buffer arguments.

use std::ffi::{CStr, c_char};

/// A NUL-terminated argument as bytes (without the NUL); `None` for NULL.
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string valid for `'a`.
pub unsafe fn cstr_arg<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        // SAFETY: per the contract above.
        Some(unsafe { CStr::from_ptr(p) }.to_bytes())
    }
}

/// A NUL-terminated argument that must be UTF-8 (host names, schemes…);
/// `None` for NULL or invalid UTF-8.
///
/// # Safety
/// As for [`cstr_arg`].
pub unsafe fn str_arg<'a>(p: *const c_char) -> Option<&'a str> {
    // SAFETY: forwarded contract.
    std::str::from_utf8(unsafe { cstr_arg(p) }?).ok()
}

/// A (pointer, length) argument as a slice; NULL is accepted only with length 0.
///
/// # Safety
/// `p` must be NULL or valid for reads of `len` bytes for `'a`.
pub unsafe fn bytes_arg<'a, T>(p: *const T, len: usize) -> Option<&'a [u8]> {
    if len == 0 {
        Some(&[])
    } else if p.is_null() {
        None
    } else {
        // SAFETY: per the contract above.
        Some(unsafe { std::slice::from_raw_parts(p as *const u8, len) })
    }
}

/// Copies `src` into the caller's buffer of `cap` bytes, truncating and always
/// NUL-terminating (neon's `ne_strnzcpy`). Returns the number of bytes copied
/// (without the NUL), or `None` if the buffer is NULL or `cap` is 0.
///
/// # Safety
/// `dst` must be NULL or valid for writes of `cap` bytes.
pub unsafe fn write_cbuf(dst: *mut c_char, cap: usize, src: &[u8]) -> Option<usize> {
    if dst.is_null() || cap == 0 {
        return None;
    }
    let n = src.len().min(cap - 1);
    // SAFETY: dst has room for cap >= n + 1 bytes and does not overlap src.
    unsafe {
        std::ptr::copy_nonoverlapping(src.as_ptr(), dst as *mut u8, n);
        *dst.add(n) = 0;
    }
    Some(n)
}

/// A NUL-terminated file name argument as a path; `None` for NULL.
///
/// # Safety
/// As for [`cstr_arg`].
pub unsafe fn path_arg<'a>(p: *const c_char) -> Option<&'a std::path::Path> {
    use std::os::unix::ffi::OsStrExt;
    // SAFETY: forwarded contract.
    let bytes = unsafe { cstr_arg(p) }?;
    Some(std::path::Path::new(std::ffi::OsStr::from_bytes(bytes)))
}
