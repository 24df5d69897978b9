//! Small text helpers shared by every stage.

pub mod decode;
pub mod text;
