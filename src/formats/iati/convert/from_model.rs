//! The library's programmes as IATI activities, in the nearest form IATI has, with a report of
//! what IATI cannot say.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::dataset::Dataset;
use crate::figure::{Comparator, Figure, FigureValue};
use crate::formats::iati::code::{
    ActivityDateType, ActivityStatus, BudgetStatus, BudgetType, Code, DescriptionType,
    IndicatorMeasure, OrganisationRole, ResultType,
};
use crate::formats::iati::records::{
    Activity, ActivityBudget, ActivityDate, ActivityResult, Coded, Description, Indicator,
    Narrative, OrgRef, ParticipatingOrg, ReportingOrg, ResultPeriod, ResultValue, Value,
};
use crate::id::{FigureId, OrganisationId};
use crate::model::{Budget, Funder, Programme, ProgrammeStatus, ResultLevel};

/// A programme as an IATI activity as of a day, and what the activity could not say exactly.
///
/// The file's publisher is the `publisher` given (IATI requires an identifier, a type and a
/// name for it). Organisations are referred to by their IATI identifier and name where the dataset
/// gives one, by name alone otherwise. A launch date known to the month is written as its first day; a figure that is
/// not exact ("more than 84,000", "about EUR 1.88 billion") is written as its value with the
/// comparator kept in words in a comment or description; a status the programme does not give
/// is derived from its dates as of `as_of` (IATI requires one); a budget without a period, regions named
/// rather than coded, funds, organisations without an IATI identifier (written by name) and the
/// dataset's meetings have no exact IATI form. Each such thing is a line of the returned notes.
///
/// # Example
///
/// ```
/// use partnerships::formats::iati::code::OrganisationType;
/// use partnerships::formats::iati::programme_to_activity;
/// use partnerships::formats::iati::records::{Narrative, OrgRef, ReportingOrg};
///
/// let dataset = partnerships::data::eu_iom_2020();
/// let programme = &dataset.programmes()[0];
/// let meeting_day = chrono::NaiveDate::from_ymd_opt(2020, 10, 13).unwrap_or_default();
/// let publisher = ReportingOrg {
///     org: OrgRef {
///         reference: Some("XX-EXAMPLE-1".into()),
///         kind: Some(OrganisationType::ACADEMIC_TRAINING_AND_RESEARCH),
///         names: vec![Narrative { lang: Some("en".into()), text: "Example Research Institute".into() }],
///         ..OrgRef::default()
///     },
///     secondary_reporter: Some(true),
/// };
/// let (activity, lossy) = programme_to_activity(&dataset, programme, &publisher, meeting_day);
/// assert_eq!(activity.identifier, programme.id.as_str());
/// assert!(lossy.iter().any(|note| note.contains("more than")));
/// assert!(!activity.participating_orgs.is_empty());
/// # Ok::<(), partnerships::Error>(())
/// ```
#[must_use]
pub fn programme_to_activity(
    dataset: &Dataset,
    programme: &Programme,
    publisher: &ReportingOrg,
    as_of: NaiveDate,
) -> (Activity, Vec<String>) {
    let mut lossy = Vec::new();
    let mut activity = Activity {
        identifier: programme.id.as_str().to_owned(),
        reporting_org: Some(publisher.clone()),
        title: vec![narrative(&programme.name)],
        ..Activity::default()
    };
    let mut description = programme.name.clone();
    if let Some(acronym) = &programme.acronym {
        description = format!("{description} ({acronym})");
    }
    organisations(dataset, programme, &mut activity, &mut lossy);
    let status = programme
        .status
        .map_or_else(|| derived_status(programme, as_of, &mut lossy), status_code);
    activity.status = Some(status);
    let start = programme
        .launched
        .or_else(|| programme.period.and_then(|p| p.start()));
    if let Some(start) = start {
        if start.earliest() != start.latest() {
            lossy.push(format!(
                "activity-date: the launch {start} is written as its first day"
            ));
        }
        activity.dates.push(ActivityDate {
            kind: Some(ActivityDateType::ACTUAL_START),
            date: Some(start.earliest()),
            narratives: Vec::new(),
        });
    } else {
        lossy.push("activity-date: the programme has no known start".to_owned());
    }
    if let Some(end) = programme.period.and_then(|p| p.end()) {
        activity.dates.push(ActivityDate {
            kind: Some(ActivityDateType::ACTUAL_END),
            date: Some(end.latest()),
            narratives: Vec::new(),
        });
    }
    for country in &programme.countries {
        activity.recipient_countries.push(Coded {
            code: Code::new(country.as_str()),
            ..Coded::default()
        });
    }
    if !programme.regions.is_empty() {
        description = format!("{description}. Regions: {}", programme.regions.join(", "));
        lossy.push(format!(
            "recipient-region: {} named, not coded; kept in the description",
            programme.regions.join(", ")
        ));
    }
    budget(
        dataset,
        programme,
        &mut activity,
        &mut description,
        &mut lossy,
    );
    results(dataset, programme, as_of, &mut activity, &mut lossy);
    if !dataset.meetings().is_empty() && programme.framework.is_some() {
        lossy.push(
            "meetings: the meetings of the programme's framework have no IATI form".to_owned(),
        );
    }
    activity.descriptions.push(Description {
        kind: Some(DescriptionType::GENERAL),
        narratives: vec![narrative(&description)],
    });
    (activity, lossy)
}

