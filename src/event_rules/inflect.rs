//! Inflection moved to `crate::datafile::inflect` with the pattern dialect
//! it serves; this path stays for code written against it.

pub use crate::datafile::inflect::*;
