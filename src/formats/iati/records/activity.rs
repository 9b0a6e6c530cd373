//! The typed IATI 2.03 activity: every element of the standard's activity schema, as plain data.
//!
//! Codes are typed where queries ask about them ([`TransactionType`], [`OrganisationRole`],
//! [`BudgetType`], ...) and [`Code`]s elsewhere, after the reader has mapped version-1 codes to
//! their version-2 equivalents; the reader checks them against the 2.03 codelists when asked
//! ([`Codelist`](crate::formats::iati::code::Codelist)).
//! Amounts are [`Money`], dates [`NaiveDate`], percentages and rates [`Decimal`].

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::formats::iati::code::{
    ActivityDateType, ActivityScope, ActivityStatus, BudgetStatus, BudgetType, Code,
    CollaborationType, DescriptionType, FinanceType, FlowType, HumanitarianScopeType,
    IndicatorMeasure, OrganisationRole, OrganisationType, RelatedActivityType, ResultType,
    TiedStatus, TransactionType,
};
use crate::money::{Currency, Money};

/// Text in one language: an IATI `narrative`.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><title><narrative xml:lang="fr">Protection des migrants</narrative></title></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.title[0].lang.as_deref(), Some("fr"));
/// assert_eq!(a.title[0].text, "Protection des migrants");
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Narrative {
    /// The `xml:lang` code, when the narrative gives one (otherwise the activity's language).
    pub lang: Option<Code>,
    /// The text, with line ends normalised as XML does.
    pub text: String,
}

/// An organisation as IATI refers to one: a reporting, provider, receiver or owner organisation.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::OrganisationType;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><participating-org role="1" ref="XI-IATI-EC_ECHO" type="15"><narrative>DG ECHO</narrative></participating-org></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let org = &a.participating_orgs[0].org;
/// assert_eq!(org.reference.as_deref(), Some("XI-IATI-EC_ECHO"));
/// assert_eq!(org.kind, Some(OrganisationType::OTHER_PUBLIC_SECTOR));
/// assert_eq!(org.names[0].text, "DG ECHO");
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrgRef {
    /// The organisation identifier (`@ref`), such as `XM-DAC-47066`.
    pub reference: Option<String>,
    /// The organisation type code (`@type`, `OrganisationType` codelist).
    pub kind: Option<OrganisationType>,
    /// The identifier of the organisation's own activity (`@provider-activity-id`,
    /// `@receiver-activity-id` or `@activity-id`).
    pub activity_id: Option<String>,
    /// Its names.
    pub names: Vec<Narrative>,
}

impl OrgRef {
    /// How the organisation is shown: its identifier, else its first name in quotes, else
    /// `(unnamed)`.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::records::{Narrative, OrgRef};
    ///
    /// let named = OrgRef { names: vec![Narrative { lang: None, text: " Local NGO ".into() }], ..OrgRef::default() };
    /// assert_eq!(named.label(), "\"Local NGO\"");
    /// let iom = OrgRef { reference: Some("XM-DAC-47066".into()), ..named };
    /// assert_eq!(iom.label(), "XM-DAC-47066");
    /// assert_eq!(OrgRef::default().label(), "(unnamed)");
    /// ```
    #[must_use]
    pub fn label(&self) -> String {
        match (&self.reference, self.names.first()) {
            (Some(reference), _) => reference.clone(),
            (None, Some(name)) => format!("\"{}\"", name.text.trim()),
            (None, None) => "(unnamed)".to_owned(),
        }
    }
}

/// The organisation that publishes an activity.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><reporting-org ref="XM-DAC-47066" type="40" secondary-reporter="0"/></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let reporter = a.reporting_org.expect("a reporting organisation");
/// assert_eq!(reporter.org.reference.as_deref(), Some("XM-DAC-47066"));
/// assert_eq!(reporter.secondary_reporter, Some(false));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReportingOrg {
    /// The organisation.
    pub org: OrgRef,
    /// Whether it reports on behalf of another (`@secondary-reporter`).
    pub secondary_reporter: Option<bool>,
}

