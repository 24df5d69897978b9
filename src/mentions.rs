//! Events stage: one article's rule matches become dated event mentions.
//!
//! A mention's date comes, in this order, from the temporal expression that
//! governs it in its own sentence; from an earlier mention of the same event
//! that a cue points back to ("the trip", "during Dar's visit"); from the next
//! sentence when that one refers back to it and carries a date ("This was in
//! retaliation to an attack in late December"); from the date the narrative
//! is at (the last dated sentence before it); and only then from the
//! publication date. `date_basis` says which.

use crate::cues::Cue;
use crate::datafile::pattern::Matcher;
use crate::error::RuleErrors;
use crate::event_rules::RuleMatch;
use crate::gazetteer::{Entity, EntityKind};
use crate::ingest::Document;
use crate::sym::Sym;
use crate::temporal::{Anchor, Interval, Precision, RefDate, Timex, TimexType};
use crate::text::Text;
use serde::Serialize;
use std::ops::Range;
use std::path::Path;

mod casualties;
mod clauses;
mod dating;
mod named;
mod retell;
mod roles;

pub use named::{Named, NamedParts};

use casualties::Toll;
use clauses::Breaks;
use dating::{DateFound, Dated, distance, is_dating, narrative_after, offsets, within};
use retell::{Antecedent, dating};
use roles::{location_of, parties_of, roles};

/// Where a mention's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// A temporal expression in the mention's own sentence.
    Sentence,
    /// An earlier mention of the same event ("the trip").
    Coreference,
    /// The next sentence, which refers back to this one.
    Neighbour,
    /// The date the article's narrative was at.
    Narrative,
    /// The article's publication date.
    Published,
    /// No date could be found.
    None,
}

impl DateBasis {
    pub fn as_str(&self) -> &'static str {
        match self {
            DateBasis::Sentence => "sentence",
            DateBasis::Coreference => "coreference",
            DateBasis::Neighbour => "neighbour",
            DateBasis::Narrative => "narrative",
            DateBasis::Published => "published",
            DateBasis::None => "none",
        }
    }
}

/// One sentence's telling of one event.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub doc: Sym,
    pub published: Sym,
    /// Exact text of the file between `start` and `end`.
    pub sentence: Text,
    /// Offsets and indexes as `u32`: a mention file is far below 4 GB, and
    /// hundreds of thousands of mentions are held at once.
    pub start: u32,
    pub end: u32,
    #[serde(skip)]
    pub sentence_index: u32,
    pub rule: Sym,
    #[serde(skip)]
    pub kind: Sym,
    #[serde(skip)]
    pub cameo: Sym,
    /// This mention's own date, before merging picks the event's.
    #[serde(rename = "interval")]
    pub date: Option<Interval>,
    pub precision: Option<Precision>,
    pub date_text: Sym,
    pub date_basis: DateBasis,
    #[serde(skip)]
    pub actors: Box<[Named]>,
    #[serde(skip)]
    pub location: Option<Named>,
    /// Who acted (the initiator), and on or with whom (target or counterpart).
    #[serde(skip)]
    pub actor1: Option<Named>,
    #[serde(skip)]
    pub actor2: Option<Named>,
    #[serde(skip)]
    pub killed: Option<u32>,
    #[serde(skip)]
    pub wounded: Option<u32>,
    #[serde(skip)]
    pub planned: bool,
    /// A definite telling ("the strike") of an event the article told
    /// before, by that telling's `start`: it joins that event.
    #[serde(skip)]
    pub retells: Option<u32>,
    /// From a headline-like line: may add a source to an event, never makes one.
    #[serde(skip)]
    pub heading: bool,
}

/// Compiled `rules/en/coreference.toml` and `rules/en/numbers.toml`.
pub struct EventBuilder {
    cues: Vec<Cue>,
    /// Every cue pattern in one set, in `cues` order: one pass over a
    /// sentence says which few cue patterns can match it.
    cue_set: Option<regex::RegexSet>,
    /// `clause_breaks` and `casualties` as sets, likewise.
    break_set: Option<regex::RegexSet>,
    casualty_set: Option<regex::RegexSet>,
    back_reference: Vec<Matcher>,
    not_narrative: Vec<Matcher>,
    /// Where one clause of a sentence ends and the next begins.
    clause_breaks: Vec<Matcher>,
    /// Kinds whose sentences are searched for a death toll, and how.
    casualty_kinds: Vec<String>,
    casualties: Vec<Matcher>,
    casualty_examples: Vec<(String, String)>,
    wounded_examples: Vec<(String, String)>,
    /// The language's shared words: `{number}` and the counts' values.
    words: crate::lexicon::Lexicon,
    cue_examples: Vec<(String, String)>,
}

