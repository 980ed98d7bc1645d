//! The checks `verify_chain` runs on a built chain, in OpenSSL's order:
//! extensions and purpose (`check_extensions`), key and digest strength
//! (`check_auth_level`), the peer's identity (`check_id`), revocation
//! (`check_revocation`, without CRLs) and policies (`check_policy`).

use super::codes::*;
use super::context::Ctx;
use super::facts::*;
use super::hostmatch::{self, Match};
use super::purposes::{self, Trust};
use super::{flags, keys::KeyKind};

/// The bits of security each security level (1 to 5) asks for.
const MINBITS: [u32; 5] = [80, 112, 128, 192, 256];

fn level_bits(level: i32) -> Option<u32> {
    (level > 0).then(|| MINBITS[(level.min(5) - 1) as usize])
}

/// `check_key_level`: the key is decodable and strong enough.
pub fn key_level_ok(ctx: &Ctx<'_>, x: &Facts) -> bool {
    match level_bits(ctx.params.auth_level) {
        None => true,
        Some(bits) => x.key.kind.is_some() && x.key.security_bits >= bits,
    }
}

/// `check_sig_level`: the signature's digest is strong enough.
fn sig_level_ok(ctx: &Ctx<'_>, x: &Facts) -> bool {
    match level_bits(ctx.params.auth_level) {
        None => true,
        Some(bits) => x.sig_alg.security_bits.is_some_and(|s| s >= bits),
    }
}

/// `CB_FAIL_IF`: reports when `cond` holds; false when the callback stops.
macro_rules! fail_if {
    ($ctx:expr, $cond:expr, $cert:expr, $depth:expr, $err:expr) => {
        if $cond && !$ctx.fail(Some($cert), Some($depth), $err) {
            return 0;
        }
    };
}
pub(crate) use fail_if;

/// `check_purpose`: trust settings of a trusted certificate may stand in
/// for its purpose; else `X509_check_purpose`, whose errors count only
/// under `X509_STRICT`.
fn check_purpose(
    ctx: &mut Ctx<'_>,
    x: &Prepared,
    purpose: i32,
    depth: usize,
    must_be_ca: i32,
) -> bool {
    if depth >= ctx.num_untrusted
        && purpose == ctx.params.purpose
        && purposes::check_trust(x, ctx.trust, true) == Trust::Trusted
    {
        return true;
    }
    match purposes::check_purpose(x, purpose, must_be_ca > 0) {
        1 => return true,
        0 => {}
        _ if !ctx.flag(flags::X509_STRICT) => return true,
        _ => {}
    }
    ctx.fail(Some(x), Some(depth), X509_V_ERR_INVALID_PURPOSE)
}

/// `check_curve`: 1 fine, 0 explicit EC parameters, -1 undecodable key.
fn check_curve(x: &Facts) -> i32 {
    match x.key.kind {
        None => -1,
        Some(KeyKind::Ec) if x.key.explicit_curve => 0,
        Some(_) => 1,
    }
}

