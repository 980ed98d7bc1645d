//! Immutable byte strings stored with a trailing NUL.

use std::rc::Rc;

/// A byte string kept with a trailing NUL and shared by reference count, so
/// its address can be handed out (e.g. as a C string) while any clone lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZStr(Rc<[u8]>);

impl ZStr {
    pub fn new(bytes: &[u8]) -> ZStr {
        // A trusted-length iterator: one allocation, straight into the Rc
        // (a Vec converted into an Rc would be a second one and a copy).
        ZStr(bytes.iter().copied().chain(std::iter::once(0)).collect())
    }

    /// The bytes without the NUL.
    pub fn bytes(&self) -> &[u8] {
        &self.0[..self.0.len() - 1]
    }

    /// The bytes including the NUL.
    pub fn with_nul(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_nul() {
        let z = super::ZStr::new(b"abc");
        assert_eq!(z.bytes(), b"abc");
        assert_eq!(z.with_nul(), b"abc\0");
    }
}
