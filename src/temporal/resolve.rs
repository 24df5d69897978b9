//! Turns one pattern match into a TimeML value and calendar interval.
//!
//! The recipes are deliberately few; what varies between expressions is
//! which named groups matched (`year`, `month`, `weekday`, `rel`, `num`,
//! `unit`, `dir`, `part`, `mod`, `tod`, ...), and the words in them are looked
//! up in the lexicon, so new phrasings are data changes.

use super::calendar::{Cal, Season, Unit, monday_of, shift_date, ymd};
use super::lexicon::Lexicon;
use super::patterns::{Pattern, Recipe};
use super::tense::Tense;
use super::types::{Anchor, Interval, Modifier, TimexType};
use chrono::{Datelike, Duration, NaiveDate};
use regex::Captures;

/// Group names a pattern may use (a trailing digit is allowed: `day2`).
pub const KNOWN_GROUPS: &[&str] = &[
    "year",
    "yy",
    "month",
    "day",
    "weekday",
    "season",
    "quarter",
    "half",
    "decade",
    "decade_yy",
    "century",
    "part",
    "rel",
    "num",
    "unit",
    "dir",
    "tod",
    "mod",
    "hour",
    "minute",
    "ampm",
    "fiscal",
    "x",
    "t",
    "yrel",
    "holiday",
    "day_end",
    "month_end",
    "yearw",
    "deictic",
    "weekn",
];

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
    pub tense: Tense,
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
            anchor,
            shift: None,
            sets_reference: matches!(anchor, Anchor::Absolute | Anchor::Dct),
        }
    }
}

pub fn parse_mod(s: &str) -> Option<Modifier> {
    Some(match s {
        "START" => Modifier::Start,
        "MID" => Modifier::Mid,
        "END" => Modifier::End,
        "APPROX" => Modifier::Approx,
        "BEFORE" => Modifier::Before,
        "AFTER" => Modifier::After,
        "ON_OR_BEFORE" => Modifier::OnOrBefore,
        "ON_OR_AFTER" => Modifier::OnOrAfter,
        "LESS_THAN" => Modifier::LessThan,
        "MORE_THAN" => Modifier::MoreThan,
        "EQUAL_OR_LESS" => Modifier::EqualOrLess,
        "EQUAL_OR_MORE" => Modifier::EqualOrMore,
        _ => return None,
    })
}

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

/// Reads named groups of one match and looks their words up.
struct Groups<'a, 'h> {
    caps: &'a Captures<'h>,
    /// (group name without its digit suffix, capture index), from the pattern.
    names: &'a [(String, usize)],
    lex: &'a Lexicon,
}

impl Groups<'_, '_> {
    /// The group `name`, or `name2`/`name3` (the same group in another
    /// alternative of the pattern, since regex names must be unique).
    fn text(&self, name: &str) -> Option<&str> {
        self.names
            .iter()
            .filter(|(n, _)| n == name)
            .find_map(|&(_, i)| self.caps.get(i))
            .map(|m| m.as_str())
    }
    fn class(&self, group: &str, class: &str) -> Option<&str> {
        self.text(group)
            .and_then(|t| self.lex.lookup(class, t.trim()))
    }
    fn int_or_ordinal(&self, group: &str) -> Option<u32> {
        let t = self.text(group)?;
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            return digits.parse().ok();
        }
        self.lex
            .lookup("ordinal", t.trim())
            .and_then(|v| v.parse().ok())
    }
    fn year(&self) -> Option<i32> {
        if let Some(t) = self.text("yearw") {
            return spoken_year(self.lex, t);
        }
        if let Some(t) = self.text("year") {
            let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
            return digits.parse().ok();
        }
        let t = self.text("yy")?;
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        let yy: i32 = digits.parse().ok()?;
        Some(if yy < 40 { 2000 + yy } else { 1900 + yy })
    }
    fn number(&self) -> Option<(f64, f64)> {
        parse_number(self.lex, self.text("num")?)
    }
    fn unit(&self, p: &Pattern) -> Option<Unit> {
        match self
            .class("unit", "unit")
            .or_else(|| self.class("unit", "frequency"))
        {
            Some(code) => Unit::from_code(code),
            None => p.unit.as_deref().and_then(Unit::from_code),
        }
    }
    fn modifier(&self, p: &Pattern) -> Option<Modifier> {
        self.class("mod", "mod")
            .or(self.class("part", "part"))
            .or(p.modifier.as_deref())
            .and_then(parse_mod)
    }
    fn rel(&self, p: &Pattern) -> Option<i64> {
        self.class("rel", "rel")
            .and_then(|v| v.parse().ok())
            .or(p.rel)
    }
    fn tod(&self, p: &Pattern) -> Option<String> {
        self.class("tod", "tod")
            .map(str::to_string)
            .or_else(|| p.tod.clone())
    }
}

