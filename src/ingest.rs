//! Ingest stage: bytes on disk become a [`Document`]: text normalised for
//! matching, a map back to the file's byte offsets (so every sentence can be
//! cut exactly from the file), the content segments (header and page
//! furniture removed) and the publication date with how it was found.

use crate::datafile::Source;
use crate::datafile::pattern::{self, Macros, Matcher, Options};
use crate::dates::{Interval, Precision, RefDate};
use crate::error::{IngestError, RuleError, RuleErrors};
use crate::lexicon::Lexicon;
use crate::manifest::Manifest;
/// Kept here too: callers read articles through ingest.
pub use crate::util::decode::to_utf8;
use crate::util::text::floor_char_boundary;
use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::{Regex, RegexSet, RegexSetBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// Largest article read whatever the limits say: mentions hold their
/// byte offsets as `u32` ([`crate::mentions::Mention`]).
pub const MAX_ARTICLE_BYTES: u64 = u32::MAX as u64;

/// Bounds that keep time linear in input size and refuse what is not an
/// article.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Articles larger than this are skipped with a warning.
    pub max_article_bytes: u64,
    /// Longer sentences are cut into pieces of at most this size (at a
    /// space where there is one), with a warning: every later stage then
    /// does bounded work per sentence.
    pub max_sentence_bytes: usize,
    /// Follow symlinks whose target lies outside the articles folder.
    pub follow_symlinks: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: 20 << 20,
            max_sentence_bytes: 4096,
            follow_symlinks: false,
        }
    }
}

/// How the publication date of an article was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedBasis {
    Manifest,
    Header,
    Dateline,
    /// No date anywhere; the year is the latest one the text names.
    InferredYear,
    Unknown,
}

impl PublishedBasis {
    pub fn as_str(&self) -> &'static str {
        match self {
            PublishedBasis::Manifest => "manifest",
            PublishedBasis::Header => "header",
            PublishedBasis::Dateline => "dateline",
            PublishedBasis::InferredYear => "inferred_year",
            PublishedBasis::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Published {
    pub date: Option<RefDate>,
    pub basis: PublishedBasis,
}

impl Published {
    /// ISO text at the date's own precision: `2025-07-14`, `2025-04`, `2025`.
    pub fn display(&self) -> String {
        match &self.date {
            None => String::new(),
            Some(r) => match r.precision {
                Precision::Month => r.interval.start.format("%Y-%m").to_string(),
                Precision::Year => r.interval.start.format("%Y").to_string(),
                _ => r.interval.start.format("%Y-%m-%d").to_string(),
            },
        }
    }
}

/// Positions in the normalised text mapped back to byte offsets in the file.
/// Only the points where the two diverge are stored.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// (text offset, file offset) at each divergence, ascending.
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn to_file(&self, pos: usize) -> usize {
        let i = self.anchors.partition_point(|&(t, _)| t <= pos);
        if i == 0 {
            pos
        } else {
            let (t, f) = self.anchors[i - 1];
            f + (pos - t)
        }
    }
}

/// An article read and normalised.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name, as it appears in the output's `doc`.
    pub name: String,
    /// The file's bytes, for cutting exact sentences.
    pub raw: Vec<u8>,
    /// Normalised text every later stage reads.
    pub text: String,
    pub map: OffsetMap,
    /// Content regions of `text` (header and boilerplate lines excluded).
    pub segments: Vec<Range<usize>>,
    pub published: Published,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub warnings: Vec<String>,
}

impl Document {
    /// The exact text of the file between the file offsets of `range` (a
    /// range of `text`).
    pub fn original(&self, range: &Range<usize>) -> (usize, usize, String) {
        let s = self.map.to_file(range.start);
        let e = self.map.to_file(range.end);
        (s, e, String::from_utf8_lossy(&self.raw[s..e]).into_owned())
    }
}

