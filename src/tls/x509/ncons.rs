//! Name constraints (v3_ncons.c and `check_name_constraints`): every
//! certificate's subject, e-mail attributes and subjectAltNames against
//! the constraints of each certificate above it, the leaf's host-like
//! common names too when it has no DNS subjectAltName, and the naming
//! rule of proxy certificates.

use super::checks::fail_if;
use super::codes::*;
use super::context::Ctx;
use super::facts::*;
use super::general::{GeneralName, NameConstraints};
use super::hostmatch::{ALWAYS_CHECK_SUBJECT, NEVER_CHECK_SUBJECT};
use crate::tls::der;

const EMAIL_ADDRESS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];
/// id-on-SmtpUTF8Mailbox (1.3.6.1.5.5.7.8.9).
const SMTP_UTF8_MAILBOX: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x09];
const NAME_CHECK_MAX: usize = 1 << 20;

pub fn check_name_constraints(ctx: &mut Ctx<'_>) -> i32 {
    let num = ctx.chain.len();
    for i in (0..num).rev() {
        let x = ctx.chain[i].clone();
        if i != 0 && x.has(SI) {
            continue;
        }
        if x.has(PROXY) {
            fail_if!(
                ctx,
                !proxy_name_ok(&x),
                &x,
                i,
                X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION
            );
        }
        for j in (i + 1..num).rev() {
            let Some(nc) = ctx.chain[j].nc.clone() else {
                continue;
            };
            let mut rv = check(&x, &nc);
            let flags = ctx.params.hostflags;
            if rv == X509_V_OK
                && i == 0
                && flags & NEVER_CHECK_SUBJECT == 0
                && (flags & ALWAYS_CHECK_SUBJECT != 0 || !has_dns_altname(&x))
            {
                rv = check_cn(&x, &nc);
            }
            fail_if!(ctx, rv != X509_V_OK, &x, i, rv);
        }
    }
    1
}

fn has_dns_altname(x: &Facts) -> bool {
    x.altnames
        .iter()
        .flatten()
        .any(|n| matches!(n, GeneralName::Dns(_)))
}

/// RFC 3820: the subject is the issuer plus one last, single-valued
/// commonName.
fn proxy_name_ok(x: &Facts) -> bool {
    let subject = x.subject().attributes();
    let issuer = x.issuer().attributes();
    let Some((last, rest)) = subject.split_last() else {
        return false;
    };
    if subject.len() < 2 || subject.len() != issuer.len() + 1 {
        return false;
    }
    if rest.last().is_some_and(|prev| prev.same_rdn(last)) || !last.is_common_name() {
        return false;
    }
    rest.iter().zip(issuer).all(|(a, b)| a.same_value(b))
}

/// `NAME_CONSTRAINTS_check`.
fn check(x: &Facts, nc: &NameConstraints) -> i32 {
    let attributes = x.subject().attributes();
    let names = x.altnames.as_deref().unwrap_or(&[]);
    let name_count = attributes.len() + names.len();
    let constraint_count = nc.permitted.len() + nc.excluded.len();
    if name_count > 0 && constraint_count > NAME_CHECK_MAX / name_count {
        return X509_V_ERR_UNSPECIFIED;
    }
    if !attributes.is_empty() {
        let r = nc_match(&GeneralName::Dir(x.subject().clone()), nc);
        if r != X509_V_OK {
            return r;
        }
        for a in attributes.iter().filter(|a| a.oid == EMAIL_ADDRESS) {
            if a.tag != der::IA5_STRING {
                return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
            }
            let r = nc_match(&GeneralName::Email(a.value.clone()), nc);
            if r != X509_V_OK {
                return r;
            }
        }
    }
    for name in names {
        let r = nc_match(name, nc);
        if r != X509_V_OK {
            return r;
        }
    }
    X509_V_OK
}

/// `NAME_CONSTRAINTS_check_CN`: common names that look like host names
/// (two labels at least) against the DNS constraints.
fn check_cn(x: &Facts, nc: &NameConstraints) -> i32 {
    for a in x
        .subject()
        .attributes()
        .iter()
        .filter(|a| a.is_common_name())
    {
        let Some(mut text) = a.utf8() else {
            return X509_V_ERR_OUT_OF_MEM;
        };
        while text.last() == Some(&0) {
            text.pop();
        }
        if text.contains(&0) {
            return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
        }
        if !looks_like_host(&text) {
            continue;
        }
        let r = nc_match(&GeneralName::Dns(text), nc);
        if r != X509_V_OK {
            return r;
        }
    }
    X509_V_OK
}

