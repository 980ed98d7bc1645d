//! `SSL_SESSION` as DER (`i2d_SSL_SESSION`, `d2i_SSL_SESSION`).
//!
//! The encoding is a SEQUENCE that starts as OpenSSL's does (its
//! `SSL_SESSION_ASN1`: format version 1, protocol version, cipher, session
//! id, master key, then its context-tagged optional fields with OpenSSL's
//! numbers), so that tools reading the common fields see the same things,
//! and ends with one field of our own, `[PRIVATE 0]`:
//!
//! ```text
//! NeonRs ::= [PRIVATE 0] IMPLICIT SEQUENCE {
//!     format  INTEGER,        -- FORMAT; another value is refused
//!     kind    INTEGER,        -- what resumes the session (Kind)
//!     state   OCTET STRING OPTIONAL  -- a server's rustls state
//! }
//! ```
//!
//! Programs treat the bytes as opaque; only this library reads them back.
//! What resumes where: a server session carries rustls's own resumption
//! state (`StoresServerSessions` values), so it resumes in any process
//! that reads it (nginx's shared cache hands it from one worker to
//! another). A client session's secret cannot leave rustls: its state
//! stays in this process ([`registry`]), and the bytes resume only here
//! (or in a child forked afterwards); elsewhere they parse and offer
//! nothing, so the handshake is a full one. DER made by OpenSSL parses the
//! same way (its sessions use suites rustls has).
//!
//! Equal sessions give equal bytes (programs compare sessions so).

pub mod registry;
pub mod server_state;

use crate::tls::cert::Certificate;
use crate::tls::der::{self, INTEGER, OCTET_STRING, SEQUENCE, Tlv};
use crate::tls::hidden::Hidden;
use crate::tls::session::{Resumption, SessionData, TlsSession, now};
use registry::State;

/// OpenSSL's `SSL_SESSION_ASN1_VERSION`.
pub const OPENSSL_VERSION: i64 = 1;
/// The version of our own field; a session written by another version of
/// this library with another format is refused, not misread.
pub const FORMAT: i64 = 1;
/// `[PRIVATE 0]`, constructed.
const OURS: u8 = 0xE0;
/// OpenSSL's `SSL_SESS_FLAG_EXTMS` (field 13).
const FLAG_EXTMS: u64 = 1;
/// Limits OpenSSL checks when reading (session id, id context, master key).
const MAX_ID: usize = 32;
const MAX_MASTER_KEY: usize = 512;
/// OpenSSL's timeout of a session read without one.
const DEFAULT_TIMEOUT: i64 = 3;

/// What resumes a serialised session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Nothing (a session that never had resumption state).
    None = 0,
    /// A server's rustls state, in the `state` field.
    Server = 1,
    /// A client's TLS 1.2 or TLS 1.3 state, kept in this process.
    Client12 = 2,
    Client13 = 3,
}

/// Why bytes are not a session (the face maps these to OpenSSL's reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerError {
    /// Not DER of the expected shape (OpenSSL: an ASN.1 error).
    Asn1,
    /// OpenSSL's format version is not 1 (`SSL_R_UNKNOWN_SSL_VERSION`).
    UnknownVersion,
    /// Not a TLS or DTLS version (`SSL_R_UNSUPPORTED_SSL_VERSION`).
    UnsupportedVersion,
    /// The cipher field is not two bytes (`SSL_R_CIPHER_CODE_WRONG_LENGTH`).
    CipherLength,
    /// A suite this library does not know (OpenSSL raises nothing).
    UnknownCipher,
    /// An id, id context or master key too long, or a compression id that
    /// is not one byte (`SSL_R_BAD_LENGTH`).
    BadLength,
    /// Our field of another format, or a state that does not match the
    /// session (`SSL_R_BAD_DATA`).
    Format,
}

/// A decoded session, before it is put into a `TlsSession`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    pub version: u16,
    pub cipher: u16,
    pub id: Vec<u8>,
    pub master_key: Vec<u8>,
    pub time: i64,
    pub timeout: i64,
    pub peer: Option<Vec<u8>>,
    pub id_context: Vec<u8>,
    pub verify_result: i64,
    pub hostname: Option<Vec<u8>>,
    pub lifetime_hint: u64,
    pub ticket: Option<Vec<u8>>,
    pub flags: u64,
    pub alpn: Option<Vec<u8>>,
    pub ticket_appdata: Option<Vec<u8>>,
    pub kind: Option<Kind>,
    pub state: Vec<u8>,
}

// ---- writing ---------------------------------------------------------------

