//! Subject public keys as OpenSSL 3.0 sees them: whether it can decode one
//! (`X509_get0_pubkey`), its type (`EVP_PKEY_is_a`), its strength
//! (`EVP_PKEY_get_security_bits`) and explicit elliptic-curve parameters.

use std::borrow::Cow;

use x509_parser::der_parser::oid::Oid;

use crate::tls::der;

/// Key types OpenSSL tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa,
    RsaPss,
    Ec,
    Dsa,
    Ed25519,
    Ed448,
    X25519,
    X448,
}

/// A subject public key.
#[derive(Debug, Clone)]
pub struct PublicKey {
    /// `None`: OpenSSL could not decode it (unknown type or malformed).
    pub kind: Option<KeyKind>,
    /// Bits of security; 0 when unknown.
    pub security_bits: u32,
    /// An EC key given with explicit curve parameters.
    pub explicit_curve: bool,
    /// The contents of the AlgorithmIdentifier, as encoded.
    pub alg: Vec<u8>,
    /// The key bits (the BIT STRING's contents without the unused-bits byte).
    pub bits: Vec<u8>,
}

impl PublicKey {
    /// Reads a SubjectPublicKeyInfo.
    pub fn from_spki(spki: &[u8]) -> PublicKey {
        let mut key = PublicKey {
            kind: None,
            security_bits: 0,
            explicit_curve: false,
            alg: Vec::new(),
            bits: Vec::new(),
        };
        let Some((seq, _)) = der::expect(spki, der::SEQUENCE) else {
            return key;
        };
        let Some(parts) = der::children(seq.content) else {
            return key;
        };
        let [alg, bits] = parts[..] else {
            return key;
        };
        key.alg = alg.content.to_vec();
        match bits.content.split_first() {
            Some((0, b)) if bits.tag == der::BIT_STRING => key.bits = b.to_vec(),
            _ => return key,
        }
        let Some((oid, params)) = der::expect(alg.content, der::OID) else {
            return key;
        };
        let (kind, security) = match oid_text(oid.content).as_str() {
            "1.2.840.113549.1.1.1" => (KeyKind::Rsa, rsa_security(&key.bits)),
            "1.2.840.113549.1.1.10" => (KeyKind::RsaPss, rsa_security(&key.bits)),
            "1.2.840.10045.2.1" => {
                let Some((bits, explicit)) = ec_order_bits(params) else {
                    return key;
                };
                key.explicit_curve = explicit;
                (KeyKind::Ec, Some(ec_security(bits)))
            }
            "1.2.840.10040.4.1" => (KeyKind::Dsa, dsa_security(params)),
            "1.3.101.112" if key.bits.len() == 32 => (KeyKind::Ed25519, Some(128)),
            "1.3.101.113" if key.bits.len() == 57 => (KeyKind::Ed448, Some(224)),
            "1.3.101.110" if key.bits.len() == 32 => (KeyKind::X25519, Some(128)),
            "1.3.101.111" if key.bits.len() == 56 => (KeyKind::X448, Some(224)),
            _ => return key,
        };
        let Some(security) = security else {
            return key;
        };
        key.kind = Some(kind);
        key.security_bits = security;
        key
    }

    /// The subject public key of a DER certificate (`X509_get0_pubkey`);
    /// `None` if the certificate's outer structure cannot be read.
    pub fn of_certificate(cert: &[u8]) -> Option<PublicKey> {
        let (outer, _) = der::expect(cert, der::SEQUENCE)?;
        let (tbs, _) = der::expect(outer.content, der::SEQUENCE)?;
        let fields = der::children(tbs.content)?;
        // version [0] (optional), serial, signature, issuer, validity,
        // subject, subjectPublicKeyInfo.
        let at = usize::from(fields.first()?.tag == 0xa0) + 5;
        Some(PublicKey::from_spki(fields.get(at)?.raw))
    }

    /// The RSA modulus and public exponent (big-endian, no sign byte).
    pub fn rsa_components(&self) -> Option<(&[u8], &[u8])> {
        let (seq, _) = der::expect(&self.bits, der::SEQUENCE)?;
        let [n, e] = der::children(seq.content)?[..] else {
            return None;
        };
        if n.tag != der::INTEGER || e.tag != der::INTEGER {
            return None;
        }
        Some((unsigned(n.content)?, unsigned(e.content)?))
    }
}

/// A non-negative INTEGER's magnitude; `None` for a negative or empty one.
fn unsigned(content: &[u8]) -> Option<&[u8]> {
    match content.first() {
        None => None,
        Some(b) if b & 0x80 != 0 => None,
        _ => {
            let start = content
                .iter()
                .position(|&b| b != 0)
                .unwrap_or(content.len());
            Some(&content[start..])
        }
    }
}

/// The number of significant bits of a big-endian magnitude.
pub fn bit_length(magnitude: &[u8]) -> usize {
    match magnitude.iter().position(|&b| b != 0) {
        Some(first) => (magnitude.len() - first) * 8 - magnitude[first].leading_zeros() as usize,
        None => 0,
    }
}

fn rsa_security(bits: &[u8]) -> Option<u32> {
    let (seq, _) = der::expect(bits, der::SEQUENCE)?;
    let [n, e] = der::children(seq.content)?[..] else {
        return None;
    };
    if n.tag != der::INTEGER || e.tag != der::INTEGER {
        return None;
    }
    let n = unsigned(n.content)?;
    unsigned(e.content)?;
    Some(u32::from(ifc_security_bits(bit_length(n))))
}

