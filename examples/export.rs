//! Writes the embedded EU–IOM dataset in the canonical `partnerships/1` JSON form to standard
//! output, so that `export | validate -` round-trips.
//!
//! `cargo run --example export`.

use std::process::ExitCode;

mod support;

use partnerships::{data, formats::to_json_writer};

const HELP: &str = "\
Usage: cargo run --example export

Writes the embedded dataset of the seventh EU–IOM strategic meeting
(13 October 2020) to standard output as canonical partnerships/1 JSON.";

fn main() -> ExitCode {
    if let Err(status) = support::args::or_exit(
        support::args::files(std::env::args_os().skip(1), 0, 0),
        HELP,
    ) {
        return status;
    }
    match to_json_writer(&data::eu_iom_2020(), std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}
