//! GeneralNames and NameConstraints as encoded (RFC 5280 4.2.1.6 and
//! 4.2.1.10), read the way OpenSSL keeps them: the type, and the value's
//! bytes (a directoryName as a parsed name).

use crate::tls::der;
use crate::tls::dname::DistinguishedName;

/// The GeneralName kinds OpenSSL numbers `GEN_*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeneralName {
    /// otherName: its type-id OID contents and its value as encoded.
    Other(Vec<u8>, Vec<u8>),
    Email(Vec<u8>),
    Dns(Vec<u8>),
    X400,
    Dir(DistinguishedName),
    EdiParty,
    Uri(Vec<u8>),
    Ip(Vec<u8>),
    Rid,
}

impl GeneralName {
    /// OpenSSL's `GEN_*` number, which name constraints compare.
    pub fn kind(&self) -> u8 {
        match self {
            GeneralName::Other(..) => 0,
            GeneralName::Email(_) => 1,
            GeneralName::Dns(_) => 2,
            GeneralName::X400 => 3,
            GeneralName::Dir(_) => 4,
            GeneralName::EdiParty => 5,
            GeneralName::Uri(_) => 6,
            GeneralName::Ip(_) => 7,
            GeneralName::Rid => 8,
        }
    }

    fn read(tlv: der::Tlv<'_>) -> Option<GeneralName> {
        Some(match tlv.tag {
            0xa0 => {
                let (oid, rest) = der::expect(tlv.content, der::OID)?;
                let (value, _) = der::expect(rest, 0xa0)?;
                GeneralName::Other(oid.content.to_vec(), value.content.to_vec())
            }
            0x81 => GeneralName::Email(tlv.content.to_vec()),
            0x82 => GeneralName::Dns(tlv.content.to_vec()),
            0xa3 => GeneralName::X400,
            0xa4 => {
                let (name, _) = der::read(tlv.content)?;
                GeneralName::Dir(DistinguishedName::from_der(name.raw)?)
            }
            0xa5 => GeneralName::EdiParty,
            0x86 => GeneralName::Uri(tlv.content.to_vec()),
            0x87 => GeneralName::Ip(tlv.content.to_vec()),
            0x88 => GeneralName::Rid,
            _ => return None,
        })
    }
}

/// GeneralNames in the contents of a SEQUENCE OF (or an IMPLICIT one).
pub fn read_names(content: &[u8]) -> Option<Vec<GeneralName>> {
    der::children(content)?
        .into_iter()
        .map(GeneralName::read)
        .collect()
}

/// One GeneralSubtree: its base, and whether minimum/maximum are other
/// than absent or zero (which OpenSSL refuses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subtree {
    pub base: GeneralName,
    pub minmax: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameConstraints {
    pub permitted: Vec<Subtree>,
    pub excluded: Vec<Subtree>,
}

/// Reads a NameConstraints extension value.
pub fn read_name_constraints(value: &[u8]) -> Option<NameConstraints> {
    let (seq, rest) = der::expect(value, der::SEQUENCE)?;
    if !rest.is_empty() {
        return None;
    }
    let mut nc = NameConstraints::default();
    for part in der::children(seq.content)? {
        let list = match part.tag {
            0xa0 => &mut nc.permitted,
            0xa1 => &mut nc.excluded,
            _ => return None,
        };
        for sub in der::children(part.content)? {
            if sub.tag != der::SEQUENCE {
                return None;
            }
            let fields = der::children(sub.content)?;
            let (base, bounds) = fields.split_first()?;
            let mut minmax = false;
            for b in bounds {
                match b.tag {
                    0x80 => minmax |= b.content.iter().any(|&x| x != 0),
                    0x81 => minmax = true,
                    _ => return None,
                }
            }
            list.push(Subtree {
                base: GeneralName::read(*base)?,
                minmax,
            });
        }
    }
    Some(nc)
}
