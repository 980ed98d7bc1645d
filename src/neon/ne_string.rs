//! C face of `ne_string.h`: tokenising, trimming, escaping, base64, hashing,
//! case-insensitive comparison and the growable string buffer `ne_buffer`.
//!
//! The variadic functions (`ne_concat`, `ne_buffer_concat`,
//! `ne_buffer_snprintf`, `ne_snprintf`, `ne_vsnprintf`, `ne_strhash`,
//! `ne_vstrhash`) are in the C shim, src/shim/variadic.c; the hashing ones
//! call the `neonrs__hash_*` functions at the end of this file.

use std::ffi::{c_char, c_int, c_uchar, c_uint, c_ulong, c_void};
use std::ptr::null_mut;

use crate::ffi::{self, alloc};
use crate::text::{self, base64, buffer, case, hash, hex, param, quote, token};

/// A growable NUL-terminated string buffer. Fields may be read directly;
/// call `ne_buffer_altered` after changing `data` in place.
#[repr(C)]
pub struct ne_buffer {
    /// The contents: a NUL-terminated string.
    pub data: *mut c_char,
    /// `strlen(data) + 1`.
    pub used: usize,
    /// Number of bytes allocated at `data`.
    pub length: usize,
}

/// Hash algorithm for `ne_strhash`: MD5.
pub const NE_HASH_MD5: c_uint = 0x0001;
/// Hash algorithm for `ne_strhash`: SHA-256 (SHA-2).
pub const NE_HASH_SHA256: c_uint = 0x0002;
/// Hash algorithm for `ne_strhash`: SHA-512 (SHA-2).
pub const NE_HASH_SHA512: c_uint = 0x0003;
/// Hash algorithm for `ne_strhash`: SHA-512/256 (SHA-2).
pub const NE_HASH_SHA512_256: c_uint = 0x0004;
/// `ne_strhash` output format: colon-separated pairs of hex digits.
pub const NE_HASH_COLON: c_uint = 0x1000;
/// `ne_strhash` output format: space-separated pairs of hex digits.
pub const NE_HASH_SPACE: c_uint = 0x2000;

/// Writes a NUL at `s[i]`, ending a token in place.
unsafe fn terminate(s: *mut c_char, i: usize) {
    // SAFETY: callers pass an index within the string or at its terminator.
    unsafe { *s.add(i) = 0 };
}

/// Returns the token at `*str` up to the first `sep`, which is overwritten by a
/// NUL; `*str` then points after it, or is set to NULL when no separator is
/// left (the token is the rest of the string). Returns NULL if `str` or
/// `*str` is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_token(str: *mut *mut c_char, sep: c_char) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: str is NULL or points to the caller's cursor.
        let cursor = unsafe { str.as_mut() }?;
        let start = *cursor;
        // SAFETY: *str is NULL or a modifiable C string.
        let s = unsafe { ffi::cstr_arg(start) }?;
        *cursor = match token::token_end(s, sep as u8) {
            // SAFETY: i is within the string or at its terminator.
            Some(i) => unsafe {
                terminate(start, i);
                start.add(i + 1)
            },
            None => null_mut(),
        };
        Some(start)
    })
}

/// Like `ne_token`, but a separator inside a part quoted with a pair of any
/// one of the characters in `quotes` does not end the token. Returns NULL,
/// leaving `*str` alone, if a quote is not closed (or an argument is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_qtoken(
    str: *mut *mut c_char,
    sep: c_char,
    quotes: *const c_char,
) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: str is NULL or points to the caller's cursor.
        let cursor = unsafe { str.as_mut() }?;
        let start = *cursor;
        // SAFETY: *str and quotes are NULL or C strings.
        let (s, quotes) = unsafe { (ffi::cstr_arg(start)?, ffi::cstr_arg(quotes)?) };
        match token::qtoken(s, sep as u8, quotes) {
            token::QToken::Split(i) => {
                // SAFETY: i is the index of the separator in the string.
                *cursor = unsafe {
                    terminate(start, i);
                    start.add(i + 1)
                };
                Some(start)
            }
            token::QToken::Whole => {
                *cursor = null_mut();
                Some(start)
            }
            token::QToken::Unterminated => None,
        }
    })
}

