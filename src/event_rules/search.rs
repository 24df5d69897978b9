//! Running one compiled pattern over a sentence.
//!
//! An unanchored search walks every byte of a candidate sentence with a
//! lazy DFA whose states must also track "a match may start here", and our
//! patterns (long alternations, gap words counted `{0,4}`, Unicode classes)
//! make many such state sets. Most patterns can only begin with one of a
//! few words (`\b(?:said|says|…)`): for those we find where such a word
//! begins and run an anchored search from each place. The leftmost
//! anchored match is exactly the match an unanchored search returns; the
//! `bench` test below checks that on a corpus and times both ways.

use super::compile::CompiledPattern;
use super::prefilter::{StartLiterals, is_word_byte};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use std::sync::OnceLock;

/// A finder of the places where a match of one pattern may start.
pub struct Starts {
    /// Built on first use: the prefilter's pass finds the starts of most
    /// searches, and building hundreds of these cost a small build more
    /// than its search. `None` if the literals make too big an automaton
    /// (the search then runs unanchored, which finds the same matches).
    finder: OnceLock<Option<AhoCorasick>>,
    /// Only where a word starts (the pattern begins with `\b` and a word).
    pub word_start: bool,
    /// The literals, which the prefilter also looks for: its one pass over
    /// a sentence then lists the starts of every candidate pattern.
    pub literals: Vec<Vec<u8>>,
}

impl Starts {
    /// From the pattern's start literals (see `prefilter::start_literals`).
    pub fn new(starts: &StartLiterals) -> Option<Starts> {
        Some(Starts {
            finder: OnceLock::new(),
            word_start: starts.word_start,
            literals: starts.literals.clone(),
        })
    }

    fn finder(&self) -> Option<&AhoCorasick> {
        let build = || {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&self.literals)
                .ok()
        };
        self.finder.get_or_init(build).as_ref()
    }

    /// Byte offsets where a start literal occurs, ascending (none if the
    /// finder could not be built).
    fn find(&self, text: &str, out: &mut Vec<usize>) {
        out.clear();
        let Some(finder) = self.finder() else { return };
        let bytes = text.as_bytes();
        let fits = |&p: &usize| !self.word_start || p == 0 || !is_word_byte(bytes[p - 1]);
        out.extend(
            finder
                .find_overlapping_iter(text)
                .map(|m| m.start())
                .filter(fits),
        );
        out.sort_unstable();
        out.dedup();
    }
}

use crate::util::text::folds_to_ascii;

type Slots = Vec<Option<regex_automata::util::primitives::NonMaxUsize>>;

thread_local! {
    /// Start positions, kept between sentences to spare an allocation.
    static POSITIONS: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Capture slots of one search, likewise.
    static SLOTS: std::cell::RefCell<Slots> = const { std::cell::RefCell::new(Vec::new()) };
}

impl CompiledPattern {
    /// Calls `f` with every match of the pattern in `text`, leftmost first
    /// and non-overlapping, exactly as `captures_iter` finds them.
    pub fn for_each_match(&self, text: &str, mut f: impl FnMut(&Captures)) {
        let finder = self.starts.as_ref().filter(|s| s.finder().is_some());
        let Some(starts) = finder.filter(|_| !folds_to_ascii(text)) else {
            let engine = self.engine();
            engine.caches.with(&engine.regex, |cache| {
                // `captures_iter`, with a lent cache instead of the regex's own.
                let mut caps = engine.regex.create_captures();
                let mut it = regex_automata::util::iter::Searcher::new(Input::new(text));
                loop {
                    it.advance(|input| {
                        engine.regex.search_captures_with(cache, input, &mut caps);
                        Ok(caps.get_match())
                    });
                    if !caps.is_match() {
                        break;
                    }
                    f(&caps);
                }
            });
            return;
        };
        let at = POSITIONS.with_borrow_mut(|at| {
            starts.find(text, at);
            std::mem::take(at)
        });
        if !at.is_empty() {
            self.anchored_matches(text, &at, &mut f);
        }
        POSITIONS.with_borrow_mut(|v| *v = at);
    }

