//! What an analyst meets away from the checkout: built-in rules, the
//! spreadsheet and page beside the CSV, near misses, filters, rule files
//! that fail to load.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn dateline() -> Command {
    let mut c = Command::cargo_bin("dateline").unwrap();
    // Built-in rules are materialised under the cache folder: keep tests'
    // copies out of the user's.
    c.env(
        "XDG_CACHE_HOME",
        std::env::temp_dir().join("dateline-test-cache"),
    );
    c
}

#[test]
fn build_runs_from_another_folder_with_built_in_rules() {
    let dir = tempfile::tempdir().unwrap();
    dateline()
        .current_dir(dir.path())
        .args(["build", "--articles"])
        .arg(Path::new(ROOT).join("seeds"))
        .assert()
        .success()
        .stdout(predicate::str::contains("14 events"));
    for name in [
        "timeline.csv",
        "timeline.json",
        "timeline.jsonl",
        "timeline.xlsx",
        "timeline.html",
    ] {
        assert!(dir.path().join("out").join(name).is_file(), "{name}");
    }
}

#[test]
fn exported_rules_load_and_name_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("my-rules");
    dateline()
        .args(["rules", "export"])
        .arg(&rules)
        .assert()
        .success();
    dateline()
        .args(["rules", "check", "--rules"])
        .arg(&rules)
        .assert()
        .success();
    // A misspelt example field is an error, located in the user's file.
    let visit = rules.join("en/events/visit.toml");
    let text = fs::read_to_string(&visit).unwrap();
    fs::write(&visit, text.replacen("location = \"", "locaton = \"", 1)).unwrap();
    dateline()
        .args(["rules", "check", "--rules"])
        .arg(&rules)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("visit.toml:").and(predicate::str::contains(
                "unknown example field \"locaton\"",
            )),
        );
}

#[test]
fn rules_test_counts_examples_a_broken_file_kept_from_running() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    dateline()
        .args(["rules", "export"])
        .arg(&rules)
        .assert()
        .success();
    let attack = rules.join("en/events/attack.toml");
    let text = fs::read_to_string(&attack).unwrap();
    fs::write(&attack, format!("{text}\nbroken [\n")).unwrap();
    dateline()
        .args(["rules", "test", "--rules"])
        .arg(&rules)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("failed to load: ")
                .and(predicate::str::contains("attack.toml"))
                .and(predicate::str::contains("not run (rules failed to load)")),
        );
}

#[test]
fn explain_names_the_near_miss() {
    // The shipped rules know checkpoints; a rules folder whose border word
    // list does not shows what a near miss looks like.
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    dateline()
        .args(["rules", "export"])
        .arg(&rules)
        .assert()
        .success();
    let events = rules.join("en/events");
    fs::write(
        events.join("border_closure.toml"),
        "[[rule]]\nid = \"border_closure.closed\"\nkind = \"border_closure\"\npatterns = ['\\bclosed (?:the )?{narrow_border}']\n",
    )
    .unwrap();
    let macros = fs::read_to_string(events.join("_macros.toml")).unwrap();
    fs::write(
        events.join("_macros.toml"),
        format!("{macros}\nnarrow_border = '(?:border|frontier)'\n"),
    )
    .unwrap();
    dateline()
        .args(["explain", "--rules"])
        .arg(&rules)
        .args([
            "--published",
            "2023-07-12",
            "--text",
            "Azerbaijan closed the Lachin checkpoint to all traffic on Monday.",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("near  border_closure.closed")
                .and(predicate::str::contains("is not one of {narrow_border}")),
        );
}

#[test]
fn explain_shows_negated_matches_and_dropped_captures() {
    dateline()
        .args([
            "explain",
            "--published",
            "2022-05-02",
            "--text",
            "The envoy did not visit Quito. The minister arrived in Zorvania on Saturday.",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("negated by modality")
                .and(predicate::str::contains("captured location=\"Zorvania\"")),
        );
}

#[test]
fn build_filters_by_date_and_kind() {
    let dir = tempfile::tempdir().unwrap();
    dateline()
        .current_dir(ROOT)
        .args(["build", "--since", "2025-04", "--kind", "visit", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let csv = fs::read_to_string(dir.path().join("timeline.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains(",visit,042,")), "{csv}");
    dateline()
        .current_dir(ROOT)
        .args(["build", "--kind", "vist", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"vist\" is not a kind"));
}

#[test]
fn date_header_forms_give_the_publication_date() {
    for (head, want) in [
        ("Date: October 6, 2025", "2025-10-06"),
        ("By Amina Yusuf | 6 October 2025", "2025-10-06"),
        ("Published: Oct 6, 2025", "2025-10-06"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(
            &file,
            format!("{head}\n\nThe talks in Nairobi ended in 2019.\n"),
        )
        .unwrap();
        dateline()
            .arg("explain")
            .arg(&file)
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(
                "published {want} (from dateline)"
            )));
    }
}
