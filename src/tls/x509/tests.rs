//! The engine's reports, check by check: which error, at which depth, for
//! which certificate, in which order, and what the callback's answers do.

use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, DnType, ExtendedKeyUsagePurpose,
    GeneralSubtree, IsCa, Issuer, KeyPair, KeyUsagePurpose, NameConstraints, SanType,
    date_time_ymd,
};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

use super::codes::*;
use super::*;
use crate::tls::verify::TrustStore;

/// 2025-01-01T00:00:00Z.
const NOW: i64 = 1_735_689_600;

struct Pki {
    params: CertificateParams,
    key: KeyPair,
    cert: Certificate,
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
    let cert = Certificate::from_der(&der).unwrap();
    Pki { params, key, cert }
}

fn issue(cn: &str, issuer: &Pki, ca: bool, edit: impl FnOnce(&mut CertificateParams)) -> Pki {
    let mut params = params(cn, ca);
    edit(&mut params);
    let key = KeyPair::generate().unwrap();
    let signer = Issuer::from_params(&issuer.params, &issuer.key);
    let der = params.signed_by(&key, &signer).unwrap().der().clone();
    let cert = Certificate::from_der(&der).unwrap();
    Pki { params, key, cert }
}

/// Root, intermediate and leaf ("www.test"), with edits to each.
fn pki(
    r: impl FnOnce(&mut CertificateParams),
    i: impl FnOnce(&mut CertificateParams),
    l: impl FnOnce(&mut CertificateParams),
) -> (Pki, Pki, Pki) {
    let ca = root("Root", r);
    let int = issue("Int", &ca, true, i);
    let leaf = issue("www.test", &int, false, l);
    (ca, int, leaf)
}

fn cn(c: &Certificate) -> String {
    c.subject().last_common_name().map_or("-".into(), |a| {
        String::from_utf8_lossy(&a.value).into_owned()
    })
}

/// One report: ok, error, depth, current certificate's name, chain length.
type Report = (bool, i32, usize, String, usize);

