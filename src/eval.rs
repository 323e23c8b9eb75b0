//! Scoring extracted quotes against gold quotes: a faithful port of
//! `shared/eval/score.py` (`saidwho eval GOLD PRED`).
//!
//! Given gold records ([`load_gold`]) and the rows of an extraction CSV
//! ([`load_pred`]), [`evaluate`] computes the same figures as score.py, to the
//! last rounded decimal, and [`Report`] prints them as score.py's table or
//! `--json` object.
//!
//! # Measures (as in score.py)
//! - **detection**: precision/recall/F1 after one-to-one greedy matching per
//!   document, candidate pairs sorted by (largest character overlap, smallest
//!   start distance, gold index, prediction index), gold and predictions
//!   sorted by `(start, end)` first. A prediction starting 5 or more
//!   characters after the gold end, or ending 5 or more before its start, is
//!   never a candidate. *exact*: same span once surrounding quotation marks,
//!   whitespace and trailing punctuation are stripped from both (needs the
//!   document text; without it, starts within 2 and ends within 3 characters).
//!   *overlap*: overlap ≥ 50% of the shorter span. Recall per gold kind: a gold
//!   `kind` other than exactly `direct` counts as partial.
//! - **gold roles**: `kind` not_quote/notquote/none is *negative* (predictions
//!   on it are false positives, also counted apart); `optional: true`, or kind
//!   `nested` without [`EvalOptions::score_nested`], is *neutral* (matched
//!   jointly with the scored gold; a prediction matching it is dropped, a miss
//!   is no false negative); anything else is scored. Predicted rows of kind
//!   `nested` are ignored.
//! - **attribution**: over overlap-matched pairs whose gold has a mention span,
//!   mention text or speaker: correct when the predicted mention span overlaps
//!   a gold mention span (`mention_spans`, else `mention_start..mention_end`),
//!   or, when the gold speaker is *canonical* (it has `aliases`, or a
//!   `speaker` that normalises differently from its `mention`), when the
//!   normalised predicted speaker equals the speaker or an alias, or the
//!   surname (last token, ignoring jr/sr/ii/iii/iv) of one with ≥ 2 tokens.
//!   With [`EvalOptions::canonical`] canonical gold is judged by name alone.
//! - **end-to-end**: an overlap match whose speaker is correct; a gold quote
//!   without any mention/speaker is correct iff the prediction names none.
//!
//! Names are normalised as in score.py: NFKD, combining marks dropped,
//! casefold, whitespace collapsed, `' .,;:!?"\'“”‘’()[]'` trimmed.
//! **Limitation**: there is no Unicode normalisation crate here, so the fold
//! is a table generated from Python 3.11 `unicodedata` (Unicode 14): every
//! code point whose fold is empty (combining marks, all scripts), and the full
//! fold of U+00A0–U+02FF (Latin-1, Latin Extended-A/B, IPA, modifiers),
//! U+0370–U+04FF (Greek, Cyrillic), U+1E00–U+1FFF (Latin/Greek Extended),
//! U+2000–U+209F (punctuation, spaces, super/subscripts), U+2100–U+214F,
//! U+FB00–U+FB06 (ligatures) and U+FF00–U+FF5E (full width). Other code points
//! are only lower-cased (`char::to_lowercase`), so e.g. Hangul syllables,
//! CJK compatibility ideographs, math alphanumerics or Cherokee can fold
//! differently from Python. Whitespace is Python's (`str.isspace`).
//!
//! # Documents
//! [`EvalOptions::docs`] names the folder of article texts (every `*.txt` and
//! `*.md` below it, UTF-8 decoded lossily, BOM dropped; ids are paths relative
//! to it with `/`). With texts, the exact criterion uses them and the set of
//! evaluated documents is fixed: predictions for other documents are ignored.
//! [`default_docs`] gives score.py's default (`text/` beside the gold file),
//! extended to the other gold formats. Offsets everywhere are character
//! offsets (Unicode scalar values). Predicted and gold doc ids are mapped onto
//! the known ids as score.py does: `\` → `/`, leading `./` dropped, then the
//! id itself, its file name, or the one known id with that file name.
//!
//! # Gold formats ([`GoldFormat::detect`])
//! 1. **JSONL** (`*.jsonl` and any unrecognised extension): one object per
//!    line with `doc`, `start`, `end` (character offsets including the
//!    quotation marks), and optionally `kind`, `text`, `speaker`, `aliases`,
//!    `mention`, `mention_start`, `mention_end`, `mention_spans`, `optional`.
//!    Other keys are ignored.
//! 2. **brat standoff** (a directory, walked recursively, or one `*.ann`): in
//!    `X.ann` beside `X.txt`, text-bound entities (`T` lines) whose type name
//!    contains `quot` (any case) are the gold quotes (span from the first
//!    fragment start to the last fragment end; text = the `T` line's text).
//!    Entities whose type contains `speaker`, `source` or `person` (any case;
//!    such a type is never a quote) are mentions: a quote's mentions are those
//!    linked to it by a relation (`R` line, any type, arguments in either
//!    order) or appearing with it in one event (`E` line, trigger or
//!    argument). Their spans become `mention_spans`; the first one (in file
//!    order of the links) gives `mention`, `mention_start`/`mention_end` and
//!    `speaker` (its text, so only the mention-span rule applies, as for
//!    PolNeAR). An attribute (`A`/`M` line) on the quote whose name or value
//!    is `partial`, `direct`, `nested` or `not_quote` (any case, `-` = `_`)
//!    sets the kind, one named or valued `optional` makes it optional; the
//!    default kind is `direct`. The doc id is `X.txt` relative to the
//!    directory (for a single `.ann`, the bare file name). Other lines (`#`
//!    notes, `*` equivalences, normalisations) are ignored.
//! 3. **reviewed sheet** (`*.csv`): a `saidwho extract` CSV with a `verdict`
//!    column filled in by a reviewer (case-insensitive; `-`, `_` and spaces are
//!    interchangeable; surrounding whitespace ignored). Rows need `doc`,
//!    `start`, `end`; an empty `kind` means `direct`.
//!    - empty, `ok` or `missed` (a row added for a quote the extractor
//!      missed): a gold record as the row says (`speaker`, `mention`,
//!      `mention_start`/`mention_end`).
//!    - `wrong-speaker`: the quote is kept, its speaker unknown
//!      ([`GoldRecord::speaker_unknown`]): it counts for detection, is left
//!      out of attribution accuracy like a gold quote without a mention (and
//!      counted in "without mention"), and is never an end-to-end true
//!      positive: its gold speaker cannot be checked, so end-to-end recall
//!      is a lower bound.
//!    - `not-a-quote` (or `not-quote`): a `kind: not_quote` gold record.
//!    - anything else: the corrected canonical speaker name, taken as written
//!      (trimmed); the record has that `speaker`, no mention and no mention
//!      span, so the speaker is judged by name alone.
//!
//!    A sheet without a `verdict` column is read as all `ok`.
//!
//! # Where this port may differ from score.py
//! Only on inputs score.py would crash on or treats oddly: an `--docs` folder
//! that does not exist is an error here (score.py silently scores without
//! texts); offsets must fit in an `i64`; a non-finite offset such as `inf`
//! makes the cell unusable (score.py raises); Python's `float()` accepts `_`
//! between digits, this port does not. In the `--errors` listing, gold mention
//! offsets print as parsed integers (or `None`), and Python's `repr` leaves
//! unassigned code points unescaped. score.py's `--verbose` per-document table is not
//! ported.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

// --------------------------------------------------------------------------
// public types
// --------------------------------------------------------------------------

/// How to score, as score.py's command line options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// Folder of the article texts (`--docs`); `None` scores without texts
    /// (exact criterion approximated by offsets, every predicted document
    /// counts). See [`default_docs`] for score.py's default.
    pub docs: Option<PathBuf>,
    /// `--canonical`: judge speakers by the canonical name alone where the
    /// gold gives one (the mention span no longer rescues a wrong name).
    pub canonical: bool,
    /// `--score-nested`: score gold nested quotes like the others (unless
    /// optional).
    pub score_nested: bool,
    /// `--errors N`: [`Report::to_table`] lists the N worst errors of each
    /// type (0 = none).
    pub errors: usize,
}

/// The format of a gold file, detected from its path by [`GoldFormat::detect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoldFormat {
    /// One JSON object per line (`*.jsonl`, and any unrecognised extension).
    Jsonl,
    /// brat standoff: a directory of `X.ann` beside `X.txt`, or one `*.ann`.
    Brat,
    /// A reviewed `saidwho extract` CSV with a `verdict` column (`*.csv`).
    ReviewedCsv,
}

impl GoldFormat {
    /// A directory or `*.ann` is brat, `*.csv` a reviewed sheet, anything
    /// else JSONL (extensions compared case-insensitively).
    pub fn detect(path: &Path) -> GoldFormat {
        if path.is_dir() {
            return GoldFormat::Brat;
        }
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "ann" => GoldFormat::Brat,
            "csv" => GoldFormat::ReviewedCsv,
            _ => GoldFormat::Jsonl,
        }
    }
}

/// One gold quote (or known non-quote), in any gold format. Field meanings
/// are those of score.py's JSONL keys; text fields keep `None` apart from
/// `Some("")` only because the `--errors` listing prints them differently.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldRecord {
    /// Document id (mapped onto the known ids when scoring).
    pub doc: String,
    /// Start, in characters, including the opening quotation mark.
    pub start: i64,
    /// End (exclusive), in characters, including the closing mark.
    pub end: i64,
    /// `direct`, `partial`, `nested`, `not_quote`… as written.
    pub kind: Option<String>,
    /// The quoted text (used by the `--errors` listing without documents).
    pub text: Option<String>,
    /// Canonical speaker name.
    pub speaker: Option<String>,
    /// Other accepted names of the speaker.
    pub aliases: Vec<String>,
    /// Text of the speaker mention.
    pub mention: Option<String>,
    /// Start of the mention, in characters.
    pub mention_start: Option<i64>,
    /// End of the mention, in characters.
    pub mention_end: Option<i64>,
    /// All mention spans; when non-empty they replace
    /// `mention_start..mention_end`.
    pub mention_spans: Vec<(i64, i64)>,
    /// `optional: true`: neither matching nor missing it counts.
    pub optional: bool,
    /// The speaker is known to be unknown (reviewed sheet, verdict
    /// `wrong-speaker`): detection only, see the module docs.
    pub speaker_unknown: bool,
}

/// One row of a prediction CSV (the `saidwho extract` output contract), with
/// cells parsed as score.py does. Rows whose `start`/`end` are missing,
/// unparsable or reversed are kept here and skipped by [`evaluate`] with a
/// warning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PredRow {
    /// Document id, trimmed.
    pub doc: String,
    /// Start in characters (`int(float(cell))`), `None` when unusable.
    pub start: Option<i64>,
    /// End in characters, `None` when unusable.
    pub end: Option<i64>,
    /// Kind, trimmed (`nested` rows are ignored).
    pub kind: String,
    /// The `text` cell.
    pub text: String,
    /// The `speaker` cell.
    pub speaker: String,
    /// The `mention` cell.
    pub mention: String,
    /// Mention start in characters, if given.
    pub mention_start: Option<i64>,
    /// Mention end in characters, if given.
    pub mention_end: Option<i64>,
    /// The `confidence` cell, `None` when the column is absent.
    pub confidence: Option<String>,
}

/// An input that cannot be read. Its `Display` is one line naming the file
/// and, where it applies, the line or record.
#[derive(Debug)]
pub struct EvalError {
    path: Option<PathBuf>,
    line: Option<u64>,
    msg: String,
}

impl EvalError {
    fn new(path: &Path, line: Option<u64>, msg: impl Into<String>) -> EvalError {
        EvalError { path: Some(path.to_path_buf()), line, msg: msg.into() }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            if p.as_os_str() == "-" {
                write!(f, "<stdin>: ")?;
            } else {
                write!(f, "{}: ", p.display())?;
            }
        }
        if let Some(n) = self.line {
            write!(f, "line {n}: ")?;
        }
        write!(f, "{}", self.msg)
    }
}

impl std::error::Error for EvalError {}

/// The figures of one evaluation; print with [`Report::to_table`] or
/// [`Report::to_json`].
#[derive(Debug, Clone)]
pub struct Report {
    documents: usize,
    tot: Counts,
    pred_nested_ignored: usize,
    with_texts: bool,
    warnings: Vec<(&'static str, usize)>,
    errors_listing: String,
}

// --------------------------------------------------------------------------
// loading
// --------------------------------------------------------------------------

/// score.py's default document folder for a gold path: for a brat
/// directory the directory itself (texts lie beside the `.ann` files);
/// otherwise `text/` next to the gold file if it is a directory; otherwise,
/// for a single `.ann`, its own folder.
pub fn default_docs(gold: &Path) -> Option<PathBuf> {
    if gold.is_dir() {
        return Some(gold.to_path_buf());
    }
    let abs = std::path::absolute(gold).unwrap_or_else(|_| gold.to_path_buf());
    let parent = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let cand = parent.join("text");
    if cand.is_dir() {
        return Some(cand);
    }
    if GoldFormat::detect(gold) == GoldFormat::Brat {
        return Some(parent);
    }
    None
}

/// Reads gold records in the format [`GoldFormat::detect`] finds (see the
/// module docs for each format).
pub fn load_gold(path: &Path) -> Result<Vec<GoldRecord>, EvalError> {
    match GoldFormat::detect(path) {
        GoldFormat::Jsonl => read_jsonl(path),
        GoldFormat::Brat => read_brat(path),
        GoldFormat::ReviewedCsv => read_reviewed(path),
    }
}

/// Reads a prediction CSV: UTF-8 with or without BOM, RFC 4180 (quoted
/// multi-line fields kept), header names trimmed and lower-cased (the first
/// of duplicate names wins), columns in any order, `-` for stdin. `doc`,
/// `start` and `end` are required; blank rows are skipped.
pub fn load_pred(path: &Path) -> Result<Vec<PredRow>, EvalError> {
    let table = read_csv(path)?;
    for need in ["doc", "start", "end"] {
        if table.col(need).is_none() {
            return Err(EvalError::new(
                path,
                None,
                format!("prediction CSV lacks required column '{need}' (has {})", table.keys.join(", ")),
            ));
        }
    }
    let c = |k: &str| table.col(k);
    let (doc, start, end, kind) = (c("doc"), c("start"), c("end"), c("kind"));
    let (text, speaker, mention) = (c("text"), c("speaker"), c("mention"));
    let (ms, me, conf) = (c("mention_start"), c("mention_end"), c("confidence"));
    let rows = table
        .rows
        .iter()
        .map(|(_, rec)| {
            let get = |i: Option<usize>| i.and_then(|i| rec.get(i));
            let owned = |i: Option<usize>| get(i).unwrap_or("").to_string();
            PredRow {
                doc: py_strip(get(doc).unwrap_or("")).to_string(),
                start: get(start).and_then(int_or_none),
                end: get(end).and_then(int_or_none),
                kind: py_strip(get(kind).unwrap_or("")).to_string(),
                text: owned(text),
                speaker: owned(speaker),
                mention: owned(mention),
                mention_start: get(ms).and_then(int_or_none),
                mention_end: get(me).and_then(int_or_none),
                confidence: get(conf).map(str::to_string),
            }
        })
        .collect();
    Ok(rows)
}

/// Reads a whole file (or stdin for `-`) as strict UTF-8, BOM dropped.
fn read_utf8(path: &Path) -> Result<String, EvalError> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| EvalError::new(path, None, e.to_string()))?;
        b
    } else {
        fs::read(path).map_err(|e| EvalError::new(path, None, e.to_string()))?
    };
    let mut s = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        EvalError::new(path, None, format!("not valid UTF-8 (first bad byte at offset {at})"))
    })?;
    if s.starts_with('\u{feff}') {
        s.drain(..3);
    }
    Ok(s)
}

/// Lines split as Python's universal newlines (`\n`, `\r\n`, `\r`).
fn universal_lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let (mut from, mut i) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(&s[from..i]);
                from = i + 1;
            }
            b'\r' => {
                out.push(&s[from..i]);
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                from = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if from < b.len() {
        out.push(&s[from..]);
    }
    out
}

