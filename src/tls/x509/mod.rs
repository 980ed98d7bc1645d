//! OpenSSL 3.0's certificate verification in safe Rust: `X509_verify_cert`
//! (chain building, extension, strength, name, signature and validity
//! checks, in OpenSSL's order) reported as OpenSSL reports it, through a
//! verify callback called once per problem and once per chain element, and
//! `X509_check_host`/`X509_check_ip`/`X509_check_email` ([`hostmatch`]).
//!
//! Both faces build on it: neon maps the reported errors to its failure
//! bits (`tls::verify`), the libssl face hands each report to the
//! application's verify callback with a real `X509_STORE_CTX` and keeps the
//! final error for `SSL_get_verify_result`.
//!
//! The steps live in modules named for them: `chain` (`build_chain`),
//! `checks` (extensions, purpose, security level, identity, revocation,
//! policy), `internal` (signatures and times), `ncons` (name constraints);
//! `facts` holds what OpenSSL caches per certificate, `keys` and
//! `signature` what it knows of keys and signature algorithms.
//!
//! Not covered, where OpenSSL does more: policy trees (with `POLICY_CHECK`
//! a chain whose certificates carry policy extensions fails closed with
//! `X509_V_ERR_NO_EXPLICIT_POLICY`, and `NOTIFY_POLICY` reports nothing),
//! auxiliary trust settings ("TRUSTED CERTIFICATE"), CRLs (the store holds
//! none), DANE, Suite B, RFC 3779 resources, DSA parameter inheritance, and
//! signatures rustls-webpki cannot check beyond RSA PKCS#1 (ECDSA with
//! SHA-1 or SHA-224, DSA, Ed448: reported as signature failures).

mod chain;
mod checks;
pub mod codes;
mod context;
pub mod errqueue;
mod facts;
mod general;
pub mod hostmatch;
mod internal;
pub mod keys;
mod ncons;
mod purposes;
mod rsa;
pub mod signature;
mod time;

use super::cert::Certificate;

/// `X509_V_FLAG_*` (x509_vfy.h), the flags of a verification.
pub mod flags {
    pub const USE_CHECK_TIME: u64 = 0x2;
    pub const CRL_CHECK: u64 = 0x4;
    pub const CRL_CHECK_ALL: u64 = 0x8;
    pub const IGNORE_CRITICAL: u64 = 0x10;
    pub const X509_STRICT: u64 = 0x20;
    pub const ALLOW_PROXY_CERTS: u64 = 0x40;
    pub const POLICY_CHECK: u64 = 0x80;
    pub const EXPLICIT_POLICY: u64 = 0x100;
    pub const INHIBIT_ANY: u64 = 0x200;
    pub const INHIBIT_MAP: u64 = 0x400;
    pub const NOTIFY_POLICY: u64 = 0x800;
    pub const EXTENDED_CRL_SUPPORT: u64 = 0x1000;
    pub const USE_DELTAS: u64 = 0x2000;
    pub const CHECK_SS_SIGNATURE: u64 = 0x4000;
    pub const TRUSTED_FIRST: u64 = 0x8000;
    pub const PARTIAL_CHAIN: u64 = 0x80000;
    pub const NO_ALT_CHAINS: u64 = 0x100000;
    pub const NO_CHECK_TIME: u64 = 0x200000;
}

/// `X509_PURPOSE_*` ids (x509v3.h); 0 checks no purpose.
pub mod purpose {
    pub const NONE: i32 = 0;
    pub const SSL_CLIENT: i32 = 1;
    pub const SSL_SERVER: i32 = 2;
    pub const NS_SSL_SERVER: i32 = 3;
    pub const SMIME_SIGN: i32 = 4;
    pub const SMIME_ENCRYPT: i32 = 5;
    pub const CRL_SIGN: i32 = 6;
    pub const ANY: i32 = 7;
    pub const OCSP_HELPER: i32 = 8;
    pub const TIMESTAMP_SIGN: i32 = 9;
}

/// What one verification checks: an `X509_VERIFY_PARAM` after libssl has
/// set it up for a handshake (purpose and trust for the peer's role, the
/// security level as auth level, the names to match).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyParams {
    /// The time validity is checked at, in seconds since the epoch
    /// (ignored with [`flags::NO_CHECK_TIME`]).
    pub time: i64,
    /// `X509_V_FLAG_*`.
    pub flags: u64,
    /// Maximum number of intermediates (`X509_VERIFY_PARAM_set_depth`);
    /// negative: OpenSSL's default.
    pub depth: i32,
    /// `X509_PURPOSE_*` the leaf is checked for (SSL server when a client
    /// verifies a server).
    pub purpose: i32,
    /// `X509_TRUST_*`; 0: the purpose's default trust.
    pub trust: i32,
    /// Security level keys and digests must meet (`SSL_get_security_level`).
    pub auth_level: i32,
    /// Names the leaf must match, any of them (`X509_VERIFY_PARAM_set1_host`
    /// / `add1_host`), with `X509_CHECK_FLAG_*` host flags.
    pub hosts: Vec<Vec<u8>>,
    pub hostflags: u32,
    /// An e-mail address the leaf must match.
    pub email: Option<Vec<u8>>,
    /// An IP address (4 or 16 bytes) the leaf must match.
    pub ip: Option<Vec<u8>>,
}

impl VerifyParams {
    /// OpenSSL's "ssl_server" defaults at `time`: what a client checks a
    /// server's chain with at security level `auth_level` (trusted issuers
    /// first, as OpenSSL's "default" parameters have it).
    pub fn ssl_server(time: i64, auth_level: i32) -> VerifyParams {
        VerifyParams {
            time,
            flags: flags::TRUSTED_FIRST,
            depth: -1,
            purpose: purpose::SSL_SERVER,
            trust: 0,
            auth_level,
            hosts: Vec::new(),
            hostflags: 0,
            email: None,
            ip: None,
        }
    }
}

