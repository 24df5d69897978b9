//! The command line as a user meets it: bad folders, bad rules, bad bytes.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");

fn dateline() -> Command {
    Command::cargo_bin("dateline").unwrap()
}

#[test]
fn missing_articles_folder_is_named() {
    let out = tempfile::tempdir().unwrap();
    dateline()
        .args([
            "build",
            "--articles",
            "/no/such/folder",
            "--rules",
            RULES,
            "--out",
        ])
        .arg(out.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("/no/such/folder"));
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

#[test]
fn bad_rule_is_reported_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    copy_dir(Path::new(RULES), &rules);
    // Break the regex of a coreference cue: an unclosed group on line 3, column 14.
    fs::write(
        rules.join("en/coreference.toml"),
        "back_reference = []\n[[cue]]\nkind = \"visit\"\npatterns = ['(unclosed']\n",
    )
    .unwrap();
    dateline()
        .args(["rules", "check", "--rules"])
        .arg(&rules)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("coreference.toml:4:14:")
                .or(predicate::str::contains("coreference.toml:4:13:")),
        );
    dateline()
        .args([
            "build",
            "--articles",
            concat!(env!("CARGO_MANIFEST_DIR"), "/seeds"),
            "--rules",
        ])
        .arg(&rules)
        .arg("--out")
        .arg(dir.path().join("out"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("coreference.toml:4:"));
}

#[test]
fn bad_bytes_warn_and_the_other_articles_still_count() {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("articles");
    fs::create_dir_all(&arts).unwrap();
    let mut bad = b"date 2024-03-10\nPakistan closed the Torkham border crossing on Saturday \xff\xfe after clashes.\n".to_vec();
    bad.extend_from_slice("\u{a0}The border reopened on Monday.\n".as_bytes());
    fs::write(arts.join("a_bad.txt"), &bad).unwrap();
    fs::write(
        arts.join("b_good.txt"),
        "date 2024-03-11\nThe foreign minister visited Kabul on Sunday.\n",
    )
    .unwrap();
    fs::write(arts.join("c_image.png"), [0u8, 1, 2]).unwrap();
    let out = dir.path().join("out");
    dateline()
        .args(["build", "--verbose", "--rules", RULES, "--articles"])
        .arg(&arts)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 articles"))
        .stderr(
            predicate::str::contains("a_bad.txt: 2 invalid UTF-8")
                .and(predicate::str::contains("c_image.png: skipped")),
        );
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("timeline.json")).unwrap()).unwrap();
    assert_eq!(json["documents"].as_array().unwrap().len(), 2);
}

#[test]
fn unreadable_article_is_an_error_but_the_rest_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("articles");
    fs::create_dir_all(&arts).unwrap();
    fs::write(
        arts.join("good.txt"),
        "date 2024-03-11\nThe foreign minister visited Kabul on Sunday.\n",
    )
    .unwrap();
    // A dangling link cannot be read.
    #[cfg(unix)]
    std::os::unix::fs::symlink("/no/such/target", arts.join("broken.txt")).unwrap();
    let out = dir.path().join("out");
    let assert = dateline()
        .args(["build", "--rules", RULES, "--articles"])
        .arg(&arts)
        .arg("--out")
        .arg(&out)
        .assert();
    #[cfg(unix)]
    assert
        .code(1)
        .stderr(predicate::str::contains("broken.txt"));
    assert!(out.join("timeline.csv").is_file());
}

#[test]
fn rules_test_passes_on_the_shipped_rules() {
    dateline()
        .args(["rules", "test", "--rules", RULES])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 failed"));
}

#[test]
fn explain_text_shows_dates() {
    dateline()
        .args([
            "explain",
            "--rules",
            RULES,
            "--published",
            "2025-04-23",
            "--text",
            "The minister visited Kabul last week.",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("[0]"));
}

#[test]
fn timex_warns_about_dct_rows_for_missing_or_repeated_documents() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).unwrap();
    fs::write(
        docs.join("one.txt"),
        "Talks resumed in Nairobi on Monday.\n",
    )
    .unwrap();
    let dct = dir.path().join("dct.csv");
    fs::write(
        &dct,
        "doc,dct\none,2025-03-05\none,2025-03-06\nghost,2025-03-05\n",
    )
    .unwrap();
    dateline()
        .args(["timex", "--rules", RULES, "--dct-csv"])
        .arg(&dct)
        .arg(&docs)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"doc\":\"one\""))
        .stderr(predicate::str::contains("\"ghost\", which names no file"))
        .stderr(predicate::str::contains("one is listed again"));
}
