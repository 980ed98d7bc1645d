//! The chain OpenSSL 3.0 builds from a server's certificates and the trust
//! store (`build_chain` with its defaults: trusted issuers first, no partial
//! chains), which decides which certificates the later checks look at.

use super::certinfo::CertInfo;

/// OpenSSL's default maximum verification depth.
pub const MAX_DEPTH: usize = 100;

/// A chain from the leaf upwards.
pub struct Chain<'c, 'a> {
    pub certs: Vec<&'c CertInfo<'a>>,
    /// How many certificates from the bottom came from the server; the
    /// rest come from the trust store.
    pub num_untrusted: usize,
    /// It ends in a self-signed certificate from the trust store.
    pub trusted: bool,
}

impl<'c, 'a> Chain<'c, 'a> {
    pub fn top(&self) -> &'c CertInfo<'a> {
        self.certs[self.certs.len() - 1]
    }
}

/// Builds the chain for `presented[0]`, the leaf: at each step the issuer
/// is taken from `anchors` if one fits, else from the rest of `presented`.
/// A self-signed leaf is trusted only if the trust store holds that very
/// certificate. Once a trusted certificate is reached only the store is
/// searched; the chain is trusted when it reaches a self-signed trusted one.
/// (OpenSSL's retry with shorter untrusted chains, which matters only when
/// trusting an intermediate alone, is not modelled.)
pub fn build<'c, 'a>(
    presented: &'c [CertInfo<'a>],
    anchors: &'c [CertInfo<'a>],
    now: i64,
) -> Chain<'c, 'a> {
    let mut chain = Chain {
        certs: vec![&presented[0]],
        num_untrusted: 1,
        trusted: false,
    };
    let mut pool: Vec<&CertInfo<'a>> = presented[1..].iter().collect();
    let mut search_untrusted = true;
    loop {
        let top = chain.top();
        if chain.certs.len() <= MAX_DEPTH {
            if let Some(issuer) = best_issuer(anchors.iter(), top, &chain, false, now) {
                let mut added = true;
                if !top.self_signed {
                    chain.certs.push(issuer);
                } else if issuer.cert.compare(top.cert) == 0 {
                    // The store holds the self-signed certificate itself.
                    chain.certs.pop();
                    chain.certs.push(issuer);
                    chain.num_untrusted -= 1;
                } else {
                    // Same name, different certificate: not trusted.
                    added = false;
                }
                if added {
                    search_untrusted = false;
                    if chain.certs[chain.num_untrusted..]
                        .iter()
                        .any(|c| c.self_signed)
                    {
                        chain.trusted = true;
                        break;
                    }
                    if !chain.top().self_signed {
                        continue;
                    }
                }
            }
        }
        if !search_untrusted {
            break;
        }
        let next = if top.self_signed || chain.certs.len() > MAX_DEPTH {
            None
        } else {
            best_issuer(pool.iter().copied(), top, &chain, true, now)
        };
        match next {
            Some(issuer) => {
                pool.retain(|c| !std::ptr::eq(*c, issuer));
                chain.certs.push(issuer);
                chain.num_untrusted += 1;
            }
            None => search_untrusted = false,
        }
    }
    chain
}

/// The candidate that issued `subject`: the first one valid now, else the
/// one expiring last. With `no_dup`, certificates already in the chain are
/// passed over (except that a self-issued leaf may be issued by a copy of
/// itself).
fn best_issuer<'c, 'a>(
    candidates: impl Iterator<Item = &'c CertInfo<'a>>,
    subject: &CertInfo<'a>,
    chain: &Chain<'c, 'a>,
    no_dup: bool,
    now: i64,
) -> Option<&'c CertInfo<'a>> {
    let mut best: Option<&CertInfo<'a>> = None;
    for candidate in candidates {
        if no_dup {
            let leaf_exception = subject.self_issued && chain.certs.len() == 1;
            let in_chain = chain.certs.iter().any(|c| c.cert.equals(candidate.cert));
            if std::ptr::eq(candidate, subject) || (in_chain && !leaf_exception) {
                continue;
            }
        }
        if !candidate.likely_issued(subject) {
            continue;
        }
        if candidate.time_valid(now) {
            return Some(candidate);
        }
        if best.is_none_or(|b| candidate.not_after() > b.not_after()) {
            best = Some(candidate);
        }
    }
    best
}
