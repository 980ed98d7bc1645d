//! OpenSSL 3.0's values for what an `SSL_CTX` configures, under their C
//! names: the core's rules use them and tools/headergen writes them into
//! neonrs_ssl.h, where the ABI proof checks each against OpenSSL's ssl.h.
#![allow(non_upper_case_globals)]

/// Server-side bug workarounds OpenSSL's `SSL_OP_ALL` collects.
pub const SSL_OP_ALL: u64 = 0x80000850;
pub const SSL_OP_NO_EXTENDED_MASTER_SECRET: u64 = 0x1;
pub const SSL_OP_CLEANSE_PLAINTEXT: u64 = 0x2;
pub const SSL_OP_LEGACY_SERVER_CONNECT: u64 = 0x4;
pub const SSL_OP_ENABLE_KTLS: u64 = 0x8;
pub const SSL_OP_TLSEXT_PADDING: u64 = 0x10;
pub const SSL_OP_SAFARI_ECDHE_ECDSA_BUG: u64 = 0x40;
pub const SSL_OP_IGNORE_UNEXPECTED_EOF: u64 = 0x80;
pub const SSL_OP_ALLOW_CLIENT_RENEGOTIATION: u64 = 0x100;
pub const SSL_OP_DISABLE_TLSEXT_CA_NAMES: u64 = 0x200;
pub const SSL_OP_ALLOW_NO_DHE_KEX: u64 = 0x400;
pub const SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: u64 = 0x800;
pub const SSL_OP_NO_QUERY_MTU: u64 = 0x1000;
pub const SSL_OP_COOKIE_EXCHANGE: u64 = 0x2000;
/// TLS ≤ 1.2: no session tickets (session ids instead); TLS 1.3: stateful tickets.
pub const SSL_OP_NO_TICKET: u64 = 0x4000;
pub const SSL_OP_CISCO_ANYCONNECT: u64 = 0x8000;
pub const SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: u64 = 0x10000;
pub const SSL_OP_NO_COMPRESSION: u64 = 0x20000;
pub const SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: u64 = 0x40000;
pub const SSL_OP_NO_ENCRYPT_THEN_MAC: u64 = 0x80000;
pub const SSL_OP_ENABLE_MIDDLEBOX_COMPAT: u64 = 0x100000;
pub const SSL_OP_PRIORITIZE_CHACHA: u64 = 0x200000;
pub const SSL_OP_CIPHER_SERVER_PREFERENCE: u64 = 0x400000;
pub const SSL_OP_TLS_ROLLBACK_BUG: u64 = 0x800000;
pub const SSL_OP_NO_ANTI_REPLAY: u64 = 0x1000000;
pub const SSL_OP_NO_SSLv3: u64 = 0x2000000;
pub const SSL_OP_NO_TLSv1: u64 = 0x4000000;
pub const SSL_OP_NO_TLSv1_2: u64 = 0x8000000;
pub const SSL_OP_NO_TLSv1_1: u64 = 0x10000000;
pub const SSL_OP_NO_TLSv1_3: u64 = 0x20000000;
pub const SSL_OP_NO_RENEGOTIATION: u64 = 0x40000000;
pub const SSL_OP_CRYPTOPRO_TLSEXT_BUG: u64 = 0x80000000;

pub const SSL_MODE_ENABLE_PARTIAL_WRITE: u32 = 0x1;
pub const SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER: u32 = 0x2;
/// On by default: reads retry after non-application records.
pub const SSL_MODE_AUTO_RETRY: u32 = 0x4;
pub const SSL_MODE_NO_AUTO_CHAIN: u32 = 0x8;
pub const SSL_MODE_RELEASE_BUFFERS: u32 = 0x10;
pub const SSL_MODE_SEND_CLIENTHELLO_TIME: u32 = 0x20;
pub const SSL_MODE_SEND_SERVERHELLO_TIME: u32 = 0x40;
pub const SSL_MODE_SEND_FALLBACK_SCSV: u32 = 0x80;
pub const SSL_MODE_ASYNC: u32 = 0x100;
pub const SSL_MODE_DTLS_SCTP_LABEL_LENGTH_BUG: u32 = 0x400;