impl EventBuilder {
    /// Loads the cue lists of the language folder (`crate::cues`).
    pub fn load(rules_dir: &Path) -> Result<EventBuilder, RuleErrors> {
        let (coreference, casualties) = crate::cues::load(rules_dir)?;
        Ok(EventBuilder {
            cue_set: pattern_set(coreference.cues.iter().flat_map(|c| &c.patterns)),
            break_set: pattern_set(&coreference.clause_breaks),
            casualty_set: pattern_set(&casualties.patterns),
            cues: coreference.cues,
            back_reference: coreference.back_reference,
            not_narrative: coreference.not_narrative,
            clause_breaks: coreference.clause_breaks,
            casualty_kinds: casualties.kinds,
            casualties: casualties.patterns,
            casualty_examples: casualties.examples,
            wounded_examples: casualties.wounded_examples,
            words: casualties.words,
            cue_examples: coreference.examples,
        })
    }

    pub fn example_count(&self) -> usize {
        self.cue_examples.len() + self.casualty_examples.len() + self.wounded_examples.len()
    }

    /// Cue and casualty examples that do not hold.
    pub fn run_examples(&self) -> Vec<String> {
        let mut fails: Vec<String> = self
            .cue_examples
            .iter()
            .filter(|(kind, text)| {
                !self
                    .cues
                    .iter()
                    .any(|c| &c.kind == kind && c.patterns.iter().any(|p| p.is_match(text)))
            })
            .map(|(kind, text)| format!("coreference cue {kind}: example {text:?} does not match"))
            .collect();
        for (text, want) in &self.casualty_examples {
            let got = self.casualties_in(text);
            if got != self.number(want) {
                fails.push(format!(
                    "casualties: example {text:?}: expected {want}, got {got:?}"
                ));
            }
        }
        for (text, want) in &self.wounded_examples {
            let got = self
                .tolls(text)
                .into_iter()
                .find(|t| !t.killed)
                .map(|t| t.count);
            if got != self.number(want) {
                fails.push(format!(
                    "casualties: wounded example {text:?}: expected {want}, got {got:?}"
                ));
            }
        }
        fails
    }

    fn cued_kinds(&self, sentence: &str) -> Vec<(&str, bool)> {
        let hit = self.cue_set.as_ref().map(|s| s.matches(sentence));
        if hit.as_ref().is_some_and(|h| !h.matched_any()) {
            return Vec::new();
        }
        let mut i = 0;
        let mut out = Vec::new();
        for c in &self.cues {
            let (first, n) = (i, c.patterns.len());
            i += n;
            let may = |k: usize| hit.as_ref().is_none_or(|h| h.matched(first + k));
            if (0..n).any(|k| may(k) && c.patterns[k].is_match(sentence)) {
                out.push((c.kind.as_str(), c.container));
            }
        }
        out
    }

    fn refers_back(&self, sentence: &str) -> bool {
        self.back_reference.iter().any(|r| r.is_match(sentence))
    }

    /// Parses "16", "1,200" or a number word of the shared lexicon's
    /// `number` class (`rules/en/lexicon/numbers.toml`).
    pub fn number(&self, s: &str) -> Option<u32> {
        self.words.count(s)
    }

    /// Builds the mentions of one article from what the earlier stages found.
    pub fn build(&self, doc: &Document, input: &DocInput<'_>) -> Vec<Mention> {
        let mut story = Story::default();
        for (si, sentence) in input.sentences.iter().enumerate() {
            // Expressions inside this sentence only (the engine may also tag
            // headers and furniture around it).
            let timexes: Vec<&Timex> = input
                .timexes
                .iter()
                .filter(|t| within(t, &sentence.range) && is_dating(t))
                .collect();
            let before = story.mentions.len();
            let sentence_date = if sentence.skip {
                None
            } else {
                self.tell(si, &timexes, input, doc, &mut story)
            };
            if let Some(d) = narrative_after(&timexes, sentence_date, doc.published.date) {
                story.narrative = Some(d);
            }
            let told: Vec<Antecedent> = story.mentions[before..]
                .iter()
                .filter_map(Antecedent::of)
                .collect();
            story.antecedents.extend(told);
        }
        story.mentions
    }

