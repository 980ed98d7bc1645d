//! The configuration part of an `SSL_CTX` (being written: see issue 4).

use super::ctx::Role;

pub struct CtxConfig {}

impl CtxConfig {
    pub fn new(role: Role) -> CtxConfig {
        let _ = role;
        CtxConfig {}
    }
}
