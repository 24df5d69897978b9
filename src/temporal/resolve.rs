//! Turns one pattern match into a TimeML value and calendar interval.
//!
//! The recipes are deliberately few; what varies between expressions is
//! which named groups matched (`year`, `month`, `weekday`, `rel`, `num`,
//! `unit`, `dir`, `part`, `mod`, `tod`, ...), and the words in them are looked
//! up in the lexicon, so new phrasings are data changes.

use super::calendar::{Cal, Season, Unit, shift_date, ymd};
use super::groups::Groups;
use super::lexicon::Lexicon;
use super::patterns::{Pattern, Recipe, Role, Span};
use super::place::{nth_weekday, part_of, place_weekday, place_year, snap_unit};
use super::tense::Tense;
use crate::dates::{Anchor, Interval, Modifier, Precision, TimexType};
use chrono::{Datelike, Duration, NaiveDate};
use regex::Captures;

/// How a narrative-anchored expression moves from its anchor; what
/// [`super::Timex::reanchor`] replays on another anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Shift {
    /// Signed number of units, as a range when the text is vague ("days
    /// later" = 1..10 days).
    pub min: i64,
    pub max: i64,
    pub unit: Unit,
    /// Take the whole calendar unit around the shifted anchor ("the
    /// following week" = the ISO week after) rather than exact days.
    pub snap: bool,
}

impl Shift {
    /// The calendar unit the anchor falls in ("that day", "the same week").
    fn same(unit: Unit) -> Shift {
        Shift {
            min: 0,
            max: 0,
            unit,
            snap: true,
        }
    }

    /// The interval this shift denotes from `anchor`.
    pub fn apply(&self, anchor: &Interval) -> Interval {
        if self.snap {
            let bucket = |d: NaiveDate, n: i64| snap_unit(self.unit, d).shift(n, self.unit);
            let a = bucket(anchor.start, self.min);
            let b = bucket(anchor.end, self.max);
            Interval::new(a.start().min(b.start()), a.end().max(b.end()))
        } else {
            let a = shift_date(anchor.start, self.min, self.unit);
            let b = shift_date(anchor.end, self.max, self.unit);
            if a <= b {
                Interval::new(a, b)
            } else {
                Interval::new(b, a)
            }
        }
    }
}

/// The narrative reference: the last date the text moved to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Narrative {
    pub cal: Cal,
    pub interval: Interval,
}

/// What a recipe needs to know about where the expression stands.
pub struct Ctx<'a> {
    pub dct: Option<NaiveDate>,
    /// Asked only by the recipes that read it (a yearless name, a tensed
    /// span): the cue scan behind it is wasted on a dated expression.
    pub tense: &'a dyn Fn() -> Tense,
    pub narrative: Option<&'a Narrative>,
    /// The last fiscal period (quarter, half) the text named: what "the
    /// quarter" and "a year ago" in business reporting compare with.
    pub fiscal: Option<&'a Narrative>,
}

/// A resolved expression, before offsets are attached.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub kind: TimexType,
    pub value: String,
    pub modifier: Option<Modifier>,
    pub interval: Option<Interval>,
    pub cal: Option<Cal>,
    /// Granularity of `interval`; `None` when there is no interval.
    pub precision: Option<Precision>,
    pub anchor: Anchor,
    pub shift: Option<Shift>,
    /// Whether later narrative expressions may count from this one.
    pub sets_reference: bool,
}

impl Resolved {
    fn new(kind: TimexType, value: String) -> Self {
        Resolved {
            kind,
            value,
            modifier: None,
            interval: None,
            cal: None,
            precision: None,
            anchor: Anchor::None,
            shift: None,
            sets_reference: false,
        }
    }
    fn from_cal(kind: TimexType, cal: Cal, anchor: Anchor) -> Self {
        Resolved {
            kind,
            value: cal.value(),
            modifier: None,
            interval: Some(cal.interval()),
            cal: Some(cal),
            precision: Some(cal.precision()),
            anchor,
            shift: None,
            sets_reference: matches!(anchor, Anchor::Absolute | Anchor::Dct),
        }
    }
}

