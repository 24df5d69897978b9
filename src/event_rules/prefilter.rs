//! Cheap pre-selection of the patterns worth running on a sentence.
//!
//! For every compiled pattern we derive, from its syntax tree, *clauses*:
//! sets of literal words such that any text it matches contains a word of
//! every clause (for `\b{V} (?:\w+ ){0,4}?{OBJ}` with the verbs "close,
//! shut" and the object "border, crossing": one of `clos`, `shut` *and* one
//! of `border`, `crossing`). One Aho-Corasick automaton over all those words
//! tells, in a single pass over a sentence, which patterns can possibly
//! match; only those run. Requiring every clause, not just the rarest, is
//! what keeps vocabulary frames cheap: common verbs are everywhere, their
//! objects much less so. Patterns without such a word (rare) always run.
//!
//! A clause whose words must start a word (`\b(?:head|jet)…`) is marked so:
//! "head" in "ahead" or "jet" in "rejected" then does not make the pattern a
//! candidate. Profiling the 30,000-article corpus showed most pattern runs
//! finding nothing, many of them woken by such word fragments.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_syntax::hir::{Hir, HirKind};
use std::cell::RefCell;

/// Most literals one alternation may contribute before we give up on it.
const MAX_LITERALS: usize = 256;
/// Most clauses kept per pattern (the most selective ones).
const MAX_CLAUSES: usize = 4;
/// Most word-start clauses added on top of those, for the prefilter.
const MAX_WORD_START: usize = 4;

/// Shortest word a clause the scan tests may hold. A clause with a shorter
/// one ("s", "th", "to") holds in nearly every sentence, so it selects
/// nothing, yet the automaton reported each of its words wherever they
/// occur: on the generated corpus such fragments were two thirds of the
/// hundred-odd words the scan reported per sentence. A pattern left with
/// no clause runs on every sentence, as it nearly did anyway.
const MIN_WORD: usize = 3;

/// Whether a clause is worth testing (see [`MIN_WORD`]).
fn selective(c: &Clause) -> bool {
    c.words.iter().all(|w| w.len() >= MIN_WORD)
}

/// Words one of which every match of a pattern contains.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clause {
    /// Whether the words are only counted where they start a word (the
    /// pattern has a word boundary right before them).
    pub word_start: bool,
    pub words: Vec<String>,
}

/// The clauses the prefilter tests: those of [`required_clauses`] plus up to
/// [`MAX_WORD_START`] word-start clauses. Every one is a necessary condition,
/// so more of them only make the filter more selective.
pub fn filter_clauses(pattern: &str) -> Option<Vec<Clause>> {
    filter_clauses_of(parse(pattern).as_ref())
}

/// [`filter_clauses`] of a pattern [`parse`]d already (`None` if it would
/// not parse): a rule's pattern is parsed once for its clauses and its
/// start literals, which was a tenth of loading the rules.
pub fn filter_clauses_of(hir: Option<&Hir>) -> Option<Vec<Clause>> {
    let plain = hir.and_then(required_clauses_of);
    let mut out: Vec<Clause> = Vec::new();
    if let Some(hir) = hir {
        let mut starts: Vec<Vec<String>> = word_start_clauses(hir)
            .into_iter()
            .map(normalise)
            .filter(|c| !c.is_empty() && c.iter().all(|l| starts_with_word_byte(l)))
            .collect();
        starts.sort_by(|a, b| min_len(b).cmp(&min_len(a)).then(a.cmp(b)));
        starts.dedup();
        starts.truncate(MAX_WORD_START);
        out.extend(starts.into_iter().map(|words| Clause {
            word_start: true,
            words,
        }));
    }
    for words in plain.into_iter().flatten() {
        if !out.iter().any(|c| c.words == words) {
            out.push(Clause {
                word_start: false,
                words,
            });
        }
    }
    (!out.is_empty()).then_some(out)
}

