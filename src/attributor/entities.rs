//! The document's entity registry and the resolution of mentions to it.
//!
//! Built once per document, before any quote is attributed:
//! - E1 **Names.** Every run of capitalised words (with the titles, role
//!   nouns and demonyms that lead it: "Belarusian President Alexander
//!   Varenko", "US envoy Peter Halvik") gives a name and its descriptors.
//!   Runs that share a surname are one entity; the fullest name is its
//!   canonical form; a single word matches the entity whose surname or first
//!   name it is, the most recent one first.
//! - E2 **Appositives.** "Ruth Marsh, the Democratic nominee," and
//!   "Maria Lundvik, a spokeswoman for the ministry," add their words to the
//!   entity's descriptors.
//! - E3 **Gender** comes from the article: titles and role words next to the
//!   name (Mr., spokeswoman), and he/she opening the sentence after one in
//!   which the person is the first mention.
//! - E4 **Descriptors** ("the Belarusian leader", "the envoy", "the American
//!   president") resolve to the most recent entity whose descriptors share
//!   the head's meaning (leader ~ president) and, when the descriptor names a
//!   place, that place (American ~ US, Belarusian ~ Belarus).
//! - E5 **Pronouns** resolve to the nearest compatible person before them in
//!   their sentence, else to the first compatible person of each earlier
//!   sentence (the subject), up to six sentences back.

use super::words::{self, Pronoun};
use super::Doc;
use crate::lexicon::{cat, FastHash};
use std::hash::Hasher;

/// Gender as the article tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// he
    Male,
    /// she
    Female,
}

/// One person or organisation of the document.
#[derive(Clone, Debug)]
pub struct Entity {
    /// The name run (first and last token of the name proper) of the
    /// fullest name seen: [`Registry::canonical`] reads the name off it
    /// when a quote asks, not every time a fuller name turns up.
    pub name: (usize, usize),
    /// Lower-cased words of the canonical name, as a range (start, count)
    /// of `Registry::name_words`: ids in the word index, not a string
    /// each.
    pub words: (u32, u32),
    /// Lower-cased descriptor words (titles, roles, appositives): its most
    /// recent link in `Registry::descriptors` (`NO_LINK` for none), not a
    /// string each (see `Registry::descriptors_of`).
    pub descriptors: u32,
    /// Place groups of its descriptors.
    pub places: Vec<u16>,
    /// Votes for male and female.
    pub votes: [u32; 2],
    /// True for an organisation.
    pub org: bool,
    /// True when a descriptor places it (US, Belarusian, Lithuanian).
    pub placed: bool,
    /// The `words::role_class` bits of its descriptors.
    pub role_bits: u8,
    /// Every word of its name is a place in the lexicon ("New York").
    pub place: bool,
    /// Every mention follows a locative preposition ("in Brenvik").
    pub located: bool,
    /// Its name ends in a building or venue word ("Vale Tower").
    pub venue: bool,
    /// Some mention follows "in" or "across" ("campaigning in Massachusetts
    /// and Vermont"): people are not written so.
    pub somewhere: bool,
    /// Some mention follows "the" ("the Wall Street Journal"): people are
    /// not written so.
    pub determined: bool,
    /// Some mention is the subject of a reporting verb ("Vale said").
    pub speaks: bool,
}

impl Entity {
    /// Could "he" or "she" stand for it? A person is not an organisation or
    /// a place, and shows it: a gender learned from the article, a title or
    /// role, speech of its own, or a first name and a surname. A single
    /// capitalised word with
    /// none of these ("Like", "Brenvik", "Muslims") is left unresolved
    /// rather than guessed.
    pub fn person_like(&self) -> bool {
        // a name the article once writes after "in" ("appearing in South
        // Kalmar") is a place unless it speaks or holds a role
        let placed_only = self.somewhere && !self.speaks && self.role_bits == 0;
        !(self.org || self.place || self.venue || self.located || self.determined || placed_only)
            && (self.votes != [0, 0] || self.role_bits != 0 || self.speaks || self.words.1 >= 2)
    }

    /// The gender the votes say, if any.
    pub fn gender(&self) -> Option<Gender> {
        match self.votes {
            [m, f] if m > f => Some(Gender::Male),
            [m, f] if f > m => Some(Gender::Female),
            _ => None,
        }
    }
}

/// A mention of an entity in the writer's text (not inside a quote).
#[derive(Clone, Copy, Debug)]
pub struct EntityMention {
    /// First token.
    pub tok: usize,
    /// Writer sentence.
    pub sent: u32,
    /// The entity.
    pub entity: usize,
}

/// All entities of one document and where they are mentioned.
#[derive(Debug, Default)]
pub struct Registry {
    /// The entities.
    pub entities: Vec<Entity>,
    /// Mentions in text order (writer's text only).
    pub mentions: Vec<EntityMention>,
    /// The entities' name words (see [`Entity::words`]), ids in `by_word`:
    /// a fuller name appends its words and leaves the old ones unread.
    name_words: Vec<u32>,
    /// Entity of a name run starting at a token, as (token, entity) sorted
    /// by token: runs are found in text order, so a push keeps it sorted
    /// and a binary search finds one (no hashing per run).
    at: Vec<(usize, usize)>,
    /// Surname or first name → entities, most recent first.
    by_word: WordIndex,
    /// A filter of every entity's descriptor words (a bit per word hash,
    /// see [`descriptor_bit`]) and the union of their role class bits: a
    /// descriptor that no entity could match ("the campaign") is answered
    /// without reading the last 150 mentions.
    descriptor_bits: [u64; 16],
    role_bits: u8,
    /// Every entity's descriptors as (start, end, next older link of the
    /// same entity or [`NO_LINK`]) into `descriptor_text`: one buffer for
    /// the document rather than a string and a list per entity (only
    /// `any` ever reads them, so their order does not matter).
    descriptors: Vec<(u32, u32, u32)>,
    descriptor_text: Vec<u8>,
}

