//! Typographic folding: curly apostrophes become `'`, dash variants `-`, and
//! runs of white space one space, so one spelling in the data matches every
//! way publishers print it. A byte map leads back to the original text.

/// Folded text and, for each of its bytes, the byte offset in the original.
pub struct Folded {
    pub text: String,
    /// `map[i]` = original offset of folded byte `i`; `map[text.len()]` = original length.
    map: Vec<usize>,
}

impl Folded {
    pub fn new(original: &str) -> Folded {
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
        Folded { text, map }
    }

    /// Original byte range of a folded byte range (`map[end]` is where the
    /// next folded character starts, i.e. where this range ends).
    pub fn original(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.map[start]..self.map[end]
    }
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
    Folded::new(s.trim()).text
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
}
