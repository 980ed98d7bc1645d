//! Character classes of XML 1.0 (fifth edition), as libxml2 applies them.

/// A character allowed in a document (the `Char` production).
pub fn is_xml_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// `NameStartChar`.
pub fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// `NameChar`.
pub fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// XML white space.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// ASCII name characters: 1 = may start a name, 2 = may continue one.
const ASCII_NAME: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphabetic() || b == b'_' || b == b':' {
            t[c] = 3;
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            t[c] = 2;
        }
        c += 1;
    }
    t
};

/// Length of the `Name` at the start of `s` (0 if it does not start with one).
pub fn name_len(s: &str) -> usize {
    let b = s.as_bytes();
    // ASCII fast path; the first non-ASCII byte hands over to char decoding.
    let mut i = 0;
    while i < b.len() && b[i] < 0x80 {
        let class = ASCII_NAME[b[i] as usize];
        if class & if i == 0 { 1 } else { 2 } == 0 {
            return i;
        }
        i += 1;
    }
    if i == b.len() {
        return i;
    }
    let mut it = s[i..].char_indices();
    if i == 0 {
        match it.next() {
            Some((_, c)) if is_name_start(c) => {}
            _ => return 0,
        }
    }
    for (j, c) in it {
        if c.is_ascii() {
            if ASCII_NAME[c as usize] & 2 == 0 {
                return i + j;
            }
        } else if !is_name_char(c) {
            return i + j;
        }
    }
    s.len()
}

/// Lines a span adds: libxml2 counts LF characters (so CR LF once, and a
/// lone CR not at all).
pub fn count_lines(s: &[u8]) -> u32 {
    memchr::memchr_iter(b'\n', s).count() as u32
}

/// Where `s` stops being valid document text: the offset of the first byte
/// that is not UTF-8 or not a `Char`, with what is wrong there.
pub fn check_text(s: &[u8]) -> Result<(), (usize, BadChar)> {
    // Fast path: printable ASCII and the three white-space controls.
    let ascii_ok = |b: u8| (0x20..0x80).contains(&b) || b == b'\t' || b == b'\n' || b == b'\r';
    let first_odd = match s.iter().position(|&b| !ascii_ok(b)) {
        None => return Ok(()),
        Some(i) => i,
    };
    let mut i = first_odd;
    while i < s.len() {
        let b = s[i];
        if ascii_ok(b) {
            i += 1;
            continue;
        }
        if b < 0x80 {
            return Err((i, BadChar::Char(b as u32)));
        }
        let n = match b {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return Err((i, BadChar::Utf8)),
        };
        let Some(seq) = s.get(i..i + n) else {
            return Err((i, BadChar::Truncated));
        };
        let Ok(st) = std::str::from_utf8(seq) else {
            return Err((i, BadChar::Utf8));
        };
        let c = st.chars().next().map_or(0, |c| c as u32);
        if !is_xml_char(c) {
            return Err((i, BadChar::Char(c)));
        }
        i += n;
    }
    Ok(())
}

/// What [`check_text`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadChar {
    /// Not UTF-8.
    Utf8,
    /// A UTF-8 sequence cut short by the end of the data.
    Truncated,
    /// A character outside `Char`.
    Char(u32),
}
