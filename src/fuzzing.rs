//! Fuzzing entry points: one function per parser that reads bytes from the
//! network or from the caller, each driving the parser the library really
//! uses and checking the invariants that are cheap to check. The cargo-fuzz
//! targets in `fuzz/` call them, and `tests/fuzz_corpus.rs` replays the
//! committed corpora through them in `cargo test`.
//!
//! Each function must never panic, hang or allocate without bound for any
//! input: a panic here is a bug in the parser (or a broken invariant).

use std::io::Write;
use std::net::Shutdown;
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;

use crate::auth::{self, Buffer, Class, Provider};
use crate::basic::{Charset, ContentType};
use crate::dates;
use crate::http::codes::{OK, RETRY, sessflag};
use crate::http::session::Hop;
use crate::http::{Request, Session, status};
use crate::net::socks::{self, SocksVersion};
use crate::net::{InetAddr, Socket};
use crate::redirect;
use crate::text::base64 as b64;
use crate::tls::cert::Certificate;
use crate::tls::clicert::ClientCert;
use crate::tls::dname::DistinguishedName;
use crate::tls::x509::{self, TrustedIssuers, VerifyParams, hostmatch};
use crate::tls::{hidden, pkcs12};
use crate::uri::{self, Uri};

/// A fuzzing entry point.
pub type Target = fn(&[u8]);

/// Every target by name, as `fuzz/fuzz_targets/<name>.rs` calls it.
pub const TARGETS: &[(&str, Target)] = &[
    ("status_line", status_line),
    ("http_response", http_response),
    ("uri", uri),
    ("dates", dates),
    ("auth", auth),
    ("socks", socks),
    ("pkcs12", pkcs12),
    ("cert", cert),
    ("tls_session", tls_session),
    ("ssl_session_der", ssl_session_der),
    ("content_type", content_type),
    ("base64", base64),
    ("redirect", redirect),
    ("x509_host", x509_host),
    ("iaddr", iaddr),
    ("dav_header", dav_header),
    ("xml", xml),
    ("multistatus", multistatus),
    ("gunzip", gunzip),
];

/// Splits off the first byte as option bits.
fn options(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&o, rest)) => (o, rest),
        None => (0, data),
    }
}

/// Lines separated by LF: several header values in one input.
fn lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    data.split(|&b| b == b'\n')
}

// ---- HTTP ----

/// A status line (`src/http/status.rs`). A parsed line printed back in
/// canonical form parses to the same values.
pub fn status_line(data: &[u8]) {
    let Some(st) = status::parse(data) else {
        return;
    };
    assert!((0..=999).contains(&st.code));
    assert_eq!(st.klass, st.code / 100);
    assert!(!matches!(st.reason.first(), Some(b' ' | b'\t')));
    if st.major >= 0 && st.minor >= 0 {
        let mut line = format!("HTTP/{}.{} {:03} ", st.major, st.minor, st.code).into_bytes();
        line.extend_from_slice(st.reason);
        let again = status::parse(&line).expect("canonical status line");
        assert_eq!(again, st);
    }
}

/// What one response exchange gave.
#[derive(Debug, PartialEq, Eq)]
struct Exchange {
    begin: i32,
    status: (i32, i32, i32, i32),
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    body: Vec<u8>,
    /// The last read_block result: 0 at the end of the body, -1 on error.
    read: isize,
    end: Option<i32>,
    /// Headers after end(): with trailers.
    trailers: Vec<(Vec<u8>, Vec<u8>)>,
    error: Vec<u8>,
}

fn response_headers(req: &Request) -> Vec<(Vec<u8>, Vec<u8>)> {
    let table = req.resp_headers.borrow();
    let mut out = Vec::new();
    let mut cursor = 0;
    while let Some((next, name, value)) = table.next(cursor) {
        let arena = table.arena();
        out.push((arena.get(name).to_vec(), arena.get(value).to_vec()));
        cursor = next;
    }
    out
}

/// Inputs beyond this are cut: the server's bytes are written into the
/// socket pair before reading, and must fit its buffer.
const RESPONSE_MAX: usize = 64 * 1024;

