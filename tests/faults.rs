//! Faults a careful user runs into: a build killed while it writes, a full
//! disk, two builds into one folder, FIFOs and symlinks among the articles,
//! a huge line, file names that differ only in undecodable bytes, binary and
//! UTF-16 files, an empty folder, `--out` naming a file. Each test says what
//! must hold afterwards. Most work through the library, so the whole file
//! runs in seconds; the few CLI runs fail before loading the rules.

use dateline::error::OutputError;
use dateline::output::{Artifact, TMP_PREFIX, lock, publish, remove_stale};
use dateline::pipeline::{self, Engine, Limits};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::load(&Path::new(ROOT).join("rules")).unwrap())
}

fn art(name: &'static str, body: &'static str) -> Artifact<'static> {
    Artifact {
        name,
        fill: Box::new(move |w| {
            w.write_all(body.as_bytes())
                .map_err(|e| OutputError::Serialise(e.to_string()))
        }),
    }
}

fn read(out: &Path, name: &str) -> String {
    fs::read_to_string(out.join(name)).unwrap()
}

fn leftovers(out: &Path) -> Vec<String> {
    fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp"))
        .collect()
}

fn old_pair(out: &Path) {
    publish(
        out,
        &[
            art("timeline.csv", "old csv"),
            art("timeline.json", "old json"),
        ],
    )
    .unwrap();
}

/// Run only as the child of `kill_during_the_write_...`: publishes a
/// generation whose JSON never finishes, until the parent kills it.
#[test]
fn child_slow_publish() {
    let Ok(out) = std::env::var("DATELINE_FAULTS_CHILD_OUT") else {
        return;
    };
    let slow = Artifact {
        name: "timeline.json",
        fill: Box::new(|w| {
            w.write_all(&vec![b'x'; 1 << 20]).unwrap();
            w.flush().unwrap();
            std::thread::sleep(Duration::from_secs(60));
            Ok(())
        }),
    };
    let _ = publish(Path::new(&out), &[art("timeline.csv", "new csv"), slow]);
}

#[test]
fn kill_during_the_write_leaves_the_previous_pair_and_no_leftover() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    old_pair(out);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child_slow_publish", "--exact", "--nocapture"])
        .env("DATELINE_FAULTS_CHILD_OUT", out)
        .spawn()
        .unwrap();
    // Wait until the child is inside the JSON write: a 1 MB temporary file.
    let t0 = Instant::now();
    let writing = || {
        leftovers(out).iter().any(|d| {
            fs::metadata(out.join(d).join("timeline.json")).is_ok_and(|m| m.len() >= 1 << 20)
        })
    };
    while !writing() {
        assert!(t0.elapsed() < Duration::from_secs(20), "child never wrote");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(read(out, "timeline.csv"), "old csv");
    assert_eq!(read(out, "timeline.json"), "old json");
    assert!(
        !leftovers(out).is_empty(),
        "the killed write left its folder"
    );
    // The next build, holding the lock, removes it.
    let _held = lock(out, false, || {}).unwrap();
    remove_stale(out).unwrap();
    assert_eq!(leftovers(out), Vec::<String>::new());
    publish(
        out,
        &[
            art("timeline.csv", "new csv"),
            art("timeline.json", "new json"),
        ],
    )
    .unwrap();
    assert_eq!(read(out, "timeline.json"), "new json");
}

/// Unmounts the tmpfs when the test ends, passed or not.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn full_disk_leaves_the_previous_pair() {
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("small");
    fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=200k", "tmpfs"])
        .arg(&mnt)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("note: full-disk case skipped: cannot mount a 200k tmpfs here (needs root)");
        return;
    }
    let _guard = Mounted(mnt.clone());
    old_pair(&mnt);
    let huge = Artifact {
        name: "timeline.json",
        fill: Box::new(|w| {
            w.write_all(&vec![b'x'; 1 << 20])
                .map_err(|e| OutputError::Serialise(e.to_string()))
        }),
    };
    let r = publish(&mnt, &[art("timeline.csv", "new csv"), huge]);
    assert!(r.is_err(), "a 1 MB file cannot fit in 200k");
    assert_eq!(read(&mnt, "timeline.csv"), "old csv");
    assert_eq!(read(&mnt, "timeline.json"), "old json");
    assert_eq!(leftovers(&mnt), Vec::<String>::new());
    // The same through the CLI: the seeds' timeline (33 KB) fills the disk
    // once a 190 KB file takes most of it.
    fs::write(mnt.join("ballast"), vec![0u8; 190 << 10]).unwrap();
    let o = cli(&["build"], &mnt);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("previous timeline") && err.contains("unchanged"),
        "{err}"
    );
    assert_eq!(read(&mnt, "timeline.csv"), "old csv");
    assert_eq!(read(&mnt, "timeline.json"), "old json");
    assert_eq!(leftovers(&mnt), Vec::<String>::new());
}

