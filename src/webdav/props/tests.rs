use std::cell::RefCell;
use std::rc::Rc;

use super::*;
use crate::http::codes::ERROR;
use crate::uri::Uri;
use crate::webdav::testserver::{OneShot, multistatus};
use crate::webdav::xml::{Attrs, Context, DECLINE, Handler, ZStr};

/// Keeps every resource's properties as text lines, and the private
/// values' life.
#[derive(Default)]
struct Collect {
    out: Rc<RefCell<Vec<String>>>,
    with_private: bool,
    n: u32,
}

fn s(b: Option<&[u8]>) -> String {
    b.map_or("-".into(), |b| String::from_utf8_lossy(b).into_owned())
}

impl Results for Collect {
    type Private = u32;

    fn create(&mut self, uri: &Uri) -> Option<u32> {
        self.n += 1;
        let line = format!("create {} {}", self.n, s(Some(uri.path())));
        self.out.borrow_mut().push(line);
        self.with_private.then_some(self.n)
    }

    fn destroy(&mut self, p: u32) {
        self.out.borrow_mut().push(format!("destroy {p}"));
    }

    fn results(&mut self, set: &ResultSet<u32>) {
        let mut out = self.out.borrow_mut();
        out.push(format!(
            "results {} private {:?}",
            s(Some(set.uri().path())),
            set.private()
        ));
        for p in set.iter() {
            let st = p.status();
            out.push(format!(
                "  {{{}}}{} = {} [{} {}]",
                s(p.nspace()),
                s(Some(p.name())),
                s(p.value()),
                st.code,
                s(p.reason())
            ));
        }
    }
}

const MS: &str = "<D:multistatus xmlns:D='DAV:' xmlns:x='urn:x'>";
const ME: &str = "</D:multistatus>";

/// Parses `doc` through a PROPFIND's handlers, without a request.
fn parse(doc: &str, chunk: usize, with_private: bool) -> (Vec<String>, String) {
    let sess = crate::http::Session::create(b"http", b"h.example", 80);
    let out = Rc::new(RefCell::new(Vec::new()));
    let c = Collect {
        out: out.clone(),
        with_private,
        n: 0,
    };
    let pf = Propfind::new(&sess, b"/c/", 1, c);
    pf.push_flat_handler().unwrap();
    let mut failed = 0;
    for piece in doc.as_bytes().chunks(chunk) {
        failed = pf.parser().borrow_mut().parse(piece);
        if failed != 0 {
            break;
        }
    }
    if failed == 0 {
        pf.parser().borrow_mut().finish();
    }
    let err = String::from_utf8_lossy(&pf.parser().borrow().context().error()).into_owned();
    drop(pf);
    let lines = out.borrow().clone();
    (lines, err)
}

#[test]
fn result_sets() {
    let doc = format!(
        "{MS}<D:response><D:href>a</D:href><D:propstat><D:prop><D:displayname>A &amp; B</D:displayname>\
         <x:color/><plain>p</plain></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>\
         <D:propstat><D:prop><D:getetag>lost</D:getetag></D:prop><D:status>HTTP/1.1 404 Not Found</D:status>\
         </D:propstat><D:propstat><D:prop><x:kept>k</x:kept></D:prop></D:propstat></D:response>\
         <D:response><D:href>/none</D:href><D:status>HTTP/1.1 404 Gone</D:status></D:response>{ME}"
    );
    let (lines, _) = parse(&doc, 1000, true);
    assert_eq!(
        lines,
        [
            "create 1 /c/a",
            "results /c/a private Some(1)",
            "  {DAV:}displayname = A & B [200 OK]",
            "  {urn:x}color =  [200 OK]",
            "  {-}plain = p [200 OK]",
            "  {DAV:}getetag = - [404 Not Found]",
            "  {urn:x}kept = k [0 -]",
            "destroy 1",
            "create 2 /none",
            "destroy 2",
        ]
    );
    for chunk in [1, 3, 17] {
        assert_eq!(parse(&doc, chunk, true).0, lines, "chunk {chunk}");
    }
}

