//! `sources.csv` in the articles folder: what a person knows about each
//! article (publication date, publisher, address) that the file may not say.
//! It wins over anything read from the article itself.

use crate::error::IngestError;
use crate::ingest::parse_partial_date;
use crate::temporal::RefDate;
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
    /// errors (with their line) and skipped; the good rows still count.
    pub fn load(dir: &Path) -> (Manifest, Vec<IngestError>) {
        let path = dir.join(FILE_NAME);
        let mut manifest = Manifest::default();
        let mut errors = Vec::new();
        if !path.is_file() {
            return (manifest, errors);
        }
        let mut reader = match csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_path(&path)
        {
            Ok(r) => r,
            Err(e) => {
                errors.push(IngestError::Manifest {
                    path,
                    line: 1,
                    message: e.to_string(),
                });
                return (manifest, errors);
            }
        };
        let headers = reader.headers().cloned().unwrap_or_default();
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
                    errors.push(IngestError::Manifest {
                        path: path.clone(),
                        line,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            let published = match non_empty(row.published.clone()) {
                None => None,
                Some(p) => match parse_partial_date(&p) {
                    Some(d) => Some(d),
                    None => {
                        errors.push(IngestError::Manifest {
                            path: path.clone(),
                            line,
                            message: format!(
                                "{}: published {p:?} is not YYYY-MM-DD, YYYY-MM or YYYY",
                                row.file
                            ),
                        });
                        None
                    }
                },
            };
            manifest.entries.insert(
                row.file.trim().to_string(),
                Entry {
                    published,
                    publisher: non_empty(row.publisher),
                    url: non_empty(row.url),
                },
            );
        }
        (manifest, errors)
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
