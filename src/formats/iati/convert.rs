//! IATI activities into the partnership model and back: [`ModelBuilder`] makes a
//! [`Dataset`](crate::Dataset) of programmes, organisations, outcome metrics and figures from
//! activities, with a [`MappingReport`] of what the model has no place for;
//! [`programme_to_activity`] writes a programme as the nearest IATI activity, listing what IATI
//! cannot say.
//!
//! # Example
//!
//! ```
//! use partnerships::analysis::partners::Partners;
//! use partnerships::formats::iati::convert::{programme_to_activity, ModelBuilder};
//! use partnerships::formats::iati::records::{Activity, ReportingOrg};
//! use partnerships::id::ProgrammeId;
//!
//! let mut builder = ModelBuilder::new(Partners::new());
//! builder.add(&Activity { identifier: "XM-DAC-47066-DP.1".to_owned(), ..Activity::default() })?;
//! let (dataset, report) = builder.finish();
//! assert_eq!(report.programmes, 1);
//!
//! let programme = dataset.programme(&ProgrammeId::new("XM-DAC-47066-DP.1")?).expect("the programme");
//! let publisher = ReportingOrg::default();
//! let day = chrono::NaiveDate::from_ymd_opt(2020, 10, 13).expect("a date");
//! let (activity, lossy) = programme_to_activity(&dataset, programme, &publisher, day);
//! assert_eq!(activity.identifier, "XM-DAC-47066-DP.1");
//! assert!(lossy.iter().any(|note| note.contains("no known start")));
//! # Ok::<(), partnerships::Error>(())
//! ```

mod from_model;
mod to_model;

pub use from_model::programme_to_activity;
pub use to_model::{MappingReport, ModelBuilder};
