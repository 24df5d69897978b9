//! Word classes of one language (`rules/<lang>/lexicon/`): month and weekday
//! names, number words, ordinals, and the temporal stage's own classes on
//! top, so ingest, the temporal patterns and the casualty counts read one
//! vocabulary instead of three copies that drift apart.
//!
//! A class maps surface words to a value string; a pattern writes the class
//! name in braces and the engine turns it into a regex alternation, so adding
//! a spelling ("Sept.") is a data change. Words written with a leading `=` are
//! case-sensitive ("=May" so that the verb "may" is not a month). Macros are
//! regex fragments that may themselves use classes and other macros. A second
//! language is a second folder with the same file names.

use crate::datafile::Source;
use crate::error::{RuleError, RuleErrors};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The folder of shared words inside a language folder (`rules/en/lexicon`).
pub const FOLDER: &str = "lexicon";

/// The word files of that folder; the other files there (the verb forms)
/// have their own reader.
pub const WORD_FILES: [&str; 4] = [
    "months.toml",
    "weekdays.toml",
    "numbers.toml",
    "ordinals.toml",
];

/// The shared-words folder of a language folder.
pub fn folder_of(language: &Path) -> PathBuf {
    language.join(FOLDER)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    class: BTreeMap<String, BTreeMap<String, Spanned<toml::Value>>>,
    #[serde(default)]
    r#macro: BTreeMap<String, Spanned<String>>,
    /// Classes made of other classes, words and values merged.
    #[serde(default)]
    union: BTreeMap<String, Spanned<Vec<String>>>,
    grammar: Option<NumberGrammar>,
}

/// How number words combine, which differs from language to language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberGrammar {
    /// Words that join the parts of a number and add nothing ("and").
    #[serde(default)]
    joiners: Vec<String>,
    /// Endings that add a half ("2 1/2", "two and a half").
    #[serde(default)]
    plus_half: Vec<String>,
    /// The word for a hundred in a year said in words ("nineteen hundred").
    #[serde(default)]
    hundred: String,
    /// The word for a thousand in a year said in words ("two thousand").
    #[serde(default)]
    thousand: String,
}

/// All word classes and macros, ready for pattern expansion and value lookup.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// class → lower-cased word → value.
    classes: HashMap<String, HashMap<String, String>>,
    /// class → regex alternation.
    alternations: HashMap<String, String>,
    /// class → (word length, regex for the word, the same ignoring its
    /// case mark), what the alternations are built from.
    parts: HashMap<String, Vec<(usize, String, String)>>,
    macros: HashMap<String, String>,
    grammar: NumberGrammar,
}

