//! The libcrypto error-queue entries OpenSSL 3.0 leaves behind when a
//! signature does not verify, oldest first: why the padding or the digest
//! did not match (RSA), then what each calling layer adds (the provider,
//! `ASN1_item_verify`). Programs read them with `ERR_get_error`; neon on
//! OpenSSL prints the oldest one's text after "SSL error: " when its
//! verify callback refuses the signature failure.

use std::ffi::CStr;

/// `ERR_LIB_*` (err.h).
pub const LIB_RSA: i32 = 4;
pub const LIB_ASN1: i32 = 13;
pub const LIB_PROV: i32 = 57;

/// `ERR_RFLAG_COMMON`: the reason is one of the `ERR_R_*` shared by all
/// libraries.
const COMMON: i32 = 2 << 18;

/// One entry: library, reason and its text (`ERR_reason_error_string`),
/// and where OpenSSL raises it (`ERR_get_error_all`'s file and function).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrEntry {
    pub lib: i32,
    pub reason: i32,
    pub text: &'static str,
    pub file: &'static CStr,
    pub func: &'static CStr,
}

const fn rsa(
    reason: i32,
    text: &'static str,
    file: &'static CStr,
    func: &'static CStr,
) -> ErrEntry {
    ErrEntry {
        lib: LIB_RSA,
        reason,
        text,
        file,
        func,
    }
}

const PK1: &CStr = c"../crypto/rsa/rsa_pk1.c";
const PK1_TYPE_1: &CStr = c"RSA_padding_check_PKCS1_type_1";
const OSSL: &CStr = c"../crypto/rsa/rsa_ossl.c";
const PUBLIC_DECRYPT: &CStr = c"rsa_ossl_public_decrypt";
const SIGN: &CStr = c"../crypto/rsa/rsa_sign.c";
const VERIFY: &CStr = c"ossl_rsa_verify";
const PSS: &CStr = c"../crypto/rsa/rsa_pss.c";
const PSS_VERIFY: &CStr = c"RSA_verify_PKCS1_PSS_mgf1";

// RSA_padding_check_PKCS1_type_1 (rsa_pk1.c).
pub const INVALID_PADDING: ErrEntry = rsa(138, "invalid padding", PK1, PK1_TYPE_1);
pub const BLOCK_TYPE_IS_NOT_01: ErrEntry = rsa(106, "block type is not 01", PK1, PK1_TYPE_1);
pub const BAD_FIXED_HEADER_DECRYPT: ErrEntry =
    rsa(102, "bad fixed header decrypt", PK1, PK1_TYPE_1);
pub const NULL_BEFORE_BLOCK_MISSING: ErrEntry =
    rsa(113, "null before block missing", PK1, PK1_TYPE_1);
pub const BAD_PAD_BYTE_COUNT: ErrEntry = rsa(103, "bad pad byte count", PK1, PK1_TYPE_1);
pub const PK1_DATA_TOO_LARGE: ErrEntry = rsa(109, "data too large", PK1, PK1_TYPE_1);
// rsa_ossl_public_decrypt (rsa_ossl.c).
pub const MODULUS_TOO_LARGE: ErrEntry = rsa(105, "modulus too large", OSSL, PUBLIC_DECRYPT);
pub const BAD_E_VALUE: ErrEntry = rsa(101, "bad e value", OSSL, PUBLIC_DECRYPT);
pub const DATA_GREATER_THAN_MOD_LEN: ErrEntry =
    rsa(108, "data greater than mod len", OSSL, PUBLIC_DECRYPT);
pub const DATA_TOO_LARGE_FOR_MODULUS: ErrEntry =
    rsa(132, "data too large for modulus", OSSL, PUBLIC_DECRYPT);
pub const PADDING_CHECK_FAILED: ErrEntry = rsa(114, "padding check failed", OSSL, PUBLIC_DECRYPT);
// ossl_rsa_verify (rsa_sign.c).
pub const WRONG_SIGNATURE_LENGTH: ErrEntry = rsa(119, "wrong signature length", SIGN, VERIFY);
pub const BAD_SIGNATURE: ErrEntry = rsa(104, "bad signature", SIGN, VERIFY);
// RSA_verify_PKCS1_PSS_mgf1_ex (rsa_pss.c).
pub const FIRST_OCTET_INVALID: ErrEntry = rsa(133, "first octet invalid", PSS, PSS_VERIFY);
pub const PSS_DATA_TOO_LARGE: ErrEntry = rsa(109, "data too large", PSS, PSS_VERIFY);
pub const LAST_OCTET_INVALID: ErrEntry = rsa(134, "last octet invalid", PSS, PSS_VERIFY);
pub const SLEN_RECOVERY_FAILED: ErrEntry = rsa(135, "salt length recovery failed", PSS, PSS_VERIFY);
pub const SLEN_CHECK_FAILED: ErrEntry = rsa(136, "salt length check failed", PSS, PSS_VERIFY);
pub const PSS_BAD_SIGNATURE: ErrEntry = rsa(104, "bad signature", PSS, PSS_VERIFY);

/// The RSA signature provider's `ERR_R_RSA_LIB` (rsa_sig.c, `rsa_verify`).
pub const PROV_RSA_LIB: ErrEntry = ErrEntry {
    lib: LIB_PROV,
    reason: COMMON | LIB_RSA,
    text: "RSA lib",
    file: c"../providers/implementations/signature/rsa_sig.c",
    func: c"rsa_verify",
};

/// `ASN1_item_verify_ctx`'s `ERR_R_EVP_LIB` after `EVP_DigestVerify` failed.
pub const ASN1_EVP_LIB: ErrEntry = ErrEntry {
    lib: LIB_ASN1,
    reason: COMMON | 6,
    text: "EVP lib",
    file: c"../crypto/asn1/a_verify.c",
    func: c"ASN1_item_verify_ctx",
};

/// `ASN1_item_verify_ctx`: a signature BIT STRING with unused bits.
pub const INVALID_BIT_STRING_BITS_LEFT: ErrEntry = ErrEntry {
    lib: LIB_ASN1,
    reason: 220,
    text: "invalid bit string bits left",
    file: c"../crypto/asn1/a_verify.c",
    func: c"ASN1_item_verify_ctx",
};

/// `ASN1_item_verify_ctx`: an algorithm OpenSSL does not know.
pub const UNKNOWN_SIGNATURE_ALGORITHM: ErrEntry = ErrEntry {
    lib: LIB_ASN1,
    reason: 199,
    text: "unknown signature algorithm",
    file: c"../crypto/asn1/a_verify.c",
    func: c"ASN1_item_verify_ctx",
};

/// `ASN1_item_verify_ctx`: the issuer's key is not of the algorithm's type.
pub const WRONG_PUBLIC_KEY_TYPE: ErrEntry = ErrEntry {
    lib: LIB_ASN1,
    reason: 200,
    text: "wrong public key type",
    file: c"../crypto/asn1/a_verify.c",
    func: c"ASN1_item_verify_ctx",
};
