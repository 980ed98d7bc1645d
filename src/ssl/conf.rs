//! `SSL_CONF`: OpenSSL 3.0's named configuration commands ("MinProtocol",
//! "-cipher", "Options"…) applied to a context or connection, as nginx's
//! `ssl_conf_command`, the openssl command line and `openssl.cnf`'s
//! `ssl_conf` sections use them.
//!
//! One table ([`COMMANDS`]) gives each command its names (configuration
//! file and command line), the flags that allow it and its value type; the
//! rules around it are OpenSSL's: prefixes, which flags allow what, return
//! values (2 value used, 1 switch, 0 error, -2 unknown command, -3 missing
//! value), the error reports of `SSL_CONF_FLAG_SHOW_ERRORS`, the option
//! lists of `Protocol`, `Options` and `VerifyMode` (applied element by
//! element), and `SSL_CONF_CTX_finish`'s private key and CA names.
//! Options, verify modes and protocol bounds change the [`Settings`]
//! directly; everything OpenSSL does through another public setter goes
//! through the face's ([`Target::setter`]), so that both behave alike.

use super::config::Settings;
use super::config::consts::*;

/// `SSL_CONF_FLAG_*`.
pub const FLAG_CMDLINE: u32 = 0x1;
pub const FLAG_FILE: u32 = 0x2;
pub const FLAG_CLIENT: u32 = 0x4;
pub const FLAG_SERVER: u32 = 0x8;
pub const FLAG_SHOW_ERRORS: u32 = 0x10;
pub const FLAG_CERTIFICATE: u32 = 0x20;
pub const FLAG_REQUIRE_PRIVATE: u32 = 0x40;

/// `SSL_CONF_TYPE_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Unknown = 0,
    String = 1,
    File = 2,
    Dir = 3,
    None = 4,
    Store = 5,
}

/// The commands that take a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    SignatureAlgorithms,
    ClientSignatureAlgorithms,
    Curves,
    Groups,
    ECDHParameters,
    CipherString,
    Ciphersuites,
    Protocol,
    MinProtocol,
    MaxProtocol,
    Options,
    VerifyMode,
    Certificate,
    PrivateKey,
    ServerInfoFile,
    ChainCAPath,
    ChainCAFile,
    ChainCAStore,
    VerifyCAPath,
    VerifyCAFile,
    VerifyCAStore,
    RequestCAFile,
    ClientCAFile,
    RequestCAPath,
    ClientCAPath,
    RequestCAStore,
    ClientCAStore,
    DHParameters,
    RecordPadding,
    NumTickets,
}

/// What a switch changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bits {
    /// `SSL_OP_*` bits, set (or cleared when inverted).
    Options(u64),
    /// `SSL_CERT_FLAG_TLS_STRICT`: a certificate flag rustls has no use for.
    CertStrict,
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Switch { bits: Bits, invert: bool },
    Value(Cmd),
}

/// One command of the table.
#[derive(Debug)]
pub struct Command {
    /// Its name in configuration files (compared without case).
    file: Option<&'static str>,
    /// Its name on the command line (after the '-', compared exactly).
    cmdline: Option<&'static str>,
    /// `FLAG_CLIENT`, `FLAG_SERVER`, `FLAG_CERTIFICATE`: all of those it
    /// has must be set on the context for the command to exist.
    flags: u32,
    value_type: ValueType,
    action: Action,
}

const fn switch(name: &'static str, flags: u32, bits: Bits, invert: bool) -> Command {
    Command {
        file: None,
        cmdline: Some(name),
        flags,
        value_type: ValueType::None,
        action: Action::Switch { bits, invert },
    }
}

const fn value(
    cmd: Cmd,
    file: &'static str,
    cmdline: Option<&'static str>,
    flags: u32,
    value_type: ValueType,
) -> Command {
    Command {
        file: Some(file),
        cmdline,
        flags,
        value_type,
        action: Action::Value(cmd),
    }
}

const fn op(bits: u64) -> Bits {
    Bits::Options(bits)
}

use ValueType::{Dir, File, Store, String as Str};

