//! Gazetteers of countries, places, organisations and people, kept as data
//! under `rules/gazetteer/`, and the lookup that finds them in a sentence.
//!
//! Three layers:
//! 1. a dictionary lookup (one trie over every name and alias, searched
//!    anchored at word starts, on typographically folded text);
//! 2. title-based person detection ("Special Envoy Asif Durrani") for
//!    people the list does not know;
//! 3. per-document coreference ([`Gazetteer::find_in_doc`]): once a person is
//!    introduced, a bare surname or "the foreign minister" resolves to them.

mod coref;
mod data;
mod fold;
mod heads;
mod office_starts;
mod prefix;
mod resolve;
mod titles;

use crate::error::RuleErrors;
use serde::Serialize;
use std::ops::Range;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Country,
    Place,
    Organisation,
    Person,
}

/// A named entity found in a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Byte range in the sentence.
    pub span: Range<usize>,
    /// Canonical name ("Ishaq Dar", "Pakistan", "Tehrik-e-Taliban Pakistan").
    pub name: String,
    pub kind: EntityKind,
    /// ISO 3166-1 alpha-2 code of the country the entity is, or belongs to.
    pub country: Option<String>,
}

/// The loaded gazetteer. `Send + Sync`: load once, share across threads.
pub struct Gazetteer {
    data: data::Data,
    names: prefix::Prefixes,
    /// Whether surface `i` must match with exact case (acronyms: "UN", "TTP").
    exact_case: Vec<bool>,
    titles: titles::TitleFinder,
    /// First letters of names written in lower case ("al-Qaeda"): the only
    /// lower-case words a name may start at.
    lower_starts: Vec<char>,
    /// The first [`HEAD`] bytes of each such name, ASCII lower case: a
    /// lower-case word starts a name only if it starts with one of them.
    /// These letters start most words ("the", "and", "in"), and running
    /// the name lookup at each was a third of it.
    lower_heads: Vec<Vec<u8>>,
    /// Which first bytes names start with, for skipping the name lookup at
    /// words no name starts like.
    heads: heads::Heads,
}

/// How many bytes of a lower-case name [`Gazetteer::lower_heads`] keeps.
const HEAD: usize = 4;

/// A person found through a title, before coreference.
#[derive(Debug, Clone)]
pub(crate) struct Titled {
    /// Span of the name within the sentence.
    name_span: Range<usize>,
    /// The name as written, white space collapsed.
    name: String,
    /// Office, lower case, without modifiers ("foreign minister").
    role: String,
    country: Option<String>,
}

impl Gazetteer {
    /// Loads every gazetteer file of `dir` (normally `rules/gazetteer`),
    /// with the office words of the language folder beside it in the
    /// standard layout (`rules/en`).
    pub fn load(dir: &Path) -> Result<Gazetteer, RuleErrors> {
        Gazetteer::load_with(dir, &dir.with_file_name(crate::layout::LANGUAGE))
    }

    /// Loads the gazetteer of `dir`; how offices are written around names
    /// is language data, read from `language/offices.toml`.
    pub fn load_with(dir: &Path, language: &Path) -> Result<Gazetteer, RuleErrors> {
        let data = data::load(dir)?;
        let office_words = data::load_office_words(language)?;
        let names = prefix::Prefixes::new(data.surfaces.iter().map(|s| s.form.as_str()));
        let exact_case = data.surfaces.iter().map(|s| is_acronym(&s.form)).collect();
        let titles = titles::TitleFinder::new(&data.titles, &office_words, dir)?;
        let mut lower_starts: Vec<char> = data
            .surfaces
            .iter()
            .filter_map(|s| s.form.chars().next().filter(|c| c.is_lowercase()))
            .collect();
        lower_starts.sort_unstable();
        lower_starts.dedup();
        let mut lower_heads: Vec<Vec<u8>> = data
            .surfaces
            .iter()
            .filter(|s| s.form.starts_with(char::is_lowercase))
            .map(|s| s.form.as_bytes()[..s.form.len().min(HEAD)].to_ascii_lowercase())
            .collect();
        lower_heads.sort_unstable();
        lower_heads.dedup();
        Ok(Gazetteer {
            heads: heads::Heads::new(data.surfaces.iter().map(|s| s.form.as_bytes())),
            lower_starts,
            lower_heads,
            data,
            names,
            exact_case,
            titles,
        })
    }

