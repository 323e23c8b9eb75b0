//! Review outputs as a user runs them (issue 5): the `--excel` CSV, the
//! XLSX workbook, the HTML report, the `speakers` command, `speaker_id`,
//! `context` and `--aliases`. What needs LibreOffice or Chromium is in
//! `scripts/review_tests.sh`; these tests need neither.

use crate::util;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::PathBuf;
use std::process::Command;

fn saidwho() -> Command {
    Command::new(env!("CARGO_BIN_EXE_saidwho"))
}

/// Runs the binary; (exit code, stdout bytes, stderr).
fn run(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = saidwho().args(args).output().expect("binary runs");
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn data(name: &str) -> PathBuf {
    util::root().join("tests/data/review").join(name)
}

fn corpus() -> String {
    util::root().join("corpus").to_string_lossy().into_owned()
}

fn review_dir() -> String {
    util::root().join("tests/data/review").to_string_lossy().into_owned()
}

/// Parses CSV bytes (a BOM is skipped) into header + records.
fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
}

/// The default CSV of the corpus and the review data, parsed.
fn batch_csv(extra: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let (c, mut args) = (corpus(), vec!["extract".to_string()]);
    args.push(c);
    args.push(review_dir());
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    parse_csv(&out)
}

#[test]
fn excel_csv_has_bom_crlf_and_neutralised_cells() {
    let f = data("formulas.txt");
    let f = f.to_str().unwrap();
    let (code, excel, err) = run(&["extract", "--excel", f]);
    assert_eq!(code, 0, "{err}");
    let (code, plain, _) = run(&["extract", f]);
    assert_eq!(code, 0);

    assert!(excel.starts_with(b"\xEF\xBB\xBFdoc,quote_id,"), "BOM then header");
    assert!(!plain.starts_with(b"\xEF\xBB\xBF") && !plain.contains(&b'\r'), "the default CSV stays as it was");
    let (h, rows) = parse_csv(&excel);
    let (ph, prows) = parse_csv(&plain);
    assert_eq!(h, ph);
    assert_eq!(rows.len(), prows.len());
    // every record ends with CRLF; the only other line breaks are inside quoted cells, as in the text
    let crlf = excel.windows(2).filter(|w| w == b"\r\n").count();
    assert_eq!(crlf, rows.len() + 1);
    let text = col(&h, "text");
    let texts: Vec<&str> = rows.iter().map(|r| r[text].as_str()).collect();
    assert!(texts.contains(&"'=1+1,"), "{texts:?}");
    assert!(texts.contains(&"'-5 dead and dozens hurt,"), "{texts:?}");
    assert!(texts.contains(&"'+49 callers, @everyone in the office,"), "{texts:?}");
    assert!(texts.contains(&"'=SUM(A1:A9)"), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("ends here.\n\n“The second")), "multi-line quote in one cell: {texts:?}");
    // dropping the apostrophe gives the default CSV back, cell for cell
    for (r, p) in rows.iter().zip(&prows) {
        let back: Vec<&str> = r.iter().map(|c| saidwho::output::excel::unneutralize(c)).collect();
        assert_eq!(back, p.iter().map(String::as_str).collect::<Vec<_>>());
    }
    let ptexts: Vec<&str> = prows.iter().map(|r| r[text].as_str()).collect();
    assert!(ptexts.contains(&"=1+1,"), "default CSV is byte-faithful: {ptexts:?}");
}

#[test]
fn excel_is_for_csv_only_and_xlsx_needs_a_file() {
    let c = corpus();
    let (code, out, err) = run(&["extract", "--format", "xlsx", &c]);
    assert_eq!(code, 2);
    assert!(out.is_empty(), "nothing binary on stdout");
    assert!(err.contains("needs -o FILE"), "{err}");
    let (code, _, err) = run(&["extract", "--format", "xlsx", "-o", "-", &c]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["extract", "--excel", "--format", "jsonl", &c]);
    assert_eq!(code, 2);
    assert!(err.contains("--excel"), "{err}");
}

