//! neon's verdict on a server's certificate chain: the failure bits its
//! OpenSSL build reports, or the verification error it treats as fatal.
//!
//! neon lets OpenSSL verify the chain (libssl's settings for a client: SSL
//! server purpose, security level 2, trusted issuers first) and maps the
//! errors its verify callback hears: missing or untrusted issuers to
//! `UNTRUSTED`, a leaf outside its validity to `NOTYETVALID`/`EXPIRED`, any
//! other certificate outside its validity to `BADCHAIN`; those errors let
//! verification go on, so several bits can be set. Any other error stops
//! verification and fails the connection with "Certificate verification
//! error: %s". The verification itself is [`x509::verify`].

use rustls_pki_types::{CertificateDer, UnixTime};

use super::cert::Certificate;
use super::dname::DistinguishedName;
use super::x509::{self, Event, TrustedIssuers, VerifyParams, codes};

pub const NOTYETVALID: u32 = 0x01;
pub const EXPIRED: u32 = 0x02;
pub const IDMISMATCH: u32 = 0x04;
pub const UNTRUSTED: u32 = 0x08;
pub const BADCHAIN: u32 = 0x10;
/// neon's NE_SSL_REVOKED (never set here: no revocation checks).
pub const REVOKED: u32 = 0x40;

/// neon's reasons for each failure bit, in the order it lists them.
const REASONS: [(u32, &str); 6] = [
    (NOTYETVALID, "certificate is not yet valid"),
    (EXPIRED, "certificate has expired"),
    (IDMISMATCH, "certificate issued for a different hostname"),
    (UNTRUSTED, "issuer is not trusted"),
    (BADCHAIN, "bad certificate chain"),
    (REVOKED, "certificate has been revoked"),
];

/// "Server certificate verification failed: <reasons>", the reasons for
/// the bits set in `failures` joined with ", " (neon's message).
pub fn failure_message(failures: u32) -> String {
    let reasons: Vec<&str> = REASONS
        .iter()
        .filter(|(bit, _)| failures & bit != 0)
        .map(|(_, r)| *r)
        .collect();
    format!(
        "Server certificate verification failed: {}",
        reasons.join(", ")
    )
}

/// libssl's security level on Debian 12, which neon leaves as it is.
const SECURITY_LEVEL: i32 = 2;

/// Not a verification error in OpenSSL (the handshake fails before
/// verification); the text for a certificate that cannot be read.
const UNREADABLE: &str = "unable to decode certificate";

/// The certificates trusted as issuers (an OpenSSL `X509_STORE`).
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<Certificate>,
}

impl TrustStore {
    pub fn new() -> TrustStore {
        TrustStore::default()
    }

    /// Trusts `cert` (`ne_ssl_trust_cert`); adding it twice changes nothing.
    /// A trusted self-signed server certificate makes that server trusted.
    pub fn add(&mut self, cert: &Certificate) {
        if !self.anchors.iter().any(|a| a.equals(cert)) {
            self.anchors.push(cert.clone());
        }
    }

    /// Trusts a DER certificate; `false` if it does not parse.
    pub fn add_der(&mut self, der: &[u8]) -> bool {
        Certificate::from_der(der).map(|c| self.add(&c)).is_some()
    }

    /// Trusts the system's CA certificates (`ne_ssl_trust_default_ca`);
    /// returns how many were added. Unreadable ones are skipped.
    pub fn add_system_roots(&mut self) -> usize {
        let before = self.anchors.len();
        for der in system_roots() {
            self.add_der(&der);
        }
        self.anchors.len() - before
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    pub fn certificates(&self) -> &[Certificate] {
        &self.anchors
    }
}

impl TrustedIssuers for TrustStore {
    fn by_subject(&self, subject: &[u8]) -> Vec<Certificate> {
        let Some(name) = DistinguishedName::from_der(subject) else {
            return Vec::new();
        };
        self.anchors
            .iter()
            .filter(|c| c.subject().compare(&name) == 0)
            .cloned()
            .collect()
    }
}

/// The system's certificate authorities (SSL_CERT_FILE and SSL_CERT_DIR
/// override the defaults, as for OpenSSL).
pub fn system_roots() -> Vec<CertificateDer<'static>> {
    rustls_native_certs::load_native_certs().certs
}

/// A chain neon's verify callback refused, failing the handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// OpenSSL's description of the verification error.
    pub description: String,
    /// The text of the oldest entry verification left on libcrypto's error
    /// queue (a failed signature's), which neon prints after "SSL error: "
    /// in place of libssl's "certificate verify failed".
    pub queue_text: Option<&'static str>,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

