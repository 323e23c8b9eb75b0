//! Stage 3: quote spans → attributed quotes.
//!
//! Input: the text, its tokens and the detector's spans. Output: one
//! [`Quote`] per span, in the same order, each with its final kind, the
//! mention it hangs on, the canonical speaker, the cue and the addressee.
//!
//! The attributor reads the writer's text around each quote. It first builds
//! a per-document view ([`Doc`]): lexicon tags for every token (one
//! table lookup per word), the writer's sentences (a quote is one unit inside
//! them, so a period inside a quote does not split the sentence it sits in)
//! and the entity registry ([`Registry`]). Then each quote tries the rules
//! below in order; the first that fires gives mention, cue, rule and
//! confidence, and the registry turns the mention into a canonical name.
//!
//! - A1 **After the quote**: `“…,” Halvik explained` · `“…,” said Halvik` ·
//!   `“…,” he told the American envoy` · `“…,” the Belarusian leader said` ·
//!   `“…,” Smedvik, a spokeswoman, said` · `‘…’ as Mr. Gravlund likes to say`.
//! - A2 **Before the quote**: `Varenko added with a smile: “…”` ·
//!   `According to the ministry, “…”` · for a fragment, the nearest
//!   reporting verb of its sentence: `he called a “big deal”`,
//!   `described the talks as “very productive” and said …`.
//! - A3 **Split and coordinated**: a verb with no subject of its own
//!   (`… and said`, `saying`, `calling`) takes the subject of its clause.
//! - A4 **Passive and reversed**: `was quoted as saying`, `X quoted Y as
//!   saying` (speaker Y).
//! - A5 **Continuation**: a sentence that is only a quote takes the speaker
//!   of the sentence before when it ends with a colon or reports speech,
//!   else of the quote before it in the same or previous paragraph.
//! - A6 **Nested**: a quote inside a quote is attributed from the words of
//!   the outer quote (`he [Gravlund] stopped me and said: ‘…’`); one with its
//!   own reporting verb is reported speech (kind direct or partial, depth 1),
//!   others are kind nested.
//! - K1 **Kind**: a fragment with no speaker is a scare quote and a
//!   name-shaped span with no reporting verb right by it is a title: both
//!   are kind `other`, not written by default.

mod entities;
pub(crate) mod words;

pub use entities::{Entity, Registry};
use words::Pronoun;

use std::cell::Cell;

use crate::detector::{QuoteSpan, Shape};
use crate::lexicon::{cat, Lex, Lexicon};
use crate::span::Span;
use crate::tokenizer::{Token, TokenKind};

/// The kind written in the `kind` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A whole quoted utterance.
    Direct,
    /// A quoted fragment inside the writer's sentence.
    Partial,
    /// A quote inside another quote with no reporting verb of its own.
    Nested,
    /// Quote marks that are not speech: scare quotes, titles, names.
    Other,
}

impl Kind {
    /// The column value.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Partial => "partial",
            Kind::Nested => "nested",
            Kind::Other => "other",
        }
    }
}

/// The rule that attributed a quote (ids as in the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A1, mention before the verb: `“…,” Halvik said`.
    AfterMentionCue,
    /// A1, mention after the verb: `“…,” said Halvik`.
    AfterCueMention,
    /// A2: `Halvik said: “…”`, `According to X, “…”`.
    Before,
    /// A2 for a fragment: the nearest reporting verb in its sentence.
    Fragment,
    /// A3: the subject of the clause (`… and said “…”`, `saying “…”`).
    ClauseSubject,
    /// A4: `X quoted Y as saying`, `was quoted as saying`.
    Passive,
    /// A5: previous sentence ends with a colon after a reporting verb.
    Colon,
    /// A5: previous sentence reports speech.
    PreviousSentence,
    /// A5: same speaker as the quote before.
    Continuation,
    /// A5: signed off on the next line ("— Jane Smedvik").
    SignOff,
    /// A3: a fragment in a sentence whose subject is a person, with no
    /// reporting verb.
    SubjectOnly,
    /// A5: a quote in the article's title, spoken by the words before the
    /// title's colon or by the person the title opens with.
    Headline,
    /// A6: attributed inside the outer quote.
    Nested,
    /// No rule fired.
    None,
}

impl Rule {
    /// Stable id for the `rule` column.
    pub fn id(self) -> &'static str {
        match self {
            Rule::AfterMentionCue => "A1-after",
            Rule::AfterCueMention => "A1-after-inverted",
            Rule::Before => "A2-before",
            Rule::Fragment => "A2-fragment",
            Rule::ClauseSubject => "A3-clause-subject",
            Rule::Passive => "A4-passive",
            Rule::Colon => "A5-colon",
            Rule::PreviousSentence => "A5-previous-sentence",
            Rule::Continuation => "A5-continuation",
            Rule::SignOff => "A5-sign-off",
            Rule::SubjectOnly => "A3-subject-only",
            Rule::Headline => "A5-headline",
            Rule::Nested => "A6-nested",
            Rule::None => "none",
        }
    }

    /// How often this rule is right, from the calibration run on the
    /// training data (see README, "Confidence"); names resolved through a
    /// pronoun or descriptor lower it further.
    fn base_confidence(self) -> f32 {
        // measured on polnear-train with scripts/calibration.py --by rule:
        // the share of this rule's rows whose quote and mention are right
        match self {
            Rule::AfterMentionCue => 0.97,
            Rule::AfterCueMention => 0.97,
            Rule::Before => 0.91,
            Rule::Passive => 0.8,
            Rule::Fragment => 0.86,
            Rule::ClauseSubject => 0.77,
            Rule::Colon => 0.7,
            Rule::PreviousSentence => 0.7,
            Rule::Continuation => 0.94,
            Rule::SignOff => 0.88,
            Rule::SubjectOnly => 0.5,
            Rule::Headline => 0.8,
            // no nested quotes in the training gold: a judgement, not a measure
            Rule::Nested => 0.7,
            Rule::None => 0.3,
        }
    }
}

/// An attributed quotation, the output of the pipeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// The span from the detector.
    pub span: QuoteSpan,
    /// Final kind (K1).
    pub kind: Kind,
    /// The words the quote hangs on ("he", "the Belarusian leader").
    pub mention: Option<Span>,
    /// Canonical speaker; empty when unknown.
    pub speaker: String,
    /// The reporting words ("said", "according to", ":").
    pub cue: Option<Span>,
    /// The words naming who was spoken to ("the American envoy").
    pub addressee_mention: Option<Span>,
    /// Canonical addressee; empty when none.
    pub addressee: String,
    /// What the words reached the writer through, when the sentence says:
    /// "Vale said, according to CNN" → "CNN", "according to a transcript of
    /// the interview". The speaker stays the person who spoke.
    pub via: Option<Span>,
    /// The rule that fired.
    pub rule: Rule,
    /// 0..1: how sure the rule is.
    pub confidence: f32,
    /// The writer's sentence around the quote (for reviewers).
    pub sentence: Span,
    /// The paragraph around the quote.
    pub paragraph: Span,
}

/// A noun phrase found by the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    first: usize,
    last: usize,
    class: MClass,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MClass {
    Pronoun(Pronoun),
    /// A name; the name proper starts at the token given.
    Name(usize),
    /// A descriptor or organisation; head = last token.
    Descriptor,
    /// "who": the speaker is the antecedent (given as the referent).
    Relative,
}

/// What a rule found.
#[derive(Clone, Copy, Debug)]
struct Found {
    mention: Option<Mention>,
    /// A name in brackets after a pronoun: "he [Gravlund]".
    referent: Option<Mention>,
    cue: Option<Span>,
    addressee: Option<Mention>,
    rule: Rule,
}

impl Found {
    /// A mention with its cue and rule, no referent and no addressee.
    fn new(mention: Mention, cue: Option<Span>, rule: Rule) -> Found {
        Found { mention: Some(mention), referent: None, cue, addressee: None, rule }
    }
}

/// The per-document view the rules read.
pub struct Doc<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// The paragraph holding the article's title, if it has one.
    title: Option<u32>,
    /// The per-token arrays (reused from document to document).
    b: Buffers,
}

impl Drop for Doc<'_> {
    /// Gives the per-token buffers back to the thread for the next document.
    fn drop(&mut self) {
        if self.b.tok.capacity() > KEEP_TOKENS {
            return; // a giant document's buffers are not kept
        }
        let b = std::mem::take(&mut self.b);
        // at thread exit the slot may be gone: then the buffers just go
        let _ = BUFFERS.try_with(|slot| slot.replace(b));
    }
}

/// Documents with at most this many tokens leave their buffers (per-token
/// arrays, tokens) to the next document of the thread; a larger one frees
/// them, so a single giant input does not keep its memory for the rest of
/// the run.
pub(crate) const KEEP_TOKENS: usize = 1 << 20;

/// The per-token arrays of a [`Doc`], kept per thread and reused from one
/// document to the next: allocating (and zeroing fresh pages for) them per
/// document cost a tenth of the run time.
#[derive(Default)]
struct Buffers {
    /// What the rules read of each token, in one record per token: filled
    /// in one push per token (six parallel arrays cost six) and read
    /// together.
    tok: Vec<TokInfo>,
    /// First token of each sentence.
    sent_start: Vec<usize>,
    /// First token of each paragraph.
    para_start: Vec<usize>,
    /// Per paragraph: written in title case (a headline), where capitals do
    /// not mark names.
    headline: Vec<bool>,
    /// The words that are capitalised, titles or determiners, in text
    /// order: the only tokens the registry's passes over the document stop
    /// at (`entities::Registry::build`).
    marked: Vec<u32>,
    /// The top-level quote of each token, as the pass that fills `tok`
    /// goes.
    quotes: QuoteCursor,
    /// [`Doc::verb_is_cue`] of each token once asked (0: not yet, 1: no,
    /// 2: yes): the rules ask it again and again of the same verbs, and
    /// each answer costs a few hundred instructions.
    cue_memo: Vec<Cell<u8>>,
}

/// The top-level quote of each token, worked out from the quote spans as
/// [`Doc::read_tokens`] goes through the tokens in order: an array of one
/// entry per token, filled before that pass, cost a fill of every token
/// and a write of every token inside a quote.
#[derive(Default)]
struct QuoteCursor {
    /// (first token, last token, quote index) of each top-level quote, by
    /// first token.
    spans: Vec<(usize, usize, u32)>,
    /// The next of `spans` not yet reached.
    next: usize,
    /// (last token, quote index) of the quotes reached and not yet left.
    open: Vec<(usize, u32)>,
    /// The answer for the tokens from the one last asked up to `until`
    /// (exclusive): no quote opens or ends in between.
    cur: u32,
    until: usize,
}

impl QuoteCursor {
    fn reset(&mut self, toks: &[Token], quotes: &[QuoteSpan]) {
        self.spans.clear();
        self.open.clear();
        self.next = 0;
        self.cur = NONE;
        self.until = 0;
        for (qi, q) in quotes.iter().enumerate() {
            if q.depth != 0 || toks.is_empty() {
                continue;
            }
            let end =
                q.close_tok.unwrap_or_else(|| toks.partition_point(|t| t.span.start < q.outer.end).saturating_sub(1));
            let last = end.min(toks.len() - 1);
            if q.open_tok <= last {
                self.spans.push((q.open_tok, last, qi as u32));
            }
        }
        // (stable: quotes opening at one token keep their order)
        self.spans.sort_by_key(|&(first, _, _)| first);
    }

    /// The top-level quote of token `k` (`NONE` outside quotes): the latest
    /// quote covering it, as if each quote's tokens were marked over the
    /// marks of the quotes before it. `k` never decreases from one call to
    /// the next.
    #[inline]
    fn at(&mut self, k: usize) -> u32 {
        if k < self.until {
            return self.cur;
        }
        self.step(k)
    }

    #[inline(never)]
    fn step(&mut self, k: usize) -> u32 {
        while let Some(&(first, last, qi)) = self.spans.get(self.next) {
            if first > k {
                break;
            }
            self.open.push((last, qi));
            self.next += 1;
        }
        self.open.retain(|&(last, _)| last >= k);
        self.cur = self.open.iter().map(|&(_, qi)| qi).max().unwrap_or(NONE);
        let next_first = self.spans.get(self.next).map_or(usize::MAX, |s| s.0);
        let first_end = self.open.iter().map(|&(last, _)| last + 1).min().unwrap_or(usize::MAX);
        self.until = next_first.min(first_end);
        self.cur
    }
}

/// The per-token view of one token (see [`Buffers::tok`]).
#[derive(Clone, Copy, Default)]
struct TokInfo {
    /// Lexicon tag.
    lex: Lex,
    /// Closed-class bits of the word (see `words`; of the word without a
    /// possessive ending), from the same table probe as its lexicon tag.
    wc: u16,
    /// [`shape`] bits, computed once: the rules ask "is it a capitalised
    /// word?" of the same tokens over and over, and decoding the first
    /// character each time was a tenth of the attributor.
    shape: u8,
    /// Top-level quote index (`u32::MAX` outside quotes).
    quote_of: u32,
    /// Writer sentence.
    sent: u32,
    /// Paragraph.
    para: u32,
}

thread_local! {
    static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
}

/// What [`Doc::find_headlines`] needs of one paragraph: its words longer
/// than three bytes or capitalised, how many of them are capitalised, and
/// whether it ends in a sentence end.
#[derive(Clone, Copy, Default)]
struct ParaWords {
    words: u32,
    caps: u32,
    terminal: bool,
}

/// Bits of `Doc::shape`.
mod shape {
    /// A word token.
    pub const WORD: u8 = 1;
    /// A word token starting with an upper-case letter.
    pub const CAP: u8 = 1 << 1;
    /// Any token ending in a possessive (’s, 's, ’): it ends a name run.
    pub const POSSESSIVE: u8 = 1 << 2;
}

const NONE: u32 = u32::MAX;

/// The last bytes of the endings [`entities::may_end_possessive`] looks for (’ ends
/// in 0x99): [`Doc::read_tokens`] reads one entry per token, where a chain
/// of four comparisons of the byte cost twice as much.
static APOSTROPHE_END: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\'' as usize] = true;
    t[0x99] = true;
    t[b's' as usize] = true;
    t[b'S' as usize] = true;
    t
};

