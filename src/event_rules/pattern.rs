//! Turns a pattern as an analyst writes it into the regex the engine runs.
//!
//! Two conveniences keep rule files short and robust to real newspaper text:
//!
//! * `{name}` refers to a shared sub-pattern (a *macro*) defined in
//!   `_macros.toml`; macros may use other macros. `{2}`, `{0,3}` (regex
//!   repetition) are left alone because they start with a digit.
//! * A space matches any run of white space (articles are often hard-wrapped,
//!   so a sentence may contain newlines), a straight apostrophe also matches
//!   the curly ones, and a hyphen also matches the dash variants publishers use.

use super::inflect::{self, Forms, VerbLexicon};
use std::collections::BTreeMap;

/// What `{…}` references can stand for: named sub-patterns from
/// `_macros.toml`, and the inflection functions `{v:sign|meet}`,
/// `{ved:…}`, `{ving:…}`, `{vs:…}` and `{n:closure|truce}`, which need the
/// verb lexicon.
#[derive(Debug, Default)]
pub struct Macros {
    pub defs: BTreeMap<String, String>,
    pub verbs: VerbLexicon,
}

#[cfg(test)]
impl Macros {
    /// A macro set without inflection data (tests, simple callers).
    pub fn from_defs(defs: BTreeMap<String, String>) -> Macros {
        Macros {
            defs,
            verbs: VerbLexicon::default(),
        }
    }
}

/// Why a macro reference could not be expanded; `offset` is the byte offset
/// of the offending `{` in the text being expanded at the top level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroError {
    pub offset: usize,
    pub message: String,
}

/// Deepest macro nesting allowed; deeper means a cycle.
const MAX_DEPTH: usize = 16;

/// Replaces every `{name}` in `pattern` with `(?:expansion)`, and every
/// `{v:lemma|lemma}` / `{n:noun|noun}` with the alternation of the words'
/// forms.
pub fn expand_macros(pattern: &str, macros: &Macros) -> Result<String, MacroError> {
    expand_at(pattern, macros, 0, &mut Vec::new())
}

