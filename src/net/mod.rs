//! Sockets and addresses with neon's semantics, in safe Rust (OS calls go
//! through std, socket2 and the safe wrappers in `ffi::sys`).

pub mod addr;
pub mod error;
pub mod socket;
pub mod socks;

pub use addr::{AddrList, InetAddr};
pub use error::SockError;
pub use socket::Socket;
pub use socks::SocksVersion;
