//! Mention files: what `extract` makes of one article, and all `merge`
//! needs of it. They are the unit of work that can be made anywhere (another
//! machine, another day) and merged later, so they carry everything the
//! merge reads and a trailer that tells a whole file from a cut one.
//!
//! One JSON Lines file per article: a [`Header`], one [`MentionRecord`] per
//! mention, then a [`Trailer`] with the count of mention lines and a hash of
//! every byte before it. A file without a valid trailer is never trusted.
//! `docs/mentions.md` documents the format for people.

use crate::mentions::{DateBasis, Mention, Named};
use crate::output::DocSummary;
use crate::sym::Sym;
use crate::temporal::{Interval, Precision};
use crate::text::Text;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Bumped whenever a field changes meaning or is added: an older file is
/// then re-extracted rather than misread.
pub const SCHEMA: u32 = 2;

/// Extension of mention files; `merge` reads every such file of a folder.
pub const EXT: &str = "jsonl";

/// A mention file that cannot be used; the article is re-extracted (cache)
/// or reported (merge).
#[derive(Debug, Error)]
pub enum MentionFileError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not a mention file line: {why}")]
    Parse {
        path: PathBuf,
        line: usize,
        why: String,
    },
    #[error("{path}: incomplete or corrupt: {why}")]
    Corrupt { path: PathBuf, why: String },
    #[error("{path}: schema version {found}, this program reads {SCHEMA}; extract again")]
    Schema { path: PathBuf, found: u32 },
}

/// First line: the article and the conditions it was extracted under.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    pub schema: u32,
    pub doc: String,
    pub published: String,
    pub published_basis: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// FNV-1a of the article's bytes (UTF-8 form): what ids rest on.
    pub content_hash: String,
    /// Key of the article's file bytes, name and manifest row: names the
    /// file, and tells a cached file whether it is still this article's.
    pub key: String,
    /// Hash of the rules folder, the program and the limits that change
    /// extraction: a file made under other ones is stale.
    pub stamp: String,
    pub warnings: Vec<String>,
    pub sentences: usize,
    pub mentions: usize,
}

/// One mention: every field of [`Mention`] except `doc` and `published`,
/// which are the header's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MentionRecord {
    pub sentence: Text,
    pub start: usize,
    pub end: usize,
    pub sentence_index: usize,
    pub rule: Sym,
    pub kind: Sym,
    pub cameo: Sym,
    /// `[start, end]`, both ISO dates, inclusive.
    pub interval: Option<(NaiveDate, NaiveDate)>,
    pub precision: Option<String>,
    pub date_text: Sym,
    pub date_basis: String,
    pub actors: Vec<Named>,
    pub location: Option<Named>,
    pub actor1: Option<Named>,
    pub actor2: Option<Named>,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    pub planned: bool,
    pub retells: Option<usize>,
    pub heading: bool,
}

/// Last line: a file cut short or edited fails it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Trailer {
    pub end: bool,
    pub mentions: usize,
    /// FNV-1a, hex, of every byte of the file before this line.
    pub hash: String,
}

/// One article as a mention file holds it.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub header: Header,
    pub mentions: Vec<Mention>,
}

/// Where an article written out waits for the merge: a mention file, or an
/// entry of a pack of the build cache.
#[derive(Debug, Clone)]
pub enum Spilled {
    File(PathBuf),
    Pack(crate::pack::EntryRef),
}

impl Spilled {
    /// The file that holds them, for messages.
    pub fn path(&self) -> &Path {
        match self {
            Spilled::File(p) => p,
            Spilled::Pack(e) => &e.path,
        }
    }

    /// The article kept there, header and mentions.
    pub fn read(&self) -> Result<Extracted, MentionFileError> {
        match self {
            Spilled::File(file) => read(file),
            Spilled::Pack(entry) => {
                let corrupt = |why| MentionFileError::Corrupt {
                    path: entry.path.clone(),
                    why,
                };
                let bytes = entry.read().map_err(|e| corrupt(e.to_string()))?;
                crate::packentry::decode(&bytes).map_err(corrupt)
            }
        }
    }
}

impl Extracted {
    /// The document as the output lists it.
    pub fn summary(&self) -> DocSummary {
        let h = &self.header;
        DocSummary {
            doc: h.doc.clone(),
            published: h.published.clone(),
            published_basis: basis_name(&h.published_basis),
            publisher: h.publisher.clone(),
            url: h.url.clone(),
            sentences: h.sentences,
            mentions: h.mentions,
        }
    }

    pub fn content_hash(&self) -> u64 {
        u64::from_str_radix(&self.header.content_hash, 16).unwrap_or(0)
    }
}

/// The `&'static str` the summary wants, from its text.
fn basis_name(s: &str) -> &'static str {
    use crate::ingest::PublishedBasis as B;
    [
        B::Manifest,
        B::Header,
        B::Dateline,
        B::InferredYear,
        B::Unknown,
    ]
    .iter()
    .map(|b| b.as_str())
    .find(|n| *n == s)
    .unwrap_or("unknown")
}

