//! Rules stage: event rules kept as TOML data under `rules/en/events/`, compiled
//! once and matched against every sentence.
//!
//! A rule folder holds:
//! * `_kinds.toml` — every event kind and its CAMEO code;
//! * `_macros.toml` — shared sub-patterns referenced as `{name}`;
//! * `_modality.toml` — shared negation cues (drop a match) and planned cues
//!   (mark it planned);
//! * any other `*.toml` — `[[rule]]` tables (see `rules/en/events/README.md`).

mod compile;
mod diagnose;
mod examples;
mod frames;
pub mod inflect;
mod load;
mod modality;
pub mod pattern;
mod prefilter;
mod search;

pub use examples::ExampleFailure;

use crate::error::RuleErrors;
use prefilter::Prefilter;
use regex::Regex;
use serde::Serialize;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One rule firing on one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleMatch {
    pub rule_id: String,
    /// Event kind (`visit`, `airstrike`, ...).
    pub kind: String,
    /// CAMEO code of the kind (`042`, `195`, ...).
    pub cameo: String,
    /// Byte range of the whole match within the sentence.
    pub span: Range<usize>,
    /// Named groups the rule captured (`actor`, `target`, `location`, `killed`, ...),
    /// byte ranges within the sentence.
    pub groups: Vec<(String, Range<usize>)>,
    /// The sentence presents the event as future or scheduled.
    pub planned: bool,
}

/// What `explain` and `rules` show about a rule.
#[derive(Debug, Clone, Serialize)]
pub struct RuleInfo {
    pub id: String,
    pub kind: String,
    pub cameo: String,
    pub description: String,
    /// Patterns as written (before macro expansion).
    pub patterns: Vec<String>,
    pub file: PathBuf,
    /// Line of the rule's `[[rule]]` header.
    pub line: usize,
}

/// An event kind as declared in `_kinds.toml`.
#[derive(Debug, Clone, Serialize)]
pub struct KindInfo {
    pub name: String,
    pub cameo: String,
    pub description: String,
    /// Kinds whose overlapping matches this kind removes.
    pub overrides: Vec<String>,
}

/// A sentence a rule must (or, for a counter-example, must not) match.
pub(crate) struct Example {
    text: String,
    /// Group name → text it must capture.
    expected: Vec<(String, String)>,
    planned: Option<bool>,
    counter: bool,
    /// Line and column of the example in its file.
    at: (usize, usize),
}

pub(crate) struct Rule {
    info: RuleInfo,
    /// Indices into `EventRules::patterns`.
    patterns: Vec<usize>,
    veto: Vec<Regex>,
    /// The same vetoes as indices into `EventRules::vetoes`.
    veto_ids: Vec<usize>,
    exclude: Vec<Regex>,
    planned: Option<bool>,
    modality: bool,
    examples: Vec<Example>,
}

/// All event rules, compiled.
pub struct EventRules {
    rules: Vec<Rule>,
    kinds: Vec<KindInfo>,
    patterns: Vec<compile::CompiledPattern>,
    /// Distinct veto patterns (see `Rule::veto_ids`).
    vetoes: Vec<Regex>,
    prefilter: Prefilter,
    modality: modality::Modality,
    macros: pattern::Macros,
}

impl EventRules {
    /// Reads and compiles every rule of `dir` (normally `rules/en/events`),
    /// reporting every problem found, each with its file, line and column.
    pub fn load(dir: &Path) -> Result<EventRules, RuleErrors> {
        let mut c = compile::compile(dir)?;
        // Vetoes go through the prefilter too, after the patterns: a veto
        // runs over the whole sentence, and on a sentence where a rule
        // matched most lack the words every match of theirs needs.
        let clauses: Vec<Option<Vec<prefilter::Clause>>> =
            (c.patterns.iter_mut().map(|p| p.clauses.take()))
                .chain(
                    c.vetoes
                        .iter()
                        .map(|v| prefilter::filter_clauses(v.as_str())),
                )
                .collect();
        let starts: Vec<prefilter::StartWords> = (c.patterns.iter())
            .map(|p| p.starts.as_ref().map(|s| (&s.literals[..], s.word_start)))
            .chain(c.vetoes.iter().map(|_| None))
            .collect();
        Ok(EventRules {
            prefilter: Prefilter::new(&clauses, &starts),
            rules: c.rules,
            kinds: c.kinds,
            patterns: c.patterns,
            vetoes: c.vetoes,
            modality: c.modality,
            macros: c.macros,
        })
    }

    /// Every rule, in file order.
    pub fn rules(&self) -> Vec<&RuleInfo> {
        self.rules.iter().map(|r| &r.info).collect()
    }

    /// Every declared kind, by name.
    pub fn kinds(&self) -> &[KindInfo] {
        &self.kinds
    }

