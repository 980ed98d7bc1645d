//! WebDAV locking (neon's `ne_locks.h`): lock records, a store of the
//! locks a session holds, the If headers requests submit from it, and the
//! LOCK, refresh, UNLOCK and lock-discovery methods.
//!
//! The store attaches to a session through hooks ([`register`]): a request
//! that changes resources names them with [`using_resource`] and
//! [`using_parent`] (the basic methods, PROPPATCH and ACL do), and the
//! locks covering them are sent in its If header.

mod attach;
mod body;
mod dispatch;
mod lock;
mod ops;
mod parse;
mod store;
mod values;

#[cfg(test)]
mod tests;

pub use attach::{HOOK_ID, if_header, register, using_parent, using_resource};
pub use body::lockinfo;
pub use lock::{
    DEPTH_INFINITE, DEPTH_ONE, DEPTH_ZERO, Granted, Lock, SCOPE_EXCLUSIVE, SCOPE_SHARED,
    TIMEOUT_INFINITE, TIMEOUT_INVALID, TYPE_WRITE,
};
pub use ops::{Found, discover, lock, refresh, unlock};
pub use store::{Held, Store, covers_parent, covers_resource};
pub use values::{parse_depth, parse_timeout, timeout_header};
