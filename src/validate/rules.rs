//! The rules, one function each, in the order of the rule table. Each reads the dataset through
//! the typed views of its records' resolved references ([`MeetingLinks`], ...), and is linear in
//! the size of what it reads.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::references::At;
use super::tables::{FigureFacts, Holders, Holding, Walk};
use super::{Report, Rule};
use crate::dataset::{
    position, Dataset, MeetingLinks, Numbering, OutcomeLinks, PortfolioLinks, ProgrammeLinks,
    MISSING,
};
use crate::date::{PartialDate, Period};
use crate::id::{FrameworkId, OfficialId};
use crate::model::{Budget, Capacity, Meeting, OutcomeMetric, Portfolio, Programme};

/// `duplicate-id`: identifiers are unique within each kind of record.
pub(super) fn duplicate_id(data: &Dataset, report: &mut Report) {
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

/// `parent-cycle`: no organisation is part of itself through its parent links.
pub(super) fn parent_cycle(data: &Dataset, report: &mut Report) {
    // Iterative depth-first search: 1 = on the current path, 2 = finished.
    let organisations = data.organisations().len();
    let mut state = vec![0_u8; organisations];
    for start in 0..organisations {
        if state.get(start) != Some(&0) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some((node, edge)) = stack.last().copied() {
            let Some(&slot) = data.parent_slots(node).get(edge) else {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 = edge.saturating_add(1);
            }
            let Some(next) = position(slot) else {
                continue;
            };
            match state.get(next) {
                Some(0) => {
                    if let Some(s) = state.get_mut(next) {
                        *s = 1;
                    }
                    stack.push((next, 0));
                }
                Some(1) => {
                    let organisation = data.organisations().get(node);
                    let parent = organisation
                        .and_then(|o| o.parents.get(edge))
                        .map_or("", |link| link.parent.as_str());
                    report.push(
                        Rule::ParentCycle,
                        format!("organisations[{node}].parents[{edge}].parent"),
                        format!(
                            "organisation {parent:?} is part of itself through {:?}",
                            organisation.map_or("", |o| o.id.as_str())
                        ),
                    );
                }
                _ => {}
            }
        }
    }
}

/// `meeting-before-framework`: a meeting is not held before its framework was established.
pub(super) fn meeting_before_framework(
    data: &Dataset,
    i: usize,
    meeting: &Meeting,
    links: MeetingLinks<'_>,
    report: &mut Report,
) {
    let framework = position(links.framework()).and_then(|f| data.frameworks().get(f));
    let Some(established) = framework.and_then(|f| f.established) else {
        return;
    };
    if meeting.date.latest() < established.earliest() {
        report.push(
            Rule::MeetingBeforeFramework,
            format!("{}.date", At("meetings", i)),
            format!(
                "meeting {:?} on {} is before framework {:?} was established ({established})",
                meeting.id.as_str(),
                meeting.date,
                meeting.framework.as_str()
            ),
        );
    }
}

/// `ordinal-zero`: stated ordinals count from 1.
pub(super) fn ordinal_zero(i: usize, meeting: &Meeting, report: &mut Report) {
    if meeting.ordinal == Some(0) {
        report.push(
            Rule::OrdinalZero,
            format!("{}.ordinal", At("meetings", i)),
            format!(
                "meeting {:?} states ordinal 0; ordinals count from 1",
                meeting.id.as_str()
            ),
        );
    }
}

/// `participant-twice`: an official takes part in a meeting once; reported at the
/// participant `j` that repeats an earlier one.
pub(super) fn participant_twice(
    i: usize,
    j: usize,
    meeting: &Meeting,
    links: MeetingLinks<'_>,
    report: &mut Report,
) {
    let officials = links.participant_officials();
    let Some(&official) = officials.get(j) else {
        return;
    };
    // Officials not in the dataset cannot be told apart by position: compare their text.
    let text = || meeting.participants.get(j).map(|p| &p.official);
    let twice = if official == MISSING {
        meeting
            .participants
            .iter()
            .take(j)
            .any(|q| Some(&q.official) == text())
    } else {
        officials.iter().take(j).any(|&earlier| earlier == official)
    };
    if twice {
        report.push(
            Rule::ParticipantTwice,
            format!("{}.participants[{j}]", At("meetings", i)),
            format!(
                "official {:?} takes part in meeting {:?} more than once",
                text().map_or("", OfficialId::as_str),
                meeting.id.as_str()
            ),
        );
    }
}

/// Whether the appointment certainly covers `date`: a source attests it on a day inside it,
/// or its tenure covers all of it.
fn holds_certainly(data: &Dataset, holding: &Holding, day: PartialDate) -> bool {
    let attested = || {
        data.appointments()
            .get(holding.appointment)
            .is_some_and(|a| a.attested.iter().any(|x| day.contains(x.date)))
    };
    holding
        .tenure
        .is_some_and(|t| t.certainly_contains(day.earliest()) && t.certainly_contains(day.latest()))
        || (holding.attested && attested())
}

/// Whether the period and the partial date can share a day.
fn may_overlap(period: Period, date: PartialDate) -> bool {
    period.start().is_none_or(|s| s.earliest() <= date.latest())
        && period.end().is_none_or(|e| date.earliest() <= e.latest())
}

/// Participant `j`'s claim to a post, as the post-held rules read it: the post's position and
/// what the appointments of the participant's official to it show about the meeting's date.
pub(super) struct Claim {
    post: usize,
    /// One appointment certainly covers the date.
    certain: bool,
    /// The official has an appointment to the post (when none is certain).
    held: bool,
    /// One appointment may cover the date (when none is certain).
    possible: bool,
}

/// Participant `j`'s claim to the post given, when one is given and is in the dataset.
pub(super) fn claim(
    data: &Dataset,
    holders: &Holders,
    j: usize,
    meeting: &Meeting,
    links: MeetingLinks<'_>,
) -> Option<Claim> {
    let post = links
        .participant_posts()
        .get(j)
        .copied()
        .and_then(position)?;
    let official = links
        .participant_officials()
        .get(j)
        .copied()
        .unwrap_or(MISSING);
    // The official's identifier, read only where positions cannot decide.
    let text = || meeting.participants.get(j).map(|p| &p.official);
    let theirs = |h: &&Holding| {
        h.official == official
            && (h.official != MISSING
                || data
                    .appointments()
                    .get(h.appointment)
                    .is_some_and(|a| Some(&a.official) == text()))
    };
    let held = || holders.of(post).iter().filter(theirs);
    if held().any(|h| holds_certainly(data, h, meeting.date)) {
        return Some(Claim {
            post,
            certain: true,
            held: true,
            possible: true,
        });
    }
    Some(Claim {
        post,
        certain: false,
        held: held().next().is_some(),
        possible: held().any(|h| h.tenure.is_none_or(|t| may_overlap(t, meeting.date))),
    })
}

/// The path of participant `j`'s post, the official's words and the post's identifier and title.
fn claim_words(
    data: &Dataset,
    (i, j): (usize, usize),
    meeting: &Meeting,
    post: usize,
) -> (String, String, String, String) {
    let record = data.posts().get(post);
    let official = meeting
        .participants
        .get(j)
        .map_or("", |p| p.official.as_str());
    (
        format!("{}.participants[{j}].post", At("meetings", i)),
        format!("official {official:?}"),
        record.map_or("", |p| p.id.as_str()).to_owned(),
        record.map_or("", |p| p.title.as_str()).to_owned(),
    )
}

/// `post-not-held`: participant `j` held the post given on the meeting's date: an appointment
/// to it certainly covers the date, or may cover it (`post-uncertain`'s case).
pub(super) fn post_not_held(
    data: &Dataset,
    claim: &Claim,
    (i, j): (usize, usize),
    meeting: &Meeting,
    report: &mut Report,
) {
    if claim.certain || claim.possible {
        return;
    }
    let (path, who, post, title) = claim_words(data, (i, j), meeting, claim.post);
    let message = if claim.held {
        format!(
            "{who} did not hold post {post:?} ({title}) on {}",
            meeting.date
        )
    } else {
        format!("{who} holds no appointment to post {post:?} ({title}) in the dataset")
    };
    report.push(Rule::PostNotHeld, path, message);
}

/// `post-uncertain`: participant `j` has an appointment to the post given whose tenure may, but
/// need not, cover the meeting's date, and none that certainly does.
pub(super) fn post_uncertain(
    data: &Dataset,
    claim: &Claim,
    (i, j): (usize, usize),
    meeting: &Meeting,
    report: &mut Report,
) {
    if claim.certain || !claim.possible {
        return;
    }
    let (path, who, post, title) = claim_words(data, (i, j), meeting, claim.post);
    report.push(
        Rule::PostUncertain,
        path,
        format!("{who} may not have held post {post:?} ({title}) on {}: no tenure or source shows it for that date", meeting.date),
    );
}

/// `host-not-party`: a meeting's host acts for a party of the framework or a part of one.
pub(super) fn host_not_party(
    data: &Dataset,
    walk: &mut Walk,
    i: usize,
    meeting: &Meeting,
    links: MeetingLinks<'_>,
    report: &mut Report,
) {
    let Some(f) = position(links.framework()) else {
        return;
    };
    let framework = data.frameworks().get(f);
    let Some(party_slots) = data.framework_links(f).map(|l| l.parties()) else {
        return;
    };
    if party_slots.is_empty() {
        return;
    }
    let day = meeting.date.earliest();
    for (k, &host) in links.hosts().iter().enumerate() {
        let represents = || {
            meeting
                .participants
                .iter()
                .enumerate()
                .filter(|(_, p)| p.capacity == Capacity::Host)
                .nth(k)
        };
        let belongs = |(n, &party): (usize, &u32)| {
            if let (Some(r), Some(party)) = (position(host), position(party)) {
                return walk.reaches(data, (r, party), day);
            }
            // An organisation not in the dataset has no parents: only its own identifier can
            // match.
            let party = framework.and_then(|f| f.parties.get(n));
            represents().is_some_and(|(_, p)| Some(&p.represents) == party)
        };
        if party_slots.iter().enumerate().any(belongs) {
            continue;
        }
        let (j, name) = represents().map_or((0, ""), |(j, p)| (j, p.represents.as_str()));
        report.push(
            Rule::HostNotParty,
            format!("{}.participants[{j}].represents", At("meetings", i)),
            format!(
                "the host of meeting {:?} acts for {name:?}, which is neither a party of framework {:?} nor part of one",
                meeting.id.as_str(), meeting.framework.as_str()
            ),
        );
    }
}

/// The meetings of one framework, in date order, with the framework's position when it is in
/// the dataset.
pub(super) struct Series<'a> {
    framework: &'a FrameworkId,
    position: Option<usize>,
    meetings: &'a [Dated],
}