    /// Patterns with no word the prefilter can require, as (rule, index of
    /// the pattern in the rule): they run on every sentence, which is slow
    /// on a large corpus. `rules check` prints them as notes.
    pub fn unfiltered_patterns(&self) -> Vec<(&RuleInfo, usize)> {
        let always = self.prefilter.always();
        self.rules
            .iter()
            .flat_map(|r| {
                r.patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| always.contains(p))
                    .map(move |(k, _)| (&r.info, k))
            })
            .collect()
    }

    /// Number of examples and counter-examples over all rules.
    pub fn example_count(&self) -> usize {
        self.rules.iter().map(|r| r.examples.len()).sum()
    }

    /// Every rule that fires on `sentence`, at most one match per event kind
    /// and position (overlapping matches of one kind keep the one with most
    /// captured groups, then the longest); vetoed matches are dropped.
    /// Matches are in sentence order.
    pub fn match_sentence(&self, sentence: &str) -> Vec<RuleMatch> {
        self.match_sentences(&[sentence]).pop().unwrap_or_default()
    }

    /// [`EventRules::match_sentence`] of each sentence, found rule by rule
    /// over all of them. A pattern's lazy DFA is hundreds of kB spread
    /// over memory: searched once per sentence between hundreds of other
    /// patterns, each search walked it cold. Searching many sentences with
    /// one pattern before the next halved the DFA's time on the generated
    /// corpus (batches of 64 articles; one article's sentences gained
    /// nothing). Results do not depend on the order: each rule's matches
    /// are put back in rule order before de-duplication.
    pub fn match_sentences(&self, sentences: &[&str]) -> Vec<Vec<RuleMatch>> {
        let scans: Vec<prefilter::Scan> =
            sentences.iter().map(|s| self.prefilter.scan(s)).collect();
        let folds: Vec<bool> = sentences
            .iter()
            .map(|s| crate::util::text::folds_to_ascii(s))
            .collect();
        let mut vetoed: Vec<VetoMemo> = sentences.iter().map(|_| VetoMemo::default()).collect();
        let mut found: Vec<Vec<(usize, Vec<RuleMatch>)>> = vec![Vec::new(); sentences.len()];
        let n = self.rules.len();
        // Workers starting at the same rule would keep waiting for each
        // other's match cache of the same pattern (see `regex_cache`).
        let first = rayon::current_thread_index()
            .map_or(0, |t| t * n / rayon::current_num_threads().max(1));
        for i in (first..n).chain(0..first) {
            let rule = &self.rules[i];
            for (j, sentence) in sentences.iter().enumerate() {
                if rule.patterns.iter().any(|&p| scans[j].mask[p]) {
                    let m = self.match_rule(i, sentence, &scans[j], folds[j], &mut vetoed[j]);
                    if !m.is_empty() {
                        found[j].push((i, m));
                    }
                }
            }
        }
        found
            .into_iter()
            .map(|mut by_rule| {
                by_rule.sort_unstable_by_key(|(i, _)| *i);
                let all = by_rule.into_iter().flat_map(|(_, m)| m).collect();
                dedupe(all, &self.kinds)
            })
            .collect()
    }

    /// Whether veto `id` matches `sentence`, asking `memo` first. A veto
    /// lacking a word the scan looks for cannot match, unless the sentence
    /// holds a character a case-insensitive regex folds into ASCII, which
    /// the scan's ASCII matching does not see.
    fn vetoed(
        &self,
        id: usize,
        sentence: &str,
        scan: &prefilter::Scan,
        folds: bool,
        memo: &mut VetoMemo,
    ) -> bool {
        if !folds && !scan.mask[self.patterns.len() + id] {
            return false;
        }
        if memo.0.is_empty() {
            memo.0 = vec![None; self.vetoes.len()];
        }
        *memo.0[id].get_or_insert_with(|| self.vetoes[id].is_match(sentence))
    }

    /// Matches of one rule, after veto and modality, before de-duplication.
    fn match_rule(
        &self,
        index: usize,
        sentence: &str,
        scan: &prefilter::Scan,
        folds: bool,
        vetoed: &mut VetoMemo,
    ) -> Vec<RuleMatch> {
        let rule = &self.rules[index];
        let mut out: Vec<RuleMatch> = Vec::new();
        let mut at = Vec::new();
        for &p in &rule.patterns {
            if !scan.mask[p] {
                continue;
            }
            let pat = &self.patterns[p];
            let mut on_match = |caps: &regex_automata::util::captures::Captures| {
                let whole = caps.get_match().map(|m| m.range()).unwrap_or(0..0);
                if whole.is_empty()
                    || out.iter().any(|m| m.span == whole)
                    || !crate::util::text::at_word_edges(sentence, &whole)
                {
                    return;
                }
                if rule
                    .exclude
                    .iter()
                    .any(|x| x.is_match(&sentence[whole.clone()]))
                {
                    return;
                }
                if rule.modality && self.modality.negated(sentence, &whole) {
                    return;
                }
                let groups = (pat.engine().names)
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| Some((n.clone()?, caps.get_group(i)?.range())))
                    .filter(|(_, r)| !r.is_empty())
                    .collect();
                let planned = rule
                    .planned
                    .unwrap_or_else(|| rule.modality && self.modality.planned(sentence, &whole));
                out.push(RuleMatch {
                    rule_id: rule.info.id.clone(),
                    kind: rule.info.kind.clone(),
                    cameo: rule.info.cameo.clone(),
                    span: whole,
                    groups,
                    planned,
                });
            };
            if pat.starts.is_some() && !folds {
                // The prefilter's pass already found where it may start.
                self.prefilter.starts_of(scan, sentence, p, &mut at);
                if !at.is_empty() {
                    pat.anchored_matches(sentence, &at, &mut on_match);
                }
            } else {
                pat.for_each_match(sentence, on_match);
            }
        }
        if !out.is_empty()
            && (rule.veto_ids.iter()).any(|&v| self.vetoed(v, sentence, scan, folds, vetoed))
        {
            out.clear();
        }
        out
    }
}

