//! Reading the data files under `rules/`: one reader for every rule family,
//! so every family reports a bad file the same way (`file:line:column:
//! message`) and an analyst learns one set of conventions.

use crate::error::{RuleError, RuleErrors};
use std::path::{Path, PathBuf};

pub mod inflect;
pub mod pattern;

/// A file's path and text, kept to turn byte spans into line:column.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn read(path: &Path) -> Result<Source, RuleError> {
        std::fs::read_to_string(path)
            .map(|text| Source {
                path: path.to_path_buf(),
                text,
            })
            .map_err(|e| RuleError {
                file: path.to_path_buf(),
                line: 1,
                column: 1,
                message: format!("cannot read: {e}"),
            })
    }

    /// The file if it exists (`None` if not); an unreadable file is an error.
    pub fn read_optional(path: &Path) -> Result<Option<Source>, RuleError> {
        if !path.exists() {
            return Ok(None);
        }
        Source::read(path).map(Some)
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> RuleError {
        RuleError::at_offset(&self.path, &self.text, offset, message)
    }

    /// Parses the whole file, turning a TOML error (syntax, missing field,
    /// wrong type) into a located error.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, RuleError> {
        parse_toml(&self.path, &self.text)
    }

    /// Byte offset, inside the file, of byte `inner` of the string value whose
    /// TOML span is `span`. Exact for literal strings ('...'), the analyst's
    /// usual choice for regexes; approximate for basic strings with escapes.
    pub fn inner_offset(&self, span: &std::ops::Range<usize>, inner: usize) -> usize {
        let quote = self.text.as_bytes().get(span.start).copied();
        let open = if self.text[span.start..].starts_with("'''")
            || self.text[span.start..].starts_with("\"\"\"")
        {
            3
        } else if matches!(quote, Some(b'\'') | Some(b'"')) {
            1
        } else {
            0
        };
        (span.start + open + inner).min(span.end)
    }
}

/// Parses TOML text of a data file; a syntax or shape error (missing
/// field, wrong type) comes back located at its line and column.
pub fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        RuleError::at_offset(path, text, offset, e.message().trim().to_string())
    })
}

/// Reads and parses a data file a family cannot do without; the source
/// comes back too, to locate later checks (a bad regex) in it.
pub fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Result<(T, Source), RuleErrors> {
    let src = Source::read(path).map_err(|e| RuleErrors(vec![e]))?;
    let value = src.parse().map_err(|e| RuleErrors(vec![e]))?;
    Ok((value, src))
}

/// Reads and parses a data file that may be absent (`Ok(None)`).
pub fn read_optional<T: serde::de::DeserializeOwned>(
    path: &Path,
) -> Result<Option<(T, Source)>, RuleError> {
    let Some(src) = Source::read_optional(path)? else {
        return Ok(None);
    };
    Ok(Some((src.parse()?, src)))
}

/// The `*.toml` files of a folder in name order, so every family loads its
/// files (and reports their errors) in the same, reproducible order.
pub fn toml_files(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let entries = std::fs::read_dir(dir).map_err(|e| RuleError {
        file: dir.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read rules folder: {e}"),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Examples and counter-examples a data file holds, counted from its TOML
/// without compiling it (0 when it cannot be read), so `rules test` can say
/// how many did not run when their family failed to load.
pub fn examples_in(path: &Path) -> usize {
    fn walk(v: &toml::Value) -> usize {
        match v {
            toml::Value::Table(t) => t
                .iter()
                .map(|(k, v)| match (k.as_str(), v) {
                    ("examples" | "counter_examples", toml::Value::Array(a)) => a.len(),
                    _ => walk(v),
                })
                .sum(),
            toml::Value::Array(a) => a.iter().map(walk).sum(),
            _ => 0,
        }
    }
    let Ok(src) = Source::read(path) else {
        return 0;
    };
    match src.text.parse::<toml::Table>() {
        Ok(t) => walk(&toml::Value::Table(t)),
        // Broken TOML: each example is an inline table with a `text` key.
        Err(_) => src.text.matches("{ text =").count(),
    }
}
