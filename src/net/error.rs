//! Socket error classes (neon's NE_SOCK_* codes) and their messages.

use std::io;

/// Why a socket operation failed. The message is kept on the socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SockError {
    /// Any other failure (NE_SOCK_ERROR, -1).
    Error,
    /// The read or connect timed out (NE_SOCK_TIMEOUT, -2).
    Timeout,
    /// The peer closed the connection (NE_SOCK_CLOSED, -3).
    Closed,
    /// The connection was reset (NE_SOCK_RESET, -4).
    Reset,
    /// A secure connection was truncated (NE_SOCK_TRUNC, -5).
    Trunc,
    /// The operation should be retried (NE_SOCK_RETRY, -6).
    Retry,
}

impl SockError {
    /// neon's numeric code.
    pub fn code(self) -> i32 {
        match self {
            SockError::Error => -1,
            SockError::Timeout => -2,
            SockError::Closed => -3,
            SockError::Reset => -4,
            SockError::Trunc => -5,
            SockError::Retry => -6,
        }
    }

    /// Classifies a failed read (neon's NE_ISRESET; timeouts from SO_RCVTIMEO).
    pub fn from_read(e: &io::Error) -> SockError {
        match e.raw_os_error() {
            Some(libc::ECONNRESET | libc::ECONNABORTED | libc::ENOTCONN) => SockError::Reset,
            Some(libc::EAGAIN) => SockError::Timeout,
            _ => SockError::Error,
        }
    }

    /// Classifies a failed write (neon's MAP_ERR: EPIPE means closed;
    /// EAGAIN is the expiry of a send timeout, SO_SNDTIMEO).
    pub fn from_write(e: &io::Error) -> SockError {
        match e.raw_os_error() {
            Some(libc::EPIPE) => SockError::Closed,
            Some(libc::EAGAIN) => SockError::Timeout,
            Some(libc::ECONNRESET | libc::ECONNABORTED | libc::ENOTCONN) => SockError::Reset,
            _ => SockError::Error,
        }
    }
}

/// The C library's text for an I/O error (neon reports `strerror(errno)`).
pub fn message(e: &io::Error) -> Vec<u8> {
    match e.raw_os_error() {
        Some(n) => crate::ffi::sys::strerror(n),
        None => e.to_string().into_bytes(),
    }
}

/// A failed operation: its class and the message the socket should carry
/// (empty: keep the previous one, as neon does on timeouts).
pub type Failure = (SockError, Vec<u8>);

/// A failed read as neon reports it.
pub fn read_failure(e: &io::Error) -> Failure {
    let kind = SockError::from_read(e);
    let msg = if kind == SockError::Timeout {
        Vec::new()
    } else {
        message(e)
    };
    (kind, msg)
}

/// A failed write as neon reports it.
pub fn write_failure(e: &io::Error) -> Failure {
    match SockError::from_write(e) {
        SockError::Timeout => (SockError::Timeout, b"Connection timed out".to_vec()),
        kind => (kind, message(e)),
    }
}
