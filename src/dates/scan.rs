//! The subset of glibc's `sscanf` that neon's date formats use: `%Ns`, `%Nd`,
//! `%lf`, white space (any amount, including none) and literal bytes.
//!
//! As with `sscanf`, the result is the list of conversions that succeeded
//! before the first failure; a literal that fails after the last conversion
//! (such as the "GMT" ending neon's formats) therefore goes unnoticed.

use super::float::scan_float;

/// One converted field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field<'a> {
    Str(&'a [u8]),
    Int(i32),
    Float(f64),
}

impl Field<'_> {
    pub fn int(self) -> i32 {
        match self {
            Field::Int(n) => n,
            _ => unreachable!("not an integer field"),
        }
    }

    pub fn str(&self) -> &[u8] {
        match self {
            Field::Str(s) => s,
            _ => unreachable!("not a string field"),
        }
    }

    pub fn float(self) -> f64 {
        match self {
            Field::Float(x) => x,
            _ => unreachable!("not a floating-point field"),
        }
    }
}

/// Scans `input` by `format` (a format using only the conversions above;
/// anything else is a programming error and panics).
pub fn scan<'a>(input: &'a [u8], format: &str) -> Vec<Field<'a>> {
    let mut fields = Vec::new();
    let mut pos = 0;
    let mut fmt = format.as_bytes();
    while let Some((&f, rest)) = fmt.split_first() {
        fmt = rest;
        if is_c_space(f) {
            pos = skip_space(input, pos);
            continue;
        }
        if f != b'%' {
            if input.get(pos) != Some(&f) {
                break;
            }
            pos += 1;
            continue;
        }
        let width_len = fmt.iter().take_while(|c| c.is_ascii_digit()).count();
        let width: usize = std::str::from_utf8(&fmt[..width_len])
            .unwrap_or_default()
            .parse()
            .unwrap_or(usize::MAX);
        let (conversion, rest) = if fmt[width_len..].starts_with(b"lf") {
            (b'f', &fmt[width_len + 2..])
        } else {
            (fmt[width_len], &fmt[width_len + 1..])
        };
        fmt = rest;
        // Every conversion used here skips leading white space first.
        pos = skip_space(input, pos);
        let converted = match conversion {
            b's' => scan_str(&input[pos..], width),
            b'd' => scan_int(&input[pos..], width),
            b'f' => scan_float(&input[pos..]).map(|(x, n)| (Field::Float(x), n)),
            other => panic!("unsupported conversion %{}", other as char),
        };
        let Some((field, used)) = converted else {
            break;
        };
        fields.push(field);
        pos += used;
    }
    fields
}

/// `%Ns`: up to `width` bytes of non-white-space (at least one).
fn scan_str(input: &[u8], width: usize) -> Option<(Field<'_>, usize)> {
    let len = input
        .iter()
        .take(width)
        .take_while(|&&c| !is_c_space(c))
        .count();
    (len > 0).then(|| (Field::Str(&input[..len]), len))
}

/// `%Nd`: an optional sign and decimal digits, at most `width` bytes in all.
fn scan_int(input: &[u8], width: usize) -> Option<(Field<'_>, usize)> {
    let signed = usize::from(matches!(input.first(), Some(b'+' | b'-')));
    let digits = input[signed..]
        .iter()
        .take(width.saturating_sub(signed))
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 0 {
        return None;
    }
    let len = signed + digits;
    let magnitude = input[signed..len].iter().fold(0i64, |n, &d| {
        n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    });
    let value = if input[0] == b'-' {
        -magnitude
    } else {
        magnitude
    };
    // glibc stores strtol's long result into the int argument.
    Some((Field::Int(value as i32), len))
}

fn skip_space(input: &[u8], pos: usize) -> usize {
    pos + input[pos.min(input.len())..]
        .iter()
        .take_while(|&&c| is_c_space(c))
        .count()
}

/// `isspace` in the C locale.
fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(fields: &[Field]) -> Vec<i32> {
        fields.iter().map(|f| f.int()).collect()
    }

    #[test]
    fn strings_and_widths() {
        let f = scan(b"  Sunday, 06", "%3s, %02d");
        assert_eq!(f, vec![Field::Str(b"Sun")]);
        let f = scan(b"Sun, 06", "%3s, %02d");
        assert_eq!(f, vec![Field::Str(b"Sun"), Field::Int(6)]);
        let f = scan(b"Wednesday, 06", "%10s %2d");
        assert_eq!(f, vec![Field::Str(b"Wednesday,"), Field::Int(6)]);
        let f = scan(b"06-No-94", "%2d-%3s-%2d");
        assert_eq!(f, vec![Field::Int(6), Field::Str(b"No-")]);
    }

    #[test]
    fn integers() {
        assert_eq!(ints(&scan(b"123", "%2d%d")), vec![12, 3]);
        assert_eq!(ints(&scan(b" -5", "%2d")), vec![-5]);
        assert_eq!(ints(&scan(b"+5", "%2d")), vec![5]);
        assert_eq!(ints(&scan(b"-55", "%2d%2d")), vec![-5, 5]);
        assert_eq!(ints(&scan(b"+x", "%2d")), vec![]);
        assert_eq!(ints(&scan(b"- 5", "%2d")), vec![]);
        assert_eq!(ints(&scan(b"\t\n 2001-06", "%4d-%02d")), vec![2001, 6]);
        assert_eq!(ints(&scan(b"20011", "%4d%d")), vec![2001, 1]);
        assert_eq!(
            ints(&scan(b"99999999999", "%d")),
            vec![99_999_999_999i64 as i32]
        );
    }

    #[test]
    fn literals_and_space() {
        // Format white space matches any amount of input white space, even none.
        assert_eq!(ints(&scan(b"1:2", "%d : %d")), vec![1, 2]);
        assert_eq!(ints(&scan(b"1 \t:\n2", "%d : %d")), vec![1, 2]);
        // A literal does not skip white space by itself.
        assert_eq!(ints(&scan(b"1 :2", "%d:%d")), vec![1]);
        // A failing trailing literal does not undo the conversions.
        assert_eq!(ints(&scan(b"1 UTC", "%d GMT")), vec![1]);
        assert_eq!(ints(&scan(b"1", "%d GMT")), vec![1]);
        assert_eq!(ints(&scan(b"", "%d")), vec![]);
    }

    #[test]
    fn floats() {
        let f = scan(b"12:30:46.9Z", "%02d:%02d:%lfZ");
        assert_eq!(f, vec![Field::Int(12), Field::Int(30), Field::Float(46.9)]);
        let f = scan(b"1e+03:30", "%lf+%02d");
        assert_eq!(f, vec![Field::Float(1000.0)]);
    }
}