impl Lexicon {
    /// The shared words of one language: the [`WORD_FILES`] of `dir` that
    /// exist. Every problem is reported, each located.
    pub fn load(dir: &Path) -> Result<Lexicon, RuleErrors> {
        let mut lex = Lexicon::default();
        let mut errors = Vec::new();
        for name in WORD_FILES {
            let path = dir.join(name);
            if !path.is_file() {
                continue;
            }
            match Source::read(&path) {
                Ok(src) => lex.add_source(&src, &mut errors),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(RuleErrors(errors))
        }
    }

    /// Parses one lexicon file and merges it in.
    pub fn add_file(&mut self, path: &Path, text: &str, errors: &mut Vec<RuleError>) {
        let src = Source {
            path: path.to_path_buf(),
            text: text.to_string(),
        };
        self.add_source(&src, errors);
    }

    /// Parses one lexicon file and merges it in.
    pub fn add_source(&mut self, src: &Source, errors: &mut Vec<RuleError>) {
        let file: LexiconFile = match src.parse() {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return;
            }
        };
        for (name, words) in file.class {
            self.add_class(src, name, words, errors);
        }
        for (name, members) in file.union {
            self.add_union(src, name, members, errors);
        }
        for (name, m) in file.r#macro {
            self.macros.insert(name, m.into_inner());
        }
        if let Some(g) = file.grammar {
            self.grammar = g;
        }
    }

    fn add_class(
        &mut self,
        src: &Source,
        name: String,
        words: BTreeMap<String, Spanned<toml::Value>>,
        errors: &mut Vec<RuleError>,
    ) {
        let map = self.classes.entry(name.clone()).or_default();
        let mut alts = Vec::new();
        for (word, value) in words {
            let v = match value.get_ref() {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                _ => {
                    let message =
                        format!("class `{name}`: value of `{word}` must be a string or number");
                    errors.push(src.error(value.span().start, message));
                    continue;
                }
            };
            let (cs, w) = match word.strip_prefix('=') {
                Some(w) => (true, w),
                None => (false, word.as_str()),
            };
            map.insert(w.to_lowercase(), v);
            let esc = regex::escape(w).replace("\\ ", " ").replace(' ', r"[\s-]+");
            let shown = if cs {
                format!("(?-i:{esc})")
            } else {
                esc.clone()
            };
            alts.push((w.len(), shown, esc));
        }
        self.add_parts(name, alts);
    }

    /// Adds words to a class's alternation, kept longest first:
    /// leftmost-first alternation must prefer "January" to "Jan".
    fn add_parts(&mut self, name: String, alts: Vec<(usize, String, String)>) {
        let parts = self.parts.entry(name.clone()).or_default();
        parts.extend(alts);
        parts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        parts.dedup();
        let alt: Vec<&str> = parts.iter().map(|(_, w, _)| w.as_str()).collect();
        self.alternations
            .insert(name, format!("(?:{})", alt.join("|")));
    }

    fn add_union(
        &mut self,
        src: &Source,
        name: String,
        members: Spanned<Vec<String>>,
        errors: &mut Vec<RuleError>,
    ) {
        let (mut words, mut parts) = (HashMap::new(), Vec::new());
        for m in members.get_ref() {
            let (Some(w), Some(p)) = (self.classes.get(m), self.parts.get(m)) else {
                let message = format!("union `{name}`: no class `{m}` before it");
                errors.push(src.error(members.span().start, message));
                return;
            };
            words.extend(w.iter().map(|(k, v)| (k.clone(), v.clone())));
            parts.extend(p.iter().cloned());
        }
        self.classes.entry(name.clone()).or_default().extend(words);
        self.add_parts(name, parts);
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

    /// The regex alternation of a class's words, longest first.
    pub fn alternation(&self, class: &str) -> Option<&str> {
        self.alternations.get(class).map(String::as_str)
    }

    /// The alternation of a class with every word read case-insensitively,
    /// `=` marks ignored: for contexts where case tells nothing (a dateline's
    /// "MAY 5, 2024").
    pub fn folded_alternation(&self, class: &str) -> Option<String> {
        let parts = self.parts.get(class)?;
        let mut words: Vec<&str> = parts.iter().map(|(_, _, w)| w.as_str()).collect();
        words.dedup();
        Some(format!("(?i:{})", words.join("|")))
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

    /// A count written in digits or words of the `number` class ("16",
    /// "1,200", "Four"); `None` for anything not one exact whole number.
    pub fn count(&self, text: &str) -> Option<u32> {
        let (a, b) = self.number_in(text, "number")?;
        let whole = a == b && a >= 0.0 && a.fract() == 0.0 && a <= f64::from(u32::MAX);
        whole.then_some(a as u32)
    }

    /// Parses "3", "1,200", "twenty-four", "a dozen", "a few" (a range) with
    /// the words of `class`.
    pub fn number_in(&self, text: &str, class: &str) -> Option<(f64, f64)> {
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for half in &self.grammar.plus_half {
            if let Some(head) = words.strip_suffix(half.as_str()) {
                let (a, b) = self.number_in(head.trim(), class)?;
                return Some((a + 0.5, b + 0.5));
            }
        }
        let t = text.trim();
        let plain: String = t.chars().filter(|&c| c != ',').collect();
        if let Ok(v) = plain.parse::<f64>() {
            return Some((v, v));
        }
        if let Some(v) = self.lookup(class, t) {
            return value_range(v);
        }
        // Compound number words: "twenty four", "twenty-four".
        let mut total = 0.0;
        for part in self.number_words(t) {
            let (a, b) = value_range(self.lookup(class, part)?)?;
            if a != b {
                return None;
            }
            total += a;
        }
        Some((total, total))
    }

    /// The words of a number, joiners left out.
    fn number_words<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> {
        text.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|s| !s.is_empty() && !self.grammar.joiners.iter().any(|j| j == s))
    }

    /// A year said in words with the number words of `class`: "nineteen
    /// ninety-four" → 1994, "nineteen hundred" → 1900, "two thousand and
    /// one" → 2001.
    pub fn spoken_year(&self, text: &str, class: &str) -> Option<i32> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = self.number_words(&lower).collect();
        let g = &self.grammar;
        let rest = |from: usize, zero_word: &str| -> Option<f64> {
            let rest = words.get(from..)?.join(" ");
            if rest.is_empty() || rest == zero_word {
                Some(0.0)
            } else {
                Some(self.number_in(&rest, class)?.0)
            }
        };
        let first = self.number_in(words.first()?, class)?.0 as i32;
        if words.get(1) == Some(&g.thousand.as_str()) && first == 2 {
            return Some(2000 + rest(2, "")? as i32);
        }
        Some(first * 100 + rest(1, &g.hundred)? as i32)
    }
}

