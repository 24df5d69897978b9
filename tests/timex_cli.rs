//! `dateline timex` end to end: JSON Lines in document order, per-file
//! errors that do not stop the run.

use assert_cmd::Command;
use std::path::Path;

fn rules() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("rules")
        .display()
        .to_string()
}

#[test]
fn prints_json_lines_in_document_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Talks ended last week. A deal was signed on April 19, 2025.",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "The envoy arrives tomorrow.").unwrap();
    let out = Command::cargo_bin("dateline")
        .unwrap()
        .args(["timex", "--rules", &rules(), "--dct", "2025-04-23"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let docs: Vec<&str> = lines.iter().map(|l| l["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["a", "b", "b"]);
    assert_eq!(lines[0]["value"], "2025-04-24");
    assert_eq!(lines[1]["text"], "last week");
    assert_eq!(
        lines[1]["interval"],
        serde_json::json!(["2025-04-14", "2025-04-20"])
    );
    assert_eq!(lines[2]["start"], 44);
    assert_eq!(lines[2]["type"], "DATE");
    assert_eq!(lines[2]["precision"], "day");
}

#[test]
fn dct_csv_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.txt"), "Rebels attacked on Saturday.").unwrap();
    let csv = dir.path().join("dct.csv");
    std::fs::write(&csv, "doc,dct\nx,2013-03-22T06:38:00\n").unwrap();
    let missing = dir.path().join("nope.txt");
    let out = Command::cargo_bin("dateline")
        .unwrap()
        .args(["timex", "--rules", &rules(), "--dct-csv"])
        .arg(&csv)
        .arg(dir.path().join("x.txt"))
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["value"], "2013-03-16");
}
