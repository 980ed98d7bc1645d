//! The date parsers of `ne_dates.h`. Each reads its format with neon's
//! `sscanf` pattern and converts the fields as `mktime` would in UTC; any
//! field count short of the full pattern gives [`INVALID`].

use super::INVALID;
use super::civil::timegm;
use super::float::c_int_of;
use super::scan::{Field, scan};

const MONTHS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// The month index (0–11) of an exact, case-sensitive English abbreviation;
/// 12 for anything else, which neon passes on, so the date rolls into
/// January of the next year.
fn month_index(name: &[u8]) -> i64 {
    MONTHS.iter().position(|m| *m == name).unwrap_or(12) as i64
}

fn int(f: &Field) -> i64 {
    i64::from(f.int())
}

/// RFC 1123: "Sun, 06 Nov 1994 08:49:37 GMT". The weekday is not checked,
/// nor is the zone.
pub fn rfc1123_parse(date: &[u8]) -> i64 {
    match scan(date, "%3s, %02d %3s %4d %02d:%02d:%02d GMT").as_slice() {
        [_weekday, day, month, year, hour, min, sec] => timegm(
            int(year),
            month_index(month.str()),
            int(day),
            int(hour),
            int(min),
            int(sec),
        ),
        _ => INVALID,
    }
}

/// RFC 1036 (RFC 850): "Sunday, 06-Nov-94 08:49:37 GMT". Two-digit years
/// below 50 are 20xx, others 19xx.
pub fn rfc1036_parse(date: &[u8]) -> i64 {
    match scan(date, "%10s %2d-%3s-%2d %2d:%2d:%2d GMT").as_slice() {
        [_weekday, day, month, year, hour, min, sec] => {
            let since_1900 = if int(year) < 50 {
                int(year) + 100
            } else {
                int(year)
            };
            timegm(
                1900 + since_1900,
                month_index(month.str()),
                int(day),
                int(hour),
                int(min),
                int(sec),
            )
        }
        _ => INVALID,
    }
}

/// asctime: "Wed Jun 30 21:49:08 1993".
pub fn asctime_parse(date: &[u8]) -> i64 {
    match scan(date, "%3s %3s %2d %2d:%2d:%2d %4d").as_slice() {
        [_weekday, month, day, hour, min, sec, year] => timegm(
            int(year),
            month_index(month.str()),
            int(day),
            int(hour),
            int(min),
            int(sec),
        ),
        _ => INVALID,
    }
}

/// The ISO 8601 subset of RFC 2518: "2001-01-01T12:30:00Z", or with a zone
/// offset "+03:30" / "-03:30". Fractional seconds are dropped. Without an
/// offset, whatever follows the seconds is ignored.
pub fn iso8601_parse(date: &[u8]) -> i64 {
    const TIME: &str = "%04d-%02d-%02dT%02d:%02d:%lf";
    // neon tries "+hh:mm", then "-hh:mm" (the correction that brings the time
    // to UTC has the opposite sign), then "Z".
    let with_offset = [
        (format!("{TIME}+%02d:%02d"), -1),
        (format!("{TIME}-%02d:%02d"), 1),
    ];
    let mut parsed = with_offset
        .iter()
        .find_map(|(format, sign)| match scan(date, format)[..] {
            [y, mo, d, h, mi, s, off_hour, off_min] => Some((
                [y, mo, d, h, mi, s],
                sign * (int(&off_hour) * 3600 + int(&off_min) * 60),
            )),
            _ => None,
        });
    if parsed.is_none() {
        if let [y, mo, d, h, mi, s] = scan(date, &format!("{TIME}Z"))[..] {
            parsed = Some(([y, mo, d, h, mi, s], 0));
        }
    }
    let Some(([year, month, day, hour, min, sec], fix)) = parsed else {
        return INVALID;
    };
    let sec = c_int_of(sec.float());
    timegm(
        int(&year),
        int(&month) - 1,
        int(&day),
        int(&hour),
        int(&min),
        i64::from(sec),
    )
    .wrapping_add(fix)
}

