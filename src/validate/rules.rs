//! The rules, each a pass over the dataset that is linear in its size.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::{negative_money, Report, Rule};
use crate::dataset::{series_of, Dataset};
use crate::date::{PartialDate, Period};
use crate::figure::{Comparator, Figure, Subject};
use crate::id::{FigureId, FrameworkId, OfficialId, PostId, SourceId};
use crate::model::{Appointment, Budget, Capacity, Funder, Meeting};

pub(super) fn duplicates(data: &Dataset, report: &mut Report) {
    macro_rules! check {
        ($($field:ident, $kind:literal, |$r:ident| $key:expr;)*) => {$(
            for &index in &data.$field.repeated {
                if let Some(item) = data.$field.items.get(index) {
                    let $r = item;
                    let id = $key;
                    let first = data.$field.index.get(id).copied().unwrap_or(0);
                    report.push(
                        Rule::DuplicateId,
                        format!("{}[{index}].id", stringify!($field)),
                        format!("{} {:?} appears more than once (first at {}[{first}])", $kind, id.as_str(), stringify!($field)),
                    );
                }
            }
        )*};
    }
    check! {
        sources, "source", |r| &r.id;
        organisations, "organisation", |r| &r.id;
        funds, "fund", |r| &r.id;
        officials, "official", |r| &r.id;
        posts, "post", |r| &r.id;
        appointments, "appointment", |r| &r.id;
        frameworks, "framework", |r| &r.id;
        meetings, "meeting", |r| &r.id;
        programmes, "programme", |r| &r.id;
        outcomes, "outcome metric", |r| &r.id;
        portfolios, "portfolio", |r| &r.id;
        figures, "figure", |r| r.id();
    }
}

/// A record's place, `meetings[3]`, formatted only when a problem needs it.
#[derive(Clone, Copy)]
struct At(&'static str, usize);

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// Reports references that do not resolve.
struct Refs<'a> {
    data: &'a Dataset,
    report: &'a mut Report,
}

impl Refs<'_> {
    fn check(
        &mut self,
        found: bool,
        path: impl FnOnce() -> String,
        owner: &dyn Fn() -> String,
        kind: &str,
        id: &str,
    ) {
        if !found {
            self.report.push(
                Rule::DanglingReference,
                path(),
                format!(
                    "{} refers to {kind} {id:?}, which is not in the dataset",
                    owner()
                ),
            );
        }
    }

    fn sources(&mut self, sources: &[SourceId], at: At, owner: &dyn Fn() -> String) {
        for (j, source) in sources.iter().enumerate() {
            let found = self.data.sources.contains(source);
            self.check(
                found,
                || format!("{at}.sources[{j}]"),
                owner,
                "source",
                source.as_str(),
            );
        }
    }

    fn organisation(
        &mut self,
        id: &crate::id::OrganisationId,
        path: impl FnOnce() -> String,
        owner: &dyn Fn() -> String,
    ) {
        let found = self.data.organisations.contains(id);
        self.check(found, path, owner, "organisation", id.as_str());
    }

    fn figure(&mut self, id: &FigureId, path: impl FnOnce() -> String, owner: &dyn Fn() -> String) {
        let found = self.data.figures.contains(id);
        self.check(found, path, owner, "figure", id.as_str());
    }
}

