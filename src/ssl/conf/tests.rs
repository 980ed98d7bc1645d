use super::*;

/// A target that records what the face would be asked.
#[derive(Default)]
struct Mock {
    attached: bool,
    method_version: i32,
    settings: Settings,
    calls: Vec<(Cmd, String)>,
    setter_rv: i32,
    has_key: bool,
}

impl Target for Mock {
    fn attached(&self) -> bool {
        self.attached
    }
    fn method_version(&self) -> i32 {
        self.method_version
    }
    fn settings(&mut self, f: &mut dyn FnMut(&mut Settings)) {
        if self.attached {
            f(&mut self.settings)
        }
    }
    fn setter(&mut self, cmd: Cmd, value: &str) -> i32 {
        self.calls.push((cmd, value.to_owned()));
        if cmd == Cmd::PrivateKey && self.setter_rv > 0 {
            self.has_key = true;
        }
        self.setter_rv
    }
    fn has_private_key(&self) -> bool {
        self.has_key
    }
}

fn attached() -> Mock {
    Mock {
        attached: true,
        setter_rv: 1,
        ..Mock::default()
    }
}

fn conf(flags: u32) -> ConfCtx {
    let mut c = ConfCtx::new();
    c.flags = flags;
    c
}

fn run(c: &mut ConfCtx, t: &mut Mock, cmd: &str, value: Option<&str>) -> i32 {
    c.cmd(t, Some(cmd), value).0
}

#[test]
fn names_flags_and_prefixes() {
    let mut t = attached();
    let mut file = conf(FLAG_FILE | FLAG_CLIENT);
    assert_eq!(run(&mut file, &mut t, "minprotocol", Some("TLSv1.2")), 2);
    assert_eq!(t.settings.min_version(), TLS1_2_VERSION);
    // Command-line names are not file names, and the other way round.
    assert_eq!(run(&mut file, &mut t, "min_protocol", Some("TLSv1.2")), -2);
    let mut cl = conf(FLAG_CMDLINE | FLAG_CLIENT);
    assert_eq!(run(&mut cl, &mut t, "-max_protocol", Some("TLSv1.2")), 2);
    assert_eq!(t.settings.max_version(), TLS1_2_VERSION);
    assert_eq!(run(&mut cl, &mut t, "max_protocol", Some("TLSv1.2")), -2);
    assert_eq!(run(&mut cl, &mut t, "-MAX_PROTOCOL", Some("TLSv1.2")), -2);
    assert_eq!(run(&mut cl, &mut t, "-", None), -2);
    assert_eq!(run(&mut cl, &mut t, "-MaxProtocol", Some("TLSv1.2")), -2);
    // Neither kind of name: nothing is found.
    let mut none = conf(FLAG_CLIENT);
    assert_eq!(run(&mut none, &mut t, "MinProtocol", Some("TLSv1.2")), -2);
    // Prefixes: exact on the command line, without case in files.
    cl.set_prefix(Some("--ssl-"));
    assert_eq!(run(&mut cl, &mut t, "--ssl-no_ticket", None), 1);
    assert_eq!(run(&mut cl, &mut t, "--SSL-no_ticket", None), -2);
    assert_eq!(run(&mut cl, &mut t, "--ssl-", None), -2);
    file.set_prefix(Some("TLS."));
    assert_eq!(
        run(&mut file, &mut t, "tls.Options", Some("-SessionTicket")),
        2
    );
    assert_eq!(
        run(&mut file, &mut t, "Options", Some("-SessionTicket")),
        -2
    );
    // Server-only and certificate commands need their flags.
    assert_eq!(run(&mut cl, &mut t, "--ssl-serverpref", None), -2);
    assert_eq!(run(&mut cl, &mut t, "--ssl-cert", Some("f")), -2);
    cl.flags |= FLAG_SERVER | FLAG_CERTIFICATE;
    assert_eq!(run(&mut cl, &mut t, "--ssl-serverpref", None), 1);
    assert_eq!(run(&mut cl, &mut t, "--ssl-cert", Some("f")), 2);
    assert_eq!(t.calls.last(), Some(&(Cmd::Certificate, "f".to_owned())));
}

#[test]
fn return_values_and_reports() {
    let mut t = attached();
    let mut c = conf(FLAG_CMDLINE | FLAG_SERVER);
    assert_eq!(c.cmd(&mut t, None, None), (0, Some(Report::NullCommand)));
    assert_eq!(c.cmd(&mut t, Some("-bogus"), None), (-2, None));
    assert_eq!(c.cmd(&mut t, Some("-cipher"), None), (-3, None));
    // A switch ignores a value.
    assert_eq!(c.cmd(&mut t, Some("-no_ticket"), Some("x")), (1, None));
    c.flags |= FLAG_SHOW_ERRORS;
    assert_eq!(
        c.cmd(&mut t, Some("-bogus"), None),
        (
            -2,
            Some(Report::Unknown {
                cmd: "bogus".into()
            })
        )
    );
    assert_eq!(
        c.cmd(&mut t, Some("-cipher"), None),
        (
            -3,
            Some(Report::BadValue {
                cmd: "cipher".into(),
                value: "<EMPTY>".into()
            })
        )
    );
    t.setter_rv = 0;
    assert_eq!(
        c.cmd(&mut t, Some("-cipher"), Some("NONE")),
        (
            0,
            Some(Report::BadValue {
                cmd: "cipher".into(),
                value: "NONE".into()
            })
        )
    );
    // Without the '-', the name is reported as given.
    assert_eq!(
        c.cmd(&mut t, Some("x"), None).1,
        Some(Report::Unknown { cmd: "x".into() })
    );
}

