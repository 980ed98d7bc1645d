//! libcrypto's PEM framing and BIO output for the objects libssl
//! serialises itself: OpenSSL's `PEM_read_bio_SSL_SESSION` and friends are
//! `PEM_ASN1_read_bio` & co. given libssl's d2i/i2d functions, and
//! `SSL_SESSION_print` writes text (and a hex dump) to a BIO.

use std::ffi::{CStr, c_char, c_int, c_long, c_void};

use openssl_sys as ffi;

/// `d2i_of_void` and `i2d_of_void`.
pub type D2i = unsafe extern "C" fn(*mut *mut c_void, *mut *const u8, c_long) -> *mut c_void;
pub type I2d = unsafe extern "C" fn(*const c_void, *mut *mut u8) -> c_int;

unsafe extern "C" {
    fn PEM_ASN1_read_bio(
        d2i: D2i,
        name: *const c_char,
        bp: *mut ffi::BIO,
        x: *mut *mut c_void,
        cb: ffi::pem_password_cb,
        u: *mut c_void,
    ) -> *mut c_void;
    fn PEM_ASN1_write_bio(
        i2d: I2d,
        name: *const c_char,
        bp: *mut ffi::BIO,
        x: *const c_void,
        enc: *const ffi::EVP_CIPHER,
        kstr: *const u8,
        klen: c_int,
        cb: ffi::pem_password_cb,
        u: *mut c_void,
    ) -> c_int;
    fn PEM_ASN1_read(
        d2i: D2i,
        name: *const c_char,
        fp: *mut libc::FILE,
        x: *mut *mut c_void,
        cb: ffi::pem_password_cb,
        u: *mut c_void,
    ) -> *mut c_void;
    fn PEM_ASN1_write(
        i2d: I2d,
        name: *const c_char,
        fp: *mut libc::FILE,
        x: *const c_void,
        enc: *const ffi::EVP_CIPHER,
        kstr: *const u8,
        klen: c_int,
        cb: ffi::pem_password_cb,
        u: *mut c_void,
    ) -> c_int;
    fn BIO_dump_indent(bp: *mut ffi::BIO, s: *const c_char, len: c_int, indent: c_int) -> c_int;
    fn BIO_free(bp: *mut ffi::BIO) -> c_int;
}

/// `PEM_ASN1_read_bio` (the password callback is passed on, as OpenSSL's
/// macro-made functions pass it).
///
/// # Safety
/// `bp` must be NULL or a live BIO; `x` NULL or a pointer to an object
/// `d2i` takes (or NULL); `cb`/`u` the caller's.
pub unsafe fn read_bio(
    d2i: D2i,
    name: &CStr,
    bp: *mut c_void,
    x: *mut *mut c_void,
    cb: ffi::pem_password_cb,
    u: *mut c_void,
) -> *mut c_void {
    // SAFETY: per the contract above.
    unsafe { PEM_ASN1_read_bio(d2i, name.as_ptr(), bp.cast(), x, cb, u) }
}

/// `PEM_ASN1_write_bio`, unencrypted.
///
/// # Safety
/// `bp` must be NULL or a live BIO, `x` an object `i2d` takes.
pub unsafe fn write_bio(i2d: I2d, name: &CStr, bp: *mut c_void, x: *const c_void) -> c_int {
    // SAFETY: per the contract above; no encryption arguments.
    unsafe {
        PEM_ASN1_write_bio(
            i2d,
            name.as_ptr(),
            bp.cast(),
            x,
            std::ptr::null(),
            std::ptr::null(),
            0,
            None,
            std::ptr::null_mut(),
        )
    }
}

/// `PEM_ASN1_read` on a stdio stream.
///
/// # Safety
/// As for [`read_bio`], with `fp` a live `FILE *`.
pub unsafe fn read_fp(
    d2i: D2i,
    name: &CStr,
    fp: *mut c_void,
    x: *mut *mut c_void,
    cb: ffi::pem_password_cb,
    u: *mut c_void,
) -> *mut c_void {
    // SAFETY: per the contract above.
    unsafe { PEM_ASN1_read(d2i, name.as_ptr(), fp.cast(), x, cb, u) }
}

/// `PEM_ASN1_write` on a stdio stream, unencrypted.
///
/// # Safety
/// As for [`write_bio`], with `fp` a live `FILE *`.
pub unsafe fn write_fp(i2d: I2d, name: &CStr, fp: *mut c_void, x: *const c_void) -> c_int {
    // SAFETY: per the contract above.
    unsafe {
        PEM_ASN1_write(
            i2d,
            name.as_ptr(),
            fp.cast(),
            x,
            std::ptr::null(),
            std::ptr::null(),
            0,
            None,
            std::ptr::null_mut(),
        )
    }
}

/// A BIO to write text to.
pub struct Out(*mut ffi::BIO);

impl Out {
    /// The caller's BIO (borrowed); `None` for NULL.
    ///
    /// # Safety
    /// `bp` must be NULL or a live BIO for as long as the result is used.
    pub unsafe fn borrowed(bp: *mut c_void) -> Option<Out> {
        (!bp.is_null()).then_some(Out(bp.cast()))
    }

