//! The analyst's tool: what a set of IATI files says, in one pass that streams each file.
//!
//! ```text
//! cargo run --release --features iati --example iati -- FILE... [--rates FILE] [--in EUR] [--json]
//! ```
//!
//! Prints the activities read by publisher, the funder -> implementer matrix of participating
//! organisations, transaction and budget totals by type, year and currency (and valued in the
//! `--in` currency at each value's own date, with the rates used), results by level with how
//! many actuals are numbers, and the import report. `--rates` takes a rate table CSV
//! (`base,quote,rate,date,kind,source`); without it the monthly Federal Reserve table bundled
//! with the examples is used. Exit status: 0 when every file was read, 1 when a file stopped
//! early (XML not well formed), 2 when a file could not be opened or the arguments are wrong.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![allow(clippy::arithmetic_side_effects)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufReader, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use partnerships::analysis::totals::{ByYear, Flow, Totals};
use partnerships::formats::iati::records::OrgRef;
use partnerships::formats::iati::{Activity, IatiReader, ImportReport};
use partnerships::money::{DatePolicy, RateTable, RoundTo, Rounding, RoundingMode};
use partnerships::{Currency, Money, MoneyBag};
use serde_json::json;

mod support;

const USAGE: &str = "usage: iati FILE... [--rates FILE] [--in CURRENCY] [--json]";

/// A type code that orders as a number where it is one (`"2"` before `"11"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Code(usize, String);

impl Code {
    fn new(code: &str) -> Code {
        Code(code.len(), code.to_owned())
    }
}

/// The valuation of every amount in one currency, with the rates used counted and the
/// amounts that could not be valued grouped by reason.
struct Valued {
    currency: Currency,
    totals: BTreeMap<(Flow, Code), Money>,
    rates: BTreeMap<String, u64>,
    missing: BTreeMap<String, u64>,
}

impl Valued {
    fn of(totals: &Totals, currency: Currency, table: &RateTable) -> Valued {
        let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
        let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
        let valued = totals.value_in(currency, table, policy, cents);
        let mut rates: BTreeMap<String, u64> = BTreeMap::new();
        for rate in valued.conversions.iter().filter_map(|c| c.rate.as_ref()) {
            *rates.entry(rate.to_string()).or_default() += 1;
        }
        let mut missing: BTreeMap<String, u64> = BTreeMap::new();
        for (_, why) in valued.unvalued {
            *missing.entry(why).or_default() += 1;
        }
        let totals = valued
            .totals
            .into_iter()
            .map(|((flow, kind), m)| ((flow, Code::new(&kind)), m))
            .collect();
        Valued {
            currency,
            totals,
            rates,
            missing,
        }
    }
}

#[derive(Default)]
struct Summary {
    activities: u64,
    publishers: BTreeMap<String, u64>,
    flows: BTreeMap<(String, String), u64>,
    totals: Totals,
    /// Result level -> (indicators, actuals, numeric actuals).
    results: BTreeMap<String, (u64, u64, u64)>,
    reports: Vec<(String, ImportReport)>,
    failures: Vec<String>,
}

fn org_label(org: &OrgRef) -> String {
    match (&org.reference, org.names.first()) {
        (Some(reference), _) => reference.clone(),
        (None, Some(name)) => format!("\"{}\"", name.text.trim()),
        (None, None) => "(unnamed)".to_owned(),
    }
}

impl Summary {
    fn take(&mut self, activity: &Activity) {
        self.activities += 1;
        let publisher = activity
            .reporting_org
            .as_ref()
            .map_or("(none)".to_owned(), |r| org_label(&r.org));
        *self.publishers.entry(publisher).or_default() += 1;
        let with_role = |role: &str| -> BTreeSet<String> {
            activity
                .participating_orgs
                .iter()
                .filter(|p| p.role.as_deref() == Some(role))
                .map(|p| org_label(&p.org))
                .collect()
        };
        for funder in &with_role("1") {
            for implementer in &with_role("4") {
                *self
                    .flows
                    .entry((funder.clone(), implementer.clone()))
                    .or_default() += 1;
            }
        }
        if let Err(e) = self.totals.add(activity) {
            eprintln!("iati: {}: {e}", activity.identifier);
        }
        for result in &activity.results {
            let level = result.kind.as_deref().unwrap_or("(none)").to_owned();
            let entry = self.results.entry(level).or_default();
            for indicator in &result.indicators {
                entry.0 += 1;
                for actual in indicator.periods.iter().flat_map(|p| &p.actuals) {
                    entry.1 += 1;
                    entry.2 += u64::from(actual.number.is_some());
                }
            }
        }
    }
}

