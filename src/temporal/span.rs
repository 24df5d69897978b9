//! Byte positions in a text: char and word boundaries, and which sentence a
//! position is in. Offsets are bytes throughout (the spec's convention); these
//! helpers keep every slice on a char boundary for non-ASCII text.

use crate::util::text::{ceil_char_boundary, floor_char_boundary};
use std::ops::Range;

/// Index of the sentence holding byte `at` (the last one starting at or
/// before it when `at` falls between sentences).
pub fn sentence_of(sentences: &[Range<usize>], at: usize) -> usize {
    sentences
        .partition_point(|r| r.start <= at)
        .saturating_sub(1)
}

/// How far before / after an expression tense cues are looked for when its
/// sentence is very long, so that a text with no sentence breaks does not
/// make every lookup scan it all. Ordinary sentences are scanned whole, once.
const CUE_BEFORE: usize = 240;
const CUE_AFTER: usize = 120;
const LONG_SENTENCE: usize = 2_000;

/// The text whose tense cues decide an expression at `[s, e)`: the
/// sentences it touches (clipped to a window around it), or the expression
/// alone when there are none. Not char-aligned: see [`clip`].
pub fn tense_window(sentences: &[Range<usize>], s: usize, e: usize) -> Range<usize> {
    if sentences.is_empty() {
        return s..e;
    }
    let a = &sentences[sentence_of(sentences, s)];
    let b = &sentences[sentence_of(sentences, e.saturating_sub(1).max(s))];
    let (start, end) = (a.start.min(s), b.end.max(e));
    if end - start <= LONG_SENTENCE {
        return start..end;
    }
    start.max(s.saturating_sub(CUE_BEFORE))..end.min(e + CUE_AFTER)
}

/// `range` narrowed to char boundaries of `text` (and to its length).
pub fn clip(text: &str, range: Range<usize>) -> Range<usize> {
    let end = floor_char_boundary(text, range.end);
    let start = ceil_char_boundary(text, range.start).min(end);
    start..end
}

/// Whether a match starts and ends at word edges (the regexes' own `\b`
/// cannot see a boundary after a final "." as in "Sept.").
pub fn on_word_boundaries(s: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let first = s[start..].chars().next();
    let last = s[..end].chars().next_back();
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    let ok_start = !(first.is_some_and(word) && before.is_some_and(word));
    let ok_end = !(last.is_some_and(word) && after.is_some_and(word));
    ok_start && ok_end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries() {
        assert!(on_word_boundaries("in Sept. 5", 3, 7));
        assert!(!on_word_boundaries("Mayday", 0, 3));
        assert!(!on_word_boundaries("a1990", 1, 5));
    }

    #[test]
    fn sentence_lookup() {
        let s = [0..10, 11..20, 25..30];
        assert_eq!(sentence_of(&s, 12), 1);
        assert_eq!(sentence_of(&s, 22), 1);
        assert_eq!(tense_window(&s, 12, 27), 11..30);
        let long = 0..10_000;
        assert_eq!(
            tense_window(std::slice::from_ref(&long), 5_000, 5_010),
            4_760..5_130
        );
        assert_eq!(clip("aé b", 2..9), 3..5);
    }
}
