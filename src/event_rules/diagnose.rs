//! Why a rule did not fire: for `dateline explain`, the rules a sentence
//! nearly triggered (one of their trigger words is there) and what stopped
//! each — no match, an exclude or veto pattern, a negation or hypothetical
//! cue, or a participant its pattern could not recognise.

use super::prefilter::required_clauses;
use super::{EventRules, Rule};
use crate::datafile::pattern::{self, Macros, Options, expand_macros, widen_typography};

/// Macros whose text is a participant (who or where) rather than wording.
const PARTICIPANT_MACROS: [&str; 3] = ["name", "place", "crossing_name"];

/// What a macro is loosened to: up to four words, to see whether the rest
/// of the pattern would match around them.
const LOOSE: &str = r"(?P<near_miss_loose>[^\s.,;:!?]+(?: [^\s.,;:!?]+){0,3}?)";

/// Trigger words shorter than this ("of", "the") say nothing about a rule.
const MIN_TRIGGER: usize = 4;

/// Every word that would show a pattern was meant: the required literals of
/// each part of its top-level sequence (the prefilter keeps only the most
/// selective part, which may be the very part that is missing).
fn triggers(expanded: &str) -> Vec<String> {
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .case_insensitive(false)
        .build()
        .parse(expanded)
    else {
        return Vec::new();
    };
    let mut node = &hir;
    while let regex_syntax::hir::HirKind::Capture(c) = node.kind() {
        node = &c.sub;
    }
    let parts: Vec<&regex_syntax::hir::Hir> = match node.kind() {
        regex_syntax::hir::HirKind::Concat(children) => children.iter().collect(),
        _ => vec![node],
    };
    let mut out: Vec<String> = parts
        .into_iter()
        .filter_map(|h| required_clauses(&h.to_string()))
        .flatten()
        .flatten()
        .map(|l| l.trim().to_string())
        .filter(|l| l.chars().count() >= MIN_TRIGGER)
        .collect();
    // Longest first, so the report names "closed" rather than "close".
    out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    out.dedup();
    out
}

/// The first trigger that occurs in `lower` as a whole word (or the start
/// of one: "strike" in "strikes").
fn found_trigger(triggers: &[String], lower: &str) -> Option<String> {
    triggers.iter().find_map(|t| {
        lower.match_indices(t.as_str()).find_map(|(i, _)| {
            let starts_word = !lower[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            // Vocabulary literals are stems ("clos" of close, closed,
            // closing): the report names the word as the sentence has it.
            let end = lower[i..]
                .find(|c: char| !c.is_alphanumeric() && c != '-')
                .map_or(lower.len(), |e| i + e)
                .max(i + t.len());
            starts_word.then(|| lower[i..end].to_string())
        })
    })
}

/// One rule that nearly fired on a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    pub rule_id: String,
    pub kind: String,
    /// The trigger word found in the sentence.
    pub trigger: String,
    pub why: String,
    /// Lower is nearer: a match dropped afterwards (0), a match but for
    /// one macro (1), only the trigger word (2).
    pub rank: u8,
}

/// `{name}` references of a raw pattern, in order, with their byte ranges.
fn macro_refs(raw: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let re = regex::Regex::new(r"\{([a-z_][a-z0-9_]*)\}").expect("static regex");
    re.captures_iter(raw)
        .filter(|c| !raw[..c.get(0).map_or(0, |m| m.start())].ends_with('\\'))
        .filter_map(|c| Some((c.get(1)?.as_str().to_string(), c.get(0)?.range())))
        .collect()
}

