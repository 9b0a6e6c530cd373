//! IATI activities into the library's own records: programmes, organisations with their IATI
//! identifiers, outcome metrics and the figures they report, with a report of what the mapping
//! could not carry.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use crate::analysis::partners::{normalise_name, Partners};
use crate::dataset::Dataset;
use crate::date::{PartialDate, Period};
use crate::figure::{Figure, Quantity, Source, Subject, Unit};
use crate::formats::iati::code::{
    ActivityDateType, ActivityStatus, BudgetType, IndicatorMeasure, OrganisationRole,
    OrganisationType, ResultType,
};
use crate::formats::iati::records::{Activity, ActivityResult, Indicator, OrgRef, ResultValue};
use crate::id::{
    is_iati_shaped, FigureId, OrganisationId, OrganisationIdentifier, OutcomeId, ProgrammeId,
    SourceId,
};
use crate::model::{
    Budget, CountryCode, Funder, Organisation, OrganisationKind, OutcomeMetric, ParentLink,
    Programme, ProgrammeStatus, ResultLevel,
};
use crate::money::Money;

/// What [`ModelBuilder`] made and what it could not carry into the model.
///
/// # Example
///
/// ```
/// let report = partnerships::formats::iati::MappingReport::default();
/// assert_eq!(report.programmes, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MappingReport {
    /// Programmes made, one per activity with an identifier.
    pub programmes: u64,
    /// Activities left out, with why.
    pub skipped: Vec<String>,
    /// Per activity, the parts the model has no place for or that could not be read into it,
    /// by path (`transaction`, `result/indicator/period/actual`, ...), with counts.
    pub lost: BTreeMap<String, BTreeMap<String, u64>>,
    /// Names that carry no identifier and match no known organisation: each became an
    /// organisation of its own, listed here with how often it was met.
    pub unmatched_names: Vec<(String, u64)>,
}

impl MappingReport {
    /// Everything lost, by path, over all activities.
    ///
    /// # Example
    ///
    /// ```
    /// let report = partnerships::formats::iati::MappingReport::default();
    /// assert!(report.lost_by_path().is_empty());
    /// ```
    #[must_use]
    pub fn lost_by_path(&self) -> BTreeMap<String, u64> {
        let mut total = BTreeMap::new();
        for (path, count) in self.lost.values().flatten() {
            let sum: &mut u64 = total.entry(path.clone()).or_insert(0);
            *sum = sum.saturating_add(*count);
        }
        total
    }
}

/// Builds a [`Dataset`] from IATI activities, one at a time, so that IATI data answers the
/// same queries as hand-built records.
///
/// Each activity becomes a [`Programme`] whose identifier is the IATI identifier (with any
/// character the identifier syntax refuses replaced by `_`): its first title, its status,
/// its start as launch date, its start and end dates as period, its funding (role 1) and
/// implementing (role 4) organisations, its recipient countries and regions, and its budget
/// when its budgets share one currency (the revised ones where there are any). Organisations
/// are identified through [`Partners`]: by their IATI identifier, or by a name the alias table
/// or the files know; a name nobody knows becomes an organisation of its own, listed in the
/// report. Each indicator of a result becomes an [`OutcomeMetric`] whose baseline, target and
/// actual (of its last period) are [`Figure`]s; an actual that is not a number (`Yes`) is kept as
/// text in the metric's description, never made a number. The activity's publisher is the
/// figures' and programme's [`Source`]. Everything the model has no place for (transactions,
/// sectors, locations, documents, ...) is counted in the [`MappingReport`].
///
/// # Example
///
/// ```
/// # #[cfg(feature = "iati")] {
/// use partnerships::analysis::partners::Partners;
/// use partnerships::formats::iati::{IatiReader, ModelBuilder};
/// use partnerships::id::OrganisationId;
/// use partnerships::formats::iati::code::OrganisationRole;
///
/// let xml = r#"<iati-activity default-currency="EUR"><iati-identifier>XM-DAC-47066-DP.1</iati-identifier>
///   <reporting-org ref="XM-DAC-47066"><narrative>IOM</narrative></reporting-org>
///   <title><narrative>Protection of migrants</narrative></title>
///   <participating-org role="1" ref="XI-IATI-EC_ECHO"/>
///   <participating-org role="4"><narrative>International Organization for Migration</narrative></participating-org>
///   <activity-status code="2"/>
///   <result type="2"><indicator measure="1"><title><narrative>Migrants assisted</narrative></title>
///     <period><period-start iso-date="2020-01-01"/><period-end iso-date="2020-12-31"/><actual value="84000"/></period>
///   </indicator></result>
/// </iati-activity>"#;
/// let mut builder = ModelBuilder::new(Partners::new());
/// let mut reader = IatiReader::new(xml.as_bytes())?;
/// while let Some(activity) = reader.next_activity()? {
///     builder.add(&activity)?;
/// }
/// let (dataset, report) = builder.finish();
/// let iom = OrganisationId::new("XM-DAC-47066")?;
/// assert_eq!(Partners::new().programmes(&dataset, iom.as_str(), &OrganisationRole::IMPLEMENTING).len(), 1);
/// assert!(dataset.validate().is_clean());
/// assert_eq!(report.programmes, 1);
/// # }
/// # Ok::<(), partnerships::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct ModelBuilder {
    partners: Partners,
    dataset: Dataset,
    report: MappingReport,
    /// Organisations made so far, by identifier.
    organisations: HashSet<String>,
}