/// OpenSSL 3.0's commands, in its order (lookups take the first match).
/// `SSL_OP_SINGLE_ECDH_USE` is 0 in OpenSSL 3.0.
pub static COMMANDS: &[Command] = &[
    switch("no_ssl3", 0, op(SSL_OP_NO_SSLv3), false),
    switch("no_tls1", 0, op(SSL_OP_NO_TLSv1), false),
    switch("no_tls1_1", 0, op(SSL_OP_NO_TLSv1_1), false),
    switch("no_tls1_2", 0, op(SSL_OP_NO_TLSv1_2), false),
    switch("no_tls1_3", 0, op(SSL_OP_NO_TLSv1_3), false),
    switch("bugs", 0, op(SSL_OP_ALL), false),
    switch("no_comp", 0, op(SSL_OP_NO_COMPRESSION), false),
    switch("comp", 0, op(SSL_OP_NO_COMPRESSION), true),
    switch("ecdh_single", FLAG_SERVER, op(0), false),
    switch("no_ticket", 0, op(SSL_OP_NO_TICKET), false),
    switch(
        "serverpref",
        FLAG_SERVER,
        op(SSL_OP_CIPHER_SERVER_PREFERENCE),
        false,
    ),
    switch(
        "legacy_renegotiation",
        0,
        op(SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION),
        false,
    ),
    switch(
        "client_renegotiation",
        FLAG_SERVER,
        op(SSL_OP_ALLOW_CLIENT_RENEGOTIATION),
        false,
    ),
    switch(
        "legacy_server_connect",
        FLAG_CLIENT,
        op(SSL_OP_LEGACY_SERVER_CONNECT),
        false,
    ),
    switch("no_renegotiation", 0, op(SSL_OP_NO_RENEGOTIATION), false),
    switch(
        "no_resumption_on_reneg",
        FLAG_SERVER,
        op(SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION),
        false,
    ),
    switch(
        "no_legacy_server_connect",
        FLAG_CLIENT,
        op(SSL_OP_LEGACY_SERVER_CONNECT),
        true,
    ),
    switch("allow_no_dhe_kex", 0, op(SSL_OP_ALLOW_NO_DHE_KEX), false),
    switch(
        "prioritize_chacha",
        FLAG_SERVER,
        op(SSL_OP_PRIORITIZE_CHACHA),
        false,
    ),
    switch("strict", 0, Bits::CertStrict, false),
    switch("no_middlebox", 0, op(SSL_OP_ENABLE_MIDDLEBOX_COMPAT), true),
    switch("anti_replay", FLAG_SERVER, op(SSL_OP_NO_ANTI_REPLAY), true),
    switch(
        "no_anti_replay",
        FLAG_SERVER,
        op(SSL_OP_NO_ANTI_REPLAY),
        false,
    ),
    switch("no_etm", 0, op(SSL_OP_NO_ENCRYPT_THEN_MAC), false),
    value(
        Cmd::SignatureAlgorithms,
        "SignatureAlgorithms",
        Some("sigalgs"),
        0,
        Str,
    ),
    value(
        Cmd::ClientSignatureAlgorithms,
        "ClientSignatureAlgorithms",
        Some("client_sigalgs"),
        0,
        Str,
    ),
    value(Cmd::Curves, "Curves", Some("curves"), 0, Str),
    value(Cmd::Groups, "Groups", Some("groups"), 0, Str),
    value(
        Cmd::ECDHParameters,
        "ECDHParameters",
        Some("named_curve"),
        FLAG_SERVER,
        Str,
    ),
    value(Cmd::CipherString, "CipherString", Some("cipher"), 0, Str),
    value(
        Cmd::Ciphersuites,
        "Ciphersuites",
        Some("ciphersuites"),
        0,
        Str,
    ),
    value(Cmd::Protocol, "Protocol", None, 0, Str),
    value(
        Cmd::MinProtocol,
        "MinProtocol",
        Some("min_protocol"),
        0,
        Str,
    ),
    value(
        Cmd::MaxProtocol,
        "MaxProtocol",
        Some("max_protocol"),
        0,
        Str,
    ),
    value(Cmd::Options, "Options", None, 0, Str),
    value(Cmd::VerifyMode, "VerifyMode", None, 0, Str),
    value(
        Cmd::Certificate,
        "Certificate",
        Some("cert"),
        FLAG_CERTIFICATE,
        File,
    ),
    value(
        Cmd::PrivateKey,
        "PrivateKey",
        Some("key"),
        FLAG_CERTIFICATE,
        File,
    ),
    value(
        Cmd::ServerInfoFile,
        "ServerInfoFile",
        None,
        FLAG_SERVER | FLAG_CERTIFICATE,
        File,
    ),
    value(
        Cmd::ChainCAPath,
        "ChainCAPath",
        Some("chainCApath"),
        FLAG_CERTIFICATE,
        Dir,
    ),
    value(
        Cmd::ChainCAFile,
        "ChainCAFile",
        Some("chainCAfile"),
        FLAG_CERTIFICATE,
        File,
    ),
    value(
        Cmd::ChainCAStore,
        "ChainCAStore",
        Some("chainCAstore"),
        FLAG_CERTIFICATE,
        Store,
    ),
    value(
        Cmd::VerifyCAPath,
        "VerifyCAPath",
        Some("verifyCApath"),
        FLAG_CERTIFICATE,
        Dir,
    ),
    value(
        Cmd::VerifyCAFile,
        "VerifyCAFile",
        Some("verifyCAfile"),
        FLAG_CERTIFICATE,
        File,
    ),
    value(
        Cmd::VerifyCAStore,
        "VerifyCAStore",
        Some("verifyCAstore"),
        FLAG_CERTIFICATE,
        Store,
    ),
    value(
        Cmd::RequestCAFile,
        "RequestCAFile",
        Some("requestCAFile"),
        FLAG_CERTIFICATE,
        File,
    ),
    value(
        Cmd::ClientCAFile,
        "ClientCAFile",
        None,
        FLAG_SERVER | FLAG_CERTIFICATE,
        File,
    ),
    value(
        Cmd::RequestCAPath,
        "RequestCAPath",
        None,
        FLAG_CERTIFICATE,
        Dir,
    ),
    value(
        Cmd::ClientCAPath,
        "ClientCAPath",
        None,
        FLAG_SERVER | FLAG_CERTIFICATE,
        Dir,
    ),
    value(
        Cmd::RequestCAStore,
        "RequestCAStore",
        Some("requestCAStore"),
        FLAG_CERTIFICATE,
        Store,
    ),
    value(
        Cmd::ClientCAStore,
        "ClientCAStore",
        None,
        FLAG_SERVER | FLAG_CERTIFICATE,
        Store,
    ),
    value(
        Cmd::DHParameters,
        "DHParameters",
        Some("dhparam"),
        FLAG_SERVER | FLAG_CERTIFICATE,
        File,
    ),
    value(
        Cmd::RecordPadding,
        "RecordPadding",
        Some("record_padding"),
        0,
        Str,
    ),
    value(
        Cmd::NumTickets,
        "NumTickets",
        Some("num_tickets"),
        FLAG_SERVER,
        Str,
    ),
];

