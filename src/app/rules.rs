//! `dateline rules check|test`: the analyst's loop for editing rule data.
//!
//! Both take a rules folder (`--rules DIR`, else the rules built into the
//! binary) and load each part of it as `build` does (event rules,
//! gazetteers, temporal patterns, ingest and splitter word lists,
//! coreference cues); a part that fails to load is reported, its examples
//! counted as not run, and the others still run. Problems go to stdout as `path:line:column: message` so
//! editors can jump to them; exit code 1 means "the rules need fixing".

use dateline::pipeline::Parts;
use std::path::Path;

/// Every load error, and example fields no pattern captures.
fn errors(parts: &Parts) -> Vec<String> {
    let mut out: Vec<String> = parts.errors().iter().map(|e| e.to_string()).collect();
    if let Ok(events) = &parts.rules {
        out.extend(events.example_field_errors().iter().map(|e| e.to_string()));
    }
    out
}

/// Prints every error; returns how many there were.
fn report_errors(parts: &Parts) -> usize {
    let errors = errors(parts);
    for e in &errors {
        println!("{e}");
    }
    errors.len()
}

/// Compiles every rule, pattern and word list.
pub fn check(dir: Option<&Path>) -> anyhow::Result<u8> {
    let dir = &super::rules_source::resolve(dir)?;
    let parts = Parts::load(dir);
    let errors = report_errors(&parts);
    if errors > 0 {
        println!("{errors} error(s)");
        return Ok(1);
    }
    println!(
        "ok: {} event rules ({} examples), {} temporal patterns, {} gazetteer names",
        parts.rules.as_ref().map(|e| e.rules().len()).unwrap_or(0),
        parts.rules.as_ref().map(|e| e.example_count()).unwrap_or(0),
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
    let errors = report_errors(&parts);
    let mut failures: Vec<String> = Vec::new();
    let mut total = 0;
    if let Ok(events) = &parts.rules {
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
    if let Ok(builder) = &parts.events {
        total += builder.example_count();
        failures.extend(builder.run_examples());
    }
    for f in &failures {
        println!("{f}");
    }
    let not_run = parts.not_run(dir);
    let skipped: usize = not_run.iter().map(|n| n.examples).sum();
    if errors > 0 {
        println!(
            "{errors} rule file error(s); failed to load: {}",
            parts
                .failed_files()
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for dateline::pipeline::NotRun {
        name,
        files,
        examples: n,
    } in &not_run
    {
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
