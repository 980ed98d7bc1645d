//! Attribute lists and the NUL-terminated strings events carry.

/// A string followed in memory by a NUL byte, so that a C face can pass
/// its address on without copying. Element names, namespace URIs and
/// attribute names and values reach handlers in this form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZStr<'a>(&'a str);

impl<'a> ZStr<'a> {
    /// `s` must end with a NUL character.
    pub fn new(with_nul: &'a str) -> ZStr<'a> {
        assert!(with_nul.ends_with('\0'));
        ZStr(with_nul)
    }

    /// The string without its NUL.
    pub fn as_str(&self) -> &'a str {
        &self.0[..self.0.len() - 1]
    }

    /// The bytes including the NUL.
    pub fn with_nul(&self) -> &'a [u8] {
        self.0.as_bytes()
    }
}

impl std::ops::Deref for ZStr<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// Where one attribute's name and value lie in [`Attrs::buf`] (each
/// followed by a NUL).
#[derive(Clone, Copy, Debug)]
pub(crate) struct AttrSpan {
    pub name: (u32, u32),
    pub value: (u32, u32),
}

/// The attributes of a start tag, in document order, as written: raw
/// qualified names (namespace declarations included, as neon passes them)
/// and normalized values (references replaced, white space turned into
/// spaces).
#[derive(Clone, Copy)]
pub struct Attrs<'a> {
    pub(crate) buf: &'a str,
    pub(crate) spans: &'a [AttrSpan],
}

impl<'a> Attrs<'a> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The `i`th attribute: (qualified name, value).
    pub fn get(&self, i: usize) -> (ZStr<'a>, ZStr<'a>) {
        let s = self.spans[i];
        let z = |(a, b): (u32, u32)| ZStr(&self.buf[a as usize..b as usize + 1]);
        (z(s.name), z(s.value))
    }

    pub fn iter(&self) -> impl Iterator<Item = (ZStr<'a>, ZStr<'a>)> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The value of the attribute with this qualified name.
    pub fn raw(&self, qname: &str) -> Option<ZStr<'a>> {
        self.iter()
            .find(|(n, _)| n.as_str() == qname)
            .map(|(_, v)| v)
    }
}

impl std::fmt::Debug for Attrs<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|(n, v)| (n.as_str(), v.as_str())))
            .finish()
    }
}
