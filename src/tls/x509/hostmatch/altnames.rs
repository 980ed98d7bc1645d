//! The subjectAltName entries as OpenSSL's `X509_get_ext_d2i` gives them to
//! the name checks: nothing when the extension is absent, present more than
//! once, or does not decode as GeneralNames (one bad entry spoils all);
//! bytes after the GeneralNames are ignored.

use x509_parser::prelude::{FromDer, X509Certificate};

use super::ber::{self, CONTEXT, Tlv, UNIVERSAL};
use super::strings::{Asn1String, BMP_STRING, IA5_STRING, SEQUENCE, SET, UTF8_STRING};
use crate::tls::cert::Certificate;
use crate::tls::dname::DistinguishedName;

/// subjectAltName (2.5.29.17), as OID contents.
const SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
/// id-on-SmtpUTF8Mailbox (1.3.6.1.5.5.7.8.9), as OID contents.
const SMTP_UTF8_MAILBOX: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x09];

/// One GeneralName, with the kinds the checks look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AltName {
    /// rfc822Name.
    Email(Vec<u8>),
    /// dNSName.
    Dns(Vec<u8>),
    /// iPAddress, any length.
    Ip(Vec<u8>),
    /// An otherName of type id-on-SmtpUTF8Mailbox whose value is a
    /// UTF8String.
    SmtpUtf8Mailbox(Vec<u8>),
    Other,
}

impl AltName {
    /// The entry as the `ASN1_STRING` OpenSSL compares.
    pub fn string(&self) -> Option<Asn1String> {
        let (kind, data) = match self {
            AltName::Email(d) | AltName::Dns(d) => (IA5_STRING, d),
            AltName::Ip(d) => (4, d),
            AltName::SmtpUtf8Mailbox(d) => (UTF8_STRING, d),
            AltName::Other => return None,
        };
        Some(Asn1String {
            kind,
            data: data.clone(),
        })
    }
}

/// The certificate's subjectAltName entries; `None` as OpenSSL sees none.
pub fn read(cert: &Certificate) -> Option<Vec<AltName>> {
    let (_, x509) = X509Certificate::from_der(cert.der()).ok()?;
    let mut exts = x509
        .extensions()
        .iter()
        .filter(|e| e.oid.as_bytes() == SUBJECT_ALT_NAME);
    let ext = exts.next()?;
    if exts.next().is_some() {
        return None;
    }
    decode(ext.value)
}

/// GeneralNames from an extension's value.
pub fn decode(value: &[u8]) -> Option<Vec<AltName>> {
    let (names, _) = ber::read(value)?;
    // OpenSSL does not check that a SEQUENCE OF is constructed.
    if names.class != UNIVERSAL || names.number != SEQUENCE {
        return None;
    }
    ber::children(names.content)?
        .iter()
        .map(general_name)
        .collect()
}

fn general_name(name: &Tlv<'_>) -> Option<AltName> {
    if name.class != CONTEXT {
        return None;
    }
    Some(match (name.number, name.constructed) {
        (0, true) => other_name(name.content)?,
        (1, _) => AltName::Email(ber::string(name)?),
        (2, _) => AltName::Dns(ber::string(name)?),
        // x400Address: any contents.
        (3, true) => AltName::Other,
        (4, true) => {
            let inner = single(name.content)?;
            DistinguishedName::from_der(inner.raw)?;
            AltName::Other
        }
        (5, true) => {
            edi_party_name(name.content)?;
            AltName::Other
        }
        (6, _) => {
            ber::string(name)?;
            AltName::Other
        }
        (7, _) => AltName::Ip(ber::string(name)?),
        (8, false) if ber::valid_oid(name.content) => AltName::Other,
        _ => return None,
    })
}

/// The one element of an EXPLICIT tag's contents.
fn single<'a>(content: &'a [u8]) -> Option<Tlv<'a>> {
    let (inner, rest) = ber::read(content)?;
    rest.is_empty().then_some(inner)
}

