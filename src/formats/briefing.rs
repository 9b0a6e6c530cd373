//! A readable briefing of a dataset: its frameworks and meetings, programmes and figures, and
//! what validation says.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::dataset::{AppointmentIndex, Dataset};
use crate::date::Period;
use crate::figure::{Figure, Subject, Unit};
use crate::model::{Capacity, Funder, Meeting, Participant, Programme};
use crate::validate::Severity;

/// A plain-text briefing of `data`, the way an analyst would read it.
///
/// For each framework: its parties, areas and establishment, then each meeting in order with its
/// date, mode, host (name, post that day, organisation acted for), participants grouped by the
/// organisation they represented with the post each held that day, topics and documents. Then
/// each programme with its funders, implementers, geography and results, each portfolio with its
/// count, value and average (marked "about" where it is), the other figures, and the validation
/// report's problems. Figures are worded with their comparators.
///
/// # Example
///
/// ```
/// use partnerships::{data, formats::briefing};
///
/// let text = briefing(&data::eu_iom_2020());
/// assert!(text.contains("more than 84,000 migrants protected and assisted in returning to their home country"));
/// assert!(text.contains("Maciej Popowski, Acting Director-General, DG NEAR"));
/// ```
#[must_use]
pub fn briefing(data: &Dataset) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_briefing(&mut out, data);
    out
}

fn write_briefing(out: &mut String, data: &Dataset) -> std::fmt::Result {
    let held = AppointmentIndex::new(data);
    for framework in data.frameworks() {
        writeln!(out, "{}", framework.name)?;
        let parties: Vec<String> = framework
            .parties
            .iter()
            .map(|p| {
                data.organisation(p)
                    .map_or_else(|| p.to_string(), |o| named(&o.name, o.acronym.as_deref()))
            })
            .collect();
        if !parties.is_empty() {
            writeln!(out, "  parties: {}", parties.join("; "))?;
        }
        if let Some(established) = framework.established {
            writeln!(out, "  established: {established}")?;
        }
        if !framework.areas.is_empty() {
            writeln!(
                out,
                "  areas of cooperation: {}",
                framework.areas.join(", ")
            )?;
        }
        let series = data.meeting_series(&framework.id);
        for entry in &series.entries {
            writeln!(out)?;
            let how = if entry.stated {
                ""
            } else {
                " (ordinal derived)"
            };
            write_meeting(out, data, &held, entry.meeting, entry.ordinal, how)?;
        }
        writeln!(out)?;
    }
    for programme in data.programmes() {
        write_programme(out, data, programme)?;
        writeln!(out)?;
    }
    for portfolio in data.portfolios() {
        let parties: Vec<&str> = portfolio
            .parties
            .iter()
            .map(|p| data.organisation(p).map_or(p.as_str(), |o| o.short_name()))
            .collect();
        write!(out, "Portfolio of {}", parties.join(" and "))?;
        match portfolio.period {
            Some(period) => writeln!(out, ", {}", period_words(period))?,
            None => writeln!(out)?,
        }
        for id in [&portfolio.project_count, &portfolio.total_value] {
            if let Some(figure) = data.figure(id) {
                writeln!(out, "  {figure}")?;
            }
        }
        if let Some(average) = portfolio
            .average_value
            .as_ref()
            .and_then(|id| data.figure(id))
        {
            writeln!(out, "  {average} (derived)")?;
        }
        writeln!(out)?;
    }
    let shown: Vec<&Figure> = data
        .figures()
        .iter()
        .filter(|f| {
            f.subjects()
                .iter()
                .any(|s| matches!(s, Subject::Organisation(_) | Subject::Framework(_)))
        })
        .collect();
    if !shown.is_empty() {
        writeln!(out, "Other figures")?;
        for figure in shown {
            writeln!(out, "  {}", figure_words(data, figure))?;
        }
        writeln!(out)?;
    }
    let report = data.validate();
    writeln!(out, "Validation")?;
    if report.is_clean() {
        writeln!(out, "  no problems")?;
    }
    for severity in [Severity::Error, Severity::Warning, Severity::Note] {
        for problem in report.with_severity(severity) {
            writeln!(
                out,
                "  {severity}: {} ({}, at {})",
                problem.message, problem.rule, problem.path
            )?;
        }
    }
    Ok(())
}

fn named(name: &str, acronym: Option<&str>) -> String {
    match acronym {
        Some(acronym) if acronym != name => format!("{name} ({acronym})"),
        _ => name.to_owned(),
    }
}

fn ordinal_words(n: u32) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let index = usize::try_from(n).ok().and_then(|n| n.checked_sub(1));
    match index.and_then(|i| WORDS.get(i)) {
        Some(word) => (*word).to_owned(),
        None => format!("no. {n}"),
    }
}

fn period_words(period: Period) -> String {
    match (period.start(), period.end()) {
        (Some(start), Some(end)) => format!("{start} to {end}"),
        (Some(start), None) => format!("since {start}"),
        (None, Some(end)) => format!("until {end}"),
        (None, None) => "at any time".to_owned(),
    }
}

