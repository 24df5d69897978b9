//! Output stage: the timeline in every format a build writes. Each format
//! is one file here implementing [`Format`]; [`artifacts`] lists them, so a
//! new format is one file and one line. All files of one build are
//! published together as one generation ([`publish`]), so a kill, a full
//! disk or a concurrent build never leaves a CSV from one run beside a JSON
//! from another.
//!
//! Every format streams into a buffered file: memory while writing stays
//! that of one row, not of the document, however large the timeline.

use crate::error::OutputError;
use crate::mentions::Named;
use crate::merge::Event;
use std::io::Write;
use std::path::Path;

mod csv;
mod documents;
mod html;
mod json;
mod jsonl;
mod package;
mod publish;
mod shared_strings;
mod xlsx;

pub use self::csv::{CSV_COLUMNS, Csv, EventRow, Text, write_csv};
pub use documents::DocSummary;
pub use html::{HTML_MAX_EVENTS, Html};
pub use json::{Json, write_json, write_json_and_lines, write_json_lines_and_page};
pub use jsonl::JsonLines;
pub use publish::{
    FillMany, Job, OutLock, TMP_PREFIX, check_out, lock, publish, publish_jobs, remove_stale,
};
pub use xlsx::{Xlsx, write_xlsx_and_csv};

/// Names the program in the JSON and the page, so a file says what made it.
pub const GENERATOR: &str = concat!("dateline ", env!("CARGO_PKG_VERSION"));

/// The stream a format writes into: `Send` because the workbook's zip
/// writer requires it.
pub type Out<'w> = dyn Write + Send + 'w;

/// What every format is written from.
#[derive(Clone, Copy)]
pub struct Timeline<'a> {
    pub events: &'a [Event],
    pub documents: &'a [DocSummary],
}

/// One output format: one file of every generation.
pub trait Format: Sync {
    /// Short name of the format, for messages.
    fn name(&self) -> &'static str;
    /// The file it writes in `--out`.
    fn file_name(&self) -> &'static str;
    /// Writes the whole file into `out` (buffered; hashed and published by
    /// [`publish`]).
    fn write(&self, timeline: &Timeline, out: &mut Out) -> Result<(), OutputError>;
}

/// Every format a build writes, in the order they are written.
pub fn artifacts() -> &'static [&'static dyn Format] {
    &[&Csv, &Json, &JsonLines, &Xlsx, &Html]
}

/// Writes one file of the timeline into the stream it is given. `Send`
/// and `Sync` because the files of a generation are written on several
/// threads at once.
pub type Fill<'a> = Box<dyn Fn(&mut Out) -> Result<(), OutputError> + Send + Sync + 'a>;

/// One file of a timeline generation, as [`publish`] writes it.
pub struct Artifact<'a> {
    pub name: &'static str,
    pub fill: Fill<'a>,
}

/// Writes every format into `out` as one generation (see [`publish`]).
pub fn write(out: &Path, events: &[Event], documents: &[DocSummary]) -> Result<(), OutputError> {
    let timeline = Timeline { events, documents };
    publish_jobs(out, &jobs(timeline))
}