/// `check_extensions`.
pub fn check_extensions(ctx: &mut Ctx<'_>) -> i32 {
    let num = ctx.chain.len();
    let strict = ctx.flag(flags::X509_STRICT);
    let allow_proxy = ctx.flag(flags::ALLOW_PROXY_CERTS);
    let purpose = ctx.params.purpose;
    let mut must_be_ca = -1;
    let mut plen: i64 = 0;
    let mut proxy_path_length: i64 = 0;
    for i in 0..num {
        let x = ctx.chain[i].clone();
        fail_if!(
            ctx,
            !ctx.flag(flags::IGNORE_CRITICAL) && x.has(CRITICAL),
            &x,
            i,
            X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION
        );
        fail_if!(
            ctx,
            !allow_proxy && x.has(PROXY),
            &x,
            i,
            X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED
        );
        let ret = purposes::x509_check_ca(&x);
        match must_be_ca {
            -1 => fail_if!(
                ctx,
                strict && ret != 1 && ret != 0,
                &x,
                i,
                X509_V_ERR_INVALID_CA
            ),
            0 => fail_if!(ctx, ret != 0, &x, i, X509_V_ERR_INVALID_NON_CA),
            _ => fail_if!(
                ctx,
                ret == 0 || ((i + 1 < num || strict) && ret != 1),
                &x,
                i,
                X509_V_ERR_INVALID_CA
            ),
        }
        if num > 1 {
            let curve = check_curve(&x);
            fail_if!(ctx, curve < 0, &x, i, X509_V_ERR_UNSPECIFIED);
            fail_if!(ctx, curve == 0, &x, i, X509_V_ERR_EC_KEY_EXPLICIT_PARAMS);
        }
        if strict && num > 1 && strict_checks(ctx, &x, i, num) == 0 {
            return 0;
        }
        if purpose > 0 && !check_purpose(ctx, &x, purpose, i, must_be_ca) {
            return 0;
        }
        fail_if!(
            ctx,
            i > 1 && x.pathlen != -1 && plen > x.pathlen + proxy_path_length,
            &x,
            i,
            X509_V_ERR_PATH_LENGTH_EXCEEDED
        );
        if i > 0 && !x.has(SI) {
            plen += 1;
        }
        if x.has(PROXY) {
            if x.pcpathlen != -1 {
                fail_if!(
                    ctx,
                    proxy_path_length > x.pcpathlen,
                    &x,
                    i,
                    X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED
                );
                proxy_path_length = x.pcpathlen;
            }
            proxy_path_length += 1;
            must_be_ca = 0;
        } else {
            must_be_ca = 1;
        }
    }
    1
}

/// The RFC 5280 profile checks of `X509_STRICT` (errors 78 and 80-93).
fn strict_checks(ctx: &mut Ctx<'_>, x: &Prepared, i: usize, num: usize) -> i32 {
    if x.pathlen != -1 {
        fail_if!(ctx, !x.has(CA), x, i, X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA);
        fail_if!(
            ctx,
            x.kusage & KU_KEY_CERT_SIGN == 0,
            x,
            i,
            X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN
        );
    }
    fail_if!(
        ctx,
        x.has(CA) && x.has(BCONS) && !x.has(BCONS_CRITICAL),
        x,
        i,
        X509_V_ERR_CA_BCONS_NOT_CRITICAL
    );
    if x.has(CA) {
        fail_if!(
            ctx,
            !x.has(KUSAGE),
            x,
            i,
            X509_V_ERR_CA_CERT_MISSING_KEY_USAGE
        );
    } else {
        fail_if!(
            ctx,
            x.kusage & KU_KEY_CERT_SIGN != 0,
            x,
            i,
            X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA
        );
    }
    let subject_empty = x.subject().attributes().is_empty();
    fail_if!(
        ctx,
        x.issuer().attributes().is_empty(),
        x,
        i,
        X509_V_ERR_ISSUER_NAME_EMPTY
    );
    fail_if!(
        ctx,
        (x.has(CA) || x.kusage & KU_CRL_SIGN != 0 || x.altnames.is_none()) && subject_empty,
        x,
        i,
        X509_V_ERR_SUBJECT_NAME_EMPTY
    );
    fail_if!(
        ctx,
        subject_empty && x.altnames.is_some() && !x.has(SAN_CRITICAL),
        x,
        i,
        X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL
    );
    fail_if!(
        ctx,
        x.altnames.as_ref().is_some_and(|a| a.is_empty()),
        x,
        i,
        X509_V_ERR_EMPTY_SUBJECT_ALT_NAME
    );
    fail_if!(
        ctx,
        !x.algs_agree,
        x,
        i,
        X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY
    );
    fail_if!(
        ctx,
        x.akid.is_some() && x.has(AKID_CRITICAL),
        x,
        i,
        X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL
    );
    fail_if!(
        ctx,
        x.skid.is_some() && x.has(SKID_CRITICAL),
        x,
        i,
        X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL
    );
    if x.version >= 2 {
        let no_keyid = x.akid.as_ref().is_none_or(|a| a.keyid.is_none());
        fail_if!(
            ctx,
            i + 1 < num && no_keyid,
            x,
            i,
            X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER
        );
        fail_if!(
            ctx,
            x.has(CA) && x.skid.is_none(),
            x,
            i,
            X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER
        );
    } else {
        fail_if!(
            ctx,
            x.extension_count > 0,
            x,
            i,
            X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3
        );
    }
    1
}