/// Runs one GET (or HEAD) whose response is `data`, read from a socket the
/// way the engine reads it, the body in blocks of `block` bytes.
fn exchange(data: &[u8], opts: u8, block: usize) -> Option<Exchange> {
    let (ours, mut server) = UnixStream::pair().ok()?;
    server.write_all(data).ok()?;
    server.shutdown(Shutdown::Write).ok()?;
    let mut sock = Socket::new();
    sock.adopt(OwnedFd::from(ours));
    // Should the engine ever reconnect, it is refused at once.
    let sess = Session::create(b"http", b"127.0.0.1", 1);
    if opts & 2 != 0 {
        sess.set_flag(sessflag::ICYPROTO, 1);
    }
    {
        let mut st = sess.state.borrow_mut();
        st.socket = Some(sock);
        st.connected = true;
        st.nexthop = Some(Hop::Server);
        st.in_connect = opts & 4 != 0;
    }
    let method: &[u8] = if opts & 1 != 0 { b"HEAD" } else { b"GET" };
    let req = Request::new(sess.clone(), method, b"/fuzz");
    req.run_create_hooks();
    let begin = req.begin();
    let mut ex = Exchange {
        begin,
        status: (0, 0, 0, 0),
        headers: Vec::new(),
        body: Vec::new(),
        read: 0,
        end: None,
        trailers: Vec::new(),
        error: Vec::new(),
    };
    if begin == OK {
        ex.headers = response_headers(&req);
        let mut buf = vec![0u8; block];
        loop {
            let n = req.read_block(&mut buf);
            if n <= 0 {
                ex.read = n;
                break;
            }
            ex.body.extend_from_slice(&buf[..n as usize]);
        }
        if ex.read == 0 {
            ex.end = Some(req.end());
            ex.trailers = response_headers(&req);
        }
    }
    let s = &req.status;
    ex.status = (s.major.get(), s.minor.get(), s.code.get(), s.klass.get());
    ex.error = sess.error();
    drop(req);
    sess.destroy();
    Some(ex)
}

/// A response as the engine reads it from the connection
/// (`src/http/response.rs`): status line and interim responses, header
/// block with folding, the body framing (Content-Length, chunked with
/// extensions and trailers, close-delimited) and trailers. The first byte
/// holds options (1: HEAD, 2: ICY status lines allowed, 4: in a CONNECT).
/// Reading the body one byte at a time gives what reading it in whole
/// blocks gives (up to where a failure is found).
pub fn http_response(data: &[u8]) {
    let (opts, data) = options(data);
    let data = &data[..data.len().min(RESPONSE_MAX)];
    let Some(whole) = exchange(data, opts, 8192) else {
        return;
    };
    let Some(bytewise) = exchange(data, opts, 1) else {
        return;
    };
    if whole.read < 0 {
        // A failed block takes its bytes with it: reading a byte at a time
        // hands out the bytes that precede the failure within the block.
        assert!(bytewise.body.starts_with(&whole.body));
        let mut bytewise = bytewise;
        bytewise.body = whole.body.clone();
        assert_eq!(whole, bytewise);
    } else {
        assert_eq!(whole, bytewise);
    }
}

// ---- URIs and redirects ----

/// URI references (`src/uri`): parse, unparse, resolve, compare. A parsed
/// URI printed and parsed again gives the same components (the port as
/// neon prints it: none when it is the scheme's default; a host with a
/// colon may lose what neon's lenient port scan takes for a port, and an
/// IP literal without one gains digits that start the path).
pub fn uri(data: &[u8]) {
    // Components never hold a NUL (C strings).
    let data: Vec<u8> = data.iter().copied().filter(|&b| b != 0).collect();
    let (base_text, rel_text) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&data[..], &b""[..]),
    };
    for text in [base_text, rel_text] {
        if let Ok(u) = uri::parse(text) {
            check_uri_round_trip(&u);
        }
        let _ = uri::path_unescape(text);
        let _ = uri::path_escape(text, uri::ESCAPE_NONURI);
        let escaped = uri::path_escape(text, uri::ESCAPE_NONRES);
        assert_eq!(uri::path_unescape(&escaped).as_deref(), Some(text));
        let _ = uri::path_parent(text);
        let _ = uri::remove_dot_segments(text);
    }
    let (Ok(base), Ok(rel)) = (uri::parse(base_text), uri::parse(rel_text)) else {
        return;
    };
    let target = uri::resolve(&base, &rel);
    assert!(target.path.is_some());
    let _ = uri::unparse(&target);
    let _ = uri::cmp(&base, &rel);
    assert_eq!(uri::cmp(&target, &target), 0);
    let _ = uri::path_compare(base.path(), rel.path());
    let _ = uri::path_childof(base.path(), rel.path());
}