/// A class value as a range: `"12"` or `"2-4"`.
fn value_range(v: &str) -> Option<(f64, f64)> {
    match v.split_once('-') {
        Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
        None => v.parse().ok().map(|x| (x, x)),
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

    fn shipped() -> Lexicon {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/en/lexicon");
        Lexicon::load(&dir).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn expands_classes_longest_first_and_keeps_repetitions() {
        let l = lex("[class.month]\nJan = 1\nJanuary = 1\n\"=May\" = 5\n");
        let re = l.expand(r"{month} \d{4}").unwrap();
        assert_eq!(re, r"(?:January|(?-i:May)|Jan) \d{4}");
        assert_eq!(l.lookup("month", "MAY"), Some("5"));
        assert_eq!(
            l.folded_alternation("month").unwrap(),
            "(?i:January|May|Jan)"
        );
    }

    #[test]
    fn unknown_class_is_an_error() {
        let l = lex("[class.month]\nJan = 1\n");
        assert!(l.expand("{monht}").is_err());
    }

    #[test]
    fn bad_value_and_bad_union_are_located() {
        let mut l = Lexicon::default();
        let mut errs = Vec::new();
        let src = "[class.month]\nJan = [1]\n[union]\nall = [\"month\", \"nope\"]\n";
        l.add_file(Path::new("lex.toml"), src, &mut errs);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert_eq!((errs[0].line, errs[0].column), (2, 7));
        assert_eq!(errs[1].line, 4);
    }

    #[test]
    fn counts_are_exact_whole_numbers() {
        let l = shipped();
        assert_eq!(l.count("16"), Some(16));
        assert_eq!(l.count("1,200"), Some(1200));
        assert_eq!(l.count("Four"), Some(4));
        assert_eq!(l.count("zero"), Some(0));
        assert_eq!(l.count("several"), None);
        assert_eq!(l.count("a few"), None);
        assert_eq!(l.count("2.5"), None);
    }

    #[test]
    fn quantities_and_spoken_years_read_the_shared_words() {
        let l = shipped();
        assert_eq!(l.number_in("a few", "quantity"), Some((2.0, 4.0)));
        assert_eq!(l.number_in("two and a half", "quantity"), Some((2.5, 2.5)));
        assert_eq!(l.number_in("twenty-four", "quantity"), Some((24.0, 24.0)));
        assert_eq!(
            l.spoken_year("nineteen ninety-four", "quantity"),
            Some(1994)
        );
        assert_eq!(l.spoken_year("Nineteen hundred", "quantity"), Some(1900));
        assert_eq!(
            l.spoken_year("two thousand and one", "quantity"),
            Some(2001)
        );
        assert_eq!(l.spoken_year("two thousand", "quantity"), Some(2000));
        assert_eq!(l.lookup("month", "Sept."), Some("9"));
        assert_eq!(l.lookup("ordinal", "twenty-first"), Some("21"));
    }
}
