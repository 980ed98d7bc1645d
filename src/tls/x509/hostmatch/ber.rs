//! The BER rules of OpenSSL's decoder (crypto/asn1/asn1_lib.c, tasn_dec.c)
//! that decide whether a subjectAltName extension decodes: long-form lengths
//! with leading zeros, indefinite lengths closed by end-of-contents, and
//! constructed strings whose pieces are concatenated. The DER reader of
//! `tls::der` refuses all three, but OpenSSL takes them, and a SAN it cannot
//! decode makes it fall back to the subject.

/// The class bits of an identifier octet.
pub const UNIVERSAL: u8 = 0x00;
pub const CONTEXT: u8 = 0x80;

/// How deep constructed strings may nest (`ASN1_MAX_STRING_NEST`).
const MAX_STRING_NEST: usize = 5;

/// One element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    /// [`UNIVERSAL`], [`CONTEXT`], or the application or private class.
    pub class: u8,
    pub constructed: bool,
    /// The tag number (high tag numbers are not read).
    pub number: u8,
    /// The contents; for an indefinite length, up to its end-of-contents.
    pub content: &'a [u8],
    /// The whole element, as encoded.
    pub raw: &'a [u8],
}

/// An element's header: identifier, length (`None` when indefinite) and
/// header size, as `ASN1_get_object` reads it.
struct Header {
    id: u8,
    len: Option<usize>,
    size: usize,
}

fn header(input: &[u8]) -> Option<Header> {
    let (&id, rest) = input.split_first()?;
    // High tag numbers appear nowhere in the structures read here.
    if id & 0x1f == 0x1f {
        return None;
    }
    let (&first, after) = rest.split_first()?;
    let (len, size) = if first == 0x80 {
        // Indefinite: constructed only.
        if id & 0x20 == 0 {
            return None;
        }
        (None, 2)
    } else if first & 0x80 == 0 {
        (Some(usize::from(first)), 2)
    } else {
        let n = usize::from(first & 0x7f);
        // OpenSSL wants one more byte than the length octets.
        if after.len() < n + 1 {
            return None;
        }
        let digits = &after[..n];
        let significant = &digits[digits.iter().take_while(|&&b| b == 0).count()..];
        if significant.len() > 8 {
            return None;
        }
        let value = significant
            .iter()
            .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        if value > i64::MAX as u64 {
            return None;
        }
        (Some(usize::try_from(value).ok()?), 2 + n)
    };
    if let Some(len) = len {
        if len > input.len() - size {
            return None;
        }
    }
    Some(Header { id, len, size })
}

fn is_eoc(input: &[u8]) -> bool {
    input.len() >= 2 && input[0] == 0 && input[1] == 0
}

/// Where the end-of-contents closing an indefinite length is, in the bytes
/// after its header (`asn1_find_end`).
fn find_end(input: &[u8]) -> Option<usize> {
    let mut open = 1usize;
    let mut pos = 0;
    while pos < input.len() {
        if is_eoc(&input[pos..]) {
            open -= 1;
            if open == 0 {
                return Some(pos);
            }
            pos += 2;
            continue;
        }
        let h = header(&input[pos..])?;
        match h.len {
            None => open += 1,
            Some(len) => pos += len,
        }
        pos += h.size;
    }
    None
}

/// Reads the element at the start of `input`; returns it and what follows.
pub fn read(input: &[u8]) -> Option<(Tlv<'_>, &[u8])> {
    let h = header(input)?;
    let body = &input[h.size..];
    let (content, used) = match h.len {
        Some(len) => (&body[..len], len),
        None => {
            let end = find_end(body)?;
            (&body[..end], end + 2)
        }
    };
    let tlv = Tlv {
        class: h.id & 0xc0,
        constructed: h.id & 0x20 != 0,
        number: h.id & 0x1f,
        content,
        raw: &input[..h.size + used],
    };
    Some((tlv, &input[h.size + used..]))
}

/// The elements of a constructed value's contents; `None` if one is
/// malformed or is an end-of-contents where none may be.
pub fn children(content: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        if is_eoc(rest) {
            return None;
        }
        let (tlv, next) = read(rest)?;
        out.push(tlv);
        rest = next;
    }
    Some(out)
}

/// A string's contents: as encoded when primitive, the concatenated pieces
/// (of any tag) when constructed (`asn1_collect`).
pub fn string(tlv: &Tlv<'_>) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    collect(tlv, 0, &mut out)?;
    Some(out)
}

fn collect(tlv: &Tlv<'_>, depth: usize, out: &mut Vec<u8>) -> Option<()> {
    if !tlv.constructed {
        out.extend_from_slice(tlv.content);
        return Some(());
    }
    for piece in children(tlv.content)? {
        if piece.constructed && depth >= MAX_STRING_NEST {
            return None;
        }
        collect(&piece, depth + 1, out)?;
    }
    Some(())
}

