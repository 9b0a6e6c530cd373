//! Where one organisation funds and another implements: the programmes a set of IATI files
//! shows, the evidence for each, their amounts valued in one currency, and their results.
//!
//! ```text
//! cargo run --release --features iati --example partners -- \
//!     --funder XI-IATI-EC_ECHO --implementer XM-DAC-47066 FILE... [--rates FILE] [--in EUR] [--json]
//! ```
//!
//! Organisations are recognised by identifier, by the crate's alias table, by names the files
//! pair with identifiers, and through the Commission's hierarchy (`--funder XI-IATI-EC` finds
//! every directorate-general). A programme counts when the participating organisations give both
//! roles, or when a transaction goes from the funder (or, naming no provider, from a funder that
//! reports it) to the implementer, whichever side reported it. `--roles 1,3` asks for other
//! `OrganisationRole` codes. Exit status: 0 when every file was read, 1 when a file stopped early,
//! 2 when a file could not be opened or the arguments are wrong.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![allow(clippy::arithmetic_side_effects)]

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;

use std::process::ExitCode;

use partnerships::analysis::partners::{Evidence, MatchedBy, Partners};
use partnerships::analysis::totals::{Flow, Totals};
use partnerships::formats::iati::{Activity, IatiReader};
use partnerships::money::{DatePolicy, RateTable, RoundTo, Rounding, RoundingMode};
use partnerships::{Currency, Money};
use serde_json::json;
use support::args::PartnersArgs;

mod support;

const USAGE: &str = "usage: partners --funder REF --implementer REF [--roles R,S] FILE... [--rates FILE] [--in CURRENCY] [--json]";

/// One programme the files show, with what it rests on.
struct Found {
    id: String,
    title: String,
    reporter: String,
    /// Transaction type -> currency -> sum.
    totals: BTreeMap<String, BTreeMap<Currency, Money>>,
    /// Transaction type -> sum in the target currency.
    valued: BTreeMap<String, Money>,
    not_valued: Vec<String>,
    /// (indicator title, period end, actual as written).
    results: Vec<(String, String, String)>,
}

fn describe(evidence: &Evidence, activity: &Activity) -> String {
    let how = |m: &MatchedBy| match m {
        MatchedBy::Identifier => "by identifier",
        MatchedBy::Parent => "as part of it",
        MatchedBy::Name => "by name",
        MatchedBy::Reporter => "as the reporter",
        _ => "otherwise",
    };
    match evidence {
        Evidence::Roles { first, second } => {
            format!(
                "participating organisations: funder {}, implementer {}",
                how(first),
                how(second)
            )
        }
        Evidence::Reported { first, reporter } => format!(
            "reported by the implementer ({}), naming the funder {}",
            how(reporter),
            how(first)
        ),
        Evidence::Transaction {
            index,
            provider,
            receiver,
        } => {
            let t = &activity.transactions[*index];
            let value = t
                .value
                .as_ref()
                .and_then(|v| v.money)
                .map_or("no amount".to_owned(), |m| m.grouped().to_string());
            let date = t.date.map_or("undated".to_owned(), |d| d.to_string());
            format!(
                "transaction {} ({}, {value}, {date}): provider {}, receiver {}",
                index + 1,
                t.kind.as_deref().unwrap_or("?"),
                how(provider),
                how(receiver)
            )
        }
        _ => "other evidence".to_owned(),
    }
}

fn found(activity: &Activity, valuing: Option<(Currency, &RateTable)>) -> Found {
    let mut sums = Totals::default();
    sums.add(activity)
        .expect("one activity's sums fit in a decimal");
    let mut totals: BTreeMap<String, BTreeMap<Currency, Money>> = BTreeMap::new();
    for ((flow, kind, _), bag) in sums
        .by_year()
        .expect("one activity's sums fit in a decimal")
    {
        if flow != Flow::Transaction {
            continue;
        }
        for money in bag.iter() {
            let sum = totals
                .entry(kind.clone())
                .or_default()
                .entry(money.currency())
                .or_insert_with(|| Money::zero(money.currency()));
            *sum = sum.checked_add(money).expect("sums fit");
        }
    }
    let mut valued: BTreeMap<String, Money> = BTreeMap::new();
    let mut not_valued = Vec::new();
    if let Some((target, table)) = valuing {
        let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
        let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
        let value = sums.value_in(target, table, policy, cents);
        valued = value
            .totals
            .into_iter()
            .filter(|((f, _), _)| *f == Flow::Transaction)
            .map(|((_, k), m)| (k, m))
            .collect();
        not_valued = value
            .unvalued
            .into_iter()
            .map(|(money, why)| format!("{money}: {why}"))
            .collect();
    }
    let mut results = Vec::new();
    for indicator in activity.results.iter().flat_map(|r| &r.indicators) {
        let title = indicator
            .title
            .first()
            .map_or(String::new(), |n| n.text.trim().to_owned());
        for period in &indicator.periods {
            for actual in &period.actuals {
                if let Some(raw) = &actual.raw {
                    let end = period.end.map_or("–".to_owned(), |d| d.to_string());
                    results.push((title.clone(), end, raw.clone()));
                }
            }
        }
    }
    Found {
        id: activity.identifier.clone(),
        title: activity
            .title
            .first()
            .map_or(String::new(), |n| n.text.trim().to_owned()),
        reporter: activity
            .reporting_org
            .as_ref()
            .and_then(|r| r.org.reference.clone())
            .unwrap_or_default(),
        totals,
        valued,
        not_valued,
        results,
    }
}

