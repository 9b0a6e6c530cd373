//! Transaction and budget totals of IATI activities by type, year and currency, valued in one
//! currency at each amount's own date.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::activity::{Activity, Value};
use crate::error::Error;
use crate::money::{Conversion, Currency, DatePolicy, Money, MoneyBag, RateTable, Rounding};

/// Whether an amount is a transaction or a budget.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::Flow;
///
/// assert!(Flow::Transaction < Flow::Budget);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flow {
    /// A transaction, by its `TransactionType` code.
    Transaction,
    /// A budget, by its `BudgetType` code (1 original, 2 revised).
    Budget,
}

/// The amounts of activities added so far, kept by kind, type code, year and value date: memory
/// grows with the number of distinct days, not of activities.
///
/// A transaction belongs to the year of its transaction date (else of its value date) and is
/// valued at its value date (else its transaction date); a budget belongs to the year its period
/// starts and is valued at its value date (else that start). An amount with no date is summed
/// under no year and cannot be valued in another currency.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::formats::iati::{Flow, IatiReader, Totals};
/// use partnerships::{Currency, DatePolicy, ExchangeRate, RateKind, RateTable, RoundTo, Rounding, RoundingMode};
/// use rust_decimal::Decimal;
///
/// let xml = r#"<iati-activity default-currency="USD"><iati-identifier>XM-DAC-47066-1</iati-identifier>
///   <transaction><transaction-type code="11"/><value value-date="2020-10-13">1000000.00</value></transaction>
/// </iati-activity>"#;
/// let mut totals = Totals::default();
/// totals.add(&IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity"))?;
/// assert_eq!(totals.by_year()?[&(Flow::Transaction, "11".to_owned(), Some(2020))].get(Currency::USD)
///     .map(|m| m.to_string()), Some("USD 1000000.00".to_owned()));
///
/// let october = NaiveDate::from_ymd_opt(2020, 10, 1).expect("a date");
/// let mut rates = RateTable::new();
/// rates.insert(ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), october, RateKind::MonthlyAverage, "FRED")?)?;
/// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
/// let valued = totals.value_in(Currency::EUR, &rates, DatePolicy::LatestOnOrBefore { max_age_days: 31 }, cents);
/// assert_eq!(valued.totals[&(Flow::Transaction, "11".to_owned())].to_string(), "EUR 849800.00");
/// assert_eq!(valued.conversions.len(), 1);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// By kind, type code, the year the amount belongs to and the day it is valued at.
    amounts: BTreeMap<(Flow, String, Option<i32>, Option<NaiveDate>), MoneyBag>,
}

/// Sums by kind, type code and year, per currency.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::{ByYear, Totals};
///
/// let by_year: ByYear = Totals::default().by_year()?;
/// assert!(by_year.is_empty());
/// # Ok::<(), partnerships::Error>(())
/// ```
pub type ByYear = BTreeMap<(Flow, String, Option<i32>), MoneyBag>;

/// Totals valued in one currency: per kind and type code, every conversion used, and the
/// amounts that could not be valued with why.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::ValuedTotals;
///
/// let valued = ValuedTotals::default();
/// assert!(valued.conversions.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValuedTotals {
    /// Per kind and type code, the total in the currency asked for.
    pub totals: BTreeMap<(Flow, String), Money>,
    /// Every conversion, with the rate and its date, so that a reader can redo the sums.
    pub conversions: Vec<Conversion>,
    /// Amounts that could not be valued, with the reason.
    pub unvalued: Vec<(Money, String)>,
}

impl Totals {
    /// Adds an activity's transactions and budgets whose amounts were read as money.
    ///
    /// # Errors
    ///
    /// An error of kind [`Overflow`](crate::ErrorKind::Overflow) when a sum does not fit in a
    /// decimal.
    ///
    /// # Example
    ///
    /// ```
    /// let mut totals = partnerships::formats::iati::Totals::default();
    /// totals.add(&Default::default())?;
    /// assert!(totals.by_year()?.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn add(&mut self, activity: &Activity) -> Result<(), Error> {
        for t in &activity.transactions {
            if let Some(kind) = &t.kind {
                self.add_value(Flow::Transaction, kind, t.value.as_ref(), t.date)?;
            }
        }
        for b in &activity.budgets {
            let kind = b.kind.as_deref().unwrap_or("1");
            self.add_value(Flow::Budget, kind, b.value.as_ref(), b.period_start)?;
        }
        Ok(())
    }

    /// Adds a value that belongs to the year of `own_date` and is valued at its value date.
    fn add_value(
        &mut self,
        flow: Flow,
        kind: &str,
        value: Option<&Value>,
        own_date: Option<NaiveDate>,
    ) -> Result<(), Error> {
        let Some((money, value_date)) = value.and_then(|v| v.money.map(|m| (m, v.value_date)))
        else {
            return Ok(());
        };
        let year = own_date.or(value_date).map(|d| d.year());
        self.amounts
            .entry((flow, kind.to_owned(), year, value_date.or(own_date)))
            .or_default()
            .add(money)
    }

    /// The sums by kind, type code and year (of each amount's date), per currency.
    ///
    /// # Errors
    ///
    /// An error of kind [`Overflow`](crate::ErrorKind::Overflow) when a year's sum does not fit
    /// in a decimal.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::formats::iati::Totals::default().by_year()?.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn by_year(&self) -> Result<ByYear, Error> {
        let mut out = ByYear::new();
        for ((flow, kind, year, _), bag) in &self.amounts {
            out.entry((*flow, kind.clone(), *year))
                .or_default()
                .add_bag(bag)?;
        }
        Ok(out)
    }

    /// Every amount valued in `currency` at its own date through `table`, rounded by
    /// `rounding`; an amount already in `currency` is taken as it is.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::{Currency, DatePolicy, RateTable, RoundTo, Rounding, RoundingMode};
    ///
    /// let totals = partnerships::formats::iati::Totals::default();
    /// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
    /// let valued = totals.value_in(Currency::EUR, &RateTable::new(), DatePolicy::Exact, cents);
    /// assert!(valued.totals.is_empty() && valued.unvalued.is_empty());
    /// ```
    #[must_use]
    pub fn value_in(
        &self,
        currency: Currency,
        table: &RateTable,
        policy: DatePolicy,
        rounding: Rounding,
    ) -> ValuedTotals {
        let mut valued = ValuedTotals::default();
        for ((flow, kind, _, date), bag) in &self.amounts {
            for original in bag.iter() {
                let converted = if original.currency() == currency {
                    Ok((original, None))
                } else {
                    match date {
                        None => {
                            Err("no value date or transaction date to take a rate on".to_owned())
                        }
                        Some(date) => table
                            .rate(original.currency(), currency, *date, policy)
                            .and_then(|rate| {
                                Ok((rate.convert_rounded(&original, rounding)?, Some(rate)))
                            })
                            .map_err(|e| e.to_string()),
                    }
                };
                match converted {
                    Ok((amount, rate)) => {
                        let total = valued
                            .totals
                            .entry((*flow, kind.clone()))
                            .or_insert_with(|| Money::zero(currency));
                        match total.checked_add(amount) {
                            Ok(sum) => *total = sum,
                            Err(e) => {
                                valued.unvalued.push((original, e.to_string()));
                                continue;
                            }
                        }
                        if rate.is_some() {
                            valued.conversions.push(Conversion {
                                original,
                                rate,
                                converted: amount,
                            });
                        }
                    }
                    Err(why) => valued.unvalued.push((original, why)),
                }
            }
        }
        valued
    }
}