#[test]
fn switches_and_lists() {
    let mut t = attached();
    let base = t.settings.options();
    let mut cl = conf(FLAG_CMDLINE | FLAG_SERVER);
    for s in ["-no_tls1_3", "-serverpref", "-no_middlebox", "-bugs"] {
        assert_eq!(run(&mut cl, &mut t, s, None), 1, "{s}");
    }
    let o = t.settings.options();
    assert_eq!(
        o,
        (base | SSL_OP_NO_TLSv1_3 | SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_ALL)
            & !SSL_OP_ENABLE_MIDDLEBOX_COMPAT
    );
    assert_eq!(run(&mut cl, &mut t, "-comp", None), 1);
    assert_eq!(t.settings.options() & SSL_OP_NO_COMPRESSION, 0);

    let mut t = attached();
    let mut f = conf(FLAG_FILE | FLAG_CLIENT);
    assert_eq!(run(&mut f, &mut t, "Protocol", Some("-ALL, TLSv1.2")), 2);
    assert_eq!(
        t.settings.options() & NO_SSL_MASK,
        NO_SSL_MASK & !SSL_OP_NO_TLSv1_2
    );
    // Applied up to the element that fails.
    assert_eq!(run(&mut f, &mut t, "Protocol", Some("tlsv1.3,bogus")), 0);
    assert_eq!(t.settings.options() & SSL_OP_NO_TLSv1_3, 0);
    assert_eq!(run(&mut f, &mut t, "Protocol", Some("TLSv1.2,")), 0);
    assert_eq!(run(&mut f, &mut t, "Protocol", Some("")), 0);
    // Server-only options are unknown to a client context.
    assert_eq!(run(&mut f, &mut t, "Options", Some("ServerPreference")), 0);
    assert_eq!(
        run(
            &mut f,
            &mut t,
            "Options",
            Some("-SessionTicket,PrioritizeChaCha")
        ),
        2
    );
    let o = t.settings.options();
    assert!(o & SSL_OP_NO_TICKET != 0 && o & SSL_OP_PRIORITIZE_CHACHA != 0);
    assert_eq!(run(&mut f, &mut t, "Options", Some("+SessionTicket")), 2);
    assert_eq!(t.settings.options() & SSL_OP_NO_TICKET, 0);
    // Neither side: no entry matches.
    let mut n = conf(FLAG_FILE);
    assert_eq!(run(&mut n, &mut t, "Options", Some("Bugs")), 0);
    // Verify modes.
    assert_eq!(run(&mut f, &mut t, "VerifyMode", Some("Peer")), 2);
    assert_eq!(t.settings.verify_mode(), SSL_VERIFY_PEER);
    assert_eq!(run(&mut f, &mut t, "VerifyMode", Some("Require")), 0);
    let mut s = conf(FLAG_FILE | FLAG_SERVER);
    assert_eq!(run(&mut s, &mut t, "VerifyMode", Some("Require,Once")), 2);
    assert_eq!(t.settings.verify_mode(), 7);
    assert_eq!(run(&mut s, &mut t, "VerifyMode", Some("-Once")), 2);
    assert_eq!(t.settings.verify_mode(), 2);

    // Without a target: names are checked, nothing changes.
    let mut u = Mock::default();
    assert_eq!(run(&mut f, &mut u, "Options", Some("Bugs")), 2);
    assert_eq!(run(&mut f, &mut u, "Options", Some("Bogus")), 0);
    assert_eq!(run(&mut cl, &mut u, "-no_tls1_2", None), 1);
    assert_eq!(u.settings.options(), Settings::new().options());
}

#[test]
fn protocol_bounds() {
    let mut t = attached();
    let mut f = conf(FLAG_FILE | FLAG_CLIENT);
    assert_eq!(run(&mut f, &mut t, "MinProtocol", Some("TLSv1.3")), 2);
    assert_eq!(t.settings.min_version(), TLS1_3_VERSION);
    assert_eq!(run(&mut f, &mut t, "MinProtocol", Some("tlsv1.2")), 0);
    assert_eq!(run(&mut f, &mut t, "MinProtocol", Some("DTLSv1.2")), 2);
    assert_eq!(t.settings.min_version(), TLS1_3_VERSION);
    assert_eq!(run(&mut f, &mut t, "MinProtocol", Some("None")), 2);
    assert_eq!(t.settings.min_version(), 0);
    // A version-specific method keeps its bounds ("None" clears them).
    t.method_version = TLS1_2_VERSION;
    assert_eq!(run(&mut f, &mut t, "MaxProtocol", Some("TLSv1.1")), 2);
    assert_eq!(t.settings.max_version(), 0);
    // Without a target: an error.
    let mut u = Mock::default();
    assert_eq!(run(&mut f, &mut u, "MinProtocol", Some("TLSv1.2")), 0);
}

