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
