//! Transaction and budget totals of IATI activities by type, year and currency, valued in one
//! currency at each amount's own date.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::convention::{Convention, Reason, Valuer};
use crate::error::Error;
use crate::formats::iati::code::{BudgetType, TransactionType};
use crate::formats::iati::records::{Activity, Value};
use crate::money::{Currency, Money, MoneyBag};

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
/// A transaction belongs to the year of its transaction date (else of its value date); a budget
/// belongs to the year its period starts; a budget without a type counts as an original one. An
/// amount with no date is summed under no year. Totals in one currency are [`ValuedTotals`]:
/// each value is converted on its own, at its own date.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::analysis::totals::{Flow, Totals};
/// use partnerships::formats::iati::code::TransactionType;
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::Currency;
///
/// let xml = r#"<iati-activity default-currency="USD"><iati-identifier>XM-DAC-47066-1</iati-identifier>
///   <transaction><transaction-type code="11"/><value value-date="2020-10-13">1000000.00</value></transaction>
/// </iati-activity>"#;
/// let mut totals = Totals::default();
/// totals.add(&IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity"))?;
/// let committed = Flow::Transaction(TransactionType::INCOMING_COMMITMENT);
/// assert_eq!(totals.by_year()?[&(committed, Some(2020))].get(Currency::USD)
///     .map(|m| m.to_string()), Some("USD 1000000.00".to_owned()));
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
}

/// One flow's values converted into one currency: their total, how many were converted, and how
/// many could not be, by reason.
///
/// The total is the sum of the converted values as they are published, each rounded once (to
/// the target's minor units, unless the valuer says otherwise): a listing of the values adds up
/// to it. (IATI.cloud keeps each converted value as an unrounded binary float and sums those;
/// its totals can differ from these by at most half a cent per value.)
///
/// # Example
///
/// ```
/// let flow = partnerships::analysis::totals::FlowValue::new(partnerships::Currency::USD);
/// assert_eq!((flow.total.to_string(), flow.converted), ("USD 0.00".to_owned(), 0));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FlowValue {
    /// The sum of the converted values.
    pub total: Money,
    /// How many values were converted (values already in the currency included).
    pub converted: u64,
    /// How many could not be, by reason.
    pub unconvertible: BTreeMap<Reason, u64>,
}

impl FlowValue {
    /// Nothing yet, in `currency`.
    ///
    /// # Example
    ///
    /// See [`FlowValue`].
    #[must_use]
    pub fn new(currency: Currency) -> FlowValue {
        FlowValue {
            total: Money::zero(currency),
            converted: 0,
            unconvertible: BTreeMap::new(),
        }
    }

    /// How many values could not be converted, for every reason.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::totals::FlowValue;
    /// use partnerships::analysis::convention::Reason;
    /// use partnerships::Currency;
    ///
    /// let mut flow = FlowValue::new(Currency::USD);
    /// flow.unconvertible.insert(Reason::NoRate, 2);
    /// flow.unconvertible.insert(Reason::NoValueDate, 1);
    /// assert_eq!(flow.unconvertible_count(), 3);
    /// ```
    #[must_use]
    pub fn unconvertible_count(&self) -> u64 {
        self.unconvertible
            .values()
            .fold(0, |sum, n| sum.saturating_add(*n))
    }

    /// Counts a value that could not be converted.
    fn refuse(&mut self, reason: Reason) {
        let n = self.unconvertible.entry(reason).or_insert(0);
        *n = n.saturating_add(1);
    }
}

/// Transaction and budget values converted into one currency under one [`Convention`], each on
/// its own at its own date and rounded once, with every value that could not be converted
/// counted by reason: a total is the sum of its converted parts, and says how much it leaves
/// out.
///
/// A value whose amount is a number but whose currency is unknown (or missing: no `@currency`
/// and no default currency) counts as `unknown-currency`; one whose amount is not a number is
/// no amount at all and is not counted (the import report lists it).
///
/// # Example
///
/// ```
/// # #[cfg(all(feature = "iati", feature = "imf-rates"))] {
/// use partnerships::analysis::convention::{Convention, Rates, Reason, Valuer};
/// use partnerships::analysis::totals::{Flow, ValuedTotals};
/// use partnerships::formats::iati::code::TransactionType;
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::Currency;
///
/// let xml = r#"<iati-activity default-currency="EUR"><iati-identifier>NL-KVK-32092131-2060</iati-identifier>
///   <transaction><transaction-type code="3"/><value value-date="2020-05-13">32720.00</value></transaction>
///   <transaction><transaction-type code="3"/><value>100.00</value></transaction>
/// </iati-activity>"#;
/// let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.expect("an activity");
/// let rates = Rates::shipped();
/// let mut valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::USD)?;
/// let mut valued = ValuedTotals::new(&valuer);
/// valued.add(&activity, &mut valuer)?;
/// let disbursed = &valued.by_type[&Flow::Transaction(TransactionType::DISBURSEMENT)];
/// assert_eq!(disbursed.total.to_string(), "USD 35676.43");
/// assert_eq!((disbursed.converted, disbursed.unconvertible[&Reason::NoValueDate]), (1, 1));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ValuedTotals {
    /// The currency of the totals.
    pub currency: Currency,
    /// How the values were converted.
    pub convention: Convention,
    /// By flow, the total, the values converted and those that could not be.
    pub by_type: BTreeMap<Flow, FlowValue>,
    /// How often each fallback of the convention fired, by its description.
    pub fallbacks: BTreeMap<String, u64>,
}

