//! The MD5 computation (RFC 1321) with OpenSSL's `MD5_CTX` semantics, and
//! neon's hex conversions. Safe code only.
//!
//! The md-5 crate does not expose its chaining state, which ne_md5_read_ctx
//! must return, hence this implementation (checked against md-5 in the tests).

const BLOCK: usize = 64;

/// Per-step left rotations.
const SHIFTS: [[u32; 4]; 4] = [
    [7, 12, 17, 22],
    [5, 9, 14, 20],
    [4, 11, 16, 23],
    [6, 10, 15, 21],
];

/// floor(abs(sin(i + 1)) * 2^32).
#[rustfmt::skip]
const K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
    0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
    0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
    0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
    0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
    0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
    0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
    0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
    0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

const INITIAL: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];

#[derive(Clone)]
pub struct Md5 {
    state: [u32; 4],
    buffer: [u8; BLOCK],
    buffered: usize,
    /// Message length in bits, modulo 2^64.
    bits: u64,
}

impl Default for Md5 {
    fn default() -> Self {
        Md5::new()
    }
}

impl Md5 {
    pub fn new() -> Self {
        Md5 {
            state: INITIAL,
            buffer: [0; BLOCK],
            buffered: 0,
            bits: 0,
        }
    }

    pub fn update(&mut self, mut data: &[u8]) {
        self.bits = self.bits.wrapping_add((data.len() as u64).wrapping_mul(8));
        if self.buffered > 0 {
            let take = data.len().min(BLOCK - self.buffered);
            self.buffer[self.buffered..self.buffered + take].copy_from_slice(&data[..take]);
            self.buffered += take;
            data = &data[take..];
            if self.buffered < BLOCK {
                return;
            }
            compress(&mut self.state, &self.buffer);
            self.buffered = 0;
        }
        let mut blocks = data.chunks_exact(BLOCK);
        for block in &mut blocks {
            compress(&mut self.state, block);
        }
        let rest = blocks.remainder();
        self.buffer[..rest.len()].copy_from_slice(rest);
        self.buffered = rest.len();
    }

    /// Pads, processes the final block(s) and returns the digest. Like
    /// OpenSSL's `MD5_Final`, leaves the digest as the state and keeps the
    /// length count.
    pub fn finish(&mut self) -> [u8; 16] {
        let n = self.buffered;
        self.buffer[n] = 0x80;
        self.buffer[n + 1..].fill(0);
        if n + 1 > BLOCK - 8 {
            compress(&mut self.state, &self.buffer);
            self.buffer.fill(0);
        }
        self.buffer[BLOCK - 8..].copy_from_slice(&self.bits.to_le_bytes());
        compress(&mut self.state, &self.buffer);
        self.buffered = 0;
        self.state_bytes()
    }

    /// The chaining state as little-endian bytes.
    pub fn state_bytes(&self) -> [u8; 16] {
        let mut out = [0; 16];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        out
    }
}

/// The MD5 compression function on one 64-byte block.
fn compress(state: &mut [u32; 4], block: &[u8]) {
    let mut m = [0u32; 16];
    for (word, bytes) in m.iter_mut().zip(block.chunks_exact(4)) {
        *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    let [mut a, mut b, mut c, mut d] = *state;
    for i in 0..64 {
        let (f, g) = match i / 16 {
            0 => ((b & c) | (!b & d), i),
            1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
            2 => (b ^ c ^ d, (3 * i + 5) % 16),
            _ => (c ^ (b | !d), (7 * i) % 16),
        };
        let rotated = a
            .wrapping_add(f)
            .wrapping_add(K[i])
            .wrapping_add(m[g])
            .rotate_left(SHIFTS[i / 16][i % 4]);
        (a, b, c, d) = (d, b.wrapping_add(rotated), b, c);
    }
    for (s, v) in state.iter_mut().zip([a, b, c, d]) {
        *s = s.wrapping_add(v);
    }
}

/// Lower-case hex of a digest (neon's `NE_HEX2ASC`).
pub fn to_ascii(digest: &[u8; 16]) -> [u8; 32] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0; 32];
    for (pair, &byte) in out.chunks_exact_mut(2).zip(digest) {
        pair[0] = HEX[usize::from(byte >> 4)];
        pair[1] = HEX[usize::from(byte & 0xf)];
    }
    out
}

