//! `partnerships export` and `partnerships graph`: a dataset in a file format, or drawn.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use partnerships::analysis::graph::of_dataset;
use partnerships::formats::graph::{to_dot, to_mermaid};
use partnerships::{data, formats, Dataset};

use crate::output::{self, Failure, Outcome};
use crate::{input, Status};

/// The formats a dataset is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The partnerships/1 JSON format, canonical: what `validate` and `briefing` read.
    Json,
    /// A Graphviz DOT graph of organisations, officials, meetings, programmes and frameworks.
    Dot,
    /// The same graph as a Mermaid flowchart.
    Mermaid,
    /// Popolo JSON: persons, organizations, posts, memberships and events, with their sources.
    Popolo,
    /// schema.org JSON-LD: organisations, people and their roles, events, projects, figures.
    Jsonld,
}

/// Writes a dataset to standard output: the embedded EU–IOM case, or a dataset file read and
/// written again in canonical form, or drawn as a graph.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships export > eu-iom.json                 the embedded dataset, as JSON
  partnerships export eu-iom.json --to json         a dataset file, in canonical form
  partnerships export --to dot --on 2020-10-13 | dot -Tsvg > eu-iom.svg
  partnerships export --to popolo > eu-iom.popolo.json
  partnerships export --to jsonld > eu-iom.jsonld
  partnerships export | partnerships validate -     export and check in one go")]
pub struct Args {
    /// A dataset in the partnerships/1 JSON format (`-` reads standard input); without it, the
    /// embedded dataset of the seventh EU–IOM strategic meeting.
    pub file: Option<PathBuf>,
    /// The format to write.
    #[arg(long = "to", value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// For a graph: show each official with the posts held on this day (YYYY-MM-DD), rather
    /// than every post with its tenure.
    #[arg(long, value_name = "DATE")]
    pub on: Option<NaiveDate>,
}

/// Draws a dataset: its organisations with their dated parents, officials with the posts they
/// held, meetings with who took part for whom and who hosted, programmes with their funders
/// (through funds) and implementers, frameworks with their parties. Graphviz DOT unless asked
/// otherwise; `dot -Tsvg` renders it, GitHub renders the Mermaid.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships graph --on 2020-10-13 | dot -Tsvg > eu-iom.svg
  partnerships graph --mermaid                      the embedded EU–IOM case for a README
  partnerships graph eu-iom.json --json             nodes and edges for other programs")]
pub struct GraphArgs {
    /// A dataset in the partnerships/1 JSON format (`-` reads standard input); without it, the
    /// embedded EU–IOM dataset.
    pub file: Option<PathBuf>,
    /// Show each official with the posts held on this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub on: Option<NaiveDate>,
    /// Print a Mermaid flowchart.
    #[arg(long, conflicts_with = "json")]
    pub mermaid: bool,
    /// Print the nodes and edges as JSON.
    #[arg(long)]
    pub json: bool,
}

fn dataset(file: Option<&PathBuf>) -> Result<Dataset, Failure> {
    match file {
        None => Ok(data::eu_iom_2020()),
        Some(path) => input::dataset(path),
    }
}

fn write(text: &str) -> Outcome {
    let mut out = output::stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Status::Done)
}

/// A JSON value, pretty, with a line end.
fn pretty(value: &serde_json::Value) -> Result<String, Failure> {
    let mut text = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
    text.push('\n');
    Ok(text)
}

pub(crate) fn run(args: &Args) -> Outcome {
    let dataset = dataset(args.file.as_ref())?;
    write(&match args.format {
        Format::Json => formats::to_json(&dataset),
        Format::Dot => to_dot(&of_dataset(&dataset, args.on)),
        Format::Mermaid => to_mermaid(&of_dataset(&dataset, args.on)),
        Format::Popolo => pretty(&formats::popolo::to_popolo(&dataset))?,
        Format::Jsonld => pretty(&formats::jsonld::to_jsonld(&dataset))?,
    })
}

pub(crate) fn graph(args: &GraphArgs) -> Outcome {
    let dataset = dataset(args.file.as_ref())?;
    let graph = of_dataset(&dataset, args.on);
    if args.json {
        output::json(&serde_json::to_value(&graph).map_err(std::io::Error::from)?)?;
        return Ok(Status::Done);
    }
    write(&if args.mermaid {
        to_mermaid(&graph)
    } else {
        to_dot(&graph)
    })
}