/// A run of name tokens: `first..=last`, with where the name itself starts.
#[derive(Clone, Copy, Debug)]
pub struct NameRun {
    /// First token (titles included).
    pub first: usize,
    /// First token of the name proper.
    pub name_first: usize,
    /// Last token.
    pub last: usize,
}

impl Registry {
    /// E1–E3: builds the registry of `doc`.
    pub fn build(doc: &Doc) -> Registry {
        let mut reg = Registry::default();
        let n = doc.toks.len();
        // the name runs, in text order: where one starts and ends depends on
        // the document only, not on what the registry holds
        // (about one token in ten starts one: room for them up front, not
        // a vector doubled again and again)
        // (each with its index in `openers`, or `NOT_OPENER`)
        let mut runs: Vec<(NameRun, u32)> = Vec::with_capacity(n / 8);
        // a lone capitalised word opening a sentence ("Speaking", "Instead",
        // "Given") is a name only if a reporting verb follows it ("Vale
        // said") or the article capitalises it inside a sentence too
        let mut openers = Openers::default();
        // a filter of their first bytes, which the stripping of a possessive
        // leaves as they are: read before the word is sliced and stripped
        let mut opener_firsts = [false; 256];
        // the passes below read only the marked words (capitalised, titles,
        // determiners): every token they stop at is one
        let marked = &doc.b.marked;
        // the writer's "the"s, where descriptors start: gathered in this
        // pass for `descriptor_mentions` (a third pass over the marked
        // words cost more than the test here)
        let mut thes = Vec::with_capacity(marked.len() / 4);
        // the capitalised words, for the openers' pass below: gathered
        // here, where each marked word's record is read anyway, so that
        // pass reads only them
        let mut caps = Vec::with_capacity(marked.len());
        // the first token after the last run
        let mut next = 0;
        for &k in marked {
            let k = k as usize;
            if doc.is_word(k) && doc.is_cap(k) {
                caps.push(k as u32);
            }
            // "the" is a determiner: the bit test skips most words
            // (the three bytes matched as a pattern: no call, no loop)
            if doc.has(k, words::DETERMINER)
                && !doc.in_quote(k)
                && matches!(doc.word_bytes(k), [b't' | b'T', b'h' | b'H', b'e' | b'E'])
            {
                thes.push(k as u32);
            }
            if k < next || !doc.may_start_name(k) {
                continue;
            }
            let Some(run) = doc.name_run_at(k) else { continue };
            next = run.last + 1;
            if doc.in_headline(run.first) {
                continue;
            }
            let opener = run.first == run.last
                && sentence_initial(doc, run.first)
                && !doc.next(run.last).is_some_and(|v| doc.is_cue(v));
            let mut slot = NOT_OPENER;
            if opener {
                let w = strip_possessive(doc.word(run.first));
                slot = openers.add(w) as u32;
                match w.as_bytes().first() {
                    Some(&f) => opener_firsts[f as usize] = true,
                    None => opener_firsts = [true; 256],
                }
            }
            runs.push((run, slot));
        }
        // each opener's word → is it capitalised inside a sentence somewhere?
        // (one pass over the capitals; a word found so once needs no
        // second look)
        if !openers.words.is_empty() {
            for &k in &caps {
                let k = k as usize;
                if !opener_firsts[doc.text.as_bytes()[doc.toks[k].span.start] as usize] {
                    continue;
                }
                // (read as bytes: sliced as text only when it may end in a
                // possessive)
                let mut w = doc.word_bytes(k);
                if may_end_possessive(w) {
                    w = strip_possessive_ending(doc.word(k)).as_bytes();
                }
                if let Some(i) = openers.find(w) {
                    if !openers.words[i].mid && !sentence_initial(doc, k) {
                        openers.words[i].mid = true;
                    }
                }
            }
        }

        // each run adds an entry here and may add an entity, a mention and
        // its words to the index: room for them once
        reg.at.reserve(runs.len());
        reg.mentions.reserve(runs.len());
        reg.entities.reserve(runs.len());
        reg.by_word.reserve(runs.len());
        reg.name_words.reserve(2 * runs.len());
        // (and a descriptor for about every other run, of some eight bytes)
        reg.descriptors.reserve(runs.len() / 2);
        reg.descriptor_text.reserve(4 * runs.len());
        // (room for a long name: the buffers are reused run after run)
        let mut lower =
            LowerWords { buf: Vec::with_capacity(64), words: Vec::with_capacity(8), ids: Vec::with_capacity(8) };
        for (run, slot) in runs {
            if slot != NOT_OPENER && !openers.words[slot as usize].mid {
                continue;
            }
            let e = reg.add_run(doc, run, &mut lower);
            reg.at.push((run.first, e));
            if !doc.in_quote(run.first) {
                reg.mentions.push(EntityMention { tok: run.first, sent: doc.b.tok[run.first].sent, entity: e });
            }
            reg.appositive(doc, run.last + 1, e);
        }
        reg.descriptor_mentions(doc, &thes);
        reg.learn_gender(doc);
        reg
    }