/// An HTTP-date (RFC 2616 §3.3.1): RFC 1123, else RFC 1036, else asctime.
pub fn httpdate_parse(date: &[u8]) -> i64 {
    [rfc1123_parse, rfc1036_parse, asctime_parse]
        .iter()
        .map(|parse| parse(date))
        .find(|&t| t != INVALID)
        .unwrap_or(INVALID)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 992_041_186; // 2001-06-08 22:59:46 UTC

    #[test]
    fn neon_good_dates() {
        assert_eq!(rfc1123_parse(b"Fri, 08 Jun 2001 22:59:46 GMT"), T);
        assert_eq!(rfc1036_parse(b"Friday, 08-Jun-01 22:59:46 GMT"), T);
        assert_eq!(
            rfc1036_parse(b"Wednesday, 06-Jun-01 22:59:46 GMT"),
            991_868_386
        );
        assert_eq!(asctime_parse(b"Wed Jun 06 22:59:46 2001"), 991_868_386);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:46Z"), T);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:46.9Z"), T);
        assert_eq!(iso8601_parse(b"2001-06-08T26:00:46+03:01"), T);
        assert_eq!(iso8601_parse(b"2001-06-08T20:58:46-02:01"), T);
    }

    #[test]
    fn neon_bad_dates() {
        for bad in [
            &b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"[..],
            b"Friday, 08-Jun-01",
        ] {
            for parse in [
                rfc1036_parse,
                iso8601_parse,
                rfc1123_parse,
                asctime_parse,
                httpdate_parse,
            ] {
                assert_eq!(parse(bad), INVALID);
            }
        }
    }

    #[test]
    fn http_dates_in_all_three_forms() {
        assert_eq!(httpdate_parse(b"Fri, 08 Jun 2001 22:59:46 GMT"), T);
        assert_eq!(httpdate_parse(b"Friday, 08-Jun-01 22:59:46 GMT"), T);
        assert_eq!(httpdate_parse(b"Fri Jun  8 22:59:46 2001"), T);
        assert_eq!(httpdate_parse(b"2001-06-08T22:59:46Z"), INVALID);
        // The epoch's last second reads as the error value.
        assert_eq!(httpdate_parse(b"Wed, 31 Dec 1969 23:59:59 GMT"), INVALID);
    }

    #[test]
    fn leniencies_of_sscanf_and_mktime() {
        // Zone and weekday are not checked; white space is flexible.
        assert_eq!(rfc1123_parse(b"Xyz, 08 Jun 2001 22:59:46 UTC"), T);
        assert_eq!(rfc1123_parse(b"Fri,08 Jun 2001 22:59:46"), T);
        assert_eq!(rfc1123_parse(b"  Fri,  8\tJun 2001 22:59:46 GMT"), T);
        assert_eq!(rfc1123_parse(b"Fri, 08 Jun 2001 22:59:46GMT trailing"), T);
        // An unknown month is month 12: January of the next year.
        assert_eq!(
            rfc1123_parse(b"Fri, 08 jun 2001 22:59:46 GMT"),
            timegm(2002, 0, 8, 22, 59, 46)
        );
        // Out-of-range fields roll over.
        assert_eq!(
            rfc1123_parse(b"Fri, 31 Feb 2001 24:60:60 GMT"),
            timegm(2001, 2, 4, 1, 1, 0)
        );
        assert_eq!(
            rfc1123_parse(b"Fri, -1 Jun 2001 -1:-1:-1 GMT"),
            timegm(2001, 4, 29, 22, 58, 59)
        );
        // A five-digit year leaves its last digit for the hour.
        assert_eq!(rfc1123_parse(b"Fri, 08 Jun 12345 22:59:46 GMT"), INVALID);
    }

    #[test]
    fn two_digit_years() {
        let y = |s: &[u8]| rfc1036_parse(s);
        assert_eq!(y(b"Sunday, 06-Nov-94 08:49:37 GMT"), 784_111_777);
        assert_eq!(
            y(b"Sunday, 06-Nov-49 08:49:37 GMT"),
            timegm(2049, 10, 6, 8, 49, 37)
        );
        assert_eq!(
            y(b"Sunday, 06-Nov-50 08:49:37 GMT"),
            timegm(1950, 10, 6, 8, 49, 37)
        );
        assert_eq!(
            y(b"Sunday, 06-Nov--5 08:49:37 GMT"),
            timegm(1995, 10, 6, 8, 49, 37)
        );
        // A four-digit year does not fit the pattern.
        assert_eq!(y(b"Sunday, 06-Nov-1994 08:49:37 GMT"), INVALID);
    }

    #[test]
    fn iso8601_forms() {
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:46"), T);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:46+03"), T);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:46.99999-00:00"), T);
        assert_eq!(iso8601_parse(b"2001-06-09T00:59:46+02:00"), T);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:4.6e1Z"), T);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:0x2eZ"), T);
        assert_eq!(iso8601_parse(b"2001-6-8T22:59:46Z"), T);
        assert_eq!(iso8601_parse(b"2001-06-08 22:59:46Z"), INVALID);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59Z"), INVALID);
        // Seconds C cannot convert to int become INT_MIN.
        let min = timegm(2001, 5, 8, 22, 59, i64::from(i32::MIN));
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:nanZ"), min);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:1e300Z"), min);
        assert_eq!(iso8601_parse(b"2001-06-08T22:59:-infZ"), min);
    }
}
