//! Distinguished names as neon's OpenSSL build shows and compares them:
//! `ne_ssl_readable_dname` and `ne_ssl_dname_cmp` (OpenSSL's `X509_NAME_cmp`).

use std::cmp::Ordering;

use super::der;
use crate::text::quote;

/// id-at-commonName (2.5.4.3), as OID contents.
const COMMON_NAME: &[u8] = &[0x55, 0x04, 0x03];
/// pkcs9 emailAddress (1.2.840.113549.1.9.1).
const EMAIL_ADDRESS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];

/// One attribute of a name: its type and its value with the value's ASN.1
/// string type, as encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The attribute type's OID contents.
    pub oid: Vec<u8>,
    /// The value's tag (UTF8String, PrintableString, BMPString, ...).
    pub tag: u8,
    /// The value's contents.
    pub value: Vec<u8>,
    /// The whole encoded value.
    raw_value: Vec<u8>,
    /// Which RDN (SET) of the name holds it.
    set: usize,
}

impl Attribute {
    pub fn is_common_name(&self) -> bool {
        self.oid == COMMON_NAME
    }

    /// The value as neon prints it (its `append_dirstring`): ASCII string
    /// types with non-printable bytes escaped as `\xHH`, UTF8String as is,
    /// BMPString, UniversalString and T61String (taken as ISO-8859-1)
    /// converted to UTF-8. `None` for other string types, for a value with a
    /// NUL byte, and for an empty converted value.
    pub fn readable(&self) -> Option<Vec<u8>> {
        match self.tag {
            der::IA5_STRING | der::VISIBLE_STRING | der::PRINTABLE_STRING => {
                Some(quote::escape(&self.value))
            }
            der::UTF8_STRING => (!self.value.contains(&0)).then(|| self.value.clone()),
            der::UNIVERSAL_STRING | der::T61_STRING | der::BMP_STRING => {
                to_utf8(self.tag, &self.value).filter(|s| !s.is_empty() && !s.contains(&0))
            }
            _ => None,
        }
    }

    /// The value as UTF-8 (`ASN1_STRING_to_UTF8`); `None` for a type or
    /// contents it cannot convert.
    pub fn utf8(&self) -> Option<Vec<u8>> {
        to_utf8(self.tag, &self.value)
    }

    /// Both attributes belong to the same RDN (a multi-valued one).
    pub fn same_rdn(&self, other: &Attribute) -> bool {
        self.set == other.set
    }

    /// Same type and value as `X509_NAME_cmp` compares them (canonical
    /// form for strings, encoding otherwise).
    pub fn same_value(&self, other: &Attribute) -> bool {
        let canon = |a: &Attribute| {
            if is_canonical_string(a.tag) {
                to_utf8(a.tag, &a.value).map(|t| canonical_text(&t))
            } else {
                Some(a.raw_value.clone())
            }
        };
        self.oid == other.oid && canon(self).is_some() && canon(self) == canon(other)
    }
}

/// A distinguished name (an X.509 `Name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistinguishedName {
    der: Vec<u8>,
    attributes: Vec<Attribute>,
    /// OpenSSL's canonical encoding, the key of `X509_NAME_cmp`.
    canonical: Vec<u8>,
}

impl DistinguishedName {
    /// Parses an encoded `Name`. `None` if it is malformed, or if a string
    /// cannot be converted to UTF-8 for comparison (OpenSSL then refuses the
    /// whole certificate).
    pub fn from_der(input: &[u8]) -> Option<DistinguishedName> {
        let (name, rest) = der::expect(input, der::SEQUENCE)?;
        if !rest.is_empty() {
            return None;
        }
        let mut attributes = Vec::new();
        for (set, rdn) in der::children(name.content)?.into_iter().enumerate() {
            if rdn.tag != der::SET {
                return None;
            }
            for atv in der::children(rdn.content)? {
                let [oid, value] = der::children(atv.content)?[..] else {
                    return None;
                };
                if atv.tag != der::SEQUENCE || oid.tag != der::OID {
                    return None;
                }
                attributes.push(Attribute {
                    oid: oid.content.to_vec(),
                    tag: value.tag,
                    value: value.content.to_vec(),
                    raw_value: value.raw.to_vec(),
                    set,
                });
            }
        }
        let canonical = canonical_encoding(&attributes)?;
        Some(DistinguishedName {
            der: name.raw.to_vec(),
            attributes,
            canonical,
        })
    }

    /// The name as encoded.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// OpenSSL's canonical encoding (what `X509_NAME_cmp` and directoryName
    /// name constraints compare).
    pub fn canonical(&self) -> &[u8] {
        &self.canonical
    }

