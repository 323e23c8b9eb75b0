//! Property tests (issue 6, "never crash, never hang, never lose a row"):
//! whatever the input, the pipeline returns, and what it returns is
//! consistent with the text.
//!
//! Inputs come from four generators: arbitrary Unicode; text biased towards
//! quote marks, line ends, words, punctuation and brackets; balanced quote
//! trees with attributions (so the attribution rules run, not only the
//! detector); and arbitrary bytes read the way `--lossy` reads them. For each
//! input [`check_text`] asserts:
//!
//! - tokens are non-empty, ascending, non-overlapping, on char boundaries;
//! - every offset (quote outer/inner, mention, cue, addressee) is in range and
//!   on a char boundary; inner lies in outer and outer = mark + inner + mark
//!   (no closing mark when the quote is unclosed);
//! - quotes come sorted by start (ties: the longer first); any two quotes
//!   are disjoint or nested; top-level quotes do not overlap; `parent` is the
//!   innermost quote containing it and the child lies inside the parent's
//!   words; `depth` = parent's depth + 1;
//! - mention and addressee spans do not overlap their own quote;
//! - extract on the same input gives the same output;
//! - output rows (CSV and JSONL): `text` equals the document slice between
//!   the marks once the character offsets are converted back, mention and
//!   cue columns equal their slices, quote ids run 1..n, parents precede
//!   their children, and the CSV parses back with the `csv` crate to exactly
//!   the rows' cells;
//! - a `--lexicon` file of any content parses or fails with a one-line
//!   message, never a panic.
//!
//! Cases: 256 per property by default; `PROPTEST_CASES=N` overrides (CI can
//! raise it for a nightly run). Failures are not persisted to files: a
//! failing input found here becomes an explicit regression test below.

use proptest::prelude::*;
use proptest::test_runner::Config;
use saidwho::output::{self, CsvWriter, CSV_HEADER};
use saidwho::{Extractor, Kind, Quote, Span};
use std::sync::OnceLock;

/// One extractor for every case (building the lexicon table is the
/// expensive part in a debug build).
pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(Extractor::new)
}

/// Every character the tokenizer may take for a quotation mark (T2), longest
/// first so that `''` is tried before `'`.
pub const MARKS: &[&str] = &["''", "“", "”", "\"", "„", "‟", "«", "»", "‹", "›", "‘", "’", "'", "‚", "‛", "`", "＂"];

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    Config { cases, failure_persistence: None, max_shrink_iters: 2048, ..Config::default() }
}

/// Runs every check on one text (the extraction and its rows).
pub fn check_text(text: &str) {
    check_tokens(text);
    let quotes = extractor().extract(text);
    check_quotes(text, &quotes);
    // the detector alone gives the spans the extraction carries
    let toks = saidwho::tokenizer::tokenize(text);
    let spans = saidwho::detector::detect(text, &toks);
    assert_eq!(spans.len(), quotes.len(), "extract keeps one quote per detected span");
    for (s, q) in spans.iter().zip(&quotes) {
        assert_eq!(*s, q.span, "extract keeps the detector's spans");
    }
    // deterministic
    assert_eq!(extractor().extract(text), quotes, "same input, same output");
    for all in [true, false] {
        check_rows(text, &quotes, all);
    }
}

/// T-invariants of the tokenizer.
pub fn check_tokens(text: &str) {
    let toks = saidwho::tokenizer::tokenize(text);
    let mut prev_end = 0;
    for (i, t) in toks.iter().enumerate() {
        let s = t.span;
        assert!(s.start < s.end, "token {i} {s:?} is empty");
        assert!(s.start >= prev_end, "token {i} {s:?} overlaps or precedes the one before (ends {prev_end})");
        assert!(s.end <= text.len(), "token {i} {s:?} out of range ({})", text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "token {i} {s:?} splits a char");
        prev_end = s.end;
    }
}