/// An organisation taking part in an activity, with its role.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::OrganisationRole;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><participating-org role="Implementing" ref="XM-DAC-47066"/></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.participating_orgs[0].role, Some(OrganisationRole::IMPLEMENTING));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParticipatingOrg {
    /// The role code (`OrganisationRole`: 1 funding, 2 accountable, 3 extending, 4 implementing).
    pub role: Option<OrganisationRole>,
    /// The organisation.
    pub org: OrgRef,
    /// The OECD CRS channel code.
    pub crs_channel_code: Option<Code>,
}

/// A coded element: a sector, recipient country or region, tag, policy marker, aid type and the
/// many other IATI elements that carry a code, optionally from a vocabulary.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><sector vocabulary="1" code="15190" percentage="60"/></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let sector = &a.sectors[0];
/// assert_eq!((sector.code.as_ref(), sector.vocabulary.as_deref()), ("15190", Some("1")));
/// assert_eq!(sector.percentage, Some(60.into()));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Coded {
    /// The code (`@code`).
    pub code: Code,
    /// The vocabulary the code is from (`@vocabulary`).
    pub vocabulary: Option<Code>,
    /// Where a reporting organisation's own vocabulary is published (`@vocabulary-uri`).
    pub vocabulary_uri: Option<String>,
    /// The share of the activity, from 0 to 100 (`@percentage`).
    #[serde(with = "crate::serde_text::option_decimal_text", default)]
    pub percentage: Option<Decimal>,
    /// A significance code (policy markers, other flags).
    pub significance: Option<Code>,
    /// Its narratives.
    pub narratives: Vec<Narrative>,
}

/// A description of the activity, with its type.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::DescriptionType;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><description type="2"><narrative>Objectives</narrative></description></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.descriptions[0].kind, Some(DescriptionType::OBJECTIVES));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Description {
    /// The description type code (`DescriptionType`: 1 general, 2 objectives, ...).
    pub kind: Option<DescriptionType>,
    /// Its narratives.
    pub narratives: Vec<Narrative>,
}

/// Another identifier of the activity.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><other-identifier ref="ABC-1" type="A1"><owner-org ref="XM-DAC-47066"/></other-identifier></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let other = &a.other_identifiers[0];
/// assert_eq!(other.owner.as_ref().and_then(|o| o.reference.as_deref()), Some("XM-DAC-47066"));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OtherIdentifier {
    /// The identifier.
    pub reference: Option<String>,
    /// Its type code (`OtherIdentifierType`).
    pub kind: Option<Code>,
    /// The organisation that owns it.
    pub owner: Option<OrgRef>,
}

/// A date in the activity's life, with its type.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><activity-date type="2" iso-date="2016-12-01"/></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.dates[0].date, chrono::NaiveDate::from_ymd_opt(2016, 12, 1));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivityDate {
    /// The date type code (`ActivityDateType`: 1 planned start, 2 actual start, 3 planned end,
    /// 4 actual end).
    pub kind: Option<ActivityDateType>,
    /// The date.
    pub date: Option<NaiveDate>,
    /// Its narratives.
    pub narratives: Vec<Narrative>,
}

/// Contact details for the activity.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><contact-info type="1"><email>info@example.org</email></contact-info></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.contacts[0].email, ["info@example.org"]);
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContactInfo {
    /// The contact type code.
    pub kind: Option<Code>,
    /// The organisation's name.
    pub organisation: Vec<Narrative>,
    /// The department.
    pub department: Vec<Narrative>,
    /// The person's name.
    pub person_name: Vec<Narrative>,
    /// The person's job title.
    pub job_title: Vec<Narrative>,
    /// Telephone numbers.
    pub telephone: Vec<String>,
    /// Email addresses.
    pub email: Vec<String>,
    /// Web sites.
    pub website: Vec<String>,
    /// The postal address.
    pub mailing_address: Vec<Vec<Narrative>>,
}

/// A place where the activity happens.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><location ref="NE-NIA"><name><narrative>Niamey</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>13.51 2.11</pos></point></location></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let place = &a.locations[0];
/// assert_eq!(place.name[0].text, "Niamey");
/// assert_eq!(place.point.as_ref().and_then(|p| p.pos.as_deref()), Some("13.51 2.11"));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    /// The publisher's own reference for the location.
    pub reference: Option<String>,
    /// Whether the activity happens there or its beneficiaries live there (`location-reach`).
    pub reach: Option<Code>,
    /// Identifiers in gazetteers (`location-id`).
    pub ids: Vec<Coded>,
    /// Its name.
    pub name: Vec<Narrative>,
    /// A description of the place.
    pub description: Vec<Narrative>,
    /// What the activity does there.
    pub activity_description: Vec<Narrative>,
    /// Administrative divisions it is in; `significance` holds the `@level`.
    pub administrative: Vec<Coded>,
    /// The coordinates, latitude then longitude, as written (`point/pos`).
    pub point: Option<Point>,
    /// How exact the location is.
    pub exactness: Option<Code>,
    /// The location class.
    pub class: Option<Code>,
    /// The feature designation.
    pub feature_designation: Option<Code>,
}

