//! The lexicons the attributor reads: reporting verbs, titles, role and
//! organisation nouns, gender words and place names.
//!
//! The built-in lexicon is `data/lexicon.toml`, compiled into the binary and
//! loaded through the same code as a user's `--lexicon FILE`, whose entries
//! are added to it. Entries are looked up per word token (ASCII
//! case-insensitive) in one hash table; the longest entry starting at a word
//! that ends on a token boundary tags that word with the categories of the
//! entry and the number of tokens it covers.

use crate::error::{Error, ErrorKind};
use crate::span::Span;
use crate::tokenizer::{Token, TokenKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::path::Path;

/// The lexicon as written in TOML (built-in or a user's file).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexiconFile {
    /// Reporting verbs (`base` or `base:past[:participle[:ing]]`).
    pub speech_verbs: Vec<String>,
    /// Verbs that name or describe (call, describe, dub).
    pub naming_verbs: Vec<String>,
    /// Nouns for something said, whose owner said it (claim, remarks).
    pub speech_nouns: Vec<String>,
    /// Several-word cues (according to, in a statement).
    pub phrases: Vec<String>,
    /// Titles written before names.
    pub titles: Vec<String>,
    /// Person role nouns.
    pub roles: Vec<String>,
    /// Organisation and document nouns.
    pub organisations: Vec<String>,
    /// Words that mark a man.
    pub male: Vec<String>,
    /// Words that mark a woman.
    pub female: Vec<String>,
    /// Demonym → place names.
    pub places: BTreeMap<String, Vec<String>>,
}

/// The built-in lexicon source.
pub const BUILTIN: &str = include_str!("../data/lexicon.toml");

/// Category bits of a lexicon entry.
pub mod cat {
    /// A reporting verb form.
    pub const SPEECH: u16 = 1;
    /// A naming verb form (call, describe).
    pub const NAMING: u16 = 1 << 1;
    /// A several-word cue.
    pub const PHRASE: u16 = 1 << 2;
    /// A title before names.
    pub const TITLE: u16 = 1 << 3;
    /// A person role noun.
    pub const ROLE: u16 = 1 << 4;
    /// An organisation or document noun.
    pub const ORG: u16 = 1 << 5;
    /// A word marking a man.
    pub const MALE: u16 = 1 << 6;
    /// A word marking a woman.
    pub const FEMALE: u16 = 1 << 7;
    /// The -ing form of a verb (saying, calling).
    pub const ING: u16 = 1 << 8;
    /// A plural noun form.
    pub const PLURAL: u16 = 1 << 9;
    /// A demonym or place name.
    pub const PLACE: u16 = 1 << 10;
    /// Present tense third person (says, tells).
    pub const PRESENT: u16 = 1 << 11;
    /// A noun for something said (claim, remarks): its owner said it.
    pub const SAID: u16 = 1 << 12;
    /// Any verb.
    pub const VERB: u16 = SPEECH | NAMING;
}

/// What the lexicon says about one token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Lex {
    /// [`cat`] bits of the longest entry starting at this token.
    pub flags: u16,
    /// Number of tokens the entry covers (0 when none).
    pub ntok: u8,
    /// Index of the entry's place group (for `PLACE`).
    pub place: u16,
}

/// The compiled lexicon.
///
/// Looked up per word token, not per byte: the tokens exist already, and a
/// hash lookup per word was a fifth of the cost of a whole-text automaton
/// scan. The result is what a leftmost-longest, ASCII case-insensitive
/// automaton over the text gives (the reference the tests compare with):
/// at each word, the longest entry starting there, kept when it ends where
/// a token ends.
///
/// The same table also holds the attributor's closed word classes
/// (`attributor::words`), so one probe per word gives both.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// ASCII-lower-cased word → what may start with it and its word classes.
    starts: WordTable,
    /// Entries longer than the word they start with (several words, or a
    /// word and punctuation), grouped per [`Starts::longer`], longest first.
    longer: Vec<(Box<[u8]>, u16, u16)>,
    /// Length of the longest key of `starts`: longer words are in no entry.
    max_key: usize,
    /// The smaller of `max_key` and [`INLINE`]: the words of 1 to
    /// `fast_len` bytes take the short way through [`Lexicon::tag_span`].
    fast_len: usize,
    /// Every entry (lower-cased) with its flags and place group.
    #[cfg(test)]
    patterns: Vec<(String, (u16, u16))>,
}

/// What may start at a word with a given lower-cased text.
#[derive(Debug, Clone, Copy, Default)]
struct Starts {
    /// The entry that is exactly the word: flags and place group.
    exact: Option<(u16, u16)>,
    /// Range in `Lexicon::longer` of the entries that begin with the word
    /// and go on past it.
    longer: (u32, u32),
    /// A filter of those entries: a bit per second byte after the word
    /// ([`next_bit`]; every bit when an entry goes on by one byte only).
    /// "the" opens several entries, and the word after it seldom opens
    /// any of their rests.
    next: u32,
    /// The closed-class bits of the word (`attributor::words`).
    class: u16,
}

