//! How a name in a certificate (the pattern) is compared with the name
//! checked (the subject), as in OpenSSL 3.0's v3_utl.c: case-insensitive
//! ASCII, e-mail addresses with a case-sensitive local part, and wildcards.

use super::{MULTI_LABEL_WILDCARDS, NO_PARTIAL_WILDCARDS, SINGLE_LABEL_SUBDOMAINS};

/// OpenSSL's internal `_X509_CHECK_FLAG_DOT_SUBDOMAINS`: set for a checked
/// host name starting with '.', which then matches any name ending with it.
pub const DOT_SUBDOMAINS: u32 = 0x8000;

/// A comparison: pattern, subject, flags.
pub type Equal = fn(&[u8], &[u8], u32) -> bool;

/// With [`DOT_SUBDOMAINS`], the tail of `pattern` as long as the subject,
/// if the part skipped holds no NUL (and, with
/// [`SINGLE_LABEL_SUBDOMAINS`], no '.'); otherwise the whole pattern.
fn skip_prefix(pattern: &[u8], subject_len: usize, flags: u32) -> &[u8] {
    if flags & DOT_SUBDOMAINS == 0 {
        return pattern;
    }
    let mut rest = pattern;
    while rest.len() > subject_len && rest[0] != 0 {
        if flags & SINGLE_LABEL_SUBDOMAINS != 0 && rest[0] == b'.' {
            break;
        }
        rest = &rest[1..];
    }
    if rest.len() == subject_len {
        rest
    } else {
        pattern
    }
}

/// Equal but for ASCII case; a NUL in the pattern never matches.
pub fn equal_nocase(pattern: &[u8], subject: &[u8], flags: u32) -> bool {
    let pattern = skip_prefix(pattern, subject.len(), flags);
    pattern.len() == subject.len()
        && pattern
            .iter()
            .zip(subject)
            .all(|(&l, &r)| l != 0 && l.eq_ignore_ascii_case(&r))
}

/// Equal byte for byte.
fn equal_case(pattern: &[u8], subject: &[u8], flags: u32) -> bool {
    skip_prefix(pattern, subject.len(), flags) == subject
}

/// E-mail addresses: the part from the last '@' of either address on
/// compared without case, the part before it byte for byte. An '@' only at
/// the start, or none, leaves the whole address compared byte for byte.
pub fn equal_email(a: &[u8], b: &[u8], _flags: u32) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut local = a.len();
    if let Some(at) = (0..a.len()).rev().find(|&i| a[i] == b'@' || b[i] == b'@') {
        if !equal_nocase(&a[at..], &b[at..], 0) {
            return false;
        }
        if at > 0 {
            local = at;
        }
    }
    equal_case(&a[..local], &b[..local], 0)
}

/// Host names, with a wildcard in the pattern where [`valid_star`] allows
/// one. A subject starting with '.' is only ever a suffix to match.
pub fn equal_wildcard(pattern: &[u8], subject: &[u8], flags: u32) -> bool {
    let dotted = subject.len() > 1 && subject[0] == b'.';
    match valid_star(pattern, flags).filter(|_| !dotted) {
        Some(star) => wildcard_match(&pattern[..star], &pattern[star + 1..], subject, flags),
        None => equal_nocase(pattern, subject, flags),
    }
}

/// Where the one usable '*' of a pattern is: in the first label, at its
/// start or end (only as the whole label with [`NO_PARTIAL_WILDCARDS`]), not
/// in an IDN A-label ("xn--"), with at least two more labels after it; the
/// pattern made of letters, digits, '-' and '.', its labels neither empty
/// nor starting or ending with '-'.
fn valid_star(p: &[u8], flags: u32) -> Option<usize> {
    let mut star = None;
    let mut label_start = true;
    let mut hyphen = false;
    let mut idna = false;
    let mut dots = 0;
    for (i, &c) in p.iter().enumerate() {
        match c {
            b'*' => {
                let at_start = label_start;
                let at_end = i == p.len() - 1 || p[i + 1] == b'.';
                if star.is_some() || idna || dots > 0 {
                    return None;
                }
                if flags & NO_PARTIAL_WILDCARDS != 0 && !(at_start && at_end) {
                    return None;
                }
                if !at_start && !at_end {
                    return None;
                }
                star = Some(i);
                label_start = false;
            }
            c if c.is_ascii_alphanumeric() => {
                if label_start && p.len() - i >= 4 && p[i..i + 4].eq_ignore_ascii_case(b"xn--") {
                    idna = true;
                }
                label_start = false;
                hyphen = false;
            }
            b'.' => {
                if label_start || hyphen {
                    return None;
                }
                label_start = true;
                hyphen = false;
                idna = false;
                dots += 1;
            }
            b'-' => {
                if label_start {
                    return None;
                }
                hyphen = true;
            }
            _ => return None,
        }
    }
    if label_start || hyphen || dots < 2 {
        return None;
    }
    star
}

