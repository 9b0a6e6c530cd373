//! `partnerships schema`: the JSON Schema of the dataset format.

use crate::output::{self, Outcome};
use crate::Status;

/// Prints the JSON Schema (draft 2020-12) of the dataset format partnerships/1, generated from
/// the library's types, for programs in other languages that validate files.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:
  partnerships schema > partnerships-1.schema.json")]
pub struct Args {}

pub(crate) fn run(_: &Args) -> Outcome {
    output::json(&partnerships::formats::json_schema())?;
    Ok(Status::Done)
}
