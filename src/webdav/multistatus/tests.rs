use std::cell::RefCell;
use std::rc::Rc;

use super::*;
use crate::http::codes::ERROR;
use crate::webdav::request::new_request;
use crate::webdav::testserver::{OneShot, multistatus};
use crate::webdav::xml::Parser;

/// Records every callback as a line.
#[derive(Default)]
struct Log {
    lines: Rc<RefCell<Vec<String>>>,
    follow: bool,
    abort_propstat: bool,
    flags: u32,
    n: u32,
}

fn status(st: Option<&Status>) -> String {
    st.map_or("-".into(), |s| {
        format!(
            "{}.{} {} [{}]",
            s.major,
            s.minor,
            s.code,
            String::from_utf8_lossy(s.reason())
        )
    })
}

fn desc(d: Option<ZStr<'_>>) -> String {
    d.map_or("-".into(), |d| format!("({})", d.as_str()))
}

impl Callbacks for Log {
    type Response = u32;
    type Propstat = u32;

    fn start_response(&mut self, _cx: &Context, uri: &Uri) -> Option<u32> {
        if !self.follow {
            return None;
        }
        self.n += 1;
        let u = String::from_utf8_lossy(&uri::unparse(uri)).into_owned();
        self.lines
            .borrow_mut()
            .push(format!("response {} {u}", self.n));
        Some(self.n)
    }

    fn end_response(&mut self, _: &Context, r: u32, st: Option<&Status>, d: Option<ZStr<'_>>) {
        let line = format!("end response {r} {} {}", status(st), desc(d));
        self.lines.borrow_mut().push(line);
    }

    fn start_propstat(&mut self, cx: &Context, r: &mut u32) -> Result<Option<u32>, Abort> {
        if self.abort_propstat {
            cx.set_error(b"refused");
            return Err(Abort);
        }
        self.n += 1;
        self.lines
            .borrow_mut()
            .push(format!("propstat {} in {r}", self.n));
        Ok(Some(self.n))
    }

    fn end_propstat(
        &mut self,
        _: &Context,
        r: Option<&mut u32>,
        p: Option<u32>,
        st: Option<&Status>,
        d: Option<ZStr<'_>>,
    ) {
        let line = format!("end propstat {p:?} in {r:?} {} {}", status(st), desc(d));
        self.lines.borrow_mut().push(line);
    }

    fn flags(&self) -> u32 {
        self.flags
    }
}

fn base() -> Uri {
    uri::parse(b"http://h.example/dav/coll/").unwrap()
}

/// Parses `doc` in pieces of `chunk` bytes; the callback lines, the
/// failure and the error.
fn run_with(doc: &str, chunk: usize, setup: impl FnOnce(&mut Log)) -> (Vec<String>, i32, String) {
    let mut log = Log {
        follow: true,
        ..Log::default()
    };
    setup(&mut log);
    let lines = log.lines.clone();
    let mut p = Parser::new();
    p.push_handler(Box::new(Multistatus::new(base(), log)));
    for piece in doc.as_bytes().chunks(chunk) {
        if p.parse(piece) != 0 {
            break;
        }
    }
    p.finish();
    let err = String::from_utf8_lossy(&p.context().error()).into_owned();
    let out = lines.borrow().clone();
    (out, p.failed(), err)
}

fn run(doc: &str) -> Vec<String> {
    let (lines, failed, err) = run_with(doc, doc.len().max(1), |_| {});
    assert_eq!(failed, 0, "{err}");
    lines
}

const MS: &str = "<D:multistatus xmlns:D='DAV:'>";
const ME: &str = "</D:multistatus>";

#[test]
fn responses_and_propstats() {
    let doc = format!(
        "{MS}<D:response><D:href>a%20b</D:href><D:propstat><D:prop/><D:status>HTTP/1.1 200 OK</D:status>\
         </D:propstat><D:propstat><D:status> HTTP/1.1 404 Not\tFound\n</D:status>\
         <D:responsedescription>  gone \n</D:responsedescription></D:propstat></D:response>\
         <D:response><D:href>/abs</D:href><D:status>HTTP/1.0 423 Locked</D:status></D:response>{ME}"
    );
    assert_eq!(
        run(&doc),
        [
            "response 1 http://h.example/dav/coll/a%20b",
            "propstat 2 in 1",
            "end propstat Some(2) in Some(1) 1.1 200 [OK] -",
            "propstat 3 in 1",
            "end propstat Some(3) in Some(1) 1.1 404 [Not Found] (gone)",
            "end response 1 - -",
            "response 4 http://h.example/abs",
            "end response 4 1.0 423 [Locked] -",
        ]
    );
}

