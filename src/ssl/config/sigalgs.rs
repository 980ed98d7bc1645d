//! Signature algorithm lists (`SSL_CTX_set1_sigalgs_list`,
//! `SSL_CTX_set1_client_sigalgs_list`) checked as OpenSSL 3.0 checks them:
//! TLS 1.3 names ("rsa_pss_rsae_sha256") or `SIG+HASH` pairs
//! ("ECDSA+SHA256"), no duplicates. rustls chooses signature schemes by its
//! keys and verifiers, so a valid list is accepted and not applied.

/// OpenSSL's named schemes with their signature kind and hash.
static NAMED: &[(&str, u16, Sig, Hash)] = &[
    ("ecdsa_secp256r1_sha256", 0x0403, Sig::Ecdsa, Hash::Sha256),
    ("ecdsa_secp384r1_sha384", 0x0503, Sig::Ecdsa, Hash::Sha384),
    ("ecdsa_secp521r1_sha512", 0x0603, Sig::Ecdsa, Hash::Sha512),
    ("ed25519", 0x0807, Sig::None, Hash::None),
    ("ed448", 0x0808, Sig::None, Hash::None),
    ("", 0x0303, Sig::Ecdsa, Hash::Sha224),
    ("", 0x0203, Sig::Ecdsa, Hash::Sha1),
    ("rsa_pss_rsae_sha256", 0x0804, Sig::Pss, Hash::Sha256),
    ("rsa_pss_rsae_sha384", 0x0805, Sig::Pss, Hash::Sha384),
    ("rsa_pss_rsae_sha512", 0x0806, Sig::Pss, Hash::Sha512),
    ("rsa_pss_pss_sha256", 0x0809, Sig::Pss, Hash::Sha256),
    ("rsa_pss_pss_sha384", 0x080a, Sig::Pss, Hash::Sha384),
    ("rsa_pss_pss_sha512", 0x080b, Sig::Pss, Hash::Sha512),
    ("rsa_pkcs1_sha256", 0x0401, Sig::Rsa, Hash::Sha256),
    ("rsa_pkcs1_sha384", 0x0501, Sig::Rsa, Hash::Sha384),
    ("rsa_pkcs1_sha512", 0x0601, Sig::Rsa, Hash::Sha512),
    ("rsa_pkcs1_sha224", 0x0301, Sig::Rsa, Hash::Sha224),
    ("rsa_pkcs1_sha1", 0x0201, Sig::Rsa, Hash::Sha1),
    ("", 0x0402, Sig::Dsa, Hash::Sha256),
    ("", 0x0502, Sig::Dsa, Hash::Sha384),
    ("", 0x0602, Sig::Dsa, Hash::Sha512),
    ("", 0x0302, Sig::Dsa, Hash::Sha224),
    ("", 0x0202, Sig::Dsa, Hash::Sha1),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sig {
    None,
    Rsa,
    Pss,
    Dsa,
    Ecdsa,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hash {
    None,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// A signature name, else a digest's short or long name as libcrypto's
/// `OBJ_sn2nid`/`OBJ_ln2nid` know them (those a scheme can use).
fn sig_or_hash(s: &str, sig: &mut Sig, hash: &mut Hash) {
    match s {
        "RSA" => *sig = Sig::Rsa,
        "RSA-PSS" | "PSS" => *sig = Sig::Pss,
        "DSA" => *sig = Sig::Dsa,
        "ECDSA" => *sig = Sig::Ecdsa,
        "SHA1" | "sha1" => *hash = Hash::Sha1,
        "SHA224" | "sha224" => *hash = Hash::Sha224,
        "SHA256" | "sha256" => *hash = Hash::Sha256,
        "SHA384" | "sha384" => *hash = Hash::Sha384,
        "SHA512" | "sha512" => *hash = Hash::Sha512,
        _ => {}
    }
}

/// The scheme of one list element, or `None` if OpenSSL refuses it.
fn scheme(elem: &str) -> Option<u16> {
    match elem.split_once('+') {
        None => NAMED
            .iter()
            .find(|n| !n.0.is_empty() && n.0 == elem)
            .map(|n| n.1),
        Some((a, b)) => {
            if b.is_empty() {
                return None;
            }
            let (mut sig, mut hash) = (Sig::None, Hash::None);
            sig_or_hash(a, &mut sig, &mut hash);
            sig_or_hash(b, &mut sig, &mut hash);
            if sig == Sig::None || hash == Hash::None {
                return None;
            }
            NAMED
                .iter()
                .find(|n| n.2 == sig && n.3 == hash)
                .map(|n| n.1)
        }
    }
}

/// The schemes of a colon-separated list, or `None` if OpenSSL refuses
/// it (an empty element, an unknown name, a duplicate).
pub fn parse_list(list: &str) -> Option<Vec<u16>> {
    let mut out: Vec<u16> = Vec::new();
    for elem in list.split(':') {
        let elem = elem.trim_matches(|c: char| c.is_ascii_whitespace());
        if elem.is_empty() {
            return None;
        }
        let s = scheme(elem)?;
        if out.contains(&s) {
            return None;
        }
        out.push(s);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_openssl_accepts() {
        assert_eq!(
            parse_list("ECDSA+SHA256:RSA-PSS+SHA256:rsa_pkcs1_sha384"),
            Some(vec![0x0403, 0x0804, 0x0501])
        );
        assert_eq!(
            parse_list("SHA256+ECDSA:ed25519"),
            Some(vec![0x0403, 0x0807])
        );
        assert_eq!(parse_list("RSA+SHA256:rsa_pkcs1_sha256"), None);
        assert_eq!(parse_list("ECDSA+MD5"), None);
        assert_eq!(parse_list("ECDSA+"), None);
        assert_eq!(parse_list("nope"), None);
        assert_eq!(parse_list(""), None);
        assert_eq!(parse_list("ed25519:"), None);
    }
}