/// The context or connection commands apply to; the face implements it.
pub trait Target {
    /// Whether a context or connection is set (`SSL_CONF_CTX_set_ssl_ctx`
    /// / `_set_ssl`); without one most commands only check their value.
    fn attached(&self) -> bool;
    /// The only version of the (context's) method, 0 for the flexible
    /// ones.
    fn method_version(&self) -> i32;
    /// Changes the settings of what is attached (nothing if nothing is).
    fn settings(&mut self, f: &mut dyn FnMut(&mut Settings));
    /// What OpenSSL does through another public function (cipher lists,
    /// groups, signature algorithms, files and stores, DH parameters,
    /// record padding, tickets, CA names), with OpenSSL's result for it:
    /// > 0 when the value was used.
    fn setter(&mut self, cmd: Cmd, value: &str) -> i32;
    /// Whether what is attached has a private key.
    fn has_private_key(&self) -> bool;
}

/// A report OpenSSL puts on the error queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// `SSL_R_INVALID_NULL_CMD_NAME` (always).
    NullCommand,
    /// `SSL_R_UNKNOWN_CMD_NAME`, "cmd=%s" (with `FLAG_SHOW_ERRORS`).
    Unknown { cmd: String },
    /// `SSL_R_BAD_VALUE`, "cmd=%s, value=%s" (with `FLAG_SHOW_ERRORS`).
    BadValue { cmd: String, value: String },
}

