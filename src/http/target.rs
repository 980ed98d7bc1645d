//! What neon 0.34–0.35 added about a request's target and its response:
//! the request target as a URI (RFC 9112 §3.3), the Location header
//! resolved against it (RFC 9110 §10.2.2) and the Retry-After header
//! (RFC 9110 §10.2.3).

use super::request::Request;
use crate::dates;
use crate::uri::{self, Uri};

/// Why [`Request::response_location`] found no URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocationError {
    /// The response has no Location header (no error is set).
    Missing,
    /// The header or the request target did not parse (the session error
    /// says which).
    Invalid,
}

impl Request {
    /// The request target as an absolute URI (neon 0.34's
    /// `ne_get_request_target`): the server's scheme, host and port with the
    /// target as path (verbatim, query included) for origin-form, an empty
    /// path for `*` and CONNECT, the parsed target for absolute-form; None
    /// if that does not parse.
    pub fn target_uri(&self) -> Option<Uri> {
        let target = self.target().bytes();
        if target == b"*" || self.method().bytes() == b"CONNECT" {
            let mut u = self.session().server_uri();
            u.path = Some(Vec::new());
            Some(u)
        } else if target.first() == Some(&b'/') {
            let mut u = self.session().server_uri();
            u.path = Some(target.to_vec());
            Some(u)
        } else {
            uri::parse(target).ok()
        }
    }

    /// The Location header of the response resolved against the request
    /// target, with `fragment` as fragment if the header has none (neon
    /// 0.34's `ne_get_response_location`). Looks at the response head
    /// only, not at trailers.
    pub fn response_location(&self, fragment: Option<&[u8]>) -> Result<Uri, LocationError> {
        let Some(location) = self.with_head_header(b"location", <[u8]>::to_vec) else {
            return Err(LocationError::Missing);
        };
        let dest = match uri::parse(&location) {
            Ok(d) if d.path.is_some() => d,
            _ => {
                self.session()
                    .set_error(&[b"Could not parse redirect destination URL"]);
                return Err(LocationError::Invalid);
            }
        };
        let Some(base) = self.target_uri() else {
            self.session()
                .set_error(&[b"Could not parse request target URI"]);
            return Err(LocationError::Invalid);
        };
        let mut resolved = uri::resolve(&base, &dest);
        if dest.fragment.is_none() {
            if let Some(f) = fragment {
                resolved.fragment = Some(f.to_vec());
            }
        }
        Ok(resolved)
    }

    /// The time the Retry-After header asks to wait until (neon 0.35's
    /// `ne_get_response_retry_after`), given the current time `now`: a
    /// number of seconds after `now`, or an HTTP date; 0 if there is no
    /// header or it is neither. The number is read as C's strtoul reads it
    /// (blanks, a sign, wrapping arithmetic), as neon does.
    pub fn retry_after(&self, now: i64) -> i64 {
        let Some(value) = self.with_head_header(b"retry-after", <[u8]>::to_vec) else {
            return 0;
        };
        match strtoul_whole(&value) {
            Some(secs) => (now as u64).wrapping_add(secs) as i64,
            None => match dates::httpdate_parse(&value) {
                -1 => 0,
                t => t,
            },
        }
    }
}

/// C's `strtoul(s, &end, 10)` when it consumes all of `s` without overflow
/// and does not return ULONG_MAX; None otherwise. As in C, a string
/// without digits is "consumed" only when it is empty (value 0).
fn strtoul_whole(s: &[u8]) -> Option<u64> {
    let mut i = 0;
    while i < s.len() && matches!(s[i], b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digits = &s[i..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        // No digits: strtoul leaves the end at the start of `s`.
        return s.is_empty().then_some(0);
    }
    let v = digits.iter().try_fold(0u64, |v, &d| {
        v.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })?;
    let v = if neg { v.wrapping_neg() } else { v };
    (v != u64::MAX).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::strtoul_whole;

    #[test]
    fn retry_after_numbers_like_strtoul() {
        assert_eq!(strtoul_whole(b"120"), Some(120));
        assert_eq!(strtoul_whole(b""), Some(0));
        assert_eq!(strtoul_whole(b"+7"), Some(7));
        assert_eq!(strtoul_whole(b"\x0b5"), Some(5));
        assert_eq!(strtoul_whole(b"-5"), Some(5u64.wrapping_neg()));
        assert_eq!(strtoul_whole(b"-1"), None);
        assert_eq!(strtoul_whole(b"18446744073709551615"), None);
        assert_eq!(strtoul_whole(b"18446744073709551614"), Some(u64::MAX - 1));
        assert_eq!(strtoul_whole(b"99999999999999999999"), None);
        assert_eq!(strtoul_whole(b"12x"), None);
        assert_eq!(strtoul_whole(b"-"), None);
        assert_eq!(strtoul_whole(b" "), None);
        assert_eq!(strtoul_whole(b"1 2"), None);
    }
}
