//! The command line: flags → a validated configuration → a run.
//!
//! `extract` walks its inputs in a fixed sorted order, cuts them into chunks
//! bounded in count and bytes, runs the pipeline over each chunk on a rayon
//! pool and writes the rendered rows in input order, so the output is
//! byte-identical for every `--jobs` and memory stays bounded by the chunk,
//! not the corpus. A file that cannot be used gives one line on stderr and
//! the run goes on; the exit code is 1 at the end. `-o FILE` is written to a
//! temporary file beside it and renamed only when the run completes.

use crate::error::{Error, ErrorKind};
use crate::input::{Document, ReadOptions, DEFAULT_MAX_BYTES};
use crate::output::{self, CsvWriter, Format};
use crate::{Extractor, Lexicon};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::fs;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Extract direct quotations and their speakers from news articles.
#[derive(Debug, Parser)]
#[command(name = "saidwho", version, about, long_about = None, after_help = COLUMNS_HELP)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

const COLUMNS_HELP: &str = "\
Output columns (CSV header / JSONL keys; offsets are characters, end exclusive):
  doc                 document id (path relative to a folder argument, path as given, - for stdin)
  quote_id            1-based, in order of start within the document
  start, end          the quote including its quotation marks
  text                the quoted words without the outer marks
  kind                direct | partial | nested | other (other only with --all)
  speaker             canonical name of the speaker (fullest form in the article), empty if unknown
  mention             the words the quote hangs on (\"he\", \"the envoy\"), with mention_start, mention_end
  cue                 the reporting words (\"said\", \"according to\"), with cue_start, cue_end
  confidence          0..1, how sure the attribution rule is
  addressee           who was spoken to (\"told the American envoy\"), canonical; addressee_mention as written
  parent, depth       quote_id of the enclosing quote; 0 for a top-level quote
  rule                the attribution rule that fired

Exit codes: 0 success, 1 some inputs were skipped (each reported on stderr), 2 usage or output error.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract quotes from files, folders (recursively: *.txt, *.md) or stdin (-).
    Extract(ExtractArgs),
    /// Score a prediction CSV against gold: JSONL, brat standoff (.ann beside .txt) or a reviewed CSV.
    Eval(EvalArgs),
}

/// Flags of `saidwho eval`.
#[derive(Debug, Args)]
struct EvalArgs {
    /// The gold: a .jsonl file, a brat folder or .ann file, or a reviewed sheet (.csv with a `verdict` column).
    gold: PathBuf,
    /// The prediction CSV (as written by `saidwho extract`), or - for stdin.
    pred: PathBuf,
    /// The article texts (default: text/ beside the gold file; the folder itself for brat).
    #[arg(long, value_name = "DIR")]
    docs: Option<PathBuf>,
    /// Judge speakers by canonical name alone where the gold gives one.
    #[arg(long)]
    canonical: bool,
    /// Score gold nested quotes like the others.
    #[arg(long)]
    score_nested: bool,
    /// List the N worst errors of each type.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
    /// Print the figures as JSON (the keys of score.py --json).
    #[arg(long)]
    json: bool,
}

/// Flags of `saidwho extract`.
#[derive(Debug, Args)]
struct ExtractArgs {
    /// Files, folders or - for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write to FILE (atomically: a temporary file renamed at the end) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Also write quote marks that are not speech (titles, scare quotes) as kind `other`.
    #[arg(long)]
    all: bool,
    /// Worker threads (default: all cores). The output is the same for every value.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Add the cue verbs, titles, roles and organisation words of a TOML file to the built-in lexicon.
    #[arg(long, value_name = "FILE")]
    lexicon: Option<PathBuf>,
    /// Read invalid UTF-8 anyway, replacing bad bytes with U+FFFD (and saying so).
    #[arg(long)]
    lossy: bool,
    /// Refuse input files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// How inputs are read: text files, or JSON lines with one article per line.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input: InputFormat,
    /// JSONL input: the field holding the document id.
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_field: String,
    /// JSONL input: the field holding the article text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    text_field: String,
    /// Print a summary line (files, quotes, MB, MB/s) on stderr at the end.
    #[arg(short, long)]
    verbose: bool,
}

/// How `extract` reads its inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Each file is one article (*.txt, *.md in folders).
    Text,
    /// Each line is a JSON object with an id and a text (*.jsonl, *.jsonl.gz in folders).
    Jsonl,
}

/// Parses the arguments and runs the command. `Ok` carries the exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<ExitCode, Error> {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Ok(ExitCode::from(code));
        }
    };
    match cli.command {
        Command::Extract(a) => extract(a),
        Command::Eval(a) => eval(a),
    }
}

