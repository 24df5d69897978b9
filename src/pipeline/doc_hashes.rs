//! Articles' content hashes, looked up once per mention three times over
//! (anchors, kept ids, the next ledger): by a mention's interned name, so
//! a look-up hashes and compares an address, not the name's text.

use crate::sym::{FastMap, Sym};
use std::collections::HashMap;
use std::hash::BuildHasher;

pub(super) struct DocHashes<'a, S> {
    /// By the address of each name's interned text.
    by_address: FastMap<usize, u64>,
    /// By name, for a name that is not the interned text.
    by_name: &'a HashMap<String, u64, S>,
}

impl<'a, S: BuildHasher> DocHashes<'a, S> {
    pub(super) fn new(by_name: &'a HashMap<String, u64, S>) -> Self {
        let by_address = by_name
            .iter()
            .map(|(doc, &hash)| (address(Sym::new(doc).as_str()), hash))
            .collect();
        DocHashes {
            by_address,
            by_name,
        }
    }

    /// The content hash of article `doc`, 0 for one not known.
    pub(super) fn get(&self, doc: &str) -> u64 {
        match self.by_address.get(&address(doc)) {
            Some(&hash) => hash,
            None => self.by_name.get(doc).copied().unwrap_or(0),
        }
    }
}

fn address(s: &str) -> usize {
    s.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_by_its_interned_text_or_by_its_words() {
        let mut by_name: HashMap<String, u64> = HashMap::new();
        by_name.insert("a.txt".to_string(), 7);
        let hashes = DocHashes::new(&by_name);
        assert_eq!(hashes.get(Sym::new("a.txt").as_str()), 7);
        let copy = String::from("a.txt");
        assert_eq!(hashes.get(&copy), 7);
        assert_eq!(hashes.get("b.txt"), 0);
    }
}
