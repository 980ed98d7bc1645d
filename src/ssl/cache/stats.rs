//! The statistics of a session cache (`SSL_CTX_sess_connect` and friends,
//! `SSL_CTX_ctrl` commands 21–31).
//!
//! OpenSSL keeps them as `int`s that wrap; so do these. The number of
//! cached sessions (`SSL_CTX_sess_number`, command 20) is not a counter:
//! see `SessionCache::len`.

use std::sync::atomic::{AtomicI32, Ordering};

#[derive(Default)]
pub struct Counter(AtomicI32);

impl Counter {
    pub fn inc(&self) {
        // Counters only, nothing is published through them: relaxed.
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    pub fn dec(&self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }

    pub fn get(&self) -> i32 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Who counts what: the connection code counts handshakes, hits and client
/// misses; the cache counts evictions and, in `server_lookup`, server
/// misses and callback hits.
#[derive(Default)]
pub struct Stats {
    /// Client handshakes started (21).
    pub connect: Counter,
    /// Client handshakes completed (22).
    pub connect_good: Counter,
    /// Client renegotiations started (23).
    pub connect_renegotiate: Counter,
    /// Server handshakes started (24).
    pub accept: Counter,
    /// Server handshakes completed (25).
    pub accept_good: Counter,
    /// Server renegotiations started (26).
    pub accept_renegotiate: Counter,
    /// Server: resumptions accepted; client: completed resumed handshakes (27).
    pub hits: Counter,
    /// Server: sessions the get-session callback supplied (28).
    pub cb_hits: Counter,
    /// Server: internal lookups that missed; client: offers not resumed (29).
    pub misses: Counter,
    /// Server: expired sessions found (30).
    pub timeouts: Counter,
    /// Sessions evicted because the cache was full (31).
    pub cache_full: Counter,
}

impl Stats {
    /// The counter an `SSL_CTX_ctrl` command reads.
    pub fn by_ctrl(&self, cmd: i32) -> Option<&Counter> {
        Some(match cmd {
            21 => &self.connect,
            22 => &self.connect_good,
            23 => &self.connect_renegotiate,
            24 => &self.accept,
            25 => &self.accept_good,
            26 => &self.accept_renegotiate,
            27 => &self.hits,
            28 => &self.cb_hits,
            29 => &self.misses,
            30 => &self.timeouts,
            31 => &self.cache_full,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_command_reads_its_own_counter_and_counters_wrap_like_int() {
        let s = Stats::default();
        for cmd in 21..=31 {
            for _ in 0..cmd {
                s.by_ctrl(cmd).unwrap().inc();
            }
        }
        for cmd in 21..=31 {
            assert_eq!(s.by_ctrl(cmd).unwrap().get(), cmd);
        }
        assert_eq!(s.hits.get(), 27);
        assert_eq!(s.cache_full.get(), 31);
        assert!(s.by_ctrl(20).is_none() && s.by_ctrl(32).is_none());
        s.hits.0.store(i32::MAX, Ordering::Relaxed);
        s.hits.inc();
        assert_eq!(s.hits.get(), i32::MIN);
    }
}