/// A geographic point.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><location><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>13.51 2.11</pos></point></location></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let point = a.locations[0].point.clone().unwrap_or_default();
/// assert_eq!(point.pos.as_deref(), Some("13.51 2.11"));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Point {
    /// The spatial reference system (`@srsName`).
    pub srs_name: Option<String>,
    /// Latitude and longitude as written, separated by a space.
    pub pos: Option<String>,
}

/// The activity's budget items in a recipient country's budget classification.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><country-budget-items vocabulary="4"><budget-item code="1844" percentage="100"><description><narrative>Health</narrative></description></budget-item></country-budget-items></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let items = a.country_budget_items.unwrap_or_default();
/// assert_eq!(items.items[0].narratives[0].text, "Health");
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CountryBudgetItems {
    /// The budget identifier vocabulary.
    pub vocabulary: Option<Code>,
    /// The items; each `Coded` keeps its description in `narratives`.
    pub items: Vec<Coded>,
}

/// A humanitarian emergency or appeal the activity responds to.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::HumanitarianScopeType;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><humanitarian-scope type="1" vocabulary="1-2" code="EP-2020-000012-001"/></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.humanitarian_scopes[0].kind, Some(HumanitarianScopeType::EMERGENCY));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HumanitarianScope {
    /// The scope type code (emergency or appeal).
    pub kind: Option<HumanitarianScopeType>,
    /// The code in its vocabulary.
    pub scope: Coded,
}

/// An amount as IATI reports one: a `value` element.
///
/// `money` is present when the text is a number and the currency is known (from `@currency` or
/// the activity's `@default-currency`); otherwise the reader adds a diagnostic and `money` is
/// `None`, with the text kept.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><budget><value currency="USD" value-date="2020-01-01">100</value></budget></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let value = a.budgets[0].value.clone().unwrap_or_default();
/// assert_eq!(value.money.map(|m| m.to_string()), Some("USD 100".to_owned()));
/// assert_eq!(value.currency, Some(partnerships::Currency::USD));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Value {
    /// The amount in its currency.
    pub money: Option<Money>,
    /// The value's own currency (`@currency`); `None` when it takes the activity's default.
    pub currency: Option<Currency>,
    /// `@currency` as written when it is no currency this crate knows (the amount then has no
    /// money), so that writing the value keeps it.
    pub unknown_currency: Option<String>,
    /// The date at which the amount is valued, for conversion (`@value-date`).
    pub value_date: Option<NaiveDate>,
    /// The text as written.
    pub text: String,
}

impl Value {
    /// The amount as written, when the text is a number (`xsd:decimal`), whether or not its
    /// currency is known.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::formats::iati::records::Value;
    ///
    /// let value = Value { text: " 1500.50 ".to_owned(), ..Value::default() };
    /// assert_eq!(value.amount().map(|a| a.to_string()), Some("1500.50".to_owned()));
    /// assert_eq!(Value { text: "1,500".to_owned(), ..Value::default() }.amount(), None);
    /// ```
    #[must_use]
    pub fn amount(&self) -> Option<Decimal> {
        self.money
            .map(|m| m.amount())
            .or_else(|| parse_number(self.text.trim_ascii()))
    }
}

