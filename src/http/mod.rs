//! neon's HTTP/1.1 engine, in safe Rust: sessions, requests, responses.
//!
//! Sessions and requests are used through shared references; their mutable
//! parts sit in cells that are never borrowed across a callback into the
//! application (hooks, notifier, body providers and readers), so callbacks
//! may re-enter the API freely.

pub mod arena;
pub mod codes;
mod connect;
mod handoff;
pub mod headers;
pub mod hooks;
pub mod request;
mod response;
mod send;
pub mod session;
pub mod status;
mod target;
mod tls;
pub mod zstr;

pub use handoff::{ConnError, Timeouts};
pub use request::{BodySource, FileBody, InterimHandler, Request};
pub use session::{Event, Session};
pub use status::StatusCell;
pub use target::LocationError;
pub use tls::VerifyFn;
pub use zstr::ZStr;

#[cfg(test)]
mod tests;