    /// Bytes as they are; false if the BIO took fewer.
    pub fn put(&self, s: &[u8]) -> bool {
        let Ok(len) = c_int::try_from(s.len()) else {
            return false;
        };
        // SAFETY: a live BIO and a buffer of len bytes.
        s.is_empty() || unsafe { ffi::BIO_write(self.0, s.as_ptr().cast(), len) } == len
    }

    /// libcrypto's hex dump (`BIO_dump_indent`).
    pub fn dump(&self, bytes: &[u8], indent: c_int) -> bool {
        let Ok(len) = c_int::try_from(bytes.len()) else {
            return false;
        };
        // SAFETY: a live BIO and a buffer of len bytes.
        unsafe { BIO_dump_indent(self.0, bytes.as_ptr().cast(), len, indent) > 0 }
    }
}

/// Runs `f` with a BIO on a stdio stream (not closed afterwards); `None`
/// if none could be made.
///
/// # Safety
/// `fp` must be a live `FILE *`.
pub unsafe fn with_fp<T>(fp: *mut c_void, f: impl FnOnce(&Out) -> T) -> Option<T> {
    if fp.is_null() {
        return None;
    }
    // SAFETY: a live FILE *, not closed by the BIO (BIO_NOCLOSE = 0).
    let bio = unsafe { ffi::BIO_new_fp(fp.cast(), 0) };
    if bio.is_null() {
        return None;
    }
    let out = Out(bio);
    let r = f(&out);
    // SAFETY: the BIO made above.
    unsafe { BIO_free(bio) };
    Some(r)
}

/// libcrypto's text of an `X509_V_*` result.
pub fn verify_error_string(n: i64) -> String {
    // SAFETY: returns a static string (or a thread-local buffer for
    // unknown codes, copied at once).
    let p = unsafe { ffi::X509_verify_cert_error_string(n as c_long) };
    if p.is_null() {
        return String::new();
    }
    // SAFETY: a NUL-terminated string.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// Copies `bytes` into memory from `OPENSSL_malloc`, which the caller
/// frees with `OPENSSL_free` (i2d functions allocate so).
pub fn openssl_alloc(bytes: &[u8]) -> *mut u8 {
    // SAFETY: a plain allocation of at least one byte.
    let p = unsafe { ffi::CRYPTO_malloc(bytes.len().max(1), c"ssl/ssl_asn1.c".as_ptr(), 0) };
    if !p.is_null() {
        // SAFETY: p has room for bytes.len() bytes.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p.cast(), bytes.len()) };
    }
    p.cast()
}

/// Pushes an error of library `lib` (`ERR_LIB_*`) onto the thread's
/// queue, raised in OpenSSL's `file`/`func`.
pub fn raise(lib: c_int, reason: c_int, file: &'static CStr, func: &'static CStr) {
    // SAFETY: ERR_new starts a record that the two calls complete; the
    // strings are static C strings.
    unsafe {
        ffi::ERR_new();
        ffi::ERR_set_debug(file.as_ptr(), 0, func.as_ptr());
        ffi::ERR_set_error(lib, reason, std::ptr::null());
    }
}

unsafe extern "C" {
    fn PEM_read_bio_Parameters(bp: *mut ffi::BIO, x: *mut *mut ffi::EVP_PKEY)
    -> *mut ffi::EVP_PKEY;
    fn BIO_new_file(name: *const c_char, mode: *const c_char) -> *mut ffi::BIO;
    fn ERR_clear_last_mark() -> c_int;
}

/// `EVP_PKEY_DH` and `EVP_PKEY_DHX`.
const EVP_PKEY_DH: c_int = 28;
const EVP_PKEY_DHX: c_int = 920;

/// The first finite-field DH parameters of a PEM file ("DH PARAMETERS" or
/// "X9.42 DH PARAMETERS"), as a key the caller owns; NULL if there are
/// none (the errors of reading other blocks are dropped when found).
pub fn read_dh_params(path: &CStr) -> *mut ffi::EVP_PKEY {
    // SAFETY: a path and a mode string.
    let bio = unsafe { BIO_new_file(path.as_ptr(), c"r".as_ptr()) };
    if bio.is_null() {
        return std::ptr::null_mut();
    }
    // SAFETY: no arguments.
    unsafe { super::sys::ERR_set_mark() };
    let mut found = std::ptr::null_mut();
    for _ in 0..64 {
        // SAFETY: a live BIO; the key read is ours.
        let k = unsafe { PEM_read_bio_Parameters(bio, std::ptr::null_mut()) };
        if k.is_null() {
            break;
        }
        // SAFETY: a live key.
        let id = unsafe { super::sys::EVP_PKEY_get_base_id(k) };
        if id == EVP_PKEY_DH || id == EVP_PKEY_DHX {
            found = k;
            break;
        }
        // SAFETY: ours, not kept.
        unsafe { ffi::EVP_PKEY_free(k) };
    }
    // SAFETY: no arguments: the errors go when found, else stay.
    unsafe {
        if found.is_null() {
            ERR_clear_last_mark();
        } else {
            super::sys::ERR_pop_to_mark();
        }
    }
    // SAFETY: the BIO made above.
    unsafe { BIO_free(bio) };
    found
}
