//! The tokenizer's fast lane: the shapes that make up nearly all of a
//! WebDAV response body (ASCII start tags whose attribute values need no
//! normalization, ASCII end tags, ASCII text without CR, references or
//! `]]>`), each recognised in one pass that also counts its lines. Anything
//! else, or a token not yet complete in the buffer, is left to the general
//! path, which gives the same events for these shapes and the errors for
//! the rest.

use super::attrs::AttrSpan;

/// Byte classes: bit 1 may start an ASCII name, bit 2 may continue one,
/// bit 4 is ordinary text (printable ASCII other than `<`, `&`, `]`).
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0x20;
    while c < 0x7f {
        let b = c as u8;
        if b != b'<' && b != b'&' && b != b']' {
            t[c] |= 4;
        }
        if b.is_ascii_alphabetic() || b == b'_' || b == b':' {
            t[c] |= 3;
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            t[c] |= 2;
        }
        c += 1;
    }
    t[b'\t' as usize] |= 4;
    t
};

/// The end of the ASCII name starting at `i`, if the buffer holds all of
/// it and it is followed by an ASCII byte.
fn ascii_name(s: &[u8], i: usize) -> Option<usize> {
    let rest = s.get(i..)?;
    if CLASS[*rest.first()? as usize] & 1 == 0 {
        return None;
    }
    let n = rest.iter().position(|&b| CLASS[b as usize] & 2 == 0)?;
    (rest[n] < 0x80).then_some(i + n)
}

/// Skips white space from `i`, counting line feeds into `nl`.
fn skip_space(s: &[u8], i: usize, nl: &mut u32) -> usize {
    let rest = &s[i.min(s.len())..];
    let n = rest
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        .unwrap_or(rest.len());
    *nl += rest[..n].iter().filter(|&&b| b == b'\n').count() as u32;
    i + n
}

/// A start tag the fast lane read.
pub struct StartTag<'a> {
    /// The tag, `<` to `>`, when it has attributes (else not converted).
    pub text: Option<&'a str>,
    /// Bytes, `<` to `>`.
    pub len: usize,
    /// The name is at 1..name_end.
    pub name_end: usize,
    pub empty: bool,
    /// Line feeds inside.
    pub lines: u32,
}

/// Reads the start tag at the start of `s` (which begins with `<` and a
/// name) and stores its attributes as `tag::start` does (`ranges` is
/// scratch space); None to leave it to the general path.
pub fn start_tag<'a>(
    s: &'a [u8],
    buf: &mut String,
    spans: &mut Vec<AttrSpan>,
    ranges: &mut Vec<[usize; 4]>,
) -> Option<StartTag<'a>> {
    ranges.clear();
    let name_end = ascii_name(s, 1)?;
    let mut lines = 0;
    let mut i = name_end;
    let (len, empty) = loop {
        let spaced = skip_space(s, i, &mut lines);
        let b = *s.get(spaced)?;
        if b == b'>' || b == b'/' {
            let empty = b == b'/';
            if empty && *s.get(spaced + 1)? != b'>' {
                return None;
            }
            break (spaced + 1 + empty as usize, empty);
        }
        // Attributes are separated by white space.
        if spaced == i {
            return None;
        }
        let an = spaced;
        let an_end = ascii_name(s, an)?;
        i = skip_space(s, an_end, &mut lines);
        if *s.get(i)? != b'=' {
            return None;
        }
        i = skip_space(s, i + 1, &mut lines);
        let q = *s.get(i)?;
        if q != b'"' && q != b'\'' {
            return None;
        }
        let v = i + 1;
        // A value that needs normalizing (white space controls,
        // references) or is not plain ASCII goes the general way.
        let n = s
            .get(v..)?
            .iter()
            .position(|&b| b == q || !(0x20..0x7f).contains(&b) || b == b'<' || b == b'&')?;
        i = v + n;
        if s[i] != q {
            return None;
        }
        let name = &s[an..an_end];
        if ranges.iter().any(|r| &s[r[0]..r[1]] == name) {
            return None;
        }
        ranges.push([an, an_end, v, i]);
        i += 1;
    };
    buf.clear();
    spans.clear();
    if ranges.is_empty() {
        return Some(StartTag {
            text: None,
            len,
            name_end,
            empty,
            lines,
        });
    }
    // One conversion for the whole tag (all ASCII by now).
    let text = std::str::from_utf8(&s[..len]).ok()?;
    for &[a, b, c, d] in ranges.iter() {
        let n0 = buf.len() as u32;
        buf.push_str(&text[a..b]);
        let n1 = buf.len() as u32;
        buf.push('\0');
        buf.push_str(&text[c..d]);
        let v1 = buf.len() as u32;
        buf.push('\0');
        spans.push(AttrSpan {
            name: (n0, n1),
            value: (n1 + 1, v1),
        });
    }
    Some(StartTag {
        text: Some(text),
        len,
        name_end,
        empty,
        lines,
    })
}

