//! Sentence text shared by every mention that quotes it.
//!
//! A 30,000-article build holds some 400,000 mentions until they are
//! written out, and each quoted its sentence as a `String` of its own: a
//! quarter of the build's peak memory, with an allocation per mention. A
//! sentence telling two events, an article read again from its mention
//! file, or one wire sentence carried by many articles all quote the same
//! words, so a [`Text`] stores each distinct sentence once, packed into
//! large append-only blocks (no allocator overhead per sentence), and a
//! mention holds a two-word handle to it.
//!
//! Like [`crate::sym::Sym`], what is stored is never freed: a build keeps
//! its mentions to the end, and reading a mention file again finds its
//! sentences already stored.

use crate::sym::{FastBuild, FastSet};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::{Mutex, OnceLock};

/// A sentence's text, stored once however many mentions quote it: equal
/// values are the same bytes, so comparing two is comparing two pointers.
#[derive(Clone, Copy, Default)]
pub struct Text(&'static str);

/// Locks the store is split under, so threads reading mention files do not
/// wait on one another.
const SHARDS: usize = 16;

/// Size of one block of sentence bytes. A text longer than a quarter of it
/// gets a block of its own, so a block's unused tail stays small.
const BLOCK: usize = 256 * 1024;

/// One lock's part of the store: the texts stored so far, and the free
/// tail of the block being filled.
#[derive(Default)]
struct Shard {
    stored: FastSet<&'static str>,
    free: &'static mut [u8],
}

impl Shard {
    /// Copies `s` into the store's blocks.
    fn store(&mut self, s: &str) -> &'static str {
        let n = s.len();
        let room: &'static mut [u8] = if n > BLOCK / 4 {
            Box::leak(vec![0u8; n].into_boxed_slice())
        } else {
            if self.free.len() < n {
                self.free = Box::leak(vec![0u8; BLOCK].into_boxed_slice());
            }
            let (head, rest) = std::mem::take(&mut self.free).split_at_mut(n);
            self.free = rest;
            head
        };
        room.copy_from_slice(s.as_bytes());
        // A copy of a `str`'s bytes is UTF-8.
        std::str::from_utf8(room).expect("copied from a str")
    }
}

fn shards() -> &'static [Mutex<Shard>; SHARDS] {
    static SHARDS_: OnceLock<[Mutex<Shard>; SHARDS]> = OnceLock::new();
    SHARDS_.get_or_init(Default::default)
}

impl Text {
    /// The stored copy of `s`, stored on first use.
    pub fn new(s: &str) -> Text {
        let hash = FastBuild::default().hash_one(s);
        // The top bits pick the shard; the set indexes by the low ones.
        let shard = &shards()[(hash >> 60) as usize % SHARDS];
        // A poisoned store still holds valid text.
        let mut shard = shard.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&t) = shard.stored.get(s) {
            return Text(t);
        }
        let t = shard.store(s);
        shard.stored.insert(t);
        Text(t)
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        // Stored once: equal values are one pointer (or both empty).
        std::ptr::eq(self.0, other.0) || self.0 == other.0
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        // Stored once: the same sentence is one pointer, compared at once.
        if std::ptr::eq(self.0, other.0) {
            return std::cmp::Ordering::Equal;
        }
        self.0.cmp(other.0)
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::new(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new(&s)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    /// Stored straight from the reader's buffer: no `String` is made.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::new(v))
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_sentences_are_stored_once() {
        let a = Text::new("Drones struck a fuel depot near Kherson on Sunday.");
        let b = Text::from(String::from(
            "Drones struck a fuel depot near Kherson on Sunday.",
        ));
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_eq!(a, "Drones struck a fuel depot near Kherson on Sunday.");
        assert_ne!(a, Text::new("Drones struck a fuel depot."));
    }

    #[test]
    fn long_and_many_texts_keep_their_bytes() {
        let long = "ä".repeat(BLOCK);
        let many: Vec<String> = (0..5000)
            .map(|i| format!("sentence {i} {}", "x".repeat(i % 300)))
            .collect();
        let stored: Vec<Text> = many.iter().map(|s| Text::new(s)).collect();
        let l = Text::new(&long);
        assert_eq!(l.as_str(), long);
        for (t, s) in stored.iter().zip(&many) {
            assert_eq!(t.as_str(), s);
            assert!(std::ptr::eq(t.as_str(), Text::new(s).as_str()));
        }
        assert_eq!(Text::new("").as_str(), "");
    }

    #[test]
    fn reads_and_writes_as_a_plain_string() {
        let t: Text = serde_json::from_str(r#""He said \"no\" in Kyiv.""#).unwrap();
        assert_eq!(t.as_str(), "He said \"no\" in Kyiv.");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#""He said \"no\" in Kyiv.""#
        );
    }
}
