//! The lexicons the attributor reads: reporting verbs, titles, role and
//! organisation nouns, gender words and place names.
//!
//! The built-in lexicon is `data/lexicon.toml`, compiled into the binary and
//! loaded through the same code as a user's `--lexicon FILE`, whose entries
//! are added to it. Everything is matched in one pass per document by a
//! single Aho-Corasick automaton (ASCII case-insensitive), searched anchored
//! at each word; a match that ends on a token boundary tags its first token
//! with the categories of the entry and the number of tokens it covers.

use crate::error::{Error, ErrorKind};
use crate::tokenizer::{Token, TokenKind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The lexicon as written in TOML (built-in or a user's file).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LexiconFile {
    /// Reporting verbs (`base` or `base:past[:participle[:ing]]`).
    pub speech_verbs: Vec<String>,
    /// Verbs that name or describe (call, describe, dub).
    pub naming_verbs: Vec<String>,
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
#[derive(Debug, Clone)]
pub struct Lexicon {
    ac: AhoCorasick,
    /// Per automaton pattern: flags and place group.
    entries: Vec<(u16, u16)>,
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

    /// Compiles several lexicon files into one automaton.
    pub fn from_files(files: &[LexiconFile]) -> Lexicon {
        let mut map: HashMap<String, (u16, u16)> = HashMap::new();
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
        let mut pats: Vec<(String, (u16, u16))> = map.into_iter().collect();
        pats.sort();
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .kind(Some(AhoCorasickKind::DFA))
            .build(pats.iter().map(|(p, _)| p.as_str()))
            .expect("lexicon automaton builds");
        Lexicon { ac, entries: pats.into_iter().map(|(_, e)| e).collect() }
    }

    /// Tags every word token that starts a lexicon entry: the longest entry
    /// starting there that also ends on a token boundary.
    ///
    /// One unanchored leftmost-longest scan of the whole text (a DFA, so the
    /// pass is linear and fast). A match that does not sit on token
    /// boundaries ("counter" in "encounter") is dropped; when such a match
    /// runs across a later word start ("in a statement" inside "within a
    /// statement"), the words it hid are looked up again with anchored
    /// searches, so no entry is lost to it.
    pub fn annotate(&self, text: &str, tokens: &[Token]) -> Vec<Lex> {
        let mut out = vec![Lex::default(); tokens.len()];
        let mut t = 0; // first token not yet behind the scan
        for m in self.ac.find_iter(Input::new(text)) {
            while t < tokens.len() && tokens[t].span.start < m.start() {
                t += 1;
            }
            if t < tokens.len() && tokens[t].span.start == m.start() && self.tag(text, tokens, t, m, &mut out) {
                // the words inside a several-word entry keep their own
                // entries ("vice president": "president" is a role too)
                let last = t + out[t].ntok as usize - 1;
                for u in t + 1..=last {
                    let input = Input::new(text).range(tokens[u].span.start..text.len()).anchored(Anchored::Yes);
                    if let Some(m2) = self.ac.find(input) {
                        self.tag(text, tokens, u, m2, &mut out);
                    }
                }
                continue;
            }
            // a misaligned match: look again at the words it covers
            let mut u = t;
            while u < tokens.len() && tokens[u].span.start < m.end() {
                if u != t || tokens[u].span.start != m.start() {
                    let input = Input::new(text).range(tokens[u].span.start..text.len()).anchored(Anchored::Yes);
                    if let Some(m2) = self.ac.find(input) {
                        self.tag(text, tokens, u, m2, &mut out);
                    }
                }
                u += 1;
            }
        }
        out
    }

    /// Tags token `i` with match `m` when `m` ends on a token end.
    fn tag(&self, _text: &str, tokens: &[Token], i: usize, m: aho_corasick::Match, out: &mut [Lex]) -> bool {
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
        let (flags, place) = self.entries[m.pattern().as_usize()];
        out[i] = Lex { flags, ntok: (last - i + 1).min(255) as u8, place };
        true
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
