//! A table of dated rates that answers "the rate for base→quote on date D".

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use super::amount::Money;
use super::bag::Conversion;
use super::currency::Currency;
use super::rate::{invalid_rate, ExchangeRate};
use super::rounding::Rounding;
use crate::error::{Error, Inner};

/// Which dated rate answers a question about a date.
///
/// # Example
///
/// ```
/// use partnerships::money::DatePolicy;
///
/// // FRED monthly averages are dated the first of the month: accept one up to 31 days old.
/// let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
/// assert_eq!(policy.to_string(), "on or before (at most 31 days earlier)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DatePolicy {
    /// Only a rate dated exactly on the day asked for.
    Exact,
    /// The latest rate dated on or before the day asked for, if it is at most `max_age_days` older.
    LatestOnOrBefore {
        /// How many days older than the day asked for a rate may be.
        max_age_days: u32,
    },
}

impl fmt::Display for DatePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatePolicy::Exact => f.write_str("on"),
            DatePolicy::LatestOnOrBefore { max_age_days } => {
                write!(f, "on or before (at most {max_age_days} days earlier)")
            }
        }
    }
}

/// Dated exchange rates, and look-ups under an explicit [`DatePolicy`].
///
/// A look-up for base→quote tries, in order: a rate published for base→quote; the inverse of one
/// published for quote→base; and, when the table has a pivot currency, a cross rate through it
/// (base→pivot then pivot→quote, each published either way round). The rate returned records in
/// its [`route`](ExchangeRate::route) which published rates it was derived from.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::money::{DatePolicy, ExchangeRate, RateKind, RateTable};
/// use partnerships::Currency;
/// use rust_decimal::Decimal;
///
/// let oct = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
/// let mut table = RateTable::with_pivot(Currency::USD);
/// table.insert(ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), oct, RateKind::MonthlyAverage, "FRED")?)?;
/// table.insert(ExchangeRate::new(Currency::USD, Currency::GBP, Decimal::new(7704, 4), oct, RateKind::MonthlyAverage, "FRED")?)?;
///
/// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
/// let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
/// let gbp_eur = table.rate(Currency::GBP, Currency::EUR, day, policy)?;
/// assert_eq!(gbp_eur.route().len(), 2); // GBP→USD (inverted), USD→EUR
///
/// let err = table.rate(Currency::USD, Currency::JPY, day, policy).unwrap_err();
/// assert_eq!(err.to_string(), "no USD/JPY rate on or before (at most 31 days earlier) 2020-10-13 (directly, inverted or through USD)");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateTable {
    /// Published rates per (base, quote), sorted by date, one per date.
    rates: HashMap<(Currency, Currency), Vec<ExchangeRate>>,
    pivot: Option<Currency>,
    len: usize,
}

