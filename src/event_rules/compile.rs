//! Compiling raw rules into regexes, collecting every problem with its
//! position instead of stopping at the first.

use super::frames::{self, Frames};
use super::inflect::VerbLexicon;
use super::load::{self, FramesFile, KindDef, MacrosFile, ModalityFile, RawRule, RuleFile, Source};
use super::modality::Modality;
use super::{Example, Rule, RuleInfo};
use crate::datafile::pattern::{self, Macros, Options};
use crate::error::{RuleError, RuleErrors};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;
use toml::Spanned;

/// One pattern of one rule, checked at load time and compiled on first
/// use: a small incremental build wakes a few of the hundreds of patterns,
/// and building the automata of all of them cost more than extracting one
/// article. Rayon workers share the one build.
pub struct CompiledPattern {
    engine: OnceLock<Engine>,
    options: Options,
    /// Byte offset of the pattern in its rule file, and whether it uses
    /// macros: what an error found at build time needs (see `Engine`).
    pub at: usize,
    pub macros_used: bool,
    /// Where a match can start, when the pattern always begins with one of
    /// a few literals (see `search`).
    pub starts: Option<super::search::Starts>,
    /// Expanded source, for the prefilter.
    pub expanded: String,
    /// The prefilter's clauses for the pattern (see
    /// `prefilter::filter_clauses`), taken when the prefilter is built.
    pub clauses: Option<Vec<super::prefilter::Clause>>,
}

/// What a pattern's first use builds.
pub struct Engine {
    pub regex: regex_automata::meta::Regex,
    /// Group name per capture index, with numeric suffixes removed
    /// (`actor2` → `actor`), so one rule can capture an actor in two branches.
    pub names: Vec<Option<String>>,
    /// Capture slots a search fills, asked once: the lookup showed in
    /// profiles of the hundreds of searches run per sentence.
    pub slot_len: usize,
    /// Slots an anchored search asks for: all of them when the pattern
    /// names a group, else the match's two. Given only those, the regex
    /// stops at its DFA's match instead of running a capture engine over
    /// it, and unnamed groups are never reported.
    pub wanted_slots: usize,
    /// The size limit the pattern's automata exceeded, if they did: such a
    /// pattern matches nothing, and `rules check` reports it, as the eager
    /// build did at load time.
    pub too_big: Option<usize>,
    /// Match caches lent to the threads that search the pattern (see
    /// `caches`), instead of one per thread inside the regex.
    pub caches: crate::regex_cache::Caches,
}

impl CompiledPattern {
    /// The pattern's regex and group names, built now if not yet.
    pub fn engine(&self) -> &Engine {
        self.engine.get_or_init(|| {
            // `check_meta` passed at load time, so only the size limit can
            // refuse the pattern here: it then matches nothing (building it
            // unbounded could take any amount of memory).
            // A pattern with start literals is searched from them, anchored
            // (only a rare sentence runs it unanchored, see `search`).
            let prefilter = self.starts.is_none();
            let limit = Some(pattern::SIZE_LIMIT);
            match pattern::build_meta(&self.expanded, self.options, limit, prefilter) {
                Ok(regex) => Engine::new(regex, None),
                Err(e) => {
                    // Said once per pattern and process, so a build never
                    // drops a rule without a word; `rules check` names it.
                    eprintln!(
                        "dateline: warning: an event-rule pattern (byte {} of its rule file) is too large to build and matches nothing; `dateline rules check` names it",
                        self.at
                    );
                    Engine::new(never(), Some(e.size_limit().unwrap_or(pattern::SIZE_LIMIT)))
                }
            }
        })
    }
}

/// A regex that matches nothing, for a pattern too large to build.
fn never() -> regex_automata::meta::Regex {
    regex_automata::meta::Regex::new_many::<&str>(&[]).expect("an empty set of patterns builds")
}

