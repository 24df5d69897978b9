//! Temporal stage: finds temporal expressions in text and resolves them to
//! calendar intervals against a reference date (TimeML TIMEX3 semantics).
//!
//! One engine serves `dateline build`, `dateline explain` and `dateline timex`.
//! All vocabulary (month/weekday/number words, seasons, holidays, modifiers)
//! and the patterns themselves live under `rules/temporal/` as data.

pub mod types;

pub use types::{Anchor, Interval, Modifier, Precision, RefDate, TimexType};

use crate::error::RuleErrors;
use serde::Serialize;
use std::ops::Range;
use std::path::Path;

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// Byte offsets into the text given to [`Tagger::tag`], end exclusive.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: TimexType,
    /// TimeML value (`2025-04-19`, `2025-W16`, `P3Y`, `PAST_REF`, `XXXX-04`, ...).
    pub value: String,
    pub modifier: Option<Modifier>,
    /// Calendar interval the value covers; `None` for durations, sets and
    /// values that do not name a stretch of the calendar.
    pub interval: Option<Interval>,
    pub precision: Option<Precision>,
    pub anchor: Anchor,
    /// Index of the sentence (in the `sentences` slice given to `tag`) it lies in.
    pub sentence: usize,
}

/// Compiled temporal engine; build once, share across threads.
pub struct Tagger {
    _private: (),
}

impl Tagger {
    /// Loads and compiles every file under `dir` (normally `rules/temporal`).
    pub fn load(dir: &Path) -> Result<Tagger, RuleErrors> {
        let _ = dir;
        Ok(Tagger { _private: () })
    }

    /// Tags a whole document. `sentences` are byte ranges of `text` in
    /// document order (tense and narrative reference time are tracked per
    /// sentence); `dct` is the publication date if known.
    pub fn tag(&self, text: &str, sentences: &[Range<usize>], dct: Option<&RefDate>) -> Vec<Timex> {
        let _ = (text, sentences, dct);
        Vec::new()
    }
}

impl Timex {
    /// For narrative-anchored expressions ("days later", "the next day", "a
    /// week earlier"), the interval they denote when the narrative is at
    /// `anchor` instead of where the engine assumed. `None` for the others.
    pub fn reanchor(&self, anchor: &Interval) -> Option<Interval> {
        let _ = anchor;
        None
    }
}
