//! `BIO`: libcrypto's I/O objects, which programs give libssl to carry its
//! records (`SSL_set_bio`) or get from it (`SSL_get_rbio`). [`Bio`] owns
//! one reference; its operations are libcrypto's, with the retry flags the
//! BIO's method leaves.

use std::ffi::{c_int, c_long, c_void};
use std::ptr::NonNull;

use openssl_sys as ffi;

use super::sys;

pub use openssl_sys::BIO;

pub const BIO_NOCLOSE: c_long = 0;
pub const BIO_TYPE_DESCRIPTOR: c_int = 0x0100;
pub const BIO_TYPE_SOCKET: c_int = 5 | 0x0400 | BIO_TYPE_DESCRIPTOR;
pub const BIO_FLAGS_READ: c_int = 0x01;
pub const BIO_FLAGS_WRITE: c_int = 0x02;
pub const BIO_FLAGS_IO_SPECIAL: c_int = 0x04;
pub const BIO_FLAGS_SHOULD_RETRY: c_int = 0x08;
pub const BIO_FLAGS_RWS: c_int = BIO_FLAGS_READ | BIO_FLAGS_WRITE | BIO_FLAGS_IO_SPECIAL;
pub const BIO_CTRL_EOF: c_int = 2;
pub const BIO_CTRL_FLUSH: c_int = 11;
pub const BIO_C_SET_FD: c_int = 104;
pub const BIO_C_GET_FD: c_int = 105;
pub const BIO_RR_CONNECT: c_int = 0x02;
pub const BIO_RR_ACCEPT: c_int = 0x03;

/// One reference to a BIO; dropping it is `BIO_free_all`, as libssl frees
/// the BIOs it owns (the chain below goes with the last reference).
pub struct Bio(NonNull<BIO>);

// SAFETY: libcrypto counts BIO references atomically; using one BIO from
// several threads at once is the program's responsibility, as with OpenSSL.
unsafe impl Send for Bio {}
// SAFETY: as above.
unsafe impl Sync for Bio {}

impl Bio {
    /// Takes over a reference the caller gives.
    ///
    /// # Safety
    /// `p` must be NULL or a live BIO whose reference is handed over.
    pub unsafe fn from_owned(p: *mut BIO) -> Option<Bio> {
        NonNull::new(p).map(Bio)
    }

    /// `BIO_new_socket(fd, BIO_NOCLOSE)`: what `SSL_set_fd` makes.
    pub fn new_socket(fd: c_int) -> Option<Bio> {
        // SAFETY: a new BIO or NULL comes back; the descriptor stays the
        // program's (BIO_NOCLOSE).
        NonNull::new(unsafe { ffi::BIO_new_socket(fd, BIO_NOCLOSE as c_int) }).map(Bio)
    }

    /// Another reference to the same BIO.
    pub fn another(&self) -> Option<Bio> {
        // SAFETY: the BIO is live; the new reference is the result's.
        (unsafe { sys::BIO_up_ref(self.as_ptr()) } == 1).then_some(Bio(self.0))
    }

    pub fn as_ptr(&self) -> *mut BIO {
        self.0.as_ptr()
    }

    /// `BIO_read` of at most `buf.len()` bytes (and of `INT_MAX`).
    pub fn read(&self, buf: &mut [u8]) -> c_int {
        let len = c_int::try_from(buf.len()).unwrap_or(c_int::MAX);
        // SAFETY: buf has room for len bytes.
        unsafe { ffi::BIO_read(self.as_ptr(), buf.as_mut_ptr().cast(), len) }
    }

    /// `BIO_write`.
    pub fn write(&self, buf: &[u8]) -> c_int {
        let len = c_int::try_from(buf.len()).unwrap_or(c_int::MAX);
        // SAFETY: buf holds len bytes.
        unsafe { ffi::BIO_write(self.as_ptr(), buf.as_ptr().cast(), len) }
    }

    /// `BIO_flush`.
    pub fn flush(&self) -> c_long {
        self.ctrl(BIO_CTRL_FLUSH, 0, std::ptr::null_mut())
    }