fn check_uri_round_trip(u: &Uri) {
    let text = uri::unparse(u);
    let again = uri::parse(&text).expect("an unparsed URI parses");
    assert_eq!(again.scheme, u.scheme);
    assert_eq!(again.userinfo, u.userinfo);
    assert_eq!(again.path, u.path);
    assert_eq!(again.query, u.query);
    assert_eq!(again.fragment, u.fragment);
    let host_has_colon = u.host.as_ref().is_some_and(|h| h.contains(&b':'));
    if !host_has_colon {
        assert_eq!(again.host, u.host);
        let printed = u.host.is_some()
            && u.port != 0
            && u.scheme.as_deref().map(uri::default_port) != Some(u.port);
        // After an IP literal with no port, neon reads digits after the
        // "/" as one ("http://[::1]/8080" has port 8080).
        let literal = u.host.as_ref().is_some_and(|h| h.starts_with(b"["));
        if printed || !literal {
            assert_eq!(again.port, if printed { u.port } else { 0 });
        }
    }
}

/// The Location of a redirect response as neon's redirect module reads it
/// (`src/redirect.rs`): line 1 is the request-target, line 2 the Location.
pub fn redirect(data: &[u8]) {
    let data: Vec<u8> = data.iter().copied().filter(|&b| b != 0).collect();
    let mut parts = lines(&data);
    let target = parts.next().unwrap_or_default();
    let location = parts.next().unwrap_or_default();
    let sess = Session::create(b"http", b"example.com", 8080);
    redirect::register(&sess);
    let req = Request::new(sess.clone(), b"GET", target);
    req.run_create_hooks();
    let ret = respond(&req, 302, &[(b"location", location)]);
    let state = redirect::state(&sess).expect("registered");
    match state.location() {
        Some(dest) => {
            assert_eq!(ret, crate::http::codes::REDIRECT);
            assert!(dest.host.is_some());
            let _ = uri::unparse(&dest);
        }
        None => assert_ne!(ret, crate::http::codes::REDIRECT),
    }
}

/// Ends `req` as if a response with `code` and `headers` (lower-case
/// names) had been read: the post_send hooks see it.
fn respond(req: &Request, code: i32, headers: &[(&[u8], &[u8])]) -> i32 {
    req.status.code.set(code);
    req.status.klass.set(code / 100);
    {
        let mut h = req.resp_headers.borrow_mut();
        h.clear();
        for (name, value) in headers {
            h.add(name, value);
        }
    }
    req.end()
}

// ---- authentication ----

/// Challenges and Authentication-Info (`src/auth`: challenge.rs, params.rs,
/// digest.rs, scope.rs) through the session hooks, as the engine runs
/// them. The first byte holds options (1: proxy authentication); then LF
/// separated values: each but the last a challenge header of a 401 (407)
/// response, answered while the module asks for a retry; the last the
/// Authentication-Info of the final 200.
pub fn auth(data: &[u8]) {
    let (opts, data) = options(data);
    let proxy = opts & 1 != 0;
    let (class, code, challenge_header, info_header): (_, _, &[u8], &[u8]) = if proxy {
        (
            Class::Proxy,
            407,
            b"proxy-authenticate",
            b"proxy-authentication-info",
        )
    } else {
        (
            Class::Server,
            401,
            b"www-authenticate",
            b"authentication-info",
        )
    };
    let sess = Session::create(b"http", b"example.com", 80);
    let fill = |buf: &mut Buffer, s: &[u8]| {
        buf[..s.len()].copy_from_slice(s);
        buf[s.len()] = 0;
    };
    let provider = Provider::Provide(Box::new(move |attempt, _, _, user, pass| {
        fill(user, b"Aladdin");
        fill(pass, b"open sesame");
        i32::from(attempt > 2)
    }));
    auth::register(&sess, class, proxy, auth::ALL, provider);
    let req = Request::new(sess.clone(), b"GET", b"/dir/index.html");
    req.run_create_hooks();
    let send = |req: &Request| {
        let mut out = Vec::new();
        req.session().hooks.pre_send.run(|h| h(req, &mut out));
    };
    send(&req);
    let values: Vec<&[u8]> = lines(data).take(6).collect();
    let Some((info, challenges)) = values.split_last() else {
        return;
    };
    for challenge in challenges {
        if respond(&req, code, &[(challenge_header, challenge)]) != RETRY {
            return;
        }
        send(&req);
    }
    let _ = respond(&req, 200, &[(info_header, info)]);
}

