//! Title-based person detection: an office from `titles.toml` followed by a
//! capitalised name ("acting Foreign Minister Karim Haidari", "Special
//! Representative for Afghanistan Mohammad Sadiq"), so people missing from
//! `people.toml` are still found; and bare office mentions ("the foreign
//! minister") for coreference.

use super::data::{OfficeWords, Titles};
use super::office_starts;
use super::{Entity, EntityKind, Titled, overlaps};
use crate::error::{RuleError, RuleErrors};
use crate::util::text::{floor_char_boundary, folds_to_ascii};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use std::collections::HashSet;
use std::path::Path;

/// A bare office mention ("the foreign minister").
pub struct Mention {
    pub span: std::ops::Range<usize>,
    pub role: String,
    /// "Azerbaijani" in "the Azerbaijani defence minister".
    pub qualifier: Option<std::ops::Range<usize>>,
}

pub struct TitleFinder {
    /// Title followed by a name.
    titled: Option<meta::Regex>,
    /// Where a titled person can begin, for anchored searches.
    starts: Option<office_starts::Starts>,
    /// "the foreign minister" (no name after it).
    mention: Option<Regex>,
    /// What precedes a bare office: "the", "the Azerbaijani", "Kenya's".
    qualifier: Option<Regex>,
    modifiers: HashSet<String>,
    not_names: HashSet<String>,
    /// A word every office contains ("minister" of "prime minister"): a
    /// sentence without any needs neither office search, and most
    /// sentences have none.
    words: Option<AhoCorasick>,
}

