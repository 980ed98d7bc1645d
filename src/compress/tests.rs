//! Tests of the gzip decoder (every error, headers in pieces, multi-member
//! input, sink contract) and of the request reader built on it.

use std::io::Write;
use std::rc::Rc;

use flate2::write::GzEncoder;
use flate2::{Compression, GzBuilder};

use super::gunzip::{BLOCK, Gunzip, GzError, Stop};
use super::{attach, fuzz_gunzip};
use crate::http::{Request, Session, StatusCell};

/// Text-like data that compresses to about a third: words from a small
/// vocabulary chosen by a linear congruential generator.
fn text(len: usize, seed: u32) -> Vec<u8> {
    const WORDS: &[&[u8]] = &[
        b"neon ",
        b"gzip ",
        b"body ",
        b"reader ",
        b"block ",
        b"stream ",
        b"window ",
        b"crc ",
        b"\n",
        b"0123456789 ",
        b"header ",
        b"footer ",
    ];
    let mut x = seed;
    let mut out = Vec::with_capacity(len + 16);
    while out.len() < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let w = WORDS[(x >> 16) as usize % WORDS.len()];
        out.extend_from_slice(w);
        if x & 0x100 != 0 {
            out.push(b'a' + (x >> 24) as u8 % 26);
        }
    }
    out.truncate(len);
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn gzip_named(data: &[u8], name: &str) -> Vec<u8> {
    let mut e = GzBuilder::new()
        .filename(name)
        .write(Vec::new(), Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A gzip member around raw DEFLATE bytes, with the given CRC and size.
fn member(deflate: &[u8], crc: u32, isize: u32) -> Vec<u8> {
    let mut m = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    m.extend_from_slice(deflate);
    m.extend_from_slice(&crc.to_le_bytes());
    m.extend_from_slice(&isize.to_le_bytes());
    m
}

/// Decodes `blocks` in order then ends the body; returns the sink's blocks
/// and the first error.
fn run(blocks: &[&[u8]]) -> (Vec<Vec<u8>>, Result<(), GzError>) {
    let mut g = Gunzip::new();
    let mut seen = Vec::new();
    for b in blocks {
        let r = g.feed(b, &mut |x: &[u8]| {
            seen.push(x.to_vec());
            Ok::<(), ()>(())
        });
        if let Err(e) = r {
            match e {
                Stop::Gz(e) => return (seen, Err(e)),
                Stop::Sink(()) => unreachable!(),
            }
        }
    }
    let end = g.finish();
    (seen, end)
}

fn joined(blocks: &[Vec<u8>]) -> Vec<u8> {
    blocks.concat()
}

#[test]
fn small_and_large_bodies() {
    let small = b"Hello, compressed world!\n".to_vec();
    let (out, r) = run(&[&gzip(&small)]);
    assert_eq!(r, Ok(()));
    assert_eq!(out, vec![small]);

    let big = text(1 << 20, 7);
    let z = gzip(&big);
    let (out, r) = run(&[&z]);
    assert_eq!(r, Ok(()));
    assert_eq!(joined(&out), big);
    // One input block: every inflate call fills the 8 KiB output block.
    let (last, full) = out.split_last().unwrap();
    assert!(full.iter().all(|b| b.len() == BLOCK));
    assert!(!last.is_empty() && last.len() <= BLOCK);

    // Network-sized pieces give the same data.
    let pieces: Vec<&[u8]> = z.chunks(1460).collect();
    let (out, r) = run(&pieces);
    assert_eq!(r, Ok(()));
    assert_eq!(joined(&out), big);
}

#[test]
fn empty_member() {
    let z = gzip(b"");
    let (out, r) = run(&[&z]);
    assert_eq!(r, Ok(()));
    assert!(out.is_empty());
}

#[test]
fn header_split_at_every_byte() {
    let data = text(3000, 1);
    for z in [gzip(&data), gzip_named(&data, "some-file-name.txt")] {
        for i in 1..z.len() {
            let (out, r) = run(&[&z[..i], &z[i..]]);
            assert_eq!(r, Ok(()), "split at {i}");
            assert_eq!(joined(&out), data, "split at {i}");
        }
        let bytes: Vec<&[u8]> = z.chunks(1).collect();
        let (out, r) = run(&bytes);
        assert_eq!(r, Ok(()));
        assert_eq!(joined(&out), data);
    }
}

#[test]
fn long_name_is_skipped() {
    let name = "n".repeat(100_000);
    let z = gzip_named(b"payload", &name);
    let pieces: Vec<&[u8]> = z.chunks(999).collect();
    let (out, r) = run(&pieces);
    assert_eq!(r, Ok(()));
    assert_eq!(joined(&out), b"payload");
}

#[test]
fn bad_magic_and_method() {
    let good = gzip(b"x");
    for (i, v) in [(0, 0x1e), (1, 0x8c), (2, 7), (2, 0)] {
        let mut z = good.clone();
        z[i] = v;
        assert_eq!(run(&[&z]).1, Err(GzError::Invalid), "byte {i} = {v:#x}");
        // Only the tenth header byte decides.
        assert_eq!(run(&[&z[..9]]).1, Err(GzError::Truncated));
    }
    assert_eq!(GzError::Invalid.to_string(), "Compressed stream invalid");
}

#[test]
fn header_flags() {
    let data = b"flagged";
    // FTEXT, FHCRC, FEXTRA, FCOMMENT, FNAME|FCOMMENT, FNAME|FTEXT, reserved.
    for flags in [0x01, 0x02, 0x04, 0x10, 0x18, 0x09, 0x20, 0x80] {
        let mut z = gzip(data);
        z[3] = flags;
        let (out, r) = run(&[&z]);
        assert_eq!(r, Err(GzError::Unsupported), "flags {flags:#x}");
        assert!(out.is_empty());
    }
    let z = gzip_named(data, "n");
    assert_eq!(z[3], 0x08);
    assert_eq!(joined(&run(&[&z]).0), data);
    assert_eq!(
        GzError::Unsupported.to_string(),
        "Compressed stream not supported"
    );
}

#[test]
fn corrupt_deflate_gives_zlibs_reason() {
    // BFINAL=1, BTYPE=3.
    let r = run(&[&member(&[0x07, 0, 0], 0, 0)]).1.unwrap_err();
    assert_eq!(r.to_string(), "Could not inflate data: invalid block type");
    // Stored block whose NLEN is not LEN's complement.
    let r = run(&[&member(&[0x01, 5, 0, 0, 0, b'x'], 0, 0)])
        .1
        .unwrap_err();
    assert_eq!(
        r.to_string(),
        "Could not inflate data: invalid stored block lengths"
    );
    // A match before any output: fixed Huffman block, literal/length
    // code 257 (0000001: length 3), distance code 0 (00000: distance 1).
    let r = run(&[&member(&[0x03, 0x02, 0x00], 0, 0)]).1.unwrap_err();
    assert_eq!(
        r.to_string(),
        "Could not inflate data: invalid distance too far back"
    );
}

#[test]
fn output_before_corruption_is_delivered() {
    let data = text(50_000, 3);
    // Keep the first stored block intact: compress with level 0 so that the
    // corruption (a bad second block header) comes after some output.
    let mut e = GzEncoder::new(Vec::new(), Compression::none());
    e.write_all(&data).unwrap();
    let stored = e.finish().unwrap();
    // First stored block: header 10 + 5 bytes of block header + up to 65535.
    let first_len = u16::from_le_bytes([stored[11], stored[12]]) as usize;
    let cut = 10 + 5 + first_len;
    let mut bad = stored[..cut].to_vec();
    bad.extend_from_slice(&[0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let (out, r) = run(&[&bad]);
    assert!(matches!(r, Err(GzError::Inflate(_))), "{r:?}");
    assert_eq!(joined(&out), &data[..first_len]);
    // Same through small pieces.
    let pieces: Vec<&[u8]> = bad.chunks(100).collect();
    let (out2, r2) = run(&pieces);
    assert_eq!(r2, r);
    assert_eq!(joined(&out2), joined(&out));
}

#[test]
fn truncated_anywhere() {
    let data = text(20_000, 5);
    let z = gzip_named(&data, "name");
    let name_end = 10 + 5;
    for cut in [
        0,
        1,
        9,
        10,
        12,
        name_end,
        name_end + 1,
        z.len() / 2,
        z.len() - 9,
        z.len() - 8,
        z.len() - 4,
        z.len() - 1,
    ] {
        let (_, r) = run(&[&z[..cut]]);
        assert_eq!(r, Err(GzError::Truncated), "cut at {cut} of {}", z.len());
    }
    assert_eq!(
        GzError::Truncated.to_string(),
        "Compressed response was truncated"
    );
}

#[test]
fn checksum_checked_size_not() {
    let data = text(10_000, 9);
    let z = gzip(&data);
    let n = z.len();

    let mut bad_crc = z.clone();
    bad_crc[n - 8] ^= 1;
    let (out, r) = run(&[&bad_crc]);
    assert_eq!(r, Err(GzError::BadChecksum));
    assert_eq!(
        joined(&out),
        data,
        "the data is delivered before the footer"
    );
    assert_eq!(
        GzError::BadChecksum.to_string(),
        "Checksum invalid for compressed stream"
    );

    // neon 0.32.5 does not look at ISIZE.
    let mut bad_size = z.clone();
    bad_size[n - 1] ^= 0x40;
    assert_eq!(run(&[&bad_size]).1, Ok(()));
}

#[test]
fn trailing_bytes_depend_on_the_block() {
    let z = gzip(b"some data");
    let n = z.len();
    let mut garbage = z.clone();
    garbage.extend_from_slice(b"xyz");

    // Footer and garbage in the block that ends the DEFLATE data.
    assert_eq!(run(&[&garbage]).1, Err(GzError::FooterOverrun(11)));
    assert_eq!(
        GzError::FooterOverrun(11).to_string(),
        "Too many bytes (11) in gzip footer"
    );
    // Footer split: the count is the second block's.
    assert_eq!(
        run(&[&garbage[..n - 4], &garbage[n - 4..]]).1,
        Err(GzError::FooterOverrun(7))
    );
    // Garbage in a block of its own, after a complete footer.
    assert_eq!(
        run(&[&garbage[..n], &garbage[n..]]).1,
        Err(GzError::TrailingData)
    );
    assert_eq!(
        GzError::TrailingData.to_string(),
        "Unexpected content received after compressed stream"
    );
    // A bad checksum is not looked at when the footer overruns.
    let mut both = garbage.clone();
    both[n - 8] ^= 1;
    assert_eq!(run(&[&both]).1, Err(GzError::FooterOverrun(11)));
    assert_eq!(run(&[&both[..n], &both[n..]]).1, Err(GzError::BadChecksum));
}

#[test]
fn multi_member_is_refused() {
    let (a, b) = (gzip(b"first member "), gzip(b"second member"));
    let mut two = a.clone();
    two.extend_from_slice(&b);
    let (out, r) = run(&[&two]);
    assert_eq!(r, Err(GzError::FooterOverrun(8 + b.len())));
    assert_eq!(joined(&out), b"first member ");
    let (out, r) = run(&[&a, &b]);
    assert_eq!(r, Err(GzError::TrailingData));
    assert_eq!(joined(&out), b"first member ");
}

#[test]
fn sink_stop_is_passed_back() {
    let z = gzip(&text(100_000, 2));
    let mut g = Gunzip::new();
    let mut calls = 0;
    let r = g.feed(&z, &mut |_: &[u8]| {
        calls += 1;
        if calls == 3 { Err(-7) } else { Ok(()) }
    });
    assert_eq!(r, Err(Stop::Sink(-7)));
    assert_eq!(calls, 3);
}

#[test]
fn reset_reuses_the_decoder() {
    let mut g = Gunzip::new();
    let z = gzip(b"again");
    for _ in 0..3 {
        let mut out = Vec::new();
        g.feed(&z[..5], &mut |b: &[u8]| {
            out.extend_from_slice(b);
            Ok::<(), ()>(())
        })
        .unwrap();
        g.reset();
        g.feed(&z, &mut |b: &[u8]| {
            out.extend_from_slice(b);
            Ok::<(), ()>(())
        })
        .unwrap();
        assert!(g.is_done());
        assert_eq!(out, b"again");
        g.reset();
    }
}

#[test]
fn fuzz_target_on_cases_and_mutations() {
    let data = text(5000, 11);
    let mut cases = vec![
        gzip(b""),
        gzip(&data),
        gzip_named(&data, "file"),
        member(&[0x07, 0, 0], 0, 0),
        member(&[0x03, 0x02, 0x00], 0, 0),
        Vec::new(),
        vec![0x1f],
    ];
    let z = gzip(&data);
    let mut with_garbage = z.clone();
    with_garbage.extend_from_slice(b"garbage");
    cases.push(with_garbage);
    let mut two = z.clone();
    two.extend_from_slice(&gzip(b"x"));
    cases.push(two);
    for c in &cases {
        fuzz_gunzip(c);
    }
    // Deterministic mutations: flipped bits, dropped and inserted bytes.
    let small = gzip_named(&text(700, 4), "m");
    let mut x: u32 = 1;
    for _ in 0..300 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let mut m = small.clone();
        let at = (x >> 8) as usize % m.len();
        match x % 3 {
            0 => m[at] ^= 1 << (x >> 28 & 7),
            1 => {
                m.remove(at);
            }
            _ => m.insert(at, (x >> 20) as u8),
        }
        fuzz_gunzip(&m);
    }
}

// ---- the request reader ----

type Log = Rc<std::cell::RefCell<Vec<Vec<u8>>>>;

/// A request with a decompressing reader that logs its blocks (an empty
/// entry for the end) and returns `stop` after `stop_after` blocks.
fn setup(stop_after: usize, stop: i32) -> (Rc<Session>, Box<Request>, Rc<super::Decompress>, Log) {
    let sess = Session::create(b"http", b"localhost", 7777);
    let req = Box::new(Request::new(sess.clone(), b"GET", b"/"));
    let log: Log = Rc::default();
    let l = log.clone();
    let ctx = attach(
        &req,
        Rc::new(|_: &Request, _: &StatusCell| true),
        Rc::new(move |b: &[u8]| {
            l.borrow_mut().push(b.to_vec());
            if l.borrow().len() > stop_after {
                stop
            } else {
                0
            }
        }),
    );
    (sess, req, ctx, log)
}

/// Simulates one response: pre_send hooks, headers, acceptors, the body
/// in the given blocks, then the end. Returns the first non-zero result.
fn respond(req: &Request, encoding: Option<&str>, blocks: &[&[u8]]) -> i32 {
    let mut out = Vec::new();
    req.session().hooks.pre_send.run(|h| h(req, &mut out));
    {
        let mut h = req.resp_headers.borrow_mut();
        h.clear();
        if let Some(e) = encoding {
            h.add(b"content-encoding", e.as_bytes());
        }
    }
    let readers: Vec<_> = req
        .readers
        .borrow()
        .iter()
        .map(|r| (r.accept.clone(), r.read.clone()))
        .collect();
    for (accept, _) in &readers {
        assert!(accept(req, &req.status));
    }
    for b in blocks.iter().copied().chain([&b""[..]]) {
        for (_, read) in &readers {
            let r = read(b);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

fn error(sess: &Session) -> String {
    String::from_utf8(sess.error()).unwrap()
}

#[test]
fn reader_adds_accept_encoding_and_decodes() {
    let (sess, req, ctx, log) = setup(usize::MAX, 0);
    let headers = String::from_utf8(req.headers.borrow().clone()).unwrap();
    assert!(headers.ends_with("Accept-Encoding: gzip\r\n"), "{headers}");
    let z = gzip(b"decoded");
    assert_eq!(respond(&req, Some("GZip"), &[&z[..4], &z[4..]]), 0);
    assert_eq!(*log.borrow(), vec![b"decoded".to_vec(), vec![]]);
    ctx.detach();
    assert!(sess.hooks.pre_send.is_empty());
}

#[test]
fn reader_passes_other_encodings_through() {
    let (_sess, req, ctx, log) = setup(usize::MAX, 0);
    let z = gzip(b"raw");
    for enc in [
        None,
        Some("deflate"),
        Some("x-gzip"),
        Some("gzip, identity"),
        Some("identity"),
    ] {
        log.borrow_mut().clear();
        assert_eq!(respond(&req, enc, &[&z]), 0, "{enc:?}");
        assert_eq!(*log.borrow(), vec![z.clone(), vec![]], "{enc:?}");
    }
    ctx.detach();
}

#[test]
fn reader_errors_set_the_session_error() {
    let (sess, req, ctx, log) = setup(usize::MAX, 0);
    let z = gzip(b"body");
    // An empty gzip body (HEAD, 304) is truncated; an empty plain one is not.
    assert_eq!(respond(&req, Some("gzip"), &[]), 1);
    assert_eq!(error(&sess), "Compressed response was truncated");
    assert!(log.borrow().is_empty());
    assert_eq!(respond(&req, None, &[]), 0);
    assert_eq!(*log.borrow(), vec![Vec::<u8>::new()]);

    log.borrow_mut().clear();
    assert_eq!(respond(&req, Some("gzip"), &[b"not gzip at all"]), 1);
    assert_eq!(error(&sess), "Compressed stream invalid");
    assert!(log.borrow().is_empty());

    // The state was reset by the next send: a good response decodes.
    assert_eq!(respond(&req, Some("gzip"), &[&z]), 0);
    assert_eq!(*log.borrow(), vec![b"body".to_vec(), vec![]]);

    log.borrow_mut().clear();
    assert_eq!(respond(&req, Some("gzip"), &[&z[..z.len() - 3]]), 1);
    assert_eq!(error(&sess), "Compressed response was truncated");
    assert_eq!(*log.borrow(), vec![b"body".to_vec()]);
    ctx.detach();
}

#[test]
fn reader_refusal_is_returned_as_is() {
    let (sess, req, ctx, log) = setup(0, -42);
    sess.set_error(&[b"untouched"]);
    let z = gzip(&text(40_000, 8));
    assert_eq!(respond(&req, Some("gzip"), &[&z]), -42);
    assert_eq!(log.borrow().len(), 1);
    assert_eq!(error(&sess), "untouched");
    ctx.detach();
}

#[test]
fn detached_reader_is_not_reset() {
    let (sess, req, ctx, log) = setup(usize::MAX, 0);
    let z = gzip(b"once");
    assert_eq!(respond(&req, Some("gzip"), &[&z]), 0);
    ctx.detach();
    drop(ctx);
    assert!(sess.hooks.pre_send.is_empty());
    // Without the pre_send reset the next response follows a finished one.
    assert_eq!(respond(&req, Some("gzip"), &[&z]), 1);
    assert_eq!(
        error(&sess),
        "Unexpected content received after compressed stream"
    );
    assert_eq!(log.borrow().len(), 2);
}