/// A meeting as the ordinal rules need it.
#[derive(Clone, Copy)]
pub(super) struct Dated {
    at: usize,
    date: PartialDate,
    ordinal: Option<u32>,
}

/// Every framework's meetings: one table ordered by framework (in the order the frameworks
/// first appear, so that the report's order is stable; meetings of a framework not in the
/// dataset are grouped by its identifier) with one counting sort, then each group by date.
/// Meetings are added as the meeting rules pass over them.
pub(super) struct AllSeries<'a> {
    meetings: Vec<Dated>,
    /// Each group's framework, its position, and where its meetings end.
    groups: Vec<(&'a FrameworkId, Option<usize>, usize)>,
    /// Each meeting's group, in dataset order.
    group_of_meeting: Vec<usize>,
    /// Each framework's group, by position; `usize::MAX` before its first meeting.
    group_of_framework: Vec<usize>,
    /// The groups of frameworks not in the dataset, by identifier.
    unknown: HashMap<&'a FrameworkId, usize, RandomState>,
}

impl<'a> AllSeries<'a> {
    pub(super) fn new(data: &'a Dataset) -> AllSeries<'a> {
        AllSeries {
            meetings: Vec::with_capacity(data.meetings().len()),
            groups: Vec::new(),
            group_of_meeting: Vec::with_capacity(data.meetings().len()),
            group_of_framework: vec![usize::MAX; data.frameworks().len()],
            unknown: HashMap::default(),
        }
    }

    /// Adds meeting `i`, of the framework at `framework_at` when it is in the dataset.
    pub(super) fn push(&mut self, i: usize, meeting: &'a Meeting, framework_at: Option<usize>) {
        let next = self.groups.len();
        let group = match framework_at.and_then(|f| self.group_of_framework.get_mut(f)) {
            Some(g) if *g == usize::MAX => {
                *g = next;
                next
            }
            Some(g) => *g,
            None => *self.unknown.entry(&meeting.framework).or_insert(next),
        };
        if group == next {
            self.groups.push((&meeting.framework, framework_at, 0));
        }
        if let Some(g) = self.groups.get_mut(group) {
            g.2 = g.2.saturating_add(1);
        }
        self.group_of_meeting.push(group);
        self.meetings.push(Dated {
            at: i,
            date: meeting.date,
            ordinal: meeting.ordinal,
        });
    }

    /// Orders the meetings by group (a counting sort), then each group by date.
    pub(super) fn finish(&mut self) {
        let mut total = 0_usize;
        for group in &mut self.groups {
            total = total.saturating_add(group.2);
            group.2 = total;
        }
        let mut next: Vec<usize> = self.groups.iter().map(|g| g.2).collect();
        let mut ordered = self.meetings.clone();
        for (&group, &entry) in self.group_of_meeting.iter().zip(&self.meetings).rev() {
            if let Some(end) = next.get_mut(group) {
                *end = end.saturating_sub(1);
                if let Some(slot) = ordered.get_mut(*end) {
                    *slot = entry;
                }
            }
        }
        let mut start = 0;
        for group in &self.groups {
            if let Some(list) = ordered.get_mut(start..group.2) {
                list.sort_by_key(|m| (m.date.sort_key(), m.ordinal, m.at));
            }
            start = group.2;
        }
        self.meetings = ordered;
    }

    /// Each framework's series, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = Series<'_>> {
        let mut start = 0;
        self.groups.iter().map(move |&(framework, position, end)| {
            let meetings = self.meetings.get(start..end).unwrap_or_default();
            start = end;
            Series {
                framework,
                position,
                meetings,
            }
        })
    }
}

