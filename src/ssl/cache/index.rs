//! The hash index of the store: key hash → slot number, in one flat array.
//!
//! A lookup in a large cache costs what its random memory accesses cost, so
//! each cell packs 32 bits of the key's hash with the slot number in one
//! `u64`: one probe usually touches one cache line, and the table stays a
//! third of the size of a general map's. Linear probing, load at most 1/2,
//! deletion by backward shift (no tombstones). The caller compares keys:
//! the index only narrows the candidates to slots with matching hash bits.

/// Cells are (hash bits << 32 | slot + 1); 0 is empty.
pub struct Index {
    cells: Vec<u64>,
    len: usize,
}

const MIN_CELLS: usize = 16;

fn home(bits: u32, n: usize) -> usize {
    // Fast range reduction: maps the 32 hash bits evenly onto 0..n.
    ((u64::from(bits) * n as u64) >> 32) as usize
}

/// Steps from cell `a` forward to cell `b`, wrapping at `n`.
fn distance(a: usize, b: usize, n: usize) -> usize {
    if b >= a { b - a } else { b + n - a }
}

fn bits_of(hash: u64) -> u32 {
    (hash >> 32) as u32
}

impl Default for Index {
    fn default() -> Self {
        Index {
            cells: vec![0; MIN_CELLS],
            len: 0,
        }
    }
}

impl Index {
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    fn next(&self, i: usize) -> usize {
        if i + 1 == self.cells.len() { 0 } else { i + 1 }
    }

    /// The slots whose hash bits match `hash`, in probe order, until one
    /// satisfies `is_it`.
    pub fn find(&self, hash: u64, mut is_it: impl FnMut(u32) -> bool) -> Option<u32> {
        let bits = bits_of(hash);
        let mut i = home(bits, self.cells.len());
        loop {
            let c = self.cells[i];
            if c == 0 {
                return None;
            }
            let slot = (c as u32).wrapping_sub(1);
            if (c >> 32) as u32 == bits && is_it(slot) {
                return Some(slot);
            }
            i = self.next(i);
        }
    }

    pub fn insert(&mut self, hash: u64, slot: u32) {
        debug_assert!(slot < u32::MAX);
        if (self.len + 1) * 2 > self.cells.len() {
            self.resize(self.cells.len() * 2);
        }
        self.put(u64::from(bits_of(hash)) << 32 | u64::from(slot + 1));
        self.len += 1;
    }

    fn put(&mut self, cell: u64) {
        let mut i = home((cell >> 32) as u32, self.cells.len());
        while self.cells[i] != 0 {
            i = self.next(i);
        }
        self.cells[i] = cell;
    }

    fn resize(&mut self, n: usize) {
        let old = std::mem::replace(&mut self.cells, vec![0; n.max(MIN_CELLS)]);
        for c in old.into_iter().filter(|c| *c != 0) {
            self.put(c);
        }
    }

    /// Removes the cell of `slot`, which must have been inserted with `hash`.
    pub fn remove(&mut self, hash: u64, slot: u32) {
        let cell = u64::from(bits_of(hash)) << 32 | u64::from(slot + 1);
        let mut i = home(bits_of(hash), self.cells.len());
        while self.cells[i] != cell {
            debug_assert!(self.cells[i] != 0, "removing a slot not indexed");
            i = self.next(i);
        }
        // Backward shift: pull later cells of the run into the hole when
        // their home is not between the hole and them.
        let n = self.cells.len();
        let mut hole = i;
        let mut j = self.next(hole);
        while self.cells[j] != 0 {
            let h = home((self.cells[j] >> 32) as u32, n);
            if distance(h, j, n) >= distance(hole, j, n) {
                self.cells[hole] = self.cells[j];
                hole = j;
            }
            j = self.next(j);
        }
        self.cells[hole] = 0;
        self.len -= 1;
        if self.len * 16 < self.cells.len() && self.cells.len() > MIN_CELLS {
            // Mostly empty after a flush: give the memory back.
            self.resize(self.cells.len() / 4);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small hashes crowd the first cells, wrapping runs and collisions
    /// included; every slot must stay findable through any removal order.
    #[test]
    fn insert_find_remove() {
        let hashes: Vec<u64> = (0..200u64)
            .map(|n| {
                if n % 3 == 0 {
                    u64::MAX - n
                } else {
                    (n % 7) << 32 | n
                }
            })
            .collect();
        let mut ix = Index::default();
        for (slot, h) in hashes.iter().enumerate() {
            ix.insert(*h, slot as u32);
        }
        assert_eq!(ix.len(), hashes.len());
        let check = |ix: &Index, live: &[bool]| {
            for (slot, h) in hashes.iter().enumerate() {
                let found = ix.find(*h, |s| s == slot as u32);
                assert_eq!(found.is_some(), live[slot], "slot {slot}");
            }
        };
        let mut live = vec![true; hashes.len()];
        check(&ix, &live);
        for slot in (0..hashes.len())
            .step_by(3)
            .chain((1..hashes.len()).step_by(3))
        {
            ix.remove(hashes[slot], slot as u32);
            live[slot] = false;
            check(&ix, &live);
        }
        assert_eq!(ix.len(), live.iter().filter(|l| **l).count());
        let grown = ix.cells.len();
        // Emptied down to a few: the table shrinks and stays correct.
        for slot in (2..hashes.len()).step_by(3).skip(8) {
            ix.remove(hashes[slot], slot as u32);
            live[slot] = false;
            check(&ix, &live);
        }
        assert_eq!(ix.len(), 8);
        assert!(ix.cells.len() < grown, "{} cells", ix.cells.len());
        check(&ix, &live);
        for slot in (2..hashes.len()).step_by(3).take(8) {
            ix.remove(hashes[slot], slot as u32);
        }
        assert_eq!((ix.len(), ix.cells.len()), (0, MIN_CELLS));
    }

    #[test]
    fn find_asks_the_caller() {
        let mut ix = Index::default();
        ix.insert(5 << 32, 1);
        ix.insert(5 << 32, 2);
        assert_eq!(ix.find(5 << 32, |s| s == 2), Some(2));
        assert_eq!(ix.find(5 << 32, |_| false), None);
        assert_eq!(ix.find(6 << 32, |_| true), None);
    }
}