#[derive(Deserialize)]
struct IngestFile {
    header_keys: Vec<String>,
    date_keys: Vec<String>,
    dateline: Vec<DatelineSpec>,
    boilerplate: Vec<toml::Spanned<String>>,
    normalize: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct DatelineSpec {
    id: String,
    pattern: toml::Spanned<String>,
    #[serde(default)]
    examples: Vec<(String, String)>,
}

struct Dateline {
    id: String,
    regex: Matcher,
    examples: Vec<(String, String)>,
}

/// Compiled `rules/en/ingest.toml`.
pub struct IngestConfig {
    header_keys: Vec<String>,
    date_keys: Vec<String>,
    /// The language's shared words: `{month}` and the month numbers.
    words: Lexicon,
    datelines: Vec<Dateline>,
    boilerplate: RegexSet,
    normalize: Vec<(char, String)>,
}

/// A header date's digits and separators (`2025-07-14`, `14/07/2025`,
/// `99999-01-01`), read whole so a malformed one is refused, not cut short.
static HEADER_VALUE: Lazy<Regex> = Lazy::new(|| Regex::new(r"^\d+(?:[-./]\d+)*").unwrap());
static YEAR_MENTION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?i)\b(?:in|since|of|by|during|until|year|early|late|mid|[a-z]+)\s+((?:19|20)\d\d)\b",
    )
    .unwrap()
});

/// Dateline patterns in the shared dialect; `{month}` is a macro for any
/// month name of the lexicon, read whatever its case ("MAY 5, 2024").
fn compile_datelines(
    file: &IngestFile,
    words: &Lexicon,
    src: &Source,
    errors: &mut Vec<RuleError>,
) -> Vec<Dateline> {
    let month_alt = words
        .folded_alternation("month")
        .unwrap_or_else(|| r"[^\s\S]".to_string());
    let macros = Macros::from_defs(BTreeMap::from([("month".to_string(), month_alt)]));
    let options = Options {
        multi_line: true,
        ..Options::default()
    };
    let mut datelines = Vec::new();
    for d in &file.dateline {
        match pattern::compile(src, &d.pattern, &macros, options) {
            Ok((regex, _)) => datelines.push(Dateline {
                id: d.id.clone(),
                regex: Matcher(regex),
                examples: d.examples.clone(),
            }),
            Err(mut e) => {
                e.message = format!("dateline {}: {}", d.id, e.message);
                errors.push(e);
            }
        }
    }
    datelines
}

/// Boilerplate line patterns in the shared dialect, as one set.
fn compile_boilerplate(
    pats: &[toml::Spanned<String>],
    src: &Source,
    errors: &mut Vec<RuleError>,
) -> Option<RegexSet> {
    let none = Macros::default();
    let mut widened = Vec::new();
    for b in pats {
        match pattern::compile(src, b, &none, Options::default()) {
            Ok((_, w)) => widened.push(w),
            Err(mut e) => {
                e.message = format!("boilerplate: {}", e.message);
                errors.push(e);
            }
        }
    }
    RegexSetBuilder::new(&widened)
        .case_insensitive(true)
        .size_limit(pattern::SIZE_LIMIT)
        .build()
        .map_err(|e| errors.push(src.error(0, e.to_string())))
        .ok()
}