    fn add_run(&mut self, doc: &Doc, run: NameRun, lower: &mut LowerWords) -> usize {
        // the name's words, lower-cased into one reused buffer: most runs
        // name an entity seen before and need no string of their own
        lower.clear();
        // (in the same pass: is it an organisation, is every word a place)
        let (mut org, mut all_places) = (false, true);
        for k in run.name_first..=run.last {
            let flags = doc.b.tok[k].lex.flags;
            org |= flags & cat::ORG != 0 && flags & cat::ROLE == 0;
            if doc.is_word(k) {
                all_places &= flags & cat::PLACE != 0;
                // (read as bytes: sliced as text only when it may end in a
                // possessive)
                let mut w = doc.word_bytes(k);
                if may_end_possessive(w) {
                    w = strip_possessive_ending(doc.word(k)).as_bytes();
                }
                lower.push(w, &doc.text.as_bytes()[doc.toks[k].span.start..]);
            }
        }
        // the surname is the last word, a suffix included: "Jon Vale Jr."
        // files under "jr", so father and son stay apart (skipping the
        // suffix merged "Vale Sr." into the son named before, and "the
        // younger Mr. Vale" went to the father: measured on PolNeAR)
        let (surname, surname_hash) = match lower.len() {
            0 => (&b""[..], word_hash(b"")),
            n => (lower.get(n - 1), lower.hash(n - 1)),
        };
        // a gendered title ("Mr.", "Mrs.", "Sen." is not) keeps a couple
        // apart ("Mrs. Vale" is not the "Jon Vale" just named) and a person
        // from a company that bears the name ("Mr. Vale", "Vale Holdings")
        let titled = (run.first..run.name_first).fold([false, false], |mut g, k| {
            let lx = doc.b.tok[k].lex.flags;
            g[0] |= lx & cat::MALE != 0 && lx & cat::TITLE != 0;
            g[1] |= lx & cat::FEMALE != 0 && lx & cat::TITLE != 0;
            g
        });
        let clashes = |ent: &Entity| {
            (ent.org || ent.venue) && (titled[0] || titled[1])
                || match ent.gender() {
                    Some(Gender::Male) => titled[1] && !titled[0],
                    Some(Gender::Female) => titled[0] && !titled[1],
                    None => false,
                }
        };
        // the surname looked up once for the searches below and for its
        // entry in the index (a word found stays where it is)
        let surname_at = self.by_word.probe(surname, surname_hash);
        // E1: an existing entity with this surname (or first name) and no clash
        // A lone word ("Vale", "Mr. Vale") is most often a surname: it joins
        // a fuller name that ends in it ("Jon Vale Jr.") before one it only
        // opens ("Vale Tower", "Vale Holdings"), the latest of either kind
        // (a word is in the index once, so the same word is the same id: a
        // surname not in it ends no entity's name)
        let ends_in = |ent: &Entity| {
            ent.words.1 > 1
                && surname_at.is_ok_and(|at| {
                    self.entity_words(ent)
                        .iter()
                        .rev()
                        .find(|&&w| !is_name_suffix(self.by_word.word(w)))
                        .is_some_and(|&w| w as usize == at)
                })
        };
        let fits = |e: &usize| self.compatible(&self.entities[*e], lower) && !clashes(&self.entities[*e]);
        let bearers = match surname_at {
            Ok(i) => self.by_word.words[i].head,
            Err(_) => NO_LINK,
        };
        // (one walk for both searches: the latest bearer that fits, and
        // for a lone word the latest that fits and ends in it, which wins;
        // a walk each judged the first bearers twice)
        let (mut found, mut first_fit) = (None, None);
        for e in self.by_word.links_from(bearers) {
            if !fits(&e) {
                continue;
            }
            first_fit = first_fit.or(Some(e));
            if lower.len() != 1 || ends_in(&self.entities[e]) {
                found = Some(e);
                break;
            }
        }
        let mut found = found.or(first_fit);
        // (a lone word is its own surname)
        if found.is_none() && lower.len() == 1 && titled == [false, false] {
            found = self.by_word.links_from(bearers).next();
        }
        // the run's words become the entity's when it is new or fuller
        let (e, adopt) = match found {
            Some(e) => (e, lower.len() > self.entities[e].words.1 as usize),
            None => {
                self.entities.push(Entity {
                    name: (run.name_first, run.last),
                    words: (0, 0),
                    descriptors: NO_LINK,
                    places: Vec::new(),
                    votes: [0, 0],
                    org,
                    placed: false,
                    role_bits: 0,
                    place: true,
                    located: true,
                    somewhere: false,
                    venue: false,
                    determined: false,
                    speaks: false,
                });
                (self.entities.len() - 1, true)
            }
        };
        lower.ids.clear();
        let n = lower.len();
        let mut start = 0;
        for (i, &(end, hash)) in lower.words.iter().enumerate() {
            let id = match surname_at {
                Ok(at) if i + 1 == n => self.by_word.add_at(at, e),
                _ => self.by_word.add(&lower.buf[start..end], hash, e),
            };
            lower.ids.push(id);
            start = end;
        }
        // what the entity already is needs no second look: each flag only
        // ever goes one way
        // (the tokens around the run found once: the flags below read them
        // again and again, and each step back skips markup)
        let before = doc.prev(run.first);
        let word_before = before.filter(|&p| doc.is_word(p)).map(|p| doc.word_bytes(p));
        let ent = &self.entities[e];
        let place = ent.place && all_places;
        let located = ent.located
            && word_before.is_some_and(|wp| {
                [&b"in"[..], b"at", b"from", b"near", b"outside", b"across", b"into", b"through"]
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(wp))
            });
        // "in Vale’s office" is about a person; "in Brenvik", "in Salem and
        // Brenvik" places the name (a comma does not: "in Brenvik, and Vale")
        // (the walk's first step taken here: most names follow a word that
        // is neither capitalised nor "and", and then the word is the answer)
        let somewhere = ent.somewhere
            || !doc.ends_name(run.last)
                && match before {
                    Some(p) if doc.is_cap(p) || doc.word_bytes(p) == b"and" => placed_in(doc, before),
                    _ => word_before.is_some_and(places_after),
                };
        let venue = lower.len() > 1 && words::venue(lower.get(lower.len() - 1));
        let determined = ent.determined || word_before.is_some_and(|wp| wp.eq_ignore_ascii_case(b"the"));
        let speaks = ent.speaks
            || doc.next(run.last).is_some_and(|n| doc.is_word(n) && doc.is_speech(n))
            || before.is_some_and(|p| doc.is_word(p) && doc.is_speech(p));
        let ent = &mut self.entities[e];
        ent.place = place;
        ent.located = located;
        ent.somewhere = somewhere;
        ent.venue |= venue;
        ent.determined = determined;
        ent.speaks = speaks;
        if adopt {
            ent.name = (run.name_first, run.last);
            ent.words = (self.name_words.len() as u32, lower.ids.len() as u32);
            self.name_words.extend_from_slice(&lower.ids);
        }
        // descriptors from the title part; Mr., Mrs. and Ms. are no
        // descriptors but the surest sign of a person and their gender
        // (only here, before the name: in an appositive they are another
        // person's — "Lind, an adviser to Mr. Vale")
        for k in run.first..run.name_first {
            self.add_descriptor(doc, e, k);
        }
        if titled != [false, false] && (run.first..run.name_first).any(|k| words::not_a_name(doc.word(k))) {
            let ent = &mut self.entities[e];
            ent.votes[0] += 2 * titled[0] as u32;
            ent.votes[1] += 2 * titled[1] as u32;
        }
        e
    }

    /// The name words of `ent`, as ids in the word index.
    fn entity_words(&self, ent: &Entity) -> &[u32] {
        let (start, n) = (ent.words.0 as usize, ent.words.1 as usize);
        &self.name_words[start..start + n]
    }

    /// Two name word lists can be one person when the shorter agrees with
    /// the longer (same surname; a first name, when both have one, the
    /// same).
    fn compatible(&self, ent: &Entity, b: &LowerWords) -> bool {
        let a = self.entity_words(ent);
        if a.len() == 1 || b.len() == 1 {
            return true;
        }
        let fa = self.by_word.word(a[0]);
        let fb = b.get(0);
        fa == fb || trim_points(fa) == first_char(fb) || trim_points(fb) == first_char(fa)
    }

    /// The canonical name of entity `e`: the words of its fullest name,
    /// titles and possessives stripped.
    pub fn canonical(&self, doc: &Doc, e: usize) -> String {
        let (first, last) = self.entities[e].name;
        let mut canonical = String::with_capacity(doc.toks[last].span.end - doc.toks[first].span.start);
        for k in first..=last {
            if doc.is_word(k) {
                if !canonical.is_empty() {
                    canonical.push(' ');
                }
                let w = strip_possessive(doc.word(k));
                canonical.push_str(w);
                // an initial or a suffix keeps its point: "Jon B. Lind Jr."
                let initial = w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase()) || words::name_suffix(w);
                if initial
                    && doc
                        .next(k)
                        .is_some_and(|n| doc.word_bytes(n) == b"." && doc.toks[n].span.start == doc.toks[k].span.end)
                {
                    canonical.push('.');
                }
            }
        }
        canonical
    }

    fn add_descriptor(&mut self, doc: &Doc, e: usize, k: usize) {
        if !doc.is_word(k) {
            return;
        }
        let lx = doc.b.tok[k].lex;
        let ent = &mut self.entities[e];
        let stem = strip_possessive(doc.word(k));
        // (lower-cased on the stack: most descriptors are no name word or
        // one the entity has already, and need no string of their own)
        let (mut buf, mut owned) = ([0u8; 32], String::new());
        let w = lowercase_bytes(stem, &mut buf, &mut owned);
        if lx.flags & cat::PLACE != 0 {
            ent.places.push(lx.place);
            ent.placed = true;
        } else if doc.is_cap(k) && lx.flags & (cat::TITLE | cat::ROLE) == 0 && looks_demonym(doc.word(k)) {
            ent.placed = true; // "Belarusian President": a demonym we have no entry for
        }
        if words::not_a_name_bytes(w) {
            return;
        }
        if lx.flags & cat::MALE != 0 {
            ent.votes[0] += 2;
        }
        if lx.flags & cat::FEMALE != 0 {
            ent.votes[1] += 2;
        }
        let role = words::role_class_lower(w);
        ent.role_bits |= role;
        self.role_bits |= role;
        // (`w` is `lowercase(stem)`: no second lower-casing)
        let head = ent.descriptors;
        if !self.descriptors_of(head).any(|d| d == w) {
            let b = descriptor_bit(w);
            self.descriptor_bits[b / 64] |= 1 << (b % 64);
            let start = self.descriptor_text.len() as u32;
            self.descriptor_text.extend_from_slice(w);
            self.descriptors.push((start, self.descriptor_text.len() as u32, head));
            self.entities[e].descriptors = (self.descriptors.len() - 1) as u32;
        }
    }

    /// The lower-cased descriptors linked from `link` (an entity's
    /// [`Entity::descriptors`]), most recent first.
    fn descriptors_of(&self, mut link: u32) -> impl Iterator<Item = &[u8]> + '_ {
        std::iter::from_fn(move || {
            let &(start, end, next) = self.descriptors.get(link as usize)?;
            link = next;
            Some(&self.descriptor_text[start as usize..end as usize])
        })
    }

    /// E2: ", the Democratic nominee," / ", a spokeswoman for the ministry,"
    fn appositive(&mut self, doc: &Doc, k: usize, e: usize) {
        if k >= doc.toks.len() || doc.word_bytes(k) != b"," {
            return;
        }
        let Some(d) = doc.next(k) else { return };
        if !(doc.is_word(d) && doc.has(d, words::DETERMINER)) {
            return;
        }
        // "In Brenvik, a young woman asked …": a phrase that runs into a
        // verb is the next clause's subject, not an appositive
        let mut words = [0usize; 8];
        let mut n = 0;
        let mut j = d;
        while let Some(nx) = doc.next(j) {
            if !doc.is_word(nx) || n >= words.len() {
                break;
            }
            if doc.is_cue(nx) {
                return;
            }
            if doc.b.tok[nx].lex.flags & (cat::ROLE | cat::TITLE | cat::PLACE | cat::MALE | cat::FEMALE) != 0
                || doc.is_cap(nx)
            {
                words[n] = nx;
                n += 1;
            }
            j = nx;
        }
        for &w in &words[..n] {
            self.add_descriptor(doc, e, w);
        }
    }

    /// E4: descriptor mentions in the writer's text count as mentions of the
    /// entity they resolve to (so a pronoun after "the Belarusian leader
    /// indicated …" finds the leader). `thes` are the writer's "the"s, in
    /// text order.
    fn descriptor_mentions(&mut self, doc: &Doc, thes: &[u32]) {
        // with no role and no descriptor in the registry, every descriptor
        // resolves to nothing (see `resolve_descriptor`): none is looked for
        if self.role_bits == 0 && self.descriptor_bits == [0; 16] {
            return;
        }
        let mut extra = Vec::new();
        for &k in thes {
            let k = k as usize;
            if let Some(m) = doc.descriptor_from(k) {
                if let Some(e) = self.resolve_descriptor(doc, m.first, m.last) {
                    extra.push(EntityMention { tok: k, sent: doc.b.tok[k].sent, entity: e });
                }
            }
        }
        if !extra.is_empty() {
            // both lists are in token order (the runs' mentions were pushed
            // run by run, these in the order of the marked words): merge
            // them rather than append and sort, a run's mention first on a
            // tie, as the stable sort had it
            let runs = std::mem::take(&mut self.mentions);
            let mut merged = Vec::with_capacity(runs.len() + extra.len());
            let mut extra = extra.into_iter().peekable();
            for m in runs {
                while let Some(x) = extra.next_if(|x| x.tok < m.tok) {
                    merged.push(x);
                }
                merged.push(m);
            }
            merged.extend(extra);
            self.mentions = merged;
        }
    }

    /// E3: he/she opening a sentence votes for the first person of the
    /// sentence before.
    fn learn_gender(&mut self, doc: &Doc) {
        let mut votes = Vec::new();
        for (i, m) in self.mentions.iter().enumerate() {
            // first mention of its sentence?
            if i > 0 && self.mentions[i - 1].sent == m.sent {
                continue;
            }
            if self.entities[m.entity].org {
                continue;
            }
            if let Some(p) = doc.first_pronoun_of_sentence(m.sent + 1) {
                match p {
                    Pronoun::He => votes.push((m.entity, 0)),
                    Pronoun::She => votes.push((m.entity, 1)),
                    _ => {}
                }
            }
        }
        for (e, g) in votes {
            self.entities[e].votes[g] += 1;
        }
    }

    /// The entity a name run (or a single name word) refers to at `tok`.
    pub fn resolve_name(&self, doc: &Doc, first: usize, last: usize) -> Option<usize> {
        if let Ok(i) = self.at.binary_search_by_key(&first, |&(k, _)| k) {
            return Some(self.at[i].1);
        }
        // a name inside a larger run, or a bracketed referent; "of" ends
        // the person's name ("former Gov. Ben Rowan of New Mexico")
        let mut best = None;
        for k in first..=last {
            if best.is_some() && doc.word_bytes(k) == b"of" {
                break;
            }
            if !doc.is_word(k) {
                continue;
            }
            let (mut buf, mut owned) = ([0u8; 32], String::new());
            let w = lowercase_bytes(strip_possessive(doc.word(k)), &mut buf, &mut owned);
            if let Some(e) = self.by_word.latest(w) {
                best = Some(e);
            }
        }
        best
    }

    /// The entity a single lower-cased name word stands for (the latest
    /// one seen when several share it).
    pub fn entity_of_word(&self, w: &str) -> Option<usize> {
        self.by_word.latest(w.as_bytes())
    }

    /// E4: the entity a descriptor `first..=last` (head last) refers to.
    pub fn resolve_descriptor(&self, doc: &Doc, first: usize, last: usize) -> Option<usize> {
        let (mut buf, mut owned) = ([0u8; 32], String::new());
        let head = lowercase_bytes(strip_possessive(doc.word(last)), &mut buf, &mut owned);
        let class = words::role_class_lower(head);
        // no entity has the head's role nor the head as a descriptor
        let b = descriptor_bit(head);
        if self.role_bits & class == 0 && self.descriptor_bits[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
        let mut places: Vec<(u16, String)> = Vec::new();
        for k in first..last {
            if doc.is_word(k) && doc.b.tok[k].lex.flags & cat::PLACE != 0 {
                places.push((doc.b.tok[k].lex.place, lowercase(doc.word(k))));
            } else if doc.is_word(k) && doc.is_cap(k) && !doc.has(k, words::NOT_NAME) {
                places.push((0, lowercase(strip_possessive(doc.word(k)))));
            }
        }
        let matches = |ent: &Entity| {
            let role_ok = ent.role_bits & class != 0 || self.descriptors_of(ent.descriptors).any(|d| d == head);
            if !role_ok {
                return false;
            }
            // a place the entity is not known by rules it out; an entity
            // with no place at all stays a candidate
            !ent.placed
                || places.iter().all(|(pid, w)| {
                    (*pid != 0 && ent.places.contains(pid))
                        || self.descriptors_of(ent.descriptors).any(|d| same_stem(d, w.as_bytes()))
                })
        };
        // the most recent matching entity mentioned before `first`; each
        // entity is judged once, and only the last 150 mentions are read
        let i = self.mentions.partition_point(|m| m.tok < first);
        let mut judged = vec![false; self.entities.len()];
        for m in self.mentions[..i].iter().rev().take(150) {
            if std::mem::replace(&mut judged[m.entity], true) {
                continue;
            }
            if matches(&self.entities[m.entity]) {
                return Some(m.entity);
            }
        }
        None
    }

    /// E5: the entity a pronoun at token `tok` refers to.
    pub fn resolve_pronoun(&self, doc: &Doc, p: Pronoun, tok: usize) -> Option<usize> {
        let want_org = match p {
            Pronoun::He | Pronoun::She => false,
            Pronoun::It | Pronoun::They | Pronoun::We => true,
            _ => return None,
        };
        let ok = |e: usize| {
            let ent = &self.entities[e];
            if want_org {
                return ent.org;
            }
            if !ent.person_like() {
                return false;
            }
            !matches!((p, ent.gender()), (Pronoun::He, Some(Gender::Female)) | (Pronoun::She, Some(Gender::Male)))
        };
        let sent = doc.b.tok[tok].sent;
        let i = self.mentions.partition_point(|m| m.tok < tok);
        let before = &self.mentions[..i];
        // the current sentence: nearest first
        let mut j = before.len();
        while j > 0 && before[j - 1].sent == sent {
            j -= 1;
            if ok(before[j].entity) && !doc.is_object_of_cue(before[j].tok, tok) {
                return Some(before[j].entity);
            }
        }
        // earlier sentences: the first (subject) mention of each, then others
        let mut sentences = 0;
        let mut scanned = 0;
        while j > 0 && sentences < 6 && scanned < 300 {
            let s = before[j - 1].sent;
            let mut start = j;
            while start > 0 && before[start - 1].sent == s {
                start -= 1;
            }
            for m in &before[start..j] {
                scanned += 1;
                if ok(m.entity) {
                    return Some(m.entity);
                }
            }
            j = start;
            sentences += 1;
        }
        None
    }
}

