//! The build cache as a set of packs: which pack holds each article's
//! entry, new entries gathered into packs of bounded size, and packs
//! that are mostly garbage rewritten, so the cache stays a few files
//! whose size follows the corpus.

use crate::mentionfile::{Extracted, Header};
use crate::mentions::Mention;
use crate::pack::{EntryRef, Pack, PackError, PackWriter, Slot, TMP_PREFIX};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// When a pack being written is complete: a killed build loses at most
/// one pack's articles, and compaction rewrites at most this much at once.
#[derive(Debug, Clone, Copy)]
pub struct Chunk {
    pub entries: usize,
    pub bytes: u64,
}

impl Default for Chunk {
    fn default() -> Self {
        Chunk {
            entries: 1000,
            bytes: 32 << 20,
        }
    }
}

/// Packs under a quarter of a chunk are small; this many of them are
/// merged into one, so one incremental build after another does not
/// leave one tiny pack each.
const MAX_SMALL: usize = 8;

/// The packs of one cache folder for one build.
#[derive(Debug)]
pub struct Packs {
    dir: PathBuf,
    stamp: String,
    chunk: Chunk,
    /// The valid packs found, whatever their stamp.
    found: Vec<Pack>,
    /// The entry of each key among the found packs of this stamp (empty
    /// when the cache is not to be reused).
    by_key: HashMap<String, (usize, Slot)>,
    /// What opening the packs had to say (damaged packs, removed).
    notes: Vec<String>,
    writing: Mutex<Writing>,
}

/// The packs this build writes.
#[derive(Debug, Default)]
struct Writing {
    current: Option<PackWriter>,
    done: Vec<Pack>,
    /// Keys written by this build; they own their entry over any older one.
    fresh: HashSet<String>,
}

impl Packs {
    /// The packs in `dir` (made if missing), with [`Chunk::default`].
    pub fn open(dir: &Path, stamp: &str, reuse: bool) -> Packs {
        Packs::open_with(dir, stamp, reuse, Chunk::default())
    }

    /// Reads every pack's index in `dir`. What a killed build left
    /// half-written, an unreadable pack and the per-article mention files
    /// of older versions are removed (the build holds the lock on `--out`):
    /// their articles are simply extracted again.
    pub fn open_with(dir: &Path, stamp: &str, reuse: bool, chunk: Chunk) -> Packs {
        let mut packs = Packs {
            dir: dir.to_path_buf(),
            stamp: stamp.to_string(),
            chunk,
            found: Vec::new(),
            by_key: HashMap::new(),
            notes: Vec::new(),
            writing: Mutex::default(),
        };
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        for path in names {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let ext = path.extension().and_then(|e| e.to_str());
            if name.starts_with(TMP_PREFIX) || ext == Some(crate::mentionfile::EXT) {
                let _ = std::fs::remove_file(&path);
            } else if ext == Some(crate::pack::EXT) {
                match Pack::open(&path) {
                    Ok(p) => packs.found.push(p),
                    // An older program's cache: its articles are extracted
                    // again, as for any other stamp, without a warning.
                    Err(PackError::OtherLayout { .. }) => {
                        let _ = std::fs::remove_file(&path);
                    }
                    Err(e) => {
                        packs
                            .notes
                            .push(format!("{e}; its articles are extracted again"));
                        let _ = std::fs::remove_file(&path);
                    }
                }
            }
        }
        if reuse {
            for (i, p) in packs.found.iter().enumerate() {
                if p.stamp == packs.stamp {
                    for (key, slot) in &p.entries {
                        packs.by_key.insert(key.clone(), (i, *slot));
                    }
                }
            }
        }
        packs
    }

