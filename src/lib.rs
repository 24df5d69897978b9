//! dateline: news articles in, a chronological table of dated diplomatic and
//! security events out. Stages, in the order data flows through them:
//! ingest → sentences → temporal → rules (+ gazetteer) → events → merge → output.

pub mod datafile;
pub mod error;
pub mod event_rules;
pub mod gazetteer;
pub mod ingest;
pub mod layout;
pub mod manifest;
pub mod mentions;
pub mod merge;
pub mod output;
pub mod pipeline;
pub mod sentences;
pub mod temporal;
pub mod util;