/// A decimal as IATI writes one (`xsd:decimal`: optional sign, digits, optional point), exactly.
pub(crate) fn parse_number(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let ok = !digits.is_empty()
        && digits != "."
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1;
    if !ok {
        return None;
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    // Exactly or not at all: a number a decimal cannot hold is not rounded into one.
    Decimal::from_str_exact(unsigned).ok()
}

/// A planned budget for a period.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::{BudgetStatus, BudgetType};
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><budget type="2" status="1"><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/></budget></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.budgets[0].kind, Some(BudgetType::REVISED));
/// assert_eq!(a.budgets[0].status, Some(BudgetStatus::INDICATIVE));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivityBudget {
    /// The budget type code (1 original, 2 revised).
    pub kind: Option<BudgetType>,
    /// The budget status code (1 indicative, 2 committed).
    pub status: Option<BudgetStatus>,
    /// The first day of the period.
    pub period_start: Option<NaiveDate>,
    /// The last day of the period.
    pub period_end: Option<NaiveDate>,
    /// The amount.
    pub value: Option<Value>,
}

/// A disbursement planned for a period.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><planned-disbursement type="1"><provider-org ref="XI-IATI-EC_ECHO"/></planned-disbursement></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let planned = &a.planned_disbursements[0];
/// assert_eq!(planned.provider.as_ref().and_then(|o| o.reference.as_deref()), Some("XI-IATI-EC_ECHO"));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlannedDisbursement {
    /// The budget type code.
    pub kind: Option<BudgetType>,
    /// The first day of the period.
    pub period_start: Option<NaiveDate>,
    /// The last day of the period.
    pub period_end: Option<NaiveDate>,
    /// The amount.
    pub value: Option<Value>,
    /// The organisation the money comes from.
    pub provider: Option<OrgRef>,
    /// The organisation it goes to.
    pub receiver: Option<OrgRef>,
}

/// A financial transaction: a commitment, disbursement, expenditure, incoming fund, ...
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::TransactionType;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><transaction><transaction-type code="3"/><transaction-date iso-date="2020-10-13"/><receiver-org><narrative>IOM</narrative></receiver-org></transaction></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let t = &a.transactions[0];
/// assert_eq!(t.kind, Some(TransactionType::DISBURSEMENT));
/// assert_eq!(t.receiver.as_ref().map(|r| r.names[0].text.as_str()), Some("IOM"));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Transaction {
    /// The publisher's reference for the transaction.
    pub reference: Option<String>,
    /// Whether it is humanitarian.
    pub humanitarian: Option<bool>,
    /// The transaction type code (`TransactionType`: 1 incoming funds, 2 outgoing commitment,
    /// 3 disbursement, 4 expenditure, ...).
    pub kind: Option<TransactionType>,
    /// The day of the transaction.
    pub date: Option<NaiveDate>,
    /// The amount.
    pub value: Option<Value>,
    /// Descriptions.
    pub description: Vec<Narrative>,
    /// Who paid.
    pub provider: Option<OrgRef>,
    /// Who received.
    pub receiver: Option<OrgRef>,
    /// The disbursement channel code.
    pub disbursement_channel: Option<Code>,
    /// Sectors of this transaction.
    pub sectors: Vec<Coded>,
    /// Recipient countries of this transaction.
    pub recipient_countries: Vec<Coded>,
    /// Recipient regions of this transaction.
    pub recipient_regions: Vec<Coded>,
    /// The flow type code.
    pub flow_type: Option<FlowType>,
    /// The finance type code.
    pub finance_type: Option<FinanceType>,
    /// Aid types.
    pub aid_types: Vec<Coded>,
    /// The tied status code.
    pub tied_status: Option<TiedStatus>,
}

/// A document about the activity, its results or its organisation.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><document-link url="https://example.org/r.pdf" format="application/pdf"><category code="A01"/></document-link></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.document_links[0].categories, ["A01"]);
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DocumentLink {
    /// Where it is.
    pub url: Option<String>,
    /// Its MIME type.
    pub format: Option<String>,
    /// Its title.
    pub title: Vec<Narrative>,
    /// Its description.
    pub description: Vec<Narrative>,
    /// Its category codes.
    pub categories: Vec<Code>,
    /// Its language codes.
    pub languages: Vec<Code>,
    /// When it was published.
    pub date: Option<NaiveDate>,
    /// Countries its budget applies to (organisation files).
    pub recipient_countries: Vec<Coded>,
}

/// Another activity this one relates to.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::RelatedActivityType;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><related-activity ref="XM-DAC-47066-P" type="1"/></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.related_activities[0].kind, Some(RelatedActivityType::PARENT));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RelatedActivity {
    /// Its identifier.
    pub reference: Option<String>,
    /// The relation code (1 parent, 2 child, 3 sibling, 4 co-funded, 5 third party).
    pub kind: Option<RelatedActivityType>,
}

