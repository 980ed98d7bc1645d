//! What OpenSSL's chain verification looks at in one certificate: issuer
//! linkage (names, key identifiers, algorithm families), the extensions its
//! checks use, key and signature strength, validity, and the signature
//! itself, checked with rustls-webpki's aws-lc-rs algorithms.

use std::borrow::Cow;

use x509_parser::der_parser::oid::Oid;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::cert::Certificate;
use super::der;
use super::dname::DistinguishedName;

/// Extensions OpenSSL 3.0 understands; any other marked critical fails
/// verification (`X509_supported_extension`).
const SUPPORTED_CRITICAL: &[&str] = &[
    "2.16.840.1.113730.1.1", // nsCertType
    "2.5.29.15",             // keyUsage
    "2.5.29.17",             // subjectAltName
    "2.5.29.19",             // basicConstraints
    "2.5.29.32",             // certificatePolicies
    "2.5.29.31",             // cRLDistributionPoints
    "2.5.29.37",             // extKeyUsage
    "1.3.6.1.5.5.7.1.7",     // sbgp-ipAddrBlock
    "1.3.6.1.5.5.7.1.8",     // sbgp-autonomousSysNum
    "1.3.6.1.5.5.7.48.1.5",  // OCSP noCheck
    "2.5.29.36",             // policyConstraints
    "1.3.6.1.5.5.7.1.14",    // proxyCertInfo
    "2.5.29.30",             // nameConstraints
    "2.5.29.33",             // policyMappings
    "2.5.29.54",             // inhibitAnyPolicy
];
const PROXY_CERT_INFO: &str = "1.3.6.1.5.5.7.1.14";
const NAME_CONSTRAINTS: &str = "2.5.29.30";
/// Server Gated Crypto purposes, which OpenSSL accepts for SSL servers.
const SGC: &[&str] = &["2.16.840.1.113730.4.1", "1.3.6.1.4.1.311.10.3.3"];

/// The public key families OpenSSL tells apart when matching a signature
/// algorithm to an issuer's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Rsa,
    RsaPss,
    Ec,
    Dsa,
    Ed25519,
    Ed448,
}

/// A certificate prepared for verification.
pub struct CertInfo<'a> {
    pub cert: &'a Certificate,
    x509: X509Certificate<'a>,
    /// Subject and issuer names are equal (`EXFLAG_SI`).
    pub self_issued: bool,
    /// Self-issued, own key identifiers consistent and own key of the
    /// signature's family (`EXFLAG_SS`); the signature itself is not checked.
    pub self_signed: bool,
    tbs: &'a [u8],
    sig_alg: der::Tlv<'a>,
    tbs_sig_alg: der::Tlv<'a>,
    signature: &'a [u8],
    key_alg: &'a [u8],
    key: &'a [u8],
}

impl<'a> CertInfo<'a> {
    /// `None` if the certificate's structure cannot be read (it parsed once
    /// as a [`Certificate`], so this does not happen in practice).
    pub fn new(cert: &'a Certificate) -> Option<CertInfo<'a>> {
        let (_, x509) = X509Certificate::from_der(cert.der()).ok()?;
        let (outer, _) = der::expect(cert.der(), der::SEQUENCE)?;
        let [tbs, sig_alg, signature] = der::children(outer.content)?[..] else {
            return None;
        };
        let fields = der::children(tbs.content)?;
        let skip = usize::from(fields.first()?.tag == 0xa0);
        let tbs_sig_alg = *fields.get(skip + 1)?;
        let (spki, _) = der::expect(x509.tbs_certificate.subject_pki.raw, der::SEQUENCE)?;
        let [key_alg, key] = der::children(spki.content)?[..] else {
            return None;
        };
        let mut info = CertInfo {
            cert,
            x509,
            self_issued: cert.subject().compare(cert.issuer()) == 0,
            self_signed: false,
            tbs: tbs.raw,
            sig_alg,
            tbs_sig_alg,
            signature: bit_string(signature)?,
            key_alg: key_alg.content,
            key: bit_string(key)?,
        };
        info.self_signed = info.self_issued && info.likely_issued(&info);
        Some(info)
    }

    fn subject(&self) -> &DistinguishedName {
        self.cert.subject()
    }

    fn extension(&self, oid: &str) -> Option<&ParsedExtension<'a>> {
        self.x509
            .extensions()
            .iter()
            .find(|e| e.oid.to_id_string() == oid)
            .map(|e| e.parsed_extension())
    }