    /// Number of names (with aliases) the gazetteer knows.
    pub fn name_count(&self) -> usize {
        self.data.surfaces.len()
    }

    /// Number of entities of each kind and origin, for reports:
    /// `(kind, generated, count)`.
    pub fn sizes(&self) -> Vec<(EntityKind, bool, usize)> {
        let mut out: Vec<(EntityKind, bool, usize)> = Vec::new();
        for k in &self.data.known {
            match out
                .iter_mut()
                .find(|(kind, g, _)| *kind == k.kind && *g == k.generated())
            {
                Some(row) => row.2 += 1,
                None => out.push((k.kind, k.generated(), 1)),
            }
        }
        out
    }

    /// The country of the first entity named in `text`, for turning a rule's
    /// captured `location` ("Paktika", "the Afghan capital") into an ISO code.
    pub fn country_of(&self, text: &str) -> Option<String> {
        self.find(text).into_iter().find_map(|e| e.country)
    }

    /// Entities of one sentence, in sentence order, without coreference;
    /// an ambiguous name is resolved by the countries the sentence names.
    pub fn find(&self, sentence: &str) -> Vec<Entity> {
        let hits = self.hits(sentence);
        let context = resolve::Context::of(&self.data, std::slice::from_ref(&hits));
        let (entities, _, _) = self.find_with_titles(sentence, &hits, &context);
        entities
    }

