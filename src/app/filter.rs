//! `build --since --until --kind`: which events are written. Reading and
//! merging still see every article, so an event keeps all its mentions and
//! the same id whether or not a filter is given.

use anyhow::{Context, bail};
use chrono::NaiveDate;
use dateline::event_rules::KindInfo;
use dateline::ingest::parse_partial_date;
use dateline::merge::Event;

/// What `build` keeps; the default keeps everything.
#[derive(Debug, Default)]
pub struct EventFilter {
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    kinds: Vec<String>,
}

impl EventFilter {
    /// From the command line's values: a date is a day, a month or a year
    /// (`--since 2024` starts on 1 January, `--until 2024-03` ends on
    /// 31 March); kinds must be declared ones.
    pub fn new(
        since: Option<&str>,
        until: Option<&str>,
        kinds: &[String],
        known: &[KindInfo],
    ) -> anyhow::Result<EventFilter> {
        let date = |flag: &str, s: &str| {
            parse_partial_date(s)
                .with_context(|| format!("{flag} {s:?} is not YYYY-MM-DD, YYYY-MM or YYYY"))
        };
        let since = since.map(|s| date("--since", s)).transpose()?;
        let until = until.map(|s| date("--until", s)).transpose()?;
        let kinds: Vec<String> = kinds
            .iter()
            .flat_map(|k| k.split(','))
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .collect();
        for k in &kinds {
            if !known.iter().any(|x| &x.name == k) {
                let names: Vec<&str> = known.iter().map(|x| x.name.as_str()).collect();
                bail!("--kind {k:?} is not a kind; kinds: {}", names.join(", "));
            }
        }
        let f = EventFilter {
            since: since.map(|d| d.interval.start),
            until: until.map(|d| d.interval.end),
            kinds,
        };
        if let (Some(a), Some(b)) = (f.since, f.until)
            && a > b
        {
            bail!("--since {a} is after --until {b}");
        }
        Ok(f)
    }

    /// An event is kept when its kind is asked for and its interval
    /// overlaps the dates asked for; an undated event only when no dates
    /// are asked for.
    pub fn keeps(&self, e: &Event) -> bool {
        if !self.kinds.is_empty() && !self.kinds.iter().any(|k| *k == e.event_type) {
            return false;
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let parse = |s: &Option<String>| {
            s.as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        let (Some(start), Some(end)) = (parse(&e.date_start), parse(&e.date_end)) else {
            return false;
        };
        self.since.is_none_or(|s| end >= s) && self.until.is_none_or(|u| start <= u)
    }
}
