//! Sizing rules of neon's growable string buffer (`ne_buffer`).

/// Allocated size of a buffer made by `ne_buffer_create`.
pub const DEFAULT_SIZE: usize = 512;

/// Buffers grow in steps of this many bytes.
const GROWTH: usize = 512;

/// The new allocated length when `wanted` bytes must fit in a buffer of
/// `length` bytes, or `None` if they fit already. As in neon, the length is
/// rounded up to the next multiple of 512 strictly above `wanted`. Sizes that
/// cannot be represented saturate, so that the allocation fails as out of
/// memory instead of wrapping to a small block.
pub fn grown_length(length: usize, wanted: usize) -> Option<usize> {
    (wanted > length).then(|| (wanted / GROWTH).saturating_add(1).saturating_mul(GROWTH))
}

#[cfg(test)]
mod tests {
    use super::grown_length;

    #[test]
    fn grows_past_wanted_in_steps() {
        assert_eq!(grown_length(512, 512), None);
        assert_eq!(grown_length(512, 100), None);
        assert_eq!(grown_length(512, 513), Some(1024));
        assert_eq!(grown_length(0, 1), Some(512));
        assert_eq!(grown_length(10, 1024), Some(1536));
        assert_eq!(grown_length(10, 1023), Some(1024));
        assert_eq!(grown_length(0, usize::MAX), Some(usize::MAX));
    }
}
