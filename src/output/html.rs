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

/// The key that opens an event's mentions in its JSON. Mentions are the
/// last key serde writes for an event, and the first time these bytes
/// occur outside a string is that key: inside a string a quote is always
/// escaped.
const MENTIONS_KEY: &[u8] = b",\"mentions\":[";

/// Appends one event as the page has it, from `json`, the event's bytes
/// in `timeline.json`: its sources cut to [`HTML_MAX_MENTIONS`], with
/// their full count as one more key, `mentions_total`. The bytes are
/// reused, not serialised again, and a cut event serialises only the
/// mentions it keeps: the page once cloned every such event to cut it.
fn page_event(buf: &mut Vec<u8>, e: &Event, json: &[u8]) -> Result<(), serde_json::Error> {
    // An event is a JSON object: its closing brace makes room for the key.
    debug_assert_eq!(json.last(), Some(&b'}'));
    let head = &json[..json.len().saturating_sub(1)];
    match memchr::memmem::find(head, MENTIONS_KEY) {
        Some(at) if e.mentions.len() > HTML_MAX_MENTIONS => {
            buf.extend_from_slice(&head[..at + MENTIONS_KEY.len()]);
            for (k, m) in e.mentions[..HTML_MAX_MENTIONS].iter().enumerate() {
                if k > 0 {
                    buf.push(b',');
                }
                serde_json::to_writer(&mut *buf, m)?;
            }
            buf.push(b']');
        }
        _ => buf.extend_from_slice(head),
    }
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

/// The page's template cut at its markers: what comes before the style,
/// between style and data, between data and script, and after the script.
/// Cut rather than replaced in turn, so nothing the data contains can be
/// taken for a marker.
fn template() -> Result<[&'static str; 4], OutputError> {
    let mut parts = [""; 4];
    let mut rest = PAGE;
    for (k, marker) in ["/*STYLE*/", "/*DATA*/", "/*SCRIPT*/"]
        .into_iter()
        .enumerate()
    {
        let (head, tail) = rest
            .split_once(marker)
            .ok_or_else(|| OutputError::Serialise(format!("page template lacks {marker}")))?;
        parts[k] = head;
        rest = tail;
    }
    parts[3] = rest;
    Ok(parts)
}

/// The page written as the timeline's events go by, each from its JSON,
/// so the job that writes `timeline.json` writes the page from the same
/// bytes. The data is `{"generator":…,"total":…,"events":[…]}`: `events`
/// are the picked ones of the timeline's `total`, in timeline order.
pub(super) struct Page {
    template: [&'static str; 4],
    /// Indices of the events the page shows, ascending.
    picked: Vec<usize>,
    /// Position in `picked` of the next event to write.
    next: usize,
    buf: Vec<u8>,
}

impl Page {
    /// Writes the page up to its first event.
    pub(super) fn start(out: &mut Out, events: &[Event], max: usize) -> Result<Page, OutputError> {
        let ser = |e: serde_json::Error| OutputError::Serialise(e.to_string());
        let template = template()?;
        for part in [template[0], STYLE, template[1]] {
            out.write_all(part.as_bytes()).map_err(io)?;
        }
        let mut buf = Vec::with_capacity(1 << 16);
        buf.extend_from_slice(b"{\"generator\":");
        serde_json::to_writer(&mut buf, GENERATOR).map_err(ser)?;
        buf.extend_from_slice(b",\"total\":");
        serde_json::to_writer(&mut buf, &events.len()).map_err(ser)?;
        buf.extend_from_slice(b",\"events\":[");
        script_safe(out, &buf).map_err(io)?;
        buf.clear();
        Ok(Page {
            template,
            picked: pick(events, max),
            next: 0,
            buf,
        })
    }

    /// Whether the page shows the `i`th event of the timeline.
    pub(super) fn shows(&self, i: usize) -> bool {
        self.picked.get(self.next) == Some(&i)
    }

    /// Writes the `i`th event `e` from `json`, its bytes in
    /// `timeline.json`, if the page shows it. Events come in order.
    pub(super) fn event(
        &mut self,
        out: &mut Out,
        i: usize,
        e: &Event,
        json: &[u8],
    ) -> Result<(), OutputError> {
        if !self.shows(i) {
            return Ok(());
        }
        self.buf.clear();
        if self.next > 0 {
            self.buf.push(b',');
        }
        self.next += 1;
        page_event(&mut self.buf, e, json).map_err(|e| OutputError::Serialise(e.to_string()))?;
        script_safe(out, &self.buf).map_err(io)
    }

    /// Writes the rest of the page.
    pub(super) fn finish(self, out: &mut Out) -> Result<(), OutputError> {
        debug_assert_eq!(self.next, self.picked.len(), "every picked event came");
        for part in ["]}", self.template[2], SCRIPT, self.template[3]] {
            out.write_all(part.as_bytes()).map_err(io)?;
        }
        Ok(())
    }
}

/// Writes the page alone, serialising the events it shows.
fn write_page(out: &mut Out, events: &[Event], max: usize) -> Result<(), OutputError> {
    let mut page = Page::start(out, events, max)?;
    let mut json = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if page.shows(i) {
            json.clear();
            serde_json::to_writer(&mut json, e)
                .map_err(|e| OutputError::Serialise(e.to_string()))?;
            page.event(out, i, e, &json)?;
        }
    }
    page.finish(out)
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

    /// A cut event reads as the event with only its first mentions would,
    /// however many it has.
    #[test]
    fn a_cut_event_is_the_event_with_its_first_mentions() {
        let mut e = crate::output::tests::event();
        let m = e.mentions[0].clone();
        e.mentions = vec![m; HTML_MAX_MENTIONS + 3];
        e.mentions[HTML_MAX_MENTIONS - 1].start = 7;
        e.mentions[HTML_MAX_MENTIONS].start = 8;
        for e in [crate::output::tests::event(), e] {
            let mut cut = e.clone();
            cut.mentions.truncate(HTML_MAX_MENTIONS);
            let mut want = serde_json::to_vec(&cut).unwrap();
            want.pop();
            want.extend_from_slice(
                format!(",\"mentions_total\":{}}}", e.mentions.len()).as_bytes(),
            );
            let mut got = Vec::new();
            page_event(&mut got, &e, &serde_json::to_vec(&e).unwrap()).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }
}