#[test]
fn response_status_and_description_go_to_the_next_propstat() {
    let doc = format!(
        "{MS}<D:response><D:href>x</D:href><D:responsedescription>early</D:responsedescription>\
         <D:propstat/><D:propstat/><D:status>HTTP/1.1 500 Late</D:status></D:response>{ME}"
    );
    assert_eq!(
        run(&doc),
        [
            "response 1 http://h.example/dav/coll/x",
            "propstat 2 in 1",
            "end propstat Some(2) in Some(1) - (early)",
            "propstat 3 in 1",
            "end propstat Some(3) in Some(1) - -",
            "end response 1 1.1 500 [Late] -",
        ]
    );
}

#[test]
fn nothing_counts_before_the_href() {
    let doc = format!(
        "{MS}<D:response><D:status>HTTP/1.1 500 X</D:status><D:propstat/></D:response>\
         <D:response><D:href></D:href><D:status>junk</D:status></D:response>\
         <D:response><D:href> </D:href></D:response>{ME}"
    );
    assert_eq!(
        run(&doc),
        [
            "response 1 http://h.example/dav/coll/",
            "end response 1 - -"
        ]
    );
}

#[test]
fn unfollowed_responses_are_skipped() {
    let doc = format!("{MS}<D:response><D:href>x</D:href><D:propstat/></D:response>{ME}");
    let (lines, failed, _) = run_with(&doc, 7, |l| l.follow = false);
    assert!(lines.is_empty());
    assert_eq!(failed, 0);
}

#[test]
fn duplicate_and_unparsable_hrefs() {
    let doc = format!(
        "{MS}<D:response><D:href>/one</D:href><D:href>http://[::1/x</D:href><D:href>/two</D:href>\
         </D:response>{ME}"
    );
    assert_eq!(
        run(&doc),
        [
            "response 1 http://h.example/one",
            "response 2 http://h.example/two",
            "end response 2 - -"
        ]
    );
}

#[test]
fn sharepoint_escaping() {
    let doc = format!("{MS}<D:response><D:href>/a b/c</D:href></D:response>{ME}");
    let (lines, _, _) = run_with(&doc, 100, |l| l.flags = MSSP_ESCAPING);
    assert_eq!(lines[0], "response 1 http://h.example/a%20b/c");
    let (lines, _, _) = run_with(&doc, 100, |_| {});
    assert!(lines.is_empty(), "an unescaped space does not parse");
}

#[test]
fn texts_are_limited_to_2046_bytes() {
    for (n, taken) in [(2045, true), (2046, true), (2047, false)] {
        let href = "h".repeat(n);
        let doc = format!("{MS}<D:response><D:href>{href}</D:href></D:response>{ME}");
        assert_eq!(!run(&doc).is_empty(), taken, "{n}");
    }
}

#[test]
fn bad_status_line_aborts_with_neons_message() {
    let doc = format!("{MS}<D:response><D:href>x</D:href>\n<D:status>HTTP/1.1 2000</D:status>{ME}");
    let (lines, failed, err) = run_with(&doc, 5, |_| {});
    assert_eq!(lines.len(), 1);
    assert_eq!(failed, -1);
    assert_eq!(
        err,
        "Invalid HTTP status line in status element at line 2 of response:\nStatus line was: HTTP/1.1 2000"
    );
    let long = "z".repeat(700);
    let doc = format!("{MS}<D:response><D:href>x</D:href><D:status>{long}</D:status>{ME}");
    let (_, _, err) = run_with(&doc, 64, |_| {});
    assert_eq!(err.len(), 499);
}