impl std::error::Error for Refused {}

/// The failure bits for a server's chain (leaf first, as sent) verified at
/// `now` against `anchors`, without the identity check (`IDMISMATCH` is the
/// caller's); 0 means verified. `Err` carries OpenSSL's description of an
/// error that neon does not map, which fails the connection.
pub fn chain_failures(
    chain: &[CertificateDer<'_>],
    anchors: &TrustStore,
    now: UnixTime,
) -> Result<u32, String> {
    chain_verdict(chain, anchors, now).map_err(|r| r.description)
}

/// [`chain_failures`], with what neon reports of a refused chain.
pub fn chain_verdict(
    chain: &[CertificateDer<'_>],
    anchors: &TrustStore,
    now: UnixTime,
) -> Result<u32, Refused> {
    let now = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
    let refused = |description: &str, queue_text| Refused {
        description: description.to_owned(),
        queue_text,
    };
    let certs = chain
        .iter()
        .map(|der| Certificate::from_der(der))
        .collect::<Option<Vec<_>>>()
        .filter(|c| !c.is_empty())
        .ok_or_else(|| refused(UNREADABLE, None))?;
    let params = VerifyParams::ssl_server(now, SECURITY_LEVEL);
    let mut failures = 0;
    let outcome = x509::verify(&certs, anchors, &params, &mut |e| {
        neon_callback(e, &mut failures)
    });
    if outcome.verified {
        Ok(failures)
    } else {
        Err(refused(
            codes::error_string(outcome.error),
            outcome.errors.first().map(|e| e.text),
        ))
    }
}

/// neon 0.32.5's `verify_callback`: the errors it maps to failure bits let
/// verification go on; any other stops it. The SSL debug channel shows
/// each error and the bits so far, as neon's does.
fn neon_callback(event: &mut Event<'_>, failures: &mut u32) -> bool {
    if event.ok {
        return true;
    }
    crate::debug!(
        crate::debug::SSL,
        "ssl: Verify callback @ {} => {}\n",
        event.depth,
        event.error
    );
    let bits = match event.error {
        codes::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
        | codes::X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        | codes::X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        | codes::X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        | codes::X509_V_ERR_CERT_UNTRUSTED
        | codes::X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE => UNTRUSTED,
        codes::X509_V_ERR_CERT_NOT_YET_VALID if event.depth > 0 => BADCHAIN,
        codes::X509_V_ERR_CERT_NOT_YET_VALID => NOTYETVALID,
        codes::X509_V_ERR_CERT_HAS_EXPIRED if event.depth > 0 => BADCHAIN,
        codes::X509_V_ERR_CERT_HAS_EXPIRED => EXPIRED,
        codes::X509_V_OK => 0,
        _ => {
            crate::debug!(
                crate::debug::SSL,
                "ssl: Unhandled verification error {} -> {}\n",
                event.error,
                codes::error_string(event.error)
            );
            return false;
        }
    };
    *failures |= bits;
    crate::debug!(
        crate::debug::SSL,
        "ssl: Verify failures |= {} => {}\n",
        bits,
        *failures
    );
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use rcgen::{
        BasicConstraints, CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose,
        GeneralSubtree, IsCa, Issuer, KeyPair, KeyUsagePurpose, NameConstraints, SanType,
        date_time_ymd,
    };
    use rustls_pki_types::pem::PemObject;

    // OpenSSL's texts (X509_verify_cert_error_string) for the fatal errors.
    const SIGNATURE_FAILURE: &str = "certificate signature failure";
    const INVALID_CA: &str = "invalid CA certificate";
    const INVALID_PURPOSE: &str = "unsuitable certificate purpose";
    const PATH_LENGTH_EXCEEDED: &str = "path length constraint exceeded";
    const UNHANDLED_CRITICAL: &str = "unhandled critical extension";
    const EE_KEY_TOO_SMALL: &str = "EE certificate key too weak";
    const CA_MD_TOO_WEAK: &str = "CA signature digest algorithm too weak";
    const PERMITTED_VIOLATION: &str = "permitted subtree violation";

    /// 2025-01-01T00:00:00Z: inside the default validity of the test certificates.
    const NOW: u64 = 1_735_689_600;

    struct Pki {
        params: CertificateParams,
        key: KeyPair,
        der: CertificateDer<'static>,
    }

    fn params(cn: &str, ca: bool) -> CertificateParams {
        let mut p = CertificateParams::default();
        p.distinguished_name = rcgen::DistinguishedName::new();
        p.distinguished_name.push(DnType::CommonName, cn);
        p.not_before = date_time_ymd(2020, 1, 1);
        p.not_after = date_time_ymd(2030, 1, 1);
        if ca {
            p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
            p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        } else {
            p.subject_alt_names = vec![SanType::DnsName(cn.try_into().unwrap())];
        }
        p.use_authority_key_identifier_extension = true;
        p
    }

    fn root(cn: &str, edit: impl FnOnce(&mut CertificateParams)) -> Pki {
        let mut params = params(cn, true);
        edit(&mut params);
        let key = KeyPair::generate().unwrap();
        let der = params.self_signed(&key).unwrap().der().clone();
        Pki { params, key, der }
    }

    fn issue(cn: &str, issuer: &Pki, ca: bool, edit: impl FnOnce(&mut CertificateParams)) -> Pki {
        let mut params = params(cn, ca);
        edit(&mut params);
        let key = KeyPair::generate().unwrap();
        let signer = Issuer::from_params(&issuer.params, &issuer.key);
        let der = params.signed_by(&key, &signer).unwrap().der().clone();
        Pki { params, key, der }
    }

    fn leaf(cn: &str, issuer: &Pki) -> Pki {
        issue(cn, issuer, false, |_| {})
    }

    fn at(chain: &[&Pki], anchors: &[&Pki], now: u64) -> Result<u32, String> {
        let ders: Vec<_> = chain.iter().map(|p| p.der.clone()).collect();
        let mut store = TrustStore::new();
        for a in anchors {
            assert!(store.add_der(&a.der));
        }
        chain_failures(
            &ders,
            &store,
            UnixTime::since_unix_epoch(std::time::Duration::from_secs(now)),
        )
    }

    fn check(chain: &[&Pki], anchors: &[&Pki]) -> Result<u32, String> {
        at(chain, anchors, NOW)
    }

    fn expired(p: &mut CertificateParams) {
        p.not_before = date_time_ymd(2020, 1, 1);
        p.not_after = date_time_ymd(2024, 1, 1);
    }

    fn not_yet_valid(p: &mut CertificateParams) {
        p.not_before = date_time_ymd(2026, 1, 1);
        p.not_after = date_time_ymd(2030, 1, 1);
    }

    #[test]
    fn trusted_chains() {
        let ca = root("Root CA", |_| {});
        let int = issue("Intermediate CA", &ca, true, |_| {});
        let srv = leaf("server.example", &int);
        assert_eq!(check(&[&srv, &int], &[&ca]), Ok(0));
        assert_eq!(check(&[&srv, &int, &ca], &[&ca]), Ok(0));
        // Order of the extra certificates does not matter.
        assert_eq!(check(&[&srv, &ca, &int], &[&ca]), Ok(0));
        let direct = leaf("direct.example", &ca);
        assert_eq!(check(&[&direct], &[&ca]), Ok(0));
        // Unrelated anchors do not hurt.
        let other = root("Other CA", |_| {});
        assert_eq!(check(&[&srv, &int], &[&other, &ca]), Ok(0));
    }

    #[test]
    fn untrusted_chains() {
        let ca = root("Root CA", |_| {});
        let int = issue("Intermediate CA", &ca, true, |_| {});
        let srv = leaf("server.example", &int);
        // No anchors; root sent or not.
        assert_eq!(check(&[&srv, &int, &ca], &[]), Ok(UNTRUSTED));
        assert_eq!(check(&[&srv, &int], &[]), Ok(UNTRUSTED));
        // Intermediate missing.
        assert_eq!(check(&[&srv], &[&ca]), Ok(UNTRUSTED));
        // Trusting only the intermediate is not enough without partial chains.
        assert_eq!(check(&[&srv], &[&int]), Ok(UNTRUSTED));
        assert_eq!(check(&[&srv, &int], &[&int]), Ok(UNTRUSTED));
        // Trusting the leaf itself neither (it is not self-signed).
        assert_eq!(check(&[&srv, &int], &[&srv]), Ok(UNTRUSTED));
        // A different CA of the same name.
        let impostor = root("Root CA", |_| {});
        assert_eq!(check(&[&srv, &int], &[&impostor]), Ok(UNTRUSTED));
    }

    #[test]
    fn self_signed_servers() {
        let ss = root("localhost", |p| {
            p.is_ca = IsCa::NoCa;
            p.key_usages = vec![];
        });
        assert_eq!(check(&[&ss], &[]), Ok(UNTRUSTED));
        assert_eq!(check(&[&ss], &[&ss]), Ok(0));
        // A self-signed CA certificate used as the server's (as `openssl req
        // -x509` makes: CA:TRUE, no keyUsage).
        let ca_ss = root("localhost", |p| p.key_usages = vec![]);
        assert_eq!(check(&[&ca_ss], &[]), Ok(UNTRUSTED));
        assert_eq!(check(&[&ca_ss], &[&ca_ss]), Ok(0));
        // Same name, another key: trusting one does not trust the other.
        assert_eq!(check(&[&ca_ss], &[&ss]), Ok(UNTRUSTED));
        // With keyUsage for CAs only, it is no server certificate.
        let ca_only = root("localhost", |_| {});
        assert_eq!(
            check(&[&ca_only], &[&ca_only]),
            Err(INVALID_PURPOSE.to_owned())
        );
        // Validity of a trusted self-signed certificate is the leaf's.
        let old = root("localhost", |p| {
            expired(p);
            p.key_usages = vec![];
        });
        assert_eq!(check(&[&old], &[&old]), Ok(EXPIRED));
        assert_eq!(check(&[&old], &[]), Ok(EXPIRED | UNTRUSTED));
        let early = root("localhost", |p| {
            not_yet_valid(p);
            p.key_usages = vec![];
        });
        assert_eq!(check(&[&early], &[&early]), Ok(NOTYETVALID));
    }

    #[test]
    fn leaf_validity() {
        let ca = root("Root CA", |_| {});
        let old = issue("old.example", &ca, false, expired);
        let early = issue("early.example", &ca, false, not_yet_valid);
        assert_eq!(check(&[&old], &[&ca]), Ok(EXPIRED));
        assert_eq!(check(&[&early], &[&ca]), Ok(NOTYETVALID));
        assert_eq!(check(&[&old], &[]), Ok(EXPIRED | UNTRUSTED));
        // Boundaries: valid from notBefore, expired at notAfter.
        let nb = 1_577_836_800; // 2020-01-01
        let na = 1_893_456_000; // 2030-01-01
        let srv = leaf("s.example", &ca);
        assert_eq!(at(&[&srv], &[&ca], nb), Ok(0));
        assert_eq!(at(&[&srv], &[&ca], nb - 1), Ok(NOTYETVALID | BADCHAIN));
        assert_eq!(at(&[&srv], &[&ca], na - 1), Ok(0));
        assert_eq!(at(&[&srv], &[&ca], na), Ok(EXPIRED | BADCHAIN));
        // An inverted period is both not yet valid and expired.
        let inverted = issue("inv.example", &ca, false, |p| {
            p.not_before = date_time_ymd(2026, 1, 1);
            p.not_after = date_time_ymd(2024, 1, 1);
        });
        assert_eq!(check(&[&inverted], &[&ca]), Ok(NOTYETVALID | EXPIRED));
    }

    #[test]
    fn issuer_validity_is_bad_chain() {
        let ca = root("Root CA", |_| {});
        let old_int = issue("Old Intermediate", &ca, true, expired);
        let srv = leaf("server.example", &old_int);
        assert_eq!(check(&[&srv, &old_int], &[&ca]), Ok(BADCHAIN));
        let early_int = issue("Early Intermediate", &ca, true, not_yet_valid);
        let srv2 = leaf("server.example", &early_int);
        assert_eq!(check(&[&srv2, &early_int], &[&ca]), Ok(BADCHAIN));

        let old_ca = root("Old Root", expired);
        let srv3 = leaf("server.example", &old_ca);
        assert_eq!(check(&[&srv3], &[&old_ca]), Ok(BADCHAIN));
        let early_ca = root("Early Root", not_yet_valid);
        let srv4 = leaf("server.example", &early_ca);
        assert_eq!(check(&[&srv4], &[&early_ca]), Ok(BADCHAIN));

        // Combined with the leaf's own state.
        let old_srv = issue("server.example", &old_int, false, expired);
        assert_eq!(check(&[&old_srv, &old_int], &[&ca]), Ok(EXPIRED | BADCHAIN));
        // An untrusted, sent root outside its validity is still checked.
        let int = issue("Intermediate", &old_ca, true, |_| {});
        let srv5 = leaf("server.example", &int);
        assert_eq!(
            check(&[&srv5, &int, &old_ca], &[]),
            Ok(UNTRUSTED | BADCHAIN)
        );
        // The top of an incomplete chain only serves as issuer: its
        // validity is not checked.
        assert_eq!(check(&[&srv, &old_int], &[]), Ok(UNTRUSTED));
    }

    #[test]
    fn renewed_issuer_prefers_valid_copy() {
        // Two certificates for the same CA name and key: one expired.
        let key = KeyPair::generate().unwrap();
        let make = |edit: fn(&mut CertificateParams)| {
            let mut p = params("Renewed CA", true);
            edit(&mut p);
            let der = p.self_signed(&key).unwrap().der().clone();
            (p, der)
        };
        let (old_params, old_der) = make(expired);
        let (_, new_der) = make(|_| {});
        let issuer = Issuer::from_params(&old_params, &key);
        let srv_key = KeyPair::generate().unwrap();
        let srv = params("server.example", false)
            .signed_by(&srv_key, &issuer)
            .unwrap();
        let mut store = TrustStore::new();
        store.add_der(&old_der);
        store.add_der(&new_der);
        let now = UnixTime::since_unix_epoch(std::time::Duration::from_secs(NOW));
        assert_eq!(chain_failures(&[srv.der().clone()], &store, now), Ok(0));
        let mut only_old = TrustStore::new();
        only_old.add_der(&old_der);
        assert_eq!(
            chain_failures(&[srv.der().clone()], &only_old, now),
            Ok(BADCHAIN)
        );
    }

    #[test]
    fn fatal_errors() {
        let ca = root("Root CA", |_| {});
        // A damaged signature.
        let srv = leaf("server.example", &ca);
        let mut bad = srv.der.to_vec();
        let last = bad.len() - 1;
        bad[last] ^= 1;
        let bad = Pki {
            der: CertificateDer::from(bad),
            ..srv
        };
        assert_eq!(check(&[&bad], &[&ca]), Err(SIGNATURE_FAILURE.to_owned()));

        // An issuer that is not a CA.
        let ee = issue("Not A CA", &ca, false, |p| p.is_ca = IsCa::ExplicitNoCa);
        let below = leaf("server.example", &ee);
        assert_eq!(check(&[&below, &ee], &[&ca]), Err(INVALID_CA.to_owned()));

        // Purposes: extendedKeyUsage without serverAuth, on the leaf or a CA.
        let client = issue("client.example", &ca, false, |p| {
            p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        });
        assert_eq!(check(&[&client], &[&ca]), Err(INVALID_PURPOSE.to_owned()));
        let any = issue("any.example", &ca, false, |p| {
            p.extended_key_usages = vec![ExtendedKeyUsagePurpose::Any];
        });
        assert_eq!(check(&[&any], &[&ca]), Err(INVALID_PURPOSE.to_owned()));
        let server = issue("server.example", &ca, false, |p| {
            p.extended_key_usages = vec![
                ExtendedKeyUsagePurpose::ClientAuth,
                ExtendedKeyUsagePurpose::ServerAuth,
            ];
        });
        assert_eq!(check(&[&server], &[&ca]), Ok(0));
        let mail_ca = issue("Mail CA", &ca, true, |p| {
            p.extended_key_usages = vec![ExtendedKeyUsagePurpose::EmailProtection];
        });
        let srv2 = leaf("server.example", &mail_ca);
        assert_eq!(
            check(&[&srv2, &mail_ca], &[&ca]),
            Err(INVALID_PURPOSE.to_owned())
        );
        // keyUsage of a server without signing or key exchange.
        let ku = issue("ku.example", &ca, false, |p| {
            p.key_usages = vec![KeyUsagePurpose::CrlSign];
        });
        assert_eq!(check(&[&ku], &[&ca]), Err(INVALID_PURPOSE.to_owned()));
        let ku_ok = issue("ku.example", &ca, false, |p| {
            p.key_usages = vec![KeyUsagePurpose::KeyAgreement];
        });
        assert_eq!(check(&[&ku_ok], &[&ca]), Ok(0));
        // A CA whose keyUsage forbids signing certificates.
        let nosign = issue("No Sign CA", &ca, true, |p| {
            p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        });
        let srv3 = leaf("server.example", &nosign);
        assert_eq!(check(&[&srv3, &nosign], &[&ca]), Err(INVALID_CA.to_owned()));

        // An unknown critical extension; known or non-critical ones are fine.
        let crit = issue("crit.example", &ca, false, |p| {
            let mut ext =
                CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 99999, 1], vec![5, 0]);
            ext.set_criticality(true);
            p.custom_extensions = vec![ext];
        });
        assert_eq!(check(&[&crit], &[&ca]), Err(UNHANDLED_CRITICAL.to_owned()));
        let noncrit = issue("noncrit.example", &ca, false, |p| {
            p.custom_extensions = vec![CustomExtension::from_oid_content(
                &[1, 3, 6, 1, 4, 1, 99999, 1],
                vec![5, 0],
            )];
        });
        assert_eq!(check(&[&noncrit], &[&ca]), Ok(0));
        // Fatal errors win over mapped ones.
        assert_eq!(check(&[&crit], &[]), Err(UNHANDLED_CRITICAL.to_owned()));
    }

    #[test]
    fn path_length_and_name_constraints() {
        let ca = root("Root CA", |p| {
            p.is_ca = IsCa::Ca(BasicConstraints::Constrained(0))
        });
        let int = issue("Intermediate", &ca, true, |_| {});
        let srv = leaf("server.example", &int);
        assert_eq!(
            check(&[&srv, &int], &[&ca]),
            Err(PATH_LENGTH_EXCEEDED.to_owned())
        );
        let direct = leaf("server.example", &ca);
        assert_eq!(check(&[&direct], &[&ca]), Ok(0));

        let ca = root("Root CA", |_| {});
        let constrained = issue("Constrained", &ca, true, |p| {
            p.name_constraints = Some(NameConstraints {
                permitted_subtrees: vec![GeneralSubtree::DnsName("example.com".into())],
                excluded_subtrees: vec![],
            });
        });
        let inside = leaf("www.example.com", &constrained);
        let outside = leaf("www.example.org", &constrained);
        assert_eq!(check(&[&inside, &constrained], &[&ca]), Ok(0));
        assert_eq!(
            check(&[&outside, &constrained], &[&ca]),
            Err(PERMITTED_VIOLATION.to_owned())
        );
    }

    #[test]
    fn unreadable_input() {
        let store = TrustStore::new();
        let now = UnixTime::since_unix_epoch(std::time::Duration::from_secs(NOW));
        assert_eq!(chain_failures(&[], &store, now), Err(UNREADABLE.to_owned()));
        let junk = CertificateDer::from(vec![0x30, 0x03, 0x02, 0x01, 0x01]);
        assert_eq!(
            chain_failures(&[junk], &store, now),
            Err(UNREADABLE.to_owned())
        );
    }

    #[test]
    fn weak_keys_and_digests() {
        // Made with the openssl command line (see testdata/README.md),
        // valid for 100 years from when they were made.
        let pem = include_bytes!("testdata/weak.pem");
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(pem)
            .map(Result::unwrap)
            .collect();
        let [rsa1024, sha1_root, sha1_int, server, server_of_root] = &certs[..] else {
            panic!("testdata/weak.pem holds five certificates");
        };
        let now = UnixTime::now();
        let mut store = TrustStore::new();
        assert_eq!(
            chain_failures(std::slice::from_ref(rsa1024), &store, now),
            Err(EE_KEY_TOO_SMALL.to_owned())
        );
        store.add_der(sha1_root);
        assert_eq!(
            chain_failures(&[server.clone(), sha1_int.clone()], &store, now),
            Err(CA_MD_TOO_WEAK.to_owned())
        );
        // The trust anchor's own SHA-1 signature does not count.
        assert_eq!(
            chain_failures(std::slice::from_ref(server_of_root), &store, now),
            Ok(0)
        );
    }

    #[test]
    fn trust_store() {
        let a = root("A", |_| {});
        let mut store = TrustStore::new();
        assert!(store.is_empty());
        assert!(store.add_der(&a.der));
        assert!(store.add_der(&a.der));
        assert_eq!(store.len(), 1);
        assert!(!store.add_der(b"junk"));
        assert_eq!(store.len(), 1);
        let cert = Certificate::from_der(&a.der).unwrap();
        store.add(&cert);
        assert_eq!(store.len(), 1);
        assert!(store.certificates()[0].equals(&cert));

        // The system's roots (however many this machine has) come in once.
        let mut system = TrustStore::new();
        let added = system.add_system_roots();
        assert_eq!(system.len(), added);
        assert_eq!(system.add_system_roots(), 0);
    }
}
