//! Compressed response bodies, as neon 0.32.5's ne_compress.c handles
//! them: a streaming gzip decoder with neon's rules ([`gunzip`]) and the
//! body reader that applies it to a request's responses ([`reader`]).
//! Inflating is flate2's, on its pure-Rust zlib-rs backend.

mod fuzz;
pub mod gunzip;
pub mod reader;

pub use fuzz::fuzz_gunzip;
pub use gunzip::{BLOCK, Gunzip, GzError, Stop};
pub use reader::{Decompress, attach};

#[cfg(test)]
mod tests;