#[test]
fn a_second_build_waits_for_the_first_or_fails_fast() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_path_buf();
    let held = lock(&out, false, || {}).unwrap();
    assert!(matches!(
        lock(&out, false, || {}),
        Err(OutputError::Busy { .. })
    ));
    // The CLI says so and stops before any work.
    let o = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .current_dir(ROOT)
        .args(["build", "--no-wait", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("another dateline build"));
    // Waiting: the second gets the folder once the first lets go.
    let waited = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let w2 = waited.clone();
    let o2 = out.clone();
    let second = std::thread::spawn(move || {
        let _l = lock(&o2, true, || {
            w2.store(true, std::sync::atomic::Ordering::SeqCst)
        })
        .unwrap();
        publish(
            &o2,
            &[
                art("timeline.csv", "second"),
                art("timeline.json", "second"),
            ],
        )
        .unwrap();
    });
    std::thread::sleep(Duration::from_millis(200));
    publish(
        &out,
        &[art("timeline.csv", "first"), art("timeline.json", "first")],
    )
    .unwrap();
    drop(held);
    second.join().unwrap();
    assert!(waited.load(std::sync::atomic::Ordering::SeqCst));
    assert_eq!(read(&out, "timeline.csv"), "second");
    assert_eq!(read(&out, "timeline.json"), "second");
}

/// Runs `f` in a thread and fails (instead of hanging) if it takes too long.
fn within<T: Send + 'static>(secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .expect("hung: a FIFO or device was opened")
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_outside_symlinks_are_skipped() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("articles");
    fs::create_dir_all(arts.join("sub")).unwrap();
    fs::write(arts.join("sub/inner.TXT"), "date 2025-01-02\nA text.\n").unwrap();
    fs::write(arts.join("notes.md"), "date 2025-01-02\nMore text.\n").unwrap();
    let outside = dir.path().join("secret.txt");
    fs::write(&outside, "private words").unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(arts.join("pipe.txt"))
            .status()
            .unwrap()
            .success()
    );
    symlink("/dev/zero", arts.join("zero.txt")).unwrap();
    symlink(&outside, arts.join("leak.txt")).unwrap();
    symlink("sub/inner.TXT", arts.join("inside.txt")).unwrap();
    symlink(".", arts.join("loop")).unwrap();
    let a = arts.clone();
    let listing = within(10, move || {
        pipeline::list_articles_with(&a, &Limits::default()).unwrap()
    });
    let names: Vec<&str> = listing.files.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["inside.txt", "notes.md", "sub/inner.TXT"]);
    let why = listing.skipped.join("\n");
    assert!(
        why.contains("pipe.txt: skipped: not a regular file"),
        "{why}"
    );
    assert!(
        why.contains("zero.txt: skipped: symlink to outside"),
        "{why}"
    );
    assert!(
        why.contains("leak.txt: skipped: symlink to outside"),
        "{why}"
    );
    // --follow-symlinks reads the outside file but still never a device.
    let follow = Limits {
        follow_symlinks: true,
        ..Limits::default()
    };
    let listing = pipeline::list_articles_with(&arts, &follow).unwrap();
    assert!(listing.files.iter().any(|(_, n)| n == "leak.txt"));
    assert!(!listing.files.iter().any(|(_, n)| n == "zero.txt"));
    // Reading a FIFO by name (as `explain FILE` does) refuses at once.
    let fifo = arts.join("pipe.txt");
    let r = within(10, move || dateline::ingest::read_text_file(&fifo, 1 << 20));
    assert!(r.is_err());
}

#[test]
fn a_huge_line_is_cut_into_bounded_sentences() {
    let words = "officials said on Monday that talks in Lima will resume next week ";
    let mut text = String::from("date 2025-04-20\n");
    while text.len() < 100_000 {
        text.push_str(words);
    }
    let doc = engine().ingest.parse(
        "line.txt".into(),
        text.into_bytes(),
        &dateline::manifest::Manifest::default(),
    );
    let a = engine().analyse(&doc);
    let max = engine().limits.max_sentence_bytes;
    assert!(a.sentences.len() > 20);
    assert!(a.sentences.iter().all(|s| s.range.len() <= max));
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(
        a.warnings[0].contains("line.txt: sentence at byte 16"),
        "{}",
        a.warnings[0]
    );
}