/// "nineteen ninety-four" → 1994, "two thousand and one" → 2001.
fn spoken_year(lex: &Lexicon, text: &str) -> Option<i32> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    if words.first() == Some(&"two") && words.get(1) == Some(&"thousand") {
        let rest = words[2..].join(" ");
        let n = if rest.is_empty() {
            0.0
        } else {
            parse_number(lex, &rest)?.0
        };
        return Some(2000 + n as i32);
    }
    let century = parse_number(lex, words.first()?)?.0 as i32;
    let rest = words[1..].join(" ");
    let n = if rest == "hundred" {
        0.0
    } else {
        parse_number(lex, &rest)?.0
    };
    Some(century * 100 + n as i32)
}

/// Parses "3", "1,200", "twenty-four", "a dozen", "a few" (a range).
pub fn parse_number(lex: &Lexicon, text: &str) -> Option<(f64, f64)> {
    let t = text.trim();
    let plain: String = t.chars().filter(|&c| c != ',').collect();
    if let Ok(v) = plain.parse::<f64>() {
        return Some((v, v));
    }
    let range = |v: &str| -> Option<(f64, f64)> {
        match v.split_once('-') {
            Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
            None => v.parse().ok().map(|x| (x, x)),
        }
    };
    if let Some(v) = lex.lookup("number", t) {
        return range(v);
    }
    // Compound number words: "twenty four", "twenty-four".
    let mut total = 0.0;
    for part in t
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty() && *s != "and")
    {
        let (a, b) = range(lex.lookup("number", part)?)?;
        if a != b {
            return None;
        }
        total += a;
    }
    Some((total, total))
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
        Recipe::Calendar => {
            let mut r = calendar(p, &g, ctx)?;
            // "the first week of May": days 1-7 of the month, 8-14, ...
            if let (Some(Cal::Month(y, m)), Some(w)) = (r.cal, g.text("weekn")) {
                let end = super::calendar::month_end(y, m);
                let iv = match g
                    .lex
                    .lookup("ordinal", w)
                    .and_then(|v| v.parse::<u32>().ok())
                    .or_else(|| w.get(..1).and_then(|d| d.parse().ok()))
                {
                    Some(n) if (1..=4).contains(&n) => {
                        Interval::new(ymd(y, m, 7 * n - 6), ymd(y, m, 7 * n))
                    }
                    _ => Interval::new(end - Duration::days(6), end),
                };
                r.interval = Some(iv);
            }
            // "the week of March 6": the unit holding the named day.
            if let (Some(Cal::Day(d)), Some(u)) =
                (r.cal, p.unit.as_deref().and_then(Unit::from_code))
            {
                let cal = snap_unit(u, d);
                r.cal = Some(cal);
                r.value = cal.value();
                r.interval = Some(cal.interval());
            }
            r
        }
        Recipe::Deictic => {
            let off = p.offset.unwrap_or(0);
            match ctx.dct {
                Some(d) => {
                    Resolved::from_cal(p.kind, Cal::Day(d + Duration::days(off)), Anchor::Dct)
                }
                None => Resolved {
                    anchor: Anchor::Dct,
                    ..Resolved::new(p.kind, "XXXX-XX-XX".into())
                },
            }
        }
        Recipe::Relative => relative(p, &g, ctx)?,
        Recipe::Offset => offset(p, &g, ctx)?,
        Recipe::Duration => {
            let unit = g.unit(p)?;
            let n = match g.number() {
                Some((a, b)) if a == b => Some(a),
                Some(_) => None,
                None if g.text("num").is_some() => return None,
                None => p.offset.map(|o| o as f64),
            };
            Resolved::new(TimexType::Duration, unit.duration(n))
        }
        Recipe::Set => {
            let value = if let Some(v) = &p.value {
                v.clone()
            } else if let Some(m) = g.class("month", "month") {
                format!("XXXX-{:02}", m.parse::<u32>().ok()?)
            } else if let Some(wd) = g
                .class("weekday", "weekday")
                .or_else(|| g.class("weekday", "weekdays"))
            {
                format!("XXXX-WXX-{wd}")
            } else {
                g.unit(p)?.duration(Some(1.0))
            };
            let value = match g.tod(p) {
                Some(t) if !value.starts_with('P') => format!("{value}T{t}"),
                _ => value,
            };
            Resolved::new(TimexType::Set, value)
        }
        Recipe::Fixed => {
            let value = p.value.clone()?;
            let mut r = Resolved::new(p.kind, value.clone());
            if value == "PRESENT_REF" {
                r.anchor = Anchor::Dct;
                r.interval = ctx.dct.map(Interval::day);
            }
            r
        }
        Recipe::Clock => clock(p, &g, ctx)?,
        Recipe::Same => same(p, &g, ctx)?,
    };
    if r.modifier.is_none() {
        r.modifier = g.modifier(p);
    }
    if let (Some(cal), Some(m)) = (r.cal, r.modifier)
        && matches!(m, Modifier::Start | Modifier::Mid | Modifier::End)
        && r.shift.is_none()
        && let Some(iv) = r.interval
    {
        // "earlier this month" has already narrowed its interval.
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
    Some(r)
}

