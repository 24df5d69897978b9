//! The `dateline` command: parses arguments, calls the library, renders errors.

mod app;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Tagging allocates many small, short-lived values (match groups, strings)
/// on every worker; mimalloc serves them in less time than the system
/// allocator. The `system-alloc` feature leaves it out so that heap profilers
/// which hook the system allocator (heaptrack) see every allocation.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dateline",
    version,
    about = "News articles in, a chronological timeline of dated events out"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read every article, extract dated events, write timeline.csv and timeline.json
    /// (extract into OUT/.cache, reusing what is there, then merge).
    Build(app::build::BuildArgs),
    /// Write one mention file per article (JSON Lines), to merge later, here or elsewhere.
    Extract(app::extract::ExtractArgs),
    /// Merge mention files from `extract` into timeline.csv and timeline.json.
    Merge(app::merge::MergeArgs),
    /// Show, sentence by sentence, dates, rules and events for one article or text.
    Explain(app::explain::ExplainArgs),
    /// Print every temporal expression of plain-text files as JSON Lines (TimeML values).
    Timex(app::timex::TimexArgs),
    /// Check, test or export the rules (built in, or the folder given with --rules).
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
}

#[derive(Subcommand)]
enum RulesAction {
    /// Compile every rule and report problems as file:line:column: message.
    Check {
        /// Folder of rules (default: the rules built into the binary).
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Run every rule's examples.
    Test {
        /// Folder of rules (default: the rules built into the binary).
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Write the built-in rules to DIR, to edit them and pass `--rules DIR`.
    Export {
        dir: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    app::process::no_huge_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => app::build::run(&args),
        Command::Extract(args) => app::extract::run(&args),
        Command::Merge(args) => app::merge::run(&args),
        Command::Explain(args) => app::explain::run(&args),
        Command::Timex(args) => app::timex::run(&args),
        Command::Rules { action } => match action {
            RulesAction::Check { rules } => app::rules::check(rules.as_deref()),
            RulesAction::Test { rules } => app::rules::test(rules.as_deref()),
            RulesAction::Export { dir, force } => app::rules::export(&dir, force),
        },
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("dateline: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
