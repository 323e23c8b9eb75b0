//! Stage 2: tokens → quotation spans.
//!
//! Input: the text and its tokens. Output: [`QuoteSpan`]s sorted by
//! `outer.start` (then longest first), marks included in `outer`; a quote
//! inside another is a separate span whose `parent` is the enclosing span's
//! index. The detector pairs marks and describes each span's *shape*; whether
//! a span is speech at all (a scare quote or a title is not) needs the
//! speaker, so the attributor makes the final call on the kind.
//!
//! Rules (cited in the code by id):
//! - D1 **Roles from shape and flanking.** A mark with a word on its right and
//!   space (or an opening bracket, dash or colon) on its left can open; the
//!   mirror image can close. Curly marks and guillemets keep the role of their
//!   shape unless the flanking clearly says otherwise (“…“ and ”…” occur);
//!   straight marks take the role the flanking gives, or, with none, the one
//!   the open quotes need.
//! - D2 **Families and mixed closers.** Double marks (“ ” " '' „) pair with
//!   each other, so “…" and "…” close; a straight double mark also closes «;
//!   singles (‘ ’ ') pair with singles, so ‘…' closes. A closer takes the
//!   innermost open quote of its family; unclosed single quotes above it are
//!   taken for apostrophes and dropped, but a single closer never closes
//!   across an open double quote (it is an apostrophe there).
//! - D3 **Apostrophes.** ’ and ' inside words are word characters (the
//!   tokenizer joins them). A single closer with no open single quote is an
//!   apostrophe (Lithuanians’, Jesus'); so is ' before a number ('90s); a
//!   plural possessive (the senators’ votes) is skipped when another single
//!   closer follows in the paragraph.
//! - D4 **Paragraphs.** A quote still open at a paragraph end continues when
//!   the next paragraph opens with a mark of its family (the news convention
//!   for a quote running over paragraphs); otherwise it ends at the paragraph
//!   end, marked unclosed, and everything opened inside it is dropped. So an
//!   unbalanced mark costs at most one paragraph, never the rest of the
//!   article.
//! - D5 **Shape.** A span is an utterance when it opens a sentence, follows a
//!   colon or a comma, or starts with a capital after a verb, and ends at a
//!   sentence end, a comma or the paragraph end; otherwise it is a fragment
//!   inside the writer's sentence. A short span whose words are all
//!   capitalised, with no sentence punctuation inside (“Voices of the
//!   Brain”, “Storm-2031”, 'Walter.') looks like a name or title.
//!
//! Cost: one pass over the tokens with per-family stacks, so each mark is
//! pushed and popped at most once: linear even for a megabyte of unbalanced
//! marks or quotes nested a thousand deep.

use crate::span::Span;
use crate::tokenizer::{Glyph, Token, TokenKind};

/// A quotation: where its marks are and what it looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuoteSpan {
    /// From the opening mark to the closing mark, both included (to the
    /// paragraph end when unclosed).
    pub outer: Span,
    /// The quoted words: `outer` without the outer marks.
    pub inner: Span,
    /// Token index of the opening mark.
    pub open_tok: usize,
    /// Token index of the closing mark; `None` when unclosed (D4).
    pub close_tok: Option<usize>,
    /// Index (in the detector's output) of the quote this one lies in.
    pub parent: Option<usize>,
    /// 0 for a top-level quote, 1 inside one quote, and so on.
    pub depth: u32,
    /// Number of paragraphs the quote runs over (D4).
    pub paragraphs: u32,
    /// Double (“ ” " '' „ « ») or single (‘ ’ ' ‹ ›) marks.
    pub single: bool,
    /// What the span looks like (D5).
    pub shape: Shape,
}

/// What a quoted span looks like from its own words and position (D5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A whole quoted utterance.
    Utterance,
    /// A fragment inside the writer's sentence.
    Fragment,
    /// Looks like a name or a title, not speech.
    Name,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Guillemet,
    SingleGuillemet,
    Single,
}

