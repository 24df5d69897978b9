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
    /// One entry per key, in [`key_order`] (the order of the file's lines):
    /// a flat list is a third smaller than a map of as many entries, is
    /// searched by halving, and is written out without sorting.
    ids: Vec<(MentionKey, Sym)>,
    names: HashMap<u64, String>,
}

impl Ledger {
    /// The ledger at `path`; an absent or unreadable one is empty (ids are
    /// then made from content alone), and a malformed line is skipped.
    pub fn read(path: &Path) -> Ledger {
        let Ok(text) = std::fs::read_to_string(path) else {
            return Ledger::default();
        };
        Ledger::parse(&text)
    }

    /// The ledger [`Ledger::to_text`] wrote; a malformed line is skipped.
    fn parse(text: &str) -> Ledger {
        let mut l = Ledger::default();
        l.ids
            .reserve_exact(text.bytes().filter(|&b| b == b'\n').count() + 1);
        // An event's mentions are neighbours in the file (one article's
        // lines are together), so an id or kind is most often the last
        // one's: interned again only when it changes.
        let mut last = (Sym::default(), Sym::default());
        let hash = |s: &str| u64::from_str_radix(s, 16).ok();
        for line in text.lines() {
            let mut f = line.split('\t');
            let fields = [f.next(), f.next(), f.next(), f.next(), f.next()];
            if f.next().is_some() {
                continue;
            }
            match fields {
                [Some("m"), Some(h), Some(start), Some(kind), Some(id)] => {
                    let (Some(h), Ok(start)) = (hash(h), start.parse()) else {
                        continue;
                    };
                    if last.0 != *kind {
                        last.0 = Sym::new(kind);
                    }
                    if last.1 != *id {
                        last.1 = Sym::new(id);
                    }
                    l.ids.push(((h, start, last.0.clone()), last.1.clone()));
                }
                [Some("d"), Some(h), Some(name), None, None] => {
                    if let Some(h) = hash(h) {
                        l.names.insert(h, name.to_string());
                    }
                }
                _ => {}
            }
        }
        // A file this program wrote is in order already; a line edited in
        // by hand is taken as a map would take it, the last one read winning.
        if !l.ids.is_sorted_by(|a, b| key_order(&a.0, &b.0).is_lt()) {
            l.ids.sort_by(|a, b| key_order(&a.0, &b.0));
            l.ids.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    std::mem::swap(&mut later.1, &mut kept.1);
                }
                same
            });
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
        let mut ids = Vec::with_capacity(total);
        for e in events {
            // Interned once per event, not once per mention.
            let id = Sym::new(&e.id);
            for m in &e.mentions {
                ids.push((
                    (hash_of(&m.doc), m.start as usize, m.kind.clone()),
                    id.clone(),
                ));
            }
        }
        // Stable, so that of two events holding one key the first keeps it.
        ids.sort_by(|a, b| key_order(&a.0, &b.0));
        ids.dedup_by(|later, kept| later.0 == kept.0);
        Ledger {
            ids,
            names: names.clone(),
        }
    }

    /// The ledger as text, in a fixed order (two builds of the same input
    /// write the same bytes).
    pub fn to_text(&self) -> String {
        let mut text = Vec::with_capacity(self.ids.len() * 48 + self.names.len() * 32);
        self.write_text(&mut text).expect("writing to memory");
        String::from_utf8(text).expect("lines of strings")
    }

    /// [`Ledger::to_text`] into `w` as it is formed: a large corpus's
    /// ledger is tens of MB of text, written out at the build's peak.
    fn write_text(&self, w: &mut impl std::io::Write) -> std::io::Result<()> {
        let clean = |s: &str| !s.contains(['\t', '\n', '\r']);
        // The lines in text order: "d" lines before "m" lines, and the ids
        // kept in that order already (see `key_order`).
        let mut names: Vec<(u64, &str)> = self
            .names
            .iter()
            .filter(|(_, n)| clean(n))
            .map(|(h, n)| (*h, n.as_str()))
            .collect();
        names.sort_unstable();
        // Lines formed in a buffer by hand: through `writeln!` the
        // formatting machinery was most of writing a large ledger.
        let mut line: Vec<u8> = Vec::with_capacity(256);
        for (h, name) in names {
            line.clear();
            line.extend_from_slice(b"d\t");
            push_hex(&mut line, h);
            line.push(b'\t');
            line.extend_from_slice(name.as_bytes());
            line.push(b'\n');
            w.write_all(&line)?;
        }
        for ((h, start, kind), id) in self.ids.iter().filter(|((_, _, k), _)| clean(k)) {
            line.clear();
            line.extend_from_slice(b"m\t");
            push_hex(&mut line, *h);
            line.push(b'\t');
            line.extend_from_slice(crate::util::decimal(*start as u64, &mut [0; 20]));
            line.push(b'\t');
            line.extend_from_slice(kind.as_str().as_bytes());
            line.push(b'\t');
            line.extend_from_slice(id.as_str().as_bytes());
            line.push(b'\n');
            w.write_all(&line)?;
        }
        Ok(())
    }

    /// Writes the ledger to a new file at `path`.
    fn create(&self, path: &Path) -> std::io::Result<()> {
        use std::io::Write;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(path)?);
        self.write_text(&mut w)?;
        w.flush()
    }

    /// Writes the ledger whole or not at all (a temporary file renamed).
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let tmp = path.with_file_name(format!(".tmp-ids-{}", std::process::id()));
        self.create(&tmp)?;
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
        self.create(&tmp)?;
        Ok(tmp)
    }

    /// The id the previous generation gave the mention with this key.
    #[cfg(test)]
    fn id_of(&self, key: &MentionKey) -> Option<&Sym> {
        find_in(self.article(key.0), key)
    }

    /// The entries of the article with content hash `hash`: its keys lead
    /// with the hash, so they are one run of the list. The run's end is
    /// sought by doubling steps from its start: an article has a dozen
    /// entries, and halving the rest of the list missed the cache at every
    /// step.
    fn article(&self, hash: u64) -> &[(MentionKey, Sym)] {
        let from = self.ids.partition_point(|((h, _, _), _)| *h < hash);
        let rest = &self.ids[from..];
        let mut step = 1;
        while step < rest.len() && rest[step].0.0 == hash {
            step *= 2;
        }
        let len = rest[..step.min(rest.len())].partition_point(|((h, _, _), _)| *h == hash);
        &rest[..len]
    }

    /// The name copies with this content hash were counted under.
    pub fn name_of(&self, hash: u64) -> Option<&str> {
        self.names.get(&hash).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty() && self.names.is_empty()
    }
}

