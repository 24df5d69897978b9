//! `dateline explain`: why a row exists or is missing. Shows, sentence by
//! sentence, the dates found and resolved, the rules that fired, the
//! mentions built, and how they merge: one renderer per pipeline stage, in
//! the order the data flows, so a new stage is one more function.

use anyhow::{Context, bail};
use clap::Args;
use dateline::event_rules::RuleMatch;
use dateline::gazetteer::Entity;
use dateline::ingest::Document;
use dateline::ingest::parse_partial_date;
use dateline::manifest::Manifest;
use dateline::mentions::{Mention, Sentence};
use dateline::merge::Event;
use dateline::pipeline::{self, Analysis, Engine};
use dateline::temporal::Timex;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// An article file (its folder's sources.csv is read too).
    pub file: Option<PathBuf>,
    /// Explain this text instead of a file.
    #[arg(long, conflicts_with = "file")]
    pub text: Option<String>,
    /// Publication date for --text (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub published: Option<String>,
    /// Folder of rules (default: the rules built into the binary).
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Also merge with every article of this folder, to show which other
    /// articles tell the same events (as `build` would).
    #[arg(long, value_name = "DIR")]
    pub with: Option<PathBuf>,
}

pub fn run(args: &ExplainArgs) -> anyhow::Result<u8> {
    let rules = super::rules_source::resolve(args.rules.as_deref())?;
    let engine = Engine::load(&rules).map_err(|e| anyhow::anyhow!("bad rules:\n{e}"))?;
    let doc = read_doc(args, &engine)?;
    let a = engine.analyse(&doc);
    let mut s = String::new();
    ingest(
        &mut s,
        &doc,
        args.text.is_some() && args.published.is_some(),
    );
    for (i, sent) in a.sentences.iter().enumerate() {
        sentence(&mut s, &doc, sent, i);
        temporal(&mut s, &a.timexes, &sent.range);
        gazetteer(&mut s, &sent.entities);
        rules_fired(&mut s, &doc.text, &sent.matches, sent.range.start);
        if !sent.skip {
            misses(
                &mut s,
                &engine,
                &doc.text[sent.range.clone()],
                &sent.matches,
                &sent.entities,
            );
        }
        mentions(&mut s, &a.mentions, i);
    }
    let (events, scope) = merged(args, &engine, &doc, &a)?;
    merge(&mut s, &events, &scope);
    print!("{s}");
    Ok(0)
}

/// The article named on the command line, or `--text` as an article.
fn read_doc(args: &ExplainArgs, engine: &Engine) -> anyhow::Result<Document> {
    match (&args.file, &args.text) {
        (Some(path), None) => {
            let (manifest, _) = Manifest::load(path.parent().unwrap_or(std::path::Path::new(".")));
            Ok(engine.ingest.read(path, &manifest)?)
        }
        (None, Some(text)) => {
            let published = match &args.published {
                None => None,
                Some(p) => Some(parse_partial_date(p).with_context(|| {
                    format!("--published {p:?} is not YYYY-MM-DD, YYYY-MM or YYYY")
                })?),
            };
            let name = "(text)";
            Ok(engine.ingest.parse(
                name.into(),
                text.clone().into_bytes(),
                &Manifest::single(name, published),
            ))
        }
        _ => bail!("give an article FILE or --text \"...\""),
    }
}

/// Ingest: the article's name, its publication date and where that came
/// from, and what reading it warned about.
fn ingest(s: &mut String, doc: &Document, from_flag: bool) {
    let published = doc.published.display();
    let _ = writeln!(
        s,
        "{}: published {} (from {})",
        doc.name,
        if published.is_empty() {
            "unknown"
        } else {
            &published
        },
        if from_flag {
            "--published"
        } else {
            doc.published.basis.as_str()
        }
    );
    for w in &doc.warnings {
        let _ = writeln!(s, "warning: {w}");
    }
}

/// Sentences: where sentence `i` lies in the file, its text, and whether
/// it is ignored or may only add a source.
fn sentence(s: &mut String, doc: &Document, sent: &Sentence, i: usize) {
    let r = &sent.range;
    let (fs, fe, _) = doc.original(r);
    let flag = if sent.skip {
        " [repeat of an earlier sentence: ignored]"
    } else if sent.heading {
        " [headline-like: can only add a source]"
    } else {
        ""
    };
    let _ = writeln!(
        s,
        "\n[{i}] bytes {fs}..{fe}{flag}\n    {}",
        doc.text[r.clone()].replace('\n', " ")
    );
}

/// Temporal: each date expression inside the sentence and what it resolved to.
fn temporal(s: &mut String, timexes: &[Timex], r: &Range<usize>) {
    for t in timexes
        .iter()
        .filter(|t| t.start >= r.start && t.end <= r.end)
    {
        let iv = t
            .interval
            .map(|d| format!("{} .. {}", d.start, d.end))
            .unwrap_or_else(|| "no calendar interval".into());
        let _ = writeln!(
            s,
            "    time  {:?} {} value={}{} -> {} ({}, anchored {:?})",
            t.text,
            t.kind.as_str(),
            t.value,
            t.modifier
                .map(|m| format!(" mod={}", m.as_str()))
                .unwrap_or_default(),
            iv,
            t.precision.map(|p| p.as_str()).unwrap_or("-"),
            t.anchor
        );
    }
}

