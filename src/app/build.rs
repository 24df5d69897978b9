//! `dateline build`: articles folder in, timeline files out.

use crate::pipeline::{self, Engine};
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Folder of article files (and optionally sources.csv).
    #[arg(long, default_value = "seeds")]
    pub articles: PathBuf,
    /// Folder of rules and word lists (default: the rules built into the binary).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Folder that receives timeline.csv and timeline.json.
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
    /// Print every warning, not only the count.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print the time each stage took (summed over threads).
    #[arg(long)]
    pub timings: bool,
    /// Write only events that may lie on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Write only events that may lie on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Write only events of these kinds (repeat, or separate with commas).
    #[arg(long, value_name = "KIND", num_args = 1..)]
    pub kind: Vec<String>,
}

/// Articles above which a progress bar is worth showing.
const PROGRESS_FROM: u64 = 200;

pub fn run(args: &BuildArgs) -> anyhow::Result<u8> {
    let rules = super::rules_source::resolve(args.rules.as_deref())?;
    let engine = Engine::load(&rules).map_err(|e| anyhow::anyhow!("bad rules:\n{e}"))?;
    let filter = super::filter::EventFilter::new(
        args.since.as_deref(),
        args.until.as_deref(),
        &args.kind,
        engine.rules.kinds(),
    )?;
    let (files, _) = pipeline::list_articles(&args.articles)?;
    let bar = if std::io::stderr().is_terminal() && files.len() as u64 >= PROGRESS_FROM {
        let b = ProgressBar::new(files.len() as u64);
        b.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed} (eta {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let mut out = pipeline::build(&engine, &args.articles, &|| bar.inc(1))?;
    out.events.retain(|e| filter.keeps(e));
    bar.finish_and_clear();
    crate::output::write(&args.out, &out.events, &out.documents).context("writing the timeline")?;
    crate::output::write_atomic(&args.out.join("timeline.xlsx"), |w| {
        crate::xlsx::write_xlsx(w, &out.events, &out.documents)
    })
    .context("writing the timeline")?;
    crate::output::write_atomic(&args.out.join("timeline.html"), |w| {
        crate::html::write_html(w, &out.events, &out.documents)
    })
    .context("writing the timeline")?;
    for e in &out.errors {
        eprintln!("dateline: error: {e}");
    }
    if args.verbose {
        for w in &out.warnings {
            eprintln!("dateline: warning: {w}");
        }
    }
    println!(
        "{} articles, {} sentences, {} events, {} warnings, {} errors -> {}",
        out.documents.len(),
        out.sentences,
        out.events.len(),
        out.warnings.len(),
        out.errors.len(),
        args.out.display()
    );
    if args.timings {
        for stage in crate::pipeline::Stage::ALL {
            eprintln!("{:>10} {:8.2} s", stage.name(), out.times.seconds(stage));
        }
    }
    Ok(if out.errors.is_empty() { 0 } else { 1 })
}
