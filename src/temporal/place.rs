//! Where a calendar name without a year falls ("December", "Saturday",
//! "Oct. 23"), and which part of a period early / mid / late covers.

use super::calendar::{Cal, Season, Unit, monday_of, ymd};
use super::tense::Tense;
use crate::dates::{Interval, Modifier};
use chrono::{Datelike, Duration, NaiveDate};

/// The calendar unit value containing `d` ("this week" of a date).
pub fn snap_unit(unit: Unit, d: NaiveDate) -> Cal {
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Cal::Day(d),
        Unit::Week => Cal::Week(monday_of(d)),
        Unit::Weekend => Cal::Weekend(monday_of(d)),
        Unit::Month => Cal::Month(d.year(), d.month()),
        Unit::Quarter => Cal::Quarter(d.year(), (d.month() - 1) / 3 + 1),
        Unit::Half => Cal::Half(d.year(), (d.month() - 1) / 6 + 1),
        Unit::Season => Cal::Season(0, Season::Spring).bucket_like(d),
        Unit::Year => Cal::Year(d.year()),
        Unit::Decade => Cal::Decade(d.year().div_euclid(10)),
        Unit::Century | Unit::Millennium => Cal::Century(d.year().div_euclid(100)),
    }
}

/// Sub-interval for early / mid / late of a value (days 1–10 / 11–20 /
/// 21–end of a month; Jan–Apr / May–Aug / Sep–Dec of a year).
pub fn part_of(cal: &Cal, m: Modifier) -> Interval {
    let full = cal.interval();
    let (s, e) = (full.start, full.end);
    let pick = |a: NaiveDate, b: NaiveDate| Interval::new(a, b.min(e));
    let idx = match m {
        Modifier::Start => 0,
        Modifier::Mid => 1,
        Modifier::End => 2,
        _ => return full,
    };
    match *cal {
        Cal::Month(y, mo) => match idx {
            0 => pick(ymd(y, mo, 1), ymd(y, mo, 10)),
            1 => pick(ymd(y, mo, 11), ymd(y, mo, 20)),
            _ => pick(ymd(y, mo, 21), e),
        },
        Cal::Year(y) => match idx {
            0 => pick(ymd(y, 1, 1), ymd(y, 4, 30)),
            1 => pick(ymd(y, 5, 1), ymd(y, 8, 31)),
            _ => pick(ymd(y, 9, 1), e),
        },
        Cal::Week(mon) | Cal::Weekend(mon) => match idx {
            0 => pick(mon, mon + Duration::days(2)),
            1 => pick(mon + Duration::days(1), mon + Duration::days(3)),
            _ => pick(mon + Duration::days(3), e),
        },
        Cal::Day(_) => full,
        Cal::Decade(d) => match idx {
            0 => pick(ymd(d * 10, 1, 1), ymd(d * 10 + 3, 12, 31)),
            1 => pick(ymd(d * 10 + 4, 1, 1), ymd(d * 10 + 6, 12, 31)),
            _ => pick(ymd(d * 10 + 7, 1, 1), e),
        },
        Cal::Century(c) => match idx {
            0 => pick(ymd(c * 100, 1, 1), ymd(c * 100 + 33, 12, 31)),
            1 => pick(ymd(c * 100 + 34, 1, 1), ymd(c * 100 + 66, 12, 31)),
            _ => pick(ymd(c * 100 + 67, 1, 1), e),
        },
        Cal::Season(..) | Cal::Quarter(..) => {
            let first = Cal::Month(s.year(), s.month()).shift(idx, Unit::Month);
            first.interval()
        }
        Cal::Half(..) => {
            let first = Cal::Month(s.year(), s.month()).shift(idx * 2, Unit::Month);
            Interval::new(first.start(), first.shift(1, Unit::Month).end())
        }
    }
}

