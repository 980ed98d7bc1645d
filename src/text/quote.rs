//! Escaping of arbitrary bytes for logs and error messages (neon's
//! `ne_strnqdup` and `ne_buffer_qappend`).

use super::hex;

/// `data` with every byte outside printable ASCII (controls, NUL, DEL and
/// bytes >= 0x80) written as `\xHH` in lower-case hex. Backslashes and quotes
/// are printable and stay as they are.
pub fn escape(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    for &b in data {
        if (0x20..0x7f).contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(b"\\x");
            out.extend_from_slice(&hex::byte_digits(b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_non_printables_only() {
        assert_eq!(escape(b"plain \"text\" \\ ~"), b"plain \"text\" \\ ~");
        assert_eq!(escape(b"a\0b\r\n"), b"a\\x00b\\x0d\\x0a");
        assert_eq!(escape(b"\x1f\x7f\x80\xff"), b"\\x1f\\x7f\\x80\\xff");
        assert_eq!(escape(b""), b"");
    }
}
