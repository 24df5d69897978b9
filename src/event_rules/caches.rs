//! Match caches of one pattern, shared by the threads that search it.
//!
//! A `meta::Regex` keeps a cache per thread that ever searched it: with
//! hundreds of patterns and two workers that is two lazy DFAs, two sets of
//! NFA-sized scratch tables and two PikeVM tables per pattern, most of a
//! build's peak memory, each DFA learning the same states as the other. A
//! pattern's search takes microseconds and the workers rarely run the same
//! pattern at the same moment, so here a cache is lent to whichever thread
//! needs it: the first slot serves nearly every search, and another is
//! made only while the first is busy.

use regex_automata::meta::{Cache, Regex};
use std::sync::Mutex;

/// Caches for one regex, made on first use.
pub struct Caches {
    slots: Box<[Mutex<Option<Cache>>]>,
}

impl Caches {
    /// Room for as many caches as the current thread pool has threads, so
    /// a thread never waits for one.
    pub fn new() -> Caches {
        let n = rayon::current_num_threads().max(1);
        Caches {
            slots: (0..n).map(|_| Mutex::new(None)).collect(),
        }
    }

    /// Runs `f` with a cache of `regex` (the regex these caches belong to)
    /// that no other thread is using. Never blocks: when every slot is
    /// busy (a search inside a search of the same pattern, or more threads
    /// than slots), `f` gets a cache of its own, made for this call.
    pub fn with<R>(&self, regex: &Regex, f: impl FnOnce(&mut Cache) -> R) -> R {
        for slot in self.slots.iter() {
            let mut guard = match slot.try_lock() {
                Ok(g) => g,
                // A search that panicked may have left the cache half
                // updated: start that slot afresh.
                Err(std::sync::TryLockError::Poisoned(p)) => {
                    let mut g = p.into_inner();
                    *g = None;
                    g
                }
                Err(std::sync::TryLockError::WouldBlock) => continue,
            };
            let cache = guard.get_or_insert_with(|| regex.create_cache());
            return f(cache);
        }
        f(&mut regex.create_cache())
    }
}

impl Default for Caches {
    fn default() -> Caches {
        Caches::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_search_gets_a_cache_of_its_own() {
        let re = Regex::new(r"\bmet\b").unwrap();
        let caches = Caches {
            slots: vec![Mutex::new(None)].into_boxed_slice(),
        };
        let found = caches.with(&re, |outer| {
            let inner = caches.with(&re, |c| re.search_with(c, &"they met".into()));
            (re.search_with(outer, &"we met".into()), inner)
        });
        assert_eq!(found.0.map(|m| m.range()), Some(3..6));
        assert_eq!(found.1.map(|m| m.range()), Some(5..8));
        // The slot kept the cache it made.
        assert!(caches.slots[0].lock().unwrap().is_some());
    }

    #[test]
    fn threads_share_the_first_cache_when_they_take_turns() {
        let re = Regex::new(r"\bmet\b").unwrap();
        let caches = Caches {
            slots: (0..2).map(|_| Mutex::new(None)).collect(),
        };
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| caches.with(&re, |c| re.search_with(c, &"met".into())));
            }
        });
        // Whatever the interleaving, both searches found a cache; a second
        // one exists only if they overlapped.
        assert!(caches.slots[0].lock().unwrap().is_some());
    }
}