pub(crate) const PRECISIONS: [Precision; 10] = [
    Precision::Time,
    Precision::Day,
    Precision::Week,
    Precision::Month,
    Precision::Season,
    Precision::Quarter,
    Precision::Half,
    Precision::Year,
    Precision::Decade,
    Precision::Century,
];

pub(crate) const BASES: [DateBasis; 6] = [
    DateBasis::Sentence,
    DateBasis::Coreference,
    DateBasis::Neighbour,
    DateBasis::Narrative,
    DateBasis::Published,
    DateBasis::None,
];

impl From<&Mention> for MentionRecord {
    fn from(m: &Mention) -> Self {
        MentionRecord {
            sentence: m.sentence,
            start: m.start as usize,
            end: m.end as usize,
            sentence_index: m.sentence_index as usize,
            rule: m.rule.clone(),
            kind: m.kind.clone(),
            cameo: m.cameo.clone(),
            interval: m.date.map(|i| (i.start, i.end)),
            precision: m.precision.map(|p| p.as_str().to_string()),
            date_text: m.date_text.clone(),
            date_basis: m.date_basis.as_str().to_string(),
            actors: m.actors.to_vec(),
            location: m.location,
            actor1: m.actor1,
            actor2: m.actor2,
            killed: m.killed,
            wounded: m.wounded,
            planned: m.planned,
            retells: m.retells.map(|r| r as usize),
            heading: m.heading,
        }
    }
}

impl MentionRecord {
    /// The mention back, with the header's document and date (interned
    /// once per file); `Err` names a field whose value this program does
    /// not know.
    pub(crate) fn into_mention(self, doc: &Sym, published: &Sym) -> Result<Mention, String> {
        let precision = match self.precision {
            None => None,
            Some(p) => Some(
                *PRECISIONS
                    .iter()
                    .find(|x| x.as_str() == p)
                    .ok_or_else(|| format!("unknown precision {p:?}"))?,
            ),
        };
        let date_basis = *BASES
            .iter()
            .find(|x| x.as_str() == self.date_basis)
            .ok_or_else(|| format!("unknown date_basis {:?}", self.date_basis))?;
        if let Some((s, e)) = self.interval
            && s > e
        {
            return Err(format!("interval ends before it starts ({s} > {e})"));
        }
        Ok(Mention {
            doc: doc.clone(),
            published: published.clone(),
            sentence: self.sentence,
            start: offset(self.start)?,
            end: offset(self.end)?,
            sentence_index: offset(self.sentence_index)?,
            rule: self.rule,
            kind: self.kind,
            cameo: self.cameo,
            date: self.interval.map(|(s, e)| Interval::new(s, e)),
            precision,
            date_text: self.date_text,
            date_basis,
            actors: self.actors.into_boxed_slice(),
            location: self.location,
            actor1: self.actor1,
            actor2: self.actor2,
            killed: self.killed,
            wounded: self.wounded,
            planned: self.planned,
            retells: self.retells.map(offset).transpose()?,
            heading: self.heading,
        })
    }
}

/// An offset or index as a mention holds it; articles are never over 4 GB.
fn offset(n: usize) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("offset {n} is beyond 4 GB"))
}

/// FNV-1a over `bytes`, continuing from `h` (start from [`FNV_START`]).
pub fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a's step over 8-byte words instead of bytes: eight times fewer
/// dependent multiplies, which made the byte-wise hash a third of the time
/// spent reading a warm cache. Each step is a bijection of the running
/// value, so changing any one word always changes the result. For checks
/// and cache keys only: ids rest on [`fnv`], which must not change.
pub fn fnv_words(bytes: &[u8]) -> u64 {
    let mut words = bytes.chunks_exact(8);
    let mut h = FNV_START;
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        h = (h ^ w).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    fnv(h ^ bytes.len() as u64, words.remainder())
}

/// The whole file as bytes: header, mentions, trailer.
pub fn encode(header: &Header, mentions: &[Mention]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(512 + mentions.len() * 512);
    let line = |buf: &mut Vec<u8>, v: &dyn erased::Ser| {
        v.write_to(buf);
        buf.push(b'\n');
    };
    line(&mut buf, header);
    for m in mentions {
        line(&mut buf, &MentionRecord::from(m));
    }
    let trailer = Trailer {
        end: true,
        mentions: mentions.len(),
        hash: format!("{:016x}", fnv_words(&buf)),
    };
    line(&mut buf, &trailer);
    buf
}

/// Serialising through `&dyn`, for the one line-writing closure above.
mod erased {
    pub trait Ser {
        fn write_to(&self, buf: &mut Vec<u8>);
    }
    impl<T: serde::Serialize> Ser for T {
        fn write_to(&self, buf: &mut Vec<u8>) {
            // Plain data (strings, numbers, dates) always serialises.
            serde_json::to_writer(buf, self).expect("mention data serialises");
        }
    }
}