/// `saidwho eval`: the figures of the project's scorer, computed in Rust.
fn eval(a: EvalArgs) -> Result<ExitCode, Error> {
    use crate::eval as ev;
    let fail = |e: ev::EvalError| Error::new(ErrorKind::Message(e.to_string()));
    let gold = ev::load_gold(&a.gold).map_err(fail)?;
    let pred = ev::load_pred(&a.pred).map_err(fail)?;
    let docs = a.docs.or_else(|| ev::default_docs(&a.gold));
    let opts = ev::EvalOptions { docs, canonical: a.canonical, score_nested: a.score_nested, errors: a.errors };
    let report = ev::evaluate(&gold, &pred, &opts).map_err(fail)?;
    let text = if a.json {
        let mut s = serde_json::to_string_pretty(&report.to_json()).expect("JSON renders");
        s.push('\n');
        s
    } else {
        report.to_table()
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// One unit of work: a file to read, or a text already read (stdin, JSONL).
enum Item {
    File { path: PathBuf, id: String, size: u64 },
    Text { id: String, text: String },
}

impl Item {
    fn size(&self) -> u64 {
        match self {
            Item::File { size, .. } => *size,
            Item::Text { text, .. } => text.len() as u64,
        }
    }
}

/// What one document gave.
struct Done {
    bytes: Vec<u8>,
    quotes: usize,
    size: u64,
    warning: Option<String>,
}

/// Where the output goes: stdout, or a temporary file renamed at the end.
enum Sink {
    Stdout(io::BufWriter<io::Stdout>),
    File { tmp: io::BufWriter<tempfile::NamedTempFile>, target: PathBuf },
}

impl Sink {
    fn open(target: Option<&Path>) -> Result<Sink, Error> {
        match target {
            None => Ok(Sink::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout()))),
            Some(p) => {
                let dir = match p.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let tmp = tempfile::Builder::new()
                    .prefix(".saidwho-")
                    .suffix(".tmp")
                    .tempfile_in(&dir)
                    .map_err(|e| Error::with_path(p, ErrorKind::Io(e)))?;
                Ok(Sink::File { tmp: io::BufWriter::with_capacity(1 << 16, tmp), target: p.to_path_buf() })
            }
        }
    }

    fn write_all(&mut self, b: &[u8]) -> Result<(), Error> {
        match self {
            Sink::Stdout(w) => w.write_all(b).map_err(Error::from),
            Sink::File { tmp, target } => tmp.write_all(b).map_err(|e| Error::with_path(&*target, ErrorKind::Io(e))),
        }
    }

    /// Flushes and, for a file, syncs and renames it into place.
    fn finish(self) -> Result<(), Error> {
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(Error::from),
            Sink::File { tmp, target } => {
                let err = |e: io::Error| Error::with_path(&target, ErrorKind::Io(e));
                let tmp = tmp.into_inner().map_err(|e| err(e.into_error()))?;
                tmp.as_file().sync_all().map_err(err)?;
                tmp.persist(&target).map_err(|e| err(e.error))?;
                Ok(())
            }
        }
    }
}

/// Chunks stay under these bounds, so memory does not grow with the corpus.
const CHUNK_DOCS: usize = 256;
const CHUNK_BYTES: u64 = 8 << 20;

