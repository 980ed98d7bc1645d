//! Response header fields, stored and ordered as neon does.
//!
//! Names are lower-cased; a repeated field is merged into the first as
//! "old, new" while the result stays under 8192 bytes (else the new value is
//! dropped). Iteration follows neon's 43-bucket hash (bucket order, then
//! insertion order), which programs can observe through
//! `ne_response_header_iterate`.

use super::arena::{Arena, Span};

/// neon's MAX_HEADER_LEN: merged values stay below this.
const MAX_HEADER_LEN: usize = 8192;
/// neon's hash table size.
const BUCKETS: u32 = 43;

/// neon's header-name hash: `(h * 33 + c) % 43` over the lower-cased name.
pub fn bucket(lower_name: &[u8]) -> u8 {
    lower_name
        .iter()
        .fold(0u32, |h, &c| (h * 33 + u32::from(c)) % BUCKETS) as u8
}

#[derive(Clone)]
struct Field {
    bucket: u8,
    name: Span,
    value: Span,
    removed: bool,
}

#[derive(Default, Clone)]
pub struct ResponseHeaders {
    arena: Arena,
    fields: Vec<Field>,
}

impl ResponseHeaders {
    pub fn clear(&mut self) {
        self.arena.clear();
        self.fields.clear();
    }

    fn find(&self, lower_name: &[u8], bucket: u8) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| f.bucket == bucket && !f.removed && self.arena.get(f.name) == lower_name)
    }

    /// Adds a field, lower-casing its name (in a stack buffer when short,
    /// so that storing a response header allocates nothing).
    pub fn add_any_case(&mut self, name: &[u8], value: &[u8]) {
        let mut small = [0u8; 64];
        let mut h = 0u32;
        if let Some(buf) = small.get_mut(..name.len()) {
            // Lower-cased and hashed in one pass.
            for (d, c) in buf.iter_mut().zip(name) {
                *d = lower(*c);
                // neon reduces modulo 43 at every step; reducing only
                // before an overflow gives the same residue, without a
                // division per byte.
                if h >= 1 << 26 {
                    h %= BUCKETS;
                }
                h = h * 33 + u32::from(*d);
            }
            self.insert(buf, (h % BUCKETS) as u8, value);
        } else {
            let lower_name = name.to_ascii_lowercase();
            self.insert(&lower_name, bucket(&lower_name), value);
        }
    }

    /// Adds a field whose name is already lower-case.
    pub fn add(&mut self, lower_name: &[u8], value: &[u8]) {
        self.insert(lower_name, bucket(lower_name), value);
    }

    fn insert(&mut self, lower_name: &[u8], bucket: u8, value: &[u8]) {
        if let Some(i) = self.find(lower_name, bucket) {
            let old = self.fields[i].value;
            if old.len() + value.len() < MAX_HEADER_LEN {
                // Stored anew: pointers to the old value stay valid.
                let merged = {
                    let old_bytes = self.arena.get(old).to_vec();
                    self.arena.push(&[&old_bytes, b", ", value])
                };
                self.fields[i].value = merged;
            }
            return;
        }
        let (name, value) = self.arena.push_pair(lower_name, value);
        self.fields.push(Field {
            bucket,
            name,
            value,
            removed: false,
        });
    }

    /// Stores a field line as neon 0.34+ parses one (RFC 9110 §5): the name
    /// is a token directly followed by ':', else the line is ignored; bare
    /// CRs count as spaces; OWS around the value is dropped. `line` is the
    /// field with its continuation lines joined, without the line end.
    pub fn add_strict(&mut self, line: &[u8]) {
        let mut end = line.len();
        while end > 1 && matches!(line[end - 1], b' ' | b'\t' | b'\r') {
            end -= 1;
        }
        let line = &line[..end];
        let name_end = line
            .iter()
            .position(|&c| !is_tchar(c))
            .unwrap_or(line.len());
        if line.get(name_end) != Some(&b':') {
            return;
        }
        let mut p = name_end + 1;
        while p < line.len() && matches!(line[p], b' ' | b'\t') {
            p += 1;
        }
        let value: Vec<u8> = line[p..]
            .iter()
            .map(|&c| if c == b'\r' { b' ' } else { c })
            .collect();
        self.add_any_case(&line[..name_end], &value);
    }

    /// Removes the field (used for HTTP/1.0 Connection-listed headers).
    pub fn remove(&mut self, lower_name: &[u8]) {
        if let Some(i) = self.find(lower_name, bucket(lower_name)) {
            self.fields[i].removed = true;
        }
    }

    /// The value of a field; `name` may be in any case.
    pub fn get(&self, name: &[u8]) -> Option<&[u8]> {
        self.get_span(name).map(|s| self.arena.get(s))
    }

    /// The location of a field's value (for handing out a stable pointer).
    pub fn get_span(&self, name: &[u8]) -> Option<Span> {
        let idx = self.fields.iter().position(|f| {
            !f.removed && {
                let n = self.arena.get(f.name);
                n.len() == name.len() && n.iter().zip(name).all(|(a, b)| *a == lower(*b))
            }
        })?;
        Some(self.fields[idx].value)
    }

    /// Iteration in neon's order. `cursor` is 0 to start, then the value
    /// returned with the previous field; returns (next cursor, name, value).
    pub fn next(&self, cursor: usize) -> Option<(usize, Span, Span)> {
        let key = |i: usize| (self.fields[i].bucket, i);
        let after = cursor.checked_sub(1).map(key);
        let (_, i) = (0..self.fields.len())
            .filter(|&i| !self.fields[i].removed)
            .map(key)
            .filter(|k| after.is_none_or(|a| *k > a))
            .min()?;
        Some((i + 1, self.fields[i].name, self.fields[i].value))
    }

    pub fn arena(&self) -> &Arena {
        &self.arena
    }
}