/// A field of the publisher's own system and its IATI equivalent.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><legacy-data name="Project Status" value="7" iati-equivalent="activity-status"/></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.legacy_data[0].value.as_deref(), Some("7"));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LegacyData {
    /// The field's name.
    pub name: Option<String>,
    /// Its value.
    pub value: Option<String>,
    /// The IATI element it corresponds to.
    pub iati_equivalent: Option<String>,
}

/// A condition attached to the activity, with its type.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><conditions attached="1"><condition type="2"><narrative>Reforms</narrative></condition></conditions></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let condition = &a.conditions.unwrap_or_default().conditions[0];
/// assert_eq!(condition.kind.as_deref(), Some("2"));
/// assert_eq!(condition.narratives[0].text, "Reforms");
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Condition {
    /// The condition type code (`ConditionType`: 1 policy, 2 performance, 3 fiduciary).
    pub kind: Option<Code>,
    /// Its narratives.
    pub narratives: Vec<Narrative>,
}

/// The conditions attached to the activity.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><conditions attached="1"><condition type="1"><narrative>Co-funding</narrative></condition></conditions></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.conditions.map(|c| c.attached), Some(Some(true)));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Conditions {
    /// Whether there are conditions (`@attached`).
    pub attached: Option<bool>,
    /// Each condition: its type code and narratives.
    pub conditions: Vec<Condition>,
}

/// A result the activity reports: an output, outcome or impact with its indicators.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::ResultType;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><result type="2"><title><narrative>Migrants protected</narrative></title></result></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.results[0].kind, Some(ResultType::OUTCOME));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivityResult {
    /// The result type code (`ResultType`: 1 output, 2 outcome, 3 impact, 9 other).
    pub kind: Option<ResultType>,
    /// Whether the result can be aggregated across activities.
    pub aggregation_status: Option<bool>,
    /// Its title.
    pub title: Vec<Narrative>,
    /// Its description.
    pub description: Vec<Narrative>,
    /// Documents about it.
    pub document_links: Vec<DocumentLink>,
    /// References to results frameworks; `significance` holds an `@indicator-uri`.
    pub references: Vec<Coded>,
    /// Its indicators.
    pub indicators: Vec<Indicator>,
}

/// A measure of a result.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><result type="1"><indicator measure="1" ascending="1"><title><narrative>People assisted</narrative></title></indicator></result></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.results[0].indicators[0].ascending, Some(true));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Indicator {
    /// The measure code (`IndicatorMeasure`: 1 unit, 2 percentage, 3 nominal, 4 ordinal,
    /// 5 qualitative).
    pub measure: Option<IndicatorMeasure>,
    /// Whether a higher value is better.
    pub ascending: Option<bool>,
    /// Whether the indicator can be aggregated.
    pub aggregation_status: Option<bool>,
    /// Its title.
    pub title: Vec<Narrative>,
    /// Its description.
    pub description: Vec<Narrative>,
    /// Documents about it.
    pub document_links: Vec<DocumentLink>,
    /// References to indicator vocabularies; `significance` holds an `@indicator-uri`.
    pub references: Vec<Coded>,
    /// Its baselines.
    pub baselines: Vec<ResultValue>,
    /// The periods it is measured over.
    pub periods: Vec<ResultPeriod>,
}

/// A period of an indicator with its targets and actuals.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><result type="1"><indicator measure="1"><period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><target value="100"/></period></indicator></result></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let period = &a.results[0].indicators[0].periods[0];
/// assert_eq!(period.targets[0].number, Some(100.into()));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResultPeriod {
    /// The first day.
    pub start: Option<NaiveDate>,
    /// The last day.
    pub end: Option<NaiveDate>,
    /// Its targets.
    pub targets: Vec<ResultValue>,
    /// Its actuals.
    pub actuals: Vec<ResultValue>,
}

