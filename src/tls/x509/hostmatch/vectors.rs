//! OpenSSL's own results, case by case: testdata/hostmatch-vectors.txt and
//! the certificates in testdata/hostmatch/, both made by
//! tools/hostmatch-vectors.py from the system libcrypto (`make check`
//! verifies they still agree with it).

use std::collections::HashMap;
use std::path::Path;

use super::*;

/// A quoted vector string: bytes as written, `\xHH` escapes.
fn unquote(token: &str) -> Vec<u8> {
    let inner = token
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a quoted string: {token}"));
    let mut out = Vec::new();
    let mut bytes = inner.bytes();
    while let Some(b) = bytes.next() {
        if b == b'\\' {
            assert_eq!(bytes.next(), Some(b'x'), "bad escape in {token}");
            let hex = [bytes.next().unwrap(), bytes.next().unwrap()];
            let hex = std::str::from_utf8(&hex).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
        } else {
            out.push(b);
        }
    }
    out
}

fn optional(token: &str) -> Option<Vec<u8>> {
    (token != "-").then(|| unquote(token))
}

/// Runs every case of `vectors` with the certificates of `dir`; returns the
/// number of cases and the descriptions of those that differ.
fn run(vectors: &str, dir: &Path) -> (usize, Vec<String>) {
    let mut certs: HashMap<String, Certificate> = HashMap::new();
    let mut cert = |label: &str| {
        certs
            .entry(label.to_owned())
            .or_insert_with(|| {
                let path = dir.join(format!("{label}.pem"));
                Certificate::read_pem_file(&path)
                    .unwrap_or_else(|| panic!("cannot read {}", path.display()))
            })
            .clone()
    };
    let mut count = 0;
    let mut failures = Vec::new();
    for line in vectors
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split(' ').collect();
        count += 1;
        let (got, want) = if f[0] == "a2i" {
            (
                format!("{:?}", parse_ip(&unquote(f[1]))),
                format!("{:?}", optional(f[2])),
            )
        } else {
            let cert = cert(f[1]);
            let arg = unquote(f[2]);
            let flags = u32::from_str_radix(f[3].trim_start_matches("0x"), 16).unwrap();
            let code: i32 = f[4].parse().unwrap();
            let got = match f[0] {
                "host" => check_host(&cert, &arg, flags),
                "email" => check_email(&cert, &arg, flags),
                "ip" => check_ip(&cert, &arg, flags),
                "ipasc" => check_ip_asc(&cert, &arg, flags),
                other => panic!("unknown case kind {other}"),
            };
            let want = match code {
                1 if f[0] == "host" => Match::Yes(optional(f[5])),
                1 => Match::Yes(None),
                0 => Match::No,
                -1 => Match::Error,
                -2 => Match::Invalid,
                other => panic!("unknown result {other}"),
            };
            (format!("{got:?}"), format!("{want:?}"))
        };
        if got != want {
            failures.push(format!("{line}\n    ours: {got}\n    OpenSSL: {want}"));
        }
    }
    (count, failures)
}

#[test]
fn same_results_as_openssl() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tls/x509/testdata/hostmatch");
    let (count, failures) = run(include_str!("../testdata/hostmatch-vectors.txt"), &dir);
    assert!(count > 500, "only {count} vectors");
    assert!(
        failures.is_empty(),
        "{} of {count} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Random cases from `tools/hostmatch-vectors.py fuzz N SEED DIR`, run with
/// NEONRS_HOSTMATCH_DIR=DIR.
#[test]
#[ignore]
fn same_results_as_openssl_fuzzed() {
    let Some(dir) = std::env::var_os("NEONRS_HOSTMATCH_DIR") else {
        panic!("set NEONRS_HOSTMATCH_DIR to the output of tools/hostmatch-vectors.py fuzz");
    };
    let dir = Path::new(&dir);
    let vectors = std::fs::read_to_string(dir.join("hostmatch-vectors.txt")).unwrap();
    let (count, failures) = run(&vectors, dir);
    assert!(
        failures.is_empty(),
        "{} of {count} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{count} fuzzed cases, same as OpenSSL");
}
