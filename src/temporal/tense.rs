//! Whether an expression sits in future-tense text ("will meet on Saturday"),
//! past-tense text ("met on Saturday"), or neither; decides which Saturday,
//! or which December, is meant.
//!
//! News sentences often mix tenses ("officials said Tuesday that talks will
//! resume"), so the cue nearest to the expression wins rather than any cue in
//! the sentence. Reporting verbs ("said") govern only an expression right
//! after them ("said Monday"), not the clause they introduce. Cue words are
//! data (`future_cue`, `past_cue`, `report_cue` macros).

use super::lexicon::Lexicon;
use regex::{Regex, RegexSet};

/// Tense around one expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    /// No cue: the resolver takes the occurrence nearest the DCT.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Future,
    Past,
    Report,
    /// "until", "by", "through": a deadline, future when right before a date.
    Deadline,
}

#[derive(Clone)]
pub struct TenseCues {
    /// All cue lists as one alternation: a DFA-only scan, no captures.
    cues: Regex,
    /// Whole-word future, deadline and report cue lists, in that order of
    /// precedence: one pass says which lists a found cue belongs to (most
    /// cues, past verbs, belong to none).
    kinds: RegexSet,
}

/// How far after a reporting verb an expression may start and still be
/// governed by it ("said on Monday").
const REPORT_REACH: usize = 4;

/// How far after an expression a cue may be and still be its verb ("on
/// Friday, troops withdrew"), not the next clause's ("on Tuesday that the
/// blockade might be extended").
const AFTER_REACH: usize = 25;

impl TenseCues {
    pub fn new(lex: &Lexicon) -> Result<TenseCues, String> {
        let fut = lex.expand("{future_cue}")?;
        let past = lex.expand("{past_cue}")?;
        let rep = lex.expand("{report_cue}")?;
        let dl = lex.expand("{deadline_cue}")?;
        let neg = lex.expand("{negated_past_cue}")?;
        // At one position the first alternative that matches wins, so the
        // negated forms go before the future cues they start like.
        let src = format!(r"(?i-u)\b(?:{neg}|{fut}|{dl}|{rep}|{past})\b");
        let cues = Regex::new(&src).map_err(|e| e.to_string())?;
        let kinds = RegexSet::new([fut, dl, rep].map(|l| format!(r"(?i-u)^(?:{l})$")))
            .map_err(|e| e.to_string())?;
        Ok(TenseCues { cues, kinds })
    }

    /// Cue positions of one sentence: (start, end, kind).
    pub fn scan(&self, sentence: &str, out: &mut Vec<(usize, usize, Cue)>) {
        out.clear();
        for m in self.cues.find_iter(sentence) {
            let mut is = [false; 3];
            self.kinds.matches_read_at(&mut is, m.as_str(), 0);
            let kind = match is {
                [true, _, _] => Cue::Future,
                [_, true, _] => Cue::Deadline,
                [_, _, true] => Cue::Report,
                _ => Cue::Past,
            };
            out.push((m.start(), m.end(), kind));
        }
    }
}

/// The tense the nearest cue before `[start, end)` gives, or failing that
/// the nearest after it ("troops withdrew on Friday", "on Friday, troops
/// will withdraw").
pub fn tense_at(cues: &[(usize, usize, Cue)], start: usize, end: usize) -> Tense {
    let short = |kind: Cue| matches!(kind, Cue::Report | Cue::Deadline);
    let before = cues
        .iter()
        .filter(|&&(_, e, kind)| e <= start && (!short(kind) || start - e <= REPORT_REACH))
        .max_by_key(|&&(_, e, _)| e);
    // After the expression, a reporting verb still says past ("In
    // September, it announced plans to ...").
    let after = cues
        .iter()
        .find(|&&(s, _, kind)| s >= end && s - end <= AFTER_REACH && kind != Cue::Deadline);
    match before.or(after).map(|c| c.2) {
        Some(Cue::Future | Cue::Deadline) => Tense::Future,
        Some(_) => Tense::Past,
        None => Tense::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_cue_decides() {
        // "officials said Tuesday that talks will resume Friday"
        let cues = [(10, 14, Cue::Report), (30, 34, Cue::Future)];
        assert_eq!(tense_at(&cues, 15, 22), Tense::Past);
        assert_eq!(tense_at(&cues, 42, 48), Tense::Future);
        // "on Friday troops were sent": only a cue after.
        assert_eq!(tense_at(&[(17, 21, Cue::Past)], 3, 9), Tense::Past);
        assert_eq!(tense_at(&[], 0, 3), Tense::Unknown);
    }

    #[test]
    fn deadlines_and_reports_after() {
        // "extended until Nov. 20"
        assert_eq!(
            tense_at(&[(0, 8, Cue::Past), (9, 14, Cue::Deadline)], 15, 22),
            Tense::Future
        );
        // "In March, the ministry unveiled plans to ..."
        assert_eq!(
            tense_at(&[(18, 27, Cue::Report), (34, 42, Cue::Future)], 3, 12),
            Tense::Past
        );
    }

    #[test]
    fn reporting_verb_reaches_only_the_next_words() {
        // "the company said the deal closes in December"
        let cues = [(12, 16, Cue::Report)];
        assert_eq!(tense_at(&cues, 36, 44), Tense::Unknown);
        assert_eq!(tense_at(&cues, 17, 23), Tense::Past);
    }
}