    /// The matches starting at some of `at` (ascending), leftmost first.
    /// `at` must hold every place a match can start (as [`Starts`] finds
    /// them), and the text must not hold what [`folds_to_ascii`] looks for.
    pub fn anchored_matches(&self, text: &str, at: &[usize], f: &mut impl FnMut(&Captures)) {
        // Most searches find nothing: capture slots go to a reused buffer,
        // and a `Captures` is only made for a match.
        let engine = self.engine();
        let regex = &engine.regex;
        let mut slots = SLOTS.with_borrow_mut(std::mem::take);
        slots.clear();
        slots.resize(engine.slot_len, None);
        let mut caps: Option<Captures> = None;
        let mut from = 0;
        for &start in at {
            if start < from {
                continue;
            }
            let input = Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Yes);
            let Some(pid) = engine.caches.with(regex, |cache| {
                regex.search_slots_with(cache, &input, &mut slots[..engine.wanted_slots])
            }) else {
                continue;
            };
            let caps = caps.get_or_insert_with(|| regex.create_captures());
            caps.slots_mut().copy_from_slice(&slots);
            caps.set_pattern(Some(pid));
            if let Some(m) = caps.get_match() {
                f(caps);
                // Start literals are not empty, so neither is a match.
                from = m.end().max(start + 1);
            }
        }
        SLOTS.with_borrow_mut(|v| *v = slots);
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
mod same_matches {
    use super::super::compile::compiled_pattern;
    use crate::datafile::pattern::widen_typography;

    fn both(pattern: &str, text: &str) -> (Vec<String>, Vec<String>) {
        let widened = widen_typography(pattern);
        let p = compiled_pattern(widened, Default::default(), 0, false);
        assert!(p.starts.is_some(), "{pattern}");
        let mut anchored = Vec::new();
        p.for_each_match(text, |c| {
            anchored.push(text[c.get_match().unwrap().range()].to_string())
        });
        let plain = p
            .engine()
            .regex
            .find_iter(text)
            .map(|m| text[m.range()].to_string());
        (anchored, plain.collect())
    }

    #[test]
    fn a_pattern_naming_no_group_asks_only_for_its_match() {
        let text = "Lula met Ramaphosa; Xi meets Lula, then met Modi.";
        for (pattern, slots) in [
            (r"\b(met|meets) (\w+)", 2),
            (r"\b(met|meets) (?P<who>\w+)", 6),
        ] {
            let p = compiled_pattern(widen_typography(pattern), Default::default(), 0, false);
            assert_eq!(p.engine().wanted_slots, slots, "{pattern}");
            let mut found = Vec::new();
            p.for_each_match(text, |c| {
                let named = (slots > 2).then(|| c.get_group(2).map(|g| g.range()));
                found.push((c.get_match().unwrap().range(), named));
            });
            let plain: Vec<_> = p
                .engine()
                .regex
                .captures_iter(text)
                .map(|c| {
                    (
                        c.get_match().unwrap().range(),
                        (slots > 2).then(|| c.get_group(2).map(|g| g.range())),
                    )
                })
                .collect();
            assert_eq!(found.len(), 3, "{pattern}");
            assert_eq!(found, plain, "{pattern}");
        }
    }

    #[test]
    fn anchored_search_finds_what_a_plain_search_finds() {
        let cases = [
            (
                r"\b(?:met|meets) (?:\w+ ){0,3}?in \w+",
                "Lula met Ramaphosa in Brasília; they met again in Pretoria.",
            ),
            (
                r"\b(?:talks|meeting)s? (?:held|began)",
                "Talks held in Oslo, talkshow began, meetings began",
            ),
            (
                r#"[,”"] (?:he|she) said"#,
                "\"We will reopen the crossing,\" she said, \"soon\" he said",
            ),
            (
                r"\b(?:a|an) (?:\w+ )?strike",
                "a drone strike near Goma, then an air strike and astrike",
            ),
        ];
        for (pattern, text) in cases {
            let (anchored, plain) = both(pattern, text);
            assert!(!plain.is_empty(), "{pattern}");
            assert_eq!(anchored, plain, "{pattern}");
        }
    }
}

#[cfg(test)]
mod same_starts {
    use super::super::EventRules;

    /// The prefilter's one pass lists, for every pattern, the starts its
    /// own finder lists.
    #[test]
    fn the_prefilter_finds_every_start_each_finder_finds() {
        let rules = EventRules::load(std::path::Path::new("rules/en/events")).unwrap();
        let texts = super::super::seed_sentences(&[
            "\"We will reopen the CROSSING,\" she said; ahead, THE army seized Goma.",
            "A drone strike hit Aleppo; an AIR STRIKE followed, ask Astrid.",
            "Officials SAID talks resumed in Quito, reports say.”",
        ]);
        let (mut from_scan, mut own) = (Vec::new(), Vec::new());
        let mut checked = 0;
        for text in &texts {
            let scan = rules.prefilter.scan(text);
            for (i, p) in rules.patterns.iter().enumerate() {
                let Some(starts) = &p.starts else { continue };
                starts.find(text, &mut own);
                rules.prefilter.starts_of(&scan, text, i, &mut from_scan);
                assert_eq!(from_scan, own, "pattern {i} on {text:?}");
                checked += own.len();
            }
        }
        assert!(checked > 1000, "{checked}");
    }
}

/// A/B check on a real corpus: `BENCH_ARTICLES=/tmp/big3k cargo test
/// --release --lib anchored_and_unanchored -- --ignored --nocapture`.
#[cfg(test)]
#[cfg(target_os = "linux")]
mod bench {
    use super::super::EventRules;
    use std::time::Duration;

