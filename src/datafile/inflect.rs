//! English inflection for trigger vocabulary: a verb is written once as its
//! lemma and matches in every tense and voice; a noun matches singular and
//! plural.
//!
//! Rules name words, not word forms, because the phrasing of unseen articles
//! is unpredictable: a rule written for "signed" must also catch "signs",
//! "signing" and "will sign". Regular forms are generated here; the
//! irregular ones (and the spelling exceptions that no rule of thumb gets
//! right) are data in `rules/en/lexicon/verbs.toml`, so an analyst who meets a
//! new verb adds one line there, not code.

use serde::Deserialize;
use std::collections::BTreeMap;

/// Irregular forms and spelling exceptions, as read from `verbs.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbLexicon {
    /// lemma → [past] or [past, participle]; each may list variants with `|`
    /// (`burn = ["burned|burnt"]`).
    #[serde(default)]
    pub irregular: BTreeMap<String, Vec<String>>,
    /// Verbs of more than one syllable that double their last consonant
    /// (`expel → expelled, expelling`).
    #[serde(default)]
    pub double: Vec<String>,
    /// Verbs spelt both ways (`travelled`/`traveled`): both are generated.
    #[serde(default)]
    pub both_spellings: Vec<String>,
}

/// Which forms of a verb a macro asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forms {
    /// Base, third person, past, participle and -ing (`{v:…}`).
    All,
    /// Past tense and past participle (`{ved:…}`), for passives.
    Past,
    /// The -ing form (`{ving:…}`).
    Ing,
    /// Base and third person (`{vs:…}`).
    Present,
}

impl Forms {
    /// The inflection function a macro name stands for, if any.
    pub fn from_macro(name: &str) -> Option<Forms> {
        match name {
            "v" => Some(Forms::All),
            "ved" => Some(Forms::Past),
            "ving" => Some(Forms::Ing),
            "vs" => Some(Forms::Present),
            _ => None,
        }
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// One-syllable consonant-vowel-consonant words double their last letter
/// before a vowel suffix (`ban → banned`, `shut → shutting`).
fn doubles(word: &str, lex: &VerbLexicon) -> bool {
    if lex.double.iter().any(|d| d == word) {
        return true;
    }
    let b = word.as_bytes();
    let n = b.len();
    if n < 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    let groups = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(b[i - 1])))
        .count();
    groups == 1 && !is_vowel(c1) && is_vowel(v) && !is_vowel(c2) && !b"wxy".contains(&c2)
}

/// Regular past (and participle) of one word.
fn regular_past(w: &str, lex: &VerbLexicon) -> Vec<String> {
    let mut out = vec![suffixed(w, "ed", lex)];
    if lex.both_spellings.iter().any(|b| b == w) {
        out.push(format!("{w}ed"));
        out.push(format!("{w}{}ed", &w[w.len() - 1..]));
    }
    out
}

/// `w` + a vowel suffix (`ed`, `ing`) with English spelling changes.
fn suffixed(w: &str, suffix: &str, lex: &VerbLexicon) -> String {
    let b = w.as_bytes();
    let last = b.last().copied().unwrap_or(b' ');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b' ' };
    if suffix == "ing" {
        if let Some(stem) = w.strip_suffix("ie") {
            return format!("{stem}ying");
        }
        if last == b'e' && !matches!(before, b'e' | b'y' | b'o') && w.len() > 2 {
            return format!("{}ing", &w[..w.len() - 1]);
        }
    } else {
        if last == b'e' {
            return format!("{w}d");
        }
        if last == b'y' && !is_vowel(before) {
            return format!("{}ied", &w[..w.len() - 1]);
        }
    }
    if doubles(w, lex) {
        return format!("{w}{}{suffix}", last as char);
    }
    format!("{w}{suffix}")
}

/// Third person singular (`close → closes`, `carry → carries`).
fn third_person(w: &str) -> String {
    let b = w.as_bytes();
    let last = b.last().copied().unwrap_or(b' ');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b' ' };
    if w.ends_with("ss")
        || w.ends_with("sh")
        || w.ends_with("ch")
        || matches!(last, b'x' | b'z' | b'o')
        || (last == b's' && !is_vowel(before))
    {
        format!("{w}es")
    } else if last == b'y' && !is_vowel(before) {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

/// Every requested form of one lemma; a multi-word lemma ("shut down")
/// inflects its first word.
pub fn verb_forms(lemma: &str, forms: Forms, lex: &VerbLexicon) -> Vec<String> {
    let lemma = lemma.trim();
    let (head, tail) = match lemma.find(' ') {
        Some(i) => (&lemma[..i], &lemma[i..]),
        None => (lemma, ""),
    };
    let lower = head.to_lowercase();
    let irregular = lex.irregular.get(&lower);
    let past: Vec<String> = match irregular {
        Some(v) => v
            .iter()
            .flat_map(|s| s.split('|'))
            .map(str::to_string)
            .collect(),
        None => regular_past(&lower, lex),
    };
    let mut words = Vec::new();
    if matches!(forms, Forms::All | Forms::Present) {
        words.push(lower.clone());
        words.push(third_person(&lower));
    }
    if matches!(forms, Forms::All | Forms::Past) {
        words.extend(past);
    }
    if matches!(forms, Forms::All | Forms::Ing) {
        words.push(suffixed(&lower, "ing", lex));
        if lex.both_spellings.contains(&lower) {
            let last = &lower[lower.len() - 1..];
            words.push(format!("{lower}{last}ing"));
        }
    }
    let mut out: Vec<String> = words.into_iter().map(|w| format!("{w}{tail}")).collect();
    out.sort();
    out.dedup();
    out
}

/// Singular and plural of a noun; the last word of a compound is the one
/// that takes the plural ("peace deal" → "peace deals"). A word already
/// ending in a single `s` ("talks", "news") is left as it is.
pub fn noun_forms(noun: &str) -> Vec<String> {
    let noun = noun.trim();
    let (head, last) = match noun.rfind(' ') {
        Some(i) => (&noun[..=i], &noun[i + 1..]),
        None => ("", noun),
    };
    let lower = last.to_lowercase();
    let b = lower.as_bytes();
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b' ' };
    let plural = if lower.ends_with("is") && lower.len() > 4 {
        Some(format!("{}es", &lower[..lower.len() - 2]))
    } else if lower.ends_with("ss")
        || lower.ends_with("sh")
        || lower.ends_with("ch")
        || lower.ends_with('x')
        || lower.ends_with('z')
    {
        Some(format!("{lower}es"))
    } else if lower.ends_with('s') {
        None
    } else if lower.ends_with('y') && !is_vowel(before) {
        Some(format!("{}ies", &lower[..lower.len() - 1]))
    } else {
        Some(format!("{lower}s"))
    };
    let mut out = vec![format!("{head}{last}")];
    if let Some(p) = plural {
        out.push(format!("{head}{p}"));
    }
    out
}

