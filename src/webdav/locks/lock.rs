//! A lock as neon's `struct ne_lock` describes it, and the constants of its
//! fields.

use crate::uri::Uri;

/// Depth values (NE_DEPTH_*).
pub use crate::basic::{DEPTH_INFINITE, DEPTH_ONE, DEPTH_ZERO};

/// Scope values (enum ne_lock_scope).
pub const SCOPE_EXCLUSIVE: u32 = 0;
pub const SCOPE_SHARED: u32 = 1;
/// Type value (enum ne_lock_type): write is the only one.
pub const TYPE_WRITE: u32 = 0;

/// Timeout: no expiry (NE_TIMEOUT_INFINITE).
pub const TIMEOUT_INFINITE: i64 = -1;
/// Timeout: none given or not understood (NE_TIMEOUT_INVALID); a LOCK
/// with it lets the server choose.
pub const TIMEOUT_INVALID: i64 = -2;

/// One lock. Scope and type are kept as the raw values C may have stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lock {
    pub uri: Uri,
    /// NE_DEPTH_*.
    pub depth: i32,
    pub kind: u32,
    pub scope: u32,
    /// The lock token (without angle brackets).
    pub token: Option<Vec<u8>>,
    pub owner: Option<Vec<u8>>,
    /// Seconds, or TIMEOUT_*.
    pub timeout: i64,
}

impl Default for Lock {
    /// neon's ne_lock_create: depth 0, exclusive write, no timeout.
    fn default() -> Self {
        Lock {
            uri: Uri::default(),
            depth: DEPTH_ZERO,
            kind: TYPE_WRITE,
            scope: SCOPE_EXCLUSIVE,
            token: None,
            owner: None,
            timeout: TIMEOUT_INVALID,
        }
    }
}

/// What a LOCK response granted: the activelock whose token is the one
/// the Lock-Token header names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Granted {
    pub token: Vec<u8>,
    /// The activelock as parsed (depth -1 or timeout INVALID when absent).
    pub active: Lock,
}

impl Lock {
    /// Takes in what the server granted, as neon's ne_lock does: the
    /// token always; timeout and depth only when the server gave valid
    /// ones; scope and type as given (their defaults if absent); the owner
    /// if one was returned.
    pub fn apply(&mut self, g: Granted) {
        self.token = Some(g.token);
        if g.active.timeout != TIMEOUT_INVALID {
            self.timeout = g.active.timeout;
        }
        self.scope = g.active.scope;
        self.kind = g.active.kind;
        if g.active.depth >= 0 {
            self.depth = g.active.depth;
        }
        if g.active.owner.is_some() {
            self.owner = g.active.owner;
        }
    }

    /// The lock's path ("" without one).
    pub fn path(&self) -> &[u8] {
        self.uri.path.as_deref().unwrap_or_default()
    }
}