pub(super) fn parse(pattern: &str) -> Option<Hir> {
    // Parsed case-sensitively on purpose: case-insensitive parsing turns every
    // letter into a class. The automaton ignores ASCII case instead.
    regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(pattern)
        .ok()
}

fn normalise(c: Vec<Vec<u8>>) -> Vec<String> {
    let mut c: Vec<String> = c
        .into_iter()
        .map(|b| String::from_utf8_lossy(&b).to_lowercase())
        .collect();
    c.sort();
    c.dedup();
    c
}

fn min_len(c: &[String]) -> usize {
    c.iter().map(String::len).min().unwrap_or(0)
}

fn starts_with_word_byte(l: &str) -> bool {
    l.bytes().next().is_some_and(is_word_byte)
}

/// An ASCII word character: one before a word-start literal means the word
/// boundary the pattern wants is not there (for `(?-u:\b)` and for `\b`
/// alike, since these characters are word characters in Unicode too).
pub fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The literal clauses of a pattern; `None` when it has none and must run
/// on every sentence.
pub fn required_clauses(pattern: &str) -> Option<Vec<Vec<String>>> {
    required_clauses_of(&parse(pattern)?)
}

fn required_clauses_of(hir: &Hir) -> Option<Vec<Vec<String>>> {
    let mut clauses: Vec<Vec<String>> = clauses(hir)
        .into_iter()
        .map(normalise)
        .filter(|c| !c.iter().any(|l| l.trim().is_empty()))
        .collect();
    clauses.sort_by(|a, b| {
        let len = |c: &Vec<String>| c.iter().map(String::len).min().unwrap_or(0);
        len(b).cmp(&len(a)).then(a.cmp(b))
    });
    clauses.dedup();
    clauses.truncate(MAX_CLAUSES);
    (!clauses.is_empty()).then_some(clauses)
}

fn score(lits: &[Vec<u8>]) -> usize {
    lits.iter().map(Vec::len).min().unwrap_or(0)
}

/// Every clause a match of `hir` must satisfy.
fn clauses(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(lit) => vec![vec![lit.0.to_vec()]],
        HirKind::Capture(cap) => clauses(&cap.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => clauses(&rep.sub),
        HirKind::Concat(children) => children.iter().flat_map(clauses).collect(),
        HirKind::Alternation(_) => required(hir).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// One set of literals one of which every match must contain.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(vec![lit.0.to_vec()]),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Concat(children) => children
            .iter()
            .filter_map(required)
            .max_by_key(|lits| score(lits)),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(required(b)?);
                if all.len() > MAX_LITERALS {
                    return None;
                }
            }
            Some(all)
        }
        _ => None,
    }
}

