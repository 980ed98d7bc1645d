//! The session cache of an `SSL_CTX`, with OpenSSL 3.0's rules (being
//! written: see issue 4).

pub struct SessionCache {}

impl SessionCache {
    pub fn new() -> SessionCache {
        SessionCache {}
    }
}

impl Default for SessionCache {
    fn default() -> Self {
        SessionCache::new()
    }
}
