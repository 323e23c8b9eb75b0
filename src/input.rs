//! Documents: bytes in, checked UTF-8 text out, with the id the output uses.
//!
//! The text is never rewritten: a leading BOM is skipped (the contract counts
//! it as no character) and everything after it is kept byte for byte, CRLF
//! included, so every span the pipeline produces indexes the file as read.

use crate::error::{Error, ErrorKind};
use std::borrow::Cow;
use std::path::Path;

/// Default for `--max-bytes`: far above any news article, far below what
/// would exhaust memory on a small machine.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// One article, ready for the pipeline.
#[derive(Debug, Clone)]
pub struct Document {
    id: String,
    text: String,
    /// Number of invalid byte sequences replaced (only with `lossy`).
    replaced: usize,
}

/// How bytes become text.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Replace invalid UTF-8 with U+FFFD instead of refusing the file.
    pub lossy: bool,
    /// Refuse files larger than this.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { lossy: false, max_bytes: DEFAULT_MAX_BYTES }
    }
}

impl Document {
    /// A document from text already in memory (BOM skipped).
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        Document { id: id.into(), text, replaced: 0 }
    }

    /// Checks raw bytes and turns them into a document: refuses binary data
    /// (a NUL byte) and, unless `lossy`, invalid UTF-8.
    pub fn from_bytes(id: impl Into<String>, bytes: Vec<u8>, opts: ReadOptions) -> Result<Document, ErrorKind> {
        if bytes.len() as u64 > opts.max_bytes {
            return Err(ErrorKind::TooLarge { size: bytes.len() as u64, limit: opts.max_bytes });
        }
        if let Some(byte) = memchr::memchr(0, &bytes) {
            return Err(ErrorKind::Binary { byte });
        }
        let (text, replaced) = match String::from_utf8(bytes) {
            Ok(s) => (s, 0),
            Err(e) => {
                if !opts.lossy {
                    return Err(ErrorKind::NotUtf8 { byte: e.utf8_error().valid_up_to() });
                }
                let bytes = e.into_bytes();
                let replaced = count_invalid(&bytes);
                match String::from_utf8_lossy(&bytes) {
                    Cow::Owned(s) => (s, replaced),
                    Cow::Borrowed(s) => (s.to_owned(), replaced),
                }
            }
        };
        let mut doc = Document::new(id, text);
        doc.replaced = replaced;
        Ok(doc)
    }

    /// Reads a file, refusing it before reading when it is over the limit.
    pub fn from_path(path: &Path, id: impl Into<String>, opts: ReadOptions) -> Result<Document, Error> {
        use std::io::Read;
        // one open and one fstat per file (a path stat and then fs::read's
        // own stat were two walks of the path for every small article)
        let io = |e| Error::with_path(path, ErrorKind::Io(e));
        let mut file = std::fs::File::open(path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.len() > opts.max_bytes {
            return Err(Error::with_path(path, ErrorKind::TooLarge { size: meta.len(), limit: opts.max_bytes }));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
        // through `Take`: File's own read_to_end would stat and seek again
        // for a size hint we already have
        file.by_ref().take(u64::MAX).read_to_end(&mut bytes).map_err(io)?;
        Document::from_bytes(id, bytes, opts).map_err(|k| Error::with_path(path, k))
    }

    /// The document id written in the `doc` column.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The text, BOM stripped, otherwise exactly as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many invalid byte sequences `lossy` reading replaced.
    pub fn replaced(&self) -> usize {
        self.replaced
    }
}

fn count_invalid(mut bytes: &[u8]) -> usize {
    let mut n = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => return n,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[skip.min(bytes.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_byte_order_mark_is_no_character() {
        // (a debug assertion claimed no text starts with a second one; the
        // fuzz smoke run found a file that does)
        let doc = Document::from_bytes("d", b"\xEF\xBB\xBF\xEF\xBB\xBFD".to_vec(), ReadOptions::default()).unwrap();
        assert_eq!(doc.text(), "\u{feff}D");
    }

    #[test]
    fn bom_is_skipped_and_text_kept() {
        let d = Document::from_bytes("x", b"\xEF\xBB\xBFa\r\nb".to_vec(), ReadOptions::default()).unwrap();
        assert_eq!(d.text(), "a\r\nb");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let e = Document::from_bytes("x", b"abc\xFFdef".to_vec(), ReadOptions::default()).unwrap_err();
        assert!(matches!(e, ErrorKind::NotUtf8 { byte: 3 }));
        let d =
            Document::from_bytes("x", b"abc\xFFdef\xFE".to_vec(), ReadOptions { lossy: true, ..Default::default() })
                .unwrap();
        assert_eq!(d.text(), "abc\u{FFFD}def\u{FFFD}");
        assert_eq!(d.replaced(), 2);
    }

    #[test]
    fn nul_byte_is_binary() {
        let e = Document::from_bytes("x", b"ab\0c".to_vec(), ReadOptions::default()).unwrap_err();
        assert!(matches!(e, ErrorKind::Binary { byte: 2 }));
    }

    #[test]
    fn too_large_is_refused() {
        let e = Document::from_bytes("x", vec![b'a'; 10], ReadOptions { lossy: false, max_bytes: 5 }).unwrap_err();
        assert!(matches!(e, ErrorKind::TooLarge { size: 10, limit: 5 }));
    }
}
