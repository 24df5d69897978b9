//! Resolution behaviour the pipeline relies on, through the public API.

use chrono::NaiveDate;
use dateline::temporal::{Anchor, Interval, Precision, RefDate, Tagger, Timex, TimexType};
use std::path::Path;
use std::sync::OnceLock;

fn tagger() -> &'static Tagger {
    static T: OnceLock<Tagger> = OnceLock::new();
    T.get_or_init(|| {
        Tagger::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/en/temporal"))
            .unwrap_or_else(|e| panic!("{e}"))
    })
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn iv(a: &str, b: &str) -> Option<Interval> {
    Some(Interval::new(d(a), d(b)))
}

fn tag(text: &str, dct: Option<RefDate>) -> Vec<Timex> {
    let whole = 0..text.len();
    tagger().tag(text, std::slice::from_ref(&whole), dct.as_ref())
}

fn month(y: i32, m: u32) -> RefDate {
    let start = NaiveDate::from_ymd_opt(y, m, 1).unwrap();
    let end = start
        .checked_add_months(chrono::Months::new(1))
        .unwrap()
        .pred_opt()
        .unwrap();
    RefDate {
        interval: Interval::new(start, end),
        precision: Precision::Month,
    }
}

fn find<'a>(found: &'a [Timex], text: &str) -> &'a Timex {
    found
        .iter()
        .find(|t| t.text == text)
        .unwrap_or_else(|| panic!("no {text:?} in {found:?}"))
}

#[test]
fn weekday_follows_tense() {
    let dct = Some(RefDate::day(d("2025-04-23")));
    let past = tag("Gunmen attacked the convoy on Saturday.", dct);
    assert_eq!(
        find(&past, "Saturday").interval,
        iv("2025-04-19", "2025-04-19")
    );
    let fut = tag("The ministers will meet on Saturday.", dct);
    assert_eq!(
        find(&fut, "Saturday").interval,
        iv("2025-04-26", "2025-04-26")
    );
}

#[test]
fn month_precision_dct_gives_hull() {
    let found = tag(
        "Talks collapsed last week, and fighting resumed yesterday.",
        Some(month(2025, 4)),
    );
    let last_week = find(&found, "last week");
    assert_eq!(last_week.interval, iv("2025-03-24", "2025-04-27"));
    assert_eq!(
        find(&found, "yesterday").interval,
        iv("2025-03-31", "2025-04-29")
    );
    let dec = tag("He visited Moscow in December.", Some(month(2025, 4)));
    assert_eq!(
        find(&dec, "December").interval,
        iv("2024-12-01", "2024-12-31")
    );
}

#[test]
fn early_mid_late_intervals() {
    let dct = Some(RefDate::day(d("2025-04-23")));
    let found = tag(
        "It began in late December and eased in mid-April, and rose again late last year.",
        dct,
    );
    assert_eq!(
        find(&found, "late December").interval,
        iv("2024-12-21", "2024-12-31")
    );
    assert_eq!(
        find(&found, "mid-April").interval,
        iv("2025-04-11", "2025-04-20")
    );
    assert_eq!(
        find(&found, "late last year").interval,
        iv("2024-09-01", "2024-12-31")
    );
}

#[test]
fn durations_are_never_dated() {
    let found = tag(
        "After a 15-month pause and over three years of talks, they met for three days.",
        Some(RefDate::day(d("2025-04-23"))),
    );
    for text in ["15-month", "three years", "three days"] {
        let t = find(&found, text);
        assert_eq!(t.kind, TimexType::Duration, "{text}");
        assert_eq!(t.interval, None, "{text}");
    }
}

#[test]
fn without_dct_only_absolute_dates_resolve() {
    let found = tag(
        "On April 19, 2025 the envoy said talks had failed last week.",
        None,
    );
    assert_eq!(
        find(&found, "April 19, 2025").interval,
        iv("2025-04-19", "2025-04-19")
    );
    assert_eq!(find(&found, "last week").interval, None);
    // The value keeps the unit's shape, its digits unknown.
    assert_eq!(find(&found, "last week").value, "XXXX-WXX");
    let found = tag("Prices rose last month and on Tuesday.", None);
    assert_eq!(find(&found, "last month").value, "XXXX-XX");
    assert_eq!(find(&found, "Tuesday").value, "XXXX-WXX-2");
}

