//! `dateline build`.

use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[arg(long, default_value = "seeds")]
    pub articles: PathBuf,
    #[arg(long, default_value = "rules")]
    pub rules: PathBuf,
    #[arg(long, default_value = "out")]
    pub out: PathBuf,
}

pub fn run(args: &BuildArgs) -> anyhow::Result<u8> {
    let _ = args;
    anyhow::bail!("not implemented yet")
}
