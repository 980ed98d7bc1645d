//! Byte storage whose contents never move.
//!
//! Response header values and reason phrases are handed to C as pointers
//! that C may keep until the request is destroyed. The arena only ever
//! appends to blocks with spare capacity (so a block is never reallocated)
//! and `clear` rewinds without freeing: an old pointer may come to see newer
//! bytes, but never freed memory.

const BLOCK: usize = 4096;

/// Where a string lives in an [`Arena`]; its bytes are followed by a NUL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    block: u32,
    start: u32,
    len: u32,
}

impl Span {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A clone never grows the blocks it copied (their capacity is their
/// length), so the rule above holds for clones too.
#[derive(Default, Clone)]
pub struct Arena {
    blocks: Vec<Vec<u8>>,
    current: usize,
}

impl Arena {
    /// Stores the concatenation of `parts` followed by a NUL.
    pub fn push(&mut self, parts: &[&[u8]]) -> Span {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let block = self.room_for(len + 1);
        let start = block.len();
        for p in parts {
            block.extend_from_slice(p);
        }
        block.push(0);
        Span {
            block: self.current as u32,
            start: start as u32,
            len: len as u32,
        }
    }

    /// Stores `a` and `b`, each followed by a NUL, in one block (a header
    /// field's name and value).
    pub fn push_pair(&mut self, a: &[u8], b: &[u8]) -> (Span, Span) {
        let block = self.room_for(a.len() + b.len() + 2);
        let start = block.len();
        block.extend_from_slice(a);
        block.push(0);
        block.extend_from_slice(b);
        block.push(0);
        let at = |start: usize, len: usize| Span {
            block: self.current as u32,
            start: start as u32,
            len: len as u32,
        };
        (at(start, a.len()), at(start + a.len() + 1, b.len()))
    }

    /// The block to append `need` bytes to, without moving any contents.
    fn room_for(&mut self, need: usize) -> &mut Vec<u8> {
        while self.current < self.blocks.len() {
            let b = &self.blocks[self.current];
            if b.capacity() - b.len() >= need {
                break;
            }
            self.current += 1;
        }
        if self.current == self.blocks.len() {
            self.blocks.push(Vec::with_capacity(need.max(BLOCK)));
        }
        &mut self.blocks[self.current]
    }

    /// The bytes of `span` (without the NUL).
    pub fn get(&self, span: Span) -> &[u8] {
        let s = span.start as usize;
        &self.blocks[span.block as usize][s..s + span.len as usize]
    }

    /// Address of the NUL-terminated string at `span`.
    pub fn ptr(&self, span: Span) -> *const u8 {
        self.blocks[span.block as usize][span.start as usize..].as_ptr()
    }

    /// Replaces non-printable bytes of a stored string with spaces (neon's ne_strclean).
    pub fn clean(&mut self, span: Span) {
        let s = span.start as usize;
        crate::text::clean(&mut self.blocks[span.block as usize][s..s + span.len as usize]);
    }

    /// Forgets the contents, keeping the blocks for reuse.
    pub fn clear(&mut self) {
        for b in &mut self.blocks {
            b.clear();
        }
        self.current = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_never_move() {
        let mut a = Arena::default();
        let first = a.push(&[b"hello", b" ", b"world"]);
        let p = a.ptr(first);
        for i in 0..1000 {
            a.push(&[format!("value {i}").as_bytes()]);
        }
        let big = a.push(&[&[b'x'; 10000]]);
        assert_eq!(a.get(first), b"hello world");
        assert_eq!(a.ptr(first), p);
        assert_eq!(a.get(big).len(), 10000);
        a.clear();
        let again = a.push(&[b"hi"]);
        assert_eq!(a.ptr(again), p);
        let (n, v) = a.push_pair(b"name", b"value");
        assert_eq!((a.get(n), a.get(v)), (&b"name"[..], &b"value"[..]));
        assert_eq!(stored_with_nul(&a, v), b"value\0");
    }

    /// The stored bytes from the span's start through its NUL.
    fn stored_with_nul(a: &Arena, s: Span) -> &[u8] {
        let start = s.start as usize;
        &a.blocks[s.block as usize][start..start + s.len as usize + 1]
    }
}
