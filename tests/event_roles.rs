//! Each event's own words decide its parties, place, casualties and date:
//! who acted on whom, where, how many were killed or wounded, and whether a
//! later sentence re-tells it or a statement is another speaker's.

use std::fs;

fn build(files: &[(&str, &str)]) -> (serde_json::Value, String) {
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
    let json = serde_json::from_slice(&fs::read(out.join("timeline.json")).unwrap()).unwrap();
    let csv = fs::read_to_string(out.join("timeline.csv")).unwrap();
    (json, csv)
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
fn the_visit_takes_its_own_clause_place_and_traveller() {
    let (t, csv) = build(&[(
        "a.txt",
        "date 2024-06-11\nTwo trade envoys travelled to Tashkent by rail in March, while the \
         Egyptian foreign minister made a visit to Ankara in May.\n",
    )]);
    // Two visits, each in a clause of its own with its own date: two rows,
    // each with its own clause's place and traveller.
    let v = of_kind(&t, "visit");
    assert_eq!(v.len(), 2, "{:#}", t["events"]);
    assert_eq!(v[0]["date_start"], "2024-03-01");
    assert_eq!(v[0]["location"]["name"], "Tashkent");
    assert_eq!(v[1]["date_start"], "2024-05-01");
    assert_eq!(v[1]["location"]["name"], "Ankara");
    assert_eq!(v[1]["actor1"]["name"], "Egypt");
    let header = csv.lines().next().unwrap();
    for col in [
        "actor1",
        "actor1_country",
        "actor2",
        "actor2_country",
        "wounded",
    ] {
        assert!(header.split(',').any(|c| c == col), "{header}");
    }
}

#[test]
fn initiator_before_the_trigger_and_casualties_with_their_own_event() {
    let (t, _) = build(&[(
        "a.txt",
        "date 2024-09-10\nTurkish jets struck militant hideouts in Syria on Monday, killing 12 \
         fighters, while Syrian troops clashed with rebels near the border, leaving three \
         soldiers wounded.\n",
    )]);
    let strike = of_kind(&t, "airstrike");
    assert_eq!(strike.len(), 1, "{:#}", t["events"]);
    assert_eq!(strike[0]["actor1"]["name"], "Turkey");
    assert_eq!(strike[0]["actor1"]["country"], "TR");
    assert_eq!(strike[0]["location"]["name"], "Syria");
    let clash = of_kind(&t, "clash");
    assert_eq!(clash.len(), 1, "{:#}", t["events"]);
    assert_eq!(clash[0]["wounded"], 3);
    assert!(clash[0]["killed"].is_null(), "the 12 are the strike's");
    assert!(strike[0]["wounded"].is_null(), "the three are the clash's");
}

#[test]
fn a_later_definite_telling_joins_the_event_it_retells() {
    let (t, _) = build(&[(
        "a.txt",
        "date 2024-06-11\nJets struck hideouts near the border on Sunday. \
         Officials condemned the drone attack on Monday.\n",
    )]);
    let strikes = of_kind(&t, "airstrike");
    assert_eq!(strikes.len(), 1, "{:#}", t["events"]);
    assert_eq!(strikes[0]["date_start"], "2024-06-09");
    assert_eq!(strikes[0]["mentions"].as_array().unwrap().len(), 2);
    assert!(
        strikes[0]["location"].is_null(),
        "a date is never a place: {:#}",
        strikes[0]
    );
}

#[test]
fn statements_by_different_speakers_stay_apart() {
    let (t, _) = build(&[(
        "a.txt",
        "date 2024-09-11\nJapan on Tuesday condemned the missile launch. \
         South Korea on Tuesday condemned the launch as a provocation.\n",
    )]);
    let s = of_kind(&t, "statement");
    assert_eq!(s.len(), 2, "{:#}", t["events"]);
    let speakers: Vec<&str> = s
        .iter()
        .map(|e| e["actor1"]["name"].as_str().unwrap())
        .collect();
    assert!(speakers.contains(&"Japan") && speakers.contains(&"South Korea"));
}

#[test]
fn a_date_inside_a_reported_future_dates_the_planned_event() {
    let (t, _) = build(&[(
        "a.txt",
        "date 2024-09-10\nThe two presidents agreed on Tuesday that a joint commission would \
         meet in Samarkand in November.\n",
    )]);
    let m = of_kind(&t, "committee_meeting");
    assert_eq!(m.len(), 1, "{:#}", t["events"]);
    assert_eq!(m[0]["date_start"], "2024-11-01");
    assert_eq!(m[0]["planned"], true);
    assert_eq!(m[0]["location"]["name"], "Samarkand");
}
