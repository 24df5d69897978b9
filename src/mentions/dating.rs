//! The date cascade: one function per [`DateBasis`], tried in the order
//! the module root's doc gives.

use super::*;

impl EventBuilder {
    /// A mention's date, by the first step of the cascade that finds one
    /// (the module doc gives the order).
    pub(super) fn date_for(
        &self,
        m: &RuleMatch,
        ctx: &SentenceContext<'_>,
        input: &DocInput<'_>,
        doc: &Document,
    ) -> DateFound {
        let at = Dating {
            m,
            ctx,
            input,
            doc,
            sentence: &input.sentences[ctx.si].range,
        };
        counted_from_previous(&at)
            .or_else(|| self.own_sentence(&at))
            .or_else(|| cued_antecedent(&at))
            .or_else(|| self.next_sentence(&at))
            .or_else(|| self.narrative(&at))
            .unwrap_or_else(|| publication(doc))
    }

    /// Step 1: The nearest dating expression of the sentence, one in the event's
    /// own clause first: in "agreed on Tuesday that a commission would meet
    /// in November" the meeting is November's; unless another event of the
    /// sentence stands nearer to it ("hit posts in retaliation for
    /// airstrikes last week").
    pub(super) fn own_sentence(&self, at: &Dating<'_>) -> Option<DateFound> {
        let (m, ctx, sentence) = (at.m, at.ctx, at.sentence);
        let clause = ctx.breaks.clause(sentence.len(), &m.span);
        let outside = |t: &Timex| {
            let span = t.start - sentence.start..t.end - sentence.start;
            let own = distance(&m.span, t, sentence);
            !overlaps(&span, &clause)
                || ctx
                    .triggers
                    .iter()
                    .filter(|o| !(o.start <= m.span.start && o.end >= m.span.end))
                    .any(|o| distance(o, t, sentence) < own)
        };
        let t = ctx
            .timexes
            .iter()
            .min_by_key(|t| (outside(t), distance(&m.span, t, sentence)))?;
        let date = match (t.anchor, counted_from(ctx)) {
            (Anchor::Narrative, Some(prev)) => t.reanchor(&prev).or(t.interval),
            _ => t.interval,
        };
        Some(DateFound {
            date,
            precision: t.precision,
            text: t.text.clone(),
            basis: DateBasis::Sentence,
        })
    }

    /// Step 3: The next sentence refers back to this one and carries a date.
    pub(super) fn next_sentence(&self, at: &Dating<'_>) -> Option<DateFound> {
        let next = &at.input.sentences.get(at.ctx.si + 1)?.range;
        if !self.refers_back(&at.doc.text[next.clone()]) {
            return None;
        }
        let t = at
            .input
            .timexes
            .iter()
            .find(|t| within(t, next) && is_dating(t) && t.anchor != Anchor::Narrative)?;
        Some(DateFound {
            date: t.interval,
            precision: t.precision,
            text: format!("(next sentence: {})", t.text),
            basis: DateBasis::Neighbour,
        })
    }

    /// Step 4: Where the narrative is, unless the sentence is background.
    pub(super) fn narrative(&self, at: &Dating<'_>) -> Option<DateFound> {
        let text = &at.doc.text[at.sentence.clone()];
        if self.not_narrative.iter().any(|r| r.is_match(text)) {
            return None;
        }
        let (d, p, words) = at.ctx.narrative.as_ref()?;
        Some(DateFound {
            date: Some(*d),
            precision: Some(*p),
            text: format!("(narrative: {words})"),
            basis: DateBasis::Narrative,
        })
    }
}

/// What "the following day" counts from: the latest event's date, unless
/// that is known only to the year (background such as "the dispute dates
/// back to 1962"), when the narrative's finer date is where the story is.
fn counted_from(ctx: &SentenceContext<'_>) -> Option<Interval> {
    match (ctx.previous, ctx.narrative) {
        (Some((_, p)), Some((d, _, _))) if p > Precision::Month => Some(*d),
        (prev, _) => prev.map(|(d, _)| d),
    }
}

/// What a step of the date cascade looks at.
pub(super) struct Dating<'a> {
    pub(super) m: &'a RuleMatch,
    pub(super) ctx: &'a SentenceContext<'a>,
    pub(super) input: &'a DocInput<'a>,
    pub(super) doc: &'a Document,
    pub(super) sentence: &'a Range<usize>,
}

/// Step 0: "<the earlier event> came two days after <this event>": this event
/// lies that long before (or, with "before", after) the event the
/// narrative is at.
pub(super) fn counted_from_previous(at: &Dating<'_>) -> Option<DateFound> {
    let (prev, prev_precision) = at.ctx.previous?;
    let sentence = at.sentence;
    let (t, sign) = at
        .ctx
        .offsets
        .iter()
        .find(|(t, _)| t.end - sentence.start <= at.m.span.start)?;
    let (lo, hi) = duration_days(&t.value)?;
    let a = prev.start - chrono::Duration::days(sign * hi);
    let b = prev.end - chrono::Duration::days(sign * lo);
    let word: String = at.doc.text[t.end..sentence.end]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    // Counted from a date known only to the month or the year, the result
    // is known no better than that.
    let counted = if lo == hi {
        Precision::Day
    } else {
        Precision::Week
    };
    Some(DateFound {
        date: Some(Interval::new(a.min(b), a.max(b))),
        precision: Some(counted.max(prev_precision)),
        text: format!("{} {word}", t.text),
        basis: DateBasis::Sentence,
    })
}

