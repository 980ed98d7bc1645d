//! HTTP and WebDAV dates as neon 0.32.5 reads and writes them: RFC 1123,
//! RFC 1036 (RFC 850), asctime and the ISO 8601 subset of RFC 2518, all in
//! UTC, as `time_t` seconds since the epoch.
//!
//! neon reads dates with `sscanf` and converts them with `mktime` plus the
//! zone offset; the parsers here reproduce exactly what glibc's `sscanf`
//! accepts and what that conversion gives in UTC (out-of-range fields roll
//! over, as `mktime` normalises them), without any use of the local time zone.
//! (neon's own results drift by an hour in zones with daylight saving time
//! where `mktime` meets a change, e.g. for non-existent local times; these
//! parsers always give the UTC result.)

mod civil;
mod float;
mod format;
mod parse;
mod scan;

pub use civil::{Utc, gmtime, timegm};
pub use format::rfc1123_date;
pub use parse::{asctime_parse, httpdate_parse, iso8601_parse, rfc1036_parse, rfc1123_parse};

/// What the parsers return for a date they cannot read (`(time_t)-1`).
pub const INVALID: i64 = -1;