#[allow(clippy::too_many_lines)] // one block per kind of record, in dataset order
pub(super) fn references(data: &Dataset, report: &mut Report) {
    let mut r = Refs { data, report };
    for (i, org) in data.organisations().iter().enumerate() {
        let at = At("organisations", i);
        let owner = || format!("organisation {:?}", org.id.as_str());
        for (j, link) in org.parents.iter().enumerate() {
            r.organisation(&link.parent, || format!("{at}.parents[{j}].parent"), &owner);
        }
        if let Some(succession) = &org.succeeded_by {
            r.organisation(
                &succession.successor,
                || format!("{at}.succeeded_by.successor"),
                &owner,
            );
        }
        r.sources(&org.sources, at, &owner);
    }
    for (i, fund) in data.funds().iter().enumerate() {
        let at = At("funds", i);
        let owner = || format!("fund {:?}", fund.id.as_str());
        if let Some(manager) = &fund.managed_by {
            r.organisation(manager, || format!("{at}.managed_by"), &owner);
        }
        r.sources(&fund.sources, at, &owner);
    }
    for (i, official) in data.officials().iter().enumerate() {
        let owner = || format!("official {:?}", official.id.as_str());
        r.sources(&official.sources, At("officials", i), &owner);
    }
    for (i, post) in data.posts().iter().enumerate() {
        let at = At("posts", i);
        let owner = || format!("post {:?}", post.id.as_str());
        r.organisation(&post.organisation, || format!("{at}.organisation"), &owner);
        r.sources(&post.sources, at, &owner);
    }
    for (i, a) in data.appointments().iter().enumerate() {
        let at = At("appointments", i);
        let owner = || format!("appointment {:?}", a.id.as_str());
        let found = data.officials.contains(&a.official);
        r.check(
            found,
            || format!("{at}.official"),
            &owner,
            "official",
            a.official.as_str(),
        );
        let found = data.posts.contains(&a.post);
        r.check(
            found,
            || format!("{at}.post"),
            &owner,
            "post",
            a.post.as_str(),
        );
        for (j, attestation) in a.attested.iter().enumerate() {
            let found = data.sources.contains(&attestation.source);
            r.check(
                found,
                || format!("{at}.attested[{j}].source"),
                &owner,
                "source",
                attestation.source.as_str(),
            );
        }
        r.sources(&a.sources, at, &owner);
    }
    for (i, framework) in data.frameworks().iter().enumerate() {
        let at = At("frameworks", i);
        let owner = || format!("framework {:?}", framework.id.as_str());
        for (j, party) in framework.parties.iter().enumerate() {
            r.organisation(party, || format!("{at}.parties[{j}]"), &owner);
        }
        if let Some(source) = &framework.established_by {
            let found = data.sources.contains(source);
            r.check(
                found,
                || format!("{at}.established_by"),
                &owner,
                "source",
                source.as_str(),
            );
        }
        r.sources(&framework.sources, at, &owner);
    }
    for (i, meeting) in data.meetings().iter().enumerate() {
        let at = At("meetings", i);
        let owner = || format!("meeting {:?}", meeting.id.as_str());
        let found = data.frameworks.contains(&meeting.framework);
        r.check(
            found,
            || format!("{at}.framework"),
            &owner,
            "framework",
            meeting.framework.as_str(),
        );
        for (j, p) in meeting.participants.iter().enumerate() {
            let found = data.officials.contains(&p.official);
            r.check(
                found,
                || format!("{at}.participants[{j}].official"),
                &owner,
                "official",
                p.official.as_str(),
            );
            if let Some(post) = &p.post {
                let found = data.posts.contains(post);
                r.check(
                    found,
                    || format!("{at}.participants[{j}].post"),
                    &owner,
                    "post",
                    post.as_str(),
                );
            }
            r.organisation(
                &p.represents,
                || format!("{at}.participants[{j}].represents"),
                &owner,
            );
        }
        for (j, document) in meeting.documents.iter().enumerate() {
            if let Some(by) = &document.by {
                r.organisation(by, || format!("{at}.documents[{j}].by"), &owner);
            }
        }
        r.sources(&meeting.sources, at, &owner);
    }
    for (i, programme) in data.programmes().iter().enumerate() {
        let at = At("programmes", i);
        let owner = || format!("programme {:?}", programme.id.as_str());
        if let Some(framework) = &programme.framework {
            let found = data.frameworks.contains(framework);
            r.check(
                found,
                || format!("{at}.framework"),
                &owner,
                "framework",
                framework.as_str(),
            );
        }
        for (j, funder) in programme.funders.iter().enumerate() {
            match funder {
                Funder::Organisation(id) => {
                    r.organisation(id, || format!("{at}.funders[{j}]"), &owner);
                }
                Funder::Fund(id) => {
                    let found = data.funds.contains(id);
                    r.check(
                        found,
                        || format!("{at}.funders[{j}]"),
                        &owner,
                        "fund",
                        id.as_str(),
                    );
                }
            }
        }
        for (j, implementer) in programme.implementers.iter().enumerate() {
            r.organisation(implementer, || format!("{at}.implementers[{j}]"), &owner);
        }
        if let Some(Budget::Figure(figure)) = &programme.budget {
            r.figure(figure, || format!("{at}.budget"), &owner);
        }
        for (j, outcome) in programme.outcomes.iter().enumerate() {
            let found = data.outcomes.contains(outcome);
            r.check(
                found,
                || format!("{at}.outcomes[{j}]"),
                &owner,
                "outcome metric",
                outcome.as_str(),
            );
        }
        r.sources(&programme.sources, at, &owner);
    }
    for (i, metric) in data.outcomes().iter().enumerate() {
        let at = At("outcomes", i);
        let owner = || format!("outcome metric {:?}", metric.id.as_str());
        let found = data.programmes.contains(&metric.programme);
        r.check(
            found,
            || format!("{at}.programme"),
            &owner,
            "programme",
            metric.programme.as_str(),
        );
        for (name, figure) in [
            ("baseline", &metric.baseline),
            ("target", &metric.target),
            ("actual", &metric.actual),
        ] {
            if let Some(figure) = figure {
                r.figure(figure, || format!("{at}.{name}"), &owner);
            }
        }
        r.sources(&metric.sources, at, &owner);
    }
    for (i, portfolio) in data.portfolios().iter().enumerate() {
        let at = At("portfolios", i);
        let owner = || format!("portfolio {:?}", portfolio.id.as_str());
        for (j, party) in portfolio.parties.iter().enumerate() {
            r.organisation(party, || format!("{at}.parties[{j}]"), &owner);
        }
        r.figure(
            &portfolio.project_count,
            || format!("{at}.project_count"),
            &owner,
        );
        r.figure(
            &portfolio.total_value,
            || format!("{at}.total_value"),
            &owner,
        );
        if let Some(average) = &portfolio.average_value {
            r.figure(average, || format!("{at}.average_value"), &owner);
        }
        r.sources(&portfolio.sources, at, &owner);
    }
    for (i, figure) in data.figures().iter().enumerate() {
        let at = At("figures", i);
        let owner = || format!("figure {:?}", figure.id().as_str());
        for (j, subject) in figure.subjects().iter().enumerate() {
            let (found, kind, id) = match subject {
                Subject::Organisation(id) => {
                    (data.organisations.contains(id), "organisation", id.as_str())
                }
                Subject::Framework(id) => (data.frameworks.contains(id), "framework", id.as_str()),
                Subject::Programme(id) => (data.programmes.contains(id), "programme", id.as_str()),
                Subject::Portfolio(id) => (data.portfolios.contains(id), "portfolio", id.as_str()),
            };
            r.check(found, || format!("{at}.subjects[{j}]"), &owner, kind, id);
        }
        if let crate::figure::Derivation::Derived { inputs, .. } = figure.derivation() {
            for (j, input) in inputs.iter().enumerate() {
                r.figure(input, || format!("{at}.derivation.inputs[{j}]"), &owner);
            }
        }
        r.sources(figure.sources(), at, &owner);
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
    let mut by_holder: HashMap<(&OfficialId, &PostId), Vec<&Appointment>, RandomState> =
        HashMap::with_capacity_and_hasher(data.appointments().len(), RandomState::default());
    for a in data.appointments() {
        by_holder.entry((&a.official, &a.post)).or_default().push(a);
    }
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
    by_holder: &HashMap<(&OfficialId, &PostId), Vec<&Appointment>, RandomState>,
    meeting: &Meeting,
    (at, j): (At, usize),
    (official, post): (&OfficialId, &PostId),
) {
    let held = by_holder
        .get(&(official, post))
        .map_or(&[][..], Vec::as_slice);
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
