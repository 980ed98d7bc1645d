//! The authentication state machine driven through the session's hooks:
//! requests are "sent" by running the pre_send hooks and "answered" by
//! setting a status and response headers and ending the request.

use std::cell::RefCell;
use std::rc::Rc;

use super::*;
use crate::http::codes::{AUTH, ERROR, OK, PROXYAUTH, RETRY, sessflag};
use crate::http::{Request, Session};
use crate::text::hash::{self, StrHash};

fn session(scheme: &[u8]) -> Rc<Session> {
    Session::create(scheme, b"example.com", 80)
}

fn request(sess: &Rc<Session>, method: &str, target: &str) -> Box<Request> {
    let r = Box::new(Request::new(
        sess.clone(),
        method.as_bytes(),
        target.as_bytes(),
    ));
    r.run_create_hooks();
    r
}

/// The header lines the hooks add to the request.
fn sent(req: &Request) -> String {
    let mut out = Vec::new();
    req.session().hooks.pre_send.run(|h| h(req, &mut out));
    String::from_utf8(out).unwrap()
}

fn respond(req: &Request, code: i32, headers: &[(&str, &str)]) -> i32 {
    req.status.code.set(code);
    req.status.klass.set(code / 100);
    {
        let mut h = req.resp_headers.borrow_mut();
        h.clear();
        for (name, value) in headers {
            h.add(name.to_ascii_lowercase().as_bytes(), value.as_bytes());
        }
    }
    req.end()
}

fn error(sess: &Session) -> String {
    String::from_utf8(sess.error()).unwrap()
}

fn fill(buf: &mut Buffer, s: &str) {
    buf[..s.len()].copy_from_slice(s.as_bytes());
    buf[s.len()] = 0;
}

type Log = Rc<RefCell<Vec<String>>>;

/// An ne_auth_creds-style callback: logs "(realm, attempt)", supplies
/// `user`/"open sesame", agrees while attempt < `tries`.
fn creds(log: &Log, user: &'static str, tries: i32) -> Provider {
    let log = log.clone();
    Provider::Creds(Box::new(move |realm, attempt, u, p| {
        log.borrow_mut().push(format!(
            "({}, {attempt})",
            String::from_utf8_lossy(realm.bytes())
        ));
        fill(u, user);
        fill(p, "open sesame");
        i32::from(attempt >= tries)
    }))
}

const WALLY: (&str, &str) = ("WWW-Authenticate", "Basic realm=WallyWorld");
const ALADDIN: &str = "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n";

#[test]
fn basic_retries_then_gives_up() {
    let sess = session(b"http");
    let log = Log::default();
    register(
        &sess,
        Class::Server,
        false,
        DEFAULT,
        creds(&log, "Aladdin", 2),
    );
    let req = request(&sess, "GET", "/norman");
    assert_eq!(sent(&req), "");
    assert_eq!(respond(&req, 401, &[WALLY]), RETRY);
    assert_eq!(sent(&req), ALADDIN);
    assert_eq!(respond(&req, 401, &[WALLY]), RETRY);
    assert_eq!(respond(&req, 401, &[WALLY]), AUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: rejected Basic challenge"
    );
    assert_eq!(
        *log.borrow(),
        ["(WallyWorld, 0)", "(WallyWorld, 1)", "(WallyWorld, 2)"]
    );
    // Given up: the credentials are gone.
    assert_eq!(sent(&req), "");

    // A new request restarts the callback's count.
    let req = request(&sess, "GET", "/norman");
    assert_eq!(respond(&req, 401, &[WALLY]), RETRY);
    assert_eq!(respond(&req, 200, &[]), OK);
    assert_eq!(log.borrow().last().unwrap(), "(WallyWorld, 0)");
}

#[test]
fn basic_scope_star_and_forget() {
    let sess = session(b"http");
    register(
        &sess,
        Class::Server,
        false,
        BASIC,
        creds(&Log::default(), "Aladdin", 9),
    );
    let req = request(&sess, "GET", "/fish/0.txt");
    assert_eq!(respond(&req, 401, &[WALLY]), RETRY);
    assert_eq!(sent(&req), ALADDIN);
    assert_eq!(sent(&request(&sess, "GET", "/not/inside")), "");
    assert_eq!(sent(&request(&sess, "GET", "/fish/1")), ALADDIN);
    assert_eq!(sent(&request(&sess, "OPTIONS", "*")), "");

    // Credentials accepted for "*" apply everywhere.
    let req = request(&sess, "OPTIONS", "*");
    assert_eq!(respond(&req, 401, &[WALLY]), RETRY);
    assert_eq!(sent(&request(&sess, "GET", "/anywhere")), ALADDIN);

    forget(&sess);
    assert_eq!(sent(&request(&sess, "GET", "/anywhere")), "");
}

