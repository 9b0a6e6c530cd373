//! The rules, each a pass over the dataset that is linear in its size.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::references::At;
use super::tables::{FigureFacts, Holders, Holding, Walk};
use super::{Report, Rule};
use crate::dataset::{host_links, participant_links, position, Dataset, Numbering, MISSING};
use crate::date::{PartialDate, Period};
use crate::id::{FrameworkId, OfficialId};
use crate::model::{Budget, Capacity, Meeting};

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

/// Whether the period and the partial date can share a day.
fn may_overlap(period: Period, date: PartialDate) -> bool {
    period.start().is_none_or(|s| s.earliest() <= date.latest())
        && period.end().is_none_or(|e| date.earliest() <= e.latest())
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

/// The meetings of one framework, with the framework's position when it is in the dataset.
struct Group<'a> {
    framework: &'a FrameworkId,
    position: Option<usize>,
    /// Where the group's meetings end among all meetings ordered by group.
    end: usize,
}

/// A meeting as the ordinal rules need it.
#[derive(Clone, Copy)]
struct Dated {
    at: usize,
    date: PartialDate,
    ordinal: Option<u32>,
}

#[allow(clippy::too_many_lines)] // the participant rules share the meeting's look-ups
pub(super) fn meetings(data: &Dataset, report: &mut Report) {
    let holders = Holders::new(data);
    let mut walk = Walk::default();
    // Groups in the order their frameworks first appear, so the report's order is stable;
    // meetings of a framework not in the dataset are grouped by its identifier.
    let mut group_of = vec![usize::MAX; data.frameworks().len()];
    let mut unknown: HashMap<&FrameworkId, usize, RandomState> = HashMap::default();
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut dated: Vec<(usize, Dated)> = Vec::with_capacity(data.meetings().len());
    for (i, meeting) in data.meetings().iter().enumerate() {
        let slots = data.meetings.links.of(i);
        let framework_at = slots.first().copied().and_then(position);
        let next = groups.len();
        let group = match framework_at.and_then(|f| group_of.get_mut(f)) {
            Some(g) if *g == usize::MAX => {
                *g = next;
                next
            }
            Some(g) => *g,
            None => *unknown.entry(&meeting.framework).or_insert(next),
        };
        if group == next {
            groups.push(Group {
                framework: &meeting.framework,
                position: framework_at,
                end: 0,
            });
        }
        if let Some(g) = groups.get_mut(group) {
            g.end = g.end.saturating_add(1);
        }
        let entry = Dated {
            at: i,
            date: meeting.date,
            ordinal: meeting.ordinal,
        };
        dated.push((group, entry));
        let at = At("meetings", i);
        let framework = framework_at.and_then(|f| data.frameworks().get(f));
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
        let participants = meeting.participants.len();
        for (j, [official, post, _]) in participant_links(slots, participants).enumerate() {
            // Officials not in the dataset cannot be told apart by position: compare their text.
            let text = || meeting.participants.get(j).map(|p| &p.official);
            let twice = if official == MISSING {
                meeting
                    .participants
                    .iter()
                    .take(j)
                    .any(|q| Some(&q.official) == text())
            } else {
                participant_links(slots, j).any(|[earlier, _, _]| earlier == official)
            };
            if twice {
                report.push(
                    Rule::ParticipantTwice,
                    format!("{at}.participants[{j}]"),
                    format!(
                        "official {:?} takes part in meeting {:?} more than once",
                        text().map_or("", OfficialId::as_str),
                        meeting.id.as_str()
                    ),
                );
            }
            if let Some(post) = position(post) {
                let claim = Claim {
                    participant: j,
                    official,
                    post,
                };
                post_held(data, report, &holders, meeting, at, &claim);
            }
        }
        if let Some(f) = framework_at {
            let hosts = host_links(slots, meeting);
            let day = meeting.date.earliest();
            let parties = framework.map_or(0, |f| f.parties.len());
            let party_slots = data.frameworks.links.of(f).get(..parties).unwrap_or(&[]);
            for (k, &host) in hosts.iter().enumerate() {
                if party_slots.is_empty() {
                    break;
                }
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
                    // An organisation not in the dataset has no parents: only its own
                    // identifier can match.
                    let party = framework.and_then(|f| f.parties.get(n));
                    represents().is_some_and(|(_, p)| Some(&p.represents) == party)
                };
                if party_slots.iter().enumerate().any(belongs) {
                    continue;
                }
                let (j, name) = represents().map_or((0, ""), |(j, p)| (j, p.represents.as_str()));
                report.push(
                    Rule::HostNotParty,
                    format!("{at}.participants[{j}].represents"),
                    format!(
                        "the host of meeting {:?} acts for {name:?}, which is neither a party of framework {:?} nor part of one",
                        meeting.id.as_str(), meeting.framework.as_str()
                    ),
                );
            }
        }
    }
    // Meetings ordered by group (a counting sort), then each group by date.
    let mut total = 0_usize;
    for group in &mut groups {
        total = total.saturating_add(group.end);
        group.end = total;
    }
    let mut next: Vec<usize> = groups.iter().map(|g| g.end).collect();
    let mut by_group: Vec<Dated> = dated.iter().map(|&(_, entry)| entry).collect();
    for &(group, entry) in dated.iter().rev() {
        if let Some(end) = next.get_mut(group) {
            *end = end.saturating_sub(1);
            if let Some(slot) = by_group.get_mut(*end) {
                *slot = entry;
            }
        }
    }
    let mut start = 0;
    let mut scratch = Vec::new();
    for group in &groups {
        if let Some(list) = by_group.get_mut(start..group.end) {
            list.sort_by_key(|m| (m.date.sort_key(), m.ordinal, m.at));
            ordinals(data, report, group, list, &mut scratch);
        }
        start = group.end;
    }
}