impl EventRules {
    /// Rules with a trigger word in `sentence` whose kind did not fire,
    /// nearest first, one entry per rule.
    pub fn near_misses(&self, sentence: &str) -> Vec<NearMiss> {
        let fired: Vec<String> = self
            .match_sentence(sentence)
            .into_iter()
            .map(|m| m.kind)
            .collect();
        let lower = sentence.to_lowercase();
        let mut out: Vec<NearMiss> = Vec::new();
        for rule in &self.rules {
            if fired.contains(&rule.info.kind) {
                continue;
            }
            let mut best: Option<NearMiss> = None;
            for (k, &p) in rule.patterns.iter().enumerate() {
                let Some(trigger) = found_trigger(&triggers(&self.patterns[p].expanded), &lower)
                else {
                    continue;
                };
                let (rank, why) = self.diagnose(rule, p, k, sentence, &self.macros);
                if best.as_ref().is_none_or(|b| rank < b.rank) {
                    best = Some(NearMiss {
                        rule_id: rule.info.id.clone(),
                        kind: rule.info.kind.clone(),
                        trigger: trigger.clone(),
                        why,
                        rank,
                    });
                }
            }
            out.extend(best);
        }
        out.sort_by_key(|m| m.rank);
        // Only the trigger word: worth showing only when nothing came
        // nearer and the sentence made no event at all.
        if !fired.is_empty() || out.first().is_some_and(|m| m.rank < 2) {
            out.retain(|m| m.rank < 2);
        }
        out
    }

    /// Why pattern `p` (the rule's `k`-th) made no event on `sentence`.
    fn diagnose(
        &self,
        rule: &Rule,
        p: usize,
        k: usize,
        sentence: &str,
        macros: &Macros,
    ) -> (u8, String) {
        let pat = &self.patterns[p];
        if let Some(caps) = pat.first_match(sentence) {
            let whole = caps.get_match().map(|m| m.range()).unwrap_or(0..0);
            let text = &sentence[whole.clone()];
            if let Some(x) = rule.exclude.iter().find_map(|x| x.find(text)) {
                return (
                    0,
                    format!(
                        "excluded: matched {text:?}, but an exclude pattern matched {:?} in it",
                        x.as_str()
                    ),
                );
            }
            if rule.modality && self.modality.negated(sentence, &whole) {
                return (
                    0,
                    format!(
                        "negated by modality: matched {text:?}, but a negation or hypothetical cue governs it (rules/en/events/_modality.toml)"
                    ),
                );
            }
            if let Some(v) = rule.veto.iter().find_map(|v| v.find(sentence)) {
                return (
                    0,
                    format!(
                        "vetoed: matched {text:?}, but a veto pattern matched {:?}",
                        v.as_str()
                    ),
                );
            }
            return (
                0,
                format!("matched {text:?}, but a match of another kind overrides it"),
            );
        }
        let raw = rule.info.patterns.get(k).map(String::as_str).unwrap_or("");
        for (name, range) in macro_refs(raw) {
            let loosened = format!("{}{LOOSE}{}", &raw[..range.start], &raw[range.end..]);
            let Ok(expanded) = expand_macros(&loosened, macros) else {
                continue;
            };
            // As most rules are; case-sensitive parts say so with `(?-i:…)`.
            let Ok(re) = pattern::builder(&widen_typography(&expanded), Options::default()).build()
            else {
                continue;
            };
            let Some(caps) = re.captures(sentence) else {
                continue;
            };
            let words = caps.name("near_miss_loose").map_or("", |m| m.as_str());
            let why = if PARTICIPANT_MACROS.contains(&name.as_str()) {
                format!(
                    "missing participant: {words:?} is not a {{{name}}} (a capitalised name), so the pattern does not match"
                )
            } else {
                format!(
                    "no match: {words:?} is not one of {{{name}}} (rules/en/events/_macros.toml); with it the pattern would match"
                )
            };
            return (1, why);
        }
        (
            2,
            "no match: the trigger word is there, but the rest of the pattern is not".to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_references_are_found_in_order() {
        let refs = macro_refs(r"\b(?:closed) (?P<location>{name} {border_noun})\{x\}");
        let names: Vec<&str> = refs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["name", "border_noun"]);
    }
}
