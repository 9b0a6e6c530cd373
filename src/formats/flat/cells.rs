//! One row of each table as cells, in the order of its columns, for the CSV and Parquet
//! writers alike.

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{columns, Column, EXACT_SCALE};
use crate::analysis::flat::{FlatActivity, FlatItem, FlatRow};
use crate::analysis::totals::Flow;
use crate::formats::iati::code::OrganisationType;
use crate::formats::iati::records::{Narrative, OrgRef};

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

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Null,
    Text(Cow<'a, str>),
    Integer(i64),
    Decimal(Decimal),
    Date(NaiveDate),
    Boolean(bool),
    /// A year and quarter, written `2020 Q2`.
    YearQuarter(i32, u32),
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

/// What every row of an activity shows of it, worked out once.
pub(crate) struct ActivityText<'a> {
    origin: Origin<'a>,
    activity: &'a FlatActivity,
    titles: Vec<Option<&'a str>>,
    reporting: Vec<Option<String>>,
    url: String,
}

impl<'a> ActivityText<'a> {
    pub(crate) fn new(origin: Origin<'a>, activity: &'a FlatActivity, langs: &[&str]) -> Self {
        let reporting = activity.reporting_org.as_slice();
        ActivityText {
            origin,
            activity,
            titles: langs
                .iter()
                .map(|lang| narrative_in(&activity.title, lang))
                .collect(),
            reporting: langs
                .iter()
                .map(|lang| organisations(reporting, lang))
                .collect(),
            url: activity.url(),
        }
    }

    /// The cells of the activity's row in the `activities` table.
    pub(crate) fn cells(&self) -> Vec<Cell<'_>> {
        let mut out = vec![
            Cell::Text(Cow::Borrowed(self.origin.file)),
            index(self.origin.activity_index),
            Cell::Text(Cow::Borrowed(&self.activity.identifier)),
        ];
        out.extend(self.titles.iter().map(|t| Cell::text(*t)));
        out.push(Cell::text(
            self.activity
                .reporting_org
                .as_ref()
                .and_then(|o| o.reference.as_deref()),
        ));
        out.push(Cell::Text(Cow::Borrowed(&self.url)));
        out
    }
}

/// What every row of a transaction or budget shows of it, worked out once.
pub(crate) struct ItemText<'a> {
    item: &'a FlatItem,
    provider: Vec<Option<String>>,
    provider_type: Option<String>,
    receiver: Vec<Option<String>>,
    receiver_type: Option<String>,
    not_converted: Option<String>,
}

impl<'a> ItemText<'a> {
    pub(crate) fn new(item: &'a FlatItem, langs: &[&str]) -> Self {
        let mut missing = Vec::new();
        if let Err(reason) = item.value_usd {
            missing.push(format!("value-usd: {reason}"));
        }
        if let Err(reason) = item.value_eur {
            missing.push(format!("value-eur: {reason}"));
        }
        ItemText {
            item,
            provider: langs
                .iter()
                .map(|lang| organisations(&item.provider, lang))
                .collect(),
            provider_type: org_types(&item.provider),
            receiver: langs
                .iter()
                .map(|lang| organisations(&item.receiver, lang))
                .collect(),
            receiver_type: org_types(&item.receiver),
            not_converted: (!missing.is_empty()).then(|| missing.join("; ")),
        }
    }
}

/// Puts the cells of one row, in the order of [`columns`](super::columns), into `out`.
pub(crate) fn row_cells<'b>(
    activity: &'b ActivityText<'_>,
    item: &'b ItemText<'_>,
    row_index: usize,
    row: &'b FlatRow,
    out: &mut Vec<Cell<'b>>,
) {
    let flat = activity.activity;
    out.clear();
    out.push(Cell::Text(Cow::Borrowed(activity.origin.file)));
    out.push(index(activity.origin.activity_index));
    out.push(index(item.item.index));
    out.push(index(row_index));
    out.push(Cell::Text(Cow::Borrowed(&flat.identifier)));
    out.extend(activity.titles.iter().map(|t| Cell::text(*t)));
    out.extend(activity.reporting.iter().map(|r| Cell::text(r.as_deref())));
    let reporting_org = flat.reporting_org.as_ref();
    out.push(Cell::text(
        reporting_org.and_then(|o| o.reference.as_deref()),
    ));
    out.push(Cell::text(
        reporting_org.and_then(|o| o.kind.as_ref().map(OrganisationType::as_str)),
    ));
    out.push(Cell::text(row.aid_type.as_deref()));
    out.push(Cell::text(row.finance_type.as_deref()));
    out.push(Cell::text(row.flow_type.as_deref()));
    out.extend(item.provider.iter().map(|p| Cell::text(p.as_deref())));
    out.push(Cell::text(item.provider_type.as_deref()));
    out.extend(item.receiver.iter().map(|r| Cell::text(r.as_deref())));
    out.push(Cell::text(item.receiver_type.as_deref()));
    let it = item.item;
    let (kind, budget_type) = match &it.flow {
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
    let amount =
        |m: Option<crate::money::Money>| m.map_or(Cell::Null, |m| Cell::Decimal(m.amount()));
    out.push(date(it.period.map(|p| p.0)));
    out.push(date(it.period.map(|p| p.1)));
    out.push(amount(Some(row.value)));
    out.push(Cell::Text(Cow::Borrowed(row.value.currency().code())));
    out.push(amount(row.value_usd));
    out.push(date(it.exchange_rate_date));
    out.push(
        it.exchange_rate
            .map_or(Cell::Null, |r| Cell::Decimal(r.round_dp(EXACT_SCALE))),
    );
    out.push(amount(row.value_eur));
    out.push(amount(row.value_local));
    out.push(Cell::text(row.value_local.map(|m| m.currency().code())));
    out.push(Cell::text(item.not_converted.as_deref()));
    out.push(date(row.date));
    out.push(Cell::Text(Cow::Borrowed(row.country.as_str())));
    out.push(Cell::Boolean(it.multi_country));
    let sector = row.sector.as_str();
    out.push(Cell::text(sector.get(..3).filter(|_| sector.len() == 5)));
    out.push(Cell::text(Some(sector)));
    out.push(Cell::Boolean(it.humanitarian));
    match row.fiscal_year().zip(row.fiscal_quarter()) {
        Some((year, quarter)) => {
            out.push(Cell::Integer(i64::from(year)));
            out.push(Cell::Text(Cow::Borrowed(
                QUARTERS
                    .get(quarter.saturating_sub(1) as usize)
                    .copied()
                    .unwrap_or(""),
            )));
            out.push(Cell::YearQuarter(year, quarter));
        }
        None => out.extend([Cell::Null, Cell::Null, Cell::Null]),
    }
    out.push(Cell::Text(Cow::Borrowed(&activity.url)));
}

const QUARTERS: [&str; 4] = ["Q1", "Q2", "Q3", "Q4"];

impl Cell<'_> {
    #[cfg(feature = "parquet")]
    pub(crate) fn into_owned(self) -> Cell<'static> {
        match self {
            Cell::Null => Cell::Null,
            Cell::Text(t) => Cell::Text(Cow::Owned(t.into_owned())),
            Cell::Integer(i) => Cell::Integer(i),
            Cell::Decimal(d) => Cell::Decimal(d),
            Cell::Date(d) => Cell::Date(d),
            Cell::Boolean(b) => Cell::Boolean(b),
            Cell::YearQuarter(y, q) => Cell::YearQuarter(y, q),
        }
    }
}
