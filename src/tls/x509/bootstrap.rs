//! A first approximation of [`super::verify`] on top of neon's chain check,
//! until the full port of `X509_verify_cert` replaces it: one report for
//! the most severe problem, then one success report per certificate.

use rustls_pki_types::{CertificateDer, UnixTime};

use super::codes::*;
use super::{Event, Outcome, TrustedIssuers, VerifyParams};
use crate::tls::cert::Certificate;
use crate::tls::verify::{self, TrustStore};

pub fn verify(
    presented: &[Certificate],
    store: &dyn TrustedIssuers,
    params: &VerifyParams,
    callback: &mut dyn FnMut(&mut Event<'_>) -> bool,
) -> Outcome {
    let mut trust = TrustStore::new();
    let mut names: Vec<Vec<u8>> = presented
        .iter()
        .map(|c| c.issuer().der().to_vec())
        .collect();
    names.extend(presented.iter().map(|c| c.subject().der().to_vec()));
    let mut seen = 0;
    while seen < names.len() && seen < 64 {
        for c in store.by_subject(&names[seen].clone()) {
            names.push(c.issuer().der().to_vec());
            trust.add(&c);
        }
        seen += 1;
    }
    let ders: Vec<CertificateDer<'_>> = presented
        .iter()
        .map(|c| CertificateDer::from(c.der()))
        .collect();
    let now = UnixTime::since_unix_epoch(std::time::Duration::from_secs(params.time.max(0) as u64));
    let error = match verify::chain_failures(&ders, &trust, now) {
        Ok(0) => X509_V_OK,
        Ok(bits) if bits & verify::EXPIRED != 0 => X509_V_ERR_CERT_HAS_EXPIRED,
        Ok(bits) if bits & verify::NOTYETVALID != 0 => X509_V_ERR_CERT_NOT_YET_VALID,
        Ok(bits) if bits & verify::BADCHAIN != 0 => X509_V_ERR_CERT_HAS_EXPIRED,
        Ok(_) => X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
        Err(_) => X509_V_ERR_UNSPECIFIED,
    };
    let chain = presented.to_vec();
    let mut outcome = Outcome {
        verified: true,
        error: X509_V_OK,
        error_depth: 0,
        chain: chain.clone(),
        num_untrusted: chain.len(),
        peername: None,
    };
    if chain.is_empty() {
        outcome.verified = false;
        outcome.error = X509_V_ERR_UNSPECIFIED;
        return outcome;
    }
    if error != X509_V_OK {
        let mut event = Event {
            ok: false,
            error,
            depth: 0,
            cert: &chain[0],
            chain: &chain,
        };
        let go_on = callback(&mut event);
        outcome.error = event.error;
        if !go_on {
            outcome.verified = false;
            return outcome;
        }
    }
    for depth in (0..chain.len()).rev() {
        let mut event = Event {
            ok: true,
            error: outcome.error,
            depth,
            cert: &chain[depth],
            chain: &chain,
        };
        let go_on = callback(&mut event);
        outcome.error = event.error;
        outcome.error_depth = depth;
        if !go_on {
            outcome.verified = false;
            return outcome;
        }
    }
    outcome
}
