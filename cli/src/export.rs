//! `partnerships export`: a dataset in a file format.

use std::io::Write;
use std::path::PathBuf;

use partnerships::{data, formats};

use crate::output::{self, Outcome};
use crate::{input, Status};

/// The formats a dataset is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The partnerships/1 JSON format, canonical: what `validate` and `briefing` read.
    Json,
}

/// Writes a dataset to standard output: the embedded EU–IOM case, or a dataset file read and
/// written again in canonical form.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships export > eu-iom.json                 the embedded dataset, as JSON
  partnerships export eu-iom.json --to json         a dataset file, in canonical form
  partnerships export | partnerships validate -     export and check in one go")]
pub struct Args {
    /// A dataset in the partnerships/1 JSON format (`-` reads standard input); without it, the
    /// embedded dataset of the seventh EU–IOM strategic meeting.
    pub file: Option<PathBuf>,
    /// The format to write.
    #[arg(long = "to", value_enum, default_value_t = Format::Json)]
    pub format: Format,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let dataset = match &args.file {
        None => data::eu_iom_2020(),
        Some(path) => input::dataset(path)?,
    };
    let mut out = output::stdout();
    match args.format {
        Format::Json => out.write_all(formats::to_json(&dataset).as_bytes())?,
    }
    out.flush()?;
    Ok(Status::Done)
}
