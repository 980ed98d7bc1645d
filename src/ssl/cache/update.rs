//! The two places where connections meet the cache: storing the session a
//! handshake (or a TLS 1.3 ticket) made, OpenSSL's `ssl_update_cache`, and a
//! server's lookup of a client's session id or stateful ticket, OpenSSL's
//! `lookup_sess_in_cache`.

use std::sync::Arc;

use super::{
    MODE_CLIENT, MODE_NO_AUTO_CLEAR, MODE_NO_INTERNAL_LOOKUP, MODE_NO_INTERNAL_STORE, MODE_SERVER,
    SessionCache, resumption,
};
use crate::ssl::conn::SslConn;
use crate::ssl::ctx::SslCtx;
use crate::tls::TlsSession;
use crate::tls::session::{MAX_ID_LEN, now};

/// What `update_cache` needs to know about the connection (OpenSSL reads
/// it from the `SSL`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Handshake {
    pub server: bool,
    pub tls13: bool,
    /// The handshake resumed a session.
    pub resumed: bool,
    /// The connection's verify mode has SSL_VERIFY_PEER.
    pub verify_peer: bool,
    /// Server, TLS 1.3: tickets are stateful, so the session must be in
    /// the cache: early data is allowed (max_early_data > 0) without
    /// SSL_OP_NO_ANTI_REPLAY, or SSL_OP_NO_TICKET is set.
    pub stateful_tickets: bool,
}

impl SessionCache {
    /// OpenSSL's ssl_update_cache, for `session`, made by `conn`'s handshake
    /// or by a TLS 1.3 ticket (called once per ticket, on both sides).
    ///
    /// Nothing happens for a session with an empty id or marked
    /// non-resumable, nor on a server requiring client certificates without
    /// a session id context. When the mode has the connection's role bit and
    /// the handshake was full (or TLS 1.3): the session is added to the
    /// cache unless `MODE_NO_INTERNAL_STORE` or a TLS 1.3 server's stateless
    /// tickets (without a remove callback) make it pointless, and the
    /// new-session callback gets it. Then, unless `MODE_NO_AUTO_CLEAR`, expired
    /// sessions are flushed every 255 completed handshakes of that role: the
    /// caller counts `connect_good`/`accept_good` before calling.
    pub fn update_cache(
        &self,
        ctx: &SslCtx,
        conn: &Arc<SslConn>,
        session: &Arc<TlsSession>,
        hs: &Handshake,
    ) {
        {
            let d = session.lock();
            if d.id.is_empty() || d.not_resumable {
                return;
            }
            if hs.server && !resumption::server_may_cache(&d.id_context, hs.verify_peer) {
                return;
            }
        }
        let mode = self.mode();
        let role = if hs.server { MODE_SERVER } else { MODE_CLIENT };
        if mode & role != 0 && (!hs.resumed || hs.tls13) {
            let worth_storing = !hs.tls13
                || !hs.server
                || hs.stateful_tickets
                || self.callbacks.remove_session.is_set();
            if mode & MODE_NO_INTERNAL_STORE == 0 && worth_storing {
                self.add(ctx, session);
            }
            if let Some(cb) = self.callbacks.new_session.get() {
                (cb.call)(conn, session);
            }
        }
        if mode & MODE_NO_AUTO_CLEAR == 0 && mode & role != 0 {
            let good = if hs.server {
                &self.stats.accept_good
            } else {
                &self.stats.connect_good
            };
            if good.get() & 0xff == 0xff {
                self.flush(ctx, now());
            }
        }
    }

    /// OpenSSL's lookup_sess_in_cache, for a server: the cached session
    /// with this key, unless `MODE_NO_INTERNAL_LOOKUP` (a miss counts in
    /// `misses`); failing that the get-session callback's, if resumable
    /// (counted in `cb_hits` and added to the cache unless
    /// `MODE_NO_INTERNAL_STORE`). The caller then applies
    /// [`resumption::Server::verdict`].
    pub fn server_lookup(
        &self,
        ctx: &SslCtx,
        conn: &Arc<SslConn>,
        version: u16,
        id: &[u8],
    ) -> Option<Arc<TlsSession>> {
        if id.len() > MAX_ID_LEN {
            return None;
        }
        if self.mode() & MODE_NO_INTERNAL_LOOKUP == 0 {
            if let Some(s) = self.lookup(version, id) {
                return Some(s);
            }
            self.stats.misses.inc();
        }
        let cb = self.callbacks.get_session.get()?;
        let s = (cb.call)(conn, id)?;
        if s.lock().not_resumable {
            return None;
        }
        self.stats.cb_hits.inc();
        // The callback may have changed the mode: read it again, as OpenSSL.
        if self.mode() & MODE_NO_INTERNAL_STORE == 0 {
            self.add(ctx, &s);
        }
        Some(s)
    }
}