/// A baseline, target or actual of an indicator.
///
/// Real files write `N/A`, `Yes` and free text where a number belongs: `raw` keeps what was
/// written and `number` holds it parsed when it is a number.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><result type="1"><indicator measure="5"><period><actual value="Yes"/></period></indicator></result></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let actual = &a.results[0].indicators[0].periods[0].actuals[0];
/// assert_eq!((actual.raw.as_deref(), actual.number), (Some("Yes"), None));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ResultValue {
    /// The value as written (`@value`).
    pub raw: Option<String>,
    /// The value as a decimal, when it is one.
    #[serde(with = "crate::serde_text::option_decimal_text", default)]
    pub number: Option<Decimal>,
    /// The baseline year, as written (`year="201"` is real).
    pub year: Option<String>,
    /// The baseline date.
    pub date: Option<NaiveDate>,
    /// Location references.
    pub locations: Vec<String>,
    /// Disaggregations, as name and value.
    pub dimensions: Vec<(String, String)>,
    /// Documents about it.
    pub document_links: Vec<DocumentLink>,
    /// Comments.
    pub comment: Vec<Narrative>,
}

/// Loan terms and status reported to the OECD CRS.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><crs-add><channel-code>47066</channel-code></crs-add></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// assert_eq!(a.crs_add.and_then(|c| c.channel_code).as_deref(), Some("47066"));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CrsAdd {
    /// Other flags, with their significance.
    pub other_flags: Vec<Coded>,
    /// Interest rate 1, in percent (`loan-terms/@rate-1`).
    #[serde(with = "crate::serde_text::option_decimal_text", default)]
    pub rate_1: Option<Decimal>,
    /// Interest rate 2, in percent (`loan-terms/@rate-2`).
    #[serde(with = "crate::serde_text::option_decimal_text", default)]
    pub rate_2: Option<Decimal>,
    /// The repayment type code.
    pub repayment_type: Option<Code>,
    /// The repayment plan code.
    pub repayment_plan: Option<Code>,
    /// The commitment date.
    pub commitment_date: Option<NaiveDate>,
    /// The first repayment date.
    pub repayment_first_date: Option<NaiveDate>,
    /// The last repayment date.
    pub repayment_final_date: Option<NaiveDate>,
    /// The loan status.
    pub loan_status: Option<LoanStatus>,
    /// The CRS channel code.
    pub channel_code: Option<String>,
}

/// A loan's status in a year.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><crs-add><loan-status year="2020" currency="EUR" value-date="2020-12-31"><principal-outstanding>500</principal-outstanding></loan-status></crs-add></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let status = a.crs_add.and_then(|c| c.loan_status).unwrap_or_default();
/// let outstanding = status.principal_outstanding.and_then(|v| v.money);
/// assert_eq!(outstanding.map(|m| m.to_string()), Some("EUR 500".to_owned()));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LoanStatus {
    /// The year.
    pub year: Option<String>,
    /// The currency of the amounts.
    pub currency: Option<Currency>,
    /// The valuation date.
    pub value_date: Option<NaiveDate>,
    /// Interest received.
    pub interest_received: Option<Value>,
    /// Principal outstanding.
    pub principal_outstanding: Option<Value>,
    /// Principal in arrears.
    pub principal_arrears: Option<Value>,
    /// Interest in arrears.
    pub interest_arrears: Option<Value>,
}

/// A forward spending survey.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
///
/// let xml = r#"<iati-activity><iati-identifier>AA-1</iati-identifier><fss extraction-date="2020-05-01" priority="1"><forecast year="2021" currency="EUR" value-date="2020-05-01">1000</forecast></fss></iati-activity>"#;
/// let a = IatiReader::new(xml.as_bytes())?.next_activity()?.unwrap_or_default();
/// let fss = a.fss.unwrap_or_default();
/// assert_eq!(fss.forecasts[0].0.as_deref(), Some("2021"));
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Fss {
    /// When the data were extracted.
    pub extraction_date: Option<NaiveDate>,
    /// Whether the activity is a priority.
    pub priority: Option<bool>,
    /// The year the activity phases out.
    pub phaseout_year: Option<String>,
    /// Forecasts by year.
    pub forecasts: Vec<(Option<String>, Value)>,
}

