//! The command line: flags → a validated configuration → a run.
//!
//! Every command walks its inputs in a fixed sorted order, cuts them into
//! chunks bounded in count and bytes, runs the pipeline over each chunk on a
//! rayon pool and hands the results on in input order, so the output is
//! byte-identical for every `--jobs` and memory stays bounded by the chunk,
//! not the corpus. Per chunk: extract, and work out each document's
//! speakers on its own (parallel) → give speaker ids ([`crate::speakers`]:
//! the merge into the batch's clusters, serial and first-seen, so CSV still
//! streams) → render (parallel) → write (in order). A file that cannot be
//! used gives one line on stderr and the run goes on; the exit code is 1 at
//! the end.
//! `-o FILE` is written to a temporary file beside it and renamed only when
//! the run completes.
//!
//! - `extract`: CSV (default, or `--excel` for spreadsheets), JSONL, or an
//!   XLSX workbook (`--format xlsx -o FILE`, built in memory, written at
//!   the end);
//! - `report`: one self-contained HTML page for reviewers ([`crate::report`]);
//! - `speakers`: one row per speaker of the batch.

use crate::attributor::Quote;
use crate::error::{Error, ErrorKind};
use crate::input::{Document, ReadOptions, DEFAULT_MAX_BYTES};
use crate::output::excel::ExcelCsvWriter;
use crate::output::xlsx::XlsxWriter;
use crate::output::{self, is_written, Context, CsvWriter, Format, Row, RowOptions};
use crate::report::{self, Report, ReportOptions};
use crate::speakers::{ClusterId, DocSpeakers, SpeakerIds};
use crate::{Extractor, Lexicon};
use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::borrow::Cow;
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
  via                 what the words reached the writer through, as written (\"CNN\" in \"X said, according
                      to CNN\"); the speaker stays the person who spoke
  speaker_id          the same id for the same person across the whole run, despite spelling variants
                      (S0001, S0002, ... in order of first appearance; --aliases pins ids); empty if no speaker
  context             the writer's sentence around the quote (extract --context paragraph|none)

Exit codes: 0 success, 1 some inputs were skipped (each reported on stderr), 2 usage or output error.";

const EXTRACT_HELP: &str = "\
Spreadsheets: `--excel` writes the same CSV for Excel / LibreOffice / Google Sheets (BOM, CRLF,
an apostrophe before cells starting with = + - @ tab CR). `--format xlsx -o quotes.xlsx` writes a
workbook: sheet \"quotes\" (frozen header, filter, numbers as numbers, a verdict drop-down) and sheet
\"speakers\". The default CSV is byte-faithful and never changed by either.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract quotes from files, folders (recursively: *.txt, *.md) or stdin (-).
    #[command(after_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
    /// Write one HTML page for reviewers: every article with its quotes highlighted, one colour per speaker.
    Report(ReportArgs),
    /// List the speakers of a batch: id, names seen, quote count, documents.
    Speakers(SpeakersArgs),
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

/// Inputs and how they are read (shared by every command).
#[derive(Debug, Args)]
#[command(next_help_heading = "Input")]
struct InputArgs {
    /// Files, folders or - for stdin.
    #[arg(required = true, help_heading = None::<&str>)]
    paths: Vec<PathBuf>,
    /// Also take quote marks that are not speech (titles, scare quotes), as kind `other`.
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
    /// Pin speaker identities: a CSV of `name,id` rows; every listed name gets that id.
    #[arg(long, value_name = "FILE")]
    aliases: Option<PathBuf>,
}