/// The precision a stretch of `days` days amounts to.
pub fn precision_of_span(days: i64) -> Precision {
    match days {
        ..=1 => Precision::Day,
        2..=7 => Precision::Week,
        8..=62 => Precision::Month,
        63..=93 => Precision::Quarter,
        94..=184 => Precision::Half,
        185..=366 => Precision::Year,
        367..=3653 => Precision::Decade,
        _ => Precision::Century,
    }
}

/// Resolves one match. `None` drops the match (an impossible date, a
/// number that is not a year...).
pub fn resolve(p: &Pattern, caps: &Captures, lex: &Lexicon, ctx: &Ctx) -> Option<Resolved> {
    let g = Groups {
        caps,
        names: &p.groups,
        lex,
    };
    let mut r = match p.recipe {
        Recipe::Calendar => calendar_shaped(p, &g, ctx)?,
        Recipe::Deictic => day_from_dct(p.kind, ctx.dct, p.offset.unwrap_or(0)),
        Recipe::Relative => relative(p, &g, ctx)?,
        Recipe::Offset => offset(p, &g, ctx)?,
        Recipe::Duration => duration(p, &g)?,
        Recipe::Set => set(p, &g)?,
        Recipe::Fixed => fixed(p, ctx)?,
        Recipe::Clock => clock(p, &g, ctx)?,
        Recipe::Same => same(p, &g, ctx)?,
        Recipe::Block => return None,
    };
    if r.modifier.is_none() {
        r.modifier = g.modifier(p);
    }
    if let (Some(cal), Some(m)) = (r.cal, r.modifier)
        && matches!(m, Modifier::Start | Modifier::Mid | Modifier::End)
        && r.shift.is_none()
        && p.span.is_none()
        && let Some(iv) = r.interval
    {
        // A part of the period ("late December"), unless the pattern shaped
        // the interval itself ("earlier this month" runs up to the DCT).
        if iv == cal.interval() {
            r.interval = Some(part_of(&cal, m));
        }
    }
    // Times of day on a date: the value names the part of the day, the
    // interval stays the day ("late on Thursday night" belongs to Thursday).
    if let (Some(Cal::Day(_)), Some(t)) = (r.cal, g.tod(p)) {
        if p.recipe != Recipe::Clock {
            r.value = format!("{}T{t}", r.value);
        }
    } else if r.cal.is_none()
        && r.value.ends_with("XX-XX")
        && let Some(t) = g.tod(p)
    {
        r.value = format!("{}T{t}", r.value);
    }
    // The granularity of the interval actually given: the value's own when
    // it covers the whole value, else what its length amounts to.
    r.precision = match (r.interval, r.cal) {
        (Some(iv), Some(cal)) if iv == cal.interval() || iv.days() <= 1 => {
            Some(if iv.days() <= 1 {
                Precision::Day
            } else {
                cal.precision()
            })
        }
        (Some(iv), _) => Some(precision_of_span(iv.days())),
        (None, _) => None,
    };
    Some(r)
}

/// The calendar recipe plus the shapes some patterns ask for: "the first
/// week of May" (days 1-7) and "the week of March 6" (that ISO week).
fn calendar_shaped(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let mut r = calendar(p, g, ctx)?;
    if let (Some(Cal::Month(y, m)), Some(w)) = (r.cal, g.text(Role::Weekn)) {
        let end = super::calendar::month_end(y, m);
        let n = g
            .lex
            .lookup("ordinal", w)
            .and_then(|v| v.parse::<u32>().ok())
            .or_else(|| w.get(..1).and_then(|d| d.parse().ok()));
        r.interval = Some(match n {
            Some(n) if (1..=4).contains(&n) => {
                Interval::new(ymd(y, m, 7 * n - 6), ymd(y, m, 7 * n))
            }
            _ => Interval::new(end - Duration::days(6), end),
        });
    }
    if let (Some(Cal::Day(d)), Some(u)) = (r.cal, p.unit) {
        let cal = snap_unit(u, d);
        r.cal = Some(cal);
        r.value = cal.value();
        r.interval = Some(cal.interval());
    }
    Some(r)
}

