//! The one pattern dialect of every rule family (event rules, their
//! modality cues, coreference cues, casualty counts, datelines and
//! boilerplate lines): how a pattern as an analyst writes it becomes the
//! regex the engine runs. `rules/README.md` documents it for analysts.
//!
//! * `{name}` refers to a shared sub-pattern (a *macro*); macros may use
//!   other macros. `{2}`, `{0,3}` (regex repetition) are left alone because
//!   they start with a digit. `{v:sign|meet}`, `{n:truce}` stand for every
//!   form of the words (see `inflect`).
//! * A space matches any run of white space (articles are often hard-wrapped,
//!   so a sentence may contain newlines), a straight apostrophe also matches
//!   the curly ones, and a hyphen also matches the dash variants publishers use.
//! * Case-insensitive unless the family or the rule says otherwise.
//! * `\b` is compiled as an ASCII boundary (fast), and a match whose edge
//!   cuts a word of another script is refused afterwards (`Matcher`,
//!   `util::text::at_word_edges`), so `\bno\b` does not fire inside "Noël".

use super::Source;
use super::inflect::{self, Forms, VerbLexicon};
use crate::error::RuleError;
use crate::util::text::at_word_edges;
use regex::{Captures, Match, Regex, RegexBuilder};
use regex_automata::meta;
use std::collections::BTreeMap;
use toml::Spanned;

/// What `{…}` references can stand for: named sub-patterns from
/// `_macros.toml`, and the inflection functions `{v:sign|meet}`,
/// `{ved:…}`, `{ving:…}`, `{vs:…}` and `{n:closure|truce}`, which need the
/// verb lexicon.
#[derive(Debug, Default)]
pub struct Macros {
    pub defs: BTreeMap<String, String>,
    pub verbs: VerbLexicon,
}

impl Macros {
    /// A macro set without inflection data (families without verbs).
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
                message: unknown_macro(name, macros),
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

/// Names the known macros when a family has few (`{number}`, `{month}`);
/// event rules have many, kept in one file.
fn unknown_macro(name: &str, macros: &Macros) -> String {
    if macros.defs.len() > 12 {
        return format!("unknown macro {{{name}}} (defined macros live in _macros.toml)");
    }
    let known: Vec<String> = macros.defs.keys().map(|k| format!("{{{k}}}")).collect();
    if known.is_empty() {
        format!("unknown macro {{{name}}} (this file has no macros)")
    } else {
        format!(
            "unknown macro {{{name}}} (known here: {})",
            known.join(", ")
        )
    }
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
    let mut w = Widener {
        out: String::with_capacity(pattern.len() * 2),
        chars: pattern.chars().peekable(),
        class_depth: 0,
        class_start: 0,
        class_has_word: false,
    };
    while let Some(c) = w.chars.next() {
        match c {
            '\\' => w.escape(),
            '[' => w.open_class(),
            ']' if w.class_depth > 0 => w.close_class(),
            // Inside a class an apostrophe stands for its curly variants too.
            '\'' if w.class_depth > 0 => w.out.push_str("'’‘"),
            _ if w.class_depth > 0 => w.out.push(c),
            '(' if w.chars.peek() == Some(&'?') => w.group_prefix(),
            ' ' => {
                while w.chars.peek() == Some(&' ') {
                    w.chars.next();
                }
                w.out.push_str(r"(?:\s+)");
            }
            '\'' => w.out.push_str("['’‘]"),
            '-' => w.out.push_str("[-‐‑–—]"),
            _ => w.out.push(c),
        }
    }
    w.out
}

/// The state of one [`widen_typography`] pass, so that each kind of token
/// (escape, class, group prefix) is rewritten by a step of its own.
struct Widener<'a> {
    out: String,
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    class_depth: usize,
    /// Where the outermost class began in `out`, and whether it holds `\w`.
    class_start: usize,
    class_has_word: bool,
}

