//! TLS on rustls, in safe Rust: the session type shared by both faces,
//! connections over neon sockets, contexts and verification.

pub mod cert;
pub mod certinfo;
pub mod clicert;
pub mod client;
pub mod der;
pub mod dname;
pub mod errors;
pub mod hidden;
pub mod identity;
pub mod keypair;
pub mod names;
pub mod path;
pub mod pkcs12;
pub mod provider;
pub mod server;
pub mod session;
pub mod store;
pub mod stream;
pub mod verify;

pub use session::TlsSession;
pub use stream::TlsStream;