/// The day `offset` days from the DCT ("yesterday"); unresolved without one.
fn day_from_dct(kind: TimexType, dct: Option<NaiveDate>, offset: i64) -> Resolved {
    match dct {
        Some(d) => Resolved::from_cal(kind, Cal::Day(d + Duration::days(offset)), Anchor::Dct),
        None => Resolved {
            anchor: Anchor::Dct,
            ..Resolved::new(kind, "XXXX-XX-XX".into())
        },
    }
}

/// "three days", "a 15-month pause": a length, never a date.
fn duration(p: &Pattern, g: &Groups) -> Option<Resolved> {
    let unit = g.unit(p)?;
    let n = match g.number() {
        Some((a, b)) if a == b => Some(a),
        Some(_) => None,
        None if g.text(Role::Num).is_some() => return None,
        None => p.offset.map(|o| o as f64),
    };
    // "a year and a half", "an hour and a half".
    let n = n.map(|v| {
        if g.text(Role::PlusHalf).is_some() {
            v + 0.5
        } else {
            v
        }
    });
    Some(Resolved::new(TimexType::Duration, unit.duration(n)))
}

/// "every year" (P1Y), "each July" (XXXX-07), "on Mondays" (XXXX-WXX-1),
/// "every two weeks" (P2W).
fn set(p: &Pattern, g: &Groups) -> Option<Resolved> {
    let value = if let Some(v) = &p.value {
        v.clone()
    } else if let Some(m) = g.class(Role::Month, "month") {
        format!("XXXX-{:02}", m.parse::<u32>().ok()?)
    } else if let Some(wd) = g
        .class(Role::Weekday, "weekday")
        .or_else(|| g.class(Role::Weekday, "weekdays"))
    {
        format!("XXXX-WXX-{wd}")
    } else {
        // "every two weeks" (P2W); `offset` gives the count a pattern
        // implies ("every other week").
        let n = match g.number() {
            Some((a, b)) if a == b => a,
            Some(_) => return None,
            None => p.offset.unwrap_or(1) as f64,
        };
        g.unit(p)?.duration(Some(n))
    };
    let value = match g.tod(p) {
        Some(t) if !value.starts_with('P') => format!("{value}T{t}"),
        _ => value,
    };
    Some(Resolved::new(TimexType::Set, value))
}

/// PRESENT_REF (the DCT itself), PAST_REF, FUTURE_REF (no interval).
fn fixed(p: &Pattern, ctx: &Ctx) -> Option<Resolved> {
    let value = p.value.clone()?;
    let mut r = Resolved::new(p.kind, value);
    if r.value == "PRESENT_REF" {
        r.anchor = Anchor::Dct;
        r.interval = ctx.dct.map(Interval::day);
    }
    Some(r)
}

/// The calendar names one match gave, each already checked for range.
#[derive(Clone, Copy)]
struct Names {
    month: Option<u32>,
    day: Option<u32>,
    season: Option<Season>,
    quarter: Option<u32>,
    half: Option<u32>,
    weekday: Option<u32>,
    /// For a holiday that is the N-th weekday of its month (Thanksgiving):
    /// (weekday, N), N = -1 for the last one.
    nth: Option<NthWeekday>,
}