impl Widener<'_> {
    /// After a backslash.
    fn escape(&mut self) {
        match self.chars.next() {
            // An ASCII word boundary: the regex engine's fast automata
            // give up on Unicode boundaries as soon as a sentence holds a
            // curly quote, which made matching several times slower.
            // Beside a letter of another script ("\\bТегеран") an
            // ASCII boundary could never hold: there the boundary is
            // Unicode's, slower but only in such patterns.
            Some(b @ ('b' | 'B')) if self.class_depth == 0 => {
                let foreign =
                    |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && c.is_alphanumeric());
                if foreign(self.out.chars().next_back()) || foreign(self.chars.peek().copied()) {
                    self.out.push('\\');
                    self.out.push(b);
                } else {
                    self.out.push_str("(?-u:\\");
                    self.out.push(b);
                    self.out.push(')');
                }
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
            Some('w') if self.class_depth > 0 => {
                self.class_has_word = true;
                self.out.push_str(WORD_CHAR);
            }
            Some('w') => {
                self.out.push_str("(?-i:");
                self.out.push_str(WORD_CHAR);
                self.out.push(')');
            }
            Some(n) => {
                self.out.push('\\');
                self.out.push(n);
            }
            None => self.out.push('\\'),
        }
    }

    /// After `[`: classes nest, and only the outermost one is wrapped.
    fn open_class(&mut self) {
        if self.class_depth == 0 {
            self.class_start = self.out.len();
            self.class_has_word = false;
        }
        self.class_depth += 1;
        self.out.push('[');
        // A `]` right after `[` or `[^` is a literal member.
        if self.chars.peek() == Some(&'^') {
            self.out.push(self.chars.next().unwrap_or('^'));
        }
        if self.chars.peek() == Some(&']') {
            self.out.push(self.chars.next().unwrap_or(']'));
        }
    }

    /// At a class's `]`: a class holding `\w` is matched case-sensitively
    /// (see [`Widener::escape`]).
    fn close_class(&mut self) {
        self.class_depth -= 1;
        self.out.push(']');
        if self.class_depth == 0 && self.class_has_word {
            self.out.insert_str(self.class_start, "(?-i:");
            self.out.push(')');
        }
    }

    /// After `(` before `?`: copies the group prefix up to `:`, `)` or the
    /// end of a name `>`, so flags and names are not widened.
    fn group_prefix(&mut self) {
        self.out.push('(');
        let mut named = false;
        while let Some(n) = self.chars.next() {
            self.out.push(n);
            if n == '<' || n == 'P' && self.chars.peek() == Some(&'<') {
                named = true;
            }
            if (named && n == '>') || (!named && (n == ':' || n == ')')) {
                break;
            }
        }
    }
}

/// Size limit of one compiled regex; generous because macros expand to large
/// alternations, bounded so a runaway pattern is reported, not swallowed.
pub const SIZE_LIMIT: usize = 50 << 20;

/// What a family decides about all its patterns; everything else is the
/// dialect's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Letters match in their case only (default: any case).
    pub case_sensitive: bool,
    /// `^` and `$` match at line ends (datelines search a whole header).
    pub multi_line: bool,
}

/// A builder for an already widened pattern (or an alternation of them),
/// with the dialect's flags and size limit.
pub fn builder(widened: &str, options: Options) -> RegexBuilder {
    let mut b = RegexBuilder::new(widened);
    b.case_insensitive(!options.case_sensitive)
        .multi_line(options.multi_line)
        .size_limit(SIZE_LIMIT);
    b
}

/// The pattern written at `pat` as the engine sees it: macros expanded
/// (errors placed inside the TOML string) and typography widened. Returns
/// the expansion too, which error messages quote.
fn expand_and_widen(
    src: &Source,
    pat: &Spanned<String>,
    macros: &Macros,
) -> Result<(String, String), RuleError> {
    let span = pat.span();
    let expanded = expand_macros(pat.get_ref(), macros)
        .map_err(|e| src.error(src.inner_offset(&span, e.offset), e.message))?;
    if expanded.trim().is_empty() {
        return Err(src.error(span.start, "empty pattern"));
    }
    let widened = widen_typography(&expanded);
    Ok((expanded, widened))
}

