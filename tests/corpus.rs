//! The seed corpus: every quote of the hand-checked gold found with its kind
//! and speaker, no known non-quote written, and one reviewed CSV snapshot per
//! article in `snapshots/`.
//!
//! `tests/data/seed_gold.jsonl` is a copy of the project's hand-checked gold
//! for `corpus/` (character offsets, marks included). Records marked
//! `optional` are judgement calls and are not required. A gold record of kind
//! `nested` is a quote reported inside another quote with its own speaker: it
//! must be found inside its parent (depth ≥ 1) with that speaker; saidwho
//! writes such a quote with the kind of its own form (direct or partial),
//! because it is reported speech of the inner speaker, and shows the nesting
//! in `parent`/`depth`.

use crate::util;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
struct Gold {
    doc: String,
    start: usize,
    end: usize,
    kind: String,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    optional: Option<bool>,
}

struct Row {
    start: usize,
    end: usize,
    kind: String,
    speaker: String,
    depth: u32,
}

fn rows_by_doc() -> HashMap<String, Vec<Row>> {
    let mut out = HashMap::new();
    for entry in std::fs::read_dir(util::root().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        let doc = util::read_doc(&path);
        let quotes = util::EXTRACTOR.extract(doc.text());
        util::check_invariants(doc.text(), &quotes);
        let rows = saidwho::output::rows(doc.id(), doc.text(), &quotes, false)
            .iter()
            .map(|r| Row {
                start: r.start,
                end: r.end,
                kind: r.kind.to_string(),
                speaker: r.speaker.to_string(),
                depth: r.depth,
            })
            .collect();
        out.insert(doc.id().to_string(), rows);
    }
    out
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    let ov = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    ov > 0 && 2 * ov >= (a.1 - a.0).min(b.1 - b.0)
}

#[test]
fn seed_gold_is_found_with_kind_and_speaker() {
    let rows = rows_by_doc();
    let gold: Vec<Gold> = std::fs::read_to_string(util::root().join("tests/data/seed_gold.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(gold.len() > 30, "gold file read");
    let mut problems = Vec::new();
    for g in &gold {
        let doc_rows = &rows[&g.doc];
        let found: Vec<&Row> = doc_rows.iter().filter(|r| overlaps((r.start, r.end), (g.start, g.end))).collect();
        if g.kind == "not_quote" {
            // the row for exactly these marks (an enclosing quote overlaps too)
            if doc_rows.iter().any(|r| r.start.abs_diff(g.start) <= 1 && r.end.abs_diff(g.end) <= 1) {
                problems.push(format!("{} {}..{}: not a quote, but written", g.doc, g.start, g.end));
            }
            continue;
        }
        if g.optional == Some(true) {
            continue;
        }
        let want_depth_nested = g.kind == "nested";
        let Some(r) = found
            .iter()
            .find(|r| (r.depth > 0) == want_depth_nested && (r.start, r.end) != (0, 0))
            .or_else(|| found.first())
        else {
            problems.push(format!("{} {}..{}: missed", g.doc, g.start, g.end));
            continue;
        };
        if want_depth_nested {
            if r.depth == 0 {
                problems.push(format!("{} {}..{}: nested quote not found inside its parent", g.doc, g.start, g.end));
            }
        } else if r.kind != g.kind {
            problems.push(format!("{} {}..{}: kind {} (gold {})", g.doc, g.start, g.end, r.kind, g.kind));
        }
        let speaker = g.speaker.as_deref().unwrap_or("");
        let names: Vec<&str> = std::iter::once(speaker).chain(g.aliases.iter().map(String::as_str)).collect();
        if !names.iter().any(|n| n.eq_ignore_ascii_case(&r.speaker)) {
            problems.push(format!("{} {}..{}: speaker {:?} (gold {:?})", g.doc, g.start, g.end, r.speaker, speaker));
        }
    }
    assert!(problems.is_empty(), "seed gold mismatches:\n{}", problems.join("\n"));
}

/// One CSV snapshot per article, exactly as `saidwho extract corpus/` writes
/// its rows. Every `.snap` was read line by line before it was accepted.
#[test]
fn corpus_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(util::root().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::glob!("../corpus", "*.{txt,md}", |path| {
            let doc = util::read_doc(path);
            let quotes = util::EXTRACTOR.extract(doc.text());
            insta::assert_snapshot!("quotes", util::to_csv(&doc, &quotes));
        });
    });
}

/// A snapshot whose article is gone is stale: fail instead of keeping it.
#[test]
fn no_orphan_snapshots() {
    for entry in std::fs::read_dir(util::root().join("snapshots")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix("quotes@").and_then(|r| r.strip_suffix(".snap")) {
            assert!(util::root().join("corpus").join(rest).exists(), "snapshots/{name} has no corpus/{rest}");
        }
    }
}
