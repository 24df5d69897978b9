//! One article as a pack entry: the [`Header`] of its mention file in
//! postcard (a compact binary form of the same serde type), then its
//! mentions as numbers into tables of the article's distinct strings,
//! sentences and names. An incremental build reads every cached article
//! back, and as records of strings each mention cost a dozen lookups in the
//! shared string tables and as many allocations; this way each distinct
//! value of an article is looked up once. The pack checks the bytes' hash;
//! this checks that they decode whole, with this program's schema.

use crate::mentionfile::{BASES, Extracted, Header, PRECISIONS, SCHEMA};
use crate::mentions::{Mention, Named};
use crate::sym::{FastMap, Sym};
use crate::temporal::Interval;
use crate::text::Text;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// An article's distinct values, which its mentions point into.
#[derive(Serialize, Deserialize, Default)]
struct Tables<'a> {
    #[serde(borrow)]
    strings: Vec<&'a str>,
    #[serde(borrow)]
    sentences: Vec<&'a str>,
    /// Name, kind and country of each actor or place, as `strings` indices.
    names: Vec<(u32, u32, Option<u32>)>,
}

/// One mention: every field of [`Mention`] except `doc` and `published`,
/// which are the header's; strings, sentences and names as table indices.
#[derive(Serialize, Deserialize)]
struct Record {
    sentence: u32,
    start: u32,
    end: u32,
    sentence_index: u32,
    rule: u32,
    kind: u32,
    cameo: u32,
    /// Days from 1 January of year 1, both ends inclusive.
    interval: Option<(i32, i32)>,
    /// Index into `PRECISIONS`.
    precision: Option<u8>,
    date_text: u32,
    /// Index into `BASES`.
    date_basis: u8,
    actors: Vec<u32>,
    location: Option<u32>,
    actor1: Option<u32>,
    actor2: Option<u32>,
    killed: Option<u32>,
    wounded: Option<u32>,
    planned: bool,
    retells: Option<u32>,
    heading: bool,
}

/// The tables an article's mentions are written against, being filled.
#[derive(Default)]
struct Index<'a> {
    tables: Tables<'a>,
    strings: FastMap<&'a str, u32>,
    sentences: FastMap<&'a str, u32>,
    names: FastMap<Named, u32>,
}

/// The index of `value` in `table`, added if new.
fn slot<'a>(table: &mut Vec<&'a str>, seen: &mut FastMap<&'a str, u32>, value: &'a str) -> u32 {
    *seen.entry(value).or_insert_with(|| {
        table.push(value);
        table.len() as u32 - 1
    })
}

impl<'a> Index<'a> {
    fn string(&mut self, s: &'a str) -> u32 {
        slot(&mut self.tables.strings, &mut self.strings, s)
    }

    fn name(&mut self, n: &'a Named) -> u32 {
        if let Some(&i) = self.names.get(n) {
            return i;
        }
        let parts = (
            self.string(n.name.as_str()),
            self.string(n.kind.as_str()),
            n.country.as_ref().map(|c| self.string(c.as_str())),
        );
        self.tables.names.push(parts);
        let i = self.tables.names.len() as u32 - 1;
        self.names.insert(*n, i);
        i
    }

    fn record(&mut self, m: &'a Mention) -> Record {
        let sentence = slot(
            &mut self.tables.sentences,
            &mut self.sentences,
            m.sentence.as_str(),
        );
        Record {
            sentence,
            start: m.start,
            end: m.end,
            sentence_index: m.sentence_index,
            rule: self.string(m.rule.as_str()),
            kind: self.string(m.kind.as_str()),
            cameo: self.string(m.cameo.as_str()),
            interval: m
                .date
                .map(|i| (i.start.num_days_from_ce(), i.end.num_days_from_ce())),
            precision: m
                .precision
                .map(|p| PRECISIONS.iter().position(|x| *x == p).unwrap_or(0) as u8),
            date_text: self.string(m.date_text.as_str()),
            date_basis: BASES.iter().position(|x| *x == m.date_basis).unwrap_or(0) as u8,
            actors: m.actors.iter().map(|a| self.name(a)).collect(),
            location: m.location.as_ref().map(|n| self.name(n)),
            actor1: m.actor1.as_ref().map(|n| self.name(n)),
            actor2: m.actor2.as_ref().map(|n| self.name(n)),
            killed: m.killed,
            wounded: m.wounded,
            planned: m.planned,
            retells: m.retells,
            heading: m.heading,
        }
    }
}

/// The entry's bytes: the header, the tables, then one record per mention.
/// A change of this layout bumps the pack's `MAGIC`.
pub fn encode(header: &Header, mentions: &[Mention]) -> Vec<u8> {
    let mut index = Index::default();
    let records: Vec<Record> = mentions.iter().map(|m| index.record(m)).collect();
    let mut buf = Vec::with_capacity(256 + mentions.len() * 64);
    // Plain data (strings, numbers) always serialises.
    let put = |buf: Vec<u8>, v: &dyn erased::Ser| v.extend(buf);
    buf = put(buf, header);
    buf = put(buf, &index.tables);
    for r in &records {
        buf = put(buf, r);
    }
    buf
}

