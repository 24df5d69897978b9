//! Typographic folding: curly apostrophes become `'`, dash variants `-`, and
//! runs of white space one space, so one spelling in the data matches every
//! way publishers print it. A byte map leads back to the original text.

use std::borrow::Cow;

/// Folded text and, for each of its bytes, the byte offset in the original.
pub struct Folded<'a> {
    pub text: Cow<'a, str>,
    /// `map[i]` = original offset of folded byte `i`; `map[text.len()]` =
    /// original length. Empty when folding changed nothing: most sentences
    /// have no curly quote, dash or double space, and building a map of
    /// eight bytes per byte of every sentence was a large part of the lookup.
    map: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Folded<'a> {
        if !needs_folding(original) {
            return Folded {
                text: Cow::Borrowed(original),
                map: Vec::new(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut in_space = false;
        for (i, c) in original.char_indices() {
            let f = fold_char(c);
            if f == ' ' {
                if in_space {
                    continue;
                }
                in_space = true;
            } else {
                in_space = false;
            }
            let before = text.len();
            text.push(f);
            map.extend(std::iter::repeat_n(i, text.len() - before));
        }
        map.push(original.len());
        Folded {
            text: Cow::Owned(text),
            map,
        }
    }

    /// Original byte range of a folded byte range (`map[end]` is where the
    /// next folded character starts, i.e. where this range ends).
    pub fn original(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        if self.map.is_empty() {
            return start..end;
        }
        self.map[start]..self.map[end]
    }
}

/// Whether folding would change `s`: a character that folds to another, or
/// a space following white space (runs collapse to one space).
fn needs_folding(s: &str) -> bool {
    let mut prev_space = false;
    for c in s.chars() {
        let f = fold_char(c);
        if f != c || (c == ' ' && prev_space) {
            return true;
        }
        prev_space = c == ' ';
    }
    false
}

/// The character a variant folds to.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Folds a data string (names in the gazetteer) the same way.
pub fn fold(s: &str) -> String {
    Folded::new(s.trim()).text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_maps_back() {
        let original = "Pakistan\u{2019}s  Tehrik\u{2013}e\nTaliban";
        let f = Folded::new(original);
        assert_eq!(f.text, "Pakistan's Tehrik-e Taliban");
        let start = f.text.find("Tehrik").unwrap();
        let r = f.original(start, f.text.len());
        assert_eq!(&original[r], "Tehrik\u{2013}e\nTaliban");
        let r = f.original(0, "Pakistan's".len());
        assert_eq!(&original[r], "Pakistan\u{2019}s");
    }

    #[test]
    fn text_needing_no_folding_maps_to_itself() {
        let original = "Kenya's envoy met officials in Nairobi.";
        let f = Folded::new(original);
        assert!(matches!(f.text, Cow::Borrowed(_)));
        assert_eq!(f.original(8, 13), 8..13);
        assert_eq!(f.original(0, original.len()), 0..original.len());
        for s in ["a  b", "a\tb", "a\u{2014}b", "a `b`"] {
            assert!(matches!(Folded::new(s).text, Cow::Owned(_)), "{s:?}");
        }
    }
}