/// Flags of `saidwho extract`.
#[derive(Debug, Args)]
struct ExtractArgs {
    /// Write to FILE (atomically: a temporary file renamed at the end) instead of stdout
    /// (`-` is stdout; a device or a named pipe is written in place).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format (xlsx needs -o FILE).
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// CSV for spreadsheets: UTF-8 BOM, CRLF, and an apostrophe before cells starting with = + - @ (or tab/CR).
    ///
    /// Without --excel the CSV is byte-faithful: every cell exactly as in the text, LF line ends, no BOM.
    /// With it, Excel opens the file right on a double click (letters such as "ė" or "ł" are not mangled; in LibreOffice
    /// pick UTF-8 in the import dialog), a multi-line quote stays one cell, and a cell such as "=1+1" or
    /// "-5 dead" is kept as text instead of being run as a formula: an apostrophe is put in front, which
    /// some programs show (strip it, and the BOM, when reading the file back). Cells over 32,767
    /// characters are cut. For --format csv only.
    #[arg(long)]
    excel: bool,
    /// What the `context` column holds: the sentence around the quote, its paragraph, or nothing (the column stays).
    #[arg(long, value_enum, default_value_t = Context::Sentence)]
    context: Context,
    #[command(flatten)]
    input: InputArgs,
}

/// Flags of `saidwho report`.
#[derive(Debug, Args)]
struct ReportArgs {
    /// Write the HTML page to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Quotes with a confidence below this are outlined and can be filtered.
    #[arg(long, value_name = "X", default_value_t = 0.6)]
    low_confidence: f32,
    /// The page title.
    #[arg(long, value_name = "TEXT", default_value = "saidwho review")]
    title: String,
    #[command(flatten)]
    input: InputArgs,
}

/// Flags of `saidwho speakers`.
#[derive(Debug, Args)]
struct SpeakersArgs {
    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// CSV for spreadsheets (BOM, CRLF, formula-like cells behind an apostrophe), as for extract --excel.
    #[arg(long)]
    excel: bool,
    #[command(flatten)]
    input: InputArgs,
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
        Command::Report(a) => report_cmd(a),
        Command::Speakers(a) => speakers_cmd(a),
        Command::Eval(a) => eval(a),
    }
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

/// One document read and run through the pipeline.
struct Extracted {
    doc: Document,
    quotes: Vec<Quote>,
    /// Its speakers, prepared for the batch's ids on the worker thread.
    speakers: DocSpeakers,
}

/// Where the output goes: stdout, a temporary file renamed over the target
/// at the end, or a target that is not a regular file, written in place.
enum Sink {
    Stdout(io::BufWriter<io::Stdout>),
    File {
        tmp: io::BufWriter<tempfile::NamedTempFile>,
        target: PathBuf,
    },
    /// A device or a named pipe (`-o /dev/null`, `-o >(gzip > q.csv.gz)`):
    /// a file renamed over it would replace the device itself (as root,
    /// `-o /dev/null` turned /dev/null into a regular file holding the CSV,
    /// and every program that then read /dev/null read that), and a pipe's
    /// reader would never see the rows.
    Direct {
        out: io::BufWriter<fs::File>,
        target: PathBuf,
    },
}

impl Sink {
    fn open(target: Option<&Path>) -> Result<Sink, Error> {
        match target {
            // `-o -` is stdout, as `-` is stdin among the inputs
            None => Ok(Sink::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout()))),
            Some(p) if p.as_os_str() == "-" => Sink::open(None),
            // (metadata follows a symlink: a link to a device is a device)
            Some(p) if fs::metadata(p).is_ok_and(|m| !m.is_file()) => {
                let out =
                    fs::OpenOptions::new().write(true).open(p).map_err(|e| Error::with_path(p, ErrorKind::Io(e)))?;
                Ok(Sink::Direct { out: io::BufWriter::with_capacity(1 << 16, out), target: p.to_path_buf() })
            }
            Some(p) => {
                // a symlink to a file stays a symlink: the file it points to
                // is the one replaced
                let real = match fs::symlink_metadata(p) {
                    Ok(m) if m.file_type().is_symlink() => fs::canonicalize(p).ok(),
                    _ => None,
                };
                let p = real.as_deref().unwrap_or(p);
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
            Sink::Direct { out, target } => out.write_all(b).map_err(|e| Error::with_path(&*target, ErrorKind::Io(e))),
        }
    }

    /// Writes a finished workbook (to a file: `extract` refuses xlsx to stdout).
    fn write_workbook(&mut self, book: XlsxWriter, speakers: &SpeakerIds) -> Result<(), Error> {
        match self {
            Sink::Stdout(_) => Err(usage("--format xlsx needs -o FILE")),
            Sink::File { tmp, .. } => book.finish(speakers, tmp),
            // (the workbook is a zip, written with seeks: made in memory)
            Sink::Direct { .. } => {
                let mut zip = io::Cursor::new(Vec::new());
                book.finish(speakers, &mut zip)?;
                self.write_all(&zip.into_inner())
            }
        }
    }

    /// Flushes and, for a file, syncs and renames it into place.
    fn finish(self) -> Result<(), Error> {
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(Error::from),
            // (no sync: a device or a pipe has none, and nothing to rename)
            Sink::Direct { mut out, target } => out.flush().map_err(|e| Error::with_path(&target, ErrorKind::Io(e))),
            Sink::File { tmp, target } => {
                let err = |e: io::Error| Error::with_path(&target, ErrorKind::Io(e));
                let tmp = tmp.into_inner().map_err(|e| err(e.into_error()))?;
                tmp.as_file().sync_all().map_err(err)?;
                // a temporary file is private (0600); the output is an
                // ordinary file: keep the mode of the file it replaces, or 0644
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let mode = fs::metadata(&target).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
                    tmp.as_file().set_permissions(fs::Permissions::from_mode(mode)).map_err(err)?;
                }
                tmp.persist(&target).map_err(|e| err(e.error))?;
                Ok(())
            }
        }
    }
}

