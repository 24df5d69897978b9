//! Small text helpers shared by every stage.

pub mod text;