    /// OpenSSL's `ossl_x509_likely_issued(self, subject)`: `self`'s subject
    /// is `subject`'s issuer, `subject`'s authority key identifier (if any)
    /// fits `self`, and `self`'s key is of the family of `subject`'s
    /// signature.
    pub fn likely_issued(&self, subject: &CertInfo<'_>) -> bool {
        self.subject().compare(subject.cert.issuer()) == 0
            && self.fits_authority_key_id(subject)
            && subject.signature_family().is_some_and(|family| {
                let key = self.key_kind();
                key == Some(family) || (family == KeyKind::RsaPss && key == Some(KeyKind::Rsa))
            })
    }

    /// `X509_check_akid`: key identifier, serial number and issuer name,
    /// each only when both sides have it.
    fn fits_authority_key_id(&self, subject: &CertInfo<'_>) -> bool {
        let Some(ParsedExtension::AuthorityKeyIdentifier(akid)) = subject.extension("2.5.29.35")
        else {
            return true;
        };
        if let (Some(keyid), Some(ParsedExtension::SubjectKeyIdentifier(skid))) =
            (&akid.key_identifier, self.extension("2.5.29.14"))
        {
            if keyid.0 != skid.0 {
                return false;
            }
        }
        if akid
            .authority_cert_serial
            .is_some_and(|serial| serial != self.x509.raw_serial())
        {
            return false;
        }
        let dir_name = akid
            .authority_cert_issuer
            .iter()
            .flatten()
            .find_map(|n| match n {
                GeneralName::DirectoryName(name) => Some(name),
                _ => None,
            });
        match dir_name.and_then(|n| DistinguishedName::from_der(n.as_raw())) {
            Some(name) => name.compare(self.cert.issuer()) == 0,
            None => true,
        }
    }

    /// Whether `now` lies in the validity period (`X509_cmp_time`: valid
    /// from notBefore inclusive until notAfter exclusive).
    pub fn time_valid(&self, now: i64) -> bool {
        !self.not_yet_valid(now) && !self.expired(now)
    }

    pub fn not_yet_valid(&self, now: i64) -> bool {
        self.x509.validity().not_before.timestamp() > now
    }

    pub fn expired(&self, now: i64) -> bool {
        self.x509.validity().not_after.timestamp() <= now
    }

    pub fn not_before(&self) -> i64 {
        self.x509.validity().not_before.timestamp()
    }

    pub fn not_after(&self) -> i64 {
        self.x509.validity().not_after.timestamp()
    }

    /// An unsupported extension is marked critical.
    pub fn unhandled_critical(&self) -> bool {
        self.x509
            .extensions()
            .iter()
            .any(|e| e.critical && !SUPPORTED_CRITICAL.contains(&e.oid.to_id_string().as_str()))
    }

    pub fn is_proxy(&self) -> bool {
        self.extension(PROXY_CERT_INFO).is_some()
    }

    pub fn has_name_constraints(&self) -> bool {
        self.extension(NAME_CONSTRAINTS).is_some()
    }

    fn basic_constraints(&self) -> Option<(bool, Option<u32>)> {
        match self.extension("2.5.29.19") {
            Some(ParsedExtension::BasicConstraints(bc)) => Some((bc.ca, bc.path_len_constraint)),
            _ => None,
        }
    }

    /// The pathLenConstraint of basicConstraints.
    pub fn path_len(&self) -> Option<u32> {
        self.basic_constraints().and_then(|(_, len)| len)
    }

    fn key_usage(&self) -> Option<&x509_parser::extensions::KeyUsage> {
        match self.extension("2.5.29.15") {
            Some(ParsedExtension::KeyUsage(ku)) => Some(ku),
            _ => None,
        }
    }

    fn ns_cert_type(&self) -> Option<&x509_parser::extensions::NSCertType> {
        match self.extension("2.16.840.1.113730.1.1") {
            Some(ParsedExtension::NSCertType(ns)) => Some(ns),
            _ => None,
        }
    }

    /// `X509_check_ca`: 0 when not a CA, 1 for basicConstraints CA:TRUE, 3
    /// for a version 1 self-signed root, 4 for keyCertSign without
    /// basicConstraints, 5 for a Netscape CA type.
    pub fn ca_kind(&self) -> u8 {
        if self.key_usage().is_some_and(|ku| !ku.key_cert_sign()) {
            return 0;
        }
        match self.basic_constraints() {
            Some((ca, _)) => u8::from(ca),
            None if self.x509.version().0 == 0 && self.self_signed => 3,
            None if self.key_usage().is_some() => 4,
            None if self
                .ns_cert_type()
                .is_some_and(|ns| ns.ssl_ca() || ns.smime_ca() || ns.object_signing_ca()) =>
            {
                5
            }
            None => 0,
        }
    }

