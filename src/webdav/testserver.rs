//! A one-shot loopback HTTP server for the WebDAV cores' tests: it
//! accepts one connection, reads one request (head and Content-Length
//! body), sends a canned response and hands back what it read.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::rc::Rc;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::http::Session;

/// A server answering one request with `response`.
pub struct OneShot {
    pub port: u16,
    got: mpsc::Receiver<Vec<u8>>,
}

impl OneShot {
    pub fn start(response: Vec<u8>) -> OneShot {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let (mut c, _) = l.accept().unwrap();
            c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut got = Vec::new();
            let mut b = [0u8; 1];
            while !got.ends_with(b"\r\n\r\n") && c.read(&mut b).unwrap_or(0) == 1 {
                got.push(b[0]);
            }
            let head = String::from_utf8_lossy(&got).to_ascii_lowercase();
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
            let _ = c.write_all(&response);
            let _ = tx.send(got);
            // Wait for the client to close.
            let _ = c.read(&mut b);
        });
        OneShot { port, got: rx }
    }

    /// A session to the server.
    pub fn session(&self) -> Rc<Session> {
        let s = Session::create(b"http", b"127.0.0.1", u32::from(self.port));
        s.set_read_timeout(10);
        s
    }

    /// The request the server read.
    pub fn request(&self) -> String {
        let got = self.got.recv_timeout(Duration::from_secs(10)).unwrap();
        String::from_utf8_lossy(&got).into_owned()
    }
}

/// A 207 response carrying `body`.
pub fn multistatus(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 207 Multi-Status\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}