/// Gazetteer: the names found in the sentence, with kind and country.
fn gazetteer(s: &mut String, entities: &[Entity]) {
    if entities.is_empty() {
        return;
    }
    let list: Vec<String> = entities
        .iter()
        .map(|e| {
            let country = e.country.as_deref().map(|c| format!(", {c}"));
            format!("{} ({:?}{})", e.name, e.kind, country.unwrap_or_default())
        })
        .collect();
    let _ = writeln!(s, "    names {}", list.join(", "));
}

/// Rules: each rule that fired on the sentence, with what its groups
/// captured (`offset`: the sentence's start in the text).
fn rules_fired(s: &mut String, text: &str, matches: &[RuleMatch], offset: usize) {
    for m in matches {
        let groups: Vec<String> = m
            .groups
            .iter()
            .map(|(n, r)| format!("{n}={:?}", &text[r.start + offset..r.end + offset]))
            .collect();
        let _ = writeln!(
            s,
            "    rule  {} fired: {} (CAMEO {}){}{} ",
            m.rule_id,
            m.kind,
            m.cameo,
            if m.planned { ", planned" } else { "" },
            if groups.is_empty() {
                String::new()
            } else {
                format!(" [{}]", groups.join(", "))
            }
        );
    }
}

/// Events: the mentions sentence `i` made and how each is dated.
fn mentions(s: &mut String, mentions: &[Mention], i: usize) {
    for m in mentions.iter().filter(|m| m.sentence_index as usize == i) {
        let date = m
            .date
            .map(|d| format!("{} .. {}", d.start, d.end))
            .unwrap_or_else(|| "undated".into());
        let _ = writeln!(
            s,
            "    event {} {} dated by {} {:?}",
            m.kind,
            date,
            m.date_basis.as_str(),
            m.date_text
        );
    }
}

/// The events the article's mentions merge into: alone, or (`--with`)
/// among every article of a folder as `build` would merge them.
fn merged(
    args: &ExplainArgs,
    engine: &Engine,
    doc: &Document,
    a: &Analysis,
) -> anyhow::Result<(Vec<Event>, String)> {
    Ok(match &args.with {
        None => {
            let hashes = HashMap::from([(doc.name.clone(), pipeline::content_hash(&doc.raw))]);
            (
                pipeline::merge_with_ids(a.mentions.clone(), &hashes),
                "this article".to_string(),
            )
        }
        Some(dir) => {
            let out = pipeline::build(engine, dir, &|| ())?;
            let mine: Vec<_> = out
                .events
                .into_iter()
                .filter(|e| e.mentions.iter().any(|m| m.doc == doc.name))
                .collect();
            (mine, format!("all of {}", dir.display()))
        }
    })
}

/// Merge: each event, its mentions and why they were taken as one.
fn merge(s: &mut String, events: &[Event], scope: &str) {
    let _ = writeln!(s, "\nEvents after merging with {scope} ({}):", events.len());
    for e in events {
        let _ = writeln!(
            s,
            "  {} {} {}..{} ({}, {}) {} mention(s)",
            e.id,
            e.event_type,
            e.date_start.as_deref().unwrap_or("?"),
            e.date_end.as_deref().unwrap_or("?"),
            e.date_basis.as_str(),
            e.date_text,
            e.mentions.len(),
        );
        for m in &e.mentions {
            let _ = writeln!(
                s,
                "      {} bytes {}..{} {} {:?}",
                m.doc, m.start, m.end, m.rule, m.date_text
            );
        }
        for why in &e.merged_because {
            let _ = writeln!(s, "      merged: {why}");
        }
    }
}

/// Near misses most worth reading per sentence.
const NEAR_MISSES: usize = 3;

/// What nearly happened in a sentence: rules whose trigger word is there
/// but that made no event (and why), and captured names the gazetteer did
/// not know, so the event lost them.
fn misses(
    s: &mut String,
    engine: &Engine,
    sentence: &str,
    matches: &[RuleMatch],
    entities: &[Entity],
) {
    for m in engine.rules.near_misses(sentence).iter().take(NEAR_MISSES) {
        let _ = writeln!(
            s,
            "    near  {} ({}), trigger {:?}: {}",
            m.rule_id, m.kind, m.trigger, m.why
        );
    }
    for m in matches {
        for (name, r) in &m.groups {
            // Only groups that name a participant go through the gazetteer.
            if !matches!(name.as_str(), "location" | "actor" | "target") {
                continue;
            }
            let known = entities
                .iter()
                .any(|e| e.span.start < r.end && r.start < e.span.end);
            if !known {
                let _ = writeln!(
                    s,
                    "    drop  {} captured {name}={:?}, not in the gazetteer (rules/gazetteer/): the event does not name it",
                    m.rule_id,
                    &sentence[r.clone()]
                );
            }
        }
    }
}
