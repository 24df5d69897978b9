//! `dateline rules check|test`: the analyst's loop for editing rule data.
//!
//! Both take the rules folder (`rules/`), whose `events/` and `gazetteer/`
//! subfolders they load. Problems go to stdout as `path:line:column: message`
//! so editors can jump to them; exit code 1 means "the rules need fixing".

use crate::error::RuleErrors;
use crate::gazetteer::Gazetteer;
use crate::rules::EventRules;
use std::path::Path;

/// Loads both rule sets, printing every error; `None` if any failed.
fn load_all(dir: &Path) -> Option<(EventRules, Gazetteer)> {
    let events = EventRules::load(&dir.join("events"));
    let gazetteer = Gazetteer::load(&dir.join("gazetteer"));
    let print = |e: &RuleErrors| {
        for err in &e.0 {
            println!("{err}");
        }
    };
    match (events, gazetteer) {
        (Ok(e), Ok(g)) => Some((e, g)),
        (e, g) => {
            let mut n = 0;
            if let Err(err) = &e {
                print(err);
                n += err.0.len();
            }
            if let Err(err) = &g {
                print(err);
                n += err.0.len();
            }
            println!("{n} error(s)");
            None
        }
    }
}

/// Compiles every rule and gazetteer file.
pub fn check(dir: &Path) -> anyhow::Result<u8> {
    let Some((events, gazetteer)) = load_all(dir) else {
        return Ok(1);
    };
    for (rule, k) in events.unfiltered_patterns() {
        println!(
            "{}:{}: note: rule {}: pattern {} has no word every match must contain, so it runs on every sentence",
            rule.file.display(),
            rule.line,
            rule.id,
            k + 1
        );
    }
    println!(
        "ok: {} event rules, {} examples, {} gazetteer names",
        events.rules().len(),
        events.example_count(),
        gazetteer.name_count()
    );
    Ok(0)
}

/// Runs every example and counter-example of every rule.
pub fn test(dir: &Path) -> anyhow::Result<u8> {
    let Some((events, _)) = load_all(dir) else {
        return Ok(1);
    };
    let failures = events.run_examples();
    for f in &failures {
        println!("{f}");
    }
    let total = events.example_count();
    println!(
        "{} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    Ok(if failures.is_empty() { 0 } else { 1 })
}