/// Runs the engine; `answer` decides each report.
fn run(
    presented: &[&Pki],
    anchors: &[&Pki],
    params: &VerifyParams,
    mut answer: impl FnMut(&mut Event<'_>) -> bool,
) -> (Outcome, Vec<Report>) {
    let certs: Vec<Certificate> = presented.iter().map(|p| p.cert.clone()).collect();
    let mut store = TrustStore::new();
    for a in anchors {
        store.add(&a.cert);
    }
    let mut reports = Vec::new();
    let outcome = verify(&certs, &store, params, &mut |e| {
        reports.push((e.ok, e.error, e.depth, cn(e.cert), e.chain.len()));
        answer(e)
    });
    (outcome, reports)
}

fn default_params() -> VerifyParams {
    VerifyParams::ssl_server(NOW, 2)
}

fn with_flags(flags: u64) -> VerifyParams {
    let mut p = default_params();
    p.flags |= flags;
    p
}

fn r(ok: bool, error: i32, depth: usize, name: &str, len: usize) -> Report {
    (ok, error, depth, name.to_owned(), len)
}

/// The first problem reported with the default callback: (error, depth, name).
fn first_problem(
    presented: &[&Pki],
    anchors: &[&Pki],
    params: &VerifyParams,
) -> (i32, usize, String) {
    let (outcome, reports) = run(presented, anchors, params, |e| e.ok);
    let last = reports.last().expect("a report");
    assert!(!last.0, "the last report is the problem: {reports:?}");
    assert!(!outcome.verified);
    assert_eq!((outcome.error, outcome.error_depth), (last.1, last.2));
    (last.1, last.2, last.3.clone())
}

#[test]
fn valid_chain_reports_each_depth_top_down() {
    let (ca, int, leaf) = pki(|_| {}, |_| {}, |_| {});
    let (outcome, reports) = run(&[&leaf, &int], &[&ca], &default_params(), |e| e.ok);
    assert_eq!(
        reports,
        [
            r(true, 0, 2, "Root", 3),
            r(true, 0, 1, "Int", 3),
            r(true, 0, 0, "www.test", 3)
        ]
    );
    assert!(outcome.verified);
    assert_eq!(outcome.error, X509_V_OK);
    assert_eq!(outcome.chain.len(), 3);
    assert_eq!(outcome.num_untrusted, 2);
    assert_eq!(outcome.peername, None);
}

#[test]
fn expired_intermediate_accepted_keeps_the_error() {
    let (ca, int, leaf) = pki(
        |_| {},
        |p| {
            p.not_before = date_time_ymd(2010, 1, 1);
            p.not_after = date_time_ymd(2015, 1, 1);
        },
        |_| {},
    );
    let (outcome, reports) = run(&[&leaf, &int], &[&ca], &default_params(), |_| true);
    assert_eq!(
        reports,
        [
            r(true, 0, 2, "Root", 3),
            r(false, X509_V_ERR_CERT_HAS_EXPIRED, 1, "Int", 3),
            r(true, X509_V_ERR_CERT_HAS_EXPIRED, 1, "Int", 3),
            r(true, X509_V_ERR_CERT_HAS_EXPIRED, 0, "www.test", 3),
        ]
    );
    assert!(outcome.verified);
    assert_eq!(
        (outcome.error, outcome.error_depth),
        (X509_V_ERR_CERT_HAS_EXPIRED, 0)
    );
    // The default callback stops there.
    let (outcome, reports) = run(&[&leaf, &int], &[&ca], &default_params(), |e| e.ok);
    assert_eq!(reports.len(), 2);
    assert!(!outcome.verified);
    assert_eq!(
        (outcome.error, outcome.error_depth),
        (X509_V_ERR_CERT_HAS_EXPIRED, 1)
    );
}

#[test]
fn callback_may_clear_or_change_the_error() {
    let (ca, int, leaf) = pki(
        |_| {},
        |_| {},
        |p| {
            p.not_before = date_time_ymd(2026, 1, 1);
        },
    );
    let (outcome, reports) = run(&[&leaf, &int], &[&ca], &default_params(), |e| {
        if !e.ok {
            e.error = X509_V_OK;
        }
        true
    });
    assert_eq!(
        reports[2],
        r(false, X509_V_ERR_CERT_NOT_YET_VALID, 0, "www.test", 3)
    );
    assert_eq!(reports[3], r(true, X509_V_OK, 0, "www.test", 3));
    assert!(outcome.verified);
    assert_eq!(outcome.error, X509_V_OK);
    let (outcome, _) = run(&[&leaf, &int], &[&ca], &default_params(), |e| {
        e.error = X509_V_ERR_APPLICATION_VERIFICATION;
        false
    });
    assert!(!outcome.verified);
    assert_eq!(outcome.error, X509_V_ERR_APPLICATION_VERIFICATION);
}

#[test]
fn missing_and_untrusted_issuers() {
    let (ca, int, leaf) = pki(|_| {}, |_| {}, |_| {});
    let p = default_params();
    assert_eq!(
        first_problem(&[&leaf], &[&ca], &p),
        (
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            0,
            "www.test".into()
        )
    );
    assert_eq!(
        first_problem(&[&leaf, &int], &[], &p),
        (
            X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            1,
            "Int".into()
        )
    );
    assert_eq!(
        first_problem(&[&leaf, &int, &ca], &[], &p),
        (X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, 2, "Root".into())
    );
    // A trusted intermediate without its root: issuer of the top not found.
    assert_eq!(
        first_problem(&[&leaf, &int], &[&int], &p),
        (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, 1, "Int".into())
    );
    let alone = root("alone.test", |p| {
        p.is_ca = IsCa::ExplicitNoCa;
        p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        p.subject_alt_names = vec![SanType::DnsName("alone.test".try_into().unwrap())];
    });
    assert_eq!(
        first_problem(&[&alone], &[], &p),
        (
            X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
            0,
            "alone.test".into()
        )
    );
    // Trusting the self-signed certificate itself makes it verify.
    let (outcome, _) = run(&[&alone], &[&alone], &p, |e| e.ok);
    assert!(outcome.verified);
    assert_eq!(outcome.num_untrusted, 0);
    // Accepting the untrusted error goes on to the signatures: the top of an
    // incomplete chain only serves as issuer.
    let (outcome, reports) = run(&[&leaf, &int], &[], &p, |_| true);
    assert!(outcome.verified);
    assert_eq!(
        reports,
        [
            r(
                false,
                X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                1,
                "Int",
                2
            ),
            r(
                true,
                X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
                0,
                "www.test",
                2
            ),
        ]
    );
    // A lone leaf without issuer cannot have its signature checked.
    let (_, reports) = run(&[&leaf], &[], &p, |_| true);
    assert_eq!(
        reports[1],
        r(
            false,
            X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE,
            0,
            "www.test",
            1
        )
    );
}

#[test]
fn partial_chains_and_depth_limit() {
    let (ca, int, leaf) = pki(|_| {}, |_| {}, |_| {});
    let (outcome, _) = run(
        &[&leaf, &int],
        &[&int],
        &with_flags(flags::PARTIAL_CHAIN),
        |e| e.ok,
    );
    assert!(outcome.verified);
    assert_eq!((outcome.chain.len(), outcome.num_untrusted), (2, 1));
    // The leaf itself trusted.
    let (outcome, _) = run(&[&leaf], &[&leaf], &with_flags(flags::PARTIAL_CHAIN), |e| {
        e.ok
    });
    assert!(outcome.verified);
    assert_eq!((outcome.chain.len(), outcome.num_untrusted), (1, 0));
    let mut p = default_params();
    p.depth = 0;
    assert_eq!(
        first_problem(&[&leaf, &int], &[&ca], &p),
        (X509_V_ERR_CERT_CHAIN_TOO_LONG, 1, "Int".into())
    );
    p.depth = 1;
    assert!(run(&[&leaf, &int], &[&ca], &p, |e| e.ok).0.verified);
}

#[test]
fn extensions_purpose_and_path_length() {
    let p = default_params();
    let (ca, int, leaf) = pki(|_| {}, |p| p.is_ca = IsCa::ExplicitNoCa, |_| {});
    assert_eq!(
        first_problem(&[&leaf, &int], &[&ca], &p),
        (X509_V_ERR_INVALID_CA, 1, "Int".into())
    );
    let (ca, int, leaf) = pki(
        |_| {},
        |_| {},
        |p| {
            p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        },
    );
    assert_eq!(
        first_problem(&[&leaf, &int], &[&ca], &p),
        (X509_V_ERR_INVALID_PURPOSE, 0, "www.test".into())
    );
    let mut client = p.clone();
    client.purpose = purpose::SSL_CLIENT;
    assert!(run(&[&leaf, &int], &[&ca], &client, |e| e.ok).0.verified);
    let (ca, int, leaf) = pki(
        |p| p.is_ca = IsCa::Ca(BasicConstraints::Constrained(0)),
        |_| {},
        |_| {},
    );
    assert_eq!(
        first_problem(&[&leaf, &int], &[&ca], &p),
        (X509_V_ERR_PATH_LENGTH_EXCEEDED, 2, "Root".into())
    );
    let (ca, int, leaf) = pki(
        |_| {},
        |_| {},
        |p| {
            let mut ext =
                CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 99999, 1], vec![5, 0]);
            ext.set_criticality(true);
            p.custom_extensions = vec![ext];
        },
    );
    assert_eq!(
        first_problem(&[&leaf, &int], &[&ca], &p),
        (
            X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION,
            0,
            "www.test".into()
        )
    );
    assert!(
        run(
            &[&leaf, &int],
            &[&ca],
            &with_flags(flags::IGNORE_CRITICAL),
            |e| e.ok
        )
        .0
        .verified
    );
    // X509_STRICT: a leaf below an intermediate needs an authority key id.
    let (ca, int, leaf) = pki(
        |_| {},
        |_| {},
        |p| p.use_authority_key_identifier_extension = false,
    );
    assert!(run(&[&leaf, &int], &[&ca], &p, |e| e.ok).0.verified);
    assert_eq!(
        first_problem(&[&leaf, &int], &[&ca], &with_flags(flags::X509_STRICT)),
        (
            X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER,
            0,
            "www.test".into()
        )
    );
}

