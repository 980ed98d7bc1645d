//! Byte-string utilities of neon's string API, in safe Rust.

pub mod base64;
pub mod buffer;
pub mod case;
pub mod hash;
pub mod hex;
pub mod param;
pub mod quote;
pub mod token;

/// neon's `ne_strclean` mapping: printable ASCII is kept, anything else
/// (controls, DEL, bytes >= 0x80) becomes a space. Locale-independent.
#[inline]
pub fn clean_byte(b: u8) -> u8 {
    if (0x20..0x7f).contains(&b) { b } else { b' ' }
}

/// Applies [`clean_byte`] in place.
pub fn clean(s: &mut [u8]) {
    for b in s {
        *b = clean_byte(*b);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clean_maps_non_printables() {
        let mut s = *b"a\tb\x7f\x80~ ";
        super::clean(&mut s);
        assert_eq!(&s, b"a b  ~ ");
    }
}