/// The content octets of an INTEGER (minimal two's complement).
fn int_content(v: i128) -> Vec<u8> {
    let b = v.to_be_bytes();
    let mut i = 0;
    while i + 1 < b.len()
        && ((b[i] == 0 && b[i + 1] & 0x80 == 0) || (b[i] == 0xff && b[i + 1] & 0x80 != 0))
    {
        i += 1;
    }
    b[i..].to_vec()
}

fn put_int(out: &mut Vec<u8>, v: i128) {
    der::write(out, INTEGER, &int_content(v));
}

/// `[n] EXPLICIT` around what `f` writes.
fn put_explicit(out: &mut Vec<u8>, n: u8, f: impl FnOnce(&mut Vec<u8>)) {
    let mut inner = Vec::new();
    f(&mut inner);
    der::write(out, 0xA0 | n, &inner);
}

fn put_octets(out: &mut Vec<u8>, n: u8, v: &[u8]) {
    put_explicit(out, n, |o| der::write(o, OCTET_STRING, v));
}

/// A session's master key as OpenSSL shows it: a server's from its rustls
/// state, else one set by the program or read from DER.
pub fn master_key(d: &SessionData) -> Vec<u8> {
    match &d.resumption {
        Resumption::Server(state) => {
            server_state::head(state).map_or_else(Vec::new, |h| h.secret.to_vec())
        }
        _ => d.master_key.clone(),
    }
}

/// Whether the session used the extended master secret (TLS 1.2).
pub fn extended_ms(d: &SessionData) -> bool {
    match &d.resumption {
        Resumption::Server(state) => server_state::head(state).is_some_and(|h| h.extended_ms),
        Resumption::Tls12(v) => Hidden::of_tls12(v).extended_ms,
        _ => d.extended_ms,
    }
}

/// The DER of a session; `None` for a session without a cipher suite
/// (OpenSSL's i2d writes nothing for those). A client session's live
/// state is left in the [`registry`] for [`decode`] in this process.
pub fn encode(s: &TlsSession) -> Option<Vec<u8>> {
    let d = s.lock();
    if d.cipher == 0 {
        return None;
    }
    let (kind, state) = match &d.resumption {
        Resumption::None => (Kind::None, None),
        Resumption::Server(v) => (Kind::Server, Some(v.as_slice())),
        Resumption::Tls12(v) => {
            registry::remember(&d.id, d.version, d.cipher, State::Tls12(v.clone()));
            (Kind::Client12, None)
        }
        Resumption::Tls13(pool) => {
            registry::remember(&d.id, d.version, d.cipher, State::Tls13(pool.clone()));
            (Kind::Client13, None)
        }
    };
    let mut body = Vec::with_capacity(256 + state.map_or(0, <[u8]>::len));
    put_int(&mut body, i128::from(OPENSSL_VERSION));
    put_int(&mut body, i128::from(d.version));
    der::write(&mut body, OCTET_STRING, &d.cipher.to_be_bytes());
    der::write(&mut body, OCTET_STRING, &d.id);
    der::write(&mut body, OCTET_STRING, &master_key(&d));
    if d.time != 0 {
        put_explicit(&mut body, 1, |o| put_int(o, i128::from(d.time)));
    }
    if d.timeout != 0 {
        put_explicit(&mut body, 2, |o| put_int(o, i128::from(d.timeout)));
    }
    if let Some(peer) = &d.peer {
        put_explicit(&mut body, 3, |o| o.extend_from_slice(peer));
    }
    put_octets(&mut body, 4, &d.id_context);
    if d.verify_result != 0 {
        put_explicit(&mut body, 5, |o| put_int(o, i128::from(d.verify_result)));
    }
    if let Some(host) = &d.hostname {
        put_octets(&mut body, 6, host);
    }
    if d.ticket_lifetime_hint != 0 {
        put_explicit(&mut body, 9, |o| {
            put_int(o, i128::from(d.ticket_lifetime_hint))
        });
    }
    if !d.ticket.is_empty() {
        put_octets(&mut body, 10, &d.ticket);
    }
    if extended_ms(&d) {
        put_explicit(&mut body, 13, |o| put_int(o, i128::from(FLAG_EXTMS)));
    }
    let early = d.max_early_data();
    if early != 0 {
        put_explicit(&mut body, 15, |o| put_int(o, i128::from(early)));
    }
    if let Some(alpn) = &d.alpn {
        put_octets(&mut body, 16, alpn);
    }
    if let Some(appdata) = &d.ticket_appdata {
        put_octets(&mut body, 18, appdata);
    }
    let mut ours = Vec::new();
    put_int(&mut ours, i128::from(FORMAT));
    put_int(&mut ours, kind as i128);
    if let Some(state) = state {
        der::write(&mut ours, OCTET_STRING, state);
    }
    der::write(&mut body, OURS, &ours);
    let mut out = Vec::with_capacity(body.len() + 4);
    der::write(&mut out, SEQUENCE, &body);
    Some(out)
}

