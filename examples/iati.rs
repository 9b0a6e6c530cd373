//! A tour of IATI in the library: stream activities from a real file, read their typed codes,
//! sum them by transaction type, and ask who funds whom, with the evidence.
//!
//! `cargo run --features iati --example iati [-- FILE]` (by default DG ECHO's and IOM's COVID-19
//! activities of 2021, from `tests/data/iati/real/`). The `partnerships iati` and
//! `partnerships partners` commands do this for any set of files.

use std::fs::File;
use std::io::BufReader;

use partnerships::analysis::partners::Partners;
use partnerships::analysis::summary::Summary;
use partnerships::formats::iati::code::{OrganisationRole, TransactionType};
use partnerships::formats::iati::IatiReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let paths = if paths.is_empty() {
        ["ec-echo-covid-2021-p76.xml", "iom-covid-2021-p118.xml"]
            .map(|f| format!("{}/tests/data/iati/real/{f}", env!("CARGO_MANIFEST_DIR")))
            .to_vec()
    } else {
        paths
    };
    let mut summary = Summary::default();
    let mut partners = Partners::new();
    let mut activities = Vec::new();
    for path in &paths {
        // One activity at a time, in the memory of one activity however large the file.
        let mut reader = IatiReader::new(BufReader::new(File::open(path)?))?;
        while let Some(activity) = reader.next_activity()? {
            summary.add(&activity)?;
            partners.learn(&activity);
            activities.push(activity);
        }
        let report = reader.report();
        println!(
            "{path}: {} activities, {} diagnostics, {} paths unread",
            report.activities,
            report.diagnostic_count(),
            report.unread.len()
        );
    }

    // Codes are typed, with the standard's codes as constants; sums stay in their currencies.
    println!("\nDisbursements by currency:");
    let by_type = summary.totals.by_type()?;
    for (flow, bag) in by_type
        .iter()
        .filter(|(flow, _)| flow.code() == TransactionType::DISBURSEMENT.as_str())
    {
        println!("  {flow}: {bag}");
    }

    // Who funds whom: DG ECHO funding IOM, seen from either side, with what each answer rests on.
    let (echo, iom) = ("XI-IATI-EC_ECHO", "XM-DAC-47066");
    let (funding, implementing) = (OrganisationRole::FUNDING, OrganisationRole::IMPLEMENTING);
    println!("\nWhere {echo} funds and {iom} implements:");
    for activity in &activities {
        let evidence = partners.evidence(activity, echo, &funding, iom, &implementing);
        if let Some(first) = evidence.first() {
            println!(
                "  {} ({} pieces of evidence, first: {first:?})",
                activity.identifier,
                evidence.len()
            );
        }
    }
    Ok(())
}