/// Which vetoes matched the sentence at hand, for those already tested:
/// rules of one kind share vetoes, and a veto runs over the whole sentence.
#[derive(Default)]
struct VetoMemo(Vec<Option<bool>>);

/// Keeps, per kind, one match among overlapping ones, and drops matches
/// overlapping a match of a kind that overrides theirs.
fn dedupe(mut all: Vec<RuleMatch>, kinds: &[KindInfo]) -> Vec<RuleMatch> {
    let overridden = |m: &RuleMatch, by: &RuleMatch| {
        overlap(&m.span, &by.span)
            && kinds
                .iter()
                .any(|k| k.name == by.kind && k.overrides.contains(&m.kind))
    };
    let dropped: Vec<bool> = (all.iter())
        .map(|m| all.iter().any(|by| overridden(m, by)))
        .collect();
    let mut i = 0;
    all.retain(|_| {
        i += 1;
        !dropped[i - 1]
    });
    // Best first: more groups, then longer, then earlier rule (stable sort).
    all.sort_by_key(|m| {
        (
            std::cmp::Reverse(m.groups.len()),
            std::cmp::Reverse(m.span.len()),
        )
    });
    let mut kept: Vec<RuleMatch> = Vec::new();
    for m in all {
        let clash = kept
            .iter()
            .any(|k| k.kind == m.kind && overlap(&k.span, &m.span));
        if !clash {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| (m.span.start, m.span.end));
    kept
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// `extra` and the sentences of the seed articles: texts the tests of the
/// scan check its promises on.
#[cfg(test)]
fn seed_sentences(extra: &[&str]) -> Vec<String> {
    let mut texts: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    for entry in std::fs::read_dir("seeds").unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        texts.extend(text.split_inclusive(['.', '\n']).map(String::from));
    }
    texts
}

#[cfg(test)]
mod veto_scan {
    use super::EventRules;

    /// A veto the scan rules out never matches: skipping it keeps every
    /// match it would have dropped dropped.
    #[test]
    fn the_scan_rules_out_only_vetoes_that_cannot_match() {
        let rules = EventRules::load(std::path::Path::new("rules/en/events")).unwrap();
        let texts = super::seed_sentences(&[
            "Analysts say the strikes could continue for weeks.",
            "Attacks along the border have increased sharply since May.",
            "It was the deadliest attack on the city since 2019, officials said.",
            "Five people were killed in separate attacks so far this year.",
        ]);
        let (mut matched, mut ruled_out) = (0, 0);
        for text in &texts {
            let scan = rules.prefilter.scan(text);
            for (id, veto) in rules.vetoes.iter().enumerate() {
                let may = scan.mask[rules.patterns.len() + id];
                if veto.is_match(text) {
                    assert!(may, "veto {id} on {text:?}");
                    matched += 1;
                }
                ruled_out += usize::from(!may);
            }
        }
        assert!(matched >= 4, "{matched}");
        assert!(
            ruled_out > texts.len() * rules.vetoes.len() / 2,
            "{ruled_out}"
        );
    }
}

#[cfg(test)]
mod batches {
    use super::EventRules;

    /// Rules run over a batch, starting from any rule (as each worker
    /// does), find per sentence exactly what the sentence alone finds.
    #[test]
    fn a_batch_finds_what_each_sentence_finds_alone() {
        let rules = EventRules::load(std::path::Path::new("rules/en/events")).unwrap();
        let texts = super::seed_sentences(&[
            "Troops clashed at the crossing on Monday, and the border was closed.",
            "The ministers met in Doha and agreed to a ceasefire; talks resume next week.",
            "Analysts say the strikes could continue for weeks.",
        ]);
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let alone: Vec<_> = texts.iter().map(|s| rules.match_sentence(s)).collect();
        let matched = alone.iter().filter(|m| !m.is_empty()).count();
        let several = alone.iter().filter(|m| m.len() > 1).count();
        assert!(matched > 20 && several > 2, "{matched} {several}");
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(3)
            .build()
            .unwrap();
        let batched = pool.broadcast(|_| rules.match_sentences(&texts));
        for found in batched {
            assert_eq!(found, alone);
        }
    }
}