// ---- sockets ----

/// A SOCKS proxy's replies (`src/net/socks.rs`). The first byte holds
/// options (low bits: v4, v4a, v5; 4: an address for the destination, 8:
/// an IPv6 one; 16: a user name and password); the rest is what the proxy
/// sends.
pub fn socks(data: &[u8]) {
    let (opts, data) = options(data);
    let data = &data[..data.len().min(RESPONSE_MAX)];
    let Ok((ours, mut proxy)) = UnixStream::pair() else {
        return;
    };
    if proxy.write_all(data).is_err() || proxy.shutdown(Shutdown::Write).is_err() {
        return;
    }
    let mut sock = Socket::new();
    sock.adopt(OwnedFd::from(ours));
    let version = match opts & 3 {
        0 => SocksVersion::V4,
        1 => SocksVersion::V4a,
        _ => SocksVersion::V5,
    };
    let addr = (opts & 4 != 0).then(|| {
        let text: &[u8] = if opts & 8 != 0 {
            b"2001:db8::1"
        } else {
            b"192.0.2.1"
        };
        InetAddr::parse(text, opts & 8 != 0).expect("literal")
    });
    let login = opts & 16 != 0;
    let result = socks::handshake(
        &mut sock,
        version,
        addr.as_ref(),
        b"www.example.com",
        443,
        login.then_some(&b"fred"[..]),
        login.then_some(&b"secret"[..]),
    );
    if result.is_err() {
        assert!(!sock.error().is_empty());
    }
}

/// Numeric addresses (`ne_iaddr_parse`, `src/net/addr.rs`): a parsed
/// address printed parses to the same address.
pub fn iaddr(data: &[u8]) {
    for v6 in [false, true] {
        if let Some(a) = InetAddr::parse(data, v6) {
            assert_eq!(a.is_v6(), v6);
            let again = InetAddr::parse(&a.print(), v6).expect("printed address");
            assert_eq!(again.compare(&a), 0);
        }
    }
}

// ---- dates, headers, text ----

/// Every date format neon parses (`src/dates`). A time read as a date of
/// years 1970 to 9999 prints as an RFC 1123 date that reads back the same.
pub fn dates(data: &[u8]) {
    for parse in [
        dates::rfc1123_parse,
        dates::rfc1036_parse,
        dates::asctime_parse,
        dates::iso8601_parse,
        dates::httpdate_parse,
    ] {
        let t = parse(data);
        if (0..=253_402_300_799).contains(&t) {
            let text = dates::rfc1123_date(t).expect("a representable year");
            assert_eq!(dates::rfc1123_parse(text.as_bytes()), t, "{text}");
        }
    }
}

/// Content-Type values (`src/basic/content_type.rs`): the type is what
/// precedes the first slash.
pub fn content_type(data: &[u8]) {
    let Some(ct) = ContentType::parse(data) else {
        assert!(!data.contains(&b'/'));
        return;
    };
    let slash = data.iter().position(|&c| c == b'/').expect("a slash");
    let before = &data[..slash];
    let before = &before[..before.iter().position(|&c| c == 0).unwrap_or(before.len())];
    assert_eq!(ct.str_at(0), before);
    let _ = ct.str_at(ct.subtype);
    if let Charset::At(offset) = ct.charset {
        let _ = ct.str_at(offset);
    }
}

/// DAV response headers (`src/basic/dav.rs`): capability tokens.
pub fn dav_header(data: &[u8]) {
    let caps = crate::basic::dav_capabilities(data);
    // Adding a separator and an unknown token changes nothing.
    let mut more = data.to_vec();
    more.extend_from_slice(b", x-unknown");
    if !data.iter().any(|&c| c == b'"' || c == b'\'') {
        assert_eq!(crate::basic::dav_capabilities(&more), caps);
    }
}

