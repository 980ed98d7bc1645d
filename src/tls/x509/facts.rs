//! What OpenSSL caches about a certificate before verifying with it
//! (`ossl_x509v3_cache_extensions`): the `EXFLAG_*` flags, key usages,
//! path lengths, key identifiers, names, the key and the signature.

use std::sync::Arc;

use super::general::{self, GeneralName, NameConstraints};
use super::keys::{PublicKey, oid_text};
use super::signature::{self, SigAlg};
use super::time::{self, Asn1Time};
use crate::tls::cert::Certificate;
use crate::tls::der;
use crate::tls::dname::DistinguishedName;

// EXFLAG_* (x509v3.h).
pub const BCONS: u32 = 0x1;
pub const KUSAGE: u32 = 0x2;
pub const XKUSAGE: u32 = 0x4;
pub const NSCERT: u32 = 0x8;
pub const CA: u32 = 0x10;
pub const SI: u32 = 0x20;
pub const V1: u32 = 0x40;
pub const INVALID: u32 = 0x80;
pub const CRITICAL: u32 = 0x200;
pub const PROXY: u32 = 0x400;
pub const SS: u32 = 0x2000;
pub const BCONS_CRITICAL: u32 = 0x10000;
pub const AKID_CRITICAL: u32 = 0x20000;
pub const SKID_CRITICAL: u32 = 0x40000;
pub const SAN_CRITICAL: u32 = 0x80000;

// KU_* (x509v3.h), as OpenSSL packs the keyUsage bits.
pub const KU_DIGITAL_SIGNATURE: u32 = 0x0080;
pub const KU_NON_REPUDIATION: u32 = 0x0040;
pub const KU_KEY_ENCIPHERMENT: u32 = 0x0020;
pub const KU_KEY_AGREEMENT: u32 = 0x0008;
pub const KU_KEY_CERT_SIGN: u32 = 0x0004;
pub const KU_CRL_SIGN: u32 = 0x0002;

// XKU_*.
pub const XKU_SSL_SERVER: u32 = 0x1;
pub const XKU_SSL_CLIENT: u32 = 0x2;
pub const XKU_SMIME: u32 = 0x4;
pub const XKU_CODE_SIGN: u32 = 0x8;
pub const XKU_SGC: u32 = 0x10;
pub const XKU_OCSP_SIGN: u32 = 0x20;
pub const XKU_TIMESTAMP: u32 = 0x40;
pub const XKU_DVCS: u32 = 0x80;
pub const XKU_ANYEKU: u32 = 0x100;

// NS_* (nsCertType bits).
pub const NS_SSL_CLIENT: u8 = 0x80;
pub const NS_SSL_SERVER: u8 = 0x40;
pub const NS_SMIME: u8 = 0x20;
pub const NS_SSL_CA: u8 = 0x04;
pub const NS_SMIME_CA: u8 = 0x02;
pub const NS_ANY_CA: u8 = 0x07;

