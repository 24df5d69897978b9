//! Sentence splitting (placeholder, being written).
use std::ops::Range;
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' || c == '\n' {
            if i > start { out.push(start..i + 1); }
            start = i + 1;
        }
    }
    if start < text.len() { out.push(start..text.len()); }
    out
}
