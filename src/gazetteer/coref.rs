//! In-document person coreference. News articles introduce a person once
//! with title and full name, then write "Dar" or "the foreign minister";
//! the event stage needs the canonical name for both.

use super::data::Data;
use super::titles::TitleFinder;
use super::{Entity, EntityKind, Titled, overlaps};
use std::collections::HashMap;

/// A person as the document has introduced them.
#[derive(Debug, Clone)]
struct Referent {
    name: String,
    country: Option<String>,
}

/// What the document has said so far.
#[derive(Debug, Default)]
pub struct DocState {
    /// Surname (lower case) → person.
    surnames: HashMap<String, Referent>,
    /// Role key ("foreign minister") → the person most recently given it.
    roles: HashMap<String, Referent>,
    /// (role, country) → the person of that country most recently given it,
    /// for "Kenya's foreign minister" in a story with two foreign ministers.
    country_roles: HashMap<(String, String), Referent>,
    /// Every word (lower case) of every person's name seen so far, so a
    /// later "General Faiz" or "Ambassador Sadiq" is the person already met.
    words: HashMap<String, Referent>,
}

/// The last word of a name, without possessive: the usual short reference.
fn surname(name: &str) -> Option<String> {
    let last = name.split_whitespace().last()?;
    let last = last.trim_end_matches("'s").trim_end_matches("’s");
    (last.chars().count() >= 3 && last.starts_with(|c: char| c.is_uppercase()))
        .then(|| last.to_lowercase())
}

impl DocState {
    /// A one-word person name ("Faiz", found through a title) that is a
    /// word of a person met earlier takes that person's canonical name.
    pub fn canonicalise(&self, entities: &mut [Entity], titled: &mut [Titled]) {
        let lookup = |name: &str| -> Option<&Referent> {
            let mut words = name.split_whitespace();
            let (Some(w), None) = (words.next(), words.next()) else {
                return None;
            };
            self.words.get(&w.to_lowercase())
        };
        for e in entities.iter_mut().filter(|e| e.kind == EntityKind::Person) {
            if let Some(r) = lookup(&e.name) {
                e.name = r.name.clone();
                e.country = r.country.clone();
            }
        }
        for t in titled.iter_mut() {
            if let Some(r) = lookup(&t.name) {
                t.name = r.name.clone();
                t.country = r.country.clone();
            }
        }
    }

    /// Registers, before the sequential pass, the surnames and name words of
    /// every multi-word person the document names anywhere: headlines often
    /// say "Sadiq" before the body introduces "Mohammad Sadiq".
    pub fn prime(&mut self, people: &[String], countries: &[Option<String>]) {
        for (name, country) in people.iter().zip(countries) {
            if name.split_whitespace().count() < 2 {
                continue;
            }
            let r = Referent {
                name: name.clone(),
                country: country.clone(),
            };
            if let Some(s) = surname(name) {
                self.surnames.entry(s).or_insert_with(|| r.clone());
            }
            self.remember_words(&r);
        }
    }

    /// Registers the people of a sentence: their surnames, the roles the
    /// gazetteer lists for them, and the titles the text gives them.
    pub fn learn(&mut self, data: &Data, entities: &[Entity], titled: &[Titled]) {
        for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
            let r = Referent {
                name: e.name.clone(),
                country: e.country.clone(),
            };
            if let Some(s) = surname(&e.name) {
                self.surnames.insert(s, r.clone());
            }
            self.remember_words(&r);
            if let Some(k) = data.person(&e.name) {
                for role in &k.roles {
                    // Listed roles never override a title the text gave.
                    self.roles.entry(role.clone()).or_insert_with(|| r.clone());
                    if let Some(c) = &r.country {
                        self.country_roles
                            .entry((role.clone(), c.clone()))
                            .or_insert_with(|| r.clone());
                    }
                }
            }
        }
        for t in titled {
            let r = Referent {
                name: t.name.clone(),
                country: t.country.clone(),
            };
            if let Some(s) = surname(&t.name) {
                self.surnames.insert(s, r.clone());
            }
            self.remember_words(&r);
            if let Some(c) = &r.country {
                self.country_roles
                    .insert((t.role.clone(), c.clone()), r.clone());
            }
            self.roles.insert(t.role.clone(), r);
        }
    }

    fn remember_words(&mut self, r: &Referent) {
        if r.name.split_whitespace().count() < 2 {
            return;
        }
        for w in r.name.split_whitespace().filter(|w| w.chars().count() >= 3) {
            self.words.insert(w.to_lowercase(), r.clone());
        }
    }

    /// Adds people referred to by surname or bare office; `office` is
    /// whether the sentence may hold an office at all.
    pub fn resolve(
        &self,
        sentence: &str,
        entities: &mut Vec<Entity>,
        (titles, office): (&TitleFinder, bool),
    ) {
        let mut found = Vec::new();
        // Most words are no surname: they are lower-cased into one buffer.
        let mut lower = String::new();
        for (span, word) in capitalised_words(sentence) {
            let bare = word.trim_end_matches("'s").trim_end_matches("’s");
            lower.clear();
            if bare.is_ascii() {
                lower.extend(bare.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                lower.push_str(&bare.to_lowercase());
            }
            if let Some(r) = self.surnames.get(&lower) {
                found.push((span.start..span.start + bare.len(), r));
            }
        }
        for m in titles.mentions(sentence, office) {
            let country = m.qualifier.as_ref().and_then(|q| {
                entities
                    .iter()
                    .find(|e| e.kind == EntityKind::Country && overlaps(&e.span, q))
                    .and_then(|e| e.country.clone())
            });
            let r = match country {
                // "Kenya's foreign minister" is only a foreign minister of Kenya.
                Some(c) => self.country_roles.get(&(m.role, c)),
                None => self.roles.get(&m.role),
            };
            if let Some(r) = r {
                found.push((m.span, r));
            }
        }
        for (span, r) in found {
            if entities.iter().any(|e| overlaps(&e.span, &span)) {
                continue;
            }
            entities.push(Entity {
                span,
                name: r.name.clone(),
                kind: EntityKind::Person,
                country: r.country.clone(),
            });
        }
        entities.sort_by_key(|e| (e.span.start, e.span.end));
    }
}

/// Capitalised words with their spans.
fn capitalised_words(s: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let word_char = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(st), false) => {
                let w = &s[st..i];
                if w.starts_with(|ch: char| ch.is_uppercase()) {
                    out.push((st..i, w));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}
