//! Runs the stages over a folder of articles: each article goes through
//! ingest → sentences → temporal → rules/gazetteer → events on its own (in
//! parallel, and its text is dropped as soon as its mentions are made), then
//! all mentions go through merge once.

use crate::error::{IngestError, RuleErrors};
use crate::event_rules::{EventRules, RuleMatch};
use crate::gazetteer::{Entity, Gazetteer};
use crate::ingest::{Document, IngestConfig, Published};
use crate::manifest::{self, Manifest};
use crate::mentions::{DocInput, EventBuilder, Mention};
use crate::merge::{self, Event};
use crate::sentences::Splitter;
use crate::temporal::{Tagger, Timex};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Every compiled stage; load once, share across threads.
pub struct Engine {
    pub ingest: IngestConfig,
    pub splitter: Splitter,
    pub tagger: Tagger,
    pub rules: EventRules,
    pub gazetteer: Gazetteer,
    pub events: EventBuilder,
    /// Bounds on the work one article may cost; `build` sets them from flags.
    pub limits: Limits,
}

/// Bounds that keep time linear in input size and refuse what is not an
/// article.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Articles larger than this are skipped with a warning.
    pub max_article_bytes: u64,
    /// Longer sentences are cut into pieces of at most this size (at a
    /// space where there is one), with a warning: every later stage then
    /// does bounded work per sentence.
    pub max_sentence_bytes: usize,
    /// Follow symlinks whose target lies outside the articles folder.
    pub follow_symlinks: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: 20 << 20,
            max_sentence_bytes: 4096,
            follow_symlinks: false,
        }
    }
}

/// Sentences (and temporal expressions) the events stage sees at once. It
/// looks over the article's expressions and earlier mentions for each
/// sentence, so a window bounds that work; only articles far longer than
/// any news story are ever cut.
const EVENTS_WINDOW: usize = 2048;
const EVENTS_WINDOW_TIMEXES: usize = 1024;

impl Engine {
    /// Loads everything under the rules folder, reporting every bad file,
    /// not just the first.
    pub fn load(rules_dir: &Path) -> Result<Engine, RuleErrors> {
        let mut errors = Vec::new();
        let mut keep = |r: Result<(), RuleErrors>| {
            if let Err(e) = r {
                errors.extend(e.0);
            }
        };
        let layout = crate::layout::Layout::new(rules_dir);
        let lang = layout.language();
        let ingest = IngestConfig::load(&lang);
        let splitter = Splitter::load(&lang);
        let tagger = Tagger::load(&layout.temporal());
        let rules = EventRules::load(&layout.events());
        let gazetteer = Gazetteer::load(&layout.gazetteer());
        let events = EventBuilder::load(&lang);
        keep(ingest.as_ref().map(|_| ()).map_err(Clone::clone));
        keep(splitter.as_ref().map(|_| ()).map_err(Clone::clone));
        keep(tagger.as_ref().map(|_| ()).map_err(Clone::clone));
        keep(rules.as_ref().map(|_| ()).map_err(Clone::clone));
        keep(gazetteer.as_ref().map(|_| ()).map_err(Clone::clone));
        keep(events.as_ref().map(|_| ()).map_err(Clone::clone));
        match (ingest, splitter, tagger, rules, gazetteer, events) {
            (Ok(ingest), Ok(splitter), Ok(tagger), Ok(rules), Ok(gazetteer), Ok(events))
                if errors.is_empty() =>
            {
                Ok(Engine {
                    ingest,
                    splitter,
                    tagger,
                    rules,
                    gazetteer,
                    events,
                    limits: Limits::default(),
                })
            }
            _ => Err(RuleErrors(errors)),
        }
    }