/// Chunks stay under these bounds, so memory does not grow with the corpus.
const CHUNK_DOCS: usize = 256;
const CHUNK_BYTES: u64 = 8 << 20;
/// With one job nothing is extracted beside the hand-on, so a chunk is one
/// document: it is handed on as soon as the next one is extracted, while
/// what it allocated is still in the processor's caches. In chunks of 256
/// documents the memory a chunk freed had gone cold by the time the next
/// chunk allocated it again, and mimalloc's first read of each reused block
/// (its free-list link) missed the cache: 6.8% of a one-job run's time
/// (sampled with perf), 2.9% with this, and 3–5% less CPU in all. (A pool
/// keeps its 256: smaller chunks were slower there, the two halves of
/// each `rayon::join` having less to do.)
const ONE_JOB_CHUNK_DOCS: usize = 1;

/// What a chunk of documents is handed to, in input order, with the workers to
/// render it on.
type OnChunk<'f> = dyn FnMut(&Workers, Vec<Extracted>) -> Result<(), Error> + Send + 'f;

/// Where the work of a chunk runs. One job is the calling thread itself:
/// handing every chunk to a pool thread and back left two threads taking
/// turns, and the scheduler moving them between cores, each move to a cold
/// cache. More jobs are a rayon pool of that many threads.
enum Workers {
    One,
    Pool(rayon::ThreadPool),
}

impl Workers {
    /// `f(0) … f(n - 1)`, in that order, on the workers.
    fn map_range<R: Send>(&self, n: usize, f: impl Fn(usize) -> R + Sync + Send) -> Vec<R> {
        match self {
            Workers::One => (0..n).map(f).collect(),
            Workers::Pool(pool) => pool.install(|| (0..n).into_par_iter().map(f).collect()),
        }
    }
}

/// Walks the inputs of one command in chunks (see the module docs).
struct Runner<'f> {
    ex: Extractor,
    ropts: ReadOptions,
    workers: Workers,
    all: bool,
    chunk: Vec<Item>,
    chunk_bytes: u64,
    failed: bool,
    n_docs: u64,
    n_quotes: u64,
    n_bytes: u64,
    progress: Progress,
    /// The chunk extracted last, handed on while the next one is extracted.
    pending: Option<Vec<Extracted>>,
    each: &'f mut OnChunk<'f>,
}

