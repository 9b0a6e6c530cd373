//! Values in one currency the way the field's tools compute them: a named convention is a rate
//! series, a rule for the date a rate is taken on, a pivot currency and its fallbacks, and every
//! converted value shows its working.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use foldhash::fast::RandomState;

use crate::error::{Error, ErrorKind};
use crate::money::{
    Conversion, Currency, DatePolicy, ExchangeRate, Frequency, Money, Quotation, RateKind,
    RatePeriod, RateSeries, RateTable, RoundTo, Rounding, RoundingMode,
};

/// How a value is put in another currency: which rates, taken for which date, through which
/// currency, and what happens when a rate is missing. Each convention reproduces a tool of the
/// field, so that a total can be checked against the number that tool publishes.
///
/// | convention | rates | date | pivot | when a rate is missing |
/// |---|---|---|---|---|
/// | [`IatiCloud`](Self::IatiCloud) | the IMF's monthly averages against the SDR | the month of the value date | SDR | no rate; no value date, no rate |
/// | [`CountryDevelopmentFinance`](Self::CountryDevelopmentFinance) | the IMF's rates per US dollar, stamped at each month's last day | the stamp closest to the value date, the earlier of two equally close | US dollar, each side at its own closest stamp | a date before or after the table takes its first or last rate |
/// | [`AnnualAverage`](Self::AnnualAverage) | the IMF's annual averages per US dollar | the year of the value date | US dollar | no rate |
/// | [`Strict`](Self::Strict) | the user's [`RateTable`] | the value date, else the amount's own date | the table's | an error |
///
/// Every result is the exact decimal rounded once, at the end, half-even to the target's minor
/// units. The tools round otherwise, and say so: IATI.cloud keeps the binary float unrounded
/// (its documented example, EUR 32,720.00 in May 2020, is USD 35,676.43128806548, shown as
/// 35,676.43); `iatiflattener` keeps floats too, and splits them afterwards.
///
/// # Example
///
/// ```
/// use partnerships::analysis::convention::Convention;
///
/// let convention: Convention = "iati-cloud".parse()?;
/// assert_eq!(convention, Convention::IatiCloud);
/// assert_eq!(Convention::default().to_string(), "strict");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Convention {
    /// IATI.cloud's (the datastore behind d-portal and the IATI's own query tools): the IMF's
    /// monthly average rates against the SDR, in the month of each value's `@value-date`, value
    /// × SDR per unit of its currency ÷ SDR per unit of the target. A value without a value
    /// date, or of a month the table lacks for either currency, is not converted. (IATI.cloud
    /// also moves a value date in the future to the current month; this library converts at
    /// the value date's own month, so that a result does not depend on the day it is computed.)
    IatiCloud,
    /// The IATI Secretariat's Country Development Finance Data, computed by `iatiflattener`:
    /// the IMF's rates per US dollar stamped at each month's last day (a loaded feed of that
    /// layout, or derived from the IMF's monthly SDR table), each currency at its own stamp
    /// closest to the value date, the earlier of two equally close (a value dated in the first
    /// half of a month takes the previous month's rate); a date before or after the table
    /// takes its first or last rate. Values go to US dollars, and from dollars to euros or a
    /// country's own currency. The rate's stamp is reported.
    CountryDevelopmentFinance,
    /// The IMF's annual average rates per US dollar of the value date's year, through the
    /// dollar: how annual statistics such as IATI-Stats convert. IATI-Stats turns a missing
    /// rate into 0; this library reports the value as not converted instead.
    AnnualAverage,
    /// The library's own default: the user's rate table under the date policy given, taken for
    /// the value date (else the transaction date or the start of a budget's period), with no
    /// fallback: every gap is an error.
    Strict(DatePolicy),
}

impl Default for Convention {
    fn default() -> Convention {
        Convention::Strict(DatePolicy::Exact)
    }
}