fn read_jsonl(path: &Path) -> Result<Vec<GoldRecord>, EvalError> {
    let data = read_utf8(path)?;
    let mut recs = Vec::new();
    for (i, line) in universal_lines(&data).into_iter().enumerate() {
        let n = i as u64 + 1;
        let line = py_strip(line);
        if line.is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).map_err(|e| EvalError::new(path, Some(n), format!("not valid JSON: {e}")))?;
        recs.push(gold_from_json(&v).map_err(|m| EvalError::new(path, Some(n), m))?);
    }
    Ok(recs)
}

fn gold_from_json(v: &Value) -> Result<GoldRecord, String> {
    let o = v.as_object().ok_or("a gold record must be a JSON object")?;
    let doc = match o.get("doc") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err("'doc' is not a string".into()),
        None => return Err("no 'doc'".into()),
    };
    let opt_str = |k: &str| -> Result<Option<String>, String> {
        match o.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("'{k}' is not a string")),
        }
    };
    let aliases = match o.get("aliases") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => {
            let mut out = Vec::new();
            for x in a {
                match x {
                    Value::Null => {}
                    Value::String(s) => {
                        if !py_strip(s).is_empty() {
                            out.push(s.clone())
                        }
                    }
                    _ => return Err("'aliases' holds a non-string".into()),
                }
            }
            out
        }
        Some(_) => return Err("'aliases' is not a list".into()),
    };
    let mention_spans = match o.get("mention_spans") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => {
            let mut out = Vec::new();
            for x in a {
                match x.as_array().map(Vec::as_slice) {
                    Some([s, e]) => out.push((py_int(s, "mention_spans")?, py_int(e, "mention_spans")?)),
                    _ => return Err("'mention_spans' must hold [start, end] pairs".into()),
                }
            }
            out
        }
        Some(_) => return Err("'mention_spans' is not a list".into()),
    };
    let need = |k: &str| o.get(k).ok_or_else(|| format!("no '{k}'"));
    Ok(GoldRecord {
        doc,
        start: py_int(need("start")?, "start")?,
        end: py_int(need("end")?, "end")?,
        kind: opt_str("kind")?,
        text: opt_str("text")?,
        speaker: opt_str("speaker")?,
        aliases,
        mention: opt_str("mention")?,
        mention_start: json_int_or_none(o.get("mention_start")),
        mention_end: json_int_or_none(o.get("mention_end")),
        mention_spans,
        optional: matches!(o.get("optional"), Some(Value::Bool(true))),
        speaker_unknown: false,
    })
}

/// Python's `int(v)` on a JSON value.
fn py_int(v: &Value, key: &str) -> Result<i64, String> {
    let bad = || format!("'{key}' is not an integer");
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(i)
            } else {
                match n.as_f64() {
                    Some(f) if f.is_finite() && f.abs() < 9.2e18 => Ok(f.trunc() as i64),
                    _ => Err(bad()),
                }
            }
        }
        Value::String(s) => py_strip(s).parse::<i64>().map_err(|_| bad()),
        Value::Bool(b) => Ok(*b as i64),
        _ => Err(bad()),
    }
}

/// score.py's `_int_or_none(str(v))` on a JSON value.
fn json_int_or_none(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => match n.as_i64() {
            Some(i) => Some(i),
            None => float_to_int(n.as_f64()?),
        },
        Value::String(s) => int_or_none(s),
        _ => None,
    }
}

/// score.py's `_int_or_none` on a cell: `int(float(cell.strip()))`, `None`
/// for an empty or unparsable cell.
fn int_or_none(s: &str) -> Option<i64> {
    let t = py_strip(s);
    if t.is_empty() {
        return None;
    }
    if let Ok(i) = t.parse::<i64>() {
        return Some(i);
    }
    float_to_int(t.parse::<f64>().ok()?)
}

fn float_to_int(f: f64) -> Option<i64> {
    (f.is_finite() && f.abs() < 9.2e18).then(|| f.trunc() as i64)
}

/// A CSV file as header keys plus non-blank records with their line.
struct CsvTable {
    keys: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

impl CsvTable {
    fn col(&self, key: &str) -> Option<usize> {
        self.keys.iter().position(|k| k == key)
    }
}

fn read_csv(path: &Path) -> Result<CsvTable, EvalError> {
    let data = read_utf8(path)?;
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data.as_bytes());
    let mut keys = None;
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line());
            EvalError::new(path, line, format!("bad CSV: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        if keys.is_none() {
            keys =
                Some(rec.iter().map(|h| py_strip(h).trim_start_matches('\u{feff}').to_lowercase()).collect::<Vec<_>>());
            continue;
        }
        if rec.iter().all(|v| py_strip(v).is_empty()) {
            continue;
        }
        rows.push((line, rec));
    }
    Ok(CsvTable { keys: keys.unwrap_or_default(), rows })
}

fn read_reviewed(path: &Path) -> Result<Vec<GoldRecord>, EvalError> {
    let table = read_csv(path)?;
    for need in ["doc", "start", "end"] {
        if table.col(need).is_none() {
            return Err(EvalError::new(path, None, format!("reviewed sheet lacks required column '{need}'")));
        }
    }
    let c = |k: &str| table.col(k);
    let mut recs = Vec::new();
    for (line, rec) in &table.rows {
        let get = |k: &str| c(k).and_then(|i| rec.get(i)).unwrap_or("");
        let nonempty = |k: &str| Some(get(k).to_string()).filter(|s| !s.is_empty());
        let err = |m: &str| EvalError::new(path, Some(*line), m.to_string());
        let doc = py_strip(get("doc")).to_string();
        if doc.is_empty() {
            return Err(err("empty 'doc'"));
        }
        let (start, end) = match (int_or_none(get("start")), int_or_none(get("end"))) {
            (Some(s), Some(e)) if e >= s => (s, e),
            _ => return Err(err("unusable 'start'/'end'")),
        };
        let kind = py_strip(get("kind"));
        let mut g = GoldRecord {
            doc,
            start,
            end,
            kind: Some(if kind.is_empty() { "direct" } else { kind }.to_string()),
            text: Some(get("text").to_string()),
            speaker: nonempty("speaker"),
            mention: nonempty("mention"),
            mention_start: int_or_none(get("mention_start")),
            mention_end: int_or_none(get("mention_end")),
            ..GoldRecord::default()
        };
        let verdict_raw = py_strip(get("verdict"));
        let verdict: String =
            verdict_raw.to_lowercase().chars().map(|ch| if ch == '_' || py_isspace(ch) { '-' } else { ch }).collect();
        match verdict.as_str() {
            "" | "ok" | "missed" => {}
            "wrong-speaker" => {
                g.speaker = None;
                g.mention = None;
                g.mention_start = None;
                g.mention_end = None;
                g.speaker_unknown = true;
            }
            "not-a-quote" | "not-quote" => g.kind = Some("not_quote".into()),
            _ => {
                g.speaker = Some(verdict_raw.to_string());
                g.mention = None;
                g.mention_start = None;
                g.mention_end = None;
            }
        }
        recs.push(g);
    }
    Ok(recs)
}

fn read_brat(path: &Path) -> Result<Vec<GoldRecord>, EvalError> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    if path.is_dir() {
        walk(path, &mut |full| {
            if full.extension().is_some_and(|e| e == "ann") {
                let rel = rel_id(path, &full.with_extension("txt"));
                files.push((rel, full.to_path_buf()));
            }
            Ok(())
        })?;
        if files.is_empty() {
            return Err(EvalError::new(path, None, "no .ann files in the brat folder"));
        }
        files.sort();
    } else {
        let name = path.with_extension("txt");
        let name = name.file_name().map(|n| n.to_string_lossy().into_owned());
        files.push((name.unwrap_or_default(), path.to_path_buf()));
    }
    let mut recs = Vec::new();
    for (doc, ann) in files {
        let text = read_utf8(&ann)?;
        parse_ann(&text, &doc, &ann, &mut recs)?;
    }
    Ok(recs)
}

/// One brat text-bound entity.
struct Ent {
    ty: String,
    start: i64,
    end: i64,
    text: String,
}

fn parse_ann(data: &str, doc: &str, path: &Path, out: &mut Vec<GoldRecord>) -> Result<(), EvalError> {
    let mut ents: HashMap<&str, Ent> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut groups: Vec<Vec<&str>> = Vec::new(); // ids linked by one R or E line
    let mut attrs: Vec<(&str, Vec<&str>)> = Vec::new(); // target, name [+ value]
    for (i, line) in universal_lines(data).into_iter().enumerate() {
        let n = Some(i as u64 + 1);
        if py_strip(line).is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |m: &str| EvalError::new(path, n, m.to_string());
        let (id, rest) = line.split_once('\t').ok_or_else(|| bad("not a brat annotation line"))?;
        match id.as_bytes().first() {
            Some(b'T') => {
                let (ann, txt) = rest.split_once('\t').unwrap_or((rest, ""));
                let (ty, spans) = ann.split_once(' ').ok_or_else(|| bad("entity without offsets"))?;
                let (mut s, mut e) = (i64::MAX, i64::MIN);
                for frag in spans.split(';') {
                    let mut it = frag.split_whitespace().map(str::parse::<i64>);
                    match (it.next(), it.next(), it.next()) {
                        (Some(Ok(a)), Some(Ok(b)), None) => {
                            s = s.min(a);
                            e = e.max(b);
                        }
                        _ => return Err(bad("bad entity offsets")),
                    }
                }
                order.push(id);
                ents.insert(id, Ent { ty: ty.to_lowercase(), start: s, end: e, text: txt.to_string() });
            }
            Some(b'R') | Some(b'E') => {
                let args = rest.split_whitespace().filter_map(|t| t.split_once(':').map(|(_, v)| v));
                groups.push(args.collect());
            }
            Some(b'A') | Some(b'M') => {
                let mut it = rest.split_whitespace();
                if let (Some(name), Some(target)) = (it.next(), it.next()) {
                    let mut words = vec![name];
                    words.extend(it);
                    attrs.push((target, words));
                }
            }
            _ => {}
        }
    }
    let is_speaker = |ty: &str| ["speaker", "source", "person"].iter().any(|w| ty.contains(w));
    let is_quote = |ty: &str| ty.contains("quot") && !is_speaker(ty);
    let mut links: HashMap<&str, Vec<&str>> = HashMap::new();
    for g in &groups {
        for q in g.iter().filter(|id| ents.get(*id).is_some_and(|e| is_quote(&e.ty))) {
            for s in g.iter().filter(|id| ents.get(*id).is_some_and(|e| is_speaker(&e.ty))) {
                let l = links.entry(q).or_default();
                if !l.contains(s) {
                    l.push(s);
                }
            }
        }
    }
    for id in order {
        let q = &ents[id];
        if !is_quote(&q.ty) {
            continue;
        }
        let mut g = GoldRecord {
            doc: doc.to_string(),
            start: q.start,
            end: q.end,
            kind: Some("direct".into()),
            text: Some(q.text.clone()),
            ..GoldRecord::default()
        };
        for (target, words) in &attrs {
            if *target != id || words.get(1).is_some_and(|v| ["false", "no", "0"].contains(&v.to_lowercase().as_str()))
            {
                continue;
            }
            for w in words {
                let w = w.to_lowercase().replace('-', "_");
                match w.as_str() {
                    "partial" | "direct" | "nested" | "not_quote" => g.kind = Some(w),
                    "optional" => g.optional = true,
                    _ => {}
                }
            }
        }
        let speakers = links.get(id).map(Vec::as_slice).unwrap_or(&[]);
        if let Some(first) = speakers.first() {
            let m = &ents[first];
            g.speaker = Some(m.text.clone());
            g.mention = Some(m.text.clone());
            g.mention_start = Some(m.start);
            g.mention_end = Some(m.end);
            g.mention_spans = speakers.iter().map(|s| (ents[s].start, ents[s].end)).collect();
        }
        out.push(g);
    }
    Ok(())
}

/// Calls `f` on every non-directory entry below `dir`, as Python's
/// `os.walk(dir)`: unreadable folders are skipped, symbolic links to folders
/// are not followed.
fn walk(dir: &Path, f: &mut dyn FnMut(&Path) -> Result<(), EvalError>) -> Result<(), EvalError> {
    let Ok(rd) = fs::read_dir(dir) else { return Ok(()) };
    for entry in rd.flatten() {
        let p = entry.path();
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            walk(&p, f)?;
        } else if ft.is_symlink() && p.is_dir() {
            continue;
        } else {
            f(&p)?;
        }
    }
    Ok(())
}

/// `path` relative to `base`, with `/` separators.
fn rel_id(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// score.py's `read_docs`: `{relative id: text as chars}`.
fn read_docs(dir: &Path) -> Result<HashMap<String, Vec<char>>, EvalError> {
    if !dir.is_dir() {
        return Err(EvalError::new(dir, None, "document folder not found"));
    }
    let mut docs = HashMap::new();
    walk(dir, &mut |full| {
        let name = full.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        if !(name.ends_with(".txt") || name.ends_with(".md")) {
            return Ok(());
        }
        let bytes = fs::read(full).map_err(|e| EvalError::new(full, None, e.to_string()))?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        docs.insert(rel_id(dir, full), text.chars().collect());
        Ok(())
    })?;
    Ok(docs)
}

// --------------------------------------------------------------------------
// scoring
// --------------------------------------------------------------------------

/// Per-document (and total) counters: score.py's `Counter` keys.
#[derive(Debug, Clone, Default)]
struct Counts {
    gold: usize,
    pred: usize,
    tp_exact: usize,
    tp_overlap: usize,
    gold_direct: usize,
    gold_partial: usize,
    tp_exact_direct: usize,
    tp_exact_partial: usize,
    tp_overlap_direct: usize,
    tp_overlap_partial: usize,
    gold_no_mention: usize,
    attr_judged: usize,
    attr_correct: usize,
    e2e_tp: usize,
    gold_neutral: usize,
    gold_not_quote: usize,
    pred_on_neutral: usize,
    fp_on_not_quote: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp_exact += o.tp_exact;
        self.tp_overlap += o.tp_overlap;
        self.gold_direct += o.gold_direct;
        self.gold_partial += o.gold_partial;
        self.tp_exact_direct += o.tp_exact_direct;
        self.tp_exact_partial += o.tp_exact_partial;
        self.tp_overlap_direct += o.tp_overlap_direct;
        self.tp_overlap_partial += o.tp_overlap_partial;
        self.gold_no_mention += o.gold_no_mention;
        self.attr_judged += o.attr_judged;
        self.attr_correct += o.attr_correct;
        self.e2e_tp += o.e2e_tp;
        self.gold_neutral += o.gold_neutral;
        self.gold_not_quote += o.gold_not_quote;
        self.pred_on_neutral += o.pred_on_neutral;
        self.fp_on_not_quote += o.fp_on_not_quote;
    }
}

const W_UNUSABLE: &str = "pred rows with unusable start/end (skipped)";
const W_GOLD_OUTSIDE: &str = "gold records whose doc is not in --docs (kept)";
const W_PRED_OUTSIDE: &str = "pred rows for documents outside the evaluated set (ignored)";
const W_BEYOND: &str = "spans beyond the end of their document";

/// Warning counts in order of first occurrence (a Python `Counter`).
#[derive(Default)]
struct Warnings(Vec<(&'static str, usize)>);

impl Warnings {
    fn bump(&mut self, key: &'static str) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => self.0.push((key, 1)),
        }
    }
}

/// A usable prediction row with its offsets.
#[derive(Clone, Copy)]
struct Pv<'a> {
    row: &'a PredRow,
    start: i64,
    end: i64,
}

/// A span for matching: offsets plus the normalised span (when texts exist).
#[derive(Clone, Copy)]
struct Sp {
    s: i64,
    e: i64,
    norm: (i64, i64),
}

fn overlap(a0: i64, a1: i64, b0: i64, b1: i64) -> i64 {
    0.max(a1.min(b1) - a0.max(b0))
}