fn read_file(path: &Path, summary: &mut Summary, progress: bool) -> Result<(), ExitCode> {
    let path_buf = path;
    let path = path_buf.display();
    let file = File::open(path_buf).map_err(|e| {
        eprintln!("iati: cannot open {path}: {e}");
        ExitCode::from(2)
    })?;
    let total = file.metadata().map_or(0, |m| m.len());
    let mut reader = IatiReader::new(BufReader::with_capacity(1 << 16, file)).map_err(|e| {
        eprintln!("iati: cannot read {path}: {e}");
        ExitCode::from(2)
    })?;
    let started = Instant::now();
    let mut last = Instant::now();
    loop {
        match reader.next_activity() {
            Ok(Some(activity)) => summary.take(&activity),
            Ok(None) => break,
            Err(e) => {
                eprintln!("iati: {path}: {e}");
                summary.failures.push(format!("{path}: {e}"));
                break;
            }
        }
        if progress && last.elapsed().as_millis() > 250 {
            last = Instant::now();
            let done = reader.position();
            eprint!(
                "\r{path}: {} of {} MB, {} activities",
                done / 1_000_000,
                total / 1_000_000,
                reader.report().activities
            );
        }
    }
    if progress && started.elapsed().as_millis() > 250 {
        eprintln!();
    }
    summary
        .reports
        .push((path.to_string(), reader.into_report()));
    Ok(())
}

const TRANSACTION_TYPES: &[(&str, &str)] = &[
    ("1", "incoming funds"),
    ("2", "outgoing commitment"),
    ("3", "disbursement"),
    ("4", "expenditure"),
    ("5", "interest payment"),
    ("6", "loan repayment"),
    ("7", "reimbursement"),
    ("8", "purchase of equity"),
    ("9", "sale of equity"),
    ("10", "credit guarantee"),
    ("11", "incoming commitment"),
    ("12", "outgoing pledge"),
    ("13", "incoming pledge"),
];

fn print_valued(out: &mut impl Write, valued: &Valued) {
    let _ = writeln!(
        out,
        "\nValued in {} at each amount's own date (latest monthly rate within 31 days)",
        valued.currency.code()
    );
    for ((flow, Code(_, kind)), money) in &valued.totals {
        let _ = writeln!(
            out,
            "  {:<11} {kind:>2} {:>37}",
            flow_name(*flow),
            money.grouped().to_string()
        );
    }
    let _ = writeln!(out, "  rates used ({}):", valued.rates.len());
    for (rate, n) in &valued.rates {
        let _ = writeln!(out, "    {n:>6} x {rate}");
    }
    for (why, n) in &valued.missing {
        let _ = writeln!(out, "  not valued: {n} amounts: {why}");
    }
}

fn flow_name(flow: Flow) -> &'static str {
    match flow {
        Flow::Transaction => "transaction",
        Flow::Budget => "budget",
    }
}

fn transaction_name(code: &str) -> &str {
    TRANSACTION_TYPES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("other", |(_, name)| name)
}

/// One kind's sums by type code and currency, over all years.
fn totals_json(by_year: &ByYear, flow: Flow) -> serde_json::Value {
    let mut by_type: BTreeMap<&str, MoneyBag> = BTreeMap::new();
    for ((f, kind, _), bag) in by_year {
        if *f == flow {
            by_type
                .entry(kind)
                .or_default()
                .add_bag(bag)
                .expect("sums fit");
        }
    }
    json!(by_type
        .into_iter()
        .map(|(k, bag)| (
            k,
            bag.iter()
                .map(|m| (m.currency().code(), m.amount().to_string()))
                .collect::<BTreeMap<_, _>>()
        ))
        .collect::<BTreeMap<_, _>>())
}