impl Names {
    /// `None` when a name is out of range ("the 32nd", "the fifth quarter"):
    /// the match is not a date.
    fn read(g: &Groups) -> Option<Names> {
        let (holiday, nth) = holiday(g);
        let month = g
            .class(Role::Month, "month")
            .or(g.text(Role::Month))
            .and_then(|v| v.parse::<u32>().ok())
            .or(holiday.map(|h| h.0));
        let day = if g.text(Role::Day).is_some() {
            Some(g.int_or_ordinal(Role::Day)?)
        } else {
            holiday.map(|h| h.1).filter(|_| nth.is_none())
        };
        let quarter = if g.text(Role::Quarter).is_some() {
            Some(g.int_or_ordinal(Role::Quarter)?)
        } else {
            None
        };
        // "the latter half": half words beyond the ordinals.
        let half = if g.text(Role::Half).is_some() {
            let word = g.class(Role::Half, "half").and_then(|v| v.parse().ok());
            Some(word.or_else(|| g.int_or_ordinal(Role::Half))?)
        } else {
            None
        };
        let names = Names {
            month,
            day,
            season: g.class(Role::Season, "season").and_then(Season::from_code),
            quarter,
            half,
            weekday: g
                .class(Role::Weekday, "weekday")
                .and_then(|v| v.parse::<u32>().ok()),
            nth,
        };
        names.in_range().then_some(names)
    }

    fn in_range(&self) -> bool {
        self.month.is_none_or(|m| (1..=12).contains(&m))
            && self.day.is_none_or(|d| (1..=31).contains(&d))
            && self.quarter.is_none_or(|q| (1..=4).contains(&q))
            && self.half.is_none_or(|h| (1..=2).contains(&h))
    }

    /// The most specific value the names give in year `y`.
    fn in_year(&self, y: i32) -> Option<Cal> {
        Some(
            match (self.month, self.day, self.season, self.quarter, self.half) {
                (Some(m), Some(d), ..) => Cal::Day(NaiveDate::from_ymd_opt(y, m, d)?),
                (Some(m), None, ..) if self.nth.is_some() => {
                    let (wd, n) = self.nth?;
                    Cal::Day(nth_weekday(y, m, wd, n)?)
                }
                (Some(m), None, ..) => Cal::Month(y, m),
                (None, _, Some(s), ..) => Cal::Season(y, s),
                (None, _, None, Some(q), _) => Cal::Quarter(y, q),
                (None, _, None, None, Some(h)) => Cal::Half(y, h),
                _ => Cal::Year(y),
            },
        )
    }

    /// Whether anything but a weekday places the expression in a year.
    fn names_a_period(&self) -> bool {
        self.month.is_some()
            || self.season.is_some()
            || self.quarter.is_some()
            || self.half.is_some()
    }
}

/// (month, day); day 0 for a holiday that is an N-th weekday.
type MonthDay = (u32, u32);
/// (weekday, N): the N-th such weekday of a month, N = -1 for the last.
type NthWeekday = (u32, i32);

/// A holiday's (month, day) and, for the N-th weekday of a month, (weekday,
/// N). Holidays are "MM-DD", or "MM-W#N" for the N-th weekday W of the
/// month (N = -1: the last one), e.g. Thanksgiving "11-4#4".
fn holiday(g: &Groups) -> (Option<MonthDay>, Option<NthWeekday>) {
    let spec = g
        .class(Role::Holiday, "holiday")
        .and_then(|v| v.split_once('-'));
    let nth: Option<NthWeekday> = spec
        .and_then(|(_, d)| d.split_once('#'))
        .and_then(|(w, n)| Some((w.parse().ok()?, n.parse().ok()?)));
    let day = spec.and_then(|(m, d)| {
        let day = if nth.is_some() {
            0
        } else {
            d.parse::<u32>().ok()?
        };
        Some((m.parse::<u32>().ok()?, day))
    });
    (day, nth)
}

