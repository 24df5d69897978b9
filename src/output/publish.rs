//! Publishing a timeline as one generation.
//!
//! Layout of `--out`:
//!
//! ```text
//! out/.gen-<hash>/timeline.csv   the files of one build (hash of their bytes)
//! out/.gen-<hash>/timeline.json
//! out/current -> .gen-<hash>     the generation readers see
//! out/timeline.csv -> current/timeline.csv
//! out/timeline.json -> current/timeline.json
//! ```
//!
//! A build writes every file into a fresh `.tmp-*` folder, fsyncs them and
//! the folder, renames it to `.gen-<hash>`, then renames a new `current`
//! symlink over the old one: one atomic step switches all files at once.
//! Until then readers see the previous generation untouched; a kill leaves
//! only a `.tmp-*` folder, removed by the next build. Builds hold an advisory
//! lock on `--out` (flock on the folder itself), so two never interleave.

use super::Artifact;
use crate::error::OutputError;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Names of work in progress; anything so named is a leftover once the lock
/// is held.
pub const TMP_PREFIX: &str = ".tmp-";
const GEN_PREFIX: &str = ".gen-";
const CURRENT: &str = "current";

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> OutputError + '_ {
    move |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Fails at once, before any work, when `out` cannot be a folder.
pub fn check_out(out: &Path) -> Result<(), OutputError> {
    if out.exists() && !out.is_dir() {
        return Err(OutputError::NotAFolder {
            path: out.to_path_buf(),
        });
    }
    std::fs::create_dir_all(out).map_err(io_err(out))
}

/// Held while a build owns `--out`; dropping it releases the lock.
#[derive(Debug)]
pub struct OutLock {
    _dir: File,
}

/// Takes the advisory lock on `out`. When another build holds it: waits
/// (after calling `on_wait`, to tell the user) or fails with
/// [`OutputError::Busy`].
pub fn lock(out: &Path, wait: bool, on_wait: impl FnOnce()) -> Result<OutLock, OutputError> {
    check_out(out)?;
    let dir = File::open(out).map_err(io_err(out))?;
    match dir.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) if wait => {
            on_wait();
            dir.lock().map_err(io_err(out))?;
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(OutputError::Busy {
                path: out.to_path_buf(),
            });
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io_err(out)(e)),
    }
    Ok(OutLock { _dir: dir })
}

fn sync_dir(dir: &Path) -> Result<(), OutputError> {
    File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io_err(dir))
}

/// The generation `out/current` points at, if any.
fn current(out: &Path) -> Option<String> {
    let target = std::fs::read_link(out.join(CURRENT)).ok()?;
    Some(target.to_string_lossy().into_owned())
}

/// Removes what killed builds left (`.tmp-*`, and the `.tmp*` files of older
/// versions) and generations no longer current. Call with the lock held.
/// Returns the names removed.
pub fn remove_stale(out: &Path) -> Result<Vec<String>, OutputError> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(removed);
    };
    let live = current(out);
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale = name.starts_with(".tmp")
            || (name.starts_with(GEN_PREFIX) && live.as_deref() != Some(name.as_str()));
        if !stale {
            continue;
        }
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let r = if is_dir {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        r.map_err(io_err(&path))?;
        removed.push(name);
    }
    removed.sort();
    Ok(removed)
}

