use std::cell::RefCell;
use std::rc::Rc;

use super::*;
use crate::http::Session;
use crate::http::codes::ERROR;
use crate::uri::{self, Uri};
use crate::webdav::Failed;
use crate::webdav::request::new_request;
use crate::webdav::testserver::{OneShot, multistatus};

/// A lock record as the store sees one: shared, changed in place.
type Rec = Rc<RefCell<Lock>>;

impl Held for Rec {
    fn uri(&self) -> Uri {
        self.borrow().uri.clone()
    }
    fn path(&self) -> Vec<u8> {
        self.borrow().path().to_vec()
    }
    fn depth(&self) -> i32 {
        self.borrow().depth
    }
    fn token(&self) -> Option<Vec<u8>> {
        self.borrow().token.clone()
    }
    fn same(&self, other: &Self) -> bool {
        Rc::ptr_eq(self, other)
    }
}

fn rec(host: &str, path: &str, depth: i32, token: &str) -> Rec {
    let mut uri = uri::parse(format!("http://{host}{path}").as_bytes()).unwrap();
    if uri.port == 0 {
        uri.port = 80;
    }
    Rc::new(RefCell::new(Lock {
        uri,
        depth,
        token: Some(token.as_bytes().to_vec()),
        ..Lock::default()
    }))
}

fn tokens(v: &[Rec]) -> Vec<String> {
    v.iter()
        .map(|l| String::from_utf8(l.token().unwrap()).unwrap())
        .collect()
}

#[test]
fn store_order_iteration_and_removal() {
    let s: Store<Rec> = Store::default();
    assert!(s.next().is_none(), "no iteration before first");
    assert!(s.first().is_none());
    let (a, b, c) = (
        rec("h", "/a", 0, "A"),
        rec("h", "/b", 0, "B"),
        rec("h", "/c", 0, "C"),
    );
    for l in [&a, &b, &c] {
        s.add(l.clone());
    }
    assert_eq!(tokens(&s.locks()), ["C", "B", "A"]);
    // Removing the current lock during an iteration goes on with the next.
    assert!(s.first().unwrap().same(&c));
    assert!(s.next().unwrap().same(&b));
    assert!(s.remove(&b));
    assert!(s.next().unwrap().same(&a));
    assert!(s.next().is_none());
    assert!(s.next().is_none());
    assert!(!s.remove(&b));
    // Adding in front during an iteration keeps its place.
    assert!(s.first().unwrap().same(&c));
    s.add(b.clone());
    assert!(s.next().unwrap().same(&a));
    // Found by URI, compared as ne_uri_cmp does (host case).
    let u = uri::parse(b"http://H:80/a").unwrap();
    assert!(s.find_by_uri(&u).unwrap().same(&a));
    assert!(
        s.find_by_uri(&uri::parse(b"http://h:81/a").unwrap())
            .is_none()
    );
    assert_eq!(tokens(&s.take_all()), ["B", "C", "A"]);
    assert!(s.first().is_none());
}

#[test]
fn coverage() {
    let coll_inf = rec("h", "/dav/coll/", DEPTH_INFINITE, "t");
    let coll_0 = rec("h", "/dav/coll/", DEPTH_ZERO, "t");
    let file = rec("h", "/dav/coll/f", DEPTH_ZERO, "t");
    // A request on the resource itself, trailing slash or not.
    assert!(covers_resource(&coll_0, b"/dav/coll", DEPTH_ZERO));
    assert!(covers_resource(&file, b"/DAV/coll/f", DEPTH_ZERO));
    // Below an infinite-depth lock, not below a depth-0 one.
    assert!(covers_resource(&coll_inf, b"/dav/coll/x/y", DEPTH_ZERO));
    assert!(!covers_resource(&coll_0, b"/dav/coll/x", DEPTH_ZERO));
    // A depth-infinity request above a lock.
    assert!(covers_resource(&file, b"/dav/", DEPTH_INFINITE));
    assert!(!covers_resource(&file, b"/dav/", DEPTH_ZERO));
    assert!(!covers_resource(&file, b"/other", DEPTH_INFINITE));

    let server = uri::parse(b"http://h:80").unwrap();
    // The parent itself, or an infinite lock above it; only on this server.
    assert!(covers_parent(&coll_0, &server, b"/dav/coll/"));
    assert!(covers_parent(&coll_inf, &server, b"/dav/coll/x/"));
    assert!(!covers_parent(&coll_0, &server, b"/dav/coll/x/"));
    let elsewhere = rec("other", "/dav/coll/", DEPTH_INFINITE, "t");
    assert!(!covers_parent(&elsewhere, &server, b"/dav/coll/"));
    assert!(covers_resource(&elsewhere, b"/dav/coll/", DEPTH_ZERO));
}

