//! The timeline as a workbook, for analysts who open it in a spreadsheet.
//!
//! A CSV leaves every type to the importer's guess: LibreOffice and pandas
//! turn the CAMEO code `057` into 57 and a `date_text` of "2012" into a
//! number. Here every cell has its type written down: dates are date cells,
//! codes and words are text, counts are numbers, and nothing is a formula
//! (text is always written as a string, so `=…` stays text).

use super::csv::CsvRows;
use super::package::{Package, SheetSpec, Style, ZipResult};
use super::{CSV_COLUMNS, DocSummary, EventRow, Out, Text, Timeline};
use crate::error::OutputError;
use crate::merge::Event;
use std::borrow::Cow;
use std::io::Write;

/// Columns of the mentions sheet: every sentence that tells an event.
const MENTION_COLUMNS: [&str; 10] = [
    "event_id",
    "event_type",
    "doc",
    "published",
    "sentence",
    "start",
    "end",
    "rule",
    "date_text",
    "date_basis",
];

/// Widths (in characters) by column name; the long texts get a wide,
/// wrapped column, the rest fit their usual content.
fn width(column: &str) -> f64 {
    match column {
        "sentence" => 70.0,
        "summary" => 45.0,
        "source" | "doc" | "actors" => 28.0,
        "date_text" | "location" | "rule" => 22.0,
        "id" | "event_id" => 16.0,
        "date_start" | "date_end" | "published" | "event_type" => 12.0,
        "precision" | "date_basis" | "actor_countries" => 11.0,
        "location_country" => 9.0,
        _ => 8.0,
    }
}

/// Columns whose text may be long: wrapped so the row shows all of it.
fn wrapped(column: &str) -> bool {
    matches!(
        column,
        "sentence" | "summary" | "source" | "actors" | "doc" | "date_text"
    )
}

/// Columns that repeat a few values (kinds, rules, codes, countries,
/// places): their text goes into the shared string table
/// ([`super::shared_strings`]), the rest inline.
fn repeats(column: &str) -> bool {
    matches!(
        column,
        "event_type"
            | "cameo"
            | "precision"
            | "date_text"
            | "date_basis"
            | "actor_countries"
            | "actor1"
            | "actor1_country"
            | "actor2"
            | "actor2_country"
            | "location"
            | "location_country"
            | "planned"
            | "rule"
            | "published_basis"
            | "publisher"
    )
}

/// Points per line of text. A file does not store the height a row needs
/// for its wrapped text, and not every reader computes it, so it is written.
const ROW_HEIGHT: f64 = 15.0;

/// Sheets with more rows than this get no written row heights. The
/// writer once kept every height in memory (about 350 bytes a row); rows
/// now stream, but a large sheet keeps the layout it had, so the workbook
/// reads as before. Their wrapped cells show at the default height until
/// the reader fits the row (LibreOffice does on opening; Excel on a
/// double-click).
const HEIGHTS_UP_TO: usize = 10_000;

/// Lines the tallest wrapped cell of a row takes at its column's width.
fn lines(values: &[Value], columns: &[&str]) -> f64 {
    let mut most = 1usize;
    for (v, column) in values.iter().zip(columns) {
        if let (Value::Text(s), true) = (v, wrapped(column)) {
            let per_line = (width(column) * 1.3) as usize;
            most = most.max(s.chars().count().div_ceil(per_line.max(1)));
        }
    }
    most.min(12) as f64
}

/// Excel refuses a cell of more than 32,767 characters; an event told by
/// thousands of articles has a `source` list that long. The cell keeps
/// what fits and says where the rest is, rather than failing the build.
const CELL_LIMIT: usize = 32_767;
/// The last row index of a sheet (Excel's limit, 1,048,576 rows).
const MAX_ROW: u32 = 1_048_575;
const CUT_NOTE: &str = " … (cut: the full text is in timeline.csv)";

fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units; a char is at most two.
    if s.len() <= CELL_LIMIT || s.encode_utf16().count() <= CELL_LIMIT {
        return std::borrow::Cow::Borrowed(s);
    }
    let room = CELL_LIMIT - CUT_NOTE.encode_utf16().count();
    let mut units = 0;
    let end = s
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > room
        })
        .map_or(s.len(), |(i, _)| i);
    std::borrow::Cow::Owned(format!("{}{CUT_NOTE}", &s[..end]))
}