/// A writer that also hashes what passes through (FNV-1a), so a
/// generation is named by its content.
struct Hashing<W> {
    inner: W,
    hash: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        for &b in &buf[..n] {
            self.hash = (self.hash ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes and fsyncs every artifact into `dir`; returns the hash of all.
fn write_generation(dir: &Path, artifacts: &[Artifact]) -> Result<u64, OutputError> {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for a in artifacts {
        let path = dir.join(a.name);
        let file = File::create(&path).map_err(io_err(&path))?;
        // The name counts too: the same bytes under another name differ.
        let mut w = Hashing {
            inner: std::io::BufWriter::with_capacity(1 << 16, file),
            hash: a
                .name
                .bytes()
                .fold(hash, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)),
        };
        (a.fill)(&mut w).map_err(|e| match e {
            OutputError::Serialise(m) => OutputError::Serialise(format!("{}: {m}", a.name)),
            other => other,
        })?;
        hash = w.hash;
        let file = w
            .inner
            .into_inner()
            .map_err(|e| io_err(&path)(e.into_error()))?;
        file.sync_all().map_err(io_err(&path))?;
    }
    sync_dir(dir)?;
    Ok(hash)
}

/// Replaces `link` by a symlink to `target`, atomically (new link renamed
/// over the old).
#[cfg(unix)]
fn relink(out: &Path, link: &str, target: &str) -> Result<(), OutputError> {
    let path = out.join(link);
    if std::fs::read_link(&path).is_ok_and(|t| t == Path::new(target)) {
        return Ok(());
    }
    let tmp = out.join(format!("{TMP_PREFIX}link-{link}"));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(target, &tmp).map_err(io_err(&tmp))?;
    std::fs::rename(&tmp, &path).map_err(io_err(&path))
}

/// Symlinks are what make the swap atomic; elsewhere there is no safe way.
#[cfg(not(unix))]
fn relink(out: &Path, _link: &str, _target: &str) -> Result<(), OutputError> {
    Err(io_err(out)(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "publishing a timeline generation needs symlinks (Unix)",
    )))
}

/// Publishes `artifacts` into `out` as one new generation (module doc).
/// Take [`lock`] first. On error the previous generation is untouched and
/// the temporary folder is removed.
pub fn publish(out: &Path, artifacts: &[Artifact]) -> Result<(), OutputError> {
    check_out(out)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp: PathBuf = out.join(format!("{TMP_PREFIX}{}-{nanos}", std::process::id()));
    std::fs::create_dir(&tmp).map_err(io_err(&tmp))?;
    let hash = match write_generation(&tmp, artifacts) {
        Ok(h) => h,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    let name = format!("{GEN_PREFIX}{hash:016x}");
    if current(out).as_deref() == Some(name.as_str()) {
        // The same bytes are already live: nothing to switch.
        let _ = std::fs::remove_dir_all(&tmp);
    } else {
        let generation = out.join(&name);
        if generation.exists() {
            std::fs::remove_dir_all(&generation).map_err(io_err(&generation))?;
        }
        if let Err(e) = std::fs::rename(&tmp, &generation) {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(io_err(&generation)(e));
        }
        sync_dir(out)?;
        relink(out, CURRENT, &name)?;
    }
    for a in artifacts {
        relink(out, a.name, &format!("{CURRENT}/{}", a.name))?;
    }
    sync_dir(out)?;
    // Best effort: a reader may still hold an old generation open.
    let _ = remove_stale(out);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(name: &'static str, body: &'static str) -> Artifact<'static> {
        Artifact {
            name,
            fill: Box::new(move |w| {
                w.write_all(body.as_bytes())
                    .map_err(|e| OutputError::Serialise(e.to_string()))
            }),
        }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn generations_replace_all_files_together() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        publish(out, &[art("a.csv", "one"), art("a.json", "1")]).unwrap();
        publish(out, &[art("a.csv", "two"), art("a.json", "2")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "two");
        assert_eq!(std::fs::read_to_string(out.join("a.json")).unwrap(), "2");
        let names = listing(out);
        assert_eq!(names.len(), 4, "{names:?}"); // .gen-*, a.csv, a.json, current
        assert!(names[0].starts_with(GEN_PREFIX));
    }

    #[test]
    fn a_failed_write_leaves_the_previous_generation() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        publish(out, &[art("a.csv", "old"), art("a.json", "old")]).unwrap();
        let before = listing(out);
        let failing = Artifact {
            name: "a.json",
            fill: Box::new(|w| {
                w.write_all(b"half").unwrap();
                Err(OutputError::Serialise("boom".into()))
            }),
        };
        assert!(publish(out, &[art("a.csv", "new"), failing]).is_err());
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "old");
        assert_eq!(listing(out), before, "temporary folder removed");
    }

    #[test]
    fn regular_files_of_older_versions_become_links() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::write(out.join("a.csv"), "plain").unwrap();
        std::fs::write(out.join(".tmpAbC123"), "leftover").unwrap();
        remove_stale(out).unwrap();
        publish(out, &[art("a.csv", "gen")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "gen");
        assert!(!out.join(".tmpAbC123").exists());
    }

    #[test]
    fn a_second_lock_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path(), false, || {}).unwrap();
        let again = lock(dir.path(), false, || {});
        assert!(matches!(again, Err(OutputError::Busy { .. })), "{again:?}");
        drop(held);
        lock(dir.path(), false, || {}).unwrap();
    }

    #[test]
    fn a_file_is_not_an_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, "x").unwrap();
        assert!(matches!(check_out(&f), Err(OutputError::NotAFolder { .. })));
    }
}
