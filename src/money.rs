//! Money that cannot mix currencies or lose cents.
//!
//! - [`Currency`]: every ISO 4217 code, current and historic, with numeric codes, minor units and
//!   withdrawal dates.
//! - [`Money`]: an exact decimal amount in one currency, with checked arithmetic, explicit
//!   [rounding](Money::round), [allocation](Money::allocate) that never creates or loses a unit,
//!   and forms for [people](Money::human).
//! - [`ExchangeRate`] and [`RateTable`]: dated rates, looked up under an explicit [`DatePolicy`],
//!   routed through a pivot currency, each derived rate recording its route.
//! - [`MoneyBag`]: sums over several currencies, [valued](MoneyBag::value_in) with the working shown.
//!
//! # Example
//!
//! ```
//! use partnerships::{Currency, Money};
//!
//! let budget: Money = "EUR 1880000000.00".parse()?;
//! let per_project = budget.split(535)?;
//! assert_eq!(per_project[0].to_string(), "EUR 3514018.70");
//! let total = Money::try_sum(Currency::EUR, per_project)?;
//! assert_eq!(total, budget);
//! # Ok::<(), partnerships::Error>(())
//! ```

pub(crate) mod allocate;
mod amount;
mod bag;
mod currency;
#[rustfmt::skip]
mod currency_table;
mod human;
mod rate;
mod rounding;
mod series;
mod table;
mod wide;

pub use amount::Money;
pub use bag::{Conversion, MoneyBag, Valuation};
pub use currency::Currency;
pub use human::{Grouped, Human};
pub use rate::{ExchangeRate, RateKind, RouteStep};
pub use rounding::{RoundTo, Rounding, RoundingMode};
#[cfg(feature = "imf-rates")]
pub(crate) use series::SeriesPoint;
pub use series::{Frequency, Quotation, RatePeriod, RateSeries, SeriesRate};
pub use table::{DatePolicy, RateTable};

pub(crate) use human::human_number;

/// The exact product of two decimals, or `None` when it does not fit a decimal unrounded.
pub(crate) fn exact_product(
    a: rust_decimal::Decimal,
    b: rust_decimal::Decimal,
) -> Option<rust_decimal::Decimal> {
    wide::Wide::product(a, b).exact().ok()
}