/// Expands macros and typography of the pattern written at `pat` in `src`
/// and compiles it. Returns the regex and the widened source (for
/// prefilters and alternations); an error points inside the TOML string.
pub fn compile(
    src: &Source,
    pat: &Spanned<String>,
    macros: &Macros,
    options: Options,
) -> Result<(Regex, String), RuleError> {
    let span = pat.span();
    let (expanded, widened) = expand_and_widen(src, pat, macros)?;
    match builder(&widened, options).build() {
        Ok(re) => Ok((re, widened)),
        Err(e) => {
            let msg = regex_message(&e, pat.get_ref(), &expanded);
            // Without macros the syntax error can be placed exactly
            // inside the string; otherwise the string itself is named.
            let at = if *pat.get_ref() == expanded {
                syntax_error_offset(&expanded)
                    .map(|o| src.inner_offset(&span, o))
                    .unwrap_or(span.start)
            } else {
                span.start
            };
            Err(src.error(at, msg))
        }
    }
}

/// Like [`compile`], for an engine that needs more than the `regex` crate
/// offers (anchored searches over part of a text): the same expansion,
/// flags, limits and error messages, built as a `regex_automata` meta regex
/// (what `regex::Regex` wraps, so it matches exactly the same).
pub fn compile_meta(
    src: &Source,
    pat: &Spanned<String>,
    macros: &Macros,
    options: Options,
) -> Result<(meta::Regex, String), RuleError> {
    let (widened, _) = check_meta(src, pat, macros, options)?;
    match build_meta(&widened, options, Some(SIZE_LIMIT), true) {
        Ok(re) => Ok((re, widened)),
        Err(e) => Err(meta_error(src, pat, macros, options, &e.to_string())),
    }
}

/// The checks of [`compile_meta`] without building the automata: the
/// pattern is expanded, widened and parsed exactly as the meta regex
/// parses it, so a syntax error is reported (same words, same place) while
/// the costly part, [`build_meta`], can wait until the pattern is first
/// needed. Only an automaton over [`SIZE_LIMIT`] gets past this check.
/// Returns the widened pattern, and whether it used macros (which
/// [`too_big_message`] words).
pub fn check_meta(
    src: &Source,
    pat: &Spanned<String>,
    macros: &Macros,
    options: Options,
) -> Result<(String, bool), RuleError> {
    let (expanded, widened) = expand_and_widen(src, pat, macros)?;
    match regex_automata::util::syntax::parse_with(&widened, &meta_syntax(options)) {
        Ok(_) => Ok((widened, expanded != *pat.get_ref())),
        Err(e) => Err(meta_error(src, pat, macros, options, &e.to_string())),
    }
}

/// Builds the meta regex of a pattern that passed [`check_meta`], its
/// automata bounded by `size_limit` (normally [`SIZE_LIMIT`]).
/// `literal_prefilter` false skips the regex's own literal prefilter: a
/// caller that only runs anchored searches never uses it (an anchored
/// search does not look ahead for literals), and extracting the literals of
/// our long alternations was a third of building an event pattern.
pub fn build_meta(
    widened: &str,
    options: Options,
    size_limit: Option<usize>,
    literal_prefilter: bool,
) -> Result<meta::Regex, Box<meta::BuildError>> {
    let config = meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(size_limit)
        .hybrid_cache_capacity(2 << 20)
        .auto_prefilter(literal_prefilter);
    meta::Builder::new()
        .configure(config)
        .syntax(meta_syntax(options))
        .build(widened)
        .map_err(Box::new)
}

fn meta_syntax(options: Options) -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new()
        .case_insensitive(!options.case_sensitive)
        .multi_line(options.multi_line)
        .utf8(true)
}

/// Lets the `regex` crate word a meta regex's error as it does for every
/// family.
fn meta_error(
    src: &Source,
    pat: &Spanned<String>,
    macros: &Macros,
    options: Options,
    detail: &str,
) -> RuleError {
    match compile(src, pat, macros, options) {
        Err(worded) => worded,
        Ok(_) => src.error(pat.span().start, format!("invalid regex: {detail}")),
    }
}

/// Compiles a list of patterns, recording each error and keeping the rest.
pub fn compile_all(
    src: &Source,
    pats: &[Spanned<String>],
    macros: &Macros,
    options: Options,
    errors: &mut Vec<RuleError>,
) -> Vec<Matcher> {
    pats.iter()
        .filter_map(|p| match compile(src, p, macros, options) {
            Ok((regex, _)) => Some(Matcher(regex)),
            Err(e) => {
                errors.push(e);
                None
            }
        })
        .collect()
}

