//! Stage 1: text → tokens with byte spans.
//!
//! Input: the document text as read. Output: a `Vec<Token>` in text order;
//! whitespace other than line breaks is not a token (the gap between two
//! tokens is whitespace). Invariants: spans are non-empty, ascending, do not
//! overlap and lie on character boundaries.
//!
//! What the tokenizer decides, and what it leaves for later:
//! - **Words** (T1) are runs of letters, digits and combining marks in any
//!   script (Varnėla, Karelskaya, 2025), joined across an apostrophe
//!   between letters (don’t, Varnėla's), a hyphen between word characters
//!   (Storm-2031), a comma or point between digits (1,400; 3.5) and the points
//!   of a dotted abbreviation (U.S., D.C.).
//! - **Quotation marks** (T2) are every character that can open or close a
//!   quotation: “ ” " „ ‟ « » ‹ › ‘ ’ ' ‚ ‛ and the doubled apostrophe `''`
//!   of NYT archives. Whether one is an apostrophe (Lithuanians’, '90s) is the
//!   detector's call: it needs the pairing to know.
//! - **Sentence ends** (T3): `.` `!` `?` `…` become [`TokenKind::Terminal`]
//!   unless the word before is an abbreviation (Mr., Sen., Sept., Jr.), an
//!   initial (Walter J. Gravlund) or the point is inside a number. Whether a
//!   terminal really ends the writer's sentence depends on quotes and on the
//!   next word, which the attributor sees.
//! - **Markup** (T4): markdown and web leftovers (`[called on](#)` link
//!   syntax, `**`, `<https://…>`, bare URLs, HTML tags with their
//!   attributes) are [`TokenKind::Markup`], so
//!   the later stages read through to the visible words.
//! - **Line breaks** (T5) are [`TokenKind::Break`]: a newline ends a
//!   paragraph (news dumps keep one paragraph per line); runs of blank lines
//!   form one token.

use crate::span::Span;

/// One token: what it is and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What kind of token.
    pub kind: TokenKind,
    /// Where it is (bytes).
    pub span: Span,
}

/// Token classes.
///
/// In hot code, test a kind with `matches!(kind, TokenKind::Word)`, not
/// `kind == TokenKind::Word`: the derived `==` works out both sides'
/// variants (stored in the niche of [`Glyph`]) and compares the payloads,
/// several times the single byte compare of `matches!`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, digits and marks, with inner apostrophes, hyphens and points.
    Word,
    /// A punctuation character that is not a sentence end or a quote mark.
    Punct,
    /// `.` `!` `?` `…` (or a run of them) that may end a sentence (T3).
    Terminal,
    /// A quotation mark candidate (T2).
    Mark(Glyph),
    /// Markdown or web syntax with no words of its own (T4).
    Markup,
    /// One or more line breaks (T5); `blank` when an empty line is among them.
    Break {
        /// True when the break holds an empty line.
        blank: bool,
    },
}

/// The quotation-mark characters, by the role their shape suggests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Glyph {
    /// “ „ ‟ — shaped to open a double quote.
    DoubleOpen,
    /// ” — shaped to close a double quote.
    DoubleClose,
    /// " or `''` — either role.
    DoubleStraight,
    /// « — opens (closes in Danish/German »…« style, by flanking).
    GuillemetOpen,
    /// » — closes (or opens, by flanking).
    GuillemetClose,
    /// ‹ — single guillemet opening.
    SingleGuillemetOpen,
    /// › — single guillemet closing.
    SingleGuillemetClose,
    /// ‘ ‚ ‛ — shaped to open a single quote.
    SingleOpen,
    /// ’ — closes a single quote, or is an apostrophe.
    SingleClose,
    /// ' or ` — either role, or an apostrophe.
    SingleStraight,
}

impl Glyph {
    /// True for the single-quote family (which apostrophes share).
    pub fn is_single(self) -> bool {
        matches!(
            self,
            Glyph::SingleOpen
                | Glyph::SingleClose
                | Glyph::SingleStraight
                | Glyph::SingleGuillemetOpen
                | Glyph::SingleGuillemetClose
        )
    }
}

/// Abbreviations whose point does not end a sentence (T3). Titles, months,
/// and common news abbreviations; single letters are handled as initials.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs", "gen", "lt", "col", "capt", "cmdr",
    "sgt", "adm", "maj", "rev", "st", "jr", "sr", "hon", "pres", "supt", "atty", "insp", "messrs", "mmes", "fr", "sec",
    "amb", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "no", "nos", "vs", "v", "etc", "inc", "corp", "co", "ltd",
    "llc", "dept", "univ", "assn", "bros", "ft", "mt", "ave", "blvd", "rd", "approx", "est", "fig", "vol", "ed", "eds",
    "ph", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md", "mass",
    "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis",
    "wyo",
];