/// Does a token end in a possessive (’s, 's, ’)? (`shape::POSSESSIVE`)
#[inline]
fn possessive(w: &[u8]) -> bool {
    w.ends_with("’s".as_bytes()) || w.ends_with(b"'s") || w.ends_with("’".as_bytes())
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, toks: &'a [Token], quotes: &[QuoteSpan], lexicon: &Lexicon) -> Doc<'a> {
        let n = toks.len();
        let mut b = BUFFERS.with(|slot| slot.take());
        // the top-level quote spans: the one pass below reads the quote of
        // each token off them, and of the token after a break too
        b.quotes.reset(toks, quotes);
        // filled by pushing, one entry per token: no zeroing first
        b.tok.clear();
        b.tok.reserve(n);
        b.marked.clear();
        b.sent_start.clear();
        b.sent_start.push(0);
        b.para_start.clear();
        b.para_start.push(0);
        b.headline.clear();
        b.cue_memo.clear();
        b.cue_memo.resize(n, Cell::new(0));
        let mut doc = Doc { text, toks, title: None, b };
        let paras = doc.read_tokens(quotes, lexicon);
        doc.find_headlines(&paras);
        doc
    }

    /// The per-token view, in one pass over the tokens (a second pass for
    /// the sentences cost a tenth of it again), with one table probe per
    /// word: lexicon tag, word classes, shape, quote, sentence, paragraph.
    ///
    /// Writer sentences: a break, or a sentence end outside quotes followed
    /// by a capital, a number, a quote or a break, ends a sentence; so does a
    /// quote whose words end a sentence and that is followed the same way.
    ///
    /// In the same pass, counts the words of each paragraph for
    /// [`Doc::find_headlines`] (one entry per paragraph).
    ///
    /// Out of line: a function of its own in a profile (inlined into
    /// `attribute`, it was most of that function's own cost), and its loop
    /// does not share registers with the quote loop's.
    #[inline(never)]
    fn read_tokens(&mut self, quotes: &[QuoteSpan], lexicon: &Lexicon) -> Vec<ParaWords> {
        let (text, toks) = (self.text, self.toks);
        let bytes = text.as_bytes();
        let n = toks.len();
        let mut s = 0u32;
        let mut p = 0u32;
        let mut paras = Vec::new();
        // the words of the paragraph being read (pushed at its break)
        let mut pw = ParaWords::default();
        for k in 0..n {
            let t = &toks[k];
            let quote = self.b.quotes.at(k);
            let w = &bytes[t.span.start..t.span.end];
            // the possessive endings and the stem below are asked only of a
            // token that may end in one (one table read of its last byte,
            // then its last two bytes): most end in none
            let apostrophe = APOSTROPHE_END[w.last().copied().unwrap_or(0) as usize] && entities::may_end_possessive(w);
            let possessive = apostrophe && possessive(w);
            // each arm below pushes the token's record whole (a word's with
            // its tags) before it reads the records behind: a plain record
            // pushed first cost a second write and an index for every word,
            // and one built across the whole match was copied about
            let first_shape = if possessive { shape::POSSESSIVE } else { 0 };
            let plain = TokInfo { quote_of: quote, sent: s, para: p, shape: first_shape, ..TokInfo::default() };
            // one match per token: the word's tags, the paragraph's word
            // count (a break or markup leaves `terminal` as it was) and the
            // sentence end
            let ends = match t.kind {
                TokenKind::Word => {
                    let (lx, mut class) = lexicon.tag_span(text, toks, k, t.span);
                    let cap = match w[0] {
                        b if b < 0x80 => b.is_ascii_uppercase(),
                        _ => text[t.span].chars().next().is_some_and(char::is_uppercase),
                    };
                    let word_shape = shape::WORD | if cap { shape::CAP } else { 0 };
                    // the word classes of "Varenko’s" are those of "Varenko"
                    // (the endings `strip_possessive` strips, tested on the
                    // bytes first: most words have none)
                    if apostrophe {
                        let stem = entities::strip_possessive(&text[t.span]);
                        if stem.len() != w.len() {
                            class = lexicon.class_of(stem.as_bytes());
                        }
                    }
                    self.b.tok.push(TokInfo { lex: lx, wc: class, shape: first_shape | word_shape, ..plain });
                    if cap || lx.flags & cat::TITLE != 0 || class & words::DETERMINER != 0 {
                        self.b.marked.push(k as u32);
                    }
                    // "“…,” Can wrote", "“…,” With said": between a quote's
                    // close and its reporting verb stands the speaker,
                    // whatever else the word can be (not a pronoun or a
                    // determiner: "“…,” he said") — and so does the first
                    // word of a name after the verb: "“…,” said Can Lind"
                    let before_verb = || {
                        lx.flags & cat::SPEECH != 0 && !cap && k >= 2 && matches!(toks[k - 2].kind, TokenKind::Mark(_))
                    };
                    let inverted = || {
                        cap && k >= 3
                            && matches!(toks[k - 3].kind, TokenKind::Mark(_))
                            && self.b.tok[k - 2].lex.flags & cat::SPEECH != 0
                            && self.b.tok[k - 2].shape & shape::CAP == 0
                    };
                    // (asked only of a capital or a reporting verb: most
                    // words are neither)
                    if (cap || lx.flags & cat::SPEECH != 0) && (before_verb() || inverted()) {
                        let w = entities::strip_possessive(&text[toks[k - 1].span]);
                        let before = &mut self.b.tok[k - 1];
                        if before.shape & shape::CAP != 0
                            && before.wc & (words::NOT_NAME | words::DETERMINER) == words::NOT_NAME
                            && words::pronoun(w).is_none()
                            && words::possessive_pronoun(w).is_none()
                        {
                            before.wc = 0;
                            before.lex = Lex::default();
                        }
                    }
                    if t.span.len() > 3 || cap {
                        pw.words += 1;
                        pw.caps += cap as u32;
                    }
                    pw.terminal = false;
                    false
                }
                TokenKind::Break { .. } => {
                    self.b.tok.push(plain);
                    // a break inside a quote running over paragraphs keeps the sentence
                    p += 1;
                    paras.push(std::mem::take(&mut pw));
                    self.b.para_start.push(k + 1);
                    quote == NONE || k + 1 >= n || self.b.quotes.at(k + 1) != quote
                }
                // a sentence end right before a break leaves the ending to
                // the break: a sentence of nothing but a break would hide the
                // sentence before it from the rules that read it
                TokenKind::Terminal => {
                    self.b.tok.push(plain);
                    pw.terminal = true;
                    quote == NONE && self.opens_sentence(k + 1) && !self.break_follows(k)
                }
                TokenKind::Mark(_) => {
                    self.b.tok.push(plain);
                    pw.terminal = false;
                    quote != NONE && {
                        let q = &quotes[quote as usize];
                        q.close_tok == Some(k)
                            && ends_with_terminal(&self.text[q.inner])
                            && self.opens_sentence(k + 1)
                            && !self.break_follows(k)
                    }
                }
                TokenKind::Markup => {
                    self.b.tok.push(plain);
                    false
                }
                TokenKind::Punct => {
                    self.b.tok.push(plain);
                    pw.terminal = false;
                    false
                }
            };
            if ends && k + 1 < n {
                s += 1;
                self.b.sent_start.push(k + 1);
            }
        }
        paras.push(pw);
        // a paragraph opened by a final break holds no token
        paras.truncate(self.b.tok.last().map_or(0, |t| t.para as usize + 1));
        paras
    }

    /// A paragraph of two or more words, nearly all capitalised, that does
    /// not end in a sentence end is a headline ("Varenko Suggests 'Global
    /// Deal'"): its capitals say nothing about names.
    fn find_headlines(&mut self, paras: &[ParaWords]) {
        self.b.headline.clear();
        self.b.headline.extend(paras.iter().map(|c| c.words >= 2 && !c.terminal && c.caps * 10 >= c.words * 8));
        self.title = self.find_title();
        if let Some(p) = self.title {
            // a title in title case ends with a full stop in some feeds; its
            // capitals say nothing about names either
            let c = paras[p as usize];
            self.b.headline[p as usize] |= c.words >= 2 && c.caps * 10 >= c.words * 8;
        }
    }

    /// The article's title: its first paragraph, when that is a single
    /// sentence of at most 30 words and more paragraphs follow.
    fn find_title(&self) -> Option<u32> {
        let first = (0..self.toks.len())
            .find(|&k| !matches!(self.toks[k].kind, TokenKind::Break { .. } | TokenKind::Markup))?;
        let p = self.b.tok[first].para as usize;
        let end = *self.b.para_start.get(p + 1)?;
        let mut words = 0;
        let mut ended = false; // a sentence end outside quotes already seen
        for k in first..end {
            match self.toks[k].kind {
                TokenKind::Word if ended => return None,
                TokenKind::Word => words += 1,
                TokenKind::Terminal if !self.in_quote(k) => ended = true,
                _ => {}
            }
        }
        // a title has an article under it
        let body = self.toks[end..].iter().any(|t| matches!(t.kind, TokenKind::Word));
        (body && (1..=30).contains(&words)).then_some(p as u32)
    }

    fn in_title(&self, k: usize) -> bool {
        self.title == Some(self.b.tok[k].para)
    }

    fn in_headline(&self, k: usize) -> bool {
        self.b.headline.get(self.b.tok[k].para as usize).copied().unwrap_or(false)
    }

    /// The writer's sentence holding quote `q` (a multi-sentence quote
    /// included whole), as a byte span.
    fn sentence_span(&self, q: &QuoteSpan) -> Span {
        let s = self.b.tok.get(q.open_tok).map_or(0, |t| t.sent) as usize;
        let first = self.b.sent_start[s];
        let mut last = self.b.sent_start.get(s + 1).map_or(self.toks.len(), |&n| n) - 1;
        while last > first && matches!(self.toks[last].kind, TokenKind::Break { .. }) {
            last -= 1;
        }
        let start = self.toks[first].span.start.min(q.outer.start);
        Span::new(start, self.toks[last].span.end.max(q.outer.end))
    }

    /// The paragraph(s) holding quote `q`, as a byte span.
    fn paragraph_span(&self, q: &QuoteSpan) -> Span {
        // O(1) per quote: walking the paragraph made one long paragraph
        // with many quotes quadratic
        let first = self.b.para_start[self.b.tok[q.open_tok].para as usize];
        let close = q.close_tok.unwrap_or(q.open_tok).max(q.open_tok);
        let mut last = self.b.para_start.get(self.b.tok[close].para as usize + 1).map_or(self.toks.len(), |&s| s) - 1;
        if last > close && matches!(self.toks[last].kind, TokenKind::Break { .. }) {
            last -= 1;
        }
        Span::new(self.toks[first].span.start.min(q.outer.start), self.toks[last].span.end.max(q.outer.end))
    }

    /// Does token `k` start a new sentence (capital, digit, quote mark,
    /// break, end)?
    fn opens_sentence(&self, k: usize) -> bool {
        let Some(k) = self.skip_markup(k) else { return true };
        let t = self.toks[k];
        match t.kind {
            TokenKind::Break { .. } | TokenKind::Mark(_) => true,
            TokenKind::Word => {
                let c = self.text[t.span].chars().next().unwrap_or('a');
                c.is_uppercase() || c.is_numeric()
            }
            TokenKind::Punct => matches!(&self.text[t.span], "(" | "[" | "—" | "–" | "-" | "•"),
            _ => false,
        }
    }

    fn break_follows(&self, k: usize) -> bool {
        self.skip_markup(k + 1).is_some_and(|n| matches!(self.toks[n].kind, TokenKind::Break { .. }))
    }

    fn skip_markup(&self, mut k: usize) -> Option<usize> {
        while k < self.toks.len() {
            if !matches!(self.toks[k].kind, TokenKind::Markup) {
                return Some(k);
            }
            k += 1;
        }
        None
    }

    /// The next token that is not markup. Inline, the token just after:
    /// markup is rare, and the scan past it is out of line (as for
    /// [`Doc::prev`]).
    #[inline]
    fn next(&self, k: usize) -> Option<usize> {
        let n = k + 1;
        if n < self.toks.len() && !matches!(self.toks[n].kind, TokenKind::Markup) {
            return Some(n);
        }
        self.next_past_markup(n)
    }

    /// [`Doc::next`] from token `k` on, when it is markup or past the end.
    #[inline(never)]
    fn next_past_markup(&self, k: usize) -> Option<usize> {
        self.skip_markup(k)
    }

    /// The previous token that is not markup. Inline, the token just
    /// before: markup is rare, and the scan past it is out of line.
    #[inline]
    fn prev(&self, k: usize) -> Option<usize> {
        let p = k.checked_sub(1)?;
        if !matches!(self.toks[p].kind, TokenKind::Markup) {
            return Some(p);
        }
        self.prev_past_markup(p)
    }

    /// [`Doc::prev`] of the markup token `k`.
    #[inline(never)]
    fn prev_past_markup(&self, k: usize) -> Option<usize> {
        let mut k = k;
        while k > 0 {
            k -= 1;
            if !matches!(self.toks[k].kind, TokenKind::Markup) {
                return Some(k);
            }
        }
        None
    }

    /// Is word `k` in the closed-class list `bit`?
    #[inline]
    fn has(&self, k: usize, bit: u16) -> bool {
        self.b.tok[k].wc & bit != 0
    }

    /// The closed-class bits of token `k` as written (`words::class_of` of
    /// its text). The record's bits are those, read without a second probe,
    /// unless the token may end in a possessive (they are its stem's) or is
    /// a capital with none (cleared before a reporting verb in
    /// [`Doc::read_tokens`]): only those ask the lists again.
    #[inline]
    fn class(&self, k: usize) -> u16 {
        let t = &self.b.tok[k];
        let w = self.word_bytes(k);
        let last = w.last().copied().unwrap_or(0);
        if !APOSTROPHE_END[last as usize] && (t.wc != 0 || t.shape & shape::CAP == 0) {
            t.wc
        } else {
            words::class_of_bytes(w)
        }
    }

    /// May word `k` stand between a speaker and the verb ("also", "has",
    /// adverbs in -ly)?
    fn filler(&self, k: usize) -> bool {
        self.has(k, words::FILLER) || words::ly_adverb(self.word(k)) || self.class(k) & words::FILLER != 0
    }

    fn word(&self, k: usize) -> &'a str {
        &self.text[self.toks[k].span]
    }

    /// The bytes of token `k`, to compare with a literal: slicing the
    /// bytes skips the character boundary checks of slicing the text.
    #[inline]
    fn word_bytes(&self, k: usize) -> &'a [u8] {
        let s = self.toks[k].span;
        &self.text.as_bytes()[s.start..s.end]
    }

    #[inline]
    fn is_word(&self, k: usize) -> bool {
        self.b.tok[k].shape & shape::WORD != 0
    }

    #[inline]
    fn is_cap(&self, k: usize) -> bool {
        self.b.tok[k].shape & shape::CAP != 0
    }

    /// Is token `k` the punctuation `p`? Inline: the kind test rules out
    /// most tokens asked, and the bytes compare without the character
    /// boundary checks of slicing the text.
    #[inline]
    fn is_punct(&self, k: usize, p: &str) -> bool {
        let t = self.toks[k];
        matches!(t.kind, TokenKind::Punct | TokenKind::Terminal)
            && &self.text.as_bytes()[t.span.start..t.span.end] == p.as_bytes()
    }

    fn in_quote(&self, k: usize) -> bool {
        self.b.tok[k].quote_of != NONE
    }

    /// True for a reporting verb used as a verb (not "the report", "a comment").
    #[inline]
    fn is_cue(&self, k: usize) -> bool {
        // the tag test at the call: most words asked are no verb of the
        // lexicon, and a call per word cost more than the test
        self.is_word(k) && self.b.tok[k].lex.flags & cat::VERB != 0 && self.verb_is_cue(k)
    }

    /// [`Doc::is_cue`] of a word tagged as a reporting verb, worked out
    /// once per token (see [`Buffers::cue_memo`]; the answer depends on
    /// the document alone, which does not change once read).
    #[inline]
    fn verb_is_cue(&self, k: usize) -> bool {
        let memo = &self.b.cue_memo[k];
        match memo.get() {
            0 => {
                let cue = self.verb_is_cue_uncached(k);
                memo.set(1 + cue as u8);
                cue
            }
            m => m == 2,
        }
    }

    /// [`Doc::verb_is_cue`], worked out.
    #[inline(never)]
    fn verb_is_cue_uncached(&self, k: usize) -> bool {
        if self.is_cap(k)
            && self.word(k).len() > 1
            && self.b.sent_start.binary_search(&k).is_err()
            && !self.in_headline(k)
        {
            return false; // "Tweet", "Post": a capitalised word mid-sentence is a name
        }
        match self.prev(k) {
            Some(p) if self.is_word(p) => {
                // "the report", "Marsh's remarks": nouns, not verbs
                let w = self.word(p);
                // "her economically depressed state": a participle before a
                // verb form makes it a noun
                // noun ("who did not want to be named said" is a verb: past
                // forms are never nouns)
                let cw = self.word(k);
                // (the words of the word's length only: a word of another
                // length equals none of them)
                let irregular: &[&str] = match cw.len() {
                    4 => &["said", "told"],
                    5 => &["wrote", "spoke"],
                    _ => &[],
                };
                let past = cw.ends_with("ed") || irregular.iter().any(|v| v.eq_ignore_ascii_case(cw));
                let participle = !past && w.len() > 4 && w.ends_with("ed") && !self.is_cap(p) && !self.filler(p);
                // "for terms containing", "in charge of": after a preposition,
                // a verb form is a noun (a gerund is still a verb: "by saying")
                // (unless the word was read as a name: "“…,” With said"; the
                // word classes first, as most words before a verb have none
                // and need no comparison with the list)
                let prepositions: &[&str] = match w.len() {
                    2 => &["in", "of", "on", "at", "by"],
                    3 => &["for", "via", "per"],
                    4 => &["from", "with", "into", "over", "amid"],
                    5 => &["about", "under", "among"],
                    7 => &["without", "against", "between", "through"],
                    _ => &[],
                };
                let after_preposition = !cw.ends_with("ing")
                    && self.b.tok[p].wc != 0
                    && prepositions.iter().any(|x| x.eq_ignore_ascii_case(w));
                // "Some chanted", "another said": a determiner standing alone
                // before a past form is its subject (asked only of a
                // determiner)
                let alone = || past && (words::lone_determiner(w) || w.eq_ignore_ascii_case("one"));
                // "18 million cracks": after a number, a noun
                let number = w.bytes().all(|b| b.is_ascii_digit() || b == b',')
                    || ["hundred", "thousand", "million", "billion"].iter().any(|x| x.eq_ignore_ascii_case(w));
                // (a determiner has the class bit: the list only for those)
                let noun_before = after_preposition
                    || number
                    || self.has(p, words::DETERMINER)
                        && self.class(p) & words::DETERMINER != 0
                        && !w.eq_ignore_ascii_case("that")
                        && !alone()
                    || self.ends_name(p) && w.len() > 2
                    || participle;
                !noun_before && !self.plural_noun(k) && !self.state_noun(k)
            }
            _ => true,
        }
    }

    /// Is "state" at `k` the noun ("a heavily Democratic state.", "state
    /// policies")? As a reporting verb it has a pronoun or an auxiliary
    /// before it ("they state their goal", "to state") or introduces what
    /// is stated: "that", a colon or comma, a quote, or where it was stated
    /// ("in a letter").
    fn state_noun(&self, k: usize) -> bool {
        // ("from state to state")
        let idiom = || {
            self.prev(k).and_then(|p| self.prev(p)).is_some_and(|b| self.word_bytes(b).eq_ignore_ascii_case(b"state"))
        };
        self.word_bytes(k).eq_ignore_ascii_case(b"state")
            && (idiom()
                || !self.prev(k).is_some_and(|p| {
                    words::pronoun(self.word(p)).is_some()
                        || self.is_modal(p)
                        || ["also", "did", "do"].iter().any(|w| self.word_bytes(p).eq_ignore_ascii_case(w.as_bytes()))
                }) && !self.next(k).is_some_and(|n| {
                    matches!(self.toks[n].kind, TokenKind::Mark(_))
                        || [":", ",", "that", "in", "on", "to"]
                            .iter()
                            .any(|w| self.word_bytes(n).eq_ignore_ascii_case(w.as_bytes()))
                }))
    }

    /// Is the -s form at `k` a plural noun, as a plural determiner or a
    /// number a few words before makes it ("the two lengthy investigative
    /// reports", "these claims")? A verb in -s has a singular subject.
    fn plural_noun(&self, k: usize) -> bool {
        let w = self.word(k);
        if !w.ends_with('s') || w.ends_with("ss") {
            return false;
        }
        let mut b = k;
        for _ in 0..3 {
            b = match self.prev(b) {
                Some(p) if self.is_word(p) && !self.is_cap(p) => p,
                _ => return false,
            };
            let pw = self.word(b);
            // (the words of the word's length only)
            let counts: &[&str] = match pw.len() {
                3 => &["two", "six", "ten", "few"],
                4 => &["four", "five", "nine", "both", "many"],
                5 => &["three", "seven", "eight", "these", "those"],
                7 => &["several"],
                _ => &[],
            };
            let plural = pw.bytes().all(|c| c.is_ascii_digit() || c == b',')
                || counts.iter().any(|x| x.eq_ignore_ascii_case(pw));
            if plural {
                return true;
            }
            // (a verb, a pronoun or any other determiner stops the phrase:
            // "where it states")
            if self.b.tok[b].lex.flags & cat::VERB != 0
                || self.class(b) & words::DETERMINER != 0
                || words::pronoun(pw).is_some()
                || self.has(b, words::NP_STOP)
            {
                return false;
            }
        }
        false
    }

    /// Is word `k` a reporting verb, or a phrase that is a cue? Inline, the
    /// tag test: most tokens asked are neither, and a call per token cost
    /// more than the test.
    #[inline]
    fn is_speech(&self, k: usize) -> bool {
        self.b.tok[k].lex.flags & (cat::PHRASE | cat::SPEECH) != 0 && self.tagged_is_speech(k)
    }

    /// [`Doc::is_speech`] of a word tagged as a phrase or a reporting verb.
    #[inline(never)]
    fn tagged_is_speech(&self, k: usize) -> bool {
        if self.b.tok[k].lex.flags & cat::PHRASE != 0 && self.is_word(k) {
            // a phrase led by a verb is a cue ("pointed out", "shot back",
            // "wanted to know", "issued a statement"); one led by a
            // preposition or an auxiliary only qualifies a cue ("in a
            // statement", "as saying", "was quoted as saying") or has a rule
            // of its own ("according to")
            let w = self.word(k);
            let is_cap_mid = self.is_cap(k) && self.b.sent_start.binary_search(&k).is_err() && !self.in_headline(k);
            // "goes on" reports only what comes next: "She went on: “…”",
            // "went on to say", "goes on, “…”" — not "the Senate goes on
            // recess"
            let goes_on_to_something = || {
                ["go", "goes", "went"].iter().any(|v| v.eq_ignore_ascii_case(w)) && {
                    let after = k + self.b.tok[k].lex.ntok as usize;
                    after < self.toks.len()
                        && self.is_word(after)
                        && !["to", "that", "about", "with"]
                            .iter()
                            .any(|x| self.word_bytes(after).eq_ignore_ascii_case(x.as_bytes()))
                }
            };
            return !is_cap_mid
                && !["in", "according", "as", "was", "were", "is"].iter().any(|v| v.eq_ignore_ascii_case(w))
                && !goes_on_to_something();
        }
        // the bit first: most words asked are no reporting verb at all
        self.b.tok[k].lex.flags & cat::SPEECH != 0 && self.is_cue(k)
    }

    /// "according to" or "in the words of": the phrase names whose words
    /// follow. (The phrase bit at the call: most tokens asked start no
    /// phrase, and two calls per token cost more than the test.)
    #[inline]
    fn is_according(&self, k: usize) -> bool {
        self.b.tok[k].lex.flags & cat::PHRASE != 0
            && (self.is_phrase(k, "according to") || self.is_phrase(k, "in the words of"))
    }

    fn is_phrase(&self, k: usize, phrase: &str) -> bool {
        self.b.tok[k].lex.flags & cat::PHRASE != 0 && {
            let last = k + self.b.tok[k].lex.ntok as usize - 1;
            last < self.toks.len()
                && self.text[self.toks[k].span.start..self.toks[last].span.end].eq_ignore_ascii_case(phrase)
        }
    }

    fn first_pronoun_of_sentence(&self, s: u32) -> Option<Pronoun> {
        let k = *self.b.sent_start.get(s as usize)?;
        let k = self.skip_markup(k)?;
        if self.in_quote(k) || !self.is_word(k) {
            return None;
        }
        words::pronoun(self.word(k))
    }

    /// Is the mention at `m` the object of a verb ("told Varenko")?
    fn is_object_of_cue(&self, m: usize, _pron: usize) -> bool {
        self.prev(m).is_some_and(|p| self.is_word(p) && !self.is_cap(p) && self.b.tok[p].lex.flags & cat::VERB != 0)
    }

    // ---------------------------------------------------------------
    // noun phrases
    // ---------------------------------------------------------------

    /// Can token `k` be part of a name run? (Inline: a few tests of the
    /// token's record, asked twice or more per name run.)
    #[inline(always)]
    fn name_token(&self, k: usize) -> bool {
        if !self.is_word(k) {
            return false;
        }
        if self.is_cap(k) {
            // "US Senator …": a place written like a pronoun is still a place
            return !self.has(k, words::NOT_NAME) || self.b.tok[k].lex.flags & (cat::TITLE | cat::PLACE) != 0;
        }
        self.is_particle(k)
            || self.b.tok[k].lex.flags & (cat::TITLE | cat::PLACE) != 0 && self.b.tok[k].lex.flags & cat::VERB == 0
    }

    /// E1: a name run starting at `k`: titles and capitalised words ending in
    /// a capitalised word that is not a title; the name proper is the
    /// capitalised words after the last title word.
    #[inline]
    fn name_run_at(&self, k: usize) -> Option<entities::NameRun> {
        // (inline: the registry asks only where one may start, and the test
        // here then folds into its own)
        if !self.may_start_name(k) {
            return None;
        }
        // a run that ends at its first word: the token after it is no word
        // of a name (nor markup, nor the point of "Mr.", which goes on to
        // the name), and the word is no lexicon entry of several words
        // (most runs asked; answered without the walk)
        let lx = self.b.tok[k].lex;
        let n = k + 1;
        if lx.ntok <= 1
            && self.is_word(k)
            && (n >= self.toks.len()
                || !matches!(self.toks[n].kind, TokenKind::Markup) && !self.name_token(n) && !self.is_punct(n, "."))
        {
            // a lone title, place or common word ("president", "Brenvik",
            // "The") has no name proper
            if lx.flags & (cat::TITLE | cat::PLACE | cat::ROLE) != 0 || self.has(k, words::NOT_NAME) {
                return None;
            }
            // else it is a capitalised word: a lone name ("Vale said"),
            // unless a run stopped just before it or it is a particle
            if !self.has(k, words::PARTICLE) {
                if self.prev(k).is_some_and(|p| self.run_goes_on_after(p)) {
                    return None; // not the start of a run
                }
                return Some(entities::NameRun { first: k, name_first: k, last: k });
            }
        }
        self.name_run_from(k)
    }

    /// [`Doc::name_run_at`] of a token where a name run may start.
    #[inline(never)]
    fn name_run_from(&self, k: usize) -> Option<entities::NameRun> {
        // (the token before is read again for "Secretary of State …" below)
        let before = self.prev(k);
        if let Some(p) = before {
            if self.run_goes_on_after(p) {
                return None; // not the start of a run
            }
        }
        let mut last;
        let mut j = k;
        loop {
            let lx = self.b.tok[j].lex;
            let span_end = if lx.ntok > 1 { j + lx.ntok as usize - 1 } else { j };
            last = span_end.min(self.toks.len() - 1);
            // a name with its titles is a few words: a run of a thousand
            // capitals is not one (and would make every row carry it)
            if self.ends_name(last) || last - k >= 10 {
                break;
            }
            // initials and abbreviations: "J." "Mr." keep going
            let mut nx = last + 1;
            if nx < self.toks.len() && self.is_punct(nx, ".") && self.short_word(last) && self.is_cap(last) {
                nx += 1;
            }
            // (the class first: most runs end at a word that cannot be in a
            // name, and most words follow the one before within two bytes)
            match self.skip_markup(nx) {
                Some(n2)
                    if self.name_token(n2)
                        && self.toks[n2].span.start - self.toks[last].span.end <= 2
                        && !self.is_cue(n2) =>
                {
                    if self.in_quote(n2) != self.in_quote(k) || self.b.tok[n2].para != self.b.tok[k].para {
                        break;
                    }
                    j = n2;
                }
                _ => break,
            }
        }
        // the name proper: capitalised non-title words at the end
        let mut name_first = last + 1;
        let mut i = last as isize;
        while i >= k as isize {
            let t = i as usize;
            if self.is_word(t) {
                let lx = self.b.tok[t].lex.flags;
                let titleish = lx & (cat::TITLE | cat::PLACE | cat::ROLE) != 0;
                if !self.is_cap(t) && !self.is_particle(t) || titleish || self.has(t, words::NOT_NAME) {
                    break;
                }
                name_first = t;
            }
            i -= 1;
        }
        // particles cannot start a name
        while name_first <= last && self.is_word(name_first) && self.is_particle(name_first) {
            name_first += 1;
        }
        // "Secretary of State Jon Lind", "Chief of Staff Ann Halvik": a
        // department after a title's "of" ends the title, not starts the name
        // ("Governor of New York" keeps its place)
        // (asked only of a run whose name starts at its first word: the
        // comparison with "of" ran for every run)
        let titled_of = || {
            before
                .filter(|&o| self.word_bytes(o) == b"of")
                .and_then(|o| self.prev(o))
                .is_some_and(|t| self.is_word(t) && self.b.tok[t].lex.flags & cat::TITLE != 0)
        };
        if name_first == k && titled_of() {
            while name_first < last && (!self.is_word(name_first) || words::title_department(self.word(name_first))) {
                name_first += 1;
            }
        }
        if name_first > last {
            return None;
        }
        // a lone capitalised word opening a sentence is a name only if it is
        // not a common word: we cannot know, so demand it be followed by a
        // reporting verb or seen elsewhere (kept, with the registry's merging)
        Some(entities::NameRun { first: k, name_first, last })
    }

    /// Does a name run go on past word `p`? A run cannot start right after
    /// one ([`Doc::name_run_at`]'s lone words and [`Doc::name_run_from`]
    /// ask the same).
    #[inline]
    fn run_goes_on_after(&self, p: usize) -> bool {
        self.name_token(p) && !self.ends_name(p)
    }

    /// Can a name run start at `k` (a capitalised word or a title)? The
    /// registry asks this of every token before it calls
    /// [`Doc::name_run_at`].
    #[inline]
    fn may_start_name(&self, k: usize) -> bool {
        self.is_cap(k) || self.is_word(k) && self.b.tok[k].lex.flags & cat::TITLE != 0
    }

    /// Is word `k` a name particle ("de", "van")? The class bit first: the
    /// string compare only for the words that may be one.
    #[inline(always)]
    fn is_particle(&self, k: usize) -> bool {
        self.has(k, words::PARTICLE) && words::name_particle(self.word(k))
    }

    /// Is token `k` at most three characters long? Counted only for four
    /// to twelve bytes (a character is one to four bytes): the count was
    /// most of the test's cost.
    #[inline]
    fn short_word(&self, k: usize) -> bool {
        let len = self.toks[k].span.len();
        len <= 3 || len <= 12 && self.word(k).chars().count() <= 3
    }

    /// A possessive word ends a run: "Gravlund’s deputy assistant Peter Haile".
    #[inline]
    fn ends_name(&self, k: usize) -> bool {
        self.b.tok[k].shape & shape::POSSESSIVE != 0
    }

    /// A descriptor starting at determiner `k`: "the Belarusian leader",
    /// "the American president", "the envoy", "the press service".
    fn descriptor_from(&self, k: usize) -> Option<Mention> {
        let mut j = k;
        let mut head = None;
        for _ in 0..5 {
            let Some(nx) = self.next(j) else { break };
            if !self.is_word(nx)
                || self.in_quote(nx) != self.in_quote(k)
                || self.has(nx, words::NP_STOP)
                || self.is_cue(nx)
            {
                break;
            }
            if self.b.tok[nx].lex.flags & (cat::ROLE | cat::ORG) != 0 {
                head = Some(nx);
            } else if head.is_some() {
                break;
            }
            j = nx;
        }
        let head = head?;
        Some(Mention { first: k, last: head, class: MClass::Descriptor })
    }

    /// The noun phrase ending at token `k` (scanning backwards, not before
    /// `floor`): a pronoun, a name with its titles, or a descriptor.
    fn np_ending_at(&self, k: usize, floor: usize) -> Option<Mention> {
        if !self.is_word(k) {
            return None;
        }
        // a role of something is one title: "the secretary of state",
        // "the chief of staff"
        if !self.is_cap(k) {
            let of = self.prev(k).filter(|&o| o > floor && self.word(o) == "of");
            let role = of.and_then(|o| self.prev(o)).filter(|&r| self.b.tok[r].lex.flags & cat::ROLE != 0);
            if let Some(m) = role.and_then(|r| self.np_ending_at(r, floor)) {
                return Some(Mention { last: k, ..m });
            }
        }
        let w = self.word(k);
        if let Some(p) = words::pronoun(w) {
            return Some(Mention { first: k, last: k, class: MClass::Pronoun(p) });
        }
        let lx = self.b.tok[k].lex.flags;
        if self.is_cap(k) && !words::not_a_name(entities::strip_possessive(w)) && lx & cat::VERB == 0 {
            // back over the run
            let mut first = k;
            while let Some(p) = self.prev(first) {
                // names are short: the cap keeps a megabyte of capitals linear
                if p < floor || k - p > 12 || !self.name_token(p) || self.ends_name(p) || self.is_cue(p) {
                    break;
                }
                if self.toks[first].span.start - self.toks[p].span.end > 2 {
                    break;
                }
                first = p;
            }
            // include "." of initials: handled by name_token skipping punct? keep simple
            let run = self.name_run_at(first).filter(|r| r.last >= k);
            let name_first = run.map(|r| r.name_first).unwrap_or(first).min(k);
            // a run of titles only is a descriptor ("Belarusian President")
            let class = if run.is_some() { MClass::Name(name_first) } else { MClass::Descriptor };
            // "the President of Lithuania": a determiner before
            let first = match self.prev(first) {
                Some(p)
                    if p >= floor
                        && self.is_word(p)
                        && self.has(p, words::DETERMINER)
                        && class == MClass::Descriptor =>
                {
                    p
                }
                _ => first,
            };
            // "a spokesman for Mara Vale": the role speaks, not the name
            if let Some(f) =
                self.prev(first).filter(|&f| f > floor && (self.word_bytes(f) == b"for" || self.word_bytes(f) == b"of"))
            {
                if let Some(r) = self.prev(f).filter(|&r| self.is_word(r) && !self.is_cap(r)) {
                    if self.b.tok[r].lex.flags & cat::ROLE != 0 {
                        if let Some(d) = self.np_ending_at(r, floor) {
                            return Some(Mention { first: d.first, last: k, class: MClass::Descriptor });
                        }
                    }
                }
            }
            return Some(Mention { first, last: k, class });
        }
        // "Some chanted", "Yet another said", "Someone called it": a
        // determiner or an indefinite pronoun standing alone
        if words::lone_determiner(w) || words::indefinite_pronoun(w) {
            return Some(Mention { first: k, last: k, class: MClass::Descriptor });
        }
        let head_like = lx & (cat::ROLE | cat::ORG) != 0 || is_age(w);
        if !head_like {
            return None;
        }
        // descriptor: modifiers back to a determiner
        let mut first = k;
        let mut j = k;
        let mut det = None;
        for _ in 0..6 {
            let Some(p) = self.prev(j) else { break };
            if p < floor || !self.is_word(p) || self.is_cue(p) {
                break;
            }
            let pw = self.word(p);
            // (the word's list bits, read once for the three lists)
            let class = self.class(p);
            if class & words::DETERMINER != 0 && !self.ends_name(p) {
                det = Some(p);
                break;
            }
            if class & words::NP_STOP != 0 || words::pronoun(pw).is_some() || class & words::RELATIVE != 0 {
                break;
            }
            j = p;
        }
        if let Some(d) = det {
            first = d;
        } else {
            // no determiner: keep capitalised and lexicon modifiers right before the head
            let mut j = k;
            while let Some(p) = self.prev(j) {
                if p < floor || !self.is_word(p) || self.is_cue(p) {
                    break;
                }
                if self.is_cap(p)
                    || self.b.tok[p].lex.flags & (cat::ROLE | cat::ORG | cat::PLACE | cat::TITLE) != 0
                    || self.ends_name(p)
                {
                    j = p;
                    first = p;
                } else {
                    break;
                }
            }
        }
        Some(Mention { first, last: k, class: MClass::Descriptor })
    }

    /// The subject of a reporting verb at `cue` (A1/A2/A3), scanning back.
    fn subject_before(&self, cue: usize, floor: usize) -> Option<(Mention, Option<Mention>)> {
        let mut k = self.prev(cue)?;
        // fillers: "also", "has", "later", "would", adverbs
        let mut steps = 0;
        while k > floor
            && self.is_word(k)
            && (!self.is_cap(k) && self.filler(k) || self.class(k) & words::CALENDAR != 0)
            && steps < 4
        {
            // "went on to say", "wants to tell": "to" after a verb; after a
            // noun it is a preposition ("taking to Twitter to call")
            if self.word_bytes(k).eq_ignore_ascii_case(b"to")
                && self.prev(k).is_some_and(|b| !(self.is_word(b) && self.filler(b) && !self.is_cap(b)))
            {
                return None;
            }
            k = self.prev(k)?;
            steps += 1;
        }
        if k < floor {
            return None;
        }
        // "Sen. Amy Roth (D-N.Y.) said"
        if self.is_punct(k, ")") {
            let open = (floor..k).rev().take(12).find(|&j| self.is_punct(j, "("))?;
            k = self.prev(open)?;
        }
        // "he [Gravlund] said": a bracketed referent
        if self.is_punct(k, "]") {
            let open = (floor..k).rev().take(8).find(|&j| self.is_punct(j, "["))?;
            let referent = self.next(open).and_then(|a| self.np_ending_at(self.prev(k)?, a)).filter(|m| m.first > open);
            let before = self.prev(open)?;
            let m = self.np_ending_at(before, floor)?;
            return Some((m, referent));
        }
        // "X, who …, said" / "the president, who said": the mention is the
        // relative pronoun, the speaker its antecedent
        if self.is_word(k) && self.has(k, words::RELATIVE) {
            let who = Mention { first: k, last: k, class: MClass::Relative };
            let mut p = self.prev(k)?;
            if self.is_punct(p, ",") {
                p = self.prev(p)?;
            }
            let antecedent = self.np_ending_at(p, floor);
            return Some((who, antecedent));
        }
        // parenthetical: "Haile, in his turn, told" / "Smedvik, a spokeswoman, said"
        if self.is_punct(k, ",") {
            let mut j = k;
            for _ in 0..26 {
                let p = self.prev(j)?;
                if p < floor
                    || self.in_quote(p) != self.in_quote(cue)
                    || matches!(self.toks[p].kind, TokenKind::Break { .. } | TokenKind::Terminal)
                {
                    return None;
                }
                if self.is_punct(p, ",") {
                    let before = self.prev(p)?;
                    let mut m = self.np_ending_at(before, floor)?;
                    let after_of = self.prev(m.first).is_some_and(|o| self.word_bytes(o) == b"of");
                    // "Tor Lind, 22, of Norland, Ost., said", "the mayor of
                    // Norland, Ost., said": the place is where the speaker is
                    // from (an age may stand between the commas)
                    for _ in 0..2 {
                        let Some(of) =
                            self.prev(m.first).filter(|&o| o > floor && matches!(self.word(o), "of" | "from"))
                        else {
                            break;
                        };
                        let mut b = self.prev(of)?;
                        if self.is_punct(b, ",") {
                            b = self.prev(b)?;
                            let w = self.word(b);
                            if w.len() <= 3 && w.bytes().all(|c| c.is_ascii_digit()) {
                                b = self.prev(b).filter(|&c| self.is_punct(c, ",")).and_then(|c| self.prev(c))?;
                            }
                        }
                        match self.np_ending_at(b, floor) {
                            Some(n)
                                if matches!(n.class, MClass::Name(_))
                                    || self.b.tok[n.last].lex.flags & cat::ROLE != 0 =>
                            {
                                m = n
                            }
                            _ => break,
                        }
                    }
                    // "The opposition leader, Meera Das, called", "the director
                    // of the Federal Bureau of Kalmar, Jon B. Lind, said": the
                    // name between the commas is who the phrase is
                    let apposed = self
                        .np_starting_at(p + 1)
                        .filter(|a| matches!(a.class, MClass::Name(_)) && self.next(a.last) == Some(k));
                    let name = match m.class {
                        MClass::Descriptor => apposed,
                        _ if after_of => apposed.filter(|a| a.last > a.first + 1),
                        _ => None,
                    };
                    return Some((m, name));
                }
                // ", asked about the deaths," is a participle, not this verb's clause
                let participle = self.word(p).ends_with("ed") && self.prev(p).is_some_and(|b| self.is_punct(b, ","));
                if self.is_cue(p) && !participle {
                    return None;
                }
                j = p;
            }
            return None;
        }
        let mut m = self.np_ending_at(k, floor)?;
        // "Chancellor Mara Vale of Norland said", "Sen. Tor Lind of New
        // Norland said": a person's name before "of" is the subject, the
        // place where they are from ("the Bank of Norland said" is one name)
        if let Some(of) = self.prev(m.first).filter(|&o| o > floor && self.word_bytes(o) == b"of") {
            let before = self.prev(of).and_then(|b| self.np_ending_at(b, floor));
            if let Some(p) = before.filter(|p| matches!(p.class, MClass::Name(_))) {
                if p.last > p.first || self.b.tok[p.first].lex.flags & cat::TITLE != 0 {
                    return Some((p, None));
                }
                // (an organisation word before it: the whole is one name)
                if matches!(m.class, MClass::Name(_)) && self.b.tok[p.last].lex.flags & cat::ORG != 0 {
                    return Some((Mention { first: p.first, last: m.last, class: MClass::Name(p.first) }, None));
                }
            }
        }
        // the object of a preposition is not the subject, the phrase it hangs
        // on is: "a source speaking to Kwill News said", "one voter at the
        // rally in Ames said", "a voice-over in the ad states" (kept when no
        // such phrase is found)
        // (`at`: the first token of the phrase reached so far)
        let mut at = m.first;
        for _ in 0..4 {
            let Some(prep) = self.prev(at).filter(|&b| b > floor && self.is_preposition(b)) else { break };
            let mut b = self.prev(prep)?;
            // (inside a name: "the Council on Kalmar Relations director Jo Lind")
            if self.is_cap(b) && self.is_cap(at) {
                break;
            }
            // "speaking to", "hired by": a participle between
            if self.is_word(b) && !self.is_cap(b) && ["ing", "ed"].iter().any(|e| self.word(b).ends_with(e)) {
                b = self.prev(b)?;
            }
            if let Some(h) = self.np_ending_at(b, floor).filter(|h| h.first < at) {
                if self.prev(h.first).is_none_or(|p| p <= floor || !self.is_preposition(p)) {
                    m = h;
                    break;
                }
                at = h.first;
                continue;
            }
            // a common noun's phrase between two prepositions: "at the big
            // rally in Ames"
            let mut j = b;
            let mut words = 0;
            while words < 4 && self.is_word(j) && !self.is_cap(j) && !self.is_preposition(j) {
                j = self.prev(j)?;
                words += 1;
            }
            if words == 0 || !self.is_preposition(j) {
                break;
            }
            at = j + 1;
        }
        Some((m, None))
    }

    /// A modal or the "to" of an infinitive: a reporting verb after it
    /// reports nothing yet ("will say", "to state").
    fn is_modal(&self, k: usize) -> bool {
        self.is_word(k)
            && ["to", "will", "would", "should", "could", "can", "may", "might", "must", "shall"]
                .iter()
                .any(|m| self.word_bytes(k).eq_ignore_ascii_case(m.as_bytes()))
    }

    /// A dash standing as punctuation: "–", "—", "-", "--".
    fn is_dash(&self, k: usize) -> bool {
        matches!(self.toks[k].kind, TokenKind::Punct) && matches!(self.word(k), "—" | "–" | "--" | "-")
    }

    /// A preposition that can join a noun phrase to the one before it.
    fn is_preposition(&self, k: usize) -> bool {
        ["to", "in", "at", "with", "from", "on", "near", "by", "about", "against", "among", "inside", "toward"]
            .iter()
            .any(|w| self.word_bytes(k).eq_ignore_ascii_case(w.as_bytes()))
    }

    /// The token after the parenthesis opened at `open` (at most 12 tokens).
    fn after_parenthesis(&self, open: usize) -> Option<usize> {
        let mut j = open;
        for _ in 0..12 {
            j = self.next(j)?;
            if self.is_punct(j, ")") {
                return self.next(j);
            }
            if matches!(self.toks[j].kind, TokenKind::Break { .. } | TokenKind::Mark(_)) {
                return None;
            }
        }
        None
    }

    /// The noun phrase starting at `k` (scanning forwards): after an inverted
    /// verb (`said Halvik`), `according to`, or `told` (the addressee).
    fn np_starting_at(&self, k: usize) -> Option<Mention> {
        const AUX: &[&str] = &["has", "had", "have", "is", "was", "are", "were", "will", "would", "did", "does"];
        let k = self.skip_markup(k)?;
        if !self.is_word(k) {
            return None;
        }
        let w = self.word(k);
        // "US Senator …" is not "us"
        let acronym = w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase());
        if let Some(p) = words::pronoun(w).filter(|_| !acronym) {
            return Some(Mention { first: k, last: k, class: MClass::Pronoun(p) });
        }
        // "one of those advisers", "some of his aides": the whole partitive
        if ["one", "some", "many", "several", "most", "each", "two", "three", "both", "none"]
            .iter()
            .any(|d| d.eq_ignore_ascii_case(w))
        {
            let is_of = |o: usize| self.is_word(o) && self.word_bytes(o) == b"of";
            if let Some(of) = self.next(k).filter(|&o| is_of(o)) {
                // (one level only: "one of one of one of …" must not recurse
                // a megabyte deep)
                let inner_start = self.next(of).filter(|&n| !self.next(n).is_some_and(is_of));
                if let Some(inner) = inner_start.and_then(|n| self.np_starting_at(n)) {
                    if !matches!(inner.class, MClass::Pronoun(_)) {
                        return Some(Mention { first: k, last: inner.last, class: MClass::Descriptor });
                    }
                }
            }
        }
        // ("her campaign": "her" before a noun is a determiner)
        let determines = w.eq_ignore_ascii_case("her")
            && self
                .next(k)
                .is_some_and(|n| self.is_word(n) && !self.is_cap(n) && !self.has(n, words::NP_STOP) && !self.is_cue(n));
        // (the word's list bits, read once for the lists asked below)
        let class = self.class(k);
        if (class & words::OBJECT != 0 && !determines || words::indefinite_pronoun(w)) && !acronym {
            return Some(Mention { first: k, last: k, class: MClass::Descriptor });
        }
        // lower-case modifiers before a name or role count as a determiner
        // would: "undecided Republican voter Nora Lind", "retired
        // neurosurgeon Tom Weil"
        // (the words between are plain lower-case ones: no capital, no
        // preposition, no reporting verb)
        let plain_between = |j: usize| {
            (k + 1..j).all(|i| self.is_word(i) && !self.is_cap(i) && !self.has(i, words::NP_STOP) && !self.is_cue(i))
        };
        let modifiers = !self.name_token(k)
            && self.b.tok[k].lex.flags & (cat::ROLE | cat::ORG | cat::VERB) == 0
            && !self.has(k, words::NP_STOP)
            && (1..=3).any(|d| {
                let j = k + d;
                j < self.toks.len()
                    && (self.is_cap(j) || self.b.tok[j].lex.flags & (cat::ROLE | cat::ORG) != 0)
                    && plain_between(j)
            });
        // so does a capitalised party or role word before lower-case ones and
        // a name: "Republican presidential front-runner Jon Vale"
        let role_modifier = self.is_cap(k)
            && self.b.tok[k].lex.flags & cat::ROLE != 0
            && self.next(k).is_some_and(|n| self.is_word(n) && !self.is_cap(n))
            && (2..=4).any(|d| k + d < self.toks.len() && self.is_cap(k + d) && plain_between(k + d));
        // a number counts as a determiner, an approximation before it too:
        // "about 200 protesters congregated"
        let number = |t: usize| self.is_word(t) && self.word(t).bytes().all(|b| b.is_ascii_digit() || b == b',');
        let counted = number(k)
            || ["about", "nearly", "roughly", "almost", "some", "over"].iter().any(|a| a.eq_ignore_ascii_case(w))
                && self.next(k).is_some_and(number);
        let det = class & words::DETERMINER != 0 || modifiers || role_modifier || counted;
        if !det && !self.name_token(k) && self.b.tok[k].lex.flags & (cat::ROLE | cat::ORG) == 0 {
            return None;
        }
        let mut last;
        let mut j = k;
        last = k;
        let mut has_head = !det;
        for _ in 0..8 {
            let Some(nx) = self.next(j) else { break };
            if !self.is_word(nx) || self.in_quote(nx) != self.in_quote(k) {
                // initials: "Jon Q. Vale"
                if self.is_punct(nx, ".") && self.is_cap(j) && crate::tokenizer::is_abbreviation(self.word(j)) {
                    j = nx;
                    continue;
                }
                break;
            }
            let nw = self.word(nx);
            if nw == "of" {
                // "the President of Lithuania"
                match self.next(nx) {
                    Some(a) if self.is_cap(a) => {
                        j = nx;
                        continue;
                    }
                    _ => break,
                }
            }
            if self.class(nx) & words::NP_STOP != 0 || self.is_cue(nx) {
                // "the progressive heavyweights wrote": the word before the
                // verb heads the phrase
                if det && j > k && (self.is_cue(nx) || AUX.iter().any(|a| a.eq_ignore_ascii_case(nw))) {
                    has_head = true;
                }
                break;
            }
            // "The retired neurosurgeon addressed the crowd": a past form
            // after the head and before a determiner is the verb (of a
            // sentence's subject: "saying the city embodied the" is left be)
            if det
                && self.is_cap(k)
                && j > k
                && nw.len() > 4
                && nw.ends_with("ed")
                && self.next(nx).is_some_and(|a| self.is_word(a) && self.has(a, words::DETERMINER | words::OBJECT))
            {
                has_head = true;
                break;
            }
            let lexical = self.b.tok[nx].lex.flags & (cat::ROLE | cat::ORG | cat::TITLE | cat::PLACE) != 0;
            if !self.is_cap(nx) && !lexical && (!det || has_head) {
                break; // "the Belarusian leader | reacted"
            }
            if self.ends_name(j) && !det && self.is_cap(j) {
                // "Gravlund’s representative Peter Halvik": keep going into the name
            }
            j = nx;
            last = nx;
            if self.is_cap(nx) || self.b.tok[nx].lex.flags & (cat::ROLE | cat::ORG) != 0 {
                has_head = true;
            }
        }
        // "the boy, who …", "tweeted another.", "two witnesses who …": a
        // determiner phrase that ends at punctuation or a relative pronoun is
        // complete
        if !has_head
            && det
            && self.next(last).is_none_or(|n| {
                matches!(self.toks[n].kind, TokenKind::Punct | TokenKind::Terminal | TokenKind::Break { .. })
                    || self.is_word(n) && self.class(n) & words::RELATIVE != 0
            })
        {
            has_head =
                last > k || matches!(w.to_ascii_lowercase().as_str(), "another" | "one" | "others" | "some" | "both");
        }
        if !has_head {
            return None;
        }
        // the name part, when the phrase ends in capitalised words
        let class = if self.is_cap(last) && !self.has(last, words::NOT_NAME) {
            let mut nf = last;
            let cap_name = |t: usize| self.is_cap(t) && self.b.tok[t].lex.flags & (cat::TITLE | cat::PLACE) == 0;
            loop {
                if nf > k && cap_name(nf - 1) {
                    nf -= 1;
                } else if nf > k + 1 && self.word(nf - 1) == "of" && cap_name(nf - 2) {
                    // "the American Federation of Teachers", "Bank of Avalon"
                    nf -= 2;
                } else {
                    break;
                }
            }
            MClass::Name(nf)
        } else {
            MClass::Descriptor
        };
        Some(Mention { first: k, last, class })
    }

    /// A3: the subject of the clause in which token `k` stands: the first
    /// noun phrase of its sentence after any introductory phrase.
    fn clause_subject(&self, k: usize) -> Option<Mention> {
        let s = self.b.tok[k].sent as usize;
        let mut j = self.skip_markup(self.b.sent_start[s])?;
        let mut introduced = false;
        if j >= k {
            return None;
        }
        // a dateline is not a subject: "WASHINGTON, Aug. 24 (UPI) — A spokesman …",
        // "Geneva (AFP) – The envoy …"
        let agency = || self.next(j).is_some_and(|n| self.is_punct(n, "("));
        if self.is_word(j) && self.word(j).len() > 1 && (self.word(j).chars().all(|c| !c.is_lowercase()) || agency()) {
            let mut d = j;
            for _ in 0..10 {
                match self.next(d) {
                    Some(n) if n < k => {
                        // ("BRENVIK, Aug. 24 - A spokesman …": a spaced hyphen too)
                        if matches!(self.word(n), "—" | "–" | "--" | "-") {
                            j = self.next(n)?;
                            break;
                        }
                        d = n;
                    }
                    _ => break,
                }
            }
        }
        // a coordinator or sentence adverb opening the sentence: "And then
        // Vale went on, saying", "Perhaps Lind's most surprising claim"
        for _ in 0..2 {
            if j + 1 < k
                && self.is_word(j)
                && (words::coordinator(self.word(j))
                    || ["then", "or", "perhaps", "maybe"].iter().any(|c| c.eq_ignore_ascii_case(self.word(j))))
            {
                j = self.next(j)?;
            }
        }
        // an adverb before the word that opens an introduction: "Even
        // before Vale took the stage, …", "Shortly after the vote, …"
        if self.is_word(j)
            && ["even", "ever", "just", "only", "shortly", "soon", "right", "long", "well"]
                .iter()
                .any(|a| a.eq_ignore_ascii_case(self.word(j)))
            && self.next(j).is_some_and(|n| n < k && self.is_word(n) && self.has(n, words::INTRO))
        {
            j = self.next(j)?;
        }
        // a verb inside an opening subordinate clause has that clause's
        // subject: "When Vale later referred to … and said he would “…,”
        // the crowd applauded"
        // (for a reporting verb only: a fragment with none there is a scare
        // quote more often than not — "While Vale is “brand building,”")
        if self.is_cue(k)
            && self.is_word(j)
            && ["when", "after", "as", "while", "although", "though", "because", "since", "before", "once", "until"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(self.word(j)))
            && (j..k).all(|t| !self.is_punct(t, ",") || self.in_quote(t))
        {
            if let Some(m) = self.next(j).and_then(|n| self.np_starting_at(n)).filter(|m| m.last < k) {
                if matches!(m.class, MClass::Name(_) | MClass::Pronoun(_)) {
                    return Some(m);
                }
            }
        }
        // introductory phrases end at a comma: "On Friday, he …", "Smiling
        // broadly …, Mrs. Marsh …", "On Thursday, after remaining neutral
        // …, Norris …"; a participle opens one only when no verb follows it
        // ("Halsted continued" is a subject and its verb)
        for _ in 0..3 {
            let w = self.word(j);
            let next_is_verb = self.next(j).is_some_and(|n| self.is_cue(n) || self.is_cap(n));
            // ("Led by Vale, the rally …": a participle of any shape before "by")
            let by_follows = self.next(j).is_some_and(|n| self.word(n) == "by");
            let participle = (w.len() > 4 && (w.ends_with("ing") || w.ends_with("ly") || w.ends_with("ed"))
                || by_follows)
                && !next_is_verb;
            // a reporting verb's participle opens a phrase only at the very
            // start ("Continuing to explain his view, Halvik …")
            let verb_ok = self.b.tok[j].lex.flags & cat::VERB == 0 || self.b.sent_start[s] == j && w.ends_with("ing");
            if !(self.is_word(j) && (self.has(j, words::INTRO) || participle && verb_ok)) {
                // "Hours later, …", "A month later, …", "Most recently, …":
                // a short phrase ending in an adverb before a comma
                // — but not a clause of its own: "Lind reversed himself
                // again, telling …" has a subject and its verb before the adverb
                let c = (j..k).take(7).find(|&c| self.is_punct(c, ",") || self.in_quote(c));
                let clause = |b: usize| {
                    self.np_starting_at(j).is_some_and(|m| {
                        // ("Thirteen years earlier" is a number, not a name)
                        matches!(m.class, MClass::Name(_) | MClass::Pronoun(_))
                            && m.last + 1 < b
                            && self.next(m.last).is_some_and(|n| !words::time_unit(self.word(n)))
                    })
                };
                let adverbial = c.filter(|&c| self.is_punct(c, ",")).is_some_and(|c| {
                    self.prev(c).is_some_and(|b| {
                        let bw = self.word(b);
                        self.is_word(b)
                            && (bw.len() > 3 && bw.ends_with("ly") && !self.is_cap(b) || words::time_adverb(bw))
                            && (j..c).all(|t| !self.is_cue(t))
                            && !clause(b)
                    })
                });
                if !adverbial {
                    break;
                }
                j = self.next(c?)?;
                introduced = true;
                if j >= k {
                    return None;
                }
                continue;
            }
            let mut c = j;
            loop {
                c = self.next(c)?;
                if c >= k || self.in_quote(c) || c - j > 60 {
                    return None;
                }
                if self.is_punct(c, ",") {
                    j = self.next(c)?;
                    introduced = true;
                    break;
                }
            }
            if j >= k {
                return None;
            }
        }
        if j >= k || self.in_quote(j) {
            return None;
        }
        let m = self.np_starting_at(j)?;
        if m.last >= k {
            return None;
        }
        // after an introductory phrase, a phrase closed by a comma and
        // followed by another that a verb follows is in apposition to the
        // introduction: "Speaking in Salem, New Hampshire, Vale went",
        // "Introduced by Joe Lind, the county sheriff, Vale launched"
        if introduced {
            // (the phrase may go on with "and": "the county sheriff and hard-liner")
            let apposed = !matches!(m.class, MClass::Pronoun(_))
                && self.next(m.last).is_some_and(|n| self.is_punct(n, ",") || self.word_bytes(n) == b"and");
            let comma = (m.last + 1..k.min(m.last + 8))
                .filter(|_| apposed)
                .take_while(|&t| self.is_punct(t, ",") || self.is_word(t) && !self.is_cue(t))
                .find(|&t| self.is_punct(t, ","));
            // (another short phrase may follow the place: "In Ames, Iowa, on
            // Sunday, Vale tried")
            let comma = comma.map(|c| {
                let opens = self.next(c).filter(|&n| n < k && self.is_word(n) && self.has(n, words::INTRO));
                opens
                    .and_then(|n| {
                        (n + 1..k.min(n + 8)).take_while(|&t| !self.in_quote(t)).find(|&t| self.is_punct(t, ","))
                    })
                    .unwrap_or(c)
            });
            if let Some(c) = comma {
                if let Some(m2) = self.next(c).and_then(|n| self.np_starting_at(n)).filter(|m2| m2.last < k) {
                    let verb_follows = self.next(m2.last).is_some_and(|v| {
                        self.is_word(v)
                            && !words::coordinator(self.word(v))
                            && !matches!(self.word(v), "of" | "and" | "or")
                    });
                    if verb_follows && matches!(m2.class, MClass::Name(_) | MClass::Pronoun(_)) {
                        return Some(m2);
                    }
                }
            }
        }
        // a name phrase ending in a possessive is not a subject ("Gravlund’s …")
        Some(m)
    }

    // ---------------------------------------------------------------
    // cue spans
    // ---------------------------------------------------------------

    /// The cue span at verb `k`, with a following "in a statement" etc.
    fn cue_span(&self, k: usize) -> Span {
        let mut end = k + (self.b.tok[k].lex.ntok.max(1) as usize) - 1;
        if let Some(nx) = self.next(end) {
            if self.b.tok[nx].lex.flags & cat::PHRASE != 0 && self.word_bytes(nx).eq_ignore_ascii_case(b"in") {
                end = nx + self.b.tok[nx].lex.ntok as usize - 1;
            }
        }
        Span::new(self.toks[k].span.start, self.toks[end.min(self.toks.len() - 1)].span.end)
    }
}

