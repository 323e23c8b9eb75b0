//! Tokenizer and detector only, on any UTF-8 text: the token and span
//! invariants of their module docs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saidwho::{detector, tokenizer};

fuzz_target!(|text: &str| {
    let toks = tokenizer::tokenize(text);
    let mut prev = 0;
    for t in &toks {
        assert!(t.span.start < t.span.end && t.span.start >= prev && t.span.end <= text.len(), "token {:?}", t.span);
        assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        prev = t.span.end;
    }
    let spans = detector::detect(text, &toks);
    let mut last_top: Option<saidwho::Span> = None;
    for (i, q) in spans.iter().enumerate() {
        assert!(q.outer.start < q.inner.start && q.inner.end <= q.outer.end && q.outer.end <= text.len());
        assert!(text.is_char_boundary(q.inner.start) && text.is_char_boundary(q.inner.end));
        if i > 0 {
            assert!(spans[i - 1].outer.start <= q.outer.start, "sorted by start");
        }
        match q.parent {
            None => assert_eq!(q.depth, 0),
            Some(p) => {
                assert!(p < i && spans[p].outer.contains(q.outer));
                assert_eq!(q.depth, spans[p].depth + 1);
            }
        }
        if q.depth == 0 {
            if let Some(t) = last_top {
                assert!(t.end <= q.outer.start, "top-level quotes overlap");
            }
            last_top = Some(q.outer);
        }
    }
});