/// The first character of UTF-8 text `w` (empty for none), as a slice of
/// it: its length read off the leading byte.
fn first_char(w: &[u8]) -> &[u8] {
    let len = match w.first() {
        None => 0,
        Some(0..0x80) => 1,
        Some(0xc0..0xe0) => 2,
        Some(0xe0..0xf0) => 3,
        Some(_) => 4,
    };
    &w[..len.min(w.len())]
}

/// `w` without the points that end it ("jr." → "jr").
fn trim_points(w: &[u8]) -> &[u8] {
    let n = w.iter().rev().take_while(|&&b| b == b'.').count();
    &w[..w.len() - n]
}

/// Surname or first name → the entities bearing it: an open-addressing
/// table over the lower-cased words (kept end to end in one string) and one
/// list of links, most recent entity first. A `String` key and a `Vec` per
/// word cost an allocation each, and hashing, growing and freeing them was
/// a tenth of the registry.
#[derive(Debug, Default)]
struct WordIndex {
    /// 1 + index into `words`; 0 for an empty slot. A power of two long,
    /// at most half full.
    slots: Vec<u32>,
    words: Vec<IndexedWord>,
    /// The words' lower-cased UTF-8 text, end to end (bytes: a word is
    /// copied in unchecked, and only [`Registry::compatible`] and a
    /// surname's suffix test read one back, as bytes).
    text: Vec<u8>,
    /// (entity, the next older link of the same word or [`NO_LINK`]).
    links: Vec<(usize, u32)>,
}