    /// The attributes in encoding order (multi-valued RDNs flattened).
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// The last (most specific) commonName attribute.
    pub fn last_common_name(&self) -> Option<&Attribute> {
        self.attributes.iter().rev().find(|a| a.is_common_name())
    }

    /// neon's one-line form: the attributes from last to first, joined by
    /// ", ", leaving out commonName and emailAddress unless the first
    /// attribute is reached with nothing printed yet (then it alone is
    /// printed). A value that cannot be shown is printed as "???".
    pub fn readable(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut printed = 0;
        for (i, attr) in self.attributes.iter().enumerate().rev() {
            let skipped = attr.oid == COMMON_NAME || attr.oid == EMAIL_ADDRESS;
            if skipped && !(printed == 0 && i == 0) {
                continue;
            }
            if printed > 0 {
                out.extend_from_slice(b", ");
            }
            printed += 1;
            match attr.readable() {
                Some(text) => out.extend_from_slice(&text),
                None => out.extend_from_slice(b"???"),
            }
        }
        out
    }

    /// `X509_NAME_cmp`: 0 for equal names, else -1 or 1, ordering by the
    /// length of the canonical encodings, then by their bytes. Names equal
    /// but for case, surrounding and repeated white space, or string types
    /// compare equal.
    pub fn compare(&self, other: &DistinguishedName) -> i32 {
        let (a, b) = (&self.canonical, &other.canonical);
        match a.len().cmp(&b.len()).then_with(|| a.cmp(b)) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }
    }
}

/// OpenSSL's canonical name encoding: each RDN as a DER SET OF its
/// attributes, string values converted to UTF-8 with leading and trailing
/// white space removed, inner runs of white space collapsed to one space
/// and ASCII lower-cased; other values as encoded. The RDNs are concatenated
/// without an outer SEQUENCE; an empty name encodes as nothing.
fn canonical_encoding(attributes: &[Attribute]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < attributes.len() {
        let set = attributes[start].set;
        let end = attributes[start..]
            .iter()
            .position(|a| a.set != set)
            .map_or(attributes.len(), |n| start + n);
        let mut encoded = Vec::new();
        for attr in &attributes[start..end] {
            let mut content = Vec::new();
            der::write(&mut content, der::OID, &attr.oid);
            if is_canonical_string(attr.tag) {
                let text = canonical_text(&to_utf8(attr.tag, &attr.value)?);
                der::write(&mut content, der::UTF8_STRING, &text);
            } else {
                content.extend_from_slice(&attr.raw_value);
            }
            let mut entry = Vec::new();
            der::write(&mut entry, der::SEQUENCE, &content);
            encoded.push(entry);
        }
        // DER orders the members of a SET OF by their encodings.
        encoded.sort();
        der::write(&mut out, der::SET, &encoded.concat());
        start = end;
    }
    Some(out)
}

/// The string types OpenSSL canonicalises.
fn is_canonical_string(tag: u8) -> bool {
    matches!(
        tag,
        der::UTF8_STRING
            | der::BMP_STRING
            | der::UNIVERSAL_STRING
            | der::PRINTABLE_STRING
            | der::T61_STRING
            | der::IA5_STRING
            | der::VISIBLE_STRING
    )
}

/// Trims and collapses ASCII white space and lower-cases ASCII letters;
/// other bytes are kept.
fn canonical_text(text: &[u8]) -> Vec<u8> {
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let start = text.iter().position(|b| !is_space(b)).unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|b| !is_space(b))
        .map_or(start, |n| n + 1);
    let mut out = Vec::with_capacity(end - start);
    let mut in_space = false;
    for b in &text[start..end] {
        if is_space(b) {
            if !in_space {
                out.push(b' ');
            }
            in_space = true;
        } else {
            out.push(b.to_ascii_lowercase());
            in_space = false;
        }
    }
    out
}

/// A string value as UTF-8 (OpenSSL's `ASN1_STRING_to_UTF8`): UTF8String
/// must be valid, BMPString is UCS-2 and UniversalString UCS-4 (big-endian),
/// and the single-byte types are taken as ISO-8859-1. `None` for invalid
/// contents or another type.
fn to_utf8(tag: u8, value: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(value.len());
    match tag {
        der::UTF8_STRING => out.extend_from_slice(std::str::from_utf8(value).ok()?.as_bytes()),
        der::BMP_STRING if value.len() % 2 == 0 => {
            for unit in value.chunks_exact(2) {
                push_utf8(&mut out, u32::from(u16::from_be_bytes([unit[0], unit[1]])));
            }
        }
        der::UNIVERSAL_STRING if value.len() % 4 == 0 => {
            for unit in value.chunks_exact(4) {
                let code = u32::from_be_bytes([unit[0], unit[1], unit[2], unit[3]]);
                if code > 0x10ffff {
                    return None;
                }
                push_utf8(&mut out, code);
            }
        }
        der::PRINTABLE_STRING | der::T61_STRING | der::IA5_STRING | der::VISIBLE_STRING => {
            for &b in value {
                push_utf8(&mut out, u32::from(b));
            }
        }
        _ => return None,
    }
    Some(out)
}

