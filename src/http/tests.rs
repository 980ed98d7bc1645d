//! End-to-end tests of the engine against a scripted loopback server.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::rc::Rc;
use std::sync::mpsc;
use std::thread;

use super::codes::{CONNECT, ERROR, OK, TIMEOUT, sessflag};
use super::{Request, Session};

/// One step of a server script.
enum Step {
    Accept,
    /// Read a request head (and a Content-Length body), reporting it.
    Read,
    Send(&'static [u8]),
    /// Keep the connection open without sending (a stalled server).
    Hold(u64),
    Close,
}

/// Runs the script on a thread; returns the port and the requests read.
fn serve(script: Vec<Step>) -> (u16, mpsc::Receiver<Vec<u8>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut conn: Option<TcpStream> = None;
        for step in script {
            match step {
                Step::Accept => conn = Some(l.accept().unwrap().0),
                Step::Read => {
                    let c = conn.as_mut().unwrap();
                    let mut got = Vec::new();
                    let mut b = [0u8; 1];
                    while !got.ends_with(b"\r\n\r\n") && c.read(&mut b).unwrap_or(0) == 1 {
                        got.push(b[0]);
                    }
                    let head = String::from_utf8_lossy(&got).to_lowercase();
                    if let Some(i) = head.find("content-length: ") {
                        let n: usize = head[i + 16..]
                            .split("\r\n")
                            .next()
                            .unwrap()
                            .parse()
                            .unwrap();
                        let mut body = vec![0; n];
                        c.read_exact(&mut body).unwrap();
                        got.extend(body);
                    }
                    tx.send(got).unwrap();
                }
                Step::Send(b) => {
                    let _ = conn.as_mut().unwrap().write_all(b);
                }
                Step::Hold(ms) => thread::sleep(std::time::Duration::from_millis(ms)),
                Step::Close => conn = None,
            }
        }
    });
    (port, rx)
}

fn session(port: u16) -> Rc<Session> {
    Session::create(b"http", b"127.0.0.1", u32::from(port))
}

fn run(sess: &Rc<Session>, method: &[u8], path: &[u8]) -> (i32, Request) {
    let req = Request::new(sess.clone(), method, path);
    req.run_create_hooks();
    let ret = req.dispatch();
    (ret, req)
}

#[test]
fn first_and_later_requests_on_one_connection() {
    let (port, rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"),
        Step::Read,
        Step::Send(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
    ]);
    let sess = session(port);
    sess.set_useragent(b"test/1");
    let (ret, req) = run(&sess, b"GET", b"/a");
    assert_eq!(ret, OK);
    assert_eq!(req.status.code.get(), 200);
    assert_eq!(sess.error(), b"200 OK");
    let first = rx.recv().unwrap();
    assert_eq!(
        first,
        format!(
            "GET /a HTTP/1.1\r\nUser-Agent: test/1 neon/0.32.5\r\nKeep-Alive: \r\nConnection: TE, Keep-Alive\r\nTE: trailers\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        )
        .as_bytes()
    );
    drop(req);
    let (ret, _req) = run(&sess, b"GET", b"/b");
    assert_eq!(ret, OK);
    let second = String::from_utf8(rx.recv().unwrap()).unwrap();
    assert!(
        second.contains("\r\nConnection: TE\r\nTE: trailers\r\n"),
        "{second}"
    );
    assert_eq!(sess.error(), b"404 Not Found");
}

#[test]
fn retries_once_when_persisted_connection_was_closed() {
    let (port, rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
        Step::Close,
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"),
    ]);
    let sess = session(port);
    assert_eq!(run(&sess, b"GET", b"/").0, OK);
    rx.recv().unwrap();
    let (ret, req) = run(&sess, b"GET", b"/again");
    assert_eq!(ret, OK);
    assert_eq!(req.status.code.get(), 201);
    assert!(rx.recv().unwrap().starts_with(b"GET /again "));
}

#[test]
fn chunked_body_with_trailer_reaches_readers() {
    let (port, _rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0x6;ext\r\n world\r\n0\r\nX-T: 1\r\n\r\n"),
    ]);
    let sess = session(port);
    let req = Request::new(sess.clone(), b"GET", b"/");
    let body = Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = body.clone();
    req.add_reader(
        Rc::new(|_, st| st.klass.get() == 2),
        Rc::new(move |b: &[u8]| {
            sink.borrow_mut().extend_from_slice(b);
            0
        }),
    );
    assert_eq!(req.dispatch(), OK);
    assert_eq!(&*body.borrow(), b"hello world");
    assert_eq!(req.response_header(b"x-t"), Some(b"1".to_vec()));
}

#[test]
fn transport_errors_give_neon_messages() {
    // Server closes before answering a fresh connection: no retry.
    let (port, _rx) = serve(vec![Step::Accept, Step::Read, Step::Close]);
    let sess = session(port);
    assert_eq!(run(&sess, b"GET", b"/").0, ERROR);
    assert_eq!(
        sess.error(),
        b"Could not read status line: connection was closed by server"
    );

    // Nothing listening.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = l.local_addr().unwrap().port();
    drop(l);
    let sess = session(dead);
    assert_eq!(run(&sess, b"GET", b"/").0, CONNECT);
    assert_eq!(
        sess.error(),
        b"Could not connect to server: Connection refused"
    );

    // A stalled server with a one-second read timeout.
    let (port, _rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\n"),
        Step::Hold(2500),
    ]);
    let sess = session(port);
    sess.set_read_timeout(1);
    assert_eq!(run(&sess, b"GET", b"/").0, TIMEOUT);
    assert_eq!(
        sess.error(),
        b"Error reading response headers: connection timed out"
    );
}

#[test]
fn malformed_framing_is_rejected() {
    for (resp, msg) in [
        (
            &b"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"[..],
            &b"Invalid Content-Length in response"[..],
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
            b"Unknown transfer-coding in response",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"Could not parse chunk size",
        ),
        (b"garbage\r\n", b"Could not parse response status line"),
    ] {
        let (port, _rx) = serve(vec![Step::Accept, Step::Read, Step::Send(resp)]);
        let sess = session(port);
        assert_eq!(run(&sess, b"GET", b"/").0, ERROR);
        assert_eq!(sess.error(), msg);
    }
}

#[test]
fn persistence_can_be_disabled() {
    let (port, rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
    ]);
    let sess = session(port);
    sess.set_flag(sessflag::PERSIST, 0);
    assert_eq!(run(&sess, b"HEAD", b"/").0, OK);
    assert!(
        String::from_utf8(rx.recv().unwrap())
            .unwrap()
            .contains("Connection: TE, close\r\n")
    );
    assert!(!sess.state.borrow().connected);
}
