//! `[[trigger]]` vocabulary: one lemma matches every form of its verb through
//! every shared frame, and a trigger's mistakes are reported at its id.

use dateline::event_rules::EventRules;
use std::fs;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A rules folder with the project's frames and verb lexicon and one kind
/// file written by the test.
fn folder(kind_file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events");
    fs::create_dir_all(&events).unwrap();
    fs::create_dir_all(dir.path().join("lexicon")).unwrap();
    let rules = Path::new(ROOT).join("rules/en");
    fs::copy(
        rules.join("events/_frames.toml"),
        events.join("_frames.toml"),
    )
    .unwrap();
    fs::copy(
        rules.join("lexicon/verbs.toml"),
        dir.path().join("lexicon/verbs.toml"),
    )
    .unwrap();
    fs::write(events.join("_kinds.toml"), "[capture]\ncameo = \"192\"\n").unwrap();
    fs::write(events.join("capture.toml"), kind_file).unwrap();
    dir
}

const SEIZE: &str = r#"
[[trigger]]
id = "capture.seize"
kind = "capture"
verbs = ["seize", "take control of", "overrun"]
nouns = ["capture", "fall"]
object = '\b(?:town|city|airport|base|village)s?\b'
"#;

fn fires(rules: &EventRules, sentence: &str) -> bool {
    !rules.match_sentence(sentence).is_empty()
}

#[test]
fn one_lemma_covers_every_tense_and_voice() {
    let dir = folder(SEIZE);
    let rules = EventRules::load(&dir.path().join("events")).unwrap();
    for s in [
        "Rebels seized the airport on Sunday.",
        "The fighters seize two villages every week.",
        "Government troops are seizing the town.",
        "The base was overrun overnight.",
        "The army took control of the city on Friday.",
        "Militants have taken control of three towns.",
        "The capture of the airport was confirmed on Tuesday.",
        "The fall of the town came after a week of shelling.",
    ] {
        assert!(fires(&rules, s), "no match: {s}");
    }
    for s in [
        "The seizure of assets was upheld by the court.",
        "Farmers took the road to market.",
    ] {
        assert!(!fires(&rules, s), "false match: {s}");
    }
}

#[test]
fn trigger_mistakes_point_at_its_id() {
    let bad = "[[trigger]]\nid = \"capture.x\"\nkind = \"capture\"\nverbs = [\"seize\"]\nframes = [\"noun_of\", \"nope\"]\n";
    let dir = folder(bad);
    let err = match EventRules::load(&dir.path().join("events")) {
        Ok(_) => panic!("a trigger with a bad frame loaded"),
        Err(e) => e.0,
    };
    let at: Vec<String> = err
        .iter()
        .map(|e| format!("{}:{} {}", e.line, e.column, e.message))
        .collect();
    assert_eq!(at.len(), 2, "{at:?}");
    assert!(
        at[0].starts_with("2:6 frame \"noun_of\" needs nouns"),
        "{at:?}"
    );
    assert!(at[1].starts_with("2:6 unknown frame \"nope\""), "{at:?}");
}

#[test]
fn vocabulary_in_a_plain_rule_is_an_error_not_ignored() {
    let bad = "[[rule]]\nid = \"capture.x\"\nkind = \"capture\"\nverbs = [\"seize\"]\npatterns = ['seized']\n";
    let dir = folder(bad);
    let err = match EventRules::load(&dir.path().join("events")) {
        Ok(_) => panic!("a rule with verbs loaded"),
        Err(e) => e.0,
    };
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!((err[0].line, err[0].column), (2, 6));
    assert!(err[0].message.contains("[[trigger]]"), "{}", err[0].message);
}
