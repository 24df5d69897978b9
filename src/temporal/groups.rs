//! Reads the named groups of one pattern match and turns their words into
//! numbers, units and modifiers through the lexicon.

use super::calendar::Unit;
use super::lexicon::Lexicon;
use super::patterns::{Pattern, Role};
use crate::dates::Modifier;
use regex::Captures;

/// Reads named groups of one match and looks their words up.
pub(super) struct Groups<'a, 'h> {
    pub(super) caps: &'a Captures<'h>,
    /// (role, capture index), from the pattern.
    pub(super) names: &'a [(Role, usize)],
    pub(super) lex: &'a Lexicon,
}

impl Groups<'_, '_> {
    /// The group of `role` that took part in the match (`day`, or `day2`
    /// in another alternative of the pattern).
    pub(super) fn text(&self, role: Role) -> Option<&str> {
        self.names
            .iter()
            .filter(|(r, _)| *r == role)
            .find_map(|&(_, i)| self.caps.get(i))
            .map(|m| m.as_str())
    }
    pub(super) fn class(&self, group: Role, class: &str) -> Option<&str> {
        self.text(group)
            .and_then(|t| self.lex.lookup(class, t.trim()))
    }
    pub(super) fn int_or_ordinal(&self, group: Role) -> Option<u32> {
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
        if let Some(t) = self.text(Role::Yearw) {
            return spoken_year(self.lex, t);
        }
        if let Some(t) = self.text(Role::Year) {
            let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
            return digits.parse().ok();
        }
        let t = self.text(Role::Yy)?;
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        let yy: i32 = digits.parse().ok()?;
        Some(if yy < 40 { 2000 + yy } else { 1900 + yy })
    }
    pub(super) fn number(&self) -> Option<(f64, f64)> {
        parse_number(self.lex, self.text(Role::Num)?)
    }
    pub(super) fn unit(&self, p: &Pattern) -> Option<Unit> {
        match self
            .class(Role::Unit, "unit")
            .or_else(|| self.class(Role::Unit, "frequency"))
        {
            Some(code) => Unit::from_code(code),
            None => p.unit,
        }
    }
    pub(super) fn modifier(&self, p: &Pattern) -> Option<Modifier> {
        match self
            .class(Role::Mod, "mod")
            .or(self.class(Role::Part, "part"))
        {
            Some(word) => word.parse().ok(),
            None => p.modifier,
        }
    }
    pub(super) fn rel(&self, p: &Pattern) -> Option<i64> {
        self.class(Role::Rel, "rel")
            .and_then(|v| v.parse().ok())
            .or(p.rel)
    }
    pub(super) fn tod(&self, p: &Pattern) -> Option<String> {
        self.class(Role::Tod, "tod")
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