    /// Everything the stages found in one document, kept for `explain`.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        self.analyse_timed(doc, &StageTimes::default())
    }

    /// [`Engine::analyse`], adding each stage's time to `times`.
    pub fn analyse_timed(&self, doc: &Document, times: &StageTimes) -> Analysis {
        let clock = std::time::Instant::now();
        let mut sentences = self.splitter.split_segments(&doc.text, &doc.segments);
        let mut warnings = Vec::new();
        bound_sentences(
            &mut sentences,
            &doc.text,
            self.limits.max_sentence_bytes,
            |r, pieces| {
                warnings.push(format!(
                    "{}: sentence at byte {} is {} bytes, over the limit of {}: cut into {pieces} pieces",
                    doc.name,
                    doc.map.to_file(r.start),
                    r.len(),
                    self.limits.max_sentence_bytes
                ))
            },
        );
        // Drop sentences that are only punctuation or a stray word.
        sentences.retain(|r| doc.text[r.clone()].chars().any(|c| c.is_alphanumeric()));
        let heading: Vec<bool> = sentences
            .iter()
            .map(|r| is_heading(&doc.text[r.clone()]))
            .collect();
        // A repeat is skipped only when it repeats a line of its own sort: a
        // summary line above the body (no closing punctuation) must not
        // silence the body sentence it announces, which alone can make an
        // event.
        let mut seen = HashSet::new();
        let skip: Vec<bool> = sentences
            .iter()
            .zip(&heading)
            .map(|(r, &h)| !seen.insert((dedup_key(&doc.text[r.clone()]), h)))
            .collect();
        let clock = times.add(Stage::Sentences, clock);
        let mut timexes = self
            .tagger
            .tag(&doc.text, &sentences, doc.published.date.as_ref());
        timexes.sort_by_key(|t| t.start);
        let clock = times.add(Stage::Temporal, clock);
        let entities = self.gazetteer.find_in_doc(&doc.text, &sentences);
        let clock = times.add(Stage::Gazetteer, clock);
        let matches: Vec<Vec<RuleMatch>> = sentences
            .iter()
            .zip(&skip)
            .map(|(r, &s)| {
                if s {
                    Vec::new()
                } else {
                    self.rules.match_sentence(&doc.text[r.clone()])
                }
            })
            .collect();
        let clock = times.add(Stage::Rules, clock);
        let input = DocInput {
            sentences: &sentences,
            timexes: &timexes,
            entities: &entities,
            matches: &matches,
            skip: &skip,
            heading: &heading,
        };
        let mentions = self.build_windowed(doc, &input);
        times.add(Stage::Events, clock);
        Analysis {
            sentences,
            skip,
            heading,
            timexes,
            entities,
            matches,
            mentions,
            warnings,
        }
    }

    /// The events stage over windows of at most [`EVENTS_WINDOW`]
    /// sentences and [`EVENTS_WINDOW_TIMEXES`] temporal expressions (one window for any real
    /// article): it looks at every expression of the window for each
    /// sentence, so bounding both keeps its cost linear.
    fn build_windowed(&self, doc: &Document, input: &DocInput) -> Vec<Mention> {
        let n = input.sentences.len();
        if n <= EVENTS_WINDOW && input.timexes.len() <= EVENTS_WINDOW_TIMEXES {
            return self.events.build(doc, input);
        }
        let mut mentions = Vec::new();
        let (mut lo, mut t0) = (0, 0);
        while lo < n {
            let mut hi = lo + 1;
            let mut t1 = input
                .timexes
                .partition_point(|t| t.start < input.sentences[lo].end);
            while hi < n && hi - lo < EVENTS_WINDOW {
                let next = input
                    .timexes
                    .partition_point(|t| t.start < input.sentences[hi].end);
                if next - t0 > EVENTS_WINDOW_TIMEXES {
                    break;
                }
                (hi, t1) = (hi + 1, next);
            }
            let window = DocInput {
                sentences: &input.sentences[lo..hi],
                timexes: &input.timexes[t0..t1],
                entities: &input.entities[lo..hi],
                matches: &input.matches[lo..hi],
                skip: &input.skip[lo..hi],
                heading: &input.heading[lo..hi],
            };
            let mut found = self.events.build(doc, &window);
            for m in &mut found {
                m.sentence_index += lo;
            }
            mentions.extend(found);
            (lo, t0) = (hi, t1);
        }
        mentions
    }
}

