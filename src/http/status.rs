//! Status-line parsing with neon 0.32.5's lenient rules.

use std::cell::Cell;

/// A parsed status line; `reason` borrows from the input and is not cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusLine<'a> {
    pub major: i32,
    pub minor: i32,
    pub code: i32,
    pub klass: i32,
    pub reason: &'a [u8],
}

/// Parses `line` as neon 0.32.5 does: leading garbage before `HTTP/` is
/// skipped, versions may have any number of digits (wrapping like C `int`),
/// one or more spaces precede a three-digit code, which must be followed by
/// the end or a space; blanks before the reason phrase are skipped.
/// Parsing stops at a NUL, like the C original.
pub fn parse(line: &[u8]) -> Option<StatusLine<'_>> {
    let line = match line.iter().position(|&b| b == 0) {
        Some(n) => &line[..n],
        None => line,
    };
    let start = line.windows(5).position(|w| w == b"HTTP/")?;
    let mut p = &line[start + 5..];

    let (major, rest) = digits(p);
    p = rest;
    p = p.strip_prefix(b".")?;
    let (minor, rest) = digits(p);
    p = rest;
    if p.first() != Some(&b' ') {
        return None;
    }
    while p.first() == Some(&b' ') {
        p = &p[1..];
    }
    if p.len() < 3 || !p[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if p.len() > 3 && p[3] != b' ' {
        return None;
    }
    let d = |i: usize| i32::from(p[i] - b'0');
    let code = 100 * d(0) + 10 * d(1) + d(2);
    let klass = d(0);
    p = &p[3..];
    while matches!(p.first(), Some(b' ' | b'\t')) {
        p = &p[1..];
    }
    Some(StatusLine {
        major,
        minor,
        code,
        klass,
        reason: p,
    })
}

fn digits(mut p: &[u8]) -> (i32, &[u8]) {
    let mut v: i32 = 0;
    while let Some(&c) = p.first() {
        if !c.is_ascii_digit() {
            break;
        }
        v = v.wrapping_mul(10).wrapping_add(i32::from(c - b'0'));
        p = &p[1..];
    }
    (v, p)
}

/// The status of a request as the engine updates it. Laid out like C's
/// `ne_status` (four ints and a string pointer) so the C face can hand out
/// one stable pointer that always shows the current status. The reason
/// points into storage owned by the request, NUL-terminated, or is NULL.
#[repr(C)]
#[derive(Debug)]
pub struct StatusCell {
    pub major: Cell<i32>,
    pub minor: Cell<i32>,
    pub code: Cell<i32>,
    pub klass: Cell<i32>,
    pub reason: Cell<*const u8>,
}

impl Default for StatusCell {
    fn default() -> Self {
        StatusCell {
            major: Cell::new(0),
            minor: Cell::new(0),
            code: Cell::new(0),
            klass: Cell::new(0),
            reason: Cell::new(std::ptr::null()),
        }
    }
}

impl StatusCell {
    pub fn reset(&self) {
        self.major.set(0);
        self.minor.set(0);
        self.code.set(0);
        self.klass.set(0);
        self.reason.set(std::ptr::null());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> (i32, i32, i32, i32, String) {
        let st = parse(s.as_bytes()).unwrap();
        (
            st.major,
            st.minor,
            st.code,
            st.klass,
            String::from_utf8(st.reason.to_vec()).unwrap(),
        )
    }

    #[test]
    fn accepts_neon_forms() {
        assert_eq!(ok("HTTP/1.1 200 OK"), (1, 1, 200, 2, "OK".into()));
        assert_eq!(
            ok("garbageHTTP/1.0 404  Not Found"),
            (1, 0, 404, 4, "Not Found".into())
        );
        assert_eq!(ok("HTTP/1.1   301"), (1, 1, 301, 3, "".into()));
        assert_eq!(ok("HTTP/01.002 200 \t x"), (1, 2, 200, 2, "x".into()));
        assert_eq!(ok("HTTP/. 999 "), (0, 0, 999, 9, "".into()));
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "",
            "HTTP/1.1",
            "HTTP/1.1 20",
            "HTTP/1.1 2000",
            "HTTP/1.1x200 OK",
            "HTTP/1 200 OK",
            "HTTP/1.1 20x OK",
            "ICY 200 OK",
            "HTTP/1.1 200\tOK",
        ] {
            assert!(parse(s.as_bytes()).is_none(), "{s}");
        }
    }
}
