//! Where a connection's records travel. By default a descriptor, read and
//! written with direct system calls (one `sendmsg` per flight of records);
//! otherwise a [`Channel`] the face supplies (OpenSSL's BIOs: memory BIOs,
//! the application's own BIO methods, filters). Each direction has its own
//! [`Endpoint`], as `SSL_set_rfd`/`SSL_set_wfd`/`SSL_set_bio` allow.

use std::any::Any;
use std::io::{self, ErrorKind, IoSlice};
use std::sync::Arc;

use crate::ffi::sys::FdIo;

/// A byte channel supplied by the application.
pub trait Channel: Send + Sync {
    /// Bytes read (> 0); `Ok(0)`: the end of the stream; `WouldBlock`: try
    /// again later; any other error fails the operation (OpenSSL's
    /// `SSL_ERROR_SYSCALL`), as does [`NOT_EOF`].
    fn read(&self, buf: &mut [u8]) -> io::Result<usize>;
    /// Bytes written (> 0); `WouldBlock`: try again later.
    fn write(&self, buf: &[u8]) -> io::Result<usize>;
    /// Pushes buffered bytes on; called after each flight of handshake
    /// messages, alerts and close_notify (not after application data).
    fn flush(&self) -> io::Result<()>;
    /// Marks the channel as to be read again (OpenSSL's
    /// `BIO_set_retry_read`) for a read that returns as if it would block
    /// though the channel did not.
    fn set_retry_read(&self) {}
    /// A plain descriptor to use directly instead of the channel.
    fn fd(&self) -> Option<i32> {
        None
    }
    fn as_any(&self) -> &dyn Any;
}

/// What a [`Channel`] reports for a read that got nothing, cannot be
/// retried, and is not the end of the stream either (a BIO whose read
/// returned 0 without saying EOF).
pub const NOT_EOF: ErrorKind = ErrorKind::UnexpectedEof;

/// What the connection reports for I/O without an endpoint.
pub const NO_ENDPOINT: ErrorKind = ErrorKind::NotConnected;

/// One direction of a connection's transport.
#[derive(Clone, Default)]
pub enum Endpoint {
    #[default]
    None,
    Fd(i32),
    Channel(Arc<dyn Channel>),
}

impl Endpoint {
    /// The descriptor the connection uses directly, if any.
    pub fn fd(&self) -> Option<i32> {
        match self {
            Endpoint::None => None,
            Endpoint::Fd(fd) => Some(*fd),
            Endpoint::Channel(c) => c.fd(),
        }
    }

    pub fn channel(&self) -> Option<&Arc<dyn Channel>> {
        match self {
            Endpoint::Channel(c) => Some(c),
            _ => None,
        }
    }
}

/// The connection's two endpoints (the write one is dropped first, as
/// OpenSSL frees its BIOs).
#[derive(Clone, Default)]
pub struct Wire {
    pub write: Endpoint,
    pub read: Endpoint,
}

/// The first five bytes the connection received: the first record's
/// header, which tells OpenSSL's "wrong version number" from "http request";
/// and where the transport stands in the current record.
#[derive(Debug, Default, Clone)]
pub struct Head {
    bytes: [u8; 5],
    len: usize,
    record: Record,
    /// The first record, whole (a server's ClientHello, for what rustls
    /// does not tell of it).
    first: Vec<u8>,
}

/// The longest first record kept: a header and the largest plaintext body.
const FIRST_MAX: usize = 5 + 16384;

