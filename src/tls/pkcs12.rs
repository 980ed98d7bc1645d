//! PKCS#12 files, as neon reads client certificates from them: whether the
//! file opens without a password, the friendly name visible without
//! decrypting anything, and the keys and certificates it holds once the
//! MAC has been checked and the bags decrypted (p12-keystore does both).

use p12_keystore::Pkcs12Archive;
use p12_keystore::error::Error as P12Error;
use rustls::pki_types::{CertificateDer, PrivatePkcs8KeyDer};

use super::der::{self, Tlv};

/// id-data (1.2.840.113549.1.7.1), as OID contents.
const ID_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
/// pkcs-9 friendlyName (1.2.840.113549.1.9.20).
const FRIENDLY_NAME: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x14];
/// Context tag [0], constructed (ContentInfo content, SafeBag value).
const CONTEXT_0: u8 = 0xa0;

/// Why a PKCS#12 file did not open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// The MAC does not verify: wrong password.
    Password,
    /// Malformed contents, or algorithms that are not supported.
    Malformed,
}

/// A certificate bag.
#[derive(Debug, Clone)]
pub struct CertBag {
    pub der: CertificateDer<'static>,
    pub friendly_name: Option<String>,
}

/// What an opened file holds, each kind in file order.
#[derive(Debug)]
pub struct Contents {
    pub keys: Vec<PrivatePkcs8KeyDer<'static>>,
    pub certs: Vec<CertBag>,
}

/// A PKCS#12 (PFX) structure, not yet opened.
#[derive(Clone)]
pub struct Pkcs12 {
    der: Vec<u8>,
}

impl std::fmt::Debug for Pkcs12 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pkcs12({} bytes)", self.der.len())
    }
}

impl Pkcs12 {
    /// Parses the outer structure (version, authenticated safe, optional
    /// MAC), as OpenSSL's d2i_PKCS12 does; bytes after it are ignored.
    pub fn parse(input: &[u8]) -> Option<Pkcs12> {
        let (pfx, _) = der::expect(input, der::SEQUENCE)?;
        let fields = der::children(pfx.content)?;
        let ok = match fields.as_slice() {
            [version, auth_safe, rest @ ..] => {
                version.tag == der::INTEGER
                    && content_info(auth_safe).is_some()
                    && rest.len() <= 1
                    && rest.iter().all(|m| m.tag == der::SEQUENCE)
            }
            _ => false,
        };
        ok.then(|| Pkcs12 {
            der: pfx.raw.to_vec(),
        })
    }

    /// The first friendly name found in the parts that are not encrypted
    /// (neon's find_friendly_name): the bags of the authenticated safe's
    /// plain data parts, in order, whatever their kind.
    pub fn visible_friendly_name(&self) -> Option<String> {
        let safes = auth_safe_parts(&self.der)?;
        safes
            .iter()
            .filter_map(|ci| data_contents(ci))
            .filter_map(|contents| {
                der::expect(contents, der::SEQUENCE).and_then(|(b, _)| der::children(b.content))
            })
            .flat_map(|bags| bags.into_iter())
            .find_map(|bag| bag_friendly_name(&bag))
    }

    /// Checks the MAC with `password` and decrypts the bags. The password
    /// is UTF-8, or else taken as Latin-1 as OpenSSL does.
    pub fn open(&self, password: &[u8]) -> Result<Contents, OpenError> {
        let password = match std::str::from_utf8(password) {
            Ok(p) => p.to_owned(),
            Err(_) => password.iter().map(|&b| char::from(b)).collect(),
        };
        let archive = Pkcs12Archive::from_pkcs12(&self.der, &password).map_err(|e| match e {
            P12Error::MacError(_) => OpenError::Password,
            _ => OpenError::Malformed,
        })?;
        Ok(Contents {
            keys: archive
                .keys
                .iter()
                .map(|k| PrivatePkcs8KeyDer::from(k.key.as_der().to_vec()))
                .collect(),
            certs: archive
                .certs
                .into_iter()
                .map(|c| CertBag {
                    der: CertificateDer::from(c.cert.as_der().to_vec()),
                    friendly_name: c.friendly_name,
                })
                .collect(),
        })
    }
}

/// ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY OPTIONAL }:
/// its type and content.
fn content_info<'a>(ci: &Tlv<'a>) -> Option<(&'a [u8], Option<Tlv<'a>>)> {
    if ci.tag != der::SEQUENCE {
        return None;
    }
    let (oid, rest) = der::expect(ci.content, der::OID)?;
    if rest.is_empty() {
        return Some((oid.content, None));
    }
    let (wrapped, tail) = der::expect(rest, CONTEXT_0)?;
    let (content, inner_tail) = der::read(wrapped.content)?;
    (tail.is_empty() && inner_tail.is_empty()).then_some((oid.content, Some(content)))
}

/// The octets of a ContentInfo of type data.
fn data_contents<'a>(ci: &Tlv<'a>) -> Option<&'a [u8]> {
    match content_info(ci)? {
        (ID_DATA, Some(octets)) if octets.tag == der::OCTET_STRING => Some(octets.content),
        _ => None,
    }
}

/// The ContentInfos of the authenticated safe (which must be of type data).
fn auth_safe_parts(pfx: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let (pfx, _) = der::expect(pfx, der::SEQUENCE)?;
    let fields = der::children(pfx.content)?;
    let contents = data_contents(fields.get(1)?)?;
    let (safes, _) = der::expect(contents, der::SEQUENCE)?;
    der::children(safes.content)
}

/// SafeBag ::= SEQUENCE { bagId OID, bagValue [0], bagAttributes SET OF
/// Attribute OPTIONAL }: the friendlyName attribute's first value, which
/// must be a BMPString.
fn bag_friendly_name(bag: &Tlv<'_>) -> Option<String> {
    if bag.tag != der::SEQUENCE {
        return None;
    }
    let fields = der::children(bag.content)?;
    let attrs = fields.get(2).filter(|a| a.tag == der::SET)?;
    der::children(attrs.content)?.iter().find_map(|attr| {
        let (oid, rest) = der::expect(attr.content, der::OID)?;
        if oid.content != FRIENDLY_NAME {
            return None;
        }
        let (values, _) = der::expect(rest, der::SET)?;
        let (first, _) = der::expect(values.content, der::BMP_STRING)?;
        bmp_to_string(first.content)
    })
}

