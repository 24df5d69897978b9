//! Cheap pre-selection of the patterns worth running on a sentence.
//!
//! For every compiled pattern we derive, from its syntax tree, a set of
//! literal words one of which must occur in any text it matches (for
//! `{actor} (?:visited|arrived in) {place}` that is `visited` or `arrived`).
//! One Aho-Corasick automaton over all those words tells, in a single pass
//! over a sentence, which patterns can possibly match; only those run.
//! Patterns without such a word (rare) always run.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_syntax::hir::{Hir, HirKind};

/// Most literals one pattern may contribute before we give up and always run it.
const MAX_LITERALS: usize = 256;

/// A set of literals one of which every match must contain, chosen so that
/// the shortest literal is as long as possible (longer words fire less).
pub fn required_literals(pattern: &str) -> Option<Vec<String>> {
    // Parsed case-sensitively on purpose: case-insensitive parsing turns every
    // letter into a class. The automaton ignores ASCII case instead.
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(pattern)
        .ok()?;
    let lits = required(&hir)?;
    let lits: Vec<String> = lits
        .into_iter()
        .map(|b| String::from_utf8_lossy(&b).to_lowercase())
        .collect();
    if lits.iter().any(|l| l.trim().is_empty()) {
        return None;
    }
    Some(lits)
}

fn score(lits: &[Vec<u8>]) -> usize {
    lits.iter().map(Vec::len).min().unwrap_or(0)
}

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
    /// For each automaton pattern, the indices of the compiled patterns it unlocks.
    owners: Vec<Vec<usize>>,
    /// Patterns that must always run.
    always: Vec<usize>,
    count: usize,
}

impl Prefilter {
    /// `literals[i]` is the required-literal set of compiled pattern `i`.
    pub fn new(literals: &[Option<Vec<String>>]) -> Prefilter {
        let mut words: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut always = Vec::new();
        for (i, lits) in literals.iter().enumerate() {
            match lits {
                None => always.push(i),
                Some(lits) => {
                    for l in lits {
                        let slot = *index.entry(l.clone()).or_insert_with(|| {
                            words.push(l.clone());
                            owners.push(Vec::new());
                            words.len() - 1
                        });
                        if owners[slot].last() != Some(&i) {
                            owners[slot].push(i);
                        }
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
            always,
            count: literals.len(),
        }
    }

    /// Patterns without a required word: they run on every sentence.
    pub fn always(&self) -> &[usize] {
        &self.always
    }

    /// Which compiled patterns may match `text`, as a mask.
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let mut mask = vec![false; self.count];
        for &i in &self.always {
            mask[i] = true;
        }
        for m in self.automaton.find_overlapping_iter(text) {
            for &i in &self.owners[m.pattern().as_usize()] {
                mask[i] = true;
            }
        }
        mask
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_longest_required_word() {
        let lits = required_literals(r"(?P<actor>\w+)\s+held\s+talks").unwrap();
        assert_eq!(lits, vec!["talks".to_string()]);
    }

    #[test]
    fn alternation_contributes_every_branch() {
        let mut lits = required_literals(r"\b(?:visited|arrived\s+in)\b").unwrap();
        lits.sort();
        assert_eq!(lits, vec!["arrived".to_string(), "visited".to_string()]);
    }

    #[test]
    fn optional_parts_are_not_required() {
        assert_eq!(required_literals(r"(?:foo)?\w+"), None);
    }

    #[test]
    fn candidates_ignore_case() {
        let p = Prefilter::new(&[
            Some(vec!["visited".into()]),
            Some(vec!["strike".into()]),
            None,
        ]);
        assert_eq!(p.candidates("He VISITED Kabul"), vec![true, false, true]);
    }
}