fn check_span(text: &str, what: &str, i: usize, s: Span) {
    assert!(s.start <= s.end, "quote {i}: {what} {s:?} reversed");
    assert!(s.end <= text.len(), "quote {i}: {what} {s:?} out of range ({})", text.len());
    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "quote {i}: {what} {s:?} splits a char");
}

fn is_mark(s: &str) -> bool {
    MARKS.contains(&s)
}

/// The invariants of an extraction (see the module docs).
pub fn check_quotes(text: &str, quotes: &[Quote]) {
    // enclosing quotes of the current position: a laminar family check
    let mut stack: Vec<usize> = Vec::new();
    let mut last_top: Option<Span> = None;
    for (i, q) in quotes.iter().enumerate() {
        let (o, n) = (q.span.outer, q.span.inner);
        check_span(text, "outer", i, o);
        check_span(text, "inner", i, n);
        assert!(o.contains(n) && o.start < n.start, "quote {i}: inner {n:?} not strictly after the mark in {o:?}");
        assert!(
            is_mark(&text[o.start..n.start]),
            "quote {i}: opens with {:?}, not a quote mark",
            &text[o.start..n.start]
        );
        match q.span.close_tok {
            Some(_) => assert!(
                n.end < o.end && is_mark(&text[n.end..o.end]),
                "quote {i}: closed, but ends with {:?}",
                &text[n.end..o.end]
            ),
            None => assert_eq!(n.end, o.end, "quote {i}: unclosed, but outer runs past the words"),
        }
        // sorted by start, the longer first
        if i > 0 {
            let p = quotes[i - 1].span.outer;
            assert!(
                p.start < o.start || (p.start == o.start && p.end >= o.end),
                "quote {i} {o:?} out of order after {p:?}"
            );
        }
        // laminar: pop the quotes that ended before this one starts; the top
        // must then contain it, and be its parent
        while let Some(&top) = stack.last() {
            if quotes[top].span.outer.end <= o.start {
                stack.pop();
            } else {
                break;
            }
        }
        match stack.last() {
            None => {
                assert_eq!(q.span.parent, None, "quote {i} {o:?}: inside no quote but has a parent");
                assert_eq!(q.span.depth, 0, "quote {i}: top-level with depth {}", q.span.depth);
                if let Some(prev) = last_top {
                    assert!(prev.end <= o.start, "top-level quote {i} {o:?} overlaps {prev:?}");
                }
                last_top = Some(o);
            }
            Some(&top) => {
                let p = &quotes[top].span;
                assert!(p.outer.contains(o), "quote {i} {o:?} crosses quote {top} {:?}", p.outer);
                assert_eq!(q.span.parent, Some(top), "quote {i}: parent is not the innermost enclosing quote");
                assert_eq!(q.span.depth, p.depth + 1, "quote {i}: depth");
                assert!(p.inner.contains(o), "quote {i} {o:?} not inside the words {:?} of its parent", p.inner);
            }
        }
        stack.push(i);
        for (what, s) in [("mention", q.mention), ("cue", q.cue), ("addressee", q.addressee_mention)] {
            if let Some(s) = s {
                check_span(text, what, i, s);
            }
        }
        for (what, s) in [("mention", q.mention), ("addressee", q.addressee_mention)] {
            if let Some(s) = s {
                assert!(!s.is_empty(), "quote {i}: empty {what}");
                assert!(!s.overlaps(o), "quote {i}: {what} {s:?} overlaps its own quote {o:?}");
            }
        }
        assert!((0.0..=1.0).contains(&q.confidence), "quote {i}: confidence {}", q.confidence);
        check_span(text, "sentence", i, q.sentence);
        check_span(text, "paragraph", i, q.paragraph);
    }
}

/// Char offset → byte offset, one entry per char plus the end.
fn char_to_byte(text: &str) -> Vec<usize> {
    text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect()
}

