//! The dates one event's tellings give in their own words, per article.
//!
//! The joiner keeps one such set per mention while it merges, and most
//! never grow past their first telling: a map each (an allocation of some
//! 200 bytes) was tens of MB at the peak of a large build, so a single
//! telling is held inline and a map made only when a second one joins,
//! boxed so that the common case stays three words. Articles are keyed by
//! their interned name, which hashes and compares as a pointer.

use crate::sym::{FastMap, Sym};
use crate::temporal::Interval;

/// Articles' own dates for the tellings of one event (a multiset per
/// article: the order of the dates is never read).
#[derive(Debug, Default)]
pub(super) enum OwnDates {
    #[default]
    None,
    One(Sym, Interval),
    Many(Box<FastMap<Sym, Vec<Interval>>>),
}

impl OwnDates {
    /// How many articles give dates.
    pub(super) fn len(&self) -> usize {
        match self {
            OwnDates::None => 0,
            OwnDates::One(..) => 1,
            OwnDates::Many(m) => m.len(),
        }
    }

    /// Whether one article gives these tellings and `other`'s different
    /// dates. Looks up the smaller set's articles in the larger one.
    pub(super) fn disagree(&self, other: &OwnDates) -> bool {
        let (small, large) = if self.len() <= other.len() {
            (self, other)
        } else {
            (other, self)
        };
        let differs = |doc: &Sym, xs: &[Interval]| {
            large
                .get(doc)
                .is_some_and(|ys| xs.iter().any(|x| ys.iter().any(|y| x != y)))
        };
        match small {
            OwnDates::None => false,
            OwnDates::One(doc, x) => differs(doc, std::slice::from_ref(x)),
            OwnDates::Many(m) => m.iter().any(|(doc, xs)| differs(doc, xs)),
        }
    }

    /// The dates `doc` gives, if any.
    pub(super) fn get(&self, doc: &Sym) -> Option<&[Interval]> {
        match self {
            OwnDates::None => None,
            OwnDates::One(d, x) => (d == doc).then_some(std::slice::from_ref(x)),
            OwnDates::Many(m) => m.get(doc).map(Vec::as_slice),
        }
    }

    /// Takes in the dates of another event joining this one.
    pub(super) fn absorb(&mut self, other: OwnDates) {
        if let OwnDates::None = self {
            *self = other;
            return;
        }
        if let OwnDates::None = other {
            return;
        }
        let mut map = match std::mem::take(self) {
            OwnDates::Many(m) => m,
            OwnDates::One(doc, d) => Box::new(FastMap::from_iter([(doc, vec![d])])),
            OwnDates::None => unreachable!("handled above"),
        };
        match other {
            OwnDates::None => {}
            OwnDates::One(doc, d) => map.entry(doc).or_default().push(d),
            OwnDates::Many(m) => {
                for (doc, ds) in *m {
                    map.entry(doc).or_default().extend(ds);
                }
            }
        }
        *self = OwnDates::Many(map);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(d: u32) -> Interval {
        let x = NaiveDate::from_ymd_opt(2025, 4, d).unwrap();
        Interval::new(x, x)
    }

    fn dates(o: &OwnDates, doc: &str) -> Vec<Interval> {
        let mut v = o.get(&Sym::new(doc)).unwrap_or_default().to_vec();
        v.sort();
        v
    }

    #[test]
    fn one_telling_is_held_in_three_words() {
        assert_eq!(std::mem::size_of::<OwnDates>(), 24);
    }

    #[test]
    fn joined_tellings_keep_every_articles_dates() {
        let mut a = OwnDates::One(Sym::new("a.txt"), day(1));
        assert_eq!((a.len(), dates(&a, "a.txt")), (1, vec![day(1)]));
        a.absorb(OwnDates::None);
        a.absorb(OwnDates::One(Sym::new("b.txt"), day(2)));
        let mut c = OwnDates::None;
        c.absorb(OwnDates::One(Sym::new("a.txt"), day(3)));
        a.absorb(c);
        assert_eq!(a.len(), 2);
        assert_eq!(dates(&a, "a.txt"), vec![day(1), day(3)]);
        assert_eq!(dates(&a, "b.txt"), vec![day(2)]);
        assert!(a.get(&Sym::new("c.txt")).is_none());
        assert!(!a.disagree(&OwnDates::One(Sym::new("c.txt"), day(9))));
        assert!(a.disagree(&OwnDates::One(Sym::new("b.txt"), day(9))));
        assert!(
            !OwnDates::One(Sym::new("b.txt"), day(2))
                .disagree(&OwnDates::One(Sym::new("b.txt"), day(2)))
        );
        assert!(OwnDates::One(Sym::new("a.txt"), day(1)).disagree(&a));
    }
}
