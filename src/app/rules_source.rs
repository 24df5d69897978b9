//! Where the rules come from: a folder the user names with `--rules`, or
//! the copy compiled into the binary, so `dateline` runs from any folder.
//!
//! The loaders read files by path (their errors name the file, with line
//! and column), so the built-in tree is written once to a cache folder
//! named by a hash of its content and loaded from there like any other.

use anyhow::{Context, bail};
use include_dir::{Dir, DirEntry, include_dir};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

static RULES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The folder to load rules from: `given` when there is one, else the
/// built-in rules, materialised.
pub fn resolve(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    match given {
        Some(dir) => {
            if !dir.is_dir() {
                bail!("{}: no such rules folder", dir.display());
            }
            Ok(dir.to_path_buf())
        }
        None => built_in(),
    }
}

fn files<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(d) => files(d, out),
            DirEntry::File(f) => out.push(f),
        }
    }
}

fn all_files() -> Vec<&'static include_dir::File<'static>> {
    let mut out = Vec::new();
    files(&RULES, &mut out);
    out.sort_by_key(|f| f.path());
    out
}

/// A key that changes whenever any built-in file's path or bytes do.
fn content_hash() -> String {
    // `DefaultHasher::new()` has fixed keys: the same bytes give the same
    // key on every run of this binary, which is all a cache key needs.
    let mut h = std::hash::DefaultHasher::new();
    for f in all_files() {
        f.path().hash(&mut h);
        f.contents().hash(&mut h);
    }
    format!("{:016x}", h.finish())
}

fn cache_root() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("dateline")
}

/// The built-in rules as a folder: reused when already written, else
/// written to a fresh folder and renamed into place, so a concurrent run
/// never sees half a tree.
fn built_in() -> anyhow::Result<PathBuf> {
    let name = format!("rules-{}-{}", env!("CARGO_PKG_VERSION"), content_hash());
    let mut last_err = None;
    for root in [cache_root(), std::env::temp_dir().join("dateline")] {
        let dir = root.join(&name);
        if dir.join(".complete").is_file() {
            return Ok(dir);
        }
        match materialise(&root, &dir) {
            Ok(()) => return Ok(dir),
            Err(e) => last_err = Some(e),
        }
    }
    Err(last_err.unwrap_or_else(|| anyhow::anyhow!("no cache folder")))
        .context("cannot write the built-in rules to a cache folder; pass --rules DIR")
}

fn materialise(root: &Path, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(root).with_context(|| format!("{}", root.display()))?;
    let tmp = tempfile::Builder::new()
        .prefix(".rules-")
        .tempdir_in(root)
        .with_context(|| format!("{}", root.display()))?;
    write_tree(tmp.path(), false)?;
    std::fs::write(tmp.path().join(".complete"), b"")?;
    let tmp = tmp.keep();
    if std::fs::rename(&tmp, dir).is_err() {
        // Another run put the same tree there first: use theirs.
        let _ = std::fs::remove_dir_all(&tmp);
        if !dir.join(".complete").is_file() {
            bail!("{}: cannot create", dir.display());
        }
    }
    Ok(())
}

/// Writes every built-in file under `dir`; an existing file is an error
/// unless `overwrite`. Returns how many files were written.
pub fn write_tree(dir: &Path, overwrite: bool) -> anyhow::Result<usize> {
    let files = all_files();
    if !overwrite {
        let existing: Vec<String> = files
            .iter()
            .map(|f| dir.join(f.path()))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            bail!(
                "would overwrite {} file(s) (use --force): {}",
                existing.len(),
                existing.join(", ")
            );
        }
    }
    for f in &files {
        let path = dir.join(f.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("{}", parent.display()))?;
        }
        std::fs::write(&path, f.contents()).with_context(|| format!("{}", path.display()))?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_tree_holds_the_rules_folder() {
        let names: Vec<String> = all_files()
            .iter()
            .map(|f| f.path().display().to_string())
            .collect();
        assert!(names.contains(&"en/ingest.toml".to_string()));
        assert!(names.iter().any(|n| n.starts_with("en/events/")));
    }

    #[test]
    fn export_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let n = write_tree(dir.path(), false).unwrap();
        assert!(n > 10);
        let err = write_tree(dir.path(), false).unwrap_err().to_string();
        assert!(err.contains("ingest.toml"), "{err}");
        assert_eq!(write_tree(dir.path(), true).unwrap(), n);
    }
}
