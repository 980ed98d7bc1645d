//! The head of a server's resumption state, which rustls 0.23 encodes
//! itself (`ServerSessionValue`) and hands to the session store: an
//! optional server name, the protocol version, the cipher suite, the
//! master secret (TLS 1.2) or resumption PSK (TLS 1.3) and the extended
//! master secret flag, in that order. OpenSSL shows the secret
//! (`SSL_SESSION_get_master_key`, `SSL_SESSION_print`) and lets programs
//! replace it (`SSL_SESSION_set1_master_key`); rustls has no accessor, so
//! the head is read here. The unit tests pin the layout against a state
//! rustls made, so that an upgrade that changes it fails there.

/// The fields before rustls's other state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head<'a> {
    pub version: u16,
    pub cipher: u16,
    pub secret: &'a [u8],
    pub extended_ms: bool,
    /// Where the secret's length byte is.
    secret_at: usize,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

/// Reads the head; `None` if the state is too short or malformed there.
pub fn head(state: &[u8]) -> Option<Head<'_>> {
    let mut at = 1;
    match *state.first()? {
        0 => {}
        1 => at += 1 + usize::from(*state.get(1)?),
        _ => return None,
    }
    let version = u16_at(state, at)?;
    let cipher = u16_at(state, at + 2)?;
    let secret_at = at + 4;
    let len = usize::from(*state.get(secret_at)?);
    let secret = state.get(secret_at + 1..secret_at + 1 + len)?;
    let extended_ms = *state.get(secret_at + 1 + len)? == 1;
    Some(Head {
        version,
        cipher,
        secret,
        extended_ms,
        secret_at,
    })
}