    /// Makes the mentions of sentence `si`'s events; returns the date its
    /// events give it (for the narrative), if any.
    fn tell(
        &self,
        si: usize,
        timexes: &[&Timex],
        input: &DocInput<'_>,
        doc: &Document,
        story: &mut Story,
    ) -> Option<Dated> {
        let sentence = &input.sentences[si];
        // Only a rule match makes a mention; most sentences have none, and
        // the cue and casualty searches below are most of this stage's time.
        if sentence.matches.is_empty() {
            return None;
        }
        let range = &sentence.range;
        let text = &doc.text[range.clone()];
        let ctx = self.context(si, timexes, input, doc, story);
        let dates: Vec<Range<usize>> = timexes
            .iter()
            .map(|t| t.start - range.start..t.end - range.start)
            .collect();
        let view = SentenceView {
            range,
            text,
            entities: &sentence.entities,
            chosen: self.chosen(&ctx.breaks, sentence, timexes, &dates),
            breaks: &ctx.breaks,
            dates,
            tolls: self.tolls_for(text, &sentence.matches),
        };
        let mut sentence_date: Option<Dated> = None;
        let mut made = Vec::new();
        for m in view.chosen.iter().copied() {
            if self.in_background_clause(m, &view) {
                continue;
            }
            let mention = self.mention(m, &view, &ctx, input, doc);
            if let (Some(d), Some(p)) = (mention.date, mention.precision)
                && mention.date_basis <= DateBasis::Coreference
            {
                sentence_date.get_or_insert((d, p, mention.date_text.to_string()));
            }
            made.push(mention);
        }
        story.mentions.extend(made);
        sentence_date
    }

    /// What dating sentence `si`'s events needs from the sentence and the
    /// story so far.
    fn context<'a>(
        &'a self,
        si: usize,
        timexes: &'a [&'a Timex],
        input: &'a DocInput<'a>,
        doc: &'a Document,
        story: &'a Story,
    ) -> SentenceContext<'a> {
        let sentence = &input.sentences[si];
        let cued = if timexes.is_empty() {
            self.cued_kinds(&doc.text[sentence.range.clone()])
        } else {
            Vec::new()
        };
        SentenceContext {
            si,
            timexes,
            cued,
            previous: story
                .mentions
                .iter()
                .rev()
                .filter(|m| m.date_basis != DateBasis::Published)
                .find_map(|m| m.date.zip(m.precision)),
            names: specific_names(&sentence.entities),
            offsets: offsets(input.timexes, &doc.text, &sentence.range),
            triggers: sentence.matches.iter().map(|m| m.span.clone()).collect(),
            breaks: self.breaks(&doc.text[sentence.range.clone()]),
            antecedents: &story.antecedents,
            narrative: &story.narrative,
        }
    }

    /// One event's mention: its date, place, parties, roles and casualties
    /// from its own clause of the sentence.
    fn mention(
        &self,
        m: &RuleMatch,
        s: &SentenceView<'_>,
        ctx: &SentenceContext<'_>,
        input: &DocInput<'_>,
        doc: &Document,
    ) -> Mention {
        let clause = s.breaks.clause(s.text.len(), &m.span);
        let location = location_of(m, s.entities, &clause, &s.dates);
        let mut parties = parties_of(m, s.entities, &clause, location.as_ref());
        let own = self.date_for(m, ctx, input, doc);
        let retold = self.retold(m, s.text, ctx.antecedents, ctx, &parties, &own);
        // A re-telling names its event ("the Taliban takeover"); what
        // follows is what the event led to, not its parties.
        if retold.is_some() {
            parties.retain(|e| e.span.start < m.span.end);
        }
        let DateFound {
            date,
            precision,
            text: date_text,
            basis,
        } = dating(own, retold);
        let (start, end, sentence) = doc.original(s.range);
        let (actor1, actor2) = roles(m, s.text, &parties);
        let mut actors: Vec<Named> = Vec::new();
        for e in &parties {
            if !actors.iter().any(|a| a.name == e.name) {
                actors.push(Named::from_entity(e));
            }
        }
        let (killed, wounded) = self.casualties_of(m, s);
        let planned = m.planned
            || (basis == DateBasis::Sentence
                && date
                    .zip(doc.published.date)
                    .is_some_and(|(d, r)| d.start > r.interval.end));
        Mention {
            doc: Sym::new(&doc.name),
            published: doc.published.display().into(),
            sentence: Text::new(&sentence),
            start: offset(start),
            end: offset(end),
            sentence_index: offset(ctx.si),
            rule: Sym::new(&m.rule_id),
            kind: Sym::new(&m.kind),
            cameo: Sym::new(&m.cameo),
            date,
            precision,
            date_text: date_text.into(),
            date_basis: basis,
            actors: actors.into_boxed_slice(),
            location,
            actor1,
            actor2,
            killed,
            wounded,
            planned,
            retells: retold.map(|a| offset(a.start)),
            heading: input.sentences[ctx.si].heading,
        }
    }
}

