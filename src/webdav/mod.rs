//! The WebDAV cores: the XML layer neon's WebDAV half is built on,
//! multi-status responses, properties, access control lists and locks.

pub mod acl;
pub mod locks;
pub mod multistatus;
pub mod props;
pub mod request;
pub mod xml;

#[cfg(test)]
mod testserver;

pub use request::{Failed, code, outcome};