/// Extensions OpenSSL understands (`X509_supported_extension`); any other
/// marked critical sets `EXFLAG_CRITICAL`.
const SUPPORTED: &[&str] = &[
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

/// The policy extensions `X509_policy_check` reads.
const POLICY_EXTENSIONS: &[&str] = &["2.5.29.32", "2.5.29.33", "2.5.29.36", "2.5.29.54"];

/// authorityKeyIdentifier.
#[derive(Debug, Clone, Default)]
pub struct Akid {
    pub keyid: Option<Vec<u8>>,
    /// The first directoryName of authorityCertIssuer.
    pub issuer: Option<DistinguishedName>,
    /// authorityCertSerialNumber's contents.
    pub serial: Option<Vec<u8>>,
}

/// A certificate with what OpenSSL caches about it.
#[derive(Debug)]
pub struct Facts {
    pub cert: Certificate,
    pub flags: u32,
    pub kusage: u32,
    pub xkusage: u32,
    pub nscert: u8,
    /// pathLenConstraint; -1 when absent.
    pub pathlen: i64,
    /// The proxy certificate's path length; -1 when absent.
    pub pcpathlen: i64,
    pub skid: Option<Vec<u8>>,
    pub akid: Option<Akid>,
    pub altnames: Option<Vec<GeneralName>>,
    pub nc: Option<NameConstraints>,
    /// A policy extension is present.
    pub has_policies: bool,
    /// extendedKeyUsage is marked critical.
    pub eku_critical: bool,
    /// 0 for version 1, 2 for version 3.
    pub version: u32,
    pub extension_count: usize,
    pub serial: Vec<u8>,
    pub key: PublicKey,
    /// The outer signature algorithm (identifier contents) and what it is.
    pub sig_alg_der: Vec<u8>,
    pub sig_alg: SigAlg,
    /// The algorithm named inside the signed part, which issuer matching
    /// looks at (`check_sig_alg_match`).
    pub tbs_sig_alg: SigAlg,
    /// The outer and inner algorithm identifiers agree (`X509_ALGOR_cmp`).
    pub algs_agree: bool,
    /// The signature has no unused bits.
    pub sig_whole_bytes: bool,
    pub tbs: Vec<u8>,
    pub signature: Vec<u8>,
    pub not_before: Asn1Time,
    pub not_after: Asn1Time,
}

/// Shared handle: chains and store look-ups hold the same facts.
pub type Prepared = Arc<Facts>;

impl Facts {
    pub fn subject(&self) -> &DistinguishedName {
        self.cert.subject()
    }

    pub fn issuer(&self) -> &DistinguishedName {
        self.cert.issuer()
    }

    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// `X509_self_signed(x, 0)`: `Err` for a certificate with invalid
    /// extensions (OpenSSL's internal error).
    pub fn self_signed(&self) -> Result<bool, ()> {
        if self.has(INVALID) {
            return Err(());
        }
        Ok(self.has(SS))
    }

    /// Prepares `cert`; `None` only if its outer structure cannot be read
    /// (it parsed once as a [`Certificate`], so that does not happen).
    pub fn new(cert: &Certificate) -> Option<Prepared> {
        let (outer, _) = der::expect(cert.der(), der::SEQUENCE)?;
        let [tbs, sig_alg, sig] = der::children(outer.content)?[..] else {
            return None;
        };
        let fields = der::children(tbs.content)?;
        let explicit_version = fields.first()?.tag == 0xa0;
        let version = if explicit_version {
            let (v, _) = der::expect(fields[0].content, der::INTEGER)?;
            v.content.last().copied().map_or(0, u32::from)
        } else {
            0
        };
        let at = usize::from(explicit_version);
        let serial = fields.get(at)?.content.to_vec();
        let inner_alg = fields.get(at + 1)?;
        let validity = fields.get(at + 3)?;
        let spki = fields.get(at + 5)?;
        let [nb, na] = der::children(validity.content)?[..] else {
            return None;
        };
        let extensions: Vec<(String, bool, &[u8])> = fields[at + 6..]
            .iter()
            .find(|f| f.tag == 0xa3)
            .map(|f| read_extensions(f.content))
            .unwrap_or(Some(Vec::new()))?;
        let (signature, sig_whole_bytes) = match sig.content.split_first() {
            Some((&unused, bits)) if sig.tag == der::BIT_STRING => (bits.to_vec(), unused == 0),
            _ => return None,
        };
        let mut facts = Facts {
            cert: cert.clone(),
            flags: 0,
            kusage: 0,
            xkusage: 0,
            nscert: 0,
            pathlen: -1,
            pcpathlen: -1,
            skid: None,
            akid: None,
            altnames: None,
            nc: None,
            has_policies: false,
            eku_critical: false,
            version,
            extension_count: extensions.len(),
            serial,
            key: PublicKey::from_spki(spki.raw),
            sig_alg_der: sig_alg.content.to_vec(),
            sig_alg: signature::algorithm(sig_alg.content),
            tbs_sig_alg: signature::algorithm(inner_alg.content),
            algs_agree: sig_alg.raw == inner_alg.raw,
            sig_whole_bytes,
            tbs: tbs.raw.to_vec(),
            signature,
            not_before: time::read(nb),
            not_after: time::read(na),
        };
        facts.cache_extensions(&extensions);
        Some(Arc::new(facts))
    }

    fn cache_extensions(&mut self, extensions: &[(String, bool, &[u8])]) {
        if self.version == 0 {
            self.flags |= V1;
        }
        // X509_get_ext_d2i: a duplicate or an undecodable value of an
        // extension OpenSSL reads makes the certificate invalid.
        let find = |oid: &str| -> Result<Option<&[u8]>, ()> {
            let mut found = extensions.iter().filter(|(o, _, _)| o == oid);
            match (found.next(), found.next()) {
                (None, _) => Ok(None),
                (Some((_, _, v)), None) => Ok(Some(v)),
                _ => Err(()),
            }
        };
        let mut invalid = false;
        let mut read = |oid: &str, parse: &mut dyn FnMut(&[u8]) -> Option<()>| match find(oid) {
            Ok(None) => {}
            Ok(Some(v)) => invalid |= parse(v).is_none(),
            Err(()) => invalid = true,
        };
        let mut flags = 0;
        let mut pathlen = -1;
        read("2.5.29.19", &mut |v| {
            let (ca, len) = basic_constraints(v)?;
            if ca {
                flags |= CA;
            }
            match len {
                Some(l) if l < 0 => return None,
                Some(l) => pathlen = l,
                None => {}
            }
            flags |= BCONS;
            Some(())
        });
        let mut pcpathlen = -1;
        read("1.3.6.1.5.5.7.1.14", &mut |v| {
            let (seq, _) = der::expect(v, der::SEQUENCE)?;
            let first = der::children(seq.content)?.into_iter().next()?;
            if first.tag == der::INTEGER {
                pcpathlen = integer(first.content)?;
            }
            flags |= PROXY;
            Some(())
        });
        let proxy_conflict = flags & PROXY != 0
            && (flags & CA != 0
                || extensions
                    .iter()
                    .any(|(o, _, _)| o == "2.5.29.17" || o == "2.5.29.18"));
        let mut kusage = 0;
        read("2.5.29.15", &mut |v| {
            let bits = bit_string(v)?;
            kusage = bits.first().map_or(0, |&b| u32::from(b))
                | bits.get(1).map_or(0, |&b| u32::from(b) << 8);
            flags |= KUSAGE;
            (kusage != 0).then_some(())
        });
        let mut xkusage = 0;
        read("2.5.29.37", &mut |v| {
            let (seq, _) = der::expect(v, der::SEQUENCE)?;
            for oid in der::children(seq.content)? {
                if oid.tag != der::OID {
                    return None;
                }
                xkusage |= match oid_text(oid.content).as_str() {
                    "1.3.6.1.5.5.7.3.1" => XKU_SSL_SERVER,
                    "1.3.6.1.5.5.7.3.2" => XKU_SSL_CLIENT,
                    "1.3.6.1.5.5.7.3.4" => XKU_SMIME,
                    "1.3.6.1.5.5.7.3.3" => XKU_CODE_SIGN,
                    "1.3.6.1.4.1.311.10.3.3" | "2.16.840.1.113730.4.1" => XKU_SGC,
                    "1.3.6.1.5.5.7.3.9" => XKU_OCSP_SIGN,
                    "1.3.6.1.5.5.7.3.8" => XKU_TIMESTAMP,
                    "1.3.6.1.5.5.7.3.10" => XKU_DVCS,
                    "2.5.29.37.0" => XKU_ANYEKU,
                    _ => 0,
                };
            }
            flags |= XKUSAGE;
            Some(())
        });
        let mut nscert = 0;
        read("2.16.840.1.113730.1.1", &mut |v| {
            nscert = bit_string(v)?.first().copied().unwrap_or(0);
            flags |= NSCERT;
            Some(())
        });
        let mut skid = None;
        read("2.5.29.14", &mut |v| {
            let (octets, _) = der::expect(v, der::OCTET_STRING)?;
            skid = Some(octets.content.to_vec());
            Some(())
        });
        let mut akid = None;
        read("2.5.29.35", &mut |v| {
            akid = Some(read_akid(v)?);
            Some(())
        });
        let mut altnames = None;
        read("2.5.29.17", &mut |v| {
            let (seq, _) = der::expect(v, der::SEQUENCE)?;
            altnames = Some(general::read_names(seq.content)?);
            Some(())
        });
        let mut nc = None;
        read("2.5.29.30", &mut |v| {
            nc = Some(general::read_name_constraints(v)?);
            Some(())
        });
        read("2.5.29.31", &mut |v| {
            der::expect(v, der::SEQUENCE).map(|_| ())
        });
        let invalid = invalid || proxy_conflict;
        for (oid, critical, _) in extensions {
            if !critical {
                continue;
            }
            if !SUPPORTED.contains(&oid.as_str()) {
                flags |= CRITICAL;
                break;
            }
            flags |= match oid.as_str() {
                "2.5.29.19" => BCONS_CRITICAL,
                "2.5.29.35" => AKID_CRITICAL,
                "2.5.29.14" => SKID_CRITICAL,
                "2.5.29.17" => SAN_CRITICAL,
                _ => 0,
            };
        }
        self.eku_critical = extensions
            .iter()
            .any(|(o, critical, _)| o == "2.5.29.37" && *critical);
        self.has_policies = extensions
            .iter()
            .any(|(o, _, _)| POLICY_EXTENSIONS.contains(&o.as_str()));
        self.flags |= flags;
        self.kusage = kusage;
        self.xkusage = xkusage;
        self.nscert = nscert;
        self.pathlen = pathlen;
        self.pcpathlen = pcpathlen;
        self.skid = skid;
        self.akid = akid;
        self.altnames = altnames;
        self.nc = nc;
        if invalid {
            self.flags |= INVALID;
        }
        if self.subject().compare(self.issuer()) == 0 {
            self.flags |= SI;
            if self.check_akid(self.akid.as_ref())
                && signature::key_fits(&self.key, &self.tbs_sig_alg)
            {
                self.flags |= SS;
            }
        }
    }

    /// `X509_check_akid(self, akid) == X509_V_OK`: `akid` (of a certificate
    /// `self` may have issued) fits `self`.
    pub fn check_akid(&self, akid: Option<&Akid>) -> bool {
        let Some(akid) = akid else {
            return true;
        };
        if let (Some(keyid), Some(skid)) = (&akid.keyid, &self.skid) {
            if keyid != skid {
                return false;
            }
        }
        if let Some(serial) = &akid.serial {
            if !same_integer(serial, &self.serial) {
                return false;
            }
        }
        match &akid.issuer {
            Some(name) => name.compare(self.issuer()) == 0,
            None => true,
        }
    }

    /// `ossl_x509_likely_issued(self, subject) == X509_V_OK`: names chain,
    /// the subject's authority key identifier fits and this key is of the
    /// type the subject's signature needs.
    pub fn likely_issued(&self, subject: &Facts) -> bool {
        self.subject().compare(subject.issuer()) == 0
            && !self.has(INVALID)
            && !subject.has(INVALID)
            && self.check_akid(subject.akid.as_ref())
            && signature::key_fits(&self.key, &subject.tbs_sig_alg)
    }

    /// Within its validity at `now` (`ossl_x509_check_cert_time` without
    /// reporting).
    pub fn time_valid(&self, now: i64) -> bool {
        self.not_before.is_some_and(|t| t <= now) && self.not_after.is_some_and(|t| t > now)
    }

    /// The key usage rejects `usage` (`ku_reject`).
    pub fn ku_reject(&self, usage: u32) -> bool {
        self.has(KUSAGE) && self.kusage & usage == 0
    }

    pub fn xku_reject(&self, usage: u32) -> bool {
        self.has(XKUSAGE) && self.xkusage & usage == 0
    }

    pub fn ns_reject(&self, usage: u8) -> bool {
        self.has(NSCERT) && self.nscert & usage == 0
    }
}

/// The extensions of a TBSCertificate's `[3]` field: OID text,
/// criticality and the value's contents; `None` if malformed.
fn read_extensions(explicit: &[u8]) -> Option<Vec<(String, bool, &[u8])>> {
    let (seq, _) = der::expect(explicit, der::SEQUENCE)?;
    let mut out = Vec::new();
    for ext in der::children(seq.content)? {
        let fields = der::children(ext.content)?;
        let (oid, rest) = fields.split_first()?;
        let (critical, value) = match rest {
            [c, v] if c.tag == der::BOOLEAN => (c.content.first().is_some_and(|&b| b != 0), v),
            [v] => (false, v),
            _ => return None,
        };
        if oid.tag != der::OID || value.tag != der::OCTET_STRING {
            return None;
        }
        out.push((oid_text(oid.content), critical, value.content));
    }
    Some(out)
}

fn basic_constraints(v: &[u8]) -> Option<(bool, Option<i64>)> {
    let (seq, _) = der::expect(v, der::SEQUENCE)?;
    let mut ca = false;
    let mut len = None;
    for f in der::children(seq.content)? {
        match f.tag {
            der::BOOLEAN => ca = f.content.first().is_some_and(|&b| b != 0),
            der::INTEGER => len = Some(integer(f.content)?),
            _ => return None,
        }
    }
    Some((ca, len))
}

fn read_akid(v: &[u8]) -> Option<Akid> {
    let (seq, _) = der::expect(v, der::SEQUENCE)?;
    let mut akid = Akid::default();
    for f in der::children(seq.content)? {
        match f.tag {
            0x80 => akid.keyid = Some(f.content.to_vec()),
            0xa1 => {
                akid.issuer = general::read_names(f.content)?
                    .into_iter()
                    .find_map(|n| match n {
                        GeneralName::Dir(d) => Some(d),
                        _ => None,
                    });
            }
            0x82 => akid.serial = Some(f.content.to_vec()),
            _ => return None,
        }
    }
    Some(akid)
}

/// A small INTEGER's value (large ones saturate, as a path length would).
fn integer(content: &[u8]) -> Option<i64> {
    let (&first, _) = content.split_first()?;
    if content.len() > 8 {
        return Some(if first & 0x80 != 0 { -1 } else { i64::MAX });
    }
    let mut v: i64 = if first & 0x80 != 0 { -1 } else { 0 };
    for &b in content {
        v = (v << 8) | i64::from(b);
    }
    Some(v)
}

/// Two INTEGER encodings with the same value (`ASN1_INTEGER_cmp`).
fn same_integer(a: &[u8], b: &[u8]) -> bool {
    let trim = |x: &[u8]| -> Vec<u8> {
        let skip = x
            .iter()
            .take(x.len().saturating_sub(1))
            .take_while(|&&b| b == 0)
            .count();
        x[skip..].to_vec()
    };
    trim(a) == trim(b)
}

/// A BIT STRING's bytes with the unused bits of the last one cleared, as
/// OpenSSL decodes it.
fn bit_string(v: &[u8]) -> Option<Vec<u8>> {
    let (bits, _) = der::expect(v, der::BIT_STRING)?;
    let (&unused, data) = bits.content.split_first()?;
    if unused > 7 {
        return None;
    }
    let mut data = data.to_vec();
    if let Some(last) = data.last_mut() {
        *last &= 0xffu8 << unused;
    }
    Some(data)
}
