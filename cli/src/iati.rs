//! `partnerships iati`: what a set of IATI files says.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use partnerships::analysis::summary::Summary;
use partnerships::analysis::totals::{ByYear, Flow};
use partnerships::formats::iati::code::ResultType;
use partnerships::formats::iati::ImportReport;
use partnerships::money::MoneyBag;
use serde_json::{json, Value};

use crate::input;
use crate::output::{self, Failure, Outcome};
use crate::{rates, Status};

/// Reads IATI 2.03 activity files, streaming each, and prints what they say: the activities by
/// publisher, who funds whom by the participating organisations, transaction and budget totals
/// by type, year and currency, results by level, and every diagnostic and unread element.
///
/// With `--in`, the totals are also valued in one currency the way a tool of the field computes
/// them (`--convention`, IATI.cloud's by default), each value at its own value date, with every
/// rate used and every value that could not be converted counted by reason;
/// `--compare-conventions` shows each convention's totals side by side.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships iati tests/data/iati/real/*.xml
  partnerships iati ec-near.xml iom.xml --in USD
  partnerships iati FILE... --in EUR --convention country-development-finance
  partnerships iati FILE... --in USD --compare-conventions
  partnerships iati FILE... --in USD --convention strict --rates my-rates.csv --max-age 31
  partnerships iati FILE... --in USD --json | jq '.valued.by_type'

Each file's outcome is listed (read, no activities, not IATI, not XML, no root element, stopped
early) with its error-level diagnostics, and identifiers used in more than one file are named.

Exit status: 0 when every file was read without an error-level diagnostic, 1 when a file stopped
early (XML that is not well formed; the activities before the error are counted) or has one (not
XML, not IATI, a nested root, a blank or repeated identifier, a value that is not one), 2 when a
file cannot be opened or the arguments are wrong.")]
pub struct Args {
    /// IATI activity files (XML in UTF-8, UTF-16 or UTF-32).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// What to value amounts in, and with which rates.
    #[command(flatten)]
    pub valuing: rates::Valuing,
    /// Value under every convention the rates allow, side by side (with --in).
    #[arg(long, requires = "currency")]
    pub compare_conventions: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let rates = args.valuing.rates()?;
    let mut valuations = match &rates {
        Some((currency, rates)) => {
            let conventions = args.valuing.conventions(args.compare_conventions, rates);
            Some(rates::Valuations::new(rates, *currency, &conventions)?)
        }
        None => None,
    };
    let mut summary = Summary::default();
    let mut overflow = None;
    let reads = input::each_activity(&args.files, |activity| {
        let added = summary.add(activity).and_then(|()| {
            valuations
                .as_mut()
                .map_or(Ok(()), |valuations| valuations.add(activity))
        });
        if let Err(e) = added {
            overflow.get_or_insert_with(|| format!("{}: {e}", activity.identifier));
        }
    })?;
    if let Some(message) = overflow {
        eprintln!("partnerships: a total does not fit in a decimal: {message}");
    }
    let mut report = ImportReport::default();
    for read in &reads {
        report.merge(&read.report);
    }
    let by_year = summary
        .totals
        .by_year()
        .map_err(|e| crate::output::Failure::Input(e.to_string()))?;
    let stopped = input::stopped_early(&reads);
    let repeated = input::repeated_across(&reads);
    if args.json {
        let mut json = summary_json(&summary, &by_year, &report, &stopped);
        if let Some(fields) = json.as_object_mut() {
            let files: Vec<Value> = reads.iter().map(input::FileRead::json).collect();
            fields.insert("files".to_owned(), files.into());
            let repeated: serde_json::Map<String, Value> = repeated
                .iter()
                .map(|(id, files)| (id.clone(), json!(files)))
                .collect();
            fields.insert("repeated_across_files".to_owned(), repeated.into());
        }
        if let (Some(valuations), Some(fields)) = (&valuations, json.as_object_mut()) {
            fields.insert("valued".to_owned(), valuations.json());
            if args.compare_conventions {
                fields.insert("conventions".to_owned(), valuations.all_json());
            }
        }
        output::json(&json)?;
    } else {
        print_text(
            &summary,
            reads.len(),
            &by_year,
            valuations.as_ref(),
            &report,
        )?;
        print_files(&reads, &repeated)?;
    }
    Ok(if reads.iter().any(input::FileRead::has_problems) {
        Status::Problems
    } else {
        Status::Done
    })
}

