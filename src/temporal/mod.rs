//! Temporal stage: finds temporal expressions in text and resolves them to
//! calendar intervals against a reference date (TimeML TIMEX3 semantics).
//!
//! One engine serves `dateline build`, `dateline explain` and `dateline timex`.
//! All vocabulary (month/weekday/number words, seasons, holidays, modifiers)
//! and the patterns themselves live under `rules/en/temporal/` as data.
//!
//! Flow per document: one lazy-DFA pass of the union of all patterns finds
//! the short regions where anything can match; in each region one `RegexSet`
//! pass says which patterns do, and only those run (an Aho-Corasick
//! prefilter on trigger words was measured and gave regions so large that it
//! cost 30% more). Overlaps keep the highest priority, then the longest
//! match, and only the matches kept are searched for their groups (the
//! backtracking that fills them is most of a match's cost). Matches resolve
//! in document order so narrative expressions ("a year earlier") count from
//! the last date the text moved to, and tense cues come from the sentence
//! each expression is in.

pub mod calendar;
pub mod examples;
pub mod groups;
pub mod lexicon;
pub mod patterns;
pub mod place;
pub mod resolve;
pub mod span;
pub mod tense;

pub use crate::dates::{Anchor, Interval, Modifier, Precision, RefDate, TimexType};
pub use calendar::Unit;
pub use resolve::Shift;

use crate::datafile::Source;
use crate::error::{RuleError, RuleErrors};
use crate::regex_cache::Caches;
use crate::util::text::{ceil_char_boundary, floor_char_boundary};
use lexicon::Lexicon;
use patterns::Pattern;
use rayon::prelude::*;
use regex::Regex;
use regex_automata::PatternSet;
use regex_automata::meta;
use regex_automata::util::iter::Searcher;
use resolve::{Ctx, Narrative, Resolved};
use serde::Serialize;
use span::{on_word_boundaries, sentence_of, tense_window};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// Byte offsets into the text given to [`Tagger::tag`], end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: TimexType,
    /// TimeML value (`2025-04-19`, `2025-W16`, `P3Y`, `PAST_REF`, `XXXX-04`, ...).
    pub value: String,
    pub modifier: Option<Modifier>,
    /// Calendar interval the value covers; `None` for durations, sets and
    /// values that do not name a stretch of the calendar.
    pub interval: Option<Interval>,
    pub precision: Option<Precision>,
    pub anchor: Anchor,
    /// Index of the sentence (in the `sentences` slice given to `tag`) it lies in.
    pub sentence: usize,
    /// For `Anchor::Narrative`: how the expression moves from its anchor,
    /// which [`Timex::reanchor`] replays on another anchor.
    pub shift: Option<Shift>,
}

/// Compiled temporal engine; build once, share across threads.
///
/// A clone shares the compiled automata but has its own match caches: a
/// regex's cache pool serves one thread fast and makes the others take
/// turns through a lock, so workers that tag many texts each use a clone.
#[derive(Clone)]
pub struct Tagger {
    lex: Arc<Lexicon>,
    patterns: Vec<Pattern>,
    /// Says which patterns match a region (a `RegexSet`'s search).
    set: Arc<Shared>,
    /// All patterns as one alternation, names stripped: finds the regions.
    union: Arc<Shared>,
    tense: tense::TenseCues,
}

/// A regex with one match cache that the threads take in turn. The set
/// and the union run over every article, so their lazy DFAs grow to their
/// limits, and a copy per thread was tens of MB of a large build's peak.
struct Shared {
    regex: meta::Regex,
    caches: Caches,
}

impl Shared {
    /// Built as `regex::RegexBuilder` (`LeftmostFirst`) or
    /// `regex::RegexSetBuilder` (`All`) would, so matches are the same.
    fn build(patterns: &[&str], kind: regex_automata::MatchKind) -> Result<Shared, String> {
        let config = meta::Config::new()
            .match_kind(kind)
            .utf8_empty(true)
            .nfa_size_limit(Some(SET_SIZE_LIMIT))
            .hybrid_cache_capacity(SET_DFA_LIMIT);
        let config = match kind {
            regex_automata::MatchKind::All => {
                config.which_captures(regex_automata::nfa::thompson::WhichCaptures::None)
            }
            _ => config,
        };
        let regex = meta::Builder::new()
            .configure(config)
            .syntax(regex_automata::util::syntax::Config::new().utf8(true))
            .build_many(patterns)
            .map_err(|e| e.to_string())?;
        Ok(Shared {
            regex,
            caches: Caches::default(),
        })
    }

