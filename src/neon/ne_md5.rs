//! C face of `ne_md5.h`: MD5 contexts, streams and hex conversions.
//!
//! neon 0.32.5 as Debian builds it keeps an OpenSSL `MD5_CTX`, and
//! `ne_md5_read_ctx` returns that context's raw chaining state (A, B, C, D:
//! "0123456789abcdeffedcba9876543210" for a fresh context), not a digest of
//! the data so far. The `md-5` crate does not expose its state, so the
//! context is implemented in the core module `md5`.

use std::ffi::{c_char, c_int, c_uchar, c_void};
use std::ptr::null_mut;

use crate::ffi;
use crate::md5::{self, Md5};

/// An MD5 computation in progress; create with `ne_md5_create_ctx`.
pub struct ne_md5_ctx {
    _private: [u8; 0],
}

/// Creates a context. Never returns NULL.
#[unsafe(no_mangle)]
pub extern "C" fn ne_md5_create_ctx() -> *mut ne_md5_ctx {
    ffi::guard(null_mut(), || Some(ffi::into_handle(Md5::new())))
}

/// Adds `len` bytes at `buffer` to the computation. As in neon's OpenSSL
/// build, `len` need not be a multiple of 64.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_process_block(
    buffer: *const c_void,
    len: usize,
    ctx: *mut ne_md5_ctx,
) {
    // SAFETY: forwarded contract.
    unsafe { ne_md5_process_bytes(buffer, len, ctx) }
}

/// Adds `len` bytes at `buffer` to the computation.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_process_bytes(
    buffer: *const c_void,
    len: usize,
    ctx: *mut ne_md5_ctx,
) {
    ffi::guard((), || {
        // SAFETY: `ctx` is NULL or a live context; `buffer` holds `len` bytes.
        let (md5, data) = unsafe { (md5_mut(ctx)?, ffi::bytes_arg(buffer, len)?) };
        md5.update(data);
        Some(())
    })
}

/// Finishes the computation and writes the 16-byte digest to `resbuf`;
/// returns `resbuf`. The context then holds the digest as its state, as
/// OpenSSL's does (more data continues from there).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_finish_ctx(
    ctx: *mut ne_md5_ctx,
    resbuf: *mut c_void,
) -> *mut c_void {
    ffi::guard(null_mut(), || {
        // SAFETY: `ctx` is NULL or a live context.
        let md5 = unsafe { md5_mut(ctx) }?;
        if resbuf.is_null() {
            return None; // leave the context as it was
        }
        // SAFETY: `resbuf` has room for 16 bytes.
        unsafe { write_bytes(resbuf, &md5.finish()) }
    })
}

/// Writes the context's current state (16 bytes, little-endian A, B, C, D) to
/// `resbuf`; returns `resbuf`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_read_ctx(
    ctx: *const ne_md5_ctx,
    resbuf: *mut c_void,
) -> *mut c_void {
    ffi::guard(null_mut(), || {
        // SAFETY: `ctx` is NULL or a live context.
        let md5: &Md5 = unsafe { ffi::handle(ctx) }?;
        // SAFETY: `resbuf` is NULL or has room for 16 bytes.
        unsafe { write_bytes(resbuf, &md5.state_bytes()) }
    })
}

/// Returns a new context with a copy of the state of `ctx`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_dup_ctx(ctx: *mut ne_md5_ctx) -> *mut ne_md5_ctx {
    ffi::guard(null_mut(), || {
        // SAFETY: `ctx` is NULL or a live context.
        let md5: &Md5 = unsafe { ffi::handle(ctx) }?;
        Some(ffi::into_handle(md5.clone()))
    })
}

/// Starts the computation over.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_reset_ctx(ctx: *mut ne_md5_ctx) {
    ffi::guard((), || {
        // SAFETY: `ctx` is NULL or a live context.
        *unsafe { md5_mut(ctx) }? = Md5::new();
        Some(())
    })
}

/// Frees the context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_destroy_ctx(ctx: *mut ne_md5_ctx) {
    ffi::guard((), || {
        // SAFETY: `ctx` is NULL or a context from ne_md5_create_ctx/ne_md5_dup_ctx.
        drop(unsafe { ffi::from_handle::<Md5, _>(ctx) });
        Some(())
    })
}

/// Reads `stream` to its end and writes the MD5 digest of its bytes to the 16
/// bytes at `resblock`. Returns 0, or 1 on a read error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_stream(stream: *mut libc::FILE, resblock: *mut c_void) -> c_int {
    // neon reads 4096-byte blocks, retrying short reads until a block is full
    // or fread() returns 0; a 0 with the error flag set fails.
    const BLOCK: usize = 4096;
    ffi::guard(1, || {
        if stream.is_null() || resblock.is_null() {
            return None;
        }
        let mut md5 = Md5::new();
        let mut buf = vec![0u8; BLOCK];
        loop {
            let mut filled = 0;
            let mut n;
            loop {
                // SAFETY: `stream` is the caller's FILE*; buf has BLOCK - filled bytes free.
                n = unsafe {
                    libc::fread(buf[filled..].as_mut_ptr().cast(), 1, BLOCK - filled, stream)
                };
                filled += n;
                if filled >= BLOCK || n == 0 {
                    break;
                }
            }
            // SAFETY: as above.
            if n == 0 && unsafe { libc::ferror(stream) } != 0 {
                return Some(1);
            }
            md5.update(&buf[..filled]);
            if n == 0 {
                break;
            }
        }
        // SAFETY: `resblock` has room for 16 bytes.
        unsafe { write_bytes(resblock, &md5.finish()) };
        Some(0)
    })
}

