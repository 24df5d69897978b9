//! `dateline rules check|test`.

use std::path::Path;

pub fn check(dir: &Path) -> anyhow::Result<u8> {
    let _ = dir;
    anyhow::bail!("not implemented yet")
}

pub fn test(dir: &Path) -> anyhow::Result<u8> {
    let _ = dir;
    anyhow::bail!("not implemented yet")
}
