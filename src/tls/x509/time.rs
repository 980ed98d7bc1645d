//! Certificate times as `X509_cmp_time` reads them: exactly YYMMDDHHMMSSZ
//! (UTCTime, years 1950-2049) or YYYYMMDDHHMMSSZ (GeneralizedTime), any
//! other form being a format error.

use crate::tls::der;

/// Seconds since the epoch; `None` for a time OpenSSL cannot compare.
pub type Asn1Time = Option<i64>;

const UTC_TIME: u8 = 0x17;
const GENERALIZED_TIME: u8 = 0x18;

pub fn read(tlv: der::Tlv<'_>) -> Asn1Time {
    let text = tlv.content;
    let (year, rest) = match (tlv.tag, text.len()) {
        (UTC_TIME, 13) => {
            let yy = digits(&text[..2])?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, &text[2..])
        }
        (GENERALIZED_TIME, 15) => (digits(&text[..4])?, &text[4..]),
        _ => return None,
    };
    if rest[10] != b'Z' {
        return None;
    }
    let month = digits(&rest[0..2])?;
    let day = digits(&rest[2..4])?;
    let hour = digits(&rest[4..6])?;
    let minute = digits(&rest[6..8])?;
    let second = digits(&rest[8..10])?;
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day < 1
        || day > month_days[(month - 1) as usize]
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second)
}

fn digits(text: &[u8]) -> Option<i64> {
    text.iter().try_fold(0i64, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
    })
}

/// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(tag: u8, s: &str) -> Asn1Time {
        let mut enc = Vec::new();
        der::write(&mut enc, tag, s.as_bytes());
        read(der::read(&enc).unwrap().0)
    }

    #[test]
    fn formats() {
        assert_eq!(t(UTC_TIME, "700101000000Z"), Some(0));
        assert_eq!(t(UTC_TIME, "250101000000Z"), Some(1_735_689_600));
        assert_eq!(t(GENERALIZED_TIME, "20250101000000Z"), Some(1_735_689_600));
        assert_eq!(t(UTC_TIME, "491231235959Z"), Some(2_524_607_999));
        assert_eq!(t(UTC_TIME, "2501010000Z"), None);
        assert_eq!(t(UTC_TIME, "250101000000+"), None);
        assert_eq!(t(UTC_TIME, "251301000000Z"), None);
        assert_eq!(t(GENERALIZED_TIME, "20240230000000Z"), None);
        assert_eq!(t(der::UTF8_STRING, "250101000000Z"), None);
    }
}
