//! The auth-param lists of challenge and Authentication-Info headers, split
//! the way neon's tokenizer splits them.
//!
//! neon works on a copy of the header, writing NULs over separators and
//! closing quotes; what it then reads as a key or value is the C string
//! starting there. That is reproduced exactly, because it decides what a
//! malformed header means (`realm="a"b` has the value `"a`, a stray `,`
//! becomes a scheme name).

/// One item of a header.
#[derive(Debug, PartialEq, Eq)]
pub enum Token {
    /// A word not followed by `=`: a challenge's scheme (challenge headers
    /// only), with the byte that ended it (space, comma, or 0 at the end).
    Scheme { name: Vec<u8>, sep: u8 },
    /// `key=value`; a quoted value keeps its opening quote (the closing one
    /// ends it).
    Pair { key: Vec<u8>, value: Vec<u8> },
    /// A word without `=` at the end of a non-challenge header: neon leaves
    /// the previous value in place for it.
    Bare { key: Vec<u8> },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    BeforeEq,
    AfterEq,
    Quoted,
}

pub struct Tokenizer {
    /// The header with a NUL appended, overwritten as neon does.
    buf: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Tokenizer {
    pub fn new(value: &[u8]) -> Self {
        let mut buf = value.to_vec();
        buf.push(0);
        Tokenizer {
            buf,
            pos: 0,
            done: false,
        }
    }

    /// The C string at `start`.
    fn cstr(&self, start: usize) -> Vec<u8> {
        let rest = &self.buf[start..];
        let end = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
        rest[..end].to_vec()
    }

    fn pair(&self, key: usize, value: usize) -> Token {
        Token::Pair {
            key: self.cstr(key),
            value: self.cstr(value),
        }
    }

    /// The next item, or None once parsing has ended: at the end of the
    /// header, or at an `=` with no key before it (neon gives up there).
    /// `challenge` selects the challenge grammar, where a bare word is a
    /// scheme.
    pub fn next_token(&mut self, challenge: bool) -> Option<Token> {
        let mut p = self.pos;
        if self.done || self.buf[p] == 0 {
            return None;
        }
        let mut key = None;
        let mut value = 0;
        let mut state = State::BeforeEq;
        loop {
            let c = self.buf[p];
            match state {
                State::BeforeEq => {
                    if c == b'=' {
                        if key.is_none() {
                            self.done = true;
                            return None;
                        }
                        self.buf[p] = 0;
                        value = p + 1;
                        state = State::AfterEq;
                    } else if (c == b' ' || c == b',') && challenge && key.is_some() {
                        self.buf[p] = 0;
                        self.pos = p + 1;
                        let name = self.cstr(key?);
                        return Some(Token::Scheme { name, sep: c });
                    } else if key.is_none() && !matches!(c, b' ' | b'\r' | b'\n' | b'\t') {
                        key = Some(p);
                    }
                }
                State::AfterEq => {
                    if c == b',' {
                        self.buf[p] = 0;
                        self.pos = p + 1;
                        return Some(self.pair(key?, value));
                    } else if c == b'"' {
                        state = State::Quoted;
                    }
                }
                State::Quoted => {
                    if c == b'"' {
                        state = State::AfterEq;
                        self.buf[p] = 0;
                    }
                }
            }
            p += 1;
            if self.buf[p] == 0 {
                break;
            }
        }
        self.pos = p;
        // Only blanks were left: neon would read a NULL key here.
        let Some(key) = key else {
            self.done = true;
            return None;
        };
        Some(match state {
            State::BeforeEq if challenge => Token::Scheme {
                name: self.cstr(key),
                sep: 0,
            },
            State::BeforeEq => Token::Bare {
                key: self.cstr(key),
            },
            _ => self.pair(key, value),
        })
    }
}

/// `value` without leading and trailing bytes from `chars` (neon's ne_shave).
pub fn shave<'a>(value: &'a [u8], chars: &[u8]) -> &'a [u8] {
    &value[crate::text::token::shave(value, chars)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(s: &str, challenge: bool) -> Vec<Token> {
        let mut t = Tokenizer::new(s.as_bytes());
        std::iter::from_fn(|| t.next_token(challenge)).collect()
    }

    fn scheme(n: &str, sep: u8) -> Token {
        Token::Scheme {
            name: n.into(),
            sep,
        }
    }

    fn pair(k: &str, v: &str) -> Token {
        Token::Pair {
            key: k.into(),
            value: v.into(),
        }
    }

    #[test]
    fn challenges_and_parameters() {
        assert_eq!(
            all("Basic realm=\"Wally World\", Digest nonce=x", true),
            vec![
                scheme("Basic", b' '),
                pair("realm", "\"Wally World"),
                scheme("Digest", b' '),
                pair("nonce", "x"),
            ]
        );
        assert_eq!(
            all("Negotiate, Basic realm=x", true),
            vec![
                scheme("Negotiate", b','),
                scheme("Basic", b' '),
                pair("realm", "x")
            ]
        );
        assert_eq!(all("NTLM", true), vec![scheme("NTLM", 0)]);
        assert_eq!(all("", true), vec![]);
    }

    #[test]
    fn quotes_protect_commas_and_end_values() {
        assert_eq!(
            all("a=\"x,y\",b=1", false),
            vec![pair("a", "\"x,y"), pair("b", "1")]
        );
        // The closing quote ends the C string; what follows is lost.
        assert_eq!(
            all("a=\"x\"tail, b=2", false),
            vec![pair("a", "\"x"), pair("b", "2")]
        );
        // An unterminated quote runs to the end.
        assert_eq!(all("a=\"x, b=2", false), vec![pair("a", "\"x, b=2")]);
    }

    #[test]
    fn malformed_input_as_neon_reads_it() {
        // A stray comma after a pair starts a "scheme" named ",".
        assert_eq!(
            all("Basic realm=x, ,", true),
            vec![scheme("Basic", b' '), pair("realm", "x"), scheme(",", 0)]
        );
        // '=' without a key ends parsing.
        assert_eq!(all("=x, a=b", true), vec![]);
        assert_eq!(all("a=b, =c, d=e", false), vec![pair("a", "b")]);
        // Outside challenges a key may contain blanks and commas.
        assert_eq!(all("a b=c", false), vec![pair("a b", "c")]);
        assert_eq!(
            all("x=1, qop", false),
            vec![
                pair("x", "1"),
                Token::Bare {
                    key: b"qop".to_vec()
                }
            ]
        );
        // Only blanks left.
        assert_eq!(all("a=b,\r", false), vec![pair("a", "b")]);
    }

    #[test]
    fn shave_strips_both_ends() {
        assert_eq!(shave(b"\"'abc'\"", b"\"'"), b"abc");
        assert_eq!(shave(b"\"\"", b"\""), b"");
    }
}
