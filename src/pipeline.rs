//! Runs the stages over a folder of articles: each article goes through
//! ingest → sentences → temporal → rules/gazetteer → events on its own (in
//! parallel, and its text is dropped as soon as its mentions are made), then
//! all mentions go through merge once.

mod doc_hashes;
mod held;

use crate::error::{IngestError, RuleError, RuleErrors};
use crate::event_rules::EventRules;
use crate::gazetteer::{Entity, Gazetteer};
use crate::ids::{self, Ledger};
use crate::ingest::{Document, IngestConfig, Published};
use crate::manifest::{self, Manifest};
use crate::mentionfile::{self, Extracted, Spilled};
use crate::mentions::{DocInput, EventBuilder, Mention, Sentence};
use crate::merge::{self, Event};
use crate::sentences::Splitter;
use crate::sym::FastMap;
use crate::temporal::{Tagger, Timex};
use crate::util::text::floor_char_boundary;
use doc_hashes::DocHashes;
use held::Held;
use rayon::prelude::*;
use std::borrow::Borrow;
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

/// Reading limits live with the stage that reads articles.
pub use crate::ingest::Limits;

/// Every part of a rules folder, each loaded on its own: the one loader
/// behind `build`, `explain`, `timex` and `rules check|test`, so a part
/// that fails is reported the same way everywhere and the others still
/// load (their examples can still run).
pub struct Parts {
    pub ingest: Result<IngestConfig, RuleErrors>,
    pub splitter: Result<Splitter, RuleErrors>,
    pub tagger: Result<Tagger, RuleErrors>,
    pub rules: Result<EventRules, RuleErrors>,
    pub gazetteer: Result<Gazetteer, RuleErrors>,
    pub events: Result<EventBuilder, RuleErrors>,
}

/// A part of the rules that failed to load: what it is, the files it
/// reads, and how many examples they hold (none of which ran).
pub struct NotRun {
    pub name: &'static str,
    pub files: Vec<PathBuf>,
    pub examples: usize,
}

impl Parts {
    /// The parts load side by side: compiling the event rules, the
    /// gazetteer and the date patterns each take a good part of a second,
    /// which an incremental build of a few articles otherwise waits for
    /// one after another.
    pub fn load(rules_dir: &Path) -> Parts {
        let layout = crate::layout::Layout::new(rules_dir);
        let lang = layout.language();
        let ((rules, gazetteer), (tagger, (ingest, splitter, events))) = rayon::join(
            || {
                rayon::join(
                    || EventRules::load(&layout.events()),
                    || Gazetteer::load_with(&layout.gazetteer(), &lang),
                )
            },
            || {
                let tagger = Tagger::load(&layout.temporal());
                let rest = (
                    IngestConfig::load(&lang),
                    Splitter::load(&lang),
                    EventBuilder::load(&lang),
                );
                (tagger, rest)
            },
        );
        Parts {
            ingest,
            splitter,
            tagger,
            rules,
            gazetteer,
            events,
        }
    }

    /// Only what reading dates needs (`timex`): the splitter and the tagger.
    pub fn load_temporal(rules_dir: &Path) -> Result<(Splitter, Tagger), RuleErrors> {
        let layout = crate::layout::Layout::new(rules_dir);
        let splitter = Splitter::load(&layout.language());
        let tagger = Tagger::load(&layout.temporal());
        match (splitter, tagger) {
            (Ok(s), Ok(t)) => Ok((s, t)),
            (s, t) => Err(RuleErrors(
                [s.err(), t.err()]
                    .into_iter()
                    .flatten()
                    .flat_map(|e| e.0)
                    .collect(),
            )),
        }
    }

    fn failures(&self) -> [Option<&RuleErrors>; 6] {
        [
            self.ingest.as_ref().err(),
            self.splitter.as_ref().err(),
            self.tagger.as_ref().err(),
            self.rules.as_ref().err(),
            self.gazetteer.as_ref().err(),
            self.events.as_ref().err(),
        ]
    }

    /// Every load error, in the order of the parts.
    pub fn errors(&self) -> Vec<RuleError> {
        self.failures()
            .into_iter()
            .flatten()
            .flat_map(|e| e.0.iter().cloned())
            .collect()
    }

