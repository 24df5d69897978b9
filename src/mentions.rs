//! Events stage: one article's rule matches become dated event mentions.
//!
//! A mention's date comes, in this order, from the temporal expression that
//! governs it in its own sentence; from an earlier mention of the same event
//! that a cue points back to ("the trip", "during Dar's visit"); from the next
//! sentence when that one refers back to it and carries a date ("This was in
//! retaliation to an attack in late December"); from the date the narrative
//! is at (the last dated sentence before it); and only then from the
//! publication date. `date_basis` says which.

use crate::error::{RuleError, RuleErrors, read_toml};
use crate::event_rules::RuleMatch;
use crate::gazetteer::{Entity, EntityKind};
use crate::ingest::Document;
use crate::temporal::{Anchor, Interval, Precision, RefDate, Timex, TimexType};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::Path;

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

/// An actor or place as the output names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Named {
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
}

impl Named {
    fn from_entity(e: &Entity) -> Named {
        Named {
            name: e.name.clone(),
            kind: kind_name(e.kind).to_string(),
            country: e.country.clone(),
        }
    }
}

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Country => "country",
        EntityKind::Place => "place",
        EntityKind::Organisation => "organisation",
        EntityKind::Person => "person",
    }
}

/// One sentence's telling of one event.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub doc: String,
    pub published: String,
    /// Exact text of the file between `start` and `end`.
    pub sentence: String,
    pub start: usize,
    pub end: usize,
    #[serde(skip)]
    pub sentence_index: usize,
    pub rule: String,
    #[serde(skip)]
    pub kind: String,
    #[serde(skip)]
    pub cameo: String,
    /// This mention's own date, before merging picks the event's.
    #[serde(rename = "interval")]
    pub date: Option<Interval>,
    pub precision: Option<Precision>,
    pub date_text: String,
    pub date_basis: DateBasis,
    #[serde(skip)]
    pub actors: Vec<Named>,
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
    pub retells: Option<usize>,
    /// From a headline-like line: may add a source to an event, never makes one.
    #[serde(skip)]
    pub heading: bool,
}

struct Cue {
    kind: String,
    /// An occasion other events happen during: dates events of any kind.
    container: bool,
    patterns: Vec<Regex>,
}

#[derive(Deserialize)]
struct CueSpec {
    kind: String,
    #[serde(default)]
    container: bool,
    patterns: Vec<toml::Spanned<String>>,
    #[serde(default)]
    examples: Vec<String>,
}

#[derive(Deserialize)]
struct CorefFile {
    cue: Vec<CueSpec>,
    back_reference: Vec<toml::Spanned<String>>,
    #[serde(default)]
    not_narrative: Vec<toml::Spanned<String>>,
    #[serde(default)]
    clause_break: Vec<toml::Spanned<String>>,
}

#[derive(Deserialize)]
struct NumbersFile {
    numbers: std::collections::BTreeMap<String, u32>,
    casualties: CasualtiesSpec,
}

#[derive(Deserialize)]
struct CasualtiesSpec {
    kinds: Vec<String>,
    patterns: Vec<toml::Spanned<String>>,
    #[serde(default)]
    examples: Vec<(String, String)>,
    #[serde(default)]
    wounded_examples: Vec<(String, String)>,
}

/// Compiled `rules/en/coreference.toml` and `rules/en/numbers.toml`.
pub struct EventBuilder {
    cues: Vec<Cue>,
    back_reference: Vec<Regex>,
    not_narrative: Vec<Regex>,
    /// Where one clause of a sentence ends and the next begins.
    clause_breaks: Vec<Regex>,
    /// Kinds whose sentences are searched for a death toll, and how.
    casualty_kinds: Vec<String>,
    casualties: Vec<Regex>,
    casualty_examples: Vec<(String, String)>,
    wounded_examples: Vec<(String, String)>,
    numbers: std::collections::BTreeMap<String, u32>,
    cue_examples: Vec<(String, String)>,
}

fn compile(
    path: &Path,
    text: &str,
    p: &toml::Spanned<String>,
    errors: &mut Vec<RuleError>,
) -> Option<Regex> {
    // ASCII word boundaries keep the fast DFA engines usable on text with
    // non-ASCII letters; the cues are English words either way.
    let source = p.get_ref().replace(r"\b", r"(?-u:\b)");
    match Regex::new(&format!("(?i){source}")) {
        Ok(r) => Some(r),
        Err(e) => {
            errors.push(RuleError::at_offset(
                path,
                text,
                p.span().start,
                e.to_string(),
            ));
            None
        }
    }
}

