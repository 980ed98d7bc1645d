//! Strings as OpenSSL's name checks see them: `ASN1_STRING_to_UTF8` and the
//! value of a subject attribute as an `ASN1_STRING` (type and data).

use super::ber;
use crate::tls::dname::Attribute;

/// Universal tag numbers (`V_ASN1_*`).
pub const BIT_STRING: u8 = 3;
pub const UTF8_STRING: u8 = 12;
pub const SEQUENCE: u8 = 16;
pub const SET: u8 = 17;
pub const IA5_STRING: u8 = 22;
pub const UNIVERSAL_STRING: u8 = 28;
pub const BMP_STRING: u8 = 30;

/// An `ASN1_STRING`: its type and data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asn1String {
    pub kind: u8,
    pub data: Vec<u8>,
}

/// `ASN1_STRING_to_UTF8`: UTF8String checked, BMPString (UCS-2) and
/// UniversalString (UCS-4) decoded, the one-byte types (Numeric, Printable,
/// T61, IA5, UTCTime, GeneralizedTime, Visible) taken as ISO-8859-1. `None`
/// for other types, a length that is not a whole number of characters, or
/// a character that is not a Unicode scalar value (surrogates included).
pub fn to_utf8(s: &Asn1String) -> Option<Vec<u8>> {
    let data = &s.data;
    let chars: Vec<u32> = match s.kind {
        UTF8_STRING => {
            return std::str::from_utf8(data)
                .ok()
                .map(|t| t.as_bytes().to_vec());
        }
        18 | 19 | 20 | IA5_STRING | 23 | 24 | 26 => data.iter().map(|&b| u32::from(b)).collect(),
        UNIVERSAL_STRING if data.len() % 4 == 0 => data
            .chunks_exact(4)
            .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
        BMP_STRING if data.len() % 2 == 0 => data
            .chunks_exact(2)
            .map(|c| u32::from(u16::from_be_bytes([c[0], c[1]])))
            .collect(),
        _ => return None,
    };
    let mut out = String::with_capacity(chars.len());
    for c in chars {
        out.push(char::from_u32(c)?);
    }
    Some(out.into_bytes())
}

/// A subject attribute's value as OpenSSL holds it. A constructed string's
/// pieces are concatenated; a SEQUENCE or SET keeps its whole encoding.
/// `None` for what OpenSSL would not have decoded (another class, a broken
/// constructed string).
pub fn attribute_value(attr: &Attribute) -> Option<Asn1String> {
    let raw = value_encoding(attr);
    let (tlv, _) = ber::read(&raw)?;
    if tlv.class != ber::UNIVERSAL {
        return None;
    }
    let data = match tlv.number {
        SEQUENCE | SET => tlv.raw.to_vec(),
        // The data of a BIT STRING leaves out its unused-bits octet.
        BIT_STRING => ber::string(&tlv)?.get(1..).unwrap_or_default().to_vec(),
        _ => ber::string(&tlv)?,
    };
    Some(Asn1String {
        kind: tlv.number,
        data,
    })
}

/// The attribute's value re-encoded from its tag and contents.
fn value_encoding(attr: &Attribute) -> Vec<u8> {
    let mut out = Vec::new();
    crate::tls::der::write(&mut out, attr.tag, &attr.value);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf8(kind: u8, data: &[u8]) -> Option<Vec<u8>> {
        to_utf8(&Asn1String {
            kind,
            data: data.to_vec(),
        })
    }

    #[test]
    fn conversions() {
        let text = "h\u{e9}\u{20ac}\u{1f600}";
        let bmp: Vec<u8> = "h\u{e9}\u{20ac}"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        let univ: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        assert_eq!(utf8(UTF8_STRING, text.as_bytes()).unwrap(), text.as_bytes());
        assert_eq!(
            utf8(BMP_STRING, &bmp).unwrap(),
            "h\u{e9}\u{20ac}".as_bytes()
        );
        assert_eq!(utf8(UNIVERSAL_STRING, &univ).unwrap(), text.as_bytes());
        for kind in [18, 19, 20, IA5_STRING, 23, 24, 26] {
            assert_eq!(utf8(kind, b"a\xe9\0").unwrap(), "a\u{e9}\0".as_bytes());
        }
        // NUL is a character like any other.
        assert_eq!(utf8(BMP_STRING, &[0, 0, 0, b'a']).unwrap(), b"\0a");
    }

    #[test]
    fn conversion_failures() {
        assert!(utf8(UTF8_STRING, b"\xc0\xaf").is_none()); // overlong
        assert!(utf8(UTF8_STRING, b"\xed\xa0\x80").is_none()); // surrogate
        assert!(utf8(UTF8_STRING, b"\xf4\x90\x80\x80").is_none()); // > U+10FFFF
        assert!(utf8(UTF8_STRING, b"\xe2\x82").is_none()); // truncated
        assert!(utf8(BMP_STRING, &[0xd8, 0x3d, 0xde, 0x00]).is_none()); // surrogate pair
        assert!(utf8(BMP_STRING, &[0, b'a', 0]).is_none());
        assert!(utf8(UNIVERSAL_STRING, &[0, 0x11, 0, 0]).is_none());
        assert!(utf8(UNIVERSAL_STRING, &[0, 0, 0xd8, 0]).is_none());
        assert!(utf8(UNIVERSAL_STRING, &[0, 0, b'a']).is_none());
        for kind in [0, 3, 4, 7, 13, 16, 21, 25, 27, 29] {
            assert!(utf8(kind, b"a").is_none(), "type {kind}");
        }
    }
}
