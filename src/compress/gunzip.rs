//! A streaming decoder for a gzip response body, as neon 0.32.5 reads one.
//!
//! neon unwraps the gzip member itself and hands only the DEFLATE data to
//! zlib, so its rules are narrower than RFC 1952's, and we keep them:
//!
//! * the header must have the magic bytes and method 8; its flags must be
//!   0 or FNAME alone (the name is skipped up to its NUL); any other flag
//!   (FTEXT, FHCRC, FEXTRA, FCOMMENT, reserved bits) is "not supported";
//! * the footer's CRC-32 is checked, its ISIZE is not;
//! * one member only: bytes after the footer are an error. Which error
//!   depends on where the input blocks split: footer and extra bytes in
//!   the block that ends the DEFLATE data give "Too many bytes (N) in gzip
//!   footer", N counting that block's bytes after the DEFLATE data; bytes
//!   in a later block give "Unexpected content received after compressed
//!   stream".
//!
//! Memory is fixed: the inflater (its 32 KiB window) and one output block,
//! whatever the body's size. The name field is skipped, never stored.

use std::fmt;

use flate2::{Crc, Decompress, FlushDecompress, Status};

/// Size of the blocks handed to the sink: neon's NE_BUFSIZ, the output
/// buffer of each inflate call.
pub const BLOCK: usize = 8192;

const MAGIC: [u8; 2] = [0x1f, 0x8b];
const METHOD_DEFLATE: u8 = 8;
const FLAG_NAME: u8 = 0x08;
const HEADER_LEN: usize = 10;
const FOOTER_LEN: usize = 8;

/// Why a gzip body was refused; `Display` gives neon's session error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GzError {
    /// Wrong magic bytes or a method other than deflate.
    Invalid,
    /// Header flags other than none or FNAME alone.
    Unsupported,
    /// The DEFLATE data is corrupt; zlib's reason.
    Inflate(String),
    /// More than the footer followed the DEFLATE data in one input block;
    /// the count of bytes in that block after the DEFLATE data.
    FooterOverrun(usize),
    /// The footer's CRC-32 does not match the data.
    BadChecksum,
    /// Input after a complete member.
    TrailingData,
    /// The body ended before the member did.
    Truncated,
}

impl fmt::Display for GzError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GzError::Invalid => f.write_str("Compressed stream invalid"),
            GzError::Unsupported => f.write_str("Compressed stream not supported"),
            GzError::Inflate(why) => write!(f, "Could not inflate data: {why}"),
            GzError::FooterOverrun(n) => write!(f, "Too many bytes ({n}) in gzip footer"),
            GzError::BadChecksum => f.write_str("Checksum invalid for compressed stream"),
            GzError::TrailingData => {
                f.write_str("Unexpected content received after compressed stream")
            }
            GzError::Truncated => f.write_str("Compressed response was truncated"),
        }
    }
}

impl std::error::Error for GzError {}

/// Why feeding stopped: the decoder refused the input, or the sink
/// refused a block (its own value, passed through).
#[derive(Debug, PartialEq, Eq)]
pub enum Stop<E> {
    Gz(GzError),
    Sink(E),
}