impl Runner<'_> {
    fn push(&mut self, item: Result<Item, Error>) -> Result<(), Error> {
        match item {
            Ok(it) => {
                self.chunk_bytes += it.size();
                self.chunk.push(it);
                let most = if matches!(self.workers, Workers::One) { ONE_JOB_CHUNK_DOCS } else { CHUNK_DOCS };
                if self.chunk.len() >= most || self.chunk_bytes >= CHUNK_BYTES {
                    self.flush()?;
                }
            }
            Err(e) => {
                eprintln!("saidwho: {e}");
                self.failed = true;
            }
        }
        Ok(())
    }

    /// Extracts the current chunk on the pool while the chunk before it is
    /// handed on (speaker ids, rendering, writing: serial work that would
    /// otherwise leave the other cores idle); chunks are still handed on
    /// one at a time, in input order. With `--jobs 1` the two steps take
    /// turns on the calling thread.
    ///
    /// With a pool, the two are the halves of one `rayon::join`: the
    /// hand-on is a task beside the extraction's, taken by the first worker
    /// free, and its rendering splits into tasks any worker can steal.
    /// (Run from a thread of its own, the hand-on's rendering waited in
    /// rayon's queue for outside work until the extraction was done, and
    /// then the workers waited while it wrote: two steps at every chunk
    /// with a core idle; 1.6× on two cores against 1.8× now.)
    fn flush(&mut self) -> Result<(), Error> {
        let items = std::mem::take(&mut self.chunk);
        let (ex, ropts, all, workers, each) = (&self.ex, self.ropts, self.all, &self.workers, &mut self.each);
        let prev = self.pending.take();
        let pool = match workers {
            // with one job, one thread works: hand on, then extract
            Workers::One => {
                if let Some(docs) = prev {
                    each(workers, docs)?;
                }
                let results: Vec<Result<Extracted, Error>> =
                    items.into_iter().map(|item| extract_item(ex, item, ropts, all)).collect();
                return self.take_results(results);
            }
            Workers::Pool(pool) => pool,
        };
        let (results, handed) = pool.install(|| {
            rayon::join(
                || -> Vec<Result<Extracted, Error>> {
                    items.into_par_iter().map(|item| extract_item(ex, item, ropts, all)).collect()
                },
                || match prev {
                    Some(docs) => each(workers, docs),
                    None => Ok(()),
                },
            )
        });
        handed?;
        self.take_results(results)
    }

    /// Reports the chunk's unreadable documents and keeps the others for
    /// handing on.
    fn take_results(&mut self, results: Vec<Result<Extracted, Error>>) -> Result<(), Error> {
        self.chunk_bytes = 0;
        let mut docs = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(d) => {
                    if d.doc.replaced() > 0 {
                        eprintln!(
                            "saidwho: {}: replaced {} invalid UTF-8 sequence(s) with U+FFFD (--lossy)",
                            d.doc.id(),
                            d.doc.replaced()
                        );
                    }
                    self.n_docs += 1;
                    self.n_quotes += d.quotes.iter().filter(|q| is_written(q, self.all)).count() as u64;
                    self.n_bytes += d.doc.text().len() as u64;
                    self.progress.tick(self.n_docs, self.n_bytes);
                    docs.push(d);
                }
                Err(e) => {
                    eprintln!("saidwho: {e}");
                    self.failed = true;
                }
            }
        }
        if !docs.is_empty() {
            self.pending = Some(docs);
        }
        Ok(())
    }

    /// Extracts what is left and hands on the last chunk.
    fn finish(&mut self) -> Result<(), Error> {
        self.flush()?;
        match self.pending.take() {
            Some(docs) => (self.each)(&self.workers, docs),
            None => Ok(()),
        }
    }
}

/// The totals of a run.
struct Stats {
    failed: bool,
    docs: u64,
    quotes: u64,
    bytes: u64,
    started: Instant,
    verbose: bool,
}

