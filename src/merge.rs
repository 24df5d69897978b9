//! Merge stage: mentions of one real-world event, in one article or many,
//! become one event.
//!
//! Two mentions are the same event when they are of the same kind, their
//! dates overlap, and they share a participant: a person, an organisation or
//! a specific place (a country alone is too common to decide). Mentions from
//! headline lines only ever join an event that body text made. An event's
//! date is the most precise one its mentions support.

use crate::gazetteer::EntityKind;
use crate::mentionfile::{FNV_START, fnv};
use crate::mentions::{DateBasis, Mention, Named};
use crate::sym::{FastMap, Sym};
use crate::temporal::{Interval, Precision};
use chrono::NaiveDate;
use serde::Serialize;

mod nodes;
mod own_dates;
use nodes::Nodes;
use own_dates::OwnDates;

/// One row of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: String,
    /// The kind, code, words and rule are an anchor mention's: shared, not
    /// copied per event.
    pub event_type: Sym,
    pub cameo: Sym,
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    pub precision: Option<Precision>,
    pub date_text: Sym,
    pub date_basis: DateBasis,
    pub summary: String,
    pub actors: Vec<Named>,
    pub location: Option<Named>,
    /// Who acted (initiator) and on or with whom (target or counterpart).
    pub actor1: Option<Named>,
    pub actor2: Option<Named>,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    pub planned: bool,
    pub rule: Sym,
    /// Why these mentions were taken as one event: the same few reasons
    /// recur across events, so each is stored once.
    pub merged_because: Vec<Sym>,
    pub mentions: Vec<Mention>,
    #[serde(skip)]
    pub interval: Option<Interval>,
}

/// Why two mentions are the same event, or `None` when they are not.
pub fn same_event(a: &Mention, b: &Mention) -> Option<Reason> {
    same_event_by(a, b, &mut || told_apart(a, b))
}

/// [`same_event`] asking `apart` for [`told_apart`]: a merge asks it of a
/// mention over and over, and keeps the answer.
fn same_event_by(a: &Mention, b: &Mention, apart: &mut dyn FnMut() -> bool) -> Option<Reason> {
    if a.kind != b.kind {
        return None;
    }
    let (Some(da), Some(db)) = (a.date, b.date) else {
        return None;
    };
    if said_by_different_speakers(a, b) {
        return None;
    }
    if !da.overlaps(&db) {
        return dated_by_context(a, b, apart);
    }
    if a.doc == b.doc {
        same_article(a, b, apart)
    } else {
        across_articles(a, b)
    }
}

/// Dates that do not overlap: a telling dated only by its context (the
/// narrative, the publication date) is the same article's event of that
/// kind with a participant in common, wherever that event's own words date
/// it.
fn dated_by_context(a: &Mention, b: &Mention, apart: &mut dyn FnMut() -> bool) -> Option<Reason> {
    if a.doc != b.doc || !(weak(a) || weak(b)) || apart() {
        return None;
    }
    let nb = specific_names(b);
    let shared = specific_names(a).into_iter().find(|n| nb.contains(n))?;
    Some(Reason::DatedByContext(a.kind.clone(), shared.clone()))
}

/// Two tellings in one article at overlapping dates.
fn same_article(a: &Mention, b: &Mention, apart: &mut dyn FnMut() -> bool) -> Option<Reason> {
    // A definite re-telling ("the strike") is the event it points back to,
    // even where its own words date it more finely.
    if a.retells == Some(b.start) || b.retells == Some(a.start) {
        return Some(Reason::Retold(a.kind.clone()));
    }
    // One article dating two tellings differently in their own words tells
    // two events ("a visit last week", "a visit in mid-April"); one
    // sentence telling a kind twice was told so on purpose (the events
    // stage makes one mention per kind of a sentence unless it tells two).
    if (own(a) && own(b) && a.date != b.date) || a.start == b.start || apart() {
        return None;
    }
    // A kind told again at an overlapping date is the same event unless
    // both tellings name people and none in common.
    if !people_agree(a, b) || !roles_agree(a, b) {
        return None;
    }
    Some(Reason::ToldAgain(a.kind.clone()))
}

/// Tellings in two articles at overlapping dates: the same event when they
/// share a specific participant or place, or name only the same countries.
fn across_articles(a: &Mention, b: &Mention) -> Option<Reason> {
    let specific = |n: &&Named| !n.is(EntityKind::Country);
    if let Some(shared) = a
        .actors
        .iter()
        .filter(specific)
        .find(|x| b.actors.iter().any(|y| y.name == x.name))
    {
        return Some(Reason::Shared(
            a.kind.clone(),
            shared.kind.clone(),
            shared.name.clone(),
        ));
    }
    if let (Some(la), Some(lb)) = (&a.location, &b.location)
        && la.name == lb.name
    {
        return Some(Reason::SamePlace(a.kind.clone(), la.name.clone()));
    }
    let only_countries = |m: &Mention| !m.actors.iter().any(|x| specific(&x));
    if only_countries(a)
        && only_countries(b)
        && !countries(a).is_empty()
        && countries(a) == countries(b)
    {
        return Some(Reason::SameCountries(a.kind.clone()));
    }
    None
}

