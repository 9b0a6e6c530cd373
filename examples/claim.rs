//! The seed's claim checked against published data: "between 2015 and 2019 the European
//! Commission and IOM worked together through 535 projects worth about EUR 1.88 billion".
//!
//! `cargo run --features iati --example claim [-- FILE...]` (by default the 13 real files of
//! `tests/data/iati/real/`). It links the Commission's activities with IOM's across publishers,
//! counts each funded action once, and sets the count and value against the stated figures.
//! `partnerships links` does this for any set of files.

use std::fs::File;
use std::io::BufReader;

use partnerships::analysis::convention::{Convention, Rates, Valuer};
use partnerships::analysis::links::Linker;
use partnerships::analysis::partners::Partners;
use partnerships::formats::iati::IatiReader;
use partnerships::Currency;
use rust_decimal::Decimal;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        let dir = format!("{}/tests/data/iati/real", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&dir)? {
            paths.push(entry?.path().display().to_string());
        }
        paths.sort();
    }
    // The seed dataset knows the Commission, IOM and how they are organised.
    let seed = partnerships::data::eu_iom_2020();
    let mut partners = Partners::new();
    partners.learn_hierarchy(&seed);
    let mut linker = Linker::with_partners(partners);
    for path in &paths {
        let mut reader = IatiReader::new(BufReader::new(File::open(path)?))?;
        while let Some(activity) = reader.next_activity()? {
            linker.add(&activity);
        }
    }
    let rates = Rates::shipped();
    let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::EUR)?;
    let links = linker.link(&mut valuer);
    let funding = linker.funding(&links, "XI-IATI-EC", "XM-DAC-47066", &mut valuer);
    println!("{} activities in {} files", linker.len(), paths.len());
    println!(
        "Commission → IOM: {} links, {} broken citations, {} funded actions",
        funding.links.len(),
        funding.broken.len(),
        funding.actions.len()
    );
    for link in &funding.links {
        println!(
            "  {:<9} {:>3}  {} → {}",
            link.grade.name(),
            link.score,
            link.funder_activity,
            link.implementer_activity
        );
    }
    let totals = &funding.totals;
    println!("\nTotals ({}):", Convention::IatiCloud);
    println!("  naive, both sides added   {}", totals.naive.grouped());
    println!(
        "  each action once          {}",
        totals.deduplicated.grouped()
    );
    println!(
        "  counted twice             {} in {} actions",
        totals.counted_twice.grouped(),
        totals.deduplicated_actions
    );

    let portfolio = seed
        .portfolios()
        .first()
        .ok_or("the seed dataset has no portfolio")?;
    let check = funding.portfolio("ec-iom-found", portfolio.period)?;
    let period = portfolio
        .period
        .map_or_else(|| "any period".to_owned(), |p| p.to_string());
    println!("\nIn {period} ({}):", portfolio.id);
    println!("  found: {}", check.count);
    if let Some(total) = check.total() {
        println!("  found: {} counted once", total.grouped());
    }
    for stated in [&portfolio.project_count, &portfolio.total_value] {
        let figure = seed.figure(stated).ok_or("a stated figure is missing")?;
        let comparison = check.compare(figure, Decimal::new(10, 2));
        let verdict = if comparison.consistent {
            "consistent"
        } else {
            "not consistent"
        };
        let off = comparison
            .relative
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
            .map(|p| format!(", {}% off", p.round_dp(1)))
            .unwrap_or_default();
        println!(
            "  stated {}: found {}{off}: {verdict}",
            comparison.stated, comparison.found
        );
    }
    println!("  (\"about\" allows 10% either way)");
    println!(
        "\nThese files are a sample of what the two publish (COVID-19 activities of 2020-21), \
         so the portfolio found is far below the claim; run the example on the full files of \
         both publishers to check it."
    );
    Ok(())
}
