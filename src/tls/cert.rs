//! X.509 certificates with what neon's `ne_ssl_cert_*` functions tell about
//! them: names, validity as neon reads it, identity, fingerprints, PEM files
//! and neon's export format (base64 of the DER, no armour).

use std::cmp::Ordering;
use std::io::Write;
use std::path::Path;

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use sha1::{Digest, Sha1};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::der;
use super::dname::DistinguishedName;
use super::identity;
pub use super::identity::{Identity, check_identity};
use crate::dates;
use crate::text::{base64, hash};

/// subjectAltName (2.5.29.17), as OID contents.
const SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];

/// One subjectAltName entry of the kinds neon looks at, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AltName {
    Dns(Vec<u8>),
    /// The raw address: 4 bytes for IPv4, 16 for IPv6 (other lengths are
    /// kept and ignored by the identity check).
    Ip(Vec<u8>),
    Uri(Vec<u8>),
    /// Any other kind of GeneralName.
    Other,
}

/// A parsed certificate; cheap to clone.
#[derive(Debug, Clone)]
pub struct Certificate {
    der: Vec<u8>,
    subject: DistinguishedName,
    issuer: DistinguishedName,
    not_before: i64,
    not_after: i64,
    alt_names: Option<Vec<AltName>>,
    sha1: [u8; 20],
}

impl Certificate {
    /// Parses a DER certificate. Bytes after the certificate are ignored,
    /// as OpenSSL's `d2i_X509` ignores them. `None` if it does not parse.
    pub fn from_der(input: &[u8]) -> Option<Certificate> {
        let (rest, x509) = X509Certificate::from_der(input).ok()?;
        let der = input[..input.len() - rest.len()].to_vec();
        let subject = DistinguishedName::from_der(x509.subject().as_raw())?;
        let issuer = DistinguishedName::from_der(x509.issuer().as_raw())?;
        let (not_before, not_after) = raw_validity(&der)?;
        let (not_before, not_after) = (neon_time(not_before), neon_time(not_after));
        let alt_names = alt_names(&x509);
        let sha1 = Sha1::digest(&der).into();
        Some(Certificate {
            der,
            subject,
            issuer,
            not_before,
            not_after,
            alt_names,
            sha1,
        })
    }

    /// The first CERTIFICATE block of PEM text (other blocks are skipped;
    /// like OpenSSL, the old label "X509 CERTIFICATE" counts too).
    pub fn from_pem(text: &[u8]) -> Option<Certificate> {
        let text = old_labels_renamed(text);
        let der = CertificateDer::from_pem_slice(&text).ok()?;
        Certificate::from_der(&der)
    }

    /// Reads the first certificate of a PEM file (`ne_ssl_cert_read`).
    pub fn read_pem_file(path: &Path) -> Option<Certificate> {
        Certificate::from_pem(&std::fs::read(path).ok()?)
    }

    /// neon's import format: base64 of the DER, as [`export`](Self::export)
    /// makes it (decoded with neon's strict base64 rules).
    pub fn import(text: &[u8]) -> Option<Certificate> {
        Certificate::from_der(&base64::decode(text).ok()?)
    }

    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// Base64 of the DER on one line, without PEM armour
    /// (`ne_ssl_cert_export`).
    pub fn export(&self) -> String {
        base64::encode(&self.der)
    }

