//! C face of a connection's transport: descriptors (`SSL_set_fd`,
//! `SSL_set_rfd`, `SSL_set_wfd`) and BIOs (`SSL_set_bio`, `SSL_set0_rbio`,
//! `SSL_set0_wbio`), with OpenSSL's ownership rules: the connection holds
//! one reference per direction and frees it (`BIO_free_all`) when the BIO
//! is replaced or the connection freed.
//!
//! A descriptor is used directly (system calls, no BIO): the socket BIO
//! OpenSSL would have made is made only when the program asks for it
//! (`SSL_get_rbio`/`SSL_get_wbio`), and the descriptor is still used
//! directly while nothing is attached to that BIO.

use std::any::Any;
use std::ffi::c_int;
use std::io::{self, ErrorKind};
use std::ptr::null_mut;
use std::sync::Arc;

use super::crypto::bio::{self, BIO_RR_ACCEPT, BIO_RR_CONNECT, Bio};
use super::handles::{self, BIO, SSL};
use crate::ffi;
use crate::ssl::conn::{ERROR_SYSCALL, ERROR_WANT_READ, ERROR_WANT_WRITE, SslConn};
use crate::ssl::transport::{Channel, Endpoint, NOT_EOF, Wire};

/// `SSL_ERROR_WANT_CONNECT` and `SSL_ERROR_WANT_ACCEPT`.
const ERROR_WANT_CONNECT: c_int = 7;
const ERROR_WANT_ACCEPT: c_int = 8;

/// One direction's BIO, as the connection's [`Channel`].
pub struct BioChannel {
    bio: Bio,
    /// A socket BIO made here for a descriptor: while nothing is attached
    /// to it, the descriptor is used directly.
    own_socket: bool,
}

impl BioChannel {
    fn endpoint(bio: Bio, own_socket: bool) -> Endpoint {
        Endpoint::Channel(Arc::new(BioChannel { bio, own_socket }))
    }

    pub fn bio(&self) -> &Bio {
        &self.bio
    }
}

impl Channel for BioChannel {
    /// OpenSSL's reading of a BIO: a retry is a retry; a BIO that says it
    /// is at its end (`BIO_eof`) has ended; anything else failed.
    fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.bio.read(buf);
        if n > 0 {
            return Ok(n as usize);
        }
        if self.bio.should_retry() {
            return Err(ErrorKind::WouldBlock.into());
        }
        if self.bio.eof() {
            return Ok(0);
        }
        Err(if n == 0 {
            NOT_EOF.into()
        } else {
            io::Error::last_os_error()
        })
    }

    fn write(&self, buf: &[u8]) -> io::Result<usize> {
        let n = self.bio.write(buf);
        if n > 0 {
            return Ok(n as usize);
        }
        if self.bio.should_retry() {
            return Err(ErrorKind::WouldBlock.into());
        }
        Err(io::Error::last_os_error())
    }

    fn set_retry_read(&self) {
        self.bio.set_retry_read();
    }

    fn flush(&self) -> io::Result<()> {
        if self.bio.flush() > 0 {
            return Ok(());
        }
        if self.bio.should_retry() {
            return Err(ErrorKind::WouldBlock.into());
        }
        Err(ErrorKind::Other.into())
    }

    fn fd(&self) -> Option<i32> {
        if self.own_socket {
            self.bio.plain_socket()
        } else {
            None
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The BIO of an endpoint, if it has one.
fn bio_of(e: &Endpoint) -> Option<&Bio> {
    Some(e.channel()?.as_any().downcast_ref::<BioChannel>()?.bio())
}

fn ptr_of(e: &Endpoint) -> *mut BIO {
    bio_of(e).map_or(null_mut(), |b| b.as_ptr().cast())
}

/// What `SSL_get_rbio`/`SSL_get_wbio` would return, without making a
/// socket BIO for a descriptor: a descriptor's (not made yet) is equal
/// only to one of the same descriptor.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Current {
    Bio(*mut BIO),
    Fd(i32),
}

impl Current {
    fn of(e: &Endpoint) -> Current {
        match e {
            Endpoint::Fd(fd) => Current::Fd(*fd),
            e => Current::Bio(ptr_of(e)),
        }
    }

    fn is(self, b: *mut BIO) -> bool {
        self == Current::Bio(b)
    }
}

/// A BIO the program hands over (NULL: none).
///
/// # Safety
/// `b` must be NULL or a live BIO whose reference is given.
unsafe fn endpoint_of(b: *mut BIO) -> Endpoint {
    // SAFETY: per the contract above.
    match unsafe { Bio::from_owned(b.cast()) } {
        Some(bio) => BioChannel::endpoint(bio, false),
        None => Endpoint::None,
    }
}

fn with<T>(s: *const SSL, fallback: T, f: impl FnOnce(&SslConn) -> T) -> T {
    // SAFETY: every SSL handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(unsafe { handles::ssl(s) }?)))
}

/// Which direction.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dir {
    Read,
    Write,
}