/// The funders (role 1) and implementers (role 4).
fn organisations(
    dataset: &Dataset,
    programme: &Programme,
    activity: &mut Activity,
    lossy: &mut Vec<String>,
) {
    let funders: Vec<OrgRef> = programme
        .funders
        .iter()
        .map(|funder| match funder {
            Funder::Organisation(id) => org_ref(dataset, id, lossy),
            Funder::Fund(id) => {
                let fund = dataset.fund(id);
                let manager = fund.and_then(|f| f.managed_by.as_ref());
                let name = fund.map_or_else(|| id.to_string(), |f| f.name.clone());
                if let Some(manager) = manager {
                    lossy.push(format!(
                        "funder: the fund {name:?} is written as the organisation that manages it"
                    ));
                    org_ref(dataset, manager, lossy)
                } else {
                    lossy.push(format!(
                        "funder: IATI has no funds; the fund {name:?} is written by name"
                    ));
                    OrgRef {
                        reference: None,
                        names: vec![narrative(&name)],
                        ..OrgRef::default()
                    }
                }
            }
        })
        .collect();
    for org in funders {
        activity.participating_orgs.push(ParticipatingOrg {
            role: Some(OrganisationRole::FUNDING),
            org,
            crs_channel_code: None,
        });
    }
    for id in &programme.implementers {
        activity.participating_orgs.push(ParticipatingOrg {
            role: Some(OrganisationRole::IMPLEMENTING),
            org: org_ref(dataset, id, lossy),
            crs_channel_code: None,
        });
    }
}

/// Each outcome metric as a result with one indicator.
fn results(
    dataset: &Dataset,
    programme: &Programme,
    as_of: NaiveDate,
    activity: &mut Activity,
    lossy: &mut Vec<String>,
) {
    for outcome in programme
        .outcomes
        .iter()
        .filter_map(|id| dataset.outcome(id))
    {
        let mut indicator = Indicator {
            measure: Some(IndicatorMeasure::UNIT),
            title: vec![narrative(&outcome.description)],
            ..Indicator::default()
        };
        if let Some(baseline) = outcome
            .baseline
            .as_ref()
            .and_then(|id| figure_value(dataset, id, lossy))
        {
            indicator.baselines.push(baseline);
        }
        let target = outcome
            .target
            .as_ref()
            .and_then(|id| figure_value(dataset, id, lossy));
        let actual = outcome
            .actual
            .as_ref()
            .and_then(|id| figure_value(dataset, id, lossy));
        if target.is_some() || actual.is_some() {
            let figure = outcome
                .actual
                .iter()
                .chain(&outcome.target)
                .find_map(|id| dataset.figure(id));
            let period = figure.and_then(Figure::period);
            // IATI needs both ends: the figure's, else the programme's start and the figure's
            // as-of date (or the day the file describes).
            let start = period
                .and_then(|p| p.start())
                .or(programme.launched)
                .map(|d| d.earliest());
            let end = period
                .and_then(|p| p.end())
                .or_else(|| figure.and_then(Figure::as_of))
                .map_or(as_of, |d| d.latest());
            if period.and_then(|p| p.end()).is_none() {
                lossy.push(format!(
                    "result: {:?} gives no period end; written as {end}",
                    outcome.description
                ));
            }
            indicator.periods.push(ResultPeriod {
                start: start.or(Some(end)),
                end: Some(end),
                targets: target.into_iter().collect(),
                actuals: actual.into_iter().collect(),
            });
        }
        activity.results.push(ActivityResult {
            kind: Some(level_code(outcome.level)),
            title: vec![narrative(&outcome.description)],
            indicators: vec![indicator],
            ..ActivityResult::default()
        });
    }
}

fn narrative(text: &str) -> Narrative {
    Narrative {
        lang: Some("en".into()),
        text: text.to_owned(),
    }
}

/// An organisation by its IATI identifier and name, or by name alone when the dataset gives it
/// no IATI identifier (its own identifier means nothing to IATI).
fn org_ref(dataset: &Dataset, id: &OrganisationId, lossy: &mut Vec<String>) -> OrgRef {
    let organisation = dataset.organisation(id);
    let reference = organisation
        .and_then(|o| o.identifiers.iter().find(|i| i.scheme() == "iati"))
        .map(|i| i.value().to_owned());
    let name = organisation.map_or_else(|| id.to_string(), |o| o.name.clone());
    if reference.is_none() {
        lossy.push(format!(
            "organisation {name:?} has no IATI identifier and is written by name"
        ));
    }
    OrgRef {
        reference,
        names: vec![narrative(&name)],
        ..OrgRef::default()
    }
}