impl EventBuilder {
    pub fn load(rules_dir: &Path) -> Result<EventBuilder, RuleErrors> {
        let path = rules_dir.join("coreference.toml");
        let (file, text): (CorefFile, String) = read_toml(&path)?;
        let mut errors = Vec::new();
        let mut cues = Vec::new();
        let mut cue_examples = Vec::new();
        for c in &file.cue {
            let patterns = c
                .patterns
                .iter()
                .filter_map(|p| compile(&path, &text, p, &mut errors))
                .collect();
            cues.push(Cue {
                kind: c.kind.clone(),
                container: c.container,
                patterns,
            });
            cue_examples.extend(c.examples.iter().map(|e| (c.kind.clone(), e.clone())));
        }
        let back_reference = file
            .back_reference
            .iter()
            .filter_map(
                |p| match Regex::new(&p.get_ref().replace(r"\b", r"(?-u:\b)")) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        errors.push(RuleError::at_offset(
                            &path,
                            &text,
                            p.span().start,
                            e.to_string(),
                        ));
                        None
                    }
                },
            )
            .collect();
        let not_narrative = file
            .not_narrative
            .iter()
            .filter_map(|p| compile(&path, &text, p, &mut errors))
            .collect();
        let clause_breaks = file
            .clause_break
            .iter()
            .filter_map(|p| compile(&path, &text, p, &mut errors))
            .collect();
        let numbers_path = rules_dir.join("numbers.toml");
        let (numbers, numbers_text): (NumbersFile, String) = read_toml(&numbers_path)?;
        // `{number}`: digits, or any number word, longest first.
        let mut words: Vec<&String> = numbers.numbers.keys().collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let number_alt = format!(
            r"(?:\d[\d,]*|{})",
            words
                .iter()
                .map(|w| regex::escape(w))
                .collect::<Vec<_>>()
                .join("|")
        );
        let casualties = numbers
            .casualties
            .patterns
            .iter()
            .filter_map(|p| {
                let expanded =
                    toml::Spanned::new(p.span(), p.get_ref().replace("{number}", &number_alt));
                compile(&numbers_path, &numbers_text, &expanded, &mut errors)
            })
            .collect();
        if !errors.is_empty() {
            return Err(RuleErrors(errors));
        }
        Ok(EventBuilder {
            cues,
            back_reference,
            not_narrative,
            clause_breaks,
            casualty_kinds: numbers.casualties.kinds,
            casualties,
            casualty_examples: numbers.casualties.examples,
            wounded_examples: numbers.casualties.wounded_examples,
            numbers: numbers.numbers,
            cue_examples,
        })
    }

    pub fn example_count(&self) -> usize {
        self.cue_examples.len() + self.casualty_examples.len() + self.wounded_examples.len()
    }

    /// The death toll a sentence states, if any.
    fn casualties_in(&self, sentence: &str) -> Option<u32> {
        self.tolls(sentence)
            .into_iter()
            .find(|t| t.killed)
            .map(|t| t.count)
    }

    /// Every count of dead or wounded a sentence states, where it stands.
    fn tolls(&self, sentence: &str) -> Vec<Toll> {
        let mut out: Vec<Toll> = Vec::new();
        for r in &self.casualties {
            for c in r.captures_iter(sentence) {
                for (name, killed) in [("killed", true), ("wounded", false)] {
                    if let Some(g) = c.name(name)
                        && let Some(count) = self.number(g.as_str())
                        && !out
                            .iter()
                            .any(|t| t.killed == killed && overlaps(&t.at, &g.range()))
                    {
                        out.push(Toll {
                            at: g.range(),
                            count,
                            killed,
                        });
                    }
                }
            }
        }
        out.sort_by_key(|t| t.at.start);
        out
    }

    /// The clause of a sentence that holds `span`: between the nearest
    /// clause breaks ("; ", ", while", " after ") on either side.
    fn clause(&self, sentence: &str, span: &Range<usize>) -> Range<usize> {
        let mut c = 0..sentence.len();
        for r in &self.clause_breaks {
            for b in r.find_iter(sentence) {
                if b.end() <= span.start {
                    c.start = c.start.max(b.end());
                } else if b.start() >= span.end {
                    c.end = c.end.min(b.start());
                } else if b.end() > span.end {
                    // The trigger opens the break ("said ... that"): what it
                    // reports is another clause.
                    c.end = c.end.min(b.end());
                }
            }
        }
        c
    }

    /// An undated event told in a background clause of a sentence that
    /// reports another event ("arrived in Kabul on Thursday, his first trip
    /// since the group took over"): the text gives it no date, and the main
    /// clause's date is not its date.
    fn in_background_clause(&self, m: &RuleMatch, s: &Sentence<'_>) -> bool {
        let clause = self.clause(s.text, &m.span);
        let opener = s.text[..clause.start].trim_end().to_lowercase();
        // "since Y", and "the first X after / when Y": Y is the reference
        // point the news counts from, not something that happened with X
        // ("severed ties in 2016 after protesters stormed the embassy" is
        // another matter: the storming shares the main clause's date).
        let first = opener
            .split(|c: char| !c.is_alphanumeric())
            .rev()
            .take(12)
            .any(|w| w == "first");
        let background = opener.ends_with("since")
            || (first
                && ["after", "when", "following"]
                    .iter()
                    .any(|w| opener.ends_with(w)));
        let dated = s.dates.iter().any(|d| overlaps(d, &clause));
        let other_event = s
            .chosen
            .iter()
            .any(|o| o.span.end <= clause.start || o.span.start >= clause.end);
        background && !dated && other_event
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
        self.cues
            .iter()
            .filter(|c| c.patterns.iter().any(|p| p.is_match(sentence)))
            .map(|c| (c.kind.as_str(), c.container))
            .collect()
    }

    fn refers_back(&self, sentence: &str) -> bool {
        self.back_reference.iter().any(|r| r.is_match(sentence))
    }

    /// Parses "16", "1,200" or a number word from `rules/en/numbers.toml`.
    pub fn number(&self, s: &str) -> Option<u32> {
        let t = s.trim().to_lowercase();
        let digits: String = t.chars().filter(|c| *c != ',').collect();
        if let Ok(n) = digits.parse() {
            return Some(n);
        }
        self.numbers.get(t.as_str()).copied()
    }

    /// Builds the mentions of one article from what the earlier stages found.
    pub fn build(&self, doc: &Document, input: &DocInput<'_>) -> Vec<Mention> {
        let dct = doc.published.date;
        let mut mentions: Vec<Mention> = Vec::new();
        // Date the narrative is at, with its words, after each sentence.
        let mut narrative: Option<Dated> = None;
        // Mentions dated by their own words, for coreference cues to point at.
        let mut antecedents: Vec<Antecedent> = Vec::new();
        for (si, range) in input.sentences.iter().enumerate() {
            let text = &doc.text[range.clone()];
            // Expressions inside this sentence only (the engine may also tag
            // headers and furniture around it).
            let timexes: Vec<&Timex> = input
                .timexes
                .iter()
                .filter(|t| within(t, range) && is_dating(t))
                .collect();
            let cued = if timexes.is_empty() {
                self.cued_kinds(text)
            } else {
                Vec::new()
            };
            let entities = &input.entities[si];
            let ctx = SentenceContext {
                si,
                timexes: &timexes,
                cued: &cued,
                previous: mentions
                    .iter()
                    .rev()
                    .filter(|m| m.date_basis != DateBasis::Published)
                    .find_map(|m| m.date.zip(m.precision)),
                names: specific_names(entities),
                offsets: offsets(input.timexes, &doc.text, range),
                triggers: input.matches[si].iter().map(|m| m.span.clone()).collect(),
                antecedents: &antecedents,
                narrative: &narrative,
            };
            let mut sentence_date: Option<Dated> = None;
            if !input.skip[si] {
                let sentence = Sentence {
                    range,
                    text,
                    entities,
                    dates: timexes
                        .iter()
                        .map(|t| t.start - range.start..t.end - range.start)
                        .collect(),
                    chosen: one_per_kind(&input.matches[si], &timexes, range),
                    tolls: self.tolls(text),
                };
                for m in sentence.chosen.iter().copied() {
                    if self.in_background_clause(m, &sentence) {
                        continue;
                    }
                    let mention = self.mention(m, &sentence, &ctx, input, doc);
                    if let (Some(d), Some(p)) = (mention.date, mention.precision)
                        && mention.date_basis <= DateBasis::Coreference
                    {
                        sentence_date.get_or_insert((d, p, mention.date_text.clone()));
                    }
                    mentions.push(mention);
                }
            }
            if let Some(d) = narrative_after(&timexes, sentence_date, dct) {
                narrative = Some(d);
            }
            antecedents.extend(
                mentions
                    .iter()
                    .filter(|m| m.sentence_index == si)
                    .filter_map(Antecedent::of),
            );
        }
        mentions
    }

    /// One event's mention: its date, place, parties, roles and casualties
    /// from its own clause of the sentence.
    fn mention(
        &self,
        m: &RuleMatch,
        s: &Sentence<'_>,
        ctx: &SentenceContext<'_>,
        input: &DocInput<'_>,
        doc: &Document,
    ) -> Mention {
        let clause = self.clause(s.text, &m.span);
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
            doc: doc.name.clone(),
            published: doc.published.display(),
            sentence,
            start,
            end,
            sentence_index: ctx.si,
            rule: m.rule_id.clone(),
            kind: m.kind.clone(),
            cameo: m.cameo.clone(),
            date,
            precision,
            date_text,
            date_basis: basis,
            actors,
            location,
            actor1,
            actor2,
            killed,
            wounded,
            planned,
            retells: retold.map(|a| a.start),
            heading: input.heading[ctx.si],
        }
    }

    /// Dead and wounded the rule captured, else the counts of the sentence
    /// nearer this event's trigger than any other casualty event's.
    fn casualties_of(&self, m: &RuleMatch, s: &Sentence<'_>) -> (Option<u32>, Option<u32>) {
        let owner = |t: &Toll| {
            self.casualty_kinds.contains(&m.kind)
                && nearest_trigger(&s.chosen, &self.casualty_kinds, &t.at)
                    .is_some_and(|n| std::ptr::eq(n, m))
        };
        let count = |killed: bool| {
            let name = if killed { "killed" } else { "wounded" };
            group(m, name)
                .and_then(|r| self.number(&s.text[r]))
                .or_else(|| {
                    s.tolls
                        .iter()
                        .find(|t| t.killed == killed && owner(t))
                        .map(|t| t.count)
                })
        };
        (count(true), count(false))
    }

    /// The earlier telling this match re-tells, when its own words name
    /// the event definitely ("the drone strike", "the talks") and the
    /// article told one of its kind before.
    /// Not when the words set it apart ("the third meeting", "his first
    /// visit"), when both name people and none in common, or when its own
    /// date lies more than a week from the earlier telling's.
    fn retold<'a>(
        &self,
        m: &RuleMatch,
        sentence: &str,
        antecedents: &'a [Antecedent],
        ctx: &SentenceContext<'_>,
        parties: &[&Entity],
        own: &DateFound,
    ) -> Option<&'a Antecedent> {
        let definite = self.cues.iter().filter(|c| c.kind == m.kind).any(|c| {
            c.patterns.iter().any(|p| {
                p.find_iter(sentence)
                    .any(|f| overlaps(&f.range(), &m.span) && !sets_apart(f.as_str()))
            })
        });
        if !definite {
            return None;
        }
        let of_kind = || {
            antecedents
                .iter()
                .rev()
                .filter(|a| a.kind == m.kind && a.basis == DateBasis::Sentence)
        };
        let a = of_kind()
            .find(|a| a.names.iter().any(|n| ctx.names.contains(n)))
            .or_else(|| of_kind().next())?;
        let people: Vec<&str> = parties
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.name.as_str())
            .collect();
        if !people.is_empty()
            && !a.people.is_empty()
            && !people.iter().any(|p| a.people.contains(&p.to_string()))
        {
            return None;
        }
        // The object of another event of its clause ("condemned the drone
        // attack on Monday"): the date is that event's.
        let clause = self.clause(sentence, &m.span);
        let reported = ctx
            .triggers
            .iter()
            .any(|o| o.end <= m.span.start && o.start >= clause.start);
        if reported {
            return Some(a);
        }
        // A day of its own that is not the earlier telling's is another
        // occurrence ("the ceasefire, which ended on May 30"); a vaguer one
        // may still be the same within a week of it.
        let week = chrono::Duration::days(7);
        let near = |d: &Interval, p: &Precision| {
            if *p <= Precision::Day {
                d.overlaps(&a.date)
            } else {
                d.start <= a.date.end + week && a.date.start <= d.end + week
            }
        };
        match (&own.date, &own.precision, own.basis) {
            (Some(d), Some(p), DateBasis::Sentence | DateBasis::Neighbour) if !near(d, p) => None,
            _ => Some(a),
        }
    }

    /// A mention's date, by the first step of the cascade that finds one
    /// (the module doc gives the order).
    fn date_for(
        &self,
        m: &RuleMatch,
        ctx: &SentenceContext<'_>,
        input: &DocInput<'_>,
        doc: &Document,
    ) -> DateFound {
        let at = Dating {
            m,
            ctx,
            input,
            doc,
            sentence: &input.sentences[ctx.si],
        };
        counted_from_previous(&at)
            .or_else(|| self.own_sentence(&at))
            .or_else(|| cued_antecedent(&at))
            .or_else(|| self.next_sentence(&at))
            .or_else(|| self.narrative(&at))
            .unwrap_or_else(|| publication(doc))
    }

    /// Step 1: The nearest dating expression of the sentence, one in the event's
    /// own clause first: in "agreed on Tuesday that a commission would meet
    /// in November" the meeting is November's; unless another event of the
    /// sentence stands nearer to it ("hit posts in retaliation for
    /// airstrikes last week").
    fn own_sentence(&self, at: &Dating<'_>) -> Option<DateFound> {
        let (m, ctx, sentence) = (at.m, at.ctx, at.sentence);
        let clause = self.clause(&at.doc.text[sentence.clone()], &m.span);
        let outside = |t: &Timex| {
            let span = t.start - sentence.start..t.end - sentence.start;
            let own = distance(&m.span, t, sentence);
            !overlaps(&span, &clause)
                || ctx
                    .triggers
                    .iter()
                    .filter(|o| !(o.start <= m.span.start && o.end >= m.span.end))
                    .any(|o| distance(o, t, sentence) < own)
        };
        let t = ctx
            .timexes
            .iter()
            .min_by_key(|t| (outside(t), distance(&m.span, t, sentence)))?;
        let date = match (t.anchor, ctx.previous) {
            (Anchor::Narrative, Some((prev, _))) => t.reanchor(&prev).or(t.interval),
            _ => t.interval,
        };
        Some(DateFound {
            date,
            precision: t.precision,
            text: t.text.clone(),
            basis: DateBasis::Sentence,
        })
    }

    /// Step 3: The next sentence refers back to this one and carries a date.
    fn next_sentence(&self, at: &Dating<'_>) -> Option<DateFound> {
        let next = at.input.sentences.get(at.ctx.si + 1)?;
        if !self.refers_back(&at.doc.text[next.clone()]) {
            return None;
        }
        let t = at
            .input
            .timexes
            .iter()
            .find(|t| within(t, next) && is_dating(t) && t.anchor != Anchor::Narrative)?;
        Some(DateFound {
            date: t.interval,
            precision: t.precision,
            text: format!("(next sentence: {})", t.text),
            basis: DateBasis::Neighbour,
        })
    }

    /// Step 4: Where the narrative is, unless the sentence is background.
    fn narrative(&self, at: &Dating<'_>) -> Option<DateFound> {
        let text = &at.doc.text[at.sentence.clone()];
        if self.not_narrative.iter().any(|r| r.is_match(text)) {
            return None;
        }
        let (d, p, words) = at.ctx.narrative.as_ref()?;
        Some(DateFound {
            date: Some(*d),
            precision: Some(*p),
            text: format!("(narrative: {words})"),
            basis: DateBasis::Narrative,
        })
    }
}