    /// The leftmost-first matches of `text`, as `regex::Regex::find_iter`
    /// gives them. The cache is taken per match, not per text, so the
    /// other thread rarely waits for it.
    fn each_match(&self, text: &str, mut f: impl FnMut(regex_automata::Match)) {
        let Shared { regex, caches } = self;
        let mut searcher = Searcher::new(regex_automata::Input::new(text));
        while let Some(m) =
            searcher.advance(|input| Ok(caches.with(regex, |c| regex.search_with(c, input))))
        {
            f(m);
        }
    }

    /// The patterns that match somewhere in `hay`, in ascending order.
    fn which(&self, hay: &str) -> PatternSet {
        let mut found = PatternSet::new(self.regex.pattern_len());
        let input = regex_automata::Input::new(hay);
        self.caches.with(&self.regex, |c| {
            self.regex
                .which_overlapping_matches_with(c, &input, &mut found)
        });
        found
    }
}

/// A match that may become an expression, before overlaps are settled.
struct Cand<'h> {
    start: usize,
    end: usize,
    pattern: usize,
    /// End of the haystack it was found in (its region's end): searching
    /// again must see the same text.
    hay_end: usize,
    /// Groups, when they were needed to find the expression.
    caps: Option<regex::Captures<'h>>,
}

/// An error about a whole file (or folder) rather than a place in it.
fn file_error(path: &Path, message: String) -> RuleError {
    RuleError {
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
    }
}

/// Reads every `*.toml` of `dir`, sorted by name: (lexicon files, pattern files).
fn read_rule_files(dir: &Path) -> Result<(Vec<Source>, Vec<Source>), RuleErrors> {
    let one = |e| RuleErrors(vec![e]);
    let (mut lex, mut pats) = (Vec::new(), Vec::new());
    for p in crate::datafile::toml_files(dir).map_err(one)? {
        let src = Source::read(&p).map_err(one)?;
        let is_lex = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("lexicon"));
        if is_lex {
            lex.push(src)
        } else {
            pats.push(src)
        }
    }
    Ok((lex, pats))
}

/// Size limits of the pattern set and union: hundreds of patterns over
/// word classes make automata larger than the regex crate's defaults.
const SET_SIZE_LIMIT: usize = 200 << 20;
const SET_DFA_LIMIT: usize = 20 << 20;

impl Tagger {
    /// Loads and compiles every file under `dir` (normally `rules/en/temporal`),
    /// over the shared words of the language folder it is in
    /// (`rules/en/lexicon`). Every problem found is reported, each as
    /// `file:line:column: message`.
    pub fn load(dir: &Path) -> Result<Tagger, RuleErrors> {
        let (lex_files, pattern_files) = read_rule_files(dir)?;
        let shared = dir
            .parent()
            .map(crate::lexicon::folder_of)
            .unwrap_or_default();
        let lex = lexicon::load(&shared, &lex_files)?;
        // Files compile in parallel: compiling is most of start-up time.
        let compiled: Vec<(Vec<Pattern>, Vec<RuleError>)> = pattern_files
            .par_iter()
            .map(|src| {
                let mut errs = Vec::new();
                let pats = patterns::compile_file(&src.path, &src.text, &lex, &mut errs);
                (pats, errs)
            })
            .collect();
        let mut errors = Vec::new();
        let mut patterns = Vec::new();
        for (pats, errs) in compiled {
            patterns.extend(pats);
            errors.extend(errs);
        }
        let lex_path = lex_files
            .first()
            .map(|s| s.path.clone())
            .unwrap_or_else(|| dir.join("lexicon.toml"));
        let tense = match tense::TenseCues::new(&lex) {
            Ok(t) if errors.is_empty() => t,
            Ok(_) => return Err(RuleErrors(errors)),
            Err(m) => {
                errors.push(file_error(&lex_path, format!("tense cues: {m}")));
                return Err(RuleErrors(errors));
            }
        };
        let (set, union) =
            Self::automata(&patterns).map_err(|m| RuleErrors(vec![file_error(dir, m)]))?;
        Ok(Tagger {
            lex: Arc::new(lex),
            union: Arc::new(union),
            patterns,
            set: Arc::new(set),
            tense,
        })
    }

