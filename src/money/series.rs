//! Published series of exchange rates: many currencies against one reference currency (the SDR,
//! the US dollar), one value per currency and period (a month or a year).

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::currency::Currency;
use super::rate::{ExchangeRate, RateKind};
use crate::error::Error;

/// How a series states its values against its reference currency.
///
/// # Example
///
/// ```
/// use partnerships::money::Quotation;
///
/// assert_eq!(Quotation::ReferencePerUnit.to_string(), "reference per unit");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Quotation {
    /// The value of one unit of the currency in the reference currency, as the IMF states rates
    /// against the SDR (`EUR 0.7995564737` SDR per euro).
    ReferencePerUnit,
    /// Units of the currency per one unit of the reference currency, as the IMF states rates
    /// against the US dollar (`0.8755` euros per dollar).
    UnitsPerReference,
}

impl fmt::Display for Quotation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Quotation::ReferencePerUnit => "reference per unit",
            Quotation::UnitsPerReference => "units per reference",
        })
    }
}

/// The periods of a series.
///
/// # Example
///
/// ```
/// use partnerships::money::Frequency;
///
/// assert_eq!(Frequency::Monthly.to_string(), "monthly");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Frequency {
    /// One value per calendar month.
    Monthly,
    /// One value per calendar year.
    Annual,
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Frequency::Monthly => "monthly",
            Frequency::Annual => "annual",
        })
    }
}

/// A month or a year of a series, as one number: `year × 12 + month − 1` for a month, the year
/// for a year.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::money::{Frequency, RatePeriod};
///
/// let day = NaiveDate::from_ymd_opt(2020, 5, 17).unwrap();
/// let may = RatePeriod::containing(Frequency::Monthly, day);
/// assert_eq!(may.to_string(), "2020-05");
/// assert_eq!(may.first_day(), NaiveDate::from_ymd_opt(2020, 5, 1));
/// assert_eq!(may.last_day(), NaiveDate::from_ymd_opt(2020, 5, 31));
/// assert_eq!(RatePeriod::containing(Frequency::Annual, day).to_string(), "2020");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RatePeriod {
    frequency: Frequency,
    index: u32,
}

impl RatePeriod {
    /// The period of `frequency` that contains `day`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::money::{Frequency, RatePeriod};
    ///
    /// let day = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap();
    /// assert_eq!(RatePeriod::containing(Frequency::Monthly, day).to_string(), "2016-12");
    /// ```
    #[must_use]
    pub fn containing(frequency: Frequency, day: NaiveDate) -> RatePeriod {
        // Years before 0 have no rates; they index as 0 and find none.
        let year = u32::try_from(day.year()).unwrap_or(0);
        let index = match frequency {
            Frequency::Monthly => year.saturating_mul(12).saturating_add(day.month0()),
            Frequency::Annual => year,
        };
        RatePeriod { frequency, index }
    }

    /// The month `month` (1 to 12) of `year`, or the year `year`.
    #[cfg(feature = "csv")]
    pub(crate) fn new(frequency: Frequency, year: u32, month: u32) -> RatePeriod {
        let index = match frequency {
            Frequency::Monthly => year
                .saturating_mul(12)
                .saturating_add(month.saturating_sub(1)),
            Frequency::Annual => year,
        };
        RatePeriod { frequency, index }
    }

    /// The period's year and, for a month, its month (1 to 12).
    fn year_month(self) -> (i32, u32) {
        match self.frequency {
            Frequency::Monthly => (
                i32::try_from(self.index / 12).unwrap_or(0),
                (self.index % 12).saturating_add(1),
            ),
            Frequency::Annual => (i32::try_from(self.index).unwrap_or(0), 1),
        }
    }

    /// The period's first day.
    ///
    /// # Example
    ///
    /// See [`RatePeriod`].
    #[must_use]
    pub fn first_day(self) -> Option<NaiveDate> {
        let (year, month) = self.year_month();
        NaiveDate::from_ymd_opt(year, month, 1)
    }

