use super::fuzz::events;
use super::*;

fn ev(doc: &str) -> Vec<String> {
    let e = events(doc.as_bytes(), 0);
    assert_eq!(e, events(doc.as_bytes(), 1), "byte by byte differs for {doc:?}");
    e
}

fn last(doc: &str) -> String {
    ev(doc).pop().unwrap()
}

#[test]
fn simple_document() {
    assert_eq!(
        ev("<a>x</a>"),
        ["start L1 0 {}a", "text L1 1 [x]", "end L1 1 {}a", "result 0 line 1 error [Unknown error] encoding None"]
    );
}
