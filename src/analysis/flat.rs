//! Transactions and budgets as flat rows: one row per recipient country or region and DAC
//! sector (and, for budgets, per calendar quarter and classification), with the values in US
//! dollars, euros and the recipient country's own currency, as the IATI Secretariat's Country
//! Development Finance Data publishes them, but exact.
//!
//! A [`Flattener`] turns one [`Activity`] at a time into a [`FlatActivity`]: its items
//! ([`FlatItem`], a transaction or a budget with what all its rows share) and their rows
//! ([`FlatRow`]). Nothing is held between activities but the rates taken and the
//! [`FlatReport`], so a corpus of any size streams through.
//!
//! # The rules, those of the published dataset
//!
//! - **Which transactions**: types 1 to 4 (incoming funds, outgoing commitments, disbursements,
//!   expenditure), as the dataset publishes; [`TransactionTypes::All`] takes every type.
//! - **Countries and regions**: the transaction's recipient countries and regions, else the
//!   activity's. A country or region with a percentage of zero is left out; one without a
//!   percentage counts 100. Regions (of the OECD DAC vocabulary, or with none given) count only
//!   when there are countries that do not account for the whole: their percentages do not round
//!   to 100, nor to 100 for each country. A transaction with neither gives no rows.
//! - **Sectors**: the transaction's DAC sectors (vocabulary 1 or none), else the activity's,
//!   else one row with an empty sector code.
//! - **Shares**: each list's percentages rescaled to their sum: countries of 30 and 30 take
//!   half each.
//! - **Classifications**: aid, finance and flow type are the transaction's, else the
//!   activity's defaults; humanitarian is the transaction's flag, else the activity's.
//! - **Provider and receiver**: the transaction's own provider or receiver organisation; else,
//!   by the transaction type, the reporting organisation (the provider of a commitment or
//!   disbursement, the receiver of incoming funds) or the activity's funding (role 1) or
//!   implementing (role 4) participating organisations.
//! - **Values**: the value as published; in US dollars and euros under
//!   [`Convention::CountryDevelopmentFinance`] (each currency at the monthly rate closest to the
//!   value date); in the recipient country's currency ([`data::country_currency`]) the same way.
//! - **Budgets**: original and revised budgets; an original whose period starts on the day a
//!   revised one starts is replaced by it. Each budget is converted once, at its value date, and
//!   spread over the calendar quarters of its period by days (value ÷ days of the period × days
//!   in the quarter), then split by the activity's countries and sectors, else by the shares of
//!   its commitments (outgoing, else incoming) by value; aid, finance and flow type likewise.
//!   A budget of zero gives rows of zero, as in the published dataset.
//!
//! # Exact, unlike the published dataset
//!
//! Every split is an allocation by the largest remainder ([`Money::allocate`]), level by level,
//! so the rows of a transaction add up to its value to the last place, in every column: the
//! published value (at its own scale), the US dollars and euros (each converted once, rounded
//! half-even to the cent, then split), and, for each country, its own currency. The published
//! dataset multiplies binary floats, so its rows do not always add up.
//!
//! What the published dataset's tool, `iatiflattener`, loses and this keeps:
//!
//! - a value whose currency has no rate, or with no value date: the tool drops every row of the
//!   file; here the rows are kept with the converted columns empty, counted by reason;
//! - a country whose currency has no rate: the tool writes 0 in `value_local`; here it is empty;
//! - a row whose country code is not in the IATI codelists: the tool drops the row, so its
//!   transaction no longer adds up; here it is kept and counted ([`Flag::NotInCodelist`]);
//! - a transaction with no date: the tool fails on it; here it keeps its rows with the date and
//!   fiscal columns empty;
//! - budgets of one activity with the same period: the tool keeps only the last; here each is
//!   kept;
//! - transaction types written as version-1 letters (`C` commitment, `D` disbursement, `E`
//!   expenditure ...): the tool leaves them out as types other than 1 to 4; the reader maps them
//!   to their version-2 codes, so they give rows;
//! - a file whose root element has no `version`: the tool gives no rows for it at all.
//!
//! On the 13 real files of the crate's tests, every other row agrees with the tool's: the
//! same (activity, transaction or budget period and quarter, country, sector, classification)
//! keys, and each value within one unit of the last place per level of split (the allocation)
//! plus the tool's float error.
//!
//! # Example
//!
//! ```
//! # #[cfg(all(feature = "iati", feature = "imf-rates"))] {
//! use partnerships::analysis::convention::Rates;
//! use partnerships::analysis::flat::Flattener;
//! use partnerships::formats::iati::IatiReader;
//!
//! let xml = r#"<iati-activity default-currency="EUR"><iati-identifier>XI-1</iati-identifier>
//!   <recipient-country code="SN" percentage="50"/><recipient-country code="ML" percentage="25"/>
//!   <sector code="15190" percentage="100"/>
//!   <transaction><transaction-type code="3"/><transaction-date iso-date="2020-05-13"/>
//!     <value value-date="2020-05-13">100.00</value></transaction></iati-activity>"#;
//! let activity = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
//! let rates = Rates::shipped();
//! let mut flattener = Flattener::new(&rates)?;
//! let flat = flattener.activity(&activity);
//! let item = &flat.items[0];
//! let rows: Vec<(&str, String, String)> = item.rows.iter()
//!     .map(|r| (r.country.as_str(), r.value.to_string(), r.value_usd.map(|m| m.to_string()).unwrap_or_default()))
//!     .collect();
//! // Shares of 50 and 25 rescaled to two thirds and one third; the dollars (at the rate of 30
//! // April, the month end closest to 13 May) split the same way.
//! assert_eq!(rows, [("SN", "EUR 66.67".into(), "USD 72.42".into()), ("ML", "EUR 33.33".into(), "USD 36.21".into())]);
//! assert_eq!(item.value_usd.map(|m| m.to_string()), Ok("USD 108.63".to_owned()));
//! # }
//! # Ok::<(), partnerships::Error>(())
//! ```

