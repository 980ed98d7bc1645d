//! The cipher suites rustls (aws-lc-rs) implements, described as OpenSSL
//! describes them (`SSL_CIPHER`), and OpenSSL's two ways of choosing among
//! them: the cipher-list rule language for TLS ≤ 1.2
//! (`SSL_CTX_set_cipher_list`) and the plain name list for TLS 1.3
//! (`SSL_CTX_set_ciphersuites`).
//!
//! Suites OpenSSL knows but rustls does not (CBC, CCM, RSA key exchange…)
//! are unknown here: a rule naming only those selects nothing, and a TLS 1.3
//! name among them is skipped like a name OpenSSL does not know.

use rustls::CipherSuite;

use super::consts::{TLS1_2_VERSION, TLS1_3_VERSION};

/// Key exchange (`Kx=` of `SSL_CIPHER_description`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kx {
    Ecdhe,
    /// TLS 1.3: negotiated separately from the suite.
    Any,
}

/// Authentication (`Au=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    Rsa,
    Ecdsa,
    /// TLS 1.3: negotiated separately from the suite.
    Any,
}

/// Bulk encryption (`Enc=`); every suite here is an AEAD (`Mac=AEAD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enc {
    Aes128Gcm,
    Aes256Gcm,
    Chacha20Poly1305,
}

/// The hash of the handshake and key schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    Sha256,
    Sha384,
}

/// One suite as an `SSL_CIPHER` shows it.
#[derive(Debug, PartialEq, Eq)]
pub struct Suite {
    pub suite: CipherSuite,
    /// OpenSSL's name (`SSL_CIPHER_get_name`).
    pub name: &'static str,
    /// The IANA name (`SSL_CIPHER_standard_name`).
    pub std_name: &'static str,
    /// The lowest protocol version that can use it.
    pub min_version: i32,
    pub kx: Kx,
    pub auth: Auth,
    pub enc: Enc,
    pub digest: Digest,
    /// Symmetric key bits (both of `SSL_CIPHER_get_bits`'s numbers).
    pub bits: i32,
}

const fn suite(
    suite: CipherSuite,
    name: &'static str,
    std_name: &'static str,
    (kx, auth): (Kx, Auth),
    (enc, digest, bits): (Enc, Digest, i32),
) -> Suite {
    let min_version = if matches!(kx, Kx::Any) {
        TLS1_3_VERSION
    } else {
        TLS1_2_VERSION
    };
    Suite {
        suite,
        name,
        std_name,
        min_version,
        kx,
        auth,
        enc,
        digest,
        bits,
    }
}

const TLS13: (Kx, Auth) = (Kx::Any, Auth::Any);
const ECDHE_ECDSA: (Kx, Auth) = (Kx::Ecdhe, Auth::Ecdsa);
const ECDHE_RSA: (Kx, Auth) = (Kx::Ecdhe, Auth::Rsa);
const AES128: (Enc, Digest, i32) = (Enc::Aes128Gcm, Digest::Sha256, 128);
const AES256: (Enc, Digest, i32) = (Enc::Aes256Gcm, Digest::Sha384, 256);
const CHACHA: (Enc, Digest, i32) = (Enc::Chacha20Poly1305, Digest::Sha256, 256);

