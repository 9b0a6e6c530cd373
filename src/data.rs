//! Datasets shipped inside the crate.
//!
//! [`eu_iom_2020`] is the seventh EU–IOM strategic meeting of 13 October 2020, built from the
//! news announcement the Directorate-General for International Partnerships published that day
//! and from nothing else: every record cites it, and what it does not say stays unknown (no
//! tenure dates, no identifiers in outside schemes, no partner countries by name).

use crate::dataset::Dataset;

/// The JSON text of [`eu_iom_2020`], in the dataset format `partnerships/1`.
pub const EU_IOM_2020_JSON: &str = include_str!("data/eu-iom-2020.json");

/// The seventh EU–IOM strategic meeting (13 October 2020) and what the announcement reports:
/// the Strategic Cooperation Framework of July 2012, the meeting's host and participants with
/// the posts they held that day, the EU–IOM Joint Initiative and its results, the 2015–2019
/// portfolio of the Commission and IOM, and IOM's humanitarian assistance with EU support.
///
/// It validates with no error and one note: meetings 1 to 6 of the framework are not recorded.
///
/// # Example
///
/// ```
/// use partnerships::id::MeetingId;
/// use partnerships::data;
///
/// let eu_iom = data::eu_iom_2020();
/// let meeting = eu_iom.meeting(&MeetingId::new("eu-iom-strategic-meeting-7")?).unwrap();
/// assert_eq!(meeting.ordinal, Some(7));
/// assert!(!eu_iom.validate().has_errors());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[must_use]
pub fn eu_iom_2020() -> Dataset {
    // The crate's tests read this text and compare it with the same case built through the
    // API, so it always parses; the empty fallback is never taken.
    serde_json::from_str(EU_IOM_2020_JSON).unwrap_or_default()
}
