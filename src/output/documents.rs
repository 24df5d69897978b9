//! What the output says about each article read. It lives with the output
//! (which lists it) rather than the pipeline (which fills it), so writing a
//! timeline needs nothing of how it was made.

use serde::Serialize;

/// One document as the output lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub doc: String,
    pub published: String,
    pub published_basis: &'static str,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub sentences: usize,
    pub mentions: usize,
}
