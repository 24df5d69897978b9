//! Command implementations: the edge where typed library errors become
//! messages for people and exit codes. Each returns the process exit code
//! (0 success, 1 finished with problems); `Err` means nothing could be done.

pub mod build;
pub mod explain;
pub mod extract;
pub mod filter;
pub mod merge;
pub mod process;
pub mod rules;
pub mod rules_source;
pub mod timex;