    /// The period's last day: the date IMF feeds stamp a period's rate with.
    ///
    /// # Example
    ///
    /// See [`RatePeriod`].
    #[must_use]
    pub fn last_day(self) -> Option<NaiveDate> {
        let (year, month) = self.year_month();
        match self.frequency {
            Frequency::Monthly => {
                let (next_year, next_month) = if month == 12 {
                    (year.checked_add(1)?, 1)
                } else {
                    (year, month.checked_add(1)?)
                };
                NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
            }
            Frequency::Annual => NaiveDate::from_ymd_opt(year, 12, 31),
        }
    }

    /// The period's number (see [`RatePeriod`]).
    pub(crate) fn index(self) -> u32 {
        self.index
    }
}

impl fmt::Display for RatePeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month) = self.year_month();
        match self.frequency {
            Frequency::Monthly => write!(f, "{year:04}-{month:02}"),
            Frequency::Annual => write!(f, "{year:04}"),
        }
    }
}

/// One value of a series: a period's number (see [`RatePeriod`]) and the value, exactly as
/// published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SeriesPoint {
    period: u32,
    value: Decimal,
}

impl SeriesPoint {
    /// A point of the period numbered `period`, whose value is `mantissa × 10^-scale`: the form
    /// the crate's generated tables are written in, so that they are built at compile time.
    #[cfg(feature = "imf-rates")]
    #[must_use]
    pub(crate) const fn from_parts(period: u32, mantissa: u64, scale: u32) -> SeriesPoint {
        #[allow(clippy::cast_possible_truncation)] // the two halves of a u64, by design
        let (lo, mid) = (mantissa as u32, (mantissa >> 32) as u32);
        SeriesPoint {
            period,
            value: Decimal::from_parts(lo, mid, 0, false, scale),
        }
    }

    /// A point of `period` with `value`.
    #[must_use]
    pub(crate) fn new(period: RatePeriod, value: Decimal) -> SeriesPoint {
        SeriesPoint {
            period: period.index(),
            value,
        }
    }
}

/// A currency's values in a series, by period.
type Values = Cow<'static, [SeriesPoint]>;

/// A published series of exchange rates: many currencies against one reference currency, one
/// value per currency and period, exactly as published. The IMF's monthly rates against the SDR
/// (the table IATI.cloud converts with) and its annual rates against the US dollar are shipped
/// with the crate (`data::IMF_SDR_MONTHLY`, `data::IMF_USD_ANNUAL`); newer files of their
/// layouts are read by [`formats::rates`](crate::formats::rates).
///
/// A series answers the rate between any two of its currencies for a period, through the
/// reference: the rate says which published values it came from
/// ([`ExchangeRate::route`]).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::money::{Frequency, Quotation, RateKind, RatePeriod, RateSeries};
/// use partnerships::money::{RoundTo, Rounding, RoundingMode};
/// use partnerships::Currency;
/// use rust_decimal::Decimal;
///
/// let may = RatePeriod::containing(Frequency::Monthly, NaiveDate::from_ymd_opt(2020, 5, 1).unwrap());
/// let mut sdr = RateSeries::new("IMF SDR", Currency::XDR, Quotation::ReferencePerUnit, Frequency::Monthly, RateKind::MonthlyAverage);
/// sdr.insert(Currency::EUR, may, Decimal::new(7_995_564_737, 10))?;
/// sdr.insert(Currency::USD, may, Decimal::new(7_332_989, 7))?;
/// let rate = sdr.rate(Currency::EUR, Currency::USD, may).expect("both currencies in May 2020");
/// let exchange = sdr.exchange_rate(&rate)?;
/// assert_eq!(exchange.route().len(), 2); // EUR→XDR, then XDR→USD
/// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
/// let usd = exchange.convert_rounded(&"EUR 32720.00".parse()?, cents)?;
/// assert_eq!(usd.to_string(), "USD 35676.43");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateSeries {
    name: Cow<'static, str>,
    reference: Currency,
    quotation: Quotation,
    frequency: Frequency,
    kind: RateKind,
    /// Sorted by currency, each currency's values sorted by period.
    currencies: Cow<'static, [(Currency, Values)]>,
    /// Values of the source a decimal cannot hold exactly, as `CUR period value`.
    left_out: Cow<'static, [Cow<'static, str>]>,
}

