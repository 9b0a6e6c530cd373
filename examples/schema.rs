//! Prints the JSON Schema of the dataset format `partnerships/1`, the text committed at
//! `schema/partnerships-1.schema.json`.
//!
//! `cargo run --features schema --example schema > schema/partnerships-1.schema.json`

use std::process::ExitCode;

fn main() -> ExitCode {
    if std::env::args().skip(1).any(|a| a == "--help" || a == "-h") {
        println!("Usage: cargo run --features schema --example schema\n\nPrints the JSON Schema of the partnerships/1 dataset format.");
        return ExitCode::SUCCESS;
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