#[test]
fn basic_refusals() {
    let sess = session(b"http");
    register(
        &sess,
        Class::Server,
        false,
        BASIC,
        creds(&Log::default(), "user:name", 9),
    );
    let req = request(&sess, "GET", "/");
    assert_eq!(respond(&req, 401, &[WALLY]), AUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: cannot handle Basic challenge for username containing colon"
    );
    let req = request(&sess, "GET", "/");
    assert_eq!(respond(&req, 401, &[("WWW-Authenticate", "Basic")]), AUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: missing realm in Basic challenge"
    );
    let req = request(&sess, "GET", "/");
    assert_eq!(respond(&req, 401, &[("WWW-Authenticate", "")]), AUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: could not parse challenge"
    );
    let req = request(&sess, "GET", "/");
    let nego = (
        "WWW-Authenticate",
        "Negotiate abc=, NTLM, Digest realm=x, Basic realm=\"r\"",
    );
    assert_eq!(respond(&req, 401, &[nego]), AUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: ignored Negotiate challenge, ignored NTLM challenge, \
         ignored Digest challenge, cannot handle Basic challenge for username containing colon"
    );
    // A 401 without a challenge, or another status, is left alone.
    let req = request(&sess, "GET", "/");
    assert_eq!(respond(&req, 401, &[]), OK);
    assert_eq!(respond(&req, 407, &[WALLY]), OK);
}

#[test]
fn handlers_in_registration_order() {
    let sess = session(b"http");
    let log = Log::default();
    for (id, mask) in [(1, BASIC), (2, DIGEST)] {
        let log = log.clone();
        register(
            &sess,
            Class::Server,
            false,
            mask,
            Provider::Creds(Box::new(move |realm, attempt, _, _| {
                let realm = String::from_utf8_lossy(realm.bytes()).into_owned();
                log.borrow_mut()
                    .push(format!("[id={id}, realm={realm}, tries={attempt}]"));
                -1
            })),
        );
    }
    let req = request(&sess, "GET", "/fish");
    let chall = "Basic realm='fish', Digest realm='food', algorithm=MD5, qop=auth, nonce=gaga";
    assert_eq!(respond(&req, 401, &[("WWW-Authenticate", chall)]), AUTH);
    assert_eq!(
        *log.borrow(),
        ["[id=2, realm=food, tries=0]", "[id=1, realm=fish, tries=0]"]
    );
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: rejected Digest challenge, rejected Basic challenge"
    );
}

fn h(alg: u32, parts: &[&str]) -> String {
    let mut h = StrHash::new(alg).unwrap();
    for p in parts {
        h.update(p.as_bytes());
    }
    String::from_utf8(h.finish()).unwrap()
}

/// The parameters of a Digest Authorization line.
fn params(line: &str) -> std::collections::HashMap<String, String> {
    let v = line
        .trim_end()
        .split_once(": Digest ")
        .expect("a Digest response")
        .1;
    v.split(", ")
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap();
            (k.to_string(), v.trim_matches('"').to_string())
        })
        .collect()
}

