//! Entity and character references (`&name;`, `&#n;`, `&#xh;`).
//!
//! Neon's XML parser defines no entities of its own (declarations in a
//! DTD are not recorded), so only the five predefined ones resolve; any
//! other name is an error. Nothing is ever expanded recursively, so no
//! "billion laughs" document can make the parser work or allocate more
//! than its size.

use super::chars::{is_xml_char, name_len};
use super::error::ErrorKind;

/// What a reference at the start of `s` (which begins with `&`) stands for.
///
/// `Ok(None)`: the data ends before the reference does (and more may
/// come). `Ok(Some((len, c)))`: the reference is `len` bytes and means `c`.
/// `Err((offset, kind))`: it is malformed at `offset`.
pub fn parse(s: &[u8], more: bool) -> Result<Option<(usize, char)>, (usize, ErrorKind)> {
    debug_assert_eq!(s.first(), Some(&b'&'));
    if s.get(1) == Some(&b'#') {
        return char_ref(s, more);
    }
    let tail = &s[1..];
    let valid = match std::str::from_utf8(tail) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&tail[..e.valid_up_to()]).unwrap_or(""),
    };
    let n = name_len(valid);
    if n == valid.len()
        && more
        && (valid.len() == tail.len() || incomplete_utf8(&tail[valid.len()..]))
    {
        return Ok(None);
    }
    if n == 0 {
        return Err((1, ErrorKind::EntityRefNoName));
    }
    if tail.get(n) != Some(&b';') {
        return Err((1 + n, ErrorKind::EntityRefNoSemicolon));
    }
    let name = &valid[..n];
    match quick_xml::escape::resolve_predefined_entity(name) {
        Some(v) => Ok(Some((n + 2, v.chars().next().unwrap_or('\0')))),
        None => Err((n + 2, ErrorKind::UndefinedEntity(name.to_string()))),
    }
}

fn incomplete_utf8(rest: &[u8]) -> bool {
    // A UTF-8 lead byte whose sequence the data does not yet hold.
    match rest.first() {
        Some(&b) if b >= 0xC0 => {
            let need = if b >= 0xF0 {
                4
            } else if b >= 0xE0 {
                3
            } else {
                2
            };
            rest.len() < need
        }
        _ => false,
    }
}

fn char_ref(s: &[u8], more: bool) -> Result<Option<(usize, char)>, (usize, ErrorKind)> {
    let hex = s.get(2) == Some(&b'x');
    let bad = if hex {
        ErrorKind::BadHexCharRef
    } else {
        ErrorKind::BadDecCharRef
    };
    let mut value: u32 = 0;
    let mut i = if hex { 3 } else { 2 };
    loop {
        let Some(&b) = s.get(i) else {
            return if more { Ok(None) } else { Err((i, bad)) };
        };
        let digit = match b {
            b'0'..=b'9' => (b - b'0') as u32,
            b'a'..=b'f' if hex => (b - b'a' + 10) as u32,
            b'A'..=b'F' if hex => (b - b'A' + 10) as u32,
            // "&#;" is the character 0, which is refused below.
            b';' => break,
            _ => return Err((i, bad)),
        };
        // libxml2 stops counting past the last code point.
        value = (value * if hex { 16 } else { 10 } + digit).min(0x110000);
        i += 1;
    }
    match char::from_u32(value) {
        Some(c) if is_xml_char(value) => Ok(Some((i + 1, c))),
        _ => Err((i + 1, ErrorKind::InvalidCharRef(value))),
    }
}