/// For each stated ordinal of `series`, the rank (in date order) of the first meeting that
/// states it, into `firsts`: what `ordinal-duplicate` and `ordinal-order` both ask.
pub(super) fn first_ordinals(series: &Series<'_>, firsts: &mut Vec<(u32, usize)>) {
    firsts.clear();
    firsts.extend(
        series
            .meetings
            .iter()
            .enumerate()
            .filter_map(|(rank, m)| m.ordinal.map(|o| (o, rank))),
    );
    firsts.sort_unstable();
    firsts.dedup_by_key(|(ordinal, _)| *ordinal);
}

/// The rank of the first meeting that states `ordinal`.
fn first_of(firsts: &[(u32, usize)], ordinal: u32) -> Option<usize> {
    firsts
        .binary_search_by_key(&ordinal, |(o, _)| *o)
        .ok()
        .and_then(|k| firsts.get(k))
        .map(|(_, rank)| *rank)
}

/// The meeting of `series`, other than the one at `rank`, that first states the same ordinal.
fn earlier_with_ordinal<'s>(
    series: &'s Series<'_>,
    firsts: &[(u32, usize)],
    rank: usize,
    ordinal: u32,
) -> Option<&'s Dated> {
    first_of(firsts, ordinal)
        .filter(|&r| r != rank)
        .and_then(|r| series.meetings.get(r))
}