/// What a step of the date cascade looks at.
struct Dating<'a> {
    m: &'a RuleMatch,
    ctx: &'a SentenceContext<'a>,
    input: &'a DocInput<'a>,
    doc: &'a Document,
    sentence: &'a Range<usize>,
}

/// Step 0: "<the earlier event> came two days after <this event>": this event
/// lies that long before (or, with "before", after) the event the
/// narrative is at.
fn counted_from_previous(at: &Dating<'_>) -> Option<DateFound> {
    let (prev, prev_precision) = at.ctx.previous?;
    let sentence = at.sentence;
    let (t, sign) = at
        .ctx
        .offsets
        .iter()
        .find(|(t, _)| t.end - sentence.start <= at.m.span.start)?;
    let (lo, hi) = duration_days(&t.value)?;
    let a = prev.start - chrono::Duration::days(sign * hi);
    let b = prev.end - chrono::Duration::days(sign * lo);
    let word: String = at.doc.text[t.end..sentence.end]
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    // Counted from a date known only to the month or the year, the result
    // is known no better than that.
    let counted = if lo == hi {
        Precision::Day
    } else {
        Precision::Week
    };
    Some(DateFound {
        date: Some(Interval::new(a.min(b), a.max(b))),
        precision: Some(counted.max(prev_precision)),
        text: format!("{} {word}", t.text),
        basis: DateBasis::Sentence,
    })
}