/// A participant's claim to hold a post: the participant's place in the meeting, its
/// official's position (or [`MISSING`]) and the post's position.
struct Claim {
    participant: usize,
    official: u32,
    post: usize,
}

fn post_held(
    data: &Dataset,
    report: &mut Report,
    holders: &Holders,
    meeting: &Meeting,
    at: At,
    claim: &Claim,
) {
    // The official's identifier, read only where positions cannot decide or a problem is told.
    let text = || {
        meeting
            .participants
            .get(claim.participant)
            .map(|p| &p.official)
    };
    let is_theirs = |h: &&Holding| {
        h.official == claim.official
            && (h.official != MISSING
                || data
                    .appointments()
                    .get(h.appointment)
                    .is_some_and(|a| Some(&a.official) == text()))
    };
    let held = || holders.of(claim.post).iter().filter(is_theirs);
    if held().any(|h| holds_certainly(data, h, meeting.date)) {
        return;
    }
    let post = data.posts().get(claim.post);
    let path = format!("{at}.participants[{}].post", claim.participant);
    let who = format!("official {:?}", text().map_or("", OfficialId::as_str));
    let post_id = post.map_or("", |p| p.id.as_str());
    let title = post.map_or("", |p| p.title.as_str());
    if held().next().is_none() {
        report.push(
            Rule::PostNotHeld,
            path,
            format!("{who} holds no appointment to post {post_id:?} ({title}) in the dataset"),
        );
    } else if held().any(|h| h.tenure.is_none_or(|t| may_overlap(t, meeting.date))) {
        report.push(
            Rule::PostUncertain,
            path,
            format!("{who} may not have held post {post_id:?} ({title}) on {}: no tenure or source shows it for that date", meeting.date),
        );
    } else {
        report.push(
            Rule::PostNotHeld,
            path,
            format!(
                "{who} did not hold post {post_id:?} ({title}) on {}",
                meeting.date
            ),
        );
    }
}