/// A rate of a series between two currencies, with the published values it came from.
///
/// # Example
///
/// See [`RateSeries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeriesRate {
    /// The currency converted from.
    pub from: Currency,
    /// The currency converted to.
    pub to: Currency,
    /// The period of `from`'s value, and the value (`None` for the reference currency itself).
    pub from_value: Option<(RatePeriod, Decimal)>,
    /// The period of `to`'s value, and the value (`None` for the reference currency itself).
    pub to_value: Option<(RatePeriod, Decimal)>,
}

impl RateSeries {
    /// An empty series.
    ///
    /// # Example
    ///
    /// See [`RateSeries`].
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        reference: Currency,
        quotation: Quotation,
        frequency: Frequency,
        kind: RateKind,
    ) -> RateSeries {
        RateSeries {
            name: Cow::Owned(name.into()),
            reference,
            quotation,
            frequency,
            kind,
            currencies: Cow::Owned(Vec::new()),
            left_out: Cow::Owned(Vec::new()),
        }
    }

    /// A series of static values, sorted by currency and period: the crate's shipped tables.
    #[cfg(feature = "imf-rates")]
    #[must_use]
    pub(crate) const fn from_static(
        name: &'static str,
        (reference, quotation, frequency, kind): (Currency, Quotation, Frequency, RateKind),
        currencies: &'static [(Currency, Values)],
        left_out: &'static [Cow<'static, str>],
    ) -> RateSeries {
        RateSeries {
            name: Cow::Borrowed(name),
            reference,
            quotation,
            frequency,
            kind,
            currencies: Cow::Borrowed(currencies),
            left_out: Cow::Borrowed(left_out),
        }
    }

    /// The values of the source this series leaves out because a decimal cannot hold them
    /// exactly (more than 28 decimal places), each as `CUR period value`: they are not rounded
    /// into the series, and those periods have no rate for the currency.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert!(partnerships::data::IMF_USD_ANNUAL.left_out().iter().all(|v| v.starts_with("BRL 19")));
    /// ```
    #[must_use]
    pub fn left_out(&self) -> &[Cow<'static, str>] {
        &self.left_out
    }

    /// Notes a value of the source that a decimal cannot hold exactly.
    #[cfg(feature = "csv")]
    pub(crate) fn leave_out(&mut self, currency: Currency, period: RatePeriod, text: &str) {
        self.left_out
            .to_mut()
            .push(Cow::Owned(format!("{currency} {period} {}", text.trim())));
    }

    /// The series' name, saying where it comes from.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert!(partnerships::data::IMF_SDR_MONTHLY.name().contains("IMF"));
    /// ```
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The currency the values are stated against.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert_eq!(partnerships::data::IMF_USD_ANNUAL.reference(), partnerships::Currency::USD);
    /// ```
    #[must_use]
    pub fn reference(&self) -> Currency {
        self.reference
    }

    /// How the values are stated.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert_eq!(partnerships::data::IMF_USD_ANNUAL.quotation(), partnerships::money::Quotation::UnitsPerReference);
    /// ```
    #[must_use]
    pub fn quotation(&self) -> Quotation {
        self.quotation
    }

    /// The periods of the series.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert_eq!(partnerships::data::IMF_SDR_MONTHLY.frequency(), partnerships::money::Frequency::Monthly);
    /// ```
    #[must_use]
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// What the values stand for.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert_eq!(partnerships::data::IMF_USD_ANNUAL.kind(), partnerships::money::RateKind::AnnualAverage);
    /// ```
    #[must_use]
    pub fn kind(&self) -> RateKind {
        self.kind
    }

    /// The currencies with values, in code order; the reference currency is not among them
    /// (its value is 1 by definition).
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert_eq!(partnerships::data::IMF_SDR_MONTHLY.currencies().count(), 65);
    /// ```
    #[must_use]
    pub fn currencies(&self) -> impl ExactSizeIterator<Item = Currency> + '_ {
        self.currencies.iter().map(|(currency, _)| *currency)
    }

    /// How many values the series holds, over all currencies.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert_eq!(partnerships::data::IMF_SDR_MONTHLY.len(), 17_519);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.currencies
            .iter()
            .fold(0, |n, (_, values)| n.saturating_add(values.len()))
    }

    /// Whether the series holds no value.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::{Frequency, Quotation, RateKind, RateSeries};
    /// use partnerships::Currency;
    ///
    /// let empty = RateSeries::new("none", Currency::USD, Quotation::UnitsPerReference, Frequency::Annual, RateKind::AnnualAverage);
    /// assert!(empty.is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first and last periods with a value of `currency`.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")] {
    /// use partnerships::data::IMF_SDR_MONTHLY;
    /// use partnerships::Currency;
    ///
    /// let (first, last) = IMF_SDR_MONTHLY.coverage(Currency::EUR).expect("the euro");
    /// assert_eq!((first.to_string(), last.to_string()), ("1998-10".to_owned(), "2025-04".to_owned()));
    /// # }
    /// ```
    #[must_use]
    pub fn coverage(&self, currency: Currency) -> Option<(RatePeriod, RatePeriod)> {
        let values = self.values(currency)?;
        let period = |p: &SeriesPoint| RatePeriod {
            frequency: self.frequency,
            index: p.period,
        };
        Some((period(values.first()?), period(values.last()?)))
    }

    /// Every value of `currency`, by period, in order.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")] {
    /// use partnerships::data::IMF_SDR_MONTHLY;
    /// use partnerships::Currency;
    ///
    /// let (first, value) = IMF_SDR_MONTHLY.points(Currency::EUR).next().expect("the euro");
    /// assert_eq!((first.to_string(), value.to_string()), ("1998-10".to_owned(), "0.840686".to_owned()));
    /// # }
    /// ```
    pub fn points(&self, currency: Currency) -> impl Iterator<Item = (RatePeriod, Decimal)> + '_ {
        let frequency = self.frequency;
        self.values(currency)
            .unwrap_or_default()
            .iter()
            .map(move |p| {
                (
                    RatePeriod {
                        frequency,
                        index: p.period,
                    },
                    p.value,
                )
            })
    }

    fn values(&self, currency: Currency) -> Option<&[SeriesPoint]> {
        self.currencies
            .binary_search_by_key(&currency, |(c, _)| *c)
            .ok()
            .and_then(|i| self.currencies.get(i))
            .map(|(_, values)| values.as_ref())
    }

    /// The value of `currency` for `period` exactly: 1 for the reference currency.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")] {
    /// use chrono::NaiveDate;
    /// use partnerships::data::IMF_SDR_MONTHLY;
    /// use partnerships::money::RatePeriod;
    /// use partnerships::Currency;
    ///
    /// let may = RatePeriod::containing(IMF_SDR_MONTHLY.frequency(), NaiveDate::from_ymd_opt(2020, 5, 13).unwrap());
    /// assert_eq!(IMF_SDR_MONTHLY.value(Currency::USD, may).map(|v| v.to_string()), Some("0.7332989".to_owned()));
    /// # }
    /// ```
    #[must_use]
    pub fn value(&self, currency: Currency, period: RatePeriod) -> Option<Decimal> {
        if currency == self.reference {
            return Some(Decimal::ONE);
        }
        if period.frequency != self.frequency {
            return None;
        }
        let values = self.values(currency)?;
        values
            .binary_search_by_key(&period.index, |p| p.period)
            .ok()
            .and_then(|i| values.get(i))
            .map(|p| p.value)
    }

    /// The value of `currency` whose period's last day is closest to `day` (the earlier of two
    /// equally close), the first value for a day before the series and the last for one after
    /// it: how the IATI Secretariat's Country Development Finance Data takes a rate. `None` for
    /// a currency the series does not have, and for the reference currency (which needs none).
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")] {
    /// use chrono::NaiveDate;
    /// use partnerships::data::IMF_SDR_MONTHLY;
    /// use partnerships::Currency;
    ///
    /// // The 15th of May is closer to April's last day (15 days) than to May's (16 days).
    /// let day = NaiveDate::from_ymd_opt(2020, 5, 15).unwrap();
    /// let (period, _) = IMF_SDR_MONTHLY.nearest(Currency::EUR, day).expect("the euro");
    /// assert_eq!(period.to_string(), "2020-04");
    /// # }
    /// ```
    #[must_use]
    pub fn nearest(&self, currency: Currency, day: NaiveDate) -> Option<(RatePeriod, Decimal)> {
        if currency == self.reference {
            return None;
        }
        let values = self.values(currency)?;
        let stamp = |p: &SeriesPoint| {
            RatePeriod {
                frequency: self.frequency,
                index: p.period,
            }
            .last_day()
        };
        // The first value stamped on or after the day.
        let after = values.partition_point(|p| stamp(p).is_some_and(|s| s < day));
        let chosen = match (
            after.checked_sub(1).and_then(|i| values.get(i)),
            values.get(after),
        ) {
            (Some(before), Some(next)) => {
                let distance = |p: &SeriesPoint| {
                    stamp(p).map_or(u64::MAX, |s| {
                        s.signed_duration_since(day).num_days().unsigned_abs()
                    })
                };
                if distance(next) < distance(before) {
                    next
                } else {
                    before
                }
            }
            (Some(only), None) | (None, Some(only)) => only,
            (None, None) => return None,
        };
        let period = RatePeriod {
            frequency: self.frequency,
            index: chosen.period,
        };
        Some((period, chosen.value))
    }

    /// The rate from `from` to `to` with both values of `period` (`None` when either has no
    /// value for it).
    ///
    /// # Example
    ///
    /// See [`RateSeries`].
    #[must_use]
    pub fn rate(&self, from: Currency, to: Currency, period: RatePeriod) -> Option<SeriesRate> {
        let value = |c: Currency| {
            if c == self.reference {
                Some(None)
            } else {
                self.value(c, period).map(|v| Some((period, v)))
            }
        };
        Some(SeriesRate {
            from,
            to,
            from_value: value(from)?,
            to_value: value(to)?,
        })
    }

    /// The rate from `from` to `to` through the reference, each side at the value closest to
    /// `day` (see [`nearest`](Self::nearest)).
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")] {
    /// use chrono::NaiveDate;
    /// use partnerships::data::IMF_SDR_MONTHLY;
    /// use partnerships::Currency;
    ///
    /// let day = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(); // after the series: its last values
    /// let rate = IMF_SDR_MONTHLY.nearest_rate(Currency::EUR, Currency::USD, day).expect("both");
    /// assert_eq!(rate.from_value.map(|(p, _)| p.to_string()), Some("2025-04".to_owned()));
    /// # }
    /// ```
    #[must_use]
    pub fn nearest_rate(&self, from: Currency, to: Currency, day: NaiveDate) -> Option<SeriesRate> {
        let value = |c: Currency| {
            if c == self.reference {
                Some(None)
            } else {
                self.nearest(c, day).map(Some)
            }
        };
        Some(SeriesRate {
            from,
            to,
            from_value: value(from)?,
            to_value: value(to)?,
        })
    }

    /// Adds or replaces the value of `currency` for `period`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`](crate::ErrorKind::InvalidRate) when the value is not positive,
    /// the currency is the reference, or the period is not of the series' frequency.
    ///
    /// # Example
    ///
    /// See [`RateSeries`].
    pub fn insert(
        &mut self,
        currency: Currency,
        period: RatePeriod,
        value: Decimal,
    ) -> Result<(), Error> {
        let day = period.first_day().unwrap_or_default();
        let refuse = |reason: &str| {
            Err(super::rate::invalid_rate(
                currency,
                self.reference,
                day,
                reason.to_owned(),
            ))
        };
        if value <= Decimal::ZERO {
            return refuse("a series' values must be positive");
        }
        if currency == self.reference {
            return refuse("the reference currency has no values of its own (it is 1)");
        }
        if period.frequency != self.frequency {
            return refuse("the period is not of the series' frequency");
        }
        let currencies = self.currencies.to_mut();
        let at = match currencies.binary_search_by_key(&currency, |(c, _)| *c) {
            Ok(at) => at,
            Err(at) => {
                currencies.insert(at, (currency, Cow::Owned(Vec::new())));
                at
            }
        };
        if let Some((_, values)) = currencies.get_mut(at) {
            let values = values.to_mut();
            let point = SeriesPoint::new(period, value);
            match values.binary_search_by_key(&period.index, |p| p.period) {
                Ok(i) => {
                    if let Some(held) = values.get_mut(i) {
                        *held = point;
                    }
                }
                Err(i) => values.insert(i, point),
            }
        }
        Ok(())
    }

    /// Adds every value of `newer`, which replaces this series' value where both have one: a
    /// newer file extends the shipped table.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`](crate::ErrorKind::InvalidRate) when the two series do not
    /// state the same thing (reference, quotation or frequency); this series is then unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::money::{Frequency, Quotation, RateKind, RatePeriod, RateSeries};
    /// use partnerships::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let year = |y| RatePeriod::containing(Frequency::Annual, chrono::NaiveDate::from_ymd_opt(y, 6, 30).unwrap());
    /// let new = || RateSeries::new("annual", Currency::USD, Quotation::UnitsPerReference, Frequency::Annual, RateKind::AnnualAverage);
    /// let mut old = new();
    /// old.insert(Currency::EUR, year(2024), Decimal::new(92, 2))?;
    /// let mut newer = new();
    /// newer.insert(Currency::EUR, year(2025), Decimal::new(88, 2))?;
    /// old.extend(&newer)?;
    /// assert_eq!(old.len(), 2);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn extend(&mut self, newer: &RateSeries) -> Result<(), Error> {
        if (newer.reference, newer.quotation, newer.frequency)
            != (self.reference, self.quotation, self.frequency)
        {
            return Err(super::rate::invalid_rate(
                newer.reference,
                self.reference,
                NaiveDate::default(),
                format!(
                    "{} ({}, {}) cannot extend {} ({}, {})",
                    newer.name,
                    newer.quotation,
                    newer.frequency,
                    self.name,
                    self.quotation,
                    self.frequency
                ),
            ));
        }
        for (currency, values) in newer.currencies.iter() {
            for point in values.iter() {
                let period = RatePeriod {
                    frequency: newer.frequency,
                    index: point.period,
                };
                self.insert(*currency, period, point.value)?;
            }
        }
        Ok(())
    }

    /// The published rate of one side of a [`SeriesRate`]: `currency` to the reference, or the
    /// reference to `currency` (`towards_reference` false).
    fn leg(
        &self,
        currency: Currency,
        (period, value): (RatePeriod, Decimal),
        towards_reference: bool,
    ) -> Result<ExchangeRate, Error> {
        let date = match self.kind {
            // An average is dated at the start of its period; a stamped value at its end.
            RateKind::MonthlyAverage | RateKind::AnnualAverage => period.first_day(),
            _ => period.last_day(),
        }
        .unwrap_or_default();
        let published = match self.quotation {
            Quotation::ReferencePerUnit => ExchangeRate::new(
                currency,
                self.reference,
                value,
                date,
                self.kind,
                self.name.as_ref(),
            )?,
            Quotation::UnitsPerReference => ExchangeRate::new(
                self.reference,
                currency,
                value,
                date,
                self.kind,
                self.name.as_ref(),
            )?,
        };
        let published_towards_reference = self.quotation == Quotation::ReferencePerUnit;
        if published_towards_reference == towards_reference {
            Ok(published)
        } else {
            published.invert()
        }
    }

    /// The [`ExchangeRate`] of a rate of this series, with the published values it came from as
    /// its route.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`](crate::ErrorKind::InvalidRate) when both currencies are the
    /// same, [`ErrorKind::Overflow`](crate::ErrorKind::Overflow) when the composed rate does
    /// not fit a decimal.
    ///
    /// # Example
    ///
    /// See [`RateSeries`].
    pub fn exchange_rate(&self, rate: &SeriesRate) -> Result<ExchangeRate, Error> {
        let first = rate
            .from_value
            .map(|v| self.leg(rate.from, v, true))
            .transpose()?;
        let second = rate
            .to_value
            .map(|v| self.leg(rate.to, v, false))
            .transpose()?;
        match (first, second) {
            (Some(first), Some(second)) => first.compose(&second),
            (Some(only), None) | (None, Some(only)) => Ok(only),
            (None, None) => Err(super::rate::invalid_rate(
                rate.from,
                rate.to,
                NaiveDate::default(),
                "base and quote are the same currency",
            )),
        }
    }
}
