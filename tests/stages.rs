//! The two stages and the cache: extracting shards apart and merging them
//! writes the bytes `build` writes; an incremental build writes the bytes a
//! full one writes; a damaged cache file is re-extracted, never trusted.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use support::{CORPUS, build, run, timeline, write_all};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The seeds (with their manifest) and the made-up corpus in one folder.
fn corpus(dir: &Path) -> PathBuf {
    let arts = dir.join("articles");
    write_all(&arts, CORPUS);
    for entry in fs::read_dir(Path::new(ROOT).join("seeds")).unwrap() {
        let p = entry.unwrap().path();
        fs::copy(&p, arts.join(p.file_name().unwrap())).unwrap();
    }
    arts
}

/// The pack files of the build cache (not its dot-files, such as the
/// stat index).
fn cache_files(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(out.join(".cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    v.sort();
    v
}

/// The keys of the entries of every pack, garbage included.
fn cached_keys(out: &Path) -> Vec<String> {
    let mut keys: Vec<String> = cache_files(out)
        .iter()
        .flat_map(|p| dateline::pack::Pack::open(p).unwrap().entries)
        .map(|(key, _)| key)
        .collect();
    keys.sort();
    keys
}

/// Flips one byte inside the first entry of `pack`: its index still lists
/// the article, whose entry then fails its hash.
fn damage_first_entry(pack: &Path) {
    let mut bytes = fs::read(pack).unwrap();
    bytes[dateline::pack::MAGIC.len() + 3] ^= 0x20;
    fs::write(pack, bytes).unwrap();
}

#[test]
fn shards_extracted_apart_then_merged_write_the_bytes_build_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = corpus(tmp.path());
    let whole = tmp.path().join("whole");
    build(&arts, &whole, &[]);
    // Two halves, alternating by name; each shard keeps the manifest.
    let mut names: Vec<PathBuf> = fs::read_dir(&arts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let mut mention_dirs = Vec::new();
    for half in 0..2 {
        let shard = tmp.path().join(format!("shard{half}"));
        fs::create_dir_all(&shard).unwrap();
        fs::copy(arts.join("sources.csv"), shard.join("sources.csv")).unwrap();
        for p in names.iter().skip(half).step_by(2) {
            fs::copy(p, shard.join(p.file_name().unwrap())).unwrap();
        }
        let m = tmp.path().join(format!("mentions{half}"));
        run(&[
            "extract".as_ref(),
            "--articles".as_ref(),
            shard.as_os_str(),
            "--out".as_ref(),
            m.as_os_str(),
        ]);
        mention_dirs.push(m);
    }
    let merged = tmp.path().join("merged");
    run(&[
        "merge".as_ref(),
        mention_dirs[0].as_os_str(),
        mention_dirs[1].as_os_str(),
        "--out".as_ref(),
        merged.as_os_str(),
    ]);
    assert!(
        timeline(&whole) == timeline(&merged),
        "merge differs from build"
    );
}

#[test]
fn an_incremental_build_writes_the_bytes_a_full_build_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = corpus(tmp.path());
    let inc = tmp.path().join("inc");
    build(&arts, &inc, &[]);
    assert_eq!(cached_keys(&inc).len(), CORPUS.len() + 2);
    assert_eq!(cache_files(&inc).len(), 1, "one pack for a small corpus");
    // The same previous generation (and id ledger) for the full build.
    let full = tmp.path().join("full");
    fs::create_dir_all(&full).unwrap();
    fs::copy(inc.join(".ids.tsv"), full.join(".ids.tsv")).unwrap();
    // One article added, one changed, one removed.
    fs::write(
        arts.join("mali_withdrawal.txt"),
        "date 2024-02-02\nMalian Foreign Minister Abdoulaye Diop arrived in Moscow on Thursday for talks on security ties.\n",
    )
    .unwrap();
    let changed = arts.join(CORPUS[1].0);
    fs::write(
        &changed,
        format!("{}Officials met again in Nairobi on Friday.\n", CORPUS[1].1),
    )
    .unwrap();
    fs::remove_file(arts.join(CORPUS[4].0)).unwrap();
    build(&arts, &inc, &[]);
    build(&arts, &full, &["--no-cache"]);
    assert!(
        timeline(&inc) == timeline(&full),
        "incremental differs from full"
    );
    // The new entries are in a second pack; the removed and the changed
    // article's old entries stay in the first until it is mostly garbage.
    assert_eq!(cache_files(&inc).len(), 2);
    assert_eq!(cached_keys(&inc).len(), CORPUS.len() + 2 + 2);
    // A build that finds every article cached extracts nothing again.
    let want = timeline(&inc);
    let stderr = build(&arts, &inc, &["-v"]);
    assert!(!stderr.contains("extracted again"), "{stderr}");
    assert!(timeline(&inc) == want);
}

#[test]
fn a_pack_left_mostly_garbage_is_compacted() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = corpus(tmp.path());
    let out = tmp.path().join("out");
    build(&arts, &out, &[]);
    let before = cached_keys(&out);
    // Three quarters of the articles removed: the pack is rewritten with the rest.
    let mut names: Vec<PathBuf> = fs::read_dir(&arts)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let gone = names.len() * 3 / 4;
    for p in &names[..gone] {
        fs::remove_file(p).unwrap();
    }
    build(&arts, &out, &[]);
    let after = cached_keys(&out);
    assert_eq!(after.len(), before.len() - gone);
    assert!(
        after.iter().all(|k| before.contains(k)),
        "copied, not extracted"
    );
    assert_eq!(cache_files(&out).len(), 1);
    let full = tmp.path().join("full");
    fs::create_dir_all(&full).unwrap();
    fs::copy(out.join(".ids.tsv"), full.join(".ids.tsv")).unwrap();
    build(&arts, &full, &["--no-cache"]);
    let stderr = build(&arts, &out, &["-v"]);
    assert!(!stderr.contains("extracted again"), "{stderr}");
    assert!(timeline(&out) == timeline(&full));
}