/// score.py's `norm_span`: strip surrounding quotation marks and whitespace,
/// and trailing punctuation, repeatedly.
fn norm_span(text: &[char], s: i64, e: i64) -> (i64, i64) {
    const QUOTE_MARKS: &str = "\"“”„‟«»‹›‘’‚‛'`";
    const TRAILING_PUNCT: &str = ".,;:!?…—–-";
    let (mut s, mut e) = (s.max(0), e.min(text.len() as i64));
    let at = |i: i64| text[i as usize];
    let mut changed = true;
    while changed && s < e {
        changed = false;
        while s < e && (py_isspace(at(s)) || QUOTE_MARKS.contains(at(s))) {
            s += 1;
            changed = true;
        }
        while s < e && {
            let c = at(e - 1);
            py_isspace(c) || QUOTE_MARKS.contains(c) || TRAILING_PUNCT.contains(c)
        } {
            e -= 1;
            changed = true;
        }
    }
    (s, e)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Criterion {
    Exact,
    Overlap,
}

fn overlap_match(g: &Sp, p: &Sp) -> bool {
    let ov = overlap(g.s, g.e, p.s, p.e);
    let shorter = (g.e - g.s).min(p.e - p.s);
    ov > 0 && 2 * ov >= shorter
}

/// score.py's `greedy_match`: `(gold index, pred index)` in the order pairs
/// were accepted.
fn greedy_match(golds: &[Sp], preds: &[Sp], crit: Criterion, with_text: bool) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        for (pi, p) in preds.iter().enumerate() {
            if p.s >= g.e + 5 || p.e <= g.s - 5 {
                continue;
            }
            let ok = match crit {
                Criterion::Exact if with_text => g.norm == p.norm,
                Criterion::Exact => (g.s - p.s).abs() <= 2 && (g.e - p.e).abs() <= 3,
                Criterion::Overlap => overlap_match(g, p),
            };
            if ok {
                cands.push((-overlap(g.s, g.e, p.s, p.e), (g.s - p.s).abs(), gi, pi));
            }
        }
    }
    cands.sort_unstable();
    let mut gm = vec![false; golds.len()];
    let mut pm = vec![false; preds.len()];
    let mut out = Vec::new();
    for (_, _, gi, pi) in cands {
        if gm[gi] || pm[pi] {
            continue;
        }
        gm[gi] = true;
        pm[pi] = true;
        out.push((gi, pi));
    }
    out
}

const NAME_SUFFIXES: [&str; 7] = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];

/// score.py's `normalize_name`: NFKD, no combining marks, casefold,
/// whitespace collapsed, surrounding punctuation trimmed (see the module docs
/// for the coverage of the fold table).
fn normalize_name(s: &str) -> String {
    let mut f = String::with_capacity(s.len());
    for c in s.chars() {
        if let Ok(i) = FOLD_MAP.binary_search_by(|(k, _)| k.cmp(&c)) {
            f.push_str(FOLD_MAP[i].1);
            continue;
        }
        let cp = c as u32;
        let i = FOLD_DROP.partition_point(|&(_, hi)| hi < cp);
        if FOLD_DROP.get(i).is_some_and(|&(lo, _)| lo <= cp) {
            continue;
        }
        f.extend(c.to_lowercase());
    }
    let joined = f.split(py_isspace).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
    joined.trim_matches(|c| " .,;:!?\"'“”‘’()[]".contains(c)).to_string()
}

fn gold_mention_spans(g: &GoldRecord) -> Vec<(i64, i64)> {
    if !g.mention_spans.is_empty() {
        return g.mention_spans.clone();
    }
    match (g.mention_start, g.mention_end) {
        (Some(a), Some(b)) if b > a => vec![(a, b)],
        _ => Vec::new(),
    }
}

fn nonblank(s: Option<&str>) -> bool {
    s.is_some_and(|s| !py_strip(s).is_empty())
}

fn gold_has_mention(g: &GoldRecord) -> bool {
    !gold_mention_spans(g).is_empty() || nonblank(g.mention.as_deref()) || nonblank(g.speaker.as_deref())
}

/// score.py's `speaker_correct`; `None` when the gold record has neither
/// mention nor speaker (or its speaker is unknown).
fn speaker_correct(g: &GoldRecord, p: &PredRow, canonical_only: bool) -> Option<bool> {
    if g.speaker_unknown || !gold_has_mention(g) {
        return None;
    }
    let speaker = py_strip(g.speaker.as_deref().unwrap_or(""));
    let aliases = &g.aliases;
    let canonical = !aliases.is_empty()
        || (!speaker.is_empty() && normalize_name(speaker) != normalize_name(g.mention.as_deref().unwrap_or("")));
    if !(canonical_only && canonical) {
        if let (Some(ps), Some(pe)) = (p.mention_start, p.mention_end) {
            if pe > ps && gold_mention_spans(g).iter().any(|&(gs, ge)| overlap(gs, ge, ps, pe) >= 1) {
                return Some(true);
            }
        }
    }
    if canonical {
        let pred = normalize_name(&p.speaker);
        if !pred.is_empty() {
            for name in std::iter::once(speaker).chain(aliases.iter().map(String::as_str)) {
                let n = normalize_name(name);
                if n.is_empty() {
                    continue;
                }
                if pred == n {
                    return Some(true);
                }
                let mut toks: Vec<&str> = n.split(' ').collect();
                while toks.len() > 2 && NAME_SUFFIXES.contains(toks.last().unwrap_or(&"")) {
                    toks.pop();
                }
                if toks.len() >= 2 && toks.last() == Some(&pred.as_str()) {
                    return Some(true);
                }
            }
        }
    }
    Some(false)
}

fn e2e_correct(g: &GoldRecord, p: &PredRow, canonical_only: bool) -> bool {
    if g.speaker_unknown {
        return false;
    }
    match speaker_correct(g, p, canonical_only) {
        Some(ok) => ok,
        None => py_strip(&p.speaker).is_empty() && py_strip(&p.mention).is_empty(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Scored,
    Neutral,
    Negative,
}

fn gold_role(g: &GoldRecord, score_nested: bool) -> Role {
    let kind = match g.kind.as_deref() {
        Some(k) if !k.is_empty() => k,
        _ => "direct",
    };
    let kind = py_strip(kind).to_lowercase().replace('-', "_");
    if matches!(kind.as_str(), "not_quote" | "notquote" | "none") {
        return Role::Negative;
    }
    if g.optional || (kind == "nested" && !score_nested) {
        return Role::Neutral;
    }
    Role::Scored
}

/// score.py's `doc_key` against a fixed set of known ids.
struct Known<'a> {
    ids: HashSet<&'a str>,
    by_base: HashMap<&'a str, (usize, &'a str)>,
}

impl<'a> Known<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Known<'a> {
        let ids: HashSet<&str> = ids.collect();
        let mut by_base: HashMap<&str, (usize, &str)> = HashMap::new();
        for k in &ids {
            let base = k.rsplit('/').next().unwrap_or(k);
            by_base.entry(base).or_insert((0, k)).0 += 1;
        }
        Known { ids, by_base }
    }

    fn key(&self, doc: &str) -> Option<String> {
        let mut d = doc.replace('\\', "/");
        while d.starts_with("./") {
            d.drain(..2);
        }
        if self.ids.contains(d.as_str()) {
            return Some(d);
        }
        let base = d.rsplit('/').next().unwrap_or(&d);
        if self.ids.contains(base) {
            return Some(base.to_string());
        }
        match self.by_base.get(base) {
            Some(&(1, k)) => Some(k.to_string()),
            _ => None,
        }
    }
}

/// The errors score.py's `--errors` lists.
#[derive(Default)]
struct Errors<'a> {
    missed: Vec<(String, &'a GoldRecord)>,
    false_positive: Vec<(String, Pv<'a>)>,
    wrong_speaker: Vec<(String, &'a GoldRecord, Pv<'a>)>,
}

/// Scores predictions against gold exactly as score.py does (see the module
/// docs). Fails only when the document folder cannot be read.
pub fn evaluate(gold: &[GoldRecord], pred: &[PredRow], opts: &EvalOptions) -> Result<Report, EvalError> {
    let mut warn = Warnings::default();
    let mut preds = Vec::with_capacity(pred.len());
    for p in pred {
        match (p.start, p.end) {
            (Some(s), Some(e)) if e >= s => preds.push(Pv { row: p, start: s, end: e }),
            _ => warn.bump(W_UNUSABLE),
        }
    }
    let docs = match &opts.docs {
        Some(d) => read_docs(d)?,
        None => HashMap::new(),
    };
    let with_texts = !docs.is_empty();
    let known = if with_texts {
        Known::new(docs.keys().map(String::as_str))
    } else {
        Known::new(gold.iter().map(|g| g.doc.as_str()))
    };

    let mut by_doc_g: BTreeMap<String, Vec<&GoldRecord>> = BTreeMap::new();
    for g in gold {
        let k = if with_texts {
            known.key(&g.doc).unwrap_or_else(|| {
                warn.bump(W_GOLD_OUTSIDE);
                g.doc.clone()
            })
        } else {
            g.doc.clone()
        };
        by_doc_g.entry(k).or_default().push(g);
    }
    let mut ignored_nested = 0;
    let mut by_doc_p: BTreeMap<String, Vec<Pv>> = BTreeMap::new();
    for p in &preds {
        if p.row.kind.to_lowercase() == "nested" {
            ignored_nested += 1;
            continue;
        }
        let k = match known.key(&p.row.doc) {
            Some(k) => k,
            None if with_texts => {
                warn.bump(W_PRED_OUTSIDE);
                continue;
            }
            None => p.row.doc.clone(),
        };
        by_doc_p.entry(k).or_default().push(*p);
    }

    let mut tot = Counts::default();
    let mut errors = Errors::default();
    let all_docs: BTreeSet<&String> = by_doc_g.keys().chain(by_doc_p.keys()).collect();
    for d in &all_docs {
        let mut allg: Vec<&GoldRecord> = by_doc_g.get(*d).cloned().unwrap_or_default();
        allg.sort_by_key(|g| (g.start, g.end));
        let mut pv: Vec<Pv> = by_doc_p.get(*d).cloned().unwrap_or_default();
        pv.sort_by_key(|p| (p.start, p.end));
        let text = if with_texts { docs.get(*d).map(Vec::as_slice) } else { None };
        let span = |s: i64, e: i64| Sp { s, e, norm: text.map_or((0, 0), |t| norm_span(t, s, e)) };
        if let Some(t) = text {
            let len = t.len() as i64;
            let beyond = allg.iter().filter(|g| g.end > len).count() + pv.iter().filter(|p| p.end > len).count();
            for _ in 0..beyond {
                warn.bump(W_BEYOND);
            }
        }
        let mut c = Counts::default();
        let role = |g: &&GoldRecord| gold_role(g, opts.score_nested);
        let gs: Vec<&GoldRecord> = allg.iter().copied().filter(|g| role(g) == Role::Scored).collect();
        let neutral: Vec<&GoldRecord> = allg.iter().copied().filter(|g| role(g) == Role::Neutral).collect();
        let negative: Vec<&GoldRecord> = allg.iter().copied().filter(|g| role(g) == Role::Negative).collect();
        c.gold_neutral = neutral.len();
        c.gold_not_quote = negative.len();
        let gsp: Vec<Sp> = gs.iter().map(|g| span(g.start, g.end)).collect();
        let mut psp: Vec<Sp> = pv.iter().map(|p| span(p.start, p.end)).collect();
        if !neutral.is_empty() {
            let joint_g: Vec<Sp> = gsp.iter().copied().chain(neutral.iter().map(|g| span(g.start, g.end))).collect();
            let joint = greedy_match(&joint_g, &psp, Criterion::Overlap, text.is_some());
            let drop: HashSet<usize> = joint.iter().filter(|(gi, _)| *gi >= gs.len()).map(|&(_, pi)| pi).collect();
            c.pred_on_neutral = drop.len();
            let keep = |i: &usize| !drop.contains(i);
            pv = pv.into_iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, p)| p).collect();
            psp = psp.into_iter().enumerate().filter(|(i, _)| keep(i)).map(|(_, p)| p).collect();
        }
        let m_exact = greedy_match(&gsp, &psp, Criterion::Exact, text.is_some());
        let m_over = greedy_match(&gsp, &psp, Criterion::Overlap, text.is_some());
        let mut exact_g = vec![false; gs.len()];
        let mut over_g = vec![false; gs.len()];
        let mut over_p = vec![false; pv.len()];
        for &(gi, _) in &m_exact {
            exact_g[gi] = true;
        }
        for &(gi, pi) in &m_over {
            over_g[gi] = true;
            over_p[pi] = true;
        }
        if !negative.is_empty() {
            let free: Vec<Sp> = psp.iter().enumerate().filter(|(pi, _)| !over_p[*pi]).map(|(_, p)| *p).collect();
            let negs: Vec<Sp> = negative.iter().map(|g| span(g.start, g.end)).collect();
            c.fp_on_not_quote = greedy_match(&negs, &free, Criterion::Overlap, text.is_some()).len();
        }
        c.gold = gs.len();
        c.pred = pv.len();
        c.tp_exact = m_exact.len();
        c.tp_overlap = m_over.len();
        for (gi, g) in gs.iter().enumerate() {
            let (ex, ov) = (exact_g[gi] as usize, over_g[gi] as usize);
            if g.kind.as_deref() == Some("direct") {
                c.gold_direct += 1;
                c.tp_exact_direct += ex;
                c.tp_overlap_direct += ov;
            } else {
                c.gold_partial += 1;
                c.tp_exact_partial += ex;
                c.tp_overlap_partial += ov;
            }
            if !gold_has_mention(g) || g.speaker_unknown {
                c.gold_no_mention += 1;
            }
        }
        for &(gi, pi) in &m_over {
            let (g, p) = (gs[gi], pv[pi]);
            if let Some(ok) = speaker_correct(g, p.row, opts.canonical) {
                c.attr_judged += 1;
                c.attr_correct += ok as usize;
                if !ok {
                    errors.wrong_speaker.push(((*d).clone(), g, p));
                }
            }
            c.e2e_tp += e2e_correct(g, p.row, opts.canonical) as usize;
        }
        for (gi, g) in gs.iter().enumerate() {
            if !over_g[gi] {
                errors.missed.push(((*d).clone(), g));
            }
        }
        for (pi, p) in pv.iter().enumerate() {
            if !over_p[pi] {
                errors.false_positive.push(((*d).clone(), *p));
            }
        }
        tot.add(&c);
    }
    let mut documents: HashSet<&str> = all_docs.iter().map(|d| d.as_str()).collect();
    documents.extend(docs.keys().map(String::as_str));
    let errors_listing =
        if opts.errors > 0 { errors_text(&errors, with_texts.then_some(&docs), opts.errors) } else { String::new() };
    Ok(Report {
        documents: documents.len(),
        tot,
        pred_nested_ignored: ignored_nested,
        with_texts,
        warnings: warn.0,
        errors_listing,
    })
}

// --------------------------------------------------------------------------
// output
// --------------------------------------------------------------------------

/// Python's `round(x, 4)` (correctly rounded, ties to even on the exact
/// binary value, as Rust's formatting does).
fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b > 0 {
        round4(a as f64 / b as f64)
    } else {
        0.0
    }
}

/// score.py's `prf`: rounded precision, recall, F1.
#[derive(Clone, Copy)]
struct Prf {
    tp: usize,
    pred: usize,
    gold: usize,
    p: f64,
    r: f64,
    f: f64,
}

fn prf(tp: usize, n_pred: usize, n_gold: usize) -> Prf {
    let p = if n_pred > 0 { tp as f64 / n_pred as f64 } else { 0.0 };
    let r = if n_gold > 0 { tp as f64 / n_gold as f64 } else { 0.0 };
    let f = if p + r != 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    Prf { tp, pred: n_pred, gold: n_gold, p: round4(p), r: round4(r), f: round4(f) }
}

impl Prf {
    fn json(&self) -> Value {
        json!({"tp": self.tp, "pred": self.pred, "gold": self.gold,
               "precision": self.p, "recall": self.r, "f1": self.f})
    }
}

fn pct(x: f64) -> String {
    format!("{:6.1}", 100.0 * x)
}

