//! Helpers shared by the integration tests.

use saidwho::{Document, Extractor, Quote};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// One extractor for all tests (the lexicon table is built once).
pub static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The id a corpus file gets when `corpus/` is the argument: its relative path.
pub fn corpus_id(path: &Path) -> String {
    path.strip_prefix(root().join("corpus")).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Reads a corpus document.
pub fn read_doc(path: &Path) -> Document {
    Document::from_path(path, corpus_id(path), Default::default()).expect("corpus file reads")
}

/// The CSV that `saidwho extract` writes for one document (header included).
pub fn to_csv(doc: &Document, quotes: &[Quote]) -> String {
    let rows = saidwho::output::rows(doc.id(), doc.text(), quotes, false);
    let mut out = saidwho::output::CsvWriter::header();
    saidwho::output::CsvWriter::render(&rows, &mut out);
    String::from_utf8(out).expect("CSV is UTF-8")
}

/// Checks the invariants every extraction must keep, on any input.
pub fn check_invariants(text: &str, quotes: &[Quote]) {
    let mut last_top: Option<saidwho::Span> = None;
    for (i, q) in quotes.iter().enumerate() {
        let o = q.span.outer;
        let n = q.span.inner;
        assert!(o.start <= n.start && n.end <= o.end && o.end <= text.len(), "quote {i}: spans out of order");
        for s in [o.start, o.end, n.start, n.end] {
            assert!(text.is_char_boundary(s), "quote {i}: offset {s} not on a char boundary");
        }
        if q.span.depth == 0 {
            if let Some(prev) = last_top {
                assert!(prev.end <= o.start, "quote {i}: overlaps the quote before");
            }
            last_top = Some(o);
        } else {
            let p = quotes[q.span.parent.expect("nested quote has a parent")].span.outer;
            assert!(p.contains(o), "quote {i}: not inside its parent");
        }
        if let Some(m) = q.mention {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            assert!(!m.overlaps(n), "quote {i}: mention inside its own quote");
        }
    }
}