/// Removes the characters in `whitespace` from both ends of `str` in place:
/// writes a NUL after the last kept character and returns a pointer to the
/// first. A NULL `whitespace` removes nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_shave(str: *mut c_char, whitespace: *const c_char) -> *mut c_char {
    ffi::guard(str, || {
        // SAFETY: str is NULL or a modifiable C string, whitespace NULL or a C string.
        let (s, ws) = unsafe { (ffi::cstr_arg(str)?, ffi::cstr_arg(whitespace)) };
        let kept = token::shave(s, ws.unwrap_or_default());
        // SAFETY: both ends lie within the string or at its terminator.
        Some(unsafe {
            terminate(str, kept.end);
            str.add(kept.start)
        })
    })
}

/// Replaces every non-printable character of `str` (controls, DEL, bytes
/// above 0x7f) by a space, in place, whatever the locale. Returns `str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strclean(str: *mut c_char) -> *mut c_char {
    ffi::guard(str, || {
        // SAFETY: str is NULL or a modifiable C string.
        let len = unsafe { ffi::cstr_arg(str) }?.len();
        // SAFETY: the string's `len` bytes are writable and not otherwise borrowed.
        text::clean(unsafe { std::slice::from_raw_parts_mut(str.cast::<u8>(), len) });
        Some(str)
    })
}

/// Encodes `len` bytes of `text` in base64 (padded). Returns a malloc'd
/// string; NULL if `text` is NULL and `len` is not 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_base64(text: *const c_uchar, len: usize) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: text is valid for len bytes.
        let data = unsafe { ffi::bytes_arg(text, len) }?;
        Some(ffi::malloc_str(base64::encode(data).as_bytes()))
    })
}

/// Decodes the base64 string `data` into a malloc'd block stored at `*out`
/// and returns its length. Returns 0 if `data` is empty, not a multiple of 4
/// characters long (`*out` unchanged) or not valid base64 (`*out` set to
/// NULL), or if an argument is NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_unbase64(data: *const c_char, out: *mut *mut c_uchar) -> usize {
    ffi::guard(0, || {
        // SAFETY: data is NULL or a C string; out is NULL or writable.
        let (text, out) = unsafe { (ffi::cstr_arg(data)?, out.as_mut()?) };
        match base64::decode(text) {
            Ok(bytes) => {
                *out = ffi::malloc_bytes(&bytes);
                Some(bytes.len())
            }
            Err(base64::DecodeError::Invalid) => {
                *out = null_mut();
                Some(0)
            }
            Err(base64::DecodeError::Length) => Some(0),
        }
    })
}

/// A new empty buffer with `size` bytes allocated, made as neon makes it.
fn new_buffer(size: usize) -> *mut ne_buffer {
    let data = alloc::malloc(size);
    let buf = alloc::malloc(std::mem::size_of::<ne_buffer>()).cast::<ne_buffer>();
    // SAFETY: both blocks are fresh; malloc aligns for any type and gives at
    // least one byte for data.
    unsafe {
        *data = 0;
        buf.write(ne_buffer {
            data: data.cast(),
            used: 1,
            length: size,
        });
    }
    buf
}

/// Creates an empty string buffer with 512 bytes allocated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_create() -> *mut ne_buffer {
    ffi::guard(null_mut(), || Some(new_buffer(buffer::DEFAULT_SIZE)))
}

/// Creates an empty string buffer with `size` bytes allocated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_ncreate(size: usize) -> *mut ne_buffer {
    ffi::guard(null_mut(), || Some(new_buffer(size)))
}

/// The buffer behind an argument that is appended to; `None` for NULL or a
/// buffer whose `data` or `used` cannot be right.
unsafe fn appendable<'a>(buf: *mut ne_buffer) -> Option<&'a mut ne_buffer> {
    // SAFETY: buf is NULL or the caller's buffer.
    let b = unsafe { buf.as_mut() }?;
    (!b.data.is_null() && b.used >= 1).then_some(b)
}

/// neon's growth rule; `data` is reallocated when it must grow.
unsafe fn grow(b: &mut ne_buffer, wanted: usize) {
    if let Some(length) = buffer::grown_length(b.length, wanted) {
        // SAFETY: data is NULL or a block from the malloc family.
        b.data = unsafe { alloc::realloc(b.data.cast(), length) }.cast();
        b.length = length;
    }
}

