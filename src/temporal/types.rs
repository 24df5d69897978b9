//! Value types shared by the temporal engine and the stages that consume it.
//!
//! They are plain data so that `events`, `explain` and `timex` can all read the
//! same answer the engine gave, without re-deriving anything.

use chrono::NaiveDate;
use serde::Serialize;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
