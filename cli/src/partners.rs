//! `partnerships partners`: where one organisation funds and another implements.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use partnerships::analysis::convention::Valuer;
use partnerships::analysis::partners::{Evidence, Partners};
use partnerships::analysis::totals::{Flow, FlowValue, Totals, ValuedTotals};
use partnerships::formats::iati::code::OrganisationRole;
use partnerships::formats::iati::Activity;
use partnerships::money::MoneyBag;
use serde_json::{json, Value};

use crate::output::{self, Failure, Outcome};
use crate::{input, rates, Status};

/// Finds the activities of IATI files where one organisation funds and another implements:
/// from the participating organisations' roles, from the implementer's own report naming the
/// funder, or from transactions from one to the other, whichever side reported them. Prints
/// each activity with the evidence it rests on, its transaction totals (valued in one currency
/// with `--in`) and its results.
///
/// Organisations are recognised by identifier, by the library's alias table, by the names the
/// files pair with identifiers, and through the Commission's hierarchy: `--funder XI-IATI-EC`
/// finds every directorate-general.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  partnerships partners --funder XI-IATI-EC_ECHO --implementer XM-DAC-47066 ec-*.xml iom-*.xml
  partnerships partners --funder XI-IATI-EC --implementer XM-DAC-47066 FILE... --in EUR --json
  partnerships partners --funder GB-GOV-1 --implementer XM-DAC-47066 --roles 1,3 FILE...

