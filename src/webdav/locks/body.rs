//! The LOCK request body, byte for byte as neon sends it.

use super::lock::SCOPE_EXCLUSIVE;

/// The lockinfo body: the scope (exclusive for SCOPE_EXCLUSIVE, shared for
/// any other value), a write lock type, and the owner as it is (markup
/// allowed, not escaped).
pub fn lockinfo(scope: u32, owner: Option<&[u8]>) -> Vec<u8> {
    let mut b = Vec::with_capacity(192 + owner.map_or(0, <[u8]>::len));
    b.extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<lockinfo xmlns='DAV:'>\n <lockscope>",
    );
    b.extend_from_slice(if scope == SCOPE_EXCLUSIVE {
        b"<exclusive/>"
    } else {
        b"<shared/>"
    });
    b.extend_from_slice(b"</lockscope>\n<locktype><write/></locktype>");
    if let Some(o) = owner {
        for part in [&b"<owner>"[..], o, b"</owner>\n"] {
            b.extend_from_slice(part);
        }
    }
    b.extend_from_slice(b"</lockinfo>\n");
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        assert_eq!(
            std::str::from_utf8(&lockinfo(SCOPE_EXCLUSIVE, None)).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<lockinfo xmlns='DAV:'>\n \
             <lockscope><exclusive/></lockscope>\n<locktype><write/></locktype></lockinfo>\n"
        );
        assert_eq!(
            std::str::from_utf8(&lockinfo(7, Some(b"<href>me</href>"))).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<lockinfo xmlns='DAV:'>\n \
             <lockscope><shared/></lockscope>\n<locktype><write/></locktype>\
             <owner><href>me</href></owner>\n</lockinfo>\n"
        );
    }
}
