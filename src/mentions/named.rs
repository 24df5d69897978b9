//! Actors and places as one interned handle each.
//!
//! Every mention names a few actors, a place and its two parties, and the
//! same few thousand (name, kind, country) triples recur across hundreds of
//! thousands of mentions. Stored once each (and never freed, like
//! [`Sym`]), a name costs a mention one pointer instead of three, and two
//! names compare and hash as pointers.

use crate::gazetteer::{Entity, EntityKind};
use crate::sym::{FastBuild, FastSet, Sym};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::hash::{BuildHasher, Hash, Hasher};
use std::ops::Deref;
use std::sync::{Mutex, OnceLock};

/// An actor or place as the output names it. Its parts are read as fields
/// (`n.name`, `n.kind`, `n.country`) through [`NamedParts`].
#[derive(Clone, Copy)]
pub struct Named(&'static NamedParts);

/// What a [`Named`] is; written and read as the name's own JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NamedParts {
    pub name: Sym,
    pub kind: Sym,
    pub country: Option<Sym>,
}

/// Locks the table is split under, for threads reading mention files.
const SHARDS: usize = 8;

type Shard = Mutex<FastSet<&'static NamedParts>>;

fn table() -> &'static [Shard; SHARDS] {
    static TABLE: OnceLock<[Shard; SHARDS]> = OnceLock::new();
    TABLE.get_or_init(Default::default)
}

impl Named {
    /// The shared copy of these parts, made on first use.
    pub fn new(name: Sym, kind: Sym, country: Option<Sym>) -> Named {
        Named::intern(NamedParts {
            name,
            kind,
            country,
        })
    }

    fn intern(parts: NamedParts) -> Named {
        let hash = FastBuild::default().hash_one(&parts);
        let shard = &table()[(hash >> 61) as usize % SHARDS];
        // A poisoned table still holds valid names.
        let mut t = shard.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&p) = t.get(&parts) {
            return Named(p);
        }
        let p: &'static NamedParts = Box::leak(Box::new(parts));
        t.insert(p);
        Named(p)
    }

    pub(crate) fn from_entity(e: &Entity) -> Named {
        Named::new(
            Sym::new(&e.name),
            Sym::new(kind_name(e.kind)),
            e.country.as_deref().map(Sym::new),
        )
    }

    /// Whether it names an entity of this kind.
    pub fn is(&self, kind: EntityKind) -> bool {
        self.0.kind == kind_name(kind)
    }
}

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Country => "country",
        EntityKind::Place => "place",
        EntityKind::Organisation => "organisation",
        EntityKind::Person => "person",
    }
}

impl Deref for Named {
    type Target = NamedParts;
    fn deref(&self) -> &NamedParts {
        self.0
    }
}

impl PartialEq for Named {
    fn eq(&self, other: &Named) -> bool {
        // Interned: equal parts are one pointer.
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Named {}

impl Hash for Named {
    fn hash<H: Hasher>(&self, h: &mut H) {
        (self.0 as *const NamedParts as usize).hash(h)
    }
}

impl PartialOrd for Named {
    fn partial_cmp(&self, other: &Named) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Named {
    fn cmp(&self, other: &Named) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl fmt::Debug for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl Serialize for Named {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Named {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Named, D::Error> {
        NamedParts::deserialize(d).map(Named::intern)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_share_one_copy() {
        let a = Named::new("Kidal".into(), "place".into(), Some("Mali".into()));
        let b: Named =
            serde_json::from_str(r#"{"name":"Kidal","kind":"place","country":"Mali"}"#).unwrap();
        assert!(std::ptr::eq(a.0, b.0));
        assert_ne!(a, Named::new("Kidal".into(), "place".into(), None));
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"name":"Kidal","kind":"place","country":"Mali"}"#
        );
        assert!(a.is(EntityKind::Place) && a.name == "Kidal");
    }
}
