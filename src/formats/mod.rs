//! Outputs of a dataset beyond its serde form.
//!
//! - [`from_json`] and [`to_json`]: the dataset file format, `partnerships/1` (see below);
//! - [`briefing`]: a readable plain-text briefing.
//!
#![doc = include_str!("json-format.md")]

mod briefing;
mod json;

pub use briefing::briefing;
pub use json::{from_json, from_json_reader, to_json, to_json_writer};
