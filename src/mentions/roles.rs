//! Place, parties and roles of one event from its own clause.

use super::*;

/// Groups a rule captures a place in: `location`, `location2`, ...
pub(super) fn is_location_group(name: &str) -> bool {
    name.trim_end_matches(|c: char| c.is_ascii_digit()) == "location"
}

/// The place the rule captured, else the first place named in the event's
/// clause. A capture that is a date ("on Monday") or names no place (an
/// organisation, a person) is no location.
pub(super) fn location_of(
    m: &RuleMatch,
    entities: &[Entity],
    clause: &Range<usize>,
    dates: &[Range<usize>],
) -> Option<Named> {
    let place = |e: &&Entity| {
        matches!(e.kind, EntityKind::Place | EntityKind::Country)
            && !dates.iter().any(|d| overlaps(d, &e.span))
    };
    let captured = m
        .groups
        .iter()
        .filter(|(n, _)| is_location_group(n))
        .find_map(|(_, r)| entities.iter().filter(place).find(|e| overlaps(&e.span, r)));
    captured
        .or_else(|| {
            entities
                .iter()
                .filter(place)
                .find(|e| e.kind == EntityKind::Place && overlaps(&e.span, clause))
        })
        .map(Named::from_entity)
}

/// Groups a rule captures a party in, and whether it is the initiator.
pub(super) fn role_group(name: &str) -> Option<bool> {
    match name.trim_end_matches(|c: char| c.is_ascii_digit()) {
        "actor" => Some(true),
        "target" | "counterpart" => Some(false),
        _ => None,
    }
}

/// People, organisations and countries of the event's clause (and any the
/// rule captured as a party), in the order the sentence names them.
pub(super) fn parties_of<'a>(
    m: &RuleMatch,
    entities: &'a [Entity],
    clause: &Range<usize>,
    location: Option<&Named>,
) -> Vec<&'a Entity> {
    let captured = |e: &Entity| {
        m.groups
            .iter()
            .any(|(n, r)| role_group(n).is_some() && overlaps(&e.span, r))
    };
    entities
        .iter()
        .filter(|e| e.kind != EntityKind::Place && location.is_none_or(|l| l.name != e.name))
        .filter(|e| overlaps(&e.span, clause) || captured(e))
        .collect()
}

/// Where the trigger starts: the match's first byte outside the parties it
/// captured ("Pakistani jets struck": after "Pakistani jets").
pub(super) fn trigger_at(m: &RuleMatch) -> usize {
    let mut groups: Vec<&Range<usize>> = m
        .groups
        .iter()
        .filter(|(n, _)| role_group(n).is_some())
        .map(|(_, r)| r)
        .collect();
    groups.sort_by_key(|r| r.start);
    groups.iter().fold(m.span.start, |at, r| {
        if r.start <= at && r.end > at {
            r.end
        } else {
            at
        }
    })
}

/// A country named as an adjective of the party right after it ("Afghan
/// commerce minister Nooruddin Azizi"): the party, not the country, acts.
pub(super) fn modifies_next(e: &Entity, parties: &[&Entity], sentence: &str) -> bool {
    e.kind == EntityKind::Country
        && parties.iter().any(|n| {
            n.kind != EntityKind::Country
                && n.span.start >= e.span.end
                && n.span.start - e.span.end <= 40
                && sentence
                    .get(e.span.end..n.span.start)
                    .is_some_and(adjective_gap)
        })
}

/// Words between a country adjective and the party it qualifies: titles
/// and possessives ("'s acting prime minister"), no clause or preposition.
pub(super) fn adjective_gap(between: &str) -> bool {
    const STOP: [&str; 14] = [
        "and", "or", "on", "in", "at", "to", "of", "by", "with", "against", "from", "for", "into",
        "over",
    ];
    !between.contains([',', ';', '(', ')'])
        && between.split_whitespace().count() <= 4
        && !between
            .split_whitespace()
            .any(|w| STOP.contains(&w.to_ascii_lowercase().as_str()))
}

/// Initiator and target (or counterpart), as ACLED and CAMEO name them:
/// the parties the rule captured, else sentence order around the trigger:
/// the agent of a passive ("by X"), else the subject before the trigger;
/// then the first other party after it ("struck X", "talks with X").
pub(super) fn roles(
    m: &RuleMatch,
    sentence: &str,
    parties: &[&Entity],
) -> (Option<Named>, Option<Named>) {
    let captured = |initiator: bool| {
        m.groups
            .iter()
            .filter(|(n, _)| role_group(n) == Some(initiator))
            .find_map(|(_, r)| {
                let inside: Vec<&Entity> = parties
                    .iter()
                    .copied()
                    .filter(|e| overlaps(&e.span, r))
                    .collect();
                inside
                    .iter()
                    .find(|e| !modifies_next(e, &inside, sentence))
                    .or(inside.first())
                    .copied()
            })
    };
    let at = trigger_at(m);
    let candidates: Vec<&Entity> = parties
        .iter()
        .copied()
        .filter(|e| !modifies_next(e, parties, sentence))
        .collect();
    let passive = candidates.iter().copied().find(|e| {
        e.span.start >= at
            && sentence.get(at..e.span.start).is_some_and(|between| {
                between
                    .rfind(" by ")
                    .is_some_and(|b| e.span.start - (at + b) <= 40)
            })
    });
    let before = candidates.iter().copied().filter(|e| e.span.end <= at);
    let after = candidates.iter().copied().filter(|e| e.span.start >= at);
    let actor1 = captured(true)
        .or(passive)
        .or_else(|| before.clone().next())
        .or_else(|| after.clone().next());
    let differs = |e: &&Entity| {
        actor1.is_none_or(|a| {
            a.name != e.name
                && !(e.kind == EntityKind::Country && e.country.is_some() && e.country == a.country)
        })
    };
    let actor2 = captured(false)
        .or_else(|| after.clone().find(differs))
        .or_else(|| before.clone().find(differs));
    (
        actor1.map(Named::from_entity),
        actor2.map(Named::from_entity),
    )
}
