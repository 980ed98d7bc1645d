//! OpenSSL's cache key, (protocol version, session id), with its hash
//! computed once.
//!
//! The hash is a seeded folded multiply over the whole key (as foldhash
//! does), with seeds drawn once per process from std's random hasher keys:
//! several times faster than SipHash, which matters at a million sessions,
//! and unlike OpenSSL's hash (the first four id bytes) not something a peer
//! choosing session ids can aim collisions at without knowing the seeds.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use crate::tls::session::MAX_ID_LEN;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionKey {
    hash: u64,
    version: u16,
    len: u8,
    id: [u8; MAX_ID_LEN],
}

impl SessionKey {
    /// `None` for ids longer than OpenSSL's sessions can hold.
    pub fn new(version: u16, id: &[u8]) -> Option<SessionKey> {
        let mut padded = [0; MAX_ID_LEN];
        padded.get_mut(..id.len())?.copy_from_slice(id);
        let len = id.len() as u8;
        Some(SessionKey {
            hash: hash(version, len, &padded),
            version,
            len,
            id: padded,
        })
    }

    pub fn id_is_empty(&self) -> bool {
        self.len == 0
    }

    /// The key's hash (see the module documentation).
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// Makes colliding keys for tests of hash chains.
    #[cfg(test)]
    pub fn set_hash_for_tests(&mut self, hash: u64) {
        self.hash = hash;
    }
}

fn seeds() -> &'static [u64; 6] {
    static SEEDS: OnceLock<[u64; 6]> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let random = RandomState::new();
        std::array::from_fn(|i| random.hash_one(i))
    })
}

/// The 128-bit product of `a` and `b`, folded to 64 bits.
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

fn hash(version: u16, len: u8, id: &[u8; MAX_ID_LEN]) -> u64 {
    let s = seeds();
    let word = |i: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&id[8 * i..8 * i + 8]);
        u64::from_le_bytes(w)
    };
    let a = fold(word(0) ^ s[0], word(1) ^ s[1]);
    let b = fold(word(2) ^ s[2], word(3) ^ s[3]);
    let tag = u64::from(version) << 8 | u64::from(len);
    fold(a ^ s[4], b ^ tag ^ s[5])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert!(SessionKey::new(0x303, &[0; 33]).is_none());
        assert!(SessionKey::new(0x303, &[]).unwrap().id_is_empty());
        assert_eq!(
            SessionKey::new(0x303, &[7; 32]),
            SessionKey::new(0x303, &[7; 32])
        );
        // The length and the version are part of the key.
        let short = SessionKey::new(0x303, &[0; 2]).unwrap();
        let long = SessionKey::new(0x303, &[0; 3]).unwrap();
        assert_ne!(short, long);
        assert_ne!(short.hash(), long.hash());
        let v13 = SessionKey::new(0x304, &[0; 2]).unwrap();
        assert_ne!(short, v13);
        assert_ne!(short.hash(), v13.hash());
        // Every id byte counts.
        let mut id = [0u8; 32];
        let base = SessionKey::new(0x303, &id).unwrap().hash();
        for i in 0..32 {
            id[i] = 1;
            assert_ne!(
                SessionKey::new(0x303, &id).unwrap().hash(),
                base,
                "byte {i}"
            );
            id[i] = 0;
        }
    }
}