/// Appends `bytes` and a NUL; `bytes` must not point into the buffer.
unsafe fn append_bytes(b: &mut ne_buffer, bytes: &[u8]) {
    // SAFETY: b is appendable; after growing, `length` bytes are allocated,
    // at least used + bytes.len().
    unsafe {
        grow(b, b.used.saturating_add(bytes.len()));
        let end = b.data.add(b.used - 1).cast::<u8>();
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), end, bytes.len());
        *end.add(bytes.len()) = 0;
    }
    b.used += bytes.len();
}

/// Appends `len` bytes at `src`, which may lie in the buffer itself.
unsafe fn append_raw(b: &mut ne_buffer, src: *const c_char, len: usize) -> Option<()> {
    let (start, src_addr) = (b.data as usize, src as usize);
    let inside = len > 0
        && src_addr < start.saturating_add(b.length)
        && start < src_addr.saturating_add(len);
    // SAFETY: src is valid for len bytes.
    let bytes = unsafe { ffi::bytes_arg(src, len) }?;
    if inside {
        // Growing may move the buffer: append a copy.
        let copy = bytes.to_vec();
        // SAFETY: the copy does not point into the buffer.
        unsafe { append_bytes(b, &copy) };
    } else {
        // SAFETY: as checked, bytes do not point into the buffer.
        unsafe { append_bytes(b, bytes) };
    }
    Some(())
}

/// Appends the NUL-terminated string `str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_zappend(buf: *mut ne_buffer, str: *const c_char) {
    ffi::guard((), || {
        // SAFETY: buf is NULL or the caller's buffer; str NULL or a C string.
        unsafe {
            let b = appendable(buf)?;
            let len = ffi::cstr_arg(str)?.len();
            append_raw(b, str, len)
        }
    })
}

/// Appends `len` bytes of `data` (copied as they are, NUL bytes included),
/// then a NUL terminator.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_append(buf: *mut ne_buffer, data: *const c_char, len: usize) {
    ffi::guard((), || {
        // SAFETY: buf is NULL or the caller's buffer; data valid for len bytes.
        unsafe { append_raw(appendable(buf)?, data, len) }
    })
}

/// Appends `len` bytes of `data` with every byte that is not printable ASCII
/// (NUL, controls, DEL, bytes above 0x7f) escaped as `\xHH`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_qappend(buf: *mut ne_buffer, data: *const c_uchar, len: usize) {
    ffi::guard((), || {
        // SAFETY: buf is NULL or the caller's buffer; data valid for len bytes.
        unsafe {
            let b = appendable(buf)?;
            let escaped = quote::escape(ffi::bytes_arg(data, len)?);
            append_bytes(b, &escaped);
        }
        Some(())
    })
}

/// Empties the buffer, zeroing its allocated bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_clear(buf: *mut ne_buffer) {
    ffi::guard((), || {
        // SAFETY: buf is NULL or the caller's buffer.
        let b = unsafe { buf.as_mut() }.filter(|b| !b.data.is_null())?;
        // SAFETY: `length` bytes are allocated at data.
        unsafe { std::ptr::write_bytes(b.data, 0, b.length) };
        b.used = 1;
        Some(())
    })
}

/// Grows the buffer's allocation to at least `size` bytes (in steps of 512).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_grow(buf: *mut ne_buffer, size: usize) {
    ffi::guard((), || {
        // SAFETY: buf is NULL or the caller's buffer.
        unsafe { grow(buf.as_mut()?, size) };
        Some(())
    })
}

/// Recomputes `used` after `data` was changed in place.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_altered(buf: *mut ne_buffer) {
    ffi::guard((), || {
        // SAFETY: buf is NULL or the caller's buffer.
        let b = unsafe { buf.as_mut() }.filter(|b| !b.data.is_null())?;
        // Look for the terminator only within the allocation.
        // SAFETY: `length` bytes are allocated at data.
        let len = unsafe { libc::strnlen(b.data, b.length) };
        if len < b.length {
            b.used = len + 1;
        }
        Some(())
    })
}

/// Frees the buffer object and returns its string, which the caller frees
/// with `ne_free`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_finish(buf: *mut ne_buffer) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: buf is NULL or a buffer from ne_buffer_create.
        let data = unsafe { buf.as_ref() }?.data;
        // SAFETY: as above; the buffer object came from malloc.
        unsafe { alloc::free(buf) };
        Some(data)
    })
}