/// `cn2dnsid`'s test: letters, digits, '_', inner '-' and inner '.' not
/// next to another '.' or a '-', with at least one '.'.
fn looks_like_host(s: &[u8]) -> bool {
    let mut dns = false;
    for (i, &c) in s.iter().enumerate() {
        if c.is_ascii_alphanumeric() || c == b'_' {
            continue;
        }
        if i > 0 && i + 1 < s.len() {
            if c == b'-' {
                continue;
            }
            if c == b'.' && s[i + 1] != b'.' && s[i - 1] != b'-' && s[i + 1] != b'-' {
                dns = true;
                continue;
            }
        }
        return false;
    }
    dns
}

fn nc_match(name: &GeneralName, nc: &NameConstraints) -> i32 {
    let effective = match name {
        GeneralName::Other(oid, _) if oid == SMTP_UTF8_MAILBOX => 1,
        other => other.kind(),
    };
    let same_type = |base: &GeneralName| {
        base.kind() == effective
            && match (name, base) {
                (GeneralName::Other(a, _), GeneralName::Other(b, _)) if effective == 0 => a == b,
                _ => true,
            }
    };
    let mut matched = 0;
    for sub in nc.permitted.iter().filter(|s| same_type(&s.base)) {
        if sub.minmax {
            return X509_V_ERR_SUBTREE_MINMAX;
        }
        if matched == 2 {
            continue;
        }
        matched = 1;
        match match_single(effective, name, &sub.base) {
            X509_V_OK => matched = 2,
            X509_V_ERR_PERMITTED_VIOLATION => {}
            r => return r,
        }
    }
    if matched == 1 {
        return X509_V_ERR_PERMITTED_VIOLATION;
    }
    for sub in nc.excluded.iter().filter(|s| same_type(&s.base)) {
        if sub.minmax {
            return X509_V_ERR_SUBTREE_MINMAX;
        }
        match match_single(effective, name, &sub.base) {
            X509_V_OK => return X509_V_ERR_EXCLUDED_VIOLATION,
            X509_V_ERR_PERMITTED_VIOLATION => {}
            r => return r,
        }
    }
    X509_V_OK
}

fn match_single(effective: u8, name: &GeneralName, base: &GeneralName) -> i32 {
    match (name, base) {
        (GeneralName::Other(_, value), GeneralName::Email(b)) if effective == 1 => {
            email_eai(value, b)
        }
        (GeneralName::Dir(n), GeneralName::Dir(b)) => {
            let (n, b) = (n.canonical(), b.canonical());
            if b.len() > n.len() || n[..b.len()] != b[..] {
                X509_V_ERR_PERMITTED_VIOLATION
            } else {
                X509_V_OK
            }
        }
        (GeneralName::Dns(n), GeneralName::Dns(b)) => dns(n, b),
        (GeneralName::Email(n), GeneralName::Email(b)) => email(n, b),
        (GeneralName::Uri(n), GeneralName::Uri(b)) => uri(n, b),
        (GeneralName::Ip(n), GeneralName::Ip(b)) => ip(n, b),
        _ => X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE,
    }
}

fn eq_ignore_case(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.eq_ignore_ascii_case(b)
}

fn dns(name: &[u8], base: &[u8]) -> i32 {
    if base.is_empty() {
        return X509_V_OK;
    }
    if name.len() < base.len() {
        return X509_V_ERR_PERMITTED_VIOLATION;
    }
    let tail = &name[name.len() - base.len()..];
    if name.len() > base.len() && base[0] != b'.' && name[name.len() - base.len() - 1] != b'.' {
        return X509_V_ERR_PERMITTED_VIOLATION;
    }
    if eq_ignore_case(tail, base) {
        X509_V_OK
    } else {
        X509_V_ERR_PERMITTED_VIOLATION
    }
}

fn email(name: &[u8], base: &[u8]) -> i32 {
    let Some(at) = name.iter().rposition(|&c| c == b'@') else {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    };
    let base_at = base.iter().rposition(|&c| c == b'@');
    if base_at.is_none() && base.first() == Some(&b'.') {
        if name.len() > base.len() && eq_ignore_case(&name[name.len() - base.len()..], base) {
            return X509_V_OK;
        }
        return X509_V_ERR_PERMITTED_VIOLATION;
    }
    let mut base_host = base;
    if let Some(base_at) = base_at {
        if base_at != 0 {
            if base_at != at {
                return X509_V_ERR_PERMITTED_VIOLATION;
            }
            if base[..base_at].contains(&0) || name[..at].contains(&0) {
                return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
            }
            if base[..base_at] != name[..at] {
                return X509_V_ERR_PERMITTED_VIOLATION;
            }
        }
        base_host = &base[base_at + 1..];
    }
    if eq_ignore_case(&name[at + 1..], base_host) {
        X509_V_OK
    } else {
        X509_V_ERR_PERMITTED_VIOLATION
    }
}

