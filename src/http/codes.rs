//! neon's request result codes (NE_OK …) and flag indices.

pub const OK: i32 = 0;
pub const ERROR: i32 = 1;
pub const LOOKUP: i32 = 2;
pub const AUTH: i32 = 3;
pub const PROXYAUTH: i32 = 4;
pub const CONNECT: i32 = 5;
pub const TIMEOUT: i32 = 6;
pub const FAILED: i32 = 7;
pub const RETRY: i32 = 8;
pub const REDIRECT: i32 = 9;

/// Session flags (ne_session_flag).
pub mod sessflag {
    pub const PERSIST: u32 = 0;
    pub const ICYPROTO: u32 = 1;
    pub const SSLV2: u32 = 2;
    pub const RFC4918: u32 = 3;
    pub const CONNAUTH: u32 = 4;
    pub const TLS_SNI: u32 = 5;
    pub const EXPECT100: u32 = 6;
    pub const SHAREPOINT: u32 = 7;
    /// Number of session flags in neon 0.32.5.
    pub const LAST: u32 = 8;
}

/// Request flags (ne_request_flag).
pub mod reqflag {
    pub const EXPECT100: u32 = 0;
    pub const IDEMPOTENT: u32 = 1;
    /// Number of request flags in neon 0.32.5.
    pub const LAST: u32 = 2;
}
