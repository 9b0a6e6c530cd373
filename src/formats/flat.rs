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

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::analysis::flat::{FlatActivity, FlatItem, FlatRow};
use crate::analysis::totals::Flow;
use crate::formats::iati::code::OrganisationType;
use crate::formats::iati::records::{Narrative, OrgRef};

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
const EXACT_SCALE: u32 = 18;
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

/// The columns of the `activities` table: where each activity comes from and what it is.
pub(crate) fn activity_columns(langs: &[&str]) -> Vec<Column> {
    columns(langs)
        .into_iter()
        .filter(|c| {
            matches!(
                c.name.as_str(),
                "source_file" | "activity_index" | "iati_identifier" | "reporting_org_ref" | "url"
            ) || c.name.starts_with("title#")
        })
        .collect()
}

/// The cells of an activity's row in the `activities` table.
pub(crate) fn activity_cells<'a>(
    origin: Origin<'a>,
    activity: &'a FlatActivity,
    langs: &[&str],
) -> Vec<Cell<'a>> {
    let mut out = vec![
        Cell::Text(Cow::Borrowed(origin.file)),
        index(origin.activity_index),
        Cell::Text(Cow::Borrowed(&activity.identifier)),
    ];
    out.extend(
        langs
            .iter()
            .map(|lang| Cell::text(narrative_in(&activity.title, lang))),
    );
    out.push(Cell::text(
        activity
            .reporting_org
            .as_ref()
            .and_then(|o| o.reference.as_deref()),
    ));
    out.push(Cell::Text(Cow::Owned(activity.url())));
    out
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Null,
    Text(Cow<'a, str>),
    Integer(i64),
    Decimal(Decimal),
    Date(NaiveDate),
    Boolean(bool),
}

impl Cell<'_> {
    fn text(text: Option<&str>) -> Cell<'_> {
        match text {
            Some(t) if !t.is_empty() => Cell::Text(Cow::Borrowed(t)),
            _ => Cell::Null,
        }
    }
}

/// A narrative in a language, as the published dataset picks it: the only one when there is
/// one; else the first in the language (for English, also one without a language); else the
/// first in English or without a language; else the first.
pub(crate) fn narrative_in<'a>(narratives: &'a [Narrative], lang: &str) -> Option<&'a str> {
    if let [only] = narratives {
        return Some(only.text.trim());
    }
    let is = |n: &&Narrative, wanted: &str| match n.lang.as_deref() {
        None => wanted == "en",
        Some(l) => l.eq_ignore_ascii_case(wanted),
    };
    narratives
        .iter()
        .find(|n| is(n, lang))
        .or_else(|| narratives.iter().find(|n| is(n, "en")))
        .or_else(|| narratives.first())
        .map(|n| n.text.trim())
}

/// Organisations as the published dataset shows them: the name in the language, then the
/// identifier in brackets; several separated by `; `.
fn organisations(orgs: &[OrgRef], lang: &str) -> Option<String> {
    let shown: Vec<String> = orgs
        .iter()
        .map(|org| {
            let name = narrative_in(&org.names, lang).filter(|n| !n.is_empty());
            match (name, org.reference.as_deref().filter(|r| !r.is_empty())) {
                (Some(name), Some(reference)) => format!("{name} [{reference}]"),
                (Some(name), None) => name.to_owned(),
                (None, Some(reference)) => format!("[{reference}]"),
                (None, None) => String::new(),
            }
        })
        .filter(|s| !s.is_empty())
        .collect();
    (!shown.is_empty()).then(|| shown.join("; "))
}

fn org_types(orgs: &[OrgRef]) -> Option<String> {
    let types: Vec<&str> = orgs
        .iter()
        .filter_map(|o| o.kind.as_ref().map(OrganisationType::as_str))
        .collect();
    (!types.is_empty()).then(|| types.join("; "))
}

/// Where a row comes from: its file and its activity's position in it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    pub(crate) file: &'a str,
    pub(crate) activity_index: usize,
}

fn index(i: usize) -> Cell<'static> {
    Cell::Integer(i64::try_from(i).unwrap_or(i64::MAX))
}

