//! `dateline build`: articles folder in, timeline files out.

use clap::Args;
use dateline::ids::{self, Ledger};
use dateline::pipeline::{self, Engine, Limits, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Fail at once when another build is writing into --out (default: wait).
    #[arg(long)]
    pub no_wait: bool,
    /// Write only events that may lie on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Write only events that may lie on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Write only events of these kinds (repeat, or separate with commas).
    #[arg(long, value_name = "KIND", num_args = 1..)]
    pub kind: Vec<String>,
    /// Extract every article again instead of reusing the mentions kept
    /// under OUT/.cache from earlier builds.
    #[arg(long)]
    pub no_cache: bool,
}

/// The size and symlink limits `build` and `extract` both take.
#[derive(Args, Debug)]
pub struct LimitArgs {
    /// Articles larger than this many megabytes are skipped with a warning.
    #[arg(long, default_value_t = 20)]
    pub max_article_mb: u64,
    /// Sentences longer than this many bytes are cut, with a warning.
    #[arg(long, default_value_t = 4096)]
    pub max_sentence_bytes: usize,
    /// Also read symlinks that point outside the articles folder.
    #[arg(long)]
    pub follow_symlinks: bool,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        Limits {
            max_article_bytes: self.max_article_mb.saturating_mul(1 << 20),
            max_sentence_bytes: self.max_sentence_bytes,
            follow_symlinks: self.follow_symlinks,
        }
    }
}

/// The build cache under `out`, or none (with a warning) when it cannot
/// be made: the build then extracts everything, as with `--no-cache`.
fn cache_store(out: &Path, rules: &Path, limits: &Limits, reuse: bool) -> Option<Store> {
    let dir = out.join(dateline::cache::CACHE_DIR);
    let made = std::fs::create_dir_all(&dir).and_then(|()| {
        dateline::cache::stamp(rules, &program_id(), limits)
            .map(|stamp| Store::packed(dir, stamp, reuse))
    });
    match made {
        Ok(store) => Some(store),
        Err(e) => {
            eprintln!(
                "dateline: warning: no build cache in {} ({e}); extracting every article",
                out.display()
            );
            None
        }
    }
}

/// This binary's identity for the cache: its version, size and time of
/// writing, so a rebuilt program never trusts what an older one extracted
/// (reading its bytes would cost more than a small incremental build).
pub fn program_id() -> String {
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    let (len, mtime) = meta.map_or((0, 0), |m| {
        let t = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        (m.len(), t)
    });
    format!("{} {len} {mtime}", env!("CARGO_PKG_VERSION"))
}

/// Publishes the timeline, then the id ledger the next generation reads.
/// The ledger is written aside first and dropped, so it is not held in
/// memory while the timeline is written (a large corpus's ledger has an
/// entry per mention).
pub fn publish(
    out_dir: &Path,
    events: &[dateline::merge::Event],
    documents: &[pipeline::DocSummary],
    ledger: Ledger,
) -> anyhow::Result<()> {
    let path = out_dir.join(ids::FILE);
    let aside = ledger.write_aside(&path);
    drop(ledger);
    let written = dateline::output::write(out_dir, events, documents).map_err(|e| {
        anyhow::anyhow!(
            "writing the timeline failed: {e}\nthe previous timeline in {} is unchanged",
            out_dir.display()
        )
    });
    if let (Err(_), Ok(tmp)) = (&written, &aside) {
        let _ = std::fs::remove_file(tmp);
    }
    written?;
    // A lost ledger only means ids made from content next time.
    if let Err(e) = aside.and_then(|tmp| std::fs::rename(&tmp, &path)) {
        eprintln!(
            "dateline: warning: {}: id ledger not written ({e}); the next build makes ids from content",
            out_dir.join(ids::FILE).display()
        );
    }
    Ok(())
}

/// Bytes above which a progress bar is worth showing.
const PROGRESS_FROM: u64 = 4 << 20;

