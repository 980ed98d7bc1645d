//! ASCII case folding as in the POSIX locale, whatever the process locale is:
//! neon's `ne_tolower` table, `ne_strcasecmp` and `ne_strncasecmp`.

/// Lower-case mapping of every byte value; only `A`–`Z` change.
pub static TOLOWER: [u8; 256] = tolower_table();

const fn tolower_table() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < table.len() {
        table[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    table
}

/// Lower-cases ASCII letters in place (neon's `ne_strlower`).
pub fn lower_in_place(s: &mut [u8]) {
    s.make_ascii_lowercase();
}

/// Upper-cases ASCII letters in place (neon's `ne_strupper`).
pub fn upper_in_place(s: &mut [u8]) {
    s.make_ascii_uppercase();
}

/// Compares two strings ignoring ASCII case, like C `strcasecmp` in the POSIX
/// locale: the difference of the first pair of differing lower-cased bytes,
/// where the end of a string counts as a NUL byte.
pub fn casecmp(a: &[u8], b: &[u8]) -> i32 {
    ncasecmp(a, b, usize::MAX)
}

/// [`casecmp`] over at most the first `n` bytes (0 when `n` is 0).
pub fn ncasecmp(a: &[u8], b: &[u8], n: usize) -> i32 {
    let byte = |s: &[u8], i: usize| TOLOWER[usize::from(s.get(i).copied().unwrap_or(0))];
    for i in 0..n {
        let (c1, c2) = (byte(a, i), byte(b, i));
        if c1 == 0 || c1 != c2 {
            return i32::from(c1) - i32::from(c2);
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_folds_only_ascii_letters() {
        assert_eq!(TOLOWER[usize::from(b'A')], b'a');
        assert_eq!(TOLOWER[usize::from(b'Z')], b'z');
        assert_eq!(TOLOWER[usize::from(b'[')], b'[');
        assert_eq!(TOLOWER[usize::from(b'@')], b'@');
        assert_eq!(TOLOWER[0xc4], 0xc4);
        let changed = (0..=255u8)
            .filter(|&c| TOLOWER[usize::from(c)] != c)
            .count();
        assert_eq!(changed, 26);
    }

    #[test]
    fn casecmp_orders_like_posix() {
        assert_eq!(casecmp(b"Hello", b"hELLO"), 0);
        assert_eq!(casecmp(b"", b""), 0);
        assert_eq!(casecmp(b"a", b"B"), i32::from(b'a') - i32::from(b'b'));
        assert_eq!(casecmp(b"abc", b"ab"), i32::from(b'c'));
        assert_eq!(casecmp(b"ab", b"abc"), -i32::from(b'c'));
        // '[' sorts after 'Z' but before 'a' once folded.
        assert_eq!(casecmp(b"[", b"a"), i32::from(b'[') - i32::from(b'a'));
        assert_eq!(casecmp(b"\xe9", b"\xc9"), 0xe9 - 0xc9);
    }

    #[test]
    fn ncasecmp_stops_after_n() {
        assert_eq!(ncasecmp(b"abcX", b"ABCy", 3), 0);
        assert_ne!(ncasecmp(b"abcX", b"ABCy", 4), 0);
        assert_eq!(ncasecmp(b"a", b"b", 0), 0);
        assert_eq!(ncasecmp(b"ab", b"AB", 10), 0);
        assert_eq!(ncasecmp(b"ab", b"", 10), i32::from(b'a'));
    }
}
