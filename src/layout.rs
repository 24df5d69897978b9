//! Where each rule family lives inside a rules folder.
//!
//! Everything written in a language (trigger words, date patterns, number
//! and month names, dateline forms) sits in one folder per language, as
//! HeidelTime and Duckling keep theirs, so a second language is a second
//! folder and not a fork of the engine. Place names are data about the
//! world, not about a language, and are shared.

use std::path::{Path, PathBuf};

/// The only language shipped today.
pub const LANGUAGE: &str = "en";

/// The paths of one rules folder.
#[derive(Debug, Clone)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    pub fn new(root: &Path) -> Layout {
        Layout {
            root: root.to_path_buf(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of one language's rules (`rules/en`).
    pub fn language(&self) -> PathBuf {
        self.root.join(LANGUAGE)
    }

    pub fn events(&self) -> PathBuf {
        self.language().join("events")
    }

    pub fn temporal(&self) -> PathBuf {
        self.language().join("temporal")
    }

    pub fn gazetteer(&self) -> PathBuf {
        self.root.join("gazetteer")
    }
}