    /// Entities of every sentence of a document, with person coreference
    /// across sentences: "Foreign Minister Ishaq Dar" introduces a person,
    /// later "Dar" or "the foreign minister" resolves to "Ishaq Dar".
    /// `sentences` are byte ranges of `text` (on character boundaries, as a
    /// splitter returns them); spans returned are relative to each sentence.
    /// The whole document is read once first, so a headline's "Dar" resolves
    /// to the "Ishaq Dar" of the body, and an ambiguous name ("Georgia",
    /// "Security Council") takes the meaning of the countries the article names.
    pub fn find_in_doc(&self, text: &str, sentences: &[Range<usize>]) -> Vec<Vec<Entity>> {
        let hits: Vec<Vec<Hit>> = sentences
            .iter()
            .map(|r| self.hits(&text[r.clone()]))
            .collect();
        let context = resolve::Context::of(&self.data, &hits);
        let found: Vec<(Vec<Entity>, Vec<Titled>, bool)> = sentences
            .iter()
            .zip(&hits)
            .map(|(r, h)| self.find_with_titles(&text[r.clone()], h, &context))
            .collect();
        let mut doc = coref::DocState::default();
        let mut people = Vec::new();
        let mut countries = Vec::new();
        for (entities, titled, _) in &found {
            for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
                people.push(e.name.clone());
                countries.push(e.country.clone());
            }
            for t in titled {
                people.push(t.name.clone());
                countries.push(t.country.clone());
            }
        }
        doc.prime(&people, &countries);
        sentences
            .iter()
            .zip(found)
            .map(|(r, (mut entities, mut titled, office))| {
                let sentence = &text[r.clone()];
                doc.canonicalise(&mut entities, &mut titled);
                doc.learn(&self.data, &entities, &titled);
                doc.resolve(sentence, &mut entities, (&self.titles, office));
                entities
            })
            .collect()
    }

    /// Names of the dictionary in one sentence: whole words, capitalised
    /// (acronyms in exact case), longest first. Every name starts with a
    /// capital or a digit, so the names are only looked up, anchored, from the
    /// start of such words: most of a sentence is never searched.
    fn hits(&self, sentence: &str) -> Vec<Hit> {
        let folded = fold::Folded::new(sentence);
        let text: &str = &folded.text;
        let mut out = Vec::new();
        let mut resume = 0;
        let mut prev_alnum = false;
        for (s, c) in text.char_indices() {
            let starts = !prev_alnum
                && (c.is_uppercase()
                    || c.is_numeric()
                    || (self.lower_starts.contains(&c) && self.may_start_lower(&text[s..])));
            prev_alnum = c.is_alphanumeric();
            if !starts || s < resume || !self.heads.may_start(&text.as_bytes()[s..]) {
                continue;
            }
            let Some((surface, end)) = self.names.longest(text.as_bytes(), s) else {
                continue;
            };
            if self.accepts(text, s, end, surface) {
                out.push(Hit {
                    span: folded.original(s, end),
                    surface,
                });
                resume = end;
            }
        }
        out
    }

    /// Whether a lower-case word at the start of `rest` may begin a name
    /// [`Gazetteer::accepts`] keeps there: only a name written in lower
    /// case is kept at a lower-case word, and the names match bytes
    /// up to ASCII case, so without such a name's first bytes nothing is.
    fn may_start_lower(&self, rest: &str) -> bool {
        let rest = rest.as_bytes();
        self.lower_heads
            .iter()
            .any(|h| rest.len() >= h.len() && rest[..h.len()].eq_ignore_ascii_case(h))
    }

    fn accepts(&self, text: &str, s: usize, e: usize, surface: usize) -> bool {
        if !word_bounded(text, s, e) {
            return false;
        }
        let written = &text[s..e];
        let form = &self.data.surfaces[surface].form;
        if self.exact_case[surface] {
            written == form
        } else if form.starts_with(char::is_lowercase) {
            // "al-Shabaab" is written so mid-sentence; "Al-Shabaab" also matches.
            written.starts_with(|c: char| c.is_uppercase() || form.starts_with(c))
        } else {
            written.starts_with(|c: char| c.is_uppercase() || c.is_numeric())
        }
    }

    /// Dictionary entities plus title-detected people of one sentence; also
    /// returns every title-person pair seen, for coreference, and whether
    /// the sentence may hold an office (for its bare mentions).
    fn find_with_titles(
        &self,
        sentence: &str,
        hits: &[Hit],
        context: &resolve::Context,
    ) -> (Vec<Entity>, Vec<Titled>, bool) {
        let mut out: Vec<Entity> = Vec::new();
        // Generated places (cities, regions) give way to a titled person.
        let mut weak: Vec<bool> = Vec::new();
        for h in hits {
            let id = context.pick(&self.data, &self.data.surfaces[h.surface].entities);
            let known = &self.data.known[id];
            let (name, country) = match context.top().filter(|_| known.national) {
                // "Ministry of Foreign Affairs" in a Kenyan story: Kenya's.
                Some(code) => {
                    let of = self
                        .data
                        .countries
                        .get(code)
                        .map(|&c| &self.data.known[c].name);
                    let name = of.map_or(known.name.clone(), |n| format!("{n} {}", known.name));
                    (name, Some(code.to_string()))
                }
                None => (known.name.clone(), known.country.clone()),
            };
            out.push(Entity {
                span: h.span.clone(),
                name,
                kind: known.kind,
                country,
            });
            weak.push(known.generated() && known.kind == EntityKind::Place);
        }
        let strong: Vec<Entity> = out
            .iter()
            .zip(&weak)
            .filter(|(_, w)| !**w)
            .map(|(e, _)| e.clone())
            .collect();
        let office = self.titles.may_hold_office(sentence);
        let titled = self.titles.find(sentence, office, &strong);
        for t in &titled {
            if strong.iter().any(|e| overlaps(&e.span, &t.name_span)) {
                continue;
            }
            out.retain(|e| !overlaps(&e.span, &t.name_span));
            out.push(Entity {
                span: t.name_span.clone(),
                name: t.name.clone(),
                kind: EntityKind::Person,
                country: t.country.clone(),
            });
        }
        out.sort_by_key(|e| (e.span.start, e.span.end));
        (out, titled, office)
    }
}

/// A dictionary name found in a sentence, before its meaning is chosen.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    /// Byte range in the sentence.
    span: Range<usize>,
    /// Index into the gazetteer's surfaces.
    surface: usize,
}

pub(crate) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// All-capital forms ("UN", "TTP", "U.S.") must match case exactly: "un" is
/// not the United Nations.
fn is_acronym(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 6 && letters.iter().all(|c| c.is_uppercase())
}

/// The match is a whole word (or words) in the text.
fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
}