/// Picks the year for a yearless calendar name from the DCT and tense:
/// `rel` -1/+1 means strictly before/after the DCT ("last December"), 0 the
/// DCT's own year; without `rel`, past text takes the latest one on or before
/// the DCT, future text the next one on or after it, and text without a cue
/// the one nearest the DCT ("payable Jan. 2" in a November article), with
/// the past favoured two to one since news mostly reports what happened.
fn place_year(
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
        (None, Tense::Future) => {
            if this.end() < dct {
                make(y + 1)?
            } else {
                this
            }
        }
        (None, Tense::Past) => {
            if this.start() > dct {
                make(y - 1)?
            } else {
                this
            }
        }
        (None, Tense::Unknown) => nearest(make, y, dct, 1, 2)?,
    })
}

/// The candidate among years `y-1..=y+1` nearest the DCT, distances before
/// it multiplied by `past_w` and after it by `future_w`; earlier on a tie.
fn nearest(
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
fn place_weekday(wd: u32, dct: NaiveDate, rel: Option<i64>, tense: Tense) -> NaiveDate {
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
fn nth_weekday(y: i32, m: u32, wd: u32, n: i32) -> Option<NaiveDate> {
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

fn calendar(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    // Holidays are "MM-DD", or "MM-W#N" for the N-th weekday W of the month
    // (N = -1: the last one), e.g. Thanksgiving "11-4#4".
    let holiday_spec = g
        .class("holiday", "holiday")
        .and_then(|v| v.split_once('-'));
    let nth: Option<(u32, i32)> = holiday_spec
        .and_then(|(_, d)| d.split_once('#'))
        .and_then(|(w, n)| Some((w.parse().ok()?, n.parse().ok()?)));
    let holiday: Option<(u32, u32)> = holiday_spec.and_then(|(m, d)| {
        Some((
            m.parse::<u32>().ok()?,
            if nth.is_some() {
                0
            } else {
                d.parse::<u32>().ok()?
            },
        ))
    });
    let month = g
        .class("month", "month")
        .or(g.text("month"))
        .and_then(|v| v.parse::<u32>().ok())
        .or(holiday.map(|h| h.0));
    if month.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    let day = if g.text("day").is_some() {
        Some(g.int_or_ordinal("day")?)
    } else {
        holiday.map(|h| h.1).filter(|_| nth.is_none())
    };
    if let Some(d) = day
        && !(1..=31).contains(&d)
    {
        return None;
    }
    let season = g.class("season", "season").and_then(Season::from_code);
    let quarter = if g.text("quarter").is_some() {
        Some(g.int_or_ordinal("quarter")?)
    } else {
        None
    };
    let half = if g.text("half").is_some() {
        Some(g.int_or_ordinal("half")?)
    } else {
        None
    };
    if quarter.is_some_and(|q| !(1..=4).contains(&q)) || half.is_some_and(|h| !(1..=2).contains(&h))
    {
        return None;
    }
    let weekday = g
        .class("weekday", "weekday")
        .and_then(|v| v.parse::<u32>().ok());
    let rel = g.rel(p);

    if let Some(t) = g.text("decade") {
        if let Some(dec) = g.lex.lookup(
            "decade_word",
            t.split(|c: char| c.is_whitespace() || c == '-')
                .next_back()
                .unwrap_or(t),
        ) {
            let dec: i32 = dec.parse().ok()?;
            return Some(Resolved::from_cal(
                p.kind,
                Cal::Decade(dec),
                Anchor::Absolute,
            ));
        }
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        let dec: i32 = digits.get(..3)?.parse().ok()?;
        return Some(Resolved::from_cal(
            p.kind,
            Cal::Decade(dec),
            Anchor::Absolute,
        ));
    }
    if let Some(t) = g.text("decade_yy") {
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        let yy: i32 = digits.get(..1)?.parse().ok()?;
        let cent = if yy <= 2 { 200 } else { 190 };
        return Some(Resolved::from_cal(
            p.kind,
            Cal::Decade(cent + yy),
            Anchor::Absolute,
        ));
    }
    if g.text("century").is_some() {
        let c = g.int_or_ordinal("century")? as i32;
        return Some(Resolved::from_cal(
            p.kind,
            Cal::Century(c - 1),
            Anchor::Absolute,
        ));
    }

    let make = |y: i32| -> Option<Cal> {
        Some(match (month, day, season, quarter, half) {
            (Some(m), Some(d), ..) => Cal::Day(NaiveDate::from_ymd_opt(y, m, d)?),
            (Some(m), None, ..) if nth.is_some() => {
                let (wd, n) = nth?;
                Cal::Day(nth_weekday(y, m, wd, n)?)
            }
            (Some(m), None, ..) => Cal::Month(y, m),
            (None, _, Some(s), ..) => Cal::Season(y, s),
            (None, _, None, Some(q), _) => Cal::Quarter(y, q),
            (None, _, None, None, Some(h)) => Cal::Half(y, h),
            _ => Cal::Year(y),
        })
    };

    let yrel: Option<i64> = g.class("yrel", "rel").and_then(|v| v.parse().ok());
    let year = match (g.year(), yrel, ctx.dct) {
        (Some(y), ..) => Some(y),
        (None, Some(r), Some(d)) => Some(d.year() + r as i32),
        _ => None,
    };
    if let Some(y) = year {
        if !(1000..=2999).contains(&y) {
            return None;
        }
        let cal = make(y)?;
        let anchor = if yrel.is_some() && g.year().is_none() {
            Anchor::Dct
        } else {
            Anchor::Absolute
        };
        let mut r = Resolved::from_cal(p.kind, cal, anchor);
        // "April 16-18, 2025": one expression covering the range.
        if let (Some(Cal::Day(d)), Some(d2)) = (r.cal, g.int_or_ordinal("day_end")) {
            let m2 = g
                .class("month_end", "month")
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.month());
            let end = NaiveDate::from_ymd_opt(y, m2, d2)?;
            if end > d {
                r.interval = Some(Interval::new(d, end));
            }
        }
        return Some(r);
    }

    let dct = ctx.dct;
    if let Some(wd) = weekday.filter(|_| month.is_none()) {
        return Some(match dct {
            Some(dct) => Resolved::from_cal(
                p.kind,
                Cal::Day(place_weekday(wd, dct, rel, ctx.tense)),
                Anchor::Dct,
            ),
            None => Resolved {
                anchor: Anchor::Dct,
                ..Resolved::new(p.kind, format!("XXXX-WXX-{wd}"))
            },
        });
    }
    if month.is_none() && season.is_none() && quarter.is_none() && half.is_none() {
        return None;
    }
    let Some(dct) = dct else {
        let v = make(2000)?.value();
        return Some(Resolved {
            anchor: Anchor::Dct,
            ..Resolved::new(p.kind, format!("XXXX{}", &v[4..]))
        });
    };
    let cal = place_year(&make, dct, rel, ctx.tense)?;
    let mut r = Resolved::from_cal(p.kind, cal, Anchor::Dct);
    if let (Cal::Day(d), Some(d2)) = (cal, g.int_or_ordinal("day_end")) {
        let m2 = g
            .class("month_end", "month")
            .and_then(|v| v.parse().ok())
            .unwrap_or(d.month());
        if let Some(end) = NaiveDate::from_ymd_opt(d.year(), m2, d2)
            && end > d
        {
            r.interval = Some(Interval::new(d, end));
        }
    }
    Some(r)
}

fn relative(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let unit = g.unit(p)?;
    let rel = g.rel(p).unwrap_or(0);
    let Some(dct) = ctx.dct else {
        return Some(Resolved {
            anchor: Anchor::Dct,
            ..Resolved::new(p.kind, "XXXX".into())
        });
    };
    let mut cal = snap_unit(unit, dct).shift(rel, unit);
    if p.span.as_deref() == Some("tense") {
        // "the weekend": the last one in past text, the next in future text.
        let future = ctx.tense == Tense::Future;
        if !future && cal.start() > dct {
            cal = cal.shift(-1, unit);
        } else if future && cal.end() < dct {
            cal = cal.shift(1, unit);
        }
    }
    let mut r = Resolved::from_cal(p.kind, cal, Anchor::Dct);
    match p.span.as_deref() {
        // "earlier this month": from the start of the unit up to the DCT.
        Some("to_ref") => r.interval = Some(Interval::new(cal.start(), dct.max(cal.start()))),
        Some("from_ref") => r.interval = Some(Interval::new(dct.min(cal.end()), cal.end())),
        _ => {}
    }
    Some(r)
}

fn offset(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let unit = g.unit(p)?;
    let dir = g.class("dir", "dir").map(str::to_string);
    let (sign, narrative) = match dir.as_deref() {
        Some("past") => (-1, false),
        Some("future") => (1, false),
        Some("past_n") => (-1, true),
        Some("future_n") => (1, true),
        _ => (p.rel.unwrap_or(-1), p.narrative),
    };
    // "an hour later" moves a clock, not the calendar: TimeML calls it a
    // duration, and no date comes of it.
    if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
        let n = g.number().and_then(|(a, b)| (a == b).then_some(a));
        let mut r = Resolved::new(TimexType::Duration, unit.duration(n));
        r.modifier = g.modifier(p);
        return Some(r);
    }
    let (lo, hi) = match g.number() {
        Some(r) => r,
        None if g.text("num").is_some() => return None,
        None if p.offset.is_some() => {
            let n = p.offset.unwrap_or(1) as f64;
            (n, n)
        }
        None => {
            let code = g
                .text("unit")
                .and_then(|u| g.lex.lookup("unit", u))
                .or(p.unit.as_deref())
                .unwrap_or("");
            let v = g.lex.lookup("vague", code)?;
            let (a, b) = v.split_once('-')?;
            (a.parse().ok()?, b.parse().ok()?)
        }
    };
    let (lo, hi) = (lo.round() as i64, hi.round() as i64);
    let dct = ctx.dct;
    // The point counted from: the narrative date, or the DCT.
    // A narrative date coarser than the unit ("1989", then "the day
    // before") cannot anchor it; the DCT does instead.
    let unit_precision = snap_unit(unit, ymd(2000, 1, 1)).precision();
    let base: Option<Narrative> = if narrative {
        ctx.narrative
            .copied()
            .filter(|n| n.cal.precision() <= unit_precision)
            .or_else(|| {
                dct.map(|d| Narrative {
                    cal: Cal::Day(d),
                    interval: Interval::day(d),
                })
            })
    } else {
        dct.map(|d| Narrative {
            cal: snap_unit(unit, d),
            interval: Interval::day(d),
        })
    };
    let anchor = if narrative {
        Anchor::Narrative
    } else {
        Anchor::Dct
    };
    // DCT-relative ranges ("a few years ago") cover whole units.
    let snap = p.span.as_deref() == Some("snap") || !narrative;
    let shift = Shift {
        min: sign * if sign < 0 { hi } else { lo },
        max: sign * if sign < 0 { lo } else { hi },
        unit,
        snap,
    };
    let Some(base) = base else {
        let v = if sign < 0 { "PAST_REF" } else { "FUTURE_REF" };
        return Some(Resolved {
            anchor,
            shift: narrative.then_some(shift),
            ..Resolved::new(p.kind, v.into())
        });
    };
    if lo != hi {
        let mut r = Resolved::new(
            p.kind,
            if sign < 0 {
                "PAST_REF".into()
            } else {
                "FUTURE_REF".into()
            },
        );
        r.interval = Some(shift.apply(&base.interval));
        r.anchor = anchor;
        r.shift = narrative.then_some(shift);
        return Some(r);
    }
    let n = sign * lo;
    // "a year ago" / "a year earlier" beside a fiscal quarter compares
    // with the same quarter of the year before.
    let unit_cal = snap_unit(unit, base.cal.start());
    let cal = match (narrative, unit, ctx.fiscal) {
        (_, Unit::Year, Some(f)) if lo == 1 && n < 0 => f.cal.shift(n, unit),
        (true, ..) if snap && unit_cal.precision() > base.cal.precision() => {
            unit_cal.shift(n, unit)
        }
        // "a year earlier" than a day names the year, not the day.
        (true, Unit::Year | Unit::Decade | Unit::Century, _) if matches!(base.cal, Cal::Day(_)) => {
            unit_cal.shift(n, unit)
        }
        _ => base.cal.shift(n, unit),
    };
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
            r.shift = Some(Shift {
                min: 0,
                max: 0,
                unit,
                snap: true,
            });
            r.sets_reference = false;
            return Some(r);
        }
    }
    let dct = ctx.dct?;
    let cal = snap_unit(unit, dct).shift(p.rel.unwrap_or(0), unit);
    let mut r = Resolved::from_cal(p.kind, cal, Anchor::Dct);
    r.sets_reference = false;
    Some(r)
}