fn extract(a: ExtractArgs) -> Result<ExitCode, Error> {
    let lexicon = match &a.lexicon {
        Some(p) => Lexicon::with_user_file(p)?,
        None => Lexicon::builtin(),
    };
    let ex = Extractor::with_lexicon(lexicon);
    let ropts = ReadOptions { lossy: a.lossy, max_bytes: a.max_bytes };
    let jobs = a.jobs.unwrap_or(0);
    if a.jobs == Some(0) {
        return Err(Error::new(ErrorKind::Usage("--jobs must be at least 1".into())));
    }
    if a.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::new(ErrorKind::Usage("stdin (-) can be given only once".into())));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::new(ErrorKind::Usage(e.to_string())))?;
    let mut sink = Sink::open(a.output.as_deref())?;
    if a.format == Format::Csv {
        sink.write_all(&CsvWriter::header())?;
    }
    let mut failed = false;
    let report = |e: &Error| eprintln!("saidwho: {e}");

    let started = Instant::now();
    let (mut n_docs, mut n_quotes, mut n_bytes) = (0u64, 0u64, 0u64);
    let progress = Progress::new(a.verbose);

    let mut chunk: Vec<Item> = Vec::new();
    let mut chunk_bytes = 0u64;
    let mut flush = |chunk: &mut Vec<Item>, sink: &mut Sink, failed: &mut bool| -> Result<(), Error> {
        let results: Vec<Result<Done, Error>> =
            pool.install(|| chunk.par_drain(..).map(|item| process(&ex, item, ropts, a.format, a.all)).collect());
        for r in results {
            match r {
                Ok(d) => {
                    if let Some(w) = &d.warning {
                        eprintln!("saidwho: {w}");
                    }
                    sink.write_all(&d.bytes)?;
                    n_docs += 1;
                    n_quotes += d.quotes as u64;
                    n_bytes += d.size;
                    progress.tick(n_docs, n_bytes);
                }
                Err(e) => {
                    report(&e);
                    *failed = true;
                }
            }
        }
        Ok(())
    };

    let mut push = |item: Item,
                    chunk: &mut Vec<Item>,
                    chunk_bytes: &mut u64,
                    sink: &mut Sink,
                    failed: &mut bool|
     -> Result<(), Error> {
        *chunk_bytes += item.size();
        chunk.push(item);
        if chunk.len() >= CHUNK_DOCS || *chunk_bytes >= CHUNK_BYTES {
            flush(chunk, sink, failed)?;
            *chunk_bytes = 0;
        }
        Ok(())
    };

    for path in &a.paths {
        let mut on_item = |item: Result<Item, Error>, sink: &mut Sink, failed: &mut bool| -> Result<(), Error> {
            match item {
                Ok(it) => push(it, &mut chunk, &mut chunk_bytes, sink, failed),
                Err(e) => {
                    report(&e);
                    *failed = true;
                    Ok(())
                }
            }
        };
        match a.input {
            InputFormat::Text => {
                for item in text_items(path, ropts) {
                    on_item(item, &mut sink, &mut failed)?;
                }
            }
            InputFormat::Jsonl => {
                for file in jsonl_files(path) {
                    match file {
                        Ok(f) => jsonl_items(&f, &a.id_field, &a.text_field, ropts, &mut |item| {
                            on_item(item, &mut sink, &mut failed)
                        })?,
                        Err(e) => on_item(Err(e), &mut sink, &mut failed)?,
                    }
                }
            }
        }
    }
    flush(&mut chunk, &mut sink, &mut failed)?;
    progress.finish();
    sink.finish()?;
    if a.verbose {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        let mb = n_bytes as f64 / 1e6;
        eprintln!("saidwho: {n_docs} documents, {n_quotes} quotes, {mb:.1} MB in {secs:.2} s ({:.1} MB/s)", mb / secs);
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Reads (if needed) and extracts one item, rendering its rows.
fn process(ex: &Extractor, item: Item, ropts: ReadOptions, format: Format, all: bool) -> Result<Done, Error> {
    let doc = match item {
        Item::File { path, id, .. } => Document::from_path(&path, id, ropts)?,
        Item::Text { id, text } => Document::new(id, text),
    };
    let warning = (doc.replaced() > 0)
        .then(|| format!("{}: replaced {} invalid UTF-8 sequence(s) with U+FFFD (--lossy)", doc.id(), doc.replaced()));
    let quotes = ex.extract(doc.text());
    let rows = output::rows(doc.id(), doc.text(), &quotes, all);
    let mut bytes = Vec::with_capacity(rows.len() * 256);
    match format {
        Format::Csv => CsvWriter::render(&rows, &mut bytes),
        Format::Jsonl => output::render_jsonl(&rows, &mut bytes),
    }
    Ok(Done { bytes, quotes: rows.len(), size: doc.text().len() as u64, warning })
}

/// The text inputs of one path argument, in sorted order.
fn text_items(path: &Path, ropts: ReadOptions) -> Vec<Result<Item, Error>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        return vec![io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Error::with_path("-", ErrorKind::Io(e)))
            .and_then(|_| Document::from_bytes("-", buf, ropts).map_err(|k| Error::with_path("-", k)))
            .map(|d| Item::Text { id: d.id().to_string(), text: d.text().to_string() })];
    }
    match fs::metadata(path) {
        Err(e) => vec![Err(Error::with_path(path, ErrorKind::Io(e)))],
        Ok(m) if m.is_dir() => {
            let mut out = Vec::new();
            walk(path, path, &["txt", "md"], &mut out);
            out.into_iter().map(|r| r.map(|(p, id, size)| Item::File { path: p, id, size })).collect()
        }
        Ok(m) => {
            vec![Ok(Item::File { path: path.to_path_buf(), id: path.to_string_lossy().into_owned(), size: m.len() })]
        }
    }
}