impl Convention {
    /// The conventions that need no rate table of the user's, in the order the documentation
    /// lists them.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::Convention;
    ///
    /// assert_eq!(Convention::published().len(), 3);
    /// ```
    #[must_use]
    pub fn published() -> &'static [Convention] {
        &[
            Convention::IatiCloud,
            Convention::CountryDevelopmentFinance,
            Convention::AnnualAverage,
        ]
    }

    /// The convention's name, as the command line takes it: `iati-cloud`,
    /// `country-development-finance`, `annual-average`, `strict`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::Convention;
    ///
    /// assert_eq!(Convention::CountryDevelopmentFinance.name(), "country-development-finance");
    /// ```
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Convention::IatiCloud => "iati-cloud",
            Convention::CountryDevelopmentFinance => "country-development-finance",
            Convention::AnnualAverage => "annual-average",
            Convention::Strict(_) => "strict",
        }
    }

    /// What the convention does, in a line.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::Convention;
    ///
    /// assert!(Convention::IatiCloud.summary().contains("SDR"));
    /// ```
    #[must_use]
    pub fn summary(&self) -> &'static str {
        match self {
            Convention::IatiCloud => {
                "IMF monthly averages against the SDR, in the month of the value date (IATI.cloud)"
            }
            Convention::CountryDevelopmentFinance => {
                "IMF rates per US dollar stamped at each month's end, the stamp closest to the value date (iatiflattener)"
            }
            Convention::AnnualAverage => {
                "IMF annual averages per US dollar, of the value date's year (annual statistics)"
            }
            Convention::Strict(_) => "your rate table, at the value date, no fallback",
        }
    }
}

impl fmt::Display for Convention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Convention {
    type Err = Error;

    /// A convention by its name; `strict` takes exact dates.
    fn from_str(text: &str) -> Result<Convention, Error> {
        match text {
            "iati-cloud" => Ok(Convention::IatiCloud),
            "country-development-finance" => Ok(Convention::CountryDevelopmentFinance),
            "annual-average" => Ok(Convention::AnnualAverage),
            "strict" => Ok(Convention::Strict(DatePolicy::Exact)),
            _ => Err(Error::parse(
                "convention",
                text,
                "expected iati-cloud, country-development-finance, annual-average or strict",
            )),
        }
    }
}

/// The rates the conventions read: the IMF's monthly SDR table, the IMF's rates per US dollar
/// (monthly for [`Convention::CountryDevelopmentFinance`], annual for
/// [`Convention::AnnualAverage`]) and a user's rate table for [`Convention::Strict`]. The
/// shipped tables need no parsing: [`Rates::shipped`] borrows them.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "imf-rates")] {
/// use partnerships::analysis::convention::Rates;
///
/// let rates = Rates::shipped();
/// assert_eq!(rates.sdr_monthly().len(), 17_519);
/// assert!(rates.usd_monthly().is_none()); // derived from the SDR table when asked
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct Rates<'a> {
    sdr_monthly: Cow<'a, RateSeries>,
    usd_monthly: Option<Cow<'a, RateSeries>>,
    usd_annual: Cow<'a, RateSeries>,
    table: Cow<'a, RateTable>,
}

impl Default for Rates<'static> {
    /// Empty series and an empty table: every conversion but the trivial one is missing.
    fn default() -> Rates<'static> {
        Rates {
            sdr_monthly: Cow::Owned(RateSeries::new(
                "no SDR rates",
                Currency::XDR,
                Quotation::ReferencePerUnit,
                Frequency::Monthly,
                RateKind::MonthlyAverage,
            )),
            usd_monthly: None,
            usd_annual: Cow::Owned(RateSeries::new(
                "no annual rates",
                Currency::USD,
                Quotation::UnitsPerReference,
                Frequency::Annual,
                RateKind::AnnualAverage,
            )),
            table: Cow::Owned(RateTable::with_pivot(Currency::USD)),
        }
    }
}

