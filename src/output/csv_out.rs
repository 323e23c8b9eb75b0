//! CSV rendering: RFC 4180, UTF-8, one header row always (even when no quote
//! is found), fields quoted only when needed, multi-line quotes kept in one
//! field.

use super::Row;

/// The header row, in column order.
pub const CSV_HEADER: &[&str] = &[
    "doc",
    "quote_id",
    "start",
    "end",
    "text",
    "kind",
    "speaker",
    "mention",
    "mention_start",
    "mention_end",
    "cue",
    "cue_start",
    "cue_end",
    "confidence",
    "addressee",
    "addressee_mention",
    "parent",
    "depth",
    "rule",
    "speaker_id",
    "context",
];

/// Writes rows into a byte buffer (one per document, so documents can be
/// rendered on worker threads and written in order).
#[derive(Debug, Default)]
pub struct CsvWriter;

impl CsvWriter {
    /// The header line.
    pub fn header() -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
        w.write_record(CSV_HEADER).expect("header writes to memory");
        w.into_inner().expect("flush to memory")
    }

    /// Appends `rows` to `out`.
    pub fn render(rows: &[Row<'_>], out: &mut Vec<u8>) {
        let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(std::mem::take(out));
        for r in rows {
            w.serialize(r).expect("rows serialise to CSV in memory");
        }
        *out = w.into_inner().expect("flush to memory");
    }
}