#[derive(Debug, Clone, Copy)]
struct IndexedWord {
    hash: u64,
    start: u32,
    end: u32,
    /// Its most recent link.
    head: u32,
}

const NO_LINK: u32 = u32::MAX;

impl WordIndex {
    /// The word `w` (of [`word_hash`] `hash`) in the table (`Ok`, its
    /// index in `words`) or the empty slot it would go in (`Err`).
    fn probe(&self, w: &[u8], hash: u64) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let Some(at) = self.slots[i].checked_sub(1) else { return Err(i) };
            let e = self.words[at as usize];
            if e.hash == hash && &self.text[e.start as usize..e.end as usize] == w {
                return Ok(at as usize);
            }
            i = (i + 1) & mask;
        }
    }

    /// The most recent link of `w` (of [`word_hash`] `hash`; [`NO_LINK`]
    /// for a word not seen).
    fn head(&self, w: &[u8], hash: u64) -> u32 {
        match self.probe(w, hash) {
            Ok(i) => self.words[i].head,
            Err(_) => NO_LINK,
        }
    }

    /// The entities of the links from `link` on (see [`WordIndex::head`]).
    fn links_from(&self, mut link: u32) -> impl Iterator<Item = usize> + '_ {
        std::iter::from_fn(move || {
            let &(e, next) = self.links.get(link as usize)?;
            link = next;
            Some(e)
        })
    }

    /// The most recent entity bearing `w`.
    fn latest(&self, w: &[u8]) -> Option<usize> {
        self.links_from(self.head(w, word_hash(w))).next()
    }

    /// The text of word `id` (an index in `words`).
    fn word(&self, id: u32) -> &[u8] {
        let w = self.words[id as usize];
        &self.text[w.start as usize..w.end as usize]
    }

    /// Entity `e` bears `w` (UTF-8 text of [`word_hash`] `hash`) once more,
    /// unless it was the last to; the word's id.
    fn add(&mut self, w: &[u8], hash: u64, e: usize) -> u32 {
        match self.probe(w, hash) {
            Ok(i) => self.add_at(i, e),
            Err(mut slot) => {
                if (self.words.len() + 1) * 2 > self.slots.len() {
                    self.grow();
                    slot = self.free_slot(hash);
                }
                let start = self.text.len() as u32;
                self.text.extend_from_slice(w);
                self.links.push((e, NO_LINK));
                let head = self.links.len() as u32 - 1;
                self.words.push(IndexedWord { hash, start, end: self.text.len() as u32, head });
                self.slots[slot] = self.words.len() as u32;
                self.words.len() as u32 - 1
            }
        }
    }

    /// [`WordIndex::add`] of the word of index `i` (found by
    /// [`WordIndex::probe`]).
    fn add_at(&mut self, i: usize, e: usize) -> u32 {
        let head = self.words[i].head;
        if self.links[head as usize].0 != e {
            self.links.push((e, head));
            self.words[i].head = self.links.len() as u32 - 1;
        }
        i as u32
    }

    /// Room for the words of `runs` name runs.
    fn reserve(&mut self, runs: usize) {
        self.words.reserve(runs);
        self.links.reserve(2 * runs);
        // (a name word is some eight bytes: the text grown once, not
        // doubled a dozen times)
        self.text.reserve(8 * runs);
    }

    /// The first empty slot for `hash`.
    fn free_slot(&self, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    /// Doubles the table (from 64 slots) and puts the words back.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        self.slots.clear();
        self.slots.resize(size, 0);
        for (i, w) in self.words.iter().enumerate() {
            let slot = self.free_slot(w.hash);
            self.slots[slot] = i as u32 + 1;
        }
    }
}

