//! Transaction and budget totals of IATI activities by type, year and currency, valued in one
//! currency at each amount's own date.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Inner};
use crate::formats::iati::code::{BudgetType, TransactionType};
use crate::formats::iati::records::{Activity, Value};
use crate::money::{Conversion, Currency, DatePolicy, Money, MoneyBag, RateTable, Rounding};

/// What an amount is: a transaction of a type, or a budget of a type.
///
/// Transactions come before budgets, and types in their codes' order (`2` before `11`).
///
/// # Example
///
/// ```
/// use partnerships::analysis::totals::Flow;
/// use partnerships::formats::iati::code::{BudgetType, TransactionType};
///
/// let disbursed = Flow::Transaction(TransactionType::DISBURSEMENT);
/// assert!(disbursed < Flow::Transaction(TransactionType::INCOMING_COMMITMENT));
/// assert!(disbursed < Flow::Budget(BudgetType::ORIGINAL));
/// assert_eq!(disbursed.to_string(), "transaction 3 (Disbursement)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Flow {
    /// A transaction, by its type.
    Transaction(TransactionType),
    /// A budget, by its type (original or revised).
    Budget(BudgetType),
}

impl Flow {
    /// The code of the flow's type, such as `"3"`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::totals::Flow;
    /// use partnerships::formats::iati::code::BudgetType;
    ///
    /// assert_eq!(Flow::Budget(BudgetType::REVISED).code(), "2");
    /// ```
    #[must_use]
    pub fn code(&self) -> &str {
        match self {
            Flow::Transaction(kind) => kind.as_str(),
            Flow::Budget(kind) => kind.as_str(),
        }
    }

    /// The English name the codelist gives the type, when it has the code.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::totals::Flow;
    /// use partnerships::formats::iati::code::TransactionType;
    ///
    /// assert_eq!(Flow::Transaction(TransactionType::INCOMING_COMMITMENT).name(), Some("Incoming Commitment"));
    /// ```
    #[must_use]
    pub fn name(&self) -> Option<&'static str> {
        match self {
            Flow::Transaction(kind) => kind.name(),
            Flow::Budget(kind) => kind.name(),
        }
    }

    /// Whether the flow is a transaction.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::totals::Flow;
    /// use partnerships::formats::iati::code::TransactionType;
    ///
    /// assert!(Flow::Transaction(TransactionType::EXPENDITURE).is_transaction());
    /// ```
    #[must_use]
    pub fn is_transaction(&self) -> bool {
        matches!(self, Flow::Transaction(_))
    }
}

impl std::fmt::Display for Flow {
    /// `transaction 3 (Disbursement)`, `budget 2 (Revised)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.is_transaction() {
            "transaction"
        } else {
            "budget"
        };
        write!(f, "{what} {}", self.code())?;
        if let Some(name) = self.name() {
            write!(f, " ({name})")?;
        }
        Ok(())
    }
}

/// The amounts of activities added so far, kept by flow, year and value date: memory grows with
/// the number of distinct days, not of activities.
///
/// A transaction belongs to the year of its transaction date (else of its value date) and is
/// valued at its value date (else its transaction date); a budget belongs to the year its period
/// starts and is valued at its value date (else that start); a budget without a type counts as
/// an original one. An amount with no date is summed under no year and cannot be valued in
/// another currency.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use chrono::NaiveDate;
/// use partnerships::analysis::totals::{Flow, Totals};
/// use partnerships::formats::iati::code::TransactionType;
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::money::{DatePolicy, ExchangeRate, RateKind, RateTable, RoundTo, Rounding, RoundingMode};
/// use partnerships::Currency;
/// use rust_decimal::Decimal;
///
/// let xml = r#"<iati-activity default-currency="USD"><iati-identifier>XM-DAC-47066-1</iati-identifier>
///   <transaction><transaction-type code="11"/><value value-date="2020-10-13">1000000.00</value></transaction>
/// </iati-activity>"#;
/// let mut totals = Totals::default();
/// totals.add(&IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity"))?;
/// let committed = Flow::Transaction(TransactionType::INCOMING_COMMITMENT);
/// assert_eq!(totals.by_year()?[&(committed.clone(), Some(2020))].get(Currency::USD)
///     .map(|m| m.to_string()), Some("USD 1000000.00".to_owned()));
///
/// let october = NaiveDate::from_ymd_opt(2020, 10, 1).expect("a date");
/// let mut rates = RateTable::new();
/// rates.insert(ExchangeRate::new(Currency::USD, Currency::EUR, Decimal::new(8498, 4), october, RateKind::MonthlyAverage, "FRED")?)?;
/// let cents = Rounding::new(RoundingMode::HalfEven, RoundTo::MinorUnits);
/// let valued = totals.value_in(Currency::EUR, &rates, DatePolicy::LatestOnOrBefore { max_age_days: 31 }, cents);
/// assert_eq!(valued.totals[&committed].to_string(), "EUR 849800.00");
/// assert_eq!(valued.conversions.len(), 1);
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// By flow, the year the amount belongs to and the day it is valued at.
    amounts: BTreeMap<(Flow, Option<i32>, Option<NaiveDate>), MoneyBag>,
}

/// Sums by flow and year, per currency.
///
/// # Example
///
/// ```
/// use partnerships::analysis::totals::{ByYear, Totals};
///
/// let by_year: ByYear = Totals::default().by_year()?;
/// assert!(by_year.is_empty());
/// # Ok::<(), partnerships::Error>(())
/// ```
pub type ByYear = BTreeMap<(Flow, Option<i32>), MoneyBag>;