/// A one-line regex error. The regex crate's own message quotes the widened
/// pattern; we point the analyst at what they wrote instead.
fn regex_message(err: &regex::Error, written: &str, expanded: &str) -> String {
    let detail = match err {
        regex::Error::Syntax(s) => s
            .lines()
            .rev()
            .find(|l| l.starts_with("error:"))
            .map(|l| l.trim_start_matches("error:").trim().to_string())
            .unwrap_or_else(|| s.clone()),
        regex::Error::CompiledTooBig(n) => {
            format!("pattern too large once compiled (limit {n} bytes)")
        }
        other => other.to_string(),
    };
    invalid_regex(&detail, written != expanded)
}

/// How a regex error is worded, saying whether macros were expanded first.
fn invalid_regex(detail: &str, macros_used: bool) -> String {
    if macros_used {
        format!("invalid regex (after macro expansion): {detail}")
    } else {
        format!("invalid regex: {detail}")
    }
}

/// The error [`compile_meta`] reports for a pattern whose automata exceed
/// `limit` bytes, for a caller that built it later (see [`check_meta`]).
pub fn too_big_message(limit: usize, macros_used: bool) -> String {
    invalid_regex(
        &format!("pattern too large once compiled (limit {limit} bytes)"),
        macros_used,
    )
}

/// Byte offset of a syntax error inside a pattern as written.
fn syntax_error_offset(pattern: &str) -> Option<usize> {
    match regex_syntax::ast::parse::Parser::new().parse(pattern) {
        Err(e) => Some(e.span().start.offset),
        Ok(_) => None,
    }
}

/// A compiled pattern whose matches start and end at word edges in every
/// script: the regex's ASCII `\b` is fast but sees "Noël" as two words, so
/// matches that cut such a word are passed over here.
#[derive(Debug, Clone)]
pub struct Matcher(pub Regex);

impl Matcher {
    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text) && self.find_iter(text).next().is_some()
    }

    pub fn find_iter<'h>(&self, text: &'h str) -> impl Iterator<Item = Match<'h>> {
        self.0
            .find_iter(text)
            .filter(move |m| at_word_edges(text, &m.range()))
    }

    pub fn captures_iter<'h>(&self, text: &'h str) -> impl Iterator<Item = Captures<'h>> {
        self.0
            .captures_iter(text)
            .filter(move |c| c.get(0).is_none_or(|m| at_word_edges(text, &m.range())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regex_without_its_literal_prefilter_finds_the_same_matches() {
        let pattern = widen_typography(r"\b(?:said|says) (?:\w+ ){0,2}?(?P<x>talks|strike)");
        let text = "He said talks; she says the strike, he said no more talks. Said strike";
        let spans = |pre| {
            let re = build_meta(&pattern, Options::default(), Some(SIZE_LIMIT), pre).unwrap();
            let found: Vec<_> = (re.captures_iter(text))
                .map(|c| {
                    (
                        c.get_match().unwrap().range(),
                        c.get_group(1).unwrap().range(),
                    )
                })
                .collect();
            found
        };
        assert_eq!(spans(false).len(), 4);
        assert_eq!(spans(false), spans(true));
    }

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
    fn word_boundaries_hold_beside_letters_of_any_script() {
        let re = regex::Regex::new(&widen_typography(r"\bТегеран\b|\bKöln\b")).unwrap();
        assert!(re.is_match("talks in Тегеран today"));
        assert!(!re.is_match("talks in Тегерана today"));
        assert!(re.is_match("fair in Köln, said"));
        assert_eq!(widen_typography(r"\bkabul\b"), r"(?-u:\b)kabul(?-u:\b)");
    }

    #[test]
    fn matcher_refuses_matches_inside_words_of_other_scripts() {
        let m = Matcher(regex::Regex::new(&widen_typography(r"\bno\b")).unwrap());
        assert!(!m.is_match("jean-noël said"));
        assert!(m.is_match("there was no visit"));
        assert_eq!(m.find_iter("noël: no").count(), 1);
    }

    #[test]
    fn widened_pattern_matches_wrapped_text() {
        let re = regex::Regex::new(&widen_typography("pakistan's border crossing")).unwrap();
        assert!(re.is_match("pakistan’s border\n  crossing"));
    }
}
