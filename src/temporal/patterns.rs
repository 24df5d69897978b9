//! Pattern files (`rules/en/temporal/*.toml` except the lexicon): each entry is
//! a regex over word classes plus a small declarative recipe saying how its
//! named groups become a TimeML value. Examples live beside each pattern and
//! are run by the test suite.

use super::lexicon::Lexicon;
use crate::dates::TimexType;
use crate::error::RuleError;
use regex::Regex;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// How a match is turned into a value; the recipe names in the TOML files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipe {
    /// Calendar names (year, month, day, weekday, season, quarter, decade...),
    /// resolved against the DCT and tense when the year is missing.
    Calendar,
    /// today / yesterday / tomorrow: `offset` days from the DCT.
    Deictic,
    /// last / this / next + unit ("last week"), relative to the DCT.
    Relative,
    /// number + unit + direction ("three years ago", "two days later").
    Offset,
    /// number + unit as a length of time ("for three days").
    Duration,
    /// Recurrence ("every year", "weekly").
    Set,
    /// A fixed value (PRESENT_REF, PAST_REF, FUTURE_REF).
    Fixed,
    /// Clock time, optionally with a date in the same match.
    Clock,
    /// "the quarter", "that day", "the same week": the narrative date at the
    /// given unit.
    Same,
    /// Not a temporal expression ("the March for Peace"): a match claims its
    /// text, like HeidelTime's negative rules, so that no other pattern
    /// reports it, and yields nothing.
    Block,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternSpec {
    id: String,
    pattern: Spanned<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    resolve: Recipe,
    value: Option<String>,
    unit: Option<String>,
    offset: Option<i64>,
    rel: Option<i64>,
    #[serde(rename = "mod")]
    modifier: Option<String>,
    tod: Option<String>,
    span: Option<String>,
    narrative: Option<bool>,
    /// Force a tense ("past": quarters are the current or last one even in
    /// "will report third-quarter results").
    tense: Option<String>,
    priority: Option<i32>,
    /// Regex the text right after the match must not start with.
    not_followed_by: Option<String>,
    /// Exceptions to `not_followed_by`.
    unless_followed_by: Option<String>,
    /// Regex the text right before the match must not end with.
    not_preceded_by: Option<String>,
    /// Regex the text right before the match must end with: a condition
    /// on what comes before, without making every such word a match start
    /// for the prefilter ("Arab" before "Spring").
    preceded_by: Option<String>,
    #[serde(default)]
    examples: Vec<ExampleSpec>,
}

/// One example of a pattern: the text, reference date, and what must come out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub text: String,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// The expression's text, when it is not the whole example.
    #[serde(rename = "match")]
    pub matched: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub value: Option<String>,
    /// The TimeML `mod` expected (`APPROX`, `END`...); `""` for none.
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    pub interval: Option<Vec<String>>,
    /// `true` to say the text must give no expression at all.
    #[serde(default)]
    pub none: bool,
}

#[derive(Deserialize)]
struct PatternFile {
    #[serde(default)]
    pattern: Vec<PatternSpec>,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub regex: Regex,
    pub kind: TimexType,
    pub recipe: Recipe,
    pub value: Option<String>,
    pub unit: Option<String>,
    pub offset: Option<i64>,
    pub rel: Option<i64>,
    pub modifier: Option<String>,
    pub tod: Option<String>,
    pub span: Option<String>,
    pub narrative: bool,
    pub tense: Option<super::tense::Tense>,
    pub priority: i32,
    /// Named groups by base name (`day2` → `day`) and capture index, so
    /// the resolver finds a group in any alternative without allocating.
    pub groups: Vec<(String, usize)>,
    /// Whether a group `t` marks the expression inside a longer match.
    pub has_t: bool,
    pub not_followed_by: Option<Regex>,
    pub unless_followed_by: Option<Regex>,
    pub not_preceded_by: Option<Regex>,
    pub preceded_by: Option<Regex>,
    pub examples: Vec<ExampleSpec>,
}

impl Pattern {
    /// Whether the context around `[start, end)` of `s` vetoes the match
    /// ("2000 troops", "$1990").
    pub fn vetoed(&self, s: &str, start: usize, end: usize) -> bool {
        // Context is looked at within a short window: a `$`-anchored regex
        // over the whole text before every match would make tagging
        // quadratic in the document's length.
        let a = super::span::prev_char(s, (end + CONTEXT).min(s.len()));
        let b = super::span::next_char(s, start.saturating_sub(CONTEXT));
        let after = &s[end..a];
        if let Some(re) = &self.not_followed_by
            && re.is_match(after)
            && !self
                .unless_followed_by
                .as_ref()
                .is_some_and(|u| u.is_match(after))
        {
            return true;
        }
        let before = &s[b..start];
        self.not_preceded_by
            .as_ref()
            .is_some_and(|re| re.is_match(before))
            || self
                .preceded_by
                .as_ref()
                .is_some_and(|re| !re.is_match(before))
    }
}

/// Bytes of context `not_followed_by` / `not_preceded_by` / `preceded_by`
/// can see.
const CONTEXT: usize = 80;

pub fn parse_kind(s: &str) -> Option<TimexType> {
    Some(match s {
        "DATE" => TimexType::Date,
        "TIME" => TimexType::Time,
        "DURATION" => TimexType::Duration,
        "SET" => TimexType::Set,
        _ => return None,
    })
}

