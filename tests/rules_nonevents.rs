//! Precision regression: sentences written for this suite (not taken from
//! any evaluation set) in which one event kind must NOT be found, because
//! the words only look like that event: trends, lists of policy elements,
//! the object of a worry, remarks inside a gathering, reactions to an act
//! already told, commentators' guesses, forces' responses.
//! Each case also names a kind that must still be found, or "" for none.

use dateline::event_rules::EventRules;
use std::path::Path;

/// (kind that must not fire, kind that must fire or "", sentence)
const CASES: &[(&str, &str, &str)] = &[
    // Trends over a class of events.
    (
        "clash",
        "",
        "Armed skirmishes along the frontier increased in the autumn.",
    ),
    (
        "attack",
        "",
        "Bombings in the tribal belt have risen steadily since the truce collapsed.",
    ),
    (
        "airstrike",
        "",
        "There has been a surge in drone strikes along the frontier.",
    ),
    (
        "deportation",
        "",
        "Deportations from the eastern provinces jumped in April.",
    ),
    // Enumerated elements of a policy.
    (
        "trade_measure",
        "",
        "The package had three strands: (1) visa limits, (2) curbs on transit trade and (3) tighter fencing.",
    ),
    (
        "deportation",
        "",
        "Its options were a) diplomatic pressure and b) the expulsion of undocumented migrants.",
    ),
    // The object of a concern.
    (
        "deportation",
        "statement",
        "The consulate voiced alarm about the mass expulsion of Haitian workers.",
    ),
    (
        "border_closure",
        "statement",
        "Exporters expressed concern about the prolonged closure of the crossing.",
    ),
    // Remarks inside a seminar, urging its own audience.
    (
        "statement",
        "",
        "In his concluding remarks, the director urged the audience to study the region's history.",
    ),
    // Reactions that characterise an act already told; earlier denials.
    (
        "statement",
        "",
        "The ministry condemned it as a provocation.",
    ),
    (
        "statement",
        "",
        "The spokesman had denied these reports at the time.",
    ),
    // State forces responding: not a militant attack.
    (
        "attack",
        "",
        "Troops responded swiftly and killed five militants, the army said.",
    ),
    // A decision of a multilateral body is its agreement, not a policy.
    (
        "policy",
        "agreement",
        "The member states decided to set up a joint fund for reconstruction.",
    ),
    // Agreeing to a truce is the ceasefire, not a separate agreement.
    (
        "agreement",
        "ceasefire",
        "Both parties agreed to a proposal by the mediators to extend the truce.",
    ),
    // Forces firing along the border: a clash, not an attack.
    (
        "attack",
        "clash",
        "Afghan forces fired on Pakistani checkpoints along the border with mortars.",
    ),
    // Commentators guessing.
    (
        "airstrike",
        "",
        "Some experts believe the blast might have been a drone strike on the compound.",
    ),
    // A statement that only sources news already told.
    (
        "statement",
        "",
        "The spokesman confirmed this in a short statement.",
    ),
    (
        "statement",
        "meeting",
        "Held constructive talks with the Iranian envoy today,\" the minister wrote on X.",
    ),
    // A standing plea named by a possessive plural noun.
    (
        "statement",
        "",
        "The conference opened amid Islamabad's renewed calls on Kabul to rein in the militants.",
    ),
];

#[test]
fn lookalikes_do_not_fire_their_kind() {
    let rules = EventRules::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/en/events"
    )))
    .unwrap();
    let mut failures = Vec::new();
    for (not, want, sentence) in CASES {
        let kinds: Vec<String> = rules
            .match_sentence(sentence)
            .into_iter()
            .map(|m| m.kind)
            .collect();
        if kinds.iter().any(|k| k == not) {
            failures.push(format!("must not fire {not:?}, got {kinds:?}: {sentence}"));
        }
        if !want.is_empty() && !kinds.iter().any(|k| k == want) {
            failures.push(format!("want {want:?}, got {kinds:?}: {sentence}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