const _: () = assert!(ABBREVIATIONS.len() < 128, "is_abbreviation searches 128 slots");

/// Classes of the bytes the tokenizer's main loop tells apart at once.
const OTHER: u8 = 0;
/// ASCII letters and digits.
const ALNUM: u8 = 1;
/// Space and tab.
const SPACE: u8 = 2;
/// `\n` and `\r`.
const NEWLINE: u8 = 3;

/// The class of every byte (non-ASCII bytes are `OTHER`: decoded).
static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if c == b' ' || c == b'\t' {
            SPACE
        } else if c == b'\n' || c == b'\r' {
            NEWLINE
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// True when `word` (without its point) is a known abbreviation or an
/// initial.
pub fn is_abbreviation(word: &str) -> bool {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    // dotted forms (U.S., a.m.) keep their inner points
    if word.len() > 6 {
        return contains_point(word.as_bytes());
    }
    // every sentence end asks: the word is read as one integer, tested for
    // a point and lower-cased eight bytes at once, and looked up by a
    // binary search over the listed words packed the same way
    // (128 slots, the list's end filled with a key no word packs to, so
    // the search is seven halvings with no branch on the data)
    static SORTED: std::sync::LazyLock<[u64; 128]> = std::sync::LazyLock::new(|| {
        let mut v = [u64::MAX; 128];
        for (slot, w) in v.iter_mut().zip(ABBREVIATIONS) {
            *slot = abbreviation_key(w.as_bytes(), packed(w.as_bytes()));
        }
        v.sort_unstable();
        v
    });
    let x = packed(word.as_bytes());
    if has_point(x) {
        return true;
    }
    let key = abbreviation_key(word.as_bytes(), x);
    let sorted = &*SORTED;
    let mut base = 0;
    for half in [64, 32, 16, 8, 4, 2, 1] {
        if sorted[base + half - 1] < key {
            base += half;
        }
    }
    sorted[base] == key
}

/// A word of at most 6 bytes as one integer, its first byte lowest: read
/// as two overlapping halves (the same bytes where they overlap), not
/// copied into a buffer (a call to `memcpy` for a few bytes).
fn packed(word: &[u8]) -> u64 {
    let n = word.len();
    debug_assert!(n <= 6);
    let (lo, hi, half) = if n >= 4 {
        let four = |b: &[u8]| u64::from(u32::from_le_bytes(b.try_into().expect("four bytes")));
        (four(&word[..4]), four(&word[n - 4..]), 4)
    } else if n >= 2 {
        let two = |b: &[u8]| u64::from(u16::from_le_bytes(b.try_into().expect("two bytes")));
        (two(&word[..2]), two(&word[n - 2..]), 2)
    } else {
        return word.first().map_or(0, |&b| u64::from(b));
    };
    lo | hi << (8 * (n - half))
}

/// The key of a word of at most 6 bytes (`x`, its [`packed`] integer) in
/// the abbreviation table: ASCII-lower-cased, its length in the top byte
/// (so "a" and "a\0" differ).
fn abbreviation_key(word: &[u8], x: u64) -> u64 {
    crate::lexicon::lower8(x) | (word.len() as u64) << 56
}

/// True when `bytes` holds a `.`, tested eight bytes at a time with
/// [`has_point`] (`contains` went byte by byte through the long words
/// before a sentence end).
fn contains_point(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    let found = chunks.any(|c| has_point(u64::from_le_bytes(c.try_into().expect("eight bytes"))));
    found || chunks.remainder().contains(&b'.')
}

const ONES: u64 = 0x0101_0101_0101_0101;
const TOP: u64 = 0x80 * ONES;

/// True when a byte of `x` is `.`: a byte equal to it xors to zero, and
/// only a zero byte keeps its top bit clear through adding 0x7F to its
/// low seven bits and or-ing itself in (no sum carries into the next byte).
fn has_point(x: u64) -> bool {
    let t = x ^ (b'.' as u64 * ONES);
    !(((t & !TOP) + !TOP) | t) & TOP != 0
}

/// True for characters that make up words: letters, digits and combining
/// marks in any script.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // General Punctuation (’ “ ” — … and the odd spaces), which news text
    // is full of, holds no letter, digit or combining mark: no need for
    // the Unicode tables' slow search
    if matches!(c as u32, 0x2000..=0x206F) {
        return false;
    }
    c.is_alphanumeric() || is_combining(c)
}

#[inline]
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The glyph of a single-character quotation mark.
#[inline]
fn glyph_of(c: char) -> Option<Glyph> {
    Some(match c {
        '“' | '„' | '‟' => Glyph::DoubleOpen,
        '”' => Glyph::DoubleClose,
        '"' | '＂' => Glyph::DoubleStraight,
        '«' => Glyph::GuillemetOpen,
        '»' => Glyph::GuillemetClose,
        '‹' => Glyph::SingleGuillemetOpen,
        '›' => Glyph::SingleGuillemetClose,
        '‘' | '‚' | '‛' => Glyph::SingleOpen,
        '’' => Glyph::SingleClose,
        '\'' | '`' => Glyph::SingleStraight,
        _ => return None,
    })
}