/// The [`Starts::next`] bit of a byte: or-ed with 0x20, as ASCII lower
/// case does to a capital, so a byte and its lower case share it.
#[inline]
fn next_bit(b: u8) -> u32 {
    1 << ((b | 0x20) & 31)
}

/// The bytes of the spaces at `rest[i..]`: ASCII spaces and tabs and the
/// no-break spaces news feeds put between words ("issued a\u{a0}statement").
/// A newline is a paragraph break, never the space inside an entry.
fn space_len(rest: &[u8], mut i: usize) -> usize {
    let start = i;
    loop {
        match rest.get(i..) {
            Some([b' ' | b'\t', ..]) => i += 1,
            Some([0xC2, 0xA0, ..]) => i += 2,
            // U+202F narrow no-break space
            Some([0xE2, 0x80, 0xAF, ..]) => i += 3,
            _ => return i - start,
        }
    }
}

/// Does the text at `rest` go on as the `tail` of a several-word entry
/// (the entry after its first word, opening with a space)? Each space of
/// the entry matches any run of spaces. The bytes of `rest` it covers.
fn match_tail(rest: &[u8], tail: &[u8]) -> Option<usize> {
    let mut i = 0;
    for &c in tail {
        if c == b' ' {
            let n = space_len(rest, i);
            if n == 0 {
                return None;
            }
            i += n;
        } else {
            if !rest.get(i)?.eq_ignore_ascii_case(&c) {
                return None;
            }
            i += 1;
        }
    }
    Some(i)
}

/// Keys of at most this many bytes are stored inline in the table.
const INLINE: usize = 16;

/// The word table: open addressing with linear probing over keys of up to
/// [`INLINE`] bytes held in the slots themselves (two words, compared as
/// integers: no pointer to follow, no `memcmp`), and a side map for the few
/// longer keys. A key is the ASCII-lower-cased word, zero-padded.
///
/// A probe reads a byte per slot first ([`WordTable::tags`]): the slots of
/// the built-in lexicon take 320 KB, more than the processor's first-level
/// cache, and most words are in no entry, so each such word's home slot
/// was a cache miss; the attributor's pass over the tokens spent nearly
/// half its time (sampled with `perf`) waiting for that one load. The tags
/// take 8 KB and stay in that cache: a word in no entry is told from them
/// alone, and only a word whose tag matches reads its slot.
#[derive(Debug, Clone, Default)]
struct WordTable {
    /// Slot index mask (the table has a power-of-two size).
    mask: usize,
    /// 64 − log2(size): the hash's top bits pick the slot.
    shift: u32,
    /// `shift` − 8: the eight bits under those pick the tag.
    tag_shift: u32,
    /// A byte per slot: 0 for an empty one, else 0x80 and seven more bits
    /// of its key's hash (see [`WordTable::home`]).
    tags: Vec<u8>,
    slots: Vec<Slot>,
    /// Keys longer than [`INLINE`] bytes.
    long: FastMap<Box<[u8]>, Starts>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The key's bytes 0..8 and 8..16, little-endian, zero-padded.
    key: [u64; 2],
    /// Key length (0 for an empty slot: its tag says so first).
    len: u32,
    val: Starts,
}

/// A word as a table key: its first 16 bytes, ASCII-lower-cased and
/// zero-padded, as two little-endian words (only meaningful for words of
/// at most [`INLINE`] bytes).
#[inline]
fn inline_key(bytes: &[u8], start: usize, len: usize) -> [u64; 2] {
    debug_assert!((1..=INLINE).contains(&len));
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    // (one test of the length left: `get(start..start + INLINE)` also
    // tested the addition for overflow)
    let (k0, k1) = match bytes.get(start..).and_then(|r| r.first_chunk::<INLINE>()) {
        Some(b) => (word(&b[..8]), word(&b[8..])),
        // fewer than 16 bytes left (a word asked on its own, the text's
        // last word): out of line, to keep the hot path small
        None => short_key(&bytes[start..start + len]),
    };
    // keep the word's bytes only
    if len <= 8 {
        [lower8(k0 & (u64::MAX >> (64 - 8 * len))), 0]
    } else {
        [lower8(k0), lower8(k1 & (u64::MAX >> (128 - 8 * len)))]
    }
}

/// The two key words of [`inline_key`] for a word with fewer than 16 bytes
/// after its start: read in two overlapping loads of 8, 4 or 1 bytes, each
/// shifted to where its bytes belong (an overlapped byte is ORed onto
/// itself) — a copy into a zeroed buffer was a memcpy call per word.
#[inline(never)]
fn short_key(b: &[u8]) -> (u64, u64) {
    let len = b.len();
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let four = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("4 bytes")) as u64;
    match len {
        9..=INLINE => (word(&b[..8]), word(&b[len - 8..]) >> (8 * (16 - len))),
        8 => (word(b), 0),
        4..=7 => (four(&b[..4]) | four(&b[len - 4..]) << (8 * (len - 4)), 0),
        _ => {
            let at = |i: usize| (b[i] as u64) << (8 * i);
            (at(0) | at(len / 2) | at(len - 1), 0)
        }
    }
}