/// An offset or index into an article, which is never over 4 GB
/// ([`crate::ingest::MAX_ARTICLE_BYTES`]).
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("articles are read only up to 4 GB")
}

/// The mentions made so far in an article, and what later sentences may
/// take a date from.
#[derive(Default)]
struct Story {
    mentions: Vec<Mention>,
    /// Date the narrative is at, with its words, after the last sentence.
    narrative: Option<Dated>,
    /// Mentions dated by their own words, for coreference cues to point at.
    antecedents: Vec<Antecedent>,
}

/// One sentence as the mentions of its events see it.
struct SentenceView<'a> {
    range: &'a Range<usize>,
    text: &'a str,
    entities: &'a [Entity],
    /// Where its dating expressions are, within the sentence.
    dates: Vec<Range<usize>>,
    /// The match that makes each kind's mention.
    chosen: Vec<&'a RuleMatch>,
    breaks: &'a Breaks,
    tolls: Vec<Toll>,
}

/// What dating one sentence's events needs to know about the sentence.
struct SentenceContext<'a> {
    si: usize,
    timexes: &'a [&'a Timex],
    /// Kinds a cue points back to, and whether the cue is a container.
    cued: Vec<(&'a str, bool)>,
    /// Date of the latest mention before this sentence not dated by publication.
    previous: Option<(Interval, Precision)>,
    /// Durations followed by "after" (+1) or "before" (-1): "two days after".
    offsets: Vec<(&'a Timex, i64)>,
    /// Where the sentence's rule matches are.
    triggers: Vec<Range<usize>>,
    breaks: Breaks,
    antecedents: &'a [Antecedent],
    narrative: &'a Option<Dated>,
    names: Vec<String>,
}

/// Patterns of the cue files as one set, compiled as each pattern was (the
/// shared dialect's default flags, which `crate::cues` uses), so the set
/// says exactly which patterns' regexes match; `None` (each pattern run
/// alone) if the set is too large to compile.
fn pattern_set<'a>(patterns: impl IntoIterator<Item = &'a Matcher>) -> Option<regex::RegexSet> {
    let sources = patterns.into_iter().map(|p| p.0.as_str());
    regex::RegexSetBuilder::new(sources)
        .case_insensitive(true)
        .size_limit(crate::datafile::pattern::SIZE_LIMIT)
        .build()
        .ok()
}

fn specific_names(entities: &[Entity]) -> Vec<String> {
    entities
        .iter()
        .filter(|e| e.kind != EntityKind::Country)
        .map(|e| e.name.clone())
        .collect()
}

/// One sentence of an article and what the stages before this one found
/// in it.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    /// Repeats an earlier sentence: it makes no mention.
    pub skip: bool,
    /// A headline-like line (no closing punctuation): its mentions may add
    /// a source to an event, never make one.
    pub heading: bool,
    pub entities: Vec<Entity>,
    pub matches: Vec<RuleMatch>,
}

/// What the earlier stages found in one article (or a window of it).
pub struct DocInput<'a> {
    pub sentences: &'a [Sentence],
    /// Sorted by start; they may lie outside every sentence.
    pub timexes: &'a [Timex],
}

