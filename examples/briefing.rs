//! A readable briefing of a partnership dataset: by default the embedded EU–IOM case of
//! 13 October 2020, or a dataset file in the `partnerships/1` JSON format.
//!
//! Run it with `cargo run --example briefing`, or `cargo run --example briefing -- FILE`.

use std::process::ExitCode;

use partnerships::{data, formats::briefing};

mod support;

const HELP: &str = "\
Usage: cargo run --example briefing [-- FILE]

Prints a briefing of a partnership dataset: its frameworks, meetings with
their hosts and participants and the posts they held that day, programmes
with the figures they report, portfolios, and the validation report.

Without FILE it briefs the embedded dataset of the seventh EU–IOM strategic
meeting (13 October 2020). FILE is a dataset in the partnerships/1 JSON
format; - reads standard input.

Exit status: 0 on success, 2 when the file cannot be read as a dataset.";

fn main() -> ExitCode {
    let files = match support::args::or_exit(
        support::args::files(std::env::args_os().skip(1), 0, 1),
        HELP,
    ) {
        Ok(files) => files,
        Err(status) => return status,
    };
    let dataset = match files.first() {
        None => data::eu_iom_2020(),
        Some(path) => match support::read_dataset(path) {
            Ok(dataset) => dataset,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        },
    };
    print!("{}", briefing(&dataset));
    ExitCode::SUCCESS
}