impl ModelBuilder {
    /// A builder that identifies organisations with `partners` (which may have learnt names
    /// from the files already).
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::partners::Partners;
    /// use partnerships::formats::iati::ModelBuilder;
    ///
    /// let (dataset, report) = ModelBuilder::new(Partners::new()).finish();
    /// assert!(dataset.programmes().is_empty() && report.programmes == 0);
    /// ```
    #[must_use]
    pub fn new(partners: Partners) -> ModelBuilder {
        ModelBuilder {
            partners,
            ..ModelBuilder::default()
        }
    }

    /// Adds one activity.
    ///
    /// # Errors
    ///
    /// An error of kind [`DuplicateId`](crate::ErrorKind::DuplicateId) when an activity with the
    /// same identifier was added before.
    ///
    /// # Example
    ///
    /// ```
    /// use partnerships::analysis::partners::Partners;
    /// use partnerships::formats::iati::{Activity, ModelBuilder};
    /// use partnerships::ErrorKind;
    ///
    /// let mut builder = ModelBuilder::new(Partners::new());
    /// let activity = Activity { identifier: "AA-1".into(), ..Activity::default() };
    /// builder.add(&activity)?;
    /// assert_eq!(builder.add(&activity).unwrap_err().kind(), ErrorKind::DuplicateId);
    /// # Ok::<(), partnerships::Error>(())
    /// ```
    pub fn add(&mut self, activity: &Activity) -> Result<(), crate::Error> {
        if activity.identifier.trim().is_empty() {
            self.report
                .skipped
                .push("an activity with no identifier".to_owned());
            return Ok(());
        }
        let id = ProgrammeId::new(identifier_text(&activity.identifier))?;
        self.partners.note_unmatched(activity);
        let mut losses: BTreeMap<String, u64> = BTreeMap::new();
        let mut lose = |path: &str, count: usize| {
            if count > 0 {
                let entry = losses.entry(path.to_owned()).or_insert(0);
                *entry = entry.saturating_add(count as u64);
            }
        };
        let source = self.source_for(activity)?;
        let name = activity
            .title
            .first()
            .map_or_else(|| activity.identifier.clone(), |n| n.text.trim().to_owned());
        lose("title/narrative", activity.title.len().saturating_sub(1));
        let mut programme = Programme::builder(id.clone(), name);
        for p in &activity.participating_orgs {
            match &p.role {
                Some(role) if *role == OrganisationRole::FUNDING => {
                    programme = programme.funder(Funder::Organisation(self.organisation(&p.org)?));
                }
                Some(role) if *role == OrganisationRole::IMPLEMENTING => {
                    programme = programme.implementer(self.organisation(&p.org)?);
                }
                _ => {
                    self.organisation(&p.org)?;
                    lose(
                        "participating-org (role other than funding or implementing)",
                        1,
                    );
                }
            }
        }
        for country in &activity.recipient_countries {
            match country.code.parse::<CountryCode>() {
                Ok(code) => programme = programme.country(code),
                Err(_) => lose("recipient-country (not an ISO 3166-1 code)", 1),
            }
        }
        for region in &activity.recipient_regions {
            programme = programme.region(format!("IATI region {}", region.code));
        }
        if let Some(status) = activity.status.as_ref().and_then(status) {
            programme = programme.status(status);
        }
        let (start, end) = life_of(activity);
        if let Some(start) = start {
            programme = programme.launched(start);
        }
        match Period::new(start, end) {
            Ok(period) if start.is_some() || end.is_some() => programme = programme.period(period),
            Ok(_) => {}
            Err(_) => lose("activity-date (ends before it starts)", 1),
        }
        match budget(activity) {
            Some(Ok(money)) => programme = programme.budget(Budget::Exact(money)),
            Some(Err(())) => lose(
                "budget (several currencies, or amounts not read)",
                activity.budgets.len(),
            ),
            None => {}
        }
        programme = programme.source(source.clone());
        for (r, result) in activity.results.iter().enumerate() {
            for (i, indicator) in result.indicators.iter().enumerate() {
                let outcome = self.outcome(&id, r, i, result, indicator, &source, &mut lose)?;
                programme = programme.outcome(outcome);
            }
            lose(
                "result (with no indicator)",
                usize::from(result.indicators.is_empty()),
            );
        }
        count_without_place(activity, &mut lose);
        for t in &activity.transactions {
            for org in t.provider.iter().chain(t.receiver.iter()) {
                self.organisation(org)?;
            }
        }
        self.dataset.insert_programme(programme.build())?;
        self.report.programmes = self.report.programmes.saturating_add(1);
        if !losses.is_empty() {
            self.report.lost.insert(activity.identifier.clone(), losses);
        }
        Ok(())
    }

