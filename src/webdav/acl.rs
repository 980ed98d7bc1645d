//! Access control lists (neon's `ne_acl3744.h` and the deprecated
//! `ne_acl.h`): the ACL request and its body, byte for byte.

use std::rc::Rc;

use crate::http::Session;
use crate::http::codes::{ERROR, OK};
use crate::webdav::request::{Failed, XML_MEDIA_TYPE, new_request, outcome, set_body};

/// RFC 3744 privileges (NE_ACL_*), with the element each is sent as, in
/// the order neon writes them.
pub const PRIVILEGES: [(u32, &str); 11] = [
    (0x0001, "read"),
    (0x0002, "write"),
    (0x0004, "write-properties"),
    (0x0008, "write-content"),
    (0x0010, "unlock"),
    (0x0020, "read-acl"),
    // neon's spelling ("privileges"), not RFC 3744's.
    (0x0040, "read-current-user-privileges-set"),
    (0x0080, "write-acl"),
    (0x0100, "bind"),
    (0x0200, "unbind"),
    (0x0400, "all"),
];

/// The principal an entry applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Principal<'a> {
    /// A principal URL.
    Href(&'a [u8]),
    /// A property naming principals (written inside an empty element, so
    /// it may carry a namespace declaration).
    Property(&'a [u8]),
    All,
    Authenticated,
    Unauthenticated,
    Myself,
    /// A target neon does not know: the principal element is left empty.
    Unknown,
}

/// One access control entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ace<'a> {
    pub principal: Principal<'a>,
    /// Grant, else deny.
    pub grant: bool,
    /// The privilege elements, in order.
    pub privileges: Vec<&'static str>,
}

/// The privileges of an RFC 3744 bit mask, in neon's order.
pub fn privileges(mask: u32) -> Vec<&'static str> {
    PRIVILEGES
        .iter()
        .filter(|(bit, _)| mask & bit == *bit)
        .map(|&(_, name)| name)
        .collect()
}

/// The privileges of the deprecated interface, in its order.
pub fn old_privileges(
    read: bool,
    read_acl: bool,
    write: bool,
    write_acl: bool,
    read_cuprivset: bool,
) -> Vec<&'static str> {
    [
        (read, "read"),
        (read_acl, "read-acl"),
        (write, "write"),
        (write_acl, "write-acl"),
        (read_cuprivset, "read-current-user-privilege-set"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|&(_, name)| name)
    .collect()
}

/// The ACL body for `aces`.
pub fn body(aces: &[Ace<'_>]) -> Vec<u8> {
    let mut b = Vec::with_capacity(64 + aces.len() * 160);
    b.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<acl xmlns='DAV:'>\r\n");
    for ace in aces {
        let kind: &[u8] = if ace.grant { b"grant" } else { b"deny" };
        b.extend_from_slice(b"<ace>\r\n<principal>");
        match ace.principal {
            Principal::All => b.extend_from_slice(b"<all/>\r\n"),
            Principal::Authenticated => b.extend_from_slice(b"<authenticated/>\r\n"),
            Principal::Unauthenticated => b.extend_from_slice(b"<unauthenticated/>\r\n"),
            Principal::Myself => b.extend_from_slice(b"<self/>\r\n"),
            Principal::Property(p) => {
                for part in [&b"<property><"[..], p, b"/></property>\r\n"] {
                    b.extend_from_slice(part);
                }
            }
            Principal::Href(h) => {
                for part in [&b"<href>"[..], h, b"</href>\r\n"] {
                    b.extend_from_slice(part);
                }
            }
            Principal::Unknown => {}
        }
        for part in [&b"</principal>\r\n<"[..], kind, b">\r\n"] {
            b.extend_from_slice(part);
        }
        for p in &ace.privileges {
            for part in [&b"<privilege><"[..], p.as_bytes(), b"/></privilege>\r\n"] {
                b.extend_from_slice(part);
            }
        }
        for part in [&b"</"[..], kind, b">\r\n</ace>\r\n"] {
            b.extend_from_slice(part);
        }
    }
    b.extend_from_slice(b"</acl>\r\n");
    b
}

/// Sets the ACL of `path` (ne_acl3744_set, ne_acl_set). A 207 response
/// fails (its body is not read); any other response succeeds, as in neon.
pub fn set(sess: &Rc<Session>, path: &[u8], aces: &[Ace<'_>]) -> Result<(), Failed> {
    let req = new_request(sess, b"ACL", path);
    crate::webdav::locks::using_resource(&req, path, crate::basic::DEPTH_ZERO);
    set_body(&req, body(aces));
    req.add_header(b"Content-Type", XML_MEDIA_TYPE);
    let mut ret = req.dispatch();
    if ret == OK && req.status.code.get() == 207 {
        ret = ERROR;
    }
    req.destroy();
    outcome(ret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3744_body() {
        let aces = [
            Ace {
                principal: Principal::Href(b"/p/joe"),
                grant: true,
                privileges: privileges(0x0001 | 0x0040 | 0x0400),
            },
            Ace {
                principal: Principal::Property(b"owner"),
                grant: false,
                privileges: privileges(0),
            },
            Ace {
                principal: Principal::Unknown,
                grant: true,
                privileges: privileges(0x0002),
            },
        ];
        assert_eq!(
            std::str::from_utf8(&body(&aces)).unwrap(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<acl xmlns='DAV:'>\r\n\
             <ace>\r\n<principal><href>/p/joe</href>\r\n</principal>\r\n<grant>\r\n\
             <privilege><read/></privilege>\r\n\
             <privilege><read-current-user-privileges-set/></privilege>\r\n\
             <privilege><all/></privilege>\r\n</grant>\r\n</ace>\r\n\
             <ace>\r\n<principal><property><owner/></property>\r\n</principal>\r\n<deny>\r\n\
             </deny>\r\n</ace>\r\n\
             <ace>\r\n<principal></principal>\r\n<grant>\r\n\
             <privilege><write/></privilege>\r\n</grant>\r\n</ace>\r\n</acl>\r\n"
        );
    }

    #[test]
    fn privilege_orders() {
        assert_eq!(privileges(0x7ff).len(), 11);
        assert_eq!(privileges(0x0300), ["bind", "unbind"]);
        assert_eq!(
            old_privileges(true, false, true, false, true),
            ["read", "write", "read-current-user-privilege-set"]
        );
    }
}
