//! dateline: news articles in, a chronological table of dated diplomatic and
//! security events out. Stages, in the order data flows through them:
//! ingest → sentences → temporal → rules (+ gazetteer) → events → merge → output.

pub mod cache;
pub mod cues;
pub mod datafile;
pub mod dates;
pub mod error;
pub mod event_rules;
pub mod gazetteer;
pub mod ids;
pub mod ingest;
pub mod layout;
pub mod lexicon;
pub mod manifest;
pub mod mentionfile;
pub mod mentions;
pub mod merge;
pub mod output;
pub mod pack;
pub mod packentry;
pub mod packs;
pub mod pipeline;
pub(crate) mod regex_cache;
pub mod sentences;
pub mod sym;
pub mod temporal;
pub mod text;
pub mod util;
