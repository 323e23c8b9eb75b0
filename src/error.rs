//! Errors: typed in the library, one line each on stderr.
//!
//! Every message names the file first and says what went wrong in lower
//! case, with no trailing period, so a batch run prints one readable line per
//! skipped file (`saidwho: corpus/x.txt: not valid UTF-8 (first bad byte at
//! offset 1041)`).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// An error with the file it concerns, when there is one.
#[derive(Debug)]
pub struct Error {
    path: Option<PathBuf>,
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing failed.
    Io(io::Error),
    /// The bytes are not UTF-8; `byte` is the offset of the first bad byte.
    NotUtf8 {
        /// Offset of the first invalid byte.
        byte: usize,
    },
    /// The file holds a NUL byte, so it is taken for a binary file.
    Binary {
        /// Offset of the first NUL byte.
        byte: usize,
    },
    /// The file is larger than `--max-bytes`.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A malformed line of JSONL input.
    BadRecord {
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        msg: String,
    },
    /// A lexicon file could not be parsed.
    Lexicon(String),
    /// Writing CSV failed.
    Csv(String),
    /// A bad command line or argument combination.
    Usage(String),
    /// A complete message from another part of the tool (it names its file).
    Message(String),
}

impl Error {
    /// An error of `kind` about no particular file.
    pub fn new(kind: ErrorKind) -> Error {
        Error { path: None, kind }
    }

    /// An error of `kind` about `path`.
    pub fn with_path(path: impl AsRef<Path>, kind: ErrorKind) -> Error {
        Error { path: Some(path.as_ref().to_path_buf()), kind }
    }

    /// Sets the file the error concerns.
    pub fn at(mut self, path: impl AsRef<Path>) -> Error {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file concerned, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True for a closed output pipe (`saidwho extract … | head`), which
    /// is not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&self.kind, ErrorKind::Io(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}: ", p.display())?;
        }
        match &self.kind {
            ErrorKind::Io(e) => write!(f, "{}", io_message(e)),
            ErrorKind::NotUtf8 { byte } => {
                write!(f, "not valid UTF-8 (first bad byte at offset {byte}); --lossy reads it anyway")
            }
            ErrorKind::Binary { byte } => {
                write!(f, "looks like a binary file (NUL byte at offset {byte}), skipped")
            }
            ErrorKind::TooLarge { size, limit } => {
                write!(f, "file is {size} bytes, over the --max-bytes limit of {limit}, skipped")
            }
            ErrorKind::BadRecord { line, msg } => write!(f, "line {line}: {msg}"),
            ErrorKind::Lexicon(m) => write!(f, "bad lexicon: {m}"),
            ErrorKind::Csv(m) => write!(f, "{m}"),
            ErrorKind::Usage(m) => write!(f, "{m} (see saidwho --help)"),
            ErrorKind::Message(m) => write!(f, "{m}"),
        }
    }
}

/// io::Error's Display appends "(os error 2)"; users need the words only.
fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s,
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::new(ErrorKind::Io(e))
    }
}