/// Reads every activity of every file, handing each to `each`; the first error that stops a
/// file is returned with the file's name, after the activities before it.
fn each_activity(
    paths: &[std::path::PathBuf],
    mut each: impl FnMut(&Activity),
) -> Result<Vec<String>, ExitCode> {
    let mut failures = Vec::new();
    for path in paths {
        let shown = path.display();
        let file = File::open(path).map_err(|e| {
            eprintln!("partners: cannot open {shown}: {e}");
            ExitCode::from(2)
        })?;
        let mut reader = IatiReader::new(BufReader::with_capacity(1 << 16, file)).map_err(|e| {
            eprintln!("partners: cannot read {shown}: {e}");
            ExitCode::from(2)
        })?;
        loop {
            match reader.next_activity() {
                Ok(Some(activity)) => each(&activity),
                Ok(None) => break,
                Err(e) => {
                    eprintln!("partners: {shown}: {e}");
                    failures.push(format!("{shown}: {e}"));
                    break;
                }
            }
        }
    }
    Ok(failures)
}

/// The programmes found, each with its evidence described; the matcher; the files that stopped
/// early.
type Outcome = (Vec<(Found, Vec<String>)>, Partners, Vec<String>);

fn run(args: &PartnersArgs) -> Result<Outcome, ExitCode> {
    let target = args.rest.currency;
    let table = support::rates::rate_table(args.rest.rates.as_deref()).map_err(|e| {
        eprintln!("partners: {e}");
        ExitCode::from(2)
    })?;
    // First pass: the names the files pair with identifiers. Second: the matches.
    let mut partners = Partners::new();
    each_activity(&args.rest.files, |a| partners.learn(a))?;
    let mut matches = Vec::new();
    let (first_role, second_role) = (&args.roles.0, &args.roles.1);
    let failures = each_activity(&args.rest.files, |activity| {
        partners.note_unmatched(activity);
        let evidence = partners.evidence(
            activity,
            &args.funder,
            first_role,
            &args.implementer,
            second_role,
        );
        if !evidence.is_empty() {
            let lines = evidence.iter().map(|e| describe(e, activity)).collect();
            matches.push((found(activity, target.map(|t| (t, &table))), lines));
        }
    })?;
    Ok((matches, partners, failures))
}

fn main() -> ExitCode {
    let args =
        match support::args::or_exit(support::args::partners(std::env::args_os().skip(1)), USAGE) {
            Ok(args) => args,
            Err(status) => return status,
        };
    let (matches, partners, failures) = match run(&args) {
        Ok(outcome) => outcome,
        Err(code) => return code,
    };
    if args.rest.json {
        print_json(&args, &matches, &partners, &failures);
    } else {
        print_text(&args, &matches, &partners);
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn amounts(map: &BTreeMap<Currency, Money>) -> BTreeMap<&'static str, String> {
    map.iter()
        .map(|(c, m)| (c.code(), m.amount().to_string()))
        .collect()
}

fn print_json(
    args: &PartnersArgs,
    matches: &[(Found, Vec<String>)],
    partners: &Partners,
    failures: &[String],
) {
    let programmes: Vec<_> = matches
        .iter()
        .map(|(f, evidence)| {
            json!({
                "id": f.id,
                "title": f.title,
                "reporting_org": f.reporter,
                "evidence": evidence,
                "transaction_totals": f.totals.iter().map(|(k, v)| (k.clone(), amounts(v))).collect::<BTreeMap<_, _>>(),
                "valued": f.valued.iter().map(|(k, m)| (k.clone(), m.to_string())).collect::<BTreeMap<_, _>>(),
                "not_valued": f.not_valued,
                "results": f.results.iter().map(|(i, end, actual)| json!({"indicator": i, "period_end": end, "actual": actual})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "funder": args.funder,
        "implementer": args.implementer,
        "roles": [args.roles.0, args.roles.1],
        "programmes": programmes,
        "unmatched_names": partners.unmatched().into_iter().take(50).map(|(n, c)| json!({"name": n, "count": c})).collect::<Vec<_>>(),
        "failures": failures,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&value).expect("JSON values serialise")
    );
}

fn print_text(args: &PartnersArgs, matches: &[(Found, Vec<String>)], partners: &Partners) {
    println!(
        "{} programmes where {} has role {} and {} role {}",
        matches.len(),
        args.funder,
        args.roles.0,
        args.implementer,
        args.roles.1
    );
    let mut grand: BTreeMap<String, Money> = BTreeMap::new();
    for (f, evidence) in matches {
        println!(
            "\n{}  {}\n  reported by {}",
            f.id,
            f.title,
            if f.reporter.is_empty() {
                "(none)"
            } else {
                &f.reporter
            }
        );
        for line in evidence {
            println!("  evidence: {line}");
        }
        for (kind, sums) in &f.totals {
            let sums: Vec<String> = sums.values().map(|m| m.grouped().to_string()).collect();
            println!("  transactions {kind}: {}", sums.join(" + "));
        }
        for (kind, money) in &f.valued {
            println!("  valued {kind}: {}", money.grouped());
            let sum = grand
                .entry(kind.clone())
                .or_insert_with(|| Money::zero(money.currency()));
            *sum = sum.checked_add(*money).expect("sums fit");
        }
        for why in &f.not_valued {
            println!("  not valued: {why}");
        }
        for (indicator, end, actual) in f.results.iter().take(5) {
            println!("  result: {indicator} = {actual} (to {end})");
        }
    }
    if !grand.is_empty() {
        println!("\nValued totals by transaction type (each amount at its own date):");
        for (kind, money) in &grand {
            println!("  {kind:>2}  {}", money.grouped());
        }
    }
    let unmatched = partners.unmatched();
    if !unmatched.is_empty() {
        println!(
            "\nNames without an identifier that match no known organisation: {}",
            unmatched.len()
        );
        for (name, count) in unmatched.iter().take(10) {
            println!("  {count:>5}  {name}");
        }
    }
}