/// ASCII lower case of eight bytes at once (other bytes unchanged), as
/// `to_ascii_lowercase` does byte by byte: the lexicon's keys, the
/// tokenizer's abbreviations and the registry's name words use it.
#[inline]
pub(crate) fn lower8(x: u64) -> u64 {
    const HI: u64 = 0x8080_8080_8080_8080;
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let h = x & LO7;
    // high bit set where the low seven bits are >= 'A', and where > 'Z'
    let ge_a = h + 0x3f3f_3f3f_3f3f_3f3f; // 0x80 - 'A' = 0x3f
    let gt_z = h + 0x2525_2525_2525_2525; // 0x80 - 'Z' - 1 = 0x25
    let upper = ge_a & !gt_z & !x & HI;
    x | (upper >> 2)
}

impl WordTable {
    fn build(entries: FastMap<Box<[u8]>, Starts>) -> WordTable {
        let inline = entries.keys().filter(|k| k.len() <= INLINE).count();
        // at most a quarter full: a miss (most words) ends at an empty slot
        // soon, and a hit is seldom pushed past its home slot (half full, a
        // word read 1.8 slots on average); 320 KB for the built-in lexicon
        let size = (inline * 4).next_power_of_two().max(16);
        let shift = 64 - size.trailing_zeros();
        let mut t = WordTable {
            mask: size - 1,
            shift,
            tag_shift: shift - 8,
            tags: vec![0; size],
            slots: vec![Slot::default(); size],
            long: HashMap::default(),
        };
        for (k, v) in entries {
            if k.len() > INLINE || k.is_empty() {
                if !k.is_empty() {
                    t.long.insert(k, v);
                }
                continue;
            }
            let key = inline_key(&k, 0, k.len());
            let (mut i, tag) = t.index(key, k.len());
            while t.tags[i] != 0 {
                i = (i + 1) & t.mask;
            }
            t.tags[i] = tag;
            t.slots[i] = Slot { key, len: k.len() as u32, val: v };
        }
        t
    }

    /// The home slot of a key and its tag.
    #[inline]
    fn index(&self, key: [u64; 2], len: usize) -> (usize, u8) {
        self.home(key[0] ^ key[1].rotate_left(29) ^ len as u64)
    }

    /// The home slot of a key folded to one word (see [`WordTable::index`])
    /// and its tag: the hash's top bits and the seven under them, with the
    /// top bit set so that no tag is 0, an empty slot's.
    #[inline]
    fn home(&self, folded: u64) -> (usize, u8) {
        let h = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        ((h >> self.shift) as usize, (h >> self.tag_shift) as u8 | 0x80)
    }

    /// The entry of the word `bytes[start..start + len]` (ASCII case-insensitive).
    #[inline(always)]
    fn get(&self, bytes: &[u8], start: usize, len: usize) -> Option<&Starts> {
        if len > INLINE {
            let w: Vec<u8> = bytes[start..start + len].to_ascii_lowercase();
            return self.long.get(&w[..]);
        }
        if len == 0 {
            return None;
        }
        self.get_inline(bytes, start, len)
    }