/// Base64 with neon's rules (`src/text/base64.rs`): decoded bytes encode
/// back to the input when it is in canonical form, and every encoding
/// decodes back.
pub fn base64(data: &[u8]) {
    if let Ok(bytes) = b64::decode(data) {
        let encoded = b64::encode(&bytes);
        assert_eq!(b64::decode(encoded.as_bytes()).as_ref(), Ok(&bytes));
        use ::base64::Engine;
        if ::base64::engine::general_purpose::STANDARD
            .decode(data)
            .is_ok()
        {
            assert_eq!(encoded.as_bytes(), data);
        }
    }
    if !data.is_empty() {
        let encoded = b64::encode(data);
        assert_eq!(b64::decode(encoded.as_bytes()).as_deref(), Ok(data));
    }
}

// ---- TLS ----

/// PKCS#12 client certificates (`src/tls/pkcs12.rs`, `clicert.rs`), as
/// `ne_ssl_clicert_import` and `ne_ssl_clicert_decrypt` read them.
pub fn pkcs12(data: &[u8]) {
    if let Some(p12) = pkcs12::Pkcs12::parse(data) {
        let _ = p12.visible_friendly_name();
    }
    let Some(mut cc) = ClientCert::import(data) else {
        return;
    };
    let _ = cc.name();
    if cc.is_encrypted() {
        assert!(cc.identity().is_none());
        if cc.decrypt(b"s3cret").is_ok() {
            assert!(cc.identity().is_some());
        }
    } else {
        assert!(cc.identity().is_some());
    }
}

/// Certificates (`src/tls/cert.rs`, `x509`, `dname.rs`,
/// `identity.rs`): the first byte chooses the form (0: DER, 1: PEM, 2:
/// neon's base64 export form, 3: a distinguished name alone). A
/// certificate exports and imports back to itself.
pub fn cert(data: &[u8]) {
    let (mode, data) = options(data);
    let cert = match mode % 4 {
        0 => Certificate::from_der(data),
        1 => Certificate::from_pem(data),
        2 => Certificate::import(data),
        _ => {
            if let Some(dn) = DistinguishedName::from_der(data) {
                check_dname(&dn);
            }
            return;
        }
    };
    let Some(cert) = cert else {
        return;
    };
    check_cert(&cert);
}

fn check_dname(dn: &DistinguishedName) {
    let _ = dn.readable();
    let _ = dn.last_common_name();
    for a in dn.attributes() {
        let _ = a.readable();
    }
    assert_eq!(dn.compare(dn), 0);
    let again = DistinguishedName::from_der(dn.der()).expect("re-read name");
    assert_eq!(again.compare(dn), 0);
}

fn check_cert(cert: &Certificate) {
    check_dname(cert.subject());
    check_dname(cert.issuer());
    let _ = cert.validity_strings();
    let _ = cert.alt_names();
    let _ = cert.identity();
    assert_eq!(cert.digest().len(), 59);
    let _ = cert.hdigest(crate::text::hash::SHA256 | crate::text::hash::COLON);
    let _ = crate::tls::cert::check_identity(cert, b"www.example.com", b"https", 443);
    let _ = crate::tls::cert::check_identity(cert, b"192.0.2.1", b"https", 8443);
    assert_eq!(cert.compare(cert), 0);
    let back = Certificate::import(cert.export().as_bytes()).expect("exported form");
    assert!(back.equals(cert));
    let back = Certificate::from_pem(&cert.to_pem()).expect("PEM form");
    assert!(back.equals(cert));
    // The verification engine reads every extension, key and signature
    // field; with the certificate as its own anchor each check runs, and
    // an accept-all callback lets all of them report.
    let store = Issuers(vec![cert.clone()]);
    let mut params = VerifyParams::ssl_server(crate::tls::session::now(), 0);
    params.flags = x509::flags::X509_STRICT;
    let outcome = x509::verify(std::slice::from_ref(cert), &store, &params, &mut |_| true);
    assert!(outcome.verified);
}

/// A store that trusts the certificates it holds.
struct Issuers(Vec<Certificate>);

impl TrustedIssuers for Issuers {
    fn by_subject(&self, subject: &[u8]) -> Vec<Certificate> {
        self.0
            .iter()
            .filter(|c| c.subject().der() == subject)
            .cloned()
            .collect()
    }
}

