//! `ne_rfc1123_date`: formatting a time as an RFC 1123 date.

use super::civil::gmtime;

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// neon formats into a 30-byte buffer: longer results (years beyond 9999)
/// are cut to 29 characters.
const MAX_LEN: usize = 29;

/// "Sun, 06 Nov 1994 08:49:37 GMT" for `t` seconds since the epoch; `None`
/// when `gmtime` cannot represent the year.
pub fn rfc1123_date(t: i64) -> Option<String> {
    let u = gmtime(t)?;
    // neon prints 1900 + tm_year as a C int, which wraps for the largest years.
    let year = (u.year - 1900) as i32;
    let mut s = format!(
        "{}, {:02} {} {:4} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[u.weekday as usize],
        u.day,
        MONTHS[u.month as usize - 1],
        year.wrapping_add(1900),
        u.hour,
        u.min,
        u.sec
    );
    s.truncate(MAX_LEN);
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::super::parse::rfc1123_parse;
    use super::*;

    #[test]
    fn formats() {
        let f = |t| rfc1123_date(t).unwrap();
        assert_eq!(f(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(f(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(f(-1), "Wed, 31 Dec 1969 23:59:59 GMT");
        assert_eq!(f(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT");
        assert_eq!(f(253_402_300_799), "Fri, 31 Dec 9999 23:59:59 GMT");
        assert_eq!(f(253_402_300_800), "Sat, 01 Jan 10000 00:00:00 GM");
        assert_eq!(f(-62_135_596_800), "Mon, 01 Jan    1 00:00:00 GMT");
        assert_eq!(f(-62_167_219_200), "Sat, 01 Jan    0 00:00:00 GMT");
        assert_eq!(f(-62_198_755_200), "Fri, 01 Jan   -1 00:00:00 GMT");
        assert_eq!(f(67_768_036_191_676_799), "Wed, 31 Dec -2147481749 23:59");
        assert_eq!(rfc1123_date(67_768_036_191_676_800), None);
        assert_eq!(rfc1123_date(i64::MIN), None);
    }

    #[test]
    fn round_trips_through_the_parser() {
        for t in (-62_000_000_000i64..253_402_300_800).step_by(777_777_777) {
            assert_eq!(rfc1123_parse(rfc1123_date(t).unwrap().as_bytes()), t);
        }
    }
}