/// The cells of one row, in the order of [`columns`].
pub(crate) fn cells<'a>(
    origin: Origin<'a>,
    activity: &'a FlatActivity,
    item: &'a FlatItem,
    row_index: usize,
    row: &'a FlatRow,
    langs: &[&str],
) -> Vec<Cell<'a>> {
    let mut out = Vec::with_capacity(40usize.saturating_add(langs.len().saturating_mul(4)));
    out.push(Cell::Text(Cow::Borrowed(origin.file)));
    out.push(index(origin.activity_index));
    out.push(index(item.index));
    out.push(index(row_index));
    out.push(Cell::Text(Cow::Borrowed(&activity.identifier)));
    for lang in langs {
        out.push(Cell::text(narrative_in(&activity.title, lang)));
    }
    let reporting = activity.reporting_org.as_slice();
    for lang in langs {
        out.push(Cell::text(organisations(reporting, lang).as_deref()).into_owned());
    }
    let reporting_org = activity.reporting_org.as_ref();
    out.push(Cell::text(
        reporting_org.and_then(|o| o.reference.as_deref()),
    ));
    out.push(Cell::text(
        reporting_org.and_then(|o| o.kind.as_ref().map(OrganisationType::as_str)),
    ));
    let code = |c: &'a Option<crate::formats::iati::code::Code>| Cell::text(c.as_deref());
    out.push(code(&row.aid_type));
    out.push(code(&row.finance_type));
    out.push(code(&row.flow_type));
    for lang in langs {
        out.push(Cell::text(organisations(&item.provider, lang).as_deref()).into_owned());
    }
    out.push(Cell::text(org_types(&item.provider).as_deref()).into_owned());
    for lang in langs {
        out.push(Cell::text(organisations(&item.receiver, lang).as_deref()).into_owned());
    }
    out.push(Cell::text(org_types(&item.receiver).as_deref()).into_owned());
    let (kind, budget_type) = match &item.flow {
        Flow::Transaction(kind) => (kind.as_str(), None),
        Flow::Budget(kind) => (
            "budget",
            Some(if kind.as_str() == "2" {
                "revised"
            } else {
                "original"
            }),
        ),
    };
    out.push(Cell::text(Some(kind)));
    out.push(Cell::text(budget_type));
    let date = |d: Option<NaiveDate>| d.map_or(Cell::Null, Cell::Date);
    out.push(date(item.period.map(|p| p.0)));
    out.push(date(item.period.map(|p| p.1)));
    let amount =
        |m: Option<crate::money::Money>| m.map_or(Cell::Null, |m| Cell::Decimal(m.amount()));
    out.push(amount(Some(row.value)));
    out.push(Cell::Text(Cow::Borrowed(row.value.currency().code())));
    out.push(amount(row.value_usd));
    out.push(date(item.exchange_rate_date));
    out.push(
        item.exchange_rate
            .map_or(Cell::Null, |r| Cell::Decimal(r.round_dp(EXACT_SCALE))),
    );
    out.push(amount(row.value_eur));
    out.push(amount(row.value_local));
    out.push(Cell::text(row.value_local.map(|m| m.currency().code())));
    let mut missing = Vec::new();
    if let Err(reason) = item.value_usd {
        missing.push(format!("value-usd: {reason}"));
    }
    if let Err(reason) = item.value_eur {
        missing.push(format!("value-eur: {reason}"));
    }
    out.push(if missing.is_empty() {
        Cell::Null
    } else {
        Cell::Text(Cow::Owned(missing.join("; ")))
    });
    out.push(date(row.date));
    out.push(Cell::Text(Cow::Borrowed(row.country.as_str())));
    out.push(Cell::Boolean(item.multi_country));
    let sector = row.sector.as_str();
    out.push(Cell::text(sector.get(..3).filter(|_| sector.len() == 5)));
    out.push(Cell::text(Some(sector)));
    out.push(Cell::Boolean(item.humanitarian));
    out.push(
        row.fiscal_year()
            .map_or(Cell::Null, |y| Cell::Integer(i64::from(y))),
    );
    let quarter = row.fiscal_quarter();
    out.push(quarter.map_or(Cell::Null, |q| Cell::Text(Cow::Owned(format!("Q{q}")))));
    out.push(row.fiscal_year().zip(quarter).map_or(Cell::Null, |(y, q)| {
        Cell::Text(Cow::Owned(format!("{y} Q{q}")))
    }));
    out.push(Cell::Text(Cow::Owned(activity.url())));
    out
}

impl Cell<'_> {
    fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::Null => Cell::Null,
            Cell::Text(t) => Cell::Text(Cow::Owned(t.into_owned())),
            Cell::Integer(i) => Cell::Integer(i),
            Cell::Decimal(d) => Cell::Decimal(d),
            Cell::Date(d) => Cell::Date(d),
            Cell::Boolean(b) => Cell::Boolean(b),
        }
    }
}