/// Splits `text` into tokens (see the module docs for the rules).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 4);
    tokenize_into(text, &mut toks);
    toks
}

/// [`tokenize`] into a buffer the caller reuses (cleared first).
pub fn tokenize_into(text: &str, toks: &mut Vec<Token>) {
    tokenize_marking_into(text, toks, &mut Vec::new());
}

/// [`tokenize_into`], and the indices of the break and mark tokens, in
/// order, into `acting` (cleared first): the tokens the detector acts on
/// (see [`detect_acting`](crate::detector::detect_acting)), noted here where
/// they are made, so that the detector need not look for them among the
/// words.
pub(crate) fn tokenize_marking_into(text: &str, toks: &mut Vec<Token>, acting: &mut Vec<usize>) {
    toks.clear();
    acting.clear();
    toks.reserve(text.len() / 5 + 4);
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        // ASCII fast paths, by a byte-class table
        let class = CLASS[b as usize];
        if class == SPACE {
            i += 1;
            continue;
        }
        if class == ALNUM {
            // a run of words each followed by one space, the bulk of any
            // text, stays in this loop: the space is stepped over here and
            // the next word tested as the main loop would, without its
            // other tests
            loop {
                let run = alnum_run(&bytes[i..]);
                let end = i + run;
                // a word its space ends joins nothing: no joiner test, and
                // the space is known
                if bytes.get(end) == Some(&b' ') {
                    toks.push(Token { kind: TokenKind::Word, span: Span::new(i, end) });
                    i = end;
                } else {
                    // a web address starts with letters up to the `:` of
                    // http:// or the `.` of www.: only a word stopped there
                    // is looked at (not every word that starts with h or w;
                    // the length of www, http or https tested first keeps
                    // the compiler from testing `:` and `.` before the space)
                    if (3..=5).contains(&run)
                        && matches!(bytes.get(end), Some(b':' | b'.'))
                        && url_at(bytes, i, bytes[i])
                    {
                        let end = scan_until_space(text, i);
                        toks.push(Token { kind: TokenKind::Markup, span: Span::new(i, end) });
                        i = end;
                        break;
                    }
                    let end = word_end(text, i, run);
                    toks.push(Token { kind: TokenKind::Word, span: Span::new(i, end) });
                    i = end;
                    // a comma after a word, the commonest punctuation, is
                    // pushed here too: the main loop takes some forty
                    // instructions to find that it is nothing else
                    if bytes.get(i) == Some(&b',') {
                        toks.push(Token { kind: TokenKind::Punct, span: Span::new(i, i + 1) });
                        i += 1;
                    }
                    if bytes.get(i) != Some(&b' ') {
                        break;
                    }
                }
                i += 1;
                match bytes.get(i) {
                    Some(&b) if CLASS[b as usize] == ALNUM => {}
                    _ => break,
                }
            }
            continue;
        }
        if class == NEWLINE {
            let start = i;
            let mut lines = 0;
            let mut j = i;
            let mut end = i;
            while j < n {
                match bytes[j] {
                    b'\n' => {
                        lines += 1;
                        j += 1;
                        end = j;
                    }
                    b'\r' => {
                        if j + 1 < n && bytes[j + 1] == b'\n' {
                            j += 2;
                        } else {
                            j += 1;
                        }
                        lines += 1;
                        end = j;
                    }
                    b' ' | b'\t' => j += 1,
                    _ => {
                        // non-breaking and other Unicode spaces inside a blank line
                        let c = next_char(text, j);
                        if c.is_whitespace() {
                            j += c.len_utf8();
                        } else {
                            break;
                        }
                    }
                }
            }
            acting.push(toks.len());
            toks.push(Token { kind: TokenKind::Break { blank: lines > 1 }, span: Span::new(start, end) });
            i = end.max(start + 1);
            continue;
        }
        let c = if b < 0x80 {
            // an ASCII letter or digit (web addresses among them), space
            // or line break went its path above: of the ASCII whitespace
            // only the vertical tab and the form feed are left, and no
            // word character (punctuation skips the Unicode tests)
            if matches!(b, 0x0B | 0x0C) {
                i += 1;
                continue;
            }
            b as char
        } else {
            let c = next_char(text, i);
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            if is_word_char(c) {
                let end = scan_word(text, i);
                toks.push(Token { kind: TokenKind::Word, span: Span::new(i, end) });
                i = end;
                continue;
            }
            c
        };
        let clen = c.len_utf8();
        // three apostrophes: a single quote closing inside a doubled one
        // (''I tell them, 'no.''') or opening inside it (''''Yes,' he…)
        if b == b'\'' && i + 2 < n && bytes[i + 1] == b'\'' && bytes[i + 2] == b'\'' {
            let closing = text[i + 3..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            let (first, second) = if closing {
                (
                    Token { kind: TokenKind::Mark(Glyph::SingleStraight), span: Span::new(i, i + 1) },
                    Token { kind: TokenKind::Mark(Glyph::DoubleStraight), span: Span::new(i + 1, i + 3) },
                )
            } else {
                (
                    Token { kind: TokenKind::Mark(Glyph::DoubleStraight), span: Span::new(i, i + 2) },
                    Token { kind: TokenKind::Mark(Glyph::SingleStraight), span: Span::new(i + 2, i + 3) },
                )
            };
            acting.extend([toks.len(), toks.len() + 1]);
            toks.push(first);
            toks.push(second);
            i += 3;
            continue;
        }
        // doubled apostrophes: the NYT archive's quotation mark
        if b == b'\'' && i + 1 < n && bytes[i + 1] == b'\'' {
            acting.push(toks.len());
            toks.push(Token { kind: TokenKind::Mark(Glyph::DoubleStraight), span: Span::new(i, i + 2) });
            i += 2;
            continue;
        }
        if let Some(g) = glyph_of(c) {
            acting.push(toks.len());
            toks.push(Token { kind: TokenKind::Mark(g), span: Span::new(i, i + clen) });
            i += clen;
            continue;
        }
        match c {
            '.' | '!' | '?' | '…' => {
                let mut end = i + clen;
                while end < n {
                    let d = next_char(text, end);
                    if matches!(d, '.' | '!' | '?' | '…') {
                        end += d.len_utf8();
                    } else {
                        break;
                    }
                }
                let terminal = !(c == '.' && end == i + 1 && after_abbreviation(text, toks));
                let kind = if terminal { TokenKind::Terminal } else { TokenKind::Punct };
                toks.push(Token { kind, span: Span::new(i, end) });
                i = end;
            }
            '*' | '_' | '#' | '|' | '~' => {
                let mut end = i + 1;
                while end < n && bytes[end] == b {
                    end += 1;
                }
                toks.push(Token { kind: TokenKind::Markup, span: Span::new(i, end) });
                i = end;
            }
            '<' if starts_url(&bytes[i + 1..]) => {
                let end = match memchr::memchr2(b'>', b'\n', &bytes[i..]) {
                    Some(k) if bytes[i + k] == b'>' => i + k + 1,
                    _ => scan_until_space(text, i),
                };
                toks.push(Token { kind: TokenKind::Markup, span: Span::new(i, end) });
                i = end;
            }
            // a tag is markup; any other "<" is punctuation
            '<' => {
                let (kind, end) = match html_tag_end(bytes, i) {
                    Some(end) => (TokenKind::Markup, end),
                    None => (TokenKind::Punct, i + 1),
                };
                toks.push(Token { kind, span: Span::new(i, end) });
                i = end;
            }
            '[' if link_close(bytes, i).is_some() => {
                toks.push(Token { kind: TokenKind::Markup, span: Span::new(i, i + 1) });
                i += 1;
            }
            ']' if i + 1 < n && bytes[i + 1] == b'(' => {
                // `](target)`: the link target is not text
                let end = match memchr::memchr2(b')', b'\n', &bytes[i..(i + 512).min(n)]) {
                    Some(k) if bytes[i + k] == b')' => i + k + 1,
                    _ => i + 1,
                };
                toks.push(Token { kind: TokenKind::Markup, span: Span::new(i, end) });
                i = end;
            }
            _ => {
                toks.push(Token { kind: TokenKind::Punct, span: Span::new(i, i + clen) });
                i += clen;
            }
        }
    }
}