    /// `BIO_eof`.
    pub fn eof(&self) -> bool {
        self.ctrl(BIO_CTRL_EOF, 0, std::ptr::null_mut()) > 0
    }

    fn ctrl(&self, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long {
        // SAFETY: the BIO is live; the commands used here take no pointer
        // or one to a local.
        unsafe { ffi::BIO_ctrl(self.as_ptr(), cmd, larg, parg) }
    }

    /// The retry flags the last operation left (`BIO_FLAGS_*`).
    pub fn retry_flags(&self) -> c_int {
        // SAFETY: the BIO is live.
        unsafe { sys::BIO_test_flags(self.as_ptr(), BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY) }
    }

    /// `BIO_set_retry_read` (after `BIO_clear_retry_flags`).
    pub fn set_retry_read(&self) {
        // SAFETY: the BIO is live.
        unsafe {
            sys::BIO_clear_flags(self.as_ptr(), BIO_FLAGS_RWS | BIO_FLAGS_SHOULD_RETRY);
            sys::BIO_set_flags(self.as_ptr(), BIO_FLAGS_READ | BIO_FLAGS_SHOULD_RETRY);
        }
    }

    pub fn should_retry(&self) -> bool {
        self.retry_flags() & BIO_FLAGS_SHOULD_RETRY != 0
    }

    /// `BIO_get_retry_reason`.
    pub fn retry_reason(&self) -> c_int {
        // SAFETY: the BIO is live.
        unsafe { sys::BIO_get_retry_reason(self.as_ptr()) }
    }

    /// The descriptor of the first descriptor BIO in the chain, as
    /// `SSL_get_fd` finds it (`BIO_find_type(BIO_TYPE_DESCRIPTOR)`).
    pub fn descriptor(&self) -> Option<c_int> {
        // SAFETY: the BIO is live; the BIO found is in its chain.
        let found = unsafe { sys::BIO_find_type(self.as_ptr(), BIO_TYPE_DESCRIPTOR) };
        if found.is_null() {
            return None;
        }
        let mut fd: c_int = -1;
        // SAFETY: BIO_C_GET_FD writes an int through the pointer.
        unsafe { ffi::BIO_ctrl(found, BIO_C_GET_FD, 0, (&mut fd as *mut c_int).cast()) };
        Some(fd)
    }

    /// For a socket BIO of libcrypto's: its descriptor, while nothing
    /// else is attached to it (no callback, nothing pushed under it), so
    /// that reading and writing the descriptor directly is the same as
    /// going through the BIO.
    pub fn plain_socket(&self) -> Option<c_int> {
        let p = self.as_ptr();
        // SAFETY: getters of a live BIO.
        let attached = unsafe {
            !sys::BIO_next(p).is_null() || sys::BIO_get_callback_ex(p).is_some() || {
                #[allow(deprecated)]
                sys::BIO_get_callback(p).is_some()
            }
        };
        if attached {
            return None;
        }
        let mut fd: c_int = -1;
        // SAFETY: BIO_C_GET_FD writes an int through the pointer.
        let r = unsafe { ffi::BIO_ctrl(p, BIO_C_GET_FD, 0, (&mut fd as *mut c_int).cast()) };
        (r >= 0 && fd >= 0).then_some(fd)
    }
}

impl Drop for Bio {
    fn drop(&mut self) {
        // SAFETY: our reference, given up.
        unsafe { ffi::BIO_free_all(self.as_ptr()) }
    }
}

/// `BIO_up_ref`: a reference the caller then gives away.
///
/// # Safety
/// `b` must be a live BIO.
pub unsafe fn up_ref(b: *mut BIO) {
    // SAFETY: per the contract above.
    unsafe { sys::BIO_up_ref(b) };
}

/// `BIO_method_type`.
///
/// # Safety
/// `b` must be a live BIO.
pub unsafe fn method_type(b: *mut BIO) -> c_int {
    // SAFETY: per the contract above.
    unsafe { sys::BIO_method_type(b) }
}