/// Step 2: An earlier mention of the same event, pointed at by a cue: the
/// latest of that kind sharing a participant, else the latest.
fn cued_antecedent(at: &Dating<'_>) -> Option<DateFound> {
    let ctx = at.ctx;
    ctx.cued
        .iter()
        .filter(|(kind, container)| *container || *kind == at.m.kind)
        .find_map(|&(kind, _)| {
            let of_kind = || ctx.antecedents.iter().rev().filter(|a| a.kind == kind);
            let shared = of_kind().find(|a| a.names.iter().any(|n| ctx.names.contains(n)));
            shared.or_else(|| of_kind().next()).map(|a| DateFound {
                date: Some(a.date),
                precision: Some(a.precision),
                text: format!("(as the earlier {kind}: {})", a.text),
                basis: DateBasis::Coreference,
            })
        })
}

/// Step 5: The publication date, or none.
fn publication(doc: &Document) -> DateFound {
    match doc.published.date {
        Some(r) => DateFound {
            date: Some(r.interval),
            precision: Some(r.precision),
            text: "(publication date)".to_string(),
            basis: DateBasis::Published,
        },
        None => DateFound {
            date: None,
            precision: None,
            text: String::new(),
            basis: DateBasis::None,
        },
    }
}

/// One sentence as the mentions of its events see it.
struct Sentence<'a> {
    range: &'a Range<usize>,
    text: &'a str,
    entities: &'a [Entity],
    /// Where its dating expressions are, within the sentence.
    dates: Vec<Range<usize>>,
    /// The match that makes each kind's mention.
    chosen: Vec<&'a RuleMatch>,
    tolls: Vec<Toll>,
}