/// Clauses of literals that every match has right after a word boundary:
/// `\b` followed by something every match of which starts with one of them.
fn word_start_clauses(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Capture(cap) => word_start_clauses(&cap.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => word_start_clauses(&rep.sub),
        HirKind::Concat(children) => {
            let mut out: Vec<Vec<Vec<u8>>> = children.iter().flat_map(word_start_clauses).collect();
            for pair in children.windows(2) {
                if is_word_boundary(&pair[0]) {
                    out.extend(prefix(&pair[1]));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

fn is_word_boundary(hir: &Hir) -> bool {
    use regex_syntax::hir::Look;
    matches!(
        hir.kind(),
        HirKind::Look(Look::WordAscii | Look::WordUnicode)
    )
}

/// The literals one of which every match of `hir` starts with.
fn prefix(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(vec![lit.0.to_vec()]),
        HirKind::Capture(cap) => prefix(&cap.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => prefix(&rep.sub),
        HirKind::Concat(children) => prefix(children.first()?),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(prefix(b)?);
                if all.len() > MAX_LITERALS {
                    return None;
                }
            }
            Some(all)
        }
        _ => None,
    }
}

/// Most characters a class at the start of a pattern may hold and still
/// give start literals (`[”"]`, `[,!?]`).
const MAX_CLASS_CHARS: u32 = 16;

/// [`start_literals_of`] a pattern's source.
#[cfg(test)]
pub fn start_literals(pattern: &str) -> Option<StartLiterals> {
    start_literals_of(&parse(pattern)?)
}

/// The literals one of which every match of a [`parse`]d pattern begins
/// with, for searching only where a match can start (see `anchored`).
/// `None` when a match may begin otherwise, or when a literal has a
/// non-ASCII letter: a case-insensitive pattern matches its other cases,
/// which an ASCII case-insensitive search for the literal would miss.
pub fn start_literals_of(hir: &Hir) -> Option<StartLiterals> {
    let first = first(hir)?;
    if first.nullable || first.lits.is_empty() {
        return None;
    }
    let cased = |c: char| !c.is_ascii() && (c.is_alphabetic() || c.to_lowercase().ne([c]));
    let safe = |l: &Vec<u8>| std::str::from_utf8(l).is_ok_and(|s| !s.chars().any(cased));
    let mut lits = first.lits;
    lits.sort();
    lits.dedup();
    if !lits.iter().all(safe) {
        return None;
    }
    let word_start = begins_at_boundary(hir)
        && lits
            .iter()
            .all(|l| l.first().copied().is_some_and(is_word_byte));
    Some(StartLiterals {
        literals: lits,
        word_start,
    })
}

/// Whether every match of `hir` begins where a word boundary is asserted,
/// also when the boundary sits inside a group or in every branch of an
/// alternation (`(?:\b(?:e-)?visas?|\bre-?exports?)`): then a start
/// literal found inside a word starts nothing, and such a literal as short
/// as "e" or "re" otherwise made an anchored search at most words.
fn begins_at_boundary(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Look(_) => is_word_boundary(hir),
        HirKind::Capture(cap) => begins_at_boundary(&cap.sub),
        HirKind::Repetition(rep) => rep.min >= 1 && begins_at_boundary(&rep.sub),
        HirKind::Concat(children) => children.first().is_some_and(begins_at_boundary),
        HirKind::Alternation(branches) => branches.iter().all(begins_at_boundary),
        _ => false,
    }
}

/// What every match of a pattern begins with.
pub struct StartLiterals {
    pub literals: Vec<Vec<u8>>,
    /// A word boundary comes first and every literal begins with a word
    /// character: a match can only start where a word starts.
    pub word_start: bool,
}

/// What a match of a pattern part can begin with: one of `lits`, or, if
/// `nullable`, whatever follows the part (it can match nothing).
struct First {
    lits: Vec<Vec<u8>>,
    nullable: bool,
}

fn first(hir: &Hir) -> Option<First> {
    let empty = || First {
        lits: Vec::new(),
        nullable: true,
    };
    let out = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => empty(),
        HirKind::Literal(lit) => First {
            lits: vec![lit.0.to_vec()],
            nullable: false,
        },
        HirKind::Class(class) => First {
            lits: class_chars(class)?,
            nullable: false,
        },
        HirKind::Capture(cap) => first(&cap.sub)?,
        HirKind::Repetition(rep) => {
            let f = first(&rep.sub)?;
            First {
                lits: f.lits,
                nullable: f.nullable || rep.min == 0,
            }
        }
        HirKind::Concat(children) => {
            let mut acc = empty();
            for child in children {
                let f = first(child)?;
                acc.lits.extend(f.lits);
                if !f.nullable {
                    acc.nullable = false;
                    break;
                }
            }
            acc
        }
        HirKind::Alternation(branches) => {
            let mut acc = First {
                lits: Vec::new(),
                nullable: false,
            };
            for b in branches {
                let f = first(b)?;
                acc.lits.extend(f.lits);
                acc.nullable |= f.nullable;
            }
            acc
        }
    };
    (out.lits.len() <= MAX_LITERALS).then_some(out)
}

/// The members of a small class, each as a literal.
fn class_chars(class: &regex_syntax::hir::Class) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::Class;
    match class {
        Class::Unicode(c) => {
            let n: u32 = c.ranges().iter().map(|r| r.len() as u32).sum();
            (n <= MAX_CLASS_CHARS).then(|| {
                c.iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|ch| ch.to_string().into_bytes())
                    .collect()
            })
        }
        Class::Bytes(c) => {
            let n: u32 = c.ranges().iter().map(|r| r.len() as u32).sum();
            (n <= MAX_CLASS_CHARS).then(|| {
                c.iter()
                    .flat_map(|r| r.start()..=r.end())
                    .map(|b| vec![b])
                    .collect()
            })
        }
    }
}

