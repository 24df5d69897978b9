//! The timeline as one web page to look at: no server, no network, the
//! events embedded as JSON and drawn by the page's own script.
//!
//! The page (markup, style and script under `src/assets/`) is compiled into
//! the binary so the file written is all a reader needs, even offline. A
//! browser cannot draw a million bars, nor open a page of hundreds of
//! megabytes, so a large timeline embeds only its most-reported events (and
//! each event at most [`HTML_MAX_MENTIONS`] sources); the page says so and
//! links to the CSV, which has every event.

use super::{Format, GENERATOR, Out, Timeline, io};
use crate::error::OutputError;
use crate::merge::Event;

const PAGE: &str = include_str!("../assets/timeline.html");
const STYLE: &str = include_str!("../assets/timeline.css");
const SCRIPT: &str = include_str!("../assets/timeline.js");

/// Events a page embeds at most: about what a browser still draws and
/// filters without stalling.
pub const HTML_MAX_EVENTS: usize = 5_000;
/// Sources listed per event at most; the page gives the full count.
pub const HTML_MAX_MENTIONS: usize = 20;

/// The events a page shows: all when they fit, else the `max` told by the
/// most mentions (the earlier on a tie), kept in timeline order.
fn pick(events: &[Event], max: usize) -> Vec<usize> {
    let mut picked: Vec<usize> = (0..events.len()).collect();
    if events.len() > max {
        picked.sort_by_key(|&i| (std::cmp::Reverse(events[i].mentions.len()), i));
        picked.truncate(max);
        picked.sort_unstable();
    }
    picked
}

/// Appends one event as the page has it: as in `timeline.json`, its
/// sources cut to [`HTML_MAX_MENTIONS`], with their full count as one more
/// key, `mentions_total`. (A cut copy lives only while it is written.)
fn page_event(buf: &mut Vec<u8>, e: &Event) -> Result<(), serde_json::Error> {
    if e.mentions.len() > HTML_MAX_MENTIONS {
        let mut cut = e.clone();
        cut.mentions.truncate(HTML_MAX_MENTIONS);
        serde_json::to_writer(&mut *buf, &cut)?;
    } else {
        serde_json::to_writer(&mut *buf, e)?;
    }
    // An event is a JSON object: its closing brace makes room for the key.
    debug_assert_eq!(buf.last(), Some(&b'}'));
    buf.pop();
    buf.extend_from_slice(b",\"mentions_total\":");
    serde_json::to_writer(&mut *buf, &e.mentions.len())?;
    buf.push(b'}');
    Ok(())
}

/// Writes JSON so it can sit inside a `<script>` element: `<` only ever
/// occurs inside strings, where `\u003c` reads back the same, so no text
/// of an article can close the element or open a comment. (`<` is one byte
/// in UTF-8 and never part of another character.)
fn script_safe(out: &mut Out, json: &[u8]) -> std::io::Result<()> {
    let mut rest = json;
    while let Some(i) = memchr::memchr(b'<', rest) {
        out.write_all(&rest[..i])?;
        out.write_all(b"\\u003c")?;
        rest = &rest[i + 1..];
    }
    out.write_all(rest)
}

/// The page's data, `{"generator":…,"total":…,"events":[…]}`: `events`
/// are at most `max` of the timeline's `total`, in timeline order, each
/// serialised into a buffer before it is made script-safe.
fn write_data(out: &mut Out, events: &[Event], max: usize) -> Result<(), OutputError> {
    let ser = |e: serde_json::Error| OutputError::Serialise(e.to_string());
    let mut buf = Vec::with_capacity(1 << 16);
    buf.extend_from_slice(b"{\"generator\":");
    serde_json::to_writer(&mut buf, GENERATOR).map_err(ser)?;
    buf.extend_from_slice(b",\"total\":");
    serde_json::to_writer(&mut buf, &events.len()).map_err(ser)?;
    buf.extend_from_slice(b",\"events\":[");
    for (k, i) in pick(events, max).into_iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        page_event(&mut buf, &events[i]).map_err(ser)?;
        script_safe(out, &buf).map_err(io)?;
        buf.clear();
    }
    buf.extend_from_slice(b"]}");
    script_safe(out, &buf).map_err(io)
}

/// Writes the page, streaming the data into its place in the template.
fn write_page(out: &mut Out, events: &[Event], max: usize) -> Result<(), OutputError> {
    // Split on the markers rather than replace in turn, so nothing the data
    // contains can be taken for a marker.
    let mut rest = PAGE;
    for marker in ["/*STYLE*/", "/*DATA*/", "/*SCRIPT*/"] {
        let (head, tail) = rest
            .split_once(marker)
            .ok_or_else(|| OutputError::Serialise(format!("page template lacks {marker}")))?;
        out.write_all(head.as_bytes()).map_err(io)?;
        match marker {
            "/*STYLE*/" => out.write_all(STYLE.as_bytes()).map_err(io)?,
            "/*SCRIPT*/" => out.write_all(SCRIPT.as_bytes()).map_err(io)?,
            _ => write_data(out, events, max)?,
        }
        rest = tail;
    }
    out.write_all(rest.as_bytes()).map_err(io)
}

/// `timeline.html`.
pub struct Html;

impl Format for Html {
    fn name(&self) -> &'static str {
        "html"
    }
    fn file_name(&self) -> &'static str {
        "timeline.html"
    }
    fn write(&self, t: &Timeline, out: &mut Out) -> Result<(), OutputError> {
        write_page(out, t.events, HTML_MAX_EVENTS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(events: &[Event], max: usize) -> String {
        let mut out = Vec::new();
        write_page(&mut out, events, max).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn data(page: &str) -> serde_json::Value {
        let (_, tail) = page
            .split_once("<script id=\"data\" type=\"application/json\">")
            .unwrap();
        let (json, _) = tail.split_once("</script>").unwrap();
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn article_text_cannot_close_the_script() {
        let page = page(&[], HTML_MAX_EVENTS);
        assert!(page.contains("<script id=\"data\" type=\"application/json\">{"));
        for fetch in ["src=", "<link", "url(http", "url(//", "import ", "fetch("] {
            assert!(!page.contains(fetch), "the page loads nothing: {fetch}");
        }
        let mut e = crate::output::tests::event();
        e.summary = "x</script><!--".into();
        let page = super::tests::page(&[e], HTML_MAX_EVENTS);
        assert!(!page.contains("x</"));
        assert_eq!(data(&page)["events"][0]["summary"], "x</script><!--");
    }

    #[test]
    fn a_large_timeline_embeds_its_most_reported_events_in_order() {
        let mut events: Vec<Event> = (0..5).map(|_| crate::output::tests::event()).collect();
        for (i, e) in events.iter_mut().enumerate() {
            e.id = format!("ev-{i}");
        }
        let m = events[0].mentions[0].clone();
        events[3].mentions = vec![m.clone(); HTML_MAX_MENTIONS + 7];
        events[1].mentions.push(m);
        let d = data(&page(&events, 2));
        assert_eq!(d["total"], 5);
        let ids: Vec<&str> = d["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["ev-1", "ev-3"]);
        assert_eq!(
            d["events"][1]["mentions"].as_array().unwrap().len(),
            HTML_MAX_MENTIONS
        );
        assert_eq!(d["events"][1]["mentions_total"], HTML_MAX_MENTIONS + 7);
    }
}