/// Short strings seen before (element names, status lines, dates), kept
/// as `str` so that meeting one again costs a comparison, not a UTF-8
/// check. Direct-mapped, 64 slots of at most 64 bytes: bounded memory.
pub struct StrCache {
    slots: Vec<String>,
}

const SLOTS: usize = 64;
const CACHED_LEN: usize = 64;

impl Default for StrCache {
    fn default() -> Self {
        StrCache {
            slots: vec![String::new(); SLOTS],
        }
    }
}

impl StrCache {
    /// `bytes` as a str, if they are UTF-8.
    pub fn get<'a>(&'a mut self, bytes: &'a [u8]) -> Option<&'a str> {
        let n = bytes.len();
        if n == 0 || n > CACHED_LEN {
            return std::str::from_utf8(bytes).ok();
        }
        let h =
            (n * 7 + bytes[0] as usize * 31 + bytes[n - 1] as usize * 131 + bytes[n / 2] as usize)
                % SLOTS;
        let slot = &mut self.slots[h];
        if slot.as_bytes() != bytes {
            let s = std::str::from_utf8(bytes).ok()?;
            slot.clear();
            slot.push_str(s);
        }
        Some(slot.as_str())
    }
}

/// Reads the end tag at the start of `s` (`</`) if it closes `open`: its
/// length and line feeds; None to leave it to the general path.
pub fn end_tag(s: &[u8], open: &str) -> Option<(usize, u32)> {
    let end = 2 + open.len();
    if s.get(2..end)? != open.as_bytes() {
        return None;
    }
    let mut lines = 0;
    let i = skip_space(s, end, &mut lines);
    match *s.get(i)? {
        b'>' => Some((i + 1, lines)),
        _ => None,
    }
}

/// Runs of line feeds, the commonest text of all (between elements).
const NEWLINES: &str = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";

/// The text run at the start of `s` up to the next `<` or `&`, if it is
/// plain ASCII without CR and `]`, and the buffer holds its end: its
/// length, line feeds, and the text itself when it is only line feeds.
pub fn text(s: &[u8]) -> Option<(usize, u32, Option<&'static str>)> {
    let mut lines = 0;
    for (i, &b) in s.iter().enumerate() {
        if CLASS[b as usize] & 4 == 0 {
            match b {
                b'\n' => lines += 1,
                b'<' | b'&' => {
                    let nl = (lines as usize == i && i <= NEWLINES.len()).then(|| &NEWLINES[..i]);
                    return Some((i, lines, nl));
                }
                _ => return None,
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_tags() {
        let (mut buf, mut spans, mut r) = (String::new(), Vec::new(), Vec::new());
        let t = start_tag(b"<D:a x='1' y=\"2\"\n>rest", &mut buf, &mut spans, &mut r).unwrap();
        assert_eq!((t.len, t.name_end, t.empty, t.lines), (18, 4, false, 1));
        assert_eq!(buf, "x\x001\x00y\x002\x00");
        let t = start_tag(b"<a />", &mut buf, &mut spans, &mut r).unwrap();
        assert!(t.empty && spans.is_empty() && t.text.is_none());
        for general in [
            &b"<a x='1'y='2'>"[..],
            b"<a x='1' x='2'>",
            b"<a x='&amp;'>",
            b"<a x='\t'>",
            b"<a\xc3\xa9>",
            b"<a x='1'",
            b"<a/x>",
            b"<a x>",
        ] {
            assert!(
                start_tag(general, &mut buf, &mut spans, &mut r).is_none(),
                "{general:?}"
            );
        }
    }

    #[test]
    fn cached_strings() {
        let mut c = StrCache::default();
        assert_eq!(c.get(b"D:href"), Some("D:href"));
        assert_eq!(c.get(b"D:href"), Some("D:href"));
        assert_eq!(c.get(b"D:hrefx"), Some("D:hrefx"));
        assert_eq!(c.get(b"\xff"), None);
        assert_eq!(c.get(&[b'a'; 100]).map(str::len), Some(100));
    }

    #[test]
    fn end_tags_and_text() {
        assert_eq!(end_tag(b"</D:a \n>", "D:a"), Some((8, 1)));
        assert_eq!(end_tag(b"</D:ab>", "D:a"), None);
        assert_eq!(end_tag(b"</D:a", "D:a"), None);
        assert_eq!(text(b"a\nb\tc<"), Some((5, 1, None)));
        assert_eq!(text(b"a&amp;"), Some((1, 0, None)));
        assert_eq!(text(b"\n\n<"), Some((2, 2, Some("\n\n"))));
        assert_eq!(text(b"a\rb<"), None);
        assert_eq!(text(b"a]]>b<"), None);
        assert_eq!(text(b"caf\xc3\xa9<"), None);
        assert_eq!(text(b"no end"), None);
    }
}
