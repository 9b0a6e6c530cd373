//! IATI 2.03: the records of the standard, its codes, a streaming reader and a writer of its XML
//! (feature `iati`), and the conversion to and from the partnership model.
//!
//! The [International Aid Transparency Initiative](https://iatistandard.org/en/iati-standard/203/)
//! standard is how the EU, IOM and over a thousand other publishers report their activities:
//! budgets, transactions, participating organisations and results. Its rooms:
//!
//! - [`records`]: the standard's records as plain data, an [`Activity`] with every element of
//!   the activity schema and an [`IatiOrganisation`] for organisation files;
//! - [`code`]: typed codes with the standard's codes as constants
//!   ([`TransactionType::DISBURSEMENT`](code::TransactionType::DISBURSEMENT),
//!   [`OrganisationRole::FUNDING`](code::OrganisationRole::FUNDING)), and the 2.03 codelists;
//! - `read` (feature `iati`): [`IatiReader`] reads files one record at a time from any
//!   [`std::io::BufRead`], so a 1.7 GB file is read in the memory of one activity;
//! - `write` (feature `iati`): [`IatiWriter`] writes activities in the 2.03 schema's order;
//! - [`convert`]: [`ModelBuilder`] maps activities into a [`Dataset`](crate::Dataset) of
//!   programmes, organisations, outcome metrics and figures, and [`programme_to_activity`]
//!   writes the model's programmes back as activities.
//!
//! What one asks of activities (who funds whom, totals by type and year, valued in one
//! currency) is answered in [`analysis`](crate::analysis), over IATI activities and the model
//! alike.
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
//! nesting, text length, record size and file size. A reader is `Send` but not `Sync`: it holds
//! one file's position and buffers, for one thread at a time.
//!
//! # Example
//!
//! ```
//! # #[cfg(feature = "iati")] {
//! use partnerships::formats::iati::code::TransactionType;
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
//!     for t in activity.transactions.iter().filter(|t| t.kind == Some(TransactionType::DISBURSEMENT)) {
//!         if let Some(money) = t.value.as_ref().and_then(|v| v.money) {
//!             disbursed.add(money)?;
//!         }
//!     }
//! }
//! assert_eq!(disbursed.get(Currency::EUR).map(|m| m.to_string()), Some("EUR 1000".to_owned()));
//! assert_eq!(disbursed.get(Currency::USD).map(|m| m.to_string()), Some("USD 500".to_owned()));
//! # }
//! # Ok::<(), partnerships::Error>(())
//! ```

pub mod code;
pub mod convert;
#[cfg(feature = "iati")]
pub mod read;
pub mod records;
#[cfg(feature = "iati")]
pub mod write;

pub use convert::{programme_to_activity, MappingReport, ModelBuilder};
#[cfg(feature = "iati")]
pub use read::{Diagnostic, DiagnosticKind, IatiReader, ImportReport, Limits, Record};
pub use records::{Activity, IatiOrganisation};
#[cfg(feature = "iati")]
pub use write::{write_activities, IatiWriter};
