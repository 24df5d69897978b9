//! Persistent ids: an event keeps its id across regenerations while any of
//! its mentions remains, whatever is added or removed around it, and a copy
//! of an article changes nothing. Each change is tried on every article.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use support::{CORPUS, build, events, write_all};

/// id → the mentions ("doc@start") of each event.
fn ids(out: &Path) -> BTreeMap<String, BTreeSet<String>> {
    events(out)
        .into_iter()
        .map(|(id, _, _, m)| (id, m.into_iter().collect()))
        .collect()
}

/// Every event of `before` whose mentions all remain is still there under
/// its id, with at least those mentions.
fn survivors_keep_ids(
    before: &BTreeMap<String, BTreeSet<String>>,
    after: &BTreeMap<String, BTreeSet<String>>,
    removed_doc: Option<&str>,
) {
    for (id, mentions) in before {
        let remaining: BTreeSet<&String> = mentions
            .iter()
            .filter(|m| removed_doc.is_none_or(|d| !m.starts_with(&format!("{d}@"))))
            .collect();
        if remaining.is_empty() {
            continue;
        }
        let now = after
            .get(id)
            .unwrap_or_else(|| panic!("{id} ({mentions:?}) lost its id; now {after:#?}"));
        assert!(
            remaining.iter().all(|m| now.contains(*m)),
            "{id} changed: {mentions:?} -> {now:?}"
        );
    }
}

/// A fresh corpus built once; returns (articles, out, ids).
fn base(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let arts = dir.join("articles");
    write_all(&arts, CORPUS);
    let out = dir.join("out");
    build(&arts, &out, &[]);
    (arts, out)
}

#[test]
fn adding_an_unrelated_article_changes_no_id() {
    let tmp = tempfile::tempdir().unwrap();
    let (arts, out) = base(tmp.path());
    let before = ids(&out);
    fs::write(
        arts.join("00_fiji.txt"),
        "date 2024-08-20\nFiji's Prime Minister Sitiveni Rabuka arrived in Wellington on Monday for talks on climate finance.\n",
    )
    .unwrap();
    build(&arts, &out, &[]);
    let after = ids(&out);
    survivors_keep_ids(&before, &after, None);
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn adding_a_copy_of_every_article_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (arts, out) = base(tmp.path());
    let before = events(&out);
    // Names that sort before every other.
    for (name, text) in CORPUS {
        fs::write(arts.join(format!("000_copy_of_{name}")), text).unwrap();
    }
    build(&arts, &out, &[]);
    assert_eq!(events(&out), before);
}

#[test]
fn adding_a_retelling_keeps_the_told_events_id() {
    let tmp = tempfile::tempdir().unwrap();
    let (arts, out) = base(tmp.path());
    let before = ids(&out);
    // Another outlet's report of the Hodeidah strikes, named to sort first.
    fs::write(
        arts.join("0_second_outlet.txt"),
        "date 2024-01-14\nWarplanes struck rebel positions in Hodeidah on Friday, killing six fighters.\n",
    )
    .unwrap();
    build(&arts, &out, &[]);
    let after = ids(&out);
    survivors_keep_ids(&before, &after, None);
    let strike = after
        .values()
        .find(|m| m.iter().any(|m| m.starts_with("yemen_strike.txt@")))
        .unwrap();
    assert!(
        strike.iter().any(|m| m.starts_with("0_second_outlet.txt@")),
        "the re-telling should join the strike: {after:#?}"
    );
}

/// A new `--out` holding what the next build reads of `from`: the id
/// ledger and the cache.
fn clone_out(from: &Path, to: &Path) {
    fs::create_dir_all(to.join(".cache")).unwrap();
    fs::copy(from.join(".ids.tsv"), to.join(".ids.tsv")).unwrap();
    for e in fs::read_dir(from.join(".cache")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, to.join(".cache").join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn removing_any_article_changes_no_other_id() {
    let tmp = tempfile::tempdir().unwrap();
    let (arts, out) = base(tmp.path());
    let before = ids(&out);
    for (i, (name, text)) in CORPUS.iter().enumerate() {
        let next = tmp.path().join(format!("out{i}"));
        clone_out(&out, &next);
        fs::remove_file(arts.join(name)).unwrap();
        build(&arts, &next, &[]);
        fs::write(arts.join(name), text).unwrap();
        survivors_keep_ids(&before, &ids(&next), Some(name));
    }
}