/// `ordinal-duplicate`: no two meetings of a framework state the same ordinal.
pub(super) fn ordinal_duplicate(
    data: &Dataset,
    series: &Series<'_>,
    firsts: &[(u32, usize)],
    report: &mut Report,
) {
    for (rank, meeting) in series.meetings.iter().enumerate() {
        let Some(ordinal) = meeting.ordinal else {
            continue;
        };
        if let Some(first) = earlier_with_ordinal(series, firsts, rank, ordinal) {
            let i = meeting.at;
            report.push(
                Rule::OrdinalDuplicate,
                format!("meetings[{i}].ordinal"),
                format!(
                    "meetings[{}] and meeting {:?} both state ordinal {ordinal} of framework {:?}",
                    first.at,
                    data.meetings().get(i).map_or("", |m| m.id.as_str()),
                    series.framework.as_str()
                ),
            );
        }
    }
}

/// `ordinal-order`: stated ordinals increase with the meetings' dates. A meeting that repeats
/// an ordinal is `ordinal-duplicate`'s, and left out of the order.
pub(super) fn ordinal_order(
    data: &Dataset,
    series: &Series<'_>,
    firsts: &[(u32, usize)],
    report: &mut Report,
) {
    let mut highest: Option<(u32, PartialDate)> = None;
    for (rank, meeting) in series.meetings.iter().enumerate() {
        let Some(ordinal) = meeting.ordinal else {
            continue;
        };
        if earlier_with_ordinal(series, firsts, rank, ordinal).is_some() {
            continue;
        }
        if let Some((top, date)) = highest {
            if ordinal < top && meeting.date > date {
                let i = meeting.at;
                let id = data.meetings().get(i).map_or("", |m| m.id.as_str());
                report.push(
                    Rule::OrdinalOrder,
                    format!("meetings[{i}].ordinal"),
                    format!("meeting {id:?} ({}) states ordinal {ordinal}, below the {top} of an earlier meeting ({date})", meeting.date),
                );
            }
        }
        if highest.is_none_or(|(top, _)| ordinal > top) {
            highest = Some((ordinal, meeting.date));
        }
    }
}

