//! Golden test: the committed `out/` is exactly what `dateline build` makes
//! from `seeds/`. A failure shows a diff to review like code; when the change
//! is intended, regenerate with `cargo run --release -- build` and commit.

use std::fs;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn build_into(out: &Path) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .current_dir(ROOT)
        .args(["build", "--out"])
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

fn first_difference(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            // The JSON is one long line: show where in it they part.
            let at = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
            let around = |s: &str| {
                let from = s.floor_char_boundary(at.saturating_sub(80));
                let to = s.ceil_char_boundary((at + 80).min(s.len()));
                s[from..to].to_string()
            };
            return format!(
                "line {}, byte {at}:\n- {}\n+ {}",
                i + 1,
                around(x),
                around(y)
            );
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn seeds_timeline_matches_committed_output() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path());
    for name in ["timeline.csv", "timeline.json", "timeline.jsonl"] {
        let want = fs::read_to_string(Path::new(ROOT).join("out").join(name)).unwrap();
        let got = fs::read_to_string(dir.path().join(name)).unwrap();
        assert!(
            want == got,
            "{name} differs from out/{name} ({}); regenerate with `cargo run --release -- build` if intended",
            first_difference(&want, &got)
        );
    }
}

#[test]
fn two_runs_are_byte_identical() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_into(a.path());
    build_into(b.path());
    for name in [
        "timeline.csv",
        "timeline.json",
        "timeline.jsonl",
        "timeline.xlsx",
        "timeline.html",
    ] {
        assert_eq!(
            fs::read(a.path().join(name)).unwrap(),
            fs::read(b.path().join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn every_mention_offset_reproduces_its_sentence() {
    let dir = tempfile::tempdir().unwrap();
    build_into(dir.path());
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("timeline.json")).unwrap()).unwrap();
    let events = json["events"].as_array().unwrap();
    assert!(!events.is_empty(), "the seeds make events");
    for e in events {
        for m in e["mentions"].as_array().unwrap() {
            let bytes = fs::read(
                Path::new(ROOT)
                    .join("seeds")
                    .join(m["doc"].as_str().unwrap()),
            )
            .unwrap();
            let (s, t) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                std::str::from_utf8(&bytes[s..t]).unwrap(),
                m["sentence"].as_str().unwrap()
            );
        }
    }
}

fn ids(out: &Path) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("timeline.json")).unwrap()).unwrap();
    json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn adding_an_unrelated_article_keeps_every_id() {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("articles");
    fs::create_dir_all(&arts).unwrap();
    for e in fs::read_dir(Path::new(ROOT).join("seeds")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), arts.join(e.file_name())).unwrap();
    }
    let run = |out: &Path| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
            .current_dir(ROOT)
            .args(["build", "--articles"])
            .arg(&arts)
            .arg("--out")
            .arg(out)
            .status()
            .unwrap();
        assert!(status.success());
    };
    run(&dir.path().join("before"));
    // Sorts first, so any id built from list positions would shift.
    fs::write(
        arts.join("0000_unrelated.txt"),
        "date 2019-06-02\nThe trade minister visited Tashkent on Sunday for talks on rail links.\n",
    )
    .unwrap();
    run(&dir.path().join("after"));
    let (before, after) = (
        ids(&dir.path().join("before")),
        ids(&dir.path().join("after")),
    );
    assert!(after.len() > before.len(), "the new article adds an event");
    for id in &before {
        assert!(
            after.contains(id),
            "{id} changed when an unrelated article was added"
        );
    }
}