    /// The dataset and the report.
    ///
    /// # Example
    ///
    /// ```
    /// let (dataset, _) = partnerships::formats::iati::ModelBuilder::new(Default::default()).finish();
    /// assert!(dataset.validate().is_clean());
    /// ```
    #[must_use]
    pub fn finish(mut self) -> (Dataset, MappingReport) {
        self.report.unmatched_names = self.partners.unmatched();
        (self.dataset, self.report)
    }

    /// The source the activity's publisher is, made once per publisher.
    fn source_for(&mut self, activity: &Activity) -> Result<SourceId, crate::Error> {
        let publisher = activity
            .reporting_org
            .as_ref()
            .and_then(|r| r.org.reference.as_deref())
            .unwrap_or("unknown");
        let id = SourceId::new(format!("iati/{}", identifier_text(publisher)))?;
        if self.dataset.source(&id).is_none() {
            let mut source = Source::new(
                id.clone(),
                format!("IATI activities published by {publisher}"),
            );
            source.publisher = activity
                .reporting_org
                .as_ref()
                .and_then(|r| r.org.names.first())
                .map(|n| n.text.trim().to_owned());
            self.dataset.insert_source(source)?;
        }
        Ok(id)
    }

    /// The organisation an IATI reference stands for, made the first time it is met.
    fn organisation(&mut self, org: &OrgRef) -> Result<OrganisationId, crate::Error> {
        let name = org
            .names
            .first()
            .map(|n| n.text.trim().to_owned())
            .unwrap_or_default();
        let iati = org.reference.as_deref().filter(|r| is_iati_shaped(r));
        let known = iati
            .map(str::to_owned)
            .or_else(|| self.partners.identify_name(&name).map(str::to_owned));
        let (key, identifier) = if let Some(identifier) = known {
            (identifier.clone(), Some(identifier))
        } else {
            let slug = normalise_name(&name);
            let slug = if slug.is_empty() {
                "unnamed".to_owned()
            } else {
                slug
            };
            (format!("name/{slug}"), None)
        };
        let id = OrganisationId::new(identifier_text(&key))?;
        if self.organisations.insert(key.clone()) {
            let kind = kind_of(identifier.as_deref(), org.kind.as_ref());
            let shown = if name.is_empty() { key.clone() } else { name };
            let mut record = Organisation::new(id.clone(), kind, shown);
            if let Some(identifier) = identifier
                .as_deref()
                .and_then(|i| OrganisationIdentifier::iati(i).ok())
            {
                record.identifiers.push(identifier);
            }
            if identifier
                .as_deref()
                .is_some_and(|i| i.starts_with("XI-IATI-EC_"))
            {
                let commission = self.commission()?;
                record.parents.push(ParentLink::new(commission));
            }
            self.dataset.insert_organisation(record)?;
        }
        Ok(id)
    }

    /// The European Commission, parent of its directorates-general.
    fn commission(&mut self) -> Result<OrganisationId, crate::Error> {
        let id = OrganisationId::new("XI-IATI-EC")?;
        if self.organisations.insert("XI-IATI-EC".to_owned()) {
            let mut record = Organisation::new(
                id.clone(),
                OrganisationKind::Institution,
                "European Commission",
            );
            record
                .identifiers
                .push(OrganisationIdentifier::iati("XI-IATI-EC")?);
            self.dataset.insert_organisation(record)?;
        }
        Ok(id)
    }

