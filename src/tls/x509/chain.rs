//! OpenSSL 3.0's `build_chain`: from the leaf up, issuers from the trust
//! store first (by default) or from the peer's certificates, alternative
//! chains through a trusted intermediate, partial chains, the depth limit,
//! and the error reported when no trusted chain was found.

use std::sync::Arc;

use super::codes::*;
use super::context::Ctx;
use super::facts::Prepared;
use super::flags;
use super::purposes::{self, Trust};

const S_DOUNTRUSTED: u32 = 1;
const S_DOTRUSTED: u32 = 2;
const S_DOALTERNATE: u32 = 4;

/// Later than (`ASN1_TIME_compare(a, b) > 0`; unreadable times never are).
fn later(a: Option<i64>, b: Option<i64>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a > b)
}

/// `check_issued`, then the first candidate within its validity, else
/// the one that expires last. With `in_chain` set, candidates already in
/// the chain are passed over, except that a self-issued leaf alone may be
/// issued by a copy of itself (`find_issuer`); without it, none is
/// (`X509_STORE_CTX_get1_issuer`).
fn find_issuer(
    ctx: &Ctx<'_>,
    candidates: &[Prepared],
    x: &Prepared,
    in_chain: bool,
) -> Option<Prepared> {
    let mut best: Option<&Prepared> = None;
    for issuer in candidates {
        if !issuer.likely_issued(x) {
            continue;
        }
        if in_chain {
            let exception = x.has(super::facts::SI) && ctx.chain.len() == 1;
            let contained = ctx.chain.iter().any(|c| c.cert.compare(&issuer.cert) == 0);
            if !exception && contained {
                continue;
            }
        }
        if ctx.time_ok(issuer) {
            return Some(issuer.clone());
        }
        if best.is_none_or(|b| later(issuer.not_after, b.not_after)) {
            best = Some(issuer);
        }
    }
    best.cloned()
}

/// `get1_trusted_issuer`: the store's issuer of `x`.
fn trusted_issuer(ctx: &Ctx<'_>, x: &Prepared) -> Option<Prepared> {
    let candidates = ctx.lookup(x.issuer().der());
    find_issuer(ctx, &candidates, x, false)
}

/// `check_trust(ctx, num_untrusted)`: whether a certificate at
/// `num_untrusted` or above is a trust anchor, or with `PARTIAL_CHAIN` any
/// trusted certificate or (when none came from the store) the leaf itself
/// as found in the store.
pub fn check_trust(ctx: &mut Ctx<'_>, num_untrusted: usize) -> Trust {
    let num = ctx.chain.len();
    for x in &ctx.chain[num_untrusted.min(num)..] {
        match purposes::check_trust(x, ctx.trust, false) {
            Trust::Trusted => return Trust::Trusted,
            Trust::Untrusted => {}
        }
    }
    let partial = ctx.flag(flags::PARTIAL_CHAIN);
    if num_untrusted < num {
        return if partial {
            Trust::Trusted
        } else {
            Trust::Untrusted
        };
    }
    if num_untrusted == num && partial {
        let leaf = ctx.chain[0].clone();
        let found = ctx
            .lookup(leaf.subject().der())
            .into_iter()
            .find(|c| c.cert.compare(&leaf.cert) == 0);
        let Some(found) = found else {
            return Trust::Untrusted;
        };
        ctx.chain[0] = found;
        ctx.num_untrusted = 0;
        return Trust::Trusted;
    }
    Trust::Untrusted
}