impl Rates<'static> {
    /// The IMF tables shipped with the crate (feature `imf-rates`), borrowed, and an empty
    /// table for [`Convention::Strict`].
    ///
    /// # Example
    ///
    /// See [`Rates`].
    #[cfg(feature = "imf-rates")]
    #[must_use]
    pub fn shipped() -> Rates<'static> {
        Rates {
            sdr_monthly: Cow::Borrowed(&crate::data::IMF_SDR_MONTHLY),
            usd_monthly: None,
            usd_annual: Cow::Borrowed(&crate::data::IMF_USD_ANNUAL),
            ..Rates::default()
        }
    }
}

impl<'a> Rates<'a> {
    /// Adds a series: an SDR monthly series extends (and where both have a value replaces) the
    /// monthly SDR table, a monthly series per US dollar becomes
    /// [`Convention::CountryDevelopmentFinance`]'s own table, an annual one per US dollar extends
    /// the annual table.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidRate`] for a series of another kind.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use partnerships::analysis::convention::Rates;
    /// use partnerships::money::{Frequency, Quotation, RateKind, RatePeriod, RateSeries};
    /// use partnerships::Currency;
    /// use rust_decimal::Decimal;
    ///
    /// let mut newer = RateSeries::new("newer", Currency::XDR, Quotation::ReferencePerUnit, Frequency::Monthly, RateKind::MonthlyAverage);
    /// let may = RatePeriod::containing(Frequency::Monthly, NaiveDate::from_ymd_opt(2025, 5, 1).unwrap());
    /// newer.insert(Currency::USD, may, Decimal::new(74, 2))?;
    /// let rates = Rates::default().with_series(newer)?;
    /// assert_eq!(rates.sdr_monthly().len(), 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn with_series(mut self, series: RateSeries) -> Result<Rates<'a>, Error> {
        match (series.reference(), series.frequency()) {
            (Currency::XDR, Frequency::Monthly)
                if series.quotation() == Quotation::ReferencePerUnit =>
            {
                self.sdr_monthly.to_mut().extend(&series)?;
            }
            (Currency::USD, Frequency::Monthly)
                if series.quotation() == Quotation::UnitsPerReference =>
            {
                match &mut self.usd_monthly {
                    Some(held) => held.to_mut().extend(&series)?,
                    None => self.usd_monthly = Some(Cow::Owned(series)),
                }
            }
            (Currency::USD, Frequency::Annual)
                if series.quotation() == Quotation::UnitsPerReference =>
            {
                self.usd_annual.to_mut().extend(&series)?;
            }
            (reference, frequency) => {
                return Err(Error::new(crate::error::Inner::InvalidRate {
                    pair: format!("{reference} {frequency}"),
                    reason: format!(
                        "{} is neither monthly against the SDR nor monthly or annual per US dollar",
                        series.name()
                    ),
                }))
            }
        }
        Ok(self)
    }

    /// Sets the rate table [`Convention::Strict`] reads.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::Rates;
    /// use partnerships::money::RateTable;
    ///
    /// let rates = Rates::default().with_table(RateTable::new());
    /// assert!(rates.table().is_empty());
    /// ```
    #[must_use]
    pub fn with_table(mut self, table: RateTable) -> Rates<'a> {
        self.table = Cow::Owned(table);
        self
    }

    /// The IMF's monthly rates against the SDR.
    ///
    /// # Example
    ///
    /// See [`Rates`].
    #[must_use]
    pub fn sdr_monthly(&self) -> &RateSeries {
        &self.sdr_monthly
    }

    /// A loaded monthly series per US dollar, if one was given.
    ///
    /// # Example
    ///
    /// See [`Rates`].
    #[must_use]
    pub fn usd_monthly(&self) -> Option<&RateSeries> {
        self.usd_monthly.as_deref()
    }

    /// The IMF's annual rates per US dollar.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")]
    /// assert!(partnerships::analysis::convention::Rates::shipped().usd_annual().len() > 9_000);
    /// ```
    #[must_use]
    pub fn usd_annual(&self) -> &RateSeries {
        &self.usd_annual
    }

    /// The user's rate table.
    ///
    /// # Example
    ///
    /// See [`with_table`](Self::with_table).
    #[must_use]
    pub fn table(&self) -> &RateTable {
        &self.table
    }
}