/// One match per kind: of several ("the envoy arrived and was received
/// at the palace on Monday"), the one nearest a date of the sentence, else
/// the first. [`EventBuilder::chosen`] adds back a second telling with a
/// clause, and a date or place, of its own.
fn one_per_kind<'a>(
    matches: &'a [RuleMatch],
    timexes: &[&Timex],
    sentence: &Range<usize>,
) -> Vec<&'a RuleMatch> {
    let mut out: Vec<&RuleMatch> = Vec::new();
    for m in matches {
        let near = |x: &RuleMatch| {
            timexes
                .iter()
                .map(|t| distance(&x.span, t, sentence))
                .min()
                .unwrap_or(0)
        };
        match out.iter_mut().find(|o| o.kind == m.kind) {
            Some(o) if near(m) < near(o) => *o = m,
            Some(_) => {}
            None => out.push(m),
        }
    }
    out
}

impl EventBuilder {
    /// The matches that make a sentence's mentions: one per kind, and
    /// another of a kind only where the sentence tells that kind again in a
    /// clause of its own with a date or a place of its own ("rebels raided
    /// Kidal on Monday, and on Wednesday they raided Gao"; "a drone hit a
    /// depot in Kherson, and a missile struck a school in Sumy"): two
    /// events, which the merge stage keeps apart.
    fn chosen<'a>(
        &self,
        breaks: &Breaks,
        sentence: &'a Sentence,
        timexes: &[&Timex],
        dates: &[Range<usize>],
    ) -> Vec<&'a RuleMatch> {
        let range = &sentence.range;
        let mut out = one_per_kind(&sentence.matches, timexes, range);
        let single = out.len();
        let own = |m: &RuleMatch| {
            let clause = breaks.clause(range.len(), &m.span);
            let date = timexes
                .iter()
                .filter(|t| overlaps(&(t.start - range.start..t.end - range.start), &clause))
                .min_by_key(|t| distance(&m.span, t, range))
                .and_then(|t| t.interval);
            let place = location_of(m, &sentence.entities, &clause, dates)
                .filter(|l| l.is(EntityKind::Place))
                .map(|l| l.name.clone());
            (clause, date, place)
        };
        for m in &sentence.matches {
            if out.iter().any(|o| std::ptr::eq(*o, m)) {
                continue;
            }
            let (clause, date, place) = own(m);
            let apart = out.iter().filter(|o| o.kind == m.kind).all(|o| {
                let (other, other_date, other_place) = own(o);
                let dated_apart = date.zip(other_date).is_some_and(|(a, b)| !a.overlaps(&b));
                let placed_apart = place.is_some()
                    && other_place.is_some()
                    && place != other_place
                    && date == other_date;
                !overlaps(&clause, &other) && (dated_apart || placed_apart)
            });
            if apart {
                out.push(m);
            }
        }
        if out.len() > single {
            // Told in the sentence's order, as the words run.
            out.sort_by_key(|m| m.span.start);
        }
        out
    }
}

