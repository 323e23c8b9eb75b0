//! Closed word classes of English grammar that the attribution rules read:
//! pronouns, determiners, the adverbs and auxiliaries that may stand between
//! a speaker and a reporting verb, sentence openers, calendar words. Open
//! classes that a newsroom may want to extend (verbs, titles, roles) live in
//! the lexicon instead.

/// A filter of the list words: the bit of [`filter_bit`] set for each.
/// Built at compile time (no lazy initialisation to check per word); it
/// rules out most words in no list (with the filter of first letter and
/// length it replaced, the table was probed some 40% more often).
static FILTER: [u64; 64] = {
    let mut t = [0u64; 64];
    let mut i = 0;
    while i < LISTS.len() {
        let list = LISTS[i].1;
        let mut j = 0;
        while j < list.len() {
            let b = list[j].as_bytes();
            if !b.is_empty() {
                let bit = filter_bit(b);
                t[bit / 64] |= 1 << (bit % 64);
            }
            j += 1;
        }
        i += 1;
    }
    t
};

/// A bit (of 4096) for a non-empty word from its length and its first,
/// second and last bytes, ASCII lower-cased: a list word (lower-case
/// ASCII) has the bit of every spelling of it.
const fn filter_bit(b: &[u8]) -> usize {
    let second = if b.len() > 1 { b[1] } else { 0 };
    let x = (b.len() as u32 & 0xff)
        | (b[0].to_ascii_lowercase() as u32) << 8
        | (second.to_ascii_lowercase() as u32) << 16
        | (b[b.len() - 1].to_ascii_lowercase() as u32) << 24;
    (x.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// The list bits of `word` (ASCII case-insensitive); see the `*_WORDS`
/// lists and the bit constants at the end of this file.
pub fn class_of(word: &str) -> u16 {
    class_of_bytes(word.as_bytes())
}

/// [`class_of`] of a word as bytes (the registry's lower-cased words are
/// kept as bytes: no UTF-8 check to ask a list).
pub fn class_of_bytes(b: &[u8]) -> u16 {
    if b.is_empty() || b.len() > 16 {
        return 0;
    }
    // most words are in no list: the filter skips the table probe
    let bit = filter_bit(b);
    if FILTER[bit / 64] & (1 << (bit % 64)) == 0 {
        return 0;
    }
    crate::lexicon::closed_class(b)
}

fn is_in(word: &str, bit: u16) -> bool {
    class_of(word) & bit != 0
}

/// Personal pronouns that can be a speaker.
pub fn pronoun(word: &str) -> Option<Pronoun> {
    let p = match word.len() {
        1 if word == "I" => Pronoun::I,
        2 if word.eq_ignore_ascii_case("he") => Pronoun::He,
        2 if word.eq_ignore_ascii_case("it") => Pronoun::It,
        2 if word.eq_ignore_ascii_case("we") => Pronoun::We,
        3 if word.eq_ignore_ascii_case("she") => Pronoun::She,
        4 if word.eq_ignore_ascii_case("they") => Pronoun::They,
        3 if word.eq_ignore_ascii_case("you") => Pronoun::You,
        // a contraction: "I'm", "They’re", "We've", "he'll" (never a name)
        3..=9 => return contraction_stem(word).and_then(pronoun),
        _ => return None,
    };
    Some(p)
}

/// The word before a contracted auxiliary ('m, 're, 've, 'd, 'll; straight
/// or curly apostrophe): "They’re" → "They".
fn contraction_stem(word: &str) -> Option<&str> {
    // (asked of most words: the last byte rules nearly all of them out)
    if !matches!(word.as_bytes().last(), Some(b'm' | b'e' | b'd' | b'l' | b'M' | b'E' | b'D' | b'L')) {
        return None;
    }
    // (and so does the byte before the ending: each ending is one or two
    // bytes after a ' or a ’, whose last byte is 0x99 — "said", "made",
    // "the" are ruled out before any search for an apostrophe)
    let b = word.as_bytes();
    let apostrophe = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(|&c| c == b'\'' || c == 0x99);
    if !(apostrophe(b.len().checked_sub(2)) || apostrophe(b.len().checked_sub(3))) {
        return None;
    }
    let (stem, tail) = word.split_once('\'').or_else(|| word.split_once('’'))?;
    ["m", "re", "ve", "d", "ll"].iter().any(|t| tail.eq_ignore_ascii_case(t)).then_some(stem)
}

/// A speaker pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he
    He,
    /// she
    She,
    /// they
    They,
    /// it
    It,
    /// we
    We,
    /// I
    I,
    /// you
    You,
}

/// The adverbs in -ly that may stand between a speaker and the reporting
/// verb ("he has repeatedly told"): with the `FILLER` list ("she also
/// said", "it later wrote"), the words the attributor's `filler` allows.
pub fn ly_adverb(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ly") && word.starts_with(|c: char| c.is_lowercase())
}

/// Capitalised words that are not names: days, months, sentence openers
/// and function words seen capitalised at the start of a sentence.
pub fn not_a_name(word: &str) -> bool {
    is_in(word, NOT_NAME)
}

/// [`not_a_name`] of a word as bytes.
pub fn not_a_name_bytes(word: &[u8]) -> bool {
    class_of_bytes(word) & NOT_NAME != 0
}

/// Determiners that can stand alone as a noun phrase: "Some chanted",
/// "Yet another said".
pub fn lone_determiner(word: &str) -> bool {
    ["some", "others", "another", "many", "several", "both"].iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// Determiners that bring in someone not named before: "a senior
/// official", "one longtime adviser", "many voters".
pub fn indefinite(word: &str) -> bool {
    ["a", "an", "one", "another", "some", "several", "many"].iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// Pronouns for nobody in particular: a phrase of their own ("Someone
/// called it …"), never a name.
pub fn indefinite_pronoun(word: &str) -> bool {
    ["nobody", "everybody", "everyone", "somebody", "someone", "anybody", "anyone"]
        .iter()
        .any(|d| d.eq_ignore_ascii_case(word))
}

/// Coordinators that can open a sentence: "And then …", "But “…”".
pub fn coordinator(word: &str) -> bool {
    ["and", "but", "so", "yet"].iter().any(|c| c.eq_ignore_ascii_case(word))
}

/// Possessive determiners of speakers: "his claim" is his.
pub fn possessive_pronoun(word: &str) -> Option<Pronoun> {
    [("his", Pronoun::He), ("her", Pronoun::She), ("their", Pronoun::They), ("its", Pronoun::It)]
        .into_iter()
        .find_map(|(w, p)| w.eq_ignore_ascii_case(word).then_some(p))
}

/// Units of time that a number or "a few" measures out: "Thirteen years
/// earlier, …".
pub fn time_unit(word: &str) -> bool {
    [
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
        "century",
        "centuries",
    ]
    .iter()
    .any(|u| u.eq_ignore_ascii_case(word))
}

/// Adverbs of time that close an introductory phrase: "Hours later, …",
/// "Eight years ago, …", "Perhaps, …".
pub fn time_adverb(word: &str) -> bool {
    [
        "later",
        "earlier",
        "ago",
        "first",
        "perhaps",
        "meanwhile",
        "instead",
        "still",
        "now",
        "then",
        "today",
        "yesterday",
        "tonight",
        "afterward",
        "afterwards",
        "again",
        "however",
        "overall",
        "also",
        "too",
        "before",
        "since",
        "likewise",
        "moreover",
        "furthermore",
        "nonetheless",
        "nevertheless",
        "indeed",
        "otherwise",
    ]
    .iter()
    .any(|a| a.eq_ignore_ascii_case(word))
}

/// Small words that may sit inside a name ("Charles de Gaulle", "Ludwig van
/// Beethoven", "Mohammed bin Salman").
///
/// Case-sensitive: "De" is a capitalised name word, not a particle. The
/// attributor asks the [`PARTICLE`] bit of its per-token word classes first
/// (case-insensitive, from the table probe it already made) and compares
/// strings only for the few words that have it.
pub fn name_particle(word: &str) -> bool {
    PARTICLE_WORDS.contains(&word)
}

const PARTICLE_WORDS: &[&str] = &[
    "de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "dos",
    "das", "y",
];

/// Generational suffixes kept in a name but not its surname.
pub fn name_suffix(word: &str) -> bool {
    matches!(word, "Jr" | "Sr" | "II" | "III" | "IV" | "Jr." | "Sr.")
}

/// Lower-cased last words of buildings and venues named after people
/// ("Vale Tower", "Vale Plaza Hotel"): such a name is a place, not a person.
/// Words that are also common surnames (hall, house, park) are left out.
/// (Bytes: the registry's name words are kept so, and a UTF-8 check per
/// name cost more than the match.)
pub fn venue(word: &[u8]) -> bool {
    matches!(
        word,
        b"tower"
            | b"towers"
            | b"plaza"
            | b"hotel"
            | b"casino"
            | b"resort"
            | b"stadium"
            | b"arena"
            | b"airport"
            | b"building"
            | b"street"
            | b"avenue"
            | b"boulevard"
            | b"grill"
            | b"restaurant"
            | b"mall"
            | b"bridge"
    )
}

/// Departments that complete a title after "of" ("Secretary of State",
/// "Chief of Staff", "Secretary of Homeland Security").
pub fn title_department(word: &str) -> bool {
    [
        "state",
        "staff",
        "defense",
        "defence",
        "homeland",
        "security",
        "justice",
        "treasury",
        "commerce",
        "labor",
        "energy",
        "education",
        "transportation",
        "agriculture",
        "interior",
        "health",
        "housing",
        "veterans",
    ]
    .iter()
    .any(|d| d.eq_ignore_ascii_case(word))
}

/// [`name_suffix`] for a lower-cased name word ("jr.", "iii").
/// (Bytes, as the registry keeps its name words.)
pub fn lower_name_suffix(word: &[u8]) -> bool {
    matches!(word, b"jr" | b"sr" | b"ii" | b"iii" | b"iv" | b"jr." | b"sr.")
}

/// Head words grouped by meaning, so a descriptor finds the entity whose
/// title says the same thing in other words ("the Belarusian leader" →
/// "Belarusian President …"). Returns one bit per meaning, 0 for none.
pub fn role_class(word: &str) -> u8 {
    let b = word.as_bytes();
    if b.len() > 16 {
        return 0;
    }
    let mut buf = [0u8; 16];
    for (i, c) in b.iter().enumerate() {
        buf[i] = c.to_ascii_lowercase();
    }
    role_class_lower(&buf[..b.len()])
}

/// [`role_class`] of a word with no ASCII capital (the registry's words
/// are lower-cased already: no second lower-casing).
pub fn role_class_lower(b: &[u8]) -> u8 {
    match b {
        b"leader" | b"president" | b"prime" | b"premier" | b"chancellor" | b"dictator" | b"king" | b"queen"
        | b"head" | b"ruler" | b"strongman" | b"autocrat" | b"monarch" | b"emir" | b"sheikh" | b"sultan"
        | b"presidents" | b"leaders" => 1,
        b"envoy" | b"ambassador" | b"representative" | b"emissary" | b"diplomat" | b"negotiator" => 2,
        b"spokesman" | b"spokeswoman" | b"spokesperson" | b"spokesmen" | b"spokeswomen" | b"spokespeople" => 4,
        b"senator" | b"sen" | b"lawmaker" | b"congressman" | b"congresswoman" | b"legislator" | b"rep" => 8,
        b"candidate" | b"nominee" | b"contender" | b"hopeful" | b"frontrunner" | b"front-runner" => 16,
        b"governor" | b"gov" => 32,
        b"minister" | b"secretary" => 64,
        _ => 0,
    }
}

/// List bit: Object pronouns (him, them).
pub const OBJECT: u16 = 1 << 0;
/// List bit: Determiners that open a descriptor (the, a, his).
pub const DETERMINER: u16 = 1 << 1;
/// List bit: Adverbs and auxiliaries between a speaker and the verb (also, has).
pub const FILLER: u16 = 1 << 2;
/// List bit: Relative pronouns (who, which).
pub const RELATIVE: u16 = 1 << 3;
/// List bit: Prepositions and other words that end a noun phrase.
pub const NP_STOP: u16 = 1 << 4;
/// List bit: Words that open an introductory phrase (on, during, while).
pub const INTRO: u16 = 1 << 5;
/// List bit: Capitalised words that are not names (days, sentence openers).
pub const NOT_NAME: u16 = 1 << 6;

const OBJECT_WORDS: &[&str] = &["him", "her", "them", "us", "me", "you", "it"];
const DETERMINER_WORDS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your", "another",
    "one", "some", "several", "many", "two", "three", "four", "five", "both", "each", "every", "other", "most", "few",
    "all", "any", "no",
];
const FILLER_WORDS: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "later",
    "then",
    "once",
    "again",
    "just",
    "would",
    "will",
    "did",
    "does",
    "do",
    "was",
    "were",
    "is",
    "are",
    "been",
    "be",
    "not",
    "never",
    "always",
    "even",
    "still",
    "often",
    "soon",
    "first",
    "recently",
    "further",
    "too",
    "previously",
    "earlier",
    "since",
    "ever",
    "already",
    "now",
    "quickly",
    "simply",
    "could",
    "might",
    "may",
    "should",
    "must",
    "can",
    "went",
    "go",
    "goes",
    "gone",
    "on",
    "to",
    "likes",
    "like",
    "liked",
    "wants",
    "want",
    "wanted",
    "used",
    "continued",
    "continues",
    "repeatedly",
    "famously",
    "herself",
    "himself",
    "themselves",
    "itself",
    "back",
    "once",
    "long",
    "separately",
    "privately",
    "publicly",
    "bluntly",
    "flatly",
    "angrily",
    "jokingly",
    "tweeted",
    "wrote",
    "posted",
    "added",
    "explained",
    // adverbs of manner and frequency between a speaker and the verb
    "only",
    "merely",
    "reportedly",
    "allegedly",
    "apparently",
    "supposedly",
    "quietly",
    "loudly",
    "openly",
    "frankly",
    "candidly",
    "proudly",
    "sharply",
    "firmly",
    "strongly",
    "directly",
    "explicitly",
    "specifically",
    "ultimately",
    "finally",
    "eventually",
    "initially",
    "originally",
    "subsequently",
    "immediately",
    "briefly",
    "plainly",
    "clearly",
    "tersely",
    "calmly",
    "emphatically",
    "forcefully",
    "defiantly",
    "sarcastically",
    "wryly",
    "dryly",
    "softly",
    "confidently",
    "consistently",
    "frequently",
    "routinely",
    "regularly",
    "usually",
    "typically",
    "personally",
    "formally",
    "officially",
    "lately",
];
const RELATIVE_WORDS: &[&str] = &["who", "which", "whom"];
const NP_STOP_WORDS: &[&str] = &[
    "in", "on", "at", "for", "with", "from", "during", "after", "before", "to", "by", "about", "as", "that", "when",
    "while", "because", "if", "and", "but", "or", "who", "which", "where", "whose", "than", "into", "over", "under",
    "via", "between", "across", "behind", "beyond", "near", "toward", "towards", "around", "per", "through", "since",
    "until", "amid", "among", "against", "without", "within", "upon", "told", "said", "says", "is", "was", "are",
    "were", "has", "had", "have", "will", "would", "did", "does", "not",
];
const INTRO_WORDS: &[&str] = &[
    "outside",
    "inside",
    "near",
    "across",
    "around",
    "behind",
    "throughout",
    "on",
    "in",
    "during",
    "while",
    "after",
    "before",
    "as",
    "when",
    "although",
    "though",
    "if",
    "since",
    "at",
    "for",
    "with",
    "without",
    "under",
    "despite",
    "following",
    "given",
    "because",
    "meanwhile",
    "however",
    "still",
    "yet",
    "but",
    "and",
    "so",
    "also",
    "then",
    "now",
    "later",
    "earlier",
    "today",
    "yesterday",
    "last",
    "by",
    "from",
    "over",
    "amid",
    "alongside",
    "despite",
    "amid",
    "among",
    "unlike",
    "like",
    "speaking",
    "asked",
    "instead",
    "indeed",
    "moreover",
    "separately",
    "afterward",
    "afterwards",
    "once",
    "until",
    "unless",
    "upon",
    "according",
    "writing",
    "responding",
    "addressing",
    "earlier",
    "there",
    "here",
    "that",
    "this",
    "in",
];
const NOT_NAME_WORDS: &[&str] = &[
    "nobody",
    "everybody",
    "everyone",
    "somebody",
    "someone",
    "anybody",
    "anyone",
    "may",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "its",
    "our",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "during",
    "after",
    "before",
    "but",
    "and",
    "or",
    "so",
    "if",
    "when",
    "while",
    "as",
    "although",
    "though",
    "because",
    "since",
    "unless",
    "there",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "photo",
    "related",
    "read",
    "watch",
    "listen",
    "more",
    "also",
    "then",
    "now",
    "yes",
    "no",
    "not",
    "all",
    "some",
    "many",
    "most",
    "one",
    "two",
    "three",
    "according",
    "meanwhile",
    "however",
    "still",
    "yet",
    "even",
    "perhaps",
    "maybe",
    "just",
    "only",
    "among",
    "both",
    "each",
    "every",
    "such",
    "over",
    "under",
    "about",
    "by",
    "to",
    "of",
    "original",
    "url",
    "source",
    "christmas",
    "easter",
    "thanksgiving",
    "ramadan",
    "is",
    "was",
    "are",
    "were",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "let",
    "please",
    "thank",
    "thanks",
    "mr",
    "mrs",
    "ms",
    "dr",
    "full",
    "text",
    "abstract",
    "update",
    "updated",
    "advertisement",
    "copyright",
    "has",
    "have",
    "had",
    "regarding",
    "despite",
    "whatever",
    "whoever",
    "whenever",
    "wherever",
    "without",
    "within",
    "unlike",
    "amid",
    "amidst",
    "throughout",
    "toward",
    "towards",
    "through",
    "upon",
    "beyond",
    "besides",
    "except",
    "via",
    "like",
];

/// Days, months and times of day (also not names).
const CALENDAR_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "night",
    "morning",
    "afternoon",
    "evening",
    "week",
    "month",
    "year",
    "today",
    "yesterday",
    "tonight",
    "last",
    "this",
    "earlier",
];

