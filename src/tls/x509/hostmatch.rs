//! OpenSSL 3.0's `X509_check_host`, `X509_check_ip` and `X509_check_email`
//! (crypto/x509/v3_utl.c) on a parsed certificate, and `a2i_ipadd`.

use super::super::cert::Certificate;

/// `X509_CHECK_FLAG_*` (x509v3.h).
pub const ALWAYS_CHECK_SUBJECT: u32 = 0x1;
pub const NO_WILDCARDS: u32 = 0x2;
pub const NO_PARTIAL_WILDCARDS: u32 = 0x4;
pub const MULTI_LABEL_WILDCARDS: u32 = 0x8;
pub const SINGLE_LABEL_SUBDOMAINS: u32 = 0x10;
pub const NEVER_CHECK_SUBJECT: u32 = 0x20;

/// The result of a check, as OpenSSL's return values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// 1; for host checks, the name in the certificate that matched.
    Yes(Option<Vec<u8>>),
    /// 0.
    No,
    /// -1: the certificate could not be read.
    Error,
    /// -2: the name to check is malformed (e.g. an embedded NUL).
    Invalid,
}

/// `X509_check_host(x, host, host.len(), flags, &peername)`.
pub fn check_host(cert: &Certificate, host: &[u8], flags: u32) -> Match {
    let _ = (cert, host, flags);
    Match::No
}

/// `X509_check_ip(x, ip, ip.len(), flags)` with a 4- or 16-byte address.
pub fn check_ip(cert: &Certificate, ip: &[u8], flags: u32) -> Match {
    let _ = (cert, ip, flags);
    Match::No
}

/// `X509_check_email(x, email, email.len(), flags)`.
pub fn check_email(cert: &Certificate, email: &[u8], flags: u32) -> Match {
    let _ = (cert, email, flags);
    Match::No
}

/// `a2i_ipadd`: a textual IPv4 or IPv6 address as 4 or 16 bytes; `None`
/// if it is not one (then `SSL_set1_host` takes it as a host name).
pub fn parse_ip(text: &[u8]) -> Option<Vec<u8>> {
    let _ = text;
    None
}