pub const SSL_VERIFY_NONE: i32 = 0x00;
pub const SSL_VERIFY_PEER: i32 = 0x01;
pub const SSL_VERIFY_FAIL_IF_NO_PEER_CERT: i32 = 0x02;
pub const SSL_VERIFY_CLIENT_ONCE: i32 = 0x04;
pub const SSL_VERIFY_POST_HANDSHAKE: i32 = 0x08;

/// `SSL_R_*` reasons of the errors a failure leaves on the queue.
pub const SSL_R_ATTEMPT_TO_REUSE_SESSION_IN_DIFFERENT_CONTEXT: i32 = 272;
pub const SSL_R_BAD_EXTENSION: i32 = 110;
pub const SSL_R_BAD_KEY_SHARE: i32 = 108;
pub const SSL_R_BAD_LENGTH: i32 = 271;
pub const SSL_R_BAD_PACKET: i32 = 240;
pub const SSL_R_BAD_RECORD_TYPE: i32 = 443;
pub const SSL_R_BAD_SIGNATURE: i32 = 123;
pub const SSL_R_BINDER_DOES_NOT_VERIFY: i32 = 253;
pub const SSL_R_CERTIFICATE_VERIFY_FAILED: i32 = 134;
pub const SSL_R_CONNECTION_TYPE_NOT_SET: i32 = 144;
pub const SSL_R_DATA_LENGTH_TOO_LONG: i32 = 146;
pub const SSL_R_DECRYPTION_FAILED_OR_BAD_RECORD_MAC: i32 = 281;
pub const SSL_R_HTTP_REQUEST: i32 = 156;
pub const SSL_R_HTTPS_PROXY_REQUEST: i32 = 155;
pub const SSL_R_INAPPROPRIATE_FALLBACK: i32 = 373;
pub const SSL_R_LENGTH_MISMATCH: i32 = 159;
pub const SSL_R_NO_APPLICATION_PROTOCOL: i32 = 235;
pub const SSL_R_NO_CIPHERS_AVAILABLE: i32 = 181;
pub const SSL_R_NO_PROTOCOLS_AVAILABLE: i32 = 191;
pub const SSL_R_NO_SHARED_CIPHER: i32 = 193;
pub const SSL_R_NO_SUITABLE_KEY_SHARE: i32 = 101;
pub const SSL_R_NO_SUITABLE_SIGNATURE_ALGORITHM: i32 = 118;
pub const SSL_R_PACKET_LENGTH_TOO_LONG: i32 = 198;
pub const SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE: i32 = 199;
pub const SSL_R_PROTOCOL_IS_SHUTDOWN: i32 = 207;
pub const SSL_R_READ_BIO_NOT_SET: i32 = 211;
pub const SSL_R_SESSION_ID_CONTEXT_UNINITIALIZED: i32 = 277;
pub const SSL_R_SHUTDOWN_WHILE_IN_INIT: i32 = 407;
pub const SSL_R_SSL_HANDSHAKE_FAILURE: i32 = 229;
pub const SSL_R_SSL_SESSION_VERSION_MISMATCH: i32 = 210;
pub const SSL_R_CALLBACK_FAILED: i32 = 234;
pub const SSL_R_TOO_MANY_KEY_UPDATES: i32 = 132;
pub const SSL_R_TOO_MANY_WARN_ALERTS: i32 = 409;
pub const SSL_R_UNEXPECTED_EOF_WHILE_READING: i32 = 294;
pub const SSL_R_UNEXPECTED_MESSAGE: i32 = 244;
pub const SSL_R_UNINITIALIZED: i32 = 276;
pub const SSL_R_UNSUPPORTED_PROTOCOL: i32 = 258;
pub const SSL_R_WRONG_CIPHER_RETURNED: i32 = 261;
pub const SSL_R_WRONG_VERSION_NUMBER: i32 = 267;
/// A fatal alert the peer sent is the reason `SSL_AD_REASON_OFFSET` + its
/// number ("sslv3 alert handshake failure" is 1040).
pub const SSL_AD_REASON_OFFSET: i32 = 1000;