/// Finishes the computation and writes the digest as 32 lower-case hex digits
/// and a NUL into `buffer` (33 bytes); returns `buffer`.
/// cbindgen:ptrs-as-arrays=[[buffer; 33]]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_finish_ascii(
    ctx: *mut ne_md5_ctx,
    buffer: *mut c_char,
) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: `ctx` is NULL or a live context.
        let md5 = unsafe { md5_mut(ctx) }?;
        if buffer.is_null() {
            return None;
        }
        let hex = md5::to_ascii(&md5.finish());
        // SAFETY: `buffer` has room for 33 bytes.
        unsafe { ffi::write_cbuf(buffer, hex.len() + 1, &hex) }?;
        Some(buffer)
    })
}

/// Writes the 16-byte digest `md5_buf` as 32 lower-case hex digits and a NUL
/// into `buffer` (33 bytes).
/// cbindgen:ptrs-as-arrays=[[md5_buf; 16]]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_md5_to_ascii(md5_buf: *const c_uchar, buffer: *mut c_char) {
    ffi::guard((), || {
        // SAFETY: `md5_buf` is NULL or holds 16 bytes.
        let digest: [u8; 16] = unsafe { ffi::bytes_arg(md5_buf, 16) }?.try_into().ok()?;
        let hex = md5::to_ascii(&digest);
        // SAFETY: `buffer` is NULL or has room for 33 bytes.
        unsafe { ffi::write_cbuf(buffer, hex.len() + 1, &hex) }?;
        Some(())
    })
}

/// Reads 32 hex digits from `buffer` into the 16 bytes at `md5_buf`.
/// cbindgen:ptrs-as-arrays=[[md5_buf; 16]]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_ascii_to_md5(buffer: *const c_char, md5_buf: *mut c_uchar) {
    ffi::guard((), || {
        // SAFETY: `buffer` is NULL or holds 32 bytes, as neon reads them.
        let hex: [u8; 32] = unsafe { ffi::bytes_arg(buffer, 32) }?.try_into().ok()?;
        // SAFETY: `md5_buf` is NULL or has room for 16 bytes.
        unsafe { write_bytes(md5_buf.cast(), &md5::from_ascii(&hex)) }?;
        Some(())
    })
}

/// The context behind a handle.
///
/// # Safety
/// `ctx` must be NULL or a live context, not otherwise borrowed.
unsafe fn md5_mut<'a>(ctx: *mut ne_md5_ctx) -> Option<&'a mut Md5> {
    // SAFETY: per the contract above, handles point to a boxed Md5.
    unsafe { (ctx as *mut Md5).as_mut() }
}

/// Copies `bytes` to `dst`; returns `dst`, or `None` if it is NULL.
///
/// # Safety
/// `dst` must be NULL or valid for writes of `bytes.len()` bytes.
unsafe fn write_bytes(dst: *mut c_void, bytes: &[u8]) -> Option<*mut c_void> {
    if dst.is_null() {
        return None;
    }
    // SAFETY: per the contract above.
    unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), dst.cast::<u8>(), bytes.len()) };
    Some(dst)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr::null;

    #[test]
    fn null_arguments_are_safe() {
        let mut out = [0u8; 33];
        let buf = out.as_mut_ptr().cast::<c_void>();
        unsafe {
            let ctx = ne_md5_create_ctx();
            // NULL data with a non-zero length is ignored (neon would crash).
            ne_md5_process_bytes(null(), 5, ctx);
            ne_md5_process_block(null(), 64, ctx);
            ne_md5_process_bytes(c"abc".as_ptr().cast(), 3, null_mut());
            assert!(ne_md5_finish_ctx(null_mut(), buf).is_null());
            assert!(ne_md5_finish_ctx(ctx, null_mut()).is_null());
            assert!(ne_md5_read_ctx(null(), buf).is_null());
            assert!(ne_md5_read_ctx(ctx, null_mut()).is_null());
            assert!(ne_md5_dup_ctx(null_mut()).is_null());
            ne_md5_reset_ctx(null_mut());
            ne_md5_destroy_ctx(null_mut());
            assert_eq!(ne_md5_stream(null_mut(), buf), 1);
            assert!(ne_md5_finish_ascii(null_mut(), out.as_mut_ptr().cast()).is_null());
            assert!(ne_md5_finish_ascii(ctx, null_mut()).is_null());
            ne_md5_to_ascii(null(), out.as_mut_ptr().cast());
            ne_md5_to_ascii(out.as_ptr(), null_mut());
            ne_ascii_to_md5(null(), out.as_mut_ptr());
            ne_ascii_to_md5(c"d41d8cd98f00b204e9800998ecf8427e".as_ptr(), null_mut());
            assert_eq!(out, [0; 33]);
            // The context was not disturbed: it still digests "".
            let hex = ne_md5_finish_ascii(ctx, out.as_mut_ptr().cast());
            assert_eq!(
                std::ffi::CStr::from_ptr(hex).to_bytes(),
                b"d41d8cd98f00b204e9800998ecf8427e"
            );
            ne_md5_destroy_ctx(ctx);
        }
    }

    #[test]
    fn conversions_through_the_face() {
        let mut digest = [0u8; 16];
        let mut hex = [0 as c_char; 33];
        unsafe {
            ne_ascii_to_md5(
                c"900150983CD24FB0d6963f7d28e17f72".as_ptr(),
                digest.as_mut_ptr(),
            );
            ne_md5_to_ascii(digest.as_ptr(), hex.as_mut_ptr());
            let back = std::ffi::CStr::from_ptr(hex.as_ptr()).to_bytes();
            assert_eq!(back, b"900150983cd24fb0d6963f7d28e17f72");
        }
    }
}
