//! One row per real-world event across articles: a republished copy and a
//! second outlet's report join the first; a different visit that week does not.

use std::fs;

fn build(files: &[(&str, &str)]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("articles");
    fs::create_dir_all(&arts).unwrap();
    for (name, text) in files {
        fs::write(arts.join(name), text).unwrap();
    }
    let out = dir.path().join("out");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_dateline"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", "--articles"])
        .arg(&arts)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    serde_json::from_slice(&fs::read(out.join("timeline.json")).unwrap()).unwrap()
}

fn visits(t: &serde_json::Value) -> Vec<&serde_json::Value> {
    t["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_type"] == "visit")
        .collect()
}

#[test]
fn a_copy_republished_a_day_later_is_the_same_event() {
    let story =
        "Foreign Minister Ishaq Dar arrived in Kabul on Saturday for talks with Afghan leaders.\n";
    let t = build(&[
        ("a_wire.txt", &format!("date 2025-04-19\n{story}")),
        ("b_copy.txt", &format!("date 2025-04-20\n{story}")),
        (
            "c_other.txt",
            "date 2025-04-21\nIshaq Dar paid a one-day visit to Kabul on April 19, officials said.\n",
        ),
    ]);
    let v = visits(&t);
    assert_eq!(v.len(), 1, "{:#}", t["events"]);
    let docs: Vec<&str> = v[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, vec!["a_wire.txt", "b_copy.txt", "c_other.txt"]);
    assert_eq!(v[0]["date_start"], "2025-04-19");
    assert_eq!(v[0]["date_end"], "2025-04-19");
}

#[test]
fn two_visits_in_one_week_by_different_people_stay_two_rows() {
    let t = build(&[
        (
            "a.txt",
            "date 2025-04-21\nForeign Minister Ishaq Dar arrived in Kabul on Saturday.\n",
        ),
        (
            "b.txt",
            "date 2025-04-21\nCommerce Minister Nooruddin Azizi arrived in Islamabad on Thursday.\n",
        ),
    ]);
    assert_eq!(visits(&t).len(), 2, "{:#}", t["events"]);
}

#[test]
fn a_third_article_does_not_bridge_two_visits_one_article_dates_apart() {
    let t = build(&[
        (
            "a.txt",
            "date 2025-04-23\nA trade delegation visited Kabul last week to discuss transit fees. \
             An earlier delegation had paid a visit to Kabul in mid-April, officials recalled.\n",
        ),
        (
            "b.txt",
            "date 2025-04-21\nA delegation of officials arrived in Kabul on Saturday for talks on transit trade.\n",
        ),
    ]);
    let v = visits(&t);
    assert_eq!(v.len(), 2, "{:#}", t["events"]);
    for e in &v {
        let a_mentions = e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["doc"] == "a.txt")
            .count();
        assert_eq!(a_mentions, 1, "each of a.txt's visits its own row: {e:#}");
    }
}