/// Cuts every sentence longer than `max` bytes into pieces of at most `max`
/// (at the last space before the limit when there is one), calling `warn`
/// with the sentence and the number of pieces.
pub fn bound_sentences(
    sentences: &mut Vec<Range<usize>>,
    text: &str,
    max: usize,
    mut warn: impl FnMut(&Range<usize>, usize),
) {
    if max == 0 || sentences.iter().all(|r| r.len() <= max) {
        return;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for r in sentences.drain(..) {
        if r.len() <= max {
            out.push(r);
            continue;
        }
        let before = out.len();
        let mut start = r.start;
        while r.end - start > max {
            let mut cut = start + max;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Some(sp) = text[start..cut].rfind(' ').filter(|&i| i > max / 2) {
                cut = start + sp + 1;
            }
            out.push(start..cut);
            start = cut;
        }
        out.push(start..r.end);
        warn(&r, out.len() - before);
    }
    // Pieces keep their spaces at the ends; stages want them trimmed.
    out.retain_mut(|p| {
        let s = &text[p.clone()];
        let lead = s.len() - s.trim_start().len();
        *p = p.start + lead..p.start + lead + s.trim().len();
        p.start < p.end
    });
    *sentences = out;
}

/// Pipeline stages whose time `build --timings` reports.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    Ingest,
    Sentences,
    Temporal,
    Gazetteer,
    Rules,
    Events,
    Merge,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Ingest,
        Stage::Sentences,
        Stage::Temporal,
        Stage::Gazetteer,
        Stage::Rules,
        Stage::Events,
        Stage::Merge,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Sentences => "sentences",
            Stage::Temporal => "temporal",
            Stage::Gazetteer => "gazetteer",
            Stage::Rules => "rules",
            Stage::Events => "events",
            Stage::Merge => "merge",
        }
    }
}

/// Time spent in each stage, summed over threads (so CPU time, not wall).
#[derive(Debug, Default)]
pub struct StageTimes([std::sync::atomic::AtomicU64; 7]);

impl StageTimes {
    /// Adds the time since `since` to `stage`; returns now, for the next stage.
    pub fn add(&self, stage: Stage, since: std::time::Instant) -> std::time::Instant {
        let now = std::time::Instant::now();
        let nanos = (now - since).as_nanos() as u64;
        self.0[stage as usize].fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
        now
    }

    pub fn seconds(&self, stage: Stage) -> f64 {
        self.0[stage as usize].load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e9
    }
}

/// Per-document findings of every stage.
pub struct Analysis {
    pub sentences: Vec<Range<usize>>,
    pub skip: Vec<bool>,
    pub heading: Vec<bool>,
    pub timexes: Vec<Timex>,
    pub entities: Vec<Vec<Entity>>,
    pub matches: Vec<Vec<RuleMatch>>,
    pub mentions: Vec<Mention>,
    /// Sentences cut for length.
    pub warnings: Vec<String>,
}

/// Same sentence modulo case, spacing and punctuation: a title printed twice
/// or a pull quote repeating the body.
fn dedup_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A line with no closing punctuation, such as a headline or caption.
fn is_heading(s: &str) -> bool {
    !s.trim_end()
        .ends_with(['.', '!', '?', '"', '\'', ')', '\u{201d}', '\u{2019}'])
}

/// Defined with the output, which lists it; named here too for callers of
/// [`build`].
pub use crate::output::DocSummary;

pub struct BuildOutput {
    pub documents: Vec<DocSummary>,
    pub events: Vec<Event>,
    pub sentences: usize,
    pub warnings: Vec<String>,
    pub errors: Vec<IngestError>,
    pub times: StageTimes,
    /// Files passed over (not articles, not regular, too large, binary).
    pub skipped: usize,
}

/// Article files found under a folder, and what was passed over and why.
#[derive(Debug, Default)]
pub struct Listing {
    /// (path to read, name the output shows), sorted by name.
    pub files: Vec<(PathBuf, String)>,
    /// One line per file passed over, naming it and the reason.
    pub skipped: Vec<String>,
    /// Total size of the files, for a progress bar that moves by bytes.
    pub bytes: u64,
}

