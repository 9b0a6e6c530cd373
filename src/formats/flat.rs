//! Flat rows ([`analysis::flat`](crate::analysis::flat)) as files: CSV with a Frictionless
//! Data Package descriptor (feature `csv`), and Parquet (feature `parquet`).
//!
//! Both have the same columns ([`columns`]): the Country Development Finance Data's, in its
//! order and with its names (text columns once per language, `title#en`, `title#fr`), after four
//! that say where each row comes from (`source_file`, `activity_index`, `item_index`,
//! `row_index`: together the primary key), and with a few the published dataset lacks
//! (`reporting_org_ref`, `budget_type`, `period_start`, `period_end`, `currency_local`,
//! `not_converted`). Transactions and budgets are two tables of those columns; a third,
//! `activities`, holds each activity once, and both point to it (a foreign key).
//!
//! Amounts are written exactly: as decimals in CSV, as `Decimal128` in Parquet, never floats.
//!
//! # Example
//!
//! ```
//! use partnerships::formats::flat::{columns, ColumnType};
//!
//! let columns = columns(&["en"]);
//! let usd = columns.iter().find(|c| c.name == "value_usd").expect("a column");
//! assert_eq!(usd.kind, ColumnType::Decimal { scale: 18 });
//! assert!(columns.iter().any(|c| c.name == "title#en"));
//! ```

use std::borrow::Cow;

#[cfg(any(feature = "csv", feature = "parquet"))]
mod cells;
#[cfg(feature = "csv")]
mod csv_rows;
#[cfg(feature = "parquet")]
mod parquet;

#[cfg(feature = "csv")]
pub use csv_rows::{datapackage, CsvRows};
#[cfg(feature = "parquet")]
pub use parquet::{ParquetRows, Partitioning};

/// The type of a column.
///
/// # Example
///
/// ```
/// use partnerships::formats::flat::ColumnType;
///
/// assert_eq!(ColumnType::Decimal { scale: 4 }.frictionless(), "number");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ColumnType {
    /// Text.
    Text,
    /// A code from a codelist: text, dictionary-encoded in Parquet.
    Code,
    /// A whole number.
    Integer,
    /// An exact decimal with at most `scale` places (Parquet `Decimal128(38, scale)`).
    Decimal {
        /// The places kept after the point.
        scale: u32,
    },
    /// A calendar date.
    Date,
    /// True or false, written `1` or `0` in CSV as the published dataset does.
    Boolean,
}

impl ColumnType {
    /// The Frictionless Table Schema type.
    ///
    /// # Example
    ///
    /// See [`ColumnType`].
    #[must_use]
    pub fn frictionless(self) -> &'static str {
        match self {
            ColumnType::Text | ColumnType::Code => "string",
            ColumnType::Integer => "integer",
            ColumnType::Decimal { .. } => "number",
            ColumnType::Date => "date",
            ColumnType::Boolean => "boolean",
        }
    }
}

/// A column of the flat tables.
///
/// # Example
///
/// See the [module](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Its name, such as `value_usd` or `title#fr`.
    pub name: String,
    /// Its type.
    pub kind: ColumnType,
    /// Whether every row has a value.
    pub required: bool,
    /// What it holds.
    pub description: Cow<'static, str>,
}

/// The scale of amounts and rates: more than published amounts use (a value already in dollars
/// or euros keeps its published places in the converted columns too).
pub(crate) const EXACT_SCALE: u32 = 18;
const AMOUNT: ColumnType = ColumnType::Decimal { scale: EXACT_SCALE };