/// A re-telling keeps its own date only where it refines the earlier one
/// ("the agreement ... on March 10"); else it takes the earlier telling's.
fn dating(own: DateFound, retold: Option<&Antecedent>) -> DateFound {
    let refines = |a: &Antecedent| match (&own.date, &own.precision, own.basis) {
        (Some(d), Some(p), DateBasis::Sentence | DateBasis::Neighbour) => {
            d.overlaps(&a.date) && *p <= a.precision
        }
        _ => false,
    };
    match retold {
        Some(a) if !refines(a) => DateFound {
            date: Some(a.date),
            precision: Some(a.precision),
            text: format!("(as the earlier {}: {})", a.kind, a.text),
            basis: DateBasis::Coreference,
        },
        _ => own,
    }
}

/// Where the narrative is after a sentence: its events' own date, else its
/// first anchored date. Only a date of a month or finer moves the
/// narrative ("in 2021" is background, not where the story is), and never
/// one still to come: plans are not where the story is.
fn narrative_after(
    timexes: &[&Timex],
    sentence_date: Option<Dated>,
    dct: Option<RefDate>,
) -> Option<Dated> {
    let own = timexes
        .iter()
        .filter(|t| t.precision.is_some_and(|p| p <= Precision::Month) && t.anchor != Anchor::None)
        .find_map(|t| Some((t.interval?, t.precision?, t.text.clone())));
    let past = |d: &Dated| dct.is_none_or(|r| d.0.start <= r.interval.end);
    sentence_date
        .filter(|d| d.1 <= Precision::Month)
        .or(own)
        .filter(past)
}