/// Picks the year for a yearless calendar name from the DCT and tense:
/// `rel` -1/+1 means strictly before/after the DCT ("last December"), 0 the
/// DCT's own year; without `rel`, past text takes the latest one on or before
/// the DCT, future text the next one on or after it, and text without a cue
/// the one nearest the DCT ("payable Jan. 2" in a November article), with
/// the past favoured two to one since news mostly reports what happened.
pub(super) fn place_year(
    make: &dyn Fn(i32) -> Option<Cal>,
    dct: NaiveDate,
    rel: Option<i64>,
    tense: Tense,
) -> Option<Cal> {
    let y = dct.year();
    let this = make(y)?;
    Some(match (rel, tense) {
        (Some(r), _) if r < 0 => {
            if this.end() >= dct {
                make(y - 1)?
            } else {
                this
            }
        }
        (Some(r), _) if r > 0 => {
            if this.start() <= dct {
                make(y + 1)?
            } else {
                this
            }
        }
        (Some(_), _) => this,
        // A day ("Feb. 10") is weighed by distance too, since tense cues
        // are noisy: "subpoenaed him to testify on Feb. 10" is five weeks
        // ahead, not eleven months back.
        (None, Tense::Future) if matches!(this, Cal::Day(_)) => nearest(make, y, dct, 3, 1)?,
        (None, Tense::Past) if matches!(this, Cal::Day(_)) => nearest(make, y, dct, 1, 30)?,
        // Three candidate years: winter "2022" already began in December 2021.
        (None, Tense::Future) => [make(y - 1), Some(this), make(y + 1)]
            .into_iter()
            .flatten()
            .find(|c| c.end() >= dct)?,
        // Past text still means the coming month when it is the next one:
        // plans reported in the past tense ("agreed to admit them in early
        // March" in a February article); any later month is last year's.
        (None, Tense::Past) if matches!(this, Cal::Month(..)) => {
            let next = Cal::Month(y, dct.month()).shift(1, Unit::Month);
            [make(y + 1), Some(this), make(y - 1)]
                .into_iter()
                .flatten()
                .find(|c| c.start() <= dct || *c == next)?
        }
        (None, Tense::Past | Tense::Since) => [make(y + 1), Some(this), make(y - 1)]
            .into_iter()
            .flatten()
            .find(|c| c.start() <= dct)?,
        (None, Tense::Unknown) => nearest(make, y, dct, 1, 2)?,
    })
}

/// The candidate among years `y-1..=y+1` nearest the DCT, distances before
/// it multiplied by `past_w` and after it by `future_w`; earlier on a tie.
pub(super) fn nearest(
    make: &dyn Fn(i32) -> Option<Cal>,
    y: i32,
    dct: NaiveDate,
    past_w: i64,
    future_w: i64,
) -> Option<Cal> {
    let dist = |c: &Cal| {
        if c.end() < dct {
            past_w * (dct - c.end()).num_days()
        } else if c.start() > dct {
            future_w * (c.start() - dct).num_days()
        } else {
            0
        }
    };
    let mut best = make(y)?;
    for c in [make(y - 1), make(y + 1)].into_iter().flatten() {
        if dist(&c) < dist(&best) || (dist(&c) == dist(&best) && c.start() < best.start()) {
            best = c;
        }
    }
    Some(best)
}

/// A weekday relative to the DCT: on-or-after in future text, else
/// on-or-before (news names past days far more often than coming ones);
/// "last"/"next" exclude the DCT's own day.
pub(super) fn place_weekday(wd: u32, dct: NaiveDate, rel: Option<i64>, tense: Tense) -> NaiveDate {
    let cur = dct.weekday().number_from_monday() as i64;
    let back = (cur - wd as i64).rem_euclid(7);
    let fwd = (wd as i64 - cur).rem_euclid(7);
    match (rel, tense) {
        (Some(r), _) if r < 0 => dct - Duration::days(if back == 0 { 7 } else { back }),
        (Some(r), _) if r > 0 => dct + Duration::days(if fwd == 0 { 7 } else { fwd }),
        (_, Tense::Future) => dct + Duration::days(fwd),
        _ => dct - Duration::days(back),
    }
}