#[test]
fn narrative_expressions_reanchor() {
    let found = tag(
        "The rebels took the town on March 3, 2020. Two days later they withdrew. Days later, talks began.",
        Some(RefDate::day(d("2020-06-01"))),
    );
    let later = find(&found, "Two days later");
    assert_eq!(later.anchor, Anchor::Narrative);
    assert_eq!(later.interval, iv("2020-03-05", "2020-03-05"));
    assert_eq!(
        later.reanchor(&Interval::day(d("2021-01-10"))),
        iv("2021-01-12", "2021-01-12")
    );
    let vague = find(&found, "Days later");
    assert_eq!(
        vague.reanchor(&Interval::day(d("2021-01-10"))),
        iv("2021-01-11", "2021-01-20")
    );
    let absolute = find(&found, "March 3, 2020");
    assert_eq!(absolute.reanchor(&Interval::day(d("2021-01-10"))), None);
}

#[test]
fn same_day_and_week_follow_the_narrative() {
    // With a date before it, and without one (the DCT stands in).
    let found = tag(
        "Crews reached the site the same day. The dam broke on June 4, 2024, and that same week the town emptied.",
        Some(RefDate::day(d("2024-06-20"))),
    );
    for (text, now, moved) in [
        (
            "the same day",
            iv("2024-06-20", "2024-06-20"),
            iv("2021-01-10", "2021-01-10"),
        ),
        (
            "that same week",
            iv("2024-06-03", "2024-06-09"),
            iv("2021-01-04", "2021-01-10"),
        ),
    ] {
        let t = find(&found, text);
        assert_eq!(t.anchor, Anchor::Narrative, "{text}");
        assert_eq!(t.interval, now, "{text}");
        assert_eq!(t.reanchor(&Interval::day(d("2021-01-10"))), moved, "{text}");
    }
}

#[test]
fn following_week_snaps_to_iso_week() {
    let found = tag(
        "The accord was signed on Friday, May 3, 2024; the following week fighting resumed.",
        None,
    );
    let t = find(&found, "the following week");
    assert_eq!(
        t.reanchor(&Interval::day(d("2025-04-23"))),
        iv("2025-04-28", "2025-05-04")
    );
}

#[test]
fn words_that_are_not_dates() {
    let found = tag(
        "You may march down Spring Boulevard with 1,200 troops and 16 soldiers under the 1990 Act.",
        Some(RefDate::day(d("2025-04-23"))),
    );
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn bad_rule_file_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("lexicon.toml"),
        "[class.month]\nJanuary = 1\n[macro]\nfuture_cue = \"will\"\npast_cue = \"said\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("p.toml"),
        "[[pattern]]\nid = \"x\"\nresolve = \"calendar\"\npattern = '(?P<month>{month}'\n",
    )
    .unwrap();
    let err = Tagger::load(dir.path())
        .err()
        .expect("bad regex must fail")
        .to_string();
    assert!(err.contains("p.toml:4:11"), "{err}");
}

#[test]
fn month_precision_dct_never_invents_a_day() {
    let found = tag(
        "Earlier this month he visited; he is now in Cairo.",
        Some(month(2025, 4)),
    );
    assert_eq!(
        find(&found, "Earlier this month").interval,
        iv("2025-04-01", "2025-04-30")
    );
    assert_eq!(find(&found, "now").interval, iv("2025-04-01", "2025-04-30"));
    assert_eq!(find(&found, "now").precision, Some(Precision::Month));
}

#[test]
fn sets_and_refs_carry_no_date() {
    let found = tag(
        "The council meets every year; relations recently improved.",
        Some(RefDate::day(d("2025-04-23"))),
    );
    let set = find(&found, "every year");
    assert_eq!(
        (set.kind, set.value.as_str(), set.interval),
        (TimexType::Set, "P1Y", None)
    );
    assert_eq!(find(&found, "recently").interval, None);
}

#[test]
fn week_earlier_and_next_day_move_with_their_anchor() {
    let found = tag(
        "Fighting began on May 5, 2024. A week earlier talks had failed. The next day a truce was called.",
        None,
    );
    let earlier = find(&found, "A week earlier");
    assert_eq!(earlier.interval, iv("2024-04-28", "2024-04-28"));
    assert_eq!(
        earlier.reanchor(&Interval::new(d("2025-01-10"), d("2025-01-12"))),
        iv("2025-01-03", "2025-01-05")
    );
    let next = find(&found, "The next day");
    assert_eq!(next.interval, iv("2024-05-06", "2024-05-06"));
    assert_eq!(next.anchor, Anchor::Narrative);
}

#[test]
fn tagger_is_shared_across_threads() {
    fn shareable<T: Send + Sync>(_: &T) {}
    shareable(tagger());
    let found = std::thread::scope(|s| {
        let h = s.spawn(|| {
            tag(
                "It happened on Friday.",
                Some(RefDate::day(d("2013-03-23"))),
            )
        });
        h.join().unwrap()
    });
    assert_eq!(find(&found, "Friday").value, "2013-03-22");
}