/// neon's `NE_ASC2HEX` on each pair, unchecked as in neon: for a C `char`
/// (signed) up to '9' the value is `c - '0'`, otherwise the lower-cased
/// byte minus 'a' plus 10; the pair combines as `hi << 4 | lo` in C `int`
/// arithmetic, truncated to a byte. Non-hex input gives garbage, not errors.
pub fn from_ascii(hex: &[u8; 32]) -> [u8; 16] {
    let nibble = |c: u8| -> i32 {
        let signed = i32::from(c as i8);
        if signed <= i32::from(b'9') {
            signed - i32::from(b'0')
        } else {
            i32::from(c.to_ascii_lowercase()) + 10 - i32::from(b'a')
        }
    };
    let mut out = [0; 16];
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = (nibble(pair[0]).wrapping_shl(4) | nibble(pair[1])) as u8;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use md5::Digest;

    fn hex(d: [u8; 16]) -> String {
        String::from_utf8(to_ascii(&d).to_vec()).unwrap()
    }

    #[test]
    fn matches_the_md5_crate_for_all_lengths_and_splits() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for len in 0..data.len() {
            let want: [u8; 16] = md5::Md5::digest(&data[..len]).into();
            for split in [0, 1, len / 3, len / 2, len.saturating_sub(1), len] {
                let split = split.min(len);
                let mut m = Md5::new();
                m.update(&data[..split]);
                m.update(&[]);
                m.update(&data[split..len]);
                assert_eq!(m.finish(), want, "len {len} split {split}");
            }
        }
    }

    #[test]
    fn known_digests() {
        let digest = |s: &[u8]| {
            let mut m = Md5::new();
            m.update(s);
            hex(m.finish())
        };
        assert_eq!(digest(b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(digest(b"foobar\0"), "b4258860eea29e875e2ee4019763b2bb");
        assert_eq!(digest(&[b'z'; 500]), "8b9323bd72250ea7f1b2b3fb5046391a");
    }

    #[test]
    fn state_is_the_chaining_value() {
        let mut m = Md5::new();
        assert_eq!(hex(m.state_bytes()), "0123456789abcdeffedcba9876543210");
        // Buffered bytes do not change the state; a full block does.
        m.update(&[1; 63]);
        assert_eq!(hex(m.state_bytes()), "0123456789abcdeffedcba9876543210");
        m.update(&[1]);
        assert_ne!(hex(m.state_bytes()), "0123456789abcdeffedcba9876543210");
        // After finishing, the state is the digest; finishing again pads again.
        let mut m = Md5::new();
        let d = m.finish();
        assert_eq!(m.state_bytes(), d);
        assert_ne!(m.finish(), d);
    }

    #[test]
    fn hex_conversions() {
        let d: [u8; 16] = md5::Md5::digest(b"abc").into();
        let h = to_ascii(&d);
        assert_eq!(&h, b"900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(from_ascii(&h), d);
        let mut upper = h;
        upper.make_ascii_uppercase();
        assert_eq!(from_ascii(&upper), d);
        // Unchecked arithmetic on non-hex bytes, as neon's macro.
        let mut odd = [b'0'; 32];
        odd[..6].copy_from_slice(b"zz !\xff\x80");
        let got = from_ascii(&odd);
        assert_eq!(got[0], ((35 << 4) | 35) as u8);
        assert_eq!(got[1], ((-16i32 << 4) | -15) as u8);
        assert_eq!(got[2], ((-49i32 << 4) | -176) as u8);
    }
}