#[test]
fn setters_and_their_targets() {
    let mut f = conf(FLAG_FILE | FLAG_SERVER | FLAG_CERTIFICATE);
    // Without a target, only syntax-checked commands reach the face.
    let mut u = Mock {
        setter_rv: 1,
        ..Mock::default()
    };
    for (cmd, v) in [
        ("CipherString", "HIGH"),
        ("Certificate", "c.pem"),
        ("PrivateKey", "k.pem"),
        ("VerifyCAFile", "ca.pem"),
        ("DHParameters", "dh.pem"),
    ] {
        assert_eq!(run(&mut f, &mut u, cmd, Some(v)), 2, "{cmd}");
    }
    assert!(u.calls.is_empty());
    assert_eq!(run(&mut f, &mut u, "Groups", Some("P-256")), 2);
    assert_eq!(run(&mut f, &mut u, "RequestCAFile", Some("ca.pem")), 2);
    assert_eq!(u.calls.len(), 2);
    assert_eq!(run(&mut f, &mut u, "NumTickets", Some("3")), 0);
    // ECDHParameters: "automatic" (files) and "auto" (command line).
    assert_eq!(run(&mut f, &mut u, "ECDHParameters", Some("+Automatic")), 2);
    assert_eq!(run(&mut f, &mut u, "ECDHParameters", Some("auto")), 2);
    assert_eq!(run(&mut f, &mut u, "ECDHParameters", Some("a:b")), 0);

    let mut t = attached();
    assert_eq!(run(&mut f, &mut t, "NumTickets", Some(" 4x")), 2);
    assert_eq!(run(&mut f, &mut t, "NumTickets", Some("-1")), 0);
    assert_eq!(run(&mut f, &mut t, "RecordPadding", Some("16")), 2);
    assert_eq!(
        t.calls,
        vec![
            (Cmd::NumTickets, " 4x".to_owned()),
            (Cmd::RecordPadding, "16".to_owned())
        ]
    );
    assert_eq!(atoi(" -12ab"), -12);
    assert_eq!(atoi("x"), 0);
}

#[test]
fn finish_loads_the_key_of_the_certificate_file() {
    let mut f = conf(FLAG_FILE | FLAG_CERTIFICATE | FLAG_REQUIRE_PRIVATE | FLAG_SERVER);
    let mut t = attached();
    assert_eq!(run(&mut f, &mut t, "Certificate", Some("both.pem")), 2);
    assert!(f.finish(&mut t));
    assert_eq!(
        t.calls.last(),
        Some(&(Cmd::PrivateKey, "both.pem".to_owned()))
    );
    // With a key already, nothing more.
    let n = t.calls.len();
    assert!(f.finish(&mut t));
    assert_eq!(t.calls.len(), n);
    // A key that cannot be loaded fails finish.
    let mut t = attached();
    assert_eq!(run(&mut f, &mut t, "Certificate", Some("c.pem")), 2);
    t.setter_rv = 0;
    assert!(!f.finish(&mut t));
}

#[test]
fn value_types_and_argv() {
    let c = conf(FLAG_CMDLINE | FLAG_SERVER | FLAG_CERTIFICATE);
    assert_eq!(c.value_type(Some("-cert")), ValueType::File);
    assert_eq!(c.value_type(Some("-chainCApath")), ValueType::Dir);
    assert_eq!(c.value_type(Some("-no_ticket")), ValueType::None);
    assert_eq!(c.value_type(Some("-cipher")), ValueType::String);
    assert_eq!(c.value_type(Some("-verifyCAstore")), ValueType::Store);
    assert_eq!(c.value_type(Some("cipher")), ValueType::Unknown);
    assert_eq!(c.value_type(None), ValueType::Unknown);

    let mut c = conf(FLAG_FILE | FLAG_CLIENT);
    let mut t = attached();
    assert_eq!(argv_step(&mut c, &mut t, "-no_ticket", Some("x")).0, 1);
    assert_eq!(c.flags & (FLAG_FILE | FLAG_CMDLINE), FLAG_CMDLINE);
    assert_eq!(argv_step(&mut c, &mut t, "-cipher", Some("HIGH")).0, 2);
    assert_eq!(argv_step(&mut c, &mut t, "-cipher", None).0, -3);
    assert_eq!(argv_step(&mut c, &mut t, "-bogus", None).0, 0);
    t.setter_rv = 0;
    assert_eq!(argv_step(&mut c, &mut t, "-cipher", Some("NONE")).0, -1);
}

#[test]
fn table_names_are_unique_per_kind() {
    for (i, a) in COMMANDS.iter().enumerate() {
        for b in &COMMANDS[i + 1..] {
            assert!(a.cmdline.is_none() || a.cmdline != b.cmdline, "{a:?}");
            assert!(
                a.file.is_none()
                    || b.file.is_none()
                    || !a.file.unwrap().eq_ignore_ascii_case(b.file.unwrap()),
                "{a:?}"
            );
        }
    }
}
