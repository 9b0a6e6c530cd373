//! Exchange rates for the examples that value amounts: a rate table CSV named on the command
//! line, or the monthly Federal Reserve H.10 table shipped with the examples.

use std::path::Path;

use chrono::NaiveDate;
use partnerships::{
    Currency, DatePolicy, ExchangeRate, Money, RateTable, RoundTo, Rounding, RoundingMode,
};

const BUNDLED: &str = include_str!("../data/usd-monthly-2015-2026.csv");

/// The rate table at `path`, or the bundled one; US dollar rates route through the dollar.
pub(crate) fn rate_table(path: Option<&Path>) -> Result<RateTable, String> {
    match path {
        Some(path) => {
            let name = path.display().to_string();
            let file =
                std::fs::File::open(path).map_err(|e| format!("cannot read rates {name}: {e}"))?;
            RateTable::from_csv_reader(file, &name, Some(Currency::USD)).map_err(|e| e.to_string())
        }
        None => RateTable::from_csv_reader(
            BUNDLED.as_bytes(),
            "usd-monthly-2015-2026.csv",
            Some(Currency::USD),
        )
        .map_err(|e| e.to_string()),
    }
}

/// `money` in `target` at `date`, to the cent, with the latest monthly rate at most 31 days
/// older, and the rate used (none when no conversion was needed).
pub(crate) fn value_at(
    table: &RateTable,
    money: Money,
    target: Currency,
    date: Option<NaiveDate>,
) -> Result<(Money, Option<ExchangeRate>), String> {
    if money.currency() == target {
        return Ok((money, None));
    }
    let date = date.ok_or_else(|| format!("{} with no date", money.currency()))?;
    let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
    let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    let rate = table
        .rate(money.currency(), target, date, policy)
        .map_err(|e| e.to_string())?;
    let converted = rate
        .convert_rounded(&money, cents)
        .map_err(|e| e.to_string())?;
    Ok((converted, Some(rate)))
}