    /// [`WordTable::get`] of a word of 1 to [`INLINE`] bytes (the caller
    /// has tested the length).
    #[inline(always)]
    fn get_inline(&self, bytes: &[u8], start: usize, len: usize) -> Option<&Starts> {
        let key = inline_key(bytes, start, len);
        if len <= 8 {
            // most words: the key's second word is zero, and so is that of
            // every slot of the same length, so only the first is hashed
            // (as `index` does: zero rotated is zero) and compared
            let (mut i, tag) = self.home(key[0] ^ len as u64);
            loop {
                let t = self.tags[i];
                if t == tag {
                    let s = &self.slots[i];
                    if s.len as usize == len && s.key[0] == key[0] {
                        return Some(&s.val);
                    }
                } else if t == 0 {
                    return None;
                }
                i = (i + 1) & self.mask;
            }
        }
        let (mut i, tag) = self.index(key, len);
        loop {
            let t = self.tags[i];
            if t == tag {
                let s = &self.slots[i];
                if s.key == key && s.len as usize == len {
                    return Some(&s.val);
                }
            } else if t == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// The number of tokens from token `i` to the token that ends at byte
/// `end` (at most 255), if one does: an entry longer than its first word
/// must end where a token ends. Out of line: inlined into the attributor's
/// pass over the tokens, its scan kept two counters in memory that that
/// loop updated at every token, for the few words that start such an entry.
#[inline(never)]
fn tokens_up_to(tokens: &[Token], i: usize, end: usize) -> Option<u8> {
    let mut last = i;
    while last < tokens.len() && tokens[last].span.end < end {
        last += 1;
    }
    (last < tokens.len() && tokens[last].span.end == end).then(|| (last - i + 1).min(255) as u8)
}

/// The closed word classes alone, in a word table of their own: what
/// `attributor::words::class_of` reads for a word that is not a token of
/// the document (a hash map over a lower-cased copy cost several times
/// this probe).
static CLASSES: std::sync::LazyLock<WordTable> = std::sync::LazyLock::new(|| {
    let mut m: FastMap<Box<[u8]>, Starts> = FastMap::default();
    for (bit, list) in crate::attributor::words::LISTS {
        for w in *list {
            m.entry(w.as_bytes().into()).or_default().class |= bit;
        }
    }
    WordTable::build(m)
});

/// The closed-class bits of a word (ASCII case-insensitive; the lists are
/// lower-case and no longer than [`INLINE`] bytes).
#[inline]
pub(crate) fn closed_class(word: &[u8]) -> u16 {
    if word.is_empty() || word.len() > INLINE {
        return 0;
    }
    CLASSES.get(word, 0, word.len()).map_or(0, |s| s.class)
}

/// The hasher of the word tables: the keys are short words and token
/// indices, where SipHash's setup cost dominated the lookup and FNV-1a's
/// byte-at-a-time loop still showed; this one takes eight bytes per
/// multiply (the FxHash step). Not for keys an attacker chooses to collide:
/// the tables are fixed word lists and one document's names.
#[derive(Default)]
pub struct FastHash(u64);

/// A hash map with [`FastHash`] (one document's names, the word tables).
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHash>>;
/// A hash set with [`FastHash`].
pub(crate) type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHash>>;

impl FastHash {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FastHash {
    #[inline]
    fn finish(&self) -> u64 {
        // the multiply leaves the low bits (the table index) the weakest
        self.0 ^ (self.0 >> 29)
    }
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while let Some((w, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*w));
            bytes = rest;
        }
        if let Some((w, rest)) = bytes.split_first_chunk::<4>() {
            self.add(u32::from_le_bytes(*w) as u64);
            bytes = rest;
        }
        for b in bytes {
            self.add(*b as u64);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Lexicon {
        Lexicon::from_files(&[parse(BUILTIN).expect("built-in lexicon parses")])
    }

    /// The built-in lexicon plus the entries of a user's TOML file.
    pub fn with_user_file(path: &Path) -> Result<Lexicon, Error> {
        let src = std::fs::read_to_string(path).map_err(|e| Error::with_path(path, ErrorKind::Io(e)))?;
        let user = parse(&src).map_err(|m| Error::with_path(path, ErrorKind::Lexicon(m)))?;
        Ok(Lexicon::from_files(&[parse(BUILTIN).expect("built-in lexicon parses"), user]))
    }

    /// Compiles several lexicon files into one lookup table.
    pub fn from_files(files: &[LexiconFile]) -> Lexicon {
        // FastHash rather than SipHash: these maps are built on every run
        // from the fixed built-in lists (and sorted or laid out by key
        // afterwards, so their order does not matter)
        let mut map: FastMap<String, (u16, u16)> = FastMap::default();
        let mut add = |w: &str, f: u16, place: u16| {
            let w = normalise(w);
            if w.is_empty() {
                return;
            }
            let e = map.entry(w).or_insert((0, 0));
            e.0 |= f;
            if place != 0 {
                e.1 = place;
            }
        };
        let mut place_id = 0u16;
        for file in files {
            for v in &file.speech_verbs {
                for (form, f) in verb_forms(v) {
                    add(&form, cat::SPEECH | f, 0);
                }
            }
            for v in &file.naming_verbs {
                for (form, f) in verb_forms(v) {
                    add(&form, cat::NAMING | f, 0);
                }
            }
            for n in &file.speech_nouns {
                add(n, cat::SAID, 0);
            }
            for p in &file.phrases {
                add(p, cat::PHRASE, 0);
            }
            for t in &file.titles {
                add(t, cat::TITLE, 0);
            }
            for r in &file.roles {
                add(r, cat::ROLE, 0);
                add(&plural(r), cat::ROLE | cat::PLURAL, 0);
            }
            for o in &file.organisations {
                add(o, cat::ORG, 0);
            }
            for m in &file.male {
                add(m, cat::MALE, 0);
            }
            for m in &file.female {
                add(m, cat::FEMALE, 0);
            }
            for (demonym, names) in &file.places {
                place_id += 1;
                add(demonym, cat::PLACE, place_id);
                for n in names {
                    add(n, cat::PLACE, place_id);
                }
            }
        }
        // (in the map's order: `index` orders what needs an order by the
        // entries' texts, and sorting them all cost a quarter of the build,
        // which runs on every start)
        Lexicon::index(map.into_iter().collect())
    }

    /// Builds the per-word table from the entries (already lower-cased:
    /// `normalise` lower-cases, and only ASCII letters match either case),
    /// with the closed word classes of the attributor.
    fn index(pats: Vec<(String, (u16, u16))>) -> Lexicon {
        let mut starts: FastMap<Box<[u8]>, Starts> = FastMap::default();
        // (key, entry) for every entry that goes on past a word it starts with
        let mut long: Vec<(&[u8], usize)> = Vec::new();
        for (i, (p, e)) in pats.iter().enumerate() {
            starts.entry(p.as_bytes().into()).or_default().exact = Some(*e);
            // the words an entry may start with: every prefix at a
            // character boundary, except inside a run of ASCII letters and
            // digits, where no word token ends (T1: the tokenizer takes
            // them whole)
            let b = p.as_bytes();
            for k in 1..b.len() {
                if p.is_char_boundary(k) && !(b[k - 1].is_ascii_alphanumeric() && b[k].is_ascii_alphanumeric()) {
                    long.push((&b[..k], i));
                }
            }
        }
        // per key, longest entry first: the first that matches the text wins
        // (entries of one key and length by their text: the entries need
        // no order of their own)
        long.sort_by(|a, b| {
            let (pa, pb) = (&pats[a.1].0, &pats[b.1].0);
            a.0.cmp(b.0).then(pb.len().cmp(&pa.len())).then_with(|| pa.cmp(pb))
        });
        let mut longer = Vec::with_capacity(long.len());
        let mut g = 0;
        while g < long.len() {
            let key = long[g].0;
            let from = longer.len() as u32;
            let mut next = 0;
            while g < long.len() && long[g].0 == key {
                let (p, (f, place)) = &pats[long[g].1];
                next |= match p.as_bytes().get(key.len() + 1) {
                    Some(&b) => next_bit(b),
                    None => u32::MAX,
                };
                longer.push((p.as_bytes().into(), *f, *place));
                g += 1;
            }
            let s = starts.entry(key.into()).or_default();
            s.longer = (from, longer.len() as u32);
            s.next = next;
        }
        // the longest key with an entry: a longer word has none (class
        // words are looked up through `class_of`, which has its own bound)
        let max_key = starts.keys().map(|k| k.len()).max().unwrap_or(0);
        for (bit, list) in crate::attributor::words::LISTS {
            for w in *list {
                starts.entry(w.as_bytes().into()).or_default().class |= bit;
            }
        }
        Lexicon {
            starts: WordTable::build(starts),
            longer,
            max_key,
            fast_len: max_key.min(INLINE),
            #[cfg(test)]
            patterns: pats,
        }
    }

    /// Tags every word token that starts a lexicon entry: the longest entry
    /// starting there (ASCII case-insensitive), kept when it also ends on a
    /// token boundary. The words inside a several-word entry keep their own
    /// entries ("vice president": "president" is a role too).
    pub fn annotate(&self, text: &str, tokens: &[Token]) -> Vec<Lex> {
        let mut out = Vec::new();
        self.annotate_into(text, tokens, &mut out);
        out
    }

    /// [`Lexicon::annotate`] into a buffer the caller reuses.
    pub fn annotate_into(&self, text: &str, tokens: &[Token], out: &mut Vec<Lex>) {
        out.clear();
        out.extend((0..tokens.len()).map(|i| {
            if matches!(tokens[i].kind, TokenKind::Word) {
                self.tag(text, tokens, i).0
            } else {
                Lex::default()
            }
        }));
    }

    /// The lexicon tag of word token `i` (as [`Lexicon::annotate`] gives it)
    /// and the closed-class bits of the word as written (see
    /// `attributor::words::class_of`), from one probe of the table.
    #[inline]
    pub(crate) fn tag(&self, text: &str, tokens: &[Token], i: usize) -> (Lex, u16) {
        self.tag_span(text, tokens, i, tokens[i].span)
    }

    /// [`Lexicon::tag`] of token `i`, whose span the caller has at hand
    /// (the attributor's pass over the tokens: no second read of it).
    #[inline]
    pub(crate) fn tag_span(&self, text: &str, tokens: &[Token], i: usize, span: Span) -> (Lex, u16) {
        let bytes = text.as_bytes();
        let len = span.len();
        // nearly every word has 1 to INLINE bytes and is no longer than the
        // longest entry: one test of the length for the lot
        let (s, class) = if len.wrapping_sub(1) < self.fast_len {
            let Some(s) = self.starts.get_inline(bytes, span.start, len) else { return (Lex::default(), 0) };
            (s, s.class)
        } else {
            if len > self.max_key.max(INLINE) {
                return (Lex::default(), 0);
            }
            let Some(s) = self.starts.get(bytes, span.start, len) else { return (Lex::default(), 0) };
            let class = if len <= INLINE { s.class } else { 0 };
            if len > self.max_key {
                return (Lex::default(), class);
            }
            (s, class)
        };
        // the longest entry that goes on past the word wins, if the
        // text goes on the same way; else the word's own entry
        let (len, flags, place) = 'entry: {
            if s.longer.0 < s.longer.1 {
                let rest = &bytes[span.start + len..];
                // (the byte after the space that ends the word)
                let goes_on = || rest.get(space_len(rest, 0).max(1)).is_none_or(|&b| s.next & next_bit(b) != 0);
                if goes_on() {
                    // each entry of the group starts with the word just
                    // matched (the key): only what follows it needs comparing
                    for (p, f, place) in &self.longer[s.longer.0 as usize..s.longer.1 as usize] {
                        if let Some(n) = match_tail(rest, &p[len..]) {
                            break 'entry (len + n, *f, *place);
                        }
                    }
                }
            }
            // the word's own entry ends where its token does: no search
            // for the token it ends in
            debug_assert_eq!(tokens[i].span, span);
            return match s.exact {
                Some((flags, place)) => (Lex { flags, ntok: 1, place }, class),
                None => (Lex::default(), class),
            };
        };
        match tokens_up_to(tokens, i, span.start + len) {
            Some(ntok) => (Lex { flags, ntok, place }, class),
            None => (Lex::default(), class),
        }
    }

    /// The closed-class bits of a word (ASCII case-insensitive), as
    /// `attributor::words::class_of` gives them.
    #[inline]
    pub(crate) fn class_of(&self, word: &[u8]) -> u16 {
        if word.len() > INLINE {
            return 0;
        }
        self.starts.get(word, 0, word.len()).map_or(0, |s| s.class)
    }

    /// The automaton of [`Lexicon::annotate_automaton`].
    #[cfg(test)]
    fn automaton(&self) -> aho_corasick::AhoCorasick {
        use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .kind(Some(AhoCorasickKind::DFA))
            .build(self.patterns.iter().map(|(p, _)| p.as_str()))
            .expect("lexicon automaton builds")
    }

    /// The reference: the whole-text automaton this table replaced, one
    /// unanchored leftmost-longest scan with anchored re-checks of the
    /// words a match hides. The tests compare the two. The automaton reads
    /// the text with each run of spaces (see [`space_len`]) squeezed to one,
    /// as the table matches a several-word entry across any run of them.
    #[cfg(test)]
    fn annotate_automaton(&self, ac: &aho_corasick::AhoCorasick, text: &str, tokens: &[Token]) -> Vec<Lex> {
        let bytes = text.as_bytes();
        let mut squeezed = String::with_capacity(text.len());
        let mut at = vec![0; text.len() + 1]; // original offset -> squeezed offset
        let mut i = 0;
        while i < bytes.len() {
            let n = space_len(bytes, i);
            let step = if n > 0 { n } else { text[i..].chars().next().map_or(1, char::len_utf8) };
            at[i..i + step].fill(squeezed.len());
            squeezed.push_str(if n > 0 { " " } else { &text[i..i + step] });
            i += step;
        }
        at[text.len()] = squeezed.len();
        let tokens: Vec<Token> =
            tokens.iter().map(|t| Token { span: crate::Span::new(at[t.span.start], at[t.span.end]), ..*t }).collect();
        self.annotate_automaton_exact(ac, &squeezed, &tokens)
    }

    #[cfg(test)]
    fn annotate_automaton_exact(&self, ac: &aho_corasick::AhoCorasick, text: &str, tokens: &[Token]) -> Vec<Lex> {
        use aho_corasick::{Anchored, Input};
        let tag = |i: usize, m: aho_corasick::Match, out: &mut [Lex]| -> bool {
            if tokens[i].kind != TokenKind::Word {
                return false;
            }
            let mut last = i;
            while last < tokens.len() && tokens[last].span.end < m.end() {
                last += 1;
            }
            if last >= tokens.len() || tokens[last].span.end != m.end() {
                return false;
            }
            let (flags, place) = self.patterns[m.pattern().as_usize()].1;
            out[i] = Lex { flags, ntok: (last - i + 1).min(255) as u8, place };
            true
        };
        let mut out = vec![Lex::default(); tokens.len()];
        let mut t = 0;
        for m in ac.find_iter(Input::new(text)) {
            while t < tokens.len() && tokens[t].span.start < m.start() {
                t += 1;
            }
            if t < tokens.len() && tokens[t].span.start == m.start() && tag(t, m, &mut out) {
                let last = t + out[t].ntok as usize - 1;
                for (u, tok) in tokens.iter().enumerate().take(last + 1).skip(t + 1) {
                    let input = Input::new(text).range(tok.span.start..text.len()).anchored(Anchored::Yes);
                    if let Some(m2) = ac.find(input) {
                        tag(u, m2, &mut out);
                    }
                }
                continue;
            }
            let mut u = t;
            while u < tokens.len() && tokens[u].span.start < m.end() {
                if u != t || tokens[u].span.start != m.start() {
                    let input = Input::new(text).range(tokens[u].span.start..text.len()).anchored(Anchored::Yes);
                    if let Some(m2) = ac.find(input) {
                        tag(u, m2, &mut out);
                    }
                }
                u += 1;
            }
        }
        out
    }
}

/// Parses a lexicon TOML source.
/// Errors are one line: "line N: what is wrong".
pub fn parse(src: &str) -> Result<LexiconFile, String> {
    toml::from_str(src).map_err(|e| {
        let what = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
        match e.span() {
            Some(span) => format!("line {}: {what}", src[..span.start.min(src.len())].matches('\n').count() + 1),
            None => what,
        }
    })
}

fn normalise(w: &str) -> String {
    let w = w.trim().to_lowercase();
    // "mr." → "mr": the tokenizer keeps an abbreviation's point apart, but
    // dotted forms (u.s.) are one token with their points
    if w.ends_with('.') && w[..w.len() - 1].find('.').is_none() {
        return w[..w.len() - 1].to_string();
    }
    w
}

/// `base` or `base:past[:participle[:ing]]` → all forms, with their flags.
fn verb_forms(spec: &str) -> Vec<(String, u16)> {
    let parts: Vec<&str> = spec.split(':').map(str::trim).collect();
    let base = parts[0].to_lowercase();
    if base.is_empty() {
        return Vec::new();
    }
    let past = parts.get(1).map(|s| s.to_string()).unwrap_or_else(|| regular_past(&base));
    let participle = parts.get(2).map(|s| s.to_string()).unwrap_or_else(|| past.clone());
    let ing = parts.get(3).map(|s| s.to_string()).unwrap_or_else(|| regular_ing(&base));
    vec![(third_person(&base), cat::PRESENT), (base, 0), (past, 0), (participle, 0), (ing, cat::ING)]
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn consonant_y(w: &str) -> bool {
    let mut it = w.chars().rev();
    matches!((it.next(), it.next()), (Some('y'), Some(c)) if !is_vowel(c))
}

fn third_person(w: &str) -> String {
    if w.ends_with(['s', 'x', 'z']) || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else if consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

fn regular_past(w: &str) -> String {
    if w.ends_with('e') {
        format!("{w}d")
    } else if consonant_y(w) {
        format!("{}ied", &w[..w.len() - 1])
    } else {
        format!("{w}ed")
    }
}

fn regular_ing(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ie") {
        format!("{stem}ying")
    } else if w.ends_with('e') && !w.ends_with("ee") {
        format!("{}ing", &w[..w.len() - 1])
    } else {
        format!("{w}ing")
    }
}

fn plural(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("man") {
        return format!("{stem}men");
    }
    if w == "people" || w.ends_with('s') {
        return w.to_string();
    }
    if w == "chief" {
        return "chiefs".into();
    }
    third_person(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenizer::tokenize;
    use proptest::prelude::*;

    #[test]
    fn short_key_reads_the_word_zero_padded() {
        let text = b"AbCdEfGhIjKlMnOp";
        for len in 1..=INLINE {
            let mut buf = [0u8; INLINE];
            buf[..len].copy_from_slice(&text[..len]);
            let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap());
            assert_eq!(short_key(&text[..len]), (word(&buf[..8]), word(&buf[8..])), "len {len}");
        }
    }

    #[test]
    fn builtin_parses_and_inflects() {
        let lx = Lexicon::builtin();
        let text = "She said, he tells, they were saying; the spokesmen and officials added according to reports.";
        let toks = tokenize(text);
        let tags = lx.annotate(text, &toks);
        let get = |w: &str| {
            let i = toks.iter().position(|t| &text[t.span] == w).unwrap();
            tags[i]
        };
        assert_ne!(get("said").flags & cat::SPEECH, 0);
        assert_ne!(get("tells").flags & cat::PRESENT, 0);
        assert_ne!(get("saying").flags & cat::ING, 0);
        assert_ne!(get("spokesmen").flags & cat::ROLE, 0);
        assert_ne!(get("added").flags & cat::SPEECH, 0);
        assert_eq!(get("according").ntok, 2);
        assert_eq!(get("according").flags & cat::PHRASE, cat::PHRASE);
        assert_eq!(get("and").flags, 0);
    }

    #[test]
    fn entries_match_whole_words_only() {
        let lx = Lexicon::builtin();
        let text = "The address of saidwho";
        let toks = tokenize(text);
        assert!(lx.annotate(text, &toks).iter().all(|l| l.flags & cat::SPEECH == 0));
    }

    /// The texts the table must tag exactly as the automaton did: the
    /// bundled articles and the test data (adversarial inputs, eval docs).
    fn sample_texts() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        let mut dirs = vec![root.join("corpus"), root.join("tests/data")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// The built-in lexicon and its automaton, built once for every case.
    fn builtin_pair() -> &'static (Lexicon, aho_corasick::AhoCorasick) {
        static PAIR: std::sync::OnceLock<(Lexicon, aho_corasick::AhoCorasick)> = std::sync::OnceLock::new();
        PAIR.get_or_init(|| {
            let lx = Lexicon::builtin();
            let ac = lx.automaton();
            (lx, ac)
        })
    }

    fn same_as_automaton((lx, ac): &(Lexicon, aho_corasick::AhoCorasick), text: &str) {
        let toks = tokenize(text);
        let new = lx.annotate(text, &toks);
        let old = lx.annotate_automaton(ac, text, &toks);
        for i in 0..toks.len() {
            assert_eq!(new[i], old[i], "token {i} {:?} in {text:?}", &text[toks[i].span]);
        }
    }

    #[test]
    fn table_tags_as_the_automaton_did_on_articles() {
        let texts = sample_texts();
        assert!(texts.len() > 5);
        for t in &texts {
            same_as_automaton(builtin_pair(), t);
        }
    }

    #[test]
    fn table_tags_as_the_automaton_did_on_hard_cases() {
        let user = parse(
            "phrases = [\"in a\", \"in a statement to\", \"u.s. envoy\", \"op-ed\", \"so-\", \"é x\", \"ÉCOLE\", \"ab.cd\", \"x, y\"]\n\
             titles = [\"Dr.\", \"u.s\", \"a\"]",
        )
        .unwrap();
        let lx = Lexicon::from_files(&[parse(BUILTIN).unwrap(), user]);
        let ac = lx.automaton();
        let all: Vec<&str> = lx.patterns.iter().map(|(p, _)| p.as_str()).collect();
        let lx = (lx.clone(), ac);
        for text in [
            "within a statement, he said; in a statement to reporters; In A Statement To",
            "according tomorrow. According to. ACCORDING  TO according\nto according-to",
            "U.S. envoy; U.S.envoy; u.s envoy; the U.S.Army; U.S.A.; vice president; vice-president",
            "op-ed op-eds Op-Ed so- so-so so-\u{2014} é x É x école ÉCOLE écoles ab.cd AB.CD x, y x,y",
            "encounter counters recounted said-so he'd said’s saidwho Dr. Dr.Who dr a a. A",
            "in a\u{00a0}statement in  a statement “in a statement” in a stat",
        ] {
            same_as_automaton(&lx, text);
        }
        for t in sample_texts() {
            same_as_automaton(&lx, &t);
        }
        // every entry written out, in three cases, glued and spaced
        for sep in [" ", "", "-", ". ", "’s ", "\n"] {
            let text = all.join(sep);
            same_as_automaton(&lx, &text);
            same_as_automaton(&lx, &text.to_uppercase());
            same_as_automaton(&lx, &text.to_ascii_uppercase());
        }
    }

    proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 512, failure_persistence: None, ..Default::default() })]

        /// Text made of pieces of entries, separators and odd characters.
        #[test]
        fn table_tags_as_the_automaton_did_on_any_mix(
            parts in prop::collection::vec(prop_oneof![
                prop::sample::select(&["according", "to", "in", "a", "statement", "vice", "president",
                    "said", "says", "U.S.", "u.s", "op", "ed", "crown", "prince", "first", "lady", "Saudi",
                    "Arabia", "Dr", "dr.", "chief", "spokesmen", "é", "école", "counter", "put", "it"][..])
                    .prop_map(str::to_string),
                prop::sample::select(&[" ", "  ", "-", ".", ",", "'", "’", "\n", "“", "\"", "\u{a0}", ""][..])
                    .prop_map(str::to_string),
                any::<char>().prop_map(|c| c.to_string()),
            ], 0..40)
        ) {
            let text = parts.concat();
            same_as_automaton(builtin_pair(), &text);
            same_as_automaton(builtin_pair(), &text.to_uppercase());
        }
    }

