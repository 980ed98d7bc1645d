//! Character classes of RFC 3986 (§2), as neon's parser and escaper use them.

/// unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"
pub fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// sub-delims = "!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="
pub fn is_sub_delim(b: u8) -> bool {
    matches!(
        b,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

/// gen-delims = ":" / "/" / "?" / "#" / "[" / "]" / "@"
pub fn is_gen_delim(b: u8) -> bool {
    matches!(b, b':' | b'/' | b'?' | b'#' | b'[' | b']' | b'@')
}

/// Bytes that may not appear in a URI at all (controls, space, `"<>\^`{|}`,
/// DEL and every non-ASCII byte).
pub fn is_non_uri(b: u8) -> bool {
    !(is_unreserved(b) || is_sub_delim(b) || is_gen_delim(b) || b == b'%')
}

/// scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
pub fn is_scheme(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
}

/// userinfo = *( unreserved / pct-encoded / sub-delims / ":" )
pub fn is_userinfo(b: u8) -> bool {
    is_unreserved(b) || is_sub_delim(b) || matches!(b, b'%' | b':')
}

/// pchar plus "/": the bytes of a path (pct-encoding is not validated, so a
/// bare "%" is accepted as neon does).
pub fn is_path(b: u8) -> bool {
    is_userinfo(b) || matches!(b, b'@' | b'/')
}

/// query = fragment = *( pchar / "/" / "?" )
pub fn is_query(b: u8) -> bool {
    is_path(b) || b == b'?'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(f: fn(u8) -> bool) -> Vec<u8> {
        (0..=255u8).filter(|&b| f(b)).collect()
    }

    #[test]
    fn classes_partition_ascii_as_rfc3986() {
        let punct = |f: fn(u8) -> bool| -> Vec<u8> {
            members(f)
                .into_iter()
                .filter(|b| !b.is_ascii_alphanumeric())
                .collect()
        };
        assert_eq!(punct(is_unreserved), b"-._~");
        assert_eq!(punct(is_sub_delim), b"!$&'()*+,;=");
        assert_eq!(punct(is_gen_delim), b"#/:?@[]");
        assert_eq!(punct(is_scheme), b"+-.");
        assert_eq!(punct(is_userinfo), b"!$%&'()*+,-.:;=_~");
        assert_eq!(punct(is_path), b"!$%&'()*+,-./:;=@_~");
        assert_eq!(punct(is_query), b"!$%&'()*+,-./:;=?@_~");
        let non_uri = members(is_non_uri);
        let ascii: Vec<u8> = non_uri.iter().copied().filter(|&b| b < 0x80).collect();
        let mut want: Vec<u8> = (0..=0x20).collect();
        want.extend_from_slice(b"\"<>\\^`{|}\x7f");
        want.sort();
        assert_eq!(ascii, want);
        assert_eq!(non_uri.len(), want.len() + 128);
    }
}
