//! The XML declaration, read as libxml2 2.9 reads it (xmlParseXMLDecl):
//! the same steps in the same order, so that a malformed declaration, or
//! one the document ends in, gives the first error libxml2 gives.

use super::chars::is_space;
use super::error::ErrorKind;

/// What a declaration gave: the encoding it names, if any.
#[derive(Debug, PartialEq, Eq)]
pub struct Decl {
    pub encoding: Option<String>,
}

/// A declaration error and the byte offset it was found at.
pub type DeclError = (usize, ErrorKind);

/// Reads the declaration in `d`, which starts with `<?xml` and a blank
/// and runs to its `?>` (or to the end of the document when it has none).
pub fn parse(d: &[u8]) -> Result<Decl, DeclError> {
    let mut r = Reader { d, p: 5 };
    r.skip_blanks();
    let version = r.version()?;
    match version.as_deref() {
        None => return Err((r.p, ErrorKind::VersionMissing)),
        // Other 1.x versions only warn.
        Some(v) if !v.starts_with("1.") => {
            return Err((r.p, ErrorKind::UnsupportedVersion(v.to_string())));
        }
        _ => {}
    }
    if !r.blank() {
        if r.at(b"?>") {
            return Ok(Decl { encoding: None });
        }
        return Err((r.p, ErrorKind::BlankNeeded));
    }
    let encoding = r.encoding()?;
    // libxml2 keeps no encoding for UTF-8, and wants a blank after others.
    let utf8 = encoding
        .as_deref()
        .is_some_and(|e| e.eq_ignore_ascii_case("utf-8") || e.eq_ignore_ascii_case("utf8"));
    if encoding.is_some() && !utf8 && !r.blank() {
        if r.at(b"?>") {
            return Ok(Decl { encoding });
        }
        return Err((r.p, ErrorKind::BlankNeeded));
    }
    r.skip_blanks();
    r.standalone()?;
    r.skip_blanks();
    if r.at(b"?>") {
        Ok(Decl { encoding })
    } else {
        Err((r.p, ErrorKind::XmlDecl))
    }
}

/// How the tokenizer reads a document forced into `enc`: Some(true) for
/// ISO-8859-1, Some(false) for UTF-8 (US-ASCII is read as its superset),
/// None for an encoding it cannot read.
pub fn forced(enc: &str) -> Option<bool> {
    supported(enc).then(|| is_latin1(enc))
}

/// Whether the tokenizer reads documents in this encoding.
fn supported(enc: &str) -> bool {
    let e = enc.to_ascii_lowercase();
    matches!(e.as_str(), "utf-8" | "utf8" | "us-ascii" | "ascii") || is_latin1(&e)
}

/// Whether the encoding is ISO-8859-1 (under one of its names).
pub fn is_latin1(enc: &str) -> bool {
    let e = enc.to_ascii_lowercase();
    matches!(
        e.as_str(),
        "iso-8859-1" | "iso_8859-1" | "latin1" | "iso-latin-1" | "l1"
    )
}

struct Reader<'a> {
    d: &'a [u8],
    p: usize,
}