    /// One indicator as an outcome metric with its figures.
    #[allow(clippy::too_many_arguments)]
    fn outcome(
        &mut self,
        programme: &ProgrammeId,
        r: usize,
        i: usize,
        result: &ActivityResult,
        indicator: &Indicator,
        source: &SourceId,
        lose: &mut impl FnMut(&str, usize),
    ) -> Result<OutcomeId, crate::Error> {
        let base = format!(
            "{programme}/result-{}-{}",
            r.saturating_add(1),
            i.saturating_add(1)
        );
        let id = OutcomeId::new(identifier_text(&base))?;
        let level = match &result.kind {
            Some(kind) if *kind == ResultType::OUTPUT => ResultLevel::Output,
            Some(kind) if *kind == ResultType::IMPACT => ResultLevel::Impact,
            _ => ResultLevel::Outcome,
        };
        let title = indicator
            .title
            .first()
            .or_else(|| result.title.first())
            .map_or_else(|| "indicator".to_owned(), |n| n.text.trim().to_owned());
        let unit = if indicator.measure == Some(IndicatorMeasure::PERCENTAGE) {
            Unit::Other("percent".to_owned())
        } else {
            Unit::Other("indicator units".to_owned())
        };
        let mut metric = OutcomeMetric::new(id.clone(), programme.clone(), level, title.clone());
        metric.sources.push(source.clone());
        let figure = |this: &mut Self,
                      which: &str,
                      value: &ResultValue,
                      period: Option<Period>|
         -> Result<Option<FigureId>, crate::Error> {
            let Some(number) = value.number else {
                return Ok(None);
            };
            let figure_id = FigureId::new(identifier_text(&format!("{base}/{which}")))?;
            let mut builder = Figure::builder(
                figure_id.clone(),
                Quantity::exactly(number_value(number)),
                unit.clone(),
            )
            .counts(title.clone())
            .about(Subject::Programme(programme.clone()))
            .source(source.clone());
            if let Some(period) = period {
                builder = builder.period(period);
            }
            this.dataset.insert_figure(builder.build()?)?;
            Ok(Some(figure_id))
        };
        if let Some(baseline) = indicator.baselines.first() {
            metric.baseline = figure(self, "baseline", baseline, None)?;
            if metric.baseline.is_none() {
                lose("result/indicator/baseline (not a number)", 1);
            }
        }
        lose(
            "result/indicator/baseline (beyond the first)",
            indicator.baselines.len().saturating_sub(1),
        );
        if let Some(period) = indicator.periods.last() {
            let span = Period::new(
                period.start.and_then(|d| PartialDate::from_date(d).ok()),
                period.end.and_then(|d| PartialDate::from_date(d).ok()),
            )
            .ok()
            .filter(|p| p.start().is_some() || p.end().is_some());
            if let Some(target) = period.targets.first() {
                metric.target = figure(self, "target", target, span)?;
            }
            if let Some(actual) = period.actuals.first() {
                metric.actual = figure(self, "actual", actual, span)?;
                if metric.actual.is_none() {
                    if let Some(raw) = actual.raw.as_deref().filter(|raw| !raw.trim().is_empty()) {
                        // Text where a number belongs stays text: a note, not a made-up figure.
                        metric.description =
                            format!("{title} (actual reported as text: {:?})", raw.trim());
                    }
                    lose("result/indicator/period/actual (not a number)", 1);
                }
            }
            lose(
                "result/indicator/period/target (beyond the first)",
                period.targets.len().saturating_sub(1),
            );
            lose(
                "result/indicator/period/actual (beyond the first)",
                period.actuals.len().saturating_sub(1),
            );
        }
        lose(
            "result/indicator/period (before the last)",
            indicator.periods.len().saturating_sub(1),
        );
        self.dataset.insert_outcome(metric)?;
        Ok(id)
    }
}

/// The activity's start and end: actual dates before planned ones.
fn life_of(activity: &Activity) -> (Option<PartialDate>, Option<PartialDate>) {
    let start = [
        ActivityDateType::ACTUAL_START,
        ActivityDateType::PLANNED_START,
    ];
    let end = [ActivityDateType::ACTUAL_END, ActivityDateType::PLANNED_END];
    (date_of(activity, &start), date_of(activity, &end))
}

