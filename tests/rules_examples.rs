//! Every example and counter-example written in the shipped rule files holds.

use dateline::event_rules::EventRules;
use std::collections::BTreeMap;
use std::path::Path;

fn rules() -> EventRules {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/en/events"));
    EventRules::load(dir).unwrap_or_else(|e| panic!("shipped rules do not compile:\n{e}"))
}

#[test]
fn every_shipped_example_passes() {
    let rules = rules();
    let failures = rules.run_examples();
    let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        report.join("\n")
    );
    assert!(
        rules.example_count() > 100,
        "examples went missing: {}",
        rules.example_count()
    );
}

#[test]
fn every_kind_has_several_rules_with_examples() {
    let rules = rules();
    let mut per_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rules.rules() {
        *per_kind.entry(r.kind.as_str()).or_default() += 1;
    }
    for k in rules.kinds() {
        let n = per_kind.get(k.name.as_str()).copied().unwrap_or(0);
        assert!(n >= 2, "kind {} has only {n} rule(s)", k.name);
        assert!(!k.cameo.is_empty(), "kind {} has no CAMEO code", k.name);
    }
}