/// Whether an OBJECT IDENTIFIER's contents are acceptable
/// (`ossl_c2i_ASN1_OBJECT`): not empty, the last octet final, no
/// sub-identifier starting with 0x80.
pub fn valid_oid(content: &[u8]) -> bool {
    let Some(&last) = content.last() else {
        return false;
    };
    last & 0x80 == 0
        && content
            .iter()
            .enumerate()
            .all(|(i, &b)| b != 0x80 || (i > 0 && content[i - 1] & 0x80 != 0))
}

/// Whether an INTEGER's contents are acceptable (`c2i_ibuf`): not empty,
/// no redundant leading 0x00 or 0xff octet.
pub fn valid_integer(content: &[u8]) -> bool {
    match content {
        [] => false,
        [_] => true,
        [first, second, rest @ ..] => {
            let negative = first & 0x80 != 0;
            let padded = match first {
                0x00 => true,
                0xff => *second != 0 || rest.iter().any(|&b| b != 0),
                _ => false,
            };
            !(padded && negative == (second & 0x80 != 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definite_lengths_short_long_and_padded() {
        let (t, rest) = read(&[0x04, 0x01, 0xaa, 0xbb]).unwrap();
        assert_eq!((t.class, t.constructed, t.number), (UNIVERSAL, false, 4));
        assert_eq!((t.content, rest), (&[0xaa][..], &[0xbb][..]));
        // Long form, even with leading zero octets (not DER, but read).
        let (t, rest) = read(&[0x82, 0x82, 0x00, 0x01, 0xaa, 0xbb]).unwrap();
        assert_eq!((t.class, t.number, t.content), (CONTEXT, 2, &[0xaa][..]));
        assert_eq!(rest, [0xbb]);
        // ... but one byte must follow the length octets.
        assert!(read(&[0x04, 0x81, 0x00]).is_none());
        assert!(read(&[0x04, 0x81, 0x00, 0x00]).is_some());
        // Truncated, oversized, high tag numbers.
        assert!(read(&[0x04, 0x02, 0xaa]).is_none());
        assert!(read(&[0x04]).is_none());
        assert!(read(&[]).is_none());
        assert!(read(&[0x04, 0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_none());
        assert!(read(&[0x1f, 0x01, 0x00]).is_none());
    }

    #[test]
    fn indefinite_lengths() {
        // SEQUENCE { [2] "ab", SEQUENCE (indefinite) { NULL } } EOC, then 0x05.
        let input = [
            0x30, 0x80, 0x82, 0x02, b'a', b'b', 0x30, 0x80, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x05,
        ];
        let (t, rest) = read(&input).unwrap();
        assert_eq!(t.content, &input[2..12]);
        assert_eq!(t.raw, &input[..14]);
        assert_eq!(rest, [0x05]);
        let kids = children(t.content).unwrap();
        assert_eq!(kids.len(), 2);
        assert_eq!(children(kids[1].content).unwrap().len(), 1);
        // Primitive indefinite, a missing end-of-contents.
        assert!(read(&[0x04, 0x80, 0x00, 0x00]).is_none());
        assert!(read(&[0x30, 0x80, 0x05, 0x00]).is_none());
        // An end-of-contents inside definite contents.
        assert!(children(&[0x05, 0x00, 0x00, 0x00]).is_none());
    }

    #[test]
    fn constructed_strings_are_concatenated() {
        // [2] constructed { OCTET STRING "ab", [5] "c", { "d" } }.
        let input = [
            0xa2, 0x0c, 0x04, 0x02, b'a', b'b', 0x85, 0x01, b'c', 0x24, 0x03, 0x04, 0x01, b'd',
        ];
        let (t, _) = read(&input).unwrap();
        assert_eq!(string(&t).unwrap(), b"abcd");
        // Nesting is bounded: six constructed levels are read, seven not.
        let mut deep = vec![0x04, 0x01, b'x'];
        for _ in 0..6 {
            let mut outer = vec![0x24, deep.len() as u8];
            outer.extend_from_slice(&deep);
            deep = outer;
        }
        assert_eq!(string(&read(&deep).unwrap().0).unwrap(), b"x");
        let mut deeper = vec![0x24, deep.len() as u8];
        deeper.extend_from_slice(&deep);
        assert!(string(&read(&deeper).unwrap().0).is_none());
    }

    #[test]
    fn oids_and_integers() {
        assert!(valid_oid(&[0x2b, 0x06, 0x01]));
        assert!(valid_oid(&[0x2b, 0x81, 0x80, 0x01]));
        assert!(!valid_oid(&[]));
        assert!(!valid_oid(&[0x2b, 0x86]));
        assert!(!valid_oid(&[0x80, 0x01]));
        assert!(!valid_oid(&[0x2b, 0x80, 0x01]));
        assert!(valid_integer(&[0x00]));
        assert!(valid_integer(&[0x00, 0x80]));
        assert!(valid_integer(&[0xff, 0x7f]));
        assert!(valid_integer(&[0xff, 0x00]));
        assert!(!valid_integer(&[]));
        assert!(!valid_integer(&[0x00, 0x7f]));
        assert!(!valid_integer(&[0xff, 0x80]));
    }
}