/// The activity's date of the first of `kinds` it has.
fn date_of(activity: &Activity, kinds: &[ActivityDateType]) -> Option<PartialDate> {
    let date = kinds.iter().find_map(|k| {
        activity
            .dates
            .iter()
            .find(|d| d.kind.as_ref() == Some(k))
            .and_then(|d| d.date)
    })?;
    PartialDate::from_date(date).ok()
}

/// Counts the parts of an activity the model has no place for.
fn count_without_place(activity: &Activity, lose: &mut impl FnMut(&str, usize)) {
    lose("description", activity.descriptions.len());
    lose("transaction", activity.transactions.len());
    lose("planned-disbursement", activity.planned_disbursements.len());
    lose("sector", activity.sectors.len());
    lose("location", activity.locations.len());
    lose("document-link", activity.document_links.len());
    lose("related-activity", activity.related_activities.len());
    lose("policy-marker", activity.policy_markers.len());
    lose("tag", activity.tags.len());
    lose("humanitarian-scope", activity.humanitarian_scopes.len());
    lose("contact-info", activity.contacts.len());
    lose("other-identifier", activity.other_identifiers.len());
    lose("crs-add", usize::from(activity.crs_add.is_some()));
    lose("fss", usize::from(activity.fss.is_some()));
}

/// A figure's value from a result value's number.
fn number_value(number: Decimal) -> Decimal {
    number.normalize()
}

/// Text made acceptable as a record identifier: characters the syntax refuses become `_`, the
/// first one a letter or digit, at most 128 characters.
fn identifier_text(text: &str) -> String {
    let mut out: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.:/".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(128)
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        out.replace_range(..out.chars().next().map_or(0, char::len_utf8), "x");
        if out.is_empty() {
            out.push('x');
        }
    }
    out
}

fn status(code: &ActivityStatus) -> Option<ProgrammeStatus> {
    [
        (ActivityStatus::PIPELINE, ProgrammeStatus::Pipeline),
        (
            ActivityStatus::IMPLEMENTATION,
            ProgrammeStatus::Implementation,
        ),
        (ActivityStatus::FINALISATION, ProgrammeStatus::Finalisation),
        (ActivityStatus::CLOSED, ProgrammeStatus::Closed),
        (ActivityStatus::CANCELLED, ProgrammeStatus::Cancelled),
        (ActivityStatus::SUSPENDED, ProgrammeStatus::Suspended),
    ]
    .into_iter()
    .find_map(|(listed, status)| (*code == listed).then_some(status))
}

/// The organisation kind an IATI organisation type code (and identifier) says.
fn kind_of(identifier: Option<&str>, kind: Option<&OrganisationType>) -> OrganisationKind {
    if identifier.is_some_and(|i| i.starts_with("XI-IATI-EC_")) {
        return OrganisationKind::DirectorateGeneral;
    }
    match kind {
        Some(k) if *k == OrganisationType::GOVERNMENT => OrganisationKind::Government,
        Some(k) if *k == OrganisationType::OTHER_PUBLIC_SECTOR => OrganisationKind::Institution,
        Some(k)
            if [
                OrganisationType::INTERNATIONAL_NGO,
                OrganisationType::NATIONAL_NGO,
                OrganisationType::REGIONAL_NGO,
                OrganisationType::PARTNER_COUNTRY_BASED_NGO,
            ]
            .contains(k) =>
        {
            OrganisationKind::Ngo
        }
        Some(k) if *k == OrganisationType::MULTILATERAL => {
            OrganisationKind::IntergovernmentalOrganisation
        }
        _ => OrganisationKind::Other,
    }
}

/// The programme budget: the sum of the revised budgets if there are any, else of the original
/// ones, when they are all in one currency; `Some(Err)` when they cannot be summed.
fn budget(activity: &Activity) -> Option<Result<Money, ()>> {
    let revised = activity
        .budgets
        .iter()
        .any(|b| b.kind == Some(BudgetType::REVISED));
    let chosen: Vec<Option<Money>> = activity
        .budgets
        .iter()
        .filter(|b| !revised || b.kind == Some(BudgetType::REVISED))
        .map(|b| b.value.as_ref().and_then(|v| v.money))
        .collect();
    let first = chosen.first()?.as_ref().copied();
    Some((|| {
        let currency = first.ok_or(())?.currency();
        let amounts: Option<Vec<Money>> = chosen.into_iter().collect();
        Money::try_sum(currency, amounts.ok_or(())?).map_err(|_| ())
    })())
}
