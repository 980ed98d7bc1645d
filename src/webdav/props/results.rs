//! The properties of one resource, as a PROPFIND response gives them
//! (neon's `ne_prop_result_set`).
//!
//! All strings of a set live in one buffer, each followed by a NUL, and a
//! set's storage is reused for the next resource, so a response costs no
//! allocation once the first has been read.

use crate::uri::Uri;
use crate::webdav::multistatus::Status;

/// A status laid out as neon's C `ne_status` (four ints and the reason's
/// address, NUL-terminated, or null), so that a C face can hand out a
/// pointer to it, as `http::StatusCell` is handed out. All zero and null
/// when the server gave no status.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct StatusRecord {
    pub major: i32,
    pub minor: i32,
    pub code: i32,
    pub klass: i32,
    pub reason: *const u8,
}

impl Default for StatusRecord {
    fn default() -> Self {
        StatusRecord {
            major: 0,
            minor: 0,
            code: 0,
            klass: 0,
            reason: std::ptr::null(),
        }
    }
}

/// Where a string lies in a set's buffer (its NUL follows).
#[derive(Clone, Copy, Debug)]
struct Span {
    at: u32,
    len: u32,
}

#[derive(Clone, Copy, Debug)]
struct PropRec {
    pstat: u32,
    name: Span,
    nspace: Option<Span>,
    value: Option<Span>,
    lang: Option<Span>,
}

#[derive(Clone, Copy, Debug, Default)]
struct PstatRec {
    status: StatusRecord,
    reason: Option<Span>,
}

/// The results for one resource.
#[derive(Debug)]
pub struct ResultSet<P> {
    uri: Uri,
    pub(super) private: Option<P>,
    text: Vec<u8>,
    props: Vec<PropRec>,
    pstats: Vec<PstatRec>,
    /// Propstats and properties seen (neon's limit counter).
    pub(super) counter: u32,
}

impl<P> Default for ResultSet<P> {
    fn default() -> Self {
        ResultSet {
            uri: Uri::default(),
            private: None,
            text: Vec::new(),
            props: Vec::new(),
            pstats: Vec::new(),
            counter: 0,
        }
    }
}

/// One property of a set.
#[derive(Clone, Copy)]
pub struct Prop<'a, P> {
    set: &'a ResultSet<P>,
    rec: &'a PropRec,
}

impl<'a, P> Prop<'a, P> {
    /// The local name; `name_with_nul` adds its NUL.
    pub fn name(&self) -> &'a [u8] {
        self.set.get(self.rec.name)
    }

    pub fn name_with_nul(&self) -> &'a [u8] {
        self.set.get_z(self.rec.name)
    }

    /// The namespace URI, None for an element in no namespace.
    pub fn nspace(&self) -> Option<&'a [u8]> {
        self.rec.nspace.map(|s| self.set.get(s))
    }

    pub fn nspace_with_nul(&self) -> Option<&'a [u8]> {
        self.rec.nspace.map(|s| self.set.get_z(s))
    }

    /// The value (text, and nested elements written back as XML); None if
    /// its propstat's status was not 2xx.
    pub fn value(&self) -> Option<&'a [u8]> {
        self.rec.value.map(|s| self.set.get(s))
    }

    pub fn value_with_nul(&self) -> Option<&'a [u8]> {
        self.rec.value.map(|s| self.set.get_z(s))
    }

    /// The xml:lang of the property. neon 0.32.5 looks the attribute up
    /// in a way that never finds it, so this is always None there too.
    pub fn lang_with_nul(&self) -> Option<&'a [u8]> {
        self.rec.lang.map(|s| self.set.get_z(s))
    }

    /// The status of the propstat holding the property.
    pub fn status(&self) -> &'a StatusRecord {
        &self.set.pstats[self.rec.pstat as usize].status
    }

    /// The reason phrase of that status, if one was given.
    pub fn reason(&self) -> Option<&'a [u8]> {
        self.set.pstats[self.rec.pstat as usize]
            .reason
            .map(|s| self.set.get(s))
    }
}