#[test]
fn if_headers() {
    let list = vec![
        (b"http://h/a".to_vec(), Some(b"T1".to_vec())),
        (b"http://h/b".to_vec(), Some(b"T2".to_vec())),
    ];
    let mut out = Vec::new();
    if_header(&list, false, &mut out);
    assert_eq!(out, b"If: <http://h/a> (<T1>) <http://h/b> (<T2>)\r\n");
    out.clear();
    if_header(&list, true, &mut out);
    assert_eq!(out, b"If: (<T1> <T2>)\r\n");
    // A lock without a token: its entry stops at the "<".
    let list = vec![(b"http://h/a".to_vec(), None)];
    out.clear();
    if_header(&list, false, &mut out);
    assert_eq!(out, b"If: <http://h/a> (<\r\n");
    out.clear();
    if_header(&list, true, &mut out);
    assert_eq!(out, b"If: (<)\r\n");
}

/// The If header of a request on `sess` after `using`.
fn if_of(sess: &Rc<Session>, using: impl FnOnce(&crate::http::Request)) -> String {
    let req = new_request(sess, b"PUT", b"/x");
    using(&req);
    let mut out = Vec::new();
    sess.hooks.pre_send.run(|h| h(&req, &mut out));
    req.destroy();
    String::from_utf8(out).unwrap()
}

#[test]
fn store_on_a_session() {
    let sess = Session::create(b"http", b"h", 80);
    let s = Rc::new(Store::<Rec>::default());
    let (coll, file) = (
        rec("h", "/c/", DEPTH_INFINITE, "coll"),
        rec("h", "/c/f", DEPTH_ZERO, "FILE"),
    );
    s.add(coll.clone());
    s.add(file.clone());
    // Nothing before registration.
    assert_eq!(if_of(&sess, |r| using_resource(r, b"/c/f", DEPTH_ZERO)), "");
    register(&sess, &s);
    assert_eq!(
        if_of(&sess, |r| using_resource(r, b"/c/f", DEPTH_ZERO)),
        "If: <http://h/c/> (<coll>) <http://h/c/f> (<FILE>)\r\n"
    );
    // Submitted twice, or with a token differing only in case: once.
    let dup = rec("h", "/c/f", DEPTH_ZERO, "file");
    s.add(dup.clone());
    assert_eq!(
        if_of(&sess, |r| {
            using_resource(r, b"/c/f", DEPTH_ZERO);
            using_parent(r, b"/c/f");
        }),
        "If: <http://h/c/> (<coll>) <http://h/c/f> (<file>)\r\n"
    );
    s.remove(&dup);
    // Fields are read when the request is sent.
    file.borrow_mut().token = Some(b"renewed".to_vec());
    assert_eq!(
        if_of(&sess, |r| using_resource(r, b"/c/f", DEPTH_ZERO)),
        "If: <http://h/c/> (<coll>) <http://h/c/f> (<renewed>)\r\n"
    );
    // A lock taken out of the store after submission is not sent.
    assert_eq!(
        if_of(&sess, |r| {
            using_resource(r, b"/c/f", DEPTH_ZERO);
            s.remove(&coll);
        }),
        "If: <http://h/c/f> (<renewed>)\r\n"
    );
    sess.set_flag(crate::http::codes::sessflag::SHAREPOINT, 1);
    assert_eq!(
        if_of(&sess, |r| using_resource(r, b"/", DEPTH_INFINITE)),
        "If: (<renewed>)\r\n"
    );
    // An emptied store (ne_lockstore_destroy) submits nothing.
    s.take_all();
    assert_eq!(
        if_of(&sess, |r| using_resource(r, b"/", DEPTH_INFINITE)),
        ""
    );
}