impl Stats {
    /// The `--verbose` line, then the exit code.
    fn exit(self) -> ExitCode {
        if self.verbose {
            let secs = self.started.elapsed().as_secs_f64().max(1e-9);
            let mb = self.bytes as f64 / 1e6;
            eprintln!(
                "saidwho: {} documents, {} quotes, {mb:.1} MB in {secs:.2} s ({:.1} MB/s)",
                self.docs,
                self.quotes,
                mb / secs
            );
        }
        if self.failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// What every command sets up before it opens its output: the extractor,
/// the workers and the speaker ids (aliases loaded).
struct Setup {
    ex: Extractor,
    workers: Workers,
    speakers: SpeakerIds,
}

/// Checks the shared flags, loads the lexicon and the aliases (so a bad
/// file fails the run before any output is opened).
fn prepare(a: &InputArgs) -> Result<Setup, Error> {
    if a.jobs == Some(0) {
        return Err(Error::new(ErrorKind::Usage("--jobs must be at least 1".into())));
    }
    if a.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::new(ErrorKind::Usage("stdin (-) can be given only once".into())));
    }
    let lexicon = match &a.lexicon {
        Some(p) => Lexicon::with_user_file(p)?,
        None => Lexicon::builtin(),
    };
    let speakers = match &a.aliases {
        Some(p) => SpeakerIds::from_alias_file(p)?,
        None => SpeakerIds::new(),
    };
    let workers = match a.jobs {
        Some(1) => Workers::One,
        jobs => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.unwrap_or(0))
                .build()
                .map_err(|e| Error::new(ErrorKind::Usage(e.to_string())))?;
            // (all cores of a one-core machine, or RAYON_NUM_THREADS=1)
            if pool.current_num_threads() == 1 {
                Workers::One
            } else {
                Workers::Pool(pool)
            }
        }
    };
    Ok(Setup { ex: Extractor::with_lexicon(lexicon), workers, speakers })
}

/// Runs the pipeline over every input of `a`, handing chunks to `each`.
fn run_inputs<'f>(a: &InputArgs, ex: Extractor, workers: Workers, each: &'f mut OnChunk<'f>) -> Result<Stats, Error> {
    let ropts = ReadOptions { lossy: a.lossy, max_bytes: a.max_bytes };
    let started = Instant::now();
    let mut r = Runner {
        ex,
        ropts,
        workers,
        all: a.all,
        chunk: Vec::new(),
        chunk_bytes: 0,
        failed: false,
        n_docs: 0,
        n_quotes: 0,
        n_bytes: 0,
        progress: Progress::new(a.verbose),
        pending: None,
        each,
    };
    for path in &a.paths {
        match a.input {
            InputFormat::Text => match &r.workers {
                Workers::One => text_items(path, ropts, &mut |item| r.push(item))?,
                // the walk (a stat per file) runs on a thread of its own
                // beside the extraction: between chunks on this thread,
                // every worker waited for it
                Workers::Pool(_) => std::thread::scope(|s| {
                    let (tx, rx) = std::sync::mpsc::sync_channel(CHUNK_DOCS);
                    s.spawn(move || {
                        // (the run has stopped when nobody receives)
                        let gone = || Error::new(ErrorKind::Message("the run has stopped".into()));
                        text_items(path, ropts, &mut |item| tx.send(item).map_err(|_| gone()))
                    });
                    rx.into_iter().try_for_each(|item| r.push(item))
                })?,
            },
            InputFormat::Jsonl => {
                for file in jsonl_files(path) {
                    match file {
                        Ok(f) => jsonl_items(&f, &a.id_field, &a.text_field, ropts, &mut |item| r.push(item))?,
                        Err(e) => r.push(Err(e))?,
                    }
                }
            }
        }
    }
    r.finish()?;
    r.progress.finish();
    Ok(Stats { failed: r.failed, docs: r.n_docs, quotes: r.n_quotes, bytes: r.n_bytes, started, verbose: a.verbose })
}

/// Gives speaker ids to the quotes of a chunk (serial, in input order; the
/// per-document part was done by [`extract_item`]). Each document's
/// prepared speakers are taken out of it (nothing reads them afterwards),
/// so their strings move into the clusters instead of being copied.
fn assign_ids(speakers: &mut SpeakerIds, docs: &mut [Extracted]) -> Vec<Vec<Option<ClusterId>>> {
    docs.iter_mut().map(|d| speakers.assign_owned(d.doc.id(), std::mem::take(&mut d.speakers))).collect()
}

/// The rows of one document with its speaker ids.
fn rows_of<'a>(
    d: &'a Extracted,
    ids: &[Option<ClusterId>],
    speakers: &'a SpeakerIds,
    opts: RowOptions,
) -> Vec<Row<'a>> {
    let ids = ids.iter().map(|c| Cow::Borrowed(c.map(|c| speakers.id(c)).unwrap_or(""))).collect();
    output::rows_with(d.doc.id(), d.doc.text(), &d.quotes, opts, ids)
}