/// `build_chain`: 1 trusted, 0 stopped by the callback, -1 internal error
/// (a certificate with invalid extensions where OpenSSL needs to know
/// whether it is self-signed).
pub fn build_chain(ctx: &mut Ctx<'_>) -> i32 {
    let mut untrusted: Vec<Prepared> = ctx.untrusted.clone();
    let mut search = S_DOUNTRUSTED;
    let mut may_alternate = false;
    if ctx.flag(flags::TRUSTED_FIRST) {
        search |= S_DOTRUSTED;
    } else if !ctx.flag(flags::NO_ALT_CHAINS) {
        may_alternate = true;
    }
    let mut trust = Trust::Untrusted;
    let mut alt_untrusted = 0usize;
    let max_depth = ctx.depth + 1;
    let internal = |ctx: &mut Ctx<'_>| {
        ctx.error = X509_V_ERR_UNSPECIFIED;
        -1
    };

    while search != 0 {
        let mut num = ctx.chain.len();
        ctx.error_depth = num - 1;
        if search & S_DOTRUSTED != 0 {
            let i = if search & S_DOALTERNATE != 0 {
                alt_untrusted
            } else {
                num
            };
            let curr = ctx.chain[i - 1].clone();
            let found = if num > max_depth {
                None
            } else {
                trusted_issuer(ctx, &curr)
            };
            if let Some(issuer) = found {
                let Ok(mut self_signed) = curr.self_signed() else {
                    return internal(ctx);
                };
                if search & S_DOALTERNATE != 0 {
                    search &= !S_DOALTERNATE;
                    ctx.chain.truncate(i);
                    num = i;
                    ctx.num_untrusted = num;
                }
                let mut added = true;
                if !self_signed {
                    ctx.chain.push(issuer.clone());
                    match issuer.self_signed() {
                        Ok(ss) => self_signed = ss,
                        Err(()) => return internal(ctx),
                    }
                } else if curr.cert.compare(&issuer.cert) != 0 {
                    // A self-signed certificate that only mimics a trust anchor.
                    added = false;
                } else {
                    num -= 1;
                    ctx.num_untrusted = num;
                    ctx.chain[num] = issuer;
                }
                if added {
                    search &= !S_DOUNTRUSTED;
                    trust = check_trust(ctx, num);
                    if trust != Trust::Untrusted {
                        break;
                    }
                    if !self_signed {
                        continue;
                    }
                }
            }
            if search & S_DOUNTRUSTED == 0 {
                if search & S_DOALTERNATE != 0 {
                    alt_untrusted -= 1;
                    if alt_untrusted > 0 {
                        continue;
                    }
                }
                if !may_alternate || search & S_DOALTERNATE != 0 || ctx.num_untrusted < 2 {
                    break;
                }
                search |= S_DOALTERNATE;
                alt_untrusted = ctx.num_untrusted - 1;
            }
        }
        if search & S_DOUNTRUSTED != 0 {
            let num = ctx.chain.len();
            let curr = ctx.chain[num - 1].clone();
            let issuer = if curr.self_signed() == Ok(true) || num > max_depth {
                None
            } else {
                find_issuer(ctx, &untrusted, &curr, true)
            };
            match issuer {
                None => {
                    search &= !S_DOUNTRUSTED;
                    search |= S_DOTRUSTED;
                }
                Some(issuer) => {
                    if let Some(at) = untrusted.iter().position(|c| Arc::ptr_eq(c, &issuer)) {
                        untrusted.remove(at);
                    }
                    ctx.chain.push(issuer);
                    ctx.num_untrusted += 1;
                }
            }
        }
    }

    let num = ctx.chain.len();
    if num <= max_depth && trust == Trust::Untrusted && num == ctx.num_untrusted {
        trust = check_trust(ctx, num);
    }
    if trust == Trust::Trusted {
        return 1;
    }
    match ctx.error {
        X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD
        | X509_V_ERR_CERT_NOT_YET_VALID
        | X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD
        | X509_V_ERR_CERT_HAS_EXPIRED => return 0,
        X509_V_OK => {}
        // An earlier error (one a callback let pass) becomes final.
        e => return i32::from(ctx.fail(None, Some(num - 1), e)),
    }
    if num > max_depth && !ctx.fail(None, Some(num - 1), X509_V_ERR_CERT_CHAIN_TOO_LONG) {
        return 0;
    }
    let top_self_signed = ctx.chain[num - 1].self_signed() == Ok(true);
    let err = if top_self_signed {
        if num == 1 {
            X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        } else {
            X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
        }
    } else if ctx.num_untrusted < num {
        X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT
    } else {
        X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
    };
    i32::from(ctx.fail(None, Some(num - 1), err))
}
