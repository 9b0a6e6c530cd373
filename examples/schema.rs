//! Prints the JSON Schema of the dataset format `partnerships/1`, the text committed at
//! `schema/partnerships-1.schema.json`.
//!
//! `cargo run --features schema --example schema > schema/partnerships-1.schema.json`

use std::process::ExitCode;

use support::args::Command;

mod support;

const HELP: &str = "\
Usage: cargo run --features schema --example schema

Prints the JSON Schema of the partnerships/1 dataset format.";

fn main() -> ExitCode {
    match support::args::files(std::env::args_os().skip(1), 0, 0) {
        Ok(Command::Run(_)) => {}
        Ok(Command::Help) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{HELP}");
            return ExitCode::from(2);
        }
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
