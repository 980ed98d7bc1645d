//! The request bodies neon sends for PROPFIND and PROPPATCH, byte for byte.

/// The name of a WebDAV property; `nspace` None is no namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PropName<'a> {
    pub nspace: Option<&'a [u8]>,
    pub name: &'a [u8],
}

/// One PROPPATCH operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchOp<'a> {
    /// Set the property to this value (sent as it is, not escaped).
    Set(PropName<'a>, &'a [u8]),
    Remove(PropName<'a>),
}

/// The start of every PROPFIND body.
pub const PROPFIND_HEAD: &[u8] =
    b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<propfind xmlns=\"DAV:\">";
/// The end of an allprop body.
pub const ALLPROP_TAIL: &[u8] = b"<allprop/></propfind>\n";
/// The end of a propname body (neon sends no newline here).
pub const PROPNAME_TAIL: &[u8] = b"<propname/></propfind>";
/// The end of a named-properties body.
pub const NAMED_TAIL: &[u8] = b"</prop></propfind>\n";

/// Appends the named properties, opening the prop element first if
/// `has_props` is false: `<name xmlns="nspace"/>` per line (an empty
/// namespace for none).
pub fn push_names(body: &mut Vec<u8>, has_props: &mut bool, names: &[PropName<'_>]) {
    if !*has_props {
        body.extend_from_slice(b"<prop>\n");
        *has_props = true;
    }
    for n in names {
        body.push(b'<');
        body.extend_from_slice(n.name);
        body.extend_from_slice(b" xmlns=\"");
        body.extend_from_slice(n.nspace.unwrap_or_default());
        body.extend_from_slice(b"\"/>\n");
    }
}

/// The PROPPATCH body for `ops`.
pub fn proppatch(ops: &[PatchOp<'_>]) -> Vec<u8> {
    let mut b = Vec::with_capacity(128 + ops.len() * 96);
    b.extend_from_slice(
        b"<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<D:propertyupdate xmlns:D=\"DAV:\">",
    );
    for op in ops {
        let (elm, name, value): (&[u8], _, _) = match *op {
            PatchOp::Set(n, v) => (b"set", n, Some(v)),
            PatchOp::Remove(n) => (b"remove", n, None),
        };
        for part in [b"<D:", elm, b"><D:prop><", name.name] {
            b.extend_from_slice(part);
        }
        if let Some(ns) = name.nspace {
            for part in [&b" xmlns=\""[..], ns, b"\""] {
                b.extend_from_slice(part);
            }
        }
        b.push(b'>');
        b.extend_from_slice(value.unwrap_or_default());
        for part in [b"</", name.name, b"></D:prop></D:", elm, b">\n"] {
            b.extend_from_slice(part);
        }
    }
    b.extend_from_slice(b"</D:propertyupdate>\n");
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_body() {
        let mut b = PROPFIND_HEAD.to_vec();
        let mut has = false;
        let names = [
            PropName {
                nspace: Some(b"DAV:"),
                name: b"getetag",
            },
            PropName {
                nspace: None,
                name: b"x",
            },
        ];
        push_names(&mut b, &mut has, &names);
        b.extend_from_slice(NAMED_TAIL);
        assert_eq!(
            std::str::from_utf8(&b).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<propfind xmlns=\"DAV:\"><prop>\n\
             <getetag xmlns=\"DAV:\"/>\n<x xmlns=\"\"/>\n</prop></propfind>\n"
        );
        assert!(has);
    }

    #[test]
    fn proppatch_body() {
        let ops = [
            PatchOp::Set(
                PropName {
                    nspace: Some(b"http://example.com/ns"),
                    name: b"color",
                },
                b"red & <b>",
            ),
            PatchOp::Remove(PropName {
                nspace: None,
                name: b"old",
            }),
        ];
        assert_eq!(
            std::str::from_utf8(&proppatch(&ops)).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<D:propertyupdate xmlns:D=\"DAV:\">\
             <D:set><D:prop><color xmlns=\"http://example.com/ns\">red & <b></color></D:prop></D:set>\n\
             <D:remove><D:prop><old></old></D:prop></D:remove>\n</D:propertyupdate>\n"
        );
    }
}