/// Writes the file under `dir` as `<key>.jsonl`, whole or not at all (a
/// temporary name renamed into place), and returns its path.
pub fn write(
    dir: &Path,
    header: &Header,
    mentions: &[Mention],
) -> Result<PathBuf, MentionFileError> {
    let path = dir.join(format!("{}.{EXT}", header.key));
    let tmp = dir.join(format!(".tmp-{}-{}", header.key, std::process::id()));
    let io = |source| MentionFileError::Io {
        path: path.clone(),
        source,
    };
    let bytes = encode(header, mentions);
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(&bytes).map_err(io)?;
    drop(f);
    std::fs::rename(&tmp, &path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })?;
    Ok(path)
}

/// Reads and checks a mention file: a missing or wrong trailer, a bad line
/// or another schema is an error, never a partial result.
pub fn read(path: &Path) -> Result<Extracted, MentionFileError> {
    let bytes = std::fs::read(path).map_err(|source| MentionFileError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    decode(path, &bytes)
}

/// [`read`] of bytes already in memory; `path` names them in errors.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Extracted, MentionFileError> {
    let corrupt = |why: &str| MentionFileError::Corrupt {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    let body = bytes
        .strip_suffix(b"\n")
        .ok_or_else(|| corrupt("does not end with a newline"))?;
    let cut = body.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let trailer: Trailer = serde_json::from_slice(&body[cut..])
        .map_err(|_| corrupt("no trailer line (the file was cut short?)"))?;
    // Another version says so before its (differently made) hash is checked.
    #[derive(Deserialize)]
    struct Version {
        schema: u32,
    }
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    if let Ok(Version { schema }) = serde_json::from_slice(first)
        && schema != SCHEMA
    {
        return Err(MentionFileError::Schema {
            path: path.to_path_buf(),
            found: schema,
        });
    }
    if !trailer.end || trailer.hash != format!("{:016x}", fnv_words(&bytes[..cut])) {
        return Err(corrupt("content does not match the trailer's hash"));
    }
    let mut lines = bytes[..cut].split(|&b| b == b'\n');
    let parse = |line: usize, why: String| MentionFileError::Parse {
        path: path.to_path_buf(),
        line,
        why,
    };
    let header: Header = serde_json::from_slice(lines.next().unwrap_or_default())
        .map_err(|e| parse(1, e.to_string()))?;
    if header.schema != SCHEMA {
        return Err(MentionFileError::Schema {
            path: path.to_path_buf(),
            found: header.schema,
        });
    }
    let mut mentions = Vec::with_capacity(trailer.mentions);
    let (doc, published) = (Sym::new(&header.doc), Sym::new(&header.published));
    for (i, line) in lines.filter(|l| !l.is_empty()).enumerate() {
        let rec: MentionRecord =
            serde_json::from_slice(line).map_err(|e| parse(i + 2, e.to_string()))?;
        mentions.push(
            rec.into_mention(&doc, &published)
                .map_err(|e| parse(i + 2, e))?,
        );
    }
    if mentions.len() != trailer.mentions || mentions.len() != header.mentions {
        return Err(corrupt("mention count differs from the header or trailer"));
    }
    Ok(Extracted { header, mentions })
}

/// Mention files directly in `dir`, sorted by name.
pub fn list(dir: &Path) -> Result<Vec<PathBuf>, MentionFileError> {
    let io = |source| MentionFileError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with('.') && path.extension().is_some_and(|e| e == EXT) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(start: u64) -> MentionRecord {
        serde_json::from_str(&format!(
            r#"{{"sentence":"Rebels raided Kidal.","start":{start},"end":20,"sentence_index":0,
            "rule":"raid","kind":"attack","cameo":"190","interval":null,"precision":null,
            "date_text":"","date_basis":"none","actors":[],"location":null,"actor1":null,
            "actor2":null,"killed":null,"wounded":null,"planned":false,"retells":{start},
            "heading":false}}"#
        ))
        .unwrap()
    }

    #[test]
    fn mentions_read_back_share_their_sentence() {
        let (doc, published) = (Sym::new("a.txt"), Sym::new("2025-01-02"));
        let a = record(0).into_mention(&doc, &published).unwrap();
        let b = record(7).into_mention(&doc, &published).unwrap();
        assert!(std::ptr::eq(a.sentence.as_str(), b.sentence.as_str()));
        assert_eq!((b.start, b.retells), (7, Some(7)));
    }

    #[test]
    fn an_offset_beyond_4_gb_is_refused() {
        let (doc, published) = (Sym::new("a.txt"), Sym::new("2025-01-02"));
        let err = record(1 << 32).into_mention(&doc, &published).unwrap_err();
        assert!(err.contains("beyond 4 GB"), "{err}");
    }
}
