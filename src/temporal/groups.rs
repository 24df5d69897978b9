//! Reads the named groups of one pattern match and turns their words into
//! numbers, units and modifiers through the lexicon.

use super::calendar::Unit;
use super::lexicon::{Lexicon, QUANTITY};
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
            return self.lex.spoken_year(t, QUANTITY);
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
        self.lex.number_in(self.text(Role::Num)?, QUANTITY)
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
