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

use super::{Artifact, Out};
use crate::error::OutputError;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use xxhash_rust::xxh3::Xxh3;

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

/// A writer that also hashes what passes through, so a generation is
/// named by its content. xxh3 because the old byte-wise FNV cost more than
/// a second of a large build; its streaming state gives the same digest
/// however the bytes are cut into writes.
struct Hashing<W> {
    inner: W,
    hash: Xxh3,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.inner.write_all(buf)?;
        self.hash.update(buf);
        Ok(())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes one or more files of a generation, each into its stream, in the
/// order of the job's names.
pub type FillMany<'a> = Box<dyn Fn(&mut [&mut Out]) -> Result<(), OutputError> + Send + Sync + 'a>;

/// Files written together by one thread, because they share work (the
/// JSON document and the JSON Lines carry the same serialised events).
pub struct Job<'a> {
    pub names: Vec<&'static str>,
    pub fill: FillMany<'a>,
}

impl<'a> Job<'a> {
    /// The job of one artifact.
    fn one(a: &'a Artifact<'a>) -> Job<'a> {
        Job {
            names: vec![a.name],
            fill: Box::new(move |outs: &mut [&mut Out]| (a.fill)(&mut *outs[0])),
        }
    }
}

type Sink = std::io::BufWriter<Hashing<File>>;

/// Writes and fsyncs the files of one job; returns each file's hash.
fn write_job(dir: &Path, job: &Job) -> Result<Vec<u64>, OutputError> {
    let mut sinks: Vec<Sink> = Vec::with_capacity(job.names.len());
    for name in &job.names {
        let path = dir.join(name);
        let file = File::create(&path).map_err(io_err(&path))?;
        let hashing = Hashing {
            inner: file,
            hash: Xxh3::new(),
        };
        sinks.push(std::io::BufWriter::with_capacity(1 << 17, hashing));
    }
    let mut outs: Vec<&mut Out> = sinks.iter_mut().map(|s| s as &mut Out).collect();
    (job.fill)(&mut outs).map_err(|e| match e {
        OutputError::Serialise(m) => {
            OutputError::Serialise(format!("{}: {m}", job.names.join(", ")))
        }
        other => other,
    })?;
    drop(outs);
    let mut hashes = Vec::with_capacity(sinks.len());
    for (sink, name) in sinks.into_iter().zip(&job.names) {
        let path = dir.join(name);
        let hashing = sink
            .into_inner()
            .map_err(|e| io_err(&path)(e.into_error()))?;
        hashes.push(hashing.hash.digest());
        hashing.inner.sync_all().map_err(io_err(&path))?;
    }
    Ok(hashes)
}

/// The hash of each file a job wrote, or why it failed.
type JobResult = Result<Vec<u64>, OutputError>;

/// Threads that write files at once: the workbook alone takes about as
/// long as every other format together, so two cores halve the wall time.
fn writers(jobs: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(jobs).max(1)
}

/// Runs every job, on [`writers`] threads taking the next job in order
/// as they finish one; after a failure no further job starts. Returns each
/// job's result, in job order.
fn run_jobs(dir: &Path, jobs: &[Job]) -> Vec<Option<JobResult>> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<Option<JobResult>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    let work = || {
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            let r = write_job(dir, job);
            if r.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
        }
    };
    std::thread::scope(|s| {
        for _ in 1..writers(jobs.len()) {
            s.spawn(work);
        }
        work();
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

/// The order the timeline's files are hashed in, whichever jobs write
/// them: the order they were once written in, one job each, so files
/// grouped into fewer jobs keep the generation names they had.
const HASH_ORDER: [&str; 5] = [
    "timeline.xlsx",
    "timeline.json",
    "timeline.jsonl",
    "timeline.csv",
    "timeline.html",
];

/// Writes and fsyncs every job's files into `dir`; returns the hash of all
/// (names included: the same bytes under another name differ), in
/// [`HASH_ORDER`], then any other file in job order.
fn write_generation(dir: &Path, jobs: &[Job]) -> Result<u64, OutputError> {
    let mut files = Vec::new();
    for (job, r) in jobs.iter().zip(run_jobs(dir, jobs)) {
        // A job never started only because an earlier one failed.
        let Some(r) = r else { continue };
        files.extend(job.names.iter().copied().zip(r?));
    }
    let rank = |name: &str| HASH_ORDER.iter().position(|&n| n == name);
    files.sort_by_key(|&(name, _)| rank(name).unwrap_or(HASH_ORDER.len()));
    let mut all = Xxh3::new();
    for (name, h) in files {
        all.update(name.as_bytes());
        all.update(&[0]);
        all.update(&h.to_le_bytes());
    }
    sync_dir(dir)?;
    Ok(all.digest())
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
    let jobs: Vec<Job> = artifacts.iter().map(Job::one).collect();
    publish_jobs(out, &jobs)
}

/// [`publish`] for files written in groups: the jobs run at once on
/// [`writers`] threads, the files switch together as one generation.
pub fn publish_jobs(out: &Path, jobs: &[Job]) -> Result<(), OutputError> {
    check_out(out)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp: PathBuf = out.join(format!("{TMP_PREFIX}{}-{nanos}", std::process::id()));
    std::fs::create_dir(&tmp).map_err(io_err(&tmp))?;
    let hash = match write_generation(&tmp, jobs) {
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
    for name in jobs.iter().flat_map(|j| &j.names) {
        relink(out, name, &format!("{CURRENT}/{name}"))?;
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
    fn the_same_bytes_keep_their_generation() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        publish(out, &[art("a.csv", "one"), art("a.json", "1")]).unwrap();
        let first = current(out).unwrap();
        publish(out, &[art("a.csv", "one"), art("a.json", "1")]).unwrap();
        assert_eq!(current(out).unwrap(), first);
        // The same bytes under swapped names are another generation.
        publish(out, &[art("a.csv", "1"), art("a.json", "one")]).unwrap();
        assert_ne!(current(out).unwrap(), first);
        assert_eq!(listing(out).len(), 4);
    }

    /// The timeline's files name their generation the same whichever
    /// jobs write them, in whatever order.
    #[test]
    fn the_generation_does_not_depend_on_the_order_of_jobs() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let mut arts: Vec<Artifact> = HASH_ORDER.iter().map(|&n| art(n, n)).collect();
        arts.push(art("extra.txt", "x"));
        publish(out, &arts).unwrap();
        let first = current(out).unwrap();
        arts.reverse();
        publish(out, &arts).unwrap();
        assert_eq!(current(out).unwrap(), first);
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
