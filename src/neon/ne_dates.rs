//! C face of `ne_dates.h`: HTTP date parsing and formatting, in UTC and
//! independent of the local time zone. The logic is in [`crate::dates`].

use std::ffi::c_char;
use std::ptr::null_mut;

use libc::time_t;

use crate::dates;
use crate::ffi;

/// Returns `anytime` as a malloc-allocated RFC 1123 date
/// ("Sun, 06 Nov 1994 08:49:37 GMT"), or NULL if the year cannot be
/// represented.
#[unsafe(no_mangle)]
pub extern "C" fn ne_rfc1123_date(anytime: time_t) -> *mut c_char {
    ffi::guard(null_mut(), || {
        dates::rfc1123_date(anytime).map(|d| ffi::malloc_str(d.as_bytes()))
    })
}

/// Runs a parser on a C string argument; NULL gives the error value.
///
/// # Safety
/// `date` must be NULL or a NUL-terminated string.
unsafe fn parse_with(date: *const c_char, parse: fn(&[u8]) -> i64) -> time_t {
    ffi::guard(dates::INVALID, || {
        // SAFETY: per the contract above.
        let date = unsafe { ffi::cstr_arg(date) }?;
        Some(parse(date))
    })
}

/// Parses an ISO 8601 date as used by WebDAV ("2001-01-01T12:30:00Z", or with
/// a "+hh:mm"/"-hh:mm" offset). Returns -1 if it cannot be parsed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_iso8601_parse(date: *const c_char) -> time_t {
    // SAFETY: forwarded contract.
    unsafe { parse_with(date, dates::iso8601_parse) }
}

/// Parses an RFC 1123 date ("Sun, 06 Nov 1994 08:49:37 GMT"). Returns -1 if
/// it cannot be parsed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_rfc1123_parse(date: *const c_char) -> time_t {
    // SAFETY: forwarded contract.
    unsafe { parse_with(date, dates::rfc1123_parse) }
}

/// Parses an RFC 1036 date ("Sunday, 06-Nov-94 08:49:37 GMT"). Returns -1 if
/// it cannot be parsed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_rfc1036_parse(date: *const c_char) -> time_t {
    // SAFETY: forwarded contract.
    unsafe { parse_with(date, dates::rfc1036_parse) }
}

/// Parses an asctime date ("Wed Jun 30 21:49:08 1993"). Returns -1 if it
/// cannot be parsed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_asctime_parse(date: *const c_char) -> time_t {
    // SAFETY: forwarded contract.
    unsafe { parse_with(date, dates::asctime_parse) }
}

/// Parses an HTTP-date (RFC 2616): RFC 1123, RFC 1036 or asctime format.
/// Returns -1 if it cannot be parsed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ne_httpdate_parse(date: *const c_char) -> time_t {
    // SAFETY: forwarded contract.
    unsafe { parse_with(date, dates::httpdate_parse) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;
    use std::ptr::null;

    #[test]
    fn null_dates_are_invalid() {
        unsafe {
            assert_eq!(ne_iso8601_parse(null()), -1);
            assert_eq!(ne_rfc1123_parse(null()), -1);
            assert_eq!(ne_rfc1036_parse(null()), -1);
            assert_eq!(ne_asctime_parse(null()), -1);
            assert_eq!(ne_httpdate_parse(null()), -1);
        }
    }

    #[test]
    fn formats_and_parses() {
        let d = ne_rfc1123_date(992_041_186);
        assert_eq!(
            unsafe { CStr::from_ptr(d) }.to_bytes(),
            b"Fri, 08 Jun 2001 22:59:46 GMT"
        );
        assert_eq!(unsafe { ne_httpdate_parse(d) }, 992_041_186);
        unsafe { ffi::alloc::free(d) };
        assert!(ne_rfc1123_date(time_t::MAX).is_null());
    }
}