const LT: &str = "opaquelocktoken:abc";

fn lock_response(status: &str, headers: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn activelock(depth: &str, timeout: &str, token: &str) -> String {
    format!(
        "<D:prop xmlns:D='DAV:'><D:lockdiscovery><D:activelock><D:locktype><D:write/></D:locktype>\
         <D:lockscope><D:shared/></D:lockscope><D:depth>{depth}</D:depth>\
         <D:owner>me</D:owner><D:timeout>{timeout}</D:timeout>\
         <D:locktoken><D:href>{token}</D:href></D:locktoken></D:activelock></D:lockdiscovery></D:prop>"
    )
}

fn new_lock(port: u16) -> Lock {
    Lock {
        uri: uri::parse(format!("http://127.0.0.1:{port}/f").as_bytes()).unwrap(),
        timeout: 60,
        owner: Some(b"<href>x</href>".to_vec()),
        ..Lock::default()
    }
}

#[test]
fn lock_granted() {
    let srv = OneShot::start(lock_response(
        "200 OK",
        &format!("Lock-Token: <{LT}>\r\n"),
        &activelock("Infinity", "Second-30", LT),
    ));
    let sess = srv.session();
    let mut lk = new_lock(srv.port);
    let g = lock(&sess, &lk).unwrap();
    let req = srv.request();
    assert!(req.starts_with("LOCK /f HTTP/1.1\r\n"), "{req}");
    assert!(
        req.contains("\r\nDepth: 0\r\nTimeout: Second-60\r\n"),
        "{req}"
    );
    assert!(req.ends_with("<owner><href>x</href></owner>\n</lockinfo>\n"));
    lk.apply(g);
    assert_eq!(lk.token.as_deref(), Some(LT.as_bytes()));
    assert_eq!(
        (lk.depth, lk.scope, lk.timeout),
        (DEPTH_INFINITE, SCOPE_SHARED, 30)
    );
    assert_eq!(lk.owner.as_deref(), Some(&b"me"[..]));
}

#[test]
fn lock_failures() {
    let cases = [
        (
            lock_response("200 OK", "", &activelock("0", "Second-1", LT)),
            "Could not parse response: LOCK response missing Lock-Token header",
        ),
        (
            lock_response(
                "200 OK",
                "Lock-Token: <opaquelocktoken:other>\r\n",
                &activelock("0", "Second-1", LT),
            ),
            "Response missing activelock for opaquelocktoken:other",
        ),
        (
            lock_response(
                "200 OK",
                &format!("Lock-Token: {LT}\r\n"),
                &activelock("0", "Minutes-1", LT),
            ),
            "Could not parse response: Unknown error",
        ),
        (
            b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".to_vec(),
            "Response missing activelock for (null)",
        ),
        (lock_response("423 Locked", "", ""), "423 Locked"),
    ];
    for (response, error) in cases {
        let srv = OneShot::start(response);
        let sess = srv.session();
        assert_eq!(
            lock(&sess, &new_lock(srv.port)),
            Err(Failed(ERROR)),
            "{error}"
        );
        assert_eq!(String::from_utf8_lossy(&sess.error()), error);
    }
}

#[test]
fn refresh_and_unlock() {
    let srv = OneShot::start(lock_response(
        "200 OK",
        "",
        &activelock("0", "Infinite", LT),
    ));
    let sess = srv.session();
    let mut lk = new_lock(srv.port);
    lk.token = Some(LT.as_bytes().to_vec());
    lk.timeout = TIMEOUT_INVALID;
    assert_eq!(refresh(&sess, &lk), Ok(TIMEOUT_INFINITE));
    let req = srv.request();
    assert!(req.contains(&format!("\r\nIf: (<{LT}>)\r\n")), "{req}");
    assert!(!req.contains("Timeout:"));

    let srv = OneShot::start(b"HTTP/1.1 204 No Content\r\n\r\n".to_vec());
    let sess = srv.session();
    assert_eq!(unlock(&sess, &lk), Ok(()));
    assert!(
        srv.request()
            .contains(&format!("\r\nLock-Token: <{LT}>\r\n"))
    );
}

#[test]
fn discovery() {
    let body = format!(
        "<D:multistatus xmlns:D='DAV:'><D:response><D:href>/f</D:href><D:propstat>{}\
         <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>\
         <D:response><D:href>/g</D:href><D:propstat><D:prop><D:lockdiscovery/></D:prop>\
         <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>",
        activelock("1", "Second-5", LT)
    );
    let srv = OneShot::start(multistatus(&body));
    let sess = srv.session();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let s2 = seen.clone();
    discover(&sess, b"/f", move |f, u| {
        let line = match f {
            Ok(l) => format!(
                "{} depth {} scope {} timeout {} owner {:?} token {:?}",
                String::from_utf8_lossy(u.path()),
                l.depth,
                l.scope,
                l.timeout,
                l.owner.as_deref().map(String::from_utf8_lossy),
                l.token.as_deref().map(String::from_utf8_lossy)
            ),
            Err(st) => format!("status {}", st.code),
        };
        s2.borrow_mut().push(line);
    })
    .unwrap();
    assert_eq!(
        *seen.borrow(),
        [format!(
            "/f depth 1 scope 1 timeout 5 owner Some(\"me\") token Some(\"{LT}\")"
        )]
    );
    let req = srv.request();
    assert!(req.starts_with("PROPFIND /f HTTP/1.1\r\n"));
    assert!(req.contains("\r\nDepth: 0\r\n"));
    assert!(req.ends_with("<prop>\n<lockdiscovery xmlns=\"DAV:\"/>\n</prop></propfind>\n"));
}

/// Parses `doc` as a LOCK response (with a Lock-Token header) and as a
/// lockdiscovery property; what the handlers keep stays bounded.
fn parse_both(doc: &[u8], chunk: usize) {
    use super::parse::{DiscoveryHandler, LockHandler, LockResponse};
    use crate::webdav::xml::Parser;
    let ctx = Rc::new(RefCell::new(LockResponse::new(None)));
    ctx.borrow_mut().header = Some(format!("<{LT}>").into_bytes());
    let mut p = Parser::new();
    p.push_handler(Box::new(LockHandler(ctx.clone())));
    let current = Rc::new(RefCell::new(Some(Rc::new(RefCell::new(Lock::default())))));
    let mut d = Parser::new();
    d.push_handler(Box::new(DiscoveryHandler::new(current.clone())));
    for piece in doc.chunks(chunk.max(1)) {
        p.parse(piece);
        d.parse(piece);
    }
    p.finish();
    d.finish();
    let c = ctx.borrow();
    assert!(c.active.owner.as_ref().map_or(0, Vec::len) < 256);
    assert!(c.active.token.as_ref().map_or(0, Vec::len) < 256);
    let l = current.borrow().clone().unwrap();
    assert!(l.borrow().owner.as_ref().map_or(0, Vec::len) < 256);
}

#[test]
fn hostile_documents_never_panic() {
    let good = activelock("infinity", "Second-30", LT);
    let docs = [
        good.clone(),
        format!(
            "<D:multistatus xmlns:D='DAV:'><D:response><D:href>/f</D:href><D:propstat>{good}\
             </D:propstat></D:response></D:multistatus>"
        ),
        format!(
            "<D:prop xmlns:D='DAV:'><D:lockdiscovery>{}</D:lockdiscovery></D:prop>",
            "<D:activelock>".repeat(50)
        ),
        format!(
            "<D:prop xmlns:D='DAV:'><D:lockdiscovery><D:activelock><D:owner>{}</D:owner></D:activelock></D:lockdiscovery></D:prop>",
            "x&amp;".repeat(400)
        ),
    ];
    for doc in &docs {
        let b = doc.as_bytes();
        for chunk in [1, 7, 4096] {
            parse_both(b, chunk);
        }
        // Every truncation, and each byte replaced by markup characters.
        for cut in 0..b.len() {
            parse_both(&b[..cut], 4096);
        }
        for i in (0..b.len()).step_by(3) {
            for c in [b'<', b'>', b'&', b'/', 0, 0xff] {
                let mut m = b.to_vec();
                m[i] = c;
                parse_both(&m, 64);
            }
        }
    }
}
