//! The `%lf` conversion of glibc's `sscanf`, which neon uses for the seconds
//! of ISO 8601 dates, and C's `(int)` conversion of its result on x86-64.
//!
//! glibc first collects the longest run of bytes that can continue a number
//! (sign, digits, one ".", one exponent with its sign, hex digits after "0x",
//! "nan", "inf", "infinity") and then converts that run with `strtod`, which
//! may use only a prefix of it: "1e" is consumed whole and reads as 1.

/// Scans a floating-point number at the start of `input` (white space already
/// skipped). Returns its value and the number of bytes consumed, or `None`
/// for a matching failure.
pub fn scan_float(input: &[u8]) -> Option<(f64, usize)> {
    let mut run = Vec::new();
    let mut i = 0;
    let at = |i: usize| input.get(i).copied();

    let mut c = at(i)?;
    if c == b'+' || c == b'-' {
        run.push(c);
        i += 1;
        c = at(i)?;
    }
    let sign_len = run.len();

    let lower = c.to_ascii_lowercase();
    if lower == b'n' || lower == b'i' {
        let word: &[u8] = if lower == b'n' { b"nan" } else { b"inf" };
        i += expect_word(input, i, word)?;
        // After "inf", an "i" must begin "infinity".
        if lower == b'i' && at(i).is_some_and(|c| c.eq_ignore_ascii_case(&b'i')) {
            i += expect_word(input, i, b"inity")?;
        }
        let value = if lower == b'n' {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some((
            if sign_len == 1 && run[0] == b'-' {
                -value
            } else {
                value
            },
            i,
        ));
    }

    let mut hex = false;
    let (mut got_digit, mut got_dot, mut got_e) = (false, false, false);
    let mut cur = Some(c);
    if c == b'0' {
        run.push(c);
        i += 1;
        cur = at(i);
        if cur.is_some_and(|c| c.eq_ignore_ascii_case(&b'x')) {
            run.push(b'x');
            hex = true;
            i += 1;
            cur = at(i);
        } else {
            got_digit = true;
        }
    }
    let exp_char = if hex { b'p' } else { b'e' };
    while let Some(c) = cur {
        if c.is_ascii_digit() || (hex && !got_e && c.is_ascii_hexdigit()) {
            run.push(c);
            got_digit = true;
        } else if got_e && run.last() == Some(&exp_char) && (c == b'+' || c == b'-') {
            run.push(c);
        } else if got_digit && !got_e && c.to_ascii_lowercase() == exp_char {
            run.push(exp_char);
            got_e = true;
            got_dot = true;
        } else if !got_dot && c == b'.' {
            run.push(c);
            got_dot = true;
        } else {
            break;
        }
        i += 1;
        cur = at(i);
    }
    if run.len() == sign_len || (hex && run.len() == sign_len + 2) {
        return None;
    }
    strtod_prefix(&run).map(|v| (v, i))
}

/// Consumes `word` (ignoring case) at `input[i..]`; `None` if it is not there.
fn expect_word(input: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    let got = input.get(i..i + word.len())?;
    got.eq_ignore_ascii_case(word).then_some(word.len())
}

/// `strtod` of a run collected by [`scan_float`] (never nan/inf): the value of
/// its longest valid prefix, `None` if no prefix is a number.
fn strtod_prefix(run: &[u8]) -> Option<f64> {
    let (negative, body) = match run.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, run),
    };
    let value = if body.starts_with(b"0x") && has_mantissa(&body[2..], true) {
        hex_value(&body[2..])
    } else {
        decimal_value(body)?
    };
    Some(if negative { -value } else { value })
}

/// Whether `s` starts with a mantissa: digits with at most one ".", at least one digit.
fn has_mantissa(s: &[u8], hex: bool) -> bool {
    mantissa_len(s, hex).1
}

/// Length of the mantissa at the start of `s`, and whether it has a digit.
fn mantissa_len(s: &[u8], hex: bool) -> (usize, bool) {
    let is_digit = |c: &u8| {
        if hex {
            c.is_ascii_hexdigit()
        } else {
            c.is_ascii_digit()
        }
    };
    let int = s.iter().take_while(|c| is_digit(c)).count();
    let (frac, dot) = match s.get(int) {
        Some(b'.') => (s[int + 1..].iter().take_while(|c| is_digit(c)).count(), 1),
        _ => (0, 0),
    };
    let digits = int + frac;
    (if digits == 0 { 0 } else { int + dot + frac }, digits > 0)
}

