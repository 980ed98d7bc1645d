//! neon 0.34's protocol-version bounds (`enum ne_ssl_protocol`,
//! `ne_ssl_context_set_versions`) mapped onto what rustls offers: TLS 1.2
//! and 1.3. Earlier versions can be named as bounds but never negotiated
//! (OpenSSL 3.0 refuses them at its default security level too).

use std::ffi::CStr;

use rustls::SupportedProtocolVersion;

/// neon's `enum ne_ssl_protocol` values.
pub const PROTO_UNSPEC: u32 = 0;
pub const PROTO_SSL_3: u32 = 1;
pub const PROTO_TLS_1_0: u32 = 2;
pub const PROTO_TLS_1_1: u32 = 3;
pub const PROTO_TLS_1_2: u32 = 4;
pub const PROTO_TLS_1_3: u32 = 5;

/// neon's names for the protocols (`ne_ssl_proto_name`), by enum value;
/// NUL-terminated, as C gets them.
const NAMES: [&CStr; 6] = [
    c"unknown", c"SSLv3", c"TLSv1.0", c"TLSv1.1", c"TLSv1.2", c"TLSv1.3",
];

/// `ne_ssl_proto_name`: "unknown" for UNSPEC and any value out of range.
pub fn proto_name(proto: u32) -> &'static CStr {
    NAMES.get(proto as usize).copied().unwrap_or(NAMES[0])
}

/// The wire version of a neon protocol value; None for UNSPEC and values
/// out of range.
fn wire(proto: u32) -> Option<u16> {
    match proto {
        PROTO_SSL_3 => Some(0x0300),
        PROTO_TLS_1_0 => Some(0x0301),
        PROTO_TLS_1_1 => Some(0x0302),
        PROTO_TLS_1_2 => Some(0x0303),
        PROTO_TLS_1_3 => Some(0x0304),
        _ => None,
    }
}

/// The neon protocol value of a negotiated wire version (`ne_sock_getproto`).
pub fn from_wire(version: u16) -> u32 {
    match version {
        0x0300 => PROTO_SSL_3,
        0x0301 => PROTO_TLS_1_0,
        0x0302 => PROTO_TLS_1_1,
        0x0303 => PROTO_TLS_1_2,
        0x0304 => PROTO_TLS_1_3,
        _ => PROTO_UNSPEC,
    }
}

/// Lowest and highest protocol version allowed; 0 means no bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VersionRange {
    min: u16,
    max: u16,
}

impl VersionRange {
    /// Bounds from neon values, as `ne_ssl_context_set_versions` takes them;
    /// None if either is not a value of the enum. A minimum above the
    /// maximum is accepted (nothing can then be negotiated), as OpenSSL
    /// accepts it.
    pub fn from_neon(min: u32, max: u32) -> Option<VersionRange> {
        let bound = |p: u32| if p == PROTO_UNSPEC { Some(0) } else { wire(p) };
        Some(VersionRange {
            min: bound(min)?,
            max: bound(max)?,
        })
    }

    fn allows(&self, v: u16) -> bool {
        (self.min == 0 || v >= self.min) && (self.max == 0 || v <= self.max)
    }

    /// The rustls versions within the bounds (possibly none).
    pub fn versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        rustls::ALL_VERSIONS
            .iter()
            .copied()
            .filter(|v| self.allows(u16::from(v.version)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_bounds() {
        assert_eq!(proto_name(PROTO_TLS_1_3), c"TLSv1.3");
        assert_eq!(proto_name(PROTO_TLS_1_0), c"TLSv1.0");
        assert_eq!(proto_name(6), c"unknown");
        assert_eq!(proto_name(u32::MAX), c"unknown");
        assert_eq!(from_wire(0x0303), PROTO_TLS_1_2);
        assert_eq!(from_wire(0x7f17), PROTO_UNSPEC);
        assert!(VersionRange::from_neon(0, 6).is_none());
        let all = VersionRange::from_neon(0, 0).unwrap();
        assert_eq!(all.versions().len(), 2);
        let only12 = VersionRange::from_neon(PROTO_TLS_1_0, PROTO_TLS_1_2).unwrap();
        assert_eq!(only12.versions().len(), 1);
        assert_eq!(u16::from(only12.versions()[0].version), 0x0303);
        let old = VersionRange::from_neon(PROTO_SSL_3, PROTO_TLS_1_1).unwrap();
        assert!(old.versions().is_empty());
        let inverted = VersionRange::from_neon(PROTO_TLS_1_3, PROTO_TLS_1_2).unwrap();
        assert!(inverted.versions().is_empty());
    }
}
