//! The joiner's table of mentions: each mention's union-find parent, its
//! article, its memo of [`super::says_another`] and, for the root of a set,
//! the days the set's mentions agree on, side by side. A comparison of two
//! mentions reads each one's entry and each root's; kept in four arrays,
//! the same questions missed the cache once per array.

use crate::temporal::Interval;
use std::ops::{Index, IndexMut};

/// One mention as joining sees it.
#[derive(Clone, Copy)]
pub(super) struct Node {
    /// A mention below four billion: `u32` keeps the entry small.
    parent: u32,
    /// The mention's article as a number.
    pub(super) doc: u32,
    /// Read at a root: the days all of its set's mentions agree on.
    pub(super) common: Option<Interval>,
    /// Whether the mention's sentence says it tells another occurrence,
    /// once asked.
    pub(super) another: Option<bool>,
}

/// Disjoint sets of mentions (union-find) with what each mention and set
/// keeps for joining.
pub(super) struct Nodes(Vec<Node>);

impl Nodes {
    /// One set per mention, from each one's article number and the days it
    /// allows.
    pub(super) fn new(mentions: impl Iterator<Item = (u32, Option<Interval>)>) -> Nodes {
        let nodes = mentions.enumerate().map(|(i, (doc, common))| Node {
            parent: i as u32,
            doc,
            common,
            another: None,
        });
        Nodes(nodes.collect())
    }

    /// The root of `i`'s set, shortening the path to it.
    pub(super) fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r].parent as usize != r {
            r = self.0[r].parent as usize;
        }
        let mut j = i;
        while self.0[j].parent as usize != r {
            let next = self.0[j].parent as usize;
            self.0[j].parent = r as u32;
            j = next;
        }
        r
    }

    /// Joins the sets of `a` and `b`; the smaller index is the root, so a
    /// set's root is its first mention.
    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)].parent = ra.min(rb) as u32;
        }
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }
}

impl Index<usize> for Nodes {
    type Output = Node;
    fn index(&self, i: usize) -> &Node {
        &self.0[i]
    }
}

impl IndexMut<usize> for Nodes {
    fn index_mut(&mut self, i: usize) -> &mut Node {
        &mut self.0[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_rooted_at_its_first_mention_and_keeps_its_entries() {
        let mut nodes = Nodes::new((0..5).map(|i| (i / 2, None)));
        nodes.union(3, 4);
        nodes.union(4, 1);
        nodes.union(2, 0);
        let roots: Vec<usize> = (0..5).map(|i| nodes.find(i)).collect();
        assert_eq!(roots, [0, 1, 0, 1, 1]);
        assert_eq!(nodes.len(), 5);
        assert_eq!(nodes[4].doc, 2);
        nodes[3].another = Some(true);
        nodes.union(0, 3);
        assert_eq!(nodes.find(4), 0);
        assert_eq!(nodes[3].another, Some(true));
    }
}