/// `check_auth_level`: issuers' keys, and the digests of all signatures
/// but the trust anchor's.
pub fn check_auth_level(ctx: &mut Ctx<'_>) -> i32 {
    if ctx.params.auth_level <= 0 {
        return 1;
    }
    let num = ctx.chain.len();
    for i in 0..num {
        let x = ctx.chain[i].clone();
        fail_if!(
            ctx,
            i > 0 && !key_level_ok(ctx, &x),
            &x,
            i,
            X509_V_ERR_CA_KEY_TOO_SMALL
        );
        fail_if!(
            ctx,
            i + 1 < num && !sig_level_ok(ctx, &x),
            &x,
            i,
            X509_V_ERR_CA_MD_TOO_WEAK
        );
    }
    1
}

/// `check_id`: any of the host names, the e-mail address and the IP
/// address, each reported for the leaf at depth 0; records the name that
/// matched.
pub fn check_id(ctx: &mut Ctx<'_>) -> i32 {
    let leaf = ctx.leaf.clone();
    if !ctx.params.hosts.is_empty() {
        ctx.peername = None;
        let mut matched = false;
        for host in &ctx.params.hosts {
            if let Match::Yes(name) = hostmatch::check_host(&leaf.cert, host, ctx.params.hostflags)
            {
                ctx.peername = name;
                matched = true;
                break;
            }
        }
        if !matched && !ctx.fail(Some(&leaf), Some(0), X509_V_ERR_HOSTNAME_MISMATCH) {
            return 0;
        }
    }
    if let Some(email) = &ctx.params.email {
        if !matches!(hostmatch::check_email(&leaf.cert, email, 0), Match::Yes(_))
            && !ctx.fail(Some(&leaf), Some(0), X509_V_ERR_EMAIL_MISMATCH)
        {
            return 0;
        }
    }
    if let Some(ip) = &ctx.params.ip {
        if !matches!(hostmatch::check_ip(&leaf.cert, ip, 0), Match::Yes(_))
            && !ctx.fail(Some(&leaf), Some(0), X509_V_ERR_IP_ADDRESS_MISMATCH)
        {
            return 0;
        }
    }
    1
}

/// `check_revocation` with a store that holds no CRLs: every certificate
/// checked (the leaf, or all with `CRL_CHECK_ALL`) but proxy certificates
/// is reported with `X509_V_ERR_UNABLE_TO_GET_CRL`.
pub fn check_revocation(ctx: &mut Ctx<'_>) -> i32 {
    if !ctx.flag(flags::CRL_CHECK) {
        return 1;
    }
    let last = if ctx.flag(flags::CRL_CHECK_ALL) {
        ctx.chain.len() - 1
    } else {
        0
    };
    for i in 0..=last {
        let x = ctx.chain[i].clone();
        ctx.error_depth = i;
        if x.has(PROXY) {
            continue;
        }
        ctx.set_current(Some(&x));
        ctx.error = X509_V_ERR_UNABLE_TO_GET_CRL;
        if !ctx.call(false) {
            return 0;
        }
    }
    1
}

/// `check_policy` where no certificate below the trust anchor carries a
/// policy extension: valid, unless `EXPLICIT_POLICY` asks for a policy
/// (`X509_V_ERR_NO_EXPLICIT_POLICY`, reported with no current
/// certificate). Policy trees are not evaluated: when a
/// certificate has policy extensions this fails closed with the same error.
pub fn check_policy(ctx: &mut Ctx<'_>) -> i32 {
    let n = ctx.chain.len() - 1;
    if n == 0 {
        return 1;
    }
    let with_policies = ctx.chain[..n].iter().any(|c| c.has_policies);
    if with_policies || ctx.flag(flags::EXPLICIT_POLICY) {
        ctx.set_current(None);
        ctx.error = X509_V_ERR_NO_EXPLICIT_POLICY;
        return i32::from(ctx.call(false));
    }
    1
}