impl IngestConfig {
    pub fn load(rules_dir: &Path) -> Result<IngestConfig, RuleErrors> {
        let path = rules_dir.join("ingest.toml");
        let (file, src): (IngestFile, Source) = crate::datafile::read(&path)?;
        let words = Lexicon::load(&crate::lexicon::folder_of(rules_dir))?;
        let mut errors = Vec::new();
        let datelines = compile_datelines(&file, &words, &src, &mut errors);
        let boilerplate = compile_boilerplate(&file.boilerplate, &src, &mut errors);
        let mut normalize = Vec::new();
        for (to, froms) in file.normalize {
            for f in froms {
                let mut chars = f.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => normalize.push((c, to.clone())),
                    _ => {
                        errors.push(src.error(0, format!("normalize: {f:?} is not one character")))
                    }
                }
            }
        }
        let Some(boilerplate) = boilerplate.filter(|_| errors.is_empty()) else {
            return Err(RuleErrors(errors));
        };
        Ok(IngestConfig {
            header_keys: file.header_keys,
            date_keys: file.date_keys,
            words,
            datelines,
            boilerplate,
            normalize,
        })
    }

    pub fn example_count(&self) -> usize {
        self.datelines.iter().map(|d| d.examples.len()).sum()
    }

    /// Checks every dateline example; returns failures as messages.
    pub fn run_examples(&self) -> Vec<String> {
        let mut fails = Vec::new();
        for d in &self.datelines {
            for (text, want) in &d.examples {
                let got = self.dateline_in(&d.regex, text).map(|x| x.to_string());
                if got.as_deref() != Some(want.as_str()) {
                    fails.push(format!(
                        "dateline {}: {text:?}: expected {want}, got {got:?}",
                        d.id
                    ));
                }
            }
        }
        fails
    }

    fn month_number(&self, word: &str) -> Option<u32> {
        self.words.lookup("month", word)?.parse().ok()
    }

    fn dateline_in(&self, re: &Matcher, text: &str) -> Option<NaiveDate> {
        for caps in re.captures_iter(text) {
            let g = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b)).map(|m| m.as_str());
            let (Some(d), Some(m), Some(y)) =
                (g("day", "day2"), g("month", "month2"), g("year", "year2"))
            else {
                continue;
            };
            let month = self.month_number(m)?;
            if let Some(date) = NaiveDate::from_ymd_opt(y.parse().ok()?, month, d.parse().ok()?) {
                return Some(date);
            }
        }
        None
    }

    /// Reads one article (named as [`display_name`] shows it) with the
    /// default limits. `Err` only when the file cannot be read at all or is
    /// not text; everything else becomes a warning on the document.
    pub fn read(&self, path: &Path, manifest: &Manifest) -> Result<Document, IngestError> {
        let name = path.file_name().map(display_name).unwrap_or_default();
        self.read_as(path, &name, manifest, &Limits::default())
    }

    /// Reads one article under the name the output shows.
    pub fn read_as(
        &self,
        path: &Path,
        name: &str,
        manifest: &Manifest,
        limits: &Limits,
    ) -> Result<Document, IngestError> {
        let raw = read_text_file(path, limits.max_article_bytes.min(MAX_ARTICLE_BYTES))?;
        let (raw, note) = to_utf8(raw).map_err(|why| IngestError::NotText {
            path: path.to_path_buf(),
            why: why.to_string(),
        })?;
        let mut doc = self.parse(name.to_string(), raw, manifest);
        if let Some(note) = note {
            doc.warnings.insert(0, format!("{name}: {note}"));
        }
        Ok(doc)
    }

    /// Parses an article from its bytes (used for files and `--text`).
    pub fn parse(&self, name: String, raw: Vec<u8>, manifest: &Manifest) -> Document {
        let mut warnings = Vec::new();
        let (text, map, invalid) = self.decode(&raw);
        if invalid > 0 {
            warnings.push(format!(
                "{name}: {invalid} invalid UTF-8 sequence(s) replaced with U+FFFD"
            ));
        }
        let (header, body_start) = self.header(&text);
        let segments = self.segments(&text, body_start);
        let entry = manifest.get(&name);
        let published = self.published(
            &name,
            &text,
            &header,
            entry.and_then(|e| e.published),
            body_start,
            &mut warnings,
        );
        Document {
            publisher: entry.and_then(|e| e.publisher.clone()),
            url: entry
                .and_then(|e| e.url.clone())
                .or_else(|| header.get("source").or(header.get("url")).cloned()),
            name,
            raw,
            text,
            map,
            segments,
            published,
            warnings,
        }
    }

    /// Lossy UTF-8 decoding (BOM dropped) fused with character normalisation,
    /// recording where text and file offsets diverge.
    fn decode(&self, raw: &[u8]) -> (String, OffsetMap, usize) {
        let mut text = String::with_capacity(raw.len());
        let mut anchors = Vec::new();
        let mut invalid = 0;
        let mut file_pos = 0;
        let bytes = if raw.starts_with(b"\xEF\xBB\xBF") {
            file_pos = 3;
            anchors.push((0, 3));
            &raw[3..]
        } else {
            raw
        };
        for chunk in bytes.utf8_chunks() {
            let valid = chunk.valid();
            let mut rest = valid;
            while !rest.is_empty() {
                // Copy the ASCII run in one go: nothing in it is normalised.
                let ascii = rest
                    .bytes()
                    .position(|b| !b.is_ascii())
                    .unwrap_or(rest.len());
                text.push_str(&rest[..ascii]);
                file_pos += ascii;
                rest = &rest[ascii..];
                let Some(c) = rest.chars().next() else { break };
                let len = c.len_utf8();
                if let Some((_, to)) = self.normalize.iter().find(|(f, _)| *f == c) {
                    text.push_str(to);
                    anchors.push((text.len(), file_pos + len));
                } else {
                    text.push(c);
                }
                file_pos += len;
                rest = &rest[len..];
            }
            if !chunk.invalid().is_empty() {
                invalid += 1;
                text.push('\u{FFFD}');
                file_pos += chunk.invalid().len();
                anchors.push((text.len(), file_pos));
            }
        }
        (text, OffsetMap { anchors }, invalid)
    }

    /// `key value` lines at the very top; returns the values and where the
    /// body starts (a header value may be followed by the first sentence on
    /// the same line).
    fn header(&self, text: &str) -> (BTreeMap<String, String>, usize) {
        let mut values = BTreeMap::new();
        let mut pos = 0;
        loop {
            let rest = &text[pos..];
            let skipped = rest.len() - rest.trim_start().len();
            let line = &rest[skipped..];
            let Some(key_end) = line.find(|c: char| c.is_whitespace()) else {
                break;
            };
            let key = line[..key_end].trim_end_matches(':').to_lowercase();
            if !self.header_keys.contains(&key) {
                break;
            }
            let after = &line[key_end..];
            let value_start = after.len() - after.trim_start_matches([' ', '\t']).len();
            let v = &after[value_start..];
            let value_len = if self.date_keys.contains(&key) {
                match HEADER_VALUE.find(v) {
                    Some(m) => m.end(),
                    None => break,
                }
            } else {
                v.find(|c: char| c.is_whitespace()).unwrap_or(v.len())
            };
            if value_len == 0 {
                break;
            }
            values.insert(key, v[..value_len].to_string());
            pos += skipped + key_end + value_start + value_len;
        }
        (values, pos)
    }

    /// Content regions: runs of lines that are not page furniture.
    fn segments(&self, text: &str, body_start: usize) -> Vec<Range<usize>> {
        let mut segments = Vec::new();
        let mut current: Option<Range<usize>> = None;
        let mut pos = body_start;
        for line in text[body_start..].split_inclusive('\n') {
            let start = pos;
            pos += line.len();
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            if self.boilerplate.is_match(trimmed) {
                if let Some(seg) = current.take() {
                    segments.push(seg);
                }
                continue;
            }
            let lead = line.len() - line.trim_start().len();
            let end = start + line.trim_end().len();
            match &mut current {
                Some(seg) => seg.end = end,
                None => current = Some(start + lead..end),
            }
        }
        segments.extend(current);
        segments
    }

    fn published(
        &self,
        name: &str,
        text: &str,
        header: &BTreeMap<String, String>,
        manifest: Option<RefDate>,
        body_start: usize,
        warnings: &mut Vec<String>,
    ) -> Published {
        if let Some(d) = manifest {
            return Published {
                date: Some(d),
                basis: PublishedBasis::Manifest,
            };
        }
        for key in &self.date_keys {
            if let Some(v) = header.get(key) {
                match parse_header_date(v) {
                    Ok((d, note)) => {
                        if let Some(note) = note {
                            warnings.push(format!("{name}: header {key} {v:?}: {note}"));
                        }
                        return Published {
                            date: Some(d),
                            basis: PublishedBasis::Header,
                        };
                    }
                    Err(why) => warnings.push(format!(
                        "{name}: header {key} {v:?} is not a date ({why}); ignored"
                    )),
                }
            }
        }
        let head_end = floor_char_boundary(text, body_start + 2000);
        let head = &text[body_start..head_end];
        for d in &self.datelines {
            if let Some(date) = self.dateline_in(&d.regex, head) {
                return Published {
                    date: Some(RefDate::day(date)),
                    basis: PublishedBasis::Dateline,
                };
            }
        }
        let year = YEAR_MENTION
            .captures_iter(text)
            .filter_map(|c| c[1].parse::<i32>().ok())
            .max();
        if let Some(y) = year {
            warnings.push(format!(
                "{name}: no publication date; year {y} inferred from the text"
            ));
            let start = NaiveDate::from_ymd_opt(y, 1, 1);
            let end = NaiveDate::from_ymd_opt(y, 12, 31);
            if let (Some(s), Some(e)) = (start, end) {
                return Published {
                    date: Some(RefDate {
                        interval: Interval::new(s, e),
                        precision: Precision::Year,
                    }),
                    basis: PublishedBasis::InferredYear,
                };
            }
        }
        warnings.push(format!(
            "{name}: no publication date found; relative dates stay unresolved"
        ));
        Published {
            date: None,
            basis: PublishedBasis::Unknown,
        }
    }
}

