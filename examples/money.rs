//! A short tour of the money types on the figures of the seventh EU–IOM strategic meeting
//! (13 October 2020): parse, add, refuse to mix currencies, allocate a budget, convert at a dated
//! Federal Reserve rate, and value a multi-currency sum with its working shown.
//!
//! Run it with `cargo run --example money`.

use std::process::ExitCode;

mod support;

use partnerships::money::{DatePolicy, RateTable, RoundTo, Rounding, RoundingMode};
use partnerships::{Currency, Error, Money, MoneyBag, PartialDate};

/// Monthly averages of the Federal Reserve H.10 series, USD to 23 currencies, 2015 to 2026.
const RATES: &str = include_str!("data/usd-monthly-2015-2026.csv");

const HELP: &str = "\
Usage: cargo run --example money [-- --help]

A tour of partnerships' money types on the EU–IOM figures of 13 October 2020.
Uses the monthly US dollar rates of the Federal Reserve H.10 series shipped
with the example (examples/data/usd-monthly-2015-2026.csv).";

fn main() -> ExitCode {
    if let Err(status) = support::args::or_exit(
        support::args::files(std::env::args_os().skip(1), 0, 0),
        HELP,
    ) {
        return status;
    }
    match tour() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn tour() -> Result<(), Error> {
    // 1. Parse: the exact value, its grouped form, and the form a report would print.
    let portfolio: Money = "EUR 1880000000.00".parse()?;
    println!(
        "Projects of the Commission and IOM, 2015–2019: about {}",
        portfolio.human(3)
    );
    println!("  held exactly as {portfolio} ({})", portfolio.grouped());

    // 2. Add within one currency.
    let supplement: Money = "EUR 2500000.00".parse()?;
    println!(
        "\nAdding {}: {}",
        supplement.grouped(),
        portfolio.checked_add(supplement)?.grouped()
    );

    // 3. Currencies never mix by accident.
    let dollars: Money = "USD 1000000.00".parse()?;
    match portfolio.checked_add(dollars) {
        Ok(sum) => println!("unexpected: {sum}"),
        Err(err) => println!("Adding {dollars} directly: error: {err}"),
    }

    // 4. Allocate: 535 projects, parts that add up to the total to the cent.
    let per_project = portfolio.split(535)?;
    let largest = per_project.first().copied().unwrap_or(portfolio);
    let smallest = per_project.last().copied().unwrap_or(portfolio);
    let check = Money::try_sum(Currency::EUR, per_project.iter().copied())?;
    println!(
        "\nSplit over 535 projects: {} to {} each; the parts add up to {}",
        largest.grouped(),
        smallest.grouped(),
        check.grouped()
    );
    let shares = "EUR 100.00".parse::<Money>()?.allocate(&[1, 1, 1])?;
    let shares: Vec<String> = shares.iter().map(ToString::to_string).collect();
    println!("EUR 100.00 in three equal shares: {}", shares.join(", "));

    // 5. Convert at a dated rate: the monthly average in force on the meeting day.
    let rates = RateTable::from_csv_reader(
        RATES.as_bytes(),
        "usd-monthly-2015-2026.csv",
        Some(Currency::USD),
    )?;
    let meeting_day = "2020-10-13".parse::<PartialDate>()?.earliest();
    let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
    let usd_eur = rates.rate(Currency::USD, Currency::EUR, meeting_day, policy)?;
    let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    println!("\nRate on {meeting_day}: {usd_eur}");
    println!(
        "{} is {} exactly, {} to the cent",
        dollars.grouped(),
        usd_eur.convert(&dollars)?.grouped(),
        usd_eur.convert_rounded(&dollars, cents)?.grouped()
    );

    // 6. A sum in several currencies, valued in euros with every conversion shown.
    let mut bag = MoneyBag::new();
    for amount in [
        "EUR 1880000000.00",
        "USD 1000000.00",
        "GBP 250000.00",
        "KRW 500000000",
    ] {
        bag.add(amount.parse()?)?;
    }
    let valuation = bag.value_in(Currency::EUR, &rates, meeting_day, policy, cents)?;
    println!("\nValuing {bag} in EUR on {meeting_day}:");
    for conversion in &valuation.conversions {
        match &conversion.rate {
            None => println!(
                "  {:>24}  (no conversion)",
                conversion.original.grouped().to_string()
            ),
            Some(rate) => println!(
                "  {:>24}  -> {:>22}  at {} {}/{}, {}, rate of {}",
                conversion.original.grouped().to_string(),
                conversion.converted.grouped().to_string(),
                rate.rate().round_dp(6),
                rate.base(),
                rate.quote(),
                route(rate),
                rate.date()
            ),
        }
    }
    println!("  total: {}", valuation.total.grouped());
    Ok(())
}

/// How a rate was obtained: "published", or the chain of currencies it was derived through.
fn route(rate: &partnerships::money::ExchangeRate) -> String {
    let Some(first) = rate.route().first() else {
        return "published".to_owned();
    };
    let start = if first.inverted {
        first.quote
    } else {
        first.base
    };
    let mut chain = vec![start.to_string()];
    for step in rate.route() {
        chain.push(if step.inverted { step.base } else { step.quote }.to_string());
    }
    format!("derived via {}", chain.join("→"))
}
