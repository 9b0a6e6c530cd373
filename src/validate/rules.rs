//! The rules, each a pass over the dataset that is linear in its size.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::references::At;
use super::{negative_money, Report, Rule};
use crate::dataset::{series_of, AppointmentIndex, Dataset};
use crate::date::{PartialDate, Period};
use crate::figure::{Comparator, Figure};
use crate::id::{FrameworkId, OfficialId, PostId};
use crate::model::{Appointment, Budget, Capacity, Meeting};

pub(super) fn duplicates(data: &Dataset, report: &mut Report) {
    for repeated in data.repeated_ids() {
        report.push(
            Rule::DuplicateId,
            format!("{}[{}].id", repeated.collection, repeated.index),
            format!(
                "{} {:?} appears more than once (first at {}[{}])",
                repeated.kind, repeated.id, repeated.collection, repeated.first
            ),
        );
    }
}

pub(super) fn parent_cycles(data: &Dataset, report: &mut Report) {
    // Iterative depth-first search: 1 = on the current path, 2 = finished.
    let organisations = data.organisations();
    let mut state = vec![0_u8; organisations.len()];
    for start in 0..organisations.len() {
        if state.get(start) != Some(&0) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some((node, edge)) = stack.last().copied() {
            let links = organisations
                .get(node)
                .map_or(&[][..], |o| o.parents.as_slice());
            let Some(link) = links.get(edge) else {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 = edge.saturating_add(1);
            }
            let Some(&next) = data.organisations.index.get(&link.parent) else {
                continue;
            };
            match state.get(next) {
                Some(0) => {
                    if let Some(s) = state.get_mut(next) {
                        *s = 1;
                    }
                    stack.push((next, 0));
                }
                Some(1) => report.push(
                    Rule::ParentCycle,
                    format!("organisations[{node}].parents[{edge}].parent"),
                    format!(
                        "organisation {:?} is part of itself through {:?}",
                        link.parent.as_str(),
                        organisations.get(node).map_or("", |o| o.id.as_str())
                    ),
                ),
                _ => {}
            }
        }
    }
}

/// Whether the period and the partial date can share a day.
fn may_overlap(period: Period, date: PartialDate) -> bool {
    period.start().is_none_or(|s| s.earliest() <= date.latest())
        && period.end().is_none_or(|e| date.earliest() <= e.latest())
}

fn holds_certainly(a: &Appointment, date: PartialDate) -> bool {
    a.attested.iter().any(|x| date.contains(x.date))
        || a.tenure.is_some_and(|t| {
            t.certainly_contains(date.earliest()) && t.certainly_contains(date.latest())
        })
}

pub(super) fn meetings(data: &Dataset, report: &mut Report) {
    let by_holder = AppointmentIndex::new(data);
    // Groups in the order their frameworks first appear, so the report's order is stable.
    let mut group_of: HashMap<&FrameworkId, usize, RandomState> = HashMap::default();
    let mut groups: Vec<(&FrameworkId, Vec<(usize, &Meeting)>)> = Vec::new();
    for (i, meeting) in data.meetings().iter().enumerate() {
        let next = groups.len();
        let group = *group_of.entry(&meeting.framework).or_insert(next);
        if group == next {
            groups.push((&meeting.framework, Vec::new()));
        }
        if let Some((_, list)) = groups.get_mut(group) {
            list.push((i, meeting));
        }
        let at = At("meetings", i);
        let framework = data.framework(&meeting.framework);
        if let Some(established) = framework.and_then(|f| f.established) {
            if meeting.date.latest() < established.earliest() {
                report.push(
                    Rule::MeetingBeforeFramework,
                    format!("{at}.date"),
                    format!(
                        "meeting {:?} on {} is before framework {:?} was established ({established})",
                        meeting.id.as_str(), meeting.date, meeting.framework.as_str()
                    ),
                );
            }
        }
        let day = meeting.date.earliest();
        for (j, p) in meeting.participants.iter().enumerate() {
            if meeting
                .participants
                .iter()
                .take(j)
                .any(|q| q.official == p.official)
            {
                report.push(
                    Rule::ParticipantTwice,
                    format!("{at}.participants[{j}]"),
                    format!(
                        "official {:?} takes part in meeting {:?} more than once",
                        p.official.as_str(),
                        meeting.id.as_str()
                    ),
                );
            }
            if let Some(post) = p.post.as_ref().filter(|post| data.posts.contains(post)) {
                post_held(
                    data,
                    report,
                    &by_holder,
                    meeting,
                    (at, j),
                    (&p.official, post),
                );
            }
            if p.capacity == Capacity::Host {
                let parties = framework.map_or(&[][..], |f| f.parties.as_slice());
                if !parties.is_empty()
                    && !parties
                        .iter()
                        .any(|party| data.belongs_to(&p.represents, party, day))
                {
                    report.push(
                        Rule::HostNotParty,
                        format!("{at}.participants[{j}].represents"),
                        format!(
                            "the host of meeting {:?} acts for {:?}, which is neither a party of framework {:?} nor part of one",
                            meeting.id.as_str(), p.represents.as_str(), meeting.framework.as_str()
                        ),
                    );
                }
            }
        }
    }
    for (framework, mut list) in groups {
        list.sort_by_key(|(i, m)| (m.date.sort_key(), m.ordinal, *i));
        ordinals(data, report, framework, &list);
    }
}

