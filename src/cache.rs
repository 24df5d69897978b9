//! What decides whether a mention file made earlier still holds: the
//! article (its bytes, name and manifest row) names the file, and the
//! stamp (rules, program, limits) inside it says what made it. Anything
//! else that changes extraction must go into one of the two.

use crate::ingest::Limits;
use crate::manifest::Entry;
use crate::mentionfile::{FNV_START, fnv, fnv_words};
use std::path::Path;

/// Folder of the build cache under `--out`; ignored by git, never
/// published (the output's stale-file sweep leaves dot-folders alone).
pub const CACHE_DIR: &str = ".cache";

/// The file key of an article: its bytes, the name the output shows (mentions
/// carry it) and its manifest row (the publication date comes from it).
pub fn article_key(bytes: &[u8], name: &str, entry: Option<&Entry>) -> String {
    let mut h = fnv(FNV_START, &fnv_words(bytes).to_le_bytes());
    h = fnv(h, name.as_bytes());
    h = fnv(h, &[0]);
    h = fnv(h, format!("{entry:?}").as_bytes());
    format!("{h:016x}")
}

/// The stamp of one extraction set-up: the rules folder's files (paths and
/// bytes), `program` (the caller's identity of the binary) and the limits
/// that change what an article yields.
pub fn stamp(rules_dir: &Path, program: &str, limits: &Limits) -> std::io::Result<String> {
    let mut files = Vec::new();
    walk(rules_dir, rules_dir, &mut files)?;
    files.sort();
    let mut h = fnv(FNV_START, program.as_bytes());
    h = fnv(h, &(limits.max_sentence_bytes as u64).to_le_bytes());
    for (rel, path) in files {
        h = fnv(h, rel.as_bytes());
        h = fnv(h, &[0]);
        h = fnv(h, &fnv(FNV_START, &std::fs::read(&path)?).to_le_bytes());
    }
    Ok(format!("{h:016x}"))
}

fn walk(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, std::path::PathBuf)>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push((rel.to_string_lossy().into_owned(), path));
        }
    }
    Ok(())
}

/// Removes the mention files of `dir` whose key is not in `keep` (articles
/// removed or changed since) and what a killed build left half-written
/// (the build holds the lock on `--out`, so no other writes there). Returns
/// how many mention files were removed.
pub fn sweep(dir: &Path, keep: &std::collections::HashSet<String>) -> usize {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(".tmp-") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let Ok(files) = crate::mentionfile::list(dir) else {
        return 0;
    };
    files
        .into_iter()
        .filter(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            !keep.contains(stem) && std::fs::remove_file(p).is_ok()
        })
        .count()
}
