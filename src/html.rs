//! The timeline as one web page to look at: no server, no network, the
//! events embedded as JSON and drawn by the page's own script.
//!
//! The page (markup, style and script under `src/assets/`) is compiled into
//! the binary so the file written is all a reader needs, even offline.

use crate::error::OutputError;
use crate::merge::Event;
use crate::pipeline::DocSummary;
use serde::Serialize;
use std::io::Write;

const PAGE: &str = include_str!("assets/timeline.html");
const STYLE: &str = include_str!("assets/timeline.css");
const SCRIPT: &str = include_str!("assets/timeline.js");

#[derive(Serialize)]
struct Data<'a> {
    generator: &'static str,
    documents: &'a [DocSummary],
    events: &'a [Event],
}

/// JSON that can sit inside a `<script>` element: `<` only ever occurs
/// inside strings, where `\u003c` reads back the same, so no text of an
/// article can close the element or open a comment.
fn script_json(data: &Data) -> Result<String, OutputError> {
    let json = serde_json::to_string(data).map_err(|e| OutputError::Serialise(e.to_string()))?;
    Ok(json.replace('<', "\\u003c"))
}

/// The whole page as text.
pub fn page(events: &[Event], documents: &[DocSummary]) -> Result<String, OutputError> {
    let data = Data {
        generator: concat!("dateline ", env!("CARGO_PKG_VERSION")),
        documents,
        events,
    };
    let json = script_json(&data)?;
    // Split on the markers rather than replace in turn, so nothing the data
    // contains can be taken for a marker.
    let mut out = String::with_capacity(PAGE.len() + STYLE.len() + SCRIPT.len() + json.len());
    let mut rest = PAGE;
    for (marker, value) in [
        ("/*STYLE*/", STYLE),
        ("/*DATA*/", json.as_str()),
        ("/*SCRIPT*/", SCRIPT),
    ] {
        let (head, tail) = rest
            .split_once(marker)
            .ok_or_else(|| OutputError::Serialise(format!("page template lacks {marker}")))?;
        out.push_str(head);
        out.push_str(value);
        rest = tail;
    }
    out.push_str(rest);
    Ok(out)
}

/// Writes `timeline.html` to `out` (an atomic writer's buffer).
pub fn write_html<W: Write + ?Sized>(
    out: &mut W,
    events: &[Event],
    documents: &[DocSummary],
) -> Result<(), OutputError> {
    out.write_all(page(events, documents)?.as_bytes())
        .map_err(|e| OutputError::Serialise(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_cannot_close_the_script() {
        let page = page(&[], &[]).unwrap();
        assert!(page.contains("<script id=\"data\" type=\"application/json\">{"));
        for fetch in ["src=", "<link", "url(http", "url(//", "import ", "fetch("] {
            assert!(!page.contains(fetch), "the page loads nothing: {fetch}");
        }
        let data = Data {
            generator: "x</script><!--",
            documents: &[],
            events: &[],
        };
        let json = script_json(&data).unwrap();
        assert!(!json.contains("</"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["generator"], "x</script><!--");
    }
}
