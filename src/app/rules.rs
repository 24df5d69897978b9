//! `dateline rules check|test`: the analyst's loop for editing rule data.
//!
//! Both take a rules folder (`--rules DIR`, else the rules built into the
//! binary) and load each part of it as `build` does (event rules,
//! gazetteers, temporal patterns, ingest and splitter word lists,
//! coreference cues); a part that fails to load is reported, its examples
//! counted as not run, and the others still run. Problems go to stdout as `path:line:column: message` so
//! editors can jump to them; exit code 1 means "the rules need fixing".

use dateline::error::RuleErrors;
use dateline::event_rules::EventRules;
use dateline::gazetteer::Gazetteer;
use dateline::ingest::IngestConfig;
use dateline::layout::Layout;
use dateline::mentions::EventBuilder;
use dateline::sentences::Splitter;
use dateline::temporal::Tagger;
use std::path::{Path, PathBuf};

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
        let layout = Layout::new(dir);
        let lang = layout.language();
        Parts {
            events: EventRules::load(&layout.events()),
            gazetteer: Gazetteer::load(&layout.gazetteer()),
            tagger: Tagger::load(&layout.temporal()),
            ingest: IngestConfig::load(&lang),
            splitter: Splitter::load(&lang),
            builder: EventBuilder::load(&lang),
        }
    }

    /// Every load error, and example fields no pattern captures.
    fn errors(&self) -> Vec<String> {
        let errs: [Option<&RuleErrors>; 6] = [
            self.events.as_ref().err(),
            self.gazetteer.as_ref().err(),
            self.tagger.as_ref().err(),
            self.ingest.as_ref().err(),
            self.splitter.as_ref().err(),
            self.builder.as_ref().err(),
        ];
        let mut out: Vec<String> = errs
            .into_iter()
            .flatten()
            .flat_map(|e| e.0.iter().map(|e| e.to_string()))
            .collect();
        if let Ok(events) = &self.events {
            out.extend(events.example_field_errors().iter().map(|e| e.to_string()));
        }
        out
    }

    /// Prints every error; returns how many there were.
    fn report_errors(&self) -> usize {
        let errors = self.errors();
        for e in &errors {
            println!("{e}");
        }
        errors.len()
    }

    /// For each part that failed to load: its name, the files it reads, and
    /// how many examples those files hold (none of which ran).
    fn not_run(&self, root: &Path) -> Vec<(&'static str, Vec<PathBuf>, usize)> {
        let dir = &Layout::new(root).language();
        let toml_in = |d: PathBuf| -> Vec<PathBuf> {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&d)
                .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.retain(|p| p.extension().is_some_and(|x| x == "toml"));
            v.sort();
            v
        };
        let parts: [(&'static str, bool, Vec<PathBuf>); 4] = [
            (
                "event rules",
                self.events.is_err(),
                toml_in(dir.join("events")),
            ),
            (
                "temporal patterns",
                self.tagger.is_err(),
                toml_in(dir.join("temporal")),
            ),
            (
                "datelines",
                self.ingest.is_err(),
                vec![dir.join("ingest.toml")],
            ),
            (
                "coreference and casualty cues",
                self.builder.is_err(),
                vec![dir.join("coreference.toml"), dir.join("numbers.toml")],
            ),
        ];
        parts
            .into_iter()
            .filter(|(_, failed, _)| *failed)
            .map(|(name, _, files)| {
                let n = files.iter().map(|f| examples_in(f)).sum();
                (name, files, n)
            })
            .collect()
    }
}

/// Examples and counter-examples a data file holds, counted from its TOML
/// without compiling it (0 when it does not even parse).
fn examples_in(path: &Path) -> usize {
    fn walk(v: &toml::Value) -> usize {
        match v {
            toml::Value::Table(t) => t
                .iter()
                .map(|(k, v)| match (k.as_str(), v) {
                    ("examples" | "counter_examples", toml::Value::Array(a)) => a.len(),
                    _ => walk(v),
                })
                .sum(),
            toml::Value::Array(a) => a.iter().map(walk).sum(),
            _ => 0,
        }
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return 0;
    };
    match text.parse::<toml::Table>() {
        Ok(t) => walk(&toml::Value::Table(t)),
        // Broken TOML: each example is an inline table with a `text` key.
        Err(_) => text.matches("{ text =").count(),
    }
}

/// The files named by load errors: those that failed to load.
fn failed_files(parts: &Parts) -> Vec<String> {
    let errs: [Option<&RuleErrors>; 6] = [
        parts.events.as_ref().err(),
        parts.gazetteer.as_ref().err(),
        parts.tagger.as_ref().err(),
        parts.ingest.as_ref().err(),
        parts.splitter.as_ref().err(),
        parts.builder.as_ref().err(),
    ];
    let mut files: Vec<String> = errs
        .into_iter()
        .flatten()
        .flat_map(|e| e.0.iter().map(|e| e.file.display().to_string()))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// Compiles every rule, pattern and word list.
pub fn check(dir: Option<&Path>) -> anyhow::Result<u8> {
    let dir = &super::rules_source::resolve(dir)?;
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
pub fn test(dir: Option<&Path>) -> anyhow::Result<u8> {
    let dir = &super::rules_source::resolve(dir)?;
    let parts = Parts::load(dir);
    let errors = parts.report_errors();
    let mut failures: Vec<String> = Vec::new();
    let mut total = 0;
    if let Ok(events) = &parts.events {
        failures.extend(events.run_examples().iter().map(|f| f.to_string()));
        total += events.example_count();
    }
    if let Ok(tagger) = &parts.tagger {
        let (n, fails) = dateline::temporal::examples::run(tagger);
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
    let not_run = parts.not_run(dir);
    let skipped: usize = not_run.iter().map(|(_, _, n)| n).sum();
    if errors > 0 {
        println!(
            "{errors} rule file error(s); failed to load: {}",
            failed_files(&parts).join(", ")
        );
    }
    for (name, files, n) in &not_run {
        let mut places: Vec<String> = files
            .iter()
            .map(|f| match f.parent() {
                Some(p) if p != dir => format!("{}/", p.display()),
                _ => f.display().to_string(),
            })
            .collect();
        places.dedup();
        println!(
            "not run: {n} examples of the {name} ({})",
            places.join(", ")
        );
    }
    let mut summary = format!(
        "{} passed, {} failed",
        total - failures.len(),
        failures.len()
    );
    if skipped > 0 || errors > 0 {
        summary.push_str(&format!(", {skipped} not run (rules failed to load)"));
    }
    println!("{summary}");
    Ok(if failures.is_empty() && errors == 0 {
        0
    } else {
        1
    })
}

/// `dateline rules export DIR`: the built-in rules as files, to edit and
/// use with `--rules DIR`.
pub fn export(dir: &Path, force: bool) -> anyhow::Result<u8> {
    let n = super::rules_source::write_tree(dir, force)?;
    println!(
        "wrote {n} files to {}; use them with --rules {}",
        dir.display(),
        dir.display()
    );
    Ok(0)
}