impl Engine {
    fn new(regex: regex_automata::meta::Regex, too_big: Option<usize>) -> Engine {
        let names: Vec<Option<String>> = regex
            .group_info()
            .pattern_names(regex_automata::PatternID::ZERO)
            .map(|n| n.map(base_name))
            .collect();
        let slot_len = regex.group_info().slot_len();
        Engine {
            wanted_slots: if names.iter().any(Option::is_some) {
                slot_len
            } else {
                slot_len.min(2)
            },
            slot_len,
            regex,
            names,
            too_big,
            caches: crate::regex_cache::Caches::default(),
        }
    }
}

/// Everything `EventRules` needs, built from a folder.
pub struct Compiled {
    pub rules: Vec<Rule>,
    /// Kind name, CAMEO code, description; sorted by name.
    pub kinds: Vec<super::KindInfo>,
    pub patterns: Vec<CompiledPattern>,
    /// Every distinct veto pattern once; rules refer to them by index.
    pub vetoes: Vec<Regex>,
    pub modality: Modality,
    /// Macros and verb lexicon, kept for `explain`'s near-miss diagnosis.
    pub macros: Macros,
}

/// Collects errors while compiling.
struct Ctx {
    errors: Vec<RuleError>,
    macros: Macros,
    frames: Frames,
    /// Veto and exclude regexes already compiled, by (pattern as written,
    /// case sensitivity): rules repeat `{trend}` and `{speculation}`, big
    /// alternations, and the macros no longer change once rules compile.
    compiled: HashMap<(String, bool), Regex>,
}

impl Ctx {
    /// Compiles a pattern in the shared dialect, recording its error.
    fn regex(
        &mut self,
        src: &Source,
        pat: &Spanned<String>,
        case_sensitive: bool,
    ) -> Option<(Regex, String)> {
        let options = Options {
            case_sensitive,
            ..Options::default()
        };
        pattern::compile(src, pat, &self.macros, options)
            .map_err(|e| self.errors.push(e))
            .ok()
    }
}

/// Removes a numeric suffix so `actor2`/`actor_2` report as `actor`.
fn base_name(name: &str) -> String {
    name.trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches('_')
        .to_string()
}

