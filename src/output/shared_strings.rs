//! The workbook's shared string table (`xl/sharedStrings.xml`).
//!
//! A text cell written inline spends some forty bytes of markup around
//! its text, and the sheets' XML is what the deflate of the workbook
//! chews through byte by byte. Columns that repeat a few values (kinds,
//! rules, countries, date bases) instead name an entry of this table: a
//! short index in place of the markup and the text.
//!
//! The table only ever holds short texts and at most [`MAX_ENTRIES`] of
//! them, so its memory stays a few megabytes whatever the corpus; a text
//! that does not fit is written inline, which reads the same.

use crate::sym::FastMap;

/// Longest text (in bytes) the table takes: repeated values are short,
/// and a long one would cost more memory than its index saves.
pub const MAX_LEN: usize = 64;
/// Most entries the table holds.
pub const MAX_ENTRIES: usize = 1 << 14;

#[derive(Default)]
pub struct SharedStrings {
    index: FastMap<Box<str>, u32>,
    /// The `<si>` entries, escaped, in index order.
    entries: Vec<u8>,
    /// Cells that name an entry (the part's `count`).
    uses: u64,
}

impl SharedStrings {
    /// The index of `s`, added if new, or `None` when it is not to be
    /// shared (too long, or the table is full).
    pub fn index(&mut self, s: &str) -> Option<u32> {
        if s.len() > MAX_LEN {
            return None;
        }
        let i = match self.index.get(s) {
            Some(&i) => i,
            None if self.index.len() >= MAX_ENTRIES => return None,
            None => {
                let i = self.index.len() as u32;
                self.index.insert(s.into(), i);
                self.entries
                    .extend_from_slice(if super::package::preserve(s) {
                        b"<si><t xml:space=\"preserve\">".as_slice()
                    } else {
                        b"<si><t>".as_slice()
                    });
                super::package::escape(&mut self.entries, s);
                self.entries.extend_from_slice(b"</t></si>");
                i
            }
        };
        self.uses += 1;
        Some(i)
    }

    /// Counts one more use of entry `i`, already known: [`Self::index`]
    /// without the lookup.
    pub fn reuse(&mut self, i: u32) -> u32 {
        debug_assert!((i as usize) < self.index.len());
        self.uses += 1;
        i
    }

    /// The part's body (without the XML declaration).
    pub fn part(&self, namespace: &str) -> Vec<u8> {
        let mut s = format!(
            "<sst xmlns=\"{namespace}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.index.len()
        )
        .into_bytes();
        s.extend_from_slice(&self.entries);
        s.extend_from_slice(b"</sst>");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_texts_share_one_entry_escaped_once() {
        let mut t = SharedStrings::default();
        assert_eq!(t.index("airstrike"), Some(0));
        assert_eq!(t.index("a<b"), Some(1));
        assert_eq!(t.index("airstrike"), Some(0));
        assert_eq!(t.reuse(1), 1);
        assert_eq!(t.index(" padded"), Some(2));
        let part = String::from_utf8(t.part("ns")).unwrap();
        assert_eq!(
            part,
            "<sst xmlns=\"ns\" count=\"5\" uniqueCount=\"3\"><si><t>airstrike</t></si>\
             <si><t>a&lt;b</t></si><si><t xml:space=\"preserve\"> padded</t></si></sst>"
        );
    }

    #[test]
    fn long_texts_and_a_full_table_stay_inline() {
        let mut t = SharedStrings::default();
        assert_eq!(t.index(&"x".repeat(MAX_LEN + 1)), None);
        for i in 0..MAX_ENTRIES {
            assert_eq!(t.index(&i.to_string()), Some(i as u32));
        }
        assert_eq!(t.index("one more"), None);
        assert_eq!(t.index("7"), Some(7), "entries already in stay shared");
    }
}
