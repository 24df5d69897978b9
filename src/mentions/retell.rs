//! Re-tellings: a later sentence's definite telling ("the strike") joins
//! the event the article told before.

use super::*;

impl EventBuilder {
    /// The earlier telling this match re-tells, when its own words name
    /// the event definitely ("the drone strike", "the talks") and the
    /// article told one of its kind before.
    /// Not when the words set it apart ("the third meeting", "his first
    /// visit"), when both name people and none in common, or when its own
    /// date lies more than a week from the earlier telling's.
    pub(super) fn retold<'a>(
        &self,
        m: &RuleMatch,
        sentence: &str,
        antecedents: &'a [Antecedent],
        ctx: &SentenceContext<'_>,
        parties: &[&Entity],
        own: &DateFound,
    ) -> Option<&'a Antecedent> {
        let of_kind = || {
            antecedents
                .iter()
                .rev()
                .filter(|a| a.kind == m.kind && a.basis == DateBasis::Sentence)
        };
        // Without an earlier telling of its kind there is nothing to join:
        // asked first, as it costs far less than searching the sentence
        // for definite wording.
        let a = of_kind()
            .find(|a| a.names.iter().any(|n| ctx.names.contains(n)))
            .or_else(|| of_kind().next())?;
        let definite = self.cues.iter().filter(|c| c.kind == m.kind).any(|c| {
            c.patterns.iter().any(|p| {
                p.find_iter(sentence)
                    .any(|f| overlaps(&f.range(), &m.span) && !sets_apart(f.as_str()))
            })
        });
        if !definite {
            return None;
        }
        let people: Vec<&str> = parties
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.name.as_str())
            .collect();
        if !people.is_empty()
            && !a.people.is_empty()
            && !people.iter().any(|p| a.people.contains(&p.to_string()))
        {
            return None;
        }
        // The object of another event of its clause ("condemned the drone
        // attack on Monday"): the date is that event's.
        let clause = ctx.breaks.clause(sentence.len(), &m.span);
        let reported = ctx
            .triggers
            .iter()
            .any(|o| o.end <= m.span.start && o.start >= clause.start);
        if reported {
            return Some(a);
        }
        // A day of its own that is not the earlier telling's is another
        // occurrence ("the ceasefire, which ended on May 30"); a vaguer one
        // may still be the same within a week of it.
        let week = chrono::Duration::days(7);
        let near = |d: &Interval, p: &Precision| {
            if *p <= Precision::Day {
                d.overlaps(&a.date)
            } else {
                d.start <= a.date.end + week && a.date.start <= d.end + week
            }
        };
        match (&own.date, &own.precision, own.basis) {
            (Some(d), Some(p), DateBasis::Sentence | DateBasis::Neighbour) if !near(d, p) => None,
            _ => Some(a),
        }
    }
}

/// A re-telling keeps its own date only where it refines the earlier one
/// ("the agreement ... on March 10"); else it takes the earlier telling's.
pub(super) fn dating(own: DateFound, retold: Option<&Antecedent>) -> DateFound {
    let refines = |a: &Antecedent| match (&own.date, &own.precision, own.basis) {
        (Some(d), Some(p), DateBasis::Sentence | DateBasis::Neighbour) => {
            d.overlaps(&a.date) && *p <= a.precision
        }
        _ => false,
    };
    match retold {
        Some(a) if !refines(a) => DateFound {
            date: Some(a.date),
            precision: Some(a.precision),
            text: format!("(as the earlier {}: {})", a.kind, a.text),
            basis: DateBasis::Coreference,
        },
        _ => own,
    }
}

impl Antecedent {
    /// A mention dated by its own words (or a cue), for later ones to point at.
    pub(super) fn of(m: &Mention) -> Option<Antecedent> {
        let (date, precision) = m.date.zip(m.precision)?;
        if m.date_basis > DateBasis::Coreference {
            return None;
        }
        let names = |keep: fn(&Named) -> bool| {
            m.actors
                .iter()
                .filter(|a| keep(a))
                .map(|a| a.name.to_string())
                .collect()
        };
        Some(Antecedent {
            start: m.start as usize,
            basis: m.date_basis,
            people: names(|a| a.is(EntityKind::Person)),
            kind: m.kind.to_string(),
            date,
            precision,
            text: m.date_text.to_string(),
            names: names(|a| !a.is(EntityKind::Country)),
        })
    }
}

/// Words that make a definite telling another occurrence: "the third
/// meeting", "his first visit", "the previous round".
pub(super) fn sets_apart(cue: &str) -> bool {
    cue.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let w = w.to_ascii_lowercase();
        [
            "first", "second", "third", "fourth", "fifth", "sixth", "previous", "earlier", "last",
            "next", "another", "new", "past", "former", "other", "recent",
        ]
        .contains(&w.as_str())
            || (w.len() > 2
                && w.starts_with(|c: char| c.is_ascii_digit())
                && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s)))
    })
}

/// An earlier mention that a cue ("the trip") may point back to.
pub(super) struct Antecedent {
    /// Where the earlier telling starts in the file.
    pub(super) start: usize,
    pub(super) basis: DateBasis,
    /// People it names.
    pub(super) people: Vec<String>,
    pub(super) kind: String,
    pub(super) date: Interval,
    pub(super) precision: Precision,
    pub(super) text: String,
    /// People, organisations and places it names (countries are too common).
    pub(super) names: Vec<String>,
}