    /// OpenSSL's SSL server purpose check (`check_purpose_ssl_server`): an
    /// extendedKeyUsage must allow serverAuth (or SGC); a server's
    /// nsCertType must allow SSL servers and its keyUsage signing or key
    /// exchange; a CA must be a CA (and an SSL CA by nsCertType, if that is
    /// all that makes it one).
    pub fn ssl_server_purpose(&self, as_ca: bool) -> bool {
        if let Some(ParsedExtension::ExtendedKeyUsage(eku)) = self.extension("2.5.29.37") {
            let sgc = eku
                .other
                .iter()
                .any(|o| SGC.contains(&o.to_id_string().as_str()));
            if !eku.server_auth && !sgc {
                return false;
            }
        }
        if as_ca {
            return match self.ca_kind() {
                0 => false,
                5 => self.ns_cert_type().is_some_and(|ns| ns.ssl_ca()),
                _ => true,
            };
        }
        if self.ns_cert_type().is_some_and(|ns| !ns.ssl_server()) {
            return false;
        }
        !self.key_usage().is_some_and(|ku| {
            !ku.digital_signature() && !ku.key_encipherment() && !ku.key_agreement()
        })
    }

    fn key_kind(&self) -> Option<KeyKind> {
        let (oid, _) = der::expect(self.key_alg, der::OID)?;
        Some(match oid_text(oid.content).as_str() {
            "1.2.840.113549.1.1.1" => KeyKind::Rsa,
            "1.2.840.113549.1.1.10" => KeyKind::RsaPss,
            "1.2.840.10045.2.1" => KeyKind::Ec,
            "1.2.840.10040.4.1" => KeyKind::Dsa,
            "1.3.101.112" => KeyKind::Ed25519,
            "1.3.101.113" => KeyKind::Ed448,
            _ => return None,
        })
    }

    /// The key's strength in bits of security as OpenSSL rates it; 0 for a
    /// key OpenSSL could not use.
    pub fn key_security_bits(&self) -> u32 {
        let finite_field = |bits: usize| match bits {
            15360.. => 256,
            7680.. => 192,
            3072.. => 128,
            2048.. => 112,
            1024.. => 80,
            _ => 0,
        };
        match self.key_kind() {
            Some(KeyKind::Rsa | KeyKind::RsaPss) => {
                let modulus = der::expect(self.key, der::SEQUENCE)
                    .and_then(|(seq, _)| der::expect(seq.content, der::INTEGER));
                modulus.map_or(0, |(n, _)| finite_field(integer_bits(n.content)))
            }
            Some(KeyKind::Dsa) => {
                let prime = der::read(self.key_alg)
                    .and_then(|(_, params)| der::expect(params, der::SEQUENCE))
                    .and_then(|(seq, _)| der::expect(seq.content, der::INTEGER));
                prime.map_or(0, |(p, _)| finite_field(integer_bits(p.content)))
            }
            Some(KeyKind::Ec) => {
                let curve = der::read(self.key_alg)
                    .and_then(|(_, params)| der::expect(params, der::OID))
                    .map(|(oid, _)| oid_text(oid.content));
                match curve.as_deref() {
                    Some("1.2.840.10045.3.1.1") => 80,                     // P-192
                    Some("1.3.132.0.33") => 112,                           // P-224
                    Some("1.2.840.10045.3.1.7" | "1.3.132.0.10") => 128,   // P-256, secp256k1
                    Some("1.3.36.3.3.2.8.1.1.7") => 128,                   // brainpoolP256r1
                    Some("1.3.132.0.34" | "1.3.36.3.3.2.8.1.1.11") => 192, // P-384
                    Some("1.3.132.0.35" | "1.3.36.3.3.2.8.1.1.13") => 256, // P-521
                    _ => 0,
                }
            }
            Some(KeyKind::Ed25519) => 128,
            Some(KeyKind::Ed448) => 224,
            None => 0,
        }
    }

