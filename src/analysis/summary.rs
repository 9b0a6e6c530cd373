//! What a set of IATI activities says at a glance: how many, by publisher, who funds whom by
//! the participating organisations, the totals by type, year and currency, and the results
//! reported by level.

use std::collections::BTreeMap;

use super::totals::Totals;
use crate::error::Error;
use crate::formats::iati::code::{OrganisationRole, ResultType};
use crate::formats::iati::records::Activity;

/// Indicators of one result level, and how many of their actuals are numbers.
///
/// # Example
///
/// ```
/// let counts = partnerships::analysis::summary::ResultCounts::default();
/// assert_eq!(counts.numeric_actuals, 0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResultCounts {
    /// Indicators.
    pub indicators: u64,
    /// Actual values of their periods.
    pub actuals: u64,
    /// Actuals written as numbers (the rest are text such as `Yes` or `N/A`).
    pub numeric_actuals: u64,
}

/// A summary of activities, built one activity at a time in memory that grows with the number
/// of publishers, organisation pairs and distinct dates, not of activities.
///
/// Publishers and organisations are shown by [`OrgRef::label`](crate::formats::iati::records::OrgRef::label):
/// the identifier, else the name in quotes.
///
/// # Example
///
/// ```
/// use partnerships::analysis::summary::Summary;
/// use partnerships::formats::iati::code::ResultType;
/// use partnerships::formats::iati::records::{Activity, ActivityResult, OrgRef, ParticipatingOrg, ReportingOrg};
/// use partnerships::formats::iati::code::OrganisationRole;
///
/// let org = |reference: &str| OrgRef { reference: Some(reference.into()), ..OrgRef::default() };
/// let activity = Activity {
///     identifier: "XM-DAC-47066-DP.1".into(),
///     reporting_org: Some(ReportingOrg { org: org("XM-DAC-47066"), secondary_reporter: None }),
///     participating_orgs: vec![
///         ParticipatingOrg { role: Some(OrganisationRole::FUNDING), org: org("XI-IATI-EC_ECHO"), crs_channel_code: None },
///         ParticipatingOrg { role: Some(OrganisationRole::IMPLEMENTING), org: org("XM-DAC-47066"), crs_channel_code: None },
///     ],
///     results: vec![ActivityResult { kind: Some(ResultType::OUTPUT), ..ActivityResult::default() }],
///     ..Activity::default()
/// };
/// let mut summary = Summary::default();
/// summary.add(&activity)?;
/// assert_eq!(summary.activities, 1);
/// assert_eq!(summary.publishers["XM-DAC-47066"], 1);
/// assert_eq!(summary.flows[&("XI-IATI-EC_ECHO".to_owned(), "XM-DAC-47066".to_owned())], 1);
/// assert_eq!(summary.results[&Some(ResultType::OUTPUT)].indicators, 0);
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Activities added.
    pub activities: u64,
    /// Activities by publisher; `(none)` for activities without a reporting organisation.
    pub publishers: BTreeMap<String, u64>,
    /// Activities by funding and implementing organisation, each pair of the participating
    /// organisations counted once per activity.
    pub flows: BTreeMap<(String, String), u64>,
    /// Transaction and budget totals.
    pub totals: Totals,
    /// Results by level; `None` for results without a type.
    pub results: BTreeMap<Option<ResultType>, ResultCounts>,
}

impl Summary {
    /// Adds one activity.
    ///
    /// # Errors
    ///
    /// An error of kind [`Overflow`](crate::ErrorKind::Overflow) when a total does not fit in a
    /// decimal; the activity's counts are added all the same.
    ///
    /// # Example
    ///
    /// ```
    /// let mut summary = partnerships::analysis::summary::Summary::default();
    /// summary.add(&Default::default())?;
    /// assert_eq!(summary.publishers["(none)"], 1);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn add(&mut self, activity: &Activity) -> Result<(), Error> {
        self.activities = self.activities.saturating_add(1);
        let publisher = activity
            .reporting_org
            .as_ref()
            .map_or_else(|| "(none)".to_owned(), |r| r.org.label());
        count(self.publishers.entry(publisher).or_default(), 1);
        let with_role = |role: &OrganisationRole| -> std::collections::BTreeSet<String> {
            activity
                .participating_orgs
                .iter()
                .filter(|p| p.role.as_ref() == Some(role))
                .map(|p| p.org.label())
                .collect()
        };
        let implementers = with_role(&OrganisationRole::IMPLEMENTING);
        for funder in with_role(&OrganisationRole::FUNDING) {
            for implementer in &implementers {
                let pair = (funder.clone(), implementer.clone());
                count(self.flows.entry(pair).or_default(), 1);
            }
        }
        for result in &activity.results {
            let counts = self.results.entry(result.kind.clone()).or_default();
            for indicator in &result.indicators {
                count(&mut counts.indicators, 1);
                for actual in indicator.periods.iter().flat_map(|p| &p.actuals) {
                    count(&mut counts.actuals, 1);
                    count(
                        &mut counts.numeric_actuals,
                        u64::from(actual.number.is_some()),
                    );
                }
            }
        }
        self.totals.add(activity)
    }

    /// Adds another summary, as if its activities had been added to this one.
    ///
    /// # Errors
    ///
    /// An error of kind [`Overflow`](crate::ErrorKind::Overflow) when a total does not fit in a
    /// decimal.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::summary::Summary;
    ///
    /// let mut one = Summary::default();
    /// one.add(&Default::default())?;
    /// let mut all = Summary::default();
    /// all.merge(&one)?;
    /// all.merge(&one)?;
    /// assert_eq!(all.activities, 2);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn merge(&mut self, other: &Summary) -> Result<(), Error> {
        self.activities = self.activities.saturating_add(other.activities);
        for (publisher, n) in &other.publishers {
            count(self.publishers.entry(publisher.clone()).or_default(), *n);
        }
        for (pair, n) in &other.flows {
            count(self.flows.entry(pair.clone()).or_default(), *n);
        }
        for (level, theirs) in &other.results {
            let mine = self.results.entry(level.clone()).or_default();
            count(&mut mine.indicators, theirs.indicators);
            count(&mut mine.actuals, theirs.actuals);
            count(&mut mine.numeric_actuals, theirs.numeric_actuals);
        }
        self.totals.merge(&other.totals)
    }

    /// The funder and implementer pairs, most activities first.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(partnerships::analysis::summary::Summary::default().flows_by_count().is_empty());
    /// ```
    #[must_use]
    pub fn flows_by_count(&self) -> Vec<(&(String, String), u64)> {
        let mut flows: Vec<_> = self.flows.iter().map(|(pair, n)| (pair, *n)).collect();
        flows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        flows
    }
}

fn count(total: &mut u64, n: u64) {
    *total = total.saturating_add(n);
}
