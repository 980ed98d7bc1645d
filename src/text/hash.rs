//! String hashing for `ne_strhash`: a digest over concatenated strings,
//! rendered as hex. The flags word is neon's: the algorithm in the low four
//! bits, optionally one separator flag.

use md5::Md5;
use sha2::digest::DynDigest;
use sha2::{Sha256, Sha512, Sha512_256};

use super::hex;

pub const MD5: u32 = 0x0001;
pub const SHA256: u32 = 0x0002;
pub const SHA512: u32 = 0x0003;
pub const SHA512_256: u32 = 0x0004;
pub const COLON: u32 = 0x1000;
pub const SPACE: u32 = 0x2000;
const ALGORITHM_MASK: u32 = 0x000f;

/// A hash in progress.
pub struct StrHash {
    digest: Box<dyn DynDigest>,
    flags: u32,
}

impl StrHash {
    /// Starts a hash with the algorithm named in `flags`; `None` for an
    /// algorithm neon 0.32.5 does not support (SHA-1 came later).
    pub fn new(flags: u32) -> Option<Self> {
        let digest: Box<dyn DynDigest> = match flags & ALGORITHM_MASK {
            MD5 => Box::new(Md5::default()),
            SHA256 => Box::new(Sha256::default()),
            SHA512 => Box::new(Sha512::default()),
            SHA512_256 => Box::new(Sha512_256::default()),
            _ => return None,
        };
        Some(StrHash { digest, flags })
    }

    pub fn update(&mut self, data: &[u8]) {
        self.digest.update(data);
    }

    /// The digest in hex, formatted per the flags (see [`render`]).
    pub fn finish(self) -> Vec<u8> {
        render(&self.digest.finalize(), self.flags)
    }
}

/// A digest in lower-case hex: byte pairs separated by `:` with
/// [`COLON`], else by a space with [`SPACE`], else not at all.
pub fn render(digest: &[u8], flags: u32) -> Vec<u8> {
    let sep = if flags & COLON != 0 {
        Some(b':')
    } else if flags & SPACE != 0 {
        Some(b' ')
    } else {
        None
    };
    hex::render(digest, sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(flags: u32, parts: &[&str]) -> Option<String> {
        let mut h = StrHash::new(flags)?;
        for p in parts {
            h.update(p.as_bytes());
        }
        Some(String::from_utf8(h.finish()).unwrap())
    }

    #[test]
    fn known_digests() {
        assert_eq!(
            hash(MD5, &["a", "bc"]).unwrap(),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(
            hash(SHA256, &["abc"]).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hash(SHA512_256, &["abc"]).unwrap(),
            "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23"
        );
        assert!(hash(SHA512, &[""]).unwrap().starts_with("cf83e1357eefb8bd"));
        assert_eq!(hash(SHA512, &[]).unwrap().len(), 128);
    }

    #[test]
    fn unsupported_algorithms() {
        for flags in [0, 5, 0xf, COLON, 0x10] {
            assert!(StrHash::new(flags).is_none(), "{flags:#x}");
        }
        // Bits above the algorithm mask other than the separators are ignored.
        assert!(StrHash::new(0x0101).is_some());
    }

    #[test]
    fn separators() {
        let md5_colon = hash(MD5 | COLON, &["abc"]).unwrap();
        assert!(md5_colon.starts_with("90:01:50:98:"));
        assert_eq!(md5_colon.len(), 16 * 3 - 1);
        assert!(hash(MD5 | SPACE, &["abc"]).unwrap().starts_with("90 01 50"));
        // Colon wins over space.
        assert_eq!(hash(MD5 | COLON | SPACE, &["abc"]).unwrap(), md5_colon);
    }
}