fn clock(p: &Pattern, g: &Groups, ctx: &Ctx) -> Option<Resolved> {
    let time = match p.tod.as_deref() {
        Some(t) if g.text("hour").is_none() => t.to_string(),
        _ => {
            let mut h: u32 = g.text("hour")?.parse().ok()?;
            let m: u32 = match g.text("minute") {
                Some(m) => m.parse().ok()?,
                None => 0,
            };
            if h > 24 || m > 59 {
                return None;
            }
            if let Some(ap) = g.text("ampm") {
                let pm = ap.to_ascii_lowercase().starts_with('p');
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
    let has_date = ["year", "month", "day", "weekday"]
        .iter()
        .any(|n| g.text(n).is_some());
    let mut r = if has_date {
        calendar(p, g, ctx)?
    } else if let Some(off) = g
        .class("deictic", "deictic")
        .and_then(|v| v.parse::<i64>().ok())
        .or(p.offset)
    {
        match ctx.dct {
            Some(d) => Resolved::from_cal(p.kind, Cal::Day(d + Duration::days(off)), Anchor::Dct),
            None => Resolved::new(p.kind, "XXXX-XX-XX".into()),
        }
    } else {
        match ctx.dct {
            Some(d) => Resolved::from_cal(p.kind, Cal::Day(d), Anchor::Dct),
            None => Resolved::new(p.kind, "XXXX-XX-XX".into()),
        }
    };
    r.value = format!("{}T{time}", r.value);
    r.kind = TimexType::Time;
    Some(r)
}
