//! Vocabulary types shared by every stage: byte spans into one document and the
//! byte → character offset map used only at the output edge.
//!
//! Inside the pipeline every offset is a byte offset into the document text as
//! read (BOM stripped, nothing rewritten), so a span can index the `&str`
//! directly. The output contract counts characters (Unicode scalar values);
//! [`CharIndex`] converts once per document, in O(log n) per offset.

use std::fmt;

/// A half-open byte range `start..end` into one document's text.
///
/// Invariant: `start <= end`, both on UTF-8 character boundaries. Field order
/// makes the derived `Ord` sort by start, which is `quote_id` order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (exclusive).
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start} > {end}");
        Span { start, end }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies inside `self` (bounds included).
    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl std::ops::Index<Span> for str {
    type Output = str;
    #[inline]
    fn index(&self, s: Span) -> &str {
        &self[s.start..s.end]
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Byte → character offsets for one document, built once.
///
/// ASCII text needs no table (bytes are characters); otherwise it keeps one
/// entry per multi-byte character, so memory grows with the number of such
/// characters, not with the text.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// For every multi-byte character: the byte offset just after it and the
    /// number of surplus bytes (bytes − characters) up to that offset.
    wide: Vec<(usize, usize)>,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            // news text has a curly quote or dash every ~200 bytes: room
            // for that many up front, not a dozen doublings and copies
            wide.reserve(text.len() / 128);
            // a lead byte (0b11xxxxxx) starts a multi-byte character whose
            // length it tells; continuation bytes are skipped with it
            let bytes = text.as_bytes();
            let mut surplus = 0;
            let mut i = 0;
            while let Some(k) = first_wide(&bytes[i..]) {
                i += k;
                let b = bytes[i];
                let n = if b >= 0xF0 {
                    4
                } else if b >= 0xE0 {
                    3
                } else {
                    2
                };
                surplus += n - 1;
                i += n;
                wide.push((i, surplus));
            }
        }
        CharIndex { wide }
    }

    /// The character offset of byte offset `byte`, which lies on a character
    /// boundary (or at the end of the text).
    pub fn char_at(&self, byte: usize) -> usize {
        let i = self.wide.partition_point(|&(after, _)| after <= byte);
        match i.checked_sub(1) {
            None => byte,
            Some(j) => byte - self.wide[j].1,
        }
    }

    /// [`char_at`](Self::char_at) starting from `near`, an index into the
    /// table that the call moves to where `byte` is: a document's rows ask
    /// for offsets close to the ones asked before (a quote, then its
    /// mention and cue), a few steps from there instead of a binary search
    /// each. Any `near` gives the same answer (start with 0).
    pub fn char_at_near(&self, byte: usize, near: &mut usize) -> usize {
        let wide = &self.wide;
        // `j` ends as the number of entries whose `after` is <= byte
        let mut j = (*near).min(wide.len());
        while j < wide.len() && wide[j].0 <= byte {
            j += 1;
        }
        while j > 0 && wide[j - 1].0 > byte {
            j -= 1;
        }
        *near = j;
        match j.checked_sub(1) {
            None => byte,
            Some(j) => byte - wide[j].1,
        }
    }
}

/// The offset of the first byte of `bytes` that is not ASCII. Most of an
/// article is ASCII between its curly quotes and dashes (one every ~200
/// bytes in news text): 32 bytes are tested at a time, as four integers
/// whose top bits are or-ed together, and the first set bit tells where.
#[inline]
fn first_wide(bytes: &[u8]) -> Option<usize> {
    const TOP: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(block) = bytes[i..].first_chunk::<32>() {
        let word = |k: usize| u64::from_le_bytes(block[k..k + 8].try_into().expect("eight bytes")) & TOP;
        let (a, b, c, d) = (word(0), word(8), word(16), word(24));
        if a | b | c | d != 0 {
            let (k, top) = if a != 0 {
                (0, a)
            } else if b != 0 {
                (8, b)
            } else if c != 0 {
                (16, c)
            } else {
                (24, d)
            };
            return Some(i + k + (top.trailing_zeros() / 8) as usize);
        }
        i += 32;
    }
    bytes[i..].iter().position(|&b| b >= 0x80).map(|k| i + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_after_multibyte() {
        // "€5, she said: “Fine.”": the quote starts at byte 16 but char 14.
        let text = "€5, she said: “Fine.”";
        let ix = CharIndex::new(text);
        let b = text.find('“').unwrap();
        assert_eq!(b, 16);
        assert_eq!(ix.char_at(b), 14);
        assert_eq!(ix.char_at(text.len()), text.chars().count());
        for (b, _) in text.char_indices() {
            assert_eq!(ix.char_at(b), text[..b].chars().count(), "byte {b}");
        }
    }

    #[test]
    fn char_offsets_across_ascii_words() {
        // multi-byte characters before, inside and after runs of eight ASCII bytes
        let text = "é plain ascii words “quoted text” — and more ascii at the end ü";
        let ix = CharIndex::new(text);
        for (b, _) in text.char_indices() {
            assert_eq!(ix.char_at(b), text[..b].chars().count(), "byte {b}");
        }
        assert_eq!(ix.char_at(text.len()), text.chars().count());
    }

    #[test]
    fn char_offsets_across_long_ascii_runs() {
        // multi-byte characters at every offset around the 32-byte blocks
        for k in 0..70 {
            let text = format!("{}é{}“{}𝄞—{}", "a".repeat(k), "b".repeat(40), "c".repeat(k % 33), "d".repeat(70 - k));
            let ix = CharIndex::new(&text);
            for (b, _) in text.char_indices() {
                assert_eq!(ix.char_at(b), text[..b].chars().count(), "byte {b} of {k}");
            }
            assert_eq!(ix.char_at(text.len()), text.chars().count());
        }
    }

    #[test]
    fn char_at_near_agrees_from_any_start() {
        let text = "é plain “quoted” — and 𝄞 more ü at the end ü";
        let ix = CharIndex::new(text);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        for near0 in 0..=ix.wide.len() + 1 {
            let mut near = near0;
            for &b in bytes.iter().chain(bytes.iter().rev()) {
                assert_eq!(ix.char_at_near(b, &mut near), ix.char_at(b), "byte {b} from {near0}");
            }
        }
    }

    #[test]
    fn ascii_is_identity() {
        let ix = CharIndex::new("plain text");
        assert_eq!(ix.char_at(5), 5);
    }

    #[test]
    fn span_basics() {
        let s = Span::new(2, 5);
        assert_eq!(&"abcdefg"[s], "cde");
        assert!(s.contains(Span::new(3, 5)));
        assert!(!s.overlaps(Span::new(5, 6)));
        assert_eq!(format!("{s:?}"), "2..5");
    }
}