/// The columns in order: name (ending in `#` for a text column repeated per language), type,
/// whether required, description.
#[rustfmt::skip]
const COLUMNS: &[(&str, ColumnType, bool, &str)] = {
    use ColumnType::{Boolean, Code, Date, Integer, Text};
    &[
    ("source_file", Text, true, "The file the activity was read from."),
    ("activity_index", Integer, true, "The activity's position in its file, from 0."),
    ("item_index", Integer, true, "The transaction's position among the activity's transactions, or the budget's among its budgets, from 0."),
    ("row_index", Integer, true, "The row's position among its transaction's or budget's rows, from 0."),
    ("iati_identifier", Text, true, "The activity's IATI identifier."),
    ("title#", Text, false, "The activity's title in the language."),
    ("reporting_org#", Text, false, "The reporting organisation: its name in the language and its identifier in brackets."),
    ("reporting_org_ref", Code, false, "The reporting organisation's identifier."),
    ("reporting_org_type", Code, false, "The reporting organisation's type (OrganisationType codelist)."),
    ("aid_type", Code, false, "The aid type: the transaction's, else the activity's default (AidType codelist)."),
    ("finance_type", Code, false, "The finance type: the transaction's, else the activity's default (FinanceType codelist)."),
    ("flow_type", Code, false, "The flow type: the transaction's, else the activity's default (FlowType codelist)."),
    ("provider_org#", Text, false, "The providing organisation(s), name in the language and identifier in brackets, several separated by '; '."),
    ("provider_org_type", Code, false, "The providing organisation's type."),
    ("receiver_org#", Text, false, "The receiving organisation(s), name in the language and identifier in brackets, several separated by '; '."),
    ("receiver_org_type", Code, false, "The receiving organisation's type."),
    ("transaction_type", Code, true, "The transaction type code (TransactionType codelist), or 'budget'."),
    ("budget_type", Code, false, "For a budget: 'original' or 'revised'."),
    ("period_start", Date, false, "For a budget: the first day of its period."),
    ("period_end", Date, false, "For a budget: the last day of its period."),
    ("value_original", AMOUNT, true, "The row's share of the value as published, exact: the rows of a transaction or budget add up to its value."),
    ("currency_original", Code, true, "The currency of the value as published (ISO 4217)."),
    ("value_usd", AMOUNT, false, "The row's share of the value in US dollars, converted once at the monthly rate closest to the value date and split exactly; empty when it cannot be converted (see not_converted)."),
    ("exchange_rate_date", Date, false, "The date of the rate: the last day of its month (the value date for a value in US dollars)."),
    ("exchange_rate", AMOUNT, false, "Units of the original currency per US dollar at exchange_rate_date."),
    ("value_eur", AMOUNT, false, "The row's share of the value in euros, converted the same way."),
    ("value_local", AMOUNT, false, "The row's share of the value in the recipient country's currency, converted the same way; empty for a region or without a rate."),
    ("currency_local", Code, false, "The recipient country's currency (ISO 4217)."),
    ("not_converted", Text, false, "Why a converted column is empty, such as 'value-usd: no-rate'."),
    ("transaction_date", Date, false, "The transaction's date, or the first day of the budget's quarter."),
    ("country_code", Code, true, "The recipient country (ISO 3166-1 alpha-2) or region (OECD DAC) code."),
    ("multi_country", Boolean, true, "Whether the transaction or budget is split over more than one country or region."),
    ("sector_category", Code, false, "The DAC sector category: the first three digits of the sector code."),
    ("sector_code", Code, false, "The DAC 5-digit sector code; empty when none is reported."),
    ("humanitarian", Boolean, true, "Whether the transaction (else the activity) is humanitarian."),
    ("fiscal_year", Integer, false, "The calendar year of transaction_date."),
    ("fiscal_quarter", Code, false, "The calendar quarter of transaction_date, Q1 to Q4."),
    ("fiscal_year_quarter", Code, false, "The year and quarter, such as '2020 Q2'."),
    ("url", Text, true, "The activity's page on d-portal."),
    ]
};

/// The columns of the transaction and budget tables, with text columns once per language of
/// `langs`.
///
/// # Example
///
/// See the [module](self).
#[must_use]
pub fn columns(langs: &[&str]) -> Vec<Column> {
    let mut out = Vec::with_capacity(COLUMNS.len().saturating_add(langs.len().saturating_mul(4)));
    for &(name, kind, required, description) in COLUMNS {
        let column = |name: String| Column {
            name,
            kind,
            required,
            description: Cow::Borrowed(description),
        };
        if name.ends_with('#') {
            out.extend(langs.iter().map(|lang| column(format!("{name}{lang}"))));
        } else {
            out.push(column(name.to_owned()));
        }
    }
    out
}
