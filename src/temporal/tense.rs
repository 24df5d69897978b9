//! Whether an expression sits in future-tense text ("will meet on Saturday"),
//! past-tense text ("met on Saturday"), or neither; decides which Saturday,
//! or which December, is meant.
//!
//! News sentences often mix tenses ("officials said Tuesday that talks will
//! resume"), so the cue nearest to the expression wins rather than any cue in
//! the sentence. Reporting verbs ("said") govern only an expression right
//! after them ("said Monday"), not the clause they introduce, and a verb
//! past "that" belongs to another clause. Cue words are data: the `*_cue`
//! macros of `rules/en/temporal/lexicon.toml`, with `neutral_word` for words
//! only shaped like verbs ("hundred") and `infinitive` ("to hit").

use super::lexicon::Lexicon;
use regex::{Regex, RegexSet};

/// Tense around one expression; a pattern may force one (`tense = "past"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    Past,
    Future,
    /// No cue: the resolver takes the occurrence nearest the DCT.
    Unknown,
    /// "since March": begun by the DCT, even when past text could still
    /// mean the coming month.
    #[serde(skip_deserializing)]
    Since,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    Future,
    Past,
    Report,
    /// "until", "by", "through": a deadline, future when right before a date.
    Deadline,
    /// "had": past perfect, which puts even a nearby deadline in the past
    /// ("had filed by Wednesday", "until Thursday they had not called").
    Perfect,
    /// Present passive ("the case is heard in May"): the participle is not
    /// a past tense, so the date is the nearest one either way.
    Present,
    /// "since": the expression right after it has begun by the DCT.
    Since,
    /// "that", "which": a new clause starts, whose verb is not the
    /// expression's ("said on Wednesday that the ban would be lifted").
    Boundary,
}

#[derive(Clone)]
pub struct TenseCues {
    /// All cue lists as one alternation: a DFA-only scan, no captures.
    cues: Regex,
    /// The lists of `CLASSES`, each anchored to a whole cue: one pass says
    /// which lists a found cue belongs to (most cues, past verbs, to none).
    kinds: RegexSet,
}

/// What a found cue is; the first class in `CLASSES` whose list matches the
/// whole cue decides, so that "may have been" is a modal past before it is
/// a future, and "to testify" a future before it is a mere infinitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    ModalPast,
    Future,
    /// Not a verb ("hundred", "unnamed", "to hit"): no cue at all.
    Neutral,
    Deadline,
    Present,
    Report,
    Boundary,
    Since,
    Perfect,
}

const CLASSES: [(Class, &str); 9] = [
    (Class::ModalPast, "{modal_past_cue}"),
    (Class::Future, "{future_cue}"),
    (Class::Neutral, "{neutral_word}|{infinitive}"),
    (Class::Deadline, "{deadline_cue}"),
    (Class::Present, "{present_cue}"),
    (Class::Report, "{report_cue}"),
    (Class::Boundary, "{clause_cue}"),
    (Class::Since, "{since_cue}"),
    (Class::Perfect, "{perfect_cue}"),
];

/// How far after a reporting verb an expression may start and still be
/// governed by it ("said on Monday").
const REPORT_REACH: usize = 4;

/// How far before a deadline "had" may be and still be its verb ("had filed
/// compliance reports by Wednesday").
const PERFECT_REACH: usize = 40;

/// How far after an expression a cue may be and still be its verb ("on
/// Friday, troops withdrew"), not the next clause's ("on Tuesday that the
/// blockade might be extended").
const AFTER_REACH: usize = 25;

impl TenseCues {
    pub fn new(lex: &Lexicon) -> Result<TenseCues, String> {
        let m = |name: &str| lex.expand(&format!("{{{name}}}"));
        let (neutral, neg, fut, infinitive) = (
            m("neutral_word")?,
            m("modal_past_cue")?,
            m("future_cue")?,
            m("infinitive")?,
        );
        let (pres, dl, rep, since, past, bound) = (
            m("present_cue")?,
            m("deadline_cue")?,
            m("report_cue")?,
            m("since_cue")?,
            m("past_cue")?,
            m("clause_cue")?,
        );
        // At one position the first alternative that matches wins: neutral
        // words first so that no cue is read inside them, modal past forms
        // before the future cues they start like, future cues before the
        // infinitives and present passives ("is to", "is set to") that
        // would swallow them, and those before the past participles they
        // end in.
        let src = format!(
            r"(?i-u)\b(?:{neutral}|{neg}|{fut}|{infinitive}|{pres}|{dl}|{rep}|{since}|{past}|{bound})\b"
        );
        let cues = Regex::new(&src).map_err(|e| e.to_string())?;
        let lists = CLASSES
            .iter()
            .map(|(_, l)| lex.expand(l).map(|l| format!(r"(?i-u)^(?:{l})$")))
            .collect::<Result<Vec<_>, _>>()?;
        let kinds = RegexSet::new(lists).map_err(|e| e.to_string())?;
        Ok(TenseCues { cues, kinds })
    }

    /// The first class whose list matches all of `cue`.
    fn class(&self, cue: &str) -> Option<Class> {
        let mut hit = [false; CLASSES.len()];
        self.kinds.matches_read_at(&mut hit, cue, 0);
        CLASSES.iter().zip(hit).find(|(_, h)| *h).map(|(c, _)| c.0)
    }