#[inline]
fn next_char(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\u{FFFD}')
}

/// The end of an HTML or XML tag opening at `i` (`<p>`, `</a>`, `<tweet
/// author="@x" date="May 3,\n2016">`): a name, then nothing, a `/` or
/// attributes with `=`, up to `>` within 1 KB and one paragraph. The quote
/// marks of its attributes are not quotations.
fn html_tag_end(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    if bytes.get(j) == Some(&b'/') {
        j += 1;
    }
    let name = j;
    let limit = bytes.len().min(i + 1024);
    while j < limit && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
        j += 1;
    }
    if j == name || !bytes[name].is_ascii_alphabetic() {
        return None;
    }
    let mut attributes = false;
    let mut k = j;
    while k < limit {
        match bytes[k] {
            b'>' => return (k == j || attributes || bytes[k - 1] == b'/').then_some(k + 1),
            b'<' => return None,
            b'=' => attributes = true,
            // (a blank line ends the paragraph, and any tag with it)
            b'\n' if bytes[k + 1..limit].iter().find(|b| !matches!(b, b' ' | b'\t' | b'\r')) == Some(&b'\n') => {
                return None
            }
            _ if k == j && !matches!(bytes[k], b' ' | b'\t' | b'\n' | b'\r' | b'/') => return None,
            _ => {}
        }
        k += 1;
    }
    None
}

