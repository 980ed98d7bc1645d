//! The values an `SSL` copies from its `SSL_CTX` at `SSL_new` and can then
//! change on its own (`SSL_set_options`, `SSL_set_mode`, the protocol
//! bounds…): one type for both, with OpenSSL 3.0's defaults, validation and
//! return values.

use rustls::{CipherSuite, SupportedCipherSuite, SupportedProtocolVersion};

use super::consts::*;
use super::suites::{self, RuleError};
use crate::tls::provider;

/// The security level of a new context: OpenSSL's default is 1, but it
/// applies the system configuration at `SSL_CTX_new`, and Debian's
/// (openssl.cnf: `CipherString = DEFAULT:@SECLEVEL=2`) raises it to 2.
pub const DEFAULT_SECURITY_LEVEL: i32 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    options: u64,
    mode: u32,
    verify_mode: i32,
    /// The application's verify callback, as an address (0: none), for
    /// the libssl face, which calls it during verification.
    verify_callback: usize,
    /// `SSL_CTX_set_security_level`: the level certificate keys and
    /// digests must meet in verification (its auth level).
    security_level: i32,
    /// 0: no bound.
    min_version: i32,
    max_version: i32,
    read_ahead: i32,
    max_cert_list: i64,
    max_send_fragment: usize,
    split_send_fragment: usize,
    num_tickets: usize,
    /// TLS ≤ 1.2 suites in preference order (`SSL_CTX_set_cipher_list`).
    tls12_suites: Vec<CipherSuite>,
    /// TLS 1.3 suites in preference order (`SSL_CTX_set_ciphersuites`).
    tls13_suites: Vec<CipherSuite>,
    /// The only version of a version-specific method (`TLSv1_2_method`…),
    /// 0 for the flexible ones.
    method_version: i32,
    /// The protocols a client offers (ALPN, wire form; empty: none).
    alpn: Vec<u8>,
    /// Key-exchange groups by TLS id, in preference order (empty:
    /// OpenSSL's default list).
    groups: Vec<u16>,
    /// `SSL_set_quiet_shutdown`: `SSL_shutdown` sends no close_notify.
    quiet_shutdown: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::new()
    }
}

/// Whether `v` counts as a DTLS version where OpenSSL checks that both
/// bounds are of the same protocol family.
fn is_dtls(v: i32) -> bool {
    v == DTLS1_BAD_VER || v >> 8 == 0xFE
}

/// A DTLS version OpenSSL knows (DTLS 1.0 .. 1.2, or the pre-standard one);
/// DTLS numbers decrease as versions increase.
fn valid_dtls(v: i32) -> bool {
    let ordinal = if v == DTLS1_BAD_VER { 0xFF00 } else { v };
    (DTLS1_2_VERSION..=0xFF00).contains(&ordinal)
}

fn valid_tls(v: i32) -> bool {
    (SSL3_VERSION..=TLS1_3_VERSION).contains(&v)
}

impl Settings {
    /// What `SSL_CTX_new` sets, whatever the method.
    pub fn new() -> Settings {
        Settings {
            options: SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT,
            mode: SSL_MODE_AUTO_RETRY,
            verify_mode: SSL_VERIFY_NONE,
            verify_callback: 0,
            security_level: DEFAULT_SECURITY_LEVEL,
            min_version: 0,
            max_version: 0,
            read_ahead: 0,
            max_cert_list: SSL_MAX_CERT_LIST_DEFAULT,
            max_send_fragment: SSL3_RT_MAX_PLAIN_LENGTH as usize,
            split_send_fragment: SSL3_RT_MAX_PLAIN_LENGTH as usize,
            num_tickets: 2,
            tls12_suites: suites::default_tls12(),
            tls13_suites: suites::default_tls13(),
            method_version: 0,
            alpn: Vec::new(),
            groups: Vec::new(),
            quiet_shutdown: false,
        }
    }

    /// A version-specific method's only version (0: any).
    pub fn method_version(&self) -> i32 {
        self.method_version
    }

    pub fn set_method_version(&mut self, version: i32) {
        self.method_version = version;
    }

