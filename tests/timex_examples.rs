//! Runs every example written beside every pattern in rules/en/temporal.

use dateline::temporal::{Tagger, examples};
use std::path::Path;

#[test]
fn every_pattern_example_holds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/en/temporal");
    let tagger = Tagger::load(&dir).unwrap_or_else(|e| panic!("rules do not load:\n{e}"));
    let (count, failures) = examples::run(&tagger);
    assert!(count >= 80, "only {count} examples");
    assert!(
        failures.is_empty(),
        "{} of {count} examples fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