/// A cell's value before it is typed. Text borrows from the timeline
/// where it can: the writer copies it into a `String` of its own anyway.
enum Value<'a> {
    Text(Cow<'a, str>),
    /// An ISO date of a day, a month or a year: the first day, shown at the
    /// precision the text had, so a month stays "2025-04" yet sorts as a date.
    Date(Cow<'a, str>),
    Number(f64),
    Empty,
}

fn text(s: &str) -> Value<'_> {
    if s.is_empty() {
        Value::Empty
    } else {
        Value::Text(Cow::Borrowed(s))
    }
}

fn date(s: Option<Text<'_>>) -> Value<'_> {
    match s {
        Some(Text(d)) if !d.is_empty() => Value::Date(d),
        _ => Value::Empty,
    }
}

fn cell(t: Text<'_>) -> Value<'_> {
    if t.0.is_empty() {
        Value::Empty
    } else {
        Value::Text(t.0)
    }
}

fn count<'a>(n: Option<u32>) -> Value<'a> {
    n.map_or(Value::Empty, |k| Value::Number(f64::from(k)))
}

/// One event's row: the CSV's row, each cell typed.
fn event_row(r: EventRow<'_>) -> [Value<'_>; CSV_COLUMNS.len()] {
    [
        cell(r.id),
        date(r.date_start),
        date(r.date_end),
        text(r.precision.unwrap_or_default()),
        cell(r.date_text),
        text(r.date_basis),
        cell(r.event_type),
        cell(r.cameo),
        cell(r.summary),
        cell(r.actors),
        cell(r.actor_countries),
        cell(r.actor1),
        cell(r.actor1_country),
        cell(r.actor2),
        cell(r.actor2_country),
        cell(r.location),
        cell(r.location_country),
        count(r.killed),
        count(r.wounded),
        text(if r.planned { "true" } else { "false" }),
        Value::Number(r.mentions as f64),
        cell(r.source),
        date(Some(r.published)),
        cell(r.sentence),
        cell(r.rule),
        Value::Number(r.start as f64),
        Value::Number(r.end as f64),
    ]
}

/// The year, month, day and precision of a date in one of the three
/// shapes the timeline writes, read straight from its bytes: splitting
/// and parsing every date cell showed in profiles. `None` for any other
/// shape, which [`split_parts`] reads.
fn iso_parts(s: &str) -> Option<(i32, u32, u32, Style)> {
    let b = s.as_bytes();
    let number = |at: usize, len: usize| {
        b[at..at + len].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let dash = |at: usize| b[at] == b'-';
    let year = || number(0, 4).map(|y| y as i32);
    match b.len() {
        4 => Some((year()?, 1, 1, Style::Year)),
        7 if dash(4) => Some((year()?, number(5, 2)?, 1, Style::Month)),
        10 if dash(4) && dash(7) => Some((year()?, number(5, 2)?, number(8, 2)?, Style::Day)),
        _ => None,
    }
}

/// [`iso_parts`] for any text: parts split at `-`, each a number.
fn split_parts(s: &str) -> Option<(i32, u32, u32, Style)> {
    let mut parts = s.split('-').map(|p| p.parse::<u32>().ok());
    let year = i32::try_from(parts.next()??).ok()?;
    let month = parts.next();
    let day = parts.next();
    match (month, day) {
        (None, None) => Some((year, 1, 1, Style::Year)),
        (Some(m), None) => Some((year, m?, 1, Style::Month)),
        (Some(m), Some(d)) => Some((year, m?, d?, Style::Day)),
        (None, Some(_)) => None,
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` to Excel's serial number of
/// its first day and the style that shows it at that precision.
fn excel_date(s: &str) -> Option<(f64, Style)> {
    let (year, m, d, style) = iso_parts(s).or_else(|| split_parts(s))?;
    // Excel's calendar runs from 1900 to 9999: other dates stay text.
    if !(1900..=9999).contains(&year) {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(year, m, d)?;
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let mut serial = (date - epoch).num_days();
    // Excel counts a 29 February 1900 that never was: days before it are
    // one less than the count from its epoch.
    if date < chrono::NaiveDate::from_ymd_opt(1900, 3, 1)? {
        serial -= 1;
    }
    Some((serial as f64, style))
}

/// How a column's text is written: decided once per sheet, not by
/// matching the column's name for every cell.
#[derive(Clone, Copy)]
struct Layout {
    text_style: Style,
    shared: bool,
}

impl Layout {
    fn of(column: &str) -> Layout {
        Layout {
            text_style: if wrapped(column) {
                Style::Wrap
            } else {
                Style::Text
            },
            shared: repeats(column),
        }
    }
}

/// Writes one cell into the current row.
fn put<W: Write>(ws: &mut super::package::Sheet<'_, W>, col: usize, v: Value, layout: Layout) {
    let text_style = layout.text_style;
    match v {
        Value::Empty => {}
        Value::Text(s) if layout.shared => {
            // Borrowed text lives, unchanged, as long as the timeline.
            let stable = matches!(s, Cow::Borrowed(_));
            ws.shared_text(col, &fit_cell(&s), text_style, stable)
        }
        Value::Text(s) => ws.text(col, &fit_cell(&s), text_style),
        Value::Date(s) => match excel_date(&s) {
            Some((serial, style)) => ws.number(col, serial, style),
            None => ws.text(col, &fit_cell(&s), text_style),
        },
        Value::Number(n) => ws.number(col, n, Style::Number),
    }
}

/// Fills one sheet: bold header row frozen at the top with filters, then
/// the rows. A row is an array, not a `Vec`: one allocation less per row,
/// and its width is the header's by type.
fn sheet<'a, W: Write, const N: usize>(
    wb: &mut Package<W>,
    name: &str,
    columns: &[&str; N],
    (rows, count): (impl Iterator<Item = [Value<'a>; N]>, usize),
) -> ZipResult<()> {
    let heights = count <= HEIGHTS_UP_TO;
    // A sheet holds 1,048,576 rows; the last one says what is left out
    // instead of the build failing on a very large corpus.
    let last_row = count.min(MAX_ROW as usize) as u32 + 1;
    let spec = SheetSpec {
        name,
        columns,
        widths: columns.iter().map(|c| width(c)).collect(),
        last_row,
    };
    let mut ws = wb.sheet(&spec)?;
    ws.row(1, None)?;
    for (c, column) in columns.iter().enumerate() {
        ws.text(c, column, Style::Header);
    }
    let layouts: Vec<Layout> = columns.iter().map(|c| Layout::of(c)).collect();
    let mut rows = rows;
    for (r, values) in rows.by_ref().enumerate() {
        let r = r as u32 + 1;
        if r == MAX_ROW {
            let left = 1 + rows.by_ref().count();
            let note = format!("… {left} more rows: the full list is in timeline.json");
            ws.row(r + 1, None)?;
            ws.text(0, &note, Style::Text);
            break;
        }
        let height = heights.then(|| ROW_HEIGHT * lines(&values, columns));
        ws.row(r + 1, height)?;
        for (c, v) in values.into_iter().enumerate() {
            put(&mut ws, c, v, layouts[c]);
        }
    }
    ws.finish()
}

fn mention_rows(events: &[Event]) -> impl Iterator<Item = [Value<'_>; MENTION_COLUMNS.len()]> + '_ {
    events.iter().flat_map(|e| {
        e.mentions.iter().map(move |m| {
            [
                text(&e.id),
                text(&e.event_type),
                text(&m.doc),
                date(Some(Text::from(m.published.as_str()))),
                text(&m.sentence),
                Value::Number(m.start as f64),
                Value::Number(m.end as f64),
                text(&m.rule),
                text(&m.date_text),
                text(m.date_basis.as_str()),
            ]
        })
    })
}

const DOCUMENT_COLUMNS: [&str; 7] = [
    "doc",
    "published",
    "published_basis",
    "publisher",
    "url",
    "sentences",
    "mentions",
];

fn document_rows(
    documents: &[DocSummary],
) -> impl Iterator<Item = [Value<'_>; DOCUMENT_COLUMNS.len()]> + '_ {
    documents.iter().map(|d| {
        [
            text(&d.doc),
            date(Some(Text::from(d.published.as_str()))),
            text(d.published_basis),
            text(d.publisher.as_deref().unwrap_or_default()),
            text(d.url.as_deref().unwrap_or_default()),
            Value::Number(d.sentences as f64),
            Value::Number(d.mentions as f64),
        ]
    })
}

/// Writes the workbook (sheets `events`, `mentions` and `documents`) into
/// `out`, each sheet streamed row by row into the zip ([`super::package`]):
/// memory stays that of one row whatever the timeline's size, row heights
/// included.
pub fn write_xlsx(out: &mut Out, events: &[Event], documents: &[DocSummary]) -> ZipResult<()> {
    let rows = events.iter().map(|e| event_row(EventRow::new(e)));
    write_sheets(out, (rows, events.len()), events, documents)
}

/// [`write_xlsx`], and the CSV into `csv` from the same rows: an event's
/// row is built once for both files.
pub fn write_xlsx_and_csv(
    out: &mut Out,
    csv: &mut Out,
    events: &[Event],
    documents: &[DocSummary],
) -> Result<(), OutputError> {
    let mut csv = CsvRows::start(csv)?;
    // The first error of the CSV, which stops its rows; the workbook's
    // iterator cannot return it.
    let mut failed = None;
    let rows = events.iter().map(|e| {
        let r = EventRow::new(e);
        if failed.is_none() {
            failed = csv.row(&r).err();
        }
        event_row(r)
    });
    write_sheets(out, (rows, events.len()), events, documents).map_err(zip_error)?;
    failed.map_or(Ok(()), Err)?;
    csv.finish()
}

fn write_sheets<'a>(
    out: &mut Out,
    event_rows: (impl Iterator<Item = [Value<'a>; CSV_COLUMNS.len()]>, usize),
    events: &[Event],
    documents: &[DocSummary],
) -> ZipResult<()> {
    let mut wb = Package::new(out, ZIP_LEVEL);
    sheet(&mut wb, "events", &CSV_COLUMNS, event_rows)?;
    let rows = mention_rows(events);
    let count = events.iter().map(|e| e.mentions.len()).sum();
    sheet(&mut wb, "mentions", &MENTION_COLUMNS, (rows, count))?;
    let rows = document_rows(documents);
    sheet(
        &mut wb,
        "documents",
        &DOCUMENT_COLUMNS,
        (rows, documents.len()),
    )?;
    wb.finish("dateline timeline")
}

fn zip_error(e: zip::result::ZipError) -> OutputError {
    OutputError::Serialise(e.to_string())
}

/// Deflate level of the workbook's parts. The default (6) spent a quarter
/// of an incremental build's CPU compressing the sheets; level 1 takes a
/// third of that time for a file some 60 % larger, and every reader
/// inflates any level the same.
const ZIP_LEVEL: i64 = 1;

/// `timeline.xlsx`.
pub struct Xlsx;

impl super::Format for Xlsx {
    fn name(&self) -> &'static str {
        "xlsx"
    }
    fn file_name(&self) -> &'static str {
        "timeline.xlsx"
    }
    fn write(&self, t: &Timeline, out: &mut Out) -> Result<(), OutputError> {
        write_xlsx(out, t.events, t.documents).map_err(zip_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlong_cell_is_cut_to_excels_limit_and_says_so() {
        assert_eq!(fit_cell("short"), "short");
        let long = "a.txt; ".repeat(10_000);
        let cut = fit_cell(&long);
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
        assert!(cut.ends_with(CUT_NOTE));
        let wide = "Ŀ😀".repeat(20_000);
        let cut = fit_cell(&wide);
        assert!(cut.encode_utf16().count() <= CELL_LIMIT);
        assert!(cut.ends_with(CUT_NOTE));
    }

    /// The workbook's row and the CSV's say the same, column by column.
    #[test]
    fn the_events_sheet_has_the_csvs_columns() {
        let e = crate::output::tests::event();
        let mut csv = Vec::new();
        crate::output::write_csv(&mut csv, std::slice::from_ref(&e)).unwrap();
        let mut r = csv::ReaderBuilder::new().from_reader(&csv[3..]);
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CSV_COLUMNS);
        let row = r.records().next().unwrap().unwrap();
        let cells = event_row(EventRow::new(&e));
        assert_eq!(cells.len(), CSV_COLUMNS.len());
        for ((column, want), got) in CSV_COLUMNS.iter().zip(row.iter()).zip(&cells) {
            let got = match got {
                Value::Text(s) | Value::Date(s) => s.to_string(),
                Value::Number(n) => n.to_string(),
                Value::Empty => String::new(),
            };
            let defused = format!("'{got}");
            assert!(
                want == got || want == defused,
                "{column}: csv {want:?}, sheet {got:?}"
            );
        }
    }

    /// The workbook and the CSV written from the same rows are each what
    /// its format writes alone.
    #[test]
    fn the_workbook_and_the_csv_from_one_pass_match_each_written_alone() {
        let mut second = crate::output::tests::event();
        second.summary = "=1+1, \"quoted\"".into();
        let events = [crate::output::tests::event(), second];
        let t = Timeline {
            events: &events,
            documents: &[],
        };
        let (mut xlsx, mut csv) = (Vec::new(), Vec::new());
        write_xlsx_and_csv(&mut xlsx, &mut csv, &events, &[]).unwrap();
        let mut alone = Vec::new();
        crate::output::Format::write(&Xlsx, &t, &mut alone).unwrap();
        assert_eq!(xlsx, alone);
        let mut alone = Vec::new();
        crate::output::Format::write(&crate::output::Csv, &t, &mut alone).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            String::from_utf8(alone).unwrap()
        );
    }

    /// The package opens as a zip of the parts a reader looks for, and a
    /// row's cells are typed: a code stays text, a day is a date cell.
    #[test]
    fn the_workbook_is_a_package_of_typed_cells() {
        use std::io::Read;
        let e = crate::output::tests::event();
        let mut out = Vec::new();
        write_xlsx(&mut out, std::slice::from_ref(&e), &[]).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        for part in [
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/styles.xml",
            "xl/worksheets/sheet3.xml",
        ] {
            assert!(zip.by_name(part).is_ok(), "{part}");
        }
        let mut sheet = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut sheet)
            .unwrap();
        assert!(sheet.contains(r#"<dimension ref="A1:AA2"/>"#), "{sheet}");
        // Cells follow one another without references; the id is inline,
        // the date a number, the code an entry of the shared strings.
        let (serial, _) = excel_date("2031-03-09").unwrap();
        let row = format!(
            r#"<row r="2"><c s="2" t="inlineStr"><is><t>{}</t></is></c><c s="5"><v>{serial}</v></c>"#,
            e.id
        );
        assert!(sheet.contains(&row), "{sheet}");
        let mut strings = String::new();
        zip.by_name("xl/sharedStrings.xml")
            .unwrap()
            .read_to_string(&mut strings)
            .unwrap();
        let code = strings
            .find("<si><t>057</t></si>")
            .expect("the code is shared");
        let index = strings[..code].matches("<si>").count();
        assert!(sheet.contains(&format!(r#"<c s="2" t="s"><v>{index}</v></c>"#)));
        assert!(sheet.ends_with("</worksheet>"));
    }

    /// A cell after an empty one says where it is; one right after another
    /// does not need to.
    #[test]
    fn only_a_cell_after_a_gap_has_a_reference() {
        let mut e = crate::output::tests::event();
        e.killed = None;
        e.wounded = Some(3);
        let mut out = Vec::new();
        write_xlsx(&mut out, std::slice::from_ref(&e), &[]).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut sheet,
        )
        .unwrap();
        // `killed` (R) is empty: `wounded` (S) says where it is, and
        // `planned` (T), right after it, does not.
        assert!(
            sheet.contains(r#"<c r="S2" s="4"><v>3</v></c><c s="2" t="s">"#),
            "{sheet}"
        );
    }

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(excel_date("2025-04"), Some((45748.0, Style::Month)));
        assert_eq!(excel_date("2025-04-19"), Some((45766.0, Style::Day)));
        assert_eq!(excel_date("2012"), Some((40909.0, Style::Year)));
        // Excel's serial numbers, around the leap day 1900 never had.
        assert_eq!(excel_date("1900-01-01"), Some((1.0, Style::Day)));
        assert_eq!(excel_date("1900-02-28"), Some((59.0, Style::Day)));
        assert_eq!(excel_date("1900-03-01"), Some((61.0, Style::Day)));
        assert!(excel_date("1850-01-01").is_none(), "before Excel's epoch");
        assert!(excel_date("2025-02-30").is_none());
        assert!(excel_date("spring").is_none());
    }

    /// Reading the usual shapes from bytes gives what splitting gives,
    /// and the unusual ones are still split.
    #[test]
    fn dates_read_from_bytes_as_split() {
        for s in [
            "2025",
            "2025-04",
            "2025-04-19",
            "0999",
            "2025-13",
            "2025-02-30",
            "1900-02-28",
            "20a5",
            "2025-4",
            "2025-+4",
            "+2025",
            "2025-04-19-1",
            "2025-",
            "-2025",
            "",
            "２０２５",
        ] {
            if let Some(fast) = iso_parts(s) {
                assert_eq!(Some(fast), split_parts(s), "{s}");
            }
        }
        assert_eq!(iso_parts("2025-+4"), None);
        assert_eq!(excel_date("2025-+4"), Some((45748.0, Style::Month)));
        assert_eq!(iso_parts("2025-04-19"), Some((2025, 4, 19, Style::Day)));
    }
}
