//! A fuzz target's body: decoding must not depend on how the input is cut
//! into blocks, except for the one place neon's rules make it depend on
//! that (which footer error extra bytes give).

use std::io::Read;

use super::gunzip::{BLOCK, Gunzip, GzError, Stop};

/// The decompressed bytes and the outcome of decoding `data` cut into
/// blocks of the sizes `cuts` yields (cycled), then ending the body.
fn decode(g: &mut Gunzip, data: &[u8], cuts: &[usize]) -> (Vec<u8>, Result<(), GzError>) {
    let mut out = Vec::new();
    let mut rest = data;
    let mut sizes = cuts.iter().cycle();
    while !rest.is_empty() {
        let n = (*sizes.next().unwrap_or(&1)).clamp(1, rest.len());
        let (block, tail) = rest.split_at(n);
        rest = tail;
        let fed = g.feed(block, &mut |b: &[u8]| {
            assert!(
                !b.is_empty() && b.len() <= BLOCK,
                "sink block of {} bytes",
                b.len()
            );
            out.extend_from_slice(b);
            Ok::<(), ()>(())
        });
        match fed {
            Ok(()) => {}
            Err(Stop::Gz(e)) => return (out, Err(e)),
            Err(Stop::Sink(())) => unreachable!("the sink never refuses"),
        }
    }
    let end = g.finish();
    (out, end)
}

/// Errors about bytes after the DEFLATE data, which depend on the cuts.
fn after_data(r: &Result<(), GzError>) -> bool {
    matches!(
        r,
        Err(GzError::FooterOverrun(_) | GzError::BadChecksum | GzError::TrailingData)
    )
}

/// Decodes `data` whole and in many cuttings (single bytes, small and odd
/// sizes, sizes taken from the data, every two-piece split of short
/// inputs, on a reused decoder) and panics if the output or the outcome
/// differ beyond what neon's footer rules allow; checks a successful
/// decode against flate2's own gzip decoder.
pub fn fuzz_gunzip(data: &[u8]) {
    let mut g = Gunzip::new();
    let (want, whole) = decode(&mut g, data, &[data.len().max(1)]);
    let mut cuttings: Vec<Vec<usize>> = [1, 2, 3, 5, 7, 10, 11, 64, 4096]
        .iter()
        .map(|&n| vec![n])
        .collect();
    cuttings.push(
        data.iter()
            .take(64)
            .map(|&b| usize::from(b % 17) + 1)
            .collect(),
    );
    if data.len() <= 512 {
        cuttings.extend((1..data.len()).map(|i| vec![i, data.len()]));
    }
    for cuts in &cuttings {
        g.reset();
        let (got, res) = decode(&mut g, data, cuts);
        assert_eq!(got, want, "output differs, cuts {cuts:?}");
        let same = match &whole {
            Err(GzError::FooterOverrun(_)) => after_data(&res),
            _ => res == whole,
        };
        assert!(same, "cuts {cuts:?} give {res:?}, whole input {whole:?}");
    }
    if whole.is_ok() {
        // neon ignores ISIZE; flate2's decoder checks it.
        let isize_ok =
            data.len() >= 4 && data[data.len() - 4..] == (want.len() as u32).to_le_bytes();
        let mut theirs = Vec::new();
        let res = flate2::read::GzDecoder::new(data).read_to_end(&mut theirs);
        if isize_ok {
            assert!(res.is_ok(), "flate2 refuses what we accept: {res:?}");
            assert_eq!(theirs, want, "flate2 decodes differently");
        }
    }
}