impl Report {
    fn exact_spans_from(&self) -> &'static str {
        if self.with_texts {
            "document text"
        } else {
            "offsets +-2/3 chars (no --docs)"
        }
    }

    /// The figures as score.py's `--json` object (same keys and values;
    /// `per_document` of `--verbose` is not produced).
    pub fn to_json(&self) -> Value {
        let t = &self.tot;
        let kind = |gold: usize, ex: usize, ov: usize| json!({"gold": gold, "recall_exact": ratio(ex, gold), "recall_overlap": ratio(ov, gold)});
        let warnings: Map<String, Value> = self.warnings.iter().map(|(k, n)| (k.to_string(), json!(n))).collect();
        json!({
            "documents": self.documents,
            "gold_quotes": t.gold,
            "gold_direct": t.gold_direct,
            "gold_partial": t.gold_partial,
            "gold_without_mention": t.gold_no_mention,
            "pred_quotes": t.pred,
            "pred_nested_ignored": self.pred_nested_ignored,
            "gold_optional_or_nested": t.gold_neutral,
            "pred_on_optional_or_nested_ignored": t.pred_on_neutral,
            "gold_not_quote": t.gold_not_quote,
            "false_positives_on_not_quote": t.fp_on_not_quote,
            "exact_spans_from": self.exact_spans_from(),
            "detection_exact": prf(t.tp_exact, t.pred, t.gold).json(),
            "detection_overlap": prf(t.tp_overlap, t.pred, t.gold).json(),
            "recall_by_kind": {
                "direct": kind(t.gold_direct, t.tp_exact_direct, t.tp_overlap_direct),
                "partial": kind(t.gold_partial, t.tp_exact_partial, t.tp_overlap_partial),
            },
            "attribution": {
                "judged": t.attr_judged,
                "correct": t.attr_correct,
                "speaker_accuracy": ratio(t.attr_correct, t.attr_judged),
            },
            "end_to_end": prf(t.e2e_tp, t.pred, t.gold).json(),
            "warnings": warnings,
        })
    }

    /// The figures as score.py's table, followed by its error listing when
    /// [`EvalOptions::errors`] > 0; every line ends with `\n`.
    pub fn to_table(&self) -> String {
        let t = &self.tot;
        let mut w = String::new();
        let _ = writeln!(
            w,
            "documents {}   gold quotes {} (direct {}, partial {}; {} without mention)   predicted {} (+{} nested ignored)",
            self.documents, t.gold, t.gold_direct, t.gold_partial, t.gold_no_mention, t.pred, self.pred_nested_ignored
        );
        if t.gold_neutral > 0 || t.gold_not_quote > 0 {
            let _ = writeln!(
                w,
                "optional/nested gold {} (predictions on them ignored: {})   not_quote gold {} (false positives on them: {})",
                t.gold_neutral, t.pred_on_neutral, t.gold_not_quote, t.fp_on_not_quote
            );
        }
        let _ = writeln!(w, "{:<34} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}", "", "gold", "pred", "tp", "P%", "R%", "F1%");
        for (label, m) in [
            ("detection, exact span", prf(t.tp_exact, t.pred, t.gold)),
            ("detection, overlap >= 50%", prf(t.tp_overlap, t.pred, t.gold)),
            ("end-to-end (overlap + speaker)", prf(t.e2e_tp, t.pred, t.gold)),
        ] {
            let _ = writeln!(
                w,
                "{:<34} {:>6} {:>6} {:>6} {} {} {}",
                label,
                m.gold,
                m.pred,
                m.tp,
                pct(m.p),
                pct(m.r),
                pct(m.f)
            );
        }
        for (k, gold, ex, ov) in [
            ("direct", t.gold_direct, t.tp_exact_direct, t.tp_overlap_direct),
            ("partial", t.gold_partial, t.tp_exact_partial, t.tp_overlap_partial),
        ] {
            let _ = writeln!(
                w,
                "{:<34} {:>6} {:>20} R exact {}  R overlap {}",
                format!("  recall, gold kind {k}"),
                gold,
                "",
                pct(ratio(ex, gold)),
                pct(ratio(ov, gold))
            );
        }
        let _ = writeln!(
            w,
            "{:<34} {}/{} = {}%  (overlap-matched quotes with a gold mention)",
            "speaker accuracy",
            t.attr_correct,
            t.attr_judged,
            pct(ratio(t.attr_correct, t.attr_judged)).trim()
        );
        if !self.with_texts {
            let _ = writeln!(w, "note: no document texts, exact criterion approximated ({})", self.exact_spans_from());
        }
        for (k, n) in &self.warnings {
            let _ = writeln!(w, "warning: {k}: {n}");
        }
        w.push_str(&self.errors_listing);
        w
    }
}

/// score.py's `print_errors`.
fn errors_text(errors: &Errors, docs: Option<&HashMap<String, Vec<char>>>, n: usize) -> String {
    let txt = |d: &str, s: i64, e: i64, own: Option<&str>| match docs.and_then(|m| m.get(d)) {
        Some(t) => snippet(t, s, e),
        None => {
            let own: Vec<char> = own.unwrap_or("").chars().collect();
            snippet(&own, 0, own.len() as i64)
        }
    };
    let first = |a: Option<&str>, b: Option<&str>| -> Option<String> {
        a.filter(|s| !s.is_empty()).or(b.filter(|s| !s.is_empty())).map(str::to_string)
    };
    let gold_key = |g: &GoldRecord| (g.kind.as_deref() != Some("direct"), -(g.end - g.start));
    let mut missed: Vec<_> = errors.missed.iter().collect();
    missed.sort_by_key(|(_, g)| gold_key(g));
    let mut fps: Vec<_> = errors.false_positive.iter().collect();
    let conf = |p: &Pv| p.row.confidence.as_deref().and_then(|c| py_strip(c).parse::<f64>().ok()).unwrap_or(0.0);
    fps.sort_by(|(_, a), (_, b)| {
        let by_conf = (-conf(a)).partial_cmp(&-conf(b)).unwrap_or(std::cmp::Ordering::Equal);
        by_conf.then((b.end - b.start).cmp(&(a.end - a.start)))
    });
    let mut wrong: Vec<_> = errors.wrong_speaker.iter().collect();
    wrong.sort_by_key(|(_, g, _)| gold_key(g));
    let opt_int = |v: Option<i64>| v.map_or("None".to_string(), |i| i.to_string());
    let mut w = String::new();
    let _ = write!(w, "\n== missed gold quotes ({}; direct and longest first) ==\n", missed.len());
    for (d, g) in missed.iter().take(n) {
        let by = first(g.speaker.as_deref(), g.mention.as_deref()).unwrap_or_else(|| "-".into());
        let kind = g.kind.clone().unwrap_or_else(|| "None".into());
        let _ = write!(
            w,
            "{} {}-{} [{}] {}\n    by: {}\n",
            d,
            g.start,
            g.end,
            kind,
            txt(d, g.start, g.end, g.text.as_deref()),
            by
        );
    }
    let _ = write!(w, "\n== false positives ({}; most confident and longest first) ==\n", fps.len());
    for (d, p) in fps.iter().take(n) {
        let r = p.row;
        let kind = if r.kind.is_empty() { "?" } else { r.kind.as_str() };
        let by = first(Some(&r.speaker), Some(&r.mention)).unwrap_or_else(|| "-".into());
        let _ = write!(
            w,
            "{} {}-{} [{}] {}\n    by: {}\n",
            d,
            p.start,
            p.end,
            kind,
            txt(d, p.start, p.end, Some(&r.text)),
            by
        );
    }
    let _ = write!(w, "\n== wrong speakers ({}) ==\n", wrong.len());
    for (d, g, p) in wrong.iter().take(n) {
        let r = p.row;
        let gname = match g.speaker.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => py_repr(s),
            None => g.mention.as_deref().map_or("None".to_string(), py_repr),
        };
        let _ = write!(
            w,
            "{} {}-{} {}\n    gold: {} (mention {}-{})  pred: speaker {} mention {} ({}-{})\n",
            d,
            g.start,
            g.end,
            txt(d, g.start, g.end, g.text.as_deref()),
            gname,
            opt_int(g.mention_start),
            opt_int(g.mention_end),
            py_repr(&r.speaker),
            py_repr(&r.mention),
            opt_int(r.mention_start),
            opt_int(r.mention_end)
        );
    }
    w
}

/// Python's `text[s:e]` on chars (negative indices count from the end).
fn py_slice(t: &[char], s: i64, e: i64) -> &[char] {
    let n = t.len() as i64;
    let fix = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let (s, e) = (fix(s), fix(e));
    if s >= e {
        &[]
    } else {
        &t[s as usize..e as usize]
    }
}

/// score.py's `snippet`: whitespace collapsed, cut to 110 characters.
fn snippet(text: &[char], s: i64, e: i64) -> String {
    const WIDTH: usize = 110;
    let t: String = py_slice(text, s, e).iter().collect();
    let t = t.split(py_isspace).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    if t.chars().count() <= WIDTH {
        t
    } else {
        t.chars().take(WIDTH - 3).collect::<String>() + "..."
    }
}

/// Python's `repr` of a `str`: identical for every character assigned in
/// Unicode 14 (escapes of format, separator, control and private-use
/// characters); unassigned code points are printed as they are, where
/// Python escapes them.
fn py_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        let cp = c as u32;
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if c == q => {
                out.push('\\');
                out.push(c);
            }
            _ if cp < 0x20 || (0x7f..=0xa0).contains(&cp) || cp == 0xad => {
                let _ = write!(out, "\\x{cp:02x}");
            }
            _ if matches!(cp, 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890 | 0x891 | 0x8e2 | 0x1680
                | 0x180e | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x206f | 0x3000 | 0xfeff
                | 0xfff9..=0xfffb | 0xe000..=0xf8ff) =>
            {
                let _ = write!(out, "\\u{cp:04x}");
            }
            _ if matches!(cp, 0x110bd | 0x110cd | 0x13430..=0x13438 | 0x1bca0..=0x1bca3
                | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f | 0xf0000..) =>
            {
                let _ = write!(out, "\\U{cp:08x}");
            }
            _ => out.push(c),
        }
    }
    out.push(q);
    out
}

