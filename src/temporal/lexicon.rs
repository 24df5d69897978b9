//! Word classes (`{month}`, `{weekday}`, `{number}` ...) read from
//! `rules/en/temporal/lexicon.toml`.
//!
//! A class maps surface words to a value string; patterns use the class name
//! in braces and the engine turns it into a regex alternation, so adding a
//! spelling ("Sept.") is a data change. Words written with a leading `=` are
//! case-sensitive ("=May" so that the verb "may" is not a month). Macros are
//! regex fragments that may themselves use classes and other macros.

use crate::error::{RuleError, RuleErrors};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use toml::Spanned;

#[derive(Deserialize)]
struct LexiconFile {
    #[serde(default)]
    class: BTreeMap<String, BTreeMap<String, Spanned<toml::Value>>>,
    #[serde(default)]
    r#macro: BTreeMap<String, Spanned<String>>,
}

/// All word classes and macros, ready for pattern expansion and value lookup.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// class → lower-cased word → value.
    classes: HashMap<String, HashMap<String, String>>,
    /// class → regex alternation.
    alternations: HashMap<String, String>,
    /// class → (word length, regex for the word), what the alternation is built from.
    parts: HashMap<String, Vec<(usize, String)>>,
    macros: HashMap<String, String>,
}

impl Lexicon {
    /// Parses one lexicon file and merges it in.
    pub fn add_file(&mut self, path: &Path, text: &str, errors: &mut Vec<RuleError>) {
        let file: LexiconFile = match crate::error::parse_toml(path, text) {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return;
            }
        };
        for (name, words) in file.class {
            let map = self.classes.entry(name.clone()).or_default();
            let mut alts: Vec<(usize, String)> = Vec::new();
            for (word, value) in words {
                let v = match value.get_ref() {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Integer(i) => i.to_string(),
                    toml::Value::Float(f) => f.to_string(),
                    _ => {
                        let off = value.span().start;
                        errors.push(RuleError::at_offset(
                            path,
                            text,
                            off,
                            format!("class `{name}`: value of `{word}` must be a string or number"),
                        ));
                        continue;
                    }
                };
                let (cs, w) = match word.strip_prefix('=') {
                    Some(w) => (true, w),
                    None => (false, word.as_str()),
                };
                map.insert(w.to_lowercase(), v);
                let esc = regex::escape(w).replace("\\ ", " ").replace(' ', r"[\s-]+");
                alts.push((w.len(), if cs { format!("(?-i:{esc})") } else { esc }));
            }
            // Longest word first: leftmost-first alternation must prefer
            // "January" to "Jan".
            let parts = self.parts.entry(name.clone()).or_default();
            parts.extend(alts);
            parts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            parts.dedup();
            let alt: Vec<&str> = parts.iter().map(|(_, a)| a.as_str()).collect();
            self.alternations
                .insert(name, format!("(?:{})", alt.join("|")));
        }
        for (name, m) in file.r#macro {
            self.macros.insert(name, m.into_inner());
        }
    }

    /// Value of `word` in `class` (case-insensitive, spaces and hyphens
    /// normalised).
    pub fn lookup(&self, class: &str, word: &str) -> Option<&str> {
        let map = self.classes.get(class)?;
        // Short ASCII words (nearly all) are lower-cased on the stack: this
        // runs for every group of every match.
        let mut buf = [0u8; 32];
        if word.len() <= buf.len() && word.is_ascii() {
            for (b, c) in buf.iter_mut().zip(word.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            let key = std::str::from_utf8(&buf[..word.len()]).ok()?;
            if let Some(v) = map.get(key) {
                return Some(v);
            }
            if !key.contains([' ', '-', '\t', '\n']) {
                return None;
            }
        }
        let key = word.to_lowercase();
        if let Some(v) = map.get(&key) {
            return Some(v);
        }
        let norm: String = key
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        map.get(&norm).map(String::as_str)
    }

    /// Replaces `{name}` by the class alternation or macro body. Returns the
    /// unknown name on failure.
    pub fn expand(&self, pattern: &str) -> Result<String, String> {
        self.expand_depth(pattern, 0)
    }

    fn expand_depth(&self, pattern: &str, depth: usize) -> Result<String, String> {
        if depth > 8 {
            return Err("macros nest too deeply (a macro that uses itself?)".into());
        }
        let mut out = String::with_capacity(pattern.len() * 2);
        let mut rest = pattern;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            let close = after.find('}');
            let name = close.map(|j| &after[..j]).unwrap_or("");
            let is_name = !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.chars().all(|c| c.is_ascii_digit() || c == ',');
            if is_name {
                if let Some(alt) = self.alternations.get(name) {
                    out.push_str(alt);
                } else if let Some(m) = self.macros.get(name) {
                    out.push_str("(?:");
                    out.push_str(&self.expand_depth(m, depth + 1)?);
                    out.push(')');
                } else {
                    return Err(format!("unknown class or macro `{{{name}}}`"));
                }
                rest = &after[name.len() + 1..];
            } else {
                // A regex repetition such as `\d{4}`: keep as is.
                out.push('{');
                rest = after;
            }
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// Builds the lexicon from the text of every `lexicon*.toml` file, in order.
pub fn load(files: &[(std::path::PathBuf, String)]) -> Result<Lexicon, RuleErrors> {
    let mut lex = Lexicon::default();
    let mut errors = Vec::new();
    for (path, text) in files {
        lex.add_file(path, text, &mut errors);
    }
    if errors.is_empty() {
        Ok(lex)
    } else {
        Err(RuleErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(src: &str) -> Lexicon {
        let mut l = Lexicon::default();
        let mut errs = Vec::new();
        l.add_file(Path::new("lex.toml"), src, &mut errs);
        assert!(errs.is_empty(), "{errs:?}");
        l
    }

    #[test]
    fn expands_classes_longest_first_and_keeps_repetitions() {
        let l = lex("[class.month]\nJan = 1\nJanuary = 1\n\"=May\" = 5\n");
        let re = l.expand(r"{month} \d{4}").unwrap();
        assert_eq!(re, r"(?:January|(?-i:May)|Jan) \d{4}");
        assert_eq!(l.lookup("month", "MAY"), Some("5"));
    }

    #[test]
    fn unknown_class_is_an_error() {
        let l = lex("[class.month]\nJan = 1\n");
        assert!(l.expand("{monht}").is_err());
    }

    #[test]
    fn bad_value_is_located() {
        let mut l = Lexicon::default();
        let mut errs = Vec::new();
        l.add_file(
            Path::new("lex.toml"),
            "[class.month]\nJan = [1]\n",
            &mut errs,
        );
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (2, 7));
    }
}
