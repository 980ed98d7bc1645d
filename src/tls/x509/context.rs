//! The state of one verification (OpenSSL's `X509_STORE_CTX`): the chain
//! so far, the error and its depth, and the verify callback with
//! OpenSSL's reporting rules (`verify_cb_cert`).

use super::codes::X509_V_OK;
use super::errqueue::ErrEntry;
use super::facts::{Facts, Prepared};
use super::{Event, TrustedIssuers, VerifyParams, flags, purposes};
use crate::tls::cert::Certificate;

/// OpenSSL's default maximum depth (the "default" verify parameters).
const DEFAULT_DEPTH: i32 = 100;

pub struct Ctx<'a> {
    pub params: &'a VerifyParams,
    store: &'a dyn TrustedIssuers,
    callback: &'a mut dyn FnMut(&mut Event<'_>) -> bool,
    /// The certificate to verify (`ctx->cert`).
    pub leaf: Prepared,
    /// The peer's certificates, leaf included (`ctx->untrusted`).
    pub untrusted: Vec<Prepared>,
    pub chain: Vec<Prepared>,
    pub num_untrusted: usize,
    pub error: i32,
    pub error_depth: usize,
    /// `ctx->current_cert`; `None`: the chain's certificate at the error depth.
    current: Option<Prepared>,
    /// `ctx->current_cert` is NULL.
    no_current: bool,
    pub peername: Option<Vec<u8>>,
    /// The trust id in force (the purpose's if none was set).
    pub trust: i32,
    /// The maximum number of intermediates.
    pub depth: usize,
    /// The time certificates are checked at; `None` with `NO_CHECK_TIME`.
    pub now: Option<i64>,
    /// The error-queue entries the checks left so far (failed signatures).
    pub errors: Vec<ErrEntry>,
    /// How many of them the callback has been told of.
    reported: usize,
}

impl<'a> Ctx<'a> {
    pub fn new(
        leaf: Prepared,
        untrusted: Vec<Prepared>,
        store: &'a dyn TrustedIssuers,
        params: &'a VerifyParams,
        callback: &'a mut dyn FnMut(&mut Event<'_>) -> bool,
    ) -> Ctx<'a> {
        let trust = if params.trust == 0 {
            purposes::purpose_trust(params.purpose)
        } else {
            params.trust
        };
        let depth = if params.depth < 0 {
            DEFAULT_DEPTH
        } else {
            params.depth.min(i32::MAX / 2)
        };
        let now = (params.flags & flags::NO_CHECK_TIME == 0
            || params.flags & flags::USE_CHECK_TIME != 0)
            .then_some(params.time);
        Ctx {
            params,
            store,
            callback,
            chain: vec![leaf.clone()],
            leaf,
            untrusted,
            num_untrusted: 1,
            error: X509_V_OK,
            error_depth: 0,
            current: None,
            no_current: false,
            peername: None,
            trust,
            depth: depth as usize,
            now,
            errors: Vec::new(),
            reported: 0,
        }
    }

    pub fn flag(&self, flag: u64) -> bool {
        self.params.flags & flag != 0
    }

    /// `verify_cb_cert`: reports `err` (if not OK; else the error already
    /// set) at `depth` (else the current error depth) for `cert` (else the
    /// chain's certificate there). Returns the callback's answer.
    pub fn fail(&mut self, cert: Option<&Prepared>, depth: Option<usize>, err: i32) -> bool {
        let depth = depth.unwrap_or(self.error_depth);
        self.error_depth = depth;
        self.current = cert.cloned();
        self.no_current = false;
        if err != X509_V_OK {
            self.error = err;
        }
        self.call(false)
    }

    /// Calls the callback with `ok`, the error, its depth and the current
    /// certificate set; keeps the error the callback leaves.
    pub fn call(&mut self, ok: bool) -> bool {
        let chain: Vec<Certificate> = self.chain.iter().map(|c| c.cert.clone()).collect();
        let current = match &self.current {
            Some(c) => c.cert.clone(),
            None if self.no_current => self.leaf.cert.clone(),
            None => match self.chain.get(self.error_depth) {
                Some(c) => c.cert.clone(),
                None => self.leaf.cert.clone(),
            },
        };
        let mut event = Event {
            ok,
            error: self.error,
            depth: self.error_depth,
            cert: &current,
            has_cert: !self.no_current,
            chain: &chain,
            new_errors: &self.errors[self.reported..],
        };
        let go_on = (self.callback)(&mut event);
        self.error = event.error;
        self.reported = self.errors.len();
        go_on
    }

    /// Sets the current certificate for the next [`call`](Self::call)
    /// (`None`: NULL, reported as the leaf).
    pub fn set_current(&mut self, cert: Option<&Prepared>) {
        self.current = cert.cloned();
        self.no_current = cert.is_none();
    }

    /// The trusted certificates named `subject` (the DER of a Name).
    pub fn lookup(&self, subject: &[u8]) -> Vec<Prepared> {
        self.store
            .by_subject(subject)
            .iter()
            .filter_map(Facts::new)
            .collect()
    }

    /// Within its validity (unreported), as issuer selection checks it.
    pub fn time_ok(&self, x: &Facts) -> bool {
        self.now.is_none_or(|now| x.time_valid(now))
    }
}