/// Why two mentions were taken as one event, as the parts its words are
/// made of: hundreds of thousands of joins give a few thousand distinct
/// reasons, so the words are written once per distinct reason (see
/// [`Reasons`]), not once per join.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Reason {
    /// Same kind; one telling dated only by its context; this name shared.
    DatedByContext(Sym, Sym),
    /// Same kind, a definite re-telling.
    Retold(Sym),
    /// Same kind, told again in one article at an overlapping date.
    ToldAgain(Sym),
    /// Same kind, overlapping dates; a participant of this kind and name.
    Shared(Sym, Sym, Sym),
    /// Same kind, overlapping dates, this place.
    SamePlace(Sym, Sym),
    /// Same kind, overlapping dates, the same countries.
    SameCountries(Sym),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::DatedByContext(kind, name) => write!(
                f,
                "same {kind} in the same article, one telling dated only by its context, shared {name}"
            ),
            Reason::Retold(kind) => write!(
                f,
                "same {kind} re-told in the same article (\"the {}\")",
                EventKind(kind).words()
            ),
            Reason::ToldAgain(kind) => write!(
                f,
                "same {kind} told again in the same article at an overlapping date"
            ),
            Reason::Shared(kind, what, name) => {
                write!(f, "same {kind}, overlapping dates, shared {what} {name}")
            }
            Reason::SamePlace(kind, place) => {
                write!(f, "same {kind}, overlapping dates, same place {place}")
            }
            Reason::SameCountries(kind) => {
                write!(f, "same {kind}, overlapping dates, same countries")
            }
        }
    }
}

/// The countries a mention names, sorted.
fn countries(m: &Mention) -> Vec<&str> {
    let mut c: Vec<&str> = m
        .actors
        .iter()
        .filter(|x| x.is(EntityKind::Country))
        .map(|x| x.name.as_str())
        .collect();
    c.sort();
    c
}

/// A measure is defined by who imposes it on whom: when both tellings
/// name both sides and the pairs differ ("tariffs on Canada", "tariffs on
/// Mexico"), they are two measures. Only for kinds made so (see
/// [`EventKind::made_between_its_sides`]); elsewhere roles are too loosely
/// read to overrule a shared date.
fn roles_agree(a: &Mention, b: &Mention) -> bool {
    let side = |n: &Named| n.country.clone().unwrap_or_else(|| n.name.clone());
    let pair = |m: &Mention| Some((side(m.actor1.as_ref()?), side(m.actor2.as_ref()?)));
    match (pair(a), pair(b)) {
        (Some(x), Some(y)) if EventKind(&a.kind).made_between_its_sides() => x == y,
        _ => true,
    }
}

/// Unless both tellings name people and none in common.
fn people_agree(a: &Mention, b: &Mention) -> bool {
    let people = |m: &Mention| {
        m.actors
            .iter()
            .filter(|x| x.is(EntityKind::Person))
            .map(|x| x.name.clone())
            .collect::<Vec<_>>()
    };
    let (pa, pb) = (people(a), people(b));
    pa.is_empty() || pb.is_empty() || pa.iter().any(|p| pb.contains(p))
}

/// An event kind by name, for the questions merging asks of it: the
/// kinds are data (`rules/en/events/_kinds.toml`), so this is where a
/// name's meaning to merging is decided, once.
#[derive(Debug, Clone, Copy)]
struct EventKind<'a>(&'a str);

impl EventKind<'_> {
    /// Kinds whose initiator makes the event: one side's statement is not
    /// another's, even on the same day about the same thing.
    fn made_by_its_speaker(self) -> bool {
        self.0 == "statement"
    }

    /// Kinds one side imposes on another, so that the pair of sides tells
    /// one measure from the next.
    fn made_between_its_sides(self) -> bool {
        self.0 == "trade_measure"
    }

    /// The kind as words ("border_closure" → "border closure").
    fn words(self) -> String {
        self.0.replace('_', " ")
    }
}

/// Speakers are told apart by the side they speak for (a ministry and its
/// minister are one voice), by name when the country is unknown. A plain
/// statement (CAMEO 010) dated only by its context is most often
/// attribution around the news ("officials said") and joins; one whose
/// verb makes it an act of its own (an accusation, a welcome, a warning:
/// a finer CAMEO code) keeps its speaker apart however it is dated.
fn said_by_different_speakers(a: &Mention, b: &Mention) -> bool {
    let side = |n: &Named| n.country.clone().unwrap_or_else(|| n.name.clone());
    let act = |m: &Mention| m.cameo != "010";
    EventKind(&a.kind).made_by_its_speaker()
        && ((own(a) && own(b)) || act(a) || act(b))
        && matches!((&a.actor1, &b.actor1), (Some(x), Some(y)) if side(x) != side(y))
}

/// What a mention could share with another telling of the same event;
/// `rank` orders the kinds of key (same article first). Interned parts, so
/// a key hashes and compares as three words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct BucketKey {
    rank: u8,
    kind: Sym,
    text: Sym,
}