/// One IATI activity, as the 2.03 standard describes it.
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::formats::iati::IatiReader;
/// use partnerships::formats::iati::code::TransactionType;
///
/// let xml = r#"<iati-activities version="2.03"><iati-activity default-currency="EUR">
///   <iati-identifier>XI-IATI-EC_NEAR-1</iati-identifier>
///   <transaction><transaction-type code="D"/><transaction-date iso-date="2020-10-13"/>
///     <value value-date="2020-10-13">1000.50</value></transaction>
/// </iati-activity></iati-activities>"#;
/// let mut reader = IatiReader::new(xml.as_bytes())?;
/// let activity = reader.next_activity()?.expect("one activity");
/// assert_eq!(activity.identifier, "XI-IATI-EC_NEAR-1");
/// let transaction = &activity.transactions[0];
/// assert_eq!(transaction.kind, Some(TransactionType::DISBURSEMENT)); // version-1 `D`
/// let money = transaction.value.as_ref().and_then(|v| v.money).expect("an amount");
/// assert_eq!(money.to_string(), "EUR 1000.50");
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Activity {
    /// The activity identifier (`iati-identifier`).
    pub identifier: String,
    /// The IATI version of the file, or `@iati-activities:version` as d-portal writes it.
    pub version: Option<String>,
    /// The default language of its narratives (`@xml:lang`).
    pub default_language: Option<Code>,
    /// The currency of values that do not give one.
    pub default_currency: Option<Currency>,
    /// When the publisher last changed it (`@last-updated-datetime`), as written.
    pub last_updated: Option<String>,
    /// Whether the activity is humanitarian.
    pub humanitarian: Option<bool>,
    /// Its level in the publisher's hierarchy of activities.
    pub hierarchy: Option<String>,
    /// Its linked-data URI.
    pub linked_data_uri: Option<String>,
    /// Whether the publisher states that no budget is given (`@budget-not-provided` code).
    pub budget_not_provided: Option<Code>,
    /// The publisher.
    pub reporting_org: Option<ReportingOrg>,
    /// Its titles.
    pub title: Vec<Narrative>,
    /// Its descriptions.
    pub descriptions: Vec<Description>,
    /// The organisations taking part.
    pub participating_orgs: Vec<ParticipatingOrg>,
    /// Other identifiers.
    pub other_identifiers: Vec<OtherIdentifier>,
    /// The activity status code (`ActivityStatus`: 1 pipeline, 2 implementation, ...).
    pub status: Option<ActivityStatus>,
    /// Its dates.
    pub dates: Vec<ActivityDate>,
    /// Contacts.
    pub contacts: Vec<ContactInfo>,
    /// The activity scope code.
    pub scope: Option<ActivityScope>,
    /// Recipient countries (ISO 3166-1 alpha-2) with percentages.
    pub recipient_countries: Vec<Coded>,
    /// Recipient regions with vocabularies and percentages.
    pub recipient_regions: Vec<Coded>,
    /// Locations.
    pub locations: Vec<Location>,
    /// Sectors with vocabularies and percentages.
    pub sectors: Vec<Coded>,
    /// Tags.
    pub tags: Vec<Coded>,
    /// Country budget items.
    pub country_budget_items: Option<CountryBudgetItems>,
    /// Humanitarian scopes.
    pub humanitarian_scopes: Vec<HumanitarianScope>,
    /// Policy markers with their significance.
    pub policy_markers: Vec<Coded>,
    /// The collaboration type code.
    pub collaboration_type: Option<CollaborationType>,
    /// The default flow type code.
    pub default_flow_type: Option<FlowType>,
    /// The default finance type code.
    pub default_finance_type: Option<FinanceType>,
    /// Default aid types.
    pub default_aid_types: Vec<Coded>,
    /// The default tied status code.
    pub default_tied_status: Option<TiedStatus>,
    /// Budgets.
    pub budgets: Vec<ActivityBudget>,
    /// Planned disbursements.
    pub planned_disbursements: Vec<PlannedDisbursement>,
    /// The share of capital spend, in percent.
    #[serde(with = "crate::serde_text::option_decimal_text", default)]
    pub capital_spend: Option<Decimal>,
    /// Transactions.
    pub transactions: Vec<Transaction>,
    /// Documents.
    pub document_links: Vec<DocumentLink>,
    /// Related activities.
    pub related_activities: Vec<RelatedActivity>,
    /// Legacy data.
    pub legacy_data: Vec<LegacyData>,
    /// Conditions.
    pub conditions: Option<Conditions>,
    /// Results.
    pub results: Vec<ActivityResult>,
    /// CRS additions.
    pub crs_add: Option<CrsAdd>,
    /// Forward spending survey.
    pub fss: Option<Fss>,
}
