//! `X509_check_ca`, `X509_check_purpose` and `X509_check_trust`
//! (v3_purp.c, x509_trust.c). Certificates here carry no auxiliary trust
//! settings, so trust comes from self-signature ("compat" trust) alone.

use super::facts::*;
use super::purpose as id;

/// `X509_TRUST_*` results (`X509_TRUST_REJECTED` needs auxiliary trust
/// settings, which these certificates do not carry).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    Trusted,
    Untrusted,
}

/// `check_ca`: 0 not a CA, 1 basicConstraints CA, 3 self-signed version 1
/// root, 4 keyCertSign without basicConstraints, 5 Netscape CA type.
fn check_ca(x: &Facts) -> i32 {
    if x.ku_reject(KU_KEY_CERT_SIGN) {
        return 0;
    }
    if x.has(BCONS) {
        return i32::from(x.has(CA));
    }
    if x.has(V1) && x.has(SS) {
        3
    } else if x.has(KUSAGE) {
        4
    } else if x.has(NSCERT) && x.nscert & NS_ANY_CA != 0 {
        5
    } else {
        0
    }
}

/// `X509_check_ca`: 0 also for a certificate with invalid extensions.
pub fn x509_check_ca(x: &Facts) -> i32 {
    if x.has(INVALID) { 0 } else { check_ca(x) }
}

fn check_ssl_ca(x: &Facts) -> i32 {
    match check_ca(x) {
        0 => 0,
        5 => i32::from(x.nscert & NS_SSL_CA != 0),
        _ => 1,
    }
}

const KU_TLS: u32 = KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT;

/// `X509_check_purpose(x, purpose, require_ca)`: 1 (or 2, a quirk of the
/// S/MIME purposes) allowed, 0 not, -1 invalid certificate or purpose.
pub fn check_purpose(x: &Facts, purpose: i32, require_ca: bool) -> i32 {
    if x.has(INVALID) {
        return -1;
    }
    let ssl_server = |x: &Facts| -> i32 {
        if x.xku_reject(XKU_SSL_SERVER | XKU_SGC) {
            return 0;
        }
        if require_ca {
            return check_ssl_ca(x);
        }
        i32::from(!x.ns_reject(NS_SSL_SERVER) && !x.ku_reject(KU_TLS))
    };
    let smime = |x: &Facts| -> i32 {
        if x.xku_reject(XKU_SMIME) {
            return 0;
        }
        if require_ca {
            return match check_ca(x) {
                0 => 0,
                5 if x.nscert & NS_SMIME_CA == 0 => 0,
                r => r,
            };
        }
        if x.has(NSCERT) {
            return if x.nscert & NS_SMIME != 0 {
                1
            } else if x.nscert & NS_SSL_CLIENT != 0 {
                2
            } else {
                0
            };
        }
        1
    };
    match purpose {
        id::SSL_CLIENT => {
            if x.xku_reject(XKU_SSL_CLIENT) {
                0
            } else if require_ca {
                check_ssl_ca(x)
            } else {
                i32::from(
                    !x.ku_reject(KU_DIGITAL_SIGNATURE | KU_KEY_AGREEMENT)
                        && !x.ns_reject(NS_SSL_CLIENT),
                )
            }
        }
        id::SSL_SERVER => ssl_server(x),
        id::NS_SSL_SERVER => match ssl_server(x) {
            0 => 0,
            r if require_ca => r,
            _ if x.ku_reject(KU_KEY_ENCIPHERMENT) => 0,
            r => r,
        },
        id::SMIME_SIGN => match smime(x) {
            0 => 0,
            r if require_ca => r,
            _ if x.ku_reject(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION) => 0,
            r => r,
        },
        id::SMIME_ENCRYPT => match smime(x) {
            0 => 0,
            r if require_ca => r,
            _ if x.ku_reject(KU_KEY_ENCIPHERMENT) => 0,
            r => r,
        },
        id::CRL_SIGN => {
            if require_ca {
                match check_ca(x) {
                    2 => 0,
                    r => r,
                }
            } else {
                i32::from(!x.ku_reject(KU_CRL_SIGN))
            }
        }
        id::ANY => 1,
        id::OCSP_HELPER => {
            if require_ca {
                check_ca(x)
            } else {
                1
            }
        }
        id::TIMESTAMP_SIGN => {
            if require_ca {
                return check_ca(x);
            }
            let allowed = KU_NON_REPUDIATION | KU_DIGITAL_SIGNATURE;
            if x.has(KUSAGE) && (x.kusage & !allowed != 0 || x.kusage & allowed == 0) {
                return 0;
            }
            if !x.has(XKUSAGE) || x.xkusage != XKU_TIMESTAMP || !x.eku_critical {
                return 0;
            }
            1
        }
        _ => -1,
    }
}

/// `X509_TRUST_*` ids.
pub const TRUST_DEFAULT: i32 = 0;
pub const TRUST_COMPAT: i32 = 1;
pub const TRUST_OCSP_SIGN: i32 = 6;
pub const TRUST_OCSP_REQUEST: i32 = 7;

/// The default trust of a purpose (`X509_PURPOSE_get_trust`).
pub fn purpose_trust(purpose: i32) -> i32 {
    match purpose {
        id::SSL_CLIENT => 2,
        id::SSL_SERVER | id::NS_SSL_SERVER => 3,
        id::SMIME_SIGN | id::SMIME_ENCRYPT => 4,
        id::CRL_SIGN | id::OCSP_HELPER => TRUST_COMPAT,
        id::TIMESTAMP_SIGN => 8,
        _ => TRUST_DEFAULT,
    }
}

/// `X509_check_trust(x, trust, flags)` for a certificate without auxiliary
/// trust settings: self-signed certificates are trusted where the trust id
/// allows "compat" trust, unless `no_ss_compat`.
pub fn check_trust(x: &Facts, trust: i32, no_ss_compat: bool) -> Trust {
    let compat = |no_ss: bool| {
        if !x.has(INVALID) && !no_ss && x.has(SS) {
            Trust::Trusted
        } else {
            Trust::Untrusted
        }
    };
    match trust {
        // obj_trust(anyEKU, flags | DO_SS_COMPAT): compat even with NO_SS_COMPAT set.
        TRUST_DEFAULT => compat(no_ss_compat),
        TRUST_COMPAT => compat(no_ss_compat),
        TRUST_OCSP_SIGN | TRUST_OCSP_REQUEST => Trust::Untrusted,
        2..=8 => compat(no_ss_compat),
        _ => Trust::Untrusted,
    }
}