impl Family {
    fn of(g: Glyph) -> Family {
        match g {
            Glyph::DoubleOpen | Glyph::DoubleClose | Glyph::DoubleStraight => Family::Double,
            Glyph::GuillemetOpen | Glyph::GuillemetClose => Family::Guillemet,
            Glyph::SingleGuillemetOpen | Glyph::SingleGuillemetClose => Family::SingleGuillemet,
            Glyph::SingleOpen | Glyph::SingleClose | Glyph::SingleStraight => Family::Single,
        }
    }
    fn idx(self) -> usize {
        self as usize
    }
    fn is_single(self) -> bool {
        matches!(self, Family::Single | Family::SingleGuillemet)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    /// Either: decided by the open quotes (straight marks with no flanking).
    Either,
    /// Neither (an apostrophe or a stray mark).
    None,
}

/// An open quote on the stack.
#[derive(Clone, Copy, Debug)]
struct Open {
    tok: usize,
    family: Family,
    paragraphs: u32,
}

/// Finds the quotation spans of `text` (see the module docs).
pub fn detect(text: &str, tokens: &[Token]) -> Vec<QuoteSpan> {
    let acting = tokens.iter().enumerate().filter(|(_, t)| acts(t)).map(|(k, _)| k);
    detect_at(text, tokens, acting)
}

/// [`detect`] given the indices of the break and mark tokens of `tokens`,
/// in order, as [`tokenize_marking_into`](crate::tokenizer::tokenize_marking_into)
/// records them: only those tokens act, and finding them among the words
/// was most of the pass's own work.
pub(crate) fn detect_acting(text: &str, tokens: &[Token], acting: &[usize]) -> Vec<QuoteSpan> {
    debug_assert!(acting.iter().all(|&k| acts(&tokens[k])));
    detect_at(text, tokens, acting.iter().copied())
}

/// True for the tokens [`detect`] acts on: breaks and marks.
fn acts(t: &Token) -> bool {
    matches!(t.kind, TokenKind::Break { .. } | TokenKind::Mark(_))
}

/// [`detect`] over the acting tokens `acting` (indices, ascending).
fn detect_at(text: &str, tokens: &[Token], acting: impl Iterator<Item = usize>) -> Vec<QuoteSpan> {
    // a span takes two marks: sized once for as many as the marks allow
    // (breaks included), not grown and copied several times over
    let mut out: Vec<QuoteSpan> = Vec::with_capacity(acting.size_hint().0 / 2);
    let mut stack: Vec<Open> = Vec::new();
    // per-family stacks of indices into `stack` (D2: innermost of a family in O(1))
    let mut fam: [Vec<usize>; 4] = Default::default();
    // D3's later closers, computed the first time a quote asks (most
    // documents never do: a pass over every token saved)
    let mut next_single_close: Option<Vec<u32>> = None;
    // token index of a mark that re-opens a continuing quote (D4)
    let mut reopen: Option<usize> = None;
    let mut para_end = 0usize; // byte end of the last word-ish token in this paragraph

    let pop_to = |stack: &mut Vec<Open>, fam: &mut [Vec<usize>; 4], len: usize| {
        while stack.len() > len {
            let o = stack.pop().expect("len checked");
            fam[o.family.idx()].pop();
        }
    };

    // only breaks and marks act; every other token only moves `para_end`
    // to its end, which is therefore the end of the last token before the
    // next break or mark that is no break itself: worked out there, not
    // stored for each of the words in between
    let last_end = |k: usize, para_end: usize| match k.checked_sub(1).map(|j| tokens[j]) {
        Some(t) if !matches!(t.kind, TokenKind::Break { .. }) => t.span.end,
        _ => para_end,
    };
    for k in acting {
        para_end = last_end(k, para_end);
        let tok = &tokens[k];
        match tok.kind {
            TokenKind::Break { .. } => {
                end_paragraph(text, tokens, k, para_end, &mut stack, &mut fam, &mut out, &mut reopen);
                continue;
            }
            TokenKind::Mark(g) => {
                if reopen == Some(k) {
                    reopen = None;
                    para_end = tok.span.end;
                    continue;
                }
                para_end = tok.span.end;
                let family = Family::of(g);
                let role = role_of(text, tokens, k, g);
                // D2: candidates to close, innermost first
                let target = match role {
                    Role::Open | Role::None => None,
                    Role::Close | Role::Either => {
                        closing_target(text, tokens, k, g, family, &stack, &fam, &mut next_single_close)
                    }
                };
                if let Some(pos) = target {
                    let o = stack[pos];
                    pop_to(&mut stack, &mut fam, pos);
                    let open = tokens[o.tok].span;
                    out.push(QuoteSpan {
                        outer: Span::new(open.start, tok.span.end),
                        inner: Span::new(open.end, tok.span.start),
                        open_tok: o.tok,
                        close_tok: Some(k),
                        parent: None,
                        depth: 0,
                        paragraphs: o.paragraphs,
                        single: o.family.is_single(),
                        shape: Shape::Fragment,
                    });
                } else if role == Role::Open || (role == Role::Either && can_open_either(text, tokens, k)) {
                    if family.is_single() && elision(text, tok.span.end) {
                        continue; // D3: '90s
                    }
                    fam[family.idx()].push(stack.len());
                    stack.push(Open { tok: k, family, paragraphs: 1 });
                }
            }
            _ => unreachable!("only breaks and marks act"),
        }
    }
    para_end = last_end(tokens.len(), para_end);
    end_paragraph(text, tokens, tokens.len(), para_end, &mut stack, &mut fam, &mut out, &mut reopen);

    out.sort_by(|a, b| a.outer.start.cmp(&b.outer.start).then(b.outer.end.cmp(&a.outer.end)));
    // nesting: a sweep with a stack of enclosing spans
    let mut enclosing: Vec<usize> = Vec::new();
    for i in 0..out.len() {
        while let Some(&p) = enclosing.last() {
            if out[p].outer.contains(out[i].outer) {
                break;
            }
            enclosing.pop();
        }
        out[i].parent = enclosing.last().copied();
        out[i].depth = enclosing.len() as u32;
        enclosing.push(i);
    }
    let shapes: Vec<Shape> = out.iter().map(|q| shape(text, tokens, q)).collect();
    for (q, s) in out.iter_mut().zip(shapes) {
        q.shape = s;
    }
    out
}

/// D4: the paragraph ending at token `k` (a break, or the end) closes or
/// continues what is still open.
#[allow(clippy::too_many_arguments)]
fn end_paragraph(
    text: &str,
    tokens: &[Token],
    k: usize,
    para_end: usize,
    stack: &mut Vec<Open>,
    fam: &mut [Vec<usize>; 4],
    out: &mut Vec<QuoteSpan>,
    reopen: &mut Option<usize>,
) {
    if stack.is_empty() {
        return;
    }
    let outer = stack[0];
    // continuation: the next paragraph starts with an opening mark of the family
    if let Some(next) = tokens.get(k + 1) {
        if let TokenKind::Mark(g) = next.kind {
            let f = Family::of(g);
            let same = f == outer.family || (outer.family == Family::Guillemet && f == Family::Double);
            if same && role_of(text, tokens, k + 1, g) != Role::Close {
                *reopen = Some(k + 1);
                stack.truncate(1);
                for f in fam.iter_mut() {
                    f.clear();
                }
                fam[outer.family.idx()].push(0);
                stack[0].paragraphs += 1;
                return;
            }
        }
    }
    // unclosed: the outermost quote ends with its paragraph, the rest is dropped
    let open = tokens[outer.tok].span;
    if para_end > open.end {
        out.push(QuoteSpan {
            outer: Span::new(open.start, para_end),
            inner: Span::new(open.end, para_end),
            open_tok: outer.tok,
            close_tok: None,
            parent: None,
            depth: 0,
            paragraphs: outer.paragraphs,
            single: outer.family.is_single(),
            shape: Shape::Fragment,
        });
    }
    stack.clear();
    for f in fam.iter_mut() {
        f.clear();
    }
}

#[inline]
fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

#[inline]
fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Characters after which a mark still counts as opening: `(“`, `—"`, `:"`.
fn opens_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '\u{a0}') || is_mark_char(c)
}

