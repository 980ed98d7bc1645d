//! `internal_verify`: from the top of the chain down, each certificate's
//! signature by the one above it (the top's own only with
//! `CHECK_SS_SIGNATURE`), the issuer's key usage, and validity times; the
//! callback hears of each certificate that passed (`ok` = 1, the previous
//! error kept).

use super::checks::fail_if;
use super::codes::*;
use super::context::Ctx;
use super::errqueue::{self, ErrEntry};
use super::facts::*;
use super::{flags, signature};

/// `ossl_x509_check_cert_time` with reporting at `depth`.
pub fn check_cert_time(ctx: &mut Ctx<'_>, x: &Prepared, depth: usize) -> i32 {
    let Some(now) = ctx.now else {
        return 1;
    };
    fail_if!(
        ctx,
        x.not_before.is_none(),
        x,
        depth,
        X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD
    );
    fail_if!(
        ctx,
        x.not_before.is_some_and(|t| t > now),
        x,
        depth,
        X509_V_ERR_CERT_NOT_YET_VALID
    );
    fail_if!(
        ctx,
        x.not_after.is_none(),
        x,
        depth,
        X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD
    );
    fail_if!(
        ctx,
        x.not_after.is_some_and(|t| t <= now),
        x,
        depth,
        X509_V_ERR_CERT_HAS_EXPIRED
    );
    1
}

/// `ossl_x509_signing_allowed(issuer, subject)`.
fn signing_allowed(issuer: &Facts, subject: &Facts) -> i32 {
    if subject.has(PROXY) {
        if issuer.ku_reject(KU_DIGITAL_SIGNATURE) {
            return X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE;
        }
    } else if issuer.ku_reject(KU_KEY_CERT_SIGN) {
        return X509_V_ERR_KEYUSAGE_NO_CERTSIGN;
    }
    X509_V_OK
}

/// `X509_verify(subject, issuer's key) > 0`; if not, the error-queue
/// entries it leaves (none when the two algorithm fields differ).
fn signed_by(subject: &Facts, issuer: &Facts) -> Result<(), Vec<ErrEntry>> {
    if !subject.algs_agree {
        return Err(Vec::new());
    }
    if !subject.sig_whole_bytes {
        return Err(vec![errqueue::INVALID_BIT_STRING_BITS_LEFT]);
    }
    signature::verify(
        &issuer.key,
        &subject.sig_alg_der,
        &subject.tbs,
        &subject.signature,
    )
}

pub fn internal_verify(ctx: &mut Ctx<'_>) -> i32 {
    let mut n = ctx.chain.len() - 1;
    let mut xi_at = n;
    let mut xs_at = n;
    ctx.error_depth = n;
    let top = ctx.chain[n].clone();
    if !top.likely_issued(&top) && !ctx.flag(flags::PARTIAL_CHAIN) {
        if n > 0 {
            n -= 1;
            ctx.error_depth = n;
            xs_at = n;
        } else {
            fail_if!(
                ctx,
                true,
                &top,
                0,
                X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE
            );
        }
    }
    loop {
        let xi = ctx.chain[xi_at].clone();
        let xs = ctx.chain[xs_at].clone();
        let same = xi_at == xs_at;
        if !same || (ctx.flag(flags::CHECK_SS_SIGNATURE) && xi.has(SS)) {
            let issuer_depth = n + usize::from(!same);
            let ret = if same && !xi.has(CA) {
                X509_V_OK
            } else {
                signing_allowed(&xi, &xs)
            };
            fail_if!(ctx, ret != X509_V_OK, &xi, issuer_depth, ret);
            if xi.key.kind.is_none() {
                fail_if!(
                    ctx,
                    true,
                    &xi,
                    issuer_depth,
                    X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY
                );
            } else {
                let signed = signed_by(&xs, &xi);
                if let Err(entries) = &signed {
                    ctx.errors.extend_from_slice(entries);
                }
                fail_if!(
                    ctx,
                    signed.is_err(),
                    &xs,
                    n,
                    X509_V_ERR_CERT_SIGNATURE_FAILURE
                );
            }
        }
        if check_cert_time(ctx, &xs, n) == 0 {
            return 0;
        }
        ctx.set_current(Some(&xs));
        ctx.error_depth = n;
        if !ctx.call(true) {
            return 0;
        }
        if n == 0 {
            return 1;
        }
        n -= 1;
        xi_at = xs_at;
        xs_at = n;
    }
}
