//! Whether an expression sits in future-tense text ("will meet on Saturday")
//! or past-tense text ("met on Saturday"); decides which Saturday is meant.
//!
//! News sentences often mix tenses ("officials said Tuesday that talks will
//! resume"), so the cue nearest to the expression wins rather than any cue in
//! the sentence. Cue words are data (`future_cue`, `past_cue` macros).

use super::lexicon::Lexicon;
use regex::Regex;

pub struct TenseCues {
    /// Both cue lists as one alternation: a DFA-only scan, no captures.
    cues: Regex,
    /// Says whether one found cue is a future one.
    future: Regex,
}

impl TenseCues {
    pub fn new(lex: &Lexicon) -> Result<TenseCues, String> {
        let fut = lex.expand("{future_cue}")?;
        let past = lex.expand("{past_cue}")?;
        let src = format!(r"(?i)(?-u:\b)(?:{fut}|{past})(?-u:\b)");
        let cues = Regex::new(&src).map_err(|e| e.to_string())?;
        let future = Regex::new(&format!(r"(?i)^(?:{fut})$")).map_err(|e| e.to_string())?;
        Ok(TenseCues { cues, future })
    }

    /// Cue positions of one sentence: (start, end, is_future).
    pub fn scan(&self, sentence: &str, out: &mut Vec<(usize, usize, bool)>) {
        out.clear();
        for m in self.cues.find_iter(sentence) {
            out.push((m.start(), m.end(), self.future.is_match(m.as_str())));
        }
    }
}

/// Whether the nearest cue to `[start, end)` is a future one; past when
/// there is none, since news reports what happened.
pub fn is_future(cues: &[(usize, usize, bool)], start: usize, end: usize) -> bool {
    let mut best: Option<(usize, bool)> = None;
    for &(s, e, fut) in cues {
        let dist = if e <= start {
            start - e
        } else if s >= end {
            // A cue after the expression counts a little less than one before.
            (s - end) + 2
        } else {
            continue;
        };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, fut));
        }
    }
    best.is_some_and(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_cue_decides() {
        // "said Tuesday that talks will resume": "said" is nearest.
        let cues = [(9, 13, false), (30, 34, true)];
        assert!(!is_future(&cues, 14, 21));
        assert!(is_future(&cues, 35, 40));
        assert!(!is_future(&[], 0, 3));
    }
}