/// OpenSSL's `ossl_ifc_ffc_compute_security_bits` (NIST SP 800-56B rev 2,
/// appendix D), in the same fixed-point arithmetic so that it rounds alike.
pub fn ifc_security_bits(n: usize) -> u16 {
    match n {
        2048 => return 112,
        3072 => return 128,
        4096 => return 152,
        6144 => return 176,
        7680 => return 192,
        8192 => return 200,
        15360 => return 256,
        687737.. => return 1200,
        0..8 => return 0,
        _ => {}
    }
    const SCALE: u64 = 1 << 18;
    const CBRT_SCALE: u64 = 1 << 12;
    const LOG_2: u64 = 0x02c5c8;
    const LOG_E: u64 = 0x05c551;
    const C1_923: u64 = 0x07b126;
    const C4_690: u64 = 0x12c28f;
    let mul2 = |a: u64, b: u64| a.wrapping_mul(b) / SCALE;
    let icbrt64 = |mut x: u64| {
        let mut r: u64 = 0;
        let mut s: i32 = 63;
        while s >= 0 {
            r <<= 1;
            let b = 3 * r * (r + 1) + 1;
            if (x >> s) >= b {
                x -= b << s;
                r += 1;
            }
            s -= 3;
        }
        r * CBRT_SCALE
    };
    let ilog_e = |mut v: u64| {
        let mut r: u64 = 0;
        while v >= 2 * SCALE {
            v >>= 1;
            r += SCALE;
        }
        let mut i = SCALE / 2;
        while i != 0 {
            v = mul2(v, v);
            if v >= 2 * SCALE {
                v >>= 1;
                r += i;
            }
            i /= 2;
        }
        (r * SCALE) / LOG_E
    };
    let cap: u64 = if n <= 7680 {
        192
    } else if n <= 15360 {
        256
    } else {
        1200
    };
    let x = n as u64 * LOG_2;
    let lx = ilog_e(x) & 0xffff_ffff;
    let y = (mul2(C1_923, icbrt64(mul2(mul2(x, lx), lx))).wrapping_sub(C4_690) / LOG_2) & 0xffff;
    let y = (y + 4) & !7;
    y.min(cap) as u16
}

/// `BN_security_bits(L, N)` for DSA's p and q.
fn dsa_security(params: &[u8]) -> Option<u32> {
    let (seq, _) = der::expect(params, der::SEQUENCE)?;
    let [p, q, _g] = der::children(seq.content)?[..] else {
        return None;
    };
    let l = bit_length(unsigned(p.content)?);
    let n = bit_length(unsigned(q.content)?);
    let secbits = match l {
        15360.. => 256,
        7680.. => 192,
        3072.. => 128,
        2048.. => 112,
        1024.. => 80,
        _ => return Some(0),
    };
    let half = (n / 2) as u32;
    Some(if half < 80 { 0 } else { half.min(secbits) })
}

/// The EC provider's estimate from the bit length of the group order.
fn ec_security(order_bits: usize) -> u32 {
    match order_bits {
        512.. => 256,
        384.. => 192,
        256.. => 128,
        224.. => 112,
        160.. => 80,
        _ => (order_bits / 2) as u32,
    }
}

/// The group order's bit length for a named curve OpenSSL knows, or for
/// explicit parameters (then `true`).
fn ec_order_bits(params: &[u8]) -> Option<(usize, bool)> {
    let (p, _) = der::read(params)?;
    if p.tag == der::SEQUENCE {
        // ECParameters: version, fieldID, curve, base, order, cofactor.
        let fields = der::children(p.content)?;
        let order = fields.get(4).filter(|f| f.tag == der::INTEGER)?;
        return Some((bit_length(unsigned(order.content)?), true));
    }
    if p.tag != der::OID {
        return None;
    }
    let bits = match oid_text(p.content).as_str() {
        "1.2.840.10045.3.1.1" => 192,                           // P-192
        "1.3.132.0.33" => 224,                                  // P-224
        "1.2.840.10045.3.1.7" | "1.3.132.0.10" => 256,          // P-256, secp256k1
        "1.3.132.0.34" => 384,                                  // P-384
        "1.3.132.0.35" => 521,                                  // P-521
        "1.3.36.3.3.2.8.1.1.7" | "1.3.36.3.3.2.8.1.1.8" => 256, // brainpoolP256r1/t1
        "1.3.36.3.3.2.8.1.1.11" | "1.3.36.3.3.2.8.1.1.12" => 384,
        "1.3.36.3.3.2.8.1.1.13" | "1.3.36.3.3.2.8.1.1.14" => 512,
        "1.3.132.0.31" => 192, // secp192k1
        "1.3.132.0.32" => 225, // secp224k1
        _ => return None,
    };
    Some((bits, false))
}

/// Dotted text of an OID's contents.
pub fn oid_text(content: &[u8]) -> String {
    Oid::new(Cow::Borrowed(content)).to_id_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rsa_strength_as_openssl_rates_it() {
        assert_eq!(ifc_security_bits(1024), 80);
        assert_eq!(ifc_security_bits(2048), 112);
        assert_eq!(ifc_security_bits(2047), 112);
        assert_eq!(ifc_security_bits(1536), 96);
        assert_eq!(ifc_security_bits(512), 56);
        assert_eq!(ifc_security_bits(4096), 152);
        assert_eq!(ifc_security_bits(3000), 128);
    }

    #[test]
    fn helpers() {
        assert_eq!(bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(bit_length(&[0x01, 0xff]), 9);
        assert_eq!(bit_length(&[]), 0);
        assert_eq!(oid_text(&[0x55, 0x04, 0x03]), "2.5.4.3");
    }
}
