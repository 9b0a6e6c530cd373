//! The exchange rates the commands value amounts with.

use std::path::{Path, PathBuf};

use partnerships::analysis::totals::{Totals, ValuedTotals};
use partnerships::formats::rates;
use partnerships::money::{DatePolicy, RateTable, RoundTo, Rounding, RoundingMode};
use partnerships::Currency;

use crate::output::Failure;

/// The options of a command that values amounts in one currency.
#[derive(Debug, clap::Args)]
pub struct Valuing {
    /// Value every amount in this currency (an ISO 4217 code such as EUR), at the latest
    /// monthly rate on or before its date (at most 31 days older), rounded once to the cent.
    #[arg(long = "in", value_name = "CURRENCY", value_parser = currency)]
    pub currency: Option<Currency>,
    /// A rate table CSV (base,quote,rate,date,kind,source) to value amounts with; without it,
    /// the Federal Reserve H.10 monthly averages from 2015 that the command carries.
    #[arg(long, value_name = "FILE", requires = "currency")]
    pub rates: Option<PathBuf>,
}

impl Valuing {
    /// The rate table the options name, when a currency is asked for.
    pub(crate) fn table(&self) -> Result<Option<(Currency, RateTable)>, Failure> {
        self.currency
            .map(|currency| Ok((currency, table(self.rates.as_deref())?)))
            .transpose()
    }
}

/// `totals` valued in `currency` through `table`, each amount at its own date.
pub(crate) fn value(totals: &Totals, (currency, table): (Currency, &RateTable)) -> ValuedTotals {
    let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
    let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    totals.value_in(currency, table, policy, cents)
}

/// The monthly averages of the Federal Reserve's H.10 series (via FRED) from 2015, in the rate
/// table CSV form, used when no `--rates` file is given.
const BUNDLED: &str = include_str!("../../examples/data/usd-monthly-2015-2026.csv");

/// The rate table at `path`, or the bundled one; rates route through the US dollar.
fn table(path: Option<&Path>) -> Result<RateTable, Failure> {
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
fn currency(text: &str) -> Result<Currency, String> {
    Currency::from_code(text).map_err(|e| e.to_string())
}
