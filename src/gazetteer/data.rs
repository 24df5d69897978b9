//! Reading the gazetteer files into one list of surface forms.
//!
//! Files under `rules/gazetteer/` (all optional except that at least one
//! must exist):
//! * `countries.toml` — `[aliases]`, `[demonyms]`, `[capitals]` keyed by
//!   ISO alpha-2 code; names themselves come from the `isocountry` crate;
//! * `places.toml` — `[XX]` tables of lists (`provinces`, `cities`, ...) of
//!   `"Name|Alias|Alias"` strings for country `XX`;
//! * `organisations.toml` — `[[org]]` tables: `name`, `country`, `aliases`;
//! * `people.toml` — `[[person]]` tables: `name`, `country`, `aliases`, `roles`;
//! * `titles.toml` — title words for finding people not in the list.

use super::EntityKind;
use crate::error::{RuleError, RuleErrors};
use isocountry::CountryCode;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// One way of writing one entity.
#[derive(Debug, Clone)]
pub struct Surface {
    pub form: String,
    pub entity: usize,
}

/// A canonical entity of the gazetteer.
#[derive(Debug, Clone)]
pub struct Known {
    pub name: String,
    pub kind: EntityKind,
    pub country: Option<String>,
    /// Offices a person holds or held ("foreign minister"), lower case.
    pub roles: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    #[serde(default)]
    aliases: BTreeMap<Spanned<String>, Vec<String>>,
    #[serde(default)]
    demonyms: BTreeMap<Spanned<String>, Vec<String>>,
    #[serde(default)]
    capitals: BTreeMap<Spanned<String>, Vec<String>>,
    /// isocountry names that are never written in news text as such
    /// ("Korea (Republic of)") are still loaded; `skip` lists codes whose
    /// names mislead more than they help.
    #[serde(default)]
    skip: Vec<String>,
    /// Display name per code when the ISO name is not what news calls it.
    #[serde(default)]
    names: BTreeMap<Spanned<String>, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedEntry {
    name: String,
    country: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrgFile {
    #[serde(default)]
    org: Vec<NamedEntry>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleFile {
    #[serde(default)]
    person: Vec<NamedEntry>,
}

/// Title vocabulary for title-based person detection and coreference.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    /// Offices: "foreign minister", "special envoy", ...
    #[serde(default)]
    pub titles: Vec<String>,
    /// Words that may precede an office: "acting", "interim", "deputy", ...
    #[serde(default)]
    pub modifiers: Vec<String>,
    /// Words that may precede a name: "Mawlawi", "General", "Dr", ...
    #[serde(default)]
    pub honorifics: Vec<String>,
    /// Capitalised words that end a name ("Monday", "Office", ...).
    #[serde(default)]
    pub not_names: Vec<String>,
}

/// Everything loaded.
pub struct Data {
    pub known: Vec<Known>,
    pub surfaces: Vec<Surface>,
    pub titles: Titles,
}

struct Builder {
    known: Vec<Known>,
    surfaces: Vec<Surface>,
    errors: Vec<RuleError>,
    /// Canonical country name per alpha-2 code.
    countries: BTreeMap<String, usize>,
}

impl Builder {
    fn add(
        &mut self,
        name: &str,
        kind: EntityKind,
        country: Option<String>,
        forms: &[String],
        roles: &[String],
    ) -> usize {
        let id = self.known.len();
        self.known.push(Known {
            name: name.trim().to_string(),
            kind,
            country,
            roles: roles.iter().map(|r| r.trim().to_lowercase()).collect(),
        });
        self.surface(id, name);
        for f in forms {
            self.surface(id, f);
        }
        id
    }

    fn surface(&mut self, entity: usize, form: &str) {
        let form = super::fold::fold(form);
        if !form.is_empty() {
            self.surfaces.push(Surface { form, entity });
        }
    }

    /// Validates an ISO code written in a data file.
    fn code(&mut self, src: &Source, code: &Spanned<String>) -> Option<String> {
        let c = code.get_ref().trim().to_uppercase();
        if CountryCode::for_alpha2(&c).is_ok() {
            Some(c)
        } else {
            let at = code.span().start;
            self.errors.push(RuleError::at_offset(
                &src.path,
                &src.text,
                at,
                format!("unknown ISO 3166 alpha-2 country code {:?}", code.get_ref()),
            ));
            None
        }
    }
}

struct Source {
    path: std::path::PathBuf,
    text: String,
}

fn read<T: serde::de::DeserializeOwned + Default>(
    dir: &Path,
    name: &str,
    errors: &mut Vec<RuleError>,
) -> (Option<Source>, T) {
    let path = dir.join(name);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return (None, T::default());
    };
    match crate::error::parse_toml::<T>(&path, &text) {
        Ok(v) => (Some(Source { path, text }), v),
        Err(e) => {
            errors.push(e);
            (None, T::default())
        }
    }
}

/// Short name of an ISO country: the part before a parenthesis or comma
/// ("Iran (Islamic Republic of)" → "Iran").
fn short_name(full: &str) -> &str {
    full.split([',', '(']).next().unwrap_or(full).trim()
}

pub fn load(dir: &Path) -> Result<Data, RuleErrors> {
    if !dir.is_dir() {
        return Err(RuleErrors(vec![RuleError {
            file: dir.to_path_buf(),
            line: 1,
            column: 1,
            message: "gazetteer folder does not exist".into(),
        }]));
    }
    let mut errors = Vec::new();
    let (csrc, countries) = read::<CountriesFile>(dir, "countries.toml", &mut errors);
    let (psrc, places) = read::<BTreeMap<Spanned<String>, BTreeMap<String, Vec<String>>>>(
        dir,
        "places.toml",
        &mut errors,
    );
    let (osrc, orgs) = read::<OrgFile>(dir, "organisations.toml", &mut errors);
    let (hsrc, people) = read::<PeopleFile>(dir, "people.toml", &mut errors);
    let (_, titles) = read::<Titles>(dir, "titles.toml", &mut errors);

    let mut b = Builder {
        known: Vec::new(),
        surfaces: Vec::new(),
        errors,
        countries: BTreeMap::new(),
    };

    // Countries: names from isocountry, display names and aliases from data.
    let mut display: BTreeMap<String, String> = BTreeMap::new();
    if let Some(src) = &csrc {
        for (code, name) in &countries.names {
            if let Some(c) = b.code(src, code) {
                display.insert(c, name.clone());
            }
        }
    }
    for cc in CountryCode::iter() {
        let code = cc.alpha2().to_string();
        if countries.skip.contains(&code) {
            continue;
        }
        let full = cc.name();
        let id = match display.get(&code) {
            // The short form of an ISO name may be ambiguous ("Korea"): with
            // a display name only the full ISO name is added.
            Some(name) => b.add(
                name,
                EntityKind::Country,
                Some(code.clone()),
                &[full.to_string()],
                &[],
            ),
            None => {
                let short = short_name(full);
                let forms = if short != full {
                    vec![full.to_string()]
                } else {
                    Vec::new()
                };
                b.add(short, EntityKind::Country, Some(code.clone()), &forms, &[])
            }
        };
        b.countries.insert(code, id);
    }
    if let Some(src) = &csrc {
        for table in [&countries.aliases, &countries.demonyms, &countries.capitals] {
            let is_capital = std::ptr::eq(table, &countries.capitals);
            for (code, names) in table {
                let Some(c) = b.code(src, code) else { continue };
                if is_capital {
                    for n in names {
                        b.add(n, EntityKind::Place, Some(c.clone()), &[], &[]);
                    }
                } else if let Some(&id) = b.countries.get(&c) {
                    for n in names {
                        b.surface(id, n);
                    }
                }
            }
        }
    }

    // Places: "Name|Alias|Alias".
    if let Some(src) = &psrc {
        for (code, lists) in &places {
            let Some(c) = b.code(src, code) else { continue };
            for entries in lists.values() {
                for entry in entries {
                    let mut parts = entry.split('|').map(str::trim).filter(|p| !p.is_empty());
                    let Some(name) = parts.next() else { continue };
                    let aliases: Vec<String> = parts.map(String::from).collect();
                    b.add(name, EntityKind::Place, Some(c.clone()), &aliases, &[]);
                }
            }
        }
    }

    for (src, entries, kind) in [
        (&osrc, orgs.org, EntityKind::Organisation),
        (&hsrc, people.person, EntityKind::Person),
    ] {
        let Some(src) = src else { continue };
        for e in entries {
            let country = e.country.as_ref().and_then(|c| b.code(src, c));
            b.add(&e.name, kind, country, &e.aliases, &e.roles);
        }
    }

    if b.errors.is_empty() {
        Ok(Data {
            known: b.known,
            surfaces: b.surfaces,
            titles,
        })
    } else {
        Err(RuleErrors(b.errors))
    }
}