fn usage(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::Usage(msg.into()))
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

fn extract(a: ExtractArgs) -> Result<ExitCode, Error> {
    if a.excel && a.format != Format::Csv {
        return Err(usage("--excel applies to --format csv only (an xlsx workbook needs no such care)"));
    }
    if a.format == Format::Xlsx && a.output.as_ref().is_none_or(|p| p.as_os_str() == "-") {
        return Err(usage("--format xlsx writes a binary workbook and needs -o FILE.xlsx, not stdout"));
    }
    let format = a.format;
    let Setup { ex, workers, mut speakers } = prepare(&a.input)?;
    if format != Format::Xlsx {
        // only the workbook's speakers sheet lists documents
        speakers.skip_documents();
    }
    let opts = RowOptions { all: a.input.all, context: a.context };
    let excel = a.excel;
    let mut sink = Sink::open(a.output.as_deref())?;
    let mut book = if format == Format::Xlsx { Some(XlsxWriter::new()?) } else { None };
    if format == Format::Csv {
        sink.write_all(&if excel { ExcelCsvWriter::header() } else { CsvWriter::header() })?;
    }
    let stats = run_inputs(&a.input, ex, workers, &mut |workers, mut docs| {
        let ids = assign_ids(&mut speakers, &mut docs);
        let speakers = &speakers;
        if let Some(book) = &mut book {
            for (d, ids) in docs.iter().zip(&ids) {
                book.append(&rows_of(d, ids, speakers, opts))?;
            }
            return Ok(());
        }
        // each document's rows rendered on the pool, up to a piece each
        // (with the row to go on from when a document had more)
        let bufs: Vec<(Vec<u8>, Option<usize>)> = workers.map_range(docs.len(), |i| {
            let rows = rows_of(&docs[i], &ids[i], speakers, opts);
            // a CSV row of news text is ~420 bytes (its sentence,
            // its quote): room for the rows without growing (and
            // copying) the buffer on the way
            let mut bytes = Vec::with_capacity(rows.len().min(PIECE_ROWS) * 512);
            let next = render_piece(format, excel, &rows, 0, &mut bytes);
            (bytes, (next < rows.len()).then_some(next))
        });
        for (i, (b, next)) in bufs.into_iter().enumerate() {
            sink.write_all(&b)?;
            // the rest of a document too big for one piece, in order, a
            // piece at a time (its rows made again: they borrow, and cost
            // little beside their rendering)
            if let Some(mut at) = next {
                drop(b);
                let rows = rows_of(&docs[i], &ids[i], speakers, opts);
                let mut piece = Vec::new();
                while at < rows.len() {
                    piece.clear();
                    at = render_piece(format, excel, &rows, at, &mut piece);
                    sink.write_all(&piece)?;
                }
            }
        }
        Ok(())
    })?;
    if let Some(book) = book {
        sink.write_workbook(book, &speakers)?;
    }
    sink.finish()?;
    Ok(stats.exit())
}

fn report_cmd(a: ReportArgs) -> Result<ExitCode, Error> {
    if !(0.0..=1.0).contains(&a.low_confidence) {
        return Err(usage("--low-confidence must be between 0 and 1"));
    }
    let Setup { ex, workers, mut speakers } = prepare(&a.input)?;
    let ropts = ReportOptions { low_confidence: a.low_confidence, all: a.input.all, title: a.title.clone() };
    let opts = RowOptions { all: a.input.all, context: Context::None };
    let mut sink = Sink::open(a.output.as_deref())?;
    let mut page = Report::new(ropts.clone());
    let mut next = 1usize;
    let stats = run_inputs(&a.input, ex, workers, &mut |workers, mut docs| {
        let ids = assign_ids(&mut speakers, &mut docs);
        let speakers = &speakers;
        let base = next;
        next += docs.len();
        let articles: Vec<report::Article> = workers.map_range(docs.len(), |i| {
            let d = &docs[i];
            let rows = rows_of(d, &ids[i], speakers, opts);
            report::render_article(base + i, d.doc.id(), d.doc.text(), &d.quotes, &rows, &ropts)
        });
        for art in articles {
            page.push(art);
        }
        Ok(())
    })?;
    sink.write_all(page.finish(&speakers).as_bytes())?;
    sink.finish()?;
    Ok(stats.exit())
}

