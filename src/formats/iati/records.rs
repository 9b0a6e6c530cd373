//! The IATI 2.03 records as plain data: an [`Activity`] with every element of the standard's
//! activity schema, and an [`IatiOrganisation`] with what an organisation file says.
//!
//! Amounts are [`Money`](crate::money::Money) in their own or the activity's default
//! currency, with their value date, or stay text when they cannot be ([`Value`]); dates are
//! [`NaiveDate`](chrono::NaiveDate)s, percentages and rates exact decimals, and codes
//! typed ([`code`](super::code)). Records serialise with serde, amounts as strings.
//!
//! # Example
//!
//! ```
//! use partnerships::formats::iati::code::TransactionType;
//! use partnerships::formats::iati::records::{Activity, Transaction, Value};
//!
//! let mut activity = Activity { identifier: "XM-DAC-47066-DP.1".to_owned(), ..Activity::default() };
//! activity.transactions.push(Transaction {
//!     kind: Some(TransactionType::DISBURSEMENT),
//!     value: Some(Value { money: Some("EUR 1000.00".parse()?), text: "1000.00".to_owned(), ..Value::default() }),
//!     ..Transaction::default()
//! });
//! let json = serde_json::to_value(&activity)?;
//! assert_eq!(json["transactions"][0]["kind"], "3");
//! assert_eq!(json["transactions"][0]["value"]["money"]["amount"], "1000.00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod activity;
mod organisation;

#[cfg(feature = "iati")]
pub(crate) use activity::parse_number;
pub use activity::{
    Activity, ActivityBudget, ActivityDate, ActivityResult, Coded, Condition, Conditions,
    ContactInfo, CountryBudgetItems, CrsAdd, Description, DocumentLink, Fss, HumanitarianScope,
    Indicator, LegacyData, LoanStatus, Location, Narrative, OrgRef, OtherIdentifier,
    ParticipatingOrg, PlannedDisbursement, Point, RelatedActivity, ReportingOrg, ResultPeriod,
    ResultValue, Transaction, Value,
};
pub use organisation::{BudgetLine, IatiOrganisation, OrgBudget};
