//! Date value types shared by ingest, the manifest, the temporal engine and
//! the stages that consume its answers.
//!
//! They live outside `temporal` so that reading a publication date (ingest,
//! `sources.csv`, `--dct`) does not depend on the pattern engine, and so that
//! there is one parser of a written partial date ([`RefDate`]'s `FromStr`)
//! instead of one per caller.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// A closed calendar interval `[start, end]`, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Interval {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Interval {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        debug_assert!(start <= end);
        Interval { start, end }
    }
    pub fn day(d: NaiveDate) -> Self {
        Interval { start: d, end: d }
    }
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start <= other.end && other.start <= self.end
    }
    pub fn contains(&self, other: &Interval) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// Smallest interval covering both.
    pub fn hull(&self, other: &Interval) -> Interval {
        Interval {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// How coarse a resolved date is. Ordered from finest to coarsest so that
/// "the most precise of several mentions" is a `min`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Time,
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Precision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Precision::Time => "time",
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

/// TimeML TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// TimeML `mod` attribute values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Modifier {
    Start,
    Mid,
    End,
    Approx,
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
}

impl FromStr for Modifier {
    type Err = ();

    /// The TimeML spelling, as pattern files and lexicon values write it.
    fn from_str(s: &str) -> Result<Modifier, ()> {
        Ok(match s {
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
            _ => return Err(()),
        })
    }
}

impl Modifier {
    pub fn as_str(&self) -> &'static str {
        match self {
            Modifier::Start => "START",
            Modifier::Mid => "MID",
            Modifier::End => "END",
            Modifier::Approx => "APPROX",
            Modifier::Before => "BEFORE",
            Modifier::After => "AFTER",
            Modifier::OnOrBefore => "ON_OR_BEFORE",
            Modifier::OnOrAfter => "ON_OR_AFTER",
            Modifier::LessThan => "LESS_THAN",
            Modifier::MoreThan => "MORE_THAN",
            Modifier::EqualOrLess => "EQUAL_OR_LESS",
            Modifier::EqualOrMore => "EQUAL_OR_MORE",
        }
    }
}

/// The reference time (document creation time) relative expressions resolve
/// against. An article whose day is unknown carries a month-wide interval, and
/// every date resolved from it must stay at least that uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RefDate {
    pub interval: Interval,
    pub precision: Precision,
}

impl RefDate {
    pub fn day(d: NaiveDate) -> Self {
        RefDate {
            interval: Interval::day(d),
            precision: Precision::Day,
        }
    }

    /// The whole month: a reference known only to the month.
    pub fn month(year: i32, month: u32) -> Option<RefDate> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = match month {
            12 => NaiveDate::from_ymd_opt(year + 1, 1, 1)?,
            _ => NaiveDate::from_ymd_opt(year, month + 1, 1)?,
        };
        Some(RefDate {
            interval: Interval::new(start, next.pred_opt()?),
            precision: Precision::Month,
        })
    }

    /// The whole year: a reference known only to the year.
    pub fn year(year: i32) -> Option<RefDate> {
        let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
        Some(RefDate {
            interval: Interval::new(start, NaiveDate::from_ymd_opt(start.year(), 12, 31)?),
            precision: Precision::Year,
        })
    }
}

/// Why a text is not a [`RefDate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not YYYY-MM-DD, YYYY-MM or YYYY")]
pub struct RefDateError {
    pub text: String,
}

impl FromStr for RefDate {
    type Err = RefDateError;

    /// `2025-07-14`, `2025-04` or `2025` as a reference of that precision;
    /// a time after the day (`1998-01-08T06:38:00`, `1998-01-08 06:38`) is allowed and dropped,
    /// since a reference date is a day at its finest. Every caller (ingest's
    /// header, `sources.csv`, `--dct`, `--published`, the pattern examples)
    /// reads dates this one way.
    fn from_str(s: &str) -> Result<RefDate, RefDateError> {
        let err = || RefDateError {
            text: s.to_string(),
        };
        let t = s.trim();
        let date = match t.as_bytes().get(10) {
            Some(b'T' | b' ') => &t[..10],
            _ => t,
        };
        let parts: Vec<&str> = date.split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let num = |p: &str| p.parse::<u32>().map_err(|_| err());
        match parts.as_slice() {
            [y] if digits(y, 4) => RefDate::year(num(y)? as i32).ok_or_else(err),
            [y, m] if digits(y, 4) && digits(m, 2) => {
                RefDate::month(num(y)? as i32, num(m)?).ok_or_else(err)
            }
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
                NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
                    .map(RefDate::day)
                    .ok_or_else(err)
            }
            _ => Err(err()),
        }
    }
}

/// What a resolved value was computed against; the events stage uses it to
/// re-anchor narrative expressions ("days later") on the event they follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// Fully specified by the text ("April 19, 2025", "2021").
    Absolute,
    /// Relative to the document creation time ("last week", "on Saturday").
    Dct,
    /// Relative to the date the narrative is at ("days later", "the next day").
    Narrative,
    /// Not resolved to the calendar (durations, sets, "the past").
    None,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Option<RefDate> {
        s.parse().ok()
    }

    #[test]
    fn partial_dates_have_their_precision() {
        let m = parse("2025-04").unwrap();
        assert_eq!(m.interval.end.to_string(), "2025-04-30");
        assert_eq!(m.precision, Precision::Month);
        assert_eq!(
            parse("2024-12").unwrap().interval.end.to_string(),
            "2024-12-31"
        );
        assert_eq!(parse("1998").unwrap().precision, Precision::Year);
        let t = parse("1998-01-08T06:38:00").unwrap();
        assert_eq!(t.precision, Precision::Day);
        assert_eq!(t.interval.start.to_string(), "1998-01-08");
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "2025-13-01",
            "April",
            "2025-4-3",
            "2025-02-30",
            "20255",
            "2025-04x",
            "",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
        let e = "2025-13".parse::<RefDate>().unwrap_err();
        assert!(e.to_string().contains("YYYY-MM"), "{e}");
    }
}