/// A figure as a sentence part: its quantity and what it counts, and its period; a rank after
/// the organisations it ranks ("European Union and Member States of the European Union,
/// together: the largest contributors to IOM's budget").
fn figure_words(data: &Dataset, figure: &Figure) -> String {
    let mut text = match figure.unit() {
        Unit::Rank => {
            let ranked: Vec<&str> = figure
                .subjects()
                .iter()
                .filter_map(|s| match s {
                    Subject::Organisation(id) => data.organisation(id).map(|o| o.name.as_str()),
                    _ => None,
                })
                .collect();
            match ranked.as_slice() {
                [] => figure.to_string(),
                [one] => format!("{one}: {figure}"),
                several => format!("{}, together: {figure}", several.join(" and ")),
            }
        }
        // A named unit reads best after what it counts: "rank ... : 1".
        Unit::Other(_) if !figure.counts().is_empty() => {
            format!("{}: {}", figure.counts(), figure.quantity())
        }
        _ => figure.to_string(),
    };
    if let Some(period) = figure.period() {
        let _ = write!(text, " ({})", period_words(period));
    }
    text
}

/// The official's name and the title of the post they held on the day.
fn person<'a>(
    data: &'a Dataset,
    held: &AppointmentIndex<'a>,
    participant: &'a Participant,
    day: NaiveDate,
) -> String {
    let name = data
        .official(&participant.official)
        .map_or_else(|| participant.official.to_string(), |o| o.name.clone());
    let title = participant.post.as_ref().and_then(|post| {
        held.get(&participant.official, post)
            .iter()
            .find(|a| a.holds_on(day))
            .and_then(|a| data.title_of(a))
            .or_else(|| data.post(post).map(|p| p.title.clone()))
    });
    match title {
        Some(title) => format!("{name}, {title}"),
        None => name,
    }
}

fn write_meeting<'a>(
    out: &mut String,
    data: &'a Dataset,
    held: &AppointmentIndex<'a>,
    meeting: &'a Meeting,
    ordinal: u32,
    how: &str,
) -> std::fmt::Result {
    let meeting_day = meeting.date.earliest();
    write!(
        out,
        "  The {} meeting{how}: {}",
        ordinal_words(ordinal),
        meeting.date
    )?;
    match meeting.mode {
        Some(mode) => writeln!(out, ", {mode}")?,
        None => writeln!(out)?,
    }
    for host in meeting.hosts() {
        let on_behalf = data
            .organisation(&host.represents)
            .map_or(host.represents.as_str(), |o| o.name.as_str());
        writeln!(
            out,
            "    hosted by {}, on behalf of the {on_behalf}",
            person(data, held, host, meeting_day)
        )?;
    }
    let mut groups: Vec<(&crate::id::OrganisationId, Vec<&Participant>)> = Vec::new();
    for participant in &meeting.participants {
        match groups
            .iter_mut()
            .find(|(org, _)| *org == &participant.represents)
        {
            Some((_, list)) => list.push(participant),
            None => groups.push((&participant.represents, vec![participant])),
        }
    }
    if !groups.is_empty() {
        writeln!(out, "    participants:")?;
    }
    for (organisation, participants) in groups {
        let name = data
            .organisation(organisation)
            .map_or(organisation.as_str(), |o| o.name.as_str());
        writeln!(out, "      for the {name}:")?;
        for participant in participants {
            let capacity = match participant.capacity {
                Capacity::Participant => String::new(),
                other => format!(" ({other})"),
            };
            writeln!(
                out,
                "        {}{capacity}",
                person(data, held, participant, meeting_day)
            )?;
        }
    }
    if !meeting.topics.is_empty() {
        writeln!(out, "    topics:")?;
        for topic in &meeting.topics {
            writeln!(out, "      - {topic}")?;
        }
    }
    for document in &meeting.documents {
        write!(out, "    document: {}", document.title)?;
        let by = document
            .by
            .as_ref()
            .and_then(|b| data.organisation(b))
            .map(|o| o.name.as_str());
        match (&document.event, document.date, by) {
            (Some(event), Some(when), Some(by)) => {
                writeln!(out, ", {event} by the {by} on {when}")?;
            }
            (Some(event), Some(when), None) => writeln!(out, ", {event} on {when}")?,
            (_, Some(when), _) => writeln!(out, ", {when}")?,
            _ => writeln!(out)?,
        }
    }
    Ok(())
}

fn write_programme(out: &mut String, data: &Dataset, programme: &Programme) -> std::fmt::Result {
    writeln!(out, "{}", programme.name)?;
    if let Some(launched) = programme.launched {
        writeln!(out, "  launched: {launched}")?;
    }
    let funders: Vec<String> = programme
        .funders
        .iter()
        .map(|f| match f {
            Funder::Organisation(id) => data
                .organisation(id)
                .map_or_else(|| id.to_string(), |o| o.name.clone()),
            Funder::Fund(id) => data
                .fund(id)
                .map_or_else(|| id.to_string(), |f| f.name.clone()),
        })
        .collect();
    if !funders.is_empty() {
        writeln!(out, "  funded by: {}", funders.join("; "))?;
    }
    let implementers: Vec<&str> = programme
        .implementers
        .iter()
        .map(|id| {
            data.organisation(id)
                .map_or(id.as_str(), |o| o.name.as_str())
        })
        .collect();
    if !implementers.is_empty() {
        writeln!(out, "  implemented by: {}", implementers.join("; "))?;
    }
    let mut places: Vec<String> = programme.regions.clone();
    places.extend(programme.countries.iter().map(|c| c.name().to_owned()));
    if !places.is_empty() {
        writeln!(out, "  where: {}", places.join(", "))?;
    }
    let results = data.figures_about(&Subject::Programme(programme.id.clone()));
    if !results.is_empty() {
        writeln!(out, "  results reported:")?;
        for figure in results {
            let as_of = figure
                .as_of()
                .map(|d| format!(", as of {d}"))
                .unwrap_or_default();
            writeln!(out, "    - {}{as_of}", figure_words(data, figure))?;
        }
    }
    Ok(())
}
