//! Key-exchange groups (`SSL_CTX_set1_groups_list`, `SSL_CTX_set1_groups`,
//! `SSL_get_negotiated_group`…): the names, TLS ids and NIDs OpenSSL 3.0's
//! default provider knows, and the subset rustls (aws-lc-rs) can use.
//!
//! OpenSSL accepts every group it knows, whether or not a handshake could
//! use it; so does this, and a connection then uses those rustls has. A list
//! left with none of them fails the handshake, as OpenSSL's does when no
//! group is shared.

use rustls::NamedGroup;
use rustls::crypto::SupportedKxGroup;

/// One group: OpenSSL's TLS name, its other ("real") name, the TLS id and
/// the NID libcrypto gives it.
struct Group {
    tls_name: &'static str,
    real_name: &'static str,
    id: u16,
    nid: i32,
}

const fn g(tls_name: &'static str, real_name: &'static str, id: u16, nid: i32) -> Group {
    Group {
        tls_name,
        real_name,
        id,
        nid,
    }
}

/// OpenSSL 3.0's default provider table (aliases are entries of their own,
/// with the same id), in its order.
static GROUPS: &[Group] = &[
    g("sect163k1", "sect163k1", 1, 721),
    g("K-163", "sect163k1", 1, 721),
    g("sect163r1", "sect163r1", 2, 722),
    g("sect163r2", "sect163r2", 3, 723),
    g("B-163", "sect163r2", 3, 723),
    g("sect193r1", "sect193r1", 4, 724),
    g("sect193r2", "sect193r2", 5, 725),
    g("sect233k1", "sect233k1", 6, 726),
    g("K-233", "sect233k1", 6, 726),
    g("sect233r1", "sect233r1", 7, 727),
    g("B-233", "sect233r1", 7, 727),
    g("sect239k1", "sect239k1", 8, 728),
    g("sect283k1", "sect283k1", 9, 729),
    g("K-283", "sect283k1", 9, 729),
    g("sect283r1", "sect283r1", 10, 730),
    g("B-283", "sect283r1", 10, 730),
    g("sect409k1", "sect409k1", 11, 731),
    g("K-409", "sect409k1", 11, 731),
    g("sect409r1", "sect409r1", 12, 732),
    g("B-409", "sect409r1", 12, 732),
    g("sect571k1", "sect571k1", 13, 733),
    g("K-571", "sect571k1", 13, 733),
    g("sect571r1", "sect571r1", 14, 734),
    g("B-571", "sect571r1", 14, 734),
    g("secp160k1", "secp160k1", 15, 708),
    g("secp160r1", "secp160r1", 16, 709),
    g("secp160r2", "secp160r2", 17, 710),
    g("secp192k1", "secp192k1", 18, 711),
    g("secp192r1", "prime192v1", 19, 409),
    g("P-192", "prime192v1", 19, 409),
    g("secp224k1", "secp224k1", 20, 712),
    g("secp224r1", "secp224r1", 21, 713),
    g("P-224", "secp224r1", 21, 713),
    g("secp256k1", "secp256k1", 22, 714),
    g("secp256r1", "prime256v1", 23, 415),
    g("P-256", "prime256v1", 23, 415),
    g("secp384r1", "secp384r1", 24, 715),
    g("P-384", "secp384r1", 24, 715),
    g("secp521r1", "secp521r1", 25, 716),
    g("P-521", "secp521r1", 25, 716),
    g("brainpoolP256r1", "brainpoolP256r1", 26, 927),
    g("brainpoolP384r1", "brainpoolP384r1", 27, 931),
    g("brainpoolP512r1", "brainpoolP512r1", 28, 933),
    g("x25519", "X25519", 29, 1034),
    g("x448", "X448", 30, 1035),
    g("ffdhe2048", "ffdhe2048", 0x100, 1126),
    g("ffdhe3072", "ffdhe3072", 0x101, 1127),
    g("ffdhe4096", "ffdhe4096", 0x102, 1128),
    g("ffdhe6144", "ffdhe6144", 0x103, 1129),
    g("ffdhe8192", "ffdhe8192", 0x104, 1130),
];

/// `TLSEXT_nid_unknown`: OpenSSL's NID for a group id it has no NID for.
pub const NID_UNKNOWN_GROUP: i32 = 0x100_0000;

/// The TLS id of a group name (either name, case-sensitive as OpenSSL's).
pub fn id_of_name(name: &str) -> Option<u16> {
    GROUPS
        .iter()
        .find(|g| g.tls_name == name || g.real_name == name)
        .map(|g| g.id)
}

/// The TLS id of a group NID (`SSL_CTX_set1_groups`).
pub fn id_of_nid(nid: i32) -> Option<u16> {
    GROUPS.iter().find(|g| g.nid == nid).map(|g| g.id)
}