impl Reader<'_> {
    /// The byte at the read position; 0 past the end, as libxml2 sees it.
    fn raw(&self) -> u8 {
        self.d.get(self.p).copied().unwrap_or(0)
    }

    fn at(&self, s: &[u8]) -> bool {
        self.d[self.p.min(self.d.len())..].starts_with(s)
    }

    fn blank(&self) -> bool {
        is_space(self.raw())
    }

    fn skip_blanks(&mut self) {
        while self.blank() {
            self.p += 1;
        }
    }

    /// `name` then `=`: Ok(false) if the name is not there.
    fn keyword_eq(&mut self, name: &[u8]) -> Result<bool, DeclError> {
        if !self.at(name) {
            return Ok(false);
        }
        self.p += name.len();
        self.skip_blanks();
        if self.raw() != b'=' {
            return Err((self.p, ErrorKind::EqualRequired));
        }
        self.p += 1;
        self.skip_blanks();
        Ok(true)
    }

    /// The opening quote.
    fn open_quote(&mut self) -> Result<u8, DeclError> {
        match self.raw() {
            q @ (b'"' | b'\'') => {
                self.p += 1;
                Ok(q)
            }
            _ => Err((self.p, ErrorKind::StringNotStarted)),
        }
    }

    fn close_quote(&mut self, q: u8) -> Result<(), DeclError> {
        if self.raw() != q {
            return Err((self.p, ErrorKind::StringNotClosed));
        }
        self.p += 1;
        Ok(())
    }

    /// VersionInfo: None if absent or not a number.
    fn version(&mut self) -> Result<Option<String>, DeclError> {
        if !self.keyword_eq(b"version")? {
            return Ok(None);
        }
        let q = self.open_quote()?;
        let start = self.p;
        // xmlParseVersionNum: a digit, '.', digits (else no version).
        let num = if self.raw().is_ascii_digit() {
            self.p += 1;
            if self.raw() == b'.' {
                self.p += 1;
                while self.raw().is_ascii_digit() {
                    self.p += 1;
                }
                Some(String::from_utf8_lossy(&self.d[start..self.p]).into_owned())
            } else {
                None
            }
        } else {
            None
        };
        self.close_quote(q)?;
        Ok(num)
    }

    /// EncodingDecl, if present.
    fn encoding(&mut self) -> Result<Option<String>, DeclError> {
        self.skip_blanks();
        if !self.keyword_eq(b"encoding")? {
            return Ok(None);
        }
        let q = self.open_quote()?;
        let start = self.p;
        if !self.raw().is_ascii_alphabetic() {
            return Err((self.p, ErrorKind::EncodingName));
        }
        while matches!(self.raw(), b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-') {
            self.p += 1;
        }
        let name = String::from_utf8_lossy(&self.d[start..self.p]).into_owned();
        self.close_quote(q)?;
        // libxml2 has found no UTF-16 byte order or BOM by now.
        if name.eq_ignore_ascii_case("utf-16") || name.eq_ignore_ascii_case("utf16") {
            return Err((self.p, ErrorKind::Utf16Labelled(name)));
        }
        if !supported(&name) {
            return Err((self.p, ErrorKind::UnsupportedEncoding(name)));
        }
        Ok(Some(name))
    }

    /// SDDecl, if present.
    fn standalone(&mut self) -> Result<(), DeclError> {
        self.skip_blanks();
        if !self.keyword_eq(b"standalone")? {
            return Ok(());
        }
        let q = self.open_quote()?;
        if self.at(b"no") {
            self.p += 2;
        } else if self.at(b"yes") {
            self.p += 3;
        } else {
            return Err((self.p, ErrorKind::StandaloneValue));
        }
        self.close_quote(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(d: &str) -> String {
        parse(d.as_bytes()).unwrap_err().1.to_string()
    }

    #[test]
    fn complete_declarations() {
        let ok = |d: &str| parse(d.as_bytes()).unwrap().encoding;
        assert_eq!(ok("<?xml version=\"1.0\"?>"), None);
        assert_eq!(
            ok("<?xml version='1.1' encoding='UTF-8'?>").as_deref(),
            Some("UTF-8")
        );
        assert_eq!(
            ok("<?xml  version = '1.0'  encoding = 'ISO-8859-1'  standalone = 'yes' ?>").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(
            err("<?xml version=\"2.0\"?>"),
            "Unsupported version '2.0'\n"
        );
        assert_eq!(
            err("<?xml version=\"1.0\" foo=\"x\"?>"),
            "parsing XML declaration: '?>' expected\n"
        );
        assert_eq!(
            err("<?xml version=\"1\"?>"),
            "Malformed declaration expecting version\n"
        );
        assert_eq!(
            err("<?xml encoding=\"utf-8\"?>"),
            "Malformed declaration expecting version\n"
        );
    }

    #[test]
    fn cut_declarations() {
        let d = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
        let cut = |n: usize| err(&d[..n]);
        assert_eq!(cut(7), "Malformed declaration expecting version\n");
        assert_eq!(cut(13), "expected '='\n");
        assert_eq!(cut(14), "String not started expecting ' or \"\n");
        assert_eq!(cut(15), "String not closed expecting \" or '\n");
        assert_eq!(cut(19), "Blank needed here\n");
        assert_eq!(cut(21), "parsing XML declaration: '?>' expected\n");
        assert_eq!(cut(28), "expected '='\n");
        assert_eq!(cut(30), "Invalid XML encoding name\n");
        assert_eq!(cut(36), "parsing XML declaration: '?>' expected\n");
        assert_eq!(
            err("<?xml version='1.0' encoding='latin1'"),
            "Blank needed here\n"
        );
        assert_eq!(
            err("<?xml version='1.0' standalone='y"),
            "standalone accepts only 'yes' or 'no'\n"
        );
        assert_eq!(
            err("<?xml version='1.0' standalone='yes"),
            "String not closed expecting \" or '\n"
        );
        assert_eq!(err("<?xml version=\"1.1\"?"), "Blank needed here\n");
    }
}
