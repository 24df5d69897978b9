//! The match cache of one regex, shared by the threads that search it:
//! the event patterns and the temporal set and union all use it, so it
//! lives beside neither.
//!
//! A `meta::Regex` keeps a cache per thread that ever searched it: with
//! hundreds of patterns and two workers that is two lazy DFAs, two sets of
//! NFA-sized scratch tables and two PikeVM tables per pattern, the largest
//! part of a build's peak memory, each DFA learning the same states as the
//! other. A search takes microseconds, so one cache lent in turn costs a
//! rare short wait and halves that memory (measured on 3,000 articles: CPU
//! no higher, peak RSS 317 → 271 MB; a second cache made whenever the
//! first was busy kept 281 MB, as the common patterns were busy often).

use regex_automata::meta::{Cache, Regex};
use std::cell::Cell;
use std::sync::{Mutex, MutexGuard};

thread_local! {
    /// Whether this thread holds a pattern's cache: it then never waits for
    /// another, so two threads cannot each hold one the other waits for.
    static HOLDING: Cell<bool> = const { Cell::new(false) };
}

/// The cache of one regex, made on first use.
#[derive(Default)]
pub struct Caches {
    shared: Mutex<Option<Cache>>,
}

/// Clears [`HOLDING`] when the search ends, even by a panic.
struct Held<'a>(MutexGuard<'a, Option<Cache>>);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        HOLDING.set(false);
    }
}

impl Caches {
    /// Runs `f` with a cache of `regex` (the regex this cache belongs to)
    /// that no other thread is using, waiting for it if need be. A thread
    /// already holding a cache (a search inside a search) does not wait:
    /// when this one is busy it gets a cache of its own for the call.
    pub fn with<R>(&self, regex: &Regex, f: impl FnOnce(&mut Cache) -> R) -> R {
        if HOLDING.get() {
            return match self.shared.try_lock() {
                Ok(mut g) => f(g.get_or_insert_with(|| regex.create_cache())),
                Err(_) => f(&mut regex.create_cache()),
            };
        }
        // A search that panicked may have left the cache half updated.
        let guard = self.shared.lock().unwrap_or_else(|e| {
            let mut g = e.into_inner();
            *g = None;
            g
        });
        HOLDING.set(true);
        let mut held = Held(guard);
        f(held.0.get_or_insert_with(|| regex.create_cache()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_search_gets_a_cache_of_its_own() {
        let re = Regex::new(r"\bmet\b").unwrap();
        let caches = Caches::default();
        let found = caches.with(&re, |outer| {
            let inner = caches.with(&re, |c| re.search_with(c, &"they met".into()));
            (re.search_with(outer, &"we met".into()), inner)
        });
        assert_eq!(found.0.map(|m| m.range()), Some(3..6));
        assert_eq!(found.1.map(|m| m.range()), Some(5..8));
        // The shared cache is kept, and free again.
        assert!(caches.shared.try_lock().unwrap().is_some());
        assert!(!HOLDING.get());
    }

    #[test]
    fn threads_take_turns_with_the_one_cache() {
        let re = Regex::new(r"\bmet\b").unwrap();
        let caches = Caches::default();
        std::thread::scope(|s| {
            let searches: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        (0..1000)
                            .filter(|_| {
                                caches.with(&re, |c| re.is_match_with(c, &"they met".into()))
                            })
                            .count()
                    })
                })
                .collect();
            for search in searches {
                assert_eq!(search.join().unwrap(), 1000);
            }
        });
        assert!(caches.shared.try_lock().unwrap().is_some());
    }

    #[test]
    fn a_panicking_search_frees_the_cache() {
        let re = Regex::new(r"\bmet\b").unwrap();
        let caches = Caches::default();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            caches.with(&re, |_| panic!("inside a search"))
        }));
        assert!(r.is_err());
        assert!(!HOLDING.get());
        assert!(caches.with(&re, |c| re.is_match_with(c, &"we met".into())));
    }
}