/// The state of an `SSL_CONF_CTX` besides its target.
#[derive(Debug, Default, Clone)]
pub struct ConfCtx {
    pub flags: u32,
    prefix: Option<String>,
    /// The certificate file loaded last (`FLAG_REQUIRE_PRIVATE`): its key
    /// is looked for there by `finish`.
    cert_file: Option<String>,
}

/// ASCII case-insensitive prefix test.
fn starts_with_nocase(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// C's `isspace` in the C locale.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// C's `atoi`: optional blanks and sign, then digits (0 without any).
pub fn atoi(s: &str) -> i64 {
    let s = s.trim_start_matches(is_space);
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let n = digits
        .bytes()
        .take_while(u8::is_ascii_digit)
        .fold(0i64, |n, d| {
            n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
        });
    if neg { -n } else { n }
}

/// OpenSSL's protocol names (`protocol_from_string`), exactly.
fn protocol_from_string(v: &str) -> Option<i32> {
    Some(match v {
        "None" => 0,
        "SSLv3" => SSL3_VERSION,
        "TLSv1" => TLS1_VERSION,
        "TLSv1.1" => TLS1_1_VERSION,
        "TLSv1.2" => TLS1_2_VERSION,
        "TLSv1.3" => TLS1_3_VERSION,
        "DTLSv1" => DTLS1_VERSION,
        "DTLSv1.2" => DTLS1_2_VERSION,
        _ => return None,
    })
}

/// One entry of an option list: its name, what it changes, which contexts
/// know it (`FLAG_CLIENT`/`FLAG_SERVER`) and whether it is inverted.
struct ListItem {
    name: &'static str,
    bits: u64,
    sides: u32,
    invert: bool,
    /// The bits are verify mode bits, not options.
    verify: bool,
}

const BOTH: u32 = FLAG_CLIENT | FLAG_SERVER;

const fn item(name: &'static str, bits: u64, sides: u32, invert: bool) -> ListItem {
    ListItem {
        name,
        bits,
        sides,
        invert,
        verify: false,
    }
}

const fn vfy(name: &'static str, bits: i32, sides: u32) -> ListItem {
    ListItem {
        name,
        bits: bits as u64,
        sides,
        invert: false,
        verify: true,
    }
}

/// `SSL_OP_NO_SSL_MASK`.
const NO_SSL_MASK: u64 =
    SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1 | SSL_OP_NO_TLSv1_2 | SSL_OP_NO_TLSv1_3;

static PROTOCOLS: &[ListItem] = &[
    item("ALL", NO_SSL_MASK, BOTH, true),
    item("SSLv2", 0, BOTH, true),
    item("SSLv3", SSL_OP_NO_SSLv3, BOTH, true),
    item("TLSv1", SSL_OP_NO_TLSv1, BOTH, true),
    item("TLSv1.1", SSL_OP_NO_TLSv1_1, BOTH, true),
    item("TLSv1.2", SSL_OP_NO_TLSv1_2, BOTH, true),
    item("TLSv1.3", SSL_OP_NO_TLSv1_3, BOTH, true),
    // SSL_OP_NO_DTLSv1 / _2 share TLS 1.0's and 1.2's bits.
    item("DTLSv1", SSL_OP_NO_TLSv1, BOTH, true),
    item("DTLSv1.2", SSL_OP_NO_TLSv1_2, BOTH, true),
];

static OPTIONS: &[ListItem] = &[
    item("SessionTicket", SSL_OP_NO_TICKET, BOTH, true),
    item(
        "EmptyFragments",
        SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS,
        BOTH,
        true,
    ),
    item("Bugs", SSL_OP_ALL, BOTH, false),
    item("Compression", SSL_OP_NO_COMPRESSION, BOTH, true),
    item(
        "ServerPreference",
        SSL_OP_CIPHER_SERVER_PREFERENCE,
        FLAG_SERVER,
        false,
    ),
    item(
        "NoResumptionOnRenegotiation",
        SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION,
        FLAG_SERVER,
        false,
    ),
    item("DHSingle", 0, FLAG_SERVER, false),
    item("ECDHSingle", 0, FLAG_SERVER, false),
    item(
        "UnsafeLegacyRenegotiation",
        SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION,
        BOTH,
        false,
    ),
    item(
        "UnsafeLegacyServerConnect",
        SSL_OP_LEGACY_SERVER_CONNECT,
        BOTH,
        false,
    ),
    item(
        "ClientRenegotiation",
        SSL_OP_ALLOW_CLIENT_RENEGOTIATION,
        BOTH,
        false,
    ),
    item("EncryptThenMac", SSL_OP_NO_ENCRYPT_THEN_MAC, BOTH, true),
    item("NoRenegotiation", SSL_OP_NO_RENEGOTIATION, BOTH, false),
    item("AllowNoDHEKEX", SSL_OP_ALLOW_NO_DHE_KEX, BOTH, false),
    item("PrioritizeChaCha", SSL_OP_PRIORITIZE_CHACHA, BOTH, false),
    item(
        "MiddleboxCompat",
        SSL_OP_ENABLE_MIDDLEBOX_COMPAT,
        BOTH,
        false,
    ),
    item("AntiReplay", SSL_OP_NO_ANTI_REPLAY, BOTH, true),
    item(
        "ExtendedMasterSecret",
        SSL_OP_NO_EXTENDED_MASTER_SECRET,
        BOTH,
        true,
    ),
    item("CANames", SSL_OP_DISABLE_TLSEXT_CA_NAMES, BOTH, true),
    item("KTLS", SSL_OP_ENABLE_KTLS, BOTH, false),
];

static VERIFY_MODES: &[ListItem] = &[
    vfy("Peer", SSL_VERIFY_PEER, FLAG_CLIENT),
    vfy("Request", SSL_VERIFY_PEER, FLAG_SERVER),
    vfy(
        "Require",
        SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
        FLAG_SERVER,
    ),
    vfy(
        "Once",
        SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE,
        FLAG_SERVER,
    ),
    vfy(
        "RequestPostHandshake",
        SSL_VERIFY_PEER | SSL_VERIFY_POST_HANDSHAKE,
        FLAG_SERVER,
    ),
    vfy(
        "RequirePostHandshake",
        SSL_VERIFY_PEER | SSL_VERIFY_POST_HANDSHAKE | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
        FLAG_SERVER,
    ),
];

/// Sets or clears option or verify bits on what is attached.
fn set_bits(t: &mut dyn Target, bits: u64, verify: bool, on: bool) {
    t.settings(&mut |s| {
        if verify {
            let mode = if on {
                s.verify_mode() | bits as i32
            } else {
                s.verify_mode() & !(bits as i32)
            };
            s.set_verify(mode, s.verify_callback());
        } else if on {
            s.set_options(bits);
        } else {
            s.clear_options(bits);
        }
    });
}

impl ConfCtx {
    pub fn new() -> ConfCtx {
        ConfCtx::default()
    }

    /// `SSL_CONF_CTX_set1_prefix` (`None` removes it).
    pub fn set_prefix(&mut self, prefix: Option<&str>) {
        self.prefix = prefix.map(str::to_owned);
    }

    /// The command's name without the prefix (or the command line's '-');
    /// `None` if it lacks them.
    fn strip<'a>(&self, cmd: &'a str) -> Option<&'a str> {
        match &self.prefix {
            Some(p) => {
                if cmd.len() <= p.len() {
                    return None;
                }
                if self.flags & FLAG_CMDLINE != 0 && !cmd.starts_with(p.as_str()) {
                    return None;
                }
                if self.flags & FLAG_FILE != 0 && !starts_with_nocase(cmd, p) {
                    return None;
                }
                cmd.get(p.len()..)
            }
            None if self.flags & FLAG_CMDLINE != 0 => {
                cmd.strip_prefix('-').filter(|c| !c.is_empty())
            }
            None => Some(cmd),
        }
    }

    /// The command of this name the flags allow.
    fn lookup(&self, name: &str) -> Option<&'static Command> {
        let need = FLAG_CLIENT | FLAG_SERVER | FLAG_CERTIFICATE;
        COMMANDS.iter().find(|c| {
            c.flags & need & !self.flags == 0
                && ((self.flags & FLAG_CMDLINE != 0 && c.cmdline == Some(name))
                    || (self.flags & FLAG_FILE != 0
                        && c.file.is_some_and(|f| f.eq_ignore_ascii_case(name))))
        })
    }

    /// `SSL_CONF_cmd_value_type`.
    pub fn value_type(&self, cmd: Option<&str>) -> ValueType {
        cmd.and_then(|c| self.strip(c))
            .and_then(|c| self.lookup(c))
            .map_or(ValueType::Unknown, |c| c.value_type)
    }

    /// `SSL_CONF_cmd`: 2 (value used), 1 (switch), 0 (error), -2 (unknown
    /// command) or -3 (missing value), and what to report.
    pub fn cmd(
        &mut self,
        t: &mut dyn Target,
        cmd: Option<&str>,
        value: Option<&str>,
    ) -> (i32, Option<Report>) {
        let Some(cmd) = cmd else {
            return (0, Some(Report::NullCommand));
        };
        let show = self.flags & FLAG_SHOW_ERRORS != 0;
        let stripped = self.strip(cmd);
        let Some(found) = stripped.and_then(|c| self.lookup(c)) else {
            let name = stripped.unwrap_or(cmd).to_owned();
            return (-2, show.then_some(Report::Unknown { cmd: name }));
        };
        let name = stripped.unwrap_or(cmd);
        let rv = match (found.action, value) {
            (Action::Switch { bits, invert }, _) => {
                if let Bits::Options(b) = bits {
                    set_bits(t, b, false, !invert);
                }
                return (1, None);
            }
            (Action::Value(_), None) => -3,
            (Action::Value(c), Some(v)) => match self.run(t, c, v) {
                r if r > 0 => return (2, None),
                -2 => -2,
                _ => 0,
            },
        };
        let report = show.then(|| Report::BadValue {
            cmd: name.to_owned(),
            value: value.unwrap_or("<EMPTY>").to_owned(),
        });
        (rv, report)
    }

    /// One command with its value: > 0 when the value was used, -2 for a
    /// command the flags do not allow.
    fn run(&mut self, t: &mut dyn Target, cmd: Cmd, value: &str) -> i32 {
        match cmd {
            Cmd::Protocol => self.list(t, PROTOCOLS, value),
            Cmd::Options => self.list(t, OPTIONS, value),
            Cmd::VerifyMode => self.list(t, VERIFY_MODES, value),
            Cmd::MinProtocol | Cmd::MaxProtocol => {
                i32::from(bound(t, value, cmd == Cmd::MaxProtocol))
            }
            Cmd::ECDHParameters => {
                if self.flags & FLAG_FILE != 0
                    && (value.eq_ignore_ascii_case("+automatic")
                        || value.eq_ignore_ascii_case("automatic"))
                {
                    return 1;
                }
                if self.flags & FLAG_CMDLINE != 0 && value == "auto" {
                    return 1;
                }
                if value.contains(':') {
                    return 0;
                }
                if t.attached() {
                    t.setter(cmd, value)
                } else {
                    1
                }
            }
            Cmd::Certificate => {
                let rv = if t.attached() {
                    t.setter(cmd, value)
                } else {
                    1
                };
                if rv > 0 && t.attached() && self.flags & FLAG_REQUIRE_PRIVATE != 0 {
                    self.cert_file = Some(value.to_owned());
                }
                rv
            }
            Cmd::PrivateKey => self.private_key(t, value),
            Cmd::RecordPadding | Cmd::NumTickets => {
                if atoi(value) >= 0 && t.attached() {
                    t.setter(cmd, value)
                } else {
                    0
                }
            }
            // Checked even without a target, as OpenSSL's setters check
            // them given a NULL context; the CA names go to the conf
            // context itself.
            Cmd::SignatureAlgorithms
            | Cmd::ClientSignatureAlgorithms
            | Cmd::Curves
            | Cmd::Groups
            | Cmd::RequestCAFile
            | Cmd::ClientCAFile
            | Cmd::RequestCAPath
            | Cmd::ClientCAPath
            | Cmd::RequestCAStore
            | Cmd::ClientCAStore => t.setter(cmd, value),
            _ if !t.attached() => 1,
            _ => t.setter(cmd, value),
        }
    }

    fn private_key(&mut self, t: &mut dyn Target, value: &str) -> i32 {
        if self.flags & FLAG_CERTIFICATE == 0 {
            return -2;
        }
        if t.attached() {
            t.setter(Cmd::PrivateKey, value)
        } else {
            1
        }
    }

    /// An option list (`CONF_parse_list` with ',' and blanks trimmed):
    /// each element, with an optional '+' or '-', is looked up without
    /// case among the entries this context's side knows, and applied at
    /// once; the first that fails ends the list (0).
    fn list(&self, t: &mut dyn Target, items: &[ListItem], value: &str) -> i32 {
        for elem in value.split(',') {
            let elem = elem.trim_matches(is_space);
            if elem.is_empty() {
                return 0;
            }
            let (on, name) = match elem.as_bytes()[0] {
                b'+' => (true, &elem[1..]),
                b'-' => (false, &elem[1..]),
                _ => (true, elem),
            };
            let Some(it) = items
                .iter()
                .find(|i| self.flags & i.sides != 0 && i.name.eq_ignore_ascii_case(name))
            else {
                return 0;
            };
            set_bits(t, it.bits, it.verify, on != it.invert);
        }
        1
    }

    /// `SSL_CONF_CTX_finish`: with `FLAG_REQUIRE_PRIVATE`, a certificate
    /// loaded without a key gets the key from its own file. 0 if that
    /// fails (the face then hands over the CA names).
    pub fn finish(&mut self, t: &mut dyn Target) -> bool {
        if t.attached() && self.flags & FLAG_REQUIRE_PRIVATE != 0 {
            if let Some(file) = self.cert_file.clone() {
                if !t.has_private_key() && self.private_key(t, &file) == 0 {
                    return false;
                }
            }
        }
        true
    }
}