/// IATI requires a status; one the programme does not give is derived from its dates, and
/// reported: closed after a known end, in implementation after its start, else in the pipeline.
fn derived_status(
    programme: &Programme,
    today: NaiveDate,
    lossy: &mut Vec<String>,
) -> ActivityStatus {
    let ended = programme
        .period
        .and_then(|p| p.end())
        .is_some_and(|end| end.latest() < today);
    let started = programme
        .launched
        .or_else(|| programme.period.and_then(|p| p.start()))
        .is_some_and(|s| s.earliest() <= today);
    let (code, words) = match (ended, started) {
        (true, _) => (ActivityStatus::CLOSED, "closed, as its end has passed"),
        (false, true) => (
            ActivityStatus::IMPLEMENTATION,
            "in implementation, as it has started",
        ),
        (false, false) => (
            ActivityStatus::PIPELINE,
            "in the pipeline, as it has not started",
        ),
    };
    lossy.push(format!(
        "activity-status: not known; written as {code} ({words})"
    ));
    code
}

fn status_code(status: ProgrammeStatus) -> ActivityStatus {
    match status {
        ProgrammeStatus::Pipeline => ActivityStatus::PIPELINE,
        ProgrammeStatus::Finalisation => ActivityStatus::FINALISATION,
        ProgrammeStatus::Closed => ActivityStatus::CLOSED,
        ProgrammeStatus::Cancelled => ActivityStatus::CANCELLED,
        ProgrammeStatus::Suspended => ActivityStatus::SUSPENDED,
        _ => ActivityStatus::IMPLEMENTATION,
    }
}

fn level_code(level: ResultLevel) -> ResultType {
    match level {
        ResultLevel::Output => ResultType::OUTPUT,
        ResultLevel::Impact => ResultType::IMPACT,
        _ => ResultType::OUTCOME,
    }
}

/// The programme's budget as an IATI budget over its period, when it has both.
fn budget(
    dataset: &Dataset,
    programme: &Programme,
    activity: &mut Activity,
    description: &mut String,
    lossy: &mut Vec<String>,
) {
    let (money, words) = match &programme.budget {
        None => return,
        Some(Budget::Exact(money)) => (Some(*money), None),
        Some(Budget::Figure(id)) => match dataset.figure(id) {
            Some(figure) => (figure_money(figure), Some(figure.to_string())),
            None => return,
        },
    };
    if let Some(words) = &words {
        *description = format!("{description}. Budget: {words}");
        lossy.push(format!(
            "budget: {words:?} is written as its value; the words are kept in the description"
        ));
    }
    let period = programme.period;
    let start = period
        .and_then(|p| p.start())
        .or(programme.launched)
        .map(|d| d.earliest());
    let end = period.and_then(|p| p.end()).map(|d| d.latest());
    let (Some(money), Some(start), Some(end)) = (money, start, end) else {
        lossy.push(
            "budget: IATI needs an amount, a start and an end; the programme lacks one".to_owned(),
        );
        return;
    };
    activity.budgets.push(ActivityBudget {
        kind: Some(BudgetType::ORIGINAL),
        status: Some(BudgetStatus::COMMITTED),
        period_start: Some(start),
        period_end: Some(end),
        value: Some(money_value(money, start)),
    });
}

fn money_value(money: crate::money::Money, date: NaiveDate) -> Value {
    Value {
        money: Some(money),
        currency: Some(money.currency()),
        unknown_currency: None,
        value_date: Some(date),
        text: money.amount().to_string(),
    }
}

fn figure_money(figure: &Figure) -> Option<crate::money::Money> {
    match figure.quantity().value() {
        FigureValue::Money(money) => Some(*money),
        FigureValue::Number(_) => None,
    }
}

/// A figure as a result value: its value, and, when it is not exact, its words in a comment.
fn figure_value(dataset: &Dataset, id: &FigureId, lossy: &mut Vec<String>) -> Option<ResultValue> {
    let figure = dataset.figure(id)?;
    let number: Decimal = match figure.quantity().value() {
        FigureValue::Number(n) => *n,
        FigureValue::Money(m) => m.amount(),
    };
    let mut value = ResultValue {
        raw: Some(number.to_string()),
        number: Some(number),
        ..ResultValue::default()
    };
    if figure.quantity().comparator() != Comparator::Exactly {
        let words = figure.to_string();
        value.comment = vec![narrative(&words)];
        lossy.push(format!(
            "result: {words:?} is written as {number}, the words kept in a comment"
        ));
    }
    Some(value)
}