/// otherName: SEQUENCE { type-id OID, value [0] EXPLICIT ANY }.
fn other_name(content: &[u8]) -> Option<AltName> {
    let [type_id, value] = ber::children(content)?[..] else {
        return None;
    };
    if (type_id.class, type_id.number, type_id.constructed) != (UNIVERSAL, 6, false)
        || !ber::valid_oid(type_id.content)
        || (value.class, value.number, value.constructed) != (CONTEXT, 0, true)
    {
        return None;
    }
    let value = single(value.content)?;
    let string = any(&value)?;
    Some(match string {
        Some(s) if type_id.content == SMTP_UTF8_MAILBOX && s.kind == UTF8_STRING => {
            AltName::SmtpUtf8Mailbox(s.data)
        }
        _ => AltName::Other,
    })
}

/// An ANY value as OpenSSL decodes it: `None` if it does not, else the
/// string it holds when it is one.
fn any(t: &Tlv<'_>) -> Option<Option<Asn1String>> {
    if t.class != UNIVERSAL {
        return Some(None);
    }
    let kind = t.number;
    match (kind, t.constructed) {
        (SEQUENCE | SET, constructed) => return constructed.then_some(None),
        (1 | 2 | 5 | 6 | 10, true) => return None,
        (1, false) => return (t.content.len() == 1).then_some(None),
        (5, false) => return t.content.is_empty().then_some(None),
        (6, false) => return ber::valid_oid(t.content).then_some(None),
        (2 | 10, false) => return ber::valid_integer(t.content).then_some(None),
        _ => {}
    }
    let data = ber::string(t)?;
    let valid = match kind {
        3 => data.first().is_some_and(|&b| b <= 7),
        BMP_STRING => data.len() % 2 == 0,
        28 => data.len() % 4 == 0,
        _ => true,
    };
    valid.then_some(Some(Asn1String { kind, data }))
}

/// EDIPartyName: SEQUENCE { nameAssigner [0] EXPLICIT DirectoryString
/// OPTIONAL, partyName [1] EXPLICIT DirectoryString }.
fn edi_party_name(content: &[u8]) -> Option<()> {
    let fields = ber::children(content)?;
    let (assigner, party) = match &fields[..] {
        [party] => (None, party),
        [assigner, party] => (Some(assigner), party),
        _ => return None,
    };
    let tagged = |t: &Tlv<'_>, n: u8| -> Option<()> {
        if (t.class, t.number, t.constructed) != (CONTEXT, n, true) {
            return None;
        }
        directory_string(&single(t.content)?)
    };
    if let Some(a) = assigner {
        tagged(a, 0)?;
    }
    tagged(party, 1)
}