impl RateTable {
    /// An empty table without a pivot currency.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::RateTable;
    ///
    /// assert!(RateTable::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> RateTable {
        RateTable::default()
    }

    /// An empty table that routes through `pivot` when a pair is not published directly.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::RateTable;
    /// use partnerships::Currency;
    ///
    /// assert_eq!(RateTable::with_pivot(Currency::USD).pivot(), Some(Currency::USD));
    /// ```
    #[must_use]
    pub fn with_pivot(pivot: Currency) -> RateTable {
        RateTable {
            pivot: Some(pivot),
            ..RateTable::default()
        }
    }

    /// The pivot currency, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::RateTable;
    ///
    /// assert_eq!(RateTable::new().pivot(), None);
    /// ```
    #[must_use]
    pub fn pivot(&self) -> Option<Currency> {
        self.pivot
    }

    /// Sets or clears the pivot currency.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::RateTable;
    /// use partnerships::Currency;
    ///
    /// let mut table = RateTable::new();
    /// table.set_pivot(Some(Currency::EUR));
    /// assert_eq!(table.pivot(), Some(Currency::EUR));
    /// ```
    pub fn set_pivot(&mut self, pivot: Option<Currency>) {
        self.pivot = pivot;
    }

    /// How many published rates the table holds.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::RateTable;
    ///
    /// assert_eq!(RateTable::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table holds no rate.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::RateTable;
    ///
    /// assert!(RateTable::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every published rate, by pair (in currency order) and then by date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{ExchangeRate, RateKind, RateTable};
    /// use partnerships::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let mut table = RateTable::new();
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// table.insert(ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), day, RateKind::Spot, "")?)?;
    /// assert_eq!(table.iter().count(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &ExchangeRate> {
        let mut pairs: Vec<_> = self.rates.iter().collect();
        pairs.sort_by_key(|(pair, _)| **pair);
        pairs.into_iter().flat_map(|(_, rates)| rates.iter())
    }

    /// Adds a published rate.
    ///
    /// A rate for a pair and date the table already holds is accepted when it is the same rate
    /// (a repeated row) and refused when it differs, so that no rate is silently replaced.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`](crate::ErrorKind::InvalidRate) for a derived rate (add the
    /// published ones) or a conflicting rate for the same pair and date.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{ExchangeRate, RateKind, RateTable};
    /// use partnerships::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let rate = |r| ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(r, 4), day, RateKind::Spot, "");
    /// let mut table = RateTable::new();
    /// table.insert(rate(8498)?)?;
    /// table.insert(rate(8498)?)?; // the same row again
    /// assert!(table.insert(rate(8500)?).is_err());
    /// assert_eq!(table.len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn insert(&mut self, rate: ExchangeRate) -> Result<(), Error> {
        if rate.is_derived() {
            return Err(invalid_rate(
                rate.base(),
                rate.quote(),
                rate.date(),
                "a table holds published rates; this one is derived",
            ));
        }
        let dated = self.rates.entry((rate.base(), rate.quote())).or_default();
        match dated.binary_search_by_key(&rate.date(), ExchangeRate::date) {
            Ok(index) => match dated.get(index) {
                Some(held) if held.rate() == rate.rate() => Ok(()),
                Some(held) => Err(invalid_rate(
                    rate.base(),
                    rate.quote(),
                    rate.date(),
                    format!("the table already holds {} for that date", held.rate()),
                )),
                None => Ok(()),
            },
            Err(index) => {
                dated.insert(index, rate);
                self.len = self.len.saturating_add(1);
                Ok(())
            }
        }
    }

    /// The published rate for exactly base→quote under `policy`.
    fn published(
        &self,
        base: Currency,
        quote: Currency,
        date: NaiveDate,
        policy: DatePolicy,
    ) -> Option<&ExchangeRate> {
        let dated = self.rates.get(&(base, quote))?;
        let after = dated.partition_point(|rate| rate.date() <= date);
        let latest = dated.get(after.checked_sub(1)?)?;
        let fits = match policy {
            DatePolicy::Exact => latest.date() == date,
            DatePolicy::LatestOnOrBefore { max_age_days } => {
                date.signed_duration_since(latest.date()).num_days() <= i64::from(max_age_days)
            }
        };
        fits.then_some(latest)
    }

    /// The rate base→quote, published either way round.
    fn either_way(
        &self,
        base: Currency,
        quote: Currency,
        date: NaiveDate,
        policy: DatePolicy,
    ) -> Option<Result<ExchangeRate, Error>> {
        if let Some(rate) = self.published(base, quote, date, policy) {
            return Some(Ok(rate.clone()));
        }
        self.published(quote, base, date, policy)
            .map(ExchangeRate::invert)
    }

    /// The rate base→quote for `date` under `policy`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::RateNotFound`](crate::ErrorKind::RateNotFound) naming the pair, the policy and
    /// the date when no route exists; [`ErrorKind::InvalidRate`](crate::ErrorKind::InvalidRate) when
    /// `base` equals `quote`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{DatePolicy, ExchangeRate, RateKind, RateTable};
    /// use partnerships::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let oct = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let mut table = RateTable::new();
    /// table.insert(ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), oct, RateKind::MonthlyAverage, "FRED")?)?;
    ///
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// let rate = table.rate(Currency::EUR, Currency::USD, day, DatePolicy::LatestOnOrBefore { max_age_days: 31 })?;
    /// assert!(rate.is_derived()); // the inverse of the published USD/EUR rate
    /// assert!(table.rate(Currency::USD, Currency::EUR, day, DatePolicy::Exact).is_err());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn rate(
        &self,
        base: Currency,
        quote: Currency,
        date: NaiveDate,
        policy: DatePolicy,
    ) -> Result<ExchangeRate, Error> {
        if base == quote {
            return Err(invalid_rate(
                base,
                quote,
                date,
                "base and quote are the same currency",
            ));
        }
        if let Some(rate) = self.either_way(base, quote, date, policy) {
            return rate;
        }
        if let Some(pivot) = self.pivot.filter(|p| *p != base && *p != quote) {
            let first = self.either_way(base, pivot, date, policy);
            let second = self.either_way(pivot, quote, date, policy);
            if let (Some(first), Some(second)) = (first, second) {
                return first?.compose(&second?);
            }
        }
        let routes = match self.pivot {
            Some(pivot) => format!(" (directly, inverted or through {pivot})"),
            None => " (directly or inverted)".to_owned(),
        };
        Err(Error::new(Inner::RateNotFound {
            pair: format!("{base}/{quote}"),
            policy: policy.to_string(),
            date,
            routes,
        }))
    }

    /// `original` in `currency` at the rate the table gives for `date` under `policy`, rounded
    /// once as `rounding` says ([`Conversion::at_rate`]); an amount already in `currency` is
    /// taken as it is.
    ///
    /// # Errors
    ///
    /// As [`rate`](Self::rate) when the table has no rate; as [`Conversion::at_rate`] when the
    /// conversion cannot be rounded as asked.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{DatePolicy, ExchangeRate, RateKind, RateTable, RoundTo, Rounding, RoundingMode};
    /// use partnerships::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let oct = NaiveDate::from_ymd_opt(2020, 10, 1).unwrap();
    /// let mut table = RateTable::new();
    /// table.insert(ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), oct, RateKind::MonthlyAverage, "FRED")?)?;
    /// let day = NaiveDate::from_ymd_opt(2020, 10, 13).unwrap();
    /// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    /// let policy = DatePolicy::LatestOnOrBefore { max_age_days: 31 };
    /// let c = table.convert("USD 1000000.00".parse()?, Currency::EUR, day, policy, cents)?;
    /// assert_eq!(c.converted.to_string(), "EUR 849800.00");
    /// assert_eq!(c.rate.map(|r| r.date()), Some(oct));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn convert(
        &self,
        original: Money,
        currency: Currency,
        date: NaiveDate,
        policy: DatePolicy,
        rounding: Rounding,
    ) -> Result<Conversion, Error> {
        if original.currency() == currency {
            return Ok(Conversion::unchanged(original));
        }
        let rate = self.rate(original.currency(), currency, date, policy)?;
        Conversion::at_rate(original, rate, rounding)
    }
}
