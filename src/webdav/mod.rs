//! The WebDAV cores: the XML layer neon's WebDAV half is built on, and
//! (later) multi-status, properties and locks on top of it.

pub mod xml;
