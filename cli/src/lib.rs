//! `partnerships`, the command line of the [`partnerships`] library: briefings, validation and
//! export of partnership datasets, and summaries and partner queries over IATI files.
//!
//! ```text
//! partnerships briefing                      # the embedded EU–IOM case of 13 October 2020
//! partnerships validate eu-iom.json          # every problem of a dataset file
//! partnerships iati FILE... --in EUR         # what a set of IATI files says
//! partnerships partners --funder XI-IATI-EC_ECHO --implementer XM-DAC-47066 FILE...
//! partnerships flatten corpus/ --out flat --format parquet   # rows for DuckDB, pandas, Spark
//! partnerships links --funder XI-IATI-EC --implementer XM-DAC-47066 FILE...  # counted once
//! partnerships trace --from XI-IATI-EC FILE...          # where the money goes, and through whom
//! ```
//!
//! Every subcommand answers `--help` with its options and an example. The exit status is 0
//! when the command did its job and found nothing wrong, 1 when it found problems in its input
//! (a dataset with errors, an IATI file that stops early), and 2 when it could not do its job
//! (an unreadable or missing file, bad arguments, output that cannot be written). Output cut
//! short by its reader (`partnerships iati FILE | head`) ends quietly with status 0.
//!
//! The command only parses arguments, calls the library and prints: what it computes, the
//! library computes, so that a program embedding the library gets the same answers.

#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod briefing;
mod export;
mod flatten;
mod iati;
mod input;
mod links;
mod output;
mod partners;
mod rates;
mod schema;
mod validate;

use output::Failure;

const EXIT_STATUS: &str = "\
Exit status:
  0  done, and nothing wrong was found
  1  problems were found in the input (a dataset with errors, a file that stops early, is not
     XML or not IATI, or has a blank or repeated identifier)
  2  the command could not do its job (a file that cannot be read, bad arguments, output
     that cannot be written)";

/// The command line.
#[derive(Debug, Parser)]
#[command(
    name = "partnerships",
    version,
    about = "Partnership datasets and IATI files: briefings, validation, export, summaries and who funds whom",
    after_help = EXIT_STATUS,
    propagate_version = true
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a briefing of a partnership dataset: the embedded EU–IOM case, or a dataset file.
    Briefing(briefing::Args),
    /// Check a dataset file against every rule and print every problem.
    Validate(validate::Args),
    /// Write a dataset (the embedded one, or a file) in a file format.
    Export(export::Args),
    /// Print the JSON Schema of the dataset format.
    Schema(schema::Args),
    /// Summarise IATI files: publishers, who funds whom, totals, results, what was not read.
    Iati(iati::Args),
    /// Find where one organisation funds and another implements, in IATI files.
    Partners(partners::Args),
    /// Turn IATI files into flat transaction and budget rows: CSV with a data package, or Parquet.
    Flatten(flatten::Args),
    /// Find which activities of a funder and an implementer are the same funded action, across publishers.
    Links(links::Args),
    /// Walk funding links from an organisation, downstream or upstream, across publishers.
    Trace(links::TraceArgs),
    /// Draw a dataset as a graph: Graphviz DOT, Mermaid or JSON.
    Graph(export::GraphArgs),
}

/// How a command ended, as the exit status scripts read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Done, and nothing wrong was found (0).
    Done,
    /// Problems were found in the input (1).
    Problems,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        match status {
            Status::Done => ExitCode::SUCCESS,
            Status::Problems => ExitCode::from(1),
        }
    }
}

/// Parses the command line `args` (the program's name first) without running it: what the
/// fuzz target checks never panics.
///
/// # Errors
///
/// The parser's error for arguments it does not accept, or for `--help` and `--version`
/// (which it prints as their text).
pub fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    Cli::try_parse_from(args)
}

/// Runs the command line `args` (the program's name first) and returns its exit status.
#[must_use]
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match parse(args) {
        Ok(cli) => cli,
        Err(error) => {
            // Help cut short by a closed pipe is still help given.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let ran = match cli.command {
        Command::Briefing(args) => briefing::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Iati(args) => iati::run(&args),
        Command::Partners(args) => partners::run(&args),
        Command::Flatten(args) => flatten::run(&args),
        Command::Links(args) => links::run(&args),
        Command::Trace(args) => links::trace(&args),
        Command::Graph(args) => export::graph(&args),
    };
    match ran {
        Ok(status) => status.into(),
        Err(Failure::ClosedPipe) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("partnerships: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Output(error)) => {
            eprintln!("partnerships: cannot write the output: {error}");
            ExitCode::from(2)
        }
    }
}
