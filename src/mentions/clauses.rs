//! Where a sentence's clauses begin and end, and which clauses are background.

use super::*;

/// Where one sentence's clause breaks are: found once per sentence, since
/// every match of it asks for its clause several times.
pub(super) struct Breaks(Vec<Range<usize>>);

impl EventBuilder {
    /// The clause breaks ("; ", ", while", " after ") of a sentence.
    pub(super) fn breaks(&self, sentence: &str) -> Breaks {
        let mut at = Vec::new();
        let hit = self.break_set.as_ref().map(|s| s.matches(sentence));
        for (i, r) in self.clause_breaks.iter().enumerate() {
            if hit.as_ref().is_some_and(|h| !h.matched(i)) {
                continue;
            }
            at.extend(r.find_iter(sentence).map(|b| b.range()));
        }
        Breaks(at)
    }
}

impl Breaks {
    /// The clause of a sentence `len` bytes long that holds `span`: between
    /// the nearest clause breaks on either side.
    pub(super) fn clause(&self, len: usize, span: &Range<usize>) -> Range<usize> {
        let mut c = 0..len;
        for b in &self.0 {
            if b.end <= span.start {
                c.start = c.start.max(b.end);
            } else if b.start >= span.end {
                c.end = c.end.min(b.start);
            } else if b.end > span.end {
                // The trigger opens the break ("said ... that"): what it
                // reports is another clause.
                c.end = c.end.min(b.end);
            }
        }
        c
    }
}

impl EventBuilder {
    /// An undated event told in a background clause of a sentence that
    /// reports another event ("arrived in Kabul on Thursday, his first trip
    /// since the group took over"): the text gives it no date, and the main
    /// clause's date is not its date.
    pub(super) fn in_background_clause(&self, m: &RuleMatch, s: &SentenceView<'_>) -> bool {
        let clause = s.breaks.clause(s.text.len(), &m.span);
        let opener = s.text[..clause.start].trim_end().to_lowercase();
        // "since Y", and "the first X after / when Y": Y is the reference
        // point the news counts from, not something that happened with X
        // ("cut ties in 2019 after a mob broke into the consulate" is
        // another matter: the break-in shares the main clause's date).
        let first = opener
            .split(|c: char| !c.is_alphanumeric())
            .rev()
            .take(12)
            .any(|w| w == "first");
        let background = opener.ends_with("since")
            || (first
                && ["after", "when", "following"]
                    .iter()
                    .any(|w| opener.ends_with(w)));
        let dated = s.dates.iter().any(|d| overlaps(d, &clause));
        let other_event = s
            .chosen
            .iter()
            .any(|o| o.span.end <= clause.start || o.span.start >= clause.end);
        background && !dated && other_event
    }
}