    /// The files named by load errors, sorted, each once.
    pub fn failed_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.errors().into_iter().map(|e| e.file).collect();
        files.sort();
        files.dedup();
        files
    }

    /// The parts with examples that failed to load, with their files.
    pub fn not_run(&self, rules_dir: &Path) -> Vec<NotRun> {
        let layout = crate::layout::Layout::new(rules_dir);
        let lang = layout.language();
        let toml_in = |d: PathBuf| crate::datafile::toml_files(&d).unwrap_or_default();
        let parts: [(&'static str, bool, Vec<PathBuf>); 4] = [
            ("event rules", self.rules.is_err(), toml_in(layout.events())),
            (
                "temporal patterns",
                self.tagger.is_err(),
                toml_in(layout.temporal()),
            ),
            (
                "datelines",
                self.ingest.is_err(),
                vec![lang.join("ingest.toml")],
            ),
            (
                "coreference and casualty cues",
                self.events.is_err(),
                vec![
                    lang.join(crate::cues::COREFERENCE_FILE),
                    lang.join(crate::cues::NUMBERS_FILE),
                ],
            ),
        ];
        parts
            .into_iter()
            .filter(|(_, failed, _)| *failed)
            .map(|(name, _, files)| NotRun {
                name,
                examples: files.iter().map(|f| crate::datafile::examples_in(f)).sum(),
                files,
            })
            .collect()
    }

    /// The engine, if every part loaded; else every error.
    pub fn into_engine(self) -> Result<Engine, RuleErrors> {
        let errors = self.errors();
        match self {
            Parts {
                ingest: Ok(ingest),
                splitter: Ok(splitter),
                tagger: Ok(tagger),
                rules: Ok(rules),
                gazetteer: Ok(gazetteer),
                events: Ok(events),
            } if errors.is_empty() => Ok(Engine {
                ingest,
                splitter,
                tagger,
                rules,
                gazetteer,
                events,
                limits: Limits::default(),
            }),
            _ => Err(RuleErrors(errors)),
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
        Parts::load(rules_dir).into_engine()
    }

    /// Everything the stages found in one document, kept for `explain`.
    pub fn analyse(&self, doc: &Document) -> Analysis {
        self.analyse_timed(doc, &StageTimes::default())
    }

    /// [`Engine::analyse`], adding each stage's time to `times`.
    pub fn analyse_timed(&self, doc: &Document, times: &StageTimes) -> Analysis {
        let mut prepared = [self.prepare(doc, times)];
        self.match_rules(&[doc], &mut prepared, times);
        let [prepared] = prepared;
        self.finish(doc, prepared, times)
    }

    /// The stages before the rules: sentences, temporal expressions, names.
    fn prepare(&self, doc: &Document, times: &StageTimes) -> Prepared {
        let clock = std::time::Instant::now();
        let mut ranges = self.splitter.split_segments(&doc.text, &doc.segments);
        let mut warnings = Vec::new();
        bound_sentences(
            &mut ranges,
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
        ranges.retain(|r| doc.text[r.clone()].chars().any(|c| c.is_alphanumeric()));
        let clock = times.add(Stage::Sentences, clock);
        let mut timexes = self
            .tagger
            .tag(&doc.text, &ranges, doc.published.date.as_ref());
        timexes.sort_by_key(|t| t.start);
        let clock = times.add(Stage::Temporal, clock);
        let entities = self.gazetteer.find_in_doc(&doc.text, &ranges);
        times.add(Stage::Gazetteer, clock);
        Prepared {
            sentences: sentences_of(&doc.text, ranges, entities),
            timexes,
            warnings,
        }
    }

    /// The event rules over the sentences of several articles at once (see
    /// `EventRules::match_sentences` for why).
    fn match_rules(&self, docs: &[&Document], prepared: &mut [Prepared], times: &StageTimes) {
        let clock = std::time::Instant::now();
        let texts: Vec<&str> = (docs.iter().zip(prepared.iter()))
            .flat_map(|(doc, p)| {
                (p.sentences.iter())
                    .filter(|s| !s.skip)
                    .map(|s| &doc.text[s.range.clone()])
            })
            .collect();
        let mut found = self.rules.match_sentences(&texts).into_iter();
        for p in prepared.iter_mut() {
            for s in p.sentences.iter_mut().filter(|s| !s.skip) {
                s.matches = found.next().unwrap_or_default();
            }
        }
        times.add(Stage::Rules, clock);
    }

    /// The events stage, after the rules.
    fn finish(&self, doc: &Document, prepared: Prepared, times: &StageTimes) -> Analysis {
        let clock = std::time::Instant::now();
        let Prepared {
            sentences,
            timexes,
            warnings,
        } = prepared;
        let input = DocInput {
            sentences: &sentences,
            timexes: &timexes,
        };
        let mentions = self.build_windowed(doc, &input);
        times.add(Stage::Events, clock);
        Analysis {
            sentences,
            timexes,
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
                .partition_point(|t| t.start < input.sentences[lo].range.end);
            while hi < n && hi - lo < EVENTS_WINDOW {
                let next = input
                    .timexes
                    .partition_point(|t| t.start < input.sentences[hi].range.end);
                if next - t0 > EVENTS_WINDOW_TIMEXES {
                    break;
                }
                (hi, t1) = (hi + 1, next);
            }
            let window = DocInput {
                sentences: &input.sentences[lo..hi],
                timexes: &input.timexes[t0..t1],
            };
            let mut found = self.events.build(doc, &window);
            for m in &mut found {
                m.sentence_index += lo as u32;
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
            let mut cut = floor_char_boundary(text, start + max);
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

/// One article through the stages before the rules (see
/// [`Engine::analyse_timed`]).
struct Prepared {
    sentences: Vec<Sentence>,
    timexes: Vec<Timex>,
    /// Sentences cut for length.
    warnings: Vec<String>,
}

/// Per-document findings of every stage.
pub struct Analysis {
    pub sentences: Vec<Sentence>,
    /// Every temporal expression of the article, by position: one may lie
    /// outside any sentence (headers, furniture), so they are not split up.
    pub timexes: Vec<Timex>,
    pub mentions: Vec<Mention>,
    /// Sentences cut for length.
    pub warnings: Vec<String>,
}

/// The article's sentences with their names and whether each is a heading
/// or a repeat. A repeat is skipped only when it repeats a line of its own
/// sort: a summary line above the body (no closing punctuation) must not
/// silence the body sentence it announces, which alone can make an event.
fn sentences_of(
    text: &str,
    ranges: Vec<Range<usize>>,
    entities: Vec<Vec<Entity>>,
) -> Vec<Sentence> {
    let mut seen = HashSet::new();
    ranges
        .into_iter()
        .zip(entities)
        .map(|(range, entities)| {
            let heading = is_heading(&text[range.clone()]);
            let skip = !seen.insert((dedup_key(&text[range.clone()]), heading));
            Sentence {
                range,
                skip,
                heading,
                entities,
                matches: Vec::new(),
            }
        })
        .collect()
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
    /// The ids of this generation, for the next one.
    pub ledger: Ledger,
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
    /// Each file's stat as the listing took it, beside `files` (`None`
    /// for a broken link): keying the articles reuses it instead of a
    /// second `stat` of every file.
    pub stats: Vec<Option<crate::cache::FileStat>>,
    /// The clock before the first stat ([`crate::cache::now_ns`]): what
    /// the stat index may trust is judged against it.
    pub scan_ns: i128,
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
    let mut listing = Listing {
        scan_ns: crate::cache::now_ns(),
        ..Listing::default()
    };
    let mut visited = HashSet::from([root.clone()]);
    walk(dir, "", &root, limits, &mut visited, &mut listing)?;
    let files = std::mem::take(&mut listing.files);
    let mut both: Vec<_> = files.into_iter().zip(listing.stats.drain(..)).collect();
    both.sort_by(|a, b| a.0.1.cmp(&b.0.1));
    (listing.files, listing.stats) = both.into_iter().unzip();
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
        let Some(meta) = entry_metadata(&path, &name, root, limits, out) else {
            continue;
        };
        if meta.is_dir() {
            // A folder reached twice (a symlink to a parent) is read once.
            if path.canonicalize().is_ok_and(|c| visited.insert(c)) {
                walk(&path, &format!("{name}/"), root, limits, visited, out)?;
            }
            continue;
        }
        admit_file(path, name, &meta, limits, out);
    }
    Ok(())
}

fn skip(out: &mut Listing, path: &Path, why: &str) {
    out.skipped
        .push(format!("{}: skipped: {why}", path.display()))
}

/// The metadata of what an entry stands for, through a symlink if it is
/// one; `None` when the entry is settled here (skipped, or a broken link
/// to an article listed so that reading it reports why it fails).
fn entry_metadata(
    path: &Path,
    name: &str,
    root: &Path,
    limits: &Limits,
    out: &mut Listing,
) -> Option<std::fs::Metadata> {
    let Ok(lmeta) = std::fs::symlink_metadata(path) else {
        skip(out, path, "cannot read its metadata");
        return None;
    };
    if !lmeta.file_type().is_symlink() {
        return Some(lmeta);
    }
    let Ok(target) = path.canonicalize() else {
        // Reading it fails and says why: an error, as for any
        // article that cannot be read.
        if path.file_name().is_some_and(is_article_name) {
            out.files.push((path.to_path_buf(), name.to_string()));
            out.stats.push(None);
        } else {
            skip(out, path, "broken symlink");
        }
        return None;
    };
    if !target.starts_with(root) && !limits.follow_symlinks {
        skip(
            out,
            path,
            "symlink to outside the articles folder (--follow-symlinks to read it)",
        );
        return None;
    }
    let meta = std::fs::metadata(&target);
    if meta.is_err() {
        skip(out, path, "cannot read its target");
    }
    meta.ok()
}

/// Lists a non-folder entry if it is an article within the size limit,
/// else records why it is left out.
fn admit_file(
    path: PathBuf,
    name: String,
    meta: &std::fs::Metadata,
    limits: &Limits,
    out: &mut Listing,
) {
    if !meta.is_file() {
        skip(out, &path, "not a regular file (FIFO, device or socket)");
    } else if !path.file_name().is_some_and(is_article_name) {
        skip(out, &path, "not a .txt or .md article");
    } else if meta.len() > limits.max_article_bytes {
        let why = format!(
            "{} bytes, over the article size limit of {} (--max-article-mb)",
            meta.len(),
            limits.max_article_bytes
        );
        skip(out, &path, &why);
    } else {
        out.bytes += meta.len();
        out.files.push((path, name));
        out.stats.push(crate::cache::FileStat::of(meta));
    }
}

/// Where extraction keeps mention files: the build cache under `--out`, or
/// the folder `extract --out` names.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
    /// [`crate::cache::stamp`] of the rules, program and limits in use.
    pub stamp: String,
    /// Use a valid file already there (off: `--no-cache`).
    pub reuse: bool,
    /// The build cache's packs, which then hold the articles instead of
    /// one mention file each in `dir` (what `extract --out` writes).
    pub packs: Option<std::sync::Arc<crate::packs::Packs>>,
}

impl Store {
    /// The build cache in `dir`: articles kept in packs.
    pub fn packed(dir: PathBuf, stamp: String, reuse: bool) -> Store {
        let packs = crate::packs::Packs::open(&dir, &stamp, reuse);
        Store {
            dir,
            stamp,
            reuse,
            packs: Some(std::sync::Arc::new(packs)),
        }
    }
}

/// One article through the stages, or its mention file when `store` holds
/// a valid one for the same bytes, name, manifest row and stamp. A file
/// that fails its checks is re-extracted (and says so in the warnings);
/// with a store, a fresh extraction is written to it.
pub fn extract_one(
    engine: &Engine,
    path: &Path,
    name: &str,
    manifest: &Manifest,
    store: Option<&Store>,
    times: &StageTimes,
) -> Result<Extracted, IngestError> {
    match probe(path, name, manifest, store, times)? {
        Probe::Hit(x) => Ok(*x),
        // Kept whole: the caller has the one article, not a corpus of them.
        Probe::Miss(miss) => {
            let miss = Miss {
                spill: false,
                ..miss
            };
            extract_fresh(engine, path, name, manifest, store, times, miss)?.load()
        }
    }
}

/// What the cache says of one article before any rule is needed.
enum Probe {
    Hit(Box<Extracted>),
    Miss(Miss),
}

/// An article the cache cannot answer: its key, and why a file that was
/// there could not be used.
struct Miss {
    key: String,
    note: Option<String>,
    /// Keep only where the store has the article once it is written
    /// there (read back to merge).
    spill: bool,
}

/// Looks `path` up in `store` by its key; needs no engine, so a build whose
/// articles are all cached never compiles the rules.
fn probe(
    path: &Path,
    name: &str,
    manifest: &Manifest,
    store: Option<&Store>,
    times: &StageTimes,
) -> Result<Probe, IngestError> {
    let (key, _) = key_of(path, name, manifest, &KeyHint::default(), times)?;
    Ok(match store.filter(|s| s.reuse) {
        Some(store) => lookup(store, key, times),
        None => Probe::Miss(Miss {
            key,
            note: None,
            spill: true,
        }),
    })
}

/// What may spare reading an article to key it: its stat, and an index
/// of the hashes of files by name and stat.
#[derive(Default)]
struct KeyHint<'a> {
    stat: Option<crate::cache::FileStat>,
    index: Option<&'a crate::cache::StatIndex>,
}

/// The cache key of the article at `path` (see [`crate::cache::article_key`]),
/// and its stat with the hash of its bytes, for the next build's index.
fn key_of(
    path: &Path,
    name: &str,
    manifest: &Manifest,
    hint: &KeyHint<'_>,
    times: &StageTimes,
) -> Result<(String, Option<(crate::cache::FileStat, u64)>), IngestError> {
    let clock = std::time::Instant::now();
    let known = hint
        .index
        .zip(hint.stat.as_ref())
        .and_then(|(index, stat)| index.hash_of(name, stat));
    let hash = match known {
        Some(hash) => hash,
        None => {
            let bytes = std::fs::read(path).map_err(|source| IngestError::Read {
                path: path.to_path_buf(),
                source,
            })?;
            mentionfile::fnv_words(&bytes)
        }
    };
    let key = crate::cache::key_of_hash(hash, name, manifest.get(name));
    times.add(Stage::Ingest, clock);
    Ok((key, hint.stat.map(|s| (s, hash))))
}

/// Reads the article `store` holds for `key`, if it has a valid one.
fn lookup(store: &Store, key: String, times: &StageTimes) -> Probe {
    let clock = std::time::Instant::now();
    let found = match &store.packs {
        Some(packs) => packs.get(&key),
        // Opened without a look first: a missing file is one failed open,
        // not a `stat` and then an open.
        None => match mentionfile::read(&store.dir.join(format!("{key}.{}", mentionfile::EXT))) {
            Err(mentionfile::MentionFileError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                None
            }
            r => Some(r.map_err(|e| e.to_string())),
        },
    };
    times.add(Stage::Ingest, clock);
    let note = match found {
        Some(Ok(x)) if x.header.stamp == store.stamp && x.header.key == key => {
            return Probe::Hit(Box::new(x));
        }
        Some(Err(why)) => Some(format!("{why}; extracted again")),
        Some(Ok(_)) | None => None,
    };
    Probe::Miss(Miss {
        key,
        note,
        spill: true,
    })
}

/// The keys of the mention files in a reused store, from one listing of
/// its folder: the articles not there are known to miss before any file is
/// read, so they are extracted (and the rules dropped) before the cached
/// mentions are loaded.
fn stored_keys(store: Option<&Store>) -> Option<HashSet<String>> {
    let store = store.filter(|s| s.reuse)?;
    if let Some(packs) = &store.packs {
        return Some(packs.keys().map(str::to_string).collect());
    }
    let files = mentionfile::list(&store.dir).unwrap_or_default();
    Some(
        files
            .iter()
            .filter_map(|p| p.file_stem()?.to_str().map(str::to_string))
            .collect(),
    )
}

/// Runs the stages over an article [`probe`] found no valid file for.
fn extract_fresh(
    engine: &Engine,
    path: &Path,
    name: &str,
    manifest: &Manifest,
    store: Option<&Store>,
    times: &StageTimes,
    miss: Miss,
) -> Result<Held, IngestError> {
    let doc = read_article(engine, path, name, manifest, times)?;
    let analysis = engine.analyse_timed(&doc, times);
    keep(doc, analysis, store, miss)
}

/// Reads and decodes one article, timed as ingest.
fn read_article(
    engine: &Engine,
    path: &Path,
    name: &str,
    manifest: &Manifest,
    times: &StageTimes,
) -> Result<Document, IngestError> {
    let clock = std::time::Instant::now();
    let doc = engine.ingest.read_as(path, name, manifest, &engine.limits);
    times.add(Stage::Ingest, clock);
    doc
}

/// Runs the stages over a batch of articles, the rules over all their
/// sentences at once (see `EventRules::match_sentences`).
fn extract_batch(
    engine: &Engine,
    batch: Vec<Pending<'_>>,
    m: &Misses<'_>,
    spill: bool,
) -> Vec<Result<Held, IngestError>> {
    let docs: Vec<Result<Document, IngestError>> = (batch.iter())
        .map(|p| read_article(engine, p.path, p.name, m.manifest, m.times))
        .collect();
    let read: Vec<&Document> = docs.iter().flatten().collect();
    let mut prepared: Vec<Prepared> = (read.iter())
        .map(|doc| engine.prepare(doc, m.times))
        .collect();
    engine.match_rules(&read, &mut prepared, m.times);
    let mut prepared = prepared.into_iter();
    (batch.into_iter().zip(docs))
        .map(|(p, doc)| {
            let r = doc.and_then(|doc| {
                let prepared = prepared.next().expect("every article read is prepared");
                let analysis = engine.finish(&doc, prepared, m.times);
                let miss = Miss { spill, ..p.miss };
                keep(doc, analysis, m.store, miss)
            });
            (m.progress)(p.size);
            r
        })
        .collect()
}

/// An extracted article as the build holds it, written to the store if
/// there is one.
fn keep(
    doc: Document,
    analysis: Analysis,
    store: Option<&Store>,
    miss: Miss,
) -> Result<Held, IngestError> {
    let Miss { key, note, spill } = miss;
    let s = summary(&doc, &doc.published, &analysis);
    let mut warnings = doc.warnings;
    warnings.extend(analysis.warnings);
    let header = mentionfile::Header {
        schema: mentionfile::SCHEMA,
        doc: s.doc,
        published: s.published,
        published_basis: s.published_basis.to_string(),
        publisher: s.publisher,
        url: s.url,
        content_hash: format!("{:016x}", content_hash(&doc.raw)),
        key,
        stamp: store.map(|s| s.stamp.clone()).unwrap_or_default(),
        warnings,
        sentences: s.sentences,
        mentions: s.mentions,
    };
    let mut x = Extracted {
        header,
        mentions: analysis.mentions,
    };
    if let Some(store) = store {
        let kept = match &store.packs {
            Some(packs) => packs
                .put(&x.header, &x.mentions)
                .map(Spilled::Pack)
                .map_err(|e| format!("cache entry not kept: {e}")),
            None => mentionfile::write(&store.dir, &x.header, &x.mentions)
                .map(Spilled::File)
                .map_err(|e| format!("mention file not kept: {e}")),
        };
        match kept {
            // Said after reading back, so the file itself does not carry it.
            Ok(at) if spill => return Ok(Held::Stored { at, note }),
            Ok(_) => {}
            Err(e) => x.header.warnings.push(e),
        }
    }
    x.header.warnings.extend(note);
    Ok(Held::Whole(Box::new(x)))
}

/// Runs the whole pipeline over `dir` with the engine's limits, keeping
/// nothing on disk. `progress` is called once per article.
pub fn build(
    engine: &Engine,
    dir: &Path,
    progress: &(dyn Fn() + Sync),
) -> Result<BuildOutput, IngestError> {
    let listing = list_articles_with(dir, &engine.limits)?;
    build_listed(engine, dir, listing, None, Ledger::default(), &|_| {
        progress()
    })
}

/// Extracts the articles of `listing` (from `dir`), through `store` when
/// given, then merges them, keeping the ids `previous` recorded.
/// `progress` is called after each article with its size in bytes.
pub fn build_listed(
    engine: &Engine,
    dir: &Path,
    listing: Listing,
    store: Option<&Store>,
    previous: Ledger,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<BuildOutput, IngestError> {
    build_listed_lazy(|| Ok(engine), dir, listing, store, || previous, progress)
}

/// [`build_listed`] with the engine made by `load` only when an article
/// misses the cache, and freed once every article is extracted: its
/// compiled rules and their per-thread match caches are a few hundred MB
/// that an all-cached build, merging and writing never use. The previous
/// ledger is read by `previous` only once extraction is done, so it is not
/// held beside the rules at the build's peak.
pub fn build_listed_lazy<B: Borrow<Engine>, E: From<IngestError>>(
    load: impl Fn() -> Result<B, E>,
    dir: &Path,
    listing: Listing,
    store: Option<&Store>,
    previous: impl FnOnce() -> Ledger,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<BuildOutput, E> {
    let extraction = extract_listed(dir, listing, store, progress, |misses| {
        let engine = load()?;
        Ok::<_, E>(extract_misses(engine.borrow(), misses))
    })?;
    Ok(merge_extraction(extraction, store, previous()))
}

/// Fewer misses than this are extracted on the calling thread: the rules'
/// match caches are then made once, not once per worker, which is most of
/// what a small incremental build costs.
const FEW_MISSES: usize = 8;

/// One article the cache could not answer, with what extracting it needs.
struct Pending<'a> {
    path: &'a Path,
    name: &'a str,
    size: u64,
    miss: Miss,
}

/// The articles to extract afresh, with their shared context.
struct Misses<'a> {
    list: Vec<Pending<'a>>,
    manifest: &'a Manifest,
    store: Option<&'a Store>,
    times: &'a StageTimes,
    progress: &'a (dyn Fn(u64) + Sync),
}

fn extract_misses(engine: &Engine, mut m: Misses<'_>) -> Vec<Result<Held, IngestError>> {
    // Many misses: each article waits on disk, not in memory, while the
    // rules and their caches are held.
    let spill = m.list.len() >= FEW_MISSES;
    let list = std::mem::take(&mut m.list);
    if list.len() < FEW_MISSES {
        return extract_batch(engine, list, &m, spill);
    }
    let batches = batches(list, rayon::current_num_threads());
    let done: Vec<Vec<_>> = (batches.into_par_iter())
        .map(|b| extract_batch(engine, b, &m, spill))
        .collect();
    done.into_iter().flatten().collect()
}

/// Most articles, and most bytes of them, whose sentences the rules search
/// together: more gained little on the generated corpus, and a batch is
/// held in memory until its rules have run.
const BATCH_ARTICLES: usize = 64;
const BATCH_BYTES: u64 = 1 << 20;

/// `list` cut, in order, into batches for `threads` workers: at most
/// [`BATCH_ARTICLES`] articles and (unless one article is larger)
/// [`BATCH_BYTES`] each, and small enough that every worker gets a few.
fn batches(list: Vec<Pending<'_>>, threads: usize) -> Vec<Vec<Pending<'_>>> {
    let most = (list.len() / (threads.max(1) * 4)).clamp(1, BATCH_ARTICLES);
    let mut out: Vec<Vec<Pending>> = Vec::new();
    let mut bytes = 0;
    for p in list {
        match out.last_mut() {
            Some(b) if b.len() < most && bytes + p.size <= BATCH_BYTES => {
                bytes += p.size;
                b.push(p);
            }
            _ => {
                bytes = p.size;
                out.push(vec![p]);
            }
        }
    }
    out
}

/// Every article of a listing extracted, and what was passed over.
struct Extraction {
    docs: Vec<Held>,
    warnings: Vec<String>,
    errors: Vec<IngestError>,
    skipped: usize,
    times: StageTimes,
}

/// Keys every article, extracts those the store has no file for (through
/// `fresh`, which holds the rules only while it runs), then reads the
/// cached ones; a cached file found stale or damaged is extracted by a
/// second call of `fresh`. The listing's order is kept.
fn extract_listed<E: From<IngestError>>(
    dir: &Path,
    mut listing: Listing,
    store: Option<&Store>,
    progress: &(dyn Fn(u64) + Sync),
    mut fresh: impl FnMut(Misses<'_>) -> Result<Vec<Result<Held, IngestError>>, E>,
) -> Result<Extraction, E> {
    let mut warnings = std::mem::take(&mut listing.skipped);
    let skipped = warnings.len();
    if let Some(packs) = store.and_then(|s| s.packs.as_ref()) {
        warnings.extend(packs.notes().iter().cloned());
    }
    let (manifest, manifest_errors) = Manifest::load(dir);
    warnings.extend(manifest.warnings.iter().cloned());
    let times = StageTimes::default();
    let stored = stored_keys(store);
    let keys = key_all(&listing, &manifest, store, &times, progress);
    let mut results: Vec<Option<Result<Held, IngestError>>> = Vec::new();
    let mut cached = Vec::new();
    let mut misses = Vec::new();
    for ((size, r), (path, name)) in keys.into_iter().zip(&listing.files) {
        let slot = results.len();
        results.push(None);
        match r {
            Err(e) => results[slot] = Some(Err(e)),
            Ok(key) if stored.as_ref().is_some_and(|s| s.contains(&key)) => {
                cached.push((slot, size, key));
            }
            Ok(key) => misses.push(pending(slot, path, name, size, key, None)),
        }
    }
    let mut run = |list: Vec<(usize, Pending<'_>)>,
                   results: &mut Vec<Option<Result<Held, IngestError>>>|
     -> Result<(), E> {
        if list.is_empty() {
            return Ok(());
        }
        let (slots, list): (Vec<usize>, Vec<Pending<'_>>) = list.into_iter().unzip();
        let m = Misses {
            list,
            manifest: &manifest,
            store,
            times: &times,
            progress,
        };
        for (slot, r) in slots.into_iter().zip(fresh(m)?) {
            results[slot] = Some(r);
        }
        Ok(())
    };
    run(misses, &mut results)?;
    let stale = read_cached(
        cached,
        store,
        &listing.files,
        &times,
        progress,
        &mut results,
    );
    run(stale, &mut results)?;
    let mut errors = manifest_errors;
    let mut docs = Vec::with_capacity(results.len());
    let mut refused = 0;
    for r in results.into_iter().flatten() {
        match r {
            Ok(x) => docs.push(x),
            // Not text at all: passed over like a FIFO, not a failure.
            Err(e @ IngestError::NotText { .. }) => {
                refused += 1;
                warnings.push(e.to_string());
            }
            Err(e) => errors.push(e),
        }
    }
    Ok(Extraction {
        docs,
        warnings,
        errors,
        skipped: skipped + refused,
        times,
    })
}

/// Keys every listed article, in order, with its size; an article whose
/// stat the store's [`crate::cache::StatIndex`] vouches for is not read.
/// The index is written again when it no longer says what was found.
fn key_all(
    listing: &Listing,
    manifest: &Manifest,
    store: Option<&Store>,
    times: &StageTimes,
    progress: &(dyn Fn(u64) + Sync),
) -> Vec<(u64, Result<String, IngestError>)> {
    use crate::cache::{FileStat, StatIndex};
    let files = &listing.files;
    let index = store
        .filter(|s| s.reuse)
        .map(|s| StatIndex::load(&s.dir))
        .unwrap_or_default();
    let keyed: Vec<_> = files
        .par_iter()
        .zip(&listing.stats)
        .map(|((path, name), listed)| {
            // A broken link has no stat from the listing: asked again,
            // it fails again, and reading the file says why.
            let (size, stat) = match listed {
                Some(s) => (s.size, Some(*s)),
                None => {
                    let meta = std::fs::metadata(path).ok();
                    let size = meta.as_ref().map_or(0, |m| m.len());
                    (size, meta.as_ref().and_then(FileStat::of))
                }
            };
            let hint = KeyHint {
                stat,
                index: Some(&index),
            };
            let r = key_of(path, name, manifest, &hint, times);
            if r.is_err() {
                progress(size);
            }
            (size, r)
        })
        .collect();
    let seen: Vec<(String, FileStat, u64)> = keyed
        .iter()
        .zip(files)
        .filter_map(|((_, r), (_, name))| {
            let (stat, hash) = r.as_ref().ok()?.1?;
            Some((name.clone(), stat, hash))
        })
        .collect();
    if let Some(store) = store
        && index.stale(&seen)
    {
        // Only a speed-up: a build that cannot keep it hashes next time.
        let _ = StatIndex::save(&store.dir, listing.scan_ns, &seen);
    }
    keyed
        .into_iter()
        .map(|(size, r)| (size, r.map(|(key, _)| key)))
        .collect()
}

fn pending<'a>(
    slot: usize,
    path: &'a Path,
    name: &'a str,
    size: u64,
    key: String,
    note: Option<String>,
) -> (usize, Pending<'a>) {
    let miss = Miss {
        key,
        note,
        spill: true,
    };
    (
        slot,
        Pending {
            path,
            name,
            size,
            miss,
        },
    )
}

/// Reads the cached articles' mention files into their slots; returns
/// those whose file turned out stale or damaged, to extract.
fn read_cached<'a>(
    cached: Vec<(usize, u64, String)>,
    store: Option<&Store>,
    files: &'a [(PathBuf, String)],
    times: &StageTimes,
    progress: &(dyn Fn(u64) + Sync),
    results: &mut [Option<Result<Held, IngestError>>],
) -> Vec<(usize, Pending<'a>)> {
    let Some(store) = store else {
        return Vec::new();
    };
    let found: Vec<(usize, u64, Probe)> = cached
        .into_par_iter()
        .map(|(slot, size, key)| {
            let p = lookup(store, key, times);
            if let Probe::Hit(_) = p {
                progress(size);
            }
            (slot, size, p)
        })
        .collect();
    let mut stale = Vec::new();
    for (slot, size, p) in found {
        match p {
            Probe::Hit(x) => results[slot] = Some(Ok(Held::Whole(x))),
            Probe::Miss(Miss { key, note, .. }) => {
                let (path, name) = &files[slot];
                stale.push(pending(slot, path, name, size, key, note));
            }
        }
    }
    stale
}

fn merge_extraction(x: Extraction, store: Option<&Store>, previous: Ledger) -> BuildOutput {
    let Extraction {
        docs,
        mut warnings,
        mut errors,
        skipped,
        times,
    } = x;
    let clock = std::time::Instant::now();
    if let Some(packs) = store.and_then(|s| s.packs.as_ref())
        && let Err(e) = packs.finish()
    {
        warnings.push(format!("cache pack not kept: {e}"));
    }
    let docs = load_held(docs, &mut errors);
    times.add(Stage::Ingest, clock);
    // A folder of mention files (`extract --out`) is never pruned.
    if let Some(packs) = store.and_then(|s| s.packs.as_ref()) {
        let keep: HashSet<String> = docs.iter().map(|x| x.header.key.clone()).collect();
        warnings.extend(packs.collect(&keep));
    }
    let clock = std::time::Instant::now();
    let merged = merge_extracted(docs, previous);
    times.add(Stage::Merge, clock);
    warnings.extend(merged.warnings);
    BuildOutput {
        documents: merged.documents,
        events: merged.events,
        sentences: merged.sentences,
        warnings,
        errors,
        times,
        skipped,
        ledger: merged.ledger,
    }
}

/// Every article whole, read back from the store where extraction left
/// it; those that cannot be read are errors, in the articles' order.
fn load_held(docs: Vec<Held>, errors: &mut Vec<IngestError>) -> Vec<Extracted> {
    let loaded: Vec<_> = docs.into_par_iter().map(Held::load).collect();
    let mut whole = Vec::with_capacity(loaded.len());
    for r in loaded {
        match r {
            Ok(x) => whole.push(x),
            Err(e) => errors.push(e),
        }
    }
    whole
}

/// What merging a set of extracted articles gives.
pub struct Merged {
    pub documents: Vec<DocSummary>,
    pub events: Vec<Event>,
    pub sentences: usize,
    /// The extraction warnings of every article, then notes on copies.
    pub warnings: Vec<String>,
    /// The ids of this generation, for the next one.
    pub ledger: Ledger,
}

/// Merges extracted articles (in any order: they are sorted by name) into
/// the timeline. Byte-identical copies with the same publication date are
/// one article: only the copy the previous generation counted (else the
/// first by name) contributes mentions, so a copy neither adds a mention
/// nor splits an event, and each copy is still listed as a document.
/// `previous` is freed as soon as the ids are kept, before the new ledger
/// is made: a large corpus's ledger is tens of MB.
pub fn merge_extracted(mut docs: Vec<Extracted>, previous: Ledger) -> Merged {
    docs.sort_by(|a, b| a.header.doc.cmp(&b.header.doc));
    let mut groups: HashMap<(u64, &str), Vec<&str>> = HashMap::new();
    for x in &docs {
        groups
            .entry((x.content_hash(), x.header.published.as_str()))
            .or_default()
            .push(&x.header.doc);
    }
    let mut counted: HashMap<String, String> = HashMap::new();
    let mut names = HashMap::new();
    for ((hash, _), members) in &groups {
        let canon = previous
            .name_of(*hash)
            .filter(|n| members.contains(n))
            .unwrap_or(members[0]);
        names.insert(*hash, canon.to_string());
        for m in members {
            counted.insert(m.to_string(), canon.to_string());
        }
    }
    let total: usize = docs.iter().map(|x| x.mentions.len()).sum();
    // Boxed one article at a time, so no flat copy of every mention exists
    // beside the articles' own lists (see [`merge::merge_boxed`]).
    let mut mentions: Vec<Box<Mention>> = Vec::with_capacity(total);
    let (mut documents, mut warnings) = (Vec::new(), Vec::new());
    let mut hashes = FastMap::default();
    let mut sentences = 0;
    for x in docs {
        sentences += x.header.sentences;
        hashes.insert(x.header.doc.clone(), x.content_hash());
        documents.push(x.summary());
        warnings.extend(x.header.warnings);
        match counted.get(&x.header.doc) {
            Some(canon) if *canon != x.header.doc => warnings.push(format!(
                "{}: the same bytes as {canon}: its events are counted once, under {canon}",
                x.header.doc
            )),
            _ => {
                // In the merge's order already, each article's mentions
                // together in memory: the merge's own sort of every
                // mention, through their boxes, then finds one run.
                let mut ms = x.mentions;
                ms.sort_by(|a, b| (a.start, &a.kind).cmp(&(b.start, &b.kind)));
                mentions.extend(ms.into_iter().map(Box::new));
            }
        }
    }
    let events = merge_with_ledger(mentions, &hashes, &previous);
    drop(previous);
    let doc_hashes = DocHashes::new(&hashes);
    let ledger = Ledger::of(&events, |d| doc_hashes.get(d), &names);
    Merged {
        documents,
        events,
        sentences,
        warnings,
        ledger,
    }
}

/// A 64-bit FNV-1a hash of an article's bytes: what its ids rest on, so
/// neither its name nor a copy under another name changes them.
pub fn content_hash(bytes: &[u8]) -> u64 {
    mentionfile::fnv(mentionfile::FNV_START, bytes)
}

/// [`merge_with_ledger`] with no previous generation.
pub fn merge_with_ids(mentions: Vec<Mention>, hashes: &HashMap<String, u64>) -> Vec<Event> {
    let boxed = mentions.into_iter().map(Box::new).collect();
    merge_with_ledger(boxed, hashes, &Ledger::default())
}

/// Merges mentions into events. An event whose mentions carried an id in
/// the previous generation keeps it ([`ids::keep_previous`]); any other
/// gets one from its anchor mention's *content* hash, offset and kind: the
/// anchor is the body mention with the smallest (content hash, offset), an
/// order that does not depend on file names. `hashes` maps a document name
/// to its content hash. Ids that would still collide (two events anchored
/// at one sentence, or a kept id) are told apart by a counter, in the
/// events' (stable) order.
pub fn merge_with_ledger<S: std::hash::BuildHasher>(
    mentions: Vec<Box<Mention>>,
    hashes: &HashMap<String, u64, S>,
    previous: &Ledger,
) -> Vec<Event> {
    let mut events = merge::merge_boxed(mentions);
    let hashes = DocHashes::new(hashes);
    let doc_hash = |d: &str| hashes.get(d);
    let (kept, mut used) = ids::keep_previous(&mut events, doc_hash, previous);
    for (e, kept) in events.iter_mut().zip(kept) {
        if kept {
            continue;
        }
        let hash_of = |m: &Mention| doc_hash(&m.doc);
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

#[cfg(test)]
mod batching {
    use super::{BATCH_ARTICLES, BATCH_BYTES, Miss, Pending, batches};
    use std::path::Path;

    fn list(names: &[String], size: impl Fn(usize) -> u64) -> Vec<Pending<'_>> {
        (names.iter().enumerate())
            .map(|(i, name)| Pending {
                path: Path::new(name),
                name,
                size: size(i),
                miss: Miss {
                    key: String::new(),
                    note: None,
                    spill: false,
                },
            })
            .collect()
    }

    #[test]
    fn batches_keep_the_order_and_their_bounds() {
        let names: Vec<String> = (0..1000).map(|i| format!("a{i:04}")).collect();
        // Mostly news-sized articles, every 97th one over the byte bound.
        let size = |i: usize| {
            if i.is_multiple_of(97) {
                3 * BATCH_BYTES
            } else {
                4000 + (i as u64 % 7) * 1000
            }
        };
        let out = batches(list(&names, size), 2);
        let order: Vec<&str> = out.iter().flatten().map(|p| p.name).collect();
        assert_eq!(order, names.iter().map(String::as_str).collect::<Vec<_>>());
        for b in &out {
            let bytes: u64 = b.iter().map(|p| p.size).sum();
            assert!(!b.is_empty() && b.len() <= BATCH_ARTICLES);
            assert!(b.len() == 1 || bytes <= BATCH_BYTES, "{} {bytes}", b.len());
        }
        assert!(out.iter().any(|b| b.len() == BATCH_ARTICLES));
        assert!(out.iter().any(|b| b.len() == 1 && b[0].size > BATCH_BYTES));
        // A few dozen articles still give every worker several batches.
        let few = batches(list(&names[..24], |_| 5000), 2);
        assert_eq!(few.len(), 8);
    }
}
