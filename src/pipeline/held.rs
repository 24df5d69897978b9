//! An article between extraction and merge.
//!
//! A large fresh build extracts tens of thousands of articles while the
//! rules and their match caches fill memory; whatever it keeps of each
//! article in the meantime makes that peak grow with the corpus. An
//! article the store holds is therefore kept only as where its entry is:
//! its header (names, dates, warnings, keys) is read back with its
//! mentions once the rules are freed.

use crate::error::IngestError;
use crate::mentionfile::{Extracted, Spilled};

/// One extracted article, in memory or waiting in the store.
pub enum Held {
    /// Header and mentions in memory: a cache hit, one of a few misses, or
    /// an article the store could not keep.
    Whole(Box<Extracted>),
    /// Everything in the store; `note` (why a file there was not used) is
    /// not in the entry, so it joins the warnings on reading back.
    Stored { at: Spilled, note: Option<String> },
}

impl Held {
    /// The article whole, read back from the store when it waits there;
    /// an entry that cannot be read is an error (its mentions would be
    /// missing).
    pub fn load(self) -> Result<Extracted, IngestError> {
        let (at, note) = match self {
            Held::Whole(x) => return Ok(*x),
            Held::Stored { at, note } => (at, note),
        };
        let mut x = at.read().map_err(|e| IngestError::Read {
            path: at.path().to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        x.header.warnings.extend(note);
        Ok(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentionfile::{self, Header, SCHEMA};

    fn header(warnings: Vec<String>) -> Header {
        Header {
            schema: SCHEMA,
            doc: "a.txt".into(),
            published: "2024-03-01".into(),
            published_basis: "header".into(),
            publisher: Some("Wire".into()),
            url: None,
            content_hash: format!("{:016x}", 7),
            key: "k1".into(),
            stamp: "s1".into(),
            warnings,
            sentences: 3,
            mentions: 0,
        }
    }

    #[test]
    fn a_stored_article_comes_back_whole_with_its_note_last() {
        let dir = tempfile::tempdir().unwrap();
        let file = mentionfile::write(dir.path(), &header(vec!["cut".into()]), &[]).unwrap();
        let held = Held::Stored {
            at: Spilled::File(file),
            note: Some("stale; extracted again".into()),
        };
        let x = held.load().unwrap();
        assert_eq!(x.header.doc, "a.txt");
        assert_eq!(x.header.publisher.as_deref(), Some("Wire"));
        assert_eq!(x.header.sentences, 3);
        assert_eq!(x.header.warnings, ["cut", "stale; extracted again"]);
    }

    #[test]
    fn a_stored_article_that_is_gone_is_a_read_error_naming_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = mentionfile::write(dir.path(), &header(Vec::new()), &[]).unwrap();
        std::fs::remove_file(&file).unwrap();
        let held = Held::Stored {
            at: Spilled::File(file.clone()),
            note: None,
        };
        match held.load() {
            Err(IngestError::Read { path, .. }) => assert_eq!(path, file),
            Err(e) => panic!("another error: {e}"),
            Ok(_) => panic!("read a file that is gone"),
        }
    }
}
