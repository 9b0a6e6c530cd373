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
    pub(crate) fn into_owned(self) -> Cell<'static> {
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
