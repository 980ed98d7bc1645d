//! Start and end tags: libxml2's well-formedness rules with its messages,
//! then quick-xml's attribute iterator and value normalization.

use quick_xml::escape::{normalize_attribute_value, resolve_predefined_entity};
use quick_xml::events::BytesStart;
use quick_xml::events::attributes::AttrError;

use super::attrs::AttrSpan;
use super::chars::{BadChar, check_text, is_space, name_len};
use super::error::ErrorKind;
use super::refs;

/// A failure at a byte offset of the tag's text.
pub type TagError = (usize, ErrorKind);

/// Checks a start tag's text (between `<` and `>`, or up to the end of the
/// data for a tag the document ended in: `complete` false) and stores its
/// attributes in `buf`/`spans`. Returns the length of the element name and
/// whether the tag is empty (`<a/>`).
pub fn start(
    tag: &[u8],
    complete: bool,
    buf: &mut String,
    spans: &mut Vec<AttrSpan>,
) -> Result<(usize, bool), TagError> {
    buf.clear();
    spans.clear();
    if let Err((at, bad)) = check_text(tag) {
        return Err((at, bad_char(tag, at, bad, true)));
    }
    // check_text accepted the whole tag: it is UTF-8.
    let s = std::str::from_utf8(tag).map_err(|_| (0, ErrorKind::InvalidElementName))?;
    let name = name_len(s);
    if name == 0 {
        return Err((0, ErrorKind::InvalidElementName));
    }
    let empty = complete && s.ends_with('/');
    let body = if empty { &s[..s.len() - 1] } else { s };
    check_attributes(body, name, complete)?;
    if complete && !empty && body.len() == name {
        return Ok((name, false));
    }
    // The syntax is now known good: quick-xml splits the attributes, finds
    // duplicates and normalizes the values.
    let start = BytesStart::from_content(body, name);
    let mut it = start.attributes();
    it.with_checks(true);
    for a in it {
        let a = a.map_err(|e| match e {
            AttrError::Duplicated(at, _) => {
                let n = name_len(&body[at..]);
                (
                    at,
                    ErrorKind::AttributeRedefined(body[at..at + n].to_string()),
                )
            }
            _ => (0, ErrorKind::AttributesConstruct),
        })?;
        let key = std::str::from_utf8(a.key.as_ref()).unwrap_or("");
        let raw = std::str::from_utf8(&a.value).unwrap_or("");
        let value = normalize_attribute_value(
            raw,
            1,
            |b: &u8| matches!(*b, b'\t' | b'\r' | b'\n' | b'&'),
            eol_to_space,
            resolve_predefined_entity,
        )
        .map_err(|_| (0, ErrorKind::AttributesConstruct))?;
        let n0 = buf.len() as u32;
        buf.push_str(key);
        let n1 = buf.len() as u32;
        buf.push('\0');
        buf.push_str(&value);
        let v1 = buf.len() as u32;
        buf.push('\0');
        spans.push(AttrSpan {
            name: (n0, n1),
            value: (n1 + 1, v1),
        });
    }
    Ok((name, empty))
}

/// An end of line in an attribute value becomes one space (CR LF too).
fn eol_to_space(out: &mut String, text: &str, i: usize, ch: char) -> usize {
    out.push(ch);
    let b = text.as_bytes();
    if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
        i + 2
    } else {
        i + 1
    }
}

/// The attribute syntax after the name: white space before each attribute,
/// `name = "value"`, values without `<` and with well-formed references.
fn check_attributes(s: &str, mut i: usize, complete: bool) -> Result<(), TagError> {
    let b = s.as_bytes();
    let skip = |mut i: usize| {
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        i
    };
    // libxml2 wants white space between attributes, not before the first:
    // there, anything but a name is a bad attribute name.
    let mut first = true;
    loop {
        let ws = skip(i);
        if ws == b.len() {
            return Ok(());
        }
        if ws == i && !first {
            return Err((i, ErrorKind::AttributesConstruct));
        }
        first = false;
        i = ws;
        let n = name_len(&s[i..]);
        if n == 0 {
            return Err((i, ErrorKind::AttributeName));
        }
        let name = &s[i..i + n];
        i = skip(i + n);
        if b.get(i) != Some(&b'=') {
            return Err((i, ErrorKind::AttributeNoValue(name.to_string())));
        }
        i = skip(i + 1);
        let quote = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return Err((i, ErrorKind::AttValueQuote)),
        };
        let start = i + 1;
        let Some(len) = memchr::memchr(quote, &b[start..]) else {
            return Err((b.len(), ErrorKind::AttValueUnfinished));
        };
        check_value(&b[start..start + len]).map_err(|(at, k)| (start + at, k))?;
        i = start + len + 1;
        if i == b.len() && !complete {
            // libxml2 wants white space (or the tag's end) after a value.
            return Err((i, ErrorKind::AttributesConstruct));
        }
    }
}

fn check_value(v: &[u8]) -> Result<(), TagError> {
    if let Some(at) = memchr::memchr(b'<', v) {
        return Err((at, ErrorKind::LtInAttribute));
    }
    for at in memchr::memchr_iter(b'&', v) {
        if let Err((off, kind)) = refs::parse(&v[at..], false) {
            return Err((at + off, kind));
        }
    }
    Ok(())
}

/// The error for a byte check_text refused in a tag or text.
pub fn bad_char(data: &[u8], at: usize, bad: BadChar, in_tag: bool) -> ErrorKind {
    match bad {
        BadChar::Utf8 | BadChar::Truncated => {
            let mut four = [0u8; 4];
            for (k, b) in data[at..].iter().take(4).enumerate() {
                four[k] = *b;
            }
            ErrorKind::NotUtf8(four)
        }
        BadChar::Char(_) if in_tag => ErrorKind::InvalidAttrChar,
        BadChar::Char(c) => ErrorKind::InvalidChar(c),
    }
}

/// Checks an end tag's text (between `</` and `>`): returns the name.
pub fn end(tag: &[u8]) -> Result<&str, TagError> {
    if let Err((at, bad)) = check_text(tag) {
        return Err((at, bad_char(tag, at, bad, false)));
    }
    let s = std::str::from_utf8(tag).map_err(|_| (0, ErrorKind::EndTagGt))?;
    let n = name_len(s);
    if !s[n..].bytes().all(is_space) {
        return Err((n, ErrorKind::EndTagGt));
    }
    Ok(&s[..n])
}
