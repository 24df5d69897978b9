//! Word edges and char boundaries on UTF-8 text.
//!
//! Patterns use the regex engine's ASCII word boundary because the fast
//! automata cannot evaluate Unicode boundaries on non-ASCII text. ASCII
//! boundaries see a break inside "Noël" or "Türkiye" (the accented letter is
//! no ASCII word character), so a cue `\bno\b` would fire on "Noël". A match
//! is checked here afterwards: an edge with letters or digits on both sides,
//! one of them non-ASCII, is inside a word.

use std::ops::Range;

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether a match edge at byte `at` cuts a word that only an ASCII-only
/// boundary would have seen as two.
fn cuts_word(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => word_char(b) && word_char(a) && !(b.is_ascii() && a.is_ascii()),
        _ => false,
    }
}

/// Whether `range` of `text` starts and ends at word edges (in the sense
/// above); ranges must lie on char boundaries.
pub fn at_word_edges(text: &str, range: &Range<usize>) -> bool {
    !cuts_word(text, range.start) && !cuts_word(text, range.end)
}

/// The largest char boundary of `s` at or before `i`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or after `i`.
pub fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Non-ASCII characters that match an ASCII letter when case is ignored
/// (LONG S matches `s`, KELVIN SIGN matches `k`): an ASCII case-insensitive
/// literal search or prefilter would miss a match spelled with them.
pub fn folds_to_ascii(text: &str) -> bool {
    !text.is_ascii() && text.contains(['\u{17F}', '\u{212A}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(text: &str, word: &str) -> bool {
        let i = text.find(word).unwrap();
        at_word_edges(text, &(i..i + word.len()))
    }

    #[test]
    fn accented_letters_are_part_of_words() {
        assert!(!edges("Jean-Noël Barrot said", "No"));
        assert!(!edges("in Türkiye today", "T"));
        assert!(!edges("the Ереван talks", "Ере"));
        assert!(edges("there was no visit", "no"));
        assert!(edges("Noël said", "Noël"));
        assert!(edges("“no” he said", "no"));
    }

    #[test]
    fn ascii_neighbours_are_left_to_the_pattern() {
        // `\bdeport` may match "deported" on purpose: both letters ASCII.
        assert!(edges("they deported them", "deport"));
    }

    #[test]
    fn boundaries_round_to_chars() {
        let s = "aé b";
        assert_eq!(floor_char_boundary(s, 2), 1);
        assert_eq!(ceil_char_boundary(s, 2), 3);
        assert_eq!(floor_char_boundary(s, 99), s.len());
    }

    #[test]
    fn only_long_s_and_kelvin_fold_into_ascii_letters() {
        let re = regex::RegexBuilder::new("^[a-z0-9]$")
            .case_insensitive(true)
            .build()
            .unwrap();
        let folding: Vec<char> = (0x80..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| re.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, vec!['\u{17F}', '\u{212A}']);
    }
}
