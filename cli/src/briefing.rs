//! `partnerships briefing`: a readable briefing of a dataset.

use std::io::Write;
use std::path::PathBuf;

use partnerships::{data, formats};

use crate::output::{self, Outcome};
use crate::{input, Status};

/// Prints a briefing of a partnership dataset: its frameworks, meetings with their hosts and
/// participants and the posts they held that day, programmes with the figures they report,
/// portfolios, and the validation report.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships briefing                 the embedded EU–IOM case of 13 October 2020
  partnerships briefing eu-iom.json     a dataset file in the partnerships/1 JSON format")]
pub struct Args {
    /// A dataset in the partnerships/1 JSON format (`-` reads standard input); without it, the
    /// embedded dataset of the seventh EU–IOM strategic meeting (13 October 2020).
    pub file: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let dataset = match &args.file {
        None => data::eu_iom_2020(),
        Some(path) => input::dataset(path)?,
    };
    let mut out = output::stdout();
    out.write_all(formats::briefing(&dataset).as_bytes())?;
    out.flush()?;
    Ok(Status::Done)
}
