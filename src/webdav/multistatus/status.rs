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
        let p = status::parse(line).ok_or(BadStatusLine)?;
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
    fn failure_keeps_the_old_value() {
        let mut st = Status::parse(b"HTTP/1.0 207 Multi").unwrap();
        assert_eq!(st.parse_into(b"200 OK"), Err(BadStatusLine));
        assert_eq!((st.code, st.reason()), (207, &b"Multi"[..]));
        assert_eq!(Status::parse(b"HTTP/1.1 20 OK"), Err(BadStatusLine));
    }
}