#[test]
fn lookups_follow_neons_name_rules() {
    let doc = format!(
        "{MS}<D:response><D:href>a</D:href><D:propstat><D:prop><plain>p</plain><D:x>1</D:x><D:x>2</D:x>\
         </D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>{ME}"
    );
    struct Find(Rc<RefCell<Vec<String>>>);
    impl Results for Find {
        type Private = ();
        fn results(&mut self, set: &ResultSet<()>) {
            let mut o = self.0.borrow_mut();
            for (ns, name) in [
                (None, &b"plain"[..]),
                (Some(&b""[..]), b"plain"),
                (Some(b"DAV:"), b"x"),
            ] {
                o.push(s(set.find(ns, name).and_then(|p| p.value())));
            }
            o.push(format!(
                "{:?}",
                set.find(None, b"plain").map(|p| p.lang_with_nul())
            ));
        }
    }
    let sess = crate::http::Session::create(b"http", b"h", 80);
    let out = Rc::new(RefCell::new(Vec::new()));
    let pf = Propfind::new(&sess, b"/", 0, Find(out.clone()));
    pf.push_flat_handler().unwrap();
    assert_eq!(pf.parser().borrow_mut().parse(doc.as_bytes()), 0);
    assert_eq!(*out.borrow(), ["p", "-", "1", "Some(None)"]);
}

#[test]
fn flat_values_keep_markup_as_neon_writes_it() {
    let doc = format!(
        "{MS}<D:response><D:href>a</D:href><D:propstat><D:prop><D:v> t<b xmlns='urn:b' c=\"1\" x:d='2' \
         y:e='3'>in</b><![CDATA[<c>]]></D:v></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>\
         </D:response>{ME}"
    );
    let (lines, _) = parse(&doc, 9, false);
    assert_eq!(
        lines[2],
        "  {DAV:}v =  t<urn:bb xmlns='urn:b' c='1' urn:xd='2' y:e='3'>in</urn:bb><c> [200 OK]"
    );
}

#[test]
fn the_property_limit_aborts() {
    let props: String = (0..1100).map(|i| format!("<x:p{i}/>")).collect();
    let doc = format!(
        "{MS}<D:response><D:href>a</D:href><D:propstat><D:prop>{props}</D:prop></D:propstat></D:response>{ME}"
    );
    let (lines, err) = parse(&doc, 4096, true);
    assert_eq!(err, "Response exceeds maximum property count");
    // The unfinished resource is freed when the PROPFIND is.
    assert_eq!(lines, ["create 1 /c/a", "destroy 1"]);
}

/// A handler for structured properties, reading the current private value.
struct Complex {
    pf_current: Rc<dyn Fn() -> Option<u32>>,
    seen: Rc<RefCell<Vec<String>>>,
}

impl Handler for Complex {
    fn start_element(
        &mut self,
        _cx: &Context,
        parent: i32,
        _ns: ZStr<'_>,
        name: ZStr<'_>,
        _a: &Attrs<'_>,
    ) -> i32 {
        if parent == crate::webdav::multistatus::STATE_PROP && name.as_str() == "lockdiscovery" {
            let line = format!("complex in {:?}", (self.pf_current)());
            self.seen.borrow_mut().push(line);
            return STATE_PROPS_TOP + 1;
        }
        DECLINE
    }
}

#[test]
fn structured_properties_see_the_current_private_value() {
    let doc = format!(
        "{MS}<D:response><D:href>a</D:href><D:propstat><D:prop><D:lockdiscovery><D:x/></D:lockdiscovery>\
         <D:y/></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>{ME}"
    );
    let sess = crate::http::Session::create(b"http", b"h", 80);
    let out = Rc::new(RefCell::new(Vec::new()));
    let c = Collect {
        out: out.clone(),
        with_private: true,
        n: 6,
    };
    let pf = Rc::new(Propfind::new(&sess, b"/", 0, c));
    let weak = Rc::downgrade(&pf);
    let seen = Rc::new(RefCell::new(Vec::new()));
    pf.parser().borrow_mut().push_handler(Box::new(Complex {
        pf_current: Rc::new(move || weak.upgrade()?.current_private()),
        seen: seen.clone(),
    }));
    pf.push_flat_handler().unwrap();
    assert_eq!(pf.parser().borrow_mut().parse(doc.as_bytes()), 0);
    assert_eq!(*seen.borrow(), ["complex in Some(7)"]);
    assert_eq!(out.borrow()[2], "  {DAV:}y =  [200 OK]");
    assert_eq!(out.borrow().len(), 4);
    assert_eq!(pf.current_private(), None);
}

