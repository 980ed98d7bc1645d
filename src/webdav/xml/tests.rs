use super::fuzz::events;
use super::*;

fn ev(doc: &str) -> Vec<String> {
    let e = events(doc.as_bytes(), 0);
    assert_eq!(
        e,
        events(doc.as_bytes(), 1),
        "byte by byte differs for {doc:?}"
    );
    e
}

fn last(doc: &str) -> String {
    ev(doc).pop().unwrap()
}

#[test]
fn simple_document() {
    assert_eq!(
        ev("<a>x</a>"),
        [
            "start L1 0 {}a",
            "text L1 1 [x]",
            "end L1 1 {}a",
            "result 0 line 1 error [Unknown error] encoding None"
        ]
    );
}

#[test]
fn doctype_is_skipped() {
    let e =
        ev("<!DOCTYPE a [\n<!ELEMENT a (#PCDATA)>\n<!ATTLIST a b CDATA \"dflt\">\n]>\n<a>x</a>");
    assert_eq!(
        e.last().unwrap(),
        "result 0 line 5 error [Unknown error] encoding None",
        "{e:?}"
    );
}

#[test]
fn line_ends() {
    let e = ev("<a>1\r\n2\r3\n\n4</a>");
    assert_eq!(
        e.last().unwrap(),
        "result 0 line 4 error [Unknown error] encoding None",
        "{e:?}"
    );
    let e = ev("\u{feff}<a>x</a>");
    assert_eq!(
        e.last().unwrap(),
        "result 0 line 1 error [Unknown error] encoding None",
        "{e:?}"
    );
}

#[test]
fn namespaces_and_attributes() {
    let e =
        ev("<D:m xmlns:D=\"DAV:\" xmlns=\"urn:d\"><D:r x=\"1&amp;&#65;\r\n2\"><p/></D:r></D:m>");
    assert_eq!(e[0], "start L1 0 {DAV:}m [xmlns:D=DAV:] [xmlns=urn:d]");
    assert_eq!(e[1], "start L2 1 {DAV:}r [x=1&A 2]");
    assert_eq!(e[2], "start L2 2 {urn:d}p");
}

#[test]
fn neon_namespace_errors() {
    assert!(last("<p:a/>").contains("[XML parse error at line 1: undeclared namespace prefix]"));
    assert!(last("<a xmlns:1=\"u\"/>").contains("invalid namespace declaration]"));
    assert!(last("<a:b xmlns:a=\"\"/>").contains("invalid namespace declaration]"));
    assert!(last("<a xmlns:a=\"u\"><a:/></a>").contains("invalid element name]"));
}

#[test]
fn syntax_errors_have_libxml2_messages() {
    let cases = [
        (
            "<a><b></b>",
            "line 1: Extra content at the end of the document\n",
        ),
        (
            "<a>\n<b>\n</c>\n</a>",
            "line 3: Opening and ending tag mismatch: b line 0 and c\n",
        ),
        ("<a/>x", "Extra content at the end of the document\n"),
        ("x<a/>", "Document is empty\n"),
        ("<a>&foo;</a>", "Entity 'foo' not defined\n"),
        ("<a>\u{1}</a>", "PCDATA invalid Char value 1\n"),
        ("<a>&#0;</a>", "xmlParseCharRef: invalid xmlChar value 0\n"),
        ("<a x=\"1\" x=\"2\"/>", "Attribute x redefined\n"),
        ("<a x=1/>", "AttValue: \" or ' expected\n"),
        ("<a x=\"1\"y=\"2\"/>", "attributes construct error\n"),
        (
            "<a x=\"<\"/>",
            "Unescaped '<' not allowed in attributes values\n",
        ),
        ("<a><b", "Couldn't find end of Start Tag b\n"),
        ("<a></a", "expected '>'\n"),
        ("<a><!-- x", "Comment not terminated\n"),
        ("<a>]]></a>", "Sequence ']]>' not allowed in content\n"),
    ];
    for (doc, msg) in cases {
        let l = last(doc);
        assert!(l.starts_with("result 1 "), "{doc:?}: {l}");
        assert!(l.contains(msg), "{doc:?}: {l}");
    }
    let bad = events(b"<a>\xc3\x28</a>", 0);
    assert!(
        bad.last().unwrap().contains("Bytes: 0xC3 0x28 0x3C 0x2F"),
        "{bad:?}"
    );
}