/// Whether the ClientHello in `record` (a whole handshake record) has the
/// session_ticket extension; None if it is not one, cut, or malformed.
pub fn hello_offers_ticket(record: &[u8]) -> Option<bool> {
    const SESSION_TICKET: u16 = 35;
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (b.get(..n)?, b.get(n..)?);
        *b = rest;
        Some(head)
    }
    fn len(b: &mut &[u8], width: usize) -> Option<usize> {
        Some(
            take(b, width)?
                .iter()
                .fold(0, |a, x| a << 8 | usize::from(*x)),
        )
    }
    let mut b = record;
    if take(&mut b, 5)?[0] != 22 || take(&mut b, 1)? != [1] {
        return None;
    }
    let body = len(&mut b, 3)?;
    let mut b = take(&mut b, body)?;
    take(&mut b, 2 + 32)?;
    for width in [1, 2, 1] {
        let n = len(&mut b, width)?;
        take(&mut b, n)?;
    }
    if b.is_empty() {
        return Some(false);
    }
    let n = len(&mut b, 2)?;
    let mut exts = take(&mut b, n)?;
    while !exts.is_empty() {
        let kind = len(&mut exts, 2)?;
        let n = len(&mut exts, 2)?;
        take(&mut exts, n)?;
        if kind == usize::from(SESSION_TICKET) {
            return Some(true);
        }
    }
    Some(false)
}

/// OpenSSL (without read-ahead) reads one record at a time: its header,
/// then exactly its body. Reading no further leaves what follows a record
/// on the transport, where the application finds it: the plaintext after a
/// close_notify (STARTTLS's end), the next record for select(2). Record
/// boundaries are followed from the start, the reads kept to them once the
/// handshake is done (`exact`): a handshake's flight is read whole, as a
/// client that fails on the server's certificate closes with nothing left
/// unread (an unread rest would make its close a reset, losing its alert).
#[derive(Debug, Default, Clone, Copy)]
struct Record {
    exact: bool,
    /// Header bytes of the next record read so far.
    header: [u8; 5],
    header_len: usize,
    /// Body bytes of the current record still to read.
    body_left: usize,
}

impl Record {
    /// How many bytes the next read may take.
    fn limit(&self) -> usize {
        if !self.exact {
            usize::MAX
        } else if self.body_left > 0 {
            self.body_left
        } else {
            5 - self.header_len
        }
    }

    fn took(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            if self.body_left > 0 {
                let n = data.len().min(self.body_left);
                self.body_left -= n;
                data = &data[n..];
                continue;
            }
            let n = (5 - self.header_len).min(data.len());
            self.header[self.header_len..self.header_len + n].copy_from_slice(&data[..n]);
            self.header_len += n;
            data = &data[n..];
            if self.header_len == 5 {
                self.body_left = usize::from(u16::from_be_bytes([self.header[3], self.header[4]]));
                self.header_len = 0;
            }
        }
    }
}

impl Head {
    fn note(&mut self, data: &[u8]) {
        let n = (5 - self.len).min(data.len());
        self.bytes[self.len..self.len + n].copy_from_slice(&data[..n]);
        self.len += n;
    }

    fn keep_first(&mut self, data: &[u8]) {
        if self.record.exact {
            return;
        }
        let mut data = data;
        while !data.is_empty() && self.first.len() < FIRST_MAX {
            let want = match self.first.get(3..5) {
                Some(l) => 5 + usize::from(u16::from_be_bytes([l[0], l[1]])),
                None => 5,
            };
            if self.first.len() >= want {
                break;
            }
            let n = (want - self.first.len()).min(data.len());
            self.first.extend_from_slice(&data[..n]);
            data = &data[n..];
        }
    }

    /// The first record received, once whole.
    pub fn first_record(&self) -> Option<&[u8]> {
        let l = self.first.get(3..5)?;
        let want = 5 + usize::from(u16::from_be_bytes([l[0], l[1]]));
        (self.first.len() == want).then_some(&self.first[..])
    }

    /// Reads from now on stop at record boundaries (the handshake is done).
    pub fn read_exactly(&mut self) {
        self.record.exact = true;
        self.first = Vec::new();
    }

    /// The header, once five bytes came.
    pub fn get(&self) -> Option<&[u8; 5]> {
        (self.len == 5).then_some(&self.bytes)
    }
}

enum Side {
    None,
    Fd(FdIo),
    Channel(Arc<dyn Channel>),
}

impl From<&Endpoint> for Side {
    fn from(e: &Endpoint) -> Side {
        match e {
            Endpoint::None => Side::None,
            Endpoint::Fd(fd) => Side::Fd(FdIo(*fd)),
            Endpoint::Channel(c) => match c.fd() {
                Some(fd) => Side::Fd(FdIo(fd)),
                None => Side::Channel(c.clone()),
            },
        }
    }
}

