//! Shared modality cues: is a match negated or hypothetical (drop it), or
//! presented as future or scheduled (mark it planned)?
//!
//! Cues are searched in a window around the match that stops at clause
//! punctuation, so "The minister, who did not give details, visited Kabul"
//! is still a visit and "Dar, who arrived on Saturday, will meet ..." does
//! not make the arrival planned.

use crate::util::text::{at_word_edges, ceil_char_boundary as ceil, floor_char_boundary as floor};
use regex::Regex;
use std::ops::Range;

pub struct Modality {
    /// Searched in the clause before the match and in the match.
    pub negation: Option<Regex>,
    /// Searched in the match and the clause after it ("the visit ... was
    /// postponed").
    pub negation_after: Option<Regex>,
    /// Searched in the clause before the match and in the match ("will visit").
    pub planned: Option<Regex>,
    /// Searched in the match and the clause after it ("... next week").
    pub planned_after: Option<Regex>,
    pub negation_window: usize,
    pub planned_window: usize,
}

/// Characters that end a clause for the purpose of cue windows.
fn clause_break(c: char) -> bool {
    c == ',' || strong_break(c)
}

/// Breaks that even a coordinated verb list does not cross: "he will call
/// on X, meet Y and hold talks" keeps "will" for all three verbs, so the
/// planned window only stops at these.
fn strong_break(c: char) -> bool {
    matches!(c, ';' | ':' | '—' | '–' | '(' | ')' | '“' | '”' | '"')
}

impl Modality {
    pub fn negated(&self, sentence: &str, span: &Range<usize>) -> bool {
        let before = self.negation.as_ref().is_some_and(|re| {
            let start = clause_start(sentence, span.start, self.negation_window, clause_break);
            cue_in(re, sentence, start..span.end)
        });
        before
            || self.negation_after.as_ref().is_some_and(|re| {
                let end = clause_end(sentence, span.end, self.negation_window);
                cue_in(re, sentence, span.start..end)
            })
    }

    pub fn planned(&self, sentence: &str, span: &Range<usize>) -> bool {
        let before = self.planned.as_ref().is_some_and(|re| {
            let start = clause_start(sentence, span.start, self.planned_window, strong_break);
            cue_in(re, sentence, start..span.end)
        });
        before
            || self.planned_after.as_ref().is_some_and(|re| {
                let end = clause_end(sentence, span.end, self.planned_window);
                cue_in(re, sentence, span.start..end)
            })
    }
}

/// Start of the window of at most `max` bytes before `at`, cut after the
/// last break.
fn clause_start(s: &str, at: usize, max: usize, is_break: fn(char) -> bool) -> usize {
    let mut start = floor(s, at.saturating_sub(max));
    if let Some((i, c)) = s[start..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_break(c))
    {
        start += i + c.len_utf8();
    }
    start
}

/// End of the window of at most `max` bytes after `at`, cut at the first
/// clause break.
fn clause_end(s: &str, at: usize, max: usize) -> usize {
    let end = ceil(s, at + max);
    match s[at..end].char_indices().find(|&(_, c)| clause_break(c)) {
        Some((i, _)) => at + i,
        None => end,
    }
}

/// Whether `re` matches a whole word sequence inside `window` of
/// `sentence` (see `util::text`: ASCII boundaries alone split "Noël").
fn cue_in(re: &Regex, sentence: &str, window: Range<usize>) -> bool {
    let start = window.start;
    re.find_iter(&sentence[window])
        .any(|m| at_word_edges(sentence, &(start + m.start()..start + m.end())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m() -> Modality {
        Modality {
            negation: Some(Regex::new(r"\bnot\b").unwrap()),
            negation_after: Some(Regex::new(r"\bpostponed\b").unwrap()),
            planned: Some(Regex::new(r"\bwill\b").unwrap()),
            planned_after: Some(Regex::new(r"\bnext week\b").unwrap()),
            negation_window: 30,
            planned_window: 45,
        }
    }

    fn span(s: &str, w: &str) -> Range<usize> {
        let i = s.find(w).unwrap();
        i..i + w.len()
    }

    #[test]
    fn negation_stops_at_clause_breaks() {
        let s = "He did not visit Kabul.";
        assert!(m().negated(s, &span(s, "visit Kabul")));
        let s = "He, who did not comment, visited Kabul.";
        assert!(!m().negated(s, &span(s, "visited Kabul")));
        let s = "The visit to Kabul was postponed.";
        assert!(m().negated(s, &span(s, "visit to Kabul")));
        let s = "The visit to Kabul, postponed twice, finally took place.";
        assert!(!m().negated(s, &span(s, "visit to Kabul")));
    }

    #[test]
    fn a_cue_inside_an_accented_word_is_no_cue() {
        let m = Modality {
            negation: Some(Regex::new(r"(?-u:\b)no(?-u:\b)").unwrap()),
            ..m()
        };
        let s = "Jean-Noël Barrot spoke at a briefing.";
        assert!(!m.negated(s, &span(s, "spoke at a briefing")));
        let s = "There was no briefing.";
        assert!(m.negated(s, &span(s, "briefing")));
    }

    #[test]
    fn planned_looks_before_for_will_and_after_for_dates() {
        let s = "Dar, who arrived in Kabul, will meet Muttaqi.";
        assert!(!m().planned(s, &span(s, "arrived in Kabul")));
        assert!(m().planned(s, &span(s, "meet Muttaqi")));
        let s = "He will call on the president, meet the minister and leave.";
        assert!(m().planned(s, &span(s, "meet the minister")));
        let s = "The JCC meets in Kabul next week.";
        assert!(m().planned(s, &span(s, "meets in Kabul")));
    }
}
