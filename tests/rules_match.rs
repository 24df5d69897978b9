//! Behaviour of `match_sentence` on the shipped rules: kinds, fields,
//! planned events, negation, typography.

use dateline::event_rules::{EventRules, RuleMatch};
use std::path::Path;
use std::sync::OnceLock;

fn rules() -> &'static EventRules {
    static R: OnceLock<EventRules> = OnceLock::new();
    R.get_or_init(|| {
        EventRules::load(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/rules/en/events"
        )))
        .unwrap()
    })
}

fn kinds(s: &str) -> Vec<String> {
    let mut k: Vec<String> = rules()
        .match_sentence(s)
        .into_iter()
        .map(|m| m.kind)
        .collect();
    k.sort();
    k.dedup();
    k
}

fn first(s: &str, kind: &str) -> RuleMatch {
    rules()
        .match_sentence(s)
        .into_iter()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} in {s:?}"))
}

fn group<'a>(s: &'a str, m: &RuleMatch, name: &str) -> Option<&'a str> {
    m.groups
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, r)| &s[r.clone()])
}

#[test]
fn one_sentence_can_hold_a_visit_and_a_meeting() {
    let s = "The minister travelled to Tashkent, where he held talks with his Uzbek counterpart.";
    assert_eq!(kinds(s), vec!["meeting", "visit"]);
}

#[test]
fn future_events_are_planned_and_past_ones_not() {
    let s = "The interior minister will visit Kabul next week.";
    assert!(first(s, "visit").planned);
    let s = "The interior minister visited Kabul last week.";
    assert!(!first(s, "visit").planned);
    let s = "The two sides are expected to sign a transit agreement.";
    assert!(first(s, "agreement").planned);
}

#[test]
fn negated_and_hypothetical_events_do_not_fire() {
    assert!(!kinds("The envoy did not visit Kabul this year.").contains(&"visit".to_string()));
    assert!(
        !kinds("Officials warned Pakistan could close the border.")
            .contains(&"border_closure".to_string())
    );
}

#[test]
fn reported_speech_yields_the_event_not_a_statement() {
    let s = "The military said on Friday that jets struck militant hideouts in Kunar.";
    assert_eq!(kinds(s), vec!["airstrike"]);
    let m = first(s, "airstrike");
    assert_eq!(group(s, &m, "location"), Some("Kunar"));
}

#[test]
fn curly_apostrophes_dashes_and_line_breaks_are_tolerated() {
    let s = "Pakistan’s troops and Afghan guards\nexchanged fire at the Torkham border crossing on Monday.";
    assert_eq!(kinds(s), vec!["clash"]);
    let s = "The Uzbek‑Tajik Joint Border Commission met in Khujand.";
    assert_eq!(kinds(s), vec!["committee_meeting"]);
}

#[test]
fn killed_counts_are_captured() {
    let s = "Twelve soldiers were martyred when militants stormed a check post in Bannu.";
    let m = rules().match_sentence(s);
    let killed: Vec<&str> = m.iter().filter_map(|m| group(s, m, "killed")).collect();
    assert_eq!(killed, vec!["Twelve"]);
}

#[test]
fn one_match_per_kind_and_position() {
    let s = "Pakistani jets carried out airstrikes on TTP hideouts in Khost.";
    let strikes: Vec<RuleMatch> = rules()
        .match_sentence(s)
        .into_iter()
        .filter(|m| m.kind == "airstrike")
        .collect();
    for (i, a) in strikes.iter().enumerate() {
        for b in &strikes[i + 1..] {
            assert!(
                a.span.end <= b.span.start || b.span.end <= a.span.start,
                "{a:?} overlaps {b:?}"
            );
        }
    }
    assert!(!strikes.is_empty());
}

#[test]
fn ordinary_sentences_fire_nothing() {
    for s in [
        "The weather in Islamabad was pleasant on Sunday.",
        "Cricket fans gathered to watch the match in Lahore.",
        "Prices of wheat flour rose by five percent in the local market.",
    ] {
        assert!(kinds(s).is_empty(), "{s}: {:?}", kinds(s));
    }
}

#[test]
fn a_committee_meeting_is_not_also_a_plain_meeting() {
    let s = "The joint coordination committee met in Islamabad on Monday.";
    assert_eq!(kinds(s), vec!["committee_meeting"]);
}

#[test]
fn rules_and_gazetteer_can_be_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<EventRules>();
    shared::<dateline::gazetteer::Gazetteer>();
}
