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
    /// Read exactly n bytes and send them back.
    Echo(usize),
    /// Read until the client closes, reporting what came.
    Drain,
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
                Step::Echo(n) => {
                    let c = conn.as_mut().unwrap();
                    let mut b = vec![0; n];
                    c.read_exact(&mut b).unwrap();
                    c.write_all(&b).unwrap();
                }
                Step::Drain => {
                    let mut got = Vec::new();
                    let _ = conn.as_mut().unwrap().read_to_end(&mut got);
                    tx.send(got).unwrap();
                }
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

// ---- hand-over of connections, timeouts (handoff.rs) ----

/// Waits (bounded) until the peer's close is visible to `connected()`.
fn wait_closed(sess: &Session) -> bool {
    for _ in 0..500 {
        if !sess.connected() {
            return true;
        }
        thread::sleep(std::time::Duration::from_millis(10));
    }
    false
}

fn upgrade_request(sess: &Rc<Session>) -> Request {
    let req = Request::new(sess.clone(), b"GET", b"/chat");
    req.add_header(b"Upgrade", b"websocket");
    req.add_header(b"Connection", b"Upgrade");
    req.run_create_hooks();
    req
}

#[test]
fn connected_follows_the_connection() {
    let (port, rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
        Step::Drain,
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokjunk"),
        Step::Close,
    ]);
    let sess = session(port);
    assert!(!sess.connected());
    assert_eq!(run(&sess, b"GET", b"/").0, OK);
    assert!(sess.connected());
    assert_eq!(run(&sess, b"GET", b"/close").0, OK);
    assert!(!sess.connected());
    // The peer's FIN is seen behind unread bytes, and nothing is consumed.
    assert_eq!(run(&sess, b"GET", b"/fin").0, OK);
    assert!(wait_closed(&sess));
    assert!(sess.state.borrow().connected);
    assert_eq!(sess.state.borrow().socket.as_ref().unwrap().buffered(), 4);
    sess.close_connection();
    assert!(!sess.connected());
    for _ in 0..3 {
        rx.recv().unwrap();
    }
}

#[test]
fn upgrade_is_final_and_its_connection_detaches_with_buffered_bytes() {
    let (port, rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\nfirst"),
        Step::Echo(4),
        Step::Close,
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
    ]);
    let sess = session(port);
    let req = upgrade_request(&sess);
    assert_eq!(req.dispatch(), OK);
    assert_eq!(req.status.code.get(), 101);
    assert_eq!(sess.error(), b"101 Switching Protocols");
    assert!(sess.connected());
    drop(req);
    let mut sock = sess.detach_connection().unwrap();
    assert!(!sess.connected());
    assert_eq!(sock.pending(), 5);
    let mut b = [0u8; 64];
    assert_eq!(sock.read(&mut b), Ok(5));
    assert_eq!(&b[..5], b"first");
    sock.fullwrite(b"ping").unwrap();
    sock.fullread(&mut b[..4]).unwrap();
    assert_eq!(&b[..4], b"ping");
    assert_eq!(sock.read(&mut b), Err(crate::net::SockError::Closed));
    sock.close();
    // No connection left to detach; the next request connects anew.
    assert_eq!(
        sess.detach_connection().err(),
        Some(super::ConnError::NoConnection)
    );
    assert_eq!(sess.error(), b"No connection to detach");
    assert_eq!(run(&sess, b"GET", b"/next").0, OK);
    assert!(rx.recv().unwrap().starts_with(b"GET /chat "));
    assert!(rx.recv().unwrap().starts_with(b"GET /next "));
}

#[test]
fn switched_connection_is_closed_by_the_next_request() {
    let (port, rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n"),
        Step::Drain,
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
    ]);
    let sess = session(port);
    let req = upgrade_request(&sess);
    assert_eq!(req.begin(), OK);
    assert_eq!(req.end(), OK);
    drop(req);
    assert!(sess.state.borrow().switched);
    assert_eq!(run(&sess, b"GET", b"/").0, OK);
    rx.recv().unwrap();
    assert_eq!(rx.recv().unwrap(), b"");
}

#[test]
fn a_101_without_upgrade_stays_interim() {
    let (port, _rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 101 Switching Protocols\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
    ]);
    let sess = session(port);
    let (ret, req) = run(&sess, b"GET", b"/");
    assert_eq!(ret, OK);
    assert_eq!(req.status.code.get(), 200);
    assert!(!sess.state.borrow().switched);
}

