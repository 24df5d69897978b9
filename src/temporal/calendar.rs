//! Calendar values with a granularity ("1989-Q3", "2025-W16", "2024-12-05").
//!
//! TimeML values keep the granularity the text spoke at: "a year earlier"
//! after "the third quarter" is `1988-Q3`, not `1988`. So arithmetic here
//! shifts a value while keeping its granularity, and every value knows both
//! its TimeML string and the calendar interval it covers.

use crate::dates::{Interval, Precision};
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// Calendar units that text counts in ("two weeks", "a year ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Season,
    Year,
    Decade,
    Century,
    Millennium,
}

/// The unit codes of the lexicon and pattern files, one table for both ways.
const UNIT_CODES: [(&str, Unit); 14] = [
    ("S", Unit::Second),
    ("MIN", Unit::Minute),
    ("H", Unit::Hour),
    ("D", Unit::Day),
    ("W", Unit::Week),
    ("WE", Unit::Weekend),
    ("M", Unit::Month),
    ("Q", Unit::Quarter),
    ("HALF", Unit::Half),
    ("SEASON", Unit::Season),
    ("Y", Unit::Year),
    ("DE", Unit::Decade),
    ("CE", Unit::Century),
    ("L", Unit::Millennium),
];

/// A pattern's `unit = "W"` is read at load, so a typo is a located error.
impl<'de> serde::Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
        let code = String::deserialize(d)?;
        Unit::from_code(&code).ok_or_else(|| {
            let codes: Vec<&str> = UNIT_CODES.iter().map(|(c, _)| *c).collect();
            serde::de::Error::custom(format!(
                "unknown unit `{code}`; expected one of {}",
                codes.join(", ")
            ))
        })
    }
}

impl Unit {
    /// Parses the unit codes used in the lexicon (`D`, `W`, `M`, ...).
    pub fn from_code(code: &str) -> Option<Unit> {
        UNIT_CODES.iter().find(|(c, _)| *c == code).map(|&(_, u)| u)
    }

    /// The lexicon's code for the unit (`vague` ranges are keyed by it).
    pub fn code(self) -> &'static str {
        UNIT_CODES
            .iter()
            .find(|(_, u)| *u == self)
            .map_or("", |(c, _)| c)
    }

    /// The TimeML value of "last week" and the like when there is no date to
    /// count from: the unit's shape with its digits unknown.
    pub fn unknown_value(self) -> &'static str {
        match self {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
            Unit::Week => "XXXX-WXX",
            Unit::Weekend => "XXXX-WXX-WE",
            Unit::Month => "XXXX-XX",
            Unit::Quarter => "XXXX-QX",
            Unit::Half => "XXXX-HX",
            Unit::Season | Unit::Year => "XXXX",
            Unit::Decade => "XXX",
            Unit::Century | Unit::Millennium => "XX",
        }
    }

    /// ISO 8601 duration for `n` of this unit (`P3D`, `PT4H`, `PXY`).
    pub fn duration(self, n: Option<f64>) -> String {
        // A fraction goes to the next smaller unit, as TimeML writes it:
        // "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M.
        if let Some(v) = n.filter(|v| v.fract() != 0.0 && *v > 1.0) {
            let whole = v.trunc() as i64;
            let rest = v.fract();
            let k = match self {
                Unit::Year => 12.0,
                Unit::Hour | Unit::Minute => 60.0,
                Unit::Day => 24.0,
                _ => 0.0,
            };
            let part = rest * k;
            if k > 0.0 && part.fract() == 0.0 {
                return match self {
                    Unit::Year => format!("P{whole}Y{}M", part as i64),
                    Unit::Day => format!("P{whole}DT{}H", part as i64),
                    Unit::Hour => format!("PT{whole}H{}M", part as i64),
                    _ => format!("PT{whole}M{}S", part as i64),
                };
            }
        }
        let num = |k: f64| match n {
            Some(v) => {
                let x = v * k;
                if x.fract() == 0.0 {
                    format!("{}", x as i64)
                } else {
                    format!("{x}")
                }
            }
            None => "X".to_string(),
        };
        match self {
            Unit::Second => format!("PT{}S", num(1.0)),
            Unit::Minute => format!("PT{}M", num(1.0)),
            Unit::Hour => format!("PT{}H", num(1.0)),
            Unit::Day => format!("P{}D", num(1.0)),
            Unit::Weekend => format!("P{}WE", num(1.0)),
            Unit::Week => format!("P{}W", num(1.0)),
            Unit::Month => format!("P{}M", num(1.0)),
            // TimeBank writes quarters as their own unit ("the past two
            // quarters" = P2Q), as it does in dates (1989-Q3).
            Unit::Quarter => format!("P{}Q", num(1.0)),
            Unit::Half => format!("P{}M", num(6.0)),
            Unit::Season => format!("P{}M", num(3.0)),
            Unit::Year => format!("P{}Y", num(1.0)),
            Unit::Decade => format!("P{}Y", num(10.0)),
            Unit::Century => match n {
                Some(_) => format!("P{}Y", num(100.0)),
                None => "PXC".to_string(),
            },
            Unit::Millennium => format!("P{}L", num(1.0)),
        }
    }

    /// The shift in days or months one unit stands for; `None` for units
    /// finer than a day, which never move a date.
    fn step(self) -> Option<Step> {
        Some(match self {
            Unit::Day => Step::Days(1),
            Unit::Week | Unit::Weekend => Step::Days(7),
            Unit::Month => Step::Months(1),
            Unit::Quarter | Unit::Season => Step::Months(3),
            Unit::Half => Step::Months(6),
            Unit::Year => Step::Months(12),
            Unit::Decade => Step::Months(120),
            Unit::Century => Step::Months(1200),
            Unit::Millennium => Step::Months(12000),
            Unit::Second | Unit::Minute | Unit::Hour => return None,
        })
    }
}

