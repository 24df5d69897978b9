//! Reading the data files under `rules/`: one reader for every rule family,
//! so every family reports a bad file the same way (`file:line:column:
//! message`) and an analyst learns one set of conventions.

use crate::error::RuleError;
use std::path::{Path, PathBuf};

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

    pub fn error(&self, offset: usize, message: impl Into<String>) -> RuleError {
        RuleError::at_offset(&self.path, &self.text, offset, message)
    }

    /// Parses the whole file, turning a TOML error (syntax, missing field,
    /// wrong type) into a located error.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, RuleError> {
        crate::error::parse_toml(&self.path, &self.text)
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