/// Puts `m`'s keys in `keys` (emptied first): one list serves every
/// mention.
fn bucket_keys(m: &Mention, keys: &mut Vec<BucketKey>) {
    let key = |rank, text: &Sym| BucketKey {
        rank,
        kind: m.kind.clone(),
        text: text.clone(),
    };
    keys.clear();
    keys.push(key(0, &m.doc));
    let mut countries: Vec<&str> = Vec::new();
    for a in &m.actors {
        if a.is(EntityKind::Country) {
            countries.push(&a.name);
        } else {
            keys.push(key(1, &a.name));
        }
    }
    if let Some(l) = &m.location {
        keys.push(key(2, &l.name));
    }
    if keys.len() == 1 && !countries.is_empty() {
        countries.sort_unstable();
        // Interned like the names: the sets of countries a corpus names
        // together are few.
        keys.push(key(3, &Sym::new(&countries.join("|"))));
    }
}

/// The people, organisations and places a mention names (not countries).
fn specific_names(m: &Mention) -> Vec<&Sym> {
    let mut v: Vec<&Sym> = m
        .actors
        .iter()
        .filter(|x| !x.is(EntityKind::Country))
        .map(|x| &x.name)
        .collect();
    v.extend(m.location.iter().map(|l| &l.name));
    v
}

/// The later of two tellings in one article says in so many words that it
/// tells another occurrence ("another strike hit Kharkiv", "elsewhere,
/// gunmen ambushed a convoy", "in a separate attack"): a date in common is
/// then no reason to join them. Definite re-tellings are decided before.
fn told_apart(a: &Mention, b: &Mention) -> bool {
    says_another(if a.start > b.start { a } else { b })
}

/// Whether a sentence says it tells another occurrence (see [`told_apart`]).
fn says_another(m: &Mention) -> bool {
    m.sentence.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["another", "elsewhere", "separate", "separately"]
            .iter()
            .any(|k| w.eq_ignore_ascii_case(k))
    })
}

/// Dated by its own words: its sentence, or the next one referring back.
fn own(m: &Mention) -> bool {
    matches!(m.date_basis, DateBasis::Sentence | DateBasis::Neighbour)
}

/// Dated only by its context: the narrative or the publication date.
fn weak(m: &Mention) -> bool {
    matches!(m.date_basis, DateBasis::Narrative | DateBasis::Published)
}

/// How many later mentions (by start date) each mention is compared with:
/// bounds the work on a large corpus where wide intervals overlap many.
const WINDOW: usize = 64;

/// Merges mentions (in any order) into events sorted for the timeline.
pub fn merge(mentions: Vec<Mention>) -> Vec<Event> {
    merge_boxed(mentions.into_iter().map(Box::new).collect())
}

/// [`merge`] over boxed mentions, which is what a large corpus needs: each
/// mention moves from its box into its event and the box is freed at once,
/// so the mentions are held once, never as a flat array and the events'
/// copies side by side (twice the memory at the end of the merge).
pub fn merge_boxed(mut mentions: Vec<Box<Mention>>) -> Vec<Event> {
    mentions.sort_by(|a, b| (&a.doc, a.start, &a.kind).cmp(&(&b.doc, b.start, &b.kind)));
    let mut joiner = Joiner::new(&mentions);
    // The dates side by side: reaching each through its mention's box
    // missed the cache.
    let dates: Vec<Option<Interval>> = mentions.iter().map(|m| m.date).collect();
    let (ranks, buckets) = buckets(&mentions);
    // One bucket's mentions with their dates, copied once: sorting and the
    // window then read them in a row, not scattered through `dates` on
    // every comparison.
    let mut window: Vec<(NaiveDate, NaiveDate, u32)> = Vec::new();
    for (b, &rank) in ranks.iter().enumerate() {
        window.clear();
        window.extend(buckets.values(b).iter().map(|&i| {
            let d = dates[i as usize].expect("dated");
            (d.start, d.end, i)
        }));
        // Mentions are unique, so an unstable sort is the stable order.
        window.sort_unstable_by_key(|&(start, _, i)| (start, i));
        for (k, &(_, end_i, i)) in window.iter().enumerate() {
            for &(start_j, _, j) in window[k + 1..].iter().take(WINDOW) {
                // One article's tellings are few: compare them all, since a
                // telling dated by context may sit at any date.
                if start_j > end_i && rank != 0 {
                    break;
                }
                joiner.try_union(&mentions, i as usize, j as usize);
            }
        }
    }
    // What only the joining needed is freed before the events are built:
    // the per-mention date maps are tens of MB on a large corpus, and a
    // partly moved `joiner` would hold them to the end of the function.
    let Joiner {
        mut nodes,
        reasons,
        own_dates,
    } = joiner;
    drop((own_dates, dates, window, buckets));
    let reasons = reasons.by_mention(mentions.len());
    let roots: Vec<u32> = (0..nodes.len()).map(|i| nodes.find(i) as u32).collect();
    drop(nodes);
    let pairs = roots.iter().enumerate().map(|(i, &r)| (r, i as u32));
    let groups = Runs::of(pairs.collect(), mentions.len());
    // Move each mention into its event, freeing its box as it goes.
    let mut slots: Vec<Option<Box<Mention>>> = mentions.into_iter().map(Some).collect();
    // A set's root is its first mention: roots in order are the events in
    // the order of their first mentions.
    let is_root = |&(i, &r): &(usize, &u32)| r as usize == i;
    let mut events: Vec<Event> =
        Vec::with_capacity(roots.iter().enumerate().filter(is_root).count());
    for (r, _) in roots.iter().enumerate().filter(is_root) {
        let g = groups.values(r);
        // Sized exactly: grown by pushing, a one-mention event held room
        // for four, tens of MB at the merge's peak on a large corpus.
        let mut group: Vec<Mention> = Vec::with_capacity(g.len());
        group.extend(
            g.iter()
                .filter_map(|&i| slots[i as usize].take())
                .map(|m| *m),
        );
        if group.iter().all(|m| m.heading) {
            continue;
        }
        let why: Vec<Sym> = g
            .iter()
            .flat_map(|&i| reasons.values(i as usize))
            .cloned()
            .collect();
        events.push(build_event(group, why));
    }
    sort_timeline(&mut events);
    events
}

