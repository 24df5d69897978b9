//! Typed errors of the library. The binary renders them for people; the
//! library never prints.

use std::path::PathBuf;
use thiserror::Error;

/// A problem in a data file under `rules/`, located precisely enough for an
/// analyst to jump to it (`file:line:column: message`).
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("{}:{line}:{column}: {message}", file.display())]
pub struct RuleError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl RuleError {
    /// Builds an error from a byte offset into the file's text.
    pub fn at_offset(
        file: impl Into<PathBuf>,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = line_col(text, offset);
        RuleError {
            file: file.into(),
            line,
            column,
            message: message.into(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..crate::util::text::floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Several rule errors at once: `rules check` reports all of them, not the first.
#[derive(Debug, Clone, Error)]
#[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct RuleErrors(pub Vec<RuleError>);

/// Errors while reading articles. Each names the file; the pipeline records
/// them and goes on with the other articles.
#[derive(Debug, Error)]
pub enum IngestError {
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Not text an article could be made of (binary, too large, not a
    /// regular file): passed over with a warning.
    #[error("{}: skipped: {why}", path.display())]
    NotText { path: PathBuf, why: String },
    #[error("{}: articles folder does not exist or is not a folder", path.display())]
    MissingFolder { path: PathBuf },
    #[error("{}:{line}: {message}", path.display())]
    Manifest {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

/// Errors while writing outputs.
#[derive(Debug, Error)]
pub enum OutputError {
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot serialise timeline: {0}")]
    Serialise(String),
    #[error("{}: --out must be a folder, and this is a file", path.display())]
    NotAFolder { path: PathBuf },
    #[error("{}: another dateline build is writing here", path.display())]
    Busy { path: PathBuf },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let t = "ab\ncé d\nx";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        // 'd' follows a two-byte char: column counts characters.
        assert_eq!(line_col(t, 7), (2, 4));
    }
}
