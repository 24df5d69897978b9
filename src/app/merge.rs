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
    let _lock = dateline::output::lock(out_dir, !args.no_wait, || {
        eprintln!(
            "dateline: another build is writing into {}; waiting for it to finish (--no-wait to fail instead)",
            out_dir.display()
        )
    })?;
    dateline::output::remove_stale(out_dir)?;
    let mut files = Vec::new();
    for input in &args.inputs {
        if input.is_dir() {
            files.extend(mentionfile::list(input)?);
        } else if input.is_file() {
            files.push(input.clone());
        } else {
            anyhow::bail!("{}: no such folder or file", input.display());
        }
    }
    let read: Vec<Result<Extracted, MentionFileError>> =
        files.par_iter().map(|f| mentionfile::read(f)).collect();
    let mut errors = Vec::new();
    let mut docs = Vec::with_capacity(read.len());
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut stamps = std::collections::BTreeSet::new();
    for (r, file) in read.into_iter().zip(&files) {
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
    if stamps.len() > 1 {
        warnings.push(format!(
            "the mention files were made with {} different rules or program versions",
            stamps.len()
        ));
    }
    let previous = Ledger::read(&out_dir.join(ids::FILE));
    let merged = dateline::pipeline::merge_extracted(docs, &previous);
    drop(previous);
    warnings.extend(merged.warnings);
    super::build::publish(out_dir, &merged.events, &merged.documents, merged.ledger)?;
    for e in &errors {
        eprintln!("dateline: error: {e}");
    }
    if args.verbose {
        for w in &warnings {
            eprintln!("dateline: warning: {w}");
        }
    }
    println!(
        "{} articles, {} sentences, {} events, {} warnings, {} errors -> {}",
        merged.documents.len(),
        merged.sentences,
        merged.events.len(),
        warnings.len(),
        errors.len(),
        out_dir.display()
    );
    Ok(if errors.is_empty() { 0 } else { 1 })
}
