//! Sentences stage: splits a document's content segments into sentences,
//! each a byte range of the normalised text.
//!
//! Two sources of boundaries: terminal punctuation followed by a sentence
//! start (unless the word before is an abbreviation or an initial), and line
//! breaks (unless the text is hard-wrapped, where a line that does not end
//! in punctuation continues on the next). The word lists live in
//! `rules/en/sentences.toml`.

use crate::error::RuleErrors;
use serde::Deserialize;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

#[derive(Deserialize)]
struct SentencesFile {
    abbreviations: Vec<String>,
    abbreviations_before_number: Vec<String>,
}

pub struct Splitter {
    abbreviations: HashSet<String>,
    before_number: HashSet<String>,
}

const TERMINAL: [char; 3] = ['.', '!', '?'];
const CLOSERS: [char; 6] = ['"', '\'', ')', ']', '\u{201d}', '\u{2019}'];
const OPENERS: [char; 6] = ['"', '\'', '(', '[', '\u{201c}', '\u{2018}'];

impl Splitter {
    /// Loads `rules/en/sentences.toml` from the rules folder.
    pub fn load(rules_dir: &Path) -> Result<Splitter, RuleErrors> {
        let path = rules_dir.join("sentences.toml");
        let (file, _): (SentencesFile, _) = crate::datafile::read(&path)?;
        Ok(Splitter {
            abbreviations: file.abbreviations.into_iter().collect(),
            before_number: file.abbreviations_before_number.into_iter().collect(),
        })
    }

    /// Sentences of the whole text (one segment).
    pub fn split(&self, text: &str) -> Vec<Range<usize>> {
        #[allow(clippy::single_range_in_vec_init)]
        let whole = [0..text.len()];
        self.split_segments(text, &whole)
    }

    /// Sentences of the given content segments of `text`, in order, trimmed.
    pub fn split_segments(&self, text: &str, segments: &[Range<usize>]) -> Vec<Range<usize>> {
        let hard_wrapped = is_hard_wrapped(text, segments);
        let mut out = Vec::new();
        for seg in segments {
            for block in blocks(text, seg.clone(), hard_wrapped) {
                self.split_block(text, block, &mut out);
            }
        }
        out
    }