fn zip_entry(z: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut s = String::new();
    z.by_name(name).unwrap_or_else(|_| panic!("{name} in the workbook")).read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_workbook_has_quotes_and_speakers_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("quotes.xlsx");
    let (c, r) = (corpus(), review_dir());
    let (code, out, err) = run(&["extract", &c, &r, "--format", "xlsx", "-o", book.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let bytes = std::fs::read(&book).unwrap();
    assert!(bytes.len() > 2000 && bytes.starts_with(b"PK\x03\x04"), "a zip file");
    let (_, rows) = batch_csv(&[]);

    let mut z = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let wb = zip_entry(&mut z, "xl/workbook.xml");
    assert!(wb.contains("name=\"quotes\"") && wb.contains("name=\"speakers\""), "{wb}");
    let sheet = zip_entry(&mut z, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\""), "frozen header row");
    assert!(sheet.contains("<autoFilter"), "autofilter");
    assert!(sheet.contains("<dataValidation"), "verdict drop-down");
    assert_eq!(sheet.matches("<row ").count(), rows.len() + 1, "one row per quote + header");
    // confidence (column N) and offsets (column C) are numbers, not strings
    for letter in ["N", "C"] {
        let cells: Vec<&str> =
            sheet.split(&format!("<c r=\"{letter}")).skip(2).map(|c| &c[..c.find('>').unwrap()]).collect();
        assert_eq!(cells.len(), rows.len());
        assert!(cells.iter().all(|c| !c.contains("t=\"")), "column {letter} holds numbers: {:?}", &cells[..2]);
    }
    // strings: shared (or inline), as written, never an apostrophe added and never a formula
    let strings = zip_entry(&mut z, "xl/sharedStrings.xml") + &sheet;
    for s in ["Nausėda", "=1+1,", "-5 dead and dozens hurt,", "Use &lt;script&gt;", "verdict", "speaker_id", "context"]
    {
        assert!(strings.contains(&format!(">{s}")), "{s} in the workbook");
    }
    assert!(!strings.contains("'=1+1"), "no apostrophe in a workbook: cells are typed");
    assert!(!sheet.contains("<f>"), "no formula cells");
    // each row once, in order (Excel calls a workbook with a repeated row damaged)
    let rows_r: Vec<usize> =
        sheet.split("<row r=\"").skip(1).map(|r| r[..r.find('"').unwrap()].parse().unwrap()).collect();
    assert_eq!(rows_r, (1..=rows.len() + 1).collect::<Vec<_>>());
    let sp = zip_entry(&mut z, "xl/worksheets/sheet2.xml");
    assert!(sp.contains("state=\"frozen\""));
}

/// The tags of the page balance (void elements aside), and every `<`
/// starts a tag: article text can put none there.
fn check_markup(html: &str) -> Result<(), String> {
    const VOID: &[&str] = &["meta", "br", "input", "link", "img", "hr"];
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html.strip_prefix("<!DOCTYPE html>").ok_or("doctype")?;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if name.is_empty() {
            return Err(format!("raw '<' before {:?}", &tag[..tag.len().min(30)]));
        }
        if name == "style" || name == "script" {
            let close = format!("</{name}>");
            let j = rest.find(&close).ok_or("unclosed style/script")?;
            rest = &rest[j + close.len()..];
            continue;
        }
        if !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {stack:?}"))
    }
}

#[test]
fn report_highlights_every_quote_once_and_escapes_the_text() {
    let (c, r) = (corpus(), review_dir());
    let (code, out, err) = run(&["report", &c, &r]);
    assert_eq!(code, 0, "{err}");
    let html = String::from_utf8(out).unwrap();
    let (h, rows) = batch_csv(&[]);
    check_markup(&html).unwrap();
    // self-contained: nothing loaded from anywhere (URLs in article text are text)
    for needle in ["<link", " src=", "href=\"http", "url(", "@import"] {
        assert!(!html.contains(needle), "{needle}");
    }
    assert_eq!(html.matches("<script>").count(), 1, "only the report's own script");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("1 &lt; 2 &amp; 3 &gt; 2"));

    // doc index of each document, from the list of articles
    let mut index: HashMap<String, usize> = HashMap::new();
    for part in html.split("<li><a href=\"#d").skip(1) {
        let n: usize = part[..part.find('"').unwrap()].parse().unwrap();
        let id = &part[part.find('>').unwrap() + 1..part.find("</a>").unwrap()];
        index.insert(id.replace("&amp;", "&"), n);
    }
    assert_eq!(html.matches("<mark class=\"q").count(), rows.len(), "one highlight per row");
    assert_eq!(html.matches("</mark>").count(), rows.len());
    let (doc, qid, sid) = (col(&h, "doc"), col(&h, "quote_id"), col(&h, "speaker_id"));
    for row in &rows {
        let anchor = format!("id=\"d{}-q{}\"", index[&row[doc]], row[qid]);
        assert_eq!(html.matches(&anchor).count(), 1, "{anchor}");
        let at = html.find(&anchor).unwrap();
        let tag = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
        assert!(tag.starts_with("<mark class=\"q"), "{tag}");
        assert!(tag.contains(&format!("data-sid=\"{}\"", row[sid])), "{tag}");
    }
    // the speakers table counts what the CSV counts
    let mut want: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        *want.entry(row[sid].clone()).or_default() += 1;
    }
    let mut got: BTreeMap<String, usize> = BTreeMap::new();
    for part in html.split("<tr class=\"spk").skip(1) {
        let attr = |name: &str| {
            let k = format!("{name}=\"");
            let s = &part[part.find(&k).unwrap() + k.len()..];
            s[..s.find('"').unwrap()].to_string()
        };
        got.insert(attr("data-sid"), attr("data-count").parse().unwrap());
    }
    assert_eq!(got, want);
}