#[derive(Clone, Copy)]
enum Step {
    Days(i64),
    Months(i64),
}

/// Seasons, northern-hemisphere meteorological.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn from_code(code: &str) -> Option<Season> {
        Some(match code {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }
    /// First month; winter `Y` starts in December of `Y-1` so that "winter
    /// 2025" holds January and February 2025.
    fn first_month(self) -> (i32, u32) {
        match self {
            Season::Spring => (0, 3),
            Season::Summer => (0, 6),
            Season::Fall => (0, 9),
            Season::Winter => (-1, 12),
        }
    }
    fn of_month(m: u32) -> (i32, Season) {
        match m {
            3..=5 => (0, Season::Spring),
            6..=8 => (0, Season::Summer),
            9..=11 => (0, Season::Fall),
            12 => (1, Season::Winter),
            _ => (0, Season::Winter),
        }
    }
}

/// A calendar value at some granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cal {
    Day(NaiveDate),
    /// ISO week, identified by its Monday.
    Week(NaiveDate),
    /// The weekend of the ISO week whose Monday is given.
    Weekend(NaiveDate),
    Month(i32, u32),
    Season(i32, Season),
    Quarter(i32, u32),
    Half(i32, u32),
    Year(i32),
    /// Decade by its first year / 10 (`199` = the 1990s).
    Decade(i32),
    /// Century by its first year / 100 (`19` = 1900-1999, the 20th century).
    Century(i32),
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

pub fn month_end(y: i32, m: u32) -> NaiveDate {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1) - Duration::days(1)
}

pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

fn add_months(y: i32, m: u32, k: i64) -> (i32, u32) {
    let idx = y as i64 * 12 + (m as i64 - 1) + k;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
}

impl Cal {
    /// The value of the same granularity containing `d`.
    pub fn bucket_like(&self, d: NaiveDate) -> Cal {
        match self {
            Cal::Day(_) => Cal::Day(d),
            Cal::Week(_) => Cal::Week(monday_of(d)),
            Cal::Weekend(_) => Cal::Weekend(monday_of(d)),
            Cal::Month(..) => Cal::Month(d.year(), d.month()),
            Cal::Season(..) => {
                let (dy, s) = Season::of_month(d.month());
                Cal::Season(d.year() + dy, s)
            }
            Cal::Quarter(..) => Cal::Quarter(d.year(), (d.month() - 1) / 3 + 1),
            Cal::Half(..) => Cal::Half(d.year(), (d.month() - 1) / 6 + 1),
            Cal::Year(_) => Cal::Year(d.year()),
            Cal::Decade(_) => Cal::Decade(d.year().div_euclid(10)),
            Cal::Century(_) => Cal::Century(d.year().div_euclid(100)),
        }
    }