Exit status: 0 when every file was read without an error-level diagnostic, 1 when a file stopped
early or has one (not XML, not IATI, a blank or repeated identifier ...), 2 when a file cannot be
opened or the arguments are wrong.")]
pub struct Args {
    /// The funder's IATI organisation identifier, such as XI-IATI-EC_ECHO.
    #[arg(long, value_name = "REF")]
    pub funder: String,
    /// The implementer's IATI organisation identifier, such as XM-DAC-47066.
    #[arg(long, value_name = "REF")]
    pub implementer: String,
    /// The roles asked for, as two organisation role codes or names: the funder's, then the
    /// implementer's (1 funding, 2 accountable, 3 extending, 4 implementing).
    #[arg(long, value_name = "R,S", default_value = "1,4", value_parser = roles)]
    pub roles: (OrganisationRole, OrganisationRole),
    /// IATI activity files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// What to value transaction totals in, and with which rates.
    #[command(flatten)]
    pub valuing: rates::Valuing,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Two roles, `1,4` or `funding,implementing`.
fn roles(text: &str) -> Result<(OrganisationRole, OrganisationRole), String> {
    let (first, second) = text
        .split_once(',')
        .ok_or("two role codes are needed, as in 1,4")?;
    Ok((role(first)?, role(second)?))
}

fn role(text: &str) -> Result<OrganisationRole, String> {
    let text = text.trim();
    let named = OrganisationRole::LIST.codes().iter().find_map(|code| {
        let role = OrganisationRole::new(code);
        role.name()
            .is_some_and(|name| name.eq_ignore_ascii_case(text))
            .then_some(role)
    });
    let role = named.unwrap_or_else(|| OrganisationRole::new(text));
    if role.is_listed() {
        Ok(role)
    } else {
        Err(format!(
            "{text:?} is not an organisation role: 1 funding, 2 accountable, 3 extending, 4 implementing"
        ))
    }
}

/// One activity found, with what it rests on.
struct Found {
    id: String,
    title: String,
    reporter: String,
    evidence: Vec<String>,
    totals: Totals,
    valued: Option<ValuedTotals>,
    results: Vec<(String, String, String)>,
}

/// The evidence in words, with the transaction it names.
fn describe(evidence: &Evidence, activity: &Activity) -> String {
    match evidence {
        Evidence::Roles { first, second } => {
            format!("participating organisations: funder {first}, implementer {second}")
        }
        Evidence::Reported { first, reporter } => {
            format!("reported by the implementer ({reporter}), naming the funder {first}")
        }
        Evidence::Transaction {
            index,
            provider,
            receiver,
        } => {
            let t = activity.transactions.get(*index);
            let value = t
                .and_then(|t| t.value.as_ref())
                .and_then(|v| v.money)
                .map_or_else(|| "no amount".to_owned(), |m| m.grouped().to_string());
            let date = t
                .and_then(|t| t.date)
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            let kind = t.and_then(|t| t.kind.as_ref()).map_or("?", |k| k.as_str());
            format!(
                "transaction {} ({kind}, {value}, {date}): provider {provider}, receiver {receiver}",
                index.saturating_add(1)
            )
        }
        _ => "other evidence".to_owned(),
    }
}

fn found(activity: &Activity, evidence: &[Evidence], valuer: Option<&mut Valuer<'_>>) -> Found {
    let mut totals = Totals::default();
    if let Err(e) = totals.add(activity) {
        eprintln!("partnerships: {}: {e}", activity.identifier);
    }
    let in_one_currency = valuer.map(|valuer| {
        let mut in_one = ValuedTotals::new(valuer);
        if let Err(e) = in_one.add(activity, valuer) {
            eprintln!("partnerships: {}: {e}", activity.identifier);
        }
        in_one
    });
    let mut results = Vec::new();
    for indicator in activity.results.iter().flat_map(|r| &r.indicators) {
        let title = indicator
            .title
            .first()
            .map_or_else(String::new, |n| n.text.trim().to_owned());
        for period in &indicator.periods {
            for raw in period.actuals.iter().filter_map(|a| a.raw.as_ref()) {
                let end = period.end.map_or_else(|| "–".to_owned(), |d| d.to_string());
                results.push((title.clone(), end, raw.clone()));
            }
        }
    }
    Found {
        id: activity.identifier.clone(),
        title: activity
            .title
            .first()
            .map_or_else(String::new, |n| n.text.trim().to_owned()),
        reporter: activity
            .reporting_org
            .as_ref()
            .and_then(|r| r.org.reference.clone())
            .unwrap_or_default(),
        evidence: evidence.iter().map(|e| describe(e, activity)).collect(),
        totals,
        valued: in_one_currency,
        results,
    }
}

/// One activity's transaction sums by type, per currency.
fn by_type(found: &Found) -> BTreeMap<Flow, MoneyBag> {
    found
        .totals
        .by_type()
        .unwrap_or_default()
        .into_iter()
        .filter(|(flow, _)| flow.is_transaction())
        .collect()
}

/// One activity's transactions valued in one currency, by type.
fn valued(found: &Found) -> impl Iterator<Item = (&Flow, &FlowValue)> {
    found
        .valued
        .iter()
        .flat_map(|v| &v.by_type)
        .filter(|(flow, _)| flow.is_transaction())
}

pub(crate) fn run(args: &Args) -> Outcome {
    let rates = args.valuing.rates()?;
    let mut valuer = match &rates {
        Some((currency, rates)) => Some(
            Valuer::new(rates, args.valuing.convention(), *currency)
                .map_err(|e| Failure::Input(format!("--in {currency}: {e}")))?,
        ),
        None => None,
    };
    // First pass: the names the files pair with identifiers. Second: the matches.
    let mut partners = Partners::new();
    input::each_activity(&args.files, |a| partners.learn(a))?;
    let mut matches = Vec::new();
    let (first_role, second_role) = &args.roles;
    let reads = input::each_activity(&args.files, |activity| {
        partners.note_unmatched(activity);
        let evidence = partners.evidence(
            activity,
            &args.funder,
            first_role,
            &args.implementer,
            second_role,
        );
        if !evidence.is_empty() {
            matches.push(found(activity, &evidence, valuer.as_mut()));
        }
    })?;
    let stopped = input::stopped_early(&reads);
    if args.json {
        print_json(args, &matches, &partners, &stopped, valuer.as_ref())?;
    } else {
        print_text(args, &matches, &partners, valuer.as_ref())?;
    }
    Ok(if reads.iter().any(input::FileRead::has_problems) {
        Status::Problems
    } else {
        Status::Done
    })
}

fn print_json(
    args: &Args,
    matches: &[Found],
    partners: &Partners,
    stopped: &[String],
    valuer: Option<&Valuer<'_>>,
) -> Result<(), Failure> {
    let programmes: Vec<Value> = matches
        .iter()
        .map(|f| {
            let totals: BTreeMap<String, BTreeMap<&str, String>> = by_type(f)
                .iter()
                .map(|(flow, bag)| {
                    let amounts = bag
                        .iter()
                        .map(|m| (m.currency().code(), m.amount().to_string()))
                        .collect();
                    (flow.code().to_owned(), amounts)
                })
                .collect();
            let in_one = f.valued.as_ref().map_or(Value::Null, rates::totals_json);
            json!({
                "id": f.id,
                "title": f.title,
                "reporting_org": f.reporter,
                "evidence": f.evidence,
                "transaction_totals": totals,
                "valued": in_one,
                "results": f.results.iter().map(|(i, end, actual)| json!({"indicator": i, "period_end": end, "actual": actual})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let unmatched: Vec<Value> = partners
        .unmatched()
        .into_iter()
        .take(50)
        .map(|(name, count)| json!({"name": name, "count": count}))
        .collect();
    output::json(&json!({
        "funder": args.funder,
        "implementer": args.implementer,
        "roles": [args.roles.0.as_str(), args.roles.1.as_str()],
        "programmes": programmes,
        "rates": valuer.map(rates::rates_json),
        "unmatched_names": unmatched,
        "failures": stopped,
    }))
}

fn print_text(
    args: &Args,
    matches: &[Found],
    partners: &Partners,
    valuer: Option<&Valuer<'_>>,
) -> Result<(), Failure> {
    let mut out = output::stdout();
    writeln!(
        out,
        "{} programmes where {} has role {} and {} role {}",
        matches.len(),
        args.funder,
        args.roles.0,
        args.implementer,
        args.roles.1
    )?;
    let mut grand = valuer.map(ValuedTotals::new);
    for f in matches {
        let reporter = if f.reporter.is_empty() {
            "(none)"
        } else {
            &f.reporter
        };
        writeln!(out, "\n{}  {}\n  reported by {reporter}", f.id, f.title)?;
        for line in &f.evidence {
            writeln!(out, "  evidence: {line}")?;
        }
        for (flow, bag) in &by_type(f) {
            let amounts: Vec<String> = bag.iter().map(|m| m.grouped().to_string()).collect();
            writeln!(
                out,
                "  transactions {}: {}",
                flow.code(),
                amounts.join(" + ")
            )?;
        }
        for (flow, value) in valued(f) {
            writeln!(
                out,
                "  valued {}: {} ({})",
                flow.code(),
                value.total.grouped(),
                rates::counts(value)
            )?;
        }
        if let (Some(grand), Some(valued)) = (grand.as_mut(), &f.valued) {
            grand
                .merge(valued)
                .map_err(|e| Failure::Input(format!("the valued totals: {e}")))?;
        }
        for (indicator, end, actual) in f.results.iter().take(5) {
            writeln!(out, "  result: {indicator} = {actual} (to {end})")?;
        }
    }
    if let Some(grand) = grand.filter(|g| !g.by_type.is_empty()) {
        writeln!(
            out,
            "\nValued totals by transaction type ({}, each value at its own date):",
            grand.convention
        )?;
        for (flow, value) in grand.by_type.iter().filter(|(f, _)| f.is_transaction()) {
            writeln!(
                out,
                "  {:>2}  {}  ({})",
                flow.code(),
                value.total.grouped(),
                rates::counts(value)
            )?;
        }
    }
    let unmatched = partners.unmatched();
    if !unmatched.is_empty() {
        writeln!(
            out,
            "\nNames without an identifier that match no known organisation: {}",
            unmatched.len()
        )?;
        for (name, count) in unmatched.iter().take(10) {
            writeln!(out, "  {count:>5}  {name}")?;
        }
    }
    out.flush()?;
    Ok(())
}
