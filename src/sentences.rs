//! Sentence splitting (placeholder; the real splitter replaces the body, not the API).
use crate::error::RuleErrors;
use std::ops::Range;
use std::path::Path;

pub struct Splitter {
    _private: (),
}

impl Splitter {
    /// Loads `rules/sentences.toml` (abbreviations and the like) from the rules folder.
    pub fn load(rules_dir: &Path) -> Result<Splitter, RuleErrors> {
        let _ = rules_dir;
        Ok(Splitter { _private: () })
    }

    /// Byte ranges of the sentences of `text`, in order, trimmed of white space.
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '.' || c == '\n' {
                if text[start..i].trim().len() > 0 {
                    out.push(start..i + 1);
                }
                start = i + 1;
            }
        }
        if start < text.len() {
            out.push(start..text.len());
        }
        out
    }
}