#[test]
fn connect_2xx_has_no_body_and_other_answers_keep_http() {
    let (port, rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 3\r\n\r\nno\n"),
        Step::Read,
        Step::Send(b"HTTP/1.1 200 Connection established\r\n\r\ntunnelled"),
    ]);
    let sess = session(port);
    let (ret, req) = run(&sess, b"CONNECT", b"example.org:443");
    assert_eq!((ret, req.status.code.get()), (OK, 403));
    assert!(!sess.state.borrow().switched && sess.connected());
    let (ret, req) = run(&sess, b"CONNECT", b"example.org:443");
    assert_eq!((ret, req.status.code.get()), (OK, 200));
    assert!(sess.state.borrow().switched);
    let mut sock = sess.detach_connection().unwrap();
    let mut b = [0u8; 16];
    assert_eq!(sock.read(&mut b), Ok(9));
    assert_eq!(&b[..9], b"tunnelled");
    rx.recv().unwrap();
    rx.recv().unwrap();
}

#[test]
fn attached_socket_carries_requests_and_session_reconnects_after() {
    let (port, rx) = serve(vec![
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
        Step::Read,
        Step::Send(b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"),
        Step::Drain,
        Step::Accept,
        Step::Read,
        Step::Send(b"HTTP/1.1 204 No Content\r\n\r\n"),
    ]);
    let lo = crate::net::InetAddr::parse(b"127.0.0.1", false).unwrap();
    let mut sock = crate::net::Socket::new();
    sock.connect(&lo, port).unwrap();
    let sess = session(port);
    sess.set_timeouts(None, Some(5000), Some(5000));
    sess.attach_connection(sock).unwrap();
    assert!(sess.connected());
    assert_eq!(run(&sess, b"POST", b"/1").0, OK);
    assert_eq!(run(&sess, b"GET", b"/2").0, OK);
    assert!(!sess.connected());
    let (ret, req) = run(&sess, b"GET", b"/3");
    assert_eq!((ret, req.status.code.get()), (OK, 204));
    for path in ["POST /1 ", "GET /2 "] {
        assert!(rx.recv().unwrap().starts_with(path.as_bytes()));
    }
    assert_eq!(rx.recv().unwrap(), b"");
    assert!(rx.recv().unwrap().starts_with(b"GET /3 "));

    // Refused: a socket without a connection.
    assert_eq!(
        sess.attach_connection(crate::net::Socket::new()),
        Err(super::ConnError::NotConnected)
    );
    assert_eq!(sess.error(), b"Socket is not connected");
}

#[test]
fn timeouts_are_kept_in_milliseconds_and_neon_setters_share_them() {
    let sess = session(1);
    assert_eq!(sess.timeouts(), super::Timeouts::default());
    sess.set_timeouts(Some(300), Some(400), Some(500));
    assert_eq!(
        sess.timeouts(),
        super::Timeouts {
            connect: 300,
            send: 400,
            receive: 500
        }
    );
    sess.set_read_timeout(2);
    sess.set_connect_timeout(3);
    sess.set_timeouts(None, Some(0), None);
    assert_eq!(
        sess.timeouts(),
        super::Timeouts {
            connect: 3000,
            send: 0,
            receive: 2000
        }
    );
}

#[test]
fn send_and_receive_timeouts_expire() {
    // A server that never reads: the body fills the buffers.
    struct Endless(usize);
    impl super::BodySource for Endless {
        fn provide(&mut self, _: &Session, buf: &mut [u8]) -> isize {
            self.0 += buf.len();
            if self.0 > 1 << 30 {
                -1
            } else {
                buf.len() as isize
            }
        }
    }
    let (port, _rx) = serve(vec![Step::Accept, Step::Hold(3000)]);
    let sess = session(port);
    sess.set_timeouts(None, Some(200), Some(20000));
    let req = Request::new(sess.clone(), b"PUT", b"/");
    req.set_body(Box::new(Endless(0)), -1);
    assert_eq!(req.dispatch(), TIMEOUT);
    assert_eq!(
        sess.error(),
        b"Could not send request body: connection timed out"
    );

    let (port, _rx) = serve(vec![Step::Accept, Step::Read, Step::Hold(3000)]);
    let sess = session(port);
    sess.set_timeouts(None, None, Some(200));
    assert_eq!(run(&sess, b"GET", b"/").0, TIMEOUT);
    assert_eq!(
        sess.error(),
        b"Could not read status line: connection timed out"
    );
}