/// The article back from [`encode`]'s bytes; `Err` says what is wrong.
pub fn decode(bytes: &[u8]) -> Result<Extracted, String> {
    let (header, rest) =
        postcard::take_from_bytes::<Header>(bytes).map_err(|e| format!("entry header: {e}"))?;
    if header.schema != SCHEMA {
        return Err(format!(
            "schema version {}, this program reads {SCHEMA}",
            header.schema
        ));
    }
    let (tables, mut rest) =
        postcard::take_from_bytes::<Tables<'_>>(rest).map_err(|e| format!("entry tables: {e}"))?;
    let values = Values::of(&tables)?;
    let (doc, published) = (Sym::new(&header.doc), Sym::new(&header.published));
    let mut mentions = Vec::with_capacity(header.mentions.min(rest.len()));
    for i in 0..header.mentions {
        let (rec, more) = postcard::take_from_bytes::<Record>(rest)
            .map_err(|e| format!("mention {}: {e}", i + 1))?;
        mentions.push(
            values
                .mention(rec, &doc, &published)
                .map_err(|e| format!("mention {}: {e}", i + 1))?,
        );
        rest = more;
    }
    if !rest.is_empty() {
        return Err("bytes after the last mention".to_string());
    }
    Ok(Extracted { header, mentions })
}

/// An entry's tables as the shared values mentions hold.
struct Values {
    strings: Vec<Sym>,
    sentences: Vec<Text>,
    names: Vec<Named>,
}

impl Values {
    fn of(t: &Tables<'_>) -> Result<Values, String> {
        let strings: Vec<Sym> = t.strings.iter().map(|s| Sym::new(s)).collect();
        let sym = |i: u32| at(&strings, i).cloned();
        let names = (t.names.iter())
            .map(|&(name, kind, country)| {
                Ok(Named::new(
                    sym(name)?,
                    sym(kind)?,
                    country.map(sym).transpose()?,
                ))
            })
            .collect::<Result<_, String>>()?;
        Ok(Values {
            sentences: t.sentences.iter().map(|s| Text::new(s)).collect(),
            names,
            strings,
        })
    }

    fn mention(&self, r: Record, doc: &Sym, published: &Sym) -> Result<Mention, String> {
        let sym = |i: u32| at(&self.strings, i).cloned();
        let name = |i: u32| at(&self.names, i).copied();
        let precision = r
            .precision
            .map(|p| at(&PRECISIONS, p.into()).copied())
            .transpose()?;
        let date = match r.interval {
            None => None,
            Some((s, e)) => {
                let (s, e) = (day(s)?, day(e)?);
                if s > e {
                    return Err(format!("interval ends before it starts ({s} > {e})"));
                }
                Some(Interval::new(s, e))
            }
        };
        Ok(Mention {
            doc: doc.clone(),
            published: published.clone(),
            sentence: *at(&self.sentences, r.sentence)?,
            start: r.start,
            end: r.end,
            sentence_index: r.sentence_index,
            rule: sym(r.rule)?,
            kind: sym(r.kind)?,
            cameo: sym(r.cameo)?,
            date,
            precision,
            date_text: sym(r.date_text)?,
            date_basis: *at(&BASES, r.date_basis.into())?,
            actors: r.actors.into_iter().map(name).collect::<Result<_, _>>()?,
            location: r.location.map(name).transpose()?,
            actor1: r.actor1.map(name).transpose()?,
            actor2: r.actor2.map(name).transpose()?,
            killed: r.killed,
            wounded: r.wounded,
            planned: r.planned,
            retells: r.retells,
            heading: r.heading,
        })
    }
}

/// Entry `i` of a table, or what is wrong.
fn at<T>(table: &[T], i: u32) -> Result<&T, String> {
    table
        .get(i as usize)
        .ok_or_else(|| format!("index {i} beyond a table of {}", table.len()))
}

/// The date `days` after 31 December of year 0.
fn day(days: i32) -> Result<NaiveDate, String> {
    NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| format!("no such day: {days}"))
}

