//! Lower-case hexadecimal rendering, as neon writes it everywhere (escapes,
//! percent-encoding, digests), and neon 0.35's strict hex parser.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// The two lower-case hex digits of `b`.
pub fn byte_digits(b: u8) -> [u8; 2] {
    [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 0x0f)]]
}

/// `bytes` as hex digit pairs, separated by `sep` if given (neon's digest
/// rendering: "0a1b" or "0a:1b").
pub fn render(bytes: &[u8], sep: Option<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() * 3);
    for (i, &b) in bytes.iter().enumerate() {
        if let (Some(s), true) = (sep, i > 0) {
            out.push(s);
        }
        out.extend_from_slice(&byte_digits(b));
    }
    out
}

/// The result of [`parse_ulong`]: what `ne_strhextoul` returns, where it
/// stopped, and the errno it leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HexParse {
    pub value: u64,
    /// Bytes consumed (where `*endptr` points).
    pub end: usize,
    /// 0, EINVAL (no number may start here) or ERANGE (overflow).
    pub errno: i32,
}

/// neon's `ne_strhextoul`: an unsigned hex number with no "0x" prefix, no
/// sign and no leading blanks. A string not starting with an ASCII letter
/// or digit (or starting "0x") gives `u64::MAX`, nothing consumed and
/// EINVAL; a letter that is no hex digit gives 0 with nothing consumed; an
/// overflow gives `u64::MAX` (all digits consumed) and ERANGE.
pub fn parse_ulong(s: &[u8]) -> HexParse {
    let first = s.first().copied().unwrap_or(0);
    if (first == b'0' && matches!(s.get(1), Some(b'x' | b'X'))) || !first.is_ascii_alphanumeric() {
        return HexParse {
            value: u64::MAX,
            end: 0,
            errno: libc::EINVAL,
        };
    }
    let digits = s.iter().take_while(|c| c.is_ascii_hexdigit()).count();
    let value = s[..digits].iter().try_fold(0u64, |v, &c| {
        let d = u64::from((c as char).to_digit(16).unwrap_or(0));
        v.checked_mul(16)?.checked_add(d)
    });
    match value {
        Some(value) => HexParse {
            value,
            end: digits,
            errno: 0,
        },
        None => HexParse {
            value: u64::MAX,
            end: digits,
            errno: libc::ERANGE,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_lower_case() {
        assert_eq!(&byte_digits(0x00), b"00");
        assert_eq!(&byte_digits(0xaf), b"af");
        assert_eq!(&byte_digits(0x9C), b"9c");
    }

    #[test]
    fn render_with_and_without_separator() {
        assert_eq!(render(&[0x01, 0xfe, 0x7a], None), b"01fe7a");
        assert_eq!(render(&[0x01, 0xfe, 0x7a], Some(b':')), b"01:fe:7a");
        assert_eq!(render(&[0xff], Some(b' ')), b"ff");
        assert_eq!(render(&[], Some(b':')), b"");
    }

    #[test]
    fn strict_hex_like_neon() {
        let p = |s: &[u8]| {
            let r = parse_ulong(s);
            (r.value, r.end, r.errno)
        };
        assert_eq!(p(b"1a;ext"), (0x1a, 2, 0));
        assert_eq!(p(b"FFff"), (0xffff, 4, 0));
        assert_eq!(p(b"0"), (0, 1, 0));
        assert_eq!(p(b"g1"), (0, 0, 0));
        assert_eq!(p(b"0x10"), (u64::MAX, 0, libc::EINVAL));
        assert_eq!(p(b"0X10"), (u64::MAX, 0, libc::EINVAL));
        assert_eq!(p(b" 1"), (u64::MAX, 0, libc::EINVAL));
        assert_eq!(p(b"-1"), (u64::MAX, 0, libc::EINVAL));
        assert_eq!(p(b""), (u64::MAX, 0, libc::EINVAL));
        assert_eq!(p(b"ffffffffffffffff"), (u64::MAX, 16, 0));
        assert_eq!(p(b"10000000000000000x"), (u64::MAX, 17, libc::ERANGE));
        assert_eq!(p(b"00x1"), (0, 2, 0));
    }
}
