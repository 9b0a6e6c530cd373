//! Outputs of a dataset beyond its serde form.
//!
//! - [`briefing`]: a readable plain-text briefing.

mod briefing;

pub use briefing::briefing;
