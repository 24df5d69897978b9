//! `dateline timex`: temporal expressions of plain-text files as JSON Lines.

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use dateline::temporal::{RefDate, Tagger, Timex};
use rayon::prelude::*;
use serde::Serialize;
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
    /// Folder of rules (default: the rules built into the binary).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Files, or one folder of .txt files.
    pub paths: Vec<PathBuf>,
}

/// Files tagged in parallel at a time: enough to keep both cores busy,
/// few enough that memory does not grow with the corpus.
const BATCH: usize = 256;

pub fn run(args: &TimexArgs) -> anyhow::Result<u8> {
    let rules = super::rules_source::resolve(args.rules.as_deref())?;
    let (splitter, tagger) =
        dateline::pipeline::Parts::load_temporal(&rules).map_err(|e| anyhow::anyhow!("{e}"))?;
    let fixed = match &args.dct {
        Some(s) => Some(
            s.parse::<RefDate>()
                .with_context(|| format!("--dct {s}: expected YYYY-MM-DD or YYYY-MM"))?,
        ),
        None => None,
    };
    let table = match &args.dct_csv {
        Some(p) => read_dct_csv(p)?,
        None => HashMap::new(),
    };
    let (files, mut failed) = list_files(&args.paths);
    warn_unmatched_dct_rows(&table, &files);
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
                let doc = doc_name(path);
                let text = read_text(path)?;
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
/// One JSON line; dates serialize as `YYYY-MM-DD` through chrono's serde.
#[derive(Serialize)]
struct Line<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: &'a str,
    #[serde(rename = "mod")]
    modifier: Option<&'static str>,
    interval: Option<[NaiveDate; 2]>,
    precision: Option<&'static str>,
    anchor: dateline::temporal::Anchor,
}

fn render(doc: &str, found: &[Timex]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(found.len() * 160);
    for t in found {
        let line = Line {
            doc,
            start: t.start,
            end: t.end,
            text: &t.text,
            kind: t.kind.as_str(),
            value: &t.value,
            modifier: t.modifier.map(|m| m.as_str()),
            interval: t.interval.map(|i| [i.start, i.end]),
            precision: t.precision.map(|p| p.as_str()),
            anchor: t.anchor,
        };
        // Writing to a Vec cannot fail.
        if serde_json::to_writer(&mut buf, &line).is_ok() {
            buf.push(b'\n');
        }
    }
    buf
}

/// The text of one file: a regular file within the size limit, UTF-16
/// decoded, binary refused (the same checks as `build`).
fn read_text(path: &Path) -> Result<String, String> {
    let max = dateline::pipeline::Limits::default().max_article_bytes;
    let raw = dateline::ingest::read_text_file(path, max).map_err(|e| e.to_string())?;
    let (raw, _) = dateline::ingest::to_utf8(raw)
        .map_err(|why| format!("{}: skipped: {why}", path.display()))?;
    Ok(match String::from_utf8(raw) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Document name of a file: its stem, as `--dct-csv` rows name it.
fn doc_name(path: &Path) -> String {
    path.file_stem()
        .map(dateline::ingest::display_name)
        .unwrap_or_default()
}

/// Expands folders to their articles with the lister `build` uses (sorted,
/// so output order is stable; what is passed over is said on stderr).
/// Returns whether some path was missing.
fn list_files(paths: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let mut files = Vec::new();
    let mut failed = false;
    for p in paths {
        if p.is_dir() {
            match dateline::pipeline::list_articles_with(p, &dateline::pipeline::Limits::default())
            {
                Ok(listing) => {
                    for s in &listing.skipped {
                        eprintln!("dateline: warning: {s}");
                    }
                    files.extend(listing.files.into_iter().map(|(path, _)| path));
                }
                Err(e) => {
                    eprintln!("dateline: {e}");
                    failed = true;
                }
            }
        } else {
            files.push(p.clone());
        }
    }
    (files, failed)
}

/// Rows of `--dct-csv` that name no file given: a typo there would leave a
/// document silently without its date.
fn warn_unmatched_dct_rows(table: &HashMap<String, RefDate>, files: &[PathBuf]) {
    let docs: std::collections::HashSet<String> = files.iter().map(|p| doc_name(p)).collect();
    let mut missing: Vec<&String> = table.keys().filter(|d| !docs.contains(*d)).collect();
    missing.sort();
    for d in missing {
        eprintln!("dateline: warning: --dct-csv has a row for {d:?}, which names no file given");
    }
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
        match dct.parse::<RefDate>() {
            Ok(d) => {
                if let Some(old) = map.insert(doc.trim().to_string(), d)
                    && old != d
                {
                    eprintln!(
                        "dateline: warning: {}:{}: {} is listed again with another date; this row wins",
                        path.display(),
                        i + 1,
                        doc.trim()
                    );
                }
            }
            Err(_) => anyhow::bail!("{}:{}: bad date `{dct}`", path.display(), i + 1),
        }
    }
    Ok(map)
}
