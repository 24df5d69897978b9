//! `dateline rules check|test`: the analyst's loop for editing rule data.
//!
//! Both take the rules folder (`rules/`) and load each part of it as `build`
//! does (event rules, gazetteers, temporal patterns, ingest and splitter word
//! lists, coreference cues); a part that fails to load is reported and the
//! others still run. Problems go to stdout as `path:line:column: message` so
//! editors can jump to them; exit code 1 means "the rules need fixing".

use crate::error::RuleErrors;
use crate::events::EventBuilder;
use crate::gazetteer::Gazetteer;
use crate::ingest::IngestConfig;
use crate::rules::EventRules;
use crate::sentences::Splitter;
use crate::temporal::Tagger;
use std::path::Path;

/// Every part of the rules folder, each loaded on its own.
struct Parts {
    events: Result<EventRules, RuleErrors>,
    gazetteer: Result<Gazetteer, RuleErrors>,
    tagger: Result<Tagger, RuleErrors>,
    ingest: Result<IngestConfig, RuleErrors>,
    splitter: Result<Splitter, RuleErrors>,
    builder: Result<EventBuilder, RuleErrors>,
}

impl Parts {
    fn load(dir: &Path) -> Parts {
        Parts {
            events: EventRules::load(&dir.join("events")),
            gazetteer: Gazetteer::load(&dir.join("gazetteer")),
            tagger: Tagger::load(&dir.join("temporal")),
            ingest: IngestConfig::load(dir),
            splitter: Splitter::load(dir),
            builder: EventBuilder::load(dir),
        }
    }

    /// Prints every load error; returns how many there were.
    fn report_errors(&self) -> usize {
        let errs: [Option<&RuleErrors>; 6] = [
            self.events.as_ref().err(),
            self.gazetteer.as_ref().err(),
            self.tagger.as_ref().err(),
            self.ingest.as_ref().err(),
            self.splitter.as_ref().err(),
            self.builder.as_ref().err(),
        ];
        let mut n = 0;
        for e in errs.into_iter().flatten() {
            for err in &e.0 {
                println!("{err}");
                n += 1;
            }
        }
        n
    }
}

/// Compiles every rule, pattern and word list.
pub fn check(dir: &Path) -> anyhow::Result<u8> {
    let parts = Parts::load(dir);
    let errors = parts.report_errors();
    if errors > 0 {
        println!("{errors} error(s)");
        return Ok(1);
    }
    println!(
        "ok: {} event rules ({} examples), {} temporal patterns, {} gazetteer names",
        parts.events.as_ref().map(|e| e.rules().len()).unwrap_or(0),
        parts
            .events
            .as_ref()
            .map(|e| e.example_count())
            .unwrap_or(0),
        parts
            .tagger
            .as_ref()
            .map(|t| t.patterns().len())
            .unwrap_or(0),
        parts
            .gazetteer
            .as_ref()
            .map(|g| g.name_count())
            .unwrap_or(0),
    );
    Ok(0)
}

/// Runs every example of whatever loaded: event rules (examples and
/// counter-examples), temporal patterns, datelines and coreference cues.
pub fn test(dir: &Path) -> anyhow::Result<u8> {
    let parts = Parts::load(dir);
    let errors = parts.report_errors();
    let mut failures: Vec<String> = Vec::new();
    let mut total = 0;
    if let Ok(events) = &parts.events {
        failures.extend(events.run_examples().iter().map(|f| f.to_string()));
        total += events.example_count();
    }
    if let Ok(tagger) = &parts.tagger {
        let (n, fails) = crate::temporal::examples::run(tagger);
        total += n;
        failures.extend(fails);
    }
    if let Ok(ingest) = &parts.ingest {
        total += ingest.example_count();
        failures.extend(ingest.run_examples());
    }
    if let Ok(builder) = &parts.builder {
        total += builder.example_count();
        failures.extend(builder.run_examples());
    }
    for f in &failures {
        println!("{f}");
    }
    if errors > 0 {
        println!("{errors} rule file error(s)");
    }
    println!(
        "{} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    Ok(if failures.is_empty() && errors == 0 {
        0
    } else {
        1
    })
}