/// Frees the buffer and its string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_buffer_destroy(buf: *mut ne_buffer) {
    ffi::guard((), || {
        // SAFETY: buf is NULL or a buffer from ne_buffer_create.
        let data = unsafe { buf.as_ref() }?.data;
        // SAFETY: as above; both blocks came from malloc.
        unsafe {
            alloc::free(data);
            alloc::free(buf);
        }
        Some(())
    })
}

/// Writes the system's message for the error number `errnum` into `buffer`
/// of `buflen` bytes, truncated and NUL-terminated; returns `buffer`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strerror(
    errnum: c_int,
    buffer: *mut c_char,
    buflen: usize,
) -> *mut c_char {
    ffi::guard(buffer, || {
        if buffer.is_null() || buflen == 0 {
            return None;
        }
        // SAFETY: buffer is writable for buflen bytes; the XSI strerror_r
        // truncates and NUL-terminates within them.
        let known = unsafe { libc::strerror_r(errnum, buffer, buflen) } != libc::EINVAL;
        if known {
            // neon copies known messages with strncpy, which zero-fills the
            // rest of the buffer; unknown numbers are formatted in place.
            // SAFETY: as above, the terminator lies within buflen bytes.
            unsafe {
                let len = libc::strnlen(buffer, buflen);
                std::ptr::write_bytes(buffer.add(len), 0, buflen - len);
            }
        }
        Some(buffer)
    })
}

/// A string argument compared as the empty string when NULL.
unsafe fn cmp_arg<'a>(s: *const c_char, max: usize) -> &'a [u8] {
    if s.is_null() {
        return &[];
    }
    // SAFETY: s is a string of at least max bytes or NUL-terminated sooner;
    // strnlen reads no further.
    unsafe { std::slice::from_raw_parts(s.cast::<u8>(), libc::strnlen(s, max)) }
}

/// Compares `s1` and `s2` ignoring ASCII case, as `strcasecmp` does in the
/// POSIX locale whatever the process locale. A NULL string compares as "".
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strcasecmp(s1: *const c_char, s2: *const c_char) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s1 and s2 are NULL or C strings.
        Some(unsafe { case::casecmp(cmp_arg(s1, usize::MAX), cmp_arg(s2, usize::MAX)) })
    })
}

/// Like `ne_strcasecmp`, over at most the first `n` characters.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strncasecmp(s1: *const c_char, s2: *const c_char, n: usize) -> c_int {
    ffi::guard(0, || {
        // SAFETY: s1 and s2 are NULL, C strings, or hold at least n bytes.
        Some(unsafe { case::ncasecmp(cmp_arg(s1, n), cmp_arg(s2, n), n) })
    })
}

/// The 256-entry table behind `ne_tolower`: each byte's lower-case form in
/// the POSIX locale.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_tolower_array() -> *const c_uchar {
    ffi::guard(case::TOLOWER.as_ptr(), || Some(case::TOLOWER.as_ptr()))
}

/// Returns a malloc'd copy of `len` bytes of `data` with every byte that is
/// not printable ASCII (NUL included) escaped as `\xHH`; NULL if `data` is
/// NULL and `len` is not 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strnqdup(data: *const c_uchar, len: usize) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: data is valid for len bytes.
        let data = unsafe { ffi::bytes_arg(data, len) }?;
        Some(ffi::malloc_str(&quote::escape(data)))
    })
}

/// Encodes `value` as an RFC 5987 extended parameter value,
/// `charset'lang'percent-encoded`, `charset` being "UTF-8" or "ISO-8859-1" and
/// `lang` possibly NULL. Returns a malloc'd string, or NULL if `value` can be
/// used as a regular parameter (or `charset` or `value` is NULL).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strparam(
    charset: *const c_char,
    lang: *const c_char,
    value: *const c_uchar,
) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: each argument is NULL or a C string.
        let (charset, lang, value) = unsafe {
            (
                ffi::cstr_arg(charset)?,
                ffi::cstr_arg(lang),
                ffi::cstr_arg(value.cast())?,
            )
        };
        let encoded = param::ext_value(charset, lang, value);
        Some(alloc::malloc_opt_str(encoded.as_deref()))
    })
}

/// Starts the hash behind `ne_strhash`/`ne_vstrhash` for the algorithm and
/// format in `flags`; NULL for an unsupported algorithm.
///
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn neonrs__hash_new(flags: c_uint) -> *mut c_void {
    ffi::guard(null_mut(), || {
        hash::StrHash::new(flags).map(ffi::into_handle::<_, c_void>)
    })
}