#[test]
fn speakers_command_agrees_with_the_speaker_id_column() {
    let (c, r) = (corpus(), review_dir());
    let (code, out, err) = run(&["speakers", &c, &r]);
    assert_eq!(code, 0, "{err}");
    let (sh, speakers) = parse_csv(&out);
    assert_eq!(sh, ["speaker_id", "speaker", "names", "quotes", "documents", "doc_ids"]);
    let (h, rows) = batch_csv(&[]);
    let sid = col(&h, "speaker_id");
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for row in &rows {
        *counts.entry(row[sid].as_str()).or_default() += 1;
    }
    for s in &speakers {
        assert_eq!(s[3].parse::<usize>().unwrap(), counts[s[0].as_str()], "{s:?}");
        assert_eq!(s[4].parse::<usize>().unwrap(), s[5].split(';').count());
    }
    assert_eq!(speakers.len(), counts.keys().filter(|k| !k.is_empty()).count());
    let by_name = |n: &str| speakers.iter().find(|s| s[1] == n).unwrap_or_else(|| panic!("{n}: {speakers:?}"));
    assert_eq!(by_name("John Cole")[2], "John Cole;John Coale");
    assert_eq!(by_name("Gitanas Nausėda")[2], "Gitanas Nausėda;Gitanas Nauseda");
    // ids in order of first appearance
    let ids: Vec<&str> = speakers.iter().map(|s| s[0].as_str()).collect();
    assert_eq!(ids[..3], ["S0001", "S0002", "S0003"]);
    // the spreadsheet dialect
    let (code, out, _) = run(&["speakers", "--excel", &c]);
    assert_eq!(code, 0);
    assert!(out.starts_with(b"\xEF\xBB\xBFspeaker_id,") && out.ends_with(b"\r\n"));
}

#[test]
fn aliases_pin_speaker_ids() {
    let a = data("aliases.csv");
    let (h, rows) = batch_csv(&["--aliases", a.to_str().unwrap()]);
    let (speaker, sid) = (col(&h, "speaker"), col(&h, "speaker_id"));
    for row in &rows {
        match row[speaker].as_str() {
            "John Cole" | "John Coale" => assert_eq!(row[sid], "P-cole"),
            "Alexander Lukashenko" => assert_eq!(row[sid], "P-lukashenko"),
            "" => assert_eq!(row[sid], ""),
            _ => assert!(row[sid].starts_with('S'), "{row:?}"),
        }
    }
    assert!(rows.iter().any(|r| r[sid] == "S0001"), "automatic ids start at S0001");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "John Cole,a\njohn cole,b\n").unwrap();
    let c = corpus();
    let (code, _, err) = run(&["extract", &c, "--aliases", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("bad aliases file"), "{err}");
}

#[test]
fn context_column_holds_sentence_paragraph_or_nothing() {
    let (h1, sent) = batch_csv(&[]);
    let (h2, para) = batch_csv(&["--context", "paragraph"]);
    let (h3, none) = batch_csv(&["--context", "none"]);
    assert!(h1 == h2 && h2 == h3, "the header does not change");
    assert_eq!(h1[h1.len() - 2..], ["speaker_id", "context"], "review columns come last");
    let (ctx, text) = (col(&h1, "context"), col(&h1, "text"));
    for ((s, p), n) in sent.iter().zip(&para).zip(&none) {
        assert!(s[ctx].contains(&s[text]), "sentence holds the quote: {s:?}");
        assert!(p[ctx].contains(&s[ctx]), "paragraph holds the sentence");
        assert_eq!(n[ctx], "");
    }
}