/// Does a web address start at `i` (`b` is its byte)? Only an `h` or a `w`
/// can open one, so other words are not scanned for it.
#[inline(always)]
fn url_at(bytes: &[u8], i: usize, b: u8) -> bool {
    (b == b'h' || b == b'w') && starts_url(&bytes[i..])
}

/// Does a web address (`http://`, `https://`, `www.`) start `b`? The first
/// four bytes are compared at once: many words start with an `h` or a `w`
/// ("he", "was", "which"), and nearly all of them fail there.
fn starts_url(b: &[u8]) -> bool {
    match b.first_chunk::<4>() {
        Some(b"http") => b[4..].starts_with(b"://") || b[4..].starts_with(b"s://"),
        Some(b"www.") => true,
        _ => false,
    }
}

fn scan_until_space(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        if b.is_ascii_whitespace() || b == b'>' || b == b')' || b == b'"' {
            break;
        }
        if b >= 0x80 {
            let c = next_char(text, j);
            if c.is_whitespace() || glyph_of(c).is_some() {
                break;
            }
            j += c.len_utf8();
        } else {
            j += 1;
        }
    }
    // a sentence point after a URL is not part of it
    while j > i + 1 && matches!(bytes[j - 1], b'.' | b',' | b';' | b':') {
        j -= 1;
    }
    j.max(i + 1)
}

/// `[` opens a markdown link when `](` follows on the same line, soon.
fn link_close(bytes: &[u8], i: usize) -> Option<usize> {
    let limit = (i + 300).min(bytes.len());
    let mut j = i + 1;
    while j < limit {
        match bytes[j] {
            b']' => return (j + 1 < bytes.len() && bytes[j + 1] == b'(').then_some(j),
            b'[' | b'\n' => return None,
            _ => j += 1,
        }
    }
    None
}

/// The number of ASCII letters and digits `b` starts with. Most words are
/// short and far from the end of the text: the first sixteen bytes are
/// read as two eight-byte words and their word-character bytes found all
/// at once ([`non_alnum_bits`]), so the end of a word is one count of
/// trailing zeros, not a branch per byte that the processor has to guess
/// (the word's length is different every time: a byte-by-byte scan missed
/// the guess about once a word). A longer run, or one near the end, is read
/// again byte by byte.
#[inline(always)]
fn alnum_run(b: &[u8]) -> usize {
    if let Some((first, rest)) = b.split_first_chunk::<8>() {
        let non = non_alnum_bits(u64::from_le_bytes(*first));
        if non != 0 {
            return non.trailing_zeros() as usize / 8;
        }
        if let Some(second) = rest.first_chunk::<8>() {
            let non = non_alnum_bits(u64::from_le_bytes(*second));
            if non != 0 {
                return 8 + non.trailing_zeros() as usize / 8;
            }
        }
    }
    b.iter().position(|&c| CLASS[c as usize] != ALNUM).unwrap_or(b.len())
}

/// The top bit of each byte of `x` that is not an ASCII letter or digit,
/// all eight bytes at once. Each byte's top bit is taken apart from the
/// other seven, so the sums below never carry into the next byte:
/// `(y | 0x80) - lo` keeps its top bit exactly when `y >= lo`.
#[inline(always)]
fn non_alnum_bits(x: u64) -> u64 {
    const L: u64 = 0x0101_0101_0101_0101;
    const H: u64 = 0x8080_8080_8080_8080;
    let at_least = |y: u64, lo: u8| ((y | H) - lo as u64 * L) & H;
    let y = x & !H;
    let digit = at_least(y, b'0') & !at_least(y, b'9' + 1);
    // upper case to lower case by its 0x20 bit; nothing else lands in a..z
    let z = y | (0x20 * L);
    let letter = at_least(z, b'a') & !at_least(z, b'z' + 1);
    // a byte with its top bit set is not ASCII
    (!(digit | letter) & H) | (x & H)
}

/// End of the word that starts at `i` (T1). Always inline: a call per
/// word (what the compiler chose once the scan was unrolled) cost more
/// than the unrolling saved.
#[inline(always)]
fn scan_word(text: &str, i: usize) -> usize {
    word_end(text, i, alnum_run(&text.as_bytes()[i..]))
}