impl Antecedent {
    /// A mention dated by its own words (or a cue), for later ones to point at.
    fn of(m: &Mention) -> Option<Antecedent> {
        let (date, precision) = m.date.zip(m.precision)?;
        if m.date_basis > DateBasis::Coreference {
            return None;
        }
        let names = |keep: fn(&Named) -> bool| {
            m.actors
                .iter()
                .filter(|a| keep(a))
                .map(|a| a.name.clone())
                .collect()
        };
        Some(Antecedent {
            start: m.start,
            basis: m.date_basis,
            people: names(|a| a.kind == "person"),
            kind: m.kind.clone(),
            date,
            precision,
            text: m.date_text.clone(),
            names: names(|a| a.kind != "country"),
        })
    }
}

/// A date with its precision and the words it came from.
type Dated = (Interval, Precision, String);

/// A mention's date, precision, words and where they came from.
struct DateFound {
    date: Option<Interval>,
    precision: Option<Precision>,
    text: String,
    basis: DateBasis,
}

/// Words that make a definite telling another occurrence: "the third
/// meeting", "his first visit", "the previous round".
fn sets_apart(cue: &str) -> bool {
    cue.split(|c: char| !c.is_alphanumeric()).any(|w| {
        let w = w.to_ascii_lowercase();
        [
            "first", "second", "third", "fourth", "fifth", "sixth", "previous", "earlier", "last",
            "next", "another", "new", "past", "former", "other", "recent",
        ]
        .contains(&w.as_str())
            || (w.len() > 2
                && w.starts_with(|c: char| c.is_ascii_digit())
                && ["st", "nd", "rd", "th"].iter().any(|s| w.ends_with(s)))
    })
}

/// An earlier mention that a cue ("the trip") may point back to.
struct Antecedent {
    /// Where the earlier telling starts in the file.
    start: usize,
    basis: DateBasis,
    /// People it names.
    people: Vec<String>,
    kind: String,
    date: Interval,
    precision: Precision,
    text: String,
    /// People, organisations and places it names (countries are too common).
    names: Vec<String>,
}

/// What dating one sentence's events needs to know about the sentence.
struct SentenceContext<'a> {
    si: usize,
    timexes: &'a [&'a Timex],
    /// Kinds a cue points back to, and whether the cue is a container.
    cued: &'a [(&'a str, bool)],
    /// Date of the latest mention before this sentence not dated by publication.
    previous: Option<(Interval, Precision)>,
    /// Durations followed by "after" (+1) or "before" (-1): "two days after".
    offsets: Vec<(&'a Timex, i64)>,
    /// Where the sentence's rule matches are.
    triggers: Vec<Range<usize>>,
    antecedents: &'a [Antecedent],
    narrative: &'a Option<Dated>,
    names: Vec<String>,
}

fn specific_names(entities: &[Entity]) -> Vec<String> {
    entities
        .iter()
        .filter(|e| e.kind != EntityKind::Country)
        .map(|e| e.name.clone())
        .collect()
}

/// What the earlier stages found in one article, sentence by sentence.
pub struct DocInput<'a> {
    pub sentences: &'a [Range<usize>],
    pub timexes: &'a [Timex],
    pub entities: &'a [Vec<Entity>],
    pub matches: &'a [Vec<RuleMatch>],
    /// Sentences that repeat an earlier one: they make no mention.
    pub skip: &'a [bool],
    pub heading: &'a [bool],
}

/// A duration's length in days, as a range when the text is vague
/// ("days" = 1 to 10). Months and years are not turned into days.
fn duration_days(value: &str) -> Option<(i64, i64)> {
    let (num, unit) = if let Some(h) = value.strip_prefix("PT") {
        let n: i64 = h.strip_suffix('H')?.parse().ok()?;
        return Some(((n + 23) / 24, (n + 23) / 24));
    } else {
        let v = value.strip_prefix('P')?;
        v.split_at(v.len().checked_sub(1)?)
    };
    let per = match unit {
        "D" => 1,
        "W" => 7,
        _ => return None,
    };
    match num {
        "X" => Some((per, 10 * per)),
        n => {
            let n: i64 = n.parse().ok()?;
            Some((n * per, n * per))
        }
    }
}

