//! A fresh build with a store drops each article's mentions once they are
//! written and reads them back to merge: the timeline must be the one a
//! build that kept them in memory makes.

mod support;

use dateline::ids::Ledger;
use dateline::pipeline::{self, Engine, Store};
use std::fs;
use std::path::Path;
use support::{CORPUS, write_all};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn spilled_mentions_read_back_give_the_timeline_kept_ones_give() {
    spilled_to(|dir| Store {
        dir,
        stamp: "test".into(),
        reuse: true,
        packs: None,
    });
}

#[test]
fn mentions_spilled_to_packs_read_back_give_the_same_timeline() {
    spilled_to(|dir| {
        fs::create_dir_all(&dir).unwrap();
        Store::packed(dir, "test".into(), true)
    });
}

fn spilled_to(store: impl Fn(std::path::PathBuf) -> Store) {
    let engine = Engine::load(&Path::new(ROOT).join("rules")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let arts = tmp.path().join("articles");
    write_all(&arts, CORPUS);
    // Copies under other names: enough misses for the batch path.
    for (i, (name, text)) in CORPUS.iter().enumerate() {
        fs::write(arts.join(format!("again_{i}_{name}")), text).unwrap();
    }
    let kept = pipeline::build(&engine, &arts, &|| {}).unwrap();
    let store = store(tmp.path().join("store"));
    fs::create_dir_all(&store.dir).unwrap();
    let listing = pipeline::list_articles_with(&arts, &engine.limits).unwrap();
    let spilled = pipeline::build_listed(
        &engine,
        &arts,
        listing,
        Some(&store),
        Ledger::default(),
        &|_| {},
    )
    .unwrap();
    assert!(spilled.errors.is_empty(), "{:?}", spilled.errors);
    assert!(!kept.events.is_empty());
    let json = |o: &pipeline::BuildOutput| serde_json::to_string(&o.events).unwrap();
    assert_eq!(json(&kept), json(&spilled));
    assert_eq!(kept.warnings, spilled.warnings);
}