impl<P> ResultSet<P> {
    /// The resource's URI (its href resolved).
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The caller's private value for the resource.
    pub fn private(&self) -> Option<&P> {
        self.private.as_ref()
    }

    /// Number of propstats.
    pub fn propstats(&self) -> usize {
        self.pstats.len()
    }

    /// The properties, propstat by propstat, in document order.
    pub fn iter(&self) -> impl Iterator<Item = Prop<'_, P>> {
        self.props.iter().map(move |rec| Prop { set: self, rec })
    }

    /// The first property named {nspace}name. A property in no namespace
    /// is found only with `nspace` None, as in neon.
    pub fn find(&self, nspace: Option<&[u8]>, name: &[u8]) -> Option<Prop<'_, P>> {
        self.iter()
            .find(|p| p.nspace() == nspace && p.name() == name)
    }

    fn get(&self, s: Span) -> &[u8] {
        &self.text[s.at as usize..(s.at + s.len) as usize]
    }

    fn get_z(&self, s: Span) -> &[u8] {
        &self.text[s.at as usize..=(s.at + s.len) as usize]
    }

    fn store(&mut self, bytes: &[u8]) -> Span {
        let at = self.text.len() as u32;
        self.text.extend_from_slice(bytes);
        self.text.push(0);
        Span {
            at,
            len: bytes.len() as u32,
        }
    }

    /// Empties the set for a new resource, keeping its storage.
    pub(super) fn reset(&mut self, uri: &Uri) {
        // Field by field, reusing the storage (Uri's derived clone_from
        // would make a new copy).
        let u = &mut self.uri;
        u.scheme.clone_from(&uri.scheme);
        u.host.clone_from(&uri.host);
        u.userinfo.clone_from(&uri.userinfo);
        u.port = uri.port;
        u.path.clone_from(&uri.path);
        u.query.clone_from(&uri.query);
        u.fragment.clone_from(&uri.fragment);
        self.private = None;
        self.text.clear();
        self.props.clear();
        self.pstats.clear();
        self.counter = 0;
    }

    /// Starts a propstat; its index.
    pub(super) fn add_propstat(&mut self) -> u32 {
        self.pstats.push(PstatRec::default());
        (self.pstats.len() - 1) as u32
    }

    /// Adds a property to propstat `pstat`, its value not yet known.
    pub(super) fn add_prop(
        &mut self,
        pstat: u32,
        nspace: Option<&[u8]>,
        name: &[u8],
        lang: Option<&[u8]>,
    ) {
        let name = self.store(name);
        // Properties mostly share their namespace with the one before.
        let last = self.props.last().and_then(|p| p.nspace);
        let nspace = nspace.map(|n| match last {
            Some(l) if self.get(l) == n => l,
            _ => self.store(n),
        });
        let lang = lang.map(|l| self.store(l));
        self.props.push(PropRec {
            pstat,
            name,
            nspace,
            value: None,
            lang,
        });
    }

    /// Sets the value of the last property added.
    pub(super) fn set_last_value(&mut self, value: &[u8]) {
        let span = self.store(value);
        if let Some(p) = self.props.last_mut() {
            p.value = Some(span);
        }
    }

    /// The end of propstat `pstat`: with a status other than 2xx its
    /// properties lose their values.
    pub(super) fn end_propstat(&mut self, pstat: u32, status: &Status) {
        if status.klass != 2 {
            for p in self.props.iter_mut().rev() {
                if p.pstat != pstat {
                    break;
                }
                p.value = None;
            }
        }
        let reason = self.store(status.reason());
        let rec = &mut self.pstats[pstat as usize];
        rec.status = StatusRecord {
            major: status.major,
            minor: status.minor,
            code: status.code,
            klass: status.klass,
            reason: std::ptr::null(),
        };
        rec.reason = Some(reason);
    }

    /// Points each status's reason at its string; the set must not change
    /// afterwards (its buffer would move).
    pub(super) fn finish(&mut self) {
        for i in 0..self.pstats.len() {
            if let Some(s) = self.pstats[i].reason {
                let ptr = self.text[s.at as usize..].as_ptr();
                self.pstats[i].status.reason = ptr;
            }
        }
    }
}