/// DirectoryString: Printable, T61, BMP, Universal or UTF8 string.
fn directory_string(t: &Tlv<'_>) -> Option<()> {
    if t.class != UNIVERSAL || ![19, 20, BMP_STRING, 28, UTF8_STRING].contains(&t.number) {
        return None;
    }
    any(t)?;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tls::der;

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        der::write(&mut out, tag, content);
        out
    }

    fn names(entries: &[Vec<u8>]) -> Vec<u8> {
        tlv(0x30, &entries.concat())
    }

    fn other(oid: &[u8], value: &[u8]) -> Vec<u8> {
        tlv(0xa0, &[tlv(0x06, oid), tlv(0xa0, value)].concat())
    }

    #[test]
    fn kinds_in_order() {
        let value = names(&[
            tlv(0x82, b"a.example"),
            tlv(0x87, &[127, 0, 0, 1]),
            tlv(0x81, b"m@x"),
            tlv(0x86, b"http://x/"),
            other(SMTP_UTF8_MAILBOX, &tlv(0x0c, "\u{e9}@x".as_bytes())),
            other(SMTP_UTF8_MAILBOX, &tlv(0x16, b"ia5@x")),
            other(&[0x2b, 0x06, 0x01], &tlv(0x0c, b"u@x")),
            tlv(0xa3, &tlv(0x30, &[])),
            tlv(0xa4, &tlv(0x30, &[])),
            tlv(0x88, &[0x2b, 0x06]),
        ]);
        assert_eq!(
            decode(&value).unwrap(),
            [
                AltName::Dns(b"a.example".to_vec()),
                AltName::Ip(vec![127, 0, 0, 1]),
                AltName::Email(b"m@x".to_vec()),
                AltName::Other,
                AltName::SmtpUtf8Mailbox("\u{e9}@x".as_bytes().to_vec()),
                AltName::Other,
                AltName::Other,
                AltName::Other,
                AltName::Other,
                AltName::Other,
            ]
        );
        assert_eq!(decode(&names(&[])).unwrap(), []);
    }

    #[test]
    fn ber_forms_accepted() {
        // A constructed dNSName, trailing bytes, a primitive outer SEQUENCE.
        let mut value = names(&[tlv(0xa2, &[tlv(0x04, b"a."), tlv(0x04, b"b")].concat())]);
        value.extend_from_slice(b"junk");
        assert_eq!(decode(&value).unwrap(), [AltName::Dns(b"a.b".to_vec())]);
        let primitive = tlv(0x10, &tlv(0x82, b"x"));
        assert_eq!(decode(&primitive).unwrap(), [AltName::Dns(b"x".to_vec())]);
        // Indefinite length.
        let indefinite = [&[0x30, 0x80][..], &tlv(0x82, b"x"), &[0, 0]].concat();
        assert_eq!(decode(&indefinite).unwrap(), [AltName::Dns(b"x".to_vec())]);
    }

    #[test]
    fn one_bad_entry_spoils_all() {
        let good = tlv(0x82, b"a.example");
        for bad in [
            tlv(0x89, b"x"),                     // no such choice
            tlv(0x02, b"x"),                     // universal class
            tlv(0x80, b"x"),                     // primitive otherName
            tlv(0x83, b"x"),                     // primitive x400Address
            tlv(0x84, &tlv(0x30, &[])),          // primitive directoryName
            tlv(0xa4, &tlv(0x31, &[])),          // not a Name
            tlv(0xa8, &tlv(0x04, &[])),          // constructed registeredID
            tlv(0x88, &[0x2b, 0x86]),            // bad OID
            tlv(0xa0, &tlv(0x06, &[0x2b])),      // otherName without value
            other(&[0x2b], &tlv(0x01, &[1, 2])), // BOOLEAN of two octets
            other(&[0x2b], &tlv(0x02, &[0, 1])), // padded INTEGER
            other(&[0x2b], &tlv(0x1e, &[0])),    // odd BMPString
            other(&[0x2b], &tlv(0x03, &[8])),    // BIT STRING, 8 bits unused
            other(&[0x2b], &tlv(0x10, &[])),     // primitive SEQUENCE
            other(&[0x2b], &[tlv(0x05, &[]), tlv(0x05, &[])].concat()),
            tlv(0xa5, &tlv(0xa1, &tlv(0x16, b"x"))), // IA5 is no DirectoryString
            tlv(0xa5, &tlv(0xa0, &tlv(0x13, b"x"))), // partyName missing
        ] {
            assert_eq!(
                decode(&names(&[good.clone(), bad.clone()])),
                None,
                "{bad:02x?}"
            );
        }
        assert!(decode(&tlv(0x31, &good)).is_none());
        assert!(decode(&[]).is_none());
        let edi = tlv(
            0xa5,
            &[tlv(0xa0, &tlv(0x13, b"x")), tlv(0xa1, &tlv(0x0c, b"y"))].concat(),
        );
        assert_eq!(decode(&names(&[edi])).unwrap(), [AltName::Other]);
    }
}
