//! The temporal stage's words: the language's shared lexicon
//! (`rules/<lang>/lexicon/`: months, weekdays, numbers, ordinals) under the
//! classes and macros only dates use (`rules/<lang>/temporal/lexicon*.toml`:
//! seasons, units, modifiers, tense cues...).

use crate::datafile::Source;
use crate::error::RuleErrors;
pub use crate::lexicon::Lexicon;
use std::path::Path;

/// The class number words of a time expression are read with: exact and
/// loose ones ("a few days", "an hour").
pub const QUANTITY: &str = "quantity";

/// The shared words of `shared` (a missing folder gives none), then every
/// temporal lexicon file in order.
pub fn load(shared: &Path, files: &[Source]) -> Result<Lexicon, RuleErrors> {
    let mut lex = if shared.is_dir() {
        Lexicon::load(shared)?
    } else {
        Lexicon::default()
    };
    let mut errors = Vec::new();
    for src in files {
        lex.add_source(src, &mut errors);
    }
    if errors.is_empty() {
        Ok(lex)
    } else {
        Err(RuleErrors(errors))
    }
}
