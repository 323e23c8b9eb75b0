//! The whole pipeline on arbitrary bytes: read as `--lossy` does (NUL
//! refused as binary, bad UTF-8 replaced), extract, make rows with and
//! without `--all`, render CSV and JSONL, and check what must hold on any
//! input (offsets in range and on char boundaries, `text` = the slice
//! between the marks, CSV parses back to as many records as rows).
#![no_main]

use libfuzzer_sys::fuzz_target;
use saidwho::input::{Document, ReadOptions};
use saidwho::output::{self, CsvWriter};
use std::sync::OnceLock;

fn extractor() -> &'static saidwho::Extractor {
    static EX: OnceLock<saidwho::Extractor> = OnceLock::new();
    EX.get_or_init(saidwho::Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions { lossy: true, ..ReadOptions::default() };
    let Ok(doc) = Document::from_bytes("fuzz", data.to_vec(), opts) else {
        assert!(data.contains(&0), "lossy reading refuses only NUL bytes");
        return;
    };
    let text = doc.text();
    let quotes = extractor().extract(text);
    for (i, q) in quotes.iter().enumerate() {
        let (o, n) = (q.span.outer, q.span.inner);
        assert!(o.start < n.start && n.start <= n.end && n.end <= o.end && o.end <= text.len(), "quote {i}: {o:?} {n:?}");
        for s in [Some(o), Some(n), q.mention, q.cue, q.addressee_mention, Some(q.sentence), Some(q.paragraph)]
            .into_iter()
            .flatten()
        {
            assert!(s.start <= s.end && s.end <= text.len(), "quote {i}: span {s:?} out of range");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "quote {i}: {s:?} splits a char");
        }
        if let Some(p) = q.span.parent {
            assert!(p < i && quotes[p].span.inner.contains(o), "quote {i}: not inside its parent {p}");
        }
        if let Some(m) = q.mention {
            assert!(!m.overlaps(o), "quote {i}: mention {m:?} inside its own quote {o:?}");
        }
    }
    for all in [false, true] {
        let rows = output::rows(doc.id(), text, &quotes, all);
        let mut csv = CsvWriter::header();
        CsvWriter::render(&rows, &mut csv);
        let mut rd = csv::ReaderBuilder::new().has_headers(true).from_reader(&csv[..]);
        assert_eq!(rd.records().map(|r| r.expect("CSV parses back")).count(), rows.len());
        let mut jsonl = Vec::new();
        output::render_jsonl(&rows, &mut jsonl);
        assert_eq!(jsonl.iter().filter(|&&b| b == b'\n').count(), rows.len());
        let chars: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        for r in &rows {
            let outer = &text[chars[r.start]..chars[r.end]];
            assert!(outer.contains(r.text), "row {}: text not inside its offsets", r.quote_id);
        }
    }
});
