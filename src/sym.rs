//! Shared, interned strings for the fields that repeat across mentions.
//!
//! A large corpus yields hundreds of thousands of mentions, and most of
//! their strings are a few hundred distinct values (an article's name on
//! each of its mentions, a rule name, a kind, a CAMEO code, a country and
//! its code on every actor). Kept as one `String` each they were most of a
//! build's peak memory; as a [`Sym`] every distinct value is stored once and
//! each use costs a pointer. Values are interned wherever they are made or
//! read back (`From`, `Deserialize`), so equal strings share one allocation
//! whichever thread or mention file they came from.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::{Mutex, OnceLock};

/// An immutable string whose equal values share one allocation. One
/// pointer wide (to the interned string's own pointer), so an actor of
/// three names is 24 bytes; equal values are the same pointer.
#[derive(Clone)]
pub struct Sym(&'static &'static str);

/// How many locks the table is split under: threads reading mention files
/// intern at once, and one lock was a tenth of their time waiting.
const SHARDS: usize = 32;

type Shard = Mutex<FastMap<&'static str, &'static &'static str>>;

/// Every value interned so far, split by hash. Never shrinks (values are
/// leaked on purpose): the distinct values of a run are few next to the
/// mentions that use them.
fn table() -> &'static [Shard; SHARDS] {
    static TABLE: OnceLock<[Shard; SHARDS]> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Sym {
    /// The shared copy of `s`, made on first use.
    pub fn new(s: &str) -> Sym {
        let hash = FastBuild::default().hash_one(s);
        // The top bits pick the shard; the map indexes by the low ones.
        let shard = &table()[(hash >> 59) as usize % SHARDS];
        // A poisoned table still holds valid strings.
        let mut t = shard.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&a) = t.get(s) {
            return Sym(a);
        }
        let text: &'static str = Box::leak(s.into());
        let a: &'static &'static str = Box::leak(Box::new(text));
        t.insert(text, a);
        Sym(a)
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl Default for Sym {
    fn default() -> Sym {
        Sym::new("")
    }
}

impl PartialEq for Sym {
    fn eq(&self, other: &Sym) -> bool {
        // Interned: equal values are one pointer.
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Sym {}

impl PartialOrd for Sym {
    fn partial_cmp(&self, other: &Sym) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sym {
    fn cmp(&self, other: &Sym) -> std::cmp::Ordering {
        // Sorts by article or kind meet equal values most of the time, and
        // equal values are one pointer: no pass over their bytes.
        if std::ptr::eq(self.0, other.0) {
            return std::cmp::Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Sym {
    fn hash<H: Hasher>(&self, h: &mut H) {
        // Equal values are one pointer (see `PartialEq`), so the address
        // is a hash consistent with equality and costs no pass over text.
        (self.0 as *const &str as usize).hash(h)
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym::new(s)
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Sym {
        Sym::new(&s)
    }
}

impl From<&String> for Sym {
    fn from(s: &String) -> Sym {
        Sym::new(s)
    }
}

impl From<Sym> for String {
    fn from(s: Sym) -> String {
        s.0.to_string()
    }
}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        *self.0 == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        *self.0 == other.as_str()
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == *other.0
    }
}

impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        self.as_str() == *other.0
    }
}

impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Sym;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Sym, E> {
                Ok(Sym::new(v))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// The maps of merging and interning hash millions of short keys, and
/// SipHash was a tenth of a cached build: they use rustc's unkeyed "Fx"
/// hash. Unkeyed, so not for maps whose keys an adversary picks to
/// collide; here a crafted corpus could only slow a build down, never
/// change what it writes.
pub type FastBuild = rustc_hash::FxBuildHasher;
/// A `HashMap` with [`FastBuild`].
pub type FastMap<K, V> = HashMap<K, V, FastBuild>;
/// A `HashSet` with [`FastBuild`].
pub type FastSet<K> = HashSet<K, FastBuild>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_one_allocation() {
        let a = Sym::from("border_closure");
        let b = Sym::from(String::from("border_closure"));
        assert!(std::ptr::eq(a.0, b.0));
        assert_eq!(a, "border_closure");
    }

    #[test]
    fn reads_and_writes_as_a_plain_string() {
        let s: Sym = serde_json::from_str(r#""Addis Ababa \"old town\"""#).unwrap();
        assert_eq!(s.as_str(), "Addis Ababa \"old town\"");
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#""Addis Ababa \"old town\"""#
        );
        assert!(std::ptr::eq(s.0, Sym::new("Addis Ababa \"old town\"").0));
    }

    #[test]
    fn threads_interning_at_once_get_one_value_each() {
        let words: Vec<String> = (0..500).map(|i| format!("actor-{i}")).collect();
        let runs: Vec<Vec<Sym>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| words.iter().map(|w| Sym::new(w)).collect::<Vec<_>>()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for run in &runs[1..] {
            assert!(
                run.iter()
                    .zip(&runs[0])
                    .all(|(a, b)| std::ptr::eq(a.0, b.0))
            );
        }
        let set: FastSet<Sym> = runs.into_iter().flatten().collect();
        assert_eq!(set.len(), words.len());
    }
}