/// Python's `str.isspace` for one character.
fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()`.
fn py_strip(s: &str) -> &str {
    s.trim_matches(py_isspace)
}

// --------------------------------------------------------------------------
// fold tables, generated with Python 3.11 (Unicode 14.0):
//   F = lambda c: ''.join(x for x in unicodedata.normalize('NFKD', c)
//                         if not unicodedata.combining(x)).casefold()
//   FOLD_DROP: maximal runs of code points with F(c) == ''
//   FOLD_MAP:  c in the ranges of the module docs with F(c) not in ('', c.lower())
// --------------------------------------------------------------------------

/// Code points that fold to nothing (canonical combining class > 0 and the like), as inclusive ranges.
#[rustfmt::skip]
const FOLD_DROP: &[(u32, u32)] = &[
    (0x300, 0x34E), (0x350, 0x36F), (0x483, 0x487), (0x591, 0x5BD), (0x5BF, 0x5BF), (0x5C1, 0x5C2),
    (0x5C4, 0x5C5), (0x5C7, 0x5C7), (0x610, 0x61A), (0x64B, 0x65F), (0x670, 0x670), (0x6D6, 0x6DC),
    (0x6DF, 0x6E4), (0x6E7, 0x6E8), (0x6EA, 0x6ED), (0x711, 0x711), (0x730, 0x74A), (0x7EB, 0x7F3),
    (0x7FD, 0x7FD), (0x816, 0x819), (0x81B, 0x823), (0x825, 0x827), (0x829, 0x82D), (0x859, 0x85B),
    (0x898, 0x89F), (0x8CA, 0x8E1), (0x8E3, 0x8FF), (0x93C, 0x93C), (0x94D, 0x94D), (0x951, 0x954),
    (0x9BC, 0x9BC), (0x9CD, 0x9CD), (0x9FE, 0x9FE), (0xA3C, 0xA3C), (0xA4D, 0xA4D), (0xABC, 0xABC),
    (0xACD, 0xACD), (0xB3C, 0xB3C), (0xB4D, 0xB4D), (0xBCD, 0xBCD), (0xC3C, 0xC3C), (0xC4D, 0xC4D),
    (0xC55, 0xC56), (0xCBC, 0xCBC), (0xCCD, 0xCCD), (0xD3B, 0xD3C), (0xD4D, 0xD4D), (0xDCA, 0xDCA),
    (0xE38, 0xE3A), (0xE48, 0xE4B), (0xEB8, 0xEBA), (0xEC8, 0xECB), (0xF18, 0xF19), (0xF35, 0xF35),
    (0xF37, 0xF37), (0xF39, 0xF39), (0xF71, 0xF75), (0xF7A, 0xF7D), (0xF80, 0xF84), (0xF86, 0xF87),
    (0xFC6, 0xFC6), (0x1037, 0x1037), (0x1039, 0x103A), (0x108D, 0x108D), (0x135D, 0x135F), (0x1714, 0x1715),
    (0x1734, 0x1734), (0x17D2, 0x17D2), (0x17DD, 0x17DD), (0x18A9, 0x18A9), (0x1939, 0x193B), (0x1A17, 0x1A18),
    (0x1A60, 0x1A60), (0x1A75, 0x1A7C), (0x1A7F, 0x1A7F), (0x1AB0, 0x1ABD), (0x1ABF, 0x1ACE), (0x1B34, 0x1B34),
    (0x1B44, 0x1B44), (0x1B6B, 0x1B73), (0x1BAA, 0x1BAB), (0x1BE6, 0x1BE6), (0x1BF2, 0x1BF3), (0x1C37, 0x1C37),
    (0x1CD0, 0x1CD2), (0x1CD4, 0x1CE0), (0x1CE2, 0x1CE8), (0x1CED, 0x1CED), (0x1CF4, 0x1CF4), (0x1CF8, 0x1CF9),
    (0x1DC0, 0x1DFF), (0x20D0, 0x20DC), (0x20E1, 0x20E1), (0x20E5, 0x20F0), (0x2CEF, 0x2CF1), (0x2D7F, 0x2D7F),
    (0x2DE0, 0x2DFF), (0x302A, 0x302F), (0x3099, 0x309A), (0xA66F, 0xA66F), (0xA674, 0xA67D), (0xA69E, 0xA69F),
    (0xA6F0, 0xA6F1), (0xA806, 0xA806), (0xA82C, 0xA82C), (0xA8C4, 0xA8C4), (0xA8E0, 0xA8F1), (0xA92B, 0xA92D),
    (0xA953, 0xA953), (0xA9B3, 0xA9B3), (0xA9C0, 0xA9C0), (0xAAB0, 0xAAB0), (0xAAB2, 0xAAB4), (0xAAB7, 0xAAB8),
    (0xAABE, 0xAABF), (0xAAC1, 0xAAC1), (0xAAF6, 0xAAF6), (0xABED, 0xABED), (0xFB1E, 0xFB1E), (0xFE20, 0xFE2F),
    (0xFF9E, 0xFF9F), (0x101FD, 0x101FD), (0x102E0, 0x102E0), (0x10376, 0x1037A), (0x10A0D, 0x10A0D), (0x10A0F, 0x10A0F),
    (0x10A38, 0x10A3A), (0x10A3F, 0x10A3F), (0x10AE5, 0x10AE6), (0x10D24, 0x10D27), (0x10EAB, 0x10EAC), (0x10F46, 0x10F50),
    (0x10F82, 0x10F85), (0x11046, 0x11046), (0x11070, 0x11070), (0x1107F, 0x1107F), (0x110B9, 0x110BA), (0x11100, 0x11102),
    (0x11133, 0x11134), (0x11173, 0x11173), (0x111C0, 0x111C0), (0x111CA, 0x111CA), (0x11235, 0x11236), (0x112E9, 0x112EA),
    (0x1133B, 0x1133C), (0x1134D, 0x1134D), (0x11366, 0x1136C), (0x11370, 0x11374), (0x11442, 0x11442), (0x11446, 0x11446),
    (0x1145E, 0x1145E), (0x114C2, 0x114C3), (0x115BF, 0x115C0), (0x1163F, 0x1163F), (0x116B6, 0x116B7), (0x1172B, 0x1172B),
    (0x11839, 0x1183A), (0x1193D, 0x1193E), (0x11943, 0x11943), (0x119E0, 0x119E0), (0x11A34, 0x11A34), (0x11A47, 0x11A47),
    (0x11A99, 0x11A99), (0x11C3F, 0x11C3F), (0x11D42, 0x11D42), (0x11D44, 0x11D45), (0x11D97, 0x11D97), (0x16AF0, 0x16AF4),
    (0x16B30, 0x16B36), (0x16FF0, 0x16FF1), (0x1BC9E, 0x1BC9E), (0x1D165, 0x1D169), (0x1D16D, 0x1D172), (0x1D17B, 0x1D182),
    (0x1D185, 0x1D18B), (0x1D1AA, 0x1D1AD), (0x1D242, 0x1D244), (0x1E000, 0x1E006), (0x1E008, 0x1E018), (0x1E01B, 0x1E021),
    (0x1E023, 0x1E024), (0x1E026, 0x1E02A), (0x1E130, 0x1E136), (0x1E2AE, 0x1E2AE), (0x1E2EC, 0x1E2EF), (0x1E8D0, 0x1E8D6),
    (0x1E944, 0x1E94A),
];

/// `casefold(NFKD(c) minus combining marks)` wherever it differs from lower-casing `c`, for the ranges listed in the module docs.
#[rustfmt::skip]
const FOLD_MAP: &[(char, &str)] = &[
    ('\u{a0}', " "), ('\u{a8}', " "), ('\u{aa}', "a"), ('\u{af}', " "), ('\u{b2}', "2"),
    ('\u{b3}', "3"), ('\u{b4}', " "), ('\u{b5}', "\u{3bc}"), ('\u{b8}', " "), ('\u{b9}', "1"),
    ('\u{ba}', "o"), ('\u{bc}', "1\u{2044}4"), ('\u{bd}', "1\u{2044}2"), ('\u{be}', "3\u{2044}4"), ('\u{c0}', "a"),
    ('\u{c1}', "a"), ('\u{c2}', "a"), ('\u{c3}', "a"), ('\u{c4}', "a"), ('\u{c5}', "a"),
    ('\u{c7}', "c"), ('\u{c8}', "e"), ('\u{c9}', "e"), ('\u{ca}', "e"), ('\u{cb}', "e"),
    ('\u{cc}', "i"), ('\u{cd}', "i"), ('\u{ce}', "i"), ('\u{cf}', "i"), ('\u{d1}', "n"),
    ('\u{d2}', "o"), ('\u{d3}', "o"), ('\u{d4}', "o"), ('\u{d5}', "o"), ('\u{d6}', "o"),
    ('\u{d9}', "u"), ('\u{da}', "u"), ('\u{db}', "u"), ('\u{dc}', "u"), ('\u{dd}', "y"),
    ('\u{df}', "ss"), ('\u{e0}', "a"), ('\u{e1}', "a"), ('\u{e2}', "a"), ('\u{e3}', "a"),
    ('\u{e4}', "a"), ('\u{e5}', "a"), ('\u{e7}', "c"), ('\u{e8}', "e"), ('\u{e9}', "e"),
    ('\u{ea}', "e"), ('\u{eb}', "e"), ('\u{ec}', "i"), ('\u{ed}', "i"), ('\u{ee}', "i"),
    ('\u{ef}', "i"), ('\u{f1}', "n"), ('\u{f2}', "o"), ('\u{f3}', "o"), ('\u{f4}', "o"),
    ('\u{f5}', "o"), ('\u{f6}', "o"), ('\u{f9}', "u"), ('\u{fa}', "u"), ('\u{fb}', "u"),
    ('\u{fc}', "u"), ('\u{fd}', "y"), ('\u{ff}', "y"), ('\u{100}', "a"), ('\u{101}', "a"),
    ('\u{102}', "a"), ('\u{103}', "a"), ('\u{104}', "a"), ('\u{105}', "a"), ('\u{106}', "c"),
    ('\u{107}', "c"), ('\u{108}', "c"), ('\u{109}', "c"), ('\u{10a}', "c"), ('\u{10b}', "c"),
    ('\u{10c}', "c"), ('\u{10d}', "c"), ('\u{10e}', "d"), ('\u{10f}', "d"), ('\u{112}', "e"),
    ('\u{113}', "e"), ('\u{114}', "e"), ('\u{115}', "e"), ('\u{116}', "e"), ('\u{117}', "e"),
    ('\u{118}', "e"), ('\u{119}', "e"), ('\u{11a}', "e"), ('\u{11b}', "e"), ('\u{11c}', "g"),
    ('\u{11d}', "g"), ('\u{11e}', "g"), ('\u{11f}', "g"), ('\u{120}', "g"), ('\u{121}', "g"),
    ('\u{122}', "g"), ('\u{123}', "g"), ('\u{124}', "h"), ('\u{125}', "h"), ('\u{128}', "i"),
    ('\u{129}', "i"), ('\u{12a}', "i"), ('\u{12b}', "i"), ('\u{12c}', "i"), ('\u{12d}', "i"),
    ('\u{12e}', "i"), ('\u{12f}', "i"), ('\u{130}', "i"), ('\u{132}', "ij"), ('\u{133}', "ij"),
    ('\u{134}', "j"), ('\u{135}', "j"), ('\u{136}', "k"), ('\u{137}', "k"), ('\u{139}', "l"),
    ('\u{13a}', "l"), ('\u{13b}', "l"), ('\u{13c}', "l"), ('\u{13d}', "l"), ('\u{13e}', "l"),
    ('\u{13f}', "l\u{b7}"), ('\u{140}', "l\u{b7}"), ('\u{143}', "n"), ('\u{144}', "n"), ('\u{145}', "n"),
    ('\u{146}', "n"), ('\u{147}', "n"), ('\u{148}', "n"), ('\u{149}', "\u{2bc}n"), ('\u{14c}', "o"),
    ('\u{14d}', "o"), ('\u{14e}', "o"), ('\u{14f}', "o"), ('\u{150}', "o"), ('\u{151}', "o"),
    ('\u{154}', "r"), ('\u{155}', "r"), ('\u{156}', "r"), ('\u{157}', "r"), ('\u{158}', "r"),
    ('\u{159}', "r"), ('\u{15a}', "s"), ('\u{15b}', "s"), ('\u{15c}', "s"), ('\u{15d}', "s"),
    ('\u{15e}', "s"), ('\u{15f}', "s"), ('\u{160}', "s"), ('\u{161}', "s"), ('\u{162}', "t"),
    ('\u{163}', "t"), ('\u{164}', "t"), ('\u{165}', "t"), ('\u{168}', "u"), ('\u{169}', "u"),
    ('\u{16a}', "u"), ('\u{16b}', "u"), ('\u{16c}', "u"), ('\u{16d}', "u"), ('\u{16e}', "u"),
    ('\u{16f}', "u"), ('\u{170}', "u"), ('\u{171}', "u"), ('\u{172}', "u"), ('\u{173}', "u"),
    ('\u{174}', "w"), ('\u{175}', "w"), ('\u{176}', "y"), ('\u{177}', "y"), ('\u{178}', "y"),
    ('\u{179}', "z"), ('\u{17a}', "z"), ('\u{17b}', "z"), ('\u{17c}', "z"), ('\u{17d}', "z"),
    ('\u{17e}', "z"), ('\u{17f}', "s"), ('\u{1a0}', "o"), ('\u{1a1}', "o"), ('\u{1af}', "u"),
    ('\u{1b0}', "u"), ('\u{1c4}', "dz"), ('\u{1c5}', "dz"), ('\u{1c6}', "dz"), ('\u{1c7}', "lj"),
    ('\u{1c8}', "lj"), ('\u{1c9}', "lj"), ('\u{1ca}', "nj"), ('\u{1cb}', "nj"), ('\u{1cc}', "nj"),
    ('\u{1cd}', "a"), ('\u{1ce}', "a"), ('\u{1cf}', "i"), ('\u{1d0}', "i"), ('\u{1d1}', "o"),
    ('\u{1d2}', "o"), ('\u{1d3}', "u"), ('\u{1d4}', "u"), ('\u{1d5}', "u"), ('\u{1d6}', "u"),
    ('\u{1d7}', "u"), ('\u{1d8}', "u"), ('\u{1d9}', "u"), ('\u{1da}', "u"), ('\u{1db}', "u"),
    ('\u{1dc}', "u"), ('\u{1de}', "a"), ('\u{1df}', "a"), ('\u{1e0}', "a"), ('\u{1e1}', "a"),
    ('\u{1e2}', "\u{e6}"), ('\u{1e3}', "\u{e6}"), ('\u{1e6}', "g"), ('\u{1e7}', "g"), ('\u{1e8}', "k"),
    ('\u{1e9}', "k"), ('\u{1ea}', "o"), ('\u{1eb}', "o"), ('\u{1ec}', "o"), ('\u{1ed}', "o"),
    ('\u{1ee}', "\u{292}"), ('\u{1ef}', "\u{292}"), ('\u{1f0}', "j"), ('\u{1f1}', "dz"), ('\u{1f2}', "dz"),
    ('\u{1f3}', "dz"), ('\u{1f4}', "g"), ('\u{1f5}', "g"), ('\u{1f8}', "n"), ('\u{1f9}', "n"),
    ('\u{1fa}', "a"), ('\u{1fb}', "a"), ('\u{1fc}', "\u{e6}"), ('\u{1fd}', "\u{e6}"), ('\u{1fe}', "\u{f8}"),
    ('\u{1ff}', "\u{f8}"), ('\u{200}', "a"), ('\u{201}', "a"), ('\u{202}', "a"), ('\u{203}', "a"),
    ('\u{204}', "e"), ('\u{205}', "e"), ('\u{206}', "e"), ('\u{207}', "e"), ('\u{208}', "i"),
    ('\u{209}', "i"), ('\u{20a}', "i"), ('\u{20b}', "i"), ('\u{20c}', "o"), ('\u{20d}', "o"),
    ('\u{20e}', "o"), ('\u{20f}', "o"), ('\u{210}', "r"), ('\u{211}', "r"), ('\u{212}', "r"),
    ('\u{213}', "r"), ('\u{214}', "u"), ('\u{215}', "u"), ('\u{216}', "u"), ('\u{217}', "u"),
    ('\u{218}', "s"), ('\u{219}', "s"), ('\u{21a}', "t"), ('\u{21b}', "t"), ('\u{21e}', "h"),
    ('\u{21f}', "h"), ('\u{226}', "a"), ('\u{227}', "a"), ('\u{228}', "e"), ('\u{229}', "e"),
    ('\u{22a}', "o"), ('\u{22b}', "o"), ('\u{22c}', "o"), ('\u{22d}', "o"), ('\u{22e}', "o"),
    ('\u{22f}', "o"), ('\u{230}', "o"), ('\u{231}', "o"), ('\u{232}', "y"), ('\u{233}', "y"),
    ('\u{2b0}', "h"), ('\u{2b1}', "\u{266}"), ('\u{2b2}', "j"), ('\u{2b3}', "r"), ('\u{2b4}', "\u{279}"),
    ('\u{2b5}', "\u{27b}"), ('\u{2b6}', "\u{281}"), ('\u{2b7}', "w"), ('\u{2b8}', "y"), ('\u{2d8}', " "),
    ('\u{2d9}', " "), ('\u{2da}', " "), ('\u{2db}', " "), ('\u{2dc}', " "), ('\u{2dd}', " "),
    ('\u{2e0}', "\u{263}"), ('\u{2e1}', "l"), ('\u{2e2}', "s"), ('\u{2e3}', "x"), ('\u{2e4}', "\u{295}"),
    ('\u{374}', "\u{2b9}"), ('\u{37a}', " "), ('\u{37e}', ";"), ('\u{384}', " "), ('\u{385}', " "),
    ('\u{386}', "\u{3b1}"), ('\u{387}', "\u{b7}"), ('\u{388}', "\u{3b5}"), ('\u{389}', "\u{3b7}"), ('\u{38a}', "\u{3b9}"),
    ('\u{38c}', "\u{3bf}"), ('\u{38e}', "\u{3c5}"), ('\u{38f}', "\u{3c9}"), ('\u{390}', "\u{3b9}"), ('\u{3aa}', "\u{3b9}"),
    ('\u{3ab}', "\u{3c5}"), ('\u{3ac}', "\u{3b1}"), ('\u{3ad}', "\u{3b5}"), ('\u{3ae}', "\u{3b7}"), ('\u{3af}', "\u{3b9}"),
    ('\u{3b0}', "\u{3c5}"), ('\u{3c2}', "\u{3c3}"), ('\u{3ca}', "\u{3b9}"), ('\u{3cb}', "\u{3c5}"), ('\u{3cc}', "\u{3bf}"),
    ('\u{3cd}', "\u{3c5}"), ('\u{3ce}', "\u{3c9}"), ('\u{3d0}', "\u{3b2}"), ('\u{3d1}', "\u{3b8}"), ('\u{3d2}', "\u{3c5}"),
    ('\u{3d3}', "\u{3c5}"), ('\u{3d4}', "\u{3c5}"), ('\u{3d5}', "\u{3c6}"), ('\u{3d6}', "\u{3c0}"), ('\u{3f0}', "\u{3ba}"),
    ('\u{3f1}', "\u{3c1}"), ('\u{3f2}', "\u{3c3}"), ('\u{3f5}', "\u{3b5}"), ('\u{3f9}', "\u{3c3}"), ('\u{400}', "\u{435}"),
    ('\u{401}', "\u{435}"), ('\u{403}', "\u{433}"), ('\u{407}', "\u{456}"), ('\u{40c}', "\u{43a}"), ('\u{40d}', "\u{438}"),
    ('\u{40e}', "\u{443}"), ('\u{419}', "\u{438}"), ('\u{439}', "\u{438}"), ('\u{450}', "\u{435}"), ('\u{451}', "\u{435}"),
    ('\u{453}', "\u{433}"), ('\u{457}', "\u{456}"), ('\u{45c}', "\u{43a}"), ('\u{45d}', "\u{438}"), ('\u{45e}', "\u{443}"),
    ('\u{476}', "\u{475}"), ('\u{477}', "\u{475}"), ('\u{4c1}', "\u{436}"), ('\u{4c2}', "\u{436}"), ('\u{4d0}', "\u{430}"),
    ('\u{4d1}', "\u{430}"), ('\u{4d2}', "\u{430}"), ('\u{4d3}', "\u{430}"), ('\u{4d6}', "\u{435}"), ('\u{4d7}', "\u{435}"),
    ('\u{4da}', "\u{4d9}"), ('\u{4db}', "\u{4d9}"), ('\u{4dc}', "\u{436}"), ('\u{4dd}', "\u{436}"), ('\u{4de}', "\u{437}"),
    ('\u{4df}', "\u{437}"), ('\u{4e2}', "\u{438}"), ('\u{4e3}', "\u{438}"), ('\u{4e4}', "\u{438}"), ('\u{4e5}', "\u{438}"),
    ('\u{4e6}', "\u{43e}"), ('\u{4e7}', "\u{43e}"), ('\u{4ea}', "\u{4e9}"), ('\u{4eb}', "\u{4e9}"), ('\u{4ec}', "\u{44d}"),
    ('\u{4ed}', "\u{44d}"), ('\u{4ee}', "\u{443}"), ('\u{4ef}', "\u{443}"), ('\u{4f0}', "\u{443}"), ('\u{4f1}', "\u{443}"),
    ('\u{4f2}', "\u{443}"), ('\u{4f3}', "\u{443}"), ('\u{4f4}', "\u{447}"), ('\u{4f5}', "\u{447}"), ('\u{4f8}', "\u{44b}"),
    ('\u{4f9}', "\u{44b}"), ('\u{1e00}', "a"), ('\u{1e01}', "a"), ('\u{1e02}', "b"), ('\u{1e03}', "b"),
    ('\u{1e04}', "b"), ('\u{1e05}', "b"), ('\u{1e06}', "b"), ('\u{1e07}', "b"), ('\u{1e08}', "c"),
    ('\u{1e09}', "c"), ('\u{1e0a}', "d"), ('\u{1e0b}', "d"), ('\u{1e0c}', "d"), ('\u{1e0d}', "d"),
    ('\u{1e0e}', "d"), ('\u{1e0f}', "d"), ('\u{1e10}', "d"), ('\u{1e11}', "d"), ('\u{1e12}', "d"),
    ('\u{1e13}', "d"), ('\u{1e14}', "e"), ('\u{1e15}', "e"), ('\u{1e16}', "e"), ('\u{1e17}', "e"),
    ('\u{1e18}', "e"), ('\u{1e19}', "e"), ('\u{1e1a}', "e"), ('\u{1e1b}', "e"), ('\u{1e1c}', "e"),
    ('\u{1e1d}', "e"), ('\u{1e1e}', "f"), ('\u{1e1f}', "f"), ('\u{1e20}', "g"), ('\u{1e21}', "g"),
    ('\u{1e22}', "h"), ('\u{1e23}', "h"), ('\u{1e24}', "h"), ('\u{1e25}', "h"), ('\u{1e26}', "h"),
    ('\u{1e27}', "h"), ('\u{1e28}', "h"), ('\u{1e29}', "h"), ('\u{1e2a}', "h"), ('\u{1e2b}', "h"),
    ('\u{1e2c}', "i"), ('\u{1e2d}', "i"), ('\u{1e2e}', "i"), ('\u{1e2f}', "i"), ('\u{1e30}', "k"),
    ('\u{1e31}', "k"), ('\u{1e32}', "k"), ('\u{1e33}', "k"), ('\u{1e34}', "k"), ('\u{1e35}', "k"),
    ('\u{1e36}', "l"), ('\u{1e37}', "l"), ('\u{1e38}', "l"), ('\u{1e39}', "l"), ('\u{1e3a}', "l"),
    ('\u{1e3b}', "l"), ('\u{1e3c}', "l"), ('\u{1e3d}', "l"), ('\u{1e3e}', "m"), ('\u{1e3f}', "m"),
    ('\u{1e40}', "m"), ('\u{1e41}', "m"), ('\u{1e42}', "m"), ('\u{1e43}', "m"), ('\u{1e44}', "n"),
    ('\u{1e45}', "n"), ('\u{1e46}', "n"), ('\u{1e47}', "n"), ('\u{1e48}', "n"), ('\u{1e49}', "n"),
    ('\u{1e4a}', "n"), ('\u{1e4b}', "n"), ('\u{1e4c}', "o"), ('\u{1e4d}', "o"), ('\u{1e4e}', "o"),
    ('\u{1e4f}', "o"), ('\u{1e50}', "o"), ('\u{1e51}', "o"), ('\u{1e52}', "o"), ('\u{1e53}', "o"),
    ('\u{1e54}', "p"), ('\u{1e55}', "p"), ('\u{1e56}', "p"), ('\u{1e57}', "p"), ('\u{1e58}', "r"),
    ('\u{1e59}', "r"), ('\u{1e5a}', "r"), ('\u{1e5b}', "r"), ('\u{1e5c}', "r"), ('\u{1e5d}', "r"),
    ('\u{1e5e}', "r"), ('\u{1e5f}', "r"), ('\u{1e60}', "s"), ('\u{1e61}', "s"), ('\u{1e62}', "s"),
    ('\u{1e63}', "s"), ('\u{1e64}', "s"), ('\u{1e65}', "s"), ('\u{1e66}', "s"), ('\u{1e67}', "s"),
    ('\u{1e68}', "s"), ('\u{1e69}', "s"), ('\u{1e6a}', "t"), ('\u{1e6b}', "t"), ('\u{1e6c}', "t"),
    ('\u{1e6d}', "t"), ('\u{1e6e}', "t"), ('\u{1e6f}', "t"), ('\u{1e70}', "t"), ('\u{1e71}', "t"),
    ('\u{1e72}', "u"), ('\u{1e73}', "u"), ('\u{1e74}', "u"), ('\u{1e75}', "u"), ('\u{1e76}', "u"),
    ('\u{1e77}', "u"), ('\u{1e78}', "u"), ('\u{1e79}', "u"), ('\u{1e7a}', "u"), ('\u{1e7b}', "u"),
    ('\u{1e7c}', "v"), ('\u{1e7d}', "v"), ('\u{1e7e}', "v"), ('\u{1e7f}', "v"), ('\u{1e80}', "w"),
    ('\u{1e81}', "w"), ('\u{1e82}', "w"), ('\u{1e83}', "w"), ('\u{1e84}', "w"), ('\u{1e85}', "w"),
    ('\u{1e86}', "w"), ('\u{1e87}', "w"), ('\u{1e88}', "w"), ('\u{1e89}', "w"), ('\u{1e8a}', "x"),
    ('\u{1e8b}', "x"), ('\u{1e8c}', "x"), ('\u{1e8d}', "x"), ('\u{1e8e}', "y"), ('\u{1e8f}', "y"),
    ('\u{1e90}', "z"), ('\u{1e91}', "z"), ('\u{1e92}', "z"), ('\u{1e93}', "z"), ('\u{1e94}', "z"),
    ('\u{1e95}', "z"), ('\u{1e96}', "h"), ('\u{1e97}', "t"), ('\u{1e98}', "w"), ('\u{1e99}', "y"),
    ('\u{1e9a}', "a\u{2be}"), ('\u{1e9b}', "s"), ('\u{1e9e}', "ss"), ('\u{1ea0}', "a"), ('\u{1ea1}', "a"),
    ('\u{1ea2}', "a"), ('\u{1ea3}', "a"), ('\u{1ea4}', "a"), ('\u{1ea5}', "a"), ('\u{1ea6}', "a"),
    ('\u{1ea7}', "a"), ('\u{1ea8}', "a"), ('\u{1ea9}', "a"), ('\u{1eaa}', "a"), ('\u{1eab}', "a"),
    ('\u{1eac}', "a"), ('\u{1ead}', "a"), ('\u{1eae}', "a"), ('\u{1eaf}', "a"), ('\u{1eb0}', "a"),
    ('\u{1eb1}', "a"), ('\u{1eb2}', "a"), ('\u{1eb3}', "a"), ('\u{1eb4}', "a"), ('\u{1eb5}', "a"),
    ('\u{1eb6}', "a"), ('\u{1eb7}', "a"), ('\u{1eb8}', "e"), ('\u{1eb9}', "e"), ('\u{1eba}', "e"),
    ('\u{1ebb}', "e"), ('\u{1ebc}', "e"), ('\u{1ebd}', "e"), ('\u{1ebe}', "e"), ('\u{1ebf}', "e"),
    ('\u{1ec0}', "e"), ('\u{1ec1}', "e"), ('\u{1ec2}', "e"), ('\u{1ec3}', "e"), ('\u{1ec4}', "e"),
    ('\u{1ec5}', "e"), ('\u{1ec6}', "e"), ('\u{1ec7}', "e"), ('\u{1ec8}', "i"), ('\u{1ec9}', "i"),
    ('\u{1eca}', "i"), ('\u{1ecb}', "i"), ('\u{1ecc}', "o"), ('\u{1ecd}', "o"), ('\u{1ece}', "o"),
    ('\u{1ecf}', "o"), ('\u{1ed0}', "o"), ('\u{1ed1}', "o"), ('\u{1ed2}', "o"), ('\u{1ed3}', "o"),
    ('\u{1ed4}', "o"), ('\u{1ed5}', "o"), ('\u{1ed6}', "o"), ('\u{1ed7}', "o"), ('\u{1ed8}', "o"),
    ('\u{1ed9}', "o"), ('\u{1eda}', "o"), ('\u{1edb}', "o"), ('\u{1edc}', "o"), ('\u{1edd}', "o"),
    ('\u{1ede}', "o"), ('\u{1edf}', "o"), ('\u{1ee0}', "o"), ('\u{1ee1}', "o"), ('\u{1ee2}', "o"),
    ('\u{1ee3}', "o"), ('\u{1ee4}', "u"), ('\u{1ee5}', "u"), ('\u{1ee6}', "u"), ('\u{1ee7}', "u"),
    ('\u{1ee8}', "u"), ('\u{1ee9}', "u"), ('\u{1eea}', "u"), ('\u{1eeb}', "u"), ('\u{1eec}', "u"),
    ('\u{1eed}', "u"), ('\u{1eee}', "u"), ('\u{1eef}', "u"), ('\u{1ef0}', "u"), ('\u{1ef1}', "u"),
    ('\u{1ef2}', "y"), ('\u{1ef3}', "y"), ('\u{1ef4}', "y"), ('\u{1ef5}', "y"), ('\u{1ef6}', "y"),
    ('\u{1ef7}', "y"), ('\u{1ef8}', "y"), ('\u{1ef9}', "y"), ('\u{1f00}', "\u{3b1}"), ('\u{1f01}', "\u{3b1}"),
    ('\u{1f02}', "\u{3b1}"), ('\u{1f03}', "\u{3b1}"), ('\u{1f04}', "\u{3b1}"), ('\u{1f05}', "\u{3b1}"), ('\u{1f06}', "\u{3b1}"),
    ('\u{1f07}', "\u{3b1}"), ('\u{1f08}', "\u{3b1}"), ('\u{1f09}', "\u{3b1}"), ('\u{1f0a}', "\u{3b1}"), ('\u{1f0b}', "\u{3b1}"),
    ('\u{1f0c}', "\u{3b1}"), ('\u{1f0d}', "\u{3b1}"), ('\u{1f0e}', "\u{3b1}"), ('\u{1f0f}', "\u{3b1}"), ('\u{1f10}', "\u{3b5}"),
    ('\u{1f11}', "\u{3b5}"), ('\u{1f12}', "\u{3b5}"), ('\u{1f13}', "\u{3b5}"), ('\u{1f14}', "\u{3b5}"), ('\u{1f15}', "\u{3b5}"),
    ('\u{1f18}', "\u{3b5}"), ('\u{1f19}', "\u{3b5}"), ('\u{1f1a}', "\u{3b5}"), ('\u{1f1b}', "\u{3b5}"), ('\u{1f1c}', "\u{3b5}"),
    ('\u{1f1d}', "\u{3b5}"), ('\u{1f20}', "\u{3b7}"), ('\u{1f21}', "\u{3b7}"), ('\u{1f22}', "\u{3b7}"), ('\u{1f23}', "\u{3b7}"),
    ('\u{1f24}', "\u{3b7}"), ('\u{1f25}', "\u{3b7}"), ('\u{1f26}', "\u{3b7}"), ('\u{1f27}', "\u{3b7}"), ('\u{1f28}', "\u{3b7}"),
    ('\u{1f29}', "\u{3b7}"), ('\u{1f2a}', "\u{3b7}"), ('\u{1f2b}', "\u{3b7}"), ('\u{1f2c}', "\u{3b7}"), ('\u{1f2d}', "\u{3b7}"),
    ('\u{1f2e}', "\u{3b7}"), ('\u{1f2f}', "\u{3b7}"), ('\u{1f30}', "\u{3b9}"), ('\u{1f31}', "\u{3b9}"), ('\u{1f32}', "\u{3b9}"),
    ('\u{1f33}', "\u{3b9}"), ('\u{1f34}', "\u{3b9}"), ('\u{1f35}', "\u{3b9}"), ('\u{1f36}', "\u{3b9}"), ('\u{1f37}', "\u{3b9}"),
    ('\u{1f38}', "\u{3b9}"), ('\u{1f39}', "\u{3b9}"), ('\u{1f3a}', "\u{3b9}"), ('\u{1f3b}', "\u{3b9}"), ('\u{1f3c}', "\u{3b9}"),
    ('\u{1f3d}', "\u{3b9}"), ('\u{1f3e}', "\u{3b9}"), ('\u{1f3f}', "\u{3b9}"), ('\u{1f40}', "\u{3bf}"), ('\u{1f41}', "\u{3bf}"),
    ('\u{1f42}', "\u{3bf}"), ('\u{1f43}', "\u{3bf}"), ('\u{1f44}', "\u{3bf}"), ('\u{1f45}', "\u{3bf}"), ('\u{1f48}', "\u{3bf}"),
    ('\u{1f49}', "\u{3bf}"), ('\u{1f4a}', "\u{3bf}"), ('\u{1f4b}', "\u{3bf}"), ('\u{1f4c}', "\u{3bf}"), ('\u{1f4d}', "\u{3bf}"),
    ('\u{1f50}', "\u{3c5}"), ('\u{1f51}', "\u{3c5}"), ('\u{1f52}', "\u{3c5}"), ('\u{1f53}', "\u{3c5}"), ('\u{1f54}', "\u{3c5}"),
    ('\u{1f55}', "\u{3c5}"), ('\u{1f56}', "\u{3c5}"), ('\u{1f57}', "\u{3c5}"), ('\u{1f59}', "\u{3c5}"), ('\u{1f5b}', "\u{3c5}"),
    ('\u{1f5d}', "\u{3c5}"), ('\u{1f5f}', "\u{3c5}"), ('\u{1f60}', "\u{3c9}"), ('\u{1f61}', "\u{3c9}"), ('\u{1f62}', "\u{3c9}"),
    ('\u{1f63}', "\u{3c9}"), ('\u{1f64}', "\u{3c9}"), ('\u{1f65}', "\u{3c9}"), ('\u{1f66}', "\u{3c9}"), ('\u{1f67}', "\u{3c9}"),
    ('\u{1f68}', "\u{3c9}"), ('\u{1f69}', "\u{3c9}"), ('\u{1f6a}', "\u{3c9}"), ('\u{1f6b}', "\u{3c9}"), ('\u{1f6c}', "\u{3c9}"),
    ('\u{1f6d}', "\u{3c9}"), ('\u{1f6e}', "\u{3c9}"), ('\u{1f6f}', "\u{3c9}"), ('\u{1f70}', "\u{3b1}"), ('\u{1f71}', "\u{3b1}"),
    ('\u{1f72}', "\u{3b5}"), ('\u{1f73}', "\u{3b5}"), ('\u{1f74}', "\u{3b7}"), ('\u{1f75}', "\u{3b7}"), ('\u{1f76}', "\u{3b9}"),
    ('\u{1f77}', "\u{3b9}"), ('\u{1f78}', "\u{3bf}"), ('\u{1f79}', "\u{3bf}"), ('\u{1f7a}', "\u{3c5}"), ('\u{1f7b}', "\u{3c5}"),
    ('\u{1f7c}', "\u{3c9}"), ('\u{1f7d}', "\u{3c9}"), ('\u{1f80}', "\u{3b1}"), ('\u{1f81}', "\u{3b1}"), ('\u{1f82}', "\u{3b1}"),
    ('\u{1f83}', "\u{3b1}"), ('\u{1f84}', "\u{3b1}"), ('\u{1f85}', "\u{3b1}"), ('\u{1f86}', "\u{3b1}"), ('\u{1f87}', "\u{3b1}"),
    ('\u{1f88}', "\u{3b1}"), ('\u{1f89}', "\u{3b1}"), ('\u{1f8a}', "\u{3b1}"), ('\u{1f8b}', "\u{3b1}"), ('\u{1f8c}', "\u{3b1}"),
    ('\u{1f8d}', "\u{3b1}"), ('\u{1f8e}', "\u{3b1}"), ('\u{1f8f}', "\u{3b1}"), ('\u{1f90}', "\u{3b7}"), ('\u{1f91}', "\u{3b7}"),
    ('\u{1f92}', "\u{3b7}"), ('\u{1f93}', "\u{3b7}"), ('\u{1f94}', "\u{3b7}"), ('\u{1f95}', "\u{3b7}"), ('\u{1f96}', "\u{3b7}"),
    ('\u{1f97}', "\u{3b7}"), ('\u{1f98}', "\u{3b7}"), ('\u{1f99}', "\u{3b7}"), ('\u{1f9a}', "\u{3b7}"), ('\u{1f9b}', "\u{3b7}"),
    ('\u{1f9c}', "\u{3b7}"), ('\u{1f9d}', "\u{3b7}"), ('\u{1f9e}', "\u{3b7}"), ('\u{1f9f}', "\u{3b7}"), ('\u{1fa0}', "\u{3c9}"),
    ('\u{1fa1}', "\u{3c9}"), ('\u{1fa2}', "\u{3c9}"), ('\u{1fa3}', "\u{3c9}"), ('\u{1fa4}', "\u{3c9}"), ('\u{1fa5}', "\u{3c9}"),
    ('\u{1fa6}', "\u{3c9}"), ('\u{1fa7}', "\u{3c9}"), ('\u{1fa8}', "\u{3c9}"), ('\u{1fa9}', "\u{3c9}"), ('\u{1faa}', "\u{3c9}"),
    ('\u{1fab}', "\u{3c9}"), ('\u{1fac}', "\u{3c9}"), ('\u{1fad}', "\u{3c9}"), ('\u{1fae}', "\u{3c9}"), ('\u{1faf}', "\u{3c9}"),
    ('\u{1fb0}', "\u{3b1}"), ('\u{1fb1}', "\u{3b1}"), ('\u{1fb2}', "\u{3b1}"), ('\u{1fb3}', "\u{3b1}"), ('\u{1fb4}', "\u{3b1}"),
    ('\u{1fb6}', "\u{3b1}"), ('\u{1fb7}', "\u{3b1}"), ('\u{1fb8}', "\u{3b1}"), ('\u{1fb9}', "\u{3b1}"), ('\u{1fba}', "\u{3b1}"),
    ('\u{1fbb}', "\u{3b1}"), ('\u{1fbc}', "\u{3b1}"), ('\u{1fbd}', " "), ('\u{1fbe}', "\u{3b9}"), ('\u{1fbf}', " "),
    ('\u{1fc0}', " "), ('\u{1fc1}', " "), ('\u{1fc2}', "\u{3b7}"), ('\u{1fc3}', "\u{3b7}"), ('\u{1fc4}', "\u{3b7}"),
    ('\u{1fc6}', "\u{3b7}"), ('\u{1fc7}', "\u{3b7}"), ('\u{1fc8}', "\u{3b5}"), ('\u{1fc9}', "\u{3b5}"), ('\u{1fca}', "\u{3b7}"),
    ('\u{1fcb}', "\u{3b7}"), ('\u{1fcc}', "\u{3b7}"), ('\u{1fcd}', " "), ('\u{1fce}', " "), ('\u{1fcf}', " "),
    ('\u{1fd0}', "\u{3b9}"), ('\u{1fd1}', "\u{3b9}"), ('\u{1fd2}', "\u{3b9}"), ('\u{1fd3}', "\u{3b9}"), ('\u{1fd6}', "\u{3b9}"),
    ('\u{1fd7}', "\u{3b9}"), ('\u{1fd8}', "\u{3b9}"), ('\u{1fd9}', "\u{3b9}"), ('\u{1fda}', "\u{3b9}"), ('\u{1fdb}', "\u{3b9}"),
    ('\u{1fdd}', " "), ('\u{1fde}', " "), ('\u{1fdf}', " "), ('\u{1fe0}', "\u{3c5}"), ('\u{1fe1}', "\u{3c5}"),
    ('\u{1fe2}', "\u{3c5}"), ('\u{1fe3}', "\u{3c5}"), ('\u{1fe4}', "\u{3c1}"), ('\u{1fe5}', "\u{3c1}"), ('\u{1fe6}', "\u{3c5}"),
    ('\u{1fe7}', "\u{3c5}"), ('\u{1fe8}', "\u{3c5}"), ('\u{1fe9}', "\u{3c5}"), ('\u{1fea}', "\u{3c5}"), ('\u{1feb}', "\u{3c5}"),
    ('\u{1fec}', "\u{3c1}"), ('\u{1fed}', " "), ('\u{1fee}', " "), ('\u{1fef}', "`"), ('\u{1ff2}', "\u{3c9}"),
    ('\u{1ff3}', "\u{3c9}"), ('\u{1ff4}', "\u{3c9}"), ('\u{1ff6}', "\u{3c9}"), ('\u{1ff7}', "\u{3c9}"), ('\u{1ff8}', "\u{3bf}"),
    ('\u{1ff9}', "\u{3bf}"), ('\u{1ffa}', "\u{3c9}"), ('\u{1ffb}', "\u{3c9}"), ('\u{1ffc}', "\u{3c9}"), ('\u{1ffd}', " "),
    ('\u{1ffe}', " "), ('\u{2000}', " "), ('\u{2001}', " "), ('\u{2002}', " "), ('\u{2003}', " "),
    ('\u{2004}', " "), ('\u{2005}', " "), ('\u{2006}', " "), ('\u{2007}', " "), ('\u{2008}', " "),
    ('\u{2009}', " "), ('\u{200a}', " "), ('\u{2011}', "\u{2010}"), ('\u{2017}', " "), ('\u{2024}', "."),
    ('\u{2025}', ".."), ('\u{2026}', "..."), ('\u{202f}', " "), ('\u{2033}', "\u{2032}\u{2032}"), ('\u{2034}', "\u{2032}\u{2032}\u{2032}"),
    ('\u{2036}', "\u{2035}\u{2035}"), ('\u{2037}', "\u{2035}\u{2035}\u{2035}"), ('\u{203c}', "!!"), ('\u{203e}', " "), ('\u{2047}', "??"),
    ('\u{2048}', "?!"), ('\u{2049}', "!?"), ('\u{2057}', "\u{2032}\u{2032}\u{2032}\u{2032}"), ('\u{205f}', " "), ('\u{2070}', "0"),
    ('\u{2071}', "i"), ('\u{2074}', "4"), ('\u{2075}', "5"), ('\u{2076}', "6"), ('\u{2077}', "7"),
    ('\u{2078}', "8"), ('\u{2079}', "9"), ('\u{207a}', "+"), ('\u{207b}', "\u{2212}"), ('\u{207c}', "="),
    ('\u{207d}', "("), ('\u{207e}', ")"), ('\u{207f}', "n"), ('\u{2080}', "0"), ('\u{2081}', "1"),
    ('\u{2082}', "2"), ('\u{2083}', "3"), ('\u{2084}', "4"), ('\u{2085}', "5"), ('\u{2086}', "6"),
    ('\u{2087}', "7"), ('\u{2088}', "8"), ('\u{2089}', "9"), ('\u{208a}', "+"), ('\u{208b}', "\u{2212}"),
    ('\u{208c}', "="), ('\u{208d}', "("), ('\u{208e}', ")"), ('\u{2090}', "a"), ('\u{2091}', "e"),
    ('\u{2092}', "o"), ('\u{2093}', "x"), ('\u{2094}', "\u{259}"), ('\u{2095}', "h"), ('\u{2096}', "k"),
    ('\u{2097}', "l"), ('\u{2098}', "m"), ('\u{2099}', "n"), ('\u{209a}', "p"), ('\u{209b}', "s"),
    ('\u{209c}', "t"), ('\u{2100}', "a/c"), ('\u{2101}', "a/s"), ('\u{2102}', "c"), ('\u{2103}', "\u{b0}c"),
    ('\u{2105}', "c/o"), ('\u{2106}', "c/u"), ('\u{2107}', "\u{25b}"), ('\u{2109}', "\u{b0}f"), ('\u{210a}', "g"),
    ('\u{210b}', "h"), ('\u{210c}', "h"), ('\u{210d}', "h"), ('\u{210e}', "h"), ('\u{210f}', "\u{127}"),
    ('\u{2110}', "i"), ('\u{2111}', "i"), ('\u{2112}', "l"), ('\u{2113}', "l"), ('\u{2115}', "n"),
    ('\u{2116}', "no"), ('\u{2119}', "p"), ('\u{211a}', "q"), ('\u{211b}', "r"), ('\u{211c}', "r"),
    ('\u{211d}', "r"), ('\u{2120}', "sm"), ('\u{2121}', "tel"), ('\u{2122}', "tm"), ('\u{2124}', "z"),
    ('\u{2128}', "z"), ('\u{212b}', "a"), ('\u{212c}', "b"), ('\u{212d}', "c"), ('\u{212f}', "e"),
    ('\u{2130}', "e"), ('\u{2131}', "f"), ('\u{2133}', "m"), ('\u{2134}', "o"), ('\u{2135}', "\u{5d0}"),
    ('\u{2136}', "\u{5d1}"), ('\u{2137}', "\u{5d2}"), ('\u{2138}', "\u{5d3}"), ('\u{2139}', "i"), ('\u{213b}', "fax"),
    ('\u{213c}', "\u{3c0}"), ('\u{213d}', "\u{3b3}"), ('\u{213e}', "\u{3b3}"), ('\u{213f}', "\u{3c0}"), ('\u{2140}', "\u{2211}"),
    ('\u{2145}', "d"), ('\u{2146}', "d"), ('\u{2147}', "e"), ('\u{2148}', "i"), ('\u{2149}', "j"),
    ('\u{fb00}', "ff"), ('\u{fb01}', "fi"), ('\u{fb02}', "fl"), ('\u{fb03}', "ffi"), ('\u{fb04}', "ffl"),
    ('\u{fb05}', "st"), ('\u{fb06}', "st"), ('\u{ff01}', "!"), ('\u{ff02}', "\""), ('\u{ff03}', "#"),
    ('\u{ff04}', "$"), ('\u{ff05}', "%"), ('\u{ff06}', "&"), ('\u{ff07}', "'"), ('\u{ff08}', "("),
    ('\u{ff09}', ")"), ('\u{ff0a}', "*"), ('\u{ff0b}', "+"), ('\u{ff0c}', ","), ('\u{ff0d}', "-"),
    ('\u{ff0e}', "."), ('\u{ff0f}', "/"), ('\u{ff10}', "0"), ('\u{ff11}', "1"), ('\u{ff12}', "2"),
    ('\u{ff13}', "3"), ('\u{ff14}', "4"), ('\u{ff15}', "5"), ('\u{ff16}', "6"), ('\u{ff17}', "7"),
    ('\u{ff18}', "8"), ('\u{ff19}', "9"), ('\u{ff1a}', ":"), ('\u{ff1b}', ";"), ('\u{ff1c}', "<"),
    ('\u{ff1d}', "="), ('\u{ff1e}', ">"), ('\u{ff1f}', "?"), ('\u{ff20}', "@"), ('\u{ff21}', "a"),
    ('\u{ff22}', "b"), ('\u{ff23}', "c"), ('\u{ff24}', "d"), ('\u{ff25}', "e"), ('\u{ff26}', "f"),
    ('\u{ff27}', "g"), ('\u{ff28}', "h"), ('\u{ff29}', "i"), ('\u{ff2a}', "j"), ('\u{ff2b}', "k"),
    ('\u{ff2c}', "l"), ('\u{ff2d}', "m"), ('\u{ff2e}', "n"), ('\u{ff2f}', "o"), ('\u{ff30}', "p"),
    ('\u{ff31}', "q"), ('\u{ff32}', "r"), ('\u{ff33}', "s"), ('\u{ff34}', "t"), ('\u{ff35}', "u"),
    ('\u{ff36}', "v"), ('\u{ff37}', "w"), ('\u{ff38}', "x"), ('\u{ff39}', "y"), ('\u{ff3a}', "z"),
    ('\u{ff3b}', "["), ('\u{ff3c}', "\\"), ('\u{ff3d}', "]"), ('\u{ff3e}', "^"), ('\u{ff3f}', "_"),
    ('\u{ff40}', "`"), ('\u{ff41}', "a"), ('\u{ff42}', "b"), ('\u{ff43}', "c"), ('\u{ff44}', "d"),
    ('\u{ff45}', "e"), ('\u{ff46}', "f"), ('\u{ff47}', "g"), ('\u{ff48}', "h"), ('\u{ff49}', "i"),
    ('\u{ff4a}', "j"), ('\u{ff4b}', "k"), ('\u{ff4c}', "l"), ('\u{ff4d}', "m"), ('\u{ff4e}', "n"),
    ('\u{ff4f}', "o"), ('\u{ff50}', "p"), ('\u{ff51}', "q"), ('\u{ff52}', "r"), ('\u{ff53}', "s"),
    ('\u{ff54}', "t"), ('\u{ff55}', "u"), ('\u{ff56}', "v"), ('\u{ff57}', "w"), ('\u{ff58}', "x"),
    ('\u{ff59}', "y"), ('\u{ff5a}', "z"), ('\u{ff5b}', "{"), ('\u{ff5c}', "|"), ('\u{ff5d}', "}"),
    ('\u{ff5e}', "~"),
];

