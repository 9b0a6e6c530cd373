//! Dated exchange rates, and the route a derived rate came by.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::amount::Money;
use super::currency::Currency;
use super::rounding::Rounding;
use super::wide::Wide;
use crate::error::{Error, Inner};
use crate::serde_text::decimal_text;

/// What a published rate stands for.
///
/// # Example
///
/// ```
/// use partnerships::money::RateKind;
///
/// let kind: RateKind = "monthly-average".parse()?;
/// assert_eq!(kind, RateKind::MonthlyAverage);
/// assert_eq!(kind.to_string(), "monthly-average");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RateKind {
    /// A rate at a moment of the day given (`spot`).
    Spot,
    /// The average over the month that starts on the date given (`monthly-average`).
    MonthlyAverage,
    /// The average over the year that starts on the date given (`annual-average`).
    AnnualAverage,
    /// A rate fixed by law, such as the euro conversion rates of 1999 (`fixed-legal`).
    FixedLegal,
    /// A rate derived from rates of different kinds (`mixed`).
    Mixed,
}

impl RateKind {
    /// The kebab-case name used in text, CSV and serde.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::RateKind;
    ///
    /// assert_eq!(RateKind::FixedLegal.as_str(), "fixed-legal");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RateKind::Spot => "spot",
            RateKind::MonthlyAverage => "monthly-average",
            RateKind::AnnualAverage => "annual-average",
            RateKind::FixedLegal => "fixed-legal",
            RateKind::Mixed => "mixed",
        }
    }
}

impl fmt::Display for RateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RateKind {
    type Err = Error;

    fn from_str(text: &str) -> Result<RateKind, Error> {
        [
            RateKind::Spot,
            RateKind::MonthlyAverage,
            RateKind::AnnualAverage,
            RateKind::FixedLegal,
            RateKind::Mixed,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
        .ok_or_else(|| {
            Error::parse(
                "rate kind",
                text,
                "expected spot, monthly-average, annual-average, fixed-legal or mixed",
            )
        })
    }
}

/// One published rate that a derived rate was computed from.
///
/// The fields describe the rate as it was published; `inverted` says whether the derivation used
/// it the other way round (quote to base).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::money::{ExchangeRate, RateKind};
/// use partnerships::Currency;
/// use rust_decimal::Decimal;
///
/// let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
/// let usd_eur = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::MonthlyAverage, "FRED")?;
/// let eur_usd = usd_eur.invert()?;
/// let step = &eur_usd.route()[0];
/// assert_eq!((step.base, step.quote, step.inverted), (Currency::USD, Currency::EUR, true));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteStep {
    /// The published rate's base currency.
    pub base: Currency,
    /// The published rate's quote currency.
    pub quote: Currency,
    /// The published rate: units of `quote` per unit of `base`.
    #[serde(with = "decimal_text")]
    pub rate: Decimal,
    /// The date the published rate is for.
    pub date: NaiveDate,
    /// What the published rate stands for.
    pub kind: RateKind,
    /// Where it was published.
    pub source: String,
    /// Whether the derivation used the rate from quote to base.
    pub inverted: bool,
}

/// A dated rate: units of `quote` per one unit of `base`.
///
/// A rate is positive and goes between two different currencies; nothing else can be built.
/// Conversion with it is exact ([`ExchangeRate::convert`]) or rounded once, as the caller says
/// ([`ExchangeRate::convert_rounded`]).
///
/// A rate built with [`ExchangeRate::new`] is published: its [`route`](ExchangeRate::route) is
/// empty. [`invert`](ExchangeRate::invert) and [`compose`](ExchangeRate::compose) derive rates
/// whose route lists the published rates they came from, so a report can show its working. A
/// derived rate is held to 28 significant digits: `1 / 0.8498` is
/// `1.1767474699929395151800423629`, a relative error below 10^-27.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::money::{ExchangeRate, RateKind};
/// use partnerships::{Currency, Money};
/// use rust_decimal::Decimal;
///
/// let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
/// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::MonthlyAverage, "FRED H.10")?;
/// let usd: Money = "USD 1000000.00".parse()?;
/// assert_eq!(rate.convert(&usd)?.to_string(), "EUR 849800.000000");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RateRepr", into = "RateRepr")]
pub struct ExchangeRate {
    base: Currency,
    quote: Currency,
    rate: Decimal,
    date: NaiveDate,
    kind: RateKind,
    source: String,
    route: Vec<RouteStep>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "ExchangeRate")]
struct RateRepr {
    base: Currency,
    quote: Currency,
    #[serde(with = "decimal_text")]
    rate: Decimal,
    date: NaiveDate,
    kind: RateKind,
    source: String,
    #[serde(default)]
    route: Vec<RouteStep>,
}

impl TryFrom<RateRepr> for ExchangeRate {
    type Error = Error;

    fn try_from(repr: RateRepr) -> Result<ExchangeRate, Error> {
        let mut rate = ExchangeRate::new(
            repr.base,
            repr.quote,
            repr.rate,
            repr.date,
            repr.kind,
            repr.source,
        )?;
        rate.route = repr.route;
        Ok(rate)
    }
}