/// Compiles every pattern of one file; problems go to `errors` with their
/// position in the file.
pub fn compile_file(
    path: &Path,
    text: &str,
    lex: &Lexicon,
    errors: &mut Vec<RuleError>,
) -> Vec<Pattern> {
    let file: PatternFile = match crate::error::parse_toml(path, text) {
        Ok(f) => f,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for spec in file.pattern {
        let off = spec.pattern.span().start;
        let at = |msg: String| {
            RuleError::at_offset(path, text, off, format!("pattern `{}`: {msg}", spec.id))
        };
        let kind = match spec.kind.as_deref().map(parse_kind) {
            None => TimexType::Date,
            Some(Some(k)) => k,
            Some(None) => {
                errors.push(at("type must be DATE, TIME, DURATION or SET".into()));
                continue;
            }
        };
        let expanded = match lex.expand(spec.pattern.get_ref()) {
            Ok(e) => e,
            Err(msg) => {
                errors.push(at(msg));
                continue;
            }
        };
        // ASCII-only case folding and word boundaries: Unicode folding
        // ("k" also matching the Kelvin sign) multiplies automaton states
        // for nothing in English dates, and slows every capture.
        let src = format!("(?i-u){}", expanded.replace(r"\b", r"(?-u:\b)"));
        let regex = match regex::RegexBuilder::new(&src).size_limit(50 << 20).build() {
            Ok(r) => r,
            Err(e) => {
                // The full message repeats the expanded regex, classes and all;
                // its last line says what is wrong.
                let msg = e.to_string();
                let last = msg
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim_start_matches("error: ")
                    .to_string();
                errors.push(at(format!("bad regex: {last}")));
                continue;
            }
        };
        if regex.is_match("") {
            errors.push(at("matches the empty string".into()));
            continue;
        }
        if let Some(u) = &spec.unit
            && super::calendar::Unit::from_code(u).is_none()
        {
            errors.push(at(format!("unknown unit `{u}`")));
            continue;
        }
        if let Some(m) = &spec.modifier
            && super::groups::parse_mod(m).is_none()
        {
            errors.push(at(format!("unknown mod `{m}`")));
            continue;
        }
        for g in regex.capture_names().flatten() {
            let class = g.trim_end_matches(|c: char| c.is_ascii_digit());
            if !super::groups::KNOWN_GROUPS.contains(&class) {
                errors.push(at(format!("unknown group name `{g}`")));
            }
        }
        let ctx_re =
            |src: &Option<String>, wrap: fn(&str) -> String| -> Result<Option<Regex>, String> {
                match src {
                    None => Ok(None),
                    Some(r) => {
                        let e = lex.expand(r)?.replace(r"\b", r"(?-u:\b)");
                        Regex::new(&wrap(&e))
                            .map(Some)
                            .map_err(|e| format!("bad context regex: {e}"))
                    }
                }
            };
        let ctx = (
            ctx_re(&spec.not_followed_by, |e| format!("^(?:{e})")),
            ctx_re(&spec.unless_followed_by, |e| format!("^(?:{e})")),
            ctx_re(&spec.not_preceded_by, |e| format!("(?:{e})$")),
            ctx_re(&spec.preceded_by, |e| format!("(?:{e})$")),
        );
        let (not_followed_by, unless_followed_by, not_preceded_by, preceded_by) = match ctx {
            (Ok(a), Ok(b), Ok(c), Ok(d)) => (a, b, c, d),
            (Err(m), _, _, _) | (_, Err(m), _, _) | (_, _, Err(m), _) | (_, _, _, Err(m)) => {
                errors.push(at(m));
                continue;
            }
        };
        let groups: Vec<(String, usize)> = regex
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
            .flat_map(|(n, i)| {
                let base = n.trim_end_matches(|c: char| c.is_ascii_digit()).to_string();
                // Exact name first, then the base name for `day2`-style variants.
                let mut v = vec![(n.clone(), i)];
                if base != n {
                    v.push((base, i));
                }
                v
            })
            .collect();
        let tense = match spec.tense.as_deref() {
            None => None,
            Some("past") => Some(super::tense::Tense::Past),
            Some("future") => Some(super::tense::Tense::Future),
            Some("unknown") => Some(super::tense::Tense::Unknown),
            Some(t) => {
                errors.push(at(format!(
                    "tense must be past, future or unknown, not `{t}`"
                )));
                continue;
            }
        };
        let has_t = regex
            .capture_names()
            .flatten()
            .any(|n| n.trim_end_matches(|c: char| c.is_ascii_digit()) == "t");
        out.push(Pattern {
            has_t,
            tense,
            groups,
            id: spec.id,
            regex,
            kind,
            recipe: spec.resolve,
            value: spec.value,
            unit: spec.unit,
            offset: spec.offset,
            rel: spec.rel,
            modifier: spec.modifier,
            tod: spec.tod,
            span: spec.span,
            narrative: spec.narrative.unwrap_or(false),
            priority: spec.priority.unwrap_or(0),
            not_followed_by,
            unless_followed_by,
            not_preceded_by,
            preceded_by,
            examples: spec.examples,
        });
    }
    out
}