/// Step 2: An earlier mention of the same event, pointed at by a cue: the
/// latest of that kind sharing a participant, else the latest.
pub(super) fn cued_antecedent(at: &Dating<'_>) -> Option<DateFound> {
    let ctx = at.ctx;
    ctx.cued
        .iter()
        .filter(|(kind, container)| *container || *kind == at.m.kind)
        .find_map(|&(kind, _)| {
            let of_kind = || ctx.antecedents.iter().rev().filter(|a| a.kind == kind);
            let shared = of_kind().find(|a| a.names.iter().any(|n| ctx.names.contains(n)));
            shared.or_else(|| of_kind().next()).map(|a| DateFound {
                date: Some(a.date),
                precision: Some(a.precision),
                text: format!("(as the earlier {kind}: {})", a.text),
                basis: DateBasis::Coreference,
            })
        })
}

/// Step 5: The publication date, or none.
pub(super) fn publication(doc: &Document) -> DateFound {
    match doc.published.date {
        Some(r) => DateFound {
            date: Some(r.interval),
            precision: Some(r.precision),
            text: "(publication date)".to_string(),
            basis: DateBasis::Published,
        },
        None => DateFound {
            date: None,
            precision: None,
            text: String::new(),
            basis: DateBasis::None,
        },
    }
}

/// Where the narrative is after a sentence: its events' own date, else its
/// first anchored date. Only a date of a month or finer moves the
/// narrative ("in 2021" is background, not where the story is), and never
/// one still to come: plans are not where the story is.
pub(super) fn narrative_after(
    timexes: &[&Timex],
    sentence_date: Option<Dated>,
    dct: Option<RefDate>,
) -> Option<Dated> {
    let own = timexes
        .iter()
        .filter(|t| t.precision.is_some_and(|p| p <= Precision::Month) && t.anchor != Anchor::None)
        .find_map(|t| Some((t.interval?, t.precision?, t.text.clone())));
    let past = |d: &Dated| dct.is_none_or(|r| d.0.start <= r.interval.end);
    sentence_date
        .filter(|d| d.1 <= Precision::Month)
        .or(own)
        .filter(past)
}

/// A date with its precision and the words it came from.
pub(super) type Dated = (Interval, Precision, String);

/// A mention's date, precision, words and where they came from.
pub(super) struct DateFound {
    pub(super) date: Option<Interval>,
    pub(super) precision: Option<Precision>,
    pub(super) text: String,
    pub(super) basis: DateBasis,
}

/// A duration's length in days, as a range when the text is vague
/// ("days" = 1 to 10). Months and years are not turned into days.
pub(super) fn duration_days(value: &str) -> Option<(i64, i64)> {
    let (num, unit) = if let Some(h) = value.strip_prefix("PT") {
        let n: i64 = h.strip_suffix('H')?.parse().ok()?;
        return Some(((n + 23) / 24, (n + 23) / 24));
    } else {
        let v = value.strip_prefix('P')?;
        v.split_at(v.len().checked_sub(1)?)
    };
    let per = match unit {
        "D" => 1,
        "W" => 7,
        _ => return None,
    };
    match num {
        "X" => Some((per, 10 * per)),
        n => {
            let n: i64 = n.parse().ok()?;
            Some((n * per, n * per))
        }
    }
}

/// Durations of a sentence directly followed by "after" or "before".
pub(super) fn offsets<'a>(
    all: &'a [Timex],
    text: &str,
    range: &Range<usize>,
) -> Vec<(&'a Timex, i64)> {
    all.iter()
        .filter(|t| within(t, range) && t.kind == TimexType::Duration)
        .filter(|t| {
            // Only "X came/was (just) two days after Y": a sentence opening
            // "Two days after Y, X ..." dates X after Y instead.
            let before = text[range.start..t.start].trim_end().to_ascii_lowercase();
            let before = [
                "just", "only", "barely", "nearly", "some", "about", "merely",
            ]
            .iter()
            .find_map(|w| before.strip_suffix(w))
            .unwrap_or(&before)
            .trim_end();
            [
                "came",
                "comes",
                "come",
                "took place",
                "happened",
                "occurred",
                "was",
                "were",
                "is",
            ]
            .iter()
            .any(|w| before.ends_with(w))
        })
        .filter_map(|t| {
            let next = text[t.end..range.end].trim_start();
            let word = next
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            match word.to_ascii_lowercase().as_str() {
                "after" => Some((t, 1)),
                "before" => Some((t, -1)),
                _ => None,
            }
        })
        .collect()
}

/// Whether an expression lies inside a sentence. Decided by offsets, since
/// the engine tags the whole text, headers and page furniture included.
pub(super) fn within(t: &Timex, range: &Range<usize>) -> bool {
    t.start >= range.start && t.end <= range.end
}

/// Expressions that can date an event: calendar dates and times that
/// resolved to an interval. Durations and sets never do.
pub(super) fn is_dating(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time) && t.interval.is_some()
}

pub(super) fn distance(span: &Range<usize>, t: &Timex, sentence: &Range<usize>) -> usize {
    let (s, e) = (
        t.start.saturating_sub(sentence.start),
        t.end.saturating_sub(sentence.start),
    );
    if e <= span.start {
        span.start - e
    } else if s >= span.end {
        // A date after the trigger is the usual English order: slight preference.
        (s - span.end).saturating_sub(1)
    } else {
        0
    }
}