#[test]
fn memory_follows_one_response_not_the_document() {
    // 20,000 members, parsed in 8 KiB blocks: the set's storage is reused,
    // so what it holds after the last member is what one member needs.
    struct Count(Rc<RefCell<(u32, usize)>>);
    impl Results for Count {
        type Private = ();
        fn results(&mut self, set: &ResultSet<()>) {
            let mut c = self.0.borrow_mut();
            c.0 += 1;
            c.1 = c.1.max(set.iter().count());
        }
    }
    let sess = crate::http::Session::create(b"http", b"h", 80);
    let count = Rc::new(RefCell::new((0, 0)));
    let pf = Propfind::new(&sess, b"/c/", 1, Count(count.clone()));
    pf.push_flat_handler().unwrap();
    let mut p = pf.parser().borrow_mut();
    assert_eq!(p.parse(MS.as_bytes()), 0);
    let mut block = String::new();
    for i in 0..20_000 {
        block.push_str(&format!(
            "<D:response><D:href>/c/member-{i}</D:href><D:propstat><D:prop><D:getcontentlength>{i}\
             </D:getcontentlength><D:resourcetype/></D:prop><D:status>HTTP/1.1 200 OK</D:status>\
             </D:propstat></D:response>\n"
        ));
        if block.len() > 8192 {
            assert_eq!(p.parse(block.as_bytes()), 0);
            block.clear();
        }
    }
    block.push_str(ME);
    assert_eq!(p.parse(block.as_bytes()), 0);
    assert_eq!(p.finish(), 0);
    assert_eq!(*count.borrow(), (20_000, 2));
}

#[test]
fn propfind_request_and_results() {
    let body = format!(
        "{MS}<D:response><D:href>/c/</D:href><D:propstat><D:prop><D:getetag>\"e\"</D:getetag></D:prop>\
         <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>{ME}"
    );
    let srv = OneShot::start(multistatus(&body));
    let sess = srv.session();
    let out = Rc::new(RefCell::new(Vec::new()));
    let names = [
        PropName {
            nspace: Some(b"DAV:"),
            name: b"getetag",
        },
        PropName {
            nspace: None,
            name: b"x",
        },
    ];
    let c = Collect {
        out: out.clone(),
        ..Collect::default()
    };
    assert_eq!(simple_propfind(&sess, b"/c/", 1, Some(&names), c), Ok(()));
    let req = srv.request();
    assert!(req.starts_with("PROPFIND /c/ HTTP/1.1\r\n"), "{req}");
    assert!(
        req.contains(
            "\r\nDepth: 1\r\nContent-Length: 126\r\nContent-Type: application/xml\r\n\r\n"
        )
    );
    assert!(req.ends_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<propfind xmlns=\"DAV:\"><prop>\n\
         <getetag xmlns=\"DAV:\"/>\n<x xmlns=\"\"/>\n</prop></propfind>\n"
    ));
    assert_eq!(out.borrow()[2], "  {DAV:}getetag = \"e\" [200 OK]");
}

#[test]
fn propfind_failures() {
    let srv = OneShot::start(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".to_vec());
    let sess = srv.session();
    let r = propnames(&sess, b"/c/", 0, Collect::default());
    assert_eq!(r, Err(Failed(ERROR)));
    assert_eq!(sess.error(), b"404 Not Found");
    assert!(srv.request().ends_with("<propname/></propfind>"));

    let srv = OneShot::start(multistatus("<D:multistatus xmlns:D='DAV:'><D:response>"));
    let sess = srv.session();
    let r = simple_propfind(&sess, b"/c/", 2, None, Collect::default());
    assert_eq!(r, Err(Failed(ERROR)));
    assert_eq!(
        sess.error(),
        b"XML parse error at line 1: Extra content at the end of the document\n"
    );
    let req = srv.request();
    assert!(req.contains("Depth: infinity\r\n") && req.ends_with("<allprop/></propfind>\n"));
}

#[test]
fn proppatch_sends_neons_body() {
    let srv = OneShot::start(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".to_vec());
    let sess = srv.session();
    let ops = [
        PatchOp::Set(
            PropName {
                nspace: Some(b"urn:x"),
                name: b"c",
            },
            b"v<",
        ),
        PatchOp::Remove(PropName {
            nspace: None,
            name: b"d",
        }),
    ];
    assert_eq!(proppatch(&sess, b"/f", &ops), Ok(()));
    let req = srv.request();
    assert!(req.starts_with("PROPPATCH /f HTTP/1.1\r\n"));
    assert!(req.ends_with(
        "\r\n\r\n<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<D:propertyupdate xmlns:D=\"DAV:\">\
         <D:set><D:prop><c xmlns=\"urn:x\">v<</c></D:prop></D:set>\n\
         <D:remove><D:prop><d></d></D:prop></D:remove>\n</D:propertyupdate>\n"
    ));
}
