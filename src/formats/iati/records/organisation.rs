//! The typed IATI 2.03 organisation record: what an organisation file says about its publisher.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::activity::{Coded, DocumentLink, Narrative, OrgRef, ReportingOrg, Value};
use crate::formats::iati::code::{BudgetStatus, Code};
use crate::money::Currency;

/// A budget line or expense line: part of a budget or an expenditure.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::{IatiReader, Record};
///
/// let xml = r#"<iati-organisation default-currency="USD"><organisation-identifier>XM-DAC-47066</organisation-identifier>
///   <total-expenditure><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>
///     <value value-date="2020-12-31">2100</value><expense-line ref="ops"><value value-date="2020-12-31">100</value></expense-line>
///   </total-expenditure></iati-organisation>"#;
/// let Some(Record::Organisation(org)) = IatiReader::new(xml.as_bytes())?.next_record()? else { return Ok(()) };
/// let line = &org.total_expenditures[0].lines[0];
/// assert_eq!(line.reference.as_deref(), Some("ops"));
/// assert_eq!(line.value.as_ref().and_then(|v| v.money).map(|m| m.to_string()), Some("USD 100".to_owned()));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BudgetLine {
    /// The publisher's reference for the line.
    pub reference: Option<String>,
    /// The amount.
    pub value: Option<Value>,
    /// Its narratives.
    pub narratives: Vec<Narrative>,
}

/// A budget for a period: total, for a recipient organisation, region or country, or an
/// expenditure.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::{IatiReader, Record};
///
/// let xml = r#"<iati-organisation default-currency="USD"><organisation-identifier>XM-DAC-47066</organisation-identifier>
///   <total-expenditure><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/>
///     <value value-date="2020-12-31">2100</value><expense-line ref="ops"><value value-date="2020-12-31">100</value></expense-line>
///   </total-expenditure></iati-organisation>"#;
/// let Some(Record::Organisation(org)) = IatiReader::new(xml.as_bytes())?.next_record()? else { return Ok(()) };
/// let spent = &org.total_expenditures[0];
/// assert_eq!(spent.value.as_ref().and_then(|v| v.money).map(|m| m.to_string()), Some("USD 2100".to_owned()));
/// assert_eq!(spent.status, None);
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrgBudget {
    /// The budget status code (1 indicative, 2 committed); expenditures have none.
    pub status: Option<BudgetStatus>,
    /// The recipient organisation (`recipient-org-budget`).
    pub recipient_org: Option<OrgRef>,
    /// The recipient region or country (`recipient-region-budget`, `recipient-country-budget`).
    pub recipient_area: Option<Coded>,
    /// The first day of the period.
    pub period_start: Option<NaiveDate>,
    /// The last day of the period.
    pub period_end: Option<NaiveDate>,
    /// The amount.
    pub value: Option<Value>,
    /// Its budget or expense lines.
    pub lines: Vec<BudgetLine>,
}

/// One organisation of an `iati-organisations` file: what a publisher says about itself, its
/// budgets and its spending.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::{IatiReader, Record};
///
/// let xml = r#"<iati-organisations version="2.03">
///   <iati-organisation default-currency="USD">
///     <organisation-identifier>XM-DAC-47066</organisation-identifier>
///     <name><narrative>International Organization for Migration</narrative></name>
///     <total-budget status="2"><period-start iso-date="2020-01-01"/>
///       <period-end iso-date="2020-12-31"/><value value-date="2020-01-01">100</value>
///     </total-budget>
///   </iati-organisation>
/// </iati-organisations>"#;
/// let mut reader = IatiReader::new(xml.as_bytes())?;
/// let Some(Record::Organisation(org)) = reader.next_record()? else { panic!("an organisation") };
/// assert_eq!(org.identifier, "XM-DAC-47066");
/// assert_eq!(org.total_budgets[0].value.as_ref().and_then(|v| v.money).map(|m| m.to_string()),
///            Some("USD 100".to_owned()));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IatiOrganisation {
    /// The organisation identifier.
    pub identifier: String,
    /// The IATI version of the file.
    pub version: Option<String>,
    /// The default language of its narratives.
    pub default_language: Option<Code>,
    /// The currency of values that do not give one.
    pub default_currency: Option<Currency>,
    /// When the publisher last changed it, as written.
    pub last_updated: Option<String>,
    /// Its names.
    pub name: Vec<Narrative>,
    /// The publisher of the record.
    pub reporting_org: Option<ReportingOrg>,
    /// Its total budgets.
    pub total_budgets: Vec<OrgBudget>,
    /// Budgets for recipient organisations.
    pub recipient_org_budgets: Vec<OrgBudget>,
    /// Budgets for recipient regions.
    pub recipient_region_budgets: Vec<OrgBudget>,
    /// Budgets for recipient countries.
    pub recipient_country_budgets: Vec<OrgBudget>,
    /// Its total expenditures.
    pub total_expenditures: Vec<OrgBudget>,
    /// Documents.
    pub document_links: Vec<DocumentLink>,
}
