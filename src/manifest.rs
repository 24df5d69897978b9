//! `sources.csv` in the articles folder: what a person knows about each
//! article (publication date, publisher, address) that the file may not say.
//! It wins over anything read from the article itself.

use crate::dates::RefDate;
use crate::error::IngestError;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

pub const FILE_NAME: &str = "sources.csv";

#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub published: Option<RefDate>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Default)]
pub struct Manifest {
    entries: HashMap<String, Entry>,
    /// Things worth a look that did not stop a row (a file listed twice).
    pub warnings: Vec<String>,
}

#[derive(Deserialize)]
struct Row {
    file: String,
    #[serde(default)]
    published: String,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    url: String,
}

fn non_empty(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl Manifest {
    /// Reads `dir/sources.csv` if there is one. Bad rows are returned as
    /// errors (with their line) and skipped; the good rows still count. A
    /// spreadsheet's UTF-16 or semicolon- or tab-separated save is read too.
    pub fn load(dir: &Path) -> (Manifest, Vec<IngestError>) {
        let path = dir.join(FILE_NAME);
        let mut manifest = Manifest::default();
        if !path.is_file() {
            return (manifest, Vec::new());
        }
        let err = |line: usize, message: String| IngestError::Manifest {
            path: path.clone(),
            line,
            message,
        };
        let (mut reader, headers) = match open_csv(&path) {
            Ok(r) => r,
            Err(message) => return (manifest, vec![err(1, message)]),
        };
        let mut errors = Vec::new();
        let mut lines: HashMap<String, usize> = HashMap::new();
        for result in reader.records() {
            let line = result
                .as_ref()
                .ok()
                .and_then(|r| r.position())
                .map(|p| p.line() as usize)
                .unwrap_or(0);
            let row = match result.and_then(|r| r.deserialize::<Row>(Some(&headers))) {
                Ok(row) => row,
                Err(e) => {
                    let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                    errors.push(err(line, e.to_string()));
                    continue;
                }
            };
            let (file, entry, problem) = row.into_entry();
            if let Some(message) = problem {
                errors.push(err(line, message));
            }
            manifest.insert(file, entry, line, &mut lines, &path);
        }
        (manifest, errors)
    }

    /// Adds one row's entry; a file listed again with another date is
    /// worth a warning (the later row wins).
    fn insert(
        &mut self,
        file: String,
        entry: Entry,
        line: usize,
        lines: &mut HashMap<String, usize>,
        path: &Path,
    ) {
        if let (Some(first), Some(old)) = (lines.get(&file), self.entries.get(&file))
            && old.published != entry.published
        {
            self.warnings.push(format!(
                "{}:{line}: {file} is listed again (first on line {first}) with another published date; line {line} wins",
                path.display()
            ));
        }
        lines.entry(file.clone()).or_insert(line);
        self.entries.insert(file, entry);
    }

    /// A manifest of one entry: what `explain --text --published` knows.
    pub fn single(file: &str, published: Option<RefDate>) -> Manifest {
        let mut m = Manifest::default();
        m.entries.insert(
            file.to_string(),
            Entry {
                published,
                ..Entry::default()
            },
        );
        m
    }

    pub fn get(&self, file: &str) -> Option<&Entry> {
        self.entries.get(file)
    }
}

impl Row {
    /// The row's file name and entry, and what was wrong with its published
    /// date (the entry is then kept without one).
    fn into_entry(self) -> (String, Entry, Option<String>) {
        let mut problem = None;
        let published = non_empty(self.published).and_then(|p| match p.parse::<RefDate>() {
            Ok(d) => Some(d),
            Err(_) => {
                problem = Some(format!(
                    "{}: published {p:?} is not YYYY-MM-DD, YYYY-MM or YYYY",
                    self.file
                ));
                None
            }
        });
        let entry = Entry {
            published,
            publisher: non_empty(self.publisher),
            url: non_empty(self.url),
        };
        (self.file.trim().to_string(), entry, problem)
    }
}

/// `sources.csv` decoded in memory, being read.
type CsvReader = csv::Reader<std::io::Cursor<Vec<u8>>>;

/// A CSV reader over the decoded file, with its header row, which must
/// name a `file` column.
fn open_csv(path: &Path) -> Result<(CsvReader, csv::StringRecord), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let (bytes, _) = crate::util::decode::to_utf8(bytes).map_err(str::to_string)?;
    let delimiter = sniff_delimiter(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(std::io::Cursor::new(bytes));
    let headers = reader.headers().cloned().unwrap_or_default();
    if !headers
        .iter()
        .any(|h| h.trim_start_matches('\u{feff}') == "file")
    {
        return Err(format!(
            "no `file` column in the header {:?} (read with delimiter {:?}); expected file, published, publisher, url",
            headers.iter().collect::<Vec<_>>(),
            delimiter as char
        ));
    }
    Ok((reader, headers))
}

/// The separator of the header line: a spreadsheet set to a European locale
/// saves with `;`, some with tabs.
fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or(b"");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (header.iter().filter(|&b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(bytes: &[u8]) -> (Manifest, Vec<IngestError>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), bytes).unwrap();
        Manifest::load(dir.path())
    }

    #[test]
    fn semicolons_and_utf16_are_read() {
        let (m, e) = load(b"file;published\na.txt;2025-07-14\n");
        assert!(e.is_empty(), "{e:?}");
        assert!(m.get("a.txt").unwrap().published.is_some());
        let text = "file,published\nb.txt,2024-01\n";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let (m, e) = load(&utf16);
        assert!(e.is_empty(), "{e:?}");
        assert!(m.get("b.txt").unwrap().published.is_some());
    }

    #[test]
    fn a_missing_file_column_names_the_delimiter() {
        let (_, e) = load(b"name|published\na.txt|2025-07-14\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].to_string().contains("delimiter"), "{}", e[0]);
    }

    #[test]
    fn conflicting_duplicate_rows_warn() {
        let (m, e) = load(
            b"file,published\na.txt,2025-07-14\na.txt,2025-07-15\nb.txt,2025-01\nb.txt,2025-01\n",
        );
        assert!(e.is_empty());
        assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
        assert!(m.warnings[0].contains("a.txt"));
    }
}