/// The lower-cased words of a name, one after another in one buffer that
/// [`Registry::build`] reuses from run to run, with their hashes.
#[derive(Debug, Default)]
struct LowerWords {
    /// The words' bytes (UTF-8: each word is lower-cased whole).
    buf: Vec<u8>,
    /// End of each word in `buf`, and its [`word_hash`]: worked out once,
    /// though the surname is looked up twice.
    words: Vec<(usize, u64)>,
    /// Their ids in the word index, once added to it.
    ids: Vec<u32>,
}

impl LowerWords {
    fn clear(&mut self) {
        self.buf.clear();
        self.words.clear();
    }

    /// Appends `w`, lower-cased as [`lowercase`] does; `from` is the text
    /// from `w` on (the bytes after `w` fill a last chunk in one read).
    fn push(&mut self, w: &[u8], from: &[u8]) {
        let start = self.buf.len();
        // eight bytes at a time: lower-cased, hashed as [`word_hash`] does
        // and copied in one pass (no test for ASCII first; a byte by byte
        // copy cost ten instructions a byte); the bytes are or-ed together,
        // and a word with one beyond ASCII is cut off again and lower-cased
        // whole
        let mut h = FastHash::default();
        let mut all = 0;
        let mut i = 0;
        while i < w.len() {
            let x = match from.get(i..i + 8) {
                // the bytes past the word's end masked off
                Some(c) if w.len() - i < 8 => le_chunk(c) & u64::MAX >> (8 * (8 - (w.len() - i))),
                Some(c) => le_chunk(c),
                None => le_chunk(&w[i..]),
            };
            i += 8;
            all |= x;
            let lower = crate::lexicon::lower8(x);
            h.write_u64(lower);
            // (eight bytes written, the padding cut off below)
            self.buf.extend_from_slice(&lower.to_le_bytes());
        }
        let hash = if all & 0x8080_8080_8080_8080 == 0 {
            self.buf.truncate(start + w.len());
            h.finish()
        } else {
            self.buf.truncate(start);
            // (`w` is text: a word cut at a character)
            self.buf.extend_from_slice(std::str::from_utf8(w).unwrap_or_default().to_lowercase().as_bytes());
            word_hash(&self.buf[start..])
        };
        self.words.push((self.buf.len(), hash));
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.words[i - 1].0 };
        &self.buf[start..self.words[i].0]
    }

    fn hash(&self, i: usize) -> u64 {
        self.words[i].1
    }
}