/// `MinProtocol`/`MaxProtocol` (OpenSSL's `ssl_set_version_bound`, without
/// the check `SSL_CTX_set_min_proto_version` adds): a version-specific
/// method keeps its bounds, and DTLS versions are accepted and ignored.
fn bound(t: &mut dyn Target, value: &str, max: bool) -> bool {
    if !t.attached() {
        return false;
    }
    let Some(version) = protocol_from_string(value) else {
        return false;
    };
    if version != 0 && !(SSL3_VERSION..=TLS1_3_VERSION).contains(&version) {
        // A DTLS version: valid, not a TLS method's bound.
        return true;
    }
    // "None" clears the bound of any method.
    if version == 0 || t.method_version() == 0 {
        t.settings(&mut |s| {
            if max {
                s.set_max_version(version);
            } else {
                s.set_min_version(version);
            }
        });
    }
    true
}

/// `SSL_CONF_cmd_argv`'s step: the argument at the front and the one after
/// it; returns what to skip (> 0), 0 (not a command), -1 (error) or -3.
pub fn argv_step(
    c: &mut ConfCtx,
    t: &mut dyn Target,
    arg: &str,
    next: Option<&str>,
) -> (i32, Option<Report>) {
    c.flags = (c.flags & !FLAG_FILE) | FLAG_CMDLINE;
    let (rv, report) = c.cmd(t, Some(arg), next);
    let rv = match rv {
        r if r > 0 => r,
        -2 => 0,
        0 => -1,
        r => r,
    };
    (rv, report)
}

#[cfg(test)]
mod tests;