/// The automaton over all patterns' required literals.
pub struct Prefilter {
    automaton: AhoCorasick,
    /// For each automaton word, the (pattern, clauses) it satisfies, and
    /// whether only where it starts a word.
    owners: Vec<Vec<(usize, u32, bool)>>,
    /// For each automaton word, the patterns (ascending) whose matches can
    /// begin with it (see `search`).
    start_owners: Vec<Vec<u32>>,
    /// For each automaton word, whether some pattern starts with it inside
    /// a word too: if not, an occurrence inside a word starts nothing.
    starts_inside: Vec<bool>,
    /// Per pattern, whether its matches start only where a word starts.
    start_word: Vec<bool>,
    /// Per pattern, the bit mask of all its clauses (0: always runs).
    full: Vec<u32>,
    /// Patterns that must always run.
    always: Vec<usize>,
    #[cfg(test)]
    words: Vec<String>,
}

thread_local! {
    /// Which words of the sentence at hand already marked their owners.
    static APPLIED: RefCell<Applied> = RefCell::new(Applied::default());
}

/// Which automaton words already marked their owners' clauses in the
/// sentence being scanned: common words ("the", "said") occur many times
/// in a sentence and own many clauses, and marking them again changes
/// nothing. One stamp per word and sentence, so nothing is cleared.
#[derive(Default)]
struct Applied {
    /// Per word: the sentence stamp when it last marked at a word start,
    /// and when it last marked inside a word.
    at: Vec<[u32; 2]>,
    stamp: u32,
}

impl Applied {
    fn begin(&mut self, words: usize) {
        if self.at.len() != words || self.stamp == u32::MAX {
            self.at.clear();
            self.at.resize(words, [0; 2]);
            self.stamp = 0;
        }
        self.stamp += 1;
    }

    /// Whether an occurrence of `word` may mark owners not yet marked: an
    /// occurrence at a word start marks every owner, one inside a word only
    /// those that do not ask for a word start.
    fn first(&mut self, word: usize, starts_word: bool) -> bool {
        let [whole, inside] = &mut self.at[word];
        if *whole == self.stamp || (!starts_word && *inside == self.stamp) {
            return false;
        }
        *(if starts_word { whole } else { inside }) = self.stamp;
        true
    }
}

/// What one pass of the prefilter found in a sentence.
pub struct Scan {
    /// Which compiled patterns may match.
    pub mask: Vec<bool>,
    /// (automaton word, byte offset) of every start literal found.
    pub(super) starts: Vec<(u32, u32)>,
}

/// Start literals of a pattern: the words, and whether only at word starts.
pub type StartWords<'a> = Option<(&'a [Vec<u8>], bool)>;

/// The automaton's words and who owns each, while building.
#[derive(Default)]
struct Words {
    words: Vec<String>,
    index: std::collections::HashMap<String, usize>,
    owners: Vec<Vec<(usize, u32, bool)>>,
    start_owners: Vec<Vec<u32>>,
    starts_inside: Vec<bool>,
}