/// Serialising through `&dyn`, for the one appending closure above.
mod erased {
    pub trait Ser {
        fn extend(&self, buf: Vec<u8>) -> Vec<u8>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn extend(&self, buf: Vec<u8>) -> Vec<u8> {
            postcard::to_extend(self, buf).expect("mention data serialises")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentionfile::encode as encode_jsonl;

    fn header(mentions: usize) -> Header {
        Header {
            schema: SCHEMA,
            doc: "a.txt".into(),
            published: "2024-05-03".into(),
            published_basis: "header".into(),
            publisher: None,
            url: Some("https://example.org/a".into()),
            content_hash: "00000000000000ff".into(),
            key: "0123456789abcdef".into(),
            stamp: "stamp".into(),
            warnings: vec!["a warning".into()],
            sentences: 3,
            mentions,
        }
    }

    #[test]
    fn an_entry_decodes_to_what_its_mention_file_holds() {
        let tmp = tempfile::tempdir().unwrap();
        let jsonl = tmp.path().join("x.jsonl");
        // A real article's mentions: the test corpus's first seed-like text.
        let text =
            "date 2024-05-03\nThe foreign ministers of Chile and Peru met in Lima on Friday.\n";
        let arts = tmp.path().join("arts");
        std::fs::create_dir_all(&arts).unwrap();
        std::fs::write(arts.join("a.txt"), text).unwrap();
        let engine = crate::pipeline::Engine::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"),
        )
        .unwrap();
        let out = crate::pipeline::build(&engine, &arts, &|| {}).unwrap();
        let mentions: Vec<Mention> = out
            .events
            .iter()
            .flat_map(|e| e.mentions.iter().cloned())
            .collect();
        assert!(!mentions.is_empty(), "the text should yield a mention");
        let h = header(mentions.len());
        std::fs::write(&jsonl, encode_jsonl(&h, &mentions)).unwrap();
        let want = crate::mentionfile::read(&jsonl).unwrap();
        let got = decode(&encode(&h, &mentions)).unwrap();
        assert_eq!(got.header, want.header);
        assert_eq!(
            format!("{:?}", got.mentions),
            format!("{:?}", want.mentions)
        );
    }

    /// A mention with every field set, sharing values with `other`.
    fn full(sentence: &str, other: Option<&Mention>) -> Mention {
        let kabul = Named::new("Kabul".into(), "place".into(), Some("AF".into()));
        let dar = Named::new("Ishaq Dar".into(), "person".into(), Some("PK".into()));
        let day = |d| NaiveDate::from_ymd_opt(2024, 3, d).unwrap();
        Mention {
            doc: "a.txt".into(),
            published: "2024-05-03".into(),
            sentence: Text::new(sentence),
            start: 7,
            end: 7 + sentence.len() as u32,
            sentence_index: 2,
            rule: "meeting.met".into(),
            kind: "meeting".into(),
            cameo: "040".into(),
            date: Some(Interval::new(day(1), day(11))),
            precision: Some(crate::temporal::Precision::Month),
            date_text: "Earlier this month".into(),
            date_basis: crate::mentions::DateBasis::Coreference,
            actors: vec![dar, kabul].into_boxed_slice(),
            location: Some(kabul),
            actor1: Some(dar),
            actor2: other.and_then(|o| o.actor1),
            killed: Some(3),
            wounded: None,
            planned: true,
            retells: other.map(|o| o.start),
            heading: false,
        }
    }

    #[test]
    fn every_field_comes_back_with_shared_values_written_once() {
        let a = full("Dar met officials in Kabul.", None);
        let mut b = full("Dar met officials in Kabul.", Some(&a));
        b.precision = None;
        b.date = None;
        b.location = None;
        let c = full("Another sentence, in Kabul.", Some(&b));
        let mentions = vec![a, b, c];
        let bytes = encode(&header(3), &mentions);
        let got = decode(&bytes).unwrap();
        assert_eq!(format!("{:?}", got.mentions), format!("{:?}", mentions));
        // Each distinct string once: "Earlier this month" is in every mention.
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.matches("Earlier this month").count(), 1);
        assert_eq!(text.matches("Dar met officials").count(), 1);
    }

    #[test]
    fn an_entry_with_an_index_beyond_its_tables_is_refused() {
        let mut bytes = encode(&header(1), &[full("Dar met officials.", None)]);
        assert!(decode(&bytes).is_ok());
        // The record's first field is its sentence: point it past the table.
        let first_record = bytes.len()
            - postcard::to_allocvec(&Record {
                sentence: 0,
                ..index_record()
            })
            .unwrap()
            .len();
        bytes[first_record] = 9;
        assert!(decode(&bytes).unwrap_err().contains("beyond a table"));
    }

    /// The record [`full`]'s mention is written as, alone in its entry.
    fn index_record() -> Record {
        let m = full("Dar met officials.", None);
        Index::default().record(Box::leak(Box::new(m)))
    }

    #[test]
    fn a_cut_or_padded_entry_is_refused() {
        let bytes = encode(&header(0), &[]);
        assert!(decode(&bytes).is_ok());
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
        let mut padded = bytes.clone();
        padded.push(0);
        assert!(decode(&padded).is_err());
        let other = Header {
            schema: SCHEMA + 1,
            ..header(0)
        };
        assert!(decode(&encode(&other, &[])).unwrap_err().contains("schema"));
    }
}
