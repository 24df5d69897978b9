//! `timeline.json`: the documents read and the events, one compact JSON
//! document. Compact because pretty-printing tripled the file: on 30,000
//! articles the indentation alone outweighed the input.
//!
//! Its events are byte for byte the lines of `timeline.jsonl`, so a build
//! serialises each event once and writes it to both ([`write_json_and_lines`]).

use super::html::{HTML_MAX_EVENTS, Page};
use super::{DocSummary, Format, GENERATOR, Out, Timeline, io};
use crate::error::OutputError;
use crate::merge::Event;
use std::io::Write;

pub struct Json;

impl Format for Json {
    fn name(&self) -> &'static str {
        "json"
    }
    fn file_name(&self) -> &'static str {
        "timeline.json"
    }
    fn write(&self, t: &Timeline, out: &mut Out) -> Result<(), OutputError> {
        write_json(out, t.events, t.documents)
    }
}

/// Writes the JSON timeline into `out` as it serialises, ending with a
/// newline.
pub fn write_json<W: Write>(
    mut out: W,
    events: &[Event],
    documents: &[DocSummary],
) -> Result<(), OutputError> {
    write_both(&mut out, None, None, events, documents)
}

/// Writes `timeline.json` into `json` and `timeline.jsonl` into `lines`
/// from one serialisation of each event.
pub fn write_json_and_lines(
    json: &mut Out,
    lines: &mut Out,
    t: &Timeline,
) -> Result<(), OutputError> {
    write_both(json, Some(lines), None, t.events, t.documents)
}

/// [`write_json_and_lines`], and the page into `page` from the same
/// bytes: the page's events are those of `timeline.json`, cut.
pub fn write_json_lines_and_page(
    json: &mut Out,
    lines: &mut Out,
    page: &mut Out,
    t: &Timeline,
) -> Result<(), OutputError> {
    let mut p = Page::start(page, t.events, HTML_MAX_EVENTS)?;
    write_both(
        json,
        Some(lines),
        Some((page, &mut p)),
        t.events,
        t.documents,
    )?;
    p.finish(page)
}

fn ser(e: serde_json::Error) -> OutputError {
    OutputError::Serialise(e.to_string())
}

/// The document as serde writes `{"generator":…,"documents":[…],"events":[…]}`
/// (compact, so an event nested in it has the bytes it has alone), each
/// event serialised into a buffer that is then copied to both files:
/// serialising into a `Vec` also spares a call through the writer's
/// vtable for every key and comma.
fn write_both(
    json: &mut dyn Write,
    mut lines: Option<&mut dyn Write>,
    mut page: Option<(&mut Out, &mut Page)>,
    events: &[Event],
    documents: &[DocSummary],
) -> Result<(), OutputError> {
    let mut buf = Vec::with_capacity(1 << 16);
    buf.extend_from_slice(b"{\"generator\":");
    serde_json::to_writer(&mut buf, GENERATOR).map_err(ser)?;
    buf.extend_from_slice(b",\"documents\":");
    serde_json::to_writer(&mut buf, documents).map_err(ser)?;
    buf.extend_from_slice(b",\"events\":[");
    json.write_all(&buf).map_err(io)?;
    for (i, e) in events.iter().enumerate() {
        buf.clear();
        if i > 0 {
            buf.push(b',');
        }
        serde_json::to_writer(&mut buf, e).map_err(ser)?;
        json.write_all(&buf).map_err(io)?;
        if let Some((out, p)) = page.as_mut() {
            p.event(&mut **out, i, e, &buf[usize::from(i > 0)..])?;
        }
        if let Some(lines) = lines.as_deref_mut() {
            buf.push(b'\n');
            lines.write_all(&buf[usize::from(i > 0)..]).map_err(io)?;
        }
    }
    json.write_all(b"]}\n").map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Document<'a> {
        generator: &'static str,
        documents: &'a [DocSummary],
        events: &'a [Event],
    }

    fn doc() -> DocSummary {
        DocSummary {
            doc: "accra.txt".into(),
            published: "2031-03-10".into(),
            published_basis: "header",
            publisher: None,
            url: Some("https://example.org/a\"b".into()),
            sentences: 4,
            mentions: 2,
        }
    }

    /// The hand-joined document is what serde writes for the whole.
    #[test]
    fn the_document_is_what_serde_writes() {
        let events = [crate::output::tests::event(), crate::output::tests::event()];
        for (events, documents) in [(&events[..], &[doc()][..]), (&[][..], &[][..])] {
            let mut want = serde_json::to_vec(&Document {
                generator: GENERATOR,
                documents,
                events,
            })
            .unwrap();
            want.push(b'\n');
            let mut got = Vec::new();
            write_json(&mut got, events, documents).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }

    #[test]
    fn both_files_from_one_pass_match_each_written_alone() {
        let events = [crate::output::tests::event(), crate::output::tests::event()];
        let documents = [doc()];
        let t = Timeline {
            events: &events,
            documents: &documents,
        };
        let (mut json, mut lines) = (Vec::new(), Vec::new());
        write_json_and_lines(&mut json, &mut lines, &t).unwrap();
        let mut alone = Vec::new();
        Json.write(&t, &mut alone).unwrap();
        assert_eq!(json, alone);
        let mut alone = Vec::new();
        super::super::JsonLines.write(&t, &mut alone).unwrap();
        assert_eq!(lines, alone);
    }

    /// The page written beside the JSON from its bytes is the page written
    /// alone, whichever events it shows.
    #[test]
    fn the_page_from_the_jsons_bytes_is_the_page_alone() {
        let mut events: Vec<Event> = (0..3).map(|_| crate::output::tests::event()).collect();
        let m = events[0].mentions[0].clone();
        events[1].mentions = vec![m; 30];
        events[2].summary = "a <b> c".into();
        let documents = [doc()];
        let t = Timeline {
            events: &events,
            documents: &documents,
        };
        let (mut json, mut lines, mut page) = (Vec::new(), Vec::new(), Vec::new());
        write_json_lines_and_page(&mut json, &mut lines, &mut page, &t).unwrap();
        let mut alone = Vec::new();
        super::super::Html.write(&t, &mut alone).unwrap();
        assert_eq!(
            String::from_utf8(page).unwrap(),
            String::from_utf8(alone).unwrap()
        );
        let mut alone = Vec::new();
        Json.write(&t, &mut alone).unwrap();
        assert_eq!(json, alone);
    }
}