/// Feeds `len` bytes of `data` to a hash from `neonrs__hash_new`.
///
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn neonrs__hash_update(state: *mut c_void, data: *const c_char, len: usize) {
    ffi::guard((), || {
        // SAFETY: state is NULL or a live handle from neonrs__hash_new; data
        // is valid for len bytes.
        let (h, data) = unsafe {
            (
                state.cast::<hash::StrHash>().as_mut()?,
                ffi::bytes_arg(data, len)?,
            )
        };
        h.update(data);
        Some(())
    })
}

/// Consumes a hash from `neonrs__hash_new`; returns its digest as a malloc'd
/// hex string.
///
/// cbindgen:ignore
#[unsafe(no_mangle)]
pub unsafe extern "C" fn neonrs__hash_finish(state: *mut c_void) -> *mut c_char {
    ffi::guard(null_mut(), || {
        // SAFETY: state is NULL or a live handle from neonrs__hash_new.
        let h = unsafe { ffi::from_handle::<hash::StrHash, _>(state) }?;
        Some(ffi::malloc_str(&h.finish()))
    })
}

// ---- neon 0.35 and 0.37 additions -------------------------------------------

/// Parses a hexadecimal number at the start of `str`: no "0x" prefix, sign
/// or leading blanks allowed. `*endptr` (if not NULL) is set to the first
/// character not parsed. If `str` does not start with an ASCII letter or
/// digit, or starts "0x", returns ULONG_MAX with errno EINVAL; on overflow
/// ULONG_MAX with errno ERANGE; otherwise errno is 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strhextoul(str: *const c_char, endptr: *mut *const c_char) -> c_ulong {
    ffi::guard(c_ulong::MAX, || {
        // SAFETY: str is NULL or a C string.
        let Some(s) = (unsafe { ffi::cstr_arg(str) }) else {
            ffi::sys::set_errno(libc::EINVAL);
            // SAFETY: endptr is NULL or writable.
            if let Some(e) = unsafe { endptr.as_mut() } {
                *e = str;
            }
            return Some(c_ulong::MAX);
        };
        let r = hex::parse_ulong(s);
        // SAFETY: endptr is NULL or writable; r.end is within the string.
        if let Some(e) = unsafe { endptr.as_mut() } {
            *e = unsafe { str.add(r.end) };
        }
        ffi::sys::set_errno(r.errno);
        Some(r.value as c_ulong)
    })
}

/// Lower-cases the ASCII letters of `str` in place; returns `str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strlower(str: *mut c_char) -> *mut c_char {
    // SAFETY: str is NULL or a modifiable C string.
    ffi::guard(str, || unsafe { in_place(str, case::lower_in_place) })
}

/// Upper-cases the ASCII letters of `str` in place; returns `str`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_strupper(str: *mut c_char) -> *mut c_char {
    // SAFETY: str is NULL or a modifiable C string.
    ffi::guard(str, || unsafe { in_place(str, case::upper_in_place) })
}

/// Runs `f` on the bytes of the modifiable C string `str`.
///
/// # Safety
/// `str` must be NULL or a modifiable NUL-terminated string.
unsafe fn in_place(str: *mut c_char, f: fn(&mut [u8])) -> Option<*mut c_char> {
    // SAFETY: forwarded contract.
    let len = unsafe { ffi::cstr_arg(str) }?.len();
    // SAFETY: the string's `len` bytes are writable and not otherwise borrowed.
    f(unsafe { std::slice::from_raw_parts_mut(str.cast::<u8>(), len) });
    Some(str)
}