/// The state with `secret` instead of its secret; `None` if the state is
/// malformed or the secret longer than rustls's one-byte length allows.
pub fn with_secret(state: &[u8], secret: &[u8]) -> Option<Vec<u8>> {
    let h = head(state)?;
    let len = u8::try_from(secret.len()).ok()?;
    let mut out = Vec::with_capacity(state.len() + secret.len());
    out.extend_from_slice(&state[..h.secret_at]);
    out.push(len);
    out.extend_from_slice(secret);
    out.extend_from_slice(&state[h.secret_at + 1 + h.secret.len()..]);
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A state as rustls 0.23 encodes it: SNI "a.example", TLS 1.2,
    /// ECDHE-ECDSA-AES128-GCM-SHA256, a 48-byte master secret, extended
    /// master secret, then the rest (no client chain, no ALPN, empty
    /// application data, creation time, age offset).
    pub fn sample() -> Vec<u8> {
        let mut s = vec![1, 9];
        s.extend_from_slice(b"a.example");
        s.extend_from_slice(&[0x03, 0x03, 0xc0, 0x2b, 48]);
        s.extend_from_slice(&[7; 48]);
        s.extend_from_slice(&[1, 0, 0, 0, 0]);
        s.extend_from_slice(&1_700_000_000u64.to_be_bytes());
        s.extend_from_slice(&[0, 0, 0, 0]);
        s
    }

    #[test]
    fn reads_the_head() {
        let s = sample();
        let h = head(&s).unwrap();
        assert_eq!((h.version, h.cipher), (0x0303, 0xc02b));
        assert_eq!(h.secret, &[7; 48][..]);
        assert!(h.extended_ms);
        // Without SNI.
        let mut t = vec![0];
        t.extend_from_slice(&s[11..]);
        assert_eq!(head(&t).unwrap().secret, &[7; 48][..]);
        // Truncated or malformed.
        for n in 0..s.len().min(64) {
            assert!(head(&s[..n]).is_none() || n > 60, "{n}");
        }
        assert!(head(&[2, 0, 0, 0, 0]).is_none());
    }

    #[test]
    fn replaces_the_secret() {
        let s = sample();
        let t = with_secret(&s, &[9; 32]).unwrap();
        let h = head(&t).unwrap();
        assert_eq!(h.secret, &[9; 32][..]);
        assert_eq!(t.len(), s.len() - 16);
        assert_eq!(&t[t.len() - 17..], &s[s.len() - 17..]);
        assert!(with_secret(&s, &[0; 256]).is_none());
        assert!(with_secret(&[0], &[1]).is_none());
    }

    /// Server session stores that keep what rustls stores.
    #[derive(Debug, Default)]
    struct Keep(std::sync::Mutex<Vec<Vec<u8>>>);

    impl rustls::server::StoresServerSessions for Keep {
        fn put(&self, _: Vec<u8>, value: Vec<u8>) -> bool {
            self.0.lock().unwrap().push(value);
            true
        }
        fn get(&self, _: &[u8]) -> Option<Vec<u8>> {
            None
        }
        fn take(&self, _: &[u8]) -> Option<Vec<u8>> {
            None
        }
        fn can_cache(&self) -> bool {
            true
        }
    }

    /// The client's CLIENT_RANDOM secret (TLS 1.2's master secret).
    #[derive(Debug, Default)]
    struct Master(std::sync::Mutex<Vec<u8>>);

    impl rustls::KeyLog for Master {
        fn log(&self, label: &str, _: &[u8], secret: &[u8]) {
            if label == "CLIENT_RANDOM" {
                *self.0.lock().unwrap() = secret.to_vec();
            }
        }
    }

    #[derive(Debug)]
    struct AnyServer {
        algorithms: rustls::crypto::WebPkiSupportedAlgorithms,
    }

    impl rustls::client::danger::ServerCertVerifier for AnyServer {
        fn verify_server_cert(
            &self,
            _: &rustls::pki_types::CertificateDer<'_>,
            _: &[rustls::pki_types::CertificateDer<'_>],
            _: &rustls::pki_types::ServerName<'_>,
            _: &[u8],
            _: rustls::pki_types::UnixTime,
        ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
            Ok(rustls::client::danger::ServerCertVerified::assertion())
        }
        crate::tls::handshake_signature_checks!();
    }

    /// One in-memory handshake of `version`: what the server stored and
    /// the client's master secret.
    fn handshake(version: &'static rustls::SupportedProtocolVersion) -> (Vec<Vec<u8>>, Vec<u8>) {
        use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["a.example".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let keep = std::sync::Arc::new(Keep::default());
        let mut sc = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[version])
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(
                vec![CertificateDer::from(cert.der().to_vec())],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .unwrap();
        sc.session_storage = keep.clone();
        let master = std::sync::Arc::new(Master::default());
        let mut cc = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(&[version])
            .unwrap()
            .dangerous()
            .with_custom_certificate_verifier(std::sync::Arc::new(AnyServer {
                algorithms: provider.signature_verification_algorithms,
            }))
            .with_no_client_auth();
        cc.key_log = master.clone();
        let mut client =
            rustls::ClientConnection::new(std::sync::Arc::new(cc), "a.example".try_into().unwrap())
                .unwrap();
        let mut server = rustls::ServerConnection::new(std::sync::Arc::new(sc)).unwrap();
        for _ in 0..10 {
            let mut buf = Vec::new();
            client.write_tls(&mut buf).unwrap();
            server.read_tls(&mut &buf[..]).unwrap();
            server.process_new_packets().unwrap();
            buf.clear();
            server.write_tls(&mut buf).unwrap();
            client.read_tls(&mut &buf[..]).unwrap();
            client.process_new_packets().unwrap();
        }
        assert!(!client.is_handshaking() && !server.is_handshaking());
        let stored = keep.0.lock().unwrap().clone();
        let secret = master.0.lock().unwrap().clone();
        (stored, secret)
    }

    #[test]
    fn rustls_states_have_this_head() {
        let (stored, master) = handshake(&rustls::version::TLS12);
        assert_eq!(stored.len(), 1);
        let h = head(&stored[0]).unwrap();
        assert_eq!(h.version, 0x0303);
        assert_eq!(h.secret.len(), 48);
        assert_eq!(h.secret, &master[..]);
        assert!(h.extended_ms);

        let (stored, _) = handshake(&rustls::version::TLS13);
        assert!(!stored.is_empty());
        let h = head(&stored[0]).unwrap();
        assert_eq!(h.version, 0x0304);
        // The PSK has the suite's hash length.
        let want = if h.cipher == 0x1302 { 48 } else { 32 };
        assert_eq!(h.secret.len(), want);
        assert!(!h.extended_ms);
    }
}
