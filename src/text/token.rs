//! Splitting and trimming of NUL-terminated strings in place: the positions
//! behind neon's `ne_token`, `ne_qtoken` and `ne_shave`. The slices here are
//! the C strings without their terminator.

use std::ops::Range;

/// Index of the first `sep` in `s`, as C `strchr` finds it: a NUL separator
/// matches the string's terminator, at `s.len()`.
pub fn token_end(s: &[u8], sep: u8) -> Option<usize> {
    if sep == 0 {
        return Some(s.len());
    }
    s.iter().position(|&c| c == sep)
}

/// Where `ne_qtoken` ends the next token.
#[derive(Debug, PartialEq, Eq)]
pub enum QToken {
    /// The token ends at this index, which holds the separator.
    Split(usize),
    /// No separator outside quotes: the token is the rest of the string.
    Whole,
    /// A quote opened outside quotes is never closed.
    Unterminated,
}

/// Finds the first `sep` that is not inside a quoted part. A quoted part
/// starts at any byte of `quotes` and runs to the next occurrence of that
/// same byte; quote bytes are checked before the separator.
pub fn qtoken(s: &[u8], sep: u8, quotes: &[u8]) -> QToken {
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if quotes.contains(&c) {
            match s[i + 1..].iter().position(|&q| q == c) {
                Some(close) => i += close + 1,
                None => return QToken::Unterminated,
            }
        } else if c == sep {
            return QToken::Split(i);
        }
        i += 1;
    }
    QToken::Whole
}

/// The part of `s` left once bytes of `whitespace` are removed from both ends.
pub fn shave(s: &[u8], whitespace: &[u8]) -> Range<usize> {
    let is_ws = |c: &u8| whitespace.contains(c);
    let start = s.iter().position(|c| !is_ws(c)).unwrap_or(s.len());
    let end = s.iter().rposition(|c| !is_ws(c)).map_or(start, |i| i + 1);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_end_finds_first_separator() {
        assert_eq!(token_end(b"a,b,c", b','), Some(1));
        assert_eq!(token_end(b",", b','), Some(0));
        assert_eq!(token_end(b"abc", b','), None);
        assert_eq!(token_end(b"", b','), None);
        assert_eq!(token_end(b"abc", 0), Some(3));
    }

    #[test]
    fn qtoken_skips_quoted_parts() {
        assert_eq!(qtoken(b"a,b", b',', b"\""), QToken::Split(1));
        assert_eq!(qtoken(b"\"a,b\",c", b',', b"\""), QToken::Split(5));
        assert_eq!(qtoken(b"'a,\"b',c", b',', b"\"'"), QToken::Split(6));
        assert_eq!(qtoken(b"x\"a,b", b',', b"\""), QToken::Unterminated);
        assert_eq!(qtoken(b"a\"\"b", b',', b"\""), QToken::Whole);
        assert_eq!(qtoken(b"", b',', b"\""), QToken::Whole);
        // A separator that is also a quote byte opens a quoted part.
        assert_eq!(qtoken(b"a\"b\"c", b'"', b"\""), QToken::Whole);
        assert_eq!(qtoken(b"a,b", 0, b"\""), QToken::Whole);
        assert_eq!(qtoken(b"a,b", b',', b""), QToken::Split(1));
    }

    #[test]
    fn shave_trims_both_ends() {
        assert_eq!(shave(b"  ab c \t", b" \t"), 2..6);
        assert_eq!(shave(b"abc", b" "), 0..3);
        assert_eq!(shave(b"    ", b" "), 4..4);
        assert_eq!(shave(b"", b" "), 0..0);
        assert_eq!(shave(b"xxaxx", b"x"), 2..3);
        assert_eq!(shave(b" a ", b""), 0..3);
    }
}