fn speakers_cmd(a: SpeakersArgs) -> Result<ExitCode, Error> {
    let Setup { ex, workers, mut speakers } = prepare(&a.input)?;
    let mut sink = Sink::open(a.output.as_deref())?;
    let stats = run_inputs(&a.input, ex, workers, &mut |_, mut docs| {
        assign_ids(&mut speakers, &mut docs);
        Ok(())
    })?;
    sink.write_all(&speakers.summary_csv(a.excel))?;
    sink.finish()?;
    Ok(stats.exit())
}

/// About the most bytes of rendered rows held at once for one document. A
/// news article renders to about its own size, but a document of deeply
/// nested quotes to hundreds of times its size (each row's text holds the
/// levels inside it: 1 MB nested 1,000 deep is 1 GB of CSV), which rendered
/// whole was all in memory at once.
const PIECE_BYTES: usize = 4 << 20;

/// Rows rendered between two looks at the size of a piece: one call for
/// the rows of nearly every article.
const PIECE_ROWS: usize = 256;

/// Renders `rows` from `from` into `out` until `out` holds
/// [`PIECE_BYTES`] or the rows end; returns the row to go on from.
fn render_piece(format: Format, excel: bool, rows: &[output::Row<'_>], from: usize, out: &mut Vec<u8>) -> usize {
    let mut at = from;
    while at < rows.len() && out.len() < PIECE_BYTES {
        let some = &rows[at..rows.len().min(at + PIECE_ROWS)];
        match format {
            Format::Csv if excel => ExcelCsvWriter::render(some, out),
            Format::Csv => CsvWriter::render(some, out),
            Format::Jsonl => output::render_jsonl(some, out),
            Format::Xlsx => unreachable!("xlsx rows go to the workbook"),
        }
        at += some.len();
    }
    at
}

/// Reads (if needed) and extracts one item, and prepares its speakers for
/// the batch's ids (quotes of kind `other` only when `all`).
fn extract_item(ex: &Extractor, item: Item, ropts: ReadOptions, all: bool) -> Result<Extracted, Error> {
    let doc = match item {
        Item::File { path, id, size } => Document::from_path_sized(&path, size, id, ropts)?,
        Item::Text { id, text } => Document::new(id, text),
    };
    let quotes = ex.extract(doc.text());
    let speakers = DocSpeakers::of_quotes(doc.text(), &quotes, all);
    Ok(Extracted { doc, quotes, speakers })
}

/// The text inputs of one path argument, in sorted order, each handed to
/// `each` as soon as it is found; the walk stops at the first error `each`
/// returns.
fn text_items(
    path: &Path,
    ropts: ReadOptions,
    each: &mut dyn FnMut(Result<Item, Error>) -> Result<(), Error>,
) -> Result<(), Error> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        return each(
            io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map_err(|e| Error::with_path("-", ErrorKind::Io(e)))
                .and_then(|_| Document::from_bytes("-", buf, ropts).map_err(|k| Error::with_path("-", k)))
                .map(|d| Item::Text { id: d.id().to_string(), text: d.text().to_string() }),
        );
    }
    match fs::metadata(path) {
        Err(e) => each(Err(Error::with_path(path, ErrorKind::Io(e)))),
        Ok(m) if m.is_dir() => {
            walk(path, &["txt", "md"], &mut |r| each(r.map(|(p, id, size)| Item::File { path: p, id, size })))
        }
        Ok(m) => {
            each(Ok(Item::File { path: path.to_path_buf(), id: path.to_string_lossy().into_owned(), size: m.len() }))
        }
    }
}

/// What [`walk`] finds: (path, id relative to the walk's root with `/`
/// separators, size), or an error naming what could not be read.
type Found = Result<(PathBuf, String, u64), Error>;