/// Characters before which a mark still counts as closing: `”.`, `",`.
fn closes_before(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '—' | '–' | '-' | '…' | '/')
        || is_mark_char(c)
}

fn is_mark_char(c: char) -> bool {
    matches!(c, '“' | '”' | '"' | '„' | '‟' | '«' | '»' | '‹' | '›' | '‘' | '’' | '\'' | '‚' | '‛' | '`')
}

/// D1: the role a mark's shape and neighbours give it.
fn role_of(text: &str, tokens: &[Token], k: usize, g: Glyph) -> Role {
    let span = tokens[k].span;
    let before = prev_char(text, span.start);
    let after = next_char(text, span.end);
    let space_before = before.is_none_or(|c| c.is_whitespace());
    let space_after = after.is_none_or(|c| c.is_whitespace());
    // left-flanking: something follows, and what precedes allows opening
    let can_open = !space_after && before.is_none_or(opens_after);
    let can_close = !space_before && after.is_none_or(closes_before);
    match g {
        Glyph::DoubleOpen | Glyph::GuillemetOpen | Glyph::SingleGuillemetOpen => {
            if can_close && !can_open && !space_before {
                Role::Close
            } else {
                Role::Open
            }
        }
        Glyph::GuillemetClose | Glyph::SingleGuillemetClose => {
            // French spacing (« Bonjour ») looks like an opener: close if one is open
            if can_open && !can_close && space_before {
                Role::Either
            } else {
                Role::Close
            }
        }
        Glyph::DoubleClose => {
            if can_open && !can_close && space_before {
                Role::Open
            } else {
                Role::Close
            }
        }
        Glyph::SingleOpen => {
            if can_close && !can_open {
                Role::Close
            } else {
                Role::Open
            }
        }
        Glyph::DoubleStraight => match (can_open, can_close) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::Either,
        },
        Glyph::SingleClose => {
            if can_open && !can_close && space_before {
                Role::Open
            } else if can_close {
                Role::Close
            } else {
                Role::None
            }
        }
        Glyph::SingleStraight => match (can_open, can_close) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::None,
        },
    }
}

