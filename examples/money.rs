//! A tour of the money types on the figures of the seventh EU–IOM strategic meeting
//! (13 October 2020): parse, add, refuse to mix currencies, allocate, convert at a dated
//! Federal Reserve rate, and value a sum in several currencies with its working shown.
//!
//! `cargo run --example money`

use partnerships::formats::rates;
use partnerships::money::{DatePolicy, RoundTo, Rounding, RoundingMode};
use partnerships::{Currency, Error, Money, MoneyBag, PartialDate};

/// Monthly averages of the Federal Reserve H.10 series, USD to 23 currencies, 2015 to 2026.
const RATES: &str = include_str!("data/usd-monthly-2015-2026.csv");

fn main() -> Result<(), Error> {
    // Parse: the exact value, its grouped form, and the form a report prints.
    let portfolio: Money = "EUR 1880000000.00".parse()?;
    println!(
        "Commission and IOM projects, 2015–2019: about {}",
        portfolio.human(3)
    );
    println!("  held exactly as {portfolio} ({})", portfolio.grouped());

    // Add within one currency; across currencies, only in a bag.
    let supplement: Money = "EUR 2500000.00".parse()?;
    println!(
        "Adding {}: {}",
        supplement.grouped(),
        portfolio.checked_add(supplement)?.grouped()
    );
    let dollars: Money = "USD 1000000.00".parse()?;
    if let Err(err) = portfolio.checked_add(dollars) {
        println!("Adding {dollars} directly: {err}");
    }

    // Allocate: 535 projects whose parts add up to the total to the cent.
    let per_project = portfolio.split(535)?;
    let check = Money::try_sum(Currency::EUR, per_project.iter().copied())?;
    println!(
        "\nSplit over 535 projects: {} to {} each, adding up to {}",
        per_project.first().map_or(portfolio, |m| *m).grouped(),
        per_project.last().map_or(portfolio, |m| *m).grouped(),
        check.grouped()
    );
    let thirds = "EUR 100.00".parse::<Money>()?.allocate(&[1, 1, 1])?;
    let thirds: Vec<String> = thirds.iter().map(ToString::to_string).collect();
    println!("EUR 100.00 in three equal shares: {}", thirds.join(", "));

    // Convert at the monthly average in force on the meeting day, rounded once, at the end.
    let table = rates::from_csv(
        RATES.as_bytes(),
        "usd-monthly-2015-2026.csv",
        Some(Currency::USD),
    )?;
    let day = "2020-10-13".parse::<PartialDate>()?.earliest();
    let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
    let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    let usd_eur = table.rate(Currency::USD, Currency::EUR, day, policy)?;
    println!("\nRate on {day}: {usd_eur}");
    println!(
        "{} is {} exactly, {} to the cent",
        dollars.grouped(),
        usd_eur.convert(&dollars)?.grouped(),
        usd_eur.convert_rounded(&dollars, cents)?.grouped()
    );

    // A sum in several currencies, valued in euros with every conversion shown.
    let mut bag = MoneyBag::new();
    for amount in [
        "EUR 1880000000.00",
        "USD 1000000.00",
        "GBP 250000.00",
        "KRW 500000000",
    ] {
        bag.add(amount.parse()?)?;
    }
    let valuation = bag.value_in(Currency::EUR, &table, day, policy, cents)?;
    println!("\nValuing {bag} in EUR on {day}:");
    for c in &valuation.conversions {
        let how = c.rate.as_ref().map_or_else(
            || "no conversion".to_owned(),
            |r| {
                let steps = if r.route().is_empty() {
                    "published"
                } else {
                    "derived"
                };
                format!("at {} ({steps}, {} steps)", r, r.route().len())
            },
        );
        println!(
            "  {:>24} -> {:>22}  {how}",
            c.original.grouped().to_string(),
            c.converted.grouped().to_string()
        );
    }
    println!("  total: {}", valuation.total.grouped());
    Ok(())
}
