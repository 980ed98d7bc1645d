//! neon's XML layer (`ne_xml.h`) as a safe core, on quick-xml.
//!
//! Two levels:
//!
//! * [`Tokenizer`]: a push parser. Feed it chunks of any size (one byte at
//!   a time gives the same events as one block); it reports start tags
//!   (qualified name, attributes), character data and end tags to a
//!   [`Sink`], and stops at the first well-formedness error with the
//!   message and line Debian's neon (libxml2) reports.
//! * [`Parser`]: neon's `ne_xml_parser` on top: namespace resolution, the
//!   stack of [`Handler`]s with neon's dispatch rules (a handler sees the
//!   elements it accepted and their children; `NE_XML_DECLINE` prunes a
//!   branch; a negative start result aborts), and the [`Context`] handlers
//!   consult during callbacks (line, namespaces, attributes, error string).
//!
//! Memory grows with the nesting depth and the largest single token, not
//! with the document.

mod attrs;
mod chars;
mod context;
mod decl;
mod document;
mod error;
mod fast;
mod fuzz;
mod idmap;
mod refs;
mod tag;
mod tokenizer;

#[cfg(test)]
mod tests;

pub use attrs::{Attrs, ZStr};
pub use context::Context;
pub use document::{ABORT, DECLINE, Handler, Parser};
pub use error::{ErrorKind, SyntaxError};
pub use fuzz::fuzz_parse;
pub use idmap::map_id;
pub use tokenizer::{Sink, Tokenizer};