/// An ambiguous straight mark opens only where an opening makes sense: not
/// right after a word.
fn can_open_either(text: &str, tokens: &[Token], k: usize) -> bool {
    let span = tokens[k].span;
    let after = next_char(text, span.end);
    after.is_some_and(|c| !c.is_whitespace())
}

/// D3: ' before a two-digit number ('90s, '16) is an elision.
fn elision(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    i + 1 < b.len()
        && b[i].is_ascii_digit()
        && b[i + 1].is_ascii_digit()
        && (i + 2 >= b.len() || !b[i + 2].is_ascii_digit() || b[i + 2] == b's')
}

/// D2: which open quote (index into `stack`) the closing mark `k` closes.
#[allow(clippy::too_many_arguments)]
fn closing_target(
    text: &str,
    tokens: &[Token],
    k: usize,
    g: Glyph,
    family: Family,
    stack: &[Open],
    fam: &[Vec<usize>; 4],
    next_single_close: &mut Option<Vec<u32>>,
) -> Option<usize> {
    let top = |f: Family| fam[f.idx()].last().copied();
    match family {
        Family::Double => {
            // a straight or curly double closes “ or «, whichever is innermost
            let d = top(Family::Double);
            let gu = if g == Glyph::DoubleStraight || g == Glyph::DoubleClose { top(Family::Guillemet) } else { None };
            let t = match (d, gu) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            }?;
            Some(t)
        }
        Family::Guillemet => top(Family::Guillemet).or_else(|| {
            // »…» and »…« styles: a guillemet closes a straight-opened quote too
            top(Family::Double).filter(|_| g == Glyph::GuillemetClose)
        }),
        Family::SingleGuillemet => top(Family::SingleGuillemet),
        Family::Single => {
            let t = top(Family::Single)?;
            // never across an open double quote: then it is an apostrophe
            if stack[t + 1..].iter().any(|o| !o.family.is_single()) {
                return None;
            }
            // D3: plural possessive with a later closer in the paragraph
            let span = tokens[k].span;
            let before = prev_char(text, span.start);
            let after_word = text[span.end..].trim_start_matches([' ', '\u{a0}']).chars().next();
            if before.is_some_and(|c| c == 's' || c == 'S')
                && after_word.is_some_and(|c| c.is_lowercase())
                && next_single_close.get_or_insert_with(|| next_single_closers(text, tokens))[k] != u32::MAX
            {
                return None;
            }
            Some(t)
        }
    }
}

/// For each token, the index of the next single-quote closer candidate in the
/// same paragraph (`u32::MAX` when none); computed backwards in one pass.
fn next_single_closers(text: &str, tokens: &[Token]) -> Vec<u32> {
    let mut out = vec![u32::MAX; tokens.len()];
    let mut next = u32::MAX;
    for k in (0..tokens.len()).rev() {
        out[k] = next;
        match tokens[k].kind {
            TokenKind::Break { .. } => next = u32::MAX,
            TokenKind::Mark(g @ (Glyph::SingleClose | Glyph::SingleStraight))
                if role_of(text, tokens, k, g) == Role::Close =>
            {
                next = k as u32;
            }
            _ => {}
        }
    }
    out
}