/// Hands the files under `dir` with one of `exts` to `out`, sorted by their
/// relative path, a folder at a time (the first documents can be extracted
/// while the rest of a large tree is still walked); stops at the first
/// error `out` returns.
fn walk(dir: &Path, exts: &[&str], out: &mut dyn FnMut(Found) -> Result<(), Error>) -> Result<(), Error> {
    walk_in(dir, "", exts, out, &mut std::collections::HashSet::new())
}

/// [`walk`] with the directories already walked: a directory reached again
/// (a symlink loop, two links to one folder) is walked once, and only
/// regular files are read (a FIFO named x.txt would block the run forever).
///
/// `rel` is the id of `dir` relative to the walk's root, with a trailing
/// `/` (empty for the root): each path under it is `dir` joined with a
/// name, so its id is `rel` and the name (stripping the root off every
/// path, component by component, was most of the walk).
fn walk_in(
    dir: &Path,
    rel: &str,
    exts: &[&str],
    out: &mut dyn FnMut(Found) -> Result<(), Error>,
    seen: &mut std::collections::HashSet<PathBuf>,
) -> Result<(), Error> {
    if let Ok(real) = fs::canonicalize(dir) {
        if !seen.insert(real) {
            return Ok(());
        }
    }
    let rd = match fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => return out(Err(Error::with_path(dir, ErrorKind::Io(e)))),
    };
    // (name, path, is_dir, is_file, size)
    let mut entries: Vec<(std::ffi::OsString, PathBuf, bool, bool, u64)> = Vec::new();
    for ent in rd {
        match ent {
            Ok(ent) => {
                let p = ent.path();
                // an entry that is no symlink (its type comes with the
                // directory listing) is stat'ed by name relative to the
                // open directory, not by its whole path; a symlink is
                // followed (and an unknown type asked) through the path
                let meta = match ent.file_type() {
                    Ok(t) if !t.is_symlink() => ent.metadata(),
                    _ => fs::metadata(&p),
                };
                match meta {
                    Ok(m) => entries.push((ent.file_name(), p, m.is_dir(), m.is_file(), m.len())),
                    Err(e) => out(Err(Error::with_path(&p, ErrorKind::Io(e))))?,
                }
            }
            Err(e) => out(Err(Error::with_path(dir, ErrorKind::Io(e))))?,
        }
    }
    // the paths share `dir`: their order is that of the names, compared as
    // bytes (Path's own ordering walks the components of every pair)
    entries.sort_unstable_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
    for (name, p, is_dir, is_file, size) in entries {
        if is_dir {
            walk_in(&p, &format!("{rel}{}/", name.to_string_lossy()), exts, out, seen)?;
        } else if is_file && has_ext(&p, exts) {
            let id = format!("{rel}{}", name.to_string_lossy());
            out(Ok((p, id, size)))?;
        }
    }
    Ok(())
}

/// Does the file name end in `.` and one of `exts` (ASCII, any case)?
fn has_ext(p: &Path, exts: &[&str]) -> bool {
    let Some(name) = p.file_name() else { return false };
    let name = name.as_encoded_bytes();
    exts.iter().any(|e| {
        let e = e.as_bytes();
        name.len() > e.len()
            && name[name.len() - e.len() - 1] == b'.'
            && name[name.len() - e.len()..].eq_ignore_ascii_case(e)
    })
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
            // (the callback never stops the walk: nothing to return)
            let _ = walk(path, &["jsonl", "jsonl.gz", "ndjson", "ndjson.gz"], &mut |r| {
                out.push(r.map(|(p, _, _)| p));
                Ok(())
            });
            out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_match_in_any_case() {
        let exts = ["txt", "md", "jsonl.gz"];
        for (name, want) in [
            ("a.txt", true),
            ("A.TXT", true),
            ("b.Md", true),
            (".txt", true),
            ("c.jsonl.gz", true),
            ("c.gz", false),
            ("txt", false),
            ("atxt", false),
            ("a.txt.bak", false),
            ("é.txt", true),
        ] {
            assert_eq!(has_ext(Path::new(name), &exts), want, "{name}");
        }
    }
}