#[test]
fn entity_bomb_fails_without_expanding() {
    let mut doc = String::from("<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">");
    for i in 1..10 {
        let prev = if i == 1 {
            "a".to_string()
        } else {
            format!("e{}", i - 1)
        };
        doc.push_str(&format!(
            "<!ENTITY e{i} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
    }
    doc.push_str("]><l>&e9;</l>");
    assert!(last(&doc).contains("Entity 'e9' not defined"));
}

#[test]
fn deep_nesting_and_big_values_stream() {
    let doc = "<a>".repeat(10_000) + &"</a>".repeat(10_000);
    let mut p = Parser::new();
    assert_eq!(p.parse(doc.as_bytes()), 0);
    assert_eq!(p.finish(), 0);
    let doc = format!("<a x=\"{}\">t</a>", "v".repeat(1 << 20));
    let mut p = Parser::new();
    for b in doc.as_bytes().chunks(1) {
        assert_eq!(p.parse(b), 0);
    }
    assert_eq!(p.finish(), 0);
}

#[test]
fn decline_prunes_and_abort_stops() {
    struct Pick(&'static str, i32);
    impl Handler for Pick {
        fn start_element(
            &mut self,
            _: &Context,
            parent: i32,
            _: ZStr<'_>,
            n: ZStr<'_>,
            _: &Attrs<'_>,
        ) -> i32 {
            if n.as_str() == self.0 {
                self.1
            } else if n.as_str() == "r" {
                parent + 1
            } else {
                DECLINE
            }
        }
    }
    let mut p = Parser::new();
    p.push_handler(Box::new(Pick("x", DECLINE)));
    // An undeclared prefix below a declined element is never looked at.
    assert_eq!(p.parse(b"<r><x><q:y/></x></r>"), 0);
    assert_eq!(p.finish(), 0);
    let mut p = Parser::new();
    p.push_handler(Box::new(Pick("x", -5)));
    assert_eq!(p.parse(b"<r><x/></r>"), -5);
    assert_eq!(p.parse(b"more"), -5);
    assert_eq!(p.failed(), -5);
}

#[test]
fn map_ids() {
    let map = [
        ("DAV:", "href", 1),
        ("DAV:", "status", 2),
        ("DAV:", "href", 3),
    ];
    assert_eq!(map_id(&map, "DAV:", "href"), 1);
    assert_eq!(map_id(&map, "DAV:", "status"), 2);
    assert_eq!(map_id(&map, "urn:x", "href"), 0);
}

#[test]
fn fuzz_entry_point() {
    fuzz_parse(
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b='\xe9'>\xe0&lt;<![CDATA[]]]]></a>",
    );
    fuzz_parse(b"<a>\r\n&#x1F600;\r</a>  <!-- -->");
    fuzz_parse(b"\xef\xbb\xbf<a><b c=\"1\"");
    // An empty chunk between "?" and ">" must not lose the PI's end.
    assert_eq!(
        events_cut(b"<?pi d?><a/>", &[7, 7]),
        events(b"<?pi d?><a/>", 0)
    );
}

/// Events for `data` cut at the given points.
fn events_cut(data: &[u8], cuts: &[usize]) -> Vec<String> {
    use std::cell::RefCell;
    use std::rc::Rc;
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut p = Parser::new();
    p.push_handler(Box::new(super::fuzz::Recorder(log.clone())));
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (data.len() + 1)).collect();
    points.push(0);
    points.push(data.len());
    points.sort_unstable();
    for w in points.windows(2) {
        if p.parse(&data[w[0]..w[1]]) != 0 {
            break;
        }
    }
    let r = p.finish();
    let mut out = log.take();
    let cx = p.context();
    out.push(format!(
        "result {r} line {} error [{}] encoding {:?}",
        cx.line(),
        String::from_utf8_lossy(&cx.error()),
        cx.encoding().map(|e| e.as_str().to_string())
    ));
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
    #[test]
    fn any_chunking_gives_the_same_events(
        parts in proptest::collection::vec(0usize..26, 0..40),
        cuts in proptest::collection::vec(0usize..1000, 0..12),
    ) {
        const FRAGMENTS: [&str; 26] = [
            "<a>", "</a>", "<b x='1' y=\"&amp;2\">", "</b>", "<c/>", "text", " ", "\r\n", "\r",
            "&lt;", "&#233;", "&#x1F600;", "<![CDATA[x]]>", "<!-- c -->", "<?pi d?>", "é€😀",
            "<p:d xmlns:p='urn:p'>", "</p:d>", "<q:e/>", "]]>", "&bad;", "\u{1}", "<", "&",
            "<?xml version='1.0'?>", "<!DOCTYPE a [<!ENTITY e 'x'>]>",
        ];
        let doc: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
        let whole = events_cut(doc.as_bytes(), &[]);
        proptest::prop_assert_eq!(&whole, &events_cut(doc.as_bytes(), &cuts));
        proptest::prop_assert_eq!(&whole, &events(doc.as_bytes(), 1));
    }
}

#[test]
fn documents_ending_early_fail_as_libxml2_does() {
    // Each pair checked against Debian's neon on libxml2 2.9.14.
    let cases = [
        ("x", "line 1: Extra content at the end of the document\n"),
        ("<a>", "line 1: Extra content at the end of the document\n"),
        ("<?xm", "line 1: Extra content at the end of the document\n"),
        (
            "<?xml",
            "XML declaration allowed only at the start of the document\n",
        ),
        ("<?xml version=", "String not started expecting ' or \"\n"),
        (
            "<a>\n<b/>\n",
            "line 2: Extra content at the end of the document\n",
        ),
        ("<a x", "Specification mandates value for attribute x\n"),
        ("<a x=", "AttValue: \" or ' expected\n"),
        ("<abc/", "error parsing attribute name\n"),
        ("<a><?foo", "ParsePI: PI foo space expected\n"),
        ("<a><?foo ", "ParsePI: PI foo never end ...\n"),
        ("<a><?", "xmlParsePI : no target name\n"),
        ("<a><!-- x --", "Double hyphen within comment\n"),
        ("<!DOCTYPE", "xmlParseDocTypeDecl : no DOCTYPE name !\n"),
        ("<!DOCTYPE a", "DOCTYPE improperly terminated\n"),
        ("<!DOCTYPE a SYSTEM", "Space required after 'SYSTEM'\n"),
        ("<a>&#65", "CharRef: invalid decimal value\n"),
    ];
    for (doc, msg) in cases {
        let l = last(doc);
        assert!(l.contains(msg), "{doc:?}: {l}");
    }
}

#[test]
fn malformed_markup_fails_as_libxml2_does() {
    let cases = [
        ("<a>&#6x;</a>", "CharRef: invalid decimal value\n"),
        ("<a>&#x4g;</a>", "CharRef: invalid hexadecimal value\n"),
        ("<a>&#;</a>", "xmlParseCharRef: invalid xmlChar value 0\n"),
        ("<a\"b\"/>", "error parsing attribute name\n"),
        ("<a><?foo#bar?></a>", "ParsePI: PI foo space expected\n"),
        ("<a><?XML ?></a>", "Invalid PI name\n"),
        ("<?xml version=\"2.0\"?><a/>", "Unsupported version '2.0'\n"),
    ];
    for (doc, msg) in cases {
        let l = last(doc);
        assert!(l.contains(msg), "{doc:?}: {l}");
    }
}

#[test]
fn a_lone_cr_starts_the_next_piece() {
    let e = ev("<a>t\r\nu\rv\r</a>");
    // From the lone CR on, libxml2's slow path takes the rest in one piece.
    assert_eq!(
        e[1..4],
        ["text L1 1 [t]", "text L2 1 [\nu]", "text L2 1 [\nv\n]"]
    );
}

#[test]
fn comment_ends_are_found_across_pieces() {
    // A dash at the end of one piece and "x-" in the next are no close;
    // "<!-->" is none either.
    for doc in [
        &b"<a><!-- c -$-><b/></a>"[..],
        b"<a><!-->--></a>",
        b"<a><!-- x - y --><b/></a>",
        b"<a><!-- x -- y --></a>",
    ] {
        let whole = events(doc, 0);
        for size in 1..doc.len() {
            assert_eq!(
                events(doc, size),
                whole,
                "{:?} in pieces of {size}",
                String::from_utf8_lossy(doc)
            );
        }
    }
    assert!(
        events(b"<a><!-- c -$-><b/></a>", 2)
            .last()
            .unwrap()
            .contains("Comment not terminated")
    );
}

#[test]
fn a_comment_ends_at_its_close_however_cut() {
    for doc in [
        &b"<a><!-- c -'-> d --></a>"[..],
        b"<a><!-- -x- --></a>",
        b"<a><!-->x--></a>",
        b"<a><!-- c -'-></a>",
        b"<!-- c -'-><a/>",
        b"<!-- c -'-> --><a/>",
    ] {
        let whole = events(doc, 0);
        for size in 1..6 {
            assert_eq!(whole, events(doc, size), "{doc:?} in chunks of {size}");
        }
        for cut in 0..doc.len() {
            let cuts = [cut, cut + 1, cut + 2, cut + 3];
            assert_eq!(whole, events_cut(doc, &cuts), "{doc:?} cut at {cuts:?}");
        }
    }
}