/// Alternation of literal phrases, longest first so "deputy prime minister"
/// wins over "prime minister"; spaces match any white space.
fn alternation(words: &[String]) -> String {
    let mut w: Vec<&String> = words.iter().filter(|w| !w.trim().is_empty()).collect();
    w.sort_by_key(|s| std::cmp::Reverse(s.len()));
    w.iter()
        .map(|s| {
            regex::escape(s.trim())
                .replace(' ', r"\s+")
                .replace('\'', "['’]")
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// What may follow an office before the name: its portfolio ("for
/// Afghanistan", "of State for Foreign Affairs"); nothing when the language
/// gives no link words.
fn portfolio(w: &OfficeWords) -> String {
    let links = alternation(&w.portfolio_links);
    if links.is_empty() {
        return String::new();
    }
    let prefixes = alternation(&w.portfolio_prefixes);
    let prefix = if prefixes.is_empty() {
        String::new()
    } else {
        format!(r"(?:(?:{prefixes})\s+)?")
    };
    let suffixes = alternation(&w.portfolio_suffixes);
    let suffix = if suffixes.is_empty() {
        String::new()
    } else {
        format!(r"(?:\s+(?-i:{suffixes}))?")
    };
    format!(r"(?:\s+(?:{links})\s+{prefix}(?-i:{NAME_WORD}){suffix})?")
}

/// What precedes a bare office, read backwards from it: a determiner and
/// maybe a country adjective ("the Azerbaijani"), or a possessor ("Kenya's").
/// `None` when the language gives neither kind of word.
fn qualifier(w: &OfficeWords) -> Option<String> {
    let dets = alternation(&w.determiners);
    let poss = alternation(&w.possessives);
    let mut branches = Vec::new();
    if !dets.is_empty() {
        branches.push(format!(r"(?:{dets})\s+(?:(?P<adj>(?-i:{NAME_WORD}))\s+)??"));
    }
    if !poss.is_empty() {
        branches.push(format!(
            r"(?P<poss>(?-i:{NAME_WORD})(?:\s+(?-i:{NAME_WORD}))?)(?:{poss})\s+"
        ));
    }
    (!branches.is_empty()).then(|| format!(r"(?-u:\b)(?:{})$", branches.join("|")))
}

/// The longest run of ASCII letters and digits of each office ("affaires"
/// of "chargé d'affaires"): every match of an office holds its run as
/// written, up to case. `None` (no prefilter) when an office has no such run.
fn office_words(titles: &[String]) -> Option<AhoCorasick> {
    let mut words: Vec<&str> = Vec::new();
    for t in titles.iter().filter(|t| !t.trim().is_empty()) {
        let longest = t
            .split(|c: char| !c.is_ascii_alphanumeric())
            .max_by_key(|w| w.len())
            .filter(|w| !w.is_empty())?;
        words.push(longest);
    }
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(words)
        .ok()
}

/// Lazy-DFA cache per title regex: the titles, with their Unicode name
/// classes, have many states, and the default 2 MB cache was rebuilt over
/// and over.
const TITLE_DFA_LIMIT: usize = 16 << 20;

/// A capitalised name word: "Muttaqi", "Mazar-i-Sharif", "Al-Thani".
const NAME_WORD: &str = r"\p{Lu}[\p{L}\p{M}'’-]*\p{L}";

/// A title regex that does not compile, located at the titles file.
fn title_error(dir: &Path, e: impl std::fmt::Display) -> RuleErrors {
    RuleErrors(vec![RuleError {
        file: dir.join("titles.toml"),
        line: 1,
        column: 1,
        message: format!("titles do not compile: {e}"),
    }])
}

impl TitleFinder {
    pub fn new(t: &Titles, words: &OfficeWords, dir: &Path) -> Result<TitleFinder, RuleErrors> {
        if t.titles.is_empty() {
            return Ok(TitleFinder {
                titled: None,
                starts: None,
                mention: None,
                qualifier: None,
                modifiers: HashSet::new(),
                not_names: HashSet::new(),
                words: None,
            });
        }
        let titles = alternation(&t.titles);
        let mods = alternation(&t.modifiers);
        let hon = alternation(&t.honorifics);
        let mods_part = if mods.is_empty() {
            String::new()
        } else {
            format!(r"(?:(?:{mods})\s+)*")
        };
        let hon_part = if hon.is_empty() {
            String::new()
        } else {
            format!(r"(?:(?-i:{hon})\.?(?:\s*\([^)]{{1,12}}\))?\s+)*")
        };
        let portfolio = portfolio(words);
        let titled = format!(
            r"(?-u:\b)(?P<title>{mods_part}(?P<core>{titles}){portfolio})(?:\s*\([^)]{{1,20}}\))?,?\s+{hon_part}(?P<name>(?-i:{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}))"
        );
        // "the foreign minister", "the Azerbaijani defence minister",
        // "Kenya's foreign minister": the qualifier names the office's
        // country. The office (literal words) is searched first; the
        // qualifier is then read backwards from it, which keeps the search
        // as fast as a literal one.
        let office = format!(r"(?-u:\b)(?P<office>{mods_part}(?P<core>{titles}))(?-u:\b)");
        let qualifier = qualifier(words);
        let build = |p: &str| {
            RegexBuilder::new(p)
                .case_insensitive(true)
                .dfa_size_limit(TITLE_DFA_LIMIT)
                .build()
                .map_err(|e| title_error(dir, e))
        };
        let titled = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .utf8_empty(true)
                    .hybrid_cache_capacity(TITLE_DFA_LIMIT),
            )
            .syntax(
                regex_automata::util::syntax::Config::new()
                    .case_insensitive(true)
                    .utf8(true),
            )
            .build(&titled)
            .map_err(|e| title_error(dir, e))?;
        Ok(TitleFinder {
            titled: Some(titled),
            starts: office_starts::Starts::new(t.modifiers.iter().chain(&t.titles)),
            mention: Some(build(&office)?),
            qualifier: qualifier.as_deref().map(build).transpose()?,
            modifiers: t.modifiers.iter().map(|m| m.to_lowercase()).collect(),
            not_names: t.not_names.iter().map(|m| m.to_lowercase()).collect(),
            words: office_words(&t.titles),
        })
    }

    /// Whether `sentence` may hold an office: false only when it holds none
    /// of the offices' words.
    pub(super) fn may_hold_office(&self, sentence: &str) -> bool {
        self.words
            .as_ref()
            .is_none_or(|w| w.is_match(sentence) || folds_to_ascii(sentence))
    }

    /// The titled matches of `sentence`, leftmost first, as the titled
    /// regex's own iteration finds them. An unanchored search runs its
    /// lazy DFA over the whole sentence, then backwards from each match to
    /// find its start; a match can only begin where a modifier or office
    /// begins, so the search runs anchored from those places only.
    fn titled_matches(&self, re: &meta::Regex, sentence: &str, mut f: impl FnMut(&Captures)) {
        let mut caps = re.create_captures();
        let Some(starts) = self.starts.as_ref().filter(|_| !folds_to_ascii(sentence)) else {
            for c in re.captures_iter(sentence) {
                f(&c);
            }
            return;
        };
        let mut from = 0;
        starts.each(sentence.as_bytes(), |at| {
            if at < from {
                return;
            }
            let input = Input::new(sentence)
                .span(at..sentence.len())
                .anchored(Anchored::Yes);
            re.search_captures(&input, &mut caps);
            if let Some(m) = caps.get_match() {
                f(&caps);
                from = m.end().max(at + 1);
            }
        });
    }

    /// Title + name pairs of a sentence. `known` are the dictionary entities
    /// already found: a name that is a known person takes its canonical name;
    /// a "name" that is a country or place is no name. `office` is
    /// [`TitleFinder::may_hold_office`] of the sentence, which the bare
    /// mentions need too.
    pub fn find(&self, sentence: &str, office: bool, known: &[Entity]) -> Vec<Titled> {
        let Some(re) = self.titled.as_ref().filter(|_| office) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        self.titled_matches(re, sentence, |caps| {
            let group = |n| caps.get_group_by_name(n).map(|s| s.range());
            let (Some(name), Some(core), Some(title)) =
                (group("name"), group("core"), group("title"))
            else {
                return;
            };
            // Cut the name at the first word that cannot be part of one.
            let mut end = name.start;
            for w in sentence[name.clone()].split_whitespace() {
                let bare = w.trim_end_matches(['\'', '’', 's']).to_lowercase();
                if self.not_names.contains(&w.to_lowercase()) || self.not_names.contains(&bare) {
                    break;
                }
                let off = sentence[end..name.end]
                    .find(w)
                    .map(|i| end + i)
                    .unwrap_or(end);
                end = off + w.len();
            }
            let mut span = name.start..end;
            // A possessive ends the name: "Dar's visit".
            for suffix in ["'s", "’s"] {
                if sentence[span.clone()].ends_with(suffix) {
                    span.end -= suffix.len();
                }
            }
            if span.is_empty() {
                return;
            }
            if known.iter().any(|e| {
                overlaps(&e.span, &span)
                    && matches!(
                        e.kind,
                        EntityKind::Country | EntityKind::Place | EntityKind::Organisation
                    )
            }) {
                return;
            }
            let person = known
                .iter()
                .find(|e| e.kind == EntityKind::Person && overlaps(&e.span, &span));
            let country = person.and_then(|p| p.country.clone()).or_else(|| {
                known
                    .iter()
                    .filter(|e| e.kind == EntityKind::Country)
                    .find(|e| e.span.end <= title.end && e.span.end + 24 >= title.start)
                    .and_then(|e| e.country.clone())
            });
            out.push(Titled {
                name_span: span.clone(),
                name: person.map(|p| p.name.clone()).unwrap_or_else(|| {
                    sentence[span]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
                role: self.role(&sentence[core]),
                country,
            });
        });
        out
    }

    /// "the foreign minister", "Kenya's foreign minister": bare office
    /// mentions. The span covers the office with its article (or only the
    /// office, after a country's name); the qualifier is where the text
    /// may name the office's country.
    /// `office` is [`TitleFinder::may_hold_office`] of the sentence.
    pub fn mentions(&self, sentence: &str, office: bool) -> Vec<Mention> {
        let (Some(re), Some(before), true) = (&self.mention, &self.qualifier, office) else {
            return Vec::new();
        };
        // The office is the whole match (the rest is look-around); its
        // groups are only searched for where it is kept.
        re.find_iter(sentence)
            .filter_map(|office| {
                // Followed by a name: that is a titled person, not a mention.
                let rest = sentence[office.end()..].trim_start_matches([' ', ',']);
                if rest.starts_with(|ch: char| ch.is_uppercase()) {
                    return None;
                }
                let from = floor_char_boundary(sentence, office.start().saturating_sub(64));
                let q = before.captures(&sentence[from..office.start()])?;
                let qualifier = q
                    .name("adj")
                    .or_else(|| q.name("poss"))
                    .map(|m| from + m.start()..from + m.end());
                let span = match &qualifier {
                    Some(_) => office.range(),
                    None => from + q.get(0)?.start()..office.end(),
                };
                let c = re.captures_at(sentence, office.start())?;
                Some(Mention {
                    span,
                    role: self.role(c.name("core")?.as_str()),
                    qualifier,
                })
            })
            .collect()
    }

    /// Normalised role key: lower case, single spaces, modifiers dropped.
    pub fn role(&self, core: &str) -> String {
        core.split_whitespace()
            .map(|w| w.to_lowercase())
            .filter(|w| !self.modifiers.contains(w))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(dets: &[&str], poss: &[&str]) -> OfficeWords {
        OfficeWords {
            determiners: dets.iter().map(|s| s.to_string()).collect(),
            possessives: poss.iter().map(|s| s.to_string()).collect(),
            ..OfficeWords::default()
        }
    }

    #[test]
    fn office_words_are_data() {
        assert_eq!(portfolio(&OfficeWords::default()), "");
        assert!(qualifier(&OfficeWords::default()).is_none());
        let q = Regex::new(&qualifier(&words(&["the"], &["'s"])).unwrap()).unwrap();
        let c = q.captures("talks with Chile’s ").unwrap();
        assert_eq!(c.name("poss").map(|m| m.as_str()), Some("Chile"));
        let c = q.captures("met the Malian ").unwrap();
        assert_eq!(c.name("adj").map(|m| m.as_str()), Some("Malian"));
        let only_poss = Regex::new(&qualifier(&words(&[], &["'s"])).unwrap()).unwrap();
        assert!(!only_poss.is_match("met the "));
    }

    /// Every titled match as (title, core, name) spans.
    fn spans(c: &Captures) -> Vec<Option<std::ops::Range<usize>>> {
        ["title", "core", "name"]
            .iter()
            .map(|n| c.get_group_by_name(n).map(|s| s.range()))
            .collect()
    }

    #[test]
    fn anchored_titled_search_finds_what_a_plain_search_finds() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = root.join("rules/gazetteer");
        let data = super::super::data::load(&dir).unwrap();
        let words = super::super::data::load_office_words(&root.join("rules/en")).unwrap();
        let finder = TitleFinder::new(&data.titles, &words, &dir).unwrap();
        let re = finder.titled.as_ref().unwrap();
        let mut text = String::from(
            "Acting Foreign Minister Karim Haidari met PRIME MINISTER Shehbaz Sharif. \
             the newly appointed deputy prime minister, Ishaq Dar, and Lt Gen Asim Munir \
             (retd) said; ex-president Xi; chargé d'affaires Ali Khan; Special Envoy \
             for Afghanistan Mohammad Sadiq; minister_Ali; 9President Biden; \
             Minister of State for Foreign Affairs Hina Khar and President Biden.",
        );
        for f in std::fs::read_dir(root.join("seeds")).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "txt") {
                text.push_str(&std::fs::read_to_string(f).unwrap());
            }
        }
        let mut found = 0;
        for sentence in text.split_inclusive(['.', '\n']) {
            let mut anchored = Vec::new();
            finder.titled_matches(re, sentence, |c| anchored.push(spans(c)));
            let plain: Vec<_> = re.captures_iter(sentence).map(|c| spans(&c)).collect();
            assert_eq!(anchored, plain, "{sentence}");
            found += plain.len();
        }
        assert!(found > 10, "{found}");
    }
}
