//! `dateline timex`: temporal expressions of plain-text files as JSON Lines.

use crate::sentences::Splitter;
use crate::temporal::examples::parse_ref;
use crate::temporal::{RefDate, Tagger, Timex};
use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use clap::Args;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Files tagged in parallel at a time: enough to keep both cores busy,
/// few enough that memory does not grow with the corpus.
const BATCH: usize = 256;

pub fn run(args: &TimexArgs) -> anyhow::Result<u8> {
    let tagger = Tagger::load(&args.rules.join("temporal")).map_err(|e| anyhow::anyhow!("{e}"))?;
    let splitter = Splitter::load(&args.rules).map_err(|e| anyhow::anyhow!("{e}"))?;
    let fixed = match &args.dct {
        Some(s) => Some(
            parse_ref(s.get(..10).unwrap_or(s))
                .with_context(|| format!("--dct {s}: expected YYYY-MM-DD or YYYY-MM"))?,
        ),
        None => None,
    };
    let table = match &args.dct_csv {
        Some(p) => read_dct_csv(p)?,
        None => HashMap::new(),
    };
    let (files, mut failed) = list_files(&args.paths);
    // One tagger per worker thread, so each searches with its own caches.
    let taggers: Vec<Tagger> = (0..rayon::current_num_threads())
        .map(|_| tagger.clone())
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for batch in files.chunks(BATCH) {
        let results: Vec<Result<Vec<u8>, String>> = batch
            .par_iter()
            .map(|path| {
                let doc = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("")
                    .to_string();
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
                let dct = fixed.or_else(|| table.get(&doc).copied());
                let sentences = splitter.split(&text);
                let tagger = rayon::current_thread_index()
                    .and_then(|i| taggers.get(i))
                    .unwrap_or(&tagger);
                let found = tagger.tag(&text, &sentences, dct.as_ref());
                Ok(render(&doc, &found))
            })
            .collect();
        for r in results {
            match r {
                Ok(bytes) => out.write_all(&bytes)?,
                Err(msg) => {
                    eprintln!("dateline: {msg}");
                    failed = true;
                }
            }
        }
    }
    out.flush()?;
    Ok(u8::from(failed))
}

/// One JSON object per expression, keys in a fixed order. Written by hand:
/// going through serde's map machinery for every one of hundreds of
/// thousands of lines cost more than the rest of the output path; strings
/// still escape exactly as serde_json does.
fn render(doc: &str, found: &[Timex]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(found.len() * 200);
    for t in found {
        // Writing to a Vec cannot fail.
        let _ = render_one(&mut buf, doc, t);
    }
    buf
}

fn render_one(buf: &mut Vec<u8>, doc: &str, t: &Timex) -> std::io::Result<()> {
    buf.extend_from_slice(b"{\"doc\":");
    json_str(buf, doc);
    write!(buf, ",\"start\":{},\"end\":{},\"text\":", t.start, t.end)?;
    json_str(buf, &t.text);
    buf.extend_from_slice(b",\"type\":");
    json_str(buf, t.kind.as_str());
    buf.extend_from_slice(b",\"value\":");
    json_str(buf, &t.value);
    buf.extend_from_slice(b",\"mod\":");
    json_opt(buf, t.modifier.map(|m| m.as_str()));
    buf.extend_from_slice(b",\"interval\":");
    match t.interval {
        Some(i) => {
            buf.extend_from_slice(b"[\"");
            date(buf, i.start)?;
            buf.extend_from_slice(b"\",\"");
            date(buf, i.end)?;
            buf.extend_from_slice(b"\"]");
        }
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"precision\":");
    json_opt(buf, t.precision.map(|p| p.as_str()));
    buf.extend_from_slice(b",\"anchor\":");
    serde_json::to_writer(&mut *buf, &t.anchor)?;
    buf.extend_from_slice(b"}\n");
    Ok(())
}

/// `YYYY-MM-DD` as chrono displays it, without the formatting machinery
/// for the four-digit years that are all but every date.
fn date(buf: &mut Vec<u8>, d: NaiveDate) -> std::io::Result<()> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return write!(buf, "{d}");
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = y as u32;
    buf.extend_from_slice(&[
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ]);
    Ok(())
}

/// A JSON string; text needing no escape (nearly all) is copied as is.
fn json_str(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        // Writing to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *buf, s);
    } else {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    }
}

fn json_opt(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

/// Expands folders to their `.txt` files; sorted so output order is stable.
/// Returns whether some path was missing (reported on stderr).
fn list_files(paths: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let mut files = Vec::new();
    let mut failed = false;
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut v: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.extension().is_some_and(|x| x == "txt"))
                        .collect();
                    v.sort();
                    files.extend(v);
                }
                Err(e) => {
                    eprintln!("dateline: {}: cannot read folder: {e}", p.display());
                    failed = true;
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    (files, failed)
}

/// Reads `doc,dct` lines (header optional); the DCT may carry a time, only
/// its date is used.
fn read_dct_csv(path: &Path) -> anyhow::Result<HashMap<String, RefDate>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let mut map = HashMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}:{}: bad CSV", path.display(), i + 1))?;
        let (Some(doc), Some(dct)) = (rec.get(0), rec.get(1)) else {
            continue;
        };
        if i == 0 && doc == "doc" {
            continue;
        }
        let day = dct.trim().get(..10).unwrap_or(dct.trim());
        match parse_ref(day) {
            Some(d) => {
                map.insert(doc.trim().to_string(), d);
            }
            None => anyhow::bail!("{}:{}: bad date `{dct}`", path.display(), i + 1),
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_print_as_chrono_does() {
        for (y, m, d) in [
            (2025, 4, 19),
            (33, 1, 2),
            (0, 12, 31),
            (9999, 1, 1),
            (10000, 1, 1),
            (-1, 6, 30),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let mut buf = Vec::new();
            date(&mut buf, day).unwrap();
            assert_eq!(String::from_utf8(buf).unwrap(), day.to_string());
        }
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        for s in [
            "Sept. 30",
            "say \"now\"",
            "a\\b",
            "two\nlines\t\u{1}",
            "é — ’",
            "",
        ] {
            let mut buf = Vec::new();
            json_str(&mut buf, s);
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }
}