/// Durations of a sentence directly followed by "after" or "before".
fn offsets<'a>(all: &'a [Timex], text: &str, range: &Range<usize>) -> Vec<(&'a Timex, i64)> {
    all.iter()
        .filter(|t| within(t, range) && t.kind == TimexType::Duration)
        .filter(|t| {
            // Only "X came/was (just) two days after Y": a sentence opening
            // "Two days after Y, X ..." dates X after Y instead.
            let before = text[range.start..t.start].trim_end().to_ascii_lowercase();
            let before = [
                "just", "only", "barely", "nearly", "some", "about", "merely",
            ]
            .iter()
            .find_map(|w| before.strip_suffix(w))
            .unwrap_or(&before)
            .trim_end();
            [
                "came",
                "comes",
                "come",
                "took place",
                "happened",
                "occurred",
                "was",
                "were",
                "is",
            ]
            .iter()
            .any(|w| before.ends_with(w))
        })
        .filter_map(|t| {
            let next = text[t.end..range.end].trim_start();
            let word = next
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            match word.to_ascii_lowercase().as_str() {
                "after" => Some((t, 1)),
                "before" => Some((t, -1)),
                _ => None,
            }
        })
        .collect()
}

/// Whether an expression lies inside a sentence. Decided by offsets, since
/// the engine tags the whole text, headers and page furniture included.
fn within(t: &Timex, range: &Range<usize>) -> bool {
    t.start >= range.start && t.end <= range.end
}

/// Expressions that can date an event: calendar dates and times that
/// resolved to an interval. Durations and sets never do.
fn is_dating(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time) && t.interval.is_some()
}

fn distance(span: &Range<usize>, t: &Timex, sentence: &Range<usize>) -> usize {
    let (s, e) = (
        t.start.saturating_sub(sentence.start),
        t.end.saturating_sub(sentence.start),
    );
    if e <= span.start {
        span.start - e
    } else if s >= span.end {
        // A date after the trigger is the usual English order: slight preference.
        (s - span.end).saturating_sub(1)
    } else {
        0
    }
}

/// A count of dead (`killed`) or wounded, and where the sentence gives it.
struct Toll {
    at: Range<usize>,
    count: u32,
    killed: bool,
}

/// One match per kind: of several ("envoys went to Tashkent in March,
/// while the minister visited Ankara in May"), the one nearest a date of
/// the sentence, else the first.
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

/// The match of a casualty kind whose trigger is nearest a count.
fn nearest_trigger<'a>(
    chosen: &[&'a RuleMatch],
    kinds: &[String],
    at: &Range<usize>,
) -> Option<&'a RuleMatch> {
    chosen
        .iter()
        .filter(|m| kinds.contains(&m.kind))
        .min_by_key(|m| gap(&m.span, at))
        .copied()
}

/// Bytes between two ranges (0 when they overlap).
fn gap(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
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

/// Groups a rule captures a place in: `location`, `location2`, ...
fn is_location_group(name: &str) -> bool {
    name.trim_end_matches(|c: char| c.is_ascii_digit()) == "location"
}

/// The place the rule captured, else the first place named in the event's
/// clause. A capture that is a date ("on Monday") or names no place (an
/// organisation, a person) is no location.
fn location_of(
    m: &RuleMatch,
    entities: &[Entity],
    clause: &Range<usize>,
    dates: &[Range<usize>],
) -> Option<Named> {
    let place = |e: &&Entity| {
        matches!(e.kind, EntityKind::Place | EntityKind::Country)
            && !dates.iter().any(|d| overlaps(d, &e.span))
    };
    let captured = m
        .groups
        .iter()
        .filter(|(n, _)| is_location_group(n))
        .find_map(|(_, r)| entities.iter().filter(place).find(|e| overlaps(&e.span, r)));
    captured
        .or_else(|| {
            entities
                .iter()
                .filter(place)
                .find(|e| e.kind == EntityKind::Place && overlaps(&e.span, clause))
        })
        .map(Named::from_entity)
}

/// Groups a rule captures a party in, and whether it is the initiator.
fn role_group(name: &str) -> Option<bool> {
    match name.trim_end_matches(|c: char| c.is_ascii_digit()) {
        "actor" => Some(true),
        "target" | "counterpart" => Some(false),
        _ => None,
    }
}

/// People, organisations and countries of the event's clause (and any the
/// rule captured as a party), in the order the sentence names them.
fn parties_of<'a>(
    m: &RuleMatch,
    entities: &'a [Entity],
    clause: &Range<usize>,
    location: Option<&Named>,
) -> Vec<&'a Entity> {
    let captured = |e: &Entity| {
        m.groups
            .iter()
            .any(|(n, r)| role_group(n).is_some() && overlaps(&e.span, r))
    };
    entities
        .iter()
        .filter(|e| e.kind != EntityKind::Place && location.is_none_or(|l| l.name != e.name))
        .filter(|e| overlaps(&e.span, clause) || captured(e))
        .collect()
}