#[cfg(test)]
mod tests {
    //! Every expected figure below was computed by running
    //! `/work/shared/eval/score.py` (or one of its functions) on the same
    //! input; the fixtures live in `tests/data/eval/` and each case names the
    //! command, run from that folder. `expected/NAME.json` and
    //! `expected/NAME.out` hold score.py's complete `--json` and
    //! `--errors 20` outputs for the case NAME.
    use super::*;

    fn data(p: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/eval").join(p)
    }

    /// Where a case takes its documents from.
    #[derive(Clone, Copy)]
    enum Docs {
        /// [`default_docs`] of the gold path (score.py's default).
        Default,
        /// No texts at all.
        None,
    }

    type Case = (
        &'static str, // name = expected/NAME.{json,out}
        &'static str, // gold
        &'static str, // pred
        Docs,
        bool, // --canonical
        bool, // --score-nested
        &'static [(&'static str, f64)],
    );

    // Figures in the notation "json pointer = value" of score.py --json.
    #[rustfmt::skip]
    const CASES: &[Case] = &[
        // score.py gold.jsonl pred.csv
        // exact vs overlap: 5 exact, 7 overlap matches; greedy tie-breaks in a.txt
        // (equal overlap, smaller start distance) and b.txt (all equal: lower index).
        ("basic", "gold.jsonl", "pred.csv", Docs::Default, false, false, &[
            ("/documents", 3.0), ("/gold_quotes", 8.0), ("/pred_quotes", 11.0), ("/pred_nested_ignored", 1.0),
            ("/detection_exact/tp", 5.0), ("/detection_exact/f1", 0.5263), ("/detection_overlap/tp", 7.0),
            ("/detection_overlap/precision", 0.6364), ("/detection_overlap/recall", 0.875), ("/detection_overlap/f1", 0.7368),
            ("/recall_by_kind/partial/recall_exact", 0.3333), ("/attribution/correct", 4.0), ("/attribution/judged", 6.0),
            ("/end_to_end/tp", 5.0), ("/gold_without_mention", 1.0)]),
        // score.py gold.jsonl pred.csv --canonical
        // the right mention span no longer rescues "Petraitis" for "Rokanas Varnėla";
        // "Varnela" (no diacritic) and "Petraitis" (surname of "Jonas Petraitis Jr.") still count.
        ("canonical", "gold.jsonl", "pred.csv", Docs::Default, true, false, &[
            ("/attribution/correct", 3.0), ("/attribution/judged", 6.0), ("/attribution/speaker_accuracy", 0.5),
            ("/end_to_end/tp", 4.0), ("/end_to_end/f1", 0.4211)]),
        // score.py gold.jsonl pred_bom.csv   (BOM, CRLF, multi-line quoted fields: same figures)
        ("bom_multiline", "gold.jsonl", "pred_bom.csv", Docs::Default, false, false, &[
            ("/pred_quotes", 11.0), ("/detection_exact/tp", 5.0), ("/detection_overlap/tp", 7.0), ("/end_to_end/tp", 5.0)]),
        // mkdir /tmp/x && cp gold.jsonl pred.csv /tmp/x && score.py /tmp/x/gold.jsonl /tmp/x/pred.csv
        // without texts: exact = offsets within 2/3 chars; every predicted document counts.
        ("no_texts", "gold.jsonl", "pred.csv", Docs::None, false, false, &[
            ("/pred_quotes", 12.0), ("/detection_exact/tp", 6.0), ("/detection_overlap/tp", 7.0),
            ("/detection_overlap/f1", 0.7), ("/end_to_end/tp", 5.0)]),
        // score.py roles_gold.jsonl roles_pred.csv
        // optional and nested gold are neutral, not_quote gold negative.
        ("roles", "roles_gold.jsonl", "roles_pred.csv", Docs::Default, false, false, &[
            ("/gold_quotes", 2.0), ("/pred_quotes", 3.0), ("/gold_optional_or_nested", 2.0),
            ("/pred_on_optional_or_nested_ignored", 2.0), ("/gold_not_quote", 1.0),
            ("/false_positives_on_not_quote", 1.0), ("/detection_overlap/tp", 1.0), ("/detection_overlap/f1", 0.4),
            ("/end_to_end/tp", 1.0)]),
        // score.py roles_gold.jsonl roles_pred.csv --score-nested
        ("roles_nested", "roles_gold.jsonl", "roles_pred.csv", Docs::Default, false, true, &[
            ("/gold_quotes", 3.0), ("/pred_quotes", 4.0), ("/gold_optional_or_nested", 1.0),
            ("/pred_on_optional_or_nested_ignored", 1.0), ("/detection_overlap/tp", 2.0),
            ("/detection_overlap/f1", 0.5714), ("/attribution/judged", 2.0), ("/recall_by_kind/partial/recall_exact", 0.5)]),
        // score.py brat_equiv.jsonl brat_pred.csv --docs brat   (brat_equiv.jsonl = brat/ by hand)
        ("brat", "brat", "brat_pred.csv", Docs::Default, false, false, &[
            ("/documents", 2.0), ("/gold_quotes", 5.0), ("/gold_partial", 1.0), ("/gold_without_mention", 1.0),
            ("/detection_exact/tp", 4.0), ("/detection_overlap/f1", 0.8), ("/attribution/correct", 2.0),
            ("/attribution/judged", 3.0), ("/end_to_end/tp", 2.0)]),
        // score.py reviewed_equiv.jsonl pred.csv   (reviewed_equiv.jsonl = reviewed.csv by hand;
        // its wrong-speaker record is matched by a prediction naming a speaker, so the
        // never-an-e2e-TP rule and score.py's no-mention rule agree)
        ("reviewed", "reviewed.csv", "pred.csv", Docs::Default, false, false, &[
            ("/gold_quotes", 6.0), ("/gold_not_quote", 1.0), ("/false_positives_on_not_quote", 1.0),
            ("/gold_without_mention", 1.0), ("/detection_exact/tp", 3.0), ("/detection_overlap/tp", 5.0),
            ("/detection_overlap/f1", 0.5882), ("/attribution/correct", 3.0), ("/attribution/judged", 4.0),
            ("/end_to_end/tp", 3.0)]),
        // score.py reviewed_equiv.jsonl pred.csv --canonical
        ("reviewed_canonical", "reviewed.csv", "pred.csv", Docs::Default, true, false, &[
            ("/attribution/correct", 3.0), ("/attribution/judged", 4.0), ("/end_to_end/tp", 3.0)]),
    ];

    fn run_case(case: &Case, errors: usize) -> Report {
        let &(name, gold, pred, docs, canonical, score_nested, _) = case;
        let gold = data(gold);
        let opts = EvalOptions {
            docs: match docs {
                Docs::Default => default_docs(&gold),
                Docs::None => None,
            },
            canonical,
            score_nested,
            errors,
        };
        let g = load_gold(&gold).unwrap_or_else(|e| panic!("{name}: {e}"));
        let p = load_pred(&data(pred)).unwrap_or_else(|e| panic!("{name}: {e}"));
        evaluate(&g, &p, &opts).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    #[test]
    fn figures_match_score_py() {
        for case in CASES {
            let (name, .., want) = case;
            let got = run_case(case, 0).to_json();
            for &(ptr, v) in *want {
                let g = got.pointer(ptr).and_then(Value::as_f64);
                assert_eq!(g, Some(v), "case {name}: {ptr}");
            }
        }
    }

    #[test]
    fn whole_json_matches_score_py() {
        for case in CASES {
            let name = case.0;
            let want: Value =
                serde_json::from_str(&fs::read_to_string(data(&format!("expected/{name}.json"))).unwrap()).unwrap();
            assert_eq!(run_case(case, 0).to_json(), want, "case {name}");
        }
    }

    #[test]
    fn table_and_error_listing_match_score_py() {
        for case in CASES {
            let name = case.0;
            let want = fs::read_to_string(data(&format!("expected/{name}.out"))).unwrap();
            assert_eq!(run_case(case, 20).to_table(), want, "case {name}");
        }
    }

    #[test]
    fn greedy_matching() {
        // score.greedy_match(golds, preds, score.overlap_match, None) -> {gold: pred}
        #[rustfmt::skip]
        type Case = (&'static [(i64, i64)], &'static [(i64, i64)], &'static [(usize, usize)]);
        let cases: &[Case] = &[
            (&[(10, 30)], &[(8, 28), (12, 32)], &[(0, 0)]), // same overlap and distance: lower index
            (&[(0, 22)], &[(1, 20), (3, 28)], &[(0, 0)]),   // same overlap: smaller start distance
            (&[(0, 10), (12, 20)], &[(5, 15)], &[(0, 0)]),  // overlap 5 >= 50% of 10; 3 < 50% of 8
            (&[(0, 10)], &[(6, 30)], &[]),                  // 4 < 50% of 10
            (&[(0, 10)], &[(5, 21)], &[(0, 0)]),            // exactly 50%
            (&[(100, 110)], &[(90, 95), (115, 120)], &[]),  // pruned by offsets
            (&[(0, 10), (3, 12)], &[(2, 11), (0, 9)], &[(0, 1), (1, 0)]), // largest overlap first
        ];
        let sp = |&(s, e): &(i64, i64)| Sp { s, e, norm: (0, 0) };
        for (golds, preds, want) in cases {
            let g: Vec<Sp> = golds.iter().map(sp).collect();
            let p: Vec<Sp> = preds.iter().map(sp).collect();
            assert_eq!(greedy_match(&g, &p, Criterion::Overlap, false), *want, "{golds:?} {preds:?}");
        }
    }

    #[test]
    fn span_normalisation() {
        // score.norm_span(text, s, e)
        let cases: &[(&str, i64, i64, (i64, i64))] = &[
            ("“Yes.” he said", 0, 6, (1, 4)),
            (" «Non!» ", 0, 8, (2, 5)),
            ("He said \"we'll see…\" and left", 8, 20, (9, 18)),
            ("„Gut“—", 0, 6, (1, 4)),
            ("\"\"\"", 0, 3, (3, 3)),
            ("abc", -4, 10, (0, 3)),
            ("x “a” y", 2, 5, (3, 4)),
        ];
        for &(t, s, e, want) in cases {
            let chars: Vec<char> = t.chars().collect();
            assert_eq!(norm_span(&chars, s, e), want, "{t:?}");
        }
    }

    #[test]
    fn names_fold_like_python() {
        // score.normalize_name(s)
        let cases: &[(&str, &str)] = &[
            ("Varnėla", "varnela"),
            ("Rokanas VARNĖLA", "rokanas varnela"),
            ("Varnela\u{301}", "varnela"),
            ("Ingrida Šimonytė", "ingrida simonyte"),
            ("Lech Wałęsa", "lech wałesa"),
            ("Straße", "strasse"),
            ("ẞTRASSE", "sstrasse"),
            ("Dvořák", "dvorak"),
            ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"),
            ("  Jonas \u{9} PETRAITIS  Jr. ", "jonas petraitis jr"),
            ("“Bob”", "bob"),
            ("O’Neill,", "o’neill"),
            ("Ǆoković", "dzokovic"),
            ("ﬁnance ministry", "finance ministry"),
            ("ＡＢＣ Ｎｅｗｓ", "abc news"),
            ("ΣΟΦΊΑ", "σοφια"),
            ("Йосиф Кобзон", "иосиф кобзон"),
            ("İstanbul", "istanbul"),
            ("Ørsted", "ørsted"),
            ("Æsir", "æsir"),
            ("Smedvik…", "smedvik"),
            ("J.\u{a0}R.\u{2009}Tolkien", "j. r. tolkien"),
            ("a\u{1c}b", "a b"),
            ("Łukasz", "łukasz"),
            ("Ĳsselmeer", "ijsselmeer"),
            ("(the) [spokesman]!", "the) [spokesman"),
            ("ŉ", "ʼn"),
            ("ǅ", "dz"),
            ("Ŀlívia", "l·livia"),
        ];
        for &(s, want) in cases {
            assert_eq!(normalize_name(s), want, "{s:?}");
        }
    }

    #[test]
    fn speaker_rule() {
        // [score.speaker_correct(g, p) for p in P] with score.CANONICAL_ONLY = False / True
        let g = |speaker: &str, aliases: &[&str], mention: &str, spans: &[(i64, i64)]| GoldRecord {
            speaker: Some(speaker.into()).filter(|s: &String| !s.is_empty()),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            mention: Some(mention.into()).filter(|s: &String| !s.is_empty()),
            mention_start: spans.first().map(|s| s.0),
            mention_end: spans.first().map(|s| s.1),
            ..GoldRecord::default()
        };
        let golds = [
            g("Rokanas Varnėla", &["Varnėla"], "he", &[(10, 12)]),
            g("Jonas Petraitis Jr.", &[], "its leader", &[(10, 20)]),
            g("Mary Ann Smedvik III", &[], "Mary Ann Smedvik III", &[(10, 28)]), // speaker == mention: spans only
            g("Cher", &[], "the singer", &[(10, 20)]),                           // one token: no surname rule
            GoldRecord { mention_spans: vec![(30, 32), (50, 52)], ..g("he", &[], "he", &[]) },
            GoldRecord::default(),
        ];
        let p = |speaker: &str, span: Option<(i64, i64)>| PredRow {
            speaker: speaker.into(),
            mention_start: span.map(|s| s.0),
            mention_end: span.map(|s| s.1),
            ..PredRow::default()
        };
        let preds = [
            p("Varnela", None),
            p("Someone", Some((11, 12))),
            p("petraitis", Some((0, 5))),
            p("Jr.", None),
            p("Smedvik", None),
            p("smedvik iii", None),
            p("Cher", None),
            p("", Some((51, 60))),
            p("x", Some((12, 10))),
        ];
        let (t, f) = (Some(true), Some(false));
        #[rustfmt::skip]
        let want: [[[Option<bool>; 9]; 6]; 2] = [
            [[t, t, f, f, f, f, f, f, f], [f, t, t, f, f, f, f, f, f], [f, t, f, f, f, f, f, f, f],
             [f, t, f, f, f, f, t, f, f], [f, f, f, f, f, f, f, t, f], [None; 9]],
            [[t, f, f, f, f, f, f, f, f], [f, f, t, f, f, f, f, f, f], [f, t, f, f, f, f, f, f, f],
             [f, f, f, f, f, f, t, f, f], [f, f, f, f, f, f, f, t, f], [None; 9]],
        ];
        for (ci, canonical) in [false, true].into_iter().enumerate() {
            for (gi, gold) in golds.iter().enumerate() {
                let got: Vec<Option<bool>> = preds.iter().map(|p| speaker_correct(gold, p, canonical)).collect();
                assert_eq!(got, want[ci][gi], "canonical={canonical} gold {gi}");
            }
        }
    }

    #[test]
    fn doc_ids_map_like_score_py() {
        // score.doc_key(d, {'a.txt', 'sub/b.txt', 'x/c.txt', 'y/c.txt', 'c/d.md'})
        let known = Known::new(["a.txt", "sub/b.txt", "x/c.txt", "y/c.txt", "c/d.md"].into_iter());
        let cases = [
            (".\\a.txt", Some("a.txt")),
            ("./././sub/b.txt", Some("sub/b.txt")),
            ("other/b.txt", Some("sub/b.txt")),
            ("b.txt", Some("sub/b.txt")),
            ("c.txt", None), // two known ids end in c.txt
            ("zzz.txt", None),
            ("q/r/d.md", Some("c/d.md")),
        ];
        for (d, want) in cases {
            assert_eq!(known.key(d).as_deref(), want, "{d}");
        }
    }

    #[test]
    fn brat_reads_like_its_jsonl_equivalent() {
        let brat = load_gold(&data("brat")).unwrap();
        assert_eq!(brat, load_gold(&data("brat_equiv.jsonl")).unwrap());
        // a single .ann: doc id is the bare .txt name
        let one = load_gold(&data("brat/sub/news2.ann")).unwrap();
        assert_eq!(one.len(), 2);
        assert!(one.iter().all(|g| g.doc == "news2.txt"));
        assert_eq!(default_docs(&data("brat")), Some(data("brat")));
    }

    #[test]
    fn reviewed_verdicts() {
        let sheet = load_gold(&data("reviewed.csv")).unwrap();
        let mut equiv = load_gold(&data("reviewed_equiv.jsonl")).unwrap();
        // the JSONL cannot say "speaker unknown"; everything else is the same
        equiv[1].speaker_unknown = true;
        assert_eq!(sheet, equiv);
        assert_eq!(sheet[2].kind.as_deref(), Some("not_quote")); // "not a quote"
        assert_eq!(sheet[3].speaker.as_deref(), Some("Ingrida Šimonytė")); // corrected name, trimmed
        assert_eq!(sheet[3].mention, None);
        assert_eq!(sheet[5].kind.as_deref(), Some("direct")); // missed row without kind
    }

    #[test]
    fn speaker_unknown_is_never_an_end_to_end_hit() {
        // Deliberate difference from a gold record without mention in score.py,
        // where a prediction naming nobody is an end-to-end true positive.
        let mut g =
            GoldRecord { doc: "a.txt".into(), start: 0, end: 10, kind: Some("direct".into()), ..GoldRecord::default() };
        let p = PredRow { doc: "a.txt".into(), start: Some(0), end: Some(10), ..PredRow::default() };
        let e2e = |g: &GoldRecord| {
            let r = evaluate(std::slice::from_ref(g), std::slice::from_ref(&p), &EvalOptions::default()).unwrap();
            let j = r.to_json();
            (j["end_to_end"]["tp"].as_u64(), j["attribution"]["judged"].as_u64(), j["gold_without_mention"].as_u64())
        };
        assert_eq!(e2e(&g), (Some(1), Some(0), Some(1)));
        g.speaker_unknown = true;
        assert_eq!(e2e(&g), (Some(0), Some(0), Some(1)));
    }

    #[test]
    fn prediction_csv_parsing() {
        let plain = load_pred(&data("pred.csv")).unwrap();
        let bom = load_pred(&data("pred_bom.csv")).unwrap();
        assert_eq!(plain.len(), 14);
        assert_eq!(bom.len(), 14);
        assert_eq!(bom[0].text, "We will not\ngive up, \"he\" said");
        assert_eq!(bom[2].text, "line one\r\nline two");
        for (a, b) in plain.iter().zip(&bom) {
            assert_eq!(PredRow { text: String::new(), ..a.clone() }, PredRow { text: String::new(), ..b.clone() });
        }
        assert_eq!((plain[13].start, plain[13].end), (None, Some(5))); // "x": unusable, skipped with a warning
        assert_eq!(plain[11].confidence.as_deref(), Some(""));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("saidwho-eval-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let bad_json = dir.join("g.jsonl");
        fs::write(&bad_json, "{\"doc\": \"a\", \"start\": 1, \"end\": 2}\n\n{\"doc\": \"a\", \"start\": 1}\n").unwrap();
        let e = load_gold(&bad_json).unwrap_err().to_string();
        assert_eq!(e, format!("{}: line 3: no 'end'", bad_json.display()));
        let bad_csv = dir.join("p.csv");
        fs::write(&bad_csv, "doc,begin,end\na,1,2\n").unwrap();
        let e = load_pred(&bad_csv).unwrap_err().to_string();
        assert_eq!(
            e,
            format!("{}: prediction CSV lacks required column 'start' (has doc, begin, end)", bad_csv.display())
        );
        let sheet = dir.join("r.csv");
        fs::write(&sheet, "doc,start,end,verdict\na.txt,1,2,ok\na.txt,5,2,ok\n").unwrap();
        let e = load_gold(&sheet).unwrap_err().to_string();
        assert_eq!(e, format!("{}: line 3: unusable 'start'/'end'", sheet.display()));
        let opts = EvalOptions { docs: Some(dir.join("missing")), ..EvalOptions::default() };
        assert!(evaluate(&[], &[], &opts).unwrap_err().to_string().ends_with("missing: document folder not found"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn format_detection() {
        assert_eq!(GoldFormat::detect(&data("gold.jsonl")), GoldFormat::Jsonl);
        assert_eq!(GoldFormat::detect(&data("brat")), GoldFormat::Brat);
        assert_eq!(GoldFormat::detect(&data("brat/news1.ann")), GoldFormat::Brat);
        assert_eq!(GoldFormat::detect(&data("reviewed.csv")), GoldFormat::ReviewedCsv);
        assert_eq!(GoldFormat::detect(Path::new("gold.txt")), GoldFormat::Jsonl);
        assert_eq!(default_docs(&data("gold.jsonl")), Some(data("text")));
    }

    #[test]
    fn python_repr() {
        // repr(s)
        let cases = [
            ("Nobody", "'Nobody'"),
            ("Farmers' Union", "\"Farmers' Union\""),
            ("a'b\"c", "'a\\'b\"c'"),
            ("tab\there\\", "'tab\\there\\\\'"),
            ("nb\u{a0}sp\u{200b}", "'nb\\xa0sp\\u200b'"),
            ("Varnėla", "'Varnėla'"),
        ];
        for (s, want) in cases {
            assert_eq!(py_repr(s), want, "{s:?}");
        }
    }
}
