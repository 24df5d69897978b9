//! `dateline merge`: mention files in (from `extract`, on this machine or
//! many), timeline out, exactly as `build` would write it.

use clap::Args;
use dateline::ids::{self, Ledger};
use dateline::mentionfile::{self, Extracted, MentionFileError};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct MergeArgs {
    /// Folders of mention files (every *.jsonl directly in each), or single files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Folder that receives the timeline files.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Print every warning, not only the count.
    #[arg(long, short)]
    pub verbose: bool,
    /// Fail at once when another build is writing into --out (default: wait).
    #[arg(long)]
    pub no_wait: bool,
}

pub fn run(args: &MergeArgs) -> anyhow::Result<u8> {
    let out_dir = &args.out;
    let _lock = super::build::claim_out(out_dir, !args.no_wait)?;
    let files = list_inputs(&args.inputs)?;
    let (docs, stamps, errors) = read_all(&files);
    if docs.is_empty() {
        for e in &errors {
            eprintln!("dateline: error: {e}");
        }
        anyhow::bail!(
            "no usable mention files; the timeline in {} is left as it was",
            out_dir.display()
        );
    }
    let mut warnings = Vec::new();
    if stamps > 1 {
        warnings.push(format!(
            "the mention files were made with {stamps} different rules or program versions"
        ));
    }
    let previous = Ledger::read(&out_dir.join(ids::FILE));
    let merged = dateline::pipeline::merge_extracted(docs, previous);
    warnings.extend(merged.warnings);
    super::build::publish(out_dir, &merged.events, &merged.documents, merged.ledger)?;
    let tally = super::build::Tally {
        articles: merged.documents.len(),
        sentences: merged.sentences,
        events: merged.events.len(),
    };
    super::build::report(out_dir, args.verbose, &tally, &warnings, &errors);
    Ok(if errors.is_empty() { 0 } else { 1 })
}

/// The mention files named: every one in each folder, or the file itself.
fn list_inputs(inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            files.extend(mentionfile::list(input)?);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            anyhow::bail!("{}: no such folder or file", input.display());
        }
    }
    Ok(files)
}

/// Reads every file (in parallel): the usable ones, how many different
/// rule/program stamps they carry, and an error for each file that could
/// not be read or repeats an article already read (the first copy wins,
/// so a stale file left beside a fresh one is named, not merged twice).
fn read_all(files: &[PathBuf]) -> (Vec<Extracted>, usize, Vec<String>) {
    let read: Vec<Result<Extracted, MentionFileError>> =
        files.par_iter().map(|f| mentionfile::read(f)).collect();
    let mut errors = Vec::new();
    let mut docs = Vec::with_capacity(read.len());
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut stamps = std::collections::BTreeSet::new();
    for (r, file) in read.into_iter().zip(files) {
        match r {
            Err(e) => errors.push(e.to_string()),
            Ok(x) => {
                if let Some(first) = seen.get(&x.header.doc) {
                    errors.push(format!(
                        "{}: {} is already in {}: left out (remove the stale file)",
                        file.display(),
                        x.header.doc,
                        first.display()
                    ));
                    continue;
                }
                seen.insert(x.header.doc.clone(), file.clone());
                stamps.insert(x.header.stamp.clone());
                docs.push(x);
            }
        }
    }
    (docs, stamps.len(), errors)
}
