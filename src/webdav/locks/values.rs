//! The Depth and Timeout values of lock responses and requests, read and
//! written as neon does.

use super::lock::{DEPTH_INFINITE, TIMEOUT_INFINITE, TIMEOUT_INVALID};

/// A depth element's text: "infinity" (any case), else the leading
/// decimal number if it starts with a digit (C's atoi, wrapping as the
/// conversion to int does), else -1.
pub fn parse_depth(text: &[u8]) -> i32 {
    if text.eq_ignore_ascii_case(b"infinity") {
        return DEPTH_INFINITE;
    }
    if !text.first().is_some_and(u8::is_ascii_digit) {
        return -1;
    }
    // strtol saturates at LONG_MAX; atoi then keeps the low 32 bits.
    let mut n: i64 = 0;
    for &c in text.iter().take_while(|c| c.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(i64::from(c - b'0'));
    }
    n as i32
}

/// A timeout element's text: "Infinite" (any case), "Second-N" (the
/// prefix in any case; N read as C's strtoul reads it, values beyond a
/// long capped to its maximum, an overflow invalid), else invalid.
pub fn parse_timeout(text: &[u8]) -> i64 {
    if text.eq_ignore_ascii_case(b"infinite") {
        return TIMEOUT_INFINITE;
    }
    if text.len() < 7 || !text[..7].eq_ignore_ascii_case(b"Second-") {
        return TIMEOUT_INVALID;
    }
    match strtoul(&text[7..]) {
        None => TIMEOUT_INVALID,
        Some(v) => i64::try_from(v).unwrap_or(i64::MAX),
    }
}

/// C's strtoul in base 10: leading white space, an optional sign (a minus
/// negates modulo 2^64), digits; 0 without any. None on overflow (ERANGE).
fn strtoul(s: &[u8]) -> Option<u64> {
    let mut i = s
        .iter()
        .position(|&c| !matches!(c, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
        .unwrap_or(s.len());
    let mut negative = false;
    if let Some(&c @ (b'+' | b'-')) = s.get(i) {
        negative = c == b'-';
        i += 1;
    }
    let mut v: u64 = 0;
    for &c in s[i..].iter().take_while(|c| c.is_ascii_digit()) {
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
    }
    Some(if negative { v.wrapping_neg() } else { v })
}

/// The Timeout header a LOCK or refresh sends: "Infinite", "Second-N" for
/// a positive N, none for 0 or an invalid value.
pub fn timeout_header(timeout: i64) -> Option<Vec<u8>> {
    if timeout == TIMEOUT_INFINITE {
        Some(b"Infinite".to_vec())
    } else if timeout != TIMEOUT_INVALID && timeout > 0 {
        Some(format!("Second-{timeout}").into_bytes())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths() {
        assert_eq!(parse_depth(b"Infinity"), DEPTH_INFINITE);
        assert_eq!(parse_depth(b"0"), 0);
        assert_eq!(parse_depth(b"1"), 1);
        assert_eq!(parse_depth(b"12abc"), 12);
        assert_eq!(parse_depth(b" 1"), -1);
        assert_eq!(parse_depth(b""), -1);
        assert_eq!(parse_depth(b"infinite"), -1);
        assert_eq!(parse_depth(b"4294967297"), 1);
    }

    #[test]
    fn timeouts() {
        assert_eq!(parse_timeout(b"infinite"), TIMEOUT_INFINITE);
        assert_eq!(parse_timeout(b"Second-3600"), 3600);
        assert_eq!(parse_timeout(b"second-0"), 0);
        assert_eq!(parse_timeout(b"Second-"), 0);
        assert_eq!(parse_timeout(b"Second- 42x"), 42);
        assert_eq!(parse_timeout(b"Second-4294967296"), 4294967296);
        assert_eq!(parse_timeout(b"Second-18446744073709551615"), i64::MAX);
        assert_eq!(
            parse_timeout(b"Second-18446744073709551616"),
            TIMEOUT_INVALID
        );
        assert_eq!(parse_timeout(b"Second--5"), i64::MAX);
        assert_eq!(parse_timeout(b"Seconds-5"), TIMEOUT_INVALID);
        assert_eq!(
            parse_timeout(b"Infinite, Second-4100000000"),
            TIMEOUT_INVALID
        );
        assert_eq!(parse_timeout(b""), TIMEOUT_INVALID);
    }

    #[test]
    fn timeout_headers() {
        assert_eq!(timeout_header(TIMEOUT_INFINITE).unwrap(), b"Infinite");
        assert_eq!(timeout_header(30).unwrap(), b"Second-30");
        assert_eq!(timeout_header(0), None);
        assert_eq!(timeout_header(TIMEOUT_INVALID), None);
        assert_eq!(timeout_header(-7), None);
    }
}