mod shares;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use self::shares::{Leaf, Share, Split};
use super::convention::{Convention, Rates, Reason, Valuer};
use super::totals::Flow;
use crate::data;
use crate::error::Error;
use crate::formats::iati::code::{
    BudgetType, Code, Codelist, FinanceType, FlowType, OrganisationRole, TransactionType,
};
use crate::formats::iati::records::{
    Activity, ActivityBudget, Narrative, OrgRef, Transaction, Value,
};
use crate::money::{Currency, ExchangeRate, Money};

/// Which transaction types give rows.
///
/// # Example
///
/// ```
/// use partnerships::analysis::flat::TransactionTypes;
/// use partnerships::formats::iati::code::TransactionType;
///
/// assert!(TransactionTypes::Published.includes(&TransactionType::DISBURSEMENT));
/// assert!(!TransactionTypes::Published.includes(&TransactionType::INCOMING_COMMITMENT));
/// assert!(TransactionTypes::All.includes(&TransactionType::INCOMING_COMMITMENT));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TransactionTypes {
    /// Types 1 to 4 (incoming funds, outgoing commitment, disbursement, expenditure): what the
    /// Country Development Finance Data publishes.
    #[default]
    Published,
    /// Every type, incoming commitments and loan repayments included.
    All,
}

impl TransactionTypes {
    /// Whether transactions of `kind` give rows.
    ///
    /// # Example
    ///
    /// See [`TransactionTypes`].
    #[must_use]
    pub fn includes(self, kind: &TransactionType) -> bool {
        match self {
            TransactionTypes::All => true,
            TransactionTypes::Published => matches!(kind.as_str(), "1" | "2" | "3" | "4"),
        }
    }
}

/// Why a transaction or budget gave no rows.
///
/// # Example
///
/// ```
/// use partnerships::analysis::flat::LeftOut;
///
/// assert_eq!(LeftOut::NoCountry.to_string(), "no-country");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum LeftOut {
    /// A transaction type the options leave out (by default, types other than 1 to 4).
    TransactionType,
    /// A transaction with no type.
    NoTransactionType,
    /// No recipient country or region on the transaction or its activity (for a budget, on the
    /// activity or its commitments).
    NoCountry,
    /// No value, or one that is not a number.
    NoValue,
    /// A value in a currency this library does not know, or with no currency at all.
    UnknownCurrency,
    /// A budget without a period, or one that ends before it starts.
    NoPeriod,
    /// An original budget replaced by a revised one of the same period.
    ReplacedByRevised,
    /// Percentages that cannot split a value (a negative one).
    UnusablePercentages,
    /// A value that cannot be split into whole units of its last place (more digits than a
    /// 128-bit integer holds).
    Unsplittable,
    /// More than [`MAX_ROWS`] rows for one transaction or budget (a period of centuries, lists
    /// of thousands of codes): left out rather than fill memory.
    TooManyRows,
}

/// The most rows one transaction or budget may give; one that would give more is left out
/// ([`LeftOut::TooManyRows`]).
///
/// # Example
///
/// ```
/// // A budget over 25 years (100 quarters) for 50 countries and 20 sectors: 100,000 rows.
/// assert_eq!(partnerships::analysis::flat::MAX_ROWS, 100 * 50 * 20);
/// ```
pub const MAX_ROWS: usize = 100_000;

