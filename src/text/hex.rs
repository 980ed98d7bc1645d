//! Lower-case hexadecimal rendering, as neon writes it everywhere (escapes,
//! percent-encoding, digests).

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
}
