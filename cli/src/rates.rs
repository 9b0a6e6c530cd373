//! The exchange rates the commands value amounts with.

use std::path::Path;

use partnerships::formats::rates;
use partnerships::money::RateTable;
use partnerships::Currency;

use crate::output::Failure;

/// The monthly averages of the Federal Reserve's H.10 series (via FRED) from 2015, in the rate
/// table CSV form, used when no `--rates` file is given.
const BUNDLED: &str = include_str!("../../examples/data/usd-monthly-2015-2026.csv");

/// The rate table at `path`, or the bundled one; rates route through the US dollar.
pub(crate) fn table(path: Option<&Path>) -> Result<RateTable, Failure> {
    let Some(path) = path else {
        return rates::from_csv(
            BUNDLED.as_bytes(),
            "usd-monthly-2015-2026.csv",
            Some(Currency::USD),
        )
        .map_err(|e| Failure::Input(e.to_string()));
    };
    let shown = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::Input(format!("cannot read rates {shown}: {e}")))?;
    rates::from_csv(file, &shown, Some(Currency::USD)).map_err(|e| Failure::Input(e.to_string()))
}

/// A currency given on the command line: an ISO 4217 code such as `EUR`.
pub(crate) fn currency(text: &str) -> Result<Currency, String> {
    Currency::from_code(text).map_err(|e| e.to_string())
}
