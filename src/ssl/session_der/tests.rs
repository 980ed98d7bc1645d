use super::*;
use crate::tls::session::{TLS1_2, TLS1_3, TicketPool};

/// DER the system OpenSSL 3.0 wrote (`openssl sess_id -outform DER` of
/// s_client sessions), also seeds of the fuzz target.
const OPENSSL_TLS13: &[u8] = include_bytes!("../../../fuzz/corpus/ssl_session_der/openssl-tls13");
const OPENSSL_TLS12: &[u8] = include_bytes!("../../../fuzz/corpus/ssl_session_der/openssl-tls12");

fn session(version: u16, cipher: u16) -> std::sync::Arc<TlsSession> {
    let s = TlsSession::new(300);
    {
        let mut d = s.lock();
        d.version = version;
        d.cipher = cipher;
        d.set_id(&[0x5a; 32]);
        d.set_id_context(b"ctx");
        d.hostname = Some(b"a.example".to_vec());
        d.alpn = Some(b"h2".to_vec());
        d.verify_result = 18;
        d.ticket_appdata = Some(b"app".to_vec());
    }
    s
}

fn round_trip(s: &TlsSession) -> (std::sync::Arc<TlsSession>, Vec<u8>) {
    let der = encode(s).expect("encoded");
    let (dec, used) = decode(&der).expect("decoded");
    assert_eq!(used, der.len());
    let t = TlsSession::new(0);
    apply(dec, &t);
    let again = encode(&t).unwrap();
    (t, again)
}

#[test]
fn no_cipher_no_bytes() {
    assert!(encode(&TlsSession::new(300)).is_none());
}

#[test]
fn fields_round_trip_and_equal_sessions_give_equal_bytes() {
    let s = session(TLS1_2, 0xc02b);
    s.lock().master_key = vec![1; 48];
    s.lock().ticket = vec![9; 100];
    s.lock().ticket_lifetime_hint = 7200;
    let der = encode(&s).unwrap();
    // OpenSSL's first fields.
    let (seq, _) = der::read(&der).unwrap();
    assert_eq!(seq.tag, SEQUENCE);
    assert_eq!(&seq.content[..10], &[2, 1, 1, 2, 2, 3, 3, 4, 2, 0xc0]);
    assert_eq!(encode(&s).unwrap(), der);
    assert_eq!(encode(&s.duplicate()).unwrap(), der);
    let (t, again) = round_trip(&s);
    assert_eq!(again, der);
    let d = t.lock();
    assert_eq!((d.version, d.cipher, d.timeout), (TLS1_2, 0xc02b, 300));
    assert_eq!(d.id, [0x5a; 32]);
    assert_eq!(d.id_context, b"ctx");
    assert_eq!(d.hostname.as_deref(), Some(&b"a.example"[..]));
    assert_eq!(d.alpn.as_deref(), Some(&b"h2"[..]));
    assert_eq!(d.ticket_appdata.as_deref(), Some(&b"app"[..]));
    assert_eq!((d.verify_result, d.ticket_lifetime_hint), (18, 7200));
    assert_eq!(d.master_key, [1; 48]);
    assert_eq!(d.ticket, [9; 100]);
    // No state: parses, resumable in OpenSSL's sense, nothing to offer.
    assert!(matches!(d.resumption, Resumption::None));
    assert!(d.may_resume());
}

#[test]
fn server_state_travels() {
    let s = session(TLS1_2, 0xc02b);
    let state = server_state::tests::sample();
    s.lock().resumption = Resumption::Server(state.clone());
    assert_eq!(master_key(&s.lock()), [7; 48]);
    assert!(extended_ms(&s.lock()));
    let (t, again) = round_trip(&s);
    assert_eq!(again, encode(&s).unwrap());
    assert!(matches!(&t.lock().resumption, Resumption::Server(v) if *v == state));
    // A state of another version or suite than the session is refused.
    s.lock().cipher = 0xc02c;
    assert_eq!(decode(&encode(&s).unwrap()).unwrap_err(), DerError::Format);
}

#[test]
fn client_state_stays_in_this_process() {
    let s = session(TLS1_3, 0x1301);
    s.lock().set_id(b"session-der-test-client13");
    s.lock().resumption = Resumption::Tls13(TicketPool::default());
    let (t, _) = round_trip(&s);
    assert!(matches!(t.lock().resumption, Resumption::Tls13(_)));
    // Bytes of an id this process never wrote: no state.
    let der = encode(&s).unwrap();
    let (mut dec, _) = decode(&der).unwrap();
    dec.id = b"session-der-test-unknown".to_vec();
    let u = TlsSession::new(0);
    apply(dec, &u);
    assert!(matches!(u.lock().resumption, Resumption::None));
}