#[test]
fn mention_files_of_an_older_cache_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = corpus(tmp.path());
    let out = tmp.path().join("out");
    let old = out.join(".cache/0123456789abcdef.jsonl");
    fs::create_dir_all(old.parent().unwrap()).unwrap();
    fs::write(&old, "{\"schema\":2}\n").unwrap();
    build(&arts, &out, &[]);
    assert!(!old.exists());
    assert_eq!(cached_keys(&out).len(), CORPUS.len() + 2);
}

#[test]
fn a_damaged_cache_file_is_extracted_again_not_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = corpus(tmp.path());
    let out = tmp.path().join("out");
    build(&arts, &out, &[]);
    let want = timeline(&out);
    let pack = &cache_files(&out)[0];
    // Same length, one byte of one entry changed: only its hash tells.
    damage_first_entry(pack);
    let stderr = build(&arts, &out, &["-v"]);
    assert_eq!(stderr.matches("extracted again").count(), 1, "{stderr}");
    assert!(timeline(&out) == want);
    // Repaired: the next build finds nothing to redo.
    let stderr = build(&arts, &out, &["-v"]);
    assert!(!stderr.contains("extracted again"), "{stderr}");
    // Cut short (a build killed while renaming cannot leave this, a disk
    // can): the whole pack is refused, said once, and every article
    // extracted again.
    let packs = cache_files(&out);
    for p in &packs {
        let bytes = fs::read(p).unwrap();
        fs::write(p, &bytes[..bytes.len() * 2 / 3]).unwrap();
    }
    let stderr = build(&arts, &out, &["-v"]);
    assert_eq!(
        stderr.matches("extracted again").count(),
        packs.len(),
        "{stderr}"
    );
    assert!(timeline(&out) == want);
    assert_eq!(cached_keys(&out).len(), CORPUS.len() + 2);
    let stderr = build(&arts, &out, &["-v"]);
    assert!(!stderr.contains("extracted again"), "{stderr}");
}

