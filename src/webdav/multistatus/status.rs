//! The status line of a multistatus `status` element, parsed as neon's
//! `ne_parse_statusline` does.

use crate::http::status;
use crate::text::clean_byte;

/// A parsed status: version, code, class and the reason phrase with
/// non-printable bytes turned into spaces. The reason is kept with a
/// trailing NUL so that a C face can hand it out without copying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub major: i32,
    pub minor: i32,
    pub code: i32,
    pub klass: i32,
    reason: Vec<u8>,
}

/// A status line neon refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadStatusLine;

impl Default for Status {
    fn default() -> Self {
        Status {
            major: 0,
            minor: 0,
            code: 0,
            klass: 0,
            reason: vec![0],
        }
    }
}

impl Status {
    /// Parses `line`.
    pub fn parse(line: &[u8]) -> Result<Status, BadStatusLine> {
        let mut st = Status::default();
        st.parse_into(line)?;
        Ok(st)
    }

    /// Parses `line` into `self`, reusing its storage; on failure `self`
    /// is left as it was.
    pub fn parse_into(&mut self, line: &[u8]) -> Result<(), BadStatusLine> {
        if let Some(p) = common_form(line) {
            return self.take(p);
        }
        let p = status::parse(line).ok_or(BadStatusLine)?;
        self.take(p)
    }

    fn take(&mut self, p: status::StatusLine<'_>) -> Result<(), BadStatusLine> {
        self.major = p.major;
        self.minor = p.minor;
        self.code = p.code;
        self.klass = p.klass;
        self.reason.clear();
        self.reason.extend(p.reason.iter().map(|&b| clean_byte(b)));
        self.reason.push(0);
        Ok(())
    }

    /// The reason phrase.
    pub fn reason(&self) -> &[u8] {
        &self.reason[..self.reason.len() - 1]
    }

    /// The reason phrase followed by a NUL.
    pub fn reason_with_nul(&self) -> &[u8] {
        &self.reason
    }
}

/// "HTTP/d.d ddd[ reason]", what servers write, read without the general
/// parser's search; the same result as `status::parse` gives.
fn common_form(line: &[u8]) -> Option<status::StatusLine<'_>> {
    let d = |i: usize| {
        line.get(i)
            .filter(|b| b.is_ascii_digit())
            .map(|b| i32::from(b - b'0'))
    };
    if !line.starts_with(b"HTTP/") || line.get(6) != Some(&b'.') || line.get(8) != Some(&b' ') {
        return None;
    }
    let (major, minor) = (d(5)?, d(7)?);
    let code = 100 * d(9)? + 10 * d(10)? + d(11)?;
    let mut reason = match line.get(12) {
        None => &line[12..],
        Some(b' ') => &line[13..],
        Some(_) => return None,
    };
    while let [b' ' | b'\t', rest @ ..] = reason {
        reason = rest;
    }
    if reason.contains(&0) {
        return None;
    }
    Some(status::StatusLine {
        major,
        minor,
        code,
        klass: code / 100,
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_cleans() {
        let st = Status::parse(b"HTTP/1.1 404 Not\tFound\x01").unwrap();
        assert_eq!((st.major, st.minor, st.code, st.klass), (1, 1, 404, 4));
        assert_eq!(st.reason(), b"Not Found ");
        assert_eq!(st.reason_with_nul(), b"Not Found \0");
        assert_eq!(Status::parse(b"HTTP/1.1 200").unwrap().reason(), b"");
    }

    #[test]
    fn common_form_matches_the_general_parser() {
        for line in [
            &b"HTTP/1.1 200 OK"[..],
            b"HTTP/1.0 404  Not Found",
            b"HTTP/2.0 207",
            b"HTTP/1.1 500 \t x\ty",
            b"HTTP/1.1 2000 X",
            b"HTTP/1.1 20 X",
            b"HTTP/11.1 200 X",
            b"HTTP/1.1  200 X",
            b"HTTP/1.1 200\tX",
        ] {
            if let Some(p) = common_form(line) {
                assert_eq!(Some(p), status::parse(line), "{line:?}");
            }
        }
        assert!(common_form(b"HTTP/1.1 200 OK").is_some());
        assert!(common_form(b"HTTP/1.1 2000 X").is_none());
    }

    #[test]
    fn failure_keeps_the_old_value() {
        let mut st = Status::parse(b"HTTP/1.0 207 Multi").unwrap();
        assert_eq!(st.parse_into(b"200 OK"), Err(BadStatusLine));
        assert_eq!((st.code, st.reason()), (207, &b"Multi"[..]));
        assert_eq!(Status::parse(b"HTTP/1.1 20 OK"), Err(BadStatusLine));
    }
}