    /// The client's ALPN list (wire form; empty: none).
    pub fn alpn(&self) -> &[u8] {
        &self.alpn
    }

    /// `SSL_CTX_set_alpn_protos`: an empty list removes ALPN; an invalid
    /// one is refused (false) and nothing changes.
    pub fn set_alpn(&mut self, list: &[u8]) -> bool {
        if !list.is_empty() && !super::alpn::valid(list) {
            return false;
        }
        self.alpn = list.to_vec();
        true
    }

    /// Key-exchange groups by TLS id (empty: OpenSSL's default list).
    pub fn groups(&self) -> &[u16] {
        &self.groups
    }

    pub fn set_groups(&mut self, ids: Vec<u16>) {
        self.groups = ids;
    }

    pub fn quiet_shutdown(&self) -> bool {
        self.quiet_shutdown
    }

    pub fn set_quiet_shutdown(&mut self, on: bool) {
        self.quiet_shutdown = on;
    }

    pub fn options(&self) -> u64 {
        self.options
    }

    /// Adds option bits; returns the new options.
    pub fn set_options(&mut self, bits: u64) -> u64 {
        self.options |= bits;
        self.options
    }

    /// Removes option bits; returns the new options.
    pub fn clear_options(&mut self, bits: u64) -> u64 {
        self.options &= !bits;
        self.options
    }

    pub fn mode(&self) -> u32 {
        self.mode
    }

    /// Adds mode bits; returns the new mode (`SSL_CTRL_MODE`).
    pub fn set_mode(&mut self, bits: u32) -> u32 {
        self.mode |= bits;
        self.mode
    }

    /// Removes mode bits; returns the new mode (`SSL_CTRL_CLEAR_MODE`).
    pub fn clear_mode(&mut self, bits: u32) -> u32 {
        self.mode &= !bits;
        self.mode
    }

    pub fn verify_mode(&self) -> i32 {
        self.verify_mode
    }

    /// The verify callback's address (0: none); see the field.
    pub fn verify_callback(&self) -> usize {
        self.verify_callback
    }

    /// `SSL_CTX_set_verify`: any mode is stored as given.
    pub fn set_verify(&mut self, mode: i32, callback: usize) {
        self.verify_mode = mode;
        self.verify_callback = callback;
    }

    pub fn security_level(&self) -> i32 {
        self.security_level
    }

    /// Any value is stored, as OpenSSL does.
    pub fn set_security_level(&mut self, level: i32) {
        self.security_level = level;
    }

    /// The lowest protocol version allowed (0: none).
    pub fn min_version(&self) -> i32 {
        self.min_version
    }

    /// The highest protocol version allowed (0: none).
    pub fn max_version(&self) -> i32 {
        self.max_version
    }

    /// `SSL_CTX_set_min_proto_version`: false for a value OpenSSL rejects.
    pub fn set_min_version(&mut self, version: i32) -> bool {
        if !Self::compatible(version, self.max_version) {
            return false;
        }
        Self::set_bound(&mut self.min_version, version)
    }

    /// `SSL_CTX_set_max_proto_version`: false for a value OpenSSL rejects.
    pub fn set_max_version(&mut self, version: i32) -> bool {
        if !Self::compatible(self.min_version, version) {
            return false;
        }
        Self::set_bound(&mut self.max_version, version)
    }

    /// Bounds may not mix TLS and DTLS (0 goes with both). Beyond that
    /// OpenSSL checks only that the range contains a version it was built
    /// with, which holds for every pair here: Debian's build has all of
    /// TLS 1.0–1.3, and it even accepts min > max.
    fn compatible(min: i32, max: i32) -> bool {
        let (min_dtls, max_dtls) = (is_dtls(min), is_dtls(max));
        !((min_dtls && !max_dtls && max != 0) || (max_dtls && !min_dtls && min != 0))
    }

    /// 0 clears the bound; a TLS version (SSL 3.0 .. TLS 1.3) is stored; a
    /// DTLS version is accepted and ignored, as TLS methods do.
    fn set_bound(bound: &mut i32, version: i32) -> bool {
        if version == 0 || valid_tls(version) {
            *bound = version;
            true
        } else {
            valid_dtls(version)
        }
    }

