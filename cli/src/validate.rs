//! `partnerships validate`: every problem of a dataset file.

use std::io::Write;
use std::path::PathBuf;

use partnerships::validate::Severity;
use serde_json::json;

use crate::output::{self, Outcome};
use crate::{input, Status};

/// Reads a partnership dataset and prints every problem validation finds, one a line:
/// severity, path, message and rule code. A count of records and problems goes to standard
/// error.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships validate eu-iom.json
  partnerships export | partnerships validate -
  partnerships validate eu-iom.json --json | jq '.problems[].rule'

Exit status: 0 when the dataset has no errors (warnings and notes may be printed), 1 when it
was read and has errors, 2 when the file cannot be read as a dataset (missing, empty, not
JSON, not the format, a newer format version); the reason says where.")]
pub struct Args {
    /// A dataset in the partnerships/1 JSON format; `-` reads standard input.
    pub file: PathBuf,
    /// Print the report as JSON: the counts and every problem with its rule, severity, path
    /// and message.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let data = input::dataset(&args.file)?;
    let report = data.validate();
    let count = |severity| report.with_severity(severity).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    if args.json {
        let problems: Vec<_> = report
            .problems()
            .iter()
            .map(|p| {
                json!({
                    "rule": p.rule.code(),
                    "severity": p.severity().to_string(),
                    "path": p.path,
                    "message": p.message,
                })
            })
            .collect();
        output::json(&json!({
            "records": data.len(),
            "errors": errors,
            "warnings": warnings,
            "notes": notes,
            "problems": problems,
        }))?;
    } else {
        let mut out = output::stdout();
        write!(out, "{report}")?;
        if report.is_clean() {
            writeln!(out)?;
        }
        out.flush()?;
        eprintln!(
            "{} records, {errors} errors, {} warnings and notes",
            data.len(),
            warnings.saturating_add(notes)
        );
    }
    Ok(if report.has_errors() {
        Status::Problems
    } else {
        Status::Done
    })
}