    /// The set that says which patterns match a region, and the union of
    /// all patterns that finds the regions.
    fn automata(patterns: &[Pattern]) -> Result<(Shared, Shared), String> {
        // The union is the patterns side by side; group names would clash,
        // and only where it matches matters, so they are dropped.
        let strip = Regex::new(r"\(\?P?<[A-Za-z_][A-Za-z_0-9]*>").map_err(|e| e.to_string())?;
        let alts: Vec<String> = patterns
            .iter()
            .map(|p| format!("(?:{})", strip.replace_all(p.regex.as_str(), "(?:")))
            .collect();
        let (set, union) = rayon::join(
            || {
                let all: Vec<&str> = patterns.iter().map(|p| p.regex.as_str()).collect();
                Shared::build(&all, regex_automata::MatchKind::All)
            },
            || Shared::build(&[&alts.join("|")], regex_automata::MatchKind::LeftmostFirst),
        );
        let set = set.map_err(|e| format!("pattern set: {e}"))?;
        let union = union.map_err(|e| format!("pattern union: {e}"))?;
        Ok((set, union))
    }

    /// The compiled patterns (for `rules test` and the example runner).
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Tags a whole document. `sentences` are byte ranges of `text` in
    /// document order: an expression's tense comes from its sentence, and
    /// `Timex::sentence` indexes them. The narrative date runs across the
    /// document. `dct` is the publication date if known.
    pub fn tag(&self, text: &str, sentences: &[Range<usize>], dct: Option<&RefDate>) -> Vec<Timex> {
        let mut out = Vec::new();
        // Patterns run over the text, not sentence by sentence, so a
        // splitter that breaks after "Sept." cannot cut "Sept. 30, 1989".
        // One pass of the union of all patterns finds the regions worth a
        // look; only there do the set and the few patterns it names run.
        let mut cands: Vec<Cand> = Vec::new();
        for region in self.regions(text) {
            for pi in self.set.which(&text[region.clone()]).iter() {
                let pi = pi.as_usize();
                self.candidates(&self.patterns[pi], pi, text, region.clone(), &mut cands);
            }
        }
        let chosen = self.select(cands);
        let mut story = Story::default();
        let cues = std::cell::RefCell::new(Cues::default());
        for c in chosen {
            let (s, e, pi) = (c.start, c.end, c.pattern);
            let p = &self.patterns[pi];
            // Only the kept matches pay for their groups. Searching again
            // from the match's own start, in the same haystack, finds the
            // same leftmost-first match.
            let Some(caps) = c
                .caps
                .or_else(|| p.regex.captures_at(&text[..c.hay_end], s))
            else {
                continue;
            };
            let here = std::cell::OnceCell::new();
            let tense = || {
                *here
                    .get_or_init(|| self.tense_of(p, text, sentences, s..e, &mut cues.borrow_mut()))
            };
            let Some(r) = self.resolve_hull(
                p,
                &caps,
                dct,
                &tense,
                (story.narrative.as_ref(), story.fiscal.as_ref()),
            ) else {
                continue;
            };
            story.advance(&r, dct);
            out.push(Timex {
                start: s,
                end: e,
                text: text[s..e].to_string(),
                kind: r.kind,
                value: r.value,
                modifier: r.modifier,
                interval: r.interval,
                precision: r.interval.and(r.precision),
                anchor: r.anchor,
                sentence: sentence_of(sentences, s),
                shift: r.shift,
            });
        }
        out
    }

    /// The tense an expression is read in. Only calendar names without a
    /// year depend on it (also in a clock time: "until 9 a.m. Tuesday"); the
    /// scan is skipped for the rest, and done once per window.
    fn tense_of(
        &self,
        p: &Pattern,
        text: &str,
        sentences: &[Range<usize>],
        span: Range<usize>,
        cues: &mut Cues,
    ) -> tense::Tense {
        if let Some(t) = p.tense {
            return t;
        }
        if !matches!(
            p.recipe,
            patterns::Recipe::Calendar | patterns::Recipe::Relative | patterns::Recipe::Clock
        ) {
            return tense::Tense::Unknown;
        }
        let (s, e) = (span.start, span.end);
        let window = span::clip(text, tense_window(sentences, s, e));
        if cues.window.as_ref() != Some(&window) {
            self.tense.scan(&text[window.clone()], &mut cues.found);
            cues.window = Some(window.clone());
        }
        let fronted = text[e..].starts_with(',');
        tense::tense_at(&cues.found, s - window.start, e - window.start, fronted)
    }

    /// Stretches of `text` around every match of the union of all patterns,
    /// merged when they touch. No pattern can match starting before the
    /// union's leftmost match, but one may run past its end (the union
    /// stops at the first alternative that matches), hence the margin after.
    fn regions(&self, text: &str) -> Vec<Range<usize>> {
        const BEFORE: usize = 4;
        const AFTER: usize = 24;
        let mut out: Vec<Range<usize>> = Vec::new();
        self.union.each_match(text, |m| {
            let a = floor_char_boundary(text, m.start().saturating_sub(BEFORE));
            let b = ceil_char_boundary(text, (m.end() + AFTER).min(text.len()));
            match out.last_mut() {
                Some(last) if a <= last.end => last.end = last.end.max(b),
                _ => out.push(a..b),
            }
        });
        out
    }

