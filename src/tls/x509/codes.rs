//! OpenSSL 3.0's verification results (`X509_V_*`, x509_vfy.h) and their
//! texts (`X509_verify_cert_error_string`).

#![allow(dead_code)]

pub const X509_V_OK: i32 = 0;
pub const X509_V_ERR_UNSPECIFIED: i32 = 1;
pub const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT: i32 = 2;
pub const X509_V_ERR_UNABLE_TO_GET_CRL: i32 = 3;
pub const X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE: i32 = 4;
pub const X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE: i32 = 5;
pub const X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: i32 = 6;
pub const X509_V_ERR_CERT_SIGNATURE_FAILURE: i32 = 7;
pub const X509_V_ERR_CRL_SIGNATURE_FAILURE: i32 = 8;
pub const X509_V_ERR_CERT_NOT_YET_VALID: i32 = 9;
pub const X509_V_ERR_CERT_HAS_EXPIRED: i32 = 10;
pub const X509_V_ERR_CRL_NOT_YET_VALID: i32 = 11;
pub const X509_V_ERR_CRL_HAS_EXPIRED: i32 = 12;
pub const X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD: i32 = 13;
pub const X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD: i32 = 14;
pub const X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD: i32 = 15;
pub const X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD: i32 = 16;
pub const X509_V_ERR_OUT_OF_MEM: i32 = 17;
pub const X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: i32 = 18;
pub const X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN: i32 = 19;
pub const X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY: i32 = 20;
pub const X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE: i32 = 21;
pub const X509_V_ERR_CERT_CHAIN_TOO_LONG: i32 = 22;
pub const X509_V_ERR_CERT_REVOKED: i32 = 23;
pub const X509_V_ERR_NO_ISSUER_PUBLIC_KEY: i32 = 24;
pub const X509_V_ERR_PATH_LENGTH_EXCEEDED: i32 = 25;
pub const X509_V_ERR_INVALID_PURPOSE: i32 = 26;
pub const X509_V_ERR_CERT_UNTRUSTED: i32 = 27;
pub const X509_V_ERR_CERT_REJECTED: i32 = 28;
pub const X509_V_ERR_SUBJECT_ISSUER_MISMATCH: i32 = 29;
pub const X509_V_ERR_AKID_SKID_MISMATCH: i32 = 30;
pub const X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH: i32 = 31;
pub const X509_V_ERR_KEYUSAGE_NO_CERTSIGN: i32 = 32;
pub const X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER: i32 = 33;
pub const X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION: i32 = 34;
pub const X509_V_ERR_KEYUSAGE_NO_CRL_SIGN: i32 = 35;
pub const X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION: i32 = 36;
pub const X509_V_ERR_INVALID_NON_CA: i32 = 37;
pub const X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED: i32 = 38;
pub const X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE: i32 = 39;
pub const X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED: i32 = 40;
pub const X509_V_ERR_INVALID_EXTENSION: i32 = 41;
pub const X509_V_ERR_INVALID_POLICY_EXTENSION: i32 = 42;
pub const X509_V_ERR_NO_EXPLICIT_POLICY: i32 = 43;
pub const X509_V_ERR_DIFFERENT_CRL_SCOPE: i32 = 44;
pub const X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE: i32 = 45;
pub const X509_V_ERR_UNNESTED_RESOURCE: i32 = 46;
pub const X509_V_ERR_PERMITTED_VIOLATION: i32 = 47;
pub const X509_V_ERR_EXCLUDED_VIOLATION: i32 = 48;
pub const X509_V_ERR_SUBTREE_MINMAX: i32 = 49;
pub const X509_V_ERR_APPLICATION_VERIFICATION: i32 = 50;
pub const X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE: i32 = 51;
pub const X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX: i32 = 52;
pub const X509_V_ERR_UNSUPPORTED_NAME_SYNTAX: i32 = 53;
pub const X509_V_ERR_CRL_PATH_VALIDATION_ERROR: i32 = 54;
pub const X509_V_ERR_PATH_LOOP: i32 = 55;
pub const X509_V_ERR_SUITE_B_INVALID_VERSION: i32 = 56;
pub const X509_V_ERR_SUITE_B_INVALID_ALGORITHM: i32 = 57;
pub const X509_V_ERR_SUITE_B_INVALID_CURVE: i32 = 58;
pub const X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM: i32 = 59;
pub const X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED: i32 = 60;
pub const X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256: i32 = 61;
pub const X509_V_ERR_HOSTNAME_MISMATCH: i32 = 62;
pub const X509_V_ERR_EMAIL_MISMATCH: i32 = 63;
pub const X509_V_ERR_IP_ADDRESS_MISMATCH: i32 = 64;
pub const X509_V_ERR_DANE_NO_MATCH: i32 = 65;
pub const X509_V_ERR_EE_KEY_TOO_SMALL: i32 = 66;
pub const X509_V_ERR_CA_KEY_TOO_SMALL: i32 = 67;
pub const X509_V_ERR_CA_MD_TOO_WEAK: i32 = 68;
pub const X509_V_ERR_INVALID_CALL: i32 = 69;
pub const X509_V_ERR_STORE_LOOKUP: i32 = 70;
pub const X509_V_ERR_NO_VALID_SCTS: i32 = 71;
pub const X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION: i32 = 72;
pub const X509_V_ERR_OCSP_VERIFY_NEEDED: i32 = 73;
pub const X509_V_ERR_OCSP_VERIFY_FAILED: i32 = 74;
pub const X509_V_ERR_OCSP_CERT_UNKNOWN: i32 = 75;
pub const X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM: i32 = 76;
pub const X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH: i32 = 77;
pub const X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY: i32 = 78;
pub const X509_V_ERR_INVALID_CA: i32 = 79;
pub const X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA: i32 = 80;
pub const X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN: i32 = 81;
pub const X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA: i32 = 82;
pub const X509_V_ERR_ISSUER_NAME_EMPTY: i32 = 83;
pub const X509_V_ERR_SUBJECT_NAME_EMPTY: i32 = 84;
pub const X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER: i32 = 85;
pub const X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER: i32 = 86;
pub const X509_V_ERR_EMPTY_SUBJECT_ALT_NAME: i32 = 87;
pub const X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL: i32 = 88;
pub const X509_V_ERR_CA_BCONS_NOT_CRITICAL: i32 = 89;
pub const X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL: i32 = 90;
pub const X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL: i32 = 91;
pub const X509_V_ERR_CA_CERT_MISSING_KEY_USAGE: i32 = 92;
pub const X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3: i32 = 93;
pub const X509_V_ERR_EC_KEY_EXPLICIT_PARAMS: i32 = 94;