/// An RFC 9110 token character (neon's `table_http_token`).
fn is_tchar(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&c)
}

/// neon's ne_tolower: ASCII only.
fn lower(c: u8) -> u8 {
    c.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_looks_up_any_case() {
        let mut h = ResponseHeaders::default();
        h.add(b"x-a", b"1");
        h.add(b"x-a", b"2");
        assert_eq!(h.get(b"X-A"), Some(&b"1, 2"[..]));
        h.add(b"big", &[b'x'; 8000]);
        h.add(b"big", &[b'y'; 200]);
        assert_eq!(h.get(b"big").unwrap().len(), 8000);
        h.remove(b"x-a");
        assert_eq!(h.get(b"x-a"), None);
    }

    #[test]
    fn one_pass_hash_matches_neons() {
        for name in [
            &b"X-A-Rather-Long-Header-Name-To-Overflow-The-Accumulator"[..],
            b"Etag",
            b"",
        ] {
            let mut h = ResponseHeaders::default();
            h.add_any_case(name, b"v");
            assert_eq!(h.fields[0].bucket, bucket(&name.to_ascii_lowercase()));
        }
    }

    #[test]
    fn strict_field_lines() {
        let mut h = ResponseHeaders::default();
        h.add_strict(b"X-Ok:  v1 \t");
        h.add_strict(b"Space-Before : v2");
        h.add_strict(b"No-Colon v3");
        h.add_strict(b"Bad(Name): v4");
        h.add_strict(b"X-Cr: a\rb\r");
        h.add_strict(b"X-Empty:");
        h.add_strict(b": nameless");
        h.add_strict(b"x-ok: v5");
        assert_eq!(h.get(b"x-ok"), Some(&b"v1, v5"[..]));
        assert_eq!(h.get(b"space-before"), None);
        assert_eq!(h.get(b"bad(name)"), None);
        assert_eq!(h.get(b"x-cr"), Some(&b"a b"[..]));
        assert_eq!(h.get(b"x-empty"), Some(&b""[..]));
        assert_eq!(h.get(b""), Some(&b"nameless"[..]));
    }

    #[test]
    fn neon_hash_values() {
        // The precomputed values in neon's ne_request.c.
        assert_eq!(bucket(b"connection"), 0x14);
        assert_eq!(bucket(b"proxy-connection"), 0x1a);
        assert_eq!(bucket(b"content-length"), 0x13);
        assert_eq!(bucket(b"transfer-encoding"), 0x07);
    }

    #[test]
    fn iterates_in_bucket_order() {
        let mut h = ResponseHeaders::default();
        for n in [
            &b"content-length"[..],
            b"connection",
            b"transfer-encoding",
            b"zz",
        ] {
            h.add(n, b"v");
        }
        let mut names = Vec::new();
        let mut c = 0;
        while let Some((next, name, _)) = h.next(c) {
            names.push(h.arena().get(name).to_vec());
            c = next;
        }
        let mut expect: Vec<Vec<u8>> = names.clone();
        expect.sort_by_key(|n| bucket(n));
        assert_eq!(names, expect);
        assert_eq!(names.len(), 4);
    }
}