/// The files of [`artifacts`] as jobs that run at once, heaviest first so
/// the workbook does not start last: the JSON, the JSON Lines and the page
/// share a job, since they carry the same serialised events, and the
/// workbook and the CSV share one, since they carry the same rows.
fn jobs(t: Timeline<'_>) -> Vec<Job<'_>> {
    vec![
        Job {
            names: vec![Xlsx.file_name(), Csv.file_name()],
            fill: Box::new(move |outs: &mut [&mut Out]| match outs {
                [xlsx, csv] => write_xlsx_and_csv(&mut **xlsx, &mut **csv, t.events, t.documents),
                _ => unreachable!("the workbook's job has two files"),
            }),
        },
        Job {
            names: vec![Json.file_name(), JsonLines.file_name(), Html.file_name()],
            fill: Box::new(move |outs: &mut [&mut Out]| match outs {
                [json, lines, page] => {
                    write_json_lines_and_page(&mut **json, &mut **lines, &mut **page, &t)
                }
                _ => unreachable!("the JSON job has three files"),
            }),
        },
    ]
}

/// Names joined as the CSV and the workbook show them.
pub(crate) fn names(v: &[Named]) -> String {
    v.iter()
        .map(|n| n.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Distinct country codes of `v`, in order.
pub(crate) fn countries(v: &[Named]) -> String {
    let mut c: Vec<&str> = Vec::new();
    for n in v {
        if let Some(code) = n.country.as_deref()
            && !c.contains(&code)
        {
            c.push(code);
        }
    }
    c.join("; ")
}

/// Borrowed, not copied: the CSV and the workbook each ask for every
/// event's roles.
pub(crate) fn role_name(r: &Option<Named>) -> &str {
    r.as_ref().map_or("", |n| n.name.as_str())
}

pub(crate) fn role_country(r: &Option<Named>) -> &str {
    r.as_ref()
        .and_then(|n| n.country.as_ref().map(|c| c.as_str()))
        .unwrap_or_default()
}

/// The distinct articles that tell `e`, in mention order. An event told by
/// thousands of articles finds them distinct through a set: a list's
/// `contains` made that quadratic.
pub(crate) fn sources(e: &Event) -> String {
    let mut out = String::new();
    let mut push = |doc: &str| {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(doc);
    };
    if e.mentions.len() <= 8 {
        let mut seen: Vec<&str> = Vec::with_capacity(e.mentions.len());
        for m in &e.mentions {
            if !seen.contains(&m.doc.as_ref()) {
                seen.push(m.doc.as_ref());
                push(m.doc.as_ref());
            }
        }
    } else {
        let mut seen = crate::sym::FastSet::with_capacity_and_hasher(
            e.mentions.len(),
            crate::sym::FastBuild::default(),
        );
        for m in &e.mentions {
            if seen.insert(m.doc.as_ref()) {
                push(m.doc.as_ref());
            }
        }
    }
    out
}

/// Maps a writer's error to the one every format returns.
pub(crate) fn io(e: std::io::Error) -> OutputError {
    OutputError::Serialise(e.to_string())
}

/// Streams what `fill` writes to `path` through a temporary file in the same
/// folder, renamed over `path` only once complete. For a single file outside
/// the timeline's generation; the timeline itself goes through [`publish`].
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), OutputError>,
) -> Result<(), OutputError> {
    let err = |source| OutputError::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(err)?;
    let tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .tempfile_in(dir)
        .map_err(err)?;
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, tmp);
    fill(&mut buf)?;
    let tmp = buf.into_inner().map_err(|e| err(e.into_error()))?;
    tmp.as_file().sync_all().map_err(err)?;
    // Temporary files are private; the timeline is for everyone to read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(err)?;
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::mentions::{DateBasis, Mention};
    use crate::temporal::{Interval, Precision};

    fn named(name: &str, kind: &str, country: &str) -> Named {
        Named::new(name.into(), kind.into(), Some(country.into()))
    }

    /// An event with a distinct value in every column, told twice.
    pub(crate) fn event() -> Event {
        let day = chrono::NaiveDate::from_ymd_opt(2031, 3, 9).unwrap();
        let mention = |doc: &str, start: u32| Mention {
            doc: doc.into(),
            published: "2031-03-10".into(),
            sentence: "=Quito and Lima signed a border accord <b>on Sunday</b>.".into(),
            start,
            end: start + 57,
            sentence_index: 0,
            rule: "agreement.sign".into(),
            kind: "agreement".into(),
            cameo: "057".into(),
            date: Some(Interval {
                start: day,
                end: day,
            }),
            precision: Some(Precision::Day),
            date_text: "on Sunday".into(),
            date_basis: DateBasis::Sentence,
            actors: Box::default(),
            location: None,
            actor1: None,
            actor2: None,
            killed: None,
            wounded: None,
            planned: false,
            retells: None,
            heading: false,
        };
        Event {
            id: "ev-0123456789ab".into(),
            event_type: "agreement".into(),
            cameo: "057".into(),
            date_start: Some("2031-03-09".into()),
            date_end: Some("2031-03-09".into()),
            precision: Some(Precision::Day),
            date_text: "on Sunday".into(),
            date_basis: DateBasis::Sentence,
            summary: "Ecuador and Peru: agreement".into(),
            actors: vec![
                named("Ecuador", "country", "EC"),
                named("Peru", "country", "PE"),
            ],
            location: Some(named("Tumbes", "city", "PE")),
            actor1: Some(named("Ecuador", "country", "EC")),
            actor2: Some(named("Peru", "country", "PE")),
            killed: Some(3),
            wounded: None,
            planned: true,
            rule: "agreement.sign".into(),
            merged_because: vec!["same agreement, shared Tumbes".into()],
            mentions: vec![mention("quito.txt", 10), mention("lima.md", 200)],
            interval: None,
        }
    }

    fn put(w: &mut dyn Write, bytes: &[u8]) -> Result<(), OutputError> {
        w.write_all(bytes)
            .map_err(|e| OutputError::Serialise(e.to_string()))
    }

    /// Every format is written, once.
    #[test]
    fn the_jobs_write_every_artifact() {
        let t = Timeline {
            events: &[],
            documents: &[],
        };
        let mut got: Vec<&str> = jobs(t).iter().flat_map(|j| j.names.clone()).collect();
        let mut want: Vec<&str> = artifacts().iter().map(|f| f.file_name()).collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        write_atomic(&p, |w| put(w, b"one")).unwrap();
        write_atomic(&p, |w| put(w, b"two")).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o644
            );
        }
    }

    #[test]
    fn failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        write_atomic(&p, |w| put(w, b"old")).unwrap();
        let r = write_atomic(&p, |w| {
            w.write_all(b"half").unwrap();
            Err(OutputError::Serialise("boom".into()))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file removed"
        );
    }
}
