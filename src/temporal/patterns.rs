//! Pattern files (`rules/en/temporal/*.toml` except the lexicon): each entry is
//! a regex over word classes plus a small declarative recipe saying how its
//! named groups become a TimeML value. Examples live beside each pattern and
//! are run by the test suite.

use super::calendar::Unit;
use super::lexicon::Lexicon;
use super::tense::Tense;
use crate::dates::{Modifier, TimexType};
use crate::error::RuleError;
use crate::util::text::{ceil_char_boundary, floor_char_boundary};
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

/// How a pattern shapes the interval of what it matched, beyond the unit's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// "the weekend": the last one in past text, the next in future text.
    Tense,
    /// "earlier this month": from the start of the unit up to the DCT.
    ToRef,
    /// "later this month": from the DCT to the end of the unit.
    FromRef,
    /// "days later": whole units, not the day counted to.
    Snap,
}

/// What a named group of a pattern holds; the name in the regex is the
/// role's name, with a digit allowed after it (`day2`) because one name can
/// appear once per regex and alternatives need their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Year,
    /// A two-digit year ("'89").
    Yy,
    Month,
    Day,
    Weekday,
    Season,
    Quarter,
    Half,
    Decade,
    /// A decade by two digits ("the '80s").
    DecadeYy,
    Century,
    Part,
    Rel,
    Num,
    Unit,
    Dir,
    Tod,
    Mod,
    Hour,
    Minute,
    Ampm,
    Fiscal,
    /// Context a pattern needs matched but does not read.
    X,
    /// The expression itself, when the rest of the match is context.
    T,
    Yrel,
    Mrel,
    PlusHalf,
    Holiday,
    DayEnd,
    MonthEnd,
    /// A year in words ("nineteen ninety-four").
    Yearw,
    Deictic,
    Weekn,
}

/// Group names as the pattern files write them.
const ROLES: [(&str, Role); 33] = [
    ("year", Role::Year),
    ("yy", Role::Yy),
    ("month", Role::Month),
    ("day", Role::Day),
    ("weekday", Role::Weekday),
    ("season", Role::Season),
    ("quarter", Role::Quarter),
    ("half", Role::Half),
    ("decade", Role::Decade),
    ("decade_yy", Role::DecadeYy),
    ("century", Role::Century),
    ("part", Role::Part),
    ("rel", Role::Rel),
    ("num", Role::Num),
    ("unit", Role::Unit),
    ("dir", Role::Dir),
    ("tod", Role::Tod),
    ("mod", Role::Mod),
    ("hour", Role::Hour),
    ("minute", Role::Minute),
    ("ampm", Role::Ampm),
    ("fiscal", Role::Fiscal),
    ("x", Role::X),
    ("t", Role::T),
    ("yrel", Role::Yrel),
    ("mrel", Role::Mrel),
    ("plus_half", Role::PlusHalf),
    ("holiday", Role::Holiday),
    ("day_end", Role::DayEnd),
    ("month_end", Role::MonthEnd),
    ("yearw", Role::Yearw),
    ("deictic", Role::Deictic),
    ("weekn", Role::Weekn),
];