/// A regex alternation of word forms, longest first so that a form is never
/// cut short by its own prefix, and factored by their common prefix so the
/// prefilter keeps one literal word per lemma instead of four.
pub fn alternation(words: &[String]) -> String {
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    let prefix = common_prefix(&words);
    let esc = |s: &str| regex_syntax::escape(s);
    if prefix.len() >= 3 && words.len() > 1 {
        let rest: Vec<String> = words.iter().map(|w| esc(&w[prefix.len()..])).collect();
        return format!("{}(?:{})", esc(prefix), rest.join("|"));
    }
    words.iter().map(|w| esc(w)).collect::<Vec<_>>().join("|")
}

fn common_prefix<'a>(words: &[&'a str]) -> &'a str {
    let Some(first) = words.first() else {
        return "";
    };
    let mut len = first.len();
    for w in &words[1..] {
        len = len.min(
            first
                .char_indices()
                .zip(w.chars())
                .take_while(|((_, a), b)| a == b)
                .count(),
        );
    }
    // `len` counts chars of an ASCII-dominated vocabulary; keep it on a
    // char boundary in any case.
    let end = first
        .char_indices()
        .nth(len)
        .map_or(first.len(), |(i, _)| i);
    &first[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> VerbLexicon {
        let mut l = VerbLexicon::default();
        l.irregular.insert("meet".into(), vec!["met".into()]);
        l.irregular
            .insert("take".into(), vec!["took".into(), "taken".into()]);
        l.irregular.insert("shut".into(), vec!["shut".into()]);
        l.double.push("expel".into());
        l.both_spellings.push("cancel".into());
        l
    }

    fn all(lemma: &str) -> Vec<String> {
        verb_forms(lemma, Forms::All, &lex())
    }

    #[test]
    fn regular_verbs() {
        assert_eq!(all("sign"), ["sign", "signed", "signing", "signs"]);
        assert_eq!(all("close"), ["close", "closed", "closes", "closing"]);
        assert_eq!(all("carry"), ["carried", "carries", "carry", "carrying"]);
        assert_eq!(all("ban"), ["ban", "banned", "banning", "bans"]);
        assert_eq!(all("visit"), ["visit", "visited", "visiting", "visits"]);
        assert_eq!(all("reach"), ["reach", "reached", "reaches", "reaching"]);
        assert_eq!(all("agree"), ["agree", "agreed", "agreeing", "agrees"]);
        assert_eq!(all("die"), ["die", "died", "dies", "dying"]);
        assert_eq!(all("stay"), ["stay", "stayed", "staying", "stays"]);
    }

    #[test]
    fn listed_exceptions() {
        assert_eq!(all("meet"), ["meet", "meeting", "meets", "met"]);
        assert_eq!(all("take"), ["take", "taken", "takes", "taking", "took"]);
        assert_eq!(all("expel"), ["expel", "expelled", "expelling", "expels"]);
        assert_eq!(
            all("cancel"),
            [
                "cancel",
                "canceled",
                "canceling",
                "cancelled",
                "cancelling",
                "cancels"
            ]
        );
        assert_eq!(
            all("shut down"),
            ["shut down", "shuts down", "shutting down"]
        );
    }

    #[test]
    fn partial_form_sets() {
        assert_eq!(verb_forms("take", Forms::Past, &lex()), ["taken", "took"]);
        assert_eq!(verb_forms("close", Forms::Ing, &lex()), ["closing"]);
        assert_eq!(
            verb_forms("close", Forms::Present, &lex()),
            ["close", "closes"]
        );
    }

    #[test]
    fn nouns() {
        assert_eq!(noun_forms("closure"), ["closure", "closures"]);
        assert_eq!(noun_forms("peace deal"), ["peace deal", "peace deals"]);
        assert_eq!(noun_forms("talks"), ["talks"]);
        assert_eq!(noun_forms("crisis"), ["crisis", "crises"]);
        assert_eq!(noun_forms("embassy"), ["embassy", "embassies"]);
        assert_eq!(noun_forms("clash"), ["clash", "clashes"]);
    }

    #[test]
    fn alternation_is_factored_and_matches_every_form() {
        let forms = all("close");
        let alt = alternation(&forms);
        assert_eq!(alt, "clos(?:ing|ed|es|e)");
        let re = regex::Regex::new(&format!(r"^(?:{alt})$")).unwrap();
        assert!(forms.iter().all(|f| re.is_match(f)));
        let met = alternation(&all("meet"));
        assert_eq!(met, "meeting|meets|meet|met");
    }
}
