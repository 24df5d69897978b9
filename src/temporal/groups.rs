//! Reads the named groups of one pattern match and turns their words into
//! numbers, units and modifiers through the lexicon.

use super::calendar::Unit;
use super::lexicon::Lexicon;
use super::patterns::Pattern;
use crate::dates::Modifier;
use regex::Captures;

/// Group names a pattern may use (a trailing digit is allowed: `day2`).
pub const KNOWN_GROUPS: &[&str] = &[
    "year",
    "yy",
    "month",
    "day",
    "weekday",
    "season",
    "quarter",
    "half",
    "decade",
    "decade_yy",
    "century",
    "part",
    "rel",
    "num",
    "unit",
    "dir",
    "tod",
    "mod",
    "hour",
    "minute",
    "ampm",
    "fiscal",
    "x",
    "t",
    "yrel",
    "mrel",
    "plus_half",
    "holiday",
    "day_end",
    "month_end",
    "yearw",
    "deictic",
    "weekn",
];

pub fn parse_mod(s: &str) -> Option<Modifier> {
    Some(match s {
        "START" => Modifier::Start,
        "MID" => Modifier::Mid,
        "END" => Modifier::End,
        "APPROX" => Modifier::Approx,
        "BEFORE" => Modifier::Before,
        "AFTER" => Modifier::After,
        "ON_OR_BEFORE" => Modifier::OnOrBefore,
        "ON_OR_AFTER" => Modifier::OnOrAfter,
        "LESS_THAN" => Modifier::LessThan,
        "MORE_THAN" => Modifier::MoreThan,
        "EQUAL_OR_LESS" => Modifier::EqualOrLess,
        "EQUAL_OR_MORE" => Modifier::EqualOrMore,
        _ => return None,
    })
}

/// Reads named groups of one match and looks their words up.
pub(super) struct Groups<'a, 'h> {
    pub(super) caps: &'a Captures<'h>,
    /// (group name without its digit suffix, capture index), from the pattern.
    pub(super) names: &'a [(String, usize)],
    pub(super) lex: &'a Lexicon,
}

impl Groups<'_, '_> {
    /// The group `name`, or `name2`/`name3` (the same group in another
    /// alternative of the pattern, since regex names must be unique).
    pub(super) fn text(&self, name: &str) -> Option<&str> {
        self.names
            .iter()
            .filter(|(n, _)| n == name)
            .find_map(|&(_, i)| self.caps.get(i))
            .map(|m| m.as_str())
    }
    pub(super) fn class(&self, group: &str, class: &str) -> Option<&str> {
        self.text(group)
            .and_then(|t| self.lex.lookup(class, t.trim()))
    }
    pub(super) fn int_or_ordinal(&self, group: &str) -> Option<u32> {
        let t = self.text(group)?;
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            return digits.parse().ok();
        }
        self.lex
            .lookup("ordinal", t.trim())
            .and_then(|v| v.parse().ok())
    }
    pub(super) fn year(&self) -> Option<i32> {
        if let Some(t) = self.text("yearw") {
            return spoken_year(self.lex, t);
        }
        if let Some(t) = self.text("year") {
            let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
            return digits.parse().ok();
        }
        let t = self.text("yy")?;
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        let yy: i32 = digits.parse().ok()?;
        Some(if yy < 40 { 2000 + yy } else { 1900 + yy })
    }
    pub(super) fn number(&self) -> Option<(f64, f64)> {
        parse_number(self.lex, self.text("num")?)
    }
    pub(super) fn unit(&self, p: &Pattern) -> Option<Unit> {
        match self
            .class("unit", "unit")
            .or_else(|| self.class("unit", "frequency"))
        {
            Some(code) => Unit::from_code(code),
            None => p.unit.as_deref().and_then(Unit::from_code),
        }
    }
    pub(super) fn modifier(&self, p: &Pattern) -> Option<Modifier> {
        self.class("mod", "mod")
            .or(self.class("part", "part"))
            .or(p.modifier.as_deref())
            .and_then(parse_mod)
    }
    pub(super) fn rel(&self, p: &Pattern) -> Option<i64> {
        self.class("rel", "rel")
            .and_then(|v| v.parse().ok())
            .or(p.rel)
    }
    pub(super) fn tod(&self, p: &Pattern) -> Option<String> {
        self.class("tod", "tod")
            .map(str::to_string)
            .or_else(|| p.tod.clone())
    }
}

/// "nineteen ninety-four" → 1994, "two thousand and one" → 2001.
pub(super) fn spoken_year(lex: &Lexicon, text: &str) -> Option<i32> {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    if words.first() == Some(&"two") && words.get(1) == Some(&"thousand") {
        let rest = words[2..].join(" ");
        let n = if rest.is_empty() {
            0.0
        } else {
            parse_number(lex, &rest)?.0
        };
        return Some(2000 + n as i32);
    }
    let century = parse_number(lex, words.first()?)?.0 as i32;
    let rest = words[1..].join(" ");
    let n = if rest == "hundred" {
        0.0
    } else {
        parse_number(lex, &rest)?.0
    };
    Some(century * 100 + n as i32)
}

/// Parses "3", "1,200", "twenty-four", "a dozen", "a few" (a range).
pub fn parse_number(lex: &Lexicon, text: &str) -> Option<(f64, f64)> {
    // "2 1/2", "2½", "two and a half".
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for half in [" 1/2", "½", " and a half"] {
        if let Some(head) = words.strip_suffix(half) {
            let (a, b) = parse_number(lex, head.trim())?;
            return Some((a + 0.5, b + 0.5));
        }
    }
    let t = text.trim();
    let plain: String = t.chars().filter(|&c| c != ',').collect();
    if let Ok(v) = plain.parse::<f64>() {
        return Some((v, v));
    }
    let range = |v: &str| -> Option<(f64, f64)> {
        match v.split_once('-') {
            Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
            None => v.parse().ok().map(|x| (x, x)),
        }
    };
    if let Some(v) = lex.lookup("number", t) {
        return range(v);
    }
    // Compound number words: "twenty four", "twenty-four".
    let mut total = 0.0;
    for part in t
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty() && *s != "and")
    {
        let (a, b) = range(lex.lookup("number", part)?)?;
        if a != b {
            return None;
        }
        total += a;
    }
    Some((total, total))
}