#[test]
fn reads_what_openssl_wrote() {
    let (d, used) = decode(OPENSSL_TLS13).unwrap();
    assert_eq!(used, OPENSSL_TLS13.len());
    assert_eq!((d.version, d.cipher), (TLS1_3, 0x1302));
    assert_eq!((d.id.len(), d.master_key.len()), (32, 48));
    assert!(d.peer.is_some() && d.ticket.is_some());
    assert_eq!(d.alpn.as_deref(), Some(&b"h2"[..]));
    assert_eq!(
        (d.timeout, d.verify_result, d.lifetime_hint),
        (7200, 18, 7200)
    );
    assert_eq!(d.kind, None);
    let (d, _) = decode(OPENSSL_TLS12).unwrap();
    assert_eq!((d.version, d.flags), (TLS1_2, 1));
    // Trailing bytes are left for the caller.
    let mut more = OPENSSL_TLS12.to_vec();
    more.extend_from_slice(b"rest");
    assert_eq!(decode(&more).unwrap().1, OPENSSL_TLS12.len());
}

#[test]
fn refuses_what_openssl_refuses() {
    let s = session(TLS1_3, 0x1301);
    let der = encode(&s).unwrap();
    for n in 0..der.len() {
        assert_eq!(decode(&der[..n]).unwrap_err(), DerError::Asn1, "{n}");
    }
    let (dec, _) = decode(&der).unwrap();
    let header = der.len() - der::read(&der).unwrap().0.content.len();
    // Each change at the DER level.
    let patch = |from: &[u8], to: &[u8]| {
        let i = der.windows(from.len()).position(|w| w == from).unwrap();
        let mut v = der[..i].to_vec();
        v.extend_from_slice(to);
        v.extend_from_slice(&der[i + from.len()..]);
        // With the outer length fixed.
        let body = v[header..].to_vec();
        let mut out = Vec::new();
        der::write(&mut out, SEQUENCE, &body);
        out
    };
    assert_eq!(
        decode(&patch(&[2, 1, 1, 2, 2], &[2, 1, 2, 2, 2])).unwrap_err(),
        DerError::UnknownVersion
    );
    assert_eq!(
        decode(&patch(&[2, 2, 3, 4], &[2, 2, 5, 4])).unwrap_err(),
        DerError::UnsupportedVersion
    );
    assert_eq!(
        decode(&patch(&[4, 2, 0x13, 1], &[4, 3, 0x13, 1, 0])).unwrap_err(),
        DerError::CipherLength
    );
    assert_eq!(
        decode(&patch(&[4, 2, 0x13, 1], &[4, 2, 0x00, 0x2f])).unwrap_err(),
        DerError::UnknownCipher
    );
    let mut long = vec![4, 33];
    long.extend_from_slice(&[0x5a; 33]);
    let mut id = vec![4, 32];
    id.extend_from_slice(&[0x5a; 32]);
    assert_eq!(decode(&patch(&id, &long)).unwrap_err(), DerError::BadLength);
    // Our field, of another format.
    assert_eq!(
        decode(&patch(&[0xE0, 6, 2, 1, 1], &[0xE0, 6, 2, 1, 2])).unwrap_err(),
        DerError::Format
    );
    assert_eq!(dec.kind, Some(Kind::None));
    // Not a SEQUENCE, trailing garbage inside it.
    assert_eq!(decode(b"\x04\x00").unwrap_err(), DerError::Asn1);
    let mut body = der[header..].to_vec();
    body.extend_from_slice(&[5, 0]);
    let mut bad = Vec::new();
    der::write(&mut bad, SEQUENCE, &body);
    assert_eq!(decode(&bad).unwrap_err(), DerError::Asn1);
}

#[test]
fn integers() {
    for v in [
        0i128,
        1,
        127,
        128,
        255,
        256,
        -1,
        -128,
        -129,
        i64::MAX.into(),
        i64::MIN.into(),
    ] {
        let mut out = Vec::new();
        put_int(&mut out, v);
        let (t, _) = der::read(&out).unwrap();
        assert_eq!(int(&t).unwrap(), v);
    }
    let t = der::read(&[2, 2, 0, 1]).unwrap().0;
    assert!(int(&t).is_err());
    let t = der::read(&[2, 0]).unwrap().0;
    assert!(int(&t).is_err());
}