impl Words {
    fn slot(&mut self, word: &str) -> usize {
        if let Some(&i) = self.index.get(word) {
            return i;
        }
        self.index.insert(word.to_string(), self.words.len());
        self.words.push(word.to_string());
        self.owners.push(Vec::new());
        self.start_owners.push(Vec::new());
        self.starts_inside.push(false);
        self.words.len() - 1
    }
}

impl Prefilter {
    /// `clauses[i]` is the clause list of compiled pattern `i`, `starts[i]`
    /// its start literals when it is searched from them.
    pub fn new(clauses: &[Option<Vec<Clause>>], starts: &[StartWords]) -> Prefilter {
        let mut w = Words::default();
        let mut always = Vec::new();
        let mut full = vec![0u32; clauses.len()];
        for (i, cl) in clauses.iter().enumerate() {
            let Some(cl) = cl else {
                always.push(i);
                continue;
            };
            let clauses = cl.iter().enumerate().take(MAX_CLAUSES + MAX_WORD_START);
            for (j, clause) in clauses.filter(|(_, c)| selective(c)) {
                let bit = 1u32 << j;
                full[i] |= bit;
                for l in &clause.words {
                    let slot = w.slot(l);
                    let ws = clause.word_start;
                    match w.owners[slot].last_mut() {
                        Some((p, bits, w)) if *p == i && *w == ws => *bits |= bit,
                        _ => w.owners[slot].push((i, bit, ws)),
                    }
                }
            }
        }
        let mut start_word = vec![false; clauses.len()];
        for (i, start) in starts.iter().enumerate() {
            let Some((lits, word_start)) = *start else {
                continue;
            };
            start_word[i] = word_start;
            for l in lits {
                // ASCII case is ignored by the automaton, as by `Starts`.
                let slot = w.slot(&String::from_utf8_lossy(&l.to_ascii_lowercase()));
                if w.start_owners[slot].last() != Some(&(i as u32)) {
                    w.start_owners[slot].push(i as u32);
                }
                w.starts_inside[slot] |= !word_start;
            }
        }
        // A DFA: this pass runs over every sentence of a build, and the
        // default (an NFA for this many words) made it about twice as slow
        // for a few megabytes saved.
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&w.words)
            .or_else(|_| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::Standard)
                    .build(&w.words)
            })
            .expect("literal words always build an automaton");
        Prefilter {
            automaton,
            owners: w.owners,
            start_owners: w.start_owners,
            starts_inside: w.starts_inside,
            start_word,
            full,
            always,
            #[cfg(test)]
            words: w.words,
        }
    }

    /// Patterns without a required word: they run on every sentence.
    pub fn always(&self) -> &[usize] {
        &self.always
    }

    /// Which compiled patterns may match `text`, as a mask.
    #[cfg(test)]
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        self.scan(text).mask
    }

    /// Which compiled patterns may match `text`, and where start literals are.
    pub fn scan(&self, text: &str) -> Scan {
        let mut seen = vec![0u32; self.full.len()];
        let mut starts = Vec::new();
        let bytes = text.as_bytes();
        let mut applied = APPLIED.with_borrow_mut(std::mem::take);
        applied.begin(self.owners.len());
        for m in self.automaton.find_overlapping_iter(text) {
            let starts_word = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let slot = m.pattern().as_usize();
            if applied.first(slot, starts_word) {
                for &(i, bits, word_start) in &self.owners[slot] {
                    if starts_word || !word_start {
                        seen[i] |= bits;
                    }
                }
            }
            if !self.start_owners[slot].is_empty() && (starts_word || self.starts_inside[slot]) {
                starts.push((slot as u32, m.start() as u32));
            }
        }
        APPLIED.with_borrow_mut(|a| *a = applied);
        let mask = seen.iter().zip(&self.full).map(|(s, f)| s == f).collect();
        Scan { mask, starts }
    }

    /// Byte offsets in the scanned text where a match of `pattern` may
    /// start, ascending: what `search::Starts` finds for it.
    pub fn starts_of(&self, scan: &Scan, text: &str, pattern: usize, out: &mut Vec<usize>) {
        let bytes = text.as_bytes();
        let word_start = self.start_word[pattern];
        out.clear();
        for &(slot, at) in &scan.starts {
            let at = at as usize;
            if word_start && at > 0 && is_word_byte(bytes[at - 1]) {
                continue;
            }
            if self.start_owners[slot as usize]
                .binary_search(&(pattern as u32))
                .is_ok()
            {
                out.push(at);
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter()
            .map(|c| c.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    fn plain(v: &[&[&str]]) -> Vec<Clause> {
        strings(v)
            .into_iter()
            .map(|words| Clause {
                word_start: false,
                words,
            })
            .collect()
    }

    #[test]
    fn every_required_word_is_a_clause_longest_first() {
        let got = required_clauses(r"(?P<actor>\w+)\s+held\s+talks").unwrap();
        assert_eq!(got, strings(&[&["talks"], &["held"]]));
    }

    #[test]
    fn alternation_contributes_every_branch() {
        let got = required_clauses(r"\b(?:visited|arrived\s+in)\b").unwrap();
        assert_eq!(got, strings(&[&["arrived", "visited"]]));
    }

    #[test]
    fn optional_parts_are_not_required() {
        assert_eq!(required_clauses(r"(?:foo)?\w+"), None);
        assert_eq!(
            required_clauses(r"(?:foo)?bar").unwrap(),
            strings(&[&["bar"]])
        );
    }

    #[test]
    fn a_candidate_needs_a_word_of_every_clause() {
        let p = Prefilter::new(
            &[
                Some(plain(&[&["closed", "shut"], &["border", "crossing"]])),
                Some(plain(&[&["strike"]])),
                None,
            ],
            &[None, None, None],
        );
        assert_eq!(
            p.candidates("They SHUT the Crossing"),
            vec![true, false, true]
        );
        assert_eq!(p.candidates("They shut the shop"), vec![false, false, true]);
        assert_eq!(p.candidates("a drone strike"), vec![false, true, true]);
    }

    #[test]
    fn a_clause_with_a_short_word_is_not_tested() {
        let p = Prefilter::new(
            &[
                Some(plain(&[&["border"], &["s", "crossing"]])),
                Some(plain(&[&["to"]])),
            ],
            &[None, None],
        );
        assert_eq!(p.candidates("the border"), vec![true, true]);
        assert_eq!(p.candidates("the crossing"), vec![false, true]);
    }

    #[test]
    fn words_after_a_boundary_must_start_a_word() {
        let got = filter_clauses(r"(?-u:\b)(?:head(?:ing|ed|s|)|jet)\s+to").unwrap();
        assert_eq!(
            got[0],
            Clause {
                word_start: true,
                words: vec!["head".into(), "jet".into()],
            }
        );
        let p = Prefilter::new(&[Some(got)], &[None]);
        assert_eq!(
            p.candidates("Budget talks were projected to resume"),
            vec![false]
        );
        assert_eq!(p.candidates("The minister is heading to Lima"), vec![true]);
        assert_eq!(
            p.candidates("ahead to Lima, then (jet to Quito)"),
            vec![true]
        );
    }

    #[test]
    fn a_word_seen_inside_a_word_still_counts_where_it_starts_one() {
        let got = filter_clauses(r"(?-u:\b)head(?:ing|ed|s|)\s+to").unwrap();
        let p = Prefilter::new(&[Some(got)], &[None]);
        // "head" first inside "ahead", then at a word start: the second
        // occurrence must still mark the pattern.
        assert_eq!(p.candidates("Go ahead, heading to Lima"), vec![true]);
        assert_eq!(p.candidates("Go ahead, ahead to Lima"), vec![false]);
        // The same words again in the next sentence count afresh.
        assert_eq!(p.candidates("heading to Lima, ahead"), vec![true]);
        assert_eq!(p.candidates("ahead to Lima"), vec![false]);
    }

    #[test]
    fn a_boundary_before_a_gap_marks_nothing() {
        let got = filter_clauses(r"\b\w+ (?:visited|toured)").unwrap();
        assert!(got.iter().all(|c| !c.word_start), "{got:?}");
        // Inside a word the plain clause still makes a candidate.
        let p = Prefilter::new(&[Some(got)], &[None]);
        assert_eq!(p.candidates("She revisited Accra"), vec![true]);
    }

    fn starts(pattern: &str) -> Option<(Vec<String>, bool)> {
        let s = start_literals(pattern)?;
        let words = s
            .literals
            .iter()
            .map(|l| String::from_utf8_lossy(l).into())
            .collect();
        Some((words, s.word_start))
    }

    #[test]
    fn start_literals_are_the_words_a_match_begins_with() {
        assert_eq!(
            starts(r"(?-u:\b)(?:says|said)\s+(?P<x>\w+)"),
            Some((vec!["said".into(), "says".into()], true))
        );
        // An optional part adds what follows it.
        assert_eq!(
            starts(r"(?:the\s+)?(?:junta|army) (?:seized|took)"),
            Some((vec!["army".into(), "junta".into(), "the".into()], false))
        );
        assert_eq!(
            starts(r#"[”"],? (?:he|she) said"#),
            Some((vec!["\"".into(), "”".into()], false))
        );
    }

    #[test]
    fn a_boundary_inside_a_group_or_every_branch_makes_word_starts() {
        let words = |p| starts(p).map(|(_, word_start)| word_start);
        assert_eq!(words(r"(?:(?-u:\b)(?:e-)?visas?)"), Some(true));
        assert_eq!(words(r"(?-u:\b)re-?exports?|(?-u:\b)imports?"), Some(true));
        assert_eq!(words(r"(?-u:\b)re-?exports?|imports?"), Some(false));
        assert_eq!(words(r"(?:(?-u:\b)re)?exports?"), Some(false));
    }

    #[test]
    fn no_start_literals_when_a_match_may_begin_anywhere() {
        assert_eq!(starts(r"\w+ (?:visited|toured)"), None);
        assert_eq!(starts(r"(?:talks)?"), None);
        // Other cases of a non-ASCII letter would be missed.
        assert_eq!(starts(r"(?:élection|vote) held"), None);
    }
}

/// What the scan's automaton reports on a corpus: `BENCH_ARTICLES=/tmp/big3k
/// cargo test --lib scan_words -- --ignored --nocapture`.
#[cfg(test)]
mod scan_words {
    #[test]
    #[ignore]
    fn scan_words() {
        let dir = std::env::var("BENCH_ARTICLES").unwrap_or("seeds".into());
        let rules =
            super::super::EventRules::load(std::path::Path::new("rules/en/events")).unwrap();
        let p = &rules.prefilter;
        let words = p.automaton.patterns_len();
        let mut hits = vec![0usize; words];
        let (mut sentences, mut total) = (0, 0);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files.iter().take(300) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for s in text.split_inclusive(['.', '\n']).filter(|s| s.len() > 20) {
                sentences += 1;
                for m in p.automaton.find_overlapping_iter(s) {
                    hits[m.pattern().as_usize()] += 1;
                    total += 1;
                }
            }
        }
        println!("{words} words, {sentences} sentences, {total} matches");
        let mut order: Vec<usize> = (0..words).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(hits[i]));
        for &i in order.iter().take(40) {
            let owners = p.owners[i].len();
            let starts = p.start_owners[i].len();
            println!(
                "{:6} owners {owners:4} starts {starts:4} {:?}",
                hits[i], p.words[i]
            );
            for &o in p.start_owners[i].iter().take(3) {
                let e = &rules.patterns[o as usize].expanded;
                println!("        {}", e.chars().take(150).collect::<String>());
            }
        }
    }
}