    /// Matches of one pattern in one region. A pattern whose group `t` is
    /// the expression (the rest is context) needs its groups to know where
    /// the expression is, so it is captured right away; the others wait
    /// until they survive overlap selection.
    fn candidates<'h>(
        &self,
        p: &Pattern,
        pi: usize,
        text: &'h str,
        region: Range<usize>,
        cands: &mut Vec<Cand<'h>>,
    ) {
        let hay = &text[..region.end];
        let mut at = region.start;
        while at <= region.end {
            let (whole, caps) = if p.has_t {
                let Some(caps) = p.regex.captures_at(hay, at) else {
                    break;
                };
                let Some(whole) = caps.get(0) else { break };
                (whole.range(), Some(caps))
            } else {
                let Some(m) = p.regex.find_at(hay, at) else {
                    break;
                };
                (m.range(), None)
            };
            at = ceil_char_boundary(text, whole.end.max(whole.start + 1));
            // `t`, or `t2` in another alternative, is the expression.
            let span = caps
                .as_ref()
                .and_then(|c| {
                    p.groups
                        .iter()
                        .filter(|(role, _)| *role == patterns::Role::T)
                        .find_map(|&(_, i)| c.get(i))
                })
                .map_or(whole, |m| m.range());
            if span.is_empty()
                || !on_word_boundaries(text, span.start, span.end)
                || p.vetoed(text, span.start, span.end)
            {
                continue;
            }
            cands.push(Cand {
                start: span.start,
                end: span.end,
                pattern: pi,
                hay_end: region.end,
                caps,
            });
        }
    }

    /// Keeps the non-overlapping candidates, preferring priority, then
    /// length, then the earlier start; returns them in text order.
    fn select<'h>(&self, mut cands: Vec<Cand<'h>>) -> Vec<Cand<'h>> {
        cands.sort_by(|a, b| {
            let (pa, pb) = (
                self.patterns[a.pattern].priority,
                self.patterns[b.pattern].priority,
            );
            pb.cmp(&pa)
                .then((b.end - b.start).cmp(&(a.end - a.start)))
                .then(a.start.cmp(&b.start))
                .then(a.pattern.cmp(&b.pattern))
        });
        // Chosen spans by start. They never overlap, so sorted by start they
        // are sorted by end too: only the last one starting before a
        // candidate's end can overlap it (a scan of all chosen spans per
        // candidate was quadratic in a long text).
        let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
        let mut chosen: Vec<Cand<'h>> = Vec::new();
        for c in cands {
            let clash = taken
                .range(..c.end)
                .next_back()
                .is_some_and(|(_, &end)| end > c.start);
            if !clash {
                taken.insert(c.start, c.end);
                chosen.push(c);
            }
        }
        chosen.sort_by_key(|c| c.start);
        chosen
    }

    /// Resolves against the DCT; a DCT known only to the month resolves
    /// against both ends and keeps the hull, so no day is invented.
    fn resolve_hull(
        &self,
        p: &Pattern,
        caps: &regex::Captures,
        dct: Option<&RefDate>,
        tense: &dyn Fn() -> tense::Tense,
        (narrative, fiscal): (Option<&Narrative>, Option<&Narrative>),
    ) -> Option<Resolved> {
        let ctx = |d| Ctx {
            dct: d,
            tense,
            narrative,
            fiscal,
        };
        let Some(dct) = dct else {
            return resolve::resolve(p, caps, &self.lex, &ctx(None));
        };
        let a = resolve::resolve(p, caps, &self.lex, &ctx(Some(dct.interval.start)))?;
        if dct.interval.start == dct.interval.end {
            return Some(a);
        }
        let b = resolve::resolve(p, caps, &self.lex, &ctx(Some(dct.interval.end)))?;
        if a.value == b.value && a.interval == b.interval {
            return Some(a);
        }
        let mut r = a.clone();
        r.interval = match (a.interval, b.interval) {
            (Some(x), Some(y)) => Some(x.hull(&y)),
            _ => None,
        };
        // The hull of two readings is as coarse as its length, whatever
        // the granularity of each.
        r.precision = r.interval.map(|iv| resolve::precision_of_span(iv.days()));
        if a.value != b.value {
            r.value = common_value(&a.value, &b.value);
            r.cal = match (a.cal, b.cal) {
                (Some(x), Some(y)) if x.precision() == y.precision() => Some(coarsen(x, y)),
                _ => None,
            };
        }
        Some(r)
    }
}