impl From<ExchangeRate> for RateRepr {
    fn from(rate: ExchangeRate) -> RateRepr {
        RateRepr {
            base: rate.base,
            quote: rate.quote,
            rate: rate.rate,
            date: rate.date,
            kind: rate.kind,
            source: rate.source,
            route: rate.route,
        }
    }
}

impl ExchangeRate {
    /// A published rate: `rate` units of `quote` per unit of `base`, for `date`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`](crate::ErrorKind::InvalidRate) when `rate` is not positive or
    /// `base` equals `quote`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{ExchangeRate, RateKind};
    /// use partnerships::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let date = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// let err = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::ZERO, date, RateKind::Spot, "").unwrap_err();
    /// assert_eq!(err.to_string(), "invalid exchange rate USD/EUR on 2020-10-13: the rate must be positive, not 0");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn new(
        base: Currency,
        quote: Currency,
        rate: Decimal,
        date: NaiveDate,
        kind: RateKind,
        source: impl Into<String>,
    ) -> Result<ExchangeRate, Error> {
        let invalid = |reason: String| invalid_rate(base, quote, date, reason);
        if base == quote {
            return Err(invalid("base and quote are the same currency".to_owned()));
        }
        if rate <= Decimal::ZERO {
            return Err(invalid(format!("the rate must be positive, not {rate}")));
        }
        Ok(ExchangeRate {
            base,
            quote,
            rate,
            date,
            kind,
            source: source.into(),
            route: Vec::new(),
        })
    }

    /// The currency converted from.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::Spot, "")?;
    /// assert_eq!(rate.base(), Currency::USD);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn base(&self) -> Currency {
        self.base
    }

    /// The currency converted to.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::Spot, "")?;
    /// assert_eq!(rate.quote(), Currency::EUR);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn quote(&self) -> Currency {
        self.quote
    }

    /// Units of the quote currency per unit of the base currency (always positive).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::Spot, "")?;
    /// assert_eq!(rate.rate().to_string(), "0.8498");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn rate(&self) -> Decimal {
        self.rate
    }

    /// The date the rate is for (the first day of the month or year for averages). A derived rate
    /// carries the oldest date of its route.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::Spot, "")?;
    /// assert_eq!(rate.date(), date);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// What the rate stands for.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::MonthlyAverage, "")?;
    /// assert_eq!(rate.kind(), RateKind::MonthlyAverage);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> RateKind {
        self.kind
    }

    /// Where the rate comes from, as given (for a derived rate, the sources of its route).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::Spot, "FRED H.10")?;
    /// assert_eq!(rate.source(), "FRED H.10");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The published rates this rate was derived from, in the order applied; empty for a
    /// published rate.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::Spot, "")?;
    /// assert!(rate.route().is_empty());
    /// assert_eq!(rate.invert()?.route().len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn route(&self) -> &[RouteStep] {
        &self.route
    }

    /// Whether the rate was derived (inverted or composed) rather than published.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::Spot, "")?;
    /// assert!(!rate.is_derived());
    /// assert!(rate.invert()?.is_derived());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn is_derived(&self) -> bool {
        !self.route.is_empty()
    }

    /// The route as steps, a published rate standing for itself.
    fn steps(&self) -> Vec<RouteStep> {
        if self.route.is_empty() {
            vec![RouteStep {
                base: self.base,
                quote: self.quote,
                rate: self.rate,
                date: self.date,
                kind: self.kind,
                source: self.source.clone(),
                inverted: false,
            }]
        } else {
            self.route.clone()
        }
    }

    /// The rate from quote to base: `1 / rate`, held to 28 significant digits.
    ///
    /// # Errors
    ///
    /// When the inverse does not fit in a decimal (a rate below about 1.3 × 10^-29).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let usd_gbp = ExchangeRate::new(Currency::USD, Currency::GBP, Decimal::new(8, 1), date, RateKind::Spot, "")?;
    /// let gbp_usd = usd_gbp.invert()?;
    /// assert_eq!((gbp_usd.base(), gbp_usd.quote()), (Currency::GBP, Currency::USD));
    /// assert_eq!(gbp_usd.rate().to_string(), "1.25");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn invert(&self) -> Result<ExchangeRate, Error> {
        let inverse = Decimal::ONE
            .checked_div(self.rate)
            .map(|rate| rate.normalize())
            .ok_or_else(|| Error::overflow(format_args!("1 / {}", self.rate)))?;
        let mut route = self.steps();
        route.reverse();
        for step in &mut route {
            step.inverted = !step.inverted;
        }
        let mut inverted = ExchangeRate::new(
            self.quote,
            self.base,
            inverse,
            self.date,
            self.kind,
            self.source.clone(),
        )?;
        inverted.route = route;
        Ok(inverted)
    }

    /// This rate followed by `next`: base → quote → `next`'s quote, for a cross rate through a
    /// pivot currency. The rate is the product held to 28 significant digits; the date is the
    /// older of the two; the kind is theirs when they agree and [`RateKind::Mixed`] otherwise.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`](crate::ErrorKind::InvalidRate) when `next` does not start at this
    /// rate's quote currency, or leads back to its base; an overflow when the product does not fit.
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::Currency; use rust_decimal::Decimal;
    /// let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let gbp_usd = ExchangeRate::new(Currency::USD, Currency::GBP, Decimal::new(7704, 4), date, RateKind::MonthlyAverage, "FRED")?.invert()?;
    /// let usd_eur = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::MonthlyAverage, "FRED")?;
    /// let gbp_eur = gbp_usd.compose(&usd_eur)?;
    /// assert_eq!((gbp_eur.base(), gbp_eur.quote()), (Currency::GBP, Currency::EUR));
    /// assert_eq!(gbp_eur.route().len(), 2);
    /// assert!(gbp_eur.rate().to_string().starts_with("1.10306"));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn compose(&self, next: &ExchangeRate) -> Result<ExchangeRate, Error> {
        if self.quote != next.base {
            return Err(Error::new(Inner::InvalidRate {
                pair: format!(
                    "{}/{} then {}/{}",
                    self.base, self.quote, next.base, next.quote
                ),
                reason: "the second rate must start where the first ends".to_owned(),
            }));
        }
        let rate = Wide::product(self.rate, next.rate)
            .fit_to_odd()
            .map(|rate| rate.normalize())
            .map_err(|_| Error::overflow(format_args!("{} × {}", self.rate, next.rate)))?;
        let kind = if self.kind == next.kind {
            self.kind
        } else {
            RateKind::Mixed
        };
        let source = if self.source == next.source {
            self.source.clone()
        } else {
            format!("{}; {}", self.source, next.source)
        };
        let mut composed = ExchangeRate::new(
            self.base,
            next.quote,
            rate,
            self.date.min(next.date),
            kind,
            source,
        )?;
        composed.route = self.steps();
        composed.route.extend(next.steps());
        Ok(composed)
    }

    fn check_base(&self, money: &Money) -> Result<(), Error> {
        if money.currency() == self.base {
            Ok(())
        } else {
            Err(Error::mismatch(format_args!(
                "convert {money} with a {}/{} rate",
                self.base, self.quote
            )))
        }
    }

    /// Converts an amount in the base currency to the quote currency, exactly.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`](crate::ErrorKind::CurrencyMismatch) when `money` is not in the
    /// base currency; overflow or precision loss as [`Money::checked_mul`] (use
    /// [`ExchangeRate::convert_rounded`] to round instead).
    ///
    /// # Example
    ///
    /// ```
    /// # use chrono::NaiveDate; use partnerships::money::{ExchangeRate, RateKind}; use partnerships::{Currency, Money}; use rust_decimal::Decimal;
    /// # let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::Spot, "")?;
    /// let euros: Money = "EUR 1.00".parse()?;
    /// assert_eq!(rate.convert(&euros).unwrap_err().to_string(), "cannot convert EUR 1.00 with a USD/EUR rate: the currencies differ");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn convert(&self, money: &Money) -> Result<Money, Error> {
        self.check_base(money)?;
        let converted = Money::new(money.amount(), self.quote).checked_mul(self.rate)?;
        Ok(converted)
    }

    /// Converts an amount in the base currency to the quote currency, rounding the exact product
    /// once as `rounding` says (`RoundTo::MinorUnits` means the quote currency's).
    ///
    /// # Errors
    ///
    /// As [`ExchangeRate::convert`] and [`Money::round`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{ExchangeRate, RateKind, RoundTo, Rounding, RoundingMode};
    /// use partnerships::{Currency, Money};
    /// use rust_decimal::Decimal;
    ///
    /// let date = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let usd_eur = ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), date, RateKind::MonthlyAverage, "FRED")?;
    /// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    /// let back = usd_eur.invert()?.convert_rounded(&"EUR 849.80".parse()?, cents)?;
    /// assert_eq!(back.to_string(), "USD 1000.00");
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn convert_rounded(&self, money: &Money, rounding: Rounding) -> Result<Money, Error> {
        self.check_base(money)?;
        Money::new(money.amount(), self.quote).checked_mul_rounded(
            self.rate,
            rounding.mode,
            rounding.to,
        )
    }
}

/// The error for a rate `base`/`quote` on `date` that cannot be, or cannot be used, and why.
#[cold]
pub(super) fn invalid_rate(
    base: Currency,
    quote: Currency,
    date: NaiveDate,
    reason: impl Into<String>,
) -> Error {
    Error::new(Inner::InvalidRate {
        pair: format!("{base}/{quote} on {date}"),
        reason: reason.into(),
    })
}

impl fmt::Display for ExchangeRate {
    /// `USD/EUR 0.8498 on 2020-10-01 (monthly-average, FRED H.10)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{} {} on {} ({}, {})",
            self.base, self.quote, self.rate, self.date, self.kind, self.source
        )?;
        if self.is_derived() {
            f.write_str(" derived")?;
        }
        Ok(())
    }
}
