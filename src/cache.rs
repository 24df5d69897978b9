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
    key_of_hash(fnv_words(bytes), name, entry)
}

/// [`article_key`] from the hash of the bytes, which a [`StatIndex`] can
/// answer without reading them.
pub fn key_of_hash(bytes_hash: u64, name: &str, entry: Option<&Entry>) -> String {
    let mut h = fnv(FNV_START, &bytes_hash.to_le_bytes());
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

/// File of the [`StatIndex`] in the cache folder (a dot-name: never taken
/// for a mention file, never swept).
pub const STAT_INDEX: &str = ".stat-index";

const INDEX_MAGIC: &str = "dateline stat index 1";

/// What `stat` says of a file: while all of it is unchanged (and the file
/// was not racy, see [`StatIndex::hash_of`]), its bytes are too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStat {
    pub size: u64,
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub ino: u64,
    pub dev: u64,
}

impl FileStat {
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> Option<FileStat> {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| s as i128 * 1_000_000_000 + n as i128;
        Some(FileStat {
            size: meta.size(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        })
    }

    /// Without inode numbers and change times a stat cannot vouch for the
    /// bytes: every file is hashed.
    #[cfg(not(unix))]
    pub fn of(_meta: &std::fs::Metadata) -> Option<FileStat> {
        None
    }
}

/// The hash of each article's bytes by its name and stat, as git's index
/// keeps them: a build whose articles did not change reads none of them to
/// key them. Anything odd about the file (missing, cut, edited, another
/// version) makes the whole index empty: every article is then hashed,
/// never given a wrong key.
#[derive(Debug, Default)]
pub struct StatIndex {
    entries: std::collections::HashMap<String, (FileStat, u64)>,
    /// When the build that wrote the index began to stat articles, less
    /// [`RACY_MARGIN_NS`]: a file whose mtime or ctime is not before it may
    /// have changed again in the same clock tick as it was read, without
    /// its stat showing it ("racy", as git calls it), so it is hashed.
    trusted_before_ns: i128,
}

/// How far a file's timestamps must lie before the scan for its stat to
/// vouch for its bytes: coarse kernel clocks lag the system clock by a
/// tick, and some file systems keep whole or even two seconds.
pub const RACY_MARGIN_NS: i128 = 2_000_000_000;

/// The system clock in nanoseconds since 1970, for [`StatIndex::save`].
pub fn now_ns() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

impl StatIndex {
    /// The index kept in `dir`, or an empty one.
    pub fn load(dir: &Path) -> StatIndex {
        std::fs::read(dir.join(STAT_INDEX))
            .ok()
            .and_then(|bytes| parse_index(&bytes))
            .unwrap_or_default()
    }

    /// The hash of `name`'s bytes, if the index vouches for them: the same
    /// stat, last changed well before the scan that hashed them.
    pub fn hash_of(&self, name: &str, stat: &FileStat) -> Option<u64> {
        let (known, hash) = self.entries.get(name)?;
        let settled =
            known.mtime_ns < self.trusted_before_ns && known.ctime_ns < self.trusted_before_ns;
        (known == stat && settled).then_some(*hash)
    }

    /// Whether `entries` differ from what this index holds or would trust:
    /// only then is it written again.
    pub fn stale(&self, entries: &[(String, FileStat, u64)]) -> bool {
        entries.len() != self.entries.len()
            || entries
                .iter()
                .any(|(name, stat, hash)| self.hash_of(name, stat) != Some(*hash))
    }

