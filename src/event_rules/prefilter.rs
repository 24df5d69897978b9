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

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Hir, HirKind};

/// Most literals one alternation may contribute before we give up on it.
const MAX_LITERALS: usize = 256;
/// Most clauses kept per pattern (the most selective ones).
const MAX_CLAUSES: usize = 4;

/// The literal clauses of a pattern; `None` when it has none and must run
/// on every sentence.
pub fn required_clauses(pattern: &str) -> Option<Vec<Vec<String>>> {
    // Parsed case-sensitively on purpose: case-insensitive parsing turns every
    // letter into a class. The automaton ignores ASCII case instead.
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(pattern)
        .ok()?;
    let mut clauses: Vec<Vec<String>> = clauses(&hir)
        .into_iter()
        .map(|c| {
            let mut c: Vec<String> = c
                .into_iter()
                .map(|b| String::from_utf8_lossy(&b).to_lowercase())
                .collect();
            c.sort();
            c.dedup();
            c
        })
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

/// The automaton over all patterns' required literals.
pub struct Prefilter {
    automaton: AhoCorasick,
    /// For each automaton word, the (pattern, clause) pairs it satisfies.
    owners: Vec<Vec<(usize, u32)>>,
    /// Per pattern, the bit mask of all its clauses (0: always runs).
    full: Vec<u32>,
    /// Patterns that must always run.
    always: Vec<usize>,
}

impl Prefilter {
    /// `clauses[i]` is the clause list of compiled pattern `i`.
    pub fn new(clauses: &[Option<Vec<Vec<String>>>]) -> Prefilter {
        let mut words: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(usize, u32)>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut always = Vec::new();
        let mut full = vec![0u32; clauses.len()];
        for (i, cl) in clauses.iter().enumerate() {
            let Some(cl) = cl else {
                always.push(i);
                continue;
            };
            for (j, clause) in cl.iter().enumerate().take(MAX_CLAUSES) {
                let bit = 1u32 << j;
                full[i] |= bit;
                for l in clause {
                    let slot = *index.entry(l.clone()).or_insert_with(|| {
                        words.push(l.clone());
                        owners.push(Vec::new());
                        words.len() - 1
                    });
                    match owners[slot].last_mut() {
                        Some((p, bits)) if *p == i => *bits |= bit,
                        _ => owners[slot].push((i, bit)),
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .expect("literal words always build an automaton");
        Prefilter {
            automaton,
            owners,
            full,
            always,
        }
    }

    /// Patterns without a required word: they run on every sentence.
    pub fn always(&self) -> &[usize] {
        &self.always
    }

    /// Which compiled patterns may match `text`, as a mask.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let mut seen = vec![0u32; self.full.len()];
        for m in self.automaton.find_overlapping_iter(text) {
            for &(i, bits) in &self.owners[m.pattern().as_usize()] {
                seen[i] |= bits;
            }
        }
        seen.iter().zip(&self.full).map(|(s, f)| s == f).collect()
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
        let p = Prefilter::new(&[
            Some(strings(&[&["closed", "shut"], &["border", "crossing"]])),
            Some(strings(&[&["strike"]])),
            None,
        ]);
        assert_eq!(
            p.candidates("They SHUT the Crossing"),
            vec![true, false, true]
        );
        assert_eq!(p.candidates("They shut the shop"), vec![false, false, true]);
        assert_eq!(p.candidates("a drone strike"), vec![false, true, true]);
    }
}