/// The NID of a TLS group id; an unknown id as `TLSEXT_nid_unknown | id`
/// (`SSL_get_negotiated_group`, `SSL_get_shared_group`).
pub fn nid_of_id(id: u16) -> i32 {
    GROUPS
        .iter()
        .find(|g| g.id == id)
        .map_or(NID_UNKNOWN_GROUP | i32::from(id), |g| g.nid)
}

/// OpenSSL's TLS name of a group id (`SSL_group_to_name`).
pub fn name_of_id(id: u16) -> Option<&'static str> {
    GROUPS.iter().find(|g| g.id == id).map(|g| g.tls_name)
}

/// A colon-separated list of group names as `SSL_CTX_set1_groups_list`
/// parses it: spaces around names are ignored; an empty element, an
/// unknown name or a duplicate makes the whole list invalid. The error
/// carries the name that could not be set, for the error queue.
pub fn parse_list(list: &str) -> Result<Vec<u16>, Option<String>> {
    let mut ids = Vec::new();
    for elem in list.split(':') {
        let name = elem.trim_matches(|c: char| c.is_ascii_whitespace());
        if name.is_empty() {
            return Err(None);
        }
        let id = id_of_name(name).ok_or_else(|| Some(name.to_owned()))?;
        if ids.contains(&id) {
            return Err(None);
        }
        ids.push(id);
    }
    Ok(ids)
}

/// A NID list as `SSL_CTX_set1_groups` takes it: an unknown NID or a
/// duplicate makes it invalid.
pub fn from_nids(nids: &[i32]) -> Option<Vec<u16>> {
    let mut ids = Vec::with_capacity(nids.len());
    for &nid in nids {
        let id = id_of_nid(nid)?;
        if ids.contains(&id) {
            return None;
        }
        ids.push(id);
    }
    Some(ids)
}

/// OpenSSL 3.0's default list, in its order (its GOST groups are not in
/// the default provider and never offered).
pub const DEFAULT: &[u16] = &[29, 23, 30, 25, 24, 0x100, 0x101, 0x102, 0x103, 0x104];

/// rustls's groups for a list of TLS ids, in the list's order: those the
/// provider has (X25519, P-256, P-384); an empty list means OpenSSL's
/// default. X25519MLKEM768, which OpenSSL 3.0 does not know, is not used.
pub fn kx_groups(
    ids: &[u16],
    available: &[&'static dyn SupportedKxGroup],
) -> Vec<&'static dyn SupportedKxGroup> {
    let ids = if ids.is_empty() { DEFAULT } else { ids };
    ids.iter()
        .filter_map(|id| {
            available
                .iter()
                .find(|g| u16::from(g.name()) == *id)
                .copied()
        })
        .collect()
}

/// The TLS id of a rustls group.
pub fn id_of(group: NamedGroup) -> u16 {
    u16::from(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_and_errors() {
        assert_eq!(parse_list("prime256v1:secp384r1"), Ok(vec![23, 24]));
        assert_eq!(parse_list(" P-256 : X25519"), Ok(vec![23, 29]));
        assert_eq!(parse_list("x25519:x448:P-521"), Ok(vec![29, 30, 25]));
        assert_eq!(parse_list("ffdhe2048"), Ok(vec![0x100]));
        assert_eq!(parse_list("nope"), Err(Some("nope".into())));
        assert_eq!(parse_list("p-256"), Err(Some("p-256".into())));
        assert_eq!(parse_list("P-256:prime256v1"), Err(None));
        assert_eq!(parse_list(""), Err(None));
        assert_eq!(parse_list("P-256::X25519"), Err(None));
        assert_eq!(parse_list("P-256:"), Err(None));
        assert_eq!(from_nids(&[415, 1034]), Some(vec![23, 29]));
        assert_eq!(from_nids(&[415, 415]), None);
        assert_eq!(from_nids(&[6]), None);
        assert_eq!(nid_of_id(29), 1034);
        assert_eq!(nid_of_id(0x11ec), NID_UNKNOWN_GROUP | 0x11ec);
        assert_eq!(name_of_id(23), Some("secp256r1"));
    }

    #[test]
    fn rustls_subset() {
        let p = crate::tls::provider::get();
        let ids = |l: &[u16]| -> Vec<u16> {
            kx_groups(l, &p.kx_groups)
                .iter()
                .map(|g| id_of(g.name()))
                .collect()
        };
        assert_eq!(ids(&[]), vec![29, 23, 24]);
        assert_eq!(ids(&[24, 30, 23]), vec![24, 23]);
        assert!(ids(&[30, 0x100]).is_empty());
    }
}