    /// CPU time of this thread: the machine is shared, wall time is noise.
    fn cpu() -> Duration {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `t` is a valid timespec for the call to fill.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    }

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
            for caps in p.engine().regex.captures_iter(s) {
                push(&caps);
            }
        }
        out
    }

    /// The files of `dir` in name order, for the ignored benches below.
    fn sorted_files(dir: &str) -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        files
    }

    /// Which patterns cost most: `BENCH_ARTICLES=/tmp/big3k cargo test
    /// --release --lib costliest_patterns -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn costliest_patterns() {
        let dir = std::env::var("BENCH_ARTICLES").unwrap_or("seeds".into());
        let rules = EventRules::load(std::path::Path::new("rules/en/events")).unwrap();
        let n = rules.patterns.len();
        let (mut time, mut runs, mut hits) = (vec![Duration::ZERO; n], vec![0; n], vec![0; n]);
        let files = sorted_files(&dir);
        let mut at = Vec::new();
        for f in files.iter().take(2000) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for s in text.split_inclusive(['.', '\n']).filter(|s| s.len() > 20) {
                let scan = rules.prefilter.scan(s);
                for (i, p) in rules.patterns.iter().enumerate() {
                    if !scan.mask[i] {
                        continue;
                    }
                    let t = cpu();
                    let mut found = 0;
                    if p.starts.is_some() {
                        rules.prefilter.starts_of(&scan, s, i, &mut at);
                        p.anchored_matches(s, &at, &mut |_| found += 1);
                    } else {
                        p.for_each_match(s, |_| found += 1);
                    }
                    time[i] += cpu() - t;
                    runs[i] += 1;
                    hits[i] += found;
                }
            }
        }
        let total: Duration = time.iter().sum();
        let t = cpu();
        let mut sentences = 0;
        for f in files.iter().take(2000) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for s in text.split_inclusive(['.', '\n']).filter(|s| s.len() > 20) {
                sentences += rules.match_sentence(s).len().min(1);
            }
        }
        let spent = cpu() - t;
        let t = cpu();
        for f in files.iter().take(2000) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for s in text.split_inclusive(['.', '\n']).filter(|s| s.len() > 20) {
                sentences += rules.prefilter.scan(s).starts.len().min(1);
            }
        }
        let scan = cpu() - t;
        println!("total {total:?}; match_sentence {spent:?}; scan {scan:?} ({sentences})");
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(time[i]));
        for &i in order.iter().take(25) {
            let p = &rules.patterns[i];
            let clauses = super::super::prefilter::filter_clauses(&p.expanded);
            let words: Vec<String> = (clauses.iter().flatten())
                .map(|c| {
                    c.words
                        .iter()
                        .take(4)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .collect();
            println!(
                "{i:4} {:>9.1?} runs {:6} hits {:5} starts {} clauses {:?} :: {}",
                time[i],
                runs[i],
                hits[i],
                p.starts.is_some(),
                words,
                p.expanded.chars().take(100).collect::<String>()
            );
        }
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
        let regex: usize = rules
            .patterns
            .iter()
            .map(|p| p.engine().regex.memory_usage())
            .sum();
        let starts: usize = (rules.patterns.iter().flat_map(|p| &p.starts))
            .flat_map(|s| s.finder())
            .map(|f| f.memory_usage())
            .sum();
        println!(
            "memory: regexes {} kB, start finders {} kB",
            regex >> 10,
            starts >> 10
        );
        let files = sorted_files(&dir);
        let (mut ta, mut tu) = (Duration::ZERO, Duration::ZERO);
        let mut n = 0;
        for f in files.iter().take(1500) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for s in text.split_inclusive(['.', '\n']).filter(|s| s.len() > 20) {
                n += 1;
                let mask = rules.prefilter.candidates(s);
                for (i, p) in rules.patterns.iter().enumerate().filter(|(i, _)| mask[*i]) {
                    let t = cpu();
                    let a = (mode != "u").then(|| spans(p, s, true));
                    ta += cpu() - t;
                    let t = cpu();
                    let u = (mode != "a").then(|| spans(p, s, false));
                    tu += cpu() - t;
                    if mode == "both" {
                        assert_eq!(a, u, "pattern {i} on {s:?}");
                    }
                }
            }
        }
        println!("{n} sentences: anchored {ta:?}, unanchored {tu:?}");
    }
}