fn ids(dir: &Path) -> Vec<String> {
    let out = pipeline::build(engine(), dir, &|| ()).unwrap();
    let mut v: Vec<String> = out.events.into_iter().map(|e| e.id).collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn names_differing_in_undecodable_bytes_collide_nowhere() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let arts = dir.path().join("a");
    fs::create_dir(&arts).unwrap();
    let name = |b: &[u8]| arts.join(std::ffi::OsStr::from_bytes(b));
    fs::write(
        name(b"x\xff.txt"),
        "date 2025-03-02\nThe president of Chile visited Buenos Aires on Friday.\n",
    )
    .unwrap();
    fs::write(
        name(b"x\xfe.txt"),
        "date 2025-03-09\nRebels attacked a convoy near Goma on Saturday.\n",
    )
    .unwrap();
    let out = pipeline::build(engine(), &arts, &|| ()).unwrap();
    let mut docs: Vec<&str> = out.documents.iter().map(|d| d.doc.as_str()).collect();
    docs.sort();
    assert_eq!(docs, ["x\\xFE.txt", "x\\xFF.txt"]);
    assert_eq!(out.events.len(), 2);
    let mut got: Vec<&String> = out.events.iter().map(|e| &e.id).collect();
    got.dedup();
    assert_eq!(got.len(), 2, "two different events, two ids");
    // A byte-identical copy under another name changes no id.
    let before = ids(&arts);
    fs::copy(name(b"x\xff.txt"), arts.join("copy.txt")).unwrap();
    assert_eq!(ids(&arts), before);
}

#[test]
fn binary_files_are_refused_and_utf16_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "date 2025-05-06\nThe foreign minister of Kenya visited Addis Ababa on Monday.\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    fs::write(dir.path().join("wide.txt"), utf16).unwrap();
    let binary: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    fs::write(dir.path().join("blob.txt"), binary).unwrap();
    let out = pipeline::build(engine(), dir.path(), &|| ()).unwrap();
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.documents[0].published, "2025-05-06");
    assert_eq!(out.events.len(), 1, "the UTF-16 article tells its visit");
    assert!(out.errors.is_empty());
    assert_eq!(out.skipped, 1);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.contains("blob.txt") && w.contains("binary")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn an_oversized_article_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.txt"), vec![b'a'; 5000]).unwrap();
    let small = Limits {
        max_article_bytes: 1000,
        ..Limits::default()
    };
    let listing = pipeline::list_articles_with(dir.path(), &small).unwrap();
    assert!(listing.files.is_empty());
    assert!(listing.skipped[0].contains("over the article size limit"));
}

fn cli(args: &[&str], out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .current_dir(ROOT)
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn an_empty_folder_does_not_replace_a_good_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let (arts, out) = (dir.path().join("empty"), dir.path().join("out"));
    fs::create_dir(&arts).unwrap();
    fs::create_dir(&out).unwrap();
    old_pair(&out);
    let o = cli(&["build", "--articles", arts.to_str().unwrap()], &out);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("no articles") && err.contains("left as it was"),
        "{err}"
    );
    assert_eq!(read(&out, "timeline.csv"), "old csv");
}

#[test]
fn out_naming_a_file_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("timeline.csv");
    fs::write(&file, "mine").unwrap();
    let t0 = Instant::now();
    let o = cli(&["build"], &file);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--out must be a folder"), "{err}");
    assert!(t0.elapsed() < Duration::from_secs(20));
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn leftovers_of_older_versions_are_removed_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    fs::write(out.join(".tmpXy12Ab"), vec![b'x'; 4096]).unwrap();
    fs::create_dir(out.join(format!("{TMP_PREFIX}99-1"))).unwrap();
    let _l = lock(out, false, || {}).unwrap();
    assert_eq!(remove_stale(out).unwrap().len(), 2);
    assert_eq!(leftovers(out), Vec::<String>::new());
}

/// Both links resolve into one generation folder: never a CSV of one build
/// beside a JSON of another.
fn pair_is_one_generation(out: &Path) -> bool {
    let csv = fs::canonicalize(out.join("timeline.csv")).unwrap();
    let json = fs::canonicalize(out.join("timeline.json")).unwrap();
    csv.parent() == json.parent()
}

#[test]
fn kill_9_of_real_builds_keeps_a_matching_pair() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    old_pair(&out);
    for delay_ms in [200, 1500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .current_dir(ROOT)
            .args(["build", "--out"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        assert!(pair_is_one_generation(&out), "killed after {delay_ms} ms");
        let csv = read(&out, "timeline.csv");
        let json = read(&out, "timeline.json");
        let old = csv == "old csv" && json == "old json";
        let new = csv.starts_with("\u{feff}id,") && json.starts_with('{');
        assert!(old || new, "killed after {delay_ms} ms: a mixed pair");
    }
}