/// The hash of a lower-cased word in [`WordIndex`]: of its eight-byte
/// chunks, the last one zero-padded (as [`LowerWords::push`] makes them).
fn word_hash(w: &[u8]) -> u64 {
    let mut h = FastHash::default();
    for chunk in w.chunks(8) {
        h.write_u64(le_chunk(chunk));
    }
    h.finish()
}

/// Up to eight bytes as a little-endian word, zero-padded.
#[inline]
fn le_chunk(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(c) => u64::from_le_bytes(*c),
        None => b.iter().rev().fold(0, |x, &c| x << 8 | c as u64),
    }
}

/// The lone capitalised words that open a sentence in a document, each
/// with whether the article capitalises it inside a sentence too (see
/// [`Registry::build`]); chained by [`opener_bit`], so a capitalised word
/// is looked up with a compare or two rather than a hash: the bit, read
/// first, rules most words out, and a word it lets through is nearly always
/// one of them (a hash map hashed each such word again).
struct Openers<'a> {
    /// 1 + index in `words` of the latest word of each bit; 0 for none.
    heads: [u32; 512],
    words: Vec<Opener<'a>>,
}

struct Opener<'a> {
    word: &'a str,
    /// 1 + index in `words` of the next word of the same bit; 0 for none.
    next: u32,
    /// Capitalised inside a sentence somewhere.
    mid: bool,
}

/// Index (in `runs` of [`Registry::build`]) of a run that is no opener.
const NOT_OPENER: u32 = u32::MAX;

impl Default for Openers<'_> {
    fn default() -> Self {
        Openers { heads: [0; 512], words: Vec::new() }
    }
}

impl<'a> Openers<'a> {
    /// The index of `w` in `words`.
    fn find(&self, w: &[u8]) -> Option<usize> {
        let mut i = self.heads[opener_bit(w)];
        while i != 0 {
            let o = &self.words[i as usize - 1];
            if o.word.as_bytes() == w {
                return Some(i as usize - 1);
            }
            i = o.next;
        }
        None
    }

    /// Adds `w` (not capitalised inside a sentence, so far) unless it is
    /// in; its index in `words`.
    fn add(&mut self, w: &'a str) -> usize {
        if let Some(i) = self.find(w.as_bytes()) {
            return i;
        }
        let b = opener_bit(w.as_bytes());
        self.words.push(Opener { word: w, next: self.heads[b], mid: false });
        self.heads[b] = self.words.len() as u32;
        self.words.len() - 1
    }
}

/// A bit (of 512) for a word, from its length and its first and last
/// bytes: [`Openers`]' chains.
fn opener_bit(b: &[u8]) -> usize {
    let (first, last) = (b.first().copied().unwrap_or(0) as usize, b.last().copied().unwrap_or(0) as usize);
    (b.len() * 7 + first * 31 + last * 3) % 512
}

