//! Choosing the meaning of a name several entities share ("Georgia",
//! "Hyderabad", "Security Council") by the countries the article names.
//!
//! Evidence is counted only from names with one meaning (or whose meanings
//! all share a country), so the ambiguous names do not vote for themselves.
//! The default (first, hand-written before generated, larger cities before
//! smaller) stays unless the article never names its country and does name
//! an alternative's: an Armenian story's "Security Council" is Armenia's, a
//! story naming only the United States and "Georgia" means the state.

use super::EntityKind;
use super::Hit;
use super::data::{Data, Known};
use std::collections::HashMap;

/// How often the article names each country, through unambiguous names.
#[derive(Debug, Default)]
pub struct Context {
    counts: HashMap<String, usize>,
}

impl Context {
    pub fn of(data: &Data, sentences: &[Vec<Hit>]) -> Context {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for h in sentences.iter().flatten() {
            let ids = &data.surfaces[h.surface].entities;
            let Some(country) = &data.known[ids[0]].country else {
                continue;
            };
            if ids
                .iter()
                .all(|&i| data.known[i].country.as_ref() == Some(country))
            {
                *counts.entry(country.clone()).or_default() += 1;
            }
        }
        Context { counts }
    }

    fn named(&self, k: &Known) -> usize {
        k.country
            .as_ref()
            .and_then(|c| self.counts.get(c))
            .copied()
            .unwrap_or(0)
    }

    /// The entity a name with candidates `ids` (default first) means here.
    pub fn pick(&self, data: &Data, ids: &[usize]) -> usize {
        let default = &data.known[ids[0]];
        if ids.len() == 1 || self.named(default) > 0 {
            return ids[0];
        }
        let mut best = (0, ids[0]);
        for &id in &ids[1..] {
            let alt = &data.known[id];
            let n = self.named(alt);
            if n > best.0 && may_replace(default, alt) {
                best = (n, id);
            }
        }
        if best.0 == 0 && default.country.is_some() && self.top().is_some() {
            let national = ids[1..].iter().find(|&&id| {
                let alt = &data.known[id];
                alt.national && alt.kind == default.kind
            });
            if let Some(&id) = national {
                return id;
            }
        }
        best.1
    }

    /// The country the article names most (ties: the first code).
    pub fn top(&self) -> Option<&str> {
        self.counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(c, _)| c.as_str())
    }
}

/// A generated place may stand in for a place or a country ("Georgia");
/// hand-written entries only for their own kind ("Security Council").
fn may_replace(default: &Known, alt: &Known) -> bool {
    if alt.generated() {
        alt.kind == EntityKind::Place
            && matches!(default.kind, EntityKind::Place | EntityKind::Country)
    } else {
        alt.kind == default.kind
    }
}