fn calendar(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let names = Names::read(g)?;
    // "the 31st of this month", "the first of next month".
    let mrel: Option<i64> = g.class(Role::Mrel, "rel").and_then(|v| v.parse().ok());
    if let (Some(r), Some(d), None) = (mrel, names.day, names.month) {
        return day_of_relative_month(p, ctx, r, d);
    }
    if [Role::Decade, Role::DecadeYy, Role::Century]
        .iter()
        .any(|&n| g.text(n).is_some())
    {
        return Some(Resolved::from_cal(p.kind, era(g)?, Anchor::Absolute));
    }
    let yrel: Option<i64> = g.class(Role::Yrel, "rel").and_then(|v| v.parse().ok());
    let year = match (g.year(), yrel, ctx.dct) {
        (Some(y), ..) => Some(y),
        (None, Some(r), Some(d)) => Some(d.year() + r as i32),
        _ => None,
    };
    if let Some(y) = year {
        if !(1000..=2999).contains(&y) {
            return None;
        }
        let anchor = if yrel.is_some() && g.year().is_none() {
            Anchor::Dct
        } else {
            Anchor::Absolute
        };
        let mut r = Resolved::from_cal(p.kind, names.in_year(y)?, anchor);
        extend_to_range_end(&mut r, g);
        return Some(r);
    }
    if let Some(wd) = names.weekday.filter(|_| names.month.is_none()) {
        return Some(weekday(p, g, ctx, wd));
    }
    if !names.names_a_period() {
        return None;
    }
    let Some(dct) = ctx.dct else {
        let v = names.in_year(2000)?.value();
        return Some(Resolved {
            anchor: Anchor::Dct,
            ..Resolved::new(p.kind, format!("XXXX{}", &v[4..]))
        });
    };
    let cal = place_year(&|y| names.in_year(y), dct, g.rel(p), (ctx.tense)())?;
    let mut r = Resolved::from_cal(p.kind, cal, Anchor::Dct);
    extend_to_range_end(&mut r, g);
    Some(r)
}

/// Day `d` of the month `r` months from the DCT's.
fn day_of_relative_month(p: &Pattern, ctx: &Ctx, r: i64, d: u32) -> Option<Resolved> {
    let Some(dct) = ctx.dct else {
        return Some(Resolved {
            anchor: Anchor::Dct,
            ..Resolved::new(p.kind, format!("XXXX-XX-{d:02}"))
        });
    };
    let Cal::Month(y, m) = Cal::Month(dct.year(), dct.month()).shift(r, Unit::Month) else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    Some(Resolved::from_cal(p.kind, Cal::Day(date), Anchor::Dct))
}

/// A weekday without a month: the one nearest the day the story is at
/// ("the previous Friday", "the following Monday"), else the DCT.
fn weekday(p: &Pattern, g: &Groups, ctx: &Ctx, wd: u32) -> Resolved {
    let rel = g.rel(p);
    let story_day = match ctx.narrative.map(|n| n.cal) {
        Some(Cal::Day(d)) if g.class(Role::Rel, "narrative_rel").is_some() => Some(d),
        _ => None,
    };
    if let Some(day) = story_day {
        let mut r = Resolved::from_cal(
            p.kind,
            Cal::Day(place_weekday(wd, day, rel, (ctx.tense)())),
            Anchor::Narrative,
        );
        r.sets_reference = true;
        return r;
    }
    match ctx.dct {
        Some(dct) => Resolved::from_cal(
            p.kind,
            Cal::Day(place_weekday(wd, dct, rel, (ctx.tense)())),
            Anchor::Dct,
        ),
        None => Resolved {
            anchor: Anchor::Dct,
            ..Resolved::new(p.kind, format!("XXXX-WXX-{wd}"))
        },
    }
}

/// Decades and centuries: "the 1990s", "the '80s", "the nineties", "the
/// 19th century".
fn era(g: &Groups) -> Option<Cal> {
    let digits = |t: &str| t.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
    if let Some(t) = g.text(Role::Decade) {
        let last_word = t
            .split(|c: char| c.is_whitespace() || c == '-')
            .next_back()
            .unwrap_or(t);
        let dec = match g.lex.lookup("decade_word", last_word) {
            Some(v) => v.parse().ok()?,
            None => digits(t).get(..3)?.parse().ok()?,
        };
        return Some(Cal::Decade(dec));
    }
    if let Some(t) = g.text(Role::DecadeYy) {
        let yy: i32 = digits(t).get(..1)?.parse().ok()?;
        return Some(Cal::Decade(if yy <= 2 { 200 + yy } else { 190 + yy }));
    }
    Some(Cal::Century(g.int_or_ordinal(Role::Century)? as i32 - 1))
}