/// Where trusted certificates come from (an `X509_STORE`: neon's trusted
/// CAs, or the libssl face's store of the system libcrypto).
pub trait TrustedIssuers {
    /// The trusted certificates whose subject is the name `subject` (the DER
    /// of an X.509 Name), as `X509_STORE_CTX_get1_certs` finds them.
    fn by_subject(&self, subject: &[u8]) -> Vec<Certificate>;
}

/// One call of the verify callback (`int verify_cb(int ok, X509_STORE_CTX *)`).
#[derive(Debug)]
pub struct Event<'a> {
    /// `preverify_ok`: false when reporting `error`, true when signalling
    /// that the certificate at `depth` passed (the previous error, if any,
    /// is still in `error`, as in OpenSSL).
    pub ok: bool,
    /// `X509_STORE_CTX_get_error`; a callback may change it
    /// (`X509_STORE_CTX_set_error`), and what it leaves is kept.
    pub error: i32,
    /// `X509_STORE_CTX_get_error_depth`.
    pub depth: usize,
    /// `X509_STORE_CTX_get_current_cert`.
    pub cert: &'a Certificate,
    /// False where OpenSSL's current certificate is NULL (the policy
    /// check's report); `cert` is then the leaf.
    pub has_cert: bool,
    /// The chain built so far, leaf first (`X509_STORE_CTX_get0_chain`).
    pub chain: &'a [Certificate],
    /// What OpenSSL put on the error queue since the previous call (a
    /// failed signature's entries, before its report), oldest first.
    pub new_errors: &'a [errqueue::ErrEntry],
}

/// The result of one verification.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `X509_verify_cert` returned 1: every problem was absent or overridden
    /// by the callback.
    pub verified: bool,
    /// The error left at the end (`X509_STORE_CTX_get_error`): what
    /// `SSL_get_verify_result` reports; `X509_V_OK` (0) if none.
    pub error: i32,
    pub error_depth: usize,
    /// The chain as built, leaf first (`X509_STORE_CTX_get0_chain`,
    /// `SSL_get0_verified_chain`).
    pub chain: Vec<Certificate>,
    /// How many certificates at the bottom of `chain` came from the peer.
    pub num_untrusted: usize,
    /// The name that matched (`X509_VERIFY_PARAM_get0_peername`).
    pub peername: Option<Vec<u8>>,
    /// Every entry OpenSSL leaves on the error queue, oldest first (each
    /// also in one event's `new_errors`).
    pub errors: Vec<errqueue::ErrEntry>,
}

/// OpenSSL's `X509_verify_cert` for `presented` (the peer's certificates,
/// leaf first, as sent) against `store` with `params`. `callback` sees every
/// report; returning false stops verification there (OpenSSL's default
/// callback returns `event.ok`).
pub fn verify(
    presented: &[Certificate],
    store: &dyn TrustedIssuers,
    params: &VerifyParams,
    callback: &mut dyn FnMut(&mut Event<'_>) -> bool,
) -> Outcome {
    let failed = |error| Outcome {
        verified: false,
        error,
        error_depth: 0,
        chain: Vec::new(),
        num_untrusted: 0,
        peername: None,
        errors: Vec::new(),
    };
    let Some(untrusted) = presented
        .iter()
        .map(facts::Facts::new)
        .collect::<Option<Vec<_>>>()
    else {
        return failed(codes::X509_V_ERR_UNSPECIFIED);
    };
    let Some(leaf) = untrusted.first().cloned() else {
        return failed(codes::X509_V_ERR_INVALID_CALL);
    };
    let mut ctx = context::Ctx::new(leaf.clone(), untrusted, store, params, callback);
    let mut ret = 1;
    if !checks::key_level_ok(&ctx, &leaf)
        && !ctx.fail(Some(&leaf), Some(0), codes::X509_V_ERR_EE_KEY_TOO_SMALL)
    {
        ret = 0;
    }
    if ret > 0 {
        ret = verify_chain(&mut ctx);
    }
    if ret <= 0 && ctx.error == codes::X509_V_OK {
        ctx.error = codes::X509_V_ERR_UNSPECIFIED;
    }
    Outcome {
        verified: ret > 0,
        error: ctx.error,
        error_depth: ctx.error_depth,
        chain: ctx.chain.iter().map(|c| c.cert.clone()).collect(),
        num_untrusted: ctx.num_untrusted,
        peername: ctx.peername.take(),
        errors: std::mem::take(&mut ctx.errors),
    }
}

/// `verify_chain`: 1 verified, 0 stopped, -1 internal error.
fn verify_chain(ctx: &mut context::Ctx<'_>) -> i32 {
    let steps: [fn(&mut context::Ctx<'_>) -> i32; 4] = [
        chain::build_chain,
        checks::check_extensions,
        checks::check_auth_level,
        checks::check_id,
    ];
    for step in steps {
        let ok = step(ctx);
        if ok <= 0 {
            return ok;
        }
    }
    let steps: [fn(&mut context::Ctx<'_>) -> i32; 3] = [
        checks::check_revocation,
        internal::internal_verify,
        ncons::check_name_constraints,
    ];
    for step in steps {
        let ok = step(ctx);
        if ok <= 0 {
            return ok;
        }
    }
    if ctx.flag(flags::POLICY_CHECK) {
        return checks::check_policy(ctx);
    }
    1
}

#[cfg(test)]
mod tests;