/// A bit (of 1024) for a descriptor word: [`Registry::resolve_descriptor`]'s
/// filter.
fn descriptor_bit(w: &[u8]) -> usize {
    let mut h = FastHash::default();
    h.write(w);
    (h.finish() % 1024) as usize
}

/// Does a name whose token before is `before` follow "in" or the like,
/// across up to six capitalised words or "and" ("in Salem and Brenvik")?
/// (a function of its own: inlined in the registry's loop, its six steps
/// back kept a dozen pointers live across the whole loop)
#[inline(never)]
fn placed_in(doc: &Doc, mut before: Option<usize>) -> bool {
    for _ in 0..6 {
        match before {
            Some(p) if doc.is_cap(p) || doc.word_bytes(p) == b"and" => before = doc.prev(p),
            _ => break,
        }
    }
    before.is_some_and(|p| doc.is_word(p) && places_after(doc.word_bytes(p)))
}

/// Does word `wp` place the name after it ("in", "across")? See [`placed_in`].
fn places_after(wp: &[u8]) -> bool {
    [&b"in"[..], b"across", b"throughout", b"near", b"outside"].iter().any(|w| w.eq_ignore_ascii_case(wp))
}

/// The first word of its sentence, or the first inside a quote mark.
fn sentence_initial(doc: &Doc, k: usize) -> bool {
    let first = doc.skip_markup(doc.b.sent_start[doc.b.tok[k].sent as usize]);
    first == Some(k) || doc.prev(k).is_some_and(|p| matches!(doc.toks[p].kind, crate::tokenizer::TokenKind::Mark(_)))
}

/// `w.to_lowercase()`; an ASCII word (nearly every name) byte by byte.
fn lowercase(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        w.to_lowercase()
    }
}

/// `lowercase(w)` as bytes: an ASCII word of up to 32 bytes (nearly every
/// word asked) in `buf`, with no string of its own; any other in `owned`.
fn lowercase_bytes<'b>(w: &str, buf: &'b mut [u8; 32], owned: &'b mut String) -> &'b [u8] {
    let b = w.as_bytes();
    if b.len() <= buf.len() && b.is_ascii() {
        // eight bytes at a time, as `LowerWords::push` does (a chunk's
        // padding lands past the word, in the buffer's spare bytes)
        let mut i = 0;
        while i < b.len() {
            let chunk = le_chunk(&b[i..b.len().min(i + 8)]);
            buf[i..i + 8].copy_from_slice(&crate::lexicon::lower8(chunk).to_le_bytes());
            i += 8;
        }
        &buf[..b.len()]
    } else {
        *owned = lowercase(w);
        owned.as_bytes()
    }
}

/// [`words::lower_name_suffix`] of a lower-cased word as bytes: every
/// suffix is an ASCII word of two or three bytes, so a longer word is no
/// suffix.
fn is_name_suffix(w: &[u8]) -> bool {
    w.len() <= 3 && words::lower_name_suffix(w)
}

/// "Varenko’s" → "Varenko"; "Lithuanians’" → "Lithuanians".
#[inline]
pub fn strip_possessive(w: &str) -> &str {
    // every ending below ends in one of these bytes (’ in 0x99), and an
    // ending in s only after ' or ’: most words (plurals too) end in none
    // and need no comparison (nor a call)
    if may_end_possessive(w.as_bytes()) {
        strip_possessive_ending(w)
    } else {
        w
    }
}

/// Do the last bytes of a word look like a possessive ending or an
/// apostrophe (’s, 's, ’S, 'S, ’, ')? Every ending [`strip_possessive`] and
/// the attributor's possessive test find passes (an s only after an
/// apostrophe: most plurals fail).
#[inline]
pub(super) fn may_end_possessive(w: &[u8]) -> bool {
    matches!(w, [.., b'\'' | 0x99, b's' | b'S'] | [.., b'\'' | 0x99])
}

/// [`strip_possessive`] of a word whose last byte may end a possessive.
#[inline(never)]
fn strip_possessive_ending(w: &str) -> &str {
    for suf in ["’s", "'s", "’S", "'S"] {
        if let Some(s) = w.strip_suffix(suf) {
            return s;
        }
    }
    w.trim_end_matches(['’', '\''])
}

/// Belarusian, Lithuanian, Congolese, Pakistani: the endings of demonyms.
fn looks_demonym(w: &str) -> bool {
    let w = strip_possessive(w);
    w.len() > 4
        && (w.ends_with("ian")
            || w.ends_with("ean")
            || w.ends_with("ese")
            || w.ends_with("ish")
            || w.ends_with("stani"))
}

/// Belarusian ~ Belarus, Lithuanian ~ Lithuania, American ~ America.
/// (UTF-8 text read as bytes: a point is one byte, never part of another
/// character, so trimming bytes trims the same points)
pub fn same_stem(a: &[u8], b: &[u8]) -> bool {
    let a = trim_points(a);
    let b = trim_points(b);
    if a == b {
        return true;
    }
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let shorter = a.len().min(b.len());
    common >= 5 && common + 2 >= shorter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_possessives() {
        assert!(same_stem(b"belarusian", b"belarus"));
        assert!(same_stem(b"lithuanian", b"lithuania"));
        assert!(same_stem(b"ukrainian", b"ukraine"));
        assert!(!same_stem(b"austrian", b"australia"));
        assert_eq!(strip_possessive("Varenko’s"), "Varenko");
        assert_eq!(strip_possessive("Lithuanians’"), "Lithuanians");
        for (w, stem) in [
            ("bus", "bus"),
            ("it's", "it"),
            ("IT'S", "IT"),
            ("ones'", "ones"),
            ("ones''", "ones"),
            ("’", ""),
            ("'s", ""),
            ("s", "s"),
            ("S", "S"),
            ("", ""),
            ("™", "™"),
            ("♙", "♙"),
        ] {
            assert_eq!(strip_possessive(w), stem, "{w:?}");
        }
    }
}