/// "April 16-18": a day with a `day_end` covers the days up to it.
fn extend_to_range_end(r: &mut Resolved, g: &Groups) {
    let (Some(Cal::Day(d)), Some(d2)) = (r.cal, g.int_or_ordinal(Role::DayEnd)) else {
        return;
    };
    let m2 = g
        .class(Role::MonthEnd, "month")
        .and_then(|v| v.parse().ok())
        .unwrap_or(d.month());
    if let Some(end) = NaiveDate::from_ymd_opt(d.year(), m2, d2)
        && end > d
    {
        r.interval = Some(Interval::new(d, end));
    }
}

fn relative(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let unit = g.unit(p)?;
    let rel = g.rel(p).unwrap_or(0);
    let Some(dct) = ctx.dct else {
        return Some(Resolved {
            anchor: Anchor::Dct,
            ..Resolved::new(p.kind, unit.unknown_value().into())
        });
    };
    let mut cal = snap_unit(unit, dct).shift(rel, unit);
    if p.span == Some(Span::Tense) {
        // "the weekend": the last one in past text, the next in future text.
        let future = (ctx.tense)() == Tense::Future;
        if !future && cal.start() > dct {
            cal = cal.shift(-1, unit);
        } else if future && cal.end() < dct {
            cal = cal.shift(1, unit);
        }
    }
    let mut r = Resolved::from_cal(p.kind, cal, Anchor::Dct);
    match p.span {
        // "earlier this month": from the start of the unit up to the DCT.
        Some(Span::ToRef) => r.interval = Some(Interval::new(cal.start(), dct.max(cal.start()))),
        Some(Span::FromRef) => r.interval = Some(Interval::new(dct.min(cal.end()), cal.end())),
        _ => {}
    }
    Some(r)
}

fn offset(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let unit = g.unit(p)?;
    let (sign, narrative) = match g.class(Role::Dir, "dir") {
        Some("past") => (-1, false),
        Some("future") => (1, false),
        Some("past_n") => (-1, true),
        Some("future_n") => (1, true),
        _ => (p.rel.unwrap_or(-1), p.narrative),
    };
    // "an hour later" moves a clock, not the calendar: TimeML calls it a
    // duration, and no date comes of it.
    if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
        let half = if g.text(Role::PlusHalf).is_some() {
            0.5
        } else {
            0.0
        };
        let n = g.number().and_then(|(a, b)| (a == b).then_some(a + half));
        let mut r = Resolved::new(TimexType::Duration, unit.duration(n));
        r.modifier = g.modifier(p);
        return Some(r);
    }
    let (lo, hi) = offset_count(p, g)?;
    let (lo, hi) = (lo.round() as i64, hi.round() as i64);
    let base = offset_base(ctx, unit, narrative);
    let anchor = if narrative {
        Anchor::Narrative
    } else {
        Anchor::Dct
    };
    // DCT-relative ranges ("a few years ago") cover whole units.
    let snap = p.span == Some(Span::Snap) || !narrative;
    let shift = Shift {
        min: sign * if sign < 0 { hi } else { lo },
        max: sign * if sign < 0 { lo } else { hi },
        unit,
        snap,
    };
    let unknown = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
    let Some(base) = base else {
        return Some(Resolved {
            anchor,
            shift: narrative.then_some(shift),
            ..Resolved::new(p.kind, unknown.into())
        });
    };
    if lo != hi {
        let mut r = Resolved::new(p.kind, unknown.into());
        r.interval = Some(shift.apply(&base.interval));
        r.anchor = anchor;
        r.shift = narrative.then_some(shift);
        return Some(r);
    }
    let cal = offset_cal(&base, (sign, lo), unit, (narrative, snap), ctx);
    let mut r = Resolved::from_cal(p.kind, cal, anchor);
    if narrative {
        r.shift = Some(shift);
        r.interval = Some(if matches!(base.cal, Cal::Day(_)) || snap {
            shift.apply(&base.interval)
        } else {
            cal.interval()
        });
    }
    r.sets_reference = false;
    Some(r)
}

