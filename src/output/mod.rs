//! Stage 4: attributed quotes → output rows (CSV or JSONL).
//!
//! Every format is built from the same [`Row`]s. Offsets in rows are
//! **character** offsets (Unicode scalar values, end exclusive) into the text
//! as read, BOM not counted; the pipeline's byte spans are converted here, once
//! per document, by a [`CharIndex`].
//!
//! Columns (header names exact; empty cell when there is no value):
//!
//! | column | meaning |
//! |---|---|
//! | `doc` | document id: path relative to the folder argument, the path as given for a file argument, `-` for stdin, the record id for JSONL input |
//! | `quote_id` | 1-based, in order of `start` within the document |
//! | `start`, `end` | the quote *including* its quotation marks |
//! | `text` | the quoted words, without the outer marks; equals the document slice between them |
//! | `kind` | `direct`, `partial`, `nested`, or (`--all` only) `other` for quote marks that are not speech |
//! | `speaker` | canonical name: the fullest form in the article, titles stripped |
//! | `mention`, `mention_start`, `mention_end` | the words the quote is attributed to ("he", "the envoy") |
//! | `cue`, `cue_start`, `cue_end` | the reporting words ("said", "according to") |
//! | `confidence` | 0..1, from the rule that fired (see README, "Confidence") |
//! | `addressee`, `addressee_mention` | who was spoken to, canonical and as written ("told the American envoy") |
//! | `parent` | `quote_id` of the quote this one is inside |
//! | `depth` | 0 for a top-level quote, 1 inside another, … |
//! | `rule` | the attribution rule that fired (ids in DESIGN.md) |

mod csv_out;
pub mod excel;
pub mod xlsx;

pub use csv_out::{CsvWriter, CSV_HEADER};

use crate::attributor::{Kind, Quote};
use crate::span::{CharIndex, Span};
use serde::Serialize;

/// One output row, borrowing from the document and its quotes.
#[derive(Debug, Clone, Serialize)]
pub struct Row<'a> {
    /// Document id.
    pub doc: &'a str,
    /// 1-based id within the document.
    pub quote_id: usize,
    /// Start, in characters, marks included.
    pub start: usize,
    /// End (exclusive), in characters, marks included.
    pub end: usize,
    /// The quoted words.
    pub text: &'a str,
    /// direct, partial, nested or other.
    pub kind: &'static str,
    /// Canonical speaker.
    pub speaker: &'a str,
    /// The mention as written.
    pub mention: &'a str,
    /// Mention start (characters).
    pub mention_start: Option<usize>,
    /// Mention end (characters).
    pub mention_end: Option<usize>,
    /// The reporting words.
    pub cue: &'a str,
    /// Cue start (characters).
    pub cue_start: Option<usize>,
    /// Cue end (characters).
    pub cue_end: Option<usize>,
    /// 0..1.
    pub confidence: f32,
    /// Canonical addressee.
    pub addressee: &'a str,
    /// The addressee as written.
    pub addressee_mention: &'a str,
    /// `quote_id` of the enclosing quote.
    pub parent: Option<usize>,
    /// Nesting depth.
    pub depth: u32,
    /// The rule id.
    pub rule: &'static str,
}

/// The rows for one document: quotes of kind `other` only when `all`.
pub fn rows<'a>(doc: &'a str, text: &'a str, quotes: &'a [Quote], all: bool) -> Vec<Row<'a>> {
    let ix = CharIndex::new(text);
    let keep: Vec<bool> = quotes.iter().map(|q| all || q.kind != Kind::Other).collect();
    // quote_id of each kept quote, for `parent`
    let mut ids = vec![0usize; quotes.len()];
    let mut next = 0;
    for (i, &k) in keep.iter().enumerate() {
        if k {
            next += 1;
            ids[i] = next;
        }
    }
    let slice = |s: Option<Span>| s.map(|s| &text[s]).unwrap_or("");
    let start = |s: Option<Span>| s.map(|s| ix.char_at(s.start));
    let end = |s: Option<Span>| s.map(|s| ix.char_at(s.end));
    let mut out = Vec::with_capacity(next);
    for (i, q) in quotes.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        // the nearest kept ancestor
        let mut parent = q.span.parent;
        while let Some(p) = parent {
            if keep[p] {
                break;
            }
            parent = quotes[p].span.parent;
        }
        out.push(Row {
            doc,
            quote_id: ids[i],
            start: ix.char_at(q.span.outer.start),
            end: ix.char_at(q.span.outer.end),
            text: &text[q.span.inner],
            kind: q.kind.as_str(),
            speaker: &q.speaker,
            mention: slice(q.mention),
            mention_start: start(q.mention),
            mention_end: end(q.mention),
            cue: slice(q.cue),
            cue_start: start(q.cue),
            cue_end: end(q.cue),
            confidence: q.confidence,
            addressee: &q.addressee,
            addressee_mention: slice(q.addressee_mention),
            parent: parent.map(|p| ids[p]),
            depth: q.span.depth,
            rule: q.rule.id(),
        });
    }
    out
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Renders rows as JSON lines.
pub fn render_jsonl(rows: &[Row<'_>], out: &mut Vec<u8>) {
    for r in rows {
        serde_json::to_writer(&mut *out, r).expect("rows serialise to JSON");
        out.push(b'\n');
    }
}
