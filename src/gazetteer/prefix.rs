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
/// Nodes are numbered breadth first, so the children of a node are
/// consecutive, and the edge with index `e` leads to node `e + 1`: a step
/// reads one node and its few edge bytes, next to each other.
pub(super) struct Prefixes {
    /// Per node: its first edge (the edges of node `n` run up to the first
    /// edge of `n + 1`), and the lowest index of a name that ends there, or
    /// [`NONE`]; then one node past the last, closing the edges.
    nodes: Vec<(u32, u32)>,
    /// The byte of each edge, the edges of a node sorted.
    bytes: Vec<u8>,
    /// The root's child by byte: the root has an edge for most letters.
    root: Box<[u32; 256]>,
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
            nodes: Vec::new(),
            bytes: Vec::new(),
            root: Box::new([NONE; 256]),
        };
        // Each node is the run of keys sharing its path, at the path's depth.
        let mut queue = std::collections::VecDeque::from([(0..keys.len(), 0)]);
        while let Some((run, depth)) = queue.pop_front() {
            let first = t.bytes.len() as u32;
            let mut i = run.start;
            let mut end = NONE;
            while i < run.end && keys[i].0.len() == depth {
                end = end.min(keys[i].1);
                i += 1;
            }
            t.nodes.push((first, end));
            while i < run.end {
                let byte = keys[i].0[depth];
                let from = i;
                while i < run.end && keys[i].0[depth] == byte {
                    i += 1;
                }
                t.bytes.push(byte);
                queue.push_back((from..i, depth + 1));
            }
        }
        t.nodes.push((t.bytes.len() as u32, NONE));
        let root_edges = t.nodes[1].0 as usize;
        for (e, &b) in t.bytes[..root_edges].iter().enumerate() {
            t.root[b as usize] = e as u32 + 1;
        }
        t
    }

    /// The longest name `text` begins with at `from`, as (its index, the
    /// end of the match); among names equal up to case, the lowest index.
    pub(super) fn longest(&self, text: &[u8], from: usize) -> Option<(usize, usize)> {
        let root_end = self.nodes[0].1;
        let mut best = (root_end != NONE).then_some((root_end as usize, from));
        let rest = &text[from..];
        let Some(&b0) = rest.first() else {
            return best;
        };
        let mut node = self.root[b0.to_ascii_lowercase() as usize];
        let mut at = 1;
        while node != NONE {
            let node_at = node as usize;
            let (lo, end) = self.nodes[node_at];
            if end != NONE {
                best = Some((end as usize, from + at));
            }
            let Some(&b) = rest.get(at) else { break };
            let b = b.to_ascii_lowercase();
            let (lo, hi) = (lo as usize, self.nodes[node_at + 1].0 as usize);
            let edges = &self.bytes[lo..hi];
            let found = if edges.len() > 8 {
                edges.binary_search(&b).ok()
            } else {
                edges.iter().position(|&e| e == b)
            };
            node = found.map_or(NONE, |k| (lo + k + 1) as u32);
            at += 1;
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