fn post_held(
    data: &Dataset,
    report: &mut Report,
    by_holder: &AppointmentIndex<'_>,
    meeting: &Meeting,
    (at, j): (At, usize),
    (official, post): (&OfficialId, &PostId),
) {
    let held = by_holder.get(official, post);
    if held.iter().any(|a| holds_certainly(a, meeting.date)) {
        return;
    }
    let path = format!("{at}.participants[{j}].post");
    let who = format!("official {:?}", official.as_str());
    let title = data.post(post).map_or("", |p| p.title.as_str());
    if held.is_empty() {
        report.push(
            Rule::PostNotHeld,
            path,
            format!(
                "{who} holds no appointment to post {:?} ({title}) in the dataset",
                post.as_str()
            ),
        );
    } else if held
        .iter()
        .any(|a| a.tenure.is_none_or(|t| may_overlap(t, meeting.date)))
    {
        report.push(
            Rule::PostUncertain,
            path,
            format!("{who} may not have held post {:?} ({title}) on {}: no tenure or source shows it for that date", post.as_str(), meeting.date),
        );
    } else {
        report.push(
            Rule::PostNotHeld,
            path,
            format!(
                "{who} did not hold post {:?} ({title}) on {}",
                post.as_str(),
                meeting.date
            ),
        );
    }
}

fn ordinals(
    data: &Dataset,
    report: &mut Report,
    framework: &FrameworkId,
    list: &[(usize, &Meeting)],
) {
    let mut stated: HashMap<u32, usize> = HashMap::new();
    let mut highest: Option<(u32, PartialDate)> = None;
    for &(i, meeting) in list {
        let Some(ordinal) = meeting.ordinal else {
            continue;
        };
        if let Some(first) = stated.get(&ordinal) {
            report.push(
                Rule::OrdinalDuplicate,
                format!("meetings[{i}].ordinal"),
                format!("meetings[{first}] and meeting {:?} both state ordinal {ordinal} of framework {:?}", meeting.id.as_str(), framework.as_str()),
            );
            continue;
        }
        stated.insert(ordinal, i);
        if let Some((top, date)) = highest {
            if ordinal < top && meeting.date > date {
                report.push(
                    Rule::OrdinalOrder,
                    format!("meetings[{i}].ordinal"),
                    format!("meeting {:?} ({}) states ordinal {ordinal}, below the {top} of an earlier meeting ({date})", meeting.id.as_str(), meeting.date),
                );
            }
        }
        if highest.is_none_or(|(top, _)| ordinal > top) {
            highest = Some((ordinal, meeting.date));
        }
    }
    let meetings: Vec<&Meeting> = list.iter().map(|(_, m)| *m).collect();
    for gap in series_of(&meetings).gaps {
        let (from, to) = (*gap.start(), *gap.end());
        let which = if from == to {
            format!("meeting {from}")
        } else {
            format!("meetings {from} to {to}")
        };
        let verb = if from == to { "is" } else { "are" };
        let path = match data.frameworks.index.get(framework) {
            Some(index) => format!("frameworks[{index}]"),
            None => format!(
                "meetings[{}].framework",
                list.first().map_or(0, |(i, _)| *i)
            ),
        };
        report.push(
            Rule::OrdinalGap,
            path,
            format!(
                "{which} of framework {:?} {verb} not recorded",
                framework.as_str()
            ),
        );
    }
}