    /// The word classes from the lexicon's table are those of
    /// `words::class_of`, on every word of the sample texts and every list
    /// word in three cases.
    #[test]
    fn word_classes_match_the_closed_class_lists() {
        use crate::attributor::words;
        let lx = Lexicon::builtin();
        let mut texts = sample_texts();
        for (_, list) in words::LISTS {
            let all = list.join(" ");
            texts.push(all.to_uppercase());
            texts.push(all.clone());
            texts.push(all.split(' ').map(|w| w[..1].to_uppercase() + &w[1..]).collect::<Vec<_>>().join(" "));
        }
        for text in &texts {
            let toks = tokenize(text);
            for (i, t) in toks.iter().enumerate() {
                if t.kind == TokenKind::Word {
                    let w = &text[t.span.start..t.span.end];
                    assert_eq!(lx.tag(text, &toks, i).1, words::class_of(w), "{w:?}");
                    assert_eq!(lx.class_of(w.as_bytes()), words::class_of(w), "{w:?}");
                }
            }
        }
    }

    #[test]
    fn user_entries_add_to_builtin() {
        let user = parse("speech_verbs = [\"harrumph\"]\nroles = [\"ombudsman\"]").unwrap();
        let lx = Lexicon::from_files(&[parse(BUILTIN).unwrap(), user]);
        let text = "the ombudsmen harrumphed";
        let toks = tokenize(text);
        let tags = lx.annotate(text, &toks);
        assert_ne!(tags[1].flags & cat::ROLE, 0);
        assert_ne!(tags[2].flags & cat::SPEECH, 0);
        assert_eq!(parse("speech_verbs = [\"a\"]\nbogus = 1").unwrap_err().lines().count(), 1);
        assert!(parse("speech_verbs = [\"a\"]\nbogus = 1").unwrap_err().starts_with("line 2: "));
    }
}
