//! Rules stage: event rules kept as TOML data under `rules/events/`, compiled
//! once and matched against every sentence.

use crate::error::RuleErrors;
use serde::Serialize;
use std::ops::Range;
use std::path::Path;

/// One rule firing on one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleMatch {
    pub rule_id: String,
    /// Event kind (`visit`, `airstrike`, ...).
    pub kind: String,
    /// CAMEO code of the kind (`042`, `195`, ...).
    pub cameo: String,
    /// Byte range of the whole match within the sentence.
    pub span: Range<usize>,
    /// Named groups the rule captured (`actor`, `target`, `location`, `killed`, ...),
    /// byte ranges within the sentence.
    pub groups: Vec<(String, Range<usize>)>,
    /// The sentence presents the event as future or scheduled.
    pub planned: bool,
}

/// All event rules, compiled.
pub struct EventRules {
    _private: (),
}

impl EventRules {
    pub fn load(dir: &Path) -> Result<EventRules, RuleErrors> {
        let _ = dir;
        Ok(EventRules { _private: () })
    }

    /// Every rule that fires on `sentence`, at most one match per event kind
    /// and position; vetoed matches are dropped.
    pub fn match_sentence(&self, sentence: &str) -> Vec<RuleMatch> {
        let _ = sentence;
        Vec::new()
    }
}
