//! `SSL_CTX`: the shared configuration of connections and, for the
//! connections created from it, their session cache.

use std::sync::Arc;

use super::cache::SessionCache;
use super::config::CtxConfig;

/// Which handshakes a method allows (TLS_method, TLS_client_method,
/// TLS_server_method).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Any,
    Client,
    Server,
}

pub struct SslCtx {
    pub role: Role,
    /// Options, modes, verification, certificates, versions, timeouts…
    pub config: CtxConfig,
    /// The session cache, its mode, size, callbacks and statistics.
    pub sessions: SessionCache,
}

impl SslCtx {
    pub fn new(role: Role) -> Arc<SslCtx> {
        Arc::new(SslCtx {
            role,
            config: CtxConfig::new(role),
            sessions: SessionCache::new(),
        })
    }
}