/// A BMPString (UTF-16 big-endian, as OpenSSL reads it) as text.
fn bmp_to_string(bytes: &[u8]) -> Option<String> {
    if bytes.len() % 2 != 0 {
        return None;
    }
    let units = bytes
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fixture of testdata/pkcs12 (see make.sh there).
    pub(crate) fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/tls/testdata/pkcs12")
            .join(name);
        std::fs::read(path).unwrap()
    }

    fn parsed(name: &str) -> Pkcs12 {
        Pkcs12::parse(&fixture(name)).unwrap_or_else(|| panic!("{name} parses"))
    }

    #[test]
    fn every_variant_opens_with_its_password_and_not_without() {
        for (file, password) in [
            ("aes.p12", &b"s3cret"[..]),
            ("legacy.p12", b"s3cret"),
            ("3des.p12", b"s3cret"),
            ("certplain.p12", b"s3cret"),
            ("noname.p12", b"s3cret"),
            ("empty.p12", b""),
            ("nomac.p12", b""),
        ] {
            let p = parsed(file);
            let c = p.open(password).unwrap_or_else(|e| panic!("{file}: {e:?}"));
            assert_eq!((c.keys.len(), c.certs.len()), (1, 1), "{file}");
            if !password.is_empty() {
                assert_eq!(p.open(b"").unwrap_err(), OpenError::Password, "{file}");
                assert_eq!(
                    p.open(b"s3cret!").unwrap_err(),
                    OpenError::Password,
                    "{file}"
                );
            }
        }
    }

    #[test]
    fn contents_in_file_order_with_names() {
        let c = parsed("withca.p12").open(b"s3cret").unwrap();
        assert_eq!(c.certs.len(), 2);
        assert_eq!(c.certs[0].friendly_name.as_deref(), Some("With CA"));
        assert_eq!(c.certs[1].friendly_name, None);
        let ca = rustls::pki_types::pem::PemObject::from_pem_slice(&fixture("ca.pem"))
            .map(|c: CertificateDer| c);
        assert_eq!(c.certs[1].der, ca.unwrap());
        let c = parsed("nokey.p12").open(b"s3cret").unwrap();
        assert_eq!((c.keys.len(), c.certs.len()), (0, 1));
        let c = parsed("rsa.p12").open(b"").unwrap();
        assert_eq!(c.certs[0].friendly_name.as_deref(), Some("RSA client"));
    }

    #[test]
    fn friendly_name_without_decrypting() {
        // The key bag of OpenSSL's layout sits in a plain data part.
        assert_eq!(
            parsed("aes.p12").visible_friendly_name().as_deref(),
            Some("AES client")
        );
        assert_eq!(
            parsed("legacy.p12").visible_friendly_name().as_deref(),
            Some("Legacy client")
        );
        assert_eq!(
            parsed("certplain.p12").visible_friendly_name().as_deref(),
            Some("Visible client")
        );
        assert_eq!(
            parsed("nomac.p12").visible_friendly_name().as_deref(),
            Some("Plain client")
        );
        // Only an encrypted certificate bag: nothing visible.
        assert_eq!(parsed("nokey.p12").visible_friendly_name(), None);
        assert_eq!(parsed("noname.p12").visible_friendly_name(), None);
    }

    #[test]
    fn structure_checks() {
        let good = fixture("aes.p12");
        // Trailing bytes are ignored, as by d2i_PKCS12.
        let mut trailing = good.clone();
        trailing.extend_from_slice(b"junk");
        assert!(Pkcs12::parse(&trailing).unwrap().open(b"s3cret").is_ok());
        assert!(Pkcs12::parse(&good[..good.len() / 2]).is_none());
        assert!(Pkcs12::parse(b"").is_none());
        assert!(Pkcs12::parse(&fixture("ca.pem")).is_none());
        // A certificate is a SEQUENCE too, but not a PFX.
        let ca: CertificateDer =
            rustls::pki_types::pem::PemObject::from_pem_slice(&fixture("ca.pem")).unwrap();
        assert!(Pkcs12::parse(&ca).is_none());
        // A corrupted MAC reads as a wrong password.
        let mut bad_mac = good.clone();
        let last = bad_mac.len() - 40;
        bad_mac[last] ^= 1;
        let p = Pkcs12::parse(&bad_mac).unwrap();
        assert_eq!(p.open(b"s3cret").unwrap_err(), OpenError::Password);
        // A valid outer structure around contents that are not bags.
        let mut octets = Vec::new();
        der::write(&mut octets, der::OCTET_STRING, b"not bags");
        let mut content = Vec::new();
        der::write(&mut content, der::OID, ID_DATA);
        der::write(&mut content, CONTEXT_0, &octets);
        let mut fields = Vec::new();
        der::write(&mut fields, der::INTEGER, &[3]);
        der::write(&mut fields, der::SEQUENCE, &content);
        let mut pfx = Vec::new();
        der::write(&mut pfx, der::SEQUENCE, &fields);
        let p = Pkcs12::parse(&pfx).expect("outer structure");
        assert_eq!(p.visible_friendly_name(), None);
        assert_eq!(p.open(b"").unwrap_err(), OpenError::Malformed);
    }

    #[test]
    fn bmp_strings() {
        assert_eq!(
            bmp_to_string(&[0, b'a', 0xd8, 0x3d, 0xde, 0x00]).as_deref(),
            Some("a\u{1f600}")
        );
        assert_eq!(bmp_to_string(&[0, b'a', 0]), None);
        assert_eq!(bmp_to_string(&[0xd8, 0x3d]), None);
    }

    #[test]
    fn latin1_passwords() {
        // latin1.p12's password is "\u{e9}": a non-UTF-8 password is read as
        // Latin-1, so the byte 0xe9 and the UTF-8 "\u{e9}" open it alike.
        let p = parsed("latin1.p12");
        assert!(p.open("\u{e9}".as_bytes()).is_ok());
        assert!(p.open(b"\xe9").is_ok());
        assert_eq!(p.open(b"e").unwrap_err(), OpenError::Password);
    }
}