fn main() -> ExitCode {
    let options =
        match support::args::or_exit(support::args::iati(std::env::args_os().skip(1)), USAGE) {
            Ok(options) => options,
            Err(status) => return status,
        };
    let target = options.currency;
    let table = match support::rates::rate_table(options.rates.as_deref()) {
        Ok(table) => table,
        Err(e) => {
            eprintln!("iati: {e}");
            return ExitCode::from(2);
        }
    };
    let progress = std::io::stderr().is_terminal();
    let mut summary = Summary::default();
    for path in &options.files {
        if let Err(code) = read_file(path, &mut summary, progress) {
            return code;
        }
    }
    let report = merged_report(&summary);
    let valued = target.map(|currency| Valued::of(&summary.totals, currency, &table));
    let by_year = summary
        .totals
        .by_year()
        .expect("sums of IATI amounts fit in a decimal");
    if options.json {
        print_json(&summary, &by_year, valued.as_ref(), &report);
    } else {
        print_text(&summary, &by_year, valued.as_ref(), &report);
    }
    if summary.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The import reports of all files together: diagnostics by kind, unread paths.
struct Merged {
    diagnostics: u64,
    by_kind: BTreeMap<String, u64>,
    unread: BTreeMap<String, u64>,
}

fn merged_report(summary: &Summary) -> Merged {
    let mut merged = Merged {
        diagnostics: 0,
        by_kind: BTreeMap::new(),
        unread: BTreeMap::new(),
    };
    for (_, report) in &summary.reports {
        merged.diagnostics += report.diagnostic_count();
        for (kind, n) in &report.diagnostic_counts {
            *merged
                .by_kind
                .entry(format!("{kind} ({})", kind.severity()))
                .or_default() += n;
        }
        for (path, n) in &report.unread {
            *merged.unread.entry(path.clone()).or_default() += n;
        }
    }
    merged
}

fn print_json(summary: &Summary, by_year: &ByYear, valued: Option<&Valued>, report: &Merged) {
    let value = json!({
        "activities": summary.activities,
        "publishers": summary.publishers,
        "flows": summary.flows.iter().map(|((f, i), n)| json!({"funder": f, "implementer": i, "activities": n})).collect::<Vec<_>>(),
        "transaction_totals": totals_json(by_year, Flow::Transaction),
        "budget_totals": totals_json(by_year, Flow::Budget),
        "valued": valued.map(|v| json!({
            "currency": v.currency.code(),
            "totals": v.totals.iter().map(|((flow, kind), m)| (format!("{} {}", flow_name(*flow), kind.1), m.amount().to_string())).collect::<BTreeMap<_, _>>(),
            "rates": v.rates,
            "not_valued": v.missing,
        })),
        "results": summary.results.iter().map(|(level, (i, a, n))| (level.clone(), json!({"indicators": i, "actuals": a, "numeric_actuals": n}))).collect::<BTreeMap<_, _>>(),
        "diagnostics": report.diagnostics,
        "diagnostics_by_kind": report.by_kind,
        "unread": report.unread,
        "failures": summary.failures,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&value).expect("JSON values serialise")
    );
}

fn print_text(summary: &Summary, by_year: &ByYear, valued: Option<&Valued>, report: &Merged) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{} activities in {} files",
        summary.activities,
        summary.reports.len()
    );
    for (publisher, n) in &summary.publishers {
        let _ = writeln!(out, "  {n:>6}  {publisher}");
    }
    let _ = writeln!(
        out,
        "\nFunder -> implementer (participating organisations, by activity count)"
    );
    let mut flows: Vec<_> = summary.flows.iter().collect();
    flows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for ((funder, implementer), n) in flows.iter().take(20) {
        let _ = writeln!(out, "  {n:>6}  {funder} -> {implementer}");
    }
    if flows.len() > 20 {
        let _ = writeln!(out, "  ... and {} more pairs", flows.len() - 20);
    }
    let mut rows: Vec<(Flow, Code, Option<i32>, Money)> = by_year
        .iter()
        .flat_map(|((flow, kind, year), bag)| {
            bag.iter().map(move |m| (*flow, Code::new(kind), *year, m))
        })
        .collect();
    rows.sort_by(|a, b| (a.0, &a.1, a.2, a.3.currency()).cmp(&(b.0, &b.1, b.2, b.3.currency())));
    for (flow, title) in [
        (Flow::Transaction, "Transactions"),
        (Flow::Budget, "Budgets"),
    ] {
        let _ = writeln!(out, "\n{title} by type, year and currency");
        for (_, Code(_, kind), year, money) in rows.iter().filter(|r| r.0 == flow) {
            let year = year.map_or("----".to_owned(), |y| y.to_string());
            let name = if flow == Flow::Transaction {
                transaction_name(kind)
            } else if kind == "2" {
                "revised"
            } else {
                "original"
            };
            let _ = writeln!(
                out,
                "  {kind:>2} {name:<20} {year}  {:>26}",
                money.grouped()
            );
        }
    }
    if let Some(valued) = valued {
        print_valued(&mut out, valued);
    }
    let _ = writeln!(
        out,
        "\nResults by level: indicators, actuals, numeric actuals"
    );
    for (level, (indicators, actuals, numeric)) in &summary.results {
        let name = match level.as_str() {
            "1" => "output",
            "2" => "outcome",
            "3" => "impact",
            "9" => "other",
            _ => "unknown",
        };
        let _ = writeln!(
            out,
            "  {level:>2} {name:<8} {indicators:>6} {actuals:>6} {numeric:>6}"
        );
    }
    let _ = writeln!(out, "\nImport report: {} diagnostics", report.diagnostics);
    for (kind, n) in &report.by_kind {
        let _ = writeln!(out, "  {n:>6}  {kind}");
    }
    let _ = writeln!(
        out,
        "Unread elements and attributes: {} paths",
        report.unread.len()
    );
    for (path, n) in &report.unread {
        let _ = writeln!(out, "  {n:>6}  {path}");
    }
    for failure in &summary.failures {
        let _ = writeln!(out, "\nstopped early: {failure}");
    }
}