/// Candidates share a kind and something that could make them the same
/// event (a participant, a place, the article, the set of countries):
/// bucketed by that, in a fixed order so runs are identical: tellings in
/// one article join first, then across articles by name, place, and
/// countries. Returns each bucket's rank, and its mentions.
fn buckets(mentions: &[Box<Mention>]) -> (Vec<u8>, Runs<u32>) {
    // Numbered as first met, then renumbered in the fixed order: one flat
    // list of (bucket, mention) pairs, not a vector per bucket.
    let mut numbers: FastMap<BucketKey, u32> = FastMap::default();
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(mentions.len() * 2);
    let mut keys = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.date.is_none() {
            continue;
        }
        bucket_keys(m, &mut keys);
        for key in keys.drain(..) {
            let next = numbers.len() as u32;
            let b = *numbers.entry(key).or_insert(next);
            pairs.push((b, i as u32));
        }
    }
    let mut keys: Vec<(BucketKey, u32)> = numbers.into_iter().collect();
    // The strings ranked once, so the keys sort by numbers: in the same
    // order, as distinct symbols are distinct strings.
    let order_of = string_ranks(keys.iter().flat_map(|(k, _)| [&k.kind, &k.text]));
    let order = |k: &BucketKey| (k.rank, order_of[&k.kind], order_of[&k.text]);
    keys.sort_unstable_by_key(|(k, _)| order(k));
    drop(order_of);
    let mut place = vec![0u32; keys.len()];
    for (at, (_, b)) in keys.iter().enumerate() {
        place[*b as usize] = at as u32;
    }
    let ranks = keys.iter().map(|(k, _)| k.rank).collect();
    drop(keys);
    for p in &mut pairs {
        p.0 = place[p.0 as usize];
    }
    (ranks, Runs::of(pairs, place.len()))
}

/// Each distinct symbol's place in the order of the strings.
fn string_ranks<'a>(syms: impl Iterator<Item = &'a Sym>) -> FastMap<Sym, u32> {
    let mut distinct: Vec<Sym> = syms.cloned().collect();
    // By address first, only to drop repeats cheaply.
    distinct.sort_unstable_by_key(|s| s.as_str().as_ptr());
    distinct.dedup();
    distinct.sort_unstable();
    let at = |(n, s): (usize, Sym)| (s, n as u32);
    distinct.into_iter().enumerate().map(at).collect()
}

/// The events formed so far, and what each still allows to join it.
struct Joiner {
    /// The sets joined so far, with each mention's article and memo. Every
    /// event keeps the days all its mentions agree on (its root's
    /// `common`): a wide mention ("in 2021") must not chain two narrower
    /// ones that disagree ("in August 2021", "on October 21, 2021") into
    /// one event. A mention dated only by its context constrains nothing.
    /// Articles are numbered (mentions come sorted by article), so telling
    /// a bridge apart reads no box; [`says_another`] is asked of a mention
    /// once, since a sentence is compared with many others and splitting it
    /// into words each time was most of the question's cost.
    nodes: Nodes,
    reasons: Reasons,
    /// Each event's tellings dated by their own words, per article: two
    /// events holding tellings that one article dates differently stay
    /// apart, even when a third article's telling overlaps both. Keyed by
    /// article, so the check costs the smaller event's size.
    own_dates: Vec<OwnDates>,
}

impl Joiner {
    fn new(mentions: &[Box<Mention>]) -> Joiner {
        let mut n = 0u32;
        let entries = mentions.iter().enumerate().map(|(k, m)| {
            if k > 0 && mentions[k - 1].doc != m.doc {
                n += 1;
            }
            (n, m.date.filter(|_| !weak(m)))
        });
        Joiner {
            nodes: Nodes::new(entries),
            reasons: Reasons::default(),
            own_dates: mentions
                .iter()
                .map(|m| match m.date {
                    Some(d) if own(m) => OwnDates::One(m.doc.clone(), d),
                    _ => OwnDates::None,
                })
                .collect(),
        }
    }

    /// Joins the events of mentions `i` and `j` when their dates still
    /// agree and [`same_event`] says so.
    fn try_union(&mut self, mentions: &[Box<Mention>], i: usize, j: usize) {
        let (ri, rj) = (self.nodes.find(i), self.nodes.find(j));
        if ri == rj {
            return;
        }
        let joint = match (self.nodes[ri].common, self.nodes[rj].common) {
            (Some(ci), Some(cj)) if !ci.overlaps(&cj) => return,
            (Some(ci), Some(cj)) => Some(Interval::new(ci.start.max(cj.start), ci.end.min(cj.end))),
            (c, None) | (None, c) => c,
        };
        // Within one article, tellings dated by context may still join
        // its events (see `same_event`); the bridge is another article's.
        let bridged = self.nodes[i].doc != self.nodes[j].doc;
        if bridged && self.dated_apart(ri, rj) {
            return;
        }
        let (a, b) = (&mentions[i], &mentions[j]);
        let later = if a.start > b.start { i } else { j };
        let memo = &mut self.nodes[later].another;
        let mut apart = || *memo.get_or_insert_with(|| says_another(&mentions[later]));
        let Some(why) = same_event_by(a, b, &mut apart) else {
            return;
        };
        self.nodes.union(i, j);
        let root = self.nodes.find(i);
        self.nodes[root].common = joint;
        let moved = std::mem::take(&mut self.own_dates[ri + rj - root]);
        self.own_dates[root].absorb(moved);
        self.reasons.push(i.min(j), why);
    }