/// A file name as the output shows it: bytes that are not UTF-8 are written
/// `\xFF`, so two names that differ only there stay two names.
pub fn display_name(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut s = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            s.push_str(chunk.valid());
            for b in chunk.invalid() {
                s.push_str(&format!("\\x{b:02X}"));
            }
        }
        s
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned()
    }
}

/// Reads a file that must be a regular one of at most `max` bytes. Checked
/// before opening: opening a FIFO waits for a writer for ever, and a device
/// such as `/dev/zero` never ends.
pub fn read_text_file(path: &Path, max: u64) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let io = |source| IngestError::Read {
        path: path.to_path_buf(),
        source,
    };
    let not_text = |why: String| IngestError::NotText {
        path: path.to_path_buf(),
        why,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(not_text(
            "not a regular file (FIFO, device, socket or folder)".into(),
        ));
    }
    let too_big = |n: u64| not_text(format!("{n} bytes, over the article size limit of {max}"));
    if meta.len() > max {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut raw = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut raw).map_err(io)?;
    if raw.len() as u64 > max {
        return Err(too_big(raw.len() as u64));
    }
    Ok(raw)
}

/// A header's date: ISO (`2025-07-14`, `2025-07`, `2025`, `2025/07/14`) or
/// day first (`14/07/2025`, `14.07.2025`; month first only where the day
/// cannot be, `07/14/2025`). Returns a note when the reading was a guess.
pub fn parse_header_date(v: &str) -> Result<(RefDate, Option<String>), String> {
    let parts: Vec<&str> = v.split(['-', '/', '.']).collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let day = |y: u32, m: u32, d: u32| {
        NaiveDate::from_ymd_opt(y as i32, m, d)
            .map(RefDate::day)
            .ok_or_else(|| format!("no day {d} in month {m} of {y}"))
    };
    match parts.as_slice() {
        [y, ..] if y.len() == 4 && (v.contains('-') || parts.len() == 1) => v
            .parse::<RefDate>()
            .map(|d| (d, None))
            .map_err(|_| "expected YYYY-MM-DD, YYYY-MM or YYYY".into()),
        [y, m, d] if y.len() == 4 => match (num(y), num(m), num(d)) {
            (Some(y), Some(m), Some(d)) => day(y, m, d).map(|r| (r, None)),
            _ => Err("expected YYYY/MM/DD".into()),
        },
        [a, b, y] if y.len() == 4 && a.len() <= 2 && b.len() <= 2 => {
            let (Some(a), Some(b), Some(y)) = (num(a), num(b), num(y)) else {
                return Err("expected DD/MM/YYYY".into());
            };
            if a > 12 || b > 12 || a == b {
                // Unambiguous: whichever is over 12 is the day.
                let (d, m) = if b > 12 { (b, a) } else { (a, b) };
                day(y, m, d).map(|r| (r, None))
            } else {
                day(y, b, a).map(|r| (r, Some(format!("read day first, as {y}-{b:02}-{a:02}"))))
            }
        }
        [y, ..] if y.len() > 4 => Err(format!("year {y} has more than 4 digits")),
        _ => Err("expected YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY".into()),
    }
}