    /// What opening had to say, for the build's warnings.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// The keys the cache has an entry for.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.by_key.keys().map(String::as_str)
    }

    /// The article cached under `key`: `None` if there is no entry, `Err`
    /// if its entry cannot be used (why, to say).
    pub fn get(&self, key: &str) -> Option<Result<Extracted, String>> {
        let (i, slot) = self.by_key.get(key)?;
        let entry = self.found[*i].entry(*slot);
        Some(entry.read().map_err(|e| e.to_string()).and_then(|bytes| {
            crate::packentry::decode(&bytes)
                .map_err(|why| format!("{}: entry {key}: {why}", entry.path.display()))
        }))
    }

    /// Adds an article to the pack being written, starting a new one when
    /// it is full; returns where its entry is, to read it back.
    pub fn put(&self, header: &Header, mentions: &[Mention]) -> Result<EntryRef, String> {
        let bytes = crate::packentry::encode(header, mentions);
        let mut w = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let r = self.append(&mut w, &header.key, &bytes);
        if r.is_ok() {
            w.fresh.insert(header.key.clone());
        }
        r
    }

    fn append(&self, w: &mut Writing, key: &str, bytes: &[u8]) -> Result<EntryRef, String> {
        if w.current.is_none() {
            let writer = PackWriter::create(&self.dir, &self.stamp).map_err(|e| e.to_string())?;
            w.current = Some(writer);
        }
        let current = w.current.as_mut().expect("just made");
        match current.append(key, bytes) {
            Ok(entry) => {
                if current.entries() >= self.chunk.entries || current.len() >= self.chunk.bytes {
                    self.finish_current(w)?;
                }
                Ok(entry)
            }
            Err(e) => {
                // Offsets after a partial write would be wrong: start anew.
                if let Some(broken) = w.current.take() {
                    broken.abandon();
                }
                Err(e.to_string())
            }
        }
    }

    fn finish_current(&self, w: &mut Writing) -> Result<(), String> {
        if let Some(writer) = w.current.take() {
            w.done.push(writer.finish().map_err(|e| e.to_string())?);
        }
        Ok(())
    }

    /// Completes the pack being written; `Err` when it could not be kept
    /// (its articles are extracted again next time; spilled ones still
    /// read back).
    pub fn finish(&self) -> Result<(), String> {
        let mut w = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        self.finish_current(&mut w)
    }

    /// Drops what the articles of `live` no longer need: a pack with no
    /// entry in use is removed; one whose entries in use are under half its
    /// bytes, and the small packs once there are [`MAX_SMALL`] of them, are
    /// rewritten into new packs and removed. Returns what went wrong (the
    /// cache is then only bigger than it needs to be).
    pub fn collect(&self, live: &HashSet<String>) -> Vec<String> {
        let mut notes = Vec::new();
        if let Err(e) = self.finish() {
            notes.push(format!("cache pack not kept: {e}"));
        }
        let mut w = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let done = std::mem::take(&mut w.done);
        let fresh = std::mem::take(&mut w.fresh);
        // The live entries of each pack: those its articles are read from.
        let owns = |key: &str, slot: &Slot, i: usize, new: bool| {
            live.contains(key)
                && if new {
                    true
                } else {
                    !fresh.contains(key) && self.by_key.get(key) == Some(&(i, *slot))
                }
        };
        let mut keep_small = Vec::new();
        let mut rewrite = Vec::new();
        let all = self
            .found
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p, false))
            .chain(done.iter().map(|p| (usize::MAX, p, true)));
        for (i, p, new) in all {
            let used: Vec<(String, Slot)> = p
                .entries
                .iter()
                .filter(|(k, s)| owns(k, s, i, new))
                .cloned()
                .collect();
            let used_bytes: u64 = used.iter().map(|(_, s)| s.len).sum();
            let small = used.len() * 4 < self.chunk.entries && used_bytes * 4 < self.chunk.bytes;
            if used.is_empty() {
                remove(p, &mut notes);
            } else if used_bytes * 2 < p.body_bytes() {
                rewrite.push((p, used));
            } else if small {
                keep_small.push((p, used));
            }
        }
        if keep_small.len() >= MAX_SMALL {
            rewrite.append(&mut keep_small);
        }
        if !rewrite.is_empty() {
            self.rewrite(&mut w, &rewrite, &mut notes);
        }
        notes
    }

    /// Copies the used entries of `packs` into new packs, then removes the
    /// old ones; an entry found damaged now is left out (its article is
    /// extracted next time).
    fn rewrite(
        &self,
        w: &mut Writing,
        packs: &[(&Pack, Vec<(String, Slot)>)],
        notes: &mut Vec<String>,
    ) {
        for (p, used) in packs {
            for (key, slot) in used {
                let copied = p
                    .entry(*slot)
                    .read()
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| self.append(w, key, &bytes));
                if let Err(e) = copied {
                    notes.push(format!("cache compaction: {e}"));
                }
            }
        }
        // Old packs go only once their entries are safe in complete new ones.
        match self.finish_current(w) {
            Ok(()) => packs.iter().for_each(|(p, _)| remove(p, notes)),
            Err(e) => notes.push(format!("cache compaction: {e}")),
        }
        w.done.clear();
    }
}

