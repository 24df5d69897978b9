//! `dateline extract`: articles in, one mention file per article out; the
//! half of `build` that can run on many machines at once (see
//! `docs/mentions.md`).

use clap::Args;
use dateline::error::IngestError;
use dateline::manifest::Manifest;
use dateline::pipeline::{self, Engine, StageTimes, Store};
use rayon::prelude::*;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Folder of article files (and optionally sources.csv).
    #[arg(long, default_value = "seeds")]
    pub articles: PathBuf,
    /// Folder that receives the mention files (<key>.jsonl).
    #[arg(long)]
    pub out: PathBuf,
    /// Folder of rules and word lists (default: the rules built into the binary).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Extract again even where OUT already has a valid file for the article.
    #[arg(long)]
    pub force: bool,
    /// Print every warning, not only the count.
    #[arg(long, short)]
    pub verbose: bool,
    #[command(flatten)]
    pub limits: super::build::LimitArgs,
}

pub fn run(args: &ExtractArgs) -> anyhow::Result<u8> {
    let limits = args.limits.limits();
    let listing = pipeline::list_articles_with(&args.articles, &limits)?;
    let rules = super::rules_source::resolve(args.rules.as_deref())?;
    let mut engine = Engine::load(&rules).map_err(|e| anyhow::anyhow!("bad rules:\n{e}"))?;
    engine.limits = limits;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| anyhow::anyhow!("{}: cannot make the folder: {e}", args.out.display()))?;
    let stamp = dateline::cache::stamp(&rules, &super::build::program_id(), &engine.limits)
        .map_err(|e| anyhow::anyhow!("{}: cannot read the rules: {e}", rules.display()))?;
    let store = Store {
        dir: args.out.clone(),
        stamp,
        reuse: !args.force,
        packs: None,
    };
    let (manifest, manifest_errors) = Manifest::load(&args.articles);
    let mut warnings = listing.skipped.clone();
    warnings.extend(manifest.warnings.iter().cloned());
    let times = StageTimes::default();
    let bar = super::build::progress_bar(listing.bytes);
    // Each article's mentions are written and dropped at once: only counts
    // come back, so memory does not grow with the corpus.
    let results: Vec<Result<(usize, Vec<String>), IngestError>> = listing
        .files
        .par_iter()
        .map(|(path, name)| {
            let r = pipeline::extract_one(&engine, path, name, &manifest, Some(&store), &times);
            bar.inc(std::fs::metadata(path).map_or(0, |m| m.len()));
            r.map(|x| (x.header.mentions, x.header.warnings))
        })
        .collect();
    bar.finish_and_clear();
    let (mut articles, mut mentions) = (0, 0);
    let mut errors = manifest_errors;
    for r in results {
        match r {
            Ok((n, w)) => {
                articles += 1;
                mentions += n;
                warnings.extend(w);
            }
            Err(e @ IngestError::NotText { .. }) => warnings.push(e.to_string()),
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        eprintln!("dateline: error: {e}");
    }
    if args.verbose {
        for w in &warnings {
            eprintln!("dateline: warning: {w}");
        }
    }
    println!(
        "{articles} articles, {mentions} mentions, {} warnings, {} errors -> {}",
        warnings.len(),
        errors.len(),
        args.out.display()
    );
    Ok(if errors.is_empty() { 0 } else { 1 })
}
