//! The binary as a user runs it: exit codes, messages, output files.

use crate::util;
use std::process::Command;

fn saidwho() -> Command {
    Command::new(env!("CARGO_BIN_EXE_saidwho"))
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = saidwho().args(args).output().expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn corpus_folder_gives_header_and_rows_with_relative_ids() {
    let corpus = util::root().join("corpus");
    let (code, out, err) = run(&["extract", corpus.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("doc,quote_id,start,end,text,kind,speaker,mention,mention_start,mention_end,cue"));
    assert!(out.lines().skip(1).all(|l| !l.starts_with('/')), "ids are relative to the folder");
    assert!(out.contains("000_13c13248b513943e.txt,1,"));
}

#[test]
fn no_quotes_still_writes_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("plain.txt");
    std::fs::write(&f, "Nothing quoted here.\n").unwrap();
    let (code, out, _) = run(&["extract", f.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with("doc,quote_id"));
}

#[test]
fn bad_file_is_reported_and_the_rest_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "“Fine,” she said.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), b"\xff\xfe bad").unwrap();
    std::fs::write(dir.path().join("c.txt"), "“Also fine,” he said.\n").unwrap();
    let (code, out, err) = run(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 3, "header + the two good files: {out}");
    assert_eq!(err.lines().count(), 1, "one line per bad file: {err}");
    assert!(err.contains("b.txt: not valid UTF-8 (first bad byte at offset 0)"), "{err}");
}

#[test]
fn missing_file_exit_code_and_message() {
    let (code, out, err) = run(&["extract", "/no/such/file.txt"]);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 1);
    assert_eq!(err.trim(), "saidwho: /no/such/file.txt: no such file or directory");
}

#[test]
fn usage_error_exits_2() {
    let (code, _, err) = run(&["extract"]);
    assert_eq!(code, 2);
    assert!(err.contains("Usage"), "{err}");
}

#[test]
fn stdin_and_jsonl_output() {
    let mut child = saidwho()
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("€5, she said: “Fine.”\n".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let line = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(v["doc"], "-");
    // the quote starts at byte 16 but at character 14
    assert_eq!(v["start"], 14);
    assert_eq!(v["text"], "Fine.");
    assert_eq!(v["mention"], "she");
}

#[test]
fn output_file_is_complete_and_same_for_every_job_count() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = util::root().join("corpus");
    let one = dir.path().join("one.csv");
    let two = dir.path().join("two.csv");
    assert_eq!(run(&["extract", corpus.to_str().unwrap(), "-o", one.to_str().unwrap(), "--jobs", "1"]).0, 0);
    assert_eq!(run(&["extract", corpus.to_str().unwrap(), "-o", two.to_str().unwrap(), "--jobs", "2"]).0, 0);
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
    // no temporary file left beside the output
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn eval_scores_the_corpus_run_against_the_seed_gold() {
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("seeds.csv");
    let corpus = util::root().join("corpus");
    assert_eq!(run(&["extract", corpus.to_str().unwrap(), "-o", pred.to_str().unwrap()]).0, 0);
    let gold = util::root().join("tests/data/seed_gold.jsonl");
    let (code, out, err) = run(&[
        "eval",
        gold.to_str().unwrap(),
        pred.to_str().unwrap(),
        "--docs",
        corpus.to_str().unwrap(),
        "--canonical",
        "--score-nested",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["documents"], 5);
    assert_eq!(v["false_positives_on_not_quote"], 0);
    assert_eq!(v["detection_overlap"]["f1"], 1.0, "{out}");
    assert_eq!(v["end_to_end"]["f1"], 1.0, "{out}");
}

#[test]
fn eval_names_a_bad_gold_file() {
    let (code, _, err) = run(&["eval", "/no/such/gold.jsonl", "/no/such/pred.csv"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("saidwho: /no/such/gold.jsonl"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn output_file_gets_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("in.txt");
    std::fs::write(&f, "“Fine,” she said.\n").unwrap();
    let out = dir.path().join("out.csv");
    assert_eq!(run(&["extract", f.to_str().unwrap(), "-o", out.to_str().unwrap()]).0, 0);
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o644);
    // a file that is replaced keeps its mode
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(run(&["extract", f.to_str().unwrap(), "-o", out.to_str().unwrap()]).0, 0);
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o640);
}
