//! A broken rule file is reported at the right file:line:column, and the
//! commands exit with status 1.

use assert_cmd::Command;
use dateline::event_rules::EventRules;
use std::fs;
use std::path::Path;

const KINDS: &str = "[visit]\ncameo = \"042\"\n";

/// A rules folder (`events/` + `gazetteer/`) with one rule file.
fn folder(rule_file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("en/events");
    fs::create_dir_all(&events).unwrap();
    fs::create_dir_all(dir.path().join("gazetteer")).unwrap();
    fs::write(events.join("_kinds.toml"), KINDS).unwrap();
    fs::write(
        events.join("_macros.toml"),
        "[macros]\nplace = '(?-i:[A-Z][a-z]+)'\n",
    )
    .unwrap();
    fs::write(events.join("visit.toml"), rule_file).unwrap();
    dir
}

fn errors(rule_file: &str) -> Vec<String> {
    let dir = folder(rule_file);
    match EventRules::load(&dir.path().join("en/events")) {
        Ok(_) => Vec::new(),
        Err(e) => {
            e.0.iter()
                .map(|e| {
                    format!(
                        "{}:{}:{}",
                        e.file.file_name().unwrap().to_string_lossy(),
                        e.line,
                        e.column
                    )
                })
                .collect()
        }
    }
}

#[test]
fn bad_regex_points_at_the_pattern_string() {
    // Without macros the error is placed at the offending character: the
    // unclosed `(` is column 12 of line 6.
    let file = "[[rule]]\nid = \"v\"\nkind = \"visit\"\npatterns = [\n  'ok',\n  'visited (unclosed',\n]\n";
    assert_eq!(errors(file), vec!["visit.toml:6:12"]);
    // With macros, at the start of the string.
    let file = "[[rule]]\nid = \"v\"\nkind = \"visit\"\npatterns = ['{place} (bad']\n";
    assert_eq!(errors(file), vec!["visit.toml:4:13"]);
}

#[test]
fn unknown_kind_points_at_the_kind() {
    let file = "[[rule]]\nid = \"v\"\nkind   = \"vist\"\npatterns = ['visited']\n";
    assert_eq!(errors(file), vec!["visit.toml:3:10"]);
}

#[test]
fn unknown_macro_points_inside_the_pattern() {
    let file = "[[rule]]\nid = \"v\"\nkind = \"visit\"\npatterns = ['visited {plase}']\n";
    // The `{` of `{plase}` is column 22 of line 4.
    assert_eq!(errors(file), vec!["visit.toml:4:22"]);
}

#[test]
fn missing_field_and_syntax_errors_are_located() {
    let missing = "[[rule]]\nid = \"v\"\npatterns = ['visited']\n";
    let e = errors(missing);
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("visit.toml:1:"), "{e:?}");
    let syntax = "[[rule]]\nid = \"v\"\nkind = \"visit\"\npatterns = ['visited'\n\n[[rule]]\n";
    let e = errors(syntax);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("visit.toml:") && !e[0].starts_with("visit.toml:1:"),
        "{e:?}"
    );
}

#[test]
fn all_errors_are_reported_not_just_the_first() {
    let file = "[[rule]]\nid = \"a\"\nkind = \"nope\"\npatterns = ['(']\n\n[[rule]]\nid = \"a\"\nkind = \"visit\"\npatterns = ['ok']\n";
    assert_eq!(
        errors(file),
        vec!["visit.toml:3:8", "visit.toml:4:14", "visit.toml:7:6"]
    );
}

#[test]
fn rules_check_prints_locations_and_exits_1() {
    let dir = folder("[[rule]]\nid = \"v\"\nkind = \"visit\"\npatterns = ['(bad']\n");
    let out = Command::cargo_bin("dateline")
        .unwrap()
        .args(["rules", "check", "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = format!(
        "{}:4:14: invalid regex",
        Path::new(&dir.path().join("en/events/visit.toml")).display()
    );
    assert!(stdout.contains(&expected), "{stdout}");
}

#[test]
fn rules_test_reports_failing_example_and_summary() {
    let file = "[[rule]]\nid = \"visit.x\"\nkind = \"visit\"\npatterns = ['visited (?P<location>{place})']\nexamples = [\n  { text = \"He visited Kabul.\", location = \"Kabul\" },\n  { text = \"He visited Doha.\", location = \"Kabul\" },\n]\ncounter_examples = [\"He visited Tehran.\"]\n";
    let dir = folder(file);
    let out = Command::cargo_bin("dateline")
        .unwrap()
        .args(["rules", "test", "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("visit.toml:7:3: rule visit.x: example \"He visited Doha.\": expected a match with location = \"Kabul\", got match \"visited Doha\", location = \"Doha\""),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "visit.toml:9:21: rule visit.x: example \"He visited Tehran.\": expected no match"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("1 passed, 2 failed"), "{stdout}");
}

#[test]
fn shipped_rules_check_and_test_pass() {
    let rules = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
    for action in ["check", "test"] {
        let out = Command::cargo_bin("dateline")
            .unwrap()
            .args(["rules", action, "--rules"])
            .arg(rules)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{action}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn patterns_without_a_required_word_are_noted() {
    let file = "[[rule]]\nid = \"v\"\nkind = \"visit\"\npatterns = ['visited', '\\d+']\n";
    let dir = folder(file);
    let rules = EventRules::load(&dir.path().join("en/events")).unwrap();
    let noted: Vec<(String, usize)> = rules
        .unfiltered_patterns()
        .into_iter()
        .map(|(r, k)| (r.id.clone(), k))
        .collect();
    assert_eq!(noted, vec![("v".to_string(), 1)]);
}