    /// The signature algorithm's family and its digest's strength as
    /// OpenSSL 3.0 rates it (SHA-1 63 bits, MD5 39).
    fn signature_info(&self) -> Option<(KeyKind, u32)> {
        let (oid, params) = der::expect(self.sig_alg.content, der::OID)?;
        let digest_bits = |name: &str| match name {
            "md5" => 39,
            "sha1" => 63,
            "sha224" => 112,
            "sha256" => 128,
            "sha384" => 192,
            "sha512" => 256,
            _ => 0,
        };
        Some(match oid_text(oid.content).as_str() {
            "1.2.840.113549.1.1.4" => (KeyKind::Rsa, digest_bits("md5")),
            "1.2.840.113549.1.1.5" => (KeyKind::Rsa, digest_bits("sha1")),
            "1.2.840.113549.1.1.14" => (KeyKind::Rsa, digest_bits("sha224")),
            "1.2.840.113549.1.1.11" => (KeyKind::Rsa, digest_bits("sha256")),
            "1.2.840.113549.1.1.12" => (KeyKind::Rsa, digest_bits("sha384")),
            "1.2.840.113549.1.1.13" => (KeyKind::Rsa, digest_bits("sha512")),
            "1.2.840.113549.1.1.10" => (KeyKind::RsaPss, digest_bits(pss_digest(params)?)),
            "1.2.840.10045.4.1" => (KeyKind::Ec, digest_bits("sha1")),
            "1.2.840.10045.4.3.1" => (KeyKind::Ec, digest_bits("sha224")),
            "1.2.840.10045.4.3.2" => (KeyKind::Ec, digest_bits("sha256")),
            "1.2.840.10045.4.3.3" => (KeyKind::Ec, digest_bits("sha384")),
            "1.2.840.10045.4.3.4" => (KeyKind::Ec, digest_bits("sha512")),
            "1.2.840.10040.4.3" => (KeyKind::Dsa, digest_bits("sha1")),
            "2.16.840.1.101.3.4.3.1" => (KeyKind::Dsa, digest_bits("sha224")),
            "2.16.840.1.101.3.4.3.2" => (KeyKind::Dsa, digest_bits("sha256")),
            "1.3.101.112" => (KeyKind::Ed25519, 128),
            "1.3.101.113" => (KeyKind::Ed448, 224),
            _ => return None,
        })
    }

    fn signature_family(&self) -> Option<KeyKind> {
        self.signature_info().map(|(family, _)| family)
    }

    /// The strength of the signature's digest; 0 for an algorithm OpenSSL
    /// does not know.
    pub fn signature_security_bits(&self) -> u32 {
        self.signature_info().map_or(0, |(_, bits)| bits)
    }

    /// Whether `issuer`'s key verifies this certificate's signature (with
    /// the same algorithm named inside and outside the signed part).
    pub fn signed_by(&self, issuer: &CertInfo<'_>) -> bool {
        if self.sig_alg.raw != self.tbs_sig_alg.raw {
            return false;
        }
        webpki::ALL_VERIFICATION_ALGS
            .iter()
            .filter(|alg| {
                alg.signature_alg_id().as_ref() == self.sig_alg.content
                    && alg.public_key_alg_id().as_ref() == issuer.key_alg
            })
            .any(|alg| {
                alg.verify_signature(issuer.key, self.tbs, self.signature)
                    .is_ok()
            })
    }
}

/// The contents of a BIT STRING without unused bits.
fn bit_string(tlv: der::Tlv<'_>) -> Option<&[u8]> {
    match tlv.content.split_first() {
        Some((0, bits)) if tlv.tag == der::BIT_STRING => Some(bits),
        _ => None,
    }
}

/// The number of significant bits of a non-negative DER INTEGER.
fn integer_bits(content: &[u8]) -> usize {
    let digits = match content.iter().position(|&b| b != 0) {
        Some(first) => &content[first..],
        None => return 0,
    };
    digits.len() * 8 - digits[0].leading_zeros() as usize
}

/// Dotted text of an OID's contents.
fn oid_text(content: &[u8]) -> String {
    Oid::new(Cow::Borrowed(content)).to_id_string()
}

/// The digest named by RSASSA-PSS parameters (SHA-1 when absent).
fn pss_digest(params: &[u8]) -> Option<&'static str> {
    let Some((seq, _)) = der::expect(params, der::SEQUENCE) else {
        return Some("sha1");
    };
    let hash = der::children(seq.content)?
        .into_iter()
        .find(|f| f.tag == 0xa0);
    let Some(hash) = hash else {
        return Some("sha1");
    };
    let (alg, _) = der::expect(hash.content, der::SEQUENCE)?;
    let (oid, _) = der::expect(alg.content, der::OID)?;
    Some(match oid_text(oid.content).as_str() {
        "1.3.14.3.2.26" => "sha1",
        "2.16.840.1.101.3.4.2.4" => "sha224",
        "2.16.840.1.101.3.4.2.1" => "sha256",
        "2.16.840.1.101.3.4.2.2" => "sha384",
        "2.16.840.1.101.3.4.2.3" => "sha512",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oid_and_integer_helpers() {
        assert_eq!(oid_text(&[0x55, 0x04, 0x03]), "2.5.4.3");
        assert_eq!(
            oid_text(&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]),
            "1.2.840.10045.2.1"
        );
        assert_eq!(integer_bits(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(integer_bits(&[0x01, 0xff]), 9);
        assert_eq!(integer_bits(&[0x00]), 0);
    }
}