#[test]
fn identity_revocation_and_policy() {
    let (ca, int, leaf) = pki(|_| {}, |_| {}, |_| {});
    let mut p = default_params();
    p.hosts = vec![b"other.test".to_vec()];
    let (outcome, reports) = run(&[&leaf, &int], &[&ca], &p, |_| true);
    assert_eq!(
        reports[0],
        r(false, X509_V_ERR_HOSTNAME_MISMATCH, 0, "www.test", 3)
    );
    assert_eq!(reports.len(), 4);
    assert!(outcome.verified);
    assert_eq!(outcome.error, X509_V_ERR_HOSTNAME_MISMATCH);
    // No CRLs: the leaf, or every certificate, cannot be checked.
    assert_eq!(
        first_problem(&[&leaf, &int], &[&ca], &with_flags(flags::CRL_CHECK)),
        (X509_V_ERR_UNABLE_TO_GET_CRL, 0, "www.test".into())
    );
    let (_, reports) = run(
        &[&leaf, &int],
        &[&ca],
        &with_flags(flags::CRL_CHECK | flags::CRL_CHECK_ALL),
        |_| true,
    );
    let crl: Vec<_> = reports
        .iter()
        .filter(|r| !r.0)
        .map(|r| (r.1, r.2))
        .collect();
    assert_eq!(crl, [(3, 0), (3, 1), (3, 2)]);
    // An explicit policy is required but none is there.
    let mut reported_cert = None;
    let (outcome, _) = run(
        &[&leaf, &int],
        &[&ca],
        &with_flags(flags::POLICY_CHECK | flags::EXPLICIT_POLICY),
        |e| {
            if !e.ok {
                reported_cert = Some(e.has_cert);
            }
            e.ok
        },
    );
    assert_eq!(outcome.error, X509_V_ERR_NO_EXPLICIT_POLICY);
    assert_eq!(reported_cert, Some(false));
    assert!(
        run(
            &[&leaf, &int],
            &[&ca],
            &with_flags(flags::POLICY_CHECK),
            |e| e.ok
        )
        .0
        .verified
    );
}