/// The subject against `prefix*suffix`: prefix and suffix without case,
/// the part the '*' covers made of letters, digits and '-' (and '.', for a
/// whole-label wildcard with [`MULTI_LABEL_WILDCARDS`]), or a literal '*'.
/// A whole-label wildcard covers at least one character; a partial one
/// never covers an A-label.
fn wildcard_match(prefix: &[u8], suffix: &[u8], subject: &[u8], flags: u32) -> bool {
    if subject.len() < prefix.len() + suffix.len() {
        return false;
    }
    let (head, rest) = subject.split_at(prefix.len());
    let (covered, tail) = rest.split_at(rest.len() - suffix.len());
    if !equal_nocase(prefix, head, flags) || !equal_nocase(tail, suffix, flags) {
        return false;
    }
    let whole_label = prefix.is_empty() && suffix.first() == Some(&b'.');
    if whole_label && covered.is_empty() {
        return false;
    }
    let multi = whole_label && flags & MULTI_LABEL_WILDCARDS != 0;
    if !whole_label && subject.len() >= 4 && subject[..4].eq_ignore_ascii_case(b"xn--") {
        return false;
    }
    if covered == b"*" {
        return true;
    }
    covered
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || c == b'-' || (multi && c == b'.'))
}

#[cfg(test)]
mod tests {
    use super::super::NO_WILDCARDS;
    use super::*;

    fn wild(pattern: &str, subject: &str, flags: u32) -> bool {
        equal_wildcard(pattern.as_bytes(), subject.as_bytes(), flags)
    }

    #[test]
    fn nocase_compare() {
        assert!(equal_nocase(b"WWW.Example.COM", b"www.example.com", 0));
        assert!(!equal_nocase(b"www.example.com", b"www.example.co", 0));
        // Only ASCII letters fold.
        assert!(!equal_nocase(b"\xc9", b"\xe9", 0));
        assert!(equal_nocase(b"\xe9", b"\xe9", 0));
        // A NUL in the pattern never matches, even a NUL.
        assert!(!equal_nocase(b"a\0", b"a\0", 0));
        assert!(!equal_nocase(b"", b"x", 0));
        assert!(equal_nocase(b"", b"", 0));
    }

    #[test]
    fn dot_subdomains() {
        let f = DOT_SUBDOMAINS;
        assert!(equal_nocase(b"www.example.com", b".example.com", f));
        assert!(equal_nocase(b"a.b.example.com", b".EXAMPLE.com", f));
        assert!(equal_nocase(b".example.com", b".example.com", f));
        assert!(!equal_nocase(b"example.com", b".example.com", f));
        assert!(!equal_nocase(b"www.example.com", b".example.com", 0));
        assert!(!equal_nocase(b"wwwexample.com", b".example.com", f));
        // One label only.
        let single = f | SINGLE_LABEL_SUBDOMAINS;
        assert!(equal_nocase(b"www.example.com", b".example.com", single));
        assert!(!equal_nocase(b"a.b.example.com", b".example.com", single));
        // A NUL in the part skipped stops the skipping.
        assert!(!equal_nocase(b"a\0b.example.com", b".example.com", f));
        // Wildcards are taken literally, so "*" is skipped like a letter.
        assert!(wild("*.example.com", ".example.com", f));
        assert!(wild("f*.example.com", ".example.com", f));
        assert!(!wild("*.example.com", ".www.example.com", f));
    }