impl ValuedTotals {
    /// Empty totals in the currency and convention of `valuer`.
    ///
    /// # Example
    ///
    /// See [`ValuedTotals`].
    #[must_use]
    pub fn new(valuer: &Valuer<'_>) -> ValuedTotals {
        ValuedTotals {
            currency: valuer.target(),
            convention: valuer.convention(),
            by_type: BTreeMap::new(),
            fallbacks: BTreeMap::new(),
        }
    }

    /// Converts and adds the activity's transactions (those with a type) and budgets.
    ///
    /// # Errors
    ///
    /// An error of kind [`Overflow`](crate::ErrorKind::Overflow) when a total does not fit in a
    /// decimal; the values before it stay added.
    ///
    /// # Example
    ///
    /// See [`ValuedTotals`].
    pub fn add(&mut self, activity: &Activity, valuer: &mut Valuer<'_>) -> Result<(), Error> {
        for t in &activity.transactions {
            if let (Some(kind), Some(value)) = (&t.kind, &t.value) {
                self.add_value(Flow::Transaction(kind.clone()), value, t.date, valuer)?;
            }
        }
        for b in &activity.budgets {
            if let Some(value) = &b.value {
                let kind = b.kind.clone().unwrap_or(BudgetType::ORIGINAL);
                self.add_value(Flow::Budget(kind), value, b.period_start, valuer)?;
            }
        }
        Ok(())
    }

    /// The flow's entry, made empty when it has none yet.
    fn flow(&mut self, flow: Flow) -> &mut FlowValue {
        let currency = self.currency;
        self.by_type
            .entry(flow)
            .or_insert_with(|| FlowValue::new(currency))
    }

    fn add_value(
        &mut self,
        flow: Flow,
        value: &Value,
        own_date: Option<NaiveDate>,
        valuer: &mut Valuer<'_>,
    ) -> Result<(), Error> {
        let Some(money) = value.money else {
            // A number without a currency this library knows.
            if value.amount().is_some() {
                self.flow(flow).refuse(Reason::UnknownCurrency);
            }
            return Ok(());
        };
        match valuer.converted(money, value.value_date, own_date) {
            Ok((converted, fallback)) => {
                let entry = self.flow(flow);
                entry.total = entry.total.checked_add(converted)?;
                entry.converted = entry.converted.saturating_add(1);
                if let Some(fallback) = fallback {
                    let n = self.fallbacks.entry(fallback.to_string()).or_insert(0);
                    *n = n.saturating_add(1);
                }
            }
            Err(reason) => self.flow(flow).refuse(reason),
        }
        Ok(())
    }

    /// Adds another set of totals of the same currency and convention.
    ///
    /// # Errors
    ///
    /// [`CurrencyMismatch`](crate::ErrorKind::CurrencyMismatch) for totals in another currency,
    /// [`Overflow`](crate::ErrorKind::Overflow) when a total does not fit in a decimal.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::{Convention, Rates, Valuer};
    /// use partnerships::analysis::totals::ValuedTotals;
    /// use partnerships::Currency;
    ///
    /// let rates = Rates::default();
    /// let valuer = Valuer::new(&rates, Convention::IatiCloud, Currency::USD)?;
    /// let mut all = ValuedTotals::new(&valuer);
    /// all.merge(&ValuedTotals::new(&valuer))?;
    /// assert!(all.by_type.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn merge(&mut self, other: &ValuedTotals) -> Result<(), Error> {
        for (flow, theirs) in &other.by_type {
            let mine = self.flow(flow.clone());
            mine.total = mine.total.checked_add(theirs.total)?;
            mine.converted = mine.converted.saturating_add(theirs.converted);
            for (reason, n) in &theirs.unconvertible {
                let count = mine.unconvertible.entry(*reason).or_insert(0);
                *count = count.saturating_add(*n);
            }
        }
        for (fallback, n) in &other.fallbacks {
            let count = self.fallbacks.entry(fallback.clone()).or_insert(0);
            *count = count.saturating_add(*n);
        }
        Ok(())
    }
}