    /// Writes `entries` as the index of `dir`, whole or not at all. A name
    /// the line format cannot hold (tab, newline, backslash) is left out:
    /// that article is simply hashed each time.
    /// `scan_ns` is when the build began to stat the articles
    /// ([`now_ns`] before the first stat).
    pub fn save(
        dir: &Path,
        scan_ns: i128,
        entries: &[(String, FileStat, u64)],
    ) -> std::io::Result<()> {
        use std::fmt::Write as _;
        let mut text = format!("{INDEX_MAGIC} {scan_ns}\n");
        let mut n = 0;
        for (name, s, hash) in entries {
            if name.contains(['\t', '\n', '\r', '\\']) {
                continue;
            }
            let _ = writeln!(
                text,
                "{}\t{}\t{}\t{}\t{}\t{hash:016x}\t{name}",
                s.size, s.mtime_ns, s.ctime_ns, s.ino, s.dev
            );
            n += 1;
        }
        let _ = writeln!(text, "end {n} {:016x}", fnv_words(text.as_bytes()));
        let tmp = dir.join(format!(".tmp-stat-index-{}", std::process::id()));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, dir.join(STAT_INDEX)).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

/// The entries of an index file, or `None` if any part of it is not as
/// [`StatIndex::save`] writes it.
fn parse_index(bytes: &[u8]) -> Option<StatIndex> {
    let text = std::str::from_utf8(bytes).ok()?;
    let body_end = text.strip_suffix('\n')?.rfind('\n')? + 1;
    let (body, last) = (&text[..body_end], text[body_end..].trim_end_matches('\n'));
    let mut end = last.strip_prefix("end ")?.split(' ');
    let count: usize = end.next()?.parse().ok()?;
    let hash = u64::from_str_radix(end.next()?, 16).ok()?;
    if end.next().is_some() || hash != fnv_words(body.as_bytes()) {
        return None;
    }
    let mut lines = body.lines();
    let scan_ns: i128 = lines
        .next()?
        .strip_prefix(INDEX_MAGIC)?
        .strip_prefix(' ')?
        .parse()
        .ok()?;
    let mut entries = std::collections::HashMap::with_capacity(count);
    for line in lines {
        let f: Vec<&str> = line.splitn(7, '\t').collect();
        let [size, mtime, ctime, ino, dev, hash, name] = f[..] else {
            return None;
        };
        let stat = FileStat {
            size: size.parse().ok()?,
            mtime_ns: mtime.parse().ok()?,
            ctime_ns: ctime.parse().ok()?,
            ino: ino.parse().ok()?,
            dev: dev.parse().ok()?,
        };
        let hash = u64::from_str_radix(hash, 16).ok()?;
        entries.insert(name.to_string(), (stat, hash));
    }
    (entries.len() == count).then_some(StatIndex {
        entries,
        trusted_before_ns: scan_ns - RACY_MARGIN_NS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(mtime_ns: i128) -> FileStat {
        FileStat {
            size: 10,
            mtime_ns,
            ctime_ns: mtime_ns,
            ino: 7,
            dev: 1,
        }
    }

    fn saved(scan_ns: i128, entries: &[(String, FileStat, u64)]) -> (tempfile::TempDir, StatIndex) {
        let dir = tempfile::tempdir().unwrap();
        StatIndex::save(dir.path(), scan_ns, entries).unwrap();
        let index = StatIndex::load(dir.path());
        (dir, index)
    }

    #[test]
    fn a_settled_entry_is_trusted_and_a_racy_one_is_not() {
        let scan = 1_000 * RACY_MARGIN_NS;
        let old = stat(scan - RACY_MARGIN_NS - 1);
        let racy = stat(scan - RACY_MARGIN_NS);
        let entries = vec![
            ("a.txt".to_string(), old, 1),
            ("b.txt".to_string(), racy, 2),
        ];
        let (_dir, index) = saved(scan, &entries);
        assert_eq!(index.hash_of("a.txt", &old), Some(1));
        assert_eq!(index.hash_of("b.txt", &racy), None);
        // Any field of the stat differing is a change.
        let moved = FileStat { ino: 8, ..old };
        assert_eq!(index.hash_of("a.txt", &moved), None);
        assert_eq!(index.hash_of("c.txt", &old), None);
        // The racy entry makes the index worth writing again.
        assert!(index.stale(&entries));
        let (_dir, settled) = saved(scan, &entries[..1]);
        assert!(!settled.stale(&entries[..1]));
    }

    #[test]
    fn a_damaged_or_odd_index_is_empty() {
        let scan = 1_000 * RACY_MARGIN_NS;
        let old = stat(1);
        let entries = vec![
            ("a.txt".to_string(), old, 1),
            ("t\tab.txt".to_string(), old, 2),
        ];
        let (dir, index) = saved(scan, &entries);
        assert_eq!(index.hash_of("a.txt", &old), Some(1));
        // A name the format cannot hold is left out, not mangled.
        assert_eq!(index.hash_of("t\tab.txt", &old), None);
        let path = dir.path().join(STAT_INDEX);
        let text = std::fs::read_to_string(&path).unwrap();
        for bad in [
            text.replace("\ta.txt", "\tb.txt"),
            text[..text.len() - 3].to_string(),
            text.replacen("index 1", "index 9", 1),
            String::new(),
        ] {
            std::fs::write(&path, bad).unwrap();
            assert_eq!(StatIndex::load(dir.path()).hash_of("a.txt", &old), None);
        }
    }
}