/// D5: utterance, fragment or name.
fn shape(text: &str, tokens: &[Token], q: &QuoteSpan) -> Shape {
    let inner = text[q.inner].trim();
    if looks_like_name(inner) || after_naming_word(text, tokens, q) && looks_like_title(inner) {
        return Shape::Name;
    }
    let first = inner.chars().find(|c| c.is_alphanumeric());
    let starts_upper =
        first.is_some_and(|c| c.is_uppercase() || c.is_numeric()) || inner.starts_with('…') || inner.starts_with("...");
    // what precedes the opening mark, skipping markup
    let mut k = q.open_tok;
    let prev = loop {
        if k == 0 {
            break None;
        }
        k -= 1;
        if !matches!(tokens[k].kind, TokenKind::Markup) {
            break Some(tokens[k]);
        }
    };
    let opens_sentence = match prev {
        None => true,
        Some(t) => match t.kind {
            TokenKind::Break { .. } | TokenKind::Terminal => true,
            TokenKind::Mark(_) => true,
            TokenKind::Punct => matches!(&text[t.span], ":" | "," | ";" | "—" | "–" | "(" | "-"),
            _ => false,
        },
    };
    if opens_sentence && starts_upper {
        return Shape::Utterance;
    }
    // "said "We will win."": a capitalised quote after a verb-like word that ends a sentence
    if starts_upper && ends_sentence(inner) && matches!(prev.map(|t| t.kind), Some(TokenKind::Word)) {
        return Shape::Utterance;
    }
    Shape::Fragment
}

fn ends_sentence(inner: &str) -> bool {
    inner.trim_end_matches(|c: char| is_mark_char(c) || c.is_whitespace()).ends_with(['.', '!', '?', '…'])
}

/// "a memo titled “The Facts on Where the Race Stands.”": a naming word
/// right before the opening mark; so is a kind of work, before the title
/// or before a comma and the title ("the cable movie “…”", "his new book,
/// “…,”"); and a title names the work of someone named after it ("the
/// “Night Harbor” star", "“Into the Night” author Lind").
fn after_naming_word(text: &str, tokens: &[Token], q: &QuoteSpan) -> bool {
    // every quote asks about the words around it: each is lower-cased
    // once and matched by a `match` on its bytes (a jump on the length,
    // then a compare), not compared with a list word by word
    let is_work = |w: &[u8]| {
        matches!(
            w,
            b"book"
                | b"novel"
                | b"memoir"
                | b"movie"
                | b"film"
                | b"documentary"
                | b"podcast"
                | b"show"
                | b"series"
                | b"episode"
                | b"song"
                | b"album"
                | b"play"
                | b"musical"
                | b"poem"
        )
    };
    let mut buf = [0u8; 12];
    let Some(prev) = q.open_tok.checked_sub(1) else { return false };
    let w = lower_word(text, tokens[prev], &mut buf);
    let naming = matches!(
        w,
        b"titled"
            | b"entitled"
            | b"headlined"
            | b"dubbed"
            | b"named"
            | b"nicknamed"
            | b"called"
            | b"slogan"
            | b"hashtag"
    );
    if naming || is_work(w) {
        return true;
    }
    if prev > 0 && &text[tokens[prev].span] == "," && is_work(lower_word(text, tokens[prev - 1], &mut buf)) {
        return true;
    }
    q.close_tok.and_then(|c| c.checked_add(1)).is_some_and(|n| {
        n < tokens.len()
            && matches!(
                lower_word(text, tokens[n], &mut buf),
                b"star"
                    | b"stars"
                    | b"actor"
                    | b"actress"
                    | b"author"
                    | b"singer"
                    | b"creator"
                    | b"director"
                    | b"producer"
            )
    })
}

/// A word token ASCII-lower-cased into `buf`, for [`after_naming_word`]'s
/// lists; empty for any other token and for a word longer than `buf` (all
/// listed words are shorter). Bytes outside ASCII stay as they are, so a
/// word holding one matches no listed word, as with `eq_ignore_ascii_case`.
fn lower_word<'b>(text: &str, t: Token, buf: &'b mut [u8; 12]) -> &'b [u8] {
    let w = text[t.span].as_bytes();
    if !matches!(t.kind, TokenKind::Word) || w.len() > buf.len() {
        return &[];
    }
    let out = &mut buf[..w.len()];
    for (d, s) in out.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    out
}