/// Why a value could not be converted.
///
/// # Example
///
/// ```
/// use partnerships::analysis::convention::Reason;
///
/// assert_eq!(Reason::NoValueDate.to_string(), "no-value-date");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Reason {
    /// The value has no value date (or, for [`Convention::Strict`], no date at all).
    NoValueDate,
    /// The rates have no rate for its currency, or the target's, at its date.
    NoRate,
    /// Its currency is not one this library knows, or it has none (no `@currency` and no
    /// default currency).
    UnknownCurrency,
    /// The conversion does not fit a decimal.
    Overflow,
}

impl Reason {
    /// The reason's kebab-case name, as JSON outputs write it.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(partnerships::analysis::convention::Reason::NoRate.name(), "no-rate");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Reason::NoValueDate => "no-value-date",
            Reason::NoRate => "no-rate",
            Reason::UnknownCurrency => "unknown-currency",
            Reason::Overflow => "overflow",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A value that could not be converted, with why.
///
/// # Example
///
/// ```
/// use partnerships::analysis::convention::{Convention, Rates, Reason, Valuer};
/// use partnerships::Currency;
///
/// let rates = Rates::default();
/// let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::USD)?;
/// let refused = valuer.value("EUR 5.00".parse()?, None, None).unwrap_err();
/// assert_eq!(refused.reason(), Reason::NoValueDate);
/// assert_eq!(refused.to_string(), "EUR 5.00: no value date to take a rate on (iati-cloud)");
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unconvertible {
    /// The value.
    pub original: Money,
    /// Why it was not converted.
    pub reason: Reason,
    /// What was missing, in words.
    pub detail: String,
}

impl Unconvertible {
    /// Why the value was not converted.
    ///
    /// # Example
    ///
    /// See [`Unconvertible`].
    #[must_use]
    pub fn reason(&self) -> Reason {
        self.reason
    }
}

impl fmt::Display for Unconvertible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.original, self.detail)
    }
}

/// A fallback a convention used: what it did when the rate of the value's own period was not
/// the one it took.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::analysis::convention::Fallback;
///
/// let after = Fallback::AfterSeries { last: NaiveDate::from_ymd_opt(2025, 4, 30).unwrap() };
/// assert_eq!(after.to_string(), "after the rates' last stamp (2025-04-30): its rate taken");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fallback {
    /// The date is before the series' first stamp, whose rate was taken.
    BeforeSeries {
        /// The first stamp.
        first: NaiveDate,
    },
    /// The date is after the series' last stamp, whose rate was taken.
    AfterSeries {
        /// The last stamp.
        last: NaiveDate,
    },
}

impl fmt::Display for Fallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fallback::BeforeSeries { first } => {
                write!(f, "before the rates' first stamp ({first}): its rate taken")
            }
            Fallback::AfterSeries { last } => {
                write!(f, "after the rates' last stamp ({last}): its rate taken")
            }
        }
    }
}

/// A value converted, with its working: the value, the result, the convention, the date the
/// rate was taken for, the rate with every published rate it came from (each with its date,
/// series and direction), and the fallback that fired, if one did.
///
/// The result is the exact product of the value and the rate, rounded once, half-even to the
/// target's minor units.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "imf-rates")] {
/// use chrono::NaiveDate;
/// use partnerships::analysis::convention::{Convention, Rates, Valuer};
/// use partnerships::Currency;
///
/// // IATI.cloud's documented example: activity NL-KVK-32092131-2060, EUR 32,720.00 of May 2020.
/// let rates = Rates::shipped();
/// let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::USD)?;
/// let day = NaiveDate::from_ymd_opt(2020, 5, 13);
/// let valued = valuer.value("EUR 32720.00".parse()?, day, None).expect("a rate");
/// assert_eq!(valued.conversion.converted.to_string(), "USD 35676.43");
/// let route = valued.conversion.rate.as_ref().expect("a rate").route();
/// assert_eq!((route[0].base, route[0].quote), (Currency::EUR, Currency::XDR));
/// assert_eq!(route[1].inverted, true); // XDR→USD, the inverse of the published USD→XDR
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valued {
    /// The value, the rate (none when it was already in the target currency) and the result.
    pub conversion: Conversion,
    /// The convention.
    pub convention: Convention,
    /// The date the rate was taken for.
    pub date: Option<NaiveDate>,
    /// The stamp of the rate, where the convention reports one: the last day of the month whose
    /// rate [`Convention::CountryDevelopmentFinance`] took for the value's currency (for a value
    /// in US dollars, for the target currency).
    pub stamp: Option<NaiveDate>,
    /// The fallback that fired, if one did.
    pub fallback: Option<Fallback>,
}