#[test]
fn digest_with_nonce_counts_and_authentication_info() {
    let sess = session(b"http");
    let log = Log::default();
    register(
        &sess,
        Class::Server,
        false,
        DIGEST,
        creds(&log, "Aladdin", 9),
    );
    let chall = "Digest realm=\"WallyWorld\", qop=\"auth\", algorithm=\"SHA-256\", opaque=\"op\", nonce=\"n1\"";
    let req = request(&sess, "GET", "/fish");
    assert_eq!(respond(&req, 401, &[("WWW-Authenticate", chall)]), RETRY);
    for nc in 1..=3 {
        let p = params(&sent(&req));
        assert_eq!(p["nc"], format!("{nc:08x}"));
        assert_eq!(
            (&*p["username"], &*p["realm"], &*p["opaque"]),
            ("Aladdin", "WallyWorld", "op")
        );
        assert_eq!(
            (&*p["algorithm"], &*p["qop"], &*p["uri"]),
            ("SHA-256", "auth", "/fish")
        );
        let ha1 = h(hash::SHA256, &["Aladdin:WallyWorld:open sesame"]);
        let rhs = format!("n1:{}:{}:auth", p["nc"], p["cnonce"]);
        let expected = h(
            hash::SHA256,
            &[&ha1, ":", &rhs, ":", &h(hash::SHA256, &["GET:/fish"])],
        );
        assert_eq!(p["response"], expected);
        let rspauth = h(
            hash::SHA256,
            &[&ha1, ":", &rhs, ":", &h(hash::SHA256, &[":/fish"])],
        );
        let info = format!(
            "qop=auth, rspauth=\"{rspauth}\", cnonce=\"{}\", nc={}",
            p["cnonce"], p["nc"]
        );
        assert_eq!(respond(&req, 200, &[("Authentication-Info", &info)]), OK);
    }
    // A wrong rspauth fails the request.
    let p = params(&sent(&req));
    let info = format!(
        "qop=auth, rspauth=\"00\", cnonce=\"{}\", nc={}",
        p["cnonce"], p["nc"]
    );
    assert_eq!(respond(&req, 200, &[("Authentication-Info", &info)]), ERROR);
    assert_eq!(
        error(&sess),
        "Digest mutual authentication failure: request-digest mismatch"
    );
    assert_eq!(log.borrow().len(), 1);
}

#[test]
fn digest_stale_nonce_keeps_credentials() {
    let sess = session(b"http");
    let log = Log::default();
    register(
        &sess,
        Class::Server,
        false,
        DIGEST,
        creds(&log, "Aladdin", 9),
    );
    let req = request(&sess, "GET", "/");
    let stale = (
        "WWW-Authenticate",
        "Digest realm=r, qop=auth, nonce=n, stale='true'",
    );
    assert_eq!(respond(&req, 401, &[stale]), AUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: initial Digest challenge was stale"
    );

    let req = request(&sess, "GET", "/");
    assert_eq!(
        respond(
            &req,
            401,
            &[("WWW-Authenticate", "Digest realm=r, qop=auth, nonce=n")]
        ),
        RETRY
    );
    let first = params(&sent(&req));
    let stale = (
        "WWW-Authenticate",
        "Digest realm=r, qop=auth, nonce=n2, stale=true",
    );
    assert_eq!(respond(&req, 401, &[stale]), RETRY);
    let second = params(&sent(&req));
    assert_eq!((&*second["nonce"], &*second["nc"]), ("n2", "00000001"));
    assert_eq!(first["cnonce"], second["cnonce"]);
    assert_eq!(
        log.borrow().len(),
        1,
        "no new credentials for a stale nonce"
    );
    let moved = (
        "WWW-Authenticate",
        "Digest realm=other, qop=auth, nonce=n3, stale=true",
    );
    assert_eq!(respond(&req, 401, &[moved]), AUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: stale Digest challenge with new algorithm or realm"
    );
}

#[test]
fn digest_refusals() {
    let cases = [
        (
            DIGEST,
            "Digest realm=r, nonce=n",
            "legacy Digest challenge not supported",
        ),
        (
            DIGEST,
            "Digest realm=r, nonce=n, qop=auth, algorithm=fish",
            "unknown algorithm in Digest challenge",
        ),
        (
            DIGEST | LEGACY_DIGEST,
            "Digest realm=r, nonce=n, algorithm=MD5-sess",
            "incompatible algorithm in Digest challenge",
        ),
        (
            DIGEST,
            "Digest realm=r, qop=auth",
            "missing parameter in Digest challenge",
        ),
        (
            DIGEST,
            "Digest realm=r, nonce=n, qop=auth, domain=\"http://[::1/\"",
            "could not parse domain in Digest challenge",
        ),
    ];
    for (mask, chall, why) in cases {
        let sess = session(b"http");
        register(
            &sess,
            Class::Server,
            false,
            mask,
            creds(&Log::default(), "u", 9),
        );
        let req = request(&sess, "GET", "/");
        assert_eq!(
            respond(&req, 401, &[("WWW-Authenticate", chall)]),
            AUTH,
            "{chall}"
        );
        assert_eq!(
            error(&sess),
            format!("Could not authenticate to server: {why}")
        );
    }
}