/// Where the text is: the dates later narrative expressions count from.
/// Narrative expressions before any date in the text count from the DCT.
#[derive(Default)]
struct Story {
    narrative: Option<Narrative>,
    fiscal: Option<Narrative>,
}

impl Story {
    fn advance(&mut self, r: &Resolved, dct: Option<&RefDate>) {
        // Results "for the nine months" or "for the year" end the
        // quarter's comparison: "a year earlier" is then the year.
        if matches!(r.value.as_str(), "P6M" | "P9M" | "P12M" | "P1Y") {
            self.fiscal = None;
        }
        let (true, Some(cal), Some(iv)) = (r.sets_reference, r.cal, r.interval) else {
            return;
        };
        self.narrative = Some(Narrative { cal, interval: iv });
        // Comparisons ("a year ago") are with a period already over
        // and reported, not a forecast ("losses through the third
        // quarter of 1990", "into the fourth quarter").
        let reported = dct.is_none_or(|d| cal.end() <= d.interval.end);
        if reported && matches!(cal, calendar::Cal::Quarter(..) | calendar::Cal::Half(..)) {
            self.fiscal = self.narrative;
        }
    }
}

/// Tense cues of the window last scanned, kept while expressions stay in it.
#[derive(Default)]
struct Cues {
    window: Option<Range<usize>>,
    found: Vec<(usize, usize, tense::Cue)>,
}

/// The coarsest value both ends agree on, for the granularity a month-wide
/// DCT still allows.
fn coarsen(a: calendar::Cal, b: calendar::Cal) -> calendar::Cal {
    use chrono::Datelike;
    let (x, y) = (a.start(), b.start());
    if x.year() == y.year() && x.month() == y.month() {
        calendar::Cal::Month(x.year(), x.month())
    } else if x.year() == y.year() {
        calendar::Cal::Year(x.year())
    } else {
        a
    }
}

/// Common prefix of two TimeML values at a component boundary
/// ("2025-03-31" and "2025-04-29" give "2025").
fn common_value(a: &str, b: &str) -> String {
    let mut keep = 0;
    for (i, (x, y)) in a.bytes().zip(b.bytes()).enumerate() {
        if x != y {
            break;
        }
        if x == b'-' {
            keep = i;
        }
        if i + 1 == a.len().min(b.len()) {
            keep = i + 1;
        }
    }
    if keep >= 4 {
        a[..keep].to_string()
    } else {
        "XXXX".to_string()
    }
}

impl Timex {
    /// For narrative-anchored expressions ("days later", "the next day", "a
    /// week earlier"), the interval they denote when the narrative is at
    /// `anchor` instead of where the engine assumed. `None` for the others.
    pub fn reanchor(&self, anchor: &Interval) -> Option<Interval> {
        if self.anchor != Anchor::Narrative {
            return None;
        }
        self.shift.map(|s| s.apply(anchor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_value_cuts_at_components() {
        assert_eq!(common_value("2025-03-31", "2025-04-29"), "2025");
        assert_eq!(common_value("2025-04-03", "2025-04-29"), "2025-04");
        assert_eq!(common_value("2024-12", "2024-12"), "2024-12");
        assert_eq!(common_value("2024-W52", "2025-W01"), "XXXX");
    }

    #[test]
    fn shared_set_names_what_a_regex_set_names() {
        let pats = [r"\bmay\b", r"\d{4}", r"(?i)sept\.?", r"x*"];
        let set = Shared::build(&pats, regex_automata::MatchKind::All).unwrap();
        let old = regex::RegexSet::new(pats).unwrap();
        for hay in ["in May 2024", "Sept. 30", "may", "", "é1999"] {
            let new: Vec<usize> = set.which(hay).iter().map(|p| p.as_usize()).collect();
            assert_eq!(new, old.matches(hay).iter().collect::<Vec<_>>(), "{hay}");
        }
    }

    #[test]
    fn shared_union_finds_what_a_regex_finds() {
        // Empty matches too, which the search must step over by whole chars.
        let pat = r"(?:\d{4})|(?:x*)";
        let shared = Shared::build(&[pat], regex_automata::MatchKind::LeftmostFirst).unwrap();
        let old = Regex::new(pat).unwrap();
        for hay in ["é 1999, xx 2024", "", "ééx"] {
            let mut new = Vec::new();
            shared.each_match(hay, |m| new.push(m.range()));
            let want: Vec<_> = old.find_iter(hay).map(|m| m.range()).collect();
            assert_eq!(new, want, "{hay}");
        }
    }
}
