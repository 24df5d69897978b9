//! `dateline explain`.

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    pub file: Option<PathBuf>,
    #[arg(long)]
    pub text: Option<String>,
    #[arg(long)]
    pub published: Option<String>,
    #[arg(long, default_value = "rules")]
    pub rules: PathBuf,
}

pub fn run(args: &ExplainArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
