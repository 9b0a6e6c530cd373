//! Outputs of a dataset beyond its serde form.
//!
//! - [`from_json`] and [`to_json`]: the dataset file format, `partnerships/1` (see below);
//! - [`briefing`]: a readable plain-text briefing;
//! - `json_schema` (feature `schema`): the format's JSON Schema;
//! - [`iati`]: IATI 2.03, its records and codes, reading and writing its XML (feature `iati`)
//!   and the conversion to and from the partnership model;
//! - `rates` (feature `csv`): exchange-rate tables as CSV;
//! - [`flat`]: transaction and budget rows as CSV with a Frictionless Data Package (feature
//!   `csv`) and as Parquet (feature `parquet`);
//! - [`graph`]: funding links and chains drawn as Graphviz DOT and Mermaid;
//! - [`jsonld`]: a dataset as schema.org JSON-LD;
//! - [`popolo`]: the people, organisations, posts, memberships and events of a dataset in the
//!   Popolo vocabulary, and back.
//!
#![doc = include_str!("formats/json-format.md")]

mod briefing;
pub mod flat;
pub mod graph;
pub mod iati;
mod json;
pub mod jsonld;
pub mod popolo;
#[cfg(feature = "csv")]
pub mod rates;

pub use briefing::briefing;
pub use json::{from_json, from_json_reader, to_json, to_json_writer};

/// The JSON Schema (draft 2020-12) of the dataset format `partnerships/1`, generated from the
/// types, for programs in other languages that validate files. The crate's repository commits
/// it at `schema/partnerships-1.schema.json`.
///
/// Needs the `schema` feature.
///
/// # Example
///
/// ```
/// let schema = partnerships::formats::json_schema();
/// assert_eq!(schema["title"], "Dataset");
/// assert!(schema["$defs"]["Currency"]["enum"].as_array().is_some_and(|codes| codes.len() > 300));
/// ```
#[cfg(feature = "schema")]
#[must_use]
pub fn json_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(crate::dataset::Dataset).to_value();
    first_paragraphs(&mut schema);
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$id".to_owned(),
            serde_json::Value::String("partnerships-1.schema.json".to_owned()),
        );
    }
    schema
}

/// Cuts every description down to its first paragraph, on one line: the rest of a type's docs is
/// for Rust readers (examples, links).
#[cfg(feature = "schema")]
fn first_paragraphs(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if let (true, serde_json::Value::String(text)) = (key == "description", &mut *item)
                {
                    let first = text.split("\n\n").next().unwrap_or_default();
                    *text = first.split_whitespace().collect::<Vec<_>>().join(" ");
                } else {
                    first_paragraphs(item);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(first_paragraphs),
        _ => {}
    }
}
