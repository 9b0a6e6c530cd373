//! Prints the validation report of a dataset file in the `partnerships/1` JSON format.
//!
//! `cargo run --example validate -- FILE` (`-` reads standard input).
//!
//! Exit status: 0 when the dataset has no errors (warnings and notes are printed), 1 when it was
//! read but has errors, 2 when it cannot be read as a dataset.

use std::process::ExitCode;

mod support;

const HELP: &str = "\
Usage: cargo run --example validate -- FILE

Reads a partnership dataset (partnerships/1 JSON; - reads standard input) and
prints every problem validation finds, one a line: severity, path, message
and rule code.

Exit status:
  0  no errors (warnings and notes may be printed)
  1  the file was read, and the dataset has errors
  2  the file cannot be read as a dataset (missing, empty, not JSON, not the
     format, a newer format version); the reason says where";

fn main() -> ExitCode {
    let path = match support::args::or_exit(
        support::args::files(std::env::args_os().skip(1), 1, 1),
        HELP,
    ) {
        Ok(files) => files.into_iter().next().unwrap_or_default(),
        Err(status) => return status,
    };
    let data = match support::read_dataset(&path) {
        Ok(data) => data,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let report = data.validate();
    print!("{report}");
    if report.is_clean() {
        println!();
    }
    let errors = report
        .with_severity(partnerships::validate::Severity::Error)
        .count();
    let others = report.problems().len().saturating_sub(errors);
    eprintln!(
        "{} records, {errors} errors, {others} warnings and notes",
        data.len()
    );
    if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