#[test]
fn digest_legacy_and_usernames() {
    let sess = session(b"http");
    register(
        &sess,
        Class::Server,
        false,
        LEGACY_DIGEST,
        creds(&Log::default(), "Aladdin", 9),
    );
    let req = request(&sess, "GET", "/x");
    assert_eq!(
        respond(
            &req,
            401,
            &[("WWW-Authenticate", "Digest realm=r, nonce=n")]
        ),
        RETRY
    );
    let p = params(&sent(&req));
    let ha1 = h(hash::MD5, &["Aladdin:r:open sesame"]);
    assert_eq!(
        p["response"],
        h(hash::MD5, &[&ha1, ":n:", &h(hash::MD5, &["GET:/x"])])
    );
    assert!(!p.contains_key("cnonce") && !p.contains_key("qop"));

    // userhash=true: the username is sent hashed.
    let sess = session(b"http");
    register(
        &sess,
        Class::Server,
        false,
        DIGEST,
        creds(&Log::default(), "Aladdin", 9),
    );
    let req = request(&sess, "GET", "/");
    let chall = (
        "WWW-Authenticate",
        "Digest realm=r, nonce=n, qop=auth, userhash=true",
    );
    assert_eq!(respond(&req, 401, &[chall]), RETRY);
    let p = params(&sent(&req));
    assert_eq!(p["username"], h(hash::MD5, &["Aladdin:r"]));
    assert_eq!(p["userhash"], "true");

    // Non-ASCII usernames need userhash=false and an ne_auth_provide callback.
    let provide = || {
        Provider::Provide(Box::new(|attempt, proto, _, u, p| {
            assert_eq!(proto, DIGEST);
            fill(u, "J\u{e4}s\u{f8}n Doe");
            fill(p, "pw");
            attempt
        }))
    };
    let chall = (
        "WWW-Authenticate",
        "Digest realm=r, nonce=n, qop=auth, userhash=false",
    );
    let sess = session(b"http");
    register(&sess, Class::Server, false, DIGEST, provide());
    let req = request(&sess, "GET", "/");
    assert_eq!(respond(&req, 401, &[chall]), RETRY);
    assert_eq!(
        params(&sent(&req))["username*"],
        "UTF-8''J%c3%a4s%c3%b8n%20Doe"
    );

    let sess = session(b"http");
    register(
        &sess,
        Class::Server,
        false,
        DIGEST,
        creds(&Log::default(), "J\u{e4}", 9),
    );
    let req = request(&sess, "GET", "/");
    assert_eq!(respond(&req, 401, &[chall]), AUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to server: could not handle non-ASCII username in Digest challenge"
    );
}

#[test]
fn digest_domain_limits_credentials() {
    let sess = Session::create(b"http", b"localhost", 4242);
    register(
        &sess,
        Class::Server,
        false,
        DIGEST,
        creds(&Log::default(), "u", 9),
    );
    let req = request(&sess, "GET", "/fish/0");
    let chall = "Digest realm=r, nonce=n, qop=auth, domain=\"http://localhost:4242/fish/ https://example.com /other\"";
    assert_eq!(respond(&req, 401, &[("WWW-Authenticate", chall)]), RETRY);
    assert!(sent(&req).starts_with("Authorization: Digest "));
    assert_eq!(sent(&request(&sess, "GET", "/outside")), "");
    assert!(!sent(&request(&sess, "GET", "/others")).is_empty());
    assert_eq!(sent(&request(&sess, "OPTIONS", "*")), "");
}

#[test]
fn proxy_class() {
    let sess = session(b"http");
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    add_both(&sess, move |attempt, proto, _, u, p| {
        l.borrow_mut().push((attempt, proto));
        fill(u, "Aladdin");
        fill(p, "open sesame");
        attempt
    });
    let req = request(&sess, "GET", "http://example.com/x");
    let chall = ("Proxy-Authenticate", "Basic realm=proxy");
    assert_eq!(respond(&req, 407, &[chall]), RETRY);
    assert_eq!(
        sent(&req),
        "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n"
    );
    assert_eq!(respond(&req, 407, &[chall]), PROXYAUTH);
    assert_eq!(
        error(&sess),
        "Could not authenticate to proxy server: rejected Basic challenge"
    );
    assert_eq!(*log.borrow(), [(0, PROXY | BASIC), (1, PROXY | BASIC)]);
}