/// True when `outer` is an opening mark, then `inner`, then a closing mark
/// or nothing (an unclosed quote).
fn is_marked(outer: &str, inner: &str) -> bool {
    MARKS.iter().any(|m| {
        outer
            .strip_prefix(m)
            .and_then(|rest| rest.strip_prefix(inner))
            .is_some_and(|end| end.is_empty() || is_mark(end))
    })
}

/// A document id that needs every kind of CSV escaping.
const DOC_ID: &str = "dir/a \"b\", c\nd.txt";

/// The rows of one extraction, checked against the text, then rendered as
/// CSV and JSONL and read back.
pub fn check_rows(text: &str, quotes: &[Quote], all: bool) {
    let rows = output::rows(DOC_ID, text, quotes, all);
    let kept: Vec<&Quote> = quotes.iter().filter(|q| all || q.kind != Kind::Other).collect();
    assert_eq!(rows.len(), kept.len(), "one row per written quote (all = {all})");
    let c2b = char_to_byte(text);
    let nchars = c2b.len() - 1;
    for (i, (r, q)) in rows.iter().zip(&kept).enumerate() {
        assert_eq!(r.doc, DOC_ID);
        assert_eq!(r.quote_id, i + 1, "quote ids run 1..n");
        assert!(r.start < r.end && r.end <= nchars, "row {i}: {}..{} out of range ({nchars} chars)", r.start, r.end);
        let (bs, be) = (c2b[r.start], c2b[r.end]);
        assert_eq!((bs, be), (q.span.outer.start, q.span.outer.end), "row {i}: char offsets convert back");
        assert!(
            is_marked(&text[bs..be], r.text),
            "row {i}: text {:?} is not the slice {:?} without its marks",
            r.text,
            &text[bs..be]
        );
        assert_eq!(r.text, &text[q.span.inner], "row {i}: text column");
        for (what, col, s, e) in
            [("mention", r.mention, r.mention_start, r.mention_end), ("cue", r.cue, r.cue_start, r.cue_end)]
        {
            match (s, e) {
                (Some(s), Some(e)) => {
                    assert!(s <= e && e <= nchars, "row {i}: {what} {s}..{e} out of range");
                    assert_eq!(&text[c2b[s]..c2b[e]], col, "row {i}: {what} column is not its slice");
                }
                (None, None) => assert_eq!(col, "", "row {i}: {what} without offsets"),
                _ => panic!("row {i}: {what} has one offset only"),
            }
        }
        if let Some(p) = r.parent {
            assert!(p < r.quote_id, "row {i}: parent {p} after the child");
            let pr = &rows[p - 1];
            assert!(pr.start <= r.start && r.end <= pr.end, "row {i}: not inside its parent row {p}");
            assert!(r.depth > pr.depth, "row {i}: depth {} not below its parent's {}", r.depth, pr.depth);
        } else if all {
            assert_eq!(r.depth, 0, "row {i}: no parent but depth {}", r.depth);
        }
    }

    // CSV: header + rows, parsed back with the csv crate
    let mut csv_bytes = CsvWriter::header();
    CsvWriter::render(&rows, &mut csv_bytes);
    let csv_text = std::str::from_utf8(&csv_bytes).expect("CSV is UTF-8");
    let mut rd = csv::ReaderBuilder::new().has_headers(true).from_reader(csv_text.as_bytes());
    let header: Vec<String> = rd.headers().expect("header parses").iter().map(str::to_string).collect();
    assert_eq!(header, CSV_HEADER, "CSV header");
    let col = |name: &str| CSV_HEADER.iter().position(|h| *h == name).expect("column exists");
    let (c_start, c_end, c_text, c_doc) = (col("start"), col("end"), col("text"), col("doc"));
    let records: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("CSV record parses")).collect();
    assert_eq!(records.len(), rows.len(), "CSV has one record per row");
    for (i, (rec, r)) in records.iter().zip(&rows).enumerate() {
        let want: Vec<String> = r.cells().iter().map(|c| c.to_text().into_owned()).collect();
        let got: Vec<String> = rec.iter().map(str::to_string).collect();
        assert_eq!(got, want, "CSV record {i} reads back to its row");
        assert_eq!(&rec[c_doc], DOC_ID);
        assert_eq!(rec[c_start].parse::<usize>().ok(), Some(r.start));
        assert_eq!(rec[c_end].parse::<usize>().ok(), Some(r.end));
        assert_eq!(&rec[c_text], r.text);
    }

    // JSONL: one object per row, same values
    let mut jsonl = Vec::new();
    output::render_jsonl(&rows, &mut jsonl);
    let jsonl = std::str::from_utf8(&jsonl).expect("JSONL is UTF-8");
    let lines: Vec<&str> = jsonl.split_terminator('\n').collect();
    assert_eq!(lines.len(), rows.len(), "JSONL has one line per row");
    for (i, (line, r)) in lines.iter().zip(&rows).enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("JSONL line {i}: {e}"));
        assert_eq!(v["doc"], DOC_ID);
        assert_eq!(v["text"], r.text, "JSONL line {i}: text");
        assert_eq!(v["start"], r.start, "JSONL line {i}: start");
        assert_eq!(v["end"], r.end, "JSONL line {i}: end");
        assert_eq!(v["quote_id"], r.quote_id, "JSONL line {i}: quote_id");
    }
}