    pub fn start(&self) -> NaiveDate {
        match *self {
            Cal::Day(d) | Cal::Week(d) => d,
            Cal::Weekend(m) => m + Duration::days(5),
            Cal::Month(y, m) => ymd(y, m, 1),
            Cal::Season(y, s) => {
                let (dy, m) = s.first_month();
                ymd(y + dy, m, 1)
            }
            Cal::Quarter(y, q) => ymd(y, (q - 1) * 3 + 1, 1),
            Cal::Half(y, h) => ymd(y, (h - 1) * 6 + 1, 1),
            Cal::Year(y) => ymd(y, 1, 1),
            Cal::Decade(d) => ymd(d * 10, 1, 1),
            Cal::Century(c) => ymd(c * 100, 1, 1),
        }
    }

    pub fn end(&self) -> NaiveDate {
        match *self {
            Cal::Day(d) => d,
            Cal::Week(m) | Cal::Weekend(m) => m + Duration::days(6),
            Cal::Month(y, m) => month_end(y, m),
            Cal::Season(..) => {
                let s = self.start();
                let (y, m) = add_months(s.year(), s.month(), 2);
                month_end(y, m)
            }
            Cal::Quarter(y, q) => month_end(y, q * 3),
            Cal::Half(y, h) => month_end(y, h * 6),
            Cal::Year(y) => ymd(y, 12, 31),
            Cal::Decade(d) => ymd(d * 10 + 9, 12, 31),
            Cal::Century(c) => ymd(c * 100 + 99, 12, 31),
        }
    }

    pub fn interval(&self) -> Interval {
        Interval::new(self.start(), self.end())
    }

    pub fn precision(&self) -> Precision {
        match self {
            Cal::Day(_) => Precision::Day,
            Cal::Week(_) | Cal::Weekend(_) => Precision::Week,
            Cal::Month(..) => Precision::Month,
            Cal::Season(..) => Precision::Season,
            Cal::Quarter(..) => Precision::Quarter,
            Cal::Half(..) => Precision::Half,
            Cal::Year(_) => Precision::Year,
            Cal::Decade(_) => Precision::Decade,
            Cal::Century(_) => Precision::Century,
        }
    }