/// An SmtpUTF8Mailbox otherName against an rfc822Name constraint; the
/// constraint's A-labels are compared as they are (no IDNA decoding).
fn email_eai(value: &[u8], base: &[u8]) -> i32 {
    if base.contains(&0) {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    }
    let Some((utf8, _)) = der::expect(value, der::UTF8_STRING) else {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    };
    let mail = utf8.content;
    let Some(at) = mail.iter().rposition(|&c| c == b'@') else {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    };
    if base.first() == Some(&b'.') {
        if mail.len() > base.len() && eq_ignore_case(&mail[mail.len() - base.len()..], base) {
            return X509_V_OK;
        }
        return X509_V_ERR_PERMITTED_VIOLATION;
    }
    if eq_ignore_case(&mail[at + 1..], base) {
        X509_V_OK
    } else {
        X509_V_ERR_PERMITTED_VIOLATION
    }
}

fn uri(name: &[u8], base: &[u8]) -> i32 {
    let Some(colon) = name.iter().position(|&c| c == b':') else {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    };
    if name.len() - colon < 3 || name[colon + 1] != b'/' || name[colon + 2] != b'/' {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    }
    let host = &name[colon + 3..];
    let end = host
        .iter()
        .position(|&c| c == b':')
        .or_else(|| host.iter().position(|&c| c == b'/'))
        .unwrap_or(host.len());
    let host = &host[..end];
    if host.is_empty() {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    }
    if base.first() == Some(&b'.') {
        if host.len() > base.len() && eq_ignore_case(&host[host.len() - base.len()..], base) {
            return X509_V_OK;
        }
        return X509_V_ERR_PERMITTED_VIOLATION;
    }
    if eq_ignore_case(host, base) {
        X509_V_OK
    } else {
        X509_V_ERR_PERMITTED_VIOLATION
    }
}

fn ip(name: &[u8], base: &[u8]) -> i32 {
    if name.len() != 4 && name.len() != 16 {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    }
    if base.len() != 8 && base.len() != 32 {
        return X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;
    }
    if name.len() * 2 != base.len() {
        return X509_V_ERR_PERMITTED_VIOLATION;
    }
    let (addr, mask) = base.split_at(name.len());
    let fits = name
        .iter()
        .zip(addr)
        .zip(mask)
        .all(|((n, a), m)| n & m == a & m);
    if fits {
        X509_V_OK
    } else {
        X509_V_ERR_PERMITTED_VIOLATION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: i32 = X509_V_OK;
    const NO: i32 = X509_V_ERR_PERMITTED_VIOLATION;
    const SYNTAX: i32 = X509_V_ERR_UNSUPPORTED_NAME_SYNTAX;

    #[test]
    fn dns_constraints() {
        assert_eq!(dns(b"www.example.com", b"example.com"), OK);
        assert_eq!(dns(b"WWW.EXAMPLE.COM", b"example.com"), OK);
        assert_eq!(dns(b"example.com", b"example.com"), OK);
        assert_eq!(dns(b"wwwexample.com", b"example.com"), NO);
        assert_eq!(dns(b"www.example.com", b".example.com"), OK);
        assert_eq!(dns(b"com", b"example.com"), NO);
        assert_eq!(dns(b"anything", b""), OK);
    }

    #[test]
    fn email_constraints() {
        assert_eq!(email(b"a@example.com", b"example.com"), OK);
        assert_eq!(email(b"a@sub.example.com", b"example.com"), NO);
        assert_eq!(email(b"a@sub.example.com", b".example.com"), OK);
        assert_eq!(email(b"a@example.com", b"a@example.com"), OK);
        assert_eq!(email(b"A@example.com", b"a@example.com"), NO);
        assert_eq!(email(b"a@EXAMPLE.com", b"@example.com"), OK);
        assert_eq!(email(b"no-at-sign", b"example.com"), SYNTAX);
    }

    #[test]
    fn uri_and_ip_constraints() {
        assert_eq!(uri(b"https://host.example.com:8443/x", b".example.com"), OK);
        assert_eq!(uri(b"https://host.example.com/x", b"host.example.com"), OK);
        assert_eq!(uri(b"https://other.example/x", b"host.example.com"), NO);
        assert_eq!(uri(b"mailto:x", b"example.com"), SYNTAX);
        assert_eq!(uri(b"https:///x", b"example.com"), SYNTAX);
        assert_eq!(ip(&[10, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]), OK);
        assert_eq!(ip(&[11, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]), NO);
        assert_eq!(ip(&[10, 1, 2, 3], &[0; 32]), NO);
        assert_eq!(ip(&[10, 1, 2], &[10, 0, 0, 0, 255, 0, 0, 0]), SYNTAX);
    }

    #[test]
    fn host_like_common_names() {
        assert!(looks_like_host(b"www.example.com"));
        assert!(looks_like_host(b"a-b.c_d"));
        assert!(!looks_like_host(b"localhost"));
        assert!(!looks_like_host(b"-a.b"));
        assert!(!looks_like_host(b"a..b"));
        assert!(!looks_like_host(b"a.-b"));
        assert!(!looks_like_host(b"Example Corp"));
    }
}