impl LeftOut {
    /// The kebab-case name, as reports write it.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(partnerships::analysis::flat::LeftOut::ReplacedByRevised.name(), "replaced-by-revised");
    /// ```
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            LeftOut::TransactionType => "transaction-type",
            LeftOut::NoTransactionType => "no-transaction-type",
            LeftOut::NoCountry => "no-country",
            LeftOut::NoValue => "no-value",
            LeftOut::UnknownCurrency => "unknown-currency",
            LeftOut::NoPeriod => "no-period",
            LeftOut::ReplacedByRevised => "replaced-by-revised",
            LeftOut::UnusablePercentages => "unusable-percentages",
            LeftOut::Unsplittable => "unsplittable",
            LeftOut::TooManyRows => "too-many-rows",
        }
    }
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Something a kept row lacks, counted per row.
///
/// # Example
///
/// ```
/// use partnerships::analysis::convention::Reason;
/// use partnerships::analysis::flat::Flag;
///
/// assert_eq!(Flag::NoUsd(Reason::NoRate).to_string(), "value-usd: no-rate");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Flag {
    /// `value_usd` is empty, for the reason given.
    NoUsd(Reason),
    /// `value_eur` is empty, for the reason given.
    NoEur(Reason),
    /// `value_local` is empty: the recipient is a region, or a country with no currency in the
    /// map.
    NoLocalCurrency,
    /// `value_local` is empty, for the reason given.
    NoLocal(Reason),
    /// The country or region code is in neither the IATI Country nor the Region codelist (the
    /// published dataset drops such rows).
    NotInCodelist,
    /// The transaction has no date: the date and fiscal columns are empty.
    NoDate,
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Flag::NoUsd(reason) => write!(f, "value-usd: {reason}"),
            Flag::NoEur(reason) => write!(f, "value-eur: {reason}"),
            Flag::NoLocalCurrency => f.write_str("value-local: no-currency"),
            Flag::NoLocal(reason) => write!(f, "value-local: {reason}"),
            Flag::NotInCodelist => f.write_str("country-not-in-codelist"),
            Flag::NoDate => f.write_str("no-date"),
        }
    }
}

/// What a run of a [`Flattener`] made and left out.
///
/// # Example
///
/// ```
/// use partnerships::analysis::flat::{FlatReport, LeftOut};
///
/// let mut one = FlatReport::default();
/// one.left_out.insert(LeftOut::NoCountry, 2);
/// let mut two = FlatReport::default();
/// two.left_out.insert(LeftOut::NoCountry, 1);
/// one.merge(&two);
/// assert_eq!(one.left_out[&LeftOut::NoCountry], 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlatReport {
    /// Activities read.
    pub activities: u64,
    /// Transactions that gave rows.
    pub transactions: u64,
    /// Budgets that gave rows.
    pub budgets: u64,
    /// Rows of transactions.
    pub transaction_rows: u64,
    /// Rows of budgets.
    pub budget_rows: u64,
    /// Transactions and budgets that gave no rows, by why.
    pub left_out: BTreeMap<LeftOut, u64>,
    /// Rows kept with a column empty or a code unknown, by what.
    pub flagged: BTreeMap<Flag, u64>,
    /// The sum of the rows' `value_usd`, by recipient country or region code and transaction
    /// type code (`budget` for budgets): exact, to check an export against.
    pub usd_by_country_and_type: BTreeMap<(String, String), Decimal>,
}

impl FlatReport {
    /// Adds another report's counts, such as another file's or thread's.
    ///
    /// # Example
    ///
    /// See [`FlatReport`].
    pub fn merge(&mut self, other: &FlatReport) {
        let add = |a: &mut u64, b: u64| *a = a.saturating_add(b);
        add(&mut self.activities, other.activities);
        add(&mut self.transactions, other.transactions);
        add(&mut self.budgets, other.budgets);
        add(&mut self.transaction_rows, other.transaction_rows);
        add(&mut self.budget_rows, other.budget_rows);
        for (k, v) in &other.left_out {
            add(self.left_out.entry(*k).or_insert(0), *v);
        }
        for (k, v) in &other.flagged {
            add(self.flagged.entry(*k).or_insert(0), *v);
        }
        for (k, v) in &other.usd_by_country_and_type {
            let sum = self.usd_by_country_and_type.entry(k.clone()).or_default();
            *sum = sum.saturating_add(*v);
        }
    }

    fn leave_out(&mut self, why: LeftOut) {
        let count = self.left_out.entry(why).or_insert(0);
        *count = count.saturating_add(1);
    }

    fn flag(&mut self, flag: Flag) {
        let count = self.flagged.entry(flag).or_insert(0);
        *count = count.saturating_add(1);
    }
}

/// An activity's transactions and budgets as rows, with what all its rows share.
///
/// # Example
///
/// See the [module](self).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlatActivity {
    /// The activity's identifier.
    pub identifier: String,
    /// Its title, in every language given.
    pub title: Vec<Narrative>,
    /// The organisation that publishes it.
    pub reporting_org: Option<OrgRef>,
    /// Its transactions and budgets that gave rows, transactions first, each in file order.
    pub items: Vec<FlatItem>,
}

impl FlatActivity {
    /// The activity's page on d-portal, the link the published dataset gives.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::flat::FlatActivity;
    ///
    /// let flat = FlatActivity { identifier: "XM-DAC-47066-DP.2215".into(), ..FlatActivity::default() };
    /// assert_eq!(flat.url(), "https://d-portal.org/q.html?aid=XM-DAC-47066-DP.2215");
    /// ```
    #[must_use]
    pub fn url(&self) -> String {
        format!("https://d-portal.org/q.html?aid={}", self.identifier)
    }

    /// How many rows its items have.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(partnerships::analysis::flat::FlatActivity::default().rows(), 0);
    /// ```
    #[must_use]
    pub fn rows(&self) -> usize {
        self.items.iter().map(|item| item.rows.len()).sum()
    }
}