/// Fills `nonce` with `len` random bytes from a cryptographic generator.
/// `flags` must be 0. Returns 0, or EAGAIN if no random data is available
/// (EINVAL for a NULL `nonce` with a non-zero `len`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_mknonce(nonce: *mut c_uchar, len: usize, flags: c_uint) -> c_int {
    let _ = flags;
    ffi::guard(libc::EINVAL, || {
        let buf: &mut [u8] = if len == 0 {
            &mut []
        } else if nonce.is_null() {
            return None;
        } else {
            // SAFETY: nonce is writable for len bytes.
            unsafe { std::slice::from_raw_parts_mut(nonce, len) }
        };
        Some(if crate::tls::provider::random_bytes(buf) {
            0
        } else {
            libc::EAGAIN
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr::null;

    unsafe fn text<'a>(p: *const c_char) -> &'a [u8] {
        unsafe { CStr::from_ptr(p) }.to_bytes()
    }

    unsafe fn take(p: *mut c_char) -> Vec<u8> {
        let v = unsafe { text(p) }.to_vec();
        unsafe { alloc::free(p) };
        v
    }

    #[test]
    fn hash_constants_match_the_core() {
        assert_eq!(NE_HASH_MD5, hash::MD5);
        assert_eq!(NE_HASH_SHA256, hash::SHA256);
        assert_eq!(NE_HASH_SHA512, hash::SHA512);
        assert_eq!(NE_HASH_SHA512_256, hash::SHA512_256);
        assert_eq!(NE_HASH_COLON, hash::COLON);
        assert_eq!(NE_HASH_SPACE, hash::SPACE);
    }

    #[test]
    fn null_arguments_are_harmless() {
        unsafe {
            let mut cursor: *mut c_char = null_mut();
            assert!(ne_token(null_mut(), b',' as c_char).is_null());
            assert!(ne_token(&mut cursor, b',' as c_char).is_null());
            assert!(ne_qtoken(&mut cursor, b',' as c_char, c"\"".as_ptr()).is_null());
            let mut s = *b"a,b\0";
            let mut cursor = s.as_mut_ptr().cast::<c_char>();
            assert!(ne_qtoken(&mut cursor, b',' as c_char, null()).is_null());
            assert_eq!(cursor, s.as_mut_ptr().cast());
            assert!(ne_shave(null_mut(), c" ".as_ptr()).is_null());
            assert_eq!(ne_shave(cursor, null()), cursor);
            assert!(ne_strclean(null_mut()).is_null());
            assert!(ne_base64(null(), 3).is_null());
            let mut out: *mut c_uchar = null_mut();
            assert_eq!(ne_unbase64(null(), &mut out), 0);
            assert_eq!(ne_unbase64(c"YWJj".as_ptr(), null_mut()), 0);
            assert!(ne_strnqdup(null(), 1).is_null());
            assert!(ne_strparam(null(), null(), c"a b".as_ptr().cast()).is_null());
            assert!(ne_strparam(c"UTF-8".as_ptr(), null(), null()).is_null());
            assert!(ne_strerror(1, null_mut(), 10).is_null());
            assert_eq!(ne_strcasecmp(null(), null()), 0);
            assert_eq!(ne_strcasecmp(null(), c"".as_ptr()), 0);
            assert_eq!(ne_strcasecmp(c"a".as_ptr(), null()), i32::from(b'a'));
            assert_eq!(ne_strncasecmp(null(), c"B".as_ptr(), 1), -i32::from(b'b'));
            ne_buffer_zappend(null_mut(), c"x".as_ptr());
            ne_buffer_append(null_mut(), c"x".as_ptr(), 1);
            ne_buffer_qappend(null_mut(), c"x".as_ptr().cast(), 1);
            ne_buffer_clear(null_mut());
            ne_buffer_grow(null_mut(), 10);
            ne_buffer_altered(null_mut());
            ne_buffer_destroy(null_mut());
            assert!(ne_buffer_finish(null_mut()).is_null());
            assert!(neonrs__hash_finish(null_mut()).is_null());
            neonrs__hash_update(null_mut(), c"x".as_ptr(), 1);
        }
    }

    #[test]
    fn strerror_with_empty_buffer_writes_nothing() {
        let mut buf = [b'X' as c_char; 4];
        unsafe {
            assert_eq!(
                ne_strerror(libc::ENOENT, buf.as_mut_ptr(), 0),
                buf.as_mut_ptr()
            );
        }
        assert_eq!(buf, [b'X' as c_char; 4]);
    }

    #[test]
    fn broken_buffers_are_left_alone() {
        let mut b = ne_buffer {
            data: null_mut(),
            used: 1,
            length: 16,
        };
        unsafe {
            ne_buffer_zappend(&mut b, c"abc".as_ptr());
            ne_buffer_clear(&mut b);
            ne_buffer_altered(&mut b);
        }
        assert!(b.data.is_null());
        let mut storage = *b"abc\0";
        let mut b = ne_buffer {
            data: storage.as_mut_ptr().cast(),
            used: 0,
            length: 4,
        };
        unsafe { ne_buffer_zappend(&mut b, c"x".as_ptr()) };
        assert_eq!((b.used, &storage), (0, b"abc\0"));
        // No terminator within `length`: `used` is kept.
        let mut storage = *b"abcd";
        let mut b = ne_buffer {
            data: storage.as_mut_ptr().cast(),
            used: 2,
            length: 4,
        };
        unsafe { ne_buffer_altered(&mut b) };
        assert_eq!(b.used, 2);
    }

    #[test]
    fn appending_the_buffer_to_itself() {
        unsafe {
            let b = ne_buffer_ncreate(4);
            ne_buffer_zappend(b, c"abc".as_ptr());
            // Growing moves the data the source points into.
            ne_buffer_append(b, (*b).data, 3);
            ne_buffer_zappend(b, (*b).data);
            assert_eq!(text((*b).data), b"abcabcabcabc");
            assert_eq!(((*b).used, (*b).length), (13, 512));
            assert_eq!(take(ne_buffer_finish(b)), b"abcabcabcabc");
        }
    }

    #[test]
    fn buffer_growth_and_lengths() {
        unsafe {
            let b = ne_buffer_create();
            assert_eq!(((*b).used, (*b).length), (1, 512));
            let chunk = [b'x'; 511];
            ne_buffer_append(b, chunk.as_ptr().cast(), chunk.len());
            assert_eq!(((*b).used, (*b).length), (512, 512));
            ne_buffer_append(b, c"y".as_ptr(), 1);
            assert_eq!(((*b).used, (*b).length), (513, 1024));
            ne_buffer_qappend(b, b"\x01".as_ptr(), 1);
            assert_eq!(&text((*b).data)[511..], b"y\\x01");
            ne_buffer_clear(b);
            assert_eq!(((*b).used, (*b).length, *(*b).data), (1, 1024, 0));
            ne_buffer_destroy(b);
            let b = ne_buffer_ncreate(0);
            assert_eq!(((*b).used, (*b).length), (1, 0));
            ne_buffer_altered(b);
            assert_eq!((*b).used, 1);
            ne_buffer_zappend(b, c"z".as_ptr());
            assert_eq!(((*b).used, (*b).length), (2, 512));
            ne_buffer_destroy(b);
        }
    }

    #[test]
    fn hash_entry_points() {
        unsafe {
            assert!(neonrs__hash_new(0).is_null());
            assert!(neonrs__hash_new(5 | NE_HASH_COLON).is_null());
            let h = neonrs__hash_new(NE_HASH_MD5 | NE_HASH_SPACE);
            neonrs__hash_update(h, c"a".as_ptr(), 1);
            neonrs__hash_update(h, null(), 0);
            neonrs__hash_update(h, c"bcd".as_ptr(), 2);
            assert_eq!(
                take(neonrs__hash_finish(h)),
                b"90 01 50 98 3c d2 4f b0 d6 96 3f 7d 28 e1 7f 72"
            );
        }
    }

    #[test]
    fn additions_with_null_arguments() {
        unsafe {
            let mut end = c"x".as_ptr();
            assert_eq!(ne_strhextoul(null(), &mut end), c_ulong::MAX);
            assert!(end.is_null());
            assert_eq!(*libc::__errno_location(), libc::EINVAL);
            assert!(ne_strlower(null_mut()).is_null());
            assert!(ne_strupper(null_mut()).is_null());
            assert_eq!(ne_mknonce(null_mut(), 0, 0), 0);
            assert_eq!(ne_mknonce(null_mut(), 4, 0), libc::EINVAL);
        }
    }

    #[test]
    fn unbase64_error_kinds() {
        unsafe {
            let sentinel = 8usize as *mut c_uchar;
            let mut out = sentinel;
            assert_eq!(ne_unbase64(c"abc".as_ptr(), &mut out), 0);
            assert_eq!(out, sentinel);
            assert_eq!(ne_unbase64(c"ab!=".as_ptr(), &mut out), 0);
            assert!(out.is_null());
            assert_eq!(ne_unbase64(c"YWI=".as_ptr(), &mut out), 2);
            assert_eq!(std::slice::from_raw_parts(out, 2), b"ab");
            alloc::free(out);
        }
    }
}