fn side(w: &mut Wire, dir: Dir) -> &mut Endpoint {
    match dir {
        Dir::Read => &mut w.read,
        Dir::Write => &mut w.write,
    }
}

/// The BIO of one direction, making the socket BIO of a descriptor on
/// first use (the other direction shares it if it has the same
/// descriptor, as with OpenSSL's `SSL_set_fd`).
fn get_bio(c: &SslConn, dir: Dir) -> *mut BIO {
    c.update_wire(|w| {
        if let Endpoint::Fd(fd) = *side(w, dir) {
            let Some(bio) = Bio::new_socket(fd) else {
                return null_mut();
            };
            let other = side(
                w,
                match dir {
                    Dir::Read => Dir::Write,
                    Dir::Write => Dir::Read,
                },
            );
            if matches!(other, Endpoint::Fd(f) if *f == fd) {
                if let Some(shared) = bio.another() {
                    *other = BioChannel::endpoint(shared, true);
                }
            }
            *side(w, dir) = BioChannel::endpoint(bio, true);
        }
        ptr_of(side(w, dir))
    })
}

/// Replaces one direction's endpoint; the old one is freed after the
/// lock is released (freeing a BIO may run the program's code).
fn replace(c: &SslConn, dir: Dir, new: Endpoint) {
    let old = c.update_wire(|w| std::mem::replace(side(w, dir), new));
    drop(old);
}

/// The descriptor of one direction: a descriptor's own, or that of the
/// first descriptor BIO in the chain; -1 if none.
fn get_fd(c: &SslConn, dir: Dir) -> c_int {
    let e = c.update_wire(|w| side(w, dir).clone());
    match &e {
        Endpoint::Fd(fd) => *fd,
        e => bio_of(e).and_then(Bio::descriptor).unwrap_or(-1),
    }
}

/// The read BIO (NULL if none); for a descriptor, the socket BIO
/// `SSL_set_fd` stands for, made now.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_rbio(s: *const SSL) -> *mut BIO {
    with(s, null_mut(), |c| get_bio(c, Dir::Read))
}

/// The write BIO (NULL if none); for a descriptor, its socket BIO.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_wbio(s: *const SSL) -> *mut BIO {
    with(s, null_mut(), |c| get_bio(c, Dir::Write))
}

/// Takes over the caller's reference to `rbio` (NULL: none) as the read
/// BIO, freeing the old one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set0_rbio(s: *mut SSL, rbio: *mut BIO) {
    with(s, (), |c| {
        // SAFETY: rbio is NULL or a live BIO whose reference C gives.
        replace(c, Dir::Read, unsafe { endpoint_of(rbio) })
    })
}

/// Takes over the caller's reference to `wbio` (NULL: none) as the write
/// BIO, freeing the old one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set0_wbio(s: *mut SSL, wbio: *mut BIO) {
    with(s, (), |c| {
        // SAFETY: wbio is NULL or a live BIO whose reference C gives.
        replace(c, Dir::Write, unsafe { endpoint_of(wbio) })
    })
}

/// OpenSSL's rules: nothing changes (and no reference is taken) if both
/// are the current ones; the same BIO for both takes two references for
/// the caller's one; only the write BIO changes if the read BIO is the
/// current one, only the read BIO (one reference) if the write BIO is the
/// current one and was not also the read BIO; otherwise both change.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn SSL_set_bio(s: *mut SSL, rbio: *mut BIO, wbio: *mut BIO) {
    with(s, (), |c| {
        let (r, w) = c.update_wire(|w| (Current::of(&w.read), Current::of(&w.write)));
        if r.is(rbio) && w.is(wbio) {
            return;
        }
        // SAFETY: rbio and wbio are NULL or live BIOs whose references C
        // gives (one for both when they are the same).
        unsafe {
            if !rbio.is_null() && rbio == wbio {
                bio::up_ref(rbio.cast());
            }
            if r.is(rbio) {
                replace(c, Dir::Write, endpoint_of(wbio));
                return;
            }
            if w.is(wbio) && r != w {
                replace(c, Dir::Read, endpoint_of(rbio));
                return;
            }
            replace(c, Dir::Read, endpoint_of(rbio));
            replace(c, Dir::Write, endpoint_of(wbio));
        }
    })
}

