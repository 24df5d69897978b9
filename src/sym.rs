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
use std::borrow::Borrow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, Mutex, OnceLock};

/// An immutable string whose equal values share one allocation.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Sym(Arc<str>);

/// Every value interned so far. Never shrinks: the distinct values of a run
/// are few next to the mentions that use them.
fn table() -> &'static Mutex<HashSet<Arc<str>>> {
    static TABLE: OnceLock<Mutex<HashSet<Arc<str>>>> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Sym {
    /// The shared copy of `s`, made on first use.
    pub fn new(s: &str) -> Sym {
        // A poisoned table still holds valid strings.
        let mut t = table().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(a) = t.get(s) {
            return Sym(a.clone());
        }
        let a: Arc<str> = Arc::from(s);
        t.insert(a.clone());
        Sym(a)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
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
        &*self.0 == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        **self == *other.0
    }
}

impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_one_allocation() {
        let a = Sym::from("border_closure");
        let b = Sym::from(String::from("border_closure"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
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
        assert!(Arc::ptr_eq(&s.0, &Sym::new("Addis Ababa \"old town\"").0));
    }
}