/// `X509_verify_cert_error_string`: OpenSSL's text for a result.
pub fn error_string(code: i32) -> &'static str {
    match code {
        X509_V_OK => "ok",
        X509_V_ERR_UNSPECIFIED => "unspecified certificate verification error",
        X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT => "unable to get issuer certificate",
        X509_V_ERR_UNABLE_TO_GET_CRL => "unable to get certificate CRL",
        X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE => "unable to decrypt certificate's signature",
        X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE => "unable to decrypt CRL's signature",
        X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY => "unable to decode issuer public key",
        X509_V_ERR_CERT_SIGNATURE_FAILURE => "certificate signature failure",
        X509_V_ERR_CRL_SIGNATURE_FAILURE => "CRL signature failure",
        X509_V_ERR_CERT_NOT_YET_VALID => "certificate is not yet valid",
        X509_V_ERR_CERT_HAS_EXPIRED => "certificate has expired",
        X509_V_ERR_CRL_NOT_YET_VALID => "CRL is not yet valid",
        X509_V_ERR_CRL_HAS_EXPIRED => "CRL has expired",
        X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD => {
            "format error in certificate's notBefore field"
        }
        X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD => "format error in certificate's notAfter field",
        X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD => "format error in CRL's lastUpdate field",
        X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD => "format error in CRL's nextUpdate field",
        X509_V_ERR_OUT_OF_MEM => "out of memory",
        X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT => "self-signed certificate",
        X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN => "self-signed certificate in certificate chain",
        X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY => "unable to get local issuer certificate",
        X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE => "unable to verify the first certificate",
        X509_V_ERR_CERT_CHAIN_TOO_LONG => "certificate chain too long",
        X509_V_ERR_CERT_REVOKED => "certificate revoked",
        X509_V_ERR_NO_ISSUER_PUBLIC_KEY => "issuer certificate doesn't have a public key",
        X509_V_ERR_PATH_LENGTH_EXCEEDED => "path length constraint exceeded",
        X509_V_ERR_INVALID_PURPOSE => "unsuitable certificate purpose",
        X509_V_ERR_CERT_UNTRUSTED => "certificate not trusted",
        X509_V_ERR_CERT_REJECTED => "certificate rejected",
        X509_V_ERR_SUBJECT_ISSUER_MISMATCH => "subject issuer mismatch",
        X509_V_ERR_AKID_SKID_MISMATCH => "authority and subject key identifier mismatch",
        X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH => "authority and issuer serial number mismatch",
        X509_V_ERR_KEYUSAGE_NO_CERTSIGN => "key usage does not include certificate signing",
        X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER => "unable to get CRL issuer certificate",
        X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION => "unhandled critical extension",
        X509_V_ERR_KEYUSAGE_NO_CRL_SIGN => "key usage does not include CRL signing",
        X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION => "unhandled critical CRL extension",
        X509_V_ERR_INVALID_NON_CA => "invalid non-CA certificate (has CA markings)",
        X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED => "proxy path length constraint exceeded",
        X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE => "key usage does not include digital signature",
        X509_V_ERR_PROXY_CERTIFICATES_NOT_ALLOWED => {
            "proxy certificates not allowed, please set the appropriate flag"
        }
        X509_V_ERR_INVALID_EXTENSION => "invalid or inconsistent certificate extension",
        X509_V_ERR_INVALID_POLICY_EXTENSION => {
            "invalid or inconsistent certificate policy extension"
        }
        X509_V_ERR_NO_EXPLICIT_POLICY => "no explicit policy",
        X509_V_ERR_DIFFERENT_CRL_SCOPE => "different CRL scope",
        X509_V_ERR_UNSUPPORTED_EXTENSION_FEATURE => "unsupported extension feature",
        X509_V_ERR_UNNESTED_RESOURCE => "RFC 3779 resource not subset of parent's resources",
        X509_V_ERR_PERMITTED_VIOLATION => "permitted subtree violation",
        X509_V_ERR_EXCLUDED_VIOLATION => "excluded subtree violation",
        X509_V_ERR_SUBTREE_MINMAX => "name constraints minimum and maximum not supported",
        X509_V_ERR_APPLICATION_VERIFICATION => "application verification failure",
        X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE => "unsupported name constraint type",
        X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX => "unsupported or invalid name constraint syntax",
        X509_V_ERR_UNSUPPORTED_NAME_SYNTAX => "unsupported or invalid name syntax",
        X509_V_ERR_CRL_PATH_VALIDATION_ERROR => "CRL path validation error",
        X509_V_ERR_PATH_LOOP => "path loop",
        X509_V_ERR_SUITE_B_INVALID_VERSION => "Suite B: certificate version invalid",
        X509_V_ERR_SUITE_B_INVALID_ALGORITHM => "Suite B: invalid public key algorithm",
        X509_V_ERR_SUITE_B_INVALID_CURVE => "Suite B: invalid ECC curve",
        X509_V_ERR_SUITE_B_INVALID_SIGNATURE_ALGORITHM => "Suite B: invalid signature algorithm",
        X509_V_ERR_SUITE_B_LOS_NOT_ALLOWED => "Suite B: curve not allowed for this LOS",
        X509_V_ERR_SUITE_B_CANNOT_SIGN_P_384_WITH_P_256 => "Suite B: cannot sign P-384 with P-256",
        X509_V_ERR_HOSTNAME_MISMATCH => "hostname mismatch",
        X509_V_ERR_EMAIL_MISMATCH => "email address mismatch",
        X509_V_ERR_IP_ADDRESS_MISMATCH => "IP address mismatch",
        X509_V_ERR_DANE_NO_MATCH => "no matching DANE TLSA records",
        X509_V_ERR_EE_KEY_TOO_SMALL => "EE certificate key too weak",
        X509_V_ERR_CA_KEY_TOO_SMALL => "CA certificate key too weak",
        X509_V_ERR_CA_MD_TOO_WEAK => "CA signature digest algorithm too weak",
        X509_V_ERR_INVALID_CALL => "invalid certificate verification context",
        X509_V_ERR_STORE_LOOKUP => "issuer certificate lookup error",
        X509_V_ERR_NO_VALID_SCTS => "Certificate Transparency required, but no valid SCTs found",
        X509_V_ERR_PROXY_SUBJECT_NAME_VIOLATION => "proxy subject name violation",
        X509_V_ERR_OCSP_VERIFY_NEEDED => "OCSP verification needed",
        X509_V_ERR_OCSP_VERIFY_FAILED => "OCSP verification failed",
        X509_V_ERR_OCSP_CERT_UNKNOWN => "OCSP unknown cert",
        X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM => "Cannot find certificate signature algorithm",
        X509_V_ERR_SIGNATURE_ALGORITHM_MISMATCH => {
            "subject signature algorithm and issuer public key algorithm mismatch"
        }
        X509_V_ERR_SIGNATURE_ALGORITHM_INCONSISTENCY => {
            "cert info signature and signature algorithm mismatch"
        }
        X509_V_ERR_INVALID_CA => "invalid CA certificate",
        X509_V_ERR_PATHLEN_INVALID_FOR_NON_CA => "Path length invalid for non-CA cert",
        X509_V_ERR_PATHLEN_WITHOUT_KU_KEY_CERT_SIGN => {
            "Path length given without key usage keyCertSign"
        }
        X509_V_ERR_KU_KEY_CERT_SIGN_INVALID_FOR_NON_CA => {
            "Key usage keyCertSign invalid for non-CA cert"
        }
        X509_V_ERR_ISSUER_NAME_EMPTY => "Issuer name empty",
        X509_V_ERR_SUBJECT_NAME_EMPTY => "Subject name empty",
        X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER => "Missing Authority Key Identifier",
        X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER => "Missing Subject Key Identifier",
        X509_V_ERR_EMPTY_SUBJECT_ALT_NAME => "Empty Subject Alternative Name extension",
        X509_V_ERR_EMPTY_SUBJECT_SAN_NOT_CRITICAL => {
            "Subject empty and Subject Alt Name extension not critical"
        }
        X509_V_ERR_CA_BCONS_NOT_CRITICAL => "Basic Constraints of CA cert not marked critical",
        X509_V_ERR_AUTHORITY_KEY_IDENTIFIER_CRITICAL => "Authority Key Identifier marked critical",
        X509_V_ERR_SUBJECT_KEY_IDENTIFIER_CRITICAL => "Subject Key Identifier marked critical",
        X509_V_ERR_CA_CERT_MISSING_KEY_USAGE => "CA cert does not include key usage extension",
        X509_V_ERR_EXTENSIONS_REQUIRE_VERSION_3 => "Using cert extension requires at least X509v3",
        X509_V_ERR_EC_KEY_EXPLICIT_PARAMS => "Certificate public key has explicit ECC parameters",
        _ => "unknown certificate verification error",
    }
}
