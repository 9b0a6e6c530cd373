//! Exchange rates for the examples that value amounts: a rate table CSV named on the command
//! line, or the monthly Federal Reserve H.10 table shipped with the examples.

use std::path::Path;

use partnerships::money::RateTable;
use partnerships::Currency;

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
