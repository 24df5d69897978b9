//! `timeline.json`: the documents read and the events, one compact JSON
//! document. Compact because pretty-printing tripled the file: on 30,000
//! articles the indentation alone outweighed the input.

use super::{DocSummary, Format, GENERATOR, Out, Timeline, io};
use crate::error::OutputError;
use crate::merge::Event;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Document<'a> {
    generator: &'static str,
    documents: &'a [DocSummary],
    events: &'a [Event],
}

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
    let document = Document {
        generator: GENERATOR,
        documents,
        events,
    };
    serde_json::to_writer(&mut out, &document)
        .map_err(|e| OutputError::Serialise(e.to_string()))?;
    out.write_all(b"\n").map_err(io)
}
