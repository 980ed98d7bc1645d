//! The session commands of `SSL_CTX_ctrl` (the `SSL_CTX_sess_*` and
//! `SSL_CTX_*_session_cache_mode` macros), with OpenSSL's C types: the mode
//! is a `uint32_t` (a larger value is truncated), the size a `size_t` that
//! refuses negative values, counters `int`s.

use super::SessionCache;

pub const SESS_NUMBER: i32 = 20;
pub const SET_SESS_CACHE_SIZE: i32 = 42;
pub const GET_SESS_CACHE_SIZE: i32 = 43;
pub const SET_SESS_CACHE_MODE: i32 = 44;
pub const GET_SESS_CACHE_MODE: i32 = 45;

pub fn run(cache: &SessionCache, cmd: i32, larg: i64) -> Option<i64> {
    Some(match cmd {
        SESS_NUMBER => cache.len() as i64,
        SET_SESS_CACHE_SIZE => cache.set_size(larg),
        GET_SESS_CACHE_SIZE => cache.size(),
        SET_SESS_CACHE_MODE => i64::from(cache.set_mode(larg as u32)),
        GET_SESS_CACHE_MODE => i64::from(cache.mode()),
        _ => i64::from(cache.stats().by_ctrl(cmd)?.get()),
    })
}
