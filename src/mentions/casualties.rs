//! Counts of dead and wounded, and which event of a sentence they belong to.

use super::*;

impl EventBuilder {
    /// The death toll a sentence states, if any.
    pub(super) fn casualties_in(&self, sentence: &str) -> Option<u32> {
        self.tolls(sentence)
            .into_iter()
            .find(|t| t.killed)
            .map(|t| t.count)
    }

    /// The counts [`EventBuilder::casualties_of`] may give a sentence's
    /// events: only an event of a casualty kind takes a count it did not
    /// capture, so without one the search is skipped.
    pub(super) fn tolls_for(&self, sentence: &str, matches: &[RuleMatch]) -> Vec<Toll> {
        if matches
            .iter()
            .any(|m| self.casualty_kinds.contains(&m.kind))
        {
            self.tolls(sentence)
        } else {
            Vec::new()
        }
    }

    /// Every count of dead or wounded a sentence states, where it stands.
    pub(super) fn tolls(&self, sentence: &str) -> Vec<Toll> {
        let mut out: Vec<Toll> = Vec::new();
        let hit = self.casualty_set.as_ref().map(|s| s.matches(sentence));
        for (i, r) in self.casualties.iter().enumerate() {
            if hit.as_ref().is_some_and(|h| !h.matched(i)) {
                continue;
            }
            for c in r.captures_iter(sentence) {
                for (name, killed) in [("killed", true), ("wounded", false)] {
                    if let Some(g) = c.name(name)
                        && let Some(count) = self.number(g.as_str())
                        && !out
                            .iter()
                            .any(|t| t.killed == killed && overlaps(&t.at, &g.range()))
                    {
                        out.push(Toll {
                            at: g.range(),
                            count,
                            killed,
                        });
                    }
                }
            }
        }
        out.sort_by_key(|t| t.at.start);
        out
    }

    /// Dead and wounded the rule captured, else the counts of the sentence
    /// nearer this event's trigger than any other casualty event's.
    pub(super) fn casualties_of(
        &self,
        m: &RuleMatch,
        s: &SentenceView<'_>,
    ) -> (Option<u32>, Option<u32>) {
        let owner = |t: &Toll| {
            self.casualty_kinds.contains(&m.kind)
                && nearest_trigger(&s.chosen, &self.casualty_kinds, &t.at)
                    .is_some_and(|n| std::ptr::eq(n, m))
        };
        let count = |killed: bool| {
            let name = if killed { "killed" } else { "wounded" };
            group(m, name)
                .and_then(|r| self.number(&s.text[r]))
                .or_else(|| {
                    s.tolls
                        .iter()
                        .find(|t| t.killed == killed && owner(t))
                        .map(|t| t.count)
                })
        };
        (count(true), count(false))
    }
}

/// A count of dead (`killed`) or wounded, and where the sentence gives it.
pub(super) struct Toll {
    pub(super) at: Range<usize>,
    pub(super) count: u32,
    pub(super) killed: bool,
}

/// The match of a casualty kind whose trigger is nearest a count.
pub(super) fn nearest_trigger<'a>(
    chosen: &[&'a RuleMatch],
    kinds: &[String],
    at: &Range<usize>,
) -> Option<&'a RuleMatch> {
    chosen
        .iter()
        .filter(|m| kinds.contains(&m.kind))
        .min_by_key(|m| gap(&m.span, at))
        .copied()
}

/// Bytes between two ranges (0 when they overlap).
pub(super) fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}