/// A title of up to twelve words in title case ("The Facts on Where the
/// Race Stands.").
fn looks_like_title(inner: &str) -> bool {
    let body = inner.trim_end_matches(['.', ',', '!', '?']);
    let words: Vec<&str> = body.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 12
        && words.iter().filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_numeric())).count() * 3
            >= words.len() * 2
}

/// D5: a short span of capitalised words with no sentence punctuation inside:
/// a name or title ("Voices of the River", "Storm-2031", "Walter.").
pub fn looks_like_name(inner: &str) -> bool {
    // (trimmed as bytes: every trimmed character is ASCII, and the last
    // byte of any other is not)
    let kept = inner.as_bytes().iter().rposition(|b| !matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?' | b' '));
    let body = &inner[..kept.map_or(0, |k| k + 1)];
    if body.is_empty() || body.len() > 60 {
        return false;
    }
    // the first word must be capitalised (see below): asked first, as it
    // turns most fragments away before the byte scan
    if !body.trim_start().starts_with(|c: char| c.is_uppercase() || c.is_numeric()) {
        return false;
    }
    // a dotted abbreviation inside a name is fine; sentence punctuation is
    // not (read as bytes: — “ ” are E2 80 94, 9C, 9D in UTF-8, and a char
    // pattern decodes and compares every character)
    let b = body.as_bytes();
    let punct = b.iter().enumerate().any(|(i, &c)| {
        matches!(c, b',' | b';' | b':' | b'!' | b'?' | b'"')
            || c == 0xE2 && matches!(b.get(i + 1..i + 3), Some([0x80, 0x94 | 0x9C | 0x9D]))
    });
    if punct {
        return false;
    }
    // at most six words, in an array (no vector per quote)
    let mut all = [""; 6];
    let mut n = 0;
    for w in body.split_whitespace() {
        if n == all.len() {
            return false;
        }
        all[n] = w;
        n += 1;
    }
    let words = &all[..n];
    if words.is_empty() {
        return false;
    }
    let small = [
        "of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "with", "&", "de", "la", "le", "von",
        "van", "or",
    ];
    // an ASCII word compares without a lower-cased copy
    let is_small = |w: &str| {
        if w.is_ascii() {
            small.iter().any(|s| s.eq_ignore_ascii_case(w))
        } else {
            small.contains(&w.to_lowercase().as_str())
        }
    };
    let mut capitals = 0;
    for (i, w) in words.iter().enumerate() {
        let c = w.chars().next().unwrap_or(' ');
        if c.is_uppercase() || c.is_numeric() {
            capitals += 1;
        } else if i == 0 || !is_small(w) {
            return false;
        }
    }
    // a single capitalised word that is a common sentence opener is speech-like
    if words.len() == 1 {
        let w = words[0].to_lowercase();
        if ["yes", "no", "never", "okay", "ok", "thanks", "wow", "why", "what", "hello", "goodbye"]
            .contains(&w.as_str())
        {
            return false;
        }
    }
    capitals >= 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::tokenize;

    fn spans(text: &str) -> Vec<&str> {
        detect(text, &tokenize(text)).iter().map(|q| &text[q.outer]).collect()
    }

    #[test]
    fn name_shaped_spans() {
        for yes in ["Harbor Lights", "U.S. Policy Review", "Voices of the River", "Storm-2031", "Tide.", "AND of Él"] {
            assert!(looks_like_name(yes), "{yes:?}");
        }
        for no in [
            "Harbor — Lights",
            "Harbor, Lights",
            "Harbor “Lights”",
            "Harbor \"Lights\"",
            "Harbor: Lights",
            "Harbor! Lights",
            "One Two Three Four Five Six Seven",
            "of Harbor Lights",
            "Harbor lights",
            "Yes",
            "",
        ] {
            assert!(!looks_like_name(no), "{no:?}");
        }
    }

    #[test]
    fn pairing_cases() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("straight", r#"He said "yes." Then left."#, &[r#""yes.""#]),
            ("curly", "She said “no.”", &["“no.”"]),
            ("guillemets", "«Not one,» he said.", &["«Not one,»"]),
            ("french_spacing", "« Bonjour », dit-il.", &["« Bonjour »"]),
            ("german", "Er sagte: „Ja.“", &["„Ja.“"]),
            ("nyt_doubled", "''Oskar put Ivo down,'' said Ms. Pellin.", &["''Oskar put Ivo down,''"]),
            ("apostrophes", "It’s Halvik’s view and the Lithuanians’ border in the '90s.", &[]),
            (
                "nested",
                "“He said: ‘Wait, wait—don’t forget,’” Halvik explained.",
                &["“He said: ‘Wait, wait—don’t forget,’”", "‘Wait, wait—don’t forget,’"],
            ),
            (
                "mixed_single_closer",
                "“The president said, ‘Do it immediately,'” Halvik stated.",
                &["“The president said, ‘Do it immediately,'”", "‘Do it immediately,'"],
            ),
            ("curly_open_straight_close", "He said “fine\" and left.", &["“fine\""]),
            ("guillemet_straight_close", "He said «fine\" and left.", &["«fine\""]),
            (
                "straight_single_nested",
                r#""He signed it 'Walter.' That's rare," Haile said."#,
                &[r#""He signed it 'Walter.' That's rare,""#, "'Walter.'"],
            ),
            ("possessive_inside_single", "‘the senators’ votes matter,’ she said.", &["‘the senators’ votes matter,’"]),
            ("single_top_level", "Varenko Suggests 'Global Deal'\n\nNext.", &["'Global Deal'"]),
            ("open_then_double_open_as_closer", "He called it “big deal“ today.", &["“big deal“"]),
        ];
        for &(name, text, want) in cases {
            assert_eq!(spans(text), want, "case {name}");
        }
    }

    #[test]
    fn quote_over_paragraphs_is_one_span() {
        let text = "She said:\n\n“First part.\n\n“Second part.”\n\nAfter.";
        let got = detect(text, &tokenize(text));
        assert_eq!(got.len(), 1);
        assert_eq!(&text[got[0].outer], "“First part.\n\n“Second part.”");
        assert_eq!(got[0].paragraphs, 2);
    }

    #[test]
    fn unbalanced_mark_costs_one_paragraph() {
        let text = "He said “this never closes.\n\nNext paragraph with “a quote” here.";
        let got = spans(text);
        assert_eq!(got, ["“this never closes.", "“a quote”"]);
        let q = detect(text, &tokenize(text));
        assert_eq!(q[0].close_tok, None);
    }

    #[test]
    fn nesting_depth_and_parent() {
        let text = "“a ‘b “c” d’ e”";
        let q = detect(text, &tokenize(text));
        assert_eq!(q.len(), 3);
        assert_eq!((q[0].depth, q[1].depth, q[2].depth), (0, 1, 2));
        assert_eq!((q[1].parent, q[2].parent), (Some(0), Some(1)));
    }

    #[test]
    fn shapes() {
        let cases: &[(&str, Shape)] = &[
            ("“This is a matter of the near future.” He left.", Shape::Utterance),
            ("He said: “We will.”", Shape::Utterance),
            ("The envoy described the talks as \"very productive\" and left.", Shape::Fragment),
            ("the channel \"Voices of the River\" – Igor", Shape::Name),
            ("exercises, “Storm-2031,” highlighting", Shape::Name),
            ("calling the gift “interesting.”", Shape::Fragment),
            ("a memo titled \"The Facts on Where the Race Stands.\" was sent", Shape::Name),
            // a kind of work before its title, or a maker of it after
            ("acted in the cable movie “Shark Storm 3: Oh Hell No!” last year", Shape::Name),
            ("inspecting his new book, \"Broken Harbor: How to Fix It Again,\" for clues", Shape::Name),
            ("the “Night Harbor” star posted", Shape::Name),
            // …but not a sentence said after such a word
            ("he said on the show, “We will not stop until this is done,” and left", Shape::Utterance),
        ];
        for &(text, want) in cases {
            let q = detect(text, &tokenize(text));
            assert_eq!(q[0].shape, want, "{text}");
        }
    }

    #[test]
    fn many_unbalanced_marks_stay_linear_and_bounded() {
        let text = "“".repeat(20_000) + &"’".repeat(20_000) + "\n" + &"\"".repeat(20_001);
        let q = detect(&text, &tokenize(&text));
        assert!(q.len() <= 20_001);
    }
}
