//! Descriptions programs print: alert types and descriptions, the
//! handshake state (`SSL_get_state` and its strings), the record layer's
//! state, and OpenSSL's default cipher strings. Each returns a static
//! string, never NULL (OpenSSL's "unknown" answers for values it has no
//! name for).

use std::ffi::{CStr, c_char, c_int};

use super::handles::{self, SSL};
use crate::ffi;
use crate::ssl::conn::{ERROR_SSL, SslConn};

/// An alert's level is `value >> 8` (as info callbacks pass it).
fn level(value: c_int) -> Option<(&'static CStr, &'static CStr)> {
    match value >> 8 {
        1 => Some((c"W", c"warning")),
        2 => Some((c"F", c"fatal")),
        _ => None,
    }
}

/// The description (`value & 0xff`): OpenSSL's two-letter code and text.
fn description(value: c_int) -> Option<(&'static CStr, &'static CStr)> {
    Some(match value & 0xff {
        0 => (c"CN", c"close notify"),
        10 => (c"UM", c"unexpected_message"),
        20 => (c"BM", c"bad record mac"),
        21 => (c"DC", c"decryption failed"),
        22 => (c"RO", c"record overflow"),
        30 => (c"DF", c"decompression failure"),
        40 => (c"HF", c"handshake failure"),
        41 => (c"NC", c"no certificate"),
        42 => (c"BC", c"bad certificate"),
        43 => (c"UC", c"unsupported certificate"),
        44 => (c"CR", c"certificate revoked"),
        45 => (c"CE", c"certificate expired"),
        46 => (c"CU", c"certificate unknown"),
        47 => (c"IP", c"illegal parameter"),
        48 => (c"CA", c"unknown CA"),
        49 => (c"AD", c"access denied"),
        50 => (c"DE", c"decode error"),
        51 => (c"CY", c"decrypt error"),
        60 => (c"ER", c"export restriction"),
        70 => (c"PV", c"protocol version"),
        71 => (c"IS", c"insufficient security"),
        80 => (c"IE", c"internal error"),
        90 => (c"US", c"user canceled"),
        100 => (c"NR", c"no renegotiation"),
        110 => (c"UE", c"unsupported extension"),
        111 => (c"CO", c"certificate unobtainable"),
        112 => (c"UN", c"unrecognized name"),
        113 => (c"BR", c"bad certificate status response"),
        114 => (c"BH", c"bad certificate hash value"),
        115 => (c"UP", c"unknown PSK identity"),
        // OpenSSL has a long text but no short code for this one.
        120 => (c"UK", c"no application protocol"),
        _ => return None,
    })
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_alert_type_string(value: c_int) -> *const c_char {
    level(value).map_or(c"U", |l| l.0).as_ptr()
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_alert_type_string_long(value: c_int) -> *const c_char {
    level(value).map_or(c"unknown", |l| l.1).as_ptr()
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_alert_desc_string(value: c_int) -> *const c_char {
    description(value).map_or(c"UK", |d| d.0).as_ptr()
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_alert_desc_string_long(value: c_int) -> *const c_char {
    description(value).map_or(c"unknown", |d| d.1).as_ptr()
}

/// `OSSL_HANDSHAKE_STATE` values this library reports.
const TLS_ST_BEFORE: c_int = 0;
const TLS_ST_OK: c_int = 1;
const TLS_ST_CW_CLNT_HELLO: c_int = 12;
const TLS_ST_SR_CLNT_HELLO: c_int = 20;

/// Where a connection is, as far as rustls lets it be seen: before the
/// handshake, done, failed, or in between. A handshake in progress is
/// reported as the first message of the role's flight (OpenSSL would name
/// the message it last handled, which rustls does not expose).
enum Stage {
    Before,
    Done,
    Failed,
    Client,
    Server,
}

fn stage(c: &SslConn) -> Stage {
    if c.is_init_finished() {
        Stage::Done
    } else if c.in_before() {
        Stage::Before
    } else if c.get_error(-1) == ERROR_SSL {
        Stage::Failed
    } else if c.is_server() {
        Stage::Server
    } else {
        Stage::Client
    }
}

fn with_stage<T>(s: *const SSL, fallback: T, f: impl FnOnce(Stage) -> T) -> T {
    // SAFETY: every SSL handle C passes is NULL or live.
    ffi::guard(fallback, || Some(f(stage(unsafe { handles::ssl(s) }?))))
}

/// The handshake state (`TLS_ST_*`); `TLS_ST_BEFORE` for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_get_state(s: *const SSL) -> c_int {
    with_stage(s, TLS_ST_BEFORE, |st| match st {
        Stage::Before => TLS_ST_BEFORE,
        Stage::Done => TLS_ST_OK,
        Stage::Client | Stage::Failed => TLS_ST_CW_CLNT_HELLO,
        Stage::Server => TLS_ST_SR_CLNT_HELLO,
    })
}

fn state_strings(st: Stage) -> (&'static CStr, &'static CStr) {
    match st {
        Stage::Before => (c"PINIT", c"before SSL initialization"),
        Stage::Done => (c"SSLOK", c"SSL negotiation finished successfully"),
        Stage::Failed => (c"SSLERR", c"error"),
        Stage::Client => (c"TWCH", c"SSLv3/TLS write client hello"),
        Stage::Server => (c"TRCH", c"SSLv3/TLS read client hello"),
    }
}

/// Six letters or fewer for the state; OpenSSL's "UNKWN" for NULL.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_state_string(s: *const SSL) -> *const c_char {
    with_stage(s, c"UNKWN".as_ptr(), |st| state_strings(st).0.as_ptr())
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_state_string_long(s: *const SSL) -> *const c_char {
    with_stage(s, c"unknown state".as_ptr(), |st| {
        state_strings(st).1.as_ptr()
    })
}

/// The record layer between calls is always waiting for a record header:
/// rustls reads whole records inside each call.
#[unsafe(no_mangle)]
pub extern "C" fn SSL_rstate_string(_s: *const SSL) -> *const c_char {
    c"RH".as_ptr()
}

#[unsafe(no_mangle)]
pub extern "C" fn SSL_rstate_string_long(_s: *const SSL) -> *const c_char {
    c"read header".as_ptr()
}

/// OpenSSL 3.0's default TLS 1.2 cipher rules, which
/// `SSL_CTX_set_cipher_list` understands (selecting rustls's suites).
#[unsafe(no_mangle)]
pub extern "C" fn OSSL_default_cipher_list() -> *const c_char {
    c"ALL:!COMPLEMENTOFDEFAULT:!eNULL".as_ptr()
}

/// OpenSSL 3.0's default TLS 1.3 suites (all three are rustls's too).
#[unsafe(no_mangle)]
pub extern "C" fn OSSL_default_ciphersuites() -> *const c_char {
    c"TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256".as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(p: *const c_char) -> &'static str {
        // SAFETY: every function above returns a static C string.
        unsafe { CStr::from_ptr(p) }.to_str().unwrap()
    }

    #[test]
    fn alerts_have_openssl_names() {
        assert_eq!(s(SSL_alert_type_string_long(2 << 8 | 42)), "fatal");
        assert_eq!(s(SSL_alert_type_string(1 << 8)), "W");
        assert_eq!(s(SSL_alert_type_string(0)), "U");
        assert_eq!(s(SSL_alert_desc_string_long(42)), "bad certificate");
        assert_eq!(s(SSL_alert_desc_string(2 << 8)), "CN");
        assert_eq!(s(SSL_alert_desc_string(250)), "UK");
        assert_eq!(s(SSL_alert_desc_string_long(250)), "unknown");
        assert_eq!(
            s(SSL_alert_desc_string_long(120)),
            "no application protocol"
        );
    }

    #[test]
    fn null_connection_has_unknown_state() {
        assert_eq!(SSL_get_state(std::ptr::null()), TLS_ST_BEFORE);
        assert_eq!(s(SSL_state_string(std::ptr::null())), "UNKWN");
        assert_eq!(s(SSL_state_string_long(std::ptr::null())), "unknown state");
    }
}
