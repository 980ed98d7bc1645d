//! Base64 (RFC 4648 standard alphabet, padded) with neon's decoding rules.

use base64::Engine;
use base64::engine::{GeneralPurpose, GeneralPurposeConfig};

/// Canonical padding is required, as neon checks each 4-byte group: no `=` in
/// the first two places, and a third `=` only before a fourth. Unused low bits
/// of the last character are ignored, as neon ignores them.
const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_allow_trailing_bits(true),
);

/// Why [`decode`] gave up.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The input is empty or not a multiple of 4 bytes long.
    Length,
    /// A group holds a byte outside the alphabet or misplaced padding.
    Invalid,
}

/// Encodes `data` with padding.
pub fn encode(data: &[u8]) -> String {
    ENGINE.encode(data)
}

/// Decodes `text`, which must consist of whole 4-byte groups. Like neon, each
/// group is decoded on its own, so a padded group may be followed by more
/// groups ("QQ==QQ==" is "AA").
pub fn decode(text: &[u8]) -> Result<Vec<u8>, DecodeError> {
    if text.is_empty() || text.len() % 4 != 0 {
        return Err(DecodeError::Length);
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for group in text.chunks_exact(4) {
        let mut bytes = [0u8; 3];
        let n = ENGINE
            .decode_slice(group, &mut bytes)
            .map_err(|_| DecodeError::Invalid)?;
        out.extend_from_slice(&bytes[..n]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_pads() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"a"), "YQ==");
        assert_eq!(encode(b"ab"), "YWI=");
        assert_eq!(encode(b"abc"), "YWJj");
        assert_eq!(encode(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn decode_round_trips() {
        for len in 0..40usize {
            let data: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let enc = encode(&data);
            if len == 0 {
                assert_eq!(decode(enc.as_bytes()), Err(DecodeError::Length));
            } else {
                assert_eq!(decode(enc.as_bytes()).unwrap(), data);
            }
        }
    }

    #[test]
    fn decode_follows_neon_rules() {
        assert_eq!(decode(b"YWJ"), Err(DecodeError::Length));
        assert_eq!(decode(b"YWJjZ"), Err(DecodeError::Length));
        assert_eq!(decode(b"YW=j"), Err(DecodeError::Invalid));
        assert_eq!(decode(b"Y=Jj"), Err(DecodeError::Invalid));
        assert_eq!(decode(b"=WJj"), Err(DecodeError::Invalid));
        assert_eq!(decode(b"Y==="), Err(DecodeError::Invalid));
        assert_eq!(decode(b"YW J"), Err(DecodeError::Invalid));
        assert_eq!(decode(b"YW-_"), Err(DecodeError::Invalid));
        assert_eq!(decode(b"YWJj\n"), Err(DecodeError::Length));
        // Padding between groups and non-zero trailing bits are accepted.
        assert_eq!(decode(b"QQ==QUJD").unwrap(), b"AABC");
        assert_eq!(decode(b"QR==").unwrap(), b"A");
        assert_eq!(decode(b"QUJ=").unwrap(), b"AB");
    }
}
