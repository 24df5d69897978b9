//! `timeline.jsonl`: one event per line, each as in `timeline.json`, so a
//! tool can read (or `grep`, `head`, split) the timeline one event at a
//! time instead of parsing one document of every event at once.

use super::{Format, Out, Timeline, io};
use crate::error::OutputError;

pub struct JsonLines;

impl Format for JsonLines {
    fn name(&self) -> &'static str {
        "jsonl"
    }
    fn file_name(&self) -> &'static str {
        "timeline.jsonl"
    }
    fn write(&self, t: &Timeline, out: &mut Out) -> Result<(), OutputError> {
        // Through a buffer: one call into `out` per event, not per key.
        let mut buf = Vec::with_capacity(1 << 16);
        for e in t.events {
            buf.clear();
            serde_json::to_writer(&mut buf, e)
                .map_err(|e| OutputError::Serialise(e.to_string()))?;
            buf.push(b'\n');
            out.write_all(&buf).map_err(io)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_one_event_as_the_json_has_it() {
        let events = [crate::output::tests::event(), crate::output::tests::event()];
        let t = Timeline {
            events: &events,
            documents: &[],
        };
        let mut lines = Vec::new();
        JsonLines.write(&t, &mut lines).unwrap();
        let mut doc = Vec::new();
        crate::output::write_json(&mut doc, &events, &[]).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&doc).unwrap();
        let text = String::from_utf8(lines).unwrap();
        assert_eq!(text.lines().count(), 2);
        for (line, want) in text.lines().zip(doc["events"].as_array().unwrap()) {
            let got: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(&got, want);
        }
    }
}