/// The rate a convention takes for one currency and date, kept so that each is computed once.
type Taken = Result<(ExchangeRate, Option<NaiveDate>, Option<Fallback>), (Reason, String)>;

/// A rate taken, borrowed: the rate, its stamp, the fallback that fired.
pub(crate) type TakenRate<'a> = (&'a ExchangeRate, Option<NaiveDate>, Option<Fallback>);

/// A currency and the day, month or year that decides its rate under a convention.
type RateKey = (Currency, i32);

/// What a value is refused for when it has no date to take a rate on.
const NO_VALUE_DATE: &str = "no value date to take a rate on";

/// The rate of `series` from `currency` to `target` for the period (month or year) containing
/// `day`.
fn period_rate(series: &RateSeries, currency: Currency, target: Currency, day: NaiveDate) -> Taken {
    let period = RatePeriod::containing(series.frequency(), day);
    let rate = series.rate(currency, target, period).ok_or_else(|| {
        (
            Reason::NoRate,
            format!(
                "no {currency}/{target} rate for {period} in {}",
                series.name()
            ),
        )
    })?;
    series
        .exchange_rate(&rate)
        .map(|rate| (rate, None, None))
        .map_err(|e| (Reason::NoRate, e.to_string()))
}

/// Why a conversion with a rate failed.
fn reason_of(error: &Error) -> Reason {
    if error.kind() == ErrorKind::Overflow {
        Reason::Overflow
    } else {
        Reason::NoRate
    }
}

/// Converts values into one currency under one convention, keeping each rate it takes, so that
/// a total over many values computes each rate once.
///
/// # Example
///
/// See [`Valued`] and [`Unconvertible`].
#[derive(Debug)]
pub struct Valuer<'r> {
    rates: &'r Rates<'r>,
    convention: Convention,
    target: Currency,
    rounding: Rounding,
    /// By currency and the day, month or year the convention takes a rate for.
    taken: HashMap<RateKey, Taken, RandomState>,
    /// How many values each rate taken has been asked for.
    uses: HashMap<RateKey, u64, RandomState>,
}