/// Totals valued in one currency: per flow, every conversion used, and the amounts that could
/// not be valued with the error that says why.
///
/// # Example
///
/// ```
/// use partnerships::analysis::totals::ValuedTotals;
///
/// let valued = ValuedTotals::default();
/// assert!(valued.conversions.is_empty() && valued.unvalued.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValuedTotals {
    /// Per flow, the total in the currency asked for.
    pub totals: BTreeMap<Flow, Money>,
    /// Every conversion, with the rate and its date, so that a reader can redo the sums.
    pub conversions: Vec<Conversion>,
    /// Amounts that could not be valued, each with why: its kind tells the reason
    /// ([`RateNotFound`](crate::ErrorKind::RateNotFound),
    /// [`MissingDate`](crate::ErrorKind::MissingDate), ...).
    pub unvalued: Vec<(Money, Error)>,
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
    /// let mut totals = partnerships::analysis::totals::Totals::default();
    /// totals.add(&Default::default())?;
    /// assert!(totals.by_year()?.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn add(&mut self, activity: &Activity) -> Result<(), Error> {
        for t in &activity.transactions {
            if let Some(kind) = &t.kind {
                let flow = Flow::Transaction(kind.clone());
                self.add_value(flow, t.value.as_ref(), t.date)?;
            }
        }
        for b in &activity.budgets {
            let kind = b.kind.clone().unwrap_or(BudgetType::ORIGINAL);
            self.add_value(Flow::Budget(kind), b.value.as_ref(), b.period_start)?;
        }
        Ok(())
    }

    /// Adds the totals of another set of activities.
    ///
    /// # Errors
    ///
    /// An error of kind [`Overflow`](crate::ErrorKind::Overflow) when a sum does not fit in a
    /// decimal; the amounts added before it stay added.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::totals::Totals;
    ///
    /// let mut all = Totals::default();
    /// all.merge(&Totals::default())?;
    /// assert!(all.by_type()?.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Totals) -> Result<(), Error> {
        for (key, bag) in &other.amounts {
            self.amounts.entry(key.clone()).or_default().add_bag(bag)?;
        }
        Ok(())
    }

    /// Adds a value that belongs to the year of `own_date` and is valued at its value date.
    fn add_value(
        &mut self,
        flow: Flow,
        value: Option<&Value>,
        own_date: Option<NaiveDate>,
    ) -> Result<(), Error> {
        let Some((money, value_date)) = value.and_then(|v| v.money.map(|m| (m, v.value_date)))
        else {
            return Ok(());
        };
        let year = own_date.or(value_date).map(|d| d.year());
        self.amounts
            .entry((flow, year, value_date.or(own_date)))
            .or_default()
            .add(money)
    }

    /// The sums by flow and year (of each amount's date), per currency.
    ///
    /// # Errors
    ///
    /// An error of kind [`Overflow`](crate::ErrorKind::Overflow) when a year's sum does not fit
    /// in a decimal.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::analysis::totals::Totals::default().by_year()?.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn by_year(&self) -> Result<ByYear, Error> {
        let mut out = ByYear::new();
        for ((flow, year, _), bag) in &self.amounts {
            out.entry((flow.clone(), *year)).or_default().add_bag(bag)?;
        }
        Ok(out)
    }

    /// The sums by flow over all years, per currency.
    ///
    /// # Errors
    ///
    /// An error of kind [`Overflow`](crate::ErrorKind::Overflow) when a sum does not fit in a
    /// decimal.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::analysis::totals::Totals::default().by_type()?.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn by_type(&self) -> Result<BTreeMap<Flow, MoneyBag>, Error> {
        let mut out: BTreeMap<Flow, MoneyBag> = BTreeMap::new();
        for ((flow, _, _), bag) in &self.amounts {
            out.entry(flow.clone()).or_default().add_bag(bag)?;
        }
        Ok(out)
    }

    /// Every amount valued in `currency` at its own date through `table`, rounded by
    /// `rounding` (see [`RateTable::convert`]); an amount already in `currency` is taken as it
    /// is. An amount that cannot be valued is listed with its error, and its flow's total
    /// leaves it out.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::totals::Totals;
    /// use partnerships::money::{DatePolicy, RateTable, RoundTo, Rounding, RoundingMode};
    /// use partnerships::Currency;
    ///
    /// let totals = Totals::default();
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
        for ((flow, _, date), bag) in &self.amounts {
            for original in bag.iter() {
                let conversion = match date {
                    Some(date) => table.convert(original, currency, *date, policy, rounding),
                    None if original.currency() == currency => Ok(Conversion::unchanged(original)),
                    None => Err(Error::new(Inner::MissingDate {
                        what: format!("{original}"),
                    })),
                };
                let added = conversion.and_then(|c| {
                    let total = valued
                        .totals
                        .entry(flow.clone())
                        .or_insert_with(|| Money::zero(currency));
                    *total = total.checked_add(c.converted)?;
                    Ok(c)
                });
                match added {
                    Ok(c) if c.rate.is_some() => valued.conversions.push(c),
                    Ok(_) => {}
                    Err(e) => valued.unvalued.push((original, e)),
                }
            }
        }
        valued
    }
}