/// The `n`-th weekday `wd` (1 = Monday) of a month; `n = -1` the last.
pub(super) fn nth_weekday(y: i32, m: u32, wd: u32, n: i32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let off = (wd as i64 - first.weekday().number_from_monday() as i64).rem_euclid(7);
    let first_wd = first + Duration::days(off);
    if n > 0 {
        let d = first_wd + Duration::days(7 * (n as i64 - 1));
        (d.month() == m).then_some(d)
    } else {
        let mut d = first_wd;
        while (d + Duration::days(7)).month() == m {
            d += Duration::days(7);
        }
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        ymd(y, m, day)
    }

    #[test]
    fn weekday_in_past_text_is_on_or_before_the_dct() {
        // 2025-04-23 is a Wednesday.
        let dct = d(2025, 4, 23);
        assert_eq!(place_weekday(6, dct, None, Tense::Past), d(2025, 4, 19));
        assert_eq!(place_weekday(6, dct, None, Tense::Unknown), d(2025, 4, 19));
        assert_eq!(place_weekday(3, dct, None, Tense::Past), dct);
        assert_eq!(place_weekday(6, dct, None, Tense::Future), d(2025, 4, 26));
        assert_eq!(place_weekday(3, dct, Some(-1), Tense::Past), d(2025, 4, 16));
        assert_eq!(place_weekday(3, dct, Some(1), Tense::Past), d(2025, 4, 30));
    }

    #[test]
    fn yearless_month_follows_tense_or_nearness() {
        let dct = d(2025, 4, 23);
        let dec = |y: i32| Some(Cal::Month(y, 12));
        assert_eq!(
            place_year(&dec, dct, None, Tense::Past),
            Some(Cal::Month(2024, 12))
        );
        assert_eq!(
            place_year(&dec, dct, None, Tense::Future),
            Some(Cal::Month(2025, 12))
        );
        assert_eq!(
            place_year(&dec, dct, None, Tense::Unknown),
            Some(Cal::Month(2024, 12))
        );
        // "payable Jan. 2" in a November article: the coming one.
        let jan2 = |y: i32| Some(Cal::Day(ymd(y, 1, 2)));
        assert_eq!(
            place_year(&jan2, d(1989, 11, 2), None, Tense::Unknown),
            Some(Cal::Day(d(1990, 1, 2)))
        );
        // "last April" in April is a year back.
        let apr = |y: i32| Some(Cal::Month(y, 4));
        assert_eq!(
            place_year(&apr, dct, Some(-1), Tense::Past),
            Some(Cal::Month(2024, 4))
        );
    }

    #[test]
    fn the_current_winter_started_last_december() {
        let winter = |y: i32| Some(Cal::Season(y, Season::Winter));
        assert_eq!(
            place_year(&winter, d(2021, 12, 20), None, Tense::Past),
            Some(Cal::Season(2022, Season::Winter))
        );
        assert_eq!(
            place_year(&winter, d(2021, 10, 20), None, Tense::Past),
            Some(Cal::Season(2021, Season::Winter))
        );
        assert_eq!(
            place_year(&winter, d(2021, 10, 20), None, Tense::Future),
            Some(Cal::Season(2022, Season::Winter))
        );
    }

    #[test]
    fn early_mid_late() {
        assert_eq!(
            part_of(&Cal::Month(2024, 12), Modifier::End),
            Interval::new(d(2024, 12, 21), d(2024, 12, 31))
        );
        assert_eq!(
            part_of(&Cal::Month(2025, 4), Modifier::Mid),
            Interval::new(d(2025, 4, 11), d(2025, 4, 20))
        );
        assert_eq!(
            part_of(&Cal::Month(2025, 5), Modifier::Start),
            Interval::new(d(2025, 5, 1), d(2025, 5, 10))
        );
        assert_eq!(
            part_of(&Cal::Year(2024), Modifier::End),
            Interval::new(d(2024, 9, 1), d(2024, 12, 31))
        );
        assert_eq!(
            part_of(&Cal::Year(2024), Modifier::Mid),
            Interval::new(d(2024, 5, 1), d(2024, 8, 31))
        );
    }

    #[test]
    fn nth_weekday_of_month() {
        assert_eq!(nth_weekday(1999, 11, 4, 4), Some(d(1999, 11, 25)));
        assert_eq!(nth_weekday(2024, 5, 1, -1), Some(d(2024, 5, 27)));
        assert_eq!(nth_weekday(2025, 2, 4, 5), None);
    }
}
