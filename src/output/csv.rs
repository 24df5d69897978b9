//! `timeline.csv`: one row per event, for spreadsheets and scripts.

use super::{Format, Out, Timeline, countries, io, names, role_country, role_name, sources};
use crate::error::OutputError;
use crate::merge::Event;
use serde::{Serialize, Serializer};

/// The header, written even when there are no events (serde writes a
/// struct's header only with its first row). A test checks it against the
/// field names of [`EventRow`].
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

/// Text that a spreadsheet must not run: a cell that starts with one of
/// these is a formula to Excel, so the CSV gets a leading apostrophe, which
/// makes it text (OWASP CSV injection advice). The workbook reads `.0` and
/// writes typed string cells instead.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text<'a>(pub std::borrow::Cow<'a, str>);

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Self {
        Text(s.into())
    }
}

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text(s.into())
    }
}

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&cell(&self.0))
    }
}

fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    // The first byte, not char: every one of these is ASCII.
    if matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// One event as a row of the CSV and of the workbook's `events` sheet; the
/// field names are the column names.
#[derive(Debug, Serialize)]
pub struct EventRow<'a> {
    pub id: Text<'a>,
    pub date_start: Option<Text<'a>>,
    pub date_end: Option<Text<'a>>,
    pub precision: Option<&'static str>,
    pub date_text: Text<'a>,
    pub date_basis: &'static str,
    pub event_type: Text<'a>,
    pub cameo: Text<'a>,
    pub summary: Text<'a>,
    pub actors: Text<'a>,
    pub actor_countries: Text<'a>,
    pub actor1: Text<'a>,
    pub actor1_country: Text<'a>,
    pub actor2: Text<'a>,
    pub actor2_country: Text<'a>,
    pub location: Text<'a>,
    pub location_country: Text<'a>,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    pub planned: bool,
    pub mentions: usize,
    pub source: Text<'a>,
    pub published: Text<'a>,
    pub sentence: Text<'a>,
    pub rule: Text<'a>,
    pub start: usize,
    pub end: usize,
}

impl<'a> EventRow<'a> {
    /// The row of `e`; where several mentions tell it, the first one's
    /// sentence, offsets and publication date stand for all.
    pub fn new(e: &'a Event) -> EventRow<'a> {
        let first = &e.mentions[0];
        let location = e.location.as_ref();
        EventRow {
            id: e.id.as_str().into(),
            date_start: e.date_start.as_deref().map(Text::from),
            date_end: e.date_end.as_deref().map(Text::from),
            precision: e.precision.map(|p| p.as_str()),
            date_text: e.date_text.as_str().into(),
            date_basis: e.date_basis.as_str(),
            event_type: e.event_type.as_str().into(),
            cameo: e.cameo.as_str().into(),
            summary: e.summary.as_str().into(),
            actors: names(&e.actors).into(),
            actor_countries: countries(&e.actors).into(),
            actor1: role_name(&e.actor1).into(),
            actor1_country: role_country(&e.actor1).into(),
            actor2: role_name(&e.actor2).into(),
            actor2_country: role_country(&e.actor2).into(),
            location: location.map_or("", |l| l.name.as_str()).into(),
            location_country: location
                .and_then(|l| l.country.as_deref())
                .unwrap_or_default()
                .into(),
            killed: e.killed,
            wounded: e.wounded,
            planned: e.planned,
            mentions: e.mentions.len(),
            source: sources(e).into(),
            published: first.published.as_str().into(),
            sentence: first.sentence.as_str().into(),
            rule: e.rule.as_str().into(),
            start: first.start as usize,
            end: first.end as usize,
        }
    }
}

/// `timeline.csv`: UTF-8 with a byte-order mark, which Excel needs to read
/// UTF-8 and LibreOffice accepts; CRLF line ends, as RFC 4180 has them.
pub struct Csv;

impl Format for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }
    fn file_name(&self) -> &'static str {
        "timeline.csv"
    }
    fn write(&self, t: &Timeline, out: &mut Out) -> Result<(), OutputError> {
        write_csv(out, t.events)
    }
}

/// Writes the CSV of `events` into `out`, row by row.
pub fn write_csv<W: std::io::Write>(out: W, events: &[Event]) -> Result<(), OutputError> {
    let mut rows = CsvRows::start(out)?;
    for e in events {
        rows.row(&EventRow::new(e))?;
    }
    rows.finish()
}

/// The CSV being written, one [`EventRow`] at a time, so the workbook's
/// job can write it from the rows it builds anyway.
pub struct CsvRows<W: std::io::Write> {
    w: csv::Writer<W>,
}

fn ser(e: csv::Error) -> OutputError {
    OutputError::Serialise(e.to_string())
}

impl<W: std::io::Write> CsvRows<W> {
    /// Writes the byte-order mark and the header.
    pub fn start(mut out: W) -> Result<CsvRows<W>, OutputError> {
        out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .has_headers(false)
            .from_writer(out);
        w.write_record(CSV_COLUMNS).map_err(ser)?;
        Ok(CsvRows { w })
    }

    pub fn row(&mut self, r: &EventRow) -> Result<(), OutputError> {
        self.w.serialize(r).map_err(ser)
    }

    pub fn finish(mut self) -> Result<(), OutputError> {
        self.w.flush().map_err(io)
    }
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

    #[test]
    fn the_row_struct_writes_the_documented_columns() {
        let e = super::super::tests::event();
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        w.serialize(EventRow::new(&e)).unwrap();
        let bytes = w.into_inner().unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let header = text.lines().next().unwrap();
        assert_eq!(header, CSV_COLUMNS.join(","));
    }
}
