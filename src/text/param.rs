//! RFC 5987 extended parameter values (`charset'lang'pct-encoded`), as neon's
//! `ne_strparam` produces them for HTTP header parameters.

use super::hex;

/// RFC 5987 `attr-char`: the bytes that may appear unencoded in a value.
pub fn is_attr_char(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
        )
}

/// The extended form of `value`, or `None` when every byte is an attr-char and
/// the value can be sent as a regular parameter. Other bytes become `%hh`
/// (lower-case hex, as neon writes them); `charset` and `lang` are copied as
/// given, a missing language leaving the part between the quotes empty.
pub fn ext_value(charset: &[u8], lang: Option<&[u8]>, value: &[u8]) -> Option<Vec<u8>> {
    if value.iter().all(|&b| is_attr_char(b)) {
        return None;
    }
    let lang = lang.unwrap_or_default();
    let mut out = Vec::with_capacity(charset.len() + lang.len() + 2 + value.len() * 3);
    out.extend_from_slice(charset);
    out.push(b'\'');
    out.extend_from_slice(lang);
    out.push(b'\'');
    for &b in value {
        if is_attr_char(b) {
            out.push(b);
        } else {
            out.push(b'%');
            out.extend_from_slice(&hex::byte_digits(b));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attr_chars() {
        let plain: Vec<u8> = (0..=255u8).filter(|&b| is_attr_char(b)).collect();
        assert_eq!(
            plain,
            b"!#$&+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~"
        );
    }

    #[test]
    fn plain_values_need_no_encoding() {
        assert_eq!(ext_value(b"UTF-8", None, b"abc.txt"), None);
        assert_eq!(ext_value(b"UTF-8", Some(b"en"), b""), None);
    }

    #[test]
    fn encodes_other_bytes() {
        assert_eq!(
            ext_value(b"UTF-8", None, "€ rates".as_bytes()).unwrap(),
            b"UTF-8''%e2%82%ac%20rates"
        );
        assert_eq!(
            ext_value(b"ISO-8859-1", Some(b"en-GB"), b"a\"b;c").unwrap(),
            b"ISO-8859-1'en-GB'a%22b%3bc"
        );
    }
}