    /// PEM as OpenSSL writes it: 64 characters a line.
    pub fn to_pem(&self) -> Vec<u8> {
        let b64 = base64::encode(&self.der);
        let mut out = b"-----BEGIN CERTIFICATE-----\n".to_vec();
        for line in b64.as_bytes().chunks(64) {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
        out.extend_from_slice(b"-----END CERTIFICATE-----\n");
        out
    }

    /// Writes the certificate as PEM, creating or truncating the file
    /// (`ne_ssl_cert_write`).
    pub fn write_pem_file(&self, path: &Path) -> std::io::Result<()> {
        let mut file = std::fs::File::create(path)?;
        file.write_all(&self.to_pem())
    }

    pub fn subject(&self) -> &DistinguishedName {
        &self.subject
    }

    pub fn issuer(&self) -> &DistinguishedName {
        &self.issuer
    }

    /// The start of the validity period in seconds since the epoch, as neon
    /// reads it: the first twelve characters of the time taken as
    /// YYMMDDHHMMSS whatever its ASN.1 type (so a GeneralizedTime, used from
    /// 2050 on, is misread), -1 when the time is shorter than ten
    /// characters.
    pub fn not_before(&self) -> i64 {
        self.not_before
    }

    /// The end of the validity period, read as [`not_before`](Self::not_before).
    pub fn not_after(&self) -> i64 {
        self.not_after
    }

    /// `ne_ssl_cert_validity`: both times as RFC 1123 dates, or
    /// "[invalid date]" for a time neon could not read.
    pub fn validity_strings(&self) -> (String, String) {
        let show = |t: i64| {
            (t != dates::INVALID)
                .then(|| dates::rfc1123_date(t))
                .flatten()
                .unwrap_or_else(|| "[invalid date]".to_owned())
        };
        (show(self.not_before), show(self.not_after))
    }

    /// The subjectAltName entries; `None` without exactly one readable
    /// subjectAltName extension (OpenSSL then sees none).
    pub fn alt_names(&self) -> Option<&[AltName]> {
        self.alt_names.as_deref()
    }

    /// What the certificate was issued for, as neon reports it
    /// (`ne_ssl_cert_identity`): see [`identity::identity`].
    pub fn identity(&self) -> Option<Vec<u8>> {
        identity::identity(self)
    }

    /// The SHA-1 fingerprint as "xx:xx:...:xx" in lower-case hex
    /// (`ne_ssl_cert_digest`; 59 characters).
    pub fn digest(&self) -> String {
        let text = hash::render(&self.sha1, hash::COLON);
        String::from_utf8(text).expect("hex is ASCII")
    }

    /// The fingerprint with the algorithm and separator of neon's
    /// `NE_HASH_*` flags (`ne_ssl_cert_hdigest`); `None` for an algorithm
    /// neon does not offer.
    pub fn hdigest(&self, flags: u32) -> Option<String> {
        let mut h = hash::StrHash::new(flags)?;
        h.update(&self.der);
        Some(String::from_utf8(h.finish()).expect("hex is ASCII"))
    }

    /// OpenSSL's `X509_cmp` (`ne_ssl_cert_cmp`): 0 for the same certificate,
    /// else -1 or 1 ordering by SHA-1 fingerprint, then by the signed part.
    pub fn compare(&self, other: &Certificate) -> i32 {
        let (a, b) = (self.tbs(), other.tbs());
        let order = self
            .sha1
            .cmp(&other.sha1)
            .then_with(|| a.len().cmp(&b.len()))
            .then_with(|| a.cmp(b));
        match order {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }
    }

    /// The signed part (TBSCertificate), as encoded.
    fn tbs(&self) -> &[u8] {
        der::expect(&self.der, der::SEQUENCE)
            .and_then(|(outer, _)| der::read(outer.content))
            .map_or(&[], |(tbs, _)| tbs.raw)
    }

    /// Whether both are the same certificate.
    pub fn equals(&self, other: &Certificate) -> bool {
        self.der == other.der
    }
}

/// `text` with the armour lines of OpenSSL's old certificate label
/// ("X509 CERTIFICATE") renamed to today's.
fn old_labels_renamed(text: &[u8]) -> Vec<u8> {
    const OLD: &[u8] = b"X509 CERTIFICATE-----";
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.windows(OLD.len()).position(|w| w == OLD) {
        let armour = [&b"-----BEGIN "[..], b"-----END "]
            .into_iter()
            .any(|start| rest[..at].ends_with(start));
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(if armour { &OLD[5..] } else { OLD });
        rest = &rest[at + OLD.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// The two time values of the validity field, as encoded (their contents).
fn raw_validity(cert: &[u8]) -> Option<(&[u8], &[u8])> {
    let (outer, _) = der::expect(cert, der::SEQUENCE)?;
    let (tbs, _) = der::expect(outer.content, der::SEQUENCE)?;
    let fields = der::children(tbs.content)?;
    // An explicit version ([0]) comes before serial, signature and issuer.
    let skip = if fields.first()?.tag == 0xa0 { 4 } else { 3 };
    let validity = fields.get(skip).filter(|v| v.tag == der::SEQUENCE)?;
    let [not_before, not_after] = der::children(validity.content)?[..] else {
        return None;
    };
    Some((not_before.content, not_after.content))
}

/// neon's `asn1time_to_timet`: YYMMDDHHMMSS from the first twelve bytes
/// (years below 70 in the 2000s), normalised as `mktime` does; -1 for fewer
/// than ten bytes. Bytes past the end read as NUL, as in OpenSSL's buffer.
fn neon_time(data: &[u8]) -> i64 {
    if data.len() < 10 {
        return dates::INVALID;
    }
    let digit = |i: usize| i64::from(data.get(i).copied().unwrap_or(0)) - i64::from(b'0');
    let pair = |i: usize| digit(i) * 10 + digit(i + 1);
    let year = match pair(0) {
        y if y < 70 => y + 100,
        y => y,
    };
    dates::timegm(
        1900 + year,
        pair(2) - 1,
        pair(4),
        pair(6),
        pair(8),
        pair(10),
    )
}

/// The subjectAltName entries, as OpenSSL's `X509_get_ext_d2i` gives them:
/// nothing when the extension is absent, repeated or malformed.
fn alt_names(x509: &X509Certificate<'_>) -> Option<Vec<AltName>> {
    let mut exts = x509
        .extensions()
        .iter()
        .filter(|e| e.oid.as_bytes() == SUBJECT_ALT_NAME);
    let ext = exts.next()?;
    if exts.next().is_some() {
        return None;
    }
    let (names, rest) = der::expect(ext.value, der::SEQUENCE)?;
    if !rest.is_empty() {
        return None;
    }
    der::children(names.content)?
        .into_iter()
        .map(|name| {
            // Context tags [2] dNSName, [6] URI, [7] iPAddress (implicit).
            Some(match name.tag {
                0x82 => AltName::Dns(name.content.to_vec()),
                0x86 => AltName::Uri(name.content.to_vec()),
                0x87 => AltName::Ip(name.content.to_vec()),
                tag if tag & 0xc0 == 0x80 => AltName::Other,
                _ => return None,
            })
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rcgen::{CertificateParams, DnType, KeyPair, SanType};

    /// A self-signed certificate from `params`, with a fresh P-256 key.
    pub(crate) fn self_signed(params: CertificateParams) -> Certificate {
        let key = KeyPair::generate().unwrap();
        let cert = params.self_signed(&key).unwrap();
        Certificate::from_der(cert.der()).unwrap()
    }

    fn params(cn: Option<&str>, sans: Vec<SanType>) -> CertificateParams {
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        if let Some(cn) = cn {
            p.distinguished_name.push(DnType::CommonName, cn);
        }
        p.subject_alt_names = sans;
        p
    }

    #[test]
    fn der_pem_export_round_trips() {
        let cert = self_signed(params(Some("localhost"), vec![]));
        let again = Certificate::from_der(cert.der()).unwrap();
        assert!(again.equals(&cert));
        assert_eq!(again.compare(&cert), 0);

        let pem = cert.to_pem();
        let text = String::from_utf8(pem.clone()).unwrap();
        assert!(text.starts_with("-----BEGIN CERTIFICATE-----\n"));
        assert!(text.ends_with("\n-----END CERTIFICATE-----\n"));
        assert!(text.lines().all(|l| l.len() <= 64));
        assert!(Certificate::from_pem(&pem).unwrap().equals(&cert));

        let exported = cert.export();
        assert!(!exported.contains('\n'));
        assert!(
            Certificate::import(exported.as_bytes())
                .unwrap()
                .equals(&cert)
        );

        // Trailing bytes after the DER are ignored, as by d2i_X509.
        let mut padded = cert.der().to_vec();
        padded.extend_from_slice(b"junk");
        let p = Certificate::from_der(&padded).unwrap();
        assert_eq!(p.der(), cert.der());
    }

    #[test]
    fn pem_takes_first_certificate_block() {
        let a = self_signed(params(Some("a"), vec![]));
        let b = self_signed(params(Some("b"), vec![]));
        let mut text = b"junk before\n-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n".to_vec();
        text.extend_from_slice(&a.to_pem());
        text.extend_from_slice(&b.to_pem());
        assert!(Certificate::from_pem(&text).unwrap().equals(&a));
    }

    #[test]
    fn old_pem_label() {
        let cert = self_signed(params(Some("old"), vec![]));
        let pem = String::from_utf8(cert.to_pem()).unwrap();
        let old = pem.replace("CERTIFICATE-----", "X509 CERTIFICATE-----");
        assert!(Certificate::from_pem(old.as_bytes()).unwrap().equals(&cert));
        let trusted = pem.replace("CERTIFICATE-----", "TRUSTED CERTIFICATE-----");
        assert!(Certificate::from_pem(trusted.as_bytes()).is_none());
        assert_eq!(
            old_labels_renamed(b"a X509 CERTIFICATE----- b"),
            b"a X509 CERTIFICATE----- b"
        );
    }

    #[test]
    fn bad_input_is_refused() {
        let cert = self_signed(params(Some("x"), vec![]));
        let pem = cert.to_pem();
        assert!(Certificate::from_pem(&pem[..pem.len() / 2]).is_none());
        assert!(Certificate::from_pem(b"").is_none());
        assert!(Certificate::from_pem(cert.der()).is_none());
        assert!(Certificate::from_der(&cert.der()[..cert.der().len() - 1]).is_none());
        assert!(Certificate::from_der(b"").is_none());
        for bad in [&b"!!!!"[..], b"", b"abc", b"QUJD"] {
            assert!(Certificate::import(bad).is_none());
        }
        let dir = std::env::temp_dir().join(format!("neonrs-cert-{}", std::process::id()));
        assert!(Certificate::read_pem_file(&dir.join("missing.pem")).is_none());
    }

    #[test]
    fn files_round_trip() {
        let cert = self_signed(params(Some("files"), vec![]));
        let dir = std::env::temp_dir().join(format!("neonrs-certfile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("c.pem");
        cert.write_pem_file(&path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), cert.to_pem());
        assert!(Certificate::read_pem_file(&path).unwrap().equals(&cert));
        assert!(cert.write_pem_file(&dir.join("no/such/dir.pem")).is_err());
        assert!(Certificate::read_pem_file(&dir).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn validity_as_neon_reads_it() {
        let mut p = params(Some("v"), vec![]);
        p.not_before = rcgen::date_time_ymd(2002, 1, 21);
        p.not_after = rcgen::date_time_ymd(2049, 12, 31);
        let cert = self_signed(p);
        assert_eq!(cert.not_before(), 1_011_571_200);
        assert_eq!(cert.not_after(), 2_524_521_600);
        let (from, until) = cert.validity_strings();
        assert_eq!(from, "Mon, 21 Jan 2002 00:00:00 GMT");
        assert_eq!(until, "Fri, 31 Dec 2049 00:00:00 GMT");

        // GeneralizedTime (2050 on) is read as if it were a UTCTime.
        let mut p = params(Some("g"), vec![]);
        p.not_before = rcgen::date_time_ymd(2000, 2, 29);
        p.not_after = rcgen::date_time_ymd(2050, 1, 1);
        let cert = self_signed(p);
        assert_eq!(cert.validity_strings().0, "Tue, 29 Feb 2000 00:00:00 GMT");
        // "20500101000000Z": year 20 (2020), month 50, day 01, 01:00:00.
        assert_eq!(cert.validity_strings().1, "Thu, 01 Feb 2024 01:00:00 GMT");

        assert_eq!(neon_time(b"700101000000Z"), 0);
        assert_eq!(neon_time(b"691231235959Z"), 3_155_759_999);
        // Seconds past the end read as NUL bytes: (0 - '0') * 10 + (0 - '0').
        assert_eq!(neon_time(b"0001010000"), 946_684_800 - 528);
        assert_eq!(neon_time(b"000101000"), -1);
    }

    #[test]
    fn digests() {
        let cert = self_signed(params(Some("d"), vec![]));
        let d = cert.digest();
        assert_eq!(d.len(), 59);
        assert!(
            d.split(':')
                .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()))
        );
        assert_eq!(d, d.to_lowercase());
        let md5 = cert.hdigest(hash::MD5).unwrap();
        assert_eq!(md5.len(), 32);
        assert_eq!(cert.hdigest(hash::MD5 | hash::COLON).unwrap().len(), 47);
        assert_eq!(cert.hdigest(hash::SHA256 | hash::SPACE).unwrap().len(), 95);
        assert_eq!(cert.hdigest(hash::SHA512).unwrap().len(), 128);
        assert_eq!(cert.hdigest(hash::SHA512_256).unwrap().len(), 64);
        assert!(cert.hdigest(0).is_none());
        assert!(cert.hdigest(5).is_none());
        // The digest is of the DER.
        let mut h = hash::StrHash::new(hash::SHA256).unwrap();
        h.update(cert.der());
        assert_eq!(cert.hdigest(hash::SHA256).unwrap().as_bytes(), h.finish());
    }

    #[test]
    fn compare_orders_by_fingerprint() {
        let a = self_signed(params(Some("a"), vec![]));
        let b = self_signed(params(Some("b"), vec![]));
        let ab = a.compare(&b);
        assert!(ab == 1 || ab == -1);
        assert_eq!(b.compare(&a), -ab);
        assert_eq!(ab, if a.sha1 < b.sha1 { -1 } else { 1 });
        assert!(!a.equals(&b));
    }

    #[test]
    fn alt_names_kept_byte_for_byte() {
        let cert = self_signed(params(
            Some("cn"),
            vec![
                SanType::DnsName("a.example".try_into().unwrap()),
                SanType::IpAddress("127.0.0.1".parse().unwrap()),
                SanType::URI("http://x/".try_into().unwrap()),
                SanType::Rfc822Name("m@x".try_into().unwrap()),
            ],
        ));
        assert_eq!(
            cert.alt_names().unwrap(),
            [
                AltName::Dns(b"a.example".to_vec()),
                AltName::Ip(vec![127, 0, 0, 1]),
                AltName::Uri(b"http://x/".to_vec()),
                AltName::Other,
            ]
        );
        assert!(
            self_signed(params(Some("cn"), vec![]))
                .alt_names()
                .is_none()
        );
    }
}