/// ne_add_auth: the proxy class first, then the server class.
fn add_both(
    sess: &Session,
    f: impl Fn(i32, u32, &ZStr, &mut Buffer, &mut Buffer) -> i32 + 'static,
) {
    let f = Rc::new(f);
    for class in [Class::Proxy, Class::Server] {
        let f = f.clone();
        register(
            sess,
            class,
            false,
            DEFAULT,
            Provider::Provide(Box::new(move |a, p, r, u, w| f(a, p, r, u, w))),
        );
    }
}

#[test]
fn challenges_reset_connection_auth_flag() {
    let sess = session(b"http");
    register(
        &sess,
        Class::Server,
        false,
        BASIC,
        creds(&Log::default(), "u", 9),
    );
    sess.set_flag(sessflag::CONNAUTH, 1);
    let req = request(&sess, "GET", "/");
    assert_eq!(respond(&req, 200, &[]), OK);
    assert_eq!(sess.flag(sessflag::CONNAUTH), 1);
    assert_eq!(respond(&req, 401, &[WALLY]), RETRY);
    assert_eq!(sess.flag(sessflag::CONNAUTH), 0);
}

#[test]
fn tls_contexts_split_connect_from_other_requests() {
    let sess = session(b"https");
    register(
        &sess,
        Class::Server,
        false,
        BASIC,
        creds(&Log::default(), "u", 9),
    );
    register(
        &sess,
        Class::Proxy,
        true,
        BASIC,
        creds(&Log::default(), "u", 9),
    );
    let connect = request(&sess, "CONNECT", "example.com:443");
    assert!(
        connect
            .extension::<AuthRequest>(Class::Server.id())
            .is_none()
    );
    // A broken proxy's 401 to CONNECT counts as a proxy challenge.
    assert_eq!(respond(&connect, 401, &[WALLY]), RETRY);
    assert!(sent(&connect).starts_with("Proxy-Authorization: Basic "));
    let get = request(&sess, "GET", "/");
    assert!(get.extension::<AuthRequest>(Class::Proxy.id()).is_none());
    assert_eq!(sent(&get), "");
}

#[test]
fn masks_expand_as_in_neon() {
    assert_eq!(expand_mask(DEFAULT, false, false), DEFAULT | BASIC | DIGEST);
    let negotiate = NEGOTIATE | GSSAPI | NTLM | GSSAPI_ONLY | SSPI;
    assert_eq!(
        expand_mask(DEFAULT, true, false),
        DEFAULT | BASIC | DIGEST | negotiate
    );
    assert_eq!(
        expand_mask(DEFAULT, false, true),
        DEFAULT | BASIC | DIGEST | negotiate
    );
    assert_eq!(
        expand_mask(ALL, false, false),
        ALL | BASIC | DIGEST | negotiate
    );
    assert_eq!(
        expand_mask(LEGACY_DIGEST, false, false),
        LEGACY_DIGEST | DIGEST
    );
    assert_eq!(
        expand_mask(GSSAPI, false, false),
        GSSAPI | GSSAPI_ONLY | SSPI
    );
}

#[test]
fn private_ids_are_registered() {
    let sess = session(b"http");
    assert!(sess.private(Class::Server.id().as_bytes()).is_null());
    register(
        &sess,
        Class::Server,
        false,
        BASIC,
        creds(&Log::default(), "u", 9),
    );
    register(
        &sess,
        Class::Server,
        false,
        DIGEST,
        creds(&Log::default(), "u", 9),
    );
    assert!(!sess.private(Class::Server.id().as_bytes()).is_null());
    assert!(sess.private(Class::Proxy.id().as_bytes()).is_null());
    let auth = sess.extension::<Auth>(Class::Server.id()).unwrap();
    assert_eq!(auth.handlers.borrow().len(), 2);
    let req = request(&sess, "GET", "/");
    assert!(!req.private(Class::Server.id().as_bytes()).is_null());
    sess.destroy();
    assert!(auth.handlers.borrow().is_empty());
}