/// Where the trigger starts: the match's first byte outside the parties it
/// captured ("Pakistani jets struck": after "Pakistani jets").
fn trigger_at(m: &RuleMatch) -> usize {
    let mut groups: Vec<&Range<usize>> = m
        .groups
        .iter()
        .filter(|(n, _)| role_group(n).is_some())
        .map(|(_, r)| r)
        .collect();
    groups.sort_by_key(|r| r.start);
    groups.iter().fold(m.span.start, |at, r| {
        if r.start <= at && r.end > at {
            r.end
        } else {
            at
        }
    })
}

/// A country named as an adjective of the party right after it ("Afghan
/// commerce minister Nooruddin Azizi"): the party, not the country, acts.
fn modifies_next(e: &Entity, parties: &[&Entity], sentence: &str) -> bool {
    e.kind == EntityKind::Country
        && parties.iter().any(|n| {
            n.kind != EntityKind::Country
                && n.span.start >= e.span.end
                && n.span.start - e.span.end <= 40
                && sentence
                    .get(e.span.end..n.span.start)
                    .is_some_and(adjective_gap)
        })
}

/// Words between a country adjective and the party it qualifies: titles
/// and possessives ("'s acting prime minister"), no clause or preposition.
fn adjective_gap(between: &str) -> bool {
    const STOP: [&str; 14] = [
        "and", "or", "on", "in", "at", "to", "of", "by", "with", "against", "from", "for", "into",
        "over",
    ];
    !between.contains([',', ';', '(', ')'])
        && between.split_whitespace().count() <= 4
        && !between
            .split_whitespace()
            .any(|w| STOP.contains(&w.to_ascii_lowercase().as_str()))
}

/// Initiator and target (or counterpart), as ACLED and CAMEO name them:
/// the parties the rule captured, else sentence order around the trigger:
/// the agent of a passive ("by X"), else the subject before the trigger;
/// then the first other party after it ("struck X", "talks with X").
fn roles(m: &RuleMatch, sentence: &str, parties: &[&Entity]) -> (Option<Named>, Option<Named>) {
    let captured = |initiator: bool| {
        m.groups
            .iter()
            .filter(|(n, _)| role_group(n) == Some(initiator))
            .find_map(|(_, r)| {
                let inside: Vec<&Entity> = parties
                    .iter()
                    .copied()
                    .filter(|e| overlaps(&e.span, r))
                    .collect();
                inside
                    .iter()
                    .find(|e| !modifies_next(e, &inside, sentence))
                    .or(inside.first())
                    .copied()
            })
    };
    let at = trigger_at(m);
    let candidates: Vec<&Entity> = parties
        .iter()
        .copied()
        .filter(|e| !modifies_next(e, parties, sentence))
        .collect();
    let passive = candidates.iter().copied().find(|e| {
        e.span.start >= at
            && sentence.get(at..e.span.start).is_some_and(|between| {
                between
                    .rfind(" by ")
                    .is_some_and(|b| e.span.start - (at + b) <= 40)
            })
    });
    let before = candidates.iter().copied().filter(|e| e.span.end <= at);
    let after = candidates.iter().copied().filter(|e| e.span.start >= at);
    let actor1 = captured(true)
        .or(passive)
        .or_else(|| before.clone().next())
        .or_else(|| after.clone().next());
    let differs = |e: &&Entity| {
        actor1.is_none_or(|a| {
            a.name != e.name
                && !(e.kind == EntityKind::Country && e.country.is_some() && e.country == a.country)
        })
    };
    let actor2 = captured(false)
        .or_else(|| after.clone().find(differs))
        .or_else(|| before.clone().find(differs));
    (
        actor1.map(Named::from_entity),
        actor2.map(Named::from_entity),
    )
}

#[cfg(test)]
mod tests {
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
        let matches: Vec<Vec<RuleMatch>> = parts
            .iter()
            .map(|(s, ms)| ms.iter().map(|(w, k)| rule_match(s, w, k)).collect())
            .collect();
        let n = parts.len();
        let entities = vec![Vec::new(); n];
        let tx = timexes(&doc.text, &sentences);
        let builder = EventBuilder::load(Path::new(RULES)).unwrap();
        builder.build(
            &doc,
            &DocInput {
                sentences: &sentences,
                timexes: &tx,
                entities: &entities,
                matches: &matches,
                skip: &vec![false; n],
                heading: &vec![false; n],
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
        assert_eq!(got.map(|l| l.name).as_deref(), Some("Doha"));
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
