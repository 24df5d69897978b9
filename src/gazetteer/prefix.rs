//! The dictionary of names as a plain trie, searched only anchored: the
//! lookup asks, at the start of a word, for the longest name the text
//! begins with there. An Aho–Corasick automaton answers the same question,
//! but building one computes failure links for every state (tens of
//! thousands of names), which anchored searches never follow: that was a
//! fifth of loading the rules, paid again by every small incremental build.

/// No name ends at a node.
const NONE: u32 = u32::MAX;

/// Names compared up to ASCII case (bytes outside ASCII exactly), as
/// `aho_corasick` with `ascii_case_insensitive` compares them.
///
/// Nodes are numbered breadth first; the edges of node `n` are
/// `first[n]..first[n + 1]` of `bytes` and `next`, sorted by byte.
pub(super) struct Prefixes {
    first: Vec<u32>,
    bytes: Vec<u8>,
    next: Vec<u32>,
    /// The lowest index of a name that ends at each node, or [`NONE`].
    ends: Vec<u32>,
}

impl Prefixes {
    pub(super) fn new<'a>(names: impl Iterator<Item = &'a str>) -> Prefixes {
        let mut keys: Vec<(Vec<u8>, u32)> = names
            .enumerate()
            .map(|(i, n)| (n.as_bytes().to_ascii_lowercase(), i as u32))
            .collect();
        // By key, then index: the first key of a run ending at a node is
        // the lowest index among equal names.
        keys.sort_unstable();
        let mut t = Prefixes {
            first: Vec::new(),
            bytes: Vec::new(),
            next: Vec::new(),
            ends: Vec::new(),
        };
        // Each node is the run of keys sharing its path, at the path's depth.
        let mut queue = std::collections::VecDeque::from([(0..keys.len(), 0)]);
        while let Some((run, depth)) = queue.pop_front() {
            t.first.push(t.bytes.len() as u32);
            let mut i = run.start;
            let mut end = NONE;
            while i < run.end && keys[i].0.len() == depth {
                end = end.min(keys[i].1);
                i += 1;
            }
            t.ends.push(end);
            while i < run.end {
                let byte = keys[i].0[depth];
                let from = i;
                while i < run.end && keys[i].0[depth] == byte {
                    i += 1;
                }
                t.bytes.push(byte);
                // Breadth first: the child is numbered after every node queued.
                t.next.push((t.ends.len() + queue.len()) as u32);
                queue.push_back((from..i, depth + 1));
            }
        }
        t.first.push(t.bytes.len() as u32);
        t
    }

    /// The longest name `text` begins with at `from`, as (its index, the
    /// end of the match); among names equal up to case, the lowest index.
    pub(super) fn longest(&self, text: &[u8], from: usize) -> Option<(usize, usize)> {
        let mut node = 0;
        let mut best = (self.ends[0] != NONE).then_some((self.ends[0] as usize, from));
        for (at, &b) in text[from..].iter().enumerate() {
            let b = b.to_ascii_lowercase();
            let (lo, hi) = (self.first[node] as usize, self.first[node + 1] as usize);
            let edges = &self.bytes[lo..hi];
            let found = if edges.len() > 16 {
                edges.binary_search(&b).ok()
            } else {
                edges.iter().position(|&e| e == b)
            };
            let Some(k) = found else { break };
            node = self.next[lo + k] as usize;
            if self.ends[node] != NONE {
                best = Some((self.ends[node] as usize, from + at + 1));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

    /// The automaton the trie replaced, as the gazetteer built it.
    fn automaton(names: &[&str]) -> AhoCorasick {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(names)
            .unwrap()
    }

    fn both(names: &[&str], text: &str) {
        let trie = Prefixes::new(names.iter().copied());
        let ac = automaton(names);
        for from in 0..=text.len() {
            let want = ac
                .find(
                    Input::new(text)
                        .span(from..text.len())
                        .anchored(Anchored::Yes),
                )
                .map(|m| (m.pattern().as_usize(), m.end()));
            let got = trie.longest(text.as_bytes(), from);
            assert_eq!(got, want, "{names:?} in {text:?} at {from}");
        }
    }

    #[test]
    fn finds_what_the_anchored_automaton_finds() {
        both(&["abc", "b"], "abx abc b");
        both(&["abcd", "b", "ab"], "abcx ABCD aBc");
        // Equal up to case: the first name listed wins.
        both(&["Un", "UN", "un"], "un UN Un uN");
        both(&["New York", "New", "York City"], "New York City, new york");
        // Only ASCII letters fold.
        both(&["Ünal", "éa"], "ünal Ünal ÜNAL éA ÉA");
        both(&[], "anything");
        both(&["x"], "");
    }

    #[test]
    fn finds_what_the_automaton_finds_over_the_real_gazetteer() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/gazetteer");
        let data = super::super::data::load(&dir).unwrap();
        let names: Vec<&str> = data.surfaces.iter().map(|s| s.form.as_str()).collect();
        let trie = Prefixes::new(names.iter().copied());
        let ac = automaton(&names);
        let mut text = String::new();
        for (i, n) in names.iter().enumerate().step_by(7) {
            // Names whole, cut, lower-cased and run together.
            text.push_str(n);
            text.push_str(if i % 3 == 0 { " " } else { "s of " });
            text.push_str(&n[..crate::util::text::floor_char_boundary(n, n.len() / 2)]);
            text.push_str(&n.to_lowercase());
            text.push('.');
        }
        let mut found = 0;
        for from in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let want = ac
                .find(
                    Input::new(&text)
                        .span(from..text.len())
                        .anchored(Anchored::Yes),
                )
                .map(|m| (m.pattern().as_usize(), m.end()));
            assert_eq!(trie.longest(text.as_bytes(), from), want, "at {from}");
            found += usize::from(want.is_some());
        }
        assert!(found > names.len() / 7, "{found}");
    }
}