pub fn run(args: &BuildArgs) -> anyhow::Result<u8> {
    let out_dir = &args.out;
    // Before any work: a bad --out or a busy one is known at once.
    let (_lock, stale) = claim_out(out_dir, !args.no_wait)?;
    if !stale.is_empty() {
        eprintln!(
            "dateline: removed {} leftover(s) of an interrupted build in {}",
            stale.len(),
            out_dir.display()
        );
    }
    let limits = args.limits.limits();
    let listing = list(args, &limits)?;
    let rules = super::rules_source::resolve(args.rules.as_deref())?;
    // From the rules' loading to the end of extraction.
    let purge = std::cell::RefCell::new(None);
    let load = || -> anyhow::Result<Engine> {
        purge
            .borrow_mut()
            .get_or_insert_with(super::process::PromptPurge::start);
        let mut engine = Engine::load(&rules).map_err(|e| anyhow::anyhow!("bad rules:\n{e}"))?;
        engine.limits = limits.clone();
        Ok(engine)
    };
    // Kinds are only known from compiled rules; without --kind an
    // all-cached build need not compile them at all.
    let mut eager = None;
    let filter = if args.kind.is_empty() {
        super::filter::EventFilter::new(args.since.as_deref(), args.until.as_deref(), &[], &[])?
    } else {
        let engine = eager.insert(std::sync::Arc::new(load()?));
        super::filter::EventFilter::new(
            args.since.as_deref(),
            args.until.as_deref(),
            &args.kind,
            engine.rules.kinds(),
        )?
    };
    let store = cache_store(out_dir, &rules, &limits, !args.no_cache);
    let bar = progress_bar(listing.bytes);
    let mut out = pipeline::build_listed_lazy(
        // Called again only if a cached file proves stale after the misses.
        || match &eager {
            Some(engine) => Ok(std::sync::Arc::clone(engine)),
            None => load().map(std::sync::Arc::new),
        },
        &args.articles,
        listing,
        store.as_ref(),
        || {
            drop(purge.take());
            Ledger::read(&out_dir.join(ids::FILE))
        },
        &|n| bar.inc(n),
    )?;
    // Ids are recorded for every event, so a filtered build does not make
    // the next one forget the ids of what it left out.
    let ledger = std::mem::take(&mut out.ledger);
    out.events.retain(|e| filter.keeps(e));
    bar.finish_and_clear();
    publish(out_dir, &out.events, &out.documents, ledger)?;
    let tally = Tally {
        articles: out.documents.len(),
        sentences: out.sentences,
        events: out.events.len(),
    };
    report(out_dir, args.verbose, &tally, &out.warnings, &out.errors);
    report_extras(args, &out);
    Ok(if out.errors.is_empty() { 0 } else { 1 })
}

/// The articles to read; none at all is an error before the rules are
/// loaded, so the old timeline is not replaced by an empty one.
fn list(args: &BuildArgs, limits: &Limits) -> anyhow::Result<pipeline::Listing> {
    let listing = pipeline::list_articles_with(&args.articles, limits)?;
    if listing.files.is_empty() {
        for s in &listing.skipped {
            eprintln!("dateline: warning: {s}");
        }
        anyhow::bail!(
            "{}: no articles (.txt or .md files) found; the timeline in {} is left as it was",
            args.articles.display(),
            args.out.display()
        );
    }
    Ok(listing)
}

/// Takes `out_dir` for this command (saying so while another build holds
/// it) and clears what an interrupted build left there, whose names are
/// returned. `build` and `merge` write the same files, so they share this.
pub fn claim_out(
    out_dir: &Path,
    wait: bool,
) -> anyhow::Result<(dateline::output::OutLock, Vec<String>)> {
    let lock = dateline::output::lock(out_dir, wait, || {
        eprintln!(
            "dateline: another build is writing into {}; waiting for it to finish (--no-wait to fail instead)",
            out_dir.display()
        )
    })?;
    let stale = dateline::output::remove_stale(out_dir)?;
    Ok((lock, stale))
}

/// The counts of the closing summary line.
pub struct Tally {
    pub articles: usize,
    pub sentences: usize,
    pub events: usize,
}

/// The closing lines `build` and `merge` print alike: each error, the
/// warnings when asked for, then one summary line on stdout.
pub fn report<E: std::fmt::Display>(
    out_dir: &Path,
    verbose: bool,
    tally: &Tally,
    warnings: &[String],
    errors: &[E],
) {
    for e in errors {
        eprintln!("dateline: error: {e}");
    }
    if verbose {
        for w in warnings {
            eprintln!("dateline: warning: {w}");
        }
    }
    println!(
        "{} articles, {} sentences, {} events, {} warnings, {} errors -> {}",
        tally.articles,
        tally.sentences,
        tally.events,
        warnings.len(),
        errors.len(),
        out_dir.display()
    );
}

/// What only `build` reports: skipped files and, on request, stage times.
fn report_extras(args: &BuildArgs, out: &pipeline::BuildOutput) {
    if out.skipped > 0 {
        eprintln!(
            "dateline: {} file(s) skipped: not articles, not regular files, too large or binary{}",
            out.skipped,
            if args.verbose { "" } else { " (-v lists them)" }
        );
    }
    if args.timings {
        for stage in dateline::pipeline::Stage::ALL {
            eprintln!("{:>10} {:8.2} s", stage.name(), out.times.seconds(stage));
        }
    }
}

/// A bar that moves by bytes read, so one huge article does not look like
/// a hang among small ones; shown on a terminal for large inputs only.
pub fn progress_bar(bytes: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() || bytes < PROGRESS_FROM {
        return ProgressBar::hidden();
    }
    let b = ProgressBar::new(bytes);
    b.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {elapsed} (eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    b
}