/// `2025-07-14`, `2025-04` or `2025`: [`RefDate`]'s one parser, under the
/// name the command-line options use.
pub fn parse_partial_date(s: &str) -> Option<RefDate> {
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> IngestConfig {
        IngestConfig::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/en"))).unwrap()
    }

    fn parse(bytes: &[u8]) -> Document {
        config().parse("t.txt".into(), bytes.to_vec(), &Manifest::default())
    }

    #[test]
    fn dateline_examples_hold() {
        assert_eq!(config().run_examples(), Vec::<String>::new());
    }

    #[test]
    fn header_glued_to_first_sentence() {
        let d = parse(b" date 2025-07-14 Experts met in Islamabad.\nMore text.");
        assert_eq!(d.published.display(), "2025-07-14");
        assert_eq!(d.published.basis, PublishedBasis::Header);
        assert_eq!(
            &d.text[d.segments[0].clone()],
            "Experts met in Islamabad.\nMore text."
        );
    }

    #[test]
    fn header_lines_and_source() {
        let d = parse(b"date 2023-02-20\nsource https://example.org/a\n\nPESHAWAR: Text here.");
        assert_eq!(d.published.display(), "2023-02-20");
        assert_eq!(d.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(&d.text[d.segments[0].clone()], "PESHAWAR: Text here.");
    }

    #[test]
    fn byline_gives_the_date_when_no_header() {
        let d = parse(b"Some title\nReporter Name Published June 9, 2024 Updated June 9, 2024 10:02am\nThe body.");
        assert_eq!(d.published.display(), "2024-06-09");
        assert_eq!(d.published.basis, PublishedBasis::Dateline);
    }

    #[test]
    fn no_date_infers_the_year_and_warns() {
        let d = parse(b"Talks were held in 2021. The strikes came in December 2023.");
        assert_eq!(d.published.display(), "2023");
        assert_eq!(d.published.basis, PublishedBasis::InferredYear);
        assert!(d.warnings.iter().any(|w| w.contains("inferred")));
    }

    #[test]
    fn normalisation_maps_back_to_file_bytes() {
        let raw = "\u{feff}A\u{a0}\u{201c}quote\u{201d} \u{2019}s\r\nend \u{ff} x"
            .as_bytes()
            .to_vec();
        let mut raw = raw;
        raw.push(0xff); // invalid byte
        raw.extend_from_slice(b" tail");
        let d = parse(&raw);
        assert_eq!(d.text, "A \"quote\" 's\r\nend \u{ff} x\u{fffd} tail");
        let q = d.text.find("quote").unwrap();
        let (s, e, orig) = d.original(&(q - 1..q + 6));
        assert_eq!(orig, "\u{201c}quote\u{201d}");
        assert_eq!(&raw[s..e], "\u{201c}quote\u{201d}".as_bytes());
        let t = d.text.find("tail").unwrap();
        assert_eq!(d.original(&(t..t + 4)).2, "tail");
        assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings); // invalid bytes + no date
    }

    #[test]
    fn boilerplate_lines_split_segments() {
        let d = parse(
            b"date 2024-01-01\nTitle\nShort Url\nAuthor\nBody one.\nDisclaimer: views are own.\n",
        );
        let segs: Vec<&str> = d.segments.iter().map(|r| &d.text[r.clone()]).collect();
        assert_eq!(segs, vec!["Title", "Body one."]);
    }

    #[test]
    fn header_dates_day_first_and_malformed() {
        let d = parse(b"date 14/07/2025\nTroops left the town.\n");
        assert_eq!(d.published.display(), "2025-07-14");
        assert_eq!(d.published.basis, PublishedBasis::Header);
        let d = parse(b"date 03/04/2025\nTroops left the town.\n");
        assert_eq!(d.published.display(), "2025-04-03");
        assert!(
            d.warnings.iter().any(|w| w.contains("day first")),
            "{:?}",
            d.warnings
        );
        let d = parse(b"date 99999-01-01\nTroops left the town in 2020.\n");
        assert_ne!(d.published.basis, PublishedBasis::Header);
        assert!(
            d.warnings.iter().any(|w| w.contains("more than 4 digits")),
            "{:?}",
            d.warnings
        );
        assert_eq!(
            parse_header_date("2025/07/14").unwrap().0,
            RefDate::day(NaiveDate::from_ymd_opt(2025, 7, 14).unwrap())
        );
        assert!(parse_header_date("31/02/2025").is_err());
    }

    #[test]
    fn utf16_is_decoded_and_binary_refused() {
        let text = "date 2025-01-02\nPeace talks opened in Geneva.";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let (bytes, note) = to_utf8(le).unwrap();
        assert_eq!(bytes, text.as_bytes());
        assert!(note.is_some());
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(to_utf8(be).unwrap().0, text.as_bytes());
        let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(to_utf8(binary).is_err());
        assert!(to_utf8(b"plain text\n".to_vec()).unwrap().1.is_none());
    }

    #[test]
    fn undecodable_names_stay_apart() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let a = display_name(std::ffi::OsStr::from_bytes(b"x\xff.txt"));
            let b = display_name(std::ffi::OsStr::from_bytes(b"x\xfe.txt"));
            assert_eq!(a, "x\\xFF.txt");
            assert_ne!(a, b);
        }
    }

    #[test]
    fn partial_dates() {
        assert_eq!(
            parse_partial_date("2025-04")
                .unwrap()
                .interval
                .end
                .to_string(),
            "2025-04-30"
        );
        assert_eq!(
            parse_partial_date("1998-01-08T06:38:00").unwrap().precision,
            Precision::Day
        );
        assert!(parse_partial_date("2025-13-01").is_none());
        assert!(parse_partial_date("April").is_none());
    }
}