impl<'r> Valuer<'r> {
    /// A valuer into `target` under `convention`, rounding half-even to the target's minor
    /// units.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`] for a target without minor units (gold, the SDR): give
    /// it a rounding of its own with [`with_rounding`](Self::with_rounding).
    ///
    /// # Example
    ///
    /// See [`Valued`].
    pub fn new(
        rates: &'r Rates<'r>,
        convention: Convention,
        target: Currency,
    ) -> Result<Valuer<'r>, Error> {
        Valuer::with_rounding(
            rates,
            convention,
            target,
            Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits),
        )
    }

    /// A valuer into `target` under `convention`, rounding each result as `rounding` says.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`] for a rounding the target does not allow (minor units of a
    /// currency without them, more places than a decimal holds).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::{Convention, Rates, Valuer};
    /// use partnerships::money::{RoundTo, Rounding, RoundingMode};
    /// use partnerships::Currency;
    ///
    /// let rates = Rates::default();
    /// assert!(Valuer::new(&rates, Convention::IatiCloud, Currency::XDR).is_err());
    /// let four = Rounding::new(RoundingMode::HalfEven, RoundTo::Scale(4));
    /// assert!(Valuer::with_rounding(&rates, Convention::IatiCloud, Currency::XDR, four).is_ok());
    /// ```
    pub fn with_rounding(
        rates: &'r Rates<'r>,
        convention: Convention,
        target: Currency,
        rounding: Rounding,
    ) -> Result<Valuer<'r>, Error> {
        // A rounding that works on zero works on every amount of the currency.
        Money::zero(target).round(rounding.mode, rounding.to)?;
        Ok(Valuer {
            rates,
            convention,
            target,
            rounding,
            taken: HashMap::default(),
            uses: HashMap::default(),
        })
    }

    /// How results are rounded.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::{Convention, Rates, Valuer};
    /// use partnerships::money::{RoundTo, RoundingMode};
    /// use partnerships::Currency;
    ///
    /// let rates = Rates::default();
    /// let rounding = Valuer::new(&rates, Convention::IatiCloud, Currency::USD)?.rounding();
    /// assert_eq!((rounding.mode, rounding.to), (RoundingMode::HalfEven, RoundTo::MinorUnits));
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }

    /// Every rate the valuer has converted with, with its stamp (where the convention reports
    /// one) and how many values it converted, most used first.
    ///
    /// # Example
    ///
    /// ```
    /// # #[cfg(feature = "imf-rates")] {
    /// use chrono::NaiveDate;
    /// use partnerships::analysis::convention::{Convention, Rates, Valuer};
    /// use partnerships::Currency;
    ///
    /// let rates = Rates::shipped();
    /// let mut valuer = Valuer::new(&rates, Convention::AnnualAverage, Currency::USD)?;
    /// let day = NaiveDate::from_ymd_opt(2020, 5, 13);
    /// valuer.value("EUR 1.00".parse()?, day, None).expect("a rate");
    /// valuer.value("EUR 2.00".parse()?, day, None).expect("a rate");
    /// let used = valuer.rates_used();
    /// assert_eq!((used.len(), used[0].2), (1, 2));
    /// # }
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn rates_used(&self) -> Vec<(&ExchangeRate, Option<NaiveDate>, u64)> {
        // Days that take the same rate (a convention by the closest stamp) count as one.
        let mut by_rate: HashMap<(&ExchangeRate, Option<NaiveDate>), u64> = HashMap::new();
        for (key, n) in &self.uses {
            if let Some(Ok((rate, stamp, _))) = self.taken.get(key) {
                let count = by_rate.entry((rate, *stamp)).or_insert(0);
                *count = count.saturating_add(*n);
            }
        }
        let mut used: Vec<_> = by_rate
            .into_iter()
            .map(|((rate, stamp), n)| (rate, stamp, n))
            .collect();
        used.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then_with(|| a.0.base().cmp(&b.0.base()))
                .then_with(|| a.0.date().cmp(&b.0.date()))
                .then_with(|| a.1.cmp(&b.1))
        });
        used
    }

    /// The currency values are converted into.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::{Convention, Rates, Valuer};
    /// use partnerships::Currency;
    ///
    /// let rates = Rates::default();
    /// assert_eq!(Valuer::new(&rates, Convention::IatiCloud, Currency::EUR)?.target(), Currency::EUR);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn target(&self) -> Currency {
        self.target
    }

    /// The convention.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::{Convention, Rates, Valuer};
    /// use partnerships::Currency;
    ///
    /// let rates = Rates::default();
    /// assert_eq!(Valuer::new(&rates, Convention::AnnualAverage, Currency::EUR)?.convention(), Convention::AnnualAverage);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn convention(&self) -> Convention {
        self.convention
    }

    /// `original` in the target currency, with its working. `value_date` is the value's own
    /// `@value-date`; `own_date` the date of what it belongs to (a transaction's date, the start
    /// of a budget's period), which only [`Convention::Strict`] falls back on. A value already in
    /// the target currency is taken as it is, with no rate; the tools' conventions still need
    /// its value date, as the tools do (IATI.cloud converts nothing without one).
    ///
    /// # Errors
    ///
    /// An [`Unconvertible`] saying why: no value date, no rate for the currency or the target
    /// at that date, or a result that does not fit a decimal.
    ///
    /// # Example
    ///
    /// See [`Valued`].
    pub fn value(
        &mut self,
        original: Money,
        value_date: Option<NaiveDate>,
        own_date: Option<NaiveDate>,
    ) -> Result<Valued, Unconvertible> {
        let (convention, rounding) = (self.convention, self.rounding);
        let refuse = |reason: Reason, detail: &str| Unconvertible {
            original,
            reason,
            detail: format!("{detail} ({convention})"),
        };
        let (date, taken) = match self.step(original, value_date, own_date) {
            Ok(step) => step,
            Err(reason) => return Err(refuse(reason, NO_VALUE_DATE)),
        };
        let Some(taken) = taken else {
            return Ok(Valued {
                conversion: Conversion::unchanged(original),
                convention,
                date,
                stamp: None,
                fallback: None,
            });
        };
        let (rate, stamp, fallback) = match taken {
            Ok(taken) => taken.clone(),
            Err((reason, detail)) => return Err(refuse(*reason, detail)),
        };
        let conversion = Conversion::at_rate(original, rate, rounding)
            .map_err(|e| refuse(reason_of(&e), &e.to_string()))?;
        Ok(Valued {
            conversion,
            convention,
            date,
            stamp,
            fallback,
        })
    }

    /// `original` in the target currency and the fallback that fired, without the working:
    /// what a total needs, with no rate copied.
    pub(crate) fn converted(
        &mut self,
        original: Money,
        value_date: Option<NaiveDate>,
        own_date: Option<NaiveDate>,
    ) -> Result<(Money, Option<Fallback>), Reason> {
        self.converted_at(original, value_date, own_date)
            .map(|(money, taken, _)| (money, taken.and_then(|t| t.2)))
    }

    /// `original` in the target currency, with the rate it took (borrowed, not copied), its
    /// stamp and fallback, and the date it was taken for.
    pub(crate) fn converted_at(
        &mut self,
        original: Money,
        value_date: Option<NaiveDate>,
        own_date: Option<NaiveDate>,
    ) -> Result<(Money, Option<TakenRate<'_>>, Option<NaiveDate>), Reason> {
        let rounding = self.rounding;
        match self.step(original, value_date, own_date)? {
            (date, None) => Ok((original, None, date)),
            (date, Some(Ok((rate, stamp, fallback)))) => rate
                .convert_rounded(&original, rounding)
                .map(|converted| (converted, Some((rate, *stamp, *fallback)), date))
                .map_err(|e| reason_of(&e)),
            (_, Some(Err((reason, _)))) => Err(*reason),
        }
    }

    /// The date a value is converted at, and the rate it takes (`None` for a value already in
    /// the target currency), taken once per key and counted as used.
    fn step(
        &mut self,
        original: Money,
        value_date: Option<NaiveDate>,
        own_date: Option<NaiveDate>,
    ) -> Result<(Option<NaiveDate>, Option<&Taken>), Reason> {
        let strict = matches!(self.convention, Convention::Strict(_));
        let date = if strict {
            value_date.or(own_date)
        } else {
            value_date
        };
        let same = original.currency() == self.target;
        // The tools convert nothing without a value date, not even a value already in the
        // target currency; the strict convention needs a date only to take a rate.
        match date {
            None if same && strict => Ok((None, None)),
            None => Err(Reason::NoValueDate),
            Some(day) if same => Ok((Some(day), None)),
            Some(day) => {
                let currency = original.currency();
                let key = (currency, self.key_of(day));
                let uses = self.uses.entry(key).or_insert(0);
                *uses = uses.saturating_add(1);
                let (rates, convention, target) = (self.rates, self.convention, self.target);
                let taken = self
                    .taken
                    .entry(key)
                    .or_insert_with(|| take(rates, convention, target, currency, day));
                Ok((Some(day), Some(&*taken)))
            }
        }
    }

    /// The part of a date that decides the rate: the day, the month or the year.
    fn key_of(&self, day: NaiveDate) -> i32 {
        match self.convention {
            Convention::IatiCloud => day
                .year()
                .saturating_mul(12)
                .saturating_add(i32::try_from(day.month0()).unwrap_or(0)),
            Convention::AnnualAverage => day.year(),
            Convention::CountryDevelopmentFinance | Convention::Strict(_) => day.num_days_from_ce(),
        }
    }
}