    /// Cue positions of one sentence: (start, end, kind).
    pub fn scan(&self, sentence: &str, out: &mut Vec<(usize, usize, Cue)>) {
        out.clear();
        for m in self.cues.find_iter(sentence) {
            let kind = match self.class(m.as_str()) {
                Some(Class::ModalPast) | None => Cue::Past,
                Some(Class::Future) => Cue::Future,
                Some(Class::Neutral) => continue,
                Some(Class::Deadline) => Cue::Deadline,
                // "is expected", "are scheduled": the participle is itself
                // a future cue.
                Some(Class::Present) => {
                    let last = m.as_str().rsplit(|c: char| c.is_ascii_whitespace()).next();
                    if last.and_then(|w| self.class(w)) == Some(Class::Future) {
                        Cue::Future
                    } else {
                        Cue::Present
                    }
                }
                Some(Class::Report) => Cue::Report,
                Some(Class::Boundary) => Cue::Boundary,
                Some(Class::Since) => Cue::Since,
                Some(Class::Perfect) => Cue::Perfect,
            };
            out.push((m.start(), m.end(), kind));
        }
    }
}

/// How far after a fronted expression ("On Tuesday, the league of ...
/// plans to") its verb may be: past the whole subject.
const FRONTED_REACH: usize = 90;

/// The tense the nearest cue before `[start, end)` gives, or failing that
/// the nearest after it ("troops withdrew on Friday", "on Friday, troops
/// will withdraw"). A `fronted` expression (set off by a comma) looks
/// further ahead for its verb.
pub fn tense_at(cues: &[(usize, usize, Cue)], start: usize, end: usize, fronted: bool) -> Tense {
    let reach = if fronted { FRONTED_REACH } else { AFTER_REACH };
    let short = |kind: Cue| matches!(kind, Cue::Report | Cue::Deadline | Cue::Since);
    let before = cues
        .iter()
        .filter(|&&(_, e, kind)| {
            e <= start && kind != Cue::Boundary && (!short(kind) || start - e <= REPORT_REACH)
        })
        .max_by_key(|&&(_, e, _)| e);
    // After the expression, a reporting verb still says past ("In
    // September, it announced plans to ...").
    let after = cues
        .iter()
        .find(|&&(s, _, kind)| {
            s >= end && s - end <= reach && !matches!(kind, Cue::Deadline | Cue::Since)
        })
        .filter(|c| c.2 != Cue::Boundary);
    let perfect = || {
        cues.iter().any(|&(s, e, kind)| {
            kind == Cue::Perfect
                && ((e <= start && start - e <= PERFECT_REACH)
                    || (s >= end && s - end <= AFTER_REACH))
        })
    };
    match before.or(after).map(|c| c.2) {
        Some(Cue::Deadline) if perfect() => Tense::Past,
        Some(Cue::Future | Cue::Deadline) => Tense::Future,
        Some(Cue::Present) => Tense::Unknown,
        Some(Cue::Since) => Tense::Since,
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
        assert_eq!(tense_at(&cues, 15, 22, false), Tense::Past);
        assert_eq!(tense_at(&cues, 42, 48, false), Tense::Future);
        // "on Friday troops were sent": only a cue after.
        assert_eq!(tense_at(&[(17, 21, Cue::Past)], 3, 9, false), Tense::Past);
        assert_eq!(tense_at(&[], 0, 3, false), Tense::Unknown);
    }

    #[test]
    fn deadlines_and_reports_after() {
        // "extended until Nov. 20"
        assert_eq!(
            tense_at(&[(0, 8, Cue::Past), (9, 14, Cue::Deadline)], 15, 22, false),
            Tense::Future
        );
        // "had filed by Wednesday", "until Thursday they had not called"
        assert_eq!(
            tense_at(
                &[(0, 3, Cue::Perfect), (10, 12, Cue::Deadline)],
                13,
                22,
                false
            ),
            Tense::Past
        );
        assert_eq!(
            tense_at(
                &[(0, 5, Cue::Deadline), (21, 24, Cue::Perfect)],
                6,
                14,
                false
            ),
            Tense::Past
        );
        // "the sale, which had been expected, is part of a plan to pay
        // down debt by February": that "had" is another clause's.
        assert_eq!(
            tense_at(
                &[(10, 13, Cue::Perfect), (70, 72, Cue::Deadline)],
                73,
                81,
                false
            ),
            Tense::Future
        );
        // "In March, the ministry unveiled plans to ..."
        assert_eq!(
            tense_at(
                &[(18, 27, Cue::Report), (34, 42, Cue::Future)],
                3,
                12,
                false
            ),
            Tense::Past
        );
    }

    #[test]
    fn a_fronted_date_waits_for_its_verb() {
        // "On Tuesday, the national league of rights groups plans to ..."
        let cues = [(55, 63, Cue::Future)];
        assert_eq!(tense_at(&cues, 3, 10, true), Tense::Future);
        assert_eq!(tense_at(&cues, 3, 10, false), Tense::Unknown);
    }

    #[test]
    fn the_next_clause_does_not_decide() {
        // "said on its website on Wednesday that the ban would be lifted"
        let cues = [
            (0, 4, Cue::Report),
            (41, 45, Cue::Boundary),
            (54, 59, Cue::Future),
        ];
        assert_eq!(tense_at(&cues, 26, 35, false), Tense::Unknown);
    }

    #[test]
    fn present_passive_takes_the_nearest_date() {
        // "when the case is heard in May"
        let cues = [(0, 4, Cue::Past), (14, 22, Cue::Present)];
        assert_eq!(tense_at(&cues, 26, 29, false), Tense::Unknown);
    }

    #[test]
    fn reporting_verb_reaches_only_the_next_words() {
        // "the company said the deal closes in December"
        let cues = [(12, 16, Cue::Report)];
        assert_eq!(tense_at(&cues, 36, 44, false), Tense::Unknown);
        assert_eq!(tense_at(&cues, 17, 23, false), Tense::Past);
    }
}
