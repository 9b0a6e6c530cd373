//! IATI 2.03 XML: a streaming reader of activity and organisation files and a writer of activity
//! files (feature `iati`).
//!
//! The [International Aid Transparency Initiative](https://iatistandard.org/en/iati-standard/203/)
//! standard is how the EU, IOM and over a thousand other publishers report their activities:
//! budgets, transactions, participating organisations and results. [`IatiReader`] reads its
//! files one [`Activity`] or [`Organisation`] at a time from any [`std::io::BufRead`], so a
//! 1.7 GB file is read in the memory of one activity.
//!
//! Real files are messy, and the reader is built for them:
//!
//! - version-1 codes in version-2 files are mapped (`FUNDING` → `1`, transaction type `D` →
//!   `3`, `start-actual` → `2`); booleans `1`/`0`/`true`/`false` are read, and `yes`/`True`
//!   with a warning; elements in any order are read;
//! - every `value` becomes [`Money`](crate::Money) in its own currency or the activity's
//!   default one, with its value date; a value with neither, or text that is not a number, is
//!   a diagnostic and stays text, never a guess;
//! - result values keep what was written (`N/A`, `Yes`) beside a number where there is one;
//! - each such thing is a [`Diagnostic`] with line, column and activity identifier in the
//!   [`ImportReport`], together with every element and attribute met and not read, by path;
//! - only XML that is not well formed stops a file; the records before it have been returned.
//!
//! On hostile input the reader neither expands entities nor reads document type declarations
//! (a "billion laughs" file is an error before anything is read), and keeps to [`Limits`] on
//! nesting, text length, record size and file size.
//!
//! [`Partners`] answers the question analysts ask of these files: where does one organisation
//! fund and another implement? It recognises organisations by identifier, by a documented alias
//! table and by names the files pair with identifiers, and says for each activity which
//! evidence the answer rests on (the participating organisations' roles, or transactions
//! reported by either side).
//!
//! [`ModelBuilder`] maps activities into a [`Dataset`](crate::Dataset) of programmes,
//! organisations, outcome metrics and figures, and [`programme_to_activity`] writes the model's
//! programmes back as IATI; [`IatiWriter`] writes activities in the 2.03 schema's order.
//!
//! [`IatiReader::with_codelist_checks`] turns on checks of codes against the 2.03 codelists
//! embedded in the crate ([`codelist`]).
//!
//! # Example
//!
//! ```
//! use partnerships::formats::iati::IatiReader;
//! use partnerships::{Currency, MoneyBag};
//!
//! let xml = r#"<iati-activities version="2.03">
//!   <iati-activity default-currency="EUR">
//!     <iati-identifier>XI-IATI-EC_NEAR-1</iati-identifier>
//!     <transaction><transaction-type code="3"/><transaction-date iso-date="2020-01-15"/>
//!       <value value-date="2020-01-15">1000</value></transaction>
//!     <transaction><transaction-type code="3"/><transaction-date iso-date="2020-02-15"/>
//!       <value currency="USD" value-date="2020-02-15">500</value></transaction>
//!   </iati-activity>
//! </iati-activities>"#;
//! let mut disbursed = MoneyBag::new();
//! let mut reader = IatiReader::new(xml.as_bytes())?;
//! while let Some(activity) = reader.next_activity()? {
//!     for t in activity.transactions.iter().filter(|t| t.kind.as_deref() == Some("3")) {
//!         if let Some(money) = t.value.as_ref().and_then(|v| v.money) {
//!             disbursed.add(money)?;
//!         }
//!     }
//! }
//! assert_eq!(disbursed.get(Currency::EUR).map(|m| m.to_string()), Some("EUR 1000".to_owned()));
//! assert_eq!(disbursed.get(Currency::USD).map(|m| m.to_string()), Some("USD 500".to_owned()));
//! # Ok::<(), partnerships::Error>(())
//! ```

mod activity;
mod codelist;
mod export;
mod input;
mod map;
mod model;
mod organisation;
mod partners;
mod reader;
mod report;
mod totals;
mod tree;
mod write;

pub use activity::{
    Activity, ActivityDate, ActivityResult, Budget, Code, Coded, Conditions, ContactInfo,
    CountryBudgetItems, CrsAdd, Description, DocumentLink, Fss, HumanitarianScope, Indicator,
    LegacyData, LoanStatus, Location, Narrative, OrgRef, OtherIdentifier, ParticipatingOrg,
    PlannedDisbursement, Point, RelatedActivity, ReportingOrg, ResultPeriod, ResultValue,
    Transaction, Value,
};
pub use codelist::codelist;
pub use export::programme_to_activity;
pub use model::{MappingReport, ModelBuilder};
pub use organisation::{BudgetLine, OrgBudget, Organisation};
pub use partners::{normalise_name, Evidence, MatchedBy, Partners};
pub use reader::{IatiReader, Limits, Record};
pub use report::{Diagnostic, DiagnosticKind, ImportReport};
pub use totals::{ByYear, Flow, Totals, ValuedTotals};
pub use write::{write_activities, IatiWriter};
