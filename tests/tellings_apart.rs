//! Which tellings of one article are one event and which are two, and what
//! a counted date ("the following day") counts from.

mod support;

/// The timeline of one article `text`.
fn build(text: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let (arts, out) = (dir.path().join("articles"), dir.path().join("out"));
    support::write_all(&arts, &[("a.txt", text)]);
    support::build(&arts, &out, &[]);
    serde_json::from_slice(&std::fs::read(out.join("timeline.json")).unwrap()).unwrap()
}

fn of_kind<'a>(t: &'a serde_json::Value, kind: &str) -> Vec<&'a serde_json::Value> {
    t["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_type"] == kind)
        .collect()
}

#[test]
fn another_strike_the_same_day_is_a_second_event() {
    let t = build(
        "date 2024-09-12\nRussian drones struck an energy plant in Kharkiv on Wednesday, \
         killing two workers.\nAnother Russian strike damaged a hospital in Sumy, the regional \
         governor said.\n",
    );
    assert_eq!(of_kind(&t, "airstrike").len(), 2, "{:#}", t["events"]);
}

#[test]
fn a_later_definite_arrest_joins_the_arrest_told_before() {
    let t = build(
        "date 2023-03-20\nPolice in Dakar arrested the opposition leader Ousmane Diallo on \
         Friday.\nHis supporters said the arrest was politically motivated.\n",
    );
    assert_eq!(of_kind(&t, "arrest").len(), 1, "{:#}", t["events"]);
}

#[test]
fn the_following_day_counts_from_the_story_not_from_background_years() {
    let t = build(
        "date 2025-06-10\nThe two armies first fought over the temple in 2011.\nA Peruvian \
         soldier was killed near the river on May 28.\nThe two governments agreed to a truce \
         the following day.\n",
    );
    let c = of_kind(&t, "ceasefire");
    assert_eq!(c.len(), 1, "{:#}", t["events"]);
    assert_eq!(c[0]["date_start"], "2025-05-29");
}
