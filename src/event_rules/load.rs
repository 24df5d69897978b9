//! Reading rule files: TOML text in, raw rules with source positions out.
//!
//! Everything keeps its byte span in the file (`toml::Spanned`) so that every
//! later error — a bad regex, an unknown kind, a failing example — can be
//! reported as `path:line:column`.

use crate::error::RuleError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Kinds and their CAMEO codes (`_kinds.toml`).
pub const KINDS_FILE: &str = "_kinds.toml";
/// Shared sub-patterns (`_macros.toml`).
pub const MACROS_FILE: &str = "_macros.toml";
/// Shared negation / planned-event cues (`_modality.toml`).
pub const MODALITY_FILE: &str = "_modality.toml";
/// Shared constructions that `[[trigger]]` vocabulary is expanded through.
pub const FRAMES_FILE: &str = "_frames.toml";
/// Irregular verb forms, relative to the rules root (the parent of
/// `rules/en/events`): vocabulary shared by every rule family.
pub const VERBS_FILE: &str = "lexicon/verbs.toml";

/// One kind of event.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    pub cameo: String,
    #[serde(default)]
    pub description: String,
    /// Less specific kinds this one replaces when both fire on overlapping
    /// text (a committee meeting is not also a plain meeting).
    #[serde(default)]
    pub overrides: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MacrosFile {
    #[serde(default)]
    pub macros: BTreeMap<String, Spanned<String>>,
}

/// Cues shared by every rule that does not opt out (`modality = false`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModalityFile {
    /// Searched just before a match: a hit drops the match (negated or
    /// hypothetical event).
    #[serde(default)]
    pub negation: Vec<Spanned<String>>,
    /// Searched in the match and the `negation_window` bytes after it; a hit
    /// drops the match ("the visit was postponed").
    #[serde(default)]
    pub negation_after: Vec<Spanned<String>>,
    /// Searched in the clause before a match and the match: a hit marks
    /// the event as planned ("will visit").
    #[serde(default)]
    pub planned: Vec<Spanned<String>>,
    /// Searched in the match and the clause after it ("... next week").
    #[serde(default)]
    pub planned_after: Vec<Spanned<String>>,
    /// Bytes before the match searched for negation cues.
    #[serde(default = "default_negation_window")]
    pub negation_window: usize,
    /// Bytes before or after the match searched for planned cues.
    #[serde(default = "default_planned_window")]
    pub planned_window: usize,
}

fn default_negation_window() -> usize {
    30
}
fn default_planned_window() -> usize {
    50
}

/// A rule file: any number of `[[rule]]` and `[[trigger]]` tables.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
    #[serde(default)]
    pub trigger: Vec<Spanned<RawRule>>,
}

/// `_frames.toml`: named pattern templates over the placeholders `{V}`,
/// `{VED}`, `{VING}`, `{VS}`, `{N}` and `{OBJ}`, and which of them a trigger
/// gets when it names none.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FramesFile {
    pub frames: BTreeMap<String, Spanned<String>>,
    /// Frames of a trigger that has an `object`.
    #[serde(default)]
    pub defaults_with_object: Vec<String>,
    /// Frames of a trigger without one.
    #[serde(default)]
    pub defaults: Vec<String>,
}

/// A rule as written, as a `[[rule]]` or a `[[trigger]]` table: a trigger
/// is a rule whose vocabulary (verbs as lemmas, nouns, and what the verb acts
/// on) is expanded through shared frames into its patterns, so that one word
/// covers every tense and construction.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub description: String,
    /// Overrides the kind's CAMEO code for this rule (e.g. a suicide bombing).
    #[serde(default)]
    pub cameo: Option<String>,
    /// Verb lemmas ("sign", "shut down").
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Nouns in the singular ("closure", "peace deal").
    #[serde(default)]
    pub nouns: Vec<String>,
    /// A pattern for what the verb acts on or the noun is of.
    #[serde(default)]
    pub object: Option<String>,
    /// Frame names; absent: the defaults of `_frames.toml`.
    #[serde(default)]
    pub frames: Option<Vec<String>>,
    /// Hand-written patterns (for a trigger, added to the generated ones).
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Patterns searched in the whole sentence: a hit drops every match of the rule.
    #[serde(default)]
    pub veto: Vec<Spanned<String>>,
    /// Patterns searched in the matched text only: a hit drops that match
    /// (the regex engine has no look-around, so this is how a rule says
    /// "a conference, but not a press conference").
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// `true`: every match is planned; `false`: never; absent: shared cues decide.
    #[serde(default)]
    pub planned: Option<bool>,
    /// Apply the shared negation / planned cues (default true).
    #[serde(default = "yes")]
    pub modality: bool,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub examples: Vec<Spanned<toml::Table>>,
    #[serde(default)]
    pub counter_examples: Vec<Spanned<String>>,
}

fn yes() -> bool {
    true
}

pub use crate::datafile::Source;

/// Rule files of a folder in name order; `_`-prefixed files are shared
/// definitions, not rules.
pub fn rule_files(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let mut files = crate::datafile::toml_files(dir)?;
    files.retain(|p| {
        !p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('_'))
    });
    Ok(files)
}
