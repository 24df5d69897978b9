//! Running one compiled pattern over a sentence.
//!
//! An unanchored search walks the whole sentence with the lazy DFA, and
//! for our patterns (long alternations, gap words counted `{0,4}`, Unicode
//! classes) the DFA meets new state sets on nearly every sentence: profiling
//! showed most of the rules stage building and discarding DFA states, about
//! 35 ns a byte. Most patterns can only begin with one of a few words
//! (`\b(?:said|says|…)`); for those we find where such a word occurs and
//! run an anchored search from each place. The anchored automaton is small
//! and its states recur from sentence to sentence, and the leftmost
//! anchored match is exactly the match an unanchored search returns.

use super::compile::CompiledPattern;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};

/// A finder of the places where a match of one pattern may start.
pub struct Starts(AhoCorasick);

impl Starts {
    /// From the pattern's start literals (see `prefilter::start_literals`).
    pub fn new(literals: &[Vec<u8>]) -> Option<Starts> {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(literals)
            .ok()
            .map(Starts)
    }

    /// Byte offsets where a start literal occurs, ascending.
    fn find(&self, text: &str, out: &mut Vec<usize>) {
        out.clear();
        out.extend(self.0.find_overlapping_iter(text).map(|m| m.start()));
        out.sort_unstable();
        out.dedup();
    }
}

/// Non-ASCII characters that match an ASCII letter when case is ignored
/// (LONG S matches `s`, KELVIN SIGN matches `k`): an ASCII case-insensitive
/// literal search would miss a match spelled with them.
fn folds_to_ascii(text: &str) -> bool {
    !text.is_ascii() && text.contains(['\u{17F}', '\u{212A}'])
}

impl CompiledPattern {
    /// Calls `f` with every match of the pattern in `text`, leftmost first
    /// and non-overlapping, exactly as `captures_iter` finds them.
    pub fn for_each_match(&self, text: &str, mut f: impl FnMut(&Captures)) {
        let Some(starts) = self.starts.as_ref().filter(|_| !folds_to_ascii(text)) else {
            for caps in self.regex.captures_iter(text) {
                f(&caps);
            }
            return;
        };
        let mut at = Vec::new();
        starts.find(text, &mut at);
        if at.is_empty() {
            return;
        }
        let mut caps = self.regex.create_captures();
        let mut from = 0;
        for &start in &at {
            if start < from {
                continue;
            }
            let input = Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Yes);
            self.regex.search_captures(&input, &mut caps);
            if let Some(m) = caps.get_match() {
                f(&caps);
                // Start literals are not empty, so neither is a match.
                from = m.end().max(start + 1);
            }
        }
    }

    /// The first match in `text`, if any.
    pub fn first_match(&self, text: &str) -> Option<Captures> {
        let mut first = None;
        self.for_each_match(text, |caps| {
            if first.is_none() {
                first = Some(caps.clone());
            }
        });
        first
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_long_s_and_kelvin_fold_into_ascii_letters() {
        let re = regex::RegexBuilder::new("^[a-z0-9]$")
            .case_insensitive(true)
            .build()
            .unwrap();
        let folding: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| re.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, vec!['\u{17F}', '\u{212A}']);
    }
}

/// A/B check on a real corpus: `BENCH_ARTICLES=/tmp/big3k cargo test
/// --release --lib anchored_and_unanchored -- --ignored --nocapture`.
#[cfg(test)]
mod bench {
    use super::super::EventRules;
    use std::time::{Duration, Instant};

    fn spans(
        p: &super::CompiledPattern,
        s: &str,
        anchored: bool,
    ) -> Vec<Vec<Option<(usize, usize)>>> {
        let mut out = Vec::new();
        let mut push = |caps: &regex_automata::util::captures::Captures| {
            out.push(
                (0..caps.group_len())
                    .map(|i| caps.get_group(i).map(|m| (m.start, m.end)))
                    .collect(),
            )
        };
        if anchored {
            p.for_each_match(s, push);
        } else {
            for caps in p.regex.captures_iter(s) {
                push(&caps);
            }
        }
        out
    }

    #[test]
    #[ignore]
    fn anchored_and_unanchored_find_the_same_matches() {
        let dir = std::env::var("BENCH_ARTICLES").unwrap_or("seeds".into());
        let mode = std::env::var("BENCH_MODE").unwrap_or("both".into());
        let rules = EventRules::load(std::path::Path::new("rules/en/events")).unwrap();
        let with = rules.patterns.iter().filter(|p| p.starts.is_some()).count();
        println!(
            "{with} of {} patterns have start literals",
            rules.patterns.len()
        );
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        let (mut ta, mut tu) = (Duration::ZERO, Duration::ZERO);
        let mut n = 0;
        for f in files.iter().take(1500) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for s in text.split_inclusive(['.', '\n']).filter(|s| s.len() > 20) {
                n += 1;
                let mask = rules.prefilter.candidates(s);
                for (i, p) in rules.patterns.iter().enumerate().filter(|(i, _)| mask[*i]) {
                    let t = Instant::now();
                    let a = (mode != "u").then(|| spans(p, s, true));
                    ta += t.elapsed();
                    let t = Instant::now();
                    let u = (mode != "a").then(|| spans(p, s, false));
                    tu += t.elapsed();
                    if mode == "both" {
                        assert_eq!(a, u, "pattern {i} on {s:?}");
                    }
                }
            }
        }
        println!("{n} sentences: anchored {ta:?}, unanchored {tu:?}");
    }
}