/// A transaction or budget: what its rows share, and the rows.
///
/// # Example
///
/// See the [module](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatItem {
    /// A transaction of its type, or a budget (original or revised).
    pub flow: Flow,
    /// Its position among the activity's transactions, or among its budgets, from 0.
    pub index: usize,
    /// The providing organisations (usually one; several when taken from the activity's
    /// participating organisations of a role).
    pub provider: Vec<OrgRef>,
    /// The receiving organisations, likewise.
    pub receiver: Vec<OrgRef>,
    /// Whether it is humanitarian.
    pub humanitarian: bool,
    /// The value as published.
    pub value: Money,
    /// The value's date.
    pub value_date: Option<NaiveDate>,
    /// For a budget, its first and last day.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Units of the value's currency per US dollar, the rate the value was converted at.
    pub exchange_rate: Option<Decimal>,
    /// The date of that rate: the last day of its month (the value date for US dollars).
    pub exchange_rate_date: Option<NaiveDate>,
    /// The value in US dollars, or why not.
    pub value_usd: Result<Money, Reason>,
    /// The value in euros, or why not.
    pub value_eur: Result<Money, Reason>,
    /// Whether it is split over more than one country or region.
    pub multi_country: bool,
    /// Its rows.
    pub rows: Vec<FlatRow>,
}

/// One row: a share of a transaction or budget for one country or region and sector (and, for
/// a budget, one quarter and classification).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use partnerships::analysis::flat::FlatRow;
/// use partnerships::formats::iati::code::Code;
///
/// let row = FlatRow {
///     date: NaiveDate::from_ymd_opt(2020, 5, 13),
///     country: Code::new("SN"),
///     region: false,
///     sector: Code::new("15190"),
///     aid_type: None, finance_type: None, flow_type: None,
///     value: "EUR 10.00".parse()?,
///     value_usd: None, value_eur: None, value_local: None,
/// };
/// assert_eq!((row.fiscal_year(), row.fiscal_quarter()), (Some(2020), Some(2)));
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatRow {
    /// The transaction's date, or the first day of the budget's quarter.
    pub date: Option<NaiveDate>,
    /// The recipient country or region code.
    pub country: Code,
    /// Whether `country` is a region.
    pub region: bool,
    /// The DAC sector code, empty when none is reported.
    pub sector: Code,
    /// The aid type code.
    pub aid_type: Option<Code>,
    /// The finance type code.
    pub finance_type: Option<Code>,
    /// The flow type code.
    pub flow_type: Option<Code>,
    /// The row's share of the value as published.
    pub value: Money,
    /// Its share of the value in US dollars.
    pub value_usd: Option<Money>,
    /// Its share of the value in euros.
    pub value_eur: Option<Money>,
    /// Its share of the value in the recipient country's currency.
    pub value_local: Option<Money>,
}

impl FlatRow {
    /// The calendar year of the row's date.
    ///
    /// # Example
    ///
    /// See [`FlatRow`].
    #[must_use]
    pub fn fiscal_year(&self) -> Option<i32> {
        self.date.map(|d| d.year())
    }

    /// The calendar quarter of the row's date, 1 to 4.
    ///
    /// # Example
    ///
    /// See [`FlatRow`].
    #[must_use]
    pub fn fiscal_quarter(&self) -> Option<u32> {
        self.date.map(|d| (d.month0() / 3).saturating_add(1))
    }
}

/// The classifications of a budget's rows: each a split of its own.
struct Classes {
    aid: Vec<Share>,
    finance: Vec<Share>,
    flow: Vec<Share>,
}

/// Turns activities into rows, converting with the Country Development Finance Data's
/// convention and keeping each rate it takes.
///
/// # Example
///
/// See the [module](self).
#[derive(Debug)]
pub struct Flattener<'r> {
    rates: &'r Rates<'r>,
    usd: Valuer<'r>,
    eur: Valuer<'r>,
    local: HashMap<Currency, Option<Valuer<'r>>>,
    types: TransactionTypes,
    report: FlatReport,
}