/// Length of a valid exponent (marker, optional sign, digits) at the start of
/// `s`, or 0.
fn exponent_len(s: &[u8], marker: u8) -> usize {
    if s.first() != Some(&marker) {
        return 0;
    }
    let signed = usize::from(matches!(s.get(1), Some(b'+' | b'-')));
    let digits = s[1 + signed..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 { 0 } else { 1 + signed + digits }
}

fn decimal_value(s: &[u8]) -> Option<f64> {
    let (len, any) = mantissa_len(s, false);
    if !any {
        return None;
    }
    let len = len + exponent_len(&s[len..], b'e');
    // The prefix is ASCII digits, ".", "e" and a sign: valid for Rust's
    // parser, which rounds correctly as glibc's strtod does.
    std::str::from_utf8(&s[..len]).ok()?.parse().ok()
}

/// The value of a hex mantissa with an optional binary exponent ("1.8p3"),
/// rounded to nearest-even.
fn hex_value(s: &[u8]) -> f64 {
    let (len, _) = mantissa_len(s, true);
    let exp_len = exponent_len(&s[len..], b'p');
    let mut mantissa: u64 = 0;
    let mut scale: i64 = 0; // power of two applied to `mantissa`
    let mut sticky = false; // a non-zero digit did not fit in `mantissa`
    let mut after_dot = false;
    for &c in &s[..len] {
        if c == b'.' {
            after_dot = true;
            continue;
        }
        let digit = u64::from((c as char).to_digit(16).unwrap_or(0));
        if mantissa < 1 << 60 {
            mantissa = mantissa * 16 + digit;
            scale -= if after_dot { 4 } else { 0 };
        } else {
            sticky |= digit != 0;
            scale += if after_dot { 0 } else { 4 };
        }
    }
    // With at least 60 significant bits kept, folding the lost digits into
    // the lowest bit makes the conversion to f64 round as the exact value would.
    let mut value = (mantissa | u64::from(sticky)) as f64;
    if exp_len > 0 {
        let exp: i64 = std::str::from_utf8(&s[len + 1..len + exp_len])
            .ok()
            .and_then(|e| e.parse().ok())
            .unwrap_or(if s[len + 1] == b'-' {
                -100_000
            } else {
                100_000
            });
        scale = scale.saturating_add(exp);
    }
    let mut scale = scale.clamp(-100_000, 100_000);
    while scale != 0 {
        let step = scale.clamp(-1000, 1000);
        value *= 2f64.powi(step as i32);
        scale -= step;
    }
    value
}

/// C's `(int)` of a double as x86-64 computes it (`cvttsd2si`): truncation
/// toward zero, and `INT_MIN` for NaN and out-of-range values.
pub fn c_int_of(x: f64) -> i32 {
    if x.is_nan() || x <= -2_147_483_649.0 || x >= 2_147_483_648.0 {
        i32::MIN
    } else {
        x as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Option<(f64, usize)> {
        scan_float(s.as_bytes())
    }

    #[test]
    fn like_glibc_sscanf() {
        // (input, value, bytes consumed), checked against glibc 2.36.
        for (s, v, n) in [
            ("1e", 1.0, 2),
            ("1e+", 1.0, 3),
            ("0x1p", 1.0, 4),
            ("0x.8", 0.5, 4),
            ("infinity", f64::INFINITY, 8),
            ("INF", f64::INFINITY, 3),
            ("infZ", f64::INFINITY, 3),
            ("-inf", f64::NEG_INFINITY, 4),
            ("0x1.fffffffffffffffp0", 2.0, 21),
            ("1.5.5", 1.5, 3),
            ("00e5Z", 0.0, 4),
            ("1e5e", 100_000.0, 3),
            ("0x1p+", 1.0, 5),
            ("0e", 0.0, 2),
            ("46.9Z", 46.9, 4),
            ("+.5", 0.5, 3),
            ("-7-03:00", -7.0, 2),
            ("12+03:30", 12.0, 2),
            ("0x10", 16.0, 4),
            ("0X1P-2", 0.25, 6),
            ("0x1p-1080", 2f64.powi(-1080), 9),
            ("1e400", f64::INFINITY, 5),
            ("0x123456789abcdef123p0", 3.358_127_276_707_303e20, 22),
            ("59.99999999999999999999", 60.0, 23),
        ] {
            assert_eq!(scan(s), Some((v, n)), "{s}");
        }
        let (nan, n) = scan("nan(1)").unwrap();
        assert!(nan.is_nan() && n == 3);
        let (nan, n) = scan("-NaN").unwrap();
        assert!(nan.is_nan() && nan.is_sign_negative() && n == 4);
        for bad in [
            "", "infix", ".", "-", "+.e5", "0x", "0xZ", "-0x", "na", "e5", "Z",
        ] {
            assert_eq!(scan(bad), None, "{bad}");
        }
    }

    #[test]
    fn x86_int_conversion() {
        assert_eq!(c_int_of(46.9), 46);
        assert_eq!(c_int_of(-0.9), 0);
        assert_eq!(c_int_of(-2_147_483_648.9), i32::MIN);
        assert_eq!(c_int_of(2_147_483_647.9), i32::MAX);
        assert_eq!(c_int_of(2_147_483_648.0), i32::MIN);
        assert_eq!(c_int_of(f64::NAN), i32::MIN);
        assert_eq!(c_int_of(f64::INFINITY), i32::MIN);
        assert_eq!(c_int_of(-1e300), i32::MIN);
    }
}