/// Whether a file name has an article extension (`.txt`, `.text`, `.md`,
/// any case).
fn is_article_name(name: &std::ffi::OsStr) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["txt", "text", "md"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Article files under `dir`, recursively: regular files only (FIFOs,
/// devices and sockets would hang or never end), symlinks only when their
/// target stays inside `dir` unless `limits.follow_symlinks`, none larger
/// than `limits.max_article_bytes`. The one lister of `build`, `explain
/// --with` and `timex`.
pub fn list_articles_with(dir: &Path, limits: &Limits) -> Result<Listing, IngestError> {
    if !dir.is_dir() {
        return Err(IngestError::MissingFolder {
            path: dir.to_path_buf(),
        });
    }
    let root = dir.canonicalize().map_err(|source| IngestError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut listing = Listing::default();
    let mut visited = HashSet::from([root.clone()]);
    walk(dir, "", &root, limits, &mut visited, &mut listing)?;
    listing.files.sort_by(|a, b| a.1.cmp(&b.1));
    listing.skipped.sort();
    Ok(listing)
}

/// Article files of a folder with the default limits (`(paths, skipped)`).
pub fn list_articles(dir: &Path) -> Result<(Vec<PathBuf>, Vec<String>), IngestError> {
    let l = list_articles_with(dir, &Limits::default())?;
    Ok((l.files.into_iter().map(|(p, _)| p).collect(), l.skipped))
}

fn walk(
    dir: &Path,
    prefix: &str,
    root: &Path,
    limits: &Limits,
    visited: &mut HashSet<PathBuf>,
    out: &mut Listing,
) -> Result<(), IngestError> {
    let entries = std::fs::read_dir(dir).map_err(|source| IngestError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let file_name = entry.file_name();
        let name = format!("{prefix}{}", crate::ingest::display_name(&file_name));
        if name.rsplit('/').next().is_some_and(|n| n.starts_with('.'))
            || (prefix.is_empty() && file_name == manifest::FILE_NAME)
        {
            continue;
        }
        let skip = |out: &mut Listing, why: &str| {
            out.skipped
                .push(format!("{}: skipped: {why}", path.display()))
        };
        let Ok(lmeta) = std::fs::symlink_metadata(&path) else {
            skip(out, "cannot read its metadata");
            continue;
        };
        let meta = if lmeta.file_type().is_symlink() {
            let Ok(target) = path.canonicalize() else {
                // Reading it fails and says why: an error, as for any
                // article that cannot be read.
                if is_article_name(&file_name) {
                    out.files.push((path, name));
                } else {
                    skip(out, "broken symlink");
                }
                continue;
            };
            if !target.starts_with(root) && !limits.follow_symlinks {
                skip(
                    out,
                    "symlink to outside the articles folder (--follow-symlinks to read it)",
                );
                continue;
            }
            match std::fs::metadata(&target) {
                Ok(m) => m,
                Err(_) => {
                    skip(out, "cannot read its target");
                    continue;
                }
            }
        } else {
            lmeta
        };
        if meta.is_dir() {
            // A folder reached twice (a symlink to a parent) is read once.
            if path.canonicalize().is_ok_and(|c| visited.insert(c)) {
                walk(&path, &format!("{name}/"), root, limits, visited, out)?;
            }
            continue;
        }
        if !meta.is_file() {
            skip(out, "not a regular file (FIFO, device or socket)");
            continue;
        }
        if !is_article_name(&file_name) {
            skip(out, "not a .txt or .md article");
            continue;
        }
        if meta.len() > limits.max_article_bytes {
            skip(
                out,
                &format!(
                    "{} bytes, over the article size limit of {} (--max-article-mb)",
                    meta.len(),
                    limits.max_article_bytes
                ),
            );
            continue;
        }
        out.bytes += meta.len();
        out.files.push((path, name));
    }
    Ok(())
}

/// What one article contributes: its summary, mentions, warnings and the
/// hash of its bytes (for ids).
type DocResult = (DocSummary, Vec<Mention>, Vec<String>, u64);

/// Runs the whole pipeline over `dir` with the engine's limits. `progress`
/// is called once per article.
pub fn build(
    engine: &Engine,
    dir: &Path,
    progress: &(dyn Fn() + Sync),
) -> Result<BuildOutput, IngestError> {
    let listing = list_articles_with(dir, &engine.limits)?;
    build_listed(engine, dir, listing, &|_| progress())
}

/// Runs the whole pipeline over the articles of `listing` (from `dir`).
/// `progress` is called after each article with its size in bytes.
pub fn build_listed(
    engine: &Engine,
    dir: &Path,
    listing: Listing,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<BuildOutput, IngestError> {
    let mut warnings = listing.skipped;
    let skipped = warnings.len();
    let (manifest, manifest_errors) = Manifest::load(dir);
    warnings.extend(manifest.warnings.iter().cloned());
    let times = StageTimes::default();
    let results: Vec<Result<DocResult, IngestError>> = listing
        .files
        .par_iter()
        .map(|(path, name)| {
            let clock = std::time::Instant::now();
            let doc = engine.ingest.read_as(path, name, &manifest, &engine.limits);
            times.add(Stage::Ingest, clock);
            let doc = doc?;
            let hash = content_hash(&doc.raw);
            let analysis = engine.analyse_timed(&doc, &times);
            progress(doc.raw.len() as u64);
            let summary = summary(&doc, &doc.published, &analysis);
            let mut w = doc.warnings;
            w.extend(analysis.warnings);
            Ok((summary, analysis.mentions, w, hash))
        })
        .collect();
    let mut documents = Vec::new();
    // Sized once: doubling a vector of several hundred thousand mentions
    // would briefly hold two copies.
    let total: usize = results
        .iter()
        .map(|r| r.as_ref().map_or(0, |(_, m, _, _)| m.len()))
        .sum();
    let mut mentions = Vec::with_capacity(total);
    let mut errors = manifest_errors;
    let mut sentences = 0;
    let mut hashes = HashMap::new();
    let mut refused = 0;
    for r in results {
        match r {
            Ok((s, m, w, h)) => {
                sentences += s.sentences;
                hashes.insert(s.doc.clone(), h);
                documents.push(s);
                mentions.extend(m);
                warnings.extend(w);
            }
            // Not text at all: passed over like a FIFO, not a failure.
            Err(e @ IngestError::NotText { .. }) => {
                refused += 1;
                warnings.push(e.to_string());
            }
            Err(e) => errors.push(e),
        }
    }
    let clock = std::time::Instant::now();
    let events = merge_with_ids(mentions, &hashes);
    times.add(Stage::Merge, clock);
    Ok(BuildOutput {
        documents,
        events,
        sentences,
        warnings,
        errors,
        times,
        skipped: skipped + refused,
    })
}

/// A 64-bit FNV-1a hash of an article's bytes: what its ids rest on, so
/// neither its name nor a copy under another name changes them.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Merges mentions into events and gives each an id from its anchor
/// mention's *content* hash, offset and kind: the anchor is the body
/// mention with the smallest (content hash, offset), an order that does not
/// depend on file names. `hashes` maps a document name to its content hash.
/// Ids that would still collide (two events anchored at one sentence) are
/// told apart by a counter, in the events' (stable) order.
pub fn merge_with_ids(mentions: Vec<Mention>, hashes: &HashMap<String, u64>) -> Vec<Event> {
    let mut events = merge::merge(mentions);
    let mut used = HashSet::new();
    for e in &mut events {
        let hash_of = |m: &Mention| hashes.get(&m.doc).copied().unwrap_or(0);
        let anchor = e
            .mentions
            .iter()
            .filter(|m| !m.heading)
            .min_by_key(|m| (hash_of(m), m.start, m.end))
            .or_else(|| e.mentions.iter().min_by_key(|m| (hash_of(m), m.start)));
        let Some(anchor) = anchor else { continue };
        let key = format!("{}|{:016x}|{}", e.event_type, hash_of(anchor), anchor.start);
        let mut n = 0u32;
        let id = loop {
            let salted = if n == 0 {
                key.clone()
            } else {
                format!("{key}|{n}")
            };
            let id = format!(
                "ev-{:012x}",
                content_hash(salted.as_bytes()) & 0xffff_ffff_ffff
            );
            if used.insert(id.clone()) {
                break id;
            }
            n += 1;
        };
        e.id = id;
    }
    events
}

fn summary(doc: &Document, published: &Published, a: &Analysis) -> DocSummary {
    DocSummary {
        doc: doc.name.clone(),
        published: published.display(),
        published_basis: published.basis.as_str(),
        publisher: doc.publisher.clone(),
        url: doc.url.clone(),
        sentences: a.sentences.len(),
        mentions: a.mentions.len(),
    }
}
