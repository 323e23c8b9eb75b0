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
        // one open and one fstat per file (a path stat and then fs::read's
        // own stat were two walks of the path for every small article)
        let io = |e| Error::with_path(path, ErrorKind::Io(e));
        let file = std::fs::File::open(path).map_err(io)?;
        let size = file.metadata().map_err(io)?.len();
        Document::read_open(path, file, size, id, opts)
    }

    /// [`Document::from_path`] for a file whose size the caller has just
    /// read (a directory walk stats every entry anyway): no second stat of
    /// the open file, which was one system call in six per article.
    pub fn from_path_sized(
        path: &Path,
        size: u64,
        id: impl Into<String>,
        opts: ReadOptions,
    ) -> Result<Document, Error> {
        let file = std::fs::File::open(path).map_err(|e| Error::with_path(path, ErrorKind::Io(e)))?;
        Document::read_open(path, file, size, id, opts)
    }

    /// Reads an open file of `size` bytes (as last seen) into a document.
    fn read_open(
        path: &Path,
        mut file: std::fs::File,
        size: u64,
        id: impl Into<String>,
        opts: ReadOptions,
    ) -> Result<Document, Error> {
        use std::io::Read;
        let io = |e| Error::with_path(path, ErrorKind::Io(e));
        let too_large = |size| Error::with_path(path, ErrorKind::TooLarge { size, limit: opts.max_bytes });
        if size > opts.max_bytes {
            return Err(too_large(size));
        }
        let mut bytes = Vec::with_capacity(size as usize + 1);
        // through `Take`: File's own read_to_end would stat and seek again
        // for a size hint we already have. One byte past the limit at
        // most: a file grown since its size was read cannot fill memory
        file.by_ref().take(opts.max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() as u64 > opts.max_bytes {
            // (only a file that grew: its size now, as the fstat tells)
            return Err(too_large(file.metadata().map_err(io)?.len()));
        }
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
    fn a_file_grown_since_its_size_was_read_is_refused_with_its_size_now() {
        use std::io::Write;
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(b"0123456789").unwrap();
        let opts = ReadOptions { lossy: false, max_bytes: 5 };
        let e = Document::from_path_sized(f.path(), 3, "x", opts).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::TooLarge { size: 10, limit: 5 }), "{e}");
        let d = Document::from_path_sized(f.path(), 3, "x", ReadOptions::default()).unwrap();
        assert_eq!(d.text(), "0123456789");
    }

    #[test]
    fn too_large_is_refused() {
        let e = Document::from_bytes("x", vec![b'a'; 10], ReadOptions { lossy: false, max_bytes: 5 }).unwrap_err();
        assert!(matches!(e, ErrorKind::TooLarge { size: 10, limit: 5 }));
    }
}