    fn split_block(&self, text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
        let s = &text[block.clone()];
        let mut start = 0;
        // Terminals are ASCII, so a (vectorised) byte search finds them
        // without decoding every char; they never occur inside a multi-byte
        // char.
        let mut pos = 0;
        while let Some(k) = memchr::memchr3(b'.', b'!', b'?', &s.as_bytes()[pos..]) {
            let i = pos + k;
            let c = char::from(s.as_bytes()[i]);
            // Extend over repeated terminals and closing quotes/brackets.
            let mut end = i + 1;
            for d in s[end..].chars() {
                if TERMINAL.contains(&d) || CLOSERS.contains(&d) {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            pos = end;
            let rest = &s[end..];
            let after_ws = rest.trim_start();
            if after_ws.is_empty() {
                continue; // end of block: handled below
            }
            if after_ws.len() == rest.len() {
                // No space after: a sentence start only where the space was
                // lost ("on Tuesday.The minister"), never inside a number,
                // acronym or address ("3.5", "U.S.", "example.com").
                if glued_start(&s[start..i], rest) && !self.is_abbreviation(&s[start..i], 'A') {
                    push_trimmed(out, block.start + start, block.start + end, text);
                    start = end;
                }
                continue;
            }
            let next = after_ws.chars().next().unwrap_or(' ');
            let starts_sentence = next.is_uppercase()
                || next.is_ascii_digit()
                || OPENERS.contains(&next)
                || next == '\u{2013}'
                || next == '\u{2014}'
                || next == '-';
            if !starts_sentence {
                continue;
            }
            if c == '.' && self.is_abbreviation(&s[start..i], next) {
                continue;
            }
            push_trimmed(out, block.start + start, block.start + end, text);
            start = end;
        }
        push_trimmed(out, block.start + start, block.end, text);
    }

    /// Whether the word ending at the end of `before` (the text before a
    /// period) is an abbreviation or an initial, so the period ends nothing.
    fn is_abbreviation(&self, before: &str, next: char) -> bool {
        let word = before
            .rsplit(|c: char| c.is_whitespace() || OPENERS.contains(&c))
            .next()
            .unwrap_or("");
        if word.is_empty() {
            return false;
        }
        if self.abbreviations.contains(word) {
            return true;
        }
        if next.is_ascii_digit() && self.before_number.contains(word) {
            return true;
        }
        let mut chars = word.chars();
        // A single capital: an initial ("Abdul S. Khan").
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_uppercase()
        {
            return true;
        }
        // Dotted acronyms of single letters: "U.S", "a.m".
        word.contains('.') && word.split('.').all(|p| p.chars().count() == 1)
    }
}

/// Whether a terminal with no space after it ends a sentence whose space
/// was lost: the word before is a lower-case word of two letters or more
/// (not an initial, an acronym, a number or a dotted name) and the text
/// after opens with a capitalised word ("The", not "UN" or "com").
fn glued_start(before: &str, rest: &str) -> bool {
    let word = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .next()
        .unwrap_or("");
    let word_ok = word.chars().count() >= 2
        && word.chars().all(char::is_alphabetic)
        && word.chars().last().is_some_and(char::is_lowercase);
    let mut next = rest.chars();
    let opens = match (next.next(), next.next()) {
        (Some(a), Some(b)) => a.is_uppercase() && b.is_lowercase(),
        _ => false,
    };
    word_ok && opens
}

fn push_trimmed(out: &mut Vec<Range<usize>>, start: usize, end: usize, text: &str) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

fn ends_sentence(line: &str) -> bool {
    // Look through closing quotes: `,"` continues, `."` ends.
    let t = line
        .trim_end()
        .trim_end_matches(|c: char| CLOSERS.contains(&c));
    t.ends_with(|c: char| TERMINAL.contains(&c) || c == ':' || c == '\u{2026}')
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// Non-empty lines of a range, as byte ranges of `text`.
fn lines(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if !line.trim().is_empty() {
            out.push(start..start + line.trim_end().len());
        }
    }
    out
}

/// A text is hard-wrapped when many of its lines that end without
/// punctuation are continued, in lower case, on the next line; then every
/// unpunctuated line end is a soft break, even before a capital.
fn is_hard_wrapped(text: &str, segments: &[Range<usize>]) -> bool {
    let (mut unpunctuated, mut continued) = (0, 0);
    for seg in segments {
        let ls = lines(text, seg.clone());
        for pair in ls.windows(2) {
            if !ends_sentence(&text[pair[0].clone()]) {
                unpunctuated += 1;
                if starts_lowercase(&text[pair[1].clone()]) {
                    continued += 1;
                }
            }
        }
    }
    continued >= 3 && continued * 4 >= unpunctuated
}

/// Groups the lines of a segment into blocks that sentences cannot cross.
fn blocks(text: &str, seg: Range<usize>, hard_wrapped: bool) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut prev: Option<Range<usize>> = None;
    for line in lines(text, seg) {
        let joins = match &prev {
            Some(p) => {
                let p_text = &text[p.clone()];
                !ends_sentence(p_text) && (hard_wrapped || starts_lowercase(&text[line.clone()]))
            }
            None => false,
        };
        match out.last_mut() {
            Some(last) if joins => last.end = line.end,
            _ => out.push(line.clone()),
        }
        prev = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn splitter() -> Splitter {
        Splitter::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/en"))).unwrap()
    }

    fn texts(text: &str) -> Vec<String> {
        splitter()
            .split(text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let t = "Mr. Khan met Dr. A. Rahman in the U.S. on Jan. 5. They talked. No. 10 was closed.";
        assert_eq!(
            texts(t),
            vec![
                "Mr. Khan met Dr. A. Rahman in the U.S. on Jan. 5.",
                "They talked.",
                "No. 10 was closed."
            ]
        );
    }

    #[test]
    fn a_lost_space_after_a_full_stop_still_ends_a_sentence() {
        let t = "Troops left Bamako on Friday.The convoy reached Gao at dawn.\u{201d}Officials said so.";
        assert_eq!(
            texts(t),
            vec![
                "Troops left Bamako on Friday.",
                "The convoy reached Gao at dawn.\u{201d}",
                "Officials said so."
            ]
        );
        // Numbers, acronyms, addresses and abbreviations stay whole.
        for whole in [
            "Growth was 3.5 percent in Chile.",
            "The U.N.Security Council met.",
            "See example.com.Then nothing.",
            "Gen.Haftar spoke in Benghazi.",
            "It was in Quito.UN staff left.",
        ] {
            assert_eq!(texts(whole), vec![whole], "{whole}");
        }
    }

    #[test]
    fn quotes_close_a_sentence() {
        let t = "He said: \u{201c}We will return.\u{201d} Then he left! Did he?";
        assert_eq!(
            texts(t),
            vec![
                "He said: \u{201c}We will return.\u{201d}",
                "Then he left!",
                "Did he?"
            ]
        );
    }

    #[test]
    fn line_breaks_split_headings_but_not_wrapped_lines() {
        let t = "A title here\n\nThe body starts and\ngoes on here. Next one.";
        assert_eq!(
            texts(t),
            vec![
                "A title here",
                "The body starts and\ngoes on here.",
                "Next one."
            ]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_lines_before_capitals() {
        let t = "Forces of Pakistan and Afghan\n\nTaliban clashed at a crossing in\n\nnorthern areas on Monday.\n\nOfficials said the road\n\nwas closed and\n\ntraders waited.";
        assert_eq!(
            texts(t),
            vec![
                "Forces of Pakistan and Afghan\n\nTaliban clashed at a crossing in\n\nnorthern areas on Monday.",
                "Officials said the road\n\nwas closed and\n\ntraders waited."
            ]
        );
    }

    #[test]
    fn a_quote_ending_in_a_comma_continues() {
        let t = "\u{201c}We will stay,\u{201d}\nsaid the official. Next.";
        assert_eq!(
            texts(t),
            vec!["\u{201c}We will stay,\u{201d}\nsaid the official.", "Next."]
        );
    }

    #[test]
    fn a_photo_credit_after_a_caption_is_its_own_line() {
        let t = "The governor speaks to reporters in Quetta. \u{2014} AgencyTV";
        assert_eq!(
            texts(t),
            vec![
                "The governor speaks to reporters in Quetta.",
                "\u{2014} AgencyTV"
            ]
        );
    }

    #[test]
    fn offsets_are_exact() {
        let t = "  First one.   Second one.  ";
        let s = splitter().split(t);
        assert_eq!(&t[s[0].clone()], "First one.");
        assert_eq!(&t[s[1].clone()], "Second one.");
    }
}