/// A shared file of the folder, if present; a broken one is recorded.
fn read_optional<T: serde::de::DeserializeOwned>(
    dir: &Path,
    name: &str,
    errors: &mut Vec<RuleError>,
) -> Option<(Source, T)> {
    match crate::datafile::read_optional::<T>(&dir.join(name)) {
        Ok(found) => found.map(|(v, src)| (src, v)),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// Alternation of several cue patterns, each checked alone first so an error
/// points at the right string.
fn cue_regex(ctx: &mut Ctx, src: &Source, cues: &[Spanned<String>]) -> Option<Regex> {
    let mut parts = Vec::new();
    for cue in cues {
        if let Some((_, widened)) = ctx.regex(src, cue, false) {
            parts.push(format!("(?:{widened})"));
        }
    }
    if parts.is_empty() {
        return None;
    }
    pattern::builder(&parts.join("|"), Options::default())
        .build()
        .ok()
}

/// Kinds of `_kinds.toml`, with their `overrides` checked.
fn load_kinds(dir: &Path, errors: &mut Vec<RuleError>) -> HashMap<String, KindDef> {
    let path = dir.join(load::KINDS_FILE);
    let kinds: HashMap<String, KindDef> =
        match read_optional::<BTreeMap<String, KindDef>>(dir, load::KINDS_FILE, errors) {
            Some((_, k)) => k.into_iter().collect(),
            None => {
                if !path.exists() {
                    errors.push(RuleError {
                        file: path.clone(),
                        line: 1,
                        column: 1,
                        message: "missing: every rule folder lists its kinds and CAMEO codes here"
                            .into(),
                    });
                }
                HashMap::new()
            }
        };
    for (name, k) in &kinds {
        for o in k.overrides.iter().filter(|o| !kinds.contains_key(*o)) {
            errors.push(RuleError {
                file: path.clone(),
                line: 1,
                column: 1,
                message: format!("kind {name}: overrides unknown kind {o:?}"),
            });
        }
    }
    kinds
}

/// Macros of `_macros.toml`; each is also compiled on its own so a broken
/// one is reported where it is defined.
fn load_macros(ctx: &mut Ctx, dir: &Path) {
    let Some((src, m)) = read_optional::<MacrosFile>(dir, load::MACROS_FILE, &mut ctx.errors)
    else {
        return;
    };
    ctx.macros.defs = m
        .macros
        .iter()
        .map(|(k, v)| (k.clone(), v.get_ref().clone()))
        .collect();
    for pat in m.macros.values() {
        ctx.regex(&src, pat, false);
    }
}

/// The verb lexicon, from the rules root (the parent of the events
/// folder); absent means regular inflection only.
fn load_verbs(ctx: &mut Ctx, dir: &Path) {
    let Some(root) = dir.parent() else { return };
    if let Some((_, v)) = read_optional::<VerbLexicon>(root, load::VERBS_FILE, &mut ctx.errors) {
        ctx.macros.verbs = v;
    }
}

/// Frames of `_frames.toml`; each template is checked when a trigger uses it.
fn load_frames(ctx: &mut Ctx, dir: &Path) {
    if let Some((_, f)) = read_optional::<FramesFile>(dir, load::FRAMES_FILE, &mut ctx.errors) {
        ctx.frames = f.into();
    }
}

/// Shared cues of `_modality.toml` (none if the file is absent).
fn load_modality(ctx: &mut Ctx, dir: &Path) -> Modality {
    let mut modality = Modality {
        negation: None,
        negation_after: None,
        planned: None,
        planned_after: None,
        negation_window: 30,
        planned_window: 45,
    };
    if let Some((src, m)) = read_optional::<ModalityFile>(dir, load::MODALITY_FILE, &mut ctx.errors)
    {
        modality.negation = cue_regex(ctx, &src, &m.negation);
        modality.negation_after = cue_regex(ctx, &src, &m.negation_after);
        modality.planned = cue_regex(ctx, &src, &m.planned);
        modality.planned_after = cue_regex(ctx, &src, &m.planned_after);
        modality.negation_window = m.negation_window;
        modality.planned_window = m.planned_window;
    }
    modality
}

/// Rules built so far, and what must be unique across files.
#[derive(Default)]
struct Built {
    rules: Vec<Rule>,
    patterns: Vec<CompiledPattern>,
    /// Distinct veto patterns, and the index of each by (expanded source,
    /// case sensitivity): many rules share a veto (`{trend}`), and one
    /// sentence then tests it once.
    vetoes: Vec<Regex>,
    veto_index: HashMap<(String, bool), usize>,
    /// Rule id → where it was first defined.
    ids: HashMap<String, String>,
}

impl Built {
    /// The index of `re` in the veto table, adding it if new.
    fn veto_id(&mut self, re: &Regex, case_sensitive: bool) -> usize {
        let key = (re.as_str().to_string(), case_sensitive);
        let next = self.vetoes.len();
        let id = *self.veto_index.entry(key).or_insert(next);
        if id == next {
            self.vetoes.push(re.clone());
        }
        id
    }
}

/// Compiles every `[[rule]]` and `[[trigger]]` of one file.
fn compile_file(ctx: &mut Ctx, path: &Path, kinds: &HashMap<String, KindDef>, built: &mut Built) {
    let (file, src): (RuleFile, Source) = match crate::datafile::read(path) {
        Ok(read) => read,
        Err(e) => return ctx.errors.extend(e.0),
    };
    let triggers = file.trigger.into_iter().map(|t| {
        let at = t.span().start;
        let inner = t.into_inner();
        let id_at = inner.id.span().start;
        let (rule, errors) = frames::expand(inner, &ctx.frames);
        let ok = errors.is_empty();
        for e in errors {
            ctx.errors.push(src.error(id_at, e));
        }
        ok.then_some((at, rule))
    });
    let triggers: Vec<(usize, RawRule)> = triggers.flatten().collect();
    let rules = file.rule.into_iter().filter_map(|r| {
        let (at, raw) = (r.span().start, r.into_inner());
        let vocabulary = !raw.verbs.is_empty()
            || !raw.nouns.is_empty()
            || raw.object.is_some()
            || raw.frames.is_some();
        if vocabulary {
            ctx.errors.push(src.error(
                raw.id.span().start,
                "verbs, nouns, object and frames belong to a [[trigger]], not a [[rule]]",
            ));
            return None;
        }
        Some((at, raw))
    });
    let rules: Vec<(usize, RawRule)> = rules.collect();
    // File order, whichever table a rule was written as.
    let mut all: Vec<(usize, RawRule)> = rules.into_iter().chain(triggers).collect();
    all.sort_by_key(|(at, _)| *at);
    for (at, raw) in all {
        let line = crate::error::line_col(&src.text, at).0;
        if let Some(rule) = compile_rule(ctx, &src, raw, line, kinds, built) {
            built.rules.push(rule);
        }
    }
}

/// Reads and compiles a whole rule folder, collecting every error.
pub fn compile(dir: &Path) -> Result<Compiled, RuleErrors> {
    let mut errors = Vec::new();
    let kinds = load_kinds(dir, &mut errors);
    let mut ctx = Ctx {
        errors,
        macros: Macros::default(),
        frames: Frames::default(),
        compiled: HashMap::new(),
    };
    load_verbs(&mut ctx, dir);
    load_macros(&mut ctx, dir);
    load_frames(&mut ctx, dir);
    let modality = load_modality(&mut ctx, dir);
    let mut built = Built::default();
    match load::rule_files(dir) {
        Ok(files) => {
            for path in files {
                compile_file(&mut ctx, &path, &kinds, &mut built);
            }
        }
        Err(e) => ctx.errors.push(e),
    }
    if !ctx.errors.is_empty() {
        return Err(RuleErrors(ctx.errors));
    }
    let mut kinds: Vec<super::KindInfo> = kinds
        .into_iter()
        .map(|(name, k)| super::KindInfo {
            name,
            cameo: k.cameo,
            description: k.description,
            overrides: k.overrides,
        })
        .collect();
    kinds.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Compiled {
        rules: built.rules,
        kinds,
        patterns: built.patterns,
        vetoes: built.vetoes,
        modality,
        macros: ctx.macros,
    })
}

/// Compiles a list of veto or exclude patterns.
fn regexes(
    ctx: &mut Ctx,
    src: &Source,
    pats: &[Spanned<String>],
    case_sensitive: bool,
) -> Vec<Regex> {
    let mut out = Vec::new();
    for p in pats {
        let key = (p.get_ref().clone(), case_sensitive);
        if let Some(re) = ctx.compiled.get(&key) {
            out.push(re.clone());
        } else if let Some((re, _)) = ctx.regex(src, p, case_sensitive) {
            ctx.compiled.insert(key, re.clone());
            out.push(re);
        }
    }
    out
}

/// Reads `examples` (inline tables: `text`, optional `planned`, and the
/// groups the match must capture) and `counter_examples`.
fn parse_examples(ctx: &mut Ctx, src: &Source, raw: &RawRule) -> Vec<Example> {
    let mut examples = Vec::new();
    for ex in &raw.examples {
        let span = ex.span();
        let mut text = None;
        let mut expected = Vec::new();
        let mut planned = None;
        for (key, value) in ex.get_ref() {
            match (key.as_str(), value) {
                ("text", toml::Value::String(s)) => text = Some(s.clone()),
                ("planned", toml::Value::Boolean(b)) => planned = Some(*b),
                (_, toml::Value::String(s)) => expected.push((key.clone(), s.clone())),
                (_, toml::Value::Integer(i)) => expected.push((key.clone(), i.to_string())),
                _ => ctx.errors.push(src.error(
                    span.start,
                    format!("example field {key:?}: expected a string"),
                )),
            }
        }
        match text {
            Some(text) => examples.push(Example {
                text,
                expected,
                planned,
                counter: false,
                at: crate::error::line_col(&src.text, span.start),
            }),
            None => ctx
                .errors
                .push(src.error(span.start, "example without `text`")),
        }
    }
    for c in &raw.counter_examples {
        examples.push(Example {
            text: c.get_ref().clone(),
            expected: Vec::new(),
            planned: None,
            counter: true,
            at: crate::error::line_col(&src.text, c.span().start),
        });
    }
    examples
}

/// The CAMEO code of a rule: its own, else its kind's; an unknown kind is
/// an error that lists the known ones.
fn rule_cameo(
    ctx: &mut Ctx,
    src: &Source,
    raw: &RawRule,
    kinds: &HashMap<String, KindDef>,
) -> String {
    let kind = raw.kind.get_ref();
    if let Some(k) = kinds.get(kind) {
        return raw.cameo.clone().unwrap_or_else(|| k.cameo.clone());
    }
    let mut known: Vec<&str> = kinds.keys().map(String::as_str).collect();
    known.sort();
    ctx.errors.push(src.error(
        raw.kind.span().start,
        format!("unknown kind {kind:?} (known kinds: {})", known.join(", ")),
    ));
    String::new()
}

/// A pattern checked by `pattern::check_meta`, its automata not yet built.
pub(super) fn compiled_pattern(
    expanded: String,
    options: Options,
    at: usize,
    macros_used: bool,
) -> CompiledPattern {
    use super::prefilter;
    let hir = prefilter::parse(&expanded);
    let starts = (hir.as_ref())
        .and_then(prefilter::start_literals_of)
        .and_then(|lits| super::search::Starts::new(&lits));
    CompiledPattern {
        clauses: prefilter::filter_clauses_of(hir.as_ref()),
        engine: OnceLock::new(),
        options,
        at,
        macros_used,
        starts,
        expanded,
    }
}

/// Compiles one rule; `None` (with errors recorded) if any part is wrong.
fn compile_rule(
    ctx: &mut Ctx,
    src: &Source,
    raw: RawRule,
    line: usize,
    kinds: &HashMap<String, KindDef>,
    built: &mut Built,
) -> Option<Rule> {
    let before = ctx.errors.len();
    let id = raw.id.get_ref().clone();
    let id_at = raw.id.span().start;
    if id.trim().is_empty() {
        ctx.errors.push(src.error(id_at, "empty rule id"));
    }
    let (l, c) = crate::error::line_col(&src.text, id_at);
    let here = format!("{}:{l}:{c}", src.path.display());
    if let Some(prev) = built.ids.insert(id.clone(), here) {
        ctx.errors.push(src.error(
            id_at,
            format!("duplicate rule id {id:?} (first defined at {prev})"),
        ));
    }
    let cameo = rule_cameo(ctx, src, &raw, kinds);
    if raw.patterns.is_empty() {
        ctx.errors
            .push(src.error(id_at, format!("rule {id}: no patterns")));
    }
    let mut mine = Vec::new();
    for pat in &raw.patterns {
        let options = Options {
            case_sensitive: raw.case_sensitive,
            ..Options::default()
        };
        match pattern::check_meta(src, pat, &ctx.macros, options) {
            Ok((expanded, macros_used)) => mine.push(compiled_pattern(
                expanded,
                options,
                pat.span().start,
                macros_used,
            )),
            Err(e) => ctx.errors.push(e),
        }
    }
    let veto = regexes(ctx, src, &raw.veto, raw.case_sensitive);
    let exclude = regexes(ctx, src, &raw.exclude, raw.case_sensitive);
    let examples = parse_examples(ctx, src, &raw);
    if ctx.errors.len() > before {
        return None;
    }
    let veto_ids = veto
        .iter()
        .map(|re| built.veto_id(re, raw.case_sensitive))
        .collect();
    let first = built.patterns.len();
    built.patterns.extend(mine);
    Some(Rule {
        info: RuleInfo {
            id,
            kind: raw.kind.into_inner(),
            cameo,
            description: raw.description,
            patterns: raw.patterns.iter().map(|p| p.get_ref().clone()).collect(),
            file: src.path.clone(),
            line,
        },
        patterns: (first..built.patterns.len()).collect(),
        veto,
        veto_ids,
        exclude,
        planned: raw.planned,
        modality: raw.modality,
        examples,
    })
}