#[test]
fn outputs_are_the_same_for_every_job_count() {
    let (c, r) = (corpus(), review_dir());
    for extra in [&["--excel"][..], &["--format", "jsonl"][..]] {
        let mut one = vec!["extract", &c, &r, "--jobs", "1"];
        one.extend(extra);
        let mut two = vec!["extract", &c, &r, "--jobs", "2"];
        two.extend(extra);
        assert_eq!(run(&one).1, run(&two).1);
    }
    assert_eq!(run(&["report", &c, &r, "-j", "1"]).1, run(&["report", &c, &r, "-j", "2"]).1);
}

// ---------------------------------------------------------------- speaker clustering, the seed corpus' hard cases
// (here and not in src/: no corpus names in src/)

fn ids_of(docs: &[&[&str]]) -> Vec<Vec<String>> {
    let mut s = saidwho::speakers::SpeakerIds::new();
    docs.iter()
        .enumerate()
        .map(|(i, names)| {
            let items: Vec<(&str, &str)> = names.iter().map(|n| (*n, *n)).collect();
            s.assign_names(&format!("d{i}"), &items).into_iter().map(|c| s.id(c.unwrap()).to_string()).collect()
        })
        .collect()
}

fn same_speaker(a: &str, b: &str) -> bool {
    let r = ids_of(&[&[a], &[b]]);
    r[0][0] == r[1][0]
}

#[test]
fn clustering_merges_the_corpus_spelling_variants() {
    assert!(same_speaker("John Cole", "John Coale"));
    assert!(same_speaker("Gitanas Nausėda", "Gitanas Nauseda"));
    assert!(same_speaker("Nausėda", "Nauseda"));
    assert!(same_speaker("Siarhei Tsikhanouski", "Sergei Tikhanovsky"));
    assert!(same_speaker("Alexander Lukashenko", "Aliaksandr Lukashenka"));
    assert!(same_speaker("Alexander Lukashenko", "Лукашенко"));
    assert!(same_speaker("Donald Trump", "Trump"));
    assert!(same_speaker("Mr. Trump", "Donald Trump"));
    assert_eq!(saidwho::speakers::fold("Ціханоўскі"), "tsikhanouski");
}

#[test]
fn clustering_keeps_husband_and_wife_apart() {
    assert!(!same_speaker("Siarhei Tsikhanouski", "Sviatlana Tsikhanouskaya"));
    assert!(!same_speaker("Tsikhanouski", "Tsikhanouskaya"));
    assert!(!same_speaker("Tikhanovsky", "Tsikhanouskaya"));
    assert!(!same_speaker("Sergei Tikhanovsky", "Svetlana Tikhanovskaya"));
    assert!(same_speaker("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaya"));
    let r = ids_of(&[
        &["Siarhei Tsikhanouski", "Sviatlana Tsikhanouskaya"],
        &["Tsikhanouskaya"],
        &["Sergei Tikhanovsky"],
        &["Tikhanovskaya", "Tsikhanouski"],
    ]);
    assert_eq!(r, [vec!["S0001", "S0002"], vec!["S0002"], vec!["S0001"], vec!["S0002", "S0001"]]);
    assert!(!same_speaker("Donald Trump", "Melania Trump"));
    assert!(!same_speaker("Nausėda", "Nausėdienė"));
}

#[test]
fn clustering_bare_variant_needs_evidence() {
    // "Coale" alone joins "John Cole" only with something in common
    assert!(!same_speaker("Cole", "Coale"));
    let mut s = saidwho::speakers::SpeakerIds::new();
    let a = s.assign_names("a", &[("John Cole", "US envoy John Cole"), ("Alexander Lukashenko", "Lukashenko")]);
    let b = s.assign_names("b", &[("Coale", "Coale"), ("Alexander Lukashenko", "Lukashenko")]);
    assert_eq!(a[0], b[0], "co-occurring name");
    let mut s = saidwho::speakers::SpeakerIds::new();
    let a = s.assign_names("a", &[("John Cole", "US envoy John Cole")]);
    let b = s.assign_names("b", &[("Coale", "the envoy")]);
    assert_eq!(a[0], b[0], "shared title");
}