/// How many units an offset counts, as a range ("a few": 2 to 4): the
/// number, the pattern's own, or how far a vague plural goes ("days later").
fn offset_count(p: &Pattern, g: &Groups) -> Option<(f64, f64)> {
    match g.number() {
        Some(r) => Some(r),
        None if g.text(Role::Num).is_some() => None,
        None if p.offset.is_some() => {
            let n = p.offset.unwrap_or(1) as f64;
            Some((n, n))
        }
        None => {
            let code = g
                .text(Role::Unit)
                .and_then(|u| g.lex.lookup("unit", u))
                .or(p.unit.map(Unit::code))
                .unwrap_or("");
            let v = g.lex.lookup("vague", code)?;
            let (a, b) = v.split_once('-')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        }
    }
}

/// The point an offset counts from: the narrative date, or the DCT.
/// A narrative date much coarser than the unit ("1989", then "the day
/// before") cannot anchor it; the DCT does instead. A month can.
fn offset_base(ctx: &Ctx, unit: Unit, narrative: bool) -> Option<Narrative> {
    let dct = ctx.dct;
    if !narrative {
        return dct.map(|d| Narrative {
            cal: snap_unit(unit, d),
            interval: Interval::day(d),
        });
    }
    let unit_precision = snap_unit(unit, ymd(2000, 1, 1)).precision();
    ctx.narrative
        .copied()
        .filter(|n| precision_of_span(n.interval.days()) <= unit_precision.max(Precision::Month))
        .or_else(|| {
            dct.map(|d| Narrative {
                cal: Cal::Day(d),
                interval: Interval::day(d),
            })
        })
}

/// The value `sign * lo` units from `base`, at the granularity the text
/// speaks at.
fn offset_cal(
    base: &Narrative,
    (sign, lo): (i64, i64),
    unit: Unit,
    (narrative, snap): (bool, bool),
    ctx: &Ctx,
) -> Cal {
    let n = sign * lo;
    // "a year ago" / "a year earlier" beside a fiscal quarter compares
    // with the same quarter of the year before.
    let unit_cal = snap_unit(unit, base.cal.start());
    match (narrative, unit, ctx.fiscal) {
        (_, Unit::Year, Some(f)) if lo == 1 && n < 0 => f.cal.shift(n, unit),
        (true, ..) if snap && unit_cal.precision() > base.cal.precision() => {
            unit_cal.shift(n, unit)
        }
        // "a year earlier" than a day names the year, not the day; nor the
        // quarter once the text moved on to the nine months or the year.
        (true, Unit::Year | Unit::Decade | Unit::Century, _)
            if matches!(base.cal, Cal::Day(_) | Cal::Quarter(..) | Cal::Half(..)) =>
        {
            unit_cal.shift(n, unit)
        }
        // "the following day" after "the weekend" or "last week": a day
        // counted from the period's edge, not another weekend.
        (_, Unit::Day, _) if matches!(base.cal, Cal::Week(_) | Cal::Weekend(_)) => {
            let edge = if n > 0 {
                base.cal.end()
            } else {
                base.cal.start()
            };
            Cal::Day(edge + Duration::days(n))
        }
        // "three months later" than a weekend is a month, not a weekend.
        (_, _, _) if matches!(base.cal, Cal::Weekend(_)) => unit_cal.shift(n, unit),
        _ => base.cal.shift(n, unit),
    }
}