/// Files under `dir` with one of `exts`, sorted by their relative path, as
/// (path, id relative to `root` with `/` separators, size).
fn walk(root: &Path, dir: &Path, exts: &[&str], out: &mut Vec<Result<(PathBuf, String, u64), Error>>) {
    let rd = match fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            out.push(Err(Error::with_path(dir, ErrorKind::Io(e))));
            return;
        }
    };
    let mut entries: Vec<(PathBuf, bool, u64)> = Vec::new();
    for ent in rd {
        match ent {
            Ok(ent) => {
                let p = ent.path();
                match fs::metadata(&p) {
                    Ok(m) => entries.push((p, m.is_dir(), m.len())),
                    Err(e) => out.push(Err(Error::with_path(&p, ErrorKind::Io(e)))),
                }
            }
            Err(e) => out.push(Err(Error::with_path(dir, ErrorKind::Io(e)))),
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (p, is_dir, size) in entries {
        if is_dir {
            walk(root, &p, exts, out);
        } else if has_ext(&p, exts) {
            let rel = p.strip_prefix(root).unwrap_or(&p);
            let id = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            out.push(Ok((p, id, size)));
        }
    }
}

fn has_ext(p: &Path, exts: &[&str]) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    exts.iter().any(|e| name.ends_with(&format!(".{e}")))
}

/// The JSONL files of one path argument (a file, `-`, or a folder of
/// *.jsonl / *.jsonl.gz).
fn jsonl_files(path: &Path) -> Vec<Result<PathBuf, Error>> {
    if path.as_os_str() == "-" {
        return vec![Ok(path.to_path_buf())];
    }
    match fs::metadata(path) {
        Err(e) => vec![Err(Error::with_path(path, ErrorKind::Io(e)))],
        Ok(m) if m.is_dir() => {
            let mut out = Vec::new();
            walk(path, path, &["jsonl", "jsonl.gz", "ndjson", "ndjson.gz"], &mut out);
            out.into_iter().map(|r| r.map(|(p, _, _)| p)).collect()
        }
        Ok(_) => vec![Ok(path.to_path_buf())],
    }
}

/// Streams the records of one JSONL file (gzip when named *.gz), one line at
/// a time. A malformed line is reported with its line number and skipped.
fn jsonl_items(
    path: &Path,
    id_field: &str,
    text_field: &str,
    ropts: ReadOptions,
    sink: &mut dyn FnMut(Result<Item, Error>) -> Result<(), Error>,
) -> Result<(), Error> {
    let reader: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        let f = fs::File::open(path).map_err(|e| Error::with_path(path, ErrorKind::Io(e)))?;
        if path.to_string_lossy().ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(f))
        } else {
            Box::new(f)
        }
    };
    let mut r = BufReader::with_capacity(1 << 16, reader);
    let mut line = Vec::new();
    let mut n = 0u64;
    loop {
        line.clear();
        let got = match read_line_limited(&mut r, &mut line, ropts.max_bytes) {
            Ok(g) => g,
            Err(e) => return sink(Err(Error::with_path(path, ErrorKind::Io(e)))),
        };
        if got == 0 {
            return Ok(());
        }
        n += 1;
        let bad = |msg: String| Err(Error::with_path(path, ErrorKind::BadRecord { line: n, msg }));
        if got as u64 > ropts.max_bytes {
            sink(bad(format!("record longer than --max-bytes ({} bytes), skipped", ropts.max_bytes)))?;
            continue;
        }
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_slice(trimmed) {
            Ok(v) => v,
            Err(e) => {
                sink(bad(format!("not valid JSON ({e}), skipped")))?;
                continue;
            }
        };
        let id = match v.get(id_field) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(x)) => x.to_string(),
            _ => {
                sink(bad(format!("no string field \"{id_field}\", skipped")))?;
                continue;
            }
        };
        let text = match v.get(text_field) {
            Some(serde_json::Value::String(s)) => s.clone(),
            _ => {
                sink(bad(format!("record {id}: no string field \"{text_field}\", skipped")))?;
                continue;
            }
        };
        if text.contains('\0') {
            sink(bad(format!("record {id}: text holds a NUL character, skipped")))?;
            continue;
        }
        sink(Ok(Item::Text { id, text: Document::new("", text).text().to_string() }))?;
    }
}

/// Reads one line, but stops storing after `limit` bytes (the rest of the
/// line is consumed and counted), so one absurd line cannot exhaust memory.
fn read_line_limited(r: &mut impl BufRead, out: &mut Vec<u8>, limit: u64) -> io::Result<usize> {
    let mut total = 0usize;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(total);
        }
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if (out.len() as u64) < limit.saturating_add(1) {
            out.extend_from_slice(&buf[..take]);
        }
        total += take;
        r.consume(take);
        if done {
            return Ok(total);
        }
    }
}

/// A progress bar on stderr, only when stderr is a terminal.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(_verbose: bool) -> Progress {
        let bar = io::stderr().is_terminal().then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg} [{elapsed_precise}]").expect("valid template"),
            );
            b.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
            b
        });
        Progress { bar }
    }

    fn tick(&self, docs: u64, bytes: u64) {
        if let Some(b) = &self.bar {
            b.set_message(format!("{docs} documents, {:.1} MB", bytes as f64 / 1e6));
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
