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
//! | `via` | what the words reached the writer through, as written: "CNN" in "Vale said, according to CNN", "a transcript of the interview"; the speaker stays the person who spoke |
//! | `speaker_id` | the same id for the same person across the batch despite spelling variants (`S0001`, … in order of first appearance, or an alias id); empty when `speaker` is ([`crate::speakers`]) |
//! | `context` | for reviewers: the writer's sentence around the quote, or its paragraph (`--context paragraph`); empty with `--context none` (the column is always there, so the header never changes) |
//!
//! The two review columns come last; a column added later (`via`) goes
//! before them, so the position of every earlier column stays what it was.
//!
//! Besides the default CSV (byte-faithful: the quoted words exactly as in
//! the text, LF line ends, no BOM) there are the spreadsheet dialect of
//! [`excel`] (`--excel`) and the workbook of [`xlsx`] (`--format xlsx`).

mod csv_out;
pub mod excel;
pub mod xlsx;

pub use csv_out::{CsvWriter, CSV_HEADER};

use crate::attributor::{Kind, Quote};
use crate::span::{CharIndex, Span};
use crate::speakers::SpeakerIds;
use serde::Serialize;
use std::borrow::Cow;

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
    /// What the words reached the writer through ("CNN" in "according to CNN").
    pub via: &'a str,
    /// Batch-level speaker id (empty when there is no speaker).
    pub speaker_id: Cow<'a, str>,
    /// The sentence or paragraph around the quote (see [`Context`]).
    pub context: &'a str,
}

/// What the `context` column holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Context {
    /// The writer's sentence around the quote.
    #[default]
    Sentence,
    /// The paragraph(s) around the quote.
    Paragraph,
    /// Nothing: the column is written empty.
    None,
}

/// Which rows [`rows_with`] makes and what goes in them.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowOptions {
    /// Also write quotes of kind `other`.
    pub all: bool,
    /// What the `context` column holds.
    pub context: Context,
}

/// Most bytes of context kept before and after the quote: a sentence or
/// paragraph longer than that (a page with no sentence ends, one line of a
/// thousand quotes) is cut, so each row's context is the quote plus at most
/// this much on either side and the output stays linear in the input.
pub const CONTEXT_SIDE: usize = 200;

/// The context of a quote at `outer`: `around` (its sentence or paragraph)
/// cut to [`CONTEXT_SIDE`] bytes either side of the quote (on character
/// boundaries), whitespace trimmed.
pub fn context_of(text: &str, outer: Span, around: Span) -> &str {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let mut start = floor(around.start.max(outer.start.saturating_sub(CONTEXT_SIDE)));
    let mut end = ceil(around.end.min(outer.end.saturating_add(CONTEXT_SIDE))).max(start);
    // a cut context starts and ends on whole words ("f Walter" is noise)
    if start > around.start {
        if let Some(ws) = text[start..outer.start.max(start)].find(char::is_whitespace) {
            start += ws;
        }
    }
    if end < around.end {
        if let Some(ws) = text[outer.end.min(end)..end].rfind(char::is_whitespace) {
            end = outer.end.min(end) + ws;
        }
    }
    text[start..end].trim()
}

/// True when a quote of this kind is written (kind `other` only with `all`).
pub fn is_written(q: &Quote, all: bool) -> bool {
    all || q.kind != Kind::Other
}

/// The rows for one document: quotes of kind `other` only when `all`;
/// `context` is the sentence and speaker ids are those of a batch of this
/// one document (what `saidwho extract FILE` writes for it).
pub fn rows<'a>(doc: &'a str, text: &'a str, quotes: &'a [Quote], all: bool) -> Vec<Row<'a>> {
    let mut ids = SpeakerIds::new();
    let clusters = ids.assign_quotes(doc, text, quotes, all);
    let owned: Vec<Cow<'a, str>> =
        clusters.iter().map(|c| c.map(|c| Cow::Owned(ids.id(c).to_string())).unwrap_or(Cow::Borrowed(""))).collect();
    rows_with(doc, text, quotes, RowOptions { all, context: Context::Sentence }, owned)
}