#[test]
fn a_new_article_and_a_damaged_file_in_one_build_are_both_extracted() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = corpus(tmp.path());
    let out = tmp.path().join("out");
    let full = tmp.path().join("full");
    build(&arts, &out, &[]);
    damage_first_entry(&cache_files(&out)[0]);
    // Extracted first (no entry), then the damaged one in a second round.
    fs::write(
        arts.join("zz_added.txt"),
        "Ministers from Chile and Peru signed a fisheries accord in Lima on 3 May 2024.\n",
    )
    .unwrap();
    let stderr = build(&arts, &out, &["-v"]);
    assert_eq!(stderr.matches("extracted again").count(), 1, "{stderr}");
    build(&arts, &full, &["--no-cache"]);
    assert!(
        timeline(&out) == timeline(&full),
        "two rounds differ from full"
    );
}

/// When each file was last modified, by path.
fn mtimes(files: &[PathBuf]) -> Vec<(PathBuf, std::time::SystemTime)> {
    files
        .iter()
        .map(|p| (p.clone(), fs::metadata(p).unwrap().modified().unwrap()))
        .collect()
}

#[test]
fn the_stat_index_spares_unchanged_articles_and_never_hides_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = corpus(tmp.path());
    let out = tmp.path().join("out");
    let index = out.join(".cache/.stat-index");
    build(&arts, &out, &[]);
    // Files changed within two seconds of a scan are racy: hashed again
    // next time. Past that, the index vouches for them.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    build(&arts, &out, &[]);
    let settled = mtimes(std::slice::from_ref(&index));
    let stderr = build(&arts, &out, &["-v"]);
    assert_eq!(mtimes(std::slice::from_ref(&index)), settled, "{stderr}");
    let want = timeline(&out);
    // Touched, not changed: the same key, so no pack is written.
    let touched = arts.join(CORPUS[0].0);
    let before = mtimes(&cache_files(&out));
    let old = fs::metadata(&touched).unwrap().modified().unwrap();
    let later = old + std::time::Duration::from_secs(3600);
    let f = fs::File::options().write(true).open(&touched).unwrap();
    f.set_modified(later).unwrap();
    drop(f);
    build(&arts, &out, &[]);
    assert_eq!(mtimes(&cache_files(&out)), before);
    assert!(timeline(&out) == want);
    // Edited in place: the same size and modification time as before.
    let edited = arts.join(CORPUS[3].0);
    let text = fs::read_to_string(&edited).unwrap();
    let meta = fs::metadata(&edited).unwrap();
    let swapped = text.replacen("Monday", "Friday", 1);
    assert_ne!(text, swapped, "the test needs a weekday to change");
    fs::write(&edited, &swapped).unwrap();
    let f = fs::File::options().write(true).open(&edited).unwrap();
    f.set_modified(meta.modified().unwrap()).unwrap();
    drop(f);
    assert_eq!(fs::metadata(&edited).unwrap().len(), meta.len());
    build(&arts, &out, &[]);
    let full = tmp.path().join("full");
    fs::create_dir_all(&full).unwrap();
    fs::copy(out.join(".ids.tsv"), full.join(".ids.tsv")).unwrap();
    build(&arts, &full, &["--no-cache"]);
    assert!(timeline(&out) == timeline(&full), "an edit went unseen");
    assert!(
        timeline(&out) != want,
        "the edit should change the timeline"
    );
    // A damaged index is not trusted: every article is hashed again.
    let bytes = fs::read(&index).unwrap();
    fs::write(&index, &bytes[..bytes.len() / 2]).unwrap();
    build(&arts, &out, &[]);
    assert!(timeline(&out) == timeline(&full));
    assert_ne!(fs::read(&index).unwrap().len(), bytes.len() / 2);
}