impl<'r> Flattener<'r> {
    /// A flattener that converts with `rates` (for the published dataset's own rates, load the
    /// monthly per-dollar feed into them with
    /// [`Rates::with_series`](super::convention::Rates::with_series)).
    ///
    /// # Errors
    ///
    /// None in practice: the dollar and the euro both have minor units to round to.
    ///
    /// # Example
    ///
    /// See the [module](self).
    pub fn new(rates: &'r Rates<'r>) -> Result<Flattener<'r>, Error> {
        let convention = Convention::CountryDevelopmentFinance;
        Ok(Flattener {
            rates,
            usd: Valuer::new(rates, convention, Currency::USD)?,
            eur: Valuer::new(rates, convention, Currency::EUR)?,
            local: HashMap::new(),
            types: TransactionTypes::default(),
            report: FlatReport::default(),
        })
    }

    /// The same flattener, taking transactions of `types`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::Rates;
    /// use partnerships::analysis::flat::{Flattener, TransactionTypes};
    ///
    /// let rates = Rates::default();
    /// let flattener = Flattener::new(&rates)?.with_transaction_types(TransactionTypes::All);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn with_transaction_types(mut self, types: TransactionTypes) -> Flattener<'r> {
        self.types = types;
        self
    }

    /// What has been made and left out so far.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::Rates;
    /// use partnerships::analysis::flat::Flattener;
    ///
    /// let rates = Rates::default();
    /// assert_eq!(Flattener::new(&rates)?.report().activities, 0);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn report(&self) -> &FlatReport {
        &self.report
    }

    /// The report, ending the run.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::convention::Rates;
    /// use partnerships::analysis::flat::Flattener;
    ///
    /// let rates = Rates::default();
    /// let report = Flattener::new(&rates)?.into_report();
    /// assert!(report.left_out.is_empty());
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    #[must_use]
    pub fn into_report(self) -> FlatReport {
        self.report
    }

    /// The activity's transactions and budgets as rows.
    ///
    /// # Example
    ///
    /// See the [module](self).
    pub fn activity(&mut self, activity: &Activity) -> FlatActivity {
        self.report.activities = self.report.activities.saturating_add(1);
        let mut items = Vec::new();
        for (index, transaction) in activity.transactions.iter().enumerate() {
            match self.transaction(activity, index, transaction) {
                Ok(item) => items.push(item),
                Err(why) => self.report.leave_out(why),
            }
        }
        self.budgets(activity, &mut items);
        for item in &items {
            self.count(item);
        }
        FlatActivity {
            identifier: activity.identifier.clone(),
            title: activity.title.clone(),
            reporting_org: activity.reporting_org.as_ref().map(|r| r.org.clone()),
            items,
        }
    }

    fn count(&mut self, item: &FlatItem) {
        let rows = u64::try_from(item.rows.len()).unwrap_or(u64::MAX);
        let report = &mut self.report;
        if item.flow.is_transaction() {
            report.transactions = report.transactions.saturating_add(1);
            report.transaction_rows = report.transaction_rows.saturating_add(rows);
        } else {
            report.budgets = report.budgets.saturating_add(1);
            report.budget_rows = report.budget_rows.saturating_add(rows);
        }
        let kind = match &item.flow {
            Flow::Transaction(kind) => kind.as_str(),
            _ => "budget",
        };
        for row in &item.rows {
            if let Some(usd) = row.value_usd {
                let key = (row.country.as_str().to_owned(), kind.to_owned());
                let sum = report.usd_by_country_and_type.entry(key).or_default();
                *sum = sum.saturating_add(usd.amount());
            }
            if let Err(reason) = item.value_usd {
                report.flag(Flag::NoUsd(reason));
            }
            if let Err(reason) = item.value_eur {
                report.flag(Flag::NoEur(reason));
            }
            if row.date.is_none() {
                report.flag(Flag::NoDate);
            }
        }
    }

    fn transaction(
        &mut self,
        activity: &Activity,
        index: usize,
        transaction: &Transaction,
    ) -> Result<FlatItem, LeftOut> {
        let kind = transaction.kind.clone().ok_or(LeftOut::NoTransactionType)?;
        if !self.types.includes(&kind) {
            return Err(LeftOut::TransactionType);
        }
        let countries = shares::transaction_countries(activity, transaction);
        if countries.is_empty() {
            return Err(LeftOut::NoCountry);
        }
        let sectors = shares::transaction_sectors(activity, transaction);
        let value = money_of(transaction.value.as_ref())?;
        let value_date = transaction.value.as_ref().and_then(|v| v.value_date);
        let mut item = self.item(Flow::Transaction(kind.clone()), index, value, value_date);
        item.multi_country = countries.len() > 1;
        item.humanitarian = transaction
            .humanitarian
            .or(activity.humanitarian)
            .unwrap_or(false);
        item.provider = organisations(activity, transaction.provider.as_ref(), &kind, true);
        item.receiver = organisations(activity, transaction.receiver.as_ref(), &kind, false);
        let aid_type = transaction
            .aid_types
            .first()
            .or(activity.default_aid_types.first())
            .map(|c| {
                Codelist::AidType
                    .shared(&c.code)
                    .unwrap_or_else(|| c.code.clone())
            });
        let finance_type = transaction
            .finance_type
            .as_ref()
            .or(activity.default_finance_type.as_ref())
            .map(|c| c.as_code().clone());
        let flow_type = transaction
            .flow_type
            .as_ref()
            .or(activity.default_flow_type.as_ref())
            .map(|c| c.as_code().clone());
        let split = Split::new(&countries, &[&sectors]).ok_or(LeftOut::UnusablePercentages)?;
        let template = FlatRow {
            date: transaction.date,
            country: Code::new(""),
            region: false,
            sector: Code::new(""),
            aid_type,
            finance_type,
            flow_type,
            value,
            value_usd: None,
            value_eur: None,
            value_local: None,
        };
        if split.len() > MAX_ROWS {
            return Err(LeftOut::TooManyRows);
        }
        item.rows = self.rows(&mut item, &split, &template, |row, leaf| {
            if let [Some(sector), ..] = leaf.classes {
                row.sector = sector.clone();
            }
        })?;
        Ok(item)
    }

    /// An item with its value converted into dollars and euros, without rows.
    fn item(
        &mut self,
        flow: Flow,
        index: usize,
        value: Money,
        value_date: Option<NaiveDate>,
    ) -> FlatItem {
        let usd = self.usd.converted_at(value, value_date, None);
        let (exchange_rate, exchange_rate_date) = match &usd {
            Ok((_, Some((rate, stamp, _)), date)) => (per_dollar(rate), stamp.or(*date)),
            Ok((_, None, date)) => (Some(Decimal::ONE), *date),
            Err(_) => (None, None),
        };
        let value_usd = usd.map(|(money, _, _)| money);
        let value_eur = self.eur.converted(value, value_date, None).map(|(m, _)| m);
        FlatItem {
            flow,
            index,
            provider: Vec::new(),
            receiver: Vec::new(),
            humanitarian: false,
            value,
            value_date,
            period: None,
            exchange_rate,
            exchange_rate_date,
            value_usd,
            value_eur,
            multi_country: false,
            rows: Vec::new(),
        }
    }

    /// The rows of an item: every leaf of `split` (country, then the further levels), each
    /// column's total allocated level by level; in each country's own currency, the country's
    /// share of the value in that currency.
    fn rows(
        &mut self,
        item: &mut FlatItem,
        split: &Split,
        template: &FlatRow,
        fill: impl Fn(&mut FlatRow, &Leaf<'_>),
    ) -> Result<Vec<FlatRow>, LeftOut> {
        let leaves = split.leaves();
        let values = split
            .allocate(item.value)
            .map_err(|_| LeftOut::Unsplittable)?;
        // A converted value that cannot be split (it does not fit in whole units) is not
        // converted, and says so.
        let column = |total: &mut Result<Money, Reason>| {
            let parts = split.allocate(*total.as_ref().ok()?).ok();
            if parts.is_none() {
                *total = Err(Reason::Overflow);
            }
            parts
        };
        let usd = column(&mut item.value_usd);
        let eur = column(&mut item.value_eur);
        let item = &*item;
        let mut rows = Vec::with_capacity(values.len());
        let mut local_parts: HashMap<usize, Result<std::vec::IntoIter<Money>, Flag>> =
            HashMap::new();
        for (i, leaf) in leaves.enumerate() {
            let mut row = template.clone();
            row.country = leaf.country.code.clone();
            row.region = leaf.country.region;
            if !leaf.country.listed {
                self.report.flag(Flag::NotInCodelist);
            }
            row.date = leaf.date.or(template.date);
            fill(&mut row, &leaf);
            row.value = values.get(i).copied().unwrap_or(template.value);
            row.value_usd = usd.as_ref().and_then(|v| v.get(i).copied());
            row.value_eur = eur.as_ref().and_then(|v| v.get(i).copied());
            let parts = local_parts
                .entry(leaf.country_index)
                .or_insert_with(|| self.local_parts(item, split, leaf.country_index));
            match parts {
                Ok(parts) => row.value_local = parts.next(),
                Err(flag) => self.report.flag(*flag),
            }
            rows.push(row);
        }
        Ok(rows)
    }

    /// A country's share of the item's value in its own currency, split over that country's
    /// leaves.
    fn local_parts(
        &mut self,
        item: &FlatItem,
        split: &Split,
        country_index: usize,
    ) -> Result<std::vec::IntoIter<Money>, Flag> {
        let share = split
            .countries
            .get(country_index)
            .ok_or(Flag::NoLocalCurrency)?;
        if share.region {
            return Err(Flag::NoLocalCurrency);
        }
        let currency = data::country_currency(share.code.as_str()).ok_or(Flag::NoLocalCurrency)?;
        let rates = self.rates;
        let valuer = self
            .local
            .entry(currency)
            .or_insert_with(|| {
                Valuer::new(rates, Convention::CountryDevelopmentFinance, currency).ok()
            })
            .as_mut()
            .ok_or(Flag::NoLocalCurrency)?;
        let (total, _) = valuer
            .converted(item.value, item.value_date, None)
            .map_err(Flag::NoLocal)?;
        split
            .allocate_country(total, country_index)
            .map(Vec::into_iter)
            .map_err(|_| Flag::NoLocal(Reason::Overflow))
    }

    fn budgets(&mut self, activity: &Activity, items: &mut Vec<FlatItem>) {
        if activity.budgets.is_empty() {
            return;
        }
        let countries = self.budget_countries(activity);
        if countries.is_empty() {
            for _ in &activity.budgets {
                self.report.leave_out(LeftOut::NoCountry);
            }
            return;
        }
        let sectors = self.budget_sectors(activity);
        let classes = self.budget_classes(activity);
        let revised_starts: HashSet<Option<NaiveDate>> = activity
            .budgets
            .iter()
            .filter(|b| b.kind.as_ref() == Some(&BudgetType::REVISED))
            .map(|b| b.period_start)
            .collect();
        let reporting: Vec<OrgRef> = activity
            .reporting_org
            .iter()
            .map(|r| r.org.clone())
            .collect();
        let implementers = participating(activity, &OrganisationRole::IMPLEMENTING);
        let Some(split) = Split::new(
            &countries,
            &[&sectors, &classes.aid, &classes.finance, &classes.flow],
        ) else {
            for _ in &activity.budgets {
                self.report.leave_out(LeftOut::UnusablePercentages);
            }
            return;
        };
        for (index, budget) in activity.budgets.iter().enumerate() {
            match self.budget(activity, index, budget, &revised_starts, &split) {
                Ok(mut item) => {
                    item.provider.clone_from(&reporting);
                    item.receiver.clone_from(&implementers);
                    item.multi_country = countries.len() > 1;
                    items.push(item);
                }
                Err(why) => self.report.leave_out(why),
            }
        }
    }

    fn budget(
        &mut self,
        activity: &Activity,
        index: usize,
        budget: &ActivityBudget,
        revised_starts: &HashSet<Option<NaiveDate>>,
        split: &Split,
    ) -> Result<FlatItem, LeftOut> {
        let kind = budget.kind.clone().unwrap_or(BudgetType::ORIGINAL);
        if kind == BudgetType::ORIGINAL && revised_starts.contains(&budget.period_start) {
            return Err(LeftOut::ReplacedByRevised);
        }
        let value = money_of(budget.value.as_ref())?;
        let (Some(start), Some(end)) = (budget.period_start, budget.period_end) else {
            return Err(LeftOut::NoPeriod);
        };
        let quarters = quarters(start, end);
        if quarters.is_empty() {
            return Err(LeftOut::NoPeriod);
        }
        let value_date = budget.value.as_ref().and_then(|v| v.value_date);
        let mut item = self.item(Flow::Budget(kind), index, value, value_date);
        item.period = Some((start, end));
        item.humanitarian = activity.humanitarian.unwrap_or(false);
        let template = FlatRow {
            date: None,
            country: Code::new(""),
            region: false,
            sector: Code::new(""),
            aid_type: None,
            finance_type: None,
            flow_type: None,
            value,
            value_usd: None,
            value_eur: None,
            value_local: None,
        };
        let split = split.with_quarters(quarters);
        if split.len() > MAX_ROWS {
            return Err(LeftOut::TooManyRows);
        }
        item.rows = self.rows(&mut item, &split, &template, |row, leaf| {
            let class = |i: usize| {
                leaf.classes
                    .get(i)
                    .copied()
                    .flatten()
                    .filter(|code| !code.is_empty())
                    .cloned()
            };
            row.sector = class(0).unwrap_or_else(|| Code::new(""));
            row.aid_type = class(1);
            row.finance_type = class(2);
            row.flow_type = class(3);
        })?;
        Ok(item)
    }

    /// The activity's countries and regions, else those of its commitments by value.
    fn budget_countries(&mut self, activity: &Activity) -> Vec<Share> {
        let own = shares::countries_and_regions(
            &activity.recipient_countries,
            &activity.recipient_regions,
        );
        if !own.is_empty() {
            return own;
        }
        let commitments =
            shares::commitments_with(activity, |t| shares::first_country(t).is_some());
        self.by_commitment_value(Codelist::Country, &commitments, |t| {
            shares::first_country(t).map(|(code, region)| (code.clone(), region))
        })
        .unwrap_or_default()
    }

    /// The activity's sectors, else those of its commitments by value, else the empty code.
    fn budget_sectors(&mut self, activity: &Activity) -> Vec<Share> {
        let own = shares::sectors(&activity.sectors);
        if !own.is_empty() {
            return own;
        }
        let commitments = shares::commitments_with(activity, |t| shares::first_sector(t).is_some());
        self.by_commitment_value(Codelist::Sector, &commitments, |t| {
            shares::first_sector(t).map(|code| (code.clone(), false))
        })
        .unwrap_or_else(shares::unreported)
    }

    /// Aid, finance and flow type: the activity's default, else its commitments' by value.
    fn budget_classes(&mut self, activity: &Activity) -> Classes {
        let aid_of = |t: &Transaction| {
            t.aid_types
                .iter()
                .find(|a| a.vocabulary.as_ref().is_none_or(|v| v.as_str() == "1"))
                .map(|a| (a.code.clone(), false))
        };
        let finance_of = |t: &Transaction| {
            t.finance_type
                .as_ref()
                .map(|c| (c.as_code().clone(), false))
        };
        let flow_of = |t: &Transaction| t.flow_type.as_ref().map(|c| (c.as_code().clone(), false));
        Classes {
            aid: self.budget_class(
                Codelist::AidType,
                activity.default_aid_types.first().map(|c| &c.code),
                activity,
                aid_of,
            ),
            finance: self.budget_class(
                Codelist::FinanceType,
                activity
                    .default_finance_type
                    .as_ref()
                    .map(FinanceType::as_code),
                activity,
                finance_of,
            ),
            flow: self.budget_class(
                Codelist::FlowType,
                activity.default_flow_type.as_ref().map(FlowType::as_code),
                activity,
                flow_of,
            ),
        }
    }

    /// One classification of a budget's rows: the activity's default, else its commitments'
    /// by value, else the empty code.
    fn budget_class(
        &mut self,
        list: Codelist,
        default: Option<&Code>,
        activity: &Activity,
        code_of: impl Fn(&Transaction) -> Option<(Code, bool)>,
    ) -> Vec<Share> {
        if let Some(code) = default {
            return vec![Share::of(list, code, Decimal::ONE, false)];
        }
        let found = shares::commitments_with(activity, |t| code_of(t).is_some());
        self.by_commitment_value(list, &found, code_of)
            .unwrap_or_else(shares::unreported)
    }

    /// Shares of codes (of `list`, or regions) by the value of the commitments that carry
    /// them: in their own currency when they share one, else in US dollars at each value date
    /// (commitments that cannot be converted then do not weigh). `None` when there are none or
    /// they cannot weigh.
    fn by_commitment_value(
        &mut self,
        list: Codelist,
        commitments: &[&Transaction],
        code_of: impl Fn(&Transaction) -> Option<(Code, bool)>,
    ) -> Option<Vec<Share>> {
        let valued: Vec<(Code, bool, Money, Option<NaiveDate>)> = commitments
            .iter()
            .filter_map(|t| {
                let (code, region) = code_of(t)?;
                let value = t.value.as_ref()?;
                Some((code, region, value.money?, value.value_date))
            })
            .collect();
        let first = valued.first()?.2.currency();
        let one_currency = valued.iter().all(|(_, _, m, _)| m.currency() == first);
        let weights = valued
            .into_iter()
            .filter_map(|(code, region, money, date)| {
                let amount = if one_currency {
                    money.amount()
                } else {
                    self.usd.converted(money, date, None).ok()?.0.amount()
                };
                Some((code, region, amount))
            })
            .collect();
        shares::by_value(list, weights)
    }
}