/// List bit: Days, months and times of day.
pub const CALENDAR: u16 = 1 << 7;
/// List bit: Name particles in any case (see [`name_particle`]).
pub const PARTICLE: u16 = 1 << 8;

pub(crate) const LISTS: &[(u16, &[&str])] = &[
    (CALENDAR, CALENDAR_WORDS),
    (NOT_NAME, CALENDAR_WORDS),
    (OBJECT, OBJECT_WORDS),
    (DETERMINER, DETERMINER_WORDS),
    (FILLER, FILLER_WORDS),
    (RELATIVE, RELATIVE_WORDS),
    (NP_STOP, NP_STOP_WORDS),
    (INTRO, INTRO_WORDS),
    (NOT_NAME, NOT_NAME_WORDS),
    (PARTICLE, PARTICLE_WORDS),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pronoun_with_a_contracted_auxiliary_is_the_pronoun() {
        assert_eq!(pronoun("I'm"), Some(Pronoun::I));
        assert_eq!(pronoun("They’re"), Some(Pronoun::They));
        assert_eq!(pronoun("we've"), Some(Pronoun::We));
        assert_eq!(pronoun("he’d"), Some(Pronoun::He));
        // a possessive or a name with an apostrophe is not
        assert_eq!(pronoun("O'Neill"), None);
        assert_eq!(pronoun("Lind's"), None);
        assert_eq!(pronoun("Ima"), None);
    }

    /// The class table keys are the list words lower-cased (ASCII) and
    /// inline: a list word that is not would never be found as written.
    #[test]
    fn list_words_are_found_in_any_case() {
        for (bit, list) in LISTS {
            for w in *list {
                assert!(w.is_ascii() && *w == w.to_ascii_lowercase() && w.len() <= 16, "{w:?}");
                assert_ne!(class_of(w) & bit, 0, "{w:?}");
                assert_ne!(class_of(&w.to_ascii_uppercase()) & bit, 0, "{w:?}");
            }
        }
        assert_eq!(class_of("Varenko"), 0);
        assert_eq!(class_of(""), 0);
    }
}