/// The rate from `currency` to `target` for `day` under `convention`.
fn take(
    rates: &Rates<'_>,
    convention: Convention,
    target: Currency,
    currency: Currency,
    day: NaiveDate,
) -> Taken {
    let missing = |what: String| (Reason::NoRate, what);
    match convention {
        Convention::Strict(policy) => rates
            .table
            .rate(currency, target, day, policy)
            .map(|rate| (rate, None, None))
            .map_err(|e| missing(e.to_string())),
        Convention::IatiCloud => period_rate(&rates.sdr_monthly, currency, target, day),
        Convention::AnnualAverage => period_rate(&rates.usd_annual, currency, target, day),
        Convention::CountryDevelopmentFinance => take_nearest(rates, target, currency, day),
    }
}

/// [`Convention::CountryDevelopmentFinance`]'s rate: each side at its own stamp closest to
/// `day`, through the US dollar.
fn take_nearest(rates: &Rates<'_>, target: Currency, currency: Currency, day: NaiveDate) -> Taken {
    let series: &RateSeries = match &rates.usd_monthly {
        Some(loaded) => loaded,
        None => &rates.sdr_monthly,
    };
    // Each leg: the currency to the dollar at its closest stamp (the reference between).
    let leg = |c: Currency,
               towards_dollar: bool|
     -> Result<Option<(ExchangeRate, RatePeriod)>, (Reason, String)> {
        if c == Currency::USD {
            return Ok(None);
        }
        let (period, _) = series
            .nearest(c, day)
            .ok_or_else(|| (Reason::NoRate, format!("no {c} rate in {}", series.name())))?;
        let (from, to) = if towards_dollar {
            (c, Currency::USD)
        } else {
            (Currency::USD, c)
        };
        let rate = series.rate(from, to, period).ok_or_else(|| {
            (
                Reason::NoRate,
                format!("no {from}/{to} rate for {period} in {}", series.name()),
            )
        })?;
        let exchange = series
            .exchange_rate(&rate)
            .map_err(|e| (Reason::NoRate, e.to_string()))?;
        Ok(Some((exchange, period)))
    };
    let first = leg(currency, true)?;
    let second = leg(target, false)?;
    // The stamp of the value's currency's rate; for a value in dollars, of the target's.
    let stamp = first
        .as_ref()
        .or(second.as_ref())
        .and_then(|(_, period)| period.last_day());
    // A leg whose currency's values all lie on one side of the day took the nearest end.
    let beyond = |c: Currency, period: RatePeriod| {
        let (start, end) = series.coverage(c)?;
        let (first_stamp, last_stamp) = (start.last_day()?, end.last_day()?);
        if day < first_stamp && period == start {
            Some(Fallback::BeforeSeries { first: first_stamp })
        } else if day > last_stamp && period == end {
            Some(Fallback::AfterSeries { last: last_stamp })
        } else {
            None
        }
    };
    let fallback = first
        .as_ref()
        .and_then(|(_, period)| beyond(currency, *period))
        .or_else(|| {
            second
                .as_ref()
                .and_then(|(_, period)| beyond(target, *period))
        });
    let rate = match (first, second) {
        (Some((a, _)), Some((b, _))) => {
            a.compose(&b).map_err(|e| (Reason::NoRate, e.to_string()))?
        }
        (Some((only, _)), None) | (None, Some((only, _))) => only,
        (None, None) => {
            return Err((
                Reason::NoRate,
                format!("{currency} and {target} are both the dollar"),
            ))
        }
    };
    Ok((rate, stamp, fallback))
}