#[test]
fn signatures_and_name_constraints() {
    let (ca, int, leaf) = pki(|_| {}, |_| {}, |_| {});
    let mut der = leaf.cert.der().to_vec();
    let last = der.len() - 1;
    der[last] ^= 1;
    let bad = Pki {
        cert: Certificate::from_der(&der).unwrap(),
        ..leaf
    };
    assert_eq!(
        first_problem(&[&bad, &int], &[&ca], &default_params()),
        (X509_V_ERR_CERT_SIGNATURE_FAILURE, 0, "www.test".into())
    );
    let ca = root("Root", |_| {});
    let nc = issue("Int", &ca, true, |p| {
        p.name_constraints = Some(NameConstraints {
            permitted_subtrees: vec![GeneralSubtree::DnsName("good.test".into())],
            excluded_subtrees: vec![],
        });
    });
    let inside = issue("www.good.test", &nc, false, |_| {});
    let outside = issue("www.other.test", &nc, false, |_| {});
    assert!(
        run(&[&inside, &nc], &[&ca], &default_params(), |e| e.ok)
            .0
            .verified
    );
    assert_eq!(
        first_problem(&[&outside, &nc], &[&ca], &default_params()),
        (X509_V_ERR_PERMITTED_VIOLATION, 0, "www.other.test".into())
    );
    // Without a DNS subjectAltName the common name is checked as a host name.
    let cn_only = issue("cn.other.test", &nc, false, |p| {
        p.subject_alt_names = vec![]
    });
    assert_eq!(
        first_problem(&[&cn_only, &nc], &[&ca], &default_params()),
        (X509_V_ERR_PERMITTED_VIOLATION, 0, "cn.other.test".into())
    );
}

#[test]
fn security_levels() {
    // testdata/weak.pem: RSA-1024 self-signed; SHA-1 root; intermediate
    // signed with SHA-1; server under it; server under the root.
    let pem = include_bytes!("../testdata/weak.pem");
    let certs: Vec<Certificate> = CertificateDer::pem_slice_iter(pem)
        .map(|d| Certificate::from_der(&d.unwrap()).unwrap())
        .collect();
    let [rsa1024, sha1_root, sha1_int, server, server_of_root] = &certs[..] else {
        panic!("five certificates");
    };
    let mut store = TrustStore::new();
    store.add(sha1_root);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let check = |presented: &[Certificate], level: i32| {
        let params = VerifyParams::ssl_server(now, level);
        let o = verify(presented, &store, &params, &mut |e| e.ok);
        (o.error, o.error_depth)
    };
    assert_eq!(
        check(std::slice::from_ref(rsa1024), 2),
        (X509_V_ERR_EE_KEY_TOO_SMALL, 0)
    );
    assert_eq!(
        check(std::slice::from_ref(rsa1024), 1),
        (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, 0)
    );
    assert_eq!(
        check(&[server.clone(), sha1_int.clone()], 1),
        (X509_V_ERR_CA_MD_TOO_WEAK, 1)
    );
    assert_eq!(
        check(&[server.clone(), sha1_int.clone()], 0),
        (X509_V_OK, 0)
    );
    // The trust anchor's own SHA-1 signature does not count.
    assert_eq!(
        check(std::slice::from_ref(server_of_root), 5).0,
        X509_V_ERR_EE_KEY_TOO_SMALL
    );
    assert_eq!(
        check(std::slice::from_ref(server_of_root), 2),
        (X509_V_OK, 0)
    );
    assert_eq!(
        check(std::slice::from_ref(server_of_root), 3).0,
        X509_V_ERR_EE_KEY_TOO_SMALL
    );
}

#[test]
fn no_certificate_is_an_invalid_call() {
    let o = verify(&[], &TrustStore::new(), &default_params(), &mut |e| e.ok);
    assert!(!o.verified);
    assert_eq!(o.error, X509_V_ERR_INVALID_CALL);
}