    /// Whether one article dates tellings of the two events differently.
    fn dated_apart(&self, ri: usize, rj: usize) -> bool {
        self.own_dates[ri].disagree(&self.own_dates[rj])
    }
}

/// The reasons given for joins, each under the smaller of its two
/// mentions, in the order they were given.
#[derive(Default)]
struct Reasons {
    given: Vec<(u32, Sym)>,
    /// Each distinct reason's words, written once.
    words: FastMap<Reason, Sym>,
}

impl Reasons {
    fn push(&mut self, mention: usize, why: Reason) {
        let words = match self.words.get(&why) {
            Some(w) => w.clone(),
            None => {
                let w = Sym::new(&why.to_string());
                self.words.insert(why, w.clone());
                w
            }
        };
        self.given.push((mention as u32, words));
    }

    /// The reasons grouped by mention, for a corpus of `n` mentions.
    fn by_mention(self, n: usize) -> Runs<Sym> {
        Runs::of(self.given, n)
    }
}

/// Values grouped by a key below `n`, each key's in the order given: two
/// flat arrays, not a vector per key (hundreds of thousands of small
/// allocations on a large corpus).
struct Runs<T> {
    /// Where each key's values begin in `values`; one more entry than keys.
    starts: Vec<u32>,
    values: Vec<T>,
}

impl<T: Clone + Default> Runs<T> {
    /// `pairs` of a key below `n` and a value, grouped by key in one
    /// counting pass: no sort, and a key's values keep their order.
    fn of(pairs: Vec<(u32, T)>, n: usize) -> Runs<T> {
        let mut starts = vec![0u32; n + 1];
        for (k, _) in &pairs {
            starts[*k as usize + 1] += 1;
        }
        for k in 0..n {
            starts[k + 1] += starts[k];
        }
        let mut next = starts.clone();
        let mut values = vec![T::default(); pairs.len()];
        for (k, v) in pairs {
            values[next[k as usize] as usize] = v;
            next[k as usize] += 1;
        }
        Runs { starts, values }
    }

    /// The values under `key`, in the order given.
    fn values(&self, key: usize) -> &[T] {
        &self.values[self.starts[key] as usize..self.starts[key + 1] as usize]
    }
}