// ---- reading ---------------------------------------------------------------

/// An INTEGER's value (at most 16 content octets, minimal encoding).
fn int(t: &Tlv<'_>) -> Result<i128, DerError> {
    let c = t.content;
    if t.tag != INTEGER || c.is_empty() || c.len() > 16 {
        return Err(DerError::Asn1);
    }
    if c.len() > 1 && ((c[0] == 0 && c[1] & 0x80 == 0) || (c[0] == 0xff && c[1] & 0x80 != 0)) {
        return Err(DerError::Asn1);
    }
    let fill = if c[0] & 0x80 != 0 { 0xff } else { 0 };
    let mut b = [fill; 16];
    b[16 - c.len()..].copy_from_slice(c);
    Ok(i128::from_be_bytes(b))
}

/// An INTEGER within the range of `T` (OpenSSL's field types).
fn int_as<T: TryFrom<i128>>(t: &Tlv<'_>) -> Result<T, DerError> {
    T::try_from(int(t)?).map_err(|_| DerError::Asn1)
}

fn octets<'a>(t: &Tlv<'a>) -> Result<&'a [u8], DerError> {
    if t.tag == OCTET_STRING {
        Ok(t.content)
    } else {
        Err(DerError::Asn1)
    }
}

/// The one element inside an explicit tag.
fn inner<'a>(t: &Tlv<'a>) -> Result<Tlv<'a>, DerError> {
    match der::read(t.content) {
        Some((e, [])) => Ok(e),
        _ => Err(DerError::Asn1),
    }
}

fn bounded(v: &[u8], max: usize) -> Result<Vec<u8>, DerError> {
    if v.len() > max {
        return Err(DerError::BadLength);
    }
    Ok(v.to_vec())
}

/// Reads one session from the start of `input`; returns it and the number
/// of bytes it took (what follows is not looked at). Checks what
/// OpenSSL's d2i checks, in its order.
pub fn decode(input: &[u8]) -> Result<(Decoded, usize), DerError> {
    let (seq, _) = der::expect(input, SEQUENCE).ok_or(DerError::Asn1)?;
    let used = seq.raw.len();
    let fields = der::children(seq.content).ok_or(DerError::Asn1)?;
    let [version, ssl_version, cipher, id, master, rest @ ..] = &fields[..] else {
        return Err(DerError::Asn1);
    };
    let format_version: i64 = int_as(version)?;
    let ssl_version: i32 = int_as(ssl_version)?;
    let cipher = octets(cipher)?;
    let id = octets(id)?;
    let master = octets(master)?;
    let mut d = Decoded::default();
    let mut comp_id = None;
    let mut last = 0u16;
    for t in rest {
        // Tagged fields in increasing order, as DER of a SEQUENCE has them.
        let n = match t.tag {
            0x80 => 0,
            tag if tag & 0xE0 == 0xA0 => u16::from(tag & 0x1f) + 1,
            OURS => 0x100,
            _ => return Err(DerError::Asn1),
        };
        if n <= last && last != 0 {
            return Err(DerError::Asn1);
        }
        last = n;
        if n == 0x100 {
            read_ours(t, &mut d)?;
            continue;
        }
        if n == 0 {
            // [0] IMPLICIT key_arg (SSLv2): ignored.
            continue;
        }
        let e = inner(t)?;
        match n - 1 {
            1 => d.time = int_as(&e)?,
            2 => d.timeout = int_as(&e)?,
            3 => {
                if e.tag != SEQUENCE {
                    return Err(DerError::Asn1);
                }
                d.peer = Some(e.raw.to_vec());
            }
            4 => d.id_context = octets(&e)?.to_vec(),
            5 => d.verify_result = i64::from(int_as::<i32>(&e)?),
            6 => d.hostname = Some(octets(&e)?.to_vec()),
            7 | 8 | 12 => {
                octets(&e)?;
            }
            9 => d.lifetime_hint = int_as(&e)?,
            10 => d.ticket = Some(octets(&e)?.to_vec()),
            11 => comp_id = Some(octets(&e)?.to_vec()),
            13 => d.flags = int_as(&e)?,
            14 | 15 | 17 | 19 => {
                int_as::<u32>(&e)?;
            }
            16 => d.alpn = Some(octets(&e)?.to_vec()),
            18 => d.ticket_appdata = Some(octets(&e)?.to_vec()),
            // Fields of later OpenSSL versions.
            _ => {}
        }
    }
    if format_version != OPENSSL_VERSION {
        return Err(DerError::UnknownVersion);
    }
    if ssl_version >> 8 != 0x03 && ssl_version >> 8 != 0xFE && ssl_version != 0x0100 {
        return Err(DerError::UnsupportedVersion);
    }
    d.version = ssl_version as u16;
    let [hi, lo] = cipher else {
        return Err(DerError::CipherLength);
    };
    d.cipher = u16::from_be_bytes([*hi, *lo]);
    if crate::ssl::config::suites::by_protocol_id(d.cipher).is_none() {
        return Err(DerError::UnknownCipher);
    }
    d.id = bounded(id, MAX_ID)?;
    d.master_key = bounded(master, MAX_MASTER_KEY)?;
    if d.id_context.len() > MAX_ID {
        return Err(DerError::BadLength);
    }
    if let Some(peer) = &d.peer {
        if Certificate::from_der(peer).is_none() {
            return Err(DerError::Asn1);
        }
    }
    if comp_id.is_some_and(|c| c.len() != 1) {
        return Err(DerError::BadLength);
    }
    if d.kind == Some(Kind::Server) {
        let h = server_state::head(&d.state).ok_or(DerError::Format)?;
        if (h.version, h.cipher) != (d.version, d.cipher) {
            return Err(DerError::Format);
        }
    }
    Ok((d, used))
}