/// Every suite, each group in OpenSSL's order of preference: TLS 1.3 in its
/// default `SSL_CTX_set_ciphersuites` order, TLS 1.2 in the order its rules
/// add them (what "ALL" gives).
pub static SUITES: [Suite; 9] = [
    suite(
        CipherSuite::TLS13_AES_256_GCM_SHA384,
        "TLS_AES_256_GCM_SHA384",
        "TLS_AES_256_GCM_SHA384",
        TLS13,
        AES256,
    ),
    suite(
        CipherSuite::TLS13_CHACHA20_POLY1305_SHA256,
        "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256",
        TLS13,
        CHACHA,
    ),
    suite(
        CipherSuite::TLS13_AES_128_GCM_SHA256,
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_128_GCM_SHA256",
        TLS13,
        AES128,
    ),
    suite(
        CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        ECDHE_ECDSA,
        AES256,
    ),
    suite(
        CipherSuite::TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        "ECDHE-RSA-AES256-GCM-SHA384",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        ECDHE_RSA,
        AES256,
    ),
    suite(
        CipherSuite::TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        "ECDHE-ECDSA-CHACHA20-POLY1305",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        ECDHE_ECDSA,
        CHACHA,
    ),
    suite(
        CipherSuite::TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        "ECDHE-RSA-CHACHA20-POLY1305",
        "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        ECDHE_RSA,
        CHACHA,
    ),
    suite(
        CipherSuite::TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        ECDHE_ECDSA,
        AES128,
    ),
    suite(
        CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        "ECDHE-RSA-AES128-GCM-SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        ECDHE_RSA,
        AES128,
    ),
];

impl Suite {
    /// OpenSSL's id: 0x0300 followed by the two protocol bytes.
    pub fn id(&self) -> u32 {
        0x0300_0000 | u32::from(u16::from(self.suite))
    }

    pub fn is_tls13(&self) -> bool {
        self.min_version == TLS1_3_VERSION
    }

    /// `SSL_CIPHER_get_version`.
    pub fn version_name(&self) -> &'static str {
        if self.is_tls13() {
            "TLSv1.3"
        } else {
            "TLSv1.2"
        }
    }

    /// One line of `SSL_CIPHER_description` (and `openssl ciphers -v`).
    pub fn description(&self) -> String {
        let kx = match self.kx {
            Kx::Ecdhe => "ECDH",
            Kx::Any => "any",
        };
        let au = match self.auth {
            Auth::Rsa => "RSA",
            Auth::Ecdsa => "ECDSA",
            Auth::Any => "any",
        };
        let enc = match self.enc {
            Enc::Aes128Gcm => "AESGCM(128)",
            Enc::Aes256Gcm => "AESGCM(256)",
            Enc::Chacha20Poly1305 => "CHACHA20/POLY1305(256)",
        };
        format!(
            "{:<30} {:<7} Kx={kx:<8} Au={au:<5} Enc={enc:<22} Mac=AEAD\n",
            self.name,
            self.version_name()
        )
    }

    /// Whether the cipher-list word `word` (an alias or a suite name)
    /// selects this suite. Only TLS ≤ 1.2 suites take part in cipher lists.
    fn matches(&self, word: &str) -> bool {
        let ecdhe = self.kx == Kx::Ecdhe;
        match word {
            "ALL" | "HIGH" | "TLSv1.2" => true,
            "kECDHE" | "kEECDH" | "ECDHE" | "EECDH" | "ECDH" => ecdhe,
            "aRSA" => self.auth == Auth::Rsa,
            "aECDSA" | "ECDSA" => self.auth == Auth::Ecdsa,
            "AES" | "AESGCM" => matches!(self.enc, Enc::Aes128Gcm | Enc::Aes256Gcm),
            "AES128" => self.enc == Enc::Aes128Gcm,
            "AES256" => self.enc == Enc::Aes256Gcm,
            "CHACHA20" => self.enc == Enc::Chacha20Poly1305,
            _ => word == self.name,
        }
    }
}

pub fn by_suite(suite: CipherSuite) -> Option<&'static Suite> {
    SUITES.iter().find(|s| s.suite == suite)
}

/// `SSL_CIPHER_find`: by the two protocol bytes.
pub fn by_protocol_id(id: u16) -> Option<&'static Suite> {
    by_suite(CipherSuite::from(id))
}

/// `OPENSSL_cipher_name`: by IANA name.
pub fn by_std_name(name: &str) -> Option<&'static Suite> {
    SUITES.iter().find(|s| s.std_name == name)
}

