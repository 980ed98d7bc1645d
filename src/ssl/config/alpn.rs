//! ALPN protocol lists in their wire form (each name preceded by its
//! length byte), with OpenSSL 3.0's rules for `SSL_CTX_set_alpn_protos`
//! and `SSL_select_next_proto`.

/// Whether `list` is a valid protocol list: at least one name, no empty
/// name, the lengths adding up exactly.
pub fn valid(list: &[u8]) -> bool {
    if list.len() < 2 {
        return false;
    }
    let mut i = 0;
    while i < list.len() {
        let n = usize::from(list[i]);
        if n == 0 {
            return false;
        }
        i += n + 1;
    }
    i == list.len()
}

/// The names of a wire-form list, stopping at the first truncated one.
pub fn names(list: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = list;
    while let Some((&n, tail)) = rest.split_first() {
        let n = usize::from(n);
        if tail.len() < n {
            break;
        }
        out.push(&tail[..n]);
        rest = &tail[n..];
    }
    out
}

/// The wire form of a list of names (names of 1 to 255 bytes).
pub fn encode<'a>(names: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut out = Vec::new();
    for n in names {
        if let Ok(len) = u8::try_from(n.len()) {
            if len > 0 {
                out.push(len);
                out.extend_from_slice(n);
            }
        }
    }
    out
}

/// Where `SSL_select_next_proto`'s answer lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selected {
    /// `OPENSSL_NPN_NEGOTIATED`: the name at (offset, length) of the
    /// server's list.
    Server(usize, usize),
    /// `OPENSSL_NPN_NO_OVERLAP`: the client's first name, at (offset,
    /// length) of the client's list.
    ClientFirst(usize, usize),
    /// `OPENSSL_NPN_NO_OVERLAP` with no name (the client's list is empty
    /// or its first name is).
    Nothing,
}

/// (offset of the name, its length) for each name of a list; a truncated
/// last name ends the list.
fn spans(list: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < list.len() {
        let n = usize::from(list[i]);
        if i + 1 + n > list.len() {
            break;
        }
        out.push((i + 1, n));
        i += 1 + n;
    }
    out
}

/// `SSL_select_next_proto`: the first of the server's names (in its order)
/// that the client also lists; else the client's first name.
pub fn select_next(server: &[u8], client: &[u8]) -> Selected {
    let client_spans = spans(client);
    let Some(&(first, first_len)) = client_spans.first() else {
        return Selected::Nothing;
    };
    if first_len == 0 {
        return Selected::Nothing;
    }
    for (off, len) in spans(server) {
        if len == 0 {
            continue;
        }
        let name = &server[off..off + len];
        if client_spans.iter().any(|&(c, l)| &client[c..c + l] == name) {
            return Selected::Server(off, len);
        }
    }
    Selected::ClientFirst(first, first_len)
}

/// The answer of a server's ALPN selection (`SSL_TLSEXT_ERR_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// `SSL_TLSEXT_ERR_OK`: this protocol.
    Select(Vec<u8>),
    /// `SSL_TLSEXT_ERR_NOACK`: no ALPN, as if there were no callback.
    NoAck,
    /// Anything else: a fatal no_application_protocol alert.
    Fatal,
}

/// A name the client did not offer, for a server that must refuse all of
/// them (rustls then sends no_application_protocol).
pub fn absent_from(client: &[Vec<u8>]) -> Vec<u8> {
    let mut name = vec![0xffu8];
    while client.contains(&name) {
        name.push(0xff);
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form() {
        assert!(valid(b"\x02h2\x08http/1.1"));
        assert!(!valid(b"\x02h2\x08http/1."));
        assert!(!valid(b"\x00\x02h2"));
        assert!(!valid(b"\x01"));
        assert!(!valid(b""));
        assert_eq!(names(b"\x02h2\x03foo"), vec![&b"h2"[..], b"foo"]);
        assert_eq!(encode([&b"h2"[..], b"", b"x"]), b"\x02h2\x01x");
    }

    #[test]
    fn select_next_proto() {
        let server = b"\x03foo\x02h2";
        assert_eq!(
            select_next(server, b"\x02h2\x03foo"),
            Selected::Server(1, 3)
        );
        assert_eq!(
            select_next(server, b"\x03bar\x02h2"),
            Selected::Server(5, 2)
        );
        assert_eq!(
            select_next(server, b"\x03bar\x03baz"),
            Selected::ClientFirst(1, 3)
        );
        assert_eq!(select_next(server, b""), Selected::Nothing);
        assert_eq!(select_next(server, b"\x00\x02h2"), Selected::Nothing);
        assert_eq!(select_next(b"", b"\x02h2"), Selected::ClientFirst(1, 2));
        assert_eq!(absent_from(&[vec![0xff]]), vec![0xff, 0xff]);
    }
}