fn no_endpoint() -> io::Error {
    io::Error::from(NO_ENDPOINT)
}

/// The transport for one operation (endpoints are read once, so the
/// application may replace them meanwhile): `std::io` for rustls, the
/// first header noted, and whether anything was written since the last
/// flush.
pub struct Link<'a> {
    read: Side,
    write: Side,
    head: &'a mut Head,
    written: bool,
}

impl<'a> Link<'a> {
    pub fn new(wire: &Wire, head: &'a mut Head) -> Link<'a> {
        Link {
            read: Side::from(&wire.read),
            write: Side::from(&wire.write),
            head,
            written: false,
        }
    }

    /// The first record header, once five bytes came.
    pub fn head(&self) -> Option<&[u8; 5]> {
        self.head.get()
    }

    /// The first record, once whole.
    pub fn first_record(&self) -> Option<&[u8]> {
        self.head.first_record()
    }

    /// See [`Channel::set_retry_read`].
    pub fn set_retry_read(&self) {
        if let Side::Channel(c) = &self.read {
            c.set_retry_read();
        }
    }

    /// Whether a record written now could go: a descriptor whose peer is
    /// gone refuses even an empty send. Channels are taken to accept it.
    pub fn alert_would_go(&mut self) -> bool {
        match &mut self.write {
            Side::Fd(f) => io::Write::write(f, &[]).is_ok(),
            Side::Channel(_) => true,
            Side::None => false,
        }
    }

    /// Flushes a channel after a flight (descriptors need nothing).
    pub fn flush_flight(&mut self) -> io::Result<()> {
        if !std::mem::take(&mut self.written) {
            return Ok(());
        }
        match &self.write {
            Side::Channel(c) => c.flush(),
            _ => Ok(()),
        }
    }
}

impl io::Read for Link<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let limit = self.head.record.limit().min(buf.len());
        let buf = &mut buf[..limit];
        let n = match &mut self.read {
            Side::None => return Err(no_endpoint()),
            Side::Fd(f) => io::Read::read(f, buf)?,
            Side::Channel(c) => c.read(buf)?,
        };
        self.head.record.took(&buf[..n]);
        self.head.keep_first(&buf[..n]);
        if self.head.len < 5 {
            self.head.note(&buf[..n]);
        }
        Ok(n)
    }
}