fn ordinals(
    data: &Dataset,
    report: &mut Report,
    group: &Group<'_>,
    list: &[Dated],
    firsts: &mut Vec<(u32, usize)>,
) {
    let framework = group.framework;
    let id = |i: usize| data.meetings().get(i).map_or("", |m| m.id.as_str());
    // For each stated ordinal, the first meeting in date order that states it.
    firsts.clear();
    firsts.extend(
        list.iter()
            .enumerate()
            .filter_map(|(rank, m)| m.ordinal.map(|o| (o, rank))),
    );
    firsts.sort_unstable();
    firsts.dedup_by_key(|(ordinal, _)| *ordinal);
    let first_of = |ordinal: u32| {
        firsts
            .binary_search_by_key(&ordinal, |(o, _)| *o)
            .ok()
            .and_then(|k| firsts.get(k))
            .map(|(_, rank)| *rank)
    };
    let mut highest: Option<(u32, PartialDate)> = None;
    let mut numbering = Numbering::default();
    let mut gaps = Vec::new();
    for (rank, meeting) in list.iter().enumerate() {
        let i = meeting.at;
        gaps.extend(numbering.next(meeting.ordinal).1);
        let Some(ordinal) = meeting.ordinal else {
            continue;
        };
        if let Some(first) = first_of(ordinal)
            .filter(|&r| r != rank)
            .and_then(|r| list.get(r))
        {
            report.push(
                Rule::OrdinalDuplicate,
                format!("meetings[{i}].ordinal"),
                format!(
                    "meetings[{}] and meeting {:?} both state ordinal {ordinal} of framework {:?}",
                    first.at,
                    id(i),
                    framework.as_str()
                ),
            );
            continue;
        }
        if let Some((top, date)) = highest {
            if ordinal < top && meeting.date > date {
                report.push(
                    Rule::OrdinalOrder,
                    format!("meetings[{i}].ordinal"),
                    format!("meeting {:?} ({}) states ordinal {ordinal}, below the {top} of an earlier meeting ({date})", id(i), meeting.date),
                );
            }
        }
        if highest.is_none_or(|(top, _)| ordinal > top) {
            highest = Some((ordinal, meeting.date));
        }
    }
    for gap in gaps {
        let (from, to) = (*gap.start(), *gap.end());
        let which = if from == to {
            format!("meeting {from}")
        } else {
            format!("meetings {from} to {to}")
        };
        let verb = if from == to { "is" } else { "are" };
        let path = match group.position {
            Some(index) => format!("frameworks[{index}]"),
            None => format!("meetings[{}].framework", list.first().map_or(0, |m| m.at)),
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

pub(super) fn programmes(data: &Dataset, figures: &[FigureFacts], report: &mut Report) {
    let programmes = &data.programmes;
    let mut lives = Vec::with_capacity(programmes.items.len());
    for (i, programme) in programmes.items.iter().enumerate() {
        lives.push(programme.life());
        // A programme's references start with its budget's figure, its framework and its
        // outcome metrics.
        let slots = programmes.links.of(i);
        let outcomes = slots
            .get(2..programme.outcomes.len().saturating_add(2))
            .unwrap_or_default();
        let itself = programmes.first_of(i, &programme.id);
        for (j, &slot) in outcomes.iter().enumerate() {
            let Some(m) = position(slot) else {
                continue;
            };
            // An outcome metric's first reference is its programme.
            let names = data
                .outcomes
                .links
                .of(m)
                .first()
                .copied()
                .and_then(position);
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
        let negative = match &programme.budget {
            Some(Budget::Exact(money)) => money.is_negative(),
            Some(Budget::Figure(_)) => {
                fact(figures, slots.first()).is_some_and(|f| f.negative_money)
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
    for (i, metric) in data.outcomes().iter().enumerate() {
        // An outcome metric's references: programme, baseline, target, actual.
        let slots = data.outcomes.links.of(i);
        let life = slots
            .first()
            .copied()
            .and_then(position)
            .and_then(|p| lives.get(p).copied().flatten());
        let Some(life) = life else {
            continue;
        };
        for (name, slot) in [("target", slots.get(2)), ("actual", slots.get(3))] {
            let Some(as_of) = fact(figures, slot).and_then(|f| f.as_of) else {
                continue;
            };
            if may_overlap(life, as_of) {
                continue;
            }
            let figure = slot
                .copied()
                .and_then(position)
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
}

/// The facts of the figure a reference names, when it names one.
fn fact<'a>(figures: &'a [FigureFacts], slot: Option<&u32>) -> Option<&'a FigureFacts> {
    slot.copied()
        .and_then(position)
        .and_then(|f| figures.get(f))
}

pub(super) fn figures(data: &Dataset, figures: &[FigureFacts], report: &mut Report) {
    for (i, _) in figures
        .iter()
        .enumerate()
        .filter(|(_, f)| f.ends_after_as_of)
    {
        let Some(figure) = data.figures().get(i) else {
            continue;
        };
        if let (Some(period), Some(as_of)) = (figure.period(), figure.as_of()) {
            report.push(
                Rule::PeriodAfterAsOf,
                format!("figures[{i}].period"),
                format!("figure {:?} covers {period}, which ends after the date it was true on ({as_of})", figure.id().as_str()),
            );
        }
    }
    for (i, portfolio) in data.portfolios().iter().enumerate() {
        // A portfolio's references start with its project count, total and average value.
        let slots = data.portfolios.links.of(i);
        let count = fact(figures, slots.first());
        let value = fact(figures, slots.get(1));
        let average = fact(figures, slots.get(2));
        if value.is_some_and(|f| f.negative_money) {
            report.push(
                Rule::NegativeMoney,
                format!("portfolios[{i}].total_value"),
                format!("portfolio {:?} has a negative value", portfolio.id.as_str()),
            );
        }
        let inexact = |f: Option<&FigureFacts>| f.is_some_and(|f| !f.exact);
        if average.is_some_and(|a| a.exact) && (inexact(value) || inexact(count)) {
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
}
