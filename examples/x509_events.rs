//! The verification engine of the safe core (`tls::x509::verify`) run as
//! c-tests/x509/events.c runs OpenSSL's `X509_verify_cert`, printing the
//! same lines: every verify-callback call, then the result.
//!
//! usage: x509_events CHAIN ROOTS HOST FLAGS POLICY TIME LEVEL DEPTH

use std::process::ExitCode;

use neonrs::tls::cert::Certificate;
use neonrs::tls::dname::DistinguishedName;
use neonrs::tls::x509::{self, Event, TrustedIssuers, VerifyParams, codes};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

/// The trusted certificates in file order (an `X509_STORE`).
struct Roots(Vec<Certificate>);

impl TrustedIssuers for Roots {
    fn by_subject(&self, subject: &[u8]) -> Vec<Certificate> {
        let Some(name) = DistinguishedName::from_der(subject) else {
            return Vec::new();
        };
        self.0
            .iter()
            .filter(|c| c.subject().compare(&name) == 0)
            .cloned()
            .collect()
    }
}

fn read_certs(path: &str) -> Result<Vec<Certificate>, String> {
    let pem = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    CertificateDer::pem_slice_iter(&pem)
        .map(|der| {
            der.ok()
                .and_then(|d| Certificate::from_der(&d))
                .ok_or_else(|| format!("{path}: unreadable certificate"))
        })
        .collect()
}

/// The first commonName, printable ASCII kept, as the C program prints it.
fn cn(cert: &Certificate) -> String {
    match cert
        .subject()
        .attributes()
        .iter()
        .find(|a| a.is_common_name())
    {
        None => "-".to_owned(),
        Some(a) => a
            .value
            .iter()
            .map(|&b| {
                if b > 32 && b < 127 && b != b',' {
                    b as char
                } else {
                    '?'
                }
            })
            .collect(),
    }
}

fn chain_text(chain: &[Certificate]) -> String {
    chain.iter().map(cn).collect::<Vec<_>>().join(",")
}

fn parse_number(text: &str) -> Option<u64> {
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let [_, chain, roots, host, flags, policy, time, level, depth] = args else {
        return Err("usage: x509_events CHAIN ROOTS HOST FLAGS POLICY TIME LEVEL DEPTH".to_owned());
    };
    let presented = read_certs(chain)?;
    if presented.is_empty() {
        return Err(format!("{chain}: no certificate"));
    }
    let roots = Roots(read_certs(roots)?);
    let time: i64 = time.parse().map_err(|_| "bad TIME")?;
    let level: i32 = level.parse().map_err(|_| "bad LEVEL")?;
    let mut params = VerifyParams::ssl_server(time, level);
    let set = match flags.strip_prefix('~') {
        Some(rest) => {
            params.flags &= !x509::flags::TRUSTED_FIRST;
            rest
        }
        None => flags,
    };
    params.flags |= parse_number(set).ok_or("bad FLAGS")? | x509::flags::USE_CHECK_TIME;
    params.depth = depth.parse().map_err(|_| "bad DEPTH")?;
    if host != "-" {
        params.hosts.push(host.as_bytes().to_vec());
    }
    let reject_at: Option<usize> = policy
        .strip_prefix("reject-at-")
        .map(|d| d.parse().map_err(|_| "bad POLICY"))
        .transpose()?;
    let mut callback = |e: &mut Event<'_>| {
        println!(
            "cb ok={} depth={} error={} cert={} chain={}",
            i32::from(e.ok),
            e.depth,
            e.error,
            if e.has_cert {
                cn(e.cert)
            } else {
                "(none)".to_owned()
            },
            chain_text(e.chain)
        );
        match policy.as_str() {
            "accept" => true,
            "reject" => false,
            _ => e.ok || reject_at.is_some_and(|d| d != e.depth),
        }
    };
    let outcome = x509::verify(&presented, &roots, &params, &mut callback);
    println!(
        "result ret={} error={} ({}) depth={} chain={} untrusted={} peername={}",
        i32::from(outcome.verified),
        outcome.error,
        codes::error_string(outcome.error),
        outcome.error_depth,
        chain_text(&outcome.chain),
        outcome.num_untrusted,
        outcome
            .peername
            .as_deref()
            .map_or("-".to_owned(), |p| String::from_utf8_lossy(p).into_owned())
    );
    for e in &outcome.errors {
        println!("queue lib={} reason={} ({})", e.lib, e.reason, e.text);
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