/// Units of a value's currency per US dollar, from the rate that took it to dollars: the
/// published rate itself when the rates are quoted per dollar, else its inverse.
fn per_dollar(rate: &ExchangeRate) -> Option<Decimal> {
    match rate.route() {
        [step] if step.inverted && step.base == Currency::USD => Some(step.rate),
        _ => Decimal::ONE.checked_div(rate.rate()).map(|r| r.normalize()),
    }
}

/// The published value of a transaction or budget as money, or why there is none.
fn money_of(value: Option<&Value>) -> Result<Money, LeftOut> {
    let value = value.ok_or(LeftOut::NoValue)?;
    match value.money {
        Some(money) => Ok(money),
        None if value.amount().is_some() => Err(LeftOut::UnknownCurrency),
        None => Err(LeftOut::NoValue),
    }
}

/// The activity's participating organisations of a role.
fn participating(activity: &Activity, role: &OrganisationRole) -> Vec<OrgRef> {
    activity
        .participating_orgs
        .iter()
        .filter(|p| p.role.as_ref() == Some(role))
        .map(|p| p.org.clone())
        .collect()
}

/// The provider (`provider` true) or receiver of a transaction: its own organisation when it
/// names one; else the reporting organisation where the transaction type makes it that side;
/// else the activity's funding (provider) or implementing (receiver) organisations.
fn organisations(
    activity: &Activity,
    own: Option<&OrgRef>,
    kind: &TransactionType,
    provider: bool,
) -> Vec<OrgRef> {
    if let Some(org) = own {
        if org.reference.is_some() || !org.names.is_empty() {
            return vec![org.clone()];
        }
    }
    let code = kind.as_str();
    let incoming = matches!(code, "1" | "11" | "13");
    let from_activity = matches!(code, "5" | "6");
    let reporter = if provider {
        !incoming && !from_activity
    } else {
        incoming || from_activity
    };
    if reporter {
        return activity
            .reporting_org
            .iter()
            .map(|r| r.org.clone())
            .collect();
    }
    let role = if provider {
        OrganisationRole::FUNDING
    } else {
        OrganisationRole::IMPLEMENTING
    };
    participating(activity, &role)
}

