//! The id ledger: which event each mention belonged to in the previous
//! generation, so an event keeps its id while any of its mentions remains,
//! even when a new article makes another mention its anchor. Mentions are
//! keyed by their article's content hash, offset and kind, never by file
//! name. It also remembers which name a set of byte-identical copies is
//! counted under, so adding a copy that sorts first changes nothing.

use crate::merge::Event;
use crate::sym::{FastMap, FastSet, Sym};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// File of the ledger under `--out`, beside the published generation.
pub const FILE: &str = ".ids.tsv";

/// A mention's identity across regenerations.
pub type MentionKey = (u64, usize, Sym);

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Ledger {
    ids: FastMap<MentionKey, Sym>,
    names: HashMap<u64, String>,
}

impl Ledger {
    /// The ledger at `path`; an absent or unreadable one is empty (ids are
    /// then made from content alone), and a malformed line is skipped.
    pub fn read(path: &Path) -> Ledger {
        let mut l = Ledger::default();
        let Ok(text) = std::fs::read_to_string(path) else {
            return l;
        };
        for line in text.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let hash = |s: &str| u64::from_str_radix(s, 16).ok();
            match f.as_slice() {
                ["m", h, start, kind, id] => {
                    if let (Some(h), Ok(start)) = (hash(h), start.parse()) {
                        l.ids.insert((h, start, Sym::new(kind)), Sym::new(id));
                    }
                }
                ["d", h, name] => {
                    if let Some(h) = hash(h) {
                        l.names.insert(h, name.to_string());
                    }
                }
                _ => {}
            }
        }
        l
    }

    /// The ledger of `events`, whose mentions' content hashes `hash_of`
    /// gives, and of the names copies were counted under.
    pub fn of(
        events: &[Event],
        hash_of: impl Fn(&str) -> u64,
        names: &HashMap<u64, String>,
    ) -> Ledger {
        let total = events.iter().map(|e| e.mentions.len()).sum();
        let mut ids = FastMap::with_capacity_and_hasher(total, Default::default());
        for e in events {
            // Interned once per event, not once per mention.
            let id = Sym::new(&e.id);
            for m in &e.mentions {
                ids.entry((hash_of(&m.doc), m.start as usize, m.kind.clone()))
                    .or_insert_with(|| id.clone());
            }
        }
        Ledger {
            ids,
            names: names.clone(),
        }
    }

    /// The ledger as text, in a fixed order (two builds of the same input
    /// write the same bytes).
    pub fn to_text(&self) -> String {
        let clean = |s: &str| !s.contains(['\t', '\n', '\r']);
        // Sorted once at the end: a set kept sorted on every insert cost
        // more than the formatting, for the same lines in the same order.
        let mut lines = Vec::with_capacity(self.ids.len() + self.names.len());
        for ((h, start, kind), id) in &self.ids {
            if clean(kind) {
                lines.push(format!("m\t{h:016x}\t{start}\t{kind}\t{id}"));
            }
        }
        for (h, name) in &self.names {
            if clean(name) {
                lines.push(format!("d\t{h:016x}\t{name}"));
            }
        }
        lines.sort_unstable();
        lines.dedup();
        let mut text = String::new();
        for l in lines {
            text.push_str(&l);
            text.push('\n');
        }
        text
    }

    /// Writes the ledger whole or not at all (a temporary file renamed).
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let tmp = path.with_file_name(format!(".tmp-ids-{}", std::process::id()));
        std::fs::write(&tmp, self.to_text())?;
        std::fs::rename(&tmp, path)
    }

    /// Writes the ledger beside `path` under a temporary name, returned
    /// for the caller to rename into place (or remove): a build writes it
    /// before the timeline so that it need not hold the ledger meanwhile,
    /// and publishes it only after the timeline. One fixed name (the build
    /// holds the lock on its folder), outside the `.tmp` names the
    /// timeline's publishing sweeps away, so a killed build's leftover is
    /// overwritten next time rather than piling up.
    pub fn write_aside(&self, path: &Path) -> std::io::Result<std::path::PathBuf> {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".pending");
        let tmp = path.with_file_name(name);
        std::fs::write(&tmp, self.to_text())?;
        Ok(tmp)
    }

    /// The name copies with this content hash were counted under.
    pub fn name_of(&self, hash: u64) -> Option<&str> {
        self.names.get(&hash).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.names.is_empty()
    }
}

/// Gives each event the previous id its mentions carry, when they carry
/// one no other event has taken: the event with more of the old event's
/// mentions wins it (then the smaller id, then the earlier event), so a
/// split keeps the id on its larger part. Returns which events got one.
pub fn keep_previous(
    events: &mut [Event],
    hash_of: impl Fn(&str) -> u64,
    previous: &Ledger,
) -> (Vec<bool>, FastSet<String>) {
    let mut kept = vec![false; events.len()];
    let mut used = FastSet::default();
    if previous.ids.is_empty() {
        return (kept, used);
    }
    let mut claims = Vec::new();
    for (i, e) in events.iter().enumerate() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &e.mentions {
            let key = (hash_of(&m.doc), m.start as usize, m.kind.clone());
            if let Some(id) = previous.ids.get(&key) {
                *counts.entry(id.as_str()).or_default() += 1;
            }
        }
        claims.extend(counts.into_iter().map(|(id, n)| (n, id.to_string(), i)));
    }
    claims.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    for (_, id, i) in claims {
        if !kept[i] && !used.contains(&id) {
            used.insert(id.clone());
            events[i].id = id;
            kept[i] = true;
        }
    }
    (kept, used)
}