    /// The protocol versions a connection may negotiate: TLS 1.3 and 1.2
    /// (all rustls has) within the bounds, without those switched off by
    /// `SSL_OP_NO_TLSv1_3`/`SSL_OP_NO_TLSv1_2`, highest first. As in
    /// OpenSSL, cipher suites play no part: a server that picks TLS 1.3
    /// without a TLS 1.3 suite fails the handshake (rustls does too). May be
    /// empty: the handshake must then fail ("no protocols available").
    pub fn versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        let candidates = [
            (&rustls::version::TLS13, TLS1_3_VERSION, SSL_OP_NO_TLSv1_3),
            (&rustls::version::TLS12, TLS1_2_VERSION, SSL_OP_NO_TLSv1_2),
        ];
        candidates
            .into_iter()
            .filter(|(_, v, off)| {
                (self.method_version == 0 || *v == self.method_version)
                    && self.options & off == 0
                    && (self.min_version == 0 || *v >= self.min_version)
                    && (self.max_version == 0 || *v <= self.max_version)
            })
            .map(|(version, ..)| version)
            .collect()
    }

    /// The versions a client offers: [`Self::versions`], or none when the
    /// highest has no cipher suite (OpenSSL's client then refuses to send
    /// its ClientHello, where rustls would quietly offer less).
    pub fn client_versions(&self) -> Vec<&'static SupportedProtocolVersion> {
        let versions = self.versions();
        let suites_of = |v: &SupportedProtocolVersion| {
            if v.version == rustls::ProtocolVersion::TLSv1_3 {
                &self.tls13_suites
            } else {
                &self.tls12_suites
            }
        };
        match versions.first() {
            Some(top) if suites_of(top).is_empty() => Vec::new(),
            _ => versions,
        }
    }

    /// Whether `version` (e.g. a session's, 0x0303) is one of [`Self::versions`].
    pub fn allows_version(&self, version: u16) -> bool {
        self.versions()
            .iter()
            .any(|v| u16::from(v.version) == version)
    }

    pub fn read_ahead(&self) -> i32 {
        self.read_ahead
    }

    /// Stores the flag; returns the previous one. rustls reads whole
    /// records anyway, so the flag changes nothing else.
    pub fn set_read_ahead(&mut self, on: i32) -> i32 {
        std::mem::replace(&mut self.read_ahead, on)
    }

    /// The largest certificate chain accepted from the peer, in bytes.
    pub fn max_cert_list(&self) -> i64 {
        self.max_cert_list
    }

    /// Returns the previous limit; `None` (nothing changed) for a negative one.
    pub fn set_max_cert_list(&mut self, bytes: i64) -> Option<i64> {
        (bytes >= 0).then(|| std::mem::replace(&mut self.max_cert_list, bytes))
    }

    /// The largest plaintext per record sent (rustls's `max_fragment_size`).
    pub fn max_send_fragment(&self) -> usize {
        self.max_send_fragment
    }

    /// 512 ..= 16384, else refused; lowers the split size to match.
    pub fn set_max_send_fragment(&mut self, bytes: i64) -> bool {
        if !(512..=SSL3_RT_MAX_PLAIN_LENGTH).contains(&bytes) {
            return false;
        }
        self.max_send_fragment = bytes as usize;
        self.split_send_fragment = self.split_send_fragment.min(self.max_send_fragment);
        true
    }

    /// OpenSSL's record size when pipelining (which rustls does not do).
    pub fn split_send_fragment(&self) -> usize {
        self.split_send_fragment
    }

    /// 1 ..= the maximum send fragment, else refused.
    pub fn set_split_send_fragment(&mut self, bytes: i64) -> bool {
        match usize::try_from(bytes) {
            Ok(b) if b != 0 && b <= self.max_send_fragment => {
                self.split_send_fragment = b;
                true
            }
            _ => false,
        }
    }

    /// TLS 1.3 tickets a server sends after a full handshake (default 2).
    pub fn num_tickets(&self) -> usize {
        self.num_tickets
    }

    pub fn set_num_tickets(&mut self, n: usize) {
        self.num_tickets = n;
    }

    /// `SSL_CTX_set_cipher_list`: false if the rules have a syntax error
    /// (nothing changes) or select no TLS 1.2 suite (OpenSSL stores the
    /// empty list all the same, which disables TLS 1.2).
    pub fn set_cipher_list(&mut self, rules: &str) -> bool {
        match suites::cipher_list(rules) {
            Err(RuleError::Syntax) => false,
            Ok(list) => {
                self.tls12_suites = list;
                !self.tls12_suites.is_empty()
            }
        }
    }

    /// `SSL_CTX_set_ciphersuites`: false (nothing changes) if a non-empty
    /// list names no TLS 1.3 suite.
    pub fn set_ciphersuites(&mut self, names: &str) -> bool {
        match suites::ciphersuites(names) {
            Some(list) => {
                self.tls13_suites = list;
                true
            }
            None => false,
        }
    }

    pub fn tls12_suites(&self) -> &[CipherSuite] {
        &self.tls12_suites
    }

    pub fn tls13_suites(&self) -> &[CipherSuite] {
        &self.tls13_suites
    }

    /// The provider's suites for a rustls config: TLS 1.3 first, each
    /// group in the configured order.
    pub fn cipher_suites(&self) -> Vec<SupportedCipherSuite> {
        let provider = provider::get();
        self.tls13_suites
            .iter()
            .chain(&self.tls12_suites)
            .filter_map(|id| {
                provider
                    .cipher_suites
                    .iter()
                    .find(|s| s.suite() == *id)
                    .copied()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_of_a_new_context() {
        let s = Settings::new();
        assert_eq!(s.options(), 0x120000);
        assert_eq!(s.mode(), SSL_MODE_AUTO_RETRY);
        assert_eq!(s.verify_mode(), SSL_VERIFY_NONE);
        assert_eq!(s.security_level(), 2);
        assert_eq!((s.min_version(), s.max_version()), (0, 0));
        assert_eq!(s.read_ahead(), 0);
        assert_eq!(s.max_cert_list(), 102400);
        assert_eq!(s.num_tickets(), 2);
        assert_eq!(s.versions().len(), 2);
        assert_eq!(s.cipher_suites().len(), 9);
        assert_eq!(
            s.cipher_suites()[0].suite(),
            CipherSuite::TLS13_AES_256_GCM_SHA384
        );
    }

    #[test]
    fn options_and_modes_return_the_new_value() {
        let mut s = Settings::new();
        assert_eq!(s.set_options(SSL_OP_ALL), 0x80120850);
        assert_eq!(s.clear_options(SSL_OP_NO_COMPRESSION | 0x800), 0x80100050);
        assert_eq!(s.set_options(1 << 40), 0x100_8010_0050);
        assert_eq!(s.set_mode(SSL_MODE_RELEASE_BUFFERS), 0x14);
        assert_eq!(s.clear_mode(SSL_MODE_AUTO_RETRY), 0x10);
        assert_eq!(s.clear_mode(0xffff_ffff), 0);
    }

    /// Results observed with Debian 12's libssl (TLS_method).
    #[test]
    fn version_bounds() {
        let mut s = Settings::new();
        for v in [0x300, 0x301, 0x302, 0x303, 0x304] {
            assert!(s.set_min_version(v));
            assert_eq!(s.min_version(), v);
        }
        for v in [0x305, 0x2ff, 1, -1, 0x10303] {
            assert!(!s.set_min_version(v), "{v:#x}");
            assert_eq!(s.min_version(), 0x304);
        }
        // DTLS versions: accepted, not stored.
        for v in [DTLS1_VERSION, DTLS1_2_VERSION, DTLS1_BAD_VER] {
            assert!(s.set_min_version(v));
            assert_eq!(s.min_version(), 0x304);
        }
        assert!(s.set_min_version(0));
        assert_eq!(s.min_version(), 0);
        // min > max is accepted.
        assert!(s.set_min_version(0x304));
        assert!(s.set_max_version(0x303));
        assert_eq!((s.min_version(), s.max_version()), (0x304, 0x303));
        assert!(s.versions().is_empty());
        // Mixing TLS and DTLS is not.
        assert!(!s.set_min_version(DTLS1_VERSION));
        assert!(s.set_max_version(0));
        assert!(s.set_min_version(DTLS1_VERSION));
        assert_eq!(s.min_version(), 0x304);
        assert!(s.set_min_version(0));
        assert!(s.set_max_version(DTLS1_VERSION));
        assert!(s.set_min_version(0x303));
        assert!(!s.set_max_version(DTLS1_VERSION));
    }

    #[test]
    fn effective_versions() {
        let names = |s: &Settings| -> Vec<u16> {
            s.versions().iter().map(|v| u16::from(v.version)).collect()
        };
        let mut s = Settings::new();
        assert_eq!(names(&s), vec![0x304, 0x303]);
        s.set_max_version(TLS1_2_VERSION);
        assert_eq!(names(&s), vec![0x303]);
        assert!(s.allows_version(0x303) && !s.allows_version(0x304));
        s.set_max_version(TLS1_1_VERSION);
        assert!(names(&s).is_empty());
        s.set_max_version(0);
        s.set_min_version(TLS1_VERSION);
        s.set_options(SSL_OP_NO_TLSv1_3);
        assert_eq!(names(&s), vec![0x303]);
        s.clear_options(SSL_OP_NO_TLSv1_3);
        s.set_options(SSL_OP_NO_TLSv1_2);
        assert_eq!(names(&s), vec![0x304]);
        s.clear_options(SSL_OP_NO_TLSv1_2);
        // Without TLS 1.3 suites a client offers nothing; a server still
        // negotiates TLS 1.3 (and fails there, as OpenSSL does).
        let client = |s: &Settings| -> Vec<u16> {
            s.client_versions()
                .iter()
                .map(|v| u16::from(v.version))
                .collect()
        };
        assert_eq!(client(&s), vec![0x304, 0x303]);
        assert!(s.set_ciphersuites(""));
        assert_eq!(names(&s), vec![0x304, 0x303]);
        assert!(client(&s).is_empty());
        s.set_max_version(TLS1_2_VERSION);
        assert_eq!(client(&s), vec![0x303]);
        // No TLS 1.2 suite either.
        assert!(!s.set_cipher_list("RSA"));
        assert!(client(&s).is_empty());
        assert_eq!(names(&s), vec![0x303]);
    }

    #[test]
    fn limits() {
        let mut s = Settings::new();
        assert_eq!(s.set_max_cert_list(100), Some(102400));
        assert_eq!(s.set_max_cert_list(-1), None);
        assert_eq!(s.max_cert_list(), 100);
        assert!(!s.set_max_send_fragment(511));
        assert!(!s.set_max_send_fragment(16385));
        assert!(s.set_max_send_fragment(1024));
        assert_eq!(s.split_send_fragment(), 1024);
        assert!(!s.set_split_send_fragment(1025));
        assert!(!s.set_split_send_fragment(0));
        assert!(!s.set_split_send_fragment(-1));
        assert!(s.set_split_send_fragment(512));
        assert_eq!(s.set_read_ahead(1), 0);
        assert_eq!(s.set_read_ahead(0), 1);
    }

    #[test]
    fn cipher_choice() {
        let mut s = Settings::new();
        assert!(s.set_cipher_list("ECDHE-RSA-AES128-GCM-SHA256"));
        assert!(s.set_ciphersuites("TLS_AES_128_GCM_SHA256"));
        let chosen: Vec<CipherSuite> = s.cipher_suites().iter().map(|c| c.suite()).collect();
        assert_eq!(
            chosen,
            vec![
                CipherSuite::TLS13_AES_128_GCM_SHA256,
                CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
            ]
        );
        // A syntax error or an unknown TLS 1.3 list changes nothing.
        assert!(!s.set_cipher_list("HIGH:$"));
        assert!(!s.set_ciphersuites("nope"));
        assert_eq!(s.cipher_suites().len(), 2);
        // No TLS 1.2 match: refused, but stored (OpenSSL).
        assert!(!s.set_cipher_list("aNULL"));
        assert!(s.tls12_suites().is_empty());
    }
}
