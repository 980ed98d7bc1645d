//! Content-Type parsing as neon's ne_get_content_type does it: type,
//! subtype and charset, with RFC 2616 / RFC 3023 default charsets for text.

use std::ffi::CStr;

use crate::text::case::casecmp;
use crate::text::token::{QToken, qtoken, shave};

/// Where the charset comes from.
#[derive(Debug, PartialEq, Eq)]
pub enum Charset {
    None,
    /// A parameter: offset of its value in [`ContentType::buf`].
    At(usize),
    /// The default for a text type.
    Default(&'static CStr),
}

/// The header value split in place, as C gets it: `buf` holds the value
/// with NULs written after the type, subtype and charset; the parts are
/// NUL-terminated strings at their offsets (the type at 0).
#[derive(Debug)]
pub struct ContentType {
    pub buf: Vec<u8>,
    pub subtype: usize,
    pub charset: Charset,
}

impl ContentType {
    /// The C string at `offset`, without its NUL.
    pub fn str_at(&self, offset: usize) -> &[u8] {
        let rest = &self.buf[offset..];
        &rest[..rest.iter().position(|&c| c == 0).unwrap_or(rest.len())]
    }

    /// Parses a Content-Type value; None without a "/".
    pub fn parse(value: &[u8]) -> Option<ContentType> {
        let slash = value.iter().position(|&c| c == b'/')?;
        let mut buf = value.to_vec();
        buf.push(0);
        buf[slash] = 0;
        let stype = slash + 1;
        let mut charset = Charset::None;
        // The rest of the C string at `from`, as a range end.
        let end_of =
            |buf: &[u8], from: usize| from + buf[from..].iter().position(|&c| c == 0).unwrap_or(0);
        if let Some(semi) = buf[stype..end_of(&buf, stype)]
            .iter()
            .position(|&c| c == b';')
        {
            let semi = stype + semi;
            buf[semi] = 0;
            let mut next = Some(semi + 1);
            while let Some(start) = next {
                let end = end_of(&buf, start);
                let token_end = match qtoken(&buf[start..end], b';', b"\"'") {
                    QToken::Split(i) => {
                        buf[start + i] = 0;
                        next = Some(start + i + 1);
                        start + i
                    }
                    QToken::Whole => {
                        next = None;
                        end
                    }
                    QToken::Unterminated => break,
                };
                // Any "charset=" in the parameter, as neon finds it.
                let token = &buf[start..token_end];
                if let Some(k) = token.windows(8).position(|w| w == b"charset=") {
                    let value = start + k + 8;
                    let range = shave(&buf[value..token_end], b"\"'");
                    buf[value + range.end] = 0;
                    charset = Charset::At(value + range.start);
                }
            }
        }
        let range = shave(&buf[stype..end_of(&buf, stype)], b" \t");
        buf[stype + range.end] = 0;
        let mut ct = ContentType {
            buf,
            subtype: stype + range.start,
            charset,
        };
        if ct.charset == Charset::None && casecmp(ct.str_at(0), b"text") == 0 {
            ct.charset = Charset::Default(if casecmp(ct.str_at(ct.subtype), b"xml") == 0 {
                // RFC 3023 §3.1: text/xml without charset is US-ASCII.
                c"us-ascii"
            } else {
                // RFC 2616 §3.7.1: other text types default to ISO-8859-1.
                c"ISO-8859-1"
            });
        }
        Some(ct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(value: &str) -> Option<(String, String, Option<String>)> {
        let ct = ContentType::parse(value.as_bytes())?;
        let s = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
        let charset = match ct.charset {
            Charset::None => None,
            Charset::At(o) => Some(s(ct.str_at(o))),
            Charset::Default(c) => Some(s(c.to_bytes())),
        };
        Some((s(ct.str_at(0)), s(ct.str_at(ct.subtype)), charset))
    }

    fn t(ty: &str, sub: &str, cs: Option<&str>) -> Option<(String, String, Option<String>)> {
        Some((ty.into(), sub.into(), cs.map(Into::into)))
    }

    #[test]
    fn neon_test_cases() {
        assert_eq!(parts("foo/bar"), t("foo", "bar", None));
        assert_eq!(parts("foo/bar  "), t("foo", "bar", None));
        assert_eq!(parts("application/xml"), t("application", "xml", None));
        assert_eq!(parts("text/lemon"), t("text", "lemon", Some("ISO-8859-1")));
        assert_eq!(parts("text/xml"), t("text", "xml", Some("us-ascii")));
        let utf8 = t("text", "xml", Some("utf-8"));
        for v in [
            "text/xml; charset=utf-8",
            "text/xml; charset=utf-8; foo=bar",
            "text/xml;charset=utf-8",
            "text/xml ;charset=utf-8",
            "text/xml;charset=utf-8;foo=bar",
            "text/xml; foo=bar; charset=utf-8",
            "text/xml; foo=bar; charset=utf-8; bar=foo",
            "text/xml; charset=\"utf-8\"",
            "text/xml; charset='utf-8'",
            "text/xml; foo=bar; charset=\"utf-8\"; bar=foo",
        ] {
            assert_eq!(parts(v), utf8, "{v}");
        }
        assert_eq!(parts("foo/lemon; charset=\"utf-8"), t("foo", "lemon", None));
        assert_eq!(
            parts("text/plain; charset=\"utf-8"),
            t("text", "plain", Some("ISO-8859-1"))
        );
        assert_eq!(parts("nothing"), None);
    }

    #[test]
    fn quirks_kept() {
        // The type is not trimmed; the subtype is; any "charset=" counts;
        // the last one wins; quoted separators are skipped.
        assert_eq!(parts(" TEXT/XML"), t(" TEXT", "XML", None));
        assert_eq!(parts("Text/XML"), t("Text", "XML", Some("us-ascii")));
        assert_eq!(
            parts("a/b; xcharset=one; charset=two"),
            t("a", "b", Some("two"))
        );
        assert_eq!(parts("a/b; q=\"x;charset=in\"; z"), t("a", "b", Some("in")));
        assert_eq!(parts("a/b; charset="), t("a", "b", Some("")));
        // The buffer holds the type first, as neon's ct->value does.
        let ct = ContentType::parse(b"text/html; charset=x").unwrap();
        assert_eq!(ct.str_at(0), b"text");
    }
}