/// Our field: its format must be ours.
fn read_ours(t: &Tlv<'_>, d: &mut Decoded) -> Result<(), DerError> {
    let fields = der::children(t.content).ok_or(DerError::Asn1)?;
    let [format, kind, rest @ ..] = &fields[..] else {
        return Err(DerError::Asn1);
    };
    if int(format)? != i128::from(FORMAT) {
        return Err(DerError::Format);
    }
    d.kind = Some(match int(kind)? {
        0 => Kind::None,
        1 => Kind::Server,
        2 => Kind::Client12,
        3 => Kind::Client13,
        _ => return Err(DerError::Format),
    });
    match (d.kind, rest) {
        (Some(Kind::Server), [state]) => d.state = octets(state)?.to_vec(),
        (Some(Kind::Server), _) => return Err(DerError::Format),
        (_, []) => {}
        _ => return Err(DerError::Asn1),
    }
    Ok(())
}

/// Puts a decoded session into `s` (a new one, or one the program passed
/// to be overwritten, as OpenSSL's d2i does): every field, resumable
/// again; a client session takes the state this process kept for it.
pub fn apply(dec: Decoded, s: &TlsSession) {
    let resumption = match dec.kind {
        Some(Kind::Server) => Resumption::Server(dec.state),
        Some(Kind::Client12 | Kind::Client13) => {
            match registry::recall(&dec.id, dec.version, dec.cipher) {
                Some(State::Tls12(v)) => Resumption::Tls12(v),
                Some(State::Tls13(pool)) => Resumption::Tls13(pool),
                None => Resumption::None,
            }
        }
        _ => Resumption::None,
    };
    {
        let mut d = s.lock();
        d.version = dec.version;
        d.cipher = dec.cipher;
        d.set_id(&dec.id);
        d.set_id_context(&dec.id_context);
        d.peer = dec.peer;
        d.verify_result = dec.verify_result;
        // OpenSSL copies the name up to a NUL (OPENSSL_strndup).
        d.hostname = dec
            .hostname
            .map(|h| h.split(|&b| b == 0).next().unwrap_or_default().to_vec());
        d.ticket_lifetime_hint = u32::try_from(dec.lifetime_hint).unwrap_or(u32::MAX);
        d.ticket = dec.ticket.unwrap_or_default();
        d.alpn = dec.alpn;
        d.ticket_appdata = dec.ticket_appdata;
        d.extended_ms = dec.flags & FLAG_EXTMS != 0;
        d.master_key = if matches!(resumption, Resumption::Server(_)) {
            Vec::new()
        } else {
            dec.master_key
        };
        d.resumption = resumption;
        d.not_resumable = false;
    }
    // Through the setters: a cached session is re-sorted.
    s.set_time(if dec.time != 0 { dec.time } else { now() });
    s.set_timeout(if dec.timeout != 0 {
        dec.timeout
    } else {
        DEFAULT_TIMEOUT
    });
}

#[cfg(test)]
mod tests;