// ---------------------------------------------------------------- generators

const WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "asked",
    "added",
    "according to",
    "he",
    "she",
    "they",
    "it",
    "we",
    "I",
    "the",
    "a",
    "envoy",
    "the envoy",
    "spokesman",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Sen.",
    "Anna",
    "Cole",
    "Anna Cole",
    "Trump",
    "Nausėda",
    "Lukashenko",
    "U.S.",
    "D.C.",
    "don’t",
    "it's",
    "Lithuanians’",
    "Jesus'",
    "'90s",
    "1,400",
    "3.5",
    "€5",
    "2025",
    "Zapad-2025",
    "quoted",
    "as saying",
    "was quoted as saying",
    "in a statement",
    "wrote",
    "tweeted",
    "Reuters",
    "Ministry",
    "https://example.com/a?b=\"c\"",
    "[called on](#)",
    "**",
    "<https://x.y>",
    "😀",
    "e\u{301}",
    "שלום",
    "中文",
    "ǅ",
    "\u{200d}",
    "\u{a0}",
    "\u{feff}",
    "\u{2028}",
    "ß",
    "İ",
    "ﬃ",
    "\t",
];

const PUNCT: &[&str] = &[
    ".", ",", ":", ";", "!", "?", "…", "...", "—", "–", "-", "(", ")", "[", "]", "{", "}", "/", "*", "#", "&", "<", ">",
];

const BREAKS: &[&str] = &["\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\n \n", "\n\u{a0}\n"];

/// One piece of quote-heavy text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(MARKS).prop_map(str::to_string),
        5 => prop::sample::select(WORDS).prop_map(str::to_string),
        4 => Just(" ".to_string()),
        2 => prop::sample::select(PUNCT).prop_map(str::to_string),
        1 => prop::sample::select(BREAKS).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[A-Z][a-z]{1,8}",
    ]
}

/// Text biased towards quote marks, words, punctuation and line breaks.
fn quotey_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..300).prop_map(|v| v.concat())
}

/// Arbitrary Unicode (all scalar values, control characters included).
fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..400).prop_map(|v| v.into_iter().collect())
}

const PAIRS: &[(&str, &str)] =
    &[("“", "”"), ("\"", "\""), ("‘", "’"), ("'", "'"), ("«", "»"), ("„", "“"), ("‹", "›"), ("''", "''"), ("»", "«")];

const SAYS: &[&str] = &[
    "",
    " he said.",
    ", said Anna Cole.",
    " the envoy told Mr. Trump.",
    ": ",
    ", according to Reuters.",
    " she added",
];