/// Dated events by date, then kind and id; undated ones last.
fn sort_timeline(events: &mut [Event]) {
    // Borrowed keys: a comparison allocates nothing.
    fn key(
        e: &Event,
    ) -> (
        bool,
        Option<(chrono::NaiveDate, chrono::NaiveDate)>,
        &str,
        &str,
    ) {
        (
            e.interval.is_none(),
            e.interval.map(|d| (d.start, d.end)),
            e.event_type.as_str(),
            &e.id,
        )
    }
    events.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// Best mention for the date: the finest precision, then the narrowest
/// interval, then the most direct basis (own sentence before inherited).
/// A publication date is only a last resort: it says when the news came
/// out, not when the event happened.
fn date_rank(m: &Mention) -> (bool, Option<Precision>, i64, DateBasis, &str, u32) {
    (
        m.date_basis >= DateBasis::Published,
        m.precision,
        m.date.map(|d| d.days()).unwrap_or(i64::MAX),
        m.date_basis,
        &m.doc,
        m.start,
    )
}

fn build_event(mut mentions: Vec<Mention>, merged_because: Vec<Sym>) -> Event {
    let ms: Vec<&Mention> = mentions.iter().collect();
    // ms is in (doc, start) order: the first body mention anchors the id.
    let anchor = ms.iter().find(|m| !m.heading).copied().unwrap_or(ms[0]);
    let best = ms
        .iter()
        .filter(|m| m.date.is_some())
        .min_by_key(|m| date_rank(m))
        .copied()
        .unwrap_or(anchor);
    let mut actors: Vec<Named> = Vec::new();
    for m in &ms {
        for a in &m.actors {
            if !actors.iter().any(|x| x.name == a.name) {
                actors.push(*a);
            }
        }
    }
    let location = anchor
        .location
        .or_else(|| ms.iter().find_map(|m| m.location));
    // Where it happened is not also who did it.
    actors.retain(|a| location.as_ref().is_none_or(|l| l.name != a.name));
    let killed = ms.iter().filter_map(|m| m.killed).max();
    let wounded = ms.iter().filter_map(|m| m.wounded).max();
    // Roles as the first body telling gives them, else the next that does.
    let role =
        |f: fn(&Mention) -> &Option<Named>| (*f(anchor)).or_else(|| ms.iter().find_map(|m| *f(m)));
    let actor1 = role(|m| &m.actor1);
    let actor2 = role(|m| &m.actor2).filter(|x| actor1.as_ref().is_none_or(|a| a.name != x.name));
    let planned = ms.iter().all(|m| m.planned);
    let id = anchor_id(&anchor.kind, &anchor.doc, anchor.start);
    let summary = summary(&anchor.kind, &actors, location.as_ref(), killed, planned);
    let mut event = Event {
        id,
        event_type: anchor.kind.clone(),
        cameo: anchor.cameo.clone(),
        date_start: best.date.map(|d| d.start.to_string()),
        date_end: best.date.map(|d| d.end.to_string()),
        precision: best.precision,
        date_text: best.date_text.clone(),
        date_basis: best.date_basis,
        summary,
        actors,
        location,
        actor1,
        actor2,
        killed,
        wounded,
        planned,
        rule: anchor.rule.clone(),
        merged_because,
        mentions: Vec::new(),
        interval: best.date,
    };
    mentions.sort_by(|a, b| (a.heading, &a.doc, a.start).cmp(&(b.heading, &b.doc, b.start)));
    event.mentions = mentions;
    event
}

fn summary(
    kind: &str,
    actors: &[Named],
    location: Option<&Named>,
    killed: Option<u32>,
    planned: bool,
) -> String {
    let mut s = String::new();
    if planned {
        s.push_str("planned ");
    }
    s.push_str(&EventKind(kind).words());
    if !actors.is_empty() {
        let names: Vec<&str> = actors.iter().take(3).map(|a| a.name.as_str()).collect();
        s.push_str(": ");
        s.push_str(&names.join(", "));
    }
    if let Some(l) = location {
        s.push_str(" in ");
        s.push_str(&l.name);
    }
    if let Some(k) = killed {
        s.push_str(&format!(" ({k} killed)"));
    }
    s
}

/// An event's id from its anchor telling: the stable hash of
/// "kind|doc|start", fed in parts so that no string is made per event.
fn anchor_id(kind: &str, doc: &str, start: u32) -> String {
    let mut digits = [0u8; 20];
    let digits = crate::util::decimal(u64::from(start), &mut digits);
    let parts = [kind.as_bytes(), b"|", doc.as_bytes(), b"|", digits];
    let hash = parts.iter().fold(FNV_START, |h, part| fnv(h, part));
    format!("ev-{:012x}", hash & 0xffff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn named(name: &str, kind: &str) -> Named {
        Named::new(name.into(), kind.into(), None)
    }

    /// A mention of `kind` in `doc` at byte `start`, dated `"FROM..TO"` (or one
    /// day), with a precision that fits the interval's length.
    fn mention(doc: &str, start: u32, kind: &str, dates: &str, actors: &[(&str, &str)]) -> Mention {
        let (from, to) = dates.split_once("..").unwrap_or((dates, dates));
        let date = Interval::new(d(from), d(to));
        let precision = match date.days() {
            1 => Precision::Day,
            2..=7 => Precision::Week,
            8..=31 => Precision::Month,
            _ => Precision::Year,
        };
        Mention {
            doc: doc.into(),
            published: "2025-04-20".into(),
            sentence: format!("sentence {start}").into(),
            start,
            end: start + 10,
            sentence_index: start,
            rule: format!("{kind}-rule").into(),
            kind: kind.into(),
            cameo: "042".into(),
            date: Some(date),
            precision: Some(precision),
            date_text: "x".into(),
            date_basis: DateBasis::Sentence,
            actors: actors.iter().map(|(n, k)| named(n, k)).collect(),
            location: None,
            actor1: None,
            actor2: None,
            killed: None,
            wounded: None,
            planned: false,
            retells: None,
            heading: false,
        }
    }

    #[test]
    fn anchor_id_is_the_hash_of_the_joined_parts() {
        for start in [0, 7, 10, 4_294_967_295] {
            let joined = format!("visit|a b.txt|{start}");
            let want = fnv(FNV_START, joined.as_bytes()) & 0xffff_ffff_ffff;
            assert_eq!(
                anchor_id("visit", "a b.txt", start),
                format!("ev-{want:012x}")
            );
        }
    }

    #[test]
    fn string_ranks_follow_the_strings_order() {
        let syms: Vec<Sym> = ["b", "a", "c", "a", "ab"].map(Sym::new).to_vec();
        let ranks = string_ranks(syms.iter());
        let rank = |s: &str| ranks[&Sym::new(s)];
        assert_eq!(ranks.len(), 4);
        assert!(rank("a") < rank("ab") && rank("ab") < rank("b") && rank("b") < rank("c"));
    }

    #[test]
    fn same_visit_in_two_articles_is_one_event_with_the_finer_date() {
        let a = mention(
            "a.txt",
            10,
            "visit",
            "2025-04-14..2025-04-20",
            &[("Ishaq Dar", "person"), ("Pakistan", "country")],
        );
        let b = mention(
            "b.txt",
            5,
            "visit",
            "2025-04-19",
            &[("Ishaq Dar", "person")],
        );
        let events = merge(vec![b, a]);
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.mentions.len(), 2);
        assert_eq!(e.date_start.as_deref(), Some("2025-04-19"));
        assert_eq!(e.precision, Some(Precision::Day));
        assert!(e.merged_because[0].contains("Ishaq Dar"));
    }

    #[test]
    fn different_participants_same_week_stay_apart() {
        let a = mention(
            "a.txt",
            10,
            "visit",
            "2025-04-14..2025-04-20",
            &[("Ishaq Dar", "person"), ("Pakistan", "country")],
        );
        let b = mention(
            "a.txt",
            50,
            "visit",
            "2025-04-15",
            &[("Nooruddin Azizi", "person"), ("Pakistan", "country")],
        );
        assert_eq!(merge(vec![a, b]).len(), 2);
    }

    #[test]
    fn one_article_dating_two_tellings_differently_tells_two_events() {
        let a = mention(
            "a.txt",
            10,
            "visit",
            "2025-04-14..2025-04-20",
            &[("Kabul", "place")],
        );
        let b = mention(
            "a.txt",
            90,
            "visit",
            "2025-04-11..2025-04-20",
            &[("Kabul", "place")],
        );
        assert_eq!(merge(vec![a.clone(), b.clone()]).len(), 2);
        let mut c = b;
        c.doc = "b.txt".into();
        assert_eq!(
            merge(vec![a, c]).len(),
            1,
            "across articles dates differ by reference"
        );
    }

    #[test]
    fn another_occurrence_said_in_so_many_words_stays_apart() {
        let mut a = mention("a.txt", 10, "airstrike", "2025-03-02", &[]);
        a.sentence = "Drones struck a fuel depot near Kherson on Sunday.".into();
        let mut b = mention("a.txt", 90, "airstrike", "2025-03-02", &[]);
        b.sentence = "Another drone hit a school in Sumy, the governor said.".into();
        b.date_basis = DateBasis::Narrative;
        assert_eq!(merge(vec![a.clone(), b.clone()]).len(), 2);
        b.sentence = "The drones also damaged two houses, the governor said.".into();
        assert_eq!(merge(vec![a, b]).len(), 1);
    }

    #[test]
    fn measures_on_different_targets_the_same_day_are_two() {
        let side = |name: &str, code: &str| {
            Some(Named::new(name.into(), "country".into(), Some(code.into())))
        };
        let mut a = mention("a.txt", 10, "trade_measure", "2025-02-01", &[]);
        a.actor1 = side("Chile", "CL");
        a.actor2 = side("Peru", "PE");
        let mut b = mention("a.txt", 90, "trade_measure", "2025-02-01", &[]);
        b.date_basis = DateBasis::Narrative;
        b.actor1 = side("Chile", "CL");
        b.actor2 = side("Bolivia", "BO");
        assert_eq!(merge(vec![a.clone(), b.clone()]).len(), 2);
        b.actor2 = side("Peru", "PE");
        assert_eq!(merge(vec![a, b]).len(), 1);
    }

    #[test]
    fn a_wide_date_does_not_chain_disagreeing_narrow_ones() {
        let who = [("Taliban", "organisation")];
        let year = mention("a.txt", 1, "takeover", "2021-01-01..2021-12-31", &who);
        let aug = mention("b.txt", 1, "takeover", "2021-08-01..2021-08-31", &who);
        let oct = mention("c.txt", 1, "takeover", "2021-10-21", &who);
        let events = merge(vec![year, aug, oct]);
        assert_eq!(events.len(), 2);
        assert!(
            events
                .iter()
                .all(|e| e.date_start.as_deref() != Some("2021-01-01"))
        );
    }

    #[test]
    fn a_telling_dated_by_context_joins_its_articles_event() {
        let who = [("Amir Khan Muttaqi", "person")];
        let own = mention("a.txt", 90, "visit", "2025-10-09", &who);
        let mut context = mention("a.txt", 10, "visit", "2025-10-10", &who);
        context.date_basis = DateBasis::Narrative;
        let mut elsewhere = context.clone();
        elsewhere.doc = "b.txt".into();
        let events = merge(vec![own.clone(), context]);
        assert_eq!(events.len(), 1);
        assert_eq!(
            events[0].date_start.as_deref(),
            Some("2025-10-09"),
            "the own date wins"
        );
        assert_eq!(
            merge(vec![own, elsewhere]).len(),
            2,
            "only within one article"
        );
    }

    #[test]
    fn statements_of_two_sides_on_one_day_stay_apart() {
        let speaker =
            |name: &str, code: &str| Named::new(name.into(), "country".into(), Some(code.into()));
        let mut a = mention(
            "a.txt",
            10,
            "statement",
            "2025-04-15",
            &[("Kenya", "country")],
        );
        a.actor1 = Some(speaker("Kenya", "KE"));
        let mut b = mention(
            "a.txt",
            90,
            "statement",
            "2025-04-15",
            &[("Ethiopia", "country")],
        );
        b.actor1 = Some(speaker("Ethiopia", "ET"));
        assert_eq!(merge(vec![a.clone(), b.clone()]).len(), 2);
        let mut c = b.clone();
        c.actor1 = Some(Named::new(
            "Kenyan foreign ministry".into(),
            "organisation".into(),
            Some("KE".into()),
        ));
        assert_eq!(merge(vec![a, c]).len(), 1, "one side speaks with one voice");
    }

    #[test]
    fn an_act_by_another_side_stays_apart_even_dated_by_context() {
        let speaker =
            |name: &str, code: &str| Named::new(name.into(), "country".into(), Some(code.into()));
        let mut a = mention("a.txt", 10, "statement", "2025-04-15", &[]);
        a.actor1 = Some(speaker("Armenia", "AM"));
        a.cameo = "010".into();
        let mut b = mention("a.txt", 90, "statement", "2025-04-15", &[]);
        b.actor1 = Some(speaker("Azerbaijan", "AZ"));
        b.date_basis = DateBasis::Narrative;
        b.cameo = "010".into();
        assert_eq!(merge(vec![a.clone(), b.clone()]).len(), 1, "attribution");
        b.cameo = "112".into();
        assert_eq!(merge(vec![a, b]).len(), 2, "an accusation");
    }

    #[test]
    fn one_sentence_telling_a_kind_twice_tells_two_events() {
        let monday = mention(
            "a.txt",
            40,
            "attack",
            "2025-03-03",
            &[("Tillaberi", "place")],
        );
        let wednesday = mention("a.txt", 40, "attack", "2025-03-05", &[("Diffa", "place")]);
        let mut week = mention("a.txt", 200, "attack", "2025-03-01..2025-03-07", &[]);
        week.date_basis = DateBasis::Narrative;
        assert_eq!(merge(vec![monday.clone(), wednesday.clone()]).len(), 2);
        // A later telling dated only by its context joins one, not both.
        let events = merge(vec![monday, wednesday, week]);
        assert_eq!(events.len(), 2, "{events:#?}");
    }

    #[test]
    fn kinds_and_dates_must_agree() {
        let a = mention(
            "a.txt",
            10,
            "visit",
            "2025-04-14..2025-04-20",
            &[("Ishaq Dar", "person")],
        );
        let b = mention(
            "b.txt",
            10,
            "meeting",
            "2025-04-14..2025-04-20",
            &[("Ishaq Dar", "person")],
        );
        let c = mention(
            "c.txt",
            10,
            "visit",
            "2025-05-14..2025-05-20",
            &[("Ishaq Dar", "person")],
        );
        assert_eq!(merge(vec![a, b, c]).len(), 3);
    }

    #[test]
    fn headline_alone_makes_no_event_but_joins_one() {
        let mut h = mention(
            "a.txt",
            0,
            "visit",
            "2025-04-19",
            &[("Ishaq Dar", "person")],
        );
        h.heading = true;
        assert_eq!(merge(vec![h.clone()]).len(), 0);
        let body = mention(
            "a.txt",
            100,
            "visit",
            "2025-04-19",
            &[("Ishaq Dar", "person")],
        );
        let events = merge(vec![h, body]);
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].mentions.len(), 2);
        assert!(!events[0].mentions[0].heading, "body mention first");
    }

    #[test]
    fn ids_do_not_depend_on_other_articles() {
        let a = mention(
            "b.txt",
            10,
            "airstrike",
            "2024-12-24",
            &[("Pakistan", "country")],
        );
        let alone = merge(vec![a.clone()])[0].id.clone();
        let other = mention("a.txt", 3, "visit", "2020-01-01", &[("X", "person")]);
        let with_other = merge(vec![other, a]);
        assert!(with_other.iter().any(|e| e.id == alone));
    }

    #[test]
    fn runs_group_values_by_key_in_the_order_given() {
        let runs = Runs::of(vec![(2, 'a'), (0, 'b'), (2, 'c'), (0, 'd'), (2, 'e')], 4);
        assert_eq!(runs.values(0), ['b', 'd']);
        assert!(runs.values(1).is_empty() && runs.values(3).is_empty());
        assert_eq!(runs.values(2), ['a', 'c', 'e']);
    }

    #[test]
    fn a_reason_reads_as_before() {
        let visit = Sym::new("border_closure");
        let cases = [
            (
                Reason::Retold(visit.clone()),
                "same border_closure re-told in the same article (\"the border closure\")",
            ),
            (
                Reason::Shared(visit.clone(), "person".into(), "Ishaq Dar".into()),
                "same border_closure, overlapping dates, shared person Ishaq Dar",
            ),
            (
                Reason::DatedByContext(visit.clone(), "Kabul".into()),
                "same border_closure in the same article, one telling dated only by its context, shared Kabul",
            ),
            (
                Reason::SamePlace(visit.clone(), "Kabul".into()),
                "same border_closure, overlapping dates, same place Kabul",
            ),
            (
                Reason::SameCountries(visit.clone()),
                "same border_closure, overlapping dates, same countries",
            ),
            (
                Reason::ToldAgain(visit),
                "same border_closure told again in the same article at an overlapping date",
            ),
        ];
        for (reason, words) in cases {
            assert_eq!(reason.to_string(), words);
        }
    }

    #[test]
    fn timeline_is_chronological_with_undated_last() {
        let mut u = mention("a.txt", 1, "statement", "2025-01-01", &[]);
        u.date = None;
        u.precision = None;
        let late = mention("a.txt", 2, "visit", "2025-03-01", &[("A", "person")]);
        let early = mention(
            "a.txt",
            3,
            "visit",
            "2021-03-01..2021-03-31",
            &[("B", "person")],
        );
        let events = merge(vec![u, late, early]);
        let starts: Vec<Option<&str>> = events.iter().map(|e| e.date_start.as_deref()).collect();
        assert_eq!(starts, vec![Some("2021-03-01"), Some("2025-03-01"), None]);
    }
}
