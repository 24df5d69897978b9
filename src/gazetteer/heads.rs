//! A small filter of how names begin. The name trie is large (tens of
//! thousands of names), so each step of an anchored search is a likely cache
//! miss, and most capitalised words ("The", "Monday", "Minister") start no
//! name at all; a table of a few kilobytes says so first.

/// Bytes of a name's start the filter looks at; shorter names are entered
/// whole.
const HEAD: usize = 4;

/// Bits of the table (a power of two): 128 KiB, about one bit in twenty set
/// for the world gazetteer.
const BITS: u32 = 20;

/// Set of the first [`HEAD`] bytes of every name (the whole name when
/// shorter), ASCII lower case as the trie compares them, hashed into a
/// bit table. A start absent from the table begins no name; a start present
/// may (hashes collide), and the trie decides.
pub(super) struct Heads {
    bits: Vec<u64>,
    /// Whether any name is shorter than [`HEAD`] bytes, by length.
    short: [bool; HEAD],
}

impl Heads {
    pub(super) fn new<'a>(names: impl Iterator<Item = &'a [u8]>) -> Heads {
        let mut h = Heads {
            bits: vec![0; 1 << (BITS - 6)],
            short: [false; HEAD],
        };
        for name in names.filter(|n| !n.is_empty()) {
            let len = name.len().min(HEAD);
            if len < HEAD {
                h.short[len] = true;
            }
            let slot = slot(&name[..len]);
            h.bits[slot / 64] |= 1 << (slot % 64);
        }
        h
    }

    /// Whether a name may start at the start of `rest`: some name is a
    /// prefix of it, up to ASCII case.
    pub(super) fn may_start(&self, rest: &[u8]) -> bool {
        let has = |len: usize| {
            let slot = slot(&rest[..len]);
            self.bits[slot / 64] & (1 << (slot % 64)) != 0
        };
        (rest.len() >= HEAD && has(HEAD))
            || (1..HEAD.min(rest.len() + 1)).any(|len| self.short[len] && has(len))
    }
}

/// Table slot of a name's start (at most [`HEAD`] bytes), ASCII case folded.
fn slot(head: &[u8]) -> usize {
    let mut k: u64 = head.len() as u64;
    for &b in head {
        k = (k << 8) | u64::from(b.to_ascii_lowercase());
    }
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_start_passes_and_most_words_do_not() {
        let names: [&[u8]; 4] = [b"Nairobi", b"UN", b"al-Shabaab", b"Lima"];
        let h = Heads::new(names.into_iter());
        for text in [
            "Nairobi's",
            "NAIROBI",
            "UN envoy",
            "Al-Shabaab",
            "Lima",
            "UN",
        ] {
            assert!(h.may_start(text.as_bytes()), "{text}");
        }
        for text in ["Monday", "The", "Minister", "U"] {
            assert!(!h.may_start(text.as_bytes()), "{text}");
        }
    }
}