    /// TimeML value string.
    pub fn value(&self) -> String {
        match *self {
            Cal::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Cal::Week(m) => {
                let w = m.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Cal::Weekend(m) => {
                let w = m.iso_week();
                format!("{:04}-W{:02}-WE", w.year(), w.week())
            }
            Cal::Month(y, m) => format!("{y:04}-{m:02}"),
            Cal::Season(y, s) => format!("{y:04}-{}", s.code()),
            Cal::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Cal::Half(y, h) => format!("{y:04}-H{h}"),
            Cal::Year(y) => format!("{y:04}"),
            Cal::Decade(d) => format!("{d:03}"),
            Cal::Century(c) => format!("{c:02}"),
        }
    }

    /// Moves the value by `n` units, keeping its granularity ("a year
    /// earlier" than 1989-Q3 is 1988-Q3; "two days later" than a Monday is
    /// a Wednesday). A unit finer than the value moves its start and takes
    /// the value of the same granularity there.
    pub fn shift(&self, n: i64, unit: Unit) -> Cal {
        let Some(step) = unit.step() else {
            return *self;
        };
        match step {
            Step::Days(k) => {
                let delta = Duration::days(n * k);
                match *self {
                    Cal::Day(d) => Cal::Day(d + delta),
                    Cal::Week(m) => Cal::Week(m + delta),
                    Cal::Weekend(m) => Cal::Weekend(m + delta),
                    _ => self.bucket_like(self.start() + delta),
                }
            }
            Step::Months(k) => {
                let months = n * k;
                match *self {
                    Cal::Day(d) => {
                        let moved = if months >= 0 {
                            d.checked_add_months(Months::new(months as u32))
                        } else {
                            d.checked_sub_months(Months::new((-months) as u32))
                        };
                        Cal::Day(moved.unwrap_or(d))
                    }
                    Cal::Week(m) | Cal::Weekend(m) if months % 12 == 0 => {
                        let w = m.iso_week();
                        let y = w.year() + (months / 12) as i32;
                        let monday = NaiveDate::from_isoywd_opt(y, w.week(), Weekday::Mon)
                            .or_else(|| NaiveDate::from_isoywd_opt(y, 52, Weekday::Mon))
                            .unwrap_or(m);
                        if matches!(self, Cal::Week(_)) {
                            Cal::Week(monday)
                        } else {
                            Cal::Weekend(monday)
                        }
                    }
                    Cal::Month(y, m) => {
                        let (y, m) = add_months(y, m, months);
                        Cal::Month(y, m)
                    }
                    Cal::Season(y, s) if months % 3 == 0 => {
                        let st = self.start();
                        let (ny, nm) = add_months(st.year(), st.month(), months);
                        let _ = (y, s);
                        self.bucket_like(ymd(ny, nm, 1))
                    }
                    Cal::Quarter(y, q) if months % 3 == 0 => {
                        let (ny, nm) = add_months(y, (q - 1) * 3 + 1, months);
                        Cal::Quarter(ny, (nm - 1) / 3 + 1)
                    }
                    Cal::Half(y, h) if months % 6 == 0 => {
                        let (ny, nm) = add_months(y, (h - 1) * 6 + 1, months);
                        Cal::Half(ny, (nm - 1) / 6 + 1)
                    }
                    Cal::Year(y) if months % 12 == 0 => Cal::Year(y + (months / 12) as i32),
                    _ => {
                        let st = self.start();
                        let (ny, nm) = add_months(st.year(), st.month(), months);
                        self.bucket_like(ymd(ny, nm, st.day().min(28)))
                    }
                }
            }
        }
    }
}

/// Shifts a plain interval by `n` units, day-exact where the unit is days or
/// weeks and month-exact otherwise; what re-anchoring on an event date needs.
pub fn shift_date(d: NaiveDate, n: i64, unit: Unit) -> NaiveDate {
    match Cal::Day(d).shift(n, unit) {
        Cal::Day(x) => x,
        other => other.start(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_shift_keeps_granularity() {
        assert_eq!(
            Cal::Quarter(1989, 3).shift(-1, Unit::Year).value(),
            "1988-Q3"
        );
        assert_eq!(
            Cal::Quarter(1989, 1).shift(-1, Unit::Quarter).value(),
            "1988-Q4"
        );
    }

    #[test]
    fn week_values_are_iso() {
        let w = Cal::Week(monday_of(ymd(2025, 4, 23)));
        assert_eq!(w.value(), "2025-W17");
        assert_eq!(
            w.interval(),
            Interval::new(ymd(2025, 4, 21), ymd(2025, 4, 27))
        );
        assert_eq!(w.shift(-1, Unit::Week).value(), "2025-W16");
    }

    #[test]
    fn winter_spans_new_year() {
        let w = Cal::Season(2025, Season::Winter);
        assert_eq!(
            w.interval(),
            Interval::new(ymd(2024, 12, 1), ymd(2025, 2, 28))
        );
        assert_eq!(
            Cal::Day(ymd(2024, 12, 5)).shift(0, Unit::Day),
            Cal::Day(ymd(2024, 12, 5))
        );
        assert_eq!(
            Cal::Season(0, Season::Spring).bucket_like(ymd(2024, 12, 5)),
            w
        );
        assert_eq!(w.shift(-1, Unit::Year).value(), "2024-WI");
    }

    #[test]
    fn decade_value_and_interval() {
        let d = Cal::Decade(199);
        assert_eq!(d.value(), "199");
        assert_eq!(
            d.interval(),
            Interval::new(ymd(1990, 1, 1), ymd(1999, 12, 31))
        );
    }

    #[test]
    fn durations_scale_units() {
        assert_eq!(Unit::Month.duration(Some(15.0)), "P15M");
        assert_eq!(Unit::Hour.duration(Some(4.0)), "PT4H");
        assert_eq!(Unit::Decade.duration(Some(2.0)), "P20Y");
        assert_eq!(Unit::Week.duration(None), "PXW");
        assert_eq!(Unit::Year.duration(Some(2.5)), "P2Y6M");
        assert_eq!(Unit::Hour.duration(Some(5.5)), "PT5H30M");
    }
}