/// `ordinal-gap`: ordinals before or between the recorded meetings that no meeting has.
pub(super) fn ordinal_gap(series: &Series<'_>, report: &mut Report) {
    let mut numbering = Numbering::default();
    let gaps: Vec<_> = series
        .meetings
        .iter()
        .filter_map(|m| numbering.next(m.ordinal).1)
        .collect();
    for gap in gaps {
        let (from, to) = (*gap.start(), *gap.end());
        let which = if from == to {
            format!("meeting {from}")
        } else {
            format!("meetings {from} to {to}")
        };
        let verb = if from == to { "is" } else { "are" };
        let path = match series.position {
            Some(index) => format!("frameworks[{index}]"),
            None => format!(
                "meetings[{}].framework",
                series.meetings.first().map_or(0, |m| m.at)
            ),
        };
        report.push(
            Rule::OrdinalGap,
            path,
            format!(
                "{which} of framework {:?} {verb} not recorded",
                series.framework.as_str()
            ),
        );
    }
}

/// `outcome-programme`: an outcome metric a programme lists names that programme.
pub(super) fn outcome_programme(
    data: &Dataset,
    i: usize,
    programme: &Programme,
    links: ProgrammeLinks<'_>,
    report: &mut Report,
) {
    let itself = data.programmes.first_of(i, &programme.id);
    for (j, &slot) in links.outcomes().iter().enumerate() {
        let Some(m) = position(slot) else {
            continue;
        };
        let names = data
            .outcome_links(m)
            .and_then(|outcome| position(outcome.programme()));
        if names == Some(itself) {
            continue;
        }
        let outcome = programme.outcomes.get(j).map_or("", |o| o.as_str());
        let belongs = data
            .outcomes()
            .get(m)
            .map_or("", |metric| metric.programme.as_str());
        report.push(
            Rule::OutcomeProgramme,
            format!("programmes[{i}].outcomes[{j}]"),
            format!(
                "programme {:?} lists outcome metric {outcome:?}, which belongs to programme {belongs:?}",
                programme.id.as_str(),
            ),
        );
    }
}

