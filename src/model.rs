//! The partnership model: one module per concept.
//!
//! Records are plain data where every combination of fields is valid on its own; what involves
//! several records (references resolve, a participant held the post on the day) is checked over a
//! [`Dataset`](crate::Dataset).

#[rustfmt::skip]
mod country_table;
mod framework;
mod meeting;
mod official;
mod organisation;
mod outcome;
mod programme;

pub use framework::Framework;
pub use meeting::{Capacity, DocumentRef, Meeting, MeetingBuilder, MeetingMode, Participant};
pub use official::{Appointment, Attestation, Official, Post};
pub use organisation::{Fund, Organisation, OrganisationKind, ParentLink, Succession};
pub use outcome::{OutcomeMetric, Portfolio, ResultLevel};
#[cfg(feature = "schema")]
pub(crate) use programme::country_codes;
pub use programme::{Budget, CountryCode, Funder, Programme, ProgrammeBuilder, ProgrammeStatus};