/// [`scan_word`] once the word's first run of ASCII letters and digits,
/// `run` bytes from `i`, is known.
#[inline(always)]
fn word_end(text: &str, i: usize, run: usize) -> usize {
    // most words are ASCII letters ended by a space or a mark that joins
    // nothing: that path stays small; the rest goes to `scan_word_rest`
    let bytes = text.as_bytes();
    let j = i + run;
    let Some(&b) = bytes.get(j) else { return j };
    // a comma or point after two or more letters ends the word too: it
    // joins only digits (1,400; 3.5) or the letters of U.S.
    if b < 0x80
        && (!matches!(b, b'\'' | b'-' | b',' | b'.')
            || matches!(b, b',' | b'.') && run > 1 && !bytes[j - 1].is_ascii_digit())
    {
        return j;
    }
    scan_word_rest(text, i, j, run)
}

/// [`scan_word`] from `j`, where the word's first run of ASCII word
/// characters (`letters` long) ends at a non-ASCII character or a possible
/// joiner.
#[cold]
#[inline(never)]
fn scan_word_rest(text: &str, i: usize, mut j: usize, letters: usize) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut letters_since_point = letters;
    loop {
        // a run of word characters
        while j < n {
            let b = bytes[j];
            if b < 0x80 {
                // ASCII letters and digits, a table lookup per byte
                let run = alnum_run(&bytes[j..]);
                if run == 0 {
                    break;
                }
                j += run;
                letters_since_point += run;
            } else {
                let c = next_char(text, j);
                if is_word_char(c) {
                    j += c.len_utf8();
                    letters_since_point += 1;
                } else {
                    break;
                }
            }
        }
        if j >= n {
            return j;
        }
        // most words end at a space or a punctuation mark that joins
        // nothing: no need to decode the characters around it
        let b = bytes[j];
        if b < 0x80 && !matches!(b, b'\'' | b'-' | b',' | b'.') {
            return j;
        }
        // a joiner between word characters continues the word
        let c = next_char(text, j);
        let after = j + c.len_utf8();
        let next = if after < n { Some(next_char(text, after)) } else { None };
        // (a digit is one byte: the byte before is enough, no decoding)
        let prev_digit = bytes[..j].last().is_some_and(|p| p.is_ascii_digit());
        let joins = match c {
            '\'' | '’' => next.is_some_and(|d| d.is_alphabetic()),
            '-' | '‑' => next.is_some_and(is_word_char),
            ',' => prev_digit && next.is_some_and(|d| d.is_ascii_digit()) && digits_after(bytes, after) == 3,
            '.' => {
                let n_digit = next.is_some_and(|d| d.is_ascii_digit());
                if prev_digit && n_digit {
                    true
                } else if letters_since_point == 1
                    && next.is_some_and(|d| d.is_alphabetic())
                    && single_letter_then_point(text, after)
                {
                    // U.S., D.C.: join, and take the final point too
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if !joins {
            // the closing point of a dotted abbreviation (U.S.) belongs to it
            if c == '.' && letters_since_point == 1 && j >= i + 3 && bytes[j - 2] == b'.' {
                return j + 1;
            }
            return j;
        }
        j = after;
        letters_since_point = 0;
    }
}

fn digits_after(bytes: &[u8], i: usize) -> usize {
    bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// At `i`: one letter, then a point (the next piece of U.S.).
fn single_letter_then_point(text: &str, i: usize) -> bool {
    let mut it = text[i..].chars();
    match (it.next(), it.next()) {
        (Some(a), Some('.')) => a.is_alphabetic(),
        _ => false,
    }
}

/// True when the point about to be pushed follows an abbreviation or an
/// initial, with no space between (T3).
fn after_abbreviation(text: &str, toks: &[Token]) -> bool {
    match toks.last() {
        Some(t) if matches!(t.kind, TokenKind::Word) => {
            let w = &text[t.span];
            // the point must touch the word
            text.as_bytes().get(t.span.end) == Some(&b'.') && is_abbreviation(w)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().filter(|t| t.kind == TokenKind::Word).map(|t| &text[t.span]).collect()
    }

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text).iter().map(|t| (&text[t.span], t.kind)).collect()
    }

    /// The windowed run of letters and digits agrees with the byte table,
    /// for every byte inside, at the edge of and past the window, and for
    /// texts shorter than it.
    #[test]
    fn alnum_run_matches_the_table() {
        for b in 0..=255u8 {
            for len in [1, 15, 16, 17, 40] {
                for at in 0..len {
                    let mut s = vec![b'a'; len];
                    s[at] = b;
                    let want = s.iter().position(|&c| CLASS[c as usize] != ALNUM).unwrap_or(len);
                    assert_eq!(alnum_run(&s), want, "byte {b:#x} at {at} of {len}");
                }
            }
        }
        assert_eq!(alnum_run(b""), 0);
        assert_eq!(alnum_run(b"Zz09@[`{/:"), 4);
    }

    /// Every byte's bit is right whatever its neighbours are (no sum
    /// carries from one byte into the next): every pair of byte values,
    /// side by side in both orders.
    #[test]
    fn non_alnum_bits_match_the_table_byte_by_byte() {
        for b in 0..=255u8 {
            for c in 0..=255u8 {
                let bytes = [c, b, c, b, b, c, b, c];
                let bits = non_alnum_bits(u64::from_le_bytes(bytes));
                for (k, &x) in bytes.iter().enumerate() {
                    let set = bits >> (8 * k) & 0xFF;
                    let want = if CLASS[x as usize] == ALNUM { 0 } else { 0x80 };
                    assert_eq!(set, want, "byte {x:#x} at {k} beside {b:#x}/{c:#x}");
                }
            }
        }
    }

    /// The acting tokens noted while tokenizing are exactly the breaks and
    /// marks, in order, whatever the buffers held before.
    #[test]
    fn acting_tokens_are_the_breaks_and_marks() {
        let text = "“Yes,” said Ona.\n\n''I tell them, 'no.''' «Non» ‹x› it's \"so\" \r\n<b>done</b>";
        let mut toks = vec![Token { kind: TokenKind::Word, span: Span::new(0, 1) }];
        let mut acting = vec![7];
        tokenize_marking_into(text, &mut toks, &mut acting);
        assert_eq!(toks, tokenize(text));
        let want: Vec<usize> =
            (0..toks.len()).filter(|&k| matches!(toks[k].kind, TokenKind::Break { .. } | TokenKind::Mark(_))).collect();
        assert!(want.len() > 10);
        assert_eq!(acting, want);
    }

    /// The word-wide search for a point agrees with `contains`.
    #[test]
    fn contains_point_agrees_with_contains() {
        for len in 0..20 {
            for at in 0..=len {
                let mut b = vec![b'a'; len];
                if at < len {
                    b[at] = b'.';
                }
                assert_eq!(contains_point(&b), b.contains(&b'.'), "point at {at} of {len}");
            }
        }
    }

    /// Reading a short word as two overlapping halves gives the bytes a
    /// buffer copy gives.
    #[test]
    fn packed_agrees_with_a_buffer_copy() {
        let text = b"ab.CDe\xc3\xa9";
        for start in 0..text.len() {
            for end in start..=(start + 6).min(text.len()) {
                let word = &text[start..end];
                let mut buf = [0u8; 8];
                buf[..word.len()].copy_from_slice(word);
                assert_eq!(packed(word), u64::from_le_bytes(buf), "{word:?}");
            }
        }
    }

    /// The integer reading of a word agrees with the byte-by-byte one.
    #[test]
    fn abbreviations_read_as_integers_as_byte_by_byte() {
        let old = |word: &str| {
            let mut chars = word.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                return c.is_uppercase();
            }
            if word.contains('.') {
                return true;
            }
            word.len() <= 6 && ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
        };
        let mut words: Vec<String> = ABBREVIATIONS.iter().map(|w| w.to_string()).collect();
        words.extend(ABBREVIATIONS.iter().map(|w| w.to_ascii_uppercase()));
        words.extend(ABBREVIATIONS.iter().map(|w| format!("{w}s")));
        words.extend(ABBREVIATIONS.iter().map(|w| format!("{w}.")));
        for w in ["", "a", "A", "é", "É", "U.S", "a.m", "Ph.D", "ABCDEFG", "abc.defgh", "Mr", "MR", "mR", "mr\u{301}"]
        {
            words.push(w.to_string());
        }
        for b in 0..=255u8 {
            for at in 0..3 {
                let mut w = *b"sen";
                w[at] = b;
                if let Ok(w) = std::str::from_utf8(&w) {
                    words.push(w.to_string());
                }
            }
        }
        for w in &words {
            assert_eq!(is_abbreviation(w), old(w), "{w:?}");
        }
    }

    #[test]
    fn words_in_any_script() {
        let cases: &[(&str, &[&str])] = &[
            ("Varnėla met Karelskaya", &["Varnėla", "met", "Karelskaya"]),
            ("don’t and Varnėla's view", &["don’t", "and", "Varnėla's", "view"]),
            ("around 1,400 in 2025, 3.5%", &["around", "1,400", "in", "2025", "3", "5"][..2]),
            ("the U.S. and D.C. teams", &["the", "U.S.", "and", "D.C.", "teams"]),
            ("exercise Storm-2031 began", &["exercise", "Storm-2031", "began"]),
            ("Varenko’s press service", &["Varenko’s", "press", "service"]),
            ("Ёлка и ёж", &["Ёлка", "и", "ёж"]),
            ("decomposed Naus\u{0065}\u{0307}da", &["decomposed", "Naus\u{0065}\u{0307}da"]),
        ];
        for &(text, want) in cases {
            let got = words(text);
            assert_eq!(&got[..want.len()], want, "{text}");
        }
        assert_eq!(words("around 1,400 in 2025, 3.5%"), ["around", "1,400", "in", "2025", "3.5"]);
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        // is_word_char answers this block without the Unicode tables
        for c in (0x2000..=0x206F).filter_map(char::from_u32) {
            assert!(!(c.is_alphanumeric() || is_combining(c)), "{c:?}");
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn every_quote_mark_is_a_mark() {
        for (s, g) in [
            ("“", Glyph::DoubleOpen),
            ("„", Glyph::DoubleOpen),
            ("”", Glyph::DoubleClose),
            ("\"", Glyph::DoubleStraight),
            ("''", Glyph::DoubleStraight),
            ("«", Glyph::GuillemetOpen),
            ("»", Glyph::GuillemetClose),
            ("‹", Glyph::SingleGuillemetOpen),
            ("›", Glyph::SingleGuillemetClose),
            ("‘", Glyph::SingleOpen),
            ("‚", Glyph::SingleOpen),
            ("’", Glyph::SingleClose),
            ("'", Glyph::SingleStraight),
        ] {
            let text = format!("a {s}b");
            let k = kinds(&text);
            assert_eq!(k[1], (s, TokenKind::Mark(g)), "{s}");
        }
    }

    #[test]
    fn three_apostrophes_close_single_then_double() {
        let text = "''I say, 'no.''' he said. '''Yes,' I said.''";
        let marks: Vec<&str> =
            tokenize(text).iter().filter(|t| matches!(t.kind, TokenKind::Mark(_))).map(|t| &text[t.span]).collect();
        assert_eq!(marks, ["''", "'", "'", "''", "''", "'", "'", "''"]);
        let k: Vec<_> = tokenize(text).into_iter().filter(|t| matches!(t.kind, TokenKind::Mark(_))).collect();
        assert_eq!(k[2].kind, TokenKind::Mark(Glyph::SingleStraight));
        assert_eq!(k[3].kind, TokenKind::Mark(Glyph::DoubleStraight));
    }

    #[test]
    fn sentence_ends_survive_abbreviations() {
        let text = "Mr. Gravlund met Sen. Halvik in Sept. 2023. Walter J. Gravlund left the U.S. Then?! Yes…";
        let terminals: Vec<usize> =
            tokenize(text).iter().filter(|t| t.kind == TokenKind::Terminal).map(|t| t.span.start).collect();
        let want: Vec<usize> = vec![text.find("2023.").unwrap() + 4, text.find("?!").unwrap(), text.find('…').unwrap()];
        assert_eq!(terminals, want);
    }

    #[test]
    fn html_tags_are_markup_and_their_attribute_quotes_no_quotes() {
        let text = "<tweet author=\"@lind\" date=\"May 3,\n2016\">We won</tweet>. a < b and c > d; <b and c>";
        let k: Vec<_> = kinds(text).into_iter().filter(|(_, k)| *k != TokenKind::Markup).map(|(s, _)| s).collect();
        assert_eq!(k, ["We", "won", ".", "a", "<", "b", "and", "c", ">", "d", ";", "<", "b", "and", "c", ">"]);
        // a blank line ends a tag that never closed
        let text = "<p class=\"x\n\n“We won,” she said.";
        assert!(kinds(text).iter().any(|(s, k)| *s == "“" && matches!(k, TokenKind::Mark(_))));
    }

    #[test]
    fn markup_is_read_through() {
        let text = "Haile [told](#) Varenko. **belta.by** <https://x.org/a> see https://x.org/b.";
        let k: Vec<_> = kinds(text).into_iter().filter(|(_, k)| *k != TokenKind::Markup).map(|(s, _)| s).collect();
        assert_eq!(k, ["Haile", "told", "Varenko", ".", "belta", ".", "by", "see", "."]);
    }

    #[test]
    fn line_breaks_and_blank_lines() {
        let text = "a\r\nb\n\n \nc\rd";
        let breaks: Vec<_> = tokenize(text).into_iter().filter(|t| matches!(t.kind, TokenKind::Break { .. })).collect();
        assert_eq!(breaks.len(), 3);
        assert_eq!(breaks[0].kind, TokenKind::Break { blank: false });
        assert_eq!(breaks[1].kind, TokenKind::Break { blank: true });
        assert_eq!(&text[breaks[1].span], "\n\n \n");
    }

    #[test]
    fn spans_are_ordered_and_on_boundaries() {
        let text = "«Привет», — сказал он. “Hi,” she said… ''ok'' 'tis";
        let toks = tokenize(text);
        let mut last = 0;
        for t in &toks {
            assert!(t.span.start >= last && t.span.end > t.span.start);
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            last = t.span.end;
        }
    }
}