impl Role {
    /// The role of a group name (`day`, `day2`).
    pub fn of_group(name: &str) -> Option<Role> {
        let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
        ROLES.iter().find(|(n, _)| *n == base).map(|&(_, r)| r)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternSpec {
    id: String,
    pattern: Spanned<String>,
    #[serde(rename = "type", default = "date")]
    kind: TimexType,
    resolve: Recipe,
    value: Option<String>,
    unit: Option<Unit>,
    offset: Option<i64>,
    rel: Option<i64>,
    #[serde(rename = "mod")]
    modifier: Option<Modifier>,
    tod: Option<String>,
    span: Option<Span>,
    narrative: Option<bool>,
    /// Force a tense ("past": quarters are the current or last one even in
    /// "will report third-quarter results").
    tense: Option<Tense>,
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

fn date() -> TimexType {
    TimexType::Date
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
    pub unit: Option<Unit>,
    pub offset: Option<i64>,
    pub rel: Option<i64>,
    pub modifier: Option<Modifier>,
    pub tod: Option<String>,
    pub span: Option<Span>,
    pub narrative: bool,
    pub tense: Option<Tense>,
    pub priority: i32,
    /// Named groups by role (`day2` → `Day`) and capture index, in capture
    /// order, so the resolver finds a role in any alternative.
    pub groups: Vec<(Role, usize)>,
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
        let a = floor_char_boundary(s, (end + CONTEXT).min(s.len()));
        let b = ceil_char_boundary(s, start.saturating_sub(CONTEXT));
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

/// Compiles every pattern of one file; problems go to `errors` with their
/// position in the file. A bad field value (`span = "snapp"`) fails the
/// file's parse, located by the TOML reader.
pub fn compile_file(
    path: &Path,
    text: &str,
    lex: &Lexicon,
    errors: &mut Vec<RuleError>,
) -> Vec<Pattern> {
    let file: PatternFile = match crate::datafile::parse_toml(path, text) {
        Ok(f) => f,
        Err(e) => {
            errors.push(e);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for spec in file.pattern {
        let off = spec.pattern.span().start;
        match compile(spec, lex) {
            Ok(p) => out.push(p),
            Err((id, msgs)) => errors
                .extend(msgs.into_iter().map(|m| {
                    RuleError::at_offset(path, text, off, format!("pattern `{id}`: {m}"))
                })),
        }
    }
    out
}

/// One pattern, or its id and what is wrong with it.
fn compile(spec: PatternSpec, lex: &Lexicon) -> Result<Pattern, (String, Vec<String>)> {
    let fail = |m: String| (spec.id.clone(), vec![m]);
    let regex = main_regex(spec.pattern.get_ref(), lex).map_err(fail)?;
    let (groups, unknown) = roles(&regex);
    if !unknown.is_empty() {
        return Err((spec.id, unknown));
    }
    let context = |src: &Option<String>, wrap: fn(&str) -> String| match src {
        None => Ok(None),
        Some(r) => context_regex(r, lex, wrap).map(Some),
    };
    let not_followed_by = context(&spec.not_followed_by, |e| format!("^(?:{e})")).map_err(fail)?;
    let unless_followed_by =
        context(&spec.unless_followed_by, |e| format!("^(?:{e})")).map_err(fail)?;
    let not_preceded_by = context(&spec.not_preceded_by, |e| format!("(?:{e})$")).map_err(fail)?;
    let preceded_by = context(&spec.preceded_by, |e| format!("(?:{e})$")).map_err(fail)?;
    Ok(Pattern {
        has_t: groups.iter().any(|&(r, _)| r == Role::T),
        tense: spec.tense,
        groups,
        id: spec.id,
        regex,
        kind: spec.kind,
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
    })
}

/// The pattern's regex, word classes and macros expanded.
fn main_regex(pattern: &str, lex: &Lexicon) -> Result<Regex, String> {
    let expanded = lex.expand(pattern)?;
    // ASCII-only case folding and word boundaries: Unicode folding
    // ("k" also matching the Kelvin sign) multiplies automaton states
    // for nothing in English dates, and slows every capture.
    let src = format!("(?i-u){}", expanded.replace(r"\b", r"(?-u:\b)"));
    let regex = regex::RegexBuilder::new(&src)
        .size_limit(50 << 20)
        .build()
        .map_err(|e| {
            // The full message repeats the expanded regex, classes and all;
            // its last line says what is wrong.
            let msg = e.to_string();
            let last = msg.lines().last().unwrap_or("");
            format!("bad regex: {}", last.trim_start_matches("error: "))
        })?;
    if regex.is_match("") {
        return Err("matches the empty string".into());
    }
    Ok(regex)
}

/// The role of every named group, in capture order, and the names that
/// are no role.
fn roles(regex: &Regex) -> (Vec<(Role, usize)>, Vec<String>) {
    let mut groups = Vec::new();
    let mut unknown = Vec::new();
    for (i, name) in regex.capture_names().enumerate() {
        let Some(name) = name else { continue };
        match Role::of_group(name) {
            Some(r) => groups.push((r, i)),
            None => unknown.push(format!("unknown group name `{name}`")),
        }
    }
    (groups, unknown)
}

/// A `*_followed_by` / `*_preceded_by` regex, anchored by `wrap`.
fn context_regex(src: &str, lex: &Lexicon, wrap: fn(&str) -> String) -> Result<Regex, String> {
    let e = lex.expand(src)?.replace(r"\b", r"(?-u:\b)");
    Regex::new(&wrap(&e)).map_err(|e| format!("bad context regex: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compile_src(src: &str) -> (Vec<Pattern>, Vec<RuleError>) {
        let mut errors = Vec::new();
        let lex = Lexicon::default();
        let pats = compile_file(Path::new("p.toml"), src, &lex, &mut errors);
        (pats, errors)
    }

    #[test]
    fn a_misspelt_field_value_is_a_located_error() {
        for (field, bad) in [
            ("span", "snapp"),
            ("unit", "WK"),
            ("mod", "LATE"),
            ("type", "DAY"),
            ("tense", "since"),
        ] {
            let src = format!(
                "[[pattern]]\nid = \"a\"\npattern = 'today'\nresolve = \"deictic\"\n{field} = \"{bad}\"\n"
            );
            let (pats, errors) = compile_src(&src);
            assert!(pats.is_empty(), "{field}");
            assert_eq!(errors.len(), 1, "{field}: {errors:?}");
            assert_eq!(errors[0].line, 5, "{field}: {}", errors[0].message);
        }
    }

    #[test]
    fn fields_are_typed_and_groups_have_roles() {
        let src = "[[pattern]]\nid = \"a\"\npattern = '(?P<num>\\d+) (?P<t>days) later'\nresolve = \"offset\"\nspan = \"snap\"\nunit = \"D\"\nmod = \"APPROX\"\n";
        let (pats, errors) = compile_src(src);
        assert!(errors.is_empty(), "{errors:?}");
        let p = &pats[0];
        assert_eq!(p.span, Some(Span::Snap));
        assert_eq!(p.unit, Some(Unit::Day));
        assert_eq!(p.modifier, Some(Modifier::Approx));
        assert_eq!(p.groups, vec![(Role::Num, 1), (Role::T, 2)]);
        assert!(p.has_t);
    }

    #[test]
    fn an_unknown_group_name_is_located() {
        let src =
            "[[pattern]]\nid = \"a\"\npattern = '(?P<dya>\\d+) May'\nresolve = \"calendar\"\n";
        let (_, errors) = compile_src(src);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
        assert!(errors[0].message.contains("`dya`"), "{}", errors[0].message);
    }
}
