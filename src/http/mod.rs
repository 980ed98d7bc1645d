//! neon's HTTP/1.1 engine, in safe Rust: status lines, sessions, requests.

pub mod status;