/// The TLS 1.2 suites of a new context ("DEFAULT").
pub fn default_tls12() -> Vec<CipherSuite> {
    SUITES
        .iter()
        .filter(|s| !s.is_tls13())
        .map(|s| s.suite)
        .collect()
}

/// The TLS 1.3 suites of a new context.
pub fn default_tls13() -> Vec<CipherSuite> {
    SUITES
        .iter()
        .filter(|s| s.is_tls13())
        .map(|s| s.suite)
        .collect()
}

/// Why a cipher list was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// A character or `@` command OpenSSL rejects: nothing changes.
    Syntax,
}

/// OpenSSL's expansion of a leading "DEFAULT".
const DEFAULT_RULES: &str = "ALL:!COMPLEMENTOFDEFAULT:!eNULL";

fn is_separator(c: char) -> bool {
    matches!(c, ':' | ' ' | ',' | ';')
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '=')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    /// `+`: move the selected active suites to the end.
    Move,
    /// `-`: deactivate (they may be added again, before the rest).
    Delete,
    /// `!`: remove for good.
    Kill,
}

/// The TLS ≤ 1.2 suites a cipher list selects, in order
/// (`SSL_CTX_set_cipher_list`). An empty result is not an error here:
/// OpenSSL stores it and then fails the call.
///
/// The list is OpenSSL's: every known suite in its base order, each active
/// or not; each rule applies to the suites that match all its `+`-joined
/// words: plain adds inactive ones at the end, `+` moves active ones to the
/// end, `-` deactivates (moving them to the front, so that a later add puts
/// them first), `!` removes them. `@STRENGTH` sorts by key bits (stably),
/// `@SECLEVEL=n` is accepted; words that match nothing are ignored.
pub fn cipher_list(rules: &str) -> Result<Vec<CipherSuite>, RuleError> {
    // (suite, active), in list order
    let mut list: Vec<(&'static Suite, bool)> = SUITES
        .iter()
        .filter(|s| !s.is_tls13())
        .map(|s| (s, false))
        .collect();
    let rest = match rules.strip_prefix("DEFAULT") {
        Some(rest) => {
            apply_rules(&mut list, DEFAULT_RULES)?;
            rest
        }
        None => rules,
    };
    apply_rules(&mut list, rest)?;
    Ok(list
        .into_iter()
        .filter(|(_, active)| *active)
        .map(|(s, _)| s.suite)
        .collect())
}

fn apply_rules(list: &mut Vec<(&'static Suite, bool)>, rules: &str) -> Result<(), RuleError> {
    for item in rules.split(is_separator).filter(|i| !i.is_empty()) {
        let (op, body) = match item.as_bytes()[0] {
            b'!' => (Op::Kill, &item[1..]),
            b'-' => (Op::Delete, &item[1..]),
            b'+' => (Op::Move, &item[1..]),
            _ => (Op::Add, item),
        };
        if let Some(command) = body.strip_prefix('@') {
            special(list, command)?;
            continue;
        }
        let words: Vec<&str> = body.split('+').collect();
        if words
            .iter()
            .any(|w| w.is_empty() || !w.chars().all(is_word_char))
        {
            return Err(RuleError::Syntax);
        }
        let selected = |s: &Suite| words.iter().all(|w| s.matches(w));
        apply(list, op, selected);
    }
    Ok(())
}

fn special(list: &mut [(&'static Suite, bool)], command: &str) -> Result<(), RuleError> {
    match command.strip_prefix("SECLEVEL=") {
        // The security level belongs to certificate checks, not to suites.
        Some(level) if matches!(level.as_bytes(), [b'0'..=b'5']) => Ok(()),
        Some(_) => Err(RuleError::Syntax),
        None if command == "STRENGTH" => {
            list.sort_by_key(|(s, _)| std::cmp::Reverse(s.bits));
            Ok(())
        }
        None => Err(RuleError::Syntax),
    }
}

fn apply(list: &mut Vec<(&'static Suite, bool)>, op: Op, selected: impl Fn(&Suite) -> bool) {
    let (chosen, others): (Vec<_>, Vec<_>) = list.drain(..).partition(|(s, active)| {
        selected(s)
            && match op {
                Op::Add => !active,
                Op::Move | Op::Delete => *active,
                Op::Kill => true,
            }
    });
    *list = match op {
        Op::Add | Op::Move => others
            .into_iter()
            .chain(chosen.into_iter().map(|(s, _)| (s, true)))
            .collect(),
        Op::Delete => chosen
            .into_iter()
            .map(|(s, _)| (s, false))
            .chain(others)
            .collect(),
        Op::Kill => others,
    };
}

/// The TLS 1.3 suites a colon-separated list of IANA names selects
/// (`SSL_CTX_set_ciphersuites`): unknown names are skipped; `None` if the
/// list is not empty but names no suite. An empty list turns TLS 1.3 off.
pub fn ciphersuites(names: &str) -> Option<Vec<CipherSuite>> {
    if names.is_empty() {
        return Some(Vec::new());
    }
    let mut chosen: Vec<CipherSuite> = Vec::new();
    for name in names.split(':').map(str::trim) {
        if let Some(s) = SUITES.iter().find(|s| s.is_tls13() && s.std_name == name) {
            chosen.push(s.suite);
        }
    }
    (!chosen.is_empty()).then_some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(rules: &str) -> Vec<&'static str> {
        cipher_list(rules)
            .unwrap()
            .into_iter()
            .map(|c| by_suite(c).unwrap().name)
            .collect()
    }

    const E256: &str = "ECDHE-ECDSA-AES256-GCM-SHA384";
    const R256: &str = "ECDHE-RSA-AES256-GCM-SHA384";
    const ECHA: &str = "ECDHE-ECDSA-CHACHA20-POLY1305";
    const RCHA: &str = "ECDHE-RSA-CHACHA20-POLY1305";
    const E128: &str = "ECDHE-ECDSA-AES128-GCM-SHA256";
    const R128: &str = "ECDHE-RSA-AES128-GCM-SHA256";

    /// Orders observed with `openssl ciphers -tls1_2 RULES` (Debian 12,
    /// OpenSSL 3.0.19), restricted to the suites rustls implements.
    #[test]
    fn rule_orders_match_openssl() {
        let all = vec![E256, R256, ECHA, RCHA, E128, R128];
        assert_eq!(names("ALL"), all);
        assert_eq!(names("DEFAULT"), all);
        assert_eq!(names("HIGH"), all);
        assert_eq!(names("DEFAULT:!aNULL"), all);
        assert_eq!(names("ALL:@STRENGTH"), all);
        assert_eq!(names("HIGH:@SECLEVEL=1"), all);
        assert_eq!(names("aRSA"), vec![R256, RCHA, R128]);
        assert_eq!(names("kEECDH+aRSA"), vec![R256, RCHA, R128]);
        assert_eq!(
            names("ECDHE+AESGCM:CHACHA20"),
            vec![E256, R256, E128, R128, ECHA, RCHA]
        );
        assert_eq!(
            names("CHACHA20:ECDHE"),
            vec![ECHA, RCHA, E256, R256, E128, R128]
        );
        assert_eq!(
            names("AES128:ALL"),
            vec![E128, R128, E256, R256, ECHA, RCHA]
        );
        assert_eq!(names("-ALL:ECDHE-RSA-AES128-GCM-SHA256"), vec![R128]);
        assert_eq!(
            names("ALL:-aRSA:aRSA"),
            vec![E256, ECHA, E128, R256, RCHA, R128]
        );
        assert_eq!(names("ALL:!aRSA:aRSA"), vec![E256, ECHA, E128]);
        assert_eq!(
            names("ALL:+aECDSA"),
            vec![R256, RCHA, R128, E256, ECHA, E128]
        );
        assert_eq!(names("AES256:+AES256:AES128"), vec![E256, R256, E128, R128]);
        assert_eq!(
            names("ECDHE:-AES256:AES"),
            vec![ECHA, RCHA, E128, R128, E256, R256]
        );
        assert_eq!(names("AES"), vec![E256, R256, E128, R128]);
        assert!(names("SHA256").is_empty());
        assert!(names("RSA:AES128-SHA:FOO").is_empty());
        assert!(names("").is_empty());
        assert_eq!(names("DEFAULTX"), all);
        assert_eq!(names(":::HIGH"), all);
        assert_eq!(names("-HIGH:HIGH"), all);
        assert!(names("!HIGH:HIGH").is_empty());
        assert!(names("@STRENGTH").is_empty());
    }

    #[test]
    fn syntax_errors() {
        assert_eq!(cipher_list("HIGH:$$"), Err(RuleError::Syntax));
        assert_eq!(cipher_list("@FOO"), Err(RuleError::Syntax));
        assert_eq!(cipher_list("HIGH:@SECLEVEL=9"), Err(RuleError::Syntax));
        assert_eq!(cipher_list("HIGH+"), Err(RuleError::Syntax));
        assert_eq!(cipher_list("HIGH:!"), Err(RuleError::Syntax));
        assert!(cipher_list("HIGH,!aNULL;+AES256 AES").is_ok());
    }

    #[test]
    fn tls13_names() {
        assert_eq!(
            ciphersuites("TLS_AES_128_GCM_SHA256:nope: TLS_AES_256_GCM_SHA384"),
            Some(vec![
                CipherSuite::TLS13_AES_128_GCM_SHA256,
                CipherSuite::TLS13_AES_256_GCM_SHA384
            ])
        );
        assert_eq!(ciphersuites(""), Some(vec![]));
        assert_eq!(ciphersuites("nope"), None);
        assert_eq!(ciphersuites("::"), None);
        assert_eq!(
            ciphersuites(" TLS_CHACHA20_POLY1305_SHA256 "),
            Some(vec![CipherSuite::TLS13_CHACHA20_POLY1305_SHA256])
        );
        // A TLS 1.2 name is not a TLS 1.3 suite here.
        assert_eq!(ciphersuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), None);
    }

    /// Values read from Debian 12's libssl (SSL_CIPHER_find and accessors).
    #[test]
    fn descriptions_and_ids() {
        let s = by_protocol_id(0xc02f).unwrap();
        assert_eq!(s.id(), 0x0300_c02f);
        assert_eq!(s.std_name, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assert_eq!(
            s.description(),
            "ECDHE-RSA-AES128-GCM-SHA256    TLSv1.2 Kx=ECDH     Au=RSA   Enc=AESGCM(128)            Mac=AEAD\n"
        );
        let t = by_protocol_id(0x1303).unwrap();
        assert_eq!(t.version_name(), "TLSv1.3");
        assert_eq!(
            t.description(),
            "TLS_CHACHA20_POLY1305_SHA256   TLSv1.3 Kx=any      Au=any   Enc=CHACHA20/POLY1305(256) Mac=AEAD\n"
        );
        assert_eq!(
            by_std_name("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256")
                .unwrap()
                .name,
            ECHA
        );
        assert!(by_protocol_id(0x002f).is_none());
    }

    /// Every suite of the provider has an entry, and nothing else does.
    #[test]
    fn table_covers_the_provider() {
        let provider = crate::tls::provider::get();
        let mut ours: Vec<u16> = SUITES.iter().map(|s| u16::from(s.suite)).collect();
        let mut theirs: Vec<u16> = provider
            .cipher_suites
            .iter()
            .map(|s| u16::from(s.suite()))
            .collect();
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs);
    }
}
