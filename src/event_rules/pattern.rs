//! The pattern dialect moved to `crate::datafile::pattern`, shared by every
//! rule family; this path stays for code written against it.

pub use crate::datafile::pattern::*;
