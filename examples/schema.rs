//! Prints the JSON Schema of the dataset format `partnerships/1`, the text committed at
//! `schema/partnerships-1.schema.json`.
//!
//! `cargo run --features schema --example schema > schema/partnerships-1.schema.json`

use std::process::ExitCode;

mod support;

const HELP: &str = "\
Usage: cargo run --features schema --example schema

Prints the JSON Schema of the partnerships/1 dataset format.";

fn main() -> ExitCode {
    if let Err(status) = support::args::or_exit(
        support::args::files(std::env::args_os().skip(1), 0, 0),
        HELP,
    ) {
        return status;
    }
    match serde_json::to_string_pretty(&partnerships::formats::json_schema()) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