/// The calendar quarters a period overlaps, each with its first day and the period's days in
/// it; empty when the period ends before it starts.
fn quarters(start: NaiveDate, end: NaiveDate) -> Vec<(NaiveDate, u64)> {
    let mut out = Vec::new();
    let mut from = start;
    while from <= end {
        // The quarter's first month: 1, 4, 7 or 10.
        let first_month = match from.month() {
            1..=3 => 1,
            4..=6 => 4,
            7..=9 => 7,
            _ => 10,
        };
        let Some(quarter_start) = NaiveDate::from_ymd_opt(from.year(), first_month, 1) else {
            break;
        };
        let next = quarter_start
            .checked_add_months(chrono::Months::new(3))
            .unwrap_or(NaiveDate::MAX);
        let last = next.pred_opt().unwrap_or(next).min(end);
        let days = last
            .signed_duration_since(from)
            .num_days()
            .saturating_add(1);
        out.push((quarter_start, u64::try_from(days).unwrap_or(0)));
        if next <= from {
            break;
        }
        from = next;
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn quarters_count_the_days_of_the_period_in_each() {
        let q = quarters(day(2020, 2, 15), day(2020, 12, 31));
        assert_eq!(
            q,
            [
                (day(2020, 1, 1), 46),
                (day(2020, 4, 1), 91),
                (day(2020, 7, 1), 92),
                (day(2020, 10, 1), 92)
            ]
        );
        assert_eq!(
            quarters(day(2020, 5, 1), day(2020, 5, 1)),
            [(day(2020, 4, 1), 1)]
        );
        assert!(quarters(day(2020, 5, 2), day(2020, 5, 1)).is_empty());
    }
}