/// What `negative-money` is asked about: a programme's budget or a portfolio's value.
pub(super) enum Valued<'a> {
    /// Programme `i`.
    Programme(usize, &'a Programme, ProgrammeLinks<'a>),
    /// Portfolio `i`.
    Portfolio(usize, &'a Portfolio, PortfolioLinks<'a>),
}

/// `negative-money`: budgets and portfolio values are not negative.
pub(super) fn negative_money(figures: &[FigureFacts], valued: &Valued<'_>, report: &mut Report) {
    match *valued {
        Valued::Programme(i, programme, links) => {
            let negative = match &programme.budget {
                Some(Budget::Exact(money)) => money.is_negative(),
                Some(Budget::Figure(_)) => {
                    fact(figures, links.budget_figure()).is_some_and(|f| f.negative_money)
                }
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
        Valued::Portfolio(i, portfolio, links) => {
            let value = fact(figures, links.total_value());
            if value.is_some_and(|f| f.negative_money) {
                report.push(
                    Rule::NegativeMoney,
                    format!("portfolios[{i}].total_value"),
                    format!("portfolio {:?} has a negative value", portfolio.id.as_str()),
                );
            }
        }
    }
}

/// `result-outside-programme`: a programme's results are dated inside the programme's life.
pub(super) fn result_outside_programme(
    data: &Dataset,
    (figures, lives): (&[FigureFacts], &[Option<Period>]),
    i: usize,
    (metric, links): (&OutcomeMetric, OutcomeLinks<'_>),
    report: &mut Report,
) {
    let life = position(links.programme()).and_then(|p| lives.get(p).copied().flatten());
    let Some(life) = life else {
        return;
    };
    for (name, slot) in [("target", links.target()), ("actual", links.actual())] {
        let Some(as_of) = fact(figures, slot).and_then(|f| f.as_of) else {
            continue;
        };
        if may_overlap(life, as_of) {
            continue;
        }
        let figure = position(slot)
            .and_then(|f| data.figures().get(f))
            .map_or("", |f| f.id().as_str());
        report.push(
            Rule::ResultOutsideProgramme,
            format!("outcomes[{i}].{name}"),
            format!(
                "figure {figure:?} is dated {as_of}, outside the life of programme {:?} ({life})",
                metric.programme.as_str()
            ),
        );
    }
}

/// `period-after-as-of`: a figure's period does not end after the date it was true on.
pub(super) fn period_after_as_of(
    data: &Dataset,
    figures: &[FigureFacts],
    i: usize,
    report: &mut Report,
) {
    if !figures.get(i).is_some_and(|f| f.ends_after_as_of) {
        return;
    }
    let Some(figure) = data.figures().get(i) else {
        return;
    };
    if let (Some(period), Some(as_of)) = (figure.period(), figure.as_of()) {
        report.push(
            Rule::PeriodAfterAsOf,
            format!("figures[{i}].period"),
            format!(
                "figure {:?} covers {period}, which ends after the date it was true on ({as_of})",
                figure.id().as_str()
            ),
        );
    }
}

/// `average-not-about`: a portfolio's average per project is "about" when its count or value
/// is not exact.
pub(super) fn average_not_about(
    figures: &[FigureFacts],
    i: usize,
    (portfolio, links): (&Portfolio, PortfolioLinks<'_>),
    report: &mut Report,
) {
    let inexact = |slot: u32| fact(figures, slot).is_some_and(|f| !f.exact);
    let average = fact(figures, links.average_value());
    if average.is_some_and(|a| a.exact)
        && (inexact(links.total_value()) || inexact(links.project_count()))
    {
        let average = portfolio.average_value.as_ref().map_or("", |a| a.as_str());
        report.push(
            Rule::AverageNotAbout,
            format!("portfolios[{i}].average_value"),
            format!(
                "figure {average:?} states an exact average, but the count or value it comes from is not exact"
            ),
        );
    }
}

/// The facts of the figure a reference names, when it names one.
fn fact(figures: &[FigureFacts], slot: u32) -> Option<&FigureFacts> {
    position(slot).and_then(|f| figures.get(f))
}