/// Quotes nested inside quotes, with attributions around them: balanced
/// trees, so the detector pairs and the attributor's rules all run.
fn quote_tree() -> impl Strategy<Value = String> {
    let leaf = prop::collection::vec(prop::sample::select(WORDS), 0..6).prop_map(|w| w.join(" "));
    leaf.prop_recursive(6, 64, 4, |inner| {
        (
            prop::sample::select(PAIRS),
            prop::collection::vec(inner, 1..4),
            prop::sample::select(SAYS),
            prop::sample::select(&[" ", "", "\n", " . "][..]),
        )
            .prop_map(|((o, c), kids, says, sep)| format!("{o}{}{c}{says}{sep}", kids.join(" ")))
    })
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_unicode_is_handled(text in unicode_text()) {
        check_text(&text);
    }

    #[test]
    fn quote_heavy_text_is_handled(text in quotey_text()) {
        check_text(&text);
    }

    #[test]
    fn nested_quotes_are_handled(parts in prop::collection::vec(quote_tree(), 1..6)) {
        check_text(&parts.concat());
    }

    /// Bytes as `--lossy` reads them; without `--lossy` a document exists
    /// exactly when the bytes are UTF-8 without NUL.
    #[test]
    fn any_bytes_read_lossy_are_handled(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        use saidwho::input::{Document, ReadOptions};
        let strict = Document::from_bytes("x", bytes.clone(), ReadOptions::default());
        let valid = std::str::from_utf8(&bytes).is_ok() && !bytes.contains(&0);
        prop_assert_eq!(strict.is_ok(), valid);
        match Document::from_bytes("x", bytes.clone(), ReadOptions { lossy: true, ..Default::default() }) {
            Ok(doc) => {
                prop_assert!(!bytes.contains(&0));
                check_text(doc.text());
            }
            Err(_) => prop_assert!(bytes.contains(&0), "lossy reading refuses only binary data"),
        }
    }
}

/// TOML-ish text for `--lexicon` files: tables, keys, strings, arrays and
/// multi-byte characters where a parser error may point.
fn tomlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[cues]\n".to_string()),
        Just("[titles".to_string()),
        Just("verbs = [".to_string()),
        Just("\"say\", ".to_string()),
        Just("]\n".to_string()),
        Just("= ".to_string()),
        Just("\"“é”\"".to_string()),
        Just("'''".to_string()),
        Just("#".to_string()),
        Just("\n".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config())]

    /// A lexicon file never panics the parser, and a bad one is reported
    /// on one line (error.rs: one line per error on stderr).
    #[test]
    fn any_lexicon_file_parses_or_fails_on_one_line(src in prop_oneof![tomlish(), unicode_text()]) {
        if let Err(msg) = saidwho::lexicon::parse(&src) {
            prop_assert!(!msg.contains('\n'), "multi-line message: {:?}", msg);
        }
    }
}

// ---------------------------------------------------------------- fixed cases

/// Texts that once broke an invariant or that the generators reach rarely.
#[test]
fn known_hard_inputs() {
    let cases: &[&str] = &[
        "",
        "“",
        "”",
        "''",
        "'''",
        "\"\"\"",
        "“”",
        "“ ”",
        "«»«»",
        "“a\n”",
        "“a\r\n“b”",
        "“a\r“b”\r",
        "\u{feff}“Hi,” he said.",
        "He said: “She said ‘no’ twice.”\n\n“Yes,” said Bob.\n",
        "“Para one.\n\n“Para two,” he said.",
        "“a ‘b “c ‘d’ c” b’ a”",
        "’’’’’’’’’’",
        "'90s '16 'n' the senators’ votes ‘fine’",
        "»Hallo«, sagte er. «Bonjour» « Salut »",
        "‹a› ‚b‘ ‛c’ ‟d”",
        "said “",
        "“ said",
        "Mr. “Cole” said: “”",
        "[called on](#) “x,” he said <https://a.b/“>",
        "**“Bold,”** she said.",
        "“é\u{301}”, said Zoë.",
    ];
    for t in cases {
        check_text(t);
    }
}