fn same(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let unit = g.unit(p)?;
    let want = snap_unit(unit, ymd(2000, 1, 1));
    let fiscal_unit = matches!(want, Cal::Quarter(..) | Cal::Half(..));
    // "the 1988 quarter": the quarter under discussion, in the year named.
    if let (true, Some(y)) = (fiscal_unit, g.year()) {
        let q = match ctx.fiscal.map(|f| f.cal) {
            Some(Cal::Quarter(_, q)) => q,
            _ => ctx.dct.map(|d| (d.month() - 1) / 3 + 1)?,
        };
        let mut r = Resolved::from_cal(p.kind, Cal::Quarter(y, q), Anchor::Absolute);
        r.sets_reference = false;
        return Some(r);
    }
    let reference = if fiscal_unit {
        ctx.fiscal
    } else {
        ctx.narrative
    };
    if let Some(nr) = reference {
        // A fiscal period is only the one the text named, not the quarter
        // some day mentioned in passing falls in.
        let fits = match want {
            Cal::Quarter(..) | Cal::Half(..) => nr.cal.precision() == want.precision(),
            _ => nr.cal.precision() <= want.precision(),
        };
        if fits {
            let cal = want.bucket_like(nr.cal.start());
            let mut r = Resolved::from_cal(p.kind, cal, Anchor::Narrative);
            r.shift = Some(Shift::same(unit));
            r.sets_reference = false;
            return Some(r);
        }
    }
    let dct = ctx.dct?;
    let cal = snap_unit(unit, dct).shift(p.rel.unwrap_or(0), unit);
    // "that day" with no usable date before it: the DCT's for now, but still
    // the narrative's, so that the event timeline can re-anchor it.
    let anchor = if p.narrative && !fiscal_unit {
        Anchor::Narrative
    } else {
        Anchor::Dct
    };
    let mut r = Resolved::from_cal(p.kind, cal, anchor);
    if anchor == Anchor::Narrative {
        r.shift = Some(Shift::same(unit));
    }
    r.sets_reference = false;
    Some(r)
}

fn clock(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let time = match p.tod.as_deref() {
        Some(t) if g.text(Role::Hour).is_none() => t.to_string(),
        _ => {
            let mut h: u32 = g.text(Role::Hour)?.parse().ok()?;
            let m: u32 = match g.text(Role::Minute) {
                Some(m) => m.parse().ok()?,
                None => 0,
            };
            if h > 24 || m > 59 {
                return None;
            }
            if let Some(ap) = g.text(Role::Ampm) {
                let ap = ap.to_ascii_lowercase();
                let pm = ap.starts_with('p') || ap == "afternoon" || ap == "evening";
                if h > 12 || h == 0 {
                    return None;
                }
                if pm && h < 12 {
                    h += 12;
                } else if !pm && h == 12 {
                    h = 0;
                }
            }
            format!("{h:02}:{m:02}")
        }
    };
    let has_date = [Role::Year, Role::Month, Role::Day, Role::Weekday]
        .iter()
        .any(|&n| g.text(n).is_some());
    let mut r = if has_date {
        calendar(p, g, ctx)?
    } else {
        // "3 a.m. yesterday" counts from the DCT; a bare "at 10 p.m." is on
        // the day the story is at ("was shot on Oct. 23 ... at 10 p.m."),
        // which before any dated day is the DCT's.
        let off = g
            .class(Role::Deictic, "deictic")
            .and_then(|v| v.parse::<i64>().ok())
            .or(p.offset);
        match (off, ctx.narrative.map(|n| n.cal)) {
            (None, Some(day @ Cal::Day(_))) => {
                let mut r = Resolved::from_cal(p.kind, day, Anchor::Narrative);
                r.shift = Some(Shift::same(Unit::Day));
                r.sets_reference = false;
                r
            }
            _ => day_from_dct(p.kind, ctx.dct, off.unwrap_or(0)),
        }
    };
    r.value = format!("{}T{time}", r.value);
    r.kind = TimexType::Time;
    Some(r)
}
