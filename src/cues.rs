//! The cue lists the events stage reads beside the event rules:
//! coreference cues (`rules/en/coreference.toml`: phrases that point back to
//! an event already told, sentences that are background, clause breaks) and
//! casualty counts (`rules/en/numbers.toml`). Every pattern is written in the
//! shared dialect (`rules/README.md`), so a cue is matched as a rule is.

use crate::datafile::pattern::{Macros, Matcher, Options, compile_all};
use crate::datafile::{self, Source};
use crate::error::{RuleError, RuleErrors};
use crate::lexicon::Lexicon;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// Coreference cue file, relative to the language folder.
pub const COREFERENCE_FILE: &str = "coreference.toml";
/// Casualty patterns and number words, relative to the language folder.
pub const NUMBERS_FILE: &str = "numbers.toml";

/// Phrases that refer back to an event of one kind ("the trip").
pub struct Cue {
    pub kind: String,
    /// An occasion other events happen during: dates events of any kind.
    pub container: bool,
    pub patterns: Vec<Matcher>,
}

/// Compiled `coreference.toml`.
pub struct Coreference {
    pub cues: Vec<Cue>,
    /// A sentence starting so dates the event of the sentence before it.
    pub back_reference: Vec<Matcher>,
    /// A sentence that speaks of the present, not where the narrative is.
    pub not_narrative: Vec<Matcher>,
    /// Where one clause of a sentence ends and the next begins.
    pub clause_breaks: Vec<Matcher>,
    /// (kind, sentence) pairs a cue of the kind must match.
    pub examples: Vec<(String, String)>,
}

/// Compiled `numbers.toml`.
pub struct Casualties {
    /// Kinds whose sentences are searched for a death toll.
    pub kinds: Vec<String>,
    pub patterns: Vec<Matcher>,
    pub examples: Vec<(String, String)>,
    pub wounded_examples: Vec<(String, String)>,
    /// The language's shared words: `{number}` and the counts' values.
    pub words: Lexicon,
}

#[derive(Deserialize)]
struct CueSpec {
    kind: String,
    #[serde(default)]
    container: bool,
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<String>,
}

#[derive(Deserialize)]
struct CoreferenceFile {
    cue: Vec<CueSpec>,
    back_reference: Vec<Spanned<String>>,
    #[serde(default)]
    not_narrative: Vec<Spanned<String>>,
    #[serde(default)]
    clause_break: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
struct NumbersFile {
    casualties: CasualtiesSpec,
}

#[derive(Deserialize)]
struct CasualtiesSpec {
    kinds: Vec<String>,
    patterns: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<(String, String)>,
    #[serde(default)]
    wounded_examples: Vec<(String, String)>,
}

/// Reads and compiles both files of the language folder `dir`, reporting
/// every error of both.
pub fn load(dir: &Path) -> Result<(Coreference, Casualties), RuleErrors> {
    let mut errors = Vec::new();
    let coreference = datafile::read(&dir.join(COREFERENCE_FILE))
        .map_err(|e| errors.extend(e.0))
        .ok()
        .map(|(file, src)| coreference(file, &src, &mut errors));
    let words = Lexicon::load(&crate::lexicon::folder_of(dir))
        .map_err(|e| errors.extend(e.0))
        .ok();
    let casualties = datafile::read(&dir.join(NUMBERS_FILE))
        .map_err(|e| errors.extend(e.0))
        .ok()
        .zip(words)
        .map(|((file, src), words)| casualties(file, words, &src, &mut errors));
    match (coreference, casualties) {
        (Some(c), Some(n)) if errors.is_empty() => Ok((c, n)),
        _ => Err(RuleErrors(errors)),
    }
}

fn coreference(file: CoreferenceFile, src: &Source, errors: &mut Vec<RuleError>) -> Coreference {
    let none = Macros::default();
    let options = Options::default();
    let mut cues = Vec::new();
    let mut examples = Vec::new();
    for c in file.cue {
        cues.push(Cue {
            kind: c.kind.clone(),
            container: c.container,
            patterns: compile_all(src, &c.patterns, &none, options, errors),
        });
        examples.extend(c.examples.into_iter().map(|e| (c.kind.clone(), e)));
    }
    Coreference {
        cues,
        back_reference: compile_all(src, &file.back_reference, &none, options, errors),
        not_narrative: compile_all(src, &file.not_narrative, &none, options, errors),
        clause_breaks: compile_all(src, &file.clause_break, &none, options, errors),
        examples,
    }
}

/// `{number}` in a casualty pattern: digits, or any number word of the
/// lexicon (its alternation puts the longest first, so "seventeen" is not
/// read as "seven").
fn number_macro(words: &Lexicon) -> Macros {
    let alt = words.alternation("number").unwrap_or(r"[^\s\S]");
    let number = format!(r"(?:\d[\d,]*|{alt})");
    Macros::from_defs(BTreeMap::from([("number".to_string(), number)]))
}

fn casualties(
    file: NumbersFile,
    words: Lexicon,
    src: &Source,
    errors: &mut Vec<RuleError>,
) -> Casualties {
    let macros = number_macro(&words);
    let spec = file.casualties;
    Casualties {
        kinds: spec.kinds,
        patterns: compile_all(src, &spec.patterns, &macros, Options::default(), errors),
        examples: spec.examples,
        wounded_examples: spec.wounded_examples,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(coreference: &str, numbers: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(COREFERENCE_FILE), coreference).unwrap();
        std::fs::write(dir.path().join(NUMBERS_FILE), numbers).unwrap();
        let lexicon = crate::lexicon::folder_of(dir.path());
        std::fs::create_dir(&lexicon).unwrap();
        std::fs::write(
            lexicon.join("numbers.toml"),
            "[class.number]\nthree = 3\nthirteen = 13\n",
        )
        .unwrap();
        dir
    }

    const NUMBERS: &str = "[casualties]\nkinds = ['attack']\n\
        patterns = ['killing (?P<killed>{number}) (?:villagers|guards)']\n";

    #[test]
    fn cues_and_counts_are_read_in_the_shared_dialect() {
        let dir = folder(
            "back_reference = ['^this was']\n[[cue]]\nkind = 'visit'\n\
             patterns = ['\\bduring the trip\\b']\n",
            NUMBERS,
        );
        let (coref, casualties) = load(dir.path()).unwrap();
        // Case-insensitive like every family, and wrapped text still matches.
        assert!(coref.back_reference[0].is_match("This was in March."));
        assert!(coref.cues[0].patterns[0].is_match("During the\n trip to Accra"));
        let c = casualties.patterns[0]
            .captures_iter("gunmen attacked, killing thirteen guards")
            .next()
            .unwrap();
        assert_eq!(&c["killed"], "thirteen");
    }

    #[test]
    fn errors_of_both_files_are_located() {
        let dir = folder(
            "back_reference = []\n[[cue]]\nkind = 'visit'\npatterns = ['(trip']\n",
            &NUMBERS.replace("{number}", "{nunber}"),
        );
        let errors = load(dir.path()).err().unwrap().0;
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].column), (4, 14));
        assert!(errors[1].message.contains("unknown macro {nunber}"));
        assert_eq!(errors[1].file, dir.path().join(NUMBERS_FILE));
    }
}
