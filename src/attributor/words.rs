//! Closed word classes of English grammar that the attribution rules read:
//! pronouns, determiners, the adverbs and auxiliaries that may stand between
//! a speaker and a reporting verb, sentence openers, calendar words. Open
//! classes that a newsroom may want to extend (verbs, titles, roles) live in
//! the lexicon instead.

fn is_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
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
        _ => return None,
    };
    Some(p)
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

/// Object pronouns (addressees: "she told him").
pub fn object_pronoun(word: &str) -> bool {
    is_in(word, &["him", "her", "them", "us", "me", "you", "it"])
}

/// Determiners that open a descriptor ("the envoy", "a senior official").
pub fn determiner(word: &str) -> bool {
    is_in(
        word,
        &[
            "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
            "another", "one", "some", "several", "many", "two", "three", "four", "five", "both", "each", "every",
            "other", "most", "few", "all", "any", "no",
        ],
    )
}

/// Words that may stand between a speaker and the reporting verb
/// ("she also said", "he has repeatedly told", "it later wrote").
pub fn verb_filler(word: &str) -> bool {
    if word.len() > 4 && word.ends_with("ly") && word.starts_with(|c: char| c.is_lowercase()) {
        return true; // adverbs: repeatedly, reportedly, previously
    }
    is_in(
        word,
        &[
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
        ],
    )
}

/// Relative pronouns: "the president, who said, ‘…’".
pub fn relative(word: &str) -> bool {
    is_in(word, &["who", "which", "whom"])
}

/// Prepositions and other words that end a noun phrase scanned forward.
pub fn np_stop(word: &str) -> bool {
    is_in(
        word,
        &[
            "in", "on", "at", "for", "with", "from", "during", "after", "before", "to", "by", "about", "as", "that",
            "when", "while", "because", "if", "and", "but", "or", "who", "which", "where", "whose", "than", "into",
            "over", "under", "via", "through", "since", "until", "amid", "among", "against", "without", "within",
            "upon", "told", "said", "says", "is", "was", "are", "were", "has", "had", "have", "will", "would", "did",
            "does", "not",
        ],
    )
}

/// Sentence openers that start an introductory phrase, which ends at the
/// first comma ("On Friday, he stated …", "While dismissing …, the leader …").
pub fn intro(word: &str) -> bool {
    is_in(
        word,
        &[
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
        ],
    )
}

/// Capitalised words that are not names: days, months, sentence openers
/// and function words seen capitalised at the start of a sentence.
pub fn not_a_name(word: &str) -> bool {
    is_in(
        word,
        &[
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
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
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
            "getty",
            "images",
            "ap",
            "afp",
            "reuters",
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
        ],
    )
}

/// Small words that may sit inside a name ("Charles de Gaulle", "Ludwig van
/// Beethoven", "Mohammed bin Salman").
pub fn name_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "del"
            | "della"
            | "di"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "la"
            | "le"
            | "dos"
            | "das"
            | "y"
    )
}

/// Generational suffixes kept in a name but not its surname.
pub fn name_suffix(word: &str) -> bool {
    matches!(word, "Jr" | "Sr" | "II" | "III" | "IV" | "Jr." | "Sr.")
}

/// Head words grouped by meaning, so a descriptor finds the entity whose
/// title says the same thing in other words ("the Belarusian leader" →
/// "Belarusian President …").
pub fn role_class(word: &str) -> &'static str {
    let w = word.to_ascii_lowercase();
    let w = w.as_str();
    match w {
        "leader" | "president" | "prime" | "premier" | "chancellor" | "dictator" | "king" | "queen" | "head"
        | "ruler" | "strongman" | "autocrat" | "monarch" | "emir" | "sheikh" | "sultan" | "presidents" | "leaders" => {
            "leader"
        }
        "envoy" | "ambassador" | "representative" | "emissary" | "diplomat" | "negotiator" => "envoy",
        "spokesman" | "spokeswoman" | "spokesperson" | "spokesmen" | "spokeswomen" | "spokespeople" => "spokesperson",
        "senator" | "sen" | "lawmaker" | "congressman" | "congresswoman" | "legislator" | "rep" => "lawmaker",
        "candidate" | "nominee" | "contender" | "hopeful" | "frontrunner" | "front-runner" => "candidate",
        "governor" | "gov" => "governor",
        "minister" | "secretary" => "minister",
        "mr" | "mrs" | "ms" | "dr" => "",
        _ => "",
    }
}