fn remove(p: &Pack, notes: &mut Vec<String>) {
    if let Err(e) = std::fs::remove_file(&p.path) {
        notes.push(format!("{}: not removed: {e}", p.path.display()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentionfile::SCHEMA;

    fn header(key: &str) -> Header {
        Header {
            schema: SCHEMA,
            doc: format!("{key}.txt"),
            published: "2024-05-03".into(),
            published_basis: "header".into(),
            publisher: None,
            url: None,
            content_hash: "00000000000000ff".into(),
            key: key.into(),
            stamp: "s".into(),
            warnings: Vec::new(),
            sentences: 1,
            mentions: 0,
        }
    }

    const SMALL: Chunk = Chunk {
        entries: 4,
        bytes: 1 << 20,
    };

    fn keys(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("k{i:02}")).collect()
    }

    /// A build that writes `keys` (when the cache misses them) and keeps
    /// only them; returns the number of pack files after it.
    fn build(dir: &Path, keys: &[String], reuse: bool) -> (Packs, usize) {
        build_in(dir, keys, reuse, SMALL)
    }

    fn build_in(dir: &Path, keys: &[String], reuse: bool, chunk: Chunk) -> (Packs, usize) {
        let packs = Packs::open_with(dir, "s", reuse, chunk);
        for k in keys {
            if !matches!(packs.get(k), Some(Ok(_))) {
                packs.put(&header(k), &[]).unwrap();
            }
        }
        let notes = packs.collect(&keys.iter().cloned().collect());
        assert!(notes.is_empty(), "{notes:?}");
        (packs, pack_files(dir).len())
    }

    fn pack_files(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    }

    /// Entries over all packs, counting garbage.
    fn entries(dir: &Path) -> usize {
        pack_files(dir)
            .iter()
            .map(|p| Pack::open(p).unwrap().entries.len())
            .sum()
    }

    #[test]
    fn entries_are_written_in_chunks_and_read_back_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let all = keys(10);
        let (_, files) = build(dir.path(), &all, true);
        assert_eq!(files, 3, "4 + 4 + 2 entries");
        let packs = Packs::open_with(dir.path(), "s", true, SMALL);
        for k in &all {
            assert_eq!(packs.get(k).unwrap().unwrap().header.key, *k);
        }
        assert!(packs.get("missing").is_none());
        // Another stamp or --no-cache: nothing is reused.
        assert_eq!(
            Packs::open_with(dir.path(), "t", true, SMALL)
                .keys()
                .count(),
            0
        );
        assert_eq!(
            Packs::open_with(dir.path(), "s", false, SMALL)
                .keys()
                .count(),
            0
        );
    }

    #[test]
    fn a_mostly_dead_pack_is_compacted_and_an_empty_one_removed() {
        let dir = tempfile::tempdir().unwrap();
        let all = keys(8);
        build(dir.path(), &all, true);
        // k00..k03 in one pack, k04..k07 in the other. Dropping k00..k02
        // leaves the first pack a quarter live: rewritten. Dropping one of
        // the second leaves it three quarters live: kept, garbage and all.
        let left: Vec<String> = all[3..].iter().filter(|k| *k != "k07").cloned().collect();
        let (_, files) = build(dir.path(), &left, true);
        assert_eq!(files, 2);
        assert_eq!(entries(dir.path()), 1 + 4);
        // The next build reads every article it has left from the cache.
        let packs = Packs::open_with(dir.path(), "s", true, SMALL);
        assert!(left.iter().all(|k| matches!(packs.get(k), Some(Ok(_)))));
        // No article left: no pack left.
        assert_eq!(build(dir.path(), &[], true).1, 0);
    }

    #[test]
    fn small_packs_are_merged_and_a_rebuild_replaces_every_pack() {
        let dir = tempfile::tempdir().unwrap();
        let mut all = Vec::new();
        let chunk = Chunk {
            entries: 100,
            ..SMALL
        };
        // One article at a time, as incremental builds add them.
        for k in keys(MAX_SMALL + 1) {
            all.push(k);
            let (_, files) = build_in(dir.path(), &all, true, chunk);
            assert!(
                files < MAX_SMALL,
                "{files} packs for {} articles",
                all.len()
            );
        }
        assert_eq!(entries(dir.path()), all.len());
        let before = pack_files(dir.path());
        let (_, files) = build_in(dir.path(), &all, false, chunk);
        let after = pack_files(dir.path());
        assert_eq!(entries(dir.path()), all.len());
        assert!(after.iter().all(|p| !before.contains(p)), "{files}");
    }

    #[test]
    fn a_damaged_pack_or_entry_is_said_and_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let all = keys(6);
        build(dir.path(), &all, true);
        let mut files = pack_files(dir.path());
        files.sort();
        let cut = std::fs::read(&files[0]).unwrap();
        std::fs::write(&files[0], &cut[..cut.len() - 5]).unwrap();
        let mut edited = std::fs::read(&files[1]).unwrap();
        edited[crate::pack::MAGIC.len() + 3] ^= 0x20;
        std::fs::write(&files[1], &edited).unwrap();
        let packs = Packs::open_with(dir.path(), "s", true, SMALL);
        assert_eq!(packs.notes().len(), 1, "{:?}", packs.notes());
        assert!(packs.notes()[0].contains("extracted again"));
        // The cut pack's articles are unknown, the edited entry refused.
        let found: Vec<bool> = all.iter().map(|k| packs.get(k).is_some()).collect();
        assert_eq!(found, [false, false, false, false, true, true]);
        let got: Vec<_> = all[4..].iter().map(|k| packs.get(k).unwrap()).collect();
        assert!(got[0].is_err() && got[1].is_ok(), "{got:?}");
        // A pack of another layout is removed without a note.
        let mut other = std::fs::read(&files[1]).unwrap();
        other[7] ^= 0x7f;
        std::fs::write(&files[1], &other).unwrap();
        drop(packs);
        let packs = Packs::open_with(dir.path(), "s", true, SMALL);
        assert_eq!(packs.notes().len(), 0, "{:?}", packs.notes());
        assert!(!files[1].exists());
        // What a killed build left half-written is removed.
        let tmp = dir.path().join(format!("{TMP_PREFIX}x.pack"));
        std::fs::write(&tmp, b"half").unwrap();
        drop(packs);
        let _ = Packs::open_with(dir.path(), "s", true, SMALL);
        assert!(!tmp.exists());
    }
}