/// Encodes a code point as UTF-8 the way OpenSSL does, without rejecting
/// surrogates (UCS-2 text may hold them).
fn push_utf8(out: &mut Vec<u8>, code: u32) {
    match code {
        0..=0x7f => out.push(code as u8),
        0x80..=0x7ff => {
            out.extend_from_slice(&[0xc0 | (code >> 6) as u8, 0x80 | (code & 0x3f) as u8])
        }
        0x800..=0xffff => out.extend_from_slice(&[
            0xe0 | (code >> 12) as u8,
            0x80 | ((code >> 6) & 0x3f) as u8,
            0x80 | (code & 0x3f) as u8,
        ]),
        _ => out.extend_from_slice(&[
            0xf0 | (code >> 18) as u8,
            0x80 | ((code >> 12) & 0x3f) as u8,
            0x80 | ((code >> 6) & 0x3f) as u8,
            0x80 | (code & 0x3f) as u8,
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: &[u8] = &[0x55, 0x04, 0x06];
    const O: &[u8] = &[0x55, 0x04, 0x0a];
    const OU: &[u8] = &[0x55, 0x04, 0x0b];

    /// One RDN: its attributes as (type, string tag, value).
    type Rdn<'a> = &'a [(&'a [u8], u8, &'a [u8])];

    /// Encodes a name from its RDNs.
    fn name(rdns: &[Rdn<'_>]) -> Vec<u8> {
        let mut seq = Vec::new();
        for rdn in rdns {
            let mut set = Vec::new();
            for (oid, tag, value) in rdn.iter() {
                let mut atv = Vec::new();
                der::write(&mut atv, der::OID, oid);
                der::write(&mut atv, *tag, value);
                der::write(&mut set, der::SEQUENCE, &atv);
            }
            der::write(&mut seq, der::SET, &set);
        }
        let mut out = Vec::new();
        der::write(&mut out, der::SEQUENCE, &seq);
        out
    }

    fn dn(rdns: &[Rdn<'_>]) -> DistinguishedName {
        DistinguishedName::from_der(&name(rdns)).unwrap()
    }

    fn readable(rdns: &[Rdn<'_>]) -> String {
        String::from_utf8(dn(rdns).readable()).unwrap()
    }

    #[test]
    fn readable_reverses_and_skips_cn_and_email() {
        let p = der::PRINTABLE_STRING;
        assert_eq!(
            readable(&[
                &[(C, p, b"GB")],
                &[(O, der::UTF8_STRING, b"Neon Hackers Ltd")],
                &[(OU, p, b"First OU")],
                &[(OU, p, b"Second OU")],
                &[(COMMON_NAME, p, b"localhost")],
                &[(EMAIL_ADDRESS, der::IA5_STRING, b"neon@webdav.org")],
            ]),
            "Second OU, First OU, Neon Hackers Ltd, GB"
        );
        // Only names and mail: the first attribute alone.
        assert_eq!(
            readable(&[
                &[(COMMON_NAME, p, b"first")],
                &[(EMAIL_ADDRESS, der::IA5_STRING, b"a@b")]
            ]),
            "first"
        );
        assert_eq!(
            readable(&[&[(EMAIL_ADDRESS, der::IA5_STRING, b"blah@example.com")]]),
            "blah@example.com"
        );
        // A commonName first is still skipped when something was printed.
        assert_eq!(
            readable(&[&[(COMMON_NAME, p, b"cn")], &[(O, p, b"Org")]]),
            "Org"
        );
        assert_eq!(readable(&[]), "");
        // Multi-valued RDNs are flattened, still last to first.
        assert_eq!(
            readable(&[&[(O, p, b"A"), (OU, p, b"B")], &[(C, p, b"GB")]]),
            "GB, B, A"
        );
    }

    #[test]
    fn readable_string_types() {
        let hello = "H\u{e8}llo World";
        let bmp: Vec<u8> = hello.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let univ: Vec<u8> = hello
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        for (tag, value) in [
            (der::UTF8_STRING, hello.as_bytes().to_vec()),
            (der::BMP_STRING, bmp),
            (der::UNIVERSAL_STRING, univ),
            (der::T61_STRING, b"H\xe8llo World".to_vec()),
        ] {
            assert_eq!(readable(&[&[(O, tag, &value)]]), hello, "tag {tag:#x}");
        }
        // ASCII types are escaped, not converted.
        assert_eq!(
            readable(&[&[(O, der::IA5_STRING, b"a\xe8\x01b")]]),
            "a\\xe8\\x01b"
        );
        // Unprintable values: other types, NUL bytes, empty conversions, odd BMP.
        for (tag, value) in [
            (0x12u8, b"123".as_slice()),
            (der::UTF8_STRING, b"a\0b".as_slice()),
            (der::BMP_STRING, b"\0a\0\0".as_slice()),
            (der::BMP_STRING, b"".as_slice()),
            (der::T61_STRING, b"".as_slice()),
        ] {
            assert_eq!(
                readable(&[&[(O, tag, value)], &[(C, der::PRINTABLE_STRING, b"GB")]]),
                "GB, ???",
                "tag {tag:#x}"
            );
        }
        // An empty UTF8String prints as nothing.
        assert_eq!(readable(&[&[(O, der::UTF8_STRING, b"")]]), "");
    }

    #[test]
    fn compare_canonical_forms() {
        let p = der::PRINTABLE_STRING;
        let a = dn(&[&[(C, p, b"GB")], &[(O, p, b"Neon  Hackers")]]);
        let b = dn(&[
            &[(C, der::UTF8_STRING, b"gb")],
            &[(
                O,
                der::BMP_STRING,
                b"\0 \0n\0e\0o\0N\0\t\0h\0a\0c\0k\0e\0r\0s\0 ",
            )],
        ]);
        assert_eq!(a.compare(&b), 0);
        assert_eq!(a.compare(&a.clone()), 0);
        let c = dn(&[&[(C, p, b"GB")], &[(O, p, b"Neon Hackerz")]]);
        assert_eq!(a.compare(&c), -1);
        assert_eq!(c.compare(&a), 1);
        // Length decides before content.
        let short = dn(&[&[(C, p, b"ZZ")]]);
        assert_eq!(short.compare(&a), -1);
        assert_eq!(a.compare(&short), 1);
        // Attribute order inside a multi-valued RDN does not matter; RDN order does.
        let ab = dn(&[&[(O, p, b"A"), (OU, p, b"B")]]);
        let ba = dn(&[&[(OU, p, b"B"), (O, p, b"A")]]);
        assert_eq!(ab.compare(&ba), 0);
        let split = dn(&[&[(O, p, b"A")], &[(OU, p, b"B")]]);
        let swapped = dn(&[&[(OU, p, b"B")], &[(O, p, b"A")]]);
        assert_ne!(split.compare(&swapped), 0);
        // Non-string values compare as encoded.
        let num1 = dn(&[&[(O, 0x12, b"1 2")]]);
        let num2 = dn(&[&[(O, 0x12, b"1  2")]]);
        assert_ne!(num1.compare(&num2), 0);
        // Empty names are equal.
        assert_eq!(dn(&[]).compare(&dn(&[])), 0);
        assert_eq!(dn(&[]).compare(&a), -1);
    }

    #[test]
    fn rejects_malformed_and_unconvertible_names() {
        let good = name(&[&[(O, der::UTF8_STRING, b"x")]]);
        assert!(DistinguishedName::from_der(&good).is_some());
        let mut trailing = good.clone();
        trailing.push(0);
        assert!(DistinguishedName::from_der(&trailing).is_none());
        assert!(DistinguishedName::from_der(&good[..good.len() - 1]).is_none());
        assert!(DistinguishedName::from_der(&name(&[&[(O, der::UTF8_STRING, b"\xff")]])).is_none());
        assert!(DistinguishedName::from_der(&name(&[&[(O, der::BMP_STRING, b"abc")]])).is_none());
        assert!(
            DistinguishedName::from_der(&name(&[&[(O, der::UNIVERSAL_STRING, b"\0\x11\0\0")]]))
                .is_none()
        );
    }

    #[test]
    fn last_common_name() {
        let p = der::PRINTABLE_STRING;
        let d = dn(&[
            &[(COMMON_NAME, p, b"one")],
            &[(O, p, b"o")],
            &[(COMMON_NAME, p, b"two")],
        ]);
        assert_eq!(d.last_common_name().unwrap().value, b"two");
        assert!(dn(&[&[(O, p, b"o")]]).last_common_name().is_none());
    }
}
