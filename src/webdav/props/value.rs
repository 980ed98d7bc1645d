//! The buffer a flat property's value is collected in, with neon's sizing
//! rules: neon stops adding to it by comparing its allocated size (text)
//! or its length (markup) with a limit, so the sizes are tracked as an
//! `ne_buffer` would have them.

use crate::text::buffer::{DEFAULT_SIZE, grown_length};

/// neon's MAX_FLATPROP_LEN.
pub const LIMIT: usize = 102_400;

#[derive(Debug)]
pub struct ValueBuf {
    data: Vec<u8>,
    /// The size neon's buffer would have allocated.
    alloc: usize,
}

impl Default for ValueBuf {
    fn default() -> Self {
        ValueBuf {
            data: Vec::new(),
            alloc: DEFAULT_SIZE,
        }
    }
}

impl ValueBuf {
    /// neon's `used`: the length with the NUL.
    pub fn used(&self) -> usize {
        self.data.len() + 1
    }

    /// Whether text may still be added (neon compares the allocation).
    pub fn takes_text(&self) -> bool {
        self.alloc < LIMIT
    }

    /// Whether markup may still be added (neon compares the length).
    pub fn takes_markup(&self) -> bool {
        self.used() < LIMIT
    }

    /// Appends the parts in one step (one `ne_buffer_concat`).
    pub fn concat(&mut self, parts: &[&[u8]]) {
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if let Some(n) = grown_length(self.alloc, self.used() + total) {
            self.alloc = n;
        }
        for p in parts {
            self.data.extend_from_slice(p);
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.data
    }

    /// Empties it, as a fresh buffer.
    pub fn reset(&mut self) {
        self.data.clear();
        self.alloc = DEFAULT_SIZE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracks_neon_sizes() {
        let mut v = ValueBuf::default();
        assert!(v.takes_text() && v.takes_markup());
        v.concat(&[&[b'x'; 600]]);
        assert_eq!(v.alloc, 1024);
        v.concat(&[b"<", b"DAV:", b"a", b">"]);
        assert_eq!(v.used(), 608);
        v.concat(&[&vec![b'y'; LIMIT]]);
        assert!(!v.takes_text() && !v.takes_markup());
        v.reset();
        assert_eq!((v.used(), v.alloc), (1, 512));
    }
}