/// The id of `key` among one article's entries (see [`Ledger::article`]).
fn find_in<'a>(entries: &'a [(MentionKey, Sym)], key: &MentionKey) -> Option<&'a Sym> {
    let at = entries.binary_search_by(|(k, _)| key_order(k, key)).ok()?;
    Some(&entries[at].1)
}

/// How `a` and `b` compare as decimal text ("10" before "9"), without
/// writing them out: scaled to the same number of digits they compare as
/// numbers, and a number that is a prefix of the other comes first.
fn decimal_order(a: u64, b: u64) -> std::cmp::Ordering {
    let digits = |n: u64| n.checked_ilog10().unwrap_or(0) + 1;
    let (da, db) = (digits(a), digits(b));
    let width = da.max(db);
    let scaled = |n: u64, d: u32| u128::from(n) * 10u128.pow(width - d);
    scaled(a, da).cmp(&scaled(b, db)).then(da.cmp(&db))
}

/// `n` as 16 lower-case hex digits, as `{n:016x}` writes it.
fn push_hex(out: &mut Vec<u8>, n: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.extend((0..16).rev().map(|i| DIGITS[(n >> (4 * i)) as usize & 15]));
}

/// Keys in the order of the lines that hold them, compared as their parts
/// (no line is made): the fixed-width hash, the offset as decimal text,
/// then the kind with the tab that ends it in a line. Distinct keys never
/// compare equal, and a line's id never decides the order.
fn key_order(a: &MentionKey, b: &MentionKey) -> std::cmp::Ordering {
    let tab_ended = |k: &Sym| k.as_str().bytes().chain([b'\t']);
    a.0.cmp(&b.0)
        .then_with(|| decimal_order(a.1 as u64, b.1 as u64))
        .then_with(|| {
            if a.2 == b.2 {
                std::cmp::Ordering::Equal
            } else {
                tab_ended(&a.2).cmp(tab_ended(&b.2))
            }
        })
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
    // Each article's entries found once, not searched for among every
    // article's on each of its mentions: an article's mentions are spread
    // over many events, and a search of the whole list missed the cache at
    // nearly every step.
    let mut articles: FastMap<u64, &[(MentionKey, Sym)]> = FastMap::default();
    for (i, e) in events.iter().enumerate() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &e.mentions {
            let key = (hash_of(&m.doc), m.start as usize, m.kind.clone());
            let entries = *articles
                .entry(key.0)
                .or_insert_with(|| previous.article(key.0));
            if let Some(id) = find_in(entries, &key) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written digits are what `format!` wrote before them, so a
    /// ledger written by an older build reads back the same.
    #[test]
    fn numbers_are_written_as_format_writes_them() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut values = vec![0, 1, 9, 10, 99, 100, 255, 4096, u64::MAX, u64::MAX - 1];
        for _ in 0..1000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(x >> (x % 64));
        }
        for n in values {
            let (mut hex, mut dec) = (Vec::new(), Vec::new());
            push_hex(&mut hex, n);
            dec.extend_from_slice(crate::util::decimal(n, &mut [0; 20]));
            assert_eq!(String::from_utf8(hex).unwrap(), format!("{n:016x}"));
            assert_eq!(String::from_utf8(dec).unwrap(), format!("{n}"));
        }
    }

    fn ledger() -> Ledger {
        let entries = [
            (0xff, 9, "visit", "ev-1"),
            (0xff, 10, "visit", "ev-1"),
            (0xff, 1, "visit", "ev-2"),
            (0xff, 1, "visits", "ev-3"),
            (0xff, 1, "visit\u{1}", "ev-4"),
            (0x1, 120, "airstrike", "ev-5"),
            (0x1, 12, "airstrike", "ev-5"),
            (0x1, 0, "bad\tkind", "ev-6"),
            (u64::MAX, usize::MAX, "talks", "ev-7"),
        ];
        let mut l = Ledger::default();
        for (h, start, kind, id) in entries {
            l.ids.push(((h, start, Sym::new(kind)), Sym::new(id)));
        }
        l.ids.sort_by(|a, b| key_order(&a.0, &b.0));
        l.names.insert(0xff, "b.txt".to_string());
        l.names.insert(0x2, "a.txt".to_string());
        l.names.insert(0x3, "bad\nname".to_string());
        l
    }

    #[test]
    fn lines_are_in_text_order() {
        let text = ledger().to_text();
        let lines: Vec<&str> = text.lines().collect();
        let mut sorted = lines.clone();
        sorted.sort_unstable();
        assert_eq!(lines, sorted);
        assert_eq!(lines.len(), 10, "{text}");
        assert_eq!(lines[0], "d\t0000000000000002\ta.txt");
        assert_eq!(lines[3], "m\t0000000000000001\t120\tairstrike\tev-5");
        assert!(text.ends_with('\n') && !text.contains("bad"));
    }

    #[test]
    fn a_ledger_reads_back_what_it_wrote() {
        let text = ledger().to_text();
        let back = Ledger::parse(&text);
        assert_eq!(back.to_text(), text);
        assert_eq!(back.ids.len(), 8);
        assert_eq!(back.name_of(0xff), Some("b.txt"));
        let damaged = format!("m\t00ff\tx\tvisit\tev-9\nm\t1\t2\tk\tid\textra\nd\t3\n{text}");
        assert_eq!(Ledger::parse(&damaged), back);
    }

    #[test]
    fn ids_are_found_by_key_and_a_later_line_wins() {
        let l = ledger();
        let key = |h, start, kind| (h, start, Sym::new(kind));
        assert_eq!(l.id_of(&key(0xff, 1, "visits")).unwrap(), "ev-3");
        assert_eq!(l.id_of(&key(0x1, 12, "airstrike")).unwrap(), "ev-5");
        assert!(l.id_of(&key(0x1, 13, "airstrike")).is_none());
        assert!(l.id_of(&key(0xff, 1, "visitor")).is_none());
        let edited = Ledger::parse(&format!(
            "{}m\t00000000000000ff\t9\tvisit\tev-new\n",
            l.to_text()
        ));
        assert_eq!(edited.id_of(&key(0xff, 9, "visit")).unwrap(), "ev-new");
        assert_eq!(edited.ids.len(), 8);
    }

    #[test]
    fn an_article_is_the_run_of_its_hash() {
        let l = ledger();
        let starts = |h| {
            let run = l.article(h);
            run.iter().map(|((_, s, _), _)| *s).collect::<Vec<_>>()
        };
        assert_eq!(starts(0x1), [0, 12, 120]);
        assert_eq!(starts(0xff), [1, 1, 1, 10, 9]);
        assert_eq!(starts(u64::MAX), [usize::MAX]);
        assert!(starts(0x2).is_empty() && starts(0).is_empty());
        // Runs of every length up to past a doubling step end where they do.
        for n in [1usize, 2, 3, 4, 5, 8, 9, 17] {
            let mut l = Ledger::default();
            for (h, count) in [(0x1, 3), (0x5, n), (0x9, 2)] {
                for start in 0..count {
                    l.ids.push(((h, start, Sym::new("k")), Sym::new("id")));
                }
            }
            l.ids.sort_by(|a, b| key_order(&a.0, &b.0));
            assert_eq!(l.article(0x5).len(), n);
            assert!(l.article(0x5).iter().all(|((h, _, _), _)| *h == 0x5));
            assert_eq!(l.article(0x9).len(), 2);
        }
    }

    #[test]
    fn numbers_compare_as_their_digits() {
        let mut ns = vec![0u64, 9, 10, 1, 100, 99, 12, 120, 2, u64::MAX, 1_000_000];
        let mut as_text: Vec<String> = ns.iter().map(u64::to_string).collect();
        as_text.sort();
        ns.sort_by(|a, b| decimal_order(*a, *b));
        assert_eq!(ns.iter().map(u64::to_string).collect::<Vec<_>>(), as_text);
    }
}