pub const SSL3_VERSION: i32 = 0x0300;
pub const TLS1_VERSION: i32 = 0x0301;
pub const TLS1_1_VERSION: i32 = 0x0302;
pub const TLS1_2_VERSION: i32 = 0x0303;
pub const TLS1_3_VERSION: i32 = 0x0304;
pub const DTLS1_VERSION: i32 = 0xFEFF;
pub const DTLS1_2_VERSION: i32 = 0xFEFD;
/// The pre-standard DTLS version OpenSSL still accepts as a bound.
pub const DTLS1_BAD_VER: i32 = 0x0100;

pub const SSL_FILETYPE_PEM: i32 = 1;
pub const SSL_FILETYPE_ASN1: i32 = 2;

pub const SSL_ERROR_NONE: i32 = 0;
pub const SSL_ERROR_SSL: i32 = 1;
pub const SSL_ERROR_WANT_READ: i32 = 2;
pub const SSL_ERROR_WANT_WRITE: i32 = 3;
pub const SSL_ERROR_WANT_X509_LOOKUP: i32 = 4;
pub const SSL_ERROR_SYSCALL: i32 = 5;
pub const SSL_ERROR_ZERO_RETURN: i32 = 6;
pub const SSL_ERROR_WANT_CONNECT: i32 = 7;
pub const SSL_ERROR_WANT_ACCEPT: i32 = 8;
pub const SSL_ERROR_WANT_ASYNC: i32 = 9;
pub const SSL_ERROR_WANT_ASYNC_JOB: i32 = 10;
pub const SSL_ERROR_WANT_CLIENT_HELLO_CB: i32 = 11;
pub const SSL_ERROR_WANT_RETRY_VERIFY: i32 = 12;

pub const SSL_SESS_CACHE_OFF: i32 = 0x0000;
pub const SSL_SESS_CACHE_CLIENT: i32 = 0x0001;
pub const SSL_SESS_CACHE_SERVER: i32 = 0x0002;
pub const SSL_SESS_CACHE_BOTH: i32 = 0x0003;
pub const SSL_SESS_CACHE_NO_AUTO_CLEAR: i32 = 0x0080;
pub const SSL_SESS_CACHE_NO_INTERNAL_LOOKUP: i32 = 0x0100;
pub const SSL_SESS_CACHE_NO_INTERNAL_STORE: i32 = 0x0200;
pub const SSL_SESS_CACHE_NO_INTERNAL: i32 = 0x0300;
pub const SSL_SESS_CACHE_UPDATE_TIME: i32 = 0x0400;
/// `SSL_CTX_sess_get_cache_size` of a new context.
pub const SSL_SESSION_CACHE_MAX_SIZE_DEFAULT: i32 = 20480;

pub const SSL_SENT_SHUTDOWN: i32 = 1;
pub const SSL_RECEIVED_SHUTDOWN: i32 = 2;

pub const SSL_MAX_SSL_SESSION_ID_LENGTH: usize = 32;
pub const SSL_MAX_SID_CTX_LENGTH: usize = 32;
pub const SSL_MAX_MASTER_KEY_LENGTH: usize = 48;
/// `SSL_CTX_get_max_cert_list` of a new context.
pub const SSL_MAX_CERT_LIST_DEFAULT: i64 = 102400;
/// The largest record payload, and the default maximum send fragment.
pub const SSL3_RT_MAX_PLAIN_LENGTH: i64 = 16384;

/// Host name server names (the only SNI type).
pub const TLSEXT_NAMETYPE_host_name: i32 = 0;
/// Return values of the servername callback.
pub const SSL_TLSEXT_ERR_OK: i32 = 0;
pub const SSL_TLSEXT_ERR_ALERT_WARNING: i32 = 1;
pub const SSL_TLSEXT_ERR_ALERT_FATAL: i32 = 2;
pub const SSL_TLSEXT_ERR_NOACK: i32 = 3;
/// The alert the servername callback's `*al` starts with.
pub const SSL_AD_UNRECOGNIZED_NAME: i32 = 112;