/// The X.509 verification engine on a fuzzed certificate
/// (`src/tls/x509`): the first byte holds `X509_CHECK_FLAG_*` bits, the
/// second the length of the name to check; then the name, then the DER
/// certificate, checked against the name, as an IP address and an e-mail
/// address, and verified as its own trust anchor.
pub fn x509_host(data: &[u8]) {
    let (flags, data) = options(data);
    let (len, data) = options(data);
    let (name, der) = data.split_at(usize::from(len).min(data.len()));
    if let Some(ip) = hostmatch::parse_ip(name) {
        assert!(ip.len() == 4 || ip.len() == 16);
    }
    let Some(cert) = Certificate::from_der(der) else {
        return;
    };
    let flags = u32::from(flags & 0x3f);
    let _ = hostmatch::check_host(&cert, name, flags);
    if let Some(ip) = hostmatch::parse_ip(name) {
        let _ = hostmatch::check_ip(&cert, &ip, flags);
    }
    let _ = hostmatch::check_email(&cert, name, flags);
    let mut params = VerifyParams::ssl_server(crate::tls::session::now(), 1);
    params.hosts = vec![name.to_vec()];
    params.hostflags = flags;
    let store = Issuers(vec![cert.clone()]);
    let mut events = 0;
    let outcome = x509::verify(std::slice::from_ref(&cert), &store, &params, &mut |ev| {
        events += 1;
        ev.ok
    });
    assert!(events < 1000);
    if outcome.verified {
        assert_eq!(outcome.error, 0);
    }
    let _ = x509::codes::error_string(outcome.error);
}

/// The session forms the libssl face reads back: the prefix sealed in
/// front of a server's tickets (`src/ssl/hooks.rs`: decoded after
/// decryption, re-encodes to the same bytes) and the fields read from a
/// client session value's printed form (`src/tls/hidden.rs`). The first
/// byte chooses which.
pub fn tls_session(data: &[u8]) {
    let (mode, data) = options(data);
    if mode & 1 == 0 {
        if let Some((prefix, plain)) = crate::ssl::hooks::TicketPrefix::decode(data) {
            let mut again = prefix.encode();
            again.extend_from_slice(plain);
            assert_eq!(again, data);
        }
    } else {
        let text = String::from_utf8_lossy(data);
        let h = hidden::parse(&text);
        let id = h.openssl_id();
        assert!(id.len() == 32 || id == h.session_id);
    }
}

/// `d2i_SSL_SESSION`'s reader (`src/ssl/session_der.rs`): a session read
/// from the bytes writes DER that reads back to the same fields and
/// writes the same bytes again.
pub fn ssl_session_der(data: &[u8]) {
    use crate::ssl::session_der::{apply, decode, encode};
    let Ok((first, used)) = decode(data) else {
        return;
    };
    assert!(used <= data.len());
    let s = crate::tls::TlsSession::new(0);
    apply(first, &s);
    let der = encode(&s).expect("a decoded session has a cipher");
    let (again, used) = decode(&der).expect("our DER reads back");
    assert_eq!(used, der.len());
    let t = crate::tls::TlsSession::new(0);
    apply(again, &t);
    assert_eq!(encode(&t).as_deref(), Some(&der[..]));
}

/// neon's XML parser (`src/webdav/xml`): the same events for any
/// chunking of the document.
pub fn xml(data: &[u8]) {
    crate::webdav::xml::fuzz_parse(data);
}

/// neon's 207 parser (`src/webdav/multistatus`) on the XML parser: the
/// same callbacks for any chunking of the body, responses and propstats
/// ended as started.
pub fn multistatus(data: &[u8]) {
    crate::webdav::multistatus::fuzz_multistatus(data);
}

/// The gzip decoder behind `ne_decompress_reader` (`src/compress`): the
/// same output and outcome for any chunking of the body.
pub fn gunzip(data: &[u8]) {
    crate::compress::fuzz_gunzip(data);
}

#[cfg(test)]
mod tests {
    #[test]
    fn targets_accept_empty_and_small_inputs() {
        for (_, f) in super::TARGETS {
            f(b"");
            f(b"\0");
            f(b"HTTP/1.1 200 OK\r\n\r\n");
        }
    }
}