fn group(m: &RuleMatch, name: &str) -> Option<Range<usize>> {
    m.groups
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, r)| r.clone())
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::dating::duration_days;
    use super::*;
    use crate::ingest::IngestConfig;
    use crate::manifest::Manifest;
    use crate::temporal::{Modifier, TimexType};
    use chrono::NaiveDate;

    const RULES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/en");

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn rule_match(sentence: &str, word: &str, kind: &str) -> RuleMatch {
        let at = sentence.find(word).unwrap();
        RuleMatch {
            rule_id: format!("{kind}-test"),
            kind: kind.into(),
            cameo: "000".into(),
            span: at..at + word.len(),
            groups: Vec::new(),
            planned: false,
        }
    }

    fn timex(
        text: &str,
        sentences: &[Range<usize>],
        si: usize,
        words: &str,
        from: &str,
        to: &str,
        p: Precision,
    ) -> Timex {
        let s = &sentences[si];
        let at = s.start + text[s.clone()].find(words).unwrap();
        Timex {
            start: at,
            end: at + words.len(),
            text: words.into(),
            kind: TimexType::Date,
            value: String::new(),
            modifier: None::<Modifier>,
            interval: Some(Interval::new(d(from), d(to))),
            precision: Some(p),
            anchor: Anchor::Dct,
            sentence: si,
            shift: None,
        }
    }

    /// A duration ("two days", value `P2D`) in sentence `si`: no interval.
    fn duration(
        text: &str,
        sentences: &[Range<usize>],
        si: usize,
        words: &str,
        value: &str,
    ) -> Timex {
        let mut t = timex(
            text,
            sentences,
            si,
            words,
            "2000-01-01",
            "2000-01-01",
            Precision::Day,
        );
        t.kind = TimexType::Duration;
        t.interval = None;
        t.precision = None;
        t.anchor = Anchor::None;
        t.value = value.into();
        t
    }

    /// Runs the builder over sentences given as (text, [(trigger word, kind)]).
    fn run(
        published: &str,
        parts: &[(&str, &[(&str, &str)])],
        timexes: impl Fn(&str, &[Range<usize>]) -> Vec<Timex>,
    ) -> Vec<Mention> {
        let text = parts.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(" ");
        let raw = format!("date {published}\n{text}");
        let doc = IngestConfig::load(Path::new(RULES)).unwrap().parse(
            "t.txt".into(),
            raw.into_bytes(),
            &Manifest::default(),
        );
        let mut sentences = Vec::new();
        let mut pos = doc.segments[0].start;
        for (s, _) in parts {
            sentences.push(pos..pos + s.len());
            pos += s.len() + 1;
        }
        let tx = timexes(&doc.text, &sentences);
        let sentences: Vec<Sentence> = sentences
            .into_iter()
            .zip(parts)
            .map(|(range, (s, ms))| Sentence {
                range,
                skip: false,
                heading: false,
                entities: Vec::new(),
                matches: ms.iter().map(|(w, k)| rule_match(s, w, k)).collect(),
            })
            .collect();
        let builder = EventBuilder::load(Path::new(RULES)).unwrap();
        builder.build(
            &doc,
            &DocInput {
                sentences: &sentences,
                timexes: &tx,
            },
        )
    }

    #[test]
    fn a_reference_point_in_a_background_clause_makes_no_event() {
        let sentences: [(&str, &[(&str, &str)]); 3] = [
            (
                "The envoy landed in Niamey on Monday, his first trip since the junta seized power.",
                &[("landed", "visit"), ("seized power", "takeover")],
            ),
            (
                "She arrived in Quito on Monday, the first visit by a minister after the rebels took over.",
                &[("arrived", "visit"), ("took over", "takeover")],
            ),
            (
                "Lima cut ties on Monday after protesters stormed its embassy.",
                &[("cut ties", "policy"), ("stormed", "attack")],
            ),
        ];
        let ms = run("2025-03-05", &sentences, |text, s| {
            (0..3)
                .map(|i| {
                    timex(
                        text,
                        s,
                        i,
                        "Monday",
                        "2025-03-03",
                        "2025-03-03",
                        Precision::Day,
                    )
                })
                .collect()
        });
        let kinds: Vec<&str> = ms.iter().map(|m| m.kind.as_str()).collect();
        // The storming shares the day of the break in relations; the two
        // takeovers are only what the visits are counted from.
        assert_eq!(kinds, ["visit", "visit", "policy", "attack"]);
    }

    #[test]
    fn date_bases_in_order() {
        let ms = run(
            "2025-04-23",
            &[
                (
                    "A conference was held in the capital.",
                    &[("conference", "conference")],
                ),
                (
                    "The minister visited Kabul last week.",
                    &[("visited", "visit")],
                ),
                (
                    "Much was agreed during the minister's visit, officials said.",
                    &[("agreed", "agreement")],
                ),
                (
                    "Jets struck hideouts across the border.",
                    &[("struck", "airstrike")],
                ),
                (
                    "This was in retaliation for an attack in late December.",
                    &[("attack", "attack")],
                ),
                ("Officials condemned it.", &[("condemned", "statement")]),
            ],
            |text, s| {
                vec![
                    timex(
                        text,
                        s,
                        1,
                        "last week",
                        "2025-04-14",
                        "2025-04-20",
                        Precision::Week,
                    ),
                    timex(
                        text,
                        s,
                        4,
                        "late December",
                        "2024-12-21",
                        "2024-12-31",
                        Precision::Month,
                    ),
                ]
            },
        );
        let got: Vec<(&str, DateBasis, String)> = ms
            .iter()
            .map(|m| {
                (
                    m.kind.as_str(),
                    m.date_basis,
                    m.date.map(|d| d.start.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("conference", DateBasis::Published, "2025-04-23".to_string()),
                ("visit", DateBasis::Sentence, "2025-04-14".to_string()),
                (
                    "agreement",
                    DateBasis::Coreference,
                    "2025-04-14".to_string()
                ),
                ("airstrike", DateBasis::Neighbour, "2024-12-21".to_string()),
                ("attack", DateBasis::Sentence, "2024-12-21".to_string()),
                ("statement", DateBasis::Narrative, "2024-12-21".to_string()),
            ]
        );
    }

    #[test]
    fn nearest_date_governs_each_event() {
        let ms = run(
            "2025-04-18",
            &[(
                "The office said on Friday that the minister will visit Kabul tomorrow.",
                &[("said", "statement"), ("visit", "visit")],
            )],
            |text, s| {
                vec![
                    timex(
                        text,
                        s,
                        0,
                        "on Friday",
                        "2025-04-18",
                        "2025-04-18",
                        Precision::Day,
                    ),
                    timex(
                        text,
                        s,
                        0,
                        "tomorrow",
                        "2025-04-19",
                        "2025-04-19",
                        Precision::Day,
                    ),
                ]
            },
        );
        assert_eq!(ms[0].date.unwrap().start, d("2025-04-18"));
        assert_eq!(ms[1].date.unwrap().start, d("2025-04-19"));
        assert!(
            ms[1].planned,
            "a date after publication makes the event planned"
        );
        assert!(!ms[0].planned);
    }

    #[test]
    fn a_kind_told_twice_with_two_dates_makes_two_mentions() {
        let dated = |text: &str, s: &[Range<usize>]| {
            let mut out = vec![timex(
                text,
                s,
                0,
                "on Monday",
                "2025-03-03",
                "2025-03-03",
                Precision::Day,
            )];
            if text.contains("on Wednesday") {
                out.push(timex(
                    text,
                    s,
                    0,
                    "on Wednesday",
                    "2025-03-05",
                    "2025-03-05",
                    Precision::Day,
                ));
            }
            out
        };
        let two = run(
            "2025-03-06",
            &[(
                "Rebels raided a depot near Tillaberi on Monday, and on Wednesday militants shelled an outpost outside Diffa.",
                &[("raided", "attack"), ("shelled", "attack")],
            )],
            dated,
        );
        let days: Vec<_> = two.iter().map(|m| m.date.unwrap().start).collect();
        assert_eq!(days, vec![d("2025-03-03"), d("2025-03-05")]);
        // One date for both words: one event told with two verbs.
        let one = run(
            "2025-03-06",
            &[(
                "Gunmen raided a hamlet in Cabo Delgado and shelled its clinic on Monday.",
                &[("raided", "attack"), ("shelled", "attack")],
            )],
            dated,
        );
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn a_kind_told_twice_at_two_places_makes_two_mentions() {
        let place = |sentence: &str, name: &str| {
            let at = sentence.find(name).unwrap();
            Entity {
                span: at..at + name.len(),
                name: name.into(),
                kind: EntityKind::Place,
                country: Some("UA".into()),
            }
        };
        let tell = |sentence: &str| {
            let raw = format!("date 2025-06-02\n{sentence}");
            let doc = IngestConfig::load(Path::new(RULES)).unwrap().parse(
                "t.txt".into(),
                raw.into_bytes(),
                &Manifest::default(),
            );
            let start = doc.segments[0].start;
            let entities = ["Kherson", "Sumy"]
                .iter()
                .filter(|n| sentence.contains(*n))
                .map(|n| place(sentence, n))
                .collect();
            let s = Sentence {
                range: start..start + sentence.len(),
                skip: false,
                heading: false,
                entities,
                matches: vec![
                    rule_match(sentence, "hit", "airstrike"),
                    rule_match(sentence, "struck", "airstrike"),
                ],
            };
            let builder = EventBuilder::load(Path::new(RULES)).unwrap();
            let input = DocInput {
                sentences: &[s],
                timexes: &[],
            };
            builder.build(&doc, &input)
        };
        let two = tell("A drone hit a depot in Kherson, and a missile struck a school in Sumy.");
        let places: Vec<_> = two
            .iter()
            .map(|m| m.location.as_ref().unwrap().name.as_str())
            .collect();
        assert_eq!(places, vec!["Kherson", "Sumy"]);
        let one = tell("A drone hit a depot in Kherson, and a missile struck it again.");
        assert_eq!(one.len(), 1);
    }

    #[test]
    fn came_days_after_dates_the_later_clause_before_the_anchor() {
        let ms = run(
            "2024-03-18",
            &[
                (
                    "Jets struck hideouts on Monday.",
                    &[("struck", "airstrike")],
                ),
                (
                    "The strikes came two days after militants attacked a post.",
                    &[("attacked", "attack")],
                ),
                (
                    "Two days after the raid, troops attacked a camp.",
                    &[("attacked", "attack")],
                ),
            ],
            |text, s| {
                let two = duration(text, s, 1, "two days", "P2D");
                let lead = duration(text, s, 2, "Two days", "P2D");
                vec![
                    timex(
                        text,
                        s,
                        0,
                        "on Monday",
                        "2024-03-18",
                        "2024-03-18",
                        Precision::Day,
                    ),
                    two,
                    lead,
                ]
            },
        );
        assert_eq!(ms[1].date.unwrap().start, d("2024-03-16"));
        assert_eq!(ms[1].date_text, "two days after");
        assert_ne!(
            ms[2].date_basis,
            DateBasis::Sentence,
            "a leading 'Two days after X,' is not the same construction"
        );
    }

    #[test]
    fn days_counted_from_a_year_are_known_to_the_year() {
        let ms = run(
            "2024-03-18",
            &[
                ("Rebels seized the town in 2019.", &[("seized", "takeover")]),
                (
                    "The raid came two days after troops attacked a convoy.",
                    &[("attacked", "attack")],
                ),
            ],
            |text, s| {
                vec![
                    timex(
                        text,
                        s,
                        0,
                        "in 2019",
                        "2019-01-01",
                        "2019-12-31",
                        Precision::Year,
                    ),
                    duration(text, s, 1, "two days", "P2D"),
                ]
            },
        );
        assert_eq!(ms[1].date_text, "two days after");
        assert_eq!(ms[1].precision, Some(Precision::Year));
    }

    #[test]
    fn a_captured_date_or_person_is_no_location() {
        let sentence = "Officials condemned the raid on Monday near Doha.";
        let at = |w: &str| {
            let i = sentence.find(w).unwrap();
            i..i + w.len()
        };
        let entity = |w: &str, kind| Entity {
            span: at(w),
            name: w.into(),
            kind,
            country: None,
        };
        let entities = vec![
            entity("Monday", EntityKind::Place),
            entity("Officials", EntityKind::Person),
            entity("Doha", EntityKind::Place),
        ];
        let mut m = rule_match(sentence, "raid", "attack");
        m.groups = vec![
            ("location".into(), at("Monday")),
            ("location2".into(), at("Officials")),
        ];
        let whole = 0..sentence.len();
        let got = location_of(&m, &entities, &whole, &[at("on Monday")]);
        assert_eq!(got.map(|l| l.name.clone()).as_deref(), Some("Doha"));
    }

    #[test]
    fn duration_lengths() {
        assert_eq!(duration_days("P2D"), Some((2, 2)));
        assert_eq!(duration_days("P1W"), Some((7, 7)));
        assert_eq!(duration_days("PT48H"), Some((2, 2)));
        assert_eq!(duration_days("PXD"), Some((1, 10)));
        assert_eq!(duration_days("P3M"), None);
    }

    #[test]
    fn numbers_from_digits_and_words() {
        let b = EventBuilder::load(Path::new(RULES)).unwrap();
        assert_eq!(b.number("16"), Some(16));
        assert_eq!(b.number("1,200"), Some(1200));
        assert_eq!(b.number("Four"), Some(4));
        assert_eq!(b.number("several"), None);
        assert!(b.run_examples().is_empty(), "{:?}", b.run_examples());
    }
}