pub(super) fn programmes(data: &Dataset, report: &mut Report) {
    for (i, programme) in data.programmes().iter().enumerate() {
        for (j, outcome) in programme.outcomes.iter().enumerate() {
            if let Some(metric) = data
                .outcome(outcome)
                .filter(|m| m.programme != programme.id)
            {
                report.push(
                    Rule::OutcomeProgramme,
                    format!("programmes[{i}].outcomes[{j}]"),
                    format!(
                        "programme {:?} lists outcome metric {:?}, which belongs to programme {:?}",
                        programme.id.as_str(),
                        outcome.as_str(),
                        metric.programme.as_str()
                    ),
                );
            }
        }
        let negative = match &programme.budget {
            Some(Budget::Exact(money)) => money.is_negative(),
            Some(Budget::Figure(id)) => data.figure(id).is_some_and(negative_money),
            None => false,
        };
        if negative {
            report.push(
                Rule::NegativeMoney,
                format!("programmes[{i}].budget"),
                format!(
                    "programme {:?} has a negative budget",
                    programme.id.as_str()
                ),
            );
        }
    }
    for (i, metric) in data.outcomes().iter().enumerate() {
        let Some(life) = data
            .programme(&metric.programme)
            .and_then(crate::model::Programme::life)
        else {
            continue;
        };
        for (name, id) in [("target", &metric.target), ("actual", &metric.actual)] {
            let Some(figure) = id.as_ref().and_then(|id| data.figure(id)) else {
                continue;
            };
            if let Some(date) = figure.as_of().filter(|d| !may_overlap(life, *d)) {
                report.push(
                    Rule::ResultOutsideProgramme,
                    format!("outcomes[{i}].{name}"),
                    format!(
                        "figure {:?} is dated {date}, outside the life of programme {:?} ({life})",
                        figure.id().as_str(),
                        metric.programme.as_str()
                    ),
                );
            }
        }
    }
}

pub(super) fn figures(data: &Dataset, report: &mut Report) {
    for (i, figure) in data.figures().iter().enumerate() {
        let (Some(period), Some(as_of)) = (figure.period(), figure.as_of()) else {
            continue;
        };
        if period
            .end()
            .is_some_and(|end| end.earliest() > as_of.latest())
        {
            report.push(
                Rule::PeriodAfterAsOf,
                format!("figures[{i}].period"),
                format!("figure {:?} covers {period}, which ends after the date it was true on ({as_of})", figure.id().as_str()),
            );
        }
    }
    for (i, portfolio) in data.portfolios().iter().enumerate() {
        let value = data.figure(&portfolio.total_value);
        if value.is_some_and(negative_money) {
            report.push(
                Rule::NegativeMoney,
                format!("portfolios[{i}].total_value"),
                format!("portfolio {:?} has a negative value", portfolio.id.as_str()),
            );
        }
        let count = data.figure(&portfolio.project_count);
        let average = portfolio
            .average_value
            .as_ref()
            .and_then(|id| data.figure(id));
        let inexact = |f: Option<&Figure>| f.is_some_and(|f| !f.quantity().is_exact());
        if let Some(average) = average.filter(|a| a.quantity().comparator() == Comparator::Exactly)
        {
            if inexact(value) || inexact(count) {
                report.push(
                    Rule::AverageNotAbout,
                    format!("portfolios[{i}].average_value"),
                    format!(
                        "figure {:?} states an exact average, but the count or value it comes from is not exact",
                        average.id().as_str()
                    ),
                );
            }
        }
    }
}