fn is_age(w: &str) -> bool {
    w.ends_with("-year-old") || w.ends_with("-year-olds")
}

fn ends_with_terminal(inner: &str) -> bool {
    inner
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '’' | '\'' | '"' | '”' | '»' | '›' | ')'))
        .ends_with(['.', '!', '?', '…'])
}

/// Wording rather than a name or a title: at least `min` words, most of
/// them lower-case ("a very powerful industry that has the freedom to
/// charge whatever").
fn is_wording(inner: &str, min: usize) -> bool {
    let (words, lower) =
        inner.split_whitespace().fold((0, 0), |(n, l), w| (n + 1, l + usize::from(w.starts_with(char::is_lowercase))));
    words >= min && lower * 2 > words
}

fn ends_with_comma(inner: &str) -> bool {
    inner
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '’' | '\'' | '"' | '”' | '»' | '›'))
        .ends_with([',', '—', '–', '-', ';'])
}

/// Runs the attributor over one document.
pub fn attribute(text: &str, toks: &[Token], spans: &[QuoteSpan], lexicon: &Lexicon) -> Vec<Quote> {
    // no quote spans, nothing to attribute: the per-token view and the
    // registry are for the quotes only
    if spans.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, toks, spans, lexicon);
    let reg = Registry::build(&doc);
    let mut out: Vec<Quote> = Vec::with_capacity(spans.len());
    let mut last_top: Option<(usize, Found)> = None; // (quote index, attribution) for A5
    for (qi, q) in spans.iter().enumerate() {
        let found = if q.depth == 0 {
            let prev = last_top.as_ref().map(|(i, f)| (&spans[*i], f));
            let f = match title_colon(&doc, &reg, q) {
                Some(f) => f,
                None => {
                    let f = attribute_top(&doc, q, spans, prev);
                    if f.rule == Rule::None {
                        title_subject(&doc, &reg, q).unwrap_or(f)
                    } else {
                        f
                    }
                }
            };
            if f.rule != Rule::None {
                last_top = Some((qi, f));
            } else if q.shape == Shape::Utterance {
                last_top = None;
            }
            f
        } else {
            attribute_nested(&doc, q, &spans[q.parent.unwrap_or(0)])
        };
        out.push(finish(&doc, &reg, q, found));
    }
    out
}

/// Does the article write the word at `k` in lower case too, within 8 KB
/// of it ("good", "optimism")? A name is not written so. (The window bounds
/// the work: a document of quotes may ask this of every quote.)
fn written_lower_nearby(doc: &Doc, k: usize) -> bool {
    let w = doc.word(k);
    if !w.is_ascii() || w.len() < 2 {
        return false;
    }
    let lower = w.to_ascii_lowercase();
    let span = doc.toks[k].span;
    let text = doc.text.as_bytes();
    let (from, to) = (span.start.saturating_sub(8_000), (span.end + 8_000).min(text.len()));
    let window = &text[from..to];
    memchr::memmem::find_iter(window, lower.as_bytes()).any(|i| {
        let before = i.checked_sub(1).map(|b| window[b]);
        let after = window.get(i + lower.len()).copied();
        !before.is_some_and(|b| b.is_ascii_alphanumeric()) && !after.is_some_and(|a| a.is_ascii_alphanumeric())
    })
}

