//! Running every rule's examples and counter-examples: the rules' own test
//! suite, used by `dateline rules test` and by `cargo test`.

use super::{EventRules, RuleMatch};
use crate::util::text::folds_to_ascii;
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// An example that did not behave as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExampleFailure {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub rule_id: String,
    pub text: String,
    pub expected: String,
    pub got: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: rule {}: example {:?}: expected {}, got {}",
            self.file.display(),
            self.line,
            self.column,
            self.rule_id,
            self.text,
            self.expected,
            self.got
        )
    }
}

/// White space collapsed, so an expected `"North Waziristan"` equals a
/// capture that spans a line break.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn describe(sentence: &str, m: &RuleMatch) -> String {
    let mut parts = vec![format!("match {:?}", squash(&sentence[m.span.clone()]))];
    for (name, r) in &m.groups {
        parts.push(format!("{name} = {:?}", squash(&sentence[r.clone()])));
    }
    if m.planned {
        parts.push("planned".into());
    }
    parts.join(", ")
}

impl EventRules {
    /// Runs every example (must match, with the fields it names) and
    /// counter-example (must not match) against its own rule.
    pub fn run_examples(&self) -> Vec<ExampleFailure> {
        let mut failures = Vec::new();
        for (i, rule) in self.rules.iter().enumerate() {
            for ex in &rule.examples {
                let scan = self.prefilter.scan(&ex.text);
                let matches = self.match_rule(
                    i,
                    &ex.text,
                    &scan,
                    folds_to_ascii(&ex.text),
                    &mut Default::default(),
                );
                let fits = |m: &RuleMatch| {
                    ex.expected.iter().all(|(name, want)| {
                        m.groups
                            .iter()
                            .any(|(n, r)| n == name && squash(&ex.text[r.clone()]) == squash(want))
                    }) && ex.planned.is_none_or(|p| p == m.planned)
                };
                let ok = if ex.counter {
                    matches.is_empty()
                } else {
                    matches.iter().any(fits)
                };
                if ok {
                    continue;
                }
                let expected = if ex.counter {
                    "no match".to_string()
                } else {
                    let mut parts: Vec<String> = ex
                        .expected
                        .iter()
                        .map(|(n, v)| format!("{n} = {v:?}"))
                        .collect();
                    if let Some(p) = ex.planned {
                        parts.push(format!("planned = {p}"));
                    }
                    if parts.is_empty() {
                        "a match".to_string()
                    } else {
                        format!("a match with {}", parts.join(", "))
                    }
                };
                let got = if matches.is_empty() {
                    "no match".to_string()
                } else {
                    matches
                        .iter()
                        .map(|m| describe(&ex.text, m))
                        .collect::<Vec<_>>()
                        .join("; ")
                };
                failures.push(ExampleFailure {
                    file: rule.info.file.clone(),
                    line: ex.at.0,
                    column: ex.at.1,
                    rule_id: rule.info.id.clone(),
                    text: ex.text.clone(),
                    expected,
                    got,
                });
            }
        }
        failures
    }
}

impl EventRules {
    /// Example fields that name no group any of the rule's patterns
    /// captures (a misspelt `locaton`): such an example could never hold,
    /// and would otherwise pass `rules check` unnoticed. Reading the groups
    /// builds every pattern, so patterns too large to build (which loading
    /// no longer finds, see `CompiledPattern`) are reported here too.
    pub fn example_field_errors(&self) -> Vec<crate::error::RuleError> {
        let mut errors = self.size_errors();
        for rule in &self.rules {
            let mut groups: Vec<&str> = rule
                .patterns
                .iter()
                .flat_map(|&p| self.patterns[p].engine().names.iter().flatten())
                .map(String::as_str)
                .collect();
            groups.sort_unstable();
            groups.dedup();
            for ex in &rule.examples {
                for (field, _) in &ex.expected {
                    if groups.contains(&field.as_str()) {
                        continue;
                    }
                    let known = if groups.is_empty() {
                        "its patterns capture no group".to_string()
                    } else {
                        format!("its patterns capture {}", groups.join(", "))
                    };
                    errors.push(crate::error::RuleError {
                        file: rule.info.file.clone(),
                        line: ex.at.0,
                        column: ex.at.1,
                        message: format!(
                            "rule {}: unknown example field {field:?} (fields: text, planned; {known})",
                            rule.info.id
                        ),
                    });
                }
            }
        }
        errors
    }

    /// Patterns whose automata exceed the size limit, located as loading
    /// located them when it built every pattern.
    fn size_errors(&self) -> Vec<crate::error::RuleError> {
        let mut errors = Vec::new();
        for rule in &self.rules {
            for &p in &rule.patterns {
                let pat = &self.patterns[p];
                let Some(limit) = pat.engine().too_big else {
                    continue;
                };
                let text = std::fs::read_to_string(&rule.info.file).unwrap_or_default();
                errors.push(crate::error::RuleError::at_offset(
                    &rule.info.file,
                    &text,
                    pat.at,
                    crate::datafile::pattern::too_big_message(limit, pat.macros_used),
                ));
            }
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::EventRules;

    /// Patterns are built on first use, yet one too large to build is
    /// still reported where it is written, in the words loading used.
    #[test]
    fn too_large_patterns_are_located_by_rules_check() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("_kinds.toml"), "[visit]\ncameo = \"042\"\n").unwrap();
        let rules = "[[rule]]\nid = \"v\"\nkind = \"visit\"\n\
                     patterns = ['toured Lima', 'toured (?:\\p{L}{50}){900}']\n";
        std::fs::write(dir.path().join("visit.toml"), rules).unwrap();
        let loaded = EventRules::load(dir.path()).unwrap();
        let errors = loaded.example_field_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (4, 28));
        assert!(
            errors[0]
                .message
                .starts_with("invalid regex: pattern too large"),
            "{}",
            errors[0].message
        );
        assert!(loaded.match_sentence("She toured Lima.").len() == 1);
    }
}
