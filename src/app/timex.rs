//! `dateline timex`: temporal expressions of plain-text files as JSON Lines.

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct TimexArgs {
    /// CSV of `doc,dct` lines: each document's creation (publication) date.
    #[arg(long)]
    pub dct_csv: Option<PathBuf>,
    /// Reference date for all files (YYYY-MM-DD).
    #[arg(long)]
    pub dct: Option<String>,
    #[arg(long, default_value = "rules")]
    pub rules: PathBuf,
    /// Files, or one folder of .txt files.
    pub paths: Vec<PathBuf>,
}

pub fn run(args: &TimexArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