/// The rows for one document with `speaker_ids` (one per quote, aligned with
/// `quotes`; empty for none), as the batch commands make them.
pub fn rows_with<'a>(
    doc: &'a str,
    text: &'a str,
    quotes: &'a [Quote],
    opts: RowOptions,
    speaker_ids: Vec<Cow<'a, str>>,
) -> Vec<Row<'a>> {
    let all = opts.all;
    let mut speaker_ids = speaker_ids;
    speaker_ids.resize(quotes.len(), Cow::Borrowed(""));
    let mut speaker_ids = speaker_ids.into_iter();
    let ix = CharIndex::new(text);
    let keep: Vec<bool> = quotes.iter().map(|q| is_written(q, all)).collect();
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
    // the offsets asked lie close together (a quote, its mention and cue,
    // the next quote): each lookup starts where the last one ended
    let near = std::cell::Cell::new(0);
    let char_at = |byte: usize| {
        let mut k = near.get();
        let c = ix.char_at_near(byte, &mut k);
        near.set(k);
        c
    };
    let start = |s: Option<Span>| s.map(|s| char_at(s.start));
    let end = |s: Option<Span>| s.map(|s| char_at(s.end));
    let mut out = Vec::with_capacity(next);
    for (i, q) in quotes.iter().enumerate() {
        let speaker_id = speaker_ids.next().unwrap_or(Cow::Borrowed(""));
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
            start: char_at(q.span.outer.start),
            end: char_at(q.span.outer.end),
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
            via: slice(q.via),
            speaker_id,
            context: match opts.context {
                Context::Sentence => context_of(text, q.span.outer, q.sentence),
                Context::Paragraph => context_of(text, q.span.outer, q.paragraph),
                Context::None => "",
            },
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
    /// An Excel workbook (needs -o FILE): sheet "quotes" and sheet "speakers".
    Xlsx,
}

/// Renders rows as JSON lines.
pub fn render_jsonl(rows: &[Row<'_>], out: &mut Vec<u8>) {
    for r in rows {
        serde_json::to_writer(&mut *out, r).expect("rows serialise to JSON");
        out.push(b'\n');
    }
}

/// One cell of a row, typed for spreadsheets.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'r> {
    /// Text (possibly empty).
    Text(&'r str),
    /// A whole number (ids, offsets, depth).
    Int(usize),
    /// The confidence.
    Num(f32),
    /// No value.
    Empty,
}

impl Cell<'_> {
    /// The cell as the default CSV writes it.
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s),
            Cell::Int(n) => Cow::Owned(n.to_string()),
            Cell::Num(x) => Cow::Owned(x.to_string()),
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

impl<'a> Row<'a> {
    /// The cells of the row in [`CSV_HEADER`] order.
    pub fn cells(&self) -> Vec<Cell<'_>> {
        let opt = |n: Option<usize>| n.map(Cell::Int).unwrap_or(Cell::Empty);
        vec![
            Cell::Text(self.doc),
            Cell::Int(self.quote_id),
            Cell::Int(self.start),
            Cell::Int(self.end),
            Cell::Text(self.text),
            Cell::Text(self.kind),
            Cell::Text(self.speaker),
            Cell::Text(self.mention),
            opt(self.mention_start),
            opt(self.mention_end),
            Cell::Text(self.cue),
            opt(self.cue_start),
            opt(self.cue_end),
            Cell::Num(self.confidence),
            Cell::Text(self.addressee),
            Cell::Text(self.addressee_mention),
            opt(self.parent),
            Cell::Int(self.depth as usize),
            Cell::Text(self.rule),
            Cell::Text(self.via),
            Cell::Text(&self.speaker_id),
            Cell::Text(self.context),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_around_the_quote() {
        let text = format!("{}“Yes,” he said, {}", "é".repeat(300), "x".repeat(300));
        let q = text.find('“').unwrap();
        let outer = Span::new(q, q + "“Yes,”".len());
        let all = Span::new(0, text.len());
        let c = context_of(&text, outer, all);
        assert!(c.contains("“Yes,” he said,"));
        assert!(c.len() <= outer.len() + 2 * CONTEXT_SIDE + 3, "{}", c.len());
        // a short sentence is kept whole
        let text = "He said: “Fine.” Then he left.";
        let q = text.find('“').unwrap();
        let outer = Span::new(q, q + "“Fine.”".len());
        assert_eq!(context_of(text, outer, Span::new(0, text.find(" Then").unwrap())), "He said: “Fine.”");
    }

    /// `cells()` must follow the header and the serde rendering exactly:
    /// the spreadsheet writers rely on it.
    #[test]
    fn cells_match_the_csv_columns() {
        let text =
            "“Wait,” he said. Later Ona Kalve told the envoy: “We are ‘fine’, €5 or not.”\n\n“Yes,” said Petr.\n";
        let quotes = crate::Extractor::new().extract(text);
        let rows = rows("d.txt", text, &quotes, true);
        assert!(rows.len() >= 3);
        let mut csv = Vec::new();
        CsvWriter::render(&rows, &mut csv);
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&csv[..]);
        for (row, rec) in rows.iter().zip(r.records()) {
            let rec = rec.unwrap();
            let cells = row.cells();
            assert_eq!(cells.len(), CSV_HEADER.len());
            let got: Vec<String> = cells.iter().map(|c| c.to_text().into_owned()).collect();
            let want: Vec<String> = rec.iter().map(str::to_string).collect();
            assert_eq!(got, want);
        }
    }
}