/// Each file's outcome, the error-level diagnostics of those that need attention, and the
/// identifiers used in more than one file.
fn print_files(
    reads: &[input::FileRead],
    repeated: &[(String, Vec<String>)],
) -> Result<(), Failure> {
    let mut out = output::stdout();
    writeln!(out, "\nFiles")?;
    for read in reads {
        writeln!(out, "  {}: {}", read.path.display(), read.outcome())?;
        let errors = read
            .report
            .diagnostics
            .iter()
            .filter(|d| d.severity() == partnerships::validate::Severity::Error);
        for diagnostic in errors.take(5) {
            writeln!(out, "    {diagnostic}")?;
        }
    }
    if !repeated.is_empty() {
        writeln!(
            out,
            "\nIdentifiers in more than one file: {}",
            repeated.len()
        )?;
        for (id, files) in repeated.iter().take(20) {
            writeln!(out, "  {id}: {}", files.join(", "))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A bag as `{"EUR": "1.00", ...}`.
fn bag_json(bag: &MoneyBag) -> Value {
    bag.iter()
        .map(|m| {
            (
                m.currency().code().to_owned(),
                Value::from(m.amount().to_string()),
            )
        })
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// The sums of one kind of flow, by type code and currency, over all years.
fn totals_json(by_year: &ByYear, transactions: bool) -> Value {
    let mut by_type: BTreeMap<&Flow, MoneyBag> = BTreeMap::new();
    for ((flow, _), bag) in by_year {
        if flow.is_transaction() == transactions {
            // The sums of one type over its years fit if the years' sums did.
            let _ = by_type.entry(flow).or_default().add_bag(bag);
        }
    }
    by_type
        .into_iter()
        .map(|(flow, bag)| (flow.code().to_owned(), bag_json(&bag)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Diagnostics counted by kind and severity, as `version-one-code (warning)`.
fn diagnostics_by_kind(report: &ImportReport) -> BTreeMap<String, u64> {
    report
        .diagnostic_counts
        .iter()
        .map(|(kind, n)| (format!("{kind} ({})", kind.severity()), *n))
        .collect()
}

fn summary_json(
    summary: &Summary,
    by_year: &ByYear,
    report: &ImportReport,
    stopped: &[String],
) -> Value {
    let flows: Vec<Value> = summary
        .flows
        .iter()
        .map(|((f, i), n)| json!({"funder": f, "implementer": i, "activities": n}))
        .collect();
    let results: BTreeMap<String, Value> = summary
        .results
        .iter()
        .map(|(level, c)| {
            let key = level.as_ref().map_or("(none)".to_owned(), ToString::to_string);
            let counts = json!({"indicators": c.indicators, "actuals": c.actuals, "numeric_actuals": c.numeric_actuals});
            (key, counts)
        })
        .collect();
    json!({
        "activities": summary.activities,
        "publishers": summary.publishers,
        "flows": flows,
        "transaction_totals": totals_json(by_year, true),
        "budget_totals": totals_json(by_year, false),
        "valued": Value::Null,
        "results": results,
        "diagnostics": report.diagnostic_count(),
        "diagnostics_by_kind": diagnostics_by_kind(report),
        "unread": report.unread,
        "failures": stopped,
    })
}

fn print_text(
    summary: &Summary,
    files: usize,
    by_year: &ByYear,
    valuations: Option<&rates::Valuations<'_>>,
    report: &ImportReport,
) -> Result<(), Failure> {
    let mut out = output::stdout();
    writeln!(out, "{} activities in {files} files", summary.activities)?;
    for (publisher, n) in &summary.publishers {
        writeln!(out, "  {n:>6}  {publisher}")?;
    }
    writeln!(
        out,
        "\nFunder -> implementer (participating organisations, by activity count)"
    )?;
    let flows = summary.flows_by_count();
    for ((funder, implementer), n) in flows.iter().take(20) {
        writeln!(out, "  {n:>6}  {funder} -> {implementer}")?;
    }
    if flows.len() > 20 {
        writeln!(
            out,
            "  ... and {} more pairs",
            flows.len().saturating_sub(20)
        )?;
    }
    for (transactions, title) in [(true, "Transactions"), (false, "Budgets")] {
        writeln!(out, "\n{title} by type, year and currency")?;
        for ((flow, year), bag) in by_year
            .iter()
            .filter(|((f, _), _)| f.is_transaction() == transactions)
        {
            let year = year.map_or_else(|| "----".to_owned(), |y| y.to_string());
            let name = flow.name().unwrap_or("other").to_lowercase();
            for money in bag.iter() {
                writeln!(
                    out,
                    "  {:>2} {name:<20} {year}  {:>26}",
                    flow.code(),
                    money.grouped()
                )?;
            }
        }
    }
    if let Some(valuations) = valuations {
        valuations.print(&mut out)?;
    }
    writeln!(
        out,
        "\nResults by level: indicators, actuals, numeric actuals"
    )?;
    for (level, counts) in &summary.results {
        let code = level.as_ref().map_or("", |l| l.as_str());
        let name = level
            .as_ref()
            .and_then(ResultType::name)
            .unwrap_or("unknown")
            .to_lowercase();
        writeln!(
            out,
            "  {code:>2} {name:<8} {:>6} {:>6} {:>6}",
            counts.indicators, counts.actuals, counts.numeric_actuals
        )?;
    }
    writeln!(
        out,
        "\nImport report: {} diagnostics",
        report.diagnostic_count()
    )?;
    for (kind, n) in &diagnostics_by_kind(report) {
        writeln!(out, "  {n:>6}  {kind}")?;
    }
    writeln!(
        out,
        "Unread elements and attributes: {} paths",
        report.unread.len()
    )?;
    for (path, n) in &report.unread {
        writeln!(out, "  {n:>6}  {path}")?;
    }
    out.flush()?;
    Ok(())
}