impl io::Write for Link<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = match &mut self.write {
            Side::None => return Err(no_endpoint()),
            Side::Fd(f) => io::Write::write(f, buf)?,
            Side::Channel(c) => c.write(buf)?,
        };
        if n == 0 && !buf.is_empty() {
            return Err(ErrorKind::WriteZero.into());
        }
        self.written = true;
        Ok(n)
    }

    /// Descriptors: one system call for all queued records. Channels: the
    /// records in one write, as OpenSSL's buffered handshake writes them.
    fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize> {
        let n = match &mut self.write {
            Side::None => return Err(no_endpoint()),
            Side::Fd(f) => io::Write::write_vectored(f, bufs)?,
            Side::Channel(c) => {
                let joined: Vec<u8> = bufs.iter().flat_map(|b| b.iter().copied()).collect();
                c.write(&joined)?
            }
        };
        if n == 0 && bufs.iter().any(|b| !b.is_empty()) {
            return Err(ErrorKind::WriteZero.into());
        }
        self.written = true;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::sync::Mutex;

    /// A channel over two queues, counting flushes.
    #[derive(Default)]
    struct Queue {
        inbound: Mutex<Vec<u8>>,
        outbound: Mutex<Vec<Vec<u8>>>,
        flushes: Mutex<usize>,
    }

    impl Channel for Queue {
        fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
            let mut q = self.inbound.lock().unwrap();
            if q.is_empty() {
                return Err(ErrorKind::WouldBlock.into());
            }
            let n = buf.len().min(q.len());
            buf[..n].copy_from_slice(&q[..n]);
            q.drain(..n);
            Ok(n)
        }
        fn write(&self, buf: &[u8]) -> io::Result<usize> {
            self.outbound.lock().unwrap().push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&self) -> io::Result<()> {
            *self.flushes.lock().unwrap() += 1;
            Ok(())
        }
        fn as_any(&self) -> &dyn Any {
            self
        }
    }

    /// A ClientHello record with these extensions (type, body).
    fn client_hello(exts: &[(u16, &[u8])]) -> Vec<u8> {
        let mut e = Vec::new();
        for (kind, body) in exts {
            e.extend_from_slice(&kind.to_be_bytes());
            e.extend_from_slice(&(body.len() as u16).to_be_bytes());
            e.extend_from_slice(body);
        }
        let mut h = vec![3, 3];
        h.extend_from_slice(&[7; 32]);
        h.extend_from_slice(&[0, 0, 2, 0x13, 0x01, 1, 0]);
        h.extend_from_slice(&(e.len() as u16).to_be_bytes());
        h.extend_from_slice(&e);
        let mut m = vec![1, 0, (h.len() >> 8) as u8, h.len() as u8];
        m.extend_from_slice(&h);
        let mut r = vec![22, 3, 1, (m.len() >> 8) as u8, m.len() as u8];
        r.extend_from_slice(&m);
        r
    }

    #[test]
    fn a_client_hello_tells_whether_it_offers_tickets() {
        assert_eq!(
            hello_offers_ticket(&client_hello(&[(0, b"x"), (35, b"")])),
            Some(true)
        );
        assert_eq!(
            hello_offers_ticket(&client_hello(&[(0, b"x"), (16, b"ab")])),
            Some(false)
        );
        let cut = client_hello(&[(35, b"")]);
        assert_eq!(hello_offers_ticket(&cut[..cut.len() - 3]), None);
        assert_eq!(hello_offers_ticket(b"GET / HTTP/1.1\r\n"), None);
    }

    #[test]
    fn reads_stop_at_the_end_of_a_record() {
        let q = Arc::new(Queue::default());
        // an alert record (2-byte body), then plaintext
        q.inbound
            .lock()
            .unwrap()
            .extend_from_slice(b"\x15\x03\x03\x00\x02\x01\x00msg 5");
        let wire = Wire {
            read: Endpoint::Channel(q.clone()),
            write: Endpoint::None,
        };
        let mut head = Head::default();
        head.read_exactly();
        let mut link = Link::new(&wire, &mut head);
        let mut buf = [0u8; 64];
        assert_eq!(link.read(&mut buf).unwrap(), 5);
        assert_eq!(link.read(&mut buf).unwrap(), 2);
        assert_eq!(&buf[..2], b"\x01\x00");
        assert_eq!(*q.inbound.lock().unwrap(), b"msg 5");
    }

    #[test]
    fn channels_join_flights_and_note_the_first_header() {
        let q = Arc::new(Queue::default());
        q.inbound
            .lock()
            .unwrap()
            .extend_from_slice(b"GET / HTTP/1.1");
        let wire = Wire {
            read: Endpoint::Channel(q.clone()),
            write: Endpoint::Channel(q.clone()),
        };
        let mut head = Head::default();
        let mut link = Link::new(&wire, &mut head);
        let mut buf = [0u8; 3];
        assert_eq!(link.read(&mut buf).unwrap(), 3);
        assert_eq!(link.read(&mut buf).unwrap(), 3);
        let n = link
            .write_vectored(&[IoSlice::new(b"ab"), IoSlice::new(b"cd")])
            .unwrap();
        assert_eq!(n, 4);
        link.flush_flight().unwrap();
        link.flush_flight().unwrap();
        drop(link);
        assert_eq!(head.get(), Some(b"GET /"));
        assert_eq!(*q.outbound.lock().unwrap(), vec![b"abcd".to_vec()]);
        assert_eq!(
            *q.flushes.lock().unwrap(),
            1,
            "one flush per flight written"
        );
    }

    #[test]
    fn no_endpoint_fails() {
        let mut head = Head::default();
        let mut link = Link::new(&Wire::default(), &mut head);
        assert_eq!(link.read(&mut [0; 4]).unwrap_err().kind(), NO_ENDPOINT);
        assert_eq!(link.write(b"x").unwrap_err().kind(), NO_ENDPOINT);
    }
}