impl<E> From<GzError> for Stop<E> {
    fn from(e: GzError) -> Self {
        Stop::Gz(e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Header,
    /// Skipping the NUL-terminated file name.
    Name,
    Inflate,
    Footer,
    Done,
}

/// One gzip member, fed in blocks as they arrive.
pub struct Gunzip {
    phase: Phase,
    header: [u8; HEADER_LEN],
    header_len: usize,
    footer: [u8; FOOTER_LEN],
    footer_len: usize,
    crc: Crc,
    inflater: Decompress,
    out: Box<[u8]>,
}

impl Default for Gunzip {
    fn default() -> Self {
        Self::new()
    }
}

impl Gunzip {
    pub fn new() -> Gunzip {
        Gunzip {
            phase: Phase::Header,
            header: [0; HEADER_LEN],
            header_len: 0,
            footer: [0; FOOTER_LEN],
            footer_len: 0,
            crc: Crc::new(),
            // Raw DEFLATE with a 32 KiB window: the gzip wrapping is ours.
            inflater: Decompress::new(false),
            out: vec![0; BLOCK].into_boxed_slice(),
        }
    }

    /// Ready for a new member, keeping the allocations.
    pub fn reset(&mut self) {
        self.phase = Phase::Header;
        self.header_len = 0;
        self.footer_len = 0;
        self.crc.reset();
        self.inflater.reset(false);
    }

    /// Whether a whole member (footer checked) has been read.
    pub fn is_done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// The end of the body: an error unless a whole member was read.
    pub fn finish(&self) -> Result<(), GzError> {
        if self.is_done() {
            Ok(())
        } else {
            Err(GzError::Truncated)
        }
    }

    /// Decodes the next block of the body, handing decompressed data to
    /// `sink` in blocks of at most [`BLOCK`] bytes, one per inflate call.
    /// An empty `input` does nothing (the end is [`Gunzip::finish`]).
    pub fn feed<E>(
        &mut self,
        input: &[u8],
        sink: &mut impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), Stop<E>> {
        if input.is_empty() {
            return Ok(());
        }
        let mut rest = input;
        if self.phase == Phase::Header {
            let take = (HEADER_LEN - self.header_len).min(rest.len());
            self.header[self.header_len..self.header_len + take].copy_from_slice(&rest[..take]);
            self.header_len += take;
            rest = &rest[take..];
            if self.header_len < HEADER_LEN {
                return Ok(());
            }
            self.phase = self.parse_header()?;
        }
        if self.phase == Phase::Name {
            let Some(nul) = memchr::memchr(0, rest) else {
                return Ok(());
            };
            rest = &rest[nul + 1..];
            self.phase = Phase::Inflate;
        }
        if rest.is_empty() && self.phase != Phase::Done {
            return Ok(());
        }
        match self.phase {
            Phase::Inflate => self.inflate(rest, sink),
            Phase::Footer => Ok(self.footer(rest)?),
            Phase::Done => Err(GzError::TrailingData.into()),
            Phase::Header | Phase::Name => unreachable!("header phases handled above"),
        }
    }

    /// The phase after a complete 10-byte header.
    fn parse_header(&self) -> Result<Phase, GzError> {
        let h = &self.header;
        if h[..2] != MAGIC || h[2] != METHOD_DEFLATE {
            return Err(GzError::Invalid);
        }
        match h[3] {
            0 => Ok(Phase::Inflate),
            FLAG_NAME => Ok(Phase::Name),
            _ => Err(GzError::Unsupported),
        }
    }

    fn inflate<E>(
        &mut self,
        mut input: &[u8],
        sink: &mut impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), Stop<E>> {
        loop {
            let (in0, out0) = (self.inflater.total_in(), self.inflater.total_out());
            let res = self
                .inflater
                .decompress(input, &mut self.out, FlushDecompress::None);
            let used = (self.inflater.total_in() - in0) as usize;
            let made = (self.inflater.total_out() - out0) as usize;
            input = &input[used..];
            // What was inflated before an error still goes to the sink
            // first, as neon passes it on before looking at zlib's result.
            if made > 0 {
                self.crc.update(&self.out[..made]);
                sink(&self.out[..made]).map_err(Stop::Sink)?;
            }
            // zlib answers Z_BUF_ERROR when it can make no progress; count
            // a call that made none as that, so the loop always ends.
            let stuck = used == 0 && made == 0;
            match res {
                Ok(Status::Ok) if stuck => {
                    return Err(GzError::Inflate("buffer error (code -5)".into()).into());
                }
                Ok(Status::Ok) if !input.is_empty() => {}
                Ok(Status::Ok) => return Ok(()),
                Ok(Status::StreamEnd) => {
                    self.phase = Phase::Footer;
                    return Ok(self.footer(input)?);
                }
                Ok(Status::BufError) => {
                    return Err(GzError::Inflate("buffer error (code -5)".into()).into());
                }
                Err(e) => {
                    let why = e.message().unwrap_or("data corrupt (code -3)");
                    return Err(GzError::Inflate(why.to_owned()).into());
                }
            }
        }
    }

    /// Bytes after the DEFLATE data: the CRC-32 and ISIZE.
    fn footer(&mut self, input: &[u8]) -> Result<(), GzError> {
        if self.footer_len + input.len() > FOOTER_LEN {
            return Err(GzError::FooterOverrun(input.len()));
        }
        self.footer[self.footer_len..self.footer_len + input.len()].copy_from_slice(input);
        self.footer_len += input.len();
        if self.footer_len == FOOTER_LEN {
            let crc = u32::from_le_bytes([
                self.footer[0],
                self.footer[1],
                self.footer[2],
                self.footer[3],
            ]);
            if crc != self.crc.sum() {
                return Err(GzError::BadChecksum);
            }
            self.phase = Phase::Done;
        }
        Ok(())
    }
}
