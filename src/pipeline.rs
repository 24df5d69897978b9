//! Runs the stages over a folder of articles: each article goes through
//! ingest → sentences → temporal → rules/gazetteer → events on its own (in
//! parallel, and its text is dropped as soon as its mentions are made), then
//! all mentions go through merge once.

use crate::error::{IngestError, RuleErrors};
use crate::events::{DocInput, EventBuilder, Mention};
use crate::gazetteer::{Entity, Gazetteer};
use crate::ingest::{Document, IngestConfig, Published};
use crate::manifest::{self, Manifest};
use crate::merge::{self, Event};
use crate::rules::{EventRules, RuleMatch};
use crate::sentences::Splitter;
use crate::temporal::{Tagger, Timex};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
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
}

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
        let ingest = IngestConfig::load(rules_dir);
        let splitter = Splitter::load(rules_dir);
        let tagger = Tagger::load(&rules_dir.join("temporal"));
        let rules = EventRules::load(&rules_dir.join("events"));
        let gazetteer = Gazetteer::load(&rules_dir.join("gazetteer"));
        let events = EventBuilder::load(rules_dir);
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
        // Drop sentences that are only punctuation or a stray word.
        sentences.retain(|r| doc.text[r.clone()].chars().any(|c| c.is_alphanumeric()));
        let mut seen = HashSet::new();
        let skip: Vec<bool> = sentences
            .iter()
            .map(|r| !seen.insert(dedup_key(&doc.text[r.clone()])))
            .collect();
        let heading: Vec<bool> = sentences
            .iter()
            .map(|r| is_heading(&doc.text[r.clone()]))
            .collect();
        let clock = times.add(Stage::Sentences, clock);
        let timexes = self
            .tagger
            .tag(&doc.text, &sentences, doc.published.date.as_ref());
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
        let mentions = self.events.build(
            doc,
            &DocInput {
                sentences: &sentences,
                timexes: &timexes,
                entities: &entities,
                matches: &matches,
                skip: &skip,
                heading: &heading,
            },
        );
        times.add(Stage::Events, clock);
        Analysis {
            sentences,
            skip,
            heading,
            timexes,
            entities,
            matches,
            mentions,
        }
    }
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

/// One document as the output lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub doc: String,
    pub published: String,
    pub published_basis: &'static str,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub sentences: usize,
    pub mentions: usize,
}

pub struct BuildOutput {
    pub documents: Vec<DocSummary>,
    pub events: Vec<Event>,
    pub sentences: usize,
    pub warnings: Vec<String>,
    pub errors: Vec<IngestError>,
    pub times: StageTimes,
}

/// Article files of a folder, sorted by name. Files that are not articles are
/// reported, not silently passed over.
pub fn list_articles(dir: &Path) -> Result<(Vec<PathBuf>, Vec<String>), IngestError> {
    if !dir.is_dir() {
        return Err(IngestError::MissingFolder {
            path: dir.to_path_buf(),
        });
    }
    let entries = std::fs::read_dir(dir).map_err(|source| IngestError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == manifest::FILE_NAME || path.is_dir() {
            continue;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("txt" | "text" | "md") | None => files.push(path),
            _ => skipped.push(format!("{}: skipped: not a .txt article", path.display())),
        }
    }
    files.sort();
    skipped.sort();
    Ok((files, skipped))
}

/// What one article contributes: its summary, mentions and warnings.
type DocResult = (DocSummary, Vec<Mention>, Vec<String>);

/// Runs the whole pipeline over `dir`. `progress` is called once per article.
pub fn build(
    engine: &Engine,
    dir: &Path,
    progress: &(dyn Fn() + Sync),
) -> Result<BuildOutput, IngestError> {
    let (files, mut warnings) = list_articles(dir)?;
    let (manifest, manifest_errors) = Manifest::load(dir);
    let times = StageTimes::default();
    let results: Vec<Result<DocResult, IngestError>> = files
        .par_iter()
        .map(|path| {
            let clock = std::time::Instant::now();
            let doc = engine.ingest.read(path, &manifest);
            times.add(Stage::Ingest, clock);
            progress();
            let doc = doc?;
            let analysis = engine.analyse_timed(&doc, &times);
            let summary = summary(&doc, &doc.published, &analysis);
            Ok((summary, analysis.mentions, doc.warnings))
        })
        .collect();
    let mut documents = Vec::new();
    // Sized once: doubling a vector of several hundred thousand mentions
    // would briefly hold two copies.
    let total: usize = results
        .iter()
        .map(|r| r.as_ref().map_or(0, |(_, m, _)| m.len()))
        .sum();
    let mut mentions = Vec::with_capacity(total);
    let mut errors = manifest_errors;
    let mut sentences = 0;
    for r in results {
        match r {
            Ok((s, m, w)) => {
                sentences += s.sentences;
                documents.push(s);
                mentions.extend(m);
                warnings.extend(w);
            }
            Err(e) => errors.push(e),
        }
    }
    let clock = std::time::Instant::now();
    let events = merge::merge(mentions);
    times.add(Stage::Merge, clock);
    Ok(BuildOutput {
        documents,
        events,
        sentences,
        warnings,
        errors,
        times,
    })
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
