//! Proleptic Gregorian calendar arithmetic in UTC: the `timegm` and `gmtime`
//! that neon's date code needs, on 64-bit seconds.

const SECS_PER_DAY: i64 = 86_400;

/// Days from 1970-01-01 to the given date (`month` 1–12, `day` 1–31).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    // Count years from March so that the leap day ends the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted_month = (month + 9) % 12; // March = 0
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date (year, month 1–12, day 1–31) of a day number from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = era * 400 + year_of_era + i64::from(month <= 2);
    (year, month, day)
}

/// Seconds since the epoch of a broken-down UTC time, normalising
/// out-of-range fields as `mktime`/`timegm` do (month 12 is January of the
/// next year, second -1 the last second of the previous minute, …).
/// `month0` counts from 0 like `tm_mon`. Arithmetic wraps rather than panics.
pub fn timegm(year: i64, month0: i64, day: i64, hour: i64, min: i64, sec: i64) -> i64 {
    let year = year.wrapping_add(month0.div_euclid(12));
    let days = days_from_civil(year, month0.rem_euclid(12) + 1, 1).wrapping_add(day - 1);
    days.wrapping_mul(SECS_PER_DAY)
        .wrapping_add(hour.wrapping_mul(3600))
        .wrapping_add(min.wrapping_mul(60))
        .wrapping_add(sec)
}

/// A UTC date and time, as `gmtime` breaks it down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utc {
    pub year: i64,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
    pub hour: u32,
    pub min: u32,
    pub sec: u32,
    /// Day of the week, 0 = Sunday.
    pub weekday: u32,
}

/// Breaks seconds since the epoch down into UTC. `None` where glibc's
/// `gmtime` fails: when the year does not fit C's `tm_year` (an `int`
/// counting from 1900).
pub fn gmtime(t: i64) -> Option<Utc> {
    let days = t.div_euclid(SECS_PER_DAY);
    let secs = t.rem_euclid(SECS_PER_DAY) as u32;
    let (year, month, day) = civil_from_days(days);
    i32::try_from(year - 1900).ok()?;
    Some(Utc {
        year,
        month: month as u32,
        day: day as u32,
        hour: secs / 3600,
        min: secs / 60 % 60,
        sec: secs % 60,
        // 1970-01-01 was a Thursday.
        weekday: (days + 4).rem_euclid(7) as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_many_years() {
        // Every day from 2000 BC to AD 2400, plus far-away eras.
        let ranges = [(-1_000_000i64, -1_000_000 + 800), (-1_000_000 + 1, 160_000)];
        for (from, to) in ranges {
            let mut prev: Option<(i64, i64, i64)> = None;
            for d in (from..to).step_by(1) {
                let (y, m, day) = civil_from_days(d);
                assert_eq!(days_from_civil(y, m, day), d);
                assert!((1..=12).contains(&m) && (1..=31).contains(&day));
                if let Some((py, pm, pd)) = prev {
                    assert!((y, m, day) > (py, pm, pd));
                }
                prev = Some((y, m, day));
            }
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(
            days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28),
            1
        );
        assert_eq!(days_from_civil(0, 3, 1) - days_from_civil(0, 2, 28), 2);
    }

    #[test]
    fn timegm_normalises_like_mktime() {
        assert_eq!(timegm(2001, 5, 8, 22, 59, 46), 992_041_186);
        assert_eq!(timegm(1970, 0, 1, 0, 0, 0), 0);
        assert_eq!(timegm(1969, 11, 31, 23, 59, 59), -1);
        // Month 12 rolls into January of the next year; -1 into December.
        assert_eq!(timegm(2000, 12, 1, 0, 0, 0), timegm(2001, 0, 1, 0, 0, 0));
        assert_eq!(timegm(2000, -1, 1, 0, 0, 0), timegm(1999, 11, 1, 0, 0, 0));
        assert_eq!(timegm(2000, -13, 1, 0, 0, 0), timegm(1998, 11, 1, 0, 0, 0));
        // Days, hours, minutes and seconds carry.
        assert_eq!(timegm(2001, 1, 29, 0, 0, 0), timegm(2001, 2, 1, 0, 0, 0));
        assert_eq!(timegm(2000, 0, 0, 0, 0, 0), timegm(1999, 11, 31, 0, 0, 0));
        assert_eq!(
            timegm(2000, 0, 1, 99, 99, 99),
            timegm(2000, 0, 5, 4, 40, 39)
        );
        assert_eq!(
            timegm(2000, 0, 1, 0, 0, -9),
            timegm(1999, 11, 31, 23, 59, 51)
        );
        assert_eq!(timegm(9999, 11, 31, 23, 59, 59), 253_402_300_799);
        assert_eq!(timegm(-999, 0, 1, 0, 0, 0), -93_692_592_000);
    }

    #[test]
    fn gmtime_breaks_down_and_fails_like_glibc() {
        let u = gmtime(992_041_186).unwrap();
        assert_eq!(
            u,
            Utc {
                year: 2001,
                month: 6,
                day: 8,
                hour: 22,
                min: 59,
                sec: 46,
                weekday: 5
            }
        );
        let u = gmtime(-1).unwrap();
        assert_eq!(
            (u.year, u.month, u.day, u.hour, u.min, u.sec, u.weekday),
            (1969, 12, 31, 23, 59, 59, 3)
        );
        // The last second whose year fits tm_year, and the first that does not.
        let last = 67_768_036_191_676_799;
        assert_eq!(gmtime(last).unwrap().year, i64::from(i32::MAX) + 1900);
        assert_eq!(gmtime(last + 1), None);
        let first = -67_768_040_609_740_800;
        assert_eq!(gmtime(first).unwrap().year, i64::from(i32::MIN) + 1900);
        assert_eq!(gmtime(first - 1), None);
        assert_eq!(gmtime(i64::MAX), None);
        assert_eq!(gmtime(i64::MIN), None);
    }

    #[test]
    fn weekdays() {
        // 2024-02-29 was a Thursday, 1900-01-01 a Monday, 2000-01-01 a Saturday.
        assert_eq!(gmtime(timegm(2024, 1, 29, 12, 0, 0)).unwrap().weekday, 4);
        assert_eq!(gmtime(timegm(1900, 0, 1, 0, 0, 0)).unwrap().weekday, 1);
        assert_eq!(gmtime(timegm(2000, 0, 1, 0, 0, 0)).unwrap().weekday, 6);
    }
}
