//! Criterion benchmarks per stage and end to end, with `Throughput::Bytes`
//! so criterion reports MB/s. Inputs: the articles in `corpus/`, and the same
//! articles concatenated 50 times (a long document).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use saidwho::{detector, output, tokenizer, Extractor, Lexicon};
use std::hint::black_box;

fn corpus() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
    let mut docs: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("corpus/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    docs.sort();
    let all: String = docs.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n\n");
    vec![("corpus-concat-x50".into(), all.repeat(50))]
}

fn stages(c: &mut Criterion) {
    let ex = Extractor::new();
    let lexicon = Lexicon::builtin();
    let mut g = c.benchmark_group("stages");
    for (name, text) in corpus() {
        assert!(!ex.extract(&text).is_empty(), "{name}: no quotes, nothing to measure");
        g.throughput(Throughput::Bytes(text.len() as u64));
        let tokens = tokenizer::tokenize(&text);
        let spans = detector::detect(&text, &tokens);
        let quotes = ex.extract(&text);
        g.bench_with_input(BenchmarkId::new("tokenize", &name), &text, |b, t| {
            b.iter(|| tokenizer::tokenize(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("detect", &name), &text, |b, t| {
            b.iter(|| detector::detect(black_box(t), &tokens))
        });
        g.bench_with_input(BenchmarkId::new("attribute", &name), &text, |b, t| {
            b.iter(|| saidwho::attributor::attribute(black_box(t), &tokens, &spans, &lexicon))
        });
        g.bench_with_input(BenchmarkId::new("write-csv", &name), &text, |b, t| {
            b.iter(|| {
                let rows = output::rows("doc", black_box(t), &quotes, false);
                let mut out = Vec::new();
                output::CsvWriter::render(&rows, &mut out);
                out
            })
        });
        g.bench_with_input(BenchmarkId::new("end-to-end", &name), &text, |b, t| b.iter(|| ex.extract(black_box(t))));
    }
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