/// "Good information can still drive out bad, but only when “…”",
/// "Embryonic stem cells are …": a capitalised word opening its sentence
/// before a lower-case word that is no reporting verb, which the registry
/// never took for a name, is the sentence's first word, not a speaker. The
/// phrase it opens may name one ("Radio talk host Ross Lind used"); else,
/// when the article writes the word in lower case too, there is none.
fn sentence_opener_as_speaker(doc: &Doc, reg: &Registry, mut f: Found) -> Found {
    if let Some(m) = f.mention.filter(|m| {
        matches!(m.class, MClass::Name(_))
            && m.first == m.last
            && f.referent.is_none()
            // (a plural is a group that speaks: "Republicans on the Hill
            // seized on it", "Hundreds of marchers chanted")
            && !doc.word_bytes(m.first).ends_with(b"s")
            && doc.skip_markup(doc.b.sent_start[doc.b.tok[m.first].sent as usize]) == Some(m.first)
            // ("“Would it be negotiable?” Halvik pressed.": right after a
            // quote, a name and its verb)
            && !doc.prev(m.first).is_some_and(|p| matches!(doc.toks[p].kind, TokenKind::Mark(_)))
            && doc.next(m.last).is_some_and(|n| doc.is_word(n) && !doc.is_cap(n) && !doc.is_speech(n))
    }) {
        if reg.resolve_name(doc, m.first, m.last).is_none() {
            // the phrase it opens may name someone ("Multiple outlets
            // reported", "Radio talk host Ross Lind used"): a role or
            // organisation word within three lower-case words, or the name
            // right after it
            let mut head = None;
            let mut j = m.last;
            for _ in 0..3 {
                match doc.next(j) {
                    Some(n) if doc.is_word(n) && !doc.is_cap(n) => {
                        j = n;
                        if doc.b.tok[n].lex.flags & (cat::ROLE | cat::ORG) != 0 {
                            head = Some(n);
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let phrase = head.map(|h| {
                doc.next(h)
                    .and_then(|n| doc.np_starting_at(n))
                    .filter(|n| matches!(n.class, MClass::Name(_)))
                    .unwrap_or(Mention { first: m.first, last: h, class: MClass::Descriptor })
            });
            if phrase.is_some() {
                f.mention = phrase;
            } else if written_lower_nearby(doc, m.first) {
                f = NOT_FOUND;
            }
        }
    }
    f
}

/// K1 and the speaker's name.
fn finish(doc: &Doc, reg: &Registry, q: &QuoteSpan, f: Found) -> Quote {
    let f = sentence_opener_as_speaker(doc, reg, f);
    let attributed = f.mention.is_some();
    let (speaker, resolved_how) = match f.mention {
        Some(m) => speaker_name(doc, reg, m, f.referent),
        None => (String::new(), Resolved::None),
    };
    let kind = if q.depth > 0 {
        if q.shape == Shape::Name && f.rule == Rule::None {
            Kind::Other
        } else if f.rule == Rule::Nested && !speaker.is_empty() {
            if q.shape == Shape::Utterance {
                Kind::Direct
            } else {
                Kind::Partial
            }
        } else {
            Kind::Nested
        }
    } else {
        match q.shape {
            // a paragraph of a few words in single marks is a subhead that
            // quotes a line of the section below it ("'A really tough
            // decision.'"): the words are written again where they are said
            Shape::Utterance if is_subhead(doc, q) => Kind::Other,
            // "— “Siv Lind leaves the show,” by Kwill's Mara Vale: …": a
            // headline with its byline
            Shape::Utterance if before_byline(doc, q) || before_year(doc, q) => Kind::Other,
            // "the so-called “special relationship”": the writer marks a
            // term, not anyone's words
            _ if after_so_called(doc, q) => Kind::Other,
            Shape::Utterance if f.rule == Rule::Fragment && !opens_writer_sentence(doc, q) => Kind::Partial,
            Shape::Utterance => Kind::Direct,
            Shape::Fragment if attributed => Kind::Partial,
            // a clause of six words or more in the writer's sentence is
            // somebody's wording even when the article does not say whose
            // (scare quotes and titles are a word or three, or capitalised)
            Shape::Fragment if is_wording(&doc.text[q.inner], 6) => Kind::Partial,
            // title case makes a headline's quotes look like titles of works
            Shape::Name if attributed && doc.in_title(q.open_tok) && doc.in_headline(q.open_tok) => Kind::Partial,
            Shape::Name
                if attributed && f.cue.is_some_and(|c| is_adjacent_speech(doc, q, c) || names_it(doc, q, c)) =>
            {
                Kind::Partial
            }
            // an exclamation or a question is said, whatever its capitals:
            // tweeted that she was “Disgraceful!”, “Mexico!” the crowd shouted
            Shape::Name if attributed && doc.text[q.inner].trim_end_matches([',', ' ']).ends_with(['!', '?']) => {
                if opens_writer_sentence(doc, q) {
                    Kind::Direct
                } else {
                    Kind::Partial
                }
            }
            _ => Kind::Other,
        }
    };
    let (addressee, _) = match f.addressee {
        Some(m) => speaker_name(doc, reg, m, None),
        None => (String::new(), Resolved::None),
    };
    let mut confidence = f.rule.base_confidence();
    match resolved_how {
        Resolved::Name => {}
        // the canonical name behind "he" or "the envoy" is a further guess
        Resolved::Pronoun => confidence *= 0.95,
        Resolved::Descriptor => confidence *= 0.95,
        Resolved::Unresolved => confidence *= 0.8,
        Resolved::None => {}
    }
    if q.close_tok.is_none() {
        confidence *= 0.8;
    }
    if kind == Kind::Other {
        confidence = 0.2;
    }
    let span_of = |m: Mention| Span::new(doc.toks[m.first].span.start, doc.toks[m.last].span.end);
    Quote {
        span: *q,
        kind,
        mention: f.mention.map(span_of),
        speaker,
        cue: f.cue,
        addressee_mention: f.addressee.map(span_of),
        addressee,
        via: via(doc, q, &f).map(span_of),
        rule: f.rule,
        confidence: (confidence * 100.0).round() / 100.0,
        sentence: doc.sentence_span(q),
        paragraph: doc.paragraph_span(q),
    }
}

/// Is the quote followed by "by" and a capitalised name (after a comma or
/// not): a title and its author or outlet?
fn before_byline(doc: &Doc, q: &QuoteSpan) -> bool {
    let Some(mut k) = q.close_tok.and_then(|c| doc.next(c)) else { return false };
    if doc.is_punct(k, ",") {
        let Some(n) = doc.next(k) else { return false };
        k = n;
    }
    doc.word_bytes(k) == b"by" && doc.next(k).is_some_and(|n| doc.is_cap(n))
}

/// Is the quote followed by a year in parentheses ("“No to the tax”
/// (2005)", "(election poster, 2003)"): a dated title or slogan?
fn before_year(doc: &Doc, q: &QuoteSpan) -> bool {
    let Some(open) = q.close_tok.and_then(|c| doc.next(c)).filter(|&o| doc.is_punct(o, "(")) else { return false };
    // (the closing parenthesis within 60 bytes: no scan of the rest of the
    // document for one)
    let rest = &doc.text.as_bytes()[doc.toks[open].span.end..];
    let Some(inside) = rest.iter().take(61).position(|&b| b == b')').map(|e| &rest[..e]) else { return false };
    inside.split(|b| !b.is_ascii_digit()).any(|n| n.len() == 4 && (n.starts_with(b"19") || n.starts_with(b"20")))
}

/// Does "so-called" (or "so called", "so- called") stand right before the
/// quote's opening mark?
fn after_so_called(doc: &Doc, q: &QuoteSpan) -> bool {
    let before = doc.text[..q.outer.start].trim_end();
    let Some(rest) = before.len().checked_sub(6).filter(|&i| before.is_char_boundary(i)).and_then(|i| {
        before[i..]
            .eq_ignore_ascii_case("called")
            .then(|| before[..i].trim_end_matches([' ', '-', '\u{2010}', '\u{2011}']))
    }) else {
        return false;
    };
    // (bytes first: the two before "called" may be the end of a longer
    // character, "’ called")
    let r = rest.as_bytes();
    rest.len() < before.len() - 6
        && r.len() >= 2
        && r[r.len() - 2..].eq_ignore_ascii_case(b"so")
        && !rest[..rest.len() - 2].ends_with(|c: char| c.is_alphanumeric())
}

/// A paragraph that is nothing but a quote of eight words or fewer in
/// single marks, or between dashes.
fn is_subhead(doc: &Doc, q: &QuoteSpan) -> bool {
    let alone = |t: Option<usize>| t.is_none_or(|t| matches!(doc.toks[t].kind, TokenKind::Break { .. }));
    let dash = |t: usize| doc.is_dash(t);
    // "– ‘We’re alive’ –." (dashes around it, as wire services set them)
    let dashed = || {
        doc.prev(q.open_tok).is_some_and(|d| dash(d) && alone(doc.prev(d)))
            && q.close_tok.and_then(|c| doc.next(c)).is_some_and(|d| {
                dash(d) && doc.next(d).is_none_or(|e| alone(Some(e)) || doc.is_punct(e, ".") && alone(doc.next(e)))
            })
    };
    let alone_single = || q.single && q.close_tok.is_some_and(|c| alone(doc.next(c))) && alone(doc.prev(q.open_tok));
    // the place first: few quotes stand alone, and counting the words of
    // every quote was a percent of the run
    (alone_single() || dashed()) && doc.text[q.inner].split_whitespace().nth(8).is_none()
}

/// The report a quote is passed on through: "according to NP" in the
/// writer's words of the sentence that holds the quote or its close ("“…,”
/// Vale said, according to CNN"; "According to pool reports, Vale said
/// “…”"), unless that phrase is the attribution itself ("according to the
/// ministry, “…”": the ministry speaks).
fn via(doc: &Doc, q: &QuoteSpan, f: &Found) -> Option<Mention> {
    f.mention?;
    let last_tok = q.close_tok.unwrap_or(q.open_tok);
    let first_sent = doc.b.tok[q.open_tok].sent as usize;
    let last_sent = doc.b.tok[last_tok].sent as usize;
    // at most 40 tokens either side: a sentence can be a megabyte of quotes
    let from = doc.b.sent_start[first_sent].max(q.open_tok.saturating_sub(40));
    let to = doc.b.sent_start.get(last_sent + 1).map_or(doc.toks.len(), |&n| n).min(last_tok + 40);
    // the writer's words before the quote and after it (not its inside)
    let k = (from..q.open_tok).chain(last_tok + 1..to).find(|&k| !doc.in_quote(k) && doc.is_according(k))?;
    if f.cue.is_some_and(|c| c.start == doc.toks[k].span.start) {
        return None;
    }
    // the phrase runs to the next punctuation: "a transcript of the show",
    // "audio provided to The Times", "CNN"
    let first = k + doc.b.tok[k].lex.ntok as usize;
    let mut last = None;
    for j in first..to.min(first + 15) {
        // the point of an initial or an abbreviation goes on: "papers of Mara T. Vale"
        let point = doc.is_punct(j, ".")
            && j > first
            && doc.is_cap(j - 1)
            && crate::tokenizer::is_abbreviation(doc.word(j - 1))
            && doc.next(j).is_some_and(|n| doc.is_cap(n));
        if !(doc.is_word(j) || point) || doc.in_quote(j) {
            break;
        }
        last = Some(j);
    }
    Some(Mention { first, last: last?, class: MClass::Descriptor })
}

/// "called his opponent “Senator Vale”", "referred to the “New Class”": a
/// naming verb with its object before the quote gives the name as words of
/// the speaker's (a title after a preposition — "on CBS's “Face the
/// Nation”" — is not).
fn names_it(doc: &Doc, q: &QuoteSpan, cue: Span) -> bool {
    let c = doc.toks.partition_point(|t| t.span.start < cue.start);
    if c >= doc.toks.len() || doc.b.tok[c].lex.flags & cat::NAMING == 0 || !doc.is_cue(c) {
        return false;
    }
    // an active verb with its speaker right before it ("he called", "Vale
    // calls", ", calling"): not "a website called", "the so called", "has
    // been called"
    let active = match doc.prev(c) {
        None => false,
        Some(p) if doc.is_punct(p, ",") => doc.word(c).ends_with("ing"),
        Some(p) => {
            doc.is_word(p)
                && (words::pronoun(doc.word(p)).is_some()
                    || doc.has(p, words::RELATIVE)
                    || doc.is_cap(p) && !doc.in_title(p))
        }
    };
    if !active {
        return false;
    }
    let Some(before) = doc.prev(q.open_tok) else { return false };
    let gap = doc.text[cue.end.min(q.outer.start)..q.outer.start].split_whitespace().count();
    gap <= 4
        && !(doc.is_word(before)
            && (doc.ends_name(before)
                || doc.class(before) & words::NP_STOP != 0 && !doc.word_bytes(before).eq_ignore_ascii_case(b"as")))
}

fn is_adjacent_speech(doc: &Doc, q: &QuoteSpan, cue: Span) -> bool {
    let gap = if cue.end <= q.outer.start {
        &doc.text[cue.end..q.outer.start]
    } else {
        &doc.text[q.outer.end..cue.start.max(q.outer.end)]
    };
    // a name right after "told" or "on" is who was spoken to or where
    // ("told “Morning Report.”"), not what was said
    let cue_text = doc.text[cue].to_ascii_lowercase();
    let addressed = ["told", "tell", "tells", "telling", "asked", "ask", "asks", "informed", "wrote", "writes"]
        .iter()
        .any(|w| cue_text.starts_with(w));
    let gap_words = gap.trim();
    let prepositional = gap_words.split_whitespace().any(|w| matches!(w, "on" | "in" | "to" | "at" | "for"));
    gap.len() <= 12 && !addressed && !prepositional && !doc.text[cue].starts_with(|c: char| c.is_uppercase()) && {
        let k = doc.toks.partition_point(|t| t.span.start < cue.start);
        k < doc.toks.len() && doc.b.tok[k].lex.flags & cat::SPEECH != 0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resolved {
    Name,
    Pronoun,
    Descriptor,
    Unresolved,
    None,
}

/// The canonical name for a mention (E1, E4, E5).
fn speaker_name(doc: &Doc, reg: &Registry, m: Mention, referent: Option<Mention>) -> (String, Resolved) {
    if let Some(r) = referent {
        if r.class != MClass::Relative {
            let (name, how) = speaker_name(doc, reg, r, None);
            if !name.is_empty() {
                return (name, how);
            }
        }
    }
    // inside a quote, "he" and "the president" are the quoted speaker's
    // words: the writer's entities are not theirs to resolve to (names are)
    let quoted = doc.in_quote(m.first) && !matches!(m.class, MClass::Name(_));
    match m.class {
        MClass::Relative => (String::new(), Resolved::Unresolved),
        MClass::Pronoun(_) | MClass::Descriptor if quoted => {
            let words = descriptor_words(doc, m);
            (words, Resolved::Unresolved)
        }
        MClass::Pronoun(p) => match reg.resolve_pronoun(doc, p, m.first) {
            Some(e) => (reg.canonical(doc, e), Resolved::Pronoun),
            None => match recent_organisation(doc, p, m.first) {
                Some(d) => (descriptor_words(doc, d), Resolved::Pronoun),
                None => (String::new(), Resolved::Unresolved),
            },
        },
        MClass::Name(nf) => {
            // "the American Federation of Teachers", "the Board of
            // Elections": an organisation named with "of" is the whole
            // phrase (the registry's name runs stop at "of")
            let org_of = (nf + 1..m.last)
                .any(|k| doc.word_bytes(k) == b"of" && doc.is_cap(k - 1) && doc.b.tok[k - 1].lex.flags & cat::ORG != 0);
            if org_of {
                return (descriptor_words(doc, m), Resolved::Name);
            }
            // "Texas delegate Bill Lind": the phrase opens with another
            // name; the person is the name at its end
            let mut first = if (m.first..nf).any(|t| doc.is_word(t) && !doc.is_cap(t)) { nf } else { m.first };
            // "Florida’s Rick Walden", "Acme's chief Jon Lind": the name
            // after a possessive is the person
            if let Some(p) = (first..m.last).rev().find(|&t| doc.is_word(t) && possessive(doc.word(t).as_bytes())) {
                first = p + 1;
            }
            let nf = nf.max(first);
            if let Some(e) = reg.resolve_name(doc, first, m.last).or_else(|| reg.resolve_name(doc, nf, m.last)) {
                return (reg.canonical(doc, e), Resolved::Name);
            }
            (plain_text(doc, nf, m.last), Resolved::Name)
        }
        MClass::Descriptor => {
            // "a senior official", "one longtime adviser": an indefinite
            // phrase brings in someone new, never a person named before
            let indefinite = doc.is_word(m.first) && words::indefinite(doc.word(m.first));
            if !indefinite && (doc.b.tok[m.last].lex.flags & cat::ROLE != 0 || words::role_class(doc.word(m.last)) != 0)
            {
                if let Some(e) = reg.resolve_descriptor(doc, m.first, m.last) {
                    return (reg.canonical(doc, e), Resolved::Descriptor);
                }
            }
            // unresolved descriptor or organisation: the words themselves
            (descriptor_words(doc, m), Resolved::Descriptor)
        }
    }
}

/// "The ministry said … “…,” it added": an it/they no named organisation
/// answers stands for the nearest "the + organisation word" before it in
/// the writer's text (at most 80 tokens back).
fn recent_organisation(doc: &Doc, p: Pronoun, tok: usize) -> Option<Mention> {
    if !matches!(p, Pronoun::It | Pronoun::They) {
        return None;
    }
    let mut k = tok;
    for _ in 0..80 {
        k = doc.prev(k)?;
        if doc.in_quote(k) || !doc.is_word(k) || doc.is_cap(k) || doc.b.tok[k].lex.flags & cat::ORG == 0 {
            continue;
        }
        // "they" is a body of people, not a document
        const PEOPLE: &[&str] = &[
            "campaign",
            "government",
            "administration",
            "party",
            "company",
            "committee",
            "group",
            "team",
            "police",
            "authorities",
            "officials",
            "prosecutors",
            "investigators",
            "union",
            "council",
            "ministry",
            "agency",
        ];
        if p == Pronoun::They && !PEOPLE.iter().any(|w| w.eq_ignore_ascii_case(doc.word(k))) {
            continue;
        }
        if let Some(det) = doc.prev(k).filter(|&d| doc.is_word(d) && doc.word_bytes(d).eq_ignore_ascii_case(b"the")) {
            return Some(Mention { first: det, last: k, class: MClass::Descriptor });
        }
    }
    None
}

/// A descriptor's words without the leading determiner ("the envoy" →
/// "envoy"); empty for a pronoun.
fn descriptor_words(doc: &Doc, m: Mention) -> String {
    if matches!(m.class, MClass::Pronoun(_)) {
        return String::new();
    }
    let mut first = m.first;
    // "the envoy" → "envoy", but "one of her ads" stays whole
    let partitive = doc.next(first).is_some_and(|n| doc.word_bytes(n) == b"of");
    if doc.is_word(first) && doc.has(first, words::DETERMINER) && first < m.last && !doc.ends_name(first) && !partitive
    {
        first += 1;
        while first < m.last && !doc.is_word(first) {
            first += 1;
        }
    }
    plain_text(doc, first, m.last)
}

/// The text of tokens `first..=last`, whitespace collapsed.
fn plain_text(doc: &Doc, first: usize, last: usize) -> String {
    let s = &doc.text[doc.toks[first].span.start..doc.toks[last].span.end];
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

const NOT_FOUND: Found = Found { mention: None, referent: None, cue: None, addressee: None, rule: Rule::None };

/// A5: a fragment in a sentence whose subject is "it", "that" or "this"
/// standing for what the sentence before quoted, with no reporting verb of
/// its own, goes on with that quote's speaker ("… noted a report by the
/// group. It “amounts to a golden handshake for utilities.”").
fn said_of_the_last(doc: &Doc, q: &QuoteSpan, prev: Option<(&QuoteSpan, &Found)>) -> Option<Found> {
    let (pq, pf) = prev?;
    pf.mention?;
    let sent = doc.b.tok[q.open_tok].sent;
    let before = pq.close_tok.map_or(doc.b.tok[pq.open_tok].sent, |c| doc.b.tok[c].sent);
    if before + 1 != sent {
        return None;
    }
    let first = doc.skip_markup(doc.b.sent_start[sent as usize])?;
    let subject = doc.is_word(first) && ["it", "that", "this"].iter().any(|w| w.eq_ignore_ascii_case(doc.word(first)));
    let verb_between = (first..q.open_tok).any(|t| doc.is_cue(t) || doc.is_speech(t));
    // (a word or two is a scare quote: "That could trigger the “contested
    // convention” scenario")
    let wording = doc.text[q.inner].split_whitespace().nth(3).is_some();
    (subject && wording && !verb_between && q.open_tok - first <= 4).then_some(Found {
        cue: None,
        rule: Rule::Continuation,
        ..*pf
    })
}

/// A1–A5 for a top-level quote.
fn attribute_top(doc: &Doc, q: &QuoteSpan, spans: &[QuoteSpan], prev: Option<(&QuoteSpan, &Found)>) -> Found {
    // the rules in turn, the first to find a speaker wins: written as early
    // returns, since a chain of `or_else` copied the found record (some 130
    // bytes) once per link after the one that found it
    let inner = &doc.text[q.inner];
    match q.shape {
        Shape::Utterance => {
            if let Some(f) = after_quote(doc, q, inner) {
                return f;
            }
            if let Some(f) = signed_inside(doc, q) {
                return f;
            }
            if let Some(f) = before_quote(doc, q, true, prev) {
                return f;
            }
            if let Some(f) = later_in_sentence(doc, q) {
                return f;
            }
            if let Some(f) = sign_off(doc, q) {
                return f;
            }
            if let Some(f) = continuation(doc, q, spans, prev) {
                return f;
            }
            // a capitalised sentence inside the writer's sentence: "called
            // the frontrunner “ISIS’ best recruiter.”" is a fragment after all
            before_quote(doc, q, false, prev).filter(|_| !opens_writer_sentence(doc, q)).unwrap_or(NOT_FOUND)
        }
        // “…,” Halvik said: a comma closing the quote hands it to the speaker
        // after it, unless the comma only closes a subordinate clause
        // ("Although Halvik called it “distasteful,” Vale …")
        Shape::Fragment if ends_with_comma(inner) && !opens_subordinate(doc, q) => {
            let after = after_quote(doc, q, inner);
            if let Some(f) = after.filter(|f| f.rule == Rule::AfterMentionCue) {
                return f;
            }
            if let Some(f) = before_quote(doc, q, false, prev) {
                return f;
            }
            if let Some(f) = after {
                return f;
            }
            if let Some(f) = later_in_sentence(doc, q) {
                return f;
            }
            person_subject(doc, q).unwrap_or(NOT_FOUND)
        }
        Shape::Fragment => {
            if let Some(f) = before_quote(doc, q, false, prev) {
                return f;
            }
            if let Some(f) = after_quote(doc, q, inner) {
                return f;
            }
            if let Some(f) = later_in_sentence(doc, q) {
                return f;
            }
            if let Some(f) = person_subject(doc, q) {
                return f;
            }
            // a fragment that is its whole sentence, after one linking word,
            // goes on with the quote before: "Instead, “he just acts …”"
            let whole = ends_with_terminal(inner) && q.close_tok.is_some_and(|c| ends_sentence_soon(doc, c));
            if let Some(f) = continuation(doc, q, spans, prev).filter(|_| whole) {
                return f;
            }
            said_of_the_last(doc, q, prev).unwrap_or(NOT_FOUND)
        }
        Shape::Name => {
            if let Some(f) = before_quote(doc, q, false, prev) {
                return f;
            }
            after_quote(doc, q, inner).unwrap_or(NOT_FOUND)
        }
    }
}

/// A5-headline: "Vale: Rival’s Plan ‘Dead On Arrival’" — in the title, the
/// words before the colon speak, unless the title has a reporting verb of
/// its own. Kickers ("The Latest:", "Exclusive:") are skipped.
fn title_colon(doc: &Doc, reg: &Registry, q: &QuoteSpan) -> Option<Found> {
    if !doc.in_title(q.open_tok) {
        return None;
    }
    let mut start = doc.skip_markup(doc.b.para_start[doc.b.tok[q.open_tok].para as usize])?;
    loop {
        let colon = (start..q.open_tok).take(12).find(|&k| doc.is_punct(k, ":"))?;
        if colon == start || (start..colon).any(|k| !doc.is_word(k) && !doc.is_punct(k, ".") || doc.in_quote(k)) {
            return None;
        }
        let lead: Vec<String> =
            (start..colon).filter(|&k| doc.is_word(k)).map(|k| doc.word(k).to_lowercase()).collect();
        if TITLE_KICKERS.contains(&lead.join(" ").as_str()) {
            start = doc.next(colon)?;
            continue;
        }
        // "Vale quipped: …" is a sentence with a reporting verb, for the other rules
        if (start..q.open_tok).any(|k| !doc.in_quote(k) && doc.is_speech(k)) {
            return None;
        }
        // "Vale on the Budget: …": the speaker ends before the preposition
        let last = (start + 1..colon)
            .find(|&k| doc.is_word(k) && doc.class(k) & words::NP_STOP != 0)
            .map_or(colon - 1, |k| k - 1);
        let m =
            title_entity(doc, reg, start, last).unwrap_or(Mention { first: start, last, class: MClass::Descriptor });
        return Some(Found::new(m, Some(doc.toks[colon].span), Rule::Headline));
    }
}

/// Title openers that are not sources.
const TITLE_KICKERS: &[&str] = &[
    "the latest",
    "latest",
    "breaking",
    "breaking news",
    "update",
    "updated",
    "exclusive",
    "watch",
    "video",
    "analysis",
    "opinion",
    "live",
    "live updates",
    "photos",
    "fact check",
    "explainer",
    "review",
    "editorial",
];

/// A5-headline without a colon or a verb: a title's quotes are those of the
/// person or organisation it opens with ("Vale Takes Rival’s Offer ‘Very
/// Seriously’"), when the article names them.
fn title_subject(doc: &Doc, reg: &Registry, q: &QuoteSpan) -> Option<Found> {
    if !doc.in_title(q.open_tok) {
        return None;
    }
    let start = doc.skip_markup(doc.b.para_start[doc.b.tok[q.open_tok].para as usize])?;
    if start >= q.open_tok {
        return None;
    }
    let m = title_entity(doc, reg, start, q.open_tok - 1)?;
    Some(Found::new(m, None, Rule::Headline))
}

/// Is entity `e` mentioned after token `limit` (within the next 10,000
/// mentions, which keeps a title's lookups bounded on any input)?
fn named_after(reg: &Registry, e: usize, limit: usize) -> bool {
    let from = reg.mentions.partition_point(|m| m.tok <= limit);
    reg.mentions[from..].iter().take(10_000).any(|m| m.entity == e)
}

/// The longest run of capitalised words from `start` (titles first) whose
/// words all belong to one entity of the article: "Senator Vale Says" →
/// "Senator Vale".
fn title_entity(doc: &Doc, reg: &Registry, start: usize, limit: usize) -> Option<Mention> {
    let mut k = start;
    while k <= limit && doc.is_word(k) && doc.b.tok[k].lex.flags & cat::TITLE != 0 {
        k += 1;
    }
    let name_first = k;
    let mut entity = None;
    let mut last = None;
    while k <= limit && k < name_first + 4 && doc.is_cap(k) && !doc.in_quote(k) {
        let w = entities::strip_possessive(doc.word(k)).to_lowercase();
        match reg.entity_of_word(&w) {
            // named in the article itself, not only in its title
            Some(e) if entity.is_none_or(|f| f == e) && named_after(reg, e, limit) => {
                entity = Some(e);
                last = Some(k);
            }
            _ => break,
        }
        if doc.ends_name(k) {
            break;
        }
        k = match doc.next(k) {
            Some(n) if doc.is_word(n) => n,
            _ => break,
        };
    }
    Some(Mention { first: start, last: last?, class: MClass::Name(name_first) })
}

/// Does the writer's sentence holding `q` open with a subordinating word
/// ("Although", "After", "As", "When")?
fn opens_subordinate(doc: &Doc, q: &QuoteSpan) -> bool {
    let first = doc.b.sent_start[doc.b.tok[q.open_tok].sent as usize];
    // "But even as Vale claimed that “…,” …": past a coordinator
    let start = doc.skip_markup(first).map(|k| {
        if doc.is_word(k) && words::coordinator(doc.word(k)) {
            doc.next(k).unwrap_or(k)
        } else {
            k
        }
    });
    start.is_some_and(|k| {
        doc.is_word(k)
            && [
                "although", "though", "after", "as", "while", "when", "because", "if", "since", "before", "even",
                "whether", "unless",
            ]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(doc.word(k)))
    })
}

/// Does quote `q` stand where a sentence starts (or after a colon)?
fn opens_writer_sentence(doc: &Doc, q: &QuoteSpan) -> bool {
    match doc.prev(q.open_tok) {
        None => true,
        Some(p) => !matches!(doc.toks[p].kind, TokenKind::Word),
    }
}

/// A3 without a reporting verb: a fragment in a sentence whose subject is a
/// person or a pronoun, who "talks about", "blamed it on", "assails" it.
/// A single quoted word with no reporting verb is a scare quote far more
/// often than speech ("her “tone”"), so it needs two words at least.
/// A longer fragment in running lower-case words is somebody's wording, not
/// a name or a title, so a definite group or document may own it too: "The
/// ad targets a “corrupt political system that …”", "the statement talked
/// about giving voters the right to “determine who …”". An indefinite one
/// ("A voter who …", "many voters") or "it" is rarely the source.
fn person_subject(doc: &Doc, q: &QuoteSpan) -> Option<Found> {
    let inner = &doc.text[q.inner];
    inner.split_whitespace().nth(1)?;
    let m = doc.clause_subject(q.open_tok)?;
    let wording = || is_wording(inner, 3);
    let definite = || !(doc.is_word(m.first) && words::indefinite(doc.word(m.first)));
    let owner = match m.class {
        MClass::Pronoun(Pronoun::He | Pronoun::She) | MClass::Name(_) => true,
        MClass::Pronoun(Pronoun::They | Pronoun::We) => wording(),
        MClass::Descriptor => wording() && definite() && doc.b.tok[m.last].lex.flags & (cat::ROLE | cat::ORG) != 0,
        _ => false,
    };
    if !owner {
        return None;
    }
    // "Vale is winning nods as he keeps talking about the “…”": a he/she
    // opening a clause nearer the quote stands for the subject
    Some(match nearer_clause_pronoun(doc, q.open_tok, m.last) {
        Some(pronoun) => Found { referent: Some(m), ..Found::new(pronoun, None, Rule::SubjectOnly) },
        None => Found::new(m, None, Rule::SubjectOnly),
    })
}

/// A5: a quote signed off on the line after it ("— Jane Smedvik, campaign
/// manager", "- Lindqvist.").
fn sign_off(doc: &Doc, q: &QuoteSpan) -> Option<Found> {
    let close = q.close_tok?;
    let mut k = doc.next(close)?;
    if matches!(doc.toks[k].kind, TokenKind::Break { .. }) {
        k = doc.next(k)?;
    }
    if !(matches!(doc.toks[k].kind, TokenKind::Punct) && matches!(doc.word(k), "—" | "–" | "-" | "―")) {
        return None;
    }
    let m = doc.np_starting_at(k + 1)?;
    if !matches!(m.class, MClass::Name(_)) && doc.b.tok[m.last].lex.flags & (cat::ROLE | cat::ORG) == 0 {
        return None;
    }
    Some(Found::new(m, Some(doc.toks[k].span), Rule::SignOff))
}

/// A5: a quote signed on its own last line inside its marks, as pull
/// quotes are ("“… the bomb.\nJane Smedvik.”", "“…\nJo Lind, Center for
/// Policy Research.”"): a name, an affiliation after a comma, a full stop,
/// the closing mark. (A line break ends an open quote, so the signature
/// line often follows a quote read as unclosed.)
fn signed_inside(doc: &Doc, q: &QuoteSpan) -> Option<Found> {
    let start = match q.close_tok {
        Some(close) => {
            let line = (q.open_tok + 1..close)
                .rev()
                .take(16)
                .find(|&t| matches!(doc.toks[t].kind, TokenKind::Break { .. }))?;
            doc.next(line)?
        }
        None => {
            let last = doc.toks.partition_point(|t| t.span.start < q.outer.end).checked_sub(1)?;
            let line = doc.next(last).filter(|&b| matches!(doc.toks[b].kind, TokenKind::Break { .. }))?;
            doc.next(line)?
        }
    };
    let m = doc.np_starting_at(start)?;
    if !matches!(m.class, MClass::Name(_)) {
        return None;
    }
    // the affiliation: words and commas up to the full stop before the mark
    let mut k = doc.next(m.last)?;
    if doc.is_punct(k, ",") {
        for _ in 0..12 {
            k = doc.next(k)?;
            if !(doc.is_word(k) && !doc.is_cue(k) || doc.is_punct(k, ",")) {
                break;
            }
        }
    }
    let mark = doc.next(k).filter(|_| doc.is_punct(k, "."))?;
    matches!(doc.toks[mark].kind, TokenKind::Mark(_)).then(|| Found::new(m, None, Rule::SignOff))
}

/// A2 for a fragment with no reporting verb before it: one later in its
/// sentence ("… is a “witch hunt” launched to get her, Varga said").
fn later_in_sentence(doc: &Doc, q: &QuoteSpan) -> Option<Found> {
    let close = q.close_tok?;
    let sent = doc.b.tok[close].sent;
    // ("the “Never Again” movement" — the noun after is no verb)
    let mut k = if modifies_noun(doc, q, &doc.text[q.inner]) { close + 1 } else { close };
    for _ in 0..30 {
        k = doc.next(k)?;
        if doc.b.tok[k].sent != sent {
            return None;
        }
        if doc.in_quote(k) {
            continue;
        }
        if doc.is_speech(k) {
            let floor = doc.toks[close].span.end;
            let floor = doc.toks.partition_point(|t| t.span.start < floor);
            if let Some((m, referent)) = doc.subject_before(k, floor) {
                return Some(Found {
                    mention: Some(m),
                    referent,
                    cue: Some(doc.cue_span(k)),
                    addressee: None,
                    rule: Rule::Fragment,
                });
            }
            // "…,” said Vale" — but in "…,” the mogul told People", People
            // is the one spoken to
            let inverted = doc.prev(k).is_some_and(|p| p == close || doc.is_punct(p, ","));
            // a verb under a modal or "to" reports nothing: the report may
            // come later ("“…” that would respond to requests, counsel
            // Mara Vale wrote")
            if doc.prev(k).is_some_and(|p| doc.is_modal(p)) {
                continue;
            }
            if !inverted || addressee_after(doc, k).is_some() {
                return None;
            }
            let m = doc.np_starting_at(k + doc.b.tok[k].lex.ntok.max(1) as usize)?;
            return Some(Found::new(m, Some(doc.cue_span(k)), Rule::Fragment));
        }
    }
    None
}

/// "the “Never Again” movement continues", "Vale's “keep your plan”
/// promise", "the “Night Harbor” star posted": after a determiner or a
/// possessive and right before a lower-case word, with no punctuation
/// between, the quote modifies the noun after it — the clause that follows
/// is not its attribution.
fn modifies_noun(doc: &Doc, q: &QuoteSpan, inner: &str) -> bool {
    let Some(k) = q.close_tok.map(|c| c + 1).filter(|&k| k < doc.toks.len()) else { return false };
    doc.is_word(k)
        && !doc.is_cap(k)
        && words::pronoun(doc.word(k)).is_none()
        && !inner.trim_end().ends_with(|c: char| c.is_ascii_punctuation() || c == '…')
        && doc.prev(q.open_tok).is_some_and(|b| {
            doc.is_word(b) && (doc.has(b, words::DETERMINER) || doc.b.tok[b].shape & shape::POSSESSIVE != 0)
        })
}

/// A1: the attribution right after the closing mark.
fn after_quote(doc: &Doc, q: &QuoteSpan, inner: &str) -> Option<Found> {
    let close = q.close_tok?;
    let mut k = doc.next(close)?;
    let para = doc.b.tok[close].para;
    if doc.b.tok[k].para != para {
        return None;
    }
    let sentence_closed =
        ends_with_terminal(inner) && !inner.trim_end().ends_with(['?', '!']) && !ends_with_comma(inner);
    // "Vale responded: “What difference does it make?” Her critics cited
    // it …": a quote introduced by a colon and ended by its own question or
    // exclamation closes the sentence the colon opened
    let introduced = doc.prev(q.open_tok).is_some_and(|c| doc.is_punct(c, ":"));
    if introduced && ends_with_terminal(inner) {
        return None;
    }
    if doc.is_punct(k, ",") {
        k = doc.next(k)?;
    }
    // "as X likes to say"
    let after_as = doc.is_word(k) && doc.word_bytes(k).eq_ignore_ascii_case(b"as");
    if after_as {
        k = doc.next(k)?;
    }
    if !doc.is_word(k) || doc.in_quote(k) && doc.b.tok[k].quote_of != doc.b.tok[close].quote_of {
        return None;
    }
    if modifies_noun(doc, q, inner) {
        // "Vale's “keep your plan” promise": the owner of the word for
        // something said said it
        if doc.b.tok[k].lex.flags & cat::SAID == 0 {
            return None;
        }
        let owner = possessor(doc, doc.prev(q.open_tok)?, q.open_tok.saturating_sub(8));
        return owner.map(|m| Found::new(m, Some(doc.toks[k].span), Rule::Fragment));
    }
    // inverted: "said Halvik", "says the report", "according to the ministry"
    if doc.is_speech(k) || doc.is_according(k) {
        let after = k + doc.b.tok[k].lex.ntok.max(1) as usize - 1;
        if let Some(m) = doc.np_starting_at(after + 1) {
            // a descriptor speaks when its head is a role or organisation,
            // or when the phrase is complete where the clause goes on ("asked
            // the boy, who …", "said a woman in the crowd.")
            let complete = || {
                doc.next(m.last).is_none_or(|n| {
                    matches!(doc.toks[n].kind, TokenKind::Terminal | TokenKind::Break { .. })
                        || doc.is_punct(n, ",")
                        || doc.is_word(n) && doc.class(n) & words::RELATIVE != 0
                })
            };
            let head_ok = !matches!(m.class, MClass::Descriptor)
                || doc.b.tok[m.last].lex.flags & (cat::ROLE | cat::ORG) != 0
                || doc.is_cap(m.last)
                || complete();
            if head_ok && (!sentence_closed || ends_sentence_soon(doc, m.last)) {
                return Some(Found::new(m, Some(doc.cue_span(k)), Rule::AfterCueMention));
            }
        }
        return None;
    }
    // "Halvik explained", "he told the American envoy", "Smedvik, a spokeswoman, said"
    let mut m = doc.np_starting_at(k)?;
    let mut j = doc.next(m.last)?;
    // "Sen. Amy Roth (D-N.Y.) said"
    if doc.is_punct(j, "(") {
        j = doc.after_parenthesis(j)?;
    }
    // "the billionaire business mogul told": nouns the phrase stopped short of
    if !matches!(m.class, MClass::Pronoun(_)) && doc.is_word(j) && !doc.is_speech(j) {
        let mut v = j;
        for _ in 0..2 {
            if !doc.is_word(v)
                || doc.is_cap(v)
                || doc.is_speech(v)
                || doc.filler(v)
                || doc.class(v) & words::NP_STOP != 0
            {
                break;
            }
            match doc.next(v) {
                Some(n) if doc.is_word(n) && doc.is_speech(n) && !doc.is_cap(n) => {
                    m = Mention { first: m.first, last: v, class: MClass::Descriptor };
                    j = n;
                    break;
                }
                Some(n) => v = n,
                None => break,
            }
        }
    }
    // "James Halvik Jr., the director, said"
    if doc.is_punct(j, ".") && words::name_suffix(doc.word(m.last).trim_end_matches('.')) {
        j = doc.next(j)?;
    }
    // "a spokesman for the campaign said", "a message on the website reads"
    if doc.is_word(j) && matches!(doc.word(j), "of" | "for" | "at" | "from" | "on" | "with" | "in") {
        let mut v = j;
        let mut hit = None;
        for _ in 0..6 {
            v = doc.next(v)?;
            if !doc.is_word(v) {
                // "Vale’s chief of staff, Joe Lind, told": on to the appositive
                if doc.is_punct(v, ",") {
                    hit = Some(v);
                }
                break;
            }
            if doc.is_speech(v) {
                hit = Some(v);
                break;
            }
        }
        if let Some(v) = hit {
            // "a spokesperson for Acme Ltd" is who speaks, all of it
            if doc.b.tok[m.last].lex.flags & cat::ROLE != 0 && matches!(doc.word(j), "of" | "for") {
                if let Some(end) = doc.prev(v).filter(|&e| e > j && doc.is_word(e)) {
                    m = Mention { first: m.first, last: end, class: MClass::Descriptor };
                }
            }
            j = v;
        }
    }
    // appositive between subject and verb; when it is the name of a
    // descriptor ("Halvik’s chief of staff, Joe Lind, told") it names the
    // speaker
    let mut appositive_name = None;
    if doc.is_punct(j, ",") {
        let opens = j;
        let mut c = j;
        let mut found = None;
        let mut dotted = false; // an abbreviation's point passed
        for _ in 0..24 {
            c = doc.next(c)?;
            // "Lind, wearing “Vale” pins, said"; "Quist, R-Pa., said"
            let abbreviation =
                doc.is_punct(c, ".") && doc.prev(c).is_some_and(|p| doc.is_cap(p) && doc.word(p).len() <= 5);
            // (a list goes on past a comma only when no point was passed:
            // "…, such as Kwil. Just shy of half, 49%, say")
            let stop =
                matches!(doc.toks[c].kind, TokenKind::Break { .. } | TokenKind::Terminal) || doc.is_punct(c, ".");
            if stop && (!abbreviation || found.is_some()) {
                break;
            }
            dotted |= stop;
            if doc.is_punct(c, ",") {
                let first = found.is_none();
                found = doc.next(c);
                if first && !matches!(m.class, MClass::Name(_)) {
                    appositive_name = doc
                        .np_starting_at(opens + 1)
                        .filter(|a| matches!(a.class, MClass::Name(_)) && doc.next(a.last) == Some(c));
                }
                // a list inside the appositive goes on to the comma before
                // the verb: "Vale, assistant secretary for population,
                // refugees, and migration, said"
                let speaks = found.is_some_and(|a| {
                    doc.is_speech(a) || doc.filler(a) && doc.next(a).is_some_and(|b| doc.is_speech(b))
                });
                if speaks || dotted || !found.is_some_and(|a| doc.is_word(a) && !doc.is_cap(a)) {
                    break;
                }
            }
        }
        j = found?;
    }
    let mut steps = 0;
    while doc.is_word(j) && !doc.is_speech(j) && doc.filler(j) && steps < 4 {
        j = doc.next(j)?;
        steps += 1;
    }
    let passive = doc.is_phrase(j, "was quoted as saying") || doc.is_phrase(j, "were quoted as saying");
    // "“…?” Halvik pressed." — a name and a past-tense verb closing the
    // sentence right after a quote are its attribution, whatever the verb
    let unlisted = !sentence_closed
        && !after_as // "… as they celebrated."
        && matches!(m.class, MClass::Name(_) | MClass::Pronoun(_))
        && doc.is_word(j)
        && !doc.is_cap(j)
        && doc.word(j).len() > 4
        && doc.word(j).ends_with("ed")
        && doc.next(j).is_none_or(|n| matches!(doc.toks[n].kind, TokenKind::Terminal | TokenKind::Break { .. }));
    if !(doc.is_speech(j) || passive || unlisted) {
        return None;
    }
    if sentence_closed && !ends_sentence_soon(doc, j) {
        return None;
    }
    // "“We are refugees.” Mr. Lind said: “…”", "“Why now?” Halvik then
    // writes back, “…”": after a quote that ends its sentence, a verb that
    // opens another quote is that quote's attribution, not this one's
    if ends_with_terminal(inner) && introduces_quote(doc, j) {
        return None;
    }
    let addressee = addressee_after(doc, j);
    Some(Found {
        mention: Some(m),
        referent: bracket_referent(doc, m.last).or(appositive_name),
        cue: Some(doc.cue_span(j)),
        addressee,
        rule: if passive { Rule::Passive } else { Rule::AfterMentionCue },
    })
}

/// The reporting verb at `k` introduces a quote that follows it closely,
/// after a colon or a comma: `Halvik added: “…”`, `Lind writes back, “…”`.
fn introduces_quote(doc: &Doc, k: usize) -> bool {
    let mut j = k;
    for _ in 0..6 {
        let Some(n) = doc.next(j) else { return false };
        match doc.toks[n].kind {
            TokenKind::Terminal | TokenKind::Break { .. } => return false,
            _ if doc.in_quote(n) => return false,
            _ if doc.is_punct(n, ":") || doc.is_punct(n, ",") => {
                return doc.is_punct(n, ":") || doc.next(n).is_some_and(|o| doc.in_quote(o));
            }
            _ => j = n,
        }
    }
    false
}

/// After a quote whose words end a sentence, `Halvik said.` must end soon too.
fn ends_sentence_soon(doc: &Doc, k: usize) -> bool {
    let mut j = k;
    for _ in 0..6 {
        match doc.next(j) {
            None => return true,
            Some(n) => match doc.toks[n].kind {
                TokenKind::Terminal | TokenKind::Break { .. } => return true,
                TokenKind::Punct if doc.word_bytes(n) == b":" => return true,
                _ => j = n,
            },
        }
    }
    false
}

/// The subject of the verb a reporting verb hangs on through "to" or "by":
/// "Vale was prompted to say", "he began by saying", "Halvik went on to ask".
/// Only a name or a personal pronoun, and only across up to three lower-case
/// verb words ("was prompted", "began").
fn governing_subject(doc: &Doc, verb: usize, floor: usize) -> Option<Mention> {
    let link = doc.prev(verb).filter(|&b| doc.is_word(b) && matches!(doc.word(b), "to" | "by"))?;
    let mut b = doc.prev(link)?;
    let mut steps = 0;
    while steps < 3 && b > floor && doc.is_word(b) && !doc.is_cap(b) && words::pronoun(doc.word(b)).is_none() {
        let w = doc.word(b);
        let verbish =
            doc.filler(b) || w.ends_with("ed") || w.ends_with("an") || doc.b.tok[b].lex.flags & cat::VERB != 0;
        if !verbish {
            return None;
        }
        b = doc.prev(b)?;
        steps += 1;
    }
    if steps == 0 {
        return None;
    }
    let m = doc.np_ending_at(b, floor)?;
    matches!(
        m.class,
        MClass::Name(_) | MClass::Pronoun(Pronoun::He | Pronoun::She | Pronoun::They | Pronoun::We | Pronoun::I)
    )
    .then_some(m)
}

/// The agent of a passive after quote `q`: "“…” by Democrats", "“…,” by
/// Jon Lind, a professor" (not "by being elected").
fn agent_after(doc: &Doc, q: &QuoteSpan) -> Option<Mention> {
    let mut k = doc.next(q.close_tok?)?;
    if doc.is_punct(k, ",") {
        k = doc.next(k)?;
    }
    if !(doc.is_word(k) && doc.word_bytes(k) == b"by") {
        return None;
    }
    let m = doc.np_starting_at(doc.next(k)?)?;
    let gerund = doc.word(m.first).ends_with("ing") && !doc.is_cap(m.first);
    (!gerund && !matches!(m.class, MClass::Pronoun(_))).then_some(m)
}

/// "told the American envoy" → the envoy.
fn addressee_after(doc: &Doc, verb: usize) -> Option<Mention> {
    let w = doc.word(verb).to_ascii_lowercase();
    let takes_object = matches!(
        w.as_str(),
        "told"
            | "tells"
            | "tell"
            | "telling"
            | "informed"
            | "assured"
            | "reassured"
            | "warned"
            | "urged"
            | "asked"
            | "reminded"
    );
    let mut k = doc.next(verb)?;
    if !takes_object {
        if doc.is_word(k)
            && doc.word_bytes(k).eq_ignore_ascii_case(b"to")
            && matches!(
                w.as_str(),
                "said" | "says" | "say" | "saying" | "wrote" | "writes" | "explained" | "remarked" | "conveyed"
            )
        {
            k = doc.next(k)?;
        } else {
            return None;
        }
    }
    let m = doc.np_starting_at(k)?;
    Some(m)
}

/// The subject of an absolute construction ending right before participle
/// `ing`: "with Sen. Halvik calling it", "– Quist saying", "and Vale calling".
fn absolute_subject(doc: &Doc, ing: usize, floor: usize) -> Option<Mention> {
    let before = doc.prev(ing)?;
    if before < floor || !doc.is_word(before) || doc.toks[ing].span.start - doc.toks[before].span.end > 1 {
        return None;
    }
    short_absolute_subject(doc, before, floor).or_else(|| with_absolute_subject(doc, before, floor))
}

/// A noun phrase ending at `before` and opened by "with", "and" (names
/// only) or a dash.
fn short_absolute_subject(doc: &Doc, before: usize, floor: usize) -> Option<Mention> {
    let mut m = doc.np_ending_at(before, floor)?;
    // titles before the name: "Sen." "Gov."
    let mut opener = doc.prev(m.first)?;
    while opener > floor
        && (doc.is_word(opener) && doc.b.tok[opener].lex.flags & cat::TITLE != 0 || doc.is_punct(opener, "."))
    {
        if doc.is_word(opener) {
            m.first = opener;
        }
        opener = doc.prev(opener)?;
    }
    let name = matches!(m.class, MClass::Name(_));
    let opens = if doc.is_word(opener) {
        let w = doc.word(opener);
        w.eq_ignore_ascii_case("with") || name && w.eq_ignore_ascii_case("and")
    } else {
        matches!(doc.word(opener), "–" | "—" | "--" | ";")
    };
    (opens && !matches!(m.class, MClass::Pronoun(_))).then_some(m)
}

/// A longer phrase after "with", up to eight words of no verb or
/// punctuation: "with many marchers and spectators chanting", "with one of
/// her ads asking", "with the Federation of Teachers calling".
fn with_absolute_subject(doc: &Doc, mut before: usize, floor: usize) -> Option<Mention> {
    // "with Vale reportedly yelling": the adverb is not the phrase's
    while before > floor && doc.filler(before) && !doc.is_cap(before) {
        before = doc.prev(before)?;
    }
    let with =
        (floor..before).rev().take(8).find(|&w| doc.is_word(w) && doc.word_bytes(w).eq_ignore_ascii_case(b"with"))?;
    if (with + 1..=before).any(|t| !doc.is_word(t) || doc.in_quote(t) || doc.is_cue(t)) {
        return None;
    }
    let mut m = match doc.np_starting_at(with + 1) {
        Some(m) if m.last <= before => m,
        _ => Mention { first: with + 1, last: before, class: MClass::Descriptor },
    };
    if matches!(m.class, MClass::Pronoun(_)) {
        return None;
    }
    m.last = before;
    Some(m)
}

/// The subject of the nearest clause before the participle `ing` when a
/// comma joins them: a reporting verb with its subject ("Lind said,
/// adding"), else a pronoun opening an adverbial clause ("when he announced
/// his pick, calling"). A clause under "that" or inside a noun phrase is not
/// one the participle hangs on ("repeated claims that Quist recites …,
/// calling"; "posted a Twitter comment, saying").
fn participle_clause(doc: &Doc, ing: usize, floor: usize) -> Option<(Mention, Option<Mention>)> {
    let comma = doc.prev(ing)?;
    if !doc.is_punct(comma, ",") {
        return None;
    }
    let embedded = |first: usize| {
        doc.prev(first).filter(|&b| b >= floor).is_some_and(|b| {
            let w = doc.word(b);
            doc.is_word(b)
                && (doc.class(b) & words::DETERMINER != 0
                    || ["that", "if", "whether", "of", "for", "by", "with"].iter().any(|x| x.eq_ignore_ascii_case(w)))
        })
    };
    let mut pronoun = None;
    let mut k = comma;
    for _ in 0..30 {
        match doc.prev(k) {
            Some(p) if p >= floor && !doc.in_quote(p) => k = p,
            _ => break,
        }
        if !doc.is_word(k) {
            continue;
        }
        if doc.is_speech(k) && doc.b.tok[k].lex.flags & cat::ING == 0 {
            if let Some(found) = doc.subject_before(k, floor).filter(|(m, _)| !embedded(m.first)) {
                return Some(found);
            }
        }
        if pronoun.is_none() {
            pronoun = words::pronoun(doc.word(k))
                .filter(|p| {
                    !matches!(p, Pronoun::You | Pronoun::It)
                        && (opens_adverbial_clause(doc, k) || opens_main_clause(doc, k, floor))
                })
                .map(|p| Mention { first: k, last: k, class: MClass::Pronoun(p) });
        }
    }
    pronoun.map(|m| (m, None))
}

/// The nearest he/she/they before verb `v` (after token `after`) that opens
/// a clause of its own: right after a subordinator, "and" or "but", and
/// followed by a lower-case word (its verb). The verb with no subject of its
/// own is coordinated with that clause ("as she thanked … and then boomed").
fn nearer_clause_pronoun(doc: &Doc, v: usize, after: usize) -> Option<Mention> {
    let mut k = v;
    for _ in 0..30 {
        k = doc.prev(k).filter(|&b| b > after && !doc.in_quote(b))?;
        let Some(p) = words::pronoun(doc.word(k)).filter(|p| matches!(p, Pronoun::He | Pronoun::She | Pronoun::They))
        else {
            continue;
        };
        // ("after he clinched the nomination and said" is as often another
        // person's earlier deed: only clauses of the same moment count)
        let opens = doc.prev(k).is_some_and(|b| {
            ["and", "but", "as", "when", "while", "though", "although", "because"]
                .iter()
                .any(|x| x.eq_ignore_ascii_case(doc.word(b)))
        });
        let verb_follows = doc.next(k).is_some_and(|n| doc.is_word(n) && !doc.is_cap(n));
        // a he/she that heads no clause of its own ends the search: "told
        // him she", "whom he called" belong to other clauses
        return (opens && verb_follows).then_some(Mention { first: k, last: k, class: MClass::Pronoun(p) });
    }
    None
}

/// The relative pronoun whose clause holds verb `v`, after the clause
/// subject (which ends at `after`), with its antecedent: "Holm, who has in
/// the past described Vale as “…”", "Lind attacked Quist, who had called
/// him “…”", "her new ad, which — as one columnist noted — promises to
/// “…”". The relative pronoun is the verb's subject ("which he called"
/// is not: "he" is), and the clause runs to the verb unbroken — unless it
/// opens with an aside ("who, after trading insults, said"): "Vale, who is
/// 70, said" is the main clause's verb.
fn relative_clause_of(doc: &Doc, v: usize, after: usize) -> Option<(Mention, Option<Mention>)> {
    // a comma or dash; a quote's own comma ends the writer's clause too:
    // "whose presidency “will lead to war,” clearly intended"
    let breaks = |t: usize| {
        doc.is_dash(t)
            || doc.is_punct(t, ",")
                && (!doc.in_quote(t) || doc.next(t).is_some_and(|n| matches!(doc.toks[n].kind, TokenKind::Mark(_))))
    };
    let mut k = v;
    for _ in 0..30 {
        k = doc.prev(k).filter(|&b| b > after && !doc.in_quote(b))?;
        if !doc.is_word(k) || !doc.has(k, words::RELATIVE) || doc.word(k).eq_ignore_ascii_case("whom") {
            continue;
        }
        // only a clause set off by a comma or dash, whose end is marked: a
        // restrictive one ("an official who spoke anonymously said") ends
        // unmarked, and its antecedent is the subject anyway
        let mut a = doc.prev(k)?;
        if !breaks(a) {
            return None;
        }
        a = doc.prev(a)?;
        let next = doc.next(k)?;
        let aside = breaks(next);
        let own_subject = !doc.is_word(next)
            || doc.is_cap(next)
            || doc.has(next, words::DETERMINER)
            || words::pronoun(doc.word(next)).is_some();
        if !aside && (own_subject || (next..v).any(breaks)) {
            return None;
        }
        let who = Mention { first: k, last: k, class: MClass::Relative };
        return Some((who, doc.np_ending_at(a, after.saturating_sub(40))));
    }
    None
}

/// The subject of the reporting verb that verb `v` is joined to by "and"
/// (with no comma between: "called X a “…” and promised to “…”"), within
/// the writer's clause.
fn coordinated_subject(doc: &Doc, v: usize, floor: usize) -> Option<Found> {
    let and = doc.prev(v).filter(|&a| doc.word_bytes(a).eq_ignore_ascii_case(b"and"))?;
    let mut k = and;
    for _ in 0..15 {
        k = doc.prev(k).filter(|&b| b >= floor)?;
        // (a quote's own closing comma ends the clause too: "calls “Kwill
        // TV,” pointing to … and telling")
        let comma = doc.is_punct(k, ",") || doc.is_punct(k, ";");
        if doc.in_quote(k) && !(comma && doc.next(k).is_some_and(|n| matches!(doc.toks[n].kind, TokenKind::Mark(_)))) {
            continue;
        }
        if comma || doc.word_bytes(k).eq_ignore_ascii_case(b"and") {
            return None;
        }
        if doc.is_cue(k) && doc.b.tok[k].lex.flags & cat::ING == 0 {
            let (m, referent) = doc.subject_before(k, floor)?;
            return Some(Found { mention: Some(m), referent, cue: None, addressee: None, rule: Rule::ClauseSubject });
        }
    }
    None
}

/// Does an adverbial subordinator stand right before token `k` ("when he",
/// "even as she")?
fn opens_adverbial_clause(doc: &Doc, k: usize) -> bool {
    doc.prev(k).is_some_and(|b| {
        let w = doc.word(b);
        ["when", "as", "while", "though", "although", "because", "after", "before", "since", "once", "until", "whereas"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(w))
    })
}

/// Does the pronoun at `k` open the main clause after an opening
/// subordinate one ("Although he thanked the crowd, he sounded a rare
/// note, saying")? It follows a comma, and the sentence opens with the
/// subordinator (after "and" or "but").
fn opens_main_clause(doc: &Doc, k: usize, floor: usize) -> bool {
    let Some(first) = doc.skip_markup(floor) else { return false };
    let Some(first) =
        (if doc.is_word(first) && words::coordinator(doc.word(first)) { doc.next(first) } else { Some(first) })
    else {
        return false;
    };
    first < k
        && doc.prev(k).is_some_and(|c| doc.is_punct(c, ","))
        && doc.next(first).is_some_and(|n| opens_adverbial_clause(doc, n))
}

/// The subject of the sentence when `m` is he/she right after "what" or
/// "whom" and the subject stands before it: the relative clause names
/// words inside that subject's own report. ("which he called" is left
/// alone: it as often opens a report of its own.)
fn wh_pronoun_outer(doc: &Doc, m: Mention, floor: usize) -> Option<Mention> {
    if !matches!(m.class, MClass::Pronoun(Pronoun::He | Pronoun::She)) {
        return None;
    }
    let wh = doc.prev(m.first).filter(|&w| w >= floor)?;
    if !["what", "whom"].iter().any(|x| x.eq_ignore_ascii_case(doc.word(wh))) {
        return None;
    }
    doc.clause_subject(wh).filter(|o| o.last < wh && !matches!(o.class, MClass::Relative))
}

/// "he [Gravlund]": a bracketed name right after the mention.
fn bracket_referent(doc: &Doc, last: usize) -> Option<Mention> {
    let open = doc.next(last)?;
    if !doc.is_punct(open, "[") {
        return None;
    }
    let m = doc.np_starting_at(open + 1)?;
    let close = doc.next(m.last)?;
    doc.is_punct(close, "]").then_some(m)
}

/// A2: the reporting verb before the opening mark, in the same sentence.
fn before_quote(doc: &Doc, q: &QuoteSpan, utterance: bool, prev: Option<(&QuoteSpan, &Found)>) -> Option<Found> {
    let open = q.open_tok;
    let sent = doc.b.tok[open].sent;
    let floor = doc.b.sent_start[sent as usize];
    let mut k = open;
    let mut gap = 0; // tokens between the verb and the quote
    let mut colon = false;
    let introduced = doc.prev(open).is_some_and(|p| doc.is_punct(p, ",") || doc.is_punct(p, ":"));
    let introduced_by_colon = doc.prev(open).is_some_and(|p| doc.is_punct(p, ":"));
    // "Polls did predict it - Kwill Research: “…”": in a digest, the source
    // named between a dash and the colon speaks, whatever the headline
    // before the dash says
    if utterance && introduced_by_colon {
        let colon = doc.prev(open)?;
        let named = doc.prev(colon).and_then(|b| doc.np_ending_at(b, floor)).filter(|m| {
            matches!(m.class, MClass::Name(_)) && doc.prev(m.first).is_some_and(|d| d >= floor && doc.is_dash(d))
        });
        if let Some(m) = named {
            return Some(Found::new(m, Some(doc.toks[colon].span), Rule::Colon));
        }
    }
    while let Some(p) = doc.prev(k) {
        if p < floor {
            break;
        }
        k = p;
        if doc.in_quote(p) {
            // another quote in the sentence: a split quote continues past it
            // only when it is attributed right after ("…," she said, "…")
            let qo = doc.b.tok[p].quote_of;
            let mut j = p;
            while j > floor && doc.b.tok[j - 1].quote_of == qo {
                j -= 1;
            }
            if j <= floor {
                break;
            }
            k = j;
            gap += 1;
            // an utterance does not hang on a verb behind another quote,
            // unless a colon introduces it: "Brandt said this was a “fatal
            // miscalculation” and that she has learned: “They are …”", or it
            // is joined to that quote as a second object of the same verb:
            // "telling the crowd, “…,” and, “…”", "noted that “…” and that, “…”"
            let joined = (p + 1..open)
                .all(|t| doc.is_punct(t, ",") || doc.is_word(t) && matches!(doc.word(t), "and" | "or" | "that"))
                && (p + 1..open).any(|t| doc.is_word(t));
            if utterance && !introduced_by_colon && !joined {
                return None;
            }
            continue;
        }
        if doc.is_punct(p, ":") && gap == 0 {
            colon = true;
        }
        // "Vale said, according to CNN, that “…”": the report is Vale's,
        // passed on by CNN (see `via`)
        let passed_on = || {
            doc.prev(p).filter(|&b| doc.is_punct(b, ",")).and_then(|b| doc.prev(b)).is_some_and(|v| doc.is_speech(v))
        };
        if doc.is_according(p) && !passed_on() {
            let m = doc.np_starting_at(p + doc.b.tok[p].lex.ntok as usize)?;
            return Some(Found::new(m, Some(doc.cue_span(p)), Rule::Before));
        }
        // "her assertion during the debate that “…”", "Lind's promise to be
        // “neutral”": the owner of a word for something said said it
        // — unless a verb before reports or names it ("Lind said Vale's
        // words “amount to …”", "called Lind's remarks “racist”"), or it is
        // what the words are said of ("his comments were “sarcastic”")
        let unreported = || {
            (floor..p).all(|t| doc.in_quote(t) || !doc.is_cue(t))
                && (p + 1..open).all(|t| {
                    !(doc.is_word(t)
                        && ["is", "was", "are", "were", "as"].iter().any(|c| c.eq_ignore_ascii_case(doc.word(t))))
                })
        };
        if gap <= 6 {
            if let Some(m) = speech_owner(doc, p, floor).filter(|_| unreported()) {
                return Some(Found::new(m, Some(doc.cue_span(p)), Rule::Fragment));
            }
        }
        // "called out, “…”", "called over her shoulder, “…”": a naming verb
        // followed by a particle or preposition calls out words, not a name
        let calls_out = doc.b.tok[p].lex.flags & cat::NAMING != 0
            && doc.word(p).get(..4).is_some_and(|w| w.eq_ignore_ascii_case("call"))
            && doc.next(p).is_some_and(|n| matches!(doc.word(n), "out" | "over" | "to" | "across" | "back" | "from"));
        let speech = doc.is_speech(p) || utterance && calls_out;
        let naming = !utterance && doc.is_cue(p) && doc.b.tok[p].lex.flags & cat::NAMING != 0;
        if speech || naming {
            // an utterance hangs on a verb close before it, or after a colon
            // or comma ("lamented in an interview with …, “…”")
            let limit = if introduced { 25 } else { 10 };
            if utterance && gap > limit && !colon {
                return None;
            }
            // A4: "X quoted Y as saying"
            if doc.word_bytes(p).eq_ignore_ascii_case(b"quoted") {
                if let Some(m) = doc.np_starting_at(p + 1) {
                    return Some(Found::new(m, Some(doc.cue_span(p)), Rule::Passive));
                }
            }
            // A4: "Vale was asked by host Jon Lind, “…”": the agent speaks
            let passive = doc.prev(p).is_some_and(|b| {
                doc.is_word(b)
                    && ["was", "were", "is", "are", "been", "being"].iter().any(|x| x.eq_ignore_ascii_case(doc.word(b)))
            });
            if passive {
                if let Some(by) =
                    doc.next(p).filter(|&n| doc.is_word(n) && doc.word_bytes(n).eq_ignore_ascii_case(b"by"))
                {
                    if let Some(m) = doc.np_starting_at(by + 1).filter(|m| m.last < open) {
                        return Some(Found::new(m, Some(doc.cue_span(p)), Rule::Passive));
                    }
                }
            }
            let cue = Some(doc.cue_span(p));
            // A4: "has been called “strategic ambiguity” by Jon Lind",
            // "often labeled as a “witch hunt” by Democrats": a naming verb in
            // the passive, its agent after the quote
            if !utterance && doc.b.tok[p].lex.flags & cat::NAMING != 0 && doc.word(p).ends_with("ed") && gap <= 2 {
                if let Some(m) = agent_after(doc, q) {
                    return Some(Found::new(m, cue, Rule::Passive));
                }
            }
            let addressee = addressee_after(doc, p);
            let ing = doc.b.tok[p].lex.flags & cat::ING != 0;
            // a fragment not right after its verb belongs to the outermost
            // report of the sentence: "She went on to say that, because
            // Ostler testified that her comments were “truthful,” …" is hers
            // A verb under a modal or "to" reports nothing yet: "Vale said
            // Halvik will continue to be “a champion”", "expects Halvik to
            // announce an “intensification”" are the outer report's words
            // one adverb may stand between: "will soon announce"
            let unreal = doc.prev(p).is_some_and(|b| {
                doc.is_modal(b) || doc.filler(b) && !doc.is_cap(b) && doc.prev(b).is_some_and(|m| doc.is_modal(m))
            });
            if !utterance && speech && !ing && unreal {
                if let Some(f) =
                    outer_report(doc, p, floor).filter(|f| f.cue.is_some_and(|c| c.start < doc.toks[p].span.start))
                {
                    return Some(f);
                }
            }
            if !utterance && gap > 2 && speech && !ing && doc.subject_before(p, floor).is_some() {
                if let Some(f) = outer_report(doc, p, floor) {
                    return Some(f);
                }
            }
            if !ing {
                if let Some((mut m, referent)) = doc.subject_before(p, floor) {
                    // "Vale attacked Quist, whom she called a “con artist”",
                    // "hungry for what she calls “real solutions”": the words
                    // are named inside the report of the sentence's subject
                    if !utterance {
                        if let Some(outer) = wh_pronoun_outer(doc, m, floor) {
                            m = outer;
                        }
                    }
                    let rule = if utterance { Rule::Before } else { Rule::Fragment };
                    return Some(Found { mention: Some(m), referent, cue, addressee, rule });
                }
                // "said Halvik: “…”"
                if let Some(m) = doc.np_starting_at(p + 1) {
                    // only a reporting verb proper ("said Halvik: “…”"), never
                    // one whose object the name is ("called Halvik “…”")
                    let closes = doc.next(m.last).is_some_and(|n| doc.is_punct(n, ":") || doc.is_punct(n, ","));
                    let reporting = doc.b.tok[p].lex.flags & cat::NAMING == 0 && addressee_after(doc, p).is_none();
                    if matches!(m.class, MClass::Name(_)) && m.last < open && closes && reporting {
                        return Some(Found {
                            mention: Some(m),
                            referent: None,
                            cue,
                            addressee: None,
                            rule: Rule::Before,
                        });
                    }
                }
            }
            // "Vale was prompted to say, “…”", "he began by saying, “…”": the
            // subject of the verb that governs the report
            if utterance {
                if let Some(m) = governing_subject(doc, p, floor) {
                    return Some(Found { mention: Some(m), referent: None, cue, addressee, rule: Rule::ClauseSubject });
                }
            }
            // "with Sen. Halvik calling it", "– Quist saying": a participle with a
            // subject of its own (an absolute construction)
            if ing {
                if let Some(m) = absolute_subject(doc, p, floor) {
                    return Some(Found { mention: Some(m), referent: None, cue, addressee, rule: Rule::ClauseSubject });
                }
            }
            // "Lind said, adding", "he formally announced his pick, calling":
            // a participle after a comma belongs to the nearest clause
            // before it, not to the sentence's first noun phrase
            if ing {
                if let Some((mut m, referent)) = participle_clause(doc, p, floor) {
                    // the sentence's subject, read with its introductory phrases
                    // skipped, is the better phrase when it ends
                    // where this one does ("Band member Vale … said, adding")
                    if let Some(full) = doc.clause_subject(p).filter(|c| c.last == m.last) {
                        m = full;
                    }
                    return Some(Found { mention: Some(m), referent, cue, addressee, rule: Rule::ClauseSubject });
                }
            }
            // A3: "… and said", "saying", "calling": the clause subject —
            // or a he/she opening a clause after it, nearer the verb, which
            // stands for that subject: "Mrs. Vale drew cheers as she thanked
            // … and then boomed, “…”"
            // "which Vale had called a “disaster” and promised to “…”": a
            // verb joined by "and" to a reporting verb before it shares that
            // verb's subject
            if let Some(mut f) = coordinated_subject(doc, p, floor) {
                // (the sentence's subject is the fuller phrase when it ends
                // where this one does: "The envoy Peter Halvik described …")
                if let Some(full) = doc.clause_subject(p).filter(|c| f.mention.is_some_and(|m| c.last == m.last)) {
                    f.mention = Some(full);
                }
                return Some(Found { cue, addressee, rule: Rule::ClauseSubject, ..f });
            }
            if let Some(m) = doc.clause_subject(p) {
                // (the pronoun is the mention; the subject says who it is)
                let (m, referent) = match relative_clause_of(doc, p, m.last) {
                    Some((who, antecedent)) => (who, antecedent.or(Some(m))),
                    None => match nearer_clause_pronoun(doc, p, m.last) {
                        Some(pronoun) => (pronoun, Some(m)),
                        None => (m, bracket_referent(doc, m.last)),
                    },
                };
                return Some(Found { mention: Some(m), referent, cue, addressee, rule: Rule::ClauseSubject });
            }
            // "“…,” Gravlund said, adding, “…”": the quote before in the sentence;
            // "… “wasn’t good.” Adding, “…”": a sentence that opens with the
            // participle goes on from the sentence before
            if let Some((pq, pf)) = prev {
                let opens = ing
                    && doc.skip_markup(floor) == Some(p)
                    && doc.next(p).is_some_and(|n| doc.is_punct(n, ",") || doc.is_punct(n, ":"));
                let before = doc.b.tok[pq.open_tok].sent + 1 == sent
                    || pq.close_tok.is_some_and(|c| doc.b.tok[c].sent + 1 == sent);
                if pf.mention.is_some() && (doc.b.tok[pq.open_tok].sent == sent || opens && before) {
                    return Some(Found { cue, addressee, rule: Rule::ClauseSubject, ..*pf });
                }
            }
            return None;
        }
        gap += 1;
        if gap > 40 {
            break;
        }
    }
    // "More from Vale and Quist: “…”", "Holm has adopted the stance: “…”"
    if utterance {
        let p = doc.prev(open)?;
        if doc.is_punct(p, ":") && doc.b.tok[p].sent == sent {
            let before = doc.prev(p)?;
            // the object of a preposition is whom or where the words went,
            // not who spoke ("delivered a blunt message to Vale:", "celebrated
            // the attacks on Twitter:"); "More from Vale:", "by Lind:" speak
            // (past the modifiers the phrase stopped short of: "to the
            // Norlandic newspaper Kwill Daily:", "in public office:")
            let object = |m: &Mention| {
                let mut b = doc.prev(m.first);
                for _ in 0..4 {
                    let Some(t) = b.filter(|&t| t >= floor && doc.is_word(t)) else { return false };
                    if ["to", "with", "on", "in", "at", "for", "about", "against", "into", "toward", "towards", "over"]
                        .iter()
                        .any(|x| x.eq_ignore_ascii_case(doc.word(t)))
                    {
                        return true;
                    }
                    if doc.b.tok[t].lex.flags & cat::VERB != 0 || words::pronoun(doc.word(t)).is_some() {
                        return false;
                    }
                    b = doc.prev(t);
                }
                false
            };
            let m = doc.np_ending_at(before, floor).filter(|m| {
                (!matches!(m.class, MClass::Descriptor) || doc.b.tok[m.last].lex.flags & (cat::ROLE | cat::ORG) != 0)
                    && !object(m)
            });
            // "Here’s Vale in December 1992: “…”": the one presented speaks
            let presented = || {
                let first = doc.skip_markup(floor).filter(|&f| doc.is_word(f))?;
                let w = doc.word(first);
                let at = if ["here's", "here’s"].iter().any(|h| h.eq_ignore_ascii_case(w)) {
                    doc.next(first)
                } else if w.eq_ignore_ascii_case("here") {
                    doc.next(first).filter(|&n| matches!(doc.word(n), "is" | "are" | "was")).and_then(|n| doc.next(n))
                } else {
                    None
                };
                at.and_then(|a| doc.np_starting_at(a)).filter(|m| m.last < p)
            };
            let m = m.or_else(presented).or_else(|| doc.clause_subject(p))?;
            return Some(Found::new(m, Some(doc.toks[p].span), Rule::Colon));
        }
    }
    None
}

/// The owner of a noun for something said at `k` — "her claim", "Lind's
/// remarks", "his latest promise" — as a mention: the pronoun of a
/// possessive determiner, or the name or phrase with the possessive ending.
/// (The nouns are the lexicon's `speech_nouns`.)
fn speech_owner(doc: &Doc, k: usize, floor: usize) -> Option<Mention> {
    // (the noun's tag first: few words are such nouns, and it is one
    // test, where the owner's tests read the tokens before)
    if !(doc.is_word(k) && doc.b.tok[k].lex.flags & cat::SAID != 0) {
        return None;
    }
    let owns = |o: usize| doc.is_word(o) && (doc.ends_name(o) || doc.has(o, words::DETERMINER));
    let mut o = doc.prev(k).filter(|&b| b >= floor)?;
    // one word between: "her repeated assertion", "Lind's Kwillr post"
    if !owns(o) {
        o = doc.prev(o).filter(|&b| b >= floor && doc.is_word(o) && owns(b))?;
    }
    possessor(doc, o, floor)
}

/// The possessive at `o` as a mention: "her" (the pronoun), "Lind's" (the
/// name or phrase it ends).
fn possessor(doc: &Doc, o: usize, floor: usize) -> Option<Mention> {
    let w = doc.word(o);
    if let Some(p) = words::possessive_pronoun(w) {
        return Some(Mention { first: o, last: o, class: MClass::Pronoun(p) });
    }
    if !possessive(w.as_bytes()) {
        return None;
    }
    doc.np_ending_at(o, floor).filter(|m| !matches!(m.class, MClass::Pronoun(_)))
}

/// The first reporting verb of the sentence before token `p` that has a
/// subject (A2 for fragments embedded in reported speech).
fn outer_report(doc: &Doc, p: usize, floor: usize) -> Option<Found> {
    // the outermost report with a subject of its own: "Asked about the
    // plan, Vale said she expected that voters will say “no”" (the
    // introduction's participle has none); found going back, the last one
    // with a subject is the outermost
    let mut outer = None;
    let mut k = p;
    while let Some(q) = doc.prev(k) {
        if q < floor || p - q > 80 {
            break;
        }
        if !doc.in_quote(q) && doc.is_speech(q) && doc.b.tok[q].lex.flags & cat::ING == 0 {
            if let Some(s) = doc.subject_before(q, floor) {
                outer = Some((q, s));
            }
        }
        // "Vale issued a statement after Halvik told …": a report before a
        // temporal clause is not the one the clause's fragment belongs to
        // (but "said that, because Halvik testified …" still is)
        if doc.is_word(q)
            && ["after", "before", "when", "while", "until"].iter().any(|w| w.eq_ignore_ascii_case(doc.word(q)))
        {
            let mut b = doc.prev(q);
            if b.is_some_and(|b| doc.is_punct(b, ",")) {
                b = b.and_then(|b| doc.prev(b));
            }
            if !b.is_some_and(|b| doc.word_bytes(b).eq_ignore_ascii_case(b"that")) {
                break;
            }
        }
        k = q;
    }
    let (c, (m, referent)) = outer?;
    Some(Found {
        mention: Some(m),
        referent,
        cue: Some(doc.cue_span(c)),
        addressee: addressee_after(doc, c),
        rule: Rule::Fragment,
    })
}

/// A5: a quote alone in its sentence.
fn continuation(doc: &Doc, q: &QuoteSpan, _spans: &[QuoteSpan], prev: Option<(&QuoteSpan, &Found)>) -> Option<Found> {
    let sent = doc.b.tok[q.open_tok].sent as usize;
    // only when the quote opens its sentence, or one linking word does:
    // "But “…”", "Instead, “…”", "Specifically, “…”"
    let first = doc.skip_markup(doc.b.sent_start[sent]);
    let after_link = first.is_some_and(|f| {
        let w = doc.word(f);
        let next = doc.next(f);
        doc.is_word(f)
            && (words::coordinator(w) && next == Some(q.open_tok)
                || (words::time_adverb(w) || w.len() > 4 && w.ends_with("ly"))
                    && next.is_some_and(|c| doc.is_punct(c, ",") && doc.next(c) == Some(q.open_tok)))
    });
    // — or an introductory phrase does: "In Europe, by contrast, “…”",
    // "For the workers, on the other hand, “…”"
    let after_intro = || {
        first.is_some_and(|f| {
            doc.is_word(f)
                && doc.has(f, words::INTRO)
                && q.open_tok - f <= 15
                && doc.prev(q.open_tok).is_some_and(|c| doc.is_punct(c, ","))
                && (f..q.open_tok).all(|t| !doc.is_cue(t) && !doc.is_speech(t) && !doc.in_quote(t))
        })
    };
    if first != Some(q.open_tok) && !after_link && !after_intro() {
        return None;
    }
    if sent > 0 {
        let pe = doc.b.sent_start[sent];
        // the previous sentence's last 200 tokens are plenty, and bound the work
        let ps = doc.b.sent_start[sent - 1].max(pe.saturating_sub(200));
        // the sentence before, writer's text only, must not be another quote's
        let mut last_cue = None;
        let mut ends_colon = false;
        let mut has_quote = false;
        for k in ps..pe {
            if doc.in_quote(k) {
                has_quote = true;
                continue;
            }
            if doc.is_speech(k) || doc.is_according(k) {
                last_cue = Some(k);
            }
            if matches!(doc.toks[k].kind, TokenKind::Punct) && doc.word_bytes(k) == b":" {
                ends_colon = true;
            } else if !matches!(doc.toks[k].kind, TokenKind::Break { .. } | TokenKind::Markup) {
                ends_colon = false;
            }
        }
        // "Transcript as follows:" with no reporting verb: the sentence's
        // first noun phrase introduces what follows
        if last_cue.is_none() && ends_colon && !has_quote {
            let colon = (ps..pe).rev().find(|&k| doc.is_punct(k, ":"));
            // "In response, Halvik issued the following statement:": past an
            // introductory phrase
            let m = doc
                .np_starting_at(ps)
                .filter(|m| m.last < pe)
                .or_else(|| colon.and_then(|c| doc.clause_subject(c)).filter(|m| m.first >= ps));
            if let Some(m) = m {
                return Some(Found::new(m, colon.map(|k| doc.toks[k].span), Rule::Colon));
            }
        }
        // a turn taken after the quote of that sentence: "“…,” Vale said,
        // and her husband cut in. “…”" — a later reporting clause with a
        // subject of its own speaks next
        let last_quote = (ps..pe).rev().find(|&k| doc.in_quote(k));
        let turn = last_cue
            .filter(|&c| {
                has_quote && last_quote.is_some_and(|lq| c > lq) && doc.prev(c).is_some_and(|b| !doc.is_punct(b, ","))
            })
            .and_then(|c| Some((c, doc.subject_before(c, last_quote? + 1)?)))
            .filter(|(_, (m, _))| {
                prev.is_none_or(|(_, pf)| pf.mention.is_none_or(|pm| pm.first != m.first))
                    && doc.prev(m.first).is_some_and(|a| doc.word(a) == "and")
            });
        if let Some((c, (m, referent))) = turn {
            let cue = Some(doc.cue_span(c));
            return Some(Found { mention: Some(m), referent, cue, addressee: None, rule: Rule::PreviousSentence });
        }
        if let Some(c) = last_cue {
            if !has_quote || ends_colon {
                let found = doc
                    .subject_before(c, ps)
                    .or_else(|| doc.clause_subject(c).map(|m| (m, None)))
                    // "…, said Vale." "Stated Vale:" — a verb's object is
                    // never its speaker
                    .or_else(|| {
                        let m = doc.np_starting_at(c + doc.b.tok[c].lex.ntok.max(1) as usize)?;
                        let inverted = doc.b.tok[c].lex.flags & cat::NAMING == 0
                            && doc.prev(c).is_none_or(|p| p < ps || doc.is_punct(p, ",") || doc.is_punct(p, ":"));
                        inverted.then_some((m, None))
                    });
                if let Some((m, referent)) = found {
                    let rule = if ends_colon { Rule::Colon } else { Rule::PreviousSentence };
                    return Some(Found {
                        mention: Some(m),
                        referent,
                        cue: Some(doc.cue_span(c)),
                        addressee: None,
                        rule,
                    });
                }
            }
        }
    }
    // the quote before, in this or the previous paragraph
    if let Some((pq, pf)) = prev {
        let pp = doc.b.tok[pq.open_tok].para;
        let this = doc.b.tok[q.open_tok].para;
        if this <= pp + 2 && pf.mention.is_some() {
            return Some(Found { rule: Rule::Continuation, ..*pf });
        }
    }
    None
}

/// A6: a quote inside a quote.
fn attribute_nested(doc: &Doc, q: &QuoteSpan, parent: &QuoteSpan) -> Found {
    let floor = parent.open_tok + 1;
    // before: "said: ‘…’", "who said, ‘…’", within a few tokens
    let mut k = q.open_tok;
    for _ in 0..4 {
        let Some(p) = doc.prev(k) else { break };
        if p < floor || matches!(doc.toks[p].kind, TokenKind::Terminal) {
            break;
        }
        if doc.is_speech(p) {
            let mut f =
                doc.subject_before(p, floor).or_else(|| nested_clause_subject(doc, p, floor).map(|m| (m, None)));
            if let Some((m, r)) = f.take() {
                return Found {
                    mention: Some(m),
                    referent: r.or_else(|| bracket_referent(doc, m.last)),
                    cue: Some(doc.cue_span(p)),
                    addressee: None,
                    rule: Rule::Nested,
                };
            }
            break;
        }
        k = p;
    }
    // after: "’ as Mr. Gravlund likes to say", "’ he said"
    if let Some(close) = q.close_tok {
        if let Some(mut j) = doc.next(close) {
            if doc.is_punct(j, ",") {
                j = match doc.next(j) {
                    Some(x) => x,
                    None => return NOT_FOUND,
                };
            }
            let as_clause = doc.is_word(j) && doc.word_bytes(j).eq_ignore_ascii_case(b"as");
            if as_clause {
                if let Some(x) = doc.next(j) {
                    j = x;
                }
            }
            if let Some(m) = doc.np_starting_at(j) {
                if let Some(mut v) = doc.next(m.last) {
                    let mut steps = 0;
                    while doc.is_word(v) && !doc.is_speech(v) && doc.filler(v) && steps < 4 {
                        v = match doc.next(v) {
                            Some(x) => x,
                            None => break,
                        };
                        steps += 1;
                    }
                    // "as Mr. Gravlund likes to say / to refer to it"
                    if doc.is_speech(v) || as_clause && doc.is_cue(v) {
                        return Found::new(m, Some(doc.cue_span(v)), Rule::Nested);
                    }
                }
            }
        }
    }
    NOT_FOUND
}

/// The subject of a coordinated verb inside a quote: "he [Gravlund] stopped me
/// and said" → "he".
fn nested_clause_subject(doc: &Doc, verb: usize, floor: usize) -> Option<Mention> {
    let mut k = verb;
    for _ in 0..12 {
        let p = doc.prev(k)?;
        if p < floor || matches!(doc.toks[p].kind, TokenKind::Terminal) {
            return None;
        }
        if doc.is_word(p) {
            if let Some(pr) = words::pronoun(doc.word(p)) {
                if pr != Pronoun::I && pr != Pronoun::We && pr != Pronoun::You {
                    return Some(Mention { first: p, last: p, class: MClass::Pronoun(pr) });
                }
            }
        }
        k = p;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Kind};

    /// (name, text, quoted words, kind, speaker, mention, cue)
    type Case = (&'static str, &'static str, &'static str, Kind, &'static str, &'static str, &'static str);

    const CASES: &[Case] = &[
        ("after_name", "“We will win,” Halvik explained.", "We will win,", Kind::Direct, "Halvik", "Halvik", "explained"),
        ("after_inverted", "“We will win,” said Sen. John Smedvik.", "We will win,", Kind::Direct, "John Smedvik", "Sen. John Smedvik", "said"),
        ("before_colon", "Varenko added with a smile: “Well, I’ll try.”", "Well, I’ll try.", Kind::Direct, "Varenko", "Varenko", "added"),
        (
            "pronoun_to_subject",
            "Belarusian President Pavel Varenko met the envoy. “I am ready,” he told the American envoy.",
            "I am ready,",
            Kind::Direct,
            "Pavel Varenko",
            "he",
            "told",
        ),
        (
            "descriptor_by_meaning_and_place",
            "US President Walter Gravlund spoke on Monday. On Friday, the American president claimed that it was a \"pretty harsh place.\"",
            "pretty harsh place.",
            Kind::Partial,
            "Walter Gravlund",
            "the American president",
            "claimed",
        ),
        (
            "organisation",
            "The ministry’s press service confirmed the release. “Six of them are citizens of Lithuania.”",
            "Six of them are citizens of Lithuania.",
            Kind::Direct,
            "ministry’s press service",
            "The ministry’s press service",
            "confirmed",
        ),
        (
            "according_to",
            "According to the campaign, “the numbers are wrong.”",
            "the numbers are wrong.",
            Kind::Partial,
            "campaign",
            "the campaign",
            "According to",
        ),
        (
            "appositive",
            "“It is over,” Maria Lundvik, a spokeswoman for the ministry, said.",
            "It is over,",
            Kind::Direct,
            "Maria Lundvik",
            "Maria Lundvik",
            "said",
        ),
        (
            "relative_pronoun",
            "The loss was steep for Ray Lindqvist, who said he would get ''recharged and take a day off.''",
            "recharged and take a day off.",
            Kind::Partial,
            "Ray Lindqvist",
            "who",
            "said",
        ),
        (
            "coordinated_verb",
            "The envoy Peter Halvik described the talks as \"very productive\" and said relations are \"good, but not the best.\"",
            "good, but not the best.",
            Kind::Partial,
            "Peter Halvik",
            "The envoy Peter Halvik",
            "said",
        ),
        (
            "title_colon",
            "Vale: Rival’s Plan ‘Dead On Arrival.’\nSenator Mara Vale spoke on Monday.",
            "Dead On Arrival.",
            Kind::Partial,
            "Mara Vale",
            "Vale",
            ":",
        ),
        (
            "title_kicker_then_colon",
            "Exclusive: Mara Vale on the Budget: ‘We Will Not Sign.’\nSenator Mara Vale spoke on Monday.",
            "We Will Not Sign.",
            // title case: a headline's quotes read as fragments
            Kind::Partial,
            "Mara Vale",
            "Mara Vale",
            ":",
        ),
        (
            "title_subject_named_in_the_article",
            "Vale Takes Rival’s Offer ‘Very Seriously.’\nSenator Mara Vale spoke on Monday.",
            "Very Seriously.",
            Kind::Partial,
            "Mara Vale",
            "Vale",
            "",
        ),
        (
            "absolute_construction",
            "The two leaders met on Monday, with Sen. Mara Vale calling it a “good start.”",
            "good start.",
            Kind::Partial,
            "Mara Vale",
            "Sen. Mara Vale",
            "calling",
        ),
        (
            "participle_takes_the_nearest_report",
            "Quist left as soon as the talks ended, Lind said, adding, “He was not pleased.”",
            "He was not pleased.",
            Kind::Direct,
            "Lind",
            "Lind",
            "adding",
        ),
        (
            "participle_after_an_adverbial_clause",
            "Sen. Mara Vale changed course when she named her deputy, calling Quist “my partner in this work.”",
            "my partner in this work.",
            Kind::Partial,
            "Mara Vale",
            "she",
            "calling",
        ),
        (
            "participle_skips_a_clause_under_that",
            "Halvik repeated claims that Quist recites the same lines, calling him a “talented guy.”",
            "talented guy.",
            Kind::Partial,
            "Halvik",
            "Halvik",
            "calling",
        ),
        (
            "whom_she_called_is_the_subjects_report",
            "Mara Vale said she would fight Quist, whom she called a “con artist.”",
            "con artist.",
            Kind::Partial,
            "Mara Vale",
            "Mara Vale",
            "called",
        ),
        (
            "what_he_calls_after_a_sentence_adverb",
            "Perhaps Lind's sharpest line was against what he calls the “Washington cartel.”",
            "Washington cartel.",
            Kind::Partial,
            "Lind",
            "Lind's",
            "calls",
        ),
        (
            "linking_word_before_a_continued_quote",
            "“He is supposed to lead this country,” Vale said. Instead, “he just acts like a defeated man.”",
            "he just acts like a defeated man.",
            Kind::Partial,
            "Vale",
            "Vale",
            "said",
        ),
        (
            "cracked_reports_speech",
            "During their first debate, Mara Vale cracked, “I'm a progressive who gets things done.”",
            "I'm a progressive who gets things done.",
            Kind::Direct,
            "Mara Vale",
            "Mara Vale",
            "cracked",
        ),
        (
            "a_verb_form_after_a_number_is_a_noun",
            "In 2008 Vale told supporters that they had made 18 million cracks in “the highest, hardest glass ceiling.”",
            "the highest, hardest glass ceiling.",
            Kind::Partial,
            "Vale",
            "Vale",
            "told",
        ),
        (
            "a_report_under_a_modal_is_the_outer_reports",
            "In a statement, Halvik said he is certain Vale will continue to be “a champion for opportunity.”",
            "a champion for opportunity.",
            Kind::Partial,
            "Halvik",
            "Halvik",
            "said",
        ),
        (
            "a_report_under_to_is_the_outer_reports",
            "Mara Vale says she expects Jon Halvik to announce an “intensification” of the campaign.",
            "intensification",
            Kind::Partial,
            "Mara Vale",
            "Mara Vale",
            "says",
        ),
        (
            "to_after_a_noun_is_not_a_subjects_verb",
            "At the meeting on Tuesday, Lind used his keynote speech to offer “encouragement” to the delegates.",
            "encouragement",
            Kind::Partial,
            "Lind",
            "Lind",
            "offer",
        ),
        (
            "linking_adverb_is_not_a_subject",
            "Likewise, Vale spoke highly of the plan, saying “it works for everyone.”",
            "it works for everyone.",
            Kind::Partial,
            "Vale",
            "Vale",
            "saying",
        ),
        (
            "a_state_after_of_is_not_the_speaker",
            "“We will not back down,” said Senator Mara Vale of Arizona.",
            "We will not back down,",
            Kind::Direct,
            "Mara Vale",
            "Senator Mara Vale of Arizona",
            "said",
        ),
        (
            "longer_absolute_phrase_after_with",
            "Her backers tied him to the governor, with one of her ads asking, “Is Jon Halvik independent enough?”",
            "Is Jon Halvik independent enough?",
            Kind::Direct,
            "one of her ads",
            "one of her ads",
            "asking",
        ),
        (
            "colon_after_an_introductory_phrase",
            "In response to the attack, Mayor Mara Vale released the following statement:\n\n“Our prayers are with all those affected.”",
            "Our prayers are with all those affected.",
            Kind::Direct,
            "Mara Vale",
            "Mayor Mara Vale",
            ":",
        ),
        (
            "passive_report_with_its_agent",
            "Halvik was asked by host Jon Lind, who backs him, “Now, you said you were tired of hearing about it?”",
            "Now, you said you were tired of hearing about it?",
            Kind::Direct,
            "Jon Lind",
            "host Jon Lind",
            "asked",
        ),
        (
            "organisation_named_with_of",
            "“The count is final,” the Brenvik Board of Elections said.",
            "The count is final,",
            Kind::Direct,
            "Brenvik Board of Elections",
            "the Brenvik Board of Elections",
            "said",
        ),
        (
            "a_capitalised_sentence_opener_is_not_a_person",
            "Budget talks resume.\n\nSen. Jon Halvik spoke on Monday.\n\nSpeaking to reporters in the city, he said that nothing had changed. He added: “The plan is dead.”",
            "The plan is dead.",
            Kind::Direct,
            "Jon Halvik",
            "He",
            "added",
        ),
        (
            "a_titled_person_is_not_the_company_named_after_them",
            "Budget talks resume.\n\nJon Vale owns the Vale Foundation, which gave money to the campaign. “We are proud,” Mr. Vale said.",
            "We are proud,",
            Kind::Direct,
            "Jon Vale",
            "Mr. Vale",
            "said",
        ),
        (
            "an_indefinite_source_is_nobody_named_before",
            "Budget talks resume.\n\nLind Holm, a senior adviser to Sen. Mara Vale, left in May. “She cut the prep time,” said one former adviser, who requested anonymity.",
            "She cut the prep time,",
            Kind::Direct,
            "former adviser",
            "one former adviser",
            "said",
        ),
        (
            "a_phrase_running_into_a_verb_is_no_appositive",
            "Budget talks resume.\n\nAt a town hall in Brenvik, a young woman asked Mrs. Vale about the plan. “Should we believe them?” the woman said.",
            "Should we believe them?",
            Kind::Direct,
            "woman",
            "the woman",
            "said",
        ),
        (
            "comma_hands_fragment_to_after",
            "Vale said Halvik “would have no chance to win,” the aide recalled.",
            "would have no chance to win,",
            Kind::Partial,
            "aide",
            "the aide",
            "recalled",
        ),
        (
            "noun_after_participle_is_not_a_verb",
            "Ms. Vale said that in her economically depressed state, ''there is a huge degree of pessimism.''",
            "there is a huge degree of pessimism.",
            Kind::Partial,
            "Vale",
            "Vale",
            "said",
        ),
        (
            "previous_paragraph_reports_speech",
            "Vale said that this would not happen.\n\n“That is because the region matters.”",
            "That is because the region matters.",
            Kind::Direct,
            "Vale",
            "Vale",
            "said",
        ),
        (
            "coordinator_before_clause_subject",
            "And then Vale went on the attack, saying, “Is he going to resign?”",
            "Is he going to resign?",
            Kind::Direct,
            "Vale",
            "Vale",
            "saying",
        ),
        (
            "new_lexicon_verb",
            "“They said, don’t do it,” remembered Ray Lindqvist, the former spokesman.",
            "They said, don’t do it,",
            Kind::Direct,
            "Ray Lindqvist",
            "Ray Lindqvist",
            "remembered",
        ),
        (
            "acronym_place_is_not_a_pronoun",
            "“We are proud to cast our votes!” US Senator Mara Vale said.",
            "We are proud to cast our votes!",
            Kind::Direct,
            "Mara Vale",
            "US Senator Mara Vale",
            "said",
        ),
        (
            "suffix_then_appositive",
            "“It works,” Peter Halvik Jr., the director of the agency, said.",
            "It works,",
            Kind::Direct,
            "Peter Halvik Jr.",
            "Peter Halvik Jr",
            "said",
        ),
        (
            "party_abbreviation_in_appositive",
            "“Perpetual motion!” Rep. Orrin Vale, R-Pa., said of the week.",
            "Perpetual motion!",
            Kind::Direct,
            "Orrin Vale",
            "Rep. Orrin Vale",
            "said",
        ),
        (
            "quote_inside_appositive_and_place_before_role",
            "“We had better weeks,” Texas delegate Bill Lind, wearing “Vale” pins, said.",
            "We had better weeks,",
            Kind::Direct,
            "Bill Lind",
            "Texas delegate Bill Lind",
            "said",
        ),
        (
            "anonymous_person",
            "“It is like choosing how to lose,” said one person with knowledge of the talks.",
            "It is like choosing how to lose,",
            Kind::Direct,
            "person",
            "one person",
            "said",
        ),
        (
            "role_for_a_name",
            "It was so odd that a spokesman for Mara Vale could only quip: \"I guess the hall was booked.\"",
            "I guess the hall was booked.",
            Kind::Direct,
            "spokesman for Mara Vale",
            "a spokesman for Mara Vale",
            "quip",
        ),
        (
            "issued_a_statement",
            "Immediately after the attacks, Vale issued a statement, “Last night, our nation was attacked.”",
            "Last night, our nation was attacked.",
            Kind::Direct,
            "Vale",
            "Vale",
            "issued a statement",
        ),
        (
            "participle_inside_parenthetical",
            "It came up after Mr. Vale, asked about the deaths, had said, ''We do plenty of that too.''",
            "We do plenty of that too.",
            Kind::Direct,
            "Vale",
            "Vale",
            "said",
        ),
        (
            "report_before_a_temporal_clause",
            "Lind issued a statement after Vale told a town hall that the method is “peanuts,” compared to others.",
            "peanuts,",
            Kind::Partial,
            "Vale",
            "Vale",
            "told",
        ),
        (
            "naming_verb_with_object",
            "In the debate, Vale called his opponent “Senator Lind” twice.",
            "Senator Lind",
            Kind::Partial,
            "Vale",
            "Vale",
            "called",
        ),
        (
            "unlisted_verb_closing_the_sentence",
            "“Would it be negotiable?” Halvik pressed.",
            "Would it be negotiable?",
            Kind::Direct,
            "Halvik",
            "Halvik",
            "pressed",
        ),
        (
            "adverbial_opening_is_not_a_subject",
            "Hours later, Vale went further, calling the plan “a disaster.”",
            "a disaster.",
            Kind::Partial,
            "Vale",
            "Vale",
            "calling",
        ),
        (
            "compound_noun_before_the_verb",
            "“It was a terrific success,” the billionaire business mogul told People.",
            "It was a terrific success,",
            Kind::Direct,
            "billionaire business mogul",
            "the billionaire business mogul",
            "told",
        ),
        (
            "appositive_names_the_descriptor",
            "“It is inevitable,” Rep. Mara Vale’s chief of staff, Joe Lind, told reporters.",
            "It is inevitable,",
            Kind::Direct,
            "Joe Lind",
            "Rep. Mara Vale’s chief of staff",
            "told",
        ),
        (
            "pronoun_skips_a_place",
            "Mara Vale arrived on Monday. In Coralville, she said: “We will win.”",
            "We will win.",
            Kind::Direct,
            "Mara Vale",
            "she",
            "said",
        ),
        (
            "pronoun_skips_a_sentence_opener",
            "Peter Halvik spoke on Monday. Asked about the plan, he said: “It is fine.”",
            "It is fine.",
            Kind::Direct,
            "Peter Halvik",
            "he",
            "said",
        ),
        (
            "phrasal_reporting_verb",
            "Vale shot back, \"Secretary Lind called them out.\"",
            "Secretary Lind called them out.",
            Kind::Direct,
            "Vale",
            "Vale",
            "shot back",
        ),
        (
            "determiner_standing_alone",
            "“He lived there,” added one voter. Yet another said, “Vale is in a five-person battle.”",
            "Vale is in a five-person battle.",
            Kind::Direct,
            "another",
            "another",
            "said",
        ),
        (
            "appositive_name_of_a_descriptor_subject",
            "Mara Vale spoke first. The opposition leader, Meera Das, called the plan 'a disaster'.",
            "a disaster",
            Kind::Partial,
            "Meera Das",
            "The opposition leader",
            "called",
        ),
        (
            "it_for_the_organisation_before",
            "The ministry said in a statement that the talks were “constructive”. “We expect progress next week,” it added.",
            "We expect progress next week,",
            Kind::Direct,
            "ministry",
            "it",
            "added",
        ),
        (
            "role_for_an_organisation_after_the_quote",
            "“This is not what we agreed,” a spokesperson for Acme Ltd said.",
            "This is not what we agreed,",
            Kind::Direct,
            "spokesperson for Acme Ltd",
            "a spokesperson for Acme Ltd",
            "said",
        ),
        (
            "a_document_owns_the_lower_case_wording_of_its_sentence",
            "Budget talks resume.\n\nThe new ad targets “a rigged economy where lobbyists buy off elections.”",
            "a rigged economy where lobbyists buy off elections.",
            Kind::Partial,
            "new ad",
            "The new ad",
            "",
        ),
        (
            "a_definite_phrase_before_an_auxiliary_is_a_subject",
            "Budget talks resume.\n\nThe retired neurosurgeon has provided no details, saying only that he was “refining some practices.”",
            "refining some practices.",
            Kind::Partial,
            "retired neurosurgeon",
            "The retired neurosurgeon",
            "saying",
        ),
        (
            "a_verb_introducing_the_next_quote_is_not_the_attribution_of_the_one_before",
            "Budget talks resume.\n\n“We are refugees,” Mara Vale said. “We are not criminals.” Lind Halvik said: “The count is over.”",
            "We are not criminals.",
            Kind::Direct,
            "Mara Vale",
            "Mara Vale",
            "said",
        ),
        (
            "a_name_written_after_in_is_a_place_not_she",
            "Mara Vale is marking several victories with a rally in Brenvik. South Kalmar voters are restless.\n\nVale has won primaries in Ostland and Norland. She is appearing in South Kalmar ahead of the key March 15 primary there.\n\nShe declared “a new day for the party.”",
            "a new day for the party.",
            Kind::Partial,
            "Mara Vale",
            "She",
            "declared",
        ),
        (
            "the_person_of_a_phrase_is_not_the_place_after_of",
            "“We will not back down,” said former Gov. Ben Rowan of New Kalmar.",
            "We will not back down,",
            Kind::Direct,
            "Ben Rowan",
            "former Gov. Ben Rowan of New Kalmar",
            "said",
        ),
        (
            "the_person_of_a_phrase_is_the_name_after_a_possessive",
            "“It is over,” said Kalmar’s Rick Walden, a strategist.",
            "It is over,",
            Kind::Direct,
            "Rick Walden",
            "Kalmar’s Rick Walden",
            "said",
        ),
        (
            "a_place_after_an_introduction_is_not_the_subject",
            "Budget talks resume.\n\nSpeaking at a town hall in Salem, New Kalmar, Vale went after Quist, calling him “a total stiff.”",
            "a total stiff.",
            Kind::Partial,
            "Vale",
            "Vale",
            "calling",
        ),
        (
            "an_appositive_after_an_introduction_is_not_the_subject",
            "Budget talks resume.\n\nIntroduced by Joe Lind, the county sheriff and hard-liner, Mara Vale launched into a lament for the “countless victims of violence.”",
            "countless victims of violence.",
            Kind::Partial,
            "Mara Vale",
            "Mara Vale",
            "",
        ),
        (
            "an_exclamation_in_capitals_is_said_not_a_title",
            "Budget talks resume.\n\nThe crowd waited.\n\n“Kalmar!” the audience screamed back.",
            "Kalmar!",
            Kind::Direct,
            "audience",
            "the audience",
            "screamed",
        ),
        (
            "an_exclamation_inside_the_writers_sentence_is_partial",
            "Budget talks resume.\n\nVale then tweeted that the witness was “Disgraceful!”",
            "Disgraceful!",
            Kind::Partial,
            "Vale",
            "Vale",
            "tweeted",
        ),
        (
            "calling_out_words_is_speech",
            "Budget talks resume.\n\nDashing into a closed-door lunch, Senator Mara Vale, Republican of Kalmar, called over her shoulder, “His comments are not helping.”",
            "His comments are not helping.",
            Kind::Direct,
            "Mara Vale",
            "Senator Mara Vale",
            "called",
        ),
        (
            "an_utterance_after_to_say_is_the_governing_subjects",
            "Budget talks resume.\n\nThe debate was so subdued that Mara Vale was prompted to say, “So far, I cannot believe how civil it has been.”",
            "So far, I cannot believe how civil it has been.",
            Kind::Direct,
            "Mara Vale",
            "Mara Vale",
            "say",
        ),
        (
            "a_coordinated_verb_hangs_on_the_pronoun_of_its_clause",
            "Budget talks resume.\n\nLind Halvik spoke first. Mrs. Mara Vale drew cheers as she thanked her home state and then boomed, “Today, you proved there is no place like home.”",
            "Today, you proved there is no place like home.",
            Kind::Direct,
            "Mara Vale",
            "she",
            "boomed",
        ),
        (
            "a_surname_is_the_person_not_the_building_named_after_them",
            "Budget talks resume.\n\nTom Brandt spoke on Tuesday.\n\nLater the crowd gathered outside Brandt Tower in the rain.\n\n“We are proud of the result,” Brandt said.\n\n“It was a long night,” he added.",
            "It was a long night,",
            Kind::Direct,
            "Tom Brandt",
            "he",
            "added",
        ),
        (
            "a_titled_surname_is_the_person_not_the_building_named_after_them",
            "Budget talks resume.\n\nTom Brandt spoke on Tuesday.\n\nLater the crowd gathered outside Brandt Tower in the rain.\n\n“We are proud of the result,” Mr. Brandt said.",
            "We are proud of the result,",
            Kind::Direct,
            "Tom Brandt",
            "Mr. Brandt",
            "said",
        ),
        (
            "a_verb_in_an_opening_subordinate_clause_has_its_subject",
            "Budget talks resume.\n\nWhen Mara Vale later referred to the attack and said she would “protect every citizen,” the crowd applauded loudly.",
            "protect every citizen,",
            Kind::Partial,
            "Mara Vale",
            "Mara Vale",
            "said",
        ),
        (
            "a_passive_naming_verb_has_its_agent_after_the_quote",
            "Budget talks resume.\n\nThis feature of the movement has been called “strategic ambiguity” by Jon Lind, a professor at Kalmar University.",
            "strategic ambiguity",
            Kind::Partial,
            "Jon Lind",
            "Jon Lind",
            "called",
        ),
        (
            "the_speaker_is_not_the_place_they_are_from",
            "Budget talks resume.\n\nTor Lind, 22, of Norland, Ost., said he had not given up hope of a convention “surprise,” because he could never vote for her.",
            "surprise,",
            Kind::Partial,
            "Tor Lind",
            "Tor Lind",
            "said",
        ),
        (
            "a_name_between_commas_after_an_of_phrase_is_the_speaker",
            "Budget talks resume.\n\nThe director of the Federal Bureau of Kalmar, Jon B. Lind, said the messages were “direct and private.”",
            "direct and private.",
            Kind::Partial,
            "Jon B. Lind",
            "Federal Bureau",
            "said",
        ),
        (
            "a_department_after_a_titles_of_is_no_part_of_the_name",
            "“We will talk,” said Secretary of State Jon F. Lind.",
            "We will talk,",
            Kind::Direct,
            "Jon F. Lind",
            "Secretary of State Jon F. Lind",
            "said",
        ),
        (
            "an_indefinite_pronoun_speaks_as_itself_never_as_a_name",
            "Budget talks resume.\n\nSomeone called it a “quiet revolution,” and I agree.",
            "quiet revolution,",
            Kind::Partial,
            "Someone",
            "Someone",
            "called",
        ),
        (
            "her_before_a_noun_is_a_determiner_not_the_speaker",
            "Budget talks resume.\n\nThe case put Mara Vale “through the wringer,” according to her lawyers.",
            "through the wringer,",
            Kind::Partial,
            "lawyers",
            "her lawyers",
            "according to",
        ),
        (
            "a_second_quote_joined_by_and_has_the_same_verb",
            "Budget talks resume.\n\nVale took a risk, telling the crowd, “I am a negotiator like you, folks,” and, “Is there anyone in this room who does not negotiate?”",
            "Is there anyone in this room who does not negotiate?",
            Kind::Direct,
            "Vale",
            "Vale",
            "telling",
        ),
        (
            "a_sentence_opening_with_adding_goes_on_from_the_one_before",
            "Budget talks resume.\n\nVale said of the scandal that the report “was not good.” Adding, “Now, like with all scandals, what they do is minor.”",
            "Now, like with all scandals, what they do is minor.",
            Kind::Direct,
            "Vale",
            "Vale",
            "Adding",
        ),
        (
            "the_object_before_a_colon_is_not_the_speaker",
            "Budget talks resume.\n\nSenate leader Mara Vale delivered a blunt message to Quist: “It is time to quit attacking people.”",
            "It is time to quit attacking people.",
            Kind::Direct,
            "Mara Vale",
            "Senate leader Mara Vale",
            ":",
        ),
        (
            "a_partitive_after_an_inverted_verb_speaks_whole",
            "Budget talks resume.\n\nThe crowd waited.\n\n“There will not be a path for Halvik to succeed,” said one of those advisers, who spoke on the condition of anonymity.",
            "There will not be a path for Halvik to succeed,",
            Kind::Direct,
            "one of those advisers",
            "one of those advisers",
            "said",
        ),
        (
            "any_complete_phrase_after_an_inverted_verb_speaks",
            "Budget talks resume.\n\nThe crowd waited.\n\n“How big is that wall?” asked the boy, who was wearing a red hat, as the audience laughed.",
            "How big is that wall?",
            Kind::Direct,
            "boy",
            "the boy",
            "asked",
        ),
        (
            "a_subordinate_clause_after_but_keeps_its_fragment",
            "Budget talks resume.\n\nBut even as Vale claimed on Tuesday that “Lind got in trouble for far less,” one of the former prosecutors said the cases differed.",
            "Lind got in trouble for far less,",
            Kind::Partial,
            "Vale",
            "Vale",
            "claimed",
        ),
        (
            "a_capitalised_party_word_opens_the_phrase_of_the_name_after_it",
            "Budget talks resume.\n\n“We will look at it,” said Republican political consultant Jon Vale.",
            "We will look at it,",
            Kind::Direct,
            "Jon Vale",
            "Republican political consultant Jon Vale",
            "said",
        ),
        (
            "a_phrase_ending_at_who_is_complete",
            "Budget talks resume.\n\nThe crowd waited.\n\n“It was awful,” said one of two witnesses who relayed the same story.",
            "It was awful,",
            Kind::Direct,
            "one of two witnesses",
            "one of two witnesses",
            "said",
        ),
        (
            "a_place_and_a_time_after_an_introduction_are_not_the_subject",
            "Budget talks resume.\n\nAt a campaign event in Ames, Kalmar, on Sunday, Mrs. Vale tried to expand on her statement, saying that the country should “be rallying our partners.”",
            "be rallying our partners.",
            Kind::Partial,
            "Vale",
            "Mrs. Vale",
            "saying",
        ),
        (
            "outside_opens_an_introduction_and_a_number_a_phrase",
            "Budget talks resume.\n\nOutside the arena in downtown Brenvik, about 200 protesters congregated in three clusters, holding signs and chanting “Dump Vale.”",
            "Dump Vale.",
            Kind::Partial,
            "about 200 protesters",
            "about 200 protesters",
            "chanting",
        ),
        (
            "a_subject_and_its_verb_before_an_adverb_are_a_clause_not_an_introduction",
            "Budget talks resume.\n\nA few days later, Lind reversed himself again, telling reporters that the rules “are set for now and we have to leave it that way.”",
            "are set for now and we have to leave it that way.",
            Kind::Partial,
            "Lind",
            "Lind",
            "telling",
        ),
        (
            "a_number_of_years_before_an_adverb_is_an_introduction",
            "Budget talks resume.\n\nMara Vale spoke at noon. Thirteen years earlier, she had voted for the bill from “the perspective of a senator who has seen the consequences.”",
            "the perspective of a senator who has seen the consequences.",
            Kind::Partial,
            "Mara Vale",
            "she",
            "",
        ),
        (
            "the_owner_of_a_word_for_something_said_said_it",
            "Budget talks resume.\n\nMara Vale spoke in Brenvik. She came under fire over her assertion during the debate that “we now finally are where we need to be.”",
            "we now finally are where we need to be.",
            Kind::Partial,
            "Mara Vale",
            "her",
            "assertion",
        ),
        (
            "a_name_and_its_word_for_something_said",
            "Budget talks resume.\n\nJon Lind spoke at noon. The crowd cheered Lind's call for “a total and complete ban on new taxes.”",
            "a total and complete ban on new taxes.",
            Kind::Partial,
            "Jon Lind",
            "Lind's",
            "call",
        ),
        (
            "the_owner_of_a_post_named_by_its_medium_said_it",
            "Budget talks resume.\n\nAides say the former governor plans to help. From Lind's Kwillr post: “For the sake of our party, we must move on.”",
            "For the sake of our party, we must move on.",
            Kind::Direct,
            "Lind",
            "Lind's",
            "post",
        ),
        (
            "words_owned_by_one_and_reported_by_another_are_the_reporters",
            "Budget talks resume.\n\nJon Lind said Vale's words “amount to a form of intimidation that undermines liberty.”",
            "amount to a form of intimidation that undermines liberty.",
            Kind::Partial,
            "Jon Lind",
            "Jon Lind",
            "said",
        ),
        (
            "a_no_break_space_inside_a_cue_phrase_is_a_space",
            "Budget talks resume.\n\nImmediately after the vote, Lind issued a\u{a0}statement, “Last night, our city was let down by its council.”",
            "Last night, our city was let down by its council.",
            Kind::Direct,
            "Lind",
            "Lind",
            "issued a\u{a0}statement",
        ),
        (
            "an_adverb_before_an_introduction_opens_it_too",
            "Budget talks resume.\n\nEven before Lind took the stage on Tuesday night, his campaign sent out a text message to supporters saying: “With your help, we won!”",
            "With your help, we won!",
            Kind::Direct,
            "campaign",
            "his campaign",
            "saying",
        ),
        (
            "an_s_form_after_a_number_is_a_plural_noun",
            "Budget talks resume.\n\nLate last month, the company wrote a letter to the dean, calling the two lengthy reports “inaccurate and deliberately misleading.”",
            "inaccurate and deliberately misleading.",
            Kind::Partial,
            "company",
            "the company",
            "calling",
        ),
        (
            "an_s_form_after_a_pronoun_is_a_verb_whatever_number_is_before",
            "Budget talks resume.\n\nThe video is named after verse 71 where it states to carry out a plan “upon me and do not give me respite.”",
            "upon me and do not give me respite.",
            Kind::Partial,
            "video",
            "it",
            "states",
        ),
        (
            "a_function_word_between_a_quote_and_its_verb_is_a_name",
            "Budget talks resume.\n\n“We needed the money for the roads,” With said.",
            "We needed the money for the roads,",
            Kind::Direct,
            "With",
            "With",
            "said",
        ),
        (
            "a_modal_opening_a_name_after_an_inverted_verb_is_a_name",
            "Budget talks resume.\n\n“It is a pretty expensive business model,” said Can Brenner, a professor at the college.",
            "It is a pretty expensive business model,",
            Kind::Direct,
            "Can Brenner",
            "Can Brenner",
            "said",
        ),
        (
            "a_modal_between_a_quote_and_its_verb_is_a_name",
            "Budget talks resume.\n\n“The plan is dead and the council knows it,” Can wrote.",
            "The plan is dead and the council knows it,",
            Kind::Direct,
            "Can",
            "Can",
            "wrote",
        ),
        (
            "a_participle_after_the_main_clause_is_its_subjects",
            "Budget talks resume.\n\nMara Vale spoke first. Jon Lind followed. And although she thanked the council for supporting him, he sounded a rare note of doubt, saying, “I am not sure I deserve it.”",
            "I am not sure I deserve it.",
            Kind::Direct,
            "Jon Lind",
            "he",
            "saying",
        ),
        (
            "the_one_presented_before_a_colon_speaks",
            "Budget talks resume.\n\nHere is Lind on the budget in 1992: “Our new direction must rest on the new realities.”",
            "Our new direction must rest on the new realities.",
            Kind::Direct,
            "Lind",
            "Lind",
            ":",
        ),
        (
            "a_dateline_closed_by_a_spaced_hyphen_is_not_the_subject",
            "Budget talks resume.\n\nBRENVIK, Aug. 24 - A spokesman for the ministry on Tuesday defended the plan, calling it “a fair and careful answer to the crisis.”",
            "a fair and careful answer to the crisis.",
            Kind::Partial,
            "spokesman",
            "A spokesman",
            "calling",
        ),
        (
            "in_the_words_of_names_whose_words_follow",
            "Budget talks resume.\n\nMara Vale was, in the words of a senior adviser, “the torchbearer of his legacy.”",
            "the torchbearer of his legacy.",
            Kind::Partial,
            "senior adviser",
            "a senior adviser",
            "in the words of",
        ),
        (
            "a_pull_quote_signed_on_its_last_line",
            "Budget talks resume.\n\n\"I worry that we may see a return of balanced budgets as Vale tries to stand apart.\nJon Lind, Center for Economic Research.\"\n\nBut Vale said no.",
            "I worry that we may see a return of balanced budgets as Vale tries to stand apart.",
            Kind::Direct,
            "Jon Lind",
            "Jon Lind",
            "",
        ),
        (
            "a_participle_before_by_opens_an_introduction",
            "Budget talks resume.\n\nLed by council speaker Mara Vale, the rally denounced the mayor's call for “a total and complete shutdown of the old port.”",
            "a total and complete shutdown of the old port.",
            Kind::Partial,
            "rally",
            "the rally",
            "denounced",
        ),
        (
            "an_appositive_holding_a_list_reaches_the_verb",
            "Budget talks resume.\n\nThe new plans “will not solve this challenge, but are steps in the right direction,” Mara Vale, assistant secretary for population, refugees, and migration, said on the call.",
            "will not solve this challenge, but are steps in the right direction,",
            Kind::Partial,
            "Mara Vale",
            "Mara Vale",
            "said",
        ),
        (
            "a_role_of_something_is_one_title",
            "Budget talks resume.\n\nIt was a clip from a rally where the secretary of state said she was “not only here to do my job” but to help.",
            "not only here to do my job",
            Kind::Partial,
            "secretary of state",
            "the secretary of state",
            "said",
        ),
        (
            "a_past_form_before_a_determiner_ends_the_subject",
            "Budget talks resume.\n\nThe retired neurosurgeon addressed his concerns in another interview, remarking that he did not feel “this is a very difficult investigation.”",
            "this is a very difficult investigation.",
            Kind::Partial,
            "retired neurosurgeon",
            "The retired neurosurgeon",
            "remarking",
        ),
        (
            "a_quote_after_an_introduction_only_goes_on_from_the_sentence_before",
            "Budget talks resume.\n\n“Their recovery is about assets and income,” Mr. Lind said. For the workers, on the other hand, “you don't take job growth for granted.”",
            "you don't take job growth for granted.",
            Kind::Partial,
            "Lind",
            "Mr. Lind",
            "said",
        ),
        (
            "it_standing_for_what_was_quoted_goes_on_with_its_speaker",
            "Budget talks resume.\n\n“They kept the old plants on standby,” noted a report by the Brenvik Institute. It “amounts to a golden handshake for the utilities.”",
            "amounts to a golden handshake for the utilities.",
            Kind::Partial,
            "report",
            "a report",
            "",
        ),
        (
            "he_is_not_an_outlet_named_news",
            "Budget talks resume.\n\nJon Lind appeared on Sunday. In an interview with Brenvik News, he said: “We will win the state.”",
            "We will win the state.",
            Kind::Direct,
            "Jon Lind",
            "he",
            "said",
        ),
        (
            "a_preposition_opening_a_sentence_is_not_part_of_a_name",
            "Budget talks resume.\n\nMara Vale spoke first. Despite Vale, the council voted for the plan. “It was a mistake,” Vale said.",
            "It was a mistake,",
            Kind::Direct,
            "Mara Vale",
            "Vale",
            "said",
        ),
        (
            "a_turn_taken_after_a_quote_speaks_next",
            "Budget talks resume.\n\n“Tell her I promised you a picture,” Vale said, and her husband cut in. “Don’t forget her brother.”",
            "Don’t forget her brother.",
            Kind::Direct,
            "husband",
            "her husband",
            "cut in",
        ),
        (
            "a_report_of_what_others_will_say_is_the_reporters_past_an_introduction",
            "Budget talks resume.\n\nAsked about the plan, Mayor Mara Vale said she expected that voters will say “no” to the tax.",
            "no",
            Kind::Partial,
            "Mara Vale",
            "Mayor Mara Vale",
            "said",
        ),
        (
            "the_owner_of_a_word_for_something_said_after_the_quote",
            "Budget talks resume.\n\nIt is the pull of Vale's “if you like your plan, you can keep it” promise that matters.",
            "if you like your plan, you can keep it",
            Kind::Partial,
            "Vale",
            "Vale's",
            "promise",
        ),
        (
            "a_verb_under_a_modal_after_the_quote_reports_nothing",
            "Budget talks resume.\n\n\"If the state obtains more records, it intends to search them\" that would respond to the requests, trial counsel Mara Vale wrote in a filing.",
            "If the state obtains more records, it intends to search them",
            Kind::Direct,
            "Mara Vale",
            "Mara Vale",
            "wrote",
        ),
        (
            "a_voice_over_in_an_ad_speaks",
            "Budget talks resume.\n\n“She will stand up to the lobby,” a voice-over in the ad states.",
            "She will stand up to the lobby,",
            Kind::Direct,
            "voice-over",
            "a voice-over",
            "states",
        ),
        (
            "mrs_is_a_woman_even_when_she_never_speaks_by_name",
            "Budget talks resume.\n\n“It is dying,” said Mats Lindqvist, a pollster.\n\nMrs. Vale regularly pledges to “make sure our economy works,” as she put it.",
            "make sure our economy works,",
            Kind::Partial,
            "Vale",
            "she",
            "put it",
        ),
        (
            "the_object_of_a_preposition_before_a_colon_does_not_speak_past_its_modifiers",
            "Budget talks resume.\n\nMara Vale broke down what was wrong with the image to the Norlandic newspaper Kwill Daily: “It was so insensitive.”",
            "It was so insensitive.",
            Kind::Direct,
            "Mara Vale",
            "Mara Vale",
            ":",
        ),
        (
            "ever_since_opens_an_introduction",
            "Budget talks resume.\n\nEver since she endorsed Mrs. Lind this month, Ms. Vale has been a surrogate with a simple message: “Don't screw this up!”",
            "Don't screw this up!",
            Kind::Direct,
            "Vale",
            "Ms. Vale",
            ":",
        ),
        (
            "state_at_the_end_of_a_noun_phrase_is_no_reporting_verb",
            "Budget talks resume.\n\nTor Lind praised her ability to get things done in a heavily Democratic state.\n\n“We need someone who will cut through it.”",
            "We need someone who will cut through it.",
            Kind::Direct,
            "Tor Lind",
            "Tor Lind",
            "praised",
        ),
        ("state_after_a_pronoun_reports", "They state their goal is to “expand the caliphate.”", "expand the caliphate.", Kind::Partial, "", "They", "state"),
        (
            "goes_on_with_a_noun_after_it_is_no_reporting_phrase",
            "Budget talks resume.\n\nBy contrast, Sen. Mara Vale said that once the Senate goes on recess, “I intend to do as much as I can.”",
            "I intend to do as much as I can.",
            Kind::Direct,
            "Mara Vale",
            "Mara Vale",
            "said",
        ),
        ("went_on_with_a_colon_reports", "Budget talks resume.\n\nMara Vale went on: “We will be back.”", "We will be back.", Kind::Direct, "Mara Vale", "Mara Vale", "went on"),
        (
            "the_source_between_a_dash_and_a_colon_speaks",
            "Budget talks resume.\n\nPollsters agree - Cora Vine: “One of the biggest lessons was a simple one.”",
            "One of the biggest lessons was a simple one.",
            Kind::Direct,
            "Cora Vine",
            "Cora Vine",
            ":",
        ),
        (
            "a_pronoun_opening_a_clause_nearer_a_verbless_quote_stands_for_the_subject",
            "Budget talks resume.\n\nMara Vale is winning nods and applause as she keeps talking about the “collective power of working people.”",
            "collective power of working people.",
            Kind::Partial,
            "Mara Vale",
            "she",
            "",
        ),
        (
            "a_question_after_a_colon_closes_its_sentence",
            "Budget talks resume.\n\nMara Vale, exasperated, responded: “What difference does it make?” Her critics cited it as proof.",
            "What difference does it make?",
            Kind::Direct,
            "Mara Vale",
            "Mara Vale",
            "responded",
        ),
        (
            "a_verb_joined_by_and_shares_the_subject_of_the_one_before",
            "Budget talks resume.\n\nThe tax, which Mara Vale had called a “disaster” and promised to “rip up,” stayed.",
            "rip up,",
            Kind::Partial,
            "Mara Vale",
            "Mara Vale",
            "promised",
        ),
        (
            "a_persons_name_before_of_a_place_speaks",
            "Budget talks resume.\n\nChancellor Mara Vale of Norland said, “We will not yield.”",
            "We will not yield.",
            Kind::Direct,
            "Mara Vale",
            "Chancellor Mara Vale",
            "said",
        ),
        (
            "an_organisation_word_of_a_place_is_one_name",
            "Budget talks resume.\n\nThe Bank of Norland said, “We will not yield.”",
            "We will not yield.",
            Kind::Direct,
            "Bank of Norland",
            "Bank of Norland",
            "said",
        ),
        (
            "a_prepositions_object_before_the_verb_is_not_its_subject",
            "Budget talks resume.\n\nAnother intelligence source speaking to Kwill News said, “The agents are investigating the donations.”",
            "The agents are investigating the donations.",
            Kind::Direct,
            "intelligence source",
            "Another intelligence source",
            "said",
        ),
        (
            "the_phrase_a_chain_of_prepositions_hangs_on_speaks",
            "Budget talks resume.\n\nA voter at the big rally in Ames said, “The agents are investigating the donations.”",
            "The agents are investigating the donations.",
            Kind::Direct,
            "voter",
            "A voter",
            "said",
        ),
        (
            "the_relative_pronoun_whose_clause_holds_the_verb_speaks",
            "Budget talks resume.\n\nLind attacked Tor Quist, who, after trading barbs with the host, said on the show that “the party lost its way.”",
            "the party lost its way.",
            Kind::Partial,
            "Tor Quist",
            "who",
            "said",
        ),
        (
            "a_relative_clause_set_off_by_dashes",
            "Budget talks resume.\n\nThe remarks echo her new ad, which — as one columnist noted last week — promises to “stop the rot in the capital.”",
            "stop the rot in the capital.",
            Kind::Partial,
            "new ad",
            "which",
            "promises",
        ),
        (
            "a_relative_clause_closed_before_the_verb",
            "Budget talks resume.\n\nMara Vale, who is 70, said on the show that the plan was “a fiasco.”",
            "a fiasco.",
            Kind::Partial,
            "Mara Vale",
            "Mara Vale",
            "said",
        ),
        ("dash_sign_off", "“We are proud of the result.”\n— Jane Smedvik, campaign manager", "We are proud of the result.", Kind::Direct, "Jane Smedvik", "Jane Smedvik", "—"),
    ];

    #[test]
    fn attribution_cases() {
        let ex = Extractor::new();
        for &(name, text, words, kind, speaker, mention, cue) in CASES {
            let quotes = ex.extract(text);
            let q = quotes
                .iter()
                .find(|q| &text[q.span.inner] == words)
                .unwrap_or_else(|| panic!("case {name}: quote {words:?} not found"));
            assert_eq!(q.kind, kind, "case {name}: kind");
            assert_eq!(q.speaker, speaker, "case {name}: speaker");
            assert_eq!(q.mention.map(|m| &text[m]), Some(mention), "case {name}: mention");
            assert_eq!(q.cue.map_or("", |c| &text[c]), cue, "case {name}: cue (\"\" for none)");
        }
    }

    #[test]
    fn a_quoted_clause_is_a_partial_quote_even_with_no_speaker() {
        let text = "Budget talks resume.\n\nThe plan would be funded by “closing tax loopholes and expenditures for the most fortunate.” The mood in the hall was “grim” all day, as in “The Long Title Of A Book Here” by Lind.";
        let q = Extractor::new().extract(text);
        assert_eq!(q.len(), 3);
        // six words or more, most lower-case: somebody's wording
        assert_eq!(q[0].kind, Kind::Partial);
        assert_eq!((q[0].speaker.as_str(), q[0].mention), ("", None));
        // a word, or a title in capitals, is not
        assert_eq!(q[1].kind, Kind::Other);
        assert_eq!(q[2].kind, Kind::Other);
    }

    #[test]
    fn a_users_word_for_something_said_has_its_owner_speak() {
        use crate::lexicon::{parse, Lexicon, BUILTIN};
        let text = "Budget talks resume.\n\nMara Vale spoke in Brenvik. She stood by her harangue that “the council has failed us all and must go.”";
        // built in, "harangue" is not one: the sentence's subject takes it
        let q = Extractor::new().extract(text);
        assert_eq!((q[0].mention.map(|m| &text[m]), q[0].cue), (Some("She"), None));
        let user = parse("speech_nouns = [\"harangue\"]").unwrap();
        let q = Extractor::with_lexicon(Lexicon::from_files(&[parse(BUILTIN).unwrap(), user])).extract(text);
        assert_eq!(q[0].mention.map(|m| &text[m]), Some("her"));
        assert_eq!(q[0].cue.map(|c| &text[c]), Some("harangue"));
        assert_eq!(q[0].speaker, "Mara Vale");
    }

    #[test]
    fn unless_opens_a_clause_and_is_never_a_speaker() {
        let text = "Budget talks resume.\n\n“It is an enormous moment,” said Jon Lind, a strategist. Unless more rivals quit the race, “it is very difficult to see how he is stopped.”";
        let q = Extractor::new().extract(text);
        assert_eq!(q.len(), 2);
        assert!(q[1].mention.is_none_or(|m| &text[m] != "Unless"), "{:?}", q[1]);
    }

    #[test]
    fn what_words_for_something_said_are_called_is_not_their_owners() {
        // "her comments were “…”": the words describe the comments
        let text = "Budget talks resume.\n\nMara Vale spoke in Brenvik. Later her comments were “sarcastic and rude,” and the room was quiet.";
        let q = Extractor::new().extract(text);
        assert_eq!(q.len(), 1);
        assert_eq!((q[0].kind, q[0].mention), (Kind::Other, None));
    }

    #[test]
    fn a_report_passed_on_is_via_its_outlet_and_still_the_speakers() {
        let text = "Budget talks resume.\n\n“We will keep going,” Mara Vale said, according to a transcript of the interview. According to the ministry, “the talks failed.”";
        let q = Extractor::new().extract(text);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].speaker, "Mara Vale");
        assert_eq!(q[0].via.map(|m| &text[m]), Some("a transcript of the interview"));
        // "according to" that attributes the quote is its speaker, not a via
        assert_eq!(q[1].mention.map(|m| &text[m]), Some("the ministry"));
        assert_eq!(q[1].via, None);
    }

    #[test]
    fn split_quote_rows_share_the_speaker() {
        let text = "“We tried,” she said, “and we will try again.” Ms. Smedvik, the mayor, left.";
        let q = Extractor::new().extract(text);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].mention.map(|m| &text[m]), Some("she"));
        assert_eq!(q[1].mention.map(|m| &text[m]), Some("she"));
    }

    #[test]
    fn nested_quote_has_its_own_speaker() {
        let text = "US President Walter Gravlund sent a gift. “When I left, he [Gravlund] stopped me and said: ‘Wait, wait,’” Halvik explained.";
        let q = Extractor::new().extract(text);
        let inner = q.iter().find(|q| q.span.depth == 1).expect("nested quote");
        assert_eq!(&text[inner.span.inner], "Wait, wait,");
        assert_eq!(inner.speaker, "Walter Gravlund");
        assert_eq!(inner.mention.map(|m| &text[m]), Some("he"));
        let outer = q.iter().find(|q| q.span.depth == 0).unwrap();
        assert_eq!(outer.speaker, "Halvik");
    }

    #[test]
    fn a_quote_between_a_determiner_and_its_noun_names_a_thing() {
        // the clause after the noun is not the quote's attribution
        let text = "Budget talks resume.\n\nAs the “Never Again” movement grows, Lind waits. The “Night Harbor” star posted a note.";
        let q = Extractor::new().extract(text);
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|q| q.kind == Kind::Other && q.mention.is_none()), "{q:?}");
    }

    #[test]
    fn a_short_paragraph_in_single_marks_is_a_subhead() {
        let text = "Budget talks resume.\n\n“We lost,” Vale said.\n\n'A really tough decision.'\n\n\"It was,\" she added.\n\n\"No, we will not!\"";
        let q = Extractor::new().extract(text);
        let kind = |w: &str| q.iter().find(|q| &text[q.span.inner] == w).map(|q| q.kind);
        assert_eq!(kind("A really tough decision."), Some(Kind::Other));
        let text = "Budget talks resume.\n\n– “We’re alive” –.\n\nThe crowd cheered.";
        let q = Extractor::new().extract(text);
        assert_eq!(q.iter().map(|q| q.kind).collect::<Vec<_>>(), [Kind::Other]);
        // double marks are a line said, by the speaker before
        assert_eq!(kind("No, we will not!"), Some(Kind::Direct));
    }

    #[test]
    fn a_capitalised_word_opening_a_sentence_is_no_speaker_by_itself() {
        let ex = Extractor::new();
        // the sentence's first word, before a lower-case word that is no
        // reporting verb, never a name and written in lower case elsewhere
        let text = "Budget talks resume. It was a good day.\n\nGood information can still drive out bad, but only when “the truth is sexier than the lie.”";
        let q = ex.extract(text);
        assert_eq!((q[0].kind, q[0].speaker.as_str(), q[0].mention), (Kind::Partial, "", None));
        // …but the phrase it opens may name the speaker
        let text = "Budget talks resume.\n\nRadio talk host Ross Lind used his platform to discuss the “brilliant and bold” decision.";
        assert_eq!(ex.extract(text)[0].speaker, "Ross Lind");
        // a name is never written in lower case: "Vale took a risk"
        let text = "Budget talks resume.\n\nVale took a risk, telling the crowd that “the plan is a good one.”";
        assert_eq!(ex.extract(text)[0].speaker, "Vale");
        // and a plural is a group that speaks
        let text = "Budget talks resume.\n\nRepublicans on the Hill seized on the “clear intent” of the memo.";
        assert_eq!(ex.extract(text)[0].speaker, "Republicans");
    }

    #[test]
    fn a_character_of_several_bytes_before_called_is_no_so_called() {
        // (the test of "so" read the two bytes before "called" as text:
        // a panic inside "’")
        let text = "It was ’ called “the plan” by all. The so-called “reform” passed.";
        let q = Extractor::new().extract(text);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].kind, Kind::Other);
    }

    #[test]
    fn a_preposition_inside_a_name_is_part_of_it() {
        let text = "Budget talks resume.\n\nThe Council on Kalmar Relations director Jo Lind said, “The agents are investigating.”";
        let q = Extractor::new().extract(text);
        assert_eq!(q[0].speaker, "Jo Lind");
    }

    #[test]
    fn nested_quote_whose_speaker_has_no_name_stays_nested() {
        // "he" inside the quote is the quoted speaker's word for someone the
        // article does not name: the inner words are no voice a reader can
        // count, so they stay `nested` (the mention is still reported)
        let text =
            "Budget talks resume.\n\n“He stopped me and said, ‘Wait, wait,’ and then he left,” Halvik explained.";
        let q = Extractor::new().extract(text);
        let inner = q.iter().find(|q| q.span.depth == 1).expect("nested quote");
        assert_eq!(&text[inner.span.inner], "Wait, wait,");
        assert_eq!(inner.kind, Kind::Nested);
        assert_eq!(inner.speaker, "");
        assert_eq!(inner.mention.map(|m| &text[m]), Some("He"));
        let outer = q.iter().find(|q| q.span.depth == 0).unwrap();
        assert_eq!((outer.kind, outer.speaker.as_str()), (Kind::Direct, "Halvik"));
    }

    #[test]
    fn addressee_is_resolved_like_a_speaker() {
        let text = "US envoy Peter Halvik met Belarusian President Pavel Varenko. “He signed it,” Halvik told Varenko.";
        let q = Extractor::new().extract(text);
        assert_eq!(q[0].addressee, "Pavel Varenko");
        assert_eq!(q[0].addressee_mention.map(|m| &text[m]), Some("Varenko"));
    }

    #[test]
    fn titles_names_and_scare_quotes_are_not_speech() {
        let cases = [
            "He also pardoned the founder of Telegram channel \"Voices of the River\" – Ivan Dorn.",
            "The Polish government cited the joint military exercises, “Storm-2031,” as a threat.",
            "The so-called “reform” passed on Tuesday.",
            // a term the writer marks, even with a person as the subject
            "Lind spoke of the so-called “special relationship” with Norland.",
            "Firms invest there and the so- called ‘special relationship’ holds.",
            // a headline and its byline
            "BROADWAY BEAT— “Siv Lind is leaving the show,” by Kwill's Mara Vale: the actor will go.",
            // a dated slogan
            "The party's posters read like a list. “No to the new tax!” (2005) — “Yes to the border fence” (2009).",
            "Marsh told “Morning Report.” that she was sorry.",
            // lower-case wording, but nobody definite to own it
            "Many voters are expected to wait (“sit on it until March” in the jargon of consultants).",
            "It has not helped that the slogans ran from “fighting for all of us” to nothing.",
        ];
        let ex = Extractor::new();
        for text in cases {
            let q = ex.extract(text);
            assert!(
                q.iter().all(|q| q.kind == Kind::Other),
                "{text}: {:?}",
                q.iter().map(|q| q.kind).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_chain_of_partitives_does_not_recurse() {
        let text = format!("“We won,” said {}them.", "one of ".repeat(200_000));
        let q = Extractor::new().extract(&text);
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn a_run_of_capitals_does_not_become_a_giant_name() {
        let text = format!("{} “Hi,” he said.", "Abc ".repeat(5000));
        let q = Extractor::new().extract(&text);
        assert_eq!(q.len(), 1);
        assert!(q[0].speaker.len() < 100, "speaker of {} bytes", q[0].speaker.len());
    }
}