/// Sets the descriptor the connection reads and writes (the BIOs it had
/// are freed); 1, or 0 for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_fd(s: *mut SSL, fd: c_int) -> c_int {
    with(s, 0, |c| {
        let old = c.set_fd(fd);
        // OpenSSL's SSL_set_bio frees the read BIO first.
        let Wire { read, write } = old;
        drop(read);
        drop(write);
        1
    })
}

/// Sets one direction's descriptor: the other direction's socket BIO if
/// it has this descriptor (one BIO for both, as in OpenSSL), else the
/// descriptor alone; 1, or 0 for NULL.
fn set_dir_fd(s: *mut SSL, dir: Dir, fd: c_int) -> c_int {
    with(s, 0, |c| {
        let old = c.update_wire(|w| {
            let other = match dir {
                Dir::Read => &w.write,
                Dir::Write => &w.read,
            };
            let new = match other {
                Endpoint::Channel(ch) => ch
                    .as_any()
                    .downcast_ref::<BioChannel>()
                    .filter(|b| {
                        // SAFETY: a live BIO of the connection.
                        (unsafe { bio::method_type(b.bio.as_ptr()) }) == bio::BIO_TYPE_SOCKET
                            && b.bio.descriptor() == Some(fd)
                    })
                    .and_then(|b| Some(BioChannel::endpoint(b.bio.another()?, b.own_socket))),
                _ => None,
            };
            std::mem::replace(side(w, dir), new.unwrap_or(Endpoint::Fd(fd)))
        });
        drop(old);
        1
    })
}

/// Sets the descriptor the connection reads (see `set_dir_fd`).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_rfd(s: *mut SSL, fd: c_int) -> c_int {
    set_dir_fd(s, Dir::Read, fd)
}

/// Sets the descriptor the connection writes (see `set_dir_fd`).
#[unsafe(no_mangle)]
pub extern "C" fn SSL_set_wfd(s: *mut SSL, fd: c_int) -> c_int {
    set_dir_fd(s, Dir::Write, fd)
}

/// The descriptor the connection reads: its own, or that of the first
/// descriptor BIO of the read BIO's chain; -1 if none, and for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_fd(s: *const SSL) -> c_int {
    SSL_get_rfd(s)
}

/// As `SSL_get_fd`.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_rfd(s: *const SSL) -> c_int {
    with(s, -1, |c| get_fd(c, Dir::Read))
}

/// The descriptor the connection writes, found as `SSL_get_rfd` finds its
/// read descriptor.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_wfd(s: *const SSL) -> c_int {
    with(s, -1, |c| get_fd(c, Dir::Write))
}

/// `SSL_get_error`'s look at the BIO an operation waited for, as
/// OpenSSL's: a retry it flagged for the other direction, or a special
/// one (a connect or accept in progress). `want` is what the connection
/// waited for; descriptors need no look.
pub fn refine_want(c: &SslConn, want: c_int) -> c_int {
    let dir = match want {
        ERROR_WANT_READ => Dir::Read,
        ERROR_WANT_WRITE => Dir::Write,
        _ => return want,
    };
    let e = c.update_wire(|w| side(w, dir).clone());
    let Some(b) = bio_of(&e).filter(|_| e.fd().is_none()) else {
        return want;
    };
    let flags = b.retry_flags();
    let (first, second) = match dir {
        Dir::Read => (
            (bio::BIO_FLAGS_READ, ERROR_WANT_READ),
            (bio::BIO_FLAGS_WRITE, ERROR_WANT_WRITE),
        ),
        Dir::Write => (
            (bio::BIO_FLAGS_WRITE, ERROR_WANT_WRITE),
            (bio::BIO_FLAGS_READ, ERROR_WANT_READ),
        ),
    };
    if flags & first.0 != 0 {
        first.1
    } else if flags & second.0 != 0 {
        second.1
    } else if flags & bio::BIO_FLAGS_IO_SPECIAL != 0 {
        match b.retry_reason() {
            BIO_RR_CONNECT => ERROR_WANT_CONNECT,
            BIO_RR_ACCEPT => ERROR_WANT_ACCEPT,
            _ => ERROR_SYSCALL,
        }
    } else {
        // Nothing flagged (a BIO that cleared its flags since): OpenSSL
        // then finds no reason to wait.
        ERROR_SYSCALL
    }
}
