//! # saidwho
//!
//! Reads news articles and finds every direct quotation with the person or
//! organisation who said it. The pipeline has four stages, one module each,
//! passing small span types (byte offsets into the text as read):
//!
//! 1. [`tokenizer`]: text → tokens (words, quote marks, sentence ends, breaks)
//! 2. [`detector`]: tokens → quote spans (pairing, nesting, shape)
//! 3. [`attributor`]: quote spans → quotes with kind, speaker, mention, cue
//! 4. [`output`]: quotes → CSV / JSONL rows with character offsets
//!
//! ```
//! let ex = saidwho::Extractor::new();
//! let text = "“We will be working on it,” the envoy said.\n";
//! let quotes = ex.extract(text);
//! assert_eq!(quotes.len(), 1);
//! assert_eq!(&text[quotes[0].mention.unwrap()], "the envoy");
//! ```
#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

pub mod attributor;
pub mod cli;
pub mod detector;
pub mod error;
pub mod eval;
pub mod input;
pub mod lexicon;
pub mod output;
pub mod report;
pub mod span;
pub mod speakers;
pub mod tokenizer;

pub use attributor::{Kind, Quote, Rule};
pub use error::{Error, ErrorKind};
pub use input::Document;
pub use lexicon::Lexicon;
pub use span::{CharIndex, Span};

/// The whole pipeline, configured once (lexicon table built) and then
/// run on any number of documents, from any number of threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    lexicon: Lexicon,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor with the built-in lexicon.
    pub fn new() -> Extractor {
        Extractor { lexicon: Lexicon::builtin() }
    }

    /// An extractor with the given lexicon.
    pub fn with_lexicon(lexicon: Lexicon) -> Extractor {
        Extractor { lexicon }
    }

    /// Runs every stage over one text. Returns all quote-marked spans in
    /// order of start offset, including those of kind [`Kind::Other`] (not
    /// speech), which the writers skip unless asked. It cannot fail.
    pub fn extract(&self, text: &str) -> Vec<Quote> {
        thread_local! {
            /// The token buffer of this thread and the indices of its
            /// breaks and marks, reused from one document to the next.
            static TOKENS: std::cell::RefCell<(Vec<tokenizer::Token>, Vec<usize>)> =
                const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
        }
        let (mut tokens, mut acting) = TOKENS.with(|t| t.take());
        tokenizer::tokenize_marking_into(text, &mut tokens, &mut acting);
        let spans = detector::detect_acting(text, &tokens, &acting);
        let quotes = attributor::attribute(text, &tokens, &spans, &self.lexicon);
        if tokens.capacity() <= attributor::KEEP_TOKENS {
            TOKENS.with(|t| t.replace((tokens, acting)));
        }
        quotes
    }
}
