//! Derived answers over the partnership model and IATI activities alike.
//!
//! - [`partners`]: who funds and implements what. [`Partners`](partners::Partners)
//!   recognises organisations by identifier, by a documented alias table, by the names files
//!   pair with identifiers and through hierarchies, and says what each answer rests on, for
//!   IATI activities ([`evidence`](partners::Partners::evidence)) and a dataset's programmes
//!   ([`programmes`](partners::Partners::programmes)) with one vocabulary of roles
//!   ([`OrganisationRole`](crate::formats::iati::code::OrganisationRole)) and evidence.
//! - [`graph`]: a dataset, or funding links, as nodes and edges for the graph formats to draw.
//! - [`links`]: which activities of a funder and of an implementer are the same funded action,
//!   with the evidence and a grade; chains through intermediaries; totals that count a flow
//!   seen from both ends once; the portfolio behind a claim.
//! - [`summary`]: what a set of activities says at a glance: by publisher, who funds whom,
//!   totals and results by level.
//! - [`totals`]: transaction and budget totals by type, year and currency, and the same values
//!   converted into one currency, each at its own date, with every value that could not be
//!   converted counted by reason.
//! - [`convention`]: how values are put in one currency the way the field's tools do it
//!   (IATI.cloud, the Country Development Finance Data, annual statistics) or strictly from the
//!   user's own rates, with the working of every conversion shown.
//!
//! This layer knows no wire format: it reads typed records, whatever file they came from.
//!
//! # Example
//!
//! ```
//! use partnerships::analysis::partners::Partners;
//! use partnerships::formats::iati::code::OrganisationRole;
//!
//! let eu_iom = partnerships::data::eu_iom_2020();
//! let implemented = Partners::new().programmes(&eu_iom, "iom", &OrganisationRole::IMPLEMENTING);
//! assert_eq!(implemented.len(), 1);
//! ```

pub mod convention;
pub mod flat;
pub mod graph;
pub mod links;
pub mod partners;
pub mod summary;
pub mod totals;
