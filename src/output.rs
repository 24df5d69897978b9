//! Output stage: the timeline as CSV (for spreadsheets) and JSON. All files
//! of one build are published together as one generation ([`publish`]), so
//! a kill, a full disk or a concurrent build never leaves a CSV from one run
//! beside a JSON from another.

use crate::error::OutputError;
use crate::mentions::Named;
use crate::merge::Event;
use crate::pipeline::DocSummary;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

mod publish;
pub use publish::{OutLock, TMP_PREFIX, check_out, lock, publish, remove_stale};

pub const CSV_COLUMNS: [&str; 27] = [
    "id",
    "date_start",
    "date_end",
    "precision",
    "date_text",
    "date_basis",
    "event_type",
    "cameo",
    "summary",
    "actors",
    "actor_countries",
    "actor1",
    "actor1_country",
    "actor2",
    "actor2_country",
    "location",
    "location_country",
    "killed",
    "wounded",
    "planned",
    "mentions",
    "source",
    "published",
    "sentence",
    "rule",
    "start",
    "end",
];

/// A spreadsheet runs a cell that starts with one of these as a formula;
/// a leading apostrophe makes it text (OWASP CSV injection advice).
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
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

pub(crate) fn role_name(r: &Option<Named>) -> String {
    r.as_ref().map(|n| n.name.clone()).unwrap_or_default()
}

pub(crate) fn role_country(r: &Option<Named>) -> String {
    r.as_ref()
        .and_then(|n| n.country.clone())
        .unwrap_or_default()
}

/// Writes the CSV: UTF-8 with a byte-order mark, which Excel needs to read
/// UTF-8 and LibreOffice accepts.
pub fn write_csv<W: Write>(out: W, events: &[Event]) -> Result<(), OutputError> {
    let ser = |e: csv::Error| OutputError::Serialise(e.to_string());
    let mut out = out;
    out.write_all(b"\xEF\xBB\xBF")
        .map_err(|e| OutputError::Serialise(e.to_string()))?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(CSV_COLUMNS).map_err(ser)?;
    for e in events {
        let first = &e.mentions[0];
        let mut sources: Vec<&str> = Vec::new();
        for m in &e.mentions {
            if !sources.contains(&m.doc.as_str()) {
                sources.push(&m.doc);
            }
        }
        let row = [
            e.id.clone(),
            e.date_start.clone().unwrap_or_default(),
            e.date_end.clone().unwrap_or_default(),
            e.precision
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            e.date_text.clone(),
            e.date_basis.as_str().to_string(),
            e.event_type.clone(),
            e.cameo.clone(),
            e.summary.clone(),
            names(&e.actors),
            countries(&e.actors),
            role_name(&e.actor1),
            role_country(&e.actor1),
            role_name(&e.actor2),
            role_country(&e.actor2),
            e.location
                .as_ref()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            e.location
                .as_ref()
                .and_then(|l| l.country.clone())
                .unwrap_or_default(),
            e.killed.map(|k| k.to_string()).unwrap_or_default(),
            e.wounded.map(|k| k.to_string()).unwrap_or_default(),
            e.planned.to_string(),
            e.mentions.len().to_string(),
            sources.join("; "),
            first.published.clone(),
            first.sentence.clone(),
            e.rule.clone(),
            first.start.to_string(),
            first.end.to_string(),
        ];
        w.write_record(row.iter().map(|s| cell(s))).map_err(ser)?;
    }
    w.flush().map_err(|e| OutputError::Serialise(e.to_string()))
}

#[derive(Serialize)]
struct Timeline<'a> {
    generator: &'static str,
    documents: &'a [DocSummary],
    events: &'a [Event],
}

/// Writes the JSON timeline: the documents read and the events.
pub fn write_json<W: Write>(
    mut out: W,
    events: &[Event],
    documents: &[DocSummary],
) -> Result<(), OutputError> {
    let timeline = Timeline {
        generator: concat!("dateline ", env!("CARGO_PKG_VERSION")),
        documents,
        events,
    };
    serde_json::to_writer_pretty(&mut out, &timeline)
        .map_err(|e| OutputError::Serialise(e.to_string()))?;
    out.write_all(b"\n")
        .map_err(|e| OutputError::Serialise(e.to_string()))
}

/// Writes one file of the timeline into the stream it is given.
pub type Fill<'a> = Box<dyn Fn(&mut dyn Write) -> Result<(), OutputError> + 'a>;

/// One file of a timeline generation: adding a format is one more entry in
/// [`artifacts`].
pub struct Artifact<'a> {
    pub name: &'static str,
    pub fill: Fill<'a>,
}

/// Every file a build publishes, in the order they are written.
pub fn artifacts<'a>(events: &'a [Event], documents: &'a [DocSummary]) -> Vec<Artifact<'a>> {
    vec![
        Artifact {
            name: "timeline.csv",
            fill: Box::new(move |w| write_csv(w, events)),
        },
        Artifact {
            name: "timeline.json",
            fill: Box::new(move |w| write_json(w, events, documents)),
        },
        Artifact {
            name: "timeline.xlsx",
            fill: Box::new(move |w| crate::xlsx::write_xlsx(w, events, documents)),
        },
        Artifact {
            name: "timeline.html",
            fill: Box::new(move |w| crate::html::write_html(w, events, documents)),
        },
    ]
}

/// Writes every artifact into `out` as one generation (see [`publish`]).
pub fn write(out: &Path, events: &[Event], documents: &[DocSummary]) -> Result<(), OutputError> {
    publish(out, &artifacts(events, documents))
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
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("2025-04-19"), "2025-04-19");
        assert_eq!(cell("\u{2013} a dash"), "\u{2013} a dash");
    }

    fn put(w: &mut dyn Write, bytes: &[u8]) -> Result<(), OutputError> {
        w.write_all(bytes)
            .map_err(|e| OutputError::Serialise(e.to_string()))
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