#[test]
fn a_refused_propstat_aborts() {
    let doc = format!("{MS}<D:response><D:href>x</D:href><D:propstat/></D:response>{ME}");
    let (lines, failed, err) = run_with(&doc, 3, |l| l.abort_propstat = true);
    assert_eq!(lines.len(), 1);
    assert_eq!((failed, err.as_str()), (-1, "refused"));
}

#[test]
fn any_chunking_gives_the_same_callbacks() {
    let doc = format!(
        "<?xml version='1.0'?>\n{MS}<D:response><D:href>/a&amp;b</D:href><D:propstat><D:prop><x/></D:prop>\
         <D:status>HTTP/1.1 200 OK</D:status></D:propstat><D:responsedescription>d&lt;</D:responsedescription>\
         </D:response>{ME}"
    );
    let whole = run(&doc);
    for chunk in [1, 2, 3, 7, 64] {
        assert_eq!(run_with(&doc, chunk, |_| {}).0, whole, "chunk {chunk}");
    }
}

#[test]
fn error_list_wording() {
    let mut l = ErrorList::default();
    l.set_href(b"http://h/x".to_vec());
    let st = |line: &[u8]| Status::parse(line).unwrap();
    l.note(Some(&st(b"HTTP/1.1 200 OK")), None);
    l.note(Some(&st(b"HTTP/1.1 424 Failed Dependency")), None);
    l.note(None, Some(ZStr::new("ignored\0")));
    assert!(!l.is_error());
    l.note(
        Some(&st(b"HTTP/1.1 403 Forbidden")),
        Some(ZStr::new("why\0")),
    );
    l.note(Some(&st(b"HTTP/1.1 500")), None);
    assert!(l.is_error());
    assert_eq!(
        l.text(),
        b"http://h/x: 403 Forbidden\n -> why\nhttp://h/x: 500 \n"
    );
}

#[test]
fn simple_request_reports_207_failures() {
    let body = format!(
        "{MS}<D:response><D:href>/x/a</D:href><D:status>HTTP/1.1 423 Locked</D:status></D:response>\
         <D:response><D:href>b</D:href><D:status>HTTP/1.1 424 Failed</D:status></D:response>{ME}"
    );
    let srv = OneShot::start(multistatus(&body));
    let sess = srv.session();
    let r = simple_request(&sess, new_request(&sess, b"DELETE", b"/x/"));
    assert_eq!(r, Err(Failed(ERROR)));
    let want = format!("http://127.0.0.1:{}/x/a: 423 Locked\n", srv.port);
    assert_eq!(sess.error(), want.as_bytes());
    assert!(srv.request().starts_with("DELETE /x/ HTTP/1.1\r\n"));

    let ok = format!(
        "{MS}<D:response><D:href>/x</D:href><D:status>HTTP/1.1 200 OK</D:status></D:response>{ME}"
    );
    let srv = OneShot::start(multistatus(&ok));
    let sess = srv.session();
    assert_eq!(
        simple_request(&sess, new_request(&sess, b"MKCOL", b"/y/")),
        Ok(())
    );

    let srv = OneShot::start(b"HTTP/1.1 409 Conflict\r\nContent-Length: 0\r\n\r\n".to_vec());
    let sess = srv.session();
    assert_eq!(
        simple_request(&sess, new_request(&sess, b"MKCOL", b"/y/")),
        Err(Failed(ERROR))
    );
    assert_eq!(sess.error(), b"409 Conflict");
}

#[test]
fn plain_paths_resolve_as_the_uri_core_does() {
    let base = base();
    for b in 0..=255u8 {
        let href = [b'/', b'a', b, b'z'];
        if plain_path(&href) {
            let r = uri::resolve(&base, &uri::parse(&href).unwrap());
            assert_eq!(r.path(), &href[..], "{b}");
            assert_eq!(
                (r.query, r.fragment, r.host),
                (None, None, base.host.clone())
            );
        } else {
            let general = uri::parse(&href).map(|u| u.path().to_vec());
            assert!(
                general != Ok(href.to_vec()) || matches!(b, b'.'),
                "{b}: taken by the parser"
            );
        }
    }
    assert!(
        !plain_path(b"//host/x")
            && !plain_path(b"/a/../b")
            && !plain_path(b"/a/.")
            && !plain_path(b"x")
    );
}