fn expand_at(
    pattern: &str,
    macros: &Macros,
    depth: usize,
    stack: &mut Vec<String>,
) -> Result<String, MacroError> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    let mut consumed = 0;
    while let Some(pos) = rest.find('{') {
        // An escaped brace (`\{`) is a literal brace.
        let escaped = rest[..pos].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
            || is_escape_brace(&rest[..pos]);
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        if !escaped && after[name_len..].starts_with(':') {
            let offset = consumed + pos;
            let Some(close) = after.find('}') else {
                return Err(MacroError {
                    offset,
                    message: format!("{{{name}:…}} is not closed with '}}'"),
                });
            };
            out.push_str("(?:");
            out.push_str(
                &inflected(name, &after[name_len + 1..close], macros)
                    .map_err(|message| MacroError { offset, message })?,
            );
            out.push(')');
            consumed += pos + 1 + close + 1;
            rest = &after[close + 1..];
            continue;
        }
        let is_macro = !escaped
            && !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && after[name_len..].starts_with('}');
        if !is_macro {
            out.push('{');
            consumed += pos + 1;
            rest = after;
            continue;
        }
        let offset = consumed + pos;
        let Some(body) = macros.defs.get(name) else {
            return Err(MacroError {
                offset,
                message: format!("unknown macro {{{name}}} (defined macros live in _macros.toml)"),
            });
        };
        if depth >= MAX_DEPTH || stack.iter().any(|s| s == name) {
            return Err(MacroError {
                offset,
                message: format!(
                    "macro {{{name}}} refers to itself (cycle: {})",
                    stack.join(" -> ")
                ),
            });
        }
        stack.push(name.to_string());
        let inner = expand_at(body, macros, depth + 1, stack).map_err(|e| MacroError {
            offset,
            message: format!("in macro {{{name}}}: {}", e.message),
        })?;
        stack.pop();
        out.push_str("(?:");
        out.push_str(&inner);
        out.push(')');
        consumed += pos + 1 + name_len + 1;
        rest = &after[name_len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The word forms an inflection reference (`{v:sign|meet}`) stands for.
fn inflected(function: &str, args: &str, macros: &Macros) -> Result<String, String> {
    let words: Vec<&str> = args
        .split('|')
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Err(format!("{{{function}:}} names no word"));
    }
    if let Some(w) = words
        .iter()
        .find(|w| !w.chars().all(|c| c.is_alphanumeric() || " -'".contains(c)))
    {
        return Err(format!(
            "{{{function}:…}}: {w:?} is not a word (letters, spaces, hyphens, apostrophes)"
        ));
    }
    let verb_forms = Forms::from_macro(function);
    if function != "n" && verb_forms.is_none() {
        return Err(format!(
            "unknown inflection {{{function}:…}} (known: v, ved, ving, vs, n)"
        ));
    }
    // One factored group per word keeps one prefilter literal per lemma;
    // longer words first so "shut down" is tried before "shut".
    let mut words = words;
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let groups: Vec<String> = words
        .iter()
        .map(|w| match verb_forms {
            Some(f) => inflect::alternation(&inflect::verb_forms(w, f, &macros.verbs)),
            None => inflect::alternation(&inflect::noun_forms(w)),
        })
        .collect();
    Ok(groups.join("|"))
}

/// `\\p{Lu}`, `\\x{41}`: a brace opened by an escape letter is regex syntax.
fn is_escape_brace(before: &str) -> bool {
    let mut rev = before.chars().rev();
    match (rev.next(), rev.clone().take_while(|&c| c == '\\').count()) {
        (Some('p' | 'P' | 'x' | 'u' | 'U'), n) => n % 2 == 1,
        _ => false,
    }
}

/// What `\w` means in a rule pattern: a letter or digit of any script, as
/// a small negated class (see `widen_typography`).
pub const WORD_CHAR: &str = r#"[^\s!-/:-@\[-^`{-~\u{A0}-\u{BF}\u{2010}-\u{206F}\u{3000}-\u{303F}]"#;

/// Rewrites spaces, apostrophes and hyphens outside character classes so they
/// match the typographic variants found in news text. Escapes, classes and
/// group prefixes such as `(?P<name>` or `(?-i:` are copied unchanged.
pub fn widen_typography(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut chars = pattern.chars().peekable();
    let mut class_depth = 0usize;
    // Where the outermost class began in `out`, and whether it holds `\w`.
    let mut class_start = 0usize;
    let mut class_has_word = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                // An ASCII word boundary: the regex engine's fast automata
                // give up on Unicode boundaries as soon as a sentence holds a
                // curly quote, which made matching several times slower.
                Some(b @ ('b' | 'B')) if class_depth == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                // A word character: Unicode's `\w` is some 700 ranges, and
                // every `(?:[\w'-]+ ){0,4}` copies them into the automaton
                // (most of the rule set's compile time and memory). Any
                // character but white space and punctuation is a word
                // character here, in every script, which is what gap words
                // between a trigger and its object need.
                // Case folding such a class walks all of Unicode, and
                // letters of either case are in it anyway: matched
                // case-sensitively, it means the same and compiles fast.
                Some('w') if class_depth > 0 => {
                    class_has_word = true;
                    out.push_str(WORD_CHAR);
                }
                Some('w') => {
                    out.push_str("(?-i:");
                    out.push_str(WORD_CHAR);
                    out.push(')');
                }
                Some(n) => {
                    out.push(c);
                    out.push(n);
                }
                None => out.push(c),
            },
            '[' => {
                if class_depth == 0 {
                    class_start = out.len();
                    class_has_word = false;
                }
                class_depth += 1;
                out.push(c);
                // A `]` right after `[` or `[^` is a literal member.
                if chars.peek() == Some(&'^') {
                    out.push(chars.next().unwrap_or('^'));
                }
                if chars.peek() == Some(&']') {
                    out.push(chars.next().unwrap_or(']'));
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
                if class_depth == 0 && class_has_word {
                    out.insert_str(class_start, "(?-i:");
                    out.push(')');
                }
            }
            // Inside a class an apostrophe stands for its curly variants too.
            '\'' if class_depth > 0 => out.push_str("'’‘"),
            _ if class_depth > 0 => out.push(c),
            '(' if chars.peek() == Some(&'?') => {
                out.push(c);
                // Copy the group prefix up to `:`, `)` or the end of a name `>`.
                let mut named = false;
                while let Some(n) = chars.next() {
                    out.push(n);
                    if n == '<' || n == 'P' && chars.peek() == Some(&'<') {
                        named = true;
                    }
                    if (named && n == '>') || (!named && (n == ':' || n == ')')) {
                        break;
                    }
                }
            }
            ' ' => {
                while chars.peek() == Some(&' ') {
                    chars.next();
                }
                out.push_str(r"(?:\s+)");
            }
            '\'' => out.push_str("['’‘]"),
            '-' => out.push_str("[-‐‑–—]"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn macros() -> Macros {
        let mut m = BTreeMap::new();
        m.insert("visit".into(), "visit(?:ed|s)?|{arrive}".into());
        m.insert("arrive".into(), "arrived in".into());
        m.insert("loop".into(), "{loop}".into());
        Macros::from_defs(m)
    }

    #[test]
    fn inflection_references_expand_to_every_form() {
        let got = expand_macros(r"\b{v:sign|shut down}\b", &macros()).unwrap();
        let re = regex::Regex::new(&got).unwrap();
        for s in ["signed", "signs", "signing", "shutting down", "shuts down"] {
            assert!(re.is_match(s), "{s} in {got}");
        }
        assert!(!re.is_match("signal"));
        let n = expand_macros(r"\b{n:truce|embassy}\b", &macros()).unwrap();
        let re = regex::Regex::new(&n).unwrap();
        assert!(re.is_match("truces") && re.is_match("embassies"));
    }

    #[test]
    fn bad_inflection_references_are_located() {
        let err = expand_macros("ab {x:sign}", &macros()).unwrap_err();
        assert_eq!(err.offset, 3);
        assert!(
            err.message.contains("unknown inflection"),
            "{}",
            err.message
        );
        let err = expand_macros("{v:si(gn}", &macros()).unwrap_err();
        assert!(err.message.contains("not a word"), "{}", err.message);
        assert!(expand_macros("{v:sign", &macros()).is_err());
    }

    #[test]
    fn expands_nested_macros_and_keeps_repetitions() {
        let got = expand_macros(r"\w+ {visit} (?:\w+ ){0,3}kabul", &macros()).unwrap();
        assert_eq!(
            got,
            r"\w+ (?:visit(?:ed|s)?|(?:arrived in)) (?:\w+ ){0,3}kabul"
        );
    }

    #[test]
    fn unicode_classes_are_not_macros() {
        assert_eq!(
            expand_macros(r"\p{Lu}\x{41}", &macros()).unwrap(),
            r"\p{Lu}\x{41}"
        );
    }

    #[test]
    fn unknown_macro_reports_its_offset() {
        let err = expand_macros("ab {nope} c", &macros()).unwrap_err();
        assert_eq!(err.offset, 3);
        assert!(err.message.contains("nope"));
    }

    #[test]
    fn cycles_are_reported() {
        let err = expand_macros("{loop}", &macros()).unwrap_err();
        assert!(err.message.contains("itself"), "{}", err.message);
    }

    #[test]
    fn widening_leaves_classes_and_group_prefixes_alone() {
        let got = widen_typography(r"(?P<actor>co-chair) [a-z -]'s(?-i:X)\b");
        assert_eq!(
            got,
            r"(?P<actor>co[-‐‑–—]chair)(?:\s+)[a-z -]['’‘]s(?-i:X)(?-u:\b)"
        );
        assert_eq!(
            widen_typography(r"[\w'-]"),
            format!("(?-i:[{WORD_CHAR}'’‘-])")
        );
    }

    #[test]
    fn word_characters_are_letters_of_any_script_not_punctuation() {
        let re = regex::RegexBuilder::new(&widen_typography(r"^(?:[\w'-]+ ){2}\w+$"))
            .case_insensitive(true)
            .build()
            .unwrap();
        for s in [
            "Türkiye's army shelled",
            "Ереван и Баку",
            "Ouagadougou’s junta said",
            "12 Jan 2025",
        ] {
            assert!(re.is_match(s), "{s}");
        }
        for s in ["truce, then war", "talks; later news", "a “quoted” word"] {
            assert!(!re.is_match(s), "{s}");
        }
    }

    #[test]
    fn widened_pattern_matches_wrapped_text() {
        let re = regex::Regex::new(&widen_typography("pakistan's border crossing")).unwrap();
        assert!(re.is_match("pakistan’s border\n  crossing"));
    }
}