    #[test]
    fn email_compare() {
        assert!(equal_email(b"user@EXAMPLE.com", b"user@example.COM", 0));
        assert!(!equal_email(b"User@example.com", b"user@example.com", 0));
        assert!(!equal_email(b"user@example.com", b"user@example.co", 0));
        // The last '@' of either address splits both.
        assert!(equal_email(b"\"a@b\"@X.org", b"\"a@b\"@x.org", 0));
        assert!(!equal_email(b"a@b@X.org", b"a@B@x.org", 0));
        // Without '@', or with '@' only first, all of it is case-sensitive.
        assert!(!equal_email(b"Example.com", b"example.com", 0));
        assert!(!equal_email(b"@Example.com", b"@example.com", 0));
        assert!(equal_email(b"@example.com", b"@example.com", 0));
        // An '@' in only one of them still splits: "x" vs "@" differ.
        assert!(!equal_email(b"ax.com", b"a@.com", 0));
        // NUL in the domain never matches; in the local part, compared as is.
        assert!(!equal_email(b"a@b\0c", b"a@b\0c", 0));
        assert!(equal_email(b"a\0@bc", b"a\0@bc", 0));
    }

    #[test]
    fn full_label_wildcards() {
        assert!(wild("*.example.com", "www.example.com", 0));
        assert!(wild("*.EXAMPLE.com", "WWW.example.COM", 0));
        assert!(!wild("*.example.com", "example.com", 0));
        assert!(!wild("*.example.com", ".example.com", 0));
        assert!(!wild("*.example.com", "a.b.example.com", 0));
        assert!(wild(
            "*.example.com",
            "a.b.example.com",
            MULTI_LABEL_WILDCARDS
        ));
        assert!(!wild("*.example.com", "a_b.example.com", 0));
        // A whole-label wildcard may cover an A-label...
        assert!(wild("*.example.com", "xn--bcher-kva.example.com", 0));
        // ... and a literal '*'.
        assert!(wild("*.example.com", "*.example.com", 0));
        // Two labels after it at least.
        assert!(!wild("*.com", "example.com", 0));
        assert!(wild("*.com", "*.com", 0));
        // NO_WILDCARDS is the caller's choice of equal_nocase.
        let _ = NO_WILDCARDS;
    }

    #[test]
    fn partial_wildcards() {
        assert!(wild("f*.example.com", "foo.example.com", 0));
        assert!(wild("f*.example.com", "f.example.com", 0));
        assert!(wild("*o.example.com", "foo.example.com", 0));
        assert!(wild("*o.example.com", "o.example.com", 0));
        assert!(!wild("*o.example.com", "bar.example.com", 0));
        assert!(!wild(
            "f*.example.com",
            "foo.example.com",
            NO_PARTIAL_WILDCARDS
        ));
        assert!(wild(
            "*.example.com",
            "foo.example.com",
            NO_PARTIAL_WILDCARDS
        ));
        // Never in the middle of a label, never over an A-label.
        assert!(!wild("f*o.example.com", "foo.example.com", 0));
        assert!(wild("f*o.example.com", "f*o.example.com", 0));
        assert!(!wild("x*.example.com", "xn--bcher-kva.example.com", 0));
        assert!(!wild("*a.example.com", "xn--bcher-kva.example.com", 0));
        // A partial wildcard does not cover dots, even multi-label.
        assert!(!wild(
            "f*.example.com",
            "fa.b.example.com",
            MULTI_LABEL_WILDCARDS
        ));
    }

    #[test]
    fn invalid_stars_are_literal() {
        for p in [
            "www.*.example.com",
            "*.*.example.com",
            "**.example.com",
            "xn--*.example.com",
            "*.example.com.",
            "*.example-.com",
            "*-.example.com",
            "a-*.example.com",
            "-*.example.com",
            "*..example.com",
            "*.exa_mple.com",
            "*.example.com\0",
        ] {
            assert_eq!(valid_star(p.as_bytes(), 0), None, "{p:?}");
            assert!(!wild(p, "www.example.com", 0), "{p:?}");
            if !p.contains('\0') {
                assert!(wild(p, &p.to_uppercase(), 0), "{p:?} literally");
            }
        }
        assert_eq!(valid_star(b"*-a.example.com", 0), Some(0));
        assert_eq!(valid_star(b"a*.xn--b.com", 0), Some(1));
        assert_eq!(valid_star(b"example.com", 0), None);
    }
}
